//! The app itself: owns the store, the one [`AppState`], the cached query result and every
//! pane; builds a [`View`] each frame, lets the panes draw, then applies their [`Action`]s.
//! When an action changes what panes show, the pass is discarded and redrawn at once, so a
//! click in any pane updates all the others in the same frame. eframe and the kittest
//! harness both drive [`PasserelleApp::ui`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::corpus::CorpusSource;
use crate::extract::Extractor;
use crate::model::EntityKind;
use crate::query::{self, Filter, QueryResult};
use crate::store::{EntityId, EventRef, Store};

use super::concordance::Concordance;
use super::dialogs::{FileDialogs, FixedDialogs, Picked};
use super::doc_list::DocList;
use super::editor::Editor;
use super::edits::Edits;
use super::i18n::Msg;
use super::loader::Loader;
use super::reader::{Reader, ScrollTarget};
use super::screenshot::ScreenshotJob;
use super::sidebar::Sidebar;
use super::state::AppState;
use super::theme::{Palette, ThemeChoice};
use super::timeline::Timeline;
use super::top_bar::{CorpusInfo, TopBar};
use super::view::{Action, DocMeta, View};

/// How often the app redraws while a corpus loads (progress bar, panes filling): a few
/// times a second, so that drawing (software rendering on some laptops) leaves the cores
/// to the extraction.
pub(super) const LOADING_REPAINT: Duration = Duration::from_millis(250);

mod correcting;
mod presenting;

/// The [`View`] of the app's fields, borrowing each field apart so panes can be borrowed
/// mutably beside it.
macro_rules! view_of {
    ($app:expr) => {
        View {
            store: &$app.store,
            store_gen: $app.store_gen,
            result: &$app.result,
            result_gen: $app.result_gen,
            filter: &$app.state.filter,
            selection: &$app.state.selection,
            doc_meta: &$app.doc_meta,
            palette: &$app.palette,
            lang: $app.state.lang,
            hidden_kinds: &$app.state.hidden_kinds,
            entity_sort: $app.state.entity_sort,
            doc_sort: ($app.state.doc_sort, $app.state.doc_sort_ascending),
        }
    };
}
pub(crate) use view_of;

/// Why a path is being asked for in the app (no native dialog available).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    /// A folder or file to open.
    Open,
    /// A file to export to.
    Export,
}

/// The in-app path field shown when no native dialog is available.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    /// What to export (for [`PromptPurpose::Export`]).
    pub what: crate::export::What,
    /// What the path is for.
    pub purpose: PromptPurpose,
    /// The text typed so far.
    pub text: String,
}

/// The selection as stable keys, to carry it across a store rebuild.
struct SelectionKeys {
    doc_id: Option<String>,
    entity: Option<(EntityKind, String)>,
    event: Option<(String, usize)>,
}

/// The Passerelle desktop app.
pub struct PasserelleApp {
    /// The persisted state (filter, sizes, language, theme …) and the selection.
    pub state: AppState,
    store: Arc<Store>,
    store_gen: u64,
    result: Arc<QueryResult>,
    result_gen: u64,
    result_filter: Option<Filter>,
    doc_meta: Vec<DocMeta>,
    palette: Palette,
    applied_theme: Option<ThemeChoice>,
    loader: Option<Loader>,
    extractor: Option<Arc<Extractor>>,
    corpus_label: String,
    /// A document id to open once it is loaded (`--select`, restored state).
    pending_select: Option<String>,
    /// The document list pane.
    pub doc_list: DocList,
    /// The reader pane.
    pub reader: Reader,
    /// The entity sidebar pane.
    pub sidebar: Sidebar,
    /// The timeline pane.
    pub timeline: Timeline,
    /// The map tab and presentation mode.
    pub demo: super::present::Demo,
    /// The top bar.
    pub top_bar: TopBar,
    /// The concordance window.
    pub concordance: Concordance,
    dialogs: Box<dyn FileDialogs>,
    /// The path field, when shown.
    pub prompt: Option<PathPrompt>,
    toast: Option<(String, Instant)>,
    /// The `--screenshot` job, if any.
    pub screenshot: Option<ScreenshotJob>,
    /// Milliseconds the last `ui` call took.
    pub last_frame_ms: f32,
    fonts_installed: bool,
    last_export: crate::export::What,
    /// The researcher's corrections of this corpus (undo / redo stack, sidecar).
    pub edits: Edits,
    /// The correction dialogs and the warnings window.
    pub editor: Editor,
    /// A store being rebuilt with edited corrections on a background thread.
    rebuild: Option<correcting::PendingRebuild>,
}

