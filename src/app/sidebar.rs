//! The entity sidebar: people, organisations and places (and sectors) found in the filtered
//! documents, with mention and document counts, sorted by count or name, searchable without
//! regard to accents or case. A click filters the corpus to documents mentioning the entity;
//! the context menu (or the reader's bar) opens its concordance. Rows are virtualised.

use egui::{Align2, FontId, RichText, Sense, Stroke, TextEdit};

use crate::model::EntityKind;
use crate::store::EntityId;
use crate::text::fold;

use super::i18n::Msg;
use super::state::EntitySort;
use super::view::{Action, View};

/// Height of one row, in points.
const ROW_HEIGHT: f32 = 22.0;
/// The kinds listed, in order.
const SECTIONS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Place,
    EntityKind::Sector,
];

/// One row of the flattened list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A section title with its number of entities.
    Header(EntityKind, usize),
    /// An entity with its mention and document counts in the filtered documents.
    Entity {
        /// The entity.
        entity_id: EntityId,
        /// Mentions in the filtered documents.
        mentions: usize,
        /// Filtered documents mentioning it.
        docs: usize,
    },
}

/// Mention and document counts per entity in the filtered documents.
#[derive(Debug, Default)]
struct Counts {
    key: Option<(u64, u64)>,
    mentions: Vec<usize>,
    docs: Vec<usize>,
}

/// The sidebar's own state.
#[derive(Debug, Default)]
pub struct Sidebar {
    /// The search text.
    pub search: String,
    collapsed: Vec<EntityKind>,
    counts: Counts,
    folded_names: (u64, Vec<String>),
    rows: Vec<Row>,
    rows_key: Option<(u64, u64, EntitySort, String, Vec<EntityKind>)>,
}

impl Sidebar {
    /// The rows as of the last frame.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    fn refresh(&mut self, view: &View<'_>) {
        let store = view.store;
        if self.folded_names.0 != view.store_gen
            || self.folded_names.1.len() != store.entities().len()
        {
            let names = store
                .entities()
                .iter()
                .map(|e| {
                    let mut s = fold(&e.canonical);
                    for alias in &e.aliases {
                        s.push('\n');
                        s.push_str(&fold(alias));
                    }
                    s
                })
                .collect();
            self.folded_names = (view.store_gen, names);
        }
        let counts_key = (view.store_gen, view.result_gen);
        if self.counts.key != Some(counts_key) {
            let n = store.entities().len();
            let (mut mentions, mut docs) = (vec![0; n], vec![0; n]);
            for &d in &view.result.docs {
                for &(id, count) in store.entity_counts_in(d) {
                    let ix = id.0 as usize;
                    if let (Some(m), Some(dc)) = (mentions.get_mut(ix), docs.get_mut(ix)) {
                        *m += count as usize;
                        *dc += 1;
                    }
                }
            }
            self.counts = Counts {
                key: Some(counts_key),
                mentions,
                docs,
            };
        }
        let rows_key = (
            view.store_gen,
            view.result_gen,
            view.entity_sort,
            self.search.clone(),
            self.collapsed.clone(),
        );
        if self.rows_key.as_ref() == Some(&rows_key) {
            return;
        }
        let needle = fold(self.search.trim());
        let mut rows = Vec::new();
        for kind in SECTIONS {
            let mut list: Vec<(EntityId, usize, usize)> = view
                .result
                .entities
                .iter()
                .filter_map(|&id| {
                    let e = store.entity(id)?;
                    if e.kind != kind {
                        return None;
                    }
                    let ix = id.0 as usize;
                    let names = self.folded_names.1.get(ix)?;
                    if !needle.is_empty() && !names.contains(&needle) {
                        return None;
                    }
                    let m = self.counts.mentions.get(ix).copied().unwrap_or(0);
                    let d = self.counts.docs.get(ix).copied().unwrap_or(0);
                    Some((id, m, d))
                })
                .collect();
            if list.is_empty() {
                continue;
            }
            let name = |id: EntityId| self.folded_names.1.get(id.0 as usize).map(String::as_str);
            match view.entity_sort {
                EntitySort::Count => list.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then(b.2.cmp(&a.2))
                        .then_with(|| name(a.0).cmp(&name(b.0)))
                }),
                EntitySort::Name => list.sort_by_key(|a| name(a.0)),
            }
            rows.push(Row::Header(kind, list.len()));
            if !self.collapsed.contains(&kind) {
                rows.extend(
                    list.into_iter()
                        .map(|(entity_id, mentions, docs)| Row::Entity {
                            entity_id,
                            mentions,
                            docs,
                        }),
                );
            }
        }
        self.rows = rows;
        self.rows_key = Some(rows_key);
    }

    /// Draws the sidebar.
    pub fn ui(&mut self, view: &View<'_>, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(view.t(Msg::Entities)).strong().size(15.0));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (sort, msg) in [
                    (EntitySort::Name, Msg::SortByName),
                    (EntitySort::Count, Msg::SortByCount),
                ] {
                    if ui
                        .selectable_label(view.entity_sort == sort, view.t(msg))
                        .clicked()
                    {
                        actions.push(Action::SetEntitySort(sort));
                    }
                }
            });
        });
        let label = ui.label(
            RichText::new(view.t(Msg::EntitySearch))
                .small()
                .color(view.palette.weak),
        );
        ui.add(
            TextEdit::singleline(&mut self.search)
                .hint_text("Moscou, Rosatom…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.add_space(4.0);
        self.refresh(view);
        if self.rows.is_empty() {
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                ui.weak(match view.lang {
                    super::i18n::Lang::Fr => "Aucune entité",
                    super::i18n::Lang::En => "No entity",
                });
            });
            return actions;
        }
        let filtered: Vec<EntityId> = view
            .filter
            .entities
            .iter()
            .flat_map(|name| view.store.find_entities(name).iter().copied())
            .collect();
        egui::ScrollArea::vertical()
            .id_salt("entity_rows")
            .auto_shrink([false, false])
            .show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, range| {
                for row in self.rows.get(range).unwrap_or(&[]) {
                    match *row {
                        Row::Header(kind, count) => {
                            if header_ui(view, ui, kind, count, self.collapsed.contains(&kind))
                                .clicked()
                            {
                                if let Some(p) = self.collapsed.iter().position(|k| *k == kind) {
                                    self.collapsed.remove(p);
                                } else {
                                    self.collapsed.push(kind);
                                }
                            }
                        }
                        Row::Entity {
                            entity_id,
                            mentions,
                            docs,
                        } => {
                            let active = filtered.contains(&entity_id)
                                || view.selection.entity == Some(entity_id);
                            entity_row_ui(
                                view,
                                ui,
                                entity_id,
                                mentions,
                                docs,
                                active,
                                &mut actions,
                            );
                        }
                    }
                }
            });
        actions
    }
}

