//! The `#[py_embed]` form of a generated export.

use std::fmt::Write as _;

use pybridge_model::names::rust_ident;

use super::*;

// ---------------------------------------------------------------------------------------------
// The `#[py_embed]` front end: the same export model written as an attribute-declared module,
// with the options only the attribute has (`release_gil`, `subclass`, `unsendable`, `close`,
// `getter`/`setter`, `skip`, `name`, exception structs with fields, data enums).

impl R<'_> {
    /// A type as the attribute-declared module writes it (classes by their Rust names).
    pub(super) fn attr_rust(&self, ty: &Ty) -> Result<String, String> {
        Ok(match ty {
            Ty::Opt(t) => format!("Option<{}>", self.attr_rust(t)?),
            Ty::List(t) => format!("Vec<{}>", self.attr_rust(t)?),
            Ty::Dict(k, v) => format!("std::collections::HashMap<{}, {}>", self.attr_rust(k)?, self.attr_rust(v)?),
            Ty::Set(t) => format!("std::collections::HashSet<{}>", self.attr_rust(t)?),
            Ty::Tuple(items) if items.len() == 1 => format!("({},)", self.attr_rust(&items[0])?),
            Ty::Tuple(items) => {
                let items = items.iter().map(|t| self.attr_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("({})", items.join(", "))
            }
            Ty::Class(id, by) => {
                let name = self.class(*id)?.rust_item.clone();
                match by {
                    By::Value => name,
                    By::Ref => format!("&{name}"),
                    By::Arc => format!("std::sync::Arc<{name}>"),
                }
            }
            Ty::Enum(id, by) => {
                let name = self.enum_(*id)?.rust_item.clone();
                if *by == By::Ref { format!("&{name}") } else { name }
            }
            Ty::Callable(params, ret) => {
                let params = params.iter().map(|t| self.attr_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("impl Fn({}) -> {}", params.join(", "), self.attr_rust(ret)?)
            }
            Ty::Str(false) => "String".into(),
            Ty::Bytes(false) => "Vec<u8>".into(),
            Ty::Any => "pybridge::Object".into(),
            Ty::Std(name) => std_path(name),
            other => self.clone_free_scalar(other),
        })
    }

    pub(super) fn attr_ret(&self, f: &Func, exc_type: &dyn Fn(usize) -> String) -> Result<String, String> {
        let inner = match &f.ret {
            Some(t) => self.attr_rust(t)?,
            None => "()".into(),
        };
        Ok(match &f.fallible {
            None => inner,
            Some(Fallible::PybridgeError) => format!("Result<{inner}, pybridge::Error>"),
            Some(Fallible::Io) => format!("Result<{inner}, std::io::Error>"),
            Some(Fallible::Raises(Some(e))) => format!("Result<{inner}, {}>", exc_type(*e)),
            Some(Fallible::Raises(None)) => format!("Result<{inner}, pybridge::Error>"),
        })
    }
}

pub(super) fn holds_python(ty: &Option<Ty>, params: &[Param]) -> bool {
    let mut found = false;
    for t in params.iter().map(|p| &p.ty).chain(ty.iter()) {
        walk(t, &mut |x| found |= matches!(x, Ty::Any | Ty::Callable(..)));
    }
    found
}

/// Renders the export of `spec` as a `#[py_embed]` module (its imports are left out): the
/// module's source, for `src/<slot>.rs`.
pub fn render_attribute(spec: &Spec, slot: &str) -> Result<String, String> {
    let r = R { spec, slot: slot.to_string(), user: String::new(), errors: Vec::new(), flip: spec.seed as u32 };
    let Some(ex) = &spec.export else { return Err("no export".into()) };
    let mut rng = Rng::new(spec.seed ^ 0xA77);
    let mut out = String::new();
    let _ = writeln!(out, "#[::pybridge::py_embed(name = {})]\npub mod {slot}_attr {{", q(&format!("{}_a", ex.module)));
    write_attr_exceptions(&mut out, ex);
    write_attr_enums(&mut out, ex);
    for c in &ex.classes {
        write_attr_struct(&mut out, &r, c, &mut rng)?;
        write_attr_impl(&mut out, &r, c, &mut rng)?;
    }
    for f in &ex.functions {
        let mut o: Vec<String> = format_name_opt(&f.py, &f.rust_item).into_iter().collect();
        if !holds_python(&f.ret, &f.params) && rng.chance(25) {
            o.push("release_gil".into());
        }
        let o = if o.is_empty() { String::new() } else { format!("({})", o.join(", ")) };
        let _ = writeln!(
            out,
            "    #[py_embed{o}]\n    pub fn {}({}) -> {} {{ todo!() }}",
            f.rust_item,
            format_attr_params(&r, &f.params)?,
            r.attr_ret(f, &format_exc_type)?
        );
    }
    let _ = writeln!(out, "    pub fn helper_without_attribute() {{}}\n}}");
    Ok(out)
}

/// The Rust type of exception `id` (a struct with fields).
fn format_exc_type(id: usize) -> String {
    format!("PtExc{id}")
}

/// Parameters as the attribute-declared module writes them.
fn format_attr_params(r: &R<'_>, params: &[Param]) -> Result<String, String> {
    let list = params
        .iter()
        .map(|p| Ok(format!("{}: {}", param_rust(&p.py), r.attr_rust(&p.ty)?)))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(list.join(", "))
}

/// `name = "…"` when the Python name is not the Rust one.
fn format_name_opt(py: &str, rust: &str) -> Option<String> {
    (bare(rust) != py).then(|| format!("name = {}", q(py)))
}

/// The exceptions: structs with fields, `#[py_embed(exception)]`.
fn write_attr_exceptions(out: &mut String, ex: &Export) {
    for e in &ex.exceptions {
        let base = match &e.base {
            Some(b) if ex.exceptions.iter().any(|x| &x.py == b) => {
                // The attribute names a declared base by its Python name.
                format!(", base = {}", q(b))
            }
            Some(b) => format!(", base = {}", q(b)),
            None => String::new(),
        };
        let ty = format_exc_type(e.id);
        let _ = writeln!(
            out,
            "    #[py_embed(exception, name = {}{base})]\n    #[derive(Debug)]\n    pub struct {ty} {{\n        #[py_embed(get)]\n        pub code: i64,\n        pub hidden: String,\n    }}\n    impl std::fmt::Display for {ty} {{\n        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{ f.write_str(\"e\") }}\n    }}",
            q(&e.py)
        );
    }
}

/// The enums: plain, with discriminants, or (now and then) data enums.
fn write_attr_enums(out: &mut String, ex: &Export) {
    for e in &ex.enums {
        let data = e.data;
        let variants: Vec<String> = e
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let v = rust_ident(v);
                match (data, i % 3) {
                    (true, 1) => format!("{v} {{ radius: f64, label: String }}"),
                    (true, 2) => format!("{v}(i64, Vec<u8>)"),
                    (false, 1) => format!("{v} = {}", 10 + i),
                    _ => v,
                }
            })
            .collect();
        let opts = format_name_opt(&e.py, &e.rust_item).map(|o| format!("({o})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "    #[py_embed{opts}]\n    #[derive({})]\n    pub enum {} {{ {} }}",
            // Unit enums may be set elements and dict keys.
            if data { "Clone, Debug" } else { "Clone, Copy, Debug, PartialEq, Eq, Hash" },
            e.rust_item,
            variants.join(", ")
        );
    }
}

