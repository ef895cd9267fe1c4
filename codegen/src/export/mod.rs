//! Export glue: Python wrappers for Rust functions, classes, enums and error types, and the
//! module's init function, built on pyo3's own macros through the runtime's hidden
//! `__private::pyo3` path.
//!
//! The same emitter serves the YAML spec (`rust:` paths into the user's crate) and the
//! `#[py_embed]` attribute (items of the annotated module). Everything lands inside one
//! `const _: () = { ... };` so no helper name can clash with user items; calls into user code
//! carry the user's span so rustc's type errors point at what they wrote.
//!
//! - `convert.rs`: parameter and return conversions (classes travel as their wrappers);
//! - `class.rs`: `#[pyclass]` wrappers for classes and enums, their methods and protocols;
//! - `exception.rs`: exception types for Rust error types.

mod buffer;
mod class;
mod convert;
mod enums;
mod exception;
mod fast;
mod fast_class;
mod foreign;
mod gc;
mod iter;
mod method;
mod nested;
mod property;
mod protocol;
mod view;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use pybridge_model::{Constant, Function, Module, Param, ParamKind};

use crate::docs::emit_doc;
use convert::{emit_arg, emit_param_type, emit_return_type, emit_wrap, wrapper_ident};

/// Emits the glue for an export module.
pub fn emit_export_module(module: &Module) -> TokenStream {
    emit_export_module_crossing(module, &[])
}

