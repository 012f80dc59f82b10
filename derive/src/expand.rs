//! Turning a checked plan into impls; on any error, the errors plus stub
//! impls, so the user sees the real problem and not a cascade of "trait
//! not implemented" errors.

use std::path::PathBuf;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident, LitStr};

use crate::attr;
use crate::table::Table;
use crate::valid::{self, Plan};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let parsed = attr::parse(input, &mut errors);
    let options = parsed.as_ref().map(|p| &p.options);
    let (table, tracked) = match load_table(options.and_then(|o| o.table.as_ref())) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            return fallback(
                input,
                &krate_ident(options, None),
                errors,
                TokenStream::new(),
            );
        }
    };
    let krate = krate_ident(options, Some(&table));
    let plan = parsed.and_then(|p| valid::plan(&p, &table, &input.ident, &mut errors));
    match plan {
        Some(plan) if errors.is_empty() => impls(input, &krate, &plan, tracked),
        _ => fallback(input, &krate, errors, tracked),
    }
}

/// The table: the embedded one, or the file an attribute names. A named
/// file is also `include_str!`-ed into the output, so cargo rebuilds the
/// using crate when it changes.
fn load_table(path: Option<&LitStr>) -> Result<(Table, TokenStream), syn::Error> {
    let Some(lit) = path else {
        let table = Table::embedded().map_err(|e| syn::Error::new(Span::call_site(), e))?;
        return Ok((table, TokenStream::new()));
    };
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let full = dir.join(lit.value());
    let text = std::fs::read_to_string(&full).map_err(|e| {
        syn::Error::new(
            lit.span(),
            format!("cannot read the catalog table `{}`: {e}", full.display()),
        )
    })?;
    let table = Table::parse(&text).map_err(|e| syn::Error::new(lit.span(), e))?;
    let shown = full.to_string_lossy().into_owned();
    Ok((
        table,
        quote!(
            const _: &str = include_str!(#shown);
        ),
    ))
}

fn krate_ident(options: Option<&attr::Options>, table: Option<&Table>) -> Ident {
    let name = options
        .and_then(|o| o.krate.as_ref())
        .map(LitStr::value)
        .or_else(|| table.map(|t| t.krate.clone()))
        .unwrap_or_else(|| "ayrshare_errors".to_string());
    format_ident!("{}", name)
}

fn impls(input: &DeriveInput, krate: &Ident, plan: &Plan, tracked: TokenStream) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut arms = Vec::new();
    let mut code_arms = Vec::new();
    let mut map = Vec::new();
    let mut fallback_arm = None;
    for v in &plan.variants {
        let ident = &v.ident;
        let codes = &v.codes;
        let label = ident.to_string();
        map.push(quote!((#label, &[#(#codes),*])));
        if v.is_other {
            let value = if v.holds_code {
                quote!(#name::#ident(code))
            } else {
                quote!(#name::#ident)
            };
            fallback_arm = Some(value);
            let pattern = if v.holds_code {
                quote!(#name::#ident(..))
            } else {
                quote!(#name::#ident)
            };
            code_arms.push(quote!(#pattern => &[#(#codes),*],));
        } else {
            if !codes.is_empty() {
                arms.push(quote!(#(#codes)|* => #name::#ident,));
            }
            code_arms.push(quote!(#name::#ident => &[#(#codes),*],));
        }
    }
    let conversions = match fallback_arm {
        Some(fallback) => quote! {
            impl #impl_generics ::core::convert::From<::#krate::Code> for #name #ty_generics #where_clause {
                fn from(code: ::#krate::Code) -> Self {
                    match code.number() {
                        #(#arms)*
                        _ => #fallback,
                    }
                }
            }

            impl #impl_generics ::core::convert::From<::#krate::ErrorCode> for #name #ty_generics #where_clause {
                fn from(code: ::#krate::ErrorCode) -> Self {
                    <Self as ::core::convert::From<::#krate::Code>>::from(::#krate::Code::from(code))
                }
            }

            impl #impl_generics ::core::convert::From<u32> for #name #ty_generics #where_clause {
                fn from(code: u32) -> Self {
                    <Self as ::core::convert::From<::#krate::Code>>::from(::#krate::Code::from(code))
                }
            }
        },
        // Every catalog code has a variant, but a code the catalog does not
        // know yet has none: the conversion can fail, and says with what.
        None => quote! {
            impl #impl_generics ::core::convert::TryFrom<::#krate::Code> for #name #ty_generics #where_clause {
                type Error = ::#krate::Code;
                fn try_from(code: ::#krate::Code) -> ::core::result::Result<Self, ::#krate::Code> {
                    ::core::result::Result::Ok(match code.number() {
                        #(#arms)*
                        _ => return ::core::result::Result::Err(code),
                    })
                }
            }

            impl #impl_generics ::core::convert::From<::#krate::ErrorCode> for #name #ty_generics #where_clause {
                fn from(code: ::#krate::ErrorCode) -> Self {
                    match <Self as ::core::convert::TryFrom<::#krate::Code>>::try_from(::#krate::Code::from(code)) {
                        ::core::result::Result::Ok(v) => v,
                        // Every code of the catalog is mapped: checked when this impl was made.
                        ::core::result::Result::Err(_) => ::core::unreachable!(),
                    }
                }
            }
        },
    };
    quote! {
        #tracked
        #conversions

        impl #impl_generics #name #ty_generics #where_clause {
            /// Each variant with the catalog codes it covers (for the
            /// fallback: the catalog codes no other variant takes).
            pub const CODE_MAP: &'static [(&'static str, &'static [u32])] = &[#(#map),*];

            /// The catalog codes this value's variant covers.
            pub fn codes(&self) -> &'static [u32] {
                match self { #(#code_arms)* }
            }
        }
    }
}

/// The errors, plus impls with the real signatures and no logic.
fn fallback(
    input: &DeriveInput,
    krate: &Ident,
    errors: Vec<syn::Error>,
    tracked: TokenStream,
) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    if !matches!(input.data, syn::Data::Enum(_)) {
        return quote!(#(#errors)*);
    }
    quote! {
        #(#errors)*
        #tracked
        impl #impl_generics ::core::convert::From<::#krate::Code> for #name #ty_generics #where_clause {
            fn from(_: ::#krate::Code) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics ::core::convert::From<::#krate::ErrorCode> for #name #ty_generics #where_clause {
            fn from(_: ::#krate::ErrorCode) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics ::core::convert::From<u32> for #name #ty_generics #where_clause {
            fn from(_: u32) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics #name #ty_generics #where_clause {
            /// Not available: the derive reported an error.
            pub const CODE_MAP: &'static [(&'static str, &'static [u32])] = &[];

            /// Not available: the derive reported an error.
            pub fn codes(&self) -> &'static [u32] {
                &[]
            }
        }
    }
}
