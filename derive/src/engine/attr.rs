//! Reading the derive's attributes into plain data, keeping every token's
//! span so later errors point at what the user wrote.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, Lit, LitInt, LitStr, Token};

/// One comma-separated item of `#[code(...)]`, not yet checked.
pub enum Item {
    /// `435`
    Number(LitInt),
    /// `"23505"`
    Text(LitStr),
    /// `relink`, `retryable`, `other`, or an unknown word.
    Word(Ident),
    /// `platform = "reddit"`, `http = 429`, `group = "..."`.
    KeyValue(Ident, Lit),
}

impl syn::parse::Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Item> {
        if input.peek(LitInt) {
            return Ok(Item::Number(input.parse()?));
        }
        if input.peek(LitStr) {
            return Ok(Item::Text(input.parse()?));
        }
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Ok(Item::KeyValue(key, input.parse()?))
        } else {
            Ok(Item::Word(key))
        }
    }
}

/// What the variant holds.
pub enum Shape {
    Unit,
    /// One unnamed field: allowed for the fallback only.
    OneField,
    /// Anything else; the span points at the fields.
    Other(Span),
}

pub struct Variant {
    pub ident: Ident,
    pub shape: Shape,
    /// The `#[code]` attributes' items; empty when there is none.
    pub items: Vec<Item>,
    pub has_attr: bool,
}

/// `#[from_code(krate = "...")]` on the enum.
#[derive(Default)]
pub struct Options {
    /// The path of the crate that holds `Code`, when it is not the
    /// catalog's crate under its own name (a renamed dependency, a
    /// re-export).
    pub krate: Option<syn::Path>,
}

pub struct Input {
    pub options: Options,
    pub variants: Vec<Variant>,
}

/// Parse the whole derive input, collecting every error.
pub fn parse(input: &DeriveInput, errors: &mut Vec<syn::Error>) -> Option<Input> {
    let data = match &input.data {
        Data::Enum(e) => e,
        Data::Struct(s) => {
            errors.push(syn::Error::new(
                s.struct_token.span,
                "`FromCode` maps error codes onto the variants of an enum; it cannot be derived for a struct",
            ));
            return None;
        }
        Data::Union(u) => {
            errors.push(syn::Error::new(
                u.union_token.span,
                "`FromCode` maps error codes onto the variants of an enum; it cannot be derived for a union",
            ));
            return None;
        }
    };
    let options = options(&input.attrs, errors);
    let mut variants = Vec::new();
    for v in &data.variants {
        let shape = match &v.fields {
            Fields::Unit => Shape::Unit,
            Fields::Unnamed(f) if f.unnamed.len() == 1 => Shape::OneField,
            Fields::Unnamed(f) => Shape::Other(f.paren_token.span.join()),
            Fields::Named(f) => Shape::Other(f.brace_token.span.join()),
        };
        let mut items = Vec::new();
        let mut has_attr = false;
        for attr in v.attrs.iter().filter(|a| a.path().is_ident("code")) {
            has_attr = true;
            match attr.parse_args_with(Punctuated::<Item, Token![,]>::parse_terminated) {
                Ok(list) if list.is_empty() => errors.push(syn::Error::new_spanned(
                    attr,
                    "`#[code()]` is empty: list codes or selectors, such as `#[code(435, relink)]`",
                )),
                Ok(list) => items.extend(list),
                Err(e) => errors.push(e),
            }
        }
        variants.push(Variant {
            ident: v.ident.clone(),
            shape,
            items,
            has_attr,
        });
    }
    Some(Input { options, variants })
}

fn options(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Options {
    let mut o = Options::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("from_code")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("krate") {
                return Err(meta.error(
                    "unknown option; expected `krate = \"crate_name\"` (this derive carries its catalog, so it takes no table)",
                ));
            }
            let lit: LitStr = meta.value()?.parse()?;
            // A name that is not a Rust path would make the generated code
            // fail to parse, far from here; say so on the user's literal.
            match lit.parse::<syn::Path>() {
                Ok(path) => o.krate = Some(path),
                Err(_) => errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "`{}` is not a crate name or path; write the name the crate has in your `Cargo.toml`, with `_` for `-`",
                        lit.value()
                    ),
                )),
            }
            Ok(())
        });
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
    o
}
