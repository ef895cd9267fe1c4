//! Golden outputs: every valid spec in `specs/examples/` and `tests/specs/` generates exactly the
//! files recorded under `tests/golden/<spec stem>/` (re-record with `PYBRIDGE_BLESS=1`), and the
//! `#[py_embed]` expansion of `tests/golden/attribute/input.rs` matches its snapshot.

use std::path::PathBuf;

use pybridge_tests::{compare_golden, workspace_root};

fn valid_specs() -> Vec<PathBuf> {
    let mut specs = Vec::new();
    for dir in ["specs/examples", "tests/specs"] {
        for entry in std::fs::read_dir(workspace_root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                specs.push(path);
            }
        }
    }
    specs.sort();
    specs
}

#[test]
fn specs_generate_their_golden_files() {
    let mut failures = Vec::new();
    let specs = valid_specs();
    assert!(specs.len() >= 3);
    for spec in specs {
        let bridge = pybridge_build::check_spec(&spec).unwrap_or_else(|f| panic!("{f}"));
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        for file in pybridge_build::plan_outputs(&bridge, &spec) {
            let golden = workspace_root().join("tests/golden").join(&stem).join(&file.name);
            failures.extend(compare_golden(&golden, &file.contents));
            // Generated Rust always parses (prettyplease printed it from a syn tree).
            if file.name.ends_with(".rs") {
                syn_parse_file(&file.contents);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    for spec in valid_specs() {
        let bridge = pybridge_build::check_spec(&spec).unwrap();
        let again = pybridge_build::check_spec(&spec).unwrap();
        assert_eq!(pybridge_build::plan_outputs(&bridge, &spec), pybridge_build::plan_outputs(&again, &spec));
    }
}

#[test]
fn attribute_expansion_matches_its_snapshot() {
    let input = std::fs::read_to_string(workspace_root().join("tests/golden/attribute/input.rs")).unwrap();
    let file: pybridge_model_syn::File = pybridge_model_syn::parse_str(&input).unwrap();
    let mut out = String::new();
    for item in file.items {
        let pybridge_model_syn::Item::Mod(mut module) = item else { continue };
        let attr_index = module.attrs.iter().position(pybridge_model::rust::is_py_embed).unwrap();
        let attr = module.attrs.remove(attr_index);
        let args = match attr.meta {
            pybridge_model_syn::Meta::List(list) => list.tokens,
            _ => Default::default(),
        };
        let tokens = pybridge_codegen::expand_py_embed(args, quote_item(&module));
        out.push_str(&pybridge_codegen::banner::emit_pretty(tokens));
    }
    let golden = workspace_root().join("tests/golden/attribute/expanded.rs");
    if let Some(failure) = compare_golden(&golden, &out) {
        panic!("{failure}");
    }
}

fn quote_item(module: &pybridge_model_syn::ItemMod) -> proc_macro2::TokenStream {
    let mut tokens = proc_macro2::TokenStream::new();
    quote::ToTokens::to_tokens(module, &mut tokens);
    tokens
}

fn syn_parse_file(text: &str) {
    if let Err(e) = pybridge_model_syn::parse_file(text) {
        panic!("generated Rust does not parse: {e}\n{text}");
    }
}
