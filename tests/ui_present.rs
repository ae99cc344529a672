//! Presentation mode and the map, through egui_kittest: entering and leaving, the tour
//! advancing on simulated time (the harness's clock: `step_dt` a step), input pausing it
//! and idleness resuming it, tour files, and the map placing known cities inside their
//! country's outline.

#![cfg(feature = "gui")] // the app is built only with the `gui` feature
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::sync::Arc;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use passerelle::app::PasserelleApp;
use passerelle::app::present::{BottomTab, RESUME_AFTER_SECS, STEP_SECS};
use passerelle::geo::{Atlas, gazetteer};
use passerelle::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, PartialDate, Span,
};
use passerelle::store::{EventRef, Store};
use passerelle::tour::{Tour, TourEvent};

/// Seconds of simulated time per harness step.
const DT: f32 = 0.25;

/// A document with one event whose evidence is the whole body; `places` are mentioned in
/// the body and listed on the event.
fn trip(id: &str, date: &str, kind: EventKind, body: &str, places: &[&str]) -> AnalysedDoc {
    let mut doc = Document::from_text(id, body);
    doc.title = format!("Article {id}");
    doc.pub_date = PartialDate::parse_iso(date);
    let mentions = places
        .iter()
        .map(|p| {
            let start = body.find(p).unwrap();
            Mention {
                span: Span::new(start, start + p.len()),
                kind: EntityKind::Place,
                canonical: (*p).into(),
            }
        })
        .collect();
    let event = Event {
        kind,
        date_start: PartialDate::parse_iso(date),
        date_end: None,
        places: places.iter().map(|p| (*p).into()).collect(),
        participants: vec!["Chambre de commerce".into()],
        evidence: Span::new(0, body.len()),
        name: None,
    };
    AnalysedDoc {
        doc,
        analysis: Analysis {
            mentions,
            events: vec![event],
        },
    }
}

fn store() -> Arc<Store> {
    Arc::new(Store::build(
        vec![
            trip(
                "a_moscou_lyon",
                "2017-05-16",
                EventKind::Delegation,
                "Une délégation de Moscou est venue à Lyon.",
                &["Moscou", "Lyon"],
            ),
            trip(
                "b_forum",
                "2019-10-02",
                EventKind::Forum,
                "Un forum s’est tenu à Marseille.",
                &["Marseille"],
            ),
            trip(
                "c_undated",
                "",
                EventKind::Seminar,
                "Un séminaire à Irkoutsk.",
                &["Irkoutsk"],
            ),
        ],
        Vec::new(),
    ))
}

fn harness(store: Arc<Store>) -> Harness<'static, PasserelleApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(DT)
        // a transition repaints for TRANSITION_SECS
        .with_max_steps(20)
        .build_ui_state(
            |ui, app: &mut PasserelleApp| app.ui(ui),
            PasserelleApp::with_store(store),
        )
}

/// Steps the harness through `secs` of simulated time.
fn wait(h: &mut Harness<'_, PasserelleApp>, secs: f64) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = (secs / f64::from(DT)).ceil() as usize;
    h.run_steps(steps);
}

/// A harness in presentation mode (entered with F5).
fn presenting() -> Harness<'static, PasserelleApp> {
    let mut h = harness(store());
    h.run();
    h.key_press(Key::F5);
    h.run();
    h
}

fn step_of(h: &Harness<'_, PasserelleApp>) -> usize {
    h.state().demo.presentation.as_ref().unwrap().step
}

fn event_of(h: &Harness<'_, PasserelleApp>, doc_id: &str) -> EventRef {
    let doc = h.state().store().doc_by_id(doc_id).unwrap();
    EventRef::new(doc, 0)
}

