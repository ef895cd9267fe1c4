//! Rendering a generated spec: YAML text, the user's crate and the exercise of every stub.

use std::fmt::Write as _;

use super::*;

// ---------------------------------------------------------------------------------------------
// Rendering

/// Python type names: a class called `list` would read as the builtin in an `import:` type.
pub(super) const PY_TYPE_NAMES: &[&str] = &[
    "bool", "int", "float", "str", "bytes", "None", "list", "dict", "set", "tuple", "Any", "object", "List", "Dict",
    "Set", "Tuple", "Optional", "typing",
];

/// Rust type names a spec's Rust-syntax types give a meaning of their own.
pub(super) const RUST_TYPE_NAMES: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Result",
    "HashMap",
    "HashSet",
    "Arc",
    "Object",
    "bool",
    "str",
    "f32",
    "f64",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "Self",
    "Self_",
    "Fn",
    "FnMut",
    "FnOnce",
    // Traits the user's own code implements (`impl Clone for Clone` does not compile).
    "Clone",
    "Copy",
    "Debug",
    "Display",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Default",
    "Drop",
    "Send",
    "Sync",
    "Iterator",
    "IntoIterator",
    "From",
    "Into",
    "ToString",
    "ToOwned",
];

/// Whether a class/enum name can be written in a type of its direction.
pub fn usable_type_name(py: &str, export: bool) -> bool {
    if export {
        // Rust-syntax types read a capitalised name as a class (a lowercase one is an unknown type).
        py.chars().next().is_some_and(char::is_uppercase)
            && !RUST_TYPE_NAMES.contains(&py)
            && !pybridge_model::names::RUST_KEYWORDS.contains(&py)
            && !PY_TYPE_NAMES.contains(&py)
    } else {
        // The attached stubs bind the interpreter token as `py` (`check` refuses the class).
        !PY_TYPE_NAMES.contains(&py) && py != "py"
    }
}

/// The full path of a generated standard type (`::std::time::Duration`; `char` as it is).
pub(super) fn std_path(name: &str) -> String {
    match name {
        "PathBuf" => "::std::path::PathBuf".into(),
        "Duration" => "::std::time::Duration".into(),
        "SystemTime" => "::std::time::SystemTime".into(),
        "IpAddr" => "::std::net::IpAddr".into(),
        other => other.into(),
    }
}

/// Whether `ty` holds a type without `Default` (a constant's value then comes from a function).
pub(super) fn lacks_default(ty: &Ty) -> bool {
    let mut found = false;
    walk(ty, &mut |t| found |= matches!(t, Ty::Std("SystemTime" | "IpAddr")));
    found
}

pub(super) fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) struct R<'a> {
    pub(super) spec: &'a Spec,
    pub(super) slot: String,
    pub(super) user: String,
    pub(super) errors: Vec<String>,
    pub(super) flip: u32,
}

