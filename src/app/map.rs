//! The map pane: country outlines (Natural Earth, [`crate::geo::Atlas`]), the filtered
//! corpus's places as dots sized by document count, events at their places, travel events
//! as arcs; wheel to zoom, drag to pan, click a place to filter on it. The tour flies it
//! to an event with [`MapPane::fly_to`], timed on egui's input clock.

use egui::epaint::QuadraticBezierShape;
use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use crate::geo;
use crate::store::EventRef;

use super::map_data::{MapData, MapPlace};
use super::theme::Palette;
use super::view::{Action, View};

/// Always in the view at start: France to Moscow (the data's places widen it).
const HOME: [f64; 4] = [-5.0, 41.5, 40.0, 58.0];
/// Places outside this box (another continent) do not widen the starting view.
const REGION: [f64; 4] = [-25.0, 25.0, 180.0, 82.0];
/// Scale limits, in points per projected degree.
const MIN_SCALE: f64 = 1.5;
const MAX_SCALE: f64 = 400.0;
/// Places whose names are always written (the others on hover).
const LABELLED: usize = 10;

/// A smooth move of the view.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: (f64, f64, f64),
    to: (f64, f64, f64),
    start: f64,
    secs: f64,
}

/// The map's own state: the view (centre and scale), a flight in progress, the cached
/// view-model.
#[derive(Debug, Default)]
pub struct MapPane {
    data: MapData,
    data_key: Option<(u64, u64)>,
    /// Centre of the view, projected degrees (x east, y north).
    centre: (f64, f64),
    /// Points per projected degree; 0 until the first frame fits [`HOME`].
    scale: f64,
    flight: Option<Flight>,
    /// A centre asked for before the first frame (the scale is not known yet).
    pending_centre: Option<(f64, f64)>,
    /// A box asked for before the first frame (framed at once when the pane is known).
    pending_box: Option<[f64; 4]>,
    /// The box the last flight framed, refitted when the pane changes size (until the
    /// user pans or zooms).
    framed_box: Option<[f64; 4]>,
    rect: Option<Rect>,
    /// The user panned or zoomed: the view is theirs until the tour flies it.
    user_moved: bool,
    /// The event the tour shows (its places pulse, its arc is drawn bold).
    pub focus: Option<EventRef>,
    /// Draw thicker lines and larger labels (presentation mode).
    pub is_large: bool,
}

impl MapPane {
    /// The view-model as of the last frame.
    pub fn data(&self) -> &MapData {
        &self.data
    }

