//! The [`Document`]: cleaned text plus annotation layers that point into it.
//!
//! Invariant: every `start`/`end` pair in every layer is a half-open range of
//! Unicode code points (not bytes) of [`Document::text`], with `start <= end <= char_len`.
//! Stages only ever add layers; none rewrites the text once the document is built.

use crate::date::Date;
use crate::event::Event;
use serde::Serialize;

/// Metadata that travels with a document from input to output.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Metadata {
    /// Document id: the JSONL `id`, else the file name without extension.
    pub id: String,
    /// Original URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date; relative dates are resolved against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where the document came from: file path, `-` for stdin, or `path:line` for JSONL.
    pub source: String,
}

/// A sentence of the cleaned text.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Sentence {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Index of its first token in [`Document::tokens`].
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
}

/// What kind of token the tokenizer saw.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens, apostrophes, dots as in "U.S.").
    Word,
    /// Digits, possibly with separators ("3,811", "2.5").
    Number,
    /// Anything else: punctuation, symbols.
    Punct,
}

/// A token with its lowercased form for dictionary matching.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Lowercased surface form.
    pub lower: String,
    /// Token class.
    pub kind: TokenKind,
    /// Starts with an uppercase letter in the text.
    pub capitalized: bool,
}

/// Syntax of one token: tags, lemma and its dependency (aligned with [`Document::tokens`]).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TokenSyntax {
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// Index of the head token in [`Document::tokens`]; `None` for the root of its sentence.
    pub head: Option<usize>,
    /// Universal Dependencies relation.
    pub deprel: String,
}

/// A named entity found by the statistical recogniser.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EntityMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The entity as written.
    pub text: String,
    /// `PER`, `ORG` or `LOC`.
    pub label: String,
}

/// An actor as the coder understands it: a CAMEO actor code and its parts.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Default)]
pub struct Actor {
    /// Full CAMEO actor code, e.g. `KAZGOV`, `RUSMIL`, `IGOCSTO`.
    pub code: String,
    /// ISO 3166-1 alpha-3 country, when the actor belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector code (GOV, MIL, COP, ...), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Canonical name: the person's name, the body's name, or the country's.
    pub name: String,
}

/// A mention of an actor in the text.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ActorMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Who it is.
    #[serde(flatten)]
    pub actor: Actor,
    /// How it was recognised (e.g. `country+sector`, `role+name`, `coref:surname`).
    pub evidence: String,
}

/// A place found in the text and resolved in the gazetteer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlaceMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Name as found in the gazetteer.
    pub name: String,
    /// GeoNames id.
    pub geonameid: u64,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// First-level region name, when the place is below country level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// `country`, `admin1` or `city`.
    pub kind: String,
    /// How sure the resolver is of this reading among the places of the same name, 0–1.
    pub confidence: f64,
    /// Why this reading: the ranking's features that are not zero for it, with their contributions to its
    /// score (absent from the JSON when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<PlaceFeature>,
}

/// One feature of the ranking of a place's readings, for the reading chosen ([`PlaceMention::evidence`]).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlaceFeature {
    /// The feature's name, as `data/geo/rank-weights.tsv` names it (`log_population`, `capital`, ...).
    pub feature: String,
    /// Its value for the reading.
    pub value: f64,
    /// Its weight times its value: what it added to the reading's score.
    pub contribution: f64,
}

/// How precise a resolved date is.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A single day.
    Day,
    /// Some day within a week.
    Week,
    /// Some day within a month.
    Month,
    /// Some day within a year.
    Year,
}

/// A date expression and the range of days it denotes.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DateMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// First day of the range.
    pub date: Date,
    /// Last day of the range (equal to `date` for a single day).
    pub until: Date,
    /// Precision of the range.
    pub precision: DatePrecision,
}

/// What a count counts.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum CountKind {
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// People arrested or detained.
    Arrested,
    /// Troops, soldiers, police deployed.
    Troops,
    /// People protesting.
    Protesters,
    /// People abducted, kidnapped or taken hostage.
    Abducted,
    /// People displaced: fled, evacuated, driven from their homes.
    Displaced,
}

impl CountKind {
    /// Every kind, in the order of the flat exports' columns.
    pub const ALL: [CountKind; 7] = [
        CountKind::Killed,
        CountKind::Injured,
        CountKind::Arrested,
        CountKind::Troops,
        CountKind::Protesters,
        CountKind::Abducted,
        CountKind::Displaced,
    ];

    /// The kind's name as the event record writes it (`killed`, `displaced`).
    pub fn name(self) -> &'static str {
        match self {
            CountKind::Killed => "killed",
            CountKind::Injured => "injured",
            CountKind::Arrested => "arrested",
            CountKind::Troops => "troops",
            CountKind::Protesters => "protesters",
            CountKind::Abducted => "abducted",
            CountKind::Displaced => "displaced",
        }
    }
}

