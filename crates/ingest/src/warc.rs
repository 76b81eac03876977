//! Streaming WARC reader (`.warc`, and `.warc.gz` through a multi-member gzip decoder by the caller).
//!
//! Yields the `response` records, one at a time, with their HTTP head parsed; other record types are skipped
//! without being held in memory. Memory is bounded by [`MAX_RECORD_BYTES`] whatever the file size. A record whose
//! `Content-Length` lies (the block does not end where the next record starts) is reported and skipped, and
//! reading resumes at the next `WARC/1.x` line; a truncated or corrupt file ends with a report naming the record.

use crate::decode::find;
use std::io::{self, BufRead, Read};

/// Largest record block read; larger responses are skipped (streamed past) with a report.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
/// Longest header line accepted (WARC or HTTP).
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines in one WARC or HTTP head.
const MAX_HEADERS: usize = 500;

/// One HTTP response captured in a WARC file.
#[derive(Clone, Debug, Default)]
pub struct WarcResponse {
    /// The record's position in the file, counting every record from 1.
    pub record: usize,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date` (capture time, ISO 8601).
    pub warc_date: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// HTTP status code, when the block starts with an HTTP status line.
    pub status: Option<u16>,
    /// The HTTP `Content-Type` header.
    pub content_type: Option<String>,
    /// The HTTP body (still content-encoded if the server sent it so and the crawler kept it).
    pub body: Vec<u8>,
    /// The HTTP `Content-Encoding` header.
    pub content_encoding: Option<String>,
}

/// A problem in a WARC file, at a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcProblem {
    /// The record's position in the file (1-based).
    pub record: usize,
    /// Its target URI, when known.
    pub target_uri: Option<String>,
    /// What is wrong.
    pub message: String,
    /// True when reading cannot go on in this file (truncated or corrupt stream).
    pub fatal: bool,
}

/// Streams the response records of one WARC file.
pub struct WarcReader<R: BufRead> {
    src: R,
    /// Bytes read past a record's end that belong to the next one (a record whose Content-Length was too long).
    pushback: Vec<u8>,
    record: usize,
    done: bool,
    bytes: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over decompressed WARC bytes.
    pub fn new(src: R) -> WarcReader<R> {
        WarcReader {
            src,
            pushback: Vec::new(),
            record: 0,
            done: false,
            bytes: 0,
        }
    }

    /// Bytes consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn read_line(&mut self, out: &mut Vec<u8>) -> io::Result<usize> {
        out.clear();
        if !self.pushback.is_empty() {
            if let Some(nl) = self.pushback.iter().position(|&b| b == b'\n') {
                out.extend(self.pushback.drain(..=nl));
                return Ok(out.len());
            }
            out.append(&mut self.pushback);
        }
        let n = (&mut self.src).take(MAX_LINE).read_until(b'\n', out)?;
        self.bytes += n as u64;
        Ok(out.len())
    }

    fn read_block(&mut self, len: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(len.min(1 << 20) as usize);
        let from_back = (len as usize).min(self.pushback.len());
        out.extend(self.pushback.drain(..from_back));
        let rest = len - from_back as u64;
        let n = (&mut self.src).take(rest).read_to_end(&mut out)?;
        self.bytes += n as u64;
        Ok(out)
    }

    /// Reads past a block of `len` bytes a buffer at a time. Returns the bytes read and, when the input ends
    /// before `len` bytes (the Content-Length lied), the bytes from the first record header seen inside the
    /// block on (at most [`MAX_RECORD_BYTES`] of them), where reading can resume.
    fn skip_block(&mut self, len: u64) -> io::Result<(u64, Option<Vec<u8>>)> {
        const MARK: &[u8] = b"\r\n\r\nWARC/1.";
        let cap = MAX_RECORD_BYTES as usize;
        let mut done = 0u64;
        let mut saved: Option<Vec<u8>> = None;
        // the last bytes read, for a header split between two buffers
        let mut tail: Vec<u8> = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        while done < len {
            let want = ((len - done) as usize).min(buf.len());
            let n = if !self.pushback.is_empty() {
                let k = want.min(self.pushback.len());
                buf[..k].copy_from_slice(&self.pushback[..k]);
                self.pushback.drain(..k);
                k
            } else {
                let k = loop {
                    match self.src.read(&mut buf[..want]) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        r => break r?,
                    }
                };
                self.bytes += k as u64;
                k
            };
            if n == 0 {
                break;
            }
            done += n as u64;
            let chunk = &buf[..n];
            match saved.as_mut() {
                Some(kept) => {
                    let room = cap.saturating_sub(kept.len());
                    kept.extend_from_slice(&chunk[..n.min(room)]);
                }
                None => {
                    let mut joined = std::mem::take(&mut tail);
                    joined.extend_from_slice(chunk);
                    if let Some(at) = find(&joined, MARK) {
                        let from = &joined[at + 4..];
                        saved = Some(from[..from.len().min(cap)].to_vec());
                    } else {
                        let keep = joined.len().min(MARK.len() - 1);
                        tail = joined[joined.len() - keep..].to_vec();
                    }
                }
            }
        }
        Ok((done, if done < len { saved } else { None }))
    }

    /// Skips to the next line that starts a WARC record; false at the end of the input.
    fn resync(&mut self) -> io::Result<bool> {
        let mut line = Vec::new();
        loop {
            if self.read_line(&mut line)? == 0 {
                return Ok(false);
            }
            if line.starts_with(b"WARC/1.") && line.ends_with(b"\n") {
                // put the version line back for the header reader
                let mut back = std::mem::take(&mut line);
                back.append(&mut self.pushback);
                self.pushback = back;
                return Ok(true);
            }
        }
    }

    fn problem(&self, uri: &Option<String>, message: String, fatal: bool) -> WarcProblem {
        WarcProblem {
            record: self.record,
            target_uri: uri.clone(),
            message,
            fatal,
        }
    }

    fn next_record(&mut self) -> Option<Result<WarcResponse, WarcProblem>> {
        let mut line = Vec::new();
        loop {
            // the version line, after any blank lines between records
            loop {
                match self.read_line(&mut line) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(e) => {
                        self.record += 1;
                        return Some(Err(self.problem(&None, stream_error(&e), true)));
                    }
                }
                if !line.iter().all(u8::is_ascii_whitespace) {
                    break;
                }
            }
            self.record += 1;
            if !line.starts_with(b"WARC/") {
                let found = self.resync();
                let msg = "not a WARC record header; skipped to the next record".to_string();
                return Some(Err(match found {
                    Ok(_) => self.problem(&None, msg, false),
                    Err(e) => self.problem(&None, stream_error(&e), true),
                }));
            }
            let headers = match self.read_headers() {
                Ok(h) => h,
                Err(e) => return Some(Err(self.problem(&None, stream_error(&e), true))),
            };
            let get = |name: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            let uri = get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
            let kind = get("WARC-Type").unwrap_or_default().to_ascii_lowercase();
            let Some(len) = get("Content-Length").and_then(|l| l.trim().parse::<u64>().ok()) else {
                let found = self.resync();
                let msg = "no valid Content-Length; skipped to the next record".to_string();
                return Some(Err(match found {
                    Ok(_) => self.problem(&uri, msg, false),
                    Err(e) => self.problem(&uri, stream_error(&e), true),
                }));
            };
            if len > MAX_RECORD_BYTES {
                match self.skip_block(len) {
                    // the length ran past the end of the file, over records: read them
                    Ok((n, Some(rest))) if n < len => {
                        let mut back = rest;
                        back.append(&mut self.pushback);
                        self.pushback = back;
                        return Some(Err(self.problem(
                            &uri,
                            format!("Content-Length {len} runs past the end of the file; record skipped, reading resumed at the next one"),
                            false,
                        )));
                    }
                    Ok((n, _)) if n < len => {
                        self.done = true;
                        return Some(Err(self.problem(
                            &uri,
                            format!("truncated: Content-Length says {len} bytes, the file ends after {n}"),
                            true,
                        )));
                    }
                    Ok(_) => {}
                    Err(e) => return Some(Err(self.problem(&uri, stream_error(&e), true))),
                }
                if let Err(p) = self.check_record_end(&uri, len) {
                    return Some(Err(p));
                }
                if kind == "response" {
                    return Some(Err(self.problem(
                        &uri,
                        format!(
                            "response of {len} bytes is larger than {} MiB",
                            MAX_RECORD_BYTES >> 20
                        ),
                        false,
                    )));
                }
                continue;
            }
            let block = match self.read_block(len) {
                Ok(b) => b,
                Err(e) => return Some(Err(self.problem(&uri, stream_error(&e), true))),
            };
            // a Content-Length that is too long swallows the next record, or runs past the end of the file
            // with records after it: the next record's header shows inside the block
            if let Some(at) = find(&block, b"\r\n\r\nWARC/1.") {
                let mut back = block[at + 4..].to_vec();
                back.append(&mut self.pushback);
                self.pushback = back;
                let past = if (block.len() as u64) < len {
                    "the end of the file"
                } else {
                    "the end of the record"
                };
                return Some(Err(self.problem(
                    &uri,
                    format!("Content-Length {len} runs past {past}; record skipped, reading resumed at the next one"),
                    false,
                )));
            }
            if (block.len() as u64) < len {
                self.done = true;
                return Some(Err(self.problem(
                    &uri,
                    format!(
                        "truncated: Content-Length says {len} bytes, the file ends after {}",
                        block.len()
                    ),
                    true,
                )));
            }
            if let Err(p) = self.check_record_end(&uri, len) {
                return Some(Err(p));
            }
            if kind != "response" {
                continue;
            }
            let record = self.record;
            let id = get("WARC-Record-ID");
            let date = get("WARC-Date");
            return Some(Ok(parse_http(block, record, uri, date, id)));
        }
    }

    /// After a block come two CRLFs; anything else means the Content-Length was too short.
    fn check_record_end(&mut self, uri: &Option<String>, len: u64) -> Result<(), WarcProblem> {
        let mut line = Vec::new();
        for _ in 0..2 {
            match self.read_line(&mut line) {
                Ok(0) => return Ok(()),
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
                Ok(_) => {
                    if line.starts_with(b"WARC/1.") {
                        let mut back = std::mem::take(&mut line);
                        back.append(&mut self.pushback);
                        self.pushback = back;
                        return Ok(());
                    }
                    let found = self.resync();
                    let msg = format!(
                        "Content-Length {len} ends inside the record; record skipped, reading resumed at the next one"
                    );
                    return Err(match found {
                        Ok(_) => self.problem(uri, msg, false),
                        Err(e) => self.problem(uri, stream_error(&e), true),
                    });
                }
                Err(e) => return Err(self.problem(uri, stream_error(&e), true)),
            }
        }
        Ok(())
    }

    fn read_headers(&mut self) -> io::Result<Vec<(String, String)>> {
        let mut headers = Vec::new();
        let mut line = Vec::new();
        for _ in 0..MAX_HEADERS {
            if self.read_line(&mut line)? == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        Ok(headers)
    }
}

fn stream_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => {
            "truncated compressed stream; the rest of the file is unreadable".into()
        }
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("corrupt compressed stream ({e}); the rest of the file is unreadable")
        }
        _ => format!("cannot read: {e}"),
    }
}

/// Splits an HTTP response block into status, headers and body. A block without an HTTP head (some crawlers
/// store the bare resource) is all body.
fn parse_http(
    block: Vec<u8>,
    record: usize,
    target_uri: Option<String>,
    warc_date: Option<String>,
    record_id: Option<String>,
) -> WarcResponse {
    let mut r = WarcResponse {
        record,
        target_uri,
        warc_date,
        record_id,
        ..WarcResponse::default()
    };
    if !block.starts_with(b"HTTP/") {
        r.body = block;
        return r;
    }
    let (head_end, sep) = match (find(&block, b"\r\n\r\n"), find(&block, b"\n\n")) {
        (Some(a), Some(b)) if b < a => (b, 2),
        (Some(a), _) => (a, 4),
        (None, Some(b)) => (b, 2),
        (None, None) => (block.len(), 0),
    };
    let head = String::from_utf8_lossy(&block[..head_end]).into_owned();
    let mut lines = head.lines();
    r.status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_string();
            if k.trim().eq_ignore_ascii_case("content-type") {
                r.content_type = Some(v);
            } else if k.trim().eq_ignore_ascii_case("content-encoding") {
                r.content_encoding = Some(v);
            }
        }
    }
    let mut block = block;
    r.body = block.split_off((head_end + sep).min(block.len()));
    r
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcResponse, WarcProblem>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.next_record();
        match &item {
            None => self.done = true,
            Some(Err(p)) if p.fatal => self.done = true,
            _ => {}
        }
        item
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC record as bytes (`content_length` overrides the true length, to make liars).
    pub(crate) fn record(
        kind: &str,
        uri: &str,
        block: &[u8],
        content_length: Option<usize>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        write!(
            out,
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{uri}>\r\nContent-Length: {}\r\n\r\n",
            content_length.unwrap_or(block.len())
        )
        .unwrap();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub(crate) fn http(body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}", body.len())
            .into_bytes()
    }

    fn read(bytes: &[u8]) -> Vec<Result<WarcResponse, WarcProblem>> {
        WarcReader::new(io::BufReader::new(bytes)).collect()
    }

    #[test]
    fn responses_with_http_heads() {
        let mut w = record("warcinfo", "", b"software: test\r\n", None);
        w.extend(record(
            "request",
            "http://a.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
            None,
        ));
        w.extend(record(
            "response",
            "http://a.example/x",
            &http("<p>one</p>"),
            None,
        ));
        w.extend(record(
            "response",
            "http://b.example/y",
            &http("<p>two</p>"),
            None,
        ));
        let out = read(&w);
        assert_eq!(out.len(), 2);
        let r = out[0].as_ref().unwrap();
        assert_eq!(r.record, 3);
        assert_eq!(r.target_uri.as_deref(), Some("http://a.example/x"));
        assert_eq!(r.status, Some(200));
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(r.body, b"<p>one</p>");
        assert_eq!(r.warc_date.as_deref(), Some("2024-03-05T12:00:00Z"));
    }

    #[test]
    fn lying_lengths_and_truncation_are_reported_and_skipped() {
        let good = record(
            "response",
            "http://ok.example/1",
            &http("<p>fine</p>"),
            None,
        );
        let short = record(
            "response",
            "http://liar.example/short",
            &http("<p>short liar</p>"),
            Some(20),
        );
        let long = record(
            "response",
            "http://liar.example/long",
            &http("<p>long liar</p>"),
            Some(200),
        );
        let mut w = short.clone();
        w.extend(&good);
        w.extend(&long);
        w.extend(&good);
        w.extend(&good[..good.len() - 30]);
        let out = read(&w);
        let msgs: Vec<String> = out
            .iter()
            .map(|r| match r {
                Ok(r) => format!("ok {} {}", r.record, r.target_uri.as_deref().unwrap_or("")),
                Err(p) => format!(
                    "err {} {}: {}",
                    p.record,
                    p.target_uri.as_deref().unwrap_or(""),
                    p.message
                ),
            })
            .collect();
        assert!(
            msgs[0].starts_with("err 1 http://liar.example/short: Content-Length 20 ends inside"),
            "{msgs:?}"
        );
        assert_eq!(msgs[1], "ok 2 http://ok.example/1", "{msgs:?}");
        assert!(
            msgs[2].starts_with("err 3 http://liar.example/long: Content-Length 200 runs past"),
            "{msgs:?}"
        );
        assert_eq!(msgs[3], "ok 4 http://ok.example/1", "{msgs:?}");
        assert!(
            msgs[4].starts_with("err 5 http://ok.example/1: truncated"),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 5, "{msgs:?}");
    }

    /// Issue 16 row 13: a Content-Length running past the end of the file lost the good records after it.
    #[test]
    fn a_length_past_the_end_of_the_file_loses_no_later_record() {
        let good = record(
            "response",
            "http://ok.example/1",
            &http("<p>fine</p>"),
            None,
        );
        for (kind, len) in [
            ("response", 100_000),
            ("request", 100_000),
            // over the record limit: streamed past, not read
            ("response", 100 << 20),
        ] {
            let mut w = record(
                kind,
                "http://liar.example/eof",
                &http("<p>liar</p>"),
                Some(len),
            );
            w.extend(&good);
            w.extend(&good);
            let out = read(&w);
            let p = out[0].as_ref().unwrap_err();
            assert_eq!(
                p.message,
                format!("Content-Length {len} runs past the end of the file; record skipped, reading resumed at the next one")
            );
            assert!(!p.fatal);
            let ok: Vec<usize> = out
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .map(|r| r.record)
                .collect();
            assert_eq!(ok, [2, 3], "{kind}: {out:?}");
        }
    }

    #[test]
    fn junk_never_panics() {
        for junk in [
            &b""[..],
            b"WARC/1.0\r\n",
            b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
            b"\x00\xff\xfeWARC",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/",
        ] {
            let _ = read(junk);
        }
    }
}
