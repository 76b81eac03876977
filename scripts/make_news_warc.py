#!/usr/bin/env python3
"""Builds a news WARC from the extraction benchmark pages, for streaming and memory measurements.

One response record per page (its URL as WARC-Target-URI, a request and a metadata record beside it, as Common
Crawl writes them), each record its own gzip member; the pages are repeated until the file holds --mb megabytes
of uncompressed WARC. Nothing is committed from it: the pages' licences are in ../shared/data/extraction.

    python3 scripts/make_news_warc.py --mb 1024 --out /tmp/news.warc.gz
"""
import argparse
import glob
import gzip
import json
import os
import uuid


def record(kind, uri, block, date="2025-12-01T00:00:00Z"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=1), len(head) + len(block) + 4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/extraction")
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--out", default="/tmp/news.warc.gz")
    args = ap.parse_args()
    pages = []
    for f in sorted(glob.glob(os.path.join(args.data, "wcxb-dev/ground-truth/*.json"))):
        url = json.load(open(f, encoding="utf-8"))["url"]
        with gzip.open(f.replace("ground-truth", "html")[:-5] + ".html.gz") as h:
            pages.append((url, h.read()))
    target = args.mb * 1024 * 1024
    written = 0
    n = 0
    with open(args.out, "wb") as out:
        while written < target:
            url, html = pages[n % len(pages)]
            n += 1
            uri = f"{url}#copy{n // len(pages)}" if n > len(pages) else url
            req = f"GET / HTTP/1.1\r\nHost: example\r\n\r\n".encode()
            resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
            for kind, block in (("request", req), ("response", resp), ("metadata", b"fetchTimeMs: 100\r\n")):
                data, size = record(kind, uri, block)
                out.write(data)
                written += size
    print(f"{args.out}: {n} pages, {written / 1e6:.0f} MB uncompressed, {os.path.getsize(args.out) / 1e6:.0f} MB on disk")


if __name__ == "__main__":
    main()
