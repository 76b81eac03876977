//! petrel-quantity: counts of people killed, injured, arrested, abducted and displaced, troops and protesters.
//!
//! Reads `tokens`, `sentences` and `dates` (numbers inside dates are not counts); fills `counts`.
//! An amount is a number ("3,811", "18", "1.5 million"), a number word ("three", "two hundred") or a vague
//! amount, read as a range following ACLED's conventions: "dozens" 12–99, "scores" 20–99, "hundreds"
//! 100–999, "thousands" 1,000–9,999, "a few"/"several thousand" 2,000–9,999, "tens of thousands"
//! 10,000–99,999. What it counts comes from the words around it, the nearest outcome word first
//! ("18 security officers killed", "the number of people detained reached 3,811"), then the noun counted
//! ("200 troops", "three bodies").

#![warn(missing_docs)]

use petrel_core::{starting_in, CountKind, CountMention, Document, Stage, Token, TokenKind};

const SMALL: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("a dozen", 12),
    ("dozen", 12),
];

const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
];

/// Vague amounts: token sequence → (min, max).
const VAGUE: &[(&[&str], u64, u64)] = &[
    // fractions and "a" of the large scales, exact ("half a million people fled", "a quarter of a million")
    (&["a", "quarter", "of", "a", "million"], 250_000, 250_000),
    (&["a", "quarter", "million"], 250_000, 250_000),
    (&["half", "a", "million"], 500_000, 500_000),
    (&["a", "half", "million"], 500_000, 500_000),
    (&["a", "million"], 1_000_000, 1_000_000),
    (&["a", "thousand"], 1_000, 1_000),
    (&["a", "hundred"], 100, 100),
    (&["tens", "of", "thousands"], 10_000, 99_999),
    (&["hundreds", "of", "thousands"], 100_000, 999_999),
    (&["a", "few", "thousand"], 2_000, 9_999),
    (&["several", "thousand"], 2_000, 9_999),
    (&["a", "few", "hundred"], 200, 999),
    (&["several", "hundred"], 200, 999),
    (&["a", "few", "dozen"], 24, 99),
    (&["several", "dozen"], 24, 99),
    (&["dozens"], 12, 99),
    (&["scores"], 20, 99),
    (&["hundreds"], 100, 999),
    (&["thousands"], 1_000, 9_999),
    (&["millions"], 1_000_000, 9_999_999),
    (&["a", "handful"], 2, 5),
    (&["a", "few"], 2, 9),
    (&["several"], 3, 9),
];

/// Words that say what happened to the people counted.
const OUTCOMES: &[(&str, CountKind)] = &[
    ("killed", CountKind::Killed),
    ("dead", CountKind::Killed),
    ("died", CountKind::Killed),
    ("deaths", CountKind::Killed),
    ("death", CountKind::Killed),
    ("bodies", CountKind::Killed),
    ("lives", CountKind::Killed),
    ("slain", CountKind::Killed),
    ("fatalities", CountKind::Killed),
    ("murdered", CountKind::Killed),
    ("executed", CountKind::Killed),
    ("injured", CountKind::Injured),
    ("wounded", CountKind::Injured),
    ("hurt", CountKind::Injured),
    ("injuries", CountKind::Injured),
    ("hospitalized", CountKind::Injured),
    ("hospitalised", CountKind::Injured),
    ("arrested", CountKind::Arrested),
    ("detained", CountKind::Arrested),
    ("arrests", CountKind::Arrested),
    ("detentions", CountKind::Arrested),
    ("jailed", CountKind::Arrested),
    ("custody", CountKind::Arrested),
    ("detainees", CountKind::Arrested),
    ("imprisoned", CountKind::Arrested),
    ("rounded", CountKind::Arrested),
    ("neutralised", CountKind::Killed),
    ("neutralized", CountKind::Killed),
    ("killing", CountKind::Killed),
    ("wounding", CountKind::Injured),
    ("injuring", CountKind::Injured),
    ("arresting", CountKind::Arrested),
    ("detaining", CountKind::Arrested),
    ("abducted", CountKind::Abducted),
    ("kidnapped", CountKind::Abducted),
    ("abducting", CountKind::Abducted),
    ("kidnapping", CountKind::Abducted),
    ("deployed", CountKind::Troops),
    ("dispatched", CountKind::Troops),
    ("deploying", CountKind::Troops),
    ("rallied", CountKind::Protesters),
    ("marched", CountKind::Protesters),
    ("protested", CountKind::Protesters),
    ("demonstrated", CountKind::Protesters),
    ("gathered", CountKind::Protesters),
    ("displaced", CountKind::Displaced),
    ("fled", CountKind::Displaced),
    ("fleeing", CountKind::Displaced),
    ("evacuated", CountKind::Displaced),
    ("uprooted", CountKind::Displaced),
    ("driven", CountKind::Displaced),
    ("homeless", CountKind::Displaced),
];

