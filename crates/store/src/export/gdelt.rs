//! GDELT 2.0 event table: 61 tab-separated columns in the official order (GDELT Event Codebook 2.0), no header,
//! one de-duplicated event per line.
//!
//! Where petrel's data differ from GDELT's: geographic country codes are ISO 3166-1 alpha-2 (GDELT uses FIPS
//! 10-4), `*_FeatureID` is the GeoNames id, `*_ADM1Code` is the country code alone (petrel keeps region
//! names, not codes; GDELT does the same for country-level places), `AvgTone` is empty (petrel does not measure tone), and an
//! actor's geography is the event's place when the actor belongs to the place's country.

use super::{write_events, ExportContext, ExportError};
use crate::query::{ActorRecord, EventRecord, PlaceRecord};
use crate::{EventFilter, Store};
use std::io::{self, Write};

/// The 61 columns of a GDELT 2.0 event record, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Sentences up to this index count as the lead paragraph (GDELT's IsRootEvent).
const LEAD_SENTENCES: i64 = 3;

/// Tabs and line breaks inside a field would break the table.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn actor_fields(a: Option<&ActorRecord>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let known_group = a
        .code
        .strip_prefix("IGO")
        .or(a.code.strip_prefix("NGO"))
        .unwrap_or("");
    let mut types = a
        .code
        .get(3..)
        .unwrap_or("")
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned());
    let (t1, t2, t3) = if a.country.is_some() {
        (
            types.next().unwrap_or_default(),
            types.next().unwrap_or_default(),
            types.next().unwrap_or_default(),
        )
    } else {
        (
            a.sector.clone().unwrap_or_default(),
            String::new(),
            String::new(),
        )
    };
    [
        clean(&a.code),
        clean(&a.name.to_uppercase()),
        a.country.clone().unwrap_or_default(),
        known_group.to_string(),
        String::new(),
        String::new(),
        String::new(),
        t1,
        t2,
        t3,
    ]
}

/// GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
fn geo_fields(p: Option<&PlaceRecord>) -> [String; 8] {
    let Some(p) = p else {
        return [
            "0".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
    };
    let us = p.country == "US";
    let kind = match p.kind.as_str() {
        "country" => 1,
        "admin1" if us => 2,
        "admin1" => 5,
        _ if us => 3,
        _ => 4,
    };
    let full = match (&p.admin1, p.kind.as_str()) {
        (Some(a), "city") => format!("{}, {}", p.name, a),
        _ => p.name.clone(),
    };
    [
        kind.to_string(),
        clean(&full),
        p.country.clone(),
        p.country.clone(),
        String::new(),
        format!("{:.4}", p.lat),
        format!("{:.4}", p.lon),
        p.geonameid.to_string(),
    ]
}

/// One event as its 61 fields.
pub fn row(e: &EventRecord, added: i64, iso2_of: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(61);
    f.push(e.id.to_string());
    let (y, m, d) = e.date.map_or((0, 0, 0), |d| (d.year, d.month, d.day));
    f.push(format!("{y:04}{m:02}{d:02}"));
    f.push(format!("{y:04}{m:02}"));
    f.push(format!("{y:04}"));
    f.push(format!(
        "{:.4}",
        f64::from(y) + f64::from(m * 30 + d) / 365.0
    ));
    f.extend(actor_fields(e.source.as_ref()));
    f.extend(actor_fields(e.target.as_ref()));
    let lead = e
        .mentions
        .first()
        .is_some_and(|m| m.sentence < LEAD_SENTENCES);
    f.push(u8::from(lead).to_string());
    f.push(e.cameo.clone());
    f.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    f.push(format!("{:02}", e.root));
    f.push(e.quad_class.to_string());
    f.push(e.goldstein.to_string());
    f.push(e.num_mentions.to_string());
    f.push(e.num_sources.to_string());
    f.push(e.num_articles.to_string());
    f.push(String::new());
    // an actor is placed at the event when it belongs to the event's country
    let at_event = |a: Option<&ActorRecord>| {
        let p = e.place.as_ref()?;
        let c = a?.country.as_deref()?;
        (iso2_of(c).as_deref() == Some(p.country.as_str())).then_some(p)
    };
    f.extend(geo_fields(at_event(e.source.as_ref())));
    f.extend(geo_fields(at_event(e.target.as_ref())));
    f.extend(geo_fields(e.place.as_ref()));
    f.push(added.to_string());
    f.push(clean(&e.mentions.first().map_or(String::new(), |m| {
        m.url.clone().unwrap_or_else(|| m.doc.clone())
    })));
    f
}

/// Writes the GDELT table; returns the number of events.
pub fn write(
    store: &Store,
    filter: &EventFilter,
    ctx: &ExportContext,
    out: Box<dyn Write + Send>,
) -> Result<usize, ExportError> {
    let iso2: std::collections::HashMap<String, String> = store.iso3_to_iso2();
    let _ = ctx;
    let mut added_stmt = store
        .connection()
        .prepare("SELECT strftime('%Y%m%d%H%M%S', max(d.added), 'unixepoch') FROM mentions m JOIN documents d ON d.id = m.document WHERE m.event = ?1")
        .map_err(|e| crate::classify(store.path(), "reading events", e))?;
    let mut out = io::BufWriter::new(out);
    write_events(store, filter, &mut out, None, |out, e| {
        let added: String = added_stmt
            .query_row([e.id], |r| r.get::<_, Option<String>>(0))
            .map_err(|err| crate::classify(store.path(), "reading events", err))?
            .unwrap_or_default();
        let fields = row(e, added.parse().unwrap_or(0), |c| iso2.get(c).cloned());
        writeln!(out, "{}", fields.join("\t"))?;
        Ok(true)
    })
}
