//! The statistical models together: tagger, lemmatiser, parser and named-entity recogniser, and the
//! pipeline stage that fills a document's `syntax` and `entities` layers with them.

use crate::lemma::Lemmatizer;
use crate::ner::{spans, Ner, NerLexicon};
use crate::parser::Parser;
use crate::tagger::Tagger;
use petrel_core::{Document, EntityMention, TokenSyntax};
use std::path::Path;

/// The four models.
pub struct Models {
    /// UPOS + XPOS tagger.
    pub tagger: Tagger,
    /// Lemmatiser.
    pub lemmatizer: Lemmatizer,
    /// Dependency parser.
    pub parser: Parser,
    /// Named-entity recogniser.
    pub ner: Ner,
}

/// Longest sentence (in tokens) given to the tagger, parser and recogniser; longer run-on text is processed in
/// consecutive pieces of this size, so cost stays linear and a pathological "sentence" cannot stall the stage.
pub const MAX_SENTENCE: usize = 300;

/// Total size of the built-in model files in bytes (with the NER's name table, the word classes and the
/// sentence-boundary model).
pub const BUILTIN_BYTES: usize = BUILTIN.0.len()
    + BUILTIN.1.len()
    + BUILTIN.2.len()
    + BUILTIN.3.len()
    + crate::ner::PERSON_NAMES.len()
    + crate::clusters::WORD_CLUSTERS.len()
    + crate::sentences::BUILTIN_MODEL.len();

/// The committed model files, compiled in: tagger, lemma table, parser, NER.
const BUILTIN: (&[u8], &[u8], &[u8], &[u8]) = (
    include_bytes!("../models/tagger.bin"),
    include_bytes!("../models/lemmas.tsv"),
    include_bytes!("../models/parser.bin"),
    include_bytes!("../models/ner.bin"),
);

impl Models {
    /// The built-in models (trained by `petrel train all`, committed under `crates/nlp/models/`).
    pub fn builtin() -> Result<Models, String> {
        Models::from_bytes(BUILTIN.0, BUILTIN.1, BUILTIN.2, BUILTIN.3)
    }

    /// Models from their file bytes: tagger.bin, lemmas.tsv, parser.bin, ner.bin.
    pub fn from_bytes(
        tagger: &[u8],
        lemmas: &[u8],
        parser: &[u8],
        ner: &[u8],
    ) -> Result<Models, String> {
        // the word-class table is shared by the tagger and the recogniser: read it now, not in the first sentence
        crate::clusters::word_clusters();
        Ok(Models {
            tagger: Tagger::from_bytes(tagger).map_err(|e| format!("tagger.bin: {e}"))?,
            lemmatizer: Lemmatizer::from_bytes(lemmas).map_err(|e| format!("lemmas.tsv: {e}"))?,
            parser: Parser::from_bytes(parser).map_err(|e| format!("parser.bin: {e}"))?,
            ner: Ner::from_bytes(ner).map_err(|e| format!("ner.bin: {e}"))?,
        })
    }

