//! syn nodes built directly, for the parts of the module that grow with the
//! catalog (one variant, three match arms and one `ErrorInfo` per code).
//!
//! Writing those with `quote!` and parsing them back costs three times what
//! printing them does: at 10,000 codes, 0.6 s to build the token trees and
//! 1.2 s to parse 21 MB of them. The fixed scaffolding around them is still
//! written with `quote!` and parsed; these builders fill its empty arrays and
//! matches. The printed result is the same either way, which
//! `codegen/tests/generated.rs` holds to the golden files.

use proc_macro2::{Literal, Span};
use syn::punctuated::Punctuated;
use syn::{
    Arm, AttrStyle, Attribute, Expr, ExprArray, ExprCall, ExprLit, ExprMatch, ExprPath,
    ExprReference, ExprStruct, FieldValue, Ident, ImplItem, ItemImpl, Lit, LitBool, LitStr, Member,
    Meta, MetaNameValue, Pat, Path, PathSegment,
};

pub fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

/// `A::B::C`.
pub fn path(segments: &[&str]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|s| PathSegment::from(ident(s)))
            .collect(),
    }
}

/// The path `A::B` as an expression.
pub fn path_expr(segments: &[&str]) -> Expr {
    Expr::Path(expr_path(segments))
}

fn expr_path(segments: &[&str]) -> ExprPath {
    ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments),
    }
}

fn expr_lit(lit: Lit) -> ExprLit {
    ExprLit {
        attrs: Vec::new(),
        lit,
    }
}

fn lit_expr(lit: Lit) -> Expr {
    Expr::Lit(expr_lit(lit))
}

/// A string literal as a token syn leaves alone: prettyplease prints it as
/// it is. `Lit::Str` would cost an unescaping pass per string (syn checks
/// the token's value when it makes one), and nothing reads the value back.
fn str_lit(s: &str) -> Lit {
    Lit::Verbatim(string_literal(s))
}

/// The string literal token for `s`, as `Literal::string` writes it.
///
/// `Literal::string` escapes one `char` at a time through
/// `char::escape_debug`; at 10,000 codes that was a fifth of the Rust
/// emitter's time. Catalog text is nearly all printable ASCII, whose only
/// escapes are `\n`, `\t`, `\r`, `"` and `\\`, so that text is written here
/// and only the rest goes through `Literal::string`. proc-macro2 still
/// lexes the token; the unit test below holds both paths to the same one.
pub fn string_literal(s: &str) -> Literal {
    let mut repr = String::with_capacity(s.len() + 2);
    repr.push('"');
    for b in s.bytes() {
        match b {
            b'"' => repr.push_str("\\\""),
            b'\\' => repr.push_str("\\\\"),
            b'\n' => repr.push_str("\\n"),
            b'\t' => repr.push_str("\\t"),
            b'\r' => repr.push_str("\\r"),
            b' '..=b'~' => repr.push(char::from(b)),
            _ => return Literal::string(s),
        }
    }
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(s))
}

/// A string literal.
pub fn str_expr(s: &str) -> Expr {
    lit_expr(str_lit(s))
}

/// An integer literal, written as `lit` writes it (`7`, `7u16`, `7usize`).
pub fn int_expr(lit: Literal) -> Expr {
    lit_expr(Lit::new(lit))
}

/// `true` or `false`.
pub fn bool_expr(b: bool) -> Expr {
    lit_expr(Lit::Bool(LitBool::new(b, Span::call_site())))
}

/// `Some(e)`.
pub fn some(e: Expr) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(&["Some"])),
        paren_token: Default::default(),
        args: Punctuated::from_iter([e]),
    })
}

/// `Some(f(v))` or `None`.
pub fn option<T>(o: Option<T>, f: impl FnOnce(T) -> Expr) -> Expr {
    match o {
        Some(v) => some(f(v)),
        None => path_expr(&["None"]),
    }
}

/// `[a, b, ...]`.
pub fn array(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: Punctuated::from_iter(elems),
    })
}

/// `&[a, b, ...]`.
pub fn slice(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(array(elems)),
    })
}

