#!/usr/bin/env python3
"""Validate petrel's actor dictionaries in data/actors/.

Checks the four files countries.tsv, igos.tsv, sectors.tsv and roles.tsv for the
rules the program enforces at load time, and a few more:

  * UTF-8, LF line endings, '#' comment lines, blank lines ignored;
  * exactly the documented column count, no empty field (empty = '-'),
    no leading/trailing whitespace in a field or multi-value item, no empty
    item in a '|' list, '-' never mixed into a list;
  * keys unique within a file (iso3 / code / phrase / title);
  * code syntax: ISO3 [A-Z]{3}, ISO2 [A-Z]{2}, IGO codes IGO[A-Z]+ (plus the
    documented NGO exception), sector codes from the CAMEO list;
  * IGO members are ISO3 codes present in countries.tsv, no repeats;
  * sectors/roles keys are lowercase; roles flags are '-' or 'former' and
    'former' rows are ELI; a generated regular plural of a sector phrase must
    not collide with a listed phrase of another sector;
  * a surface form (country name/alias/adjective, IGO name/alias) belongs to one
    entity only, compared case-insensitively, across both files;
  * forbidden strings (Kiev, Kremlin) appear nowhere; total size < 300 KB.

Usage: python3 scripts/check_actors.py [DIR]   (default: data/actors of this repo)
Exit status 0 when everything passes, 1 otherwise (one line per problem:
file:line: message).
"""

import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.join(REPO_ROOT, "data", "actors")

SECTORS = set("GOV MIL COP JUD OPP PTY REB ELI CVL BUS MED EDU LAB REF CRM SPY HLH NGO "
              "HRI LEG INS UAF MOD RAD SEP".split())
COLUMNS = {
    "countries.tsv": ["iso3", "iso2", "name", "aliases", "adjectives", "capital"],
    "igos.tsv": ["code", "name", "aliases", "members"],
    "sectors.tsv": ["phrase", "sector"],
    "roles.tsv": ["title", "sector", "flags"],
}
MULTI = {"aliases", "adjectives", "members"}
FORBIDDEN = ["Kiev", "Kremlin"]
MAX_TOTAL_BYTES = 300 * 1024


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, fname, lineno, msg):
        self.errors.append("%s:%s: %s" % (fname, lineno, msg))

    def read(self, directory, fname):
        """Yield (lineno, dict) for each data row; checks generic syntax."""
        path = os.path.join(directory, fname)
        cols = COLUMNS[fname]
        try:
            raw = open(path, "rb").read()
        except OSError as e:
            self.err(fname, 0, "cannot read: %s" % e)
            return []
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.err(fname, 0, "not UTF-8: %s" % e)
            return []
        if text.startswith("\ufeff"):
            self.err(fname, 1, "byte-order mark")
        if "\r" in text:
            self.err(fname, 0, "CR characters (use LF line endings)")
        if text and not text.endswith("\n"):
            self.err(fname, 0, "no final newline")
        rows = []
        for lineno, line in enumerate(text.split("\n"), 1):
            for bad in FORBIDDEN:
                if bad.lower() in line.lower():
                    self.err(fname, lineno, "forbidden string %r" % bad)
            if not line.strip() or line.startswith("#"):
                if line and not line.strip():
                    self.err(fname, lineno, "whitespace-only line")
                continue
            if line != line.rstrip():
                self.err(fname, lineno, "trailing whitespace")
            fields = line.split("\t")
            if len(fields) != len(cols):
                self.err(fname, lineno, "%d columns, expected %d (%s)"
                         % (len(fields), len(cols), " ".join(cols)))
                continue
            ok = True
            row = {}
            for name, value in zip(cols, fields):
                if value == "":
                    self.err(fname, lineno, "empty %s (write '-')" % name)
                    ok = False
                    continue
                if value != value.strip() or "  " in value:
                    self.err(fname, lineno, "stray spaces in %s %r" % (name, value))
                if name in MULTI:
                    items = value.split("|")
                    if value == "-":
                        items = []
                    else:
                        for it in items:
                            if it == "" or it != it.strip():
                                self.err(fname, lineno, "bad item %r in %s" % (it, name))
                                ok = False
                            if it == "-":
                                self.err(fname, lineno, "'-' inside a list in %s" % name)
                                ok = False
                        seen = set()
                        for it in items:
                            if it.lower() in seen:
                                self.err(fname, lineno, "%s repeats %r" % (name, it))
                            seen.add(it.lower())
                    row[name] = items
                else:
                    if "|" in value and name not in ("name",):
                        self.err(fname, lineno, "'|' in single-valued %s" % name)
                    row[name] = value
            if ok:
                rows.append((lineno, row))
        return rows


def plural(phrase):
    """The program's regular plural of the last word."""
    if re.search(r"(s|x|ch|sh)$", phrase):
        return phrase + "es"
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + "s"


