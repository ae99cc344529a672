//! Words, numbers and punctuation with their byte spans, and sentences.
//!
//! French elisions are split off (`l’Association` → `l’` + `Association`); hyphens, inner
//! dots and inner capitals stay inside a word (`Provence-Alpes-Côte`, `Cargo.Tech`,
//! `TopFranchise.ru`). Each token also knows its range in the folded copy of the text.

use crate::model::Span;
use crate::text::Folded;

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
    /// Index of the sentence it belongs to.
    pub sentence: usize,
}

/// A tokenised text: tokens, sentence spans and the folded copy.
#[derive(Debug)]
pub struct Tokens<'a> {
    /// The original text.
    pub text: &'a str,
    /// Its folded copy.
    pub folded: Folded,
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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

impl<'a> Tokens<'a> {
    /// Tokenises `text`.
    pub fn new(text: &'a str) -> Self {
        let folded = Folded::new(text);
        let mut toks = Vec::with_capacity(text.len() / 5);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        let mut newline = true;
        while i < chars.len() {
            let (_, c) = chars[i];
            if c.is_whitespace() {
                if c == '\n' {
                    newline = true;
                }
                i += 1;
                continue;
            }
            let start_i = i;
            let kind;
            if c.is_alphabetic() {
                kind = TokKind::Word;
                i += 1;
                while i < chars.len() {
                    let (_, d) = chars[i];
                    let next_alnum = || chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                    if d.is_alphanumeric() {
                        i += 1;
                    } else if (d == '-' || d == '‑' || d == '.' || d == '&') && next_alnum() {
                        // a dot joins only when a letter follows (Cargo.Tech, izi.travel)
                        if d == '.' && !chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic()) {
                            break;
                        }
                        i += 1;
                    } else if is_apostrophe(d) {
                        let word: String = chars[start_i..i].iter().map(|&(_, ch)| ch).collect();
                        let lower = word.to_lowercase();
                        if ELISIONS.contains(&lower.as_str()) {
                            i += 1; // the apostrophe belongs to the elision
                            break;
                        }
                        if next_alnum() {
                            i += 1; // O'Neil, aujourd'hui
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let last = chars[i - 1].1;
                let kind_here = if is_apostrophe(last) {
                    TokKind::Elision
                } else {
                    kind
                };
                push(
                    &mut toks, &chars, text, &folded, start_i, i, kind_here, newline,
                );
                newline = false;
                continue;
            } else if c.is_ascii_digit() {
                kind = TokKind::Number;
                i += 1;
                while i < chars.len() {
                    let (_, d) = chars[i];
                    let next_digit = chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                    if d.is_ascii_digit() || d.is_alphabetic() {
                        i += 1; // 1er, 2e, 20h, B2B handled as a word below
                    } else if (d == ',' || d == '.' || d == '/' || d == ':') && next_digit {
                        i += 1;
                    } else {
                        break;
                    }
                }
            } else {
                kind = TokKind::Punct;
                i += 1;
            }
            push(&mut toks, &chars, text, &folded, start_i, i, kind, newline);
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
            .and_then(|t| self.folded.text.get(t.folded.start..t.folded.end))
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
        self.kind(i) == Some(TokKind::Word)
            && self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `i` is a word of two or more letters, all upper case (AIRR, CCI, AIR-ZETTA).
    pub fn is_all_caps(&self, i: usize) -> bool {
        let t = self.text(i);
        self.kind(i) == Some(TokKind::Word)
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && t.chars().all(|c| !c.is_lowercase())
    }

    /// Token `i` has an upper-case letter after a lower-case one (ViaMéca, SkoroDA).
    pub fn is_camel(&self, i: usize) -> bool {
        let mut seen_lower = false;
        for c in self.text(i).chars() {
            if c == '-' {
                seen_lower = false; // France-Russie is two names, not a brand
            } else if c.is_lowercase() {
                seen_lower = true;
            } else if c.is_uppercase() && seen_lower {
                return true;
            }
        }
        false
    }

    /// Token `i` is the first of its sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            self.sentences
                .get(t.sentence)
                .is_some_and(|&(_, first)| first == i)
        })
    }

    /// The kind of token `i` (`None` past the end).
    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` is punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && self.text(i).starts_with(c))
    }

    /// The original span from token `a` to token `b` inclusive.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    toks: &mut Vec<Token>,
    chars: &[(usize, char)],
    text: &str,
    folded: &Folded,
    start_i: usize,
    end_i: usize,
    kind: TokKind,
    after_newline: bool,
) {
    let start = chars[start_i].0;
    let end = chars.get(end_i).map_or(text.len(), |&(p, _)| p);
    // tokens come in order: search forward from the previous token's end
    let from = toks.last().map_or(0, |t| t.folded.end);
    let offsets = folded.offsets.get(from..).unwrap_or(&[]);
    let f_start = from
        + offsets
            .iter()
            .position(|&o| o >= start)
            .unwrap_or(offsets.len());
    let rest = folded.offsets.get(f_start..).unwrap_or(&[]);
    let f_end = f_start + rest.iter().position(|&o| o >= end).unwrap_or(rest.len());
    let kind = if kind == TokKind::Number && text[start..end].chars().any(char::is_alphabetic) {
        TokKind::Word
    } else {
        kind
    };
    toks.push(Token {
        span: Span::new(start, end),
        folded: Span::new(f_start, f_end.min(folded.text.len())),
        kind,
        after_newline,
        sentence: 0,
    });
}

/// Sets each token's sentence index and returns the sentence spans.
fn split_sentences(text: &str, folded: &Folded, toks: &mut [Token]) -> Vec<(Span, usize)> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let n = toks.len();
    for i in 0..n {
        let boundary_before_next = i + 1 < n && {
            let next = &toks[i + 1];
            let t = &toks[i];
            let tt = t.span.text(text);
            let next_text = next.span.text(text);
            if next.after_newline {
                true
            } else if i + 1 - first >= MAX_SENTENCE_TOKENS
                || (i + 1 - first >= LONG_SENTENCE_TOKENS
                    && t.kind == TokKind::Punct
                    && matches!(tt, ";" | ":" | ","))
            {
                // a run-on "sentence" (a list, a scraped table, a file without stops) is cut
                // so that sentence-scoped rules stay linear
                true
            } else if t.kind == TokKind::Punct && matches!(tt, "." | "!" | "?" | "…") {
                let prev_word = i
                    .checked_sub(1)
                    .map(|p| {
                        let f = toks[p].folded;
                        folded.text.get(f.start..f.end).unwrap_or("")
                    })
                    .unwrap_or("");
                let abbreviation = tt == "."
                    && toks[i - usize::from(i > 0)].span.end == t.span.start
                    && (ABBREVIATIONS.contains(&prev_word)
                        || (prev_word.chars().count() == 1
                            && prev_word.chars().all(char::is_alphabetic)));
                let next_starts = next_text.chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "«\"“(–—-".contains(c)
                });
                !abbreviation && next_starts
            } else {
                false
            }
        };
        if boundary_before_next || i + 1 == n {
            sentences.push((Span::new(toks[first].span.start, toks[i].span.end), first));
            for t in &mut toks[first..=i] {
                t.sentence = sentences.len() - 1;
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
    }

    #[test]
    fn folded_ranges_match() {
        let t = Tokens::new("À Moscou, l’Œuvre");
        assert_eq!(t.norm(1), "moscou");
        assert_eq!(t.norm(4), "oeuvre");
        assert_eq!(t.norm(3), "l'");
    }
}
