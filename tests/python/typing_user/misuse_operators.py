"""Misuse of operators from Rust traits: mypy --strict reports each foreign operand."""

import numeric_ops
import numeric_spec

p = numeric_spec.Points(3)
print(p + 1)
print(1 - p)
v = numeric_ops.Vec3(1.0, 2.0, 3.0)
print(numeric_ops.Bits(1) & v)
print(v * v)
