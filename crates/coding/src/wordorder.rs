//! Roles by word order, where the parse gives none: clause bounds, voice, the subject before the trigger and
//! coordinated actors.

use crate::attributes::ATTRIBUTION;
use crate::coder::*;
use crate::quotes::SPEECH_VERBS;

pub(crate) const PREPOSITIONS: &[&str] = &[
    "of",
    "to",
    "from",
    "with",
    "for",
    "against",
    "in",
    "on",
    "at",
    "about",
    "by",
    "under",
    "into",
    "over",
    "between",
    "among",
    "toward",
    "towards",
    "across",
    "through",
    "after",
    "before",
    "alongside",
    "near",
    "than",
    "like",
    "including",
    "behind",
    "upon",
    "within",
    "without",
    "around",
    "via",
    "per",
    "during",
];

pub(crate) const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "'s", "'re", "got", "get", "gets",
];

pub(crate) const RELATIVES: &[&str] = &["which", "who", "that"];

/// Words between a subject and its verb that do not break the link ("Kazakhstan earlier this week requested").
pub(crate) const SKIPPABLE: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "be",
    "been",
    "not",
    "n't",
    "then",
    "later",
    "already",
    "subsequently",
    "reportedly",
    "allegedly",
    "earlier",
    "this",
    "week",
    "now",
    "still",
    "openly",
    "repeatedly",
    "for",
    "months",
    "years",
    "quickly",
    "formally",
    "officially",
    "again",
    "finally",
    "once",
    "first",
    "jointly",
    "on",
    "to",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "just",
    "recently",
];

pub(crate) const CLAUSE_BREAKS: &[&str] = &[";", "--", "\"", "(", ")", ":"];

pub(crate) const COORDINATORS: &[&str] = &["alongside", "together", "along", "as"];

/// Tokens that end a clause: `;`, dashes, brackets, and quotation marks that enclose speech (four or more
/// tokens); scare quotes ("extremist") do not.
pub(crate) fn clause_breaks(lowers: &[&str]) -> Vec<bool> {
    let mut out: Vec<bool> = lowers
        .iter()
        .map(|w| CLAUSE_BREAKS.contains(w) && *w != "\"")
        .collect();
    let quotes: Vec<usize> = (0..lowers.len()).filter(|&i| lowers[i] == "\"").collect();
    let mut k = 0;
    while k < quotes.len() {
        match quotes.get(k + 1) {
            Some(&close) if close - quotes[k] - 1 < 4 => k += 2,
            _ => {
                out[quotes[k]] = true;
                k += 1;
            }
        }
    }
    out
}

/// "were killed", "was nationalized by", "18 officers killed in the clashes".
pub(crate) fn is_passive(lowers: &[&str], ts: usize, te: usize, verbal: bool, root: &str) -> bool {
    if !verbal {
        return false;
    }
    let w = lowers[ts];
    let participle = w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "shot"
                | "hit"
                | "held"
                | "sent"
                | "struck"
                | "slain"
                | "hurt"
                | "beaten"
                | "seized"
                | "caught"
                | "fought"
                | "led"
                | "built"
                | "put"
                | "set"
                | "cut"
        );
    if !participle {
        return false;
    }
    // a form of "be" up to two words before ("were reportedly killed", "had been cleared")
    // "'s" is "is" only right before the participle ("it's banned"); further back it is a possessive
    // ("Congo's government accused")
    let be_before = (ts.saturating_sub(3)..ts)
        .any(|i| BE.contains(&lowers[i]) && (lowers[i] != "'s" || i + 1 == ts));
    if be_before {
        // "has been" + participle is passive; "have been sending" is not (handled: participle only)
        return true;
    }
    // reduced relative: "officers killed in the clashes", "protesters detained by police" (the verb itself must
    // be followed by the preposition: "imposed new sanctions on" has an object, so it is active)
    // (a trigger that spans its own object after the verb, "captured on Monday the port of Mokha", is active)
    if te > ts + 1 {
        return false;
    }
    let next = lowers.get(ts + 1).copied().unwrap_or("");
    let prev = if ts > 0 { lowers[ts - 1] } else { "" };
    // without "by", only acts done to people read this way ("officers killed in", "activists detained at");
    // "demonstrators protested in", "troops arrived in" are active
    let done_to = matches!(root, "17" | "18" | "19" | "20");
    // "killed at least 75 people" counts an object; it is not where
    let counted = next == "at" && matches!(lowers.get(ts + 2).copied(), Some("least" | "most"));
    // "by" before a gerund tells the means, not an agent ("retaliated by firing", "responded by sending")
    let means = next == "by" && lowers.get(ts + 2).is_some_and(|w| w.ends_with("ing"));
    (next == "by" && !means || done_to && !counted && matches!(next, "in" | "during" | "at" | "on"))
        && !prev.is_empty()
        && !SKIPPABLE.contains(&prev)
        && !PREPOSITIONS.contains(&prev)
        && prev.chars().all(|c| c.is_alphabetic())
        && !matches!(
            prev,
            "and"
                | "or"
                | "but"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "who"
                | "which"
                | "that"
        )
}

