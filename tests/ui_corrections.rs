//! The corrections layer through the UI (egui_kittest, like `ui_app.rs`): renaming an
//! entity from the reader's "Corriger" menu updates the sidebar and the sidecar; undo and
//! redo (buttons and Ctrl+Z / Ctrl+Shift+Z) restore and replay it.

#![cfg(feature = "gui")] // the app is built only with the `gui` feature
#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use passerelle::app::PasserelleApp;
use passerelle::corrections::{self, SIDECAR_NAME};
use passerelle::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, PartialDate, Span,
};
use passerelle::store::{LinkedDocs, Store};

const BODY: &str = "Une délégation de Moscou, conduite par Sergueï Tcheriomine, s’est rendue à Lyon.\n\nTcheriomine a rencontré la CCI de Lyon.";

fn mention(text: &str, kind: EntityKind, canonical: &str) -> Mention {
    let start = BODY.find(text).unwrap();
    Mention {
        span: Span::new(start, start + text.len()),
        kind,
        canonical: canonical.into(),
    }
}

/// One document, built keeping the raw analyses (as the app's loader does).
fn store() -> Arc<Store> {
    let mut doc = Document::from_text("a_delegation", BODY);
    doc.title = "Délégation moscovite à Lyon".into();
    let person = EntityKind::Person;
    let analysis = Analysis {
        mentions: vec![
            mention("Moscou", EntityKind::Place, "Moscou"),
            mention("Sergueï Tcheriomine", person, "Sergueï Tcheriomine"),
            mention("Lyon.", EntityKind::Place, "Lyon"),
            mention("Tcheriomine a", person, "Sergueï Tcheriomine"),
            mention("CCI de Lyon", EntityKind::Organisation, "CCI de Lyon"),
        ],
        events: vec![Event {
            kind: EventKind::Delegation,
            date_start: PartialDate::ymd(2017, 5, 16),
            date_end: None,
            places: vec!["Lyon".into()],
            participants: vec!["Sergueï Tcheriomine".into()],
            evidence: Span::new(0, BODY.find(", conduite").unwrap()),
            name: None,
        }],
    };
    let docs = vec![AnalysedDoc { doc, analysis }];
    Arc::new(Store::from_linked(
        LinkedDocs::new(docs),
        Vec::new(),
        None,
        true,
    ))
}

fn harness(app: PasserelleApp) -> Harness<'static, PasserelleApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut PasserelleApp| app.ui(ui), app)
}

/// Renames the selected entity through the reader's "Corriger" menu and its dialog.
fn rename_selected_entity(h: &mut Harness<'_, PasserelleApp>, new_name: &str) {
    h.get_by_label("Corriger").click();
    h.run();
    h.get_by_label("Renommer l’entité…").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Nouveau nom")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Nouveau nom")
        .type_text(new_name);
    h.run();
    h.get_by_label("Valider").click();
    h.run();
}

fn canonical_names(h: &Harness<'_, PasserelleApp>) -> Vec<String> {
    h.state()
        .store()
        .entities()
        .iter()
        .map(|e| e.canonical.clone())
        .collect()
}

#[test]
fn rename_through_the_ui_then_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let sidecar = dir.path().join(SIDECAR_NAME);
    let mut app = PasserelleApp::with_store(store());
    app.set_corrections_file(Some(sidecar.clone()));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Sergueï Tcheriomine").click();
    h.run();
    rename_selected_entity(&mut h, "S. V. Tcheriomine");
    h.run();

    // the sidebar lists the new name, the old one is gone
    assert!(canonical_names(&h).contains(&"S. V. Tcheriomine".to_owned()));
    assert!(!canonical_names(&h).contains(&"Sergueï Tcheriomine".to_owned()));
    assert!(
        h.query_all_by_label("S. V. Tcheriomine").next().is_some(),
        "the sidebar shows the new name"
    );
    let renamed = h.state().state.selection.entity;
    assert!(renamed.is_some(), "the renamed entity stays selected");
    let saved = corrections::load(&sidecar).unwrap();
    assert_eq!(saved.len(), 1, "written to the sidecar");

    h.get_by_label("Défaire").click();
    h.run();
    h.run();
    assert!(canonical_names(&h).contains(&"Sergueï Tcheriomine".to_owned()));
    assert!(h.query_all_by_label("S. V. Tcheriomine").next().is_none());
    assert!(corrections::load(&sidecar).unwrap().is_empty());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.run();
    assert!(canonical_names(&h).contains(&"S. V. Tcheriomine".to_owned()));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert!(canonical_names(&h).contains(&"Sergueï Tcheriomine".to_owned()));
    assert_eq!(corrections::load(&sidecar).unwrap().len(), 0);
}

