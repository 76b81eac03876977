//! petrel-ingest: from input files to clean [`Document`]s.
//!
//! [`Reader`] streams raw documents from plain text, JSONL, directories or stdin; [`clean`] normalises
//! the text (NFKC, straight quotes, plain spaces) and, for plain text, removes the site shell.

#![warn(missing_docs)]

pub mod normalize;
pub mod read;
pub mod shell;

pub use normalize::normalize;
pub use read::{InputIssue, RawDoc, Reader};
pub use shell::{remove_shell, Removal, ShellReport};

use petrel_core::Document;

/// Builds the pipeline's document from a raw one; returns the paragraphs removed as site shell.
pub fn clean(raw: RawDoc) -> (Document, Vec<(String, Removal)>) {
    let text = normalize(&raw.text);
    if raw.plain {
        let report = remove_shell(&text);
        (Document::new(raw.meta, report.text), report.removed)
    } else {
        (Document::new(raw.meta, text), Vec::new())
    }
}
