# The stub of tests/python/scan_mod.py, written as typeshed writes stubs.
import sys
from collections.abc import Callable, Iterator
from typing import Literal, overload

_Mode = Literal["r", "w"]

VERSION: str
LIMIT: int

class ScanError(ValueError):
    code: int
    def __init__(self, code: int) -> None: ...

class Counter:
    step: int
    def __init__(self, start: int = 0, *, step: int = 1) -> None: ...
    def bump(self, times: int = 1) -> int: ...
    @property
    def doubled(self) -> int: ...
    @staticmethod
    def zero() -> int: ...
    @classmethod
    def starting_at(cls, start: int) -> Counter: ...

def greet(name: str, punctuation: str = "!", /, *, loud: bool = False) -> str: ...
def mode_of(mode: _Mode, fallback: int | None = None) -> int | str: ...
def apply(f: Callable[[int], int], x: int) -> int: ...
def count_up(n: int) -> Iterator[int]: ...
def total(*values: float, **weights: float) -> float: ...
def fail(code: int) -> None: ...

if sys.version_info >= (3, 99):
    def from_the_future() -> int: ...
else:
    def untyped(a, b=2): ...

@overload
def pick(x: int) -> int: ...
@overload
def pick(x: int, y: int) -> int: ...

# Left out by the scan, as typeshed writes these: a Protocol, a typing-only helper, a
# re-export, an enum.
from enum import Enum
from os import sep as sep
from typing import Protocol, type_check_only

class SupportsBump(Protocol):
    def bump(self, times: int = 1) -> int: ...

@type_check_only
class Helper:
    x: int

class Color(Enum):
    RED = 1
