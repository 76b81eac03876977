//! Roles by word order inside the trigger's clause: a noun's actors from its own phrase, a passive's agent after
//! "by" and target before it, an active verb's subject before it and object after it; "between X and Y" gives
//! both sides, "alongside X and Y" more sources. The parse overrides these where it knows better
//! (`parse_roles`).

use super::context::{Clause, Roles, SentenceCx};
use super::form::Form;
use super::{event_actor, Slot};
use crate::wordorder::*;
use petrel_core::{EventActor, TokenKind};

/// The roles word order gives trigger `c`: by its form (nominal, passive, active), then the two sides named
/// after "between", then more sources coordinated after the trigger. The evidence starts with the pattern.
pub(crate) fn word_order_roles(cx: &SentenceCx<'_>, c: &Clause<'_>, form: &Form) -> Roles {
    let mut roles = Roles {
        sources: Vec::new(),
        target: None,
        evidence: vec![format!(
            "pattern {} `{}`",
            c.pattern.origin, c.pattern.source
        )],
    };
    let after = mentions_after(cx, c);
    if !form.verbal {
        nominal_roles(cx, c, &after, &mut roles);
    } else if form.passive {
        passive_roles(cx, c, &after, &mut roles);
    } else {
        active_roles(cx, c, &after, &mut roles);
    }
    between(cx, c, &after, &mut roles);
    coordinated_after(cx, c, &after, &mut roles);
    roles
}

/// The actor noun that begins a nominal trigger ("paratroopers arrived", "Mobs stormed").
fn inside_first<'a>(c: &Clause<'a>) -> Option<&'a Slot<'a>> {
    let ts = c.ts;
    c.slots.iter().find(|s| s.ts <= ts && s.te > ts)
}

/// The clause's mentions before the trigger, nearest last.
fn mentions_before<'a>(c: &Clause<'a>) -> Vec<&'a Slot<'a>> {
    let (ts, te) = (c.ts, c.te);
    let outside = |s: &&Slot<'_>| s.te <= ts || s.ts >= te;
    c.slots
        .iter()
        .filter(|s| s.te <= ts && s.ts >= c.left)
        .filter(outside)
        .collect()
}

/// The mentions after the trigger that can be its roles: in its clause, within 15 tokens, before a relative
/// clause, not the speaker of a trailing attribution; with the named actors inside the trigger's gap.
fn mentions_after<'a>(cx: &SentenceCx<'_>, c: &Clause<'a>) -> Vec<&'a Slot<'a>> {
    let (lowers, ts, te, right) = (&cx.lowers, c.ts, c.te, c.right);
    // a named actor inside the trigger's gap ("accused Israel of") can be its target; a sector noun
    // there ("sent troops") is what is acted with, not upon — except for force and coercion ("detained
    // dozens of demonstrators")
    let forceful = matches!(c.root(), "17" | "18" | "19" | "20");
    let swallowed =
        |s: &&Slot<'_>| s.ts > ts && s.ts < te && (forceful || !s.m.evidence.starts_with("sector"));
    // a relative clause after the trigger (", which approved sending 200 troops") tells of others: its
    // mentions are no role of this trigger
    let relative = (te..right)
        .find(|&i| i > 0 && lowers[i - 1] == "," && matches!(lowers[i], "which" | "who" | "whose"))
        .unwrap_or(right);
    // (", police said": the speaker of a trailing attribution is no role of what it reports)
    let speaker = |s: &Slot<'_>| {
        s.ts > te
            && matches!(lowers[s.ts - 1], "," | "\"" | "”")
            && lowers.get(s.te).is_some_and(|w| {
                matches!(
                    *w,
                    "said" | "says" | "say" | "told" | "added" | "reported" | "confirmed"
                )
            })
    };
    c.slots
        .iter()
        .filter(|s| (s.ts >= te || swallowed(s)) && s.te <= relative && s.ts < te + 15)
        .filter(|s| !speaker(s))
        .collect()
}

