//! Direct entry points for the hot members of exported classes (the runtime's `fast_method.rs`
//! explains the fast and slow paths): methods whose parameters are plain values, property
//! getters, setters of plain-value fields, a constructor of plain values (the class's
//! vectorcall entry point, the runtime's `fast_method/constructor.rs`), and the `__len__`,
//! plain-key `__getitem__` and plain-operand binary operator slots (`fast_method/slots.rs`).
//!
//! Plain methods are pybridge's own in every build: pyo3 has no wrapper for them. For
//! `fn scale(&mut self, k: f64)` of class `Rect` the glue writes the plain wrapper method
//! `__pb_m_scale` (outside `#[pymethods]`) and
//!
//! ```ignore
//! ::pybridge::__private::fast_method!(__pb_fastm_Rect_scale, __pb_entrym_Rect_scale, __PbClass_Rect,
//!     call_unit, ("scale", ["k"], 0, 1, 1), "scale($self, k)\n--\n\nScales.",
//!     |__pb_py, __pb_this, __pb_a| __PbClass_Rect::__pb_m_scale(__pb_this, __pb_py, __pb_a.get(0)?));
//! ```
//!
//! and, after the class is added to the module,
//! `add_fast_methods::<__PbClass_Rect>(py, &[&__pb_fastm_Rect_scale])`, which puts a method
//! descriptor of that entry point in the class's `__dict__`. A call the entry does not take
//! as it comes (keywords, a wrong count) is parsed by pyo3's own parser, and an argument it
//! does not convert in place by pyo3's `FromPyObject`, so errors are pyo3's words.
//!
//! The other members (properties, the constructor, slots) keep pyo3's entries, and get
//! direct ones beside them in optimised builds only.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Attribute, Class, FnKind, Function, ParamKind, ReturnPolicy, TypeKind};

use super::convert::wrapper_ident;
use super::fast::{emit_fast_args, has_fast_shape, is_plain};

/// Whether `c`'s members get direct entry points: classes pyo3 hands out as `&Wrapper` without
/// a thread check (not `unsendable`) that are not view classes (their wrapper differs).
fn has_fast_members(c: &Class) -> bool {
    !c.unsendable && c.lifetime.is_none()
}

/// The methods of `c` with a direct entry: plain `&self` / `&mut self` methods of the fast
/// shape (not protocols, which pyo3 fills slots for, and not `close`).
pub(super) fn fast_methods(c: &Class) -> impl Iterator<Item = &Function> {
    c.methods.iter().filter(move |m| {
        has_fast_members(c)
            && matches!(m.kind, FnKind::Method | FnKind::MethodMut)
            && !m.name.py.starts_with("__")
            && c.close.as_deref() != Some(m.name.rust.as_str())
            && c.close.as_deref() != Some(m.name.py.as_str())
            && has_fast_shape(m)
            && m.params.len() <= MAX_PARAMS
    })
}

/// The most parameters a method pybridge registers itself takes (the runtime's
/// `fast_method/args.rs`, `MAX_PARAMS`).
const MAX_PARAMS: usize = 16;

/// Whether pybridge registers method `m` of `c` itself (pyo3 then has no wrapper for it).
pub(super) fn is_registered_by_pybridge(c: &Class, m: &Function) -> bool {
    fast_methods(c).any(|f| std::ptr::eq(f, m))
}

/// The properties of `c` with direct entries: a field read by copy (not a view) whose setter,
/// if writable, takes a plain value; or a getter method without a setter method.
enum FastProperty<'a> {
    Field(&'a Attribute),
    Getter(&'a Function),
}

fn fast_properties(c: &Class) -> Vec<FastProperty<'_>> {
    if !has_fast_members(c) {
        return Vec::new();
    }
    let fields = c
        .attributes
        .iter()
        .filter(|a| a.policy != ReturnPolicy::View && (!a.writable || is_plain(&a.ty)))
        .map(FastProperty::Field);
    let has_setter = |name: &str| c.methods.iter().any(|m| m.kind == FnKind::Setter && m.name.py == name);
    let getters = c
        .methods
        .iter()
        .filter(|m| m.kind == FnKind::Getter && m.policy == ReturnPolicy::Value && m.borrows.is_none())
        .filter(|m| !matches!(m.returns.kind, TypeKind::Iterator { .. }) && !has_setter(&m.name.py))
        .map(FastProperty::Getter);
    fields.chain(getters).collect()
}

