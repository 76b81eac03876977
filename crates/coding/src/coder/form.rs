//! How a trigger is told: as a verb or a noun, active or passive. The word-order roles depend on it (a passive's
//! subject is its target; a noun takes its actors from its own phrase).

use super::context::{Clause, SentenceCx};
use super::determiner_before;
use crate::wordorder::{is_passive, PREPOSITIONS};

/// How a trigger is told.
#[derive(Clone, Copy)]
pub(crate) struct Form {
    /// Told by a verb ("attacked"), or by a noun pattern that tells its own passive; a noun otherwise.
    pub(crate) verbal: bool,
    /// A passive verb, a reduced relative ("the people detained") or a pattern that tells its own passive.
    pub(crate) passive: bool,
    /// A noun pattern that holds its own verb ("a hand grenade exploded"): told as done, like a verb.
    pub(crate) told_by_verb: bool,
}

/// Decides how trigger `c` is told: verbal or nominal (a determiner or preposition before it, or the tagger's
/// noun reading, makes a verb pattern a noun), passive or active (by word order, unless the parse gives the verb
/// its own subject; a reduced relative and a pattern holding "was ...ed" are passive), and whether a noun pattern
/// holds its own verb.
pub(crate) fn trigger_form(cx: &SentenceCx<'_>, c: &Clause<'_>) -> Form {
    let (lowers, ts, te) = (&cx.lowers, c.ts, c.te);
    // a verb form used as a noun ("the clashes", "into calls for reform", "without warning");
    // a gerund after a preposition still acts ("in calling for", "by sending")
    // (and a word the tagger reads as a noun where no determiner shows it: "Trump's visit to Riyadh",
    // "the successful visit by a Japanese delegation")
    let tagged_noun =
        te == ts + 1 && !lowers[ts].ends_with("ing") && cx.syntax_at(ts, |x| x.upos == "NOUN");
    // ("to" before a word the tagger reads as a verb marks an infinitive, which acts: "went so far as to
    // accuse Australia", "continue to arrest activists")
    let infinitive = ts > 0 && lowers[ts - 1] == "to" && cx.syntax_at(ts, |x| x.upos == "VERB");
    let verbal = c.pattern.verbal
        && !tagged_noun
        && !(ts > 0
            && (determiner_before(lowers, ts)
                || PREPOSITIONS.contains(&lowers[ts - 1])
                    && !lowers[ts].ends_with("ing")
                    && !infinitive));
    // "the number of people detained reached 3,811": a participle the parse attaches to a noun (`acl`) is
    // a reduced relative, done to that noun
    // (a trigger that spans its own object, "launched air strikes against", is active whatever the parse says)
    // (but a participle with an object is active whatever the parse says: "Security forces killed at least 18
    // people", parsed as a noun phrase)
    // (looked for only once the cheap tests pass: this runs for every trigger)
    let head = cx.sent.first_token + ts;
    let has_object = || {
        (0..lowers.len()).any(|k| cx.syntax_at(k, |x| x.head == Some(head) && x.deprel == "obj"))
    };
    let reduced_relative = verbal
        && te == ts + 1
        && lowers[ts].ends_with("ed")
        && matches!(c.root(), "17" | "18" | "19" | "20")
        && cx.syntax_at(ts, |x| x.deprel == "acl")
        && !has_object();
    // a bare past form after a noun reads as a reduced passive by word order ("officers killed in the
    // clashes"); the parse tells an active verb with its own subject ("troops fired on protesters")
    let active_in_parse = c
        .parsed
        .as_ref()
        .is_some_and(|r| !r.passive && r.subject_is_own && !r.sources.is_empty());
    // a pattern that tells its own passive ("grenades were hurled", "arms were found", "were shot") is a passive
    // verb
    // (for force and coercion, whose passive subject is what it is done to)
    let told_passive = matches!(c.root(), "17" | "18" | "19" | "20")
        && lowers[ts..te].windows(2).any(|w| {
            matches!(w[0], "was" | "were" | "been" | "being" | "got")
                && (w[1].ends_with("ed")
                    || w[1].ends_with("wn")
                    || matches!(
                        w[1],
                        "found" | "shot" | "hit" | "struck" | "beaten" | "held" | "caught"
                    ))
        });
    // a noun pattern that holds its own verb ("suicide bombings ... killed", "a hand grenade exploded",
    // "mortar rounds have landed") tells the act as done, like a verb
    let (doc, first) = (cx.doc, cx.sent.first_token);
    let told_by_verb = matches!(c.root(), "14" | "17" | "18" | "19" | "20")
        && doc
            .syntax
            .get(first + ts + 1..first + te)
            .filter(|_| doc.syntax.len() == doc.tokens.len())
            .is_some_and(|xs| xs.iter().any(|x| x.upos == "VERB"));
    let told_passive = told_passive || received(lowers, ts, te, c.root());
    let verbal = verbal || told_passive;
    let passive = (is_passive(lowers, ts, te, verbal, c.root()) && !active_in_parse)
        || reduced_relative
        || told_passive;
    Form {
        verbal,
        passive,
        told_by_verb,
    }
}

