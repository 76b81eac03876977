//! Reading inputs: HTML pages (any encoding), WARC crawls (`.warc`, `.warc.gz`), RSS/Atom feeds, JSONL files
//! (one article per line, with `text` or `html`), plain-text files, gzip-compressed files of any of these,
//! directories (recursively) and standard input.
//!
//! The kind of each file is told by its name (`.warc`, `.jsonl`, `.rss`, `.html`, ... under an optional `.gz`)
//! and, failing that, by its first bytes. [`Reader`] streams: JSONL is read a line at a time and WARC a record
//! at a time, so memory stays bounded whatever the input size. Problems are yielded as [`InputIssue`]s naming
//! the file (and line, record, item or byte) so the caller can warn, count and go on with the rest. Documents
//! that are not in English are skipped and counted ([`Reader::not_english`]).

use crate::decode::decode_html;
use crate::feed::parse_feed;
use crate::html::{extract_page, DateSource, Page};
use crate::lang::{detect_language, is_english};
use crate::warc::{WarcProblem, WarcReader, WarcResponse};
use petrel_core::{Date, Metadata};
use serde::Deserialize;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
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

/// One JSONL record as users write it.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

enum Source {
    Path(PathBuf),
    Stdin,
    /// Bytes already in memory, with the file name they stand for.
    Memory(String, Vec<u8>),
}

struct JsonlStream {
    name: String,
    stem: String,
    lines: Box<dyn BufRead>,
    line_no: usize,
}

struct WarcStream {
    name: String,
    stem: String,
    records: WarcReader<Box<dyn BufRead>>,
}

enum Stream {
    Jsonl(JsonlStream),
    Warc(Box<WarcStream>),
    /// Documents already made (the items of a feed).
    Ready(VecDeque<Result<RawDoc, InputIssue>>),
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

