//! The types that cross the boundary, shared by both directions.
//!
//! Export specs write them in Rust syntax (`Vec<(f64, f64)>`), import specs in Python typing
//! syntax (`list[tuple[float, float]]`); both lower to [`Type`]. Emitters print a `Type` back
//! as Rust (`rust_type.rs` in the codegen crate) or as a Python annotation ([`Type::python`]).

use crate::code::RustPath;
use crate::origin::Origin;
use crate::std_types::StdType;

/// Width of a Rust integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum IntWidth {
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
}

impl IntWidth {
    /// Every width with its Rust spelling.
    pub const ALL: [(&'static str, IntWidth); 12] = [
        ("i8", IntWidth::I8),
        ("i16", IntWidth::I16),
        ("i32", IntWidth::I32),
        ("i64", IntWidth::I64),
        ("i128", IntWidth::I128),
        ("isize", IntWidth::Isize),
        ("u8", IntWidth::U8),
        ("u16", IntWidth::U16),
        ("u32", IntWidth::U32),
        ("u64", IntWidth::U64),
        ("u128", IntWidth::U128),
        ("usize", IntWidth::Usize),
    ];

    /// The Rust spelling (`i64`).
    pub fn rust(self) -> &'static str {
        Self::ALL.iter().find(|(_, w)| *w == self).map(|(n, _)| *n).unwrap_or("i64")
    }
}

/// The `.pyi` spelling of an object exporting the buffer protocol (`collections.abc.Buffer`
/// needs Python 3.12; the stubs support 3.11).
pub const BUFFER: &str = "typing_extensions.Buffer";

/// A type that crosses the boundary.
#[derive(Clone, Debug)]
pub struct Type {
    /// What it is.
    pub kind: TypeKind,
    /// Where it was written.
    pub origin: Origin,
    /// Export: a named lifetime written on it (`&'h str`, `Match<'h>`; not `'_`). Only view
    /// classes and what they borrow may carry one (check: `views.rs`).
    pub lifetime: Option<Lifetime>,
}

/// A named lifetime as written (`'h` in `&'h str` or `regex::Match<'h>`), without its `'`.
#[derive(Clone, Debug)]
pub struct Lifetime {
    /// The name (`h`; `static` for `'static`).
    pub name: String,
    /// Where it was written.
    pub origin: Origin,
}

/// The shape of a [`Type`].
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// `bool`.
    Bool,
    /// Python `int`; Rust integers of the given width (`int` maps to `i64`).
    Int(IntWidth),
    /// Python `float`; Rust `f64` (or `f32` when `single` is set).
    Float {
        /// `f32` rather than `f64`.
        single: bool,
    },
    /// Python `str`; Rust `String`, or `&str` where `borrowed`.
    Str {
        /// Written `&str` (export parameters).
        borrowed: bool,
    },
    /// Python `bytes`; Rust `Vec<u8>`, or `&[u8]` where `borrowed`.
    Bytes {
        /// Written `&[u8]`.
        borrowed: bool,
    },
    /// Python `None`; Rust `()`.
    Unit,
    /// Python `T | None`; Rust `Option<T>`.
    Optional(Box<Type>),
    /// Python `list[T]`; Rust `Vec<T>`.
    List(Box<Type>),
    /// Export: Rust `&[T]`, a whole parameter or return; Python `list[T]` (read into a
    /// `Vec<T>` the call borrows; a returned slice is copied, `T: Clone`).
    Slice(Box<Type>),
    /// Export parameters only: Rust `&mut [T]` of a number type ([`Type::is_buffer_item`]); Python
    /// a writable buffer (bytearray, `array.array`, a numpy array) written in place.
    SliceMut(Box<Type>),
    /// Python `dict[K, V]`; Rust `HashMap<K, V>` (export: or `BTreeMap<K, V>`).
    Dict(Box<Type>, Box<Type>, Keys),
    /// Python `set[T]`; Rust `HashSet<T>` (export: or `BTreeSet<T>`).
    Set(Box<Type>, Keys),
    /// Export: Rust `[T; N]`; Python `list[T]` (`bytes` for `[u8; N]`, as PyO3 converts it).
    /// PyO3 checks the length of a list on the way in.
    Array(Box<Type>, usize),
    /// Export: a pointer the wrapper converts through, crossing as its `target`'s Python type:
    /// `&T` of a non-class type, `Cow<str>`/`Cow<[T]>`, `Box<str>`/`Box<[T]>`. A whole
    /// parameter, return or constant, or directly inside one `Option` (parameters and returns).
    Indirect {
        /// Which pointer.
        via: Via,
        /// The owned value behind it: `String` for `str`, `Vec<T>` for `[T]`, `Vec<u8>` for
        /// `[u8]`, `T` for `&T`.
        target: Box<Type>,
    },
    /// A standard-library type Python has its own type for (`Duration` ↔ `datetime.timedelta`,
    /// `PathBuf` ↔ `pathlib.Path`, `char` ↔ `str`…): see `std_types.rs`.
    Std(StdType),
    /// Python `tuple[A, B]`; Rust `(A, B)`.
    Tuple(Vec<Type>),
    /// A class declared in the same spec (or `#[py_embed]` module).
    Class(ClassRef),
    /// Python `Any`/`object`/unannotated; Rust `pybridge::Object`, an untyped handle.
    Any,
    /// Export returns only: Rust `impl Iterator<Item = T>`, a lazy Python iterator
    /// (`typing.Iterator[T]`); each item is converted when Python asks for it.
    Iterator {
        /// The item type (`&T`, `&str` items are copied out of the borrow).
        item: Box<Type>,
        /// What the iterator may borrow, as its bounds say.
        capture: Capture,
    },
    /// Export parameters only: Rust `impl Fn(A, B) -> R`, a Python callable
    /// (`typing.Callable[[A, B], R]`); an exception raised by the callable propagates to the
    /// Python caller of the exported function.
    Callable {
        /// The callable's parameter types.
        params: Vec<Type>,
        /// Its return type.
        ret: Box<Type>,
    },
    /// Import: Python `A | B` (`Union[A, B]`) of two or more types other than `None`, or
    /// `Literal["r", "w"]`: a Rust enum the stubs generate, one variant per member.
    Union(Box<UnionType>),
}

