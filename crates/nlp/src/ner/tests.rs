//! Tests of the recogniser: BILOU states, the name table, GUM labels, sentence case, memory, training.

use super::bilou::{allowed, to_labels, to_states};
use super::features::{case_mode, NONE};
use super::memory::history_features;
use super::*;

#[test]
fn spans_states_and_constraint() {
    assert_eq!(
        spans(&["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]),
        [
            (0, 2, "PER".into()),
            (3, 4, "LOC".into()),
            (4, 5, "ORG".into())
        ]
    );
    let iob = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"];
    let states = to_states(&iob);
    let names: Vec<&str> = states.iter().map(|&s| STATES[s]).collect();
    assert_eq!(
        names,
        ["B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-ORG", "L-ORG"]
    );
    assert_eq!(to_labels(&states), iob);
    // B-PER → I-PER / L-PER only; O → never I or L
    assert!(allowed(1, 2) && allowed(1, 3));
    assert!(!allowed(1, 0) && !allowed(1, 6) && !allowed(1, 1));
    assert!(!allowed(0, 2) && !allowed(0, 3) && !allowed(START, 2));
    assert!(allowed(3, 9) && allowed(4, 0) && allowed(START, 12));
}

#[test]
fn person_names_table_is_valid() {
    let t = parse_person_names(PERSON_NAMES).unwrap();
    assert!(t.len() > 20_000);
    assert_eq!(t.get("john"), Some(&"F1 L2"));
    assert_eq!(
        parse_person_names("# c\nann\tF1\nbob\tX9\n").unwrap_err(),
        "person-names.tsv:3: bad row \"bob\\tX9\""
    );
    assert!(parse_person_names("ann F1\n").is_err());
}

#[test]
fn gum_mentions_become_named_entities() {
    let word = |form: &str, upos: &str, head: usize| crate::conllu::Word {
        form: form.into(),
        lemma: form.to_lowercase(),
        upos: upos.into(),
        xpos: String::new(),
        head,
        deprel: String::new(),
        no_space_after: false,
        ner: String::new(),
    };
    // "Dr. Ann Lee of the Bank of America visited the United States and a city ."
    let s = crate::conllu::TreeSentence {
        words: vec![
            word("Dr.", "PROPN", 3),
            word("Ann", "PROPN", 3),
            word("Lee", "PROPN", 9),
            word("of", "ADP", 8),
            word("the", "DET", 8),
            word("Bank", "PROPN", 3),
            word("of", "ADP", 8),
            word("America", "PROPN", 6),
            word("visited", "VERB", 0),
            word("the", "DET", 12),
            word("United", "VERB", 12),
            word("States", "PROPN", 9),
            word("and", "CCONJ", 15),
            word("a", "DET", 15),
            word("city", "NOUN", 12),
        ],
        entities: vec![
            (0, 8, "PER".into()),
            (4, 8, "ORG".into()),
            (7, 8, "LOC".into()),
            (9, 12, "LOC".into()),
            (13, 15, "LOC".into()),
        ],
        ..Default::default()
    };
    let labels = gum_labels(&s, &NoLexicon);
    assert_eq!(
        labels,
        [
            "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-LOC", "I-LOC",
            "O", "O", "O"
        ]
    );
}

#[test]
fn sentence_case() {
    assert_eq!(case_mode(&["i", "went", "to", "tampa"]), "lower");
    assert_eq!(case_mode(&["I", "went", "to", "Tampa"]), "mixed");
    assert_eq!(
        case_mode(&["Police", "Arrest", "Forty", "In", "Lagos"]),
        "title"
    );
    assert_eq!(case_mode(&["POLICE", "ARREST", "40"]), "upper");
    assert_eq!(case_mode(&["40", "!"]), "none");
}

#[test]
fn memory_keeps_the_label_a_word_got_most_often_in_the_document() {
    let mut m = NerMemory::new();
    let lower = |ws: &[&str]| ws.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    assert_eq!(m.labels(&lower(&["Enron"])), [NONE]);
    m.record(
        &lower(&["Enron", "Corp.", "said"]),
        &["B-ORG", "I-ORG", "O"],
    );
    m.record(&lower(&["Enron", "wins"]), &["B-PER", "O"]);
    m.record(&lower(&["at", "Enron"]), &["O", "B-ORG"]);
    // words tagged O are not recorded; ties go to the earlier label
    assert_eq!(
        m.labels(&lower(&["ENRON", "corp.", "said", "x"])),
        ["B-ORG", "I-ORG", NONE, NONE]
    );
    let mut h = Vec::new();
    let shapes = vec!["Xxxxx".to_string(), "xxxx".to_string()];
    history_features(&[NONE, NONE], &shapes, 0, &mut h);
    assert!(h.is_empty(), "no history, no features");
    history_features(&["B-ORG", NONE], &shapes, 1, &mut h);
    assert_eq!(h.len(), 4, "a neighbour's history counts");
}

#[test]
fn learns_names() {
    let mk = |w: &[&str], l: &[&str]| NerSentence {
        document: w.join(" "),
        words: w.iter().map(|s| s.to_string()).collect(),
        upos: w
            .iter()
            .map(|s| {
                if s.chars().next().unwrap().is_uppercase() {
                    "PROPN".to_string()
                } else {
                    "VERB".to_string()
                }
            })
            .collect(),
        labels: l.iter().map(|s| s.to_string()).collect(),
    };
    let data: Vec<NerSentence> = (0..20)
        .map(|i| {
            if i % 2 == 0 {
                mk(
                    &["Anna", "Smith", "visited", "Paris"],
                    &["B-PER", "I-PER", "O", "B-LOC"],
                )
            } else {
                mk(
                    &["Acme", "Corp", "hired", "Bob"],
                    &["B-ORG", "I-ORG", "O", "B-PER"],
                )
            }
        })
        .collect();
    let ner = Ner::train(
        &data,
        &NoLexicon,
        WordCase::default(),
        &NerConfig {
            epochs: 4,
            prune: 0.0,
            ..NerConfig::default()
        },
        &mut |_, _| {},
    );
    let back = Ner::from_bytes(&ner.to_bytes()).unwrap();
    assert_eq!(
        back.tag(
            &["Anna", "Smith", "visited", "Paris"],
            &["PROPN", "PROPN", "VERB", "PROPN"],
            &NoLexicon
        ),
        ["B-PER", "I-PER", "O", "B-LOC"]
    );
    assert!(back.tag(&[], &[], &NoLexicon).is_empty());
    // mismatched lengths are cut to the shorter, never a panic
    assert_eq!(
        back.tag(&["Anna", "Smith"], &["PROPN"], &NoLexicon).len(),
        1
    );
}
