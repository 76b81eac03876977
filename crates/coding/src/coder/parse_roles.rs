//! Roles from the dependency parse (`roles`) merged over the word-order ones: a verb's subject is its source
//! wherever the parse has one, a noun that is a support verb's object is done by that verb's subject, the parse's
//! object is the target only where word order found none; and a mention of two countries ("the two sides") acts
//! as both.

use super::context::{Clause, Roles, SentenceCx};
use super::form::Form;
use super::{event_actor, EventCoder};
use petrel_core::{Actor, EventActor};

/// Merges the parse's roles into the word-order ones (see the module's doc); nothing without a parse.
pub(crate) fn merge_parse_roles(
    cx: &SentenceCx<'_>,
    c: &Clause<'_>,
    form: &Form,
    roles: &mut Roles,
) {
    let (lowers, ts, te) = (&cx.lowers, c.ts, c.te);
    let (verbal, passive) = (form.verbal, form.passive);
    // the actors of mentions the parse points at (indices into the sentence's mentions)
    let mentioned = |ms: &[usize]| -> Vec<EventActor> {
        ms.iter().map(|&m| event_actor(cx.slots[m].m)).collect()
    };
    let Some(r) = &c.parsed else {
        return;
    };
    // "France and Germany condemned the sentencing of a journalist and called for her release":
    // a verb right after "and" shares the first verb's subject, which the parse knows; the nearest
    // mention before it is the first verb's object
    let shares_subject =
        verbal && !passive && ts > 0 && matches!(lowers[ts - 1], "and" | "but" | "or" | "then");
    // ", accusing them of ...": a participle after a comma tells more of the main clause's subject
    let participle =
        verbal && !passive && ts > 0 && lowers[ts - 1] == "," && lowers[ts].ends_with("ing");
    if (shares_subject || participle) && !r.sources.is_empty() {
        roles.sources = mentioned(&r.sources);
        roles
            .evidence
            .push("source: parse, shared with the coordinated verb".into());
    }
    // a verb's sources come from the parse first (its subject, through conj/xcomp/advcl and relative
    // pronouns), word order only where the parse has none; a passive takes only the agent the parse
    // also reads as one ("officers killed in the clashes")
    if !r.sources.is_empty() && (roles.sources.is_empty() || verbal) && (!passive || r.passive) {
        let from_parse = mentioned(&r.sources);
        if from_parse.first().map(|a| a.start) != roles.sources.first().map(|a| a.start) {
            roles.evidence.push("source: parse".into());
        }
        roles.sources = from_parse;
    }
    // "Trump made a phone call to Putin": a nominal trigger that is a verb's object is done by that
    // verb's subject
    if roles.sources.is_empty() && !verbal {
        if let Some(g) = cx
            .tree
            .as_ref()
            .and_then(|t| crate::roles::governor_roles(t, ts, te, &cx.spans))
        {
            if !g.sources.is_empty() {
                roles.sources = mentioned(&g.sources);
                roles
                    .evidence
                    .push("source: parse, subject of the verb governing the noun".into());
            }
        }
    }
    // "In a visit to Tunis, Macron criticised ...": a meeting or visit that sets the scene of a clause is the
    // clause subject's
    if roles.sources.is_empty() && !verbal && c.root() == "04" {
        if let Some(g) = cx
            .tree
            .as_ref()
            .and_then(|t| crate::roles::setting_roles(t, ts, te, &cx.spans))
        {
            if !g.sources.is_empty() {
                roles.sources = mentioned(&g.sources);
                roles
                    .evidence
                    .push("source: parse, subject of the clause the meeting sets".into());
            }
        }
    }
    // a passive's subject is its target already; the parse's object would be someone else
    if let (Some(m), None, false) = (r.target, &roles.target, passive) {
        roles.target = Some(event_actor(cx.slots[m].m));
        roles.evidence.push("target: parse".into());
    }
}

impl EventCoder<'_> {
    /// "the two sides held talks": a lone source that mentions two countries acts as both (the second country
    /// is in the mention's evidence, `actors::PAIR_EVIDENCE`).
    pub(crate) fn pair_of_countries(&self, c: &Clause<'_>, roles: &mut Roles) {
        let sources = &mut roles.sources;
        if let Some(pair) = sources.iter().find_map(|a| {
            let slot = c
                .slots
                .iter()
                .find(|s| s.m.start == a.start && s.m.end == a.end)?;
            let other = slot.m.evidence.strip_prefix(crate::actors::PAIR_EVIDENCE)?;
            let country = self.k.countries.iter().find(|c| c.iso3 == other)?;
            let sector = a.actor.sector.clone();
            Some(EventActor {
                actor: Actor {
                    code: format!("{other}{}", sector.as_deref().unwrap_or("")),
                    country: Some(other.to_string()),
                    sector,
                    name: country.name.clone(),
                },
                ..a.clone()
            })
        }) {
            if sources.len() == 1 {
                sources.push(pair);
                roles
                    .evidence
                    .push("sources: the two countries named last".into());
            }
        }
    }
}
