//! Rendering `import:` entries and the never-run exercise of every stub.

use std::cell::Cell;
use std::fmt::Write as _;

use pybridge_model::names::rust_ident;

use super::*;

impl R<'_> {
    // --- import ------------------------------------------------------------------------------

    pub(super) fn spec_python(&mut self, ty: &Ty) -> Result<String, String> {
        self.flip += 1;
        let alt = self.flip.is_multiple_of(3);
        Ok(match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(_) => "int".into(),
            Ty::Float(_) => "float".into(),
            Ty::Str(_) => "str".into(),
            Ty::Bytes(_) => "bytes".into(),
            Ty::Unit => "None".into(),
            Ty::Opt(t) => {
                let inner = self.spec_python(t)?;
                if alt { format!("Optional[{inner}]") } else { format!("{inner} | None") }
            }
            Ty::List(t) => format!("{}[{}]", if alt { "List" } else { "list" }, self.spec_python(t)?),
            Ty::Dict(k, v) => {
                format!("{}[{}, {}]", if alt { "Dict" } else { "dict" }, self.spec_python(k)?, self.spec_python(v)?)
            }
            Ty::Set(t) => format!("{}[{}]", if alt { "Set" } else { "set" }, self.spec_python(t)?),
            Ty::Tuple(items) if items.is_empty() => "tuple[()]".into(),
            Ty::Tuple(items) => {
                let items = items.iter().map(|t| self.spec_python(t)).collect::<Result<Vec<_>, _>>()?;
                format!("{}[{}]", if alt { "Tuple" } else { "tuple" }, items.join(", "))
            }
            Ty::Class(id, _) => self.import_class_name(*id)?,
            Ty::Exported(id) => self.class(*id)?.py.clone(),
            Ty::Enum(..) | Ty::Callable(..) => return Err("not an import type".into()),
            Ty::Union(_, members) => {
                let members = members.iter().map(|t| self.spec_python(t)).collect::<Result<Vec<_>, _>>()?;
                if self.flip.is_multiple_of(2) { members.join(" | ") } else { format!("Union[{}]", members.join(", ")) }
            }
            Ty::Literal(_, values) => {
                format!("Literal[{}]", values.iter().map(|(v, _)| *v).collect::<Vec<_>>().join(", "))
            }
            Ty::Any => (*["Any", "object", "typing.Any"].get(self.flip as usize % 3).unwrap_or(&"Any")).into(),
            Ty::Std("PathBuf") => "pathlib.Path".into(),
            Ty::Std("Duration") => "datetime.timedelta".into(),
            Ty::Std("SystemTime") => "datetime.datetime".into(),
            Ty::Std(_) => return Err("not an import type".into()),
        })
    }

    pub(super) fn import_class(&self, id: usize) -> Result<(&Import, &Class), String> {
        for im in &self.spec.imports {
            if let Some(c) = im.classes.iter().find(|c| c.id == id) {
                return Ok((im, c));
            }
        }
        Err(format!("import class {id} is gone"))
    }

    pub(super) fn import_class_name(&self, id: usize) -> Result<String, String> {
        Ok(self.import_class(id)?.1.py.clone())
    }

    pub(super) fn import_mod_rust(im: &Import) -> String {
        im.rust_name.clone().unwrap_or_else(|| rust_ident(&im.module.replace('.', "_")))
    }

    /// The Rust type an import stub takes for `ty` (SPEC.md's table).
    pub(super) fn import_param(&self, ty: &Ty) -> Result<String, String> {
        Ok(match ty {
            Ty::Str(_) => "&str".into(),
            Ty::Bytes(_) => "&[u8]".into(),
            Ty::List(t) => format!("&[{}]", self.import_owned(t)?),
            Ty::Dict(..) | Ty::Set(..) | Ty::Class(..) | Ty::Any | Ty::Exported(_) => {
                format!("&{}", self.import_owned(ty)?)
            }
            Ty::Opt(t) => format!("::std::option::Option<{}>", self.import_param(t)?),
            _ => self.import_owned(ty)?,
        })
    }

    /// The Rust type an import stub returns for `ty`.
    pub(super) fn import_owned(&self, ty: &Ty) -> Result<String, String> {
        Ok(match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(_) => "i64".into(),
            Ty::Float(_) => "f64".into(),
            Ty::Str(_) => "::std::string::String".into(),
            Ty::Bytes(_) => "::std::vec::Vec<u8>".into(),
            Ty::Unit => "()".into(),
            Ty::Opt(t) => format!("::std::option::Option<{}>", self.import_owned(t)?),
            Ty::List(t) => format!("::std::vec::Vec<{}>", self.import_owned(t)?),
            Ty::Dict(k, v) => {
                format!("::std::collections::HashMap<{}, {}>", self.import_owned(k)?, self.import_owned(v)?)
            }
            Ty::Set(t) => format!("::std::collections::HashSet<{}>", self.import_owned(t)?),
            Ty::Tuple(items) if items.len() == 1 => format!("({},)", self.import_owned(&items[0])?),
            Ty::Tuple(items) => {
                let items = items.iter().map(|t| self.import_owned(t)).collect::<Result<Vec<_>, _>>()?;
                format!("({})", items.join(", "))
            }
            Ty::Class(id, _) => {
                let (im, c) = self.import_class(*id)?;
                format!("self::{}::{}", Self::import_mod_rust(im), rust_ident(&c.py))
            }
            Ty::Exported(id) => self.class_type(self.class(*id)?),
            Ty::Any => "::pybridge::Object".into(),
            Ty::Std(name) => std_path(name),
            Ty::Union(im, _) | Ty::Literal(im, _) => {
                let im = self.spec.imports.iter().find(|i| i.id == *im).ok_or("the union's import is gone")?;
                format!("self::{}::{}", Self::import_mod_rust(im), union_name(ty))
            }
            Ty::Enum(..) | Ty::Callable(..) => return Err("not an import type".into()),
        })
    }

    pub(super) fn stub_params(&self, params: &[Param]) -> Result<(String, String), String> {
        let mut decl = Vec::new();
        let mut args = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let mut t = self.import_param(&p.ty)?;
            if p.default.is_some() && !matches!(p.ty, Ty::Opt(_)) {
                t = format!("::std::option::Option<{t}>");
            }
            decl.push(format!("a{i}: {t}"));
            args.push(format!("a{i}"));
        }
        Ok((decl.join(", "), args.join(", ")))
    }

    pub(super) fn import(&mut self, out: &mut String, exercise: &mut String, im: &Import) -> Result<(), String> {
        let _ = writeln!(out, "  - module: {}", q(&im.module));
        if let Some(r) = &im.rust_name {
            let _ = writeln!(out, "    rust_name: {}", q(r));
        }
        Self::doc_yaml(out, "    ", &im.doc);
        let m = format!("self::{}", Self::import_mod_rust(im));
        let err = if im.exceptions.is_empty() { "::pybridge::Error".to_string() } else { format!("{m}::Error") };
        let stubs = Stubs { m, err, id: im.id, n: Cell::new(0) };
        if !im.exceptions.is_empty() {
            let _ = writeln!(out, "    exceptions:");
            for e in &im.exceptions {
                let _ = writeln!(out, "      - name: {}", q(&e.py));
                if let Some(b) = &e.base {
                    let _ = writeln!(out, "        base: {}", q(b));
                }
                Self::doc_yaml(out, "        ", &e.doc);
                let Stubs { m, err, .. } = &stubs;
                let _ = writeln!(
                    exercise,
                    "pub fn {}(e: {err}) -> bool {{ matches!(e, {m}::Error::{}(_)) }}",
                    stubs.next_name("exc"),
                    rust_ident(&e.py)
                );
            }
        }
        if !im.classes.is_empty() {
            let _ = writeln!(out, "    classes:");
            for c in &im.classes {
                self.write_import_class(out, exercise, c, &stubs)?;
            }
        }
        if !im.functions.is_empty() {
            let _ = writeln!(out, "    functions:");
            for f in &im.functions {
                self.write_import_function(out, exercise, f, &stubs)?;
            }
        }
        if !im.constants.is_empty() {
            let _ = writeln!(out, "    constants:");
            for k in &im.constants {
                let _ = writeln!(out, "      - name: {}", q(&k.py));
                let _ = writeln!(out, "        type: {}", q(&self.spec_python(&k.ty)?));
                Self::doc_yaml(out, "        ", &k.doc);
                let r = stubs.format_return(self, &Some(k.ty.clone()))?;
                let m = &stubs.m;
                let _ =
                    writeln!(exercise, "pub fn {}() -> {r} {{ {m}::{}() }}", stubs.next_name("k"), rust_ident(&k.py));
            }
        }
        Ok(())
    }

    /// An import class's entry: its constructor, methods and attributes, each with the
    /// exercise functions that call the stubs, and one that turns the handle into an object.
    fn write_import_class(
        &mut self,
        out: &mut String,
        exercise: &mut String,
        c: &Class,
        stubs: &Stubs,
    ) -> Result<(), String> {
        let _ = writeln!(out, "      - name: {}", q(&c.py));
        let handle = format!("{}::{}", stubs.m, rust_ident(&c.py));
        if let Some(ctor) = &c.ctor {
            let mut body = String::new();
            self.params_yaml(&mut body, "          ", &ctor.params, false)?;
            Self::doc_yaml(&mut body, "          ", &ctor.doc);
            ctor_yaml(out, &body, "        ");
            let (decl, args) = self.stub_params(&ctor.params)?;
            let r = stubs.format_return(self, &Some(Ty::Class(c.id, By::Value)))?;
            let _ = writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {handle}::new({args}) }}", stubs.next_name("new"));
        }
        if !c.methods.is_empty() {
            let _ = writeln!(out, "        methods:");
        }
        for f in &c.methods {
            self.write_import_method(out, exercise, f, &handle, stubs)?;
        }
        if !c.attrs.is_empty() {
            let _ = writeln!(out, "        attributes:");
        }
        for a in &c.attrs {
            self.write_import_attr(out, exercise, a, &handle, stubs)?;
        }
        let _ = writeln!(
            exercise,
            "pub fn {}(obj: {handle}) -> ::pybridge::Object {{ obj.into_object() }}",
            stubs.next_name("obj")
        );
        Ok(())
    }

    /// A method of an import class (`handle`: its handle's path) and its exercise function.
    fn write_import_method(
        &mut self,
        out: &mut String,
        exercise: &mut String,
        f: &Func,
        handle: &str,
        stubs: &Stubs,
    ) -> Result<(), String> {
        let _ = writeln!(out, "          - name: {}", q(&f.py));
        let kind = match f.kind {
            Kind::Static => Some("static"),
            Kind::ClassMethod => Some("classmethod"),
            _ => (self.flip.is_multiple_of(2)).then_some("method"),
        };
        if let Some(k) = kind {
            let _ = writeln!(out, "            kind: {k}");
        }
        self.params_yaml(out, "            ", &f.params, false)?;
        if let Some(t) = &f.ret {
            let _ = writeln!(out, "            returns: {}", q(&self.spec_python(t)?));
        }
        Self::doc_yaml(out, "            ", &f.doc);
        let (decl, args) = self.stub_params(&f.params)?;
        let r = stubs.format_return(self, &f.ret)?;
        let name = rust_ident(&f.py);
        let line = if f.kind == Kind::Method {
            let decl = if decl.is_empty() { format!("obj: &{handle}") } else { format!("obj: &{handle}, {decl}") };
            format!("pub fn {}({decl}) -> {r} {{ obj.{name}({args}) }}", stubs.next_name("m"))
        } else {
            format!("pub fn {}({decl}) -> {r} {{ {handle}::{name}({args}) }}", stubs.next_name("s"))
        };
        let _ = writeln!(exercise, "{line}");
        Ok(())
    }

    /// An attribute of an import class (`handle`: its handle's path) and the exercise functions
    /// of its getter (and setter).
    fn write_import_attr(
        &mut self,
        out: &mut String,
        exercise: &mut String,
        a: &Attr,
        handle: &str,
        stubs: &Stubs,
    ) -> Result<(), String> {
        let _ = writeln!(out, "          - name: {}", q(&a.py));
        let _ = writeln!(out, "            type: {}", q(&self.spec_python(&a.ty)?));
        if a.writable {
            let _ = writeln!(out, "            writable: true");
        }
        Self::doc_yaml(out, "            ", &a.doc);
        let name = rust_ident(&a.py);
        let r = stubs.format_return(self, &Some(a.ty.clone()))?;
        let _ = writeln!(exercise, "pub fn {}(obj: &{handle}) -> {r} {{ obj.{name}() }}", stubs.next_name("get"));
        if a.writable {
            let r = stubs.format_return(self, &None)?;
            let t = self.import_param(&a.ty)?;
            let _ = writeln!(
                exercise,
                "pub fn {}(obj: &{handle}, v: {t}) -> {r} {{ obj.set_{}(v) }}",
                stubs.next_name("set"),
                bare(&name)
            );
        }
        Ok(())
    }

    /// A function of an import entry and its exercise functions (the stub and its `attached`
    /// form).
    fn write_import_function(
        &mut self,
        out: &mut String,
        exercise: &mut String,
        f: &Func,
        stubs: &Stubs,
    ) -> Result<(), String> {
        let m = &stubs.m;
        let _ = writeln!(out, "      - name: {}", q(&f.py));
        self.params_yaml(out, "        ", &f.params, false)?;
        if let Some(t) = &f.ret {
            let _ = writeln!(out, "        returns: {}", q(&self.spec_python(t)?));
        }
        Self::doc_yaml(out, "        ", &f.doc);
        let (decl, args) = self.stub_params(&f.params)?;
        let r = stubs.format_return(self, &f.ret)?;
        let name = rust_ident(&f.py);
        let _ = writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {m}::{name}({args}) }}", stubs.next_name("f"));
        let decl = if decl.is_empty() {
            "py: ::pybridge::Python<'_>".to_string()
        } else {
            format!("py: ::pybridge::Python<'_>, {decl}")
        };
        let args = if args.is_empty() { "py".to_string() } else { format!("py, {args}") };
        let _ =
            writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {m}::attached::{name}({args}) }}", stubs.next_name("fa"));
        Ok(())
    }
}

