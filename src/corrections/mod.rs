//! The researcher's corrections, kept apart from the extraction so they survive re-analysis.
//!
//! A [`Corrections`] value is an ordered log of edits (rename, merge, split an alias, mark a
//! mention wrong, add a mention, edit / delete / add an event), stored as a human-readable
//! RON sidecar ([`SIDECAR_NAME`]) next to the corpus and re-applied by [`apply()`] on top of
//! every fresh extraction. Each edit is anchored by document id + the exact text + byte
//! offsets; when the text moved (a new extractor, a re-decoded file), the nearest occurrence
//! in the same document is used; when it is gone the edit is kept and reported as orphaned,
//! never dropped.

mod apply;
mod sidecar;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{EntityKind, EventKind, PartialDate, Span};

pub use apply::{ApplyReport, Orphan, OrphanReason, apply};
pub use sidecar::{
    CorrectionsError, SIDECAR_NAME, data_dir, load, load_for_pipeline, save, sidecar_path,
};

/// Version of the sidecar format written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// Where a correction points: a document, the exact text and its byte offsets when recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// The document id (file stem).
    pub doc_id: String,
    /// The exact text at `start..end` when the correction was made.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Anchor {
    /// The anchor of `span` in a document `body`; `None` when the span is not on char
    /// boundaries or is empty.
    pub fn of(doc_id: &str, body: &str, span: Span) -> Option<Self> {
        let text = body.get(span.start()..span.end())?;
        (!text.is_empty()).then(|| Self {
            doc_id: doc_id.to_owned(),
            text: text.to_owned(),
            start: span.start(),
            end: span.end(),
        })
    }

    /// The offsets as recorded.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What is wrong with a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MentionFix {
    /// The text is not a named entity at all: drop the mention.
    NotAnEntity,
    /// The text is an entity of another kind.
    Kind(EntityKind),
}

/// The fields of an event a researcher sets (edit or add).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventFields {
    /// Kind of event.
    pub kind: EventKind,
    /// Start (or only) date.
    #[serde(default)]
    pub date_start: Option<PartialDate>,
    /// End date.
    #[serde(default)]
    pub date_end: Option<PartialDate>,
    /// Canonical names of the places.
    #[serde(default)]
    pub places: Vec<String>,
    /// Canonical names of the participants.
    #[serde(default)]
    pub participants: Vec<String>,
}

/// One edit of the extraction. Entity-level edits (rename, merge, split) name the entity by
/// one of its mentions, so they follow the entity whatever the extractor calls it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Correction {
    /// Gives the entity of `mention` the canonical name `to` everywhere.
    Rename {
        /// A mention of the entity.
        mention: Anchor,
        /// Its kind when recorded.
        kind: EntityKind,
        /// The new canonical name.
        to: String,
    },
    /// Merges the entity of `from` into the entity of `into` (name and kind of `into`).
    Merge {
        /// A mention of the entity that disappears.
        from: Anchor,
        /// Its kind when recorded.
        from_kind: EntityKind,
        /// A mention of the entity that remains.
        into: Anchor,
        /// Its kind when recorded.
        into_kind: EntityKind,
    },
    /// Takes every mention whose text is `mention.text` off the entity of `mention` and
    /// makes them an entity of their own named `to`.
    SplitAlias {
        /// A mention with the alias text.
        mention: Anchor,
        /// Its kind when recorded.
        kind: EntityKind,
        /// The canonical name of the new entity.
        to: String,
    },
    /// A mention the extractor got wrong: not an entity, or of another kind.
    MarkWrong {
        /// The mention.
        mention: Anchor,
        /// Its kind when recorded.
        kind: EntityKind,
        /// What to do with it.
        fix: MentionFix,
    },
    /// A mention the extractor missed.
    AddMention {
        /// Where it is.
        mention: Anchor,
        /// Its kind.
        kind: EntityKind,
        /// The entity it refers to (the text itself when empty).
        canonical: String,
    },
    /// Changes an event's kind, dates, places or participants.
    EditEvent {
        /// The event's evidence.
        evidence: Anchor,
        /// Its kind when recorded.
        kind: EventKind,
        /// The new fields.
        fields: EventFields,
    },
    /// Removes an event.
    DeleteEvent {
        /// The event's evidence.
        evidence: Anchor,
        /// Its kind when recorded.
        kind: EventKind,
    },
    /// An event the extractor missed, read from the `evidence` passage.
    AddEvent {
        /// The passage it is read from.
        evidence: Anchor,
        /// Its fields.
        fields: EventFields,
    },
}

impl Correction {
    /// The anchors this correction depends on.
    pub fn anchors(&self) -> Vec<&Anchor> {
        match self {
            Correction::Merge { from, into, .. } => vec![from, into],
            Correction::Rename { mention, .. }
            | Correction::SplitAlias { mention, .. }
            | Correction::MarkWrong { mention, .. }
            | Correction::AddMention { mention, .. } => vec![mention],
            Correction::EditEvent { evidence, .. }
            | Correction::DeleteEvent { evidence, .. }
            | Correction::AddEvent { evidence, .. } => vec![evidence],
        }
    }
}

/// Shortens a quoted text for one-line messages.
fn short(text: &str) -> String {
    const MAX_CHARS: usize = 48;
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= MAX_CHARS {
        format!("«{one_line}»")
    } else {
        let head: String = one_line.chars().take(MAX_CHARS - 1).collect();
        format!("«{head}…»")
    }
}

