//! The document list: a virtualised, sortable table of the filtered documents (date, title,
//! source, entity and event counts). ↑/↓ move the cursor, Enter opens, a click opens.

use egui::{Align, Key, Label, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::store::{DocIx, DocSet};

use super::i18n::Msg;
use super::state::DocColumn;
use super::view::{Action, View};

/// Height of one row, in points.
const ROW_HEIGHT: f32 = 24.0;

/// The document list's own state: keyboard cursor and cached sort order.
#[derive(Debug, Default)]
pub struct DocList {
    /// The row the keyboard cursor is on (a document index).
    pub cursor: Option<DocIx>,
    /// Sorted rows, keyed on (store, result, column, direction).
    order: Vec<DocIx>,
    order_key: Option<(u64, u64, DocColumn, bool)>,
    /// Every document sorted, keyed on (store, column, direction): a filter change only
    /// keeps the rows it selects, in this order.
    all_sorted: Vec<DocIx>,
    all_sorted_key: Option<(u64, DocColumn, bool)>,
    /// The selection seen last frame (the cursor follows selection changes made elsewhere).
    last_selected: Option<DocIx>,
    /// Frames left during which the cursor row is scrolled into view (the table settles
    /// its size over the first frames).
    scroll_to_cursor: u8,
}

impl DocList {
    /// The rows in display order (as of the last frame).
    pub fn order(&self) -> &[DocIx] {
        &self.order
    }

    fn refresh_order(&mut self, view: &View<'_>) {
        let key = (
            view.store_gen,
            view.result_gen,
            view.doc_sort.0,
            view.doc_sort.1,
        );
        if self.order_key == Some(key) {
            return;
        }
        self.order_key = Some(key);
        let all_key = (view.store_gen, view.doc_sort.0, view.doc_sort.1);
        if self.all_sorted_key != Some(all_key) {
            self.all_sorted = sorted(view);
            self.all_sorted_key = Some(all_key);
        }
        let mut selected = DocSet::empty(view.store.docs().len());
        for &d in &view.result.docs {
            selected.insert(d);
        }
        self.order = self
            .all_sorted
            .iter()
            .copied()
            .filter(|&d| selected.contains(d))
            .collect();
    }

    /// Moves the keyboard cursor by `delta` rows; returns the new cursor.
    pub fn move_cursor(&mut self, delta: isize) -> Option<DocIx> {
        if self.order.is_empty() {
            return None;
        }
        let pos = self
            .cursor
            .and_then(|c| self.order.iter().position(|&d| d == c));
        let last = self.order.len() - 1;
        let next = match pos {
            None if delta >= 0 => 0,
            None => last,
            Some(p) => p.saturating_add_signed(delta).min(last),
        };
        self.cursor = self.order.get(next).copied();
        self.scroll_to_cursor = 2;
        self.cursor
    }

    /// Draws the list.
    pub fn ui(&mut self, view: &View<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        self.refresh_order(view);
        if view.selection.doc != self.last_selected {
            self.last_selected = view.selection.doc;
            if view.selection.doc.is_some() {
                self.cursor = view.selection.doc;
                self.scroll_to_cursor = 3;
            }
        }
        if !ui.ctx().egui_wants_keyboard_input() {
            let (down, up, enter) = ui.input(|i| {
                (
                    i.key_pressed(Key::ArrowDown),
                    i.key_pressed(Key::ArrowUp),
                    i.key_pressed(Key::Enter),
                )
            });
            if down {
                self.move_cursor(1);
            }
            if up {
                self.move_cursor(-1);
            }
            if enter && let Some(doc) = self.cursor {
                actions.push(Action::OpenDoc(doc));
            }
        }
        self.header_ui(view, ui);
        if self.order.is_empty() {
            ui.add_space(12.0);
            ui.vertical_centered(|ui| {
                ui.weak(match view.lang {
                    super::i18n::Lang::Fr => "Aucun article ne correspond aux filtres.",
                    super::i18n::Lang::En => "No article matches the filters.",
                });
            });
            return actions;
        }
        let cursor_row = self
            .cursor
            .and_then(|c| self.order.iter().position(|&d| d == c));
        let mut table = TableBuilder::new(ui)
            .id_salt("doc_list")
            .striped(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::exact(92.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(
                Column::initial(190.0)
                    .at_least(80.0)
                    .clip(true)
                    .resizable(true),
            )
            .column(Column::exact(62.0))
            .column(Column::exact(56.0))
            .min_scrolled_height(0.0)
            .auto_shrink([false, false]);
        if self.scroll_to_cursor > 0 {
            self.scroll_to_cursor -= 1;
            if let Some(row) = cursor_row {
                table = table
                    .scroll_to_row(row, Some(Align::Center))
                    .animate_scrolling(false);
            }
        }
        let sort = view.doc_sort;
        table
            .header(22.0, |mut header| {
                for (column, msg) in [
                    (DocColumn::Date, Msg::Date),
                    (DocColumn::Title, Msg::Title),
                    (DocColumn::Source, Msg::Source),
                    (DocColumn::Entities, Msg::EntitiesShort),
                    (DocColumn::Events, Msg::EventsShort),
                ] {
                    header.col(|ui| {
                        let arrow = match (sort.0 == column, sort.1) {
                            (false, _) => "",
                            (true, true) => " ↑",
                            (true, false) => " ↓",
                        };
                        let text = RichText::new(format!("{}{arrow}", view.t(msg))).strong();
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text(match view.lang {
                                super::i18n::Lang::Fr => "Trier",
                                super::i18n::Lang::En => "Sort",
                            })
                            .clicked()
                        {
                            actions.push(Action::SortDocs(column));
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.order.len(), |mut row| {
                    let Some(&doc) = self.order.get(row.index()) else {
                        return;
                    };
                    let Some(meta) = view.meta(doc) else {
                        return;
                    };
                    row.set_selected(view.selection.doc == Some(doc));
                    if self.cursor == Some(doc) && view.selection.doc != Some(doc) {
                        row.set_hovered(true);
                    }
                    let doc_fields = view.store.doc(doc).map(|a| &a.doc);
                    row.col(|ui| {
                        let date = doc_fields
                            .and_then(|d| d.pub_date)
                            .map(|d| d.to_iso())
                            .unwrap_or_default();
                        ui.add(Label::new(RichText::new(date).monospace()).truncate());
                    });
                    row.col(|ui| {
                        ui.add(Label::new(view.title(doc)).truncate());
                    });
                    row.col(|ui| {
                        let source = doc_fields.map(super::view::source_name).unwrap_or_default();
                        ui.add(Label::new(RichText::new(source).weak()).truncate());
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                            ui.label(meta.entities.to_string());
                        });
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                            ui.label(meta.events.to_string());
                        });
                    });
                    if row.response().clicked() {
                        self.cursor = Some(doc);
                        actions.push(Action::OpenDoc(doc));
                    }
                });
            });
        actions
    }

    fn header_ui(&self, view: &View<'_>, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(view.t(Msg::Documents)).strong().size(15.0));
            let shown = view.lang.count(self.order.len());
            let total = view.lang.count(view.store.docs().len());
            let text = if view.filter.is_empty() {
                shown
            } else {
                format!("{shown} {} {total}", view.t(Msg::Matching))
            };
            ui.label(RichText::new(text).color(view.palette.weak));
        });
    }
}

