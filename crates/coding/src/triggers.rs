//! Triggers: the pattern matches of a sentence that stand as events (the most specific where matches overlap,
//! fallbacks only where nothing else is coded), and the matches that tell no event that happened (purpose
//! infinitives, the content of an accusation, habits).

use crate::attributes::FUTURE;
use crate::coder::*;
use petrel_core::Document;
use petrel_knowledge::PatternMatch;

impl EventCoder<'_> {
    /// The triggers of sentence `si` (its lowercased tokens `lowers`), in text order, and the plain statement held
    /// back behind them (coded only if none of them gives an event: `EventCoder::code_sentence`).
    pub(crate) fn triggers(
        &self,
        doc: &Document,
        si: usize,
        lowers: &[&str],
    ) -> (Vec<PatternMatch>, Option<PatternMatch>) {
        let sent = &doc.sentences[si];
        // the parse of the sentence's words, where the document has one
        let parsed = doc.syntax.len() == doc.tokens.len();
        let syntax = |i: usize| doc.syntax.get(sent.first_token + i).filter(|_| parsed);
        // the tagger's verbs, for patterns that only take a word as a verb (`{support}@V`)
        let verbs: Vec<bool> = match doc.syntax.get(sent.first_token..sent.end_token) {
            Some(x) if parsed => x.iter().map(|x| x.upos == "VERB").collect(),
            _ => Vec::new(),
        };
        let mut matches = self.k.patterns.find_all_tagged(lowers, &verbs);
        // a verb pattern on a word the tagger reads as a noun or name ("the call on July 25", "a consulting
        // firm", "the National Prosecuting Authority") tells no action, unless the noun itself names an event
        // that happened ("the raid", "a clash", `event-nouns.tsv`) or is a gerund ("a meeting with")
        let nominal = |i: usize| {
            syntax(i).is_some_and(|x| {
                x.upos == "PROPN" || x.upos == "NOUN" && !lowers[i].ends_with("ing")
            }) && self.k.event_nouns.roots(lowers[i]).is_none()
        };
        // "the banned movement": a participle after a determiner is an adjective, not an action; so is one the
        // parse attaches to a noun as a modifier ("backed opposing sides")
        // (but not right after a noun: "the Syrian army shelled rebel positions" is a clause the parse misread)
        let amod = |i: usize| {
            syntax(i).is_some_and(|x| x.deprel == "amod")
                && !(i > 0
                    && syntax(i - 1).is_some_and(|x| matches!(x.upos.as_str(), "NOUN" | "PROPN")))
        };
        matches.retain(|m| {
            let p = self.k.patterns.get(m.pattern);
            let on_noun = p.source.starts_with('{') && nominal(m.start);
            let adjective = p.verbal
                && (crate::coder::determiner_before(lowers, m.start)
                    && lowers[m.start].ends_with("ed")
                    || m.end == m.start + 1 && amod(m.start));
            !on_noun && !adjective
        });
        // a label ("called the move unjustified") is a statement only where the sentence judges
        if matches
            .iter()
            .any(|m| self.k.patterns.get(m.pattern).judged_only)
            && self.judgement(lowers).is_none()
        {
            matches.retain(|m| !self.k.patterns.get(m.pattern).judged_only);
        }
        // a fallback (a plain statement: "the minister said") stands only where nothing else is told: held back
        // behind the other triggers
        let mut held_back = None;
        if matches
            .iter()
            .any(|m| !self.k.patterns.get(m.pattern).fallback)
        {
            held_back = matches
                .iter()
                .find(|m| self.k.patterns.get(m.pattern).fallback)
                .cloned();
            matches.retain(|m| !self.k.patterns.get(m.pattern).fallback);
        } else {
            matches.truncate(1);
        }
        if matches.is_empty() {
            return (Vec::new(), None);
        }
        // one event per action: the most specific pattern wins where matches overlap
        matches.sort_by_key(|m| {
            let p = self.k.patterns.get(m.pattern);
            (
                std::cmp::Reverse(p.weight()),
                std::cmp::Reverse(p.code.len()),
                m.start,
            )
        });
        let mut chosen: Vec<PatternMatch> = Vec::new();
        let mut taken = vec![false; lowers.len()];
        for m in matches {
            if !taken[m.start..m.end].iter().any(|t| *t) {
                taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
                chosen.push(m);
            }
        }
        chosen.sort_by_key(|m| m.start);
        (chosen, held_back)
    }

    /// Whether trigger `m` of the sentence tells no event that happened: a purpose infinitive ("to help quell
    /// protests"), the content of an accusation told just before ("accused the RSF of looting"), a habit ("meets
    /// four times a year"). `[left, right)` is the trigger's clause.
    pub(crate) fn not_a_report(
        &self,
        lowers: &[&str],
        m: &PatternMatch,
        chosen: &[PatternMatch],
        left: usize,
        right: usize,
    ) -> bool {
        let pattern = self.k.patterns.get(m.pattern);
        let ts = m.start;
        // "to help quell protests": a purpose infinitive is not an event that happened; after "expected",
        // "plans" and the like it is a future one (see `modality`)
        let mut p = ts;
        while p > 0 && lowers[p - 1] == "\"" {
            p -= 1;
        }
        // (after "continued", "began" and the like the act goes on or starts: "police continue to arrest
        // activists", "the factions continue to fortify their positions"; not "called on them to continue to
        // provide aid", itself an infinitive)
        // ("went so far as to say": a degree, not a purpose)
        let degree = p >= 3 && lowers[p - 2] == "as" && lowers[p - 3] == "far";
        let purpose = p >= 1
            && !degree
            && (lowers[p - 1] == "to"
                && !(p >= 2
                    && (FUTURE.contains(&lowers[p - 2])
                        || ASPECTUAL.contains(&lowers[p - 2])
                            && !(p >= 3 && lowers[p - 3] == "to")))
                || matches!(lowers[p - 1], "help" | "helping" | "helped"));
        if pattern.verbal && purpose {
            return true;
        }
        // "accused the RSF of looting warehouses": the looting is the accusation's content, alleged, and
        // the accusation is the event
        // (and "claimed that the Church imprisoned her", "alleged police beat them": what a claim or allegation
        // tells is its content)
        let alleged = ts > 0
            && lowers[ts - 1] == "of"
            && lowers[ts].ends_with("ing")
            && chosen.iter().any(|c| {
                c.end <= ts
                    && ts - c.end <= 8
                    && self.k.patterns.get(c.pattern).code.starts_with("11")
            }) || chosen.iter().any(|c| {
            c.end <= ts
                && ts - c.end <= 8
                && self.k.patterns.get(c.pattern).code == "112"
                && matches!(lowers[c.start], w if w.starts_with("claim") || w.starts_with("alleg"))
        });
        if alleged {
            return true;
        }
        // "an outbreak of cholera killed 60", "the virus, which has killed sixteen", "a heart attack": deaths and
        // damage by disease, weather or accident are no act of a political actor
        if matches!(&pattern.code[..2], "18" | "19" | "20") && natural_cause(lowers, ts, m.end) {
            return true;
        }
        // "The board meets four times a year": a habit, not an event; so is one told by an adverb right before
        // its verb ("Algeria traditionally opposes", "is often critical of")
        let habitual = (left..right).any(|i| {
            matches!(
                lowers[i],
                "usually" | "regularly" | "routinely" | "annually" | "customarily"
            ) || lowers[i] == "times" && lowers.get(i + 1) == Some(&"a")
                || lowers[i] == "every"
                    && lowers
                        .get(i + 1)
                        .is_some_and(|w| matches!(*w, "year" | "month" | "week" | "day"))
        }) || lowers[ts.saturating_sub(2)..m.end].iter().any(|w| {
            matches!(
                *w,
                "traditionally" | "often" | "typically" | "frequently" | "habitually"
            )
        });
        habitual
    }
}

