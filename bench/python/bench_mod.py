"""Trivial Python callables: the benchmark measures the call, not the work."""


def add(a: int, b: int) -> int:
    return a + b


def kw(a: int, *, b: int) -> int:
    return a + b


class Obj:
    def m(self, x: int) -> int:
        return x


# Conversions (bench/src/import_calls.rs): `get_*` return a prebuilt container, `take_*` accept
# one and drop it. The call itself (~40 ns) is in both the stub's and the C loop's figure.
FLOATS = [float(i) for i in range(1_000_000)]
DICT = {f"key{i}": i for i in range(10_000)}
PAIRS = [(f"name{i}", i) for i in range(10_000)]


def get_floats() -> list[float]:
    return FLOATS


def take_floats(x: list[float]) -> None:
    pass


def get_dict() -> dict[str, int]:
    return DICT


def take_dict(x: dict[str, int]) -> None:
    pass


def get_pairs() -> list[tuple[str, int]]:
    return PAIRS


def take_pairs(x: list[tuple[str, int]]) -> None:
    pass


# Issue 14's rows (bench/src/values.rs): a Python loop calling a Rust callable, a generator read
# from Rust, and handle copies and comparisons.
def call_n(f, n: int) -> int:  # type: ignore[no-untyped-def]
    for i in range(n):
        f(i)
    return n


def numbers(n: int):  # type: ignore[no-untyped-def]
    return iter(range(n))
