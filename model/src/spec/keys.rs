//! The catalog of spec keys: every section, every key, its shape, whether it is required, and
//! its one-line documentation.
//!
//! This table is the single source of truth for three things: which keys the decoder accepts
//! (anything else is an "unknown key" error with a suggestion), the JSON Schema in
//! `specs/pybridge.schema.json` (generated from it by `schema.rs`; a test keeps the committed
//! file equal), and the key list that `specs/SPEC.md` must document (also tested).

/// The shape of a key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Str,
    /// A non-negative integer.
    Int,
    /// `true` or `false`.
    Bool,
    /// A type, written in Rust syntax (export) or Python typing syntax (import).
    Type,
    /// One of the listed words.
    OneOf(&'static [&'static str]),
    /// A list of strings.
    StrList,
    /// A list of mappings of the named section.
    List(&'static str),
    /// A mapping of the named section.
    Map(&'static str),
}

/// Which direction's items a key applies to. A key written on an item of the other direction
/// is refused at the key (never accepted and ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Export and import items alike.
    Both,
    /// Only items under `export:` (Rust items exposed to Python).
    Export,
    /// Only items under `import:` (a Python module called from Rust).
    Import,
}

/// One key of a section.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// Its value's shape.
    pub shape: Shape,
    /// Whether it must be present.
    pub required: bool,
    /// Which direction's items it applies to.
    pub side: Side,
    /// One line of documentation.
    pub doc: &'static str,
    /// What to write instead when the key is used on the other direction's items.
    pub elsewhere: &'static str,
}

/// A kind of mapping in the spec, with its allowed keys.
#[derive(Clone, Copy, Debug)]
pub struct Section {
    /// The section's name (used in messages and as the schema definition name).
    pub name: &'static str,
    /// What a mapping of this section describes, for messages ("an import module").
    pub what: &'static str,
    /// Its keys, in documentation order.
    pub keys: &'static [Key],
}

const fn key(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key { name, shape, required: false, side: Side::Both, doc, elsewhere: "" }
}

const fn required(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key { name, shape, required: true, side: Side::Both, doc, elsewhere: "" }
}

/// A key for export items only; `elsewhere` says what an import spec writes instead.
const RELEASE_GIL_DOC: &str = "Export: run the Rust code without holding the interpreter, so other Python threads run meanwhile (only plain Rust data in and out).";
const RELEASE_GIL_ELSEWHERE: &str = "an import stub attaches to call Python; it has no interpreter to release";

const fn export_key(name: &'static str, shape: Shape, doc: &'static str, elsewhere: &'static str) -> Key {
    Key { name, shape, required: false, side: Side::Export, doc, elsewhere }
}

/// A key for import items only; `elsewhere` says what an export spec writes instead.
const fn import_key(name: &'static str, shape: Shape, doc: &'static str, elsewhere: &'static str) -> Key {
    Key { name, shape, required: false, side: Side::Import, doc, elsewhere }
}

const NO_RUST: &str = "an import describes a Python module: its stubs call Python by name, no Rust item is named";
const RUST_NAME: &str =
    "`rust_name` renames an import stub's Rust identifier; an exported item's Rust side is named by `rust:`";
const EXCEPTION_ATTRIBUTES: &str = "an exported exception's fields are its Rust type's (`#[py_embed(exception)]` struct fields); a spec names only the type";
const EXPORT_ONLY: &str = "it applies to Rust items under `export:`; an import stub calls the Python module as it is";

/// Method kinds accepted by `kind:` on methods.
pub const METHOD_KINDS: &[&str] = &["method", "mut_method", "static", "classmethod"];

/// Values of `policy` (return value policies).
pub const POLICIES: &[&str] = &["value", "shared", "view"];
/// Parameter kinds accepted by `kind:` on parameters.
pub const PARAM_KINDS: &[&str] = &["positional", "keyword", "positional_only", "var_positional", "var_keyword"];
/// Traits a class can list under `traits:` (each gives Python protocol methods).
/// The `std::ops` operators among them are `crate::operators::TRAIT_NAMES` (a unit test says so).
pub const TRAITS: &[&str] = &[
    "Display",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Clone",
    "FromStr",
    "IntoIterator",
    "Add",
    "Sub",
    "Mul",
    "Div",
    "Rem",
    "BitAnd",
    "BitOr",
    "BitXor",
    "Shl",
    "Shr",
    "Neg",
    "Not",
];

