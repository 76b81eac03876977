#!/usr/bin/env bash
# The Python package's tests (python/tests: the pipeline from Python, and on Spark in local[2]).
# Creates a virtualenv in target/python-venv (override: PETREL_VENV), installs from PyPI what the tests need
# (maturin, pytest, pandas, pyarrow, polars, pyspark), builds the extension from this checkout with the dev profile
# (the artifacts `cargo test --workspace` left are reused: about a minute instead of a release build's several),
# installs a Java runtime from Debian's packages when `java` is missing (Spark needs one), and runs pytest.
# Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
venv="${PETREL_VENV:-$CARGO_TARGET_DIR/python-venv}"
if ! command -v java >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless) \
        || echo "warning: could not install a Java runtime; the Spark tests are skipped" >&2
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# the venv's tools first (maturin's build hook runs `maturin` by name)
export PATH="$venv/bin:$PATH"
"$venv/bin/pip" install -q --disable-pip-version-check "maturin>=1.5,<2" pytest pandas pyarrow polars pyspark
# the extension, built with the profile the tests were built with (MATURIN_PEP517_ARGS: maturin's build options)
MATURIN_PEP517_ARGS="--profile ${PETREL_PY_PROFILE:-dev}" \
    "$venv/bin/pip" install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./python
# the CLI the tests compare with: the one cargo test built, else the tests build it
if [ -z "${PETREL_BIN:-}" ] && [ -x "$CARGO_TARGET_DIR/debug/petrel" ]; then
    export PETREL_BIN="$CARGO_TARGET_DIR/debug/petrel"
fi
cd python/tests
exec "$venv/bin/python" -m pytest -q "$@"
