//! Stub functions: parameter lists, argument pushing, the vectorcall and the typed result.
//! Shared by module functions, constructors, methods and class/static methods.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::names::generated::is_plain_call;
use pybridge_model::{Function, ParamKind, TypeKind};

use super::{Ctx, ident, param_ident};
use crate::docs::emit_doc;
use crate::rust_type::{emit_owned_type, emit_param_type};

/// `name: Type` for each parameter (defaulted ones as `Option<T>`; a callable's closure
/// returns the generic `__PbR<i>` of [`emit_generics`]).
pub(crate) fn emit_params(f: &Function) -> Vec<TokenStream> {
    f.params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = param_ident(&p.name.rust);
            let ty = match (&p.default, &p.ty.kind) {
                (None, TypeKind::Callable { params, .. }) => {
                    let params = params.iter().map(emit_owned_type);
                    let ret = callback_return(i);
                    quote!(impl ::std::ops::Fn(#(#params),*) -> #ret + ::std::marker::Send + ::std::marker::Sync + 'static)
                }
                // A defaulted `T | None` stays one `Option`: `None` omits the argument.
                (Some(_), TypeKind::Optional(_)) | (None, _) => emit_param_type(&p.ty),
                (Some(_), TypeKind::Union(_)) => {
                    let inner = emit_owned_type(&p.ty);
                    quote!(::std::option::Option<#inner>)
                }
                // `None` must not need a type annotation: `&[String]`, not `&[impl AsRef<str>]`.
                (Some(_), _) if is_text_list(&p.ty) => quote!(::std::option::Option<&[::std::string::String]>),
                (Some(_), _) => {
                    let inner = emit_param_type(&p.ty);
                    quote!(::std::option::Option<#inner>)
                }
            };
            quote!(#name: #ty)
        })
        .collect()
}

/// `__PbR<i>`: what the closure passed for parameter `i` returns.
fn callback_return(i: usize) -> syn::Ident {
    quote::format_ident!("__PbR{}", i)
}

/// `<__PbR0: pybridge::CallbackReturn<R>, …>`: a closure parameter's closure returns its
/// declared type `R` or a `Result<R, E>` (an `Err` raised in Python); empty without closures.
pub(crate) fn emit_generics(f: &Function) -> TokenStream {
    let bounds: Vec<TokenStream> = f
        .params
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match (&p.default, &p.ty.kind) {
            (None, TypeKind::Callable { ret, .. }) => {
                let name = callback_return(i);
                let ret = emit_owned_type(ret);
                Some(quote!(#name: ::pybridge::CallbackReturn<#ret>))
            }
            _ => None,
        })
        .collect();
    match bounds.is_empty() {
        true => TokenStream::new(),
        false => quote!(<#(#bounds),*>),
    }
}

/// The parameter names, as call arguments.
pub(crate) fn emit_args(f: &Function) -> Vec<TokenStream> {
    f.params.iter().map(|p| param_ident(&p.name.rust)).map(|i| quote!(#i)).collect()
}

/// The parameters in the order vectorcall lays out their values: positional-only ones first,
/// then positional, then keyword-only ones, each group in declaration order (check refuses a positional parameter
/// after a keyword-only one; this keeps the layout right whatever the order).
fn layout_order(f: &Function) -> impl Iterator<Item = &pybridge_model::Param> {
    let of = move |kind: ParamKind| f.params.iter().filter(move |p| p.kind == kind);
    of(ParamKind::PositionalOnly)
        .chain(of(ParamKind::Positional))
        .chain(of(ParamKind::VarPositional))
        .chain(of(ParamKind::Keyword))
        .chain(of(ParamKind::VarKeyword))
}

/// How the call is made.
pub(crate) enum Callee {
    /// A module attribute (function, class or `Class.method`), cached in a static.
    Attr(String),
    /// A method of `self.0`.
    Method,
}

/// The body of an attached stub: push the arguments, call, convert the result. `py` must be
/// in scope.
pub(crate) fn emit_call_body(
    ctx: &Ctx<'_>,
    f: &Function,
    callee: Callee,
    qualified: &str,
    result: Returns,
) -> TokenStream {
    let params: Vec<&pybridge_model::Param> = layout_order(f).collect();
    let pushes = params.iter().enumerate().map(|(i, p)| {
        // A defaulted parameter before one that must be positional (positional-only, or
        // `*args`) cannot be skipped by keyword: its own default is passed.
        let forced =
            params[i + 1..].iter().any(|q| matches!(q.kind, ParamKind::PositionalOnly | ParamKind::VarPositional));
        match (p.kind, &p.default) {
            (ParamKind::PositionalOnly | ParamKind::Positional, Some(_)) if forced => {
                emit_positional_default_push(f, p, &callee, qualified)
            }
            _ => emit_arg_push(p),
        }
    });
    let pushes: Vec<TokenStream> = pushes.collect();
    let finish = emit_result_conversion(f, qualified, result);
    if is_variadic(f) {
        let call = emit_variadic_call(ctx, f, callee);
        return quote! {
            let mut __pb_args = ::pybridge::__private::VarArgs::new(py, #qualified);
            #(#pushes)*
            #call
            #finish
        };
    }
    let capacity = proc_macro2::Literal::usize_unsuffixed(f.params.len() + 1);
    let kwnames = emit_kwnames(f);
    let call = emit_vectorcall(ctx, f, callee);
    quote! {
        #kwnames
        let mut __pb_args = ::pybridge::__private::Args::<'_, #capacity>::new(py, #qualified);
        #(#pushes)*
        #call
        #finish
    }
}

/// Whether `f` has `*args` or `**kwargs` (called through `VarArgs`, a tuple and a dict).
fn is_variadic(f: &Function) -> bool {
    f.params.iter().any(|p| matches!(p.kind, ParamKind::VarPositional | ParamKind::VarKeyword))
}

/// `let __pb_value = ..;` for a variadic stub: `PyObject_Call` with the gathered arguments.
fn emit_variadic_call(ctx: &Ctx<'_>, f: &Function, callee: Callee) -> TokenStream {
    let module = &ctx.module.name.py;
    let err = &ctx.error;
    match callee {
        Callee::Attr(attr) => quote! {
            static __PB_CALLABLE: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #attr);
            let __pb_value = __pb_args.call::<#err>(__PB_CALLABLE.get(py)?)?;
        },
        Callee::Method => {
            let name = &f.name.py;
            quote! {
                let __pb_value = __pb_args.call_method::<#err>(&self.0, ::pybridge::__private::pyo3::intern!(py, #name))?;
            }
        }
    }
}

/// `__pb_args.positional_or_default(..)?;`: a defaulted positional-only argument that a later
/// positional-only one follows; omitted, the callable's own default is read and passed.
fn emit_positional_default_push(
    f: &Function,
    p: &pybridge_model::Param,
    callee: &Callee,
    qualified: &str,
) -> TokenStream {
    let arg = param_ident(&p.name.rust);
    let pname = &p.name.py;
    let default = match callee {
        Callee::Attr(_) => quote!(__PB_DEFAULT.get(__PB_CALLABLE.get(py)?, #qualified)),
        Callee::Method => {
            let name = &f.name.py;
            quote!(__PB_DEFAULT.get_method(&self.0, #name, #qualified))
        }
    };
    quote! {{
        static __PB_DEFAULT: ::pybridge::__private::PositionalDefault = ::pybridge::__private::PositionalDefault::new(#pname);
        __pb_args.positional_or_default(#pname, #arg, || #default)?;
    }}
}

/// `__pb_args.positional(..)?;` (or `optional`, `keyword`, `optional_keyword`): pushes one
/// argument by its kind and whether it has a default.
fn emit_arg_push(p: &pybridge_model::Param) -> TokenStream {
    let arg = param_ident(&p.name.rust);
    // An exported class of the same spec: copied into a new object of its class.
    let arg = if is_exported(&p.ty) {
        quote!(::pybridge::__private::ToPython::<_, __PbExported>::new(#arg))
    } else if is_text_list(&p.ty) && p.default.is_none() {
        // `&[impl AsRef<str>]`: lent as the `&str`s Python copies into a list.
        quote!(#arg.iter().map(::core::convert::AsRef::<str>::as_ref).collect::<::std::vec::Vec<&str>>())
    } else if let (TypeKind::Union(_), None) = (&p.ty.kind, &p.default) {
        // `impl Into<IntOrStr>`: the enum.
        let ty = emit_owned_type(&p.ty);
        quote!(::core::convert::Into::<#ty>::into(#arg))
    } else if let TypeKind::Iterator { item, .. } = &p.ty.kind {
        // Any Rust `IntoIterator`, collected into the list Python receives.
        let item = emit_owned_type(item);
        quote!(::std::iter::Iterator::collect::<::std::vec::Vec<#item>>(::std::iter::IntoIterator::into_iter(#arg)))
    } else if let TypeKind::Callable { params, ret } = &p.ty.kind {
        // A Rust closure as a Python callable: the arguments Python passes, converted.
        let names: Vec<syn::Ident> = (0..params.len()).map(|i| quote::format_ident!("__pb_c{}", i)).collect();
        let types = params.iter().map(emit_owned_type);
        let (pattern, ty) = if params.is_empty() {
            (quote!(_), quote!(::pybridge::__private::EmptyTuple))
        } else {
            (quote!((#(#names,)*)), quote!((#(#types,)*)))
        };
        let ret = emit_owned_type(ret);
        quote!(::pybridge::__private::callback::<_, #ret, _, _>(py, move |#pattern: #ty| #arg(#(#names),*))?)
    } else {
        quote!(#arg)
    };
    let pname = &p.name.py;
    match (p.kind, p.default.is_some()) {
        (ParamKind::Positional | ParamKind::PositionalOnly, false) => quote!(__pb_args.positional(#pname, #arg)?;),
        (ParamKind::Positional | ParamKind::PositionalOnly, true) => quote!(__pb_args.optional(#pname, #arg)?;),
        (ParamKind::Keyword, false) => quote!(__pb_args.keyword(#pname, #arg)?;),
        (ParamKind::Keyword, true) => quote!(__pb_args.optional_keyword(#pname, #arg)?;),
        // `*args`: each element an extra positional argument (`list[str]`: lent as `&str`s).
        (ParamKind::VarPositional, _) if is_text_list(&p.ty) => {
            let arg = param_ident(&p.name.rust);
            quote!(__pb_args.extend_positional(#pname, #arg.iter().map(::core::convert::AsRef::<str>::as_ref))?;)
        }
        (ParamKind::VarPositional, _) => {
            let arg = param_ident(&p.name.rust);
            quote!(__pb_args.extend_positional(#pname, #arg.iter())?;)
        }
        // `**kwargs`: each entry an extra keyword argument.
        (ParamKind::VarKeyword, _) => {
            let arg = param_ident(&p.name.rust);
            quote!(__pb_args.extend_keywords(#pname, #arg.iter())?;)
        }
    }
}

/// `__PB_KWNAMES`: the keyword names of the call (keyword-only and defaulted parameters), or
/// `NO_KEYWORDS` when there are none.
fn emit_kwnames(f: &Function) -> TokenStream {
    let keyword_names: Vec<&str> = layout_order(f)
        .filter(|p| p.kind == ParamKind::Keyword || (p.default.is_some() && p.kind != ParamKind::PositionalOnly))
        .map(|p| p.name.py.as_str())
        .collect();
    if keyword_names.is_empty() {
        quote!(
            use ::pybridge::__private::NO_KEYWORDS as __PB_KWNAMES;
        )
    } else {
        quote!(static __PB_KWNAMES: ::pybridge::__private::KwNames = ::pybridge::__private::KwNames::new(&[#(#keyword_names),*]);)
    }
}

/// `let __pb_value = ..;`: the vectorcall of a cached module attribute or of a method of
/// `self.0`.
fn emit_vectorcall(ctx: &Ctx<'_>, f: &Function, callee: Callee) -> TokenStream {
    let module = &ctx.module.name.py;
    let err = &ctx.error;
    match callee {
        Callee::Attr(attr) => quote! {
            static __PB_CALLABLE: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #attr);
            let __pb_callable = __PB_CALLABLE.get(py)?;
            let __pb_value = __pb_args.call::<#err>(__pb_callable, &__PB_KWNAMES)?;
        },
        Callee::Method => {
            let name = &f.name.py;
            quote! {
                let __pb_value = __pb_args.call_method::<#err>(&self.0, ::pybridge::__private::pyo3::intern!(py, #name), &__PB_KWNAMES)?;
            }
        }
    }
}

/// The tail of the stub: `__pb_value` wrapped as `Self`, dropped for `()`, or extracted as
/// the declared return type.
fn emit_result_conversion(f: &Function, qualified: &str, result: Returns) -> TokenStream {
    match (result, &f.returns.kind) {
        (Returns::Instance, _) => quote!(::core::result::Result::Ok(Self(__pb_value))),
        (Returns::Typed, TypeKind::Unit) => quote! {
            let _ = __pb_value;
            ::core::result::Result::Ok(())
        },
        (Returns::Typed, TypeKind::Tuple(items)) if items.is_empty() => {
            // `tuple[()]`: an empty tuple is checked for, and becomes `()`.
            let expected = f.returns.python();
            quote! {
                ::pybridge::__private::extract_return::<::pybridge::__private::EmptyTuple>(&__pb_value, #qualified, #expected)?;
                ::core::result::Result::Ok(())
            }
        }
        (Returns::Typed, _) if is_exported(&f.returns) => {
            let expected = f.returns.python();
            let ty = emit_owned_type(&f.returns);
            quote!(::core::result::Result::Ok(::pybridge::__private::extract_return::<::pybridge::__private::FromPython<#ty, __PbExported>>(
                &__pb_value, #qualified, #expected
            )?.0))
        }
        // `Iterator[T]`, `Generator[T, …]`, `Iterable[T]`: read lazily, one item per `next`.
        (Returns::Typed, TypeKind::Iterator { item, .. }) => {
            let expected = item.python();
            quote!(::core::result::Result::Ok(::pybridge::__private::iter_return(&__pb_value, #qualified, #expected)?))
        }
        (Returns::Typed, TypeKind::Callable { ret, .. }) => {
            let expected = ret.python();
            quote!(::core::result::Result::Ok(::pybridge::__private::callable_return(&__pb_value, #qualified, #expected)?))
        }
        (Returns::Typed, _) => {
            let value = emit_value_extraction(&f.returns, quote!(&__pb_value), qualified);
            quote!(::core::result::Result::Ok(#value?))
        }
    }
}

/// `Result<T, pybridge::Error>`: the Python value `value` (a `&Bound`) read as `ty`: any
/// mapping for a `Mapping`; through the runtime's `FastVec` for `list[float]`, `list[str]`…;
/// with a locator naming the bad element for other containers; else plainly.
pub(crate) fn emit_value_extraction(ty: &pybridge_model::Type, value: TokenStream, qualified: &str) -> TokenStream {
    let expected = ty.python();
    match &ty.kind {
        TypeKind::Dict(k, v, pybridge_model::Keys::Mapping) => {
            let (k, v) = (emit_owned_type(k), emit_owned_type(v));
            quote!(::pybridge::__private::extract_return::<::pybridge::__private::AnyMapping<#k, #v>>(#value, #qualified, #expected).map(|__pb_m| __pb_m.0))
        }
        TypeKind::List(item) if crate::rust_type::is_fast_item(item) => {
            let locator = super::locate::emit_locator(ty);
            let item = emit_owned_type(item);
            quote!(::pybridge::__private::extract_located::<::pybridge::__private::FastVec<#item>>(#value, #qualified, #expected, #locator).map(|__pb_v| __pb_v.0))
        }
        _ if super::locate::has_elements(ty) => {
            let locator = super::locate::emit_locator(ty);
            quote!(::pybridge::__private::extract_located(#value, #qualified, #expected, #locator))
        }
        _ => quote!(::pybridge::__private::extract_return(#value, #qualified, #expected)),
    }
}

/// The Rust type a stub returns for `ty`: a Python iterator is read lazily as
/// `pybridge::PyIter<T, E>` (items `Result<T, E>`, `E` the module's error type).
pub(crate) fn emit_stub_return_type(ty: &pybridge_model::Type, err: &TokenStream) -> TokenStream {
    match &ty.kind {
        TypeKind::Iterator { item, .. } => {
            let item = emit_owned_type(item);
            quote!(::pybridge::PyIter<#item, #err>)
        }
        // `Callable[[A, B], R]`: a typed Python callable, `f.call((a, b))`.
        TypeKind::Callable { params, ret } => {
            let params = params.iter().map(emit_owned_type);
            // `Callable[..., None]`: the object Python returned (`None`), to ignore; `()` has no
            // extraction to check it with.
            let ret = match ret.kind {
                TypeKind::Unit => quote!(::pybridge::Object),
                _ => emit_owned_type(ret),
            };
            quote!(::pybridge::PyFn<(#(#params,)*), #ret, #err>)
        }
        _ => emit_owned_type(ty),
    }
}

/// `list[str]`, which a stub takes as `&[impl AsRef<str>]`.
fn is_text_list(ty: &pybridge_model::Type) -> bool {
    matches!(&ty.kind, TypeKind::List(inner) if matches!(inner.kind, TypeKind::Str { .. }))
}

/// Whether `ty` is a class exported by the same spec (it crosses as its Rust type).
pub(crate) fn is_exported(ty: &pybridge_model::Type) -> bool {
    matches!(&ty.kind, TypeKind::Class(c) if c.exported)
}

/// What a call returns.
#[derive(Clone, Copy)]
pub(crate) enum Returns {
    /// The declared return type, extracted.
    Typed,
    /// The new object itself, wrapped (constructors of bound views).
    Instance,
}

fn doc_of(f: &Function, fallback: String) -> TokenStream {
    emit_doc(f.doc.as_deref().unwrap_or(&fallback))
}

/// `fn f(a: A) -> Result<R>`: attaches, then calls the attached variant.
pub(crate) fn emit_attaching_fn(ctx: &Ctx<'_>, f: &Function) -> TokenStream {
    let name = ident(&f.name.rust);
    let doc = doc_of(f, format!("Calls the Python function `{}`.", f.name.py));
    let params = emit_params(f);
    let generics = emit_generics(f);
    let args = emit_args(f);
    let err = &ctx.error;
    let ret = emit_stub_return_type(&f.returns, err);
    // Plain values only: the direct attach (the runtime's direct_attach.rs).
    let attach = if is_plain_call(f) { quote!(attach_plain) } else { quote!(attach_call) };
    quote! {
        #doc
        pub fn #name #generics(#(#params),*) -> ::std::result::Result<#ret, #err> {
            ::pybridge::__private::#attach(|__pb_py| attached::#name(__pb_py #(, #args)*))
        }
    }
}

/// `fn f(py, a: A) -> Result<R>`: the real call.
pub(crate) fn emit_attached_fn(ctx: &Ctx<'_>, f: &Function) -> TokenStream {
    let name = ident(&f.name.rust);
    let doc = doc_of(f, format!("Calls the Python function `{}` while attached.", f.name.py));
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("function `{}`", f.name.py));
    let doc = quote!(#marker #doc);
    let params = emit_params(f);
    let generics = emit_generics(f);
    let qualified = format!("{}.{}", ctx.module.name.py, f.name.py);
    let body = emit_call_body(ctx, f, Callee::Attr(f.name.py.clone()), &qualified, Returns::Typed);
    let err = &ctx.error;
    let ret = emit_stub_return_type(&f.returns, err);
    quote! {
        #doc
        pub fn #name #generics(py: ::pybridge::Python<'_> #(, #params)*) -> ::std::result::Result<#ret, #err> {
            #body
        }
    }
}

#[cfg(test)]
mod tests {
    /// A spec listing a keyword-only parameter before a positional one is refused by `check`;
    /// the emitter still lays values out positional-first, so the vectorcall binds each value
    /// to its own name whatever order reaches it.
    #[test]
    fn positional_values_are_pushed_before_keyword_values() {
        let spec = "version: 1\nimport:\n  - module: m\n    functions:\n      - name: f\n        params:\n          \
                    - { name: k, type: int, kind: keyword }\n          - { name: p, type: int }\n";
        let mut diags = pybridge_model::Diagnostics::new();
        let bridge = pybridge_model::spec::load_spec(spec, &mut diags).expect("lowers");
        let text = crate::import::emit_import_module(&bridge.modules[0]).to_string();
        let positional = text.find("positional (\"p\"").expect("p pushed");
        let keyword = text.find("keyword (\"k\"").expect("k pushed");
        assert!(positional < keyword, "{text}");
    }
}
