#!/usr/bin/env python3
"""Build petrel's country actor dictionary (data/actors/countries.tsv).

Output columns (tab-separated, UTF-8, '#' comment lines on top, one row per
countryInfo row, sorted by iso3):

    iso3 iso2 name aliases adjectives capital

Multi-valued fields are '|'-separated; an empty field is written '-'.

Inputs:
  * SHARED_DATA/geo/countryInfo.txt (GeoNames, CC BY 4.0): ISO codes, the
    GeoNames English name and the capital of every country/territory.
  * SHARED_DATA/geo/wikipedia-demonyms.tsv (from the CLIFF geoparser,
    Apache-2.0): adjectivals and demonyms per country name.
  * OVERRIDES below (hand-written): the common news name where GeoNames'
    differs, aliases (formal and former names, abbreviations) which neither
    source has, adjectives to add or drop, and capitals as news writes them.

SHARED_DATA defaults to ../shared/data relative to the repository root.

Usage:
    python3 scripts/build_actors.py [SHARED_DATA] [--out data/actors/countries.tsv]
    python3 scripts/build_actors.py --check     # build in memory, compare with the file

The build fails loudly (exit 1) when a surface form (name, alias or adjective)
would belong to two countries, when an alias repeats another country's name,
when two countries would share a capital, or when a demonym row cannot be
mapped.  The build is deterministic: same inputs, byte-identical output.
"""

import argparse
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHARED = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data"))
DEFAULT_OUT = os.path.join(REPO_ROOT, "data", "actors", "countries.tsv")

# --------------------------------------------------------------------------
# Demonym-file country names -> ISO3.  Names equal to a countryInfo name
# (case-insensitive) are mapped automatically; these are the others.
# None = the row is deliberately ignored (not a countryInfo entity).
# --------------------------------------------------------------------------
DEMONYM_COUNTRY = {
    "Abkhazia": None,
    "Burkina Fasoa": "BFA",          # footnote letter glued to the name
    "Burmab": "MMR",
    "Cape Verde": "CPV",
    "Cocos (Keeling) Islands": "CCK",
    "Czech Republic": "CZE",
    "Côte d'Ivoire": "CIV",
    "Dem. Republic of the Congo": "COD",
    "East Timor": "TLS",
    "England": None,                 # constituent nations: see GBR override
    "Europe": None,
    "Great Britain": "GBR",
    "Macau": "MAC",
    "Micronesia, Federated States of": "FSM",
    "Northern Ireland": None,
    "Northern Marianas": "MNP",
    "Palestine": "PSE",
    "People's Republic of China": "CHN",
    "Pitcairn Island": "PCN",
    "Republic of China": None,       # "See Taiwan, below"
    "Republic of Ireland": "IRL",
    "Republic of Macedonia": "MKD",
    "Republic of the Congo": "COG",
    "Réunion": "REU",
    "Saint-Pierre and Miquelon": "SPM",
    "São Tomé and Príncipe": "STP",
    "Scotland": None,
    "South Ossetia": None,
    "St. Helena": "SHN",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "Surinam": "SUR",
    "Swaziland": "SWZ",
    "Virgin Islands": "VIR",
    "Wales": None,
}

# Tokens of the demonym file that carry footnote letters or are not usable
# demonyms.  Value: the corrected token, or None to drop it.
TOKEN_FIX = {
    "Dominicand": "Dominican",
    "Dominicansd": "Dominicans",
    "Dominicane": "Dominican",
    "Dominicanse": "Dominicans",
    "Greciang": None,
    "Greciansg": None,
    "Italicf": None,
    "Italicsf": None,
    "Scotchi": None,
    "Southern Irish h": None,
    "Guambat": None,
    "Sahraw": None,                  # truncated "Sahrawi" (added back below)
    "none": None,
    "U.S.": None,                    # an alias of USA, not an adjective
    "Congo": None,                   # "Congo[citation needed]"
}

