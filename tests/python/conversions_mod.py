"""The Python side of tests/specs/conversions.yaml's import entry: standard types as Python's own."""

from __future__ import annotations

import datetime
import pathlib


def elapsed(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    return end - start


def home() -> pathlib.Path:
    return pathlib.Path("/home/ada")


def suffix_of(path: pathlib.Path) -> str:
    assert isinstance(path, pathlib.Path), type(path)
    return path.suffix


def waits() -> dict[str, datetime.timedelta]:
    return {"boil": datetime.timedelta(minutes=4), "steep": datetime.timedelta(seconds=90)}
