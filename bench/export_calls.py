"""Python → Rust per-call cost, in one run: the pybridge module declared with `#[py_embed]`, the
same shapes wrapped from plain Rust items by an `export:` spec, written by hand with PyO3, a
hand-written C-API module (the limit), pybind11, ctypes and cffi (plain C, where the shape fits)
and pure Python.

Run `bench/run` (or `bench/export.sh`): they build the modules and call this. Figures are ns per
call, the best of interleaved timeit repeats in each of several processes, with the empty
loop's cost subtracted. Prints Markdown.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import subprocess
import sys
import timeit
import types


def _pure() -> types.SimpleNamespace:
    class Failure(ValueError):
        pass

    class Obj:
        def __init__(self) -> None:
            self.x = 1

        def m(self) -> None:
            pass

        def __add__(self, other: int) -> int:
            return self.x + other

        def __len__(self) -> int:
            return self.x

        def __getitem__(self, index: int) -> int:
            return self.x + index

    def f() -> None:
        pass

    def add(a: int, b: int) -> int:
        return a + b

    def length(s: str) -> int:
        return len(s)

    def total(values: list[float]) -> float:
        return sum(values)

    def fail() -> None:
        raise Failure("failure")

    return types.SimpleNamespace(f=f, add=add, length=length, total=total, fail=fail, Obj=Obj, Failure=Failure)


def _ctypes(path: str) -> types.SimpleNamespace:
    """The shapes that fit a plain C library. The list has to become a C array first: the
    wrapper does that, as a ctypes user writes it, and it is part of the timed call."""
    lib = ctypes.CDLL(path)
    lib.f.argtypes, lib.f.restype = [], None
    lib.add.argtypes, lib.add.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    lib.length.argtypes, lib.length.restype = [ctypes.c_wchar_p], ctypes.c_size_t
    lib.total.argtypes, lib.total.restype = [ctypes.POINTER(ctypes.c_double), ctypes.c_size_t], ctypes.c_double
    c_total = lib.total

    def total(values: list[float]) -> float:
        n = len(values)
        return c_total((ctypes.c_double * n)(*values), n)  # type: ignore[no-any-return]

    return types.SimpleNamespace(f=lib.f, add=lib.add, length=lib.length, total=total)


def _cffi() -> types.SimpleNamespace:
    """cffi API mode: a list converts to `double *` by itself; the length still has to be passed."""
    lib = importlib.import_module("_bench_cffi").lib
    c_total = lib.total

    def total(values: list[float]) -> float:
        return c_total(values, len(values))  # type: ignore[no-any-return]

    return types.SimpleNamespace(f=lib.f, add=lib.add, length=lib.length, total=total)


SHAPES = [
    ("f()", "m.f()", "f"),
    ("add(1, 2)", "m.add(1, 2)", "add"),
    ("o.m()", "o.m()", "Obj"),
    ("o.x (getter)", "o.x", "Obj"),
    ("Obj() create + destroy", "m.Obj()", "Obj"),
    ("length(s) (100 chars)", "m.length(s)", "length"),
    ("total(list of 1,000 floats)", "m.total(floats)", "total"),
    ("fail() raised and caught", "try:\n    m.fail()\nexcept m.Failure:\n    pass", "fail"),
    ("o + 1 (__add__)", "o + 1", "Obj.__add__"),
    ("len(o) (__len__)", "len(o)", "Obj.__len__"),
    ("o[1] (__getitem__)", "o[1]", "Obj.__getitem__"),
]


def _has(module: object, needs: str) -> bool:
    """Whether `module` has the attribute path `needs` (`Obj.__len__`)."""
    target: object = module
    for part in needs.split("."):
        if not hasattr(target, part):
            return False
        target = getattr(target, part)
    return True

RATIOS = [
    ("pybridge", "PyO3 by hand"),
    ("pybridge spec", "PyO3 by hand"),
    ("pybridge", "C API"),
    ("pybridge spec", "C API"),
    ("PyO3 by hand", "C API"),
    ("pybind11", "C API"),
    ("ctypes", "C API"),
    ("cffi", "C API"),
]


REPEATS = 31


def measure(stmt: str, namespaces: dict[str, dict[str, object]], number: int) -> dict[str, float]:
    """Best ns per run of `stmt` in each namespace, empty loop subtracted. The implementations'
    repeats are interleaved, so that a burst of load from the machine's neighbours hits all alike."""
    empty = min(timeit.Timer("pass").repeat(repeat=5, number=number)) / number
    best = dict.fromkeys(namespaces, float("inf"))
    for _ in range(REPEATS):
        for name, ns in namespaces.items():
            # A fresh timer (a new compiled loop) per repeat: a loop that lands on an unlucky
            # address (branch-predictor or cache aliasing) would otherwise skew every repeat.
            best[name] = min(best[name], timeit.Timer(stmt, globals=ns).timeit(number) / number)
    return {name: max(b - empty, 0.0) * 1e9 for name, b in best.items()}


