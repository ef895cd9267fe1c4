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
