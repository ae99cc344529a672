//! The reader: the open article with every mention highlighted by type (toggles per type),
//! the selected entity emphasised with next/previous, the selected event's evidence marked,
//! a metadata header, and tooltips on mentions. The text is one `LayoutJob` (memoised on
//! document, selection, toggles and theme); mentions are hit-tested through the galley.
//! Dragging over the text selects a passage (to add a mention or an event); the entity bar
//! and the event card carry the correction controls of [`super::correct_ui`].

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{
    Align, Color32, CursorIcon, FontId, Galley, Label, Pos2, Rect, RichText, Sense, Stroke,
};

use crate::model::{EntityKind, RegionKind, Span};
use crate::store::{DocIx, EntityId, EventRef, MentionRef};

use super::i18n::Msg;
use super::view::{Action, View};

/// Font size of the article text.
const TEXT_SIZE: f32 = 15.5;
/// Widest text column, in points (long lines are hard to read).
const MAX_TEXT_WIDTH: f32 = 760.0;

/// Where the reader should scroll on the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    /// The top of the article.
    Top,
    /// The line holding this byte offset.
    Byte(usize),
}

#[derive(Clone, Debug, PartialEq)]
struct JobKey {
    store_gen: u64,
    doc: DocIx,
    entity: Option<EntityId>,
    current_mention: Option<usize>,
    evidence: Option<(usize, usize)>,
    /// The text selection, bytes.
    selected: Option<(usize, usize)>,
    hidden: Vec<EntityKind>,
    dark: bool,
}

/// A laid-out mention: char range in the job text and its index in the document.
#[derive(Clone, Copy, Debug)]
struct MentionChars {
    start: usize,
    end: usize,
    mention: usize,
}

#[derive(Debug)]
struct JobCache {
    key: JobKey,
    job: LayoutJob,
    mentions: Vec<MentionChars>,
    /// (byte offset, char offset) at each section start, for byte → char lookups.
    offsets: Vec<(usize, usize)>,
}

impl JobCache {
    fn char_of_byte(&self, byte: usize) -> usize {
        let ix = self.offsets.partition_point(|&(b, _)| b <= byte);
        let Some(&(b0, c0)) = ix.checked_sub(1).and_then(|i| self.offsets.get(i)) else {
            return 0;
        };
        let extra = self
            .job
            .text
            .get(b0..byte.max(b0))
            .map_or(0, |s| s.chars().count());
        c0 + extra
    }

    fn byte_of_char(&self, index: usize) -> usize {
        let ix = self.offsets.partition_point(|&(_, c)| c <= index);
        let Some(&(b0, c0)) = ix.checked_sub(1).and_then(|i| self.offsets.get(i)) else {
            return 0;
        };
        let text = self.job.text.get(b0..).unwrap_or("");
        b0 + text
            .char_indices()
            .nth(index.saturating_sub(c0))
            .map_or(text.len(), |(i, _)| i)
    }

    fn mention_at_char(&self, index: usize) -> Option<MentionChars> {
        let ix = self.mentions.partition_point(|m| m.end <= index);
        self.mentions
            .get(ix)
            .copied()
            .filter(|m| m.start <= index && index < m.end)
    }
}

/// The reader's own state.
#[derive(Debug, Default)]
pub struct Reader {
    cache: Option<JobCache>,
    /// Where to scroll next frame.
    pub scroll_target: Option<ScrollTarget>,
    /// The last galley drawn and its screen position (hit-testing, tests).
    last_galley: Option<(Arc<Galley>, Pos2)>,
    /// The passage selected by dragging: (store generation, document, bytes).
    pub text_selection: Option<(u64, DocIx, Span)>,
    /// Char index where the current drag started.
    drag_from: Option<usize>,
}

/// The mentions of the selected entity in document `doc`, in text order.
pub fn entity_mentions_in(view: &View<'_>, doc: DocIx, entity: EntityId) -> Vec<usize> {
    let Some(analysed) = view.store.doc(doc) else {
        return Vec::new();
    };
    (0..analysed.analysis.mentions.len())
        .filter(|&mention| {
            view.store.entity_of_mention(MentionRef { doc, mention }) == Some(entity)
        })
        .collect()
}

