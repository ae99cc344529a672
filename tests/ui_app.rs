//! UI tests through egui_kittest: the app is driven by label, like a user, over a small
//! hand-made store (so they do not depend on extraction quality), plus one on the bundled
//! corpus. No GPU, no display.

#![cfg(feature = "gui")] // the app is built only with the `gui` feature
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use passerelle::app::PasserelleApp;
use passerelle::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, PartialDate, Span,
};
use passerelle::store::Store;

/// One document: id, title, publication date, body, mentions (text, kind, canonical), events.
fn doc(
    id: &str,
    title: &str,
    date: &str,
    body: &str,
    mentions: &[(&str, EntityKind, &str)],
    events: Vec<Event>,
) -> AnalysedDoc {
    let mut d = Document::from_text(id, body);
    d.title = title.to_owned();
    d.pub_date = PartialDate::parse_iso(date);
    let mut out: Vec<Mention> = mentions
        .iter()
        .map(|(text, kind, canonical)| {
            let start = body
                .find(text)
                .unwrap_or_else(|| panic!("{text} not in body"));
            Mention {
                span: Span::new(start, start + text.len()),
                kind: *kind,
                canonical: (*canonical).into(),
            }
        })
        .collect();
    out.sort_by_key(|m| m.span.start());
    AnalysedDoc {
        doc: d,
        analysis: Analysis {
            mentions: out,
            events,
        },
    }
}

fn event(kind: EventKind, start: &str, end: Option<&str>, body: &str, evidence: &str) -> Event {
    let s = body.find(evidence).expect("evidence in body");
    Event {
        kind,
        date_start: PartialDate::parse_iso(start),
        date_end: end.and_then(PartialDate::parse_iso),
        places: vec!["Lyon".into()],
        participants: vec!["Sergueï Tcheriomine".into()],
        evidence: Span::new(s, s + evidence.len()),
        name: None,
    }
}

const BODY_A: &str = "Une délégation de Moscou, conduite par Sergueï Tcheriomine, s’est rendue à Lyon les 16 et 17 mai.\n\nTcheriomine a rencontré la CCI de Lyon.";
const BODY_B: &str = "Le forum « Russie–France » s’est tenu à Marseille en octobre 2019, avec la Chambre de commerce.";
const BODY_C: &str = "Irkoutsk ouvre ses portes : médecine, éducation, tourisme — Иркутск.";

fn store() -> Arc<Store> {
    Arc::new(Store::build(
        vec![
            doc(
                "a_delegation",
                "Délégation moscovite à Lyon",
                "2017-05-20",
                BODY_A,
                &[
                    ("Moscou", EntityKind::Place, "Moscou"),
                    (
                        "Sergueï Tcheriomine",
                        EntityKind::Person,
                        "Sergueï Tcheriomine",
                    ),
                    ("Lyon les", EntityKind::Place, "Lyon"),
                    ("Tcheriomine a", EntityKind::Person, "Sergueï Tcheriomine"),
                    ("CCI de Lyon", EntityKind::Organisation, "CCI de Lyon"),
                ],
                vec![event(
                    EventKind::Delegation,
                    "2017-05-16",
                    Some("2017-05-17"),
                    BODY_A,
                    "Une délégation de Moscou",
                )],
            ),
            doc(
                "b_forum",
                "Forum franco-russe à Marseille",
                "2019-11",
                BODY_B,
                &[
                    ("Marseille", EntityKind::Place, "Marseille"),
                    (
                        "Chambre de commerce",
                        EntityKind::Organisation,
                        "Chambre de commerce",
                    ),
                ],
                vec![event(EventKind::Forum, "2019-10", None, BODY_B, "Le forum")],
            ),
            doc(
                "c_irkoutsk",
                "Irkoutsk ouvre ses portes",
                "",
                BODY_C,
                &[("Irkoutsk", EntityKind::Place, "Irkoutsk")],
                vec![],
            ),
        ],
        Vec::new(),
    ))
}

fn harness(store: Arc<Store>) -> Harness<'static, PasserelleApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(
            |ui, app: &mut PasserelleApp| app.ui(ui),
            PasserelleApp::with_store(store),
        )
}

fn reader_shows(h: &Harness<'_, PasserelleApp>, snippet: &str) -> bool {
    h.query_all_by_label_contains(snippet).next().is_some()
}

#[test]
fn selecting_a_document_shows_its_text() {
    let mut h = harness(store());
    h.run();
    assert!(!reader_shows(&h, "Иркутск"));
    h.get_by_label("Irkoutsk ouvre ses portes").click();
    h.run();
    assert!(
        reader_shows(&h, "Иркутск"),
        "the reader shows the Cyrillic text"
    );
    assert_eq!(
        h.state().state.selection.doc,
        h.state().store().doc_by_id("c_irkoutsk")
    );
}

