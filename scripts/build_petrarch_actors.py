#!/usr/bin/env python3
"""Build petrel's actors from PETRARCH-2: past office-holders (data/actors/people-history.tsv) and armed groups
(data/actors/groups-history.tsv).

`people.tsv` and `groups.tsv` are hand-written and hold recent offices and the groups news names most. News from
1995-2014 names thousands of people they lack ("Donald Rumsfeld", "Ayad Allawi", "Jacques Chirac") and hundreds of
armed groups ("Ansar al-Islam", "Aden-Abyan Islamic Army"), whom the coder then gives the country of the article's
people or none. PETRARCH-2's actor files date the offices and place the groups; this script converts them.

Outputs, both in the people.tsv format (name, aliases, code, role, start, end):
  * people-history.tsv, one row per dated office, from
    - SHARED_DATA/petrarch/Phoenix.Countries.actors.txt (PETRARCH-2, MIT, (c) 2014 Open Event Data Alliance,
      built from CountryInfo.140130.txt): people `NAME_  # CountryInfo.txt` with `+ALIAS` lines and dated codes
      `[USAGOV 010120-061218]`, `[USAGOV >130101]` (open), `[USAELI <740901]` (since ever); two-digit years up
      to 14 are 20YY, the rest 19YY;
    - SHARED_DATA/petrarch/Phoenix.International.actors.txt (same licence): officials of international bodies,
      the entries with a dated IGO code (`KOFI_ANNAN_ [IGOUNO 970101-061231]`), coded by the longest code
      igos.tsv knows (IGOUNOHLHWHO, else IGOUNO).
    Kept: people with an office other than ELI (elite) held on or after 1995-01-01; one person listed twice is
    merged. Codes become ISO3 + the first sector (USAGOVMIL -> USAGOV); an ISO3 petrel does not know drops the
    office, an unknown sector keeps the bare ISO3. Offices that start on the same day as an earlier one are
    dropped (one row per start). The role column names the sector ("government office"): the file has no
    titles.
  * groups-history.tsv, one row per group, no dates, from SHARED_DATA/petrarch/Phoenix.MilNonState.actors.txt
    (same licence): `NAME_ [IRQREB]` with `+ALIAS` lines. Kept: groups whose code starts with a country petrel
    knows (not PETRARCH's regional codes: IMG, INT, MEA, SAS, ...), coded ISO3 + the first sector. A bracketed
    acronym in a name ("(AAIA)") is dropped; one-word names and aliases ("Amal" is also a first name), names
    with no word of their own (a number, a month or a lowercase English word of UD English EWT train: "21 June",
    "Anarchist Faction") and the African National Congress (a governing party since 1994) are left out.
Aliases: PETRARCH's `+` spellings without a title or a country word ("Donald H. Rumsfeld", not "Secretary of
Defense Donald Rumsfeld"). A surname alone is never one (tried: "Ingraham" and "Liverpool" then named Caribbean
ministers).
Left out: a name or alias another actor file owns (people, groups, companies, IGOs, countries and their names,
adjectives and capitals; the groups also leave out the people's forms), forms two entries share, and one-word
people's names. Deterministic: same inputs, same bytes.

Usage:
    python3 scripts/build_petrarch_actors.py [SHARED_DATA]
    python3 scripts/build_petrarch_actors.py --check     # build in memory, compare with the files
"""
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTORS = set("GOV MIL COP JUD OPP PTY REB ELI CVL BUS MED EDU LAB REF CRM SPY HLH NGO HRI LEG INS UAF MOD RAD "
              "SEP AGR ENV REL".split())
ROLE_OF = {"GOV": "government office", "MIL": "military office", "LEG": "legislator", "JUD": "judiciary",
           "ELI": "elite", "OPP": "opposition", "PTY": "party office", "REB": "rebel leader", "COP": "police",
           "SPY": "intelligence", "REL": "religious office", "BUS": "business", "MED": "media", "LAB": "labour",
           "EDU": "education", "HLH": "health office", "NGO": "nongovernmental organisation",
           "HRI": "human rights", "INS": "insurgent leader", "CVL": "civilian", "MOD": "moderate", "RAD": "radical",
           "SEP": "separatist", "UAF": "armed group", "AGR": "agriculture", "ENV": "environment",
           "REF": "refugee", "CRM": "criminal"}
