//! The timeline's view-model, a plain value computed from (store, query result) with no
//! window: one lane per event kind present in the corpus (kept when a filter empties it,
//! so the scale stays comparable), items as day ranges with their precision and whether
//! they pass the filter, year-less and undated events apart, and the axis ticks for a zoom.

use chrono::{Datelike, NaiveDate};

use crate::model::{DatePrecision, EventKind, PartialDate};
use crate::query::QueryResult;
use crate::store::{EventRef, Store};

use super::i18n::Lang;

/// Days since 1 January of year 1 (proleptic Gregorian), as the axis unit.
pub fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// The date of an axis position (floor).
pub fn date_of_day(day: f64) -> Option<NaiveDate> {
    if !day.is_finite() || day.abs() > 3.0e6 {
        return None;
    }
    // checked above: well inside i32
    #[allow(clippy::cast_possible_truncation)]
    let n = day.floor() as i32;
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// How an item is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A single known day.
    Point,
    /// Several known days.
    Bar,
    /// A month or a year: a soft band.
    Band,
}

/// One dated event on the axis (20 bytes: there is one per dated event of the corpus).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineItem {
    /// The event.
    pub event: EventRef,
    /// First day ([`day_number`]).
    first: i32,
    /// Day after the last day.
    after: i32,
    /// How precisely its start is known.
    pub precision: DatePrecision,
    /// How it is drawn.
    pub shape: Shape,
    /// Does it pass the current filter? (Others are drawn as ghosts.)
    pub in_filter: bool,
}

impl TimelineItem {
    /// First day (axis units).
    pub fn start(&self) -> f64 {
        f64::from(self.first)
    }

    /// Day after the last day (axis units).
    pub fn end(&self) -> f64 {
        f64::from(self.after)
    }
}

/// A lane: every dated event of one kind, sorted by start.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The kind.
    pub kind: EventKind,
    /// Items sorted by start.
    pub items: Vec<TimelineItem>,
    /// Longest item, in days (to find items starting before the view that reach into it).
    pub longest: f64,
    /// Items passing the filter.
    pub in_filter: usize,
}

impl Lane {
    /// The items that may overlap `[start, end)`.
    pub fn visible(&self, start: f64, end: f64) -> &[TimelineItem] {
        let from = self
            .items
            .partition_point(|i| i.start() < start - self.longest);
        let to = self.items.partition_point(|i| i.start() < end);
        self.items.get(from..to.max(from)).unwrap_or(&[])
    }
}

/// An event whose month (and maybe day) is known but not its year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearlessItem {
    /// The event.
    pub event: EventRef,
    /// Its kind.
    pub kind: EventKind,
    /// The partial date (`--MM-DD` or `--MM`).
    pub date: PartialDate,
    /// Does it pass the current filter?
    pub in_filter: bool,
}

/// Everything the timeline draws, for one (store, result).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineData {
    /// One lane per kind present in the corpus, in [`EventKind::ALL`] order.
    pub lanes: Vec<Lane>,
    /// Events with no year.
    pub yearless: Vec<YearlessItem>,
    /// Events with no date at all (all / passing the filter).
    pub undated: (usize, usize),
    /// Day range of every dated event of the corpus.
    pub full_range: Option<(f64, f64)>,
    /// Day range of the dated events passing the filter.
    pub filtered_range: Option<(f64, f64)>,
    /// Where each event of the store is drawn, parallel to [`Store::events`].
    slots: Vec<Slot>,
}

/// Where an event of the store is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Lane and position in it.
    Lane(u32, u32),
    /// Position in the year-less strip.
    Yearless(u32),
    /// Not drawn: no date.
    Undated,
}

/// Widens `range` to cover `[start, end)`.
fn widen(range: &mut Option<(f64, f64)>, start: f64, end: f64) {
    *range = Some(match *range {
        None => (start, end),
        Some((a, b)) => (a.min(start), b.max(end)),
    });
}

impl TimelineData {
    /// Builds the view-model: every event of the store, flagged by the filter's result.
    pub fn from_store(store: &Store, result: &QueryResult) -> Self {
        let mut data = Self::of_store(store);
        data.apply(store, result);
        data
    }

