"""The `rust_decimal` crate wrapped from a spec only (examples/wrap-decimal), tested against the
crate's documented behaviour and Python's own `decimal` module: operators from its `std::ops`
impls, ordering, hashing, parsing, rounding strategies as an `enum.Enum`, defaults, `None` from
checked arithmetic, and `rust_decimal::Error` raised as a declared exception."""

from __future__ import annotations

import copy
import decimal
import enum
from typing import Any

import pytest

import decimal_py as d

D = d.Decimal.parse


def test_construct_parse_and_display() -> None:
    assert str(d.Decimal(12345, 2)) == "123.45"
    assert str(d.Decimal(7)) == "7"  # `scale` defaults to 0
    assert repr(D("1.50")) == "1.50"  # Debug keeps the scale, as Display does
    assert D("1.50").scale() == 2 and D("1.50").mantissa() == 150
    assert str(d.Decimal.from_scientific("9.7e-7")) == "0.00000097"
    assert str(D("-0.5").normalize()) == "-0.5" and str(D("2.500").normalize()) == "2.5"


def test_errors_of_the_crate_raise_the_declared_exception() -> None:
    with pytest.raises(d.DecimalError, match="Invalid decimal"):
        D("not a number")
    with pytest.raises(d.DecimalError, match="Scale exceeds the maximum precision"):
        d.Decimal(1, 29)
    with pytest.raises(d.DecimalError):
        d.Decimal.from_str_exact("0.1234567890123456789012345678901")  # would round
    assert issubclass(d.DecimalError, ValueError)


def test_operators_come_from_the_crates_std_ops_impls() -> None:
    a, b = D("1.10"), D("2.205")
    assert str(a + b) == "3.305" and str(a - b) == "-1.105"
    assert str(a * b) == "2.42550" and str(D("1") / D("3")) == "0.3333333333333333333333333333"
    assert str(D("7.5") % D("2")) == "1.5" and str(D("-7.5") % D("2")) == "-1.5"  # dividend's sign
    assert str(-a) == "-1.10" and str(abs(D("-3.25"))) == "3.25"
    # Python's decimal module agrees on exact operations.
    for x, y in [("1.10", "2.205"), ("-0.003", "12"), ("99999.99", "0.01")]:
        for op in ("__add__", "__sub__", "__mul__"):
            ours = getattr(D(x), op)(D(y))
            theirs = getattr(decimal.Decimal(x), op)(decimal.Decimal(y))
            assert decimal.Decimal(str(ours)) == theirs, (x, op, y)


def test_foreign_operands_get_not_implemented() -> None:
    a = D("1.5")
    assert a.__add__(1) is NotImplemented  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        a + 1  # type: ignore[operator]
    with pytest.raises(TypeError, match="unsupported operand"):
        2.0 * a  # type: ignore[operator]

    class Money:
        def __radd__(self, other: Any) -> str:
            return "Money.__radd__"

    assert a + Money() == "Money.__radd__"


def test_comparison_hashing_and_copies() -> None:
    assert D("1.0") == D("1.00") and hash(D("1.0")) == hash(D("1.00"))  # equal values, equal hashes
    assert len({D("2"), D("2.000"), D("3")}) == 2
    assert D("0.1") < D("0.11") < D("1") and max(D("-1"), D("-0.5")) == D("-0.5")
    assert sorted([D("10"), D("9.99"), D("-1")]) == [D("-1"), D("9.99"), D("10")]
    assert (D("1") == 1) is False
    x = D("4.2")
    assert copy.copy(x) == x and copy.deepcopy(x) is not x


def test_rounding_strategies_are_an_enum_with_defaults() -> None:
    assert issubclass(d.RoundingStrategy, enum.Enum)
    assert d.RoundingStrategy["ToZero"] is d.RoundingStrategy.ToZero
    assert len(list(d.RoundingStrategy)) == 12
    x = D("2.345")
    assert str(x.rounded()) == "2"  # dp=0, half to even
    assert str(x.rounded(2)) == "2.34"  # half to even
    assert str(x.rounded(2, d.RoundingStrategy.MidpointAwayFromZero)) == "2.35"
    assert str(D("-2.345").rounded(1, strategy=d.RoundingStrategy.ToNegativeInfinity)) == "-2.4"
    assert str(x.trunc()) == "2" and str(x.fract()) == "0.345"
    assert str(x.floor()) == "2" and str(x.ceil()) == "3"
    with pytest.raises(TypeError):
        x.rounded(2, 1)  # type: ignore[arg-type]


def test_checked_arithmetic_returns_none() -> None:
    assert D("1").checked_div(D("0")) is None and D("1").checked_rem(D("0")) is None
    big = D("79228162514264337593543950335")
    assert big.checked_add(D("1")) is None and big.checked_mul(D("2")) is None
    assert str(D("1").checked_div(D("4"))) == "0.25"
    # The unchecked operator panics in Rust: a PanicException, and the object stays usable.
    with pytest.raises(BaseException) as caught:
        D("1") / D("0")
    assert type(caught.value).__name__ == "PanicException"
    assert str(big - D("1")) == "79228162514264337593543950334"


def test_serialize_round_trips_as_bytes() -> None:
    x = D("-123.456")
    data = x.serialize()
    assert isinstance(data, bytes) and len(data) == 16
    assert d.Decimal.deserialize(data) == x and str(d.Decimal.deserialize(data)) == "-123.456"
    with pytest.raises(ValueError):
        d.Decimal.deserialize(b"short")
