//! The data every layer shares: documents, mentions, events and dates of known precision.
//!
//! Nothing here knows about files, extraction rules or the GUI; these are plain values that
//! serialise to the `extract` JSON contract (see `DESIGN.md`).

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A byte range `start..end` into a document's decoded body (always on char boundaries).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    start: u32,
    end: u32,
}

// every offset into a body fits the `u32` of a span
const _: () = assert!(crate::corpus::MAX_FILE_BYTES * 3 < u32::MAX as u64);

impl Span {
    /// A span from `start` to `end`. Offsets are `u32`: a body holds at most
    /// [`crate::corpus::MAX_FILE_BYTES`] decoded (three bytes per input byte at worst), far
    /// below 4 GiB; a larger offset saturates.
    pub fn new(start: usize, end: usize) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Self {
            start: offset(start),
            end: offset(end),
        }
    }

    /// First byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers in `body`, or `""` when it is out of range.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start()..self.end()).unwrap_or("")
    }
}

/// A date known to the precision the text gives: year, month and day are each optional,
/// so `2017`, `2017-05`, `2017-05-16`, `--05-16` (year unknown) and `--11` can all be held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known (only together with a month).
    pub day: Option<u8>,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Only the year.
    Year,
    /// Year (or unknown year) and month.
    Month,
    /// Down to the day.
    Day,
}

impl PartialDate {
    /// A year-only date.
    pub fn year(year: i32) -> Self {
        Self {
            year: Some(year),
            month: None,
            day: None,
        }
    }

    /// A year and month; `None` if the month is out of range.
    pub fn year_month(year: i32, month: u8) -> Option<Self> {
        Self::new(Some(year), Some(month), None)
    }

    /// A full calendar date; `None` if it does not exist.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        Self::new(Some(year), Some(month), Some(day))
    }

    /// Checked constructor: a day needs a month, and the date must exist
    /// (29 February is accepted when the year is unknown).
    pub fn new(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if year.is_none() && month.is_none() {
            return None;
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let Some(d) = day {
            let m = month?;
            let max = match year {
                Some(y) => days_in_month(y, m),
                None => days_in_month(2000, m), // leap year: 29 February allowed
            };
            if d == 0 || d > max {
                return None;
            }
        }
        Some(Self { year, month, day })
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The same date with the year set (the day is dropped if it does not exist that year).
    pub fn with_year(&self, year: i32) -> Self {
        Self::new(Some(year), self.month, self.day)
            .or_else(|| Self::new(Some(year), self.month, None))
            .unwrap_or(Self::year(year))
    }

    /// The calendar date when year, month and day are all known.
    pub fn to_naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year?, u32::from(self.month?), u32::from(self.day?))
    }

    /// A calendar date, at day precision.
    pub fn from_naive(d: chrono::NaiveDate) -> Option<Self> {
        use chrono::Datelike;
        Self::ymd(
            d.year(),
            u8::try_from(d.month()).ok()?,
            u8::try_from(d.day()).ok()?,
        )
    }

    /// First day this date can denote (needs a year).
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(
            self.year?,
            u32::from(self.month.unwrap_or(1)),
            u32::from(self.day.unwrap_or(1)),
        )
    }

    /// Last day this date can denote (needs a year).
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        let year = self.year?;
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(year, month));
        chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
    }

    /// ISO 8601 with the precision known: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `--MM-DD`, `--MM`.
    pub fn to_iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, _) => String::new(),
        }
    }

    /// Parses the forms [`PartialDate::to_iso`] writes.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        let num = |s: &str| -> Option<u8> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        if let Some(rest) = text.strip_prefix("--") {
            let mut parts = rest.split('-');
            let month = num(parts.next()?)?;
            let day = parts.next().map(num).map_or(Some(None), |d| d.map(Some))?;
            if parts.next().is_some() {
                return None;
            }
            return Self::new(None, Some(month), day);
        }
        let mut parts = text.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let month = parts.next().map(num).map_or(Some(None), |m| m.map(Some))?;
        let day = parts.next().map(num).map_or(Some(None), |d| d.map(Some))?;
        if parts.next().is_some() {
            return None;
        }
        Self::new(Some(year), month, day)
    }
}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// Orders known years first by (year, month, day), missing parts first; year-less dates last.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |d: &Self| (d.year.is_none(), d.year, d.month, d.day);
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO partial date: {text:?}")))
    }
}

