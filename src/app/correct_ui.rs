//! The correction controls the panes share: the entity menu (rename, merge, split an alias,
//! mark a mention wrong or of another kind), the event buttons (edit, delete) and the bar
//! over a text selection in the reader (add a mention, add an event). They only return
//! actions; the dialogs are in [`super::editor`].

use egui::RichText;

use crate::corrections::{Correction, MentionFix};
use crate::model::Span;
use crate::store::{DocIx, EntityId, EventRef, MentionRef};

use super::editor::{EDITABLE_KINDS, event_anchor, mention_anchor};
use super::view::{Action, EditRequest, View};

/// The label of the correction menu (a test hook too).
pub fn menu_label(view: &View<'_>) -> &'static str {
    view.lang.pick("Corriger", "Correct")
}

/// The items of an entity's correction menu; `mention` is the current mention, for the
/// items that act on one mention. Closes the menu after a choice.
pub fn entity_menu_items_ui(
    view: &View<'_>,
    entity_id: EntityId,
    mention: Option<MentionRef>,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let lang = view.lang;
    let mut item = |ui: &mut egui::Ui, text: &str, action: Action| {
        if ui.button(text).clicked() {
            actions.push(action);
            ui.close();
        }
    };
    item(
        ui,
        lang.pick("Renommer l’entité…", "Rename the entity…"),
        Action::OpenEditor(EditRequest::Rename(entity_id)),
    );
    item(
        ui,
        lang.pick("Fusionner avec…", "Merge with…"),
        Action::OpenEditor(EditRequest::Merge(entity_id)),
    );
    let Some(mention_ref) = mention else {
        return;
    };
    let Some((anchor, kind)) = mention_anchor(view.store, mention_ref) else {
        return;
    };
    ui.separator();
    ui.label(
        RichText::new(format!(
            "{} « {} »",
            lang.pick("Cette mention :", "This mention:"),
            super::view::shorten(&anchor.text, 40)
        ))
        .small()
        .color(view.palette.weak),
    );
    item(
        ui,
        lang.pick("Séparer cet alias…", "Split this alias off…"),
        Action::OpenEditor(EditRequest::SplitAlias(mention_ref)),
    );
    let wrong = |fix| Correction::MarkWrong {
        mention: anchor.clone(),
        kind,
        fix,
    };
    item(
        ui,
        lang.pick("Pas une entité", "Not an entity"),
        Action::Correct(wrong(MentionFix::NotAnEntity)),
    );
    for other in EDITABLE_KINDS.into_iter().filter(|k| *k != kind) {
        let text = format!(
            "{} {}",
            lang.pick("C’est un(e)", "It is a"),
            lang.entity_kind_one(other)
        );
        item(ui, &text, Action::Correct(wrong(MentionFix::Kind(other))));
    }
}

/// "Edit…" and "Delete" for an event.
pub fn event_buttons_ui(
    view: &View<'_>,
    event_ref: EventRef,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let lang = view.lang;
    if ui
        .small_button(lang.pick("Modifier l’événement…", "Edit the event…"))
        .clicked()
    {
        actions.push(Action::OpenEditor(EditRequest::EditEvent(event_ref)));
    }
    if ui
        .small_button(lang.pick("Supprimer l’événement", "Delete the event"))
        .clicked()
        && let Some((evidence, kind)) = event_anchor(view.store, event_ref)
    {
        actions.push(Action::Correct(Correction::DeleteEvent { evidence, kind }));
    }
}

/// The span without the whitespace around it (`None` when nothing is left).
pub fn trimmed(body: &str, span: Span) -> Option<Span> {
    let text = body.get(span.start()..span.end())?;
    let start = span.start() + (text.len() - text.trim_start().len());
    let end = span.end() - (text.len() - text.trim_end().len());
    (start < end).then(|| Span::new(start, end))
}

/// The bar over a text selection: what is selected, "Add a mention…", "Add an event…",
/// and × to drop the selection. Returns true when × was clicked.
pub fn selection_bar_ui(
    view: &View<'_>,
    doc: DocIx,
    span: Span,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) -> bool {
    let lang = view.lang;
    let Some(body) = view.store.doc(doc).map(|d| d.doc.body.as_str()) else {
        return true;
    };
    let Some(span) = trimmed(body, span) else {
        return true;
    };
    let mut is_closed = false;
    egui::Frame::new()
        .fill(view.palette.accent.gamma_multiply(0.12))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("« {} »", super::view::shorten(span.text(body), 60)))
                        .italics(),
                );
                if ui
                    .button(lang.pick("Ajouter une mention…", "Add a mention…"))
                    .clicked()
                {
                    actions.push(Action::OpenEditor(EditRequest::AddMention(doc, span)));
                }
                if ui
                    .button(lang.pick("Ajouter un événement…", "Add an event…"))
                    .clicked()
                {
                    actions.push(Action::OpenEditor(EditRequest::AddEvent(doc, span)));
                }
                if ui
                    .add(egui::Button::new("×").frame(false))
                    .on_hover_text(view.t(super::i18n::Msg::Close))
                    .clicked()
                {
                    is_closed = true;
                }
            });
        });
    is_closed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_a_selection_keeps_char_boundaries() {
        let body = "  « Moscou »\n";
        let span = trimmed(body, Span::new(0, body.len())).unwrap();
        assert_eq!(span.text(body), "« Moscou »");
        assert_eq!(trimmed(body, Span::new(0, 2)), None);
        assert_eq!(trimmed(body, Span::new(1, 99)), None);
    }
}
