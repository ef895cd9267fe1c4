"""Signatures of exported functions (examples/numeric): defaults from `#[py_embed(signature =
(…))]` and from a spec's `default:`, positional-only and keyword-only parameters, and
`#[py_embed(classmethod)]`; `inspect.signature` and `help()` show them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest


def test_attribute_defaults_and_keyword_only(numeric_dir: Path) -> None:
    import numeric as n

    v = n.Vec2(1, 2)
    assert repr(v.scaled()) == "Vec2(2, 4)" and repr(v.scaled(3)) == "Vec2(3, 6)"
    assert repr(v.scaled(offset=1.0)) == "Vec2(3, 5)"
    with pytest.raises(TypeError):
        v.scaled(2.0, 1.0)  # type: ignore[misc]
    assert str(inspect.signature(n.Vec2.scaled)) == "(self, /, factor=2.0, *, offset=None)"


def test_positional_only_parameters(numeric_dir: Path) -> None:
    import numeric as n

    assert n.lerp(0, 10) == 5.0 and n.lerp(0, 10, 0.25) == 2.5 and n.lerp(0, 10, t=1.0) == 10.0
    with pytest.raises(TypeError, match="positional-only"):
        n.lerp(a=0, b=10)  # type: ignore[call-arg]
    assert str(inspect.signature(n.lerp)) == "(a, b, /, t=0.5)"


def test_classmethod_from_the_attribute(numeric_dir: Path) -> None:
    import numeric as n

    # A classmethod of an extension type: Python passes the class, also when called on an instance.
    assert type(inspect.getattr_static(n.Vec2, "unit_x")).__name__ == "classmethod_descriptor"
    assert repr(n.Vec2.unit_x()) == "Vec2(1, 0)" and repr(n.Vec2(5, 5).unit_x()) == "Vec2(1, 0)"


def test_spec_defaults(numeric_dir: Path) -> None:
    import numeric_spec as s

    assert str(s.Money(5).scaled()) == "0.05" and str(s.Money(5).scaled(factor=3)) == "0.15"
    assert str(inspect.signature(s.Money.scaled)) == "(self, /, *, factor=1)"


def test_spec_release_gil_lets_other_python_threads_run(numeric_dir: Path) -> None:
    import numeric_spec as s

    from gil_probe import long_enough, ticks_during

    m = s.Money(100)
    assert m.compound(1) == 101
    years = long_enough(m.compound, 10_000)
    assert ticks_during(lambda: m.compound(years)) > 1000


def test_varargs_and_kwargs_from_the_attribute(numeric_dir: Path) -> None:
    import numeric as n

    # `#[py_embed(signature = (*values, scale = 1.0, **weights))]`: `Vec<f64>`, `HashMap<String, f64>`.
    assert n.weighted() == 0.0 and n.weighted(1.0, 2.0) == 3.0
    assert n.weighted(1.0, 2.0, _1=3.0) == 7.0 and n.weighted(1.0, 2.0, scale=2.0, _0=0.5) == 5.0
    assert str(inspect.signature(n.weighted)) == "(*values, scale=1.0, **weights)"
    with pytest.raises(TypeError):
        n.weighted(1.0, "2")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        n.weighted(1.0, _0="heavy")  # type: ignore[arg-type]


def test_varargs_and_kwargs_from_the_spec(numeric_dir: Path) -> None:
    import numeric_spec as s

    # `kind: var_positional` (`Vec<Money>`: each object copied out) and `kind: var_keyword`.
    assert s.total() == s.Money(0)
    assert s.total(s.Money(100), s.Money(50), fee=-30, tip=5) == s.Money(125)
    assert str(inspect.signature(s.total)) == "(*amounts, **adjustments)"
    with pytest.raises(TypeError):
        s.total(100)  # type: ignore[arg-type]
