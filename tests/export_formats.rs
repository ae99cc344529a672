//! Exports on the bundled corpus and on a hand-built store, through the library and the
//! `passerelle export` binary. Every file is read back with a real parser: `csv`, `serde_json`,
//! `ron` (into the same structs), `icalendar`'s parser, a Markdown table reader and an HTML
//! tag-balance checker.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::fs;
use std::path::Path;
use std::process::Command;

use passerelle::corpus::CorpusSource;
use passerelle::export::{ExportError, ExportOptions, Format, Rows, What, export_to_file};
use passerelle::extract::Extractor;
use passerelle::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, PartialDate, Span,
};
use passerelle::query::{Filter, QueryResult, run};
use passerelle::store::Store;

fn passerelle() -> Command {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
}

fn bundled() -> Store {
    let extractor = Extractor::new().unwrap();
    passerelle::pipeline::load(&CorpusSource::Bundled, &extractor).unwrap()
}

/// Two documents, four events: a dated span, a month, a year-less and an undated one, with
/// text that tries formula injection, pipes, newlines and markup.
fn hand_built() -> Store {
    let body_a = "=cmd|' /C calc'!A0 Le forum | à Moscou, avec la CCI, le 16 mai 2017.\n\
                  <b>Jean Dupont</b> y était & « content ».";
    let body_b = "Délégation de Kazan à Lyon en octobre 2019. Puis une visite. Et un séminaire.";
    let mention = |body: &str, text: &str, kind, canonical: &str| {
        let start = body.find(text).unwrap();
        Mention {
            span: Span::new(start, start + text.len()),
            kind,
            canonical: canonical.into(),
        }
    };
    let event = |kind, start: Option<&str>, end: Option<&str>, evidence: Span| Event {
        kind,
        date_start: start.and_then(PartialDate::parse_iso),
        date_end: end.and_then(PartialDate::parse_iso),
        places: vec![],
        participants: vec![],
        evidence,
        name: None,
    };
    let mut doc_a = Document::from_text("a", body_a);
    doc_a.title = "+Forum | franco-russe".into();
    doc_a.pub_date = PartialDate::parse_iso("2017-05-20");
    let sentence = |body: &str, from: &str, to: &str| {
        let start = body.find(from).unwrap();
        Span::new(start, body.find(to).unwrap() + to.len())
    };
    let mut forum = event(
        EventKind::Forum,
        Some("2017-05-16"),
        Some("2017-05-17"),
        Span::new(0, body_a.len()),
    );
    forum.places = vec!["Moscou".into()];
    forum.participants = vec!["Jean Dupont".into(), "CCI France Russie".into()];
    forum.name = Some("-Forum, \"1\"; ok".into());
    let mut delegation = event(
        EventKind::Delegation,
        Some("2019-10"),
        None,
        sentence(body_b, "Délégation", "2019."),
    );
    delegation.places = vec!["Kazan".into(), "Lyon".into()];
    Store::build(
        vec![
            AnalysedDoc {
                doc: doc_a,
                analysis: Analysis {
                    mentions: vec![
                        mention(body_a, "Moscou", EntityKind::Place, "Moscou"),
                        mention(body_a, "CCI", EntityKind::Organisation, "CCI France Russie"),
                        mention(body_a, "Jean Dupont", EntityKind::Person, "Jean Dupont"),
                    ],
                    events: vec![forum],
                },
            },
            AnalysedDoc {
                doc: Document::from_text("b", body_b),
                analysis: Analysis {
                    mentions: vec![
                        mention(body_b, "Kazan", EntityKind::Place, "Kazan"),
                        mention(body_b, "Lyon", EntityKind::Place, "Lyon"),
                    ],
                    events: vec![
                        delegation,
                        event(
                            EventKind::Visit,
                            Some("--10"),
                            None,
                            sentence(body_b, "Puis", "visite."),
                        ),
                        event(
                            EventKind::Seminar,
                            None,
                            None,
                            sentence(body_b, "Et un", "séminaire."),
                        ),
                    ],
                },
            },
        ],
        Vec::new(),
    )
}

fn options(format: Format, what: What) -> ExportOptions {
    ExportOptions {
        what,
        ..ExportOptions::new(format)
    }
}

// ---------------------------------------------------------------- readers (real parsers)

