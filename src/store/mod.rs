//! The shared store: every document with its analysis, the merged entities and the indexes
//! the panes and exports read (entity → mentions and documents, events by date, a folded
//! word index for accent- and case-insensitive search). Built once, then shared as `Arc`.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::corpus::LoadWarning;
use crate::corrections::{ApplyReport, Corrections};
use crate::model::{
    AnalysedDoc, Analysis, DatePrecision, EntityKind, Event, EventKind, Mention, Name,
    NameInterner, PartialDate,
};
use crate::text::fold;

mod words;

pub use words::WordIndex;
use words::{MAX_WORD_BYTES, for_each_word, truncate};

/// Index of a document in [`Store::docs`].
pub type DocIx = usize;

/// Identifies a merged entity in [`Store::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

/// Points at one event: document index and position in that document's event list. Two
/// `u32`s: a corpus holds close to a million of them, in the store and in each view of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventRef {
    doc: u32,
    event: u32,
}

impl EventRef {
    /// The `event`th event of document `doc` (indexes past `u32::MAX` saturate and then
    /// point at nothing).
    pub fn new(doc: DocIx, event: usize) -> Self {
        Self {
            doc: u32::try_from(doc).unwrap_or(u32::MAX),
            event: u32::try_from(event).unwrap_or(u32::MAX),
        }
    }

    /// The document.
    pub fn doc(self) -> DocIx {
        self.doc as usize
    }

    /// Index into the document's `analysis.events`.
    pub fn event(self) -> usize {
        self.event as usize
    }
}

/// Points at one mention: document index and position in that document's mention list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentionRef {
    /// The document.
    pub doc: DocIx,
    /// Index into its `analysis.mentions`.
    pub mention: usize,
}

/// One referent with everything known about it across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its id.
    pub entity_id: EntityId,
    /// Its type.
    pub kind: EntityKind,
    /// The merged name.
    pub canonical: String,
    /// Distinct surface forms seen, sorted (the canonical name included).
    pub aliases: Vec<String>,
    /// Number of mentions.
    pub mention_count: usize,
    /// Number of documents mentioning it.
    pub doc_count: usize,
}

/// Documents, analyses and indexes. Read-only once built.
#[derive(Debug, Default)]
pub struct Store {
    docs: Vec<AnalysedDoc>,
    entities: Vec<Entity>,
    entity_by_alias: HashMap<String, Vec<EntityId>>,
    mention_entities: Vec<Vec<EntityId>>,
    docs_by_entity: Vec<Vec<DocIx>>,
    events: Vec<EventRef>,
    /// Kind and day range of each event, parallel to `events` (for fast filtering).
    event_info: Vec<EventInfo>,
    words: Arc<WordIndex>,
    /// Document indexes sorted by (doc id, index), for [`Store::doc_by_id`].
    doc_ids_sorted: Vec<u32>,
    /// Distinct entities of each document with their mention counts, flattened:
    /// document `d` owns `doc_entity_counts[doc_entity_offsets[d]..doc_entity_offsets[d + 1]]`.
    doc_entity_offsets: Vec<u32>,
    doc_entity_counts: Vec<(EntityId, u32)>,
    /// Rank of each entity when sorted by (canonical name, id).
    entity_name_rank: Vec<u32>,
    /// Every entity, most mentioned first, then by name (what an empty filter lists).
    entities_by_mentions: Vec<EntityId>,
    warnings: Vec<LoadWarning>,
    total_bytes: u64,
    /// The analyses before corrections (kept only when asked, for the GUI, which re-applies
    /// corrections after each edit without re-reading files).
    raw_analyses: RawAnalyses,
    /// What applying the corrections did.
    correction_report: ApplyReport,
}

/// A copy of the documents' analyses, parallel to them.
fn analyses_of(docs: &[AnalysedDoc]) -> Arc<Vec<Analysis>> {
    Arc::new(docs.iter().map(|d| d.analysis.clone()).collect())
}

/// Where a store finds its analyses before corrections.
#[derive(Debug, Default)]
enum RawAnalyses {
    /// Not kept: [`Store::rebuild_with`] cannot work.
    #[default]
    Absent,
    /// The documents' own analyses: no correction is applied (no copy is needed).
    InDocs,
    /// A copy, parallel to the documents.
    Kept(Arc<Vec<Analysis>>),
}

