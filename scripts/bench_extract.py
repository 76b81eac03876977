#!/usr/bin/env python3
"""Python trafilatura on the extraction benchmark: the Python half of `petrel bench-extract`.

`petrel bench-extract` embeds this file (so it runs from any directory), writes it to a temporary file and runs
it with `--trafilatura`: that installs trafilatura from PyPI into a throwaway virtualenv under /tmp (nothing is
installed in the project), then runs itself there with `--inner`, which extracts the same pages as petrel
(favor_precision off, comments excluded, dates with original_date=True and extensive_search), scores them with the
same convention (../shared/data/extraction/README.md) and prints one JSON line with the fields of petrel's figures.
pages_per_s is per second of CPU time of the extracting thread (the machine may be busy with other work),
pages_per_s_wall per second of wall time. Edit this file, rebuild petrel.

Run on its own, it runs `petrel bench-extract` and prints its one line (petrel's and trafilatura's figures):

    python3 scripts/bench_extract.py [--data ../shared/data/extraction] [--petrel target/release/petrel]
"""
import argparse
import os
import subprocess
import sys
import venv

VENV = "/tmp/petrel-bench-trafilatura-venv"


def ensure_venv():
    """The virtualenv's python, with trafilatura installed (created and installed on first use)."""
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        venv.create(VENV, with_pip=True)
    ok = subprocess.run([py, "-c", "import trafilatura"], capture_output=True).returncode == 0
    if not ok:
        # pip's messages go to stderr: stdout carries only the figures
        subprocess.run([py, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"], check=True,
                       stdout=sys.stderr)
    return py


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/extraction")
    ap.add_argument("--petrel", default="target/release/petrel")
    ap.add_argument("--passes", type=int, default=3,
                    help="extract every page this many times for pages/s (accuracy is from the first pass)")
    ap.add_argument("--trafilatura", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        return run_trafilatura(args.data, max(1, args.passes))
    if not args.trafilatura:
        return subprocess.run([args.petrel, "bench-extract", "--data", args.data,
                               "--passes", str(args.passes)]).returncode
    if not os.path.isdir(args.data):
        sys.exit(f"bench_extract: no benchmark data at {args.data}")
    try:
        py = ensure_venv()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"bench_extract: cannot set up trafilatura in the virtualenv {VENV}: {e}")
    return subprocess.run([py, os.path.abspath(__file__), "--inner", "--data", args.data,
                           "--passes", str(args.passes)]).returncode


def pages(data):
    """(set, html, gold body, url, gold title, gold day) for every page, in the order petrel reads them."""
    import gzip
    import json
    sh = os.path.join(data, "scrapinghub")
    gt = json.load(open(os.path.join(sh, "ground-truth.json"), encoding="utf-8"))
    for pid in sorted(gt):
        with gzip.open(os.path.join(sh, "html", pid + ".html.gz"), "rb") as f:
            html = f.read()
        yield "scrapinghub", html, gt[pid]["articleBody"], gt[pid].get("url") or "", None, None
    wc = os.path.join(data, "wcxb-dev")
    for name in sorted(os.listdir(os.path.join(wc, "ground-truth"))):
        rec = json.load(open(os.path.join(wc, "ground-truth", name), encoding="utf-8"))
        g = rec["ground_truth"]
        with gzip.open(os.path.join(wc, "html", name[:-5] + ".html.gz"), "rb") as f:
            html = f.read()
        yield "wcxb-dev", html, g.get("main_content") or "", rec.get("url") or "", g.get("title") or "", \
            g.get("publish_date")


def word_f1(pred, gold):
    """Word-level F1, lowercased, whitespace split, tokens as a multiset (the README's convention)."""
    from collections import Counter
    p = Counter(pred.lower().split())
    g = Counter(gold.lower().split())
    np_, ng = sum(p.values()), sum(g.values())
    if np_ == 0 or ng == 0:
        return 1.0 if np_ == ng else 0.0
    tp = sum((p & g).values())
    if tp == 0:
        return 0.0
    prec, rec = tp / np_, tp / ng
    return 2 * prec * rec / (prec + rec)


def same_title(pred, gold):
    """Titles match when equal after case folding, collapsing white space and typographic quotes and dashes."""
    def norm(s):
        for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
                     ("\u2014", "-")):
            s = s.replace(a, b)
        return " ".join(s.lower().split())
    return norm(pred or "") == norm(gold)


def run_trafilatura(data, passes=1):
    """Extracts every page `passes` times; pages/s counts every pass, the scores are the first pass's."""
    import json
    import time
    import trafilatura
    f1 = {"scrapinghub": [], "wcxb-dev": []}
    titles = days = dated = 0
    n = 0
    elapsed = 0.0
    cpu = 0.0
    every = list(pages(data))
    for pass_no in range(passes):
        for kind, html, body, url, title, day in every:
            t0 = time.perf_counter()
            c0 = time.thread_time()
            doc = trafilatura.bare_extraction(html, url=url or None, favor_precision=False,
                                              include_comments=False, with_metadata=True,
                                              date_extraction_params={"original_date": True,
                                                                      "extensive_search": True})
            cpu += time.thread_time() - c0
            elapsed += time.perf_counter() - t0
            if pass_no > 0:
                continue
            n += 1
            text = (doc.text if doc is not None else "") or ""
            f1[kind].append(word_f1(text, body))
            if kind == "wcxb-dev":
                titles += same_title(doc.title if doc is not None else "", title)
                if day:
                    dated += 1
                    days += (doc.date if doc is not None else "") == day[:10] if doc is not None and doc.date else 0
    print(json.dumps({
        "extractor": "trafilatura " + trafilatura.__version__,
        "body_f1_scrapinghub": round(sum(f1["scrapinghub"]) / max(1, len(f1["scrapinghub"])), 4),
        "body_f1_wcxb_dev": round(sum(f1["wcxb-dev"]) / max(1, len(f1["wcxb-dev"])), 4),
        "title_accuracy_wcxb_dev": round(titles / max(1, len(f1["wcxb-dev"])), 4),
        "day_accuracy_wcxb_dev": round(days / max(1, dated), 4),
        "pages": n,
        "pages_per_s": round(n * passes / cpu, 1),
        "pages_per_s_wall": round(n * passes / elapsed, 1),
    }))


if __name__ == "__main__":
    sys.exit(main())
