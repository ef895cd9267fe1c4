//! Check: the rules a resolved model must satisfy before any emitter runs. One function per
//! rule, each saying why it exists.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Direction, FnKind, Function, Module, Name, ParamKind, ReturnPolicy};
use crate::names::{generated, is_identifier, is_module_path, is_python_keyword};
use crate::origin::Origin;
use crate::types::TypeKind;

/// Python builtin exception classes an exported exception may derive from.
pub const BUILTIN_EXCEPTIONS: &[&str] = &[
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "StopIteration",
    "TimeoutError",
    "TypeError",
    "UnicodeError",
    "ValueError",
    "ZeroDivisionError",
    "FileNotFoundError",
    "PermissionError",
    "ConnectionError",
];

/// Runs every rule on every module.
pub fn check_bridge(bridge: &Bridge, diags: &mut Diagnostics) {
    check_import_names_unique(bridge, diags);
    for module in &bridge.modules {
        check_module_name(module, diags);
        check_unique_names(module, diags);
        check_functions(module, diags);
        check_import_generated_names(module, diags);
        check_export_shapes(module, diags);
        check_policies(module, diags);
        check_exported_in_imports(module, diags);
        check_rust_paths(module, diags);
        check_rust_names_distinct(module, diags);
        check_hashable_keys(module, diags);
        check_export_dunders(module, diags);
        check_borrowed_positions(module, diags);
        check_empty_tuples(module, diags);
        check_param_patterns(module, diags);
        check_prelude_shadowing(module, diags);
        check_exported_paths_in_imports(module, diags);
    }
}

/// Every type a module declares, with whether it is a parameter's (true) or a value read
/// out (returns, attributes, constants).
fn module_types(module: &Module) -> impl Iterator<Item = (&crate::types::Type, Position)> {
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    functions
        .flat_map(|f| {
            f.params.iter().map(|p| (&p.ty, Position::Param)).chain(std::iter::once((&f.returns, Position::Return)))
        })
        .chain(module.classes.iter().flat_map(|c| c.attributes.iter().map(|a| (&a.ty, Position::Value))))
        .chain(module.classes.iter().filter_map(|c| c.iter_item.as_ref()).map(|t| (t, Position::Value)))
        .chain(module.constants.iter().map(|c| (&c.ty, Position::Constant)))
        .chain(module.exceptions.iter().flat_map(|e| e.attributes.iter().map(|a| (&a.ty, Position::Value))))
        .chain(
            module
                .enums
                .iter()
                .flat_map(|e| e.variants.iter().flat_map(|v| v.fields.iter().map(|a| (&a.ty, Position::Value)))),
        )
}

/// Where a type stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// A parameter.
    Param,
    /// A function's return.
    Return,
    /// A constant (its Rust expression is bound to the type as written).
    Constant,
    /// Held by an object: an attribute, an iterator item, a variant's or exception's field.
    Value,
}

/// Set elements and dict keys are hashed on both sides: Python refuses unhashable values
/// (`list`, `dict`, `set`), and Rust's `HashSet`/`HashMap` need `Eq + Hash`, which `f64`,
/// handles and Python objects lack.
fn check_hashable_keys(module: &Module, diags: &mut Diagnostics) {
    fn hashable(ty: &crate::types::Type) -> bool {
        match &ty.kind {
            TypeKind::Bool | TypeKind::Int(_) | TypeKind::Str { .. } | TypeKind::Bytes { .. } => true,
            TypeKind::Optional(inner) => hashable(inner),
            TypeKind::Tuple(items) => !items.is_empty() && items.iter().all(hashable),
            _ => false,
        }
    }
    for (ty, _) in module_types(module) {
        ty.walk(&mut |t| {
            let (key, what) = match &t.kind {
                TypeKind::Set(item) => (item, "a set element"),
                TypeKind::Dict(key, _) => (key, "a dict key"),
                _ => return,
            };
            if hashable(key) {
                return;
            }
            let why = match &key.kind {
                TypeKind::Float { .. } => "Rust's floats are neither `Eq` nor `Hash`",
                TypeKind::List(_) | TypeKind::Dict(..) | TypeKind::Set(_) => "Python cannot hash it",
                _ => "it cannot be hashed on both sides",
            };
            diags.push(
                Diagnostic::new(key.origin, format!("`{}` cannot be {what}: {why}", key.python())).help(
                    "use `int`, `str`, `bool`, `bytes` or a tuple of them; or a list of pairs instead of the map",
                ),
            );
        });
    }
}

/// Python's protocol methods (`__len__`, `__add__`…) need pyo3's slot machinery, which a plain
/// method declaration does not reach: pyo3 refuses them at compile time. Protocols come from
/// traits today (`traits:` / derives); refusing the name here keeps `check` honest.
fn check_export_dunders(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for c in &module.classes {
        for m in c.methods.iter().filter(|m| m.kind != FnKind::Constructor) {
            let py = &m.name.py;
            if py.len() > 4 && py.starts_with("__") && py.ends_with("__") {
                diags.push(
                    Diagnostic::new(m.name.origin, format!("`{py}` is a Python protocol method, which cannot be declared as a method yet"))
                        .help("`__repr__`, `__str__`, `__eq__`, `__hash__` and ordering come from the Rust traits (spec `traits:`, or derives with `#[py_embed]`); give other methods a plain name"),
                );
            }
        }
    }
}

