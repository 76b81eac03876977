#!/usr/bin/env python3
"""Validate data/patterns/events.txt and (optionally) measure it on a labelled sentence file.

Usage:
  scripts/check_patterns.py                      # validate, print counts per root and per code
  scripts/check_patterns.py --eval FILE.tsv      # + coverage / PentaClass agreement on `text<TAB>label`
  scripts/check_patterns.py --eval FILE.tsv --variant both --show-misses 40 --show-codes 0234,173
  scripts/check_patterns.py --eval FILE.tsv --ties      # overlaps the stated rule cannot order
  scripts/check_patterns.py --eval FILE.tsv --hits      # resolved matches per pattern line
  scripts/check_patterns.py --eval FILE.tsv --count-gaps  # as if '...' counted as an element
  scripts/check_patterns.py --scan TEXT          # every match in unlabelled text (plain or CoNLL-U)
  scripts/check_patterns.py --match "Police detained dozens of protesters on Sunday."

The validator implements the grammar documented in data/patterns/README.md.  The matcher is a
deliberately rough stand-in for petrel's Rust matcher (naive inflection, small irregular-verb
table); it exists to measure coverage and to spot patterns that misfire, not to define behaviour.

The evaluation file is only read, never copied: nothing from it is written anywhere.
"""
import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATTERNS = ROOT / "data" / "patterns" / "events.txt"
DEFAULT_CODES = Path("/work/shared/data/ontology/cameo-codes.csv")

# ---------------------------------------------------------------------------------------------
# Grammar
# ---------------------------------------------------------------------------------------------
WORD = r"'s|n't|[a-z0-9\$€£][a-z0-9'\-\.]*|[^\sa-z0-9{}|~*#]"  # literal token: lowercase word/number or one punctuation mark
RE_WORD = re.compile(rf"^(?:{WORD})$")
RE_VERB = re.compile(r"^\{([a-z][a-z\-]*)\}$")
RE_NOUN = re.compile(r"^([a-z][a-z\-]*)~$")
RE_CODE = re.compile(r"^\d{2,4}$")


class Elem:
    __slots__ = ("kind", "value")

    def __init__(self, kind, value):
        self.kind = kind  # 'lit' (set of tokens) | 'verb' (lemma) | 'noun' (stem) | 'any' | 'gap'
        self.value = value

    def __repr__(self):
        return f"{self.kind}:{self.value}"


def parse_element(tok):
    """Return (Elem, error-or-None)."""
    # `@V`: the token must be tagged as a verb; this checker has no tagger and matches the word whatever its tag
    if tok.endswith("@V") and len(tok) > 2:
        tok = tok[:-2]
    if tok == "...":
        return Elem("gap", None), None
    if tok == "*":
        return Elem("any", None), None
    if tok.startswith("{") or tok.endswith("}"):
        if "|" in tok:
            return None, f"alternation inside or around braces is not allowed: {tok!r} (one lemma per line)"
        m = RE_VERB.match(tok)
        if not m:
            return None, f"malformed verb element {tok!r} (expected {{lemma}})"
        return Elem("verb", m.group(1)), None
    if "|" in tok:
        alts = tok.split("|")
        for a in alts:
            if not a:
                return None, f"empty alternative in {tok!r}"
            if not RE_WORD.match(a) or a in ("...", "*"):
                return None, f"alternation {tok!r} must list literal lowercase tokens, bad item {a!r}"
        if len(set(alts)) != len(alts):
            return None, f"repeated alternative in {tok!r}"
        return Elem("lit", frozenset(alts)), None
    if tok.endswith("~"):
        m = RE_NOUN.match(tok)
        if not m:
            return None, f"malformed noun element {tok!r} (expected noun~)"
        return Elem("noun", m.group(1)), None
    if tok != tok.lower():
        return None, f"literal {tok!r} must be lowercase"
    if not RE_WORD.match(tok):
        return None, f"malformed literal {tok!r}"
    return Elem("lit", frozenset([tok])), None


def strip_comment(line):
    # '#' starts a comment at line start or when preceded by whitespace
    if line.lstrip().startswith("#"):
        return ""
    m = re.search(r"\s#", line)
    return line[: m.start()] if m else line


def load_codes(path):
    codes = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            codes[r["code"]] = r["name"]
    return codes


