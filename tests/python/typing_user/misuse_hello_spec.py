"""Must fail `mypy --strict`: proves the stubs are really consulted (a positive control)."""

import hello_spec

wrong: str = hello_spec.add(1, 2)
