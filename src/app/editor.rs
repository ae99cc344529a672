//! The correction dialogs (rename, merge, split an alias, add a mention, edit or add an
//! event) and the warnings window (load warnings, orphaned corrections, corrections in
//! force). Panes ask for a dialog with [`Action::OpenEditor`]; a dialog answers with
//! [`Action::Correct`], which the shell records, saves and applies.

use egui::{RichText, TextEdit};

use crate::corrections::{Anchor, Correction, EventFields};
use crate::model::{EntityKind, EventKind, PartialDate, Span};
use crate::store::{DocIx, EntityId, EventRef, MentionRef, Store};
use crate::text::fold;

use super::i18n::{Lang, Msg};
use super::view::{Action, EditRequest, View};

/// Entity kinds a researcher can give a mention.
pub const EDITABLE_KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Place,
    EntityKind::Sector,
];

/// The anchor of one mention and its kind.
pub fn mention_anchor(store: &Store, mention_ref: MentionRef) -> Option<(Anchor, EntityKind)> {
    let mention = store.mention(mention_ref)?;
    let doc = &store.doc(mention_ref.doc)?.doc;
    Some((
        Anchor::of(&doc.doc_id, &doc.body, mention.span)?,
        mention.kind,
    ))
}

/// The anchor of an entity: its first mention.
pub fn entity_anchor(store: &Store, entity_id: EntityId) -> Option<(Anchor, EntityKind)> {
    mention_anchor(store, store.mentions_of(entity_id).next()?)
}

/// The anchor of an event's evidence and its kind.
pub fn event_anchor(store: &Store, event_ref: EventRef) -> Option<(Anchor, EventKind)> {
    let event = store.event(event_ref)?;
    let doc = &store.doc(event_ref.doc())?.doc;
    Some((
        Anchor::of(&doc.doc_id, &doc.body, event.evidence)?,
        event.kind,
    ))
}

fn span_anchor(store: &Store, doc: DocIx, span: Span) -> Option<Anchor> {
    let doc = &store.doc(doc)?.doc;
    Anchor::of(&doc.doc_id, &doc.body, span)
}

/// The fields of the event dialog, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventForm {
    /// Kind.
    pub kind: Option<EventKind>,
    /// Start date, ISO (`2017`, `2017-05`, `2017-05-16`, `--05-16`) or empty.
    pub date_start: String,
    /// End date, same forms.
    pub date_end: String,
    /// Places, comma-separated.
    pub places: String,
    /// Participants, comma-separated.
    pub participants: String,
}

impl EventForm {
    fn of(fields: &EventFields) -> Self {
        let iso = |d: Option<PartialDate>| d.map(|d| d.to_iso()).unwrap_or_default();
        Self {
            kind: Some(fields.kind),
            date_start: iso(fields.date_start),
            date_end: iso(fields.date_end),
            places: fields.places.join(", "),
            participants: fields.participants.join(", "),
        }
    }

    /// The fields, or what is wrong with the form.
    pub fn fields(&self, lang: Lang) -> Result<EventFields, String> {
        let date = |text: &str| -> Result<Option<PartialDate>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            PartialDate::parse_iso(text).map(Some).ok_or_else(|| {
                format!(
                    "{text}: {}",
                    lang.pick(
                        "date attendue AAAA, AAAA-MM, AAAA-MM-JJ ou --MM-JJ",
                        "expected YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD"
                    )
                )
            })
        };
        let list = |text: &str| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        Ok(EventFields {
            kind: self.kind.unwrap_or(EventKind::Other),
            date_start: date(&self.date_start)?,
            date_end: date(&self.date_end)?,
            places: list(&self.places),
            participants: list(&self.participants),
        })
    }
}

