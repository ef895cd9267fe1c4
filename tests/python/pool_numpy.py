"""numpy from a pooled stub: numpy's extension modules refuse own-GIL sub-interpreters."""

import numpy


def total(values):
    return float(numpy.asarray(values, dtype=float).sum())
