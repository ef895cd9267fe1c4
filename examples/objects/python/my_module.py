"""Seed 000's Python class, created and used from Rust (examples/objects)."""


class MyClass:
    def __init__(self, x: int) -> None:
        self.value = x

    def get_value(self) -> int:
        return self.value
