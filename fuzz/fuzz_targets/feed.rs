//! RSS/Atom feeds from arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    petrel_ingest::fuzz::feed(data);
});
