"""Python → Rust per-call cost, in one run: the pybridge module declared with `#[py_embed]`, the
same shapes wrapped from plain Rust items by an `export:` spec, written by hand with PyO3, a
hand-written C-API module (the limit), pybind11, ctypes and cffi (plain C, where the shape fits)
and pure Python.

Run `bench/run` (or `bench/export.sh`): they build the modules and call this. Figures are ns per
call (the heavy rows say their unit: ns per item, µs per call), the best of interleaved timeit
repeats in each of several processes, with the empty loop's cost subtracted. Prints Markdown.

The array rows also time rust-numpy (`bench/export-numpy`, a `PyReadonlyArray1<f64>`); a
module that refuses a row's argument (a list where a buffer is wanted) is n/a there.
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
from dataclasses import dataclass
from typing import Any

import numpy


def _pure() -> types.SimpleNamespace:
    class Failure(ValueError):
        pass

    class Obj:
        def __init__(self) -> None:
            self.x = 1
            self.y = 0

        def m(self) -> None:
            pass

        def __add__(self, other: int) -> int:
            return self.x + other

        def __len__(self) -> int:
            return self.x

        def __getitem__(self, index: int) -> int:
            return self.x + index

    class Vec2:
        def __init__(self, x: float, y: float) -> None:
            self.x = x
            self.y = y

        def __add__(self, other: Vec2) -> Vec2:
            return Vec2(self.x + other.x, self.y + other.y)

    class Numbers:
        """The Python list iterator: `items()` is `iter()` of a list of the numbers."""

        def __init__(self, n: int) -> None:
            self.values = list(range(n))

        def items(self) -> object:
            return iter(self.values)

    def f() -> None:
        pass

    def add(a: int, b: int) -> int:
        return a + b

    def length(s: str) -> int:
        return len(s)

    def total(values: list[float]) -> float:
        return sum(values)

    def total_slice(values: list[float]) -> float:
        """`sum` of a list. A numpy array is refused (n/a): summing one in Python reads it item
        by item as numpy scalars (about 100× the others), a figure about numpy, not bindings."""
        if not isinstance(values, list):
            raise TypeError("a list is required")
        return sum(values)

    def fail() -> None:
        raise Failure("failure")

    return types.SimpleNamespace(
        f=f,
        add=add,
        length=length,
        total=total,
        total_slice=total_slice,
        fail=fail,
        Obj=Obj,
        Vec2=Vec2,
        Numbers=Numbers,
        Failure=Failure,
    )


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


@dataclass(frozen=True)
class Shape:
    """A row: `stmt` runs in each module that has `needs`. `number` is the calls per timed
    repeat (0: chosen per module so that a repeat takes about 20 ms); the figure is divided by
    `per` (1e6 items: ns per item) and printed with `digits` decimals. A `refusable` row is n/a
    for a module whose call raises TypeError or BufferError (it takes no such argument)."""

    label: str
    stmt: str
    needs: str
    number: int = 20_000
    repeats: int = 31
    per: float = 1.0
    digits: int = 0
    refusable: bool = False


ITEMS = 1_000_000
SHAPES = [
    Shape("f()", "m.f()", "f"),
    Shape("add(1, 2)", "m.add(1, 2)", "add"),
    Shape("o.m()", "o.m()", "Obj"),
    Shape("o.x (getter)", "o.x", "Obj"),
    Shape("o.y = 5 (setter)", "o.y = 5", "Obj"),
    Shape("Obj() create + destroy", "m.Obj()", "Obj"),
    Shape("length(s) (100 chars)", "m.length(s)", "length"),
    Shape("total(list of 1,000 floats)", "m.total(floats)", "total", number=200),
    Shape("fail() raised and caught", "try:\n    m.fail()\nexcept m.Failure:\n    pass", "fail", number=2_000),
    Shape("o + 1 (__add__)", "o + 1", "Obj.__add__"),
    Shape("len(o) (__len__)", "len(o)", "Obj.__len__"),
    Shape("o[1] (__getitem__)", "o[1]", "Obj.__getitem__"),
    Shape("a + b, two Vec2 objects (__add__)", "a + b", "Vec2.__add__"),
    Shape(
        "for x in o.items(), 1e6 ints (ns per item)",
        "for _ in nums.items():\n    pass",
        "Numbers.items",
        number=0,
        repeats=7,
        per=ITEMS,
        digits=1,
    ),
    # 10 items: the per-call cost of taking the buffer shows (summing 1,000 already takes ~1 µs).
    Shape("total_slice(numpy, 10 float64)", "m.total_slice(small_array)", "total_slice", refusable=True),
    Shape(
        "total_slice(numpy, 1e6 float64) (µs per call)",
        "m.total_slice(array)",
        "total_slice",
        number=0,
        repeats=7,
        per=1_000,
        refusable=True,
    ),
    Shape(
        "total_slice(list of 1e6 floats) (µs per call)",
        "m.total_slice(big)",
        "total_slice",
        number=0,
        repeats=7,
        per=1_000,
        refusable=True,
    ),
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
    ("pybridge", "pure Python"),
    ("pybridge", "rust-numpy"),
]


def _number(stmt: str, ns: dict[str, object]) -> int:
    """Calls per repeat so that one repeat takes about 20 ms (at least one call)."""
    once = timeit.Timer(stmt, globals=ns).timeit(1)
    return max(1, int(0.02 / max(once, 1e-9)))


def measure(shape: Shape, namespaces: dict[str, dict[str, object]]) -> dict[str, float]:
    """Best ns per run of the shape's statement in each namespace, empty loop subtracted. The
    implementations' repeats are interleaved, so that a burst of load from the machine's
    neighbours hits all alike."""
    stmt = shape.stmt
    numbers = {name: shape.number or _number(stmt, ns) for name, ns in namespaces.items()}
    empty = {
        number: min(timeit.Timer("pass").repeat(repeat=5, number=number)) / number
        for number in set(numbers.values())
    }
    best = dict.fromkeys(namespaces, float("inf"))
    for _ in range(shape.repeats):
        for name, ns in namespaces.items():
            # A fresh timer (a new compiled loop) per repeat: a loop that lands on an unlucky
            # address (branch-predictor or cache aliasing) would otherwise skew every repeat.
            number = numbers[name]
            best[name] = min(best[name], timeit.Timer(stmt, globals=ns).timeit(number) / number)
    return {name: max(b - empty[numbers[name]], 0.0) * 1e9 / shape.per for name, b in best.items()}


def _cell(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


PROCESSES = 5


def _refuses(stmt: str, ns: dict[str, object]) -> bool:
    """Whether one run of `stmt` raises TypeError or BufferError (the argument is refused)."""
    try:
        exec(stmt, ns)
    except (TypeError, BufferError):
        return True
    return False


def _child() -> None:
    """One process's measurements, as JSON on stdout."""
    modules: dict[str, Any] = {
        "pybridge": importlib.import_module("bench_pb"),
        "pybridge spec": importlib.import_module("bench_spec"),
        "PyO3 by hand": importlib.import_module("bench_pyo3"),
        "C API": importlib.import_module("bench_c"),
        "pybind11": importlib.import_module("bench_pybind11"),
        "ctypes": _ctypes(os.environ["BENCH_CTYPES_LIB"]),
        "cffi": _cffi(),
        "pure Python": _pure(),
        "rust-numpy": importlib.import_module("bench_numpy"),
    }
    shared = {
        "s": "x" * 100,
        "floats": [float(i) for i in range(1000)],
        "small_array": numpy.arange(10, dtype=numpy.float64),
        "array": numpy.arange(ITEMS, dtype=numpy.float64),
        "big": [float(i) for i in range(ITEMS)],
    }
    # Each module's objects, made once: the statement's `o`, `a`, `b` and `nums`.
    objects: dict[str, dict[str, object]] = {}
    for name, module in modules.items():
        objects[name] = {
            "m": module,
            "o": module.Obj() if hasattr(module, "Obj") else None,
            "a": module.Vec2(1.0, 2.0) if hasattr(module, "Vec2") else None,
            "b": module.Vec2(3.0, 4.0) if hasattr(module, "Vec2") else None,
            "nums": module.Numbers(ITEMS) if hasattr(module, "Numbers") else None,
        }
    empty = min(timeit.Timer("pass").repeat(repeat=5, number=1_000_000)) / 1_000_000 * 1e9
    rows: dict[str, dict[str, float | None]] = {}
    for shape in SHAPES:
        namespaces = {name: {**shared, **objects[name]} for name, module in modules.items() if _has(module, shape.needs)}
        if shape.refusable:
            namespaces = {name: ns for name, ns in namespaces.items() if not _refuses(shape.stmt, ns)}
        measured = measure(shape, namespaces)
        rows[shape.label] = {name: measured.get(name) for name in modules}
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
    digits = {shape.label: shape.digits for shape in SHAPES}
    for label in digits:
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
        print(f"| {label} | " + " | ".join(_cell(results[n], digits[label]) for n in names) + " |")
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
        f"Empty-loop cost subtracted: {empty:.1f} ns. Best of {PROCESSES} processes × 31 repeats"
        " (7 for the 1e6-item rows, each repeat at least 20 ms)."
        f" Python {sys.version.split()[0]}."
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        _child()
    else:
        main()
