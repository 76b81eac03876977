//! Tests of sentence splitting: abbreviations, quotes, lines, news and web conventions, the model file.

use super::*;
use petrel_core::Metadata;

fn sents(text: &str) -> Vec<String> {
    let mut d = Document::new(Metadata::default(), text.to_string());
    segment(&mut d);
    (0..d.sentences.len())
        .map(|i| d.sentence_text(i).to_string())
        .collect()
}

#[test]
fn knows_abbreviations() {
    assert_eq!(
        sents("Gen. Mark Milley met Mr. Li in Jan. 2020. The U.S. Embassy said so. He left for the U.S. The talks ended."),
        ["Gen. Mark Milley met Mr. Li in Jan. 2020.", "The U.S. Embassy said so.", "He left for the U.S.", "The talks ended."]
    );
}

#[test]
fn knows_us_state_abbreviations() {
    assert_eq!(
        sents("A 55-year-old Severn, Md. man was arrested. Police found him in Annapolis, Md. The man was charged."),
        ["A 55-year-old Severn, Md. man was arrested.", "Police found him in Annapolis, Md.", "The man was charged."]
    );
}

#[test]
fn quotes_and_lines() {
    assert_eq!(
        sents("\"We will stay,\" he said. \"No.\" She left!\nHeadline without stop\nnext line. i was here\nThe protest, which began on Monday in the capital, was the largest in\nyears, organisers said."),
        [
            "\"We will stay,\" he said.",
            "\"No.\"",
            "She left!",
            "Headline without stop",
            "next line.",
            "i was here",
            "The protest, which began on Monday in the capital, was the largest in\nyears, organisers said."
        ]
    );
}

#[test]
fn offsets_point_into_text() {
    let text = "Протесты — 5 January. Troops arrived.";
    let mut d = Document::new(Metadata::default(), text.to_string());
    segment(&mut d);
    assert_eq!(d.sentence_text(1), "Troops arrived.");
    for t in &d.tokens {
        assert!(t.end <= d.char_len());
    }
}

#[test]
fn builtin_model_loads_and_round_trips() {
    let m = builtin_model().expect("built-in sentence model");
    assert!(m.features() > 1000);
    let back = BoundaryModel::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(back.features(), m.features());
    assert!(BoundaryModel::from_bytes(b"junk").is_err());
    assert!(BoundaryModel::from_bytes(&BUILTIN_MODEL[..BUILTIN_MODEL.len() - 1]).is_err());
}

#[test]
fn news_conventions() {
    assert_eq!(
        sents("ALMATY, Kazakhstan (AP) \u{2014} Troops arrived on Friday. \"We got her!\" officers said. Rep. Ilhan Omar of Minnesota spoke to the U.S. Senate."),
        [
            "ALMATY, Kazakhstan (AP) \u{2014} Troops arrived on Friday.",
            "\"We got her!\" officers said.",
            "Rep. Ilhan Omar of Minnesota spoke to the U.S. Senate."
        ]
    );
    assert_eq!(
        sents("WASHINGTON -- Blinken said so.\nPolice detained him on Wednesday.The stabbing occurred in Berlin."),
        ["WASHINGTON -- Blinken said so.", "Police detained him on Wednesday.", "The stabbing occurred in Berlin."]
    );
}

#[test]
fn mail_and_web_text() {
    // boundaries without punctuation in mail: a signature, a header (name, date and time: EWT's convention)
    let s = sents("Thanks for the update. Let me know if you need anything else. Thanks Vince\nKevin Kindall@ENRON 01/24/2001 03:51 PM Per our conversation yesterday, here is the file.");
    for line in [
        "Let me know if you need anything else.",
        "Kevin Kindall@ENRON",
        "01/24/2001 03:51 PM",
        "Per our conversation yesterday, here is the file.",
    ] {
        assert!(s.contains(&line.to_string()), "{s:?}");
    }
}

#[test]
fn pathological_input_is_linear() {
    // 1 MB without a full stop or a line break, and 1 MB of one "word": seconds would mean quadratic work
    for text in [
        "word, ".repeat(170_000),
        "x".repeat(1_000_000),
        "\n".repeat(1_000_000),
    ] {
        let t0 = std::time::Instant::now();
        let mut d = Document::new(Metadata::default(), text);
        segment(&mut d);
        assert!(t0.elapsed().as_secs_f64() < 5.0);
        assert!(d.sentences.iter().all(|s| s.first_token < s.end_token));
    }
}

#[test]
fn long_text_without_stops() {
    let text = "word ".repeat(200_000);
    let mut d = Document::new(Metadata::default(), text);
    segment(&mut d);
    assert_eq!(d.sentences.len(), 1);
}
