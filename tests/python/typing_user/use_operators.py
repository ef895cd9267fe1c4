"""Correct use of operators from Rust traits (examples/numeric): mypy --strict accepts it."""

import numeric_ops
import numeric_spec

p = numeric_spec.Points(3)
q: numeric_spec.Points = (p + p - p) * p / p % p
bits: numeric_spec.Points = (p & p | p ^ p) << p >> p
unary: numeric_spec.Points = -(~p)
v = numeric_ops.Vec3(1.0, 2.0, 3.0)
w: numeric_ops.Vec3 = -(v + v - v) / v * 2.0
b = numeric_ops.Bits(3)
c: numeric_ops.Bits = ~(b & b | b ^ b) % b + b
print(q, bits, unary, w, c)
# `Index`/`IndexMut`/`Iterator` impls: item access and iteration, typed.
coordinate: float = v[0] + v[2]
v[1] = 4.0
countdown = numeric_ops.Countdown(3)
first: int = next(countdown)
rest: list[int] = list(countdown)
digits = numeric_spec.Digits(1234)
digit: int = digits[0]
digits[1] = 7
fib: list[int] = [n for n in numeric_spec.Fibonacci(100)]
print(coordinate, first, rest, digit, fib)
