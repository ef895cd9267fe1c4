/* The call shapes that fit a plain C shared library, for ctypes (bench/export_calls.py loads it
 * with ctypes.CDLL) and, as the same source, cffi's API mode (bench/cffi_build.py). Objects,
 * getters and exceptions have no plain-C shape: those rows are n/a. */
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

void f(void) {}

int64_t add(int64_t a, int64_t b) { return a + b; }

/* ctypes and cffi pass a Python str to a wchar_t* (UCS-4 on Linux): its length in characters. */
size_t length(const wchar_t *s) { return wcslen(s); }

double total(const double *values, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) sum += values[i];
    return sum;
}
