//! The `extract` JSON shapes of the contract (`DESIGN.md`): what `passerelle extract` prints
//! and what the JSON export reuses where they overlap.

use serde::{Deserialize, Serialize};

use crate::model::{AnalysedDoc, EntityKind, EventKind, PartialDate, Span};
use crate::store::Store;

/// The whole output: one entry per document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractOutput {
    /// Documents in path order.
    pub documents: Vec<DocumentOut>,
}

/// One document's analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentOut {
    /// File stem.
    pub id: String,
    /// Path as given (or `assets/corpus/…` for the bundled corpus).
    pub path: String,
    /// Title line.
    pub title: String,
    /// Publication date with its precision, or null.
    pub pub_date: Option<PartialDate>,
    /// Publisher named by a reuse notice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// One item per mention.
    pub entities: Vec<EntityOut>,
    /// Events read from the text.
    pub events: Vec<EventOut>,
}

/// One mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    /// `body[start..end]`.
    pub text: String,
    /// PER, ORG, LOC, DATE or SECTOR.
    pub kind: EntityKind,
    /// The merged name.
    pub canonical: String,
    /// Byte offset of the first byte in the decoded body.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventOut {
    /// Event kind.
    pub kind: EventKind,
    /// Start date with its precision.
    pub date_start: Option<PartialDate>,
    /// End date with its precision.
    pub date_end: Option<PartialDate>,
    /// Places (canonical names).
    pub places: Vec<String>,
    /// People and organisations (canonical names).
    pub participants: Vec<String>,
    /// The sentence(s) it was read from.
    pub evidence: Span,
    /// Its proper name, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl ExtractOutput {
    /// Everything in the store in the contract's shape, serialized one document at a time
    /// as it is written (the whole output is never in memory); it reads back as an
    /// [`ExtractOutput`].
    pub fn streamed(store: &Store) -> impl Serialize + '_ {
        Streamed(store)
    }
}

/// [`ExtractOutput`] of a store, built document by document while it is serialized.
struct Streamed<'a>(&'a Store);

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Documents<'a>(&'a Store);
        impl Serialize for Documents<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.docs().iter().map(DocumentOut::of))
            }
        }
        let mut output = serializer.serialize_struct("ExtractOutput", 1)?;
        output.serialize_field("documents", &Documents(self.0))?;
        output.end()
    }
}

impl DocumentOut {
    /// One analysed document in the contract's shape.
    pub fn of(analysed: &AnalysedDoc) -> Self {
        let doc = &analysed.doc;
        DocumentOut {
            id: doc.doc_id.clone(),
            path: doc.path.display().to_string(),
            title: doc.title.clone(),
            pub_date: doc.pub_date,
            source: doc.source.clone(),
            entities: analysed
                .analysis
                .mentions
                .iter()
                .map(|m| EntityOut {
                    text: m.span.text(&doc.body).to_owned(),
                    kind: m.kind,
                    canonical: m.canonical.to_string(),
                    start: m.span.start(),
                    end: m.span.end(),
                })
                .collect(),
            events: analysed
                .analysis
                .events
                .iter()
                .map(|e| EventOut {
                    kind: e.kind,
                    date_start: e.date_start,
                    date_end: e.date_end,
                    places: e.places.iter().map(|p| p.to_string()).collect(),
                    participants: e.participants.iter().map(|p| p.to_string()).collect(),
                    evidence: e.evidence,
                    name: e.name.clone(),
                })
                .collect(),
        }
    }
}
