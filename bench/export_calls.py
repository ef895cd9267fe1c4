"""Python → Rust per-call cost, in one run: the pybridge module (`#[py_embed]`), the same module
written by hand with PyO3, a hand-written C-API module (the limit) and pure Python.

Run `bench/export.sh` (it builds the modules and calls this). Figures are ns per call, best of
several timeit repeats, with the empty loop's cost subtracted.
"""

from __future__ import annotations

import sys
import timeit
import types

import bench_c
import bench_pb
import bench_pyo3


def _pure() -> types.SimpleNamespace:
    class Failure(ValueError):
        pass

    class Obj:
        def __init__(self) -> None:
            self.x = 1

        def m(self) -> None:
            pass

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


SHAPES = [
    ("f()", "m.f()"),
    ("add(1, 2)", "m.add(1, 2)"),
    ("o.m()", "o.m()"),
    ("o.x (getter)", "o.x"),
    ("Obj() create + destroy", "m.Obj()"),
    ("length(s) (100 chars)", "m.length(s)"),
    ("total(list of 1,000 floats)", "m.total(floats)"),
    ("fail() raised and caught", "try:\n    m.fail()\nexcept m.Failure:\n    pass"),
]


def measure(stmt: str, namespace: dict[str, object], number: int) -> float:
    timer = timeit.Timer(stmt, globals=namespace)
    empty = min(timeit.Timer("pass").repeat(repeat=5, number=number)) / number
    best = min(timer.repeat(repeat=7, number=number)) / number
    return max(best - empty, 0.0) * 1e9


def main() -> None:
    modules = {"pybridge": bench_pb, "PyO3 by hand": bench_pyo3, "C API": bench_c, "pure Python": _pure()}
    floats = [float(i) for i in range(1000)]
    s = "x" * 100
    empty = min(timeit.Timer("pass").repeat(repeat=5, number=1_000_000)) / 1_000_000 * 1e9
    rows = []
    for label, stmt in SHAPES:
        number = 20_000 if "total" in label or "fail" in label else 200_000
        results = {}
        for name, module in modules.items():
            namespace = {"m": module, "o": module.Obj(), "s": s, "floats": floats}
            results[name] = measure(stmt, namespace, number)
        rows.append((label, results))
    names = list(modules)
    print("| call | " + " | ".join(f"{n} (ns)" for n in names) + " | pybridge / PyO3 | pybridge / C |")
    print("|---|" + "---:|" * (len(names) + 2))
    for label, results in rows:
        cells = " | ".join(f"{results[n]:.0f}" for n in names)
        pb, po, c = results["pybridge"], results["PyO3 by hand"], results["C API"]
        print(f"| {label} | {cells} | {pb / po:.2f} | {pb / c:.2f} |")
    print()
    print(f"Empty-loop cost subtracted: {empty:.1f} ns. Python {sys.version.split()[0]}.")


if __name__ == "__main__":
    main()