impl Reader {
    /// The selected passage in `doc`, if it is still valid.
    pub fn selection_in(&self, view: &View<'_>, doc: DocIx) -> Option<Span> {
        self.text_selection
            .filter(|&(store_gen, d, _)| store_gen == view.store_gen && d == doc)
            .map(|(_, _, span)| span)
    }

    /// Screen rectangle of a mention as last drawn (first line of it), for tests and tours.
    pub fn mention_rect(&self, mention: usize) -> Option<Rect> {
        let (galley, pos) = self.last_galley.as_ref()?;
        let cache = self.cache.as_ref()?;
        let m = cache.mentions.iter().find(|m| m.mention == mention)?;
        let a = galley.pos_from_cursor(CCursor::new(m.start));
        let b = galley.pos_from_cursor(CCursor::new(m.end));
        let rect = if (a.top() - b.top()).abs() < 1.0 {
            Rect::from_min_max(a.left_top(), b.right_bottom())
        } else {
            Rect::from_min_size(a.left_top(), egui::vec2(6.0, a.height()))
        };
        Some(rect.translate(pos.to_vec2()))
    }

    /// Draws the reader.
    pub fn ui(&mut self, view: &View<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(doc_ix) = view.selection.doc else {
            self.last_galley = None;
            empty_ui(view, ui);
            return actions;
        };
        let Some(analysed) = view.store.doc(doc_ix) else {
            empty_ui(view, ui);
            return actions;
        };
        let palette = view.palette;
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(16, 10))
            .show(ui, |ui| {
                header_ui(view, doc_ix, ui);
                ui.add_space(4.0);
                legend_ui(view, doc_ix, ui, &mut actions);
                if let Some(entity) = view.selection.entity {
                    entity_bar_ui(view, doc_ix, entity, ui, &mut actions);
                }
                if let Some(event) = view.selection.event.filter(|e| e.doc() == doc_ix) {
                    event_card_ui(view, event, ui, &mut actions);
                }
                // shown once the drag is over: appearing mid-drag would move the text
                if let Some(span) = self.selection_in(view, doc_ix)
                    && self.drag_from.is_none()
                    && super::correct_ui::selection_bar_ui(view, doc_ix, span, ui, &mut actions)
                {
                    self.text_selection = None;
                }
            });
        ui.separator();
        let store_gen = view.store_gen;
        let key = self.job_key(view, doc_ix);
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            self.cache = Some(build_job(view, key));
        }
        let scroll_target = self.scroll_target.take();
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("reader", doc_ix))
            .auto_shrink([false, false]);
        if scroll_target == Some(ScrollTarget::Top) {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            let Some(cache) = self.cache.as_ref() else {
                return;
            };
            let width = ui.available_width().min(MAX_TEXT_WIDTH + 48.0);
            let side = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(side);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    egui::Frame::new()
                        .fill(palette.paper)
                        .inner_margin(egui::Margin::symmetric(24, 18))
                        .corner_radius(6)
                        .stroke(Stroke::new(1.0, palette.line))
                        .show(ui, |ui| {
                            let mut job = cache.job.clone();
                            job.wrap.max_width = ui.available_width();
                            let galley = ui.fonts_mut(|f| f.layout_job(job));
                            let response = ui.add(
                                Label::new(egui::WidgetText::Galley(Arc::clone(&galley)))
                                    .sense(Sense::click_and_drag())
                                    .selectable(false),
                            );
                            let pos = response.rect.left_top();
                            let char_at = |p: Pos2| galley.cursor_from_pos(p - pos).index.0;
                            if response.drag_started() {
                                self.drag_from =
                                    ui.input(|i| i.pointer.press_origin()).map(char_at);
                            }
                            if let (Some(from), Some(p)) =
                                (self.drag_from, response.interact_pointer_pos())
                                && (response.dragged() || response.drag_stopped())
                            {
                                let to = char_at(p);
                                let (a, b) = (from.min(to), from.max(to));
                                self.text_selection = (a < b).then(|| {
                                    let span =
                                        Span::new(cache.byte_of_char(a), cache.byte_of_char(b));
                                    (store_gen, doc_ix, span)
                                });
                            }
                            if response.drag_stopped() {
                                self.drag_from = None;
                            }
                            if response.clicked() {
                                self.text_selection = None;
                            }
                            if let Some(ScrollTarget::Byte(byte)) = scroll_target {
                                let ch = cache.char_of_byte(byte);
                                let rect = galley.pos_from_cursor(CCursor::new(ch));
                                ui.scroll_to_rect(
                                    rect.translate(pos.to_vec2()),
                                    Some(Align::Center),
                                );
                            }
                            hover_ui(view, doc_ix, cache, &galley, pos, &response, &mut actions);
                            self.last_galley = Some((galley, pos));
                        });
                    let _ = analysed;
                });
            });
        });
        actions
    }

    fn job_key(&self, view: &View<'_>, doc: DocIx) -> JobKey {
        let current_mention = view.selection.entity.and_then(|entity| {
            let list = entity_mentions_in(view, doc, entity);
            if list.is_empty() {
                None
            } else {
                list.get(view.selection.mention_cursor % list.len())
                    .copied()
            }
        });
        JobKey {
            store_gen: view.store_gen,
            doc,
            entity: view.selection.entity,
            current_mention,
            selected: self
                .selection_in(view, doc)
                .map(|span| (span.start(), span.end())),
            evidence: view
                .selection
                .event
                .filter(|e| e.doc() == doc)
                .and_then(|e| view.store.event(e))
                .map(|e| (e.evidence.start(), e.evidence.end())),
            hidden: view.hidden_kinds.to_vec(),
            dark: view.palette.dark,
        }
    }
}

