#!/usr/bin/env python3
"""Build crates/nlp/data/wordnet-pos.tsv: the parts of speech WordNet gives each single word.

The tagger reads it as a feature when it is trained (and keeps it in tagger.bin), so that it knows that
"applause" is a noun or "mesmerizing" a verb form although the treebanks never show them.

Input: Princeton WordNet 3.0 (WordNet 3.0 licence) as shipped by the Debian package `wordnet-base`:

    apt-get install wordnet-base
    python3 scripts/build_wordnet_pos.py /usr/share/wordnet > crates/nlp/data/wordnet-pos.tsv

Output rows: `word<TAB>classes`, the word lowercased (single words only: no spaces, underscores or digits),
classes a sorted string of n (common noun), N (a noun WordNet writes capitalised: names of places,
people, peoples...), v (verb), a (adjective), r (adverb). Irregular forms of WordNet's exception lists
("mice", "went", "better") take the class of their base form. Regular inflections are added by the
trainer.
"""
import os
import re
import sys

WORD = re.compile(r"^[A-Za-z][A-Za-z'\-.]*$")


def main(folder):
    classes = {}

    def add(word, c):
        if WORD.match(word) and not word.endswith("-"):
            classes.setdefault(word.lower(), set()).add(c)

    for pos, c in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        with open(os.path.join(folder, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                parts = line.split()
                count = int(parts[3], 16)
                for k in range(count):
                    word = re.sub(r"\(.*\)$", "", parts[4 + 2 * k])
                    if "_" in word:
                        continue
                    add(word, "N" if c == "n" and word[:1].isupper() else c)
        with open(os.path.join(folder, pos + ".exc"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and "_" not in parts[0]:
                    add(parts[0], c)
    print("# WordNet 3.0 parts of speech per word, built by scripts/build_word" + "net_pos.py (see there).")
    print("# Copyright 2006 Princeton University, WordNet 3.0 licence (see crates/nlp/models/NOTICE.md).")
    for word in sorted(classes):
        print(f"{word}\t{''.join(sorted(classes[word]))}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
