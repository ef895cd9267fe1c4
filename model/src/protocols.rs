//! Python protocol methods a class may declare by name (`__len__`, `__add__`, `__getitem__`…),
//! from `impl` blocks (`#[py_embed]`) and spec `methods:` alike: the one table that says which
//! names are protocols, how many operands each takes, what the interpreter's slot needs them
//! to return, and how the `.pyi` spells them. The check phase reads it
//! (`check/protocols.rs`); the emitters read it for the pyo3 attribute and the stub.

/// What a protocol method returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// Any value that crosses (not `()`).
    Value,
    /// Nothing (`()`): in-place operators and item assignment.
    Unit,
    /// `bool`.
    Bool,
    /// `usize` (`len()` needs a non-negative size).
    Usize,
    /// `Option<T>`: `None` ends the iteration (`__next__`).
    Next,
    /// `String` or `&str` (`__repr__`, `__str__`).
    Text,
    /// An integer (`__int__`, `__index__`).
    Int,
    /// A float (`__float__`).
    Float,
    /// Anything, `()` included (`__call__`).
    Anything,
}

/// One protocol method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Protocol {
    /// The Python name.
    pub name: &'static str,
    /// How many operands besides `self`: at least `min`, at most `max` (`__pow__`'s modulo is
    /// optional; `__call__` takes any number).
    pub min: usize,
    /// See `min`.
    pub max: usize,
    /// What it must return.
    pub returns: Returns,
}

const fn protocol(name: &'static str, operands: usize, returns: Returns) -> Protocol {
    Protocol { name, min: operands, max: operands, returns }
}

use Returns::*;

/// Every protocol method a class may declare by name.
pub const PROTOCOLS: &[Protocol] = &[
    // Binary operators and their reflected forms: an operand of another type makes pyo3 return
    // `NotImplemented`, so Python tries the other operand's method.
    protocol("__add__", 1, Value),
    protocol("__radd__", 1, Value),
    protocol("__sub__", 1, Value),
    protocol("__rsub__", 1, Value),
    protocol("__mul__", 1, Value),
    protocol("__rmul__", 1, Value),
    protocol("__matmul__", 1, Value),
    protocol("__rmatmul__", 1, Value),
    protocol("__truediv__", 1, Value),
    protocol("__rtruediv__", 1, Value),
    protocol("__floordiv__", 1, Value),
    protocol("__rfloordiv__", 1, Value),
    protocol("__mod__", 1, Value),
    protocol("__rmod__", 1, Value),
    protocol("__divmod__", 1, Value),
    protocol("__rdivmod__", 1, Value),
    Protocol { name: "__pow__", min: 1, max: 2, returns: Value },
    Protocol { name: "__rpow__", min: 1, max: 2, returns: Value },
    protocol("__lshift__", 1, Value),
    protocol("__rlshift__", 1, Value),
    protocol("__rshift__", 1, Value),
    protocol("__rrshift__", 1, Value),
    protocol("__and__", 1, Value),
    protocol("__rand__", 1, Value),
    protocol("__or__", 1, Value),
    protocol("__ror__", 1, Value),
    protocol("__xor__", 1, Value),
    protocol("__rxor__", 1, Value),
    // In-place operators change the object (`a += b` keeps `a`).
    protocol("__iadd__", 1, Unit),
    protocol("__isub__", 1, Unit),
    protocol("__imul__", 1, Unit),
    protocol("__imatmul__", 1, Unit),
    protocol("__itruediv__", 1, Unit),
    protocol("__ifloordiv__", 1, Unit),
    protocol("__imod__", 1, Unit),
    protocol("__ilshift__", 1, Unit),
    protocol("__irshift__", 1, Unit),
    protocol("__iand__", 1, Unit),
    protocol("__ior__", 1, Unit),
    protocol("__ixor__", 1, Unit),
    // Unary operators and conversions.
    protocol("__neg__", 0, Value),
    protocol("__pos__", 0, Value),
    protocol("__abs__", 0, Value),
    protocol("__invert__", 0, Value),
    protocol("__int__", 0, Int),
    protocol("__float__", 0, Float),
    protocol("__index__", 0, Int),
    protocol("__bool__", 0, Bool),
    // Rich comparison (an operand of another type: `NotImplemented`).
    protocol("__eq__", 1, Value),
    protocol("__ne__", 1, Value),
    protocol("__lt__", 1, Value),
    protocol("__le__", 1, Value),
    protocol("__gt__", 1, Value),
    protocol("__ge__", 1, Value),
    // Containers.
    protocol("__len__", 0, Usize),
    protocol("__getitem__", 1, Value),
    protocol("__setitem__", 2, Unit),
    protocol("__delitem__", 1, Unit),
    protocol("__contains__", 1, Bool),
    // Iteration: a class with `__next__` is its own iterator (`__iter__` returns it).
    protocol("__iter__", 0, Value),
    protocol("__next__", 0, Next),
    // Calls and text.
    Protocol { name: "__call__", min: 0, max: usize::MAX, returns: Anything },
    protocol("__repr__", 0, Text),
    protocol("__str__", 0, Text),
];

