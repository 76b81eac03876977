//! Web page → article: the main text (by the `trafilatura` crate, a port of Python trafilatura) plus what it
//! lacks — the original publication date with where it came from (JSON-LD, meta tags, `<time>`, the URL, the
//! text; never a modified date), the headline as the page shows it, author, canonical URL, site name, declared
//! language — and removal of the caption, share-bar, "read more" and footer lines extraction leaves in.
//!
//! The page is parsed once here; what is read from it lives beside this file: `jsonld` (the page's JSON-LD),
//! `published` (the publication date), `title` (the headline) and `text` (the extractor's output made into
//! lines, boilerplate lines removed).

mod jsonld;
mod published;
mod text;
mod title;

use self::jsonld::json_ld;
use self::published::publication_date;
use self::text::{html_blocks_to_text, remove_boilerplate_lines};
use self::title::choose_title;
use crate::dates::find_date_in_text;
use petrel_core::Date;
use serde::Serialize;
use trafilatura::dom::{Document, NodeId};

/// Where a document's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// `datePublished` (or `dateCreated`) of the page's JSON-LD.
    JsonLd,
    /// A publication-date meta tag (`article:published_time` and kin).
    Meta,
    /// A `<time>` element of the page.
    Time,
    /// The page's URL (`/2024/03/05/`).
    Url,
    /// A date written in the page's byline or text.
    Text,
    /// The item date of an RSS/Atom feed.
    Feed,
    /// The `date` of a JSONL record.
    Record,
    /// The WARC record's capture date (a fallback: a crawl date, not a publication date).
    Warc,
    /// The `--date` given on the command line.
    Given,
}

impl DateSource {
    /// The name used in output (`json_ld`, `meta`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json_ld",
            DateSource::Meta => "meta",
            DateSource::Time => "time",
            DateSource::Url => "url",
            DateSource::Text => "text",
            DateSource::Feed => "feed",
            DateSource::Record => "record",
            DateSource::Warc => "warc",
            DateSource::Given => "given",
        }
    }
}

/// What was made of one web page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The article text, one paragraph per line.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The author(s), as written.
    pub author: Option<String>,
    /// The original publication day.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub date_source: Option<DateSource>,
    /// `<link rel="canonical">` (or `og:url`), made absolute.
    pub canonical_url: Option<String>,
    /// The site's name (`og:site_name`, the JSON-LD publisher, else the host name).
    pub site: Option<String>,
    /// The language the page declares (`<html lang>`, `og:locale`).
    pub declared_language: Option<String>,
}

const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
];

/// Extracts the article and its metadata from a decoded page. `url` is where the page was fetched from, if
/// known (WARC, feed link, JSONL record): it resolves relative links and is the last place a date is looked
/// for.
pub fn extract_page(html: &str, url: Option<&str>) -> Page {
    let doc = Document::parse(&strip_inert(html));
    // every element once, in page order: the lookups below filter this list by tag (a CSS selector query
    // would walk and match the whole tree each time)
    let elements = doc.get_elements_by_tag_name(doc.root(), "*");
    let metas = collect_meta(&doc, &elements);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let ld = json_ld(&doc);
    let base = url.and_then(|u| url::Url::parse(u).ok());

    let canonical_url = tagged(&doc, &elements, "link")
        .filter(|&id| {
            doc.get_attribute(id, "rel")
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("canonical"))
        })
        .find_map(|id| doc.get_attribute(id, "href"))
        .or_else(|| meta(&["og:url"]))
        .and_then(|href| absolute(&href, base.as_ref()));
    let page_url = base.clone().or_else(|| {
        canonical_url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
    });

    let site = meta(&["og:site_name", "application-name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            page_url.as_ref().and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_start_matches("www.").to_string())
            })
        });
    let declared_language = tagged(&doc, &elements, "html")
        .find_map(|id| doc.get_attribute(id, "lang"))
        .or_else(|| meta(&["content-language", "og:locale", "language"]))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());

    let title = choose_title(
        &doc,
        &elements,
        &meta,
        &ld,
        site.as_deref(),
        page_url.as_ref(),
    );

    let (date, date_source) = publication_date(&doc, &elements, &meta, &ld, page_url.as_ref());

    let author = ld
        .author
        .clone()
        .or_else(|| meta(AUTHOR_META).filter(|a| !a.starts_with("http") && !a.starts_with('@')))
        .map(|a| clean_author(&a))
        .filter(|a| !a.is_empty());

    let mut opts = trafilatura::Options::default();
    opts.exclude_comments = true;
    opts.enable_fallback = true;
    opts.html_date_mode = trafilatura::HtmlDateMode::Disabled;
    opts.original_url = page_url.clone();
    // the crate's own metadata is only a fallback for a missing title or author, so it is read only then;
    // the language is detected later on the cleaned text (`lang.rs`)
    let tr_meta = (title.is_none() || author.is_none())
        .then(|| trafilatura::metadata::extract_title_and_author(&doc, &opts));
    opts.skip_metadata = true;
    opts.skip_language_detection = true;
    // pages not in English are skipped later, so justext weighs English stop words (the union of all
    // languages' lists is 154,000 words, slower to build and to look up, for the same text)
    opts.justext_language = Some("en".into());
    let text = match trafilatura::extract_document(doc, &opts) {
        Ok(r) => html_blocks_to_text(&r.content_html),
        Err(_) => String::new(),
    };
    let text = remove_boilerplate_lines(&text);
    let title = title.or_else(|| {
        tr_meta
            .as_ref()
            .map(|(t, _)| t.trim().to_string())
            .filter(|t| !t.is_empty())
    });
    let author = author.or_else(|| {
        tr_meta
            .as_ref()
            .map(|(_, a)| clean_author(a))
            .filter(|a| !a.is_empty())
    });
    // the headline is the title field, not the first paragraph of the body
    let text = match (&title, text.split_once('\n')) {
        (Some(t), Some((first, rest))) if squash(first).eq_ignore_ascii_case(&squash(t)) => {
            rest.to_string()
        }
        _ => text,
    };
    let (date, date_source) = match date {
        Some(d) => (Some(d), date_source),
        None => match find_date_in_text(&text, 600) {
            Some(d) => (Some(d), Some(DateSource::Text)),
            None => (None, None),
        },
    };
    Page {
        text,
        title,
        author,
        date,
        date_source,
        canonical_url,
        site,
        declared_language,
    }
}