/// The constructor of `c` with a direct entry (the class's vectorcall entry point): one of the
/// fast shape, in a class whose members get direct entries.
fn fast_constructor(c: &Class) -> Option<&Function> {
    let ctor = c.methods.iter().find(|m| m.kind == FnKind::Constructor)?;
    (has_fast_members(c) && has_fast_shape(ctor)).then_some(ctor)
}

/// The binary operators whose number slot can take a direct entry (the runtime's
/// `slots.rs` maps each to its slot).
const BINARY_OPERATORS: &[&str] = &[
    "__add__",
    "__sub__",
    "__mul__",
    "__mod__",
    "__lshift__",
    "__rshift__",
    "__and__",
    "__xor__",
    "__or__",
    "__floordiv__",
    "__truediv__",
    "__matmul__",
];

/// The protocols of `c` with a direct slot: `__len__`; `__getitem__` whose one parameter (the
/// key) is plain; and a binary operator whose right operand is plain and whose result is a
/// plain value or a class's object (never `NotImplemented`, so pyo3 would not go on to a
/// reflected method). Other protocols keep pyo3's slots.
fn fast_slots(c: &Class) -> impl Iterator<Item = &Function> {
    c.methods.iter().filter(move |m| {
        let one_key = m.params.len() == 1 && m.params[0].default_rust.is_none();
        let shape = match m.name.py.as_str() {
            "__len__" => m.params.is_empty(),
            "__getitem__" => one_key,
            op if BINARY_OPERATORS.contains(&op) => {
                one_key && (is_plain(&m.returns) || matches!(m.returns.kind, TypeKind::Class(_)))
            }
            _ => false,
        };
        has_fast_members(c) && matches!(m.kind, FnKind::Method | FnKind::MethodMut) && shape && has_fast_shape(m)
    })
}

fn slot_entry(c: &Class, m: &Function) -> syn::Ident {
    format_ident!("__pb_entrys_{}_{}", c.name.py, m.name.py.trim_matches('_'))
}

fn slot_static(c: &Class, m: &Function) -> syn::Ident {
    format_ident!("__pb_fasts_{}_{}", c.name.py, m.name.py.trim_matches('_'))
}

fn constructor_static(c: &Class) -> syn::Ident {
    format_ident!("__pb_fastc_{}", c.name.py)
}

fn method_static(c: &Class, m: &Function) -> syn::Ident {
    format_ident!("__pb_fastm_{}_{}", c.name.py, m.name.py)
}

fn property_static(c: &Class, name: &str) -> syn::Ident {
    format_ident!("__pb_fastp_{}_{}", c.name.py, name)
}

/// The wrapper method of `m` (method.rs names it): a plain method for those pybridge registers
/// itself, pyo3's otherwise.
fn method_wrapper(m: &Function) -> syn::Ident {
    format_ident!("__pb_m_{}", pybridge_model::names::unraw(&m.name.rust))
}

/// Every direct entry of `c`'s members: one macro line each. The plain methods' in every build
/// (pybridge registers them itself, pyo3 has no wrapper for them); the other members' in
/// optimised builds only (a debug build, `cfg(debug_assertions)`, keeps pyo3's for them and
/// compiles faster; what Python sees is the same either way).
pub(super) fn emit_fast_members(c: &Class, direct: bool) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let methods = fast_methods(c).map(|m| emit_fast_method(c, m, &wrapper, direct));
    let properties = fast_properties(c).into_iter().map(|p| emit_fast_property(c, &p, &wrapper));
    let constructor = fast_constructor(c).map(|m| emit_fast_constructor(c, m, &wrapper)).into_iter();
    let slots = fast_slots(c).map(|m| emit_fast_slot(c, m, &wrapper));
    quote! {
        #(#[cfg(not(debug_assertions))] #constructor)*
        #(#methods)*
        #(#[cfg(not(debug_assertions))] #properties)*
        #(#[cfg(not(debug_assertions))] #slots)*
    }
}

