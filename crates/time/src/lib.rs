//! petrel-time: date expressions resolved against the publication date.
//!
//! Reads the `tokens` and `sentences` layers, fills `dates`. Rules:
//! - a full date ("January 7, 2022", "7 January 2022") is itself;
//! - a month and day without a year is the latest such day on or before publication, or one at most a month
//!   after it (an announced date);
//! - a month with a year ("March 2018") is that month, with month precision; a year after "in"/"since" is a year;
//! - weekdays ("on Monday") are the latest such day on or before publication;
//! - today, yesterday, tomorrow; "this week", "earlier this week" or "earlier in the week" (Monday up to the day
//!   before publication), "last week", "last weekend" and "this weekend" (the Saturday and Sunday before
//!   publication), "this month", "earlier this month", "last month", "last year" as ranges with their precision.
//!
//! Without a publication date, only expressions that carry their own year are resolved.

#![warn(missing_docs)]

use petrel_core::{Date, DateMention, DatePrecision, Document, Stage, Token, TokenKind};

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan.", 1),
    ("jan", 1),
    ("february", 2),
    ("feb.", 2),
    ("feb", 2),
    ("march", 3),
    ("mar.", 3),
    ("april", 4),
    ("apr.", 4),
    ("may", 5),
    ("june", 6),
    ("jun.", 6),
    ("july", 7),
    ("jul.", 7),
    ("august", 8),
    ("aug.", 8),
    ("aug", 8),
    ("september", 9),
    ("sept.", 9),
    ("sep.", 9),
    ("sept", 9),
    ("october", 10),
    ("oct.", 10),
    ("oct", 10),
    ("november", 11),
    ("nov.", 11),
    ("nov", 11),
    ("december", 12),
    ("dec.", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_of(t: &Token) -> Option<u32> {
    // months must be capitalised: "may" and "march" are also common words
    if !t.capitalized {
        return None;
    }
    MONTHS.iter().find(|(m, _)| *m == t.lower).map(|(_, n)| *n)
}

fn day_of(t: &Token) -> Option<u32> {
    let s = t
        .lower
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(t: &Token) -> Option<i32> {
    if t.kind != TokenKind::Number || t.lower.len() != 4 {
        return None;
    }
    t.lower.parse().ok().filter(|y| (1800..=2200).contains(y))
}

/// How many days after publication a month and day without a year may lie and still be read as coming
/// ("parliament will vote on April 3" in an article of March 31), not as last year's.
pub const AHEAD_DAYS: i64 = 31;

/// The `month`-`day` a news article means: the latest on or before `pub_date`, unless the same day falls
/// within [`AHEAD_DAYS`] after it (an announced date), then that one.
pub fn latest_on_or_before(pub_date: Date, month: u32, day: u32) -> Option<Date> {
    let near = [pub_date.year, pub_date.year + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day))
        .find(|d| *d > pub_date && d.to_days() - pub_date.to_days() <= AHEAD_DAYS);
    if near.is_some() {
        return near;
    }
    let this_year = Date::new(pub_date.year, month, day);
    match this_year {
        Some(d) if d <= pub_date => Some(d),
        _ => Date::new(pub_date.year - 1, month, day),
    }
}

fn month_range(year: i32, month: u32) -> (Date, Date) {
    let first = Date {
        year,
        month,
        day: 1,
    };
    let last = Date {
        year,
        month,
        day: petrel_core::date::days_in_month(year, month),
    };
    (first, last)
}

/// A resolved expression over tokens `[start, end)` of a slice.
struct Found {
    start: usize,
    end: usize,
    date: Date,
    until: Date,
    precision: DatePrecision,
}

fn word(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.lower.as_str())
}

/// Finds date expressions in the tokens of one sentence.
fn find(tokens: &[Token], pub_date: Option<Date>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(f) = at(tokens, i, pub_date) {
            i = f.end;
            out.push(f);
        } else {
            i += 1;
        }
    }
    out
}

fn day(start: usize, end: usize, d: Date) -> Found {
    Found {
        start,
        end,
        date: d,
        until: d,
        precision: DatePrecision::Day,
    }
}

