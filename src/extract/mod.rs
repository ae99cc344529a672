//! Extraction: people, organisations, places, dates and cooperation events from French text,
//! with rules, gazetteers (`assets/lexicon/*.ron`) and a date grammar. No model, no network.

use crate::model::{AnalysedDoc, Analysis, Document};

/// Bumped whenever extraction output may change (keys on-disk caches).
pub const EXTRACTOR_VERSION: u32 = 1;

/// Errors building the extractor (a lexicon that does not parse).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A lexicon file is not valid RON for its schema.
    #[error("lexicon {name}: {reason}")]
    Parse {
        /// The lexicon file name.
        name: String,
        /// What the parser said.
        reason: String,
    },
}

/// The extractor: lexicons and automata built once, then shared (it is `Send + Sync`).
#[derive(Debug, Default)]
pub struct Extractor {}

impl Extractor {
    /// Builds the extractor from the lexicons embedded in the binary.
    pub fn new() -> Result<Self, LexiconError> {
        Ok(Self {})
    }

    /// Analyses one document: mentions (sorted, non-overlapping, outside boilerplate) and events.
    pub fn analyse(&self, _doc: &Document) -> Analysis {
        Analysis::default()
    }
}

/// Cross-document alias merging: gives every mention of one referent the same canonical name
/// across the corpus (e.g. "Poutine" alone in one article, "Vladimir Poutine" in another).
pub fn link_corpus(_docs: &mut [AnalysedDoc]) {}
