//! The startup cache: a warm load gives the same store as a cold one; a corrupted entry is
//! detected, reported and rebuilt; a modified file invalidates the entry. Every test uses
//! its own temporary cache folder.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use std::sync::Arc;
use std::time::Duration;

use passerelle::corpus::CorpusSource;
use passerelle::extract::Extractor;
use passerelle::r#gen::{self as generator, GenOptions};
use passerelle::pipeline::{self, LoadEvent, LoadOptions};
use passerelle::store::Store;

fn corpus(dir: &std::path::Path) -> CorpusSource {
    let out = dir.join("corpus");
    generator::generate(&GenOptions {
        docs: 40,
        out: out.clone(),
        seed: 3,
    })
    .unwrap();
    CorpusSource::Paths(vec![out])
}

fn cache_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn summary(store: &Store) -> Vec<(String, usize, String)> {
    store
        .docs()
        .iter()
        .map(|d| (d.doc.doc_id.clone(), d.doc.body.len(), d.doc.title.clone()))
        .collect()
}

fn cache_warnings(store: &Store) -> usize {
    store
        .warnings()
        .iter()
        .filter(|w| w.message.contains("startup cache"))
        .count()
}

#[test]
fn warm_load_matches_cold_load_and_corruption_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let source = corpus(tmp.path());
    let cache_dir = tmp.path().join("cache");
    let options = LoadOptions::with_cache_dir(&cache_dir);
    let extractor = Extractor::new().unwrap();

    let plain = pipeline::load(&source, &extractor).unwrap();
    let cold = pipeline::load_with(&source, &extractor, &options).unwrap();
    let files = cache_files(&cache_dir);
    assert_eq!(files.len(), 1, "one cache entry written");
    let warm = pipeline::load_with(&source, &extractor, &options).unwrap();
    assert_eq!(summary(&cold), summary(&plain));
    assert_eq!(summary(&warm), summary(&plain));
    assert_eq!(cache_warnings(&warm), 0);
    assert_eq!(warm.docs(), plain.docs());

    // corrupt the entry: detected, reported, rebuilt
    let mut bytes = std::fs::read(&files[0]).unwrap();
    let at = bytes.len() - 7;
    bytes[at] ^= 0xFF;
    std::fs::write(&files[0], &bytes).unwrap();
    let rebuilt = pipeline::load_with(&source, &extractor, &options).unwrap();
    assert_eq!(cache_warnings(&rebuilt), 1, "{:?}", rebuilt.warnings());
    assert_eq!(summary(&rebuilt), summary(&plain));
    let again = pipeline::load_with(&source, &extractor, &options).unwrap();
    assert_eq!(cache_warnings(&again), 0, "the entry was rewritten");
}

#[test]
fn a_modified_file_invalidates_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let source = corpus(tmp.path());
    let cache_dir = tmp.path().join("cache");
    let options = LoadOptions::with_cache_dir(&cache_dir);
    let extractor = Extractor::new().unwrap();
    let before = pipeline::load_with(&source, &extractor, &options).unwrap();
    let target = before.docs()[0].doc.path.clone();
    std::fs::write(
        &target,
        "Publié le 2 mars 2013\nUn tout autre texte, bien plus court.\n",
    )
    .unwrap();
    let after = pipeline::load_with(&source, &extractor, &options).unwrap();
    let doc = &after.docs()[0].doc;
    assert_eq!(doc.path, target);
    assert!(doc.body.contains("tout autre texte"), "{}", doc.body);
    assert_eq!(
        cache_files(&cache_dir).len(),
        2,
        "a new entry for the new key"
    );
}

#[test]
fn background_load_uses_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let source = corpus(tmp.path());
    let options = LoadOptions::with_cache_dir(tmp.path().join("cache"));
    let extractor = Arc::new(Extractor::new().unwrap());
    let run = || {
        let handle = pipeline::spawn_load_with(
            source.clone(),
            Arc::clone(&extractor),
            options.clone(),
            || {},
        );
        loop {
            match handle.events.recv_timeout(Duration::from_secs(60)).unwrap() {
                LoadEvent::Done(store) => return store,
                LoadEvent::Failed(e) => panic!("{e}"),
                _ => {}
            }
        }
    };
    let cold = run();
    let warm = run();
    assert_eq!(cold.docs(), warm.docs());
    assert_eq!(cold.docs().len(), 40);
}
