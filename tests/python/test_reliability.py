"""Reliability on the Python side of the bridge.

- Python exiting while Rust threads spawned by an extension module are calling into Python
  (`skeleton_export.spawn_callers`, the pybridge-tests cdylib), in a subprocess with a 10 s
  limit: exit status 0, no fatal error.
- Rust threads ending (releasing their kept Python thread states), or converting errors
  unattached, while Python exits (`skeleton_export.spawn_enders` / `end_threads`): each gets
  past, none is ended by CPython inside an attach.
- Python exiting while Rust threads call into a sub-interpreter pool the extension made
  (`skeleton_export.spawn_pool_callers`, CPython 3.12+): the exit hook ends the pool's
  interpreters before CPython finalizes (3.12 aborts on remaining sub-interpreters); exit 0.
- `sys.getrefcount` of arguments, results' types and class objects unchanged after 10,000
  calls of exported functions and methods (the `shapes` wheel), including calls that raise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import shapes
from conftest import PROFILE_DIR, ROOT

CALLS = 10_000


@pytest.fixture(scope="module")
def skeleton_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding skeleton_export.so (the pybridge-tests cdylib)."""
    library = PROFILE_DIR / "libpybridge_tests.so"
    if not library.exists():
        pytest.exit(f"{library} is missing: run `cargo build --workspace` (scripts/test does)", returncode=2)
    out = tmp_path_factory.mktemp("skeleton")
    shutil.copy(library, out / "skeleton_export.so")
    return out


# The child: counts the stub calls its Rust threads make (skel_mod.maybe is looked up by the
# stubs on their first call, so patching it first counts every call), waits until they are
# busy, then ends as `ENDING` says.
CHILD = """
import sys, time
import skel_mod, skeleton_export
calls = [0]
real_maybe = skel_mod.maybe
def counting(flag):
    calls[0] += 1
    return real_maybe(flag)
skel_mod.maybe = counting
skeleton_export.spawn_callers({threads}, {nap})
deadline = time.monotonic() + 5
while calls[0] < {threads} and time.monotonic() < deadline:
    time.sleep(0.001)
print("calls before exit:", calls[0], flush=True)
{ending}
"""


def _exits_0(code: str, skeleton_dir: Path, timeout: int = 10) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a `python` child (skeleton_export and tests/python importable, `timeout`
    seconds at most) and checks that it exited 0 without a fatal error."""
    env_path = f"{skeleton_dir}:{ROOT / 'tests' / 'python'}"
    try:
        child = subprocess.run(
            [sys.executable, "-c", code],
            env={**_environ(), "PYTHONPATH": env_path},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as hung:
        pytest.fail(f"hung past {timeout} s: {hung.stdout!r} {hung.stderr!r}")
    assert child.returncode == 0, (child.returncode, child.stdout, child.stderr)
    assert "Fatal Python error" not in child.stderr, child.stderr
    return child


@pytest.mark.parametrize(
    ("threads", "nap", "ending"),
    [
        (8, 0.0, "pass  # the main module returns"),
        (8, 0.001, "time.sleep(0.2)"),
        (32, 0.0, "sys.exit(0)"),
        (8, 0.3, "pass  # every thread is asleep in Python, GIL released, when finalization starts"),
    ],
)
def test_python_exiting_while_rust_threads_call_in_exits_0(
    skeleton_dir: Path, threads: int, nap: float, ending: str
) -> None:
    started = time.monotonic()
    child = _exits_0(CHILD.format(threads=threads, nap=nap, ending=ending), skeleton_dir)
    elapsed = time.monotonic() - started
    calls = int(child.stdout.split("calls before exit:")[1].split()[0])
    assert calls >= threads, child.stdout
    print(f"{threads} threads, nap {nap}, {ending.split('#')[0].strip()}: {calls} calls, exit 0 in {elapsed:.2f} s")


POOL_CHILD = """
import sys, time, skeleton_export
if not skeleton_export.spawn_pool_callers(4):
    print("no sub-interpreters on this CPython", flush=True)
    sys.exit(0)
deadline = time.monotonic() + 5
while skeleton_export.pool_calls() < 1000 and time.monotonic() < deadline:
    time.sleep(0.001)