/// A counted amount, exact or a range for vague amounts ("dozens" = 12–99).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CountMention {
    /// First code point of the amount and its noun.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// What is counted.
    pub kind: CountKind,
    /// Lower bound.
    pub min: u64,
    /// Upper bound (equal to `min` for an exact number).
    pub max: u64,
}

/// A quotation and, when found, who said it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Quote {
    /// First code point of the quoted text (inside the quotation marks).
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The quoted text.
    pub text: String,
    /// The speaker's mention, when attributed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorMention>,
}

/// One news document flowing through the pipeline.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Metadata (id, url, title, date, source).
    pub meta: Metadata,
    /// The cleaned text all offsets refer to.
    pub text: String,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Tokens, in order.
    pub tokens: Vec<Token>,
    /// Syntax of each token (same length as `tokens` once the syntax stage ran, else empty).
    pub syntax: Vec<TokenSyntax>,
    /// Named entities, in order of start.
    pub entities: Vec<EntityMention>,
    /// Actor mentions, in order of start.
    pub actors: Vec<ActorMention>,
    /// Places, in order of start.
    pub places: Vec<PlaceMention>,
    /// Date expressions, in order of start.
    pub dates: Vec<DateMention>,
    /// Counts, in order of start.
    pub counts: Vec<CountMention>,
    /// Quotations, in order of start.
    pub quotes: Vec<Quote>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Coded triggers kept out of the event stream (`events`): what the text tells as not having happened
    /// ("did not attack", marked `negated`; a negation of will, "will not negotiate", is a refusal and stays in
    /// `events`), what it only supposes or asks (marked `hypothetical`: "if", "could", "would have", questions),
    /// acts with no actor named or implied, and visits at home.
    pub non_events: Vec<Event>,
    /// Byte offset of every code point, plus the text length: `char_bytes[i]` is where char `i` starts.
    #[serde(skip)]
    char_bytes: Vec<usize>,
}

impl Document {
    /// A document with cleaned text and no annotations yet.
    pub fn new(meta: Metadata, text: String) -> Document {
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        Document {
            meta,
            text,
            sentences: Vec::new(),
            tokens: Vec::new(),
            syntax: Vec::new(),
            entities: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            dates: Vec::new(),
            counts: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            non_events: Vec::new(),
            char_bytes,
        }
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// Byte offset of code point `c` (clamped to the end of the text).
    pub fn byte_of(&self, c: usize) -> usize {
        self.char_bytes[c.min(self.char_len())]
    }

    /// Code-point offset of byte `b` (which must be a char boundary; otherwise the next boundary).
    pub fn char_of(&self, b: usize) -> usize {
        self.char_bytes.partition_point(|&x| x < b)
    }

    /// The text of a code-point range.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.byte_of(start)..self.byte_of(end.max(start))]
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        self.slice(s.start, s.end)
    }

    /// Index of the sentence holding code point `c`, if any.
    pub fn sentence_at(&self, c: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= c);
        (i < self.sentences.len() && self.sentences[i].start <= c).then_some(i)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.first_token..s.end_token]
    }
}

/// The items of a layer sorted by start whose start lies in `[from, to)`, found by binary search, so that
/// looking up a window stays cheap however long the document is.
pub fn starting_in<T>(layer: &[T], from: usize, to: usize, start: impl Fn(&T) -> usize) -> &[T] {
    let a = layer.partition_point(|x| start(x) < from);
    let b = layer.partition_point(|x| start(x) < to).max(a);
    &layer[a..b]
}

/// Whether tokens `[i, i + len)` of a sentence's `toks` are a currency's country prefix or suffix written against
/// the dollar sign: "US$1,800", "HK$3 billion", "$US4.5 billion" name money, not a country or a place.
pub fn currency_affix(toks: &[Token], i: usize, len: usize) -> bool {
    let sign = |t: &Token| t.lower == "$";
    let (Some(first), Some(last)) = (toks.get(i), toks.get(i + len.max(1) - 1)) else {
        return false;
    };
    toks.get(i + len.max(1))
        .is_some_and(|t| sign(t) && t.start == last.end)
        || i > 0 && sign(&toks[i - 1]) && toks[i - 1].end == first.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_lookup() {
        let layer = [1, 3, 3, 7, 9];
        assert_eq!(starting_in(&layer, 3, 8, |x| *x), &[3, 3, 7]);
        assert!(starting_in(&layer, 10, 20, |x| *x).is_empty());
        assert!(starting_in(&layer, 5, 2, |x| *x).is_empty());
    }

    #[test]
    fn offsets_are_code_points() {
        let d = Document::new(
            Metadata::default(),
            "Kazakhstan’s request — “help”".to_string(),
        );
        assert_eq!(d.char_len(), 29);
        assert_eq!(d.slice(0, 10), "Kazakhstan");
        assert_eq!(d.slice(10, 12), "’s");
        assert_eq!(d.slice(24, 28), "help");
        assert_eq!(d.char_of(d.byte_of(24)), 24);
        assert_eq!(d.slice(5, 99), "hstan’s request — “help”");
    }
}
