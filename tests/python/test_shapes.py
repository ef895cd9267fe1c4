"""The `shapes` wheel (examples/shapes, `#[py_embed]`), installed by scripts/test with maturin."""

from __future__ import annotations

import enum
import gc
import pathlib
import resource
import sys

import pytest
from pyver import param

import shapes


def test_class_methods_properties_and_protocols() -> None:
    r = shapes.Rect(2.0, 3.0)
    assert r.area() == 6.0
    assert r.perimeter == 10.0
    assert (r.width, r.height) == (2.0, 3.0)
    r.width = 4.0
    r.scale(0.5)
    assert (r.width, r.height) == (2.0, 1.5)
    assert str(r) == "2x1.5"
    assert repr(r) == "Rect { width: 2.0, height: 1.5 }"
    assert r == shapes.Rect(2.0, 1.5)
    assert shapes.Rect(1.0, 1.0) < shapes.Rect(2.0, 1.0)
    assert shapes.Rect.square(3.0).area() == 9.0
    assert r.larger_than(shapes.Rect(1.0, 1.0))
    assert shapes.Rect.__doc__ is not None and shapes.Rect.__doc__.startswith("A rectangle.")
    with pytest.raises(TypeError):
        hash(r)  # __eq__ without Hash: unhashable, as in Python


def test_read_only_property_and_failed_sets_leave_state_unchanged() -> None:
    r = shapes.Rect(2.0, 3.0)
    with pytest.raises(AttributeError):
        r.height = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.width = "wide"  # type: ignore[assignment]
    assert (r.width, r.height) == (2.0, 3.0)


def test_argument_errors_name_the_parameter() -> None:
    with pytest.raises(TypeError, match=param("factor")):
        shapes.Rect(1.0, 1.0).scale("x")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        shapes.Rect(1.0, 1.0).integrate(-1)
    with pytest.raises(UnicodeEncodeError):
        shapes.MyClass("\ud800")


def test_panic_is_catchable_and_the_object_stays_usable() -> None:
    r = shapes.Rect(2.0, 3.0)
    # By name, from the module itself (the wheel's package re-exports it, the .pyi declares it).
    with pytest.raises(shapes.PanicException, match="rectangle 2x3 exploded") as info:
        r.explode()
    assert type(info.value) is shapes.PanicException is shapes.shapes.PanicException
    assert not issubclass(shapes.PanicException, Exception)
    assert "PanicException" in shapes.__all__
    assert r.area() == 6.0
    r.scale(2.0)  # no "already borrowed" afterwards
    assert r.area() == 24.0


def test_release_gil_method_runs() -> None:
    assert shapes.Rect(2.0, 1.0).integrate(1000) == pytest.approx(0.999)


def test_enum_values_are_stable() -> None:
    assert [c.value for c in (shapes.Color.Red, shapes.Color.Green, shapes.Color.Blue)] == [0, 1, 5]
    assert shapes.Color.Blue.name == "Blue"
    # Explicit discriminants (`Blue = 5`): an `enum.IntEnum` valued by them.
    assert repr(shapes.Color.Green) == "<Color.Green: 1>"
    assert isinstance(shapes.Color.Blue, enum.IntEnum) and list(shapes.Color)[2] is shapes.Color.Blue
    assert shapes.color_of("blue") == shapes.Color.Blue
    assert shapes.color_of("mauve") is None
    assert shapes.brightness(shapes.Color.Blue) == 50
    assert int(shapes.Color.Blue) == 5
    assert len({shapes.Color.Red, shapes.Color.Red, shapes.Color.Green}) == 2


def test_error_type_is_an_exception_class_with_fields() -> None:
    assert issubclass(shapes.ShapeError, ValueError)
    with pytest.raises(shapes.ShapeError, match="sides must be positive") as info:
        shapes.make_rect(-1.0, 2.0)
    assert info.value.code == 22
    assert shapes.make_rect(1.0, 2.0).area() == 2.0


def test_process_data_and_fast_lists() -> None:
    assert shapes.process_data([1.0, 2.5, -4.0]) == [2.0, 5.0, -8.0]
    assert shapes.total([1.0] * 1000) == 1000.0
    assert shapes.total([1, 2.5]) == 3.5  # mixed list: the general path
    assert shapes.total((1.0, 2.0)) == 3.0  # a tuple: the general path
    with pytest.raises(TypeError):
        shapes.total([1.0, "x"])  # type: ignore[list-item]


def test_drop_runs_exactly_once_for_a_million_objects() -> None:
    gc.collect()
    before, _ = shapes.drops()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(1_000_000):
        shapes.MyClass("x")
    gc.collect()
    after, _ = shapes.drops()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before == 1_000_000
    assert rss_after - rss_before < 1024  # KiB: peak RSS did not grow by a MiB


def test_close_releases_deterministically_and_use_after_close_is_an_error() -> None:
    _, before = shapes.drops()
    with shapes.Resource("db") as res:
        assert res.read() == "data from db"
    assert shapes.drops()[1] == before + 1  # dropped at close, not at garbage collection
    with pytest.raises(ValueError, match="closed Resource"):
        res.read()
    res.close()  # a second close is a no-op
    del res
    gc.collect()
    assert shapes.drops()[1] == before + 1  # never twice


def test_subclass_works_and_type_refcount_returns_to_baseline() -> None:
    class Square(shapes.Rect):
        def describe(self) -> str:
            return f"square of {self.width}"

    first = Square(2.0, 2.0)
    area, text = first.area(), first.describe()
    del first
    gc.collect()
    baseline = sys.getrefcount(shapes.Rect)
    items = [Square(2.0, 2.0) for _ in range(1000)]
    del items
    gc.collect()
    after = sys.getrefcount(shapes.Rect)
    assert (area, text) == (4.0, "square of 2.0")
    assert after == baseline


