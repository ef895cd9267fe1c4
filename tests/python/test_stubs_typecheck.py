"""The generated .pyi is real: mypy --strict accepts correct use, rejects misuse, and
mypy.stubtest finds the stub and the built module in agreement."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _mypy(script: Path, ext_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPYPATH=str(ext_dir))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        env=env,
        capture_output=True,
        text=True,
    )


def test_mypy_strict_accepts_correct_use(ext_dir: Path) -> None:
    result = _mypy(HERE / "typing_user" / "use_hello_spec.py", ext_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_misuse(ext_dir: Path) -> None:
    result = _mypy(HERE / "typing_user" / "misuse_hello_spec.py", ext_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in result.stdout


def test_stubtest_agrees_with_the_built_module(ext_dir: Path) -> None:
    env = dict(os.environ, MYPYPATH=str(ext_dir), PYTHONPATH=str(ext_dir))
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "hello_spec"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ext_dir,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_accepts_the_wheels_stubs() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(HERE / "typing_user" / "use_wheels.py"),
            str(HERE / "typing_user" / "use_semver.py"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubtest_agrees_with_the_installed_wheels() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "shapes",
            "spam",
            "semver_py",
            "--allowlist",
            str(HERE / "stubtest_allowlist.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=HERE.parent,  # not tests/python: the installed wheels, not anything local
    )
    assert result.returncode == 0, result.stdout + result.stderr
