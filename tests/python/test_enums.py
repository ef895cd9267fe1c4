"""Unit-only Rust enums are real Python enums (examples/numeric): `enum.Enum`, or `enum.IntEnum`
where the Rust enum has discriminants (attribute) or the spec says `int: true`; members are
singletons whose values are the Rust discriminants. Enums with data match by `__match_args__`
(tests/python/test_shapes.py)."""

from __future__ import annotations

import copy
import enum
import pickle
from pathlib import Path

import pytest


def test_unit_enums_are_python_enums(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    assert issubclass(n.Axis, enum.Enum) and not issubclass(n.Axis, int)
    assert issubclass(n.Quadrant, enum.IntEnum)
    assert issubclass(s.Currency, enum.Enum) and not issubclass(s.Currency, int)
    assert issubclass(s.Rounding, enum.IntEnum)
    assert list(n.Axis) == [n.Axis.X, n.Axis.Y]
    assert n.Axis["Y"] is n.Axis.Y and n.Axis(1) is n.Axis.Y
    assert [m.name for m in s.Currency] == ["Eur", "Usd"]
    assert n.Axis.__module__ == "numeric" and s.Rounding.__module__ == "numeric_spec"
    assert n.Axis.__doc__ is not None and n.Axis.__doc__.startswith("An axis")
    assert s.Rounding.__doc__ == "How to round to whole units."


def test_member_values_are_the_rust_discriminants(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    assert [m.value for m in n.Axis] == [0, 1]
    assert [m.value for m in n.Quadrant] == [1, 2, 3, 4]
    # The spec names the variants only; the values come from `Down = -1, Nearest = 0, Up = 1`.
    assert [m.value for m in s.Rounding] == [-1, 0, 1]
    assert s.Rounding.Up == 1 and n.Quadrant.Third == 3  # IntEnum members are ints


def test_members_cross_both_ways(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    v = n.Vec2(-1.0, 2.0)
    assert n.component(v, n.Axis.Y) == 2.0
    assert n.quadrant(v) is n.Quadrant.Second
    assert n.quadrant(n.Vec2(0.0, 1.0)) is None
    assert n.axes() == [n.Axis.X, n.Axis.Y]
    assert s.currency_of("usd") is s.Currency.Usd and s.currency_of("xyz") is None
    assert s.Money(-150).labelled(s.Currency.Eur) == "-1.50 EUR"


def test_member_defaults_from_both_front_ends(numeric_dir: Path) -> None:
    import inspect

    import numeric as n
    import numeric_spec as s

    tie = n.Vec2(1.0, 1.0)
    assert n.longest(tie) is n.Axis.X and n.longest(tie, n.Axis.Y) is n.Axis.Y
    money = s.Money(-150)
    assert money.units() == -2  # `default: Rounding.Nearest`
    assert money.units(s.Rounding.Up) == -1 and money.units(rounding=s.Rounding.Down) == -2
    assert str(inspect.signature(n.longest)).startswith("(v, prefer=")


def test_members_are_singletons_through_pickle_and_copy(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    for member in (n.Axis.Y, n.Quadrant.First, s.Currency.Usd, s.Rounding.Down):
        assert pickle.loads(pickle.dumps(member)) is member
        assert copy.copy(member) is member and copy.deepcopy(member) is member
    # A member taken back after a round trip is still the variant.
    assert n.component(n.Vec2(3.0, 4.0), pickle.loads(pickle.dumps(n.Axis.X))) == 3.0


def test_only_members_of_the_enum_are_accepted(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    v = n.Vec2(1.0, 2.0)
    with pytest.raises(TypeError, match="expected a member of numeric.Axis, got int"):
        n.component(v, 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got Quadrant"):
        n.component(v, n.Quadrant.First)  # type: ignore[arg-type]
    # An IntEnum parameter does not take a plain int either: the type says `Rounding`.
    with pytest.raises(TypeError, match="numeric_spec.Rounding"):
        s.Money(1).units(0)  # type: ignore[arg-type]