/// One line for history lists, warnings and stderr: what the correction does and where.
impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Correction::Rename { mention, to, .. } => {
                write!(f, "rename {} → {}", short(&mention.text), short(to))?;
            }
            Correction::Merge { from, into, .. } => {
                write!(f, "merge {} into {}", short(&from.text), short(&into.text))?;
            }
            Correction::SplitAlias { mention, to, .. } => {
                write!(
                    f,
                    "split alias {} off as {}",
                    short(&mention.text),
                    short(to)
                )?;
            }
            Correction::MarkWrong {
                mention,
                fix: MentionFix::NotAnEntity,
                ..
            } => write!(f, "{} is not an entity", short(&mention.text))?,
            Correction::MarkWrong {
                mention,
                fix: MentionFix::Kind(kind),
                ..
            } => write!(f, "{} is {}", short(&mention.text), kind.code())?,
            Correction::AddMention { mention, kind, .. } => {
                write!(f, "add {} mention {}", kind.code(), short(&mention.text))?;
            }
            Correction::EditEvent { evidence, kind, .. } => {
                write!(f, "edit {} event at {}", kind.code(), short(&evidence.text))?;
            }
            Correction::DeleteEvent { evidence, kind } => {
                write!(
                    f,
                    "delete {} event at {}",
                    kind.code(),
                    short(&evidence.text)
                )?;
            }
            Correction::AddEvent { evidence, fields } => {
                write!(
                    f,
                    "add {} event at {}",
                    fields.kind.code(),
                    short(&evidence.text)
                )?;
            }
        }
        match self.anchors().first() {
            Some(anchor) => write!(
                f,
                " ({}, bytes {}..{})",
                anchor.doc_id, anchor.start, anchor.end
            ),
            None => Ok(()),
        }
    }
}

/// The researcher's edits, in the order they were made (the sidecar's content).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Corrections {
    /// Sidecar format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The edits, applied in this order.
    pub corrections: Vec<Correction>,
}

impl Default for Corrections {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            corrections: Vec::new(),
        }
    }
}

impl Corrections {
    /// True when there is no edit.
    pub fn is_empty(&self) -> bool {
        self.corrections.is_empty()
    }

    /// Number of edits.
    pub fn len(&self) -> usize {
        self.corrections.len()
    }

    /// Appends an edit.
    pub fn push(&mut self, correction: Correction) {
        self.corrections.push(correction);
    }

    /// The sidecar text: pretty RON, one field per line.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(6)
            .indentor("  ".to_owned())
            .separate_tuple_members(false)
            .enumerate_arrays(false);
        ron::ser::to_string_pretty(self, config)
    }

    /// Parses a sidecar text.
    pub fn from_ron(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str, start: usize) -> Anchor {
        Anchor {
            doc_id: "d1".into(),
            text: text.into(),
            start,
            end: start + text.len(),
        }
    }

    #[test]
    fn every_kind_round_trips_through_ron() {
        let fields = EventFields {
            kind: EventKind::Forum,
            date_start: PartialDate::ymd(2017, 5, 16),
            date_end: None,
            places: vec!["Lyon".into()],
            participants: Vec::new(),
        };
        let corrections = Corrections {
            version: FORMAT_VERSION,
            corrections: vec![
                Correction::Rename {
                    mention: anchor("Poutine", 3),
                    kind: EntityKind::Person,
                    to: "Vladimir Poutine".into(),
                },
                Correction::Merge {
                    from: anchor("a", 0),
                    from_kind: EntityKind::Person,
                    into: anchor("b", 9),
                    into_kind: EntityKind::Organisation,
                },
                Correction::SplitAlias {
                    mention: anchor("x", 1),
                    kind: EntityKind::Place,
                    to: "X".into(),
                },
                Correction::MarkWrong {
                    mention: anchor("Lundi", 0),
                    kind: EntityKind::Person,
                    fix: MentionFix::NotAnEntity,
                },
                Correction::MarkWrong {
                    mention: anchor("Total", 0),
                    kind: EntityKind::Person,
                    fix: MentionFix::Kind(EntityKind::Organisation),
                },
                Correction::AddMention {
                    mention: anchor("Kazan", 40),
                    kind: EntityKind::Place,
                    canonical: String::new(),
                },
                Correction::EditEvent {
                    evidence: anchor("Un forum « s’ouvre »\nà Lyon.", 2),
                    kind: EventKind::Meeting,
                    fields: fields.clone(),
                },
                Correction::DeleteEvent {
                    evidence: anchor("phrase", 5),
                    kind: EventKind::Other,
                },
                Correction::AddEvent {
                    evidence: anchor("phrase", 5),
                    fields,
                },
            ],
        };
        let text = corrections.to_ron().unwrap();
        assert!(text.contains("Rename("), "{text}");
        assert!(text.contains("\"2017-05-16\""), "{text}");
        assert_eq!(Corrections::from_ron(&text).unwrap(), corrections);
    }

    #[test]
    fn a_hand_written_sidecar_with_omitted_fields_parses() {
        let text = r#"(corrections: [
            AddEvent(evidence: (doc_id: "d", text: "t", start: 0, end: 1),
                     fields: (kind: forum)),
        ])"#;
        let parsed = Corrections::from_ron(text).unwrap();
        assert_eq!(parsed.version, FORMAT_VERSION);
        assert_eq!(parsed.len(), 1);
    }

    #[test]
    fn display_is_one_short_line() {
        let long = "x".repeat(200) + "\nsuite";
        let correction = Correction::DeleteEvent {
            evidence: anchor(&long, 7),
            kind: EventKind::Forum,
        };
        let line = correction.to_string();
        assert!(!line.contains('\n'), "{line}");
        assert!(line.chars().count() < 120, "{line}");
        assert!(line.contains("d1, bytes 7.."), "{line}");
    }
}
