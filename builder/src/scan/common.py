"""pybridge's scanner: describe a Python module as JSON for `bindgen-cli scan`.

Four files run as one script (`python -c`, concatenated by `builder/src/scan/mod.rs`): this
one (shared helpers), `live.py`, `stub.py` and `main.py`. Run by the CLI with the target
interpreter:

    python -c SCRIPT live MODULE            # import it, read inspect.signature and the annotations
    python -c SCRIPT pyi FILE MODULE        # parse a .pyi statically (ast), never importing it
    python -c SCRIPT probe MODULE REQUEST   # what each declared name is (the drift check)

Both print one JSON document on stdout: the module's functions, classes, exceptions and
constants, each type already in the spec's Python typing syntax, or "Any" with a reason.
The Rust side (builder/src/scan/) turns it into a spec and checks it.
"""

import ast
import builtins
import collections.abc
import datetime
import enum
import importlib
import inspect
import json
import pathlib
import sys
import types
import typing

SIMPLE = {
    int: "int", float: "float", str: "str", bytes: "bytes", bool: "bool",
    bytearray: "bytearray", complex: "complex", object: "Any",
    pathlib.Path: "pathlib.Path", datetime.timedelta: "datetime.timedelta",
    datetime.datetime: "datetime.datetime",
}
SIMPLE_NAMES = {
    "int": "int", "float": "float", "str": "str", "bytes": "bytes", "bool": "bool",
    "bytearray": "bytearray", "complex": "complex", "object": "Any", "Any": "Any",
    "None": "None", "Path": "pathlib.Path", "pathlib.Path": "pathlib.Path",
    "timedelta": "datetime.timedelta", "datetime.timedelta": "datetime.timedelta",
    "datetime.datetime": "datetime.datetime",
}
# Generic names (any spelling: bare, typing., collections.abc.) → the spec's spelling.
GENERIC = {
    "list": "list", "List": "list", "dict": "dict", "Dict": "dict", "set": "set", "Set": "set",
    "frozenset": "frozenset", "FrozenSet": "frozenset", "tuple": "tuple", "Tuple": "tuple",
    "Sequence": "Sequence", "MutableSequence": "Sequence", "Mapping": "Mapping",
    "MutableMapping": "Mapping", "Iterator": "Iterator", "Iterable": "Iterable",
    "Generator": "Generator", "Callable": "Callable", "Optional": "Optional", "Union": "Union",
    "Literal": "Literal", "AbstractSet": "set", "Collection": "Sequence",
}
ORIGINS = {
    list: "list", dict: "dict", set: "set", frozenset: "frozenset", tuple: "tuple",
    collections.abc.Sequence: "Sequence", collections.abc.MutableSequence: "Sequence",
    collections.abc.Mapping: "Mapping", collections.abc.MutableMapping: "Mapping",
    collections.abc.Iterator: "Iterator", collections.abc.Iterable: "Iterable",
    collections.abc.Generator: "Generator", collections.abc.Callable: "Callable",
    collections.abc.Set: "set", collections.abc.Collection: "Sequence",
}
OPERATOR_DUNDERS = {
    "__add__", "__sub__", "__mul__", "__truediv__", "__mod__", "__and__", "__or__",
    "__xor__", "__lshift__", "__rshift__", "__neg__", "__invert__", "__hash__",
}


class Unsupported(Exception):
    """A type the spec cannot express; the message says which and why."""


def literal_text(value):
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    raise Unsupported(f"`Literal[{value!r}]`: literals are strings, integers, booleans and None")


def join(name, args):
    if name == "Optional":
        return f"{args[0]} | None"
    if name == "Union":
        return " | ".join(args)
    if name == "Callable":
        return f"Callable[[{', '.join(args[:-1])}], {args[-1]}]"
    return f"{name}[{', '.join(args)}]"


def check_arity(name, args):
    want = {"list": 1, "set": 1, "frozenset": 1, "Sequence": 1, "Iterator": 1, "Iterable": 1,
            "dict": 2, "Mapping": 2, "Generator": 3, "Optional": 1}.get(name)
    if want is not None and len(args) != want:
        raise Unsupported(f"`{name}` with {len(args)} type arguments")


