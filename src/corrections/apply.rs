//! Applying corrections to a fresh extraction: each anchor is found again (same text at
//! the recorded offsets, else the nearest occurrence of the text in the same document), then
//! the edit is made; an edit whose anchor cannot be found is reported as orphaned.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{AnalysedDoc, EntityKind, Event, EventKind, Mention, Name, Span};
use crate::text::fold;

use super::{Anchor, Correction, Corrections, EventFields, MentionFix};

/// Why a correction could not be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrphanReason {
    /// No document has the anchor's id.
    UnknownDocument,
    /// The anchor's text is no longer in the document.
    TextNotFound,
    /// The text is there but no mention covers it any more.
    NoMention,
    /// The text is there but no event of that kind is read from it any more.
    NoEvent,
}

impl fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrphanReason::UnknownDocument => "the document is not in the corpus",
            OrphanReason::TextNotFound => "the text is no longer in the document",
            OrphanReason::NoMention => "no mention is found at that text any more",
            OrphanReason::NoEvent => "no such event is read from that text any more",
        })
    }
}

/// A correction kept but not applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orphan {
    /// Its position in [`Corrections::corrections`].
    pub index: usize,
    /// The correction.
    pub correction: Correction,
    /// Why.
    pub reason: OrphanReason,
}

impl fmt::Display for Orphan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "correction #{} not applied: {}: {}",
            self.index + 1,
            self.correction,
            self.reason
        )
    }
}

/// What [`apply`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyReport {
    /// Corrections applied.
    pub applied: usize,
    /// Corrections whose anchor was not found, in order.
    pub orphaned: Vec<Orphan>,
}

/// Applies `corrections` in order to the documents (after extraction and alias linking).
/// Never panics and never drops a correction: those that cannot be applied are reported.
pub fn apply(corrections: &Corrections, docs: &mut [AnalysedDoc]) -> ApplyReport {
    // owned ids: `docs` is mutated while the map is in use
    let by_id: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .map(|(ix, d)| (d.doc.doc_id.clone(), ix))
        .collect();
    let mut report = ApplyReport::default();
    for (index, correction) in corrections.corrections.iter().enumerate() {
        match apply_one(correction, docs, &by_id) {
            Ok(()) => report.applied += 1,
            Err(reason) => report.orphaned.push(Orphan {
                index,
                correction: correction.clone(),
                reason,
            }),
        }
    }
    report
}

/// An entity as the store groups mentions: kind and folded canonical name.
type EntityKey = (EntityKind, String);

fn key_of(mention: &Mention) -> EntityKey {
    (mention.kind, fold(&mention.canonical))
}

