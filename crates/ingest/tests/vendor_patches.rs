//! The speed patches of the vendored `trafilatura`, `libreadability` and `html5ever` (vendor/*/PATCHES.md)
//! keep upstream's results: each patched function is compared here with what upstream computes.

use scraper::{ElementRef, Html, Selector};
use trafilatura::dom::{Document, NodeId};
use unicode_normalization::UnicodeNormalization;

/// Upstream trafilatura 0.6's `trim`: soft hyphens removed, white space runs collapsed, ends trimmed, NFC.
fn upstream_trim(s: &str) -> String {
    let without_soft_hyphens = s.replace('\u{00AD}', "");
    let joined = without_soft_hyphens
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    joined.nfc().collect()
}

#[test]
fn trim_is_upstreams() {
    let fixed = [
        "",
        " ",
        "\u{00AD}",
        "a",
        "  a  b\t\nc  ",
        "soft\u{00AD}hyphen",
        "a \u{00AD} b",
        "\u{00AD}a\u{00AD} \u{00AD}",
        "no\u{00A0}break\u{2003}em\u{3000}ideographic\u{0085}next\u{200B}zero-width",
        "u\u{0308}ber cafe\u{0301}",
        "\u{000B}vt\u{000C}ff\r\n",
        "\u{001F}unit separator is not white space",
    ];
    for s in fixed {
        assert_eq!(trafilatura::utils::trim(s), upstream_trim(s), "{s:?}");
    }
    // strings drawn from an alphabet of the awkward characters
    let alphabet = [
        'a', 'b', ' ', '\t', '\n', '\u{00AD}', '\u{00A0}', '\u{0308}', 'u', '\u{2009}', 'é',
        '\u{0301}', '\u{000B}', '\u{3000}', 'x',
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        let mut s = String::new();
        for _ in 0..(state % 12) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        assert_eq!(trafilatura::utils::trim(&s), upstream_trim(&s), "{s:?}");
    }
}

/// A page with what serialisation and selector matching must get right.
const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head><title>a &amp; b</title>
<style>p > a { x: "y" }</style><script>if (a < b && c > d) {}</script>
<meta name="description" content="x &amp; &quot;y&quot;"><link rel="canonical" href="/a?b=1&amp;c=2"></head><body>
<div id="main" class="content article"><h1>Head&nbsp;line</h1>
<p class="x &quot;y&quot;" data-v='a<b>c&amp;d'>Fish&nbsp;&amp; chips &lt;3 "quoted"</p>
<noscript><img src="a.png?x=1&amp;y=2"></noscript><br><hr><input value="&lt;">
<!-- a comment --><svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#x">t</a></svg>
<math><mi>x</mi></math><iframe>raw <b>text</b></iframe><xmp>a < b</xmp>
<ul><li><a href="/1">one</a></li><li class="date">May 1, 2024</li></ul>
<table><tr><td>cell &gt; 1</td></tr></table><textarea>a &amp; b</textarea> été ü
<time datetime="2024-05-01" itemprop="datePublished">May 1</time>
<div class="byline"><span class="author">By A</span><p>deep <em>text <b>here</b></em></p></div></div>
<footer><p class="date">Footer</p></footer></body></html>"##;

fn all_elements(doc: &Document) -> Vec<NodeId> {
    doc.get_elements_by_tag_name(doc.root(), "*")
}

#[test]
fn serialisation_is_scrapers() {
    let doc = Document::parse(PAGE);
    let html = Html::parse_document(PAGE);
    let ids = all_elements(&doc);
    assert!(ids.len() > 30);
    for id in ids {
        let element = ElementRef::wrap(html.tree.get(id).unwrap()).unwrap();
        assert_eq!(doc.outer_html(id), element.html());
        assert_eq!(doc.inner_html(id), element.inner_html());
    }
}

/// Upstream's query: every element of the subtree of `root`, itself included, matched on its own.
fn upstream_query(html: &Html, root: NodeId, selector: &Selector) -> Vec<NodeId> {
    html.tree
        .get(root)
        .unwrap()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| selector.matches(e))
        .map(|e| e.id())
        .collect()
}

