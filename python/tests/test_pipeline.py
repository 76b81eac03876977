"""petrel's Python package against the CLI: the same events, byte for byte after JSON normalisation; bad input
raises exceptions naming it; code_many uses threads and releases the GIL; frames and the store."""

import json
import threading
import time

import pytest

import petrel
from conftest import EXAMPLE, EXAMPLE_DATE, EXAMPLE_ID, PAGES, normalise, page, run_cli


def test_code_is_the_cli_byte_for_byte(pipeline, example_text, cli_events):
    events = pipeline.code(example_text, date=EXAMPLE_DATE, id=EXAMPLE_ID)
    assert len(events) == len(cli_events) > 10
    assert [normalise(e) for e in events] == [normalise(line) for line in cli_events]


def test_code_defaults(pipeline, example_text, cli_events):
    events = pipeline.code(example_text, date="2022-01-07")
    assert len(events) == len(cli_events)
    assert {e["doc"] for e in events} == {"text"}
    # without a publication date only dates with a year resolve: the relative ones are missing
    undated = pipeline.code(example_text)
    assert sum(e["date"] is None for e in undated) > sum(e["date"] is None for e in events)


def test_annotate_is_the_cli(pipeline, example_text, petrel_bin):
    ann = pipeline.annotate(example_text, date=EXAMPLE_DATE, id=EXAMPLE_ID)
    cli = json.loads(run_cli(petrel_bin, "annotate", str(EXAMPLE), "--date", EXAMPLE_DATE))
    for layer in ("sentences", "tokens", "entities", "actors", "places", "dates", "counts", "events", "non_events", "removed", "text"):
        assert normalise(ann[layer], parse=False) == normalise(cli[layer], parse=False), layer
    assert ann["doc"] == EXAMPLE_ID


def test_extract_is_the_cli(tmp_path, petrel_bin):
    url, title, date, paras = PAGES[0]
    html = page(title, paras, date)
    got = petrel.extract(html, url=url)
    assert got["title"] == title
    assert got["url"] == url
    assert got["date"] == date
    assert got["language"] == "eng"
    assert "Russian paratroopers" in got["text"] and "Copyright" not in got["text"]
    f = tmp_path / "page.jsonl"
    f.write_text(json.dumps({"url": url, "html": html}) + "\n")
    cli = json.loads(run_cli(petrel_bin, "extract", str(f)))
    for key in ("url", "canonical_url", "site", "title", "author", "date", "date_source", "language", "text"):
        assert got[key] == cli[key], key
    # bytes in a declared encoding
    latin = html.replace("utf-8", "iso-8859-1").replace("Kazakhstan on", "Kazakhstan \u00e0 on").encode("latin-1")
    assert "\u00e0" in petrel.extract(latin, url=url)["text"]


def test_bad_input_raises_naming_it(pipeline):
    with pytest.raises(TypeError, match="text"):
        pipeline.code(123)
    with pytest.raises(TypeError, match="text"):
        pipeline.code(b"bytes are not text")
    with pytest.raises(ValueError, match="2022-13-45"):
        pipeline.code("Police arrested 40 protesters.", date="2022-13-45")
    with pytest.raises(ValueError, match="yesterday"):
        pipeline.code("Police arrested 40 protesters.", date="yesterday")
    with pytest.raises(TypeError, match="date"):
        pipeline.code("Police arrested 40 protesters.", date=20220107)
    with pytest.raises(OSError, match="no-such-dict.tsv"):
        petrel.Pipeline(dicts=["/nonexistent/no-such-dict.tsv"])
    with pytest.raises(ValueError, match="article 1.*b.*no 'text'"):
        list(pipeline.code_many([{"text": "x", "id": "a"}, {"id": "b"}]))
    with pytest.raises(ValueError, match="article 0.*2021-02-30"):
        list(pipeline.code_many([{"text": "x", "date": "2021-02-30"}]))
    with pytest.raises(TypeError, match="article 0"):
        list(pipeline.code_many([42]))
    with pytest.raises(ValueError, match="threads"):
        list(pipeline.code_many(["x"], threads=0))
    with pytest.raises(TypeError, match="html"):
        petrel.extract(None)
    with pytest.raises(ValueError, match="no article text"):
        petrel.extract("<html><body></body></html>", url="https://example.org/empty")
    with pytest.raises(OSError, match="missing.warc"):
        list(petrel.read("/nonexistent/missing.warc"))
    # odd text is coded, not a crash
    for text in ["", " ", "\x00\x01\x02", "\ud7ff" * 3, "a" * 100_000, "\n\n\n", "<<<>>>"]:
        assert isinstance(pipeline.code(text, date="2022-01-07"), list)


def test_code_many_threads_keep_order_and_match(pipeline, example_text, cli_events):
    texts = [example_text, "Police in Lagos arrested 40 protesters on Monday.", example_text.upper()[:4000]] * 3
    arts = [{"text": t, "date": "2023-05-10", "id": f"doc{i}"} for i, t in enumerate(texts)]
    one = list(pipeline.code_many(arts, threads=1))
    two = list(pipeline.code_many(arts, threads=2, chunk=4))
    assert [normalise(e) for e in one] == [normalise(e) for e in two]
    docs = [e["doc"] for e in one]
    assert docs == sorted(docs, key=lambda d: int(d[3:]))
    single = [normalise(e) for a in arts for e in pipeline.code(a["text"], date=a["date"], id=a["id"])]
    assert [normalise(e) for e in one] == single
    # the example in the mix gives the CLI's events (doc ids aside)
    first = [e for e in one if e["doc"] == "doc0"]
    assert len(first) == len([line for line in cli_events if '"date"' in line])


