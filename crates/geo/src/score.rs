//! The scoring model that ranks the readings of a place name: a linear score over named features of a
//! candidate in its article, with weights read from `data/geo/rank-weights.tsv`. The weights are fitted
//! (`scripts/fit_geo_weights.py`, a conditional logit over the readings of each name, on the development
//! sets) rather than set by hand; the ranking's confidence is the softmax of the scores.

use crate::Reading;
use petrel_core::Document;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Mutex, OnceLock};

/// The built-in weights file.
const WEIGHTS_TSV: &str = include_str!("../../../data/geo/rank-weights.tsv");

/// The features of one reading, in the order of [`FEATURES`].
pub const N_FEATURES: usize = 14;

/// Feature names, as the weights file and the feature dump name them.
pub const FEATURES: [&str; N_FEATURES] = [
    // log10 of the population (+1)
    "log_population",
    // a town or region in a region the article names elsewhere (share of the most named region's count)
    "region_named",
    // a town or region near the towns the article names without doubt: exp(−km / 250)
    "near_anchor",
    // a national capital
    "capital",
    // a town under 50,000 that has the name only as an alternate name
    "alternate_name_only",
    // the share of the article's country words naming the candidate's country, times the certainty
    // that the article is about one (the most named country named three times or more)
    "country_words",
    // the share of the article's other place names whose first reading lies in the candidate's country
    "country_places",
    // kinds (a town is the base)
    "continent",
    "country",
    "admin1",
    "admin2",
    // a region after a region cue ("the region of", "oblast")
    "region_cue",
    // a region with a town of its name inside it, without a cue ("New York", "Almaty")
    "region_namesake_inside",
    // the candidate's country is the one of the outlet's country-code domain (".co.uk", ".ie", ".com.au")
    "outlet_country",
];

/// Country-code top-level domains that sites use for other reasons than their country (".tv", ".io", ".fm").
const GENERIC_CCTLDS: &[&str] = &[
    "ac", "ai", "am", "cc", "co", "eu", "fm", "gg", "im", "io", "la", "ly", "me", "nu", "sh", "su",
    "to", "tv", "ws",
];

/// The ISO alpha-2 code of the country of an outlet's country-code domain, from the document's address
/// ("https://www.thesun.co.uk/..." gives GB); none for generic domains (".com", ".org", ".tv").
pub fn outlet_country(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.');
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    if tld.len() != 2 || !tld.bytes().all(|b| b.is_ascii_lowercase()) || !host.contains('.') {
        return None;
    }
    if GENERIC_CCTLDS.contains(&tld.as_str()) {
        return None;
    }
    Some(if tld == "uk" {
        "GB".to_string()
    } else {
        tld.to_ascii_uppercase()
    })
}

/// Weights of the features.
#[derive(Clone, Debug)]
pub struct Weights(pub [f64; N_FEATURES]);

impl Weights {
    /// Parses a weights file: `feature<TAB>weight` lines, `#` comments; every feature once.
    pub fn parse(text: &str) -> Result<Weights, String> {
        let mut w = [f64::NAN; N_FEATURES];
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected feature<TAB>weight", n + 1))?;
            let i = FEATURES
                .iter()
                .position(|f| *f == name.trim())
                .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
            let v: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("line {}: bad weight {value:?}", n + 1))?;
            if !v.is_finite() {
                return Err(format!("line {}: weight not finite", n + 1));
            }
            w[i] = v;
        }
        if let Some(i) = w.iter().position(|v| v.is_nan()) {
            return Err(format!("feature {} has no weight", FEATURES[i]));
        }
        Ok(Weights(w))
    }

    /// The built-in weights (`data/geo/rank-weights.tsv`).
    pub fn builtin() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| {
            // the file is checked by a test; a broken one would fall back to no context at all
            Weights::parse(WEIGHTS_TSV).unwrap_or_else(|_| {
                let mut w = [0.0; N_FEATURES];
                w[0] = 1.0;
                Weights(w)
            })
        })
    }

    /// The score of a reading with these features.
    pub fn score(&self, f: &[f64; N_FEATURES]) -> f64 {
        self.0.iter().zip(f).map(|(w, x)| w * x).sum()
    }
}