impl R<'_> {
    pub(super) fn user_path(&self, item: &str) -> String {
        format!("{}::{item}", user_module(&self.spec_slot()))
    }

    pub(super) fn spec_slot(&self) -> String {
        self.slot.clone()
    }

    pub(super) fn class(&self, id: usize) -> Result<&Class, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.classes.iter().find(|c| c.id == id).ok_or_else(|| format!("class {id} is gone"))
    }

    pub(super) fn enum_(&self, id: usize) -> Result<&Enum, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.enums.iter().find(|c| c.id == id).ok_or_else(|| format!("enum {id} is gone"))
    }

    pub(super) fn exc(&self, id: usize) -> Result<&Exc, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.exceptions.iter().find(|c| c.id == id).ok_or_else(|| format!("exception {id} is gone"))
    }

    /// The user's Rust type of an exported class (its path, instantiated).
    pub(super) fn class_type(&self, c: &Class) -> String {
        let path = self.user_path(&c.rust_item);
        match c.generic {
            Some(arg) => format!("{path}<{arg}>"),
            None => path,
        }
    }

    /// A spec type in Rust syntax (export).
    pub(super) fn spec_rust(&mut self, ty: &Ty) -> Result<String, String> {
        self.flip += 1;
        Ok(match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(w) => w.to_string(),
            Ty::Float(single) => if *single { "f32" } else { "f64" }.into(),
            Ty::Str(true) => "&str".into(),
            Ty::Str(false) => if self.flip.is_multiple_of(5) { "std::string::String" } else { "String" }.into(),
            Ty::Bytes(true) => "&[u8]".into(),
            Ty::Bytes(false) => "Vec<u8>".into(),
            Ty::Unit => "()".into(),
            Ty::Opt(t) => format!("Option<{}>", self.spec_rust(t)?),
            Ty::List(t) => format!("Vec<{}>", self.spec_rust(t)?),
            Ty::Dict(k, v) => {
                let path = if self.flip.is_multiple_of(2) { "std::collections::HashMap" } else { "HashMap" };
                format!("{path}<{}, {}>", self.spec_rust(k)?, self.spec_rust(v)?)
            }
            Ty::Set(t) => {
                let path = if self.flip.is_multiple_of(2) { "std::collections::HashSet" } else { "HashSet" };
                format!("{path}<{}>", self.spec_rust(t)?)
            }
            Ty::Tuple(items) if items.len() == 1 => format!("({},)", self.spec_rust(&items[0])?),
            Ty::Tuple(items) => {
                let items = items.iter().map(|t| self.spec_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("({})", items.join(", "))
            }
            Ty::Class(id, by) => {
                let name = self.class(*id)?.py.clone();
                match by {
                    By::Value => name,
                    By::Ref => format!("&{name}"),
                    By::Arc => {
                        if self.flip.is_multiple_of(2) {
                            format!("std::sync::Arc<{name}>")
                        } else {
                            format!("Arc<{name}>")
                        }
                    }
                }
            }
            Ty::Enum(id, by) => {
                let name = self.enum_(*id)?.py.clone();
                if *by == By::Ref { format!("&{name}") } else { name }
            }
            Ty::Exported(_) => return Err("an exported class in an export type".into()),
            Ty::Union(..) | Ty::Literal(..) => return Err("a union in an export type".into()),
            Ty::Any => if self.flip.is_multiple_of(3) { "::pybridge::Object" } else { "pybridge::Object" }.into(),
            Ty::Std(name) if self.flip.is_multiple_of(2) => std_path(name).trim_start_matches("::").into(),
            Ty::Std(name) => (*name).into(),
            Ty::Callable(params, ret) => {
                let params = params.iter().map(|t| self.spec_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("impl Fn({}) -> {}", params.join(", "), self.spec_rust(ret)?)
            }
        })
    }

    /// The user's Rust type for a spec type (export).
    pub(super) fn user_rust(&self, ty: &Ty) -> Result<String, String> {
        Ok(match ty {
            Ty::Str(false) => "::std::string::String".into(),
            Ty::Bytes(false) => "::std::vec::Vec<u8>".into(),
            Ty::Opt(t) => format!("::std::option::Option<{}>", self.user_rust(t)?),
            Ty::List(t) => format!("::std::vec::Vec<{}>", self.user_rust(t)?),
            Ty::Dict(k, v) => format!("::std::collections::HashMap<{}, {}>", self.user_rust(k)?, self.user_rust(v)?),
            Ty::Set(t) => format!("::std::collections::HashSet<{}>", self.user_rust(t)?),
            Ty::Tuple(items) if items.len() == 1 => format!("({},)", self.user_rust(&items[0])?),
            Ty::Tuple(items) => {
                let items = items.iter().map(|t| self.user_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("({})", items.join(", "))
            }
            Ty::Class(id, by) => {
                let path = self.class_type(self.class(*id)?);
                match by {
                    By::Value => path,
                    By::Ref => format!("&{path}"),
                    By::Arc => format!("::std::sync::Arc<{path}>"),
                }
            }
            Ty::Enum(id, by) => {
                let path = self.user_path(&self.enum_(*id)?.rust_item);
                if *by == By::Ref { format!("&{path}") } else { path }
            }
            Ty::Exported(id) => self.class_type(self.class(*id)?),
            Ty::Any => "::pybridge::Object".into(),
            Ty::Std(name) => std_path(name),
            Ty::Callable(params, ret) => {
                let params = params.iter().map(|t| self.user_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("impl ::std::ops::Fn({}) -> {}", params.join(", "), self.user_rust(ret)?)
            }
            other => self.clone_free_scalar(other),
        })
    }

    pub(super) fn clone_free_scalar(&self, ty: &Ty) -> String {
        match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(w) => w.to_string(),
            Ty::Float(single) => if *single { "f32" } else { "f64" }.into(),
            Ty::Str(_) => "&str".into(),
            Ty::Bytes(_) => "&[u8]".into(),
            _ => "()".into(),
        }
    }

    pub(super) fn user_error(&mut self) -> String {
        let name = format!("UErr_{}", self.spec_slot());
        if !self.errors.contains(&name) {
            self.errors.push(name.clone());
            let _ = writeln!(
                self.user,
                "#[derive(Debug)]\npub struct {name} {{}}\nimpl ::std::fmt::Display for {name} {{\n    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{ f.write_str(\"user error\") }}\n}}\nimpl ::std::error::Error for {name} {{}}\n"
            );
        }
        self.user_path(&name)
    }

    /// The spec's and the user's return type, with `Result` around them when fallible.
    pub(super) fn returns(
        &mut self,
        ret: &Option<Ty>,
        fallible: &Option<Fallible>,
    ) -> Result<(Option<String>, String), String> {
        let (spec, user) = match ret {
            Some(t) => (Some(self.spec_rust(t)?), self.user_rust(t)?),
            None => (None, "()".into()),
        };
        let Some(fallible) = fallible else { return Ok((spec, user)) };
        let error = match fallible {
            Fallible::PybridgeError => "pybridge::Error".to_string(),
            Fallible::Io => "std::io::Error".to_string(),
            Fallible::Raises(_) => self.user_error(),
        };
        let user_error = if error.starts_with("crate::") { error.clone() } else { format!("::{error}") };
        let spec_inner = spec.unwrap_or_else(|| "()".into());
        Ok((Some(format!("Result<{spec_inner}, {error}>")), format!("::std::result::Result<{user}, {user_error}>")))
    }

    pub(super) fn params_yaml(
        &mut self,
        out: &mut String,
        indent: &str,
        params: &[Param],
        export: bool,
    ) -> Result<(), String> {
        if params.is_empty() {
            if self.flip.is_multiple_of(4) {
                let _ = writeln!(out, "{indent}params: []");
            }
            return Ok(());
        }
        let _ = writeln!(out, "{indent}params:");
        for p in params {
            let ty = if export { self.spec_rust(&p.ty)? } else { self.spec_python(&p.ty)? };
            let mut line = format!("{indent}  - {{ name: {}, type: {}", q(&p.py), q(&ty));
            if let Some(kind) = p.variadic {
                let _ = write!(line, ", kind: {kind}");
            } else if p.keyword {
                line.push_str(", kind: keyword");
            } else if p.explicit_positional {
                line.push_str(", kind: positional");
            }
            if let Some(d) = &p.default {
                let _ = write!(line, ", default: {}", q(d));
            }
            line.push_str(" }");
            let _ = writeln!(out, "{line}");
        }
        Ok(())
    }

    pub(super) fn user_params(&self, params: &[Param]) -> Result<String, String> {
        let list = params
            .iter()
            .enumerate()
            .map(|(i, p)| Ok(format!("_p{i}: {}", self.user_rust(&p.ty)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(list.join(", "))
    }

    pub(super) fn doc_yaml(out: &mut String, indent: &str, doc: &Option<String>) {
        if let Some(d) = doc {
            let _ = writeln!(out, "{indent}doc: {}", q(d));
        }
    }
}

/// `constructor:` and its keys, or `constructor: {}` (a key without a value counts as absent).
pub(super) fn ctor_yaml(out: &mut String, body: &str, indent: &str) {
    if body.is_empty() {
        let _ = writeln!(out, "{indent}constructor: {{}}");
    } else {
        let _ = writeln!(out, "{indent}constructor:\n{body}", body = body.trim_end_matches('\n'));
    }
}

/// Renders a spec: its YAML, the user's Rust for its export, and the stubs' exercise code.
/// `Err` when the spec refers to something no longer there (while minimising).
pub fn render(spec: &Spec, slot: &str) -> Result<Rendered, String> {
    let mut r = R { spec, slot: slot.to_string(), user: String::new(), errors: Vec::new(), flip: spec.seed as u32 };
    let mut yaml = format!("# generated by the spec property test from seed {}\nversion: 1\n", spec.seed);
    r.export(&mut yaml)?;
    let mut exercise = String::new();
    if !spec.imports.is_empty() {
        yaml.push_str("import:\n");
        for im in &spec.imports {
            r.import(&mut yaml, &mut exercise, im)?;
        }
    }
    Ok(Rendered { yaml, user: r.user, exercise })
}
