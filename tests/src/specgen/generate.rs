//! The generator's state (seeded PRNG, scopes of taken names) and its entry point.

use pybridge_model::names::rust_ident;

use super::*;

// ---------------------------------------------------------------------------------------------
// Generation

pub(super) struct Gen<'a> {
    pub(super) rng: &'a mut Rng,
    pub(super) next_id: usize,
    pub(super) tag: String,
}

/// Names unique in one scope, by Python name and (unless the mangling finding is re-enabled)
/// by their Rust name.
#[derive(Default)]
pub(super) struct Scope {
    pub(super) py: Vec<String>,
    pub(super) rust: Vec<String>,
}

impl Scope {
    pub(super) fn with(taken: &[&str]) -> Self {
        let mut s = Scope::default();
        for t in taken {
            s.py.push(t.to_string());
            s.rust.push(bare(&rust_ident(t)));
        }
        s
    }
}

pub(super) fn bare(s: &str) -> String {
    s.trim_start_matches("r#").to_string()
}

/// The Rust name of a parameter (`py` is the token of the attached stubs).
pub fn param_rust(py: &str) -> String {
    if py == "py" { "py_".into() } else { rust_ident(py) }
}

impl Gen<'_> {
    pub(super) fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    pub(super) fn chance(&mut self, p: u32) -> bool {
        self.rng.chance(p)
    }

    /// A fresh name for a class or enum: one a type of its direction can spell.
    pub(super) fn type_name(&mut self, scope: &mut Scope, export: bool) -> String {
        for _ in 0..50 {
            let mut probe = Scope { py: scope.py.clone(), rust: scope.rust.clone() };
            let name = self.name(&mut probe, true, false);
            if usable_type_name(&name, export) {
                *scope = probe;
                return name;
            }
        }
        let name = format!("C{}", self.id());
        scope.py.push(name.clone());
        scope.rust.push(name.clone());
        name
    }

    /// A fresh Python name for `scope`; `tricky` names (keywords, builtins, …) most of the time.
    pub(super) fn name(&mut self, scope: &mut Scope, capital: bool, param: bool) -> String {
        for attempt in 0..40 {
            let base = if self.chance(60) { *self.rng.pick(TRICKY_NAMES) } else { *self.rng.pick(PLAIN_NAMES) };
            let mut name = base.to_string();
            if capital && self.chance(50) {
                let mut c = name.chars();
                name = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
            }
            if attempt > 20 {
                name = format!("{name}{attempt}");
            }
            let rust = bare(&if param { param_rust(&name) } else { rust_ident(&name) });
            if scope.py.contains(&name) {
                continue;
            }
            if scope.rust.contains(&rust) && !allowed(Finding::MangledNameCollision) {
                continue;
            }
            if name == "attached" && !allowed(Finding::ImportClassNamedAttached) {
                continue;
            }
            if name.starts_with("__") && name.ends_with("__") {
                continue;
            }
            scope.py.push(name.clone());
            scope.rust.push(rust);
            return name;
        }
        let name = format!("n{}", self.id());
        scope.py.push(name.clone());
        scope.rust.push(name.clone());
        name
    }

    pub(super) fn doc(&mut self) -> Option<String> {
        if !self.chance(25) {
            return None;
        }
        Some(
            (*self.rng.pick(&[
                "Plain words.",
                "Quotes \" and ' and a backslash \\ and `ticks`.",
                "Two lines.\nThe second: with a colon # and a hash.",
                "*/ closes a comment; /* opens one",
                "Unicode: café, 日本, 🦀.",
                "{} {{braces}} %s",
            ]))
            .to_string(),
        )
    }

    pub(super) fn item_name(&mut self, what: &str) -> String {
        let id = self.id();
        format!("{what}_{}_{id}", self.tag)
    }

    // --- types -------------------------------------------------------------------------------

    /// A hashable key type.
    pub(super) fn key(&mut self, export: bool, depth: u32) -> Ty {
        let mut options = vec![0, 1, 2, 3];
        if allowed(Finding::FloatHashKeys) {
            options.push(4);
        }
        if allowed(Finding::UnhashableKeys) {
            options.push(5);
        }
        match *self.rng.pick(&options) {
            0 => Ty::Int(if export { ["i64", "u8", "i32", "u64", "usize"][self.rng.below(5)] } else { "i64" }),
            1 => Ty::Str(false),
            2 => Ty::Bool,
            3 if depth < 2 => Ty::Tuple(vec![self.key(export, depth + 1), self.key(export, depth + 1)]),
            3 => Ty::Bytes(false),
            4 => Ty::Float(export && self.chance(30)),
            _ => self.plain(export, depth + 1),
        }
    }

    /// A type holding no class: every scalar and container, nested.
    pub(super) fn plain(&mut self, export: bool, depth: u32) -> Ty {
        let top = if depth >= 3 { 8 } else { 15 };
        match self.rng.below(top) {
            0 => Ty::Bool,
            1 | 2 => Ty::Int(if export { self.rng.pick(&pybridge_model::IntWidth::ALL).0 } else { "i64" }),
            3 => Ty::Float(export && self.chance(25)),
            4 | 5 => Ty::Str(false),
            6 => Ty::Bytes(false),
            7 if self.chance(60) => Ty::Any,
            7 => Ty::Std(self.std_type(export)),
            8 | 9 => Ty::Opt(Box::new(self.non_optional(export, depth + 1))),
            10 | 11 => Ty::List(Box::new(self.plain(export, depth + 1))),
            12 => Ty::Dict(Box::new(self.key(export, depth + 1)), Box::new(self.plain(export, depth + 1))),
            13 => Ty::Set(Box::new(self.key(export, depth + 1))),
            _ => {
                let n = self.rng.below(4);
                if n == 0 && !allowed(Finding::EmptyTuple) {
                    return Ty::Tuple(vec![Ty::Bool]);
                }
                Ty::Tuple((0..n).map(|_| self.plain(export, depth + 1)).collect())
            }
        }
    }

    /// A standard type of `std_types.rs` (imports: those Python spells).
    pub(super) fn std_type(&mut self, export: bool) -> &'static str {
        const EXPORT: &[&str] = &["char", "PathBuf", "Duration", "SystemTime", "IpAddr"];
        const IMPORT: &[&str] = &["PathBuf", "Duration", "SystemTime"];
        let pool: &[&'static str] = if export { EXPORT } else { IMPORT };
        let picked: &&'static str = self.rng.pick(pool);
        picked
    }

    pub(super) fn non_optional(&mut self, export: bool, depth: u32) -> Ty {
        loop {
            let t = self.plain(export, depth);
            if !matches!(t, Ty::Opt(_) | Ty::Unit) {
                return t;
            }
        }
    }
}