fn read_csv(path: &Path, delimiter: u8) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn read_ron(path: &Path) -> Rows {
    ron::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// VEVENT components as (name → unescaped value) lists.
fn read_ics(path: &Path) -> Vec<Vec<(String, String)>> {
    let text = fs::read_to_string(path).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let value = p.val.clone().unescape_text();
                    (p.name.as_str().to_owned(), value.as_str().to_owned())
                })
                .collect()
        })
        .collect()
}

fn prop<'a>(vevent: &'a [(String, String)], name: &str) -> &'a str {
    vevent
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {vevent:?}"))
}

/// Markdown table rows split on unescaped pipes, cells unescaped; every row must have the
/// header's column count.
fn read_markdown(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|line| {
            let inner = line
                .strip_prefix('|')
                .and_then(|l| l.strip_suffix('|'))
                .unwrap_or_else(|| panic!("not a table row: {line:?}"));
            let mut cells = vec![String::new()];
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => cells.last_mut().unwrap().push(chars.next().unwrap()),
                    '|' => cells.push(String::new()),
                    c => cells.last_mut().unwrap().push(c),
                }
            }
            cells.iter().map(|c| c.trim().to_owned()).collect()
        })
        .collect();
    assert!(rows.len() >= 2, "header and delimiter rows");
    assert!(rows[1].iter().all(|c| c == "---"));
    for row in &rows {
        assert_eq!(row.len(), rows[0].len(), "{row:?}");
    }
    rows
}

/// Checks tags balance (void elements aside), no script, no remote resource; returns the
/// text outside tags.
fn read_html(path: &Path) -> String {
    let html = fs::read_to_string(path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    for remote in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(remote), "{remote} in a self-contained page");
    }
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').expect("unclosed <") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "misnested </{name}>");
            continue;
        }
        let name = tag.split_whitespace().next().unwrap().to_ascii_lowercase();
        if name == "style" {
            let end = rest.find("</style>").unwrap();
            assert!(!rest[..end].contains('<'));
            rest = &rest[end + "</style>".len()..];
        } else if name != "meta" && name != "br" {
            stack.push(name);
        }
    }
    text.push_str(rest);
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert!(!text.contains('<') && !text.contains('>'), "unescaped text");
    text
}

// ---------------------------------------------------------------- hand-built store

#[test]
fn every_format_reads_back_on_a_hand_built_store() {
    let store = hand_built();
    let result = run(&store, &Filter::default());
    assert_eq!(result.events.len(), 4);
    let dir = tempfile::tempdir().unwrap();

    let csv_path = dir.path().join("events.csv");
    let summary = export_to_file(
        &store,
        &result,
        &options(Format::Csv, What::Events),
        &csv_path,
    )
    .unwrap();
    assert_eq!((summary.rows, summary.skipped), (4, 0));
    let records = read_csv(&csv_path, b',');
    assert_eq!(records.len(), 5);
    assert_eq!(
        records[0],
        [
            "doc_id",
            "kind",
            "date_start",
            "date_end",
            "precision",
            "places",
            "participants",
            "name",
            "evidence"
        ]
    );
    assert_eq!(
        records[1][..5],
        ["a", "forum", "2017-05-16", "2017-05-17", "day"]
    );
    assert_eq!(records[1][7], "'-Forum, \"1\"; ok");
    assert!(records[1][8].starts_with("'=cmd|"));
    assert_eq!(records[2][2..5], ["2019-10", "", "month"]);
    assert_eq!(
        records[3][2], "'--10",
        "year-less dates are neutralised too"
    );
    assert_eq!(records[4][2], "");

    let json_path = dir.path().join("events.json");
    export_to_file(
        &store,
        &result,
        &options(Format::Json, What::Events),
        &json_path,
    )
    .unwrap();
    let json = read_json(&json_path);
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(events[0]["date_start"], "2017-05-16");
    assert_eq!(events[0]["places"], serde_json::json!(["Moscou"]));
    assert_eq!(events[0]["evidence"]["start"], 0);
    assert!(events[3]["date_start"].is_null());
    let ron_path = dir.path().join("events.ron");
    export_to_file(
        &store,
        &result,
        &options(Format::Ron, What::Events),
        &ron_path,
    )
    .unwrap();
    let from_json: Rows = serde_json::from_value(json).unwrap();
    assert_eq!(
        read_ron(&ron_path),
        from_json,
        "RON and JSON hold the same rows"
    );

    let md_path = dir.path().join("events.md");
    export_to_file(
        &store,
        &result,
        &options(Format::Markdown, What::Events),
        &md_path,
    )
    .unwrap();
    let table = read_markdown(&md_path);
    assert_eq!(table.len(), 4 + 2);
    assert!(table[2][8].contains("Le forum | à Moscou"));
    assert!(table[2][8].contains("2017.<br>&lt;b&gt;"));

    let ics_path = dir.path().join("events.ics");
    let summary = export_to_file(
        &store,
        &result,
        &options(Format::Ics, What::Events),
        &ics_path,
    )
    .unwrap();
    assert_eq!((summary.rows, summary.skipped), (2, 2));
    let vevents = read_ics(&ics_path);
    assert_eq!(vevents.len(), 2);
    assert_eq!(prop(&vevents[0], "DTSTART"), "20170516");
    assert_eq!(prop(&vevents[0], "DTEND"), "20170518");
    assert_eq!(prop(&vevents[0], "SUMMARY"), "forum: -Forum, \"1\"; ok");
    assert!(prop(&vevents[0], "DESCRIPTION").starts_with("=cmd|' /C calc'!A0 Le forum"));
    assert_eq!(prop(&vevents[1], "DTSTART"), "20191001");
    assert_eq!(prop(&vevents[1], "DTEND"), "20191101");
    assert_eq!(prop(&vevents[1], "LOCATION"), "Kazan, Lyon");

    let html_path = dir.path().join("events.html");
    export_to_file(
        &store,
        &result,
        &options(Format::Html, What::Events),
        &html_path,
    )
    .unwrap();
    let text = read_html(&html_path);
    assert!(text.contains("&lt;b&gt;"));
    let html = fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<mark>Jean Dupont</mark>"));
    assert_eq!(html.matches("<tr>").count(), 4 + 1);
}

