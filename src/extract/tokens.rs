//! Words, numbers and punctuation with their byte spans, and sentences.
//!
//! French elisions are split off (`l’Association` → `l’` + `Association`); hyphens, inner
//! dots and inner capitals stay inside a word (`Provence-Alpes-Côte`, `Cargo.Tech`,
//! `TopFranchise.ru`). Each token also knows its range in the folded copy of the text.

use crate::model::Span;
use crate::text::{fold_char_into, fold_into};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner hyphens, dots or digits).
    Word,
    /// Digits (with inner `,` `.` or non-breaking spaces kept out).
    Number,
    /// An elided article or preposition: `l’`, `d’`, `qu’`.
    Elision,
    /// Any other single character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Span,
    /// Byte span in the folded text.
    pub folded: Span,
    /// What it is.
    pub kind: TokKind,
    /// A line break stands between this token and the previous one.
    pub after_newline: bool,
    /// Its first character is upper case (any kind of token: `L’` too).
    pub upper_initial: bool,
    /// Its letter case (words only).
    pub shape: Shape,
    /// Index of the sentence it belongs to.
    pub sentence: u32,
}

/// The letter case of a word, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, none lower case (AIRR, CCI, AIR-ZETTA).
    pub all_caps: bool,
    /// An upper-case letter after a lower-case one in the same hyphen part (ViaMéca).
    pub camel: bool,
    /// Some letter is upper case.
    pub any_upper: bool,
    /// Holds a dot (Cargo.Tech, izi.travel).
    pub dotted: bool,
    /// Holds a hyphen (`-`: Jean-Bernard, France-Russie).
    pub hyphen: bool,
}

impl Shape {
    fn of(word: &str, upper_initial: bool) -> Self {
        // per character: (hyphen, lower case, upper case, letter)
        let (letters, any_lower, any_upper, camel) = if word.is_ascii() {
            Self::scan(word.bytes().map(|b| {
                let (lower, upper) = (b.is_ascii_lowercase(), b.is_ascii_uppercase());
                (b == b'-', lower, upper, lower || upper)
            }))
        } else {
            Self::scan(word.chars().map(|c| {
                (
                    c == '-',
                    c.is_lowercase(),
                    c.is_uppercase(),
                    c.is_alphabetic(),
                )
            }))
        };
        Self {
            cap: upper_initial,
            all_caps: letters >= 2 && !any_lower,
            camel,
            any_upper,
            dotted: word.contains('.'),
            hyphen: word.contains('-'),
        }
    }

    /// Letters, any lower case, any upper case, camel case, from the classes of the
    /// characters.
    fn scan(chars: impl Iterator<Item = (bool, bool, bool, bool)>) -> (usize, bool, bool, bool) {
        let (mut letters, mut any_lower, mut seen_lower) = (0, false, false);
        let (mut any_upper, mut camel) = (false, false);
        for (hyphen, lower, upper, letter) in chars {
            any_upper |= upper;
            if hyphen {
                seen_lower = false; // France-Russie is two names, not a brand
            } else if lower {
                (any_lower, seen_lower) = (true, true);
            } else if upper && seen_lower {
                camel = true;
            }
            letters += usize::from(letter);
        }
        (letters, any_lower, any_upper, camel)
    }
}

/// A tokenised text: tokens, sentence spans and the folded copy.
#[derive(Debug)]
pub struct Tokens<'a> {
    /// The original text.
    pub text: &'a str,
    /// Its folded copy (see [`crate::text::fold`]), character for character.
    pub folded: String,
    /// The tokens in order.
    pub toks: Vec<Token>,
    /// Sentence spans (original bytes), each with its first token index.
    pub sentences: Vec<(Span, usize)>,
}

/// Elided words, folded, without their apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Past this many tokens a sentence is cut at the next `;`, `:` or `,`.
const LONG_SENTENCE_TOKENS: usize = 120;
/// Past this many tokens a sentence is cut anyway.
const MAX_SENTENCE_TOKENS: usize = 400;

/// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "me", "cf", "etc", "env", "av",
    "bd", "no", "vol", "p", "art", "al", "gen", "col", "prof", "mgr", "ndlr",
];

/// `char::is_alphabetic`, with a fast path for ASCII and accented Latin letters.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (!c.is_ascii() && crate::text::fold_latin_letter(c).is_some())
        || c.is_alphabetic()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

