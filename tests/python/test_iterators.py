"""Lazy iterators (`impl Iterator<Item = T>` returns), from both front ends (examples/numeric):
items are produced one `__next__` at a time; a borrowing iterator keeps its object alive and
makes it refuse changes, `close` and moves until the iterator is exhausted or dropped; every
Rust value and iterator is dropped exactly once; references stay balanced."""

from __future__ import annotations

import gc
import itertools
import sys
from pathlib import Path

import pytest

BUSY = "is lent to an iterator or a view; finish or drop them before"


def test_items_are_produced_lazily(numeric_dir: Path) -> None:
    import numeric as n

    produced = n.iter_stats()[0]
    it = n.naturals()  # infinite: collecting it would never return
    assert n.iter_stats()[0] == produced
    assert list(itertools.islice(it, 5)) == [0, 1, 2, 3, 4]
    assert n.iter_stats()[0] == produced + 5
    assert iter(it) is it
    bag = n.Bag([1, 2, 3])
    counting = bag.counting(10, 5)
    assert next(counting) == 10 and next(counting) == 15
    assert n.iter_stats()[0] == produced + 7


def test_borrowing_iterators_read_the_object(numeric_dir: Path) -> None:
    import numeric as n

    bag = n.Bag([1, 2, 3])
    assert list(bag.items()) == [1, 2, 3]
    assert list(bag) == [1, 2, 3]
    assert list(bag.doubled()) == [2, 4, 6]
    assert sum(x for x in bag) == 6
    # Two iterators at once, and reading the object meanwhile, are fine.
    a, b = iter(bag), bag.items()
    assert (next(a), next(b), next(a)) == (1, 1, 2)
    assert list(bag.doubled()) == [2, 4, 6]


def test_the_iterator_keeps_its_object_alive(numeric_dir: Path) -> None:
    import numeric as n

    bag = n.Bag([7, 8, 9])
    alone = sys.getrefcount(bag)
    it = bag.items()
    assert sys.getrefcount(bag) == alone + 1  # the iterator holds the object
    bag_drops = n.iter_stats()[2]
    del bag
    gc.collect()
    assert n.iter_stats()[2] == bag_drops  # still alive: the iterator holds it
    assert list(it) == [7, 8, 9]
    del it
    gc.collect()
    assert n.iter_stats()[2] == bag_drops + 1


def test_changing_while_iterating_raises_like_a_dict(numeric_dir: Path) -> None:
    import numeric as n

    bag = n.Bag([1, 2])
    it = iter(bag)
    assert next(it) == 1
    with pytest.raises(RuntimeError, match=f"`Bag` {BUSY} changing it"):
        bag.push(3)
    with pytest.raises(RuntimeError, match=f"`Bag` {BUSY} closing it"):
        bag.close()
    with pytest.raises(RuntimeError, match=f"`Bag` {BUSY} closing it"):
        with bag:
            pass
    assert list(it) == [2]  # exhausted: the bag is free again
    bag.push(3)
    other = bag.items()
    del other  # dropped unfinished: free again
    bag.push(4)
    assert list(bag) == [1, 2, 3, 4]
    # An owned iterator borrows nothing.
    counting = bag.counting(0, 1)
    bag.push(5)
    assert next(counting) == 0
    bag.close()
    with pytest.raises(ValueError):
        list(bag.items())


def test_values_and_iterators_drop_exactly_once(numeric_dir: Path) -> None:
    import numeric as n

    _, iters, bags = n.iter_stats()
    bag = n.Bag([1, 2, 3])
    finished, unfinished, counting = bag.items(), bag.items(), bag.counting(0, 1)
    assert list(finished) == [1, 2, 3]
    assert n.iter_stats()[1] == iters + 1  # dropped when exhausted, before its object is
    next(unfinished)
    next(counting)
    del unfinished, counting
    assert n.iter_stats()[1:] == (iters + 3, bags)
    del finished
    del bag
    gc.collect()
    assert n.iter_stats()[1:] == (iters + 3, bags + 1)


def test_reference_counts_stay_flat(numeric_dir: Path) -> None:
    import numeric as n

    bag = n.Bag(list(range(10)))
    watched = [bag, n.Bag, n.naturals]
    before = [sys.getrefcount(o) for o in watched]
    for _ in range(2000):
        assert sum(bag.items()) == 45
        it = iter(bag)
        next(it)
        del it
        next(n.naturals())
    assert [sys.getrefcount(o) for o in watched] == before
    bag.push(1)  # nothing is left lent


def test_spec_iterators(numeric_dir: Path) -> None:
    import numeric_spec as s

    ledger = s.Ledger()
    for cents in (100, 250, -50):
        ledger.record(s.Money(cents))
    entries = ledger.entries()
    assert next(entries) == s.Money(100)
    with pytest.raises(RuntimeError, match=f"`Ledger` {BUSY} changing it"):
        ledger.record(s.Money(1))
    assert list(entries) == [s.Money(250), s.Money(-50)]
    ledger.record(s.Money(1))
    assert list(ledger.cents()) == [100, 250, -50, 1]
    cents = ledger.cents()
    del ledger
    assert list(cents) == [100, 250, -50, 1]
    doublings = s.doublings(1)  # infinite, lazily
    assert [m.cents for m in itertools.islice(doublings, 4)] == [1, 2, 4, 8]
