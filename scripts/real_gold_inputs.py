#!/usr/bin/env python3
"""Rebuilds the input JSONL of petrel's real-news gold from the article texts in ../shared.

The gold rows (data/gold/real/*.gold.jsonl) are petrel's own annotation: ids, publication days, short anchors. The
article texts belong to their publishers and stay out of the project; this script puts them back together from the
research corpora in ../shared/data:

  gwn-N          GeoWebNews article N        (shared/data/geo/dev-geowebnews/gwn.input.jsonl, field text)
  sh-PREFIX      ScrapingHub benchmark page  (shared/data/extraction/scrapinghub/ground-truth.json, articleBody;
                 PREFIX is the first 12 hex digits of the page id)
  gv-N           GeoVirus excerpt            (shared/data/geo/dev-geovirus/gv.input.jsonl, field text)
  wcxb-NNNN      WCXB dev page NNNN         (shared/data/extraction/wcxb-dev/ground-truth/NNNN.json,
                 ground_truth.main_content and .title)
  gum-NAME       GUM news document NAME      (shared/data/nlp/gum/gum-news.conllu, WikiNews: its sentences after
                 the title, joined by spaces; one without closing punctuation ends a paragraph)
  ewt-DOC        UD English Web Treebank weblog or newsgroup document DOC, its newdoc id without the genre
                 (shared/data/nlp/ud-english-ewt/en_ewt-ud-{dev,test,train}.conllu: sentences joined by spaces,
                 paragraphs by a blank line)

usage: real_gold_inputs.py GOLD.jsonl [--shared ../shared] > INPUT.jsonl
       real_gold_inputs.py --ids ID,ID,... --date-file ids.tsv ...   (to lay out texts for coders: id<TAB>date lines)

The publication day of each article is the gold document row's "published". Exit 1 naming the id when a text is
missing from ../shared.
"""
import argparse, json, os, sys


def gum_texts(path):
    """GUM's news documents (WikiNews): id gum-NAME -> (title, text, ''); the text is the document's sentences
    (the `# text =` lines) after the title sentence, joined by single spaces."""
    docs, cur = {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('# newdoc id = GUM_news_'):
                cur = 'gum-' + line.split('GUM_news_', 1)[1].strip()
                docs[cur] = ['', []]
            elif cur and line.startswith('# meta::title = '):
                docs[cur][0] = line.split(' = ', 1)[1]
            elif cur and line.startswith('# text = '):
                docs[cur][1].append(line.split(' = ', 1)[1])
    out = {}
    for doc, (title, sents) in docs.items():
        if sents and sents[0].strip() == title.strip():
            sents = sents[1:]
        # a sentence without closing punctuation (the date line, a heading) is a paragraph of its own
        text = ''
        for sent in sents:
            if text:
                text += ' ' if text[-1] in '.!?"\'”’)' else '\n\n'
            text += sent
        out[doc] = (title, text, '')
    return out


def ewt_texts(path):
    """The weblog and newsgroup documents of a UD English Web Treebank file: id ewt-DOC -> ('', text, ''), DOC being
    the newdoc id after its genre prefix; sentences (`# text =`) are joined by spaces, paragraphs (`# newpar`) by a
    blank line."""
    docs, cur, par = {}, None, False
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('# newdoc id = '):
                doc = line.split(' = ', 1)[1].strip()
                genre, _, rest = doc.partition('-')
                cur = 'ewt-' + rest if genre in ('weblog', 'newsgroup') else None
                if cur:
                    docs[cur] = ''
                par = False
            elif line.startswith('# newpar'):
                par = True
            elif cur and line.startswith('# text = '):
                sent = line.split(' = ', 1)[1]
                if docs[cur]:
                    docs[cur] += '\n\n' if par else ' '
                docs[cur] += sent
                par = False
    return {doc: ('', text, '') for doc, text in docs.items()}


def load_texts(shared):
    texts = {}
    geo = os.path.join(shared, 'data', 'geo')
    for prefix, path in (('', os.path.join(geo, 'dev-geowebnews', 'gwn.input.jsonl')),
                         ('', os.path.join(geo, 'dev-geovirus', 'gv.input.jsonl'))):
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                for line in f:
                    d = json.loads(line)
                    texts[prefix + d['id']] = (d.get('title') or '', d['text'], d.get('url') or '')
    gum = os.path.join(shared, 'data', 'nlp', 'gum', 'gum-news.conllu')
    if os.path.exists(gum):
        texts.update(gum_texts(gum))
    for split in ('dev', 'test', 'train'):
        ewt = os.path.join(shared, 'data', 'nlp', 'ud-english-ewt', f'en_ewt-ud-{split}.conllu')
        if os.path.exists(ewt):
            texts.update(ewt_texts(ewt))
    sh = os.path.join(shared, 'data', 'extraction', 'scrapinghub', 'ground-truth.json')
    if os.path.exists(sh):
        with open(sh, encoding='utf-8') as f:
            for key, v in json.load(f).items():
                texts['sh-' + key[:12]] = ('', v['articleBody'], v.get('url') or '')
    wcxb = os.path.join(shared, 'data', 'extraction', 'wcxb-dev', 'ground-truth')
    if os.path.isdir(wcxb):
        for name in sorted(os.listdir(wcxb)):
            if name.endswith('.json'):
                with open(os.path.join(wcxb, name), encoding='utf-8') as f:
                    v = json.load(f)
                gt = v.get('ground_truth') or {}
                texts['wcxb-' + name[:-5]] = (gt.get('title') or '', gt.get('main_content') or '', v.get('url') or '')
    return texts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gold', nargs='?', help='a gold file whose document rows name the articles and their days')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    ap.add_argument('--ids', help='comma-separated ids (instead of a gold file; date left empty)')
    args = ap.parse_args()
    texts = load_texts(args.shared)
    if args.gold:
        rows = []
        with open(args.gold, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        r = json.loads(line)
                    except json.JSONDecodeError as e:
                        sys.exit(f'{args.gold}:{n}: not JSON: {e}')
                    if r.get('kind') == 'document':
                        rows.append((r['doc'], r.get('published') or ''))
    elif args.ids:
        rows = [(i.strip(), '') for i in args.ids.split(',') if i.strip()]
    else:
        sys.exit('give a gold file or --ids')
    for doc, date in rows:
        if doc not in texts:
            sys.exit(f'{doc}: no such article in {args.shared}/data (is ../shared beside the project?)')
        title, text, url = texts[doc]
        print(json.dumps({'id': doc, 'date': date, 'title': title, 'url': url, 'text': text}, ensure_ascii=False))


if __name__ == '__main__':
    main()
