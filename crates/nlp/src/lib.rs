//! petrel-nlp: the language layer — tokens, sentences and English inflection.
//!
//! The [`Segmenter`] (rule-based tokenizer, line breaks and abbreviation rules, a learnt sentence-boundary
//! classifier) fills a document's `tokens` and `sentences` layers; the statistical [`Models`]
//! (averaged-perceptron tagger, lemmatiser, arc-eager dependency parser, NER), trained here from UD English
//! EWT, GUM and UNER, fill `syntax` and `entities`.

#![warn(missing_docs)]

pub mod clusters;
pub mod conllu;
pub mod inflect;
pub mod lemma;
mod main_verb;
pub mod models;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod sentences;
pub mod tagger;
pub mod tokenize;

pub use inflect::{is_irregular_verb_form, noun_forms, verb_forms};
pub use models::Models;
pub use sentences::{segment, Segmenter};
pub use tokenize::tokenize;
