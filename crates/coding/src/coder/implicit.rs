//! Actors from context, where the clause names none: an earlier event's source as the target (an object naming
//! that event, the holder a release is asked of, the accuser a denial answers), the quoted speaker, the focus
//! country's police, courts and protesters, the actors of the violence told just before, unnamed attackers in
//! the country where force was used; and, per source once the rest is known, the one foreign actor of a
//! statement, the country an act with no object is aimed at and the country of an act with no agent.

use super::context::{Clause, Roles, SentenceCx};
use super::form::Form;
use super::{event_actor, implicit_actor, tok_range, EventCoder, Slot};
use petrel_core::{
    Actor, Date, DatePrecision, Document, Event, EventActor, Location, Modality, Quote, Token,
};
use petrel_knowledge::CameoCode;

/// Words before an event noun that make it refer to an event already told ("the attack", "this move").
pub(crate) const EVENT_DETERMINERS: &[&str] = &[
    "the", "this", "these", "that", "those", "its", "their", "such",
];
/// How many sentences back an event noun may find its antecedent.
pub(crate) const ANTECEDENT_SENTENCES: usize = 6;

/// The day (with its precision) and place of the violence that casualties told after it belong to.
pub(crate) type CauseDayAndPlace = (Option<(Date, DatePrecision)>, Option<Location>);

/// What the antecedent phase found: whether the trigger's object names an event, and whether the target came
/// from an earlier event.
pub(crate) struct Antecedents {
    /// An object naming an earlier event ("condemned the attack"): with no target told, none is implied.
    pub(crate) names_event: bool,
    /// The target is an earlier event's source (one's own is no target).
    pub(crate) from_antecedent: bool,
}

