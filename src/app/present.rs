//! Presentation mode (trade fairs) and the map tab: [`Demo`] holds the map pane, the tab
//! beside the timeline and, while presenting, a [`Presentation`]: an automatic tour over
//! dated events (or a tour file), one step every [`STEP_SECS`], paused by any click, key,
//! wheel or touch, resumed after [`RESUME_AFTER_SECS`] without input. Every clock reading
//! is egui's input time, so tests drive it by stepping a harness.

use egui::{Color32, CursorIcon, Key, RichText};

use crate::model::EntityKind;
use crate::query::Filter;
use crate::store::EventRef;
use crate::tour::Tour;

use super::map::{MapPane, ease};
use super::theme::{Palette, ThemeChoice};
use super::timeline::Timeline;
use super::timeline_data::day_number;
use super::view::{Action, View};

/// Seconds a tour step is shown.
pub const STEP_SECS: f64 = 8.0;
/// Seconds without input after which a paused tour resumes.
pub const RESUME_AFTER_SECS: f64 = 60.0;
/// Seconds without pointer movement after which the cursor is hidden.
pub const CURSOR_HIDE_SECS: f64 = 3.0;
/// Length of the transition between steps (map flight, timeline pan, fade).
pub const TRANSITION_SECS: f64 = 1.2;
/// Days shown around an event on the timeline during a tour.
const TOUR_SPAN_DAYS: f64 = 3.0 * 365.25;

/// A timeline pan: from view range, to view range, start time.
type TimelineFlight = ((f64, f64), (f64, f64), f64);

/// The pane shown beside the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BottomTab {
    /// The timeline.
    #[default]
    Timeline,
    /// The map.
    Map,
}

/// What the tab bar asks the shell to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRequest {
    /// Enter presentation mode.
    Present,
    /// Save the current filter as a tour file.
    SaveTour,
}

/// The tour being played.
#[derive(Clone, Debug)]
pub struct Presentation {
    /// Shown at the top.
    pub title: String,
    /// The events, in the order shown.
    pub steps: Vec<EventRef>,
    /// Index of the current step.
    pub step: usize,
    /// When the current step started (egui time, seconds).
    pub step_started: f64,
    /// True while the visitor explores.
    pub is_paused: bool,
    /// Last input (any kind), egui time.
    pub last_input: f64,
    /// Last pointer movement, egui time (hides the cursor).
    pub last_pointer_move: f64,
    /// The current step still has to be shown (selection, flights).
    pub needs_show: bool,
    timeline_flight: Option<TimelineFlight>,
}

impl Presentation {
    /// A tour over `steps`, starting now at the first step.
    pub fn new(title: String, steps: Vec<EventRef>, now: f64) -> Self {
        Self {
            title,
            steps,
            step: 0,
            step_started: now,
            is_paused: false,
            last_input: now,
            last_pointer_move: now,
            needs_show: true,
            timeline_flight: None,
        }
    }

    /// The event of the current step.
    pub fn current(&self) -> Option<EventRef> {
        self.steps.get(self.step).copied()
    }

    /// Advances the clock to `now`. Input pauses the tour; a paused tour resumes (on the
    /// same step, its time restarted) after [`RESUME_AFTER_SECS`] without input; a playing
    /// tour moves to the next step (wrapping) every [`STEP_SECS`]. True when the step changed.
    pub fn tick(&mut self, now: f64, had_input: bool) -> bool {
        if had_input {
            self.is_paused = true;
            self.last_input = now;
            return false;
        }
        if self.is_paused {
            if now - self.last_input < RESUME_AFTER_SECS {
                return false;
            }
            self.is_paused = false;
            self.step_started = now;
        }
        if self.steps.is_empty() || now - self.step_started < STEP_SECS {
            return false;
        }
        self.go(1, now);
        true
    }

    /// Moves `delta` steps (wrapping) and restarts the step's time.
    pub fn go(&mut self, delta: isize, now: f64) {
        let n = self.steps.len();
        if n == 0 {
            return;
        }
        self.step = (self.step + n).saturating_add_signed(delta % n.cast_signed()) % n;
        self.step_started = now;
        self.needs_show = true;
    }

    /// Seconds until the paused tour resumes.
    pub fn resumes_in(&self, now: f64) -> f64 {
        (RESUME_AFTER_SECS - (now - self.last_input)).max(0.0)
    }
}