/// Every section of the spec format, version 1. The first one is the top level.
pub const SECTIONS: &[Section] = &[
    Section {
        name: "spec",
        what: "the spec",
        keys: &[
            required("version", Shape::Int, "Spec format version; must be 1."),
            key("module", Shape::Str, "Python name of the extension module built from `export:`."),
            key("doc", Shape::Str, "Docstring of the exported module."),
            key("export", Shape::Map("export"), "Rust items exposed to Python (Rust → Python)."),
            key("import", Shape::List("import_module"), "Python modules called from Rust (Python → Rust)."),
        ],
    },
    Section {
        name: "export",
        what: "the export section",
        keys: &[
            key("functions", Shape::List("function"), "Rust functions exposed as module functions."),
            key("classes", Shape::List("class"), "Rust types exposed as Python classes."),
            key("enums", Shape::List("enum"), "Rust unit-only enums exposed as Python enum classes."),
            key("exceptions", Shape::List("exception"), "Python exception classes the module defines."),
            key("constants", Shape::List("constant"), "Module constants computed from Rust expressions."),
        ],
    },
    Section {
        name: "import_module",
        what: "an import module",
        keys: &[
            required("module", Shape::Str, "Dotted name of the Python module to import (`pkg.models`)."),
            key("rust_name", Shape::Str, "Name of the generated Rust module (default: the module name, dots → `_`)."),
            key("doc", Shape::Str, "Doc comment of the generated Rust module."),
            key(
                "verify",
                Shape::Bool,
                "Generate `verify()`, which compares the live module with this entry (names, kinds, parameters) at run time (default: false).",
            ),
            key("functions", Shape::List("function"), "Module functions to call."),
            key("classes", Shape::List("class"), "Classes to construct and call."),
            key("constants", Shape::List("constant"), "Module attributes read as typed values."),
            key("exceptions", Shape::List("exception"), "Exception classes that become variants of a Rust error enum."),
            key(
                "aliases",
                Shape::List("alias"),
                "Named types (`Mode: Literal[\"r\", \"w\"]`): a union or literal names the generated Rust enum.",
            ),
        ],
    },
    Section {
        name: "alias",
        what: "an alias",
        keys: &[
            required("name", Shape::Str, "The name types use, also the Rust name (`Mode`)."),
            required("type", Shape::Type, "The type it stands for, in Python typing syntax."),
            key("doc", Shape::Str, "Doc comment of the generated Rust enum or type alias."),
        ],
    },
    Section {
        name: "function",
        what: "a function",
        keys: &[
            required("name", Shape::Str, "Python name."),
            export_key("rust", Shape::Str, "Export: Rust path of the function (default: `name`).", NO_RUST),
            import_key(
                "rust_name",
                Shape::Str,
                "Import: the stub's Rust name (default: `name`, a Rust keyword as `r#name`, `self`/`Self`/`super`/`crate` with a trailing `_`).",
                RUST_NAME,
            ),
            key("params", Shape::List("param"), "Parameters, in order."),
            key("returns", Shape::Type, "Return type (default: `None` / `()`)."),
            export_key(
                "raises",
                Shape::Str,
                "Export: the declared exception an `Err` of a foreign error type raises (its message: the error's `Display`).",
                "declared exceptions of an import arrive as variants of the module's `Error` enum",
            ),
            export_key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export: how a returned class reaches Python: `value` (default, a new object owning the value), `shared` (the Rust function returns `Arc<C>`).",
                "Python values reach Rust as owned values or handles; there is nothing to choose",
            ),
            export_key("release_gil", Shape::Bool, RELEASE_GIL_DOC, RELEASE_GIL_ELSEWHERE),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "param",
        what: "a parameter",
        keys: &[
            required("name", Shape::Str, "Python name of the parameter."),
            required("type", Shape::Type, "Its type."),
            key(
                "default",
                Shape::Str,
                "The Python default, as text. Import: the Rust stub takes `Option<T>` (omitted, Python applies its own default). Export: `None` (for an `Option`), `True`/`False`, a number or a string of the parameter's type, used when Python omits the argument.",
            ),
            import_key(
                "rust_name",
                Shape::Str,
                "Import: the parameter's Rust name (default: `name`; `py` is `py_`).",
                RUST_NAME,
            ),
            key(
                "kind",
                Shape::OneOf(PARAM_KINDS),
                "`positional` (default), `keyword` (keyword-only), or, exports only, `positional_only`, `var_positional` (`*args`: a `Vec<T>`) or `var_keyword` (`**kwargs`: a `HashMap<String, T>`).",
            ),
        ],
    },
    Section {
        name: "class",
        what: "a class",
        keys: &[
            required("name", Shape::Str, "Python name of the class."),
            export_key("rust", Shape::Str, "Export: Rust type path (default: `name`).", NO_RUST),
            import_key("rust_name", Shape::Str, "Import: the handle type's Rust name (default: `name`).", RUST_NAME),
            key("doc", Shape::Str, "Docstring."),
            export_key(
                "from",
                Shape::Str,
                "Export: the pybridge extension module that exports this class (dotted name): its objects are taken and returned as that module's, through the table it publishes; nothing else may be declared on such a class.",
                EXPORT_ONLY,
            ),
            key("constructor", Shape::Map("constructor"), "The constructor (`__init__` / a Rust associated function)."),
            key("methods", Shape::List("method"), "Methods."),
            key("attributes", Shape::List("attribute"), "Attributes / fields exposed as properties."),
            export_key(
                "traits",
                Shape::StrList,
                "Export: Rust traits the type implements, as Python protocols (`Display`, `Debug`, `PartialEq`, `Hash`, `Ord`, `Clone` for `copy`, `FromStr`, `IntoIterator`; the `std::ops` operators `Add`, `Sub`, `Mul`, `Div`, `Rem`, `BitAnd`, `BitOr`, `BitXor`, `Shl`, `Shr`, `Neg`, `Not`; with their types, `Index<K, Output = V>` for `__getitem__`, `IndexMut<K>` for `__setitem__`, `Iterator<Item = T>` for `__next__`).",
                EXPORT_ONLY,
            ),
            export_key(
                "item",
                Shape::Type,
                "Export: the item type of `&T: IntoIterator` (with `traits: [IntoIterator]`), for `__iter__`.",
                EXPORT_ONLY,
            ),
            export_key(
                "subclass",
                Shape::Bool,
                "Export: Python classes may derive from it (default: `false`).",
                EXPORT_ONLY,
            ),
            export_key(
                "weakref",
                Shape::Bool,
                "Export: instances can be weakly referenced (`weakref.ref`) (default: `false`).",
                EXPORT_ONLY,
            ),
            export_key(
                "pickle",
                Shape::Bool,
                "Export: instances pickle as a call of the class with its constructor's arguments, each read from the attribute of the same name (default: `false`).",
                EXPORT_ONLY,
            ),
            export_key(
                "raises",
                Shape::Str,
                "Export: the default `raises` of the class's methods (and of `parse` from `FromStr`).",
                "declared exceptions of an import arrive as variants of the module's `Error` enum",
            ),
        ],
    },
    Section {
        name: "constructor",
        what: "a constructor",
        keys: &[
            export_key(
                "rust",
                Shape::Str,
                "Export: the associated function that builds the value (default: `new`).",
                NO_RUST,
            ),
            key("params", Shape::List("param"), "Parameters, in order."),
            export_key(
                "raises",
                Shape::Str,
                "Export: the declared exception an `Err` raises.",
                "declared exceptions of an import arrive as variants of the module's `Error` enum",
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "method",
        what: "a method",
        keys: &[
            required("name", Shape::Str, "Python name."),
            export_key("rust", Shape::Str, "Export: Rust method name (default: `name`).", NO_RUST),
            import_key("rust_name", Shape::Str, "Import: the handle method's Rust name (default: `name`).", RUST_NAME),
            key(
                "kind",
                Shape::OneOf(METHOD_KINDS),
                "`method` (default), `mut_method` (export, `&mut self`), `static`, `classmethod`.",
            ),
            key("params", Shape::List("param"), "Parameters after the receiver, in order."),
            key("returns", Shape::Type, "Return type (default: `None` / `()`)."),
            export_key(
                "raises",
                Shape::Str,
                "Export: the declared exception an `Err` raises.",
                "declared exceptions of an import arrive as variants of the module's `Error` enum",
            ),
            export_key("release_gil", Shape::Bool, RELEASE_GIL_DOC, RELEASE_GIL_ELSEWHERE),
            export_key(
                "extend",
                Shape::Bool,
                "Export: `rust:` is a free function taking the object first (SWIG's `%extend`).",
                EXPORT_ONLY,
            ),
            export_key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export: how a returned class reaches Python: `value` (default), `shared` (returns `Arc<C>`), `view` (returns `&C`; the result keeps this object alive).",
                "Python values reach Rust as owned values or handles; there is nothing to choose",
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "attribute",
        what: "an attribute",
        keys: &[
            required("name", Shape::Str, "Python name."),
            required("type", Shape::Type, "Its type."),
            key("writable", Shape::Bool, "Whether Python may assign it (default: false)."),
            export_key(
                "buffer",
                Shape::Bool,
                "Export, a `Vec<T>` field of numbers (`Vec<f64>`, `Vec<u8>`…): the object exports it read-only through the buffer protocol (`memoryview(obj)`, `numpy.asarray(obj)` without a copy) and refuses changes while an export is alive (default: false).",
                "a Python object's buffer is read through a `&[T]` parameter of an export instead",
            ),
            export_key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export, class-typed fields: `value` (default, the getter returns a copy) or `view` (a view into this object, which it keeps alive; assigning through it changes this object).",
                "Python values reach Rust as owned values or handles; there is nothing to choose",
            ),
            import_key(
                "rust_name",
                Shape::Str,
                "Import: the handle's Rust accessor name (default: `name`).",
                RUST_NAME,
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "enum",
        what: "an enum",
        keys: &[
            required("name", Shape::Str, "Python name."),
            key("rust", Shape::Str, "Rust type path (default: `name`)."),
            required(
                "variants",
                Shape::StrList,
                "Variant names (the Rust variants; also the members' Python names), in order.",
            ),
            key(
                "int",
                Shape::Bool,
                "Make the class an `enum.IntEnum` (members are ints) rather than an `enum.Enum` (default: `false`).",
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "exception",
        what: "an exception",
        keys: &[
            required("name", Shape::Str, "Python name of the exception class."),
            key(
                "base",
                Shape::Str,
                "Base class: a builtin exception or one declared in this module (default: `Exception`).",
            ),
            import_key(
                "bases",
                Shape::StrList,
                "Import: further base classes (multiple inheritance), named in the error variant's documentation.",
                "an exported exception derives from one `base`",
            ),
            import_key(
                "attributes",
                Shape::List("attribute"),
                "Import: attributes read off a raised exception, carried as fields of its error variant.",
                EXCEPTION_ATTRIBUTES,
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "constant",
        what: "a constant",
        keys: &[
            required("name", Shape::Str, "Python name."),
            required("type", Shape::Type, "Its type."),
            export_key("rust", Shape::Str, "Export: Rust expression giving the value (required for exports).", NO_RUST),
            import_key(
                "rust_name",
                Shape::Str,
                "Import: the reader function's Rust name (default: `name`).",
                RUST_NAME,
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
];

/// The section with the given name.
pub fn section(name: &str) -> &'static Section {
    SECTIONS.iter().find(|s| s.name == name).unwrap_or(&SECTIONS[0])
}
