//! `bindgen-cli check --against-live`: each import entry of a spec compared with the module it
//! was written for, imported in the target interpreter. Every declared name must exist and be
//! what the spec says (function, class, method, static/class method, property or attribute,
//! constant, exception class), and a function's parameters must match: the same names in the
//! same order, of the same kinds, the same ones defaulted, no required one left out, and the
//! same types where both sides are annotated. Each mismatch is a located error at its spec
//! line, saying what the module has instead.

use std::collections::BTreeMap;
use std::path::Path;

use pybridge_model::{Diagnostic, Diagnostics, Direction, FnKind, Function, Module, Origin, ParamKind};
use serde_json::Value;

use super::ScanOptions;
use crate::Failure;

/// Checks the spec, then compares each import entry with its live module.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-drift-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let spec = dir.join("math.yaml");
/// // `math.sqrt` takes one parameter; `math.hypotenuse` does not exist.
/// std::fs::write(&spec, "version: 1\nimport:\n  - module: math\n    functions:\n      - { name: sqrt, params: [{ name: x, type: float }], returns: float }\n      - { name: hypotenuse, returns: float }\n").unwrap();
/// let failure = pybridge_build::check_against_live(&spec, &Default::default()).unwrap_err();
/// assert!(failure.to_string().contains("hypotenuse"), "{failure}");
/// assert!(!failure.to_string().contains("`sqrt`"), "{failure}");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_against_live(spec: &Path, options: &ScanOptions) -> Result<(), Failure> {
    let bridge = crate::check_spec(spec)?;
    let source = std::fs::read_to_string(spec).unwrap_or_default();
    let mut diags = Diagnostics::new();
    for module in bridge.modules.iter().filter(|m| m.direction == Direction::Import) {
        match probe(module, options) {
            Ok(live) => compare_module(module, &live, &mut diags),
            Err(message) => diags.push(Diagnostic::new(module.name.origin, message)),
        }
    }
    if diags.has_errors() {
        let rendered =
            pybridge_model::render::render_diagnostics(&spec.display().to_string(), &source, &diags.into_sorted());
        return Err(Failure::Invalid(rendered));
    }
    Ok(())
}

