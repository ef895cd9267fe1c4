//! The model: what a spec or a `#[py_embed]` module declares, in one tree for both directions.
//!
//! A [`Bridge`] holds [`Module`]s; each module has a [`Direction`]: `Export` (Rust items exposed
//! to Python as an extension module) or `Import` (a Python module called from Rust through
//! typed stubs). Functions, classes, constants and exceptions are the same node types in both
//! directions; fields that only one direction uses are documented as such. Front ends build
//! it, `resolve.rs` and `check.rs` complete and validate it, emitters only read it.

use crate::code::{RustExpr, RustPath};
use crate::origin::Origin;
use crate::types::Type;

pub use crate::dunder::Dunder;

/// Which way a module's bindings go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Rust items exposed to Python (an extension module).
    Export,
    /// A Python module called from Rust (typed stubs).
    Import,
}

/// Everything one spec (or one `#[py_embed]` module) declares.
#[derive(Clone, Debug, Default)]
pub struct Bridge {
    /// The spec format version (always 1 today).
    pub version: u32,
    /// Modules in declaration order: at most one `Export`, any number of `Import`.
    pub modules: Vec<Module>,
}

/// A name on both sides: the Python name and the Rust identifier derived from it.
#[derive(Clone, Debug)]
pub struct Name {
    /// The name Python sees.
    pub py: String,
    /// The Rust identifier (a raw identifier `r#type` for Rust keywords, or a documented
    /// renaming such as `self_` for the few that cannot be raw).
    pub rust: String,
    /// Where the name was written.
    pub origin: Origin,
}

/// A Python module, exported or imported.
#[derive(Clone, Debug)]
pub struct Module {
    /// Which way the bindings go.
    pub direction: Direction,
    /// The dotted Python module name (`pkg.models`); for exports, the extension module name.
    pub name: Name,
    /// Docstring.
    pub doc: Option<String>,
    /// Module-level functions.
    pub functions: Vec<Function>,
    /// Classes.
    pub classes: Vec<Class>,
    /// Enums (export only today).
    pub enums: Vec<Enum>,
    /// Exception classes.
    pub exceptions: Vec<Exception>,
    /// Module constants.
    pub constants: Vec<Constant>,
    /// Export: classes another pybridge module exports, which this one takes and returns
    /// (spec `from:`).
    pub foreign: Vec<ForeignClass>,
    /// Import: named types (`Mode: Literal["r", "w"]`), which types may refer to by name.
    pub aliases: Vec<Alias>,
    /// Import: `verify: true` (where written): the stubs get a `verify()` comparing the live
    /// module with what the entry declares.
    pub verify: Option<Origin>,
    /// Where the module was declared.
    pub origin: Origin,
}

impl Module {
    /// A module with no items yet.
    pub fn new(direction: Direction, name: Name, doc: Option<String>, origin: Origin) -> Self {
        Module {
            direction,
            name,
            doc,
            functions: Vec::new(),
            classes: Vec::new(),
            enums: Vec::new(),
            exceptions: Vec::new(),
            constants: Vec::new(),
            foreign: Vec::new(),
            aliases: Vec::new(),
            verify: None,
            origin,
        }
    }
}

/// How a function is bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FnKind {
    /// A module-level function.
    Free,
    /// A constructor (`__init__` in Python, an associated function returning `Self` in Rust).
    Constructor,
    /// An instance method taking `&self`.
    Method,
    /// An instance method taking `&mut self` (export only).
    MethodMut,
    /// A static method.
    Static,
    /// A class method.
    ClassMethod,
    /// A property getter (`&self`, export): the method's Python name is the property's.
    Getter,
    /// A property setter (`&mut self` and one value, export).
    Setter,
}

