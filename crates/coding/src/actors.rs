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

use petrel_core::{Actor, ActorMention, Date, Document, Token, TokenKind};
use petrel_knowledge::{CaseRule, Knowledge, LexEntry, LexKind, PersonCode};
use std::collections::HashMap;

/// Prepositions after a group noun that introduce its country ("units from Armenia").
const ORIGIN_PREPS: &[&str] = &["of", "in", "from"];

/// Sectors of named groups whose members a following noun names ("JNIM militants", "Houthi rebels").
const GROUP_SECTORS: &[&str] = &["REB", "RAD", "UAF", "SEP", "CRM", "INS", "OPP", "PTY"];

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

/// Head nouns by which news refers back to an international body named before ("the agency", "the bloc").
/// A noun that is part of the body's name ("the council" after "the Security Council") picks that body; a
/// generic one also picks the last body named when no name holds it.
const BODY_NOUNS: &[(&str, bool)] = &[
    ("agency", false),
    ("council", false),
    ("court", false),
    ("tribunal", false),
    ("commission", false),
    ("fund", false),
    ("bank", false),
    ("programme", false),
    ("program", false),
    ("union", false),
    ("assembly", false),
    ("organisation", true),
    ("organization", true),
    ("alliance", true),
    ("bloc", true),
    ("body", true),
    ("mission", true),
];

/// Nouns after "the two" or "both" that refer to the two countries named last, with the sector they imply.
const PAIR_NOUNS: &[(&str, &str)] = &[
    ("sides", ""),
    ("countries", ""),
    ("nations", ""),
    ("neighbours", ""),
    ("neighbors", ""),
    ("governments", "GOV"),
    ("leaders", "GOV"),
    ("presidents", "GOV"),
    ("ministers", "GOV"),
    ("delegations", "GOV"),
    ("armies", "MIL"),
    ("militaries", "MIL"),
];

/// Evidence prefix of a mention of two countries ("the two sides"); the second country's ISO3 follows it.
pub const PAIR_EVIDENCE: &str = "coref:pair, with ";

/// Second halves of a hyphenated word that make a country word the owner ("Greek-owned", "Panama-flagged").
const OWNERSHIP: &[&str] = &["owned", "flagged", "registered", "operated"];

/// How many mentions the dateline's place counts for when choosing the article's focus country.
const DATELINE_WEIGHT: usize = 4;

/// Sectors whose bare mention ("the troops", "the rebels") belongs to the country they were last named with;
/// a bare "the government" or "the police" is the article's own country's more often than the last one named.
const ARMED_SECTORS: &[&str] = &["MIL", "REB", "INS", "UAF", "SEP", "RAD"];

/// Words after "it" that make it an expletive or a non-agent ("it is clear", "it seems", "it was reported").
const EXPLETIVE_AFTER_IT: &[&str] = &[
    "is", "was", "'s", "seems", "seemed", "appears", "appeared", "remains", "remained", "became",
    "becomes", "takes", "took", "makes", "made", "means", "meant", "looks", "looked", "matters",
    "happened", "happens", "comes", "came", "goes", "went", "depends", "to", "and", "or", ",", ".",
];
/// Words before "it" that leave it the subject of a clause ("said it had", "It urged").
const SUBJECT_BEFORE_IT: &[&str] = &[
    "that",
    "and",
    "but",
    "because",
    "after",
    "as",
    "while",
    "said",
    "says",
    "added",
    "announced",
    "stated",
    "insisted",
    "claimed",
    "confirmed",
    "noted",
    "argued",
    "warned",
    "\"",
];