fn at(tokens: &[Token], i: usize, pub_date: Option<Date>) -> Option<Found> {
    let t = &tokens[i];
    // Month day[, year] — "January 7", "Jan. 7, 2022"
    if let Some(m) = month_of(t) {
        if let Some(d) = tokens.get(i + 1).and_then(day_of) {
            let (year_at, comma) = if word(tokens, i + 2) == "," {
                (i + 3, true)
            } else {
                (i + 2, false)
            };
            if let Some(y) = tokens.get(year_at).and_then(year_of) {
                return Date::new(y, m, d).map(|dt| day(i, year_at + 1, dt));
            }
            let _ = comma;
            return latest_on_or_before(pub_date?, m, d).map(|dt| day(i, i + 2, dt));
        }
        // Month year — "March 2018"
        if let Some(y) = tokens.get(i + 1).and_then(year_of) {
            let (a, b) = month_range(y, m);
            return Some(Found {
                start: i,
                end: i + 2,
                date: a,
                until: b,
                precision: DatePrecision::Month,
            });
        }
        // "in January" (no year): the latest such month on or before publication
        if matches!(
            word(tokens, i.wrapping_sub(1)),
            "in" | "since" | "until" | "early" | "late" | "mid"
        ) && i > 0
        {
            let p = pub_date?;
            let y = if m <= p.month { p.year } else { p.year - 1 };
            let (a, b) = month_range(y, m);
            return Some(Found {
                start: i,
                end: i + 1,
                date: a,
                until: b,
                precision: DatePrecision::Month,
            });
        }
        return None;
    }
    // day Month [year] — "7 January 2022"
    if let (Some(d), Some(m)) = (day_of(t), tokens.get(i + 1).and_then(month_of)) {
        if let Some(y) = tokens.get(i + 2).and_then(year_of) {
            return Date::new(y, m, d).map(|dt| day(i, i + 3, dt));
        }
        return latest_on_or_before(pub_date?, m, d).map(|dt| day(i, i + 2, dt));
    }
    // a bare year after "in" / "since" / "by" — "in 2009"
    if let Some(y) = year_of(t) {
        if i > 0
            && matches!(
                word(tokens, i - 1),
                "in" | "since" | "by" | "until" | "early" | "late" | "mid-"
            )
        {
            let a = Date {
                year: y,
                month: 1,
                day: 1,
            };
            let b = Date {
                year: y,
                month: 12,
                day: 31,
            };
            return Some(Found {
                start: i,
                end: i + 1,
                date: a,
                until: b,
                precision: DatePrecision::Year,
            });
        }
        return None;
    }
    let p = pub_date?;
    // weekdays
    if let Some(w) = WEEKDAYS.iter().position(|d| *d == t.lower) {
        if !t.capitalized {
            return None;
        }
        let back = (p.weekday().index() - w as i64).rem_euclid(7);
        return Some(day(i, i + 1, p.add_days(-back)));
    }
    match t.lower.as_str() {
        "today" => return Some(day(i, i + 1, p)),
        "yesterday" => return Some(day(i, i + 1, p.add_days(-1))),
        "tomorrow" => return Some(day(i, i + 1, p.add_days(1))),
        _ => {}
    }
    let monday = p.add_days(-p.weekday().index());
    let week = |start, end, a: Date, b: Date| Found {
        start,
        end,
        date: a,
        until: b,
        precision: DatePrecision::Week,
    };
    let month = |start, end, (a, b): (Date, Date)| Found {
        start,
        end,
        date: a,
        until: b,
        precision: DatePrecision::Month,
    };
    let (w1, w2, w3) = (word(tokens, i + 1), word(tokens, i + 2), t.lower.as_str());
    // "earlier in the week": as "earlier this week"
    if (w3, w1, w2, word(tokens, i + 3)) == ("earlier", "in", "the", "week") {
        return Some(week(i, i + 4, monday, p.add_days(-1).max(monday)));
    }
    // "last weekend", "this weekend" (told after it): the Saturday and Sunday before publication
    if matches!((w3, w1), ("last" | "this", "weekend")) {
        let back = (p.weekday().index() - 5).rem_euclid(7);
        let saturday = p.add_days(-back);
        let saturday = if w3 == "last" && saturday == p {
            saturday.add_days(-7)
        } else {
            saturday
        };
        return Some(week(i, i + 2, saturday, saturday.add_days(1).min(p)));
    }
    match (w3, w1, w2) {
        ("earlier", "this", "week") => Some(week(i, i + 3, monday, p.add_days(-1).max(monday))),
        ("this", "week", _) => Some(week(i, i + 2, monday, monday.add_days(6))),
        ("last", "week", _) => Some(week(i, i + 2, monday.add_days(-7), monday.add_days(-1))),
        ("earlier", "this", "month") => {
            let first = Date { day: 1, ..p };
            Some(Found {
                start: i,
                end: i + 3,
                date: first,
                until: p.add_days(-1).max(first),
                precision: DatePrecision::Month,
            })
        }
        ("this", "month", _) => Some(month(i, i + 2, month_range(p.year, p.month))),
        ("last", "month", _) => {
            let (y, m) = if p.month == 1 {
                (p.year - 1, 12)
            } else {
                (p.year, p.month - 1)
            };
            Some(month(i, i + 2, month_range(y, m)))
        }
        ("last", "year", _) => Some(Found {
            start: i,
            end: i + 2,
            date: Date {
                year: p.year - 1,
                month: 1,
                day: 1,
            },
            until: Date {
                year: p.year - 1,
                month: 12,
                day: 31,
            },
            precision: DatePrecision::Year,
        }),
        _ => None,
    }
}

