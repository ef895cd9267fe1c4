//! Lowering a class of the spec (export or import): constructor, methods, attributes, and
//! the Rust traits that become Python protocols.

use crate::code::RustPath;
use crate::container_traits::ContainerTrait;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{
    Attribute, Class, Direction, Dunder, ExceptionRef, FnKind, ForeignClass, Function, Name, Param, ParamKind,
    ReturnPolicy,
};
use crate::origin::Origin;
use crate::spec::keys::TRAITS;
use crate::spec::lower::{
    lower_function, lower_name, lower_params, lower_raises, lower_rust_path, lower_type, make_name,
};
use crate::spec::reader::{Fields, read_str};
use crate::types::{ClassRef, Type, TypeKind};
use crate::yaml::{Node, NodeKind};

/// A lowered `classes:` entry: a class of this module, or one another module exports (`from:`).
pub(super) enum Lowered {
    Local(Box<Class>),
    Foreign(ForeignClass),
}

pub(super) fn lower_class(node: &Node, dir: Direction, diags: &mut Diagnostics) -> Option<Lowered> {
    let mut fields = Fields::open_in(node, "class", dir, diags)?;
    let name = lower_name(&mut fields, diags);
    let (rust_path, lifetime) = super::lower::lower_class_rust_path(&mut fields, diags);
    let from = fields.str("from", diags);
    if let (Some(lifetime), true) = (&lifetime, from.is_some() || dir == Direction::Import) {
        let text = rust_path.as_ref().map_or("", |p| p.text());
        let (message, help) = crate::code::PathProblem::Borrows.message(text, "class");
        let help = if from.is_some() {
            "a view class (a type with a lifetime) cannot be shared with other modules"
        } else {
            help
        };
        diags.push(Diagnostic::new(lifetime.origin, message).help(help));
    }
    if let Some((module, module_origin)) = from {
        return Some(Lowered::Foreign(super::foreign::lower_foreign(
            fields,
            name,
            rust_path,
            module,
            module_origin,
            diags,
        )));
    }
    let lifetime = lifetime.filter(|_| dir == Direction::Export);
    lower_local_class(fields, dir, name, (rust_path, lifetime), diags).map(|c| Lowered::Local(Box::new(c)))
}

fn lower_local_class(
    mut fields: Fields<'_>,
    dir: Direction,
    name: Name,
    (rust_path, lifetime): (Option<RustPath>, Option<crate::types::Lifetime>),
    diags: &mut Diagnostics,
) -> Option<Class> {
    let (py, origin) = (name.py.clone(), name.origin);
    let doc = fields.str("doc", diags).map(|(d, _)| d);
    let mut methods = Vec::new();
    let class_type = Type::new(TypeKind::Class(ClassRef::named(py.clone())), origin);
    if let Some(mut c) = fields.get("constructor").and_then(|ctor| Fields::open_in(ctor, "constructor", dir, diags)) {
        let rust = lower_rust_path(&mut c, "constructor", diags);
        let params = lower_params(&mut c, dir, diags);
        // A constructor returns `Self`, or `Result<Self, E>` when it declares what it raises.
        let raises = lower_raises(&mut c, true, diags);
        let cdoc = c.str("doc", diags).map(|(d, _)| d);
        let corigin = c.origin();
        c.finish(diags);
        methods.push(Function {
            name: Name { py: "__init__".into(), rust: "new".into(), origin: corigin },
            kind: FnKind::Constructor,
            rust_path: rust,
            params,
            returns: class_type.clone(),
            fallible: raises.is_some(),
            release_gil: false,
            raises,
            extend: false,
            policy: ReturnPolicy::Value,
            policy_origin: corigin,
            borrows: None,
            doc: cdoc,
            origin: corigin,
        });
    }
    for m in fields.list("methods", diags) {
        if let Some(f) = lower_function(m, "method", FnKind::Method, dir, diags) {
            methods.push(f);
        }
    }
    let class_raises = fields.str("raises", diags).map(|(name, at)| ExceptionRef::new(name, at));
    let item = lower_type(&mut fields, "item", dir, diags);
    let mut dunders = Vec::new();
    let mut iter_item = None;
    if let Some(traits) = fields.get("traits") {
        let from_str = |origin| from_str_method(&class_type, class_raises.clone(), origin);
        (dunders, iter_item) = lower_traits(traits, item.as_ref(), from_str, &mut methods, diags);
    }
    if let Some(default) = &class_raises {
        for m in methods.iter_mut().filter(|m| m.fallible && m.raises.is_none()) {
            m.raises = Some(default.clone());
        }
    }
    let attributes = lower_attributes(&mut fields, dir, diags);
    let subclass = fields.bool("subclass", diags).unwrap_or(false);
    let weakref = fields.bool("weakref", diags).unwrap_or(false);
    let pickle = fields.get("pickle").map(|n| n.origin()).filter(|_| fields.bool("pickle", diags) == Some(true));
    fields.finish(diags);
    Some(Class {
        name,
        rust_path,
        methods,
        attributes,
        dunders,
        close: None,
        unsendable: false,
        subclass,
        weakref,
        pickle,
        iter_item,
        lifetime,
        doc,
        origin,
    })
}