/// Borrowed text (`&str`, `&[u8]`) crosses as a whole parameter or return, or directly inside
/// one `Option`/`Vec` (the wrapper holds the owned value and lends it, or copies a returned
/// borrow). Elsewhere (a field, a constant's container, a map, a tuple, deeper nesting) no
/// owner exists for the borrow.
fn check_borrowed_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let borrowed = |t: &TypeKind| matches!(t, TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true });
    for (ty, position) in module_types(module) {
        let allowed: Option<&crate::types::Type> = match (&ty.kind, position) {
            (_, Position::Value) => None,
            (k, _) if borrowed(k) => Some(ty),
            (TypeKind::Optional(inner) | TypeKind::List(inner), Position::Param | Position::Return)
                if borrowed(&inner.kind) =>
            {
                Some(inner)
            }
            _ => None,
        };
        if matches!(ty.kind, TypeKind::Callable { .. }) {
            continue; // a callable's own arguments are closures' parameters, borrowed freely
        }
        ty.walk(&mut |t| {
            if borrowed(&t.kind) && !allowed.is_some_and(|a| std::ptr::eq(a, t)) {
                let owned = if matches!(t.kind, TypeKind::Str { .. }) { "String" } else { "Vec<u8>" };
                diags.push(
                    Diagnostic::new(t.origin, "a borrow cannot be held here")
                        .help(format!("write `{owned}`: borrowed text crosses only as a whole parameter or return, or inside one `Option`/`Vec`")),
                );
            }
        });
    }
}

/// `tuple[()]` is read through the runtime's empty-tuple check, which exists for a whole value
/// (a return, an attribute, a constant, a parameter), not inside containers. `None` / `()` is a
/// whole return type only (a callable's too): pyo3 converts no `()` argument, and a `()` inside
/// a container would reach Python as an empty tuple, not `None`.
fn check_empty_tuples(module: &Module, diags: &mut Diagnostics) {
    fn visit(ty: &crate::types::Type, whole: bool, position: Position, diags: &mut Diagnostics) {
        match &ty.kind {
            TypeKind::Tuple(items) if items.is_empty() && !whole => diags.push(
                Diagnostic::new(
                    ty.origin,
                    "`tuple[()]` can only be a whole parameter, return, attribute or constant type",
                )
                .help("use a value type inside containers"),
            ),
            TypeKind::Unit if !(whole && position == Position::Return) => diags.push(
                Diagnostic::new(ty.origin, "`None` (`()`) can only be a whole return type")
                    .help("leave the parameter out, or use an optional type (`Optional[T]`, `Option<T>`)"),
            ),
            TypeKind::Optional(t) | TypeKind::List(t) | TypeKind::Set(t) => visit(t, false, position, diags),
            TypeKind::Dict(k, v) => {
                visit(k, false, position, diags);
                visit(v, false, position, diags);
            }
            TypeKind::Tuple(items) => items.iter().for_each(|t| visit(t, false, position, diags)),
            TypeKind::Callable { params, ret } => {
                params.iter().for_each(|t| visit(t, false, Position::Param, diags));
                visit(ret, true, Position::Return, diags);
            }
            _ => {}
        }
    }
    for (ty, position) in module_types(module) {
        visit(ty, true, position, diags);
    }
}

/// Two different Python names must not become one Rust name: `crate` and `crate_` both mangle
/// to `crate_`, an import parameter `py` becomes `py_`. The generated Rust would not compile,
/// or (an export without `rust:`) would call one Rust item for both names. Mangling stays
/// predictable; the second name gets an error that says how to rename it.
fn check_rust_names_distinct(module: &Module, diags: &mut Diagnostics) {
    let import = module.direction == Direction::Import;
    let fix = if import { "give one of them `rust_name:`" } else { "give one of them `rust:` naming its Rust item" };
    // Import classes and their members are the generated-names rule's (it knows the names the
    // handles add); here: functions and constants (both `fn`s), and every export item.
    let mut top = RustNames::default();
    let classes = module.classes.iter().filter(|_| !import).map(|c| &c.name);
    let items = module
        .functions
        .iter()
        .map(|f| &f.name)
        .chain(classes)
        .chain(module.enums.iter().map(|e| &e.name))
        .chain(module.constants.iter().map(|c| &c.name));
    for name in items {
        top.claim(name.rust.clone(), name, fix, diags);
    }
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        let mut params = RustNames::default();
        for p in &f.params {
            let rust = if import { crate::names::import_param_rust(&p.name.rust) } else { p.name.rust.clone() };
            if !import && rust.ends_with('_') && !p.name.py.ends_with('_') {
                // pyo3 takes a keyword argument's Python name from the Rust parameter.
                diags.push(
                    Diagnostic::new(
                        p.name.origin,
                        format!("`{}` cannot name a parameter of an exported function", p.name.py),
                    )
                    .help(format!("Python callers would have to write `{rust}=`; rename the parameter")),
                );
            }
            params.claim(
                rust,
                &p.name,
                if import { "give one of them `rust_name:`" } else { "rename one of them" },
                diags,
            );
        }
    }
    for c in module.classes.iter().filter(|_| !import) {
        let mut members = RustNames::default();
        for m in c.methods.iter().filter(|m| !matches!(m.kind, FnKind::Constructor | FnKind::Setter)) {
            members.claim(m.name.rust.clone(), &m.name, fix, diags);
        }
        for a in &c.attributes {
            members.claim(a.name.rust.clone(), &a.name, "rename one of them", diags);
        }
    }
    for e in &module.enums {
        let mut variants = RustNames::default();
        for v in &e.variants {
            variants.claim(v.name.rust.clone(), &v.name, "rename one of them", diags);
        }
    }
}