impl EventCoder<'_> {
    /// Targets from events told before: "condemned the attack" → the attack's source; "called for her
    /// release" → whoever holds her (the latest arrest); a denial → the accuser (the latest accusation).
    pub(crate) fn antecedents(
        &self,
        cx: &SentenceCx<'_>,
        c: &Clause<'_>,
        form: &Form,
        out: &[Event],
        roles: &mut Roles,
    ) -> Antecedents {
        let (toks, lowers, ts, te, right) = (cx.toks, &cx.lowers, c.ts, c.te, c.right);
        let (entry, si) = (c.entry, cx.si);
        let evidence = &mut roles.evidence;
        let target = &mut roles.target;
        // "condemned the attack": an object naming an earlier event points at that event's source (and when
        // none is told, the target is whoever did it: unknown, not the source's own country)
        let names_event = matches!(c.root(), "10" | "11" | "12" | "13")
            && (ts + 1..(te + 4).min(right).min(lowers.len()))
                .any(|i| self.k.event_nouns.roots(lowers[i]).is_some());
        let mut from_antecedent = false;
        if form.verbal && !form.passive {
            if let Some((at, actor)) =
                self.antecedent_target(cx.doc, toks, lowers, ts, te, right, out)
            {
                if target.as_ref().is_none_or(|t| t.start > at) {
                    evidence.push(format!(
                        "target: source of the earlier event `{}`",
                        lowers[tok_range(toks, at, at + 1).0]
                    ));
                    *target = Some(actor);
                    from_antecedent = true;
                }
            }
        }
        // "called for her release": a release is asked of whoever holds the person — the source of the
        // latest arrest, detention or sentence told before
        if target.is_none() && matches!(entry.code.as_str(), "0253" | "1053") {
            if let Some(h) = earlier_source(out, si, toks[ts].start, "17") {
                evidence.push("target: who holds them (the arrest told before)".into());
                *target = Some(h);
                from_antecedent = true;
            }
        }
        // "a charge that Russia denies": a denial answers the accusation told before — its source
        // (and so does a rejection of accusations: "The WHO rejected the accusations")
        let denial = entry.code == "016"
            || matches!(
                lowers[ts],
                "deny" | "denies" | "denied" | "denying" | "denial" | "denials"
            )
            || entry.code == "120"
                && lowers[ts..te].iter().any(|w| {
                    w.starts_with("accusation")
                        || w.starts_with("allegation")
                        || matches!(*w, "charge" | "charges" | "claim" | "claims")
                });
        if target.is_none() && denial {
            if let Some(a) = earlier_source(out, si, toks[ts].start, "11") {
                evidence.push("target: the accuser (the accusation told before)".into());
                *target = Some(a);
                from_antecedent = true;
            }
        }
        Antecedents {
            names_event,
            from_antecedent,
        }
    }

    /// For an object that names an event ("the attack", "this decision") right after the trigger: the noun's
    /// offset and the source of the latest earlier event it can name, within `ANTECEDENT_SENTENCES`.
    #[allow(clippy::too_many_arguments)]
    fn antecedent_target(
        &self,
        doc: &Document,
        toks: &[Token],
        lowers: &[&str],
        ts: usize,
        te: usize,
        right: usize,
        earlier: &[Event],
    ) -> Option<(usize, EventActor)> {
        let end = (te + 4).min(right).min(lowers.len());
        let i = (ts + 1..end).find(|&i| {
            self.k.event_nouns.roots(lowers[i]).is_some()
                && (lowers[i - 1..i]
                    .iter()
                    .chain(lowers[i.saturating_sub(2).max(ts)..i - 1].iter())
                    .any(|w| EVENT_DETERMINERS.contains(w)))
        })?;
        let at = toks[i].start;
        let trigger_start = toks[ts].start;
        let sentence = doc.sentences.partition_point(|s| s.end <= trigger_start);
        earlier
            .iter()
            .rev()
            .take_while(|e| e.sentence + ANTECEDENT_SENTENCES >= sentence)
            .filter(|e| e.trigger.start < trigger_start)
            .find(|e| e.source.is_some() && self.k.event_nouns.names(lowers[i], &e.cameo))
            .and_then(|e| e.source.clone())
            .map(|a| (at, a))
    }

    /// "300 people were detained": arrests and detentions without an agent are the state's, in the article's
    /// country — its police (a conviction, sentence or indictment its courts': "Shaik was convicted of fraud");
    /// appeals to the public in the passive its authorities'; protests without a source are that country's
    /// civilians.
    pub(crate) fn implicit_state_sources(
        &self,
        cx: &SentenceCx<'_>,
        c: &Clause<'_>,
        form: &Form,
        roles: &mut Roles,
    ) {
        let (lowers, ts, te, entry) = (&cx.lowers, c.ts, c.te, c.entry);
        let passive = form.passive;
        let plover_type = entry.plover_type.clone();
        let judicial = lowers[ts..te].iter().any(|w| {
            [
                "convict", "sentenc", "indict", "prosecut", "guilty", "jail", "acquit", "trial",
            ]
            .iter()
            .any(|stem| w.starts_with(stem))
        }) || lowers[ts..te].iter().any(|w| w.starts_with("charg"));
        let implicit_sector = if passive && entry.code.starts_with("17") && judicial {
            Some((
                "JUD",
                "source: implicit, the focus country's courts (no agent)",
            ))
        } else if passive && entry.code.starts_with("17") {
            Some((
                "COP",
                "source: implicit, the focus country's police (no agent)",
            ))
        } else if passive
            && entry.code.starts_with("02")
            && roles
                .target
                .as_ref()
                .is_none_or(|t| t.actor.country.is_none())
        {
            // "All survivors are urged to leave the city", "people were encouraged to submit designs": an
            // appeal to the public with no one named is its authorities' (to a country's people, "farmers
            // are urged", someone of that country's: `implicit_source`)
            Some((
                "GOV",
                "source: implicit, the focus country's authorities (no agent)",
            ))
        } else if plover_type.as_deref() == Some("PROTEST") {
            Some(("CVL", "source: implicit protesters of the focus country"))
        } else {
            None
        };
        if let (true, Some((sector, why)), Some(f)) =
            (roles.sources.is_empty(), implicit_sector, cx.focus)
        {
            let country = &self.k.countries[f];
            let actor = Actor {
                code: format!("{}{sector}", country.iso3),
                country: Some(country.iso3.clone()),
                sector: Some(sector.into()),
                name: country.name.clone(),
            };
            roles.sources.push(implicit_actor(actor, cx.toks[ts].start));
            roles.evidence.push(why.into());
        }
    }

    /// "a car bomb exploded outside a hotel in Mogadishu": force told as fact with no one named is by unnamed
    /// attackers in the country where it happened, against that country.
    pub(crate) fn unnamed_attackers(
        &self,
        cx: &SentenceCx<'_>,
        c: &Clause<'_>,
        form: &Form,
        modality: Modality,
        roles: &mut Roles,
    ) {
        let (toks, ts, te) = (cx.toks, c.ts, c.te);
        let told_as_fact = matches!(modality, Modality::Asserted | Modality::Reported);
        // (and a killing told in the passive with no agent, "hundreds of rebels had been killed", is theirs too:
        // the coding guide's "source null or the country")
        let passive_victims = form.passive && roles.target.is_some();
        if roles.sources.is_empty()
            && (roles.target.is_none() || passive_victims)
            && violent(&c.entry.code)
            && (form.verbal || form.told_by_verb)
            && told_as_fact
        {
            let place = self.event_location(cx, toks[ts].start, None, &[]);
            let country = place
                .as_ref()
                .and_then(|l| self.k.countries.iter().find(|c| c.iso2 == l.country))
                .or_else(|| cx.focus.map(|c| &self.k.countries[c]));
            if let Some(c) = country {
                let actor = self.country_actor(&c.iso3);
                roles
                    .sources
                    .push(implicit_actor(actor.clone(), toks[ts].start));
                // (at the trigger's end: an implicit target at the source's offset would read as the source)
                if roles.target.is_none() {
                    roles.target = Some(implicit_actor(actor, toks[te - 1].end));
                }
                roles.evidence.push(
                    "actors: implicit, unnamed attackers in the country where it happened".into(),
                );
            }
        }
    }

    /// A statement with no object is about the one foreign actor its sentence names ("China's unfair trading
    /// actions are damaging", the US official said; "Germany has been one of the most vociferous countries", he
    /// said). `source_spans` are every source's span: no co-source is the target.
    pub(crate) fn one_foreign_actor(
        cx: &SentenceCx<'_>,
        entry: &CameoCode,
        source: Option<&EventActor>,
        source_spans: &[(usize, usize)],
        target: &mut Option<EventActor>,
        ev: &mut Vec<String>,
    ) {
        let verbal_act = matches!(
            &entry.code[..2],
            "01" | "02" | "03" | "05" | "10" | "11" | "12" | "13"
        );
        if target.is_none() && verbal_act {
            let own = source.and_then(|s| s.actor.country.clone());
            let foreign: Vec<&Slot<'_>> = cx
                .slots
                .iter()
                .filter(|s| {
                    source_spans
                        .iter()
                        .all(|&(a, b)| a == b || b <= s.m.start || a >= s.m.end)
                })
                .filter(|s| s.m.actor.country.is_some() && s.m.actor.country != own)
                .collect();
            let first = foreign.first().and_then(|f| f.m.actor.country.clone());
            if own.is_some()
                && first.is_some()
                && foreign.iter().all(|s| s.m.actor.country == first)
            {
                *target = Some(event_actor(foreign[0].m));
                ev.push("target: the one foreign actor the statement's sentence names".into());
            }
        }
    }

    /// "Slovenia recalled its ambassador to Moscow", "withdrew its ambassador from Turkey": recalling one's own
    /// envoy is aimed at the country the envoy was posted to, named after the envoy.
    pub(crate) fn envoy_host(
        &self,
        cx: &SentenceCx<'_>,
        entry: &CameoCode,
        source: Option<&EventActor>,
        trigger_end: usize,
        target: &mut Option<EventActor>,
        ev: &mut Vec<String>,
    ) {
        let own = source.and_then(|s| s.actor.country.as_deref());
        if entry.code != "161" || own.is_none() {
            return;
        }
        // after the envoy named as the object, else after the trigger ("By recalling its ambassador to ...")
        let (from, window) = match target.as_ref() {
            Some(t) if t.actor.country.as_deref() == own => (t.end, 12),
            Some(_) => return,
            None => (trigger_end, 40),
        };
        let host = cx.slots.iter().find(|s| {
            s.m.start >= from
                && s.m.start <= from + window
                && s.ts > 0
                && matches!(cx.lowers[s.ts - 1], "to" | "from" | "in")
                && s.m.actor.country.is_some()
                && s.m.actor.country.as_deref() != own
        });
        if let Some(h) = host {
            *target = Some(event_actor(h.m));
            ev.push("target: the country the envoy was posted to".into());
            return;
        }
        // (a capital after "to" is a place, not a mention: "its ambassador to Moscow")
        let after = |start: usize| {
            cx.toks
                .iter()
                .rposition(|tk| tk.end <= start)
                .is_some_and(|k| matches!(cx.lowers[k], "to" | "from" | "in"))
        };
        let k = cx.doc.places.partition_point(|p| p.start < from);
        let place = cx.doc.places[k..]
            .iter()
            .take_while(|p| p.start <= from + window)
            .find(|p| after(p.start));
        let country = place
            .and_then(|p| self.k.countries.iter().find(|c| c.iso2 == p.country))
            .filter(|c| Some(c.iso3.as_str()) != own);
        if let (Some(p), Some(c)) = (place, country) {
            *target = Some(EventActor {
                text: cx.doc.slice(p.start, p.end).to_string(),
                start: p.start,
                end: p.end,
                actor: self.country_actor(&c.iso3),
            });
            ev.push("target: the country the envoy was posted to".into());
        }
    }

    /// An act with no actor named as its object is domestic, aimed at the source's own country: coercion and
    /// protest ("police arrested 40 people", "protests erupted in Mangystau") and any other act ("the parliament
    /// refused to consider the bills", "police are investigating the incident"), as CAMEO codes such events
    /// (but an object naming an event implies no one). Force sent abroad and a visit are aimed at the country
    /// where they happen. In an article about two countries (`pair`), a country, its government or its army
    /// acting on no one named acts on the other; a body of no country (the UN, an aid group) acts on the
    /// country of the event's place. `at` is the trigger's start offset.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn implicit_target(
        &self,
        pair: Option<&Pair>,
        entry: &CameoCode,
        names_event: bool,
        source: Option<&EventActor>,
        location: Option<&Location>,
        at: usize,
        target: &mut Option<EventActor>,
        ev: &mut Vec<String>,
    ) {
        let coerce = matches!(entry.plover_type.as_deref(), Some("COERCE" | "PROTEST"));
        if target.is_some() || (names_event && !coerce) {
            return;
        }
        let place = location.and_then(|l| {
            let c = self.k.countries.iter().find(|c| c.iso2 == l.country)?;
            Some((l, c.iso3.as_str()))
        });
        // force sent abroad ("Russian troops arrived in Kazakhstan") and a visit ("Trump's visit to Riyadh") are
        // aimed at the country where they happen
        // (troops deployed with no place in their sentence go to the article's country when it is not their own:
        // "More Russian troops were expected to arrive alongside units from Armenia", in a story on Kazakhstan)
        let own = source.and_then(|s| s.actor.country.as_deref());
        let abroad = place
            .filter(|(l, c)| {
                let named = !matches!(l.basis.as_str(), "document" | "article");
                let deployed = entry.code.starts_with("15") && own.is_some_and(|o| o != *c);
                (named || deployed)
                    && (matches!(&entry.code[..2], "15" | "18" | "19" | "20")
                        || entry.code == "042")
            })
            .map(|(_, c)| (c, "the country where it happened"));
        // in an article about two countries, a country or its government or army acting on no one named acts on
        // the other ("the South retaliated by firing dozens of rounds", "Trump canceled an increase in
        // tariffs"); a domestic body, the police, a court, a parliament, acts at home
        let national =
            source.is_some_and(|s| matches!(s.actor.sector.as_deref(), None | Some("GOV" | "MIL")));
        let other = || {
            pair.filter(|_| national && !coerce)
                .and_then(|p| p.other(own?))
                .map(|c| (c, "the other country of the article's pair"))
        };
        // a body of no country, the UN or an aid group, acting on no one named acts where it acts: the country of
        // the event's place ("UNHCR will provide assistance to those expelled", in Angola)
        let stateless = source.is_some_and(|s| {
            s.actor.country.is_none()
                && (s.actor.code.starts_with("IGO") || s.actor.code.starts_with("NGO"))
        });
        let host = || {
            place
                .filter(|_| stateless)
                .map(|(_, c)| (c, "the country where the body acted"))
        };
        // other acts at home
        let home = || {
            own.map(|c| {
                let why = if coerce {
                    "the source's own country"
                } else {
                    "the source's own country (no actor named as object)"
                };
                (c, why)
            })
        };
        if let Some((country, why)) = abroad.or_else(other).or_else(host).or_else(home) {
            *target = Some(implicit_actor(self.country_actor(country), at));
            ev.push(format!("target: implicit, {why}"));
        }
    }

    /// An act with no agent named ("the government has been accused of doing too little", "farmers are urged
    /// to watch their animals", "he was released on bail") is by someone of the target's own country, as the
    /// coding guide codes an unknown agent: "the country". `at` is the trigger's start offset.
    pub(crate) fn implicit_source(
        &self,
        source: &mut Option<EventActor>,
        target: Option<&EventActor>,
        at: usize,
        ev: &mut Vec<String>,
    ) {
        if source.is_none() {
            if let Some(country) = target.and_then(|t| t.actor.country.clone()) {
                *source = Some(implicit_actor(self.country_actor(&country), at));
                ev.push("source: implicit, the target's own country (no agent named)".into());
            }
        }
    }
}

