//! Files → documents → analyses → store, on all cores. The CLI calls [`load`]; the GUI calls
//! [`spawn_load`], which runs the same steps on a background thread and reports progress,
//! warnings and growing snapshots of the store over a channel, and can be cancelled.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cache::{self, CacheError, CachedCorpus};
use crate::corpus::{self, CorpusSource, FileEntry, LoadError, LoadWarning};
use crate::corrections::Corrections;
use crate::extract::Extractor;
use crate::model::{AnalysedDoc, Document, NameInterner};
use crate::store::{LinkedDocs, Store};

/// How far a load has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadProgress {
    /// Files read (or skipped) so far.
    pub files_done: usize,
    /// Files to read in all.
    pub files_total: usize,
    /// Bytes read so far.
    pub bytes_done: u64,
    /// Bytes to read in all.
    pub bytes_total: u64,
    /// Warnings so far.
    pub warnings: usize,
}

/// What a background load reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// More files done.
    Progress(LoadProgress),
    /// A file was skipped or damaged.
    Warning(LoadWarning),
    /// The store so far (sent at growing intervals so the UI can fill in).
    Snapshot(Arc<Store>),
    /// Finished: the complete store.
    Done(Arc<Store>),
    /// Stopped by [`LoadHandle::cancel`]: what was loaded until then.
    Cancelled(Arc<Store>),
    /// Could not start (a path does not exist).
    Failed(String),
}

/// A running background load.
#[derive(Debug)]
pub struct LoadHandle {
    /// Events, drained by the UI each frame.
    pub events: Receiver<LoadEvent>,
    cancel: Arc<AtomicBool>,
}

impl LoadHandle {
    /// Asks the loader to stop after the files in flight.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Files handled between two progress reports.
const CHUNK: usize = 256;

/// Snapshots are sent until `1 / SNAPSHOT_UP_TO` of the files are loaded.
const SNAPSHOT_UP_TO: usize = 4;

/// Analyses documents on all cores.
pub fn analyse_all(docs: Vec<Document>, extractor: &Extractor) -> Vec<AnalysedDoc> {
    docs.into_par_iter()
        .map_init(NameInterner::default, |names, doc| {
            analyse(doc, extractor, names)
        })
        .collect()
}

/// One document analysed, its lists compacted ([`AnalysedDoc::compact`]): the analyses of a
/// whole corpus stay in memory.
fn analyse(doc: Document, extractor: &Extractor, names: &mut NameInterner) -> AnalysedDoc {
    let analysis = extractor.analyse_sharing(&doc, names);
    let mut analysed = AnalysedDoc { doc, analysis };
    analysed.compact();
    analysed
}

/// Reads and analyses files on all cores; skipped files become warnings.
fn read_and_analyse(
    files: &[FileEntry],
    extractor: &Extractor,
) -> (Vec<AnalysedDoc>, Vec<LoadWarning>) {
    // one interner per task: names repeated across documents are stored once
    let results: Vec<_> = files
        .par_iter()
        .map_init(
            NameInterner::default,
            |names, file| match corpus::read_document(&file.path) {
                Ok((doc, warning)) => (Some(analyse(doc, extractor, names)), warning),
                Err(warning) => (None, Some(warning)),
            },
        )
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for (doc, warning) in results {
        docs.extend(doc);
        warnings.extend(warning);
    }
    (docs, warnings)
}

/// How a load may use the startup cache ([`crate::cache`]) and the researcher's
/// corrections ([`crate::corrections`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Folder of the startup cache; `None` (the default) reads and analyses every file.
    pub cache_dir: Option<PathBuf>,
    /// Corrections sidecar to apply after extraction and alias merging; `None` (the
    /// default) gives the raw extraction. A missing file is no correction; a corrupt one
    /// is a warning and the raw extraction is used.
    pub corrections: Option<PathBuf>,
    /// Keep the analyses before corrections in the store (the GUI re-applies edited
    /// corrections with [`Store::rebuild_with`]).
    pub keep_raw_analyses: bool,
}

impl LoadOptions {
    /// The cache in the user's cache folder (the GUI's default; see
    /// [`cache::default_cache_dir`]).
    pub fn with_user_cache() -> Self {
        Self {
            cache_dir: cache::default_cache_dir(),
            ..Self::default()
        }
    }

    /// The cache in `cache_dir` (tests pass a temporary folder).
    pub fn with_cache_dir(cache_dir: impl Into<PathBuf>) -> Self {
        Self {
            cache_dir: Some(cache_dir.into()),
            ..Self::default()
        }
    }

    /// These options with the corrections sidecar of `source` applied
    /// ([`crate::corrections::sidecar_path`]).
    #[must_use]
    pub fn with_corrections_of(mut self, source: &CorpusSource) -> Self {
        self.corrections = crate::corrections::sidecar_path(source);
        self
    }
}

/// The last step of every load: the corrections (read once per load) applied to the
/// analysed documents, then the store built.
struct Finisher {
    corrections: Option<Corrections>,
    keep_raw: bool,
}