/// The Rust names taken in one scope, with who took each.
#[derive(Default)]
struct RustNames {
    taken: HashMap<String, (String, Origin)>,
}

impl RustNames {
    /// Takes `rust` for `name`; a different Python name that already took it is an error at
    /// this one (the same Python name twice is the duplicate rule's).
    fn claim(&mut self, rust: String, name: &Name, fix: &str, diags: &mut Diagnostics) {
        if name.py.is_empty() {
            return;
        }
        match self.taken.get(&rust) {
            Some((first, _)) if *first == format!("`{}`", name.py) => {}
            Some((first, origin)) => diags.push(
                Diagnostic::new(
                    name.origin,
                    format!("`{}` becomes the Rust name `{rust}`, which {first} already has", name.py),
                )
                .help(fix.to_string())
                .note(*origin, "the other one is here"),
            ),
            None => {
                self.taken.insert(rust, (format!("`{}`", name.py), name.origin));
            }
        }
    }
}

/// Two import entries generating the same Rust module would not compile.
fn check_import_names_unique(bridge: &Bridge, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    for m in bridge.imports() {
        if let Some(first) = seen.insert(&m.name.rust, m.name.origin) {
            diags.push(
                Diagnostic::new(m.name.origin, format!("a second import generates the Rust module `{}`", m.name.rust))
                    .help("merge the two entries, or give one a different `rust_name`")
                    .note(first, "the first one is here"),
            );
        }
    }
}

/// Module names must be importable Python names (and Rust identifiers for `rust_name`).
fn check_module_name(module: &Module, diags: &mut Diagnostics) {
    let name = &module.name;
    if name.py.is_empty() {
        // A present but empty value (`module: ""`, or a block scalar with no text): a missing
        // key stops at lowering, before any check runs.
        diags.push(Diagnostic::new(name.origin, "the module name is empty").help("write the module's name"));
        return;
    }
    let ok = match module.direction {
        Direction::Export => is_identifier(&name.py),
        Direction::Import => is_module_path(&name.py),
    };
    if !ok {
        let hint = match module.direction {
            Direction::Export => "an extension module name is one Python identifier, such as `fastmath`",
            Direction::Import => "write a dotted Python module path, such as `pkg.models`",
        };
        diags.push(Diagnostic::new(name.origin, format!("`{}` is not a valid Python module name", name.py)).help(hint));
    }
    if module.direction == Direction::Import && !is_identifier(crate::names::unraw(&name.rust)) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Rust module name", name.rust))
                .help("set `rust_name:` to a Rust identifier"),
        );
    }
}

/// Each Python name is declared once per scope: a second declaration would silently replace the
/// first in Python and fail to compile in Rust. Names must also be identifiers, not keywords.
fn check_unique_names(module: &Module, diags: &mut Diagnostics) {
    let mut top: HashMap<&str, Origin> = HashMap::new();
    let names = module
        .functions
        .iter()
        .map(|f| (&f.name, "function"))
        .chain(module.classes.iter().map(|c| (&c.name, "class")))
        .chain(module.enums.iter().map(|e| (&e.name, "enum")))
        .chain(module.exceptions.iter().map(|e| (&e.name, "exception")))
        .chain(module.constants.iter().map(|c| (&c.name, "constant")));
    for (name, what) in names {
        check_name(name, what, diags);
        unique(&mut top, name, what, "this module", diags);
    }
    for class in &module.classes {
        let mut members: HashMap<&str, Origin> = HashMap::new();
        let mut setters: HashMap<&str, Origin> = HashMap::new();
        for m in &class.methods {
            check_name(&m.name, "method", diags);
            match m.kind {
                // One constructor per class is its own rule (check_export_shapes).
                FnKind::Constructor => {}
                // A property's setter shares its getter's name.
                FnKind::Setter => {
                    unique(&mut setters, &m.name, "property setter", &format!("class `{}`", class.name.py), diags)
                }
                _ => unique(&mut members, &m.name, "method", &format!("class `{}`", class.name.py), diags),
            }
        }
        for a in &class.attributes {
            check_name(&a.name, "attribute", diags);
            unique(&mut members, &a.name, "attribute", &format!("class `{}`", class.name.py), diags);
        }
    }
    for e in &module.enums {
        let mut variants: HashMap<&str, Origin> = HashMap::new();
        for v in &e.variants {
            check_name(&v.name, "variant", diags);
            unique(&mut variants, &v.name, "variant", &format!("enum `{}`", e.name.py), diags);
        }
    }
}