/// A function, method or constructor.
#[derive(Clone, Debug)]
pub struct Function {
    /// Python and Rust names.
    pub name: Name,
    /// How it is bound.
    pub kind: FnKind,
    /// Export: the Rust path that is called (`crate::ops::add`); defaults to the Rust name.
    pub rust_path: Option<RustPath>,
    /// Parameters, in order.
    pub params: Vec<Param>,
    /// The return type (`None`/`()` when not declared).
    pub returns: Type,
    /// Export: the Rust function returns `Result<T, E>` with `E` converted to a Python exception.
    pub fallible: bool,
    /// Export: run the Rust body without holding the interpreter (`py.detach`).
    pub release_gil: bool,
    /// Export: the declared exception an `Err` raises (for error types without `Into<PyErr>`);
    /// its origin is where `raises` was written (a class's `raises:` for its methods' default).
    pub raises: Option<ExceptionRef>,
    /// Export: `rust_path` is a free function taking the object as its first argument.
    pub extend: bool,
    /// Export: how a returned class value reaches Python (by value unless declared).
    pub policy: ReturnPolicy,
    /// Where the policy was written (`policy:`), or the return type that implies it.
    pub policy_origin: Origin,
    /// Export: what the views this function returns borrow (filled in by the resolver when its
    /// return holds a view class; `None` when it holds none, or when nothing fits, which check
    /// reports).
    pub borrows: Option<Borrow>,
    /// Docstring.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// How a class value returned by an exported function reaches Python (pybind11's return value
/// policies, made safe): see `specs/SPEC.md`, "Return policies".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReturnPolicy {
    /// The Rust function returns `C`; Python owns the new object (the default).
    #[default]
    Value,
    /// The Rust function returns `Arc<C>`; Python and Rust share the value.
    Shared,
    /// The Rust method returns `&C` (or the attribute is a field of type `C`): Python gets a
    /// view into the object's value that keeps the object alive.
    View,
}

/// How a parameter may be passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Positional or keyword (Python's default).
    Positional,
    /// Keyword-only (after `*` in Python).
    Keyword,
    /// Positional-only (before `/` in Python; export only).
    PositionalOnly,
    /// `*args`: the extra positional arguments, a `Vec<T>` in Rust (export only).
    VarPositional,
    /// `**kwargs`: the extra keyword arguments, a `HashMap<String, T>` in Rust (export only).
    VarKeyword,
}

/// One parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// Python and Rust names.
    pub name: Name,
    /// Its type.
    pub ty: Type,
    /// Positional or keyword-only.
    pub kind: ParamKind,
    /// The Python default as written (`None`, `0.5`, `"fast"`); a defaulted parameter is an
    /// `Option<T>` in Rust import stubs, and omitting it lets Python apply its own default. On
    /// an export it is the `.pyi`'s spelling of `default_rust` (`...` when it has none).
    pub default: Option<String>,
    /// Export: the Rust expression pyo3 evaluates when the argument is omitted (spec `default:`
    /// translated for the parameter's type, or `#[py_embed(signature = (x = 2.0))]`).
    pub default_rust: Option<RustExpr>,
    /// Where the default was written (`Implied` without one).
    pub default_origin: Origin,
    /// Where it was declared.
    pub origin: Origin,
}

/// A class another pybridge module exports (spec `from:`): its values cross through that
/// module's published table (`runtime/src/shared/`), its Python type is that module's.
#[derive(Clone, Debug)]
pub struct ForeignClass {
    /// The Python name (the same in both modules) and the Rust name.
    pub name: Name,
    /// The Rust type path, which must name the same type the other module exports.
    pub rust_path: Option<RustPath>,
    /// The dotted name of the module that exports it.
    pub module: String,
    /// Where `from:` was written.
    pub module_origin: Origin,
    /// Where it was declared.
    pub origin: Origin,
}

impl ForeignClass {
    /// The Rust type (the Python name when no `rust:` was given and the name is one).
    pub fn try_target(&self) -> Option<RustPath> {
        self.rust_path.clone().or_else(|| crate::names::try_ident(&self.name.rust).map(|i| RustPath::from_ident(&i)))
    }
}

/// What the views a function returns borrow (their anchor, kept alive by every view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Borrow {
    /// The value of the object whose method it is (elided lifetime, `&self`): lent while any
    /// view lives.
    Receiver,
    /// The parameter at this index (`&'h str`, `&'h [u8]` or `&'h Class`, the lifetime the
    /// return names).
    Param(usize),
    /// A view class's method returning views of its own lifetime: what the view borrows.
    View,
}

