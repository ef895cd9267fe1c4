//! The spec property test's generator: random *valid* specs across the whole grammar, each
//! with the Rust a real user would write beside it (the items an `export:` wraps) and a
//! never-run function per import stub that calls it with the documented Rust types, so the
//! stub's signature is checked by rustc. Deterministic from a seed (SplitMix64, no deps).
//!
//! `crate::proptest_run` turns a batch of these into one crate and builds it.
//!
//! Known findings (spec shapes `check` accepts but whose output does not compile, or binds
//! wrongly, that the lead is fixing) are kept out of the generator by [`KNOWN_FINDINGS`]: one
//! entry per finding. Remove an entry once its fix lands; the generator then produces that
//! shape again and the regression specs tagged `# known-finding: <Name>` in
//! `tests/proptest_regressions/` join the regular replay. `PYBRIDGE_PROPTEST_ENABLE=Name,Name`
//! (or `all`) re-enables entries for one run, which is how to show that the test can fail.

use std::fmt::Write as _;

use pybridge_model::names::rust_ident;

/// Spec shapes `check` accepts but that fail (to compile, or at run time) — each one a known
/// finding being fixed elsewhere. While an entry is here the generator does not produce it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Import: a `kind: keyword` parameter before positional ones is bound wrongly.
    KeywordBeforePositional,
    /// Names that collide after mangling: `crate`/`crate_`, `self`/`self_`, `py`/`py_` params.
    MangledNameCollision,
    /// Import: a class named `attached` collides with the `attached` module of the stubs.
    ImportClassNamedAttached,
    /// Export: `kind: keyword` parameters are not keyword-only.
    ExportKeywordParams,
    /// Export: `kind: classmethod` becomes a staticmethod.
    ExportClassmethod,
    /// `set[float]`, `dict[float, _]` (and `f32`): float keys are not `Hash`/`Eq` in Rust.
    FloatHashKeys,
    /// `set[list[int]]` and other unhashable keys (lists, dicts, sets, Any, classes).
    UnhashableKeys,
    /// `tuple[()]` as a return or attribute type.
    EmptyTuple,
    /// Export: `&str` / `Option<&str>` returns and `Option<&str>` parameters.
    BorrowedStrShapes,
    /// Export: a lifetime in a class's `rust:` path (`crate::Wrapper<'static>`).
    LifetimeInClassPath,
    /// Export: dunder method names (`__len__`) through `extend`.
    DunderThroughExtend,
    /// Export: `Vec<u8>` returns.
    VecU8Return,
    /// Export: writable `Vec<i64>`/`Vec<f64>`/`Vec<String>` fields (the fast-path list type).
    WritableFastVecField,
}

impl Finding {
    /// Every finding, by name.
    pub const ALL: &'static [(&'static str, Finding)] = &[
        ("KeywordBeforePositional", Finding::KeywordBeforePositional),
        ("MangledNameCollision", Finding::MangledNameCollision),
        ("ImportClassNamedAttached", Finding::ImportClassNamedAttached),
        ("ExportKeywordParams", Finding::ExportKeywordParams),
        ("ExportClassmethod", Finding::ExportClassmethod),
        ("FloatHashKeys", Finding::FloatHashKeys),
        ("UnhashableKeys", Finding::UnhashableKeys),
        ("EmptyTuple", Finding::EmptyTuple),
        ("BorrowedStrShapes", Finding::BorrowedStrShapes),
        ("LifetimeInClassPath", Finding::LifetimeInClassPath),
        ("DunderThroughExtend", Finding::DunderThroughExtend),
        ("VecU8Return", Finding::VecU8Return),
        ("WritableFastVecField", Finding::WritableFastVecField),
    ];

    /// The finding called `name`.
    pub fn by_name(name: &str) -> Option<Finding> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).map(|(n, _)| *n).unwrap_or("?")
    }
}

/// The known findings the generator avoids. **The lead removes an entry when its fix lands.**
/// Empty: every finding of the first runs is fixed (the shapes that now compile are generated
/// again; those `check` now refuses are in [`REFUSED_SHAPES`]).
pub const KNOWN_FINDINGS: &[Finding] = &[];

/// Findings whose fix was to refuse the shape in `check` (at its token, with a hint): a
/// generator of *valid* specs does not produce them. Each has a broken spec in
/// `tests/spec_errors/` (`keyword_before_positional`, `mangled_name_clash`, `unhashable_keys`,
/// `lifetime_class_path`, `export_dunder`).
pub const REFUSED_SHAPES: &[Finding] = &[
    Finding::KeywordBeforePositional,
    Finding::MangledNameCollision,
    Finding::ImportClassNamedAttached,
    Finding::FloatHashKeys,
    Finding::UnhashableKeys,
    Finding::LifetimeInClassPath,
    Finding::DunderThroughExtend,
];

