//! The corrections sidecar through the CLI: `extract` and `export` apply it, `--no-corrections`
//! shows the raw extraction, a corrupt sidecar is a one-line warning and never a crash.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use passerelle::corrections::{self, Anchor, Correction, Corrections, EventFields, SIDECAR_NAME};
use passerelle::model::{EntityKind, EventKind, PartialDate, Span};

const DOC_ID: &str = "003_33f6b91dc8db4b29";

fn passerelle() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    // never read the developer's own corrections of the bundled corpus
    command.env(
        "XDG_DATA_HOME",
        std::env::temp_dir().join("passerelle-no-data"),
    );
    command
}

/// A temporary copy of the sample corpus.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir("assets/corpus").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn body(dir: &Path) -> String {
    fs::read_to_string(dir.join(format!("{DOC_ID}.txt"))).unwrap()
}

fn anchor(body: &str, text: &str) -> Anchor {
    let start = body.find(text).unwrap();
    Anchor::of(DOC_ID, body, Span::new(start, start + text.len())).unwrap()
}

/// A missed mention, then a rename of its entity, and an added event.
fn sample_corrections(body: &str) -> Corrections {
    let name = anchor(body, "Sergueï Tcheriomine");
    let mut corrections = Corrections::default();
    corrections.push(Correction::AddMention {
        mention: name.clone(),
        kind: EntityKind::Person,
        canonical: String::new(),
    });
    corrections.push(Correction::Rename {
        mention: name,
        kind: EntityKind::Person,
        to: "Sergueï Tcheriomine (ministre)".into(),
    });
    let sentence = anchor(body, "Les 16 et 17 mai, Lyon et Marseille ont accueilli");
    corrections.push(Correction::AddEvent {
        evidence: sentence,
        fields: EventFields {
            kind: EventKind::RoundTable,
            date_start: PartialDate::ymd(2017, 5, 16),
            date_end: PartialDate::ymd(2017, 5, 17),
            places: vec!["Lyon".into()],
            participants: vec!["Sergueï Tcheriomine (ministre)".into()],
        },
    });
    corrections
}

fn extract(dir: &Path, extra: &[&str]) -> (serde_json::Value, String) {
    let out: Output = passerelle()
        .arg("extract")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn doc(json: &serde_json::Value) -> &serde_json::Value {
    json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == DOC_ID)
        .unwrap()
}

fn has_renamed_mention(json: &serde_json::Value) -> bool {
    doc(json)["entities"].as_array().unwrap().iter().any(|e| {
        e["canonical"] == "Sergueï Tcheriomine (ministre)" && e["text"] == "Sergueï Tcheriomine"
    })
}

fn has_round_table(json: &serde_json::Value) -> bool {
    doc(json)["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "round_table" && e["date_start"] == "2017-05-16")
}

#[test]
fn extract_applies_the_sidecar_unless_told_not_to() {
    let dir = corpus_copy();
    let sidecar = dir.path().join(SIDECAR_NAME);
    corrections::save(&sidecar, &sample_corrections(&body(dir.path()))).unwrap();

    let (json, stderr) = extract(dir.path(), &[]);
    assert!(has_renamed_mention(&json), "{json:#}");
    assert!(has_round_table(&json));
    assert!(!stderr.contains("warning"), "{stderr}");

    let (raw, _) = extract(dir.path(), &["--no-corrections"]);
    assert!(!has_renamed_mention(&raw));
    assert!(!has_round_table(&raw));
}

#[test]
fn export_applies_the_sidecar_too() {
    let dir = corpus_copy();
    corrections::save(
        &dir.path().join(SIDECAR_NAME),
        &sample_corrections(&body(dir.path())),
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let export = |extra: &[&str]| -> String {
        let out: PathBuf = out_dir.path().join("events.csv");
        let status = passerelle()
            .arg("export")
            .arg(dir.path())
            .args(["--out", out.to_str().unwrap(), "--what", "events"])
            .args(extra)
            .status()
            .unwrap();
        assert!(status.success());
        fs::read_to_string(out).unwrap()
    };
    assert!(export(&[]).contains("round_table"));
    assert!(!export(&["--no-corrections"]).contains("round_table"));
}

#[test]
fn an_orphaned_correction_is_reported_and_the_rest_applied() {
    let dir = corpus_copy();
    let mut corrections = sample_corrections(&body(dir.path()));
    let mut gone = anchor(&body(dir.path()), "Lyon");
    gone.text = "Vladivostok-sur-Rhône".into();
    corrections.push(Correction::DeleteEvent {
        evidence: gone,
        kind: EventKind::Forum,
    });
    corrections::save(&dir.path().join(SIDECAR_NAME), &corrections).unwrap();
    let (json, stderr) = extract(dir.path(), &[]);
    assert!(has_renamed_mention(&json));
    let warning = stderr
        .lines()
        .find(|l| l.contains("not applied"))
        .unwrap_or_else(|| panic!("no orphan warning in {stderr}"));
    assert!(warning.contains(SIDECAR_NAME), "{warning}");
    assert!(warning.contains("Vladivostok"), "{warning}");
    // kept in the file, never dropped
    let kept = corrections::load(&dir.path().join(SIDECAR_NAME)).unwrap();
    assert_eq!(kept.len(), 4);
}

#[test]
fn a_corrupt_sidecar_is_one_warning_and_the_raw_extraction() {
    let dir = corpus_copy();
    let sidecar = dir.path().join(SIDECAR_NAME);
    let garbage = "(corrections: [Rename(mention: (doc_id: \"x\"\n\u{0}\u{fffd}";
    fs::write(&sidecar, garbage).unwrap();
    let (json, stderr) = extract(dir.path(), &[]);
    let (raw, _) = extract(dir.path(), &["--no-corrections"]);
    assert_eq!(json, raw);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(SIDECAR_NAME))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].starts_with("passerelle: warning: "), "{stderr}");
    assert!(warnings[0].contains("raw extraction"), "{stderr}");
    assert_eq!(
        fs::read_to_string(&sidecar).unwrap(),
        garbage,
        "left as it was"
    );
    // the next save keeps the corrupt file as .bak
    let backup = corrections::save(&sidecar, &Corrections::default())
        .unwrap()
        .unwrap();
    assert_eq!(fs::read_to_string(backup).unwrap(), garbage);
}
