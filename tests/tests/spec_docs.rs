//! The spec format's documents stay in sync with the key catalog (`model/src/spec/keys.rs`):
//! the JSON Schema is generated from it, SPEC.md documents every key, and template.yaml shows
//! every key and is itself accepted by the parser.

use pybridge_model::spec::keys::SECTIONS;
use pybridge_model::spec::schema::emit_json_schema;
use pybridge_model::{Diagnostics, spec};
use pybridge_tests::{compare_golden, workspace_root};

#[test]
fn json_schema_matches_the_key_catalog() {
    let schema = emit_json_schema();
    let parsed: serde_json::Value = serde_json::from_str(&schema).expect("the schema is valid JSON");
    // Every key of the top level is a property; every other section is a definition per
    // direction it appears in (`export_function`, `import_function`, …), every key a property.
    for key in SECTIONS[0].keys {
        assert!(parsed["properties"].get(key.name).is_some(), "spec.{} missing from the schema", key.name);
    }
    for section in &SECTIONS[1..] {
        let defs: Vec<String> = match section.name {
            "export" | "import_module" => vec![section.name.to_string()],
            "enum" => vec!["export_enum".to_string()],
            name => vec![format!("export_{name}"), format!("import_{name}")],
        };
        for def in defs {
            let props = &parsed["$defs"][&def]["properties"];
            for key in section.keys {
                assert!(props.get(key.name).is_some(), "{def}.{} missing from the schema", key.name);
            }
        }
    }
    if let Some(failure) = compare_golden(&workspace_root().join("specs/pybridge.schema.json"), &schema) {
        panic!("{failure}");
    }
}

#[test]
fn spec_md_documents_every_key() {
    let doc = std::fs::read_to_string(workspace_root().join("specs/SPEC.md")).unwrap();
    let mut missing = Vec::new();
    for section in SECTIONS {
        let heading = format!("<a id=\"{}\"></a>", section.name);
        let Some(start) = doc.find(&heading) else {
            missing.push(format!("section {}", section.name));
            continue;
        };
        let body = &doc[start + heading.len()..];
        let body = &body[..body.find("<a id=").unwrap_or(body.len())];
        for key in section.keys {
            if !body.contains(&format!("| `{}` |", key.name)) {
                missing.push(format!("{}.{}", section.name, key.name));
            }
        }
    }
    assert!(missing.is_empty(), "SPEC.md does not document: {missing:?}");
}

#[test]
fn template_shows_every_key_and_parses() {
    let text = std::fs::read_to_string(workspace_root().join("specs/template.yaml")).unwrap();
    // Walk the template's YAML tree, knowing each mapping's section from the key that holds it
    // (the catalog's `List`/`Map` shapes): every key of every section is written in a mapping
    // of that section, not merely somewhere in the file.
    let mut diags = Diagnostics::new();
    let root = pybridge_model::yaml::parse_yaml(&text, &mut diags).expect("the template parses");
    let mut present = std::collections::HashSet::new();
    collect_keys(&root, "spec", &mut present);
    for section in SECTIONS {
        for key in section.keys {
            assert!(
                present.contains(&(section.name, key.name)),
                "template.yaml lacks `{}` in a {}",
                key.name,
                section.name
            );
        }
    }
    let mut diags = Diagnostics::new();
    let bridge = spec::load_spec(&text, &mut diags);
    assert!(bridge.is_some() && !diags.has_errors(), "{:?}", diags.into_sorted());
}

/// Records `(section, key)` for each key of `node` (a mapping of `section`) and of the mappings
/// below it.
fn collect_keys(
    node: &pybridge_model::yaml::Node,
    section: &'static str,
    present: &mut std::collections::HashSet<(&'static str, &'static str)>,
) {
    use pybridge_model::spec::keys::{Shape, section as section_named};
    use pybridge_model::yaml::NodeKind;
    let NodeKind::Map(entries) = &node.kind else { return };
    for (key, value) in entries.iter() {
        let NodeKind::Scalar { text, .. } = &key.kind else { continue };
        let Some(k) = section_named(section).keys.iter().find(|k| k.name == &**text) else { continue };
        present.insert((section, k.name));
        match (k.shape, &value.kind) {
            (Shape::Map(inner), _) => collect_keys(value, inner, present),
            (Shape::List(inner), NodeKind::Seq(items)) => items.iter().for_each(|i| collect_keys(i, inner, present)),
            _ => {}
        }
    }
}
