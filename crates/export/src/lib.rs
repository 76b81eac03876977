//! petrel-export: writing events for machines (JSONL, CSV) and for people (an aligned table).

#![warn(missing_docs)]

use petrel_core::{CountKind, Event};
use std::io::{self, Write};

/// Output formats of `petrel code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON event per line (the schema in `schema/event.schema.json`).
    Jsonl,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// An aligned text table for reading in a terminal.
    Table,
}

/// CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "doc",
    "sentence",
    "date",
    "date_precision",
    "source_code",
    "source_name",
    "source_text",
    "cameo",
    "cameo_name",
    "target_code",
    "target_name",
    "target_text",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "location",
    "geonameid",
    "lat",
    "lon",
    "location_country",
    "admin1",
    "killed",
    "injured",
    "arrested",
    "troops",
    "protesters",
    "abducted",
    "displaced",
    "modality",
    "confidence",
    "trigger",
    "text",
];

/// Streams events in one format; call [`EventWriter::finish`] at the end.
pub struct EventWriter<W: Write> {
    out: W,
    format: Format,
    started: bool,
    table_rows: Vec<[String; 6]>,
}

/// A CSV field with RFC 4180 quoting: quoted (inner quotes doubled) when it holds a comma, quote or line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn count_of(e: &Event, kind: CountKind) -> String {
    e.counts
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| {
            if c.min == c.max {
                c.min.to_string()
            } else {
                format!("{}-{}", c.min, c.max)
            }
        })
        .unwrap_or_default()
}

fn csv_row(e: &Event) -> Vec<String> {
    let actor = |a: &Option<petrel_core::EventActor>| {
        a.as_ref()
            .map_or((String::new(), String::new(), String::new()), |a| {
                (a.actor.code.clone(), a.actor.name.clone(), a.text.clone())
            })
    };
    let (sc, sn, st) = actor(&e.source);
    let (tc, tn, tt) = actor(&e.target);
    let loc = e.location.as_ref();
    let precision = e.date_precision.map(|p| {
        serde_json::to_value(p)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    });
    let modality = serde_json::to_value(e.modality)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut row = vec![
        e.id.clone(),
        e.doc.clone(),
        e.sentence.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        precision.unwrap_or_default(),
        sc,
        sn,
        st,
        e.cameo.clone(),
        e.cameo_name.clone(),
        tc,
        tn,
        tt,
        e.goldstein.to_string(),
        e.quad_class.to_string(),
        e.plover.kind.clone().unwrap_or_default(),
        e.plover.mode.clone().unwrap_or_default(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        loc.map(|l| l.geonameid.to_string()).unwrap_or_default(),
        loc.map(|l| l.lat.to_string()).unwrap_or_default(),
        loc.map(|l| l.lon.to_string()).unwrap_or_default(),
        loc.map(|l| l.country.clone()).unwrap_or_default(),
        loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
    ];
    row.extend(CountKind::ALL.map(|k| count_of(e, k)));
    row.extend([
        modality,
        format!("{:.2}", e.confidence),
        e.trigger.text.clone(),
        e.text.clone(),
    ]);
    row
}

/// At most `n` characters: longer text is cut and ends in "…".
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// An aligned text table for people: the header line and one line per row, each column as wide as its widest
/// cell (the header's included), two spaces between columns and nothing after the last.
pub fn table_lines<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> (String, Vec<String>) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r.as_ref()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[&str]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s
    };
    let head = line(header);
    let lines = rows
        .iter()
        .map(|r| line(&r.as_ref().iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    (head, lines)
}

impl<W: Write> EventWriter<W> {
    /// A writer to `out`.
    pub fn new(out: W, format: Format) -> EventWriter<W> {
        EventWriter {
            out,
            format,
            started: false,
            table_rows: Vec::new(),
        }
    }

    /// Writes one event (a table is buffered per document so columns align; see [`EventWriter::flush_document`]).
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, e)?;
                self.out.write_all(b"\n")
            }
            Format::Csv => {
                if !self.started {
                    self.started = true;
                    writeln!(self.out, "{}", CSV_COLUMNS.join(","))?;
                }
                let row: Vec<String> = csv_row(e).iter().map(|f| csv_field(f)).collect();
                writeln!(self.out, "{}", row.join(","))
            }
            Format::Table => {
                let who = |a: &Option<petrel_core::EventActor>| {
                    a.as_ref().map_or("-".to_string(), |a| a.actor.code.clone())
                };
                let place = e
                    .location
                    .as_ref()
                    .map_or("-".to_string(), |l| l.name.clone());
                self.table_rows.push([
                    e.date.map_or("-".to_string(), |d| d.to_string()),
                    who(&e.source),
                    format!("{} {}", e.cameo, clip(&e.cameo_name, 34)),
                    who(&e.target),
                    clip(&place, 18),
                    clip(&e.trigger.text, 40),
                ]);
                Ok(())
            }
        }
    }

    /// Writes buffered table rows (a no-op for JSONL and CSV).
    pub fn flush_document(&mut self) -> io::Result<()> {
        if self.format != Format::Table || self.table_rows.is_empty() {
            return self.out.flush();
        }
        let header = ["date", "source", "event", "target", "place", "trigger"];
        let (head, lines) = table_lines(&header, &self.table_rows);
        self.table_rows.clear();
        if !self.started {
            self.started = true;
            writeln!(self.out, "{head}")?;
        }
        for line in lines {
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }

    /// Flushes everything and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_document()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(clip("abcdef", 4), "abc…");
    }

    #[test]
    fn count_columns_follow_the_count_kinds() {
        let at = CSV_COLUMNS.iter().position(|c| *c == "killed").unwrap();
        let names: Vec<&str> = CountKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(&CSV_COLUMNS[at..at + names.len()], names.as_slice());
        // and each name is what the event record writes
        for k in CountKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }

    #[test]
    fn table_columns_align() {
        let rows = [
            ["Almaty".to_string(), "12".to_string()],
            ["Nur-Sultan".to_string(), "3".to_string()],
        ];
        let (head, lines) = table_lines(&["place", "n"], &rows);
        assert_eq!(head, "place       n");
        assert_eq!(lines, ["Almaty      12", "Nur-Sultan  3"]);
    }
}
