//! Sentence-boundary errors of the segmenter on a UD treebank's raw text (built as `petrel nlp-eval` builds it):
//! precision, recall and F1, then every missed gold boundary and every spurious predicted one with its context
//! (`⟦` marks the position, `¶` a line break). Used to diagnose and tune the splitter.
//!
//! Without options the built-in model splits; `--rules` splits by the rules alone; `--train` trains a boundary
//! model first on EWT train + GUM (`--ewt-only`: EWT train alone) with `--epochs`, `--prune` (`--save FILE`
//! writes it), and prints the
//! figures at several thresholds (`--threshold`, `--threshold-bare` for the error listing); `--dump FILE` prints
//! the sentences of other texts instead (JSONL with `id` and `text`, or plain text); `--bench` times the
//! segmentation of the set's raw text by the rules alone and with the model, `--bench-stage` the whole NLP stage
//! with either.
//!
//! `cargo run --release -p petrel --example sentence_errors -- [--data ../shared/data/nlp] [--set dev|test|train]
//! [--quiet] [--rules | --train [--ewt-only] [--epochs 8] [--prune 0.05] [--threshold 0] [--threshold-bare 8]]
//! [--save FILE]] [--dump FILE]... [--bench | --bench-stage]`

use clap::Parser;
use petrel_core::{Document, Metadata};
use petrel_nlp::conllu::parse_conllu;
use petrel_nlp::sentences::{segment_with, BoundaryConfig, BoundaryModel};
use std::path::PathBuf;

/// Sentence-boundary errors of the segmenter on a UD EWT set's raw text: precision, recall, F1 and every missed
/// or spurious boundary with its context.
#[derive(Parser)]
#[command(name = "sentence_errors")]
struct Args {
    /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
    #[arg(long, default_value = "../shared/data/nlp")]
    data: PathBuf,
    /// The EWT set to measure on: dev, test or train.
    #[arg(long, default_value = "dev")]
    set: String,
    /// Print the figures only, not the errors.
    #[arg(long)]
    quiet: bool,
    /// Split by the rules alone, without the boundary model.
    #[arg(long)]
    rules: bool,
    /// Train a boundary model first (EWT train + GUM).
    #[arg(long)]
    train: bool,
    /// Train on EWT train alone.
    #[arg(long)]
    ewt_only: bool,
    /// Passes over the training documents.
    #[arg(long, default_value_t = BoundaryConfig::default().epochs)]
    epochs: usize,
    /// Averaged weights below this magnitude are dropped from the model.
    #[arg(long, default_value_t = BoundaryConfig::default().prune)]
    prune: f32,
    /// Decision threshold stored with the model.
    #[arg(long, default_value_t = BoundaryConfig::default().threshold, allow_hyphen_values = true)]
    threshold: f32,
    /// Decision threshold without punctuation in edited text.
    #[arg(long, default_value_t = BoundaryConfig::default().threshold_bare, allow_hyphen_values = true)]
    threshold_bare: f32,
    /// Write the trained model to this file.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Print the sentences of this text instead (JSONL with id and text, or plain text); repeatable.
    #[arg(long, value_name = "FILE")]
    dump: Vec<PathBuf>,
    /// Time the segmentation of the set's raw text, by the rules alone and with the model.
    #[arg(long)]
    bench: bool,
    /// Time the whole NLP stage, by the rules alone and with the model.
    #[arg(long)]
    bench_stage: bool,
}

