//! Actor recognition: fills the `actors` layer from the dictionaries and from what the text says.
//!
//! Mentions, tried in this order at each token:
//! 0. a person of the people dictionary, coded by the office held on the document's date (`people.tsv`);
//! 1. a registered person (named earlier with a role) or a pronoun (he/she → the last person named);
//! 2. `[former] [country] ROLE Name…` — a person with a stated role ("U.S. Secretary of State Antony Blinken");
//! 3. `[country|country's] SECTOR [of|in|from COUNTRY]` — a group ("Russian troops", "officials in Moscow");
//! 4. `Name Name, the … ROLE … COUNTRY …,` — a person described by an apposition;
//! 5. a country name, demonym or capital; an international body.
//!
//! A group or role without a country takes the article's focus country (the most named one): domestic
//! reporting names "the Interior Ministry" without saying whose. The evidence string says so.

use petrel_core::{Actor, ActorMention, Date, Document, Token, TokenKind};
use petrel_knowledge::{CaseRule, Knowledge, LexEntry, LexKind, PersonCode};
use std::collections::HashMap;

/// Prepositions after a group noun that introduce its country ("units from Armenia").
const ORIGIN_PREPS: &[&str] = &["of", "in", "from"];

/// Prepositions that make a capital a place rather than its government.
const PLACE_PREPS: &[&str] = &[
    "in", "to", "at", "from", "near", "into", "outside", "around", "across", "via", "toward",
    "towards",
];

/// Role words that make an apposition describe an opponent or critic of a government.
const OPPOSITION_WORDS: &[&str] = &["critic", "opponent", "dissident", "opposition"];

/// A span of tokens with a lexicon entry.
#[derive(Clone, Copy, Debug)]
struct LexHit {
    len: usize,
    kind: LexKind,
}

/// The article-level state of actor recognition: people named so far and the last person mentioned.
#[derive(Default)]
struct People {
    by_name: HashMap<String, Actor>,
    last: Option<Actor>,
}

fn surface(doc: &Document, toks: &[Token]) -> String {
    toks.iter().map(|t| doc.slice(t.start, t.end)).collect()
}

