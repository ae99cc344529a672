//! Tour files for the presentation mode: a title and either chosen events (document id +
//! event index) or a filter whose dated events are shown in date order. RON on disk, saved
//! atomically. No egui here: the app resolves a tour against its store and plays it.
//!
//! ```ron
//! (
//!     title: "Lyon – Moscou",
//!     events: [(doc: "003_33f6b91dc8db4b29", event: 0)],
//!     filter: None,
//! )
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::query::{self, Filter};
use crate::store::{EventRef, Store};

/// One chosen event: the document's id (its file stem) and the event's index in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourEvent {
    /// Document id.
    pub doc: String,
    /// Index of the event in the document's analysis.
    pub event: usize,
}

/// A tour as written in a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tour {
    /// Shown above every step.
    pub title: String,
    /// Chosen events, in the order shown; when empty, the filter's events are used.
    pub events: Vec<TourEvent>,
    /// The events of this filter (dated ones, in date order) when `events` is empty; no
    /// filter means every dated event of the corpus.
    pub filter: Option<Filter>,
}

/// Why a tour file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TourError {
    /// Reading failed.
    #[error("cannot read the tour {}: {reason}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The file is not a tour.
    #[error("{}: not a tour file: {reason}", path.display())]
    Parse {
        /// The file.
        path: std::path::PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] crate::export::ExportError),
}

impl Tour {
    /// The tour of a filter: its title and the filter itself (events resolved when played).
    pub fn of_filter(title: &str, filter: &Filter) -> Self {
        Self {
            title: title.to_owned(),
            events: Vec::new(),
            filter: Some(filter.clone()),
        }
    }

    /// Reads a tour file.
    pub fn load(path: &Path) -> Result<Self, TourError> {
        let text = std::fs::read_to_string(path).map_err(|e| TourError::Read {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        ron::from_str(&text).map_err(|e| TourError::Parse {
            path: path.to_owned(),
            reason: e.to_string(),
        })
    }

    /// Writes the tour as pretty RON, atomically (an existing file is replaced whole or
    /// left untouched).
    pub fn save(&self, path: &Path) -> Result<(), TourError> {
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).map_err(|e| {
                TourError::Parse {
                    path: path.to_owned(),
                    reason: e.to_string(),
                }
            })?;
        crate::export::atomic::write(path, text.as_bytes())?;
        Ok(())
    }

    /// The events to show, in order: the chosen ones that exist in `store` (unknown
    /// documents or indexes are skipped), else the dated events of the filter in date order
    /// (ties: document, then position, as the store sorts them).
    pub fn resolve(&self, store: &Store) -> Vec<EventRef> {
        if !self.events.is_empty() {
            return self
                .events
                .iter()
                .filter_map(|e| {
                    let doc = store.doc_by_id(&e.doc)?;
                    let r = EventRef::new(doc, e.event);
                    store.event(r).map(|_| r)
                })
                .collect();
        }
        let filter = self.filter.clone().unwrap_or_default();
        dated_events(store, &query::run(store, &filter).events)
    }
}

/// The dated events among `events` (a start date with a known year), kept in their order.
pub fn dated_events(store: &Store, events: &[EventRef]) -> Vec<EventRef> {
    events
        .iter()
        .copied()
        .filter(|&r| {
            store
                .event(r)
                .and_then(|e| e.date_start)
                .and_then(|d| d.first_day())
                .is_some()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_examples_parse() {
        let chosen: Tour = ron::from_str(
            r#"(
                title: "Lyon – Moscou, mai 2017",
                events: [(doc: "003_33f6b91dc8db4b29", event: 1), (doc: "003_33f6b91dc8db4b29", event: 0)],
            )"#,
        )
        .unwrap();
        assert_eq!(chosen.events[0].event, 1);
        let filtered: Tour = ron::from_str(
            r#"(title: "Lyon", filter: Some((entities: ["Lyon"], kinds: [delegation, visit])))"#,
        )
        .unwrap();
        let filter = filtered.filter.unwrap();
        assert_eq!(filter.entities, vec!["Lyon".to_owned()]);
        assert_eq!(filter.kinds.len(), 2);
    }

    #[test]
    fn a_tour_round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tour.ron");
        let filter = Filter {
            entities: vec!["Lyon".into()],
            ..Filter::default()
        };
        let tour = Tour::of_filter("Lyon", &filter);
        tour.save(&path).unwrap();
        assert_eq!(Tour::load(&path).unwrap(), tour);
        let chosen: Tour = ron::from_str(
            r#"(title: "Deux étapes", events: [(doc: "a", event: 0), (doc: "b", event: 2)])"#,
        )
        .unwrap();
        assert_eq!(chosen.events.len(), 2);
        assert!(chosen.filter.is_none());
        assert!(matches!(
            Tour::load(&dir.path().join("missing.ron")),
            Err(TourError::Read { .. })
        ));
    }
}
