//! Reading generated Markdown the way mdBook does, for the Markdown and
//! property tests.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The extensions mdBook turns on, so the checks see what mdBook sees.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn events(md: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    Parser::new_ext(md, options()).into_offset_iter().collect()
}

/// Number of cells in a GFM table row as written. As in GitHub's parser
/// and pulldown-cmark, a pipe right after a backslash is part of the cell,
/// even when that backslash follows another (`\\|` is a backslash and an
/// escaped pipe), and inside code spans too.
pub fn source_cells(line: &str) -> usize {
    let line = line.trim();
    assert!(
        line.starts_with('|') && line.ends_with('|') && !line.ends_with("\\|"),
        "row not fenced by pipes: {line:?}"
    );
    let bytes = line.as_bytes();
    let pipes = (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count();
    pipes - 1
}

/// Every table keeps its column count: the delimiter row, the header and
/// every row have as many cells as the table has columns.
pub fn check_tables(name: &str, md: &str) {
    let tables = tables(name, md);
    assert!(tables >= 2, "{name}: the status and index tables");
}

/// The number of tables in `md`, each checked as [`check_tables`] does.
pub fn tables(name: &str, md: &str) -> usize {
    let mut header: Option<usize> = None;
    let mut columns = 0;
    let mut tables = 0;
    for (ev, range) in events(md) {
        match ev {
            Event::Start(Tag::Table(aligns)) => {
                tables += 1;
                columns = aligns.len();
                // The delimiter row is the second line of the table.
                let delim = md[range.clone()].lines().nth(1).expect("delimiter row");
                assert_eq!(
                    source_cells(delim),
                    columns,
                    "{name}: delimiter row {delim:?}"
                );
                header = None;
            }
            Event::Start(Tag::TableHead) => {
                let n = source_cells(&md[range.clone()]);
                assert_eq!(n, columns, "{name}: header {:?}", &md[range]);
                header = Some(n);
            }
            Event::Start(Tag::TableRow) => {
                let n = source_cells(&md[range.clone()]);
                assert_eq!(
                    Some(n),
                    header,
                    "{name}: row has {n} cells, header {header:?}: {:?}",
                    &md[range]
                );
            }
            _ => {}
        }
    }
    tables
}

/// Code span contents and code block contents, as the parser reads them.
pub fn code_texts(md: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut spans = BTreeSet::new();
    let mut blocks = BTreeSet::new();
    let mut block: Option<String> = None;
    for (ev, _) in events(md) {
        match ev {
            Event::Code(t) => {
                spans.insert(t.to_string());
            }
            Event::Start(Tag::CodeBlock(_)) => block = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => blocks.extend(block.take()),
            Event::Text(t) => {
                if let Some(b) = block.as_mut() {
                    b.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (spans, blocks)
}
