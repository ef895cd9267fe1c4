//! The JSON Schema of the spec format, generated from the key catalog in `keys.rs`.
//!
//! `specs/pybridge.schema.json` is this function's output; a test fails when the committed file
//! and the catalog drift apart (re-record with `PYBRIDGE_BLESS=1`).

use std::fmt::Write as _;

use crate::spec::keys::{SECTIONS, Section, Shape};

/// The schema as pretty-printed JSON text (deterministic: catalog order).
pub fn emit_json_schema() -> String {
    let mut out = String::new();
    out.push_str("{\n");
    out.push_str("  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n");
    out.push_str("  \"$id\": \"pybridge.schema.json\",\n");
    out.push_str("  \"title\": \"pybridge spec, version 1\",\n");
    out.push_str("  \"description\": \"Generated from model/src/spec/keys.rs; do not edit by hand.\",\n");
    write_object(&mut out, &SECTIONS[0], "  ");
    out.push_str(",\n  \"$defs\": {\n");
    let defs: Vec<&Section> = SECTIONS[1..].iter().collect();
    for (i, section) in defs.iter().enumerate() {
        let _ = writeln!(out, "    \"{}\": {{", section.name);
        let _ = writeln!(out, "      \"description\": {},", quote(section.what));
        write_object(&mut out, section, "      ");
        out.push_str("\n    }");
        out.push_str(if i + 1 < defs.len() { ",\n" } else { "\n" });
    }
    out.push_str("  }\n}\n");
    out
}

fn write_object(out: &mut String, section: &Section, indent: &str) {
    let _ = writeln!(out, "{indent}\"type\": \"object\",");
    let _ = writeln!(out, "{indent}\"additionalProperties\": false,");
    let required: Vec<String> = section.keys.iter().filter(|k| k.required).map(|k| quote(k.name)).collect();
    let _ = writeln!(out, "{indent}\"required\": [{}],", required.join(", "));
    let _ = writeln!(out, "{indent}\"properties\": {{");
    for (i, key) in section.keys.iter().enumerate() {
        let comma = if i + 1 < section.keys.len() { "," } else { "" };
        let _ = writeln!(
            out,
            "{indent}  \"{}\": {{ {}, \"description\": {} }}{comma}",
            key.name,
            shape(key.shape),
            quote(key.doc)
        );
    }
    let _ = write!(out, "{indent}}}");
}

fn shape(shape: Shape) -> String {
    match shape {
        Shape::Str | Shape::Type => "\"type\": [\"string\", \"null\"]".into(),
        Shape::Int => "\"type\": \"integer\", \"minimum\": 0".into(),
        Shape::Bool => "\"type\": [\"boolean\", \"null\"]".into(),
        Shape::OneOf(words) => {
            format!("\"enum\": [{}]", words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(", "))
        }
        Shape::StrList => "\"type\": [\"array\", \"null\"], \"items\": { \"type\": \"string\" }".into(),
        Shape::List(section) => {
            format!("\"type\": [\"array\", \"null\"], \"items\": {{ \"$ref\": \"#/$defs/{section}\" }}")
        }
        Shape::Map(section) => format!("\"$ref\": \"#/$defs/{section}\""),
    }
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
