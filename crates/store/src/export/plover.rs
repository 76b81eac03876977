//! PLOVER/POLECAT-style JSON: one object per line with the PLOVER event type, mode and context, the actor and
//! recipient with their country and sector, the location, the story date, the mention counts and the evidence.

use super::{evidence_sentence, json_line, write_events, ExportContext, ExportError};
use crate::query::{ActorRecord, EventRecord};
use crate::{EventFilter, Store};
use serde_json::{json, Value};
use std::io::{self, Write};

fn actor(a: Option<&ActorRecord>) -> (Value, Value, Value, Value) {
    match a {
        Some(a) => (
            json!(a.name),
            json!(a.country),
            json!(a.sector),
            json!(a.code),
        ),
        None => (Value::Null, Value::Null, Value::Null, Value::Null),
    }
}

/// One event as a PLOVER record.
pub fn record(ctx: &ExportContext, e: &EventRecord) -> Value {
    let (mode, context) = ctx
        .cameo
        .get(&e.cameo)
        .map_or((None, None), |(_, m, c)| (m.clone(), c.clone()));
    let (a_name, a_country, a_sector, a_code) = actor(e.source.as_ref());
    let (r_name, r_country, r_sector, r_code) = actor(e.target.as_ref());
    let first = e.mentions.first();
    json!({
        "event_id": e.id.to_string(),
        "event_date": e.date.map(|d| d.to_string()),
        "date_precision": e.date_precision,
        "story_date": first.and_then(|m| m.published.clone()),
        "event_type": e.plover,
        "event_mode": mode,
        "event_context": context,
        "event_intensity": e.goldstein,
        "modality": e.modality,
        "actor": a_name,
        "actor_country": a_country,
        "actor_sector": a_sector,
        "actor_cameo": a_code,
        "recipient": r_name,
        "recipient_country": r_country,
        "recipient_sector": r_sector,
        "recipient_cameo": r_code,
        "cameo": e.cameo,
        "cameo_name": ctx.cameo.get(&e.cameo).map(|(n, _, _)| n.clone()),
        "location": e.place.as_ref().map(|p| json!({
            "placename": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "feature_type": p.kind,
            "lat": p.lat,
            "lon": p.lon,
            "geonameid": p.geonameid,
        })),
        "country": e.country,
        "num_mentions": e.num_mentions,
        "num_sources": e.num_sources,
        "num_articles": e.num_articles,
        "event_text": evidence_sentence(e),
        "sources": e.mentions.iter().map(|m| json!({
            "doc": m.doc, "url": m.url, "outlet": m.outlet, "published": m.published,
            "sentence": m.text, "evidence": m.evidence,
        })).collect::<Vec<_>>(),
    })
}

/// Writes one PLOVER object per line; returns the number of events.
pub fn write(
    store: &Store,
    filter: &EventFilter,
    ctx: &ExportContext,
    out: Box<dyn Write + Send>,
) -> Result<usize, ExportError> {
    let mut out = io::BufWriter::new(out);
    write_events(store, filter, &mut out, None, |out, e| {
        json_line(out, &record(ctx, e))?;
        Ok(true)
    })
}