def parse_file(path, codes):
    """Return (patterns, errors, warnings). pattern = dict(code, text, elems, line)."""
    pats, errors, warnings = [], [], []
    seen = {}
    section = None
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        raw = raw.rstrip("\n")
        if raw.startswith("## "):
            m = re.match(r"^## (\d{2}) ", raw)
            section = m.group(1) if m else None
            if not m:
                warnings.append(f"{n}: section header without a 2-digit root: {raw!r}")
        body = strip_comment(raw).rstrip()
        if not body.strip():
            continue
        if "\t" not in body:
            errors.append(f"{n}: no TAB between code and pattern: {raw!r}")
            continue
        code, _, pat = body.partition("\t")
        # `CODE!`: a fallback pattern (stands only where no other pattern matched); `CODE?`: one that stands only
        # where the sentence judges; the code is checked as usual
        code = code[:-1] if code.endswith(("!", "?")) else code
        if "\t" in pat:
            errors.append(f"{n}: more than one TAB: {raw!r}")
            continue
        if not RE_CODE.match(code):
            errors.append(f"{n}: malformed code {code!r}")
            continue
        if code not in codes:
            errors.append(f"{n}: code {code} is not in cameo-codes.csv")
            continue
        if pat != pat.strip() or "  " in pat:
            errors.append(f"{n}: elements must be separated by single spaces: {pat!r}")
            continue
        toks = pat.split(" ")
        elems, bad = [], False
        for t in toks:
            e, err = parse_element(t)
            if err:
                errors.append(f"{n}: {err}")
                bad = True
                break
            elems.append(e)
        if bad:
            continue
        if elems[0].kind == "gap" or elems[-1].kind == "gap":
            errors.append(f"{n}: '...' may not be first or last: {pat!r}")
            continue
        if any(a.kind == "gap" and b.kind == "gap" for a, b in zip(elems, elems[1:])):
            errors.append(f"{n}: two gaps in a row: {pat!r}")
            continue
        if all(e.kind in ("gap", "any") for e in elems):
            errors.append(f"{n}: pattern has no literal element: {pat!r}")
            continue
        # tokens are lowercased: in a pattern with a gap, 'march' not after a|the is mostly the month ("held talks in March")
        if any(e.kind == "gap" for e in elems) and any(
            b.kind == "lit" and "march" in b.value and not (a and a.kind == "lit" and a.value <= {"a", "the"})
            for a, b in zip([None] + elems, elems)
        ):
            errors.append(f"{n}: 'march' after a gap matches the month; write 'marches' or 'a|the march': {pat!r}")
            continue
        key = (code, pat)
        if pat in seen:
            if seen[pat][0] == code:
                errors.append(f"{n}: exact duplicate of line {seen[pat][1]}: {code}\t{pat}")
            else:
                errors.append(f"{n}: same pattern as line {seen[pat][1]} with a different code ({seen[pat][0]} vs {code})")
            continue
        seen[pat] = (code, n)
        if section and not code.startswith(section):
            warnings.append(f"{n}: code {code} listed under section ## {section}")
        pats.append(dict(code=code, text=pat, elems=elems, line=n))
    return pats, errors, warnings