#[test]
fn marking_a_mention_wrong_removes_it() {
    let mut h = harness(PasserelleApp::with_store(store()));
    h.run();
    h.get_by_label("CCI de Lyon").click();
    h.run();
    h.get_by_label("Corriger").click();
    h.run();
    h.get_by_label("Pas une entité").click();
    h.run();
    h.run();
    assert!(!canonical_names(&h).contains(&"CCI de Lyon".to_owned()));
    assert!(h.state().edits.can_undo());
}

fn press(h: &Harness<'_, PasserelleApp>, pos: egui::Pos2, pressed: bool) {
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

#[test]
fn dragging_over_the_text_then_adding_an_event() {
    let mut h = harness(PasserelleApp::with_store(store()));
    h.run();
    h.get_by_label("Délégation moscovite à Lyon").click();
    h.run();
    h.run();
    let reader = &h.state().reader;
    let from = reader.mention_rect(0).expect("Moscou drawn").left_center();
    let to = reader
        .mention_rect(1)
        .expect("Tcheriomine drawn")
        .right_center();
    let (from, to) = (from + egui::vec2(0.5, 0.0), to - egui::vec2(0.5, 0.0));
    h.hover_at(from);
    press(&h, from, true);
    h.run();
    h.hover_at(egui::pos2((from.x + to.x) / 2.0, from.y));
    h.run();
    h.hover_at(to);
    h.run();
    press(&h, to, false);
    h.run();
    h.get_by_label("Ajouter un événement…").click();
    h.run();
    h.get_by_label("Valider").click();
    h.run();
    h.run();
    let store = h.state().store();
    let events = &store.docs()[0].analysis.events;
    assert_eq!(events.len(), 2);
    assert!(
        events.iter().any(
            |e| e.evidence.text(BODY) == "Moscou, conduite par Sergueï Tcheriomine"
                && e.kind == EventKind::Meeting
        ),
        "{events:?}"
    );
}

/// The timeline's day number of a date.
fn day(y: i32, m: u32, d: u32) -> f64 {
    passerelle::app::timeline_data::day_number(
        chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date"),
    )
}

#[test]
fn editing_then_deleting_an_event_from_its_card() {
    let mut h = harness(PasserelleApp::with_store(store()));
    h.run();
    let y = h.state().timeline.lane_y(EventKind::Delegation).unwrap();
    let x = h.state().timeline.x_of_day(day(2017, 5, 16) + 1.0).unwrap();
    h.hover_at(egui::pos2(x, y));
    h.run();
    press(&h, egui::pos2(x, y), true);
    press(&h, egui::pos2(x, y), false);
    h.run();
    assert!(h.state().state.selection.event.is_some());
    h.get_by_label("Modifier l’événement…").click();
    h.run();
    let field = "Fin (AAAA-MM-JJ)";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text("2017-05-17");
    h.run();
    h.get_by_label("Valider").click();
    h.run();
    h.run();
    let events =
        |h: &Harness<'_, PasserelleApp>| h.state().store().docs()[0].analysis.events.clone();
    assert_eq!(events(&h)[0].date_end, PartialDate::ymd(2017, 5, 17));
    assert!(h.state().state.selection.event.is_some(), "still selected");
    h.get_by_label("Supprimer l’événement").click();
    h.run();
    h.run();
    assert!(events(&h).is_empty());
    h.get_by_label("Défaire").click();
    h.run();
    assert_eq!(events(&h).len(), 1);
}

#[test]
fn a_large_corpus_is_rebuilt_in_the_background() {
    let docs = passerelle::r#gen::analysed_corpus(2_500, 1);
    let store = Arc::new(Store::from_linked(
        LinkedDocs::new(docs),
        Vec::new(),
        None,
        true,
    ));
    // the most mentioned person: first in the sidebar, so drawn (rows are virtualised)
    let name = store
        .entities_by_mentions()
        .iter()
        .filter_map(|&id| store.entity(id))
        .find(|e| e.kind == EntityKind::Person)
        .unwrap()
        .canonical
        .clone();
    let mut h = harness(PasserelleApp::with_store(store));
    h.run();
    h.query_all_by_label(&name).next().unwrap().click();
    h.run();
    rename_selected_entity(&mut h, "Renommée en arrière-plan");
    for _ in 0..500 {
        if canonical_names(&h).contains(&"Renommée en arrière-plan".to_owned()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert!(canonical_names(&h).contains(&"Renommée en arrière-plan".to_owned()));
    assert!(!canonical_names(&h).contains(&name));
    let selected = h.state().state.selection.entity;
    let selected = selected.and_then(|id| h.state().store().entity(id));
    assert_eq!(
        selected.map(|e| e.canonical.as_str()),
        Some("Renommée en arrière-plan")
    );
}
