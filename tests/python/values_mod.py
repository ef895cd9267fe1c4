"""Value types beyond the basics, called from Rust by tests/tests/import_values.rs."""

import sys
import types
import weakref


def kind(value):
    return type(value).__name__


def echo(value):
    return value


def pick(whole):
    return 2 if whole else 2.5


def truth(value):
    return value


class Box:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        if self.value < 0:
            raise ValueError("a negative box cannot be compared")
        return isinstance(other, Box) and self.value == other.value

    __hash__ = object.__hash__


def boxed(value):
    return Box(value * 2) if isinstance(value, int) else value.value


_NEXT = {"r": "w", "w": "r+", "r+": "r"}


def next_mode(mode):
    return _NEXT[mode]


def bad_mode():
    return "q"


class _Unindexable:
    """Not an int: converting it raises an exception that holds it."""

    def __index__(self):
        raise ValueError(self)


_UNINDEXABLE = weakref.WeakSet()


def unindexable():
    value = _Unindexable()
    _UNINDEXABLE.add(value)
    return value


def unindexable_alive():
    return len(_UNINDEXABLE)


def allocated_blocks():
    return sys.getallocatedblocks()


def flags(mode="rb", level=None):
    return f"{mode}:{level}"


def pair(p):
    assert type(p) is tuple
    return (p[0] + 1, p[1] * 2)


def environment():
    return types.MappingProxyType({"HOME": "/root", "LANG": "C"})


def total(counts):
    assert type(counts) is dict
    return sum(counts.values())


def flip(data):
    assert type(data) is bytearray
    return bytearray(reversed(data))


def conjugate(z):
    assert type(z) is complex
    return z.conjugate()


def square(n):
    return n * n


class LookupFailure(ValueError, KeyError):
    def __init__(self, key):
        super().__init__(f"no {key}")
        self.key = key


def fail_lookup(key):
    raise LookupFailure(key)


def invert(x):
    return 1 / x


def po(a, b=2, c=3, /, d=4):
    return [a, b, c, d]


class Box2(Box):
    def scaled(self, k=10, j=1, /):
        return self.value * k + j


def gather(first, second=2, *rest, sep="-", **extra):
    return f"{first}{sep}{second}{sep}{list(rest)}{sep}{sorted(extra.items())}"


def kinds(values):
    return [type(v).__name__ for v in values]


def apply_twice(f, x):
    return f(f(x))


def apply_guarded(f, x):
    try:
        return f(x)
    except RuntimeError as e:
        return len(str(e))


def annotate(data):
    data = dict(data)
    data["seen"] = True
    return data


def not_json():
    import datetime

    return {"items": [1, {"when": datetime.date(2026, 12, 2)}]}


def bad_list():
    return [1, 2, "three"]


def bad_dict():
    return {"a": [1], "b": [2, None]}


def bad_pairs():
    return [(1, 2), (2, 300)]