/// The type of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation: ministry, company, association, university …
    #[serde(rename = "ORG")]
    Organisation,
    /// A place: country, region, city, site, street.
    #[serde(rename = "LOC")]
    Place,
    /// A date expression.
    #[serde(rename = "DATE")]
    Date,
    /// An economic sector (aéronautique, santé …).
    #[serde(rename = "SECTOR")]
    Sector,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
        EntityKind::Date,
        EntityKind::Sector,
    ];

    /// The contract's code: `PER`, `ORG`, `LOC`, `DATE`, `SECTOR`.
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Place => "LOC",
            EntityKind::Date => "DATE",
            EntityKind::Sector => "SECTOR",
        }
    }

    /// Parses a contract code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code))
    }
}

/// A shared, immutable name: one pointer wide (a corpus holds millions of them), cloned
/// by a reference count.
pub type Name = arcstr::ArcStr;

/// One occurrence of an entity in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is in the body.
    pub span: Span,
    /// Its type.
    pub kind: EntityKind,
    /// The merged name of the entity it refers to (e.g. `Gramut` → `Jean-Bernard Gramunt`).
    /// Shared: a corpus has millions of mentions and a few thousand names
    /// ([`crate::store::LinkedDocs`] interns them).
    pub canonical: Name,
}

/// Shares equal names: [`NameInterner::intern`] returns the same allocation for the same
/// text, so millions of mentions cost a few thousand strings.
#[derive(Debug, Default)]
pub struct NameInterner {
    names: rustc_hash::FxHashSet<Name>,
}

impl NameInterner {
    /// The shared copy of `name`.
    pub fn intern(&mut self, name: &str) -> Name {
        if let Some(shared) = self.names.get(name) {
            return shared.clone();
        }
        let shared = Name::from(name);
        self.names.insert(shared.clone());
        shared
    }

    /// `name` replaced by the shared copy of its text.
    pub fn share(&mut self, name: &mut Name) {
        match self.names.get(&**name) {
            Some(shared) => *name = shared.clone(),
            None => {
                self.names.insert(name.clone());
            }
        }
    }
}

/// The kind of a cooperation event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A delegation travelling somewhere.
    Delegation,
    /// A visit (official trip, site visit).
    Visit,
    /// A trade / business mission.
    TradeMission,
    /// A forum.
    Forum,
    /// A seminar or workshop.
    Seminar,
    /// A conference.
    Conference,
    /// A remote conference (téléconférence, visioconférence).
    Teleconference,
    /// A meeting, session, commission, talks.
    Meeting,
    /// A round table.
    RoundTable,
    /// A trade fair, exhibition, salon.
    Exhibition,
    /// An agreement, convention, protocol or contract signed.
    Agreement,
    /// Anything else.
    Other,
}

impl EventKind {
    /// Every kind, in display order (also the timeline's lane order).
    pub const ALL: [EventKind; 12] = [
        EventKind::Delegation,
        EventKind::Visit,
        EventKind::TradeMission,
        EventKind::Forum,
        EventKind::Seminar,
        EventKind::Conference,
        EventKind::Teleconference,
        EventKind::Meeting,
        EventKind::RoundTable,
        EventKind::Exhibition,
        EventKind::Agreement,
        EventKind::Other,
    ];