#[test]
fn f5_enters_presentation_and_escape_leaves_it() {
    let mut h = harness(store());
    h.run();
    assert!(h.query_by_label("Frise").is_some());
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().demo.is_presenting());
    assert!(h.query_by_label("Échap : quitter").is_some());
    // no editing or loading controls
    assert!(h.query_by_label("Ouvrir…").is_none());
    assert!(h.query_by_label("Frise").is_none());
    // the first dated event is shown, with its article at the evidence
    let first = event_of(&h, "a_moscou_lyon");
    assert_eq!(h.state().state.selection.event, Some(first));
    assert!(h.query_by_label("Lieux :").is_some());
    assert!(h.query_by_label("Moscou → Lyon").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().demo.is_presenting());
    assert!(h.query_by_label("Frise").is_some());
    // the button enters it too
    h.get_by_label("▶ Présentation (F5)").click();
    h.run();
    assert!(h.state().demo.is_presenting());
}

#[test]
fn the_tour_steps_through_dated_events_in_date_order_on_simulated_time() {
    let mut h = presenting();
    let p = h.state().demo.presentation.as_ref().unwrap();
    // the undated seminar is not a step
    assert_eq!(
        p.steps,
        vec![event_of(&h, "a_moscou_lyon"), event_of(&h, "b_forum")]
    );
    assert_eq!(step_of(&h), 0);
    wait(&mut h, STEP_SECS - 2.0);
    assert_eq!(step_of(&h), 0, "a step lasts {STEP_SECS} s");
    wait(&mut h, 2.5);
    assert_eq!(step_of(&h), 1);
    assert_eq!(
        h.state().state.selection.event,
        Some(event_of(&h, "b_forum"))
    );
    assert!(h.query_by_label("Forum").is_some());
    // the map flew to Marseille
    wait(&mut h, 2.0);
    let map = &h.state().demo.map;
    let marseille = &gazetteer()["Marseille"];
    let at = map.screen_pos(marseille.lon, marseille.lat).unwrap();
    assert!(
        at.distance(map.rect().unwrap().center()) < 2.0,
        "{at:?} vs {:?}",
        map.rect()
    );
    // and wraps around
    wait(&mut h, STEP_SECS);
    assert_eq!(step_of(&h), 0);
}