pub(crate) fn is_coordinator(lowers: &[&str], i: usize) -> bool {
    match lowers[i] {
        "alongside" => true,
        "together" | "along" => lowers.get(i + 1) == Some(&"with"),
        "as" => lowers.get(i + 1) == Some(&"well") && lowers.get(i + 2) == Some(&"as"),
        _ => false,
    }
}

/// True when the mention is the object of a preposition ("with Kazakhstan", "to the protesters").
pub(crate) fn is_prep_object(lowers: &[&str], s: &Slot<'_>) -> bool {
    place_prep_before(lowers, s).is_some()
}

/// Directions before a place name ("in southern Lebanon").
pub(crate) const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// The preposition a mention is the object of, past determiners and directions ("in southern Lebanon").
pub(crate) fn place_prep_before<'a>(lowers: &[&'a str], s: &Slot<'_>) -> Option<&'a str> {
    let mut i = s.ts;
    while i > 0 && (DETERMINERS.contains(&lowers[i - 1]) || DIRECTIONS.contains(&lowers[i - 1])) {
        i -= 1;
    }
    (i > 0 && PREPOSITIONS.contains(&lowers[i - 1])).then(|| lowers[i - 1])
}

/// The subject of a trigger among the mentions before it (nearest first).
pub(crate) fn subject_before<'d>(
    lowers: &[&str],
    ts: usize,
    before: Vec<&Slot<'d>>,
    trigger_ends: &[usize],
) -> Option<Slot<'d>> {
    // "Tajikistan, which approved sending": the antecedent of a relative pronoun
    let mut j = ts;
    while j > 0 && SKIPPABLE.contains(&lowers[j - 1]) && !RELATIVES.contains(&lowers[j - 1]) {
        j -= 1;
    }
    if j > 0 && RELATIVES.contains(&lowers[j - 1]) && lowers[j - 1] != "that" {
        let mut k = j - 1;
        if k > 0 && lowers[k - 1] == "," {
            k -= 1;
        }
        if let Some(s) = before.iter().find(|s| s.te == k) {
            return Some(**s);
        }
    }
    // "Kenya and Ethiopia, which contribute troops to the mission, offered condolences": the subject stands
    // before the relative clause that ends right before the verb
    if j > 1 && lowers[j - 1] == "," {
        let opening = (0..j - 1).rev().take(WINDOW).find(|&k| {
            lowers[k] == ","
                && lowers
                    .get(k + 1)
                    .is_some_and(|w| RELATIVES.contains(w) && *w != "that")
        });
        if let Some(k) = opening {
            if !lowers[k + 1..j - 1].contains(&",") {
                if let Some(s) = before.iter().find(|s| s.te == k) {
                    return Some(**s);
                }
            }
        }
    }
    // a mention right before the verb is its subject, whatever precedes it ("after Toqaev asked") — unless it
    // is where something happened ("a strike in southern Lebanon killed")
    if let Some(s) = before.last() {
        // or what someone is loyal or close to ("rebels loyal to Riek Machar freed"); "of", "from" and "by"
        // phrases still name the actor ("dozens of demonstrators", "a delegation from the United States")
        let placed = matches!(
            place_prep_before(lowers, s),
            Some(
                "in" | "near"
                    | "at"
                    | "outside"
                    | "inside"
                    | "across"
                    | "on"
                    | "to"
                    | "with"
                    | "against"
                    | "into"
                    | "toward"
                    | "towards"
            )
        );
        if s.te == j && s.te > 0 && !placed {
            return Some(**s);
        }
    }
    // the object of an earlier trigger ("stormed government buildings, looted ...") is no subject
    let is_object = |s: &Slot<'_>| {
        let mut i = s.ts;
        while i > 0
            && (DETERMINERS.contains(&lowers[i - 1])
                || lowers[i - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ','))
        {
            i -= 1;
        }
        trigger_ends.contains(&i)
    };
    // the speaker of a reported clause is not its subject ("the minister said that the suspects were
    // arrested": the minister was not)
    let reports = |s: &Slot<'_>| {
        lowers[s.te..ts]
            .windows(2)
            .any(|w| ATTRIBUTION.contains(&w[0]) && w[1] == "that")
    };
    // nearest mention that is not a prepositional object, not a possessor of something else and not an
    // example in a list closed by a comma ("partners, including Japan, Canada and Mexico, publicly threatening
    // them"; but "countries such as Chad and Niger condemned" is theirs)
    before
        .iter()
        .rev()
        .find(|s| {
            let possessive = lowers.get(s.te) == Some(&"'s") && s.te + 1 != ts;
            let speech_object = s.ts > 0 && SPEECH_VERBS.contains(&lowers[s.ts - 1]);
            let listed = lowers[s.te..ts].contains(&",") && an_example(lowers, &before, s);
            !is_prep_object(lowers, s)
                && !possessive
                && !speech_object
                && !is_object(s)
                && !reports(s)
                && !listed
        })
        .map(|s| **s)
}

