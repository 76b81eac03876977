#!/usr/bin/env bash
# Side by side, in one run: petrel's NLP models and spaCy's en_core_web_sm on the same test sets
# (UD English EWT test with gold tokenization; UNER EWT test; EWT test raw text for sentences and speed).
# usage: scripts/bench_nlp.sh [DATA_DIR]   (default ../shared/data/nlp)
# spaCy is installed into a throwaway virtualenv by scripts/bench_spacy_nlp.py; it is never a petrel dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/nlp}"
cargo build --release --quiet
echo "petrel: $(./target/release/petrel nlp-eval --data "$data" 2>/dev/null)"
echo "spacy:  $(python3 scripts/bench_spacy_nlp.py --data "$data")"
