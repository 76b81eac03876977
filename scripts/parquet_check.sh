#!/bin/sh
# Runs the Parquet export test against pyarrow installed in a throw-away venv under /tmp
# (the ordinary test run skips that check with a message when python3 cannot import pyarrow).
set -e
VENV=${VENV:-/tmp/petrel-pyarrow-venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import pyarrow" 2>/dev/null || "$VENV/bin/pip" install -q pyarrow
PETREL_PYTHON="$VENV/bin/python" cargo test -p petrel --test store -- parquet_reads_in_python --nocapture