#[test]
fn keyboard_moves_the_cursor_and_enter_opens() {
    let mut h = harness(store());
    h.run();
    // sorted by date: 2017-05-20, 2019-11, then the undated one
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(reader_shows(&h, "Le forum « Russie–France »"));
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(reader_shows(&h, "Une délégation de Moscou"));
    // Esc clears the selection, a second Esc the filters
    h.get_by_label("Moscou").click();
    h.run();
    assert_eq!(h.state().state.filter.entities, vec!["Moscou".to_owned()]);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().state.selection.is_empty());
    assert!(!h.state().state.filter.is_empty());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().state.filter.is_empty());
}

#[test]
fn clicking_an_entity_filters_the_list() {
    let mut h = harness(store());
    h.run();
    assert_eq!(h.state().result().docs.len(), 3);
    h.get_by_label("Marseille").click();
    h.run();
    assert_eq!(h.state().result().docs.len(), 1);
    // the list shows only the forum; the reader opened it
    assert!(h.query_by_label("Délégation moscovite à Lyon").is_none());
    assert!(reader_shows(&h, "Le forum « Russie–France »"));
    // the chip in the top bar removes the filter
    h.get_by_label("Marseille  ×").click();
    h.run();
    assert_eq!(h.state().result().docs.len(), 3);
}

#[test]
fn search_box_filters_without_accents() {
    let mut h = harness(store());
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Recherche")
        .focus();
    h.get_by_role_and_label(Role::TextInput, "Recherche")
        .type_text("delegation");
    h.run();
    assert_eq!(h.state().result().docs.len(), 1);
    assert!(h.query_by_label("Forum franco-russe à Marseille").is_none());
    assert!(h.query_by_label("Délégation moscovite à Lyon").is_some());
}

#[test]
fn sidebar_search_is_accent_insensitive() {
    let mut h = harness(store());
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Filtrer les entités")
        .focus();
    h.get_by_role_and_label(Role::TextInput, "Filtrer les entités")
        .type_text("serguei");
    h.run();
    assert!(h.query_by_label("Sergueï Tcheriomine").is_some());
    assert!(h.query_by_label("Marseille").is_none());
}

