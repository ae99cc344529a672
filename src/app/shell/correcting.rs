//! Corrections in the app: record, undo, redo; after each, the sidecar is written and the
//! store rebuilt from the raw analyses kept by the loader (no file read, no re-analysis).
//! A large corpus is rebuilt on a background thread so the window stays responsive; the
//! new store replaces the old one when it is ready (the newest edit wins).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use crate::corrections::{Anchor, Correction};
use crate::store::{EntityId, MentionRef, Store};

use super::PasserelleApp;

/// Corpora with at least this many documents are rebuilt off the UI thread (about 0.1 s
/// of rebuilding in a release build; smaller ones are rebuilt at once, within the frame).
const BACKGROUND_REBUILD_DOCS: usize = 2_000;

/// A rebuild running on its thread.
#[derive(Debug)]
pub(super) struct PendingRebuild {
    store: Receiver<Store>,
    anchor: Option<Anchor>,
}

impl PasserelleApp {
    /// Records a correction, saves it and shows its effect.
    pub(super) fn correct(&mut self, correction: Correction, ctx: &egui::Context) {
        if self.is_loading() || !self.store.can_rebuild() {
            let lang = self.state.lang;
            let text = lang.pick(
                "Corrections possibles une fois le corpus chargé",
                "Corrections are possible once the corpus is loaded",
            );
            self.toast = Some((text.to_owned(), Instant::now()));
            return;
        }
        let anchor = entity_anchor_of(&correction);
        self.edits.record(correction);
        self.after_edit(anchor, ctx);
    }

    /// Takes the last correction back (Ctrl+Z).
    pub(super) fn undo(&mut self, ctx: &egui::Context) {
        if let Some(undone) = self.edits.undo() {
            let anchor = entity_anchor_of(undone);
            self.after_edit(anchor, ctx);
        }
    }

    /// Puts the last undone correction back (Ctrl+Shift+Z).
    pub(super) fn redo(&mut self, ctx: &egui::Context) {
        if let Some(redone) = self.edits.redo() {
            let anchor = entity_anchor_of(redone);
            self.after_edit(anchor, ctx);
        }
    }

    /// Saves the corrections and rebuilds the store. `anchor`: a mention whose entity is
    /// selected afterwards (the renamed, merged or split entity).
    fn after_edit(&mut self, anchor: Option<Anchor>, ctx: &egui::Context) {
        self.save_edits();
        if self.store.docs().len() < BACKGROUND_REBUILD_DOCS {
            self.rebuild = None;
            if let Some(store) = self.store.rebuild_with(self.edits.corrections()) {
                self.show_rebuilt(store, anchor);
            }
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let base = Arc::clone(&self.store);
        let corrections = self.edits.corrections().clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("corrections-rebuild".into())
            .spawn(move || {
                if let Some(store) = base.rebuild_with(&corrections) {
                    let _ = sender.send(store); // fails only if a newer edit replaced it
                    repaint.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.rebuild = Some(PendingRebuild {
                    store: receiver,
                    anchor,
                });
            }
            Err(e) => self.toast = Some((e.to_string(), Instant::now())),
        }
    }

    /// Shows the store of a finished background rebuild, if any.
    pub(super) fn poll_rebuild(&mut self) {
        let Some(pending) = &self.rebuild else {
            return;
        };
        match pending.store.try_recv() {
            Ok(store) => {
                let anchor = pending.anchor.clone();
                self.rebuild = None;
                self.show_rebuilt(store, anchor);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.rebuild = None,
        }
    }

    /// Writes the sidecar; a failure or a corrupt file kept aside is told in a toast.
    fn save_edits(&mut self) {
        let lang = self.state.lang;
        match self.edits.save() {
            Ok(saved) => {
                if let Some(backup) = saved.backup {
                    let text = format!(
                        "{} {}",
                        lang.pick(
                            "Fichier de corrections illisible conservé sous",
                            "Unreadable corrections file kept as"
                        ),
                        backup.display()
                    );
                    self.toast = Some((text, Instant::now()));
                }
            }
            Err(e) => self.toast = Some((e, Instant::now())),
        }
    }

    /// Replaces the store and keeps the edited entity selected; an entity filter on a name
    /// that no longer exists follows the edit.
    fn show_rebuilt(&mut self, store: Store, anchor: Option<Anchor>) {
        self.set_store(Arc::new(store));
        let Some(entity_id) = anchor.and_then(|a| entity_at(&self.store, &a)) else {
            return;
        };
        self.state.selection.entity = Some(entity_id);
        let Some(name) = self.store.entity(entity_id).map(|e| e.canonical.clone()) else {
            return;
        };
        let store = &self.store;
        let mut changed = false;
        for filtered in &mut self.state.filter.entities {
            if store.find_entities(filtered).is_empty() {
                filtered.clone_from(&name);
                changed = true;
            }
        }
        if changed {
            self.refresh_result();
        }
    }
}

/// The mention an entity-level correction is anchored on (the merged-into one for a merge).
fn entity_anchor_of(correction: &Correction) -> Option<Anchor> {
    match correction {
        Correction::Rename { mention, .. }
        | Correction::SplitAlias { mention, .. }
        | Correction::MarkWrong { mention, .. }
        | Correction::AddMention { mention, .. } => Some(mention.clone()),
        Correction::Merge { into, .. } => Some(into.clone()),
        _ => None,
    }
}

/// The entity of the mention at exactly the anchor's place, if any.
fn entity_at(store: &Store, anchor: &Anchor) -> Option<EntityId> {
    let doc = store.doc_by_id(&anchor.doc_id)?;
    let mentions = &store.doc(doc)?.analysis.mentions;
    let mention = mentions.iter().position(|m| m.span == anchor.span())?;
    store.entity_of_mention(MentionRef { doc, mention })
}
