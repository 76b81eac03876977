//! The article's countries: its focus (the country it names most, with the dateline's place counting for
//! several mentions), the country whose towns it names most, and the country of its dictionary people.

use super::*;
use std::collections::HashSet;

/// How many mentions the dateline's place counts for when choosing the article's focus country.
const DATELINE_WEIGHT: usize = 4;

impl ActorTagger<'_> {
    /// The article's focus country: the one its country names, demonyms and capitals name most.
    pub fn focus_country(&self, doc: &Document) -> Option<usize> {
        self.focus_and_naming(doc).0
    }

    /// The focus country, and whether it is firm: named with a country word (a name, demonym or capital) or by
    /// three places or more. A focus found through one or two place names (a word read as a town) is too weak to
    /// give unknown people and organisations their country. Third, every country the article names by a word or
    /// a place.
    pub(super) fn focus_and_naming(&self, doc: &Document) -> (Option<usize>, bool, HashSet<usize>) {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut first_seen: HashMap<usize, usize> = HashMap::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                match self.lex_at(doc, toks, i, Self::is_country) {
                    Some(h) => {
                        // (not a person's name: "Valeska Paris", "Paris claims"; nor a street: "333 Victoria
                        // St." is an address, not the Seychelles)
                        let (start, end) = (toks[i].start, toks[i + h.len - 1].end);
                        let street = toks.get(i + h.len).is_some_and(|t| {
                            t.capitalized
                                && petrel_knowledge::gazetteer::STREET_WORDS
                                    .contains(&t.lower.as_str())
                        });
                        if let (Some(c), false) = (
                            self.country_of(h.kind),
                            in_person(doc, start, end) || street,
                        ) {
                            *counts.entry(c).or_default() += 1;
                            first_seen.entry(c).or_insert(toks[i].start);
                        }
                        i += h.len;
                    }
                    None => i += 1,
                }
            }
        }
        let named_by_word = counts.clone();
        // places count for their country too ("Police in Lagos" is Nigerian news); the dateline's place, where
        // the reporter files from, counts for several mentions
        let filed = crate::coder::dateline_end(doc);
        for p in doc
            .places
            .iter()
            .filter(|p| !in_person(doc, p.start, p.end))
        {
            if let Some(c) = self.k.countries.iter().position(|c| c.iso2 == p.country) {
                let dateline =
                    p.end <= filed && doc.sentences.first().is_some_and(|s| s.start == p.start);
                *counts.entry(c).or_default() += if dateline { DATELINE_WEIGHT } else { 1 };
                first_seen.entry(c).or_insert(p.start);
            }
        }
        let named: HashSet<usize> = counts.keys().copied().collect();
        let focus = counts
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(first_seen[&c])));
        let strong = focus.is_some_and(|(c, n)| named_by_word.contains_key(&c) || n >= 3);
        (focus.map(|(c, _)| c), strong, named)
    }

    /// The country whose towns and regions (not country names) the article names most, when it names two or more
    /// and more than any other country's.
    pub(super) fn local_country(&self, doc: &Document) -> Option<usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for p in &doc.places {
            if p.kind != "country" && p.kind != "continent" {
                *counts.entry(p.country.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match ranked.as_slice() {
            [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => {
                self.k.countries.iter().position(|x| x.iso2 == *c)
            }
            _ => None,
        }
    }

    /// The country whose people the article is about: the one most of its dictionary people (`people.tsv`, coded
    /// on the document's date) belong to, when it names at least two. An article on Ukraine's call with the US
    /// president names Ukraine most but is about Washington's people ("Volker", "Morrison"). `None` otherwise.
    pub fn people_country(&self, doc: &Document) -> Option<usize> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                let hit = toks[i]
                    .capitalized
                    .then(|| self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Person(_))))
                    .flatten();
                match hit {
                    Some(LexHit {
                        len,
                        kind: LexKind::Person(p),
                    }) => {
                        // (a company is no person: "Deutsche Bank" in a Maltese article says nothing of
                        // whose people it names)
                        let company = self.k.people[p].tenures.iter().all(|t| t.role == "company");
                        // (nor is a religious office: the Pope's name says nothing of a British family's)
                        let actor = self.person_actor(p, doc.meta.date).0;
                        let cleric = actor.sector.as_deref() == Some("REL");
                        if let (Some(c), false) = (actor.country, company || cleric) {
                            *counts.entry(c).or_default() += 1;
                        }
                        i += len;
                    }
                    _ => i += 1,
                }
            }
        }
        let total: usize = counts.values().sum();
        let (iso3, n) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
        (total >= 2 && 2 * n > total)
            .then(|| self.k.countries.iter().position(|c| c.iso3 == iso3))
            .flatten()
    }
}

/// Whether `[start, end)` lies inside a person's name the recogniser found ("Valeska Paris"): no country there.
fn in_person(doc: &Document, start: usize, end: usize) -> bool {
    let k = doc.entities.partition_point(|e| e.end <= start);
    doc.entities[k..]
        .iter()
        .take_while(|e| e.start <= start)
        .any(|e| e.label == "PER" && end <= e.end)
}
