//! Reading amounts: numbers, number words and vague amounts, their qualifiers ("more than", "at least"), and the
//! numbers that count no one (times of day, ages).

use crate::words::{SCALES, SMALL, VAGUE};
use petrel_core::{Token, TokenKind};

/// An amount at token `i`: (min, max, tokens used).
pub(crate) fn amount(tokens: &[Token], i: usize) -> Option<(u64, u64, usize)> {
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
    } else if let Some(v) = number_word(&t.lower) {
        (v as f64, 1)
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

/// A number word: "three", "twelve", and tens joined to units, "twenty-five".
fn number_word(w: &str) -> Option<u64> {
    let small = |w: &str| SMALL.iter().find(|(s, _)| *s == w).map(|(_, v)| *v);
    if let Some(v) = small(w) {
        return Some(v);
    }
    let (tens, unit) = w.split_once('-')?;
    match (small(tens)?, small(unit)?) {
        (t, u) if t >= 20 && t % 10 == 0 && u < 10 => Some(t + u),
        _ => None,
    }
}

/// "around 10:20 a.m.", "at 5 pm": a number that gives a time of day counts no one.
pub(crate) fn is_time(tokens: &[Token], i: usize) -> bool {
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
pub(crate) fn is_age(tokens: &[Token], i: usize) -> bool {
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
pub(crate) fn qualified(tokens: &[Token], i: usize, min: u64, max: u64) -> (u64, u64) {
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
