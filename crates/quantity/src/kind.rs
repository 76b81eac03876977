//! What an amount counts: the kind told by the words around it (outcome words, the noun counted, words of
//! protest), one person named by a singular noun, and lists of amounts that share a kind.

use crate::words::{
    BRIDGE, INTRANSITIVE, NOUNS, ONE_PERSON, OUTCOMES, OUTCOMES_AFTER, PARENTHESIS, PASSIVE_BRIDGE,
    PEOPLE, PROTEST_WORDS, SMALL,
};
use petrel_core::{CountKind, Token, TokenKind};

/// "a man", "another suspect", "a 55-year-old off-duty officer": one person, at token `i` (the article), when a
/// singular person noun follows within five tokens; returns the noun's index.
pub(crate) fn one_person(tokens: &[Token], i: usize) -> Option<usize> {
    let article = matches!(tokens[i].lower.as_str(), "a" | "an" | "another");
    // (or a possessive: "his son", "King's four year old son James", with no other phrase before the noun)
    let possessive = matches!(tokens[i].lower.as_str(), "his" | "her" | "their" | "'s");
    if !article && !possessive {
        return None;
    }
    (i + 1..(i + 6).min(tokens.len()))
        .take_while(|&k| tokens[k].kind != TokenKind::Punct || tokens[k].lower == "-")
        .take_while(|&k| {
            let w = tokens[k].lower.as_str();
            !possessive
                || !matches!(
                    w,
                    "and" | "or" | "a" | "an" | "the" | "was" | "were" | "is" | "are"
                ) && !OUTCOMES.iter().any(|(o, _)| *o == w)
        })
        // (a lowercase noun: "Guatemala's National Institute" names no one)
        .find(|&k| ONE_PERSON.contains(&tokens[k].lower.as_str()) && !tokens[k].capitalized)
}

/// "He was pronounced dead", "she died of her wounds", "he was shot dead", "she was injured": one person, named by
/// the pronoun at token `i`, killed or wounded. (A killing's object, "killed him", is counted by the coder.)
pub(crate) fn one_pronoun(tokens: &[Token], i: usize) -> Option<CountKind> {
    if !matches!(tokens[i].lower.as_str(), "he" | "she") {
        return None;
    }
    one_dies(tokens, i + 1)
}

/// What happened to one person told by the words from token `i` on, after the pronoun or the name that tells
/// them: "was pronounced dead", "died of his injuries", "was shot dead" (killed), "was injured" (injured).
pub(crate) fn one_dies(tokens: &[Token], i: usize) -> Option<CountKind> {
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let mut k = i;
    let mut passive = false;
    while k < i + 4
        && matches!(
            lower(k),
            "was"
                | "had"
                | "has"
                | "been"
                | "later"
                | "reportedly"
                | "then"
                | "also"
                | "subsequently"
        )
    {
        passive |= matches!(lower(k), "was" | "been");
        k += 1;
    }
    let (w, next, next2) = (lower(k), lower(k + 1), lower(k + 2));
    let wounds = matches!(next2, "his" | "her") && matches!(lower(k + 3), "injuries" | "wounds");
    let killed = match w {
        "pronounced" | "declared" => next == "dead",
        // "died of his injuries", "succumbed to her wounds", "died in hospital"
        "died" | "succumbed" => {
            matches!(next, "of" | "from" | "to") && wounds
                || next == "in" && matches!(next2, "hospital" | "custody")
        }
        "killed" | "murdered" | "slain" | "assassinated" | "executed" | "lynched" => passive,
        // "was shot dead", "was stabbed to death", "was shot and killed"
        "shot" | "stabbed" | "beaten" | "hacked" | "burned" | "tortured" | "stoned" | "gunned" => {
            passive
                && (next == "dead"
                    || (next, next2) == ("to", "death")
                    || (next, next2) == ("and", "killed")
                    || (w, next) == ("gunned", "down"))
        }
        _ => false,
    };
    if killed {
        return Some(CountKind::Killed);
    }
    // "was injured", "suffered minor injuries", "sustained gunshot wounds"
    // (the verb may be read as an auxiliary above: "had minor injuries")
    let suffered = [i, k].into_iter().any(|v| {
        matches!(lower(v), "suffered" | "sustained" | "had" | "received")
            && (v + 1..(v + 4).min(tokens.len()))
                .take_while(|&j| tokens[j].kind == TokenKind::Word)
                .any(|j| matches!(lower(j), "injuries" | "wounds"))
    });
    (passive && matches!(w, "wounded" | "injured") || suffered).then_some(CountKind::Injured)
}

