//! The timeline pane: a custom-painted time axis with one lane per event kind. Ticks adapt
//! from decades to days; Ctrl+wheel or pinch zooms around the pointer, dragging pans,
//! Shift+drag brushes a date range that filters every pane, "fit all" frames the data.
//! Day-precision events are points, multi-day ones bars, month/year precision soft bands;
//! events outside the filter stay as ghosts so subsets remain comparable. When a lane holds
//! more visible events than pixels allow, they are binned into counts.

use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, RichText, Sense, Stroke, vec2};

use crate::model::PartialDate;
use crate::store::EventRef;

use std::collections::HashMap;

use super::i18n::{Lang, Msg};
use super::theme::mix;
use super::timeline_data::{
    Shape, TimelineData, TimelineItem, YearlessItem, date_of_day, day_number, ticks,
};
use super::view::{Action, View};

/// Width of the lane labels.
const GUTTER: f32 = 164.0;
/// Height of the tick labels band.
const AXIS: f32 = 22.0;
/// Height of the year-less strip.
const STRIP: f32 = 30.0;
/// Narrowest view, in days.
const MIN_SPAN: f64 = 7.0;
/// Widest view, in days (three centuries).
const MAX_SPAN: f64 = 365.25 * 300.0;

/// The timeline's own state.
#[derive(Debug, Default)]
pub struct Timeline {
    data: TimelineData,
    data_key: Option<(u64, u64)>,
    /// The visible day range; `None` fits the data on the next frame.
    pub view_range: Option<(f64, f64)>,
    user_moved: bool,
    brush: Option<(f64, f64)>,
    brushing: bool,
    plot: Option<Rect>,
    lane_centres: Vec<(crate::model::EventKind, f32)>,
    /// Binned counts per lane, keyed on (data, view, width): a hover does not rebin.
    bins: Option<(BinKey, Vec<Option<Bins>>)>,
    /// Where the year-less chips stand in their strip.
    chips: ChipLayout,
}

/// The year-less chips laid out in a row, keyed on the store, the language and the text size.
#[derive(Debug, Default)]
struct ChipLayout {
    key: Option<(u64, Lang, u32)>,
    /// Right edge of each chip, from the start of the row.
    ends: Vec<f32>,
    /// Space between two chips.
    gap: f32,
}

impl ChipLayout {
    /// Left edge of chip `ix`.
    fn start(&self, ix: usize) -> f32 {
        match ix.checked_sub(1) {
            Some(prev) => self.ends.get(prev).map_or(0.0, |end| end + self.gap),
            None => 0.0,
        }
    }
}

/// A year-less chip's label: the day and the kind.
fn chip_text(view: &View<'_>, date: PartialDate, kind: crate::model::EventKind) -> String {
    format!("{} · {}", view.lang.date(&date), view.lang.event_kind(kind))
}

/// (store, result, view start, view end, plot width) as bits.
type BinKey = (Option<(u64, u64)>, u64, u64, u32);
/// Kept and ghost counts per bin.
type Bins = (Vec<u32>, Vec<u32>);
/// Width of a bin, in points.
const BIN_PX: f32 = 4.0;

impl Timeline {
    /// The view-model as of the last frame.
    pub fn data(&self) -> &TimelineData {
        &self.data
    }

    /// Screen x of a day in the last frame's plot (tests and tours).
    pub fn x_of_day(&self, day: f64) -> Option<f32> {
        let (plot, (v0, v1)) = (self.plot?, self.view_range?);
        #[allow(clippy::cast_possible_truncation)] // screen coordinates
        let x = plot.left() + ((day - v0) / (v1 - v0)) as f32 * plot.width();
        Some(x)
    }