    /// Models from a folder holding the four files; returns them with their total size in bytes.
    pub fn from_dir(dir: &Path) -> Result<(Models, usize), String> {
        let read = |f: &str| {
            std::fs::read(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()))
        };
        let (t, l, p, n) = (
            read("tagger.bin")?,
            read("lemmas.tsv")?,
            read("parser.bin")?,
            read("ner.bin")?,
        );
        let size = t.len() + l.len() + p.len() + n.len();
        Ok((Models::from_bytes(&t, &l, &p, &n)?, size))
    }

    /// Tags, lemmatises, parses and finds entities in every sentence of a segmented document.
    ///
    /// Hyphenated words ("Russia-led") are one token for petrel's dictionaries but three words in the
    /// treebanks the models learnt from ("Russia - led"): the models see the pieces, and each token takes the
    /// analysis of its piece whose head lies outside it (the last one, as a rule).
    pub fn annotate(&self, doc: &mut Document, lexicon: &dyn NerLexicon) {
        let mut syntax: Vec<TokenSyntax> = Vec::with_capacity(doc.tokens.len());
        let mut entities = Vec::new();
        let mut memory = crate::ner::NerMemory::new();
        for si in 0..doc.sentences.len() {
            let (first, end) = (doc.sentences[si].first_token, doc.sentences[si].end_token);
            let mut from = first;
            while from < end {
                let to = (from + MAX_SENTENCE).min(end);
                // pieces: (text, token index)
                let mut pieces: Vec<(&str, usize)> = Vec::with_capacity(to - from);
                for ti in from..to {
                    let t = &doc.tokens[ti];
                    let text = doc.slice(t.start, t.end);
                    split_hyphens(text, |p| pieces.push((p, ti)));
                }
                let words: Vec<&str> = pieces.iter().map(|p| p.0).collect();
                let tags = self.tagger.tag(&words);
                let upos: Vec<&str> = tags.iter().map(|t| t.0).collect();
                let xpos: Vec<&str> = tags.iter().map(|t| t.1).collect();
                let arcs = self.parser.parse(&words, &upos, &xpos);
                let mut k = 0;
                for ti in from..to {
                    let start = k;
                    while k < pieces.len() && pieces[k].1 == ti {
                        k += 1;
                    }
                    // the piece whose head is outside this token (else the last)
                    let rep = (start..k)
                        .find(|&p| arcs[p].head == 0 || !(start..k).contains(&(arcs[p].head - 1)))
                        .unwrap_or(k - 1);
                    let (u, x) = tags[rep];
                    let head = (arcs[rep].head > 0)
                        .then(|| pieces[arcs[rep].head - 1].1)
                        .filter(|h| *h != ti);
                    let t = &doc.tokens[ti];
                    let lemma = if k - start == 1 {
                        self.lemmatizer.lemma(words[rep], x)
                    } else {
                        doc.slice(t.start, t.end).to_lowercase()
                    };
                    syntax.push(TokenSyntax {
                        upos: u.to_string(),
                        xpos: x.to_string(),
                        lemma,
                        head,
                        deprel: arcs[rep].label.clone(),
                    });
                }
                let labels = self
                    .ner
                    .tag_in_document(&words, &upos, lexicon, &mut memory);
                for (a, b, label) in spans(&labels) {
                    let (start, end) = (
                        doc.tokens[pieces[a].1].start,
                        doc.tokens[pieces[b - 1].1].end,
                    );
                    // an entity boundary inside a hyphenated token widens to the token
                    if entities
                        .last()
                        .is_some_and(|e: &EntityMention| e.end > start)
                    {
                        continue;
                    }
                    entities.push(EntityMention {
                        start,
                        end,
                        text: doc.slice(start, end).to_string(),
                        label,
                    });
                }
                from = to;
            }
        }
        doc.syntax = syntax;
        doc.entities = entities;
    }
}

/// Calls `f` with the pieces of a word split at inner hyphens, the hyphens included ("Russia-led" → "Russia",
/// "-", "led"); other text whole.
fn split_hyphens<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let b = text.as_bytes();
    let inner = |i: usize| {
        i > 0
            && i + 1 < b.len()
            && b[i] == b'-'
            && b[i - 1].is_ascii_alphanumeric()
            && b[i + 1].is_ascii_alphanumeric()
    };
    if !(0..b.len()).any(inner) {
        f(text);
        return;
    }
    let mut last = 0;
    for i in 0..b.len() {
        if inner(i) {
            f(&text[last..i]);
            f(&text[i..i + 1]);
            last = i + 1;
        }
    }
    f(&text[last..]);
}

/// The statistical models as a pipeline stage: fills `syntax` and `entities` (needs `tokens`, `sentences`).
pub struct SyntaxStage {
    models: std::sync::Arc<Models>,
    lexicon: std::sync::Arc<dyn NerLexicon + Send + Sync>,
}

impl SyntaxStage {
    /// A stage over the given models and the dictionary lexicon the recogniser was trained with.
    pub fn new(
        models: std::sync::Arc<Models>,
        lexicon: std::sync::Arc<dyn NerLexicon + Send + Sync>,
    ) -> SyntaxStage {
        SyntaxStage { models, lexicon }
    }
}

impl petrel_core::Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn process(&self, doc: &mut Document) {
        self.models.annotate(doc, &*self.lexicon);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_pieces() {
        let mut v = Vec::new();
        split_hyphens("Russia-led", |p| v.push(p));
        assert_eq!(v, ["Russia", "-", "led"]);
        v.clear();
        split_hyphens("--", |p| v.push(p));
        assert_eq!(v, ["--"]);
        v.clear();
        split_hyphens("Жана-озен", |p| v.push(p));
        assert_eq!(v, ["Жана-озен"]);
    }
}