# ---------------------------------------------------------------------------------------------
# Rough inflection
# ---------------------------------------------------------------------------------------------
IRREGULAR = {
    # lemma: (past, past participle)  -- a small table; the Rust program has its own
    "arise": ("arose", "arisen"), "be": ("was were", "been"), "bear": ("bore", "borne born"),
    "beat": ("beat", "beaten"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bid": ("bid", "bid"), "bind": ("bound", "bound"), "blow": ("blew", "blown"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "burn": ("burned burnt", "burned burnt"), "buy": ("bought", "bought"), "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"), "come": ("came", "come"), "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"), "do": ("did", "done"), "draw": ("drew", "drawn"), "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"), "fall": ("fell", "fallen"), "feel": ("felt", "felt"), "fight": ("fought", "fought"),
    "find": ("found", "found"), "flee": ("fled", "fled"), "fly": ("flew", "flown"), "forbid": ("forbade", "forbidden"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "get": ("got", "got gotten"),
    "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"), "hang": ("hanged hung", "hanged hung"),
    "have": ("had", "had"), "hear": ("heard", "heard"), "hide": ("hid", "hidden"), "hit": ("hit", "hit"),
    "hold": ("held", "held"), "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "leave": ("left", "left"), "lend": ("lent", "lent"),
    "let": ("let", "let"), "light": ("lit lighted", "lit lighted"), "lose": ("lost", "lost"), "make": ("made", "made"),
    "meet": ("met", "met"), "mislead": ("misled", "misled"), "overrun": ("overran", "overrun"),
    "overthrow": ("overthrew", "overthrown"), "overtake": ("overtook", "overtaken"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "quit": ("quit", "quit"), "read": ("read", "read"), "retake": ("retook", "retaken"),
    "ride": ("rode", "ridden"), "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"),
    "see": ("saw", "seen"), "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shed": ("shed", "shed"), "shoot": ("shot", "shot"),
    "shut": ("shut", "shut"), "sink": ("sank", "sunk"), "slay": ("slew", "slain"), "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"), "split": ("split", "split"), "spread": ("spread", "spread"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck stricken"), "swear": ("swore", "sworn"), "sweep": ("swept", "swept"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tear": ("tore", "torn"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "undertake": ("undertook", "undertaken"),
    "uphold": ("upheld", "upheld"), "wage": ("waged", "waged"), "wake": ("woke", "woken"), "wear": ("wore", "worn"),
    "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"), "withhold": ("withheld", "withheld"),
    "write": ("wrote", "written"), "shoot-down": ("shot-down", "shot-down"), "forgo": ("forwent", "forgone"),
    "outlaw": ("outlawed", "outlawed"), "broadcast": ("broadcast", "broadcast"), "upset": ("upset", "upset"),
    "bet": ("bet", "bet"), "forecast": ("forecast forecasted", "forecast forecasted"), "test-fire": ("test-fired", "test-fired"),
    "mislay": ("mislaid", "mislaid"), "bleed": ("bled", "bled"), "feed": ("fed", "fed"), "flee": ("fled", "fled"),
    "sling": ("slung", "slung"), "string": ("strung", "strung"), "spit": ("spat", "spat"),
}
VOWELS = set("aeiou")


def _third(v):
    if v.endswith(("s", "x", "z", "ch", "sh", "o")):
        return v + "es"
    if v.endswith("y") and len(v) > 1 and v[-2] not in VOWELS:
        return v[:-1] + "ies"
    return v + "s"


def _cvc(v):
    return (len(v) >= 3 and v[-1] not in VOWELS and v[-1] not in "wxy" and v[-2] in VOWELS
            and v[-3] not in VOWELS)


def verb_forms(lemma):
    """Over-generating set of inflected forms (harmless for matching)."""
    forms = {lemma, _third(lemma)}
    if lemma == "be":
        return {"be", "is", "are", "am", "was", "were", "been", "being"}
    if lemma == "have":
        return {"have", "has", "had", "having"}
    if lemma == "do":
        return {"do", "does", "did", "done", "doing"}
    if lemma == "go":
        forms |= {"goes"}
    # -ing
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        forms.add(lemma[:-1] + "ing")
    else:
        forms.add(lemma + "ing")
    if _cvc(lemma) or lemma.endswith("l"):
        forms.add(lemma + lemma[-1] + "ing")
    if lemma.endswith("c"):
        forms.add(lemma + "king")
    # past
    if lemma in IRREGULAR:
        p, pp = IRREGULAR[lemma]
        forms |= set(p.split()) | set(pp.split())
    else:
        if lemma.endswith("e"):
            forms.add(lemma + "d")
        elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
            forms.add(lemma[:-1] + "ied")
        else:
            forms.add(lemma + "ed")
        if _cvc(lemma) or lemma.endswith("l"):
            forms.add(lemma + lemma[-1] + "ed")
        if lemma.endswith("c"):
            forms.add(lemma + "ked")
    return forms


def noun_forms(stem):
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        return {stem, stem + "es"}
    if stem.endswith("y") and len(stem) > 1 and stem[-2] not in VOWELS:
        return {stem, stem[:-1] + "ies"}
    return {stem, stem + "s"}


def compile_pattern(p):
    out = []
    for e in p["elems"]:
        if e.kind == "lit":
            out.append(("set", e.value))
        elif e.kind == "verb":
            out.append(("set", frozenset(verb_forms(e.value))))
        elif e.kind == "noun":
            out.append(("set", frozenset(noun_forms(e.value))))
        elif e.kind == "any":
            out.append(("any", None))
        else:
            out.append(("gap", None))
    return out


# ---------------------------------------------------------------------------------------------
# Tokenizer + matcher (rough)
# ---------------------------------------------------------------------------------------------
RE_TOKEN = re.compile(r"n't|'s|\d+(?:[.,]\d+)+|[a-z0-9]+(?:[\-\.'][a-z0-9]+)*|[^\sa-z0-9]")


def tokenize(text):
    t = text.lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("\u00b4", "'")
    t = t.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", " - ")
    t = re.sub(r"(\w)n't\b", r"\1 n't", t)
    t = re.sub(r"(\w)'s\b", r"\1 's", t)
    toks = RE_TOKEN.findall(t)
    # a trailing abbreviation dot ('u.s.') stays; a sentence-final '.' glued to a word was not matched above
    return toks


# A gap never crosses these tokens.  The brief names ';' and ':'; petrel's matcher (crates/knowledge/src/
# patterns.rs) also stops at commas, quotes, brackets, dashes and sentence punctuation, and so does this one.
BARRIER = {";", ":", ",", '"', "(", ")", "--", "-", ".", "!", "?"}
MAXGAP = 6  # as crates/knowledge/src/patterns.rs MAX_GAP
# Filters applied by petrel's coder (crates/coding/src/coder.rs), mimicked for the measurement:
# a verbal pattern (starting with {verb}) right after a determiner on an -ed form is an adjective ("the banned
# movement"), and one right after "to" is a purpose infinitive unless a future word precedes the "to".
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "some", "many", "all", "both", "other", "several"}
FUTURE = {"will", "'ll", "would", "shall", "expected", "plans", "planned", "planning", "plan", "set", "going",
          "intends", "intended", "intend", "scheduled", "due", "threatened", "vowed", "pledged", "promised"}


