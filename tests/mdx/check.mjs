// Compiles and runs every .mdx page under the directories given, as MDX
// doc sites read them: the front matter split off and parsed with
// gray-matter (js-yaml, as Docusaurus and Mintlify do), the body compiled
// by @mdx-js/mdx with GFM (tables) and run. It prints one JSON document:
// per page, the front matter, the HTML elements the page renders and the
// text of each block, for codegen/tests/mdx.rs to check against the
// catalog. A page that does not compile or run is an error: it is listed
// under `errors`, and the exit code is 1.
//
//   node tests/mdx/check.mjs DIR...

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { evaluate } from "@mdx-js/mdx";
import matter from "gray-matter";
import remarkGfm from "remark-gfm";

// A JSX runtime of our own that builds plain objects, so what a page
// renders can be read back without React.
const Fragment = Symbol("Fragment");
const jsx = (type, props) => ({ type, props });
const runtime = { Fragment, jsx, jsxs: jsx };

const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "pre"]);

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...pages(path));
    else if (name.endsWith(".mdx")) out.push(path);
  }
  return out;
}

function text(node) {
  if (node == null || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(text).join("");
  if (node.type === "br") return "\n";
  return text(node.props?.children);
}

// Walks the rendered tree: every element's tag, every link, every block's
// text, and the text of each code block.
function walk(node, page) {
  if (node == null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    node.forEach((n) => walk(n, page));
    return;
  }
  const { type, props = {} } = node;
  if (typeof type === "function") {
    walk(type(props), page);
    return;
  }
  if (type !== Fragment) {
    page.tags.push(String(type));
    if (type === "a") page.links.push(props.href ?? null);
    if (type === "pre") page.code_blocks.push(text(props.children));
    if (BLOCKS.has(type)) page.blocks.push({ tag: type, text: text(props.children) });
  }
  walk(props.children, page);
}

const report = { pages: [], errors: [] };
for (const dir of process.argv.slice(2)) {
  for (const path of pages(dir)) {
    const file = relative(dir, path).split("\\").join("/");
    try {
      const source = readFileSync(path, "utf8");
      const { data, content } = matter(source);
      const { default: Content } = await evaluate(content, {
        ...runtime,
        remarkPlugins: [remarkGfm],
      });
      const page = { root: dir, file, front_matter: data, tags: [], links: [], blocks: [], code_blocks: [] };
      walk(Content({}), page);
      page.tags = [...new Set(page.tags)].sort();
      report.pages.push(page);
    } catch (e) {
      report.errors.push({ root: dir, file, error: String(e && e.message ? e.message : e) });
    }
  }
}
process.stdout.write(JSON.stringify(report));
process.exitCode = report.errors.length ? 1 : 0;