fn check_name(name: &Name, what: &str, diags: &mut Diagnostics) {
    if name.py.is_empty() && matches!(name.origin, Origin::Spec(_)) {
        // Present but empty (`name: ""`, or a block scalar with no text): generated code could
        // not name it.
        diags.push(Diagnostic::new(name.origin, format!("the name of this {what} is empty")).help("write a name"));
        return;
    }
    if name.py.is_empty() || name.py == "__init__" {
        return;
    }
    if !is_identifier(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Python name for a {what}", name.py))
                .help("names are letters, digits and `_`, not starting with a digit"),
        );
    } else if let Some(normal) = crate::names::python_normal_form(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("Python reads the {what} name `{}` as `{normal}`", name.py))
                .help(format!("Python normalises identifiers (NFKC); write `{normal}`")),
        );
    } else if is_python_keyword(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is a Python keyword and cannot name a {what}", name.py))
                .help("Python code could not call it with ordinary syntax; choose another name (for example with a trailing `_`)"),
        );
    }
}

fn unique<'m>(seen: &mut HashMap<&'m str, Origin>, name: &'m Name, what: &str, scope: &str, diags: &mut Diagnostics) {
    if name.py.is_empty() {
        return;
    }
    if let Some(first) = seen.insert(&name.py, name.origin) {
        diags.push(
            Diagnostic::new(name.origin, format!("duplicate {what} `{}` in {scope}", name.py))
                .help("each Python name may be declared once; remove or rename one")
                .note(first, "first declared here"),
        );
    }
}

/// Parameters: unique names, and Python's ordering rules (a positional parameter without a
/// default cannot follow one with a default, nor any keyword-only parameter).
fn check_functions(module: &Module, diags: &mut Diagnostics) {
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        check_params(f, diags);
        if module.direction == Direction::Import && f.kind == FnKind::MethodMut {
            diags.push(
                Diagnostic::new(f.origin, "`mut_method` is only for exported classes")
                    .help("Python methods have no `&mut self`; use `kind: method`"),
            );
        }
    }
}

fn check_params(f: &Function, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    let mut defaulted: Option<Origin> = None;
    let mut keyword_only: Option<Origin> = None;
    for p in &f.params {
        check_name(&p.name, "parameter", diags);
        unique(&mut seen, &p.name, "parameter", &format!("`{}`", f.name.py), diags);
        if p.kind == ParamKind::Keyword {
            keyword_only.get_or_insert(p.origin);
        } else if let Some(first) = keyword_only {
            // Python's rule: every parameter after `*` is keyword-only. Accepting this order
            // would leave the positional layout of the call to guesswork.
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("positional parameter `{}` follows a keyword-only parameter", p.name.py),
                )
                .help("move it before the keyword-only parameters, or make it `kind: keyword` (in Python every parameter after `*` is keyword-only)")
                .note(first, "the first keyword-only parameter is here"),
            );
        }
        if p.kind == ParamKind::Positional {
            match (&p.default, defaulted) {
                (Some(_), None) => defaulted = Some(p.origin),
                (None, Some(first)) => diags.push(
                    Diagnostic::new(
                        p.origin,
                        format!("parameter `{}` has no default but follows one that has", p.name.py),
                    )
                    .help("give it a `default`, or make it `kind: keyword`")
                    .note(first, "the first defaulted parameter is here"),
                ),
                _ => {}
            }
        }
    }
}

