"""A user script over two extension modules sharing one class: `shared_b` takes and returns
`shared_a.Point`, and mypy --strict sees one type."""

from __future__ import annotations

import shared_a
import shared_b
import shared_c

p: shared_a.Point = shared_a.Point(3.0, 4.0)
n: float = shared_b.norm(p)
m: shared_a.Point = shared_b.midpoint(p, shared_a.Point(1.0, 0.0))
moved: list[shared_a.Point] = shared_b.all_moved([p, m], 1.0)
origin: shared_a.Point = shared_b.or_origin(None)
print(n, m.x, moved[0].label, origin.norm())
mirrored: shared_a.Point = shared_c.mirrored(shared_a.Point(1.0, 2.0))
farthest: shared_a.Point | None = shared_c.farthest([mirrored])
print(mirrored, farthest)
