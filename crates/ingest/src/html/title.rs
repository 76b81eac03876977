//! The headline: chosen among the titles a page declares and the `<h1>`s it shows, with the site's names
//! recognised and cut away, and page furniture (datelines, bylines, labels) told from headline words.

use super::jsonld::LdInfo;
use super::text::{decode_entities_into, BLOCK_TAGS};
use super::{squash, tagged};
use crate::dates::find_date_in_text;
use trafilatura::dom::{Document, NodeId};

/// The headline, chosen among what the page declares (`og:title`/`twitter:title`, the JSON-LD headline,
/// `<title>`) and what it shows (its first `<h1>`s):
///
/// - site names are recognised (the declared site name, the host name, and whatever `<title>` adds around
///   another declared title, "Headline | Site") and never taken for the headline, neither as a whole `<h1>`
///   (blog themes put the blog's name there) nor as part of a title;
/// - an `<h1>` that agrees with a declared title is the headline: as the page shows it, unless it is in
///   capitals (the declared casing is kept) or adds a dateline or byline to it ("... Posted on May 1, 2024");
/// - else a lone `<h1>` is the headline (pages put an SEO-worded title in the head) unless it looks like a
///   label: in capitals, ending in a colon, or sharing no word with the declared title ("Our Blog");
/// - else the declared title, without its site name and short trailing tagline.
pub(super) fn choose_title(
    doc: &Document,
    elements: &[NodeId],
    meta: &dyn Fn(&[&str]) -> Option<String>,
    ld: &LdInfo,
    site: Option<&str>,
    url: Option<&url::Url>,
) -> Option<String> {
    let declared: Vec<String> = [
        meta(&["og:title", "twitter:title"]),
        ld.headline.clone(),
        tagged(doc, elements, "title")
            .next()
            .map(|id| doc.text_content(id)),
    ]
    .into_iter()
    .flatten()
    .map(|t| clean_title_text(&t))
    .filter(|t| !t.is_empty())
    .collect();
    let h1s: Vec<String> = tagged(doc, elements, "h1")
        .take(5)
        .map(|id| clean_title_text(&spaced_text(doc, id)))
        .filter(|t| !t.is_empty() && t.chars().count() <= MAX_HEADLINE_CHARS)
        .collect();
    let keys = site_keys(site, ld.publisher.as_deref(), url, &declared, &h1s);
    pick_title(&declared, &h1s, &keys)
}

/// Longer `<h1>`s are blurbs, not headlines.
const MAX_HEADLINE_CHARS: usize = 200;

/// The choice of [`choose_title`] once the candidates are read.
pub(super) fn pick_title(declared: &[String], h1s: &[String], keys: &[String]) -> Option<String> {
    let cleaned: Vec<String> = declared
        .iter()
        .map(|d| strip_site_name(d, keys))
        .filter(|d| !d.is_empty())
        .collect();
    let h1s: Vec<String> = h1s
        .iter()
        .filter(|h| !is_site_name(h, keys))
        .map(|h| strip_site_name(h, keys))
        .filter(|h| !h.is_empty())
        .collect();
    for h in &h1s {
        let hf = fold(h);
        for (k, (d, df)) in cleaned
            .iter()
            .chain(declared.iter())
            .map(|d| (d, fold(d)))
            .enumerate()
        {
            if hf == df {
                return Some(if is_capitals(h) && !is_capitals(d) {
                    d.clone()
                } else {
                    h.clone()
                });
            }
            // the same words, punctuation aside: the version that kept more of it (a line break shown for
            // a dash, a question mark dropped from the meta tag)
            if letters(&hf) == letters(&df) {
                return Some(if d.chars().count() > h.chars().count() || is_capitals(h) {
                    d.clone()
                } else {
                    h.clone()
                });
            }
            if hf.len() >= 12 && df.contains(&hf) {
                // the declared title is the h1 plus something: a site name or tagline is not headline, but
                // a listicle's count or a year the h1 leaves out ("8 Recent Trends in Photography",
                // "15 Best Tutoring Platforms 2025") is; the site name is already cut from `cleaned`
                let from_cleaned = k < cleaned.len();
                return Some(
                    if from_cleaned && is_count_or_year(&df.replacen(&hf, " ", 1)) {
                        d.clone()
                    } else {
                        h.clone()
                    },
                );
            }
            if df.len() >= 12 && hf.contains(&df) {
                // the h1 is the declared title plus something: a dateline, byline, label or source is
                // not headline
                let extra = hf.replacen(&df, " ", 1);
                return Some(if is_furniture(&extra) {
                    d.clone()
                } else {
                    h.clone()
                });
            }
        }
    }
    if let [h] = h1s.as_slice() {
        if !looks_like_label(h, &cleaned) {
            return Some(h.clone());
        }
    }
    cleaned
        .into_iter()
        .next()
        .or_else(|| h1s.into_iter().next())
}

