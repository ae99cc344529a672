//! The sidecar file: where it lives for a corpus, reading it (a missing file is no edit, a
//! corrupt one an error the caller turns into a warning) and writing it atomically, after
//! keeping a corrupt file it would replace as `.bak`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::{CorpusSource, LoadWarning};

use super::Corrections;

/// File name of the sidecar, in the corpus folder.
pub const SIDECAR_NAME: &str = "passerelle-corrections.ron";

/// Why the sidecar could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    /// The file exists but cannot be read.
    #[error("{}: cannot read the corrections file: {reason}", path.display())]
    Read {
        /// The sidecar.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The file is not a valid corrections file.
    #[error("{}: not a valid corrections file ({reason})", path.display())]
    Parse {
        /// The sidecar.
        path: PathBuf,
        /// Where and what, in one line.
        reason: String,
    },
    /// The file cannot be written (nothing was changed on disk).
    #[error("{}: cannot save the corrections: {reason}", path.display())]
    Write {
        /// The sidecar.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

/// The user's data folder for Passerelle: `$XDG_DATA_HOME/passerelle`, else
/// `~/.local/share/passerelle`. The CLI and the GUI use the same folder, so both see the
/// bundled corpus's corrections.
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".local").join("share"))
        })?;
    Some(base.join("passerelle"))
}

/// Where the corrections of a corpus live: inside the (first) folder given, beside the
/// (first) file given, or in [`data_dir`] for the bundled corpus.
pub fn sidecar_path(source: &CorpusSource) -> Option<PathBuf> {
    match source {
        CorpusSource::Bundled => Some(data_dir()?.join(SIDECAR_NAME)),
        CorpusSource::Paths(paths) => {
            let first = paths.first()?;
            if first.is_dir() {
                Some(first.join(SIDECAR_NAME))
            } else {
                let parent = first.parent().filter(|p| !p.as_os_str().is_empty());
                Some(parent.unwrap_or(Path::new(".")).join(SIDECAR_NAME))
            }
        }
    }
}

