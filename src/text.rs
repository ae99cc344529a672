//! Text folding shared by search, indexing and gazetteer lookup: lower case, no accents,
//! typographic apostrophes and dashes made plain, so "Moscou" and "MOSCOU" and "moscou" meet.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds one character into `out`: lower case, accents stripped, ’ → ', – → -.
/// Pushes nothing for a lone combining mark.
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        '–' | '—' | '‑' | '‐' => out.push('-'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '\u{a0}' | '\u{202f}' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// Folds a whole string (see [`fold_char_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// A folded copy of a text with, for every folded byte, the byte offset in the original
/// where the character it came from starts; `offsets[folded.len()]` is the original length.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Original offset of each folded byte, plus one final entry.
    pub offsets: Vec<usize>,
}

impl Folded {
    /// Folds `original`, keeping the offset map.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        for (pos, c) in original.char_indices() {
            if c.is_ascii() && c != '`' {
                // the common case, what fold_char_into does for it
                text.push(c.to_ascii_lowercase());
                offsets.push(pos);
            } else {
                fold_char_into(c, &mut text);
                offsets.resize(text.len(), pos);
            }
        }
        offsets.push(original.len());
        Self { text, offsets }
    }

    /// Maps a folded byte range back to the original range `start..end`: the start of the
    /// first character and the end of the last one.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let orig_start = self.offsets.get(start).copied().unwrap_or(0);
        if end <= start {
            return (orig_start, orig_start);
        }
        // the end of the original character holding the last folded byte is the next
        // larger offset in the map (the map ends with the original length)
        let last = self.offsets.get(end - 1).copied().unwrap_or(orig_start);
        let orig_end = self
            .offsets
            .get(end..)
            .and_then(|rest| rest.iter().copied().find(|&o| o > last))
            .unwrap_or_else(|| self.offsets.last().copied().unwrap_or(0));
        (orig_start, orig_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_typography() {
        assert_eq!(
            fold("Région Provence-Alpes-Côte d’Azur"),
            "region provence-alpes-cote d'azur"
        );
        assert_eq!(fold("MIKHAÏL Œuvre – Москва"), "mikhail oeuvre - москва");
    }

    #[test]
    fn offsets_map_back_to_original_bytes() {
        let original = "À Moscou, l’Œuvre";
        let folded = Folded::new(original);
        let at = folded.text.find("moscou").unwrap();
        let (s, e) = folded.original_range(at, at + "moscou".len());
        assert_eq!(&original[s..e], "Moscou");
        let at = folded.text.find("oeuvre").unwrap();
        let (s, e) = folded.original_range(at, at + "oeuvre".len());
        assert_eq!(&original[s..e], "Œuvre");
        let (s, e) = folded.original_range(0, 1);
        assert_eq!(&original[s..e], "À");
    }
}