/// Nouns that tell the kind by themselves.
const NOUNS: &[(&str, CountKind)] = &[
    ("troops", CountKind::Troops),
    ("soldiers", CountKind::Troops),
    ("paratroopers", CountKind::Troops),
    ("servicemen", CountKind::Troops),
    ("peacekeepers", CountKind::Troops),
    ("marines", CountKind::Troops),
    ("troop", CountKind::Troops),
    ("service members", CountKind::Troops),
    ("reservists", CountKind::Troops),
    ("protesters", CountKind::Protesters),
    ("demonstrators", CountKind::Protesters),
    ("protestors", CountKind::Protesters),
    ("marchers", CountKind::Protesters),
    ("rioters", CountKind::Protesters),
    ("bodies", CountKind::Killed),
    ("dead", CountKind::Killed),
    ("casualties", CountKind::Killed),
    ("detainees", CountKind::Arrested),
    ("prisoners", CountKind::Arrested),
    ("hostages", CountKind::Abducted),
    ("refugees", CountKind::Displaced),
    ("evacuees", CountKind::Displaced),
];

/// Words of protest that make the people counted before them protesters.
const PROTEST_WORDS: &[&str] = &[
    "protest",
    "protests",
    "march",
    "marches",
    "marching",
    "rally",
    "rallies",
    "demonstration",
    "demonstrations",
    "demonstrating",
    "protesting",
    "streets",
    "sit-in",
];

/// Nouns for people that a count may measure when an outcome word says what happened to them.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "person",
    "civilians",
    "officers",
    "officials",
    "police",
    "policemen",
    "members",
    "children",
    "women",
    "men",
    "students",
    "journalists",
    "workers",
    "residents",
    "militants",
    "fighters",
    "rebels",
    "migrants",
    "refugees",
    "others",
    "personnel",
    "villagers",
    "passengers",
    "supporters",
    "activists",
    "protesters",
    "demonstrators",
    "soldiers",
    "troops",
    "paratroopers",
    "servicemen",
    "guards",
    "insurgents",
    "suspects",
    "gunmen",
    "pilgrims",
    "sailors",
    "crew",
    "fishermen",
    "farmers",
    "miners",
    "teachers",
    "doctors",
    "nurses",
    "patients",
    "voters",
    "schoolchildren",
    "girls",
    "boys",
    "worshippers",
    "tourists",
    "employees",
    "staff",
    "militiamen",
    "combatants",
    "attackers",
    "assailants",
    "bystanders",
    "detainees",
    "inmates",
    "prisoners",
    "hostages",
    "lawyers",
    "opponents",
    "relatives",
    "citizens",
];

/// Singular nouns for one person: "a man was killed", "police arrested a suspect" count one.
const ONE_PERSON: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "person",
    "child",
    "teenager",
    "officer",
    "policeman",
    "policewoman",
    "soldier",
    "journalist",
    "student",
    "protester",
    "demonstrator",
    "civilian",
    "worker",
    "suspect",
    "resident",
    "activist",
    "farmer",
    "driver",
    "pilot",
    "official",
    "doctor",
    "nurse",
    "teacher",
    "lawyer",
    "priest",
    "villager",
    "migrant",
    "refugee",
    "prisoner",
    "hostage",
    "guard",
    "gunman",
    "militant",
];

