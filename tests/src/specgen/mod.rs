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

mod export;
mod generate;
mod import;
mod render;
mod render_attr;
mod render_export;
mod render_import;

use export::*;
use generate::*;
pub use generate::{generate, param_rust, walk};
use import::*;
use render::*;
pub use render::{render, usable_type_name};
pub use render_attr::render_attribute;