/// Speech in a quotation: the quotation the trigger lies in, if any.
pub(crate) fn quote_of<'d>(cx: &SentenceCx<'d>, c: &Clause<'_>) -> Option<&'d Quote> {
    let (doc, toks, ts, te) = (cx.doc, cx.toks, c.ts, c.te);
    let q = doc.quotes.partition_point(|q| q.end < toks[te - 1].end);
    doc.quotes[q..]
        .first()
        .filter(|q| q.start <= toks[ts].start && toks[te - 1].end <= q.end)
}

/// Speech in a quotation: "I have given the order ..." → the speaker, when no source is named.
pub(crate) fn quoted_speaker(
    cx: &SentenceCx<'_>,
    c: &Clause<'_>,
    quote: Option<&Quote>,
    roles: &mut Roles,
) {
    if roles.sources.is_empty() {
        if let Some(q) = quote {
            let first_person = cx.lowers[c.left..c.ts]
                .iter()
                .any(|w| matches!(*w, "i" | "we"));
            if let (true, Some(sp)) = (first_person, &q.speaker) {
                roles.sources.push(event_actor(sp));
                roles.evidence.push("source: quoted speaker".into());
            }
        }
    }
}

/// A modal demand told by someone ("Trump said Mexico must stop the caravan", "\"Russia must withdraw,\" the
/// minister said"): the demand is the speaker's, made of the clause's subject. The speaker is the subject of the
/// reporting verb the parse puts over the clause, else the quotation's speaker; the clause's subject becomes the
/// target. Nothing changes for a demand no one is told to make.
pub(crate) fn reported_demand(
    cx: &SentenceCx<'_>,
    c: &Clause<'_>,
    quote: Option<&Quote>,
    roles: &mut Roles,
) {
    if cx.lowers[c.ts] != "must" {
        return;
    }
    let speaker = cx
        .tree
        .as_ref()
        .and_then(|t| crate::roles::reporting_speaker(t, c.ts, c.te, &cx.spans))
        .map(|m| event_actor(cx.slots[m].m))
        .or_else(|| quote.and_then(|q| q.speaker.as_ref()).map(event_actor));
    let Some(speaker) = speaker else {
        return;
    };
    if roles.sources.iter().any(|a| a.start == speaker.start) {
        return;
    }
    let subject = roles.sources.first().cloned();
    if subject.is_some() {
        roles.target = subject;
    }
    roles.sources = vec![speaker];
    roles
        .evidence
        .push("roles: a demand told by its speaker, of the clause's subject".into());
}