/// A class.
#[derive(Clone, Debug)]
pub struct Class {
    /// Python and Rust names (the Rust name is the wrapper type for imports).
    pub name: Name,
    /// Export: the Rust type path.
    pub rust_path: Option<RustPath>,
    /// Constructors, methods, static and class methods.
    pub methods: Vec<Function>,
    /// Attributes / fields exposed as properties.
    pub attributes: Vec<Attribute>,
    /// Export: Python protocols implemented from Rust traits.
    pub dunders: Vec<Dunder>,
    /// Export: the Rust name of the `close`-style method (adds the context-manager protocol).
    pub close: Option<String>,
    /// Export: the class may hold non-`Send` data.
    pub unsendable: bool,
    /// Export: Python code may subclass it.
    pub subclass: bool,
    /// Export: instances can be weakly referenced (`weakref.ref(obj)`).
    pub weakref: bool,
    /// Export: instances pickle as a call of the class with the constructor's arguments, each
    /// read from the attribute of the same name (where the option was written).
    pub pickle: Option<Origin>,
    /// Export: the item type of `&T: IntoIterator` (adds `__iter__`).
    pub iter_item: Option<Type>,
    /// Export: a view class's lifetime (`'h` of `regex::Match<'h>`, `'a` of
    /// `struct Word<'a>`): its objects are made only by the methods and functions returning
    /// them, and keep alive what they borrow.
    pub lifetime: Option<crate::types::Lifetime>,
    /// Docstring.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// An attribute or property of a class.
#[derive(Clone, Debug)]
pub struct Attribute {
    /// Python and Rust names.
    pub name: Name,
    /// Its type.
    pub ty: Type,
    /// Whether it can be assigned.
    pub writable: bool,
    /// Export: `View` makes a class-typed field's getter return a view into the object (which
    /// it keeps alive) instead of a copy.
    pub policy: ReturnPolicy,
    /// Export, a class's `Vec<T>` field of numbers (`Vec<u8>`, `Vec<f64>`…): the object exports
    /// it through the buffer protocol, read-only (`memoryview(obj)`, `numpy.asarray(obj)`
    /// without a copy), and refuses changes while an export is alive. Where the option was
    /// written.
    pub buffer: Option<Origin>,
    /// Docstring.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// A unit-only enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Python and Rust names.
    pub name: Name,
    /// Export: the Rust type path.
    pub rust_path: Option<RustPath>,
    /// Variants, in order.
    pub variants: Vec<Variant>,
    /// A unit-only enum: Python's class is an `enum.IntEnum` (members are ints) rather than an
    /// `enum.Enum`. The attribute sets it when a variant has an explicit discriminant; the spec
    /// with `int: true`.
    pub int: bool,
    /// Export, enums with data: Python protocols from the Rust traits it derives or implements
    /// (a unit-only enum compares and hashes by variant already).
    pub dunders: Vec<Dunder>,
    /// Docstring.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// One enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Python and Rust names.
    pub name: Name,
    /// The Rust discriminant, where the front end can see it (the attribute reads literal
    /// discriminants; a spec names variants only). The Python member's value is the
    /// discriminant either way: generated code reads it with `Variant as i64`.
    pub value: Option<i64>,
    /// Export: the variant's data (`Circle { r: f64 }` or `Square(f64)`, whose fields are
    /// named `_0`, `_1`, … in Python); empty for a unit variant.
    pub fields: Vec<Attribute>,
    /// Export: the data is a tuple (`Square(f64)`), not named fields.
    pub tuple: bool,
    /// Where it was declared.
    pub origin: Origin,
}

/// An exception class.
#[derive(Clone, Debug)]
pub struct Exception {
    /// Python and Rust names.
    pub name: Name,
    /// The base class (`Exception` unless given, with an `Implied` origin; a builtin exception
    /// or another declared one).
    pub base: ExceptionRef,
    /// Import: further base classes (Python's multiple inheritance), named in the variant's
    /// documentation (Python's own hierarchy decides which variant an exception becomes).
    pub bases: Vec<ExceptionRef>,
    /// Export: the Rust error type raised as this exception (`From<E> for PyErr` is generated).
    pub rust_path: Option<RustPath>,
    /// Export: fields of the Rust error readable as attributes of the raised exception.
    pub attributes: Vec<Attribute>,
    /// Docstring.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// A reference to an exception class by its Python name (`raises:`, `base:`), resolved in the
/// resolve phase.
#[derive(Clone, Debug)]
pub struct ExceptionRef {
    /// The Python name as written.
    pub name: String,
    /// Where it was written (`Implied` for a default).
    pub origin: Origin,
    /// What the name refers to: set by the resolver in export modules (which reports a name
    /// that refers to nothing), so export emitters see only `Declared` or `Builtin`. An import
    /// exception's `base` is documentation (Python's own hierarchy decides) and stays
    /// `Unresolved`.
    pub target: ExceptionTarget,
}

/// What an [`ExceptionRef`] refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionTarget {
    /// Not resolved yet (or unknown: the resolver reported it).
    Unresolved,
    /// An exception declared in the same module.
    Declared,
    /// A Python builtin exception (`ValueError`): see [`crate::check::BUILTIN_EXCEPTIONS`].
    Builtin,
}

impl ExceptionRef {
    /// A reference to resolve, written at `origin`.
    pub fn new(name: impl Into<String>, origin: Origin) -> Self {
        ExceptionRef { name: name.into(), origin, target: ExceptionTarget::Unresolved }
    }
}

/// Import: a named type (spec `aliases:`, Python's `Mode = Literal["r", "w"]`). A union or
/// literal alias names the Rust enum the stubs generate; any other becomes a Rust `type` alias.
#[derive(Clone, Debug)]
pub struct Alias {
    /// The name types refer to it by, also its Rust name.
    pub name: Name,
    /// What it stands for (resolved: aliases it names are replaced by their types).
    pub ty: Type,
    /// Doc comment of the Rust item.
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

/// A module constant.
#[derive(Clone, Debug)]
pub struct Constant {
    /// Python and Rust names.
    pub name: Name,
    /// Its type.
    pub ty: Type,
    /// Export: the Rust expression or path giving the value.
    pub rust_value: Option<RustExpr>,
    /// Docstring: an attribute docstring in the `.pyi` (export), the reader's doc comment
    /// (import).
    pub doc: Option<String>,
    /// Where it was declared.
    pub origin: Origin,
}

impl Name {
    /// The Rust identifier as a token (`r#type` stays raw).
    pub fn ident(&self) -> syn::Ident {
        crate::names::ident(&self.rust)
    }
}

impl Function {
    /// The Rust path called: `rust:` when given, else the function's own Rust name.
    pub fn target(&self) -> RustPath {
        self.rust_path.clone().unwrap_or_else(|| RustPath::from_ident(&self.name.ident()))
    }

