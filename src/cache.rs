//! The startup cache: analysed documents saved on disk so a warm start skips reading,
//! decoding and extraction. One file per corpus, named by a key that hashes the sorted file
//! paths, sizes and modification times, the extractor version, the crate version and this
//! format's version: any change of files or code gives another key, so a stale file is never
//! looked up. A file whose header, length or checksum does not match, or that does not
//! decode, is reported and rebuilt, never trusted.
//!
//! Layout: magic `PASSERELLE-CACHE`, format (u32 LE), key (u64 LE), payload length (u64 LE),
//! table checksum (u64 LE), then the payload: the number of parts (u64 LE), for each part its
//! length and checksum (u64 LE each: the table), then the parts, each bincode. The last part
//! holds the warnings, the others runs of documents, so that parts are checked and decoded on
//! all cores.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{FileEntry, LoadWarning};
use crate::model::{AnalysedDoc, Analysis, Document, Event, EventKind, Mention, PartialDate, Span};

/// Bumped whenever the payload layout changes.
pub const CACHE_FORMAT: u32 = 2;

/// Entries kept in the cache folder: the most recently used; older ones are deleted after
/// each write (an entry is about twice its corpus, and every file change gives a new key).
pub const KEEP_ENTRIES: usize = 6;

const MAGIC: &[u8; 16] = b"PASSERELLE-CACHE";
const HEADER_LEN: usize = 16 + 4 + 8 + 8 + 8;

/// Documents per part of the payload.
const DOCS_PER_PART: usize = 2_048;

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// No cache file for this key (a first start, or files changed).
    #[error("no cache entry")]
    Missing,
    /// The file exists but is not a valid cache for this key.
    #[error("cache file {} is invalid ({reason}); rebuilding", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Reading or writing failed.
    #[error("cache file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The documents could not be encoded (e.g. a path that is not UTF-8).
    #[error("cannot encode the cache: {0}")]
    Encode(String),
}

/// What the cache holds: the analysed documents before the store is built, and the
/// warnings of the load that produced them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CachedCorpus {
    /// Analysed documents, as read (before cross-document linking).
    pub docs: Vec<AnalysedDoc>,
    /// Warnings of the load.
    pub warnings: Vec<LoadWarning>,
}

/// The user's cache folder for Passerelle: `$XDG_CACHE_HOME/passerelle`, else
/// `$HOME/.cache/passerelle`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".cache"))
        })?;
    Some(base.join("passerelle"))
}

/// The key of a corpus: a hash of the sorted (path, size, mtime) of its files, the
/// extractor version, the crate version and [`CACHE_FORMAT`]. Files whose metadata cannot
/// be read hash as missing, so they change the key too.
pub fn corpus_key(files: &[FileEntry]) -> u64 {
    let mut entries: Vec<(&Path, u64, u128)> = files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            let size = meta.as_ref().map_or(u64::MAX, std::fs::Metadata::len);
            let mtime = meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (f.path.as_path(), size, mtime)
        })
        .collect();
    entries.sort_unstable();
    let mut hash = Hash64::new(0x7061_7373_6572_656c);
    hash.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    hash.u64(u64::from(crate::extract::EXTRACTOR_VERSION));
    hash.u64(u64::from(CACHE_FORMAT));
    for (path, size, mtime) in entries {
        hash.bytes(path.as_os_str().as_encoded_bytes());
        hash.u64(size);
        hash.u64(mtime as u64);
        hash.u64((mtime >> 64) as u64);
    }
    hash.finish()
}

/// The cache file for a key.
pub fn cache_path(cache_dir: &Path, key: u64) -> PathBuf {
    cache_dir.join(format!("corpus-{key:016x}.bin"))
}

