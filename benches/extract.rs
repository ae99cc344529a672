//! Extraction throughput on one core (MB/s): the bundled articles, and 3 500 generated
//! articles (≈ 10.7 MB, the "at least 10 MB").
//! Run with `cargo bench --bench extract`.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

/// The allocator the `passerelle` binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use passerelle::corpus;
use passerelle::extract::Extractor;
use passerelle::model::Document;

/// Benchmarks `Extractor::analyse` on the samples and on 3 500 generated articles.
fn bench(c: &mut Criterion) {
    let extractor = Extractor::new().expect("extractor");
    let samples: Vec<Document> = corpus::bundled_documents();
    let generated: Vec<Document> = (0..3_500)
        .map(|i| passerelle::r#gen::article(7, i).to_analysed().doc)
        .collect();
    let mut group = c.benchmark_group("extract_one_core");
    group.sample_size(10);
    for (name, docs) in [("samples", &samples), ("generated_3500", &generated)] {
        let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for doc in docs.iter() {
                    black_box(extractor.analyse(doc));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
