//! Actor dictionaries: countries, international bodies, sector nouns and role titles, and the
//! [`Lexicon`] that finds their phrases in tokenized text.

use crate::source::{multi, DictError, DictFile};
use petrel_core::fxhash::FxHashMap;
use petrel_core::Date;
use petrel_nlp::{noun_forms, tokenize};

/// Sector codes a sector noun or role may carry (CAMEO actor sectors).
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "OPP", "PTY", "REB", "ELI", "CVL", "BUS", "MED", "EDU", "LAB",
    "REF", "CRM", "SPY", "HLH", "NGO", "HRI", "LEG", "INS", "UAF", "MOD", "RAD", "SEP", "AGR",
    "ENV", "REL", "IGO",
];

/// A country with the names news uses for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, also its CAMEO country code.
    pub iso3: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// Common English name.
    pub name: String,
    /// Other names (formal, abbreviations, former names).
    pub aliases: Vec<String>,
    /// Adjectives and demonyms ("Kazakh", "Kazakhs").
    pub adjectives: Vec<String>,
    /// Capital city, when it has one.
    pub capital: Option<String>,
}

/// An international body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Igo {
    /// CAMEO IGO code, e.g. `IGOUNO`, `IGOCSTO`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Abbreviations and variants.
    pub aliases: Vec<String>,
    /// ISO3 codes of member states (empty for universal bodies).
    pub members: Vec<String>,
}

/// A role title ("president", "secretary of state") and the sector it implies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Lowercase title.
    pub title: String,
    /// Sector of someone holding it.
    pub sector: String,
    /// The title marks a former office-holder (coded as elite, ELI).
    pub former: bool,
}

/// What a lexicon phrase stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexKind {
    /// A country's name or alias (index into countries).
    CountryName(usize),
    /// A country's adjective or demonym.
    CountryAdjective(usize),
    /// A country's capital, used as a metonym for its government ("officials in Moscow").
    Capital(usize),
    /// An international body (index into igos).
    Igo(usize),
    /// A sector noun (index into sectors).
    Sector(usize),
    /// A role title (index into roles).
    Role(usize),
    /// A person's name or alias (index into people).
    Person(usize),
}

/// How the text's case must agree with the dictionary's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Exactly as written (all-caps abbreviations: "US", "WHO", "AU").
    Exact(String),
    /// The first token capitalised (proper names: "Turkey", "Chad").
    Capitalized,
    /// Any case (common nouns).
    Any,
}

/// One dictionary phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexEntry {
    /// What it stands for.
    pub kind: LexKind,
    /// Case agreement required.
    pub case: CaseRule,
    /// First day the phrase means this (`None`: always); only former capitals are dated in the lexicon.
    pub from: Option<Date>,
    /// First day it no longer does (`None`: still does).
    pub to: Option<Date>,
}

impl LexEntry {
    /// True when the entry holds on `date` (always when no date is known).
    pub fn valid_on(&self, date: Option<Date>) -> bool {
        date.is_none_or(|d| self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d < t))
    }
}

/// A country's name, adjective or capital in a language, with the time it was in use
/// (`country-names.tsv`: Nur-Sultan 2019-03-23 – 2022-09-17, Swaziland until 2018-04-19, Казахстан).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryName {
    /// ISO3 of the country.
    pub iso3: String,
    /// The form as written.
    pub form: String,
    /// `name`, `adjective` or `capital`.
    pub kind: String,
    /// ISO 639-1 language code (`en`, `ru`).
    pub lang: String,
    /// First day in use (`None`: unknown or always).
    pub from: Option<Date>,
    /// First day no longer in use (`None`: current).
    pub to: Option<Date>,
    /// `file:line`.
    pub source: String,
}

/// Phrases (lowercased token sequences joined by spaces) to entries.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: FxHashMap<String, Vec<LexEntry>>,
    /// First word of a phrase → the longest phrase (in tokens) starting with it: most words start none, and
    /// a lookup at them costs one hash instead of one per possible length.
    first_words: FxHashMap<String, usize>,
    max_tokens: usize,
}

/// A Latin or Cyrillic letter (the scripts of the gazetteer), quickly; other letters are left to the tokenizer.
fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0x00..=0x7F => false,
        0xC0..=0x24F => c != '\u{D7}' && c != '\u{F7}',
        0x400..=0x481 | 0x48A..=0x4FF => true,
        // other scripts go through the tokenizer (Greek final sigma lowercases by position)
        _ => false,
    }
}

