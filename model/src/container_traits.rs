//! `Index<K>`, `IndexMut<K>` and `Iterator` implemented by an exported class: Python's
//! `__getitem__`, `__setitem__` and `__next__`, for both front ends (a spec lists
//! `"Index<usize, Output = f64>"`, `"IndexMut<usize>"`, `"Iterator<Item = u64>"` under
//! `traits:`; `#[py_embed]` reads the `impl` blocks). Each becomes an ordinary protocol method
//! of the class that calls the trait through the object (`extend`, the object first): the
//! runtime's `index_get`/`key_get` (the item cloned out, a panicking index raised as
//! `IndexError` for integer keys, `KeyError` for others), `index_set`/`key_set`, and
//! `Iterator::next` itself. A method the class declares by name takes precedence.

use crate::code::RustPath;
use crate::ir::{FnKind, Function, Name, Param, ParamKind, ReturnPolicy};
use crate::origin::Origin;
use crate::types::{Type, TypeKind};

/// A container trait with a Python protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerTrait {
    /// `Index<K>` → `__getitem__`.
    Index,
    /// `IndexMut<K>` → `__setitem__`.
    IndexMut,
    /// `Iterator` → `__next__` (and `__iter__` returning the object).
    Iterator,
}

impl ContainerTrait {
    /// The trait named `name` (the last segment of its path).
    ///
    /// ```
    /// use pybridge_model::container_traits::ContainerTrait;
    /// assert_eq!(ContainerTrait::named("IndexMut").map(|t| t.python_name()), Some("__setitem__"));
    /// assert_eq!(ContainerTrait::named("Add"), None);
    /// ```
    pub fn named(name: &str) -> Option<ContainerTrait> {
        Some(match name {
            "Index" => ContainerTrait::Index,
            "IndexMut" => ContainerTrait::IndexMut,
            "Iterator" => ContainerTrait::Iterator,
            _ => return None,
        })
    }

    /// The Python method it gives.
    pub fn python_name(self) -> &'static str {
        match self {
            ContainerTrait::Index => "__getitem__",
            ContainerTrait::IndexMut => "__setitem__",
            ContainerTrait::Iterator => "__next__",
        }
    }

    /// How the trait is written with its types, for messages.
    pub fn spelling(self) -> &'static str {
        match self {
            ContainerTrait::Index => "Index<K, Output = V>",
            ContainerTrait::IndexMut => "IndexMut<K>",
            ContainerTrait::Iterator => "Iterator<Item = T>",
        }
    }

    /// The protocol method: `key` is `K` (for `Index`/`IndexMut`), `value` the `Output` or the
    /// `Item`; `origin` where the trait was written.
    pub fn method(self, key: Option<Type>, value: Type, origin: Origin) -> Function {
        let integer_key = key.as_ref().is_some_and(|k| matches!(k.kind, TypeKind::Int(_)));
        let helper = |get: &str, set: &str| {
            let name = match self {
                ContainerTrait::Index => get,
                _ => set,
            };
            RustPath::parse(&format!("::pybridge::__private::{name}")).ok()
        };
        let param = |name: &str, ty: Type| Param {
            name: Name { py: name.into(), rust: name.into(), origin },
            ty,
            kind: ParamKind::Positional,
            default: None,
            default_rust: None,
            default_origin: Origin::Implied,
            origin,
        };
        let (kind, rust_path, params, returns, fallible) = match self {
            ContainerTrait::Index | ContainerTrait::IndexMut => {
                let path = if integer_key { helper("index_get", "index_set") } else { helper("key_get", "key_set") };
                let mut params: Vec<Param> = key.into_iter().map(|k| param("key", k)).collect();
                if self == ContainerTrait::Index {
                    (FnKind::Method, path, params, value, true)
                } else {
                    params.push(param("value", value));
                    (FnKind::MethodMut, path, params, Type::unit(origin), true)
                }
            }
            ContainerTrait::Iterator => (
                FnKind::MethodMut,
                RustPath::parse("::core::iter::Iterator::next").ok(),
                Vec::new(),
                Type::new(TypeKind::Optional(Box::new(value)), origin),
                false,
            ),
        };
        let py = self.python_name();
        Function {
            name: Name { py: py.into(), rust: py.into(), origin },
            kind,
            rust_path,
            params,
            returns,
            fallible,
            release_gil: false,
            raises: None,
            extend: true,
            policy: ReturnPolicy::Value,
            policy_origin: Origin::Implied,
            borrows: None,
            doc: None,
            origin,
        }
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    fn spec(traits: &str) -> String {
        format!(
            "\
version: 1
module: ext
export:
  classes:
    - name: Digits
      rust: crate::Digits
      traits: {traits}
"
        )
    }

    #[test]
    fn container_traits_with_their_types_give_protocol_methods() {
        assert_passes(&spec("[\"Index<usize, Output = u8>\", \"IndexMut<usize>\", \"Iterator<Item = u64>\"]"));
        let (_, result) =
            crate::load_and_check(spec("[\"Index<String, Output = f64>\", \"IndexMut<String>\"]").as_bytes());
        let bridge = result.expect("valid");
        let class = &bridge.modules[0].classes[0];
        let names: Vec<(&str, String)> =
            class.methods.iter().map(|m| (m.name.py.as_str(), m.target().text().to_string())).collect();
        assert_eq!(
            names,
            [
                ("__getitem__", "::pybridge::__private::key_get".to_string()),
                ("__setitem__", "::pybridge::__private::key_set".to_string())
            ]
        );
    }

    #[test]
    fn container_traits_need_their_types_and_index_mut_needs_index() {
        assert_reports(
            &spec("[Index, \"Iterator<u64>\", \"IndexMut<usize>\"]"),
            &[
                (7, 16, "write `Index<K, Output = V>` with its types"),
                (7, 23, "write `Iterator<Item = T>` with its types"),
                (7, 40, "`IndexMut` needs `Index`"),
            ],
        );
    }
}
