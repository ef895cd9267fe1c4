"""A user script type-checked with `mypy --strict` against the installed wheels' stubs."""

import shapes

r: shapes.Rect = shapes.Rect(2.0, 3.0)
area: float = r.area()
r.width = 4.0
perimeter: float = r.perimeter
color: shapes.Color | None = shapes.color_of("red")
data: list[float] = shapes.process_data([1.0, 2.0])
with shapes.Resource("x") as res:
    text: str = res.read()
try:
    shapes.make_rect(-1.0, 1.0)
except shapes.ShapeError as e:
    code: int = e.code
print(area, perimeter, color, data, text)
twice: int = shapes.apply(lambda x: x * 2, 1, 3)
r.visit(lambda area: 1.0)
shape: shapes.Shape = shapes.Shape.Circle(1.0)
square = shapes.Shape.Square(2.0)
side: float = square._0
shape_area: float = shapes.shape_area(square)
if isinstance(shape, shapes.Shape.Circle):
    radius: float = shape.r
