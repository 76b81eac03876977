//! The rest of an event's ACLED coding, once the event is whole: the ACLED actor types of its source and target,
//! their interaction, the fatalities as ACLED counts them, the time and geo precision — by the conventions of
//! `data/ontology/acled-conventions.tsv` (`Knowledge::acled`).

use petrel_core::event::{acled_interaction, Acled};
use petrel_core::{CountKind, DatePrecision, Document, Event, EventActor};
use petrel_knowledge::ontology::acled_disorder_type;
use petrel_knowledge::Knowledge;

/// Words of death after a vague amount ("many were killed", "several people dead").
const DEATHS: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "fatalities",
    "slain",
    "lives",
    "bodies",
    "perished",
];
/// Words of injury right after an amount ("and 20 injured").
const INJURED: &[&str] = &[
    "injured",
    "wounded",
    "hurt",
    "injuries",
    "hospitalized",
    "hospitalised",
];
/// Words of killing before a vague amount ("killing dozens").
const KILLING: &[&str] = &["killing", "killed", "kill", "killings"];
/// Word beginnings of a killing told with the trigger besides those of `attributes::KILLING_STEMS` ("shot dead
/// the commander", "stabbed to death", "lynched").
const KILLED_ALSO: &[&str] = &["dead", "death", "fatally", "lynch"];
/// How far from the trigger a vague amount of dead is looked for, in tokens.
const VAGUE_WINDOW: usize = 8;

/// Fills in the ACLED coding of every event that has an ACLED type: actor types, interaction, fatalities, time
/// and geo precision, by the conventions of `k.acled`.
pub(crate) fn complete(k: &Knowledge, doc: &Document, events: &mut [Event]) {
    met_an_intervention(events);
    for e in events.iter_mut() {
        let Some(a) = e.acled.take() else {
            continue;
        };
        let c = Coding { k, doc, e, a: &a };
        let inter1 = c.inter1();
        let inter2 = c.inter2(inter1);
        let filled = Acled {
            inter1,
            inter2,
            interaction: acled_interaction(inter1, inter2),
            fatalities: c.fatalities(),
            time_precision: c.time_precision(),
            geo_precision: c.geo_precision(),
            ..a.clone()
        };
        e.acled = Some(filled);
    }
}

/// A protest told as peaceful, then met by the authorities in the same or the next sentence ("Hundreds
/// demonstrated in Minsk against the results. Police dispersed the protest and detained dozens."), is one ACLED
/// event: the protest with that intervention (or excessive force).
fn met_an_intervention(events: &mut [Event]) {
    let met = |e: &Event| {
        e.acled.as_ref().and_then(|a| {
            matches!(
                a.sub_event_type.as_str(),
                "Protest with intervention" | "Excessive force against protesters"
            )
            .then(|| a.clone())
        })
    };
    for i in 0..events.len() {
        let peaceful = events[i]
            .acled
            .as_ref()
            .is_some_and(|a| a.sub_event_type == "Peaceful protest");
        if !peaceful {
            continue;
        }
        let sentence = events[i].sentence;
        let answer = events[i + 1..]
            .iter()
            .take_while(|e| e.sentence <= sentence + 1)
            .find_map(met);
        if let (Some(a), Some(own)) = (answer, events[i].acled.as_mut()) {
            own.event_type = a.event_type;
            own.sub_event_type = a.sub_event_type;
        }
    }
}

/// One event being given its ACLED coding.
struct Coding<'a> {
    k: &'a Knowledge,
    doc: &'a Document,
    e: &'a Event,
    a: &'a Acled,
}

/// An actor the coder implied whose only identity is a country ("unnamed attackers in the country where it
/// happened", an act aimed at a country).
fn implicit_country(a: &EventActor) -> bool {
    a.text.is_empty() && a.actor.sector.is_none()
}