/// Import stubs add Rust names of their own (the `Error` enum and its `Other` variant, a
/// `<Class>Ref` view per class, `new`, `set_<attribute>`, the handle's helper methods); a
/// declared name that lands on one of them would not compile.
fn check_import_generated_names(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut taken: HashMap<String, (Origin, String)> = HashMap::new();
    // A second declaration of the same Python name is already reported by the duplicate rule.
    let mut claim = |rust: String, origin: Origin, what: String, diags: &mut Diagnostics| {
        if let Some((first, first_what)) = taken.get(&rust).filter(|(_, first_what)| *first_what != what) {
            diags.push(
                Diagnostic::new(
                    origin,
                    format!("{what} would generate the Rust name `{rust}`, already taken by {first_what}"),
                )
                .help("give one of them `rust_name:`, or leave one out of the spec")
                .note(*first, "the other one is here"),
            );
        } else {
            taken.insert(rust, (origin, what));
        }
    };
    if !module.exceptions.is_empty() {
        claim(generated::ERROR_ENUM.into(), module.origin, "the module's error enum".into(), diags);
        let mut variants: HashMap<&str, Origin> = HashMap::new();
        variants.insert(generated::OTHER_VARIANT, module.origin);
        for e in &module.exceptions {
            if let Some(first) = variants.insert(e.name.rust.as_str(), e.name.origin) {
                diags.push(
                    Diagnostic::new(
                        e.name.origin,
                        format!("exception `{}` clashes with the error enum's `Other` variant", e.name.py),
                    )
                    .note(first, "declared here"),
                );
            }
        }
    }
    claim(generated::ATTACHED_MODULE.into(), module.origin, "the generated `attached` module".into(), diags);
    for c in &module.classes {
        let base = crate::names::unraw(&c.name.rust).to_string();
        claim(base.clone(), c.name.origin, format!("class `{}`", c.name.py), diags);
        claim(generated::view(&base), c.name.origin, format!("the view of class `{}`", c.name.py), diags);
        let mut members: HashMap<String, (Origin, String)> = generated::HANDLE_METHODS
            .iter()
            .map(|n| (n.to_string(), (c.origin, format!("the generated `{n}` method"))))
            .collect();
        let mut member = |rust: String, origin: Origin, what: String, diags: &mut Diagnostics| {
            if let Some((first, first_what)) = members.get(&rust).filter(|(_, first_what)| *first_what != what) {
                diags.push(
                    Diagnostic::new(
                        origin,
                        format!("{what} of `{}` would generate `{rust}`, already taken by {first_what}", c.name.py),
                    )
                    .help("give one of them `rust_name:`, or leave one out of the spec")
                    .note(*first, "the other one is here"),
                );
            } else {
                members.entry(rust).or_insert((origin, what));
            }
        };
        for m in &c.methods {
            let rust = if m.kind == FnKind::Constructor {
                generated::CONSTRUCTOR.to_string()
            } else {
                crate::names::unraw(&m.name.rust).to_string()
            };
            member(rust, m.name.origin, format!("method `{}`", m.name.py), diags);
        }
        for a in &c.attributes {
            member(
                crate::names::unraw(&a.name.rust).to_string(),
                a.name.origin,
                format!("attribute `{}`", a.name.py),
                diags,
            );
            if a.writable {
                let setter = generated::setter(&a.name.rust);
                member(setter, a.name.origin, format!("the setter of `{}`", a.name.py), diags);
            }
        }
    }
}

/// Export shapes the emitter supports: one constructor per class; classes inside containers
/// only as `Option<Class>`/`Vec<Class>` returns; `release_gil` only with plain Rust data;
/// exception bases that exist.
fn check_export_shapes(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for class in &module.classes {
        let mut constructors = class.methods.iter().filter(|m| m.kind == FnKind::Constructor);
        if let (Some(first), Some(second)) = (constructors.next(), constructors.next()) {
            diags.push(
                Diagnostic::new(second.origin, format!("class `{}` has a second constructor", class.name.py))
                    .help("Python classes have one `__init__`; make the others static methods")
                    .note(first.origin, "the first constructor is here"),
            );
        }
    }
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        for p in &f.params {
            check_class_nesting(&p.ty, false, diags);
        }
        check_class_nesting(&f.returns, true, diags);
        if f.release_gil {
            let mut bound = None;
            for ty in f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)) {
                ty.walk(&mut |t| {
                    if matches!(t.kind, TypeKind::Any | TypeKind::Callable { .. }) && bound.is_none() {
                        bound = Some(t.origin);
                    }
                });
            }
            if let Some(origin) = bound {
                diags.push(
                    Diagnostic::new(origin, "a `release_gil` function cannot take or return Python objects")
                        .help("it runs without the interpreter; pass plain Rust data, or drop `release_gil`"),
                );
            }
        }
    }
    for e in &module.enums {
        for field in e.variants.iter().flat_map(|v| v.fields.iter()) {
            let mut class = None;
            field.ty.walk(&mut |t| {
                if matches!(t.kind, TypeKind::Class(_) | TypeKind::Callable { .. }) && class.is_none() {
                    class = Some(t.origin);
                }
            });
            if let Some(origin) = class {
                diags.push(
                    Diagnostic::new(origin, "enum variants cannot hold exported classes or callables yet")
                        .help("hold plain data (numbers, strings, lists, tuples) in the variant"),
                );
            }
        }
    }
    let declared: Vec<&str> = module.exceptions.iter().map(|e| e.name.py.as_str()).collect();
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        if let Some(raises) = &f.raises
            && !declared.contains(&raises.as_str())
        {
            diags.push(
                Diagnostic::new(
                    f.raises_origin.or(f.origin),
                    format!("`raises: {raises}` names no exception declared in this module"),
                )
                .help(
                    crate::names::suggest(raises, declared.iter().copied())
                        .unwrap_or_else(|| "declare it under `exceptions:`".into()),
                ),
            );
        }
        if f.extend && !matches!(f.kind, FnKind::Method | FnKind::MethodMut) {
            diags
                .push(Diagnostic::new(f.origin, "`extend` applies to instance methods").help(
                    "use `kind: method` or `kind: mut_method`; a static method can name any function in `rust:`",
                ));
        }
    }
    for e in &module.exceptions {
        if !BUILTIN_EXCEPTIONS.contains(&e.base.as_str()) && !declared.contains(&e.base.as_str()) {
            let candidates = BUILTIN_EXCEPTIONS.iter().copied().chain(declared.iter().copied());
            let at = e.base_origin.or(e.origin);
            diags.push(Diagnostic::new(at, format!("unknown base exception `{}`", e.base)).help(
                crate::names::suggest(&e.base, candidates).unwrap_or_else(|| {
                    "use a builtin exception such as `ValueError`, or one declared in this module".into()
                }),
            ));
        }
    }
}