/// The map, the tab beside the timeline, and the presentation mode.
#[derive(Debug, Default)]
pub struct Demo {
    /// Which pane the bottom panel shows.
    pub tab: BottomTab,
    /// The map pane.
    pub map: MapPane,
    /// The tour being played: `Some` while in presentation mode.
    pub presentation: Option<Presentation>,
    /// Enter presentation mode once the corpus is loaded (`--present`).
    pub pending_present: bool,
    /// A tour file to play instead of the filter's events (`--tour`).
    pub tour: Option<Tour>,
    /// What the tab bar asked for this frame.
    pub request: Option<DemoRequest>,
    /// No transitions and no fullscreen (screenshots).
    pub is_instant: bool,
    /// The zoom factor before presentation mode, restored on leaving.
    zoom_before: Option<f32>,
}

/// The high-contrast palette of presentation mode: white on black, yellow accents.
pub fn palette() -> Palette {
    Palette {
        accent: Color32::from_rgb(0xff, 0xd4, 0x3b),
        on_accent: Color32::BLACK,
        text: Color32::WHITE,
        weak: Color32::from_rgb(0xd0, 0xd4, 0xdc),
        dimmed: Color32::from_rgb(0x90, 0x96, 0xa0),
        paper: Color32::BLACK,
        panel: Color32::from_rgb(0x0e, 0x10, 0x14),
        line: Color32::from_rgb(0x5a, 0x60, 0x6c),
        evidence: Color32::from_rgb(0x5c, 0x4a, 0x00),
        warn: Color32::from_rgb(0xff, 0x8c, 0x1a),
        ..Palette::new(ThemeChoice::Dark)
    }
}

/// A title for the tour of a filter (`Lyon · Moscou`), or a generic one.
pub fn filter_title(filter: &Filter, lang: super::i18n::Lang) -> String {
    let mut parts: Vec<String> = filter.entities.clone();
    if !filter.text.trim().is_empty() {
        parts.push(format!("« {} »", filter.text.trim()));
    }
    parts.extend(filter.kinds.iter().map(|k| lang.event_kind(*k).to_owned()));
    if parts.is_empty() {
        lang.pick("Coopération franco-russe", "Franco-Russian cooperation")
            .to_owned()
    } else {
        parts.join(" · ")
    }
}

/// Actions a visitor may trigger in presentation mode: navigation, never editing,
/// loading, exporting or settings.
fn is_allowed(action: &Action) -> bool {
    matches!(
        action,
        Action::OpenDoc(_)
            | Action::SelectEntity(_)
            | Action::FilterEntity(_)
            | Action::RemoveEntityFilter(_)
            | Action::SetDateRange(..)
            | Action::ToggleEventKind(_)
            | Action::SelectEvent(_)
            | Action::OpenMention(_)
            | Action::StepMention(_)
            | Action::SelectMention(_)
            | Action::ClearSelection
    )
}

impl Demo {
    /// True while in presentation mode.
    pub fn is_presenting(&self) -> bool {
        self.presentation.is_some()
    }

