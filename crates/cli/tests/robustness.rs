//! No panic on any input: random bytes and pathological texts go through reading, cleaning and the whole
//! pipeline. (Speed is measured by `petrel bench`, not here; these only have to finish.)

use petrel::bench::Rng;
use petrel::Pipeline;
use petrel_core::{Date, Document, Metadata};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builtin().unwrap())
}

fn run(text: &str) -> Document {
    let meta = Metadata {
        id: "x".into(),
        date: Date::new(2022, 1, 7),
        ..Metadata::default()
    };
    let raw = petrel_ingest::RawDoc {
        meta,
        text: text.to_string(),
        plain: true,
        info: Default::default(),
    };
    let (mut doc, _) = petrel_ingest::clean(raw);
    pipeline().run(&mut doc);
    let n = doc.char_len();
    for e in &doc.events {
        assert!(e.trigger.start <= e.trigger.end && e.trigger.end <= n);
    }
    doc
}

#[test]
fn random_text_never_panics() {
    let alphabet: Vec<char> =
        "aZ .,;:'\"“”‘’-—()[]{}0123456789\n\t\u{a0}\u{200b}\u{301}ÄжΩ日🙂$%#@!?/\\*&^~`|<>"
            .chars()
            .collect();
    let words = [
        "Russia",
        "sent",
        "troops",
        "to",
        "U.S.",
        "Gen.",
        "January",
        "5",
        "dozens",
        "killed",
        "\"",
        "He",
        "said",
        "the",
        "police",
        "arrested",
        "3,811",
        "Mangystau",
        "region",
        "of",
        "and",
        "alongside",
        "which",
        "earlier",
        "this",
        "week",
        // names, appositions, datelines, relative clauses and event nouns: the coder's mechanisms
        "Helena",
        "Duarte",
        ",",
        ".",
        "Brazil's",
        "foreign",
        "minister",
        "Kenya",
        "who",
        "condemned",
        "attack",
        "(",
        ")",
        "-",
        "TAIPEI",
        "Sept",
        "Meridian",
        "30-day",
        "on",
        "Tuesday",
        "'s",
        "former",
        "President",
        "accused",
        "called",
        "for",
        "release",
        "Thousands",
        "rallied",
        "killing",
        "three",
    ];
    let mut rng = Rng(0x5eed);
    for round in 0..600 {
        let len = (rng.next_u64() % 400) as usize;
        let text: String = if round % 2 == 0 {
            (0..len).map(|_| rng.pick(&alphabet)).collect()
        } else {
            (0..len)
                .map(|_| rng.pick(&words))
                .collect::<Vec<_>>()
                .join(" ")
        };
        run(&text);
    }
}

#[test]
fn pathological_texts_finish() {
    // a 5,000-word sentence
    run(&"Police detained protesters in Almaty while troops arrived ".repeat(700));
    // 500 actors in one list
    let list: Vec<&str> = ["Russia", "Belarus", "Armenia", "Kazakhstan", "Kyrgyzstan"]
        .iter()
        .cycle()
        .take(500)
        .copied()
        .collect();
    let doc = run(&format!(
        "{} and Tajikistan signed an agreement.",
        list.join(", ")
    ));
    assert!(!doc.events.is_empty());
    // deeply nested and unbalanced quotes
    run(&format!(
        "{}He said troops arrived.{}",
        "\"'“‘".repeat(2000),
        "”’\"".repeat(1500)
    ));
    // a 1 MB text without a full stop, and control characters
    run(&"the army shelled the town and ".repeat(35_000));
    run("\u{0}\u{1}\u{7f}\r\r\n\u{feff}Troops\u{0}arrived.");
}
