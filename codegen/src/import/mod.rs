//! Import stubs: typed Rust for calling a Python module through the runtime.
//!
//! For each imported module `m`, a Rust module `m` holding:
//! - one function per Python function, attaching to the interpreter by itself, and the same
//!   function in `m::attached` taking a `Python<'py>` token (`call.rs`);
//! - one handle type per class (`m::Driver`, `Send + Sync`) with a bound view
//!   `m::attached::DriverRef<'py>` (`class.rs`);
//! - the functions that take and return plain values again in `m::pooled`, run in a
//!   sub-interpreter of a `pybridge::Pool` (`pooled.rs`);
//! - constants (read once, cached), and `m::Error` when the module declares exception classes
//!   (`errors.rs`).
//!
//! Each stub resolves its callable once per interpreter (`ImportedAttr`, a `PyOnceLock`) and
//! calls it through vectorcall (`Args`), keyword names interned once (`KwNames`).

mod call;
mod class;
mod errors;
mod locate;
mod operators;
mod options;
mod pooled;
mod unions;
mod verify;

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{Constant, Module};

use crate::docs::emit_doc;
use crate::rust_type::emit_owned_type;

/// What the stubs of one module share: its Python name and its error type.
pub(crate) struct Ctx<'m> {
    pub module: &'m Module,
    /// `Error` when the module declares exception classes, else `::pybridge::Error`.
    pub error: TokenStream,
}

/// Emits the Rust module of stubs for one imported Python module.
pub fn emit_import_module(module: &Module) -> TokenStream {
    let ctx =
        Ctx { module, error: if module.exceptions.is_empty() { quote!(::pybridge::Error) } else { quote!(Error) } };
    let mod_ident = ident(&module.name.rust);
    let doc = emit_doc(
        &module.doc.clone().unwrap_or_else(|| format!("Typed stubs for the Python module `{}`.", module.name.py)),
    );
    let functions = module.functions.iter().map(|f| {
        let stub = call::emit_attaching_fn(&ctx, f);
        let options = options::emit_options_struct(&ctx, None, f);
        let with = options::emit_with_fn(&ctx, None, f, options::Site::Function);
        quote!(#stub #options #with)
    });
    let attached = module.functions.iter().map(|f| {
        let stub = call::emit_attached_fn(&ctx, f);
        let with = options::emit_with_fn(&ctx, None, f, options::Site::AttachedFunction);
        quote!(#stub #with)
    });
    let constants = module.constants.iter().map(|c| emit_attaching_const(&ctx, c));
    let constants_attached = module.constants.iter().map(|c| emit_attached_const(&ctx, c));
    let classes = module.classes.iter().map(|c| {
        let class = class::emit_class(&ctx, c);
        let operators = operators::emit_operators(&ctx, c);
        quote!(#class #operators)
    });
    let classes_attached = module.classes.iter().map(|c| class::emit_class_ref(&ctx, c));
    let errors = errors::emit_error_enum(&ctx);
    let unions = unions::emit_unions(module);
    let verify = verify::emit_verify(module);
    let pooled = pooled::emit_pooled_module(&ctx);
    let crossing = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .any(|f| f.params.iter().any(|p| call::is_exported(&p.ty)) || call::is_exported(&f.returns));
    let relative = uses_relative_exported_path(module);
    let relative = relative.then(|| {
        quote!(
            #[allow(unused_imports)]
            use super::*;
        )
    });
    let tag = crossing.then(|| {
        quote!(
            use super::__PbExported;
            #relative
        )
    });
    quote! {
        #doc
        #[allow(clippy::all, clippy::pedantic, dead_code, non_snake_case, non_camel_case_types, non_upper_case_globals)]
        pub mod #mod_ident {
            #tag
            #(#functions)*
            #(#constants)*
            #(#classes)*
            #errors
            #unions
            #verify
            #pooled
            /// The same stubs, taking a `Python<'py>` token: use them when already attached.
            pub mod attached {
                #[allow(unused_imports)]
                use super::*;
                #(#attached)*
                #(#constants_attached)*
                #(#classes_attached)*
            }
        }
    }
}

/// Whether a type of the module names an exported class by a relative `rust:` path. Such a path
/// is written for the module that includes the generated file, so it must be visible in this
/// nested module (found by the spec property test: `cannot find type`). A glob import, not one
/// `use` per path: the module's own items (its `Error` enum, class handles) shadow a glob, where
/// a named import of the same name would be a duplicate definition.
fn uses_relative_exported_path(module: &Module) -> bool {
    let mut relative = false;
    for f in module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter())) {
        for ty in f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)) {
            ty.walk(&mut |t| {
                if let pybridge_model::TypeKind::Class(c) = &t.kind
                    && c.exported
                    && c.rust_path.as_ref().is_some_and(|p| p.is_relative())
                {
                    relative = true;
                }
            });
        }
    }
    relative
}

/// A Rust identifier from a model name (`r#type` stays raw).
pub(crate) fn ident(rust: &str) -> syn::Ident {
    pybridge_model::names::ident(rust)
}

/// Parameter identifiers: `py` is taken by the interpreter token, so a Python parameter named
/// `py` is `py_` in Rust (documented in SPEC.md with the keyword rule).
pub(crate) fn param_ident(rust: &str) -> syn::Ident {
    ident(&pybridge_model::names::import_param_rust(rust))
}

fn emit_attaching_const(ctx: &Ctx<'_>, c: &Constant) -> TokenStream {
    let name = ident(&c.name.rust);
    let doc = emit_doc(
        &c.doc
            .clone()
            .unwrap_or_else(|| format!("Reads the Python constant `{}` (read once, then cached).", c.name.py)),
    );
    let ret = emit_owned_type(&c.ty);
    let err = &ctx.error;
    quote! {
        #doc
        pub fn #name() -> ::std::result::Result<#ret, #err> {
            ::pybridge::__private::attach_call(attached::#name)
        }
    }
}

fn emit_attached_const(ctx: &Ctx<'_>, c: &Constant) -> TokenStream {
    let name = ident(&c.name.rust);
    let py_name = &c.name.py;
    let module = &ctx.module.name.py;
    let qualified = format!("{module}.{py_name}");
    let ret = emit_owned_type(&c.ty);
    let expected = c.ty.python();
    let err = &ctx.error;
    let doc = emit_doc(&format!("Reads the Python constant `{py_name}` while attached."));
    let extract = if is_empty_tuple(&c.ty) {
        quote! {
            ::pybridge::__private::extract_return::<::pybridge::__private::EmptyTuple>(__PB_VALUE.get(py)?, #qualified, #expected)?;
            ::core::result::Result::Ok(())
        }
    } else {
        let value = call::emit_value_extraction(&c.ty, quote!(__PB_VALUE.get(py)?), &qualified);
        quote!(::core::result::Result::Ok(#value?))
    };
    quote! {
        #doc
        pub fn #name(py: ::pybridge::Python<'_>) -> ::std::result::Result<#ret, #err> {
            static __PB_VALUE: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #py_name);
            #extract
        }
    }
}

/// Whether `ty` is `tuple[()]`, whose values are checked through the runtime's `EmptyTuple`
/// (pyo3 extracts no `()`).
pub(crate) fn is_empty_tuple(ty: &pybridge_model::Type) -> bool {
    matches!(&ty.kind, pybridge_model::TypeKind::Tuple(items) if items.is_empty())
}