/// Whether a CAMEO code is violent (assault, fight, mass violence).
fn violent(code: &str) -> bool {
    matches!(&code[..2], "18" | "19" | "20")
}

/// "Russia launched 90 drones at Ukraine. Two people were killed in Kharkiv.": casualties with no agent of
/// their own are the work of the violence just told, within the sentence before. Returns that violence's day
/// and place (for a sentence that gives none of its own: "On 2 March, militants attacked a post in Boulkessi.
/// Five soldiers were killed.").
pub(crate) fn violence_told_before(
    cx: &SentenceCx<'_>,
    c: &Clause<'_>,
    form: &Form,
    out: &[Event],
    roles: &mut Roles,
) -> Option<CauseDayAndPlace> {
    let si = cx.si;
    if roles.sources.is_empty() && form.verbal && violent(&c.entry.code) {
        let here = cx.toks[c.ts].start;
        let cause = out
            .iter()
            .rev()
            .take_while(|e| e.sentence + 1 >= si)
            .filter(|e| e.trigger.start < here && violent(&e.cameo))
            .find(|e| e.source.is_some());
        if let Some(cause) = cause {
            roles.sources.extend(cause.source.clone());
            if roles.target.is_none() {
                roles.target = cause.target.clone();
            }
            roles
                .evidence
                .push(format!("actors: the violence told before ({})", cause.id));
            return Some((cause.date.zip(cause.date_precision), cause.location.clone()));
        }
    }
    None
}