def _cell(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


PROCESSES = 5


def _child() -> None:
    """One process's measurements, as JSON on stdout."""
    modules: dict[str, object] = {
        "pybridge": importlib.import_module("bench_pb"),
        "pybridge spec": importlib.import_module("bench_spec"),
        "PyO3 by hand": importlib.import_module("bench_pyo3"),
        "C API": importlib.import_module("bench_c"),
        "pybind11": importlib.import_module("bench_pybind11"),
        "ctypes": _ctypes(os.environ["BENCH_CTYPES_LIB"]),
        "cffi": _cffi(),
        "pure Python": _pure(),
    }
    floats = [float(i) for i in range(1000)]
    s = "x" * 100
    empty = min(timeit.Timer("pass").repeat(repeat=5, number=1_000_000)) / 1_000_000 * 1e9
    rows: dict[str, dict[str, float | None]] = {}
    for label, stmt, needs in SHAPES:
        number = 200 if "total" in label else 2_000 if "fail" in label else 20_000
        namespaces = {
            name: {"m": module, "o": module.Obj() if hasattr(module, "Obj") else None, "s": s, "floats": floats}
            for name, module in modules.items()
            if _has(module, needs)
        }
        measured = measure(stmt, namespaces, number)
        rows[label] = {name: measured.get(name) for name in modules}
    json.dump({"names": list(modules), "rows": rows, "empty": empty}, sys.stdout)


def main() -> None:
    # Each process places the modules' code at other addresses (ASLR); a hot function that lands
    # badly stays slow for the whole process. So: several processes, best of all of them.
    runs = []
    for _ in range(PROCESSES):
        out = subprocess.run([sys.executable, __file__, "--child"], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    names: list[str] = runs[0]["names"]
    rows: list[tuple[str, dict[str, float | None]]] = []
    for label, _, _ in SHAPES:
        results: dict[str, float | None] = {}
        for name in names:
            values = [r["rows"][label][name] for r in runs if r["rows"][label][name] is not None]
            results[name] = min(values) if values else None
        rows.append((label, results))
    empty = min(r["empty"] for r in runs)
    print("ns per call:")
    print()
    print("| call | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, results in rows:
        print(f"| {label} | " + " | ".join(_cell(results[n]) for n in names) + " |")
    print()
    print("Ratios:")
    print()
    print("| call | " + " | ".join(f"{a} / {b}" for a, b in RATIOS) + " |")
    print("|---|" + "---:|" * len(RATIOS))
    for label, results in rows:
        cells = []
        for a, b in RATIOS:
            x, y = results[a], results[b]
            cells.append("n/a" if x is None or y is None or y == 0 else f"{x / y:.2f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    print(
        f"Empty-loop cost subtracted: {empty:.1f} ns. Best of {PROCESSES} processes × {REPEATS} repeats."
        f" Python {sys.version.split()[0]}."
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        _child()
    else:
        main()
