//! `bindgen-cli scan` and the drift check against real CPython: eight standard-library modules
//! scanned from typeshed's stubs (the ones inside mypy) and `tests/python/scan_mod.py` scanned
//! live; the specs written agree with a fresh scan (`tests/scanned/`, re-recorded by
//! `PYBRIDGE_BLESS=1`), pass `check`, compile (tests/build.rs) and call the real modules; the
//! live and stub scans agree wherever both know a type; and `check --against-live` reports a
//! renamed function, a removed parameter and a property turned into a method at their lines.

use std::path::PathBuf;

use pybridge::ObjectExt;
use pybridge_build::{ScanOptions, scan_describe, scan_module};
use pybridge_tests::{bless, use_test_python, workspace_root};
use serde_json::Value;

const STDLIB: [&str; 8] = ["calendar", "difflib", "fnmatch", "json", "shlex", "statistics", "string", "textwrap"];

fn python() -> PathBuf {
    pybridge_build::scan_interpreter(&ScanOptions::default())
}

/// typeshed's standard-library stubs, as the installed mypy ships them.
fn typeshed() -> PathBuf {
    let out = std::process::Command::new(python())
        .args(["-c", "import mypy, os; print(os.path.join(os.path.dirname(mypy.__file__), 'typeshed', 'stdlib'))"])
        .output()
        .expect("run python");
    assert!(out.status.success(), "mypy is not installed in {}", python().display());
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn stub_options() -> ScanOptions {
    ScanOptions { pyi: Some(typeshed()), ..Default::default() }
}

fn live_options() -> ScanOptions {
    ScanOptions { sys_path: vec![workspace_root().join("tests/python")], ..Default::default() }
}

#[test]
fn scanned_specs_match_a_fresh_scan() {
    let mut scans: Vec<(String, String)> =
        STDLIB.iter().map(|m| (m.to_string(), scan_module(m, &stub_options()).expect(m))).collect();
    scans.push(("scan_mod".into(), scan_module("scan_mod", &live_options()).expect("scan_mod")));
    // The examples' Python modules, live.
    for (module, dir) in [
        ("textstats", "examples/hello-import/python"),
        ("py4cc", "examples/driver/python"),
        ("my_module", "examples/objects/python"),
    ] {
        let options = ScanOptions { sys_path: vec![workspace_root().join(dir)], ..Default::default() };
        scans.push((module.into(), scan_module(module, &options).expect(module)));
    }
    for (module, yaml) in scans {
        // What scan writes always passes check.
        let (_, checked) = pybridge_model::load_and_check(yaml.as_bytes());
        assert!(checked.is_ok(), "{module}: {checked:?}");
        let path = workspace_root().join(format!("tests/scanned/{module}.yaml"));
        if bless() {
            std::fs::write(&path, &yaml).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        // Recorded on 3.11. On another minor version (scripts/test-python) the stubs' version
        // branches legitimately differ: there only the check above applies.
        if minor_version(&kept) != minor_version(&yaml) {
            continue;
        }
        assert_eq!(
            without_python_version(&kept),
            without_python_version(&yaml),
            "{module}: tests/scanned/{module}.yaml is stale (PYBRIDGE_BLESS=1 re-records it)"
        );
    }
}

/// `3.11` of a scan's header `(Python 3.11.7)`.
fn minor_version(yaml: &str) -> Option<String> {
    let header = yaml.lines().next()?;
    let version = header.split("(Python ").nth(1)?.split(')').next()?;
    Some(version.split('.').take(2).collect::<Vec<_>>().join("."))
}

/// The scan's text with the interpreter's version in its header (`(Python 3.11.7)`) left out.
fn without_python_version(yaml: &str) -> String {
    let (header, rest) = yaml.split_once('\n').unwrap_or((yaml, ""));
    let header = match header.find("(Python ") {
        Some(at) => format!("{}{}", &header[..at], header[at..].split_once(')').map_or("", |(_, after)| after)),
        None => header.to_string(),
    };
    format!("{header}\n{rest}")
}

/// A parameter as the scanner describes it: (name, kind, type).
type ScannedParam = (String, String, String);

/// (name, parameters, return type) of each function in a scanner description.
fn functions(description: &Value) -> Vec<(String, Vec<ScannedParam>, String)> {
    let items = description["items"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .filter(|i| i["kind"] == "function" && i.get("note").is_none())
        .map(|i| {
            let params = i["params"].as_array().cloned().unwrap_or_default();
            let params = params
                .iter()
                .map(|p| {
                    (
                        p["name"].as_str().unwrap_or("").into(),
                        p["kind"].as_str().unwrap_or("").into(),
                        p["type"].as_str().unwrap_or("").into(),
                    )
                })
                .collect();
            (i["name"].as_str().unwrap_or("").into(), params, i["returns"]["type"].as_str().unwrap_or("").into())
        })
        .collect()
}

#[test]
fn live_and_stub_scans_agree_wherever_both_know_the_type() {
    let stub = ScanOptions { pyi: Some(workspace_root().join("tests/scan/scan_mod.pyi")), ..Default::default() };
    let live = scan_describe("scan_mod", &live_options()).unwrap();
    let stub = scan_describe("scan_mod", &stub).unwrap();
    let (live, stub) = (functions(&live), functions(&stub));
    let mut compared = 0;
    for (name, params, ret) in &live {
        let Some((_, stub_params, stub_ret)) = stub.iter().find(|(n, _, _)| n == name) else { continue };
        let names =
            |ps: &Vec<(String, String, String)>| ps.iter().map(|(n, k, _)| (n.clone(), k.clone())).collect::<Vec<_>>();
        assert_eq!(names(params), names(stub_params), "{name}");
        for ((_, _, a), (_, _, b)) in params.iter().zip(stub_params) {
            if a != "Any" && b != "Any" {
                assert_eq!(a, b, "{name}");
                compared += 1;
            }
        }
        if ret != "Any" && stub_ret != "Any" {
            assert_eq!(ret, stub_ret, "{name}");
            compared += 1;
        }
    }
    assert!(compared >= 12, "only {compared} types compared");
    // The standard library: the functions both scans find take the same parameters (the live
    // modules are unannotated, so their types are all `Any`).
    let mut same = 0;
    for module in STDLIB {
        let live = functions(&scan_describe(module, &ScanOptions::default()).unwrap());
        let stub = functions(&scan_describe(module, &stub_options()).unwrap());
        for (name, params, _) in &live {
            let Some((_, stub_params, _)) = stub.iter().find(|(n, _, _)| n == name) else { continue };
            agree(&format!("{module}.{name}"), params, stub_params);
            same += 1;
        }
    }
    assert!(same >= 20, "only {same} standard-library functions compared");
}

/// A live signature and a stub's agree: each parameter the live one names is the stub's, of
/// the same kind (positional-only ones by position: their names are not part of the call); a
/// stub may spell out what a live `*args`/`**kwargs` takes (typeshed's `textwrap.fill` lists the
/// keywords the live `**kwargs` passes on).
fn agree(what: &str, live: &[ScannedParam], stub: &[ScannedParam]) {
    for (i, (name, kind, _)) in live.iter().enumerate() {
        if kind.starts_with("var_") {
            continue;
        }
        let found = match kind.as_str() {
            "positional_only" => stub.get(i).map(|(_, k, _)| k == kind),
            _ => stub.iter().find(|(n, _, _)| n == name).map(|(_, k, _)| k == kind),
        };
        assert_eq!(found, Some(true), "{what}: `{name}` ({kind}) differs: live {live:?}, stub {stub:?}");
    }
    let var = |k: &str| live.iter().any(|(_, lk, _)| lk == k);
    for (name, kind, _) in stub {
        let known = live.iter().any(|(n, k, _)| n == name || (k == kind && kind == "positional_only"));
        let absorbed = match kind.as_str() {
            "keyword" => var("var_keyword"),
            "positional" | "positional_only" => var("var_positional") || var("var_keyword"),
            _ => true,
        };
        assert!(known || absorbed, "{what}: the stub's `{name}` is not in the live signature {live:?}");
    }
}

#[test]
fn scanned_stubs_call_the_real_modules() {
    use pybridge_tests::scanned::*;
    use_test_python();
    assert!(calendar_spec::calendar::isleap(2024).unwrap());
    assert_eq!(calendar_spec::calendar::leapdays(2000, 2025).unwrap(), 7);
    // Fourteen defaults: `wrap_with` and an options struct, from typeshed's signature.
    let options = textwrap_spec::textwrap::WrapOptions { width: Some(10), ..Default::default() };
    let lines = textwrap_spec::textwrap::wrap_with("the quick brown fox", options).unwrap();
    assert_eq!(lines, vec!["the quick".to_string(), "brown fox".to_string()]);
    let text = pybridge::to_object("a 'b c'").unwrap();
    assert_eq!(shlex_spec::shlex::split(&text, None, None).unwrap(), vec!["a".to_string(), "b c".to_string()]);
    let (name, pattern) = (pybridge::to_object("notes.txt").unwrap(), pybridge::to_object("*.txt").unwrap());
    assert!(fnmatch_spec::fnmatch::fnmatch(&name, &pattern).unwrap());
    let data = pybridge::to_object(vec![1.0, 2.0, 6.0]).unwrap();
    assert_eq!(statistics_spec::statistics::mean(&data).unwrap().to::<f64>().unwrap(), 3.0);
    let words = pybridge::to_object("hello there").unwrap();
    assert_eq!(string_spec::string::capwords(&words, None).unwrap().to::<String>().unwrap(), "Hello There");
    let value = pybridge::to_object(vec![1, 2]).unwrap();
    let options =
        json_spec::json::DumpsOptions { indent: Some(json_spec::json::IntOrStr::Int(0)), ..Default::default() };
    let dumped = json_spec::json::dumps_with(&value, &std::collections::HashMap::new(), options).unwrap();
    assert_eq!(dumped, "[\n1,\n2\n]");
    // The hello-import example's module, scanned live, against what its hand-written spec gives.
    pybridge::add_sys_path(workspace_root().join("examples/hello-import/python")).unwrap();
    let counts = textstats_spec::textstats::word_counts("the cat and The hat", None, Some(3)).unwrap();
    assert_eq!(
        counts,
        std::collections::HashMap::from([
            ("the".to_string(), 2),
            ("cat".into(), 1),
            ("and".into(), 1),
            ("hat".into(), 1)
        ])
    );
    assert_eq!(textstats_spec::textstats::longest(&["a", "abc"]).unwrap(), Some("abc".to_string()));
    // `scan_mod`, scanned live: positional-only defaults, keyword-only, literals, callbacks.
    use scan_mod_spec::scan_mod;
    assert_eq!(scan_mod::greet("ann", None, Some(true)).unwrap(), "HELLO ANN!");
    assert_eq!(scan_mod::mode_of(scan_mod::ROrW::W, None).unwrap(), scan_mod::IntOrStr::Str("w".into()));
    assert_eq!(scan_mod::apply(|x| x + 1, 41).unwrap(), 42);
    let counted: Vec<i64> = scan_mod::count_up(3).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(counted, vec![0, 1, 2]);
    let counter = scan_mod::Counter::new(Some(2), Some(3)).unwrap();
    assert_eq!(counter.bump(None).unwrap(), 5);
    assert_eq!(counter.doubled().unwrap(), 10);
    match scan_mod::fail(7).unwrap_err() {
        scan_mod::Error::ScanError(e) => assert_eq!(e.code, 7),
        other => panic!("expected ScanError, got {other}"),
    }
    let _ = value.repr();
}

#[test]
fn the_drift_check_reports_each_difference_at_its_line() {
    let drift = workspace_root().join("tests/scan/drift.yaml");
    let err = pybridge_build::check_against_live(&drift, &live_options()).unwrap_err().to_string();
    for expected in [
        "drift.yaml:8:15: error: function `scan_mod.greeting` does not exist in the live module",
        "drift.yaml:17:38: error: `fallback` of `scan_mod.mode_of` is `int | None` in the live module",
        "drift.yaml:18:21: error: the live `scan_mod.mode_of` has no parameter `color`",
        "drift.yaml:24:21: error: `scan_mod.Counter.doubled` is declared as a method, but the live module has a property",
        "drift.yaml:27:21: error: `scan_mod.Counter.bump` is declared as an attribute, but the live module has a method",
        "drift.yaml:30:17: error: constant `scan_mod.MISSING` does not exist in the live module",
        "drift.yaml:35:17: error: exception `scan_mod.NoSuchError` does not exist in the live module",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    // `ValueError`, a builtin the module does not define, is no difference.
    assert!(err.contains("found 7 problems"), "{err}");
    // The spec scan wrote from the module agrees with it.
    let scanned = workspace_root().join("tests/scanned/scan_mod.yaml");
    pybridge_build::check_against_live(&scanned, &live_options()).unwrap();
}

#[test]
fn merge_keeps_the_users_edits_and_takes_the_modules_signatures() {
    let existing = std::fs::read_to_string(workspace_root().join("tests/scan/scan_mod_edited.yaml")).unwrap();
    let options = ScanOptions { merge: Some(existing), ..live_options() };
    let merged = scan_module("scan_mod", &options).unwrap();
    let (_, checked) = pybridge_model::load_and_check(merged.as_bytes());
    assert!(checked.is_ok(), "{checked:?}\n{merged}");
    // Kept: the Rust name, the docs, the alias, the narrowed types.
    for kept in [
        "rust_name: \"say_hello\"",
        "doc: \"Greets someone.\"",
        "doc: \"A counter.\"",
        "{ name: \"Mode\", type: \"Literal['r', 'w']\" }",
        "{ name: \"mode\", type: \"Mode\" }",
        "{ name: \"a\", type: \"int\" }",
        "{ name: \"b\", type: \"u8\", default: \"2\" }",
    ] {
        assert!(merged.contains(kept), "lost `{kept}`:\n{merged}");
    }
    // The module's signatures: `extra` is gone, `greet` gained its parameters.
    assert!(!merged.contains("\"extra\""), "{merged}");
    assert!(merged.contains("{ name: \"loud\", type: \"bool\", kind: keyword, default: \"False\" }"), "{merged}");
    // What the user left out stays out, listed; no constructor the user did not declare.
    assert!(
        !merged.contains("- name: \"total\"") && merged.contains("#   `total`: not in the merged spec"),
        "{merged}"
    );
    assert!(!merged.contains("constructor:"), "{merged}");
}

#[test]
fn a_stub_scan_evaluates_version_branches_and_leaves_out_what_typeshed_marks() {
    let options = ScanOptions { pyi: Some(workspace_root().join("tests/scan/scan_mod.pyi")), ..Default::default() };
    let yaml = scan_module("scan_mod", &options).unwrap();
    // `if sys.version_info >= (3, 99)` is false here: its `else` branch is taken.
    assert!(yaml.contains("- name: \"untyped\"") && !yaml.contains("from_the_future"), "{yaml}");
    assert!(yaml.contains("# 2 overloads in the stub; scanned the one with the most parameters"), "{yaml}");
    // A `TypeAlias`-free alias of a literal is resolved where it is used.
    assert!(yaml.contains("{ name: \"mode\", type: \"Literal['r', 'w']\" }"), "{yaml}");
    for left_out in [
        "`Color`: an enum",
        "`sep`: re-exported from `os`",
        "`SupportsBump`: a typing-only class",
        "`Helper`: a typing-only class",
    ] {
        assert!(yaml.contains(left_out), "missing `{left_out}`:\n{yaml}");
    }
    assert!(!yaml.contains("- name: \"SupportsBump\"") && !yaml.contains("- name: \"Helper\""), "{yaml}");
}
