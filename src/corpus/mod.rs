//! Reading a corpus: walking folders for `*.txt`, decoding, and marking page furniture.
//! Bad files become warnings naming the file; only a path that does not exist is an error.

pub mod decode;
pub mod meta;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::Document;

/// A file that was skipped or read with damage; the load goes on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoadWarning {
    /// The file (or folder) concerned.
    pub path: PathBuf,
    /// What happened, in one line.
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Why a load could not start.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given by the user does not exist or cannot be read.
    #[error("{}: {reason}", path.display())]
    Path {
        /// The path.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Files larger than this are read only up to it (with a warning).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The sample articles bundled in the binary: (file name, text).
pub const BUNDLED: [(&str, &str); 5] = [
    (
        "000_d03f25c32cd63373.txt",
        include_str!("../../assets/corpus/000_d03f25c32cd63373.txt"),
    ),
    (
        "001_7ce66f507295f71f.txt",
        include_str!("../../assets/corpus/001_7ce66f507295f71f.txt"),
    ),
    (
        "002_e80b6e8af8c7752b.txt",
        include_str!("../../assets/corpus/002_e80b6e8af8c7752b.txt"),
    ),
    (
        "003_33f6b91dc8db4b29.txt",
        include_str!("../../assets/corpus/003_33f6b91dc8db4b29.txt"),
    ),
    (
        "004_0d77bddd95f8884d.txt",
        include_str!("../../assets/corpus/004_0d77bddd95f8884d.txt"),
    ),
];

/// Where the bundled articles appear to come from (their `path` in outputs).
pub const BUNDLED_DIR: &str = "assets/corpus";

/// What to load: the bundled sample corpus or files and folders on disk.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CorpusSource {
    /// The five sample articles embedded in the binary.
    Bundled,
    /// Folders (read recursively for `*.txt`) and files.
    Paths(Vec<PathBuf>),
}

impl CorpusSource {
    /// A short name for display: "corpus d'exemple" or the first folder's name.
    pub fn label(&self) -> String {
        match self {
            CorpusSource::Bundled => "assets/corpus".to_owned(),
            CorpusSource::Paths(paths) => match paths.as_slice() {
                [one] => one.display().to_string(),
                [first, ..] => format!("{} (+{})", first.display(), paths.len() - 1),
                [] => String::new(),
            },
        }
    }
}

/// One file to read: its path and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    /// The path.
    pub path: PathBuf,
    /// Its size in bytes (0 if unknown).
    pub bytes: u64,
    /// When it was last modified, if the system tells (keys the startup cache).
    pub modified: Option<std::time::SystemTime>,
}

impl FileEntry {
    /// An entry from the file's metadata.
    pub fn new(path: PathBuf, meta: &std::fs::Metadata) -> Self {
        Self {
            path,
            bytes: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Lists the files to read: each folder recursively for `*.txt` (sorted, symlink loops
/// and unreadable folders reported as warnings), each file as given.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<FileEntry>, Vec<LoadWarning>), LoadError> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| LoadError::Path {
            path: path.clone(),
            reason: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or folder".to_owned()
            } else {
                e.to_string()
            },
        })?;
        if meta.is_dir() {
            let mut visited = Vec::new();
            walk(path, &mut visited, &mut files, &mut warnings);
        } else if meta.is_file() {
            files.push(FileEntry::new(path.clone(), &meta));
        } else {
            warnings.push(LoadWarning {
                path: path.clone(),
                message: "skipped: not a regular file".to_owned(),
            });
        }
    }
    Ok((files, warnings))
}

fn walk(
    dir: &Path,
    visited: &mut Vec<PathBuf>,
    files: &mut Vec<FileEntry>,
    warnings: &mut Vec<LoadWarning>,
) {
    let real = match std::fs::canonicalize(dir) {
        Ok(real) => real,
        Err(e) => {
            warnings.push(LoadWarning {
                path: dir.to_owned(),
                message: format!("folder skipped: {e}"),
            });
            return;
        }
    };
    if visited.contains(&real) {
        warnings.push(LoadWarning {
            path: dir.to_owned(),
            message: "folder skipped: symbolic link loop".to_owned(),
        });
        return;
    }
    visited.push(real);
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(LoadWarning {
                path: dir.to_owned(),
                message: format!("folder skipped: {e}"),
            });
            visited.pop();
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    // one `stat` per entry, on all cores (a folder may hold 100 000 files)
    let children: Vec<_> = children
        .into_par_iter()
        .map(|child| {
            let meta = std::fs::metadata(&child);
            (child, meta)
        })
        .collect();
    for (child, meta) in children {
        match meta {
            Ok(meta) if meta.is_dir() => walk(&child, visited, files, warnings),
            Ok(meta) => {
                let is_txt = child
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"));
                if is_txt && meta.is_file() {
                    files.push(FileEntry::new(child, &meta));
                } else if is_txt {
                    warnings.push(LoadWarning {
                        path: child,
                        message: "skipped: not a regular file".to_owned(),
                    });
                }
            }
            Err(e) => warnings.push(LoadWarning {
                path: child,
                message: format!("skipped: {e}"),
            }),
        }
    }
    visited.pop();
}