impl<'a> Tokens<'a> {
    /// Tokenises `text`.
    pub fn new(text: &'a str) -> Self {
        let mut folded = String::with_capacity(text.len() + text.len() / 16);
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut pos = 0;
        let mut newline = true;
        while let Some(c) = char_at(text, pos) {
            if c.is_ascii_whitespace() {
                newline |= c == '\n';
                folded.push(c);
                pos += 1;
                continue;
            }
            if c.is_whitespace() {
                fold_char_into(c, &mut folded);
                pos += c.len_utf8();
                continue;
            }
            let start = pos;
            let f_start = folded.len();
            if let Some((end, shape)) = plain_word(text, start, &mut folded) {
                toks.push(Token {
                    span: Span::new(start, end),
                    folded: Span::new(f_start, folded.len()),
                    kind: TokKind::Word,
                    after_newline: newline,
                    upper_initial: shape.cap,
                    shape,
                    sentence: 0,
                });
                pos = end;
                newline = false;
                continue;
            }
            pos += c.len_utf8();
            let kind = if is_letter(c) {
                let (end, elided) = word_end(text, start, pos);
                pos = end;
                if elided {
                    TokKind::Elision
                } else {
                    TokKind::Word
                }
            } else if c.is_ascii_digit() {
                while let Some(d) = char_at(text, pos) {
                    let next_digit = || char_at(text, pos + 1).is_some_and(|n| n.is_ascii_digit());
                    if d.is_ascii_digit() || d.is_alphabetic() {
                        pos += d.len_utf8(); // 1er, 2e, 20h; B2B is a word (see push)
                    } else if matches!(d, ',' | '.' | '/' | ':') && next_digit() {
                        pos += 1;
                    } else {
                        break;
                    }
                }
                TokKind::Number
            } else {
                TokKind::Punct
            };
            push(
                &mut toks,
                text,
                &mut folded,
                Span::new(start, pos),
                kind,
                newline,
            );
            newline = false;
        }
        let sentences = split_sentences(text, &folded, &mut toks);
        Self {
            text,
            folded,
            toks,
            sentences,
        }
    }