#[test]
fn hovering_a_mention_names_its_canonical_entity() {
    let mut h = harness(store());
    h.run();
    h.get_by_label("Délégation moscovite à Lyon").click();
    h.run();
    let doc = h.state().store().doc_by_id("a_delegation").unwrap();
    assert_eq!(h.state().state.selection.doc, Some(doc));
    // mention 3 is "Tcheriomine a" whose canonical name is the full name
    let rect = h.state().reader.mention_rect(3).expect("mention laid out");
    let before = h.query_all_by_label("Sergueï Tcheriomine").count();
    assert!(h.query_by_label_contains("Variantes").is_none());
    h.hover_at(rect.left_center() + egui::vec2(4.0, 0.0));
    h.run();
    let after = h.query_all_by_label("Sergueï Tcheriomine").count();
    assert_eq!(after, before + 1, "the tooltip names the canonical entity");
    assert!(
        h.query_by_label_contains("Variantes").is_some(),
        "tooltip lists aliases"
    );
    // a click selects the entity
    h.event(egui::Event::PointerButton {
        pos: rect.left_center() + egui::vec2(4.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: rect.left_center() + egui::vec2(4.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let entity = h.state().state.selection.entity.expect("entity selected");
    assert_eq!(
        h.state().store().entity(entity).unwrap().canonical,
        "Sergueï Tcheriomine"
    );
}

#[test]
fn bundled_corpus_opens_in_the_reader() {
    let extractor = passerelle::extract::Extractor::new().unwrap();
    let store =
        passerelle::pipeline::load(&passerelle::corpus::CorpusSource::Bundled, &extractor).unwrap();
    let mut h = harness(Arc::new(store));
    h.run();
    h.get_by_label(
        "Médecine, éducation, tourisme: Irkoutsk ouvre ses portes aux investissements français",
    )
    .click();
    h.run();
    assert!(reader_shows(&h, "Irkoutsk"));
}

#[test]
fn fonts_cover_french_russian_and_ui_symbols() {
    let mut h = harness(store());
    h.run();
    let text = "àâçéèêëîïôûùüÿœæ « » – — … ’ Иркутск ↑ ↓ › ‹ × −";
    let missing: Vec<char> = h.ctx.fonts_mut(|f| {
        text.chars()
            .filter(|c| !c.is_whitespace() && !f.has_glyph(&egui::FontId::proportional(14.0), *c))
            .collect()
    });
    assert!(missing.is_empty(), "missing glyphs: {missing:?}");
}

fn day(y: i32, m: u32, d: u32) -> f64 {
    passerelle::app::timeline_data::day_number(
        chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date"),
    )
}

fn press(
    h: &Harness<'_, PasserelleApp>,
    pos: egui::Pos2,
    pressed: bool,
    modifiers: egui::Modifiers,
) {
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    });
}

#[test]
fn brushing_the_timeline_filters_every_pane() {
    let mut h = harness(store());
    h.run();
    let plot = h.state().timeline.plot_rect().expect("timeline drawn");
    let y = plot.center().y;
    let x0 = h.state().timeline.x_of_day(day(2017, 4, 15)).unwrap();
    let x1 = h.state().timeline.x_of_day(day(2017, 12, 15)).unwrap();
    assert!(plot.left() < x0 && x1 < plot.right(), "2017 is in view");
    let shift = egui::Modifiers::SHIFT;
    h.event(egui::Event::ModifiersChanged(shift));
    h.hover_at(egui::pos2(x0, y));
    press(&h, egui::pos2(x0, y), true, shift);
    h.run();
    h.hover_at(egui::pos2((x0 + x1) / 2.0, y));
    h.run();
    h.hover_at(egui::pos2(x1, y));
    h.run();
    press(&h, egui::pos2(x1, y), false, shift);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
    let filter = &h.state().state.filter;
    assert_eq!(filter.from.map(|d| d.year), Some(Some(2017)), "{filter:?}");
    assert_eq!(filter.to.map(|d| d.year), Some(Some(2017)), "{filter:?}");
    // the list and the sidebar follow
    assert_eq!(h.state().result().docs.len(), 1);
    assert!(h.query_by_label("Forum franco-russe à Marseille").is_none());
    assert!(h.query_by_label("Délégation moscovite à Lyon").is_some());
    assert!(
        h.query_by_label("Marseille").is_none(),
        "sidebar filtered too"
    );
    // a plain drag pans and does not filter
    let before = h.state().timeline.view_range.unwrap();
    h.hover_at(egui::pos2(x0, y));
    press(&h, egui::pos2(x0, y), true, egui::Modifiers::NONE);
    h.run();
    h.hover_at(egui::pos2(x0 + 80.0, y));
    h.run();
    press(&h, egui::pos2(x0 + 80.0, y), false, egui::Modifiers::NONE);
    h.run();
    let after = h.state().timeline.view_range.unwrap();
    assert!(
        after.0 < before.0,
        "dragging right moves the view back in time"
    );
    assert_eq!(h.state().result().docs.len(), 1);
}

#[test]
fn clicking_an_event_opens_its_article_at_the_evidence() {
    let mut h = harness(store());
    h.run();
    let y = h
        .state()
        .timeline
        .lane_y(EventKind::Delegation)
        .expect("lane drawn");
    let x = h.state().timeline.x_of_day(day(2017, 5, 16) + 1.0).unwrap();
    h.hover_at(egui::pos2(x, y));
    h.run();
    assert!(
        h.query_by_label_contains("Participants : Sergueï Tcheriomine")
            .is_some(),
        "hover shows the event's tooltip"
    );
    press(&h, egui::pos2(x, y), true, egui::Modifiers::NONE);
    press(&h, egui::pos2(x, y), false, egui::Modifiers::NONE);
    h.run();
    let sel = &h.state().state.selection;
    let doc = h.state().store().doc_by_id("a_delegation");
    assert_eq!(sel.doc, doc);
    assert!(sel.event.is_some());
    assert!(reader_shows(&h, "Une délégation de Moscou"));
}

#[test]
fn concordance_lists_every_mention_in_context() {
    let mut h = harness(store());
    h.run();
    h.get_by_label("Sergueï Tcheriomine").click();
    h.run();
    // next / previous step through the mentions in the reader
    assert_eq!(h.state().state.selection.mention_cursor, 0);
    h.get_by_label("Suivante ›").click();
    h.run();
    assert_eq!(h.state().state.selection.mention_cursor, 1);
    h.get_by_label("Concordance").click();
    h.run();
    let lines: Vec<String> = h
        .query_all_by_label_contains("Tcheriomine")
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.contains("conduite par") || l.contains("CCI de Lyon"))
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
}

#[test]
fn language_switch_translates_the_interface() {
    let mut h = harness(store());
    h.run();
    assert!(h.query_by_label("Chronologie").is_some());
    h.get_by_label("Réglages").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("Timeline").is_some());
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Search")
            .is_some()
    );
}

