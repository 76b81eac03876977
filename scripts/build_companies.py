#!/usr/bin/env python3
"""Build petrel's company dictionary (data/actors/companies.tsv).

Companies are actors of the country they belong to (the coding guide: "a company takes the country it belongs
to"; CAMEO codes it ISO3 + BUS). Without this file, a company the recogniser finds but no dictionary knows is
given the article's focus country ("Deutsche Bank" in a Maltese article read as Maltese).

Output: the people.tsv format (name, aliases, code, role, start, end), one row per company, code ISO3 + BUS,
role "company", no dates. Inputs:
  * SHARED_DATA/petrarch/Phoenix.International.actors.txt (PETRARCH-2, MIT, (c) 2014 Open Event Data
    Alliance): its multinational corporations `NAME_ [MNCxxx...]` whose code names a country (MNCUSA,
    MNCDEUHLH); the last (current) code of a dated entry. Dropped: listed companies the file values under $5 billion, entries without a country, media companies
    (MED: news outlets are the audience of a statement far more often than actors), people (spokesmen and
    chief executives the file lists under their company), funds and trusts, and names that are a common
    English word (a one-word name whose lowercase form appears lowercased in the UD English EWT treebank:
    "Total", "Apple", "Progressive" would read ordinary words as companies at the start of a sentence).
  * CURATED below (hand-written from public knowledge, 2025): major companies news names in political
    stories that the 2014 file lacks or names differently (Meta, TikTok, Gazprom, Huawei), with aliases.

Names that another actor file already owns (country names and adjectives, international bodies, people,
groups) are left out, so loading never meets a form owned twice. Deterministic: same inputs, same bytes.

Usage:
    python3 scripts/build_companies.py [SHARED_DATA] [--out data/actors/companies.tsv]
    python3 scripts/build_companies.py --check     # build in memory, compare with the file
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, aliases, ISO3 — the companies news names in political stories (sanctions, contracts, disputes,
# platforms), current in 2025.
CURATED = [
    ("Meta", "Meta Platforms|Facebook", "USA"),
    ("Google", "Alphabet", "USA"),
    ("YouTube", "", "USA"),
    ("Twitter", "", "USA"),
    ("Microsoft", "", "USA"),
    ("Amazon", "Amazon.com", "USA"),
    ("Apple Inc.", "", "USA"),
    ("OpenAI", "", "USA"),
    ("Nvidia", "", "USA"),
    ("Intel", "", "USA"),
    ("Tesla", "", "USA"),
    ("SpaceX", "Starlink", "USA"),
    ("Boeing", "", "USA"),
    ("Lockheed Martin", "", "USA"),
    ("Raytheon", "RTX", "USA"),
    ("Northrop Grumman", "", "USA"),
    ("General Dynamics", "", "USA"),
    ("Palantir", "", "USA"),
    ("ExxonMobil", "Exxon Mobil|Exxon", "USA"),
    ("Chevron", "", "USA"),
    ("ConocoPhillips", "", "USA"),
    ("Halliburton", "", "USA"),
    ("JPMorgan Chase", "JPMorgan|JP Morgan", "USA"),
    ("Goldman Sachs", "", "USA"),
    ("Citigroup", "Citibank", "USA"),
    ("Pfizer", "", "USA"),
    ("Moderna", "", "USA"),
    ("Johnson & Johnson", "", "USA"),
    ("United Airlines", "", "USA"),
    ("Delta Air Lines", "", "USA"),
    ("American Airlines", "", "USA"),
    ("CoreCivic", "", "USA"),
    ("Uber", "", "USA"),
    ("Walmart", "", "USA"),
    ("TikTok", "", "CHN"),
    ("ByteDance", "", "CHN"),
    ("Huawei", "", "CHN"),
    ("ZTE", "", "CHN"),
    ("Alibaba", "", "CHN"),
    ("Tencent", "", "CHN"),
    ("Xiaomi", "", "CHN"),
    ("China National Petroleum Corporation", "CNPC|PetroChina", "CHN"),
    ("Sinopec", "", "CHN"),
    ("COSCO", "", "CHN"),
    ("Gazprom", "", "RUS"),
    ("Rosneft", "", "RUS"),
    ("Lukoil", "", "RUS"),
    ("Rosatom", "", "RUS"),
    ("Sberbank", "", "RUS"),
    ("VTB", "VTB Bank", "RUS"),
    ("Aeroflot", "", "RUS"),
    ("Naftogaz", "", "UKR"),
    ("Ukrzaliznytsia", "", "UKR"),
    ("Saudi Aramco", "Aramco", "SAU"),
    ("Qatar Airways", "", "QAT"),
    ("Emirates airline", "", "ARE"),
    ("Turkish Airlines", "", "TUR"),
    ("Baykar", "", "TUR"),
    ("Samsung", "Samsung Electronics", "KOR"),
    ("Hyundai", "", "KOR"),
    ("Toyota", "", "JPN"),
    ("Sony", "", "JPN"),
    ("TSMC", "Taiwan Semiconductor Manufacturing Company", "TWN"),
    ("Foxconn", "", "TWN"),
    ("Tata", "Tata Group", "IND"),
    ("Reliance Industries", "", "IND"),
    ("Adani Group", "Adani", "IND"),
    ("Infosys", "", "IND"),
    ("Air India", "", "IND"),
    ("Volkswagen", "", "DEU"),
    ("Siemens", "", "DEU"),
    ("Deutsche Bank", "", "DEU"),
    ("Rheinmetall", "", "DEU"),
    ("Lufthansa", "", "DEU"),
    ("BASF", "", "DEU"),
    ("Airbus", "", "FRA"),
    ("TotalEnergies", "", "FRA"),
    ("Thales", "", "FRA"),
    ("Dassault Aviation", "Dassault", "FRA"),
    ("Air France", "", "FRA"),
    ("Renault", "", "FRA"),
    ("BP", "British Petroleum", "GBR"),
    ("Shell plc", "Royal Dutch Shell", "GBR"),
    ("BAE Systems", "", "GBR"),
    ("HSBC", "", "GBR"),
    ("Barclays", "", "GBR"),
    ("British Airways", "", "GBR"),
    ("Rio Tinto", "", "GBR"),
    ("Glencore", "", "CHE"),
    ("Nestle", "Nestlé", "CHE"),
    ("Novartis", "", "CHE"),
    ("Eni", "", "ITA"),
    ("Leonardo S.p.A.", "", "ITA"),
    ("Equinor", "", "NOR"),
    ("Ericsson", "", "SWE"),
    ("Nokia", "", "FIN"),
    ("Maersk", "", "DNK"),
    ("Philips", "", "NLD"),
    ("Petrobras", "", "BRA"),
    ("Vale", "", "BRA"),
    ("Pemex", "Petroleos Mexicanos|Petróleos Mexicanos", "MEX"),
    ("PDVSA", "Petroleos de Venezuela", "VEN"),
    ("Ecopetrol", "", "COL"),
    ("Codelco", "", "CHL"),
    ("YPF", "", "ARG"),
    ("Sonatrach", "", "DZA"),
    ("NNPC", "Nigerian National Petroleum Corporation|NNPC Limited", "NGA"),
    ("Dangote Group", "Dangote", "NGA"),
    ("Eskom", "", "ZAF"),
    ("Transnet", "", "ZAF"),
    ("Gecamines", "Gécamines", "COD"),
    ("Ethiopian Airlines", "", "ETH"),
    ("Safaricom", "", "KEN"),
    ("National Iranian Oil Company", "NIOC", "IRN"),
    ("Qantas", "", "AUS"),
    ("BHP", "BHP Billiton", "AUS"),
    ("Air Canada", "", "CAN"),
    ("Bombardier", "", "CAN"),
    ("Petronas", "", "MYS"),
    ("Pertamina", "", "IDN"),
    ("Garuda Indonesia", "", "IDN"),
    ("Singapore Airlines", "", "SGP"),
    ("Elbit Systems", "", "ISR"),
    ("Israel Aerospace Industries", "", "ISR"),
    ("NSO Group", "", "ISR"),
    ("Kazmunaygas", "KazMunayGas", "KAZ"),
    ("Air Zimbabwe", "", "ZWE"),
]

# listed companies worth less than this (the file's market values, about 2012) are left out: small listings
# are rarely in political news, and every name costs load time
MIN_VALUE = 5_000_000_000

SUFFIXES = {
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "plc", "ltd", "ltd.", "limited", "co", "co.", "company",
    "holdings", "holding", "group", "s.a.", "sa", "ag", "n.v.", "nv", "adr", "llc", "lp", "l.p.", "the",
}
# words that make a listed name not a company acting (funds, people by title, units of a company)
DROP_WORDS = {
    "fund", "funds", "trust", "spokesman", "spokeswoman", "spokesperson", "chief", "executive", "ceo",
    "chairman", "president", "director", "manager", "officer", "secretary", "founder", "owner",
}
TITLE_HINT = re.compile(r"spokes|chief|executive|chairman|president|director|ceo|founder|owner", re.I)


def common_words(shared):
    """Forms written lowercased in UD English EWT and GUM: ordinary words."""
    seen = set()
    nlp = os.path.join(shared, "nlp")
    paths = [os.path.join(nlp, "ud-english-ewt", f"en_ewt-ud-{p}.conllu") for p in ("train", "dev", "test")]
    gum = os.path.join(nlp, "gum")
    paths += [os.path.join(gum, f) for f in sorted(os.listdir(gum)) if f.endswith(".conllu")]
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line or line[0] == "#" or "\t" not in line:
                    continue
                form = line.split("\t", 2)[1]
                if form.islower():
                    seen.add(form)
    return seen


def taken_forms():
    """Forms other actor files own (lowercased): countries, adjectives, capitals, IGOs, people, groups."""
    taken = set()
    actors = os.path.join(ROOT, "data", "actors")
    for name in ("countries.tsv", "igos.tsv", "people.tsv", "groups.tsv"):
        with open(os.path.join(actors, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                for cell in line.rstrip("\n").split("\t"):
                    for form in cell.split("|"):
                        if form and form != "-":
                            taken.add(form.lower())
    return taken


def iso3s():
    out = set()
    with open(os.path.join(ROOT, "data", "actors", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                out.add(line.split("\t", 1)[0])
    return out


def display(words):
    """PHOENIX_STYLE words to a written name: short all-consonant words stay capitals (BP, HSBC)."""
    out = []
    for w in words:
        if len(w) <= 4 and not re.search(r"[AEIOUY]", w) or re.fullmatch(r"[A-Z]{2,3}", w) and len(words) == 1:
            out.append(w)
        elif w.upper() in ("AND",):
            out.append("and")
        elif w.upper() == "OF":
            out.append("of")
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def phoenix(shared, countries, common):
    path = os.path.join(shared, "petrarch", "Phoenix.International.actors.txt")
    rows = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = re.match(r"^([A-Z0-9][^\s\[#]*)\s*((?:\[[^\]]*\])+)\s*(#.*)?$", line.rstrip("\n"))
            if not m:
                continue
            name, codes, comment = m.group(1), m.group(2), m.group(3) or ""
            last = re.findall(r"\[([A-Z]+)[^\]]*\]", codes)
            if not last:
                continue
            code = last[-1]
            if not code.startswith("MNC") or len(code) < 6:
                continue
            iso = code[3:6]
            if iso not in countries or code[6:] == "MED" or TITLE_HINT.search(comment):
                continue
            # the stock-exchange listings carry a market value: only the large ones are in the news
            cap = re.search(r"\$([\d,]+)", comment)
            if cap and int(cap.group(1).replace(",", "")) < MIN_VALUE:
                continue
            words = [w for w in name.strip("_").split("_") if w]
            if not words or any(w.lower().strip(".") in DROP_WORDS for w in words):
                continue
            if any(re.search(r"[^A-Za-z0-9&'.\-]", w) for w in words):
                continue
            # a person's initial ("E._SLACK", "R_BERZOK"): one letter with or without a dot
            if re.fullmatch(r"[A-Z]\.?", words[0]) and len(words) <= 3:
                continue
            core = list(words)
            while len(core) > 1 and core[-1].lower() in SUFFIXES:
                core.pop()
            if len(core) > 1 and core[0].lower() == "the":
                core = core[1:]
            shown = display(core)
            full = display(words)
            if len(core) == 1 and core[0].lower() in common:
                continue
            if len(shown) < 3:
                continue
            aliases = [full] if full != shown else []
            rows.setdefault(shown, (aliases, iso))
    return rows


def build(shared):
    countries = iso3s()
    common = common_words(shared)
    taken = taken_forms()
    rows = phoenix(shared, countries, common)
    for name, aliases, iso in CURATED:
        rows[name] = ([a for a in aliases.split("|") if a], iso)
    owner = {}
    out = []
    for name in sorted(rows, key=str.lower):
        aliases, iso = rows[name]
        forms = [f for f in [name] + aliases if f.lower() not in taken and f.lower() not in owner]
        if not forms or forms[0] != name:
            continue
        for f in forms:
            owner[f.lower()] = name
        out.append(f"{name}\t{'|'.join(forms[1:]) or '-'}\t{iso}BUS\tcompany\t-\t-")
    head = [
        "# petrel companies: name<TAB>aliases<TAB>code<TAB>role<TAB>start<TAB>end (the people.tsv format; see",
        "# data/actors/README.md). A company is an actor of its home country, sector BUS.",
        "# Generated by scripts/build_companies.py: multinational corporations of PETRARCH-2's",
        "# Phoenix.International.actors.txt (MIT, (c) 2014 Open Event Data Alliance) with a country, less media,",
        "# people, funds and one-word names that are common English words; plus companies written by the petrel",
        "# authors from public knowledge (2025). Do not edit by hand: edit the script and rebuild.",
    ]
    return "\n".join(head + out) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(ROOT, "..", "shared", "data")
    out = os.path.join(ROOT, "data", "actors", "companies.tsv")
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
        if out in args:
            args.remove(out)
    text = build(shared)
    if "--check" in sys.argv:
        with open(out, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{out} differs from what scripts/build_companies.py builds", file=sys.stderr)
                sys.exit(1)
        print(f"{out}: up to date")
        return
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{out}: {text.count(chr(10)) - 6} companies")


if __name__ == "__main__":
    main()