/// `traits: [FromStr]` adds `Class.parse(text)`, through `FromStr::from_str`.
fn from_str_method(class_type: &Type, raises: Option<ExceptionRef>, origin: Origin) -> Function {
    Function {
        name: make_name("parse".into(), origin),
        kind: FnKind::Static,
        rust_path: RustPath::parse("::std::str::FromStr::from_str").ok(),
        params: vec![Param {
            name: make_name("text".into(), origin),
            ty: Type::new(TypeKind::Str { borrowed: true }, origin),
            kind: ParamKind::Positional,
            default: None,
            default_rust: None,
            default_origin: Origin::Implied,
            origin,
        }],
        returns: class_type.clone(),
        fallible: true,
        release_gil: false,
        raises,
        extend: false,
        policy: ReturnPolicy::Value,
        policy_origin: origin,
        borrows: None,
        doc: Some("Parses the text form (Rust's `FromStr`).".into()),
        origin,
    }
}

pub(super) fn lower_str_list(node: &Node, what: &str, diags: &mut Diagnostics) -> Vec<(String, Origin)> {
    match &node.kind {
        NodeKind::Seq(items) => {
            items.iter().filter_map(|i| read_str(i, what, diags).map(|t| (t, i.origin()))).collect()
        }
        _ => {
            diags.error(node.origin(), format!("expected a list for {what}, found {}", node.describe()));
            Vec::new()
        }
    }
}

/// `attributes:` of a class.
pub(super) fn lower_attributes(fields: &mut Fields<'_>, dir: Direction, diags: &mut Diagnostics) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    for a in fields.list("attributes", diags) {
        let Some(mut af) = Fields::open_in(a, "attribute", dir, diags) else { continue };
        let aname = lower_name(&mut af, diags);
        let aorigin = aname.origin;
        let ty = lower_type(&mut af, "type", dir, diags);
        let writable = af.bool("writable", diags).unwrap_or(false);
        let buffer_at = af.get("buffer").map(|n| n.origin());
        let buffer = af.bool("buffer", diags).unwrap_or(false).then_some(buffer_at).flatten();
        let policy = match af.one_of("policy", diags).as_deref() {
            Some("view") => ReturnPolicy::View,
            Some("shared") => {
                let at = af.get("policy").map(|n| n.origin()).unwrap_or(aorigin);
                diags.push(
                    Diagnostic::new(at, "an attribute cannot be `shared`")
                        .help("use `view` (a view into this object) or `value` (a copy)"),
                );
                ReturnPolicy::Value
            }
            _ => ReturnPolicy::Value,
        };
        let adoc = af.str("doc", diags).map(|(d, _)| d);
        af.finish(diags);
        if let Some(ty) = ty {
            attributes.push(Attribute { name: aname, ty, writable, policy, buffer, doc: adoc, origin: aorigin });
        }
    }
    attributes
}