/// What the query needs of an event without touching the document: its kind and, when it
/// has a year, the first and last day it can denote (days from the common era).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EventInfo {
    /// The event's kind.
    pub(crate) kind: EventKind,
    /// `(first day, last day)`, `None` when undated or year-less.
    pub(crate) days: Option<(i32, i32)>,
    /// The precision of its start date (year when undated).
    pub(crate) precision: DatePrecision,
}

impl EventInfo {
    pub(crate) fn of(event: &Event) -> Self {
        let start = event.date_start.and_then(|d| d.first_day());
        let end = event
            .date_end
            .and_then(|d| d.last_day())
            .or_else(|| event.date_start.and_then(|d| d.last_day()));
        let days = match (start, end) {
            (Some(start), Some(end)) => {
                Some((start.num_days_from_ce(), end.max(start).num_days_from_ce()))
            }
            _ => None,
        };
        Self {
            kind: event.kind,
            days,
            precision: event
                .date_start
                .map_or(DatePrecision::Year, |d| d.precision()),
        }
    }
}

/// Analysed documents ready for a [`Store`]: sorted by path, their names linked across the
/// corpus ([`crate::extract::link_corpus`]), with their word index. This is what the startup
/// cache saves: a warm start builds the store from it without linking or indexing words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkedDocs {
    docs: Vec<AnalysedDoc>,
    words: Arc<WordIndex>,
}

impl LinkedDocs {
    /// Sorts the documents by path, links their names and indexes their words.
    pub fn new(mut docs: Vec<AnalysedDoc>) -> Self {
        docs.par_sort_by(|a, b| {
            a.doc
                .path
                .cmp(&b.doc.path)
                .then_with(|| a.doc.doc_id.cmp(&b.doc.doc_id))
        });
        crate::extract::link_corpus(&mut docs);
        share_names(&mut docs);
        let words = Arc::new(WordIndex::build(&docs));
        Self { docs, words }
    }

    /// Documents and an index saved together by [`LinkedDocs::into_parts`]; `None` when the
    /// index is not well formed (a damaged cache).
    pub fn from_parts(docs: Vec<AnalysedDoc>, words: WordIndex) -> Option<Self> {
        words.is_well_formed().then(|| Self {
            docs,
            words: Arc::new(words),
        })
    }

    /// The documents, in store order.
    pub fn docs(&self) -> &[AnalysedDoc] {
        &self.docs
    }

    /// The word index.
    pub fn words(&self) -> &WordIndex {
        &self.words
    }

    /// The documents and the index (see [`LinkedDocs::from_parts`]).
    pub fn into_parts(self) -> (Vec<AnalysedDoc>, Arc<WordIndex>) {
        (self.docs, self.words)
    }
}

impl Store {
    /// Builds the store: sorts documents by path, merges aliases across the corpus
    /// ([`crate::extract::link_corpus`]) and builds every index.
    pub fn build(docs: Vec<AnalysedDoc>, warnings: Vec<LoadWarning>) -> Self {
        Self::from_linked(LinkedDocs::new(docs), warnings, None, false)
    }

    /// A store from linked documents, with the researcher's corrections applied (see
    /// [`crate::corrections`]). With `keep_raw`, the analyses before corrections are kept so
    /// that [`Store::rebuild_with`] can re-apply edited corrections.
    pub fn from_linked(
        linked: LinkedDocs,
        warnings: Vec<LoadWarning>,
        corrections: Option<&Corrections>,
        keep_raw: bool,
    ) -> Self {
        let (mut docs, words) = linked.into_parts();
        let raw_analyses = match corrections {
            _ if !keep_raw => RawAnalyses::Absent,
            Some(c) if !c.is_empty() => RawAnalyses::Kept(analyses_of(&docs)),
            _ => RawAnalyses::InDocs,
        };
        let correction_report = corrections
            .map(|c| crate::corrections::apply(c, &mut docs))
            .unwrap_or_default();
        let mut store = Self::index(docs, words, warnings);
        store.raw_analyses = raw_analyses;
        store.correction_report = correction_report;
        store
    }

