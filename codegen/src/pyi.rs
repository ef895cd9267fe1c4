//! `.pyi` stubs for an export module, written from the model by a small line writer:
//! deterministic (declaration order), with the autogen banner, `typing` imported only when used.

use std::fmt::Write as _;

use pybridge_model::protocols::Protocol;
use pybridge_model::{Class, Dunder, Enum, Exception, FnKind, Function, Module, ParamKind, TypeKind};

use crate::banner::pyi_banner;

/// Every exported module's `PanicException` (runtime `register_panic_exception`).
const PANIC_EXCEPTION: &str = "\nclass PanicException(BaseException):\n    \"\"\"A Rust panic inside this module's code (not an `Exception`: catch it by name).\"\"\"\n";

/// The `.pyi` text for an export module.
pub fn emit_pyi(module: &Module, source: &str) -> String {
    let mut body = String::new();
    body.push_str(PANIC_EXCEPTION);
    for c in &module.constants {
        let _ = writeln!(body, "\n{}: {}", c.name.py, c.ty.python());
        if let Some(doc) = &c.doc {
            let _ = writeln!(body, "{}", docstring(doc, ""));
        }
    }
    for e in &module.exceptions {
        write_exception(&mut body, e);
    }
    for e in &module.enums {
        write_enum(&mut body, e);
    }
    for c in &module.classes {
        write_class(&mut body, c);
    }
    for f in &module.functions {
        body.push('\n');
        write_function(&mut body, f, "", "");
    }
    let mut out = pyi_banner(source);
    if let Some(doc) = &module.doc {
        let _ = writeln!(out, "{}", docstring(doc, ""));
    }
    if body.contains("typing.") {
        out.push_str("import typing\n");
    }
    if body.contains("typing_extensions.") {
        out.push_str("import typing_extensions\n");
    }
    // The modules standard types are annotated from (`datetime.timedelta`…), when used.
    let uses = [
        ("enum", &["(enum.Enum):", "(enum.IntEnum):"][..]),
        ("datetime", &["datetime.timedelta", "datetime.datetime"][..]),
        ("ipaddress", &["ipaddress.IPv4Address", "ipaddress.IPv6Address"][..]),
        ("os", &["os.PathLike["][..]),
        ("pathlib", &["pathlib.Path"][..]),
    ];
    for (module, names) in uses {
        if names.iter().any(|n| body.contains(n)) {
            let _ = writeln!(out, "import {module}");
        }
    }
    // Classes of other pybridge modules (`from:`): their own type, so type checkers see one.
    let mut foreign: Vec<(&str, &str)> =
        module.foreign.iter().map(|f| (f.module.as_str(), f.name.py.as_str())).collect();
    foreign.sort_unstable();
    for (from, name) in foreign {
        let _ = writeln!(out, "from {from} import {name}");
    }
    // The module's `__all__`, in the order the init function registers the names.
    let panic = String::from("PanicException");
    let names: Vec<String> = std::iter::once(&panic)
        .chain(module.exceptions.iter().map(|e| &e.name.py))
        .chain(module.classes.iter().map(|c| &c.name.py))
        .chain(module.enums.iter().map(|e| &e.name.py))
        .chain(module.functions.iter().map(|f| &f.name.py))
        .chain(module.constants.iter().map(|c| &c.name.py))
        .map(|n| format!("{n:?}"))
        .collect();
    let _ = writeln!(out, "\n__all__ = [{}]", names.join(", "));
    out.push_str(&body);
    out
}