def main(argv):
    directory = argv[1] if len(argv) > 1 else DEFAULT_DIR
    c = Checker()
    total = 0
    for fname in COLUMNS:
        p = os.path.join(directory, fname)
        if os.path.exists(p):
            total += os.path.getsize(p)
    readme = os.path.join(directory, "README.md")
    if not os.path.exists(readme):
        c.err("README.md", 0, "missing")
    if total > MAX_TOTAL_BYTES:
        c.err(directory, 0, "dictionaries total %d bytes > %d" % (total, MAX_TOTAL_BYTES))

    owner = {}   # lowercased surface form -> (entity, where)

    def claim(form, entity, fname, lineno, kind):
        key = form.lower()
        if key in owner and owner[key][0] != entity:
            c.err(fname, lineno, "%s %r of %s is already %s" % (kind, form, entity, owner[key][1]))
        elif key in owner:
            c.err(fname, lineno, "%s %r repeats %s" % (kind, form, owner[key][1]))
        else:
            owner[key] = (entity, "%s of %s (%s:%d)" % (kind, entity, fname, lineno))

    # countries
    countries = c.read(directory, "countries.tsv")
    iso3s, iso2s, capitals = {}, {}, {}
    for lineno, r in countries:
        f = "countries.tsv"
        if not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            c.err(f, lineno, "bad iso3 %r" % r["iso3"])
        if not re.fullmatch(r"[A-Z]{2}", r["iso2"]):
            c.err(f, lineno, "bad iso2 %r" % r["iso2"])
        if r["iso3"] in iso3s:
            c.err(f, lineno, "duplicate iso3 %s (line %d)" % (r["iso3"], iso3s[r["iso3"]]))
        iso3s[r["iso3"]] = lineno
        if r["iso2"] in iso2s:
            c.err(f, lineno, "duplicate iso2 %s (line %d)" % (r["iso2"], iso2s[r["iso2"]]))
        iso2s[r["iso2"]] = lineno
        if r["name"] == "-":
            c.err(f, lineno, "missing name")
        else:
            claim(r["name"], r["iso3"], f, lineno, "name")
        for a in r["aliases"]:
            claim(a, r["iso3"], f, lineno, "alias")
        for a in r["adjectives"]:
            claim(a, r["iso3"], f, lineno, "adjective")
        cap = r["capital"]
        if cap != "-":
            if cap.lower() in capitals:
                c.err(f, lineno, "capital %r also capital of %s" % (cap, capitals[cap.lower()]))
            capitals[cap.lower()] = r["iso3"]
    for lineno, r in countries:
        cap = r["capital"]
        o = owner.get(cap.lower())
        if cap != "-" and o and o[0] != r["iso3"]:
            c.err("countries.tsv", lineno, "capital %r is %s" % (cap, o[1]))
    iso_list = [r["iso3"] for _, r in countries]
    if iso_list != sorted(iso_list):
        c.err("countries.tsv", 0, "rows not sorted by iso3")

    # IGOs
    igos = c.read(directory, "igos.tsv")
    codes = {}
    for lineno, r in igos:
        f = "igos.tsv"
        code = r["code"]
        if not (re.fullmatch(r"IGO[A-Z]+", code) or re.fullmatch(r"NGO[A-Z]+", code)):
            c.err(f, lineno, "bad IGO code %r (IGO or NGO + uppercase A-Z)" % code)
        if code in codes:
            c.err(f, lineno, "duplicate code %s (line %d)" % (code, codes[code]))
        codes[code] = lineno
        claim(r["name"], code, f, lineno, "name")
        for a in r["aliases"]:
            claim(a, code, f, lineno, "alias")
        for m in r["members"]:          # repeats are reported by read()
            if m not in iso3s:
                c.err(f, lineno, "member %r is not an iso3 in countries.tsv" % m)

    # sectors
    sectors = c.read(directory, "sectors.tsv")
    phrases = {}
    for lineno, r in sectors:
        f = "sectors.tsv"
        p = r["phrase"]
        if p != p.lower():
            c.err(f, lineno, "phrase %r not lowercase" % p)
        if r["sector"] not in SECTORS:
            c.err(f, lineno, "unknown sector %r" % r["sector"])
        if p in phrases:
            c.err(f, lineno, "duplicate phrase %r (line %d)" % (p, phrases[p][0]))
        phrases[p] = (lineno, r["sector"])
    for p, (lineno, sec) in phrases.items():
        pl = plural(p)
        if pl in phrases and phrases[pl][1] != sec:
            c.err("sectors.tsv", phrases[pl][0], "%r is the generated plural of %r (line %d) "
                  "but has sector %s, not %s" % (pl, p, lineno, phrases[pl][1], sec))

    # roles
    roles = c.read(directory, "roles.tsv")
    titles = {}
    for lineno, r in roles:
        f = "roles.tsv"
        t = r["title"]
        if t != t.lower():
            c.err(f, lineno, "title %r not lowercase" % t)
        if r["sector"] not in SECTORS:
            c.err(f, lineno, "unknown sector %r" % r["sector"])
        if r["flags"] not in ("-", "former"):
            c.err(f, lineno, "unknown flags %r ('-' or 'former')" % r["flags"])
        if r["flags"] == "former" and r["sector"] != "ELI":
            c.err(f, lineno, "'former' title must have sector ELI")
        if t in titles:
            c.err(f, lineno, "duplicate title %r (line %d)" % (t, titles[t]))
        titles[t] = lineno

    if c.errors:
        for e in c.errors:
            print(e)
        print("check_actors: %d problem(s)" % len(c.errors), file=sys.stderr)
        return 1
    print("check_actors: OK - countries %d, igos %d, sectors %d, roles %d; %d bytes"
          % (len(countries), len(igos), len(sectors), len(roles), total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