#[test]
fn input_pauses_the_tour_and_idleness_resumes_it() {
    let mut h = presenting();
    wait(&mut h, 3.0);
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(640.0, 300.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(1);
    assert!(h.state().demo.presentation.as_ref().unwrap().is_paused);
    assert!(h.query_by_label_contains("reprise dans").is_some());
    // the cursor hides after a few seconds without movement
    wait(&mut h, 4.0);
    assert_eq!(
        h.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
    wait(&mut h, RESUME_AFTER_SECS - 5.0);
    assert_eq!(step_of(&h), 0, "paused");
    assert!(h.state().demo.presentation.as_ref().unwrap().is_paused);
    wait(&mut h, 6.0);
    assert!(!h.state().demo.presentation.as_ref().unwrap().is_paused);
    wait(&mut h, STEP_SECS + 0.5);
    assert_eq!(step_of(&h), 1, "resumed");
    // the arrow keys step by hand (and pause)
    h.key_press(Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(step_of(&h), 0);
    assert!(h.state().demo.presentation.as_ref().unwrap().is_paused);
}

#[test]
fn a_tour_file_chooses_the_events_and_the_filter_can_be_saved_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visite.ron");
    let tour = Tour {
        title: "Le forum".into(),
        events: vec![TourEvent {
            doc: "b_forum".into(),
            event: 0,
        }],
        filter: None,
    };
    tour.save(&path).unwrap();
    let mut app = PasserelleApp::with_store(store());
    app.demo.tour = Some(Tour::load(&path).unwrap());
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(DT)
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut PasserelleApp| app.ui(ui), app);
    h.run();
    h.key_press(Key::F5);
    h.run();
    let p = h.state().demo.presentation.as_ref().unwrap();
    assert_eq!(p.steps, vec![event_of(&h, "b_forum")]);
    assert!(h.query_by_label("Le forum").is_some());
    h.key_press(Key::Escape);
    h.run();
    // save the current filter (Lyon) as a tour
    h.state_mut().state.filter.entities = vec!["Lyon".into()];
    h.state_mut()
        .set_dialogs(Box::new(passerelle::app::dialogs::FixedDialogs {
            path: Some(path.clone()),
        }));
    h.run();
    h.get_by_label("Enregistrer la visite…").click();
    h.run();
    let saved = Tour::load(&path).unwrap();
    assert_eq!(saved.title, "Lyon");
    assert!(saved.events.is_empty());
    let store = h.state().store().clone();
    assert_eq!(saved.resolve(&store), vec![event_of(&h, "a_moscou_lyon")]);
}

#[test]
fn the_map_places_lyon_in_france_and_moscou_in_russia() {
    let atlas = Atlas::bundled();
    let gaz = gazetteer();
    #[allow(clippy::cast_possible_truncation)]
    let inside = |country: &str, city: &str| {
        let p = &gaz[city];
        atlas
            .country(country)
            .unwrap()
            .contains(p.lon as f32, p.lat as f32)
    };
    assert!(inside("France", "Lyon") && inside("Russia", "Moscou"));
    assert!(!inside("France", "Moscou") && !inside("Russia", "Lyon"));

    let mut h = harness(store());
    h.run();
    h.get_by_label("Carte").click();
    h.run();
    assert_eq!(h.state().demo.tab, BottomTab::Map);
    let map = &h.state().demo.map;
    let data = map.data();
    let lyon = data.place("Lyon").unwrap().clone();
    assert_eq!((lyon.docs, lyon.events.len()), (1, 1));
    assert_eq!(data.arcs.len(), 1, "one delegation Moscou → Lyon");
    assert_eq!(data.arcs[0].names, ("Moscou".into(), "Lyon".into()));
    // on screen, inside the pane, west of Moscou
    let rect = map.rect().unwrap();
    let (lyon_at, moscou_at) = (
        map.screen_pos(lyon.lon, lyon.lat).unwrap(),
        map.screen_pos(gaz["Moscou"].lon, gaz["Moscou"].lat)
            .unwrap(),
    );
    assert!(rect.contains(lyon_at) && rect.contains(moscou_at));
    assert!(lyon_at.x < moscou_at.x && lyon_at.y > moscou_at.y);
    // a pinch (or Ctrl+wheel) over the map zooms about the pointer, a drag pans
    let scale = h.state().demo.map.scale();
    let centre = rect.center();
    h.hover_at(centre);
    h.event(egui::Event::Zoom(2.0));
    h.run();
    assert!((h.state().demo.map.scale() / scale - 2.0).abs() < 0.01);
    let drag = |h: &mut Harness<'_, PasserelleApp>, pressed: bool, pos: egui::Pos2| {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    };
    let before = h.state().demo.map.screen_pos(lyon.lon, lyon.lat).unwrap();
    drag(&mut h, true, centre);
    for dx in [10.0, 20.0, 40.0] {
        h.hover_at(centre + egui::vec2(dx, 0.0));
        h.run();
    }
    drag(&mut h, false, centre + egui::vec2(40.0, 0.0));
    let after = h.state().demo.map.screen_pos(lyon.lon, lyon.lat).unwrap();
    assert!(
        (after.x - before.x - 40.0).abs() < 1.0,
        "{before:?} → {after:?}"
    );
    // back to a known view for the click
    h.get_by_label("Frise").click();
    h.run();
    h.state_mut().demo.map = passerelle::app::map::MapPane::default();
    h.get_by_label("Carte").click();
    h.run();
    let lyon_at = h.state().demo.map.screen_pos(lyon.lon, lyon.lat).unwrap();
    // clicking Lyon filters the corpus on it
    h.hover_at(lyon_at);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: lyon_at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: lyon_at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().state.filter.entities, vec!["Lyon".to_owned()]);
    assert_eq!(h.state().result().docs.len(), 1);
}