    /// Every event of the store, none flagged as passing the filter yet (see
    /// [`TimelineData::apply`]). Once per store: a filter change only calls `apply`.
    ///
    /// [`Store::events`] is sorted by start date, a month or a year before its first day,
    /// so each lane and the year-less strip are built in order, with no sort and no copy.
    pub fn of_store(store: &Store) -> Self {
        let mut data = TimelineData::default();
        let mut lanes: Vec<Lane> = EventKind::ALL
            .iter()
            .map(|&kind| Lane {
                kind,
                items: Vec::new(),
                longest: 0.0,
                in_filter: 0,
            })
            .collect();
        let position = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        data.slots = Vec::with_capacity(store.events().len());
        for (&event_ref, info) in store.events().iter().zip(store.event_info()) {
            // the store's day range when it has one (no date arithmetic, no event read)
            let (first, last, precision) = match info.days {
                Some((first, last)) => (first, last, info.precision),
                None => {
                    let event = store.event(event_ref);
                    let Some(start_date) = event.and_then(|e| e.date_start) else {
                        data.undated.0 += 1;
                        data.slots.push(Slot::Undated);
                        continue;
                    };
                    let Some(first) = start_date.first_day() else {
                        data.slots
                            .push(Slot::Yearless(position(data.yearless.len())));
                        data.yearless.push(YearlessItem {
                            event: event_ref,
                            kind: info.kind,
                            date: start_date,
                            in_filter: false,
                        });
                        continue;
                    };
                    // a year-less end or one out of the axis' range is the start's last day
                    let last = event
                        .and_then(|e| e.date_end)
                        .and_then(|d| d.last_day())
                        .or_else(|| start_date.last_day())
                        .unwrap_or(first)
                        .max(first);
                    (
                        first.num_days_from_ce(),
                        last.num_days_from_ce(),
                        start_date.precision(),
                    )
                }
            };
            let after = last.saturating_add(1);
            let shape = match precision {
                DatePrecision::Day if after - first <= 1 => Shape::Point,
                DatePrecision::Day => Shape::Bar,
                _ => Shape::Band,
            };
            let Some(lane_ix) = lanes.iter().position(|l| l.kind == info.kind) else {
                data.slots.push(Slot::Undated);
                continue;
            };
            let lane = &mut lanes[lane_ix];
            data.slots
                .push(Slot::Lane(position(lane_ix), position(lane.items.len())));
            let item = TimelineItem {
                event: event_ref,
                first,
                after,
                precision,
                shape,
                in_filter: false,
            };
            lane.longest = f64::max(lane.longest, item.end() - item.start());
            widen(&mut data.full_range, item.start(), item.end());
            lane.items.push(item);
        }
        // a kind with no dated event gets no lane: renumber the slots for the lanes kept
        let mut numbers = Vec::with_capacity(lanes.len());
        let mut next = 0u32;
        for lane in &lanes {
            numbers.push(next);
            next += u32::from(!lane.items.is_empty());
        }
        for slot in &mut data.slots {
            if let Slot::Lane(lane, _) = slot {
                *lane = numbers.get(*lane as usize).copied().unwrap_or(u32::MAX);
            }
        }
        data.lanes = lanes.into_iter().filter(|l| !l.items.is_empty()).collect();
        data
    }

    /// Flags the events passing the filter and counts them: one pass over the events,
    /// no date arithmetic. `store` must be the one this data was built from.
    pub fn apply(&mut self, store: &Store, result: &QueryResult) {
        for lane in &mut self.lanes {
            lane.in_filter = 0;
        }
        self.undated.1 = 0;
        self.filtered_range = None;
        // result.events is a subsequence of store.events(), in the same order
        let mut passing = result.events.iter().peekable();
        for (&event_ref, slot) in store.events().iter().zip(&self.slots) {
            let in_filter = passing.next_if(|&&r| r == event_ref).is_some();
            match *slot {
                Slot::Lane(lane, pos) => {
                    let Some(lane) = self.lanes.get_mut(lane as usize) else {
                        continue;
                    };
                    let Some(item) = lane.items.get_mut(pos as usize) else {
                        continue;
                    };
                    item.in_filter = in_filter;
                    if in_filter {
                        lane.in_filter += 1;
                        widen(&mut self.filtered_range, item.start(), item.end());
                    }
                }
                Slot::Yearless(pos) => {
                    if let Some(item) = self.yearless.get_mut(pos as usize) {
                        item.in_filter = in_filter;
                    }
                }
                Slot::Undated => self.undated.1 += usize::from(in_filter),
            }
        }
    }

    /// A view showing every dated event (the filtered ones when the filter keeps some),
    /// with a margin; a year around a single day.
    pub fn fit_range(&self) -> Option<(f64, f64)> {
        let (s, e) = self.filtered_range.or(self.full_range)?;
        let span = (e - s).max(365.0);
        let mid = (s + e) / 2.0;
        Some((mid - span * 0.55, mid + span * 0.55))
    }
}