/// Whether `ty` holds `tuple[()]` anywhere.
/// `()` (an export's `None`): `check` allows it as a whole return type only.
pub(super) fn is_unit(ty: &Ty) -> bool {
    matches!(ty, Ty::Unit) || matches!(ty, Ty::Tuple(items) if items.is_empty())
}

/// Whether `tuple[()]` stands inside `ty` (not as `ty` itself): `check` refuses it there (the
/// runtime checks an empty tuple only as a whole value).
pub(super) fn has_empty_tuple(ty: &Ty) -> bool {
    let mut found = false;
    walk(ty, &mut |t| found |= !std::ptr::eq(t, ty) && matches!(t, Ty::Tuple(items) if items.is_empty()));
    found
}

/// Calls `f` on `ty` and every type inside it.
pub fn walk(ty: &Ty, f: &mut impl FnMut(&Ty)) {
    f(ty);
    match ty {
        Ty::Opt(t) | Ty::List(t) | Ty::Set(t) => walk(t, f),
        Ty::Union(_, members) => members.iter().for_each(|t| walk(t, f)),
        Ty::Dict(k, v) => {
            walk(k, f);
            walk(v, f);
        }
        Ty::Tuple(items) => items.iter().for_each(|t| walk(t, f)),
        Ty::Callable(p, r) => {
            p.iter().for_each(|t| walk(t, f));
            walk(r, f);
        }
        _ => {}
    }
}

/// Generates spec number `index` of a run from `seed`.
pub fn generate(seed: u64, tag: &str) -> Spec {
    let mut rng = Rng::new(seed);
    let mut g = Gen { rng: &mut rng, next_id: 0, tag: tag.to_string() };
    let shape = g.rng.below(10);
    let export = if shape < 7 { Some(gen_export(&mut g)) } else { None };
    let n_imports = if shape < 3 { 0 } else { 1 + g.rng.below(2) };
    let mut imports = Vec::new();
    let mut module_scope = Scope::default();
    for _ in 0..n_imports {
        imports.push(gen_import(&mut g, export.as_ref(), &mut module_scope));
    }
    Spec { seed, export, imports }
}
