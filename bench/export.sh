#!/usr/bin/env bash
# Python → Rust benchmark in one run: builds the pybridge and hand-written PyO3 modules in
# release, the C-API module with gcc, and times all of them (and pure Python) from one Python.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYBRIDGE_PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release --locked -p bench-export-pybridge -p bench-export-pyo3
out=$(mktemp -d)
cp "$CARGO_TARGET_DIR/release/libbench_pb.so" "$out/bench_pb.so"
cp "$CARGO_TARGET_DIR/release/libbench_pyo3.so" "$out/bench_pyo3.so"
includes=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
gcc -O2 -shared -fPIC -I"$includes" bench/c/bench_c.c -o "$out/bench_c.so"
PYTHONPATH="$out" "$python" bench/export_calls.py
rm -rf "$out"