/// The key of a name made of letters, spaces and hyphens inside words ("Guinea-Bissau"), in one pass;
/// `None` for anything else (the tokenizer decides those).
fn simple_key(phrase: &str) -> Option<String> {
    let mut key = String::with_capacity(phrase.len());
    let mut prev_letter = false;
    let mut space = false;
    let mut chars = phrase.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            space = !key.is_empty();
            prev_letter = false;
            continue;
        }
        if c == '-' {
            if !prev_letter || !chars.peek().is_some_and(|&n| is_letter(n)) {
                return None;
            }
            key.push('-');
            prev_letter = false;
            continue;
        }
        if !is_letter(c) {
            return None;
        }
        if space {
            key.push(' ');
            space = false;
        }
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
        prev_letter = true;
    }
    Some(key)
}

/// Normal form of a phrase: its tokens, lowercased, joined by single spaces.
pub fn phrase_key(phrase: &str) -> String {
    // most names are letters and spaces: the tokenizer would split them at the spaces and lowercase, so
    // do that directly; loading the gazetteer's ~270,000 names depends on it
    if let Some(key) = simple_key(phrase) {
        return key;
    }
    tokenize(phrase, 0)
        .into_iter()
        .map(|t| t.lower)
        .collect::<Vec<_>>()
        .join(" ")
}

fn case_rule(surface: &str, proper: bool) -> CaseRule {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        CaseRule::Exact(surface.to_string())
    } else if proper {
        CaseRule::Capitalized
    } else {
        CaseRule::Any
    }
}

impl Lexicon {
    /// Adds a phrase.
    pub fn add(&mut self, surface: &str, kind: LexKind, proper: bool) {
        self.add_dated(surface, kind, proper, None, None);
    }

    /// Adds a phrase that holds from `from` (inclusive) to `to` (exclusive).
    pub fn add_dated(
        &mut self,
        surface: &str,
        kind: LexKind,
        proper: bool,
        from: Option<Date>,
        to: Option<Date>,
    ) {
        let key = phrase_key(surface);
        if key.is_empty() {
            return;
        }
        let n = key.split(' ').count();
        self.max_tokens = self.max_tokens.max(n);
        let first = key.split(' ').next().unwrap_or_default().to_string();
        let longest = self.first_words.entry(first).or_default();
        *longest = (*longest).max(n);
        let entry = LexEntry {
            kind,
            case: case_rule(surface, proper),
            from,
            to,
        };
        let list = self.entries.entry(key).or_default();
        if !list.contains(&entry) {
            list.push(entry);
        }
    }

    /// Entries for a normalised phrase.
    pub fn get(&self, key: &str) -> &[LexEntry] {
        self.entries.get(key).map_or(&[], Vec::as_slice)
    }

    /// Longest phrase length in tokens.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Longest phrase length in tokens among the phrases whose first token is `first` (lowercase); 0 if none.
    pub fn max_tokens_from(&self, first: &str) -> usize {
        self.first_words.get(first).copied().unwrap_or(0)
    }
}

/// Parses `countries.tsv`: `iso3 iso2 name aliases adjectives capital`.
pub fn load_countries(f: DictFile<'_>, out: &mut Vec<Country>) -> Result<(), DictError> {
    let mark = out.len(); // entries before this come from earlier files and may be overridden
    for row in f.rows(6) {
        let (n, c) = row?;
        let (iso3, iso2) = (c[0], c[1]);
        if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(f.error(n, format!("bad ISO alpha-3 code {iso3:?}")));
        }
        if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(f.error(n, format!("bad ISO alpha-2 code {iso2:?}")));
        }
        let country = Country {
            iso3: iso3.into(),
            iso2: iso2.into(),
            name: c[2].into(),
            aliases: multi(c[3]),
            adjectives: multi(c[4]),
            capital: multi(c[5]).into_iter().next(),
        };
        upsert(out, country, |a, b| a.iso3 == b.iso3, mark, n, &f)?;
    }
    Ok(())
}

