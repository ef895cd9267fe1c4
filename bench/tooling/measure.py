"""Tooling cost, in one run (bench/run calls it): `bindgen-cli gen` on a generated 1,000-item
spec, the front end's scaling (time and peak memory of `check` on 1 MB and 5 MB specs in three
layouts, `gen` on 10,000 functions), the debug compile time of a 100-method class declared with `#[py_embed]` against the same
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
ROUNDS = 11


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


def peak_run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s) and peak RSS (bytes) of one run of `cmd` (os.wait4: this
    child only; CPU time stays meaningful on a busy machine)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{cmd} exited with {child.returncode}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def front_end_scaling(cli: str, work: pathlib.Path) -> None:
    """Time linear in input size on any layout, memory bounded per spec byte (bench/run only:
    timing is never a test)."""
    print("| `bindgen-cli check`, spec layout | size (MB) | best of 3 (s) | CPU (s) | peak RSS (MiB) | bytes of memory per spec byte |")
    print("|---|---:|---:|---:|---:|---:|")
    for size in (1_000_000, 5_000_000):
        for layout in ("yaml", "json-line", "json-min"):
            spec = work / f"scale-{layout}-{size}.yaml"
            run(GEN + ["scaling-spec", str(spec), str(size), layout])
            runs = [peak_run([cli, "check", str(spec)]) for _ in range(3)]
            best = min(t for t, _, _ in runs)
            cpu = min(c for _, c, _ in runs)
            peak = max(m for _, _, m in runs)
            n = spec.stat().st_size
            print(f"| {layout} | {n / 1e6:.1f} | {best:.2f} | {cpu:.2f} | {peak / 2**20:.0f} | {peak / n:.1f} |")
    print()
    print("Targets: under 2 s for 5 MB in every layout; under 10 bytes of memory per spec byte.")
    print()
    spec = work / "scale-gen.yaml"
    run(GEN + ["functions-spec", str(spec), "10000"])
    seconds, _, peak = peak_run([cli, "gen", str(spec), "--out-dir", str(work / "scale-gen-out")])
    print("| `bindgen-cli gen`, 10,000 exported functions | time (s) | peak RSS (MiB) | target |")
    print("|---|---:|---:|---:|")
    print(f"| {spec.stat().st_size / 1e6:.1f} MB of YAML | {seconds:.2f} | {peak / 2**20:.0f} | < 200 MiB |")
    print()


def timed_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, this child and its children: cargo and rustc) of
    one run of `cmd`, in seconds. CPU time does not count waiting for a busy machine's cores."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise subprocess.CalledProcessError(status, cmd)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compile_time() -> None:
    # Dependencies first (pybridge, pyo3 and the proc macros, in debug), then only the two crates,
    # each rebuilt from scratch: incremental compilation off (with it, an unchanged file is reused).
    # The rounds alternate the two crates so that both see the same load; a noisy machine moves
    # single builds by ±30 %, so the table gives the best wall time and the median CPU time.
    env = {**os.environ, "CARGO_INCREMENTAL": "0"}
    start = time.perf_counter()
    run(["cargo", "build", "--locked", "-p", "bench-compile-pybridge", "-p", "bench-compile-pyo3"], cwd=ROOT, env=env)
    deps = time.perf_counter() - start
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in CRATES}
    for _ in range(ROUNDS):
        for name, package in CRATES.items():
            (HERE.parent / DIRS[package] / "src" / "lib.rs").touch()
            runs[name].append(timed_cpu(["cargo", "build", "--locked", "-p", package], env))
    best = {name: min(wall for wall, _ in r) for name, r in runs.items()}
    cpu = {name: statistics.median(c for _, c in r) for name, r in runs.items()}
    pb, po = "pybridge `#[py_embed]`", "PyO3 by hand"
    print(f"| 100-method class, `cargo build` (debug, not incremental, dependencies built) | best wall of {ROUNDS} (s) | median CPU of {ROUNDS} (s) |")
    print("|---|---:|---:|")
    for name in CRATES:
        print(f"| {name} | {best[name]:.2f} | {cpu[name]:.2f} |")
    print(f"| ratio pybridge / PyO3 (target ≤ 1.0) | {best[pb] / best[po]:.2f} | {cpu[pb] / cpu[po]:.2f} |")
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
    front_end_scaling(cli, work)
    code_per_method(cli, work)
    compile_time()


if __name__ == "__main__":
    main()
