//! Loading the bundled sample corpus and folders from disk: ids, titles, publication dates,
//! page furniture kept out of the content, valid offsets, background loading and cancelling.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::sync::Arc;
use std::time::Duration;

use passerelle::corpus::{self, CorpusSource};
use passerelle::extract::Extractor;
use passerelle::model::RegionKind;
use passerelle::pipeline::{self, LoadEvent};

fn bundled() -> passerelle::store::Store {
    pipeline::load(&CorpusSource::Bundled, &Extractor::new().unwrap()).unwrap()
}

#[test]
fn sample_corpus_has_five_documents_with_titles_and_dates() {
    let store = bundled();
    let docs = store.docs();
    assert_eq!(docs.len(), 5);
    let ids: Vec<&str> = docs.iter().map(|d| d.doc.doc_id.as_str()).collect();
    assert_eq!(ids[0], "000_d03f25c32cd63373");
    assert_eq!(ids[4], "004_0d77bddd95f8884d");
    let date = |i: usize| docs[i].doc.pub_date.map(|d| d.to_iso());
    assert_eq!(date(1).as_deref(), Some("2013-03-02"));
    assert_eq!(date(3).as_deref(), Some("2017-08"));
    assert_eq!(date(0), None);
    assert_eq!(
        docs[4].doc.title,
        "Médecine, éducation, tourisme: Irkoutsk ouvre ses portes aux investissements français"
    );
    // the photo credit is not part of the title, and a date line is never a title
    assert!(!docs[0].doc.title.contains("Crédit"));
    assert!(!docs[1].doc.title.starts_with("Publié"));
    assert!(!docs[3].doc.title.contains("2017-08"));
}

#[test]
fn boilerplate_is_outside_the_content() {
    let store = bundled();
    for analysed in store.docs() {
        let doc = &analysed.doc;
        let content: String = doc
            .content_spans()
            .iter()
            .map(|s| s.text(&doc.body))
            .collect();
        for furniture in [
            "cookies",
            "newsletter",
            "Abonnez-vous",
            "Lire aussi",
            "mention des sources",
            "Publié le",
        ] {
            assert!(
                !content.contains(furniture),
                "{}: {furniture:?} left in the content",
                doc.doc_id
            );
        }
        for mention in &analysed.analysis.mentions {
            let region = doc.region_at(mention.span.start());
            assert!(
                !matches!(region, Some(RegionKind::Boilerplate | RegionKind::Metadata))
                    || doc.source_span.is_some_and(|s| s.contains(&mention.span)),
                "{}: mention {:?} inside page furniture",
                doc.doc_id,
                mention.span.text(&doc.body)
            );
        }
    }
}

#[test]
fn every_mention_and_event_points_into_its_body() {
    let store = bundled();
    for analysed in store.docs() {
        let body = &analysed.doc.body;
        for mention in &analysed.analysis.mentions {
            let span = mention.span;
            assert!(span.start() < span.end() && span.end() <= body.len());
            assert!(body.is_char_boundary(span.start()) && body.is_char_boundary(span.end()));
        }
        for event in &analysed.analysis.events {
            assert!(
                event.evidence.end() <= body.len() && body.is_char_boundary(event.evidence.start())
            );
        }
    }
}

#[test]
fn files_in_legacy_encodings_load_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Publié le 4 juin 2019\r\nUne délégation française s’est rendue à Kazan.\r\n";
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(dir.path().join("latin.txt"), &latin).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/utf16.txt"), &utf16).unwrap();
    std::fs::write(dir.path().join("notes.md"), "ignored: not .txt").unwrap();
    let store = pipeline::load(
        &CorpusSource::Paths(vec![dir.path().to_owned()]),
        &Extractor::new().unwrap(),
    )
    .unwrap();
    assert_eq!(store.docs().len(), 2);
    for analysed in store.docs() {
        assert_eq!(analysed.doc.body, text.replace("\r\n", "\n"));
        assert_eq!(
            analysed.doc.pub_date.map(|d| d.to_iso()).as_deref(),
            Some("2019-06-04")
        );
    }
}

#[test]
fn background_load_reports_progress_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("{i:04}.txt")),
            format!("Article {i} sur Lyon et Moscou."),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let handle = pipeline::spawn_load(
        CorpusSource::Paths(vec![dir.path().to_owned()]),
        Arc::new(Extractor::new().unwrap()),
        || {},
    );
    let mut last_progress = None;
    let mut warnings = 0;
    let store = loop {
        match handle.events.recv_timeout(Duration::from_secs(60)).unwrap() {
            LoadEvent::Progress(p) => last_progress = Some(p),
            LoadEvent::Warning(_) => warnings += 1,
            LoadEvent::Snapshot(_) => {}
            LoadEvent::Done(store) => break store,
            other => panic!("unexpected {other:?}"),
        }
    };
    let progress = last_progress.unwrap();
    assert_eq!(
        (progress.files_done, progress.files_total, progress.warnings),
        (301, 301, 1)
    );
    assert_eq!(warnings, 1);
    assert_eq!(store.docs().len(), 300);
    assert_eq!(store.search("moscou").len(), 300);
}

#[test]
fn background_load_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        std::fs::write(dir.path().join(format!("{i:04}.txt")), "Forum à Paris.").unwrap();
    }
    // a slow listener: each event takes 5 ms to be acknowledged, so the cancel lands mid-way
    let handle = pipeline::spawn_load(
        CorpusSource::Paths(vec![dir.path().to_owned()]),
        Arc::new(Extractor::new().unwrap()),
        || {
            std::thread::sleep(Duration::from_millis(5));
        },
    );
    loop {
        match handle.events.recv_timeout(Duration::from_secs(60)).unwrap() {
            LoadEvent::Progress(p) if p.files_done > 0 => handle.cancel(),
            LoadEvent::Cancelled(store) => {
                assert!(store.docs().len() < 2000);
                break;
            }
            LoadEvent::Done(_) => panic!("finished despite cancel"),
            _ => {}
        }
    }
}

#[test]
fn discovery_of_a_missing_path_names_it() {
    let err = corpus::discover(&["/definitely/not/here".into()]).unwrap_err();
    assert!(err.to_string().starts_with("/definitely/not/here"), "{err}");
}
