//! Removal of the site shell from plain-text articles (pages saved as text, copied from a browser).
//!
//! Works on paragraphs (lines) with general signals only:
//! - **position**: short lines before the first prose paragraph are navigation;
//! - **vocabulary**: words typical of page chrome (share, subscribe, cookies, "click here", image credits);
//! - **shape**: image placeholders ("16x9 Image"), bullets, lines of one to three words;
//! - **repetition**: a paragraph repeated (a caption shown twice) is kept once;
//! - **the footer boundary**: in the second half of the article, the first credit line ("With reporting by"),
//!   chrome line or bullet ends the article; everything after it (publisher blurbs, legal notices) goes.

/// Why a paragraph was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    /// Short line before the article body (menus, section names).
    Navigation,
    /// Words typical of page chrome or an image placeholder.
    Chrome,
    /// Same text as an earlier paragraph.
    Repeated,
    /// After the end of the article (credits, publisher blurb, legal notice).
    Footer,
}

/// The cleaned text and what was removed, for the explainable view.
#[derive(Clone, Debug, Default)]
pub struct ShellReport {
    /// Paragraphs kept, joined by blank lines.
    pub text: String,
    /// Removed paragraphs with the reason.
    pub removed: Vec<(String, Removal)>,
}

/// Phrases that mark page chrome when they make up most of a short line.
const CHROME_PHRASES: &[&str] = &[
    "accessibility links",
    "skip to",
    "breaking news",
    "share this",
    "share on",
    "share article",
    "subscribe",
    "sign up",
    "newsletter",
    "follow us",
    "read more",
    "related stories",
    "related articles",
    "related content",
    "advertisement",
    "click here",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "copyright",
    "©",
    "image caption",
    "media caption",
    "photo credit",
    "getty images",
    "image source",
    "listen to this article",
    "print this",
    "email this",
    "log in",
    "sign in",
    "most popular",
    "most read",
    "watch:",
    "video:",
    "photo:",
    "image:",
    "see also",
    "more from",
    "back to top",
    "main menu",
    "home page",
    "homepage",
    "download the app",
    "min read",
];

/// Openings of credit lines that end an article body.
const CREDIT_OPENINGS: &[&str] = &[
    "with reporting by",
    "reporting by",
    "additional reporting by",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "(reporting by",
    "(editing by",
    "with additional reporting",
];

/// Phrases of credit lines anywhere in the line.
const CREDIT_PHRASES: &[&str] = &["contributed to this report", "contributed reporting"];

fn words(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn ends_like_prose(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', ')', ']']);
    t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with(':')
}

/// "16x9 Image", "1200x800 image", "Image 3 of 12".
fn is_image_placeholder(lower: &str) -> bool {
    let t = lower.trim_start_matches(['•', '·', '-', '*', ' ']);
    let mut parts = t.split_whitespace();
    let first = parts.next().unwrap_or("");
    let dims = first.split_once('x').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    });
    // at most two words after the dimensions (counted, not collected: a text on one line has millions)
    (dims && parts.nth(2).is_none())
        || (t.starts_with("image ") && t.contains(" of ") && words(t) <= 4)
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['•', '·', '▪', '►', '»']) || line.starts_with("* ")
}

fn is_credit(lower: &str) -> bool {
    CREDIT_OPENINGS.iter().any(|p| lower.starts_with(p))
        || CREDIT_PHRASES.iter().any(|p| lower.contains(p))
}

fn is_chrome(line: &str, lower: &str) -> bool {
    if is_image_placeholder(lower) {
        return true;
    }
    let n = words(line);
    n <= 8 && !ends_like_prose(line) && CHROME_PHRASES.iter().any(|p| lower.contains(p))
        || (n <= 12 && (lower.contains("click here") || lower.contains("all rights reserved")))
}

fn is_prose(line: &str) -> bool {
    words(line) >= 12 && ends_like_prose(line)
}

/// Removes the site shell from normalised plain text (one paragraph per line).
pub fn remove_shell(text: &str) -> ShellReport {
    let (kept, removed) = shell(text);
    ShellReport {
        text: kept.join("\n\n"),
        removed,
    }
}

/// As [`remove_shell`], taking the text: when nothing is removed or changed (an article already of paragraphs
/// between blank lines, or on one line) the text itself is returned, not a copy of it.
pub fn remove_shell_owned(text: String) -> ShellReport {
    let (kept, removed) = shell(&text);
    if !is_joined(&text, &kept, "\n\n") {
        return ShellReport {
            text: kept.join("\n\n"),
            removed,
        };
    }
    drop(kept);
    ShellReport { text, removed }
}