/// Reads the sidecar; a missing file is an empty set of corrections.
pub fn load(path: &Path) -> Result<Corrections, CorrectionsError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Corrections::default()),
        Err(e) => {
            return Err(CorrectionsError::Read {
                path: path.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    Corrections::from_ron(&text).map_err(|e| CorrectionsError::Parse {
        path: path.to_owned(),
        reason: one_line(&e.to_string()),
    })
}

/// [`load`] for a load pipeline: the corrections to apply (none when the file is missing or
/// bad) and, for a bad file, a one-line warning naming it. The bad file is left as it is.
pub fn load_for_pipeline(path: &Path) -> (Option<Corrections>, Option<LoadWarning>) {
    match load(path) {
        Ok(corrections) if corrections.is_empty() => (None, None),
        Ok(corrections) => (Some(corrections), None),
        Err(e) => {
            let reason = match &e {
                CorrectionsError::Read { reason, .. } => format!("cannot be read ({reason})"),
                CorrectionsError::Parse { reason, .. } => {
                    format!("not a valid corrections file ({reason})")
                }
                CorrectionsError::Write { reason, .. } => reason.clone(),
            };
            let warning = LoadWarning {
                path: path.to_owned(),
                message: format!(
                    "corrections file {reason}; showing the raw extraction (the file is kept)"
                ),
            };
            (None, Some(warning))
        }
    }
}

/// Writes the sidecar atomically (temp file in the same folder, fsync, rename). A file
/// already there that does not parse is first copied to `NAME.bak` (or `NAME.bak.2` …), so
/// a hand-edited file with a typo is never lost. Creates the folder of the bundled corpus's
/// sidecar when needed. Returns the backup made, if any.
pub fn save(path: &Path, corrections: &Corrections) -> Result<Option<PathBuf>, CorrectionsError> {
    let write_error = |reason: String| CorrectionsError::Write {
        path: path.to_owned(),
        reason,
    };
    let text = corrections
        .to_ron()
        .map_err(|e| write_error(e.to_string()))?;
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.exists()
    {
        fs::create_dir_all(folder)
            .map_err(|e| write_error(format!("creating {}: {e}", folder.display())))?;
    }
    let backup = match load(path) {
        Ok(_) => None,
        Err(CorrectionsError::Parse { .. }) => Some(back_up(path).map_err(write_error)?),
        Err(e) => return Err(write_error(e.to_string())),
    };
    crate::export::atomic::write(path, text.as_bytes()).map_err(|e| write_error(e.to_string()))?;
    Ok(backup)
}

/// Copies `path` to the first free `NAME.bak`, `NAME.bak.2` …
fn back_up(path: &Path) -> Result<PathBuf, String> {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    let first = PathBuf::from(name);
    let mut target = first.clone();
    let mut n = 2;
    while target.exists() {
        let mut numbered = first.as_os_str().to_owned();
        numbered.push(format!(".{n}"));
        target = PathBuf::from(numbered);
        n += 1;
    }
    fs::copy(path, &target)
        .map_err(|e| format!("keeping the unreadable file as {}: {e}", target.display()))?;
    Ok(target)
}

/// Joins a multi-line message into one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corrections::{Anchor, Correction, MentionFix};
    use crate::model::EntityKind;

    fn sample() -> Corrections {
        let mut corrections = Corrections::default();
        corrections.push(Correction::MarkWrong {
            mention: Anchor {
                doc_id: "d".into(),
                text: "Lundi".into(),
                start: 0,
                end: 5,
            },
            kind: EntityKind::Person,
            fix: MentionFix::NotAnEntity,
        });
        corrections
    }

    #[test]
    fn missing_file_is_no_correction_and_saving_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SIDECAR_NAME);
        assert!(load(&path).unwrap().is_empty());
        assert_eq!(load_for_pipeline(&path), (None, None));
        assert_eq!(save(&path, &sample()).unwrap(), None);
        assert_eq!(load(&path).unwrap(), sample());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file left");
    }

    #[test]
    fn a_corrupt_file_is_a_one_line_warning_and_is_backed_up_before_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SIDECAR_NAME);
        fs::write(&path, "(corrections: [Rename(oops\n\n").unwrap();
        let (corrections, warning) = load_for_pipeline(&path);
        assert!(corrections.is_none());
        let warning = warning.unwrap().to_string();
        assert!(!warning.contains('\n'), "{warning}");
        assert!(warning.contains(SIDECAR_NAME), "{warning}");
        let backup = save(&path, &sample()).unwrap().unwrap();
        assert!(backup.to_string_lossy().ends_with(".ron.bak"));
        assert_eq!(
            fs::read_to_string(&backup).unwrap(),
            "(corrections: [Rename(oops\n\n"
        );
        assert_eq!(load(&path).unwrap(), sample());
        // a second corrupt file gets its own backup
        fs::write(&path, "garbage").unwrap();
        let second = save(&path, &sample()).unwrap().unwrap();
        assert!(second.to_string_lossy().ends_with(".ron.bak.2"));
        assert_eq!(fs::read_to_string(&backup).unwrap().len(), 28);
    }

    #[test]
    fn sidecar_sits_in_the_corpus_folder_or_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = CorpusSource::Paths(vec![dir.path().to_owned()]);
        assert_eq!(
            sidecar_path(&folder).unwrap(),
            dir.path().join(SIDECAR_NAME)
        );
        let file = dir.path().join("a.txt");
        fs::write(&file, "x").unwrap();
        assert_eq!(
            sidecar_path(&CorpusSource::Paths(vec![file])).unwrap(),
            dir.path().join(SIDECAR_NAME)
        );
        let bundled = sidecar_path(&CorpusSource::Bundled);
        if let Some(path) = bundled {
            assert!(path.ends_with(format!("passerelle/{SIDECAR_NAME}")));
        }
    }

    #[test]
    fn saving_creates_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("b").join(SIDECAR_NAME);
        save(&path, &sample()).unwrap();
        assert_eq!(load(&path).unwrap(), sample());
    }
}