/// Verbs of an act going on or starting: the infinitive after them tells the act itself ("continued to shell").
const ASPECTUAL: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "continuing",
    "begin",
    "begins",
    "began",
    "begun",
    "start",
    "starts",
    "started",
];

/// Words that name a disease, a natural disaster or an accident: what kills or destroys without an actor.
#[rustfmt::skip]
const NATURAL_CAUSES: &[&str] = &[
    "virus", "viruses", "flu", "influenza", "h1n1", "h5n1", "disease", "diseases", "outbreak", "epidemic",
    "pandemic", "cholera", "ebola", "malaria", "measles", "illness", "infection", "cancer", "heart",
    "strain", "strains", "bacteria", "salmonella", "typhoid", "tuberculosis", "polio", "dengue", "plague",
    "cyclone", "hurricane", "typhoon", "tornado", "earthquake", "earthquakes", "quake", "tremor",
    "tremors", "tsunami", "flood", "floods", "flooding", "landslide", "landslides", "mudslide", "avalanche",
    "drought", "famine", "heatwave", "wildfire", "wildfires", "bushfire", "bushfires", "blaze", "eruption",
    "volcano", "volcanic", "blizzard", "snowstorm", "crash", "accident", "collision", "leak", "spill", "boiler",
    "fireworks", "lightning", "stampede", "monoxide", "plunged", "capsized", "derailed", "collapsed", "magnitude",
    "erupted",
];

