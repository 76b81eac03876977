//! The original publication day of a page and where it came from: a full date in the URL, JSON-LD,
//! publication meta tags, `<time>` elements, a byline, then the first date near the top of the page. Modified
//! and updated dates are never used.

use super::jsonld::LdInfo;
use super::{tagged, DateSource};
use crate::dates::{date_in_url, find_date_in_text, parse_date_value};
use petrel_core::Date;
use trafilatura::dom::{Document, NodeId};

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

/// The publication day: a full date in the URL, JSON-LD, meta tags, `<time>` elements, then a byline's
/// text, then the first date written near the top of the page.
pub(super) fn publication_date(
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