/// Whether mention `s` is one of the examples a list gives of a noun before it ("other partners, including
/// Europe, Japan and Mexico", "countries such as Chad and Niger"): it names what the noun covers, and is no
/// subject of what follows.
fn an_example(lowers: &[&str], before: &[&Slot<'_>], s: &Slot<'_>) -> bool {
    // back over the list: its separators, its members coded or not (a name of no actor: "Europe")
    let mut k = s.ts;
    let mut uncoded = 0;
    while k > 0 && s.ts - k < 16 {
        let w = lowers[k - 1];
        if matches!(w, "including" | "notably") || w == "as" && k > 1 && lowers[k - 2] == "such" {
            return true;
        }
        if matches!(w, "," | "and" | "or" | "the") {
            k -= 1;
            uncoded = 0;
        } else if let Some(m) = before.iter().find(|m| m.te == k && m.ts < k) {
            k = m.ts;
        } else if uncoded < 2 && w.chars().all(char::is_alphabetic) && !matches!(w, "said" | "says")
        {
            k -= 1;
            uncoded += 1;
        } else {
            return false;
        }
    }
    false
}

/// Mentions coordinated with `first` by "and" or commas ("Russia, Belarus and Armenia").
pub(crate) fn coordinated<'d>(
    lowers: &[&str],
    slots: &[Slot<'d>],
    first: &Slot<'d>,
    right: usize,
) -> Vec<Slot<'d>> {
    let mut out = Vec::new();
    let mut end = first.te;
    loop {
        let mut k = end;
        while k < right && matches!(lowers[k], "and" | "," | "or" | "the") {
            k += 1;
        }
        if k == end
            || !lowers[end..k]
                .iter()
                .any(|w| matches!(*w, "and" | "," | "or"))
        {
            break;
        }
        match slots.iter().find(|s| s.ts == k && s.te <= right) {
            Some(s) => {
                out.push(*s);
                end = s.te;
            }
            None => break,
        }
    }
    out
}

/// Mentions coordinated before `last` ("China and Brazil signed": China), in text order.
pub(crate) fn coordinated_before<'d>(
    lowers: &[&str],
    slots: &[Slot<'d>],
    last: &Slot<'d>,
    left: usize,
) -> Vec<Slot<'d>> {
    let mut out = Vec::new();
    let mut start = last.ts;
    loop {
        let mut k = start;
        while k > left && matches!(lowers[k - 1], "and" | "," | "the") {
            k -= 1;
        }
        // (a list ends with "and" before its last member: "China, Russia and Iran"; a bare comma before the
        // subject closes a fronted phrase, "In a meeting with Yang Jiechi, Moon condemned")
        let joiner = if out.is_empty() {
            &["and"][..]
        } else {
            &["and", ","][..]
        };
        if k == start || !lowers[k..start].iter().any(|w| joiner.contains(w)) {
            break;
        }
        match slots.iter().find(|s| s.te == k && s.ts >= left) {
            Some(s) => {
                out.push(*s);
                start = s.ts;
            }
            None => break,
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::is_passive;

    fn passive(sentence: &str, trigger: &str, root: &str) -> bool {
        let lowers: Vec<&str> = sentence.split(' ').collect();
        let ts = lowers.iter().position(|w| *w == trigger).unwrap();
        is_passive(&lowers, ts, ts + 1, true, root)
    }

    #[test]
    fn by_names_an_agent_but_not_a_means() {
        assert!(passive(
            "the plant was nationalized by the state",
            "nationalized",
            "17"
        ));
        assert!(passive("protesters detained by police", "detained", "17"));
        assert!(!passive(
            "the south retaliated by firing shells",
            "retaliated",
            "19"
        ));
        assert!(!passive(
            "demonstrators protested in the capital",
            "protested",
            "14"
        ));
        let lowers: Vec<&str> = "forces captured on monday the port".split(' ').collect();
        assert!(
            !is_passive(&lowers, 1, 6, true, "19"),
            "the trigger holds its object"
        );
        assert!(is_passive(&lowers, 1, 2, true, "19"));
    }
}
