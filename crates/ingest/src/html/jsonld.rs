//! What a page's JSON-LD says about its article: headline, author, publication date and publisher, from the
//! article objects first (also inside `@graph` and `mainEntity`), then web-page objects.

use trafilatura::dom::Document;

/// What the page's JSON-LD says about the article.
#[derive(Default)]
pub(super) struct LdInfo {
    pub(super) headline: Option<String>,
    pub(super) author: Option<String>,
    pub(super) published: Option<String>,
    pub(super) publisher: Option<String>,
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

pub(super) fn json_ld(doc: &Document) -> LdInfo {
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
