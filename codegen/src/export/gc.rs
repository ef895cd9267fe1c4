//! Cycle-collector support for exported classes (`__traverse__` / `__clear__`): a class whose
//! fields hold Python objects, or which can be a view holding its parent object, reports those
//! references to Python's gc, and clearing it drops its Rust value (so `Drop` runs once, there).

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::Class;

/// `__traverse__` visits the parent of a view and every declared attribute whose type holds
/// Python objects (`pybridge::Object`, or `Option`/`Vec` of it) in an owned value; a value
/// shared with Rust (`Arc`) is not this object's to report.
pub(super) fn emit_gc(c: &Class) -> TokenStream {
    // A class exporting a buffer keeps its value while an export is alive (the exported items
    // must stay); the cycle is then broken at another object.
    let keep = super::buffer::buffer_field(c).map(|_| {
        quote!(if self.__pb_exports.exported() {
            return;
        })
    });
    let fields = c.attributes.iter().filter(|a| a.ty.uses_any()).map(|a| {
        let field = super::param_ident(&a.name.rust);
        emit_visit(quote!(&__pb_value.#field), &a.ty)
    });
    quote! {
        fn __traverse__(
            &self,
            visit: ::pybridge::__private::pyo3::PyVisit<'_>,
        ) -> ::std::result::Result<(), ::pybridge::__private::pyo3::PyTraverseError> {
            // Skipped while a method holds the value exclusively (it is reachable then).
            let ::std::option::Option::Some(__pb_holder) = self.inner.for_traverse(&visit) else {
                return ::core::result::Result::Ok(());
            };
            if let ::std::option::Option::Some(parent) = __pb_holder.parent() {
                visit.call(parent)?;
            }
            if let ::std::option::Option::Some(__pb_value) = __pb_holder.owned() {
                let _ = __pb_value;
                #(#fields)*
            }
            ::core::result::Result::Ok(())
        }

        fn __clear__(&self, __pb_py: ::pybridge::Python<'_>) {
            #keep
            // Takes the Rust value out, then drops it (its `Drop` runs here, once) with the
            // references it held, outside the borrow. A value in use is left alone.
            let __pb_old = match self.inner.borrow_mut(__pb_py) {
                ::core::result::Result::Ok(mut __pb_holder) => {
                    ::std::mem::replace(&mut *__pb_holder, ::pybridge::__private::Holder::Closed)
                }
                ::core::result::Result::Err(_) => return,
            };
            ::core::mem::drop(__pb_old);
        }
    }
}

/// Visits every Python object inside the value behind the reference expression `r`: through
/// `Traverse` where the runtime has it (`Object`, `Option`, `Vec`), and by walking tuples and
/// dict values here (found by the spec property test: a `(Vec<u8>, Vec<pybridge::Object>)`
/// field did not compile).
fn emit_visit(r: TokenStream, ty: &pybridge_model::Type) -> TokenStream {
    use pybridge_model::TypeKind;
    fn traversable(ty: &pybridge_model::Type) -> bool {
        match &ty.kind {
            TypeKind::Any => true,
            TypeKind::Optional(t) | TypeKind::List(t) => traversable(t),
            _ => false,
        }
    }
    if !ty.uses_any() {
        return quote!();
    }
    if traversable(ty) {
        return quote!(::pybridge::__private::Traverse::traverse(#r, &visit)?;);
    }
    match &ty.kind {
        TypeKind::Optional(t) => {
            let inner = emit_visit(quote!(__pb_x), t);
            quote!(if let ::std::option::Option::Some(__pb_x) = #r { #inner })
        }
        TypeKind::List(t) => {
            let inner = emit_visit(quote!(__pb_x), t);
            quote!(for __pb_x in #r { #inner })
        }
        TypeKind::Array(t, _) => {
            let inner = emit_visit(quote!(__pb_x), t);
            quote!(for __pb_x in #r { #inner })
        }
        TypeKind::Dict(_, v, _) => {
            let inner = emit_visit(quote!(__pb_x), v);
            quote!(for __pb_x in (#r).values() { #inner })
        }
        TypeKind::Tuple(items) => {
            let items = items.iter().enumerate().map(|(i, t)| {
                let index = syn::Index::from(i);
                emit_visit(quote!(&(#r).#index), t)
            });
            quote!(#(#items)*)
        }
        _ => quote!(),
    }
}