    fn open(&mut self, src: Source) -> Option<Result<RawDoc, InputIssue>> {
        // `size`: the length of a file or of bytes in memory, to read a whole document into a buffer of its size
        let (name, stem, raw, mut size): (String, String, Box<dyn BufRead>, Option<u64>) = match src
        {
            Source::Stdin => (
                "<stdin>".into(),
                "stdin".into(),
                Box::new(BufReader::new(CountingReader::new(
                    io::stdin(),
                    self.consumed.clone(),
                ))),
                None,
            ),
            Source::Memory(name, bytes) => {
                let stem = file_stem(Path::new(&name));
                let size = Some(bytes.len() as u64);
                let raw: Box<dyn BufRead> = Box::new(io::Cursor::new(bytes));
                (name, stem, raw, size)
            }
            Source::Path(p) => {
                let name = p.display().to_string();
                if p.is_dir() {
                    match list_dir(&p) {
                        Ok((files, repeats)) => {
                            for (link, target) in repeats {
                                self.warnings.push(issue(
                                    &link.display().to_string(),
                                    format!(
                                        "leads to {}, already read (a symbolic link): not read again",
                                        target.display()
                                    ),
                                ));
                            }
                            for f in files.into_iter().rev() {
                                self.queue.push_front(Source::Path(f));
                            }
                            return None;
                        }
                        Err(e) => {
                            return Some(Err(issue(&name, format!("cannot read directory: {e}"))))
                        }
                    }
                }
                let file = match File::open(&p) {
                    Ok(f) => f,
                    Err(e) => {
                        return Some(Err(issue(
                            &name,
                            format!("cannot open: {}", io_message(&e)),
                        )))
                    }
                };
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                let counted = CountingReader::new(file, self.consumed.clone());
                (name, file_stem(&p), Box::new(BufReader::new(counted)), size)
            }
        };
        let mut reader = raw;
        let gzipped = match reader.fill_buf() {
            Ok(buf) => buf.starts_with(&[0x1f, 0x8b]),
            Err(e) => {
                return Some(Err(issue(
                    &name,
                    format!("cannot read: {}", io_message(&e)),
                )))
            }
        };
        if gzipped {
            size = None;
            // multi-member: WARC.gz files compress each record separately
            reader = Box::new(BufReader::with_capacity(
                64 * 1024,
                flate2::read::MultiGzDecoder::new(reader),
            ));
        }
        let kind = match reader.fill_buf() {
            Ok(buf) => input_kind(&name, buf),
            Err(e) => {
                let msg = if gzipped {
                    format!("not readable gzip: {e}")
                } else {
                    format!("cannot read: {}", io_message(&e))
                };
                return Some(Err(issue(&name, msg)));
            }
        };
        match kind {
            InputKind::Jsonl => {
                self.current = Some(Stream::Jsonl(JsonlStream {
                    name,
                    stem,
                    lines: reader,
                    line_no: 0,
                }));
                None
            }
            InputKind::Warc => {
                self.current = Some(Stream::Warc(Box::new(WarcStream {
                    name,
                    stem,
                    records: WarcReader::new(reader),
                })));
                None
            }
            InputKind::Feed => {
                let bytes = match read_bounded(reader, MAX_PLAIN_BYTES, size, &name) {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                let mut docs = self.feed_docs(&name, &stem, &bytes);
                if let Some(mut fetcher) = self.fetcher.take() {
                    docs = docs
                        .into_iter()
                        .map(|d| d.and_then(|d| self.follow_item(&mut fetcher, d)))
                        .collect();
                    self.fetcher = Some(fetcher);
                }
                self.current = Some(Stream::Ready(docs));
                None
            }
            InputKind::Html => {
                let bytes = match read_bounded(reader, MAX_PAGE_BYTES, size, &name) {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                if looks_binary(&bytes) {
                    return Some(Err(issue(&name, "binary data, not a web page".into())));
                }
                let (html, _, _) = decode_html(&bytes, None);
                drop(bytes);
                Some(self.page_doc(&html, None, stem, name.clone(), &name))
            }
            InputKind::Plain => {
                let bytes = match read_bounded(reader, MAX_PLAIN_BYTES, size, &name) {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        return Some(Err(InputIssue {
                            location: format!("{name}: byte {at}"),
                            message: "invalid UTF-8".into(),
                        }));
                    }
                };
                let meta = Metadata {
                    id: stem,
                    source: name,
                    date: self.default_date,
                    ..Metadata::default()
                };
                let info = DocInfo {
                    date_source: self.default_date.map(|_| DateSource::Given),
                    ..DocInfo::default()
                };
                Some(Ok(RawDoc {
                    meta,
                    text,
                    plain: true,
                    info,
                }))
            }
        }
    }

    /// A document from a web page. Record dates (feed, JSONL) are the caller's to apply; the page's own date
    /// beats `fallback_date` (a WARC capture date) and the `--date` default.
    fn page_doc(
        &self,
        html: &str,
        url: Option<&str>,
        id: String,
        source: String,
        at: &str,
    ) -> Result<RawDoc, InputIssue> {
        // the parser and extractors are other people's code: a panic in them on a hostile page skips that
        // page with a message instead of ending the run (the fuzz targets look for such panics)
        let page = std::panic::catch_unwind(|| extract_page(html, url)).map_err(|_| {
            issue(
                at,
                "the page could not be parsed (the HTML extractor failed on it)".into(),
            )
        })?;
        self.doc_from_page(page, url, id, source, at)
    }

    fn doc_from_page(
        &self,
        page: Page,
        url: Option<&str>,
        id: String,
        source: String,
        at: &str,
    ) -> Result<RawDoc, InputIssue> {
        if page.text.trim().is_empty() {
            return Err(issue(at, "no article text found in the page".into()));
        }
        let (date, date_source) = match page.date {
            Some(d) => (Some(d), page.date_source),
            None => (
                self.default_date,
                self.default_date.map(|_| DateSource::Given),
            ),
        };
        let language = detect_language(&page.text, page.declared_language.as_deref());
        Ok(RawDoc {
            meta: Metadata {
                id,
                url: url
                    .map(str::to_string)
                    .or_else(|| page.canonical_url.clone()),
                title: page.title,
                date,
                source,
            },
            text: page.text,
            plain: false,
            info: DocInfo {
                author: page.author,
                canonical_url: page.canonical_url,
                site: page.site,
                language,
                date_source,
            },
        })
    }

    fn feed_docs(
        &self,
        name: &str,
        stem: &str,
        bytes: &[u8],
    ) -> VecDeque<Result<RawDoc, InputIssue>> {
        let items = match parse_feed(bytes) {
            Ok(items) => items,
            Err(e) => return VecDeque::from([Err(issue(name, e))]),
        };
        items
            .into_iter()
            .map(|it| {
                let at = format!("{name}: item {}", it.index);
                let text = if it.text.trim().is_empty() {
                    it.title.clone().unwrap_or_default()
                } else {
                    it.text
                };
                if text.trim().is_empty() {
                    return Err(issue(&at, "item has no title, content or summary".into()));
                }
                let (date, date_source) = match it.date {
                    Some(d) => (Some(d), Some(DateSource::Feed)),
                    None => (
                        self.default_date,
                        self.default_date.map(|_| DateSource::Given),
                    ),
                };
                let id = it
                    .id
                    .clone()
                    .or_else(|| it.link.clone())
                    .unwrap_or_else(|| format!("{stem}-{}", it.index));
                Ok(RawDoc {
                    meta: Metadata {
                        id,
                        url: it.link,
                        title: it.title,
                        date,
                        source: at,
                    },
                    text,
                    plain: false,
                    info: DocInfo {
                        author: it.author,
                        date_source,
                        ..DocInfo::default()
                    },
                })
            })
            .collect()
    }

    /// Replaces a feed item by the page it links to; the item's title and date fill what the page lacks.
    fn follow_item(
        &self,
        fetcher: &mut crate::follow::Fetcher,
        item: RawDoc,
    ) -> Result<RawDoc, InputIssue> {
        let Some(link) = item.meta.url.clone() else {
            return Ok(item);
        };
        let at = format!("{} ({link})", item.meta.source);
        let (content_type, bytes) = fetcher
            .fetch(&link)
            .map_err(|e| issue(&at, format!("cannot follow the link: {e}")))?;
        if looks_binary(&bytes) {
            return Err(issue(
                &at,
                "the link gives binary data, not a web page".into(),
            ));
        }
        let (html, _, _) = decode_html(&bytes, content_type.as_deref());
        let mut doc = self.page_doc(
            &html,
            Some(&link),
            item.meta.id.clone(),
            item.meta.source.clone(),
            &at,
        )?;
        if doc.meta.title.is_none() {
            doc.meta.title = item.meta.title;
        }
        let page_dated = !matches!(doc.info.date_source, None | Some(DateSource::Given));
        if !page_dated && item.meta.date.is_some() {
            doc.meta.date = item.meta.date;
            doc.info.date_source = item.info.date_source;
        }
        if doc.info.author.is_none() {
            doc.info.author = item.info.author;
        }
        Ok(doc)
    }

    fn warc_doc(
        &self,
        name: &str,
        stem: &str,
        r: WarcResponse,
    ) -> Option<Result<RawDoc, InputIssue>> {
        let at = match &r.target_uri {
            Some(u) => format!("{name}: record {} ({u})", r.record),
            None => format!("{name}: record {}", r.record),
        };
        // redirects, errors and non-text resources are not articles: passed over silently
        if r.status.is_some_and(|s| !(200..300).contains(&s)) {
            return None;
        }
        let ct = r
            .content_type
            .as_deref()
            .unwrap_or("text/html")
            .to_ascii_lowercase();
        if !(ct.contains("html") || ct.starts_with("text/")) {
            return None;
        }
        if r.body.len() as u64 > MAX_PAGE_BYTES {
            return Some(Err(issue(
                &at,
                format!("page larger than {} MiB", MAX_PAGE_BYTES >> 20),
            )));
        }
        let mut body = r.body;
        if r.content_encoding
            .as_deref()
            .is_some_and(|e| e.contains("gzip"))
            && body.starts_with(&[0x1f, 0x8b])
        {
            let mut out = Vec::new();
            let res = flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_PAGE_BYTES)
                .read_to_end(&mut out);
            if let Err(e) = res {
                return Some(Err(issue(&at, format!("body not readable gzip: {e}"))));
            }
            body = out;
        }
        if looks_binary(&body) {
            return Some(Err(issue(&at, "binary data, not a web page".into())));
        }
        let (html, _, _) = decode_html(&body, r.content_type.as_deref());
        drop(body);
        let url = r.target_uri.as_deref();
        let page = extract_page(&html, url);
        let mut doc =
            match self.doc_from_page(page, url, format!("{stem}-{}", r.record), at.clone(), &at) {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
        if doc.info.date_source.is_none() || doc.info.date_source == Some(DateSource::Given) {
            if let Some(d) = r
                .warc_date
                .as_deref()
                .and_then(crate::dates::parse_date_value)
            {
                doc.meta.date = Some(d);
                doc.info.date_source = Some(DateSource::Warc);
            }
        }
        Some(Ok(doc))
    }

    /// The next item of the open stream; `None` when it is exhausted (and closed).
    fn next_from_stream(&mut self) -> Option<Result<RawDoc, InputIssue>> {
        let default_date = self.default_date;
        let limit = self.record_limit;
        loop {
            match self.current.as_mut()? {
                Stream::Ready(items) => {
                    let item = items.pop_front();
                    if item.is_none() {
                        self.current = None;
                    }
                    return item;
                }
                Stream::Warc(w) => match w.records.next() {
                    None => {
                        self.current = None;
                        return None;
                    }
                    Some(Err(p)) => return Some(Err(warc_issue(&w.name, &p))),
                    Some(Ok(r)) => {
                        let (name, stem) = (w.name.clone(), w.stem.clone());
                        if let Some(item) = self.warc_doc(&name, &stem, r) {
                            return Some(item);
                        }
                    }
                },
                Stream::Jsonl(stream) => {
                    let mut buf = Vec::new();
                    match (&mut stream.lines)
                        .take(limit + 1)
                        .read_until(b'\n', &mut buf)
                    {
                        Ok(0) => {
                            self.current = None;
                            return None;
                        }
                        Ok(n) if n as u64 > limit && buf.last() != Some(&b'\n') => {
                            // a record over the limit: the rest of its line is read past, not kept
                            drop(buf);
                            stream.line_no += 1;
                            let at = format!("{}:{}", stream.name, stream.line_no);
                            let message = match skip_line(&mut stream.lines) {
                                Ok(rest) => format!(
                                    "record of {} bytes is larger than the limit of {limit} bytes",
                                    n as u64 + rest
                                ),
                                Err(e) => {
                                    self.current = None;
                                    format!(
                                        "record larger than the limit of {limit} bytes, then: cannot read: {}",
                                        io_message(&e)
                                    )
                                }
                            };
                            return Some(Err(issue(&at, message)));
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let at = format!("{}:{}", stream.name, stream.line_no + 1);
                            self.current = None;
                            return Some(Err(issue(
                                &at,
                                format!("cannot read: {}", io_message(&e)),
                            )));
                        }
                    }
                    stream.line_no += 1;
                    let at = format!("{}:{}", stream.name, stream.line_no);
                    let line = match std::str::from_utf8(&buf) {
                        Ok(l) => l.trim(),
                        Err(e) => {
                            return Some(Err(issue(
                                &at,
                                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                            )))
                        }
                    };
                    if line.is_empty() {
                        continue;
                    }
                    let (stem, line_no) = (stream.stem.clone(), stream.line_no);
                    let line = line.to_string();
                    return Some(self.parse_record(&line, &at, &stem, line_no, default_date));
                }
            }
        }
    }

    fn parse_record(
        &self,
        line: &str,
        at: &str,
        stem: &str,
        line_no: usize,
        default_date: Option<Date>,
    ) -> Result<RawDoc, InputIssue> {
        let rec: Record = serde_json::from_str(line)
            .map_err(|e| issue(at, format!("not a JSON object of the expected shape: {e}")))?;
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            None | Some(serde_json::Value::Null) => format!("{stem}-{line_no}"),
            Some(other) => {
                return Err(issue(
                    at,
                    format!("\"id\" must be a string or a number, not {other}"),
                ))
            }
        };
        let date = match rec.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => {
                let read = record_date(d);
                if read.is_none() {
                    self.warnings.push(issue(
                        at,
                        format!(
                            "\"date\" {d:?} is not a date petrel reads (2016-12-17, \"17 December 2016\", \"Dec 17, 2016\"; years 0001-9999); coded without it"
                        ),
                    ));
                }
                read
            }
        };
        let mut doc = match (rec.text, rec.html) {
            (Some(text), _) => {
                let language = detect_language(&text, None);
                RawDoc {
                    meta: Metadata {
                        id,
                        url: rec.url,
                        title: rec.title,
                        date: default_date,
                        source: at.to_string(),
                    },
                    text,
                    plain: false,
                    info: DocInfo {
                        language,
                        date_source: default_date.map(|_| DateSource::Given),
                        ..DocInfo::default()
                    },
                }
            }
            (None, Some(html)) => {
                if html.len() as u64 > MAX_PAGE_BYTES {
                    return Err(issue(
                        at,
                        format!(
                            "\"html\" of {} MiB is larger than the page limit of {} MiB",
                            html.len() >> 20,
                            MAX_PAGE_BYTES >> 20
                        ),
                    ));
                }
                let mut d = self.page_doc(&html, rec.url.as_deref(), id, at.to_string(), at)?;
                if rec.title.is_some() {
                    d.meta.title = rec.title;
                }
                d
            }
            (None, None) => {
                return Err(issue(at, "record has neither \"text\" nor \"html\"".into()))
            }
        };
        if let Some(d) = date {
            doc.meta.date = Some(d);
            doc.info.date_source = Some(DateSource::Record);
        }
        Ok(doc)
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

/// True for bytes no text encoding produces: NUL bytes, or many control characters, near the start. (UTF-16
/// pages have NULs but start with a byte-order mark.)
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || control * 10 > head.len()
}