/// An open correction dialog and what it has been given so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Rename an entity.
    Rename {
        /// The entity.
        entity_id: EntityId,
        /// The new name, as typed.
        name: String,
    },
    /// Merge an entity into another.
    Merge {
        /// The entity that disappears.
        entity_id: EntityId,
        /// The search text for the other one.
        search: String,
        /// The entity that remains, once picked.
        into: Option<EntityId>,
    },
    /// Split an alias off an entity.
    SplitAlias {
        /// A mention with the alias text.
        mention: MentionRef,
        /// The name of the new entity.
        name: String,
    },
    /// Add a missed mention.
    AddMention {
        /// The document.
        doc: DocIx,
        /// Where.
        span: Span,
        /// Its kind.
        kind: EntityKind,
        /// The entity it refers to.
        canonical: String,
    },
    /// Edit an event (`Some`) or add one read from `span` (`None`).
    Event {
        /// The event edited, if any.
        event: Option<EventRef>,
        /// The document.
        doc: DocIx,
        /// The evidence.
        span: Span,
        /// The form.
        form: EventForm,
    },
}

/// The correction dialogs and the warnings window.
#[derive(Debug, Default)]
pub struct Editor {
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// Is the warnings window open?
    pub warnings_open: bool,
}

impl Editor {
    /// Opens the dialog for `request`, filled from the store.
    pub fn open(&mut self, request: EditRequest, store: &Store) {
        self.dialog = match request {
            EditRequest::Rename(entity_id) => store.entity(entity_id).map(|e| Dialog::Rename {
                entity_id,
                name: e.canonical.clone(),
            }),
            EditRequest::Merge(entity_id) => Some(Dialog::Merge {
                entity_id,
                search: String::new(),
                into: None,
            }),
            EditRequest::SplitAlias(mention) => {
                mention_anchor(store, mention).map(|(anchor, _)| Dialog::SplitAlias {
                    mention,
                    name: anchor.text,
                })
            }
            EditRequest::AddMention(doc, span) => {
                span_anchor(store, doc, span).map(|anchor| Dialog::AddMention {
                    doc,
                    span,
                    kind: EntityKind::Person,
                    canonical: anchor.text.trim().to_owned(),
                })
            }
            EditRequest::EditEvent(event_ref) => store.event(event_ref).map(|e| Dialog::Event {
                event: Some(event_ref),
                doc: event_ref.doc(),
                span: e.evidence,
                form: EventForm::of(&EventFields {
                    kind: e.kind,
                    date_start: e.date_start,
                    date_end: e.date_end,
                    places: e.places.iter().map(|p| p.to_string()).collect(),
                    participants: e.participants.iter().map(|p| p.to_string()).collect(),
                }),
            }),
            EditRequest::AddEvent(doc, span) => Some(Dialog::Event {
                event: None,
                doc,
                span,
                form: EventForm {
                    kind: Some(EventKind::Meeting),
                    ..EventForm::default()
                },
            }),
        };
    }

    /// Draws the open dialog; returns the correction made, if any.
    pub fn ui(&mut self, view: &View<'_>, ctx: &egui::Context) -> Vec<Action> {
        let Some(mut dialog) = self.dialog.take() else {
            return Vec::new();
        };
        let lang = view.lang;
        let title = match &dialog {
            Dialog::Rename { .. } => lang.pick("Renommer l’entité", "Rename the entity"),
            Dialog::Merge { .. } => lang.pick("Fusionner deux entités", "Merge two entities"),
            Dialog::SplitAlias { .. } => lang.pick("Séparer l’alias", "Split the alias off"),
            Dialog::AddMention { .. } => lang.pick("Ajouter une mention", "Add a mention"),
            Dialog::Event { event: Some(_), .. } => {
                lang.pick("Modifier l’événement", "Edit the event")
            }
            Dialog::Event { event: None, .. } => lang.pick("Ajouter un événement", "Add an event"),
        };
        let mut outcome = None;
        egui::Window::new(title)
            .id(egui::Id::unique("correction_dialog"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.set_min_width(380.0);
                let correction = body_ui(view, &mut dialog, ui);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let ok = ui.add_enabled(
                        correction.is_some(),
                        egui::Button::new(lang.pick("Valider", "Apply")),
                    );
                    if ok.clicked() {
                        outcome = Some(correction);
                    }
                    if ui.button(view.t(Msg::Cancel)).clicked() {
                        outcome = Some(None);
                    }
                });
            });
        match outcome {
            Some(Some(correction)) => vec![Action::Correct(correction)],
            Some(None) => Vec::new(),
            None => {
                self.dialog = Some(dialog);
                Vec::new()
            }
        }
    }
}

