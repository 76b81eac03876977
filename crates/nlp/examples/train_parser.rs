//! Experiment: train the dependency parser on EWT train + GUM, report per-epoch EWT dev UAS/LAS, final
//! EWT test UAS/LAS, parse speed, model size and training time (`cargo run --release -p petrel-nlp
//! --example train_parser`).
//!
//! Settings from the environment: EPOCHS, SEED, EXPLORE_FROM, EXPLORE_P, PRUNE, EWT_ONLY=1 (no GUM),
//! SAVE=path; TAGGER=path (also evaluate with the tags of that tagger, trained there if missing);
//! JACKKNIFE=k (train on k-fold jackknifed tags, cached in /tmp), DOUBLE=1 (with JACKKNIFE: train on
//! the gold-tag and the jackknifed copy); LOAD=path only evaluates a saved model (REPEAT=n parses n
//! more times first, for profiling).
use petrel_nlp::conllu::{parse_conllu, TreeSentence};
use petrel_nlp::parser::{attachment_scores, Arc, Parser, ParserConfig};
use petrel_nlp::tagger::{Tagger, TaggerConfig};
use std::time::Instant;

fn load(p: &str) -> Vec<TreeSentence> {
    parse_conllu(&std::fs::read_to_string(p).expect("readable treebank")).expect("valid CoNLL-U")
}

fn env<T: std::str::FromStr>(k: &str, default: T) -> T {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn parse_all(p: &Parser, set: &[TreeSentence]) -> Vec<Vec<Arc>> {
    set.iter()
        .map(|s| {
            let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let u: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            let x: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
            p.parse(&f, &u, &x)
        })
        .collect()
}

/// CPU time of this thread in seconds (Linux), else wall time since `t`: the machine may be shared.
fn cpu_secs(t: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or_else(|| t.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

/// Parsing speed over `sets` in tokens per CPU second (best of three).
fn speed(p: &Parser, sets: &[&[TreeSentence]]) -> f64 {
    let tokens: usize = sets
        .iter()
        .flat_map(|s| s.iter())
        .map(|s| s.words.len())
        .sum();
    let inputs: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = sets
        .iter()
        .flat_map(|s| s.iter())
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.as_str()).collect(),
                s.words.iter().map(|w| w.upos.as_str()).collect(),
                s.words.iter().map(|w| w.xpos.as_str()).collect(),
            )
        })
        .collect();
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let c = cpu_secs(t);
        let mut arcs = 0;
        for (f, u, x) in &inputs {
            arcs += p.parse(f, u, x).len();
        }
        assert_eq!(arcs, tokens);
        best = best.min(cpu_secs(t) - c);
    }
    tokens as f64 / best
}

/// The tagger at `path` (trained on `train` and saved there first if missing).
fn tagger(path: &str, train: &[TreeSentence]) -> Tagger {
    if let Ok(b) = std::fs::read(path) {
        return Tagger::from_bytes(&b).expect("tagger model");
    }
    let tagger = Tagger::train(train, &TaggerConfig::default(), &mut |_, _| {});
    std::fs::write(path, tagger.to_bytes()).expect("writable tagger path");
    tagger
}

/// The sentences with UPOS and XPOS replaced by the tagger's.
fn retag(tagger: &Tagger, set: &[TreeSentence]) -> Vec<TreeSentence> {
    set.iter()
        .map(|s| {
            let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = tagger.tag(&f);
            let mut s = s.clone();
            for (w, (u, x)) in s.words.iter_mut().zip(tags) {
                w.upos = u.to_string();
                w.xpos = x.to_string();
            }
            s
        })
        .collect()
}

/// Tag accuracy (UPOS, XPOS) of `pred` against `gold`.
fn tag_accuracy(gold: &[TreeSentence], pred: &[TreeSentence]) -> (f64, f64) {
    let (mut u, mut x, mut n) = (0, 0, 0);
    for (g, p) in gold.iter().zip(pred) {
        for (a, b) in g.words.iter().zip(&p.words) {
            u += usize::from(a.upos == b.upos);
            x += usize::from(a.xpos == b.xpos);
            n += 1;
        }
    }
    (100.0 * u as f64 / n as f64, 100.0 * x as f64 / n as f64)
}

/// Jackknifed tags for the training set: `k` taggers, each trained without one fold (sentence i is in
/// fold i mod k), tag that fold. Cached at `path` (a line per sentence: tab-separated `upos xpos`).
fn jackknife(train: &mut [TreeSentence], k: usize, path: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        let folds: Vec<Vec<TreeSentence>> = std::thread::scope(|scope| {
            let train = &*train;
            let handles: Vec<_> = (0..2)
                .map(|worker| {
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for fold in (0..k).filter(|f| f % 2 == worker) {
                            let pick = |keep: bool| -> Vec<TreeSentence> {
                                train
                                    .iter()
                                    .enumerate()
                                    .filter(|(i, _)| (i % k == fold) == keep)
                                    .map(|(_, s)| s.clone())
                                    .collect()
                            };
                            let tagger = Tagger::train(
                                &pick(false),
                                &TaggerConfig::default(),
                                &mut |_, _| {},
                            );
                            out.push((fold, retag(&tagger, &pick(true))));
                        }
                        out
                    })
                })
                .collect();
            let mut all: Vec<(usize, Vec<TreeSentence>)> = handles
                .into_iter()
                .flat_map(|h| h.join().expect("fold"))
                .collect();
            all.sort_by_key(|f| f.0);
            all.into_iter().map(|f| f.1).collect()
        });
        let mut lines = vec![String::new(); train.len()];
        for (fold, sents) in folds.iter().enumerate() {
            for (j, s) in sents.iter().enumerate() {
                lines[fold + j * k] = s
                    .words
                    .iter()
                    .map(|w| format!("{} {}", w.upos, w.xpos))
                    .collect::<Vec<_>>()
                    .join("\t");
            }
        }
        let text = lines.join("\n");
        std::fs::write(path, &text).expect("writable cache");
        text
    });
    let gold: Vec<TreeSentence> = train.to_vec();
    for (s, line) in train.iter_mut().zip(text.split('\n')) {
        for (w, pair) in s.words.iter_mut().zip(line.split('\t')) {
            let (u, x) = pair.split_once(' ').unwrap_or(("", ""));
            w.upos = u.to_string();
            w.xpos = x.to_string();
        }
    }
    let (u, x) = tag_accuracy(&gold, train);
    eprintln!("jackknifed training tags: UPOS {u:.2} XPOS {x:.2}");
}

