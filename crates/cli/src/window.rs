//! Very long documents are coded in windows: a document whose cleaned text is longer than [`WINDOW_BYTES`] is
//! cut, at paragraph breaks where it can, else at sentence ends, into parts of at most that size, each coded
//! as a document of its own (`ID-part1`, `ID-part2`, ...). The pipeline's memory then grows with the window, not
//! with the document (a 4 MB text on one line took 673 MB whole), and nothing changes for documents of normal
//! size.

use petrel_core::{Document, Metadata};

/// The longest text coded as one document, in bytes.
pub const WINDOW_BYTES: usize = 1 << 20;

/// `doc` as it is when it fits in [`WINDOW_BYTES`], else its parts, made one at a time as they are taken.
pub fn windows(doc: Document) -> Windows {
    windows_of(doc, WINDOW_BYTES)
}

/// The document of `meta` and `text` when the text fits in [`WINDOW_BYTES`], else its parts. Unlike
/// [`windows`], no index over the whole text is built first (a document's code-point index takes 8 bytes a
/// character: 400 MB for a 50 MB text).
pub fn windows_of_text(meta: Metadata, text: String) -> Windows {
    if text.len() <= WINDOW_BYTES {
        return Windows {
            whole: Some(Document::new(meta, text)),
            ..Windows::default()
        };
    }
    split(meta, text, WINDOW_BYTES)
}

/// `doc` cut into parts of at most `max` bytes (a part may be longer only when a single character is).
pub fn windows_of(doc: Document, max: usize) -> Windows {
    if doc.text.len() <= max {
        return Windows {
            whole: Some(doc),
            ..Windows::default()
        };
    }
    split(doc.meta, doc.text, max)
}

/// The parts of `text`, at most `max` bytes each.
fn split(meta: Metadata, text: String, max: usize) -> Windows {
    let mut cuts = vec![0];
    let mut start = 0;
    while text.len() - start > max {
        let end = cut(&text, start, max);
        cuts.push(end);
        start = end;
    }
    cuts.push(text.len());
    Windows {
        whole: None,
        meta,
        text,
        cuts,
        next: 0,
    }
}

/// The windows of one document (see [`windows`]); each part is built when it is taken, so only one part's
/// offsets table exists at a time.
#[derive(Default)]
pub struct Windows {
    whole: Option<Document>,
    meta: Metadata,
    text: String,
    cuts: Vec<usize>,
    next: usize,
}

impl Iterator for Windows {
    type Item = Document;
    fn next(&mut self) -> Option<Document> {
        if let Some(doc) = self.whole.take() {
            return Some(doc);
        }
        if self.next + 1 >= self.cuts.len() {
            return None;
        }
        let (i, parts) = (self.next, self.cuts.len() - 1);
        self.next += 1;
        let meta = Metadata {
            id: format!("{}-part{}", self.meta.id, i + 1),
            source: format!("{} (part {} of {parts})", self.meta.source, i + 1),
            ..self.meta.clone()
        };
        let text = self.text[self.cuts[i]..self.cuts[i + 1]].to_string();
        Some(Document::new(meta, text))
    }
}

/// Where the part starting at `start` ends: after the last line break of its second half, else after the
/// last sentence end (". ", "? ", "! "), else after the last space, else at the last character boundary.
fn cut(text: &str, start: usize, max: usize) -> usize {
    let mut limit = start + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    if limit <= start {
        // one character longer than the window
        let mut end = start + 1;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        return end;
    }
    let window = &text[start..limit];
    let half = window.len() / 2;
    if let Some(i) = window.rfind('\n').filter(|&i| i >= half) {
        return start + i + 1;
    }
    let sentence_end = [". ", "? ", "! "]
        .iter()
        .filter_map(|p| window.rfind(p))
        .max()
        .filter(|&i| i >= half);
    if let Some(i) = sentence_end {
        return start + i + 2;
    }
    if let Some(i) = window.rfind(' ').filter(|&i| i > 0) {
        return start + i + 1;
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(
            Metadata {
                id: "big".into(),
                source: "big.txt".into(),
                ..Metadata::default()
            },
            text.to_string(),
        )
    }

    #[test]
    fn a_text_is_cut_before_any_document_is_built() {
        let meta = Metadata {
            id: "big".into(),
            ..Metadata::default()
        };
        let text = "Police arrested 40 people. ".repeat(WINDOW_BYTES / 20);
        let parts: Vec<Document> = windows_of_text(meta.clone(), text.clone()).collect();
        assert_eq!(parts.len(), 2, "a text of 1.35 window sizes is two parts");
        assert_eq!(
            parts.iter().map(|p| p.text.len()).sum::<usize>(),
            text.len()
        );
        let one: Vec<Document> =
            windows_of_text(meta, "Police arrested 40 people.".into()).collect();
        assert_eq!((one.len(), one[0].meta.id.as_str()), (1, "big"));
    }

    #[test]
    fn a_normal_document_is_one_window() {
        let d: Vec<Document> = windows_of(doc("Police arrested 40 people."), 100).collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].meta.id, "big");
    }

    /// Issue 16 row 5: a long text on one line is cut at sentence ends, in order, nothing lost.
    #[test]
    fn a_long_document_is_cut_at_sentence_ends_and_paragraphs() {
        let text = "Police in Lagos arrested 40 protesters on Monday. Troops entered the town. "
            .repeat(50);
        let parts: Vec<Document> = windows_of(doc(&text), 1000).collect();
        assert!(parts.len() >= 4, "{}", parts.len());
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text);
        for (i, p) in parts.iter().enumerate() {
            assert!(p.text.len() <= 1000);
            assert_eq!(p.meta.id, format!("big-part{}", i + 1));
            assert!(
                p.meta.source.starts_with("big.txt (part "),
                "{}",
                p.meta.source
            );
            if i + 1 < parts.len() {
                assert!(p.text.ends_with(". "), "{:?}", &p.text[p.text.len() - 20..]);
            }
        }
        let paragraphs = "A line of text that is long enough.\n".repeat(100);
        for p in windows_of(doc(&paragraphs), 500) {
            assert!(p.text.ends_with('\n'));
        }
        // no space at all, and characters of several bytes
        let solid = "ж".repeat(1000);
        let parts: Vec<Document> = windows_of(doc(&solid), 301).collect();
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<String>(),
            solid
        );
        assert!(parts.iter().all(|p| p.text.len() <= 301));
    }
}