    /// Screen y of a lane's centre in the last frame (tests and tours).
    pub fn lane_y(&self, kind: crate::model::EventKind) -> Option<f32> {
        self.lane_centres
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, y)| *y)
    }

    /// The plot area of the last frame.
    pub fn plot_rect(&self) -> Option<Rect> {
        self.plot
    }

    /// Frames every dated event.
    pub fn fit_all(&mut self) {
        self.view_range = self.data.fit_range();
        self.user_moved = false;
    }

    fn refresh(&mut self, view: &View<'_>) {
        let key = (view.store_gen, view.result_gen);
        if self.data_key == Some(key) {
            return;
        }
        let store_changed = self.data_key.is_none_or(|(s, _)| s != view.store_gen);
        if store_changed {
            self.data = TimelineData::of_store(view.store);
        }
        self.data.apply(view.store, view.result);
        self.data_key = Some(key);
        if self.view_range.is_none() || (store_changed && !self.user_moved) {
            self.view_range = self.data.fit_range();
        }
    }

    /// Draws the pane.
    pub fn ui(&mut self, view: &View<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        self.refresh(view);
        self.header_ui(view, ui, &mut actions);
        let avail = ui.available_rect_before_wrap();
        let canvas = Rect::from_min_max(avail.min, Pos2::new(avail.max.x, avail.max.y - STRIP));
        if self.data.lanes.is_empty() {
            self.plot = None;
            ui.allocate_rect(canvas, Sense::hover());
            ui.painter().text(
                canvas.center(),
                Align2::CENTER_CENTER,
                view.t(Msg::NoEvents),
                FontId::proportional(14.0),
                view.palette.weak,
            );
        } else {
            self.canvas_ui(view, ui, canvas, &mut actions);
        }
        self.strip_ui(view, ui, &mut actions);
        actions
    }

    fn header_ui(&mut self, view: &View<'_>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(view.t(Msg::Timeline)).strong().size(15.0));
            let total: usize = self.data.lanes.iter().map(|l| l.items.len()).sum();
            let shown: usize = self.data.lanes.iter().map(|l| l.in_filter).sum();
            let n = if view.filter.constrains_events() || !view.filter.is_empty() {
                format!("{} / {}", view.lang.count(shown), view.lang.count(total))
            } else {
                view.lang.count(total)
            };
            ui.label(RichText::new(n).color(view.palette.weak));
            if ui.button(view.t(Msg::FitAll)).clicked() {
                self.fit_all();
            }
            if ui.button("−").on_hover_text("Zoom −").clicked() {
                self.zoom(2.0, None);
            }
            if ui.button("+").on_hover_text("Zoom +").clicked() {
                self.zoom(0.5, None);
            }
            if view.filter.from.is_some() || view.filter.to.is_some() {
                let text = format!(
                    "{} : {} → {}  ×",
                    view.t(Msg::Range),
                    view.filter
                        .from
                        .map(|d| view.lang.date(&d))
                        .unwrap_or_default(),
                    view.filter
                        .to
                        .map(|d| view.lang.date(&d))
                        .unwrap_or_default()
                );
                if ui
                    .add(
                        egui::Button::new(RichText::new(text).color(view.palette.on_accent))
                            .fill(view.palette.accent)
                            .corner_radius(10),
                    )
                    .clicked()
                {
                    actions.push(Action::SetDateRange(None, None));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(view.t(Msg::BrushHint))
                        .small()
                        .color(view.palette.weak),
                );
            });
        });
    }

    /// Zooms by `factor` (< 1 zooms in) around `anchor` (a day), or the centre.
    fn zoom(&mut self, factor: f64, anchor: Option<f64>) {
        let Some((v0, v1)) = self.view_range else {
            return;
        };
        let anchor = anchor.unwrap_or((v0 + v1) / 2.0);
        let span = ((v1 - v0) * factor).clamp(MIN_SPAN, MAX_SPAN);
        let t = (anchor - v0) / (v1 - v0);
        let start = anchor - t * span;
        self.view_range = Some((start, start + span));
        self.user_moved = true;
    }

    #[allow(clippy::too_many_lines)] // one painter pass reads best in one place
    fn canvas_ui(
        &mut self,
        view: &View<'_>,
        ui: &mut egui::Ui,
        canvas: Rect,
        actions: &mut Vec<Action>,
    ) {
        let palette = view.palette;
        let plot = Rect::from_min_max(Pos2::new(canvas.left() + GUTTER, canvas.top()), canvas.max);
        self.plot = Some(plot);
        let response = ui.allocate_rect(plot, Sense::click_and_drag());
        let Some((mut v0, mut v1)) = self.view_range else {
            return;
        };
        let width = f64::from(plot.width().max(1.0));
        let days_per_px = (v1 - v0) / width;
        let day_at = |x: f32| v0 + f64::from(x - plot.left()) * days_per_px;
        // zoom and pan
        if response.hovered() {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta()));
            if (zoom - 1.0).abs() > f32::EPSILON {
                let anchor = response.hover_pos().map(|p| day_at(p.x));
                self.zoom(1.0 / f64::from(zoom), anchor);
            } else if scroll.x.abs() + scroll.y.abs() > 0.0 {
                let shift = -f64::from(scroll.x + scroll.y) * days_per_px;
                self.view_range = Some((v0 + shift, v1 + shift));
                self.user_moved = true;
            }
        }
        if response.drag_started() {
            self.brushing = ui.input(|i| i.modifiers.shift);
            let origin = ui.input(|i| i.pointer.press_origin());
            if self.brushing
                && let Some(p) = origin.or_else(|| response.interact_pointer_pos())
            {
                let d = day_at(p.x);
                self.brush = Some((d, d));
            }
        }
        if response.dragged() {
            if self.brushing {
                if let (Some((s, _)), Some(p)) = (self.brush, response.interact_pointer_pos()) {
                    self.brush = Some((s, day_at(p.x.clamp(plot.left(), plot.right()))));
                }
            } else {
                let shift = -f64::from(response.drag_delta().x) * days_per_px;
                if shift != 0.0 {
                    self.view_range = Some((v0 + shift, v1 + shift));
                    self.user_moved = true;
                }
            }
        }
        if response.drag_stopped() {
            if self.brushing
                && let Some((a, b)) = self.brush.take()
            {
                let (a, b) = (a.min(b), a.max(b));
                if (b - a) / days_per_px > 3.0 {
                    let to_date = |d: f64| date_of_day(d).and_then(PartialDate::from_naive);
                    actions.push(Action::SetDateRange(to_date(a), to_date(b)));
                }
            }
            self.brushing = false;
            self.brush = None;
        }
        if let Some(r) = self.view_range {
            (v0, v1) = r;
        }
        let days_per_px = (v1 - v0) / width;
        let x_of = |day: f64| {
            #[allow(clippy::cast_possible_truncation)]
            let x = plot.left() + ((day - v0) / days_per_px) as f32;
            x
        };
        let painter = ui.painter_at(canvas);
        painter.rect_filled(canvas, 0.0, palette.paper);
        // lanes
        let n = self.data.lanes.len();
        #[allow(clippy::cast_precision_loss)]
        let lane_h = ((canvas.height() - AXIS - 4.0) / n as f32).clamp(12.0, 30.0);
        let lanes_top = canvas.top() + AXIS;
        // ticks and grid
        for tick in ticks(v0, v1, width, view.lang) {
            let x = x_of(tick.day);
            if x < plot.left() - 1.0 || x > plot.right() + 1.0 {
                continue;
            }
            let colour = if tick.major {
                mix(palette.paper, palette.weak, 0.45)
            } else {
                palette.line
            };
            painter.vline(x, lanes_top..=canvas.bottom(), Stroke::new(1.0, colour));
            painter.text(
                Pos2::new(x + 3.0, canvas.top() + AXIS / 2.0),
                Align2::LEFT_CENTER,
                &tick.label,
                FontId::proportional(11.5),
                if tick.major {
                    palette.text
                } else {
                    palette.weak
                },
            );
        }
        painter.hline(plot.x_range(), lanes_top, Stroke::new(1.0, palette.line));
        // the active date filter
        if let (Some(from), Some(to)) = (
            view.filter.from.and_then(|d| d.first_day()).map(day_number),
            view.filter
                .to
                .and_then(|d| d.last_day())
                .map(|d| day_number(d) + 1.0),
        ) {
            let r = Rect::from_x_y_ranges(
                x_of(from).max(plot.left())..=x_of(to).min(plot.right()),
                lanes_top..=canvas.bottom(),
            );
            if r.width() > 0.0 {
                painter.rect_filled(r, 0.0, palette.accent.gamma_multiply(0.08));
                painter.vline(r.left(), r.y_range(), Stroke::new(1.0, palette.accent));
                painter.vline(r.right(), r.y_range(), Stroke::new(1.0, palette.accent));
            }
        }
        let hover = response.hover_pos();
        let mut hovered: Option<TimelineItem> = None;
        let selected = view.selection.event;
        self.lane_centres.clear();
        let bin_key: BinKey = (
            self.data_key,
            v0.to_bits(),
            v1.to_bits(),
            plot.width().to_bits(),
        );
        if self.bins.as_ref().is_none_or(|(k, _)| *k != bin_key) {
            let lanes = self
                .data
                .lanes
                .iter()
                .map(|lane| {
                    let visible = lane.visible(v0, v1);
                    #[allow(clippy::cast_precision_loss)]
                    let dense = visible.len() as f32 > plot.width() / 5.0;
                    dense.then(|| compute_bins(visible, plot.width(), v0, days_per_px))
                })
                .collect();
            self.bins = Some((bin_key, lanes));
        }
        for (i, lane) in self.data.lanes.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let top = lanes_top + 2.0 + i as f32 * lane_h;
            let row = Rect::from_min_max(
                Pos2::new(canvas.left(), top),
                Pos2::new(canvas.right(), top + lane_h),
            );
            if i % 2 == 1 {
                painter.rect_filled(row, 0.0, ui.visuals().faint_bg_color);
            }
            let colour = palette.event(lane.kind);
            let cy = row.center().y;
            self.lane_centres.push((lane.kind, cy));
            painter.circle_filled(Pos2::new(canvas.left() + 10.0, cy), 4.0, colour);
            painter.text(
                Pos2::new(canvas.left() + 20.0, cy),
                Align2::LEFT_CENTER,
                view.lang.event_kind(lane.kind),
                FontId::proportional((lane_h * 0.72).clamp(9.5, 12.5)),
                palette.text,
            );
            painter.text(
                Pos2::new(canvas.left() + GUTTER - 8.0, cy),
                Align2::RIGHT_CENTER,
                view.lang.count(lane.in_filter),
                FontId::proportional(11.0),
                palette.weak,
            );
            let lane_painter = painter.with_clip_rect(Rect::from_min_max(
                Pos2::new(plot.left(), row.top()),
                Pos2::new(plot.right(), row.bottom()),
            ));
            if let Some(Some(bins)) = self.bins.as_ref().and_then(|(_, b)| b.get(i)) {
                bins_ui(&lane_painter, bins, plot, row, colour, palette.dark);
                continue;
            }
            let visible = lane.visible(v0, v1);
            // bands first, then bars, then points on top
            for pass in [Shape::Band, Shape::Bar, Shape::Point] {
                for item in visible.iter().filter(|it| it.shape == pass) {
                    let (x0, x1) = (x_of(item.start()), x_of(item.end()));
                    let strength = if item.in_filter { 1.0 } else { 0.22 };
                    let is_selected = selected == Some(item.event);
                    let shape_rect = match item.shape {
                        Shape::Band => {
                            let r = Rect::from_x_y_ranges(
                                x0..=x1.max(x0 + 2.0),
                                (row.top() + 3.0)..=(row.bottom() - 3.0),
                            );
                            lane_painter.rect_filled(
                                r,
                                CornerRadius::same(3),
                                colour.gamma_multiply(0.20 * strength),
                            );
                            lane_painter.vline(
                                r.left(),
                                r.y_range(),
                                Stroke::new(1.0, colour.gamma_multiply(0.6 * strength)),
                            );
                            r
                        }
                        Shape::Bar => {
                            let h = (lane_h * 0.42).min(11.0);
                            let r = Rect::from_x_y_ranges(
                                x0..=x1.max(x0 + 6.0),
                                (cy - h / 2.0)..=(cy + h / 2.0),
                            );
                            lane_painter.rect_filled(
                                r,
                                CornerRadius::same(4),
                                colour.gamma_multiply(strength),
                            );
                            r
                        }
                        Shape::Point => {
                            let r = (lane_h * 0.22).clamp(3.0, 5.5);
                            let c = Pos2::new((x0 + x1) / 2.0, cy);
                            lane_painter.circle(
                                c,
                                r,
                                colour.gamma_multiply(strength),
                                Stroke::new(1.0, palette.paper),
                            );
                            Rect::from_center_size(c, vec2(2.0 * r, 2.0 * r))
                        }
                    };
                    if is_selected {
                        lane_painter.rect_stroke(
                            shape_rect.expand(2.5),
                            4.0,
                            Stroke::new(2.0, palette.accent),
                            egui::StrokeKind::Outside,
                        );
                    }
                    if let Some(p) = hover
                        && row.contains(p)
                        && shape_rect.expand2(vec2(4.0, 2.0)).contains(p)
                        && (hovered.is_none() || item.shape != Shape::Band)
                    {
                        hovered = Some(*item);
                    }
                }
            }
        }
        // the brush being drawn
        if let Some((a, b)) = self.brush {
            let r =
                Rect::from_x_y_ranges(x_of(a.min(b))..=x_of(a.max(b)), lanes_top..=canvas.bottom());
            painter.rect(
                r,
                0.0,
                palette.accent.gamma_multiply(0.15),
                Stroke::new(1.0, palette.accent),
                egui::StrokeKind::Inside,
            );
        }
        if let Some(item) = hovered {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            if response.clicked() {
                actions.push(Action::SelectEvent(item.event));
            }
            response.on_hover_ui_at_pointer(|ui| event_tooltip_ui(view, item.event, ui));
        }
    }

    /// The year-less strip: a label, a chip per year-less event (only the chips in view
    /// are laid out: a corpus may have tens of thousands) and the count of undated events.
    fn strip_ui(&mut self, view: &View<'_>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let rect = ui.available_rect_before_wrap();
        let rect = Rect::from_min_size(
            rect.min,
            vec2(rect.width(), STRIP.min(rect.height().max(0.0))),
        );
        let font = egui::TextStyle::Small.resolve(ui.style());
        let (all, kept) = self.data.undated;
        let undated =
            (all > 0).then(|| format!("{} {}", view.lang.count(kept), view.t(Msg::UndatedEvents)));
        let undated_width = undated.as_ref().map_or(0.0, |text| {
            let galley = ui
                .painter()
                .layout_no_wrap(text.clone(), font.clone(), view.palette.weak);
            galley.size().x + 3.0 * ui.spacing().item_spacing.x
        });
        self.layout_chips(view, ui, &font);
        let label = RichText::new(format!("{} :", view.t(Msg::YearUnknown)))
            .small()
            .color(view.palette.weak);
        let label_width = ui
            .painter()
            .layout_no_wrap(label.text().to_owned(), font.clone(), view.palette.weak)
            .size()
            .x
            + ui.spacing().item_spacing.x;
        let (label_rect, rest) = rect.split_left_right_at_x(rect.left() + label_width);
        let (chips_rect, undated_rect) = rest.split_left_right_at_x(rest.right() - undated_width);
        ui.put(label_rect, egui::Label::new(label));
        if self.data.yearless.is_empty() {
            ui.put(
                chips_rect,
                egui::Label::new(RichText::new("—").small().color(view.palette.weak)),
            );
        } else {
            ui.scope_builder(egui::UiBuilder::new().max_rect(chips_rect), |ui| {
                self.chips_ui(view, ui, actions);
            });
        }
        if let Some(text) = undated {
            ui.put(
                undated_rect,
                egui::Label::new(RichText::new(text).small().color(view.palette.weak)),
            );
        }
        ui.allocate_rect(rect, Sense::hover());
    }

    /// Measures the chips' labels when the store, the language or the text size changed:
    /// each distinct label once (there are at most a few thousand: day × kind).
    fn layout_chips(&mut self, view: &View<'_>, ui: &egui::Ui, font: &FontId) {
        // the filter only recolours chips: their order and labels change with the store
        let key = (view.store_gen, view.lang, font.size.to_bits());
        if self.chips.key == Some(key) {
            return;
        }
        let padding = 2.0 * ui.spacing().button_padding.x + 2.0;
        let gap = ui.spacing().item_spacing.x;
        let mut widths: HashMap<(PartialDate, crate::model::EventKind), f32> = HashMap::new();
        let mut ends = Vec::with_capacity(self.data.yearless.len());
        let mut x = 0.0;
        for item in &self.data.yearless {
            let width = *widths.entry((item.date, item.kind)).or_insert_with(|| {
                let galley = ui.painter().layout_no_wrap(
                    chip_text(view, item.date, item.kind),
                    font.clone(),
                    Color32::PLACEHOLDER,
                );
                galley.size().x + padding
            });
            x += width;
            ends.push(x);
            x += gap;
        }
        self.chips = ChipLayout {
            key: Some(key),
            ends,
            gap,
        };
    }

    /// The chips in view, in a horizontal scroll area as wide as all of them.
    fn chips_ui(&self, view: &View<'_>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let total = self.chips.ends.last().copied().unwrap_or(0.0);
        let height = ui.spacing().interact_size.y;
        let top = ((ui.max_rect().height() - height) / 2.0).max(0.0);
        egui::ScrollArea::horizontal()
            .id_salt("yearless")
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().min + vec2(0.0, top);
                ui.allocate_rect(
                    Rect::from_min_size(ui.min_rect().min, vec2(total, height + top)),
                    Sense::hover(),
                );
                let first = self.chips.ends.partition_point(|&end| end < viewport.min.x);
                for (ix, item) in self.data.yearless.iter().enumerate().skip(first) {
                    let (Some(&end), start) = (self.chips.ends.get(ix), self.chips.start(ix))
                    else {
                        break;
                    };
                    if start > viewport.max.x {
                        break;
                    }
                    let chip =
                        Rect::from_min_max(origin + vec2(start, 0.0), origin + vec2(end, height));
                    self.chip_ui(view, ui, item, chip, actions);
                }
            });
    }

    fn chip_ui(
        &self,
        view: &View<'_>,
        ui: &mut egui::Ui,
        item: &YearlessItem,
        chip: Rect,
        actions: &mut Vec<Action>,
    ) {
        let colour = view.palette.event(item.kind);
        let fill = if item.in_filter {
            mix(view.palette.paper, colour, 0.18)
        } else {
            Color32::TRANSPARENT
        };
        let text_colour = if item.in_filter {
            view.palette.text
        } else {
            view.palette.weak
        };
        let mut button = egui::Button::new(
            RichText::new(chip_text(view, item.date, item.kind))
                .small()
                .color(text_colour),
        )
        .fill(fill)
        .stroke(Stroke::new(
            1.0,
            colour.gamma_multiply(if item.in_filter { 1.0 } else { 0.3 }),
        ))
        .corner_radius(9);
        if view.selection.event == Some(item.event) {
            button = button.stroke(Stroke::new(2.0, view.palette.accent));
        }
        let r = ui
            .put(chip, button)
            .on_hover_ui(|ui| event_tooltip_ui(view, item.event, ui));
        if r.clicked() {
            actions.push(Action::SelectEvent(item.event));
        }
    }
}