def test_code_many_releases_the_gil(pipeline, example_text):
    arts = [{"text": example_text, "date": EXAMPLE_DATE, "id": str(i)} for i in range(8)]
    ticks = []
    done = threading.Event()

    def work():
        list(pipeline.code_many(arts, threads=2))
        done.set()

    t = threading.Thread(target=work)
    t.start()
    start = time.perf_counter()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # while Rust codes, this Python thread keeps running: ticks at least every few ms, not one at the end
    assert elapsed > 0.05
    assert len(ticks) > 10
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < elapsed / 2


def test_code_frame_one_row_per_event(pipeline, example_text, cli_events):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "id": [EXAMPLE_ID, "lagos"],
            "date": [EXAMPLE_DATE, "2023-05-10"],
            "text": [example_text, "Police in Lagos arrested 40 protesters on Monday."],
        }
    )
    events = petrel.code_frame(df, pipeline=pipeline)
    assert isinstance(events, pd.DataFrame)
    assert len(events) == len(cli_events) + 1
    assert list(events.columns) == [c for c, _ in petrel.EVENT_COLUMNS]
    ours = events[events["doc"] == EXAMPLE_ID]
    assert [normalise(r) for r in ours["record"]] == [normalise(line) for line in cli_events]
    lagos = events[events["doc"] == "lagos"].iloc[0]
    assert (lagos["source_code"], lagos["cameo"], lagos["target_code"]) == ("NGACOP", "173", "NGACVL")
    assert lagos["arrested"] == 40 and lagos["arrested_max"] == 40 and lagos["location"] == "Lagos"
    assert lagos["killed"] is pd.NA
    assert str(lagos["date"]) == "2023-05-08"
    assert str(events["killed"].dtype) == "Int64"
    # with a column missing: row positions as ids
    no_ids = petrel.code_frame(df[["text", "date"]], pipeline=pipeline)
    assert set(no_ids["doc"]) == {"0", "1"}
    with pytest.raises(ValueError, match="body"):
        petrel.code_frame(df, text="body", pipeline=pipeline)


def test_code_frame_polars(pipeline, example_text, cli_events):
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"id": [EXAMPLE_ID], "date": [EXAMPLE_DATE], "text": [example_text]})
    events = petrel.code_frame(df, pipeline=pipeline)
    assert isinstance(events, pl.DataFrame)
    assert events.height == len(cli_events)
    assert events.schema["date"] == pl.Date


def test_store_ingest_and_events(tmp_path, pipeline, example_text, jsonl_file, petrel_bin):
    pytest.importorskip("pandas")
    db = tmp_path / "py.db"
    store = petrel.Store(db, pipeline=pipeline)
    report = store.ingest(paths=[jsonl_file], jobs=2)
    assert report["stored"] == 3 and report["skipped"] == 0
    again = store.ingest(paths=jsonl_file)
    assert again["duplicates"] == 3 and again["stored"] == 0
    more = store.ingest(articles=[{"text": example_text, "date": EXAMPLE_DATE, "id": "copy"}, example_text])
    assert more["stored"] == 1 and more["duplicates"] == 1
    frame = store.events(country="KZ")
    assert len(frame) > 5
    assert {"id", "date", "cameo", "source_code", "num_mentions", "num_sources"} <= set(frame.columns)
    # the same as the CLI's listing of the same database
    cli = [json.loads(line) for line in run_cli(petrel_bin, "events", "--db", str(db), "--country", "KAZ", "--format", "jsonl").split("\n") if line]
    assert [normalise(e) for e in store.event_records(country="KAZ", mentions=True)] == [normalise(e) for e in cli]
    assert all(len(e["mentions"]) == e["num_mentions"] for e in cli)
    for e in cli:
        del e["mentions"]
    assert [normalise(e) for e in store.event_records(country="KAZ")] == [normalise(e) for e in cli]
    assert len(store.events(cameo="14", limit=2)) <= 2
    with pytest.raises(TypeError, match="colour"):
        store.events(colour="red")
    with pytest.raises(ValueError, match="2022-99-01"):
        store.events(**{"from": "2022-99-01"})
    with pytest.raises(OSError, match="nothing-here.db"):
        petrel.Store(tmp_path / "nothing-here.db", pipeline=pipeline).events()


def test_read_streams_a_warc_like_the_cli(warc_file, petrel_bin):
    docs = list(petrel.read(warc_file))
    cli = [json.loads(line) for line in run_cli(petrel_bin, "extract", str(warc_file)).split("\n") if line]
    assert len(docs) == len(cli) == len(PAGES)
    assert [normalise(d) for d in docs] == [normalise(c) for c in cli]
    assert [d["url"] for d in docs] == [p[0] for p in PAGES]