def match_at(cp, toks, i):
    """Return end index (exclusive) of the shortest match of compiled pattern cp starting at i, or None."""
    def rec(k, j):
        if k == len(cp):
            return j
        kind, val = cp[k]
        if kind == "gap":
            for g in range(0, MAXGAP + 1):
                if g > 0 and (j + g - 1 >= len(toks) or toks[j + g - 1] in BARRIER):
                    break
                r = rec(k + 1, j + g)
                if r is not None:
                    return r
            return None
        if j >= len(toks):
            return None
        if kind == "any" or toks[j] in val:
            return rec(k + 1, j + 1)
        return None
    return rec(0, i)


class Matcher:
    def __init__(self, pats, count_gaps=False):
        self.pats = pats
        self.comp = [compile_pattern(p) for p in pats]
        self.count_gaps = count_gaps
        # index by first element's tokens for speed
        self.first = defaultdict(list)
        self.wild = []
        for idx, cp in enumerate(self.comp):
            kind, val = cp[0]
            if kind == "set":
                for t in val:
                    self.first[t].append(idx)
            else:
                self.wild.append(idx)

    def nelem(self, idx):
        els = self.pats[idx]["elems"]
        return len(els) if self.count_gaps else sum(1 for e in els if e.kind != "gap")

    def all_matches(self, toks):
        ms = []
        for i, t in enumerate(toks):
            for idx in self.first.get(t, []) + self.wild:
                end = match_at(self.comp[idx], toks, i)
                if end is not None:
                    ms.append((i, end, idx))
        return ms

    def verbal(self, idx):
        return self.pats[idx]["elems"][0].kind == "verb"

    def resolve(self, toks, coder_filters=True):
        """Greedy overlap resolution: most elements, then longer (more specific) code, then earliest."""
        ms = self.all_matches(toks)
        if coder_filters:
            ms = [m for m in ms if not (self.verbal(m[2]) and m[0] > 0 and toks[m[0] - 1] in DETERMINERS
                                        and toks[m[0]].endswith("ed"))]
        ms.sort(key=lambda m: (-self.nelem(m[2]), -len(self.pats[m[2]]["code"]), m[0], m[1] - m[0]))
        taken = [False] * len(toks)
        chosen = []
        for s, e, idx in ms:
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            chosen.append((s, e, idx))
        chosen.sort()
        if coder_filters:
            chosen = [m for m in chosen if not (self.verbal(m[2]) and m[0] >= 1 and toks[m[0] - 1] == "to"
                                                and not (m[0] >= 2 and toks[m[0] - 2] in FUTURE))]
        return chosen

    def ties(self, toks):
        """Overlapping matches with a different code that the stated rule (elements, then code length) cannot
        order: the outcome then depends on the implementation's secondary tie-break."""
        ms = self.all_matches(toks)
        out = []
        for a in range(len(ms)):
            for b in range(a + 1, len(ms)):
                (s1, e1, i1), (s2, e2, i2) = ms[a], ms[b]
                if s1 >= e2 or s2 >= e1:
                    continue
                c1, c2 = self.pats[i1]["code"], self.pats[i2]["code"]
                if c1 == c2 or len(c1) != len(c2) or self.nelem(i1) != self.nelem(i2):
                    continue
                # only relevant if nothing strictly stronger covers the pair
                k = (self.nelem(i1), len(c1))
                if any((self.nelem(i), len(self.pats[i]["code"])) > k and not (s >= max(e1, e2) or min(s1, s2) >= e)
                       for s, e, i in ms):
                    continue
                out.append((i1, i2))
        return out

    def main_event(self, chosen):
        if not chosen:
            return None
        return max(chosen, key=lambda m: (self.nelem(m[2]), -m[0]))


