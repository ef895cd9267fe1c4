//! rustc's errors mapped back to the spec whose files they are in: the primary spans first,
//! then every file a message or its children point into.

use std::path::Path;
use std::process::Output;

use super::{Case, Outcome};

/// Sorts the build's JSON messages into `outcome`: each error (and its code) under the slot of
/// the first of its files that belongs to a case (`?` for none), and a build that failed
/// without any rustc error.
pub(super) fn collect_errors(output: &Output, cases: &[Case], outcome: &mut Outcome) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if msg["reason"] == "compiler-artifact"
            && msg["target"]["name"] == "pybridge_proptest"
            && msg["fresh"] == true
            && !outcome.accepted.is_empty()
        {
            outcome.errors.entry("?".into()).or_default().push("cargo took the rewritten crate for fresh".into());
        }
        if msg["reason"] != "compiler-message" || msg["message"]["level"] != "error" {
            continue;
        }
        let rendered = msg["message"]["rendered"].as_str().unwrap_or_default().to_string();
        if rendered.starts_with("error: aborting due to") {
            continue;
        }
        // The primary spans first: notes and help may point into other specs' files.
        let mut files = Vec::new();
        for span in msg["message"]["spans"].as_array().into_iter().flatten() {
            if span["is_primary"] == true
                && let Some(f) = span["file_name"].as_str()
            {
                files.push(f.to_string());
            }
        }
        collect_files(&msg["message"], &mut files);
        let slot = files
            .iter()
            .find_map(|f| cases.iter().map(|c| &c.slot).find(|slot| file_slot(f) == Some(slot.as_str())))
            .cloned()
            .unwrap_or_else(|| "?".into());
        if let Some(code) = msg["message"]["code"]["code"].as_str() {
            outcome.codes.entry(slot.clone()).or_default().push(code.to_string());
        }
        outcome.errors.entry(slot).or_default().push(rendered);
    }
    if !output.status.success() && outcome.errors.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        outcome.errors.insert("?".into(), vec![format!("cargo build failed without a rustc error:\n{stderr}")]);
    }
}

/// The slot of a file of the crate (`src/pt3_user.rs`, `src/pt3.rs`, `src/../gen/pt3.rs`).
fn file_slot(file: &str) -> Option<&str> {
    let name = Path::new(file).file_name()?.to_str()?;
    let stem = name.strip_suffix(".rs")?;
    Some(stem.strip_suffix("_user").unwrap_or(stem))
}

fn collect_files(message: &serde_json::Value, files: &mut Vec<String>) {
    for span in message["spans"].as_array().into_iter().flatten() {
        let mut span = span;
        loop {
            if let Some(f) = span["file_name"].as_str() {
                files.push(f.to_string());
            }
            match span.get("expansion").and_then(|e| e.get("span")) {
                Some(s) if !s.is_null() => span = s,
                _ => break,
            }
        }
    }
    for child in message["children"].as_array().into_iter().flatten() {
        collect_files(child, files);
    }
}