    /// Screen position of (lon, lat) in the last frame (tests and tours).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<Pos2> {
        let rect = self.rect?;
        Some(self.to_screen(rect, geo::project(lon, lat)))
    }

    /// The pane's rectangle in the last frame.
    pub fn rect(&self) -> Option<Rect> {
        self.rect
    }

    #[allow(clippy::cast_possible_truncation)] // screen coordinates
    fn to_screen(&self, rect: Rect, (x, y): (f64, f64)) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + ((x - self.centre.0) * self.scale) as f32,
            c.y - ((y - self.centre.1) * self.scale) as f32,
        )
    }

    fn to_plane(&self, rect: Rect, p: Pos2) -> (f64, f64) {
        let c = rect.center();
        (
            self.centre.0 + f64::from(p.x - c.x) / self.scale,
            self.centre.1 - f64::from(p.y - c.y) / self.scale,
        )
    }

    /// Frames the box `[lon0, lat0, lon1, lat1]` in `rect` at once.
    fn fit(&mut self, rect: Rect, [lon0, lat0, lon1, lat1]: [f64; 4]) {
        let (x0, y0) = geo::project(lon0, lat0);
        let (x1, y1) = geo::project(lon1, lat1);
        self.centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let sx = f64::from(rect.width()) / (x1 - x0).abs().max(1e-6);
        let sy = f64::from(rect.height()) / (y1 - y0).abs().max(1e-6);
        self.scale = sx.min(sy).clamp(MIN_SCALE, MAX_SCALE);
    }

    /// The box shown at start: [`HOME`] and the data's places in [`REGION`], plus a margin.
    fn start_box(&self) -> [f64; 4] {
        let mut b = HOME;
        let [x0, y0, x1, y1] = REGION;
        for p in &self.data.places {
            if (x0..=x1).contains(&p.lon) && (y0..=y1).contains(&p.lat) {
                b = [
                    b[0].min(p.lon),
                    b[1].min(p.lat),
                    b[2].max(p.lon),
                    b[3].max(p.lat),
                ];
            }
        }
        let (mx, my) = ((b[2] - b[0]) * 0.06, (b[3] - b[1]) * 0.08);
        [b[0] - mx, b[1] - my, b[2] + mx, b[3] + my]
    }

    /// Starts a smooth flight (`secs` long, from `now` on egui's clock) that centres
    /// (lon, lat) at `scale` points per degree (the current scale when `None`).
    pub fn fly_to(&mut self, lon: f64, lat: f64, scale: Option<f64>, now: f64, secs: f64) {
        let (x, y) = geo::project(lon, lat);
        let to_scale = scale.unwrap_or(self.scale).clamp(MIN_SCALE, MAX_SCALE);
        if self.scale <= 0.0 {
            self.pending_centre = Some((x, y));
            return;
        }
        if secs <= 0.0 {
            self.centre = (x, y);
            self.scale = to_scale;
            self.flight = None;
            return;
        }
        self.user_moved = false;
        self.flight = Some(Flight {
            from: (self.centre.0, self.centre.1, self.scale),
            to: (x, y, to_scale),
            start: now,
            secs,
        });
    }

    /// Starts a smooth flight that frames the box `[lon0, lat0, lon1, lat1]` (with a
    /// margin, and at least 12° wide so a single town keeps its region around it).
    pub fn fly_to_box(&mut self, bbox: [f64; 4], now: f64, secs: f64) {
        let [lon0, lat0, lon1, lat1] = bbox;
        let (lon_mid, lat_mid) = ((lon0 + lon1) / 2.0, (lat0 + lat1) / 2.0);
        let half_w = ((lon1 - lon0).abs() * 0.8).max(6.0);
        let half_h = ((lat1 - lat0).abs() * 0.8).max(3.5);
        let Some(rect) = self.rect else {
            self.pending_box = Some(bbox);
            return;
        };
        self.framed_box = Some(bbox);
        let (x0, y0) = geo::project(lon_mid - half_w, lat_mid - half_h);
        let (x1, y1) = geo::project(lon_mid + half_w, lat_mid + half_h);
        let sx = f64::from(rect.width()) / (x1 - x0).abs().max(1e-6);
        let sy = f64::from(rect.height()) / (y1 - y0).abs().max(1e-6);
        self.fly_to(lon_mid, lat_mid, Some(sx.min(sy)), now, secs);
    }

    /// Current scale (points per projected degree).
    pub fn scale(&self) -> f64 {
        self.scale
    }

    fn advance_flight(&mut self, now: f64) -> bool {
        let Some(f) = self.flight else {
            return false;
        };
        let t = ((now - f.start) / f.secs).clamp(0.0, 1.0);
        let e = ease(t);
        // zoom geometrically, pan linearly in the eased parameter
        self.scale = f.from.2 * (f.to.2 / f.from.2).powf(e);
        self.centre = (
            f.from.0 + (f.to.0 - f.from.0) * e,
            f.from.1 + (f.to.1 - f.from.1) * e,
        );
        if t >= 1.0 {
            self.flight = None;
        }
        true
    }

    fn refresh(&mut self, view: &View<'_>) {
        let key = (view.store_gen, view.result_gen);
        if self
            .data_key
            .is_none_or(|(store_gen, _)| store_gen != view.store_gen)
            && !self.user_moved
            && self.framed_box.is_none()
        {
            self.scale = 0.0; // a new corpus: frame its places
        }
        if self.data_key != Some(key) {
            self.data = MapData::from_store(view.store, view.result);
            self.data_key = Some(key);
        }
    }

    /// Draws the pane in the space left in `ui`.
    pub fn ui(&mut self, view: &View<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        self.refresh(view);
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        // the visible part only (a panel may lay out more than it shows)
        let rect = rect.intersect(ui.clip_rect());
        let label = view.lang.pick("Carte", "Map");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, label));
        if self.scale <= 0.0 {
            self.fit(rect, self.start_box());
            if let Some(centre) = self.pending_centre.take() {
                self.centre = centre;
            }
        }
        let resized = self.rect.is_some_and(|r| r.size() != rect.size());
        self.rect = Some(rect);
        if let Some(bbox) = self.pending_box.take() {
            self.fly_to_box(bbox, 0.0, 0.0);
        } else if resized && self.flight.is_none() {
            if let Some(bbox) = self.framed_box {
                self.fly_to_box(bbox, 0.0, 0.0);
            } else if !self.user_moved {
                self.fit(rect, self.start_box());
            }
        }
        let now = ui.input(|i| i.time);
        if self.advance_flight(now) {
            ui.ctx().request_repaint();
        }
        self.navigate(&response, rect, ui);
        let painter = ui.painter_at(rect);
        let palette = view.palette;
        let sea = if palette.dark {
            Color32::from_rgb(0x16, 0x22, 0x30)
        } else {
            Color32::from_rgb(0xe6, 0xee, 0xf6)
        };
        painter.rect_filled(rect, 0.0, sea);
        self.outlines_ui(&painter, rect, palette);
        self.arcs_ui(&painter, rect, view);
        let hovered = response
            .hover_pos()
            .and_then(|p| self.place_near(rect, p).cloned());
        self.places_ui(&painter, rect, view, hovered.as_ref(), now);
        if let Some(place) = hovered {
            if response.clicked()
                && let Some(entity) = place.entity
            {
                actions.push(Action::FilterEntity(entity));
            }
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            response.on_hover_ui_at_pointer(|ui| place_tooltip_ui(view, &place, ui));
        }
        actions
    }

    fn navigate(&mut self, response: &egui::Response, rect: Rect, ui: &egui::Ui) {
        if response.dragged() {
            let d = response.drag_delta();
            self.centre.0 -= f64::from(d.x) / self.scale;
            self.centre.1 += f64::from(d.y) / self.scale;
            self.flight = None;
            self.framed_box = None;
            self.user_moved = true;
        }
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from(zoom) * (f64::from(scroll) / 200.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            // keep the point under the pointer where it is
            let before = self.to_plane(rect, pointer);
            self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
            let after = self.to_plane(rect, pointer);
            self.centre.0 += before.0 - after.0;
            self.centre.1 += before.1 - after.1;
            self.flight = None;
            self.framed_box = None;
            self.user_moved = true;
        }
    }

    fn outlines_ui(&self, painter: &egui::Painter, rect: Rect, palette: &Palette) {
        let width = if self.is_large { 1.6 } else { 1.0 };
        let land = if palette.dark {
            Color32::from_rgb(0x8a, 0x96, 0xa8)
        } else {
            Color32::from_rgb(0x8d, 0x96, 0xa3)
        };
        let visible = rect.expand(20.0);
        for country in &geo::Atlas::bundled().countries {
            let [x0, y0, x1, y1] = country.bbox;
            let a = self.to_screen(rect, geo::project(f64::from(x0), f64::from(y0)));
            let b = self.to_screen(rect, geo::project(f64::from(x1), f64::from(y1)));
            if !Rect::from_two_pos(a, b).intersects(visible) {
                continue;
            }
            let is_main = matches!(country.name.as_str(), "France" | "Russia");
            let stroke = if is_main {
                Stroke::new(width * 1.7, palette.accent)
            } else {
                Stroke::new(width, land)
            };
            for ring in &country.rings {
                let points: Vec<Pos2> = ring
                    .iter()
                    .map(|&[lon, lat]| {
                        self.to_screen(rect, geo::project(f64::from(lon), f64::from(lat)))
                    })
                    .collect();
                painter.add(Shape::closed_line(points, stroke));
            }
        }
        let font = egui::FontId::proportional(if self.is_large { 22.0 } else { 15.0 });
        for (name, lon, lat) in [("FRANCE", 2.3, 46.9), ("RUSSIE", 44.0, 60.5)] {
            painter.text(
                self.to_screen(rect, geo::project(lon, lat)),
                egui::Align2::CENTER_CENTER,
                name,
                font.clone(),
                palette.accent.gamma_multiply(0.55),
            );
        }
    }

    fn arcs_ui(&self, painter: &egui::Painter, rect: Rect, view: &View<'_>) {
        let base = if self.is_large { 2.5 } else { 1.6 };
        for arc in &self.data.arcs {
            let a = self.to_screen(rect, geo::project(arc.from.0, arc.from.1));
            let b = self.to_screen(rect, geo::project(arc.to.0, arc.to.1));
            let is_focus = self.focus == Some(arc.event);
            let colour = view.palette.event(arc.kind);
            let stroke = if is_focus {
                Stroke::new(base * 2.2, colour)
            } else {
                Stroke::new(base, colour.gamma_multiply(0.7))
            };
            let chord = b - a;
            if chord.length() < 2.0 {
                continue;
            }
            // bulge to the left of the direction of travel, a fifth of the chord
            let control = a + chord * 0.5 + vec2(chord.y, -chord.x) * 0.2;
            painter.add(QuadraticBezierShape::from_points_stroke(
                [a, control, b],
                false,
                Color32::TRANSPARENT,
                stroke,
            ));
            // arrow head along the curve's end tangent
            let dir = (b - control).normalized();
            let side = vec2(-dir.y, dir.x);
            let size = stroke.width * 3.5 + 3.0;
            painter.add(Shape::convex_polygon(
                vec![
                    b,
                    b - dir * size + side * size * 0.5,
                    b - dir * size - side * size * 0.5,
                ],
                stroke.color,
                Stroke::NONE,
            ));
        }
    }

    fn radius(&self, place: &MapPlace) -> f32 {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let r = 3.0 + 2.5 * (place.docs.max(1) as f32).sqrt();
        if self.is_large { r * 1.5 } else { r }
    }

    fn place_near(&self, rect: Rect, pointer: Pos2) -> Option<&MapPlace> {
        self.data
            .places
            .iter()
            .map(|p| {
                let at = self.to_screen(rect, geo::project(p.lon, p.lat));
                (p, at.distance(pointer) - self.radius(p))
            })
            .filter(|(_, d)| *d <= 4.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(p, _)| p)
    }

    fn places_ui(
        &self,
        painter: &egui::Painter,
        rect: Rect,
        view: &View<'_>,
        hovered: Option<&MapPlace>,
        now: f64,
    ) {
        let palette = view.palette;
        let dot = palette.entity(crate::model::EntityKind::Place);
        let filtered: Vec<&str> = view.filter.entities.iter().map(String::as_str).collect();
        let focus_places: Vec<&str> = self
            .focus
            .and_then(|r| view.store.event(r))
            .map(|e| e.places.iter().map(|p| &**p).collect())
            .unwrap_or_default();
        let font = egui::FontId::proportional(if self.is_large { 17.0 } else { 12.0 });
        let mut named = Vec::new();
        // smallest last, so big dots do not hide small ones
        for (rank, place) in self.data.places.iter().enumerate().rev() {
            let at = self.to_screen(rect, geo::project(place.lon, place.lat));
            if !rect.expand(30.0).contains(at) {
                continue;
            }
            let r = self.radius(place);
            let is_focus = focus_places.contains(&place.name.as_str());
            if is_focus {
                #[allow(clippy::cast_possible_truncation)]
                let pulse = (now * 3.0).sin().abs() as f32;
                painter.circle_stroke(at, r + 6.0 + 6.0 * pulse, Stroke::new(3.0, palette.warn));
            }
            painter.circle(
                at,
                r,
                dot.gamma_multiply(0.85),
                Stroke::new(1.0, palette.paper),
            );
            if !place.events.is_empty() {
                // a ring per place holding events, thicker with more of them
                #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
                let w = 1.0 + 0.5 * (place.events.len() as f32).sqrt();
                painter.circle_stroke(at, r + 2.0 + w / 2.0, Stroke::new(w, palette.accent));
            }
            let is_named = rank < LABELLED
                || is_focus
                || filtered.contains(&place.name.as_str())
                || hovered.is_some_and(|h| h.name == place.name);
            if is_named {
                named.push((rank, is_focus, at + vec2(r + 5.0, 0.0), place.name.as_str()));
            }
        }
        // labels last, most important first; one that would overlap a placed label is left out
        named.sort_by_key(|&(rank, is_focus, _, _)| (!is_focus, rank));
        let mut placed: Vec<Rect> = Vec::new();
        for (_, _, pos, name) in named {
            let galley = painter.layout_no_wrap(name.to_owned(), font.clone(), palette.text);
            let bg = Rect::from_min_size(pos - vec2(2.0, galley.size().y / 2.0), galley.size())
                .expand(1.5);
            if placed.iter().any(|p| p.intersects(bg)) {
                continue;
            }
            placed.push(bg);
            painter.rect_filled(bg, 3.0, palette.paper.gamma_multiply(0.8));
            painter.galley(bg.min + vec2(1.5, 1.5), galley, palette.text);
        }
    }
}

/// Ease in and out (smoothstep).
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn place_tooltip_ui(view: &View<'_>, place: &MapPlace, ui: &mut egui::Ui) {
    ui.strong(&place.name);
    ui.label(format!(
        "{} {} · {} {}",
        place.docs,
        view.lang.pick("documents", "documents"),
        place.events.len(),
        view.lang.pick("événements", "events"),
    ));
    for &event_ref in place.events.iter().take(5) {
        let Some(event) = view.store.event(event_ref) else {
            continue;
        };
        let date = view
            .lang
            .date_range(event.date_start.as_ref(), event.date_end.as_ref());
        ui.small(format!("{date} · {}", view.lang.event_kind(event.kind)));
    }
    if place.entity.is_some() {
        ui.small(
            view.lang
                .pick("Clic : filtrer sur ce lieu", "Click: filter on this place"),
        );
    }
}