    /// The original text of token `i`.
    pub fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.span.text(self.text))
    }

    /// The folded text of token `i`.
    pub fn norm(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.folded.get(t.folded.start()..t.folded.end()))
            .unwrap_or("")
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Token `i` is a word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape.cap)
    }

    /// Token `i` begins with a digit ("15", "2019", "1er", "23-27/09/2019").
    pub fn starts_with_digit(&self, i: usize) -> bool {
        self.text(i)
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_digit)
    }

    /// Token `i` is a word of two or more letters, all upper case (AIRR, CCI, AIR-ZETTA).
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape.all_caps)
    }

    /// Token `i` has an upper-case letter after a lower-case one (ViaMéca, SkoroDA).
    pub fn is_camel(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape.camel)
    }

    /// Token `i` is the first of its sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            self.sentences
                .get(t.sentence as usize)
                .is_some_and(|&(_, first)| first == i)
        })
    }

    /// The tokens of sentence `s` (empty past the last sentence).
    pub fn sentence_tokens(&self, s: usize) -> std::ops::Range<usize> {
        let first = |p: usize| self.sentences.get(p).map(|&(_, f)| f);
        let start = first(s).unwrap_or(self.toks.len());
        start..first(s + 1).unwrap_or(self.toks.len())
    }

    /// The kind of token `i` (`None` past the end).
    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` is punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        // punctuation is one character: compared as bytes
        let mut buf = [0; 4];
        let c = c.encode_utf8(&mut buf).as_bytes();
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Punct
                && self.text.as_bytes().get(t.span.start()..t.span.end()) == Some(c)
        })
    }

    /// The original span from token `a` to token `b` inclusive.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start(), self.toks[b].span.end())
    }
}

/// The character starting at byte `pos` (`None` at the end).
fn char_at(text: &str, pos: usize) -> Option<char> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(pos..)?.chars().next()
    }
}

/// The end of the word that starts at `start` (its first character ends at `pos`), and
/// whether it is an elision (`l’`, `qu’`: the apostrophe then ends the word).
fn word_end(text: &str, start: usize, mut pos: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    loop {
        // the common case: a run of ASCII letters and digits
        while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
            pos += 1;
        }
        let Some(d) = char_at(text, pos) else {
            break;
        };
        let after = pos + d.len_utf8();
        let next = char_at(text, after);
        let next_alnum = next.is_some_and(|n| is_letter(n) || n.is_numeric());
        if is_letter(d) || d.is_numeric() || (matches!(d, '-' | '‑' | '&') && next_alnum) {
            pos = after;
        } else if d == '.' && next.is_some_and(char::is_alphabetic) {
            pos = after; // a dot joins only when a letter follows (Cargo.Tech, izi.travel)
        } else if is_apostrophe(d) {
            let word = &text[start..pos];
            if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
                return (after, true); // the apostrophe belongs to the elision
            }
            if !next_alnum {
                break;
            }
            pos = after; // O'Neil, aujourd'hui
        } else {
            break;
        }
    }
    (pos, false)
}

/// The common word: ASCII letters and digits and Latin-1 letters (é, À, ç …), opened by a
/// letter and followed by a character that cannot continue a word. Its end and shape,
/// computed in one pass over the bytes, and its fold appended to `folded` (`None` sends the
/// word to the general path, [`word_end`] and [`Shape::of`], and leaves `folded` as it was).
fn plain_word(text: &str, start: usize, folded: &mut String) -> Option<(usize, Shape)> {
    /// The letter case of the Latin-1 letter whose UTF-8 form is `0xC3, second`:
    /// `Some(true)` upper case (U+00C0–U+00DE), `Some(false)` lower case (U+00DF–U+00FF);
    /// `None` for × and ÷, which are no letters.
    fn latin1_upper(second: u8) -> Option<bool> {
        match second {
            0x97 | 0xB7 => None,
            0x80..=0x9E => Some(true),
            0x9F..=0xBF => Some(false),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    let cap = match *bytes.get(start)? {
        b if b.is_ascii_alphabetic() => b.is_ascii_uppercase(),
        0xC3 => latin1_upper(*bytes.get(start + 1)?)?,
        _ => return None,
    };
    let (mut letters, mut any_lower, mut any_upper, mut camel) = (0usize, false, false, false);
    let mut latin1 = false;
    let mut pos = start;
    while let Some(&b) = bytes.get(pos) {
        let upper = if b.is_ascii_alphabetic() {
            pos += 1;
            b.is_ascii_uppercase()
        } else if b.is_ascii_digit() {
            pos += 1;
            continue;
        } else if b == 0xC3
            && let Some(upper) = bytes.get(pos + 1).copied().and_then(latin1_upper)
        {
            pos += 2;
            latin1 = true;
            upper
        } else {
            break;
        };
        camel |= upper & any_lower;
        any_upper |= upper;
        any_lower |= !upper;
        letters += 1;
    }
    let may_continue = |b: u8| !b.is_ascii() || matches!(b, b'-' | b'&' | b'.' | b'\'');
    if bytes.get(pos).copied().is_some_and(may_continue) {
        return None;
    }
    let word = text.get(start..pos)?;
    if latin1 {
        word.chars().for_each(|c| fold_char_into(c, folded));
    } else {
        let f_start = folded.len();
        folded.push_str(word);
        folded[f_start..].make_ascii_lowercase();
    }
    let shape = Shape {
        cap,
        all_caps: letters >= 2 && !any_lower,
        camel,
        any_upper,
        dotted: false,
        hyphen: false,
    };
    Some((pos, shape))
}

/// Appends the token on `span`, with its shape, and its folded form to `folded` (the general
/// path: plain words are pushed by [`Tokens::new`] with what [`plain_word`] found).
fn push(
    toks: &mut Vec<Token>,
    text: &str,
    folded: &mut String,
    span: Span,
    kind: TokKind,
    after_newline: bool,
) {
    let (start, end) = (span.start(), span.end());
    let f_start = folded.len();
    let word = &text[start..end];
    fold_into(word, folded);
    let f_end = folded.len();
    let kind = if kind == TokKind::Number && word.chars().any(char::is_alphabetic) {
        TokKind::Word
    } else {
        kind
    };
    let upper_initial = match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    };
    let shape = if kind == TokKind::Word {
        Shape::of(word, upper_initial)
    } else {
        Shape::default()
    };
    toks.push(Token {
        span,
        folded: Span::new(f_start, f_end),
        kind,
        after_newline,
        upper_initial,
        shape,
        sentence: 0,
    });
}

/// Sets each token's sentence index and returns the sentence spans.
fn split_sentences(text: &str, folded: &str, toks: &mut [Token]) -> Vec<(Span, usize)> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let n = toks.len();
    for i in 0..n {
        let boundary_before_next = i + 1 < n && {
            let next = &toks[i + 1];
            let t = &toks[i];
            // punctuation's text ("" for other tokens: the tests below are on punctuation)
            let tt = if t.kind == TokKind::Punct {
                t.span.text(text)
            } else {
                ""
            };
            if next.after_newline {
                true
            } else if i + 1 - first >= MAX_SENTENCE_TOKENS
                || (i + 1 - first >= LONG_SENTENCE_TOKENS && matches!(tt, ";" | ":" | ","))
            {
                // a run-on "sentence" (a list, a scraped table, a file without stops) is cut
                // so that sentence-scoped rules stay linear
                true
            } else if matches!(tt, "." | "!" | "?" | "…") {
                let prev_word = i
                    .checked_sub(1)
                    .map(|p| {
                        let f = toks[p].folded;
                        folded.get(f.start()..f.end()).unwrap_or("")
                    })
                    .unwrap_or("");
                let abbreviation = tt == "."
                    && toks[i - usize::from(i > 0)].span.end() == t.span.start()
                    && (ABBREVIATIONS.contains(&prev_word)
                        || (prev_word.chars().count() == 1
                            && prev_word.chars().all(char::is_alphabetic)));
                let next_starts = next.span.text(text).chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "«\"“(–—-".contains(c)
                });
                !abbreviation && next_starts
            } else {
                false
            }
        };
        if boundary_before_next || i + 1 == n {
            sentences.push((
                Span::new(toks[first].span.start(), toks[i].span.end()),
                first,
            ));
            for t in &mut toks[first..=i] {
                t.sentence = u32::try_from(sentences.len() - 1).unwrap_or(u32::MAX);
            }
            first = i + 1;
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| t.text(i).to_owned()).collect()
    }

    #[test]
    fn elisions_split_and_brands_hold() {
        assert_eq!(
            words("l’Association d'Azur, Cargo.Tech et izi.travel."),
            [
                "l’",
                "Association",
                "d'",
                "Azur",
                ",",
                "Cargo.Tech",
                "et",
                "izi.travel",
                "."
            ]
        );
        assert_eq!(
            words("aujourd'hui Provence-Alpes-Côte"),
            ["aujourd'hui", "Provence-Alpes-Côte"]
        );
    }

    #[test]
    fn numbers_and_ordinals() {
        assert_eq!(
            words("le 1er mars, 4,5 Md"),
            ["le", "1er", "mars", ",", "4,5", "Md"]
        );
    }

    #[test]
    fn sentences_split_on_stops_and_lines_not_titles() {
        let t = Tokens::new("M. Dupont est venu. Il repart.\nNouveau paragraphe");
        assert_eq!(t.sentences.len(), 3);
        assert_eq!(t.sentences[0].0.text(t.text), "M. Dupont est venu.");
        assert!(t.starts_sentence(6));
        // "M" "." "Dupont" "est" "venu" "." | "Il" "repart" "." | "Nouveau" "paragraphe"
        assert_eq!(t.sentence_tokens(0), 0..6);
        assert_eq!(t.sentence_tokens(1), 6..9);
        assert_eq!(t.sentence_tokens(2), 9..11);
        assert!(t.sentence_tokens(3).is_empty());
    }

    proptest::proptest! {
        /// The one-pass path for plain words agrees with the general one.
        #[test]
        fn plain_words_read_like_the_general_path(
            text in "[aZé9À×÷ßœÐ.'’ -]{1,12}"
        ) {
            let mut folded = "x".to_owned();
            let found = plain_word(&text, 0, &mut folded);
            if found.is_none() {
                proptest::prop_assert_eq!(folded.as_str(), "x");
            }
            if let Some((end, shape)) = found {
                proptest::prop_assert_eq!(&folded[1..], crate::text::fold(&text[..end]));
                let first = text.chars().next().unwrap();
                proptest::prop_assert!(is_letter(first));
                let (general_end, elided) = word_end(&text, 0, first.len_utf8());
                proptest::prop_assert_eq!((end, elided), (general_end, false));
                let word = &text[..end];
                let upper_initial = first.is_uppercase();
                proptest::prop_assert_eq!(shape, Shape::of(word, upper_initial));
            }
        }
    }

    #[test]
    fn folded_ranges_match() {
        let t = Tokens::new("À Moscou, l’Œuvre");
        assert_eq!(t.norm(1), "moscou");
        assert_eq!(t.norm(4), "oeuvre");
        assert_eq!(t.norm(3), "l'");
    }
}
