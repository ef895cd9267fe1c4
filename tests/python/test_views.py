"""View classes (Rust types with a lifetime), from both front ends (examples/numeric):
`numeric_views.Word<'a>` declared with `#[py_embed]`, and the `regex` crate's `Match<'h>` and
`Captures<'h>` wrapped from specs/examples/regex_views.yaml. A view keeps alive what it borrows
(an object's value, which then refuses changes; or a `str`/`bytes` argument, read in place), is
dropped exactly once, and never outlives its borrow; typed in the `.pyi` (mypy --strict,
stubtest)."""

from __future__ import annotations

import copy
import gc
import sys
from pathlib import Path

import pytest

from test_protocols import HERE, _run

BUSY = "is lent to an iterator or a view; finish or drop them before"


def test_words_borrow_their_text_which_refuses_changes_meanwhile(numeric_dir: Path) -> None:
    import numeric_views as v

    text = v.Text("hello big world")
    first = text.first_word()
    assert first is not None
    assert (first.text, first.start, len(first), first.upper(), first.as_str()) == ("hello", 0, 5, "HELLO", "hello")
    with pytest.raises(RuntimeError, match=BUSY):
        text.append(" again")
    # Reading is fine while lent; each word is a new view of the same borrow.
    assert [w.text for w in text.words()] == ["hello", "big", "world"]
    assert text.body == "hello big world"
    nxt = first.next_word()
    assert nxt is not None and (nxt.text, nxt.start) == ("big", 6)
    last = nxt.next_word()
    assert last is not None and last.text == "world" and last.next_word() is None
    # The words keep the text alive without Python's reference to it.
    del text
    gc.collect()
    assert (first.text, nxt.text, last.start) == ("hello", "big", 10)
    del first, nxt, last
    gc.collect()


def test_the_text_changes_again_once_its_words_are_gone(numeric_dir: Path) -> None:
    import numeric_views as v

    text = v.Text("one two")
    words = text.words()
    with pytest.raises(RuntimeError, match=BUSY):
        text.append(" three")
    del words
    gc.collect()
    text.append(" three")
    assert [w.text for w in text.words()] == ["one", "two", "three"]
    # A `&Text` argument is lent the same way.
    kept = v.first_of(text)
    assert kept is not None and kept.text == "one"
    with pytest.raises(RuntimeError, match=BUSY):
        text.append("!")
    del kept
    text.append("!")
    assert text.body == "one two three!"


def test_a_str_argument_is_read_in_place_and_kept_alive(numeric_dir: Path) -> None:
    import numeric_views as v

    source = "".join(["alpha", " beta"])  # a fresh str, not an interned constant
    before = sys.getrefcount(source)
    words = v.split(source)
    # One reference for all the words (one shared anchor), none copied into them.
    assert sys.getrefcount(source) == before + 1
    assert [(w.text, w.start) for w in words] == [("alpha", 0), ("beta", 6)]
    del source
    gc.collect()
    assert words[1].as_str() == "beta"
    source_words = words
    del words
    assert source_words[0].text == "alpha"


def test_bytes_are_read_in_place_and_other_buffers_refused(numeric_dir: Path) -> None:
    import numeric_views as v

    word = v.first_ascii(b"  zz top")
    assert word is not None and (word.text, word.start) == ("zz", 2)
    assert v.first_ascii(b"\xff") is None
    # A bytearray could change under the view: only immutable `bytes` are borrowed.
    with pytest.raises(TypeError):
        v.first_ascii(bytearray(b"zz"))  # type: ignore[arg-type]


def test_views_compare_hash_and_copy_as_views(numeric_dir: Path) -> None:
    import numeric_views as v

    a, b = v.split("alpha beta")
    again = v.split("".join(["alpha", " beta"]))[0]  # another str, equal words
    assert a == again and a != b and a < b and b > a and a <= again
    assert hash(a) == hash(again)
    copied = copy.copy(b)
    assert copied == b and copied is not b and copy.deepcopy(b) == b
    assert repr(a).startswith('Word { text: "alpha", start: 0')


