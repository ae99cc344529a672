//! Filters over the store, shared by the GUI panes and the exports: free text (accent- and
//! case-insensitive), entities (canonical name or any alias), event kinds and a date range,
//! combined with AND.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{Event, EventKind, PartialDate};
use chrono::Datelike;

use crate::store::{DocIx, DocSet, EntityId, EventInfo, EventRef, Store};

/// What the user filtered on. Empty fields do not constrain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text: every word must start a word of the document (case and accents ignored);
    /// in double quotes, exact text.
    pub text: String,
    /// Entities (canonical names or aliases) the document must all mention.
    pub entities: Vec<String>,
    /// Event kinds; a document needs at least one event of one of them.
    pub kinds: Vec<EventKind>,
    /// Events must end on or after this date.
    pub from: Option<PartialDate>,
    /// Events must start on or before this date.
    pub to: Option<PartialDate>,
}

impl Filter {
    /// True when nothing constrains the result.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.entities.is_empty()
            && self.kinds.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// True when the filter constrains events (kind or dates).
    pub fn constrains_events(&self) -> bool {
        !self.kinds.is_empty() || self.from.is_some() || self.to.is_some()
    }

    /// Does this event pass the kind and date constraints? With a date range, undated and
    /// year-less events do not pass; reduced-precision dates pass when the period they denote
    /// overlaps the range (`2017-05` overlaps `--from 2017-05-20`).
    pub fn accepts_event(&self, event: &Event) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&event.kind) {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(start) = event.date_start.and_then(|d| d.first_day()) else {
            return false;
        };
        let end = event
            .date_end
            .and_then(|d| d.last_day())
            .or_else(|| event.date_start.and_then(|d| d.last_day()));
        let Some(end) = end.map(|e| e.max(start)) else {
            return false;
        };
        let after_from = self
            .from
            .and_then(|f| f.first_day())
            .is_none_or(|from| end >= from);
        let before_to = self
            .to
            .and_then(|t| t.last_day())
            .is_none_or(|to| start <= to);
        after_from && before_to
    }
}

/// What a filter selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryResult {
    /// Matching documents, in store (path) order.
    pub docs: Vec<DocIx>,
    /// Matching events of those documents, in store (date) order.
    pub events: Vec<EventRef>,
    /// Entities mentioned in those documents, most mentioned first, then by name.
    pub entities: Vec<EntityId>,
}

/// Runs a filter over the store. Cost: a few passes over bitsets of documents, one over
/// the events, and one over the distinct entities of the selected documents (precomputed
/// per document), never over the text or the mentions.
pub fn run(store: &Store, filter: &Filter) -> QueryResult {
    let n_docs = store.docs().len();
    let mut docs = DocSet::full(n_docs);
    if !filter.text.trim().is_empty() {
        docs.and_with(&store.search_set(&filter.text));
    }
    for name in &filter.entities {
        let mut hits = DocSet::empty(n_docs);
        for &entity_id in store.find_entities(name) {
            for &d in store.docs_of(entity_id) {
                hits.insert(d);
            }
        }
        docs.and_with(&hits);
    }
    let date_range = filter.constrains_events().then(|| DayRange::of(filter));
    let mut events: Vec<EventRef> = store
        .events()
        .par_iter()
        .zip(store.event_info())
        .filter(|(r, info)| {
            docs.contains(r.doc())
                && date_range
                    .as_ref()
                    .is_none_or(|range| range.accepts(filter, info))
        })
        .map(|(r, _)| *r)
        .collect();
    if filter.constrains_events() {
        let mut hits = DocSet::empty(n_docs);
        for r in &events {
            hits.insert(r.doc());
        }
        docs.and_with(&hits);
        events.retain(|r| docs.contains(r.doc()));
    }
    let doc_list = docs.to_vec();
    let entities = entities_in(store, &doc_list);
    QueryResult {
        docs: doc_list,
        events,
        entities,
    }
}

/// A filter's date range in days from the common era (what [`Filter::accepts_event`]
/// compares, computed once per query).
#[derive(Clone, Copy, Debug)]
struct DayRange {
    is_dated: bool,
    from: Option<i32>,
    to: Option<i32>,
}

impl DayRange {
    fn of(filter: &Filter) -> Self {
        Self {
            is_dated: filter.from.is_some() || filter.to.is_some(),
            from: filter
                .from
                .and_then(|f| f.first_day())
                .map(|d| d.num_days_from_ce()),
            to: filter
                .to
                .and_then(|t| t.last_day())
                .map(|d| d.num_days_from_ce()),
        }
    }

    /// Same decision as [`Filter::accepts_event`], on precomputed days.
    fn accepts(&self, filter: &Filter, info: &EventInfo) -> bool {
        if !filter.kinds.is_empty() && !filter.kinds.contains(&info.kind) {
            return false;
        }
        if !self.is_dated {
            return true;
        }
        let Some((start, end)) = info.days else {
            return false;
        };
        self.from.is_none_or(|from| end >= from) && self.to.is_none_or(|to| start <= to)
    }
}

/// Documents per task when counting entities in parallel.
const ENTITY_CHUNK: usize = 16_384;

