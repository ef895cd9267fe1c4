"""Buffers and numpy (examples/numeric, both front ends): `&[T]` parameters read any buffer of
the item format in place (a list is copied), `&mut [T]` writes into writable buffers, and a
class's `buffer` field is viewed by `memoryview`/`numpy.asarray` without a copy, keeping its
object alive and refusing changes while a view is alive."""

from __future__ import annotations

import array
import ctypes
import gc
import struct
import sys
from pathlib import Path

import numpy as np
import pytest
from pyver import param


def test_slices_read_any_buffer_in_place(numeric_dir: Path) -> None:
    import numeric as n

    a = np.arange(5, dtype=np.float64)
    assert n.total(a) == 10.0
    assert n.address_of(a) == a.ctypes.data, "a numpy array is read where it lies"
    assert n.total(array.array("d", [1.5, 2.5])) == 4.0
    assert n.total(memoryview(array.array("d", [1.0, 2.0]))) == 3.0
    assert n.total([1.0, 2.0, 3.0]) == 6.0, "a list still works (copied)"
    assert n.total(np.zeros(0)) == 0.0
    # Rust sees what numpy wrote: the same memory.
    a[0] = 100.0
    assert n.total(a) == 110.0
    data = bytes(range(10))
    expected = n.checksum(data)
    for same in (bytearray(data), memoryview(data), np.frombuffer(data, dtype=np.uint8), array.array("B", data)):
        assert n.checksum(same) == expected


def test_strided_buffers_are_copied_and_wrong_formats_refused(numeric_dir: Path) -> None:
    import numeric as n

    a = np.arange(10, dtype=np.float64)
    assert n.total(a[::2]) == 20.0, "a strided view is copied, in C order"
    assert n.address_of(a[::2]) != a.ctypes.data
    assert n.total(a.reshape(2, 5)) == 45.0, "a C-contiguous 2-D array is read flat"
    with pytest.raises(TypeError, match=r"(?s)format 'd'.*" + param("values")):
        n.total(np.arange(3, dtype=np.int64))
    with pytest.raises(TypeError, match=param("values")):
        n.total(np.arange(3, dtype=np.float32))
    with pytest.raises(TypeError, match=param("values")):
        n.total(np.arange(3, dtype=">f8"))  # big-endian: not native
    with pytest.raises(TypeError, match=param("data")):
        n.checksum(np.arange(3, dtype=np.float64))
    with pytest.raises(TypeError):
        n.checksum("text")


def test_mut_slices_write_in_place(numeric_dir: Path) -> None:
    import numeric as n

    a = np.zeros(4)
    n.fill(a, 2.5)
    assert a.tolist() == [2.5] * 4
    b = array.array("d", [0.0, 0.0])
    n.fill(b, 1.0)
    assert b.tolist() == [1.0, 1.0]
    out = np.zeros(3)
    n.scale_into(out, np.array([1.0, 2.0, 3.0]), 2.0)
    assert out.tolist() == [2.0, 4.0, 6.0]


def test_mut_slices_refuse_what_cannot_be_written(numeric_dir: Path) -> None:
    import numeric as n

    ro = np.zeros(3)
    ro.setflags(write=False)
    with pytest.raises(TypeError, match=r"(?s)read-only.*" + param("out")):
        n.fill(ro, 1.0)
    with pytest.raises(TypeError, match=r"(?s)read-only.*" + param("out")):
        n.fill(memoryview(bytes(16)).cast("d"), 1.0)
    with pytest.raises(TypeError, match=r"(?s)writable buffer.*" + param("out")):
        n.fill([0.0, 0.0], 1.0)
    with pytest.raises(TypeError, match=r"(?s)format 'd'.*" + param("out")):
        n.fill(np.zeros(3, dtype=np.int64), 1.0)
    a = np.zeros(6)
    with pytest.raises(TypeError, match=r"(?s)C-contiguous.*" + param("out")):
        n.fill(a[::2], 1.0)
    assert a.tolist() == [0.0] * 6
    # `&mut` and `&` over the same memory: refused before Rust sees either.
    with pytest.raises(BufferError, match="'out' and 'src' share memory"):
        n.scale_into(a, a, 2.0)
    with pytest.raises(BufferError, match="share memory"):
        n.scale_into(a[:4], a[2:], 2.0)
    n.scale_into(a[:3], a[3:], 2.0)  # disjoint halves of one array are fine