def test_views_cannot_be_made_from_python(numeric_dir: Path) -> None:
    import numeric_views as v
    import regex_views as r

    for cls in (v.Word, r.Match, r.Captures):
        with pytest.raises(TypeError):
            cls()


def test_each_view_is_dropped_exactly_once_and_references_stay_balanced(numeric_dir: Path) -> None:
    import numeric_views as v

    gc.collect()
    dropped = v.words_dropped()
    source = "".join(["a b c", " d"])
    before = sys.getrefcount(source)
    made = 0
    for _ in range(20_000):
        words = v.split(source)
        made += len(words)
        words[0].next_word()  # one more view, dropped at once
        made += 1
        copy.copy(words[1])
        made += 1
    del words
    gc.collect()
    assert v.words_dropped() - dropped == made
    assert sys.getrefcount(source) == before


def test_regex_matches_are_views_into_the_haystack(numeric_dir: Path) -> None:
    import regex_views as r

    rx = r.Regex(r"(?P<year>\d{4})-(\d\d)")
    haystack = "".join(["on 2024-05", " and 2025-06"])
    before = sys.getrefcount(haystack)
    m = rx.find(haystack)
    assert m is not None
    assert (m.start(), m.end(), len(m), m.as_str(), m.is_empty()) == (3, 10, 7, "2024-05", False)
    assert m == rx.find(haystack) and copy.copy(m) == m
    caps = rx.captures(haystack)
    assert caps is not None and len(caps) == 3
    group = caps.get(1)
    named = caps.name("year")
    assert group is not None and named is not None and group.as_str() == named.as_str() == "2024"
    assert caps.get(9) is None and caps.name("month") is None
    # One reference per call that lent it (`find`, `captures`): a view's copies and the groups
    # of `caps` share their call's.
    assert sys.getrefcount(haystack) == before + 2
    assert rx.find("no dates") is None and rx.is_match("1999-12") and rx.captures_len() == 3
    del m, caps, group, named
    gc.collect()
    assert sys.getrefcount(haystack) == before
    with pytest.raises(r.PatternError):
        r.Regex("(")


def test_refcounts_stay_flat_over_many_finds(numeric_dir: Path) -> None:
    import regex_views as r

    rx = r.Regex(r"b+")
    haystack = "".join(["a", "bbb", "c"])
    before = sys.getrefcount(haystack)
    for _ in range(50_000):
        m = rx.find(haystack)
        assert m is not None and m.start() == 1
    del m
    assert sys.getrefcount(haystack) == before


def test_mypy_strict_accepts_views_and_rejects_misuse(numeric_dir: Path) -> None:
    result = _run("mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "use_views.py"), cwd=numeric_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    result = _run(
        "mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "misuse_views.py"), cwd=numeric_dir
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument 1 to "split" has incompatible type "bytes"; expected "str"' in result.stdout, result.stdout
    assert 'Argument 1 to "first_ascii" has incompatible type "str"; expected "bytes"' in result.stdout, result.stdout
    assert '"Match" has no attribute "group"' in result.stdout, result.stdout
    assert result.stdout.count("error:") == 3, result.stdout


def test_stubtest_agrees_with_the_view_stubs(numeric_dir: Path) -> None:
    result = _run("mypy.stubtest", "numeric_views", "regex_views", cwd=numeric_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_view_methods_fields_and_errors_behave_as_on_any_class(numeric_dir: Path) -> None:
    import numeric_views as v
    import regex_views as r

    text = v.Text("strawberry fields")
    word = text.word(1)
    assert (word.text, word.start, word.vowels()) == ("fields", 11, 2)
    word.skip(2)  # `&mut self` on the view
    assert (word.text, word.start) == ("elds", 13)
    word.start = 0  # a field that does not borrow is writable
    assert word.start == 0
    with pytest.raises(AttributeError):
        word.text = "x"  # type: ignore[misc]
    with pytest.raises(v.NoWord, match="no word 5"):
        text.word(5)
    assert [w.text for w in v.Text.words_in("a static method")] == ["a", "static", "method"]
    found = r.Regex("b+").find("abbc")
    assert found is not None and found.span() == (1, 3)
