#!/usr/bin/env bash
# Scores the coder of every commit since BASE on real-news gold, totals only (one line per set and commit), so that
# a rule's effect on the held-out sets can be read without reading their errors. Each commit is built (dev
# profile) in a temporary worktree with its own target directory; the inputs are rebuilt from ../shared as
# scripts/eval_realnews.sh does.
# usage: scripts/eval_commits.sh BASE [SET ...]   (default sets: the five held-out ones)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/eval_commits.sh BASE [SET ...]}
shift
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(heldout heldout-wikinews heldout2 heldout3 heldout4 heldout5)
SHARED=../shared
[ -f "$SHARED/tools/score_events.py" ] || { echo "eval_commits: $SHARED/tools/score_events.py not found" >&2; exit 1; }
tmp=$(mktemp -d)
wt="$tmp/worktree"
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
for set in "${sets[@]}"; do
  case $set in
    realnews-dev) cp "$SHARED/gold/realnews-dev.input.jsonl" "$tmp/$set.input.jsonl" ;;
    *) python3 scripts/real_gold_inputs.py "data/gold/real/$set.gold.jsonl" --shared "$SHARED" > "$tmp/$set.input.jsonl" ;;
  esac
done
git worktree add -q --detach "$wt" "$base"
export CARGO_TARGET_DIR="${EVAL_COMMITS_TARGET:-$tmp/target}" CARGO_INCREMENTAL=0
for c in "$base" $(git rev-list --reverse "$base"..HEAD); do
  (cd "$wt" && git checkout -q "$c" && cargo build -q -p petrel) || { echo "$(git rev-parse --short "$c") does not build"; continue; }
  echo "## $(git log -1 --format='%h %s' "$c")"
  for set in "${sets[@]}"; do
    case $set in
      realnews-dev) gold=$SHARED/gold/realnews-dev.gold.jsonl ;;
      *) gold=data/gold/real/$set.gold.jsonl ;;
    esac
    "$CARGO_TARGET_DIR/debug/petrel" code "$tmp/$set.input.jsonl" > "$tmp/$set.pred.jsonl" 2>/dev/null
    python3 "$SHARED/tools/score_events.py" "$gold" "$tmp/$set.pred.jsonl" --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
keys = ['precision', 'strict_precision', 'recall', 'triple_recall', 'date_accuracy', 'count_recall', 'location_recall']
print('$set'.ljust(17), ' '.join(f'{k}={d[k]}' for k in keys))"
  done
done