    /// A new store from this one's documents with their analyses before corrections and
    /// `corrections` applied (the files are not read again, nor re-analysed). `None` when
    /// the store was built without keeping the raw analyses.
    pub fn rebuild_with(&self, corrections: &Corrections) -> Option<Self> {
        // `None`: the documents' own analyses are the raw ones
        let kept = match &self.raw_analyses {
            RawAnalyses::Absent => return None,
            RawAnalyses::InDocs => None,
            RawAnalyses::Kept(raw) => Some(Arc::clone(raw)),
        };
        let mut docs: Vec<AnalysedDoc> = match &kept {
            Some(raw) => self
                .docs
                .iter()
                .zip(raw.iter())
                .map(|(d, analysis)| AnalysedDoc {
                    doc: d.doc.clone(),
                    analysis: analysis.clone(),
                })
                .collect(),
            None => self.docs.clone(),
        };
        let correction_report = crate::corrections::apply(corrections, &mut docs);
        let mut store = Self::index(docs, Arc::clone(&self.words), self.warnings.clone());
        store.raw_analyses = if corrections.is_empty() {
            RawAnalyses::InDocs
        } else {
            RawAnalyses::Kept(kept.unwrap_or_else(|| analyses_of(&self.docs)))
        };
        store.correction_report = correction_report;
        Some(store)
    }

    /// Builds every index over documents already sorted and linked, with their word index.
    fn index(docs: Vec<AnalysedDoc>, words: Arc<WordIndex>, warnings: Vec<LoadWarning>) -> Self {
        let mut store = Store {
            words,
            warnings,
            ..Store::default()
        };
        let ((events, event_info), doc_ids_sorted) = rayon::join(
            || rayon::join(|| index_events(&docs), || doc_ids_sorted(&docs)),
            || store.index_entities(&docs),
        )
        .0;
        store.events = events;
        store.event_info = event_info;
        store.doc_ids_sorted = doc_ids_sorted;
        store.total_bytes = docs.iter().map(|d| d.doc.file_bytes).sum();
        store.docs = docs;
        store
    }

    fn index_entities(&mut self, docs: &[AnalysedDoc]) {
        // canonical name as written → entity id per kind; folds only on a miss
        let mut by_canonical: FxHashMap<Name, [Option<EntityId>; EntityKind::ALL.len()]> =
            FxHashMap::default();
        let mut entity_by_key: FxHashMap<(EntityKind, String), EntityId> = FxHashMap::default();
        self.mention_entities.reserve(docs.len());
        for analysed in docs {
            self.index_mentions(analysed, &mut by_canonical, &mut entity_by_key);
        }
        for entity in &mut self.entities {
            entity.aliases.sort();
            entity.aliases.dedup();
        }
        self.count_entities_per_doc();
        self.index_by_entity();
        let mut by_name: Vec<EntityId> = self.entities.iter().map(|e| e.entity_id).collect();
        by_name.par_sort_by(|a, b| {
            let name = |id: &EntityId| {
                self.entities
                    .get(id.0 as usize)
                    .map_or("", |e| e.canonical.as_str())
            };
            name(a).cmp(name(b)).then(a.cmp(b))
        });
        self.entity_name_rank = vec![0; self.entities.len()];
        for (rank, id) in by_name.iter().enumerate() {
            if let Some(slot) = self.entity_name_rank.get_mut(id.0 as usize) {
                *slot = u32::try_from(rank).unwrap_or(u32::MAX);
            }
        }
        let mut by_mentions = by_name;
        by_mentions.par_sort_by_key(|id| {
            let count = self
                .entities
                .get(id.0 as usize)
                .map_or(0, |e| e.mention_count);
            (std::cmp::Reverse(count), self.entity_rank(*id))
        });
        self.entities_by_mentions = by_mentions;
    }