/// Return policies: `shared` and `view` hand Python a class object (not an enum, not a
/// container); a view is made from a parameterless `&self` method or a class-typed field,
/// because the view re-reads its parent on every access and cannot remember arguments.
fn check_policies(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let is_class = |ty: &crate::types::Type| match &ty.kind {
        TypeKind::Class(c) => module.classes.iter().any(|k| k.name.py == c.name),
        _ => false,
    };
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        for p in &f.params {
            if let TypeKind::Class(c) = &p.ty.kind
                && c.shared
                && !is_class(&p.ty)
            {
                diags.push(
                    Diagnostic::new(p.ty.origin, format!("`Arc<{}>` needs a class, not an enum", c.name))
                        .help("take the enum by value or by `&`"),
                );
            }
        }
        if f.policy == ReturnPolicy::Value {
            continue;
        }
        let word = if f.policy == ReturnPolicy::Shared { "shared" } else { "view" };
        if !is_class(&f.returns) {
            diags.push(
                Diagnostic::new(f.policy_origin, format!("policy `{word}` needs a class as the return type")).help(
                    "return a class declared in this module (not an enum, `Option` or `Vec`), or use `policy: value`",
                ),
            );
        } else if f.policy == ReturnPolicy::View
            && !(matches!(f.kind, FnKind::Method | FnKind::Getter) && f.params.is_empty())
        {
            diags.push(
                Diagnostic::new(f.policy_origin, "a view comes from a `&self` method without parameters")
                    .help("return a copy (`policy: value`) or share it (`Arc<C>`, `policy: shared`) instead"),
            );
        } else if f.policy == ReturnPolicy::View && f.extend {
            diags.push(
                Diagnostic::new(f.policy_origin, "an `extend` function cannot return a view")
                    .help("return the value (`policy: value`) or an `Arc<C>`"),
            );
        }
    }
    for class in &module.classes {
        for a in class.attributes.iter().filter(|a| a.policy == ReturnPolicy::View) {
            if !is_class(&a.ty) {
                diags.push(
                    Diagnostic::new(a.ty.origin, "`view` needs a field whose type is a class declared in this module")
                        .help("drop `view`: other values are copied to Python"),
                );
            }
        }
    }
}

/// An import stub converts an exported class through its export wrapper, so the class must
/// be the whole parameter or return type (not nested in a container).
fn check_exported_in_imports(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let types = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)));
    let values = module
        .classes
        .iter()
        .flat_map(|c| c.attributes.iter().map(|a| &a.ty))
        .chain(module.constants.iter().map(|c| &c.ty));
    let is_exported = |t: &TypeKind| matches!(t, TypeKind::Class(c) if c.exported);
    for ty in values {
        if let Some(origin) = first_origin(ty, is_exported) {
            diags.push(
                Diagnostic::new(
                    origin,
                    "an exported class crosses only as a parameter or return value of an import stub",
                )
                .help("read it through a function or method of the Python module instead"),
            );
        }
    }
    let defaulted = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter())
        .filter(|p| p.default.is_some() && matches!(&p.ty.kind, TypeKind::Class(c) if c.exported));
    for p in defaulted {
        diags.push(
            Diagnostic::new(p.origin, "a parameter of an exported class cannot have a default")
                .help("remove `default`, or declare a second function without the parameter"),
        );
    }
    for ty in types {
        if is_exported(&ty.kind) {
            continue;
        }
        if let Some(origin) = first_origin(ty, is_exported) {
            diags.push(
                Diagnostic::new(
                    origin,
                    "an exported class crosses an import stub only as a whole parameter or return type",
                )
                .help("pass or return the class itself; for many values, call the function once per value"),
            );
        }
    }
}

/// Where the first type inside `ty` (itself included) of the kind `pred` accepts was written.
fn first_origin(ty: &crate::types::Type, pred: impl Fn(&TypeKind) -> bool) -> Option<Origin> {
    let mut found = None;
    ty.walk(&mut |t| {
        if found.is_none() && pred(&t.kind) {
            found = Some(t.origin);
        }
    });
    found
}

