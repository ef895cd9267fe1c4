//! Parameter defaults that name enum members: a spec's `default: Rounding.Nearest` becomes the
//! variant's Rust path, an attribute's `Axis::X` gets its `.pyi` spelling `Axis.X`; any other
//! default of a class-typed parameter is refused at the default (no object can be one).

use crate::code::{RustExpr, RustPath};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Module;
use crate::origin::Origin;
use crate::types::TypeKind;

/// A unit-only enum: Python name, Rust path, and (Python, Rust) name of each variant.
type UnitEnum = (String, Option<RustPath>, Vec<(String, String)>);

/// A spec `default:` of a parameter typed with a class or enum (lowering leaves it to this
/// phase): a member of a unit-only enum (`Rounding.Nearest`) becomes that variant's Rust path
/// (`crate::Rounding::Nearest`), `None` stays `None` for an optional one; anything else is
/// refused, because no other object can be written as a default.
pub(super) fn resolve_member_defaults(module: &mut Module, diags: &mut Diagnostics) {
    let enums: Vec<UnitEnum> = module
        .enums
        .iter()
        .filter(|e| !e.has_data())
        .map(|e| {
            let variants = e.variants.iter().map(|v| (v.name.py.clone(), v.name.rust.clone())).collect();
            (e.name.py.clone(), e.try_target(), variants)
        })
        .collect();
    let functions = module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut()));
    for p in functions.flat_map(|f| f.params.iter_mut()) {
        let Some(text) = &p.default else { continue };
        let (class, optional) = match &p.ty.kind {
            TypeKind::Class(c) => (c, false),
            TypeKind::Optional(inner) => match &inner.kind {
                TypeKind::Class(c) => (c, true),
                _ => continue,
            },
            _ => continue,
        };
        let text = text.trim();
        let found = enums.iter().find(|(name, _, _)| *name == class.name);
        if let Some(expr) = &p.default_rust {
            // The attribute's Rust default (`Axis::X`): the `.pyi` spells its member.
            let variant = variant_named(expr.expr());
            let member = found.and_then(|(name, _, variants)| {
                let (py, _) = variants.iter().find(|(_, rust)| Some(rust) == variant.as_ref())?;
                Some(format!("{name}.{py}"))
            });
            match member {
                Some(member) => p.default = Some(member),
                None if found.is_none() && !(optional && text == "None") => diags.push(
                    Diagnostic::new(p.default_origin, format!("`{}` cannot have a default", class.name))
                        .help("a class parameter has no default object: make it `Option<T>` with `= None`"),
                ),
                None => {}
            }
            continue;
        }
        let member = found.and_then(|(name, path, variants)| {
            let variant = text.strip_prefix(name.as_str())?.strip_prefix('.')?;
            let (_, rust) = variants.iter().find(|(py, _)| py == variant)?;
            let path = path.as_ref()?;
            RustExpr::parse(&format!("{}::{rust}", path.text())).ok()
        });
        let expr = match member {
            Some(expr) if optional => RustExpr::parse(&format!("::core::option::Option::Some({})", expr.text())).ok(),
            Some(expr) => Some(expr),
            None if optional && text == "None" => RustExpr::parse("::core::option::Option::None").ok(),
            None => None,
        };
        if expr.is_some() {
            p.default_rust = expr;
            continue;
        }
        let help = match found {
            Some((name, _, variants)) => format!(
                "write one of its members: {}",
                variants.iter().map(|(py, _)| format!("`{name}.{py}`")).collect::<Vec<_>>().join(", ")
            ),
            None => "a class parameter cannot have a default: make it `Option<T>` with `default: None`".into(),
        };
        let at = if matches!(p.default_origin, Origin::Implied) { p.origin } else { p.default_origin };
        diags.push(Diagnostic::new(at, format!("`default: {text}` is not a value of `{}`", class.name)).help(help));
    }
}

/// The last segment of a path expression, inside one `Some(..)`: `Axis::X` → `X`.
fn variant_named(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            syn::Expr::Path(f) if f.path.segments.last().is_some_and(|s| s.ident == "Some") => {
                variant_named(&c.args[0])
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::assert_reports;

    // resolve_member_defaults

    #[test]
    fn member_defaults_become_the_variant_path_and_others_are_refused_at_the_default() {
        let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, rust: crate::paint::Color, variants: [Red, Green] }
  functions:
    - name: f
      params:
        - { name: a, type: Color, default: Color.Green }
        - { name: b, type: \"Option<Color>\", default: None }
        - { name: c, type: Color, default: Color.Blue }
";
        assert_reports(spec, &[(11, 44, "`default: Color.Blue` is not a value of `Color`")]);
        let mut diags = crate::diagnostics::Diagnostics::default();
        let mut bridge = crate::spec::load_spec(spec, &mut diags).expect("loads");
        crate::resolve::resolve_bridge(&mut bridge, &mut diags);
        let params = &bridge.modules[0].functions[0].params;
        assert_eq!(
            params[0].default_rust.as_ref().map(|e| e.text().replace(' ', "")).as_deref(),
            Some("crate::paint::Color::Green")
        );
        assert_eq!(
            params[1].default_rust.as_ref().map(|e| e.text().replace(' ', "")).as_deref(),
            Some("::core::option::Option::None")
        );
    }
}