print("pool calls before exit:", skeleton_export.pool_calls(), flush=True)
"""


def test_python_exiting_while_rust_threads_call_a_sub_interpreter_pool_exits_0(skeleton_dir: Path) -> None:
    child = _exits_0(POOL_CHILD, skeleton_dir)
    if sys.version_info < (3, 12):
        assert "no sub-interpreters" in child.stdout, child.stdout
        return
    calls = int(child.stdout.split("pool calls before exit:")[1].split()[0])
    assert calls >= 1000, child.stdout


# The child for threads ending while Python exits: `end_threads` is registered with atexit
# before pybridge's own hook (which the threads' first stub calls register), so it runs after
# that hook, right before CPython begins finalizing; it lets the 8 threads end and, keeping the
# GIL, waits until each got past pybridge's thread-local destructor (which releases its kept
# thread state), then prints `enders: DONE of 8`.
ENDERS = """
import atexit, skeleton_export
atexit.register(skeleton_export.end_threads)
skeleton_export.spawn_enders(8, {work!r})
"""


# "end": before the fix the thread-local destructor checked CPython's finalizing flag (not yet
# set), then waited in PyEval_RestoreThread for the GIL the exiting thread held; once
# finalization began CPython ended each thread there with pthread_exit, through Rust frames:
# `enders: 0 of 8`. Now the release is an attach scope the exit hook counts, refused once the
# interpreter is exiting (the thread state is left to the ending process).
# "from_pyerr" / "to_pyerr": converting between `PyErr` and `pybridge::Error` on a thread that
# is not attached attached through pyo3's own `Python::attach`, past the shutdown guard, and
# waited there the same way. Now it goes through the guard: refused, the conversion gives the
# "shutting down" error (or a `RuntimeError` not yet made into a Python object).
@pytest.mark.parametrize("work", ["end", "from_pyerr", "to_pyerr"])
def test_rust_threads_ending_while_python_exits_do_not_attach(skeleton_dir: Path, work: str) -> None:
    child = _exits_0(ENDERS.format(work=work), skeleton_dir, timeout=20)
    assert "enders: 8 of 8" in child.stdout, (child.stdout, child.stderr)


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def _refcounts(objects: list[object]) -> list[int]:
    return [sys.getrefcount(o) for o in objects]


def _ten_thousand(call: Callable[[], object], watched: list[object]) -> None:
    for _ in range(100):  # warm-up: caches, interned names
        call()
    before = _refcounts(watched)
    for _ in range(CALLS):
        call()
    after = _refcounts(watched)
    assert after == before, list(zip(watched, before, after, strict=True))


def test_argument_and_class_refcounts_are_unchanged_after_ten_thousand_calls() -> None:
    rect = shapes.Rect(2.0, 3.0)
    other = shapes.Rect(1.0, 1.0)
    width = float("2.5")  # fresh objects: no cache holds them
    data = [float(i) for i in range(8)]
    name = "".join(["da", "ta"])

    def double(x: int) -> int:
        return x * 2

    classes: list[object] = [shapes.Rect, shapes.MyClass, shapes.TooBig, shapes.ShapeError]
    cases: list[tuple[Callable[[], object], list[object]]] = [
        (lambda: shapes.Rect(width, width), [width, *classes]),
        (lambda: rect.larger_than(other), [rect, other, *classes]),
        (lambda: shapes.process_data(data), [data, *classes]),
        (lambda: shapes.MyClass(name).get_data(), [name, *classes]),
        (lambda: shapes.apply(double, 1, 3), [double, *classes]),
        (lambda: rect.area(), [rect, *classes]),
    ]
    for call, watched in cases:
        _ten_thousand(call, watched)


def test_refcounts_are_unchanged_after_ten_thousand_raising_calls() -> None:
    limit = float("0.5")
    bad = "".join(["not ", "a float"])

    def too_big() -> None:
        try:
            shapes.bounded_rect(10.0, 10.0, limit)
        except shapes.TooBig:
            pass

    def wrong_type() -> None:
        try:
            shapes.Rect(1.0, 1.0).scale(bad)  # type: ignore[arg-type]
        except TypeError:
            pass

    def raising_callback() -> None:
        try:
            shapes.apply(fail, 1, 1)
        except ZeroDivisionError:
            pass

    def fail(x: int) -> int:
        return x // 0

    classes: list[object] = [shapes.Rect, shapes.TooBig, shapes.ShapeError]
    _ten_thousand(too_big, [limit, *classes])
    _ten_thousand(wrong_type, [bad, *classes])
    _ten_thousand(raising_callback, [fail, *classes])


def test_spec_exported_class_and_argument_refcounts_are_unchanged(skeleton_dir: Path) -> None:
    """The same on a spec-declared export (`skeleton_export`, no attribute on the Rust types)."""
    sys.path.insert(0, str(skeleton_dir))
    try:
        import skeleton_export as m
    finally:
        sys.path.remove(str(skeleton_dir))
    tally = m.Tally(5)
    by = int("1000001")  # outside the small-int cache
    word = "".join(["ty", "pe"])
    pairs = [("a", float("1.5")), ("b", float("2.5"))]
    values = [int("7"), None]
    classes: list[object] = [m.Tally, m.IntStack, m.TallyError]
    _ten_thousand(lambda: m.Tally(by).current(), [by, *classes])
    _ten_thousand(lambda: tally.bump(by), [tally, by, *classes])
    _ten_thousand(lambda: m.match(word, by), [word, by, *classes])
    _ten_thousand(lambda: m.table(pairs), [pairs, *pairs, *classes])
    _ten_thousand(lambda: m.maybe_sum(values), [values, *classes])