/// The features of a reading that are not zero, with what each added to its score under `weights`, for the
/// evidence of a place ([`petrel_core::PlaceMention::evidence`]); values and contributions to 3 decimals.
pub fn evidence(f: &[f64; N_FEATURES], weights: &Weights) -> Vec<petrel_core::PlaceFeature> {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    FEATURES
        .iter()
        .zip(f)
        .zip(&weights.0)
        .filter(|((_, v), _)| **v != 0.0)
        .map(|((name, v), w)| petrel_core::PlaceFeature {
            feature: (*name).to_string(),
            value: round(*v),
            contribution: round(w * v),
        })
        .collect()
}

/// The features of a reading as `name=value` pairs, the non-zero ones, for evidence and the feature dump.
pub fn describe(f: &[f64; N_FEATURES]) -> String {
    let mut s = String::new();
    for (name, v) in FEATURES.iter().zip(f) {
        if *v != 0.0 {
            if !s.is_empty() {
                s.push(' ');
            }
            let _ = write!(s, "{name}={v:.3}");
        }
    }
    s
}

/// A development hook: when `PETREL_GEO_FEATURES` names a file, the place tagger appends to it one JSON
/// line per ambiguous name it resolves, with the features of every reading, for
/// `scripts/fit_geo_weights.py`. Write errors are ignored (the tagger's output never depends on it).
#[derive(Debug)]
pub struct FeatureDump(Mutex<std::fs::File>);

impl FeatureDump {
    /// The dump named by `PETREL_GEO_FEATURES`, if set and the file can be opened for appending.
    pub fn from_env() -> Option<FeatureDump> {
        let path = std::env::var_os("PETREL_GEO_FEATURES")?;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(|f| FeatureDump(Mutex::new(f)))
    }

    /// Appends the readings of the name at `start..end` (characters of `doc.text`).
    pub fn write(&self, doc: &Document, start: usize, end: usize, ranked: &[Reading<'_>]) {
        let mut line = String::new();
        let _ = write!(
            line,
            "{{\"doc\":{},\"start\":{start},\"end\":{end},\"surface\":{},\"readings\":[",
            json_string(&doc.meta.id),
            json_string(
                &doc.text
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect::<String>()
            )
        );
        for (i, r) in ranked.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            let f: Vec<String> = r.features.iter().map(|v| format!("{v:.5}")).collect();
            let _ = write!(
                line,
                "{{\"geonameid\":{},\"lat\":{},\"lon\":{},\"f\":[{}]}}",
                r.place.geonameid,
                r.place.lat,
                r.place.lon,
                f.join(",")
            );
        }
        line.push_str("]}\n");
        if let Ok(mut file) = self.0.lock() {
            let _ = file.write_all(line.as_bytes());
        }
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_weights_name_every_feature_once() {
        let w = Weights::parse(WEIGHTS_TSV).expect("data/geo/rank-weights.tsv parses");
        assert!(w.0.iter().all(|v| v.is_finite()));
        // population must count for something, or every name would go to its first candidate
        assert!(w.0[0] > 0.0);
    }

    #[test]
    fn the_outlet_country_comes_from_a_country_code_domain() {
        let c = |u: &str| outlet_country(u);
        assert_eq!(c("https://www.thesun.co.uk/news/1"), Some("GB".into()));
        assert_eq!(c("http://www.tipperarystar.ie"), Some("IE".into()));
        assert_eq!(c("https://news.gov.bc.ca/releases?x=1"), Some("CA".into()));
        assert_eq!(c("https://user@example.com.au:8080/a"), Some("AU".into()));
        assert_eq!(c("https://www.washingtonpost.com/x"), None);
        assert_eq!(c("https://radio.fm/x"), None);
        assert_eq!(c(""), None);
        assert_eq!(c("not a url"), None);
        assert_eq!(c("https://ünïcode.de/"), Some("DE".into()));
    }

    #[test]
    fn a_bad_weights_file_is_an_error_not_a_panic() {
        assert!(Weights::parse("log_population\t1\n").is_err());
        assert!(Weights::parse("nonsense\t1\n").is_err());
        assert!(Weights::parse("log_population\tx\n").is_err());
        assert!(Weights::parse("log_population 1\n").is_err());
    }
}