/// `traits:`: the dunders they give, the iterator item (`IntoIterator`), and `parse` methods
/// (`FromStr`, built by `from_str`) pushed onto `methods`.
fn lower_traits(
    traits: &Node,
    item: Option<&Type>,
    from_str: impl Fn(Origin) -> Function,
    methods: &mut Vec<Function>,
    diags: &mut Diagnostics,
) -> (Vec<Dunder>, Option<Type>) {
    let mut dunders = Vec::new();
    let mut iter_item = None;
    let mut containers = Vec::new();
    for t in lower_str_list(traits, "`traits`", diags) {
        if let Some(written) = container_trait(&t.0) {
            containers.push((written, t.1));
            continue;
        }
        if let Some(d) = Dunder::from_trait(&t.0) {
            // `PartialEq, Hash, Eq`: one `__eq__` (a second would not compile).
            if !dunders.contains(&d) {
                dunders.push(d);
            }
            continue;
        }
        match t.0.as_str() {
            "FromStr" => methods.push(from_str(t.1)),
            "IntoIterator" => {
                match item {
                    Some(item) => iter_item = Some(item.clone()),
                    None => diags.push(Diagnostic::new(t.1, "`IntoIterator` needs the item type").help(
                        "add `item: <Rust type>` to the class (the item of `&T: IntoIterator`, cloned for Python)",
                    )),
                }
            }
            other if other.strip_suffix("Assign").and_then(crate::operators::Operator::from_trait).is_some() => {
                let op = &other[..other.len() - "Assign".len()];
                diags.push(Diagnostic::new(t.1, format!("`{other}` has no Python protocol in pybridge")).help(format!(
                    "list `{op}`: without an in-place method Python runs `a += b` as `a = a + b` (a new \
                         object); to change the object itself, declare the in-place method (`__iadd__`…) with \
                         `kind: mut_method`"
                )))
            }
            other => diags.push(
                Diagnostic::new(t.1, format!("`{other}` has no Python protocol in pybridge")).help(
                    crate::names::suggest(other, TRAITS.iter().copied())
                        .unwrap_or_else(|| format!("known traits: {}", TRAITS.join(", "))),
                ),
            ),
        }
    }
    methods.extend(lower_container_traits(&containers, diags));
    (dunders, iter_item)
}

/// `Index<usize, Output = f64>`, `IndexMut<usize>`, `Iterator<Item = u64>` (or the bare name,
/// which `lower_container_traits` refuses with the spelling): the trait and its path.
fn container_trait(text: &str) -> Option<(ContainerTrait, syn::Path)> {
    let path: syn::Path = syn::parse_str(text).ok()?;
    let t = ContainerTrait::named(&path.segments.last()?.ident.to_string())?;
    Some((t, path))
}

/// The protocol methods of the container traits a spec lists (`IndexMut` takes its item type
/// from `Index`'s `Output`).
fn lower_container_traits(written: &[((ContainerTrait, syn::Path), Origin)], diags: &mut Diagnostics) -> Vec<Function> {
    let mut methods = Vec::new();
    let mut output = None;
    let mut pending_mut = None;
    for ((t, path), at) in written {
        let origin_of = |_| *at;
        let args: Vec<&syn::GenericArgument> = match path.segments.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => a.args.iter().collect(),
            _ => Vec::new(),
        };
        let key = args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(ty) => Some(ty),
            _ => None,
        });
        let assoc = |name: &str| {
            args.iter().find_map(|a| match a {
                syn::GenericArgument::AssocType(b) if b.ident == name => Some(&b.ty),
                _ => None,
            })
        };
        let lower = |ty: &syn::Type, diags: &mut Diagnostics| crate::rusttype::lower(ty, &origin_of, diags);
        let spelled = |diags: &mut Diagnostics| {
            diags.push(
                Diagnostic::new(*at, format!("write `{}` with its types", t.spelling()))
                    .help("for example `Index<usize, Output = f64>`, `IndexMut<usize>`, `Iterator<Item = u64>`"),
            );
        };
        match (t, key, assoc("Output"), assoc("Item")) {
            (ContainerTrait::Index, Some(k), Some(v), None) => {
                if let (Some(k), Some(v)) = (lower(k, diags), lower(v, diags)) {
                    output = Some(v.clone());
                    methods.push(t.method(Some(k), v, *at));
                }
            }
            (ContainerTrait::IndexMut, Some(k), None, None) => pending_mut = Some((lower(k, diags), *at)),
            (ContainerTrait::Iterator, None, None, Some(item)) => {
                if let Some(item) = lower(item, diags) {
                    methods.push(t.method(None, item, *at));
                }
            }
            _ => spelled(diags),
        }
    }
    if let Some((key, at)) = pending_mut {
        match output {
            Some(value) => methods.extend(key.map(|k| ContainerTrait::IndexMut.method(Some(k), value, at))),
            None => diags.push(
                Diagnostic::new(at, "`IndexMut` needs `Index` (its `Output` is the item type)")
                    .help("list `Index<K, Output = V>` too, as Rust requires"),
            ),
        }
    }
    methods
}