impl Finisher {
    /// Reads the sidecar named in `options`; a bad one becomes a warning.
    fn new(options: &LoadOptions) -> (Self, Option<LoadWarning>) {
        let (corrections, warning) = match &options.corrections {
            Some(path) => crate::corrections::load_for_pipeline(path),
            None => (None, None),
        };
        let finisher = Self {
            corrections,
            keep_raw: options.keep_raw_analyses,
        };
        (finisher, warning)
    }

    fn build(&self, docs: Vec<AnalysedDoc>, warnings: Vec<LoadWarning>) -> Store {
        self.build_linked(LinkedDocs::new(docs), warnings)
    }

    fn build_linked(&self, linked: LinkedDocs, warnings: Vec<LoadWarning>) -> Store {
        Store::from_linked(linked, warnings, self.corrections.as_ref(), self.keep_raw)
    }
}

/// Loads a whole corpus synchronously (CLI, tests, benches), without the cache.
pub fn load(source: &CorpusSource, extractor: &Extractor) -> Result<Store, LoadError> {
    load_with(source, extractor, &LoadOptions::default())
}

/// [`load`] with options: with a cache folder, a corpus whose files (paths, sizes, times)
/// and extractor version match a cache entry is loaded from it; otherwise it is read and
/// the entry written. An invalid entry becomes a warning and is rebuilt.
pub fn load_with(
    source: &CorpusSource,
    extractor: &Extractor,
    options: &LoadOptions,
) -> Result<Store, LoadError> {
    let (finisher, corrections_warning) = Finisher::new(options);
    match source {
        CorpusSource::Bundled => Ok(finisher.build(
            analyse_all(corpus::bundled_documents(), extractor),
            corrections_warning.into_iter().collect(),
        )),
        CorpusSource::Paths(paths) => {
            let (files, mut warnings) = corpus::discover(paths)?;
            warnings.extend(corrections_warning);
            let Some(cache_dir) = &options.cache_dir else {
                let (docs, more) = read_and_analyse(&files, extractor);
                warnings.extend(more);
                return Ok(finisher.build(docs, warnings));
            };
            let key = cache::corpus_key(&files);
            match lookup_cache(cache_dir, key) {
                CacheLookup::Hit(cached) => {
                    warnings.extend(cached.warnings);
                    return Ok(finisher.build_linked(cached.linked, warnings));
                }
                CacheLookup::Miss(None) => {}
                CacheLookup::Miss(Some(warning)) => warnings.push(warning),
            }
            let (docs, more) = read_and_analyse(&files, extractor);
            let cached = CachedCorpus {
                linked: LinkedDocs::new(docs),
                warnings: more,
            };
            if let Err(e) = cache::write(cache_dir, key, &cached) {
                warnings.push(cache_warning(cache_dir, &e));
            }
            warnings.extend(cached.warnings);
            Ok(finisher.build_linked(cached.linked, warnings))
        }
    }
}

/// What the cache had for a corpus.
enum CacheLookup {
    /// The documents.
    Hit(CachedCorpus),
    /// Nothing usable; a warning when an entry was there but invalid or unreadable.
    Miss(Option<LoadWarning>),
}

fn lookup_cache(cache_dir: &Path, key: u64) -> CacheLookup {
    match cache::read(cache_dir, key) {
        Ok(cached) => CacheLookup::Hit(cached),
        Err(CacheError::Missing) => CacheLookup::Miss(None),
        Err(e) => CacheLookup::Miss(Some(cache_warning(cache_dir, &e))),
    }
}

fn cache_warning(cache_dir: &Path, error: &CacheError) -> LoadWarning {
    LoadWarning {
        path: cache_dir.to_owned(),
        message: format!("startup cache: {error}"),
    }
}

/// Starts loading on a background thread, without the cache. `notify` is called after
/// each event is sent (the GUI passes `ctx.request_repaint`).
pub fn spawn_load(
    source: CorpusSource,
    extractor: Arc<Extractor>,
    notify: impl Fn() + Send + 'static,
) -> LoadHandle {
    spawn_load_with(source, extractor, LoadOptions::default(), notify)
}

/// [`spawn_load`] with options (the GUI passes [`LoadOptions::with_user_cache`]): a cache
/// hit sends the complete store at once; a miss loads as usual and writes the cache.
pub fn spawn_load_with(
    source: CorpusSource,
    extractor: Arc<Extractor>,
    options: LoadOptions,
    notify: impl Fn() + Send + 'static,
) -> LoadHandle {
    let (sender, events) = channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let spawned = std::thread::Builder::new()
        .name("corpus-loader".into())
        .spawn(move || {
            let send = |event| {
                let sent = sender.send(event).is_ok();
                notify();
                sent
            };
            run_load(&source, &extractor, &options, &flag, send);
        });
    if let Err(e) = spawned {
        let (sender, events) = channel();
        let _ = sender.send(LoadEvent::Failed(format!(
            "cannot start the loader thread: {e}"
        )));
        return LoadHandle { events, cancel };
    }
    LoadHandle { events, cancel }
}

