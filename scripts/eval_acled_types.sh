#!/usr/bin/env bash
# ACLED sub-event types on the CASE 2021 task 2 snippets (../shared/data/events-dev/case2021-task2-subtypes.tsv,
# measured only: never committed, never trained on), scored by ../shared/tools/score_acled_types.py: accuracy and
# macro F1 over the ACLED labels, and the share of non-ACLED snippets (crime, disasters, diplomacy, claims) left
# without an ACLED type.
# usage: scripts/eval_acled_types.sh [PETREL]   (default target/release/petrel); prints one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
PETREL=${1:-target/release/petrel}
SHARED=../shared
SNIPPETS=$SHARED/data/events-dev/case2021-task2-subtypes.tsv
[ -f "$SNIPPETS" ] || { echo "eval_acled_types: $SNIPPETS not found (is ../shared beside the project?)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$SHARED/tools/score_acled_types.py" "$SNIPPETS" > "$tmp/input.jsonl"
# the snippets carry no dates; a fixed day keeps relative dates reproducible
"$PETREL" code --date 2021-01-01 "$tmp/input.jsonl" > "$tmp/pred.jsonl"
python3 "$SHARED/tools/score_acled_types.py" "$SNIPPETS" "$tmp/pred.jsonl"
