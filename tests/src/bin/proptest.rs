//! The long run of the spec property test (`scripts/fuzz --proptest SECONDS`): batches of
//! generated specs, one crate build per batch, until the time is up. A spec that passes
//! `check` but fails rustc is minimised and kept in `tests/proptest_regressions/`.
//!
//! Usage: `proptest [--seconds S] [--batch N] [--start SEED] [--no-minimise]`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pybridge_tests::proptest_run::{self, Case, Outcome, Workspace};

/// The command line.
struct Options {
    seconds: u64,
    batch: u64,
    start: Option<u64>,
    minimise: bool,
}

/// A spec that failed rustc: its slot, its errors and their codes.
type Failing = (String, Vec<String>, Vec<String>);

/// What the run has seen so far.
#[derive(Default)]
struct Tally {
    generated: usize,
    accepted: usize,
    refused: usize,
    compiled: usize,
    batches: usize,
    findings: Vec<String>,
    refusals: BTreeMap<String, usize>,
}

fn main() {
    let options = parse_options();
    // Seeds of the long run start past the deterministic test's (0..1000), from the clock.
    let mut seed = options.start.unwrap_or_else(|| {
        1_000
            + std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() % 1_000_000)
                * 1_000
    });
    let ws = Workspace::new(&Workspace::default_target_dir(), "proptest-crate");
    let min_ws = Workspace::new(&Workspace::default_target_dir(), "proptest-minimise");
    let started = Instant::now();
    let mut tally = Tally::default();
    let batch = options.batch;
    println!("proptest: seeds from {seed}, batches of {batch}, {} s", options.seconds);
    while started.elapsed() < Duration::from_secs(options.seconds) {
        let mut cases: Vec<Case> = (seed..seed + batch).map(Case::generated).collect();
        // Half the seeds again through the `#[py_embed]` front end.
        cases.extend((seed..seed + batch / 2).filter_map(Case::attribute));
        seed += batch;
        tally.generated += cases.len();
        let failing = build_batch(&ws, &cases, &mut tally, started);
        for failure in &failing {
            keep_finding(&min_ws, &cases, failure, options.minimise, &mut tally.findings);
        }
    }
    print_summary(&tally, started);
    if !tally.findings.is_empty() {
        std::process::exit(1);
    }
}

/// Reads the command line.
fn parse_options() -> Options {
    let mut args = std::env::args().skip(1);
    let mut options = Options { seconds: 60, batch: 24, start: None, minimise: true };
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse::<u64>().ok()).expect("a number");
        match a.as_str() {
            "--seconds" => options.seconds = value(),
            "--batch" => options.batch = value(),
            "--start" => options.start = Some(value()),
            "--no-minimise" => options.minimise = false,
            other => panic!("unknown argument {other}"),
        }
    }
    options
}

/// Builds a batch. rustc stops early on some errors (name resolution, macro input): after a
/// failed build, the batch is built again without the failing specs, until it compiles.
/// Returns the specs that failed.
fn build_batch(ws: &Workspace, cases: &[Case], tally: &mut Tally, started: Instant) -> Vec<Failing> {
    let mut remaining = cases.to_vec();
    let mut failing: Vec<Failing> = Vec::new();
    let mut first = true;
    loop {
        let outcome = proptest_run::run(ws, &remaining);
        if first {
            record_first_build(&outcome, tally);
            first = false;
        }
        println!(
            "batch {}: {} specs built, {} accepted, {} failed rustc, build {:.1} s ({:.0} s elapsed)",
            tally.batches,
            remaining.len(),
            outcome.accepted.len(),
            outcome.errors.len(),
            outcome.build_time.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        if outcome.errors.is_empty() {
            tally.compiled += outcome.accepted.len();
            break;
        }
        if outcome.errors.contains_key("?") {
            println!("FINDING (errors in no spec's files):\n{}", outcome.errors["?"].join("\n"));
            tally.findings.push(format!("batch {}: unattributed", tally.batches));
            break;
        }
        for (slot, errors) in &outcome.errors {
            failing.push((slot.clone(), errors.clone(), outcome.codes.get(slot).cloned().unwrap_or_default()));
        }
        remaining.retain(|c| !outcome.errors.contains_key(&c.slot));
    }
    failing
}

/// Counts a batch's first build: the specs `check` accepted and refused (refusals by their
/// message), and the `.pyi` files Python's parser refused (findings).
fn record_first_build(outcome: &Outcome, tally: &mut Tally) {
    tally.batches += 1;
    tally.accepted += outcome.accepted.len();
    tally.refused += outcome.refused.len();
    for why in outcome.refused.values() {
        let key = why.split("error: ").nth(1).unwrap_or(why).chars().take(60).collect::<String>();
        *tally.refusals.entry(key).or_default() += 1;
    }
    for pyi in &outcome.bad_pyi {
        println!("FINDING (.pyi does not parse): {pyi}");
        tally.findings.push(pyi.clone());
    }
}

/// Reports a spec that failed rustc, minimises it (unless told not to) and keeps it as a
/// regression when it fails alone.
fn keep_finding(min_ws: &Workspace, cases: &[Case], failure: &Failing, minimise: bool, findings: &mut Vec<String>) {
    let (slot, errors, codes) = failure;
    println!("FINDING {slot}: {}", errors.first().map(|e| e.lines().next().unwrap_or_default()).unwrap_or_default());
    let Some(case) = cases.iter().find(|c| &c.slot == slot) else { return };
    let kept = if minimise {
        proptest_run::minimise(min_ws, case, codes, errors[0].lines().next().unwrap_or_default(), 40, &mut |l| {
            println!("{l}")
        })
    } else {
        case.clone()
    };
    let check = proptest_run::run(min_ws, std::slice::from_ref(&kept));
    let Some(message) = check.errors.get(&kept.slot).and_then(|e| e.first()).cloned() else {
        println!("  does not fail alone (an error of another spec?): not kept\n{}", errors.join("\n"));
        findings.push(format!("{slot}: not reproduced alone"));
        return;
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

/// The run's last lines: counts, refusals by message, findings.
fn print_summary(tally: &Tally, started: Instant) {
    println!(
        "proptest done: {} builds, {} specs generated, {} accepted by check ({} refused), {} compiled, {} findings, {:.0} s",
        tally.batches,
        tally.generated,
        tally.accepted,
        tally.refused,
        tally.compiled,
        tally.findings.len(),
        started.elapsed().as_secs_f64()
    );
    for (why, n) in &tally.refusals {
        println!("  refused {n}×: {why}");
    }
    for f in &tally.findings {
        println!("  finding: {f}");
    }
}
