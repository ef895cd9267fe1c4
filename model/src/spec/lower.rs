//! Lowering the located YAML tree into the model: one function per section, each reading its
//! keys through [`Fields`] and recording every problem before moving on.

use crate::code::{PathProblem, RustExpr, RustPath};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{
    Bridge, Constant, Direction, Enum, Exception, ExceptionRef, FnKind, Function, Module, Name, Param, ParamKind,
    ReturnPolicy, Variant,
};
use crate::names::rust_ident;
use crate::origin::{Loc, Origin};
use crate::pytype::parse_python_type;
use crate::rusttype::parse_rust_type_str;
use crate::spec::reader::{Fields, read_str};
use crate::types::{Type, TypeKind};
use crate::yaml::{Node, NodeKind};

/// Lowers the whole document.
pub fn lower_spec(root: &Node, diags: &mut Diagnostics) -> Bridge {
    let mut bridge = Bridge::default();
    let Some(mut top) = Fields::open(root, "spec", diags) else { return bridge };
    if let Some((version, origin)) = top.int("version", diags) {
        if version != 1 {
            diags.push(
                Diagnostic::new(origin, format!("unsupported spec version {version}"))
                    .help("this pybridge reads `version: 1`"),
            );
        }
        bridge.version = version.max(0) as u32;
    }
    let module_name = top.str("module", diags);
    let doc = top.str("doc", diags).map(|(d, _)| d);
    if let Some(export) = top.get("export") {
        let origin = module_name.as_ref().map(|(_, o)| *o).unwrap_or(export.origin());
        let name = match &module_name {
            Some((n, o)) => make_name(n.clone(), *o),
            None => {
                diags.push(
                    Diagnostic::new(export.origin(), "an `export:` section needs the module's Python name")
                        .help("add `module: <name>` at the top level"),
                );
                make_name("module".into(), export.origin())
            }
        };
        let mut module = Module::new(Direction::Export, name, doc.clone(), origin);
        lower_items(export, "export", &mut module, diags);
        bridge.modules.push(module);
    }
    for entry in top.list("import", diags) {
        if let Some(module) = lower_import_module(entry, diags) {
            bridge.modules.push(module);
        }
    }
    top.finish(diags);
    bridge
}

fn lower_import_module(node: &Node, diags: &mut Diagnostics) -> Option<Module> {
    let mut fields = Fields::open(node, "import_module", diags)?;
    let (dotted, origin) = fields.str("module", diags).unwrap_or_default_origin(fields.origin());
    let rust = match fields.str("rust_name", diags) {
        Some((r, _)) => r,
        None => dotted.replace('.', "_"),
    };
    let name = Name { py: dotted, rust: rust_ident(&rust), origin };
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    let verify_at = fields.get("verify").map(|n| n.origin());
    let verify = verify_at.filter(|_| fields.bool("verify", diags) == Some(true));
    let mut module = Module::new(Direction::Import, name, doc, origin);
    module.verify = verify;
    fields.finish_into(|fields, diags| lower_item_lists(fields, &mut module, diags), diags);
    Some(module)
}

fn lower_items(node: &Node, section: &str, module: &mut Module, diags: &mut Diagnostics) {
    if let Some(fields) = Fields::open(node, section, diags) {
        fields.finish_into(|fields, diags| lower_item_lists(fields, module, diags), diags);
    }
}

/// The lists shared by `export:` and each `import:` entry.
fn lower_item_lists(fields: &mut Fields<'_>, module: &mut Module, diags: &mut Diagnostics) {
    let dir = module.direction;
    for node in fields.list("functions", diags) {
        if let Some(f) = lower_function(node, "function", FnKind::Free, dir, diags) {
            module.functions.push(f);
        }
    }
    for node in fields.list("classes", diags) {
        match super::class::lower_class(node, dir, diags) {
            Some(super::class::Lowered::Local(c)) => module.classes.push(*c),
            Some(super::class::Lowered::Foreign(c)) => module.foreign.push(c),
            None => {}
        }
    }
    if dir == Direction::Export {
        for node in fields.list("enums", diags) {
            if let Some(e) = lower_enum(node, diags) {
                module.enums.push(e);
            }
        }
    }
    for node in fields.list("exceptions", diags) {
        if let Some(e) = lower_exception(node, dir, diags) {
            module.exceptions.push(e);
        }
    }
    for node in fields.list("constants", diags) {
        if let Some(c) = lower_constant(node, dir, diags) {
            module.constants.push(c);
        }
    }
    if dir == Direction::Import {
        for node in fields.list("aliases", diags) {
            if let Some(a) = lower_alias(node, diags) {
                module.aliases.push(a);
            }
        }
    }
}

