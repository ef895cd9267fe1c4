"""Functions tests/tests/pool.rs runs in sub-interpreters of a pybridge Pool."""

import gc
import sys

_count = 0


def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def add(a, b):
    return a + b


def offset(pool, by):
    return pool + by


def count():
    global _count
    _count += 1
    return _count


def interpreter_id():
    if sys.version_info >= (3, 13):
        import _interpreters
        return int(_interpreters.get_current()[0])
    import _xxsubinterpreters
    return int(_xxsubinterpreters.get_current())


def allocated_blocks():
    # Exceptions raised in `fail` leave reference cycles (traceback -> frame -> the caught
    # KeyError -> its traceback -> frame) until the collector runs: collect first.
    gc.collect()
    return sys.getallocatedblocks()


def shapes(words, scale, data, flags):
    out = [w.upper() if f else None for w, f in zip(words, flags)]
    out.append(repr(scale))
    out.append(data.hex())
    return out


def echo_bytes(data):
    return data[::-1]


def fail(message):
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise ValueError(message) from e


def recurse(depth):
    return 0 if depth == 0 else 1 + recurse(depth - 1)


def lies():
    return "not an int"


def objects(d):
    return len(d)
