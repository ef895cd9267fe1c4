//! Generating an `export:` section and the user's Rust items behind it.

use pybridge_model::names::rust_ident;

use super::*;

pub(super) fn gen_export(g: &mut Gen<'_>) -> Export {
    // The prelude's variants (the generated code uses them; `check` refuses such item names).
    let mut scope = Scope::with(PATTERN_NAMES);
    let mut ex = Export { module: format!("pt_{}", g.tag), doc: g.doc(), ..Default::default() };
    gen_exceptions(g, &mut scope, &mut ex);
    gen_enums(g, &mut scope, &mut ex);
    gen_class_shells(g, &mut scope, &mut ex);
    // Members, now that every class exists (types may name any of them).
    for ci in 0..ex.classes.len() {
        gen_class_members(g, &mut ex, ci);
    }
    for _ in 0..g.rng.below(5) {
        let f = gen_function(g, &ex, &mut scope);
        ex.functions.push(f);
    }
    gen_constants(g, &mut scope, &mut ex);
    mark_clone(&mut ex, g);
    ex
}

/// Up to two exceptions, each based on a builtin, on an earlier one, or on nothing.
fn gen_exceptions(g: &mut Gen<'_>, scope: &mut Scope, ex: &mut Export) {
    for _ in 0..g.rng.below(3) {
        let py = g.name(scope, true, false);
        let base = if g.chance(50) {
            None
        } else if !ex.exceptions.is_empty() && g.chance(40) {
            let i = g.rng.below(ex.exceptions.len());
            Some(ex.exceptions[i].py.clone())
        } else {
            Some(g.rng.pick(pybridge_model::check::BUILTIN_EXCEPTIONS).to_string())
        };
        let (id, doc) = (g.id(), g.doc());
        ex.exceptions.push(Exc { id, py, base, doc });
    }
}

/// Up to two enums of one to four variants.
fn gen_enums(g: &mut Gen<'_>, scope: &mut Scope, ex: &mut Export) {
    for _ in 0..g.rng.below(3) {
        let py = g.type_name(scope, true);
        let explicit = g.chance(60);
        let rust_item = if explicit { g.item_name("UEnum") } else { rust_ident(&py) };
        let mut vscope = Scope::default();
        let variants = (0..1 + g.rng.below(4)).map(|_| g.name(&mut vscope, true, false)).collect();
        let (int, data) = (g.chance(30), g.chance(30));
        let (id, doc) = (g.id(), g.doc());
        ex.enums.push(Enum { id, py, rust_item, explicit_rust: explicit, variants, int, data, doc });
    }
}

/// Up to three classes, without members yet (their types may name any class).
fn gen_class_shells(g: &mut Gen<'_>, scope: &mut Scope, ex: &mut Export) {
    let n_classes = g.rng.below(4);
    for _ in 0..n_classes {
        let py = g.type_name(scope, true);
        let explicit = g.chance(70);
        let generic = if explicit && g.chance(20) { Some(*g.rng.pick(&["i64", "String", "(u8, bool)"])) } else { None };
        let rust_item = if explicit { g.item_name("UClass") } else { rust_ident(&py) };
        let (id, doc) = (g.id(), g.doc());
        ex.classes.push(Class {
            id,
            py,
            rust_item,
            explicit_rust: explicit,
            generic,
            ctor: None,
            methods: Vec::new(),
            attrs: Vec::new(),
            traits: Vec::new(),
            item: None,
            raises: None,
            clone: true,
            doc,
        });
    }
}

/// The members of class `ci`: its traits (and `item`), `raises`, constructor, methods and
/// attributes.
fn gen_class_members(g: &mut Gen<'_>, ex: &mut Export, ci: usize) {
    let mut members = Scope::default();
    let (traits, item) = gen_traits(g, &mut members);
    let raises = if !ex.exceptions.is_empty() && g.chance(30) {
        Some(ex.exceptions[g.rng.below(ex.exceptions.len())].id)
    } else {
        None
    };
    let ctor = if g.chance(70) { Some(gen_ctor(g, ex, ci, raises)) } else { None };
    let mut methods = Vec::new();
    for _ in 0..g.rng.below(5) {
        methods.push(gen_method(g, ex, ci, &mut members, raises));
    }
    let attrs = gen_attrs(g, ex, ci, &mut members);
    let c = &mut ex.classes[ci];
    c.traits = traits;
    c.item = item;
    c.raises = raises;
    c.ctor = ctor;
    c.methods = methods;
    c.attrs = attrs;
}