/// Reads the cache for `key`: the documents, or why they cannot be used.
pub fn read(cache_dir: &Path, key: u64) -> Result<CachedCorpus, CacheError> {
    let path = cache_path(cache_dir, key);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(CacheError::Missing),
        Err(source) => return Err(CacheError::Io { path, source }),
    };
    let invalid = |reason: &str| CacheError::Invalid {
        path: path.clone(),
        reason: reason.to_owned(),
    };
    let header = bytes
        .get(..HEADER_LEN)
        .ok_or_else(|| invalid("truncated header"))?;
    let (magic, rest) = header.split_at(16);
    if magic != MAGIC {
        return Err(invalid("not a Passerelle cache"));
    }
    let field = |at: usize, len: usize| -> u64 {
        let mut buf = [0u8; 8];
        if let (Some(dst), Some(src)) = (buf.get_mut(..len), rest.get(at..at + len)) {
            dst.copy_from_slice(src);
        }
        u64::from_le_bytes(buf)
    };
    if field(0, 4) != u64::from(CACHE_FORMAT) {
        return Err(invalid("other format version"));
    }
    if field(4, 8) != key {
        return Err(invalid("key mismatch"));
    }
    let payload = bytes.get(HEADER_LEN..).unwrap_or(&[]);
    if field(12, 8) != payload.len() as u64 {
        return Err(invalid("length mismatch (truncated?)"));
    }
    let (table, parts) = split_parts(payload).ok_or_else(|| invalid("bad part table"))?;
    if field(20, 8) != checksum(table) {
        return Err(invalid("checksum mismatch"));
    }
    let decoded: Vec<WireCorpus> = parts
        .into_par_iter()
        .map(|(bytes, sum)| {
            if checksum(bytes) != sum {
                return Err(invalid("checksum mismatch"));
            }
            bincode::deserialize(bytes).map_err(|e| invalid(&format!("does not decode: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let wire = WireCorpus {
        docs: Vec::with_capacity(decoded.iter().map(|w| w.docs.len()).sum()),
        warnings: Vec::new(),
    };
    let wire = decoded.into_iter().fold(wire, |mut all, mut part| {
        all.docs.append(&mut part.docs);
        all.warnings.append(&mut part.warnings);
        all
    });
    // used now: the last entry [`prune`] deletes (best effort: a read-only cache still works)
    if let Ok(file) = std::fs::File::options().write(true).open(&path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
    Ok(wire.into_corpus())
}

/// Deletes all but the [`KEEP_ENTRIES`] most recently used cache files of `cache_dir`
/// (never `keep`). Best effort: a file that cannot be listed or deleted stays.
fn prune(cache_dir: &Path, keep: &Path) {
    let Ok(listing) = std::fs::read_dir(cache_dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = listing
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("corpus-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(_, path)| path != keep)
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (_, path) in entries.iter().skip(KEEP_ENTRIES.saturating_sub(1)) {
        let _ = std::fs::remove_file(path);
    }
}

/// Writes the cache for `key` atomically (a temporary file renamed into place).
pub fn write(cache_dir: &Path, key: u64, corpus: &CachedCorpus) -> Result<(), CacheError> {
    let path = cache_path(cache_dir, key);
    let io = |source| CacheError::Io {
        path: path.clone(),
        source,
    };
    let encode = |wire: WireCorpusRef<'_>| {
        bincode::serialize(&wire).map_err(|e| CacheError::Encode(e.to_string()))
    };
    let mut parts: Vec<Vec<u8>> = corpus
        .docs
        .par_chunks(DOCS_PER_PART)
        .map(|docs| encode(WireCorpusRef::of(docs, &[])))
        .collect::<Result<_, _>>()?;
    parts.push(encode(WireCorpusRef::of(&[], &corpus.warnings))?);
    let table = part_table(&parts);
    let payload_len = table.len() + parts.iter().map(Vec::len).sum::<usize>();
    std::fs::create_dir_all(cache_dir).map_err(io)?;
    let mut file = tempfile::NamedTempFile::new_in(cache_dir).map_err(io)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&CACHE_FORMAT.to_le_bytes());
    header.extend_from_slice(&key.to_le_bytes());
    header.extend_from_slice(&(payload_len as u64).to_le_bytes());
    header.extend_from_slice(&checksum(&table).to_le_bytes());
    file.write_all(&header).map_err(io)?;
    file.write_all(&table).map_err(io)?;
    for part in &parts {
        file.write_all(part).map_err(io)?;
    }
    file.flush().map_err(io)?;
    file.persist(&path).map_err(|e| io(e.error))?;
    prune(cache_dir, &path);
    Ok(())
}

/// The table of `parts` (see the module's layout): their number, lengths and checksums.
fn part_table(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut table = Vec::with_capacity(8 + 16 * parts.len());
    table.extend_from_slice(&(parts.len() as u64).to_le_bytes());
    let sums: Vec<u64> = parts.par_iter().map(|p| checksum(p)).collect();
    for (part, sum) in parts.iter().zip(sums) {
        table.extend_from_slice(&(part.len() as u64).to_le_bytes());
        table.extend_from_slice(&sum.to_le_bytes());
    }
    table
}

/// A part of the payload: its bytes and their checksum.
type Part<'a> = (&'a [u8], u64);

/// The table and the parts of a payload; `None` when the table does not match the
/// payload's length.
fn split_parts(payload: &[u8]) -> Option<(&[u8], Vec<Part<'_>>)> {
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            payload.get(at..at + 8)?.try_into().ok()?,
        ))
    };
    let count = usize::try_from(word(0)?).ok()?;
    let table_len = count.checked_mul(16)?.checked_add(8)?;
    let table = payload.get(..table_len)?;
    let mut parts = Vec::with_capacity(count);
    let mut at = table_len;
    for k in 0..count {
        let len = usize::try_from(word(8 + 16 * k)?).ok()?;
        let end = at.checked_add(len)?;
        parts.push((payload.get(at..end)?, word(16 + 16 * k)?));
        at = end;
    }
    (at == payload.len()).then_some((table, parts))
}

