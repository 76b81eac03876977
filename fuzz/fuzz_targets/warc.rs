//! WARC records from arbitrary bytes, raw and as gzip: never a panic, never unbounded memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    petrel_ingest::fuzz::warc(data);
});
