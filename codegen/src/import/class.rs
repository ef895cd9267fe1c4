//! Imported classes: an owned handle `m::Driver` (`Send + Sync`, attaches by itself) and a
//! bound view `m::attached::DriverRef<'py>` for code that is already attached. Extracting a
//! Python object into `Driver` checks `isinstance` against the real class.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::names::generated::{is_plain_call, is_plain_value};
use pybridge_model::{Attribute, Class, FnKind, Function};

use super::call::{Callee, Returns, emit_args, emit_call_body, emit_generics, emit_params};
use super::{Ctx, ident};
use crate::docs::emit_doc;
use crate::rust_type::emit_owned_type;

fn names(c: &Class) -> (syn::Ident, syn::Ident, syn::Ident) {
    let name = ident(&c.name.rust);
    let view = format_ident!("{}", pybridge_model::names::generated::view(&c.name.rust));
    let class_static = format_ident!("__PB_CLASS_{}", pybridge_model::names::unraw(&c.name.rust));
    (name, view, class_static)
}

fn setter_ident(a: &Attribute) -> syn::Ident {
    format_ident!("{}", pybridge_model::names::generated::setter(&a.name.rust))
}

/// The owned handle, its conversions, and methods that attach by themselves.
pub(crate) fn emit_class(ctx: &Ctx<'_>, c: &Class) -> TokenStream {
    let (name, view, class_static) = names(c);
    let module = &ctx.module.name.py;
    let py_name = &c.name.py;
    let qualified = format!("{module}.{py_name}");
    let doc =
        emit_doc(c.doc.as_deref().unwrap_or(&format!("A handle to an instance of the Python class `{qualified}`.")));
    let methods = c.methods.iter().map(|m| {
        let method = emit_handle_method(ctx, m, &view, &qualified);
        let with =
            super::options::emit_with_fn(ctx, Some(&c.name.rust), m, super::options::Site::Method { view: false });
        quote!(#method #with)
    });
    let options = c.methods.iter().map(|m| super::options::emit_options_struct(ctx, Some(&c.name.rust), m));
    let attributes = c.attributes.iter().map(|a| emit_handle_attribute(ctx, a, &qualified));
    let traits = emit_handle_traits(&name, &qualified);
    let conversions = emit_handle_conversions(&name, &class_static, &qualified);
    let err = &ctx.error;
    quote! {
        #doc
        pub struct #name(::pybridge::Object);

        #(#options)*

        static #class_static: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #py_name);

        impl #name {
            #(#methods)*
            #(#attributes)*

            /// The bound view of this object, for calls while attached.
            pub fn bind<'py>(&self, py: ::pybridge::Python<'py>) -> attached::#view<'py> {
                attached::#view(self.0.bind(py).clone())
            }

            /// The untyped handle.
            pub fn as_object(&self) -> &::pybridge::Object {
                &self.0
            }

            /// `Clone` for a thread that is already attached: another handle to the same
            /// object, without attaching again.
            pub fn clone_ref(&self, py: ::pybridge::Python<'_>) -> Self {
                Self(self.0.clone_ref(py))
            }

            /// Python's `==` for a thread that is already attached, with the error `__eq__`
            /// raises (the `PartialEq` impl attaches by itself and reads an error as `false`).
            pub fn eq_ref(&self, py: ::pybridge::Python<'_>, other: &Self) -> ::std::result::Result<bool, #err> {
                ::pybridge::__private::handle_eq_attached(py, &self.0, &other.0).map_err(::core::convert::From::from)
            }

            /// Gives up the type, keeping the object.
            pub fn into_object(self) -> ::pybridge::Object {
                self.0
            }
        }

        #traits

        #conversions
    }
}

/// The handle's pyo3 conversions: extraction checks `isinstance` against the real class; the
/// handle (or a reference to it) passes its object.
fn emit_handle_conversions(name: &syn::Ident, class_static: &syn::Ident, qualified: &str) -> TokenStream {
    quote! {
        impl<'a, 'py> ::pybridge::__private::pyo3::FromPyObject<'a, 'py> for #name {
            type Error = ::pybridge::__private::pyo3::PyErr;

            fn extract(
                obj: ::pybridge::__private::pyo3::Borrowed<'a, 'py, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::std::result::Result<Self, Self::Error> {
                ::pybridge::__private::extract_instance(obj, &#class_static, #qualified).map(Self)
            }
        }

        impl<'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for #name {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::std::convert::Infallible;

            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::std::result::Result<Self::Output, Self::Error> {
                ::core::result::Result::Ok(self.0.into_bound(py))
            }
        }

        impl<'a, 'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for &'a #name {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Borrowed<'a, 'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::std::convert::Infallible;

            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::std::result::Result<Self::Output, Self::Error> {
                ::core::result::Result::Ok(self.0.bind_borrowed(py))
            }
        }
    }
}

