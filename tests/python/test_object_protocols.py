"""Copying, pickling, weak references and Python subclasses of exported classes
(examples/numeric): `copy.copy`/`deepcopy` from `Clone`, `pickle` through the constructor's
arguments, the `weakref` and `subclass` options; both front ends."""

from __future__ import annotations

import copy
import gc
import pickle
import weakref
from pathlib import Path

import pytest


def test_copy_and_deepcopy_clone_the_value_into_a_new_object(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    v = n.Vec2(1.5, -2.0)
    for c in (copy.copy(v), copy.deepcopy(v)):
        assert c is not v and type(c) is n.Vec2 and (c.x, c.y) == (1.5, -2.0)
    c = copy.copy(v)
    c += n.Vec2(1.0, 1.0)  # the copy has its own value
    assert (v.x, c.x) == (1.5, 2.5)
    m = s.Money(1234)
    assert copy.copy(m) == m and copy.copy(m) is not m and copy.deepcopy([m])[0] == m


def test_pickle_rebuilds_through_the_constructor(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    v = pickle.loads(pickle.dumps(n.Vec2(3.0, 4.0)))
    assert type(v) is n.Vec2 and (v.x, v.y) == (3.0, 4.0)
    m = pickle.loads(pickle.dumps(s.Money(-99), protocol=pickle.HIGHEST_PROTOCOL))
    assert m == s.Money(-99) and m.cents == -99
    assert n.Vec2(1.0, 2.0).__reduce__() == (n.Vec2, (1.0, 2.0))


def test_weak_references_follow_the_object(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    for make in (lambda: n.Vec2(1.0, 1.0), lambda: s.Money(5)):
        obj = make()
        ref = weakref.ref(obj)
        assert ref() is obj
        del obj
        gc.collect()
        assert ref() is None
    # Without the option, as in pyo3: no weak references.
    with pytest.raises(TypeError, match="weak reference"):
        weakref.ref(n.Samples([1]))


def test_python_subclasses_override_and_call_super(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    class Labelled(s.Money):
        def __str__(self) -> str:
            return "EUR " + super().__str__()

    class Named(n.Vec2):
        def __repr__(self) -> str:
            return "Named" + super().__repr__()

    # Made findable as this module's `Named`, as a class statement at module level would be
    # (the extension module is importable only once the fixture ran).
    Named.__qualname__ = "Named"
    globals()["Named"] = Named

    e = Labelled(250)
    assert str(e) == "EUR 2.50" and isinstance(e, s.Money) and (e + e) == s.Money(500)
    # Pickling keeps the subclass (its constructor takes the same arguments).
    again = pickle.loads(pickle.dumps(Named(1.0, 2.0)))
    assert type(again) is Named and repr(again) == "NamedVec2(1, 2)"
    assert n.component(Named(1.0, 2.0), n.Axis.Y) == 2.0  # accepted where the base class is


def test_classmethods_returning_their_class_make_the_subclass_they_are_called_on(numeric_dir: Path) -> None:
    import numeric as n
    import numeric_spec as s

    class Named(n.Vec2):
        def __repr__(self) -> str:
            return "Named" + super().__repr__()

    class Euro(s.Money):
        pass

    unit = Named.unit_x()  # `#[py_embed(classmethod)] fn unit_x() -> Vec2`
    assert type(unit) is Named and repr(unit) == "NamedVec2(1, 0)" and unit.x == 1.0
    assert type(n.Vec2.unit_x()) is n.Vec2
    five = Euro.from_units(5)  # the spec's `kind: classmethod` returning `Money`
    assert type(five) is Euro and five == s.Money(500) and str(five) == "5.00"
    assert type(s.Money.from_units(1)) is s.Money
    # Its value is the object's own: Drop once, methods and operators as for any instance.
    assert type(five + five) is s.Money and (five + five).cents == 1000


def test_pickle_of_a_closed_or_unreadable_object_raises(numeric_dir: Path) -> None:
    import numeric_spec as s

    class Broken(s.Money):
        @property
        def cents(self) -> int:
            raise RuntimeError("no cents today")

    with pytest.raises(RuntimeError, match="no cents today"):
        pickle.dumps(Broken(1))
