//! The researcher's corrections as the app holds them: the ordered list (which is also the
//! undo stack), the redo stack, and the sidecar file they are written to after every edit.
//! No egui here; the shell records, undoes and redoes, then rebuilds the store.

use std::path::{Path, PathBuf};

use crate::corpus::CorpusSource;
use crate::corrections::{self, Correction, Corrections};

/// The corrections of the open corpus, with undo and redo.
#[derive(Debug, Default)]
pub struct Edits {
    /// Where they are saved; `None`: kept in memory only (tests, no data folder).
    sidecar: Option<PathBuf>,
    /// The corrections in force, oldest first; undo takes the last one off.
    corrections: Corrections,
    /// Corrections undone, most recent last; any new edit clears it.
    redo: Vec<Correction>,
}

/// What became of a save.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// A corrupt file found in the way was kept under this name.
    pub backup: Option<PathBuf>,
}

impl Edits {
    /// The corrections of `source`, read from its sidecar. A corrupt sidecar gives an empty
    /// list (the load pipeline reports it); it is backed up before the first save.
    pub fn for_source(source: &CorpusSource) -> Self {
        Self::with_sidecar(corrections::sidecar_path(source))
    }

    /// The corrections read from `sidecar` (none when it is missing or unreadable).
    pub fn with_sidecar(sidecar: Option<PathBuf>) -> Self {
        let corrections = sidecar
            .as_deref()
            .and_then(|path| corrections::load(path).ok())
            .unwrap_or_default();
        Self {
            sidecar,
            corrections,
            redo: Vec::new(),
        }
    }

    /// The sidecar file, if any.
    pub fn sidecar(&self) -> Option<&Path> {
        self.sidecar.as_deref()
    }

    /// The corrections in force.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// True when there is a correction to undo.
    pub fn can_undo(&self) -> bool {
        !self.corrections.is_empty()
    }

    /// True when there is a correction to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Adds a correction (and forgets what was undone).
    pub fn record(&mut self, correction: Correction) {
        self.corrections.push(correction);
        self.redo.clear();
    }

    /// Takes the last correction off; returns it.
    pub fn undo(&mut self) -> Option<&Correction> {
        let correction = self.corrections.corrections.pop()?;
        self.redo.push(correction);
        self.redo.last()
    }

    /// Puts the last undone correction back; returns it.
    pub fn redo(&mut self) -> Option<&Correction> {
        let correction = self.redo.pop()?;
        self.corrections.push(correction);
        self.corrections.corrections.last()
    }

    /// Writes the corrections to the sidecar atomically (nothing to do without one).
    pub fn save(&self) -> Result<Saved, String> {
        let Some(path) = &self.sidecar else {
            return Ok(Saved::default());
        };
        corrections::save(path, &self.corrections)
            .map(|backup| Saved { backup })
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corrections::{Anchor, MentionFix};
    use crate::model::EntityKind;

    fn wrong(text: &str) -> Correction {
        Correction::MarkWrong {
            mention: Anchor {
                doc_id: "d".into(),
                text: text.into(),
                start: 0,
                end: text.len(),
            },
            kind: EntityKind::Person,
            fix: MentionFix::NotAnEntity,
        }
    }

    #[test]
    fn undo_redo_and_a_new_edit_clears_redo() {
        let mut edits = Edits::default();
        assert!(!edits.can_undo() && !edits.can_redo());
        edits.record(wrong("a"));
        edits.record(wrong("b"));
        assert_eq!(edits.undo(), Some(&wrong("b")));
        assert!(edits.can_redo());
        assert_eq!(edits.redo(), Some(&wrong("b")));
        assert_eq!(edits.corrections().len(), 2);
        edits.undo();
        edits.record(wrong("c"));
        assert!(!edits.can_redo());
        assert_eq!(
            edits.corrections().corrections,
            vec![wrong("a"), wrong("c")]
        );
        assert_eq!(
            edits.save(),
            Ok(Saved::default()),
            "no sidecar: memory only"
        );
    }

    #[test]
    fn saves_to_and_reads_from_the_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let source = CorpusSource::Paths(vec![dir.path().to_owned()]);
        let mut edits = Edits::for_source(&source);
        edits.record(wrong("a"));
        edits.save().unwrap();
        let again = Edits::for_source(&source);
        assert_eq!(again.corrections().corrections, vec![wrong("a")]);
        assert_eq!(
            again.sidecar(),
            Some(dir.path().join(corrections::SIDECAR_NAME).as_path())
        );
    }
}