/// Runs the scanner's `probe` on the names `module` declares.
fn probe(module: &Module, options: &ScanOptions) -> Result<Value, String> {
    let mut request: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in &module.functions {
        request.entry(&f.name.py).or_default();
    }
    for c in &module.classes {
        let members = request.entry(&c.name.py).or_default();
        members.extend(c.methods.iter().filter(|m| m.kind != FnKind::Constructor).map(|m| m.name.py.as_str()));
        members.extend(c.attributes.iter().map(|a| a.name.py.as_str()));
    }
    for name in module.constants.iter().map(|c| &c.name.py).chain(module.exceptions.iter().map(|e| &e.name.py)) {
        request.entry(name).or_default();
    }
    let request = serde_json::to_string(&request).unwrap_or_default();
    let (python, mut command) = super::command(options);
    let output = command
        .arg("probe")
        .arg(&module.name.py)
        .arg(request)
        .output()
        .map_err(|e| format!("cannot run the Python interpreter {}: {e}", python.display()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(format!("cannot import `{}` in {}: {last}", module.name.py, python.display()));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("the scanner's output is not JSON: {e}"))
}

fn kind_of(v: &Value) -> &str {
    v.get("kind").and_then(Value::as_str).unwrap_or("missing")
}

fn compare_module(module: &Module, live: &Value, diags: &mut Diagnostics) {
    let m = &module.name.py;
    let names = live.get("names").cloned().unwrap_or_default();
    let public: Vec<String> = live
        .get("public")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let missing = |name: &str, origin: Origin, what: &str, diags: &mut Diagnostics| {
        let help = pybridge_model::names::suggest(name, public.iter().map(String::as_str))
            .unwrap_or_else(|| "remove it from the spec, or check the module's version".into());
        diags
            .push(Diagnostic::new(origin, format!("{what} `{m}.{name}` does not exist in the live module")).help(help));
    };
    for f in &module.functions {
        let live = &names[f.name.py.as_str()];
        match kind_of(live) {
            "function" => compare_params(f, &format!("{m}.{}", f.name.py), live.get("params"), diags),
            "missing" => missing(&f.name.py, f.name.origin, "function", diags),
            other => wrong_kind(f.name.origin, &format!("{m}.{}", f.name.py), "a function", other, diags),
        }
    }
    for c in &module.classes {
        let live = &names[c.name.py.as_str()];
        match kind_of(live) {
            "class" => compare_class(c, &format!("{m}.{}", c.name.py), live, diags),
            "missing" => missing(&c.name.py, c.name.origin, "class", diags),
            other => wrong_kind(c.name.origin, &format!("{m}.{}", c.name.py), "a class", other, diags),
        }
    }
    for c in &module.constants {
        match kind_of(&names[c.name.py.as_str()]) {
            "constant" => {}
            "missing" => missing(&c.name.py, c.name.origin, "constant", diags),
            other => wrong_kind(c.name.origin, &format!("{m}.{}", c.name.py), "a constant", other, diags),
        }
    }
    for e in &module.exceptions {
        match kind_of(&names[e.name.py.as_str()]) {
            "exception" => {}
            "missing" => missing(&e.name.py, e.name.origin, "exception", diags),
            other => wrong_kind(e.name.origin, &format!("{m}.{}", e.name.py), "an exception class", other, diags),
        }
    }
}

fn wrong_kind(origin: Origin, qualified: &str, declared: &str, live: &str, diags: &mut Diagnostics) {
    let live = match live {
        "class" => "a class",
        "function" => "a function",
        "exception" => "an exception class",
        "constant" => "a constant (not callable)",
        "module" => "a module",
        "property" => "a property",
        "attribute" => "a plain attribute",
        "method" => "a method",
        "static" => "a static method",
        "classmethod" => "a class method",
        other => other,
    };
    diags.push(
        Diagnostic::new(origin, format!("`{qualified}` is declared as {declared}, but the live module has {live}"))
            .help("declare it as what the module has"),
    );
}

fn compare_class(c: &pybridge_model::Class, qualified: &str, live: &Value, diags: &mut Diagnostics) {
    let members = live.get("members").cloned().unwrap_or_default();
    for m in &c.methods {
        if m.kind == FnKind::Constructor {
            compare_params(m, qualified, live.get("constructor"), diags);
            continue;
        }
        let entry = &members[m.name.py.as_str()];
        let mq = format!("{qualified}.{}", m.name.py);
        let declared = match m.kind {
            FnKind::Static => "static",
            FnKind::ClassMethod => "classmethod",
            _ => "method",
        };
        match kind_of(entry) {
            k if k == declared => compare_params(m, &mq, entry.get("params"), diags),
            "missing" => diags.push(
                Diagnostic::new(m.name.origin, format!("method `{mq}` does not exist in the live module"))
                    .help("remove it from the spec, or check the module's version"),
            ),
            other => {
                let what = match declared {
                    "static" => "a static method",
                    "classmethod" => "a class method",
                    _ => "a method",
                };
                wrong_kind(m.name.origin, &mq, what, other, diags)
            }
        }
    }
    for a in &c.attributes {
        let aq = format!("{qualified}.{}", a.name.py);
        match kind_of(&members[a.name.py.as_str()]) {
            "property" | "attribute" => {}
            // An instance attribute set in `__init__` is not on the class: nothing to compare.
            "missing" => {}
            other => wrong_kind(a.name.origin, &aq, "an attribute", other, diags),
        }
    }
}

/// One declared parameter list against the live signature (`None`: no signature to read).
fn compare_params(f: &Function, qualified: &str, live: Option<&Value>, diags: &mut Diagnostics) {
    let Some(live) = live.and_then(Value::as_array) else { return };
    let var_keyword = live.iter().any(|p| p.get("kind").and_then(Value::as_str) == Some("var_keyword"));
    let var_positional = live.iter().any(|p| p.get("kind").and_then(Value::as_str) == Some("var_positional"));
    let name = |p: &Value| p.get("name").and_then(Value::as_str).unwrap_or("").to_string();
    for (i, p) in f.params.iter().enumerate() {
        let Some(lp) = live.iter().find(|lp| name(lp) == p.name.py) else {
            let absorbed = match p.kind {
                ParamKind::Keyword => var_keyword,
                ParamKind::VarKeyword => false,
                _ => var_positional || var_keyword,
            };
            if !absorbed {
                diags.push(
                    Diagnostic::new(p.origin, format!("the live `{qualified}` has no parameter `{}`", p.name.py))
                        .help(format!("its parameters: {}", live.iter().map(name).collect::<Vec<_>>().join(", "))),
                );
            }
            continue;
        };
        let live_kind = lp.get("kind").and_then(Value::as_str).unwrap_or("positional");
        if live_kind != spelled(p.kind) {
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("`{}` of `{qualified}` is `{}` in the live module", p.name.py, live_kind),
                )
                .help(format!("write `kind: {live_kind}`")),
            );
        }
        let live_default = lp.get("default").is_some();
        if live_default != p.default.is_some() {
            let message = match live_default {
                true => format!("`{}` of `{qualified}` has a default in the live module", p.name.py),
                false => format!("`{}` of `{qualified}` has no default in the live module", p.name.py),
            };
            diags.push(Diagnostic::new(p.origin, message).help("match the module: add or remove `default`"));
        }
        let position = live.iter().position(|lp| name(lp) == p.name.py);
        if position != Some(i) && matches!(p.kind, ParamKind::Positional | ParamKind::PositionalOnly) {
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!(
                        "`{}` is parameter {} of the live `{qualified}`, not {}",
                        p.name.py,
                        position.map_or(0, |x| x + 1),
                        i + 1
                    ),
                )
                .help("declare the parameters in the module's order"),
            );
        }
        compare_type(p, qualified, lp, diags);
    }
    for lp in live {
        let required = lp.get("default").is_none()
            && !matches!(lp.get("kind").and_then(Value::as_str), Some("var_positional" | "var_keyword"));
        if required && !f.params.iter().any(|p| p.name.py == name(lp)) {
            diags.push(
                Diagnostic::new(
                    f.name.origin,
                    format!("the live `{qualified}` requires `{}`, which the spec does not declare", name(lp)),
                )
                .help("declare it, in the module's order"),
            );
        }
    }
}

