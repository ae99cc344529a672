//! What the subcommands do, as library calls the binary dispatches to. Only this module
//! prints to stdout.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::contract::ExtractOutput;
use crate::corpus::CorpusSource;
use crate::extract::Extractor;
use crate::pipeline;

/// `passerelle extract`: loads, analyses and prints the contract JSON. Skipped files are
/// reported on stderr; the exit code is non-zero only when files were found and none could
/// be read.
pub fn extract(source: &CorpusSource, stats: bool, pretty: bool) -> anyhow::Result<ExitCode> {
    extract_with(source, stats, pretty, &pipeline::LoadOptions::default())
}

/// [`extract`] with load options (`--cache` passes the user's cache folder).
pub fn extract_with(
    source: &CorpusSource,
    stats: bool,
    pretty: bool,
    options: &pipeline::LoadOptions,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let cpu_at_start = cpu_secs();
    let extractor = Extractor::new()?;
    let store = pipeline::load_with(source, &extractor, options)?;
    let load_secs = started.elapsed().as_secs_f64();
    let load_cpu_secs = cpu_secs().zip(cpu_at_start).map(|(end, start)| end - start);
    report_warnings(&store, options);
    let output = ExtractOutput::streamed(&store);
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    if pretty {
        serde_json::to_writer_pretty(&mut out, &output)
    } else {
        serde_json::to_writer(&mut out, &output)
    }
    .context("writing JSON to stdout")?;
    writeln!(out).context("writing to stdout")?;
    out.flush().context("writing to stdout")?;
    if stats {
        let megabytes = store.total_bytes() as f64 / 1e6;
        eprintln!(
            "passerelle: {} documents, {:.1} MB in {:.3} s ({:.1} MB/s), peak RSS {}",
            store.docs().len(),
            megabytes,
            load_secs,
            megabytes / load_secs.max(1e-9),
            peak_rss().map_or_else(
                || "unknown".to_owned(),
                |kb| format!("{:.1} MB", kb as f64 / 1e3)
            ),
        );
        if let Some(cpu) = load_cpu_secs {
            eprintln!(
                "passerelle: load used {cpu:.2} s of CPU (user+sys) on {} cores: {:.1} MB per CPU-second",
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
                megabytes / cpu.max(1e-9),
            );
        }
    }
    let nothing_read = store.docs().is_empty() && !store.warnings().is_empty();
    if nothing_read {
        eprintln!("passerelle: no file could be read");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the load warnings and the corrections that could not be applied on stderr.
fn report_warnings(store: &crate::store::Store, options: &pipeline::LoadOptions) {
    for warning in store.warnings() {
        eprintln!("passerelle: warning: {warning}");
    }
    let sidecar = options
        .corrections
        .as_ref()
        .map_or_else(String::new, |path| format!("{}: ", path.display()));
    for orphan in &store.correction_report().orphaned {
        eprintln!("passerelle: warning: {sidecar}{orphan}");
    }
}

/// The options of `passerelle export` (see `DESIGN.md`).
#[derive(Clone, Debug, Default)]
pub struct ExportArgs {
    /// File format; `None`: from the extension of `out`.
    pub format: Option<crate::export::Format>,
    /// File to write.
    pub out: std::path::PathBuf,
    /// What to list.
    pub what: crate::export::What,
    /// Free-text query.
    pub query: Option<String>,
    /// Entities (canonical names or aliases).
    pub entities: Vec<String>,
    /// Event kinds, as typed (`delegation`, `trade-mission` …).
    pub kinds: Vec<String>,
    /// Start of the date range, as typed (`2013`, `2017-06`, `2017-06-30`).
    pub from: Option<String>,
    /// End of the date range, as typed.
    pub to: Option<String>,
    /// CSV: UTF-8 byte order mark.
    pub csv_bom: bool,
    /// CSV: `;` separator.
    pub csv_semicolon: bool,
    /// Export the raw extraction, without the corrections sidecar.
    pub no_corrections: bool,
}

/// The query filter an `export` command line asks for; a bad kind or date is an error.
pub fn export_filter(args: &ExportArgs) -> anyhow::Result<crate::query::Filter> {
    use crate::model::{EventKind, PartialDate};
    let kinds = args
        .kinds
        .iter()
        .flat_map(|k| k.split(','))
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            EventKind::from_code(k).with_context(|| {
                let known: Vec<&str> = EventKind::ALL.iter().map(|k| k.code()).collect();
                format!(
                    "--kind {k:?}: unknown event kind; expected one of {}",
                    known.join(", ")
                )
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let date = |flag: &str, text: &Option<String>| -> anyhow::Result<Option<PartialDate>> {
        let Some(text) = text else {
            return Ok(None);
        };
        let date = PartialDate::parse_iso(text).filter(|d| d.year.is_some());
        date.map(Some).with_context(|| {
            format!("{flag} {text:?}: not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        })
    };
    let from = date("--from", &args.from)?;
    let to = date("--to", &args.to)?;
    if let (Some(from_day), Some(to_day)) = (
        from.and_then(|d| d.first_day()),
        to.and_then(|d| d.last_day()),
    ) {
        anyhow::ensure!(
            from_day <= to_day,
            "--from {} is after --to {}",
            args.from.as_deref().unwrap_or_default(),
            args.to.as_deref().unwrap_or_default()
        );
    }
    Ok(crate::query::Filter {
        text: args.query.clone().unwrap_or_default(),
        entities: args
            .entities
            .iter()
            .filter(|e| !e.trim().is_empty())
            .cloned()
            .collect(),
        kinds,
        from,
        to,
    })
}

/// `passerelle export`: loads, filters, writes the file atomically and prints one summary
/// line on stderr. Bad options fail before anything is loaded.
pub fn export(source: &CorpusSource, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    use crate::export::{ExportOptions, Format, export_to_file};
    let format = match args.format {
        Some(format) => format,
        None => Format::from_path(&args.out).with_context(|| {
            format!(
                "{}: cannot tell the format from the extension; use --format csv|json|ron|md|ics|html",
                args.out.display()
            )
        })?,
    };
    let filter = export_filter(args)?;
    let extractor = Extractor::new()?;
    let mut options = pipeline::LoadOptions::default();
    if !args.no_corrections {
        options = options.with_corrections_of(source);
    }
    let store = pipeline::load_with(source, &extractor, &options)?;
    report_warnings(&store, &options);
    let result = crate::query::run(&store, &filter);
    let options = ExportOptions {
        format,
        what: args.what,
        csv_bom: args.csv_bom,
        csv_semicolon: args.csv_semicolon,
    };
    let summary = export_to_file(&store, &result, &options, &args.out)?;
    let skipped = if summary.skipped > 0 {
        format!(" ({} undated or year-less events skipped)", summary.skipped)
    } else {
        String::new()
    };
    eprintln!(
        "passerelle: exported {} {} to {}{skipped}",
        summary.rows,
        args.what,
        summary.path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `passerelle gen-corpus` (hidden): writes a deterministic synthetic corpus.
pub fn gen_corpus(options: &crate::r#gen::GenOptions) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let report = crate::r#gen::generate(options)
        .with_context(|| format!("generating a corpus in {}", options.out.display()))?;
    eprintln!(
        "passerelle: wrote {} files, {:.1} MB, to {} in {:.2} s",
        report.files,
        report.bytes as f64 / 1e6,
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// After `--screenshot`: where the PNG went and how long the corpus took to show.
pub fn report_screenshot(path: &std::path::Path, shown_after: std::time::Duration) {
    eprintln!(
        "passerelle: corpus shown {:.2} s after the window opened; screenshot written to {}",
        shown_after.as_secs_f64(),
        path.display()
    );
}

/// `passerelle bench-query` (hidden): loads a corpus (or builds `synthetic` generated
/// articles with their known annotations), then times the filters a researcher changes.
pub fn bench_query(source: &CorpusSource, synthetic: Option<usize>) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let store = if let Some(docs) = synthetic {
        let analysed = crate::r#gen::analysed_corpus(docs, 1);
        let generated_secs = started.elapsed().as_secs_f64();
        let built = Instant::now();
        let store = crate::store::Store::build(analysed, Vec::new());
        eprintln!(
            "passerelle: generated {docs} annotated articles in {generated_secs:.2} s, store built in {:.3} s",
            built.elapsed().as_secs_f64()
        );
        store
    } else {
        let extractor = Extractor::new()?;
        pipeline::load(source, &extractor)?
    };
    let mentions: usize = store.docs().iter().map(|d| d.analysis.mentions.len()).sum();
    eprintln!(
        "passerelle: {} documents, {:.1} MB, {} mentions, {} entities, {} events, loaded in {:.2} s, peak RSS {}",
        store.docs().len(),
        store.total_bytes() as f64 / 1e6,
        mentions,
        store.entities().len(),
        store.events().len(),
        started.elapsed().as_secs_f64(),
        peak_rss().map_or_else(
            || "unknown".to_owned(),
            |kb| format!("{:.1} MB", kb as f64 / 1e3)
        ),
    );
    for timing in crate::r#gen::bench::time_queries(&store, 7) {
        eprintln!(
            "  {:<58} best {:>8.3} ms  median {:>8.3} ms  ({} docs, {} events, {} entities)",
            timing.label,
            timing.best.as_secs_f64() * 1e3,
            timing.median.as_secs_f64() * 1e3,
            timing.docs,
            timing.events,
            timing.entities
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// CPU time (user + system) this process has used so far, in seconds (Linux), if known.
pub fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name (which may hold spaces) start at state (field 3)
    let rest = stat.rsplit_once(')')?.1;
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0) // clock ticks; USER_HZ is 100 on Linux
}

/// Peak resident memory of this process in kB (Linux), if known.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Parses `1280x800`.
pub fn parse_size(text: &str) -> anyhow::Result<[f32; 2]> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .with_context(|| format!("--size {text:?}: expected WIDTHxHEIGHT, e.g. 1280x800"))?;
    let parse = |s: &str| -> anyhow::Result<f32> {
        let v: u32 = s
            .trim()
            .parse()
            .with_context(|| format!("--size {text:?}: {s:?} is not a whole number"))?;
        anyhow::ensure!(
            (200..=8192).contains(&v),
            "--size {text:?}: {v} is outside 200..=8192"
        );
        Ok(v as f32)
    };
    Ok([parse(w)?, parse(h)?])
}
