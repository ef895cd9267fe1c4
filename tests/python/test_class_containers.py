"""Classes inside containers (examples/numeric): `Vec<C>` and `Option<C>` parameters and
fields, each object copied out of (or into) its own Python object; `&[T]` parameters and
returns as lists."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_lists_and_options_of_objects_as_parameters(numeric_dir: Path) -> None:
    import numeric as n

    total = n.Vec2.sum_of([n.Vec2(1, 2), n.Vec2(3, 4), n.Vec2(5, 6)])
    assert repr(total) == "Vec2(9, 12)"
    assert repr(n.Vec2.sum_of([])) == "Vec2(0, 0)"
    assert repr(n.Vec2.or_origin(None)) == "Vec2(0, 0)" and repr(n.Vec2.or_origin(n.Vec2(1, 1))) == "Vec2(1, 1)"
    with pytest.raises(TypeError):
        n.Vec2.sum_of([n.Vec2(1, 2), 3])  # type: ignore[list-item]


def test_fields_holding_objects_copy_in_and_out(numeric_dir: Path) -> None:
    import numeric as n

    square = n.Polygon([n.Vec2(0, 0), n.Vec2(1, 0), n.Vec2(1, 1), n.Vec2(0, 1)])
    assert square.perimeter() == 4.0
    corners = square.corners
    assert [repr(c) for c in corners] == ["Vec2(0, 0)", "Vec2(1, 0)", "Vec2(1, 1)", "Vec2(0, 1)"]
    # The list holds copies: changing one does not change the polygon.
    corners[0] += n.Vec2(5, 5)
    assert repr(square.corners[0]) == "Vec2(0, 0)"
    square.corners = [n.Vec2(0, 0), n.Vec2(3, 0), n.Vec2(3, 4)]
    assert square.perimeter() == 12.0
    assert square.marked is None
    square.marked = n.Vec2(3, 4)
    assert repr(square.marked) == "Vec2(3, 4)"
    square.marked = None
    assert square.marked is None


def test_slices_cross_as_lists(numeric_dir: Path) -> None:
    import numeric as n

    assert n.mean([1.0, 2.0, 6.0]) == 3.0 and n.mean([]) == 0.0
    s = n.Samples([3, 1, 2])
    values = s.values()
    assert values == [3, 1, 2]
    values.append(9)
    assert s.values() == [3, 1, 2]
    with pytest.raises(TypeError):
        n.mean("abc")  # type: ignore[arg-type]
