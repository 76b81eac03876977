//! `petrel train` and `petrel nlp-eval`: building the statistical NLP models from ../shared/data/nlp and
//! measuring them. Users never run these; the trained files are committed under `crates/nlp/models/`.

use petrel_core::{Document, Metadata};
use petrel_knowledge::Knowledge;
use petrel_nlp::conllu::{document_of, parse_conllu, parse_iob2, IobSentence, TreeSentence};
use petrel_nlp::lemma::Lemmatizer;
use petrel_nlp::ner::{
    gum_labels, spans, Ner, NerConfig, NerLexicon, NerMemory, NerSentence, WordCase,
};
use petrel_nlp::parser::{attachment_scores, Parser, ParserConfig};
use petrel_nlp::sentences::{BoundaryConfig, BoundaryModel};
use petrel_nlp::tagger::{Tagger, TaggerConfig};
use petrel_nlp::Models;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The training and test sets.
pub struct Corpora {
    /// EWT train + GUM (six permissive genres).
    pub train: Vec<TreeSentence>,
    /// EWT dev.
    pub dev: Vec<TreeSentence>,
    /// EWT test.
    pub test: Vec<TreeSentence>,
    /// UNER EWT dev (NER training).
    pub uner_dev: Vec<IobSentence>,
    /// UNER EWT test (NER evaluation).
    pub uner_test: Vec<IobSentence>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn treebank(path: &Path) -> Result<Vec<TreeSentence>, String> {
    parse_conllu(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// GUM genres used for training (the permissively licensed ones shipped in ../shared).
pub const GUM_GENRES: &[&str] = &["academic", "bio", "court", "interview", "news", "voyage"];

impl Corpora {
    /// Reads everything from the data folder (`../shared/data/nlp`).
    pub fn load(data: &Path) -> Result<Corpora, String> {
        let ewt = data.join("ud-english-ewt");
        let mut train = treebank(&ewt.join("en_ewt-ud-train.conllu"))?;
        for g in GUM_GENRES {
            train.extend(treebank(&data.join(format!("gum/gum-{g}.conllu")))?);
        }
        let uner = data.join("uner-english-ewt");
        let iob = |f: &str| -> Result<_, String> {
            parse_iob2(&read(&uner.join(f))?).map_err(|e| format!("{f}: {e}"))
        };
        Ok(Corpora {
            train,
            dev: treebank(&ewt.join("en_ewt-ud-dev.conllu"))?,
            test: treebank(&ewt.join("en_ewt-ud-test.conllu"))?,
            uner_dev: iob("en_ewt-ud-dev.iob2")?,
            uner_test: iob("en_ewt-ud-test.iob2")?,
        })
    }
}

fn forms(s: &TreeSentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

/// Replaces the tags of sentences by the tagger's (for training the parser on the tags it will see).
fn retag(sents: &[TreeSentence], tagger: &Tagger) -> Vec<TreeSentence> {
    sents
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let tags: Vec<(String, String)> = tagger
                .tag(&forms(&s))
                .into_iter()
                .map(|(u, x)| (u.to_string(), x.to_string()))
                .collect();
            for (w, (u, x)) in s.words.iter_mut().zip(tags) {
                w.upos = u;
                w.xpos = x;
            }
            s
        })
        .collect()
}

/// NER sentences from UNER IOB2 sentences, with the tagger's UPOS (as at run time).
pub fn ner_uner(sents: &[IobSentence], tagger: &Tagger) -> Vec<NerSentence> {
    sents
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            NerSentence {
                document: s.document.clone(),
                words: s.words.clone(),
                upos: tagger
                    .tag(&w)
                    .into_iter()
                    .map(|(u, _)| u.to_string())
                    .collect(),
                labels: s.labels.clone(),
            }
        })
        .collect()
}

