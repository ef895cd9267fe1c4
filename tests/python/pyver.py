"""What differs by CPython version in the messages the tests match (RELIABILITY.md, "Python
versions")."""

from __future__ import annotations

import sys

# pyo3 names the parameter of a failed argument conversion in a note (`while processing
# 'factor'`, PEP 678), which pytest's `match` reads with the message; 3.10 has no notes.
PARAM_NOTES = sys.version_info >= (3, 11)


def param(name: str) -> str:
    """A regex matching pyo3's note naming parameter `name` (before 3.11: anything)."""
    return f"'{name}'" if PARAM_NOTES else ""
