#!/usr/bin/env bash
# Scores petrel on real news with ../shared/tools/score_events.py: ../shared/gold/realnews-dev (40 articles) and
# data/gold/real: tune (100 articles), tune2 (24 more GeoWebNews articles) and tune3 (30
# GeoVirus/WikiNews outbreak articles), both coded blind in stop 27, and tune4 (28 weblog and newsgroup posts of
# the English Web Treebank, 2003-2006, coded blind in stop 28), tune5 (36 more GeoVirus/WikiNews excerpts, coded
# blind in stop 34); heldout (25 ScrapingHub pages of other outlets, 2019), heldout-wikinews
# (20 WikiNews excerpts, 2005-2010), heldout2 (13 pages of 13 other outlets, 2019-2025) and heldout3 (25 more
# WikiNews excerpts, added at the end of stop 27), heldout4 (41 more, added at the end of stop 28) and heldout5 (14
# weblog and newsgroup posts of the English Web Treebank's train half and 2 WikiNews articles of GUM, added in stop
# 30); the held-out sets were never read for rules.
# usage: scripts/eval_realnews.sh [PETREL]   (default target/release/petrel); prints one line per set.
set -euo pipefail
cd "$(dirname "$0")/.."
PETREL=${1:-target/release/petrel}
SHARED=../shared
[ -f "$SHARED/tools/score_events.py" ] || { echo "eval_realnews: $SHARED/tools/score_events.py not found" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 scripts/real_gold_inputs.py data/gold/real/tune.gold.jsonl --shared "$SHARED" > "$tmp/tune.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/tune2.gold.jsonl --shared "$SHARED" > "$tmp/tune2.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/tune3.gold.jsonl --shared "$SHARED" > "$tmp/tune3.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/tune4.gold.jsonl --shared "$SHARED" > "$tmp/tune4.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/tune5.gold.jsonl --shared "$SHARED" > "$tmp/tune5.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout.gold.jsonl --shared "$SHARED" > "$tmp/heldout.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout-wikinews.gold.jsonl --shared "$SHARED" \
  > "$tmp/heldout-wikinews.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout2.gold.jsonl --shared "$SHARED" > "$tmp/heldout2.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout3.gold.jsonl --shared "$SHARED" > "$tmp/heldout3.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout4.gold.jsonl --shared "$SHARED" > "$tmp/heldout4.input.jsonl"
python3 scripts/real_gold_inputs.py data/gold/real/heldout5.gold.jsonl --shared "$SHARED" > "$tmp/heldout5.input.jsonl"
for set in realnews-dev tune tune2 tune3 tune4 tune5 heldout heldout-wikinews heldout2 heldout3 heldout4 heldout5; do
  case $set in
    realnews-dev) gold=$SHARED/gold/realnews-dev.gold.jsonl; input=$SHARED/gold/realnews-dev.input.jsonl ;;
    *) gold=data/gold/real/$set.gold.jsonl; input=$tmp/$set.input.jsonl ;;
  esac
  "$PETREL" code "$input" > "$tmp/$set.pred.jsonl"
  python3 "$SHARED/tools/score_events.py" "$gold" "$tmp/$set.pred.jsonl" --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
keys = ['predictions', 'precision', 'strict_precision', 'recall', 'triple_recall', 'source_accuracy',
        'target_accuracy', 'date_accuracy', 'count_recall', 'location_recall']
print('$set'.ljust(17), ' '.join(f'{k}={d[k]}' for k in keys))"
done