fn main() {
    let args = Args::parse();
    let config = BoundaryConfig {
        epochs: args.epochs,
        prune: args.prune,
        threshold: args.threshold,
        threshold_bare: args.threshold_bare,
    };
    let Args {
        data,
        set,
        quiet,
        rules,
        train,
        ewt_only,
        save,
        dump,
        bench,
        bench_stage,
        ..
    } = args;
    let path = data.join(format!("ud-english-ewt/en_ewt-ud-{set}.conllu"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("sentence_errors: {}: {e}", path.display());
        std::process::exit(2)
    });
    let sents = parse_conllu(&text).unwrap_or_else(|e| {
        eprintln!("sentence_errors: {e}");
        std::process::exit(2)
    });
    let docs = petrel::nlp_train::raw_documents(&sents);
    let trained = train.then(|| {
        let c = petrel::nlp_train::Corpora::load(&data).unwrap_or_else(|e| {
            eprintln!("sentence_errors: {e}");
            std::process::exit(2)
        });
        let t: Vec<_> = c
            .train
            .into_iter()
            .filter(|s| !ewt_only || !s.id.starts_with("GUM_"))
            .collect();
        let t0 = std::time::Instant::now();
        let m = BoundaryModel::train(&petrel::nlp_train::raw_documents(&t), &config, &mut |m| {
            eprintln!("{m}")
        });
        if let Some(p) = &save {
            std::fs::write(p, m.to_bytes()).unwrap_or_else(|e| eprintln!("{}: {e}", p.display()));
        }
        eprintln!(
            "trained: {} weights, {} bytes, {:.1}s",
            m.features(),
            m.to_bytes().len(),
            t0.elapsed().as_secs_f64()
        );
        m
    });
    let model = match (&trained, rules) {
        (_, true) => None,
        (Some(m), _) => Some(m),
        (None, _) => petrel_nlp::sentences::builtin_model(),
    };
    if bench || bench_stage {
        // segmentation speed on the set's raw text, rules alone and with the model, alternating (best of five);
        // with `--bench-stage` the whole NLP stage (segmentation, tagger, parser, NER) as `petrel nlp-eval` times it
        let stage = bench_stage.then(|| {
            let models = petrel_nlp::Models::builtin().expect("models");
            let knowledge = petrel_knowledge::Knowledge::builtin().expect("dictionaries");
            (models, knowledge)
        });
        let (mut best_rules, mut best_model, mut tokens) = (f64::MAX, f64::MAX, 0);
        for _ in 0..5 {
            for with_model in [false, true] {
                let t0 = std::time::Instant::now();
                tokens = 0;
                for (text, _) in &docs {
                    let mut doc = Document::new(Metadata::default(), text.clone());
                    segment_with(&mut doc, with_model.then_some(model).flatten());
                    if let Some((m, k)) = &stage {
                        m.annotate(&mut doc, k);
                    }
                    tokens += doc.tokens.len();
                }
                let secs = t0.elapsed().as_secs_f64();
                let best = if with_model {
                    &mut best_model
                } else {
                    &mut best_rules
                };
                *best = best.min(secs);
            }
        }
        println!(
            "{tokens} tokens: rules {:.0} tokens/s, model {:.0} tokens/s",
            tokens as f64 / best_rules,
            tokens as f64 / best_model
        );
        return;
    }
    if !dump.is_empty() {
        // the sentences of other texts (JSONL with "id" and "text", or plain text), one a line: "id | sentence"
        for path in &dump {
            let raw = std::fs::read_to_string(path).unwrap_or_default();
            let texts: Vec<(String, String)> = if path.extension().is_some_and(|e| e == "jsonl") {
                raw.lines()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .map(|v| {
                        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                        (s("id"), s("text"))
                    })
                    .collect()
            } else {
                vec![(path.display().to_string(), raw)]
            };
            for (id, text) in texts {
                let mut doc = Document::new(Metadata::default(), text);
                segment_with(&mut doc, model);
                for i in 0..doc.sentences.len() {
                    println!("{id} | {}", doc.sentence_text(i).replace('\n', "¶"));
                }
            }
        }
        return;
    }
    if let Some(m) = &trained {
        // other texts (`SENTENCE_NEWS`, JSONL with "text"): boundaries without punctuation or a line break there
        // are mostly wrong in edited text
        let news: Vec<String> = std::env::var("SENTENCE_NEWS")
            .ok()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| v["text"].as_str().unwrap_or_default().to_string())
            .collect();
        for th in [-1.0f32, 0.0, 1.0] {
            for bare in [0.0f32, 2.0, 4.0, 6.0, 8.0, 12.0] {
                let mut m = BoundaryModel::from_bytes(&m.to_bytes()).expect("round trip");
                m.threshold = th;
                m.threshold_bare = bare;
                let (mut tp, mut g, mut p) = (0, 0, 0);
                for (text, gold) in &docs {
                    let mut doc = Document::new(Metadata::default(), text.clone());
                    segment_with(&mut doc, Some(&m));
                    tp += doc
                        .sentences
                        .iter()
                        .filter(|s| gold.contains(&s.end))
                        .count();
                    g += gold.len();
                    p += doc.sentences.len();
                }
                let mut bare_n = 0;
                for text in &news {
                    let mut doc = Document::new(Metadata::default(), text.clone());
                    segment_with(&mut doc, Some(&m));
                    for s in &doc.sentences {
                        let last = &doc.tokens[s.end_token - 1];
                        let Some(next) = doc.tokens.get(s.end_token) else {
                            continue;
                        };
                        let stop = matches!(
                            last.lower.as_str(),
                            "." | "!"
                                | "?"
                                | "\""
                                | "'"
                                | ")"
                                | "\u{201d}"
                                | "\u{2019}"
                                | "..."
                                | "\u{2026}"
                        );
                        bare_n +=
                            usize::from(!stop && !doc.slice(last.end, next.start).contains('\n'));
                    }
                }
                let (pr, r) = (tp as f64 / p as f64, tp as f64 / g as f64);
                println!(
                    "threshold {th} bare {bare}: P {:.1} R {:.1} F1 {:.2}; news: {bare_n} boundaries without punctuation",
                    100.0 * pr,
                    100.0 * r,
                    200.0 * pr * r / (pr + r)
                );
            }
        }
    }
    let (mut tp, mut gold_n, mut pred_n) = (0usize, 0usize, 0usize);
    let show = |chars: &[char], at: usize| -> String {
        let a = at.saturating_sub(50);
        let b = (at + 40).min(chars.len());
        let s: String = chars[a..at].iter().collect();
        let t: String = chars[at..b].iter().collect();
        format!("{s}⟦{t}").replace('\n', "¶")
    };
    for (text, gold) in &docs {
        let mut doc = Document::new(Metadata::default(), text.clone());
        segment_with(&mut doc, model);
        let pred: Vec<usize> = doc.sentences.iter().map(|s| s.end).collect();
        let chars: Vec<char> = text.chars().collect();
        for g in gold {
            if pred.contains(g) {
                tp += 1;
            } else if !quiet {
                println!("MISS  {}", show(&chars, *g));
            }
        }
        for p in &pred {
            if !gold.contains(p) && !quiet {
                println!("EXTRA {}", show(&chars, *p));
            }
        }
        gold_n += gold.len();
        pred_n += pred.len();
    }
    let (p, r) = (
        tp as f64 / pred_n.max(1) as f64,
        tp as f64 / gold_n.max(1) as f64,
    );
    println!(
        "{set}: gold {gold_n} predicted {pred_n} correct {tp}: precision {:.1} recall {:.1} F1 {:.1}",
        100.0 * p,
        100.0 * r,
        200.0 * p * r / (p + r).max(1e-9)
    );
}
