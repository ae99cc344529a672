//! Unit tests of [`super::apply`]: every kind of correction, anchors that moved, orphans.

use super::*;
use crate::model::{Analysis, Document, PartialDate};

const BODY: &str = "Vladimir Poutine a reçu Poutine à Moscou. Le forum de Kazan aura lieu en mai. \
                    Poutine et Total à Moscou.";

fn span_of(body: &str, text: &str, nth: usize) -> Span {
    let (at, _) = body.match_indices(text).nth(nth).unwrap();
    Span::new(at, at + text.len())
}

fn mention(body: &str, text: &str, nth: usize, kind: EntityKind, canonical: &str) -> Mention {
    Mention {
        span: span_of(body, text, nth),
        kind,
        canonical: canonical.into(),
    }
}

fn forum_event(body: &str) -> Event {
    Event {
        kind: EventKind::Forum,
        date_start: PartialDate::year_month(2017, 5),
        date_end: None,
        places: vec!["Kazan".into()],
        participants: vec!["Vladimir Poutine".into()],
        evidence: span_of(body, "Le forum de Kazan aura lieu en mai.", 0),
        name: None,
    }
}

/// One document with a person under two surface forms, a place, a wrong person ("Total").
fn corpus_with(body: &str) -> Vec<AnalysedDoc> {
    let per = EntityKind::Person;
    let mentions = vec![
        mention(body, "Vladimir Poutine", 0, per, "Vladimir Poutine"),
        mention(body, "Moscou", 0, EntityKind::Place, "Moscou"),
        mention(body, "Poutine", 2, per, "Vladimir Poutine"),
        mention(body, "Total", 0, per, "Total"),
        mention(body, "Moscou", 1, EntityKind::Place, "Moscou"),
    ];
    let mut mentions = mentions;
    mentions.sort_by_key(|m| m.span);
    vec![AnalysedDoc {
        doc: Document::from_text("d1", body),
        analysis: Analysis {
            mentions,
            events: vec![forum_event(body)],
        },
    }]
}

fn corpus() -> Vec<AnalysedDoc> {
    corpus_with(BODY)
}

fn anchor(text: &str, nth: usize) -> Anchor {
    Anchor::of("d1", BODY, span_of(BODY, text, nth)).unwrap()
}

fn run(corrections: Vec<Correction>, docs: &mut [AnalysedDoc]) -> ApplyReport {
    apply(
        &Corrections {
            corrections,
            ..Corrections::default()
        },
        docs,
    )
}

fn canonicals(docs: &[AnalysedDoc]) -> Vec<(String, EntityKind, String)> {
    let d = &docs[0];
    d.analysis
        .mentions
        .iter()
        .map(|m| {
            (
                m.span.text(&d.doc.body).to_owned(),
                m.kind,
                m.canonical.to_string(),
            )
        })
        .collect()
}

fn forum_fields() -> EventFields {
    EventFields {
        kind: EventKind::Conference,
        date_start: PartialDate::ymd(2017, 5, 16),
        date_end: PartialDate::ymd(2017, 5, 17),
        places: vec!["Kazan".into(), "Moscou".into()],
        participants: Vec::new(),
    }
}

