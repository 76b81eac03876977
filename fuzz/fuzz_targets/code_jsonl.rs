//! `petrel code` on arbitrary bytes read as JSONL records: reading, cleaning, the whole pipeline.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    petrel::fuzz::code_jsonl(data);
});