fn empty_ui(view: &View<'_>, ui: &mut egui::Ui) {
    ui.add_space(ui.available_height() * 0.3);
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(view.t(Msg::NoDocument))
                .size(18.0)
                .color(view.palette.weak),
        );
        ui.add_space(4.0);
        ui.label(RichText::new(view.t(Msg::NoDocumentHint)).color(view.palette.weak));
    });
}

fn header_ui(view: &View<'_>, doc_ix: DocIx, ui: &mut egui::Ui) {
    let (Some(analysed), Some(_)) = (view.store.doc(doc_ix), view.meta(doc_ix)) else {
        return;
    };
    let doc = &analysed.doc;
    // the whole title, not shortened; the first line only when there is none
    let title = if doc.title.trim().is_empty() {
        view.title(doc_ix)
    } else {
        doc.title.trim()
    };
    ui.add(Label::new(RichText::new(title).size(19.0).strong()).wrap());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let weak = view.palette.weak;
        match &doc.pub_date {
            Some(date) => {
                ui.label(RichText::new(view.lang.date(date)).strong());
                ui.label(
                    RichText::new(format!(
                        "({} : {})",
                        view.t(Msg::Precision),
                        view.lang.precision(date.precision())
                    ))
                    .color(weak),
                );
            }
            None => {
                ui.label(RichText::new(view.t(Msg::Undated)).italics().color(weak));
            }
        }
        ui.label(RichText::new("·").color(weak));
        ui.label(RichText::new(format!("{} :", view.t(Msg::File))).color(weak));
        ui.label(
            RichText::new(doc.path.display().to_string())
                .monospace()
                .size(12.0),
        )
        .on_hover_text(format!(
            "{} {} · {}",
            view.t(Msg::Encoding),
            doc.encoding,
            view.lang.megabytes(doc.file_bytes)
        ));
        if let Some(source) = &doc.source {
            ui.label(RichText::new("·").color(weak));
            ui.label(RichText::new(format!("{} : {source}", view.t(Msg::Publisher))).color(weak));
        }
    });
}

fn legend_ui(view: &View<'_>, doc_ix: DocIx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let Some(analysed) = view.store.doc(doc_ix) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} :", view.t(Msg::Legend))).color(view.palette.weak));
        for kind in EntityKind::ALL {
            let count = analysed
                .analysis
                .mentions
                .iter()
                .filter(|m| m.kind == kind)
                .count();
            if count == 0 && matches!(kind, EntityKind::Date | EntityKind::Sector) {
                continue;
            }
            let shown = !view.hidden_kinds.contains(&kind);
            let text =
                RichText::new(format!("{} {count}", view.lang.entity_kind(kind))).color(if shown {
                    view.palette.text
                } else {
                    view.palette.weak
                });
            let button = egui::Button::new(if shown { text } else { text.strikethrough() })
                .fill(if shown {
                    view.palette.entity_bg(kind)
                } else {
                    Color32::TRANSPARENT
                })
                .stroke(Stroke::new(1.0, view.palette.entity(kind)))
                .corner_radius(10);
            if ui.add(button).clicked() {
                actions.push(Action::ToggleHiddenKind(kind));
            }
        }
    });
}

