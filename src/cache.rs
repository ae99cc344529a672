//! The startup cache: analysed documents saved on disk so a warm start skips reading,
//! decoding and extraction. One file per corpus, named by a key that hashes the sorted file
//! paths, sizes and modification times, the extractor version, the crate version and this
//! format's version: any change of files or code gives another key, so a stale file is never
//! looked up. A file whose header, length or checksum does not match, or that does not
//! decode, is reported and rebuilt, never trusted.
//!
//! What is saved is the documents linked across the corpus, with their word index
//! ([`LinkedDocs`]): a warm start only builds the entity and event indexes (and applies the
//! corrections, which are not cached).
//!
//! Layout: magic `PASSERELLE-CACHE`, format (u32 LE), key (u64 LE), payload length (u64 LE),
//! table checksum (u64 LE), then the payload: the number of parts (u64 LE), for each part its
//! length and checksum (u64 LE each: the table), then the parts, each bincode. The last part
//! holds the warnings and the word index, the others runs of documents, so that parts are
//! checked and decoded on all cores. A run of documents stores each name (mentions' canonical
//! names, events' places and participants) once, and refers to it by index: decoding gives
//! each part's documents shared names.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{FileEntry, LoadWarning};
use crate::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, Name, PartialDate, Span,
};
use crate::store::{LinkedDocs, WordIndex};

/// Bumped whenever the payload layout changes.
pub const CACHE_FORMAT: u32 = 5;

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

/// What the cache holds: the linked documents the store is built from, and the warnings of
/// the load that produced them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CachedCorpus {
    /// Analysed documents, sorted and linked, with their word index.
    pub linked: LinkedDocs,
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