fn warc_issue(name: &str, p: &WarcProblem) -> InputIssue {
    let location = match &p.target_uri {
        Some(u) => format!("{name}: record {} ({u})", p.record),
        None => format!("{name}: record {}", p.record),
    };
    issue(&location, p.message.clone())
}

/// Reads at most `max` bytes. `size`, the file's length when it is known, is reserved at once: a buffer grown
/// by doubling held about twice the text (142 MB resident for a 50 MB file, the old buffers kept by the allocator).
fn read_bounded(
    reader: Box<dyn BufRead>,
    max: u64,
    size: Option<u64>,
    name: &str,
) -> Result<Vec<u8>, InputIssue> {
    let mut bytes = Vec::with_capacity(size.map_or(0, |n| n.min(max + 1) as usize));
    if let Err(e) = reader.take(max + 1).read_to_end(&mut bytes) {
        return Err(issue(name, format!("cannot read: {}", io_message(&e))));
    }
    if bytes.len() as u64 > max {
        return Err(issue(
            name,
            format!(
                "larger than {} MiB; not read (split a text, or give it as JSONL)",
                max >> 20
            ),
        ));
    }
    Ok(bytes)
}

/// The file name without its extensions of kind (`0001.html.gz` → `0001`).
fn file_stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string());
    let mut stem = name.as_str();
    if let Some(s) = stem.strip_suffix(".gz") {
        stem = s;
    }
    match stem.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_string(),
        _ => stem.to_string(),
    }
}

