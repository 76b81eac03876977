//! ACLED-style CSV: the columns of ACLED's data export, for events ACLED would record (political violence,
//! demonstrations, strategic developments). The CAMEO → ACLED type mapping is the dictionaries' (`data/ontology/
//! cameo-acled.tsv`, handed over in [`ExportContext::acled`]), the one the coder gives events; the export's own
//! conventions — actor classes and vague fatality counts — are data in `crates/store/data/acled.tsv` (format in
//! `data/README.md`).

use super::{csv_line, evidence_sentence, write_events, ExportContext, ExportError};
use crate::query::{ActorRecord, EventRecord};
use crate::{EventFilter, Store};
use std::io::{self, Write};

/// ACLED's export columns, in order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// The built-in mapping file.
pub const BUILTIN: &str = include_str!("../../data/acled.tsv");

/// The ACLED type of a CAMEO code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcledType {
    /// ACLED disorder type.
    pub disorder: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
}

/// The export's conventions, as loaded from `acled.tsv`.
#[derive(Clone, Debug, Default)]
pub struct AcledTable {
    /// CAMEO sector → ACLED inter code.
    pub inter: Vec<(String, u8)>,
    /// Vague word → fatalities.
    pub vague: Vec<(String, u64)>,
}

impl AcledTable {
    /// Parses and validates a mapping file; errors name the file and line.
    pub fn parse(name: &str, text: &str) -> Result<AcledTable, String> {
        let mut t = AcledTable::default();
        for (i, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            match (f[0], f.len()) {
                ("inter", 4) => {
                    let code: u8 = f[2]
                        .parse()
                        .ok()
                        .filter(|c| (1..=8).contains(c))
                        .ok_or_else(|| format!("{at}: inter code {:?} is not 1-8", f[2]))?;
                    t.inter.push((f[1].into(), code));
                }
                ("vague", 3) => {
                    let n: u64 = f[2]
                        .parse()
                        .map_err(|_| format!("{at}: {:?} is not a number", f[2]))?;
                    t.vague.push((f[1].to_lowercase(), n));
                }
                ("inter" | "vague", n) => {
                    return Err(format!(
                        "{at}: {n} fields, expected {}",
                        if f[0] == "inter" { 4 } else { 3 }
                    ))
                }
                ("type", _) => {
                    return Err(format!(
                    "{at}: CAMEO → ACLED types belong in data/ontology/cameo-acled.tsv, not here"
                ))
                }
                (k, _) => return Err(format!("{at}: unknown line kind {k:?} (inter or vague)")),
            }
        }
        Ok(t)
    }

    /// The built-in table.
    pub fn builtin() -> AcledTable {
        // validated by the test below; a broken built-in file cannot ship
        AcledTable::parse("acled.tsv", BUILTIN).unwrap_or_default()
    }

    /// ACLED inter code of an actor.
    pub fn inter_of(&self, a: &ActorRecord) -> Option<u8> {
        let rest = if a.country.is_some() {
            a.code.get(3..).unwrap_or("")
        } else {
            a.code.as_str()
        };
        let sectors: Vec<&str> = (0..rest.len() / 3)
            .filter_map(|i| rest.get(i * 3..i * 3 + 3))
            .collect();
        sectors
            .iter()
            .chain(a.sector.as_deref().iter())
            .find_map(|s| self.inter.iter().find(|(k, _)| k == s).map(|(_, c)| *c))
    }

    /// Fatalities of one reported killed-count under ACLED's conventions.
    pub fn fatalities_of(&self, min: u64, max: u64, text: &str) -> u64 {
        if min == max {
            return min;
        }
        let text = text.to_lowercase();
        self.vague
            .iter()
            .find(|(w, _)| text.contains(w.as_str()))
            .map_or(min, |(_, n)| *n)
    }
}

/// Fatalities of an event: the lowest of its reports (ACLED keeps the most conservative), 0 when none says.
pub fn event_fatalities(table: &AcledTable, e: &EventRecord) -> u64 {
    e.mentions
        .iter()
        .flat_map(|m| m.counts.as_array().cloned().unwrap_or_default())
        .filter(|c| c["kind"] == "killed")
        .map(|c| {
            table.fatalities_of(
                c["min"].as_u64().unwrap_or(0),
                c["max"].as_u64().unwrap_or(0),
                c["text"].as_str().unwrap_or(""),
            )
        })
        .min()
        .unwrap_or(0)
}

