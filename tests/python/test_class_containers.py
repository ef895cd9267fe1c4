"""Classes inside containers (examples/numeric): `Vec<C>`, `Option<C>`, `&[C]`, `HashMap<K, C>`,
tuples and any nesting of them as parameters, returns and fields, each object copied out of (or
into) its own Python object; `Option<&C>` borrowed; unit enums as dict keys and set elements;
`&[T]` parameters and returns as lists."""

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


def test_slices_maps_tuples_and_optional_borrows_of_objects(numeric_dir: Path) -> None:
    import numeric as n

    v = n.Vec2
    assert repr(n.centroid([v(0, 0), v(2, 4)])) == "Vec2(1, 2)"  # `&[Vec2]`
    a = v(1, 1)
    assert repr(n.offset(a, None)) == "Vec2(1, 1)" and repr(n.offset(a, v(1, 2))) == "Vec2(2, 3)"
    assert repr(n.offset(a, by=a)) == "Vec2(2, 2)"  # the same object lent twice, read-only
    lengths, longest = n.lengths({"a": v(3, 4), "b": v(1, 0)})  # `HashMap<String, Vec2>` in
    assert lengths == {"a": 5.0, "b": 1.0}
    assert longest is not None and longest[0] == "a" and repr(longest[1]) == "Vec2(3, 4)"
    assert n.lengths({}) == ({}, None)
    with pytest.raises(TypeError):
        n.centroid([v(0, 0), 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        n.lengths({"a": 1.0})  # type: ignore[dict-item]


def test_enum_members_as_dict_keys_and_set_elements(numeric_dir: Path) -> None:
    import numeric as n

    counts, present = n.tally_axes([n.Axis.X, n.Axis.Y, n.Axis.X])
    assert counts == {n.Axis.X: 2, n.Axis.Y: 1} and present == {n.Axis.X, n.Axis.Y}
    assert n.tally_axes([]) == ({}, set())


def test_map_fields_of_objects_copy_in_and_out(numeric_dir: Path) -> None:
    import numeric as n

    p = n.Polygon([n.Vec2(0, 0)])
    assert p.labels == {}
    p.labels = {"o": n.Vec2(1, 2)}
    got = p.labels
    assert list(got) == ["o"] and repr(got["o"]) == "Vec2(1, 2)"
    got["o"] += n.Vec2(1, 1)  # a copy: the polygon keeps its own value
    assert repr(p.labels["o"]) == "Vec2(1, 2)"


def test_spec_route_maps_of_lists_of_objects_and_optional_borrows(numeric_dir: Path) -> None:
    import numeric_spec as s

    m = s.Money
    richest = s.richest({"a": [m(100), m(5)], "b": [m(200)]})
    assert richest is not None and richest[0] == "b" and richest[1] == m(200)
    assert s.richest({}) is None
    assert s.after_fee(m(500)) == m(500) and s.after_fee(m(500), m(120)) == m(380)