#[test]
fn export_writes_the_filtered_events_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.json");
    let mut app = PasserelleApp::with_store(store());
    app.set_dialogs(Box::new(passerelle::app::dialogs::FixedDialogs {
        path: Some(path.clone()),
    }));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut PasserelleApp| app.ui(ui), app);
    h.run();
    h.get_by_label("Marseille").click();
    h.run();
    h.get_by_label("Exporter…").click();
    h.run();
    h.get_by_label("Événements…").click();
    h.run();
    let text = std::fs::read_to_string(&path).expect("export written");
    assert!(
        text.contains("forum") && !text.contains("delegation"),
        "{text}"
    );
    let toast = h.state().toast().unwrap_or_default().to_owned();
    assert!(
        toast.contains("1 lignes") && toast.contains("events.json"),
        "{toast}"
    );
}

/// Opens `path` the way a user without a file dialog does: Ctrl+O, the path typed, "Ouvrir";
/// one frame after the click (the loader then runs in the background).
fn open_typed_path(h: &mut Harness<'static, PasserelleApp>, path: &std::path::Path) {
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Chemin du corpus");
    field.focus();
    field.type_text(&path.display().to_string());
    h.run();
    assert!(h.state().prompt.is_some());
    h.get_by_label("Ouvrir").click();
    h.step();
}

#[test]
fn without_a_dialog_a_path_field_opens_a_corpus() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.txt"),
        "Publié le 2 mars 2013\nUn article de test à Kazan.",
    )
    .unwrap();
    let mut h = harness(store());
    open_typed_path(&mut h, dir.path());
    assert!(h.state().prompt.is_none());
    // the loader runs in the background; the panes fill when it is done
    let started = std::time::Instant::now();
    while h.state().is_loading() && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert_eq!(h.state().store().docs().len(), 1);
    assert!(h.query_by_label_contains("Un article de test").is_some());
}

#[test]
fn loading_does_not_repaint_every_frame() {
    // drawing every frame (software rendering on some laptops) would take a core from the
    // loader: while a corpus loads the app redraws only a few times a second
    let dir = tempfile::tempdir().unwrap();
    let body =
        "Publié le 2 mars 2013\nUne délégation de Kazan a visité Lyon le 4 juin. ".repeat(200);
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("{i}.txt")), &body).unwrap();
    }
    let mut h = harness(store());
    open_typed_path(&mut h, dir.path());
    // frames drawn while loading, and those that asked for the next one at once (input
    // handled just before may ask for one or two)
    let (mut frames, mut immediate) = (0, 0);
    while h.state().is_loading() {
        h.step();
        if h.state().is_loading() {
            frames += 1;
            immediate += usize::from(h.ctx.requested_repaint_last_pass());
        }
    }
    assert!(frames >= 10, "the load ended after {frames} frames");
    assert!(
        immediate <= 2,
        "{immediate} of {frames} frames while loading"
    );
}

#[test]
fn year_less_strip_lays_out_only_the_chips_in_view() {
    const BODY: &str = "Visite de la délégation le 16 mai.";
    let events: Vec<Event> = (0..3_000)
        .map(|_| event(EventKind::Visit, "--05-16", None, BODY, "Visite"))
        .collect();
    let store = Arc::new(Store::build(
        vec![doc("visites", "Visites", "", BODY, &[], events)],
        Vec::new(),
    ));
    let mut h = harness(store);
    h.run();
    assert_eq!(h.state().timeline.data().yearless.len(), 3_000);
    let chips = h.query_all_by_label_contains("16 mai · Visite").count();
    assert!(
        (1..100).contains(&chips),
        "{chips} chips laid out for 3 000 year-less events"
    );
    h.query_all_by_label_contains("16 mai · Visite")
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(
        h.state().state.selection.event.is_some(),
        "a chip selects its event"
    );
}

#[test]
fn document_order_survives_filter_changes() {
    let mut h = harness(store());
    h.run();
    h.state_mut().state.doc_sort = passerelle::app::state::DocColumn::Title;
    h.state_mut().state.doc_sort_ascending = false;
    h.run();
    let titles = |h: &Harness<'_, PasserelleApp>| -> Vec<String> {
        let app = h.state();
        app.doc_list
            .order()
            .iter()
            .map(|&d| app.store().doc(d).unwrap().doc.title.clone())
            .collect()
    };
    assert_eq!(
        titles(&h),
        [
            "Irkoutsk ouvre ses portes",
            "Forum franco-russe à Marseille",
            "Délégation moscovite à Lyon"
        ]
    );
    // a filter keeps the selected documents in the same order
    h.state_mut().state.filter.text = "à".to_owned();
    h.run();
    assert_eq!(
        titles(&h),
        [
            "Forum franco-russe à Marseille",
            "Délégation moscovite à Lyon"
        ]
    );
    h.state_mut().state.filter.text = String::new();
    h.run();
    assert_eq!(titles(&h).len(), 3);
}
