"""The export conversions beyond plain containers, from the `#[py_embed]` front end
(examples/numeric): `BTreeMap`/`BTreeSet`, arrays, `Box<str>`, `Cow`, `&T` returns of plain
types and `&[&str]` parameters, each with its `.pyi` type."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_borrowed_and_clone_on_write_returns_are_copies(numeric_dir: Path) -> None:
    import numeric as n

    s = n.Samples([3, 1, 3, 2])
    assert s.first() == 3 and n.Samples([]).first() is None
    stored = s.stored()
    stored.append(9)
    assert s.stored() == [3, 1, 3, 2], "a returned &Vec is a copy"
    assert s.summary() == "4 values" and n.Samples([]).summary() == "empty"


def test_ordered_collections_and_arrays(numeric_dir: Path) -> None:
    import numeric as n

    s = n.Samples([3, 1, 3, 2])
    assert s.distinct() == {1, 2, 3} and isinstance(s.distinct(), set)
    assert s.bounds() == [1, 3]
    counts = n.histogram([5, 1, 5])
    assert counts == {1: 1, 5: 2} and list(counts) == [1, 5]
    assert n.scaled_point([1.0, 2.0], 3.0) == [3.0, 6.0]
    with pytest.raises(ValueError, match="length"):
        n.scaled_point([1.0, 2.0, 3.0], 3.0)


def test_borrowed_text_lists_cows_and_boxes_as_parameters(numeric_dir: Path) -> None:
    import numeric as n

    assert n.joined(["a", "b"], "+") == "a+b" and n.joined([], "+") == ""
    assert n.joined(["a", "b"]) == "a, b"  # `signature = (words, sep = ", ")` on a `Cow<str>`
    with pytest.raises(TypeError):
        n.joined("ab", "+")  # type: ignore[arg-type]


def test_stub_types(numeric_dir: Path) -> None:
    stub = (numeric_dir / "numeric.pyi").read_text()
    for line in (
        "def first(self) -> int | None:",
        "def stored(self) -> list[int]:",
        "def distinct(self) -> set[int]:",
        "def bounds(self) -> list[int]:",
        "def summary(self) -> str:",
        "def histogram(values: list[int]) -> dict[int, int]:",
        "def joined(words: list[str], sep: str = ', ') -> str:",
        "def scaled_point(p: list[float], k: float) -> list[float]:",
    ):
        assert line in stub, line