/// Parses `country-names*.tsv`: `iso3 form kind lang from to`. Errors: unknown country, kind or language
/// code, a bad date or a `from` not before `to`, the same (country, form, kind, from) twice in one file.
pub fn load_country_names(
    f: DictFile<'_>,
    countries: &[Country],
    out: &mut Vec<CountryName>,
) -> Result<(), DictError> {
    let mark = out.len();
    for row in f.rows(6) {
        let (n, c) = row?;
        if !countries.iter().any(|k| k.iso3 == c[0]) {
            return Err(f.error(n, format!("unknown country {:?}", c[0])));
        }
        if !matches!(c[2], "name" | "adjective" | "capital") {
            return Err(f.error(
                n,
                format!("unknown kind {:?} (name, adjective or capital)", c[2]),
            ));
        }
        if c[3].len() != 2 || !c[3].bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(f.error(
                n,
                format!("bad language code {:?} (ISO 639-1: en, ru)", c[3]),
            ));
        }
        let day = |field: &str, what: &str| -> Result<Option<Date>, DictError> {
            if field == "-" {
                return Ok(None);
            }
            match field.parse::<Date>() {
                Ok(d) if field.len() == 10 => Ok(Some(d)),
                _ => Err(f.error(
                    n,
                    format!("bad {what} date {field:?}: write YYYY-MM-DD or -"),
                )),
            }
        };
        let (from, to) = (day(c[4], "from")?, day(c[5], "to")?);
        if let (Some(a), Some(b)) = (from, to) {
            if a >= b {
                return Err(f.error(n, format!("bad date range: {a} is not before {b}")));
            }
        }
        let name = CountryName {
            iso3: c[0].into(),
            form: c[1].into(),
            kind: c[2].into(),
            lang: c[3].into(),
            from,
            to,
            source: format!("{}:{n}", f.name),
        };
        upsert(
            out,
            name,
            |a, b| a.iso3 == b.iso3 && a.form == b.form && a.kind == b.kind && a.from == b.from,
            mark,
            n,
            &f,
        )?;
    }
    Ok(())
}

/// Parses `igos.tsv`: `code name aliases members`.
pub fn load_igos(
    f: DictFile<'_>,
    known_countries: &[Country],
    out: &mut Vec<Igo>,
) -> Result<(), DictError> {
    let mark = out.len(); // entries before this come from earlier files and may be overridden
    for row in f.rows(4) {
        let (n, c) = row?;
        let code = c[0];
        if !(code.starts_with("IGO") || code.starts_with("NGO"))
            || code.len() < 4
            || !code.bytes().all(|b| b.is_ascii_uppercase())
        {
            return Err(f.error(n, format!("bad code {code:?}: uppercase letters starting with IGO (or NGO for international NGOs)")));
        }
        let members = multi(c[3]);
        if let Some(m) = members
            .iter()
            .find(|m| !known_countries.iter().any(|k| &k.iso3 == *m))
        {
            return Err(f.error(n, format!("unknown member country {m:?}")));
        }
        let igo = Igo {
            code: code.into(),
            name: c[1].into(),
            aliases: multi(c[2]),
            members,
        };
        upsert(out, igo, |a, b| a.code == b.code, mark, n, &f)?;
    }
    Ok(())
}

/// Parses `sectors.tsv`: `phrase sector`.
pub fn load_sectors(f: DictFile<'_>, out: &mut Vec<(String, String)>) -> Result<(), DictError> {
    let mark = out.len(); // entries before this come from earlier files and may be overridden
    for row in f.rows(2) {
        let (n, c) = row?;
        check_sector(&f, n, c[1])?;
        upsert(
            out,
            (c[0].to_lowercase(), c[1].to_string()),
            |a, b| a.0 == b.0,
            mark,
            n,
            &f,
        )?;
    }
    Ok(())
}

/// Parses `roles.tsv`: `title sector flags`.
pub fn load_roles(f: DictFile<'_>, out: &mut Vec<Role>) -> Result<(), DictError> {
    let mark = out.len(); // entries before this come from earlier files and may be overridden
    for row in f.rows(3) {
        let (n, c) = row?;
        check_sector(&f, n, c[1])?;
        let former = match c[2] {
            "-" => false,
            "former" => true,
            other => {
                return Err(f.error(n, format!("unknown flag {other:?} (expected - or former)")))
            }
        };
        let role = Role {
            title: c[0].to_lowercase(),
            sector: c[1].into(),
            former,
        };
        upsert(out, role, |a, b| a.title == b.title, mark, n, &f)?;
    }
    Ok(())
}