/// The key of a corpus: a hash of the sorted (path, size, mtime) of its files, as
/// [`crate::corpus::discover`] found them, the extractor version, the crate version and
/// [`CACHE_FORMAT`]. A file without a modification time hashes as time 0.
pub fn corpus_key(files: &[FileEntry]) -> u64 {
    let mut entries: Vec<(&Path, u64, u128)> = files
        .iter()
        .map(|f| {
            let mtime = f
                .modified
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (f.path.as_path(), f.bytes, mtime)
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

/// Reads the cache for `key`: the documents, or why they cannot be used. Parts are read
/// a few at a time into reused buffers and decoded on all cores, so the file is never
/// in memory whole.
pub fn read(cache_dir: &Path, key: u64) -> Result<CachedCorpus, CacheError> {
    let path = cache_path(cache_dir, key);
    let io = |source| CacheError::Io {
        path: path.clone(),
        source,
    };
    let mut file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(CacheError::Missing),
        Err(source) => return Err(io(source)),
    };
    let invalid = |reason: &str| CacheError::Invalid {
        path: path.clone(),
        reason: reason.to_owned(),
    };
    let file_len = file.metadata().map_err(io)?.len();
    let mut header = [0u8; HEADER_LEN];
    read_exact(&mut file, &mut header, "truncated header").map_err(|e| e.at(&path))?;
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
    let payload_len = file_len.saturating_sub(HEADER_LEN as u64);
    if field(12, 8) != payload_len {
        return Err(invalid("length mismatch (truncated?)"));
    }
    let mut count = [0u8; 8];
    read_exact(&mut file, &mut count, "truncated part table").map_err(|e| e.at(&path))?;
    let table_len = usize::try_from(u64::from_le_bytes(count))
        .ok()
        .and_then(|n| n.checked_mul(16)?.checked_add(8))
        .filter(|&len| len as u64 <= payload_len)
        .ok_or_else(|| invalid("bad part table"))?;
    let mut table = count.to_vec();
    table.resize(table_len, 0);
    read_exact(
        &mut file,
        table.get_mut(8..).unwrap_or(&mut []),
        "truncated part table",
    )
    .map_err(|e| e.at(&path))?;
    if field(20, 8) != checksum(&table) {
        return Err(invalid("checksum mismatch"));
    }
    let parts = parse_table(&table, payload_len).ok_or_else(|| invalid("bad part table"))?;
    // the buffers are reused from batch to batch
    let batch = parts_in_flight();
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); batch];
    let mut decoded: Vec<Part> = Vec::with_capacity(parts.len());
    for run in parts.chunks(batch) {
        for (&(len, _), buffer) in run.iter().zip(&mut buffers) {
            buffer.clear();
            let read = (&mut file).take(len).read_to_end(buffer).map_err(io)?;
            if read as u64 != len {
                return Err(invalid("truncated part"));
            }
        }
        let run: Vec<Part> = run
            .par_iter()
            .zip(&buffers)
            .map(|(&(_, sum), bytes)| {
                if checksum(bytes) != sum {
                    return Err(invalid("checksum mismatch"));
                }
                bincode::deserialize::<WirePart>(bytes)
                    .map_err(|e| invalid(&format!("does not decode: {e}")))?
                    .into_part()
                    .ok_or_else(|| invalid("a name index is out of range"))
            })
            .collect::<Result<_, _>>()?;
        decoded.extend(run);
    }
    let mut docs = Vec::new();
    let mut tail = None;
    for part in decoded {
        match part {
            Part::Docs(mut run) if tail.is_none() => docs.append(&mut run),
            Part::Tail(warnings, words) if tail.is_none() => tail = Some((warnings, words)),
            _ => return Err(invalid("parts out of order")),
        }
    }
    let (warnings, words) = tail.ok_or_else(|| invalid("no word index"))?;
    let linked =
        LinkedDocs::from_parts(docs, words).ok_or_else(|| invalid("malformed word index"))?;
    // used now: the last entry [`prune`] deletes (best effort: a read-only cache still works)
    if let Ok(file) = std::fs::File::options().write(true).open(&path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
    Ok(CachedCorpus { linked, warnings })
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
    let encode = |wire: WirePartRef<'_>| {
        let bytes = bincode::serialize(&wire).map_err(|e| CacheError::Encode(e.to_string()))?;
        let sum = checksum(&bytes);
        Ok::<_, CacheError>((bytes, sum))
    };
    let runs: Vec<&[AnalysedDoc]> = corpus.linked.docs().chunks(DOCS_PER_PART).collect();
    let mut writer = PartWriter::new(cache_dir, key, runs.len() + 1)?;
    // encoded on all cores
    let batch = parts_in_flight();
    for group in runs.chunks(batch) {
        let encoded: Vec<(Vec<u8>, u64)> = group
            .par_iter()
            .map(|docs| encode(WirePartRef::docs(docs)))
            .collect::<Result<_, _>>()?;
        for (bytes, sum) in &encoded {
            writer.push(bytes, *sum)?;
        }
    }
    let (tail, sum) = encode(WirePartRef::Tail {
        warnings: &corpus.warnings,
        words: corpus.linked.words(),
    })?;
    writer.push(&tail, sum)?;
    writer.finish()
}

/// Parts held in memory at a time while reading or writing: a few per core.
fn parts_in_flight() -> usize {
    2 * rayon::current_num_threads().max(1)
}

/// Writes an entry part by part (see the module's layout) into a temporary file, after room
/// left for the header and the table, which [`PartWriter::finish`] fills in before renaming
/// the file into place: the entry is never in memory whole, and never seen half written.
struct PartWriter {
    file: tempfile::NamedTempFile,
    path: PathBuf,
    key: u64,
    /// Parts announced.
    count: usize,
    /// (length, checksum) of the parts written.
    table: Vec<(u64, u64)>,
}

impl PartWriter {
    fn new(cache_dir: &Path, key: u64, count: usize) -> Result<Self, CacheError> {
        let path = cache_path(cache_dir, key);
        let io = |source| CacheError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(cache_dir).map_err(io)?;
        let mut file = tempfile::NamedTempFile::new_in(cache_dir).map_err(io)?;
        file.write_all(&vec![0; HEADER_LEN + Self::table_len(count)])
            .map_err(io)?;
        Ok(Self {
            file,
            path,
            key,
            count,
            table: Vec::with_capacity(count),
        })
    }

