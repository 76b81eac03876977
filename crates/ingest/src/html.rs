//! Web page → article: the main text (by the `trafilatura` crate, a port of Python trafilatura) plus what it
//! lacks — the original publication date with where it came from (JSON-LD, meta tags, `<time>`, the URL, the
//! text; never a modified date), the headline as the page shows it, author, canonical URL, site name, declared
//! language — and removal of the caption, share-bar, "read more" and footer lines extraction leaves in.

use crate::dates::{date_in_url, find_date_in_text, parse_date_value};
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

/// Meta tag names that give the original publication date, most specific first. Modified/updated dates are
/// deliberately absent.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "originalpublicationdate",
    "rnews:datepublished",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "date",
    "dc.date",
    "dcterms.date",
];

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

/// What the page's JSON-LD says about the article.
#[derive(Default)]
struct LdInfo {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "socialmediaposting",
    "posting",
];

fn json_ld(doc: &Document) -> LdInfo {
    let values: Vec<serde_json::Value> = doc
        .scripts_with_type(&["application/ld+json"])
        .into_iter()
        .filter_map(|id| {
            let raw = doc.text_content(id);
            // pages end their JSON-LD with stray semicolons
            serde_json::from_str(raw.trim().trim_end_matches(';')).ok()
        })
        .collect();
    let mut articles = Vec::new();
    let mut others = Vec::new();
    for v in &values {
        collect_ld(v, &mut articles, &mut others, 0);
    }
    let mut info = LdInfo::default();
    for obj in articles.iter().chain(others.iter()) {
        if info.published.is_none() {
            info.published =
                ld_str(obj.get("datePublished")).or_else(|| ld_str(obj.get("dateCreated")));
        }
        if info.headline.is_none() && articles.iter().any(|a| std::ptr::eq(*a, *obj)) {
            info.headline = ld_str(obj.get("headline"));
        }
        if info.author.is_none() {
            info.author = ld_people(obj.get("author"));
        }
        if info.publisher.is_none() {
            info.publisher = obj
                .get("publisher")
                .and_then(|p| ld_str(p.get("name")).or_else(|| ld_str(Some(p))));
        }
    }
    info
}

fn collect_ld<'a>(
    v: &'a serde_json::Value,
    articles: &mut Vec<&'a serde_json::Value>,
    others: &mut Vec<&'a serde_json::Value>,
    depth: usize,
) {
    if depth > 6 {
        return;
    }
    match v {
        serde_json::Value::Array(items) => {
            for i in items {
                collect_ld(i, articles, others, depth + 1);
            }
        }
        serde_json::Value::Object(map) => {
            let types: Vec<String> = match map.get("@type") {
                Some(serde_json::Value::String(s)) => vec![s.to_ascii_lowercase()],
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_ascii_lowercase))
                    .collect(),
                _ => Vec::new(),
            };
            if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                articles.push(v);
            } else if types.iter().any(|t| t == "webpage" || t.ends_with("page")) {
                others.push(v);
            }
            if let Some(g) = map.get("@graph") {
                collect_ld(g, articles, others, depth + 1);
            }
            if let Some(m) = map.get("mainEntity") {
                collect_ld(m, articles, others, depth + 1);
            }
        }
        _ => {}
    }
}

fn ld_str(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Array(a) => a.iter().find_map(|x| ld_str(Some(x))),
        _ => None,
    }
}

