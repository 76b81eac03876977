//! Quotations and their speakers.
//!
//! Straight double quotes (the normaliser makes every quote straight) pair up within a paragraph. The speaker
//! is the actor named beside a speech verb in the sentence that holds the closing quote (`"…," X said`),
//! or in the sentence that opens it (`X said: "…"`).

use petrel_core::{ActorMention, Document, Quote};

/// Speech verbs that attribute a quotation.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "warned",
    "warns",
    "declared",
    "stated",
    "wrote",
    "writes",
    "asked",
    "asks",
    "insisted",
    "argued",
    "claimed",
    "noted",
    "explained",
    "announced",
    "replied",
    "according",
    "tweeted",
    "posted",
];

/// Finds quotations; `actors` must be the document's actor layer.
pub fn find_quotes(doc: &Document, actors: &[ActorMention]) -> Vec<Quote> {
    let mut out = Vec::new();
    let chars: Vec<char> = doc.text.chars().collect();
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            open = None;
        } else if c == '"' {
            match open {
                None => open = Some(i + 1),
                Some(s) => {
                    let text: String = chars[s..i].iter().collect();
                    // very short quotes are scare quotes ("extremist"), not speech
                    let speech = text.split_whitespace().count() >= 4;
                    let speaker = if speech {
                        speaker_of(doc, actors, s, i)
                    } else {
                        None
                    };
                    out.push(Quote {
                        start: s,
                        end: i,
                        text,
                        speaker,
                    });
                    open = None;
                }
            }
        }
    }
    out
}

/// How far from a quotation (in code points) its speech verb and speaker may be.
const REACH: usize = 200;

fn speaker_of(
    doc: &Document,
    actors: &[ActorMention],
    start: usize,
    end: usize,
) -> Option<ActorMention> {
    let outside = |m: &&ActorMention| m.end < start || m.start > end;
    for anchor in [end, start] {
        let Some(si) = doc.sentence_at(anchor.min(doc.char_len().saturating_sub(1))) else {
            continue;
        };
        let s = &doc.sentences[si];
        // only the neighbourhood of the quotation, so a run-on text with many quotes stays linear
        let (lo, hi) = (
            start.saturating_sub(REACH).max(s.start),
            (end + REACH).min(s.end),
        );
        let toks = doc.sentence_tokens(si);
        let first = toks.partition_point(|t| t.start < lo);
        let has_verb = toks[first..].iter().take_while(|t| t.end <= hi).any(|t| {
            (t.start >= end || t.end <= start) && SPEECH_VERBS.contains(&t.lower.as_str())
        });
        if !has_verb {
            continue;
        }
        // the nearest actor outside the quote in that neighbourhood
        let a = actors.partition_point(|m| m.start < lo);
        let best = actors[a..]
            .iter()
            .take_while(|m| m.start < hi)
            .filter(|m| m.end <= hi)
            .filter(outside)
            .min_by_key(|m| {
                if m.start >= end {
                    m.start - end
                } else {
                    start.saturating_sub(m.end)
                }
            });
        if let Some(m) = best {
            return Some(m.clone());
        }
    }
    None
}
