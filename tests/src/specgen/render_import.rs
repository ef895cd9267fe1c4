//! Rendering `import:` entries and the never-run exercise of every stub.

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
            Ty::Any => (*["Any", "object", "typing.Any"].get(self.flip as usize % 3).unwrap_or(&"Any")).into(),
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
        let ret = |r: &R<'_>, t: &Option<Ty>| -> Result<String, String> {
            let inner = match t {
                Some(t) => r.import_owned(t)?,
                None => "()".into(),
            };
            Ok(format!("::std::result::Result<{inner}, {err}>"))
        };
        let mut n = 0;
        let mut fresh = |what: &str| {
            n += 1;
            format!("__pt_{what}_{}_{n}", im.id)
        };
        if !im.exceptions.is_empty() {
            let _ = writeln!(out, "    exceptions:");
            for e in &im.exceptions {
                let _ = writeln!(out, "      - name: {}", q(&e.py));
                if let Some(b) = &e.base {
                    let _ = writeln!(out, "        base: {}", q(b));
                }
                Self::doc_yaml(out, "        ", &e.doc);
                let _ = writeln!(
                    exercise,
                    "pub fn {}(e: {err}) -> bool {{ matches!(e, {m}::Error::{}(_)) }}",
                    fresh("exc"),
                    rust_ident(&e.py)
                );
            }
        }
        if !im.classes.is_empty() {
            let _ = writeln!(out, "    classes:");
            for c in &im.classes {
                let _ = writeln!(out, "      - name: {}", q(&c.py));
                let handle = format!("{m}::{}", rust_ident(&c.py));
                if let Some(ctor) = &c.ctor {
                    let mut body = String::new();
                    self.params_yaml(&mut body, "          ", &ctor.params, false)?;
                    Self::doc_yaml(&mut body, "          ", &ctor.doc);
                    ctor_yaml(out, &body, "        ");
                    let (decl, args) = self.stub_params(&ctor.params)?;
                    let r = ret(self, &Some(Ty::Class(c.id, By::Value)))?;
                    let _ = writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {handle}::new({args}) }}", fresh("new"));
                }
                if !c.methods.is_empty() {
                    let _ = writeln!(out, "        methods:");
                }
                for f in &c.methods {
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
                    let r = ret(self, &f.ret)?;
                    let name = rust_ident(&f.py);
                    let line = if f.kind == Kind::Method {
                        let decl =
                            if decl.is_empty() { format!("obj: &{handle}") } else { format!("obj: &{handle}, {decl}") };
                        format!("pub fn {}({decl}) -> {r} {{ obj.{name}({args}) }}", fresh("m"))
                    } else {
                        format!("pub fn {}({decl}) -> {r} {{ {handle}::{name}({args}) }}", fresh("s"))
                    };
                    let _ = writeln!(exercise, "{line}");
                }
                if !c.attrs.is_empty() {
                    let _ = writeln!(out, "        attributes:");
                }
                for a in &c.attrs {
                    let _ = writeln!(out, "          - name: {}", q(&a.py));
                    let _ = writeln!(out, "            type: {}", q(&self.spec_python(&a.ty)?));
                    if a.writable {
                        let _ = writeln!(out, "            writable: true");
                    }
                    Self::doc_yaml(out, "            ", &a.doc);
                    let name = rust_ident(&a.py);
                    let r = ret(self, &Some(a.ty.clone()))?;
                    let _ = writeln!(exercise, "pub fn {}(obj: &{handle}) -> {r} {{ obj.{name}() }}", fresh("get"));
                    if a.writable {
                        let r = ret(self, &None)?;
                        let t = self.import_param(&a.ty)?;
                        let _ = writeln!(
                            exercise,
                            "pub fn {}(obj: &{handle}, v: {t}) -> {r} {{ obj.set_{}(v) }}",
                            fresh("set"),
                            bare(&name)
                        );
                    }
                }
                let _ = writeln!(
                    exercise,
                    "pub fn {}(obj: {handle}) -> ::pybridge::Object {{ obj.into_object() }}",
                    fresh("obj")
                );
            }
        }
        if !im.functions.is_empty() {
            let _ = writeln!(out, "    functions:");
            for f in &im.functions {
                let _ = writeln!(out, "      - name: {}", q(&f.py));
                self.params_yaml(out, "        ", &f.params, false)?;
                if let Some(t) = &f.ret {
                    let _ = writeln!(out, "        returns: {}", q(&self.spec_python(t)?));
                }
                Self::doc_yaml(out, "        ", &f.doc);
                let (decl, args) = self.stub_params(&f.params)?;
                let r = ret(self, &f.ret)?;
                let name = rust_ident(&f.py);
                let _ = writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {m}::{name}({args}) }}", fresh("f"));
                let decl = if decl.is_empty() {
                    "py: ::pybridge::Python<'_>".to_string()
                } else {
                    format!("py: ::pybridge::Python<'_>, {decl}")
                };
                let args = if args.is_empty() { "py".to_string() } else { format!("py, {args}") };
                let _ = writeln!(exercise, "pub fn {}({decl}) -> {r} {{ {m}::attached::{name}({args}) }}", fresh("fa"));
            }
        }
        if !im.constants.is_empty() {
            let _ = writeln!(out, "    constants:");
            for k in &im.constants {
                let _ = writeln!(out, "      - name: {}", q(&k.py));
                let _ = writeln!(out, "        type: {}", q(&self.spec_python(&k.ty)?));
                Self::doc_yaml(out, "        ", &k.doc);
                let r = ret(self, &Some(k.ty.clone()))?;
                let _ = writeln!(exercise, "pub fn {}() -> {r} {{ {m}::{}() }}", fresh("k"), rust_ident(&k.py));
            }
        }
        Ok(())
    }
}