/// Emits the glue for an export module whose classes named in `crossing` are also taken or
/// returned by import stubs of the same spec (they get an `ExportedClass` impl).
pub fn emit_export_module_crossing(module: &Module, crossing: &[String]) -> TokenStream {
    let crossings = module.classes.iter().filter(|c| crossing.contains(&c.name.py)).map(class::emit_crossing);
    let wrappers = module.functions.iter().map(emit_function);
    let classes = module.classes.iter().map(|c| match c.lifetime {
        Some(_) => view::emit_view_class(module, c),
        None => class::emit_class(module, c),
    });
    let foreign = module.foreign.iter().map(|f| foreign::emit_foreign_class(module, f));
    let enums = module.enums.iter().map(|e| enums::emit_enum(module, e));
    let exceptions = module.exceptions.iter().map(|e| exception::emit_exception(module, e));
    let registrations = module.functions.iter().map(|f| {
        let wrapper = function_ident(f);
        if fast::is_fast(f) {
            return fast::emit_fast_registration(f, &wrapper);
        }
        quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
            __pb_module,
            ::pybridge::__private::pyo3::wrap_pyfunction!(#wrapper, __pb_module)?,
        )?;)
    });
    let class_registrations = module.classes.iter().map(|c| {
        let wrapper = wrapper_ident(&c.name.py);
        let fast = fast_class::emit_fast_registrations(c);
        quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add_class::<#wrapper>(__pb_module)?; #fast)
    });
    let enum_registrations = emit_enum_registrations(module);
    let unordered = emit_hidden_orderings(module);
    // `__buffer__` before 3.12 (runtime `add_buffer_method`), as the `.pyi` declares.
    let buffer_methods = module.classes.iter().filter(|c| buffer::buffer_field(c).is_some()).map(|c| {
        let wrapper = wrapper_ident(&c.name.py);
        quote!(::pybridge::__private::add_buffer_method(&__pb_module.py().get_type::<#wrapper>())?;)
    });
    let exception_registrations = module.exceptions.iter().map(|e| {
        let name = &e.name.py;
        let getter = exception::type_fn(&e.name.py);
        quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add(__pb_module, #name, #getter(__pb_module.py())?)?;)
    });
    let constants = module.constants.iter().map(emit_constant);
    let module_const = emit_module_const(module);
    let py_name = &module.name.py;
    let doc = module.doc.clone().unwrap_or_default();
    // setattr, not `add`: `add` would also list `__doc__` in `__all__`.
    let set_doc = (!doc.is_empty()).then(
        || quote!(::pybridge::__private::pyo3::types::PyAnyMethods::setattr(__pb_module.as_any(), "__doc__", #doc)?;),
    );
    quote! {
        #[allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
        const _: () = {
            #(#exceptions)*
            #(#classes)*
            #(#foreign)*
            #(#crossings)*
            #(#enums)*
            #(#wrappers)*

            #[::pybridge::__private::pyo3::pymodule]
            #[pyo3(crate = "::pybridge::__private::pyo3", name = #py_name)]
            fn __pb_init(
                __pb_module: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyModule>,
            ) -> ::pybridge::__private::pyo3::PyResult<()> {
                #set_doc
                ::pybridge::__private::register_panic_exception(__pb_module)?;
                #(#exception_registrations)*
                #(#class_registrations)*
                #(#enum_registrations)*
                #(#unordered)*
                #(#buffer_methods)*
                #(#registrations)*
                #(#constants)*
                ::core::result::Result::Ok(())
            }
        };

        #module_const
    }
}

/// `<NAME>_MODULE` (the module's name in capitals: `VIEW_SHAPES_MODULE`): the module for
/// `Interpreter::builder().embed(…)` (runtime `module.rs`). It declares the `PyInit_<name>` pyo3
/// defines inside the glue's `const _` block, which no path can name. Named after the module,
/// so two specs' glue may share a Rust module (their `PyInit_` symbols differ anyway).
fn emit_module_const(module: &Module) -> TokenStream {
    let py_name = &module.name.py;
    let init = format_ident!("PyInit_{}", py_name);
    let constant = format_ident!("{}_MODULE", py_name.to_uppercase());
    let doc = format!(
        "The extension module `{py_name}` linked into this binary: `pybridge::Interpreter::builder().embed({constant})` makes `import {py_name}` work in an embedded interpreter."
    );
    quote! {
        #[doc = #doc]
        #[allow(dead_code, non_snake_case)]
        pub const #constant: ::pybridge::ExportedModule = {
            unsafe extern "C" {
                fn #init() -> *mut ::pybridge::__private::pyo3::ffi::PyObject;
            }
            ::pybridge::ExportedModule::__new(#py_name, #init)
        };
    }
}

/// Registering each enum: a unit-only enum is the Python enum the runtime makes (enums.rs),
/// an enum with data its base class.
fn emit_enum_registrations(module: &Module) -> Vec<TokenStream> {
    module
        .enums
        .iter()
        .map(|e| {
            let name = &e.name.py;
            if e.has_data() {
                let wrapper = wrapper_ident(name);
                return quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add_class::<#wrapper>(__pb_module)?;);
            }
            let class = enums::enum_class_ident(name);
            quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add(__pb_module, #name, #class.class(__pb_module.py())?)?;)
        })
        .collect()
}

/// `__eq__` without ordering: CPython lists `__lt__`… as the class's own; hide them.
fn emit_hidden_orderings(module: &Module) -> Vec<TokenStream> {
    let eq_only = |d: &[pybridge_model::Dunder]| {
        d.contains(&pybridge_model::Dunder::Eq) && !d.contains(&pybridge_model::Dunder::Ord)
    };
    module
        .classes
        .iter()
        .filter(|c| eq_only(&c.dunders) && !declares_ordering(c))
        .map(|c| c.name.py.as_str())
        .chain(module.enums.iter().filter(|e| e.has_data() && eq_only(&e.dunders)).map(|e| e.name.py.as_str()))
        .map(|py| {
            let wrapper = wrapper_ident(py);
            quote!(::pybridge::__private::hide_orderings(&__pb_module.py().get_type::<#wrapper>())?;)
        })
        .collect()
}

/// The same path in expression position: `Stack<i64>` becomes `Stack::<i64>` (a generic
/// instantiation declared in a spec, SWIG's `%template`).
pub(crate) fn expr_path(path: &syn::Path) -> syn::Path {
    let mut path = path.clone();
    for segment in &mut path.segments {
        if let syn::PathArguments::AngleBracketed(args) = &mut segment.arguments {
            args.colon2_token = Some(Default::default());
        }
    }
    path
}

/// Whether a class declares an ordering method by name (`__lt__`…), which hiding must keep.
fn declares_ordering(c: &pybridge_model::Class) -> bool {
    c.methods.iter().any(|m| ["__lt__", "__le__", "__gt__", "__ge__"].contains(&m.name.py.as_str()))
}

fn function_ident(f: &Function) -> syn::Ident {
    format_ident!("__pb_fn_{}", f.name.py)
}

/// A parameter identifier (raw identifiers stay raw).
pub(crate) fn param_ident(rust: &str) -> syn::Ident {
    pybridge_model::names::ident(rust)
}

/// The wrapper's parameter list (`name: Type`), its pyo3 `signature`, and for `release_gil`
/// functions the leading `py` token.
pub(crate) fn emit_params(f: &Function) -> (Vec<TokenStream>, TokenStream) {
    emit_params_with(f, &|_| None)
}

/// [`emit_params`], with the declared type of some parameters chosen by `declared` (a view's
/// anchor is taken as the Python object it borrows).
pub(crate) fn emit_params_with(
    f: &Function,
    declared: &dyn Fn(&Param) -> Option<TokenStream>,
) -> (Vec<TokenStream>, TokenStream) {
    // Positional-only parameters come before `/`, keyword-only ones after `*`; the wrapper lists
    // its parameters in the signature's order, and the call passes them on by name in the Rust
    // function's order.
    let of = |kind: ParamKind| f.params.iter().filter(move |p| p.kind == kind);
    let ordered: Vec<&Param> = of(ParamKind::PositionalOnly)
        .chain(of(ParamKind::Positional))
        .chain(of(ParamKind::VarPositional))
        .chain(of(ParamKind::Keyword))
        .chain(of(ParamKind::VarKeyword))
        .collect();
    let mut params: Vec<TokenStream> = ordered
        .iter()
        .map(|p| {
            let name = param_ident(&p.name.rust);
            if let Some(ty) = declared(p) {
                return quote!(#name: #ty);
            }
            let ty = emit_param_type(&p.ty);
            if p.kind == ParamKind::VarKeyword {
                // pyo3 passes `None` when no extra keyword arguments were given.
                quote!(#name: ::core::option::Option<#ty>)
            } else if matches!(p.ty.kind, pybridge_model::TypeKind::SliceMut(_)) {
                quote!(mut #name: #ty)
            } else {
                quote!(#name: #ty)
            }
        })
        .collect();
    let entry = |p: &Param| {
        let name = param_ident(&p.name.rust);
        match &p.default_rust {
            Some(value) => {
                let value = emit_default_value(value, &p.ty);
                quote!(#name = #value)
            }
            None => quote!(#name),
        }
    };
    // Python's order: `a, /, b, *args (or *), c, **kwargs`.
    let mut entries: Vec<TokenStream> = of(ParamKind::PositionalOnly).map(entry).collect();
    if !entries.is_empty() {
        entries.push(quote!(/));
    }
    entries.extend(of(ParamKind::Positional).map(entry));
    match of(ParamKind::VarPositional).next() {
        Some(p) => {
            let args = param_ident(&p.name.rust);
            entries.push(quote!(*#args));
        }
        None if of(ParamKind::Keyword).next().is_some() => entries.push(quote!(*)),
        None => {}
    }
    entries.extend(of(ParamKind::Keyword).map(entry));
    entries.extend(of(ParamKind::VarKeyword).map(|p| {
        let kwargs = param_ident(&p.name.rust);
        quote!(**#kwargs)
    }));
    let text = emit_text_signature(f);
    let signature = quote!((#(#entries),*) #text);
    // Every wrapper takes the token: borrowing a class's value needs it, as does releasing the
    // GIL (a leading `_` keeps it from being reported unused).
    params.insert(0, quote!(__pb_py: ::pybridge::Python<'_>));
    (params, signature)
}

/// `, text_signature = "(…)"` when a parameter has a default: pyo3 renders only literal and
/// bare `None` defaults, so `Some(5)`, `Color::Red` or a qualified `None` would show as `...`
/// in `inspect.signature` (and disagree with the `.pyi`). Appended to the `signature` option.
fn emit_text_signature(f: &Function) -> Option<TokenStream> {
    let text = text_signature(f)?;
    Some(quote!(, text_signature = #text))
}

/// The text signature pybridge writes for `f` (`($self, a, /, b=2)`) when a parameter has a
/// default ([`emit_text_signature`]); `None` when pyo3's own rendering is right.
pub(crate) fn text_signature(f: &Function) -> Option<String> {
    if f.kind == pybridge_model::FnKind::Constructor || f.params.iter().all(|p| p.default.is_none()) {
        return None;
    }
    let of = |kind: ParamKind| f.params.iter().filter(move |p| p.kind == kind);
    // `inspect` evaluates the text: a name it cannot look up (`Rounding.Nearest` on a method)
    // would void the whole signature, so only literals are written; other defaults are `...`.
    let literal = |d: &str| {
        matches!(d, "None" | "True" | "False")
            || d.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '\'' | '"'))
    };
    let spell = |p: &Param| match &p.default {
        Some(default) if literal(default) => format!("{}={default}", p.name.py),
        Some(_) => format!("{}=...", p.name.py),
        None => p.name.py.clone(),
    };
    let mut parts: Vec<String> = match f.kind {
        pybridge_model::FnKind::Free | pybridge_model::FnKind::Static => Vec::new(),
        pybridge_model::FnKind::ClassMethod => vec!["$cls".into()],
        _ => vec!["$self".into()],
    };
    let receiver = parts.len();
    parts.extend(of(ParamKind::PositionalOnly).map(spell));
    if parts.len() > receiver {
        parts.push("/".into());
    }
    parts.extend(of(ParamKind::Positional).map(spell));
    match of(ParamKind::VarPositional).next() {
        Some(p) => parts.push(format!("*{}", p.name.py)),
        None if of(ParamKind::Keyword).next().is_some() => parts.push("*".into()),
        None => {}
    }
    parts.extend(of(ParamKind::Keyword).map(spell));
    parts.extend(of(ParamKind::VarKeyword).map(|p| format!("**{}", p.name.py)));
    Some(format!("({})", parts.join(", ")))
}

/// A default as the wrapper's parameter type: a unit-only enum's value (or optional value) is
/// wrapped, as its member converts to the wrapper.
pub(super) fn emit_default_value(value: &pybridge_model::code::RustExpr, ty: &pybridge_model::Type) -> TokenStream {
    use pybridge_model::TypeKind;
    match &ty.kind {
        TypeKind::Class(c) if c.unit_enum => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_wrap(#value))
        }
        TypeKind::Optional(inner) if matches!(&inner.kind, TypeKind::Class(c) if c.unit_enum) => {
            let TypeKind::Class(c) = &inner.kind else { return quote!(#value) };
            let wrapper = wrapper_ident(&c.name);
            quote!(::core::option::Option::map(#value, #wrapper::__pb_wrap))
        }
        // `&T`, `Cow`, `Box`: the wrapper holds the owned value; a default written as a `&str`,
        // a `Cow` or a `Box` converts into it.
        TypeKind::Indirect { .. } => quote!(::core::convert::Into::into(#value)),
        _ => quote!(#value),
    }
}

/// The statements calling `target(args…)`: arguments converted first (so `?` stays outside a
/// detached closure), the call (detached for `release_gil`), errors mapped, the result wrapped.
/// `receiver` is passed first when given (extension methods: `target(object, args…)`).
pub(crate) fn emit_call(f: &Function, target: TokenStream) -> TokenStream {
    emit_call_with(f, target, None)
}

pub(crate) fn emit_call_with(f: &Function, target: TokenStream, receiver: Option<TokenStream>) -> TokenStream {
    emit_call_finishing(f, target, receiver, false)
}

/// [`emit_call_with`]; with `lending`, a returned iterator becomes the items
/// (`__private::next_of`) that `IterObject::lending` keeps beside the value they borrow.
pub(crate) fn emit_call_finishing(
    f: &Function,
    target: TokenStream,
    receiver: Option<TokenStream>,
    lending: bool,
) -> TokenStream {
    let span = f.origin.span();
    let bindings: Vec<syn::Ident> = (0..f.params.len()).map(|i| format_ident!("__pb_a{}", i)).collect();
    let receiver = receiver.map(|r| quote!(#r,));
    let lets = f.params.iter().zip(&bindings).filter(|(p, _)| !is_lent(&p.ty)).map(|(p, b)| {
        let name = param_ident(&p.name.rust);
        let arg = emit_arg(&name, &p.ty);
        if p.kind == ParamKind::VarKeyword {
            return quote!(let #name = #name.unwrap_or_default(); let #b = #arg;);
        }
        quote!(let #b = #arg;)
    });
    let call = quote_spanned!(span=> #target(#receiver #(#bindings),*));
    let call = if f.release_gil { quote!(__pb_py.detach(move || #call)) } else { call };
    let (slot, call) = if convert::takes_callable(&f.params) {
        (
            quote!(let __pb_slot = ::pybridge::__private::CallbackSlot::default();),
            quote!(::pybridge::__private::catch_callback(&__pb_slot, move || #call)?),
        )
    } else {
        (TokenStream::new(), call)
    };
    let checks = f.params.iter().filter(|p| matches!(p.ty.kind, pybridge_model::TypeKind::Callable { .. })).map(|p| {
        let name = param_ident(&p.name.rust);
        let fname = &f.name.py;
        let pname = &p.name.py;
        quote!(let #name = ::pybridge::__private::expect_callable(#name, #fname, #pname)?;)
    });
    let result = match (&f.fallible, &f.raises) {
        (true, Some(exception)) => {
            let class = exception::type_fn(&exception.name);
            quote!(#call.map_err(|e| ::pybridge::__private::raise_declared(#class, &e))?)
        }
        (true, None) => quote!(#call.map_err(::pybridge::__private::into_pyerr)?),
        (false, _) => call,
    };
    let finish = emit_finish(f, result, lending);
    let finish = emit_lent_nesting(f, &bindings, finish);
    let buffers = convert::emit_buffer_guards(f);
    quote! {
        #(#checks)*
        #buffers
        #slot
        #(#lets)*
        #finish
    }
}

/// Whether parameter type `ty` lends an object's value (`&C`, `Option<&C>`): the call runs
/// inside the object's `__pb_with` ([`emit_lent_nesting`]) rather than taking an argument.
fn is_lent(ty: &pybridge_model::Type) -> bool {
    convert::is_borrowed_class(ty) || convert::is_optional_borrowed_class(ty)
}

/// The end of a wrapper's body: the call's `result` and the returned value wrapped for Python
/// (with `lending`, a returned iterator becomes the items `IterObject::lending` keeps).
fn emit_finish(f: &Function, result: TokenStream, lending: bool) -> TokenStream {
    let mut returns = f.returns.clone();
    if let (pybridge_model::ReturnPolicy::Shared, pybridge_model::TypeKind::Class(c)) = (f.policy, &mut returns.kind) {
        c.shared = true;
    }
    if matches!(f.returns.kind, pybridge_model::TypeKind::Unit) {
        return quote! {
            #result;
            ::core::result::Result::Ok(())
        };
    }
    let wrapped = match &returns.kind {
        pybridge_model::TypeKind::Iterator { item, .. } if lending => {
            let items = convert::emit_iter_items(quote!(__pb_result), item);
            quote!(::pybridge::__private::next_of(#items))
        }
        _ => emit_wrap(quote!(__pb_result), &returns),
    };
    quote! {
        let __pb_result = #result;
        ::core::result::Result::Ok(#wrapped)
    }
}

/// `body` nested in the `__pb_with` of each `&C` parameter, which lends its value as the
/// parameter's binding; `Option<&C>` ones the same when given (the body is written for both).
fn emit_lent_nesting(f: &Function, bindings: &[syn::Ident], body: TokenStream) -> TokenStream {
    f.params.iter().zip(bindings).rev().filter(|(p, _)| is_lent(&p.ty)).fold(body, |body, (p, b)| {
        let name = param_ident(&p.name.rust);
        if convert::is_optional_borrowed_class(&p.ty) {
            return quote!(match &#name {
                ::core::option::Option::Some(__pb_o) => __pb_o.__pb_with(__pb_py, |#b| {
                    let #b = ::core::option::Option::Some(#b);
                    #body
                }),
                ::core::option::Option::None => {
                    let #b = ::core::option::Option::None;
                    #body
                }
            });
        }
        quote!(#name.__pb_with(__pb_py, |#b| { #body }))
    })
}

fn emit_function(f: &Function) -> TokenStream {
    let wrapper = function_ident(f);
    let py_name = &f.name.py;
    let mut target = expr_path(f.target().path());
    // A one-segment path (the default, the function's own name) would find a parameter of the
    // same name first: `fn __pb_fn_delta(delta: f64) { delta(delta) }` (found by the spec
    // property test). `self::` reaches the item in the including module.
    if target.leading_colon.is_none() && target.segments.len() == 1 {
        target = syn::parse_quote!(self::#target);
    }
    let (params, signature) = emit_params(f);
    let ret = emit_return_type(&f.returns);
    let doc = f.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("function `{py_name}`"));
    if f.borrows.is_some() {
        return view::emit_borrowing_function(f, &wrapper, &target, quote!(#marker #doc));
    }
    let body = emit_call(f, quote!(#target));
    let fast = fast::is_fast(f).then(|| fast::emit_fast_function(f, &wrapper));
    quote! {
        #fast
        #marker
        #doc
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = #py_name, signature = #signature)]
        fn #wrapper(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #body
        }
    }
}

fn emit_constant(c: &Constant) -> TokenStream {
    let name = &c.name.py;
    let span = c.origin.span();
    // Lowering refuses an exported constant without a value.
    let expr = c.rust_value.as_ref().map(|v| v.expr());
    // As written (a `&str` constant binds a `&'static str` expression); a class or enum value
    // crosses as its wrapper (found by the spec property test: a constant of a class type did
    // not compile).
    let ty = crate::rust_type::emit_export_type(&c.ty);
    let wrapped = emit_wrap(quote!(__pb_value), &c.ty);
    let marker = crate::spec_marker::emit_spec_marker(&c.origin, &format!("constant `{name}`"));
    let value = quote_spanned!(span=> { #marker let __pb_value: #ty = #expr; #wrapped });
    quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add(__pb_module, #name, #value)?;)
}
