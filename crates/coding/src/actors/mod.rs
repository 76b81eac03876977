//! Actor recognition: fills the `actors` layer from the dictionaries and from what the text says.
//!
//! Mentions, tried in this order at each token:
//! 0. a person of the people dictionary, coded by the office held on the document's date (`people.tsv`);
//! 1. a registered person (named earlier with a role) or a pronoun (he/she → the last person named);
//! 2. `[former] [country] ROLE Name…` — a person with a stated role ("U.S. Secretary of State Antony Blinken");
//! 3. `[country|country's] SECTOR [of|in|from COUNTRY]` — a group ("Russian troops", "officials in Moscow");
//! 4. `Name Name, the … ROLE … COUNTRY …,` — a person described by an apposition;
//! 5. a country name, demonym or capital; an international body;
//! 6. a person the recogniser (NER) found that no dictionary knows: of the country most of the article's dictionary
//!    people belong to, else of the article's focus ("Choi", "Wan Saiful"); an organisation it found: of the focus.
//!
//! A person named once is known by the surname alone later in the article: the last word of the name, or the
//! first in East Asian order ("Park" for "Park Geun-hye").
//!
//! A group or role without a country takes the article's focus country (the most named one): domestic
//! reporting names "the Interior Ministry" without saying whose. The evidence string says so.
//!
//! One idea a module: `focus` (the article's focus country, the country of its towns and of its people),
//! `lexicon` (dictionary look-up), `coref` (the article's memory and the mentions that refer back through it),
//! `named` (what the dictionaries name: people, roles, sectors, countries, bodies), `apposition` (a person
//! described by one) and `recogniser` (the NER's people and organisations no dictionary knows); this module
//! tags the sentences and tries each kind of mention in the order above (`mention_at`).

mod apposition;
mod coref;
mod focus;
mod lexicon;
mod named;
mod recogniser;

use coref::*;
use lexicon::*;
use named::*;

use petrel_core::{Actor, ActorMention, Date, Document, Token, TokenKind};
use petrel_knowledge::{CaseRule, Knowledge, LexEntry, LexKind, PersonCode};
use std::collections::HashMap;

/// Evidence prefix of a mention of two countries ("the two sides"); the second country's ISO3 follows it.
pub const PAIR_EVIDENCE: &str = "coref:pair, with ";

/// The article's focus country, the country of its people and the focus for unknown organisations.
type Foci = (Option<usize>, Option<usize>, Option<usize>);

/// Where a mention is looked for: the document, the sentence's tokens and the token's index.
#[derive(Clone, Copy)]
struct At<'a> {
    doc: &'a Document,
    toks: &'a [Token],
    i: usize,
}

/// An actor from a full CAMEO code: `KAZGOV` → country KAZ, sector GOV; `IGOUNO` → an international body.
pub fn code_actor(code: &str, name: String) -> Actor {
    if code.starts_with("IGO") || code.starts_with("NGO") || code.len() < 3 {
        return Actor {
            code: code.to_string(),
            country: None,
            sector: code.get(..3).map(str::to_string),
            name,
        };
    }
    let (iso3, sector) = code.split_at(3);
    Actor {
        code: code.to_string(),
        country: Some(iso3.to_string()),
        sector: (!sector.is_empty()).then(|| sector.to_string()),
        name,
    }
}

/// The actor tagger.
pub struct ActorTagger<'k> {
    k: &'k Knowledge,
}