/// The article-level memory of actor recognition: people named so far, the last person mentioned, the
/// country each sector was last named with, and the bodies and groups named so far.
#[derive(Default)]
struct ArticleMemory {
    by_name: HashMap<String, Actor>,
    last: Option<Actor>,
    /// Armed sector code → the country it was last named with ("Russian troops" ... "the troops").
    sector_country: HashMap<String, String>,
    /// International bodies named so far (lowercase name and surface, actor), latest last.
    bodies: Vec<(String, Actor)>,
    /// The last actor that is not a person, with its sentence: what "it" can refer to.
    last_thing: Option<(Actor, usize)>,
    /// Countries named so far, the latest last, each once: what "the two sides" refers to.
    countries: Vec<String>,
    /// The first person named in the latest sentence that names one, with that sentence: what "he" or "she"
    /// refers to (the subject of the sentence before, or the one named earlier in the same sentence).
    first_person: Option<(usize, Actor)>,
    /// The country whose towns and regions the article names most (two at least): where its police, courts,
    /// hospitals and schools are, when no country is named with them.
    local_country: Option<usize>,
    /// Title → the person last named with it ("Saudi Crown Prince Mohammed bin Salman"): who "the crown
    /// prince" is later in the article.
    titles: HashMap<String, Actor>,
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
        self.focus_and_naming(doc).0
    }

    /// The focus country, and whether it is firm: named with a country word (a name, demonym or capital) or by
    /// three places or more. A focus found through one or two place names (a word read as a town) is too weak to
    /// give unknown people and organisations their country.
    fn focus_and_naming(&self, doc: &Document) -> (Option<usize>, bool) {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut first_seen: HashMap<usize, usize> = HashMap::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            let mut i = 0;
            while i < toks.len() {
                match self.lex_at(doc, toks, i, Self::is_country) {
                    Some(h) => {
                        // (not a person's name: "Valeska Paris", "Paris claims")
                        let (start, end) = (toks[i].start, toks[i + h.len - 1].end);
                        if let (Some(c), false) =
                            (self.country_of(h.kind), in_person(doc, start, end))
                        {
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
        let focus = counts
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(first_seen[&c])));
        let strong = focus.is_some_and(|(c, n)| named_by_word.contains_key(&c) || n >= 3);
        (focus.map(|(c, _)| c), strong)
    }

    /// The country whose towns and regions (not country names) the article names most, when it names two or more
    /// and more than any other country's.
    fn local_country(&self, doc: &Document) -> Option<usize> {
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
                        if let (Some(c), false) =
                            (self.person_actor(p, doc.meta.date).0.country, company)
                        {
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
        let (focus, focus_named) = self.focus_and_naming(doc);
        let people_focus = self.people_country(doc).or(focus.filter(|_| focus_named));
        // unknown organisations take the focus only when the text names it
        let org_focus = focus.filter(|_| focus_named);
        let mut people = ArticleMemory {
            local_country: self.local_country(doc),
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
        sentence: usize,
        (focus, people_focus, org_focus): (Option<usize>, Option<usize>, Option<usize>),
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let t = &toks[i];
        // "the agency", "the bloc": a body named before
        let igo_at = |k: usize| {
            k < toks.len()
                && self
                    .lex_at(doc, toks, k, |kind| matches!(kind, LexKind::Igo(_)))
                    .is_some()
        };
        if t.lower == "the" && !igo_at(i) && !igo_at(i + 1) {
            if let Some(a) = toks.get(i + 1).and_then(|n| people.body_for(&n.lower)) {
                return Some(self.mention(doc, toks, i, 2, a, "coref:body"));
            }
        }
        // "the two sides", "both countries", "the two ministers": the two countries named last (the coder gives
        // the event to both; the evidence names the second)
        if let Some((len, noun)) = match (t.lower.as_str(), toks.get(i + 1), toks.get(i + 2)) {
            ("the", Some(two), Some(n)) if two.lower == "two" => Some((3, n.lower.as_str())),
            ("both", Some(n), _) => Some((2, n.lower.as_str())),
            _ => None,
        } {
            let sector = PAIR_NOUNS.iter().find(|(w, _)| *w == noun).map(|(_, s)| *s);
            if let (Some(sector), Some((a, b))) = (sector, people.pair()) {
                let first = self.k.countries.iter().position(|c| c.iso3 == a);
                if let Some(c) = first {
                    let name = self.k.countries[c].name.clone();
                    let actor = self.actor(Some(c), (!sector.is_empty()).then_some(sector), name);
                    let how = format!("{PAIR_EVIDENCE}{b}");
                    return Some(self.mention(doc, toks, i, len, actor, &how));
                }
            }
        }
        // "the agency said it had ...", "It urged ...": the last body, group or country named, when "it" is
        // a clause's subject and not an expletive ("it is clear")
        if t.lower == "it" {
            let prev_ok = i == 0 || SUBJECT_BEFORE_IT.contains(&toks[i - 1].lower.as_str());
            let next = toks.get(i + 1).map_or(".", |n| n.lower.as_str());
            let after = toks.get(i + 2).map_or(".", |n| n.lower.as_str());
            let progressive =
                matches!(next, "is" | "was") && after.ends_with("ing") && after != "being";
            let expletive = (EXPLETIVE_AFTER_IT.contains(&next) && !progressive)
                || matches!(
                    after,
                    "be" | "been" | "not" | "likely" | "unclear" | "clear"
                );
            if prev_ok && !expletive {
                if let Some((a, at)) = &people.last_thing {
                    if *at + 1 >= sentence {
                        let a = a.clone();
                        return Some(self.mention(doc, toks, i, 1, a, "coref:it"));
                    }
                }
            }
        }
        // 0. a person of the dictionary, coded by the office held on the document's date
        if t.capitalized {
            if let Some(h) = self.lex_at(doc, toks, i, |k| matches!(k, LexKind::Person(_))) {
                let LexKind::Person(p) = h.kind else {
                    unreachable!()
                };
                let (actor, how) = self.person_actor(p, doc.meta.date);
                self.register(people, &toks[i..i + h.len], &actor);
                // "JNIM militants", "Houthi rebels": a group's name before a noun of its members is one
                // mention, the group's
                let members = (i + h.len < toks.len())
                    .then(|| self.lex_at(doc, toks, i + h.len, |k| matches!(k, LexKind::Sector(_))))
                    .flatten()
                    .filter(|_| {
                        actor
                            .sector
                            .as_deref()
                            .is_some_and(|s| GROUP_SECTORS.contains(&s))
                    })
                    .map_or(0, |m| m.len);
                return Some(self.mention(doc, toks, i, h.len + members, actor, &how));
            }
        }
        // 1. pronouns and people named before
        if matches!(t.lower.as_str(), "he" | "she") {
            let a = match &people.first_person {
                Some((_, a)) => a.clone(),
                None => people.last.clone()?,
            };
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
        // "a Greek-owned cargo ship", "a Panama-flagged tanker": a vessel or firm of that country
        if let Some((prefix, suffix)) = t.lower.rsplit_once('-') {
            if OWNERSHIP.contains(&suffix) {
                let country = self.k.lexicon.get(prefix).iter().find_map(|e| {
                    self.country_of(e.kind)
                        .filter(|_| e.valid_on(doc.meta.date))
                });
                if let Some(c) = country {
                    let name = self.k.countries[c].name.clone();
                    let actor = self.actor(Some(c), Some("BUS"), name);
                    return Some(self.mention(doc, toks, i, 1, actor, "country+ownership"));
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
        // "the secretary general of CEI", "the director general": a civil office, not a general
        let civil_general = toks[j..].first().is_some_and(|t| t.lower == "general")
            && j > 0
            && matches!(
                toks[j - 1].lower.as_str(),
                "secretary"
                    | "director"
                    | "inspector"
                    | "solicitor"
                    | "auditor"
                    | "surgeon"
                    | "postmaster"
            );
        if j < toks.len() && !civil_general {
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
                        if !(former || role.former) {
                            people
                                .titles
                                .insert(join_lower(&toks[j..j + h.len]), actor.clone());
                        }
                        return Some(self.mention(
                            doc,
                            toks,
                            i,
                            end - i,
                            actor,
                            &format!("role+{how}"),
                        ));
                    }
                    let us = us_congress_marker(toks, name_at + n)
                        .then(|| self.k.countries.iter().position(|c| c.iso3 == "USA"))
                        .flatten();
                    let (c, how) = match (country, us) {
                        (Some(c), _) => (Some(c), "role+name"),
                        (None, Some(c)) => (Some(c), "role+name; country: a US party-state marker"),
                        (None, None) => (focus, "role+name; country: article focus"),
                    };
                    let actor = self.actor(c, Some(sector), name.clone());
                    self.register(people, &toks[name_at..name_at + n], &actor);
                    if country.is_some() && !(former || role.former) {
                        people
                            .titles
                            .insert(join_lower(&toks[j..j + h.len]), actor.clone());
                    }
                    return Some(self.mention(doc, toks, i, name_at + n - i, actor, how));
                }
            }
            // "the crown prince", "the president": the person last named with that title
            if let (Some(h), None, false) = (
                self.lex_at(doc, toks, j, |k| matches!(k, LexKind::Role(_))),
                country,
                former,
            ) {
                // (not "President of all Mexicans", whose country follows)
                let of_whom = toks
                    .get(j + h.len)
                    .is_some_and(|t| ORIGIN_PREPS.contains(&t.lower.as_str()));
                if let Some(a) = people
                    .titles
                    .get(&join_lower(&toks[j..j + h.len]))
                    .filter(|_| !of_whom)
                {
                    let a = a.clone();
                    return Some(self.mention(doc, toks, i, j + h.len - i, a, "coref:title"));
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
                        // "diplomats of the Association of Southeast Asian Nations": the body's people (not
                        // "troops from CSTO member Belarus", which are Belarus's)
                        let at = end
                            + 1
                            + usize::from(toks.get(end + 1).is_some_and(|t| t.lower == "the"));
                        let body = (at < toks.len())
                            .then(|| self.lex_at(doc, toks, at, |k| matches!(k, LexKind::Igo(_))))
                            .flatten()
                            .filter(|h| {
                                !toks.get(at + h.len).is_some_and(|t| {
                                    matches!(
                                        t.lower.as_str(),
                                        "member" | "members" | "countries" | "states" | "nations"
                                    )
                                })
                            });
                        if let Some(LexHit {
                            len,
                            kind: LexKind::Igo(g),
                        }) = body
                        {
                            let actor = self.igo_actor(g);
                            return Some(self.mention(
                                doc,
                                toks,
                                i,
                                at + len - i,
                                actor,
                                "sector+body",
                            ));
                        }
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
                // "Sen. Ben Sasse, R-Neb.", "Rep. Adam Schiff (D-Calif.)": the party and state of a member of the
                // US Congress
                if country.is_none() && us_congress_marker(toks, end) {
                    country = self.k.countries.iter().position(|c| c.iso3 == "USA");
                    how = "sector; country: a US party-state marker";
                }
                // "Singapore has urged its residents", "China and its allies": the country just named
                if country.is_none()
                    && i > 0
                    && matches!(toks[i - 1].lower.as_str(), "its" | "their")
                {
                    if let Some(c) = people
                        .countries
                        .last()
                        .and_then(|iso3| self.k.countries.iter().position(|c| &c.iso3 == iso3))
                    {
                        country = Some(c);
                        how = "sector; country: the one its possessor names";
                    }
                }
                if country.is_none() {
                    let named = people
                        .sector_country
                        .get(&sector)
                        .and_then(|iso3| self.k.countries.iter().position(|c| &c.iso3 == iso3));
                    if let Some(c) = named {
                        country = Some(c);
                        how = "sector; country: as named before";
                    } else if let (Some(c), true) = (
                        people.local_country,
                        matches!(sector.as_str(), "COP" | "JUD" | "HLH" | "EDU"),
                    ) {
                        country = Some(c);
                        how = "sector; country: the article's towns";
                    } else if let (Some(c), true) = (
                        people_focus,
                        // "He begged lawmakers": legislators and parties are the politics of the article's
                        // people (a government, whose officials act abroad too, stays with the focus: tried)
                        matches!(sector.as_str(), "LEG" | "PTY" | "OPP"),
                    ) {
                        country = Some(c);
                        how = "sector; country: the article's people";
                    } else {
                        country = focus;
                        how = "sector; country: article focus";
                    }
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
                if let Some(actor) =
                    self.apposition(doc, toks, i, n, people_focus.or(focus), people)
                {
                    self.register(people, &toks[i..i + n], &actor);
                    return Some(self.mention(doc, toks, i, n, actor, "name+apposition"));
                }
            }
        }
        // 5. a bare country, demonym, capital or international body
        if let Some(c) = country {
            let len = j - i;
            // "US$460 million": a currency, not the country
            if toks
                .get(j)
                .is_some_and(|t| t.lower == "$" && t.start == toks[j - 1].end)
            {
                return None;
            }
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
            let actor = self.igo_actor(g);
            return Some(self.mention(doc, toks, i, h.len, actor, "igo"));
        }
        // 6. a person or organisation the recogniser found but no dictionary knows ("Choi", "Wan Saiful Wan
        // Jan", "the Pribumi party", "TTC"): news names its own country's people and bodies without saying
        // whose they are, so a person is of the country of the article's known people, else of its focus, and an
        // organisation of the focus
        if t.capitalized {
            let e = doc.entities.partition_point(|e| e.start < t.start);
            let entity = doc
                .entities
                .get(e)
                .filter(|e| e.start == t.start && e.end - e.start >= 3);
            let guess = entity.and_then(|e| match e.label.as_str() {
                "PER" => people_focus
                    .map(|c| (e, c, "person (recogniser); country: the article's people")),
                "ORG" => {
                    org_focus.map(|c| (e, c, "organisation (recogniser); country: article focus"))
                }
                _ => None,
            });
            if let Some((e, c, how)) = guess {
                let n = toks[i..].iter().take_while(|x| x.end <= e.end).count();
                if n > 0 && n <= 4 {
                    // "the Commerce Ministry", "Maryland State Police": a body whose head noun names a
                    // sector is of that sector
                    let sector = (e.label == "ORG")
                        .then(|| self.head_sector(doc, &toks[i..i + n]))
                        .flatten();
                    let how = if sector.is_some() {
                        "organisation (recogniser) + sector of its head noun; country: article focus"
                    } else {
                        how
                    };
                    let actor = self.actor(Some(c), sector.as_deref(), e.text.clone());
                    if e.label == "PER" {
                        self.register(people, &toks[i..i + n], &actor);
                    }
                    return Some(self.mention(doc, toks, i, n, actor, how));
                }
            }
        }
        None
    }

    /// The sector named by the head noun of an organisation's name: the word before "of" ("Bureau of
    /// ..."), else the last word ("Commerce Ministry", "State Police").
    fn head_sector(&self, doc: &Document, name: &[Token]) -> Option<String> {
        let head = name
            .iter()
            .position(|t| t.lower == "of")
            .unwrap_or(name.len())
            .checked_sub(1)?;
        (0..=head).find_map(|k| {
            let h = self.lex_at(doc, name, k, |kind| matches!(kind, LexKind::Sector(_)))?;
            let LexKind::Sector(s) = h.kind else {
                return None;
            };
            (k + h.len == head + 1).then(|| self.k.sectors[s].1.clone())
        })
    }

    fn apposition(
        &self,
        doc: &Document,
        toks: &[Token],
        i: usize,
        n: usize,
        focus: Option<usize>,
        people: &ArticleMemory,
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
            // "X, the agency's chief inspector", "X, a senior IAEA official": one of the body's people
            let body = if t.lower == "the" {
                toks.get(k + 1).and_then(|n| people.body_for(&n.lower))
            } else {
                self.lex_at(doc, toks, k, |kind| matches!(kind, LexKind::Igo(_)))
                    .and_then(|h| match h.kind {
                        LexKind::Igo(g) => Some(self.igo_actor(g)),
                        _ => None,
                    })
            };
            if let Some(mut a) = body {
                if country.is_none() && !former {
                    a.name = doc.slice(toks[i].start, toks[i + n - 1].end).to_string();
                    return Some(a);
                }
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
                        if country.is_none() && !destination(toks, k, h.len) {
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

    /// Remembers a person by full name and surname for later mentions in the article.
    fn register(&self, people: &mut ArticleMemory, name: &[Token], actor: &Actor) {
        people.by_name.insert(join_lower(name), actor.clone());
        // the surname alone names the person later: the last word, or the first in East Asian order ("Park"
        // for "Park Geun-hye")
        if let (Some(first), Some(last)) = (name.first(), name.last()) {
            if name.len() > 1 {
                for w in [last, first] {
                    people
                        .by_name
                        .entry(w.lower.clone())
                        .or_insert_with(|| actor.clone());
                }
            }
        }
        people.last = Some(actor.clone());
    }
}

impl ArticleMemory {
    /// Remembers what a mention tells later ones: a body's name, a sector's country, a thing "it" can be.
    fn remember(&mut self, m: &ActorMention, sentence: usize) {
        let a = &m.actor;
        let person = m.evidence.contains("person")
            || m.evidence.starts_with("role")
            || m.evidence.contains("apposition")
            || m.evidence == "coref:pronoun"
            || m.evidence == "coref:name";
        if a.code.starts_with("IGO") && !person && m.evidence != "coref:body" {
            let key = format!("{} {}", a.name.to_lowercase(), m.text.to_lowercase());
            self.bodies.push((key, a.clone()));
        }
        let armed = a
            .sector
            .as_deref()
            .is_some_and(|s| ARMED_SECTORS.contains(&s));
        if let (Some(sector), Some(c), false, true) = (
            &a.sector,
            &a.country,
            m.evidence.contains("country: "),
            armed,
        ) {
            self.sector_country.insert(sector.clone(), c.clone());
        }
        if !person {
            self.last_thing = Some((a.clone(), sentence));
        } else if self
            .first_person
            .as_ref()
            .is_none_or(|(s, _)| *s != sentence)
        {
            self.first_person = Some((sentence, a.clone()));
        }
        if let (Some(c), false) = (&a.country, m.evidence.contains("country: ")) {
            self.countries.retain(|x| x != c);
            self.countries.push(c.clone());
        }
    }

    /// The two countries named last, the latest first.
    fn pair(&self) -> Option<(&str, &str)> {
        match self.countries.as_slice() {
            [.., a, b] => Some((b.as_str(), a.as_str())),
            _ => None,
        }
    }

    /// The body a definite noun ("agency", "bloc") refers back to.
    fn body_for(&self, noun: &str) -> Option<Actor> {
        let &(_, generic) = BODY_NOUNS.iter().find(|(n, _)| *n == noun)?;
        let named = self
            .bodies
            .iter()
            .rev()
            .find(|(key, _)| key.split(' ').any(|w| w == noun));
        match named {
            Some((_, a)) => Some(a.clone()),
            None if generic => self.bodies.last().map(|(_, a)| a.clone()),
            None => None,
        }
    }
}

/// Whether the country word at `toks[k..k + len]` names where a role is held, not whose it is: the object of
/// "to", "in", "on", "at", "toward(s)", "against", "over", "with" or "for" ("the former special envoy to Ukraine",
/// "an expert on Russia", "the ambassador in Kyiv"). A possessive keeps it the holder's country ("a spokesman for
/// Russia's foreign ministry").
fn destination(toks: &[Token], k: usize, len: usize) -> bool {
    let prev = match k.checked_sub(1).map(|p| toks[p].lower.as_str()) {
        Some("the") => k.checked_sub(2).map(|p| toks[p].lower.as_str()),
        other => other,
    };
    let possessive = toks
        .get(k + len)
        .is_some_and(|t| t.lower == "'s" || t.lower == "’s");
    matches!(
        prev,
        Some(
            "to" | "in" | "on" | "at" | "toward" | "towards" | "against" | "over" | "with" | "for"
        )
    ) && !possessive
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

/// Whether `[start, end)` lies inside a person's name the recogniser found ("Valeska Paris"): no country there.
fn in_person(doc: &Document, start: usize, end: usize) -> bool {
    let k = doc.entities.partition_point(|e| e.end <= start);
    doc.entities[k..]
        .iter()
        .take_while(|e| e.start <= start)
        .any(|e| e.label == "PER" && end <= e.end)
}

/// Whether a US party-state marker ("R-Neb.", "D-Calif.", "I-Vt.") follows within the few tokens after `end`
/// (past the person's name and a comma or parenthesis).
fn us_congress_marker(toks: &[Token], end: usize) -> bool {
    toks[end.min(toks.len())..(end + 6).min(toks.len())]
        .iter()
        .any(|t| {
            let w = t.lower.as_str();
            ["r-", "d-", "i-"].iter().any(|p| {
                w.strip_prefix(p)
                    .is_some_and(|st| st.len() >= 2 && st.chars().all(|c| c.is_ascii_lowercase()))
            })
        })
}
