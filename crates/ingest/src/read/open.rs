//! Opening an input: standard input, bytes in memory, a file or a folder (listed recursively, each file or
//! folder once); gzip undone, the kind told, and a whole page, feed or text read within its limit. Every byte
//! read is counted for progress.

use super::stream::{JsonlStream, Stream, WarcStream};
use super::web::looks_binary;
use super::{
    input_kind, io_message, issue, DocInfo, InputIssue, InputKind, RawDoc, Reader, Source,
    MAX_PAGE_BYTES, MAX_PLAIN_BYTES,
};
use crate::decode::decode_html;
use crate::html::DateSource;
use crate::warc::WarcReader;
use petrel_core::Metadata;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

impl Reader {
    pub(super) fn open(&mut self, src: Source) -> Option<Result<RawDoc, InputIssue>> {
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