impl<'k> ActorTagger<'k> {
    /// A tagger over the given knowledge.
    pub fn new(k: &'k Knowledge) -> ActorTagger<'k> {
        ActorTagger { k }
    }

    fn actor(&self, country: Option<usize>, sector: Option<&str>, name: String) -> Actor {
        let iso3 = country.map(|c| self.k.countries[c].iso3.clone());
        let code = format!("{}{}", iso3.as_deref().unwrap_or(""), sector.unwrap_or(""));
        Actor {
            code,
            country: iso3,
            sector: sector.map(str::to_string),
            name,
        }
    }

    /// The actor for dictionary person `p` on `date`, with the evidence naming the row and the status.
    pub fn person_actor(&self, p: usize, date: Option<Date>) -> (Actor, String) {
        let person = &self.k.people[p];
        let PersonCode {
            code,
            tenure,
            status,
        } = person.code_on(date);
        let actor = code_actor(&code, person.name.clone());
        let evidence = match tenure {
            Some(t) => format!("person {} ({}, {status})", t.source, t.role),
            None => format!("person ({status})"),
        };
        (actor, evidence)
    }

    /// Tags every sentence; returns the mentions in text order.
    pub fn tag(&self, doc: &Document) -> Vec<ActorMention> {
        let (focus, focus_named, named_countries) = self.focus_and_naming(doc);
        let people_focus = self.people_country(doc).or(focus.filter(|_| focus_named));
        // unknown organisations take the focus only when the text names it
        let org_focus = focus.filter(|_| focus_named);
        let mut people = ArticleMemory {
            local_country: self.local_country(doc),
            named_countries,
            ..ArticleMemory::default()
        };
        let mut out = Vec::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let titled = title_names(toks);
            let mut i = 0;
            while i < toks.len() {
                // "the Hong Kong Human Rights and Democracy Act", "the North American Free Trade Agreement": a
                // law's or treaty's name names no actor
                if titled[i] {
                    i += 1;
                    continue;
                }
                match self.mention_at(
                    doc,
                    toks,
                    i,
                    s,
                    (focus, people_focus, org_focus),
                    &mut people,
                ) {
                    Some((len, m)) => {
                        people.remember(&m, s);
                        // a word in scare quotes is a label ("labeled the DVK "extremist""), not an actor
                        let quoted = i > 0
                            && toks[i - 1].lower == "\""
                            && toks.get(i + len).is_some_and(|t| t.lower == "\"");
                        if !(quoted && m.evidence.starts_with("sector")) {
                            out.push(m);
                        }
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
        apposed_people(doc, &mut out);
        out
    }

    fn mention(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        len: usize,
        actor: Actor,
        evidence: &str,
    ) -> (usize, ActorMention) {
        let (start, end) = (toks[i].start, toks[i + len - 1].end);
        (
            len,
            ActorMention {
                start,
                end,
                text: doc.slice(start, end).to_string(),
                actor,
                evidence: evidence.to_string(),
            },
        )
    }

    /// The mention at token `i`, tried in order: a reference back (a body, the two sides, "it"), a person of
    /// the dictionary, a pronoun, a person named before, a country's vessel or firm, a role with a name or a
    /// group (`[former] [country] ROLE|SECTOR`), a person described by an apposition, a bare country or body, a
    /// guess of the recogniser.
    fn mention_at(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        sentence: usize,
        (focus, people_focus, org_focus): (Option<usize>, Option<usize>, Option<usize>),
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let at = At { doc, toks, i };
        if let Some(found) = self.referring_back(at, sentence, people) {
            return Some(found);
        }
        if let Some(found) = self.dictionary_person(at, people) {
            return Some(found);
        }
        // 1. pronouns and people named before
        if matches!(toks[i].lower.as_str(), "he" | "she") {
            return self.pronoun(at, people);
        }
        if let Some(found) = self.named_before(at, people) {
            return Some(found);
        }
        if let Some(found) = self.owned_by_country(at) {
            return Some(found);
        }
        if let Some(found) = self.body_owned(at) {
            return Some(found);
        }
        // 2.–3. [former] [country ['s]] (ROLE Name | SECTOR [of COUNTRY])
        let head = self.head_start(at);
        if let Some(found) = self.national_body(at, head) {
            return Some(found);
        }
        let foci = (focus, people_focus, org_focus);
        if let Some(found) = self.office_or_group(at, head, foci, people) {
            return Some(found);
        }
        if let Some(found) = self.described_person(at, head.former, foci, people) {
            return Some(found);
        }
        // 5. a bare country, demonym, capital or international body; "the North" and "the South" of a divided
        // country the article names
        if let Some(found) = self.half_of_divided_country(at) {
            return Some(found);
        }
        if let Some(c) = head.country {
            return self.bare_country(at, head.j, c);
        }
        if let Some(found) = self.body(at) {
            return Some(found);
        }
        self.recogniser_guess(at, foci, people)
    }
    /// "The South retaliated by firing into the north": in an article that names North or South Korea (or
    /// Sudan and South Sudan), a capitalised "the North" or "the South" standing alone is that half.
    fn half_of_divided_country(&self, at: At<'_>) -> Option<(usize, ActorMention)> {
        let (doc, toks, i) = (at.doc, at.toks, at.i);
        let t = &toks[i];
        let north = match t.lower.as_str() {
            "north" => true,
            "south" => false,
            _ => return None,
        };
        let alone = t.capitalized
            && i > 0
            && toks[i - 1].lower == "the"
            && toks
                .get(i + 1)
                .is_none_or(|n| !n.capitalized && n.lower != "-");
        if !alone {
            return None;
        }
        const DIVIDED: &[(&str, &str, &str, &str)] = &[
            ("korea", "PRK", "KOR", "korean"),
            ("sudan", "SDN", "SSD", "sudanese"),
        ];
        // (the article's tokens, not its text lowercased again for every "the North")
        let named = |name: &str, demonym: &str| {
            doc.tokens.windows(2).any(|w| {
                matches!(w[0].lower.as_str(), "north" | "south")
                    && (w[1].lower == name || w[1].lower == demonym)
            })
        };
        let (_, n, s, _) = DIVIDED
            .iter()
            .find(|(name, _, _, demonym)| named(name, demonym))?;
        let code = if north { n } else { s };
        let name = self
            .k
            .countries
            .iter()
            .find(|c| c.iso3 == *code)?
            .name
            .clone();
        Some(self.mention(
            doc,
            toks,
            i,
            1,
            code_actor(code, name),
            "country: the half of a divided country the article names",
        ))
    }

    /// The actor for international body `g` of the dictionary.
    fn igo_actor(&self, g: usize) -> Actor {
        let igo = &self.k.igos[g];
        Actor {
            code: igo.code.clone(),
            country: None,
            sector: Some(igo.code[..3].to_string()),
            name: igo.name.clone(),
        }
    }
}

/// Last words of the names of laws, bills and treaties.
const TITLE_HEADS: &[&str] = &[
    "act",
    "bill",
    "law",
    "treaty",
    "agreement",
    "accord",
    "accords",
    "convention",
    "declaration",
    "protocol",
    "charter",
    "pact",
    "doctrine",
];

/// Whether an age follows at token `k` (", 31"): a person so given is a private one ("Mohammed Ali, 31, from
/// Liverpool"), not a dictionary namesake.
fn age_at(toks: &[Token], k: usize) -> bool {
    toks.get(k).is_some_and(|t| t.lower == ",")
        && toks.get(k + 1).is_some_and(|t| {
            t.lower.len() <= 3 && t.lower.parse::<u32>().is_ok_and(|n| (1..=110).contains(&n))
        })
}

/// Which tokens of a sentence are inside the name of a law, bill or treaty: a run of capitalised words (joined
/// by "and", "of", "the", "for", "on", "'s" or "-") that ends with one of [`TITLE_HEADS`] ("Hong Kong Human
/// Rights and Democracy Act"), not followed by another capitalised word ("North Atlantic Treaty
/// Organization" is a body).
fn title_names(toks: &[Token]) -> Vec<bool> {
    let mut titled = vec![false; toks.len()];
    for (h, t) in toks.iter().enumerate() {
        let ends = h + 1 == toks.len() || !toks[h + 1].capitalized;
        if !(t.capitalized && h > 0 && ends && TITLE_HEADS.contains(&t.lower.as_str())) {
            continue;
        }
        let mut k = h;
        let mut words = 0;
        while k > 0 && h - k < 12 {
            let p = &toks[k - 1];
            let joins = matches!(
                p.lower.as_str(),
                "and" | "of" | "the" | "for" | "on" | "'s" | "-"
            );
            if !(p.capitalized && p.kind == TokenKind::Word || joins) {
                break;
            }
            k -= 1;
            words += usize::from(p.capitalized);
        }
        // trailing joiners ("the") are not part of the name
        while k < h && !toks[k].capitalized {
            k += 1;
        }
        if words >= 1 {
            titled[k..=h].iter_mut().for_each(|x| *x = true);
        }
    }
    titled
}

/// "The federal health minister, Leona Aglukkaq, pledged ...": an office or group guessed from its noun alone
/// (the article's country) is the dictionary person set beside it after a comma.
fn apposed_people(doc: &Document, mentions: &mut [ActorMention]) {
    for k in 1..mentions.len() {
        let (before, after) = mentions.split_at_mut(k);
        let (role, person) = (&mut before[k - 1], &after[0]);
        // (a title read as the one named with it before: "the health minister" of another country)
        let guessed =
            role.evidence.starts_with("sector; country:") || role.evidence == "coref:title";
        let known = person.evidence.starts_with("person data/")
            || person.evidence.starts_with("role+person");
        let comma = role.end <= person.start && doc.slice(role.end, person.start).trim() == ",";
        let closed = doc
            .slice(person.end, (person.end + 3).min(doc.char_len()))
            .trim_start()
            .starts_with([',', ')']);
        if guessed && known && comma && closed {
            role.actor = person.actor.clone();
            role.evidence = format!("sector; the person set beside it: {}", person.text);
        }
    }
}