# words that make a PETRARCH alias a title or a description, not a spelling of the name
TITLE_WORDS = set("""PRESIDENT PRIME MINISTER SECRETARY GENERAL GEN GOV GOVERNOR SEN SENATOR REP REPRESENTATIVE
FORMER KING QUEEN PRINCE PRINCESS SHEIKH SHEIK EMIR SULTAN DR MR MRS MS COL LT CAPT ADMIRAL ADM CHAIRMAN LEADER
CHIEF AMBASSADOR ENVOY FOREIGN DEFENSE DEFENCE INTERIOR FINANCE STATE VICE DEPUTY ACTING OPPOSITION PARTY
AMERICAN US U.S. BRITISH UK FRENCH GERMAN RUSSIAN CHINESE ISRAELI IRAQI IRANIAN PALESTINIAN AFGHAN PAKISTANI
INDIAN JAPANESE KOREAN SYRIAN EGYPTIAN SAUDI TURKISH MAYOR JUDGE JUSTICE JUSTICES COURT CONGRESSMAN
CONGRESSWOMAN SPEAKER CHANCELLOR PREMIER MARSHAL BRIGADIER MAJOR SERGEANT POPE CARDINAL BISHOP ARCHBISHOP AYATOLLAH
IMAM CLERIC MULLAH GRAND MONSIGNOR FATHER REVEREND REV THE OF AND HIS HER SIR LORD LADY BARON BARONESS DUKE EARL
COUNT MINISTRY OFFICE DEPARTMENT COMMANDER TROOPS ARMY""".split())


def two_digit_year(yy):
    return 2000 + yy if yy <= 14 else 1900 + yy


def parse_date(s):
    """YYMMDD or YYYYMMDD -> 'YYYY-MM-DD', None when malformed."""
    s = s.strip()
    if re.fullmatch(r"\d{6}", s):
        y, m, d = two_digit_year(int(s[:2])), int(s[2:4]), int(s[4:])
    elif re.fullmatch(r"\d{8}", s):
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    else:
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    d = min(d, 30 if m in (4, 6, 9, 11) else 29 if m == 2 else 31)
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_range(r):
    """'010120-061218', '>130101', '<740901' -> (start, end) with None for open; False when malformed."""
    r = r.replace(" ", "")
    if r.startswith(">"):
        s = parse_date(r[1:])
        return (s, None) if s else False
    if r.startswith("<"):
        e = parse_date(r[1:])
        return (None, e) if e else False
    if "-" in r:
        a, b = r.split("-", 1)
        s, e = parse_date(a), parse_date(b)
        return (s, e) if s and e and s < e else False
    return False


def display(form):
    """'DONALD_H._RUMSFELD_' -> 'Donald H. Rumsfeld'."""
    words = form.strip().strip("_").replace("_", " ").split()
    out = []
    for w in words:
        parts = w.split("-")
        out.append("-".join(p[:1].upper() + p[1:].lower() if p.upper() != p.lower() else p for p in parts))
    return " ".join(out)


def key(form):
    return re.sub(r"\s+", " ", form.lower()).strip()


def read_entries(path, people_only=True):
    """PETRARCH actor entries: (name, aliases, [(code, range or None)]); people only (# CountryInfo.txt) unless
    `people_only` is false (the international file marks none: a dated code tells a person there)."""
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            raw = line.rstrip("\n")
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            body, _, comment = raw.partition("#")
            codes = re.findall(r"\[([A-Z]{3,})\s*([^\]]*)\]", body)
            head = re.sub(r"\[[^\]]*\]", "", body).strip()
            if raw[0] not in " \t+" and head:
                cur = {"name": head, "aliases": [], "codes": [], "person": "CountryInfo" in comment}
                entries.append(cur)
            elif raw.startswith("+") and cur is not None and head:
                cur["aliases"].append(head[1:])
            if cur is not None:
                cur["codes"].extend(codes)
    return [e for e in entries if e["person"] or not people_only]