#[test]
fn documents_and_entities_export_in_every_table_format() {
    let store = hand_built();
    let result = run(&store, &Filter::default());
    let dir = tempfile::tempdir().unwrap();
    for what in [What::Documents, What::Entities] {
        let expected = match what {
            What::Documents => result.docs.len(),
            _ => result.entities.len(),
        };
        for format in [
            Format::Csv,
            Format::Json,
            Format::Ron,
            Format::Markdown,
            Format::Html,
        ] {
            let path = dir.path().join(format!("{what}.{}", format.extension()));
            let summary = export_to_file(&store, &result, &options(format, what), &path).unwrap();
            assert_eq!(summary.rows, expected, "{what} {format}");
            match format {
                Format::Csv => assert_eq!(read_csv(&path, b',').len(), expected + 1),
                Format::Json => {
                    assert_eq!(
                        read_json(&path)[what.code()].as_array().unwrap().len(),
                        expected
                    );
                }
                Format::Ron => assert_eq!(read_ron(&path).len(), expected),
                Format::Markdown => assert_eq!(read_markdown(&path).len(), expected + 2),
                _ => {
                    read_html(&path);
                }
            }
        }
    }
    let path = dir.path().join("docs.json");
    export_to_file(
        &store,
        &result,
        &options(Format::Json, What::Documents),
        &path,
    )
    .unwrap();
    let json = read_json(&path);
    assert_eq!(json["documents"][0]["id"], "a");
    assert_eq!(json["documents"][0]["pub_date"], "2017-05-20");
    assert_eq!(json["documents"][0]["entity_count"], 3);
    assert_eq!(json["documents"][1]["event_count"], 3);
    let path = dir.path().join("entities.ron");
    export_to_file(
        &store,
        &result,
        &options(Format::Ron, What::Entities),
        &path,
    )
    .unwrap();
    let Rows::Entities(entities) = read_ron(&path) else {
        panic!("not entities");
    };
    let cci = entities
        .iter()
        .find(|e| e.canonical == "CCI France Russie")
        .unwrap();
    assert_eq!(cci.aliases, ["CCI"]);
    assert_eq!(cci.doc_ids, ["a"]);
}

#[test]
fn csv_options_for_french_excel() {
    let store = hand_built();
    let result = run(&store, &Filter::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.csv");
    let options = ExportOptions {
        csv_bom: true,
        csv_semicolon: true,
        ..options(Format::Csv, What::Documents)
    };
    export_to_file(&store, &result, &options, &path).unwrap();
    assert!(fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let records = read_csv(&path, b';');
    assert_eq!(records.len(), 3);
    assert_eq!(records[1][2], "'+Forum | franco-russe");
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula-like cell {cell:?}"
            );
        }
    }
}

