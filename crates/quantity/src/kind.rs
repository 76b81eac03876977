//! What an amount counts: the kind told by the words around it (outcome words, the noun counted, words of
//! protest), one person named by a singular noun, and lists of amounts that share a kind.

use crate::words::{NOUNS, ONE_PERSON, OUTCOMES, PEOPLE, PROTEST_WORDS, SMALL};
use petrel_core::{CountKind, Token, TokenKind};

/// "a man", "another suspect", "a 55-year-old off-duty officer": one person, at token `i` (the article), when a
/// singular person noun follows within five tokens; returns the noun's index.
pub(crate) fn one_person(tokens: &[Token], i: usize) -> Option<usize> {
    if !matches!(tokens[i].lower.as_str(), "a" | "an" | "another") {
        return None;
    }
    (i + 1..(i + 6).min(tokens.len()))
        .take_while(|&k| tokens[k].kind != TokenKind::Punct || tokens[k].lower == "-")
        .find(|&k| ONE_PERSON.contains(&tokens[k].lower.as_str()))
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

/// The kind of a count whose amount spans tokens `[s, e)` of a sentence.
pub(crate) fn kind_of(tokens: &[Token], s: usize, e: usize) -> Option<CountKind> {
    let lower = |k: usize| tokens[k].lower.as_str();
    // the counted noun phrase: up to three words after the amount ("18 security officers")
    let mut noun_end = e;
    let mut noun_kind = None;
    let mut people = false;
    for k in e..(e + 4).min(tokens.len()) {
        if tokens[k].kind == TokenKind::Punct {
            break;
        }
        if let Some((_, kind)) = NOUNS.iter().find(|(n, _)| *n == lower(k)) {
            noun_kind = Some(*kind);
            noun_end = k + 1;
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
            break;
        }
        // a people named by a demonym in the plural ("millions of South Koreans", "thousands of Iraqis")
        let demonym = k > e
            && tokens[k].capitalized
            && lower(k).len() > 3
            && lower(k).ends_with('s')
            && lower(e) == "of";
        if PEOPLE.contains(&lower(k)) || ONE_PERSON.contains(&lower(k)) || demonym {
            people = true;
            noun_end = k + 1;
            break;
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
        let known = run
            .iter()
            .copied()
            .find(|&k| PEOPLE.contains(&lower(k)) || NOUNS.iter().any(|(n, _)| *n == lower(k)));
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
                let names = tokens[noun_end + 1..(noun_end + 5).min(tokens.len())]
                    .iter()
                    .take_while(|t| {
                        t.kind == TokenKind::Word && (t.capitalized || t.lower == "the")
                    })
                    .count();
                if names > 0 && tokens[noun_end + names].capitalized {
                    noun_end += 1 + names;
                }
            }
        }
    }
    // an outcome word right after the noun phrase ("officers killed", "were killed", "people were detained")
    for k in noun_end..(noun_end + 6).min(tokens.len()) {
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
            return Some(*kind);
        }
        if tokens[k].kind == TokenKind::Punct
            || !matches!(
                lower(k),
                "were"
                    | "was"
                    | "have"
                    | "had"
                    | "been"
                    | "are"
                    | "is"
                    | "reportedly"
                    | "also"
                    | "believed"
                    | "feared"
                    | "thought"
                    | "said"
                    | "reported"
                    | "to"
                    | "be"
            )
        {
            break;
        }
    }
    // an outcome verb right before the amount says what happened to them ("arrested 40 protesters",
    // "killed at least 18 soldiers"), whatever the noun
    for k in (s.saturating_sub(3)..s).rev() {
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
            // "deployed 50 tanks" counts no one: deployment, protest and abduction verbs need people
            let of_people = people || noun_kind.is_some();
            let needs_people = matches!(
                kind,
                CountKind::Troops
                    | CountKind::Protesters
                    | CountKind::Abducted
                    | CountKind::Displaced
            );
            if (lower(k).ends_with("ed") || lower(k).ends_with("ing"))
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
        if matches!(
            lower(k),
            "in" | "at" | "near" | "across" | "inside" | "into"
        ) && !approximate
            || tokens[k].kind == TokenKind::Number
        {
            break;
        }
        if let Some((_, kind)) = OUTCOMES.iter().find(|(o, _)| *o == lower(k)) {
            let needs_people = matches!(
                kind,
                CountKind::Troops
                    | CountKind::Protesters
                    | CountKind::Abducted
                    | CountKind::Displaced
            );
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
