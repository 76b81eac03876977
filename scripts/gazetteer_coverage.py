#!/usr/bin/env python3
"""How well does the gazetteer cover a geoparsing gold set?  (standard library only)

Usage: python3 scripts/gazetteer_coverage.py [GAZETTEER] [GOLD_JSONL]
  GAZETTEER  default data/geo/gazetteer.tsv
  GOLD_JSONL default ../shared/data/geo/dev-geowebnews/gwn.gold.jsonl
             (one {"doc", "toponyms": [{"text", "geonameid", ...}]} per line)

Reports, over all gold toponyms:
  * id present: the gold geonameid is a row of the gazetteer;
  * name hit: the exact surface string is a name or alternate name of some row;
  * top-1: of the name hits, those whose most populous candidate (ties: the
    lower kind, country < admin1 < city, then lower id) is the gold id.
"""

import json
import os
import sys
from collections import Counter

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND_RANK = {"country": 0, "admin1": 1, "city": 2}


def main():
    gaz = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO_ROOT, "data", "geo", "gazetteer.tsv")
    gold = sys.argv[2] if len(sys.argv) > 2 else os.path.normpath(os.path.join(
        REPO_ROOT, "..", "shared", "data", "geo", "dev-geowebnews", "gwn.gold.jsonl"))
    by_name, kind_of = {}, {}
    with open(gaz, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            gid, name, kind, pop, alts = f[0], f[1], f[2], int(f[7]), f[8]
            kind_of[gid] = kind
            cand = (gid, kind, pop)
            for n in {name, *(alts.split("|") if alts else [])}:
                by_name.setdefault(n, []).append(cand)

    total = present = hit = top1 = 0
    by_kind = Counter()
    misses = Counter()
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            for t in json.loads(line)["toponyms"]:
                total += 1
                gid = str(t["geonameid"])
                if gid in kind_of:
                    present += 1
                    by_kind[kind_of[gid]] += 1
                cands = by_name.get(t["text"])
                if not cands:
                    misses[t["text"]] += 1
                    continue
                hit += 1
                best = max(cands, key=lambda c: (c[2], -KIND_RANK[c[1]], -int(c[0])))
                if best[0] == gid:
                    top1 += 1

    def pct(a, b):
        return 100.0 * a / b if b else 0.0

    print("gold toponyms: %d" % total)
    print("gold id present in gazetteer: %d (%.1f%%) by kind %s" % (present, pct(present, total), dict(by_kind)))
    print("surface string is a gazetteer name: %d (%.1f%%)" % (hit, pct(hit, total)))
    print("  of those, gold id is the most populous candidate: %d (%.1f%% of hits, %.1f%% of all)"
          % (top1, pct(top1, hit), pct(top1, total)))
    print("most frequent unmatched strings:", ", ".join("%s (%d)" % kv for kv in misses.most_common(15)))


if __name__ == "__main__":
    main()
