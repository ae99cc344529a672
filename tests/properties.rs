//! Property tests over random and mutated French-ish text: the decoder, the extractor and
//! the corrections layer never panic, and what they produce is well formed (mention and
//! evidence spans on char boundaries inside the body, dates that exist).
//!
//! 256 cases per property by default; `PASSERELLE_PROPTEST_CASES=20000 cargo test --test
//! properties` runs a long search.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use passerelle::corpus::{self, BUNDLED, decode};
use passerelle::corrections::{self, Anchor, Correction, Corrections, EventFields, MentionFix};
use passerelle::extract::Extractor;
use passerelle::model::{
    AnalysedDoc, Analysis, Document, EntityKind, EventKind, PartialDate, Span,
};

fn cases() -> u32 {
    std::env::var("PASSERELLE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256)
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("the embedded lexicons parse"))
}

/// Pieces that break naive text code: RTL and bidi controls, emoji sequences, combining
/// marks, Cyrillic, NUL and other controls, odd spaces and line ends, long words.
const NASTY: &[&str] = &[
    "\u{0}",
    "\r\n",
    "\r",
    "\u{feff}",
    "\u{202e}",
    "\u{200d}",
    "\u{a0}",
    "\u{202f}",
    "مرحبا بالعالم",
    "שלום",
    "🇫🇷🇷🇺",
    "👩\u{200d}🔬",
    "e\u{301}\u{301}\u{327}",
    "\u{301}",
    "Москва",
    "Сергей Черёмин",
    "Влади́мир",
    "…",
    "« »",
    "’",
    "—",
    "!!!???;;;",
    "Le 31 février 2017",
    "le 29 février 2013",
    "du 30 au 2 mars",
    "lundi 45 mai 99999",
    "M. ",
    "Mme ",
    "à Moscou",
    "la Banque de Russie",
    "Publié le 2 mars 2013",
    "Lire aussi",
    "\u{fffd}",
    "\u{10ffff}",
    "Ǆǅǆ İı ß ﬁ",
];

/// One mutation of a text.
#[derive(Clone, Debug)]
enum Edit {
    /// Insert a nasty piece at a (char-rounded) position.
    Insert(prop::sample::Index, &'static str),
    /// Insert random text.
    InsertRandom(prop::sample::Index, String),
    /// Delete a run of chars.
    Delete(prop::sample::Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), prop::sample::select(NASTY))
            .prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<prop::sample::Index>(), "\\PC{0,12}").prop_map(|(at, s)| Edit::InsertRandom(at, s)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
    ]
}

fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

fn apply_edit(text: &mut String, edit: &Edit) {
    let starts = char_starts(text);
    match edit {
        Edit::Insert(at, piece) => text.insert_str(*at.get(&starts), piece),
        Edit::InsertRandom(at, piece) => text.insert_str(*at.get(&starts), piece),
        Edit::Delete(at, n) => {
            let i = at.index(starts.len());
            let (start, end) = (starts[i], starts[(i + n).min(starts.len() - 1)]);
            text.replace_range(start..end, "");
        }
    }
}

/// A sample article (or a window of it), mutated.
fn mutated_text() -> impl Strategy<Value = String> {
    (
        0..BUNDLED.len(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::collection::vec(edit(), 0..12),
    )
        .prop_map(|(sample, a, b, edits)| {
            let source = BUNDLED[sample].1;
            let starts = char_starts(source);
            let (a, b) = (*a.get(&starts), *b.get(&starts));
            let mut text = source[a.min(b)..a.max(b)].to_owned();
            if text.len() < 40 {
                text = source.to_owned();
            }
            for edit in &edits {
                apply_edit(&mut text, edit);
            }
            text
        })
}

/// Any text: mutated articles, random Unicode, random mixes of nasty pieces.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => mutated_text(),
        2 => "\\PC{0,400}",
        1 => any::<String>(),
        1 => prop::collection::vec(prop::sample::select(NASTY), 0..40).prop_map(|v| v.concat()),
    ]
}

fn assert_span(body: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start() <= span.end() && span.end() <= body.len(),
        "{what} {span:?} outside a body of {} bytes",
        body.len()
    );
    prop_assert!(
        body.is_char_boundary(span.start()) && body.is_char_boundary(span.end()),
        "{what} {span:?} not on char boundaries"
    );
    Ok(())
}

fn assert_date(date: Option<PartialDate>, what: &str) -> Result<(), TestCaseError> {
    if let Some(d) = date {
        prop_assert_eq!(
            PartialDate::new(d.year, d.month, d.day),
            Some(d),
            "{} {:?} is not a calendar date",
            what,
            d
        );
        if let Some(year) = d.year {
            prop_assert!((0..=9999).contains(&year), "{what} year {year}");
        }
        prop_assert_eq!(PartialDate::parse_iso(&d.to_iso()), Some(d));
    }
    Ok(())
}