    /// Enters presentation mode over `steps` at step `first`: fullscreen, large type (the zoom follows the
    /// screen width), the high-contrast palette is applied by the caller.
    pub fn start(
        &mut self,
        title: String,
        steps: Vec<EventRef>,
        first: usize,
        ctx: &egui::Context,
    ) {
        let now = ctx.input(|i| i.time);
        let mut presentation = Presentation::new(title, steps, now);
        presentation.step = first.min(presentation.steps.len().saturating_sub(1));
        self.presentation = Some(presentation);
        self.map.is_large = true;
        self.zoom_before = Some(ctx.zoom_factor());
        let width_px = ctx.content_rect().width() * ctx.zoom_factor();
        ctx.set_zoom_factor((width_px / 1000.0).clamp(1.2, 2.0));
        if !self.is_instant {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Leaves presentation mode (the caller restores the palette).
    pub fn stop(&mut self, ctx: &egui::Context) {
        self.presentation = None;
        self.map.is_large = false;
        self.map.focus = None;
        ctx.set_zoom_factor(self.zoom_before.take().unwrap_or(1.0));
        ctx.set_cursor_icon(CursorIcon::Default);
        if !self.is_instant {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// The bottom panel of the normal app: a tab bar (timeline | map, present, save tour)
    /// and the chosen pane.
    pub fn bottom_ui(
        &mut self,
        timeline: &mut Timeline,
        view: &View<'_>,
        ui: &mut egui::Ui,
    ) -> Vec<Action> {
        let lang = view.lang;
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.tab,
                BottomTab::Timeline,
                lang.pick("Frise", "Dates"),
            );
            ui.selectable_value(&mut self.tab, BottomTab::Map, lang.pick("Carte", "Map"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(lang.pick("▶ Présentation (F5)", "▶ Presentation (F5)"))
                    .clicked()
                {
                    self.request = Some(DemoRequest::Present);
                }
                if ui
                    .button(lang.pick("Enregistrer la visite…", "Save as tour…"))
                    .on_hover_text(lang.pick(
                        "Enregistre le filtre courant comme visite guidée (RON)",
                        "Saves the current filter as a guided tour (RON)",
                    ))
                    .clicked()
                {
                    self.request = Some(DemoRequest::SaveTour);
                }
            });
        });
        match self.tab {
            BottomTab::Timeline => timeline.ui(view, ui),
            BottomTab::Map => self.map.ui(view, ui),
        }
    }

    /// One frame of presentation mode: the clock, the step's selection and flights, then
    /// the layout (title bar, event card and article, map, timeline). Returns the actions
    /// to apply (the step's selection, and whatever navigation the visitor did).
    pub fn present_ui(
        &mut self,
        timeline: &mut Timeline,
        view: &View<'_>,
        ui: &mut egui::Ui,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let ctx = ui.ctx().clone();
        let Some(mut p) = self.presentation.take() else {
            return actions;
        };
        let (now, had_input, moved, keys) = ui.input(|i| {
            let mut keys = Vec::new();
            let mut had_input = false;
            let mut moved = false;
            for event in &i.events {
                match event {
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => keys.push(*key),
                    egui::Event::PointerButton { pressed: true, .. }
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Touch { .. }
                    | egui::Event::Text(_) => had_input = true,
                    egui::Event::PointerMoved(_) => moved = true,
                    _ => {}
                }
            }
            (i.time, had_input, moved, keys)
        });
        if moved {
            p.last_pointer_move = now;
            if p.is_paused {
                p.last_input = now; // a visitor still exploring keeps the tour paused
            }
        }
        let mut had_input = had_input;
        for key in keys {
            match key {
                Key::Space if p.is_paused => {
                    p.is_paused = false;
                    p.step_started = now;
                }
                Key::ArrowRight | Key::PageDown => {
                    p.go(1, now);
                    had_input = true;
                }
                Key::ArrowLeft | Key::PageUp => {
                    p.go(-1, now);
                    had_input = true;
                }
                _ => had_input = true,
            }
        }
        p.tick(now, had_input);
        if p.needs_show {
            p.needs_show = false;
            if let Some(event_ref) = p.current() {
                actions.push(Action::SelectEvent(event_ref));
                self.show_step(&mut p, timeline, view, event_ref, now);
            }
        }
        if let Some((from, to, start)) = p.timeline_flight {
            let t = if self.is_instant {
                1.0
            } else {
                ((now - start) / TRANSITION_SECS).clamp(0.0, 1.0)
            };
            let e = ease(t);
            timeline.view_range =
                Some((from.0 + (to.0 - from.0) * e, from.1 + (to.1 - from.1) * e));
            // kept on the target while playing (the timeline refits itself to new data);
            // dropped once the visitor takes over
            if t >= 1.0 && p.is_paused {
                p.timeline_flight = None;
            }
        }
        let visitor_actions = layout_ui(self, &p, timeline, view, ui, now);
        actions.extend(visitor_actions.into_iter().filter(is_allowed));
        if now - p.last_pointer_move > CURSOR_HIDE_SECS {
            ctx.set_cursor_icon(CursorIcon::None);
        }
        // transitions at full rate, otherwise a slow tick for the clock and the pulse
        let is_moving = now - p.step_started < TRANSITION_SECS;
        if is_moving {
            ctx.request_repaint();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.presentation = Some(p);
        actions
    }

    fn show_step(
        &mut self,
        p: &mut Presentation,
        timeline: &Timeline,
        view: &View<'_>,
        event_ref: EventRef,
        now: f64,
    ) {
        let secs = if self.is_instant {
            0.0
        } else {
            TRANSITION_SECS
        };
        self.map.focus = Some(event_ref);
        if let Some(bbox) = super::map_data::event_box(view.store, event_ref) {
            self.map.fly_to_box(bbox, now, secs);
        }
        let Some(event) = view.store.event(event_ref) else {
            return;
        };
        let first = event.date_start.and_then(|d| d.first_day());
        let last = event
            .date_end
            .or(event.date_start)
            .and_then(|d| d.last_day());
        if let (Some(a), Some(b)) = (first, last) {
            let mid = (day_number(a) + day_number(b)) / 2.0;
            let to = (mid - TOUR_SPAN_DAYS / 2.0, mid + TOUR_SPAN_DAYS / 2.0);
            let from = timeline.view_range.unwrap_or(to);
            p.timeline_flight = Some((from, to, now));
        }
    }
}

/// The presentation layout. Draws the panes with the presentation's map state.
fn layout_ui(
    demo: &mut Demo,
    p: &Presentation,
    timeline: &mut Timeline,
    view: &View<'_>,
    ui: &mut egui::Ui,
    now: f64,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let palette = view.palette;
    let lang = view.lang;
    let frame = egui::Frame::new()
        .fill(palette.paper)
        .inner_margin(egui::Margin::symmetric(16, 10));
    egui::Panel::top("present_top").frame(frame).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(&p.title)
                    .heading()
                    .strong()
                    .color(palette.accent),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(lang.pick("Échap : quitter", "Esc: leave")).color(palette.weak),
                );
                let status = if p.is_paused {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let secs = p.resumes_in(now).ceil() as u32;
                    format!(
                        "{} {secs} s",
                        lang.pick("Pause — reprise dans", "Paused — resumes in")
                    )
                } else {
                    "▶".to_owned()
                };
                ui.label(RichText::new(status).strong());
                let count = format!("{} / {}", (p.step + 1).min(p.steps.len()), p.steps.len());
                ui.label(RichText::new(count).strong());
            });
        });
        // the step's progress
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(ui.available_width(), 4.0), egui::Sense::hover());
        #[allow(clippy::cast_possible_truncation)]
        let done = if p.is_paused {
            0.0
        } else {
            ((now - p.step_started) / STEP_SECS).clamp(0.0, 1.0) as f32
        };
        ui.painter().rect_filled(rect, 2.0, palette.line);
        let mut bar = rect;
        bar.set_width(rect.width() * done);
        ui.painter().rect_filled(bar, 2.0, palette.accent);
    });
    let panel = egui::Frame::new()
        .fill(palette.panel)
        .inner_margin(egui::Margin::symmetric(10, 6));
    let height = ui.available_height();
    egui::Panel::bottom("present_timeline")
        .frame(panel)
        .exact_size(height * 0.28)
        .show(ui, |ui| {
            actions.extend(timeline.ui(view, ui));
        });
    let width = ui.available_width();
    egui::Panel::right("present_map")
        .frame(egui::Frame::new().fill(palette.paper))
        .exact_size(width * 0.45)
        .show(ui, |ui| actions.extend(demo.map.ui(view, ui)));
    egui::CentralPanel::default().frame(panel).show(ui, |ui| {
        #[allow(clippy::cast_possible_truncation)]
        let fade = if demo.is_instant {
            1.0
        } else {
            ease((now - p.step_started) / (TRANSITION_SECS * 0.6)) as f32
        };
        ui.scope(|ui| {
            ui.multiply_opacity(fade);
            event_card_ui(p.current(), view, ui);
        });
        ui.separator();
        super::present_article::article_ui(p.current(), view, ui);
    });
    actions
}

