//! The coded event record: the JSON object `petrel code` writes, one per line.
//! Its JSON Schema is `schema/event.schema.json`; keep the two in step.

use crate::date::Date;
use crate::document::{Actor, CountKind, DatePrecision};
use serde::Serialize;

/// A span of the document text (code-point offsets) with its text.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TextSpan {
    /// The text as written.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A source or target actor of an event: the mention and who it is.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EventActor {
    /// The mention as written.
    pub text: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The actor: code, country, sector, name.
    #[serde(flatten)]
    pub actor: Actor,
}

/// PLOVER classification beside the CAMEO code.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Default)]
pub struct Plover {
    /// PLOVER event type, e.g. `REQUEST`, `MOBILIZE`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// PLOVER mode, when the mapping gives one.
    pub mode: Option<String>,
    /// PLOVER context, when the mapping gives one.
    pub context: Option<String>,
}

/// ACLED's classification of an event (ACLED Codebook), where one applies.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AcledType {
    /// ACLED event type, e.g. `Riots`.
    pub event_type: String,
    /// ACLED sub-event type, e.g. `Violent demonstration`.
    pub sub_event_type: String,
}

/// ACLED's coding of an event (ACLED Codebook 2023), for the kinds of event ACLED records: its type and
/// sub-event type, the ACLED actor types ("inter" codes) of its source and target, fatalities, and how precise its
/// date and place are. The conventions are data (`data/ontology/acled-conventions.tsv`).
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Acled {
    /// ACLED event type, e.g. `Riots`.
    pub event_type: String,
    /// ACLED sub-event type, e.g. `Violent demonstration`.
    pub sub_event_type: String,
    /// ACLED actor type of the source (ACLED's actor 1): 1 State forces, 2 Rebel groups, 3 Political militias,
    /// 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces; `None` without a
    /// source.
    pub inter1: Option<u8>,
    /// ACLED actor type of the target (actor 2), `None` when ACLED records no second actor (a peaceful protest,
    /// an event with no target or an unnamed one).
    pub inter2: Option<u8>,
    /// The two actor types joined, lower first (`17`: state forces and civilians); one actor alone is its type
    /// times ten (`60`: protesters only). `None` when neither is known.
    pub interaction: Option<u8>,
    /// People killed as ACLED counts them: the stated number, the sides listed summed, vague amounts by ACLED's
    /// conventions ("dozens" 12), people named one by one; never the injured; 0 when none is told.
    pub fatalities: u64,
    /// 1 the day is known, 2 the week (or a range of days), 3 the month or coarser; `None` without a date.
    pub time_precision: Option<u8>,
    /// 1 a town, 2 a district (part of a region), 3 a region or country; `None` without a place.
    pub geo_precision: Option<u8>,
}

impl From<AcledType> for Acled {
    fn from(t: AcledType) -> Acled {
        Acled {
            event_type: t.event_type,
            sub_event_type: t.sub_event_type,
            ..Acled::default()
        }
    }
}

/// ACLED's joined interaction code of two actor types: lower first (`7` and `1` → `17`), one alone times ten.
pub fn acled_interaction(inter1: Option<u8>, inter2: Option<u8>) -> Option<u8> {
    match (inter1, inter2) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None) | (None, Some(a)) => Some(a * 10),
        (None, None) => None,
    }
}

/// Where an event happened.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Location {
    /// Place name.
    pub name: String,
    /// GeoNames id.
    pub geonameid: u64,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code (GeoNames convention).
    pub country: String,
    /// First-level region, when below country level.
    pub admin1: Option<String>,
    /// How the place was chosen: `sentence` (named in the event's sentence), `dateline` (the dateline city, in
    /// the article's own country), `capital` (a government's words or decisions with no place named: its
    /// capital) or `document` (the article's focus country).
    pub basis: String,
}

/// A count attached to an event.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EventCount {
    /// What is counted.
    pub kind: CountKind,
    /// Lower bound.
    pub min: u64,
    /// Upper bound.
    pub max: u64,
    /// The expression as written.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Whether the text says the event happened.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as having happened or happening.
    Asserted,
    /// Announced, planned or expected.
    Future,
    /// Conditional or possible.
    Hypothetical,
    /// Said not to have happened.
    Negated,
    /// Told as having happened, on someone's word: in a quotation or attributed ("..., police said").
    Reported,
}

/// Reported speech: who is quoted and the quoted span.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EventQuote {
    /// The speaker's mention, when attributed.
    pub speaker: Option<EventActor>,
    /// The quoted text.
    pub text: String,
    /// First code point of the quoted text.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// One coded event.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Event {
    /// Stable id derived from the document id and the trigger span.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Sentence index in the document.
    pub sentence: usize,
    /// The sentence text.
    pub text: String,
    /// The words that express the action.
    pub trigger: TextSpan,
    /// Who acted.
    pub source: Option<EventActor>,
    /// Who was acted upon.
    pub target: Option<EventActor>,
    /// CAMEO event code, e.g. `0234`.
    pub cameo: String,
    /// CAMEO code name.
    pub cameo_name: String,
    /// Goldstein conflict–cooperation weight.
    pub goldstein: f64,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER type, mode and context.
    pub plover: Plover,
    /// ACLED's coding (type, actor types, fatalities, precision), for the kinds of event ACLED records.
    pub acled: Option<Acled>,
    /// Resolved date (first day of its range).
    pub date: Option<Date>,
    /// Precision of `date`.
    pub date_precision: Option<DatePrecision>,
    /// Where it happened.
    pub location: Option<Location>,
    /// Counts that belong to the event.
    pub counts: Vec<EventCount>,
    /// Whether the text says it happened.
    pub modality: Modality,
    /// Reported speech, when the event is told in a quotation.
    pub quote: Option<EventQuote>,
    /// The id of an earlier event of the same document that this one tells again (same action, same
    /// actors): count the action once.
    pub same_as: Option<String>,
    /// 0–1, how sure the coder is.
    pub confidence: f64,
    /// The rule or pattern that fired, e.g. `pattern:events.txt:212 {request} ... help`.
    pub evidence: String,
}

/// A stable 64-bit FNV-1a hash, used for event ids so they do not change between runs or builds.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The event id for a trigger span and code in a document: 16 hex digits.
pub fn event_id(doc: &str, start: usize, end: usize, cameo: &str) -> String {
    format!(
        "{:016x}",
        stable_hash(&[doc, &start.to_string(), &end.to_string(), cameo])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_codes_join_lower_first() {
        assert_eq!(acled_interaction(Some(7), Some(1)), Some(17));
        assert_eq!(acled_interaction(Some(1), Some(2)), Some(12));
        assert_eq!(acled_interaction(Some(6), None), Some(60));
        assert_eq!(acled_interaction(None, Some(8)), Some(80));
        assert_eq!(acled_interaction(None, None), None);
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(event_id("d", 1, 5, "173"), event_id("d", 1, 5, "173"));
        assert_ne!(event_id("d", 1, 5, "173"), event_id("d", 1, 6, "173"));
        assert_ne!(event_id("d1", 1, 5, "173"), event_id("d", 11, 5, "173"));
        assert_eq!(stable_hash(&[]), 0xcbf2_9ce4_8422_2325);
    }
}
