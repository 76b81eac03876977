//! petrel-coding: who did what to whom.
//!
//! Three stages, run in this order after segmentation, places, dates and counts:
//! [`ActorStage`] fills `actors`, [`QuoteStage`] fills `quotes`, [`EventStage`] fills `events`.
//! Each reads only the layers before it, so any one can be replaced (a parser-based coder, a statistical NER).
//!
//! The event coder reads as triggers → roles → attributes → conventions: [`coder`] takes the triggers of a
//! sentence (`triggers`) and gives each its roles, by word order (`coder::word_roles`, over `wordorder`) and from
//! the parse ([`roles`]), then from context (`coder::implicit`); `attributes` dates, counts, places and qualifies
//! it; `conventions` applies CAMEO's coding conventions, and `coder::assemble` makes one event per source.

#![warn(missing_docs)]

mod acled;
pub mod actors;
mod attributes;
pub mod coder;
mod conventions;
#[cfg(test)]
mod count_tests;
mod place;
pub mod quotes;
pub mod roles;
mod triggers;
mod wordorder;

pub use actors::ActorTagger;
pub use coder::EventCoder;
pub use quotes::find_quotes;

use petrel_core::{Document, Stage};
use petrel_knowledge::Knowledge;
use std::sync::Arc;

/// Actor recognition as a pipeline stage.
#[derive(Clone, Debug)]
pub struct ActorStage {
    knowledge: Arc<Knowledge>,
}

impl ActorStage {
    /// A stage over the given knowledge.
    pub fn new(knowledge: Arc<Knowledge>) -> ActorStage {
        ActorStage { knowledge }
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn process(&self, doc: &mut Document) {
        doc.actors = ActorTagger::new(&self.knowledge).tag(doc);
    }
}

/// Quotation finding as a pipeline stage (needs `actors` for speakers).
#[derive(Clone, Copy, Debug, Default)]
pub struct QuoteStage;

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, doc: &mut Document) {
        doc.quotes = find_quotes(doc, &doc.actors);
    }
}

/// Whether a coded trigger belongs in the event stream: told as having happened (or as planned or reported),
/// with at least one actor named or implied. The others go to the document's `non_events`: what was told as not
/// having happened ("did not attack"), what is only supposed or asked ("if the U.S. imposes a tariff", "would have
/// served", "Would Schiff have pleaded ...?"), acts by no one to no one ("the talks ended"), which tell a user
/// nothing of who did what to whom, and visits at home (measured on real news: keeping them out raises strict precision by 3
/// to 4 points and loses no event whose actors were right).
pub fn is_event(e: &petrel_core::Event) -> bool {
    let country =
        |a: &Option<petrel_core::EventActor>| a.as_ref().and_then(|a| a.actor.country.clone());
    // a visit at home (Trump to a hospital, a congressman to the border) is a trip, not an interaction
    // between political actors (measured on real news: 2 of 12 such visits were coded by the annotators)
    let trip_at_home = matches!(e.cameo.as_str(), "042" | "043")
        && e.source.as_ref().is_some_and(|s| !s.text.is_empty())
        && country(&e.source).is_some()
        && country(&e.source) == country(&e.target);
    !matches!(
        e.modality,
        petrel_core::Modality::Negated | petrel_core::Modality::Hypothetical
    ) && (e.source.is_some() || e.target.is_some() || told_without_actors(e))
        && !trip_at_home
}

/// Whether an event with no actor named or implied still tells something: an explosion, a protest or a weapons
/// cache found is news by itself, and ACLED records it with "unidentified" actors. (Measured on the CASE 2021
/// snippets: keeping every actorless ACLED event gained 14 snippets, 8 of them weapons found or seized; on real news
/// the actorless arrests, agreements and thefts it also kept were wrong 9 times in 11, so only these kinds stay.)
fn told_without_actors(e: &petrel_core::Event) -> bool {
    e.acled.as_ref().is_some_and(|a| {
        matches!(
            a.event_type.as_str(),
            "Explosions/Remote violence" | "Protests"
        ) || a.sub_event_type == "Disrupted weapons use"
    })
}

/// Event coding as a pipeline stage.
#[derive(Clone, Debug)]
pub struct EventStage {
    knowledge: Arc<Knowledge>,
}

impl EventStage {
    /// A stage over the given knowledge.
    pub fn new(knowledge: Arc<Knowledge>) -> EventStage {
        EventStage { knowledge }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn process(&self, doc: &mut Document) {
        let focus = ActorTagger::new(&self.knowledge).focus_country(doc);
        let mut events = EventCoder::new(&self.knowledge).code(doc, focus);
        // ACLED's actor types, fatalities and precision, once each event is whole (counts merged, place chosen)
        acled::complete(&self.knowledge, doc, &mut events);
        let (events, non_events) = events.into_iter().partition(is_event);
        doc.events = events;
        doc.non_events = non_events;
    }
}
