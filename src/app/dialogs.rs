//! File dialogs behind a small trait, so the app uses rfd on a desktop, a path field when no
//! dialog is available (no portal, no zenity), and a fixed path in tests.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this path.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown: ask for a path in the app instead.
    Unavailable,
}

/// Opens file dialogs.
pub trait FileDialogs {
    /// Asks for a folder to open.
    fn pick_folder(&mut self) -> Picked;
    /// Asks where to save, suggesting `file_name`.
    fn save_file(&mut self, file_name: &str) -> Picked;
}

/// Native dialogs through rfd (desktop portal, else zenity).
#[derive(Debug, Default)]
pub struct RfdDialogs {
    unavailable: bool,
}

/// A dialog that returns nothing this fast was never shown.
const TOO_FAST: Duration = Duration::from_millis(250);

impl RfdDialogs {
    fn outcome(&mut self, started: Instant, path: Option<PathBuf>) -> Picked {
        match path {
            Some(p) => Picked::Path(p),
            None if started.elapsed() < TOO_FAST => {
                self.unavailable = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

impl FileDialogs for RfdDialogs {
    fn pick_folder(&mut self) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let started = Instant::now();
        let path = rfd::FileDialog::new().pick_folder();
        self.outcome(started, path)
    }

    fn save_file(&mut self, file_name: &str) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let started = Instant::now();
        let path = rfd::FileDialog::new().set_file_name(file_name).save_file();
        self.outcome(started, path)
    }
}

/// Always answers with the same path (tests), or asks for a path field when `None`.
#[derive(Clone, Debug, Default)]
pub struct FixedDialogs {
    /// The answer.
    pub path: Option<PathBuf>,
}

impl FileDialogs for FixedDialogs {
    fn pick_folder(&mut self) -> Picked {
        self.path.clone().map_or(Picked::Unavailable, Picked::Path)
    }

    fn save_file(&mut self, _file_name: &str) -> Picked {
        self.path.clone().map_or(Picked::Unavailable, Picked::Path)
    }
}
