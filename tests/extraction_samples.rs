//! Extraction on the bundled samples, scored with the project's scorer when it is present
//! (`../shared/tools/score.py` and `../shared/gold`), and structural checks that always run.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::path::Path;
use std::process::Command;

fn extract_json() -> serde_json::Value {
    extract_json_of(None)
}

/// `passerelle extract` of `corpus` (the bundled samples when `None`) as JSON.
fn extract_json_of(corpus: Option<&Path>) -> serde_json::Value {
    let mut command = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    command.arg("extract");
    if let Some(corpus) = corpus {
        command.arg(corpus);
    }
    let out = command
        .args(["--format", "json"])
        .output()
        .expect("run passerelle extract");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("extract prints JSON")
}

#[test]
fn every_sample_has_people_places_organisations_and_events() {
    let json = extract_json();
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    for doc in docs {
        let kinds: Vec<&str> = doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        for kind in ["PER", "ORG", "LOC"] {
            assert!(kinds.contains(&kind), "{} lacks {kind}", doc["id"]);
        }
        assert!(
            !doc["events"].as_array().unwrap().is_empty(),
            "{} has no event",
            doc["id"]
        );
    }
}

#[test]
fn the_year_comes_from_the_publication_date_and_the_weekday() {
    let json = extract_json();
    let doc = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "001_7ce66f507295f71f")
        .unwrap();
    let starts: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date_start"].as_str())
        .collect();
    assert!(starts.contains(&"2013-02-28"), "{starts:?}");
}

/// Scores the samples with the shared scorer when the shared folder is there (it is outside
/// the repository); the bars are the issue's: strict entity F1 ≥ 0.80 here (the target is
/// 0.90, this guards against regressions) and event F1 ≥ 0.80.
#[test]
fn shared_scorer_bars_when_available() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    check_scores(&root.join("shared/gold"), None, 0.80, 0.80);
}

/// Scores the development set (`tests/devset`, see its README) with the shared scorer: it
/// guards the rules that generalise beyond the samples. Measured with
/// extractor version 21 on sets A to F: entities 0.88, events 0.77 (each set scored lower
/// before its misses were read: F, blind, entities 0.85, events 0.49); the bars leave room
/// for trade-offs.
#[test]
fn devset_scores_when_the_scorer_is_available() {
    let devset = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset");
    check_scores(
        &devset.join("gold"),
        Some(&devset.join("corpus")),
        0.85,
        0.70,
    );
}

/// Runs `../shared/tools/score.py` on `extract` of `corpus` against `gold` and checks the
/// strict entity and event F1 bars; skips (with a message) when python3 or the scorer is
/// missing.
fn check_scores(gold: &Path, corpus: Option<&Path>, entity_bar: f64, event_bar: f64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let scorer = root.join("shared/tools/score.py");
    if !scorer.exists() || !gold.exists() {
        eprintln!("shared scorer not found: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, serde_json::to_vec(&extract_json_of(corpus)).unwrap()).unwrap();
    let Ok(result) = Command::new("python3")
        .arg(&scorer)
        .arg(gold)
        .arg(&out)
        .arg("--json")
        .output()
    else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let scores: serde_json::Value = serde_json::from_slice(&result.stdout).expect("scorer JSON");
    let entity_f1 = scores["entities"][2].as_f64().unwrap();
    let event_f1 = scores["events"][2].as_f64().unwrap();
    assert!(entity_f1 >= entity_bar, "entity F1 {entity_f1}: {scores}");
    assert!(event_f1 >= event_bar, "event F1 {event_f1}: {scores}");
}
