//! The streams an open input is read from one document at a time: JSONL a line at a time (each record within
//! the size limit), WARC a record at a time, and the items of a feed made at once.

use super::{io_message, issue, DocInfo, InputIssue, RawDoc, Reader, MAX_PAGE_BYTES};
use crate::html::DateSource;
use crate::lang::detect_language;
use crate::warc::{WarcProblem, WarcReader};
use petrel_core::{Date, Metadata};
use serde::Deserialize;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

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

pub(super) struct JsonlStream {
    pub(super) name: String,
    pub(super) stem: String,
    pub(super) lines: Box<dyn BufRead>,
    pub(super) line_no: usize,
}

pub(super) struct WarcStream {
    pub(super) name: String,
    pub(super) stem: String,
    pub(super) records: WarcReader<Box<dyn BufRead>>,
}

pub(super) enum Stream {
    Jsonl(JsonlStream),
    Warc(Box<WarcStream>),
    /// Documents already made (the items of a feed).
    Ready(VecDeque<Result<RawDoc, InputIssue>>),
}

impl Reader {
    /// The next item of the open stream; `None` when it is exhausted (and closed).
    pub(super) fn next_from_stream(&mut self) -> Option<Result<RawDoc, InputIssue>> {
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
}

fn warc_issue(name: &str, p: &WarcProblem) -> InputIssue {
    let location = match &p.target_uri {
        Some(u) => format!("{name}: record {} ({u})", p.record),
        None => format!("{name}: record {}", p.record),
    };
    issue(&location, p.message.clone())
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
