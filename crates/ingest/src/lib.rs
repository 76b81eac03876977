//! petrel-ingest: from input files to clean [`Document`]s.
//!
//! [`Reader`] streams raw documents from HTML pages (any encoding), WARC crawls, RSS/Atom feeds, JSONL, plain
//! text, directories or stdin; web pages go through [`extract_page`] (main text, title, author, original
//! publication date, canonical URL, site, language). [`clean`] normalises the text (NFKC, straight quotes,
//! plain spaces) and, for plain text, removes the site shell.

#![warn(missing_docs)]

pub mod dates;
pub mod decode;
pub mod feed;
pub mod follow;
pub mod fuzz;
pub mod html;
pub mod lang;
pub mod normalize;
pub mod read;
pub mod shell;
pub mod warc;

pub use decode::decode_html;
pub use html::{extract_page, DateSource, Page};
pub use normalize::normalize;
pub use read::{
    input_bytes, input_kind, CountingReader, DocInfo, InputIssue, InputKind, RawDoc, Reader,
    Warnings,
};
pub use shell::{remove_shell, remove_shell_owned, Removal, ShellReport};

use petrel_core::{Document, Metadata};

/// Builds the pipeline's document from a raw one; returns the paragraphs removed as site shell.
pub fn clean(raw: RawDoc) -> (Document, Vec<(String, Removal)>) {
    let (meta, text, removed) = clean_text(raw);
    (Document::new(meta, text), removed)
}

/// As [`clean`], without building the document: its metadata, cleaned text and the removed lines. For callers
/// that cut a very long text into parts first, so that no index over the whole text is ever built.
pub fn clean_text(raw: RawDoc) -> (Metadata, String, Vec<(String, Removal)>) {
    let text = normalize(&raw.text);
    // (the raw text goes before the shell is removed, and the shell removal returns the text itself when it
    // keeps all of it: a very long text is held twice at most, not three times)
    let (meta, plain) = (raw.meta, raw.plain);
    drop(raw.text);
    if plain {
        let report = remove_shell_owned(text);
        (meta, report.text, report.removed)
    } else {
        (meta, text, Vec::new())
    }
}