fn params_of(f: &Function, with_self: bool) -> String {
    let mut params: Vec<String> = Vec::new();
    if with_self {
        params.push("self".into());
    }
    // A protocol's slot takes its operands by position (`/`); `__eq__`/`__ne__` take any object
    // (a foreign operand gets `NotImplemented`), as `object` declares them.
    let protocol = Protocol::named(&f.name.py).filter(|p| p.name != "__call__" && f.kind != FnKind::Constructor);
    let mut star = false;
    let positional_only = f.params.iter().filter(|p| p.kind == ParamKind::PositionalOnly).count();
    for (i, p) in f.params.iter().enumerate() {
        // `*args: T` (a `Vec<T>` in Rust) stands for the bare `*`; `**kwargs: T` comes last.
        let ty = if protocol.is_some_and(|p| p.operand_is_object()) { "object".into() } else { p.ty.python_param() };
        match (&p.kind, &p.ty.kind) {
            (ParamKind::VarPositional, TypeKind::List(item)) => {
                star = true;
                params.push(format!("*{}: {}", p.name.py, item.python_param()));
                continue;
            }
            (ParamKind::VarKeyword, TypeKind::Dict(_, value, _)) => {
                params.push(format!("**{}: {}", p.name.py, value.python_param()));
                continue;
            }
            _ => {}
        }
        if p.kind == ParamKind::Keyword && !std::mem::replace(&mut star, true) {
            params.push("*".into());
        }
        match &p.default {
            Some(default) => params.push(format!("{}: {} = {}", p.name.py, ty, default)),
            None => params.push(format!("{}: {}", p.name.py, ty)),
        }
        if positional_only > 0 && i + 1 == positional_only {
            params.push("/".into());
        }
    }
    if matches!(f.name.py.as_str(), "__pow__" | "__rpow__") && f.params.len() == 1 {
        // The slot's optional modulo, which the wrapper refuses unless it is `None`.
        params.push("modulo: None = None".into());
    }
    if protocol.is_some() && !f.params.is_empty() {
        params.push("/".into());
    }
    params.join(", ")
}

fn write_function(out: &mut String, f: &Function, indent: &str, class: &str) {
    let with_self = !matches!(f.kind, FnKind::Free | FnKind::Static | FnKind::ClassMethod | FnKind::Constructor);
    // pyo3 constructors are `__new__` (the instance exists once Rust built the value).
    let (name, returns) = match f.kind {
        FnKind::Constructor => ("__new__".to_string(), class.to_string()),
        // `__next__` returns `Option<T>` in Rust; Python sees `T` (`None` is `StopIteration`).
        _ if f.name.py == "__next__" => match &f.returns.kind {
            TypeKind::Optional(inner) => (f.name.py.clone(), inner.python()),
            _ => (f.name.py.clone(), f.returns.python()),
        },
        _ if Protocol::named(&f.name.py).is_some_and(|p| p.is_in_place()) => (f.name.py.clone(), class.to_string()),
        // Called on a subclass, it returns an instance of that subclass.
        FnKind::ClassMethod
            if f.policy == pybridge_model::ReturnPolicy::Value
                && matches!(&f.returns.kind, TypeKind::Class(c) if c.name == class && !c.shared) =>
        {
            (f.name.py.clone(), "typing_extensions.Self".to_string())
        }
        _ => (f.name.py.clone(), f.returns.python()),
    };
    match f.kind {
        FnKind::Static if !indent.is_empty() => {
            let _ = writeln!(out, "{indent}@staticmethod");
        }
        FnKind::ClassMethod if !indent.is_empty() => {
            let _ = writeln!(out, "{indent}@classmethod");
        }
        FnKind::Getter => {
            let _ = writeln!(out, "{indent}@property");
        }
        FnKind::Setter => {
            let _ = writeln!(out, "{indent}@{name}.setter");
        }
        _ => {}
    }
    let returns = if f.kind == FnKind::Setter { "None".to_string() } else { returns };
    let mut params = params_of(f, with_self);
    if matches!(f.kind, FnKind::Constructor | FnKind::ClassMethod) && !indent.is_empty() {
        params = if params.is_empty() { "cls".into() } else { format!("cls, {params}") };
    }
    let _ = write!(out, "{indent}def {name}({params}) -> {returns}:");
    match &f.doc {
        Some(doc) => {
            let _ = writeln!(out, "\n{}\n{indent}    ...", docstring(doc, &format!("{indent}    ")));
        }
        None => out.push_str(" ...\n"),
    }
}

