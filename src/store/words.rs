//! The folded word index behind [`Store::search`](super::Store::search): every distinct
//! word of the corpus (folded, cut to [`MAX_WORD_BYTES`]) with the documents it occurs in,
//! sorted by word so that a prefix is a range. Built on all cores; saved in the startup cache
//! with the documents (it depends only on their bodies and order).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{DocIx, DocSet};
use crate::model::AnalysedDoc;

/// Longest word kept in the search index (longer ones are cut).
pub(crate) const MAX_WORD_BYTES: usize = 48;

/// Documents per task when indexing words in parallel.
const INDEX_CHUNK: usize = 512;

/// The word index. Flat: the sorted words concatenated, and their posting lists
/// concatenated in the same order, each list delta-encoded as LEB128 varints (one byte per
/// document for frequent words); two arrays of end offsets delimit them. Flat arrays are
/// cheap to keep, to save and to load.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordIndex {
    /// The folded words, sorted, concatenated.
    text: Vec<u8>,
    /// End of each word in `text` (a word starts where the one before ends).
    word_ends: Vec<usize>,
    /// The posting lists, in word order, concatenated.
    postings: Vec<u8>,
    /// End of each word's list in `postings`.
    posting_ends: Vec<usize>,
}

/// Posting lists of a run of documents while the index is built. Words of up to 16 bytes
/// (most of them) are keyed by their bytes packed in a `u128`: no allocation, no `memcmp`.
#[derive(Debug, Default)]
struct PartialIndex {
    short: FxHashMap<u128, Postings>,
    long: FxHashMap<String, Postings>,
}

impl PartialIndex {
    /// Adds a long word's document (each document once per word).
    fn add_long(&mut self, word: String, doc: u32) {
        self.long.entry(word).or_default().push(doc);
    }

    /// Appends `later` (documents after all of `self`'s), keeping lists sorted.
    fn merge(mut self, later: PartialIndex) -> PartialIndex {
        if self.short.len() + self.long.len() < later.short.len() + later.long.len() {
            // grow the bigger map; prepend instead of append
            let mut bigger = later;
            for (key, mut list) in self.short {
                let slot = bigger.short.entry(key).or_default();
                list.append(slot);
                *slot = list;
            }
            for (key, mut list) in self.long {
                let slot = bigger.long.entry(key).or_default();
                list.append(slot);
                *slot = list;
            }
            return bigger;
        }
        for (key, list) in later.short {
            self.short.entry(key).or_default().append(&list);
        }
        for (key, list) in later.long {
            self.long.entry(key).or_default().append(&list);
        }
        self
    }
}

/// A posting list while the index is built, already compressed as it will be stored (see
/// [`decode_postings`]): a few bytes per document instead of four plus slack.
#[derive(Debug, Default)]
struct Postings {
    /// Varint deltas, the first from 0.
    bytes: Vec<u8>,
    /// The last document.
    last: u32,
}

impl Postings {
    /// Adds a document after the last one.
    fn push(&mut self, doc: u32) {
        let delta = if self.bytes.is_empty() {
            doc
        } else {
            doc - self.last
        };
        push_varint(&mut self.bytes, delta);
        self.last = doc;
    }

    /// Appends `later`, whose documents all come after this list's.
    fn append(&mut self, later: &Postings) {
        let Some(first_len) = later.bytes.iter().position(|b| b & 0x80 == 0) else {
            return; // empty
        };
        if self.bytes.is_empty() {
            self.bytes.extend_from_slice(&later.bytes);
        } else {
            let mut first = 0;
            decode_postings(&later.bytes[..=first_len], |d| first = d);
            push_varint(&mut self.bytes, first - self.last);
            self.bytes.extend_from_slice(&later.bytes[first_len + 1..]);
        }
        self.last = later.last;
    }
}

/// A word of at most 16 bytes packed into an integer (words hold no NUL byte, so the zero
/// padding is unambiguous).
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
}

/// A distinct word while the index is built: short words keep their packed bytes.
enum WordKey {
    Short(u128),
    Long(String),
}

impl WordKey {
    /// The word's bytes in `buf` (short) or in the key (long).
    fn bytes<'a>(&'a self, buf: &'a mut [u8; 16]) -> &'a [u8] {
        match self {
            WordKey::Short(key) => {
                *buf = key.to_le_bytes();
                let len = buf.iter().position(|&b| b == 0).unwrap_or(16);
                buf.get(..len).unwrap_or(&[])
            }
            WordKey::Long(word) => word.as_bytes(),
        }
    }