/// Whether the generator may produce `finding`'s shape: not a known finding, or re-enabled by
/// `PYBRIDGE_PROPTEST_ENABLE`.
pub fn allowed(finding: Finding) -> bool {
    if REFUSED_SHAPES.contains(&finding) {
        return false;
    }
    if !KNOWN_FINDINGS.contains(&finding) {
        return true;
    }
    std::env::var("PYBRIDGE_PROPTEST_ENABLE")
        .is_ok_and(|v| v.split(',').any(|n| n.trim() == "all" || n.trim() == finding.name()))
}

/// SplitMix64: small, fast, and the same sequence everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names that exercise mangling: Rust keywords (raw identifiers), the four that cannot be raw,
/// Python builtins, trailing underscores, `py`, names the generated code uses itself.
const TRICKY_NAMES: &[&str] = &[
    "type",
    "match",
    "fn",
    "gen",
    "loop",
    "move",
    "ref",
    "dyn",
    "struct",
    "impl",
    "mod",
    "use",
    "where",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "union",
    "self",
    "Self",
    "super",
    "crate",
    "self_",
    "crate_",
    "super_",
    "type_",
    "py",
    "py_",
    "list",
    "dict",
    "str",
    "int",
    "len",
    "print",
    "object",
    "id",
    "iter",
    "next",
    "new",
    "bind",
    "value",
    "inner",
    "slf",
    "Error",
    "Other",
    "attached",
    "Ok",
    "Err",
    "Some",
    "Option",
    "Result",
    "String",
    "Vec",
    "std",
    "core",
    "alloc",
    "pybridge",
    "args",
    "kwargs",
    "_x",
    "x_",
    "__x",
    "data",
    "r",
    "v",
    "f",
    "to_string",
    "clone",
    "drop",
    "main",
    "init",
    "module",
];

/// Python hard keywords are refused by `check`: the generator aims at valid specs, so they only
/// appear when asked for.
const PLAIN_NAMES: &[&str] =
    &["alpha", "beta", "gamma", "delta", "count", "label", "size", "items", "name", "total", "flag", "width"];

/// A type of the grammar, shared by both directions (rendered as Rust or Python syntax).
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `bool`.
    Bool,
    /// An integer (`i64` for imports).
    Int(&'static str),
    /// `f64` (or `f32`).
    Float(bool),
    /// `String`, or `&str` where borrowed.
    Str(bool),
    /// `Vec<u8>`, or `&[u8]` where borrowed.
    Bytes(bool),
    /// `()` / `None`.
    Unit,
    /// `Option<T>` / `T | None`.
    Opt(Box<Ty>),
    /// `Vec<T>` / `list[T]`.
    List(Box<Ty>),
    /// `HashMap<K, V>` / `dict[K, V]`.
    Dict(Box<Ty>, Box<Ty>),
    /// `HashSet<T>` / `set[T]`.
    Set(Box<Ty>),
    /// A tuple.
    Tuple(Vec<Ty>),
    /// A class of this spec (export) or of this import entry, by id.
    Class(usize, By),
    /// An exported enum, by id.
    Enum(usize, By),
    /// Import side: a class the same spec exports, by id.
    Exported(usize),
    /// `pybridge::Object` / `Any`.
    Any,
    /// `impl Fn(A) -> R` (export parameters).
    Callable(Vec<Ty>, Box<Ty>),
}

/// How an exported class crosses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// `C`.
    Value,
    /// `&C`.
    Ref,
    /// `Arc<C>`.
    Arc,
}

/// How an exported function fails.
#[derive(Clone, Debug, PartialEq)]
pub enum Fallible {
    /// `Result<T, pybridge::Error>`.
    PybridgeError,
    /// `Result<T, std::io::Error>`.
    Io,
    /// `Result<T, UserErr>` with `raises: <exception id>`; `None`: the class's `raises`.
    Raises(Option<usize>),
}

/// A parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// Python name.
    pub py: String,
    /// Type.
    pub ty: Ty,
    /// `kind: keyword`.
    pub keyword: bool,
    /// Write `kind: positional` explicitly.
    pub explicit_positional: bool,
    /// Import: `default:`.
    pub default: Option<String>,
}

/// Method kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Module function.
    Free,
    /// `&self`.
    Method,
    /// `&mut self`.
    MutMethod,
    /// Static.
    Static,
    /// Class method.
    ClassMethod,
}

/// A function or method (both directions).
#[derive(Clone, Debug)]
pub struct Func {
    /// Stable id (for minimising).
    pub id: usize,
    /// Python name.
    pub py: String,
    /// Kind.
    pub kind: Kind,
    /// Export: the user's Rust item name, and whether the spec writes `rust:`.
    pub rust_item: String,
    /// Whether `rust:` is written (otherwise the default, the mangled Python name).
    pub explicit_rust: bool,
    /// Parameters.
    pub params: Vec<Param>,
    /// Return type (`None`: the key is left out).
    pub ret: Option<Ty>,
    /// Export: fallible.
    pub fallible: Option<Fallible>,
    /// Export: `policy:` written.
    pub policy: Option<&'static str>,
    /// Export: `extend: true`.
    pub extend: bool,
    /// Export: a static method whose `rust:` is a free function's full path.
    pub static_path: bool,
    /// `doc:`.
    pub doc: Option<String>,
}

