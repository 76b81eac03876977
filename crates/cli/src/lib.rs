//! The petrel pipeline: the stages in order, over shared knowledge.
//!
//! ingest (outside: [`petrel_ingest`]) → segment → syntax → dates → counts → places → actors → quotes → events.

#![warn(missing_docs)]

pub mod bench;
pub mod bench_extract;
pub mod bench_knowledge;
#[cfg(feature = "store")]
pub mod bench_serve;
pub mod eval;
pub mod extract;
pub mod fuzz;
pub mod lookup;
pub mod nlp_train;
pub mod progress;
#[cfg(feature = "store")]
pub mod serve_cmd;
#[cfg(feature = "store")]
pub mod store_bench;
#[cfg(feature = "store")]
pub mod store_cmd;
pub mod window;

use petrel_coding::{ActorStage, EventStage, QuoteStage};
use petrel_core::{Document, Stage};
use petrel_geo::PlaceTagger;
use petrel_knowledge::Knowledge;
use petrel_nlp::models::SyntaxStage;
use petrel_nlp::{Models, Segmenter};
use petrel_quantity::CountTagger;
use petrel_time::DateTagger;
use std::path::PathBuf;
use std::sync::Arc;

/// Name of a kind of removed site shell, as `petrel annotate` writes it.
pub fn removal_name(r: petrel_ingest::Removal) -> &'static str {
    use petrel_ingest::Removal;
    match r {
        Removal::Navigation => "navigation",
        Removal::Chrome => "chrome",
        Removal::Repeated => "repeated",
        Removal::Footer => "footer",
    }
}

/// One line of `petrel annotate`: the coded document's layers, its id as `doc` and the `removed` site shell
/// with the reasons.
pub fn annotation_json(
    doc: &Document,
    removed: &[(String, petrel_ingest::Removal)],
) -> serde_json::Result<serde_json::Value> {
    let mut v = serde_json::to_value(doc)?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("doc".into(), doc.meta.id.clone().into());
        let removed: Vec<serde_json::Value> = removed
            .iter()
            .map(|(text, why)| serde_json::json!({"text": text, "reason": removal_name(*why)}))
            .collect();
        obj.insert("removed".into(), removed.into());
    }
    Ok(v)
}

/// The stages that turn a cleaned document into an annotated, coded one.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    /// The knowledge the stages share.
    pub knowledge: Arc<Knowledge>,
}

impl Pipeline {
    /// The default pipeline over the given knowledge and, when given, the statistical NLP models (without
    /// them the coder works from word order alone).
    pub fn new(knowledge: Arc<Knowledge>, models: Option<Arc<Models>>) -> Pipeline {
        let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(Segmenter)];
        if let Some(models) = models {
            stages.push(Box::new(SyntaxStage::new(models, knowledge.clone())));
        }
        stages.extend::<Vec<Box<dyn Stage>>>(vec![
            Box::new(DateTagger),
            Box::new(CountTagger),
            Box::new(PlaceTagger::new(knowledge.clone())),
            Box::new(ActorStage::new(knowledge.clone())),
            Box::new(QuoteStage),
            Box::new(EventStage::new(knowledge.clone())),
        ]);
        Pipeline { stages, knowledge }
    }

    /// The built-in dictionaries and models.
    pub fn builtin() -> Result<Pipeline, String> {
        Pipeline::with_dicts(&[])
    }

    /// Loads the built-in dictionaries plus user files (`--dict`) and the built-in models, then builds the
    /// pipeline. Errors name the file (and line, for dictionaries).
    pub fn with_dicts(dicts: &[PathBuf]) -> Result<Pipeline, String> {
        let mut extra = Vec::new();
        for p in dicts {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("dictionary {name}: cannot read: {e}"))?;
            extra.push((name, text));
        }
        let knowledge = Knowledge::load(&extra).map_err(|e| format!("dictionary {e}"))?;
        let models = Models::builtin().map_err(|e| format!("built-in model {e}"))?;
        Ok(Pipeline::new(Arc::new(knowledge), Some(Arc::new(models))))
    }

    /// Runs every stage on the document.
    pub fn run(&self, doc: &mut Document) {
        for s in &self.stages {
            s.process(doc);
        }
    }

    /// Names of the stages in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}