#[test]
fn rename_changes_every_mention_and_event_participants() {
    let mut docs = corpus();
    let report = run(
        vec![Correction::Rename {
            mention: anchor("Poutine", 2),
            kind: EntityKind::Person,
            to: "V. V. Poutine".into(),
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    let renamed = canonicals(&docs)
        .into_iter()
        .filter(|(_, _, c)| c == "V. V. Poutine")
        .count();
    assert_eq!(renamed, 2);
    assert_eq!(
        docs[0].analysis.events[0].participants,
        vec![crate::model::Name::from("V. V. Poutine")]
    );
}

#[test]
fn merge_moves_one_entity_into_another_with_its_kind() {
    let mut docs = corpus();
    let report = run(
        vec![Correction::Merge {
            from: anchor("Total", 0),
            from_kind: EntityKind::Person,
            into: anchor("Moscou", 0),
            into_kind: EntityKind::Place,
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    assert!(
        canonicals(&docs).contains(&("Total".into(), EntityKind::Place, "Moscou".into())),
        "{:?}",
        canonicals(&docs)
    );
}

#[test]
fn split_alias_takes_only_that_surface_form() {
    let mut docs = corpus();
    let report = run(
        vec![Correction::SplitAlias {
            mention: anchor("Poutine", 2),
            kind: EntityKind::Person,
            to: "Poutine (autre)".into(),
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    let names = canonicals(&docs);
    assert!(names.contains(&(
        "Vladimir Poutine".into(),
        EntityKind::Person,
        "Vladimir Poutine".into()
    )));
    assert!(names.contains(&(
        "Poutine".into(),
        EntityKind::Person,
        "Poutine (autre)".into()
    )));
}

#[test]
fn mark_wrong_drops_a_mention_or_changes_its_kind() {
    let mut docs = corpus();
    let report = run(
        vec![
            Correction::MarkWrong {
                mention: anchor("Total", 0),
                kind: EntityKind::Person,
                fix: MentionFix::Kind(EntityKind::Organisation),
            },
            Correction::MarkWrong {
                mention: anchor("Moscou", 1),
                kind: EntityKind::Place,
                fix: MentionFix::NotAnEntity,
            },
        ],
        &mut docs,
    );
    assert_eq!(report.applied, 2, "{report:?}");
    let names = canonicals(&docs);
    assert!(names.contains(&("Total".into(), EntityKind::Organisation, "Total".into())));
    assert_eq!(names.iter().filter(|(t, _, _)| t == "Moscou").count(), 1);
    assert_eq!(
        docs[0].analysis.mentions[1].span,
        span_of(BODY, "Moscou", 0),
        "the first Moscou is kept"
    );
}

#[test]
fn add_mention_inserts_in_order_and_may_nest() {
    let mut docs = corpus();
    let report = run(
        vec![
            Correction::AddMention {
                mention: anchor("forum de Kazan", 0),
                kind: EntityKind::Organisation,
                canonical: "Forum de Kazan".into(),
            },
            Correction::AddMention {
                mention: anchor("Kazan", 0),
                kind: EntityKind::Place,
                canonical: String::new(),
            },
        ],
        &mut docs,
    );
    assert_eq!(report.applied, 2);
    let mentions = &docs[0].analysis.mentions;
    let starts: Vec<usize> = mentions.iter().map(|m| m.span.start()).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    let kazan = mentions
        .iter()
        .find(|m| m.span.text(BODY) == "Kazan")
        .unwrap();
    assert_eq!(&*kazan.canonical, "Kazan", "an empty canonical is the text");
    let forum = mentions
        .iter()
        .find(|m| m.kind == EntityKind::Organisation)
        .unwrap();
    assert!(forum.span.contains(&kazan.span));
}

#[test]
fn edit_delete_and_add_events() {
    let evidence = anchor("Le forum de Kazan aura lieu en mai.", 0);
    let mut docs = corpus();
    let report = run(
        vec![Correction::EditEvent {
            evidence: evidence.clone(),
            kind: EventKind::Forum,
            fields: forum_fields(),
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    let event = &docs[0].analysis.events[0];
    assert_eq!(event.kind, EventKind::Conference);
    assert_eq!(event.date_end, PartialDate::ymd(2017, 5, 17));
    assert_eq!(event.places.len(), 2);

    let mut docs = corpus();
    let report = run(
        vec![Correction::DeleteEvent {
            evidence: evidence.clone(),
            kind: EventKind::Forum,
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    assert!(docs[0].analysis.events.is_empty());

    let mut docs = corpus();
    let sentence = anchor("Vladimir Poutine a reçu Poutine à Moscou.", 0);
    let report = run(
        vec![Correction::AddEvent {
            evidence: sentence.clone(),
            fields: EventFields {
                kind: EventKind::Visit,
                ..forum_fields()
            },
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    let events = &docs[0].analysis.events;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind, EventKind::Visit, "kept in text order");
    assert_eq!(events[0].evidence, sentence.span());
}

#[test]
fn corrections_apply_in_order_so_later_ones_see_earlier_ones() {
    let mut docs = corpus();
    let evidence = anchor("Le forum de Kazan aura lieu en mai.", 0);
    let report = run(
        vec![
            Correction::EditEvent {
                evidence: evidence.clone(),
                kind: EventKind::Forum,
                fields: forum_fields(),
            },
            // the edit made it a conference: deleting "the forum" now finds nothing
            Correction::DeleteEvent {
                evidence: evidence.clone(),
                kind: EventKind::Forum,
            },
            Correction::DeleteEvent {
                evidence,
                kind: EventKind::Conference,
            },
        ],
        &mut docs,
    );
    assert_eq!(report.applied, 2);
    assert_eq!(report.orphaned.len(), 1);
    assert_eq!(report.orphaned[0].index, 1);
    assert_eq!(report.orphaned[0].reason, OrphanReason::NoEvent);
    assert!(docs[0].analysis.events.is_empty());
}

#[test]
fn anchors_follow_text_that_moved() {
    // a new decoder kept a header line: every offset shifts by 12 bytes
    let shifted = format!("Publié hier\n{BODY}");
    let mut docs = corpus_with(&shifted);
    let report = run(
        vec![
            Correction::Rename {
                mention: anchor("Poutine", 2),
                kind: EntityKind::Person,
                to: "V. Poutine".into(),
            },
            Correction::AddMention {
                mention: anchor("Kazan", 0),
                kind: EntityKind::Place,
                canonical: String::new(),
            },
            Correction::DeleteEvent {
                evidence: anchor("Le forum de Kazan aura lieu en mai.", 0),
                kind: EventKind::Forum,
            },
        ],
        &mut docs,
    );
    assert_eq!(report.applied, 3, "{report:?}");
    assert!(docs[0].analysis.events.is_empty());
    let kazan = docs[0]
        .analysis
        .mentions
        .iter()
        .find(|m| &*m.canonical == "Kazan")
        .unwrap();
    assert_eq!(kazan.span.text(&shifted), "Kazan");
}

#[test]
fn the_nearest_occurrence_wins() {
    // "Moscou" twice: an anchor recorded near the second finds the second
    let mut recorded = anchor("Moscou", 1);
    recorded.start += 3;
    recorded.end += 3;
    let mut docs = corpus();
    let report = run(
        vec![Correction::MarkWrong {
            mention: recorded,
            kind: EntityKind::Place,
            fix: MentionFix::NotAnEntity,
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    let left: Vec<Span> = docs[0]
        .analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| m.span)
        .collect();
    assert_eq!(left, vec![span_of(BODY, "Moscou", 0)]);
}

#[test]
fn a_mention_whose_kind_changed_is_still_found() {
    let mut docs = corpus();
    docs[0].analysis.mentions[3].kind = EntityKind::Organisation; // Total: now ORG
    let report = run(
        vec![Correction::Rename {
            mention: anchor("Total", 0),
            kind: EntityKind::Person,
            to: "TotalEnergies".into(),
        }],
        &mut docs,
    );
    assert_eq!(report.applied, 1);
    assert!(canonicals(&docs).contains(&(
        "Total".into(),
        EntityKind::Organisation,
        "TotalEnergies".into()
    )));
}

#[test]
fn orphans_are_reported_with_their_reason_and_nothing_else_changes() {
    let mut docs = corpus();
    let before = docs.clone();
    let mut other_doc = anchor("Poutine", 0);
    other_doc.doc_id = "gone".into();
    let mut missing_text = anchor("Poutine", 0);
    missing_text.text = "Medvedev".into();
    let report = run(
        vec![
            Correction::Rename {
                mention: other_doc,
                kind: EntityKind::Person,
                to: "X".into(),
            },
            Correction::Rename {
                mention: missing_text.clone(),
                kind: EntityKind::Person,
                to: "X".into(),
            },
            Correction::MarkWrong {
                mention: anchor("Le forum", 0),
                kind: EntityKind::Person,
                fix: MentionFix::NotAnEntity,
            },
            Correction::AddMention {
                mention: missing_text,
                kind: EntityKind::Person,
                canonical: String::new(),
            },
            Correction::DeleteEvent {
                evidence: anchor("Vladimir", 0),
                kind: EventKind::Forum,
            },
        ],
        &mut docs,
    );
    assert_eq!(report.applied, 0);
    let reasons: Vec<OrphanReason> = report.orphaned.iter().map(|o| o.reason).collect();
    assert_eq!(
        reasons,
        vec![
            OrphanReason::UnknownDocument,
            OrphanReason::TextNotFound,
            OrphanReason::NoMention,
            OrphanReason::TextNotFound,
            OrphanReason::NoEvent,
        ]
    );
    assert_eq!(docs, before);
    let line = report.orphaned[1].to_string();
    assert!(
        line.starts_with("correction #2 not applied: rename «Medvedev»"),
        "{line}"
    );
}

#[test]
fn a_wild_anchor_is_an_orphan_not_a_panic() {
    let mut docs = corpus();
    let wild = Anchor {
        doc_id: "d1".into(),
        text: String::new(),
        start: usize::MAX - 1,
        end: 3,
    };
    let report = run(
        vec![
            Correction::AddMention {
                mention: wild.clone(),
                kind: EntityKind::Person,
                canonical: String::new(),
            },
            Correction::AddEvent {
                evidence: wild,
                fields: forum_fields(),
            },
        ],
        &mut docs,
    );
    assert_eq!(report.orphaned.len(), 2);
}
