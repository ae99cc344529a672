//! The one app state: what is persisted across runs ([`AppState`]: filter, last corpus,
//! pane sizes, language, theme, highlight toggles) and the runtime [`Selection`] beside it.
//! Panes never write here while drawing; they return actions that [`super::shell`] applies.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::EntityKind;
use crate::query::Filter;
use crate::store::{DocIx, EntityId, EventRef};

use super::i18n::Lang;
use super::theme::ThemeChoice;

/// What the user has selected. Indexes point into the current store; they are remapped
/// when a new snapshot of the store arrives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The document open in the reader.
    pub doc: Option<DocIx>,
    /// The entity whose mentions are emphasised.
    pub entity: Option<EntityId>,
    /// The event whose evidence is marked.
    pub event: Option<EventRef>,
    /// Which mention of the selected entity in the open document is current (next/previous).
    pub mention_cursor: usize,
}

impl Selection {
    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.doc.is_none() && self.entity.is_none() && self.event.is_none()
    }
}

/// How the entity sidebar is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntitySort {
    /// Most mentioned first.
    #[default]
    Count,
    /// Alphabetical (accents folded).
    Name,
}

/// A column of the document list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocColumn {
    /// Publication date (undated last).
    #[default]
    Date,
    /// Title.
    Title,
    /// Source file.
    Source,
    /// Distinct entities.
    Entities,
    /// Events.
    Events,
}

/// Pane sizes in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaneSizes {
    /// Width of the entity sidebar.
    pub sidebar: f32,
    /// Height of the document list above the reader.
    pub doc_list: f32,
    /// Height of the timeline.
    pub timeline: f32,
}

impl Default for PaneSizes {
    fn default() -> Self {
        Self {
            sidebar: 270.0,
            doc_list: 190.0,
            timeline: 275.0,
        }
    }
}

/// Everything persisted across runs (never the corpus itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    /// The current filter (shared by every pane and the exports).
    pub filter: Filter,
    /// The selection (runtime indexes, not persisted).
    #[serde(skip)]
    pub selection: Selection,
    /// The document open at last exit (restored by id).
    pub open_doc_id: Option<String>,
    /// The last corpus opened; `None` is the bundled corpus.
    pub last_corpus: Option<Vec<PathBuf>>,
    /// Pane sizes.
    pub sizes: PaneSizes,
    /// Is the timeline shown?
    pub timeline_open: bool,
    /// Interface language.
    pub lang: Lang,
    /// Light or dark.
    pub theme: ThemeChoice,
    /// Entity kinds whose highlighting is switched off in the reader.
    pub hidden_kinds: Vec<EntityKind>,
    /// Sidebar order.
    pub entity_sort: EntitySort,
    /// Document list order.
    pub doc_sort: DocColumn,
    /// Ascending order for `doc_sort`.
    pub doc_sort_ascending: bool,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            filter: Filter::default(),
            selection: Selection::default(),
            open_doc_id: None,
            last_corpus: None,
            sizes: PaneSizes::default(),
            timeline_open: true,
            lang: Lang::default(),
            theme: ThemeChoice::default(),
            hidden_kinds: Vec::new(),
            entity_sort: EntitySort::default(),
            doc_sort: DocColumn::default(),
            doc_sort_ascending: true,
        }
    }
}

/// The key the state is stored under in eframe's storage.
pub const STORAGE_KEY: &str = "passerelle-state";

impl AppState {
    /// Parses a stored state; anything unreadable gives the defaults.
    pub fn from_ron(text: &str) -> Self {
        Self::parse(text).unwrap_or_default()
    }

    /// Parses a stored state, saying why it cannot be read.
    pub fn parse(text: &str) -> Result<Self, String> {
        ron::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_or_partial_state_falls_back_to_defaults() {
        assert_eq!(AppState::from_ron("not ron at all"), AppState::default());
        assert!(AppState::parse("not ron at all").is_err());
        let partial = AppState::from_ron("(lang: En)");
        assert_eq!(partial.lang, Lang::En);
        assert!(partial.timeline_open);
        let state = AppState {
            lang: Lang::En,
            open_doc_id: Some("003".into()),
            ..AppState::default()
        };
        let text = ron::to_string(&state).unwrap();
        assert_eq!(AppState::from_ron(&text), state);
    }
}
