//! Generating `import:` entries.

use pybridge_model::names::rust_ident;

use super::*;

// --- imports ---------------------------------------------------------------------------------

pub(super) fn gen_import(g: &mut Gen<'_>, export: Option<&Export>, modules: &mut Scope) -> Import {
    let first = g.name(modules, false, false);
    // A dotted path now and then; the Rust module name must stay unique.
    let module = if g.chance(30) { format!("pkg_{}.{first}", g.tag) } else { first.clone() };
    let rust_name = if g.chance(25) {
        let n = g.item_name("stubs");
        modules.rust.push(n.clone());
        Some(n)
    } else {
        let default = module.replace('.', "_");
        modules.rust.push(bare(&rust_ident(&default)));
        None
    };
    let mut im = Import { id: g.id(), module, rust_name, doc: g.doc(), ..Default::default() };
    // Exported classes are named by their Python names in import types too.
    let exported: Vec<&str> = export.map(|e| e.classes.iter().map(|c| c.py.as_str()).collect()).unwrap_or_default();
    let mut reserved = exported.clone();
    reserved.extend(PATTERN_NAMES);
    let mut scope = Scope::with(&reserved);
    gen_import_exceptions(g, &mut scope, &mut im);
    gen_import_class_shells(g, &mut scope, &mut im);
    for ci in 0..im.classes.len() {
        gen_import_class_members(g, &mut im, ci, export);
    }
    gen_import_functions(g, &mut scope, &mut im, export);
    for _ in 0..g.rng.below(3) {
        let py = g.name(&mut scope, true, false);
        let ty = gen_import_type(g, &im, None, false);
        let (id, doc) = (g.id(), g.doc());
        im.constants.push(Const { id, py, ty, from_fn: false, doc });
    }
    im
}

/// Up to two exceptions of an import entry (their names then reserve the error enum's);
/// one whose variant would be the error enum's `Other` is dropped.
fn gen_import_exceptions(g: &mut Gen<'_>, scope: &mut Scope, im: &mut Import) {
    for _ in 0..g.rng.below(3) {
        let py = g.name(scope, true, false);
        let base =
            if g.chance(50) { Some(g.rng.pick(&["Exception", "ValueError", "KeyError"]).to_string()) } else { None };
        let (id, doc) = (g.id(), g.doc());
        im.exceptions.push(Exc { id, py, base, doc });
    }
    if !im.exceptions.is_empty() {
        // The error enum and its catch-all variant.
        scope.py.extend(["Error".to_string()]);
        scope.rust.extend(["Error".to_string()]);
    }
    let exc_variants: Vec<String> = im.exceptions.iter().map(|e| bare(&rust_ident(&e.py))).collect();
    if exc_variants.iter().any(|v| v == "Other") {
        im.exceptions.retain(|e| bare(&rust_ident(&e.py)) != "Other");
    }
}

/// Up to two classes of an import entry, without members yet (named so that no class's view
/// `XRef` meets another name).
fn gen_import_class_shells(g: &mut Gen<'_>, scope: &mut Scope, im: &mut Import) {
    for _ in 0..g.rng.below(3) {
        let py = loop {
            let n = g.type_name(scope, false);
            let r = bare(&rust_ident(&n));
            // `XRef` is the view type of class `X`.
            if !scope.rust.iter().any(|t| *t == format!("{r}Ref") || format!("{t}Ref") == r) {
                scope.rust.push(format!("{r}Ref"));
                break n;
            }
        };
        let id = g.id();
        im.classes.push(Class {
            id,
            py,
            rust_item: String::new(),
            explicit_rust: false,
            generic: None,
            ctor: None,
            methods: Vec::new(),
            attrs: Vec::new(),
            traits: Vec::new(),
            item: None,
            raises: None,
            clone: true,
            doc: None,
        });
    }
}