/// An attribute.
#[derive(Clone, Debug)]
pub struct Attr {
    /// Stable id.
    pub id: usize,
    /// Python name.
    pub py: String,
    /// Type.
    pub ty: Ty,
    /// `writable: true`.
    pub writable: bool,
    /// `policy: view`.
    pub view: bool,
    /// `doc:`.
    pub doc: Option<String>,
}

/// A class (both directions).
#[derive(Clone, Debug)]
pub struct Class {
    /// Stable id.
    pub id: usize,
    /// Python name.
    pub py: String,
    /// Export: the user's struct name.
    pub rust_item: String,
    /// Export: `rust:` written.
    pub explicit_rust: bool,
    /// Export: a generic struct instantiated with this argument (SWIG's `%template`).
    pub generic: Option<&'static str>,
    /// The constructor: `Some((rust name, explicit, params, raises))`.
    pub ctor: Option<Ctor>,
    /// Methods.
    pub methods: Vec<Func>,
    /// Attributes.
    pub attrs: Vec<Attr>,
    /// Export: `traits:`.
    pub traits: Vec<&'static str>,
    /// Export: `item:` (with `IntoIterator`).
    pub item: Option<Ty>,
    /// Export: class-level `raises:` (exception id).
    pub raises: Option<usize>,
    /// Export: derive `Clone`.
    pub clone: bool,
    /// `doc:`.
    pub doc: Option<String>,
}

/// A constructor.
#[derive(Clone, Debug)]
pub struct Ctor {
    /// Export: the associated function's name (`None`: the default `new`).
    pub rust: Option<String>,
    /// Export: a free function path instead (`crate::user::make_x`).
    pub free: bool,
    /// Parameters.
    pub params: Vec<Param>,
    /// Export: `raises:` (exception id), or fallible through the class's `raises`.
    pub raises: Option<usize>,
    /// Export: fallible (through `raises` here or on the class).
    pub fallible: bool,
    /// `doc:`.
    pub doc: Option<String>,
}

/// An exported enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Stable id.
    pub id: usize,
    /// Python name.
    pub py: String,
    /// The user's enum name.
    pub rust_item: String,
    /// `rust:` written.
    pub explicit_rust: bool,
    /// Variant names.
    pub variants: Vec<String>,
    /// `doc:`.
    pub doc: Option<String>,
}

/// An exception.
#[derive(Clone, Debug)]
pub struct Exc {
    /// Stable id.
    pub id: usize,
    /// Python name.
    pub py: String,
    /// `base:` (a builtin, or another exception's name); `None`: left out.
    pub base: Option<String>,
    /// `doc:`.
    pub doc: Option<String>,
}

/// A constant.
#[derive(Clone, Debug)]
pub struct Const {
    /// Stable id.
    pub id: usize,
    /// Python name.
    pub py: String,
    /// Type.
    pub ty: Ty,
    /// Export: the value comes from a user function (otherwise `Default::default()`).
    pub from_fn: bool,
    /// `doc:`.
    pub doc: Option<String>,
}

/// The `export:` section.
#[derive(Clone, Debug, Default)]
pub struct Export {
    /// Module name (unique in the crate: `PyInit_<name>` is a symbol).
    pub module: String,
    /// Module `doc:`.
    pub doc: Option<String>,
    /// Functions.
    pub functions: Vec<Func>,
    /// Classes.
    pub classes: Vec<Class>,
    /// Enums.
    pub enums: Vec<Enum>,
    /// Exceptions.
    pub exceptions: Vec<Exc>,
    /// Constants.
    pub constants: Vec<Const>,
}

/// One `import:` entry.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// Stable id.
    pub id: usize,
    /// Dotted module name.
    pub module: String,
    /// `rust_name:`.
    pub rust_name: Option<String>,
    /// `doc:`.
    pub doc: Option<String>,
    /// Functions.
    pub functions: Vec<Func>,
    /// Classes.
    pub classes: Vec<Class>,
    /// Constants.
    pub constants: Vec<Const>,
    /// Exceptions.
    pub exceptions: Vec<Exc>,
}

/// A generated spec and everything it needs.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The seed it came from.
    pub seed: u64,
    /// `export:`.
    pub export: Option<Export>,
    /// `import:`.
    pub imports: Vec<Import>,
}

/// What one spec turns into: its YAML, the user's Rust (`user_N.rs`) and the code appended to
/// the module that includes the generated file (the import stubs' exercise functions).
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The spec text.
    pub yaml: String,
    /// The user's crate code for the export, as a module body.
    pub user: String,
    /// Never-run functions calling each import stub with the documented types.
    pub exercise: String,
}

/// Where the user's module lives in the test crate (the spec's `rust:` paths use it).
pub fn user_module(slot: &str) -> String {
    format!("crate::{slot}_user")
}

// ---------------------------------------------------------------------------------------------
// Generation

struct Gen<'a> {
    rng: &'a mut Rng,
    next_id: usize,
    tag: String,
}

/// Names unique in one scope, by Python name and (unless the mangling finding is re-enabled)
/// by their Rust name.
#[derive(Default)]
struct Scope {
    py: Vec<String>,
    rust: Vec<String>,
}

