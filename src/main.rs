//! The `passerelle` command: argument parsing and dispatch to the library; no logic here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use passerelle::corpus::CorpusSource;
use passerelle::extract::Extractor;

/// mimalloc: faster than the system allocator for the many small strings of extraction.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Explore French news articles on Franco-Russian cooperation: people, organisations,
/// places, dates and events, in a desktop app or from the command line.
#[derive(Debug, Parser)]
#[command(name = "passerelle", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Render the app to this PNG file and exit.
    #[arg(long, value_name = "OUT.png", global = true)]
    screenshot: Option<PathBuf>,
    /// Open this document (its id, the file stem) at start.
    #[arg(long, value_name = "DOC_ID", global = true)]
    select: Option<String>,
    /// Window size for --screenshot, e.g. 1280x800.
    #[arg(long, value_name = "WxH", default_value = "1280x800", global = true)]
    size: String,
    /// Presentation mode (full screen, automatic tour), on PATH if given.
    #[arg(long, value_name = "PATH", num_args = 0..=1, global = true)]
    present: Option<Option<PathBuf>>,
    /// The tour to play in presentation mode (a RON file; see README).
    #[arg(long, value_name = "TOUR.ron", global = true)]
    tour: Option<PathBuf>,
    /// Show the map tab beside the timeline at start.
    #[arg(long, global = true)]
    map: bool,
}

