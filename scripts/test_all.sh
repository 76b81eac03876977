#!/usr/bin/env bash
# All the tests: the Rust workspace (unit, integration, robustness, accuracy), then the Python package and its
# Spark path (scripts/python_tests.sh: a virtualenv with pytest, pandas, pyarrow, polars and pyspark from PyPI, and
# a Java runtime from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked
scripts/python_tests.sh
