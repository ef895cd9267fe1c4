"""Correct use of examples/numeric's protocols: mypy --strict accepts it."""

import array
import typing

import numeric
import numeric_spec

a = numeric.Vec2(1.0, 2.0)
b: numeric.Vec2 = a + a - a * 2.0
c: numeric.Vec2 = 3.0 * b
dot: float = a @ b
length: float = abs(-a)
first: float = a[0]
size: int = len(a)
a += b
again: numeric.Vec2 = a
countdown: list[int] = list(numeric.Countdown(3, 0))
tally = numeric.Tally()
tally["x"] = 1
present: bool = "x" in tally
count: int = tally("x")
del tally["x"]
money = numeric_spec.Money(100)
total: numeric_spec.Money = money + money * 2
share: numeric_spec.Money = total // 3
cheaper: bool = share < total
print(b, c, dot, length, first, size, again, countdown, present, count, total, share, cheaper)
scaled: numeric.Vec2 = numeric.Vec2(1.0, 1.0).scaled() + numeric.Vec2.unit_x().scaled(3.0, offset=None)
middle: float = numeric.lerp(0.0, 1.0) + numeric.lerp(0.0, 1.0, t=0.25)
cheap: numeric_spec.Money = money.scaled() + money.scaled(factor=2)
print(scaled, middle, cheap)
axis: numeric.Axis = numeric.longest(numeric.Vec2(1.0, 2.0), prefer=numeric.Axis.Y)
along: float = numeric.component(numeric.Vec2(1.0, 2.0), axis)
quadrant: numeric.Quadrant | None = numeric.quadrant(numeric.Vec2(1.0, 2.0))
as_int: int = numeric.Quadrant.First + 1
value: int = numeric.Axis.X.value
units: int = money.units(numeric_spec.Rounding.Up) + money.units()
currency: numeric_spec.Currency | None = numeric_spec.currency_of("EUR")
names: list[str] = [a.name for a in numeric.Axis]
print(axis, along, quadrant, as_int, value, units, currency, names)
weighted: float = numeric.weighted(1.0, 2.0, scale=2.0, _1=0.5)
summed: numeric_spec.Money = numeric_spec.total(money, money, fee=-5)
print(weighted, summed)
bag = numeric.Bag([1, 2, 3])
lazy: typing.Iterator[int] = bag.items()
firsts: list[int] = [next(lazy), *bag, *bag.doubled(), next(bag.counting(0, 1)), next(numeric.naturals())]
ledger = numeric_spec.Ledger()
ledger.record(numeric_spec.Money(5))
entries: list[numeric_spec.Money] = list(ledger.entries())
cents: typing.Iterator[int] = ledger.cents()
doubled: numeric_spec.Money = next(numeric_spec.doublings(1))
print(firsts, entries, list(cents), doubled)
# Buffers: any buffer (or a list, copied) for `&[f64]`; writable buffers for `&mut [f64]`;
# classes with a `buffer` field are buffers themselves.
samples: float = numeric.total([1.0, 2.0]) + numeric.total(array.array("d", [1.0])) + numeric.total(b"\0" * 8)
numeric.fill(bytearray(16), 1.0)
signal = numeric.Signal(3)
view: memoryview = memoryview(signal)
till_cents: int = numeric_spec.total_cents([1, 2]) + numeric_spec.total_cents(memoryview(numeric_spec.Till()))
digest: int = numeric.checksum(b"abc") + numeric.checksum(bytearray(b"abc"))
print(samples, view, till_cents, digest)
len_m: int = len(money)
has_five: bool = 5 in money
print(len_m, has_five)


class Named(numeric.Vec2):
    pass


named: Named = Named.unit_x()
euros: numeric_spec.Money = numeric_spec.Money.from_units(3)
print(named, euros)