/// Every document of the store in the order of the view's sort column and direction (ties
/// by store order; undated documents last whatever the direction).
fn sorted(view: &View<'_>) -> Vec<DocIx> {
    let mut order: Vec<DocIx> = (0..view.store.docs().len()).collect();
    let store = view.store;
    let meta = view.doc_meta;
    let date = |d: DocIx| store.doc(d).and_then(|a| a.doc.pub_date);
    let count = |d: DocIx, f: fn(&super::view::DocMeta) -> u32| meta.get(d).map_or(0, f);
    let title = |d: DocIx| (d < meta.len()).then(|| crate::text::fold(view.title(d)));
    let (column, ascending) = view.doc_sort;
    match column {
        // undated documents last, whatever the direction
        DocColumn::Date => order.sort_by(|&a, &b| {
            let (da, db) = (date(a), date(b));
            match (da, db) {
                (None, None) => a.cmp(&b),
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => {
                    let o = x.cmp(&y).then(a.cmp(&b));
                    if ascending { o } else { o.reverse() }
                }
            }
        }),
        DocColumn::Title => {
            let mut keyed: Vec<(Option<String>, DocIx)> =
                order.iter().map(|&d| (title(d), d)).collect();
            keyed.sort();
            if !ascending {
                keyed.reverse();
            }
            order = keyed.into_iter().map(|(_, d)| d).collect();
        }
        DocColumn::Source => {
            // store order is path order
            if !ascending {
                order.reverse();
            }
        }
        DocColumn::Entities | DocColumn::Events => {
            let f: fn(&super::view::DocMeta) -> u32 = if column == DocColumn::Entities {
                |m| m.entities
            } else {
                |m| m.events
            };
            order.sort_by(|&a, &b| {
                let o = count(a, f).cmp(&count(b, f)).then(a.cmp(&b));
                if ascending { o } else { o.reverse() }
            });
        }
    }
    order
}
