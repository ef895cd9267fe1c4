"""A module whose import is slow, to test 16 threads making their first call at once."""

import sys
import time

sys.__dict__.setdefault("_slow_mod_loads", []).append(1)
time.sleep(0.3)


def ping(x: int) -> int:
    return x + 1
