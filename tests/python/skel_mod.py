"""The Python side of tests/specs/skeleton_import.yaml."""

crate = "a constant named like a Rust keyword"


def describe(name: str, count: int = 1, *, sep: str = "-", loud: bool) -> str:
    text = sep.join([name] * count)
    return text.upper() if loud else text


def pairs(items: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(items.items())


def maybe(flag: bool) -> int | None:
    return 7 if flag else None


def halves(values: list[float], as_tuple: bool) -> list[float] | tuple[float, ...]:
    out = [v / 2 for v in values]
    return tuple(out) if as_tuple else out


def texts(bad: bool) -> list[str]:
    return ["a", "\udc80"] if bad else ["a", "b"]


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


def wide(n: int) -> int:
    return n


def apply(f: "Callable[[int], int]", x: int) -> int:
    return f(x) + 1


def apply_pair(f: "Callable[[str, int], str]", a: str, b: int) -> str:
    return f(a, b) + "!"


def call_none(f: "Callable[[], float]") -> float:
    return f() * 2


def each_word(f: "Callable[[str], None]", text: str) -> None:
    for word in text.split():
        f(word)


def multiplier(k: int) -> "Callable[[int], int]":
    return lambda x: x * k


def refuser() -> "Callable[[str], str]":
    def refuse(text: str) -> str:
        raise SkelError(f"refused {text}")

    return refuse


def not_callable() -> "Callable[[], int]":
    return 5  # type: ignore[return-value]


def count_values(counters: "Iterable[Counter]") -> int:
    return sum(c.value for c in counters)


def make_with(f: "Callable[[int], Counter]", n: int) -> int:
    return f(n).value


def notifier() -> "Callable[[], None]":
    return lambda: None


def misuse(f: "Callable[[int], int]") -> int:
    return f("not an int")  # type: ignore[arg-type]


def joined(words: list[str], sep: str = " ", extra: "list[str] | None" = None) -> str:
    return sep.join(words + (extra or []))


def total_of(values: "Iterable[int]") -> int:
    return sum(values)


def countdown(n: int) -> "Iterator[int]":
    while n > 0:
        yield n
        n -= 1


def faulty(kind: str) -> "Generator[int, None, None]":
    yield 1
    if kind == "type":
        yield "two"  # type: ignore[misc]
    raise SkelError("generator failed")


class SkelError(Exception):
    """The base of skel_mod's errors."""


class SkelSubError(SkelError):
    pass


class HttpFailure(SkelError):
    """An error with data: the status and reason Rust reads as fields."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason


def fail_with(kind: str) -> None:
    if kind == "base":
        raise SkelError("base failure")
    if kind == "sub":
        raise SkelSubError("sub failure")
    if kind == "http":
        raise HttpFailure(503, "busy")
    if kind == "http-bad":
        error = HttpFailure(500, "x")
        error.status = "not a number"  # type: ignore[assignment]
        raise error
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
        self.tags: list[str] = []

    @property
    def label(self) -> str:
        return f"Counter({self.value}, step={self.step})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Counter) and (self.value, self.step) == (other.value, other.step)

    def __hash__(self) -> int:
        return hash((self.value, self.step))

    def __add__(self, other: "Counter") -> "Counter":
        return Counter(self.value + other.value, step=self.step)

    def __mul__(self, k: int) -> "Counter":
        return Counter(self.value * k, step=self.step)

    def __sub__(self, other: "Counter | None" = None) -> "Counter":
        return Counter(self.value - (other.value if other else 0), step=self.step)

    def __or__(self, f: "Callable[[int], int]") -> "Counter":
        return Counter(f(self.value), step=self.step)

    def __neg__(self) -> "Counter":
        return Counter(-self.value, step=self.step)

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


class BadStr(Exception):
    """An exception whose `__str__` itself raises."""

    def __str__(self) -> str:
        raise ValueError("__str__ of BadStr failed")


def raise_odd(kind: str) -> None:
    """Raises an exception that is hard to turn into text (the reliability error corpus)."""
    if kind == "bad_str":
        raise BadStr("unprintable")
    if kind == "surrogate":
        raise ValueError("lone \udc80 surrogate")
    if kind == "surrogate_type":
        cls = type("BadName", (Exception,), {})
        cls.__qualname__ = "Bad\udc80Name"  # type() refuses surrogates, the setter does not
        raise cls("surrogate in the type name")
    if kind == "chained":
        try:
            {}["missing"]
        except KeyError as cause:
            raise RuntimeError("outer") from cause
    if kind == "bad_str_cause":
        try:
            raise BadStr("unprintable cause")
        except BadStr as cause:
            raise RuntimeError("outer of a bad cause") from cause
    if kind == "cycle":
        a, b = ValueError("a"), ValueError("b")
        a.__cause__, b.__cause__ = b, a
        raise a
    raise AssertionError(f"unknown kind {kind}")


def _hop4(kind: str) -> str:
    if kind == "panic4":
        # A second crossing: the exported `boom` panics under the callback, so the panic
        # crosses Python twice (here, then `four_hop`) before it resumes in the Rust caller.
        import skeleton_export

        return str(skeleton_export.boom("hop4 panicked"))
    raise KeyError(f"hop4 {kind}")


def four_hop(kind: str) -> str:
    """Rust stub → here → exported Rust `hop3` → the callback `_hop4` → `raise KeyError`."""
    import skeleton_export  # registered as a built-in by the embedding test

    return str(skeleton_export.hop3(kind, _hop4))


def nap(seconds: float) -> float:
    """Sleeps (releasing the GIL) and returns its argument."""
    import time

    time.sleep(seconds)
    return seconds


def make_noisy(label: str) -> None:
    """Frees an exported `Noisy` (whose Rust Drop calls Python) while a TypeError propagates:
    `len()` raises, then the interpreter drops the call's argument with the exception set.
    (A local variable would live on in the traceback's frame.)"""
    import skeleton_export  # registered as a built-in by the embedding test

    len(skeleton_export.Noisy(label))  # type: ignore[arg-type]