fn emit_fast_slot(c: &Class, m: &Function, wrapper: &syn::Ident) -> TokenStream {
    let marker =
        crate::spec_marker::emit_spec_marker(&m.origin, &format!("method `{}.{}` (direct slot)", c.name.py, m.name.py));
    let entry = slot_entry(c, m);
    let ident = method_wrapper(m);
    match m.params.first() {
        None => quote! {
            #marker
            ::pybridge::__private::fast_slot!(len #entry, #wrapper, |__pb_py, __pb_this| #wrapper::#ident(__pb_this, __pb_py));
        },
        Some(key) => {
            let fast = slot_static(c, m);
            let ty = super::convert::emit_param_type(&key.ty);
            let kind = if m.name.py == "__getitem__" { quote!(getitem) } else { quote!(binary) };
            quote! {
                #marker
                ::pybridge::__private::fast_slot!(#kind #fast, #entry, #wrapper, #ty, |__pb_py, __pb_this, __pb_k| #wrapper::#ident(__pb_this, __pb_py, __pb_k));
            }
        }
    }
}

fn emit_fast_constructor(c: &Class, m: &Function, wrapper: &syn::Ident) -> TokenStream {
    let marker =
        crate::spec_marker::emit_spec_marker(&m.origin, &format!("constructor of `{}` (direct entry)", c.name.py));
    let fast = constructor_static(c);
    let entry = format_ident!("__pb_entryc_{}", c.name.py);
    let (required, count, args) = emit_fast_args(m);
    quote! {
        #marker
        ::pybridge::__private::fast_constructor!(#fast, #entry, #wrapper, (#required, #count), |__pb_py, __pb_a| #wrapper::__pb_constructor(__pb_py, #(#args),*));
    }
}

fn emit_fast_method(c: &Class, m: &Function, wrapper: &syn::Ident, direct: bool) -> TokenStream {
    let marker = crate::spec_marker::emit_spec_marker(&m.origin, &format!("method `{}`", m.name.py));
    let fast = method_static(c, m);
    let entry = format_ident!("__pb_entrym_{}_{}", c.name.py, m.name.py);
    let unit = matches!(m.returns.kind, TypeKind::Unit);
    let doc = method_doc(m);
    let name = &m.name.py;
    let body = super::method::emit_registered_body(m, direct, &quote!(__pb_this), wrapper);
    if m.params.is_empty() {
        let call = if unit { quote!(call_noargs_unit) } else { quote!(call_noargs) };
        return quote! {
            #marker
            ::pybridge::__private::fast_method!(#fast, #entry, #wrapper, noargs #call, #name, #doc, |__pb_py, __pb_this| { #body });
        };
    }
    let (required, count, args) = emit_fast_args(m);
    // The arguments bound to the parameters' names, in Python's order (as the wrapper's
    // parameters were), which the call reads.
    let of = |kind: ParamKind| m.params.iter().filter(move |p| p.kind == kind);
    let lets = of(ParamKind::PositionalOnly).chain(of(ParamKind::Positional)).zip(args).map(|(p, arg)| {
        let ident = super::param_ident(&p.name.rust);
        let ty = super::convert::emit_param_type(&p.ty);
        quote!(let #ident: #ty = #arg;)
    });
    let call = if unit { quote!(call_unit) } else { quote!(call) };
    let names = python_params(m);
    let positional_only =
        proc_macro2::Literal::usize_unsuffixed(m.params.iter().filter(|p| p.kind == ParamKind::PositionalOnly).count());
    quote! {
        #marker
        ::pybridge::__private::fast_method!(#fast, #entry, #wrapper, #call, (#name, [#(#names),*], #positional_only, #required, #count), #doc,
            |__pb_py, __pb_this, __pb_a| { #(#lets)* #body });
    }
}

/// The Python names of `m`'s parameters in Python's order (positional-only first), as pyo3
/// names them: the Rust parameter's name, unraw.
fn python_params(m: &Function) -> Vec<String> {
    use syn::ext::IdentExt;
    let of = |kind: ParamKind| m.params.iter().filter(move |p| p.kind == kind);
    of(ParamKind::PositionalOnly)
        .chain(of(ParamKind::Positional))
        .map(|p| super::param_ident(&p.name.rust).unraw().to_string())
        .collect()
}

/// `m`'s docstring as the pyo3 wrapper had it: the text signature (`name($self, a, /, b=2)`:
/// pybridge's own when a parameter has a default, as for pyo3's wrappers, else pyo3's), the
/// `--` line CPython splits `__text_signature__` at, then the doc lines.
fn method_doc(m: &Function) -> String {
    let signature = super::text_signature(m).unwrap_or_else(|| {
        let positional_only = m.params.iter().filter(|p| p.kind == ParamKind::PositionalOnly).count();
        let mut parts = vec!["$self".to_string()];
        for (i, name) in python_params(m).into_iter().enumerate() {
            parts.push(name);
            if positional_only > 0 && i + 1 == positional_only {
                parts.push("/".into());
            }
        }
        format!("({})", parts.join(", "))
    });
    let doc = m.doc.as_deref().map(|d| d.lines().collect::<Vec<_>>().join("\n")).unwrap_or_default();
    format!("{}{signature}\n--\n\n{doc}", m.name.py)
}

fn emit_fast_property(c: &Class, p: &FastProperty<'_>, wrapper: &syn::Ident) -> TokenStream {
    let (name, origin) = match p {
        FastProperty::Field(a) => (&a.name.py, &a.origin),
        FastProperty::Getter(m) => (&m.name.py, &m.origin),
    };
    let marker =
        crate::spec_marker::emit_spec_marker(origin, &format!("property `{}.{name}` (direct entry)", c.name.py));
    let fast = property_static(c, name);
    let get_entry = format_ident!("__pb_getp_{}_{}", c.name.py, name);
    let get = match p {
        FastProperty::Field(_) => format_ident!("__pb_get_{}", name),
        FastProperty::Getter(m) => method_wrapper(m),
    };
    let setter = match p {
        FastProperty::Field(a) if a.writable => {
            let set_entry = format_ident!("__pb_setp_{}_{}", c.name.py, name);
            let set = format_ident!("__pb_set_{}", name);
            let ty = super::convert::emit_param_type(&a.ty);
            Some(quote!(, #set_entry, set #ty, |__pb_py, __pb_this, __pb_v| #wrapper::#set(__pb_this, __pb_py, __pb_v)))
        }
        _ => None,
    };
    quote! {
        #marker
        ::pybridge::__private::fast_property!(#fast, #get_entry, #wrapper, get |__pb_py, __pb_this| #wrapper::#get(__pb_this, __pb_py) #setter);
    }
}

/// Installing `c`'s direct entries in its class, after pyo3 made it.
pub(super) fn emit_fast_registrations(c: &Class) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let methods: Vec<syn::Ident> = fast_methods(c).map(|m| method_static(c, m)).collect();
    let methods = (!methods.is_empty())
        .then(|| quote!(::pybridge::__private::add_fast_methods::<#wrapper>(__pb_module.py(), &[#(&#methods),*])?;));
    let properties = fast_properties(c).into_iter().map(|p| {
        let name = match p {
            FastProperty::Field(a) => &a.name.py,
            FastProperty::Getter(m) => &m.name.py,
        };
        let fast = property_static(c, name);
        quote!(::pybridge::__private::add_fast_property::<#wrapper>(__pb_module.py(), #name, &#fast)?;)
    });
    let constructor = fast_constructor(c).map(|_| {
        let fast = constructor_static(c);
        quote!(::pybridge::__private::add_fast_constructor::<#wrapper>(__pb_module.py(), &#fast)?;)
    });
    let slots = fast_slots(c).map(|m| {
        let entry = slot_entry(c, m);
        let fast = slot_static(c, m);
        match m.name.py.as_str() {
            "__len__" => quote!(::pybridge::__private::add_fast_len::<#wrapper>(__pb_module.py(), #entry)?;),
            "__getitem__" => {
                quote!(::pybridge::__private::add_fast_getitem::<#wrapper>(__pb_module.py(), &#fast, #entry)?;)
            }
            op => quote!(::pybridge::__private::add_fast_binary::<#wrapper>(__pb_module.py(), &#fast, #entry, #op)?;),
        }
    });
    // The methods in every build (pyo3 has no wrapper for them); the other members' entries in
    // optimised builds (pyo3's stay in place in a debug build).
    let optimised: Vec<TokenStream> = constructor.into_iter().chain(properties).chain(slots).collect();
    let optimised = (!optimised.is_empty()).then(|| quote!(#[cfg(not(debug_assertions))] { #(#optimised)* }));
    quote!(#methods #optimised)
}