def test_a_panicking_drop_goes_to_the_unraisable_hook() -> None:
    seen: list[str] = []
    old = sys.unraisablehook
    sys.unraisablehook = lambda u: seen.append(f"{u.exc_type.__name__}: {u.exc_value}")
    try:
        shapes.Fragile(True)
        gc.collect()
    finally:
        sys.unraisablehook = old
    assert seen == ["PanicException: Fragile dropped"]
    assert shapes.Rect(1.0, 1.0).area() == 1.0  # the interpreter continues


def test_python_callables_as_typed_rust_closures() -> None:
    assert shapes.apply(lambda x: x * 2, 1, 10) == 1024
    with pytest.raises(ZeroDivisionError):
        shapes.apply(lambda x: x // 0, 1, 3)  # the callback's exception reaches the caller
    with pytest.raises(TypeError, match="must be callable"):
        shapes.apply(5, 1, 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        shapes.apply(lambda x: "not an int", 1, 1)  # type: ignore[arg-type, return-value]


def test_mut_method_calling_back_into_its_object_is_a_clean_error() -> None:
    r = shapes.Rect(2.0, 3.0)
    r.visit(lambda area: 0.5)
    assert (r.width, r.height) == (1.0, 1.5)
    with pytest.raises(RuntimeError, match="[Bb]orrow"):
        r.visit(lambda area: r.area())
    assert (r.width, r.height) == (1.0, 1.5)  # unchanged, still usable


def test_enums_with_data_are_one_class_per_variant() -> None:
    c = shapes.circle(2.0)
    assert type(c) is shapes.Shape.Circle and isinstance(c, shapes.Shape)
    assert c.r == 2.0
    assert shapes.shape_area(c) == pytest.approx(12.566, rel=1e-3)
    s = shapes.Shape.Square(3.0)
    assert s._0 == 3.0 and shapes.shape_area(s) == 9.0
    assert shapes.shape_area(shapes.Shape.Empty()) == 0.0
    assert shapes.Shape.Circle(r=1.5).r == 1.5
    with pytest.raises(AttributeError):
        s.r  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        shapes.shape_area(shapes.Rect(1.0, 1.0))  # type: ignore[arg-type]


def test_data_enum_variants_match_positionally() -> None:
    # `__match_args__` on each variant class: `case Shape.Circle(r)` binds the field.
    def describe(shape: shapes.Shape) -> str:
        match shape:
            case shapes.Shape.Circle(r):
                return f"circle {r}"
            case shapes.Shape.Square(side):
                return f"square {side}"
            case _:
                return "other"

    assert shapes.Shape.Circle.__match_args__ == ("r",)
    assert [describe(x) for x in (shapes.circle(2.0), shapes.Shape.Square(3.0), shapes.Shape.Empty())] == [
        "circle 2.0",
        "square 3.0",
        "other",
    ]


def test_data_enum_variants_compare_and_print_by_their_derives() -> None:
    # `#[derive(Debug, PartialEq)]` on the enum: `__eq__` and `__repr__` on every variant.
    assert shapes.Shape.Circle(r=1.5) == shapes.Shape.Circle(r=1.5)
    assert shapes.Shape.Circle(r=1.5) != shapes.Shape.Circle(r=2.5)
    assert shapes.Shape.Circle(r=1.5) != shapes.Shape.Square(1.5)
    assert shapes.circle(1.0) == shapes.Shape.Circle(r=1.0)
    assert repr(shapes.Shape.Square(2.0)) == "Square(2.0)"
    assert repr(shapes.Shape.Circle(r=1.5)) == "Circle { r: 1.5 }"
    # `PartialEq` without `Hash`: unhashable, as a Python class defining only `__eq__`.
    with pytest.raises(TypeError):
        hash(shapes.Shape.Empty())


def test_equality_without_ordering_lists_no_ordering_methods() -> None:
    # CPython puts `__lt__`… in the dict of any class with a comparison slot; a class (or enum)
    # without `PartialOrd` does not show them, and ordering raises TypeError.
    own = vars(shapes.Shape)
    assert "__eq__" in own and not {"__lt__", "__le__", "__gt__", "__ge__"} & set(own)
    with pytest.raises(TypeError):
        shapes.Shape.Empty() < shapes.Shape.Empty()  # type: ignore[operator]
    # With `PartialOrd`, they stay.
    assert "__lt__" in vars(shapes.Rect) and shapes.Rect(1.0, 1.0) < shapes.Rect(2.0, 1.0)


def test_exception_hierarchy_and_fields() -> None:
    assert issubclass(shapes.TooBig, shapes.ShapeError) and issubclass(shapes.TooBig, ValueError)
    with pytest.raises(shapes.ShapeError, match="over the limit") as info:
        shapes.bounded_rect(10.0, 10.0, 50.0)
    assert isinstance(info.value, shapes.TooBig)
    assert info.value.area == 100.0
    assert shapes.bounded_rect(2.0, 2.0, 50.0).area() == 4.0


def test_io_errors_raise_the_matching_oserror_subclass(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        shapes.read_text(str(tmp_path / "missing.txt"))
    with pytest.raises(IsADirectoryError):
        shapes.read_text(str(tmp_path))
    (tmp_path / "ok.txt").write_text("hello")
    assert shapes.read_text(str(tmp_path / "ok.txt")) == "hello"


def test_release_gil_lets_other_python_threads_run() -> None:
    from gil_probe import long_enough, ticks_during

    r = shapes.Rect(2.0, 1.0)
    steps = long_enough(r.integrate, 30_000_000)
    assert ticks_during(lambda: r.integrate(steps)) > 1000