    fn table_len(count: usize) -> usize {
        8 + 16 * count
    }

    fn io(&self, source: std::io::Error) -> CacheError {
        CacheError::Io {
            path: self.path.clone(),
            source,
        }
    }

    fn push(&mut self, part: &[u8], sum: u64) -> Result<(), CacheError> {
        self.file.write_all(part).map_err(|e| self.io(e))?;
        self.table.push((part.len() as u64, sum));
        Ok(())
    }

    fn finish(mut self) -> Result<(), CacheError> {
        use std::io::{Seek, SeekFrom};
        if self.table.len() != self.count {
            return Err(CacheError::Encode(format!(
                "{} parts written, {} announced",
                self.table.len(),
                self.count
            )));
        }
        let mut table = Vec::with_capacity(Self::table_len(self.count));
        table.extend_from_slice(&(self.count as u64).to_le_bytes());
        for (len, sum) in &self.table {
            table.extend_from_slice(&len.to_le_bytes());
            table.extend_from_slice(&sum.to_le_bytes());
        }
        let payload_len = table.len() as u64 + self.table.iter().map(|p| p.0).sum::<u64>();
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&CACHE_FORMAT.to_le_bytes());
        header.extend_from_slice(&self.key.to_le_bytes());
        header.extend_from_slice(&payload_len.to_le_bytes());
        header.extend_from_slice(&checksum(&table).to_le_bytes());
        let file = self.file.as_file_mut();
        let written = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(&header))
            .and_then(|()| file.write_all(&table))
            .and_then(|()| file.flush());
        written.map_err(|e| self.io(e))?;
        let path = self.path.clone();
        self.file.persist(&path).map_err(|e| CacheError::Io {
            path: path.clone(),
            source: e.error,
        })?;
        if let Some(dir) = path.parent() {
            prune(dir, &path);
        }
        Ok(())
    }
}

/// The (length, checksum) of each part listed in `table` (see the module's layout);
/// `None` when the parts do not fill the payload exactly.
fn parse_table(table: &[u8], payload_len: u64) -> Option<Vec<(u64, u64)>> {
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(table.get(at..at + 8)?.try_into().ok()?))
    };
    let count = usize::try_from(word(0)?).ok()?;
    let mut parts = Vec::with_capacity(count);
    let mut end = table.len() as u64;
    for k in 0..count {
        let len = word(8 + 16 * k)?;
        end = end.checked_add(len)?;
        parts.push((len, word(16 + 16 * k)?));
    }
    (end == payload_len).then_some(parts)
}

/// Fills `buf` from `file`; a short file is invalid (`reason`), other failures are I/O
/// errors.
fn read_exact(
    file: &mut std::fs::File,
    buf: &mut [u8],
    reason: &'static str,
) -> Result<(), ReadError> {
    file.read_exact(buf).map_err(|e| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            ReadError::Short(reason)
        } else {
            ReadError::Io(e)
        }
    })
}

/// Why [`read_exact`] failed, before the path is known.
enum ReadError {
    Short(&'static str),
    Io(std::io::Error),
}

impl ReadError {
    fn at(self, path: &Path) -> CacheError {
        match self {
            ReadError::Short(reason) => CacheError::Invalid {
                path: path.to_owned(),
                reason: reason.to_owned(),
            },
            ReadError::Io(source) => CacheError::Io {
                path: path.to_owned(),
                source,
            },
        }
    }
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

/// A part of the payload, as written.
#[derive(Serialize)]
enum WirePartRef<'a> {
    /// A run of documents and the names they use, each once: mentions and events refer to
    /// names by their index in `names`.
    Docs {
        names: Vec<&'a str>,
        docs: Vec<WireDocRef<'a>>,
    },
    /// The last part.
    Tail {
        warnings: &'a [LoadWarning],
        words: &'a WordIndex,
    },
}

#[derive(Serialize)]
struct WireDocRef<'a> {
    doc: &'a Document,
    mentions: Vec<WireMention>,
    events: Vec<WireEventRef<'a>>,
}

