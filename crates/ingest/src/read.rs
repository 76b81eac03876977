//! Reading inputs: plain-text files, JSONL files (one article per line), directories and standard input.
//!
//! [`Reader`] streams: a JSONL file is read a line at a time, so memory stays bounded whatever the input size.
//! Problems are yielded as [`InputIssue`]s naming the file (and line or byte) so the caller can warn, count
//! and go on with the remaining records.

use petrel_core::{Date, Metadata};
use serde::Deserialize;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document as read, before cleaning.
#[derive(Clone, Debug)]
pub struct RawDoc {
    /// Metadata from the record or the file name.
    pub meta: Metadata,
    /// The text as given.
    pub text: String,
    /// True for plain-text input, where the site shell may still be around the article.
    pub plain: bool,
}

/// A problem with one input file or record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputIssue {
    /// `file`, `file:line` or `file: byte N`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InputIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
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
}

enum Source {
    Path(PathBuf),
    Stdin,
}

struct JsonlStream {
    name: String,
    stem: String,
    lines: Box<dyn BufRead>,
    line_no: usize,
}

/// Streams documents from the inputs in order. An empty input list means standard input.
pub struct Reader {
    queue: VecDeque<Source>,
    current: Option<JsonlStream>,
    default_date: Option<Date>,
}

/// Largest plain-text document read whole; larger files are refused with a message, not loaded.
pub const MAX_PLAIN_BYTES: u64 = 64 * 1024 * 1024;

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
        }
    }

    fn open(&mut self, src: Source) -> Option<Result<RawDoc, InputIssue>> {
        let (name, stem, mut reader): (String, String, Box<dyn BufRead>) = match src {
            Source::Stdin => (
                "<stdin>".into(),
                "stdin".into(),
                Box::new(BufReader::new(io::stdin())),
            ),
            Source::Path(p) => {
                let name = p.display().to_string();
                if p.is_dir() {
                    match list_dir(&p) {
                        Ok(files) => {
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
                let stem = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| name.clone());
                (name, stem, Box::new(BufReader::new(file)))
            }
        };
        // peek to tell JSONL from plain text: JSONL starts with '{'
        let first = match reader.fill_buf() {
            Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()).copied(),
            Err(e) => {
                return Some(Err(issue(
                    &name,
                    format!("cannot read: {}", io_message(&e)),
                )))
            }
        };
        if first == Some(b'{') || name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            self.current = Some(JsonlStream {
                name,
                stem,
                lines: reader,
                line_no: 0,
            });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = reader.take(MAX_PLAIN_BYTES + 1).read_to_end(&mut bytes) {
            return Some(Err(issue(
                &name,
                format!("cannot read: {}", io_message(&e)),
            )));
        }
        if bytes.len() as u64 > MAX_PLAIN_BYTES {
            return Some(Err(issue(
                &name,
                format!(
                    "larger than {} MiB; split it or give it as JSONL",
                    MAX_PLAIN_BYTES >> 20
                ),
            )));
        }
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
        Some(Ok(RawDoc {
            meta,
            text,
            plain: true,
        }))
    }

    fn next_record(&mut self) -> Option<Result<RawDoc, InputIssue>> {
        let default_date = self.default_date;
        let stream = self.current.as_mut()?;
        loop {
            let mut buf = Vec::new();
            match stream.lines.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.current = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    let at = format!("{}:{}", stream.name, stream.line_no + 1);
                    self.current = None;
                    return Some(Err(issue(&at, format!("cannot read: {}", io_message(&e)))));
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
            return Some(parse_record(
                line,
                &at,
                &stream.stem,
                stream.line_no,
                default_date,
            ));
        }
    }
}

fn parse_record(
    line: &str,
    at: &str,
    stem: &str,
    line_no: usize,
    default_date: Option<Date>,
) -> Result<RawDoc, InputIssue> {
    let rec: Record = serde_json::from_str(line)
        .map_err(|e| issue(at, format!("not a JSON object of the expected shape: {e}")))?;
    let text = rec
        .text
        .ok_or_else(|| issue(at, "record has no \"text\"".into()))?;
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
        None | Some("") => default_date,
        Some(d) => Some(
            d.parse::<Date>()
                .map_err(|e| issue(at, format!("bad \"date\": {e}")))?,
        ),
    };
    let meta = Metadata {
        id,
        url: rec.url,
        title: rec.title,
        date,
        source: at.to_string(),
    };
    Ok(RawDoc {
        meta,
        text,
        plain: false,
    })
}

fn list_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
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
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
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
        _ => e.to_string(),
    }
}

impl Iterator for Reader {
    type Item = Result<RawDoc, InputIssue>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(r) = self.next_record() {
                    return Some(r);
                }
                continue;
            }
            let src = self.queue.pop_front()?;
            if let Some(r) = self.open(src) {
                return Some(r);
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
        assert!(out[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("batch.jsonl:4: bad \"date\""));
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
}
