//! Presentation mode and the map tab, the shell's side (issue 9): F5 / Esc, entering and
//! leaving (palette, zoom), the tour's steps from the filter or a tour file, saving the
//! filter as a tour. The mode itself (clock, layout) is in [`crate::app::present`].

use std::path::PathBuf;
use std::time::Instant;

use egui::{Key, Modifiers};

use super::{PasserelleApp, view_of};
use crate::app::dialogs::Picked;
use crate::app::present;
use crate::app::view::{Action, View};

impl PasserelleApp {
    /// The panes, or the presentation when it is on. F5 enters and leaves it, Esc leaves.
    pub(super) fn demo_or_panes_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let ctx = ui.ctx().clone();
        let f5 = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F5));
        let is_ready = !self.is_loading() && !self.store.docs().is_empty();
        if self.demo.is_presenting() {
            let escape = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
            if f5 || escape {
                self.leave_presentation(&ctx);
            }
        } else if f5 || (self.demo.pending_present && is_ready) {
            self.demo.pending_present = false;
            self.enter_presentation(&ctx);
        }
        if !self.demo.is_presenting() {
            let mut actions = self.global_input(ui);
            actions.extend(self.panes_ui(ui));
            match self.demo.request.take() {
                Some(present::DemoRequest::Present) => self.enter_presentation(&ctx),
                Some(present::DemoRequest::SaveTour) => self.save_tour(),
                None => {}
            }
            return actions;
        }
        let view = view_of!(self);
        self.demo.present_ui(&mut self.timeline, &view, ui)
    }

    /// Enters presentation mode: the tour file's events, else the filter's dated events in
    /// date order.
    pub fn enter_presentation(&mut self, ctx: &egui::Context) {
        let lang = self.state.lang;
        let (title, steps) = match &self.demo.tour {
            Some(tour) if !tour.title.is_empty() => (tour.title.clone(), tour.resolve(&self.store)),
            Some(tour) => (
                present::filter_title(&self.state.filter, lang),
                tour.resolve(&self.store),
            ),
            None => (
                present::filter_title(&self.state.filter, lang),
                crate::tour::dated_events(&self.store, &self.result.events),
            ),
        };
        // start from the open article's first event, if it is a step
        let open = self.state.selection.doc;
        let first = steps
            .iter()
            .position(|e| Some(e.doc()) == open)
            .unwrap_or(0);
        self.demo.start(title, steps, first, ctx);
        self.palette = present::palette();
        self.palette.apply(ctx);
        ctx.request_discard("presentation mode");
    }

    /// Leaves presentation mode and restores the theme.
    pub fn leave_presentation(&mut self, ctx: &egui::Context) {
        self.demo.stop(ctx);
        self.applied_theme = None;
        ctx.request_discard("presentation mode");
    }

    /// Saves the current filter as a tour file (atomic write).
    fn save_tour(&mut self) {
        let lang = self.state.lang;
        let title = present::filter_title(&self.state.filter, lang);
        let tour = crate::tour::Tour::of_filter(&title, &self.state.filter);
        let path = match self.dialogs.save_file("visite.ron") {
            Picked::Path(p) => p,
            Picked::Cancelled => return,
            // no dialog: the working folder
            Picked::Unavailable => PathBuf::from("visite.ron"),
        };
        let message = match tour.save(&path) {
            Ok(()) => format!(
                "{} {}",
                lang.pick("Visite enregistrée :", "Tour saved:"),
                path.display()
            ),
            Err(e) => e.to_string(),
        };
        self.toast = Some((message, Instant::now()));
    }
}