fn lower_alias(node: &Node, diags: &mut Diagnostics) -> Option<crate::ir::Alias> {
    let mut fields = Fields::open(node, "alias", diags)?;
    let (py, origin) = fields.str("name", diags).unwrap_or_default_origin(fields.origin());
    let ty = lower_type(&mut fields, "type", Direction::Import, diags);
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    fields.finish(diags);
    Some(crate::ir::Alias { name: make_name(py, origin), ty: ty?, doc, origin })
}

pub(super) fn lower_function(
    node: &Node,
    section: &str,
    kind: FnKind,
    dir: Direction,
    diags: &mut Diagnostics,
) -> Option<Function> {
    let mut fields = Fields::open_in(node, section, dir, diags)?;
    let name = lower_name(&mut fields, diags);
    let origin = name.origin;
    let rust_path = lower_rust_path(&mut fields, section, diags);
    let kind = match (section, fields_kind(&mut fields, section, diags)) {
        ("method", Some(k)) => k,
        ("method", None) => FnKind::Method,
        _ => kind,
    };
    let params = lower_params(&mut fields, dir, diags);
    let (mut returns, fallible) = lower_returns(&mut fields, dir, diags);
    let raises = lower_raises(&mut fields, fallible, diags);
    let (policy, policy_origin) = lower_policy(&mut fields, &mut returns, diags);
    let extend = if section == "method" { fields.bool("extend", diags).unwrap_or(false) } else { false };
    let release_gil = fields.bool("release_gil", diags).unwrap_or(false);
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    fields.finish(diags);
    Some(Function {
        name,
        kind,
        rust_path,
        params,
        returns,
        fallible,
        release_gil,
        raises,
        extend,
        policy,
        policy_origin,
        borrows: None,
        doc,
        origin,
    })
}

/// `policy:` (export): given, or spelled by the return type (`Arc<C>` is shared, `&C` a view);
/// with where it was written (the value, or the return type).
/// (`policy` on an import item is refused at the key by the reader.)
fn lower_policy(fields: &mut Fields<'_>, returns: &mut Type, diags: &mut Diagnostics) -> (ReturnPolicy, Origin) {
    let implied = (returns.take_policy(), returns.origin);
    let Some(node) = fields.get("policy") else { return implied };
    let origin = node.origin();
    (lower_given_policy(fields, implied.0, origin, diags).unwrap_or(implied.0), origin)
}

fn lower_given_policy(
    fields: &mut Fields<'_>,
    implied: ReturnPolicy,
    origin: Origin,
    diags: &mut Diagnostics,
) -> Option<ReturnPolicy> {
    let word = fields.one_of("policy", diags);
    let given = match word.as_deref()? {
        "shared" => ReturnPolicy::Shared,
        "view" => ReturnPolicy::View,
        _ => ReturnPolicy::Value,
    };
    if implied != ReturnPolicy::Value && implied != given {
        diags.push(
            Diagnostic::new(origin, "`policy` contradicts the return type")
                .help("`Arc<C>` is `shared` and `&C` is `view`: write the class name alone, or drop `policy`"),
        );
    }
    Some(given)
}

fn fields_kind(fields: &mut Fields<'_>, section: &str, diags: &mut Diagnostics) -> Option<FnKind> {
    if section != "method" {
        return None;
    }
    Some(match fields.one_of("kind", diags)?.as_str() {
        "mut_method" => FnKind::MethodMut,
        "static" => FnKind::Static,
        "classmethod" => FnKind::ClassMethod,
        _ => FnKind::Method,
    })
}

pub(super) fn lower_params(fields: &mut Fields<'_>, dir: Direction, diags: &mut Diagnostics) -> Vec<Param> {
    let mut params = Vec::new();
    for node in fields.list("params", diags) {
        let Some(mut p) = Fields::open_in(node, "param", dir, diags) else { continue };
        let name = lower_name(&mut p, diags);
        let origin = name.origin;
        let ty = lower_type(&mut p, "type", dir, diags);
        let default = p.str("default", diags);
        if let Some((text, at)) = &default
            && let Some(why) = super::default::check_default(text)
        {
            diags.push(
                Diagnostic::new(*at, format!("`default` is not a Python value: {why}")).help(
                    "write a Python literal (`1`, `'text'`, `None`, `True`, `(1, 2)`) or a dotted name (`math.pi`)",
                ),
            );
        }
        let kind = match p.one_of("kind", diags).as_deref() {
            Some("keyword") => ParamKind::Keyword,
            Some("positional_only") => ParamKind::PositionalOnly,
            Some("var_positional") => ParamKind::VarPositional,
            Some("var_keyword") => ParamKind::VarKeyword,
            _ => ParamKind::Positional,
        };
        p.finish(diags);
        if let Some(ty) = ty {
            let default_rust = match (&default, dir) {
                (Some((text, at)), Direction::Export) => lower_export_default(text, *at, &ty, diags),
                _ => None,
            };
            let default_origin = default.as_ref().map_or(Origin::Implied, |(_, at)| *at);
            params.push(Param {
                name,
                ty,
                kind,
                default: default.map(|(d, _)| d),
                default_rust,
                default_origin,
                origin,
            });
        }
    }
    // Pushed one by one; the model of a large spec keeps no spare capacity.
    params.shrink_to_fit();
    params
}

