//! The entry points the `code` fuzz targets (`fuzz/fuzz_targets/code_*.rs`) and the corpus replay test
//! (`tests/fuzz_corpus.rs`) drive: arbitrary bytes through reading, cleaning and the whole pipeline, as
//! `petrel code` takes them, with what must hold whatever the input.

use crate::Pipeline;
use petrel_core::Date;
use std::sync::OnceLock;

/// The pipeline with the built-in dictionaries and models, loaded once.
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builtin().expect("the built-in dictionaries load"))
}

/// Codes `data` as the file `name` would be coded (the name tells the kind: `.txt`, `.jsonl`, `.html`, ...)
/// and checks each event's offsets and date.
pub fn code_as(name: &str, data: &[u8]) {
    let reader = petrel_ingest::Reader::from_memory(name, data.to_vec(), Date::new(2022, 1, 7));
    for item in reader {
        let Ok(raw) = item else { continue };
        let (mut doc, _) = petrel_ingest::clean(raw);
        pipeline().run(&mut doc);
        let n = doc.char_len();
        for e in &doc.events {
            assert!(e.trigger.start <= e.trigger.end && e.trigger.end <= n);
            if let Some(d) = e.date {
                assert!(d.is_valid(), "{d:?}");
            }
        }
    }
}

/// Codes `data` as a plain-text article.
pub fn code_text(data: &[u8]) {
    code_as("fuzz.txt", data);
}

/// Codes `data` as JSONL records.
pub fn code_jsonl(data: &[u8]) {
    code_as("fuzz.jsonl", data);
}
