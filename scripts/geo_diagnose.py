#!/usr/bin/env python3
"""Why does the place tagger miss or misplace gold toponyms?  (standard library only)

Usage: python3 scripts/geo_diagnose.py GOLD.jsonl ANNOTATIONS.jsonl INPUT.jsonl [--list] [--kind KIND]
  GOLD         {"doc", "toponyms": [{"start","end","text","geonameid","lat","lon","type"}]}
  ANNOTATIONS  `petrel annotate INPUT.jsonl` output (places, entities, tokens, text)
  INPUT        the documents as given ({"id","text"}); predicted spans are moved onto it as the
               scorer (score_places.py) does
Example (the GeoWebNews dev set, for diagnosis only):
  target/release/petrel annotate ../shared/data/geo/dev-geowebnews/gwn.input.jsonl > /tmp/gwn.jsonl
  python3 scripts/geo_diagnose.py ../shared/data/geo/dev-geowebnews/gwn.gold.jsonl /tmp/gwn.jsonl \\
      ../shared/data/geo/dev-geowebnews/gwn.input.jsonl --list

Prints counts of misses by kind, then (with --list) every miss:
  not found, by the first reason that applies:
    lowercase      the surface has no capital ("the city"), which the tagger never reads as a name
    demonym        an adjective of a country in data/actors/countries.tsv ("Syrian")
    no-name        the surface (nor, for multi-word names, any part of it) is no name in the gazetteer or
                   the country names; id-in-gaz says whether the gold place itself is a row (under another name)
    part-name      multi-word surface: the whole is no name, some word of it is
    as-PER/ORG     the recogniser labels it a person or an organisation
    small-town     the only readings are towns under 50,000 (which need evidence of a place)
    other          a name the tagger had but dropped for another reason (capitalised neighbours, lexicon...)
  wrong place (found, more than 161 km off): the chosen reading vs gold, distance, and for each its kind,
  country and population; gold-cand says whether the gold id is among the gazetteer readings of the name.
"""

import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMALL_TOWN = 50000


def key(s):
    """Roughly the tagger's phrase key: tokens lowercased, punctuation split off."""
    return " ".join(re.findall(r"\w+(?:[-'’.]\w+)*|[^\w\s]", s.lower()))


def km(a, b, c, d):
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def load_gazetteer(path):
    by_name, by_id = defaultdict(list), {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        row = dict(id=f[0], name=f[1], kind=f[2], country=f[3], admin1=f[4], lat=float(f[5]),
                   lon=float(f[6]), pop=int(f[7]))
        by_id[f[0]] = row
        for n in {f[1], *(a for a in f[8].split("|") if a)}:
            by_name[key(n)].append(row)
    return by_name, by_id


def load_countries(path):
    names, demonyms = {}, {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        iso2 = f[1]
        for n in [f[2], *f[3].split("|")]:
            if n != "-":
                names[key(n)] = iso2
        for a in f[4].split("|"):
            if a != "-":
                demonyms[key(a)] = iso2
    return names, demonyms


def realign(p, cleaned, original):
    s, e = p.get("start"), p.get("end")
    if cleaned is None or original is None or s is None:
        return p
    surface = cleaned[s:e]
    if not surface or original[s:e] == surface:
        return p
    best, pos = None, original.find(surface)
    while pos != -1:
        if best is None or abs(pos - s) < abs(best - s):
            best = pos
        pos = original.find(surface, pos + 1)
    return dict(p, start=best, end=best + len(surface)) if best is not None else p


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    listing = "--list" in sys.argv
    only = sys.argv[sys.argv.index("--kind") + 1] if "--kind" in sys.argv else None
    if only:
        args.remove(only)
    if len(args) != 3:
        sys.exit(__doc__)
    gold_path, ann_path, input_path = args
    by_name, by_id = load_gazetteer(os.path.join(REPO_ROOT, "data", "geo", "gazetteer.tsv"))
    country_names, demonyms = load_countries(os.path.join(REPO_ROOT, "data", "actors", "countries.tsv"))
    inputs = {}
    for line in open(input_path, encoding="utf-8"):
        d = json.loads(line)
        inputs[d["id"]] = d["text"]
    ann = {}
    for line in open(ann_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            doc = d.get("doc") or d.get("id")
            orig, text = inputs.get(doc), d.get("text")
            d["places"] = [realign(p, text, orig) for p in d.get("places") or []]
            d["entities"] = [realign(e, text, orig) for e in d.get("entities") or []]
            ann[doc] = d
    counts, rows = Counter(), defaultdict(list)
    total = 0
    for line in open(gold_path, encoding="utf-8"):
        g = json.loads(line)
        doc = g["doc"]
        text = inputs[doc]
        a = ann.get(doc, {"places": [], "entities": []})
        for t in g["toponyms"]:
            total += 1
            surface = text[t["start"]:t["end"]]
            ctx = text[max(0, t["start"] - 40):t["end"] + 40].replace("\n", " ")
            hits = [p for p in a["places"] if p["start"] < t["end"] and t["start"] < p["end"]]
            k = key(surface)
            cands = by_name.get(k, [])
            if k in country_names:
                cands = cands + [r for r in by_id.values() if r["kind"] == "country" and r["country"] == country_names[k]]
            gold_cand = any(c["id"] == str(t["geonameid"]) for c in cands)
            if hits:
                p = hits[0]
                d = km(t["lat"], t["lon"], p["lat"], p["lon"])
                if d <= 161:
                    counts["ok"] += 1
                    continue
                gr = by_id.get(str(t["geonameid"]))
                gdesc = f"{gr['kind']} {gr['country']}/{gr['admin1']} pop {gr['pop']}" if gr else "not in gazetteer"
                kind = "wrong:gold-cand" if gold_cand else ("wrong:gold-in-gaz" if gr else "wrong:gold-not-in-gaz")
                counts[kind] += 1
                rows[kind].append(f"{doc}\t{surface!r}\tchose {p['name']} {p['kind']} {p['country']}/{p.get('admin1')} "
                                  f"{p['geonameid']}\tgold {t['geonameid']} {gdesc}\t{d:.0f} km\t{t.get('type')}\t…{ctx}…")
                continue
            ents = [e for e in a["entities"] if e["start"] <= t["start"] and t["end"] <= e["end"]]
            label = ents[0]["label"] if ents else "-"
            words = k.split()
            if not any(c.isupper() for c in surface):
                why = "lowercase"
            elif k in demonyms:
                why = "demonym"
            elif not cands and k not in country_names:
                if len(words) > 1 and any(w in by_name or w in country_names for w in words if len(w) > 2):
                    why = "part-name"
                else:
                    why = "no-name:id-in-gaz" if str(t["geonameid"]) in by_id else "no-name:id-not-in-gaz"
            elif label in ("PER", "ORG"):
                why = "as-" + label
            elif cands and all(c["kind"] == "city" and c["pop"] < SMALL_TOWN for c in cands):
                why = "small-town"
            else:
                why = "other"
            counts["miss:" + why] += 1
            rows["miss:" + why].append(f"{doc}\t{surface!r}\tNER {label}\tgold {t['geonameid']} in-cands {gold_cand}"
                                       f"\t{t.get('type')}\t…{ctx}…")
    print(f"toponyms {total}")
    for kind, n in sorted(counts.items(), key=lambda x: -x[1]):
        print(f"  {kind:26} {n:5}  {100 * n / total:5.1f}%")
    if listing:
        for kind in sorted(rows):
            if only and not kind.startswith(only):
                continue
            print(f"\n== {kind} ({len(rows[kind])})")
            for r in rows[kind]:
                print(r)


if __name__ == "__main__":
    main()
