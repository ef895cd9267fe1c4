//! Python names: module names importable, every declared name a valid identifier (not a
//! keyword, in Python's normal form) and declared once per scope.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Direction, FnKind, Module, Name};
use crate::names::{is_identifier, is_module_path, is_python_keyword};
use crate::origin::Origin;

/// Two import entries generating the same Rust module would not compile.
pub(in crate::check) fn check_import_names_unique(bridge: &Bridge, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    for m in bridge.imports() {
        if let Some(first) = seen.insert(&m.name.rust, m.name.origin) {
            diags.push(
                Diagnostic::new(m.name.origin, format!("a second import generates the Rust module `{}`", m.name.rust))
                    .help("merge the two entries, or give one a different `rust_name`")
                    .note(first, "the first one is here"),
            );
        }
    }
}

/// Module names must be importable Python names (and Rust identifiers for `rust_name`).
pub(in crate::check) fn check_module_name(module: &Module, diags: &mut Diagnostics) {
    let name = &module.name;
    if name.py.is_empty() {
        // A present but empty value (`module: ""`, or a block scalar with no text): a missing
        // key stops at lowering, before any check runs.
        diags.push(Diagnostic::new(name.origin, "the module name is empty").help("write the module's name"));
        return;
    }
    let ok = match module.direction {
        Direction::Export => is_identifier(&name.py),
        Direction::Import => is_module_path(&name.py),
    };
    if !ok {
        let hint = match module.direction {
            Direction::Export => "an extension module name is one Python identifier, such as `fastmath`",
            Direction::Import => "write a dotted Python module path, such as `pkg.models`",
        };
        diags.push(Diagnostic::new(name.origin, format!("`{}` is not a valid Python module name", name.py)).help(hint));
    }
    if module.direction == Direction::Import && !is_identifier(crate::names::unraw(&name.rust)) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Rust module name", name.rust))
                .help("set `rust_name:` to a Rust identifier"),
        );
    }
}

/// Each Python name is declared once per scope: a second declaration would silently replace the
/// first in Python and fail to compile in Rust. Names must also be identifiers, not keywords.
pub(in crate::check) fn check_unique_names(module: &Module, diags: &mut Diagnostics) {
    let mut top: HashMap<&str, Origin> = HashMap::new();
    let names = module
        .functions
        .iter()
        .map(|f| (&f.name, "function"))
        .chain(module.classes.iter().map(|c| (&c.name, "class")))
        .chain(module.enums.iter().map(|e| (&e.name, "enum")))
        .chain(module.exceptions.iter().map(|e| (&e.name, "exception")))
        .chain(module.constants.iter().map(|c| (&c.name, "constant")));
    for (name, what) in names {
        check_name(name, what, diags);
        unique(&mut top, name, what, "this module", diags);
    }
    for class in &module.classes {
        let mut members: HashMap<&str, Origin> = HashMap::new();
        let mut setters: HashMap<&str, Origin> = HashMap::new();
        for m in &class.methods {
            check_name(&m.name, "method", diags);
            match m.kind {
                // One constructor per class is its own rule (check_export_shapes).
                FnKind::Constructor => {}
                // A property's setter shares its getter's name.
                FnKind::Setter => {
                    unique(&mut setters, &m.name, "property setter", &format!("class `{}`", class.name.py), diags)
                }
                _ => unique(&mut members, &m.name, "method", &format!("class `{}`", class.name.py), diags),
            }
        }
        for a in &class.attributes {
            check_name(&a.name, "attribute", diags);
            unique(&mut members, &a.name, "attribute", &format!("class `{}`", class.name.py), diags);
        }
    }
    for e in &module.enums {
        let mut variants: HashMap<&str, Origin> = HashMap::new();
        for v in &e.variants {
            check_name(&v.name, "variant", diags);
            unique(&mut variants, &v.name, "variant", &format!("enum `{}`", e.name.py), diags);
        }
    }
}

pub(in crate::check) fn check_name(name: &Name, what: &str, diags: &mut Diagnostics) {
    if name.py.is_empty() && matches!(name.origin, Origin::Spec(_)) {
        // Present but empty (`name: ""`, or a block scalar with no text): generated code could
        // not name it.
        diags.push(Diagnostic::new(name.origin, format!("the name of this {what} is empty")).help("write a name"));
        return;
    }
    if name.py.is_empty() || name.py == "__init__" {
        return;
    }
    if !is_identifier(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Python name for a {what}", name.py))
                .help("names are letters, digits and `_`, not starting with a digit"),
        );
    } else if let Some(normal) = crate::names::python_normal_form(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("Python reads the {what} name `{}` as `{normal}`", name.py))
                .help(format!("Python normalises identifiers (NFKC); write `{normal}`")),
        );
    } else if is_python_keyword(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is a Python keyword and cannot name a {what}", name.py))
                .help("Python code could not call it with ordinary syntax; choose another name (for example with a trailing `_`)"),
        );
    }
}

pub(in crate::check) fn unique<'m>(
    seen: &mut HashMap<&'m str, Origin>,
    name: &'m Name,
    what: &str,
    scope: &str,
    diags: &mut Diagnostics,
) {
    if name.py.is_empty() {
        return;
    }
    if let Some(first) = seen.insert(&name.py, name.origin) {
        diags.push(
            Diagnostic::new(name.origin, format!("duplicate {what} `{}` in {scope}", name.py))
                .help("each Python name may be declared once; remove or rename one")
                .note(first, "first declared here"),
        );
    }
}