/// Counts of the items in each bin of `BIN_PX` across the plot.
fn compute_bins(items: &[TimelineItem], width: f32, v0: f64, days_per_px: f64) -> Bins {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (width / BIN_PX).ceil().max(1.0) as usize;
    let (mut kept, mut ghost) = (vec![0u32; n], vec![0u32; n]);
    for item in items {
        let mid = (item.start() + item.end()) / 2.0;
        let px = (mid - v0) / days_per_px / f64::from(BIN_PX);
        if px < 0.0 {
            continue;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let b = px as usize;
        let bin = if item.in_filter {
            kept.get_mut(b)
        } else {
            ghost.get_mut(b)
        };
        if let Some(c) = bin {
            *c += 1;
        }
    }
    (kept, ghost)
}

fn bins_ui(
    painter: &egui::Painter,
    (kept, ghost): &Bins,
    plot: Rect,
    row: Rect,
    colour: Color32,
    dark: bool,
) {
    let max = kept
        .iter()
        .zip(ghost)
        .map(|(a, b)| a + b)
        .max()
        .unwrap_or(1)
        .max(1);
    let h = row.height() - 4.0;
    let scale = |c: u32| (f64::from(c) / f64::from(max)).sqrt();
    let ghost_colour = if dark {
        colour.gamma_multiply(0.3)
    } else {
        colour.gamma_multiply(0.22)
    };
    for (i, (&k, &g)) in kept.iter().zip(ghost).enumerate() {
        if k + g == 0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = plot.left() + i as f32 * BIN_PX;
        #[allow(clippy::cast_possible_truncation)]
        let total_h = (scale(k + g) as f32 * h).max(2.0);
        #[allow(clippy::cast_possible_truncation)]
        let kept_h = if k == 0 {
            0.0
        } else {
            (scale(k) as f32 * h).max(2.0)
        };
        let bottom = row.bottom() - 2.0;
        painter.rect_filled(
            Rect::from_min_max(
                Pos2::new(x, bottom - total_h),
                Pos2::new(x + BIN_PX - 1.0, bottom),
            ),
            1.0,
            ghost_colour,
        );
        if kept_h > 0.0 {
            painter.rect_filled(
                Rect::from_min_max(
                    Pos2::new(x, bottom - kept_h),
                    Pos2::new(x + BIN_PX - 1.0, bottom),
                ),
                1.0,
                colour,
            );
        }
    }
}

/// The tooltip of an event: kind, dates, places, participants, document.
pub fn event_tooltip_ui(view: &View<'_>, event_ref: EventRef, ui: &mut egui::Ui) {
    let Some(event) = view.store.event(event_ref) else {
        return;
    };
    ui.set_max_width(340.0);
    ui.label(
        RichText::new(view.lang.event_kind(event.kind))
            .strong()
            .color(view.palette.event(event.kind)),
    );
    if let Some(name) = &event.name {
        ui.label(RichText::new(name).italics());
    }
    let precision = event
        .date_start
        .map(|d| {
            format!(
                " ({} : {})",
                view.t(Msg::Precision),
                view.lang.precision(d.precision())
            )
        })
        .unwrap_or_default();
    ui.label(format!(
        "{}{precision}",
        view.lang
            .date_range(event.date_start.as_ref(), event.date_end.as_ref())
    ));
    if !event.places.is_empty() {
        ui.label(format!(
            "{} : {}",
            view.t(Msg::EventPlaces),
            event.places.join(", ")
        ));
    }
    if !event.participants.is_empty() {
        ui.label(format!(
            "{} : {}",
            view.t(Msg::Participants),
            event.participants.join(", ")
        ));
    }
    if view.meta(event_ref.doc()).is_some() {
        ui.label(
            RichText::new(format!(
                "{} : {}",
                view.t(Msg::Document),
                view.title(event_ref.doc())
            ))
            .color(view.palette.weak),
        );
    }
}
