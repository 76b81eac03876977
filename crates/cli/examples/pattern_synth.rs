//! Audits the verb patterns: does each one code its own event in a sentence built from its words?
//!
//! For every pattern whose first element is a verb, the sentence "The Kenyan government WORDS Uganda." is built
//! from the pattern's elements (a past form of each verb where the pattern lists one, "the" for `*`, nothing for a
//! gap) and run through the whole pipeline. A pattern that codes nothing of its own there is printed with what was
//! coded instead: a dead pattern, or a mechanism that loses its events (a tagger reading the verb as a noun, a
//! negation or modality cue inside the pattern). Many of the printed lines are the audit's own limits (a present
//! form for a verb the pattern lists no past of, a verb that needs a complement the sentence lacks): read them, do
//! not count them.
//!
//! `cargo run --release -p petrel --example pattern_synth`

use petrel::Pipeline;
use petrel_core::{Date, Document, Metadata};
use petrel_knowledge::Element;

fn main() {
    let pipeline = match Pipeline::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pattern_synth: {e}");
            std::process::exit(2);
        }
    };
    let patterns = &pipeline.knowledge.patterns;
    let (mut tried, mut silent) = (0, 0);
    for i in 0..patterns.len() {
        let pattern = patterns.get(i);
        if !pattern.verbal {
            continue;
        }
        let words: Vec<&str> = pattern
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Word(forms) | Element::Verb(forms) => Some(past_form(forms)),
                Element::Any => Some("the"),
                Element::Gap => None,
            })
            .collect();
        let text = format!("The Kenyan government {} Uganda.", words.join(" "));
        let meta = Metadata {
            id: "synthetic".into(),
            date: Date::new(2023, 5, 10),
            ..Metadata::default()
        };
        let mut doc = Document::new(meta, text.clone());
        pipeline.run(&mut doc);
        tried += 1;
        let own = format!("{} `", pattern.origin);
        let coded = doc
            .events
            .iter()
            .chain(&doc.non_events)
            .any(|e| e.evidence.contains(&own));
        if !coded {
            silent += 1;
            let instead: Vec<&str> = doc.events.iter().map(|e| e.cameo.as_str()).collect();
            println!("{}\t{}\t{text}\t{instead:?}", pattern.origin, pattern.code);
        }
    }
    eprintln!("{silent} of {tried} verb patterns code nothing of their own in their sentence");
}

/// A past form among a pattern element's forms ("attacked", "held"), else its first form.
fn past_form(forms: &[String]) -> &str {
    forms
        .iter()
        .find(|w| w.ends_with("ed"))
        .or_else(|| {
            forms
                .iter()
                .skip(1)
                .find(|w| !w.ends_with("ing") && !w.ends_with('s'))
        })
        .or(forms.first())
        .map_or("", String::as_str)
}