/// The members of import class `ci`: its constructor, attributes and methods (off the names
/// the class handle defines itself).
fn gen_import_class_members(g: &mut Gen<'_>, im: &mut Import, ci: usize, export: Option<&Export>) {
    let mut members = Scope::with(&["bind", "as_object", "into_object", "unbind", "as_bound", "new"]);
    let ctor = if g.chance(60) {
        Some(Ctor {
            rust: None,
            free: false,
            params: gen_import_params(g, im, export),
            raises: None,
            fallible: false,
            doc: g.doc(),
        })
    } else {
        None
    };
    let attrs = gen_import_attrs(g, im, &mut members);
    let mut methods = Vec::new();
    for _ in 0..g.rng.below(4) {
        let py = g.name(&mut members, false, false);
        let kind = *g.rng.pick(&[Kind::Method, Kind::Method, Kind::Static, Kind::ClassMethod]);
        let params = gen_import_params(g, im, export);
        let ret = gen_import_ret(g, im, export);
        let (id, doc) = (g.id(), g.doc());
        methods.push(Func {
            id,
            py,
            kind,
            rust_item: String::new(),
            explicit_rust: false,
            params,
            ret,
            fallible: None,
            policy: None,
            extend: false,
            static_path: false,
            doc,
        });
    }
    let c = &mut im.classes[ci];
    c.ctor = ctor;
    c.attrs = attrs;
    c.methods = methods;
}

/// Up to two attributes of an import class; a writable one's setter `set_<name>` takes a name
/// too (an attribute whose setter would meet a taken name is left out).
fn gen_import_attrs(g: &mut Gen<'_>, im: &Import, members: &mut Scope) -> Vec<Attr> {
    let mut attrs = Vec::new();
    for _ in 0..g.rng.below(3) {
        let py = g.name(members, false, false);
        let writable = g.chance(50);
        if writable {
            let setter = format!("set_{}", bare(&rust_ident(&py)));
            if members.rust.contains(&setter) || members.py.contains(&setter) {
                continue;
            }
            members.rust.push(setter.clone());
            members.py.push(setter);
        }
        let ty = gen_import_type(g, im, None, false);
        let (id, doc) = (g.id(), g.doc());
        attrs.push(Attr { id, py, ty, writable, view: false, doc });
    }
    attrs
}

/// Up to three functions of an import entry.
fn gen_import_functions(g: &mut Gen<'_>, scope: &mut Scope, im: &mut Import, export: Option<&Export>) {
    for _ in 0..g.rng.below(4) {
        let py = g.name(scope, false, false);
        let params = gen_import_params(g, im, export);
        let ret = gen_import_ret(g, im, export);
        let (id, doc) = (g.id(), g.doc());
        im.functions.push(Func {
            id,
            py,
            kind: Kind::Free,
            rust_item: String::new(),
            explicit_rust: false,
            params,
            ret,
            fallible: None,
            policy: None,
            extend: false,
            static_path: false,
            doc,
        });
    }
}

/// An import type: plain, or a class of this entry (anywhere), or (whole params/returns only)
/// a class the spec exports.
pub(super) fn gen_import_type(g: &mut Gen<'_>, im: &Import, export: Option<&Export>, whole: bool) -> Ty {
    loop {
        let t = match g.rng.below(10) {
            0 | 1 if !im.classes.is_empty() => {
                let c = Ty::Class(im.classes[g.rng.below(im.classes.len())].id, By::Value);
                match g.rng.below(4) {
                    0 => Ty::Opt(Box::new(c)),
                    1 => Ty::List(Box::new(c)),
                    _ => c,
                }
            }
            3 if g.chance(60) => {
                let u = gen_union(g, im);
                match g.rng.below(4) {
                    0 => Ty::Opt(Box::new(u)),
                    1 => Ty::List(Box::new(u)),
                    _ => u,
                }
            }
            2 if whole && export.is_some_and(|e| !e.classes.is_empty()) => {
                let e = export.unwrap_or_else(|| unreachable!());
                let c = &e.classes[g.rng.below(e.classes.len())];
                if c.clone { Ty::Exported(c.id) } else { Ty::Str(false) }
            }
            _ => g.plain(false, 0),
        };
        if has_empty_tuple(&t) {
            continue;
        }
        return t;
    }
}

