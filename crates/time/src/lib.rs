//! petrel-time: date expressions resolved against the publication date.
//!
//! Reads the `tokens` and `sentences` layers, fills `dates`. Rules:
//! - a full date ("January 7, 2022", "7 January 2022", "7 January, 2022", "the 7th of January 2022",
//!   "2022-01-07") is itself;
//! - a month and day without a year is the latest such day on or before publication, or one at most a month
//!   after it (an announced date);
//! - a month with a year ("March 2018") is that month, with month precision, as is "in January", "mid-January"
//!   or "the end of January" (the latest such month on or before publication); a month or day followed by "last year", "this year" or
//!   "next year" ("September last year", "4 March of last year") is in that year, and "last September" is the
//!   latest September before the month of publication; a year after "in"/"since" is a year;
//! - weekdays ("on Monday") are the latest such day on or before publication, unless told as coming ("next
//!   Monday", "will meet Friday": the first such day from publication on); "last Monday" is never today;
//! - today, tonight, this morning, yesterday, last night, tomorrow; "two days ago", "a week ago", "three months
//!   ago", "a year ago" counted back from publication; "this year", "earlier this year"; "this week", "earlier
//!   this week" or "earlier in the week" (Monday up to the day before publication), "last week", "last weekend",
//!   "this weekend", "this past weekend" and "over/on/at/during the weekend" (the Saturday and Sunday before
//!   publication), "this month", "earlier this month", "last month", "last year" as ranges with their precision.
//!
//! - feasts that name a day: Christmas Eve and Day, Boxing Day, New Year's Eve and Day, Good Friday, Easter
//!   Sunday and Monday, the Easter weekend (Good Friday to Easter Monday), the latest on or before publication.
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
    ("apr", 4),
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
    ("sep", 9),
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

use petrel_core::date::WEEKDAY_NAMES as WEEKDAYS;

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