/// A single-line text field with a label (the label names it for screen readers and tests).
fn field_ui(ui: &mut egui::Ui, label: &str, text: &mut String) -> egui::Response {
    let label = ui.label(label);
    ui.add(TextEdit::singleline(text).desired_width(f32::INFINITY))
        .labelled_by(label.id)
}

/// The dialog's fields; the correction they describe when it is complete.
fn body_ui(view: &View<'_>, dialog: &mut Dialog, ui: &mut egui::Ui) -> Option<Correction> {
    let lang = view.lang;
    let store = view.store;
    match dialog {
        Dialog::Rename { entity_id, name } => {
            let (anchor, kind) = entity_anchor(store, *entity_id)?;
            let old = store.entity(*entity_id).map(|e| e.canonical.as_str());
            ui.label(RichText::new(old.unwrap_or_default()).strong());
            field_ui(ui, lang.pick("Nouveau nom", "New name"), name);
            let to = name.trim();
            (!to.is_empty() && Some(to) != old).then(|| Correction::Rename {
                mention: anchor,
                kind,
                to: to.to_owned(),
            })
        }
        Dialog::Merge {
            entity_id,
            search,
            into,
        } => merge_ui(view, *entity_id, search, into, ui),
        Dialog::SplitAlias { mention, name } => {
            let (anchor, kind) = mention_anchor(store, *mention)?;
            ui.label(format!(
                "{} « {} »",
                lang.pick("Alias", "Alias"),
                anchor.text
            ));
            field_ui(
                ui,
                lang.pick("Nom de la nouvelle entité", "Name of the new entity"),
                name,
            );
            let to = name.trim().to_owned();
            (!to.is_empty()).then_some(Correction::SplitAlias {
                mention: anchor,
                kind,
                to,
            })
        }
        Dialog::AddMention {
            doc,
            span,
            kind,
            canonical,
        } => {
            let anchor = span_anchor(store, *doc, *span)?;
            ui.label(RichText::new(format!("« {} »", anchor.text)).strong());
            ui.horizontal(|ui| {
                for k in EDITABLE_KINDS {
                    ui.radio_value(kind, k, lang.entity_kind_one(k));
                }
            });
            field_ui(
                ui,
                lang.pick("Entité (nom canonique)", "Entity (canonical name)"),
                canonical,
            );
            Some(Correction::AddMention {
                mention: anchor,
                kind: *kind,
                canonical: canonical.trim().to_owned(),
            })
        }
        Dialog::Event {
            event,
            doc,
            span,
            form,
        } => {
            let anchor = span_anchor(store, *doc, *span)?;
            ui.label(
                RichText::new(super::view::shorten(&anchor.text, 160))
                    .italics()
                    .color(view.palette.weak),
            );
            event_form_ui(view, form, ui);
            let fields = match form.fields(lang) {
                Ok(fields) => fields,
                Err(e) => {
                    ui.label(RichText::new(e).color(view.palette.warn));
                    return None;
                }
            };
            match event {
                Some(event_ref) => {
                    let (evidence, kind) = event_anchor(store, *event_ref)?;
                    Some(Correction::EditEvent {
                        evidence,
                        kind,
                        fields,
                    })
                }
                None => Some(Correction::AddEvent {
                    evidence: anchor,
                    fields,
                }),
            }
        }
    }
}

fn merge_ui(
    view: &View<'_>,
    entity_id: EntityId,
    search: &mut String,
    into: &mut Option<EntityId>,
    ui: &mut egui::Ui,
) -> Option<Correction> {
    let lang = view.lang;
    let store = view.store;
    let entity = store.entity(entity_id)?;
    ui.label(format!(
        "{} « {} » {}",
        lang.pick("Fusionner", "Merge"),
        entity.canonical,
        lang.pick("dans :", "into:")
    ));
    field_ui(
        ui,
        lang.pick("Chercher l’entité", "Find the entity"),
        search,
    );
    let needle = fold(search.trim());
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .show(ui, |ui| {
            let candidates = store
                .entities_by_mentions()
                .iter()
                .filter(|&&id| id != entity_id)
                .filter_map(|&id| store.entity(id))
                .filter(|e| needle.is_empty() || fold(&e.canonical).contains(&needle))
                .take(30);
            for other in candidates {
                let text = format!("{} · {}", other.canonical, lang.entity_kind_one(other.kind));
                if ui
                    .selectable_label(*into == Some(other.entity_id), text)
                    .clicked()
                {
                    *into = Some(other.entity_id);
                }
            }
        });
    let (from, from_kind) = entity_anchor(store, entity_id)?;
    let (target, into_kind) = entity_anchor(store, (*into)?)?;
    Some(Correction::Merge {
        from,
        from_kind,
        into: target,
        into_kind,
    })
}

