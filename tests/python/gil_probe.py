"""Whether a call releases the GIL: how often this thread runs while another thread is inside
the call. Shared by the `release_gil` tests."""

from __future__ import annotations

import threading
import time
from typing import Callable


def long_enough(call: Callable[[int], object], n: int, seconds: float = 0.3) -> int:
    """An argument for `call` (grown from `n`) that makes it last at least `seconds`, so the
    probe below measures inside the call whatever the build's speed."""
    while True:
        start = time.perf_counter()
        call(n)
        if time.perf_counter() - start >= seconds:
            return n
        n *= 4


def ticks_during(call: Callable[[], object]) -> int:
    """How often this thread runs while another thread runs `call`, counted only once that thread
    is inside the call: a call holding the GIL lets this thread resume only after it returns (0),
    one releasing it lets this thread count throughout. Counting from the thread's start would
    not tell them apart: the switch interval alone gives thousands of ticks."""
    started = threading.Event()

    def work() -> None:
        started.set()
        call()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    time.sleep(0.05)  # lets the worker enter the call
    ticks = 0
    while worker.is_alive():
        ticks += 1
    worker.join()
    return ticks
