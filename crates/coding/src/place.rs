//! The place of a coded event: the nearest place the sentence names, passing over names that say whose rather
//! than where ("a Russia-led alliance", "US commanders", a list of member countries); else the dateline's town
//! or the town the article names most; a government's words, decisions and deals are made in its capital.

use crate::coder::context::SentenceCx;
use crate::coder::implicit::CauseDayAndPlace;
use crate::coder::*;
use petrel_core::{starting_in, Document, EventActor, Location, PlaceMention};
use petrel_knowledge::{Place, PlaceKind};

impl EventCoder<'_> {
    /// The nearest place of the sentence (regions and cities before countries, not the name of the source or of
    /// the co-sources at `co_sources`), else the focus country.
    pub(crate) fn event_location(
        &self,
        cx: &SentenceCx<'_>,
        at: usize,
        source: Option<&EventActor>,
        co_sources: &[(usize, usize)],
    ) -> Option<Location> {
        let (doc, sent, focus, filed) = (cx.doc, cx.sent, cx.focus, cx.filed);
        let (s, e) = (sent.start, sent.end);
        // the source's own country ("Kazakhstan's police") says who, not where; a place after it ("police in
        // central Nairobi") says where
        // (nor is another source's: "troops arrived alongside units from Armenia and Tajikistan")
        let in_source = |p: &&PlaceMention| {
            source.is_some_and(|a| p.start == a.start && p.end <= a.end)
                || co_sources.iter().any(|&(a, b)| p.start == a && p.end <= b)
        };
        let source_iso2 = source
            .and_then(|a| a.actor.country.as_deref())
            .and_then(|c| self.k.country(c))
            .map(|c| c.iso2.as_str());
        let (lo, hi) = (
            at.saturating_sub(NEAR_CHARS).max(s),
            (at + NEAR_CHARS).min(e),
        );
        let best = starting_in(&doc.places, lo, hi, |p| p.start)
            .iter()
            .filter(|p| p.end <= e && p.start >= filed)
            .filter(|p| !in_source(p))
            // a dateline ("WASHINGTON --") says where the story was filed, not where the event happened
            .filter(|p| {
                !(p.start == s && doc.slice(p.start, p.end).chars().all(|c| !c.is_lowercase()))
            })
            // a continent ("Central Asia") is too coarse to place an event: the focus country does better
            .filter(|p| p.kind != "continent")
            // "a Russia-led alliance", "a London-based group": whose ally or home an actor is, not where it acts
            .filter(|p| !is_affiliation(doc, p))
            // a country in a list of three or more ("made up of Russia, Belarus, Kazakhstan and Armenia") names
            // members or parties, not the place of the event
            .filter(|p| !(p.kind == "country" && in_enumeration(doc, p)))
            // nor does another country than the source's that modifies a noun: "talks with local US commanders",
            // "a call to Russian leader Vladimir Putin", "waving Korean and US flags" say whose (the source's
            // own, "the Egyptian government has ordered", is where it acts; and for a body of no country, the
            // country it names is the best guess of where it acts)
            .filter(|p| {
                !(p.kind == "country"
                    && source_iso2.is_some_and(|c| c != p.country)
                    && modifies_a_noun(doc, p))
            })
            .min_by_key(|p| (p.kind == "country", p.start.abs_diff(at)));
        if let Some(p) = best {
            return Some(place_location(p, "sentence"));
        }
        let c = &self.k.countries[focus?];
        // a dateline city in the article's own country is where local news happens ("NAIROBI, June 26 -
        // ... police detained"); one abroad ("WASHINGTON --" on Kazakhstan) is only where it was filed
        let dateline_city = doc.places[..doc.places.partition_point(|p| p.start < filed)]
            .iter()
            .find(|p| p.kind != "country" && p.country == c.iso2);
        if let Some(p) = dateline_city {
            return Some(place_location(p, "dateline"));
        }
        if let Some(p) = article_town(doc, &c.iso2, filed) {
            return Some(place_location(p, "article"));
        }
        let p = self
            .k
            .gazetteer
            .country(&c.iso2)
            .filter(|p| p.kind == PlaceKind::Country)?;
        Some(gazetteer_location(p, "document"))
    }

    /// The place of an event of code `code` by `source` whose trigger starts at offset `at`: the nearest place
    /// of the sentence (`event_location`); with none, or only a whole country, a government speaks and decides
    /// in its capital (`capital_of`); casualties of the violence told before (`cause`) happened where it did.
    pub(crate) fn event_place(
        &self,
        cx: &SentenceCx<'_>,
        code: &str,
        source: Option<&EventActor>,
        co_sources: &[(usize, usize)],
        cause: Option<&CauseDayAndPlace>,
        at: usize,
    ) -> Option<Location> {
        let location = self.event_location(cx, at, source, co_sources);
        // no place in the sentence: a government speaks and decides in its capital
        // (so does one whose sentence only names its own country: "China's commerce ministry said")
        let own_country = |l: &Location| {
            source
                .and_then(|a| a.actor.country.as_deref())
                .and_then(|iso3| self.k.country(iso3))
                .is_some_and(|c| c.iso2 == l.country)
                && self
                    .k
                    .gazetteer
                    .country(&l.country)
                    .is_some_and(|p| p.geonameid == l.geonameid)
        };
        // (and so does one whose words name another country as a whole: "Trump threatened tariffs on imports
        // from China" was said in Washington, not in China; a meeting or visit happens where it is told)
        let other_country = |l: &Location| {
            l.basis == "sentence"
                && !code.starts_with("04")
                && self
                    .k
                    .gazetteer
                    .country(&l.country)
                    .is_some_and(|p| p.geonameid == l.geonameid)
        };
        let location = match location {
            Some(l)
                if !matches!(l.basis.as_str(), "document" | "article")
                    && !own_country(&l)
                    && !other_country(&l) =>
            {
                Some(l)
            }
            l => self.capital_of(code, source).or(l),
        };
        // casualties of the violence told before happened where it did, when their sentence names no
        // place
        match (location, cause.and_then(|(_, l)| l.clone())) {
            (Some(l), Some(c))
                if matches!(l.basis.as_str(), "document" | "article" | "capital") =>
            {
                Some(c)
            }
            (None, Some(c)) => Some(c),
            (l, _) => l,
        }
    }
}