pub use crate::unions::{LiteralValue, MemberValue, UnionMember, UnionType};

/// How the keys of a [`TypeKind::Dict`] or the elements of a [`TypeKind::Set`] are kept in
/// Rust (Python's `dict`/`set` hash either way, so both need hashable keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// `HashMap`/`HashSet`: keys are `Eq + Hash`.
    Hashed,
    /// Export: `BTreeMap`/`BTreeSet`: keys are `Ord`.
    Ordered,
    /// Import: `Mapping[K, V]`, a `HashMap` read from any mapping (a whole return; a `dict`
    /// elsewhere), passed as a `dict`.
    Mapping,
}

/// What an `impl Iterator` return may borrow, as written: Rust 2024 lets a return-position
/// `impl Trait` capture every lifetime in scope (a `&self` method's included) unless it says
/// otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// No lifetime bound: on a `&self` method it may borrow `self` (Rust 2024); elsewhere it
    /// owns its data.
    Default,
    /// `+ '_` or `+ use<'_>`: borrows `self`.
    Elided,
    /// `+ 'static` or `+ use<>` (or `use<T>` without lifetimes): owns its data.
    Static,
}

/// The pointer of a [`TypeKind::Indirect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `&T` (`T` not a class, `str` or a slice): a parameter lends the converted value; a
    /// return is cloned before the borrow ends.
    Ref,
    /// `Cow<'_, str>` / `Cow<'_, [T]>`: a parameter is `Cow::Owned`; a return `into_owned`.
    Cow,
    /// `Box<str>` / `Box<[T]>`: converted from and into `String` / `Vec<T>`.
    Box,
}

/// A reference to a declared class, by its Python name; resolved in the resolve phase.
#[derive(Clone, Debug)]
pub struct ClassRef {
    /// The Python name as written.
    pub name: String,
    /// The Rust path of the class's Rust type, filled in by the resolver.
    pub rust_path: Option<RustPath>,
    /// Written `&Class` (export parameters borrow the object).
    pub borrowed: bool,
    /// Written `Arc<Class>` (export: the value is shared between Python and Rust).
    pub shared: bool,
    /// An import-side reference to a class exported by the same spec: the stub takes and
    /// returns the Rust type itself, converted through the export wrapper.
    pub exported: bool,
    /// Export: the class is another pybridge module's (`from:`), filled in by the resolver.
    pub foreign: bool,
    /// The name is a unit-only enum (a Python `enum.Enum` member crosses, not an object the
    /// wrapper owns), filled in by the resolver.
    pub unit_enum: bool,
    /// Export: the class is a view class (its Rust type has a lifetime), filled in by the
    /// resolver.
    pub view: bool,
}