    /// The contract's name (`trade_mission`, `round_table` …).
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Delegation => "delegation",
            EventKind::Visit => "visit",
            EventKind::TradeMission => "trade_mission",
            EventKind::Forum => "forum",
            EventKind::Seminar => "seminar",
            EventKind::Conference => "conference",
            EventKind::Teleconference => "teleconference",
            EventKind::Meeting => "meeting",
            EventKind::RoundTable => "round_table",
            EventKind::Exhibition => "exhibition",
            EventKind::Agreement => "agreement",
            EventKind::Other => "other",
        }
    }

    /// Parses a contract name (case-insensitive, `-` accepted for `_`).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(&code))
    }
}

/// A cooperation event read from a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// What kind of happening.
    pub kind: EventKind,
    /// When it started (or happened), to the precision the text gives.
    pub date_start: Option<PartialDate>,
    /// When it ended, if the text gives a span or a single day.
    pub date_end: Option<PartialDate>,
    /// Canonical names of the places involved (shared like [`Mention::canonical`]).
    pub places: Vec<Name>,
    /// Canonical names of the people and organisations involved.
    pub participants: Vec<Name>,
    /// The sentence(s) the event was read from.
    pub evidence: Span,
    /// A proper name when the text gives one (`Open Innovations Forum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Why a part of the text is not ordinary article content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    /// Site furniture: cookie banners, newsletter prompts, "Lire aussi", reuse notices.
    /// Never highlighted, never mined.
    Boilerplate,
    /// Publication metadata: `Publié le …`, a ` date 2017-08` header. Not mined.
    Metadata,
    /// A photo credit (`Crédit : Nom`, `Nom Prénom/Agence`): mined only for the credited
    /// person and agency.
    Credit,
}

/// A marked part of a document body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: RegionKind,
}

/// One article as loaded and decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file stem.
    pub doc_id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The first meaningful line (not a photo credit, not a date line), shortened.
    pub title: String,
    /// Publication date stated in the text, if any.
    pub pub_date: Option<PartialDate>,
    /// The decoded text with line endings normalised to `\n`; every offset points into it.
    pub body: String,
    /// Boilerplate, metadata and credit regions, sorted by start, not overlapping.
    pub regions: Vec<Region>,
    /// The publisher named by a reuse notice ("… contenus de Russia Beyond …"), if any.
    pub source: Option<String>,
    /// Where the publisher's name stands in the body.
    pub source_span: Option<Span>,
    /// The encoding the file was decoded from (`UTF-8`, `UTF-16LE`, `windows-1252` …).
    pub encoding: String,
    /// Size of the file on disk, in bytes.
    pub file_bytes: u64,
}

impl Document {
    /// A document from text already in memory (tests, generated corpora); no regions marked.
    pub fn from_text(doc_id: &str, body: &str) -> Self {
        Self {
            doc_id: doc_id.to_owned(),
            path: PathBuf::from(format!("{doc_id}.txt")),
            title: String::new(),
            pub_date: None,
            body: body.to_owned(),
            regions: Vec::new(),
            source: None,
            source_span: None,
            encoding: "UTF-8".to_owned(),
            file_bytes: body.len() as u64,
        }
    }

    /// The region kind covering byte `offset`, if any.
    pub fn region_at(&self, offset: usize) -> Option<RegionKind> {
        let idx = self.regions.partition_point(|r| r.span.end() <= offset);
        self.regions
            .get(idx)
            .filter(|r| r.span.start() <= offset && offset < r.span.end())
            .map(|r| r.kind)
    }

    /// The spans of ordinary content: the body minus every region.
    pub fn content_spans(&self) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut pos = 0;
        for region in &self.regions {
            if region.span.start() > pos {
                spans.push(Span::new(pos, region.span.start()));
            }
            pos = pos.max(region.span.end());
        }
        if pos < self.body.len() {
            spans.push(Span::new(pos, self.body.len()));
        }
        spans
    }
}

/// What extraction found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Entity mentions, sorted by span start, not overlapping.
    pub mentions: Vec<Mention>,
    /// Events, in text order.
    pub events: Vec<Event>,
}