/// Classes travel as their Python wrappers: directly, or (returns) in `Option`/`Vec`; callables
/// only as direct parameters.
fn check_class_nesting(ty: &crate::types::Type, is_return: bool, diags: &mut Diagnostics) {
    let mut callable = None;
    ty.walk(&mut |t| {
        if matches!(t.kind, TypeKind::Callable { .. }) && callable.is_none() {
            callable = Some(t);
        }
    });
    if let Some(c) = callable {
        let direct = std::ptr::eq(c, ty) && !is_return;
        if !direct {
            diags.push(
                Diagnostic::new(c.origin, "a Python callable can only be a parameter of its own")
                    .help("take `f: impl Fn(A) -> R` directly; callables cannot be returned or nested in containers"),
            );
            return;
        }
        let mut class = None;
        c.walk(&mut |t| {
            if matches!(t.kind, TypeKind::Class(_)) && class.is_none() {
                class = Some(t.origin);
            }
        });
        if let Some(origin) = class {
            diags.push(
                Diagnostic::new(origin, "exported classes cannot cross inside a callable's signature yet")
                    .help("pass plain data (numbers, strings, lists) to and from Python callables"),
            );
        }
        return;
    }
    let nested = match &ty.kind {
        TypeKind::Class(_) => return,
        TypeKind::Optional(inner) | TypeKind::List(inner) if is_return && matches!(inner.kind, TypeKind::Class(_)) => {
            return;
        }
        _ => {
            let mut found = None;
            ty.walk(&mut |t| {
                if matches!(t.kind, TypeKind::Class(_)) && found.is_none() {
                    found = Some(t.origin);
                }
            });
            found
        }
    };
    if let Some(origin) = nested {
        diags.push(
            Diagnostic::new(origin, "exported classes inside containers are not supported here yet")
                .help("pass the class itself (`&Class` or `Class`); return `Class`, `Option<Class>` or `Vec<Class>`"),
        );
    }
}

/// Text nested too deeply for syn to parse safely (see `depth.rs`); also true for text that is
/// not tokens at all (the parse that follows would fail anyway).
fn too_deep(text: &str) -> bool {
    <proc_macro2::TokenStream as std::str::FromStr>::from_str(text)
        .map_or(true, |tokens| crate::depth::find_deep_nesting(&tokens).is_some())
}

/// `rust:` values are pasted into generated Rust: each must parse as a path (an expression for
/// constants), or the output would not compile, or could not even be printed.
fn check_rust_paths(module: &Module, diags: &mut Diagnostics) {
    let check = |path: &Option<String>, origin: Origin, what: &str, diags: &mut Diagnostics| {
        // A path must parse, and name an item: it cannot end in `crate`, `self`, `super` or `Self`.
        let names_item = |p: &syn::Path| {
            p.segments
                .last()
                .is_some_and(|s| !["crate", "self", "super", "Self"].contains(&s.ident.to_string().as_str()))
        };
        if let Some(path) = path
            && let Ok(p) = syn::parse_str::<syn::Path>(path)
            && !too_deep(path)
            && crate::rusttype::path_has_lifetime(&p)
        {
            diags.push(
                Diagnostic::new(origin, format!("`rust: {path}` of this {what} borrows with a lifetime"))
                    .help("a Python object owns its value for as long as Python likes: use `'static`, or a type that owns its data"),
            );
        } else if let Some(path) = path
            && (too_deep(path) || !syn::parse_str::<syn::Path>(path).is_ok_and(|p| names_item(&p)))
        {
            diags.push(
                Diagnostic::new(origin, format!("`rust: {path}` of this {what} is not a Rust path"))
                    .help("write a path such as `crate::module::item` or `other_crate::Type`"),
            );
        }
    };
    for f in &module.functions {
        check(&f.rust_path, f.origin, "function", diags);
    }
    for c in &module.classes {
        check(&c.rust_path, c.origin, "class", diags);
        for m in &c.methods {
            check(&m.rust_path, m.origin, "method", diags);
            // An instance method is called as `value.name(…)`: its Rust name is one identifier.
            let by_name = matches!(m.kind, FnKind::Method | FnKind::MethodMut | FnKind::Getter | FnKind::Setter);
            if by_name && !m.extend {
                let rust = m.rust_path.clone().unwrap_or_else(|| m.name.rust.clone());
                let bare = crate::names::unraw(&rust);
                if !is_identifier(bare) || ["self", "Self", "super", "crate", "_"].contains(&bare) {
                    diags.push(Diagnostic::new(m.origin, format!("`{rust}` cannot name a Rust method")).help(
                        "give `rust:` the method's name (one identifier), or use `extend: true` with a function path",
                    ));
                }
            }
        }
    }
    for e in &module.enums {
        check(&e.rust_path, e.origin, "enum", diags);
    }
    for c in &module.constants {
        if let Some(value) = &c.rust_value
            && (too_deep(value) || syn::parse_str::<syn::Expr>(value).is_err())
        {
            diags.push(
                Diagnostic::new(
                    c.origin,
                    format!("`rust: {value}` of constant `{}` is not a Rust expression", c.name.py),
                )
                .help("write an expression of the constant's type, such as `crate::VERSION.to_string()`"),
            );
        }
    }
}

