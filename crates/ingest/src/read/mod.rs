//! Reading inputs: HTML pages (any encoding), WARC crawls (`.warc`, `.warc.gz`), RSS/Atom feeds, JSONL files
//! (one article per line, with `text` or `html`), plain-text files, gzip-compressed files of any of these,
//! directories (recursively) and standard input.
//!
//! The kind of each file is told by its name (`.warc`, `.jsonl`, `.rss`, `.html`, ... under an optional `.gz`)
//! and, failing that, by its first bytes. [`Reader`] streams: JSONL is read a line at a time and WARC a record
//! at a time, so memory stays bounded whatever the input size. Problems are yielded as [`InputIssue`]s naming
//! the file (and line, record, item or byte) so the caller can warn, count and go on with the rest. Documents
//! that are not in English are skipped and counted ([`Reader::not_english`]).
//!
//! This file holds the public types, the telling of a file's kind and the reader's loop; beside it, `open`
//! opens an input (file, folder, standard input, gzip), `stream` reads JSONL lines and WARC records one at a
//! time, and `web` makes documents of web pages, feed items and WARC responses.

mod open;
mod stream;
mod web;

pub use self::open::{input_bytes, CountingReader};

use self::stream::Stream;
use crate::html::DateSource;
use crate::lang::{detect_language, is_english};
use petrel_core::{Date, Metadata};
use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A document as read, before cleaning.
#[derive(Clone, Debug, Default)]
pub struct RawDoc {
    /// Metadata from the record, the page or the file name.
    pub meta: Metadata,
    /// The text as given (for web pages: the extracted article, one paragraph per line).
    pub text: String,
    /// True for plain-text input, where the site shell may still be around the article.
    pub plain: bool,
    /// What else is known about the document: author, canonical URL, site, language, where the date came from.
    pub info: DocInfo,
}

/// Document facts beyond the pipeline's [`Metadata`].
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    /// Author(s) as written.
    pub author: Option<String>,
    /// The page's canonical URL.
    pub canonical_url: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// Language: ISO 639-3 code guessed from the text, else the declared language's primary subtag.
    pub language: Option<String>,
    /// Where `meta.date` came from.
    pub date_source: Option<DateSource>,
}

/// A problem with one input file or record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputIssue {
    /// `file`, `file:line`, `file: record N (url)`, `file: item N` or `file: byte N`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InputIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Warnings about inputs that are still read (a `Crawl-delay` cut, a record date that cannot be read): kept
/// by the reader and the fetcher, taken and printed by whoever shows progress. Clones share one list.
#[derive(Clone, Debug, Default)]
pub struct Warnings(Arc<Mutex<Vec<InputIssue>>>);

impl Warnings {
    /// Adds a warning.
    pub fn push(&self, issue: InputIssue) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(issue);
    }

    /// The warnings added since the last call, oldest first.
    pub fn take(&self) -> Vec<InputIssue> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

enum Source {
    Path(PathBuf),
    Stdin,
    /// Bytes already in memory, with the file name they stand for.
    Memory(String, Vec<u8>),
}

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// One article as plain text.
    Plain,
    /// One JSON record per line.
    Jsonl,
    /// A web page.
    Html,
    /// A WARC file.
    Warc,
    /// An RSS or Atom feed.
    Feed,
}

/// Streams documents from the inputs in order. An empty input list means standard input.
pub struct Reader {
    queue: VecDeque<Source>,
    current: Option<Stream>,
    default_date: Option<Date>,
    not_english: usize,
    english_only: bool,
    consumed: Arc<AtomicU64>,
    fetcher: Option<crate::follow::Fetcher>,
    warnings: Warnings,
    record_limit: u64,
}

/// Largest plain-text document, feed or JSONL record (line) read whole; larger ones are refused with a message,
/// not loaded.
pub const MAX_PLAIN_BYTES: u64 = 64 * 1024 * 1024;
/// Largest web page extracted (a page this large is a data dump, not an article; extraction would take long).
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// Tells the kind of a file from its name (an optional `.gz` stripped) and its first decompressed bytes.
pub fn input_kind(name: &str, head: &[u8]) -> InputKind {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "warc" | "arc" => return InputKind::Warc,
        "jsonl" | "ndjson" => return InputKind::Jsonl,
        "rss" | "atom" => return InputKind::Feed,
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => return InputKind::Html,
        "txt" | "text" => return InputKind::Plain,
        _ => {}
    }
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return InputKind::Warc;
    }
    if head.starts_with(b"{") {
        return InputKind::Jsonl;
    }
    if head.starts_with(b"<") {
        let low = head[..head.len().min(2048)].to_ascii_lowercase();
        let has = |s: &[u8]| crate::decode::find(&low, s).is_some();
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return InputKind::Feed;
        }
        if ext == "xml" && !has(b"<html") {
            return InputKind::Feed;
        }
        return InputKind::Html;
    }
    InputKind::Plain
}

