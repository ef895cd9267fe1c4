"""Rust → Python, end to end: the spec-declared and the attribute-declared module, imported by
real CPython from the cdylib cargo built."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest
from pyver import param


@pytest.fixture(scope="module")
def spec(ext_dir: Path) -> ModuleType:
    return importlib.import_module("hello_spec")


@pytest.fixture(scope="module")
def attr(ext_dir: Path) -> ModuleType:
    return importlib.import_module("hello_attr")


def test_spec_functions_call_rust(spec: ModuleType) -> None:
    assert spec.add(2, 3) == 5
    assert spec.process_data([1.0, 2.5, -4.0]) == [2.0, 5.0, -8.0]
    assert spec.parse_point(" 1.5, -2") == (1.5, -2.0)


def test_spec_module_doc_constant_and_function_docs(spec: ModuleType) -> None:
    assert spec.__doc__ == "Functions of the hello-export crate, exposed from a spec."
    assert spec.VERSION == "0.1.0"
    assert spec.add.__doc__.startswith("Add two integers.")


def test_rust_error_becomes_python_exception(spec: ModuleType) -> None:
    with pytest.raises(ValueError, match="expected `x,y`"):
        spec.parse_point("nonsense")


def test_wrong_argument_type_names_the_parameter(spec: ModuleType) -> None:
    with pytest.raises(TypeError, match=param("b")):
        spec.add(1, "two")


def test_out_of_range_int_raises_overflow(spec: ModuleType, attr: ModuleType) -> None:
    with pytest.raises(OverflowError):
        spec.add(2**63, 1)
    with pytest.raises(OverflowError):
        attr.total([1, 2**64])


def test_attribute_module(attr: ModuleType) -> None:
    assert attr.greet("Ada") == "Hello, Ada!"
    assert attr.times(1.5, 4.0) == 6.0
    assert attr.total([1, 2, 3]) == 6
    assert attr.greet.__doc__.startswith("Greets someone.")
    assert not hasattr(attr, "multiply"), "renamed with name = \"times\""


def test_keyword_arguments_use_rust_parameter_names(spec: ModuleType) -> None:
    assert spec.add(a=1, b=2) == 3
