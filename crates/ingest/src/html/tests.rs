//! Tests of page extraction: article and metadata, dates, headlines and site names, inert parts.

use super::title::{
    clean_title_text, decode_entities, is_site_name, letters, pick_title, site_keys, spaced_text,
    strip_site_name,
};
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