/// True when `text` is `parts` joined by `sep`.
fn is_joined(text: &str, parts: &[&str], sep: &str) -> bool {
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            match rest.strip_prefix(sep) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(part) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The paragraphs of `text` kept, and those removed with the reason.
fn shell(text: &str) -> (Vec<&str>, Vec<(String, Removal)>) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let prose: Vec<usize> = (0..lines.len()).filter(|&i| is_prose(lines[i])).collect();
    let mut removed = Vec::new();
    let (Some(&first), Some(&last)) = (prose.first(), prose.last()) else {
        // no prose at all: keep what is not obviously chrome
        let kept: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !is_chrome(l, &l.to_lowercase()))
            .collect();
        return (kept, removed);
    };
    let middle = first + (last - first) / 2;
    let mut kept: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut footer = false;
    for (i, &line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        let reason = if footer {
            Some(Removal::Footer)
        } else if i > middle && (is_credit(&lower) || is_chrome(line, &lower) || is_bullet(line)) {
            footer = true;
            Some(Removal::Footer)
        } else if is_chrome(line, &lower) {
            Some(Removal::Chrome)
        } else if i < first && (words(line) <= 3 || is_bullet(line)) {
            Some(Removal::Navigation)
        } else if seen.contains(line) {
            Some(Removal::Repeated)
        } else {
            None
        };
        match reason {
            Some(r) => removed.push((line.to_string(), r)),
            None => {
                seen.insert(line);
                kept.push(line);
            }
        }
    }
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Skip to main content\nWorld\nSport\n\
        Rebels seize airport in the north as army retreats\n\
        Rebels wave flags at the airport, March 3.\n\
        Rebels wave flags at the airport, March 3.\n\
        NAIROBI -- Rebel fighters seized the main airport of the northern province on Tuesday after days of fighting with government forces.\n\
        The army said its soldiers had withdrawn to the provincial capital to protect civilians and regroup there.\n\
        Aid agencies said thousands of families had fled the town over the past week as the fighting spread.\n\
        Share this article\n\
        Reporting by Jane Doe; editing by John Roe\n\
        Our journalists work in 40 countries to bring you the news that matters, free of charge, every day.\n\
        © 2024 Example News. All rights reserved.";

    #[test]
    fn keeps_the_article_and_drops_the_shell() {
        let r = remove_shell(PAGE);
        assert!(r.text.starts_with(
            "Rebels seize airport in the north as army retreats\n\nRebels wave flags"
        ));
        assert_eq!(r.text.matches("Rebels wave flags").count(), 1);
        assert!(r.text.ends_with("as the fighting spread."));
        assert!(!r.text.contains("Skip to"));
        assert!(!r.text.contains("journalists work"));
        assert!(r
            .removed
            .contains(&("World".to_string(), Removal::Navigation)));
        assert!(r
            .removed
            .iter()
            .any(|(l, why)| l.starts_with("Reporting by") && *why == Removal::Footer));
    }

    /// Issue 16 row 5: a text kept whole is returned as it is (a 50 MB text on one line was copied, and its
    /// words collected, when the shell was removed); anything else as `remove_shell` gives it.
    #[test]
    fn a_text_kept_whole_is_not_copied() {
        let line =
            "Police in Lagos arrested 40 protesters on Monday, officials said. ".repeat(1000);
        let line = line.trim_end().to_string();
        let paragraphs = format!("{line}\n\nTroops entered the town on Tuesday, the army said.");
        let (at, len) = (line.as_ptr(), line.len());
        let r = remove_shell_owned(line);
        assert_eq!((r.text.as_ptr(), r.text.len()), (at, len));
        let at = paragraphs.as_ptr();
        assert_eq!(remove_shell_owned(paragraphs).text.as_ptr(), at);
        for text in [PAGE, "Troops arrive\nShare this", "", "One.\nTwo lines."] {
            let (owned, borrowed) = (remove_shell_owned(text.to_string()), remove_shell(text));
            assert_eq!(
                (owned.text, owned.removed),
                (borrowed.text, borrowed.removed)
            );
        }
    }

    #[test]
    fn image_placeholders() {
        assert!(is_image_placeholder("• 16x9 image"));
        assert!(is_image_placeholder("1200x630 image"));
        assert!(!is_image_placeholder(
            "4x4 vehicles were seen near the border crossing"
        ));
    }

    #[test]
    fn text_without_prose_is_kept() {
        assert_eq!(
            remove_shell("Troops arrive\nShare this").text,
            "Troops arrive"
        );
        assert_eq!(remove_shell("").text, "");
    }
}
