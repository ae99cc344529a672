//! The top bar: brand, search box, active filter chips (× removes), corpus name and load
//! progress (files, MB, warnings), open/export buttons and the settings menu.

use egui::{Color32, ProgressBar, RichText, Stroke, TextEdit};

use crate::model::EntityKind;

use super::i18n::{Lang, Msg};
use super::loader::{LoadStatus, Loader};
use super::theme::ThemeChoice;
use super::view::{Action, View};

/// The top bar's own state.
#[derive(Debug, Default)]
pub struct TopBar {
    /// The text in the search box (mirrors the filter's text).
    pub search: String,
}

/// What the top bar shows about the corpus.
pub struct CorpusInfo<'a> {
    /// Its name.
    pub label: &'a str,
    /// The running or last load.
    pub loader: Option<&'a Loader>,
    /// Is the timeline shown?
    pub timeline_open: bool,
    /// Can exports be made?
    pub can_export: bool,
    /// Is there a correction to undo?
    pub can_undo: bool,
    /// Is there a correction to redo?
    pub can_redo: bool,
    /// Load warnings and orphaned corrections.
    pub warnings: usize,
}

impl TopBar {
    /// Draws the bar.
    pub fn ui(&mut self, view: &View<'_>, info: &CorpusInfo<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let palette = view.palette;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new("Passerelle")
                    .size(19.0)
                    .strong()
                    .color(palette.accent),
            );
            ui.add_space(10.0);
            let label = ui.label(RichText::new(view.t(Msg::Search)).color(palette.weak));
            let edit_id = egui::Id::unique("search_box");
            let has_focus = ui.memory(|m| m.has_focus(edit_id));
            if !has_focus && self.search != view.filter.text {
                self.search.clone_from(&view.filter.text);
            }
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.search)
                        .id(edit_id)
                        .hint_text(view.t(Msg::SearchHint))
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if response.changed() {
                actions.push(Action::SetText(self.search.clone()));
            }
            chips_ui(view, ui, &mut actions);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                settings_ui(view, info, ui, &mut actions);
                ui.add_enabled_ui(info.can_export, |ui| {
                    ui.menu_button(view.t(Msg::Export), |ui| {
                        for what in crate::export::What::ALL {
                            if ui
                                .button(super::export_ui::what_label(what, view.lang))
                                .clicked()
                            {
                                actions.push(Action::ExportDialog(what));
                                ui.close();
                            }
                        }
                    })
                    .response
                    .on_hover_text(view.t(Msg::ExportTip));
                });
                if ui
                    .button(view.t(Msg::Open))
                    .on_hover_text(view.t(Msg::OpenTip))
                    .clicked()
                {
                    actions.push(Action::OpenCorpusDialog);
                }
                ui.separator();
                edit_buttons_ui(view, info, ui, &mut actions);
                corpus_ui(view, info, ui, &mut actions);
            });
        });
        actions
    }
}

fn chips_ui(view: &View<'_>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let palette = view.palette;
    let chip = |ui: &mut egui::Ui, text: String, fill: Color32, stroke: Color32| {
        ui.add(
            egui::Button::new(RichText::new(format!("{text}  ×")).color(palette.text))
                .fill(fill)
                .stroke(Stroke::new(1.0, stroke))
                .corner_radius(11),
        )
    };
    for (i, name) in view.filter.entities.iter().enumerate() {
        let kind = view
            .store
            .find_entities(name)
            .first()
            .and_then(|&id| view.store.entity(id))
            .map_or(EntityKind::Place, |e| e.kind);
        if chip(
            ui,
            name.clone(),
            palette.entity_bg(kind),
            palette.entity(kind),
        )
        .clicked()
        {
            actions.push(Action::RemoveEntityFilter(i));
        }
    }
    for &kind in &view.filter.kinds {
        let colour = palette.event(kind);
        if chip(
            ui,
            view.lang.event_kind(kind).to_owned(),
            colour.gamma_multiply(0.2),
            colour,
        )
        .clicked()
        {
            actions.push(Action::ToggleEventKind(kind));
        }
    }
    if view.filter.from.is_some() || view.filter.to.is_some() {
        let text = format!(
            "{} → {}",
            view.filter
                .from
                .map(|d| view.lang.date(&d))
                .unwrap_or_default(),
            view.filter
                .to
                .map(|d| view.lang.date(&d))
                .unwrap_or_default()
        );
        if chip(
            ui,
            text,
            palette.accent.gamma_multiply(0.15),
            palette.accent,
        )
        .clicked()
        {
            actions.push(Action::SetDateRange(None, None));
        }
    }
    if !view.filter.is_empty()
        && ui
            .add(
                egui::Button::new(RichText::new(view.t(Msg::ClearFilters)).color(palette.accent))
                    .frame(false),
            )
            .on_hover_text("Esc Esc")
            .clicked()
    {
        actions.push(Action::ClearFilters);
    }
}