fn scores_line(p: &Parser, dev: &[TreeSentence], test: &[TreeSentence]) -> String {
    let (du, dl) = attachment_scores(dev, &parse_all(p, dev));
    let (tu, tl) = attachment_scores(test, &parse_all(p, test));
    format!("dev UAS {du:.2} LAS {dl:.2}, test UAS {tu:.2} LAS {tl:.2}")
}

fn main() {
    let d = "/work/shared/data/nlp";
    let mut train = load(&format!("{d}/ud-english-ewt/en_ewt-ud-train.conllu"));
    if env("EWT_ONLY", 0) == 0 {
        for g in ["academic", "bio", "court", "interview", "news", "voyage"] {
            train.extend(load(&format!("{d}/gum/gum-{g}.conllu")));
        }
    }
    let dev = load(&format!("{d}/ud-english-ewt/en_ewt-ud-dev.conllu"));
    let test = load(&format!("{d}/ud-english-ewt/en_ewt-ud-test.conllu"));
    let tagged = std::env::var("TAGGER").ok().map(|path| {
        let t = tagger(&path, &train);
        let (dev_p, test_p) = (retag(&t, &dev), retag(&t, &test));
        let (du, dx) = tag_accuracy(&dev, &dev_p);
        let (tu, tx) = tag_accuracy(&test, &test_p);
        eprintln!("tagger: dev UPOS {du:.2} XPOS {dx:.2}; test UPOS {tu:.2} XPOS {tx:.2}");
        (dev_p, test_p)
    });
    let predicted = |p: &Parser| {
        tagged.as_ref().map_or(String::new(), |(dev_p, test_p)| {
            format!("; predicted tags: {}", scores_line(p, dev_p, test_p))
        })
    };
    if let Ok(path) = std::env::var("LOAD") {
        let p =
            Parser::from_bytes(&std::fs::read(path).expect("model file")).expect("parser model");
        for _ in 0..env("REPEAT", 0usize) {
            parse_all(&p, &test);
            parse_all(&p, &dev);
        }
        let tps = speed(&p, &[&dev, &test]);
        println!(
            "gold tags: {}{}",
            scores_line(&p, &dev, &test),
            predicted(&p)
        );
        println!(
            "{tps:.0} tokens/s (CPU time), {:.1} MB",
            p.to_bytes().len() as f64 / 1e6
        );
        return;
    }
    let k = env("JACKKNIFE", 0usize);
    if k > 1 {
        let path = format!("/tmp/jackknife{k}-{}.tags", train.len());
        let gold = train.clone();
        jackknife(&mut train, k, &path);
        if env("DOUBLE", 0) == 1 {
            train.extend(gold);
        }
    }
    let def = ParserConfig::default();
    let config = ParserConfig {
        epochs: env("EPOCHS", def.epochs),
        seed: env("SEED", def.seed),
        explore_from_epoch: env("EXPLORE_FROM", def.explore_from_epoch),
        explore_p: env("EXPLORE_P", def.explore_p),
        prune: env("PRUNE", def.prune),
    };
    eprintln!("{config:?}; {} training sentences", train.len());
    let t0 = Instant::now();
    let mut eval_secs = 0.0;
    let parser = Parser::train_with_snapshots(&train, &config, &mut |epoch, uas, p| {
        let t = Instant::now();
        let line = format!("gold tags: {}{}", scores_line(p, &dev, &test), predicted(p));
        eval_secs += t.elapsed().as_secs_f64();
        println!(
            "epoch {epoch:2}: train UAS {uas:.2}; {line}  {:.0}s",
            t0.elapsed().as_secs_f64()
        );
    });
    let train_secs = t0.elapsed().as_secs_f64() - eval_secs;
    let bytes = parser.to_bytes();
    let t = Instant::now();
    let back = Parser::from_bytes(&bytes).expect("model reads back");
    let load_secs = t.elapsed().as_secs_f64();
    println!(
        "final ({} epochs), gold tags: {}{}",
        config.epochs,
        scores_line(&back, &dev, &test),
        predicted(&back)
    );
    println!(
        "training {train_secs:.0}s (+{eval_secs:.0}s evaluating); model {:.1} MB, loads in {load_secs:.2}s; parsing {:.0} tokens/s (CPU time)",
        bytes.len() as f64 / 1e6,
        speed(&back, &[&dev, &test])
    );
    if let Ok(path) = std::env::var("SAVE") {
        std::fs::write(&path, &bytes).expect("writable model path");
    }
}