/// A year told relative to publication right after a month or a day at token `j`: "last year", "this year",
/// "next year", "of last year", "the previous year" is not one (it is relative to the story). Returns the year
/// and the token after the phrase.
fn relative_year(tokens: &[Token], j: usize, pub_date: Option<Date>) -> Option<(i32, usize)> {
    let p = pub_date?;
    let j = if word(tokens, j) == "of" { j + 1 } else { j };
    if word(tokens, j + 1) != "year" {
        return None;
    }
    let y = match word(tokens, j) {
        "last" | "past" => p.year - 1,
        "this" => p.year,
        "next" => p.year + 1,
        _ => return None,
    };
    Some((y, j + 2))
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

/// Month `m` of year `y` over tokens `[start, end)`, with month precision.
fn in_month(start: usize, end: usize, y: i32, m: u32) -> Found {
    let (date, until) = month_range(y, m);
    Found {
        start,
        end,
        date,
        until,
        precision: DatePrecision::Month,
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
            // "March 4 last year"
            if let Some((y, end)) = relative_year(tokens, i + 2, pub_date) {
                return Date::new(y, m, d).map(|dt| day(i, end, dt));
            }
            return latest_on_or_before(pub_date?, m, d).map(|dt| day(i, i + 2, dt));
        }
        // Month year — "March 2018"
        if let Some(y) = tokens.get(i + 1).and_then(year_of) {
            return Some(in_month(i, i + 2, y, m));
        }
        // "September last year", "in March of this year": that year's month
        if let Some((y, end)) = relative_year(tokens, i + 1, pub_date) {
            return Some(in_month(i, end, y, m));
        }
        // "last September": the latest such month before the month of publication
        if i > 0 && matches!(word(tokens, i - 1), "last" | "past") {
            let p = pub_date?;
            let y = if m < p.month { p.year } else { p.year - 1 };
            return Some(in_month(i - 1, i + 1, y, m));
        }
        // "in January" (no year): the latest such month on or before publication (also "at the end of
        // March", "by the beginning of May")
        let part_of = i > 1
            && word(tokens, i - 1) == "of"
            && matches!(
                word(tokens, i - 2),
                "end" | "beginning" | "start" | "middle" | "course"
            );
        if matches!(
            word(tokens, i.wrapping_sub(1)),
            "in" | "since" | "until" | "early" | "late" | "mid"
        ) && i > 0
            || part_of
        {
            let p = pub_date?;
            let y = if m <= p.month { p.year } else { p.year - 1 };
            return Some(in_month(i, i + 1, y, m));
        }
        return None;
    }
    // day Month [year] — "7 January 2022", "7 January, 2022"; "the 7th of January [2022]"
    let ordinal_of =
        t.lower.ends_with(|c: char| c.is_ascii_alphabetic()) && word(tokens, i + 1) == "of";
    let month_at = if ordinal_of { i + 2 } else { i + 1 };
    if let (Some(d), Some(m)) = (day_of(t), tokens.get(month_at).and_then(month_of)) {
        let year_at = if word(tokens, month_at + 1) == "," {
            month_at + 2
        } else {
            month_at + 1
        };
        if let Some(y) = tokens.get(year_at).and_then(year_of) {
            return Date::new(y, m, d).map(|dt| day(i, year_at + 1, dt));
        }
        // "4 March last year"
        if let Some((y, end)) = relative_year(tokens, month_at + 1, pub_date) {
            return Date::new(y, m, d).map(|dt| day(i, end, dt));
        }
        return latest_on_or_before(pub_date?, m, d).map(|dt| day(i, month_at + 1, dt));
    }
    // an ISO date written in the text — "2022-01-07"
    if let Some(f) = iso_date(tokens, i) {
        return Some(f);
    }
    // "mid-March" [year]: that month
    if let Some(m) = t
        .lower
        .strip_prefix("mid-")
        .and_then(|w| MONTHS.iter().find(|(n, _)| *n == w && n.len() > 3))
        .map(|(_, m)| *m)
    {
        let y = match (tokens.get(i + 1).and_then(year_of), pub_date) {
            (Some(y), _) => y,
            (None, Some(p)) if m <= p.month => p.year,
            (None, Some(p)) => p.year - 1,
            (None, None) => return None,
        };
        let end = if tokens.get(i + 1).and_then(year_of).is_some() {
            i + 2
        } else {
            i + 1
        };
        return Some(in_month(i, end, y, m));
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
    // feasts that name a day: "Christmas Day", "New Year's Eve", "Good Friday", "Easter Sunday", "the Easter
    // weekend" (Good Friday to Easter Monday)
    if let Some(f) = feast(tokens, i, p) {
        return Some(f);
    }
    // weekdays: "next Monday" and "will meet Friday" are coming, "last Monday" is not today; else the latest
    // such day on or before publication
    if let Some(w) = WEEKDAYS.iter().position(|d| *d == t.lower) {
        if !t.capitalized {
            return None;
        }
        let before = word(tokens, i.wrapping_sub(1));
        let start = if i > 0 && matches!(before, "next" | "last" | "coming") {
            i - 1
        } else {
            i
        };
        let back = (p.weekday().index() - w as i64).rem_euclid(7);
        let ahead = (w as i64 - p.weekday().index()).rem_euclid(7);
        let d = match before {
            "next" => p.add_days(if ahead == 0 { 7 } else { ahead }),
            "last" => p.add_days(if back == 0 { -7 } else { -back }),
            _ if before == "coming" || told_as_coming(tokens, i) => p.add_days(ahead),
            _ => p.add_days(-back),
        };
        return Some(day(start, i + 1, d));
    }
    match (t.lower.as_str(), word(tokens, i + 1)) {
        ("today" | "tonight", _) => return Some(day(i, i + 1, p)),
        ("yesterday", _) => return Some(day(i, i + 1, p.add_days(-1))),
        ("tomorrow", _) => return Some(day(i, i + 1, p.add_days(1))),
        // "last night" is the evening before publication; "this morning", "this evening" are the day itself
        ("last", "night") => return Some(day(i, i + 2, p.add_days(-1))),
        ("this", "morning" | "afternoon" | "evening") => return Some(day(i, i + 2, p)),
        _ => {}
    }
    // "two days ago", "a week ago", "three months ago", "a year ago": counted back from publication
    if let Some(f) = ago(tokens, i, p) {
        return Some(f);
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
    // "last weekend", "this weekend" (told after it), "over the weekend", "this past weekend": the Saturday and
    // Sunday before publication
    let the_weekend = (w3, w1) == ("the", "weekend")
        && i > 0
        && matches!(word(tokens, i - 1), "over" | "on" | "at" | "during");
    if matches!((w3, w1), ("last" | "this" | "past", "weekend")) || the_weekend {
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
        // "this year", "earlier this year": the year of publication (up to the day before it, told as earlier)
        ("earlier", "this", "year") | ("this", "year", _) => {
            let n = if w3 == "earlier" { 3 } else { 2 };
            let first = Date {
                year: p.year,
                month: 1,
                day: 1,
            };
            let last = if w3 == "earlier" {
                p.add_days(-1).max(first)
            } else {
                Date {
                    year: p.year,
                    month: 12,
                    day: 31,
                }
            };
            Some(Found {
                start: i,
                end: i + n,
                date: first,
                until: last,
                precision: DatePrecision::Year,
            })
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

/// "2022-01-07" as the tokenizer splits it: a year, a hyphen, a month, a hyphen and a day, written together.
fn iso_date(tokens: &[Token], i: usize) -> Option<Found> {
    let y = year_of(&tokens[i])?;
    let parts = tokens.get(i..i + 5)?;
    let together = parts.windows(2).all(|w| w[0].end == w[1].start);
    let two_digits = |t: &Token| t.lower.len() == 2 && t.lower.bytes().all(|b| b.is_ascii_digit());
    if !together
        || parts[1].lower != "-"
        || parts[3].lower != "-"
        || !two_digits(&parts[2])
        || !two_digits(&parts[4])
    {
        return None;
    }
    let (m, d) = (parts[2].lower.parse().ok()?, parts[4].lower.parse().ok()?);
    Date::new(y, m, d).map(|dt| day(i, i + 5, dt))
}

/// Easter Sunday of year `y` (Gregorian; the anonymous algorithm of 1876).
fn easter(y: i32) -> Option<Date> {
    let (a, b, c) = (y.rem_euclid(19), y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let g = (b - (b + 8) / 25 + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let l = (32 + 2 * e + 2 * (c / 4) - h - c % 4) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    Date::new(y, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// A feast that names a day, told without its year: the latest on or before publication, or one at most
/// [`AHEAD_DAYS`] after it. Christmas Eve and Day, Boxing Day, New Year's Eve and Day at their dates; Good
/// Friday, Easter Sunday ("Easter Sunday", "Easter Day", "at Easter") and Easter Monday; the Easter weekend from
/// Good Friday to Easter Monday.
fn feast(tokens: &[Token], i: usize, p: Date) -> Option<Found> {
    if !tokens[i].capitalized {
        return None;
    }
    let w = |k: usize| word(tokens, i + k);
    let fixed = |m: u32, d: u32, n: usize| latest_on_or_before(p, m, d).map(|dt| day(i, i + n, dt));
    match (w(0), w(1), w(2), w(3)) {
        ("christmas", "eve", _, _) => return fixed(12, 24, 2),
        ("christmas", "day", _, _) => return fixed(12, 25, 2),
        ("boxing", "day", _, _) => return fixed(12, 26, 2),
        ("new", "year", "'s", "eve") => return fixed(12, 31, 4),
        ("new", "year", "'s", "day") => return fixed(1, 1, 4),
        _ => {}
    }
    // (this year's Easter unless its Good Friday lies more than a month after publication)
    let sunday = [p.year, p.year - 1]
        .into_iter()
        .filter_map(easter)
        .find(|e| e.add_days(-2).to_days() - p.to_days() <= AHEAD_DAYS)?;
    let after_at = i > 0
        && matches!(
            word(tokens, i - 1),
            "at" | "on" | "over" | "since" | "before" | "after"
        );
    match (w(0), w(1)) {
        ("good", "friday") => Some(day(i, i + 2, sunday.add_days(-2))),
        ("easter", "sunday" | "day") => Some(day(i, i + 2, sunday)),
        ("easter", "monday") => Some(day(i, i + 2, sunday.add_days(1))),
        // ("the Easter weekend" as "the weekend": the article is part of the expression)
        ("easter", "weekend" | "holiday" | "holidays") => Some(Found {
            start: if i > 0 && word(tokens, i - 1) == "the" {
                i - 1
            } else {
                i
            },
            end: i + 2,
            date: sunday.add_days(-2),
            until: sunday.add_days(1),
            precision: DatePrecision::Week,
        }),
        ("easter", _) if after_at => Some(day(i, i + 1, sunday)),
        _ => None,
    }
}

/// Words that tell that what follows is still to come: "will meet Friday", "said it would vote on Monday",
/// "plans to travel on Sunday".
const COMING: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "due",
    "expected",
    "upcoming",
];

/// Words that end the stretch a weekday's tense is read from: another clause, or what someone said.
const TENSE_BREAKS: &[&str] = &[
    ",", ";", ":", "\"", "(", ")", "--", "after", "before", "since", "when", "while", "who",
    "which", "that", "said", "says", "told", "and", "but", "as", "because",
];

/// How far back from a weekday a word of the future is read ("will host the forum from 1-3 p.m. Saturday").
const TENSE_REACH: usize = 12;

/// Whether the weekday at `i` is told as coming: a word of the future in its clause, at most [`TENSE_REACH`]
/// words before it ("will meet on Friday", "is scheduled to vote Monday"), not undone by a past form ("was
/// expected to meet on Friday", "would not say on Monday").
fn told_as_coming(tokens: &[Token], i: usize) -> bool {
    let mut j = i;
    while j > 0 && i - j < TENSE_REACH {
        j -= 1;
        let w = tokens[j].lower.as_str();
        if TENSE_BREAKS.contains(&w) {
            return false;
        }
        if COMING.contains(&w) {
            let next = word(tokens, j + 1);
            let prev = if j > 0 { word(tokens, j - 1) } else { "" };
            // ("due to the storm on Monday" gives a cause; "is due to arrive on Monday" a plan)
            if w == "due" && !matches!(prev, "is" | "are" | "'s" | "'re") {
                return false;
            }
            return !(matches!(next, "not" | "n't")
                || matches!(prev, "was" | "were" | "had" | "been"));
        }
    }
    false
}

/// Number words of a count of days, weeks, months or years back: "two days ago", "a week ago".
fn small_number(w: &str) -> Option<i64> {
    const WORDS: &[&str] = &[
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if let Some(n) = WORDS.iter().position(|x| *x == w) {
        return Some(n.max(1) as i64);
    }
    w.parse::<i64>().ok().filter(|n| (1..=100).contains(n))
}

/// "N days ago" (that day), "N weeks ago" (that week, Monday to Sunday), "N months ago" (that month),
/// "N years ago" (that year), counted back from publication.
fn ago(tokens: &[Token], i: usize, p: Date) -> Option<Found> {
    if let Some(f) = some_ago(tokens, i, p) {
        return Some(f);
    }
    let n = small_number(&tokens[i].lower)?;
    let unit = word(tokens, i + 1);
    if word(tokens, i + 2) != "ago" {
        return None;
    }
    let (date, until, precision) = match unit {
        "day" | "days" => {
            let d = p.add_days(-n);
            (d, d, DatePrecision::Day)
        }
        "week" | "weeks" => {
            let d = p.add_days(-7 * n);
            let monday = d.add_days(-d.weekday().index());
            (monday, monday.add_days(6), DatePrecision::Week)
        }
        "month" | "months" => {
            let months = p.year as i64 * 12 + (p.month as i64 - 1) - n;
            let (a, b) = month_range(
                months.div_euclid(12) as i32,
                months.rem_euclid(12) as u32 + 1,
            );
            (a, b, DatePrecision::Month)
        }
        "year" | "years" => {
            let y = p.year - n as i32;
            (
                Date {
                    year: y,
                    month: 1,
                    day: 1,
                },
                Date {
                    year: y,
                    month: 12,
                    day: 31,
                },
                DatePrecision::Year,
            )
        }
        _ => return None,
    };
    Some(Found {
        start: i,
        end: i + 3,
        date,
        until,
        precision,
    })
}

/// "a few days ago", "several days ago", "days ago": about three days back (that day, to the eve, with week
/// precision); "a few weeks ago", "weeks ago": about three weeks back (to a week before publication).
fn some_ago(tokens: &[Token], i: usize, p: Date) -> Option<Found> {
    let (unit_at, start) = match (tokens[i].lower.as_str(), word(tokens, i + 1)) {
        ("a", "few") => (i + 2, i),
        ("few" | "several" | "some", _) => (i + 1, i),
        ("days" | "weeks", "ago") => (i, i),
        _ => return None,
    };
    if word(tokens, unit_at + 1) != "ago" {
        return None;
    }
    let (back, until) = match word(tokens, unit_at) {
        "days" => (3, 1),
        "weeks" => (21, 7),
        _ => return None,
    };
    Some(Found {
        start,
        end: unit_at + 2,
        date: p.add_days(-back),
        until: p.add_days(-until),
        precision: DatePrecision::Week,
    })
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
mod tests;
