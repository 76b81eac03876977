//! Dictionary look-up: the longest lexicon entry at a token (a country word inside a longer place name standing
//! for the place's country), the country a lexicon kind names, and runs of capitalised name tokens.

use super::*;

/// A span of tokens with a lexicon entry.
#[derive(Clone, Copy, Debug)]
pub(super) struct LexHit {
    pub(super) len: usize,
    pub(super) kind: LexKind,
}

pub(super) fn surface(doc: &Document, toks: &[Token]) -> String {
    toks.iter().map(|t| doc.slice(t.start, t.end)).collect()
}

pub(super) fn join_lower(toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.lower);
    }
    s
}

fn case_ok(doc: &Document, toks: &[Token], e: &LexEntry) -> bool {
    match &e.case {
        CaseRule::Any => true,
        CaseRule::Capitalized => toks[0].capitalized,
        CaseRule::Exact(s) => surface(doc, toks) == s.replace(' ', ""),
    }
}

impl ActorTagger<'_> {
    /// Longest lexicon hit at token `i` whose kind `want` accepts.
    pub(super) fn lex_at(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        want: impl Fn(LexKind) -> bool,
    ) -> Option<LexHit> {
        let max = self
            .k
            .lexicon
            .max_tokens_from(&toks[i].lower)
            .min(toks.len() - i);
        for len in (1..=max).rev() {
            let span = &toks[i..i + len];
            let key = join_lower(span);
            if let Some(e) = self
                .k
                .lexicon
                .get(&key)
                .iter()
                .find(|e| want(e.kind) && case_ok(doc, span, e) && e.valid_on(doc.meta.date))
            {
                // ("US$1,800" is money)
                if petrel_core::currency_affix(toks, i, len) {
                    return None;
                }
                if let Some(hit) = self.inside_place(doc, toks, i, len, e.kind) {
                    return Some(hit);
                }
                return Some(LexHit { len, kind: e.kind });
            }
        }
        None
    }

    /// A country word that is part of a longer place name of another country ("British Columbia", "New
    /// Mexico") stands for the place's country, over the whole name.
    fn inside_place(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        len: usize,
        kind: LexKind,
    ) -> Option<LexHit> {
        let c = self.country_of(kind)?;
        let (start, end) = (toks[i].start, toks[i + len - 1].end);
        let k = doc.places.partition_point(|p| p.end <= start);
        let place = doc.places[k..]
            .iter()
            .take_while(|p| p.start <= start)
            .find(|p| p.start <= start && p.end >= end && p.end - p.start > end - start)?;
        if self.k.countries[c].iso2 == place.country {
            return None;
        }
        let country = self
            .k
            .countries
            .iter()
            .position(|x| x.iso2 == place.country)?;
        let n = toks[i..].iter().take_while(|t| t.end <= place.end).count();
        Some(LexHit {
            len: n.max(len),
            kind: LexKind::CountryName(country),
        })
    }

    pub(super) fn country_of(&self, kind: LexKind) -> Option<usize> {
        match kind {
            LexKind::CountryName(c) | LexKind::CountryAdjective(c) | LexKind::Capital(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn is_country(kind: LexKind) -> bool {
        matches!(
            kind,
            LexKind::CountryName(_) | LexKind::CountryAdjective(_) | LexKind::Capital(_)
        )
    }

    /// Capitalised name tokens from `i` (at most four, words only, not dictionary phrases).
    pub(super) fn name_len(&self, doc: &Document, toks: &[Token], i: usize) -> usize {
        let mut n = 0;
        while i + n < toks.len() && n < 4 {
            let t = &toks[i + n];
            if t.kind != TokenKind::Word
                || !t.capitalized
                || t.lower.ends_with('.') && t.lower.len() > 2
            {
                break;
            }
            if self
                .lex_at(doc, toks, i + n, |k| {
                    !matches!(k, LexKind::Sector(_) | LexKind::Person(_))
                })
                .is_some()
                && n == 0
            {
                break;
            }
            n += 1;
        }
        n
    }
}