/// A union of two or three simple types, or a literal of two or three values (`Str` when its
/// enum's name would be a class's).
fn gen_union(g: &mut Gen<'_>, im: &Import) -> Ty {
    let u = if g.chance(50) {
        let pool = [Ty::Bool, Ty::Int("i64"), Ty::Float(false), Ty::Str(false), Ty::Bytes(false)];
        let mut members: Vec<Ty> = Vec::new();
        let n = 2 + g.rng.below(2);
        while members.len() < n {
            let t = if g.chance(15) { Ty::List(Box::new(Ty::Int("i64"))) } else { g.rng.pick(&pool).clone() };
            if !members.contains(&t) {
                members.push(t);
            }
        }
        Ty::Union(im.id, members)
    } else {
        const VALUES: &[(&str, &str)] = &[
            ("'r'", "R"),
            ("\"w\"", "W"),
            ("'big-endian'", "BigEndian"),
            ("'a+'", "APlus"),
            ("0", "V0"),
            ("-1", "Minus1"),
            ("True", "True"),
        ];
        let mut values: Vec<(&'static str, &'static str)> = Vec::new();
        let n = 2 + g.rng.below(2);
        while values.len() < n {
            let v = *g.rng.pick(VALUES);
            if !values.contains(&v) {
                values.push(v);
            }
        }
        Ty::Literal(im.id, values)
    };
    let name = super::render_import::union_name(&u);
    if im.classes.iter().any(|c| bare(&rust_ident(&c.py)) == name) { Ty::Str(false) } else { u }
}

pub(super) fn gen_import_ret(g: &mut Gen<'_>, im: &Import, export: Option<&Export>) -> Option<Ty> {
    if g.chance(20) {
        return if g.chance(50) { None } else { Some(Ty::Unit) };
    }
    Some(gen_import_type(g, im, export, true))
}

/// Rust reads these parameter names as the prelude's variants (`check` refuses them).
pub(super) const PATTERN_NAMES: &[&str] = &["Some", "Ok", "Err"];

pub(super) fn gen_import_params(g: &mut Gen<'_>, im: &Import, export: Option<&Export>) -> Vec<Param> {
    // An import class's handle is a tuple struct: a parameter of its name is a pattern.
    let mut taken: Vec<String> = PATTERN_NAMES.iter().map(|s| s.to_string()).collect();
    for c in &im.classes {
        taken.push(bare(&rust_ident(&c.py)));
        taken.push(format!("{}Ref", bare(&rust_ident(&c.py))));
    }
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    let mut scope = Scope::with(&taken);
    let mut params: Vec<Param> = Vec::new();
    let mut defaulted = false;
    for _ in 0..g.rng.below(5) {
        let py = g.name(&mut scope, false, true);
        let ty = gen_import_type(g, im, export, true);
        let keyword = g.chance(25);
        let exported = matches!(ty, Ty::Exported(_));
        let mut default = None;
        if !exported && (g.chance(30) || (defaulted && !keyword)) {
            default = Some(g.rng.pick(&["None", "0", "'x'", "\"quoted\"", "1.5", "[]", "{}"]).to_string());
        }
        if !keyword && default.is_none() && defaulted {
            // An exported class cannot default: make it keyword-only instead.
            params.push(Param { py, ty, keyword: true, explicit_positional: false, variadic: None, default: None });
            continue;
        }
        if !keyword && default.is_some() {
            defaulted = true;
        }
        let explicit_positional = !keyword && g.chance(10);
        params.push(Param { py, ty, keyword, explicit_positional, variadic: None, default });
    }
    if !allowed(Finding::KeywordBeforePositional) {
        // Keyword-only parameters after every positional one (Python's own order).
        params.sort_by_key(|p| p.keyword);
        add_import_kinds(g, &mut scope, &mut params);
    }
    params
}

/// Now and then: the first positional parameters positional-only, a `*args` after the
/// positional ones, a `**kwargs` at the end.
fn add_import_kinds(g: &mut Gen<'_>, scope: &mut Scope, params: &mut Vec<Param>) {
    let positional = params.iter().take_while(|p| !p.keyword).count();
    if positional > 0 && g.chance(20) {
        for p in params.iter_mut().take(1 + g.rng.below(positional)) {
            p.variadic = Some("positional_only");
            p.explicit_positional = false;
        }
    }
    if g.chance(15) {
        let py = g.name(scope, false, true);
        let t = g.rng.pick(&[Ty::Int("i64"), Ty::Str(false), Ty::Any]).clone();
        let p = Param {
            py,
            ty: Ty::List(Box::new(t)),
            keyword: false,
            explicit_positional: false,
            variadic: Some("var_positional"),
            default: None,
        };
        params.insert(positional, p);
    }
    if g.chance(15) {
        let py = g.name(scope, false, true);
        let t = g.rng.pick(&[Ty::Int("i64"), Ty::Str(false), Ty::Any]).clone();
        let ty = Ty::Dict(Box::new(Ty::Str(false)), Box::new(t));
        params.push(Param {
            py,
            ty,
            keyword: false,
            explicit_positional: false,
            variadic: Some("var_keyword"),
            default: None,
        });
    }
}