# --------------------------------------------------------------------------
# Hand-written overrides, keyed by ISO3.
#   name:     common English short name as news writes it (replaces GeoNames)
#   aliases:  other names (formal, former, abbreviations) - added in order
#   adj_add:  adjectives/demonyms the demonym file lacks
#   adj_drop: adjectives from the demonym file that are ambiguous, collide with
#             another country's, or are ordinary words
#   capital:  capital as news writes it; "-" for none
# No government metonyms ("Kremlin", "White House") anywhere: those are
# government actors, not country names.
# --------------------------------------------------------------------------
OVERRIDES = {
    "AFG": {"aliases": ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"]},
    "ALA": {"aliases": ["Åland Islands", "Åland"]},
    "ALB": {"aliases": ["Republic of Albania"]},
    "ANT": {"capital": "-"},         # dissolved 2010; Willemstad is CUW's
    "ARE": {"aliases": ["UAE", "U.A.E.", "Emirates"]},
    "ARG": {"aliases": ["Argentine Republic"]},
    "ARM": {"aliases": ["Republic of Armenia"]},
    "AUT": {"aliases": ["Republic of Austria"]},
    "AZE": {"aliases": ["Republic of Azerbaijan"]},
    "BEL": {"aliases": ["Kingdom of Belgium"]},
    "BFA": {"adj_add": ["Burkinabe"]},
    "BGR": {"aliases": ["Republic of Bulgaria"]},
    "BHS": {"aliases": ["The Bahamas", "Commonwealth of The Bahamas"]},
    "BIH": {"aliases": ["Bosnia", "Bosnia-Herzegovina"]},
    "BLM": {"aliases": ["Saint-Barthélemy", "Saint Barthélemy", "St. Barts", "St Barths"]},
    "BLR": {"aliases": ["Republic of Belarus", "Byelorussia", "Belorussia"]},
    "BOL": {"aliases": ["Plurinational State of Bolivia"], "capital": "La Paz"},
    "BRA": {"aliases": ["Federative Republic of Brazil"]},
    "BRN": {"aliases": ["Brunei Darussalam"]},
    "CHE": {"aliases": ["Swiss Confederation"]},
    "CHN": {"aliases": ["People's Republic of China", "PRC", "P.R.C.", "Mainland China"]},
    "CIV": {"aliases": ["Côte d'Ivoire", "Cote d'Ivoire", "Republic of Côte d'Ivoire"]},
    "COD": {"name": "DR Congo",
            "aliases": ["Democratic Republic of the Congo", "Democratic Republic of Congo",
                        "DRC", "D.R. Congo", "DR of Congo", "Congo-Kinshasa", "Congo", "Zaire"]},
    "COG": {"aliases": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
            "adj_drop": ["Congolese"]},   # "Congolese" goes to COD only
    "CPV": {"name": "Cape Verde", "aliases": ["Cabo Verde", "Republic of Cabo Verde"]},
    "CUB": {"aliases": ["Republic of Cuba"]},
    "CUW": {"aliases": ["Curaçao"]},
    "CYP": {"aliases": ["Republic of Cyprus"]},
    "CZE": {"name": "Czech Republic", "aliases": ["Czechia"]},
    "DEU": {"aliases": ["Federal Republic of Germany"]},
    "DMA": {"aliases": ["Commonwealth of Dominica"],
            "adj_drop": ["Dominican", "Dominicans"]},  # "Dominican" goes to DOM only
    "DNK": {"aliases": ["Kingdom of Denmark"]},
    "DZA": {"aliases": ["People's Democratic Republic of Algeria"]},
    "ECU": {"aliases": ["Republic of Ecuador"]},
    "EGY": {"aliases": ["Arab Republic of Egypt"]},
    "ESH": {"aliases": ["Sahrawi Arab Democratic Republic"],
            "adj_add": ["Sahrawi"], "capital": "Laayoune"},
    "ESP": {"aliases": ["Kingdom of Spain"]},
    "EST": {"aliases": ["Republic of Estonia"]},
    "ETH": {"aliases": ["Federal Democratic Republic of Ethiopia"]},
    "FIN": {"aliases": ["Republic of Finland"]},
    "FLK": {"aliases": ["Falklands", "Malvinas", "Islas Malvinas"]},
    "FRO": {"aliases": ["Faroes", "Faeroe Islands"]},
    "FRA": {"aliases": ["French Republic"], "adj_add": ["Frenchmen"]},
    "FSM": {"aliases": ["Federated States of Micronesia"]},
    "GBR": {"aliases": ["UK", "U.K.", "Britain", "Great Britain",
                        "United Kingdom of Great Britain and Northern Ireland"],
            "adj_add": ["Briton", "Scottish", "Welsh", "Northern Irish"]},
    "GEO": {"aliases": ["Republic of Georgia"]},
    "GMB": {"aliases": ["The Gambia", "Republic of The Gambia"]},
    "GNB": {"aliases": ["Republic of Guinea-Bissau"],
            "adj_drop": ["Guinean", "Guineans"],     # "Guinean" goes to GIN only
            "adj_add": ["Bissau-Guinean", "Bissau-Guineans"]},
    "GNQ": {"aliases": ["Republic of Equatorial Guinea"]},
    "GRC": {"aliases": ["Hellenic Republic"]},
    "GIN": {"aliases": ["Republic of Guinea", "Guinea-Conakry"]},
    "HKG": {"aliases": ["Hong Kong SAR"]},
    "HRV": {"aliases": ["Republic of Croatia"]},
    "HUN": {"aliases": ["Republic of Hungary"]},
    "IDN": {"aliases": ["Republic of Indonesia"]},
    "IND": {"aliases": ["Republic of India", "Bharat"]},
    "IRL": {"aliases": ["Republic of Ireland", "Éire"]},
    "IRN": {"aliases": ["Islamic Republic of Iran", "Persia"],
            "adj_drop": ["Persian", "Persians"]},    # "Persian Gulf", Persian language
    "IRQ": {"aliases": ["Republic of Iraq"]},
    "ISR": {"aliases": ["State of Israel"]},
    "ITA": {"aliases": ["Italian Republic"]},
    "JOR": {"aliases": ["Hashemite Kingdom of Jordan"]},
    "JPN": {"aliases": ["State of Japan"]},
    "KAZ": {"aliases": ["Republic of Kazakhstan", "Kazakstan"],
            "capital": "Astana"},                    # GeoNames still has Nur-Sultan
    "KGZ": {"aliases": ["Kyrgyz Republic", "Kirghizia", "Kirgizia"]},
    "KHM": {"aliases": ["Kingdom of Cambodia"]},
    "KNA": {"aliases": ["St. Kitts and Nevis", "St Kitts and Nevis", "Saint Christopher and Nevis"]},
    "KOR": {"aliases": ["Republic of Korea", "ROK", "Korea"],
            "adj_add": ["Korean"]},                  # "Korean(s)" goes to KOR only
    "KWT": {"aliases": ["State of Kuwait"]},
    "LAO": {"aliases": ["Lao PDR", "Lao People's Democratic Republic"]},
    "LBN": {"aliases": ["Lebanese Republic"]},
    "LBY": {"aliases": ["State of Libya"]},
    "LCA": {"aliases": ["St. Lucia", "St Lucia"]},
    "LKA": {"aliases": ["Democratic Socialist Republic of Sri Lanka", "Ceylon"]},
    "LTU": {"aliases": ["Republic of Lithuania"]},
    "LVA": {"aliases": ["Republic of Latvia"], "adj_drop": ["Letts"]},
    "MAC": {"name": "Macau", "aliases": ["Macao", "Macao SAR"],
            "adj_drop": ["Chinese"]},                # "Chinese" goes to CHN only
    "MAF": {"aliases": ["St. Martin", "Saint-Martin"]},
    "MAR": {"aliases": ["Kingdom of Morocco"]},
    "MCO": {"aliases": ["Principality of Monaco"], "adj_add": ["Monegasque", "Monegasques"]},
    "MDA": {"aliases": ["Republic of Moldova", "Moldavia"]},
    "MDV": {"aliases": ["Republic of Maldives", "the Maldives"]},
    "MEX": {"aliases": ["United Mexican States"]},
    "MKD": {"aliases": ["Macedonia", "Republic of North Macedonia",
                        "Former Yugoslav Republic of Macedonia", "FYROM"]},
    "MLT": {"aliases": ["Republic of Malta"]},
    "MMR": {"aliases": ["Burma", "Republic of the Union of Myanmar"],
            "adj_drop": ["Bamar"],                   # an ethnic group, not a demonym
            "capital": "Naypyitaw"},
    "MNE": {"aliases": ["Republic of Montenegro"]},
    "MNG": {"aliases": ["Republic of Mongolia"]},
    "MNP": {"aliases": ["Commonwealth of the Northern Mariana Islands", "Northern Marianas"]},
    "MOZ": {"aliases": ["Republic of Mozambique"]},
    "NFK": {"capital": "-"},                         # Kingston is JAM's
    "NGA": {"aliases": ["Federal Republic of Nigeria"]},
    "NLD": {"aliases": ["Holland", "Kingdom of the Netherlands", "The Netherlands"]},
    "NOR": {"aliases": ["Kingdom of Norway"]},
    "NPL": {"aliases": ["Federal Democratic Republic of Nepal"]},
    "OMN": {"aliases": ["Sultanate of Oman"]},
    "PAK": {"aliases": ["Islamic Republic of Pakistan"]},
    "PCN": {"aliases": ["Pitcairn Islands"]},
    "PER": {"aliases": ["Republic of Peru"]},
    "PHL": {"aliases": ["Republic of the Philippines"]},
    "PNG": {"aliases": ["Independent State of Papua New Guinea"],
            "adj_drop": ["Papuan", "Papuans"]},      # also Indonesia's Papua
    "POL": {"aliases": ["Republic of Poland"]},
    "PRK": {"aliases": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
            "adj_drop": ["Koreans"], "adj_add": ["North Koreans"]},
    "PRT": {"aliases": ["Portuguese Republic"]},
    "PSE": {"name": "Palestine",
            "aliases": ["State of Palestine", "Palestinian Territory", "Palestinian territories",
                        "Occupied Palestinian Territory", "West Bank", "Gaza", "Gaza Strip"],
            "capital": "Ramallah"},                  # seat of the Palestinian government
    "REU": {"aliases": ["Réunion", "La Réunion"]},
    "ROU": {"aliases": ["Roumania"]},
    "RUS": {"aliases": ["Russian Federation"]},
    "RWA": {"aliases": ["Republic of Rwanda"]},
    "SAU": {"aliases": ["Kingdom of Saudi Arabia", "KSA"]},
    "SDN": {"aliases": ["Republic of the Sudan", "the Sudan"]},
    "SEN": {"aliases": ["Republic of Senegal"]},
    "SCG": {"capital": "-"},                         # dissolved 2006; Belgrade is SRB's
    "SGP": {"aliases": ["Republic of Singapore"]},
    "SHN": {"aliases": ["St. Helena", "Saint Helena, Ascension and Tristan da Cunha"]},
    "SLV": {"aliases": ["Republic of El Salvador"]},
    "SOM": {"aliases": ["Federal Republic of Somalia"]},
    "SPM": {"aliases": ["Saint-Pierre and Miquelon", "St. Pierre and Miquelon"]},
    "SRB": {"aliases": ["Republic of Serbia"]},
    "SSD": {"aliases": ["Republic of South Sudan"]},
    "STP": {"aliases": ["São Tomé and Príncipe", "São Tomé", "Sao Tome"],
            "adj_add": ["Sao Tomean", "Sao Tomeans"]},
    "SVK": {"aliases": ["Slovak Republic"]},
    "SVN": {"aliases": ["Republic of Slovenia"]},
    "SWE": {"aliases": ["Kingdom of Sweden"]},
    "SWZ": {"aliases": ["Swaziland", "Kingdom of Eswatini"]},
    "SYR": {"aliases": ["Syrian Arab Republic"]},
    "TCD": {"aliases": ["Republic of Chad"]},
    "THA": {"aliases": ["Kingdom of Thailand", "Siam"]},
    "TJK": {"aliases": ["Republic of Tajikistan"], "adj_add": ["Tajik"]},
    "TKM": {"aliases": ["Turkmenia"], "adj_add": ["Turkmenistani"]},
    "TLS": {"name": "East Timor", "aliases": ["Timor-Leste", "Timor Leste",
                                              "Democratic Republic of Timor-Leste"],
            "adj_add": ["East Timorese"]},
    "TTO": {"aliases": ["T&T", "Trinidad"]},
    "TUN": {"aliases": ["Tunisian Republic"]},
    "TUR": {"aliases": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"]},
    "TWN": {"aliases": ["Republic of China", "Chinese Taipei"]},
    "TZA": {"aliases": ["United Republic of Tanzania"]},
    "UGA": {"aliases": ["Republic of Uganda"]},
    "UKR": {"aliases": []},                          # capital Kyiv (GeoNames already)
    "USA": {"aliases": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"]},
    "UZB": {"aliases": ["Republic of Uzbekistan"]},
    "VAT": {"aliases": ["Holy See", "Vatican City", "Vatican City State"]},
    "VCT": {"aliases": ["St. Vincent and the Grenadines", "St Vincent and the Grenadines",
                        "St. Vincent"]},
    "VEN": {"aliases": ["Bolivarian Republic of Venezuela"]},
    "VGB": {"aliases": ["BVI"]},
    "VIR": {"aliases": ["US Virgin Islands", "United States Virgin Islands"],
            "adj_drop": ["Virgin Island"]},
    "VNM": {"aliases": ["Viet Nam", "Socialist Republic of Vietnam"]},
    "XKX": {"aliases": ["Republic of Kosovo"]},
    "YEM": {"aliases": ["Republic of Yemen"]},
    "ZAF": {"aliases": ["Republic of South Africa", "RSA"]},
    "ZMB": {"aliases": ["Republic of Zambia"]},
    "ZWE": {"aliases": ["Republic of Zimbabwe"]},
}

# Strings that must appear nowhere in the file (brief: wrong or metonymic).
FORBIDDEN = {"Kiev", "Kremlin", "White House", "Nur-Sultan"}


class BuildError(Exception):
    pass


def nfc(s):
    return unicodedata.normalize("NFC", s)


def read_country_info(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = [nfc(c.strip()) for c in line.rstrip("\n").split("\t")]
            if cols[0] == "ISO" and cols[1] == "ISO3":
                continue                                   # column header line
            if len(cols) < 6:
                raise BuildError("%s: short row %r" % (path, line))
            iso2, iso3, name, capital = cols[0], cols[1], cols[4], cols[5]
            if not re.fullmatch(r"[A-Z]{2}", iso2) or not re.fullmatch(r"[A-Z]{3}", iso3):
                raise BuildError("%s: bad ISO codes in %r" % (path, line))
            rows.append({"iso2": iso2, "iso3": iso3, "name": name, "capital": capital})
    return rows


def split_demonym_cell(cell):
    """Turn one adjectival/demonym cell into a list of clean tokens."""
    s = nfc(cell)
    s = re.sub(r"\[[^\]]*\]", "", s)                      # [citation needed], [2]
    s = re.sub(r"\((?:or|pl\.)\s*([^)]*)\)", r", \1", s)  # (or X/Y), (pl. X)
    s = re.sub(r"\([^)]*\)", "", s)                       # ("Bajan")
    s = re.sub(r"\"[^\"]*\"", "", s)                      # quoted colloquialisms
    out = []
    for tok in re.split(r"[,;/]", s):
        tok = " ".join(tok.split())
        if not tok:
            continue
        if tok in TOKEN_FIX:
            tok = TOKEN_FIX[tok]
            if tok is None:
                continue
        out.append(tok)
    return out


def read_demonyms(path, name_to_iso3):
    """Return {iso3: [adjectives in file order]}."""
    result = {}
    unmapped = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if lineno == 1 or len(cols) < 3:
                continue                                   # header and its wrapped tail
            country = nfc(cols[0].strip())
            if country in DEMONYM_COUNTRY:
                iso3 = DEMONYM_COUNTRY[country]
            else:
                iso3 = name_to_iso3.get(country.lower())
                if iso3 is None:
                    unmapped.append(country)
                    continue
            if iso3 is None:
                continue
            toks = split_demonym_cell(cols[1]) + split_demonym_cell(cols[2])
            lst = result.setdefault(iso3, [])
            for t in toks:
                if t not in lst:
                    lst.append(t)
    if unmapped:
        raise BuildError("%s: cannot map demonym rows to countryInfo: %s (add them to "
                         "DEMONYM_COUNTRY)" % (path, ", ".join(unmapped)))
    return result


def dedupe(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build(shared):
    geo = os.path.join(shared, "geo")
    info = read_country_info(os.path.join(geo, "countryInfo.txt"))
    name_to_iso3 = {r["name"].lower(): r["iso3"] for r in info}
    demonyms = read_demonyms(os.path.join(geo, "wikipedia-demonyms.tsv"), name_to_iso3)

    known = {r["iso3"] for r in info}
    for iso3 in OVERRIDES:
        if iso3 not in known:
            raise BuildError("override for unknown ISO3 %s" % iso3)
    for iso3 in demonyms:
        if iso3 not in known:
            raise BuildError("demonym mapping to unknown ISO3 %s" % iso3)

    rows = []
    for r in sorted(info, key=lambda r: r["iso3"]):
        iso3 = r["iso3"]
        ov = OVERRIDES.get(iso3, {})
        unknown_keys = set(ov) - {"name", "aliases", "adj_add", "adj_drop", "capital"}
        if unknown_keys:
            raise BuildError("override %s: unknown keys %s" % (iso3, sorted(unknown_keys)))
        name = ov.get("name", r["name"])
        aliases = []
        if name != r["name"]:
            aliases.append(r["name"])                     # keep the GeoNames name
        aliases += ov.get("aliases", [])
        aliases = [a for a in dedupe(aliases) if a != name]
        own = {name.lower()} | {a.lower() for a in aliases}
        adj_drop = set(ov.get("adj_drop", []))
        for d in adj_drop:
            if d not in demonyms.get(iso3, []):
                raise BuildError("override %s drops %r which the demonym file does not give"
                                 % (iso3, d))
        adjs = []
        for a in demonyms.get(iso3, []) + ov.get("adj_add", []):
            if a in adj_drop:
                continue
            # an "adjective" that is just the country's own name ("Luxembourg",
            # "Laos", "Cook Island(s)") adds nothing: drop silently
            if a.lower() in own or (a.endswith(" Island") and (a + "s").lower() in own):
                continue
            adjs.append(a)
        adjs = dedupe(adjs)
        capital = ov.get("capital", r["capital"]) or "-"
        rows.append({"iso3": iso3, "iso2": r["iso2"], "name": name, "aliases": aliases,
                     "adjectives": adjs, "capital": capital})
    check_rows(rows)
    return rows


def check_rows(rows):
    errors = []
    owner = {}        # lowercased surface form -> (iso3, kind)
    for r in rows:
        forms = [(r["name"], "name")] + [(a, "alias") for a in r["aliases"]] + \
                [(a, "adjective") for a in r["adjectives"]]
        for form, kind in forms:
            if not form or form != form.strip() or "\t" in form or "|" in form or form == "-":
                errors.append("%s: bad %s %r" % (r["iso3"], kind, form))
            for bad in FORBIDDEN:
                if bad.lower() in form.lower():
                    errors.append("%s: forbidden string %r in %s %r" % (r["iso3"], bad, kind, form))
            key = form.lower()
            if key in owner and owner[key][0] != r["iso3"]:
                errors.append("surface form %r is %s of %s and %s of %s"
                              % (form, owner[key][1], owner[key][0], kind, r["iso3"]))
            elif key in owner:
                errors.append("%s: %r repeated (%s and %s)" % (r["iso3"], form, owner[key][1], kind))
            else:
                owner[key] = (r["iso3"], kind)
    caps = {}
    for r in rows:
        c = r["capital"]
        if c == "-":
            continue
        for bad in FORBIDDEN:
            if bad.lower() in c.lower():
                errors.append("%s: forbidden capital %r" % (r["iso3"], c))
        if c.lower() in caps:
            errors.append("capital %r shared by %s and %s" % (c, caps[c.lower()], r["iso3"]))
        caps[c.lower()] = r["iso3"]
        # a capital may equal its own country's name (city-states) but no other's
        o = owner.get(c.lower())
        if o and o[0] != r["iso3"]:
            errors.append("%s: capital %r is %s of %s" % (r["iso3"], c, o[1], o[0]))
    if errors:
        raise BuildError("country table is inconsistent:\n  " + "\n  ".join(errors))


HEADER = """\
# petrel country actors - GENERATED by scripts/build_actors.py; do not edit by hand
# (edit the OVERRIDES table in the script and re-run it).
# Columns: iso3<TAB>iso2<TAB>name<TAB>aliases<TAB>adjectives<TAB>capital
# Multi-valued fields are '|'-separated; '-' = empty. Format: data/actors/README.md.
# Sources: GeoNames countryInfo.txt (https://www.geonames.org, CC BY 4.0) for ISO codes,
# names and capitals; demonyms from the CLIFF geoparser's wikipedia-demonyms.tsv
# (Apache-2.0, https://github.com/mediacloud/cliff-annotator); aliases, name and capital
# corrections hand-written for petrel.
"""


def render(rows):
    out = [HEADER]
    for r in rows:
        fields = [r["iso3"], r["iso2"], r["name"], "|".join(r["aliases"]) or "-",
                  "|".join(r["adjectives"]) or "-", r["capital"]]
        out.append("\t".join(fields) + "\n")
    return "".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", default=DEFAULT_SHARED,
                    help="shared data directory (default: %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output file (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh build")
    args = ap.parse_args(argv)
    try:
        rows = build(args.shared)
    except BuildError as e:
        print("build_actors: error: %s" % e, file=sys.stderr)
        return 1
    text = render(rows)
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except OSError as e:
            print("build_actors: %s" % e, file=sys.stderr)
            return 1
        if current != text:
            print("build_actors: %s is stale; re-run scripts/build_actors.py" % args.out,
                  file=sys.stderr)
            return 1
        print("build_actors: %s is up to date (%d rows)" % (args.out, len(rows)))
        return 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, args.out)
    print("build_actors: wrote %d rows to %s" % (len(rows), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
