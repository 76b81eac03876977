//! Publication dates as pages write them: ISO 8601 in metadata, dates in URLs, dates in prose.

use petrel_core::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Earliest and latest year taken for a publication date: anything else is a misparse or a placeholder.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

fn date(y: i32, m: u32, d: u32) -> Option<Date> {
    if !YEARS.contains(&y) {
        return None;
    }
    Date::new(y, m, d)
}

/// A date written in a metadata value: ISO 8601 (`2024-03-05`, `2024-03-05T10:00:00+02:00`, `20240305`), or a
/// date in words (`March 5, 2024`, `5 Mar 2024`, `Tue, 05 Mar 2024 10:00:00 GMT`). The day is the one written —
/// the local day of the publisher, not converted to UTC.
pub fn parse_date_value(value: &str) -> Option<Date> {
    let v = value.trim();
    if let Some(d) = iso_prefix(v) {
        return Some(d);
    }
    // 20240305 or 20240305T...
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() == 8 || (digits.len() >= 8 && v.as_bytes().get(8) == Some(&b'T')) {
        let y = digits[0..4].parse().ok()?;
        let m = digits[4..6].parse().ok()?;
        let d = digits[6..8].parse().ok()?;
        if let Some(dt) = date(y, m, d) {
            return Some(dt);
        }
    }
    find_date_in_text(v, v.len())
}

/// `YYYY-MM-DD` (or with `/` or `.`) at the start of the string.
fn iso_prefix(v: &str) -> Option<Date> {
    let b = v.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') || b[7] != sep {
        return None;
    }
    if !(b[0..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    if b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    date(
        v[0..4].parse().ok()?,
        v[5..7].parse().ok()?,
        v[8..10].parse().ok()?,
    )
}

/// The date in a URL path: `/2024/03/05/`, `/2024-03-05-`, `/20240305/`. A year and month alone are not a day.
pub fn date_in_url(url: &str) -> Option<Date> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = match path.find("://") {
        Some(i) => &path[i + 3..],
        None => path,
    };
    let b = path.as_bytes();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let rest = &path[i..];
        let rb = rest.as_bytes();
        // YYYY/MM/DD or YYYY-MM-DD with one- or two-digit month and day
        if rb.len() >= 8
            && rb[0..4].iter().all(u8::is_ascii_digit)
            && matches!(rb[4], b'/' | b'-' | b'_')
        {
            let sep = rb[4] as char;
            let mut parts = rest[5..].splitn(3, sep);
            let m = parts.next().filter(|p| (1..=2).contains(&p.len()));
            let d = parts.next().map(|p| {
                p.chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
            });
            if let (Some(m), Some(d)) = (m, d) {
                if (1..=2).contains(&d.len()) {
                    let day_end = 5 + m.len() + 1 + d.len();
                    let next = rb.get(day_end).copied();
                    if next.is_none_or(|c| !c.is_ascii_digit()) {
                        if let (Ok(y), Ok(mo), Ok(dd)) = (rest[0..4].parse(), m.parse(), d.parse())
                        {
                            if let Some(dt) = date(y, mo, dd) {
                                return Some(dt);
                            }
                        }
                    }
                }
            }
        }
        // YYYYMMDD between separators
        if rb.len() >= 8
            && rb[0..8].iter().all(u8::is_ascii_digit)
            && rb.get(8).is_none_or(|c| !c.is_ascii_digit())
            && i > 0
            && matches!(b[i - 1], b'/' | b'-' | b'_')
        {
            if let (Ok(y), Ok(m), Ok(d)) =
                (rest[0..4].parse(), rest[4..6].parse(), rest[6..8].parse())
            {
                if let Some(dt) = date(y, m, d) {
                    return Some(dt);
                }
            }
        }
    }
    None
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|m| w.starts_with(m))? as u32 + 1;
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = FULL[m as usize - 1];
    // "Mar", "March", "Sept" — not "Marching" or "Mayor"
    (full.starts_with(&w) || w == "sept").then_some(m)
}

fn day_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']);
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.', ';', ')']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|y| YEARS.contains(y))
}

/// The first complete date (day, month, year) in the first `limit` bytes of prose: `March 5, 2024`,
/// `5 March 2024`, `Mar. 5th, 2024`, `2024-03-05`.
pub fn find_date_in_text(text: &str, limit: usize) -> Option<Date> {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let words: Vec<(usize, &str)> = text[..end]
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    for i in 0..words.len() {
        let w = words[i].1;
        if let Some(d) = iso_prefix(w.trim_start_matches(['(', '['])) {
            return Some(d);
        }
        let next = |k: usize| words.get(i + k).map(|x| x.1).unwrap_or("");
        // Month Day, Year
        if let Some(m) = month_of(w) {
            if let (Some(d), Some(y)) = (day_of(next(1)), year_of(next(2))) {
                if let Some(dt) = date(y, m, d) {
                    return Some(dt);
                }
            }
        }
        // Day Month Year
        if let Some(d) = day_of(w) {
            let mut k = 1;
            if next(1).eq_ignore_ascii_case("of") {
                k = 2;
            }
            if let (Some(m), Some(y)) = (month_of(next(k)), year_of(next(k + 1))) {
                if let Some(dt) = date(y, m, d) {
                    return Some(dt);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn values_urls_and_prose() {
        assert_eq!(
            parse_date_value("2024-03-05T23:30:00-05:00"),
            d("2024-03-05")
        );
        assert_eq!(parse_date_value("20240305"), d("2024-03-05"));
        assert_eq!(
            parse_date_value("Tue, 05 Mar 2024 10:00:00 GMT"),
            d("2024-03-05")
        );
        assert_eq!(parse_date_value("March 5th, 2024"), d("2024-03-05"));
        assert_eq!(parse_date_value("2024-13-05"), None);
        assert_eq!(parse_date_value("yesterday"), None);
        assert_eq!(
            date_in_url("https://x.com/news/2024/03/05/story.html"),
            d("2024-03-05")
        );
        assert_eq!(date_in_url("https://x.com/2024-3-5-story"), d("2024-03-05"));
        assert_eq!(date_in_url("https://x.com/a/20240305/b"), d("2024-03-05"));
        assert_eq!(date_in_url("https://x.com/2024/03/story"), None);
        assert_eq!(date_in_url("https://x.com/id/123420240305999"), None);
        assert_eq!(
            find_date_in_text("By Jane Doe | Published on Sept. 4, 2025 at 10am", 200),
            d("2025-09-04")
        );
        assert_eq!(
            find_date_in_text("Updated 4th of July 2021.", 200),
            d("2021-07-04")
        );
        assert_eq!(find_date_in_text("The Mayor 5 2024 said", 200), None);
        assert_eq!(find_date_in_text("on March 5, 2024", 5), None);
    }
}
