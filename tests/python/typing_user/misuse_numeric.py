"""Misuse of examples/numeric's protocols: mypy --strict reports each operand type."""

import numeric
import numeric_spec

wrong = numeric.Vec2(1.0, 2.0) + 1
also_wrong = numeric_spec.Money(100) * 1.5
print(wrong, also_wrong)
by_name = numeric.lerp(a=0.0, b=1.0)
print(by_name)
not_a_member = numeric.component(numeric.Vec2(1.0, 2.0), 1)
wrong_enum = numeric.component(numeric.Vec2(1.0, 2.0), numeric.Quadrant.First)
print(not_a_member, wrong_enum)
bad_extra = numeric.weighted(1.0, "2.0")
print(bad_extra)
numeric.total("not a buffer")
numeric.fill([0.0], 1.0)