/// The date tagger as a pipeline stage.
#[derive(Default, Debug, Clone, Copy)]
pub struct DateTagger;

impl Stage for DateTagger {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn process(&self, doc: &mut Document) {
        let pub_date = doc.meta.date;
        let mut dates = Vec::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            for f in find(toks, pub_date) {
                // "last year" in year 1, "in 10000": no date outside 0001-9999
                if !(f.date.is_valid() && f.until.is_valid()) {
                    continue;
                }
                let (start, end) = (toks[f.start].start, toks[f.end - 1].end);
                dates.push(DateMention {
                    start,
                    end,
                    text: doc.slice(start, end).to_string(),
                    date: f.date,
                    until: f.until,
                    precision: f.precision,
                });
            }
        }
        doc.dates = dates;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Metadata;
    use petrel_nlp::Segmenter;

    fn dates(text: &str, pub_date: &str) -> Vec<(String, String, String, DatePrecision)> {
        let meta = Metadata {
            date: pub_date.parse().ok(),
            ..Metadata::default()
        };
        let mut d = Document::new(meta, text.to_string());
        Segmenter.process(&mut d);
        DateTagger.process(&mut d);
        d.dates
            .iter()
            .map(|m| {
                (
                    m.text.clone(),
                    m.date.to_string(),
                    m.until.to_string(),
                    m.precision,
                )
            })
            .collect()
    }

    #[test]
    fn month_day_is_latest_on_or_before_publication() {
        let got = dates(
            "They arrived on January 5 and left on Dec. 30.",
            "2022-01-07",
        );
        assert_eq!(got[0].1, "2022-01-05");
        assert_eq!(got[1].1, "2021-12-30");
        // a day shortly after publication is an announced one, this year's; a later one is last year's
        let got = dates(
            "Parliament will vote on April 3 and met on May 20.",
            "2018-03-31",
        );
        assert_eq!(got[0].1, "2018-04-03");
        assert_eq!(got[1].1, "2017-05-20");
        let got = dates("The talks resume on January 4.", "2021-12-20");
        assert_eq!(got[0].1, "2022-01-04");
        let got = dates("On 3 March 2019 and March 2018 and in 2009.", "2022-01-07");
        assert_eq!(got[0].1, "2019-03-03");
        assert_eq!(
            (got[1].1.as_str(), got[1].2.as_str(), got[1].3),
            ("2018-03-01", "2018-03-31", DatePrecision::Month)
        );
        assert_eq!(
            (got[2].1.as_str(), got[2].3),
            ("2009-01-01", DatePrecision::Year)
        );
    }

    #[test]
    fn relative_expressions() {
        // 2022-01-07 is a Friday
        let got = dates(
            "Earlier this week police came; on Tuesday talks began; yesterday they ended.",
            "2022-01-07",
        );
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_str(), got[0].3),
            ("2022-01-03", "2022-01-06", DatePrecision::Week)
        );
        assert_eq!(got[1].1, "2022-01-04");
        assert_eq!(got[2].1, "2022-01-06");
        let got = dates("Last month and last week.", "2022-01-07");
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_str()),
            ("2021-12-01", "2021-12-31")
        );
        assert_eq!(
            (got[1].1.as_str(), got[1].2.as_str()),
            ("2021-12-27", "2022-01-02")
        );
        // (a Friday: last weekend is the one before, "earlier in the week" Monday to Thursday)
        let got = dates(
            "Earlier in the week police came; last weekend talks began.",
            "2022-01-07",
        );
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_str()),
            ("2022-01-03", "2022-01-06")
        );
        assert_eq!(
            (got[1].1.as_str(), got[1].2.as_str()),
            ("2022-01-01", "2022-01-02")
        );
    }

    #[test]
    fn modal_may_is_not_a_month_and_no_pub_date_means_no_relative_dates() {
        assert!(dates("Troops may 5 times return.", "2022-01-07").is_empty());
        assert!(dates("It happened on Monday, January 5.", "").is_empty());
        assert_eq!(dates("It happened on January 5, 2021.", "").len(), 1);
    }
}