/// Undo, redo (right to left) and the warnings button.
fn edit_buttons_ui(
    view: &View<'_>,
    info: &CorpusInfo<'_>,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let lang = view.lang;
    if ui
        .add_enabled(
            info.can_redo,
            egui::Button::new(lang.pick("Refaire", "Redo")),
        )
        .on_hover_text("Ctrl+Shift+Z")
        .clicked()
    {
        actions.push(Action::Redo);
    }
    if ui
        .add_enabled(
            info.can_undo,
            egui::Button::new(lang.pick("Défaire", "Undo")),
        )
        .on_hover_text("Ctrl+Z")
        .clicked()
    {
        actions.push(Action::Undo);
    }
    if info.warnings > 0
        && ui
            .button(
                RichText::new(format!(
                    "{} {}",
                    lang.count(info.warnings),
                    view.t(if info.warnings == 1 {
                        Msg::Warning
                    } else {
                        Msg::Warnings
                    })
                ))
                .color(view.palette.warn),
            )
            .clicked()
    {
        actions.push(Action::ShowWarnings);
    }
    ui.separator();
}

fn corpus_ui(view: &View<'_>, info: &CorpusInfo<'_>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let palette = view.palette;
    let lang = view.lang;
    match info.loader {
        Some(loader) if loader.is_running() => {
            if ui.button(view.t(Msg::Cancel)).clicked() {
                actions.push(Action::CancelLoad);
            }
            let p = &loader.progress;
            // short enough for the bar; warnings only when there are. The elapsed seconds
            // show that work goes on while the bar stands still (reading a cache, indexing):
            // an animated bar would repaint every frame, and drawing (software rendering on
            // some laptops) would take a core from the loader.
            let mut text = format!(
                "{}/{} {} · {} · {} s",
                lang.count(p.files_done),
                lang.count(p.files_total),
                view.t(Msg::Files),
                lang.megabytes(p.bytes_done),
                loader.started.elapsed().as_secs(),
            );
            if p.warnings > 0 {
                let noun = view.t(if p.warnings == 1 {
                    Msg::Warning
                } else {
                    Msg::Warnings
                });
                text.push_str(&format!(" · {} {noun}", lang.count(p.warnings)));
            }
            ui.add(
                ProgressBar::new(loader.fraction())
                    .desired_width(300.0)
                    .text(text),
            );
        }
        _ => {
            if let Some(loader) = info.loader
                && let LoadStatus::Failed(reason) = &loader.status
            {
                ui.label(RichText::new(reason).color(palette.warn));
            }
            ui.label(
                RichText::new(format!(
                    "{} {} · {}",
                    lang.count(view.store.docs().len()),
                    view.t(Msg::Documents).to_lowercase(),
                    lang.megabytes(view.store.total_bytes())
                ))
                .color(palette.weak),
            );
            ui.label(RichText::new(info.label).strong())
                .on_hover_text(info.label);
        }
    }
}

fn settings_ui(
    view: &View<'_>,
    info: &CorpusInfo<'_>,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    ui.menu_button(view.t(Msg::Settings), |ui| {
        ui.label(RichText::new(view.t(Msg::Language)).strong());
        for (lang, name) in [(Lang::Fr, "Français"), (Lang::En, "English")] {
            if ui.radio(view.lang == lang, name).clicked() {
                actions.push(Action::SetLang(lang));
            }
        }
        ui.separator();
        ui.label(RichText::new(view.t(Msg::Theme)).strong());
        for (theme, msg) in [
            (ThemeChoice::Light, Msg::Light),
            (ThemeChoice::Dark, Msg::Dark),
        ] {
            if ui
                .radio(
                    view.palette.dark == (theme == ThemeChoice::Dark),
                    view.t(msg),
                )
                .clicked()
            {
                actions.push(Action::SetTheme(theme));
            }
        }
        ui.separator();
        if ui
            .checkbox(&mut info.timeline_open.clone(), view.t(Msg::Timeline))
            .clicked()
        {
            actions.push(Action::ToggleTimeline);
        }
    });
}
