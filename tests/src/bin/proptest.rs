//! The long run of the spec property test (`scripts/fuzz --proptest SECONDS`): batches of
//! generated specs, one crate build per batch, until the time is up. A spec that passes
//! `check` but fails rustc is minimised and kept in `tests/proptest_regressions/`.
//!
//! Usage: `proptest [--seconds S] [--batch N] [--start SEED] [--no-minimise]`.

use std::time::{Duration, Instant};

use pybridge_tests::proptest_run::{self, Case, Workspace};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut seconds, mut batch, mut start, mut minimise) = (60u64, 24u64, None, true);
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse::<u64>().ok()).expect("a number");
        match a.as_str() {
            "--seconds" => seconds = value(),
            "--batch" => batch = value(),
            "--start" => start = Some(value()),
            "--no-minimise" => minimise = false,
            other => panic!("unknown argument {other}"),
        }
    }
    // Seeds of the long run start past the deterministic test's (0..1000), from the clock.
    let mut seed = start.unwrap_or_else(|| {
        1_000
            + std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() % 1_000_000)
                * 1_000
    });
    let ws = Workspace::new(&Workspace::default_target_dir(), "proptest-crate");
    let min_ws = Workspace::new(&Workspace::default_target_dir(), "proptest-minimise");
    let started = Instant::now();
    let (mut generated, mut accepted, mut refused, mut compiled, mut batches) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut findings = Vec::new();
    let mut refusals = std::collections::BTreeMap::<String, usize>::new();
    println!("proptest: seeds from {seed}, batches of {batch}, {seconds} s");
    while started.elapsed() < Duration::from_secs(seconds) {
        let cases: Vec<Case> = (seed..seed + batch).map(Case::generated).collect();
        seed += batch;
        generated += cases.len();
        let outcome = proptest_run::run(&ws, &cases);
        batches += 1;
        accepted += outcome.accepted.len();
        refused += outcome.refused.len();
        for why in outcome.refused.values() {
            let key = why.split("error: ").nth(1).unwrap_or(why).chars().take(60).collect::<String>();
            *refusals.entry(key).or_default() += 1;
        }
        for pyi in &outcome.bad_pyi {
            println!("FINDING (.pyi does not parse): {pyi}");
            findings.push(pyi.clone());
        }
        let failing: Vec<&String> = outcome.errors.keys().collect();
        compiled += outcome.accepted.iter().filter(|s| !outcome.errors.contains_key(*s)).count();
        println!(
            "batch {batches}: {} generated, {} accepted, {} failed rustc, build {:.1} s ({:.0} s elapsed)",
            cases.len(),
            outcome.accepted.len(),
            failing.len(),
            outcome.build_time.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        for slot in failing {
            let errors = &outcome.errors[slot];
            println!(
                "FINDING {slot}: {}",
                errors.first().map(|e| e.lines().next().unwrap_or_default()).unwrap_or_default()
            );
            let Some(case) = cases.iter().find(|c| &c.slot == slot) else {
                println!("{}", errors.join("\n"));
                findings.push(format!("{slot}: unattributed"));
                continue;
            };
            let codes = outcome.codes.get(slot).cloned().unwrap_or_default();
            let kept = if minimise {
                proptest_run::minimise(&min_ws, case, &codes, 60, &mut |l| println!("{l}"))
            } else {
                case.clone()
            };
            let check = proptest_run::run(&min_ws, std::slice::from_ref(&kept));
            let message = check.errors.get(&kept.slot).and_then(|e| e.first()).cloned().unwrap_or_default();
            let stem = format!("found_{}", kept.slot);
            let header = format!(
                "# Found by the spec property test ({}); passes check, fails rustc:\n{}\n",
                case.origin,
                message.lines().take(12).map(|l| format!("#   {l}")).collect::<Vec<_>>().join("\n")
            );
            match proptest_run::save_regression(&kept, &stem, &header) {
                Ok(stem) => println!("  kept as tests/proptest_regressions/{stem}.yaml\n{}\n{message}", kept.yaml),
                Err(e) => println!("  could not save: {e}"),
            }
            findings.push(stem);
        }
    }
    println!(
        "proptest done: {batches} builds, {generated} specs generated, {accepted} accepted by check ({refused} refused), {compiled} compiled, {} findings, {:.0} s",
        findings.len(),
        started.elapsed().as_secs_f64()
    );
    for (why, n) in &refusals {
        println!("  refused {n}×: {why}");
    }
    for f in &findings {
        println!("  finding: {f}");
    }
    if !findings.is_empty() {
        std::process::exit(1);
    }
}