/// The spacing of axis ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every n years.
    Years(i32),
    /// Every n months.
    Months(u32),
    /// Every n days.
    Days(u32),
}

impl TickStep {
    /// Approximate length in days.
    pub fn days(self) -> f64 {
        match self {
            TickStep::Years(n) => 365.25 * f64::from(n),
            TickStep::Months(n) => 30.44 * f64::from(n),
            TickStep::Days(n) => f64::from(n),
        }
    }
}

/// The candidate steps, coarse to fine (decades down to days).
pub const STEPS: [TickStep; 11] = [
    TickStep::Years(10),
    TickStep::Years(5),
    TickStep::Years(2),
    TickStep::Years(1),
    TickStep::Months(6),
    TickStep::Months(3),
    TickStep::Months(1),
    TickStep::Days(7),
    TickStep::Days(2),
    TickStep::Days(1),
    TickStep::Days(1),
];

/// The finest step whose ticks stay at least `min_px` apart.
pub fn tick_step(days_per_px: f64, min_px: f64) -> TickStep {
    let mut chosen = TickStep::Years(10);
    for step in STEPS {
        if step.days() / days_per_px >= min_px {
            chosen = step;
        } else {
            break;
        }
    }
    if chosen == TickStep::Years(10) {
        // even coarser: keep decades but thin them out in the painter
        return TickStep::Years(10);
    }
    chosen
}

/// One axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where (axis units).
    pub day: f64,
    /// What to write.
    pub label: String,
    /// A year (or decade) boundary: drawn stronger.
    pub major: bool,
}

