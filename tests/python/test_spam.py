"""The `spam` wheel (examples/spam, seed 003), installed by scripts/test with maturin."""

from __future__ import annotations

import pytest

import spam


def test_the_wheel_targets_the_stable_abi() -> None:
    # examples/spam is built with pybridge's `abi3-py311` feature: one wheel for 3.11 and later.
    import importlib.metadata

    files = importlib.metadata.files("spam") or []
    extensions = [str(f) for f in files if str(f).endswith(".so")]
    assert extensions and all(name.endswith(".abi3.so") for name in extensions), extensions
    wheel = importlib.metadata.distribution("spam").read_text("WHEEL") or ""
    assert "Tag: cp311-abi3-" in wheel, wheel


def test_system_returns_the_exit_status() -> None:
    assert spam.system("true") == 0
    assert spam.system("exit 3") == 3


def test_error_is_the_module_exception() -> None:
    assert issubclass(spam.error, Exception)
    with pytest.raises(spam.error, match="killed by a signal"):
        spam.system("kill -9 $$")
    assert spam.system.__doc__ is not None and spam.system.__doc__.startswith("Execute a shell command")
