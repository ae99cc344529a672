//! iCalendar export (RFC 5545): one all-day VEVENT per event whose date has a year.
//!
//! `DTSTART;VALUE=DATE` is the first day the start date can denote and `DTEND;VALUE=DATE` the
//! day after the last day the end (or start) date can denote, since an all-day DTEND is
//! exclusive: `2017-05-16..2017-05-17` → `20170516`/`20170518`, `2017-05` →
//! `20170501`/`20170601`. Undated and year-less events are skipped and counted. UIDs are a
//! hash of the event's content and source document, so re-exports update rather than
//! duplicate calendar entries. Text is escaped and lines are folded at 75 octets.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};

use super::rows::{EventRow, LIST_SEPARATOR, precision_code};
use crate::model::PartialDate;

/// Longest content line in octets, line break excluded (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// A rendered calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Calendar {
    /// The `.ics` text (CRLF line ends).
    pub text: String,
    /// VEVENTs written.
    pub written: usize,
    /// Events skipped for lack of a year.
    pub skipped: usize,
}

/// The all-day range `[start, end)` of an event, or `None` when it has no dated year.
pub(crate) fn day_range(row: &EventRow) -> Option<(NaiveDate, NaiveDate)> {
    let start = row.date_start?;
    let year = start.year?;
    let first = start.first_day()?;
    let end: PartialDate = match row.date_end {
        Some(end) if end.year.is_some() => end,
        Some(end) => end.with_year(year),
        None => start,
    };
    let last = end.last_day().unwrap_or(first).max(first);
    Some((first, last.succ_opt()?))
}

/// Escapes a TEXT value: backslash, `;`, `,` and line breaks; other control characters go.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line folded at 75 octets (never inside a UTF-8 character), CRLF ended.
pub(crate) fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1; // the leading space counts
    }
}

/// FNV-1a, 64 bits: a hash that stays the same across runs, versions and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A UID from the event's document and content (not its position in the export).
fn base_uid(row: &EventRow) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        row.doc_id,
        row.kind.code(),
        row.date_start.map(|d| d.to_iso()).unwrap_or_default(),
        row.date_end.map(|d| d.to_iso()).unwrap_or_default(),
        row.evidence.start,
        row.evidence.end,
        row.places.join("\u{1e}"),
        row.participants.join("\u{1e}"),
    );
    format!("{}-{:016x}@passerelle", row.doc_id, fnv1a(key.as_bytes()))
}

fn summary(row: &EventRow) -> String {
    let kind = row.kind.code().replace('_', " ");
    let detail = row.name.clone().or_else(|| {
        let names: Vec<&str> = row
            .participants
            .iter()
            .chain(&row.places)
            .map(String::as_str)
            .take(3)
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    });
    match detail {
        Some(detail) => format!("{kind}: {detail}"),
        None => kind,
    }
}

fn description(row: &EventRow) -> String {
    let mut text = row.evidence.text.trim().to_owned();
    let _ = write!(
        text,
        "\n\nSource: {} (date {}",
        row.doc_id,
        row.date_start.map(|d| d.to_iso()).unwrap_or_default()
    );
    if let Some(end) = row.date_end {
        let _ = write!(text, " – {}", end.to_iso());
    }
    if let Some(precision) = row.precision {
        let _ = write!(text, ", precision: {}", precision_code(precision));
    }
    text.push(')');
    if !row.participants.is_empty() {
        let _ = write!(
            text,
            "\nParticipants: {}",
            row.participants.join(LIST_SEPARATOR)
        );
    }
    text
}