/// NER sentences from GUM (every GUM sentence of the training treebanks), its person/place/organization
/// mentions converted to UNER's named-entity convention by [`gum_labels`], with the tagger's UPOS.
pub fn ner_gum(c: &Corpora, tagger: &Tagger, lexicon: &dyn NerLexicon) -> Vec<NerSentence> {
    c.train
        .iter()
        .filter(|s| s.id.starts_with("GUM_"))
        .map(|s| {
            let w = forms(s);
            NerSentence {
                document: document_of(&s.id).to_string(),
                words: w.iter().map(|x| x.to_string()).collect(),
                upos: tagger
                    .tag(&w)
                    .into_iter()
                    .map(|(u, _)| u.to_string())
                    .collect(),
                labels: gum_labels(s, lexicon),
            }
        })
        .collect()
}

/// Capitalisation statistics for NER from the unlabelled running text of the training treebanks (EWT train,
/// GUM). (Adding the ≈850,000 words of article text in ../shared/data/extraction did not change the
/// cross-validated F1.)
pub fn ner_word_case(c: &Corpora) -> WordCase {
    let sents: Vec<Vec<String>> = c
        .train
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    WordCase::count(sents.iter().map(Vec::as_slice))
}

/// How many times UNER EWT dev is given per epoch, against GUM once: UNER's own web text and conventions
/// count more (5 chosen by cross-validation on dev folds, `examples/ner_cv.rs`).
pub const NER_UNER_REPEAT: usize = 5;

/// Training data for NER: UNER EWT dev ([`NER_UNER_REPEAT`] times) and GUM (converted to UNER's convention).
fn ner_data(c: &Corpora, tagger: &Tagger, lexicon: &dyn NerLexicon) -> Vec<NerSentence> {
    let mut out = Vec::new();
    for _ in 0..NER_UNER_REPEAT {
        out.extend(ner_uner(&c.uner_dev, tagger));
    }
    out.extend(ner_gum(c, tagger, lexicon));
    out
}