# ---------------------------------------------------------------------------------------------
# PentaClass
# ---------------------------------------------------------------------------------------------
def penta(code, variant="brief"):
    r = int(code[:2])
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 9:
        return 3 if (variant == "data" and r == 9) else 2
    if r <= 13:
        return 3
    if variant == "data" and r == 16:
        return 3
    return 4


def read_eval(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, _, lab = line.rpartition("\t")
            lab = lab.strip()
            if not lab.isdigit():
                continue
            if text.startswith('"') and text.endswith('"'):
                text = text[1:-1].replace('""', '"')
            rows.append((text, int(lab)))
    return rows


def evaluate(m, rows, variant, show_misses=0, show_codes=()):
    fired = right = any_right = 0
    nev = ev_right = 0
    by_class = Counter()
    by_class_right = Counter()
    confusion = Counter()
    code_hits = Counter()
    code_right = Counter()
    misses = []
    for text, lab in rows:
        toks = tokenize(text)
        ch = m.resolve(toks)
        by_class[lab] += 1
        for s, e, idx in ch:
            c = m.pats[idx]["code"]
            nev += 1
            if penta(c, variant) == lab:
                ev_right += 1
        if not ch:
            confusion[(lab, "-")] += 1
            if show_misses:
                misses.append(("NONE", lab, text, ""))
            continue
        fired += 1
        s, e, idx = m.main_event(ch)
        c = m.pats[idx]["code"]
        pc = penta(c, variant)
        confusion[(lab, pc)] += 1
        key = f"{c}\t{m.pats[idx]['text']}"
        code_hits[key] += 1
        if pc == lab:
            right += 1
            by_class_right[lab] += 1
            code_right[key] += 1
        elif show_misses:
            misses.append((key, lab, text, " ".join(toks[s:e])))
        if any(penta(m.pats[i]["code"], variant) == lab for _, _, i in ch):
            any_right += 1
    n = len(rows)
    print(f"\n== evaluation ({variant} mapping{', gaps counted' if m.count_gaps else ''}) on {n} sentences")
    print(f"(a) at least one pattern fires: {fired}/{n} = {fired / n:.1%}")
    print(f"(b) main (longest) match in the gold PentaClass: {right}/{n} = {right / n:.1%} of all, "
          f"{right / max(fired, 1):.1%} of fired")
    print(f"    any resolved match in the gold class: {any_right}/{n} = {any_right / n:.1%}")
    print(f"    resolved events: {nev} ({nev / max(fired, 1):.2f} per fired sentence), "
          f"in gold class: {ev_right / max(nev, 1):.1%}")
    print("    per gold class: " + "  ".join(
        f"{c}: {by_class_right[c]}/{by_class[c]}" for c in sorted(by_class)))
    print("    confusion gold->pred: " + "  ".join(
        f"{g}->{p}:{k}" for (g, p), k in sorted(confusion.items(), key=lambda x: (x[0][0], str(x[0][1])))))
    if show_misses:
        print("\n-- worst main-event patterns (wrong/total):")
        worst = sorted(code_hits, key=lambda k: -(code_hits[k] - code_right[k]))[:show_misses]
        for k in worst:
            if code_hits[k] - code_right[k] > 0:
                print(f"   {code_hits[k] - code_right[k]:3d}/{code_hits[k]:3d}  {k}")
    for key, lab, text, span in misses[: show_misses * 3 if show_misses else 0]:
        if show_codes and not any(key.startswith(c + "\t") for c in show_codes):
            continue
        print(f"   [{lab}] {key:40s} «{span}»  {text[:150]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--patterns", default=str(DEFAULT_PATTERNS))
    ap.add_argument("--codes", default=str(DEFAULT_CODES))
    ap.add_argument("--eval")
    ap.add_argument("--variant", default="brief", choices=["brief", "data", "both"])
    ap.add_argument("--count-gaps", action="store_true", help="count '...' as an element in the longest-match rule")
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--show-codes", default="")
    ap.add_argument("--match", action="append", default=[])
    ap.add_argument("--scan", help="unlabelled text (one sentence a line, or CoNLL-U '# text =' lines): "
                                   "print every resolved match, to eyeball false positives")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--hits", action="store_true", help="with --eval: per-pattern counts of resolved matches")
    ap.add_argument("--ties", action="store_true",
                    help="with --eval/--scan: list overlapping matches of different codes that the rule cannot order")
    args = ap.parse_args()

    codes = load_codes(args.codes)
    pats, errors, warnings = parse_file(args.patterns, codes)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    if not args.quiet:
        per_root = Counter(p["code"][:2] for p in pats)
        per_code = Counter(p["code"] for p in pats)
        print(f"{len(pats)} patterns, {len(per_code)} distinct codes, {len(per_root)}/20 roots, {len(errors)} errors")
        print("per root: " + "  ".join(f"{r}:{per_root[r]}" for r in sorted(per_root)))
        missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in per_root]
        if missing:
            print("roots without patterns:", " ".join(missing))
        print("per code: " + "  ".join(f"{c}:{per_code[c]}" for c in sorted(per_code, key=lambda c: (c[:2], c))))
    m = Matcher(pats, count_gaps=args.count_gaps)
    for s in args.match:
        toks = tokenize(s)
        print("\n" + " ".join(toks))
        for st, en, idx in m.resolve(toks):
            p = m.pats[idx]
            print(f"   {p['code']:5s} {p['text']:45s} «{' '.join(toks[st:en])}» (line {p['line']})")
    if args.scan:
        n = nfired = 0
        per = Counter()
        for line in open(args.scan, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                line = line[len("# text = "):]
            elif line.startswith("#") or "\t" in line or not line.strip():
                continue
            n += 1
            toks = tokenize(line)
            ch = m.resolve(toks)
            if ch:
                nfired += 1
            for st, en, idx in ch:
                per[pats[idx]["code"]] += 1
                print(f"{pats[idx]['code']:5s} «{' '.join(toks[st:en])}»  {line[:140]}")
        roots = Counter()
        for c, k in per.items():
            roots[c[:2]] += k
        print(f"\n{nfired}/{n} sentences with at least one match; matches per root: "
              + "  ".join(f"{r}:{roots[r]}" for r in sorted(roots)))
    if args.eval:
        rows = read_eval(args.eval)
        variants = ["brief", "data"] if args.variant == "both" else [args.variant]
        for v in variants:
            evaluate(m, rows, v, args.show_misses, [c for c in args.show_codes.split(",") if c])
        if args.ties:
            tc = Counter()
            for text, _ in rows:
                for i1, i2 in m.ties(tokenize(text)):
                    tc[tuple(sorted((f"{pats[i1]['code']}\t{pats[i1]['text']}", f"{pats[i2]['code']}\t{pats[i2]['text']}")))] += 1
            print(f"\n-- unresolved ties: {sum(tc.values())}")
            for (a, b), k in tc.most_common():
                print(f"   {k:3d}  {a[:70]}  <->  {b[:70]}")
        if args.hits:
            hits = Counter()
            for text, _ in rows:
                for _, _, idx in m.resolve(tokenize(text)):
                    hits[idx] += 1
            print("\n-- resolved matches per pattern (line, hits, code, pattern)")
            for idx, p in enumerate(pats):
                print(f"{p['line']:5d} {hits[idx]:4d} {p['code']:5s} {p['text']}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
