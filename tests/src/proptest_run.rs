//! The spec property test's runner: generated specs (and the kept regressions) → `check` →
//! `gen` (the build.rs `Builder`, as a user's build runs it) → ONE crate holding every spec's
//! output in its own module beside its user module → one `cargo build`. rustc's errors are
//! mapped back to the spec whose files they are in; a failing spec can be minimised (items
//! dropped while it still passes `check` and still fails to compile with the same error code).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::specgen::{self, Finding, Spec};

/// One spec of a run: its text, the user's Rust beside it, the stubs' exercise code.
#[derive(Clone, Debug)]
pub struct Case {
    /// The module name in the crate (`pt17`, `reg_x`): every generated name contains it.
    pub slot: String,
    /// Where it came from (`seed 17`, a regression file).
    pub origin: String,
    /// The spec.
    pub yaml: String,
    /// The user's Rust (the items an `export:` wraps).
    pub user: String,
    /// Never-run calls of each import stub.
    pub exercise: String,
    /// The generated model, when it came from the generator (for minimising).
    pub spec: Option<Spec>,
    /// A `#[py_embed]` case: the module's source (then `yaml` is empty).
    pub attribute: Option<String>,
}

impl Case {
    /// The case of generator seed `seed`.
    pub fn generated(seed: u64) -> Case {
        let slot = format!("pt{seed}");
        let spec = specgen::generate(seed, &slot);
        Case::from_spec(spec, &slot, format!("seed {seed}")).unwrap_or_else(|e| panic!("seed {seed}: {e}"))
    }

    /// Renders a generated model.
    pub fn from_spec(spec: Spec, slot: &str, origin: String) -> Result<Case, String> {
        let r = specgen::render(&spec, slot)?;
        Ok(Case {
            slot: slot.into(),
            origin,
            yaml: r.yaml,
            user: r.user,
            exercise: r.exercise,
            spec: Some(spec),
            attribute: None,
        })
    }

    /// The `#[py_embed]` case of generator seed `seed` (its export written as an attribute-declared
    /// module), if that seed has an export.
    pub fn attribute(seed: u64) -> Option<Case> {
        let slot = format!("pa{seed}");
        let spec = specgen::generate(seed, &slot);
        let source = specgen::render_attribute(&spec, &slot).ok()?;
        Some(Case {
            slot,
            origin: format!("seed {seed}, #[py_embed]"),
            yaml: String::new(),
            user: String::new(),
            exercise: String::new(),
            spec: Some(spec),
            attribute: Some(source),
        })
    }
}

/// A kept regression (`tests/proptest_regressions/<stem>.yaml` + `.user.rs` + `.exercise.rs`,
/// written with the slot `__SLOT__`).
#[derive(Clone, Debug)]
pub struct Regression {
    /// File stem.
    pub stem: String,
    /// `# known-finding: <Name>`: the known finding it reproduces (if any).
    pub finding: Option<Finding>,
    /// The case, slot `reg_<n>`.
    pub case: Case,
}

/// The regressions folder.
pub fn regressions_dir() -> PathBuf {
    crate::workspace_root().join("tests/proptest_regressions")
}

/// Every kept regression, sorted by name.
pub fn regressions() -> Vec<Regression> {
    let dir = regressions_dir();
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".attr.rs")).map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    stems.sort();
    stems
        .into_iter()
        .enumerate()
        .map(|(i, stem)| {
            let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{stem}{ext}"))).unwrap_or_default();
            let slot = format!("reg{i}");
            let yaml = read(".yaml");
            let finding = yaml.lines().find_map(|l| l.strip_prefix("# known-finding:")).map(|n| {
                Finding::by_name(n.trim()).unwrap_or_else(|| panic!("{stem}.yaml: unknown finding `{}`", n.trim()))
            });
            let fill = |s: String| s.replace("__SLOT__", &slot);
            let attr = std::fs::read_to_string(dir.join(format!("{stem}.attr.rs"))).ok();
            let finding = finding.or_else(|| {
                attr.as_deref()?.lines().find_map(|l| l.strip_prefix("// known-finding:")).map(|n| {
                    Finding::by_name(n.trim())
                        .unwrap_or_else(|| panic!("{stem}.attr.rs: unknown finding `{}`", n.trim()))
                })
            });
            let case = Case {
                slot: slot.clone(),
                origin: format!("tests/proptest_regressions/{stem}.yaml"),
                yaml: fill(yaml),
                user: fill(read(".user.rs")),
                exercise: fill(read(".exercise.rs")),
                spec: None,
                attribute: attr.map(fill),
            };
            Regression { stem, finding, case }
        })
        .collect()
}