/// Whether tokens `[from, to)` between two amounts keep them in one list: words, commas and "and" only, at most
/// six, and a comma or "and" among them ("24 civilians, 24 Kurdish fighters, and 25 ...").
pub(crate) fn in_list(tokens: &[Token], from: usize, to: usize) -> bool {
    let between = &tokens[from.min(to)..to];
    between.len() <= 6
        && between
            .iter()
            .any(|t| matches!(t.lower.as_str(), "," | "and"))
        && between
            .iter()
            .all(|t| t.kind == TokenKind::Word || t.lower == "," || t.lower == "-")
        && !between
            .iter()
            .any(|t| OUTCOMES.iter().any(|(o, _)| *o == t.lower))
}

/// Whether the words after an amount name people ("24 Kurdish fighters", "three civilians"): such an amount may
/// take its kind from a later amount of the same list.
pub(crate) fn kind_of_noun_phrase_is_people(tokens: &[Token], e: usize) -> bool {
    tokens[e..(e + 4).min(tokens.len())]
        .iter()
        .take_while(|t| t.kind == TokenKind::Word)
        .any(|t| {
            let w = t.lower.as_str();
            PEOPLE.contains(&w) || NOUNS.iter().any(|(n, _)| *n == w)
        })
}

/// The outcome told after the people counted, from token `from`: an outcome word reached over auxiliaries and
/// adverbs ("were killed", "have now been displaced", "were taken into custody", "lost their lives", "remain in
/// hospital", "were forced from their homes") and over a parenthesis saying who they were ("Ten people, including
/// four children, were killed").
fn outcome_after(tokens: &[Token], from: usize, named: bool) -> Option<CountKind> {
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let mut k = from;
    let mut stop = (from + 8).min(tokens.len());
    while k < stop {
        let w = lower(k);
        if let Some((_, kind)) = OUTCOMES.iter().chain(OUTCOMES_AFTER).find(|(o, _)| *o == w) {
            return Some(*kind);
        }
        if w == "homes" && k > from && lower(k - 1) == "their" {
            return Some(CountKind::Displaced);
        }
        // "remain in hospital", "three men are in custody"
        if w == "in" && matches!(lower(k + 1), "hospital" | "hospitals") {
            return Some(CountKind::Injured);
        }
        if w == "in" && matches!(lower(k + 1), "custody" | "detention" | "jail" | "prison") {
            return Some(CountKind::Arrested);
        }
        // "forced from their homes"
        if matches!(w, "forced" | "from") && (lower(k + 1) == "their" || lower(k + 1) == "from") {
            k += 1;
            continue;
        }
        if w == "," && k == from && PARENTHESIS.contains(&lower(k + 1)) {
            let close = (k + 2..(k + 12).min(tokens.len())).find(|&j| {
                tokens[j].kind == TokenKind::Punct || OUTCOMES.iter().any(|(o, _)| *o == lower(j))
            });
            match close {
                Some(j) if lower(j) == "," => {
                    k = j + 1;
                    stop = (k + 8).min(tokens.len());
                    continue;
                }
                _ => return None,
            }
        }
        // "two journalists are being held", "12 militants had been captured": people a list names, held or
        // captured in the passive, are in custody ("234 pistols and 17,000 bullets were captured" are not)
        if w == "captured" && named && k > from {
            return Some(CountKind::Arrested);
        }
        if w == "held"
            && named
            && k > from
            && matches!(
                lower(k - 1),
                "were" | "was" | "been" | "are" | "is" | "being"
            )
            && !matches!(lower(k + 1), "up" | "back" | "responsible" | "accountable")
        {
            return Some(CountKind::Arrested);
        }
        // "were shot dead", "was beaten to death"
        let passive = PASSIVE_BRIDGE.contains(&w)
            && k > from
            && matches!(
                lower(k - 1),
                "were" | "was" | "been" | "are" | "is" | "being" | "be"
            );
        // "were killed on Thursday"
        if w == "on" && WEEKDAYS.contains(&lower(k + 1)) {
            k += 2;
            continue;
        }
        // (a word in quotation marks: 14 militants had been "neutralised")
        let quote = matches!(w, "\"" | "'") && k > from;
        if quote {
            k += 1;
            continue;
        }
        if tokens[k].kind == TokenKind::Punct || !(BRIDGE.contains(&w) || passive) {
            return None;
        }
        k += 1;
    }
    None
}