/// `Name { field: value, ... }` (or `Enum::Variant { ... }`).
pub fn struct_expr<'a>(name: &[&str], fields: impl IntoIterator<Item = (&'a str, Expr)>) -> Expr {
    Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(name),
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|(name, expr)| FieldValue {
                attrs: Vec::new(),
                member: Member::Named(ident(name)),
                colon_token: Some(Default::default()),
                expr,
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `#[doc = "..."]`, which prints as a `///` line.
pub fn doc_attr(line: &str) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: Meta::NameValue(MetaNameValue {
            path: path(&["doc"]),
            eq_token: Default::default(),
            value: lit_expr(doc_lit(line)),
        }),
    }
}

/// The `Lit::Str` of one doc line, which prettyplease prints as `///` and
/// the line.
///
/// A line without `"` is written as the raw string `r"..."`: syn checks a
/// string literal's value when it makes one and prettyplease reads it back,
/// and a raw string's value is its text, where a cooked one is unescaped
/// a char at a time (and `LitStr::new` escapes it the same way first).
/// At 10,000 codes that took a tenth off the Rust emitter's instruction
/// count. The printed line is the same either way.
fn doc_lit(line: &str) -> Lit {
    if !line.contains(['"', '\r'])
        && let Ok(token) = format!("r\"{line}\"").parse::<Literal>()
        && let lit @ Lit::Str(_) = Lit::new(token)
    {
        return lit;
    }
    Lit::Str(LitStr::new(line, Span::call_site()))
}

/// A unit variant with its docs and, when given, an explicit discriminant.
pub fn variant(docs: Vec<Attribute>, name: &str, discriminant: Option<Literal>) -> syn::Variant {
    syn::Variant {
        attrs: docs,
        ident: ident(name),
        fields: syn::Fields::Unit,
        discriminant: discriminant.map(|d| (Default::default(), int_expr(d))),
    }
}

/// An integer literal pattern, written as `lit` writes it.
pub fn int_pat(lit: Literal) -> Pat {
    Pat::Lit(expr_lit(Lit::new(lit)))
}

/// A string literal pattern.
pub fn str_pat(s: &str) -> Pat {
    Pat::Lit(expr_lit(str_lit(s)))
}

/// The path `A::B` as a pattern.
pub fn path_pat(segments: &[&str]) -> Pat {
    Pat::Path(expr_path(segments))
}

/// `pat => body,`.
pub fn arm(pat: Pat, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// The `match` that makes up the body of method `name`.
pub fn method_match<'a>(imp: &'a mut ItemImpl, name: &str) -> Option<&'a mut ExprMatch> {
    imp.items.iter_mut().find_map(|item| match item {
        ImplItem::Fn(f) if f.sig.ident == name => match f.block.stmts.as_mut_slice() {
            [syn::Stmt::Expr(Expr::Match(m), None)] => Some(m),
            _ => None,
        },
        _ => None,
    })
}

/// The array literal that is the value of associated const `name`.
pub fn const_array<'a>(imp: &'a mut ItemImpl, name: &str) -> Option<&'a mut ExprArray> {
    imp.items.iter_mut().find_map(|item| match item {
        ImplItem::Const(k) if k.ident == name => match &mut k.expr {
            Expr::Array(a) => Some(a),
            _ => None,
        },
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_match_proc_macro2() {
        let samples = [
            "",
            "plain text",
            "quote \" and backslash \\ and 'apostrophe'",
            "lines\nand\ttabs\r\n",
            "control \u{0} \u{1} \u{1b} \u{7f}",
            "\u{0}7 octal-looking",
            "non-ASCII: café, 日本, \u{301} combining, \u{200b} zero width, \u{202e} bidi",
            "emoji 🚀 and \u{feff} BOM",
            "~ ` { } $ all printable ASCII !#%&()*+,-./:;<=>?@[]^_|",
        ];
        for s in samples {
            assert_eq!(
                string_literal(s).to_string(),
                Literal::string(s).to_string(),
                "{s:?}"
            );
            for lit in [Lit::new(string_literal(s)), doc_lit(s)] {
                match lit {
                    Lit::Str(lit) => assert_eq!(lit.value(), s),
                    _ => panic!("{s:?} made a literal that is not a string"),
                }
            }
        }
    }
}
