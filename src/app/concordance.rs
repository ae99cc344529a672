//! The concordance (keyword in context): every mention of one entity across the corpus,
//! aligned on the keyword, one line each, in a floating window. A click opens the article
//! at that mention. Lines are built once per (store, entity) and drawn virtualised.

use egui::{Align2, FontId, RichText, Sense};

use crate::store::{EntityId, MentionRef, Store};

use super::i18n::Msg;
use super::view::{Action, View};

/// Characters of context on each side.
const CONTEXT_CHARS: usize = 70;
/// Height of one line, in points.
const ROW_HEIGHT: f32 = 20.0;

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicLine {
    /// The mention.
    pub mention: MentionRef,
    /// Text before it (newlines flattened).
    pub left: String,
    /// The mention as written.
    pub keyword: String,
    /// Text after it.
    pub right: String,
    /// The document id.
    pub doc_id: String,
}

/// Every mention of `entity` with its context, in document then text order.
pub fn kwic(store: &Store, entity: EntityId) -> Vec<KwicLine> {
    store
        .mentions_of(entity)
        .filter_map(|r| {
            let analysed = store.doc(r.doc)?;
            let mention = store.mention(r)?;
            let body = analysed.doc.body.as_str();
            let before = body.get(..mention.span.start())?;
            let after = body.get(mention.span.end()..)?;
            let left: String = {
                let mut chars: Vec<char> = before.chars().rev().take(CONTEXT_CHARS).collect();
                chars.reverse();
                flatten(&chars.into_iter().collect::<String>())
            };
            let right = flatten(&after.chars().take(CONTEXT_CHARS).collect::<String>());
            Some(KwicLine {
                mention: r,
                left,
                keyword: flatten(mention.span.text(body)),
                right,
                doc_id: analysed.doc.doc_id.clone(),
            })
        })
        .collect()
}

fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The concordance window's state.
#[derive(Debug, Default)]
pub struct Concordance {
    /// The entity shown, if the window is open.
    pub entity: Option<EntityId>,
    lines: Vec<KwicLine>,
    key: Option<(u64, EntityId)>,
}

impl Concordance {
    /// The lines as of the last frame.
    pub fn lines(&self) -> &[KwicLine] {
        &self.lines
    }

    /// Draws the window if open.
    pub fn ui(&mut self, view: &View<'_>, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(entity_id) = self.entity else {
            return actions;
        };
        let Some(entity) = view.store.entity(entity_id) else {
            self.entity = None;
            return actions;
        };
        if self.key != Some((view.store_gen, entity_id)) {
            self.lines = kwic(view.store, entity_id);
            self.key = Some((view.store_gen, entity_id));
        }
        let mut open = true;
        let title = format!("{} — {}", view.t(Msg::Concordance), entity.canonical);
        egui::Window::new(title)
            .id(egui::Id::unique("concordance"))
            .open(&mut open)
            .default_size([860.0, 380.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(format!(
                        "{} {} · {} {}",
                        view.lang.count(self.lines.len()),
                        view.t(Msg::Mentions),
                        view.lang.count(entity.doc_count),
                        view.t(Msg::DocsCount)
                    ))
                    .color(view.palette.weak),
                );
                ui.separator();
                let colour = view.palette.entity(entity.kind);
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_HEIGHT, self.lines.len(), |ui, range| {
                        for line in self.lines.get(range).unwrap_or(&[]) {
                            if line_ui(view, ui, line, colour).clicked() {
                                actions.push(Action::OpenMention(line.mention));
                            }
                        }
                    });
            });
        if !open {
            self.entity = None;
        }
        actions
    }
}

fn line_ui(
    view: &View<'_>,
    ui: &mut egui::Ui,
    line: &KwicLine,
    colour: egui::Color32,
) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("{} {} {}", line.left, line.keyword, line.right),
        )
    });
    let painter = ui.painter_at(rect);
    if response.hovered() {
        painter.rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let y = rect.center().y;
    let font = FontId::proportional(13.5);
    let id_width = 150.0;
    painter.text(
        egui::pos2(rect.left() + 4.0, y),
        Align2::LEFT_CENTER,
        super::view::shorten(&line.doc_id, 20),
        FontId::monospace(11.0),
        view.palette.weak,
    );
    let keyword = painter.layout_no_wrap(line.keyword.clone(), font.clone(), colour);
    let centre = rect.left() + id_width + (rect.width() - id_width - keyword.size().x) * 0.45;
    painter.text(
        egui::pos2(centre - 6.0, y),
        Align2::RIGHT_CENTER,
        &line.left,
        font.clone(),
        view.palette.text,
    );
    // mask the left context where it runs into the document id column
    painter.rect_filled(
        egui::Rect::from_min_max(
            rect.left_top(),
            egui::pos2(rect.left() + id_width - 4.0, rect.bottom()),
        ),
        0.0,
        if response.hovered() {
            ui.visuals().widgets.hovered.weak_bg_fill
        } else {
            ui.visuals().window_fill
        },
    );
    painter.text(
        egui::pos2(rect.left() + 4.0, y),
        Align2::LEFT_CENTER,
        super::view::shorten(&line.doc_id, 20),
        FontId::monospace(11.0),
        view.palette.weak,
    );
    let kw_pos = egui::pos2(centre, y - keyword.size().y / 2.0);
    let kw_rect = egui::Rect::from_min_size(kw_pos, keyword.size());
    painter.rect_filled(
        kw_rect.expand(1.0),
        3.0,
        view.palette.entity_bg(
            view.store
                .entity(
                    view.store
                        .entity_of_mention(line.mention)
                        .unwrap_or(crate::store::EntityId(0)),
                )
                .map_or(crate::model::EntityKind::Place, |e| e.kind),
        ),
    );
    painter.galley(kw_pos, keyword, colour);
    painter.text(
        egui::pos2(kw_rect.right() + 6.0, y),
        Align2::LEFT_CENTER,
        &line.right,
        font,
        view.palette.text,
    );
    response
}
