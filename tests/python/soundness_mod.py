"""The Python side of tests/specs/soundness.yaml (the import half)."""


def bind(p, q=2, *, k, m=4):
    return f"p={p} q={q} k={k} m={m}"


def crate():
    return "crate"


def crate_():
    return "crate_"


def py_params(py, py_):
    return f"py={py} py_={py_}"


def nothing():
    return ()


def not_nothing():
    return (1,)


EMPTY = ()


class attached:
    unit = ()
