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

/// One key of a section.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// Its value's shape.
    pub shape: Shape,
    /// Whether it must be present.
    pub required: bool,
    /// One line of documentation.
    pub doc: &'static str,
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
    Key { name, shape, required: false, doc }
}

const fn required(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key { name, shape, required: true, doc }
}

/// Method kinds accepted by `kind:` on methods.
pub const METHOD_KINDS: &[&str] = &["method", "mut_method", "static", "classmethod"];

/// Values of `policy` (return value policies).
pub const POLICIES: &[&str] = &["value", "shared", "view"];
/// Parameter kinds accepted by `kind:` on parameters.
pub const PARAM_KINDS: &[&str] = &["positional", "keyword"];
/// Traits a class can list under `traits:` (each gives Python protocol methods).
pub const TRAITS: &[&str] =
    &["Display", "Debug", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord", "FromStr", "IntoIterator"];

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
            key("functions", Shape::List("function"), "Module functions to call."),
            key("classes", Shape::List("class"), "Classes to construct and call."),
            key("constants", Shape::List("constant"), "Module attributes read as typed values."),
            key("exceptions", Shape::List("exception"), "Exception classes that become variants of a Rust error enum."),
        ],
    },
    Section {
        name: "function",
        what: "a function",
        keys: &[
            required("name", Shape::Str, "Python name."),
            key("rust", Shape::Str, "Export: Rust path of the function (default: `name`)."),
            key("params", Shape::List("param"), "Parameters, in order."),
            key("returns", Shape::Type, "Return type (default: `None` / `()`)."),
            key(
                "raises",
                Shape::Str,
                "Export: the declared exception an `Err` of a foreign error type raises (its message: the error's `Display`).",
            ),
            key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export: how a returned class reaches Python: `value` (default, a new object owning the value), `shared` (the Rust function returns `Arc<C>`).",
            ),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "param",
        what: "a parameter",
        keys: &[
            required("name", Shape::Str, "Python name of the parameter."),
            required("type", Shape::Type, "Its type."),
            key("default", Shape::Str, "Import: the Python default, as text; the Rust stub takes `Option<T>`."),
            key("kind", Shape::OneOf(PARAM_KINDS), "`positional` (default) or `keyword` (keyword-only)."),
        ],
    },
    Section {
        name: "class",
        what: "a class",
        keys: &[
            required("name", Shape::Str, "Python name of the class."),
            key("rust", Shape::Str, "Export: Rust type path (default: `name`)."),
            key("doc", Shape::Str, "Docstring."),
            key("constructor", Shape::Map("constructor"), "The constructor (`__init__` / a Rust associated function)."),
            key("methods", Shape::List("method"), "Methods."),
            key("attributes", Shape::List("attribute"), "Attributes / fields exposed as properties."),
            key(
                "traits",
                Shape::StrList,
                "Export: Rust traits the type implements, as Python protocols (`Display`, `Debug`, `PartialEq`, `Hash`, `Ord`, `FromStr`, `IntoIterator`).",
            ),
            key(
                "item",
                Shape::Type,
                "Export: the item type of `&T: IntoIterator` (with `traits: [IntoIterator]`), for `__iter__`.",
            ),
            key(
                "raises",
                Shape::Str,
                "Export: the default `raises` of the class's methods (and of `parse` from `FromStr`).",
            ),
        ],
    },
    Section {
        name: "constructor",
        what: "a constructor",
        keys: &[
            key("rust", Shape::Str, "Export: the associated function that builds the value (default: `new`)."),
            key("params", Shape::List("param"), "Parameters, in order."),
            key("raises", Shape::Str, "Export: the declared exception an `Err` raises."),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "method",
        what: "a method",
        keys: &[
            required("name", Shape::Str, "Python name."),
            key("rust", Shape::Str, "Export: Rust method name (default: `name`)."),
            key(
                "kind",
                Shape::OneOf(METHOD_KINDS),
                "`method` (default), `mut_method` (export, `&mut self`), `static`, `classmethod`.",
            ),
            key("params", Shape::List("param"), "Parameters after the receiver, in order."),
            key("returns", Shape::Type, "Return type (default: `None` / `()`)."),
            key("raises", Shape::Str, "Export: the declared exception an `Err` raises."),
            key(
                "extend",
                Shape::Bool,
                "Export: `rust:` is a free function taking the object first (SWIG's `%extend`).",
            ),
            key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export: how a returned class reaches Python: `value` (default), `shared` (returns `Arc<C>`), `view` (returns `&C`; the result keeps this object alive).",
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
            key(
                "policy",
                Shape::OneOf(POLICIES),
                "Export, class-typed fields: `value` (default, the getter returns a copy) or `view` (a view into this object, which it keeps alive; assigning through it changes this object).",
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
            required("variants", Shape::StrList, "Variant names, in order; values are their positions."),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "exception",
        what: "an exception",
        keys: &[
            required("name", Shape::Str, "Python name of the exception class."),
            key("base", Shape::Str, "Base class: a builtin exception or one declared above (default: `Exception`)."),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
    Section {
        name: "constant",
        what: "a constant",
        keys: &[
            required("name", Shape::Str, "Python name."),
            required("type", Shape::Type, "Its type."),
            key("rust", Shape::Str, "Export: Rust expression giving the value (required for exports)."),
            key("doc", Shape::Str, "Docstring."),
        ],
    },
];

/// The section with the given name.
pub fn section(name: &str) -> &'static Section {
    SECTIONS.iter().find(|s| s.name == name).unwrap_or(&SECTIONS[0])
}
