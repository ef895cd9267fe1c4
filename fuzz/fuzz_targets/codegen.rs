//! Codegen: structurally generated specs (so most are valid) → generated Rust parses with
//! `syn::parse_file` and is deterministic; `.pyi` renders.
#![no_main]

use arbitrary::Arbitrary;

const NAMES: &[&str] = &["f", "type", "match", "self", "crate", "py", "value", "Error", "Other", "_x", "data"];
const PY_TYPES: &[&str] = &["int", "float", "str", "bytes", "bool", "None", "Any", "list[int]", "dict[str, float]", "int | None", "tuple[int, str]", "set[int]", "C"];
const RUST_TYPES: &[&str] = &["i64", "u8", "f64", "String", "&str", "bool", "()", "Vec<f64>", "Vec<i64>", "Option<i64>", "(i64, String)", "C", "&C", "Vec<C>", "Option<C>", "pybridge::Object", "std::collections::HashMap<String, i64>"];

#[derive(Arbitrary, Debug)]
struct Spec {
    export: bool,
    functions: Vec<Func>,
    class_methods: Vec<Func>,
    exceptions: u8,
}

#[derive(Arbitrary, Debug)]
struct Func {
    name: u8,
    params: Vec<(u8, u8, u8)>,
    ret: Option<u8>,
}

fn pick<'a>(pool: &[&'a str], i: u8) -> &'a str {
    pool[i as usize % pool.len()]
}

fn function(out: &mut String, indent: &str, f: &Func, types: &[&str], export: bool, kind: Option<&str>) {
    out.push_str(&format!("{indent}- name: {}\n", pick(NAMES, f.name)));
    if let Some(kind) = kind {
        out.push_str(&format!("{indent}  kind: {kind}\n"));
    }
    if export {
        out.push_str(&format!("{indent}  rust: crate::{}\n", pick(NAMES, f.name).trim_start_matches('_').replace("self", "me")));
    }
    if !f.params.is_empty() {
        out.push_str(&format!("{indent}  params:\n"));
        for (i, (name, ty, flags)) in f.params.iter().take(4).enumerate() {
            let mut line = format!("{indent}    - {{ name: {}{i}, type: \"{}\"", pick(NAMES, *name).trim_start_matches('_'), pick(types, *ty));
            if !export && flags % 3 == 1 {
                line.push_str(", kind: keyword");
            }
            if !export && flags % 2 == 1 {
                line.push_str(", default: \"None\"");
            }
            line.push_str(" }\n");
            out.push_str(&line);
        }
    }
    if let Some(ret) = f.ret {
        out.push_str(&format!("{indent}  returns: \"{}\"\n", pick(types, ret)));
    }
}

libfuzzer_sys::fuzz_target!(|spec: Spec| {
    let types = if spec.export { RUST_TYPES } else { PY_TYPES };
    let mut text = String::from("version: 1\n");
    let section = if spec.export {
        text.push_str("module: fuzzed\nexport:\n");
        "  "
    } else {
        text.push_str("import:\n  - module: fuzzed\n");
        "    "
    };
    text.push_str(&format!("{section}classes:\n{section}  - name: C\n"));
    if spec.export {
        text.push_str(&format!("{section}    rust: crate::C\n"));
    }
    if !spec.class_methods.is_empty() {
        text.push_str(&format!("{section}    methods:\n"));
        for (i, m) in spec.class_methods.iter().take(4).enumerate() {
            let kind = ["method", "static", if spec.export { "mut_method" } else { "classmethod" }][i % 3];
            function(&mut text, &format!("{section}      "), m, types, spec.export, Some(kind));
        }
    }
    if !spec.functions.is_empty() {
        text.push_str(&format!("{section}functions:\n"));
        for f in spec.functions.iter().take(6) {
            function(&mut text, &format!("{section}  "), f, types, spec.export, None);
        }
    }
    if spec.exceptions % 3 > 0 {
        text.push_str(&format!("{section}exceptions:\n{section}  - name: Oops\n"));
    }
    let (_, result) = pybridge_model::load_and_check(text.as_bytes());
    if let Ok(bridge) = result {
        let first = pybridge_codegen::emit_bridge_rust(&bridge, "fuzz.yaml");
        assert_eq!(first, pybridge_codegen::emit_bridge_rust(&bridge, "fuzz.yaml"), "deterministic");
        if let Err(e) = syn::parse_file(&first) {
            panic!("generated Rust does not parse: {e}\n--- spec\n{text}\n--- rust\n{first}");
        }
        if let Some(export) = bridge.export() {
            let _ = pybridge_codegen::emit_pyi(export, "fuzz.yaml");
        }
    }
});