/// Text of an element with a space where a line break or a block element separates words.
pub(super) fn spaced_text(doc: &Document, id: NodeId) -> String {
    fn walk(doc: &Document, id: NodeId, out: &mut String, depth: usize) {
        if depth > 40 {
            return;
        }
        for child in doc.child_nodes(id) {
            if doc.is_text(child) {
                out.push_str(&doc.text_content(child));
            } else if doc.is_element(child) {
                let tag = doc.tag_name(child);
                let block = tag == "br" || BLOCK_TAGS.contains(&tag);
                if block {
                    out.push(' ');
                }
                walk(doc, child, out, depth + 1);
                if block {
                    out.push(' ');
                }
            }
        }
    }
    let mut out = String::new();
    walk(doc, id, &mut out, 0);
    out
}

/// Separators between a headline and a site name or tagline ("Headline | Site", "Headline – Tagline").
const TITLE_SEPARATORS: [&str; 9] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " » ",
];

/// Splits a title at its separators: the segments, and each separator's byte range.
fn title_segments(title: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in TITLE_SEPARATORS {
        for (i, _) in title.match_indices(sep) {
            cuts.push((i, i + sep.len()));
        }
    }
    cuts.sort_unstable();
    let mut segments = Vec::new();
    let mut start = 0;
    for (a, b) in cuts {
        if a < start {
            continue;
        }
        segments.push((start, a));
        start = b;
    }
    segments.push((start, title.len()));
    segments
}

/// Letters and digits only, lower-cased: how site names are compared ("The Verge", "theverge.com").
pub(super) fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The site's names, as [`letters`] keys: the declared site name and publisher, the host name and its main
/// label, and what `<title>` adds around another declared title or an h1 ("Headline | The Site" next to
/// og:title "Headline" names "The Site", also after a colon).
pub(super) fn site_keys(
    site: Option<&str>,
    publisher: Option<&str>,
    url: Option<&url::Url>,
    declared: &[String],
    h1s: &[String],
) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if k.len() >= 3 && !keys.contains(&k) {
            keys.push(k);
        }
    };
    for s in [site, publisher].into_iter().flatten() {
        add(letters(s));
    }
    if let Some(host) = url.and_then(|u| u.host_str()) {
        let host = host.trim_start_matches("www.");
        add(letters(host));
        let labels: Vec<&str> = host.split('.').collect();
        // the registrable label: example in news.example.com, example.co.uk
        if labels.len() >= 2 {
            let mut i = labels.len() - 2;
            if labels[i].len() <= 3 && i > 0 {
                i -= 1;
            }
            if labels[i].len() >= 4 {
                add(letters(labels[i]));
            }
        }
    }
    for full in declared {
        for part in declared.iter().chain(h1s) {
            if part.len() >= 8 && part.len() < full.len() {
                if let Some(i) = full.find(part.as_str()) {
                    let (before, after) = (&full[..i], &full[i + part.len()..]);
                    for rest in [before, after] {
                        let rest = rest
                            .trim_matches(|c: char| c.is_whitespace() || "|-–—:·•/»".contains(c));
                        // the headline is the larger part: "Site: Headline" next to an h1 "Site" names
                        // nothing
                        if rest.split_whitespace().count() >= part.split_whitespace().count() {
                            continue;
                        }
                        for (a, b) in title_segments(rest) {
                            let seg = rest[a..b].trim();
                            if seg.split_whitespace().count() <= 6 {
                                add(letters(seg));
                            }
                        }
                    }
                }
            }
        }
    }
    keys
}

/// Whether a title segment or an h1 is the site's name (allowing a few letters more or less: "The Verge" for
/// "Verge", "Example Blog" for "example").
pub(super) fn is_site_name(s: &str, keys: &[String]) -> bool {
    let l = letters(s);
    if l.is_empty() {
        return true;
    }
    // a few letters more or less, never digits: "Signal #18" is an issue, not the site "Signal"
    let close = |long: &str, short: &str| {
        let Some(extra) = long
            .strip_prefix(short)
            .or_else(|| long.strip_suffix(short))
        else {
            return false;
        };
        extra.len() <= 4 && !extra.chars().any(|c| c.is_ascii_digit())
    };
    keys.iter()
        .any(|k| l == *k || (k.len() >= 4 && close(&l, k)) || (l.len() >= 6 && close(k, &l)))
}