impl EventCoder<'_> {
    /// Where a government speaks or acts when the sentence names no place: the capital of its country
    /// ("Beijing announced duties", "the Malaysian government ordered"). Only for a country's government,
    /// legislature or courts, or the country itself as actor, and only for words, decisions and deals (CAMEO
    /// 01–06, 10–13, 16, 17; "approved the sale of artillery to Saudi Arabia" is decided at home): aid, force,
    /// protest and deployments happen elsewhere.
    pub(crate) fn capital_of(&self, code: &str, source: Option<&EventActor>) -> Option<Location> {
        if !matches!(
            &code[..2],
            "01" | "02" | "03" | "04" | "05" | "06" | "10" | "11" | "12" | "13" | "16" | "17"
        ) {
            return None;
        }
        let a = &source?.actor;
        let iso3 = a.country.as_deref()?;
        let country = self.k.country(iso3)?;
        let official = match a.sector.as_deref() {
            Some(s) => matches!(s, "GOV" | "LEG" | "JUD"),
            None => a.name == country.name,
        };
        if !official {
            return None;
        }
        // the city itself (not the region of the same name, "Moscow" the oblast), named as the capital is
        // ("New Delhi", not the larger "Delhi" that lists it as another name)
        let capital = country.capital.as_deref()?;
        let key = petrel_knowledge::phrase_key(capital);
        let p = self
            .k
            .gazetteer
            .lookup(&key)
            .filter(|p| p.country == country.iso2 && p.kind == PlaceKind::City)
            .max_by_key(|p| (p.name.eq_ignore_ascii_case(capital), p.population))?;
        Some(gazetteer_location(p, "capital"))
    }
}

/// How far (in code points) a place may be from its event's trigger.
pub(crate) const NEAR_CHARS: usize = 400;

/// What a place name followed by a hyphen says of an actor rather than of where something happens.
pub(crate) const AFFILIATIONS: &[&str] = &[
    "led",
    "backed",
    "based",
    "brokered",
    "sponsored",
    "allied",
    "aligned",
    "funded",
    "supported",
    "friendly",
    "leaning",
    "linked",
    "installed",
];

