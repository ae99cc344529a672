//! `--screenshot OUT.png`: once the corpus is loaded (the time since the window opened is
//! kept) and the layout has settled, asks the viewport for its pixels, writes them as PNG and
//! closes the window. The outcome is shared with [`super::run`] so the
//! command exits non-zero when the PNG could not be written.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames drawn after the corpus is ready before the picture is taken (tables and panels
/// size themselves over the first frames).
const SETTLE_FRAMES: u32 = 6;
/// Give up after this long.
const TIMEOUT: Duration = Duration::from_secs(120);

/// What happened: `None` while pending.
pub type Outcome = Arc<Mutex<Option<Result<Shot, String>>>>;

/// A screenshot taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shot {
    /// The PNG written.
    pub path: PathBuf,
    /// From the window opening to the first frame drawn with the whole corpus (what a
    /// start is timed by).
    pub shown_after: Duration,
}

/// A screenshot to take.
#[derive(Debug)]
pub struct ScreenshotJob {
    path: PathBuf,
    settled: u32,
    requested: bool,
    started: Instant,
    shown_after: Duration,
    /// Shared with the caller of [`super::run`].
    pub outcome: Outcome,
}

impl ScreenshotJob {
    /// A job writing to `path`.
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        Self {
            path,
            settled: 0,
            requested: false,
            started: Instant::now(),
            shown_after: Duration::ZERO,
            outcome,
        }
    }

    /// Called every frame; `is_ready` once the corpus is loaded and the selection applied.
    pub fn tick(&mut self, ctx: &egui::Context, is_ready: bool) {
        let is_done = self.outcome.lock().map(|o| o.is_some()).unwrap_or(true);
        if is_done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.started.elapsed() > TIMEOUT {
            set(
                &self.outcome,
                Err("timed out waiting for the corpus".to_owned()),
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if !is_ready {
            // no busy rendering while the loader works
            ctx.request_repaint_after(super::shell::LOADING_REPAINT);
            return;
        }
        ctx.request_repaint();
        if self.requested {
            return;
        }
        if self.settled == 0 {
            self.shown_after = self.started.elapsed();
        }
        self.settled += 1;
        if self.settled < SETTLE_FRAMES {
            return;
        }
        self.requested = true;
        let (path, outcome, repaint) = (self.path.clone(), Arc::clone(&self.outcome), ctx.clone());
        let shown_after = self.shown_after;
        ctx.request_screenshot(move |image| {
            let result = save_png(&image, &path).map(|()| Shot { path, shown_after });
            set(&outcome, result);
            repaint.request_repaint();
        });
    }
}

fn set(outcome: &Outcome, value: Result<Shot, String>) {
    if let Ok(mut slot) = outcome.lock() {
        *slot = Some(value);
    }
}

/// Writes an egui image as an RGBA PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("image too large".to_owned());
    };
    let buffer = image::RgbaImage::from_raw(w, h, bytes)
        .ok_or_else(|| "screenshot buffer has the wrong size".to_owned())?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("writing {}: {e}", path.display()))
}