/// Every invariant of the `extract` contract on one analysed document.
fn assert_well_formed(doc: &Document, analysis: &Analysis) -> Result<(), TestCaseError> {
    let body = &doc.body;
    assert_date(doc.pub_date, "pub_date")?;
    for m in &analysis.mentions {
        assert_span(body, m.span, "mention")?;
        prop_assert!(m.span.start() < m.span.end(), "empty mention {:?}", m.span);
        prop_assert!(
            !m.canonical.is_empty(),
            "mention {:?} without a name",
            m.span
        );
    }
    for e in &analysis.events {
        assert_span(body, e.evidence, "evidence")?;
        assert_date(e.date_start, "date_start")?;
        assert_date(e.date_end, "date_end")?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Bytes of any kind: decoding and page analysis never panic; what decodes has no NUL
    /// nor `\r`, and regions and the source span lie on char boundaries in the body.
    #[test]
    fn decoder_never_panics(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2000),
            any_text().prop_map(String::into_bytes),
            any_text().prop_map(|t| {
                // UTF-16LE without BOM, or Latin-1-ish re-encodings
                t.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()
            }),
            any_text().prop_map(|t| t.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()),
        ]
    ) {
        if let Ok(decoded) = decode::decode(&bytes) {
            prop_assert!(!decoded.text.contains('\r'));
            prop_assert!(!decoded.text.contains('\0'));
            prop_assert_eq!(decode::decode_owned(bytes.clone()).ok(), Some(decoded));
        }
        if let Ok((doc, _)) = corpus::document_from_bytes(Path::new("p.txt"), &bytes, 0) {
            // the extractor has its own property below; here only what decoding made
            assert_well_formed(&doc, &Analysis::default())?;
            for region in &doc.regions {
                assert_span(&doc.body, region.span, "region")?;
            }
            if let Some(span) = doc.source_span {
                assert_span(&doc.body, span, "source")?;
            }
        }
    }

    /// Text of any kind, as a file would give it and as raw text: the extractor never
    /// panics and its spans and dates are valid.
    #[test]
    fn extractor_output_is_well_formed(text in any_text()) {
        if let Ok((doc, _)) = corpus::document_from_bytes(Path::new("p.txt"), text.as_bytes(), 0) {
            let analysis = extractor().analyse(&doc);
            assert_well_formed(&doc, &analysis)?;
        }
        let raw = Document::from_text("raw", &text);
        let analysis = extractor().analyse(&raw);
        assert_well_formed(&raw, &analysis)?;
    }

    /// Corrections anchored anywhere (right, moved, or nonsense) never panic, never lose a
    /// correction, and leave the analysis well formed.
    #[test]
    fn corrections_keep_analyses_well_formed(
        text in mutated_text(),
        picks in prop::collection::vec(
            (0u8..8, any::<prop::sample::Index>(), 0usize..40, -30i64..30),
            0..10,
        ),
    ) {
        let doc = Document::from_text("d", &text);
        let analysis = extractor().analyse(&doc);
        let starts = char_starts(&text);
        let mut corrections = Corrections::default();
        for (kind, at, len, shift) in picks {
            let i = at.index(starts.len());
            let span = Span::new(starts[i], starts[(i + len).min(starts.len() - 1)]);
            let mut anchor = Anchor {
                doc_id: "d".into(),
                text: span.text(&text).to_owned(),
                start: span.start(),
                end: span.end(),
            };
            // a moved anchor: offsets off by a few bytes, maybe inside a char
            anchor.start = anchor.start.saturating_add_signed(shift as isize);
            anchor.end = anchor.end.saturating_add_signed(shift as isize);
            let fields = EventFields {
                kind: EventKind::Forum,
                date_start: PartialDate::ymd(2020, 2, 29),
                date_end: None,
                places: vec!["Kazan".into()],
                participants: Vec::new(),
            };
            let mention_at = analysis.mentions.get(i % analysis.mentions.len().max(1));
            let mention_anchor = mention_at
                .and_then(|m| Anchor::of("d", &text, m.span))
                .unwrap_or_else(|| anchor.clone());
            corrections.push(match kind {
                0 => Correction::Rename { mention: mention_anchor, kind: EntityKind::Person, to: "X".into() },
                1 => Correction::Merge {
                    from: mention_anchor,
                    from_kind: EntityKind::Place,
                    into: anchor,
                    into_kind: EntityKind::Organisation,
                },
                2 => Correction::SplitAlias { mention: mention_anchor, kind: EntityKind::Place, to: "Y".into() },
                3 => Correction::MarkWrong { mention: mention_anchor, kind: EntityKind::Person, fix: MentionFix::NotAnEntity },
                4 => Correction::AddMention { mention: anchor, kind: EntityKind::Place, canonical: String::new() },
                5 => Correction::AddEvent { evidence: anchor, fields },
                6 => Correction::EditEvent { evidence: anchor, kind: EventKind::Forum, fields },
                _ => Correction::DeleteEvent { evidence: anchor, kind: EventKind::Forum },
            });
        }
        let mut docs = vec![AnalysedDoc { doc, analysis }];
        let report = corrections::apply(&corrections, &mut docs);
        prop_assert_eq!(report.applied + report.orphaned.len(), corrections.len());
        assert_well_formed(&docs[0].doc, &docs[0].analysis)?;
        let text_back = Corrections::from_ron(&corrections.to_ron().unwrap()).unwrap();
        prop_assert_eq!(text_back, corrections);
    }
}