/// "a man", "another suspect", "a 55-year-old off-duty officer": one person, at token `i` (the article), when a
/// singular person noun follows within five tokens; returns the noun's index.
fn one_person(tokens: &[Token], i: usize) -> Option<usize> {
    if !matches!(tokens[i].lower.as_str(), "a" | "an" | "another") {
        return None;
    }
    (i + 1..(i + 6).min(tokens.len()))
        .take_while(|&k| tokens[k].kind != TokenKind::Punct || tokens[k].lower == "-")
        .find(|&k| ONE_PERSON.contains(&tokens[k].lower.as_str()))
}

/// An amount at token `i`: (min, max, tokens used).
fn amount(tokens: &[Token], i: usize) -> Option<(u64, u64, usize)> {
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    for (seq, lo, hi) in VAGUE {
        if seq.iter().enumerate().all(|(k, s)| w(k) == *s) {
            return Some((*lo, *hi, seq.len()));
        }
    }
    let t = tokens.get(i)?;
    let (mut value, mut used) = if t.kind == TokenKind::Number {
        let digits: String = t.lower.chars().filter(|c| *c != ',').collect();
        let v: f64 = digits.parse().ok()?;
        (v, 1)
    } else if let Some((_, v)) = SMALL.iter().find(|(s, _)| *s == t.lower) {
        (*v as f64, 1)
    } else {
        return None;
    };
    if let Some((_, scale)) = SCALES.iter().find(|(s, _)| *s == w(used)) {
        value *= *scale as f64;
        used += 1;
    }
    if !(value.is_finite() && (1.0..1e10).contains(&value) && value.fract() == 0.0) {
        return None;
    }
    Some((value as u64, value as u64, used))
}