/// A nominal trigger takes its actors from its own phrase: the actor it begins with ("Mobs stormed"), a
/// possessor ("Kazakhstan's request"), "by X"; its target follows a preposition.
fn nominal_roles(cx: &SentenceCx<'_>, c: &Clause<'_>, after: &[&Slot<'_>], roles: &mut Roles) {
    let (toks, lowers, ts) = (cx.toks, &cx.lowers, c.ts);
    let slots = c.slots;
    let inside_first = inside_first(c);
    let possessor = slots
        .iter()
        .find(|s| s.te + 1 == ts && lowers[s.te] == "'s");
    let by = after.iter().find(|s| {
        s.ts > 0 && lowers[s.ts - 1] == "by"
            || s.ts > 1 && lowers[s.ts - 1] == "the" && lowers[s.ts - 2] == "by"
    });
    // "an Israeli drone strike", "Russian air strikes", "U.S. sanctions": a country word right before a
    // noun of force or sanction names who used it (not for arrests or deaths, where it is the victim)
    let agentive = matches!(c.root(), "15" | "16" | "19");
    let modifier = slots.iter().find(|s| {
        agentive
            && s.m.evidence == "country"
            && (s.te == ts || s.te + 1 == ts && toks[s.te].kind == TokenKind::Word)
            && lowers[s.te] != "'s"
    });
    roles.sources = inside_first
        .or(possessor)
        .or(by.copied())
        .or(modifier)
        .map(|s| vec![event_actor(s.m)])
        .unwrap_or_default();
    let sources = &roles.sources;
    roles.target = after
        .iter()
        .find(|s| {
            s.ts > 0
                && matches!(
                    lowers[s.ts - 1],
                    "against" | "on" | "with" | "to" | "from" | "at" | "toward" | "towards" | "of"
                )
        })
        .filter(|s| Some(s.m.start) != sources.first().map(|x| x.start))
        .map(|s| event_actor(s.m));
    roles.evidence.push("nominal".into());
}

/// A passive takes its source from "by X" (or the country expelled from) after it, its target from the subject
/// before it.
fn passive_roles(cx: &SentenceCx<'_>, c: &Clause<'_>, after: &[&Slot<'_>], roles: &mut Roles) {
    let (lowers, ts, te) = (&cx.lowers, c.ts, c.te);
    let by = after.iter().find(|s| {
        s.ts > 0 && lowers[s.ts - 1] == "by"
            || s.ts > 1 && lowers[s.ts - 1] == "the" && lowers[s.ts - 2] == "by"
    });
    // "diplomats being expelled from the United States": whoever expels or deports from a country is that
    // country; and whoever a place, unit or person "came under attack from" or "drew criticism from" is the actor
    let expelled = ["expel", "deport"]
        .iter()
        .any(|w| lowers[ts..te].iter().any(|t| t.starts_with(w)));
    let received = super::form::received(lowers, ts, te, c.root());
    let from = after.iter().filter(|_| expelled || received).find(|s| {
        s.ts > 0
            && (lowers[s.ts - 1] == "from"
                || s.ts > 1 && lowers[s.ts - 1] == "the" && lowers[s.ts - 2] == "from")
            // (the country expelled from is a country; whoever an act came from may be a body: "the EU")
            && (s.m.actor.country.is_some() || received && !s.m.actor.code.is_empty())
    });
    roles.sources = by
        .or(from)
        .map(|s| vec![event_actor(s.m)])
        .unwrap_or_default();
    if by.is_none() && from.is_some() {
        roles.evidence.push(if received {
            "source: whom it came from, told from the side it was done to".into()
        } else {
            "source: the country expelled from".into()
        });
    }
    // (the speaker of the clause it is told in was not done to: "the minister said the accused will stand
    // trial", "police said two suspects were arrested")
    roles.target = subject_before(lowers, ts, mentions_before(c), &cx.trigger_ends)
        .filter(|s| {
            !lowers[s.te..ts]
                .iter()
                .any(|w| crate::attributes::ATTRIBUTION.contains(w))
        })
        .map(|s| event_actor(s.m));
    roles.evidence.push("passive".into());
}

/// An active verb's sources are its subject before it with the actors coordinated with it; its target the first
/// actor after it, unless that is only the focus country and a named actor follows close behind.
fn active_roles(cx: &SentenceCx<'_>, c: &Clause<'_>, after: &[&Slot<'_>], roles: &mut Roles) {
    let (lowers, ts) = (&cx.lowers, c.ts);
    let slots = c.slots;
    let subj = subject_before(lowers, ts, mentions_before(c), &cx.trigger_ends);
    roles.sources = subj
        .map(|s| {
            let mut v: Vec<EventActor> = coordinated_before(lowers, slots, &s, c.left)
                .into_iter()
                .map(|x| event_actor(x.m))
                .collect();
            v.push(event_actor(s.m));
            v.extend(
                coordinated(lowers, slots, &s, c.right)
                    .into_iter()
                    .map(|x| event_actor(x.m)),
            );
            v
        })
        .unwrap_or_default();
    // "The expulsions were unjustified, said Russian Foreign Minister Sergei Lavrov", "..., said a statement by
    // the WHO": a reporting verb after a comma or closing quote with its speaker after it (the inverted
    // attribution of news) is the speaker's, and has no object
    let inverted = ts > 0
        && matches!(lowers[ts - 1], "," | "\"" | "”" | "''")
        && c.entry.code.starts_with("01")
        && matches!(
            lowers[ts],
            "said" | "says" | "added" | "stated" | "wrote" | "continued"
        );
    if inverted && roles.sources.is_empty() {
        // (the speaker right after the verb, past an article and a statement's noun: "a statement by")
        let speaker = after.iter().find(|s| {
            let gap = &lowers[c.te..s.ts];
            gap.len() <= 4
                && gap.iter().all(|w| {
                    matches!(
                        *w,
                        "a" | "an"
                            | "the"
                            | "joint"
                            | "statement"
                            | "communique"
                            | "spokesman"
                            | "spokeswoman"
                            | "spokesperson"
                            | "by"
                            | "from"
                            | "for"
                            | "of"
                    )
                })
        });
        if let Some(s) = speaker {
            roles.sources = vec![event_actor(s.m)];
            roles
                .evidence
                .push("source: the speaker after an inverted attribution".into());
            return;
        }
    }
    // the first actor after the trigger; one whose country is only the article's focus
    // ("sending 150 troops to Kazakhstan") gives way to a named one close behind
    // "it" refers back to a subject ("said it hoped for"), never to what an action is done to
    let candidates: Vec<&&Slot<'_>> = after
        .iter()
        .filter(|s| s.ts == 0 || lowers[s.ts - 1] != "by")
        .filter(|s| s.m.evidence != "coref:it")
        .collect();
    let named = candidates.iter().find(|s| {
        let explicit = !s.m.evidence.contains("country: ") && !s.m.evidence.starts_with("coref");
        explicit
            && s.ts > 0
            && matches!(
                lowers[s.ts - 1],
                "to" | "into" | "against" | "toward" | "towards"
            )
    });
    let first = candidates.first();
    roles.target = match (first, named) {
        (Some(f), Some(n)) if f.m.evidence.contains("country: ") && n.ts <= f.te + 6 => {
            Some(event_actor(n.m))
        }
        (Some(f), _) => Some(event_actor(f.m)),
        (None, _) => None,
    };
}

/// "fighting between the army and M23": the two sides act on each other (when nothing else gave a source).
fn between(cx: &SentenceCx<'_>, c: &Clause<'_>, after: &[&Slot<'_>], roles: &mut Roles) {
    let (lowers, ts, te) = (&cx.lowers, c.ts, c.te);
    let between = after.iter().position(|s| {
        let at = if s.ts > 1 && lowers[s.ts - 1] == "the" {
            s.ts - 2
        } else {
            s.ts.saturating_sub(1)
        };
        lowers[at] == "between" && at + 1 >= ts && at <= te
    });
    if let (true, Some(k)) = (roles.sources.is_empty(), between) {
        let first = after[k];
        if let Some(second) = after
            .get(k + 1)
            .filter(|s| lowers[first.te..s.ts].contains(&"and") && s.ts <= first.te + 3)
        {
            roles.sources = vec![event_actor(first.m), event_actor(second.m)];
            roles.target = None;
            roles.evidence.push(BETWEEN.into());
        }
    }
}

/// The evidence of the two sides named after "between", who act on each other.
pub(crate) const BETWEEN: &str = "actors: the two sides named after \"between\"";

/// "alongside units from Armenia and Tajikistan": more sources for the same action (and the target moves past
/// them when it was the first of them).
fn coordinated_after(cx: &SentenceCx<'_>, c: &Clause<'_>, after: &[&Slot<'_>], roles: &mut Roles) {
    let (lowers, te, right) = (&cx.lowers, c.te, c.right);
    let slots = c.slots;
    let sources = &mut roles.sources;
    if let Some(pos) = (te..right)
        .filter(|_| !sources.is_empty())
        .find(|&i| COORDINATORS.contains(&lowers[i]) && is_coordinator(lowers, i))
    {
        if let Some(first) = slots.iter().find(|s| s.ts > pos && s.ts <= pos + 3) {
            sources.push(event_actor(first.m));
            sources.extend(
                coordinated(lowers, slots, first, right)
                    .into_iter()
                    .map(|x| event_actor(x.m)),
            );
            if roles
                .target
                .as_ref()
                .is_some_and(|t| t.start == first.m.start)
            {
                roles.target = after
                    .iter()
                    .find(|s| s.ts > first.te && !sources.iter().any(|x| x.start == s.m.start))
                    .map(|s| event_actor(s.m));
            }
        }
    }
}