fn ld_people(v: Option<&serde_json::Value>) -> Option<String> {
    let names: Vec<String> = match v? {
        serde_json::Value::Array(a) => a.iter().filter_map(ld_person).collect(),
        p => ld_person(p).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

fn ld_person(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() && !s.starts_with("http") => {
            Some(s.trim().to_string())
        }
        serde_json::Value::Object(m) => ld_str(m.get("name")),
        _ => None,
    }
}

/// The publication day: a full date in the URL, JSON-LD, meta tags, `<time>` elements, then a byline's
/// text, then the first date written near the top of the page.
fn publication_date(
    doc: &Document,
    elements: &[NodeId],
    meta: &dyn Fn(&[&str]) -> Option<String>,
    ld: &LdInfo,
    url: Option<&url::Url>,
) -> (Option<Date>, Option<DateSource>) {
    // a full date in the URL is the publisher's own day of first publication (metadata often gives a UTC
    // time that falls on the next day)
    if let Some(d) = url.and_then(|u| date_in_url(u.as_str())) {
        return (Some(d), Some(DateSource::Url));
    }
    if let Some(d) = ld.published.as_deref().and_then(parse_date_value) {
        return (Some(d), Some(DateSource::JsonLd));
    }
    for name in PUBLISHED_META {
        if let Some(d) = meta(&[name]).as_deref().and_then(parse_date_value) {
            return (Some(d), Some(DateSource::Meta));
        }
    }
    if let Some(d) = time_element_date(doc, elements) {
        return (Some(d), Some(DateSource::Time));
    }
    // bylines and date lines: elements whose class or id says they hold the date
    // (what `[class*=date], [class*=byline], [class*=posted], [class*=publish], [class*=meta], [id*=date],
    // [class*=time]` selects: substrings of the attribute values, case-sensitive)
    let marked = elements.iter().copied().filter(|&id| {
        let class = doc.class_name(id);
        DATE_CLASS_MARKS.iter().any(|m| class.contains(m)) || doc.id_attr(id).contains("date")
    });
    for id in marked.take(40) {
        if is_modified_marker(doc, id) {
            continue;
        }
        let text = doc.text_content(id);
        if text.len() > 400 {
            continue;
        }
        if let Some(d) = find_date_in_text(&text, 400) {
            return (Some(d), Some(DateSource::Text));
        }
    }
    // the first date written in the page's visible text, near the top
    if let Some(body) = doc.body() {
        let mut text = String::new();
        visible_text(doc, body, &mut text, 0);
        if let Some(d) = find_date_in_text(&text, PAGE_DATE_SCAN_BYTES) {
            return (Some(d), Some(DateSource::Text));
        }
    }
    (None, None)
}

/// What the class of an element that holds the publication date contains (bylines, date lines).
const DATE_CLASS_MARKS: &[&str] = &["date", "byline", "posted", "publish", "meta", "time"];

/// How far into a page's visible text a written date is looked for.
const PAGE_DATE_SCAN_BYTES: usize = 6000;

/// Visible text of an element (scripts, styles and templates left out), up to the scan limit.
fn visible_text(doc: &Document, id: NodeId, out: &mut String, depth: usize) {
    if depth > 200 || out.len() > PAGE_DATE_SCAN_BYTES {
        return;
    }
    for child in doc.child_nodes(id) {
        if doc.is_text(child) {
            out.push_str(&doc.text_content(child));
            out.push(' ');
        } else if doc.is_element(child) {
            if matches!(
                doc.tag_name(child),
                "script" | "style" | "noscript" | "template" | "svg" | "nav" | "footer"
            ) || is_modified_marker(doc, child)
            {
                continue;
            }
            visible_text(doc, child, out, depth + 1);
        }
    }
}

fn is_modified_marker(doc: &Document, id: NodeId) -> bool {
    let marks = format!(
        "{} {} {}",
        doc.class_name(id),
        doc.id_attr(id),
        doc.get_attribute(id, "itemprop").unwrap_or_default()
    )
    .to_ascii_lowercase();
    marks.contains("modif") || marks.contains("updat") || marks.contains("comment")
}

fn time_element_date(doc: &Document, elements: &[NodeId]) -> Option<Date> {
    let times: Vec<NodeId> = tagged(doc, elements, "time").collect();
    let value = |id: NodeId| {
        doc.get_attribute(id, "datetime")
            .as_deref()
            .and_then(parse_date_value)
            .or_else(|| parse_date_value(&doc.text_content(id)))
    };
    // marked as the publication time
    for &id in &times {
        let marks = format!(
            "{} {} {}",
            doc.class_name(id),
            doc.get_attribute(id, "itemprop").unwrap_or_default(),
            if doc.get_attribute(id, "pubdate").is_some() {
                "pubdate"
            } else {
                ""
            }
        )
        .to_ascii_lowercase();
        if (marks.contains("publish") || marks.contains("pubdate") || marks.contains("posted"))
            && !is_modified_marker(doc, id)
        {
            if let Some(d) = value(id) {
                return Some(d);
            }
        }
    }
    // else the first unmarked time in the article or its header
    for &id in &times {
        if is_modified_marker(doc, id) {
            continue;
        }
        let mut p = doc.parent(id);
        let mut in_article = false;
        let mut depth = 0;
        while let Some(pid) = p {
            let tag = doc.tag_name(pid);
            if matches!(tag, "article" | "header" | "main") {
                in_article = true;
                break;
            }
            if matches!(tag, "aside" | "footer" | "nav") {
                break;
            }
            depth += 1;
            if depth > 60 {
                break;
            }
            p = doc.parent(pid);
        }
        if in_article {
            if let Some(d) = value(id) {
                return Some(d);
            }
        }
    }
    None
}

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
fn choose_title(
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
fn pick_title(declared: &[String], h1s: &[String], keys: &[String]) -> Option<String> {
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
fn spaced_text(doc: &Document, id: NodeId) -> String {
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
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The site's names, as [`letters`] keys: the declared site name and publisher, the host name and its main
/// label, and what `<title>` adds around another declared title or an h1 ("Headline | The Site" next to
/// og:title "Headline" names "The Site", also after a colon).
fn site_keys(
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
fn is_site_name(s: &str, keys: &[String]) -> bool {
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
fn strip_site_name(title: &str, keys: &[String]) -> String {
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
fn clean_title_text(t: &str) -> String {
    let t = squash(&decode_entities(t));
    let unmarked = t.trim_start_matches('#');
    if unmarked.len() < t.len() && unmarked.starts_with(' ') {
        unmarked.trim().to_string()
    } else {
        t
    }
}

/// Entities left in text (titles written with `&amp;#x26;` come out of the parser as `&#x26;`).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    decode_entities_into(s, &mut out);
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

/// Block-level elements: each starts a new line of text.
const BLOCK_TAGS: &[&str] = &[
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
fn html_blocks_to_text(html: &str) -> String {
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
fn decode_entities_into(s: &str, out: &mut String) {
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

fn remove_boilerplate_lines(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Ministers meet in Geneva over ceasefire | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:modified_time" content="2024-03-09T08:00:00Z">
<link rel="canonical" href="/world/ministers-meet">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Ministers meet in Geneva over ceasefire","datePublished":"2024-03-05T22:10:00-05:00",
  "dateModified":"2024-03-09","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Ali Khan"}]}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva over ceasefire</h1>
<div class="share">Share this article</div>
<p>Foreign ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along the border, officials said.</p>
<figure><img src="a.jpg"><figcaption>Photo: Reuters</figcaption></figure>
<p>The talks, brokered by Switzerland, lasted six hours and ended without a joint statement, according to diplomats.</p>
<p>Read more:</p>
<p>Both sides agreed to meet again next month in Vienna, a spokesman for the Swiss foreign ministry said on Wednesday.</p>
</article><footer>Copyright 2024 The Daily Example. All rights reserved.</footer></body></html>"#;

    #[test]
    fn article_and_metadata() {
        let p = extract_page(PAGE, Some("https://example.com/world/ministers-meet?utm=1"));
        assert_eq!(
            p.title.as_deref(),
            Some("Ministers meet in Geneva over ceasefire")
        );
        assert_eq!(p.author.as_deref(), Some("Jane Doe, Ali Khan"));
        assert_eq!(p.date, "2024-03-05".parse().ok());
        assert_eq!(p.date_source, Some(DateSource::JsonLd));
        assert_eq!(
            p.canonical_url.as_deref(),
            Some("https://example.com/world/ministers-meet")
        );
        assert_eq!(p.site.as_deref(), Some("The Daily Example"));
        assert_eq!(p.declared_language.as_deref(), Some("en-GB"));
        assert!(
            p.text.contains("Foreign ministers from both countries"),
            "{}",
            p.text
        );
        assert!(
            p.text.contains("meet again next month in Vienna"),
            "{}",
            p.text
        );
        for junk in [
            "Share this",
            "Read more",
            "Photo: Reuters",
            "All rights reserved",
            "Home",
        ] {
            assert!(!p.text.contains(junk), "{junk} left in: {}", p.text);
        }
        // paragraphs stay separate
        assert!(p.text.lines().count() >= 3);
    }

    #[test]
    fn date_fallbacks_never_take_the_modified_date() {
        let body = "<p>Long enough paragraph of article text to be extracted by the extractor as main content here.</p>";
        let only_modified = format!(
            "<html><head><meta property=\"article:modified_time\" content=\"2024-03-09\"></head><body><article>{body}</article></body></html>"
        );
        let p = extract_page(&only_modified, Some("https://example.com/2023/11/02/story"));
        assert_eq!(
            (p.date, p.date_source),
            ("2023-11-02".parse().ok(), Some(DateSource::Url))
        );
        let time = format!(
            "<html><body><article><time class=\"updated\" datetime=\"2024-03-09\">9 March</time><time datetime=\"2024-03-01T10:00\">1 March</time>{body}</article></body></html>"
        );
        let p = extract_page(&time, None);
        assert_eq!(
            (p.date, p.date_source),
            ("2024-03-01".parse().ok(), Some(DateSource::Time))
        );
        let byline = format!(
            "<html><body><article><div class=\"byline\">By Sam Lee, published March 4, 2024</div>{body}</article></body></html>"
        );
        let p = extract_page(&byline, None);
        assert_eq!(
            (p.date, p.date_source),
            ("2024-03-04".parse().ok(), Some(DateSource::Text))
        );
    }

    #[test]
    fn inert_parts_are_stripped_json_ld_kept() {
        let page =
            "<p>a</p><SCRIPT>var x = '<p>no</p>';</script><!-- <p>gone</p> --><style>p{}</style>\
<script type=\"application/ld+json\">{\"a\":1}</script><svg><text>no</text></svg><p>b</p><!-- open";
        assert_eq!(
            strip_inert(page),
            "<p>a</p><script type=\"application/ld+json\">{\"a\":1}</script><p>b</p><!-- open"
        );
        assert_eq!(strip_inert("é<script>ü</script>ö"), "éö");
        // tag names in any case, a JSON-LD type in capitals, a closing tag in capitals, none at all
        assert_eq!(
            strip_inert(
                "<Style>x</STYLE><Script Type=\"application/LD+JSON\">{}</Script><sVg>y</SvG>z"
            ),
            "<Script Type=\"application/LD+JSON\">{}</Script>z"
        );
        assert_eq!(strip_inert("a<style>never closed"), "a<style>never closed");
    }

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| letters(n)).collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_names_are_stripped_with_any_separator_at_either_end() {
        let k = keys(&["Example News"]);
        assert_eq!(
            strip_site_name("Big news today | Example News", &k),
            "Big news today"
        );
        assert_eq!(
            strip_site_name("Example News - Big news today", &k),
            "Big news today"
        );
        assert_eq!(
            strip_site_name("Big news today • The Example News", &k),
            "Big news today"
        );
        assert_eq!(
            strip_site_name("Big news today – Example News – Example News", &k),
            "Big news today"
        );
        // glued on without a separator, as a host name
        let k = keys(&["example.com"]);
        assert_eq!(
            strip_site_name("example.com Vibe coding", &k),
            "Vibe coding"
        );
        // a site name with a number is an issue's name
        let k = keys(&["Digjitale Signal"]);
        assert_eq!(
            strip_site_name("Digjitale Signal #18 \u{2013} The World Without Work?", &k),
            "Digjitale Signal #18"
        );
        // a separator inside the headline stays
        assert_eq!(
            strip_site_name("Rock - paper - scissors", &[]),
            "Rock - paper - scissors"
        );
    }

    #[test]
    fn short_taglines_after_a_headline_are_dropped() {
        assert_eq!(
            strip_site_name(
                "Best movers in New York (2025) – Top Local & Long-Distance Movers",
                &[]
            ),
            "Best movers in New York (2025)"
        );
        assert_eq!(
            strip_site_name(
                "Best movers in NYC 2025 | Top 19 Companies | Supermove",
                &[]
            ),
            "Best movers in NYC 2025"
        );
        // a long second part is a subtitle, kept
        let long = "How machine learning shapes shops – ten benefits, use cases and best practices";
        assert_eq!(strip_site_name(long, &[]), long);
        // too short a headline to be one on its own
        assert_eq!(
            strip_site_name("Webcams - Yosemite", &[]),
            "Webcams - Yosemite"
        );
    }

    #[test]
    fn site_names_are_learnt_from_what_the_title_adds() {
        let declared = strings(&[
            "Small adventures with small language models",
            "Engora Data Blog: Small adventures with small language models",
        ]);
        let h1s = strings(&["Engora Data Blog", "Small is the new large"]);
        let k = site_keys(None, None, None, &declared, &h1s);
        assert!(k.contains(&letters("Engora Data Blog")), "{k:?}");
        assert!(!k.contains(&letters("Small adventures with small language models")));
        // from the host name: the registrable label, whatever the subdomain and suffix
        let u = url::Url::parse("https://blog.terabyte.co.uk/posts/x").unwrap();
        let k = site_keys(None, None, Some(&u), &[], &[]);
        assert!(k.contains(&"terabyte".to_string()), "{k:?}");
        assert!(is_site_name("Terabyte Systems", &k) || is_site_name("The Terabyte", &k));
    }

    #[test]
    fn an_h1_naming_the_site_is_not_the_headline() {
        let declared = strings(&["Budget guide to travel insurance - Budget Travel With Gabby"]);
        let h1s = strings(&[
            "Budget Travel With Gabby",
            "Budget guide to travel insurance",
            "Follow me",
        ]);
        let k = site_keys(
            Some("Budget Travel With Gabby"),
            None,
            None,
            &declared,
            &h1s,
        );
        assert_eq!(
            pick_title(&declared, &h1s, &k).as_deref(),
            Some("Budget guide to travel insurance")
        );
        // a blog's name as its only h1: the declared title instead
        let declared = strings(&[
            "Advent of Code week 2",
            "RogerBW's Blog: Advent of Code week 2",
        ]);
        let h1s = strings(&["RogerBW's Blog"]);
        let k = site_keys(None, None, None, &declared, &h1s);
        assert_eq!(
            pick_title(&declared, &h1s, &k).as_deref(),
            Some("Advent of Code week 2")
        );
    }

    #[test]
    fn a_count_or_year_the_h1_leaves_out_stays_in_the_headline() {
        let k = keys(&["Flatworld Solutions"]);
        let declared = strings(&["8 Recent Trends in Photography - Flatworld Solutions"]);
        let h1s = strings(&["Recent Trends in Photography"]);
        assert_eq!(
            pick_title(&declared, &h1s, &k).as_deref(),
            Some("8 Recent Trends in Photography")
        );
        let declared = strings(&["15 Best Online Tutoring Platforms 2025"]);
        let h1s = strings(&["15 Best Online Tutoring Platforms"]);
        assert_eq!(
            pick_title(&declared, &h1s, &[]).as_deref(),
            Some("15 Best Online Tutoring Platforms 2025")
        );
        // words the h1 leaves out are a tagline or a site name: the h1
        let declared = strings(&["Best Anime of 2025 Definitely Isn't What You Expected"]);
        let h1s = strings(&["Best Anime of 2025"]);
        assert_eq!(
            pick_title(&declared, &h1s, &[]).as_deref(),
            Some("Best Anime of 2025")
        );
    }

    #[test]
    fn an_agreeing_h1_is_taken_as_shown() {
        let declared = strings(&["Ministers meet in Geneva | The Daily Example"]);
        let h1s = strings(&["Ministers Meet in Geneva"]);
        assert_eq!(
            pick_title(&declared, &h1s, &keys(&["The Daily Example"])).as_deref(),
            Some("Ministers Meet in Geneva")
        );
        // in capitals: the declared casing
        let declared = strings(&["Weekend Coding Agent | Focus Labs"]);
        let h1s = strings(&["WEEKEND CODING AGENT"]);
        assert_eq!(
            pick_title(&declared, &h1s, &[]).as_deref(),
            Some("Weekend Coding Agent")
        );
        // the same words, punctuation aside: the version that kept more of it
        let declared = strings(&["Brains are not required--cells can do it"]);
        let h1s = strings(&["Brains are not required\u{2014}cells can do it"]);
        assert_eq!(pick_title(&declared, &h1s, &[]), Some(declared[0].clone()));
        let declared = strings(&["Group lessons vs private ones: which is best"]);
        let h1s = strings(&["Group lessons vs. private ones: which is best?"]);
        assert_eq!(pick_title(&declared, &h1s, &[]), Some(h1s[0].clone()));
        assert_eq!(
            clean_title_text("## Regolith  binding &amp; Mars"),
            "Regolith binding & Mars"
        );
        assert_eq!(
            clean_title_text("#MeToo five years on"),
            "#MeToo five years on"
        );
        // with a dateline, byline, label or source added: the declared title
        let declared = strings(&["Preparing a transition in Debusine"]);
        for h1 in [
            "Dec 18 2025 Preparing a transition in Debusine",
            "Preparing a transition in Debusine Posted on July 1, 2024 by cj",
            "Title: Preparing a transition in Debusine",
            "Preparing a transition in Debusine (example.com) 87",
        ] {
            assert_eq!(
                pick_title(&declared, &strings(&[h1]), &[]).as_deref(),
                Some("Preparing a transition in Debusine"),
                "{h1}"
            );
        }
    }

    #[test]
    fn a_lone_h1_wins_unless_it_is_a_label() {
        let declared = strings(&["Health and nutrition trends for 2026 - Tastewise"]);
        let h1s = strings(&["Top 10 health and nutrition trends to watch"]);
        assert_eq!(
            pick_title(&declared, &h1s, &keys(&["tastewise"])).as_deref(),
            Some("Top 10 health and nutrition trends to watch")
        );
        let declared = strings(&["Cybersecurity sector update, fall 2025"]);
        for label in [
            "M&A Updates",
            "SUPPORTING GAAP COMPLIANCE",
            "A message from our founder:",
        ] {
            assert_eq!(
                pick_title(&declared, &strings(&[label]), &[]).as_deref(),
                Some("Cybersecurity sector update, fall 2025"),
                "{label}"
            );
        }
        // no declared title: the h1 whatever it looks like
        assert_eq!(
            pick_title(&[], &strings(&["OUR BLOG"]), &[]).as_deref(),
            Some("OUR BLOG")
        );
    }

    #[test]
    fn h1_text_keeps_line_breaks_as_spaces_and_entities_decoded() {
        let page = "<html><head><title>Weekend Coding Agent | Labs</title></head><body><h1>WEEKEND<br>CODING AGENT</h1>\
<p>Body text long enough to be an article paragraph for the extractor to keep it here.</p></body></html>";
        let doc = Document::parse(page);
        let h1 = doc.query_selector(doc.root(), "h1").unwrap();
        assert_eq!(squash(&spaced_text(&doc, h1)), "WEEKEND CODING AGENT");
        assert_eq!(decode_entities("Python, SQL &#x26; AI"), "Python, SQL & AI");
        assert_eq!(
            extract_page(page, None).title.as_deref(),
            Some("Weekend Coding Agent")
        );
    }

    #[test]
    fn malformed_html_is_still_read() {
        for page in [
            "",
            "<",
            "<html><body><p>unclosed <b>bold <i>text",
            "\u{0}\u{1}<<<>>>&&&;",
            "<script>never closed",
        ] {
            let _ = extract_page(page, Some("not a url"));
        }
    }
}