impl ClassRef {
    /// An unresolved reference to the class or enum `name`, by value.
    pub fn named(name: impl Into<String>) -> Self {
        ClassRef {
            name: name.into(),
            rust_path: None,
            borrowed: false,
            shared: false,
            exported: false,
            foreign: false,
            unit_enum: false,
            view: false,
        }
    }
}

impl Type {
    /// A type with an origin.
    pub fn new(kind: TypeKind, origin: Origin) -> Self {
        Type { kind, origin, lifetime: None }
    }

    /// This type with the named lifetime `lifetime` written on it.
    pub fn with_lifetime(mut self, lifetime: Option<Lifetime>) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// `None` / `()`.
    pub fn unit(origin: Origin) -> Self {
        Type::new(TypeKind::Unit, origin)
    }

    /// The Python annotation for this type, as it appears in `.pyi` stubs.
    pub fn python(&self) -> String {
        match &self.kind {
            TypeKind::Bool => "bool".into(),
            TypeKind::Int(_) => "int".into(),
            TypeKind::Float { .. } => "float".into(),
            TypeKind::Str { .. } => "str".into(),
            TypeKind::Bytes { .. } => "bytes".into(),
            TypeKind::Unit => "None".into(),
            TypeKind::Optional(inner) => format!("{} | None", inner.python()),
            TypeKind::List(inner) | TypeKind::Slice(inner) => format!("list[{}]", inner.python()),
            TypeKind::SliceMut(_) => BUFFER.into(),
            TypeKind::Array(inner, _) if inner.is_u8() => "bytes".into(),
            TypeKind::Array(inner, _) => format!("list[{}]", inner.python()),
            TypeKind::Indirect { target, .. } => target.python(),
            TypeKind::Dict(k, v, Keys::Mapping) => format!("typing.Mapping[{}, {}]", k.python(), v.python()),
            TypeKind::Dict(k, v, _) => format!("dict[{}, {}]", k.python(), v.python()),
            TypeKind::Set(inner, _) => format!("set[{}]", inner.python()),
            TypeKind::Tuple(items) if items.is_empty() => "tuple[()]".into(),
            TypeKind::Tuple(items) => {
                format!("tuple[{}]", items.iter().map(Type::python).collect::<Vec<_>>().join(", "))
            }
            TypeKind::Class(class) => class.name.clone(),
            TypeKind::Std(std) => std.row().python.into(),
            TypeKind::Any => "typing.Any".into(),
            TypeKind::Iterator { item, .. } => format!("typing.Iterator[{}]", item.python()),
            TypeKind::Callable { params, ret } => format!(
                "typing.Callable[[{}], {}]",
                params.iter().map(Type::python).collect::<Vec<_>>().join(", "),
                ret.python()
            ),
            TypeKind::Union(u) => u.python(),
        }
    }

    /// The Python annotation of a parameter of this type: what Python may pass, which for some
    /// standard types is wider than what it receives (`str | os.PathLike[str]` for a `PathBuf`).
    pub fn python_param(&self) -> String {
        let inner = |t: &Type| t.python_param();
        match &self.kind {
            TypeKind::Std(std) => std.row().python_param.into(),
            TypeKind::Optional(t) => format!("{} | None", inner(t)),
            // What views borrow (`&'h [u8]`) is read in place from an immutable `bytes`.
            TypeKind::Bytes { borrowed: true } if self.lifetime.is_some() => "bytes".into(),
            // Borrowed buffers take any object exporting the buffer protocol (a list too, copied).
            TypeKind::Bytes { borrowed: true } => BUFFER.into(),
            TypeKind::Slice(t) if t.is_buffer_item() => format!("list[{}] | {BUFFER}", inner(t)),
            TypeKind::List(t) | TypeKind::Slice(t) => format!("list[{}]", inner(t)),
            TypeKind::Array(t, _) if !t.is_u8() => format!("list[{}]", inner(t)),
            TypeKind::Indirect { target, .. } => inner(target),
            TypeKind::Set(t, _) => format!("set[{}]", inner(t)),
            TypeKind::Dict(k, v, _) => format!("dict[{}, {}]", inner(k), inner(v)),
            TypeKind::Tuple(items) if !items.is_empty() => {
                format!("tuple[{}]", items.iter().map(inner).collect::<Vec<_>>().join(", "))
            }
            _ => self.python(),
        }
    }

