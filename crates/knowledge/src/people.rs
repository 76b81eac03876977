//! People with time-bounded roles (`data/actors/people.tsv`): who held which office when, so that a name is
//! coded by the role its holder had on the document's date ("Nazarbayev" is `KAZGOV` in 2015, `KAZELI` in 2022).
//!
//! Format: `name aliases code role start end`, tab-separated; one row per tenure, a person's rows share `name`.
//! `start` is the first day in office, `end` the first day out of it (`-`: open). See `data/actors/README.md`.

use crate::actors::{Country, Igo, SECTORS};
use crate::source::{multi, DictError, DictFile};
use petrel_core::Date;
use std::collections::HashMap;

/// One office held for a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenure {
    /// CAMEO actor code while in office (`KAZGOV`, `USAGOV`, `IGOUNO`).
    pub code: String,
    /// The office, as a reader would say it ("president", "foreign minister").
    pub role: String,
    /// First day in office; `None` when unknown (since ever).
    pub start: Option<Date>,
    /// First day out of office; `None` while still in office.
    pub end: Option<Date>,
    /// Where the row is: `file:line`.
    pub source: String,
}

impl Tenure {
    /// True when the office was held on `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date < e)
    }
}

/// A person and the offices they held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Canonical name ("Kassym-Jomart Tokayev").
    pub name: String,
    /// Other spellings and short forms ("Tokayev", "Toqaev").
    pub aliases: Vec<String>,
    /// Offices, in file order.
    pub tenures: Vec<Tenure>,
}

/// How a person is coded on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonCode<'a> {
    /// CAMEO actor code on that date.
    pub code: String,
    /// The office that gives it; for a former office-holder the last office held.
    pub tenure: Option<&'a Tenure>,
    /// `in office`, `former` (every office ended before the date: coded country + `ELI`), `not yet in office`
    /// (before the first office: the country alone), or `undated` (no date given: the latest office).
    pub status: &'static str,
}

impl Person {
    /// True for a named group (`groups*.tsv`): no office has a date, as a group's code does not change with time.
    pub fn is_group(&self) -> bool {
        self.tenures
            .iter()
            .all(|t| t.start.is_none() && t.end.is_none())
    }

    /// The code on `date`: the office valid then (the latest-starting when several are), else the country's
    /// elite (`ELI`) after the last office, else the bare country before the first; without a date, the
    /// latest office.
    pub fn code_on(&self, date: Option<Date>) -> PersonCode<'_> {
        let latest = self.tenures.iter().max_by_key(|t| t.start);
        let Some(date) = date else {
            return PersonCode {
                code: latest.map_or_else(String::new, |t| t.code.clone()),
                tenure: latest,
                status: "undated",
            };
        };
        if let Some(t) = self
            .tenures
            .iter()
            .filter(|t| t.valid_on(date))
            .max_by_key(|t| t.start)
        {
            return PersonCode {
                code: t.code.clone(),
                tenure: Some(t),
                status: "in office",
            };
        }
        let last_ended = self
            .tenures
            .iter()
            .filter(|t| t.end.is_some_and(|e| e <= date))
            .max_by_key(|t| t.end);
        match last_ended {
            Some(t) => PersonCode {
                code: format!("{}ELI", country_part(&t.code)),
                tenure: Some(t),
                status: "former",
            },
            None => {
                let first = self.tenures.iter().min_by_key(|t| t.start);
                PersonCode {
                    code: first.map_or_else(String::new, |t| country_part(&t.code).to_string()),
                    tenure: first,
                    status: "not yet in office",
                }
            }
        }
    }
}

/// The country (or body) part of a code: `KAZGOV` → `KAZ`, `IGOUNO` → `IGOUNO`.
fn country_part(code: &str) -> &str {
    if code.starts_with("IGO") || code.starts_with("NGO") {
        code
    } else {
        code.get(..3).unwrap_or(code)
    }
}

fn parse_day(
    f: &DictFile<'_>,
    n: usize,
    field: &str,
    what: &str,
) -> Result<Option<Date>, DictError> {
    if field == "-" {
        return Ok(None);
    }
    if field.len() != 10 {
        return Err(f.error(
            n,
            format!("bad {what} date {field:?}: write YYYY-MM-DD or -"),
        ));
    }
    field.parse::<Date>().map(Some).map_err(|_| {
        f.error(
            n,
            format!("bad {what} date {field:?}: write YYYY-MM-DD or -"),
        )
    })
}

