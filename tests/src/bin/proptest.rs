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
        let mut cases: Vec<Case> = (seed..seed + batch).map(Case::generated).collect();
        // Half the seeds again through the `#[py_embed]` front end.
        cases.extend((seed..seed + batch / 2).filter_map(Case::attribute));
        seed += batch;
        generated += cases.len();
        // rustc stops early on some errors (name resolution, macro input): after a failed
        // build, the batch is built again without the failing specs, until it compiles.
        let mut remaining = cases.clone();
        let mut failing: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        let mut first = true;
        loop {
            let outcome = proptest_run::run(&ws, &remaining);
            if first {
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
                first = false;
            }
            println!(
                "batch {batches}: {} specs built, {} accepted, {} failed rustc, build {:.1} s ({:.0} s elapsed)",
                remaining.len(),
                outcome.accepted.len(),
                outcome.errors.len(),
                outcome.build_time.as_secs_f64(),
                started.elapsed().as_secs_f64()
            );
            if outcome.errors.is_empty() {
                compiled += outcome.accepted.len();
                break;
            }
            if outcome.errors.contains_key("?") {
                println!("FINDING (errors in no spec's files):\n{}", outcome.errors["?"].join("\n"));
                findings.push(format!("batch {batches}: unattributed"));
                break;
            }
            for (slot, errors) in &outcome.errors {
                failing.push((slot.clone(), errors.clone(), outcome.codes.get(slot).cloned().unwrap_or_default()));
            }
            remaining.retain(|c| !outcome.errors.contains_key(&c.slot));
        }
        for (slot, errors, codes) in &failing {
            println!(
                "FINDING {slot}: {}",
                errors.first().map(|e| e.lines().next().unwrap_or_default()).unwrap_or_default()
            );
            let Some(case) = cases.iter().find(|c| &c.slot == slot) else { continue };
            let kept = if minimise {
                proptest_run::minimise(
                    &min_ws,
                    case,
                    codes,
                    errors[0].lines().next().unwrap_or_default(),
                    40,
                    &mut |l| println!("{l}"),
                )
            } else {
                case.clone()
            };
            let check = proptest_run::run(&min_ws, std::slice::from_ref(&kept));
            let Some(message) = check.errors.get(&kept.slot).and_then(|e| e.first()).cloned() else {
                println!("  does not fail alone (an error of another spec?): not kept\n{}", errors.join("\n"));
                findings.push(format!("{slot}: not reproduced alone"));
                continue;
            };
            let stem = format!("found_{}", kept.slot);
            let header = format!(
                "# Found by the spec property test ({}); passes check, fails rustc:\n{}\n",
                case.origin,
                message.lines().take(12).map(|l| format!("#   {l}")).collect::<Vec<_>>().join("\n")
            );
            match proptest_run::save_regression(&kept, &stem, &header) {
                Ok(stem) => println!(
                    "  kept as tests/proptest_regressions/{stem}\n{}\n{message}",
                    kept.attribute.as_deref().unwrap_or(&kept.yaml)
                ),
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