/// Whether the place mention is the first part of an affiliation compound ("Russia-led", "Iranian-backed").
pub(crate) fn is_affiliation(doc: &Document, p: &PlaceMention) -> bool {
    let after = doc.slice(p.end, (p.end + 16).min(doc.char_len()));
    let Some(rest) = after.strip_prefix('-') else {
        return false;
    };
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    AFFILIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether a place mention modifies the noun after it ("US commanders", "Russian leader", "the Mexico border",
/// "Britain's ambassador"): a name or an adjective before a noun, an adjective or a possessive ending, not a day
/// ("attacks in Syria Monday") nor a noun for the land itself ("on French territory").
pub(crate) fn modifies_a_noun(doc: &Document, p: &PlaceMention) -> bool {
    let k = doc.tokens.partition_point(|t| t.start < p.end);
    let Some(next) = doc.tokens.get(k) else {
        return false;
    };
    if matches!(next.lower.as_str(), "'s" | "’s") {
        return true;
    }
    if doc.dates.iter().any(|d| d.start == next.start) {
        return false;
    }
    // (a noun for the land itself names the place: "on French territory", "in Syrian airspace")
    if matches!(
        next.lower.as_str(),
        "territory"
            | "territories"
            | "soil"
            | "airspace"
            | "waters"
            | "coast"
            | "mainland"
            | "countryside"
    ) {
        return false;
    }
    doc.syntax.len() == doc.tokens.len()
        && matches!(doc.syntax[k].upos.as_str(), "NOUN" | "PROPN" | "ADJ")
}

/// Whether the place mention is one of three or more places listed together ("A, B, C and D"): each joined to
/// the next by a comma, "and" or "or" and nothing else.
pub(crate) fn in_enumeration(doc: &Document, p: &PlaceMention) -> bool {
    let places = &doc.places;
    let Some(i) = places
        .iter()
        .position(|q| q.start == p.start && q.end == p.end)
    else {
        return false;
    };
    let joined = |a: &PlaceMention, b: &PlaceMention| {
        b.start >= a.end && {
            let gap = doc.slice(a.end, b.start).trim();
            matches!(gap, "," | "and" | "or" | ", and" | ", or" | "&")
        }
    };
    let mut first = i;
    while first > 0 && joined(&places[first - 1], &places[first]) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < places.len() && joined(&places[last], &places[last + 1]) {
        last += 1;
    }
    last - first + 1 >= 3
}

/// An event's place from a gazetteer entry (a country, a capital), with how it was chosen.
fn gazetteer_location(p: &Place, basis: &str) -> Location {
    Location {
        name: p.name.clone(),
        geonameid: p.geonameid,
        lat: p.lat,
        lon: p.lon,
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        basis: basis.into(),
    }
}

/// The town an article is about: the city of the focus country (`iso2`) it names most often, the first named
/// on a tie ("Baghdad" in a story on bombings in Iraq). Events told in sentences that name no place are
/// placed there rather than at the country's centre (a government's words still go to its capital). Measured
/// on real news: places found 55.4 -> 69.2 % on the tuned articles, 44.4 -> 77.8 % on held-out WikiNews.
fn article_town<'d>(doc: &'d Document, iso2: &str, filed: usize) -> Option<&'d PlaceMention> {
    let mut counts: Vec<(&PlaceMention, usize)> = Vec::new();
    for p in doc.places.iter().filter(|p| {
        p.start >= filed && p.kind == "city" && p.country == iso2 && !is_affiliation(doc, p)
    }) {
        match counts.iter_mut().find(|(q, _)| q.geonameid == p.geonameid) {
            Some((_, n)) => *n += 1,
            None => counts.push((p, 1)),
        }
    }
    // (max_by_key keeps the last of equals: reverse so the first named wins a tie)
    counts
        .into_iter()
        .rev()
        .filter(|(_, n)| *n >= MIN_TOWN_MENTIONS)
        .max_by_key(|(_, n)| *n)
        .map(|(p, _)| p)
}

/// How often a town must be named to be the article's town (2 found fewer gold places on every set).
const MIN_TOWN_MENTIONS: usize = 1;

/// An event's place from a place mention of the text, with how it was chosen.
pub(crate) fn place_location(p: &PlaceMention, basis: &str) -> Location {
    Location {
        name: p.name.clone(),
        geonameid: p.geonameid,
        lat: p.lat,
        lon: p.lon,
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        basis: basis.into(),
    }
}
