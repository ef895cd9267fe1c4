//! Locators: for a returned type with containers (`list[dict[str, int]]`), the runtime walk
//! that, once the conversion has failed, finds the element that does not convert, so the error
//! says where (`return value at [2]["k"]`). Only the cold path runs it.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{Type, TypeKind};

use crate::rust_type::emit_owned_type;

/// Whether `ty` holds elements a locator can point at.
pub(crate) fn has_elements(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::List(_) | TypeKind::Set(..) | TypeKind::Dict(..) => true,
        TypeKind::Tuple(items) => !items.is_empty(),
        TypeKind::Optional(inner) => has_elements(inner),
        _ => false,
    }
}

/// `&|v| …`: the locator of `ty` (a [`pybridge::__private::Locator`]).
pub(crate) fn emit_locator(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::List(item) | TypeKind::Set(item, _) => {
            let item = emit_locator(item);
            quote!(&|__pb_v| ::pybridge::__private::locate_items(__pb_v, #item))
        }
        TypeKind::Dict(k, v, _) => {
            let (k, v) = (emit_locator(k), emit_locator(v));
            quote!(&|__pb_v| ::pybridge::__private::locate_entries(__pb_v, #k, #v))
        }
        TypeKind::Tuple(items) if !items.is_empty() => {
            let items = items.iter().map(emit_locator);
            quote!(&|__pb_v| ::pybridge::__private::locate_fields(__pb_v, &[#(#items),*]))
        }
        TypeKind::Optional(inner) if has_elements(inner) => {
            let inner = emit_locator(inner);
            quote!(&|__pb_v| ::pybridge::__private::locate_optional(__pb_v, #inner))
        }
        _ => {
            let owned = emit_owned_type(ty);
            quote!(&|__pb_v| ::pybridge::__private::locate_leaf::<#owned>(__pb_v))
        }
    }
}