/// Keeps a minimised finding as a regression; returns the stem written.
pub fn save_regression(case: &Case, stem: &str, header: &str) -> std::io::Result<String> {
    let dir = regressions_dir();
    std::fs::create_dir_all(&dir)?;
    let unfill = |s: &str| s.replace(&case.slot, "__SLOT__");
    if let Some(source) = &case.attribute {
        let header: String = header.lines().map(|l| format!("//{}\n", l.trim_start_matches('#'))).collect();
        std::fs::write(dir.join(format!("{stem}.attr.rs")), format!("{header}{}", unfill(source)))?;
        return Ok(stem.to_string());
    }
    std::fs::write(dir.join(format!("{stem}.yaml")), format!("{header}{}", unfill(&case.yaml)))?;
    std::fs::write(dir.join(format!("{stem}.user.rs")), unfill(&case.user))?;
    std::fs::write(dir.join(format!("{stem}.exercise.rs")), unfill(&case.exercise))?;
    Ok(stem.to_string())
}

/// What happened to each case of a build.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Slots `check` refused, with the first line of the diagnostics.
    pub refused: BTreeMap<String, String>,
    /// Slots that were generated and compiled into the crate.
    pub accepted: Vec<String>,
    /// rustc errors by slot (`?` for errors in no spec's files).
    pub errors: BTreeMap<String, Vec<String>>,
    /// Error codes (`E0277`) by slot.
    pub codes: BTreeMap<String, Vec<String>>,
    /// Time of the `cargo build`.
    pub build_time: Duration,
    /// `.pyi` files that Python's parser refused.
    pub bad_pyi: Vec<String>,
}

/// The crate's directory and the target dir it shares (so pybridge and pyo3 are not rebuilt).
#[derive(Clone, Debug)]
pub struct Workspace {
    /// `target/tmp/proptest-crate` (or another, for parallel minimising).
    pub dir: PathBuf,
    /// The shared target dir.
    pub target_dir: PathBuf,
}

impl Workspace {
    /// The crate at `target/tmp/<name>`.
    pub fn new(target_dir: &Path, name: &str) -> Workspace {
        Workspace { dir: target_dir.join("tmp").join(name), target_dir: target_dir.to_path_buf() }
    }

    /// The target dir cargo uses for this workspace (`CARGO_TARGET_DIR` or `target/`).
    pub fn default_target_dir() -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::workspace_root().join("target"))
    }
}