impl Reader {
    /// A reader over paths (`-` is standard input); `default_date` applies where the input gives none.
    pub fn new(inputs: &[PathBuf], default_date: Option<Date>) -> Reader {
        let mut queue = VecDeque::new();
        if inputs.is_empty() {
            queue.push_back(Source::Stdin);
        }
        for p in inputs {
            if p.as_os_str() == "-" {
                queue.push_back(Source::Stdin);
            } else {
                queue.push_back(Source::Path(p.clone()));
            }
        }
        Reader {
            queue,
            current: None,
            default_date,
            not_english: 0,
            english_only: true,
            consumed: Arc::new(AtomicU64::new(0)),
            fetcher: None,
            warnings: Warnings::default(),
            record_limit: MAX_PLAIN_BYTES,
        }
    }

    /// A reader over bytes already in memory, read as a file called `name` would be (its name tells the kind
    /// as a file's does): for fuzzing and tests.
    pub fn from_memory(name: &str, bytes: Vec<u8>, default_date: Option<Date>) -> Reader {
        let mut r = Reader::new(&[], default_date);
        r.queue.clear();
        r.queue.push_back(Source::Memory(name.to_string(), bytes));
        r
    }

    /// Keep documents in every language (by default those not in English are skipped and counted).
    pub fn all_languages(mut self) -> Reader {
        self.english_only = false;
        self
    }

    /// Fetch the page each feed item links to and read it instead of the item's summary (`--follow`).
    pub fn follow(mut self, fetcher: crate::follow::Fetcher) -> Reader {
        self.fetcher = Some(fetcher.with_warnings(self.warnings.clone()));
        self
    }

    /// Sets the largest JSONL record (line) read, [`MAX_PLAIN_BYTES`] by default; a longer one is read past in
    /// bounded memory and reported.
    pub fn with_record_limit(mut self, bytes: u64) -> Reader {
        self.record_limit = bytes;
        self
    }

    /// The reader's warnings: problems with inputs that are still read, to be taken and printed as they
    /// come (they do not make an input skipped).
    pub fn warnings(&self) -> Warnings {
        self.warnings.clone()
    }

    /// How many documents were skipped because they are not in English.
    pub fn not_english(&self) -> usize {
        self.not_english
    }

    /// Counts the input bytes consumed into `counter` (shared with whoever shows progress, possibly on
    /// another thread) instead of the reader's own counter.
    pub fn with_byte_counter(mut self, counter: Arc<AtomicU64>) -> Reader {
        self.consumed = counter;
        self
    }

    /// Bytes of input consumed so far, over every file read (compressed bytes for a gzipped file), for
    /// progress against [`input_bytes`].
    pub fn bytes_read(&self) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }

    /// Applies the language rule: the document, unless it is skipped (and counted) as not English.
    fn admit(&mut self, mut doc: RawDoc) -> Option<RawDoc> {
        if doc.info.language.is_none() {
            doc.info.language = detect_language(&doc.text, None);
        }
        if self.english_only && !is_english(doc.info.language.as_deref()) {
            self.not_english += 1;
            self.warnings.push(issue(
                &doc.meta.source,
                format!(
                    "written in {}, not English: skipped (--all-languages keeps it)",
                    doc.info.language.as_deref().unwrap_or("?")
                ),
            ));
            return None;
        }
        Some(doc)
    }
}

fn issue(location: &str, message: String) -> InputIssue {
    InputIssue {
        location: location.to_string(),
        message,
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::UnexpectedEof => "truncated (unexpected end of file)".into(),
        _ => e.to_string(),
    }
}

impl Iterator for Reader {
    type Item = Result<RawDoc, InputIssue>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = if self.current.is_some() {
                self.next_from_stream()
            } else {
                let src = self.queue.pop_front()?;
                self.open(src)
            };
            match item {
                Some(Ok(doc)) => match self.admit(doc) {
                    Some(doc) => return Some(Ok(doc)),
                    None => continue,
                },
                Some(Err(e)) => return Some(Err(e)),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests;
