//! Text folding shared by search, indexing and gazetteer lookup: lower case, no accents,
//! typographic apostrophes and dashes made plain, so "Moscou" and "MOSCOU" and "moscou" meet.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds one character into `out`: lower case, accents stripped, ’ → ', – → -.
/// Pushes nothing for a lone combining mark.
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        // the common case first
        'A'..='Z' | 'a'..='z' | '0'..='9' => out.push(c.to_ascii_lowercase()),
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        '–' | '—' | '‑' | '‐' => out.push('-'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '\u{a0}' | '\u{202f}' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if let Some(base) = fold_latin_letter(c) => out.push(base),
        c => {
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// The plain letter of an accented Latin letter (U+00C0–U+017F), what NFD, dropping the
/// marks and lower-casing give: the fast path of [`fold_char_into`], without Unicode tables.
pub fn fold_latin_letter(c: char) -> Option<char> {
    match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă'
        | 'ă' | 'Ą' | 'ą' => Some('a'),
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => Some('c'),
        'Ď' | 'ď' => Some('d'),
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę'
        | 'ę' | 'Ě' | 'ě' => Some('e'),
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => Some('g'),
        'Ĥ' | 'ĥ' => Some('h'),
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į'
        | 'į' | 'İ' => Some('i'),
        'Ĵ' | 'ĵ' => Some('j'),
        'Ķ' | 'ķ' => Some('k'),
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' => Some('l'),
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => Some('n'),
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő'
        | 'ő' => Some('o'),
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => Some('r'),
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' => Some('s'),
        'Ţ' | 'ţ' | 'Ť' | 'ť' => Some('t'),
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů'
        | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => Some('u'),
        'Ŵ' | 'ŵ' => Some('w'),
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => Some('y'),
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => Some('z'),
        _ => None,
    }
}

/// Folds a whole string (see [`fold_char_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the fold of `text` to `out` (see [`fold_char_into`]); plain ASCII, the common
/// case, is lower-cased in one go.
pub fn fold_into(text: &str, out: &mut String) {
    if text.bytes().all(|b| b.is_ascii() && b != b'`') {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        text.chars().for_each(|c| fold_char_into(c, out));
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
    fn latin_fast_path_agrees_with_decomposition() {
        for c in '\u{c0}'..='\u{17f}' {
            let mut slow = String::new();
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    slow.extend(d.to_lowercase());
                }
            }
            if let Some(base) = fold_latin_letter(c) {
                assert_eq!(slow, base.to_string(), "{c}");
            }
        }
    }
}