/// A class's `traits:` (each a quarter of the time) and, with `IntoIterator`, its `item:` type.
fn gen_traits(g: &mut Gen<'_>, members: &mut Scope) -> (Vec<&'static str>, Option<Ty>) {
    let traits_pool = ["Display", "Debug", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord", "FromStr", "IntoIterator"];
    let mut traits: Vec<&'static str> = traits_pool.iter().copied().filter(|_| g.chance(25)).collect();
    if traits.contains(&"FromStr") {
        members.py.push("parse".into());
        members.rust.push("parse".into());
    }
    let item = if traits.contains(&"IntoIterator") { Some(g.plain(true, 1)) } else { None };
    if item.as_ref().is_some_and(has_empty_tuple) {
        traits.retain(|t| *t != "IntoIterator");
    }
    let item = item.filter(|_| traits.contains(&"IntoIterator"));
    (traits, item)
}

/// A constructor of class `ci` (`raises`: the class's): the default `new`, an associated
/// function of another name, or a free function.
fn gen_ctor(g: &mut Gen<'_>, ex: &Export, ci: usize, raises: Option<usize>) -> Ctor {
    let params = gen_export_params(g, ex, ci);
    let fallible = (raises.is_some() && g.chance(50)) || (!ex.exceptions.is_empty() && g.chance(20));
    let own_raises = if fallible && (raises.is_none() || g.chance(30)) && !ex.exceptions.is_empty() {
        Some(ex.exceptions[g.rng.below(ex.exceptions.len())].id)
    } else {
        None
    };
    // Only the constructor's own `raises` makes it fallible.
    let fallible = fallible && own_raises.is_some();
    let (free, rust) = match g.rng.below(3) {
        0 => (false, None),
        1 => (false, Some(g.item_name("make"))),
        _ => (true, Some(g.item_name("build"))),
    };
    Ctor { rust, free, params, raises: own_raises, fallible, doc: g.doc() }
}

/// Up to three attributes of class `ci`: views of classes now and then, writable ones.
fn gen_attrs(g: &mut Gen<'_>, ex: &Export, ci: usize, members: &mut Scope) -> Vec<Attr> {
    let mut attrs = Vec::new();
    for _ in 0..g.rng.below(4) {
        let py = g.name(members, false, false);
        let ty = gen_attr_type(g, ex, ci);
        let is_class = matches!(ty, Ty::Class(..));
        let view = is_class && g.chance(50);
        let mut writable = g.chance(40);
        let fast_vec =
            matches!(&ty, Ty::List(inner) if matches!(**inner, Ty::Int("i64") | Ty::Float(false) | Ty::Str(false)));
        if fast_vec && !allowed(Finding::WritableFastVecField) {
            writable = false;
        }
        let (id, doc) = (g.id(), g.doc());
        attrs.push(Attr { id, py, ty, writable, view, doc });
    }
    attrs
}

/// Up to two constants, their values from `Default` or from a user function.
fn gen_constants(g: &mut Gen<'_>, scope: &mut Scope, ex: &mut Export) {
    for _ in 0..g.rng.below(3) {
        let py = g.name(scope, true, false);
        let ty = loop {
            let t = gen_value_type(g, ex, None);
            if !has_empty_tuple(&t) && !is_unit(&t) {
                break t;
            }
        };
        let from_fn = !is_defaultable(&ty) || g.chance(40);
        let (id, doc) = (g.id(), g.doc());
        ex.constants.push(Const { id, py, ty, from_fn, doc });
    }
}

/// Classes that no type takes by value may go without `Clone` (half of them do): generated
/// code must not ask for it.
pub(super) fn mark_clone(ex: &mut Export, g: &mut Gen<'_>) {
    let mut needed = vec![false; ex.classes.len()];
    let index = |id: usize, ex: &Export| ex.classes.iter().position(|c| c.id == id);
    let mark = |ty: &Ty, ret: bool, needed: &mut Vec<bool>, ex: &Export| {
        walk(ty, &mut |t| {
            if let Ty::Class(id, by) = t
                && let Some(i) = index(*id, ex)
                && !(ret || *by != By::Value)
            {
                needed[i] = true;
            }
        })
    };
    for c in &ex.classes {
        for a in &c.attrs {
            mark(&a.ty, false, &mut needed, ex);
        }
        if let Some(item) = &c.item {
            mark(item, false, &mut needed, ex);
        }
    }
    let all: Vec<&Func> = ex.functions.iter().chain(ex.classes.iter().flat_map(|c| c.methods.iter())).collect();
    for f in all {
        for p in &f.params {
            mark(&p.ty, false, &mut needed, ex);
        }
    }
    for c in ex.classes.iter().flat_map(|c| c.ctor.iter()) {
        for p in &c.params {
            mark(&p.ty, false, &mut needed, ex);
        }
    }
    for k in &ex.constants {
        mark(&k.ty, false, &mut needed, ex);
    }
    for (i, c) in ex.classes.iter_mut().enumerate() {
        c.clone = needed[i] || g.chance(50);
    }
}

pub(super) fn is_defaultable(ty: &Ty) -> bool {
    let mut ok = true;
    walk(ty, &mut |t| ok &= !matches!(t, Ty::Class(..) | Ty::Enum(..) | Ty::Any | Ty::Exported(_)));
    ok && !matches!(ty, Ty::Tuple(items) if items.len() > 12)
}

/// A container holding classes or enums by value, nested (`HashMap<String, C>`, `Vec<(C, i64)>`,
/// `Option<Vec<C>>`), or a unit enum as a dict key or set element.
pub(super) fn nested_class(g: &mut Gen<'_>, ex: &Export) -> Option<Ty> {
    let unit_enums: Vec<usize> = ex.enums.iter().filter(|e| !e.data).map(|e| e.id).collect();
    if g.chance(30) && !unit_enums.is_empty() {
        let key = Ty::Enum(*g.rng.pick(&unit_enums), By::Value);
        return Some(if g.chance(50) {
            Ty::Set(Box::new(key))
        } else {
            Ty::Dict(Box::new(key), Box::new(g.plain(true, 2)))
        });
    }
    let item = class_ref(g, ex, By::Value)?;
    Some(match g.rng.below(4) {
        0 => Ty::Dict(Box::new(Ty::Str(false)), Box::new(item)),
        1 => Ty::List(Box::new(Ty::Tuple(vec![item, Ty::Int("i64")]))),
        2 => Ty::Opt(Box::new(Ty::List(Box::new(item)))),
        _ => Ty::Dict(Box::new(Ty::Int("i64")), Box::new(Ty::List(Box::new(item)))),
    })
}

/// A class or enum reference (by value unless `by` says otherwise).
pub(super) fn class_ref(g: &mut Gen<'_>, ex: &Export, by: By) -> Option<Ty> {
    let n = ex.classes.len() + ex.enums.len();
    if n == 0 {
        return None;
    }
    let i = g.rng.below(n);
    Some(if i < ex.classes.len() {
        Ty::Class(ex.classes[i].id, by)
    } else {
        Ty::Enum(ex.enums[i - ex.classes.len()].id, if by == By::Arc { By::Value } else { by })
    })
}

/// A type for an attribute of class `ci` (a class-typed field names an earlier class only, so
/// the Rust struct is not infinitely large) or a constant.
pub(super) fn gen_attr_type(g: &mut Gen<'_>, ex: &Export, ci: usize) -> Ty {
    loop {
        let t = gen_value_type(g, ex, Some(ci));
        if !has_empty_tuple(&t) && !is_unit(&t) {
            return t;
        }
    }
}

pub(super) fn gen_value_type(g: &mut Gen<'_>, ex: &Export, class: Option<usize>) -> Ty {
    if g.chance(25) {
        let earlier = class.unwrap_or(ex.classes.len());
        let n = earlier + ex.enums.len();
        if n > 0 {
            let i = g.rng.below(n);
            return if i < earlier {
                Ty::Class(ex.classes[i].id, By::Value)
            } else {
                Ty::Enum(ex.enums[i - earlier].id, By::Value)
            };
        }
    }
    // Classes in containers (any class: the containers are on the heap).
    if g.chance(10)
        && let Some(t) = nested_class(g, ex)
    {
        return t;
    }
    g.plain(true, 0)
}

pub(super) fn gen_param_type(g: &mut Gen<'_>, ex: &Export) -> Ty {
    // An export parameter holds no `()` anywhere (`check`: `None` is a whole return type only).
    loop {
        let t = gen_param_type_once(g, ex);
        let mut unit = false;
        walk(&t, &mut |x| unit |= matches!(x, Ty::Tuple(items) if items.is_empty()));
        if !unit {
            return t;
        }
    }
}

pub(super) fn gen_param_type_once(g: &mut Gen<'_>, ex: &Export) -> Ty {
    match g.rng.below(13) {
        0 | 1 => {
            let by = *g.rng.pick(&[By::Value, By::Ref, By::Arc]);
            class_ref(g, ex, by).unwrap_or(Ty::Int("i64"))
        }
        // Classes in containers, or an optional borrow (`Option<&C>`).
        12 if g.chance(30) => match class_ref(g, ex, By::Ref) {
            Some(c) => Ty::Opt(Box::new(c)),
            None => Ty::Int("i64"),
        },
        12 => nested_class(g, ex).unwrap_or(Ty::Int("i64")),
        2 => Ty::Str(true),
        3 => Ty::Bytes(true),
        4 if allowed(Finding::BorrowedStrShapes) => Ty::Opt(Box::new(Ty::Str(true))),
        5 => {
            let params =
                (0..g.rng.below(3)).map(|_| if g.chance(20) { Ty::Str(true) } else { g.plain(true, 1) }).collect();
            let ret = if g.chance(30) { Ty::Unit } else { g.plain(true, 1) };
            Ty::Callable(params, Box::new(ret))
        }
        _ => g.plain(true, 0),
    }
}

/// A return type; `borrowed` allows `&str`/`Option<&str>` (methods only: a free function
/// has no `self` to borrow from).
pub(super) fn gen_return_type(g: &mut Gen<'_>, ex: &Export, borrowed: bool) -> Ty {
    loop {
        let t = match g.rng.below(12) {
            0 | 1 => class_ref(g, ex, By::Value).unwrap_or(Ty::Unit),
            2 => match class_ref(g, ex, By::Value) {
                Some(c) if g.chance(50) => Ty::Opt(Box::new(c)),
                Some(c) => Ty::List(Box::new(c)),
                None => Ty::Unit,
            },
            3 => class_ref(g, ex, By::Arc).filter(|t| matches!(t, Ty::Class(..))).unwrap_or(Ty::Unit),
            4 if g.chance(50) => nested_class(g, ex).unwrap_or(Ty::Unit),
            4 => Ty::Unit,
            5 if borrowed && allowed(Finding::BorrowedStrShapes) => {
                if g.chance(50) {
                    Ty::Str(true)
                } else {
                    Ty::Opt(Box::new(Ty::Str(true)))
                }
            }
            _ => g.plain(true, 0),
        };
        if has_empty_tuple(&t) {
            continue;
        }
        if matches!(t, Ty::Bytes(false)) && !allowed(Finding::VecU8Return) {
            continue;
        }
        let mut vec_u8 = false;
        walk(&t, &mut |x| vec_u8 |= matches!(x, Ty::List(i) if **i == Ty::Int("u8")));
        if vec_u8 && !allowed(Finding::VecU8Return) {
            continue;
        }
        return t;
    }
}

pub(super) fn gen_export_params(g: &mut Gen<'_>, ex: &Export, _ci: usize) -> Vec<Param> {
    let mut scope = Scope::with(PATTERN_NAMES);
    let mut params = Vec::new();
    for _ in 0..g.rng.below(4) {
        let ty = gen_param_type(g, ex);
        // pyo3 names a keyword argument after the Rust parameter: `self`, `Self`, `super`,
        // `crate` (which become `self_`…) are refused by `check` as exported parameter names.
        // A binding named like a variant of its enum type is a deny-by-default lint (E0170)
        // in the `#[py_embed]` form, where the parameter is the user's own.
        let variants: &[String] = match &ty {
            Ty::Enum(id, _) => ex.enums.iter().find(|e| e.id == *id).map_or(&[], |e| &e.variants[..]),
            _ => &[],
        };
        let py = loop {
            let py = g.name(&mut scope, false, true);
            let mangled = ["self", "Self", "super", "crate", "_"].contains(&py.as_str());
            if !mangled && !variants.iter().any(|v| bare(&rust_ident(v)) == bare(&param_rust(&py))) {
                break py;
            }
        };
        let keyword = allowed(Finding::ExportKeywordParams) && g.chance(20);
        let explicit_positional = !keyword && g.chance(10);
        params.push(Param { py, ty, keyword, explicit_positional, variadic: None, default: None });
    }
    // Python's order: keyword-only parameters after the positional ones.
    params.sort_by_key(|p| p.keyword);
    if g.chance(15) {
        add_variadic(g, &mut scope, &mut params);
    }
    params
}

/// `*args` (a `Vec<T>`, before the keyword-only parameters) and `**kwargs` (a
/// `HashMap<String, T>`, last).
fn add_variadic(g: &mut Gen<'_>, scope: &mut Scope, params: &mut Vec<Param>) {
    let mut item = || loop {
        let t = g.plain(true, 1);
        if !has_empty_tuple(&t) && !is_unit(&t) && t != Ty::Int("u8") {
            return t;
        }
    };
    let (args_ty, kwargs_ty) = (item(), item());
    let args = Param {
        py: g.name(scope, false, true),
        ty: Ty::List(Box::new(args_ty)),
        keyword: false,
        explicit_positional: false,
        variadic: Some("var_positional"),
        default: None,
    };
    let at = params.iter().position(|p| p.keyword).unwrap_or(params.len());
    params.insert(at, args);
    params.push(Param {
        py: g.name(scope, false, true),
        ty: Ty::Dict(Box::new(Ty::Str(false)), Box::new(kwargs_ty)),
        keyword: false,
        explicit_positional: false,
        variadic: Some("var_keyword"),
        default: None,
    });
}

pub(super) fn gen_fallible(g: &mut Gen<'_>, ex: &Export, class_raises: Option<usize>) -> Option<Fallible> {
    if !g.chance(30) {
        return None;
    }
    Some(match g.rng.below(4) {
        0 => Fallible::PybridgeError,
        1 => Fallible::Io,
        _ if class_raises.is_some() && g.chance(50) => Fallible::Raises(None),
        _ if !ex.exceptions.is_empty() => Fallible::Raises(Some(ex.exceptions[g.rng.below(ex.exceptions.len())].id)),
        _ => Fallible::PybridgeError,
    })
}

pub(super) fn gen_function(g: &mut Gen<'_>, ex: &Export, scope: &mut Scope) -> Func {
    let py = g.name(scope, false, false);
    let explicit = g.chance(60);
    let rust_item = if explicit { g.item_name("ufn") } else { rust_ident(&py) };
    let params = gen_export_params(g, ex, 0);
    let ret = gen_return_type(g, ex, false);
    let policy = match &ret {
        Ty::Class(_, By::Arc) if g.chance(30) => Some("shared"),
        Ty::Class(_, By::Arc) => None,
        Ty::Class(_, By::Value) if g.chance(20) => Some("value"),
        _ if g.chance(5) => Some("value"),
        _ => None,
    };
    let fallible = gen_fallible(g, ex, None);
    let (id, doc) = (g.id(), g.doc());
    let ret = if ret == Ty::Unit && g.chance(50) { None } else { Some(ret) };
    Func {
        id,
        py,
        kind: Kind::Free,
        rust_item,
        explicit_rust: explicit,
        params,
        ret,
        fallible,
        policy,
        extend: false,
        static_path: false,
        doc,
    }
}

pub(super) fn gen_method(
    g: &mut Gen<'_>,
    ex: &Export,
    ci: usize,
    members: &mut Scope,
    class_raises: Option<usize>,
) -> Func {
    let py = g.name(members, false, false);
    let mut kinds = vec![Kind::Method, Kind::MutMethod, Kind::Static];
    if allowed(Finding::ExportClassmethod) {
        kinds.push(Kind::ClassMethod);
    }
    let kind = *g.rng.pick(&kinds);
    let extend = matches!(kind, Kind::Method | Kind::MutMethod) && g.chance(25);
    // A method's Rust name is one identifier (`crate::x` only through `extend`/static paths).
    // A method `new` without `rust:` would call the default constructor's `T::new` (`check` refuses it).
    let explicit = extend || g.chance(40) || py == "new";
    let rust_item = if explicit { g.item_name("um") } else { rust_ident(&py) };
    let mut params = gen_export_params(g, ex, ci);
    let borrowed = matches!(kind, Kind::Method | Kind::MutMethod) && !extend;
    let mut ret = gen_return_type(g, ex, borrowed);
    let mut policy = match &ret {
        Ty::Class(_, By::Arc) if g.chance(30) => Some("shared"),
        Ty::Class(_, By::Arc) => None,
        _ if g.chance(5) => Some("value"),
        _ => None,
    };
    // A view: a parameterless `&self` method returning `&C`.
    if kind == Kind::Method && !extend && g.chance(20) && !ex.classes.is_empty() {
        params.clear();
        ret = Ty::Class(ex.classes[g.rng.below(ex.classes.len())].id, By::Ref);
        policy = if g.chance(30) { Some("view") } else { None };
    }
    let fallible = if matches!(ret, Ty::Class(_, By::Ref)) { None } else { gen_fallible(g, ex, class_raises) };
    let (id, doc) = (g.id(), g.doc());
    let ret = if ret == Ty::Unit && g.chance(50) { None } else { Some(ret) };
    // A static method can name any function (SPEC.md).
    let static_path = kind == Kind::Static && g.chance(30);
    let (explicit, rust_item) = if static_path { (true, g.item_name("sfn")) } else { (explicit, rust_item) };
    Func { id, py, kind, rust_item, explicit_rust: explicit, params, ret, fallible, policy, extend, static_path, doc }
}