fn entity_bar_ui(
    view: &View<'_>,
    doc_ix: DocIx,
    entity_id: EntityId,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let Some(entity) = view.store.entity(entity_id) else {
        return;
    };
    let here = entity_mentions_in(view, doc_ix, entity_id);
    egui::Frame::new()
        .fill(view.palette.entity_bg(entity.kind))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(&entity.canonical)
                        .strong()
                        .color(view.palette.text),
                );
                let pos = if here.is_empty() {
                    0
                } else {
                    view.selection.mention_cursor % here.len() + 1
                };
                ui.label(
                    RichText::new(format!(
                        "{pos}/{} {} {}",
                        here.len(),
                        view.t(Msg::Mentions),
                        view.t(Msg::Here)
                    ))
                    .color(view.palette.weak),
                );
                let enabled = here.len() > 1;
                if ui
                    .add_enabled(enabled, egui::Button::new(view.t(Msg::Previous)))
                    .clicked()
                {
                    actions.push(Action::StepMention(-1));
                }
                if ui
                    .add_enabled(enabled, egui::Button::new(view.t(Msg::Next)))
                    .clicked()
                {
                    actions.push(Action::StepMention(1));
                }
                if ui.button(view.t(Msg::Concordance)).clicked() {
                    actions.push(Action::ShowConcordance(entity_id));
                }
                let current = here
                    .get(view.selection.mention_cursor % here.len().max(1))
                    .map(|&mention| MentionRef {
                        doc: doc_ix,
                        mention,
                    });
                ui.menu_button(super::correct_ui::menu_label(view), |ui| {
                    super::correct_ui::entity_menu_items_ui(view, entity_id, current, ui, actions);
                });
                if ui
                    .add(egui::Button::new("×").frame(false))
                    .on_hover_text(view.t(Msg::Close))
                    .clicked()
                {
                    actions.push(Action::SelectEntity(None));
                }
            });
        });
}

fn event_card_ui(
    view: &View<'_>,
    event_ref: EventRef,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let Some(event) = view.store.event(event_ref) else {
        return;
    };
    let colour = view.palette.event(event.kind);
    egui::Frame::new()
        .fill(view.palette.evidence)
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(view.lang.event_kind(event.kind))
                        .strong()
                        .color(colour),
                );
                if let Some(name) = &event.name {
                    ui.label(RichText::new(name).italics());
                }
                ui.label(
                    view.lang
                        .date_range(event.date_start.as_ref(), event.date_end.as_ref()),
                );
                if !event.places.is_empty() {
                    ui.label(RichText::new("·").color(view.palette.weak));
                    ui.label(event.places.join(", "));
                }
                if !event.participants.is_empty() {
                    ui.label(RichText::new("·").color(view.palette.weak));
                    ui.label(event.participants.join(", "));
                }
                super::correct_ui::event_buttons_ui(view, event_ref, ui, actions);
            });
        });
}

#[allow(clippy::too_many_arguments)]
fn hover_ui(
    view: &View<'_>,
    doc_ix: DocIx,
    cache: &JobCache,
    galley: &Galley,
    pos: Pos2,
    response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let local = pointer - pos;
    let cursor = galley.cursor_from_pos(local);
    let mut index = cursor.index.0;
    // the cursor lands between characters: take the character under the pointer
    if index > 0 && galley.pos_from_cursor(CCursor::new(index)).left() > local.x {
        index -= 1;
    }
    let Some(hit) = cache.mention_at_char(index) else {
        return;
    };
    let mention_ref = MentionRef {
        doc: doc_ix,
        mention: hit.mention,
    };
    let Some(entity_id) = view.store.entity_of_mention(mention_ref) else {
        return;
    };
    let Some(entity) = view.store.entity(entity_id) else {
        return;
    };
    response.ctx.set_cursor_icon(CursorIcon::PointingHand);
    if response.clicked() {
        actions.push(Action::SelectMention(mention_ref));
    }
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(320.0);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), 5.0, view.palette.entity(entity.kind));
            ui.label(RichText::new(&entity.canonical).strong().size(15.0));
        });
        ui.label(RichText::new(view.lang.entity_kind_one(entity.kind)).color(view.palette.weak));
        let others: Vec<&str> = entity
            .aliases
            .iter()
            .filter(|a| **a != entity.canonical)
            .map(String::as_str)
            .take(8)
            .collect();
        if !others.is_empty() {
            ui.label(format!("{} : {}", view.t(Msg::Aliases), others.join(", ")));
        }
        ui.label(format!(
            "{} {} · {} {}",
            view.lang.count(entity.mention_count),
            view.t(Msg::Mentions),
            view.lang.count(entity.doc_count),
            view.t(Msg::DocsCount)
        ));
    });
}