/// Checks an actor code: a known international body's code, or a known country's ISO3 code with an optional
/// sector code (`KAZ`, `KAZGOV`).
fn check_code(code: &str, countries: &[Country], igos: &[Igo]) -> Result<(), String> {
    if igos.iter().any(|g| g.code == code) {
        return Ok(());
    }
    let (iso3, sector) = (code.get(..3).unwrap_or(""), code.get(3..).unwrap_or(""));
    if !countries.iter().any(|c| c.iso3 == iso3) {
        return Err(format!(
            "unknown code {code:?}: neither an international body's code nor a country's ISO3 code + sector"
        ));
    }
    if !sector.is_empty() && !SECTORS.contains(&sector) {
        return Err(format!("unknown sector {sector:?} in code {code:?}"));
    }
    Ok(())
}

/// Parses a `people*.tsv` file into `out`. A person named in an earlier file (the built-in one) is replaced
/// as a whole by the rows of a later file; within one file, a person's rows are joined. Errors: wrong column
/// count, unknown code, bad date or a start not before the end, a repeated (name, start) pair, an alias
/// already given to another person.
pub fn load_people(
    f: DictFile<'_>,
    countries: &[Country],
    igos: &[Igo],
    out: &mut Vec<Person>,
) -> Result<(), DictError> {
    let mark = out.len();
    let mut replaced: Vec<usize> = Vec::new();
    // the names this file defines (a person it redefines gives up the forms of its old rows)
    let defined: std::collections::HashSet<&str> = f.rows(6).flatten().map(|(_, c)| c[0]).collect();
    // who owns each lowercased form, and where each person is (the files hold thousands of rows: no scans)
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (i, p) in out.iter().enumerate() {
        at.insert(p.name.clone(), i);
        if defined.contains(p.name.as_str()) {
            continue;
        }
        for form in std::iter::once(&p.name).chain(&p.aliases) {
            owner.insert(form.to_lowercase(), p.name.clone());
        }
    }
    for row in f.rows(6) {
        let (n, c) = row?;
        let name = c[0];
        let aliases = multi(c[1]);
        let code = c[2];
        check_code(code, countries, igos).map_err(|m| f.error(n, m))?;
        let start = parse_day(&f, n, c[4], "start")?;
        let end = parse_day(&f, n, c[5], "end")?;
        if let (Some(s), Some(e)) = (start, end) {
            if s >= e {
                return Err(f.error(
                    n,
                    format!("bad date range: start {s} is not before end {e}"),
                ));
            }
        }
        let tenure = Tenure {
            code: code.to_string(),
            role: c[3].to_string(),
            start,
            end,
            source: format!("{}:{n}", f.name),
        };
        match at.get(name).copied() {
            Some(i) if i >= mark || replaced.contains(&i) => {
                let p = &mut out[i];
                if p.tenures.iter().any(|t| t.start == start) {
                    return Err(f.error(
                        n,
                        format!(
                            "duplicate key: {name:?} already has a row starting {}",
                            c[4]
                        ),
                    ));
                }
                p.tenures.push(tenure);
                for a in aliases {
                    if !p.aliases.contains(&a) {
                        p.aliases.push(a);
                    }
                }
            }
            Some(i) => {
                // a user file redefines a built-in person: its rows replace the built-in ones
                out[i] = Person {
                    name: name.to_string(),
                    aliases,
                    tenures: vec![tenure],
                };
                replaced.push(i);
            }
            None => {
                at.insert(name.to_string(), out.len());
                out.push(Person {
                    name: name.to_string(),
                    aliases,
                    tenures: vec![tenure],
                })
            }
        }
        // one surface form, one person
        let me = at.get(name).copied().unwrap_or(0);
        let forms: Vec<String> = std::iter::once(name)
            .chain(out[me].aliases.iter().map(String::as_str))
            .map(str::to_lowercase)
            .collect();
        for form in forms {
            match owner.get(&form) {
                Some(other) if other != name => {
                    return Err(f.error(
                        n,
                        format!("name or alias {form:?} already belongs to {other:?}"),
                    ))
                }
                Some(_) => {}
                None => {
                    owner.insert(form, name.to_string());
                }
            }
        }
    }
    Ok(())
}

