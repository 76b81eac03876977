//! Measures model files on EWT dev (never test): UPOS with the tagger, UAS and LAS of the parser on the
//! tagger's tags. Used to compare a retrained parser or tagger with the committed one.
//!
//! `cargo run --release -p petrel --example parser_dev -- [--data ../shared/data/nlp] [DIR ...]`
//! (each DIR holds tagger.bin, lemmas.tsv, parser.bin, ner.bin; none = the built-in models)

use clap::Parser;
use petrel_nlp::parser::attachment_scores;
use petrel_nlp::Models;
use std::path::PathBuf;

/// Measures model files on EWT dev (never test): UPOS with the tagger, UAS and LAS of the parser on the
/// tagger's tags.
#[derive(Parser)]
#[command(name = "parser_dev")]
struct Args {
    /// Folder with ud-english-ewt/, gum/ and uner-english-ewt/.
    #[arg(long, default_value = "../shared/data/nlp")]
    data: PathBuf,
    /// Folders holding tagger.bin, lemmas.tsv, parser.bin, ner.bin (none: the built-in models).
    dirs: Vec<PathBuf>,
}

fn main() {
    let Args { data, dirs } = Args::parse();
    let c = match petrel::nlp_train::Corpora::load(&data) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("parser_dev: {e}");
            std::process::exit(2);
        }
    };
    let sets: Vec<(String, Result<Models, String>)> = if dirs.is_empty() {
        vec![("built-in".to_string(), Models::builtin())]
    } else {
        dirs.iter()
            .map(|d| (d.display().to_string(), Models::from_dir(d).map(|m| m.0)))
            .collect()
    };
    for (name, models) in sets {
        let models = match models {
            Ok(m) => m,
            Err(e) => {
                eprintln!("parser_dev: {name}: {e}");
                continue;
            }
        };
        let (mut ok, mut n) = (0usize, 0usize);
        let mut parses = Vec::with_capacity(c.dev.len());
        for s in &c.dev {
            let w: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = models.tagger.tag(&w);
            ok += s
                .words
                .iter()
                .zip(&tags)
                .filter(|(g, t)| g.upos == t.0)
                .count();
            n += w.len();
            let upos: Vec<&str> = tags.iter().map(|t| t.0).collect();
            let xpos: Vec<&str> = tags.iter().map(|t| t.1).collect();
            parses.push(models.parser.parse(&w, &upos, &xpos));
        }
        let (uas, las) = attachment_scores(&c.dev, &parses);
        println!(
            "{name}: dev upos {:.2} uas {uas:.2} las {las:.2}",
            100.0 * ok as f64 / n.max(1) as f64
        );
    }
}