fn event_form_ui(view: &View<'_>, form: &mut EventForm, ui: &mut egui::Ui) {
    let lang = view.lang;
    let kind = form.kind.unwrap_or(EventKind::Other);
    let label = ui.label(lang.pick("Type d’événement", "Event kind"));
    egui::ComboBox::from_id_salt("event_kind")
        .selected_text(lang.event_kind(kind))
        .show_ui(ui, |ui| {
            for k in EventKind::ALL {
                ui.selectable_value(&mut form.kind, Some(k), lang.event_kind(k));
            }
        })
        .response
        .labelled_by(label.id);
    field_ui(
        ui,
        lang.pick("Début (AAAA-MM-JJ)", "Start (YYYY-MM-DD)"),
        &mut form.date_start,
    );
    field_ui(
        ui,
        lang.pick("Fin (AAAA-MM-JJ)", "End (YYYY-MM-DD)"),
        &mut form.date_end,
    );
    field_ui(
        ui,
        lang.pick(
            "Lieux (séparés par des virgules)",
            "Places (comma-separated)",
        ),
        &mut form.places,
    );
    field_ui(
        ui,
        lang.pick(
            "Participants (séparés par des virgules)",
            "Participants (comma-separated)",
        ),
        &mut form.participants,
    );
}

/// The warnings window: load warnings, orphaned corrections, and the corrections in force.
pub fn warnings_ui(
    view: &View<'_>,
    edits: &super::edits::Edits,
    open: &mut bool,
    ctx: &egui::Context,
) {
    let lang = view.lang;
    let store = view.store;
    egui::Window::new(lang.pick("Avertissements et corrections", "Warnings and corrections"))
        .id(egui::Id::unique("warnings_window"))
        .open(open)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    let warnings = store.warnings();
                    let warn = view.palette.warn;
                    section_title(ui, lang.pick("Fichiers", "Files"), warnings.len());
                    for warning in warnings {
                        ui.label(RichText::new(warning.to_string()).color(warn));
                    }
                    let orphans = &store.correction_report().orphaned;
                    ui.separator();
                    section_title(
                        ui,
                        lang.pick("Corrections orphelines", "Orphaned corrections"),
                        orphans.len(),
                    );
                    for orphan in orphans {
                        ui.label(RichText::new(orphan.to_string()).color(warn));
                    }
                    ui.separator();
                    let list = &edits.corrections().corrections;
                    section_title(
                        ui,
                        lang.pick("Corrections en vigueur", "Corrections in force"),
                        list.len(),
                    );
                    if let Some(path) = edits.sidecar() {
                        ui.label(RichText::new(path.display().to_string()).small().weak());
                    }
                    for (i, correction) in list.iter().enumerate().rev() {
                        ui.label(format!("{}. {correction}", i + 1));
                    }
                });
        });
}

/// A bold section title with its item count: "Files (3)".
fn section_title(ui: &mut egui::Ui, title: &str, count: usize) {
    ui.label(RichText::new(format!("{title} ({count})")).strong());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_form_reads_dates_and_lists() {
        let form = EventForm {
            kind: Some(EventKind::Forum),
            date_start: " 2017-05-16 ".into(),
            date_end: String::new(),
            places: "Lyon, , Marseille".into(),
            participants: String::new(),
        };
        let fields = form.fields(Lang::Fr).unwrap();
        assert_eq!(fields.date_start, PartialDate::ymd(2017, 5, 16));
        assert_eq!(fields.date_end, None);
        assert_eq!(fields.places, vec!["Lyon", "Marseille"]);
        assert_eq!(EventForm::of(&fields).places, "Lyon, Marseille");
        let bad = EventForm {
            date_start: "2017-02-30".into(),
            ..form
        };
        assert!(bad.fields(Lang::En).unwrap_err().contains("2017-02-30"));
    }
}
