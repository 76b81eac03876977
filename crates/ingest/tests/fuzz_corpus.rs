//! Replays the committed fuzz corpus (`fuzz/corpus/{warc,feed,html}/`, seeds plus the inputs cargo-fuzz kept)
//! through the same entry points the fuzz targets drive, so every input that ever found new code still goes
//! through without a panic on a normal `cargo test`.

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
fn warc_corpus() {
    replay("warc", petrel_ingest::fuzz::warc);
}

#[test]
fn feed_corpus() {
    replay("feed", petrel_ingest::fuzz::feed);
}

#[test]
fn html_corpus() {
    replay("html", petrel_ingest::fuzz::html);
}