impl PasserelleApp {
    /// An app over a ready store: no loader, no persistence, no native dialogs (tests).
    pub fn with_store(store: Arc<Store>) -> Self {
        let mut app = Self {
            state: AppState::default(),
            store: Arc::new(Store::default()),
            store_gen: 0,
            result: Arc::new(QueryResult::default()),
            result_gen: 0,
            result_filter: None,
            doc_meta: Vec::new(),
            palette: Palette::new(ThemeChoice::Light),
            applied_theme: None,
            loader: None,
            extractor: None,
            corpus_label: String::new(),
            pending_select: None,
            doc_list: DocList::default(),
            reader: Reader::default(),
            sidebar: Sidebar::default(),
            timeline: Timeline::default(),
            demo: super::present::Demo::default(),
            top_bar: TopBar::default(),
            concordance: Concordance::default(),
            dialogs: Box::new(FixedDialogs::default()),
            prompt: None,
            toast: None,
            screenshot: None,
            last_frame_ms: 0.0,
            fonts_installed: false,
            last_export: crate::export::What::default(),
            edits: Edits::default(),
            editor: Editor::default(),
            rebuild: None,
        };
        app.set_store(store);
        app
    }

    /// An app that loads `source` in the background with `extractor`, starting from `state`.
    pub fn loading(
        state: AppState,
        source: CorpusSource,
        extractor: Arc<Extractor>,
        ctx: &egui::Context,
    ) -> Self {
        let mut app = Self::with_store(Arc::new(Store::default()));
        app.pending_select = state.open_doc_id.clone();
        app.state = state;
        app.extractor = Some(extractor);
        app.start_load(source, ctx);
        app
    }

    /// Keeps the corrections in this sidecar file (read now, written after every edit);
    /// `None` keeps them in memory only. Loading a corpus sets its own sidecar.
    pub fn set_corrections_file(&mut self, sidecar: Option<PathBuf>) {
        self.edits = Edits::with_sidecar(sidecar);
    }

    /// Uses these file dialogs (rfd in the app, fixed paths in tests).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }

    /// Opens this document once it is loaded.
    pub fn select_when_loaded(&mut self, doc_id: Option<String>) {
        self.pending_select = doc_id;
        self.apply_pending_select();
    }

    /// Opens the pending document if the store has it; once loading is over, an unknown
    /// id is dropped.
    fn apply_pending_select(&mut self) {
        let Some(id) = self.pending_select.clone() else {
            return;
        };
        if let Some(doc) = self.store.doc_by_id(&id) {
            self.pending_select = None;
            self.state.selection.doc = Some(doc);
            self.reader.scroll_target = Some(ScrollTarget::Top);
        } else if !self.is_loading() && self.loader.as_ref().is_none_or(|l| l.load_secs.is_some()) {
            self.pending_select = None;
        }
    }

    /// The store shown.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// What the filter selects.
    pub fn result(&self) -> &QueryResult {
        &self.result
    }

    /// True while a corpus is loading.
    pub fn is_loading(&self) -> bool {
        self.loader.as_ref().is_some_and(Loader::is_running)
    }

    fn start_load(&mut self, source: CorpusSource, ctx: &egui::Context) {
        let Some(extractor) = self.extractor.clone() else {
            return;
        };
        if let Some(old) = &self.loader {
            old.cancel();
        }
        self.corpus_label = source.label();
        self.edits = Edits::for_source(&source);
        self.rebuild = None;
        self.state.last_corpus = match &source {
            CorpusSource::Bundled => None,
            CorpusSource::Paths(p) => Some(p.clone()),
        };
        let repaint = ctx.clone();
        self.loader = Some(Loader::start(source, extractor, move || {
            repaint.request_repaint_after(LOADING_REPAINT);
        }));
    }

    fn selection_keys(&self) -> SelectionKeys {
        let store = &self.store;
        let sel = &self.state.selection;
        SelectionKeys {
            doc_id: sel
                .doc
                .and_then(|d| store.doc(d))
                .map(|a| a.doc.doc_id.clone()),
            entity: sel
                .entity
                .and_then(|e| store.entity(e))
                .map(|e| (e.kind, e.canonical.clone())),
            event: sel.event.and_then(|e| {
                store
                    .doc(e.doc())
                    .map(|a| (a.doc.doc_id.clone(), e.event()))
            }),
        }
    }

