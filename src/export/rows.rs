//! The rows every export renders, built once from `(store, query result)`: one struct per kind
//! of item, with a stable field order, ISO dates with their precision, canonical names, the
//! source document id and, for events, the evidence sentence.
//!
//! The serde shapes follow the `extract` contract where they overlap (`kind`, `date_start`,
//! `date_end`, `places`, `participants`, `name`, `evidence.start`/`end`; a document's `id`,
//! `path`, `title`, `pub_date`, `source`), so a JSON export reads like a slice of `extract`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{DatePrecision, EntityKind, EventKind, PartialDate};
use crate::query::QueryResult;
use crate::store::{DocIx, EntityId, MentionRef, Store};

use super::What;

/// Separator of list values (places, participants, aliases, document ids) in table cells.
pub const LIST_SEPARATOR: &str = "; ";

/// The passage an event was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of its first byte in the decoded document body.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The sentence(s): `body[start..end]`.
    pub text: String,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    /// The document it was read from (file stem).
    pub doc_id: String,
    /// Its kind (`delegation`, `forum` …).
    pub kind: EventKind,
    /// Start (or only) date, ISO with its precision (`2017`, `2017-05`, `2017-05-16`, `--05-16`).
    pub date_start: Option<PartialDate>,
    /// End date, when the text gives one.
    pub date_end: Option<PartialDate>,
    /// Precision of the start date (`year`, `month`, `day`); null when undated.
    pub precision: Option<DatePrecision>,
    /// Places (canonical names).
    pub places: Vec<String>,
    /// People and organisations (canonical names).
    pub participants: Vec<String>,
    /// Its proper name, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The evidence sentence and where it stands.
    pub evidence: Evidence,
}

/// One document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// The document id (file stem); `id` in JSON, as in `extract`.
    #[serde(rename = "id")]
    pub doc_id: String,
    /// Where it was read from.
    pub path: String,
    /// Its title line.
    pub title: String,
    /// Publication date, ISO with its precision.
    pub pub_date: Option<PartialDate>,
    /// The publisher named by a reuse notice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Distinct entities it mentions.
    pub entity_count: usize,
    /// Its events that pass the filter.
    pub event_count: usize,
}

/// One merged entity, counted over the matching documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRow {
    /// The merged name.
    pub canonical: String,
    /// `PER`, `ORG`, `LOC`, `DATE` or `SECTOR`.
    pub kind: EntityKind,
    /// Every surface form seen in the corpus, sorted (the canonical name included).
    pub aliases: Vec<String>,
    /// Mentions in the matching documents.
    pub mention_count: usize,
    /// Matching documents that mention it.
    pub doc_count: usize,
    /// Their ids, in store (path) order.
    pub doc_ids: Vec<String>,
}

/// The rows of one export. In JSON: `{"events": [...]}`, `{"documents": [...]}` or
/// `{"entities": [...]}`; in RON: `events([...])` and so on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rows {
    /// Matching documents, in store (path) order.
    Documents(Vec<DocumentRow>),
    /// Entities of the matching documents, most mentioned first, then by name.
    Entities(Vec<EntityRow>),
    /// Matching events, by date (undated last), then document, then position.
    Events(Vec<EventRow>),
}

impl Rows {
    /// The rows of `what` for a query result, in the result's order.
    pub fn build(store: &Store, result: &QueryResult, what: What) -> Rows {
        match what {
            What::Documents => Rows::Documents(document_rows(store, result)),
            What::Entities => Rows::Entities(entity_rows(store, result)),
            What::Events => Rows::Events(event_rows(store, result)),
        }
    }