    fn cmp_bytes(&self, other: &WordKey) -> std::cmp::Ordering {
        let (mut a, mut b) = ([0u8; 16], [0u8; 16]);
        self.bytes(&mut a).cmp(other.bytes(&mut b))
    }
}

impl WordIndex {
    /// Builds the index on all cores: runs of documents fill partial indexes, merged in
    /// document order (so posting lists stay sorted); words are then sorted.
    pub fn build(docs: &[AnalysedDoc]) -> Self {
        let merged = docs
            .par_chunks(INDEX_CHUNK)
            .enumerate()
            .map(|(chunk_ix, chunk)| {
                let mut partial = PartialIndex::default();
                // each document's distinct words first (sorted in cache), then one map
                // update per distinct word
                let mut short: Vec<u128> = Vec::new();
                let mut long: Vec<String> = Vec::new();
                for (i, analysed) in chunk.iter().enumerate() {
                    let doc = u32::try_from(chunk_ix * INDEX_CHUNK + i).unwrap_or(u32::MAX);
                    short.clear();
                    long.clear();
                    for_each_word(&analysed.doc.body, |word| match pack(word) {
                        Some(key) => short.push(key),
                        None => long.push(word.to_owned()),
                    });
                    short.sort_unstable();
                    short.dedup();
                    for &key in &short {
                        partial.short.entry(key).or_default().push(doc);
                    }
                    long.sort_unstable();
                    long.dedup();
                    for word in long.drain(..) {
                        partial.add_long(word, doc);
                    }
                }
                partial
            })
            .reduce(PartialIndex::default, PartialIndex::merge);
        let mut entries: Vec<(WordKey, Vec<u8>)> = merged
            .short
            .into_iter()
            .map(|(key, list)| (WordKey::Short(key), list.bytes))
            .chain(
                merged
                    .long
                    .into_iter()
                    .map(|(word, list)| (WordKey::Long(word), list.bytes)),
            )
            .collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp_bytes(&b.0));
        let mut index = WordIndex {
            word_ends: Vec::with_capacity(entries.len()),
            posting_ends: Vec::with_capacity(entries.len()),
            postings: Vec::with_capacity(entries.iter().map(|e| e.1.len()).sum()),
            ..WordIndex::default()
        };
        let mut buf = [0u8; 16];
        for (key, list) in &entries {
            index.text.extend_from_slice(key.bytes(&mut buf));
            index.word_ends.push(index.text.len());
            index.postings.extend_from_slice(list);
            index.posting_ends.push(index.postings.len());
        }
        index
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.word_ends.len()
    }

    /// True when no document has a word.
    pub fn is_empty(&self) -> bool {
        self.word_ends.is_empty()
    }

    /// True when the offsets delimit the arrays (both lists as long, never decreasing, in
    /// bounds): what a decoded cache is checked for before it is used.
    pub fn is_well_formed(&self) -> bool {
        let fits = |ends: &[usize], len: usize| {
            ends.windows(2).all(|w| w.first() <= w.get(1)) && ends.last().is_none_or(|&e| e <= len)
        };
        self.word_ends.len() == self.posting_ends.len()
            && fits(&self.word_ends, self.text.len())
            && fits(&self.posting_ends, self.postings.len())
    }

    /// The bytes of `ends`' item `i` in `data` (empty when out of range).
    fn item<'a>(data: &'a [u8], ends: &[usize], i: usize) -> &'a [u8] {
        let start = match i.checked_sub(1) {
            Some(prev) => ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        let end = ends.get(i).copied().unwrap_or(start);
        data.get(start..end).unwrap_or(&[])
    }

    fn word(&self, i: usize) -> &[u8] {
        Self::item(&self.text, &self.word_ends, i)
    }

    /// Documents with a word starting with `prefix`, out of `len` documents.
    pub(crate) fn prefix_docs(&self, prefix: &str, len: usize) -> DocSet {
        let prefix = prefix.as_bytes();
        let mut set = DocSet::empty(len);
        // first word not below the prefix
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < prefix {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for i in lo..self.len() {
            if !self.word(i).starts_with(prefix) {
                break;
            }
            let list = Self::item(&self.postings, &self.posting_ends, i);
            decode_postings(list, |d| set.insert(d as DocIx));
        }
        set
    }
}