/// The current event in large type: kind, date, name, places, participants.
fn event_card_ui(event_ref: Option<EventRef>, view: &View<'_>, ui: &mut egui::Ui) {
    let lang = view.lang;
    let palette = view.palette;
    let Some(event) = event_ref.and_then(|r| view.store.event(r)) else {
        ui.label(lang.pick(
            "Aucun événement daté dans ce corpus.",
            "No dated event in this corpus.",
        ));
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(lang.event_kind(event.kind))
                .heading()
                .strong()
                .color(palette.event(event.kind)),
        );
        ui.label(
            RichText::new(lang.date_range(event.date_start.as_ref(), event.date_end.as_ref()))
                .heading(),
        );
    });
    if let Some(name) = &event.name {
        ui.label(RichText::new(name).strong());
    }
    if !event.places.is_empty() {
        let arc = crate::geo::arc_of(event).map(|(a, b)| format!("{a} → {b}"));
        let places = arc.unwrap_or_else(|| event.places.join(", "));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.pick("Lieux :", "Places:")).strong());
            ui.label(RichText::new(places).color(palette.entity(EntityKind::Place)));
        });
    }
    if !event.participants.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.pick("Participants :", "Participants:")).strong());
            for name in &event.participants {
                let kind = view
                    .store
                    .find_entities(name)
                    .iter()
                    .find_map(|&id| view.store.entity(id))
                    .map_or(EntityKind::Organisation, |e| e.kind);
                ui.label(RichText::new(&**name).color(palette.entity(kind)));
            }
        });
    }
}