impl Scope {
    fn with(taken: &[&str]) -> Self {
        let mut s = Scope::default();
        for t in taken {
            s.py.push(t.to_string());
            s.rust.push(bare(&rust_ident(t)));
        }
        s
    }
}

fn bare(s: &str) -> String {
    s.trim_start_matches("r#").to_string()
}

/// The Rust name of a parameter (`py` is the token of the attached stubs).
pub fn param_rust(py: &str) -> String {
    if py == "py" { "py_".into() } else { rust_ident(py) }
}

impl Gen<'_> {
    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn chance(&mut self, p: u32) -> bool {
        self.rng.chance(p)
    }

    /// A fresh name for a class or enum: one a type of its direction can spell.
    fn type_name(&mut self, scope: &mut Scope, export: bool) -> String {
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
    fn name(&mut self, scope: &mut Scope, capital: bool, param: bool) -> String {
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

    fn doc(&mut self) -> Option<String> {
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

    fn item_name(&mut self, what: &str) -> String {
        let id = self.id();
        format!("{what}_{}_{id}", self.tag)
    }

    // --- types -------------------------------------------------------------------------------

    /// A hashable key type.
    fn key(&mut self, export: bool, depth: u32) -> Ty {
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
    fn plain(&mut self, export: bool, depth: u32) -> Ty {
        let top = if depth >= 3 { 8 } else { 15 };
        match self.rng.below(top) {
            0 => Ty::Bool,
            1 | 2 => Ty::Int(if export { self.rng.pick(&pybridge_model::IntWidth::ALL).0 } else { "i64" }),
            3 => Ty::Float(export && self.chance(25)),
            4 | 5 => Ty::Str(false),
            6 => Ty::Bytes(false),
            7 => Ty::Any,
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

    fn non_optional(&mut self, export: bool, depth: u32) -> Ty {
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
fn is_unit(ty: &Ty) -> bool {
    matches!(ty, Ty::Unit) || matches!(ty, Ty::Tuple(items) if items.is_empty())
}

/// Whether `tuple[()]` stands inside `ty` (not as `ty` itself): `check` refuses it there (the
/// runtime checks an empty tuple only as a whole value).
fn has_empty_tuple(ty: &Ty) -> bool {
    let mut found = false;
    walk(ty, &mut |t| found |= !std::ptr::eq(t, ty) && matches!(t, Ty::Tuple(items) if items.is_empty()));
    found
}

/// Calls `f` on `ty` and every type inside it.
pub fn walk(ty: &Ty, f: &mut impl FnMut(&Ty)) {
    f(ty);
    match ty {
        Ty::Opt(t) | Ty::List(t) | Ty::Set(t) => walk(t, f),
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

fn gen_export(g: &mut Gen<'_>) -> Export {
    // The prelude's variants (the generated code uses them; `check` refuses such item names).
    let mut scope = Scope::with(PATTERN_NAMES);
    let mut ex = Export { module: format!("pt_{}", g.tag), doc: g.doc(), ..Default::default() };
    for _ in 0..g.rng.below(3) {
        let py = g.name(&mut scope, true, false);
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
    for _ in 0..g.rng.below(3) {
        let py = g.type_name(&mut scope, true);
        let explicit = g.chance(60);
        let rust_item = if explicit { g.item_name("UEnum") } else { rust_ident(&py) };
        let mut vscope = Scope::default();
        let variants = (0..1 + g.rng.below(4)).map(|_| g.name(&mut vscope, true, false)).collect();
        let (id, doc) = (g.id(), g.doc());
        ex.enums.push(Enum { id, py, rust_item, explicit_rust: explicit, variants, doc });
    }
    let n_classes = g.rng.below(4);
    for _ in 0..n_classes {
        let py = g.type_name(&mut scope, true);
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
    // Members, now that every class exists (types may name any of them).
    for ci in 0..ex.classes.len() {
        let mut members = Scope::default();
        let traits_pool =
            ["Display", "Debug", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord", "FromStr", "IntoIterator"];
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
        let raises = if !ex.exceptions.is_empty() && g.chance(30) {
            Some(ex.exceptions[g.rng.below(ex.exceptions.len())].id)
        } else {
            None
        };
        let ctor = if g.chance(70) {
            let params = gen_export_params(g, &ex, ci);
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
            Some(Ctor { rust, free, params, raises: own_raises, fallible, doc: g.doc() })
        } else {
            None
        };
        let mut methods = Vec::new();
        for _ in 0..g.rng.below(5) {
            methods.push(gen_method(g, &ex, ci, &mut members, raises));
        }
        let mut attrs = Vec::new();
        for _ in 0..g.rng.below(4) {
            let py = g.name(&mut members, false, false);
            let ty = gen_attr_type(g, &ex, ci);
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
        let c = &mut ex.classes[ci];
        c.traits = traits;
        c.item = item;
        c.raises = raises;
        c.ctor = ctor;
        c.methods = methods;
        c.attrs = attrs;
    }
    for _ in 0..g.rng.below(5) {
        let f = gen_function(g, &ex, &mut scope);
        ex.functions.push(f);
    }
    for _ in 0..g.rng.below(3) {
        let py = g.name(&mut scope, true, false);
        let ty = loop {
            let t = gen_value_type(g, &ex, None);
            if !has_empty_tuple(&t) && !is_unit(&t) {
                break t;
            }
        };
        let from_fn = !is_defaultable(&ty) || g.chance(40);
        let (id, doc) = (g.id(), g.doc());
        ex.constants.push(Const { id, py, ty, from_fn, doc });
    }
    mark_clone(&mut ex, g);
    ex
}

/// Classes that no type takes by value may go without `Clone` (half of them do): generated
/// code must not ask for it.
fn mark_clone(ex: &mut Export, g: &mut Gen<'_>) {
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

fn is_defaultable(ty: &Ty) -> bool {
    let mut ok = true;
    walk(ty, &mut |t| ok &= !matches!(t, Ty::Class(..) | Ty::Enum(..) | Ty::Any | Ty::Exported(_)));
    ok && !matches!(ty, Ty::Tuple(items) if items.len() > 12)
}

/// A class or enum reference (by value unless `by` says otherwise).
fn class_ref(g: &mut Gen<'_>, ex: &Export, by: By) -> Option<Ty> {
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
fn gen_attr_type(g: &mut Gen<'_>, ex: &Export, ci: usize) -> Ty {
    loop {
        let t = gen_value_type(g, ex, Some(ci));
        if !has_empty_tuple(&t) && !is_unit(&t) {
            return t;
        }
    }
}

fn gen_value_type(g: &mut Gen<'_>, ex: &Export, class: Option<usize>) -> Ty {
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
    g.plain(true, 0)
}

fn gen_param_type(g: &mut Gen<'_>, ex: &Export) -> Ty {
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

fn gen_param_type_once(g: &mut Gen<'_>, ex: &Export) -> Ty {
    match g.rng.below(12) {
        0 | 1 => {
            let by = *g.rng.pick(&[By::Value, By::Ref, By::Arc]);
            class_ref(g, ex, by).unwrap_or(Ty::Int("i64"))
        }
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
fn gen_return_type(g: &mut Gen<'_>, ex: &Export, borrowed: bool) -> Ty {
    loop {
        let t = match g.rng.below(12) {
            0 | 1 => class_ref(g, ex, By::Value).unwrap_or(Ty::Unit),
            2 => match class_ref(g, ex, By::Value) {
                Some(c) if g.chance(50) => Ty::Opt(Box::new(c)),
                Some(c) => Ty::List(Box::new(c)),
                None => Ty::Unit,
            },
            3 => class_ref(g, ex, By::Arc).filter(|t| matches!(t, Ty::Class(..))).unwrap_or(Ty::Unit),
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

fn gen_export_params(g: &mut Gen<'_>, ex: &Export, _ci: usize) -> Vec<Param> {
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
        params.push(Param { py, ty, keyword, explicit_positional, default: None });
    }
    // Python's order: keyword-only parameters after the positional ones.
    params.sort_by_key(|p| p.keyword);
    params
}

fn gen_fallible(g: &mut Gen<'_>, ex: &Export, class_raises: Option<usize>) -> Option<Fallible> {
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

fn gen_function(g: &mut Gen<'_>, ex: &Export, scope: &mut Scope) -> Func {
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

fn gen_method(g: &mut Gen<'_>, ex: &Export, ci: usize, members: &mut Scope, class_raises: Option<usize>) -> Func {
    let py = g.name(members, false, false);
    let mut kinds = vec![Kind::Method, Kind::MutMethod, Kind::Static];
    if allowed(Finding::ExportClassmethod) {
        kinds.push(Kind::ClassMethod);
    }
    let kind = *g.rng.pick(&kinds);
    let extend = matches!(kind, Kind::Method | Kind::MutMethod) && g.chance(25);
    // A method's Rust name is one identifier (`crate::x` only through `extend`/static paths).
    let explicit = extend || g.chance(40);
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

// --- imports ---------------------------------------------------------------------------------

fn gen_import(g: &mut Gen<'_>, export: Option<&Export>, modules: &mut Scope) -> Import {
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
    for _ in 0..g.rng.below(3) {
        let py = g.name(&mut scope, true, false);
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
    for _ in 0..g.rng.below(3) {
        let py = loop {
            let n = g.type_name(&mut scope, false);
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
    for ci in 0..im.classes.len() {
        let mut members = Scope::with(&["bind", "as_object", "into_object", "unbind", "as_bound", "new"]);
        let ctor = if g.chance(60) {
            Some(Ctor {
                rust: None,
                free: false,
                params: gen_import_params(g, &im, export),
                raises: None,
                fallible: false,
                doc: g.doc(),
            })
        } else {
            None
        };
        let mut attrs = Vec::new();
        for _ in 0..g.rng.below(3) {
            let py = g.name(&mut members, false, false);
            let writable = g.chance(50);
            if writable {
                let setter = format!("set_{}", bare(&rust_ident(&py)));
                if members.rust.contains(&setter) || members.py.contains(&setter) {
                    continue;
                }
                members.rust.push(setter.clone());
                members.py.push(setter);
            }
            let ty = gen_import_type(g, &im, None, false);
            let (id, doc) = (g.id(), g.doc());
            attrs.push(Attr { id, py, ty, writable, view: false, doc });
        }
        let mut methods = Vec::new();
        for _ in 0..g.rng.below(4) {
            let py = g.name(&mut members, false, false);
            let kind = *g.rng.pick(&[Kind::Method, Kind::Method, Kind::Static, Kind::ClassMethod]);
            let params = gen_import_params(g, &im, export);
            let ret = gen_import_ret(g, &im, export);
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
    for _ in 0..g.rng.below(4) {
        let py = g.name(&mut scope, false, false);
        let params = gen_import_params(g, &im, export);
        let ret = gen_import_ret(g, &im, export);
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
    for _ in 0..g.rng.below(3) {
        let py = g.name(&mut scope, true, false);
        let ty = gen_import_type(g, &im, None, false);
        let (id, doc) = (g.id(), g.doc());
        im.constants.push(Const { id, py, ty, from_fn: false, doc });
    }
    im
}

/// An import type: plain, or a class of this entry (anywhere), or (whole params/returns only)
/// a class the spec exports.
fn gen_import_type(g: &mut Gen<'_>, im: &Import, export: Option<&Export>, whole: bool) -> Ty {
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

fn gen_import_ret(g: &mut Gen<'_>, im: &Import, export: Option<&Export>) -> Option<Ty> {
    if g.chance(20) {
        return if g.chance(50) { None } else { Some(Ty::Unit) };
    }
    Some(gen_import_type(g, im, export, true))
}

/// Rust reads these parameter names as the prelude's variants (`check` refuses them).
const PATTERN_NAMES: &[&str] = &["Some", "Ok", "Err"];

fn gen_import_params(g: &mut Gen<'_>, im: &Import, export: Option<&Export>) -> Vec<Param> {
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
            params.push(Param { py, ty, keyword: true, explicit_positional: false, default: None });
            continue;
        }
        if !keyword && default.is_some() {
            defaulted = true;
        }
        let explicit_positional = !keyword && g.chance(10);
        params.push(Param { py, ty, keyword, explicit_positional, default });
    }
    if !allowed(Finding::KeywordBeforePositional) {
        // Keyword-only parameters after every positional one (Python's own order).
        params.sort_by_key(|p| p.keyword);
    }
    params
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Python type names: a class called `list` would read as the builtin in an `import:` type.
const PY_TYPE_NAMES: &[&str] = &[
    "bool", "int", "float", "str", "bytes", "None", "list", "dict", "set", "tuple", "Any", "object", "List", "Dict",
    "Set", "Tuple", "Optional", "typing",
];

/// Rust type names a spec's Rust-syntax types give a meaning of their own.
const RUST_TYPE_NAMES: &[&str] = &[
    "String", "Vec", "Option", "Result", "HashMap", "HashSet", "Arc", "Object", "bool", "str", "f32", "f64", "i8",
    "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "Self", "Self_",
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

fn q(s: &str) -> String {
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

struct R<'a> {
    spec: &'a Spec,
    slot: String,
    user: String,
    errors: Vec<String>,
    flip: u32,
}

impl R<'_> {
    fn user_path(&self, item: &str) -> String {
        format!("{}::{item}", user_module(&self.spec_slot()))
    }

    fn spec_slot(&self) -> String {
        self.slot.clone()
    }

    fn class(&self, id: usize) -> Result<&Class, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.classes.iter().find(|c| c.id == id).ok_or_else(|| format!("class {id} is gone"))
    }

    fn enum_(&self, id: usize) -> Result<&Enum, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.enums.iter().find(|c| c.id == id).ok_or_else(|| format!("enum {id} is gone"))
    }

    fn exc(&self, id: usize) -> Result<&Exc, String> {
        let ex = self.spec.export.as_ref().ok_or("no export")?;
        ex.exceptions.iter().find(|c| c.id == id).ok_or_else(|| format!("exception {id} is gone"))
    }

    /// The user's Rust type of an exported class (its path, instantiated).
    fn class_type(&self, c: &Class) -> String {
        let path = self.user_path(&c.rust_item);
        match c.generic {
            Some(arg) => format!("{path}<{arg}>"),
            None => path,
        }
    }

    /// A spec type in Rust syntax (export).
    fn spec_rust(&mut self, ty: &Ty) -> Result<String, String> {
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
            Ty::Any => if self.flip.is_multiple_of(3) { "::pybridge::Object" } else { "pybridge::Object" }.into(),
            Ty::Callable(params, ret) => {
                let params = params.iter().map(|t| self.spec_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("impl Fn({}) -> {}", params.join(", "), self.spec_rust(ret)?)
            }
        })
    }

    /// The user's Rust type for a spec type (export).
    fn user_rust(&self, ty: &Ty) -> Result<String, String> {
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
            Ty::Callable(params, ret) => {
                let params = params.iter().map(|t| self.user_rust(t)).collect::<Result<Vec<_>, _>>()?;
                format!("impl ::std::ops::Fn({}) -> {}", params.join(", "), self.user_rust(ret)?)
            }
            other => self.clone_free_scalar(other),
        })
    }

    fn clone_free_scalar(&self, ty: &Ty) -> String {
        match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(w) => w.to_string(),
            Ty::Float(single) => if *single { "f32" } else { "f64" }.into(),
            Ty::Str(_) => "&str".into(),
            Ty::Bytes(_) => "&[u8]".into(),
            _ => "()".into(),
        }
    }

    fn user_error(&mut self) -> String {
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
    fn returns(&mut self, ret: &Option<Ty>, fallible: &Option<Fallible>) -> Result<(Option<String>, String), String> {
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

    fn params_yaml(&mut self, out: &mut String, indent: &str, params: &[Param], export: bool) -> Result<(), String> {
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
            if p.keyword {
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

    fn user_params(&self, params: &[Param]) -> Result<String, String> {
        let list = params
            .iter()
            .enumerate()
            .map(|(i, p)| Ok(format!("_p{i}: {}", self.user_rust(&p.ty)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(list.join(", "))
    }

    fn doc_yaml(out: &mut String, indent: &str, doc: &Option<String>) {
        if let Some(d) = doc {
            let _ = writeln!(out, "{indent}doc: {}", q(d));
        }
    }

    // --- export ------------------------------------------------------------------------------

    fn export(&mut self, out: &mut String) -> Result<(), String> {
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
                Self::doc_yaml(out, "      ", &e.doc);
                let variants: Vec<String> = e.variants.iter().map(|v| rust_ident(v)).collect();
                let _ = writeln!(
                    self.user,
                    "#[derive(Clone, Debug)]\npub enum {} {{ {} }}\n",
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
                let value = if k.from_fn {
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

    fn export_class(&mut self, out: &mut String, c: &Class) -> Result<(), String> {
        let ty = self.class_type(c);
        let _ = writeln!(out, "    - name: {}", q(&c.py));
        if c.explicit_rust {
            let _ = writeln!(out, "      rust: {}", q(&ty));
        }
        Self::doc_yaml(out, "      ", &c.doc);
        if let Some(r) = c.raises {
            let _ = writeln!(out, "      raises: {}", q(&self.exc(r)?.py));
        }
        if !c.traits.is_empty() {
            let _ = writeln!(out, "      traits: [{}]", c.traits.join(", "));
        }
        if let Some(item) = &c.item {
            let _ = writeln!(out, "      item: {}", q(&self.spec_rust(item)?));
        }
        // The struct, its fields, and trait impls that ask nothing of the fields.
        let (generics, generic_use) = if c.generic.is_some() { ("<T>", "<T>") } else { ("", "") };
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
        let mut inherent = String::new();
        if let Some(ctor) = &c.ctor {
            let mut body = String::new();
            let params = self.user_params(&ctor.params)?;
            let ret = if ctor.fallible {
                format!("::std::result::Result<Self, {}>", self.user_error())
            } else {
                "Self".into()
            };
            match (&ctor.rust, ctor.free) {
                (Some(f), true) => {
                    let _ = writeln!(body, "        rust: {}", q(&self.user_path(f)));
                    let ret = ret.replace("Self", &ty);
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

    /// Writes a function or method entry; returns the signature of an inherent method (free
    /// functions and `extend` functions go to the user module directly).
    fn export_fn(&mut self, out: &mut String, indent: &str, f: &Func, class: Option<&Class>) -> Result<String, String> {
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

    // --- import ------------------------------------------------------------------------------

    fn spec_python(&mut self, ty: &Ty) -> Result<String, String> {
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

    fn import_class(&self, id: usize) -> Result<(&Import, &Class), String> {
        for im in &self.spec.imports {
            if let Some(c) = im.classes.iter().find(|c| c.id == id) {
                return Ok((im, c));
            }
        }
        Err(format!("import class {id} is gone"))
    }

    fn import_class_name(&self, id: usize) -> Result<String, String> {
        Ok(self.import_class(id)?.1.py.clone())
    }

    fn import_mod_rust(im: &Import) -> String {
        im.rust_name.clone().unwrap_or_else(|| rust_ident(&im.module.replace('.', "_")))
    }

    /// The Rust type an import stub takes for `ty` (SPEC.md's table).
    fn import_param(&self, ty: &Ty) -> Result<String, String> {
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
    fn import_owned(&self, ty: &Ty) -> Result<String, String> {
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

    fn stub_params(&self, params: &[Param]) -> Result<(String, String), String> {
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

    fn import(&mut self, out: &mut String, exercise: &mut String, im: &Import) -> Result<(), String> {
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

/// `constructor:` and its keys, or `constructor: {}` (a key without a value counts as absent).
fn ctor_yaml(out: &mut String, body: &str, indent: &str) {
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

// ---------------------------------------------------------------------------------------------
// The `#[py_embed]` front end: the same export model written as an attribute-declared module,
// with the options only the attribute has (`release_gil`, `subclass`, `unsendable`, `close`,
// `getter`/`setter`, `skip`, `name`, exception structs with fields, data enums).

impl R<'_> {
    /// A type as the attribute-declared module writes it (classes by their Rust names).
    fn attr_rust(&self, ty: &Ty) -> Result<String, String> {
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
            other => self.clone_free_scalar(other),
        })
    }

    fn attr_ret(&self, f: &Func, exc_type: &dyn Fn(usize) -> String) -> Result<String, String> {
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

fn holds_python(ty: &Option<Ty>, params: &[Param]) -> bool {
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
    let exc_type = |id: usize| format!("PtExc{id}");
    let params = |r: &R<'_>, params: &[Param]| -> Result<String, String> {
        let list = params
            .iter()
            .map(|p| Ok(format!("{}: {}", param_rust(&p.py), r.attr_rust(&p.ty)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(list.join(", "))
    };
    let name_opt = |py: &str, rust: &str| -> Option<String> { (bare(rust) != py).then(|| format!("name = {}", q(py))) };
    let _ = writeln!(out, "#[::pybridge::py_embed(name = {})]\npub mod {slot}_attr {{", q(&format!("{}_a", ex.module)));
    for e in &ex.exceptions {
        let base = match &e.base {
            Some(b) if ex.exceptions.iter().any(|x| &x.py == b) => {
                // The attribute names a declared base by its Python name.
                format!(", base = {}", q(b))
            }
            Some(b) => format!(", base = {}", q(b)),
            None => String::new(),
        };
        let ty = exc_type(e.id);
        let _ = writeln!(
            out,
            "    #[py_embed(exception, name = {}{base})]\n    #[derive(Debug)]\n    pub struct {ty} {{\n        #[py_embed(get)]\n        pub code: i64,\n        pub hidden: String,\n    }}\n    impl std::fmt::Display for {ty} {{\n        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{ f.write_str(\"e\") }}\n    }}",
            q(&e.py)
        );
    }
    for e in &ex.enums {
        let data = rng.chance(30);
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
        let opts = name_opt(&e.py, &e.rust_item).map(|o| format!("({o})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "    #[py_embed{opts}]\n    #[derive(Clone, Debug)]\n    pub enum {} {{ {} }}",
            e.rust_item,
            variants.join(", ")
        );
    }
    for c in &ex.classes {
        // (A generic class is written as a plain struct here: the attribute takes no generics.)
        let mut opts: Vec<String> = name_opt(&c.py, &c.rust_item).into_iter().collect();
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
        let _ = writeln!(out, "    #[py_embed]\n    impl {} {{", c.rust_item);
        if let Some(ctor) = &c.ctor {
            let (opt, name) = match &ctor.rust {
                Some(n) if !ctor.free => ("#[py_embed(constructor)]\n        ", n.clone()),
                _ => ("", "new".to_string()),
            };
            let ret = match ctor.raises {
                Some(e) if ctor.fallible => format!("Result<Self, {}>", exc_type(e)),
                _ => "Self".into(),
            };
            let _ = writeln!(out, "        {opt}pub fn {name}({}) -> {ret} {{ todo!() }}", params(&r, &ctor.params)?);
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
            let mut o: Vec<String> = name_opt(&m.py, &m.rust_item).into_iter().collect();
            let view = matches!(m.ret, Some(Ty::Class(_, By::Ref)));
            if !holds_python(&m.ret, &m.params) && !view && rng.chance(25) {
                o.push("release_gil".into());
            }
            let o = if o.is_empty() { String::new() } else { format!("#[py_embed({})]\n        ", o.join(", ")) };
            let ps = params(&r, &m.params)?;
            let all = match (receiver, ps.is_empty()) {
                ("", _) => ps,
                (rcv, true) => rcv.to_string(),
                (rcv, false) => format!("{rcv}, {ps}"),
            };
            let _ = writeln!(
                out,
                "        {o}pub fn {}({all}) -> {} {{ todo!() }}",
                m.rust_item,
                r.attr_ret(m, &exc_type)?
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
            let _ = writeln!(
                out,
                "        #[py_embed(skip)]\n        pub fn not_exported(&self, _x: std::rc::Rc<u8>) {{}}"
            );
        }
        let _ = writeln!(out, "    }}");
    }
    for f in &ex.functions {
        let mut o: Vec<String> = name_opt(&f.py, &f.rust_item).into_iter().collect();
        if !holds_python(&f.ret, &f.params) && rng.chance(25) {
            o.push("release_gil".into());
        }
        let o = if o.is_empty() { String::new() } else { format!("({})", o.join(", ")) };
        let _ = writeln!(
            out,
            "    #[py_embed{o}]\n    pub fn {}({}) -> {} {{ todo!() }}",
            f.rust_item,
            params(&r, &f.params)?,
            r.attr_ret(f, &exc_type)?
        );
    }
    let _ = writeln!(out, "    pub fn helper_without_attribute() {{}}\n}}");
    Ok(out)
}