/// A Rust parameter name is a pattern: one that names a tuple struct or tuple variant in scope
/// (`Some`, `Ok`, `Err`, or an import entry's class handle `pub struct Driver(Object)` and its
/// view `DriverRef`) is read as that struct or variant, not as a new binding, and the generated
/// function does not compile (rustc E0530). Found by the spec property test.
fn check_param_patterns(module: &Module, diags: &mut Diagnostics) {
    let mut taken: Vec<String> = ["Some", "Ok", "Err"].iter().map(|s| s.to_string()).collect();
    if module.direction == Direction::Import {
        for c in &module.classes {
            let base = crate::names::unraw(&c.name.rust);
            taken.push(base.to_string());
            taken.push(generated::view(base));
            // Every attached stub binds the interpreter token as `py`.
            if base == "py" {
                diags.push(
                    Diagnostic::new(c.name.origin, "an imported class cannot be named `py`").help(
                        "the stubs bind the interpreter token as `py`; leave the class out, or reach it as `Any`",
                    ),
                );
            }
        }
    }
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        for p in &f.params {
            let rust = crate::names::unraw(&p.name.rust);
            if taken.iter().any(|t| t == rust) {
                let what = if ["Some", "Ok", "Err"].contains(&rust) {
                    format!("Rust reads `{rust}` as the prelude's enum variant")
                } else {
                    format!("Rust reads `{rust}` as the generated class handle of the same name")
                };
                diags.push(
                    Diagnostic::new(
                        p.name.origin,
                        format!("parameter `{}` cannot be a Rust binding: {what}", p.name.py),
                    )
                    .help(
                        "rename the parameter (Rust parameters are patterns, and this one names a struct or variant)",
                    ),
                );
            }
        }
    }
}

/// Generated code says `Ok(…)`, `Err(…)` and `Some(…)`: an item of the same name in the module
/// of the stubs (an import's function, constant or class) or, for an export item without a
/// `rust:` path, in the module that includes the file (where the default path finds it)
/// shadows the prelude's variant there, and the generated code does not compile (rustc E0532).
/// Found by the spec property test.
fn check_prelude_shadowing(module: &Module, diags: &mut Diagnostics) {
    const PRELUDE: &[&str] = &["Ok", "Err", "Some"];
    let mut report = |name: &Name, what: &str| {
        if PRELUDE.contains(&name.rust.as_str()) {
            diags.push(
                Diagnostic::new(
                    name.origin,
                    format!("a {what} named `{}` would hide Rust's `{}` from the generated code", name.py, name.rust),
                )
                .help(match module.direction {
                    Direction::Import => "leave it out of the spec, or reach it through another name".to_string(),
                    _ => "give it a `rust:` path, so the Rust item can have another name".to_string(),
                }),
            );
        }
    };
    match module.direction {
        Direction::Import => {
            module.functions.iter().for_each(|f| report(&f.name, "function"));
            module.constants.iter().for_each(|c| report(&c.name, "constant"));
            module.classes.iter().for_each(|c| report(&c.name, "class"));
        }
        Direction::Export => {
            module.functions.iter().filter(|f| f.rust_path.is_none()).for_each(|f| report(&f.name, "function"));
            module.classes.iter().filter(|c| c.rust_path.is_none()).for_each(|c| report(&c.name, "class"));
            module.enums.iter().filter(|e| e.rust_path.is_none()).for_each(|e| report(&e.name, "enum"));
        }
    }
}

/// An exported class with a relative `rust:` path (the default: its name) is reached from the
/// stubs' module through its parent; a name that module defines itself (its `Error` enum, a
/// class handle, `attached`) would be found first, and the stub would convert the wrong type.
/// Found by the spec property test (an exported class `Error` beside declared exceptions).
fn check_exported_paths_in_imports(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut local: Vec<String> = vec![generated::ATTACHED_MODULE.into(), "__PbExported".into()];
    if !module.exceptions.is_empty() {
        local.push(generated::ERROR_ENUM.into());
    }
    local.extend(module.classes.iter().map(|c| crate::names::unraw(&c.name.rust).to_string()));
    let types = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)));
    for ty in types {
        if let TypeKind::Class(c) = &ty.kind
            && c.exported
            && let Some(first) = c.rust_path.as_deref().and_then(|p| p.split("::").next())
            && local.iter().any(|l| l == first.trim())
        {
            diags.push(
                Diagnostic::new(
                    ty.origin,
                    format!(
                        "exported class `{}` is reached as `{}`, a name the stubs of this module define themselves",
                        c.name,
                        first.trim()
                    ),
                )
                .help("give the exported class a `rust:` path from the crate root (`crate::…::Type`)"),
            );
        }
    }
}
