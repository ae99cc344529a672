//! Timing helpers for the hidden `bench-query` subcommand: the filters a researcher changes
//! in the GUI (text, entity, kind, date brush), each run a few times on a loaded store.

use std::time::{Duration, Instant};

use crate::model::{EventKind, PartialDate};
use crate::query::{self, Filter};
use crate::store::Store;

/// One timed filter.
#[derive(Clone, Debug)]
pub struct QueryTiming {
    /// What was filtered.
    pub label: String,
    /// Fastest run.
    pub best: Duration,
    /// Median run.
    pub median: Duration,
    /// Documents selected.
    pub docs: usize,
    /// Events selected.
    pub events: usize,
    /// Entities listed.
    pub entities: usize,
}

/// The filters timed: the empty filter, texts (word, prefix, one letter, exact phrase),
/// the most mentioned entity, an event kind, a date brush, and a combination.
pub fn sample_filters(store: &Store) -> Vec<(String, Filter)> {
    let top_entity = store
        .entities()
        .iter()
        .max_by_key(|e| e.mention_count)
        .map(|e| e.canonical.clone());
    let date = |s: &str| PartialDate::parse_iso(s);
    let mut filters = vec![
        ("empty".to_owned(), Filter::default()),
        (
            "text moscou".to_owned(),
            Filter {
                text: "moscou".into(),
                ..Filter::default()
            },
        ),
        (
            "text prefix 'coop'".to_owned(),
            Filter {
                text: "coop".into(),
                ..Filter::default()
            },
        ),
        (
            "text one letter 'd'".to_owned(),
            Filter {
                text: "d".into(),
                ..Filter::default()
            },
        ),
        (
            "text two words 'délégation kazan'".to_owned(),
            Filter {
                text: "délégation kazan".into(),
                ..Filter::default()
            },
        ),
        (
            "exact \"région de Sverdlovsk\"".to_owned(),
            Filter {
                text: "\"région de Sverdlovsk\"".into(),
                ..Filter::default()
            },
        ),
        (
            "kind delegation".to_owned(),
            Filter {
                kinds: vec![EventKind::Delegation],
                ..Filter::default()
            },
        ),
        (
            "date brush 2015-03..2016-06".to_owned(),
            Filter {
                from: date("2015-03"),
                to: date("2016-06"),
                ..Filter::default()
            },
        ),
    ];
    if let Some(name) = top_entity {
        filters.push((
            format!("entity {name}"),
            Filter {
                entities: vec![name.clone()],
                ..Filter::default()
            },
        ));
        filters.push((
            format!("combined text+entity+kind+dates ({name})"),
            Filter {
                text: "coop".into(),
                entities: vec![name],
                kinds: vec![EventKind::Forum, EventKind::Delegation],
                from: date("2012"),
                to: date("2020"),
            },
        ));
    }
    filters
}

/// Runs each sample filter `runs` times and reports the best and median times.
pub fn time_queries(store: &Store, runs: usize) -> Vec<QueryTiming> {
    sample_filters(store)
        .into_iter()
        .map(|(label, filter)| {
            let mut times = Vec::with_capacity(runs.max(1));
            let mut result = query::QueryResult::default();
            for _ in 0..runs.max(1) {
                let started = Instant::now();
                result = query::run(store, &filter);
                times.push(started.elapsed());
            }
            times.sort();
            QueryTiming {
                label,
                best: times.first().copied().unwrap_or_default(),
                median: times.get(times.len() / 2).copied().unwrap_or_default(),
                docs: result.docs.len(),
                events: result.events.len(),
                entities: result.entities.len(),
            }
        })
        .collect()
}
