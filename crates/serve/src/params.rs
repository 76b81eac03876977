//! Query parameters → the store's [`EventFilter`], the page and the format. The filters are those of
//! `petrel events` (same names with `_` for `-`, same meaning); anything unknown, repeated or malformed is a 400
//! that says which parameter and what it takes.

use crate::ApiError;
use axum::http::{header, HeaderMap};
use petrel_core::Date;
use petrel_store::{EventCursor, EventFilter};
use std::collections::HashMap;

/// The filters every event endpoint takes.
pub const FILTERS: &[&str] = &[
    "from",
    "to",
    "country",
    "actor",
    "cameo",
    "plover",
    "place",
    "text",
    "min_sources",
];

/// The longest value a parameter may have.
const MAX_VALUE_CHARS: usize = 500;

/// Events per page when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 100;

/// How a listing is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `{"events": [...], "next": ...}`.
    Json,
    /// `petrel events --format csv`'s columns.
    Csv,
    /// A GeoJSON FeatureCollection of the events that have a place.
    GeoJson,
}

/// A parsed `/api/events` request.
#[derive(Debug)]
pub struct ListRequest {
    /// The filter, with `limit` the page size (not yet plus one) and `after` the cursor.
    pub filter: EventFilter,
    /// Page size.
    pub limit: u64,
    /// Each event with its mentions.
    pub mentions: bool,
    /// Output format.
    pub format: Format,
}

/// The query's pairs by name; unknown names (not in `allowed`) and repeated ones are errors.
pub fn by_name(
    pairs: Vec<(String, String)>,
    allowed: &[&str],
) -> Result<HashMap<String, String>, ApiError> {
    let mut out = HashMap::new();
    for (k, v) in pairs {
        if !allowed.contains(&k.as_str()) {
            return Err(ApiError::bad_request(format!(
                "unknown parameter {k:?}; this endpoint takes {}",
                allowed.join(", ")
            )));
        }
        if v.chars().count() > MAX_VALUE_CHARS {
            return Err(ApiError::bad_request(format!(
                "{k}: longer than {MAX_VALUE_CHARS} characters"
            )));
        }
        if out.insert(k.clone(), v).is_some() {
            return Err(ApiError::bad_request(format!("{k}: given more than once")));
        }
    }
    Ok(out)
}

fn date(name: &str, v: &str) -> Result<Date, ApiError> {
    v.trim()
        .parse::<Date>()
        .map_err(|e| ApiError::bad_request(format!("{name}: {v:?} is not a date YYYY-MM-DD ({e})")))
}

/// The filter from the parameters (alpha-2 countries become alpha-3, as in `petrel events`).
pub fn filter(
    p: &HashMap<String, String>,
    iso2_to_iso3: &HashMap<String, String>,
) -> Result<EventFilter, ApiError> {
    let text = |name: &str| {
        p.get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut f = EventFilter {
        from: p.get("from").map(|v| date("from", v)).transpose()?,
        to: p.get("to").map(|v| date("to", v)).transpose()?,
        actor: text("actor"),
        plover: text("plover"),
        place: text("place"),
        text: text("text"),
        ..EventFilter::default()
    };
    if let Some(c) = text("country") {
        let c = c.to_ascii_uppercase();
        if !(2..=3).contains(&c.len()) || !c.chars().all(|ch| ch.is_ascii_alphabetic()) {
            return Err(ApiError::bad_request(format!(
                "country: {c:?} is not an ISO code (KAZ or KZ)"
            )));
        }
        f.country = Some(iso2_to_iso3.get(&c).cloned().unwrap_or(c));
    }
    if let Some(c) = text("cameo") {
        if !(1..=4).contains(&c.len()) || !c.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(ApiError::bad_request(format!(
                "cameo: {c:?} is not a CAMEO root (14) or code prefix (145)"
            )));
        }
        f.cameo = Some(c);
    }
    if let Some(a) = &f.actor {
        if !a.chars().all(|ch| ch.is_ascii_alphanumeric()) {
            return Err(ApiError::bad_request(format!(
                "actor: {a:?} is not a CAMEO actor code or its beginning (KAZ, KAZGOV)"
            )));
        }
    }
    if let Some(n) = text("min_sources") {
        f.min_sources = Some(n.parse::<u32>().map_err(|_| {
            ApiError::bad_request(format!(
                "min_sources: {n:?} is not a whole number of sources"
            ))
        })?);
    }
    if let (Some(a), Some(b)) = (f.from, f.to) {
        if a > b {
            return Err(ApiError::bad_request(format!(
                "from {a} is after to {b}: no day is in between"
            )));
        }
    }
    Ok(f)
}

fn flag(p: &HashMap<String, String>, name: &str) -> Result<bool, ApiError> {
    match p
        .get(name)
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("" | "1" | "true" | "yes") => Ok(true),
        Some(v) => Err(ApiError::bad_request(format!(
            "{name}: {v:?} is not true or false"
        ))),
    }
}

