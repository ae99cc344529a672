//! The `passerelle` binary: help, `extract` output shape and offsets, and clear errors.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::process::Command;

fn passerelle() -> Command {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
}

#[test]
fn help_lists_the_commands() {
    let out = passerelle().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for command in ["open", "extract", "export"] {
        assert!(text.contains(command), "--help lacks {command}:\n{text}");
    }
}

#[test]
fn extract_prints_the_contract_json_with_valid_offsets() {
    let out = passerelle()
        .args(["extract", "assets/corpus", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for doc in docs {
        let path = doc["path"].as_str().unwrap();
        let body = std::fs::read_to_string(path).unwrap();
        assert!(doc["id"].as_str().is_some_and(|id| path.contains(id)));
        for entity in doc["entities"].as_array().unwrap() {
            let (start, end) = (
                entity["start"].as_u64().unwrap() as usize,
                entity["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                body.get(start..end),
                entity["text"].as_str(),
                "{path}: bad offsets {entity}"
            );
            assert!(
                ["PER", "ORG", "LOC", "DATE", "SECTOR"].contains(&entity["kind"].as_str().unwrap())
            );
        }
        for event in doc["events"].as_array().unwrap() {
            let evidence = &event["evidence"];
            assert!(evidence["end"].as_u64().unwrap() as usize <= body.len());
        }
    }
    assert_eq!(docs[1]["pub_date"], "2013-03-02");
    assert_eq!(docs[3]["pub_date"], "2017-08");
    assert!(docs[0]["pub_date"].is_null());
}

#[test]
fn extract_without_path_uses_the_bundled_corpus() {
    let out = passerelle().arg("extract").output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn missing_path_is_a_one_line_error() {
    let out = passerelle()
        .args(["extract", "/no/such/corpus"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("/no/such/corpus") && err.contains("no such file"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn empty_folder_gives_an_empty_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = passerelle()
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 0);
}

#[test]
fn unreadable_files_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "Une délégation de Kazan à Lyon.",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        [0u8, 1, 2, 3, 0, 0, 5, 6].repeat(100),
    )
    .unwrap();
    let out = passerelle()
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("empty.txt") && err.contains("binary.txt"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);

    let only_bad = tempfile::tempdir().unwrap();
    std::fs::write(only_bad.path().join("empty.txt"), "").unwrap();
    let out = passerelle()
        .arg("extract")
        .arg(only_bad.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "nothing readable must be an error");
}

#[test]
fn unknown_flag_is_an_error_not_a_panic() {
    let out = passerelle().args(["extract", "--bogus"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--bogus") && !err.contains("panicked"),
        "{err}"
    );
}
