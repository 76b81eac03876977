//! petrel-nlp: the language layer — tokens, sentences and English inflection.
//!
//! The rule-based [`Segmenter`] fills a document's `tokens` and `sentences` layers. A statistical
//! tagger and parser will sit beside it (they read the same layers) without changing its callers.

#![warn(missing_docs)]

pub mod inflect;
pub mod sentences;
pub mod tokenize;

pub use inflect::{is_irregular_verb_form, noun_forms, verb_forms};
pub use sentences::{segment, Segmenter};
pub use tokenize::tokenize;
