"""One class across extension modules (examples/shared-a, examples/shared-b): `shared_b`, built
separately, takes and returns `shared_a.Point` through the table `shared_a` publishes; the
objects stay `shared_a`'s (isinstance, borrow checking, Drop), typed as one class for mypy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def test_objects_cross_both_ways(shared_dir: Path) -> None:
    import shared_a
    import shared_b

    p, q = shared_a.Point(3, 4), shared_a.Point(1, 0)
    assert shared_b.norm(p) == 5.0
    m = shared_b.midpoint(p, q)
    assert type(m) is shared_a.Point and isinstance(m, shared_a.Point)
    assert (m.x, m.y, m.label) == (2.0, 2.0, "(2, 2)")
    # Returned objects are shared_a's own: its methods and borrow rules apply.
    assert m.norm() == shared_b.norm(m)
    moved = shared_b.moved(p, 1)
    assert (moved.x, moved.label) == (4.0, "(3, 4)") and p.x == 3.0  # `Point` by value: a copy
    assert shared_b.or_origin(None) == shared_a.Point(0, 0)
    assert shared_b.or_origin(p) == p
    assert shared_b.centroid([p, q]) == shared_a.Point(2, 2)
    assert shared_b.labels([p, q]) == ["(3, 4)", "(1, 0)"]
    assert [x.x for x in shared_b.all_moved([p, q], 2)] == [5.0, 3.0]


def test_other_objects_are_refused(shared_dir: Path) -> None:
    import shared_b

    with pytest.raises(TypeError, match=r"expected `shared_a.Point`, got `tuple`"):
        shared_b.norm((3, 4))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"expected `shared_a.Point`, got `int`"):
        shared_b.centroid([1])  # type: ignore[list-item]


def test_borrow_conflicts_are_refused_by_the_owner(shared_dir: Path) -> None:
    import shared_a
    import shared_b

    p = shared_a.Point(3, 4)
    seen: list[float] = []
    # `scale_with` holds `&mut` while it calls back: shared_a's borrow checker refuses the lend.
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        p.scale_with(2, lambda: seen.append(shared_b.norm(p)))
    assert seen == []
    p.scale_with(2, lambda: None)
    assert shared_b.norm(p) == 10.0


def test_each_value_is_dropped_once_by_its_owner(shared_dir: Path) -> None:
    import shared_a
    import shared_b

    p, q = shared_a.Point(3, 4), shared_a.Point(1, 0)
    a0, b0 = shared_a.drops(), shared_b.drops()
    for _ in range(100):
        m = shared_b.midpoint(p, q)  # made in shared_b, moved into a shared_a object
        del m
    assert shared_a.drops() - a0 == 100 and shared_b.drops() - b0 == 0
    moved = shared_b.moved(p, 1)  # a copy made in shared_b, then moved: no drop in shared_b
    assert shared_b.drops() - b0 == 0
    del moved
    assert shared_a.drops() - a0 == 101
    shared_b.centroid([p, q])  # two copies dropped by shared_b, the result by shared_a
    assert shared_b.drops() - b0 == 2 and shared_a.drops() - a0 == 102
    del p, q
    assert shared_a.drops() - a0 == 104


def test_refcounts_stay_flat(shared_dir: Path) -> None:
    import shared_a
    import shared_b

    p = shared_a.Point(3, 4)
    before = (sys.getrefcount(p), sys.getrefcount(shared_a.Point))
    for _ in range(1000):
        shared_b.norm(p)
        shared_b.midpoint(p, p)
        shared_b.labels([p, p])
    assert (sys.getrefcount(p), sys.getrefcount(shared_a.Point)) == before


def test_a_different_layout_is_refused_by_fingerprint(shared_dir: Path) -> None:
    import shared_a
    import shared_mismatch

    with pytest.raises(TypeError) as err:
        shared_mismatch.x_of(shared_a.Point(1, 2))  # type: ignore[arg-type]
    message = str(err.value)
    assert "`shared_a.Point` cannot cross into `shared_mismatch`" in message
    assert "`shared_geometry::Point` (40 bytes" in message
    assert "expects `shared_geometry::legacy::Point` (24 bytes" in message


def test_a_missing_module_is_named(shared_dir: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['shared_a'] = None\n"
        "import shared_b\n"
        "try:\n"
        "    shared_b.or_origin(None)\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=shared_dir, capture_output=True, text=True, check=True)
    assert "`Point` comes from module `shared_a`, which could not be imported" in out.stdout, out.stdout + out.stderr


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPYPATH=str(cwd), PYTHONPATH=str(cwd))
    return subprocess.run([sys.executable, "-m", *args], env=env, capture_output=True, text=True, cwd=cwd)


def test_mypy_strict_sees_one_class(shared_dir: Path) -> None:
    result = _run("mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "use_shared.py"), cwd=shared_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_misuse(shared_dir: Path) -> None:
    result = _run("mypy", "--strict", "--no-incremental", str(HERE / "typing_user" / "misuse_shared.py"), cwd=shared_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument 1 to "norm" has incompatible type "tuple[float, float]"; expected "Point"' in result.stdout
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in result.stdout


def test_stubtest_agrees_with_both_modules(shared_dir: Path) -> None:
    result = _run("mypy.stubtest", "shared_a", "shared_b", "shared_mismatch", "shared_c", cwd=shared_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_attribute_route_declares_the_class_with_a_type_alias(shared_dir: Path) -> None:
    # `#[py_embed(from = "shared_a")] pub type Point = shared_geometry::Point;` in `shared_c`.
    import shared_a
    import shared_c

    p = shared_a.Point(3, 4)
    assert shared_c.norm(p) == 5.0
    m = shared_c.mirrored(p)
    assert type(m) is shared_a.Point and (m.x, m.y) == (4.0, 3.0)
    assert shared_c.farthest([p, shared_a.Point(1, 1)]) == p and shared_c.farthest([]) is None
    with pytest.raises(TypeError, match=r"expected `shared_a.Point`, got `tuple`"):
        shared_c.norm((3, 4))  # type: ignore[arg-type]
    before = shared_a.drops()
    for _ in range(100):
        shared_c.mirrored(p)
    assert shared_a.drops() - before == 100  # each returned value dropped once, by shared_a