#[test]
fn filters_reduce_what_is_exported() {
    let store = hand_built();
    let dir = tempfile::tempdir().unwrap();
    let count = |filter: Filter| {
        let result = run(&store, &filter);
        let path = dir.path().join("f.json");
        let summary =
            export_to_file(&store, &result, &options(Format::Json, What::Events), &path).unwrap();
        let json = read_json(&path);
        assert_eq!(json["events"].as_array().unwrap().len(), summary.rows);
        summary.rows
    };
    assert_eq!(count(Filter::default()), 4);
    assert_eq!(
        count(Filter {
            text: "moscou".into(),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            text: "DELEGATION".into(),
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            entities: vec!["CCI".into()],
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            kinds: vec![EventKind::Visit],
            ..Filter::default()
        }),
        1
    );
    let range = Filter {
        from: PartialDate::parse_iso("2013"),
        to: PartialDate::parse_iso("2017-06"),
        ..Filter::default()
    };
    assert_eq!(count(range), 1);
    let nothing = Filter {
        text: "moscou".into(),
        kinds: vec![EventKind::Delegation],
        ..Filter::default()
    };
    assert_eq!(count(nothing), 0);
}

#[test]
fn an_empty_result_exports_valid_empty_files() {
    let store = hand_built();
    let result = QueryResult::default();
    let dir = tempfile::tempdir().unwrap();
    for format in Format::ALL {
        let path = dir.path().join(format!("empty.{}", format.extension()));
        let summary = export_to_file(&store, &result, &options(format, What::Events), &path)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!((summary.rows, summary.skipped), (0, 0));
        match format {
            Format::Csv => assert_eq!(read_csv(&path, b',').len(), 1),
            Format::Json => assert_eq!(read_json(&path), serde_json::json!({"events": []})),
            Format::Ron => assert!(read_ron(&path).is_empty()),
            Format::Markdown => assert_eq!(read_markdown(&path).len(), 2),
            Format::Ics => assert!(read_ics(&path).is_empty()),
            Format::Html => {
                read_html(&path);
            }
        }
    }
}

#[test]
fn a_failed_export_leaves_the_existing_file_untouched() {
    let store = hand_built();
    let result = run(&store, &Filter::default());
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist.
    let missing = dir.path().join("no-such-folder").join("out.csv");
    let err = export_to_file(
        &store,
        &result,
        &options(Format::Csv, What::Events),
        &missing,
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder { .. }));
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    // A render failure (ICS of documents) does not touch the existing file.
    let existing = dir.path().join("keep.ics");
    fs::write(&existing, "precious").unwrap();
    let err = export_to_file(
        &store,
        &result,
        &options(Format::Ics, What::Documents),
        &existing,
    )
    .unwrap_err();
    assert!(err.to_string().contains("keep.ics"), "{err}");
    assert_eq!(fs::read_to_string(&existing).unwrap(), "precious");
    // A read-only folder (skipped when running as root, which ignores permissions).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        let target = locked.join("out.csv");
        fs::write(&target, "old content").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        let is_root = fs::write(locked.join("probe"), "").is_ok();
        let outcome = export_to_file(
            &store,
            &result,
            &options(Format::Csv, What::Events),
            &target,
        );
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if !is_root {
            let err = outcome.unwrap_err();
            assert!(err.to_string().contains("out.csv"), "{err}");
            assert_eq!(fs::read_to_string(&target).unwrap(), "old content");
            let names: Vec<_> = fs::read_dir(&locked).unwrap().collect();
            assert_eq!(names.len(), 1, "no temp file left");
        }
    }
    // A successful export replaces the file whole.
    let target = dir.path().join("keep.csv");
    fs::write(&target, "old").unwrap();
    export_to_file(
        &store,
        &result,
        &options(Format::Csv, What::Events),
        &target,
    )
    .unwrap();
    assert_eq!(read_csv(&target, b',').len(), 5);
}

// ---------------------------------------------------------------- bundled corpus