/// Reads and decodes one file into a [`Document`]. `Err` is a warning: the file is skipped.
pub fn read_document(path: &Path) -> Result<(Document, Option<LoadWarning>), LoadWarning> {
    use std::io::Read;
    let warn = |message: String| LoadWarning {
        path: path.to_owned(),
        message,
    };
    // a FIFO or device named .txt would block or never end: it is opened without waiting
    // (on Unix), and only a regular file is read
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let cannot_open = |e: std::io::Error| warn(format!("skipped: cannot open: {e}"));
    let file = options.open(path).map_err(cannot_open)?;
    let meta = file.metadata().map_err(cannot_open)?;
    if !meta.is_file() {
        return Err(warn("skipped: not a regular file".to_owned()));
    }
    let file_bytes = meta.len();
    let mut bytes =
        Vec::with_capacity(usize::try_from(file_bytes.min(MAX_FILE_BYTES)).unwrap_or(0));
    file.take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| warn(format!("skipped: cannot read: {e}")))?;
    let truncated = file_bytes > MAX_FILE_BYTES;
    let (doc, mut warning) = document_from_vec(path, bytes, file_bytes)?;
    if truncated {
        warning = Some(warn(format!(
            "read only the first {} MB of {} MB",
            MAX_FILE_BYTES >> 20,
            file_bytes >> 20
        )));
    }
    Ok((doc, warning))
}

/// Builds a [`Document`] from a file's bytes (the bundled corpus and tests use this directly).
pub fn document_from_bytes(
    path: &Path,
    bytes: &[u8],
    file_bytes: u64,
) -> Result<(Document, Option<LoadWarning>), LoadWarning> {
    ensure_not_empty(path, bytes)?;
    let decoded = decode::decode(bytes).map_err(|e| skipped(path, &e))?;
    document_from_decoded(path, decoded, file_bytes)
}

/// [`document_from_bytes`] for bytes the caller owns (no copy of valid UTF-8).
fn document_from_vec(
    path: &Path,
    bytes: Vec<u8>,
    file_bytes: u64,
) -> Result<(Document, Option<LoadWarning>), LoadWarning> {
    ensure_not_empty(path, &bytes)?;
    let decoded = decode::decode_owned(bytes).map_err(|e| skipped(path, &e))?;
    document_from_decoded(path, decoded, file_bytes)
}

/// A file of nothing but white space is skipped.
fn ensure_not_empty(path: &Path, bytes: &[u8]) -> Result<(), LoadWarning> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadWarning {
            path: path.to_owned(),
            message: "skipped: empty file".to_owned(),
        });
    }
    Ok(())
}

/// The warning for a file that cannot be decoded.
fn skipped(path: &Path, error: &impl std::fmt::Display) -> LoadWarning {
    LoadWarning {
        path: path.to_owned(),
        message: format!("skipped: {error}"),
    }
}

fn document_from_decoded(
    path: &Path,
    decoded: decode::Decoded,
    file_bytes: u64,
) -> Result<(Document, Option<LoadWarning>), LoadWarning> {
    let warn = |message: String| LoadWarning {
        path: path.to_owned(),
        message,
    };
    let warning = decoded.had_errors.then(|| {
        warn(format!(
            "invalid {} bytes replaced with U+FFFD",
            decoded.encoding
        ))
    });
    let page = meta::analyse_page(&decoded.text);
    let doc_id = path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let title = if page.title.is_empty() {
        doc_id.clone()
    } else {
        page.title
    };
    Ok((
        Document {
            doc_id,
            path: path.to_owned(),
            title,
            pub_date: page.pub_date,
            body: decoded.text,
            regions: page.regions,
            source: page.source,
            source_span: page.source_span,
            encoding: decoded.encoding.to_owned(),
            file_bytes,
        },
        warning,
    ))
}

/// The bundled sample articles as documents (path `assets/corpus/NAME`).
pub fn bundled_documents() -> Vec<Document> {
    BUNDLED
        .iter()
        .filter_map(|(name, text)| {
            let path = Path::new(BUNDLED_DIR).join(name);
            document_from_bytes(&path, text.as_bytes(), text.len() as u64)
                .ok()
                .map(|(doc, _)| doc)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_loads_with_ids_and_dates() {
        let docs = bundled_documents();
        assert_eq!(docs.len(), 5);
        assert_eq!(
            docs[1].pub_date.map(|d| d.to_iso()).as_deref(),
            Some("2013-03-02")
        );
        assert_eq!(
            docs[3].pub_date.map(|d| d.to_iso()).as_deref(),
            Some("2017-08")
        );
        assert!(docs.iter().all(|d| !d.title.is_empty()));
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let err = discover(&[PathBuf::from("/no/such/folder")]).unwrap_err();
        assert!(err.to_string().contains("/no/such/folder"), "{err}");
    }

    #[test]
    fn empty_file_is_a_warning() {
        let err = document_from_bytes(Path::new("x.txt"), b"  \n", 3).unwrap_err();
        assert!(err.message.contains("empty"));
    }
}
