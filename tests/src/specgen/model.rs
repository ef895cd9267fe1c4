//! The generated spec's model: types, functions, classes, enums, exceptions, constants, the
//! `export:` section and `import:` entries, and what a spec renders to.

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
    /// A standard type Python has its own type for, by its Rust name (`char`, `PathBuf`,
    /// `Duration`, `SystemTime`, `IpAddr`; imports: the three with a Python spelling).
    Std(&'static str),
    /// `impl Fn(A) -> R` (export parameters).
    Callable(Vec<Ty>, Box<Ty>),
    /// Import: `A | B` of the import entry with this id (its generated enum lives there): members
    /// among `bool`, `int`, `float`, `str`, `bytes`, `list[int]`.
    Union(usize, Vec<Ty>),
    /// Import: `Literal[...]` of the import entry with this id, as (Python value, variant).
    Literal(usize, Vec<(&'static str, &'static str)>),
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
    /// Export: `kind: var_positional` (a `Vec<T>`) or `kind: var_keyword` (a `HashMap<String, T>`).
    pub variadic: Option<&'static str>,
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
    /// Spec: `int: true` (an `enum.IntEnum`).
    pub int: bool,
    /// Attribute route: some variants carry data (never a set element or dict key).
    pub data: bool,
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