/// A fast 64-bit checksum (multiply-rotate over 8-byte words): catches truncation and
/// corruption; not meant against tampering.
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash = Hash64::new(bytes.len() as u64);
    hash.bytes(bytes);
    hash.finish()
}

#[derive(Clone, Copy, Debug)]
struct Hash64(u64);

impl Hash64 {
    fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(23) ^ word).wrapping_mul(0xA076_1D64_78BD_642F);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.u64(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        let mut buf = [0u8; 8];
        if let Some(dst) = buf.get_mut(..rest.len()) {
            dst.copy_from_slice(rest);
        }
        self.u64(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 56));
    }

    fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

// The wire form mirrors the model with every field always present: bincode is not
// self-describing, so `skip_serializing_if` in the model (fine for JSON) cannot be used.

#[derive(Serialize)]
struct WireCorpusRef<'a> {
    docs: Vec<WireDocRef<'a>>,
    warnings: &'a [LoadWarning],
}

#[derive(Serialize)]
struct WireDocRef<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    events: Vec<WireEventRef<'a>>,
}

#[derive(Serialize)]
struct WireEventRef<'a> {
    kind: EventKind,
    date_start: Option<PartialDate>,
    date_end: Option<PartialDate>,
    places: &'a [String],
    participants: &'a [String],
    evidence: Span,
    name: Option<&'a str>,
}

impl<'a> WireCorpusRef<'a> {
    fn of(docs: &'a [AnalysedDoc], warnings: &'a [LoadWarning]) -> Self {
        Self {
            docs: docs
                .iter()
                .map(|d| WireDocRef {
                    doc: &d.doc,
                    mentions: &d.analysis.mentions,
                    events: d
                        .analysis
                        .events
                        .iter()
                        .map(|e| WireEventRef {
                            kind: e.kind,
                            date_start: e.date_start,
                            date_end: e.date_end,
                            places: &e.places,
                            participants: &e.participants,
                            evidence: e.evidence,
                            name: e.name.as_deref(),
                        })
                        .collect(),
                })
                .collect(),
            warnings,
        }
    }
}

#[derive(Deserialize)]
struct WireCorpus {
    docs: Vec<WireDoc>,
    warnings: Vec<LoadWarning>,
}

