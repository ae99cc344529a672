//! Scale benchmarks (issue 8): read + decode, store/index build, filter queries and the
//! whole `pipeline::load`, on a corpus written by the generator into a temporary folder.
//!
//! Size: `PASSERELLE_BENCH_DOCS` articles (default 2 000, ≈ 6 MB) so `cargo bench` stays
//! short; set it to 100000 for the scale. Store and query benches use the
//! generator's own annotations (mentions, events), so they measure the store at realistic
//! entity counts whatever the extractor finds.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

/// The allocator the `passerelle` binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use passerelle::corpus::{self, CorpusSource};
use passerelle::extract::Extractor;
use passerelle::r#gen::{self as generator, GenOptions};
use passerelle::model::{EventKind, PartialDate};
use passerelle::pipeline;
use passerelle::query::{self, Filter};
use passerelle::store::Store;

fn bench_docs() -> usize {
    std::env::var("PASSERELLE_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn bench(c: &mut Criterion) {
    let docs = bench_docs();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("corpus");
    let report = generator::generate(&GenOptions {
        docs,
        out: out.clone(),
        seed: 1,
    })
    .expect("generate corpus");
    let (files, _) = corpus::discover(std::slice::from_ref(&out)).expect("discover");

    let mut group = c.benchmark_group(format!("pipeline_{docs}_docs"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(report.bytes));

    group.bench_function("read_decode_all_cores", |b| {
        b.iter(|| {
            let docs: Vec<_> = files
                .par_iter()
                .filter_map(|f| corpus::read_document(&f.path).ok())
                .collect();
            black_box(docs.len())
        });
    });

    let extractor = Extractor::new().expect("extractor");
    let source = CorpusSource::Paths(vec![out.clone()]);
    group.bench_function("pipeline_load_all_cores", |b| {
        b.iter(|| black_box(pipeline::load(&source, &extractor).map(|s| s.docs().len())));
    });

    let analysed = generator::analysed_corpus(docs, 1);
    group.bench_function("store_build_annotated", |b| {
        b.iter_batched(
            || analysed.clone(),
            |docs| black_box(Store::build(docs, Vec::new()).entities().len()),
            BatchSize::LargeInput,
        );
    });
    group.finish();

    let store = Store::build(analysed, Vec::new());
    let top = store
        .entities()
        .iter()
        .max_by_key(|e| e.mention_count)
        .map(|e| e.canonical.clone())
        .unwrap_or_default();
    let filters: Vec<(&str, Filter)> = vec![
        ("empty", Filter::default()),
        (
            "text_word",
            Filter {
                text: "moscou".into(),
                ..Filter::default()
            },
        ),
        (
            "text_one_letter_prefix",
            Filter {
                text: "d".into(),
                ..Filter::default()
            },
        ),
        (
            "text_exact_phrase",
            Filter {
                text: "\"région de Sverdlovsk\"".into(),
                ..Filter::default()
            },
        ),
        (
            "entity",
            Filter {
                entities: vec![top],
                ..Filter::default()
            },
        ),
        (
            "kind",
            Filter {
                kinds: vec![EventKind::Delegation],
                ..Filter::default()
            },
        ),
        (
            "date_brush",
            Filter {
                from: PartialDate::parse_iso("2015-03"),
                to: PartialDate::parse_iso("2016-06"),
                ..Filter::default()
            },
        ),
    ];
    let mut group = c.benchmark_group(format!("query_{docs}_docs"));
    for (name, filter) in &filters {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(query::run(&store, filter).docs.len()));
        });
    }
    group.finish();
    drop(dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