/// Renders the events as a VCALENDAR stamped `stamp` (DTSTAMP).
pub(crate) fn render(events: &[EventRow], stamp: DateTime<Utc>) -> Calendar {
    let mut text = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Passerelle//Passerelle export//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Passerelle",
    ] {
        push_folded(&mut text, line);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let (mut written, mut skipped) = (0, 0);
    for row in events {
        let Some((first, end)) = day_range(row) else {
            skipped += 1;
            continue;
        };
        let base = base_uid(row);
        let repeat = seen.entry(base.clone()).or_insert(0);
        *repeat += 1;
        let uid = if *repeat == 1 {
            base
        } else {
            base.replacen('@', &format!("-{repeat}@"), 1)
        };
        push_folded(&mut text, "BEGIN:VEVENT");
        push_folded(&mut text, &format!("UID:{uid}"));
        push_folded(&mut text, &format!("DTSTAMP:{stamp}"));
        push_folded(
            &mut text,
            &format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")),
        );
        push_folded(
            &mut text,
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        );
        push_folded(
            &mut text,
            &format!("SUMMARY:{}", escape_text(&summary(row))),
        );
        if !row.places.is_empty() {
            push_folded(
                &mut text,
                &format!("LOCATION:{}", escape_text(&row.places.join(", "))),
            );
        }
        push_folded(
            &mut text,
            &format!("DESCRIPTION:{}", escape_text(&description(row))),
        );
        push_folded(
            &mut text,
            &format!("CATEGORIES:{}", escape_text(row.kind.code())),
        );
        push_folded(&mut text, "TRANSP:TRANSPARENT");
        push_folded(&mut text, "END:VEVENT");
        written += 1;
    }
    push_folded(&mut text, "END:VCALENDAR");
    Calendar {
        text,
        written,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::What;
    use crate::export::rows::{Rows, fixtures};
    use icalendar::parser::{read_calendar, unfold};

    fn events() -> Vec<EventRow> {
        let Rows::Events(events) = fixtures::rows(What::Events) else {
            panic!("not events");
        };
        events
    }

    fn stamp() -> DateTime<Utc> {
        DateTime::from_timestamp(1_500_000_000, 0).unwrap()
    }

    fn value(component: &icalendar::parser::Component<'_>, name: &str) -> String {
        component
            .find_prop(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .val
            .clone()
            .unescape_text()
            .as_str()
            .to_owned()
    }

    #[test]
    fn parses_back_with_all_day_exclusive_ends_and_escaped_text() {
        let events = events();
        let calendar = render(&events, stamp());
        assert_eq!((calendar.written, calendar.skipped), (2, 1));
        for line in calendar.text.split("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line:?}");
        }
        assert!(calendar.text.ends_with("END:VCALENDAR\r\n"));
        let unfolded = unfold(&calendar.text);
        let parsed = read_calendar(&unfolded).unwrap();
        assert!(
            parsed
                .properties
                .iter()
                .any(|p| p.name == "VERSION" && p.val == "2.0")
        );
        let vevents: Vec<_> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(vevents.len(), 2);
        let forum = vevents[0];
        assert_eq!(value(forum, "DTSTART"), "20170516");
        assert_eq!(value(forum, "DTEND"), "20170518");
        let dtstart = forum.find_prop("DTSTART").unwrap();
        assert!(
            dtstart
                .params
                .iter()
                .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| v.as_str() == "DATE"))
        );
        assert_eq!(
            value(forum, "SUMMARY"),
            "forum: @Forum, \"franco-russe\"; édition 1"
        );
        let description = value(forum, "DESCRIPTION");
        assert!(
            description.starts_with(&events[0].evidence.text),
            "{description}"
        );
        assert!(description.contains("Source: doc-a"));
        let month = vevents[1];
        assert_eq!(value(month, "DTSTART"), "20191001");
        assert_eq!(value(month, "DTEND"), "20191101");
        assert_eq!(value(month, "LOCATION"), "Kazan, Lyon");
        // Through the high-level model too.
        let model: icalendar::Calendar = parsed.into();
        assert_eq!(model.components.len(), 2);
    }

    #[test]
    fn uids_are_stable_and_unique() {
        let mut events = events();
        let first = render(&events, stamp()).text;
        let again = render(&events, Utc::now()).text;
        let uids = |text: &str| -> Vec<String> {
            unfold(text)
                .lines()
                .filter_map(|l| l.strip_prefix("UID:").map(str::to_owned))
                .collect()
        };
        assert_eq!(uids(&first), uids(&again));
        // Removing the first event does not change the others' UIDs.
        let later = uids(&first)[1].clone();
        events.remove(0);
        assert_eq!(uids(&render(&events, stamp()).text), [later]);
        // Identical events still get distinct UIDs.
        let twin = events[0].clone();
        events.push(twin);
        let twins = uids(&render(&events, stamp()).text);
        assert_eq!(twins.len(), 2);
        assert_ne!(twins[0], twins[1]);
    }

    #[test]
    fn folding_never_splits_a_character_and_unfolds_to_the_original() {
        let line = format!("DESCRIPTION:{}", "é€a".repeat(60));
        let mut out = String::new();
        push_folded(&mut out, &line);
        for part in out.split("\r\n") {
            assert!(part.len() <= MAX_LINE_OCTETS);
        }
        assert_eq!(unfold(&out).trim_end(), line);
    }

    #[test]
    fn date_ranges_follow_precision() {
        let mut row = events()[0].clone();
        row.date_end = PartialDate::parse_iso("--05-20");
        assert_eq!(
            day_range(&row).map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2017-05-16".into(), "2017-05-21".into()))
        );
        row.date_start = PartialDate::parse_iso("2016");
        row.date_end = None;
        assert_eq!(
            day_range(&row).map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2016-01-01".into(), "2017-01-01".into()))
        );
        row.date_start = None;
        assert!(day_range(&row).is_none());
    }

    #[test]
    fn an_empty_calendar_is_still_valid() {
        let calendar = render(&[], stamp());
        assert_eq!((calendar.written, calendar.skipped), (0, 0));
        let unfolded = unfold(&calendar.text);
        let parsed = read_calendar(&unfolded).unwrap();
        assert!(parsed.components.is_empty());
    }
}
