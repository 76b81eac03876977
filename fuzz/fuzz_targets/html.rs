//! Web pages from arbitrary bytes: decoding, extraction, dates, titles.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    petrel_ingest::fuzz::html(data);
});