/// Trains one component (`tagger`, `lemmatizer`, `parser`, `ner`) or `all`, writing into `out`.
/// Later components use the earlier ones' files in `out` (the parser and NER train on predicted tags).
pub fn train(
    component: &str,
    data: &Path,
    out: &Path,
    log: &mut dyn FnMut(String),
) -> Result<(), String> {
    let mut c = Corpora::load(data)?;
    // settings are chosen on EWT dev (examples/tagger_dev.rs, parser_dev.rs, ner_cv.rs); the shipped models then
    // learn from it too, as 12% more EWT text (test stays unseen)
    c.train.extend(c.dev.iter().cloned());
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, bytes: &[u8]| -> Result<PathBuf, String> {
        let p = out.join(name);
        std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        Ok(p)
    };
    let all = component == "all";
    let known = ["all", "tagger", "lemmatizer", "parser", "ner", "sentences"];
    if !known.contains(&component) {
        return Err(format!(
            "unknown component {component:?}: one of {}",
            known.join(", ")
        ));
    }
    if all || component == "tagger" {
        let t0 = Instant::now();
        let tagger = Tagger::train(&c.train, &TaggerConfig::default(), &mut |e, acc| {
            log(format!("tagger epoch {e}: train accuracy {acc:.2}"))
        });
        let p = write("tagger.bin", &tagger.to_bytes())?;
        log(format!(
            "tagger: {} in {:.0}s",
            p.display(),
            t0.elapsed().as_secs_f64()
        ));
    }
    if all || component == "sentences" {
        let t0 = Instant::now();
        let docs = raw_documents(&c.train);
        let model = BoundaryModel::train(&docs, &BoundaryConfig::default(), log);
        let p = write("sentences.bin", &model.to_bytes())?;
        log(format!(
            "sentences: {} ({} weights) in {:.0}s",
            p.display(),
            model.features(),
            t0.elapsed().as_secs_f64()
        ));
    }
    if all || component == "lemmatizer" {
        let p = write("lemmas.tsv", &Lemmatizer::train(&c.train).to_bytes())?;
        log(format!("lemmatizer: {}", p.display()));
    }
    let tagger = || -> Result<Tagger, String> {
        let b = std::fs::read(out.join("tagger.bin"))
            .map_err(|e| format!("train the tagger first: {e}"))?;
        Tagger::from_bytes(&b).map_err(|e| e.to_string())
    };
    if all || component == "parser" {
        // jackknifed tags: each quarter tagged by a tagger trained on the other three
        let t0 = Instant::now();
        let mut tagged = c.train.clone();
        const FOLDS: usize = 4;
        for fold in 0..FOLDS {
            let part: Vec<TreeSentence> = c
                .train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let t = Tagger::train(&part, &TaggerConfig::default(), &mut |_, _| {});
            let idx: Vec<usize> = (0..c.train.len()).filter(|i| i % FOLDS == fold).collect();
            let subset: Vec<TreeSentence> = idx.iter().map(|&i| c.train[i].clone()).collect();
            for (i, s) in idx.into_iter().zip(retag(&subset, &t)) {
                tagged[i] = s;
            }
            log(format!("parser: jackknife fold {} tagged", fold + 1));
        }
        // gold tags teach the attachments, the jackknifed copy teaches recovery from tagging errors
        let mut both = c.train.clone();
        both.extend(tagged);
        let config = ParserConfig {
            epochs: 6,
            ..ParserConfig::default()
        };
        let parser = Parser::train(&both, &config, &mut |e, uas| {
            log(format!("parser epoch {e}: train UAS {uas:.2}"))
        });
        let p = write("parser.bin", &parser.to_bytes())?;
        log(format!(
            "parser: {} in {:.0}s",
            p.display(),
            t0.elapsed().as_secs_f64()
        ));
    }
    if all || component == "ner" {
        let t0 = Instant::now();
        let tagger = tagger()?;
        let knowledge = Knowledge::builtin().map_err(|e| e.to_string())?;
        let case = ner_word_case(&c);
        let sentences = ner_data(&c, &tagger, &knowledge);
        let ner = Ner::train(
            &sentences,
            &knowledge,
            case,
            &NerConfig::default(),
            &mut |e, acc| log(format!("ner epoch {e}: train accuracy {acc:.2}")),
        );
        let p = write("ner.bin", &ner.to_bytes())?;
        log(format!(
            "ner: {} in {:.0}s",
            p.display(),
            t0.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

/// Figures printed by `petrel nlp-eval`.
#[derive(serde::Serialize)]
pub struct NlpReport {
    /// UPOS accuracy, EWT test, gold tokenization (%).
    pub upos: f64,
    /// XPOS accuracy (%).
    pub xpos: f64,
    /// Lemma accuracy with predicted tags (%).
    pub lemma: f64,
    /// Unlabeled attachment score with predicted tags, punctuation included (%).
    pub uas: f64,
    /// Labeled attachment score, full relation labels (%).
    pub las: f64,
    /// Entity F1 on UNER EWT test, exact span and type (%).
    pub ner_f1: f64,
    /// Sentence-boundary F1 on EWT test raw text (%).
    pub sentence_f1: f64,
    /// Tokenize + tag + parse + NER on raw EWT test text, one thread.
    pub tokens_per_s: f64,
    /// Model files on disk (MB).
    pub model_mb: f64,
    /// Time to load the models (ms).
    pub load_ms: f64,
}

fn pct(a: usize, b: usize) -> f64 {
    (1000.0 * a as f64 / b.max(1) as f64).round() / 10.0
}

/// The raw documents of a treebank: sentences joined by a space, a newline where a paragraph starts.
pub fn raw_documents(sents: &[TreeSentence]) -> Vec<(String, Vec<usize>)> {
    let mut docs: Vec<(String, Vec<usize>)> = Vec::new();
    for s in sents {
        if s.newdoc || docs.is_empty() {
            docs.push((String::new(), Vec::new()));
        }
        let (text, ends) = docs.last_mut().expect("pushed");
        if !text.is_empty() {
            text.push(if s.newpar { '\n' } else { ' ' });
        }
        text.push_str(&s.text);
        ends.push(text.chars().count());
    }
    docs
}

/// Measures the models against the test sets.
pub fn evaluate(
    data: &Path,
    models: &Models,
    model_bytes: usize,
    load_ms: f64,
    knowledge: &Knowledge,
) -> Result<NlpReport, String> {
    let c = Corpora::load(data)?;
    let (mut u, mut x, mut l, mut n) = (0, 0, 0, 0);
    let mut parses = Vec::new();
    for s in &c.test {
        let w = forms(s);
        let tags = models.tagger.tag(&w);
        for (word, (up, xp)) in s.words.iter().zip(&tags) {
            u += usize::from(word.upos == *up);
            x += usize::from(word.xpos == *xp);
            l += usize::from(word.lemma == models.lemmatizer.lemma(&word.form, xp));
            n += 1;
        }
        let upos: Vec<&str> = tags.iter().map(|t| t.0).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| t.1).collect();
        parses.push(models.parser.parse(&w, &upos, &xpos));
    }
    let (uas, las) = attachment_scores(&c.test, &parses);
    // NER
    let (mut tp, mut gold_n, mut pred_n) = (0, 0, 0);
    let mut by_type: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    let mut memory = NerMemory::new();
    for (k, s) in c.uner_test.iter().enumerate() {
        if k == 0 || c.uner_test[k - 1].document != s.document {
            memory = NerMemory::new();
        }
        let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let upos: Vec<&str> = models.tagger.tag(&w).into_iter().map(|t| t.0).collect();
        let pred = models
            .ner
            .tag_in_document(&w, &upos, knowledge, &mut memory);
        let g = spans(&s.labels.iter().map(String::as_str).collect::<Vec<_>>());
        let p = spans(&pred);
        tp += p.iter().filter(|s| g.contains(s)).count();
        gold_n += g.len();
        pred_n += p.len();
        for (a, b, ty) in &g {
            let e = by_type.entry(ty.clone()).or_insert((0, 0, 0));
            e.1 += 1;
            e.0 += usize::from(p.contains(&(*a, *b, ty.clone())));
        }
        for (_, _, ty) in &p {
            by_type.entry(ty.clone()).or_insert((0, 0, 0)).2 += 1;
        }
    }
    let (prec, rec) = (
        tp as f64 / pred_n.max(1) as f64,
        tp as f64 / gold_n.max(1) as f64,
    );
    for (ty, (ok, g, p)) in &by_type {
        eprintln!(
            "petrel: ner {ty}: precision {:.1} recall {:.1} ({g} gold, {p} predicted)",
            pct(*ok, *p),
            pct(*ok, *g)
        );
    }
    let ner_f1 = if prec + rec > 0.0 {
        (1000.0 * 2.0 * prec * rec / (prec + rec)).round() / 10.0
    } else {
        0.0
    };
    // sentences and speed on raw text
    let docs = raw_documents(&c.test);
    let (mut s_tp, mut s_gold, mut s_pred, mut tokens) = (0, 0, 0, 0);
    let t0 = Instant::now();
    for (text, gold_ends) in &docs {
        let mut doc = Document::new(Metadata::default(), text.clone());
        petrel_nlp::segment(&mut doc);
        models.annotate(&mut doc, knowledge);
        tokens += doc.tokens.len();
        let pred: Vec<usize> = doc.sentences.iter().map(|s| s.end).collect();
        s_tp += pred.iter().filter(|e| gold_ends.contains(e)).count();
        s_gold += gold_ends.len();
        s_pred += pred.len();
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    let (sp, sr) = (
        s_tp as f64 / s_pred.max(1) as f64,
        s_tp as f64 / s_gold.max(1) as f64,
    );
    Ok(NlpReport {
        upos: pct(u, n),
        xpos: pct(x, n),
        lemma: pct(l, n),
        uas: (uas * 10.0).round() / 10.0,
        las: (las * 10.0).round() / 10.0,
        ner_f1,
        sentence_f1: if sp + sr > 0.0 {
            (1000.0 * 2.0 * sp * sr / (sp + sr)).round() / 10.0
        } else {
            0.0
        },
        tokens_per_s: (tokens as f64 / secs).round(),
        model_mb: (model_bytes as f64 / 1e5).round() / 10.0,
        load_ms: (load_ms * 10.0).round() / 10.0,
    })
}
