"""Shared fixtures: the real extension modules built by cargo, and their generated stubs.

scripts/test builds the workspace first; these fixtures only copy and generate. The directory
with the modules is put first on sys.path for the whole session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
PROFILE_DIR = TARGET / "debug"


def _built(name: str) -> Path:
    path = PROFILE_DIR / name
    if not path.exists():
        pytest.exit(f"{path} is missing: run `cargo build --workspace` (scripts/test does)", returncode=2)
    return path


@pytest.fixture(scope="session")
def ext_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding hello_spec.so, hello_attr.so and hello_spec.pyi."""
    out = tmp_path_factory.mktemp("ext")
    library = _built("libhello_export.so")
    for module in ("hello_spec", "hello_attr"):
        shutil.copy(library, out / f"{module}.so")
    cli = _built("bindgen-cli")
    subprocess.run(
        [str(cli), "gen", "specs/examples/hello_export.yaml", "--out-dir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(out))
    return out


@pytest.fixture(scope="session")
def numeric_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding numeric.so, numeric_ops.so, numeric_spec.so, numeric_views.so and
    regex_views.so (examples/numeric, one library) and their stubs: `numeric.pyi`,
    `numeric_ops.pyi` and `numeric_views.pyi` from the `#[py_embed]` sources,
    `numeric_spec.pyi` and `regex_views.pyi` from the specs."""
    out = tmp_path_factory.mktemp("numeric")
    library = _built("libnumeric.so")
    for module in ("numeric", "numeric_ops", "numeric_spec", "numeric_views", "regex_views"):
        shutil.copy(library, out / f"{module}.so")
    cli = _built("bindgen-cli")
    for args in (
        ["pyi", "examples/numeric/src/lib.rs", "--out-dir", str(out)],
        ["pyi", "examples/numeric/src/ops.rs", "--out-dir", str(out)],
        ["gen", "specs/examples/numeric_spec.yaml", "--out-dir", str(out)],
        ["pyi", "examples/numeric/src/views.rs", "--out-dir", str(out)],
        ["gen", "specs/examples/regex_views.yaml", "--out-dir", str(out)],
    ):
        subprocess.run([str(cli), *args], cwd=ROOT, check=True, capture_output=True)
    sys.path.insert(0, str(out))
    return out


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding shared_a.so (examples/shared-a), shared_b.so, shared_mismatch.so and
    shared_c.so (examples/shared-b, one library, three modules) and their stubs: extension
    modules built separately that share the class `shared_a.Point`."""
    out = tmp_path_factory.mktemp("shared")
    shutil.copy(_built("libshared_a.so"), out / "shared_a.so")
    for module in ("shared_b", "shared_mismatch", "shared_c"):
        shutil.copy(_built("libshared_b.so"), out / f"{module}.so")
    cli = _built("bindgen-cli")
    for spec in ("specs/examples/shared_a.yaml", "specs/examples/shared_b.yaml", "tests/specs/shared_mismatch.yaml"):
        subprocess.run([str(cli), "gen", spec, "--out-dir", str(out)], cwd=ROOT, check=True, capture_output=True)
    # shared_c: the same crossings declared with `#[py_embed]` (its stub from the source).
    pyi = ["pyi", "examples/shared-b/src/lib.rs", "--out-dir", str(out)]
    subprocess.run([str(cli), *pyi], cwd=ROOT, check=True, capture_output=True)
    sys.path.insert(0, str(out))
    return out