    /// Calls `f` on this type and every type inside it, outermost first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Type)) {
        f(self);
        match &self.kind {
            TypeKind::Optional(t)
            | TypeKind::List(t)
            | TypeKind::Slice(t)
            | TypeKind::SliceMut(t)
            | TypeKind::Set(t, _)
            | TypeKind::Array(t, _)
            | TypeKind::Indirect { target: t, .. }
            | TypeKind::Iterator { item: t, .. } => t.walk(f),
            TypeKind::Dict(k, v, _) => {
                k.walk(f);
                v.walk(f);
            }
            TypeKind::Tuple(items) => items.iter().for_each(|t| t.walk(f)),
            TypeKind::Callable { params, ret } => {
                params.iter().for_each(|t| t.walk(f));
                ret.walk(f);
            }
            TypeKind::Union(u) => u.types().for_each(|t| t.walk(f)),
            _ => {}
        }
    }

    /// Mutable version of [`Type::walk`].
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut Type)) {
        f(self);
        match &mut self.kind {
            TypeKind::Optional(t)
            | TypeKind::List(t)
            | TypeKind::Slice(t)
            | TypeKind::SliceMut(t)
            | TypeKind::Set(t, _)
            | TypeKind::Array(t, _)
            | TypeKind::Indirect { target: t, .. }
            | TypeKind::Iterator { item: t, .. } => t.walk_mut(f),
            TypeKind::Dict(k, v, _) => {
                k.walk_mut(f);
                v.walk_mut(f);
            }
            TypeKind::Tuple(items) => items.iter_mut().for_each(|t| t.walk_mut(f)),
            TypeKind::Callable { params, ret } => {
                params.iter_mut().for_each(|t| t.walk_mut(f));
                ret.walk_mut(f);
            }
            TypeKind::Union(u) => u.members.iter_mut().for_each(|m| {
                if let MemberValue::Type(t) = &mut m.value {
                    t.walk_mut(f)
                }
            }),
            _ => {}
        }
    }

    /// The return policy a Rust return type spells, normalised away from the type: `&Class`
    /// is a view, `Arc<Class>` is shared; anything else is by value.
    pub fn take_policy(&mut self) -> crate::ir::ReturnPolicy {
        match &mut self.kind {
            TypeKind::Class(c) if c.borrowed => {
                c.borrowed = false;
                crate::ir::ReturnPolicy::View
            }
            TypeKind::Class(c) if c.shared => {
                c.shared = false;
                crate::ir::ReturnPolicy::Shared
            }
            _ => crate::ir::ReturnPolicy::Value,
        }
    }

    /// Whether a slice of this type crosses through the buffer protocol (`&[T]`, `&mut [T]`, a
    /// class's `buffer` field): a fixed-width integer up to 64 bits or a float, an item format
    /// of Python's `struct` module.
    pub fn is_buffer_item(&self) -> bool {
        match self.kind {
            TypeKind::Int(w) => !matches!(w, IntWidth::I128 | IntWidth::U128),
            TypeKind::Float { .. } => true,
            _ => false,
        }
    }

    /// Whether values of this type hash alike on both sides (`Eq + Hash` in Rust, hashable in
    /// Python): what set elements and dict keys need.
    pub fn is_hashable(&self) -> bool {
        use crate::std_types::StdType;
        match &self.kind {
            TypeKind::Bool | TypeKind::Int(_) | TypeKind::Str { .. } | TypeKind::Bytes { .. } => true,
            TypeKind::Std(s) => !matches!(s, StdType::Complex | StdType::ByteArray | StdType::Json),
            // A unit-only enum's members hash and order by variant.
            TypeKind::Class(c) => c.unit_enum,
            TypeKind::Optional(inner) | TypeKind::Indirect { target: inner, .. } => inner.is_hashable(),
            TypeKind::Tuple(items) => !items.is_empty() && items.iter().all(Type::is_hashable),
            TypeKind::Union(u) => u.types().all(Type::is_hashable),
            _ => false,
        }
    }

    /// Whether this is `u8` (`[u8; N]` crosses as `bytes`).
    pub fn is_u8(&self) -> bool {
        matches!(self.kind, TypeKind::Int(IntWidth::U8))
    }

    /// Whether the Python annotation needs `import typing`.
    pub fn uses_any(&self) -> bool {
        let mut any = false;
        self.walk(&mut |t| any |= matches!(t.kind, TypeKind::Any));
        any
    }
}