use petrel_core::date::WEEKDAY_NAMES as WEEKDAYS;

/// The kind of a toll the amount at token `s` is the figure of, told further back than an outcome word reaches:
/// "the death toll from the attack in Kabul has risen to 30", "the number of dead from Sunday's attack stands at
/// 30", "a toll of 30". `None` when the amount is not what the toll rose to or stands at.
fn toll_before(tokens: &[Token], s: usize) -> Option<CountKind> {
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let figure = (s.saturating_sub(2)..s).any(|k| {
        matches!(
            lower(k),
            "to" | "at" | "reached" | "hit" | "of" | "is" | "was"
        )
    });
    if !figure {
        return None;
    }
    for k in (s.saturating_sub(14)..s).rev() {
        if tokens[k].kind == TokenKind::Punct && lower(k) != "," && lower(k) != "'s" {
            return None;
        }
        if lower(k) == "toll" {
            return Some(match k.checked_sub(1).map(lower) {
                Some("injury" | "injuries") => CountKind::Injured,
                _ => CountKind::Killed,
            });
        }
        if lower(k) == "number" && lower(k + 1) == "of" {
            return (k + 2..(k + 4).min(s))
                .find_map(|j| OUTCOMES.iter().find(|(o, _)| *o == lower(j)))
                .map(|(_, kind)| *kind);
        }
    }
    None
}

/// The verb after a run of one to four words from token `from` that counts people: a passive's auxiliary
/// ("were", "have been") or a verb people do by themselves ("died", "marched"). Its index, or `None` when the
/// run holds punctuation, a number or an outcome word ("two bombs killed six": bombs kill no one counted).
fn run_to_verb(tokens: &[Token], from: usize) -> Option<usize> {
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let r = (from..(from + 5).min(tokens.len())).find(|&k| {
        tokens[k].kind != TokenKind::Word
            || OUTCOMES.iter().any(|(o, _)| *o == lower(k))
            || matches!(
                lower(k),
                "were" | "was" | "are" | "is" | "have" | "has" | "had"
            )
    })?;
    let verb = match lower(r) {
        "were" | "was" | "are" | "is" => true,
        "have" | "has" | "had" => lower(r + 1) == "been",
        w => INTRANSITIVE.contains(&w),
    };
    (r > from && verb).then_some(r)
}

