//! Which language a document is in (petrel codes English only, for now).

/// Text looked at to tell the language: enough for a reliable guess, little enough to be quick.
const SAMPLE_BYTES: usize = 3000;
/// Below this many letters a guess from the text is not trusted; the page's declared language decides.
const MIN_LETTERS: usize = 120;
/// Below this many different words a guess from the text is not trusted either: a sentence repeated
/// ("Police arrested people. " × 100) is long but says too little (whatlang took that one for Romanian).
const MIN_DISTINCT_WORDS: usize = 12;

/// The language of a document: the ISO 639-3 code guessed from the text (whatlang) when the text is long
/// enough for a reliable guess, else the primary subtag of the declared language (`en-GB` → `en`).
pub fn detect_language(text: &str, declared: Option<&str>) -> Option<String> {
    let mut end = SAMPLE_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= MIN_LETTERS && distinct_words_at_least(sample, MIN_DISTINCT_WORDS) {
        if let Some(info) = whatlang::detect(sample) {
            if info.is_reliable() || info.confidence() > 0.5 {
                return Some(info.lang().code().to_string());
            }
        }
    }
    declared
        .map(|d| {
            d.split(['-', '_'])
                .next()
                .unwrap_or(d)
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty())
}

/// True when `text` has at least `n` different words (compared in lower case).
fn distinct_words_at_least(text: &str, n: usize) -> bool {
    let mut seen: Vec<String> = Vec::with_capacity(n);
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let w = w.to_lowercase();
        if !seen.contains(&w) {
            seen.push(w);
            if seen.len() >= n {
                return true;
            }
        }
    }
    false
}

/// True unless the language is known and is not English.
pub fn is_english(language: Option<&str>) -> bool {
    match language {
        None => true,
        Some(l) => matches!(l, "eng" | "en"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_german_and_short_text() {
        let en = "The foreign ministers met in Geneva on Tuesday to discuss a ceasefire along the border, officials said, and agreed to meet again in Vienna next month after the elections.";
        let de = "Die Außenminister beider Länder trafen sich am Dienstag in Genf, um über eine Waffenruhe an der Grenze zu sprechen, sagten Beamte, und vereinbarten ein weiteres Treffen.";
        assert_eq!(detect_language(en, Some("de")).as_deref(), Some("eng"));
        assert_eq!(detect_language(de, None).as_deref(), Some("deu"));
        assert!(!is_english(detect_language(de, None).as_deref()));
        assert_eq!(
            detect_language("Kurz.", Some("de-DE")).as_deref(),
            Some("de")
        );
        assert!(is_english(detect_language("Short.", None).as_deref()));
    }

    /// Issue 16 row 16: a repeated short sentence was taken for Romanian and dropped.
    #[test]
    fn repetitive_text_falls_back_to_the_declared_language() {
        let text = "Police arrested people. ".repeat(200);
        assert_eq!(detect_language(&text, None), None);
        assert!(is_english(detect_language(&text, None).as_deref()));
        assert_eq!(detect_language(&text, Some("fr")).as_deref(), Some("fr"));
    }
}
