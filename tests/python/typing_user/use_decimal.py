"""A user script type-checked with `mypy --strict` against the wrapped `rust_decimal` stubs."""

import decimal_py

a: decimal_py.Decimal = decimal_py.Decimal.parse("1.25")
b = decimal_py.Decimal(5, 1)
total: decimal_py.Decimal = (a + b - a) * b / b % b
negated: decimal_py.Decimal = -abs(a)
smaller: bool = a < b
rounded: decimal_py.Decimal = a.rounded(1, decimal_py.RoundingStrategy.ToZero)
maybe: decimal_py.Decimal | None = a.checked_div(b)
raw: bytes = a.serialize()
try:
    decimal_py.Decimal.parse("x")
except decimal_py.DecimalError as e:
    message: str = str(e)
print(total, negated, smaller, rounded, maybe, raw, a.scale() + 1, {a: 1})