/// An exported parameter's `default:` as the Rust value pyo3 uses when the argument is omitted.
fn lower_export_default(text: &str, at: Origin, ty: &Type, diags: &mut Diagnostics) -> Option<RustExpr> {
    // An enum member (`Color.Red`), or `None` for an optional one: the resolver reads it, once
    // it knows the enum.
    let names_class = |t: &Type| matches!(t.kind, TypeKind::Class(_));
    if names_class(ty) || matches!(&ty.kind, TypeKind::Optional(inner) if names_class(inner)) {
        return None;
    }
    match super::default::rust_default(text, ty).map(|rust| RustExpr::parse(&rust)) {
        Ok(Ok(expr)) => Some(expr),
        Ok(Err(_)) => None,
        Err(why) => {
            diags.push(
                Diagnostic::new(at, why)
                    .help("the Rust function receives the value Python passes, or this default when it passes none"),
            );
            None
        }
    }
}

fn lower_returns(fields: &mut Fields<'_>, dir: Direction, diags: &mut Diagnostics) -> (Type, bool) {
    let origin = fields.origin();
    let Some(node) = fields.get("returns") else { return (Type::unit(origin), false) };
    let Some(text) = read_str(node, "`returns`", diags) else { return (Type::unit(origin), false) };
    let base = type_base(node);
    match dir {
        Direction::Import => (parse_python_type(&text, base, diags).unwrap_or(Type::unit(origin)), false),
        Direction::Export => match parse_rust_type_str(&text, base, true, diags) {
            Some((ty, fallible)) => (ty, fallible),
            None => (Type::unit(origin), false),
        },
    }
}

pub(super) fn lower_type(fields: &mut Fields<'_>, key: &str, dir: Direction, diags: &mut Diagnostics) -> Option<Type> {
    let node = fields.get(key)?;
    let text = read_str(node, &format!("`{key}`"), diags)?;
    let base = type_base(node);
    match dir {
        Direction::Import => parse_python_type(&text, base, diags),
        Direction::Export => parse_rust_type_str(&text, base, false, diags).map(|(ty, _)| ty),
    }
}

/// Where the first character of a scalar's text is (after an opening quote).
fn type_base(node: &Node) -> Loc {
    match &node.kind {
        NodeKind::Scalar { quoted: true, .. } => Loc::new(node.loc.line, node.loc.col + 1, 1),
        _ => node.loc,
    }
}

fn lower_enum(node: &Node, diags: &mut Diagnostics) -> Option<Enum> {
    let mut fields = Fields::open(node, "enum", diags)?;
    let (py, origin) = fields.str("name", diags).unwrap_or_default_origin(fields.origin());
    let rust_path = lower_rust_path(&mut fields, "enum", diags);
    let mut variants = Vec::new();
    for v in fields.list("variants", diags).iter() {
        if let Some(text) = read_str(v, "a variant name", diags) {
            variants.push(Variant {
                name: make_name(text, v.origin()),
                value: None,
                fields: Vec::new(),
                tuple: false,
                origin: v.origin(),
            });
        }
    }
    let int = fields.bool("int", diags).unwrap_or(false);
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    fields.finish(diags);
    Some(Enum { name: make_name(py, origin), rust_path, variants, int, dunders: Vec::new(), doc, origin })
}

fn lower_exception(node: &Node, dir: Direction, diags: &mut Diagnostics) -> Option<Exception> {
    let mut fields = Fields::open_in(node, "exception", dir, diags)?;
    let (py, origin) = fields.str("name", diags).unwrap_or_default_origin(fields.origin());
    let (base, base_origin) = fields.str("base", diags).unwrap_or_else(|| ("Exception".into(), Origin::Implied));
    let base = ExceptionRef::new(base, base_origin);
    let bases = match fields.get("bases") {
        Some(node) => super::class::lower_str_list(node, "`bases`", diags),
        None => Vec::new(),
    };
    let bases = bases.into_iter().map(|(b, at)| ExceptionRef::new(b, at)).collect();
    let attributes = super::class::lower_attributes(&mut fields, dir, diags);
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    fields.finish(diags);
    Some(Exception { name: make_name(py, origin), base, bases, rust_path: None, attributes, doc, origin })
}

