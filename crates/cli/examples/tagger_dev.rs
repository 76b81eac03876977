//! Trains the tagger on EWT train + GUM and measures it on EWT dev (never test): UPOS and XPOS accuracy,
//! on words seen and not seen in training, the most frequent UPOS confusions, tagging speed and model size.
//! Used to choose the tagger's features and settings.
//!
//! `cargo run --release -p petrel --example tagger_dev -- [--data ../shared/data/nlp] [--epochs 8]
//! [--seed 7] [--prune 0.02] [--no-wordnet] [--ewt-repeat 1] [--no-gum] [--out FILE] [--model FILE (measure, no training)]`
//! (`TAGGER_DEV_SHOW=1` lists the errors on unseen words)

use clap::Parser;
use petrel_nlp::tagger::{Tagger, TaggerConfig};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

/// Trains the tagger on EWT train + GUM and measures it on EWT dev (never test); TAGGER_DEV_SHOW=1 lists the
/// errors on unseen words.
#[derive(Parser)]
#[command(name = "tagger_dev")]
struct Args {
    /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
    #[arg(long, default_value = "../shared/data/nlp")]
    data: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = TaggerConfig::default().epochs)]
    epochs: usize,
    /// Seed of the deterministic shuffle.
    #[arg(long, default_value_t = TaggerConfig::default().seed)]
    seed: u64,
    /// Averaged weights below this magnitude are dropped from the model.
    #[arg(long, default_value_t = TaggerConfig::default().prune)]
    prune: f32,
    /// Leave out the WordNet and person-name word classes.
    #[arg(long)]
    no_wordnet: bool,
    /// Times EWT train is repeated in the training data.
    #[arg(long, default_value_t = 1)]
    ewt_repeat: usize,
    /// Train on EWT alone, without GUM.
    #[arg(long)]
    no_gum: bool,
    /// Write the trained model to this file.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Measure this model file instead of training one.
    #[arg(long = "model", value_name = "FILE")]
    load: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    let config = TaggerConfig {
        epochs: args.epochs,
        seed: args.seed,
        prune: args.prune,
        wordnet: !args.no_wordnet,
    };
    let gum = !args.no_gum;
    let Args {
        data,
        out,
        load,
        ewt_repeat,
        ..
    } = args;
    let c = match petrel::nlp_train::Corpora::load(&data) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tagger_dev: {e}");
            std::process::exit(2);
        }
    };
    let mut train = Vec::new();
    for _ in 0..ewt_repeat {
        train.extend(
            c.train
                .iter()
                .filter(|s| !s.id.starts_with("GUM_"))
                .cloned(),
        );
    }
    if gum {
        train.extend(c.train.iter().filter(|s| s.id.starts_with("GUM_")).cloned());
    }
    let t0 = Instant::now();
    let tagger = match &load {
        Some(p) => {
            Tagger::from_bytes(&std::fs::read(p).expect("read the model")).expect("a tagger")
        }
        None => Tagger::train(&train, &config, &mut |e, acc| {
            eprintln!("epoch {e}: train accuracy {acc:.2}")
        }),
    };
    let train_s = t0.elapsed().as_secs_f64();
    let bytes = tagger.to_bytes();
    if let Some(p) = &out {
        std::fs::write(p, &bytes).expect("write the model");
    }
    let seen: HashSet<&str> = c
        .train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.as_str()))
        .collect();
    let (mut u, mut x, mut n, mut uu, mut un) = (0, 0, 0, 0, 0);
    let mut confusions: HashMap<(String, String), usize> = HashMap::new();
    let mut unseen_conf: HashMap<(String, String), usize> = HashMap::new();
    let t1 = Instant::now();
    let mut tagged = Vec::with_capacity(c.dev.len());
    for s in &c.dev {
        let w: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagged.push(
            tagger
                .tag(&w)
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>(),
        );
    }
    let tag_s = t1.elapsed().as_secs_f64();
    for (s, tags) in c.dev.iter().zip(&tagged) {
        for (w, (up, xp)) in s.words.iter().zip(tags) {
            let ok = w.upos == *up;
            u += usize::from(ok);
            x += usize::from(w.xpos == *xp);
            n += 1;
            if !seen.contains(w.form.as_str()) {
                un += 1;
                uu += usize::from(ok);
                if !ok {
                    *unseen_conf.entry((w.upos.clone(), up.clone())).or_default() += 1;
                    if std::env::var_os("TAGGER_DEV_SHOW").is_some() {
                        eprintln!("unseen {} {}>{}", w.form, w.upos, up);
                    }
                }
            }
            if !ok {
                *confusions.entry((w.upos.clone(), up.clone())).or_default() += 1;
            }
        }
    }
    let top = |m: HashMap<(String, String), usize>| -> String {
        let mut conf: Vec<_> = m.into_iter().collect();
        conf.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let v: Vec<String> = conf
            .iter()
            .take(8)
            .map(|((g, p), k)| format!("{g}>{p} {k}"))
            .collect();
        v.join(", ")
    };
    eprintln!("confusions (gold>predicted): {}", top(confusions));
    eprintln!("unseen words: {}", top(unseen_conf));
    println!(
        "dev upos {:.2} xpos {:.2} unseen-upos {:.2} ({un} words) | train (or load) {train_s:.2}s, tag {:.0} words/s, {:.1} MB",
        100.0 * u as f64 / n as f64,
        100.0 * x as f64 / n as f64,
        100.0 * uu as f64 / un.max(1) as f64,
        n as f64 / tag_s,
        bytes.len() as f64 / 1e6
    );
}
