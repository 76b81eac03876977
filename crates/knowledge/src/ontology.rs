//! The CAMEO event codebook with Goldstein weights, QuadClass and PLOVER mapping.

use crate::source::{csv_fields, DictError, DictFile};
use std::collections::HashMap;

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code, e.g. `0234`.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Goldstein weight (ICEWS table).
    pub goldstein: f64,
    /// QuadClass 1–4.
    pub quad_class: u8,
    /// PLOVER type (own row, else inherited from the parent code, else the root default).
    pub plover_type: Option<String>,
    /// PLOVER mode, when given.
    pub plover_mode: Option<String>,
    /// PLOVER context, when given.
    pub plover_context: Option<String>,
}

/// The codebook: code → entry.
#[derive(Clone, Debug, Default)]
pub struct Ontology {
    codes: HashMap<String, CameoCode>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then(|| s.to_string())
}

impl Ontology {
    /// Loads `cameo-codes.csv` (header row first) and the root defaults for PLOVER types.
    pub fn load(codes: DictFile<'_>, root_defaults: DictFile<'_>) -> Result<Ontology, DictError> {
        let mut defaults = HashMap::new();
        for row in root_defaults.rows(2) {
            let (_, f) = row?;
            defaults.insert(f[0].to_string(), opt(f[1]));
        }
        let mut map: HashMap<String, CameoCode> = HashMap::new();
        let mut header_seen = false;
        for (n, line) in codes.text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
            if line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if !line.starts_with("code,") {
                    return Err(codes.error(n, "expected the header line code,root,name,..."));
                }
                continue;
            }
            let f = csv_fields(line);
            if f.len() < 8 {
                return Err(codes.error(
                    n,
                    format!(
                        "expected at least 8 comma-separated fields, found {}",
                        f.len()
                    ),
                ));
            }
            let code = f[0].trim().to_string();
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(codes.error(n, format!("bad CAMEO code {code:?}")));
            }
            let goldstein: f64 = f[3]
                .trim()
                .parse()
                .map_err(|_| codes.error(n, format!("bad Goldstein weight {:?}", f[3])))?;
            let quad_class: u8 = f[4]
                .trim()
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| codes.error(n, format!("bad quad_class {:?}", f[4])))?;
            let entry = CameoCode {
                code: code.clone(),
                name: f[2].trim().to_string(),
                goldstein,
                quad_class,
                plover_type: opt(&f[5]),
                plover_mode: opt(&f[6]),
                plover_context: opt(&f[7]),
            };
            if map.insert(code.clone(), entry).is_some() {
                return Err(codes.error(n, format!("duplicate CAMEO code {code}")));
            }
        }
        // inherit PLOVER type from the nearest ancestor, then the root default
        let keys: Vec<String> = map.keys().cloned().collect();
        for k in keys {
            if map[&k].plover_type.is_some() {
                continue;
            }
            let mut inherited = None;
            let mut parent = k.clone();
            while parent.len() > 2 && inherited.is_none() {
                parent.pop();
                inherited = map.get(&parent).and_then(|p| p.plover_type.clone());
            }
            let inherited = inherited.or_else(|| defaults.get(&k[..2]).cloned().flatten());
            if let Some(e) = map.get_mut(&k) {
                e.plover_type = inherited;
            }
        }
        Ok(Ontology { codes: map })
    }

    /// The entry for a code.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}