/// A class's struct (options `subclass`, `unsendable`, `display` now and then), its fields
/// and the trait impls it asks for.
fn write_attr_struct(out: &mut String, r: &R<'_>, c: &Class, rng: &mut Rng) -> Result<(), String> {
    // (A generic class is written as a plain struct here: the attribute takes no generics.)
    let mut opts: Vec<String> = format_name_opt(&c.py, &c.rust_item).into_iter().collect();
    if rng.chance(30) {
        opts.push("subclass".into());
    }
    if rng.chance(20) {
        opts.push("unsendable".into());
    }
    if c.traits.contains(&"Display") && rng.chance(50) {
        opts.push("display".into());
    }
    let opts = if opts.is_empty() { String::new() } else { format!("({})", opts.join(", ")) };
    if c.clone {
        // By hand: a derive would ask every field for `Clone` (`pybridge::Object` has none).
        let _ = writeln!(out, "    impl Clone for {} {{ fn clone(&self) -> Self {{ todo!() }} }}", c.rust_item);
    }
    let _ = writeln!(out, "    #[py_embed{opts}]\n    pub struct {} {{", c.rust_item);
    for a in &c.attrs {
        let mut o = vec!["get"];
        if a.writable {
            o.push("set");
        }
        if a.view {
            o.push("view");
        }
        let _ = writeln!(
            out,
            "        #[py_embed({})]\n        pub {}: {},",
            o.join(", "),
            rust_ident(&a.py),
            r.attr_rust(&a.ty)?
        );
    }
    let _ = writeln!(out, "        pub hidden: u8,\n    }}");
    for t in ["Debug", "Display"] {
        let _ = writeln!(
            out,
            "    impl std::fmt::{t} for {} {{ fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{ f.write_str(\"x\") }} }}",
            c.rust_item
        );
    }
    if c.traits.iter().any(|t| t.contains("Eq") || t.contains("Ord")) {
        let _ = writeln!(
            out,
            "    impl PartialEq for {0} {{ fn eq(&self, _: &Self) -> bool {{ true }} }}\n    impl PartialOrd for {0} {{ fn partial_cmp(&self, _: &Self) -> Option<std::cmp::Ordering> {{ None }} }}",
            c.rust_item
        );
    }
    if c.traits.contains(&"Hash") {
        let _ = writeln!(
            out,
            "    impl std::hash::Hash for {} {{ fn hash<H: std::hash::Hasher>(&self, _: &mut H) {{}} }}",
            c.rust_item
        );
    }
    Ok(())
}