/// The handle's `Debug` (`repr()`), `Display` (`str()`), `Clone` (the same object) and
/// `PartialEq` (Python's `==`), each attaching by itself (runtime `handles.rs`).
fn emit_handle_traits(name: &syn::Ident, qualified: &str) -> TokenStream {
    quote! {
        /// `repr()` of the object (the class's name when `__repr__` raises).
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, __pb_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match ::pybridge::__private::handle_repr(&self.0) {
                    ::core::option::Option::Some(__pb_repr) => __pb_f.write_str(&__pb_repr),
                    ::core::option::Option::None => __pb_f.write_str(::core::concat!(#qualified, "(..)")),
                }
            }
        }

        /// `str()` of the object.
        impl ::std::fmt::Display for #name {
            fn fmt(&self, __pb_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                __pb_f.write_str(&::pybridge::__private::handle_str(&self.0))
            }
        }

        /// Another handle to the same object (Python's `is` holds between them).
        impl ::std::clone::Clone for #name {
            fn clone(&self) -> Self {
                Self(::pybridge::__private::handle_clone(&self.0))
            }
        }

        /// Python's `==` (`false` when `__eq__` raises).
        impl ::std::cmp::PartialEq for #name {
            fn eq(&self, __pb_other: &Self) -> bool {
                ::pybridge::__private::handle_eq(&self.0, &__pb_other.0)
            }
        }
    }
}

/// A method of the owned handle (constructor, static/class method, or instance method): it
/// attaches by itself and calls the same method of the bound view.
fn emit_handle_method(ctx: &Ctx<'_>, m: &Function, view: &syn::Ident, qualified: &str) -> TokenStream {
    let err = &ctx.error;
    let mname = ident(&m.name.rust);
    let params = emit_params(m);
    let generics = emit_generics(m);
    let args = emit_args(m);
    let mdoc = emit_doc(m.doc.as_deref().unwrap_or(&match m.kind {
        FnKind::Constructor => format!("Creates a `{qualified}`."),
        _ => format!("Calls `{qualified}.{}`.", m.name.py),
    }));
    let ret = super::call::emit_stub_return_type(&m.returns, err);
    // Plain values only: the direct attach (the runtime's direct_attach.rs). The handle is
    // borrowed (`self.bind`), so nothing but `Bound` values lives inside either.
    let attach = if is_plain_call(m) { quote!(attach_plain) } else { quote!(attach_call) };
    match m.kind {
        FnKind::Constructor => quote! {
            #mdoc
            pub fn new #generics(#(#params),*) -> ::std::result::Result<Self, #err> {
                ::pybridge::__private::attach_call(|__pb_py| attached::#view::new(__pb_py #(, #args)*).map(attached::#view::unbind))
            }
        },
        FnKind::Static | FnKind::ClassMethod => quote! {
            #mdoc
            pub fn #mname #generics(#(#params),*) -> ::std::result::Result<#ret, #err> {
                ::pybridge::__private::#attach(|__pb_py| attached::#view::#mname(__pb_py #(, #args)*))
            }
        },
        _ => quote! {
            #mdoc
            pub fn #mname #generics(&self #(, #params)*) -> ::std::result::Result<#ret, #err> {
                ::pybridge::__private::#attach(|__pb_py| self.bind(__pb_py).#mname(#(#args),*))
            }
        },
    }
}

/// An attribute of the owned handle: its getter and, when writable, its setter.
fn emit_handle_attribute(ctx: &Ctx<'_>, a: &Attribute, qualified: &str) -> TokenStream {
    let err = &ctx.error;
    let aname = ident(&a.name.rust);
    let ty = emit_owned_type(&a.ty);
    let adoc = emit_doc(a.doc.as_deref().unwrap_or(&format!("Reads `{qualified}.{}`.", a.name.py)));
    let attach = if is_plain_value(&a.ty) { quote!(attach_plain) } else { quote!(attach_call) };
    let getter = quote! {
        #adoc
        pub fn #aname(&self) -> ::std::result::Result<#ty, #err> {
            ::pybridge::__private::#attach(|__pb_py| self.bind(__pb_py).#aname())
        }
    };
    let setter = a.writable.then(|| {
        let setter = setter_ident(a);
        let pty = crate::rust_type::emit_plain_param_type(&a.ty);
        let sdoc = emit_doc(&format!("Assigns `{qualified}.{}`.", a.name.py));
        quote! {
            #sdoc
            pub fn #setter(&self, __pb_value: #pty) -> ::std::result::Result<(), #err> {
                ::pybridge::__private::#attach(|__pb_py| self.bind(__pb_py).#setter(__pb_value))
            }
        }
    });
    quote!(#getter #setter)
}