/// Passes reads through and adds the bytes read to a shared counter: progress by input consumed, measured
/// below any decompression, so that it can be set against the files' sizes.
pub struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    /// Counts what is read from `inner` into `count`.
    pub fn new(inner: R, count: Arc<AtomicU64>) -> CountingReader<R> {
        CountingReader { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The total size in bytes of the input files (folders walked as [`Reader`] walks them), to set
/// [`Reader::bytes_read`] against; `None` when standard input is among the inputs (its size is unknown).
pub fn input_bytes(inputs: &[PathBuf]) -> Option<u64> {
    if inputs.is_empty() {
        return None;
    }
    let mut total = 0u64;
    for p in inputs {
        if p.as_os_str() == "-" {
            return None;
        }
        if p.is_dir() {
            for f in list_dir(p).unwrap_or_default().0 {
                total += std::fs::metadata(&f).map_or(0, |m| m.len());
            }
        } else {
            total += std::fs::metadata(p).map_or(0, |m| m.len());
        }
    }
    Some(total)
}

/// Files to read, and paths not followed with the path they lead to.
type Listing = (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>);

/// The files under `dir`, recursively, in name order; hidden entries are left out. A folder or file reached a
/// second time through a symbolic link (`self -> .`, `up -> ..`, two links to one folder or file) is listed
/// once: the paths not followed are returned with the path they lead to, for a warning.
fn list_dir(dir: &Path) -> io::Result<Listing> {
    let mut out = Vec::new();
    let mut repeats = Vec::new();
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    seen.insert(std::fs::canonicalize(dir)?);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            match std::fs::canonicalize(&p) {
                Ok(target) => {
                    if !seen.insert(target.clone()) {
                        repeats.push((p, target));
                        continue;
                    }
                }
                // a dangling or looping link: opening it reports the problem
                Err(_) => {
                    out.push(p);
                    continue;
                }
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok((out, repeats))
}

/// Reads past the rest of a line without keeping it; the number of bytes read past.
fn skip_line(r: &mut dyn BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                r.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                r.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// The date of a JSONL record: `YYYY-MM-DD` or an ISO 8601 timestamp (whose time, if any, must be possible),
/// else a date in words as pages write them ("17 December 2016", "Dec 17, 2016", "Sat, 17 Dec 2016").
fn record_date(value: &str) -> Option<Date> {
    if let Ok(d) = value.parse::<Date>() {
        return Some(d);
    }
    // an ISO form that failed above is broken (2023-05-10T25:99:00Z, 0000-01-01), not to be guessed at
    let b = value.as_bytes();
    let iso_like = b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    if iso_like {
        return None;
    }
    crate::dates::parse_date_value(value)
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
mod tests {
    use super::*;
    use std::io::Write;

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("petrel-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        File::create(&p).unwrap().write_all(bytes).unwrap();
        p
    }

    /// Issue 16 row 5: a plain-text file is read into a buffer of its size, not one grown by doubling (which
    /// left about twice the text resident).
    #[test]
    fn a_text_file_is_read_into_a_buffer_of_its_size() {
        let text = "Police in Lagos arrested 40 protesters. ".repeat(5000);
        let p = temp("long-line.txt", text.as_bytes());
        let raw = Reader::new(&[p], None).next().unwrap().unwrap();
        assert_eq!(raw.text, text);
        assert_eq!(raw.text.capacity(), text.len());
    }

    #[test]
    fn plain_jsonl_and_errors() {
        let plain = temp("article-one.txt", b"Police arrested 12 people.");
        let jsonl = temp(
            "batch.jsonl",
            b"{\"id\":\"a\",\"date\":\"2021-05-01\",\"text\":\"Troops arrived.\"}\nnot json\n\n{\"text\":\"x\",\"date\":\"May 1\"}\n{\"id\":7,\"text\":\"ok\"}\n",
        );
        let bad = temp("latin1.txt", b"caf\xe9");
        let missing = PathBuf::from("/nonexistent/petrel.txt");
        let d = Date::new(2022, 1, 7);
        let out: Vec<_> = Reader::new(&[plain, jsonl, bad, missing], d).collect();
        assert_eq!(out.len(), 7);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.meta.id, "article-one");
        assert_eq!(first.meta.date, d);
        assert!(first.plain);
        let a = out[1].as_ref().unwrap();
        assert_eq!(
            (a.meta.id.as_str(), a.meta.date.unwrap().to_string()),
            ("a", "2021-05-01".to_string())
        );
        let e = out[2].as_ref().unwrap_err();
        assert!(e.location.ends_with("batch.jsonl:2"), "{e}");
        // a date that cannot be read is a warning; the record is read with the default date
        assert_eq!(out[3].as_ref().unwrap().meta.date, d);
        assert_eq!(out[4].as_ref().unwrap().meta.id, "7");
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert!(
            errs.iter()
                .any(|e| e.contains("latin1.txt: byte 3: invalid UTF-8")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("/nonexistent/petrel.txt: cannot open: no such file")),
            "{errs:?}"
        );
    }

    const PARAGRAPHS: &str = "<p>Foreign ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along the border, officials said.</p>\
<p>The talks, brokered by Switzerland, lasted six hours and ended without a joint statement, according to diplomats who attended.</p>\
<p>Both sides agreed to meet again next month in Vienna, a spokesman for the Swiss foreign ministry said on Wednesday evening.</p>";

    fn page(title: &str, lang: &str, paragraphs: &str) -> String {
        format!("<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn bytes_are_counted_as_read_compressed_for_gzip() {
        let count = Arc::new(AtomicU64::new(0));
        let mut r = CountingReader::new(&b"0123456789"[..], count.clone());
        let mut buf = [0u8; 4];
        assert_eq!(r.read(&mut buf).unwrap(), 4);
        assert_eq!(count.load(Ordering::Relaxed), 4);
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).unwrap();
        assert_eq!(count.load(Ordering::Relaxed), 10);

        // a gzipped WARC of many records: the count grows record by record, in compressed bytes, and ends
        // at the file's size, which is what input_bytes gives
        let mut w = Vec::new();
        for i in 0..200 {
            let block = crate::warc::tests::http(&page(
                &format!("Talks in Geneva, day {i}"),
                "en",
                PARAGRAPHS,
            ));
            let uri = format!("https://news.example/2024/03/05/talks-{i}");
            w.extend(gz(&crate::warc::tests::record(
                "response", &uri, &block, None,
            )));
        }
        let warc = temp("counted.warc.gz", &w);
        let txt = temp("counted.txt", b"Police arrested 12 people.");
        let inputs = [warc, txt];
        assert_eq!(input_bytes(&inputs), Some(w.len() as u64 + 26));
        assert_eq!(input_bytes(&[PathBuf::from("-")]), None);
        let shared = Arc::new(AtomicU64::new(0));
        let mut reader = Reader::new(&inputs, None).with_byte_counter(shared.clone());
        let mut seen = Vec::new();
        for doc in reader.by_ref() {
            doc.unwrap();
            seen.push(shared.load(Ordering::Relaxed));
        }
        assert_eq!(seen.len(), 201);
        assert!(seen.windows(2).all(|p| p[0] <= p[1]), "{seen:?}");
        // streamed: part way through the crawl, only part of it has been read
        assert!(seen[0] < w.len() as u64 / 2, "{seen:?}");
        assert_eq!(reader.bytes_read(), w.len() as u64 + 26);
    }

    #[test]
    fn html_warc_feed_and_jsonl_html() {
        // a Latin-1 page declared by its meta tag
        let latin = page("Caf\u{e9} talks in Geneva", "en", PARAGRAPHS)
            .replace("<head>", "<head><meta charset=\"iso-8859-1\">");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
        let html = temp("saved-page.html", &latin);
        // a gzipped WARC, one gzip member per record, with a German page to be skipped
        let de = "<p>Die Au\u{df}enminister beider L\u{e4}nder trafen sich am Dienstag in Genf, um \u{fc}ber eine Waffenruhe an der Grenze zu sprechen, sagten Beamte.</p><p>Die Gespr\u{e4}che dauerten sechs Stunden und endeten ohne gemeinsame Erkl\u{e4}rung, sagten Diplomaten, die dabei waren.</p>";
        let mut w = Vec::new();
        for (kind, uri, block) in [
            ("warcinfo", "", b"software: test\r\n".to_vec()),
            (
                "response",
                "https://news.example/2024/03/05/talks",
                crate::warc::tests::http(&page("Talks in Geneva", "en", PARAGRAPHS)),
            ),
            (
                "response",
                "https://news.example/de",
                crate::warc::tests::http(&page("Gespr\u{e4}che in Genf", "de", de)),
            ),
        ] {
            w.extend(gz(&crate::warc::tests::record(kind, uri, &block, None)));
        }
        let warc = temp("crawl.warc.gz", &w);
        let feed = temp(
            "news.rss",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Troops cross border</title><link>https://news.example/a</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Troops crossed the border on Tuesday, officials said.</description></item></channel></rss>",
        );
        let rec = serde_json::json!({"id": "r1", "url": "https://news.example/r1", "html": page("Record page", "en", PARAGRAPHS)});
        let jsonl = temp("pages.jsonl", format!("{rec}\n").as_bytes());
        let mut reader = Reader::new(&[html, warc, feed, jsonl], None);
        let docs: Vec<RawDoc> = reader.by_ref().map(|r| r.unwrap()).collect();
        assert_eq!(reader.not_english(), 1);
        assert_eq!(docs.len(), 4, "{docs:?}");
        let h = &docs[0];
        assert_eq!(h.meta.id, "saved-page");
        assert_eq!(h.meta.title.as_deref(), Some("Caf\u{e9} talks in Geneva"));
        assert!(h.text.contains("Foreign ministers") && !h.plain);
        assert_eq!(h.info.language.as_deref(), Some("eng"));
        let wd = &docs[1];
        assert_eq!(
            wd.meta.url.as_deref(),
            Some("https://news.example/2024/03/05/talks")
        );
        assert_eq!(wd.meta.date, Date::new(2024, 3, 5));
        assert_eq!(wd.info.date_source, Some(DateSource::Url));
        assert!(
            wd.meta
                .source
                .ends_with("crawl.warc.gz: record 2 (https://news.example/2024/03/05/talks)"),
            "{}",
            wd.meta.source
        );
        let f = &docs[2];
        assert_eq!(
            (f.meta.title.as_deref(), f.meta.url.as_deref()),
            (Some("Troops cross border"), Some("https://news.example/a"))
        );
        assert_eq!(
            (f.meta.date, f.info.date_source),
            (Date::new(2024, 3, 5), Some(DateSource::Feed))
        );
        let j = &docs[3];
        assert_eq!(
            (j.meta.id.as_str(), j.meta.title.as_deref()),
            ("r1", Some("Record page"))
        );
        assert!(j.text.contains("meet again next month"));
    }

    #[test]
    fn broken_inputs_are_named_and_the_rest_is_read() {
        let good = crate::warc::tests::record(
            "response",
            "https://news.example/ok",
            &crate::warc::tests::http(&page("Talks in Geneva", "en", PARAGRAPHS)),
            None,
        );
        let mut truncated = gz(&good);
        truncated.extend(gz(&good));
        truncated.truncate(truncated.len() - 40);
        let warc = temp("cut.warc.gz", &truncated);
        let not_xml = temp("broken.rss", b"this is not a feed at all");
        let binary = temp("junk.html", &[0u8, 159, 146, 150, 255, 0, 1, 2]);
        let after = temp("after.txt", b"Police arrested 12 people.");
        let out: Vec<_> = Reader::new(&[warc, not_xml, binary, after], None).collect();
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert!(
            errs.iter()
                .any(|e| e.contains("cut.warc.gz: record 2 (https://news.example/ok): truncated")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("broken.rss: not an RSS/Atom feed")),
            "{errs:?}"
        );
        assert!(
            errs.iter().any(|e| e.contains("junk.html: binary data")),
            "{errs:?}"
        );
        let ok: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2, "{out:?}");
        assert_eq!(ok[1].text, "Police arrested 12 people.");
    }

    #[test]
    fn a_huge_page_is_refused_by_name() {
        let mut big = b"<html><body><p>".to_vec();
        big.resize(MAX_PAGE_BYTES as usize + 10, b'a');
        let p = temp("huge.html", &big);
        let out: Vec<_> = Reader::new(&[p], None).collect();
        let e = out[0].as_ref().unwrap_err().to_string();
        assert!(e.contains("huge.html: larger than 16 MiB"), "{e}");
    }

    #[test]
    fn kinds_by_name_and_content() {
        assert_eq!(input_kind("a.warc.gz", b""), InputKind::Warc);
        assert_eq!(input_kind("a.bin", b"WARC/1.1\r\n"), InputKind::Warc);
        assert_eq!(input_kind("a", b"  {\"text\":1}"), InputKind::Jsonl);
        assert_eq!(
            input_kind("a.xml", b"<?xml version='1.0'?><rss>"),
            InputKind::Feed
        );
        assert_eq!(
            input_kind("feed", b"<?xml version='1.0'?>\n<feed xmlns='x'>"),
            InputKind::Feed
        );
        assert_eq!(
            input_kind("page", b"\xef\xbb\xbf<!DOCTYPE html><html>"),
            InputKind::Html
        );
        assert_eq!(input_kind("notes", b"Police said"), InputKind::Plain);
        assert_eq!(input_kind("x.txt", b"<b>not html</b>"), InputKind::Plain);
    }
}