def owned_forms():
    """Lowercased forms the other actor files own."""
    owned = set()
    d = os.path.join(ROOT, "data", "actors")
    for fname, cols in [("people.tsv", (0, 1)), ("groups.tsv", (0, 1)), ("companies.tsv", (0, 1)),
                        ("igos.tsv", (1, 2)), ("countries.tsv", (2, 3, 4, 5)), ("country-names.tsv", (1,))]:
        with open(os.path.join(d, fname), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                row = line.rstrip("\n").split("\t")
                for c in cols:
                    if c < len(row) and row[c] != "-":
                        owned.update(key(x) for x in row[c].split("|") if x)
    return owned


def english_words(shared):
    """Lowercase word forms of UD English EWT train."""
    words = set()
    with open(os.path.join(shared, "nlp", "ud-english-ewt", "en_ewt-ud-train.conllu"), encoding="utf-8") as f:
        for line in f:
            if line and line[0].isdigit():
                form = line.split("\t")[1]
                if form.islower():
                    words.add(form)
    return words


def first_column(fname):
    """The keys (first column) of an actor file of data/actors."""
    keys = set()
    with open(os.path.join(ROOT, "data", "actors", fname), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                keys.add(line.split("\t")[0])
    return keys


def countries():
    return first_column("countries.tsv")


def igo_codes():
    return first_column("igos.tsv")


def build(shared):
    entries = read_entries(os.path.join(shared, "petrarch", "Phoenix.Countries.actors.txt"))
    # officials of international bodies: entries of the international file with a dated IGO code
    entries += [e for e in read_entries(os.path.join(shared, "petrarch", "Phoenix.International.actors.txt"), False)
                if any(c.startswith("IGO") and r.strip() for c, r in e["codes"])]
    # one person listed twice (in both files, or twice in one) is one person with the offices of both
    merged = {}
    for e in entries:
        k = key(display(e["name"]))
        if k in merged:
            merged[k]["aliases"] += e["aliases"]
            merged[k]["codes"] += e["codes"]
        else:
            merged[k] = {"name": e["name"], "aliases": list(e["aliases"]), "codes": list(e["codes"])}
    entries = list(merged.values())
    known_iso3 = countries()
    known_igo = igo_codes()
    owned = owned_forms()
    people = []
    for e in entries:
        name = display(e["name"])
        if len(name.split()) < 2:
            continue
        offices, starts = [], set()
        for code, rng in e["codes"]:
            if not rng.strip():
                continue
            r = parse_range(rng)
            if not r:
                continue
            if code.startswith("IGO"):
                # the longest code igos.tsv knows (IGOUNOHLHWHO, else IGOUNO)
                body = next((code[:n] for n in range(len(code), 2, -1) if code[:n] in known_igo), None)
                if body is None:
                    continue
                office = (body, "office of an international body")
            else:
                iso3, rest = code[:3], code[3:]
                if iso3 not in known_iso3:
                    continue
                sector = rest[:3] if rest[:3] in SECTORS else ""
                office = (iso3 + sector, ROLE_OF.get(sector, "office"))
            if r[0] in starts:
                continue
            starts.add(r[0])
            offices.append((*office, r[0], r[1]))
        recent = any(not o[0].endswith("ELI") and (o[3] is None or o[3] >= "1995-01-01") for o in offices)
        if not offices or not recent:
            continue
        aliases = []
        for a in e["aliases"]:
            toks = a.strip("_").replace("_", " ").split()
            parts = [w for t in toks for w in t.split("-")]
            if len(toks) < 2 or any(w.strip(".").upper() in TITLE_WORDS for w in parts):
                continue
            aliases.append(display(a))
        people.append({"name": name, "aliases": aliases, "offices": offices})
    # forms two people would share, or another file owns, are left out
    count = Counter()
    for p in people:
        for f in {key(p["name"]), *(key(a) for a in p["aliases"])}:
            count[f] += 1
    out = []
    for p in sorted(people, key=lambda p: (p["name"], p["offices"][0][2] or "")):
        if count[key(p["name"])] > 1 or key(p["name"]) in owned:
            continue
        aliases = sorted({a for a in p["aliases"] if count[key(a)] == 1 and key(a) not in owned
                          and key(a) != key(p["name"])})
        p["aliases"] = aliases
        out.append(p)
    # the same person listed twice under two spellings: keep the first
    seen, rows = set(), []
    for p in out:
        forms = {key(p["name"]), *(key(a) for a in p["aliases"])}
        if forms & seen:
            continue
        seen |= forms
        for i, (code, role, start, end) in enumerate(sorted(p["offices"], key=lambda o: o[2] or "")):
            alias = "|".join(p["aliases"]) if i == 0 and p["aliases"] else "-"
            rows.append(f"{p['name']}\t{alias}\t{code}\t{role}\t{start or '-'}\t{end or '-'}")
    n_people = len({r.split("\t")[0] for r in rows})
    head = [
        "# petrel past office-holders - generated by scripts/build_petrarch_actors.py; do not edit by hand.",
        "# Columns: name<TAB>aliases<TAB>code<TAB>role<TAB>start<TAB>end (the people.tsv format, data/actors/README.md).",
        "# From PETRARCH-2's Phoenix.Countries.actors.txt and Phoenix.International.actors.txt (MIT License,",
        "# Copyright (c) 2014 Open Event Data Alliance; the first built from CountryInfo.140130.txt): people with an",
        "# office held on or after 1995-01-01, as dated there",
        "# (stale after January 2014: people.tsv, hand-written, holds recent offices and wins).",
        f"# {n_people} people, {len(rows)} offices.",
    ]
    return "\n".join(head + rows) + "\n"


# groups PETRARCH lists as armed that news now names as governing parties
NOT_ARMED = {"African National Congress"}
MONTHS = set("january february march april may june july august september october november december".split())
GROUP_ROLE_OF = {"REB": "rebel group", "RAD": "radical group", "SEP": "separatist group", "INS": "insurgent group",
                 "UAF": "armed group", "CRM": "criminal group", "PTY": "party", "OPP": "opposition group"}


def proper(word, words):
    """A word of a name's own: not a number, a month or a lowercase English word."""
    w = word.lower().strip(".,'")
    return bool(w) and not any(c.isdigit() for c in w) and w not in MONTHS and w not in words


def build_groups(shared, people_text):
    entries = read_entries(os.path.join(shared, "petrarch", "Phoenix.MilNonState.actors.txt"), False)
    known_iso3 = countries()
    owned = owned_forms()
    for line in people_text.splitlines():
        if not line.startswith("#"):
            row = line.split("\t")
            owned.update(key(x) for x in [row[0], *row[1].split("|")] if x and x != "-")
    words = english_words(shared)

    def clean(form):
        return display(re.sub(r"\([^)]*\)", "", form).replace("__", "_"))

    groups = []
    for e in entries:
        codes = [c for c, _ in e["codes"]]
        if not codes or codes[0][:3] not in known_iso3:
            continue
        iso3, rest = codes[0][:3], codes[0][3:]
        sector = rest[:3] if rest[:3] in SECTORS else ""
        name = clean(e["name"])
        # a name needs a word of its own: not a number, a month or an ordinary English word ("21 June",
        # "Anarchist Faction" would read dates and common phrases as groups)
        if not name or len(name.split()) < 2 or not any(proper(w, words) for w in name.split()):
            continue
        if name in NOT_ARMED:
            continue
        aliases = []
        for a in e["aliases"]:
            form = clean(a)
            parts = [w for t in form.upper().split() for w in t.split("-")]
            if (form and len(form.split()) >= 2 and not any(w.strip(".") in TITLE_WORDS for w in parts)
                    and any(proper(w, words) for w in form.split())):
                aliases.append(form)
        groups.append({"name": name, "aliases": aliases, "code": iso3 + sector,
                       "role": GROUP_ROLE_OF.get(sector, "armed group")})
    count = Counter()
    for g in groups:
        for f in {key(g["name"]), *(key(a) for a in g["aliases"])}:
            count[f] += 1
    rows, seen = [], set()
    for g in sorted(groups, key=lambda g: g["name"]):
        k = key(g["name"])
        if count[k] > 1 or k in owned or k in seen:
            continue
        aliases = sorted({a for a in g["aliases"] if count[key(a)] == 1 and key(a) not in owned
                          and key(a) != k and key(a) not in seen})
        seen |= {k, *(key(a) for a in aliases)}
        rows.append(f"{g['name']}\t{'|'.join(aliases) or '-'}\t{g['code']}\t{g['role']}\t-\t-")
    head = [
        "# petrel armed groups - generated by scripts/build_petrarch_actors.py; do not edit by hand.",
        "# Columns: name<TAB>aliases<TAB>code<TAB>role<TAB>start<TAB>end (the people.tsv format, data/actors/README.md).",
        "# From PETRARCH-2's Phoenix.MilNonState.actors.txt (MIT License, Copyright (c) 2014 Open Event Data",
        "# Alliance): groups placed in a country, coded ISO3 + sector as there (groups.tsv, hand-written, wins).",
        f"# {len(rows)} groups.",
    ]
    return "\n".join(head + rows) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(ROOT, "..", "shared", "data")
    people = build(shared)
    groups = build_groups(shared, people)
    outs = [(os.path.join(ROOT, "data", "actors", "people-history.tsv"), people),
            (os.path.join(ROOT, "data", "actors", "groups-history.tsv"), groups)]
    if "--check" in sys.argv:
        for out, text in outs:
            with open(out, encoding="utf-8") as f:
                if f.read() != text:
                    sys.exit(f"{out} differs from what scripts/build_petrarch_actors.py builds")
            print(f"{out}: up to date")
        return
    for out, text in outs:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {out}: {next(x for x in text.splitlines() if x.endswith(('offices.', 'groups.')))[2:]}")


if __name__ == "__main__":
    main()
