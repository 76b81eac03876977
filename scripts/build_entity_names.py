#!/usr/bin/env python3
"""Builds crates/nlp/models/entity-names.tsv, the named-entity recogniser's list of known people and
organisations, from the PETRARCH-2 Phoenix actor dictionaries (MIT, Open Event Data Alliance) in
../shared/data/petrarch.

    python3 scripts/build_entity_names.py [SHARED_DATA] [--check]

What is taken (names only; the CAMEO codes are not):
- PER: people (entries with date-ranged codes, or marked `# CountryInfo.txt`) of all three files, full names of
  two words or more;
- ORG: bodies, companies, NGOs and armed groups (International, MilNonState), and the national institutions of
  Countries (codes with a sector, e.g. `[AFGMIL]`); company names also without a legal suffix ("Inc", "PLC").
Country and city names (codes of a bare country, `[AFG]`) are left out: the gazetteer has them. Names holding a
role word ("secretary general of the UN") are left out: they name an office, not an entity.

Names are written lowercased, words separated by one space, a hyphen inside a word split off as its own word
("ban ki - moon"), as the recogniser's tokens are. One-off build; the output is committed. `--check` exits 1
when the committed file differs from what the sources give.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/nlp/models/entity-names.tsv"

ROLE_WORDS = {
    "secretary", "minister", "president", "chief", "spokesman", "spokesperson", "spokeswoman", "head",
    "chairman", "director", "commander", "ambassador", "envoy", "general", "secy", "sec.", "gen", "gen.",
    "leader", "official", "officials", "representative", "delegate", "member", "members", "troops",
    "soldiers", "forces", "police", "army", "government", "govt", "king", "queen", "prince", "sheikh",
    "premier", "deputy", "vice", "governor", "mayor", "judge", "prosecutor", "senator", "rep.", "sen.",
}
LEGAL_SUFFIXES = {
    "inc", "inc.", "incorporated", "plc", "corp", "corp.", "corporation", "ltd", "ltd.", "limited", "co",
    "co.", "llc", "sa", "s.a.", "ag", "nv", "n.v.", "ab", "asa", "spa", "s.p.a.", "bhd", "oyj", "se",
    "holdings", "group",
}
# a dated entry holding one of these is a group (or a place), not a person
GROUP_WORDS = {
    "organization", "organisation", "front", "party", "movement", "brigade", "brigades", "army", "council",
    "committee", "group", "union", "association", "ministry", "department", "bank", "company", "qaeda",
    "jihad", "state", "in", "of", "for", "the", "and",
}
PLACE_WORDS = {"province", "region", "district", "city", "county", "governorate", "territory", "island"}
# longer names are left out (the recogniser looks up at most this many words)
MAX_WORDS = 8
DATED = re.compile(r"\[[^\]]*\d{6}")
CODE = re.compile(r"\[([^\]\s]*)")


def normalise(raw):
    """A dictionary name as the recogniser's lowercased, space-separated tokens (None if unusable)."""
    name = raw.split("#")[0].split("[")[0].strip()
    name = re.sub(r"\([^)]*\)", " ", name)
    if not name or "+" in name or "{" in name:
        return None
    name = name.replace("_", " ").strip().lower()
    name = re.sub(r"(?<=[0-9a-z])-(?=[0-9a-z])", " - ", name)
    name = re.sub(r"\s+", " ", name).strip()
    if len(name.split()) > MAX_WORDS:
        return None
    if len(name) < 3 or not re.search(r"[a-z]", name) or re.search(r"[^a-z0-9 .'&\-]", name):
        return None
    return name


def entries(path):
    """(names, codes, person marker) of each entry block of a TABARI actor file."""
    block = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            if block and not line.strip():
                yield block
                block = None
            continue
        if line[0] in " \t" and "[" in line:
            if block:
                block["codes"].append(line.strip())
            continue
        if line.startswith("+"):
            if block:
                block["names"].append(line[1:])
            continue
        if block:
            yield block
        block = {"names": [line], "codes": [], "marked": "CountryInfo.txt" in line}
        if "[" in line:
            block["codes"].append(line[line.index("["):])
    if block:
        yield block


def build(shared):
    petrarch = shared / "petrarch"
    out = {}

    def add(name, cls):
        # the first class given wins; people before organisations (a person's entry is more specific)
        out.setdefault(name, cls)

    files = [
        ("Phoenix.Countries.actors.txt", "country"),
        ("Phoenix.International.actors.txt", "international"),
        ("Phoenix.MilNonState.actors.txt", "armed"),
    ]
    orgs = []
    for file, kind in files:
        for e in entries(petrarch / file):
            codes = " ".join(e["codes"])
            person = e["marked"] or bool(DATED.search(codes))
            names = [n for n in (normalise(x) for x in e["names"]) if n]
            names = [n for n in names if not (set(n.split()) & ROLE_WORDS)]
            names = [n for n in names if not (set(n.split()) & PLACE_WORDS)]
            if person:
                for n in names:
                    if set(n.split()) & GROUP_WORDS:
                        orgs.append(n)
                    elif len(n.split()) >= 2:
                        add(n, "PER")
                continue
            first = CODE.search(codes)
            code = first.group(1) if first else ""
            if kind == "country" and (len(code) <= 3 or not code):
                continue  # a country or a city
            orgs.extend(names)
    for n in orgs:
        add(n, "ORG")
        words = n.split()
        while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
            words = words[:-1]
            add(" ".join(words), "ORG")
    return out


def render(names):
    lines = [
        "# petrel entity names: built by scripts/build_entity_names.py from the PETRARCH-2 Phoenix actor",
        "# dictionaries (MIT, (c) 2014 Open Event Data Alliance). name<TAB>class (PER or ORG); names lowercased,",
        "# words separated by one space, inner hyphens split off.",
    ]
    lines += [f"{n}\t{c}" for n, c in sorted(names.items())]
    return "\n".join(lines) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(args[0]) if args else ROOT.parent / "shared" / "data"
    if not (shared / "petrarch").is_dir():
        sys.exit(f"build_entity_names: {shared / 'petrarch'} not found")
    text = render(build(shared))
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"build_entity_names: {OUT} is out of date; rerun the script")
        print("build_entity_names: up to date")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"build_entity_names: {text.count(chr(10)) - 3} names -> {OUT}")


if __name__ == "__main__":
    main()