/// The bound view `DriverRef<'py>` in `m::attached`.
pub(crate) fn emit_class_ref(ctx: &Ctx<'_>, c: &Class) -> TokenStream {
    let (name, view, _) = names(c);
    let qualified = format!("{}.{}", ctx.module.name.py, c.name.py);
    let err = &ctx.error;
    let doc = emit_doc(&format!("An instance of `{qualified}`, bound to an attached interpreter."));
    let methods = c.methods.iter().map(|m| {
        let method = emit_view_method(ctx, c, m);
        let with =
            super::options::emit_with_fn(ctx, Some(&c.name.rust), m, super::options::Site::Method { view: true });
        quote!(#method #with)
    });
    let attributes = c.attributes.iter().map(|a| {
        let aname = ident(&a.name.rust);
        let ty = emit_owned_type(&a.ty);
        let pname = &a.name.py;
        let aqualified = format!("{qualified}.{pname}");
        let expected = a.ty.python();
        let read = if super::is_empty_tuple(&a.ty) {
            quote!(::pybridge::__private::get_attribute::<::pybridge::__private::EmptyTuple, #err>(&self.0, ::pybridge::__private::pyo3::intern!(py, #pname), #aqualified, #expected).map(|_| ()))
        } else {
            quote!(::pybridge::__private::get_attribute(&self.0, ::pybridge::__private::pyo3::intern!(py, #pname), #aqualified, #expected))
        };
        let getter = quote! {
            #[doc = ::core::concat!(" Reads `", #aqualified, "`.")]
            pub fn #aname(&self) -> ::std::result::Result<#ty, #err> {
                let py = self.0.py();
                #read
            }
        };
        let setter = a.writable.then(|| {
            let setter = setter_ident(a);
            let pty = crate::rust_type::emit_plain_param_type(&a.ty);
            quote! {
                #[doc = ::core::concat!(" Assigns `", #aqualified, "`.")]
                pub fn #setter(&self, __pb_value: #pty) -> ::std::result::Result<(), #err> {
                    // `__pb_` names: a class of the module may be called `value` or `py` (a
                    // tuple struct, which a binding cannot shadow; found by the spec property test).
                    let __pb_py = self.0.py();
                    ::pybridge::__private::set_attribute(&self.0, ::pybridge::__private::pyo3::intern!(__pb_py, #pname), __pb_value, #aqualified)
                }
            }
        });
        quote!(#getter #setter)
    });
    quote! {
        #doc
        #[derive(Debug)]
        pub struct #view<'py>(pub(super) ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>);

        impl<'py> #view<'py> {
            #(#methods)*
            #(#attributes)*

            /// The owned handle, usable from any thread.
            pub fn unbind(self) -> #name {
                #name(self.0.unbind())
            }

            /// The bound Python object.
            pub fn as_bound(&self) -> &::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny> {
                &self.0
            }
        }
    }
}

fn emit_view_method(ctx: &Ctx<'_>, c: &Class, m: &Function) -> TokenStream {
    let marker = crate::spec_marker::emit_spec_marker(&m.origin, &format!("method `{}.{}`", c.name.py, m.name.py));
    let method = emit_view_method_body(ctx, c, m);
    quote!(#marker #method)
}

fn emit_view_method_body(ctx: &Ctx<'_>, c: &Class, m: &Function) -> TokenStream {
    let mname = ident(&m.name.rust);
    let params = emit_params(m);
    let generics = emit_generics(m);
    let err = &ctx.error;
    let qualified = format!("{}.{}.{}", ctx.module.name.py, c.name.py, m.name.py);
    match m.kind {
        FnKind::Constructor => {
            let class_qualified = format!("{}.{}", ctx.module.name.py, c.name.py);
            let body = emit_call_body(ctx, m, Callee::Attr(c.name.py.clone()), &class_qualified, Returns::Instance);
            quote! {
                #[doc = ::core::concat!(" Creates a `", #class_qualified, "`.")]
                pub fn new #generics(py: ::pybridge::Python<'py> #(, #params)*) -> ::std::result::Result<Self, #err> {
                    #body
                }
            }
        }
        FnKind::Static | FnKind::ClassMethod => {
            let attr = format!("{}.{}", c.name.py, m.name.py);
            let body = emit_call_body(ctx, m, Callee::Attr(attr), &qualified, Returns::Typed);
            let ret = super::call::emit_stub_return_type(&m.returns, err);
            quote! {
                #[doc = ::core::concat!(" Calls `", #qualified, "`.")]
                pub fn #mname #generics(py: ::pybridge::Python<'py> #(, #params)*) -> ::std::result::Result<#ret, #err> {
                    #body
                }
            }
        }
        _ => {
            let body = emit_call_body(ctx, m, Callee::Method, &qualified, Returns::Typed);
            let ret = super::call::emit_stub_return_type(&m.returns, err);
            quote! {
                #[doc = ::core::concat!(" Calls `", #qualified, "`.")]
                pub fn #mname #generics(&self #(, #params)*) -> ::std::result::Result<#ret, #err> {
                    let py = self.0.py();
                    #body
                }
            }
        }
    }
}
