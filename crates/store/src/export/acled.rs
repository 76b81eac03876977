//! ACLED-style CSV: the columns of ACLED's data export, for events ACLED would record (political violence,
//! demonstrations, strategic developments). Every ACLED value is the event's own, as the coder gave it (by the
//! conventions of `data/ontology/acled-conventions.tsv`) and the store keeps it: type and sub-event type, actor
//! types (`inter1`, `inter2`), `interaction`, `fatalities`, `time_precision`, `geo_precision`; nothing is computed
//! here. Events stored before the store kept them (schema < 3) are written with their type (the CAMEO code's
//! default, from [`ExportContext::acled`], before schema 2) and those columns blank.

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

/// ACLED's generic actor names of its actor types 5–7 ("Protesters (Kenya)"), for crowds and civilians that the
/// text does not name otherwise.
const GENERIC: [&str; 3] = ["Rioters", "Protesters", "Civilians"];

/// An actor's name in ACLED's way: rioters, protesters and civilians by ACLED's generic names with their country
/// (`country`: the event's when the actor has none), other actors by their own names; blank with no actor type.
fn actor_name(
    ctx: &ExportContext,
    a: Option<&ActorRecord>,
    inter: Option<u8>,
    country: Option<&str>,
) -> String {
    let plain = a.is_none_or(|a| a.sector.as_deref().is_none_or(|s| s == "CVL"));
    match inter {
        Some(t @ 5..=7) if plain => {
            let generic = GENERIC[usize::from(t - 5)];
            let country = a
                .and_then(|a| a.country.as_deref())
                .or(country)
                .and_then(|c| ctx.country_names.get(c));
            match country {
                Some(c) => format!("{generic} ({c})"),
                None => generic.to_string(),
            }
        }
        Some(_) => a.map_or(String::new(), |a| a.name.clone()),
        None => String::new(),
    }
}

