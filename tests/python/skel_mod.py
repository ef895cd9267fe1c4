"""The Python side of tests/specs/skeleton_import.yaml."""

crate = "a constant named like a Rust keyword"


def describe(name: str, count: int = 1, *, sep: str = "-", loud: bool) -> str:
    text = sep.join([name] * count)
    return text.upper() if loud else text


def pairs(items: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(items.items())


def maybe(flag: bool) -> int | None:
    return 7 if flag else None


def unique(values: list[int]) -> set[int]:
    return set(values)


def echo_bytes(data: bytes) -> bytes:
    return bytes(reversed(data))


def anything() -> object:
    return {"any": [1, 2]}


def lies() -> int:
    return "not an int"  # type: ignore[return-value]


def _deeper(message: str) -> None:
    raise KeyError(message)


def raise_two_deep(message: str) -> None:
    _deeper(message)


def match(type: str, self: int, py: int) -> str:  # noqa: A002
    return f"{type}:{self}:{py}"


def big() -> int:
    return 2**70


class SkelError(Exception):
    """The base of skel_mod's errors."""


class SkelSubError(SkelError):
    pass


def fail_with(kind: str) -> None:
    if kind == "base":
        raise SkelError("base failure")
    if kind == "sub":
        raise SkelSubError("sub failure")
    if kind == "chained":
        try:
            raise OSError("disk on fire")
        except OSError as cause:
            raise SkelError("wrapped") from cause
    raise RuntimeError(f"unknown kind {kind}")


class Counter:
    """A counter written in Python."""

    def __init__(self, start: int = 0, *, step: int = 1) -> None:
        self.value = start
        self.step = step
        self.type = "counter"

    @property
    def label(self) -> str:
        return f"Counter({self.value}, step={self.step})"

    def incr(self) -> int:
        self.value += self.step
        return self.value

    def add(self, n: int) -> int:
        self.value += n
        return self.value

    def merged(self, other: "Counter") -> "Counter":
        return Counter(self.value + other.value, step=self.step)

    @classmethod
    def from_text(cls, text: str) -> "Counter":
        return cls(int(text))

    @staticmethod
    def double(x: int) -> int:
        return 2 * x


def make_counter(start: int) -> Counter:
    return Counter(start)


def not_a_counter() -> object:
    return "I am a str"


def identity(value: object) -> object:
    return value


def call_export(name: str, arg: str) -> str:
    import skeleton_export  # registered as a built-in by the embedding test

    return str(getattr(skeleton_export, name)(arg))


def exit_with(code: int) -> None:
    import sys

    sys.exit(code)


def recurse(n: int) -> int:
    import skeleton_export  # registered as a built-in by the embedding test

    return 0 if n <= 0 else 1 + skeleton_export.recurse(n - 1)