/// A mention with its name as an index in its part's names.
#[derive(Serialize, Deserialize)]
struct WireMention {
    span: Span,
    kind: EntityKind,
    name: u32,
}

#[derive(Serialize)]
struct WireEventRef<'a> {
    kind: EventKind,
    date_start: Option<PartialDate>,
    date_end: Option<PartialDate>,
    places: Vec<u32>,
    participants: Vec<u32>,
    evidence: Span,
    name: Option<&'a str>,
}

/// The names of a part while it is written: each distinct name gets the next index.
#[derive(Default)]
struct NameTable<'a> {
    index: rustc_hash::FxHashMap<&'a str, u32>,
    names: Vec<&'a str>,
}

impl<'a> NameTable<'a> {
    fn index_of(&mut self, name: &'a str) -> u32 {
        let next = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        *self.index.entry(name).or_insert_with(|| {
            self.names.push(name);
            next
        })
    }

    fn indexes_of(&mut self, names: &'a [Name]) -> Vec<u32> {
        names.iter().map(|n| self.index_of(n)).collect()
    }
}

impl<'a> WirePartRef<'a> {
    fn docs(docs: &'a [AnalysedDoc]) -> Self {
        let mut table = NameTable::default();
        let docs = docs
            .iter()
            .map(|d| WireDocRef {
                doc: &d.doc,
                mentions: d
                    .analysis
                    .mentions
                    .iter()
                    .map(|m| WireMention {
                        span: m.span,
                        kind: m.kind,
                        name: table.index_of(&m.canonical),
                    })
                    .collect(),
                events: d
                    .analysis
                    .events
                    .iter()
                    .map(|e| WireEventRef {
                        kind: e.kind,
                        date_start: e.date_start,
                        date_end: e.date_end,
                        places: table.indexes_of(&e.places),
                        participants: table.indexes_of(&e.participants),
                        evidence: e.evidence,
                        name: e.name.as_deref(),
                    })
                    .collect(),
            })
            .collect();
        Self::Docs {
            names: table.names,
            docs,
        }
    }
}

/// A part of the payload, as read (the mirror of [`WirePartRef`]).
#[derive(Deserialize)]
enum WirePart {
    Docs {
        names: Vec<String>,
        docs: Vec<WireDoc>,
    },
    Tail {
        warnings: Vec<LoadWarning>,
        words: WordIndex,
    },
}

/// A part once decoded: documents in the model's form.
enum Part {
    Docs(Vec<AnalysedDoc>),
    Tail(Vec<LoadWarning>, WordIndex),
}

impl WirePart {
    /// The part in the model's form; `None` when a name index is out of range.
    fn into_part(self) -> Option<Part> {
        match self {
            WirePart::Docs { names, docs } => {
                let names: Vec<Name> = names.into_iter().map(Name::from).collect();
                let docs = map_exact(docs, |d| d.into_doc(&names))?;
                Some(Part::Docs(docs))
            }
            WirePart::Tail { warnings, words } => Some(Part::Tail(warnings, words)),
        }
    }
}

#[derive(Deserialize)]
struct WireDoc {
    doc: Document,
    mentions: Vec<WireMention>,
    events: Vec<WireEvent>,
}

#[derive(Deserialize)]
struct WireEvent {
    kind: EventKind,
    date_start: Option<PartialDate>,
    date_end: Option<PartialDate>,
    places: Vec<u32>,
    participants: Vec<u32>,
    evidence: Span,
    name: Option<String>,
}

