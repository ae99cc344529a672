//! Extraction throughput (MB/s on one core). Filled in by the extraction work (issue 4).
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(_c: &mut Criterion) {}

criterion_group!(benches, bench);
criterion_main!(benches);