/// People by every surface form (lowercased), for lookups by name.
#[derive(Clone, Debug, Default)]
pub struct PeopleIndex {
    by_form: HashMap<String, usize>,
    by_surname: HashMap<String, Vec<usize>>,
}

impl PeopleIndex {
    /// Indexes names and aliases of `people`, and their names' last words.
    pub fn new(people: &[Person]) -> PeopleIndex {
        let mut by_form = HashMap::new();
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                by_form.entry(crate::actors::phrase_key(form)).or_insert(i);
            }
            if let Some(last) = p.name.rsplit(' ').next().filter(|_| p.name.contains(' ')) {
                by_surname.entry(last.to_lowercase()).or_default().push(i);
            }
        }
        PeopleIndex {
            by_form,
            by_surname,
        }
    }

    /// The person with this name or alias (any case, any spacing).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_form.get(&crate::actors::phrase_key(name)).copied()
    }

    /// The people whose name (of two words or more) ends in `surname` (any case), in file order.
    pub fn with_surname(&self, surname: &str) -> &[usize] {
        self.by_surname
            .get(&surname.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries() -> Vec<Country> {
        ["KAZ", "USA"]
            .iter()
            .map(|c| Country {
                iso3: c.to_string(),
                iso2: c[..2].to_string(),
                name: c.to_string(),
                aliases: vec![],
                adjectives: vec![],
                capital: None,
            })
            .collect()
    }

    fn load(text: &str) -> Result<Vec<Person>, DictError> {
        let mut out = Vec::new();
        load_people(
            DictFile {
                name: "people-t.tsv",
                text,
            },
            &countries(),
            &[],
            &mut out,
        )?;
        Ok(out)
    }

    #[test]
    fn codes_by_date() {
        let p = load("Nursultan Nazarbayev\tNazarbaev\tKAZGOV\tpresident\t1990-04-24\t2019-03-20\nNursultan Nazarbayev\t-\tKAZGOV\tsecurity council chairman\t2019-03-20\t2022-01-05\n").unwrap();
        let d = |s: &str| s.parse::<Date>().ok();
        assert_eq!(p[0].code_on(d("2015-01-01")).code, "KAZGOV");
        assert_eq!(
            p[0].code_on(d("2020-01-01")).tenure.unwrap().role,
            "security council chairman"
        );
        assert_eq!(p[0].code_on(d("2022-01-07")).code, "KAZELI");
        assert_eq!(p[0].code_on(d("2022-01-07")).status, "former");
        assert_eq!(p[0].code_on(d("1980-01-01")).code, "KAZ");
        assert_eq!(p[0].code_on(None).code, "KAZGOV");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = |t: &str| load(t).unwrap_err().to_string();
        assert_eq!(
            e("A B\t-\tKAZGOV\tpresident\t2000-01-01\t-\nC D\t-\tXYZGOV\tpresident\t-\t-\n"),
            "people-t.tsv:2: unknown code \"XYZGOV\": neither an international body's code nor a country's ISO3 code + sector"
        );
        assert_eq!(
            e("A B\t-\tKAZFOO\tpresident\t-\t-\n"),
            "people-t.tsv:1: unknown sector \"FOO\" in code \"KAZFOO\""
        );
        assert_eq!(
            e("A B\t-\tKAZGOV\tpresident\t2010-01-01\t2009-01-01\n"),
            "people-t.tsv:1: bad date range: start 2010-01-01 is not before end 2009-01-01"
        );
        assert_eq!(
            e("A B\t-\tKAZGOV\tpresident\t2010-13-01\t-\n"),
            "people-t.tsv:1: bad start date \"2010-13-01\": write YYYY-MM-DD or -"
        );
        assert_eq!(
            e("A B\t-\tKAZGOV\tpresident\t2010-01-01\t-\nA B\t-\tKAZGOV\tminister\t2010-01-01\t-\n"),
            "people-t.tsv:2: duplicate key: \"A B\" already has a row starting 2010-01-01"
        );
        assert_eq!(
            e("A B\tB\tKAZGOV\tpresident\t-\t-\nC B\tB\tUSAGOV\tpresident\t-\t-\n"),
            "people-t.tsv:2: name or alias \"b\" already belongs to \"A B\""
        );
    }
}