fn lower_constant(node: &Node, dir: Direction, diags: &mut Diagnostics) -> Option<Constant> {
    let mut fields = Fields::open_in(node, "constant", dir, diags)?;
    let name = lower_name(&mut fields, diags);
    let (py, origin) = (name.py.clone(), name.origin);
    let ty = lower_type(&mut fields, "type", dir, diags);
    let rust_text = fields.str("rust", diags);
    let written = rust_text.is_some();
    let rust_value = rust_text.and_then(|(text, at)| {
        RustExpr::parse(&text).map_err(|problem| push_problem(problem, &text, at, "constant", diags)).ok()
    });
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    fields.finish(diags);
    if dir == Direction::Export && rust_value.is_none() && !written {
        diags.push(
            Diagnostic::new(origin, format!("exported constant `{py}` needs a value"))
                .help("add `rust: <expression>`, for example `rust: crate::VERSION`"),
        );
    }
    Some(Constant { name, ty: ty?, rust_value, doc, origin })
}

/// `raises: Exception` (export only, refused on imports by the reader; the Rust function must
/// return a `Result`).
pub(super) fn lower_raises(fields: &mut Fields<'_>, fallible: bool, diags: &mut Diagnostics) -> Option<ExceptionRef> {
    let (name, origin) = fields.str("raises", diags)?;
    if !fallible {
        diags.push(
            Diagnostic::new(origin, "`raises` needs a function that returns a `Result`")
                .help("write `returns: Result<T, E>` with the Rust error type"),
        );
        return None;
    }
    Some(ExceptionRef::new(name, origin))
}

/// `rust:` of a function, method, class or enum: a path, parsed here once. A value that is not
/// one is refused at the value; the item keeps its default path, so the checks after lowering
/// still run (the problem is recoverable).
pub(super) fn lower_rust_path(fields: &mut Fields<'_>, what: &str, diags: &mut Diagnostics) -> Option<RustPath> {
    let (text, at) = fields.str("rust", diags)?;
    RustPath::parse(&text).map_err(|problem| push_problem(problem, &text, at, what, diags)).ok()
}

/// An exported class's `rust:`: its path and, for a view class (`regex::Match<'h>`), its
/// lifetime.
pub(super) fn lower_class_rust_path(
    fields: &mut Fields<'_>,
    diags: &mut Diagnostics,
) -> (Option<RustPath>, Option<crate::types::Lifetime>) {
    let Some((text, at)) = fields.str("rust", diags) else { return (None, None) };
    match RustPath::parse_class(&text) {
        Ok((path, lifetime)) => (Some(path), lifetime.map(|name| crate::types::Lifetime { name, origin: at })),
        Err(problem) => {
            push_problem(problem, &text, at, "class", diags);
            (None, None)
        }
    }
}

fn push_problem(problem: PathProblem, text: &str, at: Origin, what: &str, diags: &mut Diagnostics) {
    let (message, help) = problem.message(text, what);
    diags.push_recoverable(Diagnostic::new(at, message).help(help));
}

/// `name:` and, for import items, `rust_name:` (the Rust identifier, when the derived one does
/// not suit: two Python names that mangle alike, or a clash with a generated name).
pub(super) fn lower_name(fields: &mut Fields<'_>, diags: &mut Diagnostics) -> Name {
    let (py, origin) = fields.str("name", diags).unwrap_or_default_origin(fields.origin());
    let mut name = make_name(py, origin);
    if let Some((rust, at)) = fields.str("rust_name", diags) {
        if crate::names::is_identifier(&rust) && !["self", "Self", "super", "crate", "_"].contains(&rust.as_str()) {
            name.rust = rust_ident(&rust);
        } else {
            diags.push(
                Diagnostic::new(at, format!("`rust_name: {rust}` is not a Rust identifier"))
                    .help("write one identifier, such as `crate_fn`"),
            );
        }
    }
    name
}

pub(super) fn make_name(py: String, origin: Origin) -> Name {
    let rust = rust_ident(&py);
    Name { py, rust, origin }
}

pub(super) trait OrDefaultOrigin {
    fn unwrap_or_default_origin(self, origin: Origin) -> (String, Origin);
}

impl OrDefaultOrigin for Option<(String, Origin)> {
    /// A missing required name is already reported by `finish`; go on with a placeholder.
    fn unwrap_or_default_origin(self, origin: Origin) -> (String, Origin) {
        self.unwrap_or((String::new(), origin))
    }
}

impl<'n> Fields<'n> {
    /// Runs `f` on the fields, then reports unknown and missing keys.
    fn finish_into(mut self, f: impl FnOnce(&mut Fields<'n>, &mut Diagnostics), diags: &mut Diagnostics) {
        f(&mut self, diags);
        self.finish(diags);
    }
}
