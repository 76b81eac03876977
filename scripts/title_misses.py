#!/usr/bin/env python3
"""Lists the wcxb-dev pages whose title petrel gets wrong: gold vs ours, with the page's title candidates.

    petrel bench-extract --pages /tmp/pages.jsonl
    python3 scripts/title_misses.py /tmp/pages.jsonl [--data ../shared/data/extraction] [--candidates]

Titles are compared as scripts/bench_extract.py compares them (case, white space, typographic quotes and dashes).
With --candidates, the page's <title>, og:title, <h1>s and JSON-LD headline are printed under each miss.
"""
import argparse
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_extract import same_title  # noqa: E402


def candidates(html):
    from html import unescape
    out = []
    for name, pat in (("title", r"<title[^>]*>(.*?)</title>"),
                      ("og", r"<meta[^>]+property=[\"']og:title[\"'][^>]*content=[\"']([^\"']*)"),
                      ("og", r"<meta[^>]+content=[\"']([^\"']*)[\"'][^>]*property=[\"']og:title"),
                      ("h1", r"<h1[^>]*>(.*?)</h1>"),
                      ("ld", r"\"headline\"\s*:\s*\"((?:[^\"\\]|\\.)*)\"")):
        for m in re.finditer(pat, html, re.S | re.I):
            text = " ".join(unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
            out.append((name, text[:160]))
    return out[:12]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--data", default="../shared/data/extraction")
    ap.add_argument("--candidates", action="store_true")
    args = ap.parse_args()
    misses = 0
    total = 0
    for line in open(args.pages, encoding="utf-8"):
        p = json.loads(line)
        if p["set"] != "wcxb-dev":
            continue
        total += 1
        if same_title(p.get("title") or "", p.get("gold_title") or ""):
            continue
        misses += 1
        print(f"{p['id']}  {p.get('url')}")
        print(f"   gold: {p.get('gold_title')!r}")
        print(f"   ours: {p.get('title')!r}")
        if args.candidates:
            path = os.path.join(args.data, "wcxb-dev", "html", p["id"] + ".html.gz")
            html = gzip.open(path, "rb").read().decode("utf-8", "replace")
            for name, text in candidates(html):
                print(f"      {name:5} {text!r}")
    print(f"{misses} misses of {total}", file=sys.stderr)


if __name__ == "__main__":
    main()