/// "Headline | Site" → "Headline": site names dropped at either end whatever the separator, then short
/// trailing segments (a tagline or section of at most five words after a headline of three or more:
/// "Headline – Top 10 Picks"), then a host name glued on without a separator ("example.com Headline").
pub(super) fn strip_site_name(title: &str, keys: &[String]) -> String {
    let segs = title_segments(title);
    let (mut lo, mut hi) = (0, segs.len());
    let seg = |i: usize| title[segs[i].0..segs[i].1].trim();
    while hi - lo > 1 && is_site_name(seg(hi - 1), keys) {
        hi -= 1;
    }
    while hi - lo > 1 && is_site_name(seg(lo), keys) {
        lo += 1;
    }
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    while hi - lo > 1 && words(seg(hi - 1)) <= 5 && words(&title[segs[lo].0..segs[hi - 2].1]) >= 3 {
        hi -= 1;
    }
    let mut out = title[segs[lo].0..segs[hi - 1].1].trim();
    // "example.com Headline", "Headline example.com"
    if let Some((first, rest)) = out.split_once(' ') {
        if first.contains('.') && is_site_name(first, keys) && !rest.trim().is_empty() {
            out = rest.trim();
        }
    }
    if let Some((rest, last)) = out.rsplit_once(' ') {
        if last.contains('.') && is_site_name(last, keys) && !rest.trim().is_empty() {
            out = rest.trim();
        }
    }
    out.to_string()
}

/// Case folded, typographic quotes and dashes made plain, white space collapsed: how titles are compared.
fn fold(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    squash(&s)
}

/// Written in capitals (a kicker or label style, or a headline whose case is lost).
fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// What an h1 adds to the declared title is page furniture: a dateline or byline ("Posted on July 1, 2024 by
/// X", "Dec 18 2025"), a field label ("Title:") or a source and count ("(example.com) 87").
fn is_furniture(extra: &str) -> bool {
    let e = extra.trim().to_lowercase();
    if ["posted", "by ", "published", "updated"]
        .iter()
        .any(|w| e.starts_with(w))
        || find_date_in_text(&e, e.len()).is_some()
    {
        return true;
    }
    let words: Vec<&str> = e.split_whitespace().collect();
    if let [w] = words.as_slice() {
        if w.ends_with(':') {
            return true;
        }
    }
    // nothing but numbers and host names
    !words.is_empty()
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().all(|c| c.is_ascii_digit())
                || (w.contains('.') && !w.ends_with('.') && !w.contains(' '))
        })
}

/// What a declared title adds to its h1 is only a number of up to four digits per word, brackets aside (a
/// listicle's count, a year).
fn is_count_or_year(extra: &str) -> bool {
    let mut words = extra.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            let w = w.trim_matches(|c: char| "()[]:,-".contains(c));
            !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit())
        })
}

/// A lone h1 that is a section label or a banner rather than the headline: in capitals, ending in a colon, or
/// sharing no word with the declared title.
fn looks_like_label(h1: &str, declared: &[String]) -> bool {
    if declared.is_empty() {
        return false;
    }
    if is_capitals(h1) || h1.trim_end().ends_with(':') {
        return true;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
            .collect()
    };
    let declared_words: Vec<String> = declared.iter().flat_map(|d| words(d)).collect();
    !words(h1).iter().any(|w| declared_words.contains(w))
}

/// Words that say nothing about what a title is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "how", "what", "why", "who", "when", "your", "you", "our",
    "this", "that", "are", "was", "its", "into", "about",
];

/// A title's text with white space collapsed, entities left in it decoded and Markdown heading marks
/// ("## Title", from pages generated out of Markdown) dropped.
pub(super) fn clean_title_text(t: &str) -> String {
    let t = squash(&decode_entities(t));
    let unmarked = t.trim_start_matches('#');
    if unmarked.len() < t.len() && unmarked.starts_with(' ') {
        unmarked.trim().to_string()
    } else {
        t
    }
}

/// Entities left in text (titles written with `&amp;#x26;` come out of the parser as `&#x26;`).
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    decode_entities_into(s, &mut out);
    out
}