/// One event as an ACLED row, or `None` when ACLED would not record it (no ACLED type, or not asserted or
/// reported as having happened). The actor types, interaction, fatalities and precision codes are the event's
/// own, as the coder gave them and the store keeps them (schema 3); for events stored before they are blank.
pub fn row(ctx: &ExportContext, e: &EventRecord) -> Option<Vec<String>> {
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
    let coding = e.acled_coding;
    let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    let (inter1, inter2) = (coding.and_then(|c| c.inter1), coding.and_then(|c| c.inter2));
    let (actor1, actor2) = match coding {
        Some(_) => (
            actor_name(ctx, e.source.as_ref(), inter1, e.country.as_deref()),
            actor_name(ctx, e.target.as_ref(), inter2, e.country.as_deref()),
        ),
        // stored before: the actors' names as they are
        None => (
            e.source.as_ref().map_or(String::new(), |a| a.name.clone()),
            e.target.as_ref().map_or(String::new(), |a| a.name.clone()),
        ),
    };
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
    // ACLED marks the events whose main or only target is civilians: violence against civilians, and explosions
    // and riots aimed at them (not battles, where civilians are caught in the fighting)
    let civilian = t.event_type == "Violence against civilians"
        || inter2 == Some(7)
            && matches!(
                t.event_type.as_str(),
                "Explosions/Remote violence" | "Riots"
            );
    let mut sources: Vec<&str> = e.mentions.iter().map(|m| m.outlet.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let (y, m, d) = e.date.map_or((0, 0, 0), |d| (d.year, d.month, d.day));
    Some(vec![
        format!("{country3}{}", e.id),
        format!("{y:04}-{m:02}-{d:02}"),
        y.to_string(),
        number(coding.and_then(|c| c.time_precision)),
        t.disorder.clone(),
        t.event_type.clone(),
        t.sub_event_type.clone(),
        actor1,
        String::new(),
        number(inter1),
        actor2,
        String::new(),
        number(inter2),
        number(coding.and_then(|c| c.interaction)),
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
        number(coding.and_then(|c| c.geo_precision)),
        sources.join("; "),
        String::new(),
        evidence_sentence(e).to_string(),
        coding.map(|c| c.fatalities.to_string()).unwrap_or_default(),
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
    let mut out = io::BufWriter::new(out);
    write_events(store, filter, &mut out, Some(&COLUMNS), |out, e| {
        let Some(r) = row(ctx, e) else {
            return Ok(false);
        };
        csv_line(out, &r)?;
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::AcledCoding;

    fn actor(code: &str, sector: Option<&str>) -> ActorRecord {
        ActorRecord {
            code: code.into(),
            name: "Kenya".into(),
            country: Some("KEN".into()),
            sector: sector.map(str::to_string),
        }
    }

    fn event(coding: Option<AcledCoding>) -> EventRecord {
        EventRecord {
            id: 7,
            date: petrel_core::Date::new(2023, 5, 8),
            date_precision: "day",
            cameo: "141".into(),
            root: 14,
            plover: None,
            quad_class: 3,
            goldstein: -6.5,
            modality: "asserted",
            source: Some(actor("KENCVL", Some("CVL"))),
            target: Some(actor("KENGOV", Some("GOV"))),
            place: None,
            country: Some("KEN".into()),
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
            mentions: Vec::new(),
            acled: Some(("Protests".into(), "Peaceful protest".into())),
            acled_coding: coding,
        }
    }

    fn context() -> ExportContext {
        let mut ctx = ExportContext::default();
        ctx.country_names.insert("KEN".into(), "Kenya".into());
        ctx.acled_disorders
            .insert("Protests".into(), "Demonstrations".into());
        ctx
    }

    #[test]
    fn rows_write_the_stored_acled_coding() {
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        let coding = AcledCoding {
            inter1: Some(6),
            inter2: None,
            interaction: Some(60),
            fatalities: 0,
            time_precision: Some(1),
            geo_precision: Some(1),
        };
        let r = row(&context(), &event(Some(coding))).unwrap();
        assert_eq!(r.len(), COLUMNS.len());
        assert_eq!(r[col("actor1")], "Protesters (Kenya)");
        assert_eq!(r[col("inter1")], "6");
        assert_eq!(r[col("actor2")], "", "a peaceful protest has no actor 2");
        assert_eq!(r[col("inter2")], "");
        assert_eq!(r[col("interaction")], "60");
        assert_eq!(r[col("fatalities")], "0");
        assert_eq!(r[col("time_precision")], "1");
        assert_eq!(r[col("geo_precision")], "1");
        // stored before schema 3: the type, and nothing computed at export time
        let r = row(&context(), &event(None)).unwrap();
        assert_eq!(r[col("sub_event_type")], "Peaceful protest");
        assert_eq!(r[col("actor1")], "Kenya");
        for c in [
            "inter1",
            "inter2",
            "interaction",
            "fatalities",
            "time_precision",
            "geo_precision",
        ] {
            assert_eq!(r[col(c)], "", "{c}");
        }
    }

    #[test]
    fn civilians_targeted_are_marked() {
        let mut ctx = context();
        ctx.acled_disorders.insert(
            "Violence against civilians".into(),
            "Political violence".into(),
        );
        let mut e = event(Some(AcledCoding {
            inter1: Some(3),
            inter2: Some(7),
            interaction: Some(37),
            fatalities: 12,
            time_precision: Some(1),
            geo_precision: Some(3),
        }));
        e.acled = Some(("Violence against civilians".into(), "Attack".into()));
        e.source = Some(ActorRecord {
            code: "KENUAF".into(),
            name: "gunmen".into(),
            country: Some("KEN".into()),
            sector: Some("UAF".into()),
        });
        e.target = None;
        let r = row(&ctx, &e).unwrap();
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(r[col("actor1")], "gunmen");
        assert_eq!(r[col("actor2")], "Civilians (Kenya)");
        assert_eq!(r[col("civilian_targeting")], "Civilian targeting");
        assert_eq!(r[col("fatalities")], "12");
        // civilians in a battle are not its target (ACLED: caught in the fighting)
        ctx.acled_disorders
            .insert("Battles".into(), "Political violence".into());
        e.acled = Some(("Battles".into(), "Armed clash".into()));
        let r = row(&ctx, &e).unwrap();
        assert_eq!(r[col("civilian_targeting")], "");
    }
}