/// Generates every case (Builder → `.rs` + `.pyi`), writes the crate, builds it once.
pub fn run(ws: &Workspace, cases: &[Case]) -> Outcome {
    let root = crate::workspace_root();
    let dir = &ws.dir;
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let _ = std::fs::remove_dir_all(dir.join("gen"));
    let _ = std::fs::remove_dir_all(dir.join("specs"));
    for sub in ["src", "gen", "specs"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let manifest = format!(
        "[package]\nname = \"pybridge-proptest\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[lib]\npath = \"src/lib.rs\"\n\n[dependencies]\npybridge = {{ path = {runtime:?} }}\n\n\
         [profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n",
        runtime = root.join("runtime").display().to_string(),
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(&dir.join("Cargo.lock"), &std::fs::read_to_string(root.join("Cargo.lock")).unwrap());
    let mut outcome = Outcome::default();
    let mut lib = String::from("//! Generated by the spec property test.\n#![allow(warnings)]\n\n");
    for case in cases {
        if let Some(source) = &case.attribute {
            // The attribute path: the model's check runs on the source (the Builder's `.pyi`
            // mode), then the crate compiles the module through the macro.
            let file = dir.join(format!("src/{}.rs", case.slot));
            std::fs::write(&file, source).unwrap();
            match pybridge_build::Builder::from_source(&file).out_dir(dir.join("gen")).try_build() {
                Ok(_) => {}
                Err(pybridge_build::Failure::Invalid(text)) => {
                    let first = text.lines().next().unwrap_or_default().to_string();
                    outcome.refused.insert(case.slot.clone(), first);
                    // Kept beside the specs, out of the crate, for a look.
                    let _ = std::fs::rename(&file, dir.join(format!("specs/{}.rs", case.slot)));
                    continue;
                }
                Err(other) => panic!("{}: {other}", case.origin),
            }
            outcome.accepted.push(case.slot.clone());
            lib.push_str(&format!("pub mod {};\n", case.slot));
            continue;
        }
        let spec = dir.join("specs").join(format!("{}.yaml", case.slot));
        std::fs::write(&spec, &case.yaml).unwrap();
        match pybridge_build::Builder::new(&spec).out_dir(dir.join("gen")).try_build() {
            Ok(_) => {}
            Err(pybridge_build::Failure::Invalid(text)) => {
                let first = text.lines().next().unwrap_or_default().to_string();
                outcome.refused.insert(case.slot.clone(), first);
                continue;
            }
            Err(other) => panic!("{}: {other}", case.origin),
        }
        outcome.accepted.push(case.slot.clone());
        let slot = &case.slot;
        std::fs::write(dir.join(format!("src/{slot}_user.rs")), &case.user).unwrap();
        let module = format!(
            "//! {origin}\nuse crate::{slot}_user::*;\n\ninclude!(\"../gen/{slot}.rs\");\n\n// The import stubs, called with the documented Rust types.\n{exercise}",
            origin = case.origin,
            exercise = case.exercise
        );
        std::fs::write(dir.join(format!("src/{slot}.rs")), module).unwrap();
        lib.push_str(&format!("pub mod {slot}_user;\npub mod {slot};\n"));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    outcome.bad_pyi = check_pyi(&dir.join("gen"));

    let cargo = std::env::var_os("CARGO").map(PathBuf::from).unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(&cargo);
    command
        .args(["build", "--offline", "--message-format=json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &ws.target_dir)
        .env_remove("RUSTFLAGS");
    let rustc = cargo.with_file_name("rustc");
    if rustc.is_file() {
        command.env("RUSTC", &rustc);
    }
    // The crate is rewritten for every build: drop cargo's fingerprints of it so a build can
    // never be taken for fresh (a long run once saw 0.1 s "builds" after minimising).
    if let Ok(entries) = std::fs::read_dir(ws.target_dir.join("debug/.fingerprint")) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("pybridge-proptest-") {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let started = Instant::now();
    let output = command.output().expect("run cargo");
    outcome.build_time = started.elapsed();
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
    outcome
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
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

/// Parses every `.pyi` with Python's own parser (when a Python is at hand).
fn check_pyi(dir: &Path) -> Vec<String> {
    let python = std::env::var_os("VIRTUAL_ENV")
        .map(|v| PathBuf::from(v).join("bin/python"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| "python3".into());
    let script = "import ast, pathlib, sys\nfor p in sorted(pathlib.Path(sys.argv[1]).glob('*.pyi')):\n    try:\n        ast.parse(p.read_text(), str(p))\n    except SyntaxError as e:\n        print(f'{p.name}: {e}')\n";
    match Command::new(python).args(["-c", script]).arg(dir).output() {
        Ok(out) => String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}

/// One-step reductions of a spec: drop one item (coarsest first).
pub fn reductions(spec: &Spec) -> Vec<Spec> {
    let mut out = Vec::new();
    macro_rules! each {
        (|$s:ident| $place:expr) => {{
            let n = {
                let $s = &mut spec.clone();
                ($place).len()
            };
            for i in 0..n {
                let mut owned = spec.clone();
                {
                    let $s = &mut owned;
                    ($place).remove(i);
                }
                out.push(owned);
            }
        }};
    }
    if spec.export.is_some() {
        let mut s = spec.clone();
        s.export = None;
        out.push(s);
    }
    each!(|s| s.imports);
    if spec.export.is_some() {
        each!(|s| s.export.as_mut().unwrap().classes);
        each!(|s| s.export.as_mut().unwrap().functions);
        each!(|s| s.export.as_mut().unwrap().enums);
        each!(|s| s.export.as_mut().unwrap().constants);
        each!(|s| s.export.as_mut().unwrap().exceptions);
        let classes = spec.export.as_ref().map_or(0, |e| e.classes.len());
        for c in 0..classes {
            each!(|s| s.export.as_mut().unwrap().classes[c].methods);
            each!(|s| s.export.as_mut().unwrap().classes[c].attrs);
            let mut s = spec.clone();
            let class = &mut s.export.as_mut().unwrap().classes[c];
            if class.ctor.take().is_some() {
                out.push(s);
            }
            let mut s = spec.clone();
            let class = &mut s.export.as_mut().unwrap().classes[c];
            if !class.traits.is_empty() || class.item.is_some() || class.raises.is_some() || class.generic.is_some() {
                class.traits.clear();
                class.item = None;
                class.raises = None;
                class.generic = None;
                out.push(s);
            }
            let methods = spec.export.as_ref().map_or(0, |e| e.classes[c].methods.len());
            for m in 0..methods {
                each!(|s| s.export.as_mut().unwrap().classes[c].methods[m].params);
            }
            if spec.export.as_ref().is_some_and(|e| e.classes[c].ctor.is_some()) {
                each!(|s| s.export.as_mut().unwrap().classes[c].ctor.as_mut().unwrap().params);
            }
        }
        let functions = spec.export.as_ref().map_or(0, |e| e.functions.len());
        for f in 0..functions {
            each!(|s| s.export.as_mut().unwrap().functions[f].params);
        }
    }
    for i in 0..spec.imports.len() {
        each!(|s| s.imports[i].functions);
        each!(|s| s.imports[i].classes);
        each!(|s| s.imports[i].constants);
        each!(|s| s.imports[i].exceptions);
        for c in 0..spec.imports[i].classes.len() {
            each!(|s| s.imports[i].classes[c].methods);
            each!(|s| s.imports[i].classes[c].attrs);
            let mut s = spec.clone();
            if s.imports[i].classes[c].ctor.take().is_some() {
                out.push(s);
            }
        }
        for f in 0..spec.imports[i].functions.len() {
            each!(|s| s.imports[i].functions[f].params);
        }
    }
    out
}

/// Drops items from a failing generated case while it still passes `check` and still fails
/// to compile with (one of) the same error code(s). At most `budget` builds.
pub fn minimise(
    ws: &Workspace,
    case: &Case,
    codes: &[String],
    first_error: &str,
    budget: usize,
    log: &mut dyn FnMut(&str),
) -> Case {
    let Some(mut spec) = case.spec.clone() else { return case.clone() };
    let mut best = case.clone();
    let mut builds = 0;
    // The same error: one of its codes, or (errors without a code) the same first line.
    let still_fails = |o: &Outcome, slot: &str| {
        let got = o.codes.get(slot).cloned().unwrap_or_default();
        let first = o.errors.get(slot).and_then(|e| e.first()).and_then(|e| e.lines().next()).unwrap_or_default();
        o.errors.contains_key(slot)
            && if codes.is_empty() { first == first_error } else { codes.iter().any(|c| got.contains(c)) }
    };
    'outer: loop {
        for candidate in reductions(&spec) {
            if builds >= budget {
                break 'outer;
            }
            let c = if case.attribute.is_some() {
                let Ok(source) = specgen::render_attribute(&candidate, &case.slot) else { continue };
                Case { attribute: Some(source), spec: Some(candidate.clone()), ..case.clone() }
            } else {
                let Ok(c) = Case::from_spec(candidate.clone(), &case.slot, case.origin.clone()) else { continue };
                // Refused by check: not a candidate (no build needed).
                let (_, checked) = pybridge_model::load_and_check(c.yaml.as_bytes());
                if checked.is_err() {
                    continue;
                }
                c
            };
            builds += 1;
            let outcome = run(ws, std::slice::from_ref(&c));
            if still_fails(&outcome, &c.slot) {
                let lines = |c: &Case| c.attribute.as_deref().unwrap_or(&c.yaml).lines().count();
                log(&format!("  minimise: {} → {} lines", lines(&best), lines(&c)));
                spec = candidate;
                best = c;
                continue 'outer;
            }
        }
        break;
    }
    best
}
