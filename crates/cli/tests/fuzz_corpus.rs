//! Replays the committed corpus of the `code` fuzz targets (`fuzz/corpus/{code_text,code_jsonl}/`) through the
//! entry points the targets drive, so every input in it still goes through reading and the whole pipeline
//! without a panic on a normal `cargo test` (the HTML, WARC and feed corpora replay in petrel-ingest).

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        run(&bytes);
        n += 1;
    }
    assert!(n > 0, "no corpus in {}", dir.display());
}

#[test]
fn code_text_corpus() {
    replay("code_text", petrel::fuzz::code_text);
}

#[test]
fn code_jsonl_corpus() {
    replay("code_jsonl", petrel::fuzz::code_jsonl);
}
