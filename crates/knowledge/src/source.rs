//! Reading dictionary files line by line, with errors that name file and line.

use std::fmt;

/// A dictionary problem: which file, which line (1-based; 0 for the whole file), what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictError {
    /// File name (built-in files are named by their repository path).
    pub file: String,
    /// 1-based line number, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for DictError {}

/// A dictionary file's text and name.
#[derive(Clone, Copy, Debug)]
pub struct DictFile<'a> {
    /// Name used in error messages and evidence strings.
    pub name: &'a str,
    /// File contents.
    pub text: &'a str,
}

impl<'a> DictFile<'a> {
    /// An error at `line` of this file.
    pub fn error(&self, line: usize, message: impl Into<String>) -> DictError {
        DictError {
            file: self.name.to_string(),
            line,
            message: message.into(),
        }
    }

    /// Non-comment, non-blank lines with their 1-based numbers; a trailing `# comment` is cut
    /// when `#` follows whitespace.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> {
        self.text.lines().enumerate().filter_map(|(i, l)| {
            let l = l.trim_end_matches('\r');
            if l.trim_start().starts_with('#') || l.trim().is_empty() {
                return None;
            }
            let cut = l
                .find(" #")
                .or_else(|| l.find("\t#"))
                .map_or(l, |p| &l[..p]);
            Some((i + 1, cut.trim_end()))
        })
    }

    /// Tab-separated fields of each line, checked for the expected count; no field may be empty.
    pub fn rows(
        &self,
        columns: usize,
    ) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), DictError>> + '_ {
        self.rows_with(columns, false)
    }

    /// Like [`DictFile::rows`]; with `last_optional` the last field may be empty (or missing its tab).
    pub fn rows_with(
        &self,
        columns: usize,
        last_optional: bool,
    ) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), DictError>> + '_ {
        self.lines().map(move |(n, l)| {
            let mut fields: Vec<&str> = l.split('\t').map(str::trim).collect();
            if last_optional && fields.len() + 1 == columns {
                fields.push("");
            }
            if fields.len() != columns {
                return Err(self.error(
                    n,
                    format!(
                        "expected {columns} tab-separated fields, found {}",
                        fields.len()
                    ),
                ));
            }
            let required = if last_optional { columns - 1 } else { columns };
            if let Some(i) = fields[..required].iter().position(|f| f.is_empty()) {
                return Err(self.error(n, format!("field {} is empty (write - for none)", i + 1)));
            }
            Ok((n, fields))
        })
    }
}

/// Splits a `|`-separated multi-value field; `-` means none.
pub fn multi(field: &str) -> Vec<String> {
    if field == "-" {
        return Vec::new();
    }
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses one CSV record per line (RFC 4180 quoting; no newlines inside fields in our files).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_errors() {
        let f = DictFile {
            name: "x.tsv",
            text: "# c\n\na\tb # note\n\tb\nc\n",
        };
        let rows: Vec<_> = f.rows(2).collect();
        assert_eq!(rows[0], Ok((3, vec!["a", "b"])));
        assert_eq!(
            rows[1].as_ref().unwrap_err().to_string(),
            "x.tsv:4: field 1 is empty (write - for none)"
        );
        assert_eq!(
            rows[2].as_ref().unwrap_err().to_string(),
            "x.tsv:5: expected 2 tab-separated fields, found 1"
        );
    }

    #[test]
    fn csv() {
        assert_eq!(
            csv_fields("a,\"b, \"\"c\"\"\",,d"),
            ["a", "b, \"c\"", "", "d"]
        );
        assert_eq!(multi("a|b| c"), ["a", "b", "c"]);
        assert!(multi("-").is_empty());
    }
}
