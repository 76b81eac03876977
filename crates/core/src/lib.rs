//! petrel-core: the data model every petrel stage shares.
//!
//! A [`Document`] carries the cleaned text and annotation layers (sentences, tokens, actors, places, dates,
//! counts, quotes, events) whose offsets are Unicode code points of that text. A [`Stage`] adds layers.

#![warn(missing_docs)]

pub mod date;
pub mod document;
pub mod event;
pub mod fxhash;

pub use date::{Date, Weekday};
pub use document::{
    currency_affix, starting_in, Actor, ActorMention, CountKind, CountMention, DateMention,
    DatePrecision, Document, EntityMention, Metadata, PlaceFeature, PlaceMention, Quote, Sentence,
    Token, TokenKind, TokenSyntax,
};
pub use event::{Event, EventActor, EventCount, EventQuote, Location, Modality, Plover, TextSpan};

/// One step of the pipeline: reads the layers it needs, adds its own.
///
/// Stages are independent and replaceable: a stage may rely only on the layers its documentation names.
pub trait Stage: Send + Sync {
    /// Short name for timing and error reports.
    fn name(&self) -> &'static str;
    /// Adds this stage's annotations to the document.
    fn process(&self, doc: &mut Document);
}