/// A class's `#[py_embed] impl`: its constructor, its methods (`release_gil` now and then), and
/// options only the attribute has (a property through methods, `close`, `skip`).
fn write_attr_impl(out: &mut String, r: &R<'_>, c: &Class, rng: &mut Rng) -> Result<(), String> {
    let _ = writeln!(out, "    #[py_embed]\n    impl {} {{", c.rust_item);
    if let Some(ctor) = &c.ctor {
        let (opt, name) = match &ctor.rust {
            Some(n) if !ctor.free => ("#[py_embed(constructor)]\n        ", n.clone()),
            _ => ("", "new".to_string()),
        };
        let ret = match ctor.raises {
            Some(e) if ctor.fallible => format!("Result<Self, {}>", format_exc_type(e)),
            _ => "Self".into(),
        };
        let _ = writeln!(
            out,
            "        {opt}pub fn {name}({}) -> {ret} {{ todo!() }}",
            format_attr_params(r, &ctor.params)?
        );
    }
    let mut taken: Vec<String> = c.methods.iter().map(|m| bare(&m.rust_item)).collect();
    taken.extend(c.attrs.iter().map(|a| bare(&rust_ident(&a.py))));
    for m in &c.methods {
        let receiver = match m.kind {
            Kind::Method => "&self",
            Kind::MutMethod => "&mut self",
            _ => "",
        };
        if m.extend || m.kind == Kind::ClassMethod {
            continue;
        }
        let mut o: Vec<String> = format_name_opt(&m.py, &m.rust_item).into_iter().collect();
        let view = matches!(m.ret, Some(Ty::Class(_, By::Ref)));
        if !holds_python(&m.ret, &m.params) && !view && rng.chance(25) {
            o.push("release_gil".into());
        }
        let o = if o.is_empty() { String::new() } else { format!("#[py_embed({})]\n        ", o.join(", ")) };
        let ps = format_attr_params(r, &m.params)?;
        let all = match (receiver, ps.is_empty()) {
            ("", _) => ps,
            (rcv, true) => rcv.to_string(),
            (rcv, false) => format!("{rcv}, {ps}"),
        };
        let _ = writeln!(
            out,
            "        {o}pub fn {}({all}) -> {} {{ todo!() }}",
            m.rust_item,
            r.attr_ret(m, &format_exc_type)?
        );
    }
    // Options only the attribute has: a property through methods, `close`, `skip`.
    if rng.chance(40) && !taken.iter().any(|t| t == "level" || t == "set_level") {
        let _ = writeln!(
            out,
            "        #[py_embed(getter)]\n        pub fn level(&self) -> i64 {{ todo!() }}\n        #[py_embed(setter)]\n        pub fn set_level(&mut self, value: i64) {{ todo!() }}"
        );
    }
    if rng.chance(30) && !taken.iter().any(|t| t == "shut") {
        let _ = writeln!(out, "        #[py_embed(close)]\n        pub fn shut(&mut self) {{}}");
    }
    if rng.chance(30) {
        let _ =
            writeln!(out, "        #[py_embed(skip)]\n        pub fn not_exported(&self, _x: std::rc::Rc<u8>) {{}}");
    }
    let _ = writeln!(out, "    }}");
    Ok(())
}