fn run_load(
    source: &CorpusSource,
    extractor: &Extractor,
    options: &LoadOptions,
    cancel: &AtomicBool,
    send: impl Fn(LoadEvent) -> bool,
) {
    let (finisher, corrections_warning) = Finisher::new(options);
    if let Some(warning) = &corrections_warning {
        send(LoadEvent::Warning(warning.clone()));
    }
    let (files, mut warnings) = match source {
        CorpusSource::Bundled => {
            let docs = analyse_all(corpus::bundled_documents(), extractor);
            let bytes = docs.iter().map(|d| d.doc.file_bytes).sum();
            let files = docs.len();
            send(LoadEvent::Progress(LoadProgress {
                files_done: files,
                files_total: files,
                bytes_done: bytes,
                bytes_total: bytes,
                warnings: usize::from(corrections_warning.is_some()),
            }));
            let warnings = corrections_warning.into_iter().collect();
            send(LoadEvent::Done(Arc::new(finisher.build(docs, warnings))));
            return;
        }
        CorpusSource::Paths(paths) => match corpus::discover(paths) {
            Ok(found) => found,
            Err(e) => {
                send(LoadEvent::Failed(e.to_string()));
                return;
            }
        },
    };
    // sent above already; added to each store built below, not to the cached warnings
    let build_linked = |linked, mut more: Vec<LoadWarning>| {
        more.splice(0..0, corrections_warning.iter().cloned());
        Arc::new(finisher.build_linked(linked, more))
    };
    let build = |docs, more| build_linked(LinkedDocs::new(docs), more);
    let cache_key = options
        .cache_dir
        .as_ref()
        .map(|dir| (dir, cache::corpus_key(&files)));
    if let Some((dir, key)) = cache_key {
        match lookup_cache(dir, key) {
            CacheLookup::Hit(cached) => {
                warnings.extend(cached.warnings);
                for warning in &warnings {
                    send(LoadEvent::Warning(warning.clone()));
                }
                let bytes_total = files.iter().map(|f| f.bytes).sum();
                send(LoadEvent::Progress(LoadProgress {
                    files_done: files.len(),
                    files_total: files.len(),
                    bytes_done: bytes_total,
                    bytes_total,
                    warnings: warnings.len(),
                }));
                send(LoadEvent::Done(build_linked(cached.linked, warnings)));
                return;
            }
            CacheLookup::Miss(None) => {}
            CacheLookup::Miss(Some(warning)) => warnings.push(warning),
        }
    }
    for warning in &warnings {
        send(LoadEvent::Warning(warning.clone()));
    }
    let discover_warnings = warnings.len();
    let mut progress = LoadProgress {
        files_total: files.len(),
        bytes_total: files.iter().map(|f| f.bytes).sum(),
        warnings: warnings.len(),
        ..LoadProgress::default()
    };
    send(LoadEvent::Progress(progress));
    // room for every file at once: growing by doubling would hold two copies at the switch
    let mut docs: Vec<AnalysedDoc> = Vec::with_capacity(files.len());
    let mut last_snapshot_len = 0;
    let mut last_snapshot_at = Instant::now();
    for chunk in files.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            send(LoadEvent::Cancelled(build(docs, warnings)));
            return;
        }
        let (chunk_docs, chunk_warnings) = read_and_analyse(chunk, extractor);
        for warning in &chunk_warnings {
            send(LoadEvent::Warning(warning.clone()));
        }
        warnings.extend(chunk_warnings);
        docs.extend(chunk_docs);
        progress.files_done += chunk.len();
        progress.bytes_done += chunk.iter().map(|f| f.bytes).sum::<u64>();
        progress.warnings = warnings.len();
        if !send(LoadEvent::Progress(progress)) {
            return; // nobody listens any more
        }
        // Snapshots at doubling sizes keep the total copying linear; none past a quarter of
        // the corpus, where a copy costs memory and time the rest of the load needs more
        // (each snapshot clones the documents so far).
        let is_due = docs.len() >= 2 * last_snapshot_len.max(CHUNK / 2)
            && docs.len() * SNAPSHOT_UP_TO <= progress.files_total
            && last_snapshot_at.elapsed() > Duration::from_millis(200);
        if is_due && progress.files_done < progress.files_total {
            last_snapshot_len = docs.len();
            last_snapshot_at = Instant::now();
            send(LoadEvent::Snapshot(build(docs.clone(), warnings.clone())));
        }
    }
    if let Some((dir, key)) = cache_key {
        let cached = CachedCorpus {
            linked: LinkedDocs::new(docs),
            warnings: warnings.split_off(discover_warnings.min(warnings.len())),
        };
        if let Err(e) = cache::write(dir, key, &cached) {
            let warning = cache_warning(dir, &e);
            send(LoadEvent::Warning(warning.clone()));
            warnings.push(warning);
        }
        warnings.extend(cached.warnings);
        send(LoadEvent::Done(build_linked(cached.linked, warnings)));
        return;
    }
    send(LoadEvent::Done(build(docs, warnings)));
}
