#!/usr/bin/env python3
"""Sanity checks for data/geo/gazetteer.tsv (see data/geo/README.md).

Usage: python3 scripts/check_gazetteer.py [PATH]   (standard library only)
Exits non-zero with a message on the first failed check; prints counts by
kind and the file size.
"""

import math
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PATH = os.path.join(REPO_ROOT, "data", "geo", "gazetteer.tsv")
COLUMNS = ["geonameid", "name", "kind", "country", "admin1", "lat", "lon", "population",
           "alternate_names"]
KINDS = ("continent", "country", "admin1", "admin2", "city")


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                if rows:
                    fail("line %d: comment after data" % lineno)
                continue
            f = line.split("\t")
            if len(f) != len(COLUMNS):
                fail("line %d: %d columns, want %d" % (lineno, len(f), len(COLUMNS)))
            rows.append(dict(zip(COLUMNS, f), lineno=lineno))
    return rows


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def names(row):
    out = [row["name"]]
    if row["alternate_names"]:
        out.extend(row["alternate_names"].split("|"))
    return out


def km(lat1, lon1, lat2, lon2):
    r = math.radians
    a = (math.sin(r(lat2 - lat1) / 2) ** 2
         + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(a))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH
    rows = load(path)
    by_name = {}
    seen = set()
    prev = None
    for row in rows:
        gid = row["geonameid"]
        if not gid.isdigit():
            fail("line %d: geonameid %r" % (row["lineno"], gid))
        if gid in seen:
            fail("duplicate geonameid %s" % gid)
        seen.add(gid)
        if row["kind"] not in KINDS:
            fail("line %d: kind %r" % (row["lineno"], row["kind"]))
        sort_key = (KINDS.index(row["kind"]), int(gid))
        if prev is not None and sort_key <= prev:
            fail("line %d: not sorted by kind then geonameid" % row["lineno"])
        prev = sort_key
        if row["kind"] == "continent" and row["country"] == "-":
            pass
        elif len(row["country"]) != 2 or not row["country"].isupper():
            fail("line %d: country %r" % (row["lineno"], row["country"]))
        if row["kind"] == "country" and row["admin1"] != "-":
            fail("line %d: country row with admin1 %r" % (row["lineno"], row["admin1"]))
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            fail("line %d: coordinates out of range" % row["lineno"])
        for c in (row["lat"], row["lon"]):
            if "." in c and len(c.split(".")[1]) > 4:
                fail("line %d: more than 4 decimals in %s" % (row["lineno"], c))
        if not row["population"].isdigit():
            fail("line %d: population %r" % (row["lineno"], row["population"]))
        for n in names(row):
            if not n or len(n) > 40 and n != row["name"]:
                fail("line %d: bad alternate name %r" % (row["lineno"], n))
            by_name.setdefault(n, []).append(row)

    def expect(name, gid, kind):
        cands = by_name.get(name, [])
        hits = [r for r in cands if r["geonameid"] == gid]
        if not hits:
            fail("%r does not lead to %s (candidates: %s)"
                 % (name, gid, [(r["geonameid"], r["kind"]) for r in cands]))
        if hits[0]["kind"] != kind:
            fail("%s is %s, want %s" % (gid, hits[0]["kind"], kind))
        # regions' populations are sums over their towns: the most populous *city* is the one meant
        cities = [r for r in cands if r["kind"] == "city"]
        best = max(cities, key=lambda r: int(r["population"])) if cities else hits[0]
        if kind == "city" and best["geonameid"] != gid:
            fail("%r: most populous candidate is %s, not %s" % (name, best["geonameid"], gid))
        return hits[0]

    mang = expect("Mangystau", "608879", "admin1")
    expect("Mangghystau", "608879", "admin1")
    d = km(float(mang["lat"]), float(mang["lon"]), 44.0, 53.5)
    if d > 150:
        fail("Mangystau region point is %.0f km from (44, 53.5)" % d)
    expect("Aktau", "610612", "city")
    expect("Almaty", "1526384", "city")
    expect("Shymkent", "1518980", "city")
    expect("Kazakhstan", "1522867", "country")

    counts = {k: 0 for k in KINDS}
    for row in rows:
        counts[row["kind"]] += 1
    print("OK %s: %s; %d rows; %d bytes (%.2f MB)"
          % (path, ", ".join("%d %s" % (counts[k], k) for k in KINDS), len(rows),
             os.path.getsize(path), os.path.getsize(path) / 1e6))


if __name__ == "__main__":
    main()
