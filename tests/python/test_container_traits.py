"""`Index`, `IndexMut` and `Iterator` impls as `__getitem__`, `__setitem__` and `__next__`, from
both front ends (examples/numeric): `numeric_ops` reads the impls (`#[py_embed]`),
`numeric_spec` lists `"Index<usize, Output = u8>"`… under `traits:`. Rust's out-of-range panic
is Python's `IndexError` (printed nowhere), so iteration through `__getitem__` ends cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_index_and_index_mut_impls_give_item_access(numeric_dir: Path) -> None:
    import numeric_ops as o
    import numeric_spec as s

    v = o.Vec3(1.0, 2.0, 3.0)
    assert (v[0], v[1], v[2]) == (1.0, 2.0, 3.0)
    v[1] = 9.5
    assert v.y == 9.5 and v[1] == 9.5
    with pytest.raises(IndexError, match="a Vec3 has 3 coordinates, not 4"):
        v[3]
    with pytest.raises(IndexError):
        v[7] = 0.0
    with pytest.raises(TypeError):
        v["x"]  # type: ignore[index]
    d = s.Digits(1234)
    assert (d[0], d[3]) == (1, 4)
    d[0] = 9
    assert d.value() == 9234
    # No `__iter__`: Python iterates through `__getitem__` until IndexError.
    assert list(d) == [9, 2, 3, 4]
    with pytest.raises(IndexError, match="the len is 4 but the index is 4"):
        d[4] = 1


def test_iterator_impls_give_python_iterators(numeric_dir: Path) -> None:
    import numeric_ops as o
    import numeric_spec as s

    countdown = o.Countdown(3)
    assert iter(countdown) is countdown
    assert next(countdown) == 3 and list(countdown) == [2, 1]
    assert list(countdown) == []
    assert list(s.Fibonacci(30)) == [0, 1, 1, 2, 3, 5, 8, 13, 21]


def test_expected_panics_are_not_printed(numeric_dir: Path) -> None:
    code = "import numeric_spec as s\nprint(list(s.Digits(42)))\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=numeric_dir, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "[4, 2]"
    assert "index out of bounds" not in result.stderr