impl Coding<'_> {
    /// Political violence: battles, explosions and remote violence, violence against civilians.
    fn political_violence(&self) -> bool {
        acled_disorder_type(&self.a.event_type) == Some("Political violence")
    }

    /// Actor 1's type: an unnamed attacker's; else the actor's own (using force when it is the source of political
    /// violence); unarmed people acting in a protest or a riot are protesters or rioters.
    fn inter1(&self) -> Option<u8> {
        let s = self
            .e
            .source
            .as_ref()
            .filter(|s| !s.actor.code.is_empty())?;
        let conv = &self.k.acled;
        let force = self.political_violence();
        if force && implicit_country(s) {
            return conv.unnamed_attacker();
        }
        let t = self.actor_type(s, force)?;
        Some(match conv.crowd(&self.a.event_type) {
            Some(crowd) if matches!(t, 5..=7) => crowd,
            _ => t,
        })
    }

    /// Actor 2's type: the event type's own (violence against civilians is against civilians; a peaceful protest
    /// has no actor 2), unless actor 1 already is of that type; an implied country is none; else the actor's own
    /// (either side of a battle uses force, though unarmed people there stay civilians unless an identity word
    /// makes them a militia), and civilians that protesters or rioters are not facing themselves are the crowd
    /// force is used against.
    fn inter2(&self, inter1: Option<u8>) -> Option<u8> {
        let conv = &self.k.acled;
        let target = self.e.target.as_ref().filter(|t| !t.actor.code.is_empty());
        match conv.target(&self.a.event_type, &self.a.sub_event_type) {
            Some(None) => return None,
            Some(Some(t)) if inter1 != Some(t) => return Some(t),
            _ => {}
        }
        let target = target?;
        if implicit_country(target) {
            return conv.unnamed_target();
        }
        // (the other side of a battle fights too; but unarmed people on it are civilians, not rioters: the battle
        // may be the coder's reading of an attack on them)
        let mut t = self.actor_type(target, self.a.event_type == "Battles")?;
        if t == 5 && self.a.event_type == "Battles" {
            t = self.actor_type(target, false)?;
        }
        Some(match conv.crowd(&self.a.event_type) {
            Some(crowd) if t == 7 && inter1 != Some(crowd) => crowd,
            _ => t,
        })
    }

    /// An actor's type by its name, else its sector (`force`: as it uses force); a political militia or rioters
    /// named with an identity word (or a mercenary's) take that word's type; a state's forces outside their
    /// country are external forces.
    fn actor_type(&self, a: &EventActor, force: bool) -> Option<u8> {
        let conv = &self.k.acled;
        if let Some(t) = conv.name(&a.actor.name) {
            return Some(t);
        }
        let sector = self.sector_key(a);
        let st = conv.sector(sector)?;
        let mut t = if force { st.armed } else { st.inter };
        if matches!(t, 3 | 5) {
            if let Some(w) = self.word_type(a) {
                t = w;
            }
        }
        if t == 1 && !conv.at_home(&self.a.event_type, &self.a.sub_event_type) && self.abroad(a) {
            if let Some(x) = conv.abroad(sector) {
                t = x;
            }
        }
        Some(t)
    }

    /// The conventions' key of an actor's sector: its CAMEO sector; `-` for a country named as an actor (its name is
    /// the country's); `?` for an actor known only by its country (a person or group the dictionaries do not know).
    fn sector_key<'e>(&self, a: &'e EventActor) -> &'e str {
        if let Some(s) = a.actor.sector.as_deref() {
            return s;
        }
        let country = a.actor.country.as_deref().and_then(|c| self.k.country(c));
        if country.is_some_and(|c| c.name == a.actor.name) || a.text.is_empty() {
            "-"
        } else {
            "?"
        }
    }

    /// The type a conventions word gives an actor: a word of its mention or one of the two words right before it
    /// ("clan militiamen", "Fulani gunmen").
    fn word_type(&self, a: &EventActor) -> Option<u8> {
        if a.text.is_empty() {
            return None;
        }
        // (the mention's own sentence: an actor named before and referred to is read where it was named)
        let si = self.doc.sentences.partition_point(|s| s.end <= a.start);
        if si >= self.doc.sentences.len() {
            return None;
        }
        let toks = self.doc.sentence_tokens(si);
        let first = toks.partition_point(|t| t.start < a.start);
        let before = toks[..first]
            .iter()
            .rev()
            .take(2)
            .take_while(|t| t.lower.chars().any(char::is_alphanumeric))
            .collect::<Vec<_>>();
        let mut window = String::from(" ");
        for t in before
            .iter()
            .rev()
            .copied()
            .chain(toks[first..].iter().take_while(|t| t.end <= a.end))
        {
            window.push_str(&t.lower);
            window.push(' ');
        }
        self.k
            .acled
            .words()
            .find(|(w, _)| window.contains(&format!(" {w} ")))
            .map(|(_, t)| t)
    }

    /// Whether an actor of a country acts outside it (the event's place is in another country).
    fn abroad(&self, a: &EventActor) -> bool {
        let (Some(own), Some(place)) = (&a.actor.country, &self.e.location) else {
            return false;
        };
        self.k
            .countries
            .iter()
            .find(|c| c.iso2 == place.country)
            .is_some_and(|c| c.iso3 != *own)
    }

    /// People killed: the event's killed counts summed (the sides listed are summed by the coder), a vague amount
    /// at ACLED's figure; else a vague amount of dead near the trigger that the count tagger does not read ("many
    /// were killed"); else the people a killing is done to, named one by one ("shot dead the commander"); else 0.
    /// Never the injured.
    fn fatalities(&self) -> u64 {
        let conv = &self.k.acled;
        let mut killed = self
            .e
            .counts
            .iter()
            .filter(|c| c.kind == CountKind::Killed)
            .peekable();
        if killed.peek().is_some() {
            return killed
                .map(|c| {
                    let stated = if c.min == c.max {
                        c.min
                    } else {
                        conv.vague(&c.text).unwrap_or(c.min)
                    };
                    stated.saturating_sub(self.injured_within(c.start, c.end))
                })
                .fold(0u64, u64::saturating_add);
        }
        let Some((ts, te)) = self.trigger_tokens() else {
            return 0;
        };
        self.vague_dead(ts, te)
            .or_else(|| self.named_dead(ts, te))
            .unwrap_or(0)
    }

    /// The amounts inside a killed count that the text says are of injured people ("10 people were killed and 20
    /// injured": the 20), which are no fatalities.
    fn injured_within(&self, start: usize, end: usize) -> u64 {
        let toks = &self.doc.tokens;
        self.doc
            .counts
            .iter()
            .filter(|p| p.kind == CountKind::Killed && p.start >= start && p.end <= end)
            .filter(|p| {
                let next = toks.partition_point(|t| t.start < p.end);
                toks[next..(next + 3).min(toks.len())]
                    .iter()
                    .map(|t| t.lower.as_str())
                    .take_while(|w| !DEATHS.contains(w))
                    .any(|w| INJURED.contains(&w))
            })
            .map(|p| p.min)
            .fold(0u64, u64::saturating_add)
    }

    /// The trigger's tokens, as indices into its sentence's tokens.
    fn trigger_tokens(&self) -> Option<(usize, usize)> {
        let toks = self.doc.sentence_tokens(self.e.sentence);
        let ts = toks.partition_point(|t| t.start < self.e.trigger.start);
        let te = toks.partition_point(|t| t.start < self.e.trigger.end);
        (ts < te).then_some((ts, te))
    }

    /// A one-word vague amount of dead near the trigger that no count covers: "many were killed", "killing
    /// several".
    fn vague_dead(&self, ts: usize, te: usize) -> Option<u64> {
        let conv = &self.k.acled;
        let toks = self.doc.sentence_tokens(self.e.sentence);
        let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let from = ts.saturating_sub(VAGUE_WINDOW);
        let to = (te + VAGUE_WINDOW).min(toks.len());
        (from..to).find_map(|i| {
            let word = lowers[i];
            if !conv.vague_words().any(|w| w == word) {
                return None;
            }
            let counted = self
                .doc
                .counts
                .iter()
                .any(|c| c.start <= toks[i].start && toks[i].start < c.end);
            let after = lowers[i + 1..(i + 4).min(lowers.len())]
                .iter()
                .any(|w| DEATHS.contains(w));
            let before = lowers[i.saturating_sub(2)..i]
                .iter()
                .any(|w| KILLING.contains(w));
            (!counted && (after || before))
                .then(|| conv.vague(word))
                .flatten()
        })
    }

    /// The people a killing told by the trigger (and the words right after it: "shot dead", "beaten to death") is
    /// done to, when the parse names them one by one.
    fn named_dead(&self, ts: usize, te: usize) -> Option<u64> {
        let toks = self.doc.sentence_tokens(self.e.sentence);
        let told = toks[ts..(te + 3).min(toks.len())].iter().any(|t| {
            crate::attributes::KILLING_STEMS
                .iter()
                .chain(KILLED_ALSO)
                .any(|k| t.lower.starts_with(k))
        });
        if !told {
            return None;
        }
        let tree = crate::roles::Tree::new(self.doc, self.e.sentence)?;
        crate::roles::victims(&tree, ts, te)
    }

    /// ACLED's time precision of the event's date precision.
    fn time_precision(&self) -> Option<u8> {
        let p = match self.e.date_precision? {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        };
        self.k.acled.time_precision(p)
    }

    /// ACLED's geo precision of the kind of the event's place (the place mention's, else the gazetteer's).
    fn geo_precision(&self) -> Option<u8> {
        let l = self.e.location.as_ref()?;
        let kind = self
            .doc
            .places
            .iter()
            .find(|p| p.geonameid == l.geonameid)
            .map(|p| p.kind.as_str())
            .or_else(|| self.k.gazetteer.by_id(l.geonameid).map(|p| p.kind.as_str()))?;
        self.k.acled.geo_precision(kind)
    }
}