/// Builds the article's layout job: one section per run of text with the same marks.
fn build_job(view: &View<'_>, key: JobKey) -> JobCache {
    let mut job = LayoutJob::default();
    let mut mentions_out: Vec<MentionChars> = Vec::new();
    let mut offsets = Vec::new();
    let Some(analysed) = view.store.doc(key.doc) else {
        return JobCache {
            key,
            job,
            mentions: mentions_out,
            offsets,
        };
    };
    let doc = &analysed.doc;
    let body = doc.body.as_str();
    let palette = view.palette;
    let mentions: Vec<(usize, &crate::model::Mention)> = analysed
        .analysis
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            !key.hidden.contains(&m.kind)
                && doc.region_at(m.span.start()) != Some(RegionKind::Boilerplate)
                && !m.span.is_empty()
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for (_, m) in &mentions {
        cuts.push(m.span.start().min(body.len()));
        cuts.push(m.span.end().min(body.len()));
    }
    for r in &doc.regions {
        cuts.push(r.span.start().min(body.len()));
        cuts.push(r.span.end().min(body.len()));
    }
    for (s, e) in key.evidence.into_iter().chain(key.selected) {
        cuts.push(s.min(body.len()));
        cuts.push(e.min(body.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let base = TextFormat {
        font_id: FontId::proportional(TEXT_SIZE),
        color: palette.text,
        line_height: Some(TEXT_SIZE * 1.55),
        ..TextFormat::default()
    };
    let mut chars = 0usize;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(text) = body.get(a..b) else {
            continue;
        };
        let mut format = base.clone();
        match doc.region_at(a) {
            Some(RegionKind::Boilerplate) => {
                format.color = palette.dimmed;
                format.italics = true;
            }
            Some(RegionKind::Metadata | RegionKind::Credit) => format.color = palette.weak,
            None => {}
        }
        if let Some((s, e)) = key.evidence
            && s <= a
            && b <= e
        {
            format.background = palette.evidence;
        }
        let is_selected = key.selected.is_some_and(|(s, e)| s <= a && b <= e);
        // mentions may nest (a place inside an organisation): the innermost one shows
        let hit = mentions
            .iter()
            .filter(|(_, m)| m.span.start() <= a && b <= m.span.end())
            .min_by_key(|(_, m)| m.span.len());
        if let Some(&(mention_ix, m)) = hit {
            let entity = view.store.entity_of_mention(MentionRef {
                doc: key.doc,
                mention: mention_ix,
            });
            let selected = entity.is_some() && entity == key.entity;
            format.background = if selected {
                palette.entity_bg_selected(m.kind)
            } else {
                palette.entity_bg(m.kind)
            };
            format.expand_bg = 1.0;
            if selected {
                let width = if key.current_mention == Some(mention_ix) {
                    2.5
                } else {
                    1.2
                };
                format.underline = Stroke::new(width, palette.entity(m.kind));
            }
            let n = text.chars().count();
            match mentions_out.last_mut() {
                Some(last) if last.mention == mention_ix && last.end == chars => last.end += n,
                _ => mentions_out.push(MentionChars {
                    start: chars,
                    end: chars + n,
                    mention: mention_ix,
                }),
            }
        }
        if is_selected {
            format.background = palette.accent.gamma_multiply(0.35);
        }
        offsets.push((a, chars));
        chars += text.chars().count();
        job.append(text, 0.0, format);
    }
    if job.text.is_empty() {
        job.append(" ", 0.0, base);
    }
    JobCache {
        key,
        job,
        mentions: mentions_out,
        offsets,
    }
}