    /// Whether the function returns an `impl Iterator` that borrows the object: a `&self`
    /// method whose iterator does not say it owns its data (`+ use<>`, `+ 'static`). Rust
    /// 2024 lets such an iterator capture `self`, so the wrapper lends the value for as long
    /// as the Python iterator lives.
    pub fn iterator_borrows_self(&self) -> bool {
        matches!(&self.returns.kind, crate::types::TypeKind::Iterator { capture, .. } if *capture != crate::types::Capture::Static)
            && self.kind == FnKind::Method
    }
}

impl Class {
    /// The Rust type: `rust:` when given, else the class's own Rust name.
    pub fn target(&self) -> RustPath {
        self.rust_path.clone().unwrap_or_else(|| RustPath::from_ident(&self.name.ident()))
    }

    /// [`Class::target`] before check has accepted the name: `None` for a name that is no
    /// identifier (the resolver runs on broken specs too).
    pub fn try_target(&self) -> Option<RustPath> {
        self.rust_path.clone().or_else(|| crate::names::try_ident(&self.name.rust).map(|i| RustPath::from_ident(&i)))
    }
}

impl Enum {
    /// The Rust type: `rust:` when given, else the enum's own Rust name.
    pub fn target(&self) -> RustPath {
        self.rust_path.clone().unwrap_or_else(|| RustPath::from_ident(&self.name.ident()))
    }

    /// [`Enum::target`] before check has accepted the name (see [`Class::try_target`]).
    pub fn try_target(&self) -> Option<RustPath> {
        self.rust_path.clone().or_else(|| crate::names::try_ident(&self.name.rust).map(|i| RustPath::from_ident(&i)))
    }

    /// Whether any variant carries data (the enum is then a base class with one subclass per
    /// variant, rather than an enum class of constants).
    pub fn has_data(&self) -> bool {
        self.variants.iter().any(|v| !v.fields.is_empty() || v.tuple)
    }
}

impl Bridge {
    /// The export module, if any.
    pub fn export(&self) -> Option<&Module> {
        self.modules.iter().find(|m| m.direction == Direction::Export)
    }

    /// The import modules.
    pub fn imports(&self) -> impl Iterator<Item = &Module> {
        self.modules.iter().filter(|m| m.direction == Direction::Import)
    }
}
