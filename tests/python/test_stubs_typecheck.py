"""The generated .pyi is real: mypy --strict accepts correct use, rejects misuse, and
mypy.stubtest finds the stubs and the built modules in agreement."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
USER = HERE / "typing_user"
# The installed wheels (scripts/test, scripts/test-python): spam targets the stable ABI from 3.11
# (`abi3-py311`), so CPython 3.10 has no spam wheel.
WHEELS = ["shapes", "semver_py", "decimal_py"] + (["spam"] if sys.version_info >= (3, 11) else [])


def _run(module: str, *args: str, path: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m module args…`, with `path` (if given) on MYPYPATH and PYTHONPATH."""
    env = dict(os.environ)
    if path is not None:
        env.update(MYPYPATH=str(path), PYTHONPATH=str(path))
    return subprocess.run([sys.executable, "-m", module, *args], env=env, capture_output=True, text=True, cwd=cwd)


def _mypy_strict(*scripts: Path, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    return _run("mypy", "--strict", "--no-incremental", *map(str, scripts), path=path)


def test_mypy_strict_accepts_correct_use(ext_dir: Path) -> None:
    result = _mypy_strict(USER / "use_hello_spec.py", path=ext_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_misuse(ext_dir: Path) -> None:
    result = _mypy_strict(USER / "misuse_hello_spec.py", path=ext_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in result.stdout


def test_stubtest_agrees_with_the_built_module(ext_dir: Path) -> None:
    result = _run("mypy.stubtest", "hello_spec", path=ext_dir, cwd=ext_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_accepts_the_wheels_stubs() -> None:
    users = [USER / "use_wheels.py", USER / "use_semver.py", USER / "use_decimal.py"]
    result = _mypy_strict(*users, *([USER / "use_spam.py"] if "spam" in WHEELS else []))
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubtest_agrees_with_the_installed_wheels() -> None:
    # Run from tests/, not tests/python: the installed wheels, not anything local. No allowlist:
    # each wheel carries stubs for its package and for the extension module inside it.
    result = _run("mypy.stubtest", *WHEELS, cwd=HERE.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_model_types_both_directions(tmp_path: Path) -> None:
    """The Python module the import stubs of tests/specs/both_ways.yaml call type-checks
    against the `.pyi` generated for the classes the same spec exports."""
    root = HERE.parents[1]
    cli = Path(os.environ.get("CARGO_TARGET_DIR", root / "target")) / "debug" / "bindgen-cli"
    gen = subprocess.run(
        [str(cli), "gen", "tests/specs/both_ways.yaml", "--out-dir", str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert gen.returncode == 0, gen.stderr
    assert (tmp_path / "both_ways.pyi").exists()
    result = _mypy_strict(HERE / "both_model.py", path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_wheel_carries_the_stubs_its_build_generated() -> None:
    """maturin packaged what each crate's build.rs wrote into OUT_DIR: stubs for the package and
    for the extension module inside it, `py.typed`, and the same text the golden tests pin for
    the spec (so the wheel's stubs are not a stale copy)."""
    import importlib.resources

    goldens = {
        "semver_py": HERE.parent / "golden/wrap_semver/semver_py.pyi",
        "decimal_py": HERE.parent / "golden/wrap_decimal/decimal_py.pyi",
    }
    for package in WHEELS:
        files = importlib.resources.files(package)
        assert files.joinpath("py.typed").is_file(), package
        stub = files.joinpath("__init__.pyi").read_text()
        assert files.joinpath(f"{package}.pyi").read_text() == stub, package
        assert "class PanicException(BaseException):" in stub, package
        if package in goldens:
            assert stub == goldens[package].read_text(), package
