//! The article text from the extractor's HTML output: one line per block element, entities decoded, and the
//! short lines that are page furniture (share bars, "read more", caption credits, footers) removed.

/// Block-level elements: each starts a new line of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "head",
    "hr",
    "main",
    "aside",
    "nav",
    "form",
    "details",
    "summary",
    "code",
    "quote",
    "list",
    "item",
];

/// The text of the extractor's HTML output, one line per block element (its plain-text output runs
/// paragraphs together).
pub(super) fn html_blocks_to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        decode_entities_into(&rest[..lt], &mut raw);
        let Some(gt) = memchr::memchr(b'>', &rest.as_bytes()[lt..]) else {
            rest = &rest[lt..];
            break;
        };
        let name = rest[lt + 1..lt + gt].trim_start_matches('/');
        let name = &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        if BLOCK_TAGS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            raw.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    decode_entities_into(rest, &mut raw);
    // one line per block, its white space squashed; empty lines dropped
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace();
        if let Some(first) = words.next() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(first);
            for w in words {
                out.push(' ');
                out.push_str(w);
            }
        }
    }
    out
}

/// Decodes the entities an HTML serialiser writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;`, numeric).
pub(super) fn decode_entities_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let c = match ent {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let n = if let Some(h) =
                        ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X"))
                    {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        ent.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    char::from_u32(n?)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Short lines that are page furniture, not article: share bars, "read more", captions credits, footers.
/// Long paragraphs are never dropped, whatever they contain.
fn is_boilerplate_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > 14 {
        return false;
    }
    let l = line.trim().to_lowercase();
    let l = l.trim_end_matches([':', '.', '»', '›', '→', '…']).trim();
    const EXACT: &[&str] = &[
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "read more",
        "read more stories",
        "continue reading",
        "related",
        "related articles",
        "related stories",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "comments",
        "skip to content",
        "back to top",
        "story continues below advertisement",
        "advert",
        "subscribe",
        "newsletter",
        "this slideshow requires javascript",
        "privacy overview",
        "thanks for signing up!",
        "thanks for signing up",
        "scroll to continue with content",
    ];
    if EXACT.contains(&l) {
        return true;
    }
    const STARTS: &[&str] = &[
        "read more:",
        "read more at",
        "read more about",
        "also read:",
        "see also:",
        "related:",
        "share this:",
        "follow us on",
        "sign up for",
        "subscribe to our",
        "click here to",
        "photo:",
        "photograph:",
        "image:",
        "image credit",
        "photo credit",
        "credit:",
        "file photo",
        "©",
        "(c) ",
        "copyright ©",
        "copyright 19",
        "copyright 20",
    ];
    if STARTS.iter().any(|s| l.starts_with(s)) {
        return true;
    }
    // "Follow us / Follow The Times on Facebook, Twitter and Instagram"
    if l.starts_with("follow ")
        && ["facebook", "twitter", "instagram"]
            .iter()
            .any(|s| l.contains(s))
    {
        return true;
    }
    const ENDS: &[&str] = &[
        "getty images)",
        "getty images",
        "/ap)",
        "/reuters)",
        "all rights reserved",
    ];
    ENDS.iter().any(|s| l.ends_with(s))
}

pub(super) fn remove_boilerplate_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || is_boilerplate_line(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}