fn check_sector(f: &DictFile<'_>, n: usize, s: &str) -> Result<(), DictError> {
    if SECTORS.contains(&s) {
        Ok(())
    } else {
        Err(f.error(n, format!("unknown sector code {s:?}")))
    }
}

/// Inserts or replaces: a key repeated within one file is an error, a key from an earlier file is overridden.
/// `mark` is the length of `out` before this file's entries.
fn upsert<T>(
    out: &mut Vec<T>,
    item: T,
    same: impl Fn(&T, &T) -> bool,
    mark: usize,
    n: usize,
    f: &DictFile<'_>,
) -> Result<(), DictError> {
    match out.iter().position(|x| same(x, &item)) {
        Some(i) if i >= mark => Err(f.error(n, "duplicate key in this file")),
        Some(i) => {
            out[i] = item;
            Ok(())
        }
        None => {
            out.push(item);
            Ok(())
        }
    }
}

/// Builds the phrase lexicon from the loaded dictionaries.
pub fn build_lexicon(
    countries: &[Country],
    igos: &[Igo],
    sectors: &[(String, String)],
    roles: &[Role],
    people: &[crate::people::Person],
    names: &[CountryName],
) -> Lexicon {
    let mut lex = Lexicon::default();
    for (i, c) in countries.iter().enumerate() {
        lex.add(&c.name, LexKind::CountryName(i), true);
        for a in &c.aliases {
            lex.add(a, LexKind::CountryName(i), true);
        }
        for a in &c.adjectives {
            lex.add(a, LexKind::CountryAdjective(i), true);
        }
        if let Some(cap) = &c.capital {
            lex.add(cap, LexKind::Capital(i), true);
        }
    }
    // dated names: a former name still names the country ("Swaziland"), so only capitals keep their dates
    // (Almaty stood for Kazakhstan's government until 1997, Nur-Sultan from 2019 to 2022)
    for n in names {
        let Some(i) = countries.iter().position(|c| c.iso3 == n.iso3) else {
            continue;
        };
        match n.kind.as_str() {
            "name" => lex.add(&n.form, LexKind::CountryName(i), true),
            "adjective" => lex.add(&n.form, LexKind::CountryAdjective(i), true),
            _ => lex.add_dated(&n.form, LexKind::Capital(i), true, n.from, n.to),
        }
    }
    for (i, g) in igos.iter().enumerate() {
        lex.add(&g.name, LexKind::Igo(i), true);
        lex.add(&format!("the {}", g.name), LexKind::Igo(i), false);
        for a in &g.aliases {
            lex.add(a, LexKind::Igo(i), true);
        }
    }
    for (i, (phrase, _)) in sectors.iter().enumerate() {
        lex.add(phrase, LexKind::Sector(i), false);
        // regular plural of the last word ("riot police" has none; "security officer" → "security officers")
        if let Some((head, last)) = phrase.rsplit_once(' ') {
            for f in noun_forms(last).into_iter().skip(1) {
                lex.add(&format!("{head} {f}"), LexKind::Sector(i), false);
            }
        } else {
            for f in noun_forms(phrase).into_iter().skip(1) {
                lex.add(&f, LexKind::Sector(i), false);
            }
        }
    }
    for (i, r) in roles.iter().enumerate() {
        lex.add(&r.title, LexKind::Role(i), false);
    }
    for (i, p) in people.iter().enumerate() {
        for form in std::iter::once(&p.name).chain(&p.aliases) {
            lex.add(form, LexKind::Person(i), true);
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_key_fast_path_agrees_with_the_tokenizer() {
        for name in [
            "Kazakhstan",
            "  New   York ",
            "Guinea-Bissau",
            "Mangghystaū",
            "Мангистау область",
            "Ust-Kamenogorsk",
            "Côte d'Ivoire",
            "U.S.",
            "-Foo",
            "Foo- Bar",
            "Aqtöbe",
            "ΣΑΜΟΣ",
        ] {
            let slow = tokenize(name, 0)
                .into_iter()
                .map(|t| t.lower)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(phrase_key(name), slow, "{name}");
        }
    }
}
