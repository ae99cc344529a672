//! Frame time of the whole app (layout + tessellation-free UI pass) on the sample corpus
//! and on generated corpora. Measured and printed, not asserted: run with
//! `cargo test --release --test ui_frame_time -- --ignored --nocapture`.

#![cfg(feature = "gui")] // the app is built only with the `gui` feature
#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::sync::Arc;
use std::time::Instant;

use egui_kittest::Harness;

use passerelle::app::PasserelleApp;
use passerelle::app::timeline_data::TimelineData;
use passerelle::store::Store;

fn measure(label: &str, store: Store) {
    let docs = store.docs().len();
    let store = Arc::new(store);
    let first = store.docs().first().map(|d| d.doc.doc_id.clone());
    let mut app = PasserelleApp::with_store(Arc::clone(&store));
    app.select_when_loaded(None);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(100)
        .build_ui_state(|ui, app: &mut PasserelleApp| app.ui(ui), app);
    h.run();
    if let Some(id) = first {
        let doc = store.doc_by_id(&id);
        h.state_mut().state.selection.doc = doc;
    }
    h.run();
    let frames = 60;
    let started = Instant::now();
    for i in 0..frames {
        // move the pointer over the timeline and the list, as a user would
        #[allow(clippy::cast_precision_loss)]
        let x = 300.0 + (i as f32 * 13.0) % 900.0;
        h.hover_at(egui::pos2(x, if i % 2 == 0 { 650.0 } else { 150.0 }));
        h.step();
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(frames);
    println!(
        "{label}: {docs} documents, {ms:.2} ms/frame (app's own ui(): {:.2} ms last frame)",
        h.state().last_frame_ms
    );
    // frames where the filter changes: the query and the panes' view-models recomputed
    let mut worst: f32 = 0.0;
    for text in ["moscou", "délégation lyon", "", "m", ""] {
        h.state_mut().state.filter.text = text.to_owned();
        h.step();
        worst = worst.max(h.state().last_frame_ms);
    }
    println!("{label}: {docs} documents, a frame with a filter change: worst {worst:.2} ms");
    let result = passerelle::query::run(&store, &passerelle::query::Filter::default());
    let started = Instant::now();
    let mut timeline = TimelineData::of_store(&store);
    let built = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    timeline.apply(&store, &result);
    println!(
        "{label}: timeline view-model built in {built:.1} ms once per store, filter applied in \
         {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

#[test]
#[ignore = "measurement"]
fn frame_time_sample_and_generated_corpora() {
    let extractor = passerelle::extract::Extractor::new().unwrap();
    let bundled =
        passerelle::pipeline::load(&passerelle::corpus::CorpusSource::Bundled, &extractor).unwrap();
    measure("bundled", bundled);
    for n in [10_000, 100_000] {
        let store = Store::build(passerelle::r#gen::analysed_corpus(n, 1), Vec::new());
        measure("generated", store);
    }
}

fn measure_presentation(label: &str, store: Store) {
    let docs = store.docs().len();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(0.05)
        .with_max_steps(100)
        .build_ui_state(
            |ui, app: &mut PasserelleApp| app.ui(ui),
            PasserelleApp::with_store(Arc::new(store)),
        );
    h.run();
    h.key_press(egui::Key::F5);
    h.run_steps(4);
    assert!(h.state().demo.is_presenting());
    // 400 frames of 50 ms = 20 s of tour: two steps and their transitions
    let frames = 400;
    let started = Instant::now();
    let mut worst: f32 = 0.0;
    for _ in 0..frames {
        h.step();
        worst = worst.max(h.state().last_frame_ms);
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(frames);
    let p = h.state().demo.presentation.as_ref().unwrap();
    println!(
        "presentation, {label}: {docs} documents, {ms:.2} ms/frame (harness), app's own ui() \
         worst {worst:.2} ms; step {} of {}",
        p.step + 1,
        p.steps.len()
    );
}

#[test]
#[ignore = "measurement"]
fn frame_time_in_presentation_mode() {
    let extractor = passerelle::extract::Extractor::new().unwrap();
    let bundled =
        passerelle::pipeline::load(&passerelle::corpus::CorpusSource::Bundled, &extractor).unwrap();
    measure_presentation("bundled", bundled);
    let store = Store::build(passerelle::r#gen::analysed_corpus(10_000, 1), Vec::new());
    measure_presentation("generated", store);
}