    /// What these rows list.
    pub fn what(&self) -> What {
        match self {
            Rows::Documents(_) => What::Documents,
            Rows::Entities(_) => What::Entities,
            Rows::Events(_) => What::Events,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::Documents(rows) => rows.len(),
            Rows::Entities(rows) => rows.len(),
            Rows::Events(rows) => rows.len(),
        }
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Column names of the table formats (CSV, Markdown, HTML), in field order.
    pub fn columns(&self) -> &'static [&'static str] {
        match self {
            Rows::Documents(_) => &DOCUMENT_COLUMNS,
            Rows::Entities(_) => &ENTITY_COLUMNS,
            Rows::Events(_) => &EVENT_COLUMNS,
        }
    }

    /// Every row as text cells matching [`Rows::columns`]: dates in ISO form, lists joined
    /// with [`LIST_SEPARATOR`], missing values empty.
    pub fn cells(&self) -> Vec<Vec<String>> {
        match self {
            Rows::Documents(rows) => rows.iter().map(DocumentRow::cells).collect(),
            Rows::Entities(rows) => rows.iter().map(EntityRow::cells).collect(),
            Rows::Events(rows) => rows.iter().map(EventRow::cells).collect(),
        }
    }
}

/// Table columns of [`EventRow`].
pub const EVENT_COLUMNS: [&str; 9] = [
    "doc_id",
    "kind",
    "date_start",
    "date_end",
    "precision",
    "places",
    "participants",
    "name",
    "evidence",
];

/// Table columns of [`DocumentRow`].
pub const DOCUMENT_COLUMNS: [&str; 7] = [
    "doc_id",
    "path",
    "title",
    "pub_date",
    "source",
    "entity_count",
    "event_count",
];

/// Table columns of [`EntityRow`].
pub const ENTITY_COLUMNS: [&str; 6] = [
    "canonical",
    "kind",
    "aliases",
    "mention_count",
    "doc_count",
    "doc_ids",
];

fn iso(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_iso()).unwrap_or_default()
}

/// The contract's name of a precision: `year`, `month`, `day`.
pub fn precision_code(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Year => "year",
        DatePrecision::Month => "month",
        DatePrecision::Day => "day",
    }
}

impl EventRow {
    /// Text cells in [`EVENT_COLUMNS`] order (the evidence as its text).
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.doc_id.clone(),
            self.kind.code().to_owned(),
            iso(self.date_start),
            iso(self.date_end),
            self.precision
                .map(precision_code)
                .unwrap_or_default()
                .to_owned(),
            self.places.join(LIST_SEPARATOR),
            self.participants.join(LIST_SEPARATOR),
            self.name.clone().unwrap_or_default(),
            self.evidence.text.clone(),
        ]
    }
}

impl DocumentRow {
    /// Text cells in [`DOCUMENT_COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.doc_id.clone(),
            self.path.clone(),
            self.title.clone(),
            iso(self.pub_date),
            self.source.clone().unwrap_or_default(),
            self.entity_count.to_string(),
            self.event_count.to_string(),
        ]
    }
}

impl EntityRow {
    /// Text cells in [`ENTITY_COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.canonical.clone(),
            self.kind.code().to_owned(),
            self.aliases.join(LIST_SEPARATOR),
            self.mention_count.to_string(),
            self.doc_count.to_string(),
            self.doc_ids.join(LIST_SEPARATOR),
        ]
    }
}

fn event_rows(store: &Store, result: &QueryResult) -> Vec<EventRow> {
    result
        .events
        .iter()
        .filter_map(|&event_ref| {
            let analysed = store.doc(event_ref.doc())?;
            let event = store.event(event_ref)?;
            Some(EventRow {
                doc_id: analysed.doc.doc_id.clone(),
                kind: event.kind,
                date_start: event.date_start,
                date_end: event.date_end,
                precision: event.date_start.map(|d| d.precision()),
                places: event.places.iter().map(|p| p.to_string()).collect(),
                participants: event.participants.iter().map(|p| p.to_string()).collect(),
                name: event.name.clone(),
                evidence: Evidence {
                    start: event.evidence.start(),
                    end: event.evidence.end(),
                    text: event.evidence.text(&analysed.doc.body).to_owned(),
                },
            })
        })
        .collect()
}