fn apply_one(
    correction: &Correction,
    docs: &mut [AnalysedDoc],
    by_id: &HashMap<String, usize>,
) -> Result<(), OrphanReason> {
    match correction {
        Correction::Rename { mention, kind, to } => {
            let (doc, ix) = find_mention(docs, by_id, mention, *kind)?;
            let key = mention_key(docs, doc, ix)?;
            rename_entity(docs, &key, key.0, to);
        }
        Correction::Merge {
            from,
            from_kind,
            into,
            into_kind,
        } => {
            let (from_doc, from_ix) = find_mention(docs, by_id, from, *from_kind)?;
            let (into_doc, into_ix) = find_mention(docs, by_id, into, *into_kind)?;
            let from_key = mention_key(docs, from_doc, from_ix)?;
            let target = docs
                .get(into_doc)
                .and_then(|d| d.analysis.mentions.get(into_ix))
                .map(|m| (m.kind, m.canonical.clone()))
                .ok_or(OrphanReason::NoMention)?;
            rename_entity(docs, &from_key, target.0, &target.1);
        }
        Correction::SplitAlias { mention, kind, to } => {
            let (doc, ix) = find_mention(docs, by_id, mention, *kind)?;
            let key = mention_key(docs, doc, ix)?;
            for analysed in docs.iter_mut() {
                let body = &analysed.doc.body;
                for m in &mut analysed.analysis.mentions {
                    if m.span.text(body) == mention.text && key_of(m) == key {
                        m.canonical = Name::from(to.as_str());
                    }
                }
            }
        }
        Correction::MarkWrong { mention, kind, fix } => {
            let (doc, ix) = find_mention(docs, by_id, mention, *kind)?;
            let mentions = &mut docs
                .get_mut(doc)
                .ok_or(OrphanReason::UnknownDocument)?
                .analysis
                .mentions;
            match fix {
                MentionFix::NotAnEntity => {
                    if ix < mentions.len() {
                        mentions.remove(ix);
                    }
                }
                MentionFix::Kind(new_kind) => {
                    if let Some(m) = mentions.get_mut(ix) {
                        m.kind = *new_kind;
                    }
                }
            }
        }
        Correction::AddMention {
            mention,
            kind,
            canonical,
        } => {
            let doc = doc_of(by_id, mention)?;
            let analysed = docs.get_mut(doc).ok_or(OrphanReason::UnknownDocument)?;
            let span = nearest_occurrences(&analysed.doc.body, mention)
                .first()
                .copied()
                .ok_or(OrphanReason::TextNotFound)?;
            let canonical = if canonical.trim().is_empty() {
                mention.text.clone()
            } else {
                canonical.clone()
            };
            add_mention(&mut analysed.analysis.mentions, span, *kind, canonical);
        }
        Correction::EditEvent {
            evidence,
            kind,
            fields,
        } => {
            let (doc, ix) = find_event(docs, by_id, evidence, *kind)?;
            if let Some(event) = docs
                .get_mut(doc)
                .and_then(|d| d.analysis.events.get_mut(ix))
            {
                set_fields(event, fields);
            }
        }
        Correction::DeleteEvent { evidence, kind } => {
            let (doc, ix) = find_event(docs, by_id, evidence, *kind)?;
            if let Some(analysed) = docs.get_mut(doc)
                && ix < analysed.analysis.events.len()
            {
                analysed.analysis.events.remove(ix);
            }
        }
        Correction::AddEvent { evidence, fields } => {
            let doc = doc_of(by_id, evidence)?;
            let analysed = docs.get_mut(doc).ok_or(OrphanReason::UnknownDocument)?;
            let span = nearest_occurrences(&analysed.doc.body, evidence)
                .first()
                .copied()
                .ok_or(OrphanReason::TextNotFound)?;
            add_event(&mut analysed.analysis.events, span, fields);
        }
    }
    Ok(())
}

fn mention_key(docs: &[AnalysedDoc], doc: usize, ix: usize) -> Result<EntityKey, OrphanReason> {
    docs.get(doc)
        .and_then(|d| d.analysis.mentions.get(ix))
        .map(key_of)
        .ok_or(OrphanReason::NoMention)
}

/// Gives every mention of the entity `key` the kind and canonical name of the target, and
/// renames it in event participants and places.
fn rename_entity(docs: &mut [AnalysedDoc], key: &EntityKey, kind: EntityKind, to: &str) {
    let to_name = Name::from(to);
    for analysed in docs.iter_mut() {
        let mut renamed = false;
        for m in &mut analysed.analysis.mentions {
            if key_of(m) == *key {
                m.kind = kind;
                m.canonical = to_name.clone();
                renamed = true;
            }
        }
        if !renamed && analysed.analysis.events.is_empty() {
            continue;
        }
        for event in &mut analysed.analysis.events {
            for names in [&mut event.participants, &mut event.places] {
                let mut changed = false;
                for name in names.iter_mut() {
                    if fold(name) == key.1 {
                        *name = to_name.clone();
                        changed = true;
                    }
                }
                if changed {
                    let mut seen = Vec::new();
                    names.retain(|n| {
                        let is_new = !seen.contains(n);
                        if is_new {
                            seen.push(n.clone());
                        }
                        is_new
                    });
                }
            }
        }
    }
}

fn add_mention(mentions: &mut Vec<Mention>, span: Span, kind: EntityKind, canonical: String) {
    if let Some(existing) = mentions
        .iter_mut()
        .find(|m| m.span == span && m.kind == kind)
    {
        existing.canonical = canonical.into();
        return;
    }
    let order = |s: &Span| (s.start(), std::cmp::Reverse(s.end()));
    let at = mentions.partition_point(|m| order(&m.span) <= order(&span));
    mentions.insert(
        at,
        Mention {
            span,
            kind,
            canonical: canonical.into(),
        },
    );
}

