#!/usr/bin/env python3
"""Validates a gold event file against its articles and prints what it covers.

usage: scripts/check_gold.py [GOLD.jsonl [ARTICLES.jsonl]]
       (defaults: data/gold/dev-articles.gold.jsonl data/gold/dev-articles.jsonl)

Articles: one JSON object a line with "id", "date" (YYYY-MM-DD), "title", "text" (paragraphs split by blank lines).
Gold: the format of shared/tools/score_events.py (see data/gold/README.md): per article one "kind": "document" row
(negative_anchors, locations), then event rows (id, anchors, cameo_roots, source, target, plover, core, date,
location, counts, target_explicit, note).

Checked: every line parses; field types; every anchor and negative anchor occurs verbatim in its article's text,
inside one sentence; no event anchor shares a sentence with a negative anchor; CAMEO roots 01-20; PLOVER types;
actor codes are ISO alpha-3 codes listed in data/actors/countries.tsv (or XKX) or IGO codes listed in
data/actors/igos.tsv (or "CSTO"); date ranges are ordered real days; counts have min <= max; event ids are unique;
"mech: a, b | ..." tags in notes are known. Warns (does not fail) when an anchor occurs more than once in a text.
Exit status 0 when all is well, 1 when an error was found, 2 on a usage error.
"""
import datetime
import json
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLOVER = {'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT',
          'THREATEN', 'SANCTION', 'PROTEST', 'MOBILIZE', 'COERCE', 'ASSAULT'}
MECHANISMS = {
    'svo': 'subject-verb-object clause',
    'passive-by-agent': 'passive with a by-agent',
    'passive-no-agent': 'agentless passive (actor from context)',
    'sent-troops-oblique': '"sent/deployed troops to X": target is the oblique',
    'nominal': 'event expressed by a noun ("the arrest of", "calls for", "the strike")',
    'coordination': 'coordinated actors or verbs: one event per actor',
    'apposition': 'actor described in an apposition',
    'relative-clause': 'event or actor in a relative clause',
    'coref-pronoun': 'actor is a pronoun resolved across clauses or sentences',
    'coref-definite': 'actor or event is a definite description ("the ministry", "the group")',
    'coref-name': 'actor is a repeated short name (surname)',
    'reported-speech': 'a statement that is itself an event (accuse, appeal, threaten, deny, reject)',
    'reported-event': 'an event reported inside someone\'s statement',
    'negated': 'negated event (optional unless the refusal itself is the event)',
    'future': 'future or planned event (optional)',
    'hypothetical': 'conditional or hoped-for event (optional)',
    'explicit-date': 'event date stated relative to the article date ("on Tuesday", "last week")',
    'location': 'event place given',
    'counts': 'killed/injured/arrested/troops/protesters/abducted counts',
}
COUNT_KINDS = {'killed', 'injured', 'arrested', 'troops', 'protesters', 'abducted'}
# Sentence ends: . ! ? (optionally followed by a closing quote) then space and an upper-case letter or quote.
SENT_END = re.compile(r'(?<=[.!?])["\u201d\']?\s+(?=["\u201c]?[A-Z])')
ABBREV = re.compile(r'\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Sept|Oct|Nov|Dec|Jan|Feb|Aug|St)\.$')


def sentences(text):
    """Naive splitter that keeps common abbreviations (U.S., U.N., Sept.) inside their sentence."""
    out = []
    for para in text.split('\n\n'):
        buf = ''
        pos = 0
        for m in SENT_END.finditer(para):
            piece = para[pos:m.start()]
            pos = m.end()
            buf += piece
            if ABBREV.search(buf.rstrip('"\u201d\'')):
                buf += para[m.start():m.end()]
                continue
            out.append(buf.strip())
            buf = ''
        buf += para[pos:]
        if buf.strip():
            out.append(buf.strip())
    return out


def load_codes(path, col=0):
    codes = set()
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            codes.add(line.split('\t')[col].strip())
    return codes