fn spelled(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::PositionalOnly => "positional_only",
        ParamKind::Positional => "positional",
        ParamKind::VarPositional => "var_positional",
        ParamKind::Keyword => "keyword",
        ParamKind::VarKeyword => "var_keyword",
    }
}

/// Where both sides are annotated, the same type (compared as the model spells them).
fn compare_type(p: &pybridge_model::Param, qualified: &str, lp: &Value, diags: &mut Diagnostics) {
    let Some(text) = lp.get("type").and_then(Value::as_str) else { return };
    if text.contains("Any") || lp.get("why").is_some() {
        return;
    }
    let mut scratch = Diagnostics::new();
    let Some(live) = pybridge_model::pytype::parse_python_type(text, pybridge_model::Loc::new(1, 1, 0), &mut scratch)
    else {
        return;
    };
    let mut declared_any = false;
    p.ty.walk(&mut |t| {
        declared_any |= matches!(t.kind, pybridge_model::TypeKind::Any | pybridge_model::TypeKind::Class(_))
    });
    if declared_any {
        return;
    }
    if live.python() != p.ty.python() {
        diags.push(
            Diagnostic::new(p.ty.origin, format!("`{}` of `{qualified}` is `{}` in the live module", p.name.py, text))
                .help(format!("declare `type: \"{text}\"`")),
        );
    }
}