def test_release_gil_functions_read_a_copy(numeric_dir: Path) -> None:
    import numeric as n

    assert n.total_detached(np.array([1.0, 2.0], dtype=np.float32)) == 3.0
    assert n.total_detached([0.5, 0.5]) == 1.0


def test_class_buffer_is_zero_copy_and_keeps_its_object(numeric_dir: Path) -> None:
    import numeric as n

    s = n.Signal(4)
    for v in (1.0, 2.0):
        s.push(v)
    view = np.asarray(s)
    assert view.dtype == np.float64 and view.tolist() == [0.0] * 4 + [1.0, 2.0]
    assert view.ctypes.data == s.address(), "numpy reads the Vec where it lies"
    assert not view.flags.writeable, "exported read-only"
    with pytest.raises(ValueError):
        view[0] = 1.0
    m = memoryview(s)
    assert m.format == "d" and m.readonly and m.tolist() == view.tolist()
    m.release()
    del s
    gc.collect()
    assert view.tolist() == [0.0] * 4 + [1.0, 2.0], "the array keeps the object alive"


def test_class_refuses_changes_while_exported(numeric_dir: Path) -> None:
    import numeric as n

    s = n.Signal(2)
    view = np.asarray(s)
    with pytest.raises(BufferError, match="Signal cannot be changed while its buffer is exported"):
        s.push(1.0)
    second = memoryview(s)  # a second export is fine; asking for a writable one is not
    with pytest.raises((TypeError, BufferError)):
        (ctypes.c_double * 2).from_buffer(s)
    with pytest.raises((TypeError, BufferError)):
        struct.pack_into("d", s, 0, 1.0)
    second.release()
    del view
    gc.collect()
    s.push(1.0)  # allowed once every view is gone
    assert s.total() == 1.0 and s.samples == [0.0, 0.0, 1.0]
    with memoryview(s) as m:
        with pytest.raises(BufferError):
            s.push(2.0)
        assert m.tolist() == [0.0, 0.0, 1.0]
    s.push(2.0)
    assert s.total() == 3.0
    # Closing is a change too: refused while exported (`close` and `with`), then done once.
    view = np.asarray(s)
    with pytest.raises(BufferError, match="Signal cannot be changed while its buffer is exported"):
        s.release()
    with pytest.raises(BufferError):
        with s:
            pass
    del view
    gc.collect()
    s.release()
    with pytest.raises(ValueError, match="closed"):
        s.total()


def test_spec_route_slices_and_buffer_fields(numeric_dir: Path) -> None:
    import numeric_spec as ns

    values = np.array([100, -25, 5], dtype=np.int64)
    assert ns.total_cents(values) == 80
    assert ns.total_cents(array.array("q", [1, 2])) == 3 and ns.total_cents([4, 5]) == 9
    with pytest.raises(TypeError, match=param("values")):
        ns.total_cents(np.array([1.0]))
    ledger = ns.Till()
    ledger.record(150)
    ledger.record(-50)
    entries = np.asarray(ledger)
    assert entries.dtype == np.int64 and entries.tolist() == [150, -50]
    with pytest.raises(BufferError, match="Till"):
        ledger.record(1)
    del entries
    ledger.record(1)
    assert ledger.balance() == 101 and ledger.entries == [150, -50, 1]


def test_refcounts_stay_flat(numeric_dir: Path) -> None:
    import numeric as n

    a = np.ones(1000)
    b = bytearray(100)
    s = n.Signal(3)
    before = (sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(s))
    for _ in range(2000):
        n.total(a)
        n.fill(a, 1.0)
        n.checksum(b)
        memoryview(s).release()
        try:
            n.fill(memoryview(bytes(8)).cast("d"), 0.0)
        except TypeError:
            pass
    assert (sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(s)) == before
    s.push(1.0)  # every export was released