/// A document together with its analysis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysedDoc {
    /// The document.
    pub doc: Document,
    /// What was found in it.
    pub analysis: Analysis,
}

impl AnalysedDoc {
    /// Moves the lists that stay in memory with the corpus (regions, mentions, events and
    /// their names) into blocks of their exact size. `Vec::shrink_to_fit` is not enough:
    /// mimalloc keeps a block when the new size is at least half of it, so a list grown by
    /// doubling keeps up to twice its size.
    pub fn compact(&mut self) {
        exact(&mut self.doc.regions);
        exact(&mut self.analysis.mentions);
        exact(&mut self.analysis.events);
        for event in &mut self.analysis.events {
            exact(&mut event.places);
            exact(&mut event.participants);
        }
    }
}

/// Moves `items` into a new block of exactly their size (the old one is freed).
fn exact<T>(items: &mut Vec<T>) {
    let mut moved = Vec::with_capacity(items.len());
    moved.append(items);
    *items = moved;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_names_share_one_allocation() {
        let mut names = NameInterner::default();
        let a = names.intern("Moscou");
        let b = names.intern(&String::from("Moscou"));
        assert!(Name::ptr_eq(&a, &b));
        assert!(!Name::ptr_eq(&a, &names.intern("Lyon")));
        let mut other = Name::from("Moscou");
        assert!(!Name::ptr_eq(&a, &other));
        names.share(&mut other);
        assert!(Name::ptr_eq(&a, &other), "share swaps in the interned copy");
        let mut new = Name::from("Kazan");
        let kept = new.clone();
        names.share(&mut new);
        assert!(
            Name::ptr_eq(&new, &kept),
            "an unknown name is kept and becomes the shared one"
        );
        assert!(Name::ptr_eq(&names.intern("Kazan"), &kept));
    }

    #[test]
    fn compact_keeps_every_list_at_its_exact_size() {
        let mut mentions = Vec::new();
        for start in 0..5 {
            mentions.push(Mention {
                span: Span::new(start, start + 1),
                kind: EntityKind::Place,
                canonical: Name::from("Kazan"),
            });
        }
        let mut doc = AnalysedDoc {
            doc: Document::from_text("d", "abcdef"),
            analysis: Analysis {
                mentions,
                events: Vec::new(),
            },
        };
        let before = doc.clone();
        doc.compact();
        assert_eq!(doc, before);
        assert_eq!(doc.analysis.mentions.capacity(), 5);
    }

    #[test]
    fn iso_round_trip_keeps_precision() {
        for text in ["2017", "2017-05", "2017-05-16", "--05-16", "--11"] {
            let date = PartialDate::parse_iso(text).unwrap();
            assert_eq!(date.to_iso(), text);
        }
        assert_eq!(
            PartialDate::parse_iso("2017-05").unwrap().precision(),
            DatePrecision::Month
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::ymd(2013, 2, 29).is_none());
        assert!(PartialDate::ymd(2012, 2, 29).is_some());
        assert!(PartialDate::new(None, Some(2), Some(29)).is_some());
        assert!(PartialDate::parse_iso("2013-13").is_none());
        assert!(PartialDate::parse_iso("13-01").is_none());
    }

    #[test]
    fn reduced_precision_dates_cover_their_range() {
        let month = PartialDate::year_month(2017, 2).unwrap();
        assert_eq!(month.first_day().unwrap().to_string(), "2017-02-01");
        assert_eq!(month.last_day().unwrap().to_string(), "2017-02-28");
    }

    #[test]
    fn content_spans_skip_regions() {
        let mut doc = Document::from_text("d", "abc BOILER def");
        doc.regions.push(Region {
            span: Span::new(4, 10),
            kind: RegionKind::Boilerplate,
        });
        assert_eq!(
            doc.content_spans(),
            vec![Span::new(0, 4), Span::new(10, 14)]
        );
        assert_eq!(doc.region_at(5), Some(RegionKind::Boilerplate));
        assert_eq!(doc.region_at(2), None);
    }
}