#[test]
fn queries_are_upstreams() {
    let doc = Document::parse(PAGE);
    let html = Html::parse_document(PAGE);
    let selectors = [
        "meta",
        "link[rel=canonical]",
        "html[lang]",
        "title",
        "h1",
        "time",
        "[itemprop=datePublished]",
        "[class*=date], [class*=byline], [id*=date], [class*=author]",
        "div p",
        "div > p, li a",
        "*",
        "p:first-child",
        ":root",
        "body > div",
    ];
    let main = doc.query_selector(doc.root(), "#main").unwrap();
    let roots = [doc.root(), doc.body().unwrap(), main];
    for text in selectors {
        let selector = Selector::parse(text).unwrap();
        for &root in &roots {
            let expected = upstream_query(&html, root, &selector);
            assert_eq!(doc.query_selector_all(root, text), expected, "{text}");
            assert_eq!(
                doc.query_selector(root, text),
                expected.first().copied(),
                "{text}"
            );
        }
    }
}

#[test]
fn attribute_lookup_is_scrapers() {
    let doc = Document::parse(PAGE);
    let html = Html::parse_document(PAGE);
    let names = [
        "class",
        "id",
        "href",
        "rel",
        "lang",
        "content",
        "name",
        "value",
        "src",
        "data-v",
        "itemprop",
        "datetime",
        "xlink:href",
        "xmlns:xlink",
        "missing",
        "",
    ];
    let mut found = 0;
    for id in all_elements(&doc) {
        let element = ElementRef::wrap(html.tree.get(id).unwrap()).unwrap();
        for name in names {
            let expected = element.value().attr(name);
            assert_eq!(doc.get_attribute(id, name).as_deref(), expected, "{name}");
            found += usize::from(expected.is_some());
        }
    }
    assert!(found > 10);
}

/// The patched html5ever (vendor/html5ever/PATCHES.md) reads tag and attribute names a run of chars at a time.
/// These are upstream html5ever 0.39's trees (serialised) and parse-error counts for pages with names in every
/// case, with NUL, CR, quotes, '<' and '=' in them, non-ASCII letters and a tag cut off by the end of input.
#[test]
fn html5ever_names_are_upstreams() {
    let cases: [(&str, &str, usize); 8] = [
        ("<DIV Class=\"a\" DATA-X=1 id='b'><P>x</P></DIV>",
         "<html><head></head><body><div class=\"a\" data-x=\"1\" id=\"b\"><p>x</p></div></body></html>",
         1),
        ("<di\0v>t</di\0v><p a\"b=1 c'd e<f>u</p>",
         "<html><head></head><body><di�v>t</di�v><p a\"b=\"1\" c'd=\"\" e<f=\"\">u</p></body></html>",
         6),
        ("<p\r\nclass=x\rID=y\n>v</P\r>",
         "<html><head></head><body><p class=\"x\" id=\"y\">v</p></body></html>",
         1),
        ("<Ünï Ärg=1>w</ünï><SPAN\tTITLE=T/>z",
         "<html><head></head><body>&lt;Ünï Ärg=1&gt;w<!--ünï--><span title=\"T/\">z</span></body></html>",
         4),
        ("<uNÏ xÄrg=1 Ïd=2>w</UNÏ>",
         "<html><head></head><body><unÏ xÄrg=\"1\" Ïd=\"2\">w</unÏ></body></html>",
         1),
        ("<a hReF=\"/x?a=1&amp;b=2\" OnClick=no>l</A><img SRC=s ALT>",
         "<html><head></head><body><a href=\"/x?a=1&amp;b=2\" onclick=\"no\">l</a><img alt=\"\" src=\"s\"></body></html>",
         1),
        ("<p =x ==y>q</p><br/ ><hr CLASS>",
         "<html><head></head><body><p =x=\"=y\">q</p><br><hr class=\"\"></body></html>",
         3),
        ("<p class",
         "<html><head></head><body></body></html>",
         2),
    ];
    for (page, tree, errors) in cases {
        let html = Html::parse_document(page);
        assert_eq!(html.root_element().html(), tree, "{page:?}");
        assert_eq!(html.errors.len(), errors, "{page:?}: {:?}", html.errors);
    }
}