/// Whether trigger `[ts, te)` tells an act from the side it was done to: "came under attack from rebels",
/// "drew criticism from the president", "faced a backlash", "died in an attack by militants": the subject is the
/// target and the actor follows "from" or "by", as in a passive. Only for force, disapproval, support ("has
/// received strong backing from"), charges ("is facing criminal charges") and investigations ("is under
/// investigation"), whose receivers news makes subjects.
pub(crate) fn received(lowers: &[&str], ts: usize, te: usize, root: &str) -> bool {
    if !matches!(root, "05" | "09" | "11" | "17" | "18" | "19" | "20") || ts >= te {
        return false;
    }
    let first = lowers[ts];
    let under = matches!(first, "came" | "come" | "comes" | "coming")
        && lowers.get(ts + 1) == Some(&"under");
    // "two people died in the explosion", "died after being beaten": the one who died is the victim
    let died =
        matches!(root, "18" | "19" | "20") && matches!(first, "died" | "die" | "dies" | "dying");
    let drew = root == "11"
        && matches!(
            first,
            "drew"
                | "draw"
                | "draws"
                | "drawn"
                | "drawing"
                | "faced"
                | "face"
                | "faces"
                | "facing"
                | "attracted"
                | "attract"
                | "attracts"
                | "attracting"
        );
    // "has received strong backing from the United States", "drew praise from": support told by its receiver
    let backed = root == "05"
        && matches!(
            first,
            "received"
                | "receive"
                | "receives"
                | "receiving"
                | "drew"
                | "draw"
                | "draws"
                | "drawn"
                | "drawing"
                | "won"
                | "win"
                | "wins"
                | "winning"
                | "garnered"
                | "garner"
                | "garners"
        );
    // "is facing criminal charges", "will stand trial", "are on trial for": the accused is the one charged
    let faces = root == "17"
        && matches!(
            first,
            "face"
                | "faces"
                | "faced"
                | "facing"
                | "stand"
                | "stands"
                | "stood"
                | "standing"
                | "undergo"
                | "undergoes"
                | "underwent"
                | "undergoing"
                | "on"
        )
        && lowers[ts..te].iter().any(|w| {
            matches!(
                *w,
                "charge" | "charges" | "prosecution" | "trial" | "extradition"
            )
        });
    // "the mayor is under investigation by federal prosecutors": the subject is investigated
    let investigated = root == "09" && first == "under";
    // "their vehicle hit a landmine": the one who hits a mine is its victim
    let mined = root == "18"
        && matches!(
            first,
            "hit" | "hits" | "hitting" | "struck" | "strike" | "strikes"
        )
        && lowers[ts..te]
            .iter()
            .any(|w| matches!(*w, "mine" | "landmine" | "ied"));
    under || drew || died || backed || faces || investigated || mined
}
