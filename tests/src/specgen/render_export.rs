//! Rendering the `export:` section and the user's Rust items.

use std::fmt::Write as _;

use pybridge_model::names::rust_ident;

use super::*;

impl R<'_> {
    // --- export ------------------------------------------------------------------------------

    pub(super) fn export(&mut self, out: &mut String) -> Result<(), String> {
        let Some(ex) = self.spec.export.clone() else { return Ok(()) };
        let _ = writeln!(out, "module: {}", q(&ex.module));
        Self::doc_yaml(out, "", &ex.doc);
        let _ = writeln!(out, "export:");
        if !ex.exceptions.is_empty() {
            let _ = writeln!(out, "  exceptions:");
            for e in &ex.exceptions {
                let _ = writeln!(out, "    - name: {}", q(&e.py));
                if let Some(b) = &e.base {
                    let _ = writeln!(out, "      base: {}", q(b));
                }
                Self::doc_yaml(out, "      ", &e.doc);
            }
        }
        if !ex.enums.is_empty() {
            let _ = writeln!(out, "  enums:");
            for e in &ex.enums {
                let _ = writeln!(out, "    - name: {}", q(&e.py));
                if e.explicit_rust {
                    let _ = writeln!(out, "      rust: {}", q(&self.user_path(&e.rust_item)));
                }
                let names: Vec<String> = e.variants.iter().map(|v| q(v)).collect();
                let _ = writeln!(out, "      variants: [{}]", names.join(", "));
                if e.int {
                    let _ = writeln!(out, "      int: true");
                }
                Self::doc_yaml(out, "      ", &e.doc);
                let variants: Vec<String> = e.variants.iter().map(|v| rust_ident(v)).collect();
                let _ = writeln!(
                    self.user,
                    "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum {} {{ {} }}\n",
                    e.rust_item,
                    variants.join(", ")
                );
            }
        }
        if !ex.classes.is_empty() {
            let _ = writeln!(out, "  classes:");
            for c in &ex.classes {
                self.export_class(out, c)?;
            }
        }
        if !ex.functions.is_empty() {
            let _ = writeln!(out, "  functions:");
            for f in &ex.functions {
                self.export_fn(out, "    ", f, None)?;
            }
        }
        if !ex.constants.is_empty() {
            let _ = writeln!(out, "  constants:");
            for k in &ex.constants {
                let _ = writeln!(out, "    - name: {}", q(&k.py));
                let _ = writeln!(out, "      type: {}", q(&self.spec_rust(&k.ty)?));
                let value = if k.from_fn || lacks_default(&k.ty) {
                    let f = format!("cval_{}", k.id);
                    let _ = writeln!(self.user, "pub fn {f}() -> {} {{ todo!() }}\n", self.user_rust(&k.ty)?);
                    format!("{}()", self.user_path(&f))
                } else {
                    "::std::default::Default::default()".into()
                };
                let _ = writeln!(out, "      rust: {}", q(&value));
                Self::doc_yaml(out, "      ", &k.doc);
            }
        }
        Ok(())
    }

    pub(super) fn export_class(&mut self, out: &mut String, c: &Class) -> Result<(), String> {
        let ty = self.class_type(c);
        self.write_class_head(out, c, &ty)?;
        self.write_user_struct(c)?;
        let mut inherent = String::new();
        if let Some(ctor) = &c.ctor {
            self.write_ctor(out, ctor, &ty, &mut inherent)?;
        }
        if !c.methods.is_empty() {
            let _ = writeln!(out, "      methods:");
            for m in &c.methods {
                let sig = self.export_fn(out, "        ", m, Some(c))?;
                if !m.extend {
                    let _ = writeln!(inherent, "    {sig}");
                }
            }
        }
        let (generics, generic_use) = format_generics(c);
        let name = &c.rust_item;
        let _ = writeln!(self.user, "impl{generics} {name}{generic_use} {{\n{inherent}}}\n");
        if !c.attrs.is_empty() {
            let _ = writeln!(out, "      attributes:");
            for a in &c.attrs {
                let _ = writeln!(out, "        - name: {}", q(&a.py));
                let _ = writeln!(out, "          type: {}", q(&self.spec_rust(&a.ty)?));
                if a.writable {
                    let _ = writeln!(out, "          writable: true");
                }
                if a.view {
                    let _ = writeln!(out, "          policy: view");
                }
                Self::doc_yaml(out, "          ", &a.doc);
            }
        }
        Ok(())
    }

    /// A class entry's first keys: `name`, `rust` (`ty`, when written), `doc`, `raises`,
    /// `traits`, `item`.
    fn write_class_head(&mut self, out: &mut String, c: &Class, ty: &str) -> Result<(), String> {
        let _ = writeln!(out, "    - name: {}", q(&c.py));
        if c.explicit_rust {
            let _ = writeln!(out, "      rust: {}", q(ty));
        }
        Self::doc_yaml(out, "      ", &c.doc);
        if let Some(r) = c.raises {
            let _ = writeln!(out, "      raises: {}", q(&self.exc(r)?.py));
        }
        // `Clone` for `copy` on every other class that implements it; `subclass` and `weakref`
        // on some (by id: rendering draws no random numbers).
        let mut traits = c.traits.clone();
        if c.clone && c.id.is_multiple_of(2) {
            traits.push("Clone");
        }
        if !traits.is_empty() {
            let _ = writeln!(out, "      traits: [{}]", traits.join(", "));
        }
        if c.id.is_multiple_of(3) {
            let _ = writeln!(out, "      subclass: true");
        }
        if c.id % 4 == 1 {
            let _ = writeln!(out, "      weakref: true");
        }
        if let Some(item) = &c.item {
            let _ = writeln!(out, "      item: {}", q(&self.spec_rust(item)?));
        }
        Ok(())
    }

    /// The user's struct behind a class, its fields, and trait impls that ask nothing of the
    /// fields (formatting and comparisons always; `Clone`, `FromStr`, `IntoIterator` as the class
    /// declares).
    fn write_user_struct(&mut self, c: &Class) -> Result<(), String> {
        let (generics, generic_use) = format_generics(c);
        let mut fields = String::new();
        if c.generic.is_some() {
            fields.push_str("    pub _pt: ::std::marker::PhantomData<T>,\n");
        }
        for a in &c.attrs {
            let _ = writeln!(fields, "    pub {}: {},", rust_ident(&a.py), self.user_rust(&a.ty)?);
        }
        let name = &c.rust_item;
        let _ = writeln!(self.user, "pub struct {name}{generics} {{\n{fields}}}");
        let imp = |t: &str| format!("impl{generics} {t} for {name}{generic_use}");
        let mut impls = vec![
            format!(
                "{} {{ fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{ f.write_str(\"x\") }} }}",
                imp("::std::fmt::Display")
            ),
            format!(
                "{} {{ fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{ f.write_str(\"x\") }} }}",
                imp("::std::fmt::Debug")
            ),
            format!("{} {{ fn eq(&self, _: &Self) -> bool {{ true }} }}", imp("::std::cmp::PartialEq")),
            format!("{} {{}}", imp("::std::cmp::Eq")),
            format!("{} {{ fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {{}} }}", imp("::std::hash::Hash")),
            format!(
                "{} {{ fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> {{ None }} }}",
                imp("::std::cmp::PartialOrd")
            ),
            format!(
                "{} {{ fn cmp(&self, _: &Self) -> ::std::cmp::Ordering {{ ::std::cmp::Ordering::Equal }} }}",
                imp("::std::cmp::Ord")
            ),
        ];
        if c.clone {
            impls.push(format!("{} {{ fn clone(&self) -> Self {{ todo!() }} }}", imp("::std::clone::Clone")));
        }
        if c.traits.contains(&"FromStr") {
            let err = if c.raises.is_some() { self.user_error() } else { "::pybridge::Error".into() };
            impls.push(format!(
                "{} {{ type Err = {err}; fn from_str(_: &str) -> ::std::result::Result<Self, Self::Err> {{ todo!() }} }}",
                imp("::std::str::FromStr")
            ));
        }
        if let Some(item) = &c.item {
            let item = self.user_rust(item)?;
            impls.push(format!(
                "impl<'pt, {}> ::std::iter::IntoIterator for &'pt {name}{generic_use} {{ type Item = &'pt {item}; type IntoIter = ::std::slice::Iter<'pt, {item}>; fn into_iter(self) -> Self::IntoIter {{ todo!() }} }}",
                if c.generic.is_some() { "T" } else { "" }
            ).replace("<'pt, >", "<'pt>"));
        }
        for i in impls {
            let _ = writeln!(self.user, "{i}");
        }
        Ok(())
    }

    /// A class's `constructor:` entry and the user's function behind it: a free function, or
    /// an associated one (added to `inherent`, the class's impl block). `ty`: the class's type.
    fn write_ctor(&mut self, out: &mut String, ctor: &Ctor, ty: &str, inherent: &mut String) -> Result<(), String> {
        let mut body = String::new();
        let params = self.user_params(&ctor.params)?;
        let ret =
            if ctor.fallible { format!("::std::result::Result<Self, {}>", self.user_error()) } else { "Self".into() };
        match (&ctor.rust, ctor.free) {
            (Some(f), true) => {
                let _ = writeln!(body, "        rust: {}", q(&self.user_path(f)));
                let ret = ret.replace("Self", ty);
                let _ = writeln!(self.user, "pub fn {f}({params}) -> {ret} {{ todo!() }}");
            }
            (rust, _) => {
                if let Some(r) = rust {
                    let _ = writeln!(body, "        rust: {}", q(r));
                }
                let f = rust.clone().unwrap_or_else(|| "new".into());
                let _ = writeln!(inherent, "    pub fn {f}({params}) -> {ret} {{ todo!() }}");
            }
        }
        self.params_yaml(&mut body, "        ", &ctor.params, true)?;
        if let Some(r) = ctor.raises {
            let _ = writeln!(body, "        raises: {}", q(&self.exc(r)?.py));
        }
        Self::doc_yaml(&mut body, "        ", &ctor.doc);
        ctor_yaml(out, &body, "      ");
        Ok(())
    }

    /// Writes a function or method entry; returns the signature of an inherent method (free
    /// functions and `extend` functions go to the user module directly).
    pub(super) fn export_fn(
        &mut self,
        out: &mut String,
        indent: &str,
        f: &Func,
        class: Option<&Class>,
    ) -> Result<String, String> {
        let _ = writeln!(out, "{indent}- name: {}", q(&f.py));
        let inherent = class.is_some() && !f.extend && !f.static_path;
        if f.explicit_rust {
            let rust = if inherent { f.rust_item.clone() } else { self.user_path(&f.rust_item) };
            let _ = writeln!(out, "{indent}  rust: {}", q(&rust));
        }
        let kind = match f.kind {
            Kind::Free => None,
            Kind::Method => (self.flip.is_multiple_of(3)).then_some("method"),
            Kind::MutMethod => Some("mut_method"),
            Kind::Static => Some("static"),
            Kind::ClassMethod => Some("classmethod"),
        };
        if let Some(k) = kind {
            let _ = writeln!(out, "{indent}  kind: {k}");
        }
        if f.extend {
            let _ = writeln!(out, "{indent}  extend: true");
        }
        self.params_yaml(out, &format!("{indent}  "), &f.params, true)?;
        let (spec_ret, user_ret) = self.returns(&f.ret, &f.fallible)?;
        if let Some(r) = spec_ret {
            let _ = writeln!(out, "{indent}  returns: {}", q(&r));
        }
        if let Some(Fallible::Raises(Some(e))) = &f.fallible {
            let _ = writeln!(out, "{indent}  raises: {}", q(&self.exc(*e)?.py));
        }
        if let Some(p) = f.policy {
            let _ = writeln!(out, "{indent}  policy: {p}");
        }
        Self::doc_yaml(out, &format!("{indent}  "), &f.doc);
        let params = self.user_params(&f.params)?;
        let name = &f.rust_item;
        let receiver = match f.kind {
            Kind::Method => "&self",
            Kind::MutMethod => "&mut self",
            _ => "",
        };
        if inherent {
            let all = if receiver.is_empty() {
                params
            } else if params.is_empty() {
                receiver.to_string()
            } else {
                format!("{receiver}, {params}")
            };
            return Ok(format!("pub fn {name}({all}) -> {user_ret} {{ todo!() }}"));
        }
        let all = match (class, f.kind) {
            (Some(c), Kind::Method | Kind::MutMethod) => {
                let r = if f.kind == Kind::Method { "&" } else { "&mut " };
                let v = format!("_v: {r}{}", self.class_type(c));
                if params.is_empty() { v } else { format!("{v}, {params}") }
            }
            _ => params,
        };
        let _ = writeln!(self.user, "pub fn {name}({all}) -> {user_ret} {{ todo!() }}\n");
        Ok(String::new())
    }
}

/// The generic parameters of a class's user struct and their use (`<T>`), or none.
fn format_generics(c: &Class) -> (&'static str, &'static str) {
    if c.generic.is_some() { ("<T>", "<T>") } else { ("", "") }
}