    /// The distinct entities of each document with their mention counts (for fast facet
    /// counts under a filter), flattened at their exact size: a first pass counts them.
    fn count_entities_per_doc(&mut self) {
        let distinct: Vec<u32> = self
            .mention_entities
            .par_iter()
            .map_init(Vec::new, |sorted, ids| {
                let n = entity_counts(ids, sorted).count();
                u32::try_from(n).unwrap_or(u32::MAX)
            })
            .collect();
        self.doc_entity_offsets = Vec::with_capacity(distinct.len() + 1);
        self.doc_entity_offsets.push(0);
        let mut total = 0u32;
        for n in distinct {
            total = total.saturating_add(n);
            self.doc_entity_offsets.push(total);
        }
        self.doc_entity_counts = Vec::with_capacity(total as usize);
        let mut sorted = Vec::new();
        for ids in &self.mention_entities {
            self.doc_entity_counts
                .extend(entity_counts(ids, &mut sorted));
        }
    }

    /// Each entity's documents, in order, each list allocated at its exact size.
    fn index_by_entity(&mut self) {
        let mut doc_counts = vec![0usize; self.entities.len()];
        for &(id, _) in &self.doc_entity_counts {
            if let Some(c) = doc_counts.get_mut(id.0 as usize) {
                *c += 1;
            }
        }
        let mut docs_by_entity: Vec<Vec<DocIx>> =
            doc_counts.iter().map(|&c| Vec::with_capacity(c)).collect();
        for doc in 0..self.mention_entities.len() {
            for &(id, _) in self.entity_counts_in(doc) {
                if let Some(list) = docs_by_entity.get_mut(id.0 as usize) {
                    list.push(doc);
                }
            }
        }
        self.docs_by_entity = docs_by_entity;
        for (entity, docs) in self.entities.iter_mut().zip(&self.docs_by_entity) {
            entity.doc_count = docs.len();
        }
    }

    fn index_mentions(
        &mut self,
        analysed: &AnalysedDoc,
        by_canonical: &mut FxHashMap<Name, [Option<EntityId>; EntityKind::ALL.len()]>,
        entity_by_key: &mut FxHashMap<(EntityKind, String), EntityId>,
    ) {
        let mut ids = Vec::with_capacity(analysed.analysis.mentions.len());
        for mention in &analysed.analysis.mentions {
            let kind_ix = EntityKind::ALL
                .iter()
                .position(|k| *k == mention.kind)
                .unwrap_or(0);
            let known = by_canonical
                .get(&*mention.canonical)
                .and_then(|slots| slots.get(kind_ix).copied().flatten());
            let entity_id = if let Some(id) = known {
                id
            } else {
                let key = (mention.kind, fold(&mention.canonical));
                let next_id = EntityId(u32::try_from(self.entities.len()).unwrap_or(u32::MAX));
                let entity_id = *entity_by_key.entry(key.clone()).or_insert(next_id);
                if entity_id == next_id {
                    self.entities.push(Entity {
                        entity_id,
                        kind: mention.kind,
                        canonical: mention.canonical.to_string(),
                        aliases: Vec::new(),
                        mention_count: 0,
                        doc_count: 0,
                    });
                    self.entity_by_alias
                        .entry(key.1)
                        .or_default()
                        .push(entity_id);
                }
                let slots = by_canonical
                    .entry(mention.canonical.clone())
                    .or_insert([None; EntityKind::ALL.len()]);
                if let Some(slot) = slots.get_mut(kind_ix) {
                    *slot = Some(entity_id);
                }
                entity_id
            };
            let ix = entity_id.0 as usize;
            let surface = mention.span.text(&analysed.doc.body);
            let Some(entity) = self.entities.get_mut(ix) else {
                continue;
            };
            entity.mention_count += 1;
            if !entity.aliases.iter().any(|a| a == surface) {
                entity.aliases.push(surface.to_owned());
                let ids = self.entity_by_alias.entry(fold(surface)).or_default();
                if !ids.contains(&entity_id) {
                    ids.push(entity_id);
                }
            }
            ids.push(entity_id);
        }
        self.mention_entities.push(ids);
    }
}

/// The distinct entities of `ids` in order, each with its number of occurrences (`sorted`
/// is a buffer reused across calls).
fn entity_counts<'a>(
    ids: &[EntityId],
    sorted: &'a mut Vec<EntityId>,
) -> impl Iterator<Item = (EntityId, u32)> + 'a {
    sorted.clear();
    sorted.extend_from_slice(ids);
    sorted.sort_unstable();
    sorted.chunk_by(|a, b| a == b).filter_map(|run| {
        let count = u32::try_from(run.len()).unwrap_or(u32::MAX);
        Some((*run.first()?, count))
    })
}

