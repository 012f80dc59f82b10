//! Turning a checked plan into impls; on any error, the errors plus stub
//! impls, so the user sees the real problem and not a cascade of "trait
//! not implemented" errors.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Ident};

use super::attr;
use super::catalog::{Catalog, Kind};
use super::valid::{self, Plan};

pub fn derive(input: &DeriveInput, catalog: &Catalog) -> TokenStream {
    let mut errors = Vec::new();
    let parsed = attr::parse(input, &mut errors);
    let krate = krate_path(parsed.as_ref().map(|p| &p.options), catalog);
    let plan = parsed.and_then(|p| valid::plan(&p, catalog, &input.ident, &mut errors));
    match (plan, krate) {
        (Some(plan), Some(krate)) if errors.is_empty() => impls(input, &krate, catalog, &plan),
        (_, krate) => fallback(input, krate.as_ref(), catalog, errors),
    }
}

/// `::pg_errors`, or the path the user gave with `krate = "..."`.
fn krate_path(options: Option<&attr::Options>, c: &Catalog) -> Option<TokenStream> {
    if let Some(path) = options.and_then(|o| o.krate.as_ref()) {
        return Some(
            if path.leading_colon.is_none() && path.segments.len() == 1 {
                quote!(::#path)
            } else {
                quote!(#path)
            },
        );
    }
    // The catalog's crate name comes from errcat, which checked it; a
    // name that still is no identifier gets no impls rather than a panic.
    syn::parse_str::<Ident>(c.krate).ok().map(|k| quote!(::#k))
}

/// `::pg_errors::ErrorCode::UniqueViolation`, for each entry index.
fn variant_paths<'a>(
    krate: &'a TokenStream,
    c: &'a Catalog,
    entries: &'a [usize],
) -> impl Iterator<Item = TokenStream> + 'a {
    entries.iter().map(move |k| {
        let name = Ident::new(c.entries[*k].name, Span::call_site());
        quote!(#krate::ErrorCode::#name)
    })
}

fn impls(input: &DeriveInput, krate: &TokenStream, c: &Catalog, plan: &Plan) -> TokenStream {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut arms = Vec::new();
    let mut code_arms = Vec::new();
    let mut map = Vec::new();
    let mut fallback_arm = None;
    for v in &plan.variants {
        let ident = &v.ident;
        let codes: Vec<TokenStream> = variant_paths(krate, c, &v.entries).collect();
        let label = ident.to_string();
        map.push(quote!((#label, &[#(#codes),*])));
        if v.is_other {
            let (value, pattern) = if v.holds_code {
                (quote!(#name::#ident(code)), quote!(#name::#ident(..)))
            } else {
                (quote!(#name::#ident), quote!(#name::#ident))
            };
            fallback_arm = Some(value);
            code_arms.push(quote!(#pattern => &[#(#codes),*],));
        } else {
            if !codes.is_empty() {
                arms.push((quote!(#(#codes)|*), quote!(#name::#ident)));
            }
            code_arms.push(quote!(#name::#ident => &[#(#codes),*],));
        }
    }
    let known_arms = arms
        .iter()
        .map(|(pat, value)| quote!(::core::option::Option::Some(#pat) => #value,));
    let error_code_arms = arms.iter().map(|(pat, value)| quote!(#pat => #value,));
    let raw = match c.kind {
        Kind::Int => quote!(u32),
        Kind::Str => quote!(&str),
    };
    let fingerprint = c.fingerprint;
    let message = format!(
        "this `FromCode` derive was generated from another version of the {} catalog than the crate that defines its `Code`: run `errcat generate` and rebuild both",
        c.title.replace('{', "{{").replace('}', "}}")
    );
    let conversions = match fallback_arm {
        Some(fallback) => quote! {
            impl #impl_generics ::core::convert::From<#krate::Code> for #name #ty_generics #where_clause {
                fn from(code: #krate::Code) -> Self {
                    match code.known() {
                        #(#known_arms)*
                        _ => #fallback,
                    }
                }
            }

            impl #impl_generics ::core::convert::From<#krate::ErrorCode> for #name #ty_generics #where_clause {
                fn from(code: #krate::ErrorCode) -> Self {
                    <Self as ::core::convert::From<#krate::Code>>::from(#krate::Code::from(code))
                }
            }

            impl #impl_generics ::core::convert::From<#raw> for #name #ty_generics #where_clause {
                fn from(code: #raw) -> Self {
                    <Self as ::core::convert::From<#krate::Code>>::from(#krate::Code::from(code))
                }
            }
        },
        // Every catalog code has a variant, but a code the catalog does not
        // know yet has none: the conversion from a `Code` can fail, and
        // says with what.
        None => quote! {
            impl #impl_generics ::core::convert::TryFrom<#krate::Code> for #name #ty_generics #where_clause {
                type Error = #krate::Code;
                fn try_from(code: #krate::Code) -> ::core::result::Result<Self, #krate::Code> {
                    ::core::result::Result::Ok(match code.known() {
                        #(#known_arms)*
                        _ => return ::core::result::Result::Err(code),
                    })
                }
            }

            impl #impl_generics ::core::convert::From<#krate::ErrorCode> for #name #ty_generics #where_clause {
                fn from(code: #krate::ErrorCode) -> Self {
                    match code {
                        #(#error_code_arms)*
                        // `ErrorCode` is non-exhaustive, so the compiler asks
                        // for this arm; the fingerprint check below proves
                        // that this derive knows every one of its variants.
                        _ => ::core::unreachable!(),
                    }
                }
            }
        },
    };
    quote! {
        // The table this derive checked the mapping against must be the one
        // the crate's `ErrorCode` was generated from: else a code added to
        // the crate would fall through a mapping said to be complete.
        const _: () = ::core::assert!(#krate::CATALOG_FINGERPRINT == #fingerprint, #message);

        #conversions

        impl #impl_generics #name #ty_generics #where_clause {
            /// Each variant with the catalog codes it covers (for the
            /// fallback: the catalog codes no other variant takes).
            pub const CODE_MAP: &'static [(&'static str, &'static [#krate::ErrorCode])] = &[#(#map),*];

            /// The catalog codes this value's variant covers.
            pub fn codes(&self) -> &'static [#krate::ErrorCode] {
                match self { #(#code_arms)* }
            }
        }
    }
}

/// The errors, plus impls with the real signatures and no logic.
fn fallback(
    input: &DeriveInput,
    krate: Option<&TokenStream>,
    c: &Catalog,
    errors: Vec<syn::Error>,
) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let Some(krate) = krate.filter(|_| matches!(input.data, syn::Data::Enum(_))) else {
        return quote!(#(#errors)*);
    };
    let raw = match c.kind {
        Kind::Int => quote!(u32),
        Kind::Str => quote!(&str),
    };
    quote! {
        #(#errors)*

        impl #impl_generics ::core::convert::From<#krate::Code> for #name #ty_generics #where_clause {
            fn from(_: #krate::Code) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics ::core::convert::From<#krate::ErrorCode> for #name #ty_generics #where_clause {
            fn from(_: #krate::ErrorCode) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics ::core::convert::From<#raw> for #name #ty_generics #where_clause {
            fn from(_: #raw) -> Self {
                ::core::unreachable!()
            }
        }

        impl #impl_generics #name #ty_generics #where_clause {
            /// Not available: the derive reported an error.
            pub const CODE_MAP: &'static [(&'static str, &'static [#krate::ErrorCode])] = &[];

            /// Not available: the derive reported an error.
            pub fn codes(&self) -> &'static [#krate::ErrorCode] {
                &[]
            }
        }
    }
}
