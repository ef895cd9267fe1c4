"""The Python side of tests/specs/both_ways.yaml: functions taking and returning the exported
`Point`, type-checked against the generated `both_ways.pyi`."""

from __future__ import annotations

import both_ways


def mirror(p: both_ways.Point) -> both_ways.Point:
    assert isinstance(p, both_ways.Point), type(p)
    return both_ways.Point(-p.x, -p.y)


def norm(p: both_ways.Point) -> float:
    return float((p.x**2 + p.y**2) ** 0.5)


def not_a_point(p: both_ways.Point) -> str:
    return "not a point"
