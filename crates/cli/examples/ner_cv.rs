//! Cross-validation of the named-entity recogniser on UNER EWT dev (never test): the dev set is cut into
//! contiguous folds; each fold is tagged by a recogniser trained on the other folds (plus GUM), and the entity
//! F1 over all folds is printed. Used to choose the NER training settings.
//!
//! `cargo run --release -p petrel --example ner_cv -- [--data ../shared/data/nlp] [--folds 5] [--epochs 10]
//! [--no-gum] [--uner-repeat 5] [--prune 0.02] [--seed 11] [--errors] [--tagger FILE]`
//!
//! The shipped tagger learnt from EWT dev, whose sentences UNER dev annotates, so its tags there are too good;
//! give `--tagger` a tagger trained without dev (`examples/tagger_dev.rs --out FILE`) for an honest estimate.

use petrel_knowledge::Knowledge;
use petrel_nlp::ner::{spans, Ner, NerConfig, NerMemory, NerSentence};
use petrel_nlp::tagger::Tagger;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Cross-validation of the named-entity recogniser on UNER EWT dev (never test); prints the entity F1 over all
/// folds.
#[derive(clap::Parser)]
#[command(name = "ner_cv")]
struct Args {
    /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
    #[arg(long, default_value = "../shared/data/nlp")]
    data: PathBuf,
    /// Contiguous folds of UNER dev (at least 2).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Passes over the training data.
    #[arg(long, default_value_t = NerConfig::default().epochs)]
    epochs: usize,
    /// Train on UNER alone, without GUM.
    #[arg(long)]
    no_gum: bool,
    /// Times the UNER training folds are repeated (at least 1).
    #[arg(long, default_value_t = petrel::nlp_train::NER_UNER_REPEAT)]
    uner_repeat: usize,
    /// Shuffle seed (F1 moves by about ±0.5 from seed to seed: compare settings over several).
    #[arg(long, default_value_t = NerConfig::default().seed)]
    seed: u64,
    /// Pruning threshold of averaged weights.
    #[arg(long, default_value_t = NerConfig::default().prune)]
    prune: f32,
    /// List every missed and every false entity on stderr.
    #[arg(long)]
    errors: bool,
    /// The tagger whose tags the recogniser reads.
    #[arg(
        long = "tagger",
        default_value = "crates/nlp/models/tagger.bin",
        value_name = "FILE"
    )]
    tagger_file: PathBuf,
}

fn main() {
    let args = <Args as clap::Parser>::parse();
    let (folds, gum, repeat) = (args.folds.max(2), !args.no_gum, args.uner_repeat.max(1));
    let config = NerConfig {
        epochs: args.epochs,
        prune: args.prune,
        seed: args.seed,
    };
    let Args {
        data,
        errors,
        tagger_file,
        ..
    } = args;
    let corpora = match petrel::nlp_train::Corpora::load(&data) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ner_cv: {e}");
            std::process::exit(2);
        }
    };
    let tagger = std::fs::read(&tagger_file)
        .map_err(|e| e.to_string())
        .and_then(|b| Tagger::from_bytes(&b).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| {
            eprintln!("ner_cv: {}: {e}", tagger_file.display());
            std::process::exit(2);
        });
    let knowledge = Knowledge::builtin().expect("built-in dictionaries");
    let dev = petrel::nlp_train::ner_uner(&corpora.uner_dev, &tagger);
    let gum_data = if gum {
        petrel::nlp_train::ner_gum(&corpora, &tagger, &knowledge)
    } else {
        Vec::new()
    };
    let case = petrel::nlp_train::ner_word_case(&corpora);

    let clone = |s: &NerSentence| NerSentence {
        document: s.document.clone(),
        words: s.words.clone(),
        upos: s.upos.clone(),
        labels: s.labels.clone(),
    };
    let mut by_type: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let per = dev.len().div_ceil(folds);
    for fold in 0..folds {
        let held = fold * per..((fold + 1) * per).min(dev.len());
        let mut train: Vec<NerSentence> = Vec::new();
        for _ in 0..repeat {
            train.extend(
                dev.iter()
                    .enumerate()
                    .filter(|(i, _)| !held.contains(i))
                    .map(|(_, s)| clone(s)),
            );
        }
        train.extend(gum_data.iter().map(clone));

        let ner = Ner::train(&train, &knowledge, case.clone(), &config, &mut |e, acc| {
            eprintln!("ner_cv: epoch {e}: train accuracy {acc:.2}")
        });
        let held = if std::env::var_os("NER_CV_SELF").is_some() {
            0..dev.len()
        } else {
            held
        };
        let mut memory = NerMemory::new();
        for (k, s) in dev.iter().enumerate().take(held.end).skip(held.start) {
            if k == held.start || dev[k - 1].document != s.document {
                memory = NerMemory::new();
            }
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let u: Vec<&str> = s.upos.iter().map(String::as_str).collect();
            let pred = ner.tag_in_document(&w, &u, &knowledge, &mut memory);
            let g = spans(&s.labels.iter().map(String::as_str).collect::<Vec<_>>());
            let p = spans(&pred);
            for (a, b, _) in &g {
                let e = by_type.entry("any type".into()).or_default();
                e.1 += 1;
                e.0 += usize::from(p.iter().any(|x| x.0 == *a && x.1 == *b));
            }
            by_type.entry("any type".into()).or_default().2 += p.len();
            for (a, b, ty) in &g {
                let e = by_type.entry(ty.clone()).or_default();
                e.1 += 1;
                let hit = p.contains(&(*a, *b, ty.clone()));
                e.0 += usize::from(hit);
                if errors && !hit {
                    eprintln!("MISS {ty}\t{}\t| {}", w[*a..*b].join(" "), w.join(" "));
                }
            }
            for (a, b, ty) in &p {
                by_type.entry(ty.clone()).or_default().2 += 1;
                if errors && !g.contains(&(*a, *b, ty.clone())) {
                    eprintln!("FALSE {ty}\t{}\t| {}", w[*a..*b].join(" "), w.join(" "));
                }
            }
        }
        eprintln!("ner_cv: fold {} done", fold + 1);
    }
    let (mut tp, mut gold, mut pred) = (0, 0, 0);
    for (ty, (ok, g, p)) in &by_type {
        if ty == "any type" {
            println!(
                "spans whatever their type: precision {:.1} recall {:.1}",
                100.0 * *ok as f64 / (*p).max(1) as f64,
                100.0 * *ok as f64 / (*g).max(1) as f64
            );
            continue;
        }
        println!(
            "{ty}: precision {:.1} recall {:.1} ({g} gold, {p} predicted)",
            100.0 * *ok as f64 / (*p).max(1) as f64,
            100.0 * *ok as f64 / (*g).max(1) as f64
        );
        tp += ok;
        gold += g;
        pred += p;
    }
    let (pr, rc) = (
        tp as f64 / pred.max(1) as f64,
        tp as f64 / gold.max(1) as f64,
    );
    println!(
        "cross-validated F1 {:.1} (precision {:.1}, recall {:.1})",
        100.0 * 2.0 * pr * rc / (pr + rc).max(1e-9),
        100.0 * pr,
        100.0 * rc
    );
}
