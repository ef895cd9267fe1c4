"""Builds `_bench_cffi`, cffi's API mode (out-of-line, compiled now) over bench/c/bench_ctypes.c.

Usage: python bench/cffi_build.py OUT_DIR (bench/run calls it).
"""

from __future__ import annotations

import pathlib
import sys

from cffi import FFI  # type: ignore[import-untyped]

CDEF = """
void f(void);
int64_t add(int64_t a, int64_t b);
size_t length(const wchar_t *s);
double total(const double *values, size_t n);
"""


def main() -> None:
    out = pathlib.Path(sys.argv[1]).resolve()
    source = (pathlib.Path(__file__).parent / "c" / "bench_ctypes.c").read_text()
    ffibuilder = FFI()
    ffibuilder.cdef(CDEF)
    ffibuilder.set_source("_bench_cffi", source, extra_compile_args=["-O2"])
    ffibuilder.compile(tmpdir=str(out), verbose=False)


if __name__ == "__main__":
    main()