/// One event as an ACLED row, or `None` when ACLED would not record it (no ACLED type in `ctx`, or not asserted
/// or reported as having happened).
pub fn row(table: &AcledTable, ctx: &ExportContext, e: &EventRecord) -> Option<Vec<String>> {
    if e.modality != "asserted" && e.modality != "reported" {
        return None;
    }
    // the event's own ACLED type, as the coder refined it; the CAMEO code's default for events stored before
    let own = e.acled.as_ref().and_then(|(t, s)| {
        Some(AcledType {
            disorder: ctx.acled_disorders.get(t)?.clone(),
            event_type: t.clone(),
            sub_event_type: s.clone(),
        })
    });
    let t = match &own {
        Some(t) => t,
        None => ctx.acled.get(&e.cameo)?,
    };
    let demo = t.disorder == "Demonstrations";
    let inter = |a: Option<&ActorRecord>, is_source: bool| -> Option<u8> {
        let class = a.and_then(|a| table.inter_of(a));
        if demo && is_source && class != Some(1) {
            // demonstrators are protesters (6), or rioters (5) when violent
            return Some(if t.event_type == "Riots" { 5 } else { 6 });
        }
        class
    };
    let i1 = inter(e.source.as_ref(), true);
    let i2 = inter(e.target.as_ref(), false);
    let interaction = match (i1, i2) {
        (Some(a), Some(b)) => (a.min(b) * 10 + a.max(b)).to_string(),
        (Some(a), None) | (None, Some(a)) => (a * 10).to_string(),
        (None, None) => String::new(),
    };
    let name = |a: &Option<ActorRecord>| a.as_ref().map_or(String::new(), |a| a.name.clone());
    let country3 = e.country.clone().unwrap_or_default();
    let country_name = ctx
        .country_names
        .get(&country3)
        .cloned()
        .unwrap_or_default();
    let place = e.place.as_ref();
    let admin1 = place.and_then(|p| match p.kind.as_str() {
        "admin1" => Some(p.name.clone()),
        "city" | "admin2" => p.admin1.clone(),
        _ => None,
    });
    let geo_precision = place.map(|p| match p.kind.as_str() {
        "city" => 1,
        "admin2" => 2,
        _ => 3,
    });
    let civilian = t.event_type == "Violence against civilians"
        || e.target.as_ref().and_then(|a| table.inter_of(a)) == Some(7)
            && t.disorder == "Political violence";
    let mut sources: Vec<&str> = e.mentions.iter().map(|m| m.outlet.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let (y, m, d) = e.date.map_or((0, 0, 0), |d| (d.year, d.month, d.day));
    let time_precision = match e.date_precision {
        "day" => "1",
        "week" => "2",
        _ => "3",
    };
    Some(vec![
        format!("{country3}{}", e.id),
        format!("{y:04}-{m:02}-{d:02}"),
        y.to_string(),
        time_precision.into(),
        t.disorder.clone(),
        t.event_type.clone(),
        t.sub_event_type.clone(),
        name(&e.source),
        String::new(),
        i1.map(|c| c.to_string()).unwrap_or_default(),
        name(&e.target),
        String::new(),
        i2.map(|c| c.to_string()).unwrap_or_default(),
        interaction,
        if civilian {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        country_name,
        admin1.unwrap_or_default(),
        String::new(),
        String::new(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.map(|p| format!("{:.4}", p.lat)).unwrap_or_default(),
        place.map(|p| format!("{:.4}", p.lon)).unwrap_or_default(),
        geo_precision.map(|g| g.to_string()).unwrap_or_default(),
        sources.join("; "),
        String::new(),
        evidence_sentence(e).to_string(),
        event_fatalities(table, e).to_string(),
        String::new(),
        String::new(),
    ])
}

/// Writes the ACLED CSV (header and one row per exported event); returns the number of rows.
pub fn write(
    store: &Store,
    filter: &EventFilter,
    ctx: &ExportContext,
    out: Box<dyn Write + Send>,
) -> Result<usize, ExportError> {
    let table = AcledTable::builtin();
    let mut out = io::BufWriter::new(out);
    write_events(store, filter, &mut out, Some(&COLUMNS), |out, e| {
        let Some(r) = row(&table, ctx, e) else {
            return Ok(false);
        };
        csv_line(out, &r)?;
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_and_maps() {
        let t = AcledTable::parse("acled.tsv", BUILTIN).expect("built-in acled.tsv is valid");
        assert_eq!(t.fatalities_of(12, 99, "dozens"), 12);
        assert_eq!(t.fatalities_of(3, 9, "several people"), 10);
        assert_eq!(t.fatalities_of(5, 5, "five"), 5);
        assert_eq!(t.fatalities_of(2, 7, "a few"), 2);
        let police = ActorRecord {
            code: "KAZCOP".into(),
            name: "police".into(),
            country: Some("KAZ".into()),
            sector: Some("COP".into()),
        };
        assert_eq!(t.inter_of(&police), Some(1));
    }

    #[test]
    fn bad_lines_are_named() {
        let e = AcledTable::parse("x.tsv", "vague\tmany\tten").unwrap_err();
        assert!(e.starts_with("x.tsv:1:"), "{e}");
        let e = AcledTable::parse(
            "x.tsv",
            "type\t14\tDemonstrations\tProtests\tPeaceful protest",
        )
        .unwrap_err();
        assert!(e.contains("cameo-acled.tsv"), "{e}");
        let e = AcledTable::parse("x.tsv", "# c\ninter\tGOV\t9\tx").unwrap_err();
        assert!(e.starts_with("x.tsv:2:"), "{e}");
        assert!(AcledTable::parse("x.tsv", "what\t1").is_err());
    }
}
