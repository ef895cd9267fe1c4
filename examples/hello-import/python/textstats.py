"""Small text statistics, the Python side of the hello-import example."""

VERSION = "1.0"


def word_counts(text: str, lower: bool = True, *, min_len: int = 1) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in text.split():
        if lower:
            word = word.lower()
        if len(word) >= min_len:
            counts[word] = counts.get(word, 0) + 1
    return counts


def scale(values: list[float], factor: float) -> list[float]:
    return [v * factor for v in values]


def longest(words: list[str]) -> str | None:
    return max(words, key=len) if words else None


def split_pair(type: str) -> tuple[str, str]:
    head, _, tail = type.partition(":")
    return head, tail


def _inner(message: str) -> None:
    raise ValueError(message)


def fail(message: str) -> None:
    _inner(message)
