#!/usr/bin/env bash
# A short fuzz run of every cargo-fuzz target in fuzz/ (issue 16): builds the targets with libFuzzer, runs each for
# SECONDS (default 60), and exits non-zero when one crashed, hung or ran out of memory, naming it and the input.
#
#   scripts/fuzz_smoke.sh [SECONDS]
#
# Needs only the stable toolchain: cargo-fuzz is installed when missing (pinned, `cargo install --locked`, into
# target/tools, or $CARGO_FUZZ_ROOT), and the nightly-only flags libFuzzer needs are allowed on stable with
# RUSTC_BOOTSTRAP=1, for this build only. No sanitizer by default: petrel's code is safe Rust, where a bug shows as a
# panic, and AddressSanitizer (FUZZ_SANITIZER=address, for the unsafe code of dependencies) slows the build and the
# runs by about half again. The targets run side by side, $FUZZ_JOBS at a time (default: the number of cores).
#
# New inputs go to a scratch folder, not to fuzz/corpus (the committed corpus is only read, and `cargo test`
# replays it); a failing input is kept in fuzz/artifacts/TARGET/ (ignored by git). To keep it as a regression
# input, fix the bug and copy the file into fuzz/corpus/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
secs=${1:-60}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
version=0.13.2
tools=${CARGO_FUZZ_ROOT:-$root/target/tools}

if ! cargo fuzz --version >/dev/null 2>&1; then
    if [ ! -x "$tools/bin/cargo-fuzz" ]; then
        echo "fuzz_smoke: installing cargo-fuzz $version into $tools"
        # a debug build: it only drives cargo and libFuzzer, and builds in 30 s instead of 75
        cargo install --locked --quiet --debug cargo-fuzz --version "$version" --root "$tools"
    fi
    export PATH="$tools/bin:$PATH"
fi

export RUSTC_BOOTSTRAP=1
flags=(-O --sanitizer "${FUZZ_SANITIZER:-none}")
echo "fuzz_smoke: building the fuzz targets ($(cargo fuzz --version))"
cargo fuzz build "${flags[@]}"
if ! git diff --quiet -- fuzz/Cargo.lock 2>/dev/null; then
    echo "fuzz_smoke: note: fuzz/Cargo.lock was out of date and has been updated; commit it"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/petrel-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# run TARGET: fuzzes it for $secs seconds; the log in $scratch/TARGET.log, the exit code in $scratch/TARGET.rc
run() {
    local t=$1
    mkdir -p "$scratch/corpus/$t" "fuzz/artifacts/$t"
    local rc=0
    # -timeout: an input taking longer is a hang; -rss_limit_mb: the code targets hold the models (~300 MB)
    cargo fuzz run "${flags[@]}" "$t" "$scratch/corpus/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$root/fuzz/artifacts/$t/" >"$scratch/$t.log" 2>&1 || rc=$?
    echo "$rc" >"$scratch/$t.rc"
}

targets=$(cargo fuzz list)
echo "fuzz_smoke: $(echo "$targets" | wc -w) targets, ${secs} s each, $jobs at a time"
running=0
for t in $targets; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

failed=0
for t in $targets; do
    rc=$(cat "$scratch/$t.rc")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$t.log" | tail -1)
    if [ "$rc" = 0 ]; then
        echo "fuzz_smoke: $t: ok, ${runs:-?} runs in ${secs} s"
        continue
    fi
    failed=1
    input=$(sed -n 's/.*Test unit written to //p' "$scratch/$t.log" | tail -1)
    echo "fuzz_smoke: $t: FAILED (exit $rc) after ${runs:-?} runs; input: ${input:-none written, see the log}"
    echo "--- the end of $t's log:"
    tail -n 40 "$scratch/$t.log"
    echo "--- reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run ${flags[*]} $t ${input:-}"
done
exit "$failed"