/// Entities mentioned in `docs`, most mentioned first (within those documents), then by name.
fn entities_in(store: &Store, docs: &[DocIx]) -> Vec<EntityId> {
    if docs.len() == store.docs().len() {
        return store.entities_by_mentions().to_vec();
    }
    // mention counts per entity, summed over runs of documents on all cores
    let n = store.entities().len();
    let counts = docs
        .par_chunks(ENTITY_CHUNK)
        .map(|run| {
            let mut counts = vec![0u32; n];
            for &d in run {
                for &(id, k) in store.entity_counts_in(d) {
                    if let Some(count) = counts.get_mut(id.0 as usize) {
                        *count += k;
                    }
                }
            }
            counts
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    let mut keyed: Vec<(u64, EntityId)> = counts
        .iter()
        .enumerate()
        .filter(|&(_, &count)| count > 0)
        .map(|(ix, &count)| {
            let id = EntityId(u32::try_from(ix).unwrap_or(u32::MAX));
            let key = (u64::from(u32::MAX - count) << 32) | u64::from(store.entity_rank(id));
            (key, id)
        })
        .collect();
    keyed.sort_unstable_by_key(|&(key, _)| key);
    keyed.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnalysedDoc, Analysis, Document, EntityKind, Mention, Span};

    fn store() -> Store {
        let event = |kind, start: &str, end: Option<&str>| Event {
            kind,
            date_start: PartialDate::parse_iso(start),
            date_end: end.and_then(PartialDate::parse_iso),
            places: vec![],
            participants: vec![],
            evidence: Span::new(0, 5),
            name: None,
        };
        let body_a = "Forum à Moscou avec la CCI.";
        let body_b = "Délégation de Kazan à Lyon.";
        let mention = |body: &str, text: &str, kind| {
            let start = body.find(text).unwrap();
            Mention {
                span: Span::new(start, start + text.len()),
                kind,
                canonical: text.into(),
            }
        };
        Store::build(
            vec![
                AnalysedDoc {
                    doc: Document::from_text("a", body_a),
                    analysis: Analysis {
                        mentions: vec![
                            mention(body_a, "Moscou", EntityKind::Place),
                            mention(body_a, "CCI", EntityKind::Organisation),
                        ],
                        events: vec![event(EventKind::Forum, "2017-05", None)],
                    },
                },
                AnalysedDoc {
                    doc: Document::from_text("b", body_b),
                    analysis: Analysis {
                        mentions: vec![
                            mention(body_b, "Kazan", EntityKind::Place),
                            mention(body_b, "Lyon", EntityKind::Place),
                        ],
                        events: vec![
                            event(EventKind::Delegation, "2019-10-03", Some("2019-10-05")),
                            event(EventKind::Visit, "--10", None),
                        ],
                    },
                },
            ],
            Vec::new(),
        )
    }

    #[test]
    fn fast_event_check_agrees_with_accepts_event() {
        let dates = [
            "2017",
            "2017-05",
            "2017-05-16",
            "--05-16",
            "--11",
            "2019-10-03",
            "2016-02",
        ];
        let mut events = Vec::new();
        for start in dates.iter().map(|d| Some(*d)).chain([None]) {
            for end in dates.iter().map(|d| Some(*d)).chain([None]) {
                events.push(Event {
                    kind: EventKind::Forum,
                    date_start: start.and_then(PartialDate::parse_iso),
                    date_end: end.and_then(PartialDate::parse_iso),
                    places: vec![],
                    participants: vec![],
                    evidence: Span::new(0, 1),
                    name: None,
                });
            }
        }
        let bounds = dates
            .iter()
            .map(|d| PartialDate::parse_iso(d))
            .chain([None]);
        for from in bounds.clone() {
            for to in bounds.clone() {
                for kinds in [vec![], vec![EventKind::Forum], vec![EventKind::Visit]] {
                    let filter = Filter {
                        kinds,
                        from,
                        to,
                        ..Filter::default()
                    };
                    let range = DayRange::of(&filter);
                    for event in &events {
                        let info = EventInfo::of(event);
                        assert_eq!(
                            range.accepts(&filter, &info),
                            filter.accepts_event(event),
                            "{filter:?} {event:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn empty_filter_selects_everything() {
        let store = store();
        let result = run(&store, &Filter::default());
        assert_eq!(result.docs.len(), 2);
        assert_eq!(result.events.len(), 3);
        assert_eq!(result.entities.len(), 4);
    }

    #[test]
    fn text_entity_kind_and_dates_combine_with_and() {
        let store = store();
        let by_text = run(
            &store,
            &Filter {
                text: "MOSCOU".into(),
                ..Filter::default()
            },
        );
        assert_eq!(by_text.docs, vec![0]);
        let by_entity = run(
            &store,
            &Filter {
                entities: vec!["lyon".into()],
                ..Filter::default()
            },
        );
        assert_eq!(by_entity.docs, vec![1]);
        let by_kind = run(
            &store,
            &Filter {
                kinds: vec![EventKind::Forum],
                ..Filter::default()
            },
        );
        assert_eq!(by_kind.events.len(), 1);
        let by_date = run(
            &store,
            &Filter {
                from: PartialDate::parse_iso("2018"),
                ..Filter::default()
            },
        );
        assert_eq!(by_date.docs, vec![1]);
        assert_eq!(
            by_date.events.len(),
            1,
            "year-less event excluded by a date range"
        );
        let month_overlap = run(
            &store,
            &Filter {
                from: PartialDate::parse_iso("2017-05-20"),
                to: PartialDate::parse_iso("2017-06"),
                ..Filter::default()
            },
        );
        assert_eq!(month_overlap.docs, vec![0]);
        let none = run(
            &store,
            &Filter {
                text: "moscou".into(),
                entities: vec!["Lyon".into()],
                ..Filter::default()
            },
        );
        assert!(none.docs.is_empty() && none.events.is_empty() && none.entities.is_empty());
    }
}
