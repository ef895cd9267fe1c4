"""Draws bench/run's ratio tables as SVG charts for PERFORMANCE.md (bench/run calls this).

Usage: python bench/charts.py RESULTS.md OUT_DIR

Reads the Markdown bench/run printed and writes, for each section it finds:
- `export.svg`: every implementation's time per call divided by the C API's, per call shape
  (the "ns per call" table of "Python → Rust"), log scale, the 1.3x target marked;
- `import.svg`: the generated stub's, pyo3's naive call's and pyo3_bindgen's time divided by
  the C-API limit (pyo3_bindgen's by the limit measured in its own binary), per call shape (the
  per-call tables of "Rust → Python"), log scale, the 1.1x target marked.
No dependencies beyond the standard library; the output is deterministic for a given input.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

COLORS = ["#d62728", "#ff9896", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]


def tables(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """Every Markdown table with the section heading (`## …`) it sits under."""
    found, section, lines = [], "", text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-:| ]+\|$", lines[i + 1]):
            header = [c.strip() for c in line.strip("|").split("|")]
            rows, i = [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip("|").split("|")])
                i += 1
            found.append((section, header, rows))
            continue
        i += 1
    return found


def number(cell: str) -> float | None:
    """The leading number of a cell (`1004`, `17.5`, `55 (3.1x)`), or None (`n/a`, `–`)."""
    match = re.match(r"^\s*([0-9]+(?:\.[0-9]+)?)", cell)
    return float(match.group(1)) if match else None


def svg(title: str, baseline: str, target: float, rows: list[tuple[str, list[tuple[str, float]]]]) -> str:
    """Grouped horizontal bars of ratios on a log axis."""
    names = sorted({name for _, bars in rows for name, _ in bars}, key=lambda n: order(rows, n))
    color = {name: COLORS[i % len(COLORS)] for i, name in enumerate(names)}
    ratios = [r for _, bars in rows for _, r in bars]
    low = 10 ** math.floor(math.log10(min(ratios + [0.5])))
    high = 10 ** math.ceil(math.log10(max(ratios + [2.0])))
    left, width, bar, gap = 300, 560, 9, 12
    top = 58 + 16 * ((len(names) + 2) // 3)
    height = top + sum(len(b) * bar + gap for _, b in rows) + 40

    def x(ratio: float) -> float:
        return left + width * (math.log10(ratio) - math.log10(low)) / (math.log10(high) - math.log10(low))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">{esc(title)}</text>',
    ]
    for i, name in enumerate(names):
        lx, ly = 10 + (i % 3) * 260, 38 + 16 * (i // 3)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color[name]}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly}">{esc(name)}</text>')
    ticks = [t for e in range(int(math.log10(low)), int(math.log10(high)) + 1) for t in (10**e, 2 * 10**e, 5 * 10**e)]
    for t in [t for t in ticks if low <= t <= high]:
        out.append(f'<line x1="{x(t):.1f}" y1="{top - 6}" x2="{x(t):.1f}" y2="{height - 34}" stroke="#ddd"/>')
        out.append(f'<text x="{x(t):.1f}" y="{height - 20}" text-anchor="middle">{t:g}x</text>')
    out.append(f'<line x1="{x(1):.1f}" y1="{top - 6}" x2="{x(1):.1f}" y2="{height - 34}" stroke="black"/>')
    out.append(
        f'<line x1="{x(target):.1f}" y1="{top - 6}" x2="{x(target):.1f}" y2="{height - 34}" '
        'stroke="#d62728" stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<text x="{left + width / 2:.0f}" y="{height - 5}" text-anchor="middle">time / {esc(baseline)} '
        f"(log scale; black: 1x, dashed red: the {target:g}x target)</text>"
    )
    y = top
    for label, bars in rows:
        out.append(f'<text x="{left - 6}" y="{y + len(bars) * bar / 2 + 4:.1f}" text-anchor="end">{esc(label)}</text>')
        for name, ratio in bars:
            x0, x1 = x(low), x(ratio)
            out.append(f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1):.1f}" height="{bar - 1}" fill="{color[name]}"/>')
            out.append(f'<text x="{x1 + 3:.1f}" y="{y + bar - 1}" font-size="9">{ratio:.2f}</text>')
            y += bar
        y += gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


def order(rows: list[tuple[str, list[tuple[str, float]]]], name: str) -> int:
    """Where `name` first appears (keeps the tables' column order)."""
    seen: list[str] = []
    for _, bars in rows:
        seen.extend(n for n, _ in bars if n not in seen)
    return seen.index(name)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def export_rows(
    header: list[str], rows: list[list[str]], exact: dict[tuple[str, str], float]
) -> list[tuple[str, list[tuple[str, float]]]]:
    """Each implementation over the C API per row: the ratio table's figure where it has one
    (computed from unrounded times), else the ratio of the rounded cells."""
    c = header.index("C API")
    out = []
    for row in rows:
        base = number(row[c])
        if not base:
            continue
        bars = [
            (name, exact.get((row[0], name), value / base))
            for name, cell in zip(header[1:], row[1:])
            # A cell that rounds to 0 ns (pure Python's attribute read) has no place on a log axis.
            if name != "C API" and (value := number(cell)) is not None and value > 0
        ]
        out.append((row[0], bars))
    return out


def exact_ratios(header: list[str], rows: list[list[str]]) -> dict[tuple[str, str], float]:
    """`(row, implementation) -> ratio` from the columns named `<implementation> / C API`."""
    out = {}
    for i, name in enumerate(header):
        if name.endswith(" / C API"):
            for row in rows:
                if (value := number(row[i])) is not None:
                    out[(row[0], name.removesuffix(" / C API"))] = value
    return out


def import_rows(header: list[str], rows: list[list[str]]) -> list[tuple[str, list[tuple[str, float]]]]:
    limit, stub = header.index("C-API limit (ns)"), header.index("pybridge stub (ns)")
    naive = next((i for i, h in enumerate(header) if h.startswith("pyo3 naive")), None)
    out = []
    for row in rows:
        base = number(row[limit])
        if not base:
            continue
        bars = [("pybridge stub", number(row[stub]) / base)]
        if naive is not None and (value := number(row[naive])) is not None:
            bars.append(("pyo3 naive import+getattr+call", value / base))
        out.append((row[0], bars))
    return out


def bindgen_bars(header: list[str], rows: list[list[str]]) -> dict[str, float]:
    """pyo3_bindgen's ratio to the limit measured in its own binary, by call (label up to " (")."""
    limit, bindgen = header.index("C-API limit (ns)"), next(i for i, h in enumerate(header) if h.startswith("pyo3_bindgen"))
    out = {}
    for row in rows:
        base, value = number(row[limit]), number(row[bindgen])
        if base and value is not None:
            out[row[0].split(" (")[0]] = value / base
    return out


def main() -> None:
    results, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    imported: list[tuple[str, list[tuple[str, float]]]] = []
    bindgen: dict[str, float] = {}
    found = tables(results.read_text())
    exact: dict[tuple[str, str], float] = {}
    for section, header, rows in found:
        if section.startswith("Python → Rust"):
            exact.update(exact_ratios(header, rows))
    for section, header, rows in found:
        if section.startswith("Python → Rust") and "C API" in header and "pybridge" in header:
            chart = svg("Python → Rust: time per call / C API", "C API", 1.3, export_rows(header, rows, exact))
            (out_dir / "export.svg").write_text(chart)
        elif section.startswith("Rust → Python") and "pybridge stub (ns)" in header and "C-API limit (ns)" in header:
            imported = import_rows(header, rows)
        elif section.startswith("Rust → Python") and any(h.startswith("pyo3_bindgen") for h in header):
            bindgen = bindgen_bars(header, rows)
    if imported:
        for label, bars in imported:
            if (ratio := bindgen.get(label.split(" (")[0])) is not None:
                bars.append(("pyo3_bindgen 0.5", ratio))
        chart = svg("Rust → Python: time per call / raw C-API limit", "C-API limit", 1.1, imported)
        (out_dir / "import.svg").write_text(chart)


if __name__ == "__main__":
    main()