/// Makes equal names of `docs` (mentions' canonical names, events' places and
/// participants) share one allocation.
pub(crate) fn share_names(docs: &mut [AnalysedDoc]) {
    let mut names = NameInterner::default();
    for analysis in docs.iter_mut().map(|d| &mut d.analysis) {
        for mention in &mut analysis.mentions {
            names.share(&mut mention.canonical);
        }
        for event in &mut analysis.events {
            for name in event.places.iter_mut().chain(&mut event.participants) {
                names.share(name);
            }
        }
    }
}

/// A start date as a number that sorts like `(date.is_none(), date)`: dated events first, by
/// year (unknown years after known ones), month and day (unknown before known), as
/// [`PartialDate`]'s order does.
fn date_key(date: Option<PartialDate>) -> u64 {
    let Some(d) = date else {
        return u64::MAX;
    };
    let year = d.year.map_or(0, |y| {
        u64::try_from(i64::from(y) - i64::from(i32::MIN)).unwrap_or(0)
    });
    let month = d.month.map_or(0, |m| u64::from(m) + 1);
    let day = d.day.map_or(0, |x| u64::from(x) + 1);
    (u64::from(d.year.is_none()) << 50) | (year << 18) | (month << 9) | day
}

/// Every event, sorted by date (undated last), document and position, with what the query
/// needs of each.
fn index_events(docs: &[AnalysedDoc]) -> (Vec<EventRef>, Vec<EventInfo>) {
    // one key per event, read once in document order: start date, document, position;
    // every key is distinct, so the order does not depend on the sort's stability
    let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut keys: Vec<(u64, u32, u32)> =
        Vec::with_capacity(docs.iter().map(|d| d.analysis.events.len()).sum());
    keys.extend(docs.iter().enumerate().flat_map(|(doc, analysed)| {
        analysed
            .analysis
            .events
            .iter()
            .enumerate()
            .map(move |(ix, e)| (date_key(e.date_start), small(doc), small(ix)))
    }));
    keys.par_sort_unstable();
    // the events of a document on one date in text order: evidence start, then position
    let evidence_start = |&(_, doc, ix): &(u64, u32, u32)| {
        docs.get(doc as usize)
            .and_then(|d| d.analysis.events.get(ix as usize))
            .map_or(0, |e| e.evidence.start())
    };
    for run in keys.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if run.len() > 1 {
            run.sort_unstable_by_key(|key| (evidence_start(key), key.2));
        }
    }
    // as big as the keys: std collects them in the keys' allocation, without a copy beside
    let events: Vec<EventRef> = keys
        .into_iter()
        .map(|(_, doc, event)| EventRef { doc, event })
        .collect();
    let info = events
        .iter()
        .filter_map(|r| docs.get(r.doc())?.analysis.events.get(r.event()))
        .map(EventInfo::of)
        .collect();
    (events, info)
}

impl Store {
    /// All documents, sorted by path.
    pub fn docs(&self) -> &[AnalysedDoc] {
        &self.docs
    }

    /// One document.
    pub fn doc(&self, doc: DocIx) -> Option<&AnalysedDoc> {
        self.docs.get(doc)
    }

    /// The document with this id.
    pub fn doc_by_id(&self, doc_id: &str) -> Option<DocIx> {
        let id_of = |ix: u32| {
            self.docs
                .get(ix as usize)
                .map_or("", |d| d.doc.doc_id.as_str())
        };
        let at = self
            .doc_ids_sorted
            .partition_point(|&ix| id_of(ix) < doc_id);
        let ix = *self.doc_ids_sorted.get(at)?;
        (id_of(ix) == doc_id).then_some(ix as usize)
    }

    /// All merged entities, in order of first appearance.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// One entity.
    pub fn entity(&self, entity_id: EntityId) -> Option<&Entity> {
        self.entities.get(entity_id.0 as usize)
    }

    /// The entity a mention refers to.
    pub fn entity_of_mention(&self, mention: MentionRef) -> Option<EntityId> {
        self.mention_entities
            .get(mention.doc)?
            .get(mention.mention)
            .copied()
    }

