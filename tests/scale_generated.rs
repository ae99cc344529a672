//! The generated corpus loads end to end: every file is read (Windows-1252 and UTF-16 ones
//! included), nested year folders are walked, and filters over a store built from the
//! generator's annotations agree with a naive scan.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a failed test

use passerelle::corpus::CorpusSource;
use passerelle::extract::Extractor;
use passerelle::r#gen::{self as generator, GenOptions};
use passerelle::model::EventKind;
use passerelle::pipeline;
use passerelle::query::{self, Filter};
use passerelle::store::Store;

#[test]
fn generated_corpus_loads_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let report = generator::generate(&GenOptions {
        docs: 300,
        out: out.clone(),
        seed: 11,
    })
    .unwrap();
    assert_eq!(report.files, 300);
    let store =
        pipeline::load(&CorpusSource::Paths(vec![out]), &Extractor::new().unwrap()).unwrap();
    assert_eq!(store.docs().len(), 300);
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert!(store.docs().iter().any(|d| d.doc.encoding != "UTF-8"));
    for d in store.docs() {
        let art = generator::article(11, d.doc.doc_id[..6].parse().unwrap());
        assert_eq!(d.doc.body, art.text, "{}", d.doc.doc_id);
    }
}

#[test]
fn filters_agree_with_a_naive_scan() {
    let store = Store::build(generator::analysed_corpus(400, 2), Vec::new());
    let top = store
        .entities()
        .iter()
        .max_by_key(|e| e.mention_count)
        .unwrap()
        .canonical
        .clone();
    let filter = Filter {
        entities: vec![top.clone()],
        kinds: vec![EventKind::Delegation, EventKind::Forum],
        ..Filter::default()
    };
    let result = query::run(&store, &filter);
    let naive: Vec<usize> = (0..store.docs().len())
        .filter(|&d| {
            let a = &store.docs()[d].analysis;
            a.mentions.iter().any(|m| *m.canonical == *top)
                && a.events.iter().any(|e| filter.accepts_event(e))
        })
        .collect();
    assert_eq!(result.docs, naive);
    // entity facet counts over the selection
    let first = result.entities[0];
    let count = |id| {
        result
            .docs
            .iter()
            .flat_map(|&d| {
                store.docs()[d]
                    .analysis
                    .mentions
                    .iter()
                    .enumerate()
                    .map(move |(m, _)| (d, m))
            })
            .filter(|&(doc, mention)| {
                store.entity_of_mention(passerelle::store::MentionRef { doc, mention }) == Some(id)
            })
            .count()
    };
    for pair in result.entities.windows(2) {
        assert!(count(pair[0]) >= count(pair[1]));
    }
    assert!(count(first) > 0);
    // text search: every hit contains the word, folded
    let hits = store.search("délégation");
    assert!(!hits.is_empty());
    for d in hits {
        assert!(
            store.docs()[d]
                .doc
                .body
                .to_lowercase()
                .contains("délégation")
        );
    }
}
