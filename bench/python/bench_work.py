"""CPU-bound and trivial functions for the sub-interpreter pool benchmark
(bench/src/subinterpreters.rs): small, so every sub-interpreter imports it quickly."""


def work(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def add(a: int, b: int) -> int:
    return a + b
