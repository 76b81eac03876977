//! The entry points the fuzz targets (`fuzz/`) and the corpus replay test drive: each takes arbitrary bytes
//! through one input path the way [`crate::Reader`] does, and checks what must hold whatever the input.

use std::io::Read;

/// Reads every record of `data` as a WARC file, and again as gzip-compressed WARC.
pub fn warc(data: &[u8]) {
    let mut records = 0usize;
    for item in crate::warc::WarcReader::new(std::io::BufReader::new(data)) {
        records += 1;
        if let Ok(r) = item {
            assert!(r.body.len() <= data.len());
            let (html, _, _) = crate::decode_html(&r.body, r.content_type.as_deref());
            let _ = crate::extract_page(&html, r.target_uri.as_deref());
        }
        // every record consumes at least its header line
        assert!(records <= data.len() + 1);
    }
    let gz = flate2::read::MultiGzDecoder::new(data).take(1 << 22);
    for _ in crate::warc::WarcReader::new(std::io::BufReader::new(gz)) {}
}

/// Parses `data` as a feed and makes text of every item.
pub fn feed(data: &[u8]) {
    if let Ok(items) = crate::feed::parse_feed(data) {
        for (i, it) in items.iter().enumerate() {
            assert_eq!(it.index, i + 1);
        }
    }
}

/// Decodes `data` as a page and extracts the article and its metadata.
pub fn html(data: &[u8]) {
    let (html, _, _) = crate::decode_html(data, None);
    let page = crate::extract_page(&html, Some("https://news.example/2024/01/02/story"));
    if let Some(d) = page.date {
        assert!((1990..=2100).contains(&d.year));
    }
    let _ = crate::lang::detect_language(&page.text, page.declared_language.as_deref());
}