/// The page without what is never text: scripts (JSON-LD kept), styles, inline SVG and comments. A smaller tree
/// makes every later pass over it cheaper.
fn strip_inert(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut i = 0;
    // (memchr: one vectorised scan to the next tag; tag names are compared ignoring ASCII case in place, where
    // a lower-cased copy of the page cost a pass and an allocation as large as the page)
    while let Some(rel) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + rel;
        let rest = &bytes[at..];
        let (close, keep_ld): (&[u8], bool) = if rest.starts_with(b"<!--") {
            (b"-->", false)
        } else if starts_with_ignore_case(rest, b"<script") {
            let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            (
                b"</script",
                find_ignore_case(&rest[..tag_end], b"ld+json").is_some(),
            )
        } else if starts_with_ignore_case(rest, b"<style") {
            (b"</style", false)
        } else if starts_with_ignore_case(rest, b"<svg") {
            (b"</svg", false)
        } else {
            i = at + 1;
            continue;
        };
        if keep_ld {
            i = at + 1;
            continue;
        }
        let search_from = at + 4;
        let Some(end_rel) = find_ignore_case(&bytes[search_from..], close) else {
            break;
        };
        let end = search_from + end_rel;
        let end = if close == b"-->" {
            end + 3
        } else {
            memchr::memchr(b'>', &bytes[end..]).map_or(bytes.len(), |g| end + g + 1)
        };
        // `at` is at a '<' and `end` just after a '>' (or the end): both are char boundaries
        out.push_str(&html[copied..at]);
        copied = end;
        i = end;
    }
    out.push_str(&html[copied..]);
    out
}

fn starts_with_ignore_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where `needle` (non-empty) first occurs in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    loop {
        let rel = if first.is_ascii_alphabetic() {
            memchr::memchr2(
                first.to_ascii_lowercase(),
                first.to_ascii_uppercase(),
                &hay[from..],
            )?
        } else {
            memchr::memchr(first, &hay[from..])?
        };
        let at = from + rel;
        if starts_with_ignore_case(&hay[at..], needle) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The elements of `elements` (the page's, in page order) with tag `tag`.
fn tagged<'a>(
    doc: &'a Document,
    elements: &'a [NodeId],
    tag: &'a str,
) -> impl Iterator<Item = NodeId> + 'a {
    elements
        .iter()
        .copied()
        .filter(move |&id| doc.tag_name(id) == tag)
}

/// Lower-cased `name`/`property`/`itemprop`/`http-equiv` → `content` of every meta tag, in page order.
/// `elements`: the page's elements in page order.
fn collect_meta(doc: &Document, elements: &[NodeId]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in tagged(doc, elements, "meta") {
        let Some(content) = doc.get_attribute(id, "content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = doc.get_attribute(id, attr) {
                out.push((k.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    // itemprop on other elements (<span itemprop="datePublished" content=...>, <time itemprop=...>)
    // (what the selector `[itemprop=datePublished]` finds: the value compared exactly)
    for &id in elements
        .iter()
        .filter(|&&id| doc.get_attribute(id, "itemprop").as_deref() == Some("datePublished"))
    {
        if let Some(v) = doc
            .get_attribute(id, "content")
            .or_else(|| doc.get_attribute(id, "datetime"))
        {
            out.push(("datepublished".into(), v));
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_author(a: &str) -> String {
    let a = squash(a);
    let lower = a.to_lowercase();
    let a = if lower.starts_with("by ") {
        &a[3..]
    } else {
        &a[..]
    };
    a.trim().to_string()
}

fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match url::Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => base.and_then(|b| b.join(href).ok()).map(|u| u.to_string()),
    }
}

#[cfg(test)]
mod tests;
