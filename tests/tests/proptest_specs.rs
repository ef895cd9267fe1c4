//! The spec property test, small deterministic run: generated valid specs (fixed seeds) and
//! every kept regression (`tests/proptest_regressions/`) → `check` → `gen` (the build.rs
//! `Builder`) → ONE crate (`target/tmp/proptest-crate`, user code + generated code per spec)
//! → one `cargo build`. A spec that passes `check` but fails rustc fails the test, with the
//! spec and rustc's errors. The long run is `scripts/fuzz --proptest SECONDS`.
//!
//! Known findings: `pybridge_tests::specgen::KNOWN_FINDINGS` keeps their shapes out of the
//! generator, and regressions tagged `# known-finding: <Name>` out of this build while the
//! entry is there. `PYBRIDGE_PROPTEST_ENABLE=<Name>[,<Name>]` (or `all`) re-enables them for a
//! run; `PYBRIDGE_PROPTEST_SEEDS=N` runs seeds `0..N` (default 24).

use std::path::Path;

use pybridge_tests::proptest_run::{self, Case, Workspace};
use pybridge_tests::specgen::{KNOWN_FINDINGS, allowed};

fn target_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_path_buf()
}

fn seeds() -> u64 {
    std::env::var("PYBRIDGE_PROPTEST_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(24)
}

#[test]
fn generated_specs_and_kept_regressions_compile() {
    let started = std::time::Instant::now();
    let n = seeds();
    let mut cases: Vec<Case> = (0..n).map(Case::generated).collect();
    // Half the seeds again through the `#[py_embed]` front end (those with an export).
    cases.extend((0..n / 2).filter_map(Case::attribute));
    let generated = cases.len();
    let mut pending = Vec::new();
    for r in proptest_run::regressions() {
        match r.finding {
            // A finding still open; one fixed by refusing its shape replays (and must stay refused
            // or compile).
            Some(f) if KNOWN_FINDINGS.contains(&f) && !allowed(f) => pending.push(format!("{} ({})", r.stem, f.name())),
            _ => cases.push(r.case),
        }
    }
    let ws = Workspace::new(&target_dir(), "proptest-crate");
    let outcome = proptest_run::run(&ws, &cases);
    let generated_refused = outcome.refused.keys().filter(|s| s.starts_with("pt") || s.starts_with("pa")).count();
    let regressions = cases.len() - generated;
    eprintln!(
        "proptest: {generated} specs generated ({n} seeds, {} through #[py_embed]), {} accepted by check, {generated_refused} refused; {regressions} regressions \
         ({} now refused by check); {} compiled in one crate in {:.1} s (whole test {:.1} s); {} pending on known findings",
        generated - n as usize,
        generated - generated_refused,
        outcome.refused.len() - generated_refused,
        outcome.accepted.len() - outcome.errors.len(),
        outcome.build_time.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        pending.len(),
    );
    for (slot, why) in &outcome.refused {
        eprintln!("  refused {slot}: {why}");
    }
    for p in &pending {
        eprintln!("  pending: {p}");
    }
    let mut report = String::new();
    for (slot, errors) in &outcome.errors {
        let case = cases.iter().find(|c| &c.slot == slot);
        report.push_str(&format!(
            "\n=== {} ({slot}) passes check but fails rustc:\n{}\n--- spec\n{}\n",
            case.map_or("?", |c| c.origin.as_str()),
            errors.join("\n"),
            case.map_or("", |c| c.yaml.as_str()),
        ));
    }
    assert!(
        outcome.errors.is_empty(),
        "{} spec(s) pass check but do not compile (minimise with `target/debug/proptest --start SEED --seconds 1 --batch 1`):{report}",
        outcome.errors.len()
    );
    assert!(outcome.bad_pyi.is_empty(), "generated .pyi that Python does not parse: {:?}", outcome.bad_pyi);
    // The generator aims at valid specs: if check refuses many, the generator is off.
    assert!(generated_refused * 4 <= generated, "check refused {generated_refused} of {generated} generated specs");
}

/// The regressions of known findings, alone: which are fixed (now refused by `check`, or now
/// compiling). Run by hand: `cargo test -p pybridge-tests --test proptest_specs -- --ignored`.
#[test]
#[ignore = "builds the known findings' regressions, which fail until fixed"]
fn known_finding_regressions() {
    let known: Vec<_> = proptest_run::regressions().into_iter().filter(|r| r.finding.is_some()).collect();
    let mut still_failing = 0;
    // One build each: rustc stops at the first phase with errors, which would hide the others.
    let ws = Workspace::new(&target_dir(), "proptest-known");
    for r in &known {
        let outcome = proptest_run::run(&ws, std::slice::from_ref(&r.case));
        let finding = r.finding.map_or("?", |f| f.name());
        let state = if outcome.refused.contains_key(&r.case.slot) {
            "fixed: now refused by check".to_string()
        } else if let Some(errors) = outcome.errors.get(&r.case.slot) {
            still_failing += 1;
            format!("still fails: {}", errors.first().and_then(|e| e.lines().next()).unwrap_or_default())
        } else {
            "fixed: compiles".to_string()
        };
        eprintln!("{finding:>28}  {}  {state}", r.stem);
    }
    assert_eq!(still_failing, 0, "{still_failing} known-finding regressions still fail (see above)");
}