/// The presentation-mode flags, for the GUI (read only when it is built).
#[derive(Debug, Default)]
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct DemoArgs {
    present: bool,
    tour: Option<PathBuf>,
    map: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the desktop app on folders and .txt files.
    Open {
        /// Folders (read recursively for *.txt) and files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the analysis of folders and .txt files (the bundled corpus when none is given).
    Extract {
        /// Folders (read recursively for *.txt) and files.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExtractFormat,
        /// Print throughput and peak memory to stderr.
        #[arg(long)]
        stats: bool,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// Use the startup cache in the user's cache folder (analysed documents keyed by
        /// file paths, sizes, times and the extractor version).
        #[arg(long)]
        cache: bool,
        /// Print the raw extraction, without the corrections sidecar
        /// (passerelle-corrections.ron in the corpus folder).
        #[arg(long)]
        no_corrections: bool,
    },
    /// Export the filtered events, documents or entities to a file (CSV, JSON, RON, Markdown,
    /// iCalendar, HTML). Filters combine with AND.
    Export {
        /// Folders (read recursively for *.txt) and files; the bundled corpus when none.
        paths: Vec<PathBuf>,
        /// File format (default: from the --out extension).
        #[arg(long, value_enum)]
        format: Option<passerelle::export::Format>,
        /// File to write (replaced atomically).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// What to list.
        #[arg(long, value_enum, default_value_t = passerelle::export::What::Events)]
        what: passerelle::export::What,
        /// Free text (case and accents ignored; "in quotes" for exact text).
        #[arg(long, value_name = "TEXT")]
        query: Option<String>,
        /// Entity (canonical name or alias) the documents must mention; repeatable.
        #[arg(long, value_name = "NAME")]
        entity: Vec<String>,
        /// Event kind (delegation, visit, forum …); repeatable.
        #[arg(long, value_name = "KIND")]
        kind: Vec<String>,
        /// Events ending on or after this date (2013, 2013-03, 2013-03-02).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Events starting on or before this date (2017, 2017-06, 2017-06-30).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// CSV: start with a UTF-8 byte order mark (for Excel).
        #[arg(long)]
        csv_bom: bool,
        /// CSV: separate cells with ';' (French-locale spreadsheets).
        #[arg(long)]
        csv_semicolon: bool,
        /// Export the raw extraction, without the corrections sidecar
        /// (passerelle-corrections.ron in the corpus folder).
        #[arg(long)]
        no_corrections: bool,
    },
    /// Write a deterministic synthetic corpus (scale tests and benchmarks).
    #[command(hide = true)]
    GenCorpus {
        /// Number of articles.
        #[arg(long, default_value_t = 1000)]
        docs: usize,
        /// Folder to write into.
        #[arg(long)]
        out: PathBuf,
        /// Seed: the same seed writes the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time store building and filter queries (scale benchmarks).
    #[command(hide = true)]
    BenchQuery {
        /// Folders and files to load (with the extractor).
        paths: Vec<PathBuf>,
        /// Instead of loading files, build N generated articles with their known annotations.
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
    },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ExtractFormat {
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("passerelle: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn source_of(paths: Vec<PathBuf>) -> CorpusSource {
    if paths.is_empty() {
        CorpusSource::Bundled
    } else {
        CorpusSource::Paths(paths)
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Extract {
            paths,
            format: ExtractFormat::Json,
            stats,
            pretty,
            cache,
            no_corrections,
        }) => {
            let source = source_of(paths);
            let mut options = if cache {
                passerelle::pipeline::LoadOptions::with_user_cache()
            } else {
                passerelle::pipeline::LoadOptions::default()
            };
            if !no_corrections {
                options = options.with_corrections_of(&source);
            }
            passerelle::cli::extract_with(&source, stats, pretty, &options)
        }
        Some(Command::Export {
            paths,
            format,
            out,
            what,
            query,
            entity,
            kind,
            from,
            to,
            csv_bom,
            csv_semicolon,
            no_corrections,
        }) => passerelle::cli::export(
            &source_of(paths),
            &passerelle::cli::ExportArgs {
                format,
                out,
                what,
                query,
                entities: entity,
                kinds: kind,
                from,
                to,
                csv_bom,
                csv_semicolon,
                no_corrections,
            },
        ),
        Some(Command::GenCorpus { docs, out, seed }) => {
            passerelle::cli::gen_corpus(&passerelle::r#gen::GenOptions { docs, out, seed })
        }
        Some(Command::BenchQuery { paths, synthetic }) => {
            passerelle::cli::bench_query(&source_of(paths), synthetic)
        }
        Some(Command::Open { paths }) => gui(
            CorpusSource::Paths(paths),
            cli.screenshot,
            cli.select,
            &cli.size,
            demo_args(cli.present.is_some(), cli.tour, cli.map),
        ),
        None => {
            let source = match cli.present.clone().flatten() {
                Some(path) => CorpusSource::Paths(vec![path]),
                None => CorpusSource::Bundled,
            };
            let demo = demo_args(cli.present.is_some(), cli.tour, cli.map);
            gui(source, cli.screenshot, cli.select, &cli.size, demo)
        }
    }
}

fn demo_args(present: bool, tour: Option<PathBuf>, map: bool) -> DemoArgs {
    DemoArgs {
        // a tour file implies presentation mode
        present: present || tour.is_some(),
        tour,
        map,
    }
}

#[cfg(feature = "gui")]
fn gui(
    source: CorpusSource,
    screenshot: Option<PathBuf>,
    select: Option<String>,
    size: &str,
    demo: DemoArgs,
) -> anyhow::Result<ExitCode> {
    let size = passerelle::cli::parse_size(size)?;
    let tour = demo
        .tour
        .as_deref()
        .map(passerelle::tour::Tour::load)
        .transpose()?;
    let extractor = Extractor::new()?;
    let shot = passerelle::app::run(passerelle::app::Launch {
        source,
        screenshot,
        select,
        size,
        extractor,
        demo: passerelle::app::DemoLaunch {
            present: demo.present,
            tour,
            map: demo.map,
        },
    })?;
    if let Some(shot) = shot {
        passerelle::cli::report_screenshot(&shot.path, shot.shown_after);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
fn gui(
    _: CorpusSource,
    _: Option<PathBuf>,
    _: Option<String>,
    _: &str,
    _: DemoArgs,
) -> anyhow::Result<ExitCode> {
    let _ = Extractor::new;
    anyhow::bail!(
        "this build has no desktop app (built without the `gui` feature); use `passerelle extract`"
    )
}
