"""Python operators from Rust's `std::ops` traits (examples/numeric), both front ends: a spec's
`traits: [Add, …]` (`numeric_spec.Points`, on copies) and `impl Add for T` / `impl Add<&T> for
&T` in a `#[py_embed]` module (`numeric_ops`); foreign operands get `NotImplemented`; typed
in the `.pyi` (mypy --strict, stubtest)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from test_protocols import HERE, _run


def test_spec_traits_give_every_operator(numeric_dir: Path) -> None:
    from numeric_spec import Points as P

    a, b = P(12), P(5)
    assert (a + b).n == 17 and (a - b).n == 7 and (a * b).n == 60
    assert (a / b).n == 2 and (a % b).n == 2 and (P(-7) % P(2)).n == -1  # Rust's `%`, not Python's
    assert (a & b).n == 4 and (a | b).n == 13 and (a ^ b).n == 9
    assert (a << P(2)).n == 48 and (a >> P(2)).n == 3
    assert (-a).n == -12 and (~a).n == -13
    # New objects of the class; the operands are untouched (the values were copied).
    c = a + b
    assert type(c) is P and c is not a and a.n == 12 and b.n == 5
    # `a += b` without `__iadd__` falls back to `a = a + b`: a new object.
    d = a
    d += b
    assert d.n == 17 and a.n == 12
    assert hash(a + b) == hash(P(17)) and a + b == P(17)


def test_spec_operators_return_not_implemented_for_other_operands(numeric_dir: Path) -> None:
    from numeric_spec import Money, Points

    p = Points(1)
    assert p.__add__(1) is NotImplemented  # type: ignore[operator]
    assert p.__add__(Money(1)) is NotImplemented  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        p + 1  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        1 - p  # type: ignore[operator]

    class Bonus:
        def __radd__(self, other: Any) -> str:
            return "Bonus.__radd__"

        def __rxor__(self, other: Any) -> str:
            return "Bonus.__rxor__"

    assert p + Bonus() == "Bonus.__radd__"
    assert p ^ Bonus() == "Bonus.__rxor__"


def test_a_panicking_operator_raises_and_the_objects_stay_usable(numeric_dir: Path) -> None:
    from numeric_spec import Points

    a = Points(1)
    with pytest.raises(BaseException, match="divide by zero") as caught:
        a / Points(0)
    assert type(caught.value).__name__ == "PanicException"
    assert (a + a).n == 2


def test_impls_on_copies_in_a_py_embed_module(numeric_dir: Path) -> None:
    from numeric_ops import Vec3

    a, b = Vec3(1, 2, 3), Vec3(4, 5, 6)
    assert a + b == Vec3(5, 7, 9) and b - a == Vec3(3, 3, 3)
    assert b / a == Vec3(4, 2.5, 2) and -a == Vec3(-1, -2, -3)
    # `__mul__` declared by name wins over the trait impl (`Mul<f64>`, a scalar).
    assert a * 2 == Vec3(2, 4, 6)
    assert a.__add__(3) is NotImplemented  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        a + 1  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        2 * a  # type: ignore[operator]
    assert copy.copy(a + b) == Vec3(5, 7, 9)


def test_impls_on_references_need_no_clone(numeric_dir: Path) -> None:
    from numeric_ops import Bits

    a, b = Bits(0b1100), Bits(0b1010)
    assert (a & b).value == 0b1000 and (a | b).value == 0b1110 and (a ^ b).value == 0b0110
    assert (a << Bits(1)).value == 0b11000 and (a >> Bits(2)).value == 0b11
    assert (a % b).value == 2 and (a % Bits(0)).value == 0b1100
    assert (~Bits(0)).value == 2**64 - 1
    # `impl Add for Bits` and `impl Add<&Bits> for &Bits`: references (Bits is not Clone).
    assert (a + b).value == 22 and (a + a).value == 24
    with pytest.raises(TypeError, match="unsupported operand"):
        a & 1  # type: ignore[operator]


def test_mypy_strict_types_the_trait_operators(numeric_dir: Path) -> None:
    result = _run(
        "mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "use_operators.py"), cwd=numeric_dir
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_foreign_operands(numeric_dir: Path) -> None:
    result = _run(
        "mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "misuse_operators.py"), cwd=numeric_dir
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Unsupported operand types for + ("Points" and "int")' in result.stdout, result.stdout
    assert 'Unsupported operand types for - ("int" and "Points")' in result.stdout, result.stdout
    assert 'Unsupported operand types for & ("Bits" and "Vec3")' in result.stdout, result.stdout
    assert 'Unsupported operand types for * ("Vec3" and "Vec3")' in result.stdout, result.stdout
    assert result.stdout.count("error:") == 4, result.stdout


def test_stubtest_agrees_with_the_operator_stubs(numeric_dir: Path) -> None:
    # numeric_spec (Points) is checked with the other protocols (test_protocols.py).
    result = _run("mypy.stubtest", "numeric_ops", cwd=numeric_dir)
    assert result.returncode == 0, result.stdout + result.stderr
