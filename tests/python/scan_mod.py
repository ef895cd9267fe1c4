"""An annotated module for `bindgen-cli scan` and the drift check (tests/tests/scan.rs).

tests/scan/scan_mod.pyi describes it as a stub would; the live and the stub scan must agree.
"""

from __future__ import annotations

from typing import Callable, Iterator, Literal, Optional

VERSION: str = "1.0"
LIMIT = 10


class ScanError(ValueError):
    """Carries the offending code."""

    code: int

    def __init__(self, code: int) -> None:
        super().__init__(f"code {code}")
        self.code = code


class Counter:
    """Counts up."""

    step: int

    def __init__(self, start: int = 0, *, step: int = 1) -> None:
        self.value = start
        self.step = step

    def bump(self, times: int = 1) -> int:
        self.value += self.step * times
        return self.value

    @property
    def doubled(self) -> int:
        return self.value * 2

    @staticmethod
    def zero() -> int:
        return 0

    @classmethod
    def starting_at(cls, start: int) -> Counter:
        return cls(start)


def greet(name: str, punctuation: str = "!", /, *, loud: bool = False) -> str:
    text = f"hello {name}{punctuation}"
    return text.upper() if loud else text


def mode_of(mode: Literal["r", "w"], fallback: Optional[int] = None) -> int | str:
    return 1 if mode == "r" else (fallback if fallback is not None else "w")


def apply(f: Callable[[int], int], x: int) -> int:
    return f(x)


def count_up(n: int) -> Iterator[int]:
    yield from range(n)


def total(*values: float, **weights: float) -> float:
    return sum(values) + sum(weights.values())


def fail(code: int) -> None:
    raise ScanError(code)


def untyped(a, b=2):
    return [a, b]
