#!/usr/bin/env bash
# Python → Rust benchmark only: the export section of bench/run (which see).
exec "$(dirname "$0")/run" export
