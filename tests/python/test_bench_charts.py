"""bench/charts.py: the ratio tables bench/run prints become SVG bars of each implementation's
time over the C API's (export) or the raw limit's (import), on a log axis."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RESULTS = """## Python → Rust (ns per call)

| call | pybridge | PyO3 by hand | C API | ctypes | pure Python |
|---|---:|---:|---:|---:|---:|
| f() | 13 | 17 | 10 | 80 | 30 |
| o.m() | 12 | 9 | 3 | n/a | 0 |

Ratios:

| call | pybridge / C API |
|---|---:|
| f() | 1.27 |

## Rust → Python

| call | C-API limit (ns) | pybridge stub (ns) | stub / limit | pyo3 naive import+getattr+call (ns) |
|---|---:|---:|---:|---:|
| positional `add(a, b)`, attached | 40 | 44 | 1.10 | 880 (22.0x) |
| keyword `kw(a, *, b)`, attached | 39 | 42 | 1.08 | – |

pyo3_bindgen, beside the same limit measured in its own binary:

| call | C-API limit (ns) | pyo3_bindgen 0.5 (ns) | pyo3_bindgen / limit |
|---|---:|---:|---:|
| positional `add(a, b)`, attached | 50 | 800 | 16.00 |
"""


def test_charts_draw_every_ratio(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text(RESULTS)
    subprocess.run([sys.executable, str(ROOT / "bench" / "charts.py"), str(results), str(tmp_path)], check=True)
    export = (tmp_path / "export.svg").read_text()
    labels = re.findall(r">([0-9]+\.[0-9]{2})</text>", export)
    # f(): the ratio table's 1.27 (unrounded times) for pybridge, 17/10, 80/10, 30/10 from the
    # cells; o.m(): 12/3, 9/3 (ctypes n/a and pure Python's 0 ns: no bar)
    assert labels == ["1.27", "1.70", "8.00", "3.00", "4.00", "3.00"]
    assert "f()" in export and "o.m()" in export and "ctypes" in export and "the 1.3x target" in export
    imported = (tmp_path / "import.svg").read_text()
    assert re.findall(r">([0-9]+\.[0-9]{2})</text>", imported) == ["1.10", "22.00", "16.00", "1.08"]
    assert "the 1.1x target" in imported and "add(a, b)" in imported