/// The methods CPython adds beside declared protocol methods sharing their slot (`__radd__`
/// beside `__add__`): present at run time, accepting no operand (`NoReturn`), so mypy still
/// refuses `1 + v` and stubtest finds every runtime method in the stub.
fn write_slot_partners(out: &mut String, methods: &[Function], dunders: &[Dunder]) {
    let from_trait = |name: &str| dunders.iter().any(|d| d.python_names().contains(&name));
    let declared = |name: &str| methods.iter().any(|m| m.name.py == name) || from_trait(name);
    // Methods declared by name, then operators from traits (`__add__` from `Add`) that no
    // method replaces.
    let names = methods.iter().map(|m| m.name.py.as_str()).chain(
        dunders
            .iter()
            .filter(|d| matches!(d, Dunder::Op(..)))
            .flat_map(|d| d.python_names().iter().copied())
            .filter(|n| !methods.iter().any(|m| m.name.py == *n)),
    );
    for name in names {
        let Some(partner) = pybridge_model::protocols::slot_partner(name).filter(|p| !declared(p)) else {
            continue;
        };
        let params = match partner {
            "__delitem__" => "key: typing.NoReturn, /",
            "__pow__" | "__rpow__" => "other: typing.NoReturn, modulo: None = None, /",
            _ => "other: typing.NoReturn, /",
        };
        let returns = if partner == "__delitem__" { "None" } else { "typing.NoReturn" };
        let _ = writeln!(out, "    def {partner}(self, {params}) -> {returns}: ...");
    }
}

/// Decorators stubtest expects on an extension class: `final` unless Python may subclass it,
/// else `disjoint_base` (PEP 800: its instances have their own layout).
fn write_class_header(out: &mut String, name: &str, subclass: bool) {
    out.push('\n');
    out.push_str(if subclass { "@typing_extensions.disjoint_base\n" } else { "@typing.final\n" });
    let _ = writeln!(out, "class {name}:");
}

fn write_class(out: &mut String, c: &Class) {
    write_class_header(out, &c.name.py, c.subclass);
    if let Some(doc) = &c.doc {
        let _ = writeln!(out, "{}", docstring(doc, "    "));
    }
    for a in &c.attributes {
        let _ = writeln!(out, "    @property\n    def {}(self) -> {}: ...", a.name.py, a.ty.python());
        if a.writable {
            let _ =
                writeln!(out, "    @{0}.setter\n    def {0}(self, value: {1}) -> None: ...", a.name.py, a.ty.python());
        }
    }
    for m in &c.methods {
        write_function(out, m, "    ", &c.name.py);
    }
    let me = &c.name.py;
    write_dunders(out, &c.dunders, &c.methods, me);
    write_slot_partners(out, &c.methods, &c.dunders);
    if pybridge_model::protocols::needs_self_iter(c) {
        let _ = writeln!(out, "    def __iter__(self) -> {me}: ...");
    }
    if let Some(item) = &c.iter_item {
        let _ = writeln!(out, "    def __iter__(self) -> typing.Iterator[{}]: ...", item.python());
    }
    if c.close.is_some() {
        let _ = writeln!(out, "    def __enter__(self) -> {me}: ...");
        out.push_str("    def __exit__(self, exc_type: object, exc_value: object, traceback: object) -> bool: ...\n");
    }
    if c.pickle.is_some() {
        out.push_str("    def __reduce__(self) -> tuple[typing.Any, ...]: ...\n");
    }
    // A `buffer` field: the object is a `typing_extensions.Buffer` (`memoryview(obj)` type-checks).
    if c.attributes.iter().any(|a| a.buffer.is_some()) {
        out.push_str("    def __buffer__(self, flags: int, /) -> memoryview: ...\n");
    }
    if c.attributes.is_empty()
        && c.methods.is_empty()
        && c.dunders.is_empty()
        && c.close.is_none()
        && c.pickle.is_none()
        && c.iter_item.is_none()
        && c.doc.is_none()
    {
        out.push_str("    ...\n");
    }
}