#[test]
fn every_format_on_the_bundled_corpus_matches_the_query_result() {
    let store = bundled();
    let everything = run(&store, &Filter::default());
    let filtered = run(
        &store,
        &Filter {
            text: "moscou".into(),
            ..Filter::default()
        },
    );
    assert!(filtered.docs.len() <= everything.docs.len());
    assert!(filtered.events.len() <= everything.events.len());
    let dir = tempfile::tempdir().unwrap();
    for result in [&everything, &filtered] {
        for format in Format::ALL {
            let path = dir.path().join(format!("bundled.{}", format.extension()));
            let summary =
                export_to_file(&store, result, &options(format, What::Events), &path).unwrap();
            let n = result.events.len();
            match format {
                Format::Ics => {
                    assert_eq!(summary.rows + summary.skipped, n);
                    assert_eq!(read_ics(&path).len(), summary.rows);
                }
                _ => assert_eq!((summary.rows, summary.skipped), (n, 0), "{format}"),
            }
            match format {
                Format::Csv => assert_eq!(read_csv(&path, b',').len(), n + 1),
                Format::Json => {
                    assert_eq!(read_json(&path)["events"].as_array().unwrap().len(), n);
                }
                Format::Ron => assert_eq!(read_ron(&path).len(), n),
                Format::Markdown => assert_eq!(read_markdown(&path).len(), n + 2),
                Format::Html => {
                    read_html(&path);
                }
                Format::Ics => {}
            }
        }
        for (what, n) in [
            (What::Documents, result.docs.len()),
            (What::Entities, result.entities.len()),
        ] {
            let path = dir.path().join(format!("bundled-{what}.csv"));
            let summary =
                export_to_file(&store, result, &options(Format::Csv, what), &path).unwrap();
            assert_eq!(summary.rows, n);
            assert_eq!(read_csv(&path, b',').len(), n + 1);
        }
    }
}

#[test]
fn the_binary_exports_with_filters_and_reports_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.json");
    let out = passerelle()
        .args(["export", "--format", "json", "--what", "documents", "--out"])
        .arg(&all)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("exported") && stderr.contains("all.json"),
        "{stderr}"
    );
    let all_docs = read_json(&all)["documents"].as_array().unwrap().len();
    assert_eq!(all_docs, 5, "the bundled corpus has five articles");

    let some = dir.path().join("some.json");
    let out = passerelle()
        .args([
            "export",
            "assets/corpus",
            "--what",
            "documents",
            "--query",
            "moscou",
        ])
        .args(["--from", "2013", "--to", "2017-06", "--out"])
        .arg(&some)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let some_docs = read_json(&some)["documents"].as_array().unwrap().len();
    assert!(some_docs <= all_docs);

    for (format, ext) in [
        ("csv", "csv"),
        ("json", "json"),
        ("ron", "ron"),
        ("md", "md"),
        ("ics", "ics"),
        ("html", "html"),
    ] {
        let path = dir.path().join(format!("events.{ext}"));
        let out = passerelle()
            .args([
                "export",
                "--format",
                format,
                "--csv-bom",
                "--csv-semicolon",
                "--out",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        match format {
            "csv" => {
                assert!(fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
                assert_eq!(read_csv(&path, b';')[0][0], "doc_id");
            }
            "json" => assert!(read_json(&path)["events"].is_array()),
            "ron" => assert_eq!(read_ron(&path).what(), What::Events),
            "md" => assert_eq!(read_markdown(&path)[0].len(), 9),
            "ics" => {
                read_ics(&path);
            }
            _ => {
                read_html(&path);
            }
        }
    }
}

#[test]
fn the_binary_rejects_bad_options_and_unwritable_targets() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    fs::write(&target, "keep me").unwrap();
    let failures: [&[&str]; 4] = [
        &["--kind", "picnic"],
        &["--from", "2017-13"],
        &["--to", "mai"],
        &["--from", "2018", "--to", "2017"],
    ];
    for args in failures {
        let out = passerelle()
            .args(["export", "--format", "csv", "--out"])
            .arg(&target)
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "one-line error: {stderr}");
        assert!(stderr.contains(args[1]), "{args:?}: {stderr}");
    }
    let missing = dir.path().join("nowhere").join("out.csv");
    let out = passerelle()
        .args(["export", "--format", "csv", "--out"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nowhere") && stderr.contains("does not exist"),
        "{stderr}"
    );
    let out = passerelle()
        .args(["export", "--what", "entities", "--format", "ics", "--out"])
        .arg(dir.path().join("x.ics"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = passerelle()
        .args(["export", "--out"])
        .arg(dir.path().join("x.unknown"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
}