/// What the exercise functions of one import entry share: the stubs' module, their error type,
/// and fresh names.
struct Stubs {
    /// The stubs' module path (`self::<module>`).
    m: String,
    /// The stubs' error type.
    err: String,
    /// The import entry's id (part of every fresh name).
    id: usize,
    /// How many names were handed out.
    n: Cell<usize>,
}

impl Stubs {
    /// A fresh exercise function name.
    fn next_name(&self, what: &str) -> String {
        let n = self.n.get() + 1;
        self.n.set(n);
        format!("__pt_{what}_{}_{n}", self.id)
    }

    /// The return type of a stub returning `t` (`None`: nothing).
    fn format_return(&self, r: &R<'_>, t: &Option<Ty>) -> Result<String, String> {
        let inner = match t {
            Some(t) => r.import_owned(t)?,
            None => "()".into(),
        };
        Ok(format!("::std::result::Result<{inner}, {}>", self.err))
    }
}

/// The enum a union or literal generates (SPEC.md's naming rules): its variants joined by `Or`.
pub(super) fn union_name(ty: &Ty) -> String {
    fn variant(t: &Ty) -> String {
        match t {
            Ty::Bool => "Bool".into(),
            Ty::Int(_) => "Int".into(),
            Ty::Float(_) => "Float".into(),
            Ty::Str(_) => "Str".into(),
            Ty::Bytes(_) => "Bytes".into(),
            Ty::List(t) => format!("List{}", variant(t)),
            _ => "Other".into(),
        }
    }
    match ty {
        Ty::Union(_, members) => members.iter().map(variant).collect::<Vec<_>>().join("Or"),
        Ty::Literal(_, values) => values.iter().map(|(_, v)| *v).collect::<Vec<_>>().join("Or"),
        _ => String::new(),
    }
}
