//! Documents from the web: a page (extracted, its date and language), the items of an RSS/Atom feed (or the
//! pages they link to, with `--follow`) and the responses of a WARC file.

use super::{issue, DocInfo, InputIssue, RawDoc, Reader, MAX_PAGE_BYTES};
use crate::decode::decode_html;
use crate::feed::parse_feed;
use crate::html::{extract_page, DateSource, Page};
use crate::lang::detect_language;
use crate::warc::WarcResponse;
use petrel_core::Metadata;
use std::collections::VecDeque;
use std::io::Read;

impl Reader {
    /// A document from a web page. Record dates (feed, JSONL) are the caller's to apply; the page's own date
    /// beats `fallback_date` (a WARC capture date) and the `--date` default.
    pub(super) fn page_doc(
        &self,
        html: &str,
        url: Option<&str>,
        id: String,
        source: String,
        at: &str,
    ) -> Result<RawDoc, InputIssue> {
        // the parser and extractors are other people's code: a panic in them on a hostile page skips that
        // page with a message instead of ending the run (the fuzz targets look for such panics)
        let page = std::panic::catch_unwind(|| extract_page(html, url)).map_err(|_| {
            issue(
                at,
                "the page could not be parsed (the HTML extractor failed on it)".into(),
            )
        })?;
        self.doc_from_page(page, url, id, source, at)
    }

    fn doc_from_page(
        &self,
        page: Page,
        url: Option<&str>,
        id: String,
        source: String,
        at: &str,
    ) -> Result<RawDoc, InputIssue> {
        if page.text.trim().is_empty() {
            return Err(issue(at, "no article text found in the page".into()));
        }
        let (date, date_source) = match page.date {
            Some(d) => (Some(d), page.date_source),
            None => (
                self.default_date,
                self.default_date.map(|_| DateSource::Given),
            ),
        };
        let language = detect_language(&page.text, page.declared_language.as_deref());
        Ok(RawDoc {
            meta: Metadata {
                id,
                url: url
                    .map(str::to_string)
                    .or_else(|| page.canonical_url.clone()),
                title: page.title,
                date,
                source,
            },
            text: page.text,
            plain: false,
            info: DocInfo {
                author: page.author,
                canonical_url: page.canonical_url,
                site: page.site,
                language,
                date_source,
            },
        })
    }

    pub(super) fn feed_docs(
        &self,
        name: &str,
        stem: &str,
        bytes: &[u8],
    ) -> VecDeque<Result<RawDoc, InputIssue>> {
        let items = match parse_feed(bytes) {
            Ok(items) => items,
            Err(e) => return VecDeque::from([Err(issue(name, e))]),
        };
        items
            .into_iter()
            .map(|it| {
                let at = format!("{name}: item {}", it.index);
                let text = if it.text.trim().is_empty() {
                    it.title.clone().unwrap_or_default()
                } else {
                    it.text
                };
                if text.trim().is_empty() {
                    return Err(issue(&at, "item has no title, content or summary".into()));
                }
                let (date, date_source) = match it.date {
                    Some(d) => (Some(d), Some(DateSource::Feed)),
                    None => (
                        self.default_date,
                        self.default_date.map(|_| DateSource::Given),
                    ),
                };
                let id = it
                    .id
                    .clone()
                    .or_else(|| it.link.clone())
                    .unwrap_or_else(|| format!("{stem}-{}", it.index));
                Ok(RawDoc {
                    meta: Metadata {
                        id,
                        url: it.link,
                        title: it.title,
                        date,
                        source: at,
                    },
                    text,
                    plain: false,
                    info: DocInfo {
                        author: it.author,
                        date_source,
                        ..DocInfo::default()
                    },
                })
            })
            .collect()
    }

    /// Replaces a feed item by the page it links to; the item's title and date fill what the page lacks.
    pub(super) fn follow_item(
        &self,
        fetcher: &mut crate::follow::Fetcher,
        item: RawDoc,
    ) -> Result<RawDoc, InputIssue> {
        let Some(link) = item.meta.url.clone() else {
            return Ok(item);
        };
        let at = format!("{} ({link})", item.meta.source);
        let (content_type, bytes) = fetcher
            .fetch(&link)
            .map_err(|e| issue(&at, format!("cannot follow the link: {e}")))?;
        if looks_binary(&bytes) {
            return Err(issue(
                &at,
                "the link gives binary data, not a web page".into(),
            ));
        }
        let (html, _, _) = decode_html(&bytes, content_type.as_deref());
        let mut doc = self.page_doc(
            &html,
            Some(&link),
            item.meta.id.clone(),
            item.meta.source.clone(),
            &at,
        )?;
        if doc.meta.title.is_none() {
            doc.meta.title = item.meta.title;
        }
        let page_dated = !matches!(doc.info.date_source, None | Some(DateSource::Given));
        if !page_dated && item.meta.date.is_some() {
            doc.meta.date = item.meta.date;
            doc.info.date_source = item.info.date_source;
        }
        if doc.info.author.is_none() {
            doc.info.author = item.info.author;
        }
        Ok(doc)
    }

    pub(super) fn warc_doc(
        &self,
        name: &str,
        stem: &str,
        r: WarcResponse,
    ) -> Option<Result<RawDoc, InputIssue>> {
        let at = match &r.target_uri {
            Some(u) => format!("{name}: record {} ({u})", r.record),
            None => format!("{name}: record {}", r.record),
        };
        // redirects, errors and non-text resources are not articles: passed over silently
        if r.status.is_some_and(|s| !(200..300).contains(&s)) {
            return None;
        }
        let ct = r
            .content_type
            .as_deref()
            .unwrap_or("text/html")
            .to_ascii_lowercase();
        if !(ct.contains("html") || ct.starts_with("text/")) {
            return None;
        }
        if r.body.len() as u64 > MAX_PAGE_BYTES {
            return Some(Err(issue(
                &at,
                format!("page larger than {} MiB", MAX_PAGE_BYTES >> 20),
            )));
        }
        let mut body = r.body;
        if r.content_encoding
            .as_deref()
            .is_some_and(|e| e.contains("gzip"))
            && body.starts_with(&[0x1f, 0x8b])
        {
            let mut out = Vec::new();
            let res = flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_PAGE_BYTES)
                .read_to_end(&mut out);
            if let Err(e) = res {
                return Some(Err(issue(&at, format!("body not readable gzip: {e}"))));
            }
            body = out;
        }
        if looks_binary(&body) {
            return Some(Err(issue(&at, "binary data, not a web page".into())));
        }
        let (html, _, _) = decode_html(&body, r.content_type.as_deref());
        drop(body);
        let url = r.target_uri.as_deref();
        let page = extract_page(&html, url);
        let mut doc =
            match self.doc_from_page(page, url, format!("{stem}-{}", r.record), at.clone(), &at) {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
        if doc.info.date_source.is_none() || doc.info.date_source == Some(DateSource::Given) {
            if let Some(d) = r
                .warc_date
                .as_deref()
                .and_then(crate::dates::parse_date_value)
            {
                doc.meta.date = Some(d);
                doc.info.date_source = Some(DateSource::Warc);
            }
        }
        Some(Ok(doc))
    }
}

/// True for bytes no text encoding produces: NUL bytes, or many control characters, near the start. (UTF-16
/// pages have NULs but start with a byte-order mark.)
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || control * 10 > head.len()
}
