#!/usr/bin/env python3
"""Measures petrel's coder on the event-coding development sentences in ../shared/data/events-dev.

usage: scripts/eval_events_dev.py [PETREL_BINARY] [SHARED_DATA]

Prints one JSON line:
  penta_fired        share of the PentaClass sentences where petrel codes at least one event
  penta_class_acc    of those, share whose most confident event falls in the sentence's PentaClass
  roles_source_hit   share of role-annotated sentences (with a gold source) whose most confident event's source
                     span overlaps a gold source span; roles_target_hit likewise for targets
The sentences (ConfliBERT, GPL-sourced) are read from ../shared only; nothing of them is kept.
"""
import json, subprocess, sys, tempfile, os

binary = sys.argv[1] if len(sys.argv) > 1 else 'target/release/petrel'
shared = sys.argv[2] if len(sys.argv) > 2 else '../shared/data'
dev = os.path.join(shared, 'events-dev')
if not os.path.isdir(dev):
    sys.exit(f'{dev} not found: the development data is not here')


def code(docs):
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        for i, t in enumerate(docs):
            f.write(json.dumps({'id': str(i), 'text': t, 'date': '2020-01-01'}) + '\n')
    out = subprocess.run([binary, 'code', f.name], capture_output=True, text=True).stdout
    os.unlink(f.name)
    ev = {}
    for line in out.splitlines():
        e = json.loads(line)
        ev.setdefault(int(e['doc']), []).append(e)
    return {k: max(v, key=lambda e: e['confidence']) for k, v in ev.items()}


def penta(root):
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 13 else 4


rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(dev, 'cameo-pentaclass-train.tsv'), encoding='utf-8')]
best = code([t for t, _ in rows])
fired = len(best)
class_ok = sum(penta(e['cameo'][:2]) == int(rows[i][1]) for i, e in best.items())

sents, cur = [], []
for line in open(os.path.join(dev, 'cameo-roles-train.bio'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip():
        if cur:
            sents.append(cur)
        cur = []
        continue
    tok, tag = line.rsplit(' ', 1)
    cur.append((tok, tag))
if cur:
    sents.append(cur)
texts, spans = [], []
for s in sents:
    sp, pos = {'S': [], 'T': []}, 0
    for tok, tag in s:
        kind = tag[2:]
        if kind in sp and tag.startswith('B-'):
            sp[kind].append([pos, pos + len(tok)])
        elif kind in sp and tag.startswith('I-') and sp[kind]:
            sp[kind][-1][1] = pos + len(tok)
        pos += len(tok) + 1
    texts.append(' '.join(t for t, _ in s))
    spans.append(sp)
roles = code(texts)


def hit(actor, gold):
    return bool(actor and actor['text'] and any(actor['start'] < b and a < actor['end'] for a, b in gold))


s_n = sum(1 for i in roles if spans[i]['S'])
t_n = sum(1 for i in roles if spans[i]['T'])
s_ok = sum(hit(e['source'], spans[i]['S']) for i, e in roles.items() if spans[i]['S'])
t_ok = sum(hit(e['target'], spans[i]['T']) for i, e in roles.items() if spans[i]['T'])
print(json.dumps({
    'penta_sentences': len(rows), 'penta_fired': round(fired / len(rows), 3),
    'penta_class_acc': round(class_ok / max(fired, 1), 3),
    'roles_sentences': len(texts), 'roles_coded': len(roles),
    'roles_source_hit': round(s_ok / max(s_n, 1), 3), 'roles_target_hit': round(t_ok / max(t_n, 1), 3),
}))