fn join_lower(toks: &[Token]) -> String {
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

    /// Longest lexicon hit at token `i` whose kind `want` accepts.
    fn lex_at(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        want: impl Fn(LexKind) -> bool,
    ) -> Option<LexHit> {
        let max = self.k.lexicon.max_tokens().min(toks.len() - i);
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
                return Some(LexHit { len, kind: e.kind });
            }
        }
        None
    }

    fn country_of(&self, kind: LexKind) -> Option<usize> {
        match kind {
            LexKind::CountryName(c) | LexKind::CountryAdjective(c) | LexKind::Capital(c) => Some(c),
            _ => None,
        }
    }

    fn is_country(kind: LexKind) -> bool {
        matches!(
            kind,
            LexKind::CountryName(_) | LexKind::CountryAdjective(_) | LexKind::Capital(_)
        )
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

    /// The article's focus country: the one its country names, demonyms and capitals name most.
    pub fn focus_country(&self, doc: &Document) -> Option<usize> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut first_seen: HashMap<usize, usize> = HashMap::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                match self.lex_at(doc, toks, i, Self::is_country) {
                    Some(h) => {
                        if let Some(c) = self.country_of(h.kind) {
                            *counts.entry(c).or_default() += 1;
                            first_seen.entry(c).or_insert(toks[i].start);
                        }
                        i += h.len;
                    }
                    None => i += 1,
                }
            }
        }
        // places count for their country too ("Police in Lagos" is Nigerian news)
        for p in &doc.places {
            if let Some(c) = self.k.countries.iter().position(|c| c.iso2 == p.country) {
                *counts.entry(c).or_default() += 1;
                first_seen.entry(c).or_insert(p.start);
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(first_seen[&c])))
            .map(|(c, _)| c)
    }

    /// Capitalised name tokens from `i` (at most four, words only, not dictionary phrases).
    fn name_len(&self, doc: &Document, toks: &[Token], i: usize) -> usize {
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

    /// Tags every sentence; returns the mentions in text order.
    pub fn tag(&self, doc: &Document) -> Vec<ActorMention> {
        let focus = self.focus_country(doc);
        let mut people = People::default();
        let mut out = Vec::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                match self.mention_at(doc, toks, i, focus, &mut people) {
                    Some((len, m)) => {
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

    fn mention_at(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        focus: Option<usize>,
        people: &mut People,
    ) -> Option<(usize, ActorMention)> {
        let t = &toks[i];
        // 0. a person of the dictionary, coded by the office held on the document's date
        if t.capitalized {
            if let Some(h) = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Person(_))) {
                let LexKind::Person(p) = h.kind else {
                    unreachable!()
                };
                let (actor, how) = self.person_actor(p, doc.meta.date);
                self.register(people, &toks[i..i + h.len], &actor);
                return Some(self.mention(doc, toks, i, h.len, actor, &how));
            }
        }
        // 1. pronouns and people named before
        if matches!(t.lower.as_str(), "he" | "she") {
            let a = people.last.clone()?;
            return Some(self.mention(doc, toks, i, 1, a, "coref:pronoun"));
        }
        if t.capitalized {
            for len in (1..=3.min(toks.len() - i)).rev() {
                if let Some(a) = people.by_name.get(&join_lower(&toks[i..i + len])) {
                    let a = a.clone();
                    people.last = Some(a.clone());
                    return Some(self.mention(doc, toks, i, len, a, "coref:name"));
                }
            }
        }
        // 2.–3. [former] [country ['s]] (ROLE Name | SECTOR [of COUNTRY])
        let mut j = i;
        let former = matches!(t.lower.as_str(), "former" | "ex" | "ex-");
        if former {
            j += 1;
        }
        let mut country = None;
        if j < toks.len() {
            if let Some(h) = self.lex_at(doc, toks, j, Self::is_country) {
                country = self.country_of(h.kind);
                j += h.len;
                if j < toks.len() && toks[j].lower == "'s" {
                    j += 1;
                }
            }
        }
        if j < toks.len() {
            if let Some(h) = self.lex_at(doc, toks, j, |k| matches!(k, LexKind::Role(_))) {
                let LexKind::Role(r) = h.kind else {
                    unreachable!()
                };
                let role = &self.k.roles[r];
                let name_at = j + h.len;
                let n = self.name_len(doc, toks, name_at);
                if n > 0 {
                    let name = doc
                        .slice(toks[name_at].start, toks[name_at + n - 1].end)
                        .to_string();
                    let sector = if former || role.former {
                        "ELI"
                    } else {
                        role.sector.as_str()
                    };
                    // a known person: the dictionary's dated office decides, unless the text says "former"
                    let known =
                        self.lex_at(doc, toks, name_at, |k| matches!(k, LexKind::Person(_)));
                    if let Some(LexHit {
                        len,
                        kind: LexKind::Person(p),
                    }) = known
                    {
                        let (mut actor, mut how) = self.person_actor(p, doc.meta.date);
                        if former || role.former {
                            if let Some(iso3) = actor.country.clone() {
                                actor = Actor {
                                    code: format!("{iso3}ELI"),
                                    country: Some(iso3),
                                    sector: Some("ELI".into()),
                                    name: actor.name,
                                };
                                how.push_str("; former in the text");
                            }
                        }
                        let end = name_at + len.max(n);
                        self.register(people, &toks[name_at..end], &actor);
                        return Some(self.mention(
                            doc,
                            toks,
                            i,
                            end - i,
                            actor,
                            &format!("role+{how}"),
                        ));
                    }
                    let (c, how) = match country {
                        Some(c) => (Some(c), "role+name"),
                        None => (focus, "role+name; country: article focus"),
                    };
                    let actor = self.actor(c, Some(sector), name.clone());
                    self.register(people, &toks[name_at..name_at + n], &actor);
                    return Some(self.mention(doc, toks, i, name_at + n - i, actor, how));
                }
            }
            if let Some(h) = self.lex_at(doc, toks, j, |k| {
                matches!(k, LexKind::Sector(_) | LexKind::Role(_))
            }) {
                let sector = match h.kind {
                    LexKind::Sector(s) => self.k.sectors[s].1.clone(),
                    LexKind::Role(r) => self.k.roles[r].sector.clone(),
                    _ => unreachable!(),
                };
                let sector = if former { "ELI".to_string() } else { sector };
                let mut end = j + h.len;
                let mut how = if country.is_some() {
                    "country+sector"
                } else {
                    "sector"
                };
                if country.is_none() {
                    // "units from Armenia", "officials in Moscow", "troops from CSTO member Belarus"
                    if end < toks.len() && ORIGIN_PREPS.contains(&toks[end].lower.as_str()) {
                        for k in end + 1..(end + 5).min(toks.len()) {
                            if let Some(c) = self.lex_at(doc, toks, k, Self::is_country) {
                                country = self.country_of(c.kind);
                                end = k + c.len;
                                how = "sector+origin";
                                break;
                            }
                            if toks[k].kind == TokenKind::Punct {
                                break;
                            }
                        }
                    }
                }
                if country.is_none() {
                    country = focus;
                    how = "sector; country: article focus";
                }
                let name = self
                    .k
                    .countries
                    .get(country.unwrap_or(usize::MAX))
                    .map_or_else(String::new, |c| c.name.clone());
                let actor = self.actor(country, Some(&sector), name);
                return Some(self.mention(doc, toks, i, end - i, actor, how));
            }
        }
        // 4. an unknown person described by an apposition: "Mukhtar Ablyazov, the fugitive former head of ..."
        if t.capitalized && !former {
            let n = self.name_len(doc, toks, i);
            // "X, the fugitive former head of ...", "X, Brazil's foreign minister, ..."
            let described = toks
                .get(i + n + 1)
                .is_some_and(|d| matches!(d.lower.as_str(), "the" | "a" | "an"))
                || i + n + 1 < toks.len()
                    && self
                        .lex_at(doc, toks, i + n + 1, Self::is_country)
                        .is_some_and(|h| {
                            toks.get(i + n + 1 + h.len)
                                .is_some_and(|t| t.lower == "'s" || !t.capitalized)
                        });
            if n >= 2 && toks.get(i + n).is_some_and(|c| c.lower == ",") && described {
                if let Some(actor) = self.apposition(doc, toks, i, n, focus) {
                    self.register(people, &toks[i..i + n], &actor);
                    return Some(self.mention(doc, toks, i, n, actor, "name+apposition"));
                }
            }
        }
        // 5. a bare country, demonym, capital or international body
        if let Some(c) = country {
            let len = j - i;
            // a capital stands for its government ("Moscow said"), not when it is a place ("fled to London")
            // or a dateline ("WASHINGTON --")
            if self
                .lex_at(doc, toks, i, |k| matches!(k, LexKind::Capital(_)))
                .is_some_and(|h| h.len == len)
            {
                let prev = if i > 0 {
                    toks[i - 1].lower.as_str()
                } else {
                    ""
                };
                let next = toks.get(j).map_or("", |t| t.lower.as_str());
                if PLACE_PREPS.contains(&prev) || matches!(next, "--" | "-" | "," | "(" | ":") {
                    return None;
                }
            }
            let c_name = self.k.countries[c].name.clone();
            return Some(self.mention(
                doc,
                toks,
                i,
                len,
                self.actor(Some(c), None, c_name),
                "country",
            ));
        }
        if let Some(h) = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Igo(_))) {
            let LexKind::Igo(g) = h.kind else {
                unreachable!()
            };
            let igo = &self.k.igos[g];
            let actor = Actor {
                code: igo.code.clone(),
                country: None,
                sector: Some(igo.code[..3].to_string()),
                name: igo.name.clone(),
            };
            return Some(self.mention(doc, toks, i, h.len, actor, "igo"));
        }
        None
    }

    fn apposition(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        n: usize,
        focus: Option<usize>,
    ) -> Option<Actor> {
        let from = i + n + 1;
        let to = (from + 25).min(toks.len());
        let mut country = None;
        let mut sector: Option<String> = None;
        let mut former = false;
        let mut k = from;
        while k < to {
            let t = &toks[k];
            if t.lower == "," || t.lower == ";" || t.lower == "\"" {
                break;
            }
            if t.lower == "former" {
                former = true;
            }
            if OPPOSITION_WORDS.contains(&t.lower.as_str()) {
                sector = Some("OPP".into());
            }
            if let Some(h) = self.lex_at(doc, toks, k, |kind| {
                Self::is_country(kind) || matches!(kind, LexKind::Role(_))
            }) {
                match h.kind {
                    LexKind::Role(r) if sector.is_none() => {
                        let role = &self.k.roles[r];
                        sector = Some(if former || role.former {
                            "ELI".into()
                        } else {
                            role.sector.clone()
                        });
                    }
                    kind => {
                        if country.is_none() {
                            country = self.country_of(kind);
                        }
                    }
                }
                k += h.len;
                continue;
            }
            k += 1;
        }
        if country.is_none() && sector.is_none() {
            return None;
        }
        let name = doc.slice(toks[i].start, toks[i + n - 1].end).to_string();
        Some(self.actor(country.or(focus), sector.as_deref(), name))
    }

    /// Remembers a person by full name and surname for later mentions in the article.
    fn register(&self, people: &mut People, name: &[Token], actor: &Actor) {
        people.by_name.insert(join_lower(name), actor.clone());
        if let Some(last) = name.last() {
            if name.len() > 1 {
                people
                    .by_name
                    .entry(last.lower.clone())
                    .or_insert_with(|| actor.clone());
            }
        }
        people.last = Some(actor.clone());
    }
}
