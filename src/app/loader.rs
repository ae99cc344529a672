//! The background load as the UI sees it: drains [`crate::pipeline::LoadEvent`]s each frame
//! without blocking, keeps the progress numbers for the top bar, and hands back each new
//! store (growing snapshots, then the final one) so the panes fill as documents arrive.

use std::sync::Arc;
use std::sync::mpsc::TryRecvError;
use std::time::Instant;

use crate::corpus::CorpusSource;
use crate::extract::Extractor;
use crate::pipeline::{self, LoadEvent, LoadHandle, LoadProgress};
use crate::store::Store;

/// Where a load stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadStatus {
    /// Still reading.
    Running,
    /// Finished.
    Done,
    /// Stopped by the user.
    Cancelled,
    /// Could not start.
    Failed(String),
}

/// One load of a corpus.
#[derive(Debug)]
pub struct Loader {
    handle: LoadHandle,
    /// What is being loaded.
    pub source: CorpusSource,
    /// The latest numbers.
    pub progress: LoadProgress,
    /// Where it stands.
    pub status: LoadStatus,
    /// When it started.
    pub started: Instant,
    /// Seconds it took, once finished.
    pub load_secs: Option<f64>,
}

impl Loader {
    /// Starts loading `source` on the loader thread, its corrections sidecar applied, the
    /// raw analyses kept (edits rebuild the store from them) and, for folders and files, the
    /// startup cache of the user's cache folder used; `repaint` is called after every event.
    pub fn start(
        source: CorpusSource,
        extractor: Arc<Extractor>,
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let options = pipeline::LoadOptions {
            keep_raw_analyses: true,
            cache_dir: crate::cache::default_cache_dir(),
            ..pipeline::LoadOptions::default()
        }
        .with_corrections_of(&source);
        let handle = pipeline::spawn_load_with(source.clone(), extractor, options, repaint);
        Self {
            handle,
            source,
            progress: LoadProgress::default(),
            status: LoadStatus::Running,
            started: Instant::now(),
            load_secs: None,
        }
    }

    /// True while files are still being read.
    pub fn is_running(&self) -> bool {
        self.status == LoadStatus::Running
    }

    /// Asks the loader to stop.
    pub fn cancel(&self) {
        self.handle.cancel();
    }

    /// Drains pending events; returns the newest store if one arrived.
    pub fn poll(&mut self) -> Option<Arc<Store>> {
        let mut newest = None;
        loop {
            match self.handle.events.try_recv() {
                Ok(LoadEvent::Progress(p)) => self.progress = p,
                Ok(LoadEvent::Warning(_)) => {}
                Ok(LoadEvent::Snapshot(store)) => newest = Some(store),
                Ok(LoadEvent::Done(store)) => {
                    self.finish(LoadStatus::Done);
                    newest = Some(store);
                }
                Ok(LoadEvent::Cancelled(store)) => {
                    self.finish(LoadStatus::Cancelled);
                    newest = Some(store);
                }
                Ok(LoadEvent::Failed(reason)) => self.finish(LoadStatus::Failed(reason)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if self.is_running() {
                        self.finish(LoadStatus::Failed("the loader stopped".to_owned()));
                    }
                    break;
                }
            }
        }
        newest
    }

    fn finish(&mut self, status: LoadStatus) {
        self.status = status;
        self.load_secs = Some(self.started.elapsed().as_secs_f64());
    }

    /// Fraction of bytes (or files) read, 0–1.
    pub fn fraction(&self) -> f32 {
        let p = &self.progress;
        #[allow(clippy::cast_precision_loss)] // a progress bar
        let f = if p.bytes_total > 0 {
            p.bytes_done as f32 / p.bytes_total as f32
        } else if p.files_total > 0 {
            p.files_done as f32 / p.files_total as f32
        } else {
            0.0
        };
        f.clamp(0.0, 1.0)
    }
}