/// The kind of a count whose amount spans tokens `[s, e)` of a sentence.
pub(crate) fn kind_of(tokens: &[Token], s: usize, e: usize) -> Option<CountKind> {
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    // the counted noun phrase: up to three words after the amount ("18 security officers")
    // "a 5,000-strong force", "a 3,000-strong crowd"
    if lower(e) == "-" && lower(e + 1) == "strong" {
        match lower(e + 2) {
            "force" | "forces" | "contingent" | "army" | "battalion" | "brigade" | "unit" => {
                return Some(CountKind::Troops)
            }
            "crowd" | "march" | "protest" | "demonstration" | "rally" | "procession" => {
                return Some(CountKind::Protesters)
            }
            _ => {}
        }
    }
    // "a crowd of 5,000", "crowds of thousands"
    let mut b = s;
    while b > 0
        && matches!(
            lower(b - 1),
            "about"
                | "around"
                | "some"
                | "nearly"
                | "almost"
                | "roughly"
                | "approximately"
                | "at"
                | "least"
                | "more"
                | "than"
                | "over"
                | "estimated"
                | "an"
        )
    {
        b -= 1;
    }
    if b >= 2 && lower(b - 1) == "of" && matches!(lower(b - 2), "crowd" | "crowds") {
        return Some(CountKind::Protesters);
    }
    let mut noun_end = e;
    let mut noun_kind = None;
    let mut people = false;
    // (an outcome before the noun says what happened to them: "two injured soldiers", "20 dead protesters")
    let mut told = None;
    let mut noun_at = e;
    let mut first_demonym = None;
    // (people read from the verb after a plural noun no list names)
    let mut generic = false;
    for k in e..(e + 5).min(tokens.len()) {
        if tokens[k].kind == TokenKind::Punct {
            break;
        }
        // (the noun phrase ends at a preposition other than "of": "two of the grenades at soldiers",
        // "killed four at a displaced persons' camp")
        if matches!(
            lower(k),
            "at" | "in" | "on" | "to" | "for" | "with" | "from" | "near" | "against" | "into"
        ) {
            break;
        }
        if lower(k).ends_with("ed") || lower(k) == "dead" {
            told = OUTCOMES
                .iter()
                .find(|(o, _)| *o == lower(k))
                .map(|(_, kind)| (k, *kind));
        }
        // (the noun phrase ends at a verb: "dozens were injured when police opened fire" counts no police)
        let verb = matches!(
            lower(k),
            "were"
                | "was"
                | "are"
                | "is"
                | "have"
                | "has"
                | "had"
                | "when"
                | "after"
                | "as"
                | "while"
                | "who"
                | "that"
                | "which"
                | "before"
                | "because"
        ) || told.is_some_and(|(t, _)| t == k)
            && !tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word);
        if verb {
            break;
        }
        if let Some((_, kind)) = NOUNS.iter().find(|(n, _)| *n == lower(k)) {
            noun_kind = Some(*kind);
            noun_end = k + 1;
            noun_at = k;
            break;
        }
        // the armed forces' people ("60,000 security personnel", "2,000 military personnel")
        if lower(k) == "personnel"
            && k > e
            && matches!(
                lower(k - 1),
                "security" | "military" | "army" | "defence" | "defense" | "armed" | "navy"
            )
        {
            noun_kind = Some(CountKind::Troops);
            noun_end = k + 1;
            noun_at = k;
            break;
        }
        // a people named by a demonym in the plural ("millions of South Koreans", "thousands of Iraqis")
        // (or right after the amount: "twelve Palestinians were killed")
        // (a noun of people after it is the noun counted: "200 Chinese human rights lawyers")
        // (one of them in the singular: "left one Iraqi dead", "one American was wounded")
        let one = k == e && e > 0 && lower(e - 1) == "one";
        let demonym = (k > e && lower(e) == "of" || k == e)
            && tokens[k].capitalized
            && lower(k).len() > 3
            && (lower(k).ends_with('s')
                || lower(k).ends_with("ese")
                || one && (lower(k).ends_with('i') || lower(k).ends_with("an")));
        if demonym && first_demonym.is_none() {
            first_demonym = Some(k);
        }
        // (and plural nouns of people by their ending: "20 schoolgirls", "three guardsmen", "two Christians")
        let person_ending = ["ists", "ians", "men", "girls", "boys"]
            .iter()
            .any(|x| lower(k).ends_with(x) && lower(k).len() > x.len() + 2);
        if PEOPLE.contains(&lower(k)) || ONE_PERSON.contains(&lower(k)) || person_ending {
            people = true;
            noun_end = k + 1;
            noun_at = k;
            // (a noun of people after another: "two police officers", "a national guard soldier")
            while tokens.get(noun_end).is_some_and(|t| {
                PEOPLE.contains(&t.lower.as_str()) || ONE_PERSON.contains(&t.lower.as_str())
            }) {
                noun_end += 1;
            }
            // (and the name of one person after the noun: "his son James", "a journalist, John Smith")
            let name = (noun_end..(noun_end + 3).min(tokens.len()))
                .take_while(|&j| tokens[j].kind == TokenKind::Word && tokens[j].capitalized)
                .count();
            if ONE_PERSON.contains(&lower(k)) {
                noun_end += name;
            }
            break;
        }
    }
    if let (false, None, Some(k)) = (people, noun_kind, first_demonym) {
        people = true;
        noun_end = k + 1;
        noun_at = k;
    }
    if let Some((_, kind)) =
        told.filter(|&(k, _)| (people || noun_kind.is_some()) && k + 1 == noun_at)
    {
        return Some(kind);
    }
    // "dozens of arrests", "hundreds of injured"
    if lower(e) == "of" {
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(e + 1)) {
            if matches!(
                lower(e + 1),
                "arrests" | "detentions" | "deaths" | "injuries" | "injured" | "wounded" | "dead"
            ) {
                return Some(*kind);
            }
        }
    }
    // people no list names, told by the verb after them: a plural noun before a passive or a verb people do by
    // themselves ("five herders were killed", "three Christian pilgrims died")
    if !people && noun_kind.is_none() {
        if let Some(r) = run_to_verb(tokens, e) {
            let last = lower(r - 1);
            if last.ends_with('s') || last.ends_with("men") {
                people = true;
                generic = true;
                noun_end = r;
            }
        }
    }
    // a coordinated noun ("ten journalists and bloggers are imprisoned", "200 lawyers and activists were
    // detained") stays in the noun phrase
    if (people || noun_kind.is_some())
        && tokens
            .get(noun_end)
            .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
    {
        // (a noun of people, or a plural noun right before the verb: "and bloggers are imprisoned")
        let run: Vec<usize> = (noun_end + 1..(noun_end + 4).min(tokens.len()))
            .take_while(|&k| tokens[k].kind == TokenKind::Word)
            .collect();
        // (or one person added to them: "two police officers and a civilian were killed", whom the coder adds)
        let known = run.iter().copied().find(|&k| {
            PEOPLE.contains(&lower(k))
                || NOUNS.iter().any(|(n, _)| *n == lower(k))
                || ONE_PERSON.contains(&lower(k)) && matches!(lower(k - 1), "a" | "an" | "one")
        });
        let plural = run.iter().copied().find(|&k| {
            lower(k).ends_with('s')
                && tokens.get(k + 1).is_some_and(|t| {
                    matches!(t.lower.as_str(), "were" | "are" | "have" | "had")
                        || OUTCOMES.iter().any(|(o, _)| *o == t.lower)
                })
        });
        if let Some(k) = known.or(plural) {
            noun_end = k + 1;
        }
    }
    // a place after the noun ("six aid workers in South Sudan were killed") stays in the noun phrase
    if people || noun_kind.is_some() {
        if let Some(prep) = tokens.get(noun_end) {
            if matches!(prep.lower.as_str(), "in" | "from" | "at" | "near" | "of") {
                // (a comma between two names stays in the place: "two children in Baghdad, Iraq have died")
                let names = (noun_end + 1..(noun_end + 7).min(tokens.len()))
                    .take_while(|&k| {
                        let t = &tokens[k];
                        t.kind == TokenKind::Word && (t.capitalized || t.lower == "the")
                            || t.lower == ","
                                && k > noun_end + 1
                                && tokens[k - 1].capitalized
                                && tokens.get(k + 1).is_some_and(|n| n.capitalized)
                    })
                    .count();
                if names > 0 && tokens[noun_end + names].capitalized {
                    noun_end += 1 + names;
                } else if prep.lower == "of" {
                    // "five members of the security forces were killed"
                    if let Some(r) = run_to_verb(tokens, noun_end + 1) {
                        noun_end = r;
                    }
                }
            }
        }
    }
    // an outcome word right after the noun phrase ("officers killed", "were killed", "people were detained")
    if let Some(kind) = outcome_after(tokens, noun_end, !generic) {
        return Some(kind);
    }
    if let Some(kind) = toll_before(tokens, s) {
        return Some(kind);
    }
    // an outcome verb right before the amount says what happened to them ("arrested 40 protesters",
    // "killed at least 18 soldiers", "shot dead two protesters"), whatever the noun
    for k in (s.saturating_sub(3)..s).rev() {
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
            // "deployed 50 tanks" counts no one: deployment, protest and abduction verbs need people
            let of_people = people || noun_kind.is_some();
            let needs_people = needs_people(*kind);
            // (and "shot dead two protesters")
            if (lower(k).ends_with("ed") || lower(k).ends_with("ing") || lower(k) == "dead")
                && (of_people || !needs_people)
            {
                return Some(*kind);
            }
        }
        if !matches!(
            lower(k),
            "at" | "least"
                | "about"
                | "around"
                | "nearly"
                | "some"
                | "more"
                | "than"
                | "over"
                | "up"
                | "to"
        ) {
            break;
        }
    }
    // an outcome word before the amount ("killed 18 people", "number of people detained reached 3,811")
    for k in (s.saturating_sub(6)..s).rev() {
        if tokens[k].kind == TokenKind::Punct && lower(k) != "," {
            break;
        }
        // (not past a place or another amount: "killed 11 civilians in several villages")
        let approximate = lower(k) == "at" && matches!(lower(k + 1), "least" | "most");
        // (nor past the start of another clause: "five people lost their lives while over 40 others were
        // affected")
        if matches!(
            lower(k),
            "in" | "at" | "near" | "across" | "inside" | "into"
        ) && !approximate
            || tokens[k].kind == TokenKind::Number
            || matches!(lower(k), "while" | "whereas" | "when" | "but")
        {
            break;
        }
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
            let needs_people = needs_people(*kind);
            if (noun_kind.is_none() || noun_kind == Some(CountKind::Troops))
                && (people || !needs_people)
            {
                return Some(*kind);
            }
        }
    }
    // (troops listed with another amount take the list's kind: "3 soldiers and 5 militants were killed")
    let listed_on = matches!(
        tokens.get(noun_end).map(|t| t.lower.as_str()),
        Some("and" | ",")
    ) && tokens
        .get(noun_end + 1)
        .is_some_and(|t| t.kind == TokenKind::Number || SMALL.iter().any(|(w, _)| *w == t.lower));
    if noun_kind == Some(CountKind::Troops) && listed_on {
        return None;
    }
    if noun_kind.is_some() {
        return noun_kind;
    }
    // people who then march, rally or take to the streets are protesters ("tens of thousands more residents
    // launched marches", "millions of South Koreans took to the streets")
    // (and people who "turned out" for someone gathered: "Thousands of people turned out to support Zuma")
    let after: Vec<&str> = tokens[noun_end..(noun_end + 8).min(tokens.len())]
        .iter()
        .take_while(|t| t.kind != TokenKind::Punct)
        .map(|t| t.lower.as_str())
        .collect();
    let turned_out = after
        .windows(2)
        .any(|w| matches!(w[0], "turned" | "turn" | "turning") && w[1] == "out")
        && !after.contains(&"be");
    if people && (after.iter().any(|w| PROTEST_WORDS.contains(w)) || turned_out) {
        return Some(CountKind::Protesters);
    }
    // an amount alone as the subject of a verb of crowds ("Thousands took to the streets", "Hundreds staged a
    // sit-in", "Thousands poured into the streets")
    let crowd_verb = matches!(
        lower(e),
        "took" | "joined" | "poured" | "filled" | "flooded" | "staged" | "held" | "thronged"
    );
    if !people && noun_end == e && crowd_verb && after.iter().any(|w| PROTEST_WORDS.contains(w)) {
        return Some(CountKind::Protesters);
    }
    // a bare vague amount as subject: "Dozens were killed"
    if !people && noun_end == e {
        for k in e..(e + 3).min(tokens.len()) {
            if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
                return Some(*kind);
            }
            if !matches!(
                lower(k),
                "were" | "was" | "have" | "had" | "been" | "are" | "is" | "reportedly" | "people"
            ) {
                break;
            }
        }
    }
    None
}

/// Whether a count of this kind needs people for its noun: deploying, protesting, abducting and displacing count
/// no one when the noun is things ("deployed 50 tanks").
fn needs_people(kind: CountKind) -> bool {
    matches!(
        kind,
        CountKind::Troops | CountKind::Protesters | CountKind::Abducted | CountKind::Displaced
    )
}