/// The source of the latest event of CAMEO root `root` told before offset `here`, within `ANTECEDENT_SENTENCES`
/// of sentence `si`: whoever holds the person a release is asked for (an arrest), whom a denial answers (an
/// accusation).
pub(crate) fn earlier_source(
    out: &[Event],
    si: usize,
    here: usize,
    root: &str,
) -> Option<EventActor> {
    out.iter()
        .rev()
        .take_while(|e| e.sentence + ANTECEDENT_SENTENCES >= si)
        .filter(|e| e.trigger.start < here && e.cameo.starts_with(root))
        .find_map(|e| e.source.clone())
}

/// The two countries an article is about: those of most of the actors it names (together seven in ten mentions
/// or more, each named at least [`PAIR_MIN`] times, and no third named half as often as the second).
#[derive(Debug)]
pub(crate) struct Pair(String, String);

/// How often each country of an article's [`Pair`] must be named, at least.
const PAIR_MIN: usize = 5;

impl Pair {
    /// The pair of `doc`, if its actors make one.
    pub(crate) fn of(doc: &Document) -> Option<Pair> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for c in doc.actors.iter().filter_map(|m| m.actor.country.as_deref()) {
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let total: usize = counts.iter().map(|c| c.1).sum();
        match counts.as_slice() {
            [a, b, rest @ ..]
                if b.1 >= PAIR_MIN
                    && 10 * (a.1 + b.1) >= 7 * total
                    && rest.first().is_none_or(|r| 2 * r.1 < b.1) =>
            {
                Some(Pair(a.0.to_string(), b.0.to_string()))
            }
            _ => None,
        }
    }

    /// The other country of the pair, when `own` is one of them.
    pub(crate) fn other(&self, own: &str) -> Option<&str> {
        if self.0 == own {
            Some(&self.1)
        } else if self.1 == own {
            Some(&self.0)
        } else {
            None
        }
    }
}
