//! The article's memory and the mentions that refer back through it: "the agency" or "the bloc" (a body named
//! before), "the two sides" (the two countries named last), "it" (the last body, group or country), "he"/"she"
//! (the first person of the latest sentence naming one), a surname or a title ("the crown prince") of a person
//! named before.

use super::*;

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
    ("authority", false),
    ("ministry", false),
    ("department", false),
    ("administration", false),
    ("directorate", false),
    ("bureau", false),
    ("inspectorate", false),
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
pub(super) struct ArticleMemory {
    pub(super) by_name: HashMap<String, Actor>,
    pub(super) last: Option<Actor>,
    /// Armed sector code → the country it was last named with ("Russian troops" ... "the troops").
    pub(super) sector_country: HashMap<String, String>,
    /// International bodies named so far (lowercase name and surface, actor), latest last.
    pub(super) bodies: Vec<(String, Actor)>,
    /// Every country the article names, by a word or a place (indices into the countries).
    pub(super) named_countries: std::collections::HashSet<usize>,
    /// The last actor that is not a person, with its sentence: what "it" can refer to.
    pub(super) last_thing: Option<(Actor, usize)>,
    /// Countries named so far, the latest last, each once: what "the two sides" refers to.
    pub(super) countries: Vec<String>,
    /// The first person named in the latest sentence that names one, with that sentence: what "he" or "she"
    /// refers to (the subject of the sentence before, or the one named earlier in the same sentence).
    pub(super) first_person: Option<(usize, Actor)>,
    /// The country whose towns and regions the article names most (two at least): where its police, courts,
    /// hospitals and schools are, when no country is named with them.
    pub(super) local_country: Option<usize>,
    /// Title → the person last named with it ("Saudi Crown Prince Mohammed bin Salman"): who "the crown
    /// prince" is later in the article.
    pub(super) titles: HashMap<String, Actor>,
}

impl ArticleMemory {
    /// Remembers what a mention tells later ones: a body's name, a sector's country, a thing "it" can be.
    pub(super) fn remember(&mut self, m: &ActorMention, sentence: usize) {
        let a = &m.actor;
        let person = m.evidence.contains("person")
            || m.evidence.starts_with("role")
            || m.evidence.contains("apposition")
            || m.evidence == "coref:pronoun"
            || m.evidence == "coref:name"
            || m.evidence == "coref:office-holder";
        // (and a country's body named in full: "the Norwegian Food Safety Authority" is "the authority" later)
        // (or by its country's name and its noun: "China's commerce ministry" is "the ministry" later)
        let body_noun = m
            .text
            .rsplit(' ')
            .next()
            .is_some_and(|w| BODY_NOUNS.iter().any(|(n, _)| w.eq_ignore_ascii_case(n)));
        let national_body =
            m.evidence == "country+body" || m.evidence == "country+sector" && body_noun;
        if (a.code.starts_with("IGO") || national_body) && !person && m.evidence != "coref:body" {
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
    pub(super) fn pair(&self) -> Option<(&str, &str)> {
        match self.countries.as_slice() {
            [.., a, b] => Some((b.as_str(), a.as_str())),
            _ => None,
        }
    }

    /// The body named before whose name holds both `noun` and `field` ("ministry", "commerce"): what "the
    /// Ministry of Commerce" refers back to.
    pub(super) fn body_by_field(&self, noun: &str, field: &str) -> Option<Actor> {
        BODY_NOUNS.iter().find(|(n, _)| *n == noun)?;
        self.bodies
            .iter()
            .rev()
            .find(|(key, _)| {
                let mut words = key.split(' ');
                words.clone().any(|w| w == noun) && words.any(|w| w == field)
            })
            .map(|(_, a)| a.clone())
    }

    /// The body a definite noun ("agency", "bloc") refers back to.
    pub(super) fn body_for(&self, noun: &str) -> Option<Actor> {
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

impl ActorTagger<'_> {
    /// Remembers a person by full name and surname for later mentions in the article.
    pub(super) fn register(&self, people: &mut ArticleMemory, name: &[Token], actor: &Actor) {
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

    /// "the agency", "the two sides", "it": a body, the pair of countries or the thing named before.
    pub(super) fn referring_back(
        &self,
        at: At<'_>,
        sentence: usize,
        people: &ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        // "the agency", "the bloc": a body named before
        let igo_at = |k: usize| {
            k < toks.len()
                && self
                    .lex_at(doc, toks, k, |kind| matches!(kind, LexKind::Igo(_)))
                    .is_some()
        };
        // (not a body named anew: "the Ministry of Foreign Affairs of Nepal")
        let named_anew = toks.get(i + 2).is_some_and(|w| w.lower == "of")
            && toks.get(i + 3).is_some_and(|w| w.capitalized);
        if t.lower == "the" && !igo_at(i) && !igo_at(i + 1) && !named_anew {
            if let Some(a) = toks.get(i + 1).and_then(|n| people.body_for(&n.lower)) {
                return Some(self.mention(doc, toks, i, 2, a, "coref:body"));
            }
        }
        // "the pope": the one holder of the Holy See's office on the article's day
        if t.lower == "the" && toks.get(i + 1).is_some_and(|n| n.lower == "pope") {
            let holder = doc.meta.date.and_then(|d| {
                self.k
                    .people
                    .iter()
                    .position(|p| p.tenures.iter().any(|t| t.role == "pope" && t.valid_on(d)))
            });
            if let Some(p) = holder {
                let (actor, _) = self.person_actor(p, doc.meta.date);
                return Some(self.mention(doc, toks, i, 2, actor, "coref:office-holder"));
            }
        }
        // "the Ministry of Commerce" after "China's commerce ministry": a body named before by its noun and its
        // field (not when a country follows: "the Ministry of Health of Nepal")
        if t.lower == "the" && named_anew {
            let mut end = i + 4;
            while end + 1 < toks.len()
                && matches!(toks[end].lower.as_str(), "and" | "&")
                && toks[end + 1].capitalized
            {
                end += 2;
            }
            let of_country = toks.get(end).is_some_and(|w| w.lower == "of");
            let (noun, field) = (&toks[i + 1].lower, &toks[i + 3].lower);
            if !of_country {
                if let Some(a) = people.body_by_field(noun, field) {
                    return Some(self.mention(doc, toks, i, end - i, a, "coref:body"));
                }
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
        None
    }

    /// "he", "she": the first person of the latest sentence that names one, else the last person named.
    pub(super) fn pronoun(
        &self,
        at: At<'_>,
        people: &ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let a = match &people.first_person {
            Some((_, a)) => a.clone(),
            None => people.last.clone()?,
        };
        Some(self.mention(doc, toks, i, 1, a, "coref:pronoun"))
    }

    /// A person named before, by full name or surname.
    pub(super) fn named_before(
        &self,
        at: At<'_>,
        people: &mut ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let t = &toks[i];
        if t.capitalized {
            for len in (1..=3.min(toks.len() - i)).rev() {
                if let Some(a) = people.by_name.get(&join_lower(&toks[i..i + len])) {
                    let a = a.clone();
                    people.last = Some(a.clone());
                    return Some(self.mention(doc, toks, i, len, a, "coref:name"));
                }
            }
        }
        None
    }

    /// A title with no name and no country ("the crown prince"): the person last named with it.
    pub(super) fn title_named_before(
        &self,
        at: At<'_>,
        head: Head,
        people: &ArticleMemory,
    ) -> Option<(usize, ActorMention)> {
        let At { doc, toks, i } = at;
        let Head { j, former, country } = head;
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
        None
    }
}