/// The distinct entities mentioned in one document, in first-mention order.
fn entities_of_doc(store: &Store, doc: DocIx) -> Vec<EntityId> {
    let Some(analysed) = store.doc(doc) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for mention in 0..analysed.analysis.mentions.len() {
        if let Some(id) = store.entity_of_mention(MentionRef { doc, mention })
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

fn document_rows(store: &Store, result: &QueryResult) -> Vec<DocumentRow> {
    let mut event_counts: HashMap<DocIx, usize> = HashMap::new();
    for event_ref in &result.events {
        *event_counts.entry(event_ref.doc()).or_default() += 1;
    }
    result
        .docs
        .iter()
        .filter_map(|&doc_ix| {
            let doc = &store.doc(doc_ix)?.doc;
            Some(DocumentRow {
                doc_id: doc.doc_id.clone(),
                path: doc.path.display().to_string(),
                title: doc.title.clone(),
                pub_date: doc.pub_date,
                source: doc.source.clone(),
                entity_count: entities_of_doc(store, doc_ix).len(),
                event_count: event_counts.get(&doc_ix).copied().unwrap_or(0),
            })
        })
        .collect()
}

fn entity_rows(store: &Store, result: &QueryResult) -> Vec<EntityRow> {
    // (mentions, documents) of each entity within the matching documents.
    let mut counts: HashMap<EntityId, (usize, Vec<DocIx>)> = HashMap::new();
    for &doc in &result.docs {
        let Some(analysed) = store.doc(doc) else {
            continue;
        };
        for mention in 0..analysed.analysis.mentions.len() {
            let Some(id) = store.entity_of_mention(MentionRef { doc, mention }) else {
                continue;
            };
            let (mentions, docs) = counts.entry(id).or_default();
            *mentions += 1;
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
    }
    result
        .entities
        .iter()
        .filter_map(|&entity_id| {
            let entity = store.entity(entity_id)?;
            let (mention_count, docs) = counts.get(&entity_id).cloned().unwrap_or_default();
            let doc_ids: Vec<String> = docs
                .iter()
                .filter_map(|&d| store.doc(d).map(|a| a.doc.doc_id.clone()))
                .collect();
            Some(EntityRow {
                canonical: entity.canonical.clone(),
                kind: entity.kind,
                aliases: entity.aliases.clone(),
                mention_count,
                doc_count: doc_ids.len(),
                doc_ids,
            })
        })
        .collect()
}

/// Hand-made rows and stores with awkward content, for the format modules' tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use crate::model::{AnalysedDoc, Analysis, Document, Event, Mention, Span};

    /// A tiny store: two documents, three events (one dated span, one month, one year-less)
    /// with text that tries formula injection, pipes, newlines, markup and long lines.
    pub(crate) fn store() -> Store {
        let body_a = "=HYPERLINK(\"http://x\") Forum | à Moscou; avec la CCI, le 16 mai 2017.\n\
                      <script>alert(1)</script> Jean Dupont y était & « content ».";
        let body_b = "Délégation de Kazan à Lyon en octobre, puis visite.";
        let mention = |body: &str, text: &str, kind, canonical: &str| {
            let start = body.find(text).unwrap();
            Mention {
                span: Span::new(start, start + text.len()),
                kind,
                canonical: canonical.into(),
            }
        };
        let mut doc_a = Document::from_text("doc-a", body_a);
        doc_a.title = "-Titre | avec pipe".to_owned();
        doc_a.pub_date = PartialDate::parse_iso("2017-05");
        let doc_b = Document::from_text("doc-b", body_b);
        Store::build(
            vec![
                AnalysedDoc {
                    doc: doc_a,
                    analysis: Analysis {
                        mentions: vec![
                            mention(body_a, "Moscou", EntityKind::Place, "Moscou"),
                            mention(body_a, "CCI", EntityKind::Organisation, "CCI France Russie"),
                            mention(body_a, "Jean Dupont", EntityKind::Person, "Jean Dupont"),
                        ],
                        events: vec![Event {
                            kind: EventKind::Forum,
                            date_start: PartialDate::parse_iso("2017-05-16"),
                            date_end: PartialDate::parse_iso("2017-05-17"),
                            places: vec!["Moscou".into()],
                            participants: vec!["CCI France Russie".into(), "Jean Dupont".into()],
                            evidence: Span::new(0, body_a.len()),
                            name: Some("@Forum, \"franco-russe\"; édition 1".into()),
                        }],
                    },
                },
                AnalysedDoc {
                    doc: doc_b,
                    analysis: Analysis {
                        mentions: vec![
                            mention(body_b, "Kazan", EntityKind::Place, "Kazan"),
                            mention(body_b, "Lyon", EntityKind::Place, "Lyon"),
                        ],
                        events: vec![
                            Event {
                                kind: EventKind::Delegation,
                                date_start: PartialDate::parse_iso("2019-10"),
                                date_end: None,
                                places: vec!["Kazan".into(), "Lyon".into()],
                                participants: vec![],
                                evidence: Span::new(0, body_b.find(',').unwrap()),
                                name: None,
                            },
                            Event {
                                kind: EventKind::Visit,
                                date_start: PartialDate::parse_iso("--10"),
                                date_end: None,
                                places: vec![],
                                participants: vec![],
                                evidence: Span::new(body_b.find("puis").unwrap(), body_b.len()),
                                name: None,
                            },
                        ],
                    },
                },
            ],
            Vec::new(),
        )
    }

    /// Every row of `what` in [`store`].
    pub(crate) fn rows(what: What) -> Rows {
        let store = store();
        let result = crate::query::run(&store, &crate::query::Filter::default());
        Rows::build(&store, &result, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Filter, run};

    #[test]
    fn event_rows_carry_document_dates_precision_and_evidence() {
        let Rows::Events(events) = fixtures::rows(What::Events) else {
            panic!("not events");
        };
        assert_eq!(events.len(), 3);
        let forum = &events[0];
        assert_eq!(forum.doc_id, "doc-a");
        assert_eq!(forum.precision, Some(DatePrecision::Day));
        assert!(forum.evidence.text.starts_with("=HYPERLINK"));
        assert_eq!(events[1].precision, Some(DatePrecision::Month));
        assert_eq!(
            events[2].date_start.map(|d| d.to_iso()),
            Some("--10".into())
        );
        let cells = forum.cells();
        assert_eq!(cells.len(), EVENT_COLUMNS.len());
        assert_eq!(cells[2], "2017-05-16");
        assert_eq!(cells[6], "CCI France Russie; Jean Dupont");
    }

    #[test]
    fn document_and_entity_rows_count_within_the_result() {
        let store = fixtures::store();
        let filter = Filter {
            text: "moscou".into(),
            ..Filter::default()
        };
        let result = run(&store, &filter);
        let Rows::Documents(docs) = Rows::build(&store, &result, What::Documents) else {
            panic!("not documents");
        };
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].doc_id, "doc-a");
        assert_eq!(docs[0].entity_count, 3);
        assert_eq!(docs[0].event_count, 1);
        assert_eq!(docs[0].pub_date.map(|d| d.to_iso()), Some("2017-05".into()));
        let Rows::Entities(entities) = Rows::build(&store, &result, What::Entities) else {
            panic!("not entities");
        };
        assert_eq!(entities.len(), 3);
        assert!(entities.iter().all(|e| e.doc_ids == ["doc-a"]));
        assert!(
            entities
                .iter()
                .all(|e| e.mention_count == 1 && e.doc_count == 1)
        );
        let everything = run(&store, &Filter::default());
        assert_eq!(Rows::build(&store, &everything, What::Entities).len(), 5);
    }
}
