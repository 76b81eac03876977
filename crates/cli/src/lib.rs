//! The petrel pipeline: the stages in order, over shared knowledge.
//!
//! ingest (outside: [`petrel_ingest`]) → segment → dates → counts → places → actors → quotes → events.

#![warn(missing_docs)]

pub mod bench;

use petrel_coding::{ActorStage, EventStage, QuoteStage};
use petrel_core::{Document, Stage};
use petrel_geo::PlaceTagger;
use petrel_knowledge::{DictError, Knowledge};
use petrel_nlp::Segmenter;
use petrel_quantity::CountTagger;
use petrel_time::DateTagger;
use std::path::PathBuf;
use std::sync::Arc;

/// The stages that turn a cleaned document into an annotated, coded one.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    /// The knowledge the stages share.
    pub knowledge: Arc<Knowledge>,
}

impl Pipeline {
    /// The default pipeline over the given knowledge.
    pub fn new(knowledge: Arc<Knowledge>) -> Pipeline {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Segmenter),
            Box::new(DateTagger),
            Box::new(CountTagger),
            Box::new(PlaceTagger::new(knowledge.clone())),
            Box::new(ActorStage::new(knowledge.clone())),
            Box::new(QuoteStage),
            Box::new(EventStage::new(knowledge.clone())),
        ];
        Pipeline { stages, knowledge }
    }

    /// Loads the built-in dictionaries plus user files (`--dict`), then builds the pipeline.
    pub fn with_dicts(dicts: &[PathBuf]) -> Result<Pipeline, DictError> {
        let mut extra = Vec::new();
        for p in dicts {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| DictError {
                file: name.clone(),
                line: 0,
                message: format!("cannot read: {e}"),
            })?;
            extra.push((name, text));
        }
        Ok(Pipeline::new(Arc::new(Knowledge::load(&extra)?)))
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
