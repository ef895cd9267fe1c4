//! Resolve: every class reference in a type must name a class declared in the same module, or
//! (import modules) a class the same spec exports: one type in both directions, so an import
//! stub takes and returns the exported Rust type itself. Export class references are matched
//! by Python name or by the last segment of the class's Rust path; the resolver records the
//! Rust path on the reference.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Direction, Module};
use crate::names::suggest;
use crate::pytype::PYTHON_TYPE_NAMES;
use crate::rusttype::RUST_TYPE_NAMES;
use crate::types::{Type, TypeKind};

/// Resolves every class reference of every module.
pub fn resolve_bridge(bridge: &mut Bridge, diags: &mut Diagnostics) {
    // (python name, rust path) of every class the spec exports.
    let exported: Vec<(String, String)> = bridge
        .export()
        .map(|m| {
            m.classes
                .iter()
                .map(|c| (c.name.py.clone(), c.rust_path.clone().unwrap_or_else(|| c.name.rust.clone())))
                .collect()
        })
        .unwrap_or_default();
    for module in &mut bridge.modules {
        let exported = if module.direction == Direction::Import { &exported[..] } else { &[] };
        resolve_module(module, exported, diags);
    }
}

fn resolve_module(module: &mut Module, exported: &[(String, String)], diags: &mut Diagnostics) {
    // (python name, rust-side name, rust path) of every class, and of every enum (which export
    // types reference the same way).
    let named = module
        .classes
        .iter()
        .map(|c| (&c.name, &c.rust_path))
        .chain(module.enums.iter().map(|e| (&e.name, &e.rust_path)));
    let classes: Vec<(String, String, String)> = named
        .map(|(name, rust_path)| {
            let path = rust_path.clone().unwrap_or_else(|| name.rust.clone());
            let last = path.rsplit("::").next().unwrap_or(&path).to_string();
            let target = match module.direction {
                Direction::Export => path,
                Direction::Import => name.rust.clone(),
            };
            (name.py.clone(), last, target)
        })
        .collect();
    let direction = module.direction;
    let mut visit = |ty: &mut Type| {
        ty.walk_mut(&mut |t| {
            let origin = t.origin;
            if let TypeKind::Class(class) = &mut t.kind {
                match classes.iter().find(|(py, last, _)| *py == class.name || *last == class.name) {
                    Some((py, _, path)) => {
                        // From here on the reference names the class by its Python name (the
                        // `.pyi` spelling, and the key of its export wrapper).
                        class.name = py.clone();
                        class.rust_path = Some(path.clone());
                    }
                    None if exported.iter().any(|(py, _)| *py == class.name) => {
                        let (_, path) = exported.iter().find(|(py, _)| *py == class.name).expect("found above");
                        class.rust_path = Some(path.clone());
                        class.exported = true;
                    }
                    None => {
                        let builtins = match direction {
                            Direction::Export => RUST_TYPE_NAMES,
                            Direction::Import => PYTHON_TYPE_NAMES,
                        };
                        let names = classes.iter().map(|(py, _, _)| py.as_str()).chain(builtins.iter().copied());
                        diags.push(
                            Diagnostic::new(origin, format!("unknown type `{}`", class.name)).help(
                                suggest(&class.name, names)
                                    .unwrap_or_else(|| "declare it under `classes:` in this module".to_string()),
                            ),
                        );
                    }
                }
            }
        })
    };
    for f in module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut())) {
        f.params.iter_mut().for_each(|p| visit(&mut p.ty));
        visit(&mut f.returns);
    }
    for c in &mut module.classes {
        c.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
        if let Some(item) = &mut c.iter_item {
            visit(item);
        }
    }
    for e in &mut module.exceptions {
        e.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
    }
    module.constants.iter_mut().for_each(|c| visit(&mut c.ty));
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // resolve_bridge

    #[test]
    fn resolve_refuses_unknown_export_types_wherever_they_stand() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: x, type: Strng }
      returns: \"Option<Pointt>\"
  classes:
    - name: Point
      attributes:
        - { name: next, type: Nod }
      traits: [IntoIterator]
      item: Itm
  constants:
    - { name: ORIGIN, type: Pointe, rust: crate::ORIGIN }
";
        assert_reports(
            spec,
            &[
                (7, 28, "unknown type `Strng`"),
                (8, 24, "unknown type `Pointt`"),
                (12, 31, "unknown type `Nod`"),
                (14, 13, "unknown type `Itm`"),
                (16, 29, "unknown type `Pointe`"),
            ],
        );
    }

    #[test]
    fn resolve_refuses_unknown_import_types_and_classes_of_other_entries() {
        let spec = "\
version: 1
import:
  - module: a
    classes:
      - name: Driver
  - module: b
    functions:
      - name: f
        params:
          - { name: x, type: \"list[flot]\" }
        returns: Driver
    constants:
      - { name: C, type: \"dict[str, Car]\" }
";
        assert_reports(
            spec,
            &[(10, 36, "unknown type `flot`"), (11, 18, "unknown type `Driver`"), (13, 37, "unknown type `Car`")],
        );
    }

    #[test]
    fn resolve_refuses_an_import_class_in_the_export() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, returns: Driver }
import:
  - module: m
    classes:
      - name: Driver
";
        assert_reports(spec, &[(5, 27, "unknown type `Driver`")]);
    }

    #[test]
    fn resolve_accepts_declared_classes_enums_and_exported_classes() {
        // Export references by Python name or by the last segment of the class's `rust:` path;
        // import references to the entry's own classes and to the spec's exported classes.
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: x, type: String }
        - { name: c, type: Color }
      returns: \"Option<Pt>\"
  classes:
    - name: Point
      rust: crate::geo::Pt
      attributes:
        - { name: next, type: \"Option<Point>\" }
      traits: [IntoIterator]
      item: i64
  enums:
    - { name: Color, variants: [Red] }
  constants:
    - { name: ORIGIN, type: Point, rust: crate::ORIGIN }
import:
  - module: m
    classes:
      - name: Driver
    functions:
      - name: f
        params:
          - { name: x, type: \"list[float]\" }
          - { name: p, type: Point }
        returns: Driver
    constants:
      - { name: C, type: \"dict[str, int]\" }
";
        assert_passes(spec);
    }
}