/// Appends `value` as a varint: seven bits per byte, the high bit set on all but the last.
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn decode_postings(bytes: &[u8], mut f: impl FnMut(u32)) {
    let (mut prev, mut value, mut shift) = (0u32, 0u32, 0u32);
    for &byte in bytes {
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            prev = prev.wrapping_add(value);
            f(prev);
            value = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
}

/// Calls `f` with every word of `text` as the search index sees it: the text folded
/// ([`fold`]), split at every non-alphanumeric character, each word cut to
/// [`MAX_WORD_BYTES`]. Same result as folding the whole text first, without the copy:
/// lower-case ASCII words are passed as slices of `text`.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::with_capacity(64);
    let mut folded = String::with_capacity(8);
    let mut pos = 0;
    while pos < bytes.len() {
        // skip ASCII separators
        let Some(&b) = bytes.get(pos) else { break };
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        // a run of lower-case ASCII letters and digits needs no copy
        let start = pos;
        while bytes
            .get(pos)
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            pos += 1;
        }
        let ends_word = bytes
            .get(pos)
            .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric());
        if ends_word {
            if let Some(slice) = text.get(start..pos) {
                f(truncate(slice, MAX_WORD_BYTES));
            }
            continue;
        }
        // general case: fold character by character into `word`
        word.clear();
        word.push_str(text.get(start..pos).unwrap_or(""));
        let rest = text.get(pos..).unwrap_or("");
        let mut consumed = rest.len();
        for (at, c) in rest.char_indices() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    word.push(c.to_ascii_lowercase());
                    continue;
                }
                consumed = at;
                break;
            }
            if let Some(plain) = crate::text::fold_latin_letter(c) {
                word.push(plain);
                continue;
            }
            folded.clear();
            crate::text::fold_char_into(c, &mut folded);
            for d in folded.chars() {
                if d.is_alphanumeric() {
                    word.push(d);
                } else if !word.is_empty() {
                    f(truncate(&word, MAX_WORD_BYTES));
                    word.clear();
                }
            }
        }
        pos += consumed;
        if !word.is_empty() {
            f(truncate(&word, MAX_WORD_BYTES));
        }
    }
}

/// The longest prefix of `word` of at most `max` bytes on a char boundary.
pub(crate) fn truncate(word: &str, max: usize) -> &str {
    if word.len() <= max {
        return word;
    }
    let mut end = max;
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::text::fold;

    #[test]
    fn word_splitting_matches_folding_the_whole_text() {
        let text = "ABC def’gh x’ ’ Élan aÉ abc1Z é AB’cd L’Œuvre d'ÉTÉ à Saint-Pétersbourg — Ærø ß Ǆ İstanbul ﬁn Москва 2019 naïve ÇA \u{301}x";
        let expected: Vec<String> = fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| truncate(w, MAX_WORD_BYTES).to_owned())
            .collect();
        let mut got = Vec::new();
        for_each_word(text, |w| got.push(w.to_owned()));
        assert_eq!(got, expected);
    }

    #[test]
    fn postings_round_trip_and_append() {
        let list = [0, 1, 2, 130, 20_000, 1_000_000, 4_000_000_000];
        for split in 0..=list.len() {
            let (mut a, mut b) = (Postings::default(), Postings::default());
            list[..split].iter().for_each(|&d| a.push(d));
            list[split..].iter().for_each(|&d| b.push(d));
            a.append(&b);
            let mut back = Vec::new();
            decode_postings(&a.bytes, |d| back.push(d));
            assert_eq!(back, list, "split at {split}");
            assert_eq!(a.last, 4_000_000_000);
        }
    }

    #[test]
    fn prefixes_find_their_documents_and_nothing_else() {
        let docs: Vec<AnalysedDoc> = ["Moscou et Lyon", "MOSCOVITES à Lyon", "Kazan"]
            .iter()
            .enumerate()
            .map(|(i, body)| AnalysedDoc {
                doc: Document::from_text(&i.to_string(), body),
                analysis: crate::model::Analysis::default(),
            })
            .collect();
        let index = WordIndex::build(&docs);
        assert_eq!(index.len(), 6); // a, et, kazan, lyon, moscou, moscovites
        let found = |prefix: &str| index.prefix_docs(prefix, docs.len()).to_vec();
        assert_eq!(found("mosc"), vec![0, 1]);
        assert_eq!(found("moscou"), vec![0]);
        assert_eq!(found("lyon"), vec![0, 1]);
        assert_eq!(found("kazan"), vec![2]);
        assert!(found("z").is_empty());
        assert!(index.is_well_formed());
        let mut broken = index.clone();
        broken.word_ends.push(usize::MAX);
        assert!(!broken.is_well_formed());
        assert!(broken.prefix_docs("z", 3).to_vec().is_empty());
    }
}