/// Whether tokens `[from, to)` between two amounts keep them in one list: words, commas and "and" only, at most
/// six, and a comma or "and" among them ("24 civilians, 24 Kurdish fighters, and 25 ...").
fn in_list(tokens: &[Token], from: usize, to: usize) -> bool {
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
fn kind_of_noun_phrase_is_people(tokens: &[Token], e: usize) -> bool {
    tokens[e..(e + 4).min(tokens.len())]
        .iter()
        .take_while(|t| t.kind == TokenKind::Word)
        .any(|t| {
            let w = t.lower.as_str();
            PEOPLE.contains(&w) || NOUNS.iter().any(|(n, _)| *n == w)
        })
}

/// "around 10:20 a.m.", "at 5 pm": a number that gives a time of day counts no one.
fn is_time(tokens: &[Token], i: usize) -> bool {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let next = w(i + 1);
    next == ":" && w(i + 2).bytes().all(|b| b.is_ascii_digit()) && !w(i + 2).is_empty()
        || i > 0 && w(i - 1) == ":"
        || matches!(
            next,
            "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "hrs"
        )
        || next.contains(':')
}

/// "a 46-year-old man", "aged 46": a number that gives an age counts no one.
fn is_age(tokens: &[Token], i: usize) -> bool {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let after = w(i + 1);
    after.starts_with("-year")
        || after.starts_with("year-old")
        || matches!(after, "years" | "year") && w(i + 2) == "old"
        || (after == "-" && w(i + 2).starts_with("year"))
        || i > 0 && matches!(w(i - 1), "aged" | "age")
        // "arrested Paul Floyd, 47, and charged him": a number set off after a name
        || i >= 2
            && w(i - 1) == ","
            && tokens[i - 2].capitalized
            && matches!(w(i + 1), "," | "and" | ")" | "." | "")
            && w(i).parse::<u32>().is_ok_and(|n| n < 120)
}

/// An exact amount under a qualifier, as ranges by the coding convention: "more than 40" / "over 40" 41–99,
/// "at least 12" 12–30 (up to two and a half times the number).
fn qualified(tokens: &[Token], i: usize, min: u64, max: u64) -> (u64, u64) {
    if min != max || i == 0 {
        return (min, max);
    }
    let w = |k: usize| tokens[k].lower.as_str();
    let upper = |n: u64| (n.saturating_mul(5) / 2).max(n);
    let more = i >= 2 && matches!((w(i - 2), w(i - 1)), ("more" | "greater", "than"))
        || w(i - 1) == "over";
    if more {
        let lo = min.saturating_add(1);
        return (lo, upper(lo).saturating_sub(1).max(lo));
    }
    if i >= 2 && (w(i - 2), w(i - 1)) == ("at", "least") {
        return (min, upper(min));
    }
    (min, max)
}

/// The kind of a count whose amount spans tokens `[s, e)` of a sentence.
fn kind_of(tokens: &[Token], s: usize, e: usize) -> Option<CountKind> {
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

/// The count tagger as a pipeline stage.
#[derive(Default, Debug, Clone, Copy)]
pub struct CountTagger;

impl Stage for CountTagger {
    fn name(&self) -> &'static str {
        "counts"
    }
    fn process(&self, doc: &mut Document) {
        let mut counts = Vec::new();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            // amounts whose kind nothing near them tells, kept until a later amount of the same list tells it
            // ("24 civilians, 24 Kurdish fighters, and 25 militiamen have been killed")
            let mut pending: Vec<(usize, usize, u64, u64)> = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                // dates are sorted and do not overlap: only the last one starting before the token can hold it
                let before = starting_in(&doc.dates, 0, toks[i].start + 1, |d| d.start);
                let in_date = before.last().is_some_and(|d| toks[i].end <= d.end);
                // a number glued to a unit or money sign is no head count
                let money =
                    i > 0 && matches!(toks[i - 1].lower.as_str(), "$" | "€" | "£" | "us$" | "no.");
                // "a man was arrested": one, when something happened to them (one named in a list, "six
                // officers and a civilian", is added to the list's count by the coder)
                let listed = i > 0 && matches!(toks[i - 1].lower.as_str(), "and" | "," | "or");
                if let Some(noun) = one_person(toks, i).filter(|_| !listed) {
                    if let Some(kind) = kind_of(toks, i, noun) {
                        let (start, end) = (toks[i].start, toks[i].end);
                        counts.push(CountMention {
                            start,
                            end,
                            text: doc.slice(start, end).to_string(),
                            kind,
                            min: 1,
                            max: 1,
                        });
                    }
                    pending.clear();
                    i += 1;
                    continue;
                }
                match (
                    in_date || money || is_age(toks, i) || is_time(toks, i),
                    amount(toks, i),
                ) {
                    (false, Some((min, max, used))) => {
                        let (min, max) = qualified(toks, i, min, max);
                        // a list breaks at anything but words, commas and "and"
                        if let Some(&(_, last_end, _, _)) = pending.last() {
                            if !in_list(toks, last_end, i) {
                                pending.clear();
                            }
                        }
                        if let Some(kind) = kind_of(toks, i, i + used) {
                            for (ps, pe, pmin, pmax) in pending.drain(..) {
                                let (start, end) = (toks[ps].start, toks[pe - 1].end);
                                counts.push(CountMention {
                                    start,
                                    end,
                                    text: doc.slice(start, end).to_string(),
                                    kind,
                                    min: pmin,
                                    max: pmax,
                                });
                            }
                            let (start, end) = (toks[i].start, toks[i + used - 1].end);
                            counts.push(CountMention {
                                start,
                                end,
                                text: doc.slice(start, end).to_string(),
                                kind,
                                min,
                                max,
                            });
                        } else if kind_of_noun_phrase_is_people(toks, i + used) {
                            pending.push((i, i + used, min, max));
                        } else {
                            pending.clear();
                        }
                        i += used;
                    }
                    _ => i += 1,
                }
            }
        }
        doc.counts = counts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Metadata;
    use petrel_nlp::Segmenter;

    fn counts(text: &str) -> Vec<(CountKind, u64, u64, String)> {
        let mut d = Document::new(Metadata::default(), text.to_string());
        Segmenter.process(&mut d);
        CountTagger.process(&mut d);
        d.counts
            .into_iter()
            .map(|c| (c.kind, c.min, c.max, c.text))
            .collect()
    }

    #[test]
    fn exact_counts() {
        assert_eq!(
            counts("Police said 18 security officers were killed."),
            [(CountKind::Killed, 18, 18, "18".into())]
        );
        assert_eq!(
            counts("The number of people detained reached 3,811."),
            [(CountKind::Arrested, 3811, 3811, "3,811".into())]
        );
        assert_eq!(
            counts("Tajikistan approved sending 200 troops."),
            [(CountKind::Troops, 200, 200, "200".into())]
        );
        assert_eq!(
            counts("Reporters saw three bodies."),
            [(CountKind::Killed, 3, 3, "three".into())]
        );
        assert_eq!(
            counts("Gunmen killed 12 villagers.")[0],
            (CountKind::Killed, 12, 12, "12".into())
        );
        assert_eq!(
            counts("About 5,000 protesters marched in Minsk.")[0],
            (CountKind::Protesters, 5000, 5000, "5,000".into())
        );
        assert_eq!(
            counts("At least 40 people were wounded in the blast.")[0].0,
            CountKind::Injured
        );
    }

    #[test]
    fn qualified_counts_are_ranges_and_ages_are_no_counts() {
        assert_eq!(
            counts("The offensive has killed more than 1600 civilians.")[0],
            (CountKind::Killed, 1601, 4001, "1600".into())
        );
        assert_eq!(
            counts("At least 12 protesters were arrested.")[0],
            (CountKind::Arrested, 12, 30, "12".into())
        );
        assert_eq!(
            counts("Police arrested over 40 people.")[0],
            (CountKind::Arrested, 41, 101, "40".into())
        );
        // an age counts no one; the man is one arrest
        let one = (CountKind::Arrested, 1, 1, "a".into());
        assert_eq!(
            counts("Police have arrested a 46-year-old man."),
            vec![one.clone()]
        );
        assert_eq!(
            counts("Police arrested a man aged 46 on Friday."),
            vec![one]
        );
        assert!(
            counts("He was arrested on Wednesday around 10:20 a.m. after he was identified.")
                .is_empty()
        );
        assert!(counts("Police arrested him at 5 pm on Friday.").is_empty());
        // a number set off after a name is an age
        assert!(
            counts("Officers arrested Paul Floyd, 47, and charged him.").is_empty(),
            "{:?}",
            counts("Officers arrested Paul Floyd, 47, and charged him.")
        );
        assert_eq!(
            counts("About 150,000 people fled the fighting.")[0],
            (CountKind::Displaced, 150000, 150000, "150,000".into())
        );
    }

    #[test]
    fn coordinated_nouns_and_protesters() {
        assert_eq!(
            counts("At least ten journalists and bloggers are imprisoned.")[0],
            (CountKind::Arrested, 10, 25, "ten".into())
        );
        assert_eq!(
            counts("More than 200 lawyers and activists were detained.")[0].0,
            CountKind::Arrested
        );
        assert_eq!(
            counts("Tens of thousands more residents launched marches.")[0],
            (
                CountKind::Protesters,
                10_000,
                99_999,
                "Tens of thousands".into()
            )
        );
        // people counted with no act of protest are no protesters
        assert!(counts("Tens of thousands of residents live in the valley.").is_empty());
    }

    #[test]
    fn a_list_of_amounts_takes_the_kind_its_last_amount_tells() {
        let got = counts(
            "The group says 24 civilians, 24 Kurdish fighters, and 25 Turkish-backed militiamen have been killed.",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|c| c.0 == CountKind::Killed), "{got:?}");
        // a list broken by a verb keeps its kinds apart
        let got = counts("Police said 24 civilians fled and 25 soldiers were killed.");
        assert_eq!(
            got.iter().filter(|c| c.0 == CountKind::Killed).count(),
            1,
            "{got:?}"
        );
    }

    #[test]
    fn one_person_and_a_place_after_the_noun() {
        assert_eq!(
            counts("Another man died after he was hit by a brick.")[0],
            (CountKind::Killed, 1, 1, "Another".into())
        );
        assert_eq!(
            counts("Six aid workers in South Sudan were killed on Saturday.")[0],
            (CountKind::Killed, 6, 6, "Six".into())
        );
        assert_eq!(
            counts("More than 600 people are believed to have been killed.")[0].0,
            CountKind::Killed
        );
        // a man nothing happened to is no count
        assert!(counts("A man said the police were late.").is_empty());
    }

    #[test]
    fn vague_counts() {
        assert_eq!(
            counts("Dozens were killed in the clashes."),
            [(CountKind::Killed, 12, 99, "Dozens".into())]
        );
        assert_eq!(
            counts("Russia sent a few thousand troops."),
            [(CountKind::Troops, 2000, 9999, "a few thousand".into())]
        );
        assert_eq!(
            counts("Hundreds of protesters were detained.")[0],
            (CountKind::Arrested, 100, 999, "Hundreds".into())
        );
        assert_eq!(
            counts("Tens of thousands of demonstrators rallied.")[0].1,
            10_000
        );
    }

    #[test]
    fn not_counts() {
        assert!(counts(
            "The state's 30 years of independence. It cost $5 million. On January 7 2022."
        )
        .is_empty());
        assert!(counts("He met three ministers.").is_empty());
        assert_eq!(
            counts("Police arrested 40 protesters.")[0].0,
            CountKind::Arrested
        );
        assert_eq!(
            counts("Police dispersed 500 protesters.")[0].0,
            CountKind::Protesters
        );
    }

    #[test]
    fn kinds_from_gerunds_protest_verbs_and_deployments() {
        let kind = |t: &str| counts(t).first().map(|c| c.0);
        assert_eq!(
            kind("Gunmen attacked the post, killing three soldiers."),
            Some(CountKind::Killed)
        );
        assert_eq!(
            kind("Thousands of people rallied in the capital."),
            Some(CountKind::Protesters)
        );
        assert_eq!(
            kind("Gunmen abducted at least 60 students."),
            Some(CountKind::Abducted)
        );
        assert_eq!(
            kind("Kenya has deployed about 800 police officers to the city."),
            Some(CountKind::Troops)
        );
        assert_eq!(
            kind("Five suspects were arrested by police."),
            Some(CountKind::Arrested)
        );
        assert_eq!(kind("The army deployed 50 tanks."), None);
        assert_eq!(kind("They gathered 5,000 signatures."), None);
        assert_eq!(
            kind("Thousands of people turned out to support Zuma."),
            Some(CountKind::Protesters)
        );
        assert_eq!(kind("Two people turned out to be police officers."), None);
        assert_eq!(
            kind("Millions of South Koreans took to the streets."),
            Some(CountKind::Protesters)
        );
        assert_eq!(
            kind("The army placed over 60,000 security personnel in the area."),
            Some(CountKind::Troops)
        );
    }

    #[test]
    fn fractions_of_a_million_and_a_scale_alone() {
        assert_eq!(
            counts("A quarter of a million people have been driven from their homes.")[0],
            (
                CountKind::Displaced,
                250_000,
                250_000,
                "A quarter of a million".into()
            )
        );
        assert_eq!(
            counts("Half a million people fled.")[0],
            (
                CountKind::Displaced,
                500_000,
                500_000,
                "Half a million".into()
            )
        );
        assert_eq!(
            counts("A hundred protesters marched.")[0],
            (CountKind::Protesters, 100, 100, "A hundred".into())
        );
    }
}
