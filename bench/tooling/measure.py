"""Tooling cost, in one run (bench/run calls it): `bindgen-cli gen` on a generated 1,000-item
spec, the debug compile time of a 100-method class declared with `#[py_embed]` against the same
class written by hand with PyO3 (dependencies already built), and lines of code per method.

Usage: python bench/tooling/measure.py BINDGEN_CLI WORK_DIR. Prints Markdown.
Environment: CARGO_TARGET_DIR (the workspace's), BENCH_EXPAND=0 to skip the nightly expansion.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GEN = [sys.executable, str(HERE / "gen.py")]
CRATES = {"pybridge `#[py_embed]`": "bench-compile-pybridge", "PyO3 by hand": "bench-compile-pyo3"}
DIRS = {"bench-compile-pybridge": "compile-pybridge", "bench-compile-pyo3": "compile-pyo3"}
METHODS = 100
ROUNDS = 7


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    run(cmd, cwd=ROOT, env=env)
    return time.perf_counter() - start


def lines(path: pathlib.Path) -> int:
    return sum(1 for line in path.read_text().splitlines() if line.strip())


def generation(cli: str, work: pathlib.Path) -> None:
    spec = work / "big.yaml"
    run(GEN + ["spec", str(spec)])
    times = []
    for i in range(7):
        out = work / f"big-out-{i}"
        times.append(timed([cli, "gen", str(spec), "--out-dir", str(out)]))
    rs = lines(work / "big-out-0" / "big.rs")
    print("| `bindgen-cli gen`, 1,000-item spec | best (s) | median (s) | target | generated Rust (non-blank lines) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| 400 + 400 functions, 100 + 100 classes | {min(times):.2f} | {statistics.median(times):.2f} | < 0.5 | {rs} |")
    print()


def compile_time() -> None:
    # Dependencies first (pybridge, pyo3 and the proc macros, in debug), then only the two crates,
    # each rebuilt from scratch: incremental compilation off (with it, an unchanged file is reused).
    env = {**os.environ, "CARGO_INCREMENTAL": "0"}
    start = time.perf_counter()
    run(["cargo", "build", "--locked", "-p", "bench-compile-pybridge", "-p", "bench-compile-pyo3"], cwd=ROOT, env=env)
    deps = time.perf_counter() - start
    best = {name: float("inf") for name in CRATES}
    for _ in range(ROUNDS):
        for name, package in CRATES.items():
            (HERE.parent / DIRS[package] / "src" / "lib.rs").touch()
            best[name] = min(best[name], timed(["cargo", "build", "--locked", "-p", package], env))
    pb, po = best["pybridge `#[py_embed]`"], best["PyO3 by hand"]
    print(f"| 100-method class, `cargo build` (debug, not incremental, dependencies built) | best of {ROUNDS} (s) |")
    print("|---|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} |")
    print(f"| ratio pybridge / PyO3 (target ≤ 1.2) | {pb / po:.2f} |")
    print()
    print(f"(Building the dependencies first took {deps:.0f} s; the crates are bench/compile-pybridge and bench/compile-pyo3.)")
    print()


def expanded(package: str, target: pathlib.Path) -> int | None:
    """Non-blank lines of `-Zunpretty=expanded` output (nightly, the image's fuzzing toolchain)."""
    try:
        result = run(
            ["cargo", "+nightly", "rustc", "--locked", "--profile=check", "-p", package, "--", "-Zunpretty=expanded"],
            cwd=ROOT,
            env={**os.environ, "CARGO_TARGET_DIR": str(target)},
        )
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    return sum(1 for line in result.stdout.splitlines() if line.strip())


def code_per_method(cli: str, work: pathlib.Path) -> None:
    counts = {}
    for n in (0, METHODS):
        spec = work / f"class{n}.yaml"
        run(GEN + ["class-spec", str(spec), str(n)])
        out = work / f"class{n}"
        run([cli, "gen", str(spec), "--out-dir", str(out)])
        counts[n] = lines(out / f"class{n}.rs")
    print("| lines per method (non-blank) | pybridge | PyO3 by hand |")
    print("|---|---:|---:|")
    gen = (counts[METHODS] - counts[0]) / METHODS
    src = {p: lines(HERE.parent / d / "src" / "lib.rs") / METHODS for p, d in DIRS.items()}
    print(f"| user source, whole crate / {METHODS} | {src['bench-compile-pybridge']:.1f} | {src['bench-compile-pyo3']:.1f} |")
    print(f"| pybridge codegen output, before pyo3's macros (`bindgen-cli gen`) | {gen:.1f} | – |")
    if os.environ.get("BENCH_EXPAND", "1") != "0":
        target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "expand"
        pb = expanded("bench-compile-pybridge", target)
        po = expanded("bench-compile-pyo3", target)
        if pb is not None and po is not None:
            print(f"| fully expanded (`cargo +nightly rustc -- -Zunpretty=expanded`), whole crate / {METHODS} | {pb / METHODS:.0f} | {po / METHODS:.0f} |")
            print()
            print(f"Fully expanded crates: {pb} lines (pybridge) and {po} lines (PyO3 by hand); ratio {pb / po:.2f}.")
        else:
            print("| fully expanded | (nightly toolchain not available) | |")
    print()


def main() -> None:
    cli, work = sys.argv[1], pathlib.Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    generation(cli, work)
    code_per_method(cli, work)
    compile_time()


if __name__ == "__main__":
    main()
