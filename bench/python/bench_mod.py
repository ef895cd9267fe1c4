"""Trivial Python callables: the benchmark measures the call, not the work."""


def add(a: int, b: int) -> int:
    return a + b


def kw(a: int, *, b: int) -> int:
    return a + b


class Obj:
    def m(self, x: int) -> int:
        return x