def main():
    args = sys.argv[1:]
    if any(a in ('-h', '--help') for a in args):
        print(__doc__)
        return 0
    if len(args) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold_path = args[0] if args else os.path.join(ROOT, 'data/gold/dev-articles.gold.jsonl')
    art_path = args[1] if len(args) > 1 else os.path.join(ROOT, 'data/gold/dev-articles.jsonl')
    errors = []
    warnings = []

    def err(where, msg):
        errors.append(f'{where}: {msg}')

    countries = load_codes(os.path.join(ROOT, 'data/actors/countries.tsv'))
    igos = load_codes(os.path.join(ROOT, 'data/actors/igos.tsv'))

    def rows(path):
        out = []
        try:
            f = open(path, encoding='utf-8')
        except OSError as e:
            sys.exit(f'error: {path}: cannot read: {e.strerror}')
        with f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    err(f'{path}:{n}', f'not JSON: {e}')
                    continue
                if not isinstance(obj, dict):
                    err(f'{path}:{n}', 'not a JSON object')
                    continue
                out.append((n, obj))
        return out

    def is_day(s):
        if not isinstance(s, str) or not re.fullmatch(r'\d{4}-\d{2}-\d{2}', s):
            return False
        try:
            datetime.date.fromisoformat(s)
            return True
        except ValueError:
            return False

    # ---- articles
    texts = {}
    for n, a in rows(art_path):
        w = f'{art_path}:{n}'
        for k in ('id', 'date', 'title', 'text'):
            if not isinstance(a.get(k), str) or not a.get(k).strip():
                err(w, f'"{k}" must be a non-empty string')
        if not is_day(a.get('date')):
            err(w, f'"date" {a.get("date")!r} is not a YYYY-MM-DD day')
        if a.get('id') in texts:
            err(w, f'duplicate article id {a.get("id")!r}')
        if isinstance(a.get('id'), str) and isinstance(a.get('text'), str):
            texts[a['id']] = a['text']

    def actor_ok(v):
        if v is None:
            return True
        if isinstance(v, list):
            return bool(v) and all(isinstance(x, str) and actor_ok(x) for x in v)
        if not isinstance(v, str):
            return False
        if v == 'CSTO' or v.startswith('IGO'):
            return igos is None or v in igos or v == 'CSTO'
        return bool(re.fullmatch(r'[A-Z]{3}', v)) and (countries is None or v in countries or v == 'XKX')

    def in_one_sentence(text, s):
        return any(s in sent for sent in sentences(text))

    # ---- gold
    docs = {}
    seen_ids = set()
    mech_core = Counter()
    mech_opt = Counter()
    n_core = n_opt = 0
    events_per_doc = Counter()
    for n, g in rows(gold_path):
        w = f'{gold_path}:{n}'
        d = g.get('doc')
        if d not in texts:
            err(w, f'"doc" {d!r} is not an article id of {art_path}')
            continue
        text = texts[d]
        if g.get('kind') == 'document':
            if d in docs:
                err(w, f'second document row for {d}')
            negs = g.get('negative_anchors')
            if not isinstance(negs, list) or not all(isinstance(x, str) and x for x in negs):
                err(w, '"negative_anchors" must be a list of non-empty strings')
                negs = []
            for x in negs:
                if x not in text:
                    err(w, f'negative anchor {x!r} not in the text of {d}')
            locs = g.get('locations')
            if not isinstance(locs, list):
                err(w, '"locations" must be a list')
                locs = []
            for loc in locs:
                if not isinstance(loc, dict) or not isinstance(loc.get('name'), str) or \
                        not re.fullmatch(r'[A-Z]{2}', str(loc.get('country'))):
                    err(w, f'location {loc!r} needs "name" and a 2-letter "country"')
                elif 'geonameid' in loc and not isinstance(loc['geonameid'], int):
                    err(w, f'location {loc["name"]}: "geonameid" must be an integer')
            docs[d] = negs
            continue
        if d not in docs:
            err(w, f'event row before the document row of {d}')
        eid = g.get('id')
        if not isinstance(eid, str) or not eid:
            err(w, '"id" must be a non-empty string')
        elif (d, eid) in seen_ids:
            err(w, f'duplicate event id {eid} in {d}')
        seen_ids.add((d, eid))
        w = f'{w} ({d} {eid})'
        anchors = g.get('anchors')
        if not isinstance(anchors, list) or not anchors or not all(isinstance(x, str) and x.strip() for x in anchors):
            err(w, '"anchors" must be a non-empty list of non-empty strings')
            anchors = []
        for a in anchors:
            c = text.count(a)
            if c == 0:
                err(w, f'anchor {a!r} not in the text')
                continue
            if c > 1:
                warnings.append(f'{w}: anchor {a!r} occurs {c} times')
            if not in_one_sentence(text, a):
                err(w, f'anchor {a!r} crosses a sentence boundary')
            for sent in sentences(text):
                if a in sent:
                    for x in docs.get(d, []):
                        if x in sent:
                            err(w, f'anchor {a!r} shares a sentence with negative anchor {x!r}')
        roots = g.get('cameo_roots')
        if not isinstance(roots, list) or not roots or \
                not all(isinstance(r, str) and re.fullmatch(r'\d\d', r) and 1 <= int(r) <= 20 for r in roots):
            err(w, f'"cameo_roots" {roots!r} must be a non-empty list of "01".."20"')
        pl = g.get('plover')
        if not isinstance(pl, list) or not all(p in PLOVER for p in pl):
            err(w, f'"plover" {pl!r} must be a list of PLOVER types')
        for k in ('source', 'target'):
            if not actor_ok(g.get(k)):
                err(w, f'"{k}" {g.get(k)!r} is not null, a known country/IGO code or a list of them')
        for k in ('core', 'target_explicit'):
            if not isinstance(g.get(k), bool):
                err(w, f'"{k}" must be true or false')
        dt = g.get('date')
        if dt is not None and not (isinstance(dt, list) and len(dt) == 2 and all(is_day(x) for x in dt)
                                   and dt[0] <= dt[1]):
            err(w, f'"date" {dt!r} must be null or [first, last] days in order')
        loc = g.get('location')
        if loc is not None and not (isinstance(loc, dict) and re.fullmatch(r'[A-Z]{2}', str(loc.get('country')))):
            err(w, '"location" must be null or an object with a 2-letter "country"')
        counts = g.get('counts')
        if not isinstance(counts, list):
            err(w, '"counts" must be a list')
            counts = []
        for c in counts:
            if not (isinstance(c, dict) and c.get('kind') in COUNT_KINDS and isinstance(c.get('min'), int)
                    and isinstance(c.get('max'), int) and 0 <= c['min'] <= c['max']):
                err(w, f'count {c!r} needs a known "kind" and integers 0 <= min <= max')
        note = g.get('note')
        if not isinstance(note, str):
            err(w, '"note" must be a string')
            note = ''
        m = re.match(r'mech: ([^|]*)', note)
        tags = [t.strip() for t in m.group(1).split(',') if t.strip()] if m else []
        if not tags:
            warnings.append(f'{w}: note names no mechanism ("mech: a, b | ...")')
        for t in tags:
            if t not in MECHANISMS:
                err(w, f'unknown mechanism tag {t!r}')
        core = g.get('core') is True
        if core:
            n_core += 1
        else:
            n_opt += 1
        for t in tags:
            (mech_core if core else mech_opt)[t] += 1
        events_per_doc[d] += 1

    for d in texts:
        if d not in docs:
            err(gold_path, f'no document row for article {d}')

    for w in warnings:
        print('warning:', w, file=sys.stderr)
    for e in errors:
        print('error:', e, file=sys.stderr)
    print(f'{len(texts)} articles, {len(docs)} document rows, {n_core + n_opt} events '
          f'({n_core} core, {n_opt} optional), '
          f'{sum(len(v) for v in docs.values())} negative anchors')
    print(f'{"mechanism":22} {"core":>5} {"optional":>8}')
    for t in MECHANISMS:
        print(f'{t:22} {mech_core[t]:5} {mech_opt[t]:8}')
    if errors:
        print(f'{len(errors)} error(s)', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
