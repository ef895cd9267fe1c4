"""Misuse mypy --strict must catch across the two modules."""

from __future__ import annotations

import shared_a
import shared_b

shared_b.norm((3.0, 4.0))
label: int = shared_b.midpoint(shared_a.Point(0.0, 0.0), shared_a.Point(1.0, 1.0)).label
