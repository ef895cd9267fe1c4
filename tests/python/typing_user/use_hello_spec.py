"""A user script type-checked with `mypy --strict` against the generated hello_spec.pyi."""

import hello_spec

total: int = hello_spec.add(1, 2)
doubled: list[float] = hello_spec.process_data([1.0, 2.0])
point: tuple[float, float] = hello_spec.parse_point("1,2")
version: str = hello_spec.VERSION
print(total, doubled, point, version)
