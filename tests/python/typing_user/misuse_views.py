"""Misuse of view classes: mypy --strict reports exactly these three errors."""

import regex_views
import numeric_views

numeric_views.split(b"a b")
numeric_views.first_ascii("a b")
found = regex_views.Regex("a").find("a")
if found is not None:
    found.group()
