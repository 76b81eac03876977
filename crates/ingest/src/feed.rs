//! RSS 0.9x/1.0/2.0, Atom and JSON Feed → one item per article (title, link, date, summary or content).

use crate::dates::parse_date_value;
use petrel_core::Date;

/// One feed item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's position in the feed (1-based).
    pub index: usize,
    /// `<guid>` / `<id>`.
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The link to the full article.
    pub link: Option<String>,
    /// Publication day (`pubDate`, `published`, else `updated`).
    pub date: Option<Date>,
    /// Authors, comma-separated.
    pub author: Option<String>,
    /// The content, else the summary, as plain text.
    pub text: String,
}

/// Parses a whole feed. The error says why the bytes are not a feed.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<FeedItem>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| {
        // feed-rs reads anything that does not start with '<' as a JSON Feed, and says "unable to parse
        // JSON" about a text file named .rss: say what the file is instead
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let start = body.iter().position(|b| !b.is_ascii_whitespace());
        match start.map(|i| body[i]) {
            None => "not an RSS/Atom feed: the file is empty".to_string(),
            Some(b'<') => format!("not an RSS/Atom feed: {e}"),
            Some(b'{') => format!("not an RSS/Atom feed, nor a JSON Feed: {e}"),
            Some(_) => {
                let i = start.unwrap_or(0);
                let head = String::from_utf8_lossy(&body[i..body.len().min(i + 24)]);
                format!("not an RSS/Atom feed: the file is not XML (it begins {head:?})")
            }
        }
    })?;
    let mut items = Vec::new();
    for (i, e) in feed.entries.into_iter().enumerate() {
        let html = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let date = e
            .published
            .or(e.updated)
            .and_then(|d| parse_date_value(&d.to_rfc3339()));
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.trim().to_string());
        let authors: Vec<String> = e
            .authors
            .iter()
            .map(|p| p.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        items.push(FeedItem {
            index: i + 1,
            id: Some(e.id).filter(|s| !s.trim().is_empty()),
            title: e
                .title
                .map(|t| html_to_text(&t.content))
                .filter(|t| !t.is_empty()),
            link,
            date,
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            text: html_to_text(&html),
        });
    }
    Ok(items)
}

/// Text of an HTML fragment, one line per block element.
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let text = trafilatura::html2txt(&format!("<html><body>{html}</body></html>"));
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Troops cross border</title><link>https://news.example/a</link><guid>a1</guid>
<pubDate>Tue, 05 Mar 2024 22:10:00 -0500</pubDate><description>&lt;p&gt;Troops crossed the &lt;b&gt;border&lt;/b&gt; on Tuesday.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://news.example/b</link><description>Plain summary.</description></item>
</channel></rss>"#;
        let items = parse_feed(rss).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("Troops cross border"));
        assert_eq!(items[0].link.as_deref(), Some("https://news.example/a"));
        assert!(
            items[0]
                .text
                .contains("Troops crossed the border on Tuesday."),
            "{}",
            items[0].text
        );
        assert!(items[0].date.is_some());
        assert_eq!(items[1].text, "Plain summary.");
        // issue 16 row 17: a text file named .rss was "unable to parse JSON"
        let e = parse_feed(b"Police arrested 40 people.\n").unwrap_err();
        assert_eq!(
            e,
            "not an RSS/Atom feed: the file is not XML (it begins \"Police arrested 40 peopl\")"
        );
        assert_eq!(
            parse_feed(b" \n").unwrap_err(),
            "not an RSS/Atom feed: the file is empty"
        );
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:1</id><link rel="alternate" href="https://news.example/t"/>
<published>2024-01-01T09:00:00Z</published><updated>2024-01-02T09:00:00Z</updated><author><name>Jo Roe</name></author>
<content type="html">&lt;p&gt;Talks resumed in Vienna.&lt;/p&gt;</content></entry></feed>"#;
        let items = parse_feed(atom).unwrap();
        assert_eq!(items[0].date, "2024-01-01".parse().ok());
        assert_eq!(items[0].author.as_deref(), Some("Jo Roe"));
        assert_eq!(items[0].text, "Talks resumed in Vienna.");
        assert!(parse_feed(b"this is not xml")
            .unwrap_err()
            .starts_with("not an RSS/Atom feed"));
    }
}