fn set_fields(event: &mut Event, fields: &EventFields) {
    event.kind = fields.kind;
    event.date_start = fields.date_start;
    event.date_end = fields.date_end;
    let shared = |names: &[String]| names.iter().map(|n| Name::from(n.as_str())).collect();
    event.places = shared(&fields.places);
    event.participants = shared(&fields.participants);
}

fn add_event(events: &mut Vec<Event>, span: Span, fields: &EventFields) {
    if let Some(existing) = events
        .iter_mut()
        .find(|e| e.evidence == span && e.kind == fields.kind)
    {
        set_fields(existing, fields);
        return;
    }
    let mut event = Event {
        kind: fields.kind,
        date_start: None,
        date_end: None,
        places: Vec::new(),
        participants: Vec::new(),
        evidence: span,
        name: None,
    };
    set_fields(&mut event, fields);
    let at = events.partition_point(|e| e.evidence.start() <= span.start());
    events.insert(at, event);
}

fn doc_of(by_id: &HashMap<String, usize>, anchor: &Anchor) -> Result<usize, OrphanReason> {
    by_id
        .get(&anchor.doc_id)
        .copied()
        .ok_or(OrphanReason::UnknownDocument)
}

/// The spans where the anchor's text occurs in `body`, nearest to the recorded offset
/// first (the recorded span itself when it still holds the text; ties: the earlier one).
fn nearest_occurrences(body: &str, anchor: &Anchor) -> Vec<Span> {
    if anchor.text.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Span> = body
        .match_indices(anchor.text.as_str())
        .map(|(at, text)| Span::new(at, at + text.len()))
        .collect();
    found.sort_by_key(|s| (s.start().abs_diff(anchor.start), s.start()));
    found
}

/// The item (mention or event) the anchor points at, as (document, index in `items`):
/// at the nearest occurrence of its text, the first item `is_exact` accepts; else the
/// first `is_close` accepts at any occurrence, nearest first.
fn find_item<T>(
    docs: &[AnalysedDoc],
    by_id: &HashMap<String, usize>,
    anchor: &Anchor,
    items: impl Fn(&AnalysedDoc) -> &[T],
    is_exact: impl Fn(&T, Span) -> bool,
    is_close: impl Fn(&T, Span) -> bool,
    missing: OrphanReason,
) -> Result<(usize, usize), OrphanReason> {
    let doc = doc_of(by_id, anchor)?;
    let analysed = docs.get(doc).ok_or(OrphanReason::UnknownDocument)?;
    let items = items(analysed);
    let spans = nearest_occurrences(&analysed.doc.body, anchor);
    if spans.is_empty() {
        return Err(OrphanReason::TextNotFound);
    }
    let mut close = None;
    for span in spans {
        if let Some(ix) = items.iter().position(|item| is_exact(item, span)) {
            return Ok((doc, ix));
        }
        if close.is_none() {
            close = items.iter().position(|item| is_close(item, span));
        }
    }
    close.map(|ix| (doc, ix)).ok_or(missing)
}

/// The mention the anchor points at: at the nearest occurrence of its text that carries a
/// mention of the recorded kind, else of any kind.
fn find_mention(
    docs: &[AnalysedDoc],
    by_id: &HashMap<String, usize>,
    anchor: &Anchor,
    kind: EntityKind,
) -> Result<(usize, usize), OrphanReason> {
    find_item(
        docs,
        by_id,
        anchor,
        |d| &d.analysis.mentions,
        |m, span| m.span == span && m.kind == kind,
        |m, span| m.span == span,
        OrphanReason::NoMention,
    )
}

/// The event the anchor points at: an event of the recorded kind whose evidence is the
/// nearest occurrence of the text, else one whose evidence overlaps it (the extractor cut
/// the sentence differently).
fn find_event(
    docs: &[AnalysedDoc],
    by_id: &HashMap<String, usize>,
    anchor: &Anchor,
    kind: EventKind,
) -> Result<(usize, usize), OrphanReason> {
    find_item(
        docs,
        by_id,
        anchor,
        |d| &d.analysis.events,
        |e, span| e.evidence == span && e.kind == kind,
        |e, span| e.kind == kind && e.evidence.overlaps(&span),
        OrphanReason::NoEvent,
    )
}

#[cfg(test)]
mod tests;