    /// A mention's data.
    pub fn mention(&self, mention: MentionRef) -> Option<&Mention> {
        self.docs
            .get(mention.doc)?
            .analysis
            .mentions
            .get(mention.mention)
    }

    /// Entities whose canonical name or any alias folds to the same text as `name`.
    pub fn find_entities(&self, name: &str) -> &[EntityId] {
        self.entity_by_alias
            .get(&fold(name.trim()))
            .map_or(&[], Vec::as_slice)
    }

    /// Every mention of an entity, in document then text order (found in the documents
    /// that mention it: no list of millions of mentions is kept).
    pub fn mentions_of(&self, entity_id: EntityId) -> impl Iterator<Item = MentionRef> + '_ {
        self.docs_of(entity_id).iter().flat_map(move |&doc| {
            let ids = self
                .mention_entities
                .get(doc)
                .map_or(&[][..], Vec::as_slice);
            ids.iter()
                .enumerate()
                .filter(move |&(_, &id)| id == entity_id)
                .map(move |(mention, _)| MentionRef { doc, mention })
        })
    }

    /// The documents mentioning an entity, sorted.
    pub fn docs_of(&self, entity_id: EntityId) -> &[DocIx] {
        self.docs_by_entity
            .get(entity_id.0 as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The distinct entities a document mentions, by id, each with its number of mentions
    /// in that document.
    pub fn entity_counts_in(&self, doc: DocIx) -> &[(EntityId, u32)] {
        let range = |d: usize| self.doc_entity_offsets.get(d).map(|&o| o as usize);
        match (range(doc), range(doc + 1)) {
            (Some(start), Some(end)) => self.doc_entity_counts.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every entity, most mentioned first, then by canonical name (then id).
    pub fn entities_by_mentions(&self) -> &[EntityId] {
        &self.entities_by_mentions
    }

    /// Position of an entity when all are sorted by canonical name (then id).
    pub fn entity_rank(&self, entity_id: EntityId) -> u32 {
        self.entity_name_rank
            .get(entity_id.0 as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// Every event, sorted by start date (undated last), then document, then position.
    pub fn events(&self) -> &[EventRef] {
        &self.events
    }

    /// Kind and day range of each event, parallel to [`Store::events`].
    pub(crate) fn event_info(&self) -> &[EventInfo] {
        &self.event_info
    }

    /// An event's data.
    pub fn event(&self, event: EventRef) -> Option<&Event> {
        self.docs
            .get(event.doc())?
            .analysis
            .events
            .get(event.event())
    }

    /// Documents matching a free-text query, sorted. Words are folded (case and accents
    /// ignored) and each must start a word of the document; a query in double quotes
    /// matches that exact text instead. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<DocIx> {
        self.search_set(query).to_vec()
    }

    /// [`Store::search`] as a set of documents.
    pub(crate) fn search_set(&self, query: &str) -> DocSet {
        let query = query.trim();
        if let Some(exact) = query
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .filter(|q| !q.is_empty())
        {
            return self.search_exact(exact);
        }
        let mut result: Option<DocSet> = None;
        for_each_word(query, |word| {
            let matches = self.words.prefix_docs(word, self.docs.len());
            result = Some(match result.take() {
                None => matches,
                Some(mut prev) => {
                    prev.and_with(&matches);
                    prev
                }
            });
        });
        result.unwrap_or_else(|| DocSet::empty(self.docs.len()))
    }

    /// Documents containing `exact` verbatim. The words of the phrase that follow a
    /// separator must start words of the document, so the word index narrows the
    /// candidates before the text is scanned.
    fn search_exact(&self, exact: &str) -> DocSet {
        let folded = fold(exact);
        let mut candidates: Option<DocSet> = None;
        let mut at_word_start = false;
        let mut word_start = 0;
        let mut words: Vec<&str> = Vec::new();
        for (pos, c) in folded.char_indices() {
            if c.is_alphanumeric() {
                if !at_word_start {
                    at_word_start = true;
                    word_start = pos;
                }
            } else {
                if at_word_start && word_start > 0 {
                    words.push(&folded[word_start..pos]);
                }
                at_word_start = false;
            }
        }
        if at_word_start && word_start > 0 {
            words.push(&folded[word_start..]);
        }
        for word in words {
            let matches = self
                .words
                .prefix_docs(truncate(word, MAX_WORD_BYTES), self.docs.len());
            candidates = Some(match candidates.take() {
                None => matches,
                Some(mut prev) => {
                    prev.and_with(&matches);
                    prev
                }
            });
        }
        let check = |d: DocIx| self.docs.get(d).is_some_and(|a| a.doc.body.contains(exact));
        let hits: Vec<DocIx> = match candidates {
            Some(set) => {
                let list = set.to_vec();
                list.into_par_iter().filter(|&d| check(d)).collect()
            }
            None => (0..self.docs.len())
                .into_par_iter()
                .filter(|&d| check(d))
                .collect(),
        };
        DocSet::from_sorted(&hits, self.docs.len())
    }

    /// Files skipped or damaged during loading.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// Total size of the loaded files in bytes.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// What applying the researcher's corrections did (applied count, orphans).
    pub fn correction_report(&self) -> &ApplyReport {
        &self.correction_report
    }

    /// True when the analyses before corrections are kept ([`Store::rebuild_with`] works).
    pub fn can_rebuild(&self) -> bool {
        !matches!(self.raw_analyses, RawAnalyses::Absent)
    }
}

fn doc_ids_sorted(docs: &[AnalysedDoc]) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..docs.len())
        .map(|d| u32::try_from(d).unwrap_or(u32::MAX))
        .collect();
    let id_of = |ix: u32| docs.get(ix as usize).map_or("", |d| d.doc.doc_id.as_str());
    ids.par_sort_by(|&a, &b| id_of(a).cmp(id_of(b)).then(a.cmp(&b)));
    ids
}

/// A set of documents as a bitset over document indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocSet {
    bits: Vec<u64>,
    len: usize,
}

impl DocSet {
    /// No document out of `len`.
    pub(crate) fn empty(len: usize) -> Self {
        Self {
            bits: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Every document out of `len`.
    pub(crate) fn full(len: usize) -> Self {
        let mut set = Self {
            bits: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        if !len.is_multiple_of(64)
            && let Some(last) = set.bits.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        set
    }

    fn from_sorted(docs: &[DocIx], len: usize) -> Self {
        let mut set = Self::empty(len);
        for &d in docs {
            set.insert(d);
        }
        set
    }

    /// Adds a document (ignored when out of range).
    pub(crate) fn insert(&mut self, doc: DocIx) {
        if doc < self.len
            && let Some(word) = self.bits.get_mut(doc / 64)
        {
            *word |= 1 << (doc % 64);
        }
    }

    /// Is the document in the set?
    pub(crate) fn contains(&self, doc: DocIx) -> bool {
        self.bits
            .get(doc / 64)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// Keeps only documents also in `other`.
    pub(crate) fn and_with(&mut self, other: &DocSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= *b;
        }
    }

    /// Number of documents in the set.
    pub(crate) fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The documents, sorted.
    pub(crate) fn to_vec(&self) -> Vec<DocIx> {
        let mut out = Vec::with_capacity(self.count());
        for (i, &word) in self.bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out.push(i * 64 + word.trailing_zeros() as usize);
                word &= word - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Analysis, Document, EventKind, Span};

    fn doc(id: &str, body: &str, mentions: &[(&str, EntityKind, &str)]) -> AnalysedDoc {
        let doc = Document::from_text(id, body);
        let mentions = mentions
            .iter()
            .map(|(text, kind, canonical)| {
                let start = body.find(text).unwrap();
                Mention {
                    span: Span::new(start, start + text.len()),
                    kind: *kind,
                    canonical: (*canonical).into(),
                }
            })
            .collect();
        AnalysedDoc {
            doc,
            analysis: Analysis {
                mentions,
                events: Vec::new(),
            },
        }
    }

    fn sample() -> Store {
        Store::build(
            vec![
                doc(
                    "b",
                    "Visite à Moscou de Jean Dupont.",
                    &[
                        ("Moscou", EntityKind::Place, "Moscou"),
                        ("Jean Dupont", EntityKind::Person, "Jean Dupont"),
                    ],
                ),
                doc(
                    "a",
                    "Le MOSCOU d'hier. Dupont y était.",
                    &[("Dupont", EntityKind::Person, "Jean Dupont")],
                ),
            ],
            Vec::new(),
        )
    }

    #[test]
    fn entities_merge_by_canonical_and_count_documents() {
        let store = sample();
        let ids = store.find_entities("dupont");
        assert_eq!(ids.len(), 1);
        let entity = store.entity(ids[0]).unwrap();
        assert_eq!(entity.canonical, "Jean Dupont");
        assert_eq!(entity.mention_count, 2);
        assert_eq!(entity.doc_count, 2);
        assert_eq!(
            entity.aliases,
            vec!["Dupont".to_owned(), "Jean Dupont".to_owned()]
        );
    }

    #[test]
    fn search_ignores_case_and_accents_and_supports_exact_text() {
        let store = sample();
        assert_eq!(store.search("moscou").len(), 2);
        assert_eq!(store.search("visite MOSC").len(), 1);
        assert_eq!(store.search("\"Moscou\"").len(), 1);
        assert!(store.search("kazan").is_empty());
        assert_eq!(store.search("VISITÉ"), vec![store.doc_by_id("b").unwrap()]);
    }

    #[test]
    fn doc_by_id_and_exact_phrases() {
        let store = sample();
        assert_eq!(store.doc_by_id("a"), Some(0));
        assert_eq!(store.doc_by_id("b"), Some(1));
        assert_eq!(store.doc_by_id("c"), None);
        assert_eq!(store.search("\"de Jean\""), vec![1]);
        assert_eq!(store.search("\"e Jean Dup\""), vec![1]);
        assert!(store.search("\"de jean\"").is_empty());
        let set = DocSet::full(130);
        assert_eq!(set.count(), 130);
        assert_eq!(set.to_vec().last(), Some(&129));
    }

    #[test]
    fn entity_counts_per_document_and_order() {
        let store = sample();
        let dupont = store.find_entities("Jean Dupont")[0];
        let moscou = store.find_entities("moscou")[0];
        assert_eq!(store.entity_counts_in(0), &[(dupont, 1)]);
        assert_eq!(store.entity_counts_in(1).len(), 2);
        assert_eq!(store.entities_by_mentions(), &[dupont, moscou]);
        assert!(store.entity_counts_in(9).is_empty());
    }

    #[test]
    fn date_keys_sort_like_dates() {
        let dates: Vec<Option<PartialDate>> = [
            "2017-05-16",
            "2017-05",
            "2017",
            "--05-16",
            "--05",
            "--11-02",
            "2016-12-31",
            "1899",
            "2017-05-01",
            "--01",
        ]
        .iter()
        .map(|t| PartialDate::parse_iso(t))
        .chain([None])
        .collect();
        let mut by_key = dates.clone();
        by_key.sort_by_key(|&d| date_key(d));
        let mut by_date = dates;
        by_date.sort_by_key(|&d| (d.is_none(), d));
        assert_eq!(by_key, by_date);
        assert_eq!(by_key.last(), Some(&None));
    }

    #[test]
    fn events_sort_by_date_then_document_then_text_order() {
        let event = |date: Option<&str>, start: usize| Event {
            kind: EventKind::Visit,
            date_start: date.and_then(PartialDate::parse_iso),
            date_end: None,
            places: Vec::new(),
            participants: Vec::new(),
            evidence: Span::new(start, start + 1),
            name: None,
        };
        let mut a = doc("a", "0123456789", &[]);
        a.analysis.events = vec![
            event(Some("2017-05"), 8),
            event(Some("2017-05"), 2),
            event(Some("2016"), 9),
            event(None, 0),
        ];
        let mut b = doc("b", "0123456789", &[]);
        b.analysis.events = vec![event(Some("2017-05"), 0)];
        let store = Store::build(vec![b, a], Vec::new());
        let order: Vec<(DocIx, usize)> = store
            .events()
            .iter()
            .map(|r| (r.doc(), r.event()))
            .collect();
        assert_eq!(order, vec![(0, 2), (0, 1), (0, 0), (1, 0), (0, 3)]);
        assert_eq!(store.event_info().len(), 5);
    }

    #[test]
    fn documents_are_sorted_by_path() {
        let store = sample();
        assert_eq!(store.docs()[0].doc.doc_id, "a");
    }
}