/// Dunder names that are not declarable, each with what to do instead.
pub const REFUSED: &[(&str, &str)] = &[
    ("__init__", "declare a constructor (spec `constructor:`, or `#[py_embed(constructor)]`)"),
    ("__new__", "declare a constructor (spec `constructor:`, or `#[py_embed(constructor)]`)"),
    ("__hash__", "derive or implement `Hash` (spec `traits: [Hash]`): it must agree with `__eq__`"),
    ("__del__", "implement `Drop`: it runs exactly once, when Python frees the object"),
    ("__enter__", "declare the class's `close` method: `with` closes the object on exit"),
    ("__exit__", "declare the class's `close` method: `with` closes the object on exit"),
    ("__richcmp__", "declare `__eq__`, `__lt__`… one by one, or list `PartialEq`/`PartialOrd` in the traits"),
    ("__getattr__", "attribute hooks are not bound: declare the attributes (`attributes:` or `#[py_embed(get)]`)"),
    ("__getattribute__", "attribute hooks are not bound: declare the attributes (`attributes:` or `#[py_embed(get)]`)"),
    (
        "__setattr__",
        "attribute hooks are not bound: declare writable attributes (`writable: true` or `#[py_embed(set)]`)",
    ),
    ("__delattr__", "attribute hooks are not bound: declare the attributes"),
    ("__get__", "descriptors are not bound: give the class ordinary methods"),
    ("__set__", "descriptors are not bound: give the class ordinary methods"),
    ("__delete__", "descriptors are not bound: give the class ordinary methods"),
    ("__await__", "awaitables are not bound: return a value, or release the interpreter (`release_gil`)"),
    ("__aiter__", "async iteration is not bound: declare `__iter__`/`__next__`"),
    ("__anext__", "async iteration is not bound: declare `__iter__`/`__next__`"),
    ("__traverse__", "pybridge writes the garbage collector's hooks itself"),
    ("__clear__", "pybridge writes the garbage collector's hooks itself"),
    ("__concat__", "declare `__add__`"),
    ("__repeat__", "declare `__mul__`"),
    ("__inplace_concat__", "declare `__iadd__`"),
    ("__inplace_repeat__", "declare `__imul__`"),
    ("__getbuffer__", "the buffer protocol is not bound yet: return `Vec<u8>` or `Vec<f64>`"),
    ("__releasebuffer__", "the buffer protocol is not bound yet: return `Vec<u8>` or `Vec<f64>`"),
];

/// Dunders Python looks up as ordinary methods (no slot): declared like any other method, with
/// any parameters (`__round__(self, ndigits=None)`, `__format__(self, spec)`, `__copy__`…).
pub const PLAIN: &[&str] = &[
    "__bytes__",
    "__ceil__",
    "__complex__",
    "__copy__",
    "__deepcopy__",
    "__dir__",
    "__floor__",
    "__format__",
    "__fspath__",
    "__getnewargs__",
    "__getnewargs_ex__",
    "__getstate__",
    "__length_hint__",
    "__reduce__",
    "__reduce_ex__",
    "__reversed__",
    "__round__",
    "__setstate__",
    "__sizeof__",
    "__trunc__",
];

