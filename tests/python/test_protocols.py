"""Python protocols declared by name, from both front ends (examples/numeric): operators with
their reflected and in-place forms, `NotImplemented` for foreign operands, containers,
iteration, calls, truth, text; typed in the `.pyi` (mypy --strict, stubtest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


def test_operators_and_their_reflected_forms(numeric_dir: Path) -> None:
    import numeric as n

    a, b = n.Vec2(1, 2), n.Vec2(3, 4)
    assert (a + b).x == 4 and (a - b).y == -2
    assert (a * 2).y == 4 and (2 * a).y == 4
    assert a @ b == 11.0
    assert (-a).x == -1 and abs(b) == 5.0
    assert repr(a + b) == "Vec2(4, 6)"
    assert (b**2).x == 9.0 and pow(b, 2).y == 16.0
    # A modulo the method does not take is refused, not ignored.
    with pytest.raises(TypeError, match="takes no modulo"):
        pow(b, 2, 5)  # type: ignore[call-overload]


def test_foreign_operands_get_not_implemented(numeric_dir: Path) -> None:
    import numeric as n

    a = n.Vec2(1, 2)
    assert a.__add__(1) is NotImplemented  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unsupported operand"):
        a + 1  # type: ignore[operator]
    # A foreign type's reflected method answers when ours cannot.
    class Scale:
        def __radd__(self, other: Any) -> str:
            return "Scale.__radd__"

    assert a + Scale() == "Scale.__radd__"  # type: ignore[operator]
    assert (a == 3) is False and a == n.Vec2(1, 2) and a != n.Vec2(2, 1)


def test_in_place_operators_change_the_object(numeric_dir: Path) -> None:
    import numeric as n

    a = n.Vec2(1, 2)
    c = a
    c += n.Vec2(3, 4)
    assert c is a and a.x == 4 and a.y == 6


def test_sequence_protocols(numeric_dir: Path) -> None:
    import numeric as n

    v = n.Vec2(1, 2)
    assert len(v) == 2 and v[0] == 1.0 and v[-1] == 2.0
    with pytest.raises(IndexError, match="index 5 is out of range"):
        v[5]
    # Iteration through `__getitem__` stops at the declared IndexError subclass.
    assert list(v) == [1.0, 2.0]
    assert bool(v) and not n.Vec2(0, 0)


def test_mapping_protocols_and_calls(numeric_dir: Path) -> None:
    import numeric as n

    t = n.Tally()
    t["x"] = 5
    assert t("x") == 6 and t("y") == 1
    assert len(t) == 2 and "x" in t and "z" not in t and t["z"] == 0
    del t["x"]
    assert len(t) == 1 and str(t) == "y=1"
    with pytest.raises(TypeError):
        t[1] = 2  # type: ignore[index]


def test_a_class_with_next_is_its_own_iterator(numeric_dir: Path) -> None:
    import numeric as n

    c = n.Countdown(3, 0)
    assert iter(c) is c
    assert list(c) == [3, 2, 1]
    assert next(c, None) is None


def test_spec_binds_plain_methods_to_protocols(numeric_dir: Path) -> None:
    import numeric_spec as s

    m = s.Money(1050)
    assert str(m + s.Money(5)) == "10.55" and str(m - s.Money(50)) == "10.00"
    assert str(m * 3) == str(3 * m) == "31.50"
    assert str(m // 4) == "2.62" and str(-m) == "-10.50"
    assert not s.Money(0) and m
    with pytest.raises(ZeroDivisionError, match="zero parts") as info:
        m // 0
    assert type(info.value) is s.SplitError
    same = m
    same += s.Money(1)
    assert same is m and str(m) == "10.51"
    # The traits the spec lists still give equality, hashing and ordering.
    assert m == s.Money(1051) and hash(m) == hash(s.Money(1051)) and m < s.Money(2000)
    # Protocols from free functions of ours (`extend: true`): `len` and `in`.
    assert len(m) == 4 and len(s.Money(-7)) == 1
    assert 5 in m and 9 not in m
    with pytest.raises(OverflowError):
        256 in m


def test_protocol_methods_are_positional_only(numeric_dir: Path) -> None:
    import inspect

    import numeric as n

    assert str(inspect.signature(n.Vec2.__add__)) == "(self, value, /)"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, MYPYPATH=str(cwd), PYTHONPATH=str(cwd))
    return subprocess.run([sys.executable, "-m", *args], env=env, capture_output=True, text=True, cwd=cwd)


def test_mypy_strict_types_the_operators(numeric_dir: Path) -> None:
    result = _run("mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "use_numeric.py"), cwd=numeric_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_operand_misuse(numeric_dir: Path) -> None:
    result = _run(
        "mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "misuse_numeric.py"), cwd=numeric_dir
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Unsupported operand types for + ("Vec2" and "int")' in result.stdout, result.stdout
    assert 'Unsupported operand types for * ("Money" and "float")' in result.stdout, result.stdout
    assert 'Unexpected keyword argument "a" for "lerp"' in result.stdout, result.stdout
    assert 'Argument 2 to "component" has incompatible type "int"; expected "Axis"' in result.stdout, result.stdout
    assert 'Argument 2 to "component" has incompatible type "Quadrant"; expected "Axis"' in result.stdout
    assert 'Argument 2 to "weighted" has incompatible type "str"; expected "float"' in result.stdout
    assert 'Argument 1 to "total" has incompatible type "str"' in result.stdout, result.stdout
    assert 'Argument 1 to "fill" has incompatible type "list[float]"; expected "Buffer"' in result.stdout


def test_stubtest_agrees_with_the_modules(numeric_dir: Path) -> None:
    # No allowlist: before 3.12 the buffer classes get the `__buffer__` their stubs declare.
    result = _run("mypy.stubtest", "numeric", "numeric_spec", cwd=numeric_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_buffer_classes_have_dunder_buffer_on_every_version(numeric_dir: Path) -> None:
    import numeric

    signal = numeric.Signal(2)
    view = signal.__buffer__(0)
    assert isinstance(view, memoryview) and view.tolist() == [0.0, 0.0]
    view.release()