    /// Replaces the store, carrying the selection over by document id and entity name.
    pub fn set_store(&mut self, store: Arc<Store>) {
        let keys = self.selection_keys();
        self.store = store;
        self.store_gen += 1;
        self.doc_meta = DocMeta::for_store(&self.store);
        let store = &self.store;
        let sel = &mut self.state.selection;
        sel.doc = keys.doc_id.as_deref().and_then(|id| store.doc_by_id(id));
        sel.entity = keys
            .entity
            .and_then(|(kind, name)| find_entity(store, kind, &name));
        sel.event = keys.event.and_then(|(id, event)| {
            let doc = store.doc_by_id(&id)?;
            let r = EventRef::new(doc, event);
            store.event(r).map(|_| r)
        });
        if self.pending_select.is_some() {
            self.apply_pending_select();
        }
        self.result_filter = None;
        self.refresh_result();
    }

    fn refresh_result(&mut self) {
        if self.result_filter.as_ref() == Some(&self.state.filter) {
            return;
        }
        self.result = Arc::new(query::run(&self.store, &self.state.filter));
        self.result_gen += 1;
        self.result_filter = Some(self.state.filter.clone());
    }

    /// Draws the whole app and applies what the panes asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let started = Instant::now();
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            super::theme::install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_discard("fonts installed");
        }
        if self.applied_theme != Some(self.state.theme) {
            self.palette = Palette::new(self.state.theme);
            self.palette.apply(&ctx);
            self.applied_theme = Some(self.state.theme);
        }
        if let Some(loader) = &mut self.loader
            && let Some(store) = loader.poll()
        {
            self.set_store(store);
        }
        self.poll_rebuild();
        self.refresh_result();
        if self.pending_select.is_some() && !self.is_loading() {
            self.apply_pending_select();
        }
        let actions = self.demo_or_panes_ui(ui);
        let changed = !actions.is_empty();
        for action in actions {
            self.apply(action, &ctx);
        }
        self.refresh_result();
        if changed {
            ctx.request_discard("an action changed what the panes show");
        }
        self.overlays_ui(&ctx);
        if let Some(job) = &mut self.screenshot {
            let is_ready = self.loader.as_ref().is_none_or(|l| !l.is_running())
                && self.pending_select.is_none();
            job.tick(&ctx, is_ready);
        }
        if self.is_loading() {
            ctx.request_repaint_after(LOADING_REPAINT);
        }
        self.last_frame_ms = started.elapsed().as_secs_f32() * 1000.0;
    }

    fn global_input(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        // a focused text field keeps Ctrl+Z for its own undo
        if !ui.ctx().egui_wants_keyboard_input() {
            let (redo, undo) = ui.input_mut(|i| {
                let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
                // redo first: Ctrl+Z also matches Ctrl+Shift+Z
                let redo = i.consume_shortcut(&redo);
                let undo = i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z));
                (redo, undo)
            });
            if redo {
                actions.push(Action::Redo);
            } else if undo {
                actions.push(Action::Undo);
            }
        }
        let (open, export, escape, dropped) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)),
                i.key_pressed(Key::Escape),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect::<Vec<PathBuf>>(),
            )
        });
        if open {
            actions.push(Action::OpenCorpusDialog);
        }
        if export && !self.store.docs().is_empty() {
            actions.push(Action::ExportDialog(self.last_export));
        }
        let popup_open = self.prompt.is_some()
            || self.concordance.entity.is_some()
            || self.editor.dialog.is_some();
        if escape && self.editor.dialog.is_some() {
            self.editor.dialog = None;
        } else if escape && !popup_open {
            if self.state.selection.is_empty() {
                actions.push(Action::ClearFilters);
            } else {
                actions.push(Action::ClearSelection);
            }
        } else if escape && self.prompt.is_some() {
            self.prompt = None;
        } else if escape {
            self.concordance.entity = None;
        }
        if !dropped.is_empty() {
            actions.push(Action::OpenCorpus(dropped));
        }
        actions
    }

    fn panes_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let view = view_of!(self);
        let palette = &self.palette;
        let info = CorpusInfo {
            label: &self.corpus_label,
            loader: self.loader.as_ref(),
            timeline_open: self.state.timeline_open,
            can_export: !self.store.docs().is_empty(),
            can_undo: self.edits.can_undo(),
            can_redo: self.edits.can_redo(),
            warnings: self.store.warnings().len() + self.store.correction_report().orphaned.len(),
        };
        let bar_frame = egui::Frame::new()
            .fill(palette.paper)
            .inner_margin(egui::Margin::symmetric(12, 8))
            .stroke(egui::Stroke::new(1.0, palette.line));
        egui::Panel::top("top_bar")
            .frame(bar_frame)
            .show(ui, |ui| actions.extend(self.top_bar.ui(&view, &info, ui)));
        let panel_frame = egui::Frame::new()
            .fill(palette.panel)
            .inner_margin(egui::Margin::symmetric(10, 6));
        let sizes = &mut self.state.sizes;
        let timeline = &mut self.timeline;
        let demo = &mut self.demo;
        let shown = egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(sizes.timeline)
            .min_size(120.0)
            .frame(panel_frame)
            .show_collapsible(ui, &mut self.state.timeline_open, |ui| {
                actions.extend(demo.bottom_ui(timeline, &view, ui));
                ui.take_available_space();
            });
        if let Some(r) = shown {
            sizes.timeline = r.response.rect.height();
        }
        let sidebar = &mut self.sidebar;
        let r = egui::Panel::left("sidebar")
            .resizable(true)
            .default_size(sizes.sidebar)
            .min_size(180.0)
            .frame(panel_frame)
            .show(ui, |ui| {
                actions.extend(sidebar.ui(&view, ui));
                ui.take_available_space();
            });
        sizes.sidebar = r.response.rect.width();
        let doc_list = &mut self.doc_list;
        let reader = &mut self.reader;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(palette.panel))
            .show(ui, |ui| {
                let r = egui::Panel::top("doc_list")
                    .resizable(true)
                    .default_size(sizes.doc_list)
                    .min_size(90.0)
                    .frame(
                        egui::Frame::new()
                            .fill(palette.paper)
                            .inner_margin(egui::Margin::symmetric(10, 6)),
                    )
                    .show(ui, |ui| {
                        actions.extend(doc_list.ui(&view, ui));
                        ui.take_available_space();
                    });
                sizes.doc_list = r.response.rect.height();
                egui::CentralPanel::default()
                    .frame(egui::Frame::new().fill(palette.panel))
                    .show(ui, |ui| actions.extend(reader.ui(&view, ui)));
            });
        actions.extend(self.concordance.ui(&view, ui.ctx()));
        actions.extend(self.editor.ui(&view, ui.ctx()));
        if self.editor.warnings_open {
            let mut open = true;
            super::editor::warnings_ui(&view, &self.edits, &mut open, ui.ctx());
            self.editor.warnings_open = open;
        }
        actions
    }

    fn overlays_ui(&mut self, ctx: &egui::Context) {
        let lang = self.state.lang;
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(140));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                lang.t(Msg::DropHint),
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }
        if let Some(prompt) = self.prompt.clone() {
            self.prompt_ui(ctx, prompt);
        }
        if let Some((text, since)) = &self.toast {
            if since.elapsed() > Duration::from_secs(6) {
                self.toast = None;
            } else {
                let text = text.clone();
                egui::Area::new(egui::Id::unique("toast"))
                    .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -16.0])
                    .order(egui::Order::Foreground)
                    .show(ctx, |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.label(RichText::new(text).strong());
                        });
                    });
                ctx.request_repaint_after(Duration::from_millis(500));
            }
        }
    }

    fn prompt_ui(&mut self, ctx: &egui::Context, mut prompt: PathPrompt) {
        let lang = self.state.lang;
        let (title, field) = match prompt.purpose {
            PromptPurpose::Open => (lang.t(Msg::OpenCorpusTitle), lang.t(Msg::CorpusPath)),
            PromptPurpose::Export => (lang.t(Msg::ExportTitle), lang.t(Msg::ExportPath)),
        };
        let mut submit = false;
        let mut close = false;
        egui::Window::new(title)
            .id(egui::Id::unique("path_prompt"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                let label = ui.label(field);
                let r = ui
                    .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(420.0))
                    .labelled_by(label.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    submit = true;
                }
                ui.horizontal(|ui| {
                    let ok = match prompt.purpose {
                        PromptPurpose::Open => lang.t(Msg::OpenButton),
                        PromptPurpose::Export => lang.t(Msg::ExportTitle),
                    };
                    if ui.button(ok).clicked() {
                        submit = true;
                    }
                    if ui.button(lang.t(Msg::Cancel)).clicked() {
                        close = true;
                    }
                });
            });
        if close {
            self.prompt = None;
        } else if submit && !prompt.text.trim().is_empty() {
            self.prompt = None;
            let path = PathBuf::from(prompt.text.trim());
            match prompt.purpose {
                PromptPurpose::Open => self.open_paths(vec![path], ctx),
                PromptPurpose::Export => self.export_to(prompt.what, &path),
            }
        } else {
            self.prompt = Some(prompt);
        }
    }

    fn open_paths(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if self.extractor.is_none() {
            self.extractor = Extractor::new().ok().map(Arc::new);
        }
        self.state.filter = Filter::default();
        self.state.selection = super::state::Selection::default();
        self.timeline.view_range = None;
        self.start_load(CorpusSource::Paths(paths), ctx);
    }

    fn export_to(&mut self, what: crate::export::What, path: &std::path::Path) {
        let message =
            super::export_ui::export(&self.store, &self.result, what, path, self.state.lang);
        self.toast = Some((message.unwrap_or_else(|e| e), Instant::now()));
    }

    /// Shows a short message at the bottom of the window (export result, a settings problem).
    pub fn show_toast(&mut self, message: String) {
        self.toast = Some((message, Instant::now()));
    }

    /// The message of the last toast (export result), if still shown.
    pub fn toast(&self) -> Option<&str> {
        self.toast.as_ref().map(|(t, _)| t.as_str())
    }

    #[allow(clippy::too_many_lines)] // one match over every action
    fn apply(&mut self, action: Action, ctx: &egui::Context) {
        let sel = &mut self.state.selection;
        match action {
            Action::OpenDoc(doc) => {
                sel.doc = Some(doc);
                sel.event = None;
                sel.mention_cursor = 0;
                self.reader.scroll_target = Some(ScrollTarget::Top);
                self.doc_list.cursor = Some(doc);
            }
            Action::SelectEntity(entity) => {
                sel.entity = entity;
                sel.mention_cursor = 0;
            }
            Action::FilterEntity(entity_id) => {
                let Some(entity) = self.store.entity(entity_id) else {
                    return;
                };
                let name = entity.canonical.clone();
                if let Some(pos) = self.state.filter.entities.iter().position(|n| *n == name) {
                    self.state.filter.entities.remove(pos);
                    if sel.entity == Some(entity_id) {
                        sel.entity = None;
                    }
                } else {
                    self.state.filter.entities.push(name);
                    sel.entity = Some(entity_id);
                    sel.mention_cursor = 0;
                    // keep the open document if it mentions the entity, else open the first
                    let docs = self.store.docs_of(entity_id);
                    if sel.doc.is_none_or(|d| !docs.contains(&d))
                        && let Some(&first) = docs.first()
                    {
                        sel.doc = Some(first);
                        sel.event = None;
                    }
                    if let Some(doc) = sel.doc {
                        let first = entity_mentions_first(&self.store, doc, entity_id);
                        self.reader.scroll_target = first.map(ScrollTarget::Byte);
                    }
                }
            }
            Action::RemoveEntityFilter(i) => {
                if i < self.state.filter.entities.len() {
                    self.state.filter.entities.remove(i);
                }
            }
            Action::SetText(text) => self.state.filter.text = text,
            Action::SetDateRange(from, to) => {
                self.state.filter.from = from;
                self.state.filter.to = to;
            }
            Action::ToggleEventKind(kind) => {
                let kinds = &mut self.state.filter.kinds;
                if let Some(p) = kinds.iter().position(|k| *k == kind) {
                    kinds.remove(p);
                } else {
                    kinds.push(kind);
                }
            }
            Action::SelectEvent(event_ref) => {
                let Some(event) = self.store.event(event_ref) else {
                    return;
                };
                sel.event = Some(event_ref);
                sel.doc = Some(event_ref.doc());
                self.reader.scroll_target = Some(ScrollTarget::Byte(event.evidence.start()));
            }
            Action::OpenMention(mention_ref) => {
                let Some(mention) = self.store.mention(mention_ref) else {
                    return;
                };
                let entity = self.store.entity_of_mention(mention_ref);
                sel.doc = Some(mention_ref.doc);
                sel.entity = entity;
                sel.event = None;
                sel.mention_cursor = 0;
                if let Some(entity) = entity {
                    let here = mentions_in(&self.store, mention_ref.doc, entity);
                    sel.mention_cursor = here
                        .iter()
                        .position(|&m| m == mention_ref.mention)
                        .unwrap_or(0);
                }
                self.reader.scroll_target = Some(ScrollTarget::Byte(mention.span.start()));
            }
            Action::StepMention(delta) => {
                let (Some(doc), Some(entity)) = (sel.doc, sel.entity) else {
                    return;
                };
                let here = mentions_in(&self.store, doc, entity);
                if here.is_empty() {
                    return;
                }
                let n = here.len();
                let cur = sel.mention_cursor % n;
                let next = if delta >= 0 {
                    (cur + 1) % n
                } else {
                    (cur + n - 1) % n
                };
                sel.mention_cursor = next;
                let target = here
                    .get(next)
                    .and_then(|&m| {
                        self.store
                            .mention(crate::store::MentionRef { doc, mention: m })
                    })
                    .map(|m| m.span.start());
                self.reader.scroll_target = target.map(ScrollTarget::Byte);
            }
            Action::ToggleHiddenKind(kind) => {
                let hidden = &mut self.state.hidden_kinds;
                if let Some(p) = hidden.iter().position(|k| *k == kind) {
                    hidden.remove(p);
                } else {
                    hidden.push(kind);
                }
            }
            Action::SetEntitySort(sort) => self.state.entity_sort = sort,
            Action::SortDocs(column) => {
                if self.state.doc_sort == column {
                    self.state.doc_sort_ascending = !self.state.doc_sort_ascending;
                } else {
                    self.state.doc_sort = column;
                    self.state.doc_sort_ascending = true;
                }
            }
            Action::ShowConcordance(entity) => self.concordance.entity = Some(entity),
            Action::ClearSelection => *sel = super::state::Selection::default(),
            Action::ClearFilters => self.state.filter = Filter::default(),
            Action::OpenCorpusDialog => match self.dialogs.pick_folder() {
                Picked::Path(p) => self.open_paths(vec![p], ctx),
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    self.prompt = Some(PathPrompt {
                        what: crate::export::What::default(),
                        purpose: PromptPurpose::Open,
                        text: String::new(),
                    });
                }
            },
            Action::OpenCorpus(paths) => self.open_paths(paths, ctx),
            Action::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Action::ExportDialog(what) => {
                self.last_export = what;
                let name = super::export_ui::default_name(what);
                match self.dialogs.save_file(&name) {
                    Picked::Path(p) => self.export_to(what, &p),
                    Picked::Cancelled => {}
                    Picked::Unavailable => {
                        self.prompt = Some(PathPrompt {
                            what,
                            purpose: PromptPurpose::Export,
                            text: name,
                        });
                    }
                }
            }
            Action::SetLang(lang) => self.state.lang = lang,
            Action::SetTheme(theme) => self.state.theme = theme,
            Action::ToggleTimeline => self.state.timeline_open = !self.state.timeline_open,
            Action::SelectMention(mention_ref) => {
                let entity = self.store.entity_of_mention(mention_ref);
                sel.entity = entity;
                sel.mention_cursor = entity.map_or(0, |entity| {
                    mentions_in(&self.store, mention_ref.doc, entity)
                        .iter()
                        .position(|&m| m == mention_ref.mention)
                        .unwrap_or(0)
                });
            }
            Action::OpenEditor(request) => self.editor.open(request, &self.store),
            Action::Correct(correction) => self.correct(correction, ctx),
            Action::Undo => self.undo(ctx),
            Action::Redo => self.redo(ctx),
            Action::ShowWarnings => self.editor.warnings_open = true,
        }
        self.state.open_doc_id = self
            .state
            .selection
            .doc
            .and_then(|d| self.store.doc(d))
            .map(|a| a.doc.doc_id.clone());
    }
}

fn find_entity(store: &Store, kind: EntityKind, name: &str) -> Option<EntityId> {
    store.find_entities(name).iter().copied().find(|&id| {
        store
            .entity(id)
            .is_some_and(|e| e.kind == kind && e.canonical == name)
    })
}

fn mentions_in(store: &Store, doc: crate::store::DocIx, entity: EntityId) -> Vec<usize> {
    let Some(analysed) = store.doc(doc) else {
        return Vec::new();
    };
    (0..analysed.analysis.mentions.len())
        .filter(|&mention| {
            store.entity_of_mention(crate::store::MentionRef { doc, mention }) == Some(entity)
        })
        .collect()
}

fn entity_mentions_first(
    store: &Store,
    doc: crate::store::DocIx,
    entity: EntityId,
) -> Option<usize> {
    let first = *mentions_in(store, doc, entity).first()?;
    store
        .mention(crate::store::MentionRef {
            doc,
            mention: first,
        })
        .map(|m| m.span.start())
}