/// Ticks for the view `[start, end)` drawn `width_px` wide.
pub fn ticks(start: f64, end: f64, width_px: f64, lang: Lang) -> Vec<Tick> {
    let mut out = Vec::new();
    if end <= start || width_px <= 0.0 {
        return out;
    }
    let days_per_px = (end - start) / width_px;
    let step = tick_step(days_per_px, 72.0);
    let (Some(first), Some(last)) = (date_of_day(start), date_of_day(end)) else {
        return out;
    };
    let max_ticks = 400;
    match step {
        TickStep::Years(n) => {
            // thin decades further when even they are too dense
            let mut n = n;
            while 365.25 * f64::from(n) / days_per_px < 72.0 && n < 10_000 {
                n *= 2;
            }
            let mut year = first.year().div_euclid(n) * n;
            while year <= last.year() && out.len() < max_ticks {
                if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
                    out.push(Tick {
                        day: day_number(d),
                        label: year.to_string(),
                        major: year % 10 == 0,
                    });
                }
                year += n;
            }
        }
        TickStep::Months(n) => {
            let (mut y, mut m) = (first.year(), first.month());
            while (y, m) <= (last.year(), last.month()) && out.len() < max_ticks {
                if (m - 1) % n == 0
                    && let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
                {
                    let month = u8::try_from(m).unwrap_or(1);
                    let label = if m == 1 || n > 1 {
                        format!("{} {y}", lang.month(month, false))
                    } else {
                        lang.month(month, false).to_owned()
                    };
                    out.push(Tick {
                        day: day_number(d),
                        label,
                        major: m == 1,
                    });
                }
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        TickStep::Days(n) => {
            let mut d = first;
            while d <= last && out.len() < max_ticks {
                let day = day_number(d);
                let keep = match n {
                    1 => true,
                    7 => d.weekday() == chrono::Weekday::Mon,
                    _ => (d.day() - 1) % n == 0 && d.day() < 31,
                };
                if keep {
                    let month = u8::try_from(d.month()).unwrap_or(1);
                    let label = if d.day() == 1 && d.month() == 1 {
                        format!("{} {} {}", d.day(), lang.month(month, false), d.year())
                    } else {
                        format!("{} {}", d.day(), lang.month(month, false))
                    };
                    out.push(Tick {
                        day,
                        label,
                        major: d.day() == 1,
                    });
                }
                let Some(next) = d.succ_opt() else {
                    break;
                };
                d = next;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnalysedDoc, Analysis, Document, Event, Span};
    use crate::query::{Filter, run};

    fn event(kind: EventKind, start: &str, end: Option<&str>) -> Event {
        Event {
            kind,
            date_start: PartialDate::parse_iso(start),
            date_end: end.and_then(PartialDate::parse_iso),
            places: vec![],
            participants: vec![],
            evidence: Span::new(0, 4),
            name: None,
        }
    }

    fn store() -> Store {
        let doc = |id: &str, events| AnalysedDoc {
            doc: Document::from_text(id, "Texte de test."),
            analysis: Analysis {
                mentions: vec![],
                events,
            },
        };
        Store::build(
            vec![
                doc(
                    "a",
                    vec![
                        event(EventKind::Forum, "2017-05-16", None),
                        event(EventKind::Delegation, "2017-05-16", Some("2017-05-18")),
                        event(EventKind::Visit, "2019-03", None),
                        event(EventKind::Visit, "--10-03", None),
                    ],
                ),
                doc("b", vec![event(EventKind::Forum, "2012", None)]),
            ],
            Vec::new(),
        )
    }

    #[test]
    fn lanes_shapes_and_ghosts_follow_the_filter() {
        let store = store();
        let all = TimelineData::from_store(&store, &run(&store, &Filter::default()));
        let kinds: Vec<EventKind> = all.lanes.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![EventKind::Delegation, EventKind::Visit, EventKind::Forum]
        );
        let forum = &all.lanes[2];
        assert_eq!(forum.items.len(), 2);
        assert_eq!(forum.items[0].shape, Shape::Band, "2012 is a year band");
        assert_eq!(forum.items[1].shape, Shape::Point);
        assert_eq!(all.lanes[0].items[0].shape, Shape::Bar);
        assert_eq!(
            all.lanes[0].items[0].end() - all.lanes[0].items[0].start(),
            3.0
        );
        assert_eq!(all.yearless.len(), 1);
        let filter = Filter {
            from: PartialDate::parse_iso("2017"),
            to: PartialDate::parse_iso("2017"),
            ..Filter::default()
        };
        let some = TimelineData::from_store(&store, &run(&store, &filter));
        let mut applied = all.clone();
        applied.apply(&store, &run(&store, &filter));
        assert_eq!(
            applied, some,
            "a filter change gives what a full rebuild gives"
        );
        assert_eq!(
            some.lanes.len(),
            3,
            "lanes stay when the filter empties them"
        );
        assert_eq!(some.lanes[1].in_filter, 0);
        assert_eq!(some.lanes[2].in_filter, 1);
        assert!(!some.yearless[0].in_filter);
        let (s, e) = some.fit_range().unwrap();
        assert!(s < day_number(NaiveDate::from_ymd_opt(2017, 5, 16).unwrap()) && e > s);
    }

    #[test]
    fn lanes_are_in_date_order_and_the_filter_flags_its_own_events() {
        let doc = |id: &str, events| AnalysedDoc {
            doc: Document::from_text(id, "Texte de test."),
            analysis: Analysis {
                mentions: vec![],
                events,
            },
        };
        let forum = |start| event(EventKind::Forum, start, None);
        let store = Store::build(
            vec![
                doc(
                    "a",
                    vec![forum("2017-05-16"), forum("2017"), forum("2016-12-31")],
                ),
                doc(
                    "b",
                    vec![forum("2017-05"), forum("2017-05-01"), forum("--05")],
                ),
                doc("c", vec![forum("2017-01-01"), forum("2017-01")]),
            ],
            Vec::new(),
        );
        let filter = Filter {
            from: PartialDate::parse_iso("2017-05"),
            ..Filter::default()
        };
        let result = run(&store, &filter);
        let data = TimelineData::from_store(&store, &result);
        let lane = &data.lanes[0];
        let starts: Vec<f64> = lane.items.iter().map(TimelineItem::start).collect();
        assert!(starts.is_sorted(), "{starts:?}");
        assert_eq!(lane.items.len(), 7);
        for item in &lane.items {
            let passes = result.events.contains(&item.event);
            assert_eq!(item.in_filter, passes, "{item:?}");
        }
        assert_eq!(lane.in_filter, 4, "2017, May 2017, 1 and 16 May 2017");
        assert_eq!(data.yearless.len(), 1);
    }

    #[test]
    fn ticks_adapt_from_decades_to_days() {
        let d = |y, m, dd| day_number(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        let decades = ticks(d(1900, 1, 1), d(2030, 1, 1), 1000.0, Lang::Fr);
        assert!(decades.iter().all(|t| t.label.len() == 4));
        assert!(decades.iter().any(|t| t.label == "2000"));
        let months = ticks(d(2017, 1, 1), d(2018, 1, 1), 1000.0, Lang::Fr);
        assert!(months.iter().any(|t| t.label == "mai"), "{months:?}");
        let days = ticks(d(2017, 5, 10), d(2017, 5, 20), 1000.0, Lang::Fr);
        assert!(days.iter().any(|t| t.label == "16 mai"), "{days:?}");
        assert_eq!(tick_step(365.25 * 10.0 / 100.0, 72.0), TickStep::Years(10));
        assert_eq!(tick_step(1.0 / 100.0, 72.0), TickStep::Days(1));
    }
}
