"""The `semver` crate wrapped from a spec only (examples/wrap-crate), tested against semver's
documented behaviour: parsing, precedence, requirements, errors."""

from __future__ import annotations

import pytest

import semver_py as s


def test_parse_fields_and_text_form() -> None:
    v = s.Version.parse("1.2.3-alpha.1+build.5")
    assert (v.major, v.minor, v.patch) == (1, 2, 3)
    assert str(v) == "1.2.3-alpha.1+build.5"
    assert v.is_prerelease()  # %extend: a Rust helper attached as a method
    assert not s.Version(1, 2, 3).is_prerelease()
    assert str(s.Version(1, 2, 3).bump_minor()) == "1.3.0"


def test_precedence_follows_semver() -> None:
    assert s.Version(1, 2, 3) < s.Version(1, 10, 0)  # numeric, not lexical
    assert s.Version.parse("1.0.0-alpha") < s.Version.parse("1.0.0")  # pre-releases come first
    assert sorted([s.Version(2, 0, 0), s.Version(0, 9, 9), s.Version(1, 0, 0)]) == [
        s.Version(0, 9, 9),
        s.Version(1, 0, 0),
        s.Version(2, 0, 0),
    ]
    assert s.Version(1, 2, 3) == s.Version.parse("1.2.3")
    assert len({s.Version(1, 2, 3), s.Version.parse("1.2.3")}) == 1


def test_requirements() -> None:
    caret = s.VersionReq.parse("^1.2")
    assert caret.matches(s.Version(1, 9, 0))
    assert not caret.matches(s.Version(2, 0, 0))
    assert s.VersionReq.parse(">=1.2, <1.5").matches(s.Version(1, 4, 9))
    assert str(s.max_satisfying(caret, ["1.2.0", "1.9.1", "2.0.0"])) == "1.9.1"
    assert s.max_satisfying(caret, ["3.0.0"]) is None


def test_foreign_errors_raise_the_declared_exception() -> None:
    assert issubclass(s.SemverError, ValueError)
    with pytest.raises(s.SemverError, match="unexpected end of input while parsing minor version number"):
        s.Version.parse("1.2")
    with pytest.raises(s.SemverError):
        s.VersionReq.parse("~~1")
    with pytest.raises(s.SemverError, match="unexpected character 'n'"):
        s.max_satisfying(s.VersionReq.parse("*"), ["nope"])


def test_read_only_fields() -> None:
    v = s.Version(1, 2, 3)
    with pytest.raises(AttributeError):
        v.major = 2  # type: ignore[misc]
