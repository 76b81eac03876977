//! Pages built to hurt the parser (issue 16, rows 2-4): nesting tens of thousands deep, misnested formatting,
//! tag soup, elements with thousands of attributes. Each must be read without overflowing the stack, with the
//! tree kept within the patched html5ever's limits (vendor/html5ever/PATCHES.md); times at full size are
//! printed by `scripts/bench_hostile.sh`, not checked here.

use html5ever::tree_builder::{MAX_OPEN_ELEMENTS, MAX_START_TAGS};
use scraper::Html;

const SENTENCE: &str = "<p>Police in Lagos arrested 40 protesters.</p>";

/// The depth of the deepest node of the tree, counted without recursion.
fn tree_depth(html: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(html.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children() {
            stack.push((child, depth + 1));
        }
    }
    deepest
}

fn elements(html: &Html) -> usize {
    html.tree.nodes().filter(|n| n.value().is_element()).count()
}

#[test]
fn deeply_nested_formatting_is_read() {
    let page = "<b><i>".repeat(20_000) + SENTENCE;
    assert!(tree_depth(&Html::parse_document(&page)) <= MAX_OPEN_ELEMENTS + 2);
    let out = petrel_ingest::extract_page(&page, None);
    assert!(
        out.text.contains("Police in Lagos arrested 40 protesters."),
        "{:?}",
        out.text
    );
}

#[test]
fn deeply_nested_divs_are_read() {
    let page = "<div>".repeat(40_000) + SENTENCE;
    assert!(tree_depth(&Html::parse_document(&page)) <= MAX_OPEN_ELEMENTS + 2);
    let out = petrel_ingest::extract_page(&page, None);
    assert!(
        out.text.contains("Police in Lagos arrested 40 protesters."),
        "{:?}",
        out.text
    );
}

/// Nested templates and tables: the extractor stripped each nested element by copying everything below it
/// (16 MiB of `<template>`: 6.3 GB); it now moves it. The text is still found.
#[test]
fn nested_templates_and_tables_are_read() {
    for open in ["<template>", "<table><tr><td>", "<ul><li>"] {
        let page = open.repeat(5_000) + SENTENCE;
        let html = Html::parse_document(&page);
        assert!(tree_depth(&html) <= 2 * MAX_OPEN_ELEMENTS, "{open}");
        let _ = petrel_ingest::extract_page(&page, None);
    }
    let page = "<table><tr><td>".repeat(5_000) + SENTENCE;
    let out = petrel_ingest::extract_page(&page, None);
    assert!(out.text.contains("Police in Lagos"), "{:?}", out.text);
}

#[test]
fn text_after_the_last_counted_tag_is_kept() {
    let page = "<span>a</span>".repeat(MAX_START_TAGS + 10) + "<p>the end of the page</p>";
    let html = Html::parse_document(&page);
    // html, head and body are implied; the spans up to the limit are elements, the rest is text
    assert!(elements(&html) <= MAX_START_TAGS + 3);
    let text: String = html.root_element().text().collect();
    assert!(text.ends_with("the end of the page\n") || text.ends_with("the end of the page"));
}

#[test]
fn one_element_with_many_attributes_keeps_a_bounded_number() {
    let attrs: Vec<String> = (0..20_000).map(|i| format!("a{i}=\"{i}\"")).collect();
    let page = format!(
        "<p {}>Police in Lagos arrested 40 protesters.</p>",
        attrs.join(" ")
    );
    let html = Html::parse_document(&page);
    let p = html
        .tree
        .nodes()
        .find_map(|n| {
            n.value()
                .as_element()
                .filter(|e| e.name() == "p")
                .map(|e| e.attrs().count())
        })
        .unwrap();
    assert_eq!(p, html5ever::tokenizer::MAX_ATTRIBUTES);
    let out = petrel_ingest::extract_page(&page, None);
    assert!(out.text.contains("Police in Lagos"), "{:?}", out.text);
}

/// Tag soup drawn from the elements with special parsing rules (formatting, tables, templates, select,
/// foreign content), opened far more often than closed: no panic, and the tree stays within the depth limit.
#[test]
fn deep_tag_soup_stays_within_the_depth_limit() {
    let tags = [
        "<div>",
        "<b>",
        "<i id=x>",
        "<a href=y>",
        "<p>",
        "<table>",
        "<tr>",
        "<td>",
        "<template>",
        "<select>",
        "<option>",
        "<svg>",
        "<math>",
        "<li>",
        "<ul>",
        "<font size=3>",
        "<nobr>",
        "<object>",
        "<marquee>",
        "<button>",
        "<h1>",
        "<form>",
        "<caption>",
        "<colgroup>",
        "<frameset>",
        "</b>",
        "</div>",
        "</p>",
        "</table>",
        "</template>",
        "</a>",
        "</i>",
        "</td>",
        "x",
        "<br>",
        "<tbody>",
        "<th>",
        "</tr>",
        "</select>",
        "<body>",
        "<html a=1>",
        "<head>",
        "<title>t</title>",
        "<foreignObject>",
        "<desc>",
        "</svg>",
        "<textarea>t</textarea>",
        "<frame>",
        "<hr>",
        "<em>",
        "</em>",
        "<s>",
        "<u>",
        "<code>",
        "<applet>",
        "</object>",
        "<dd>",
        "<dt>",
        "<input>",
        "<mi>",
    ];
    // more rounds: PETREL_TAG_SOUP_ROUNDS=500 cargo test -p petrel-ingest --test hostile_html
    let rounds: u64 = std::env::var("PETREL_TAG_SOUP_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(6);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..rounds {
        let mut page = String::new();
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            page.push_str(tags[(state % tags.len() as u64) as usize]);
        }
        let html = Html::parse_document(&page);
        let depth = tree_depth(&html);
        assert!(depth <= 2 * MAX_OPEN_ELEMENTS, "depth {depth}");
        let _ = petrel_ingest::extract_page(&page, None);
    }
}
