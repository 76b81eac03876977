"""Shared fixtures: the repository, the example article, the `petrel` binary to compare with, small inputs."""

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "rferl-kazakhstan-csto-2022-01-07.txt"
EXAMPLE_ID = "rferl-kazakhstan-csto-2022-01-07"
EXAMPLE_DATE = "2022-01-07"


def normalise(record, parse=True):
    """One JSON record (a JSON text when ``parse``), normalised (keys sorted, no spaces): what 'the same bytes'
    means across writers."""
    if parse and isinstance(record, str):
        record = json.loads(record)
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="session")
def petrel_bin():
    """The `petrel` binary of this checkout: $PETREL_BIN, else target/{release,debug}/petrel, else built here."""
    env = os.environ.get("PETREL_BIN")
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    candidates = [Path(env)] if env else [target / "release" / "petrel", target / "debug" / "petrel"]
    for c in candidates:
        if c.is_file():
            return str(c)
    if env:
        pytest.fail(f"PETREL_BIN={env} does not exist")
    subprocess.run(["cargo", "build", "--locked", "--bin", "petrel"], cwd=ROOT, check=True)
    return str(target / "debug" / "petrel")


def run_cli(petrel_bin, *args, stdin=None):
    out = subprocess.run([petrel_bin, *args], cwd=ROOT, input=stdin, capture_output=True, check=False)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode()


@pytest.fixture(scope="session")
def cli_events(petrel_bin):
    """`petrel code` on the example article: one JSON line per event."""
    out = run_cli(petrel_bin, "code", str(EXAMPLE), "--date", EXAMPLE_DATE)
    return [line for line in out.split("\n") if line]


@pytest.fixture(scope="session")
def pipeline():
    import petrel

    return petrel.Pipeline()


@pytest.fixture(scope="session")
def example_text():
    return EXAMPLE.read_text(encoding="utf-8")


def page(title, paragraphs, date=None):
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright 2022 Example News</footer></body></html>"
    )


PAGES = [
    (
        "https://news.example.org/2022/01/07/kazakhstan-csto",
        "CSTO troops arrive in Kazakhstan",
        "2022-01-07",
        [
            "Russian paratroopers arrived in Kazakhstan on Thursday as part of a peacekeeping force sent by the "
            "Collective Security Treaty Organization, the Russian Defense Ministry said.",
            "Kazakh police arrested more than 2,000 people in Almaty after protesters stormed government buildings, "
            "the Interior Ministry said on Friday.",
            "President Kassym-Jomart Tokayev ordered security forces to fire without warning at what he called "
            "terrorists.",
        ],
    ),
    (
        "https://www.wire.example.com/world/almaty-unrest",
        "Police detain hundreds in Almaty",
        "2022-01-08",
        [
            "Police in Almaty detained hundreds of protesters on Saturday, the city's authorities said.",
            "The United States urged the Kazakh government to respect the rights of peaceful protesters.",
        ],
    ),
]


def warc_record(url, html, date):
    body = html.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"WARC-Date: {date}T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)) % 10**12:012d}-0000-0000-0000-000000000000>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


@pytest.fixture(scope="session")
def warc_file(tmp_path_factory):
    """A small gzipped WARC of two news pages (one gzip member per record, as crawlers write them)."""
    d = tmp_path_factory.mktemp("warc")
    path = d / "news.warc.gz"
    with open(path, "wb") as f:
        for url, title, date, paras in PAGES:
            f.write(gzip.compress(warc_record(url, page(title, paras, date), date)))
    return path


@pytest.fixture(scope="session")
def jsonl_file(tmp_path_factory, example_text):
    """A JSONL of three articles: the example and the two pages' texts."""
    d = tmp_path_factory.mktemp("jsonl")
    path = d / "articles.jsonl"
    recs = [{"id": EXAMPLE_ID, "date": EXAMPLE_DATE, "text": example_text, "url": "https://www.rferl.org/a/x.html"}]
    for url, title, date, paras in PAGES:
        recs.append({"id": url.rsplit("/", 1)[1], "date": date, "title": title, "url": url, "text": "\n".join(paras)})
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    return path
