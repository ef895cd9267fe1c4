//! `.pyi` stubs for an export module, written from the model by a small line writer:
//! deterministic (declaration order), with the autogen banner, `typing` imported only when used.

use std::fmt::Write as _;

use pybridge_model::{Function, Module};

use crate::banner::pyi_banner;

/// The `.pyi` text for an export module.
pub fn emit_pyi(module: &Module, source: &str) -> String {
    let mut out = pyi_banner(source);
    if let Some(doc) = &module.doc {
        let _ = writeln!(out, "{}", docstring(doc, ""));
    }
    let uses_any = module.functions.iter().any(|f| f.returns.uses_any() || f.params.iter().any(|p| p.ty.uses_any()))
        || module.constants.iter().any(|c| c.ty.uses_any());
    if uses_any {
        out.push_str("import typing\n");
    }
    // The module's `__all__`, in the order the init function registers the names.
    let names: Vec<String> = module
        .functions
        .iter()
        .map(|f| format!("{:?}", f.name.py))
        .chain(module.constants.iter().map(|c| format!("{:?}", c.name.py)))
        .collect();
    let _ = writeln!(out, "\n__all__ = [{}]", names.join(", "));
    for c in &module.constants {
        let _ = writeln!(out, "\n{}: {}", c.name.py, c.ty.python());
    }
    for f in &module.functions {
        out.push('\n');
        write_function(&mut out, f);
    }
    out
}

fn write_function(out: &mut String, f: &Function) {
    let params: Vec<String> = f.params.iter().map(|p| format!("{}: {}", p.name.py, p.ty.python())).collect();
    let _ = write!(out, "def {}({}) -> {}:", f.name.py, params.join(", "), f.returns.python());
    match &f.doc {
        Some(doc) => {
            let _ = writeln!(out, "\n{}\n    ...", docstring(doc, "    "));
        }
        None => out.push_str(" ...\n"),
    }
}

fn docstring(doc: &str, indent: &str) -> String {
    let escaped = doc.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let body: Vec<String> =
        escaped.lines().map(|l| if l.is_empty() { String::new() } else { format!("{indent}{l}") }).collect();
    let joined = body.join("\n");
    if body.len() <= 1 {
        format!("{indent}\"\"\"{}\"\"\"", joined.trim_start())
    } else {
        format!("{indent}\"\"\"{}\n{indent}\"\"\"", joined.trim_start())
    }
}