/// `/api/events`'s parameters: the filters, `limit` (capped at `max_limit`), `after` (a page's cursor),
/// `mentions`, `format` (json, csv, geojson; else the Accept header says).
pub fn list_request(
    pairs: Vec<(String, String)>,
    headers: &HeaderMap,
    iso2_to_iso3: &HashMap<String, String>,
    max_limit: u64,
) -> Result<ListRequest, ApiError> {
    let mut allowed = FILTERS.to_vec();
    allowed.extend(["limit", "after", "mentions", "format"]);
    let p = by_name(pairs, &allowed)?;
    let mut filter = filter(&p, iso2_to_iso3)?;
    let limit = match p.get("limit").map(|v| v.trim()) {
        None | Some("") => DEFAULT_LIMIT,
        Some(v) => v.parse::<u64>().map_err(|_| {
            ApiError::bad_request(format!(
                "limit: {v:?} is not a number; give a whole number from 0 to {max_limit}"
            ))
        })?,
    }
    .min(max_limit);
    filter.after = match p.get("after").map(|v| v.trim()) {
        None | Some("") => None,
        Some(v) => Some(
            v.parse::<EventCursor>()
                .map_err(|e| ApiError::bad_request(format!("after: {e}")))?,
        ),
    };
    let format = match p.get("format").map(|v| v.trim().to_ascii_lowercase()) {
        Some(f) if f == "json" => Format::Json,
        Some(f) if f == "csv" => Format::Csv,
        Some(f) if f == "geojson" => Format::GeoJson,
        Some(f) if !f.is_empty() => {
            return Err(ApiError::bad_request(format!(
                "format: {f:?} is not json, csv or geojson"
            )))
        }
        _ => accepted(headers),
    };
    Ok(ListRequest {
        filter,
        limit,
        mentions: flag(&p, "mentions")?,
        format,
    })
}

/// The format the Accept header asks for first (JSON unless CSV or GeoJSON comes before it).
fn accepted(headers: &HeaderMap) -> Format {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Format::Json;
    };
    for kind in accept.split(',') {
        match kind.split(';').next().unwrap_or("").trim() {
            "text/csv" => return Format::Csv,
            "application/geo+json" => return Format::GeoJson,
            "application/json" | "*/*" => return Format::Json,
            _ => {}
        }
    }
    Format::Json
}

/// A path's numeric id, or 400.
pub fn id(what: &str, v: &str) -> Result<i64, ApiError> {
    v.parse::<i64>()
        .map_err(|_| ApiError::bad_request(format!("{what} id {v:?} is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn list(q: &[(&str, &str)]) -> Result<ListRequest, ApiError> {
        let codes = HashMap::from([("KZ".to_string(), "KAZ".to_string())]);
        list_request(pairs(q), &HeaderMap::new(), &codes, 1000)
    }

    #[test]
    fn filters_as_petrel_events_reads_them() {
        let r = list(&[
            ("country", "kz"),
            ("from", "2022-01-02"),
            ("cameo", "14"),
            ("limit", "5000"),
            ("after", "19000.12"),
            ("mentions", "1"),
        ])
        .unwrap();
        assert_eq!(r.filter.country.as_deref(), Some("KAZ"));
        assert_eq!(r.filter.from, Date::new(2022, 1, 2));
        assert_eq!(r.limit, 1000, "capped");
        assert_eq!(
            r.filter.after,
            Some(EventCursor {
                day: Some(19000),
                id: 12
            })
        );
        assert!(r.mentions);
        assert_eq!(r.format, Format::Json);
        assert_eq!(list(&[]).unwrap().limit, DEFAULT_LIMIT);
    }

    #[test]
    fn bad_parameters_say_which_and_why() {
        for (q, says) in [
            (vec![("limit", "notanumber")], "limit"),
            (vec![("limit", "-1")], "limit"),
            (vec![("from", "yesterday")], "from"),
            (vec![("country", "Kazakhstan")], "country"),
            (vec![("cameo", "14; DROP")], "cameo"),
            (vec![("actor", "KAZ'")], "actor"),
            (vec![("min_sources", "x")], "min_sources"),
            (vec![("after", "abc")], "after"),
            (vec![("format", "xml")], "format"),
            (vec![("bogus", "1")], "bogus"),
            (vec![("limit", "1"), ("limit", "2")], "more than once"),
            (vec![("from", "2022-02-01"), ("to", "2022-01-01")], "after"),
        ] {
            let e = list(&q).expect_err("refused");
            assert_eq!(e.status, 400);
            assert!(e.message.contains(says), "{q:?}: {}", e.message);
        }
    }

    #[test]
    fn the_accept_header_chooses_the_format() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, "text/csv;q=0.9, */*".parse().unwrap());
        let r = list_request(Vec::new(), &h, &HashMap::new(), 10).unwrap();
        assert_eq!(r.format, Format::Csv);
        h.insert(header::ACCEPT, "application/geo+json".parse().unwrap());
        let r = list_request(Vec::new(), &h, &HashMap::new(), 10).unwrap();
        assert_eq!(r.format, Format::GeoJson);
    }
}
