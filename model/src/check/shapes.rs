//! Export shapes the emitters support: constructors, classes and callables in containers,
//! return policies, exported classes crossing import stubs.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, FnKind, Module, ReturnPolicy};
use crate::origin::Origin;
use crate::types::TypeKind;

/// Export shapes the emitter supports: one constructor per class; classes inside containers
/// only as `Option<Class>`/`Vec<Class>` returns; `release_gil` only with plain Rust data;
/// `extend` only on instance methods.
pub(super) fn check_export_shapes(module: &Module, diags: &mut Diagnostics) {
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
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        if f.extend && !matches!(f.kind, FnKind::Method | FnKind::MethodMut) {
            diags
                .push(Diagnostic::new(f.origin, "`extend` applies to instance methods").help(
                    "use `kind: method` or `kind: mut_method`; a static method can name any function in `rust:`",
                ));
        }
    }
}

/// Return policies: `shared` and `view` hand Python a class object (not an enum, not a
/// container); a view is made from a parameterless `&self` method or a class-typed field,
/// because the view re-reads its parent on every access and cannot remember arguments.
pub(super) fn check_policies(module: &Module, diags: &mut Diagnostics) {
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
pub(super) fn check_exported_in_imports(module: &Module, diags: &mut Diagnostics) {
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
pub(super) fn first_origin(ty: &crate::types::Type, pred: impl Fn(&TypeKind) -> bool) -> Option<Origin> {
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
pub(super) fn check_class_nesting(ty: &crate::types::Type, is_return: bool, diags: &mut Diagnostics) {
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

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_export_dunders

    #[test]
    fn export_dunders_refuse_protocol_method_names() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - { name: __len__, returns: usize }
        - { name: __add__, extend: true, rust: crate::add, params: [{ name: other, type: \"&C\" }], returns: C }
";
        assert_reports(
            spec,
            &[
                (7, 19, "`__len__` is a Python protocol method, which cannot be declared as a method yet"),
                (8, 19, "`__add__` is a Python protocol method"),
            ],
        );
    }

    #[test]
    fn export_dunders_accept_plain_names_a_constructor_and_imported_dunders() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      constructor: {}
      methods:
        - { name: len, returns: usize }
        - { name: __, returns: usize }
        - { name: add, extend: true, rust: crate::add, params: [{ name: other, type: \"&C\" }], returns: C }
import:
  - module: m
    classes:
      - name: Seq
        methods:
          - { name: __len__, returns: int }
";
        assert_passes(spec);
    }

    // check_export_shapes (`raises:` and exception bases: see tests_moving.rs)

    #[test]
    fn export_shapes_refuse_extend_on_a_static_method() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: V
      methods:
        - name: make
          kind: static
          rust: crate::make
          extend: true
";
        assert_reports(spec, &[(7, 17, "`extend` applies to instance methods")]);
    }

    #[test]
    fn export_shapes_accept_extend_on_instance_methods() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: V
      methods:
        - name: make
          kind: static
          rust: crate::make
        - name: is_pre
          rust: crate::is_pre
          returns: bool
          extend: true
        - name: bump
          kind: mut_method
          rust: crate::bump
          extend: true
";
        assert_passes(spec);
    }

    // check_class_nesting (through check_export_shapes)

    #[test]
    fn class_nesting_refuses_classes_in_containers_and_nested_callables() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: a, type: \"Vec<C>\" }
            - { name: b, type: \"Option<impl Fn(i64) -> i64>\" }
            - { name: c, type: \"impl Fn(&C) -> i64\" }
          returns: \"HashMap<String, C>\"
  functions:
    - name: g
      returns: \"impl Fn(i64) -> i64\"
";
        assert_reports(
            spec,
            &[
                (9, 37, "exported classes inside containers are not supported here yet"),
                (10, 40, "a Python callable can only be a parameter of its own"),
                (11, 41, "exported classes cannot cross inside a callable's signature yet"),
                (12, 37, "exported classes inside containers are not supported here yet"),
                (15, 17, "a Python callable can only be a parameter of its own"),
            ],
        );
    }

    #[test]
    fn class_nesting_accepts_whole_classes_wrapped_returns_and_direct_callables() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: a, type: \"&C\" }
            - { name: b, type: \"impl Fn(i64) -> i64\" }
            - { name: c, type: C }
          returns: \"Vec<C>\"
  functions:
    - name: g
      returns: \"Option<C>\"
";
        assert_passes(spec);
    }

    // check_policies

    #[test]
    fn policies_refuse_shared_and_view_without_a_class() {
        let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green] }
  classes:
    - name: Point
    - name: Poly
      attributes:
        - { name: count, type: i64, policy: view }
      methods:
        - name: color
          returns: Color
          policy: shared
        - name: paint
          params:
            - { name: c, type: \"Arc<Color>\" }
";
        assert_reports(
            spec,
            &[
                (10, 32, "`view` needs a field whose type is a class declared in this module"),
                (14, 19, "policy `shared` needs a class as the return type"),
                (17, 33, "`Arc<Color>` needs a class, not an enum"),
            ],
        );
    }

    #[test]
    fn policies_refuse_views_that_would_remember_arguments_or_extend() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Point
    - name: Poly
      methods:
        - name: corner
          params:
            - { name: i, type: usize }
          returns: \"&Point\"
        - name: first
          extend: true
          rust: crate::first
          returns: \"&Point\"
  functions:
    - name: origin
      returns: Point
      policy: view
";
        assert_reports(
            spec,
            &[
                (11, 21, "a view comes from a `&self` method without parameters"),
                (15, 21, "an `extend` function cannot return a view"),
                (19, 15, "a view comes from a `&self` method without parameters"),
            ],
        );
    }

    #[test]
    fn policies_accept_shared_and_view_of_classes() {
        let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green] }
  classes:
    - name: Point
    - name: Poly
      attributes:
        - { name: count, type: i64 }
        - { name: first, type: Point, policy: view }
      methods:
        - name: color
          returns: Color
        - name: corner
          returns: \"&Point\"
        - name: paint
          params:
            - { name: c, type: \"Arc<Point>\" }
        - name: at
          params:
            - { name: i, type: usize }
          returns: Point
          policy: shared
  functions:
    - name: origin
      returns: \"Arc<Point>\"
";
        assert_passes(spec);
    }

    // check_exported_in_imports

    #[test]
    fn exported_in_imports_refuses_nested_defaulted_and_held_exported_classes() {
        let spec = "\
version: 1
module: geo
export:
  classes:
    - name: Point
import:
  - module: geo_model
    functions:
      - name: hull
        params:
          - { name: points, type: \"list[Point]\" }
        returns: \"Point | None\"
      - name: nearest
        params:
          - { name: origin, type: Point, default: \"None\" }
    classes:
      - name: Shape
        attributes:
          - { name: center, type: Point }
    constants:
      - { name: ORIGIN, type: \"tuple[Point, int]\" }
";
        assert_reports(
            spec,
            &[
                (11, 41, "an exported class crosses an import stub only as a whole parameter or return type"),
                (12, 19, "an exported class crosses an import stub only as a whole parameter or return type"),
                (15, 21, "a parameter of an exported class cannot have a default"),
                (19, 35, "an exported class crosses only as a parameter or return value of an import stub"),
                (21, 38, "an exported class crosses only as a parameter or return value of an import stub"),
            ],
        );
    }

    #[test]
    fn exported_in_imports_accepts_whole_parameters_and_returns() {
        let spec = "\
version: 1
module: geo
export:
  classes:
    - name: Point
import:
  - module: geo_model
    functions:
      - name: hull
        params:
          - { name: points, type: Point }
        returns: Point
      - name: nearest
        params:
          - { name: origin, type: Point }
          - { name: limit, type: int, default: \"None\" }
    classes:
      - name: Shape
        methods:
          - { name: center, returns: Point }
    constants:
      - { name: ORIGIN, type: \"tuple[int, int]\" }
";
        assert_passes(spec);
    }
}