impl WireDoc {
    fn into_doc(self, names: &[Name]) -> Option<AnalysedDoc> {
        let name = |ix: u32| names.get(ix as usize).cloned();
        let mentions = map_exact(self.mentions, |m| {
            Some(Mention {
                span: m.span,
                kind: m.kind,
                canonical: name(m.name)?,
            })
        })?;
        let events = map_exact(self.events, |e| {
            Some(Event {
                kind: e.kind,
                date_start: e.date_start,
                date_end: e.date_end,
                places: map_exact(e.places, name)?,
                participants: map_exact(e.participants, name)?,
                evidence: e.evidence,
                name: e.name,
            })
        })?;
        Some(AnalysedDoc {
            doc: self.doc,
            analysis: Analysis { mentions, events },
        })
    }
}

/// Maps every item, `None` as soon as one maps to `None`, into a list of exactly their number
/// of slots (collecting into `Option<Vec<_>>` cannot know it and grows by doubling: up to
/// twice the memory for the whole corpus).
fn map_exact<T, U>(items: Vec<T>, mut f: impl FnMut(T) -> Option<U>) -> Option<Vec<U>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> CachedCorpus {
        CachedCorpus {
            linked: LinkedDocs::new(crate::r#gen::analysed_corpus(20, 4)),
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
                .linked
                .docs()
                .iter()
                .any(|d| d.analysis.events.iter().any(|e| e.name.is_some()))
        );
        assert!(matches!(read(dir.path(), 1), Err(CacheError::Missing)));
        assert!(!corpus.linked.words().is_empty());
        write(dir.path(), 1, &corpus).unwrap();
        assert_eq!(read(dir.path(), 1).unwrap(), corpus);
        assert!(matches!(read(dir.path(), 2), Err(CacheError::Missing)));
    }

    #[test]
    fn read_lists_take_exactly_their_size() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 3, &corpus()).unwrap();
        let read = read(dir.path(), 3).unwrap();
        let docs = read.linked.docs();
        assert!(docs.iter().any(|d| d.analysis.mentions.len() > 4));
        for d in docs {
            assert_eq!(d.analysis.mentions.capacity(), d.analysis.mentions.len());
            assert_eq!(d.analysis.events.capacity(), d.analysis.events.len());
            for e in &d.analysis.events {
                assert_eq!(e.places.capacity(), e.places.len());
                assert_eq!(e.participants.capacity(), e.participants.len());
            }
        }
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
    fn a_name_index_out_of_range_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let docs = crate::r#gen::analysed_corpus(2, 4);
        let WirePartRef::Docs { names, docs: wire } = WirePartRef::docs(&docs) else {
            unreachable!("a run of documents")
        };
        assert!(wire.iter().any(|d| !d.mentions.is_empty()));
        // checksums are right, but the names table lost its last name
        let truncated = WirePartRef::Docs {
            names: names[..names.len() - 1].to_vec(),
            docs: wire,
        };
        let words = WordIndex::default();
        let tail = WirePartRef::Tail {
            warnings: &[],
            words: &words,
        };
        let mut writer = PartWriter::new(dir.path(), 3, 2).unwrap();
        for part in [
            bincode::serialize(&truncated).unwrap(),
            bincode::serialize(&tail).unwrap(),
        ] {
            writer.push(&part, checksum(&part)).unwrap();
        }
        writer.finish().unwrap();
        let err = read(dir.path(), 3).unwrap_err();
        assert!(err.to_string().contains("name index"), "{err}");
    }

    #[test]
    fn key_changes_with_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "un").unwrap();
        let key = || corpus_key(&crate::corpus::discover(&[dir.path().to_owned()]).unwrap().0);
        let before = key();
        assert_eq!(before, key());
        std::fs::write(&file, "deux").unwrap();
        assert_ne!(before, key(), "size changed");
        let size_changed = key();
        let file_handle = std::fs::File::options().write(true).open(&file).unwrap();
        file_handle
            .set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(9))
            .unwrap();
        assert_ne!(size_changed, key(), "time changed");
        std::fs::write(dir.path().join("b.txt"), "trois").unwrap();
        assert_ne!(key(), before);
    }
}