#[derive(Deserialize)]
struct WireDoc {
    doc: Document,
    mentions: Vec<Mention>,
    events: Vec<WireEvent>,
}

#[derive(Deserialize)]
struct WireEvent {
    kind: EventKind,
    date_start: Option<PartialDate>,
    date_end: Option<PartialDate>,
    places: Vec<String>,
    participants: Vec<String>,
    evidence: Span,
    name: Option<String>,
}

impl WireCorpus {
    fn into_corpus(self) -> CachedCorpus {
        CachedCorpus {
            docs: self
                .docs
                .into_iter()
                .map(|d| AnalysedDoc {
                    doc: d.doc,
                    analysis: Analysis {
                        mentions: d.mentions,
                        events: d
                            .events
                            .into_iter()
                            .map(|e| Event {
                                kind: e.kind,
                                date_start: e.date_start,
                                date_end: e.date_end,
                                places: e.places,
                                participants: e.participants,
                                evidence: e.evidence,
                                name: e.name,
                            })
                            .collect(),
                    },
                })
                .collect(),
            warnings: self.warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> CachedCorpus {
        CachedCorpus {
            docs: crate::r#gen::analysed_corpus(20, 4),
            warnings: vec![LoadWarning {
                path: PathBuf::from("x.txt"),
                message: "skipped: empty file".to_owned(),
            }],
        }
    }

    #[test]
    fn round_trip_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus();
        assert!(
            corpus
                .docs
                .iter()
                .any(|d| d.analysis.events.iter().any(|e| e.name.is_some()))
        );
        assert!(matches!(read(dir.path(), 1), Err(CacheError::Missing)));
        write(dir.path(), 1, &corpus).unwrap();
        assert_eq!(read(dir.path(), 1).unwrap(), corpus);
        assert!(matches!(read(dir.path(), 2), Err(CacheError::Missing)));
    }

    #[test]
    fn only_the_most_recently_used_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let small = CachedCorpus::default();
        let day = std::time::Duration::from_secs(86_400);
        let long_ago = std::time::SystemTime::now() - 30 * day;
        // entries 1..=KEEP_ENTRIES, entry k used k days after `long_ago`
        for key in 1..=KEEP_ENTRIES as u64 {
            write(dir.path(), key, &small).unwrap();
            let file = std::fs::File::options()
                .write(true)
                .open(cache_path(dir.path(), key))
                .unwrap();
            file.set_modified(long_ago + day * key as u32).unwrap();
        }
        // reading the oldest makes it the most recent; a new entry then evicts entry 2
        read(dir.path(), 1).unwrap();
        write(dir.path(), 100, &small).unwrap();
        let present = |key| cache_path(dir.path(), key).exists();
        assert!(
            present(100) && present(1),
            "the new and the just-used entries stay"
        );
        assert!(!present(2), "the least recently used entry is deleted");
        assert!((3..=KEEP_ENTRIES as u64).all(present));
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, KEEP_ENTRIES);
    }

    #[test]
    fn corruption_and_truncation_are_detected() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 9, &corpus()).unwrap();
        let path = cache_path(dir.path(), 9);
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let at = flipped.len() / 2;
        flipped[at] ^= 0x55;
        std::fs::write(&path, &flipped).unwrap();
        assert!(matches!(
            read(dir.path(), 9),
            Err(CacheError::Invalid { .. })
        ));
        std::fs::write(&path, &good[..good.len() - 10]).unwrap();
        assert!(matches!(
            read(dir.path(), 9),
            Err(CacheError::Invalid { .. })
        ));
        std::fs::write(&path, b"garbage").unwrap();
        assert!(matches!(
            read(dir.path(), 9),
            Err(CacheError::Invalid { .. })
        ));
    }

    #[test]
    fn key_changes_with_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "un").unwrap();
        let entries = vec![FileEntry {
            path: file.clone(),
            bytes: 2,
        }];
        let before = corpus_key(&entries);
        assert_eq!(before, corpus_key(&entries));
        std::fs::write(&file, "deux").unwrap();
        assert_ne!(before, corpus_key(&entries));
    }
}