impl Protocol {
    /// The protocol method named `name`, if it is one.
    ///
    /// ```
    /// use pybridge_model::protocols::Protocol;
    /// assert_eq!(Protocol::named("__len__").map(|p| p.min), Some(0));
    /// assert!(Protocol::named("__frobnicate__").is_none());
    /// ```
    pub fn named(name: &str) -> Option<&'static Protocol> {
        PROTOCOLS.iter().find(|p| p.name == name)
    }

    /// Whether the protocol is an in-place operator (`__iadd__`…): the Rust method changes the
    /// object and returns nothing, and Python's `a += b` keeps `a` (pyo3 returns it), so the
    /// `.pyi` says it returns the class.
    ///
    /// ```
    /// use pybridge_model::protocols::Protocol;
    /// assert!(Protocol::named("__iadd__").unwrap().is_in_place());
    /// assert!(!Protocol::named("__setitem__").unwrap().is_in_place());
    /// ```
    pub fn is_in_place(&self) -> bool {
        self.returns == Returns::Unit && self.name.starts_with("__i")
    }

    /// Whether the `.pyi` types the operand as `object`: `__eq__`/`__ne__` accept anything
    /// (Python's `object` declares them so; a foreign operand gets `NotImplemented`).
    pub fn operand_is_object(&self) -> bool {
        matches!(self.name, "__eq__" | "__ne__")
    }
}

/// The method CPython adds beside a declared one because both share a slot (`__radd__` beside
/// `__add__`, `__delitem__` beside `__setitem__`): at run time it exists and answers
/// `NotImplemented` (or raises), so the `.pyi` lists it as accepting nothing.
///
/// ```
/// use pybridge_model::protocols::slot_partner;
/// assert_eq!(slot_partner("__add__"), Some("__radd__"));
/// assert_eq!(slot_partner("__rsub__"), Some("__sub__"));
/// assert_eq!(slot_partner("__len__"), None);
/// ```
pub fn slot_partner(name: &str) -> Option<&'static str> {
    const PAIRS: &[(&str, &str)] = &[
        ("__add__", "__radd__"),
        ("__sub__", "__rsub__"),
        ("__mul__", "__rmul__"),
        ("__matmul__", "__rmatmul__"),
        ("__truediv__", "__rtruediv__"),
        ("__floordiv__", "__rfloordiv__"),
        ("__mod__", "__rmod__"),
        ("__divmod__", "__rdivmod__"),
        ("__pow__", "__rpow__"),
        ("__lshift__", "__rlshift__"),
        ("__rshift__", "__rrshift__"),
        ("__and__", "__rand__"),
        ("__or__", "__ror__"),
        ("__xor__", "__rxor__"),
        ("__setitem__", "__delitem__"),
    ];
    PAIRS.iter().find_map(|&(a, b)| match name {
        _ if name == a => Some(b),
        _ if name == b => Some(a),
        _ => None,
    })
}

/// Whether `name` is written as a dunder (`__x__`).
///
/// ```
/// assert!(pybridge_model::protocols::is_dunder("__len__"));
/// assert!(!pybridge_model::protocols::is_dunder("__private"));
/// ```
pub fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// Whether the emitters add `__iter__` returning the object: the class declares `__next__`
/// but neither `__iter__` nor an item type (`item:`, which adds its own `__iter__`).
pub fn needs_self_iter(class: &crate::ir::Class) -> bool {
    let declares = |name: &str| class.methods.iter().any(|m| m.name.py == name);
    declares("__next__") && !declares("__iter__") && class.iter_item.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_protocol_is_a_distinct_dunder_and_none_is_refused() {
        let mut names: Vec<&str> = PROTOCOLS.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PROTOCOLS.len());
        assert!(names.iter().all(|n| is_dunder(n)));
        assert!(REFUSED.iter().all(|(n, _)| Protocol::named(n).is_none() && !PLAIN.contains(n)));
        assert!(PLAIN.iter().all(|n| Protocol::named(n).is_none() && is_dunder(n)));
    }
}