/// Protocols from Rust traits (those the class does not declare by name); `__eq__` without
/// `Hash` makes instances unhashable (pyo3 sets `__hash__` to `None`, as Python does for a class
/// defining only `__eq__`).
fn write_dunders(out: &mut String, dunders: &[Dunder], methods: &[Function], me: &str) {
    let declared = |name: &str| methods.iter().any(|m| m.name.py == name);
    for d in dunders {
        for name in d.python_names().iter().filter(|n| !declared(n)) {
            let _ = match d {
                Dunder::Repr | Dunder::Str => writeln!(out, "    def {name}(self) -> str: ..."),
                Dunder::Eq => writeln!(out, "    def {name}(self, other: object, /) -> bool: ..."),
                Dunder::Hash => writeln!(out, "    def {name}(self) -> int: ..."),
                Dunder::Ord => writeln!(out, "    def {name}(self, other: {me}, /) -> bool: ..."),
                Dunder::Copy if *name == "__copy__" => writeln!(out, "    def __copy__(self) -> {me}: ..."),
                Dunder::Copy => {
                    writeln!(out, "    def __deepcopy__(self, memo: dict[int, typing.Any]) -> {me}: ...")
                }
                Dunder::Op(op, _) if op.is_unary() => writeln!(out, "    def {name}(self) -> {me}: ..."),
                Dunder::Op(..) => writeln!(out, "    def {name}(self, other: {me}, /) -> {me}: ..."),
            };
        }
    }
    if (dunders.contains(&Dunder::Eq) || declared("__eq__")) && !dunders.contains(&Dunder::Hash) {
        out.push_str("    __hash__: typing.ClassVar[None]  # type: ignore[assignment]\n");
    }
}

fn write_enum(out: &mut String, e: &Enum) {
    if e.has_data() {
        write_data_enum(out, e);
        return;
    }
    // A real `enum.Enum`: members are written with their values where the front end knows
    // them (the attribute's discriminants), `...` otherwise (a spec names variants only), as
    // typeshed writes enum members.
    let base = if e.int { "enum.IntEnum" } else { "enum.Enum" };
    let _ = writeln!(out, "\nclass {}({base}):", e.name.py);
    if let Some(doc) = &e.doc {
        let _ = writeln!(out, "{}", docstring(doc, "    "));
    }
    out.push_str(
        "    _value_: int
",
    );
    for v in &e.variants {
        match v.value {
            Some(value) => {
                let _ = writeln!(out, "    {} = {value}", v.name.py);
            }
            None => {
                let _ = writeln!(out, "    {} = ...", v.name.py);
            }
        }
    }
}

/// A base class with one nested final subclass per variant, as at runtime (`Shape.Circle`).
fn write_data_enum(out: &mut String, e: &Enum) {
    write_class_header(out, &e.name.py, true);
    if let Some(doc) = &e.doc {
        let _ = writeln!(out, "{}", docstring(doc, "    "));
    }
    write_dunders(out, &e.dunders, &[], &e.name.py);
    for v in &e.variants {
        let _ = writeln!(out, "    @typing.final\n    class {}({}):", v.name.py, e.name.py);
        let params: Vec<String> = v.fields.iter().map(|f| format!("{}: {}", f.name.py, f.ty.python())).collect();
        let sep = if params.is_empty() { "" } else { ", " };
        let _ = writeln!(out, "        def __new__(cls{sep}{}) -> {}.{}: ...", params.join(", "), e.name.py, v.name.py);
        for f in &v.fields {
            let _ = writeln!(out, "        @property\n        def {}(self) -> {}: ...", f.name.py, f.ty.python());
        }
        if !v.fields.is_empty() {
            let names: Vec<String> = v.fields.iter().map(|f| format!("{:?}", f.name.py)).collect();
            let comma = if names.len() == 1 { "," } else { "" };
            let _ = writeln!(out, "        __match_args__ = ({}{comma})", names.join(", "));
        }
    }
}

fn write_exception(out: &mut String, e: &Exception) {
    let _ = writeln!(out, "\nclass {}({}):", e.name.py, e.base.name);
    if let Some(doc) = &e.doc {
        let _ = writeln!(out, "{}", docstring(doc, "    "));
    }
    for a in &e.attributes {
        let _ = writeln!(out, "    {}: {}", a.name.py, a.ty.python());
    }
    if e.attributes.is_empty() && e.doc.is_none() {
        out.push_str("    ...\n");
    }
}

fn docstring(doc: &str, indent: &str) -> String {
    let escaped = doc.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let body: Vec<String> =
        escaped.lines().map(|l| if l.is_empty() { String::new() } else { format!("{indent}{l}") }).collect();
    let joined = body.join("\n");
    if body.len() <= 1 {
        format!("{indent}\"\"\"{}\"\"\"", joined.trim_start())
    } else {
        format!("{indent}\"\"\"{}\n{indent}\"\"\"", joined.trim_start())
    }
}
