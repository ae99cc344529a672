//! What a pane sees each frame ([`View`], borrowed) and what it may ask for ([`Action`]).
//! Panes never mutate shared state while drawing; the shell applies their actions after
//! every pane has drawn, so a click anywhere updates every pane in the same frame.

use std::path::PathBuf;

use crate::corrections::Correction;
use crate::model::{EntityKind, EventKind, PartialDate, Span};
use crate::query::{Filter, QueryResult};
use crate::store::{DocIx, EntityId, EventRef, MentionRef, Store};

use super::i18n::{Lang, Msg};
use super::state::{DocColumn, EntitySort, Selection};
use super::theme::{Palette, ThemeChoice};

/// Per-document display data, computed once per store (kept small: there is one per
/// document; dates and file names are formatted for the visible rows only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The title shown when it is not the document's own title, trimmed: a shortened title,
    /// or the first line of the body when the title is empty ([`View::title`]).
    own_title: Option<Box<str>>,
    /// Distinct entities mentioned.
    pub entities: u32,
    /// Events read from it.
    pub events: u32,
}

impl DocMeta {
    /// Display data for every document of the store, in store order (on all cores).
    pub fn for_store(store: &Store) -> Vec<DocMeta> {
        use rayon::prelude::*;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        store
            .docs()
            .par_iter()
            .enumerate()
            .map(|(doc_ix, analysed)| {
                let doc = &analysed.doc;
                let shown = display_title(&doc.title, &doc.body);
                DocMeta {
                    own_title: (shown != doc.title.trim()).then(|| shown.into_boxed_str()),
                    entities: count(store.entity_counts_in(doc_ix).len()),
                    events: count(analysed.analysis.events.len()),
                }
            })
            .collect()
    }
}

/// The name of the file a document was read from, as shown.
pub fn source_name(doc: &crate::model::Document) -> std::borrow::Cow<'_, str> {
    doc.path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
}

/// The title, or the first non-empty line of the body, shortened to about 110 characters.
pub fn display_title(title: &str, body: &str) -> String {
    let raw = if title.trim().is_empty() {
        // skip header lines (`Publié le …`) and a leading ` date 2017-08` header
        body.lines()
            .map(|l| strip_date_header(l.trim()))
            .find(|l| !l.is_empty() && !l.starts_with("Publié le"))
            .unwrap_or("")
    } else {
        title.trim()
    };
    shorten(raw, 110)
}

/// `date 2017-08 Titre` → `Titre`.
fn strip_date_header(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("date ") else {
        return line;
    };
    let date_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    rest.get(date_len..).map_or(line, str::trim_start)
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    if let Some(space) = out.rfind(' ').filter(|&s| s > max / 2) {
        out.truncate(space);
    }
    out.push('…');
    out
}

/// The borrowed context every pane draws from.
pub struct View<'a> {
    /// The corpus.
    pub store: &'a Store,
    /// Bumped whenever the store is replaced (keys pane caches).
    pub store_gen: u64,
    /// What the filter selects.
    pub result: &'a QueryResult,
    /// Bumped whenever the result changes (keys pane caches).
    pub result_gen: u64,
    /// The filter.
    pub filter: &'a Filter,
    /// The selection.
    pub selection: &'a Selection,
    /// Per-document display data, indexed by [`DocIx`].
    pub doc_meta: &'a [DocMeta],
    /// Colours.
    pub palette: &'a Palette,
    /// Language.
    pub lang: Lang,
    /// Entity kinds not highlighted in the reader.
    pub hidden_kinds: &'a [EntityKind],
    /// Sidebar order.
    pub entity_sort: EntitySort,
    /// Document list order.
    pub doc_sort: (DocColumn, bool),
}

impl View<'_> {
    /// Shorthand for `self.lang.t(msg)`.
    pub fn t(&self, msg: Msg) -> &'static str {
        self.lang.t(msg)
    }

    /// Display data of one document.
    pub fn meta(&self, doc: DocIx) -> Option<&DocMeta> {
        self.doc_meta.get(doc)
    }

    /// The title shown for a document: its own, shortened, or its first line when it has
    /// none ([`display_title`]).
    pub fn title(&self, doc: DocIx) -> &str {
        match self.meta(doc).and_then(|m| m.own_title.as_deref()) {
            Some(title) => title,
            None => self.store.doc(doc).map_or("", |a| a.doc.title.trim()),
        }
    }
}

/// What a pane asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a document in the reader (from the top).
    OpenDoc(DocIx),
    /// Emphasise an entity's mentions (or clear with `None`) without filtering.
    SelectEntity(Option<EntityId>),
    /// Filter the corpus to documents mentioning this entity, and select it.
    FilterEntity(EntityId),
    /// Remove the entity filter at this position.
    RemoveEntityFilter(usize),
    /// Set the free-text query.
    SetText(String),
    /// Filter events (and their documents) to a date range.
    SetDateRange(Option<PartialDate>, Option<PartialDate>),
    /// Add or remove an event kind from the filter.
    ToggleEventKind(EventKind),
    /// Select an event: open its document at the evidence.
    SelectEvent(EventRef),
    /// Open a document at one mention and select its entity (concordance, tooltips).
    OpenMention(MentionRef),
    /// Move to the next (+1) or previous (−1) mention of the selected entity in the reader.
    StepMention(i32),
    /// Switch highlighting of an entity kind on or off.
    ToggleHiddenKind(EntityKind),
    /// Sort the sidebar.
    SetEntitySort(EntitySort),
    /// Sort the document list by this column (a second click reverses).
    SortDocs(DocColumn),
    /// Show the concordance of an entity.
    ShowConcordance(EntityId),
    /// Clear the selection.
    ClearSelection,
    /// Clear every filter.
    ClearFilters,
    /// Ask for a folder to open.
    OpenCorpusDialog,
    /// Open these files and folders.
    OpenCorpus(Vec<PathBuf>),
    /// Stop the running load.
    CancelLoad,
    /// Ask where to export this part of the filtered selection.
    ExportDialog(crate::export::What),
    /// Switch language.
    SetLang(Lang),
    /// Switch theme.
    SetTheme(ThemeChoice),
    /// Show or hide the timeline.
    ToggleTimeline,
    /// Select the entity of this mention and make it the current one (reader clicks).
    SelectMention(MentionRef),
    /// Open a correction dialog.
    OpenEditor(EditRequest),
    /// Record a correction: saved to the sidecar, store rebuilt.
    Correct(Correction),
    /// Take the last correction back (Ctrl+Z).
    Undo,
    /// Put the last undone correction back (Ctrl+Shift+Z).
    Redo,
    /// Show the list of warnings and orphaned corrections.
    ShowWarnings,
}

/// Which correction dialog to open, on what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditRequest {
    /// Give an entity another canonical name.
    Rename(EntityId),
    /// Merge an entity into another one.
    Merge(EntityId),
    /// Make the mention's text an entity of its own.
    SplitAlias(MentionRef),
    /// Add a missed mention at this span of a document.
    AddMention(DocIx, Span),
    /// Edit an event.
    EditEvent(EventRef),
    /// Add an event read from this span of a document.
    AddEvent(DocIx, Span),
}