fn header_ui(
    view: &View<'_>,
    ui: &mut egui::Ui,
    kind: EntityKind,
    count: usize,
    collapsed: bool,
) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    let name = view.lang.entity_kind(kind);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    let painter = ui.painter();
    let y = rect.center().y;
    let arrow = if collapsed { "›" } else { "⌄" };
    let arrow = if ui.fonts_mut(|f| f.has_glyph(&FontId::proportional(13.0), '⌄')) {
        arrow
    } else {
        if collapsed { "›" } else { "-" }
    };
    painter.text(
        egui::pos2(rect.left() + 2.0, y),
        Align2::LEFT_CENTER,
        arrow,
        FontId::proportional(13.0),
        view.palette.weak,
    );
    painter.text(
        egui::pos2(rect.left() + 16.0, y),
        Align2::LEFT_CENTER,
        name.to_uppercase(),
        FontId::proportional(11.5),
        view.palette.entity(kind),
    );
    painter.text(
        egui::pos2(rect.right() - 4.0, y),
        Align2::RIGHT_CENTER,
        view.lang.count(count),
        FontId::proportional(11.5),
        view.palette.weak,
    );
    painter.hline(
        rect.x_range(),
        rect.bottom() - 1.0,
        Stroke::new(1.0, view.palette.line),
    );
    response
}

fn entity_row_ui(
    view: &View<'_>,
    ui: &mut egui::Ui,
    entity_id: EntityId,
    mentions: usize,
    docs: usize,
    active: bool,
    actions: &mut Vec<Action>,
) {
    let Some(entity) = view.store.entity(entity_id) else {
        return;
    };
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, active, &entity.canonical)
    });
    let painter = ui.painter();
    if active {
        painter.rect_filled(rect, 4.0, view.palette.entity_bg(entity.kind));
    } else if response.hovered() {
        painter.rect_filled(rect, 4.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let y = rect.center().y;
    painter.circle_filled(
        egui::pos2(rect.left() + 8.0, y),
        3.5,
        view.palette.entity(entity.kind),
    );
    let counts = format!("{} · {}", view.lang.count(mentions), view.lang.count(docs));
    let counts_galley =
        painter.layout_no_wrap(counts, FontId::proportional(12.0), view.palette.weak);
    let name_width = (rect.width() - 26.0 - counts_galley.size().x).max(20.0);
    let mut job = egui::text::LayoutJob::simple_singleline(
        entity.canonical.clone(),
        FontId::proportional(13.5),
        view.palette.text,
    );
    job.wrap.max_width = name_width;
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    let name_galley = painter.layout_job(job);
    painter.galley(
        egui::pos2(rect.left() + 18.0, y - name_galley.size().y / 2.0),
        name_galley,
        view.palette.text,
    );
    painter.galley(
        egui::pos2(
            rect.right() - 4.0 - counts_galley.size().x,
            y - counts_galley.size().y / 2.0,
        ),
        counts_galley,
        view.palette.weak,
    );
    let response = response.on_hover_ui(|ui| {
        ui.label(RichText::new(&entity.canonical).strong());
        ui.label(format!(
            "{} {} · {} {}",
            view.lang.count(mentions),
            view.t(Msg::Mentions),
            view.lang.count(docs),
            view.t(Msg::DocsCount)
        ));
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
    });
    if response.clicked() {
        actions.push(Action::FilterEntity(entity_id));
    }
    response.context_menu(|ui| {
        if ui.button(view.t(Msg::Concordance)).clicked() {
            actions.push(Action::ShowConcordance(entity_id));
            ui.close();
        }
        ui.separator();
        super::correct_ui::entity_menu_items_ui(view, entity_id, None, ui, actions);
    });
}
