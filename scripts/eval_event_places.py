#!/usr/bin/env python3
"""Per-event place agreement: for each predicted event that matches a gold event (same anchor sentence, same CAMEO
root or PLOVER type, the matching rule of ../shared/tools/score_events.py) whose gold names a place, whether the
predicted place lies in the gold place's country; with the misses grouped by the place's `basis` (sentence,
capital, article, document). score_events.py's location recall only asks whether each document-level gold place
is some event's place; this asks it of every event.

usage: scripts/eval_event_places.py GOLD PRED [GOLD PRED ...] [--list]
       (GOLD a gold JSONL, PRED petrel's events for its inputs; --list prints every miss)
Needs ../shared/tools/score_events.py (measured only: the gold and the texts stay outside the project).
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'shared', 'tools'))
try:
    from score_events import norm, root, plover_type, load_jsonl
except ImportError:
    sys.exit('eval_event_places: ../shared/tools/score_events.py not found')


def main(argv):
    show = '--list' in argv
    files = [a for a in argv if a != '--list']
    if not files or len(files) % 2:
        sys.exit(__doc__)
    n = ok = 0
    missed = collections.Counter()
    lines = []
    for gold_path, pred_path in zip(files[::2], files[1::2]):
        golds = [r for r in load_jsonl(gold_path) if r.get('kind') != 'document']
        by_doc = collections.defaultdict(list)
        for g in golds:
            by_doc[g['doc']].append(g)
        for p in load_jsonl(pred_path):
            text = norm(p.get('text'))
            r, pt = root(p.get('cameo')), plover_type(p)
            hits = [g for g in by_doc.get(p.get('doc'), [])
                    if g.get('location')
                    and any(norm(a) in text for a in g['anchors'])
                    and ((r and r in g['cameo_roots']) or (pt and pt in (g.get('plover') or [])))]
            if not hits:
                continue
            want, got = hits[0]['location'], p.get('location') or {}
            n += 1
            if got.get('country') == want.get('country'):
                ok += 1
            else:
                missed[got.get('basis')] += 1
                lines.append(f"{got.get('basis')}\tgot {got.get('name')} ({got.get('country')})\twant "
                             f"{want.get('name')} ({want.get('country')})\t{p.get('cameo')}\t{(p.get('text') or '')[:120]}")
    print(json.dumps({'events': n, 'place_country_right': ok,
                      'share': round(100.0 * ok / n, 1) if n else None,
                      'missed_by_basis': dict(missed)}))
    if show:
        print('\n'.join(lines))


if __name__ == '__main__':
    main(sys.argv[1:])
