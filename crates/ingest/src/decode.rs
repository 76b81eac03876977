//! Bytes of a web page → text, in whatever encoding the page was written.
//!
//! The order browsers use: a byte-order mark, then the HTTP `Content-Type` charset, then a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` near the top of the page, then statistical detection (chardetng). Bytes that
//! are invalid in the chosen encoding become U+FFFD rather than an error: a page with one bad byte is still read.

use encoding_rs::Encoding;

/// How the encoding of a page was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// A UTF-8 or UTF-16 byte-order mark.
    Bom,
    /// The charset of the HTTP `Content-Type` header.
    HttpHeader,
    /// A `<meta charset>` or `<meta http-equiv>` tag.
    Meta,
    /// Guessed from the bytes.
    Detected,
}

/// Bytes of the page head searched for a meta charset (the HTML standard says 1024; pages often put it later).
const META_SCAN_BYTES: usize = 4096;

/// Decodes an HTML page. `content_type` is the HTTP header value when the page came with one (WARC, HTTP).
/// Returns the text, the encoding's name and how it was chosen.
pub fn decode_html(
    bytes: &[u8],
    content_type: Option<&str>,
) -> (String, &'static str, EncodingSource) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name(), EncodingSource::Bom);
    }
    let chosen = content_type
        .and_then(charset_in_content_type)
        .map(|e| (e, EncodingSource::HttpHeader))
        .or_else(|| meta_charset(bytes).map(|e| (e, EncodingSource::Meta)));
    let (enc, source) = match chosen {
        Some(c) => c,
        None => {
            // pure ASCII or valid UTF-8 needs no guessing (and chardetng would call short ASCII windows-1252)
            if std::str::from_utf8(bytes).is_ok() {
                (encoding_rs::UTF_8, EncodingSource::Detected)
            } else {
                let mut det = chardetng::EncodingDetector::new();
                det.feed(bytes, true);
                (det.guess(None, true), EncodingSource::Detected)
            }
        }
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name(), source)
}

/// The encoding named by `charset=` in a Content-Type value. UTF-16 labels in a header or meta tag of a page
/// that was read as bytes mean UTF-8 in practice (the HTML standard says so), which `output_encoding` applies.
pub fn charset_in_content_type(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = lower[at..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ';' | ' ' | ',' | '>' | '/'))
        .collect();
    Encoding::for_label(label.as_bytes()).map(|e| e.output_encoding())
}

/// The charset declared by a meta tag in the first few KiB of the page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&lower[start..end]);
        if let Some(enc) = charset_in_content_type(&tag) {
            return Some(enc);
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

/// Position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_header_meta_and_detection() {
        let (t, enc, src) = decode_html(
            b"\xef\xbb\xbf<p>caf\xc3\xa9</p>",
            Some("text/html; charset=latin1"),
        );
        assert_eq!(
            (t.as_str(), enc, src),
            ("<p>café</p>", "UTF-8", EncodingSource::Bom)
        );
        let (t, _, src) = decode_html(b"<p>caf\xe9</p>", Some("text/html; charset=ISO-8859-1"));
        assert_eq!(
            (t.as_str(), src),
            ("<p>café</p>", EncodingSource::HttpHeader)
        );
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let (t, enc, src) = decode_html(page, None);
        assert!(t.contains("Привет"), "{t}");
        assert_eq!((enc, src), ("windows-1251", EncodingSource::Meta));
        let (t, _, _) = decode_html(b"<meta charset='shift_jis'><p>\x93\xfa\x96\x7b</p>", None);
        assert!(t.contains("日本"), "{t}");
        // undeclared Latin-1 French text is detected rather than mangled
        let text = "Le président a été reçu à l'Élysée où il a évoqué la sécurité européenne et la coopération.";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let (t, _, src) = decode_html(&latin1, None);
        assert_eq!((t.as_str(), src), (text, EncodingSource::Detected));
        // invalid bytes in the declared encoding are replaced, not fatal
        let (t, _, _) = decode_html(b"<meta charset=utf-8>ok \xff end", None);
        assert!(t.contains("ok \u{fffd} end"));
    }
}