/// Words of people who use force: with one of them in the sentence, a disaster word does not make a killing natural
/// ("militants attacked the village after the flood").
#[rustfmt::skip]
const FORCE_USERS: &[&str] = &[
    "gunmen", "gunman", "militants", "militant", "attackers", "attacker", "soldiers", "troops", "police", "rebels",
    "forces", "bomber", "bombers", "insurgents", "terrorists", "army", "jihadists", "fighters", "shooter",
];

/// Whether the trigger at `[ts, te)` is done by a natural cause: one of [`NATURAL_CAUSES`] in the noun phrase
/// just before it (past auxiliaries and a relative "which"), or right after "by", "from" or "of" following it.
fn natural_cause(lowers: &[&str], ts: usize, te: usize) -> bool {
    let mut i = ts;
    while i > 0
        && matches!(
            lowers[i - 1],
            "has"
                | "have"
                | "had"
                | "was"
                | "were"
                | "been"
                | "is"
                | "are"
                | "be"
                | "which"
                | "that"
                | ","
                | "also"
                | "already"
                | "reportedly"
                | "a"
                | "an"
                | "the"
        )
    {
        i -= 1;
    }
    let before = (i.saturating_sub(4)..i)
        .rev()
        .take_while(|&k| !DETERMINERS.contains(&lowers[k]) && lowers[k] != ",")
        .any(|k| NATURAL_CAUSES.contains(&lowers[k]))
        // or the clause's subject further back ("a strong earthquake on Indonesia's main island of Java killed")
        || (ts.saturating_sub(10)..ts)
            .rev()
            .take_while(|&k| !matches!(lowers[k], "," | ";" | "and" | "but" | "-" | "--"))
            .any(|k| NATURAL_CAUSES.contains(&lowers[k]));
    let after = lowers
        .get(te)
        .is_some_and(|w| matches!(*w, "by" | "from" | "of" | "in"))
        && (te + 1..(te + 5).min(lowers.len()))
            .take_while(|&k| lowers[k] != ",")
            .any(|k| NATURAL_CAUSES.contains(&lowers[k]));
    // or anywhere before it in a sentence that names no one who uses force ("Multiple earthquakes - including a
    // 6.9-magnitude tremor - struck Lombok on Sunday, killing at least two people")
    let sentence = lowers[..ts].iter().any(|w| NATURAL_CAUSES.contains(w))
        && !lowers.iter().any(|w| FORCE_USERS.contains(w));
    before || after || sentence
}
