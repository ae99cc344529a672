//! The date grammar: French absolute, partial and relative dates, with the year inferred
//! from the publication date when the text omits it.
//!
//! Handled: `le 4 juin`, `jeudi 28 février 2013`, `1er mars`, `les 16 et 17 mai`,
//! `du 3 au 5 juillet 2019`, `16-17 mai`, `mai 2017`, `fin novembre`, `mi-juin`,
//! `en 2011`, `02/03/2013`, `2017-05-16`, `hier`, `le mois dernier`, `l'an dernier`,
//! `jeudi dernier`.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::Lexicons;
use super::names::cue;
use super::tokens::{TokKind, Tokens};
use crate::model::{PartialDate, Span};

/// A date expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// Where it is.
    pub span: Span,
    /// First token index.
    pub first_tok: usize,
    /// Last token index.
    pub last_tok: usize,
    /// The date (or the first day of a span).
    pub start: PartialDate,
    /// The last day of a span, when the text gives one.
    pub end: Option<PartialDate>,
}

/// Words before a bare year that make it a date ("en 2011", "depuis 2015").
const YEAR_CUES: &[&str] = &[
    "en",
    "depuis",
    "des",
    "jusqu'en",
    "annee",
    "an",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "fin",
    "debut",
    "mi",
    "courant",
    "d'ici",
    "avant",
    "apres",
    "vers",
];

/// Words before a month that reduce it to the month ("fin novembre").
const MONTH_CUES: &[&str] = &[
    "fin", "debut", "mi", "courant", "en", "mois", "depuis", "d'ici",
];

fn day_number(text: &str) -> Option<u8> {
    let t = text
        .strip_suffix("er")
        .or_else(|| text.strip_suffix("ER"))
        .unwrap_or(text);
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Finds the date expressions of `toks`, inferring missing years from `pub_date`. Without
/// one, a month named without its year takes the year of the nearest date before it that
/// gives both ("les 8 et 9 juillet 2019 … le 10 juillet"); relative dates then stay
/// unresolved.
pub fn find_dates(
    toks: &Tokens<'_>,
    cues: &[super::names::cue::Bits],
    future: &[bool],
    lex: &Lexicons,
    pub_date: Option<PartialDate>,
) -> Vec<DateExpr> {
    // a review of the year before ("Rétrospective 2016", published in January 2017) dates
    // what it tells in that year
    let year_ref = reviewed_year(toks, pub_date)
        .and_then(|y| PartialDate::ymd(y, 12, 31))
        .or(pub_date);
    let found = scan_dates(toks, cues, future, lex, &|_| year_ref, pub_date);
    if pub_date.is_some() {
        return found;
    }
    // (first token, year) of the dates that name their month and year
    let anchors: Vec<(usize, i32)> = found
        .iter()
        .filter_map(|e| Some((e.first_tok, e.start.month.and(e.start.year)?)))
        .collect();
    let anchored = |e: &DateExpr| anchors.first().is_some_and(|&(at, _)| at < e.first_tok);
    if !found.iter().any(|e| e.start.year.is_none() && anchored(e)) {
        return found;
    }
    let year_before = |i: usize| {
        let k = anchors.partition_point(|&(at, _)| at < i);
        k.checked_sub(1).map(|k| PartialDate::year(anchors[k].1))
    };
    scan_dates(toks, cues, future, lex, &year_before, None)
}

/// The year before publication when a title line reviews it ("Rétrospective 2016", "Bilan de
/// l'année 2016") and the text came out in the first quarter after it.
fn reviewed_year(toks: &Tokens<'_>, pub_date: Option<PartialDate>) -> Option<i32> {
    let pub_date = pub_date?;
    let (year, month) = (pub_date.year?, pub_date.month?);
    if month > 3 {
        return None;
    }
    let mut line_start = 0;
    for i in 0..toks.len().min(REVIEW_TITLE_TOKENS) {
        if toks.toks[i].after_newline {
            line_start = i;
        }
        if toks.is_punct(i, '.') {
            return None; // the text has begun
        }
        if year_number(toks.text(i)) == Some(year - 1)
            && (line_start..i).any(|k| {
                matches!(
                    toks.norm(k),
                    "retrospective" | "bilan" | "annee" | "retour" | "rapport"
                )
            })
        {
            return Some(year - 1);
        }
    }
    None
}

/// How far [`reviewed_year`] looks for a title.
const REVIEW_TITLE_TOKENS: usize = 60;

/// One pass of the date grammar: the year of a date at token `i` inferred from
/// `year_ref(i)`, relative dates resolved against `relative_ref`.
fn scan_dates(
    toks: &Tokens<'_>,
    cues: &[super::names::cue::Bits],
    future: &[bool],
    lex: &Lexicons,
    year_ref: &dyn Fn(usize) -> Option<PartialDate>,
    relative_ref: Option<PartialDate>,
) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let month_of = |i: usize| -> Option<u8> {
        let n = toks.norm(i);
        let n = n.strip_prefix("mi-").unwrap_or(n);
        lex.months
            .iter()
            .position(|m| m == n)
            .and_then(|m| u8::try_from(m + 1).ok())
    };
    let weekday_of = |i: usize| lex.weekdays.iter().position(|w| w == toks.norm(i));
    let n = toks.len();
    // only these can start a date: a number, a month or weekday, a cue before one, a
    // relative word (most tokens are none of them: skip them cheaply)
    let may_start = |i: usize| {
        if toks.starts_with_digit(i) {
            return true;
        }
        if toks.toks[i].kind != TokKind::Word && toks.toks[i].kind != TokKind::Elision {
            return false;
        }
        // a month, a weekday or a relative word (the cue bits) here or next
        let date_word = |i: usize| cues.get(i).is_some_and(|c| c & cue::DATE != 0);
        date_word(i) || (i + 1 < n && (toks.starts_with_digit(i + 1) || date_word(i + 1)))
    };
    let mut i = 0;
    // the last day the text gives, to count "le lendemain" from ("en 2010" in between is
    // background and does not move it)
    let mut anchor: Option<DateExpr> = None;
    // the last span of days the text gave ("du lundi 10 au vendredi 14 février"), while the
    // days it gives next fall inside it: a weekday alone is then one of its days
    let mut story: Option<DateExpr> = None;
    // the year a past passage is told in ("L'histoire a commencé l'an dernier. En juin, …"),
    // with the sentence of its last date
    let mut told_year: Option<(i32, u32, usize)> = None;
    while i < n {
        if !may_start(i) {
            i += 1;
            continue;
        }
        let sentence = toks.toks[i].sentence;
        let is_future = future.get(sentence as usize).copied().unwrap_or(false);
        // in the same paragraph, in the sentence of its last date or the next
        let in_told_year = told_year.filter(|&(_, at, tok)| {
            !is_future && sentence <= at + 1 && !(tok + 1..=i).any(|k| toks.toks[k].after_newline)
        });
        let year_ref_at = |i: usize| {
            in_told_year
                .and_then(|(year, _, _)| PartialDate::ymd(year, 12, 31))
                .or_else(|| year_ref(i))
        };
        // ("en mars dernier" counts from publication, not from the passage)
        let from_publication = |e: &DateExpr| {
            (e.first_tok..=e.last_tok + 1).any(|k| {
                k < n
                    && matches!(
                        toks.norm(k),
                        "dernier" | "derniere" | "prochain" | "prochaine"
                    )
            })
        };
        let found = in_told_year
            .and_then(|_| absolute_at(toks, i, &month_of, &weekday_of, year_ref_at(i), is_future))
            .filter(|e| !from_publication(e))
            .or_else(|| absolute_at(toks, i, &month_of, &weekday_of, year_ref(i), is_future))
            // "Mardi 12": beside the month of the last day told, else of publication ("Le
            // jeudi 27" after a flashback to June)
            .or_else(|| {
                let told = anchor.map(|a| (a.start, true));
                let published = relative_ref.map(|p| (p, false));
                told.into_iter()
                    .chain(published)
                    .find_map(|(reference, from_text)| {
                        weekday_and_day(
                            toks,
                            i,
                            &month_of,
                            &weekday_of,
                            reference,
                            from_text,
                            is_future,
                        )
                    })
            })
            .or_else(|| {
                weekday_after(
                    toks,
                    i,
                    &weekday_of,
                    anchor.as_ref(),
                    story.as_ref(),
                    relative_ref,
                )
            })
            .or_else(|| weekday_span(toks, i, &weekday_of, relative_ref, is_future))
            .or_else(|| relative_at(toks, i, &weekday_of, relative_ref, is_future))
            .or_else(|| season_at(toks, i, year_ref_at(i), is_future))
            .or_else(|| moved_to_month(toks, i, lex, &month_of, year_ref(i)));
        let counted = || {
            next_or_previous_day(toks, i, anchor.as_ref(), story.as_ref())
                .or_else(|| days_later(toks, i, anchor.as_ref()))
        };
        if let Some(expr) = found.or_else(counted) {
            // "le lendemain" counts on from the day before it; "la veille" is an aside
            if (found.is_some() || !is_the_day_before(toks, &expr)) && expr.start.day.is_some() {
                anchor = Some(expr);
            }
            if found.is_some() && expr.start.day.is_some() {
                let within = |s: &DateExpr| {
                    s.start <= expr.start && s.end.is_some_and(|end| expr.start <= end)
                };
                // a flashback ("Les 13 et 14 juin, … avaient été accueillis") does not end the
                // story told nearer to publication
                let days_off = |d: &DateExpr| {
                    Some(
                        (d.start.to_naive()? - relative_ref?.to_naive()?)
                            .num_days()
                            .abs(),
                    )
                };
                let is_nearer =
                    |s: &DateExpr| days_off(s).zip(days_off(&expr)).is_some_and(|(a, b)| a < b);
                if expr.end.is_some_and(|end| end != expr.start) {
                    if !story.as_ref().is_some_and(is_nearer) {
                        story = Some(expr);
                    }
                } else if !story.as_ref().is_some_and(within) {
                    story = None;
                }
            }
            told_year = match passage_year(toks, &expr, relative_ref) {
                Some(year) => Some((year, sentence, i)),
                None if expr.start.month.is_none() => told_year,
                // a month of that year keeps the passage going
                None => in_told_year
                    .filter(|&(year, _, _)| expr.start.year == Some(year))
                    .map(|(year, _, _)| (year, sentence, i)),
            };
            i = expr.last_tok + 1;
            out.push(expr);
        } else {
            i += 1;
        }
    }
    out
}

/// "repoussé à avril", "repoussé au mois d'août": the month an event is moved to, the next
/// such month after publication (a bare month is a date only with a cue, and "à" is one
/// only here).
fn moved_to_month(
    toks: &Tokens<'_>,
    i: usize,
    lex: &Lexicons,
    month_of: &dyn Fn(usize) -> Option<u8>,
    pub_date: Option<PartialDate>,
) -> Option<DateExpr> {
    if i == 0 || !lex.postpone_words.contains(toks.norm(i - 1)) {
        return None;
    }
    let at = match toks.norm(i) {
        "a" => i + 1,
        "au" if toks.norm(i + 1) == "mois" && matches!(toks.norm(i + 2), "de" | "d'") => i + 3,
        _ => return None,
    };
    let month = Some(at).filter(|&k| k < toks.len()).and_then(month_of)?;
    let date = finish(None, month, None, None, pub_date, true)?;
    Some(expr(toks, i, at, date, None))
}

/// The year of `expr` when it opens a passage told in a past year, whose months then fall
/// in that year: a year before publication told without digits ("l'an dernier", "il y a
/// deux ans") or opening its sentence ("En 2011, …"; not "Depuis 2011", not "fondée en
/// 2011").
fn passage_year(toks: &Tokens<'_>, expr: &DateExpr, published: Option<PartialDate>) -> Option<i32> {
    let year = expr.start.year.filter(|_| expr.start.month.is_none())?;
    if year >= published?.year? {
        return None;
    }
    let has_digits = (expr.first_tok..=expr.last_tok).any(|k| toks.starts_with_digit(k));
    let cue = if toks.norm(expr.first_tok) == "en" {
        Some(expr.first_tok)
    } else {
        expr.first_tok.checked_sub(1)
    };
    let opens = cue.is_some_and(|k| toks.norm(k) == "en" && toks.starts_sentence(k));
    (!has_digits || opens).then_some(year)
}

/// An absolute (possibly partial) date starting at token `i`.
fn absolute_at(
    toks: &Tokens<'_>,
    i: usize,
    month_of: &dyn Fn(usize) -> Option<u8>,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
    pub_date: Option<PartialDate>,
    future: bool,
) -> Option<DateExpr> {
    let n = toks.len();
    let text = |j: usize| if j < n { toks.text(j) } else { "" };
    let kind = |j: usize| toks.toks.get(j).map(|t| t.kind);
    let mut weekday = None;
    let mut first = i;
    let mut j = i;
    if let Some(w) = weekday_of(j) {
        weekday = Some(w);
        j += 1;
    }
    // numeric forms: 02/03/2013, 2017-05-16
    if weekday.is_none() && kind(j) == Some(TokKind::Number) {
        let t = text(j);
        let parts: Vec<&str> = t.split('/').collect();
        if parts.len() == 3 && parts[2].len() == 4 {
            let date = PartialDate::ymd(
                parts[2].parse().ok()?,
                parts[1].parse().ok()?,
                parts[0].parse().ok()?,
            )?;
            return Some(expr(toks, i, j, date, None));
        }
        if let Some(year) = year_number(t)
            && toks.is_punct(j + 1, '-')
            && kind(j + 2) == Some(TokKind::Number)
            && text(j + 2).len() == 2
            && toks.toks[j + 1].span.start() == toks.toks[j].span.end()
        {
            let month: u8 = text(j + 2).parse().ok()?;
            if toks.is_punct(j + 3, '-')
                && text(j + 4).len() == 2
                && let Some(day) = text(j + 4).parse().ok()
                && let Some(date) = PartialDate::ymd(year, month, day)
            {
                return Some(expr(toks, i, j + 4, date, None));
            }
            if let Some(date) = PartialDate::year_month(year, month) {
                return Some(expr(toks, i, j + 2, date, None));
            }
        }
    }
    // day [et|au|- day] month [year]
    if let Some(d1) = day_number(text(j)) {
        let mut k = j + 1;
        let mut d2 = None;
        // "les 16 et 17 mai", "du 3 au 5", "16-17 mai", "entre le 3 et le 5 avril"
        // "du lundi 22 au mercredi 24 octobre": the second day may name its weekday too
        let mut skip = 1 + usize::from(toks.norm(k + 1) == "le");
        if k + skip < n && weekday_of(k + skip).is_some() {
            skip += 1;
        }
        if matches!(toks.norm(k), "et" | "au" | "-" | "–")
            && let Some(d) = day_number(text(k + skip))
        {
            d2 = Some(d);
            k += skip + 1;
        }
        if k < n
            && let Some(month) = month_of(k)
        {
            let mut last = k;
            let mut year = if let Some(y) = year_number(text(k + 1)) {
                last = k + 1;
                Some(y)
            } else {
                None
            };
            // "du 28 février au 2 mars [2018]", "du 3 juillet au 5 juillet": the range's end
            // names its month
            if d2.is_none()
                && let Some((day2, month2, year2, end_tok)) =
                    range_end(toks, last + 1, month_of, weekday_of)
            {
                year = year.or(year2.map(|y| if month2 < month { y - 1 } else { y }));
                let date = finish(year, month, Some(d1), weekday, pub_date, future)?;
                let end_year = year2.or(date.year.map(|y| if month2 < month { y + 1 } else { y }));
                let end = PartialDate::new(end_year, Some(month2), Some(day2));
                return Some(expr(toks, first, end_tok, date, end.or(Some(date))));
            }
            let date = finish(year, month, Some(d1), weekday, pub_date, future)?;
            let end = d2.and_then(|d| PartialDate::new(date.year, date.month, Some(d)));
            return Some(expr(toks, first, last, date, end.or(Some(date))));
        }
        // "du 3 juillet au 5 juillet" is covered by the month path of each part
        return None;
    }
    if weekday.is_some() {
        return None;
    }
    // [fin|début|mi] month [year]
    let mut k = j;
    let mut cue = false;
    if MONTH_CUES.contains(&toks.norm(k)) {
        cue = true;
        k += 1;
        if toks.norm(k.min(n.saturating_sub(1))) == "de"
            || toks.norm(k.min(n.saturating_sub(1))) == "d'"
        {
            k += 1;
        }
    }
    if k < n
        && let Some(month) = month_of(k)
    {
        let hyphen_cue = toks.norm(k).starts_with("mi-");
        if let Some(y) = year_number(text(k + 1)) {
            let date = PartialDate::year_month(y, month)?;
            if cue {
                first = j;
            }
            return Some(expr(toks, first, k + 1, date, None));
        }
        // "juin dernier", "en mars prochain": the last such month before publication, or
        // the next after it
        let next = toks.norm((k + 1).min(n - 1));
        if k + 1 < n && matches!(next, "dernier" | "derniere" | "prochain" | "prochaine") {
            let past = next.starts_with("dernier");
            let date = match pub_date.and_then(|p| Some((p.year?, p.month?))) {
                Some((py, pm)) => {
                    let year = match (past, month >= pm, month <= pm) {
                        (true, true, _) => py - 1,
                        (false, _, true) => py + 1,
                        _ => py,
                    };
                    PartialDate::year_month(year, month)?
                }
                None => PartialDate::new(None, Some(month), None)?,
            };
            return Some(expr(toks, if cue { j } else { k }, k + 1, date, None));
        }
        // "en septembre de l'an dernier", "en mars de l'année prochaine": that month of the
        // year before or after publication
        let word = |m: usize| if m < n { toks.norm(m) } else { "" };
        if let (Some(py), "de", "l'", "an" | "annee") = (
            pub_date.and_then(|p| p.year),
            word(k + 1),
            word(k + 2),
            word(k + 3),
        ) {
            let shift = match word(k + 4) {
                "dernier" | "derniere" | "precedente" => -1,
                "prochain" | "prochaine" | "suivante" => 1,
                _ => 0,
            };
            if shift != 0 {
                let date = PartialDate::year_month(py + shift, month)?;
                return Some(expr(toks, if cue { j } else { k }, k + 4, date, None));
            }
        }
        // a bare month name ("mai") is a date only with a cue: "mai" alone is too ambiguous
        if cue || hyphen_cue {
            let date = finish(None, month, None, None, pub_date, future)?;
            return Some(expr(toks, j, k, date, None));
        }
        return None;
    }
    // en 2011
    if YEAR_CUES.contains(&toks.norm(j))
        && let Some(y) = year_number(text(j + 1))
        && kind(j + 1) == Some(TokKind::Number)
    {
        return Some(expr(toks, j + 1, j + 1, PartialDate::year(y), None));
    }
    None
}

/// "jeudi 19" with no month: the month of `reference` (the last day the text gave, else
/// the publication date) or a neighbouring one, the first whose day falls on that weekday.
/// After a day of the text the month after it comes next ("le 30 juin … jeudi 2"); from a
/// publication date, a day told in the past is not after it and one told in the future
/// not before it.
fn weekday_and_day(
    toks: &Tokens<'_>,
    i: usize,
    month_of: &dyn Fn(usize) -> Option<u8>,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
    reference: PartialDate,
    from_text: bool,
    future: bool,
) -> Option<DateExpr> {
    let n = toks.len();
    let weekday = weekday_of(i)?;
    if i + 1 >= n || toks.toks[i + 1].kind != TokKind::Number {
        return None;
    }
    let day = day_number(toks.text(i + 1))?;
    let after = if i + 2 < n { toks.norm(i + 2) } else { "" };
    if (i + 2 < n && month_of(i + 2).is_some()) || matches!(after, "h" | "heures" | "heure") {
        return None;
    }
    let (year, month) = (reference.year?, reference.month?);
    let shift = |delta: i32| {
        let m = i32::from(month) - 1 + delta;
        (
            year + m.div_euclid(12),
            u8::try_from(m.rem_euclid(12) + 1).ok(),
        )
    };
    let order: [i32; 3] = if from_text || future {
        [0, 1, -1]
    } else {
        [0, -1, 1]
    };
    let reference_day = reference.to_naive();
    order.iter().find_map(|&delta| {
        let (y, m) = shift(delta);
        let m = m?;
        let date = NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(day))?;
        (date.weekday().num_days_from_monday() as usize == weekday).then_some(())?;
        if !from_text && let Some(r) = reference_day {
            (if future { date >= r } else { date <= r }).then_some(())?;
        }
        let date = PartialDate::ymd(y, m, day)?;
        Some(expr(toks, i, i + 1, date, Some(date)))
    })
}

/// "Mardi 12, … Mercredi, les délégués ont visité …": a weekday alone, in a story the text
/// has dated, is the first such day from the last day it gave, when that day is recent
/// (within 60 days before publication) and the result is not after publication: inside the
/// span that day began, else after it. The span the `story` is in comes first, but only
/// takes the weekdays inside it. "ce mercredi", "mercredi dernier/prochain" count from the
/// publication date instead, and "chaque mercredi" is no date.
fn weekday_after(
    toks: &Tokens<'_>,
    i: usize,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
    anchor: Option<&DateExpr>,
    story: Option<&DateExpr>,
    pub_date: Option<PartialDate>,
) -> Option<DateExpr> {
    let n = toks.len();
    let w = weekday_of(i)?;
    let next = if i + 1 < n { toks.norm(i + 1) } else { "" };
    let prev = if i > 0 { toks.norm(i - 1) } else { "" };
    if toks.starts_with_digit(i + 1)
        || matches!(next, "dernier" | "prochain")
        || matches!(prev, "ce" | "chaque" | "les")
    {
        return None;
    }
    let published = pub_date?.to_naive()?;
    let first_from = |from: NaiveDate| {
        let ahead = (u32::try_from(w).ok()? + 7 - from.weekday().num_days_from_monday()) % 7;
        Some(from + Duration::days(i64::from(ahead)))
    };
    let day_from = |anchor: &DateExpr, only_inside: bool| {
        let start = anchor.start.to_naive()?;
        let end = anchor.end.and_then(|e| e.to_naive()).unwrap_or(start);
        if published < end || (published - start).num_days() > 60 {
            return None;
        }
        // inside the span given ("du lundi 1er au jeudi 4 juillet … Mercredi"), else after it
        let in_span = first_from(start)?;
        let day = match in_span <= end {
            true => in_span,
            false if only_inside => return None,
            false => first_from(end)?,
        };
        (day <= published).then_some(day)
    };
    let day = story
        .and_then(|span| day_from(span, true))
        .or_else(|| day_from(anchor?, false))?;
    let date = PartialDate::from_naive(day)?;
    Some(expr(toks, i, i, date, Some(date)))
}

/// Weekdays named without their day number: "la semaine dernière, de lundi à vendredi",
/// "la semaine prochaine, mardi", "cette semaine, du mardi au jeudi" fall in the week before,
/// after or of publication; a span alone ("de lundi à vendredi", "lundi et mardi") is the
/// last such span up to publication, or the next one after it when told in the future.
fn weekday_span(
    toks: &Tokens<'_>,
    i: usize,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
    pub_date: Option<PartialDate>,
    future: bool,
) -> Option<DateExpr> {
    let published = pub_date?.to_naive()?;
    let norm = |j: usize| if j < toks.len() { toks.norm(j) } else { "" };
    let (week, mut k) = match (norm(i), norm(i + 1), norm(i + 2)) {
        ("la", "semaine", "derniere" | "passee") => (Some(-1), i + 3),
        ("la", "semaine", "prochaine") => (Some(1), i + 3),
        ("cette", "semaine", _) => (Some(0), i + 2),
        _ => (None, i),
    };
    if week.is_some() && toks.is_punct(k, ',') {
        k += 1;
    }
    let (from, to, last) = match (weekday_of(k + 1), weekday_of(k + 3)) {
        (Some(a), Some(b))
            if matches!(norm(k), "de" | "du") && matches!(norm(k + 2), "a" | "au") && a < b =>
        {
            (a, b, k + 3)
        }
        // two days running: "lundi et mardi"
        _ if weekday_of(k)
            .zip(weekday_of(k + 2))
            .is_some_and(|(a, b)| a + 1 == b)
            && norm(k + 1) == "et" =>
        {
            (weekday_of(k)?, weekday_of(k + 2)?, k + 2)
        }
        _ => (weekday_of(k).filter(|_| week.is_some())?, weekday_of(k)?, k),
    };
    let day = |d: usize| Duration::days(i64::try_from(d).unwrap_or(0));
    let (from, to) = (day(from), day(to));
    let start = match week {
        Some(w) => {
            let monday = published - day(published.weekday().num_days_from_monday() as usize);
            monday + Duration::days(7 * w) + from
        }
        None if future => {
            let ahead =
                (from.num_days() + 7 - i64::from(published.weekday().num_days_from_monday())) % 7;
            published + Duration::days(if ahead == 0 { 7 } else { ahead })
        }
        None => {
            let back =
                (i64::from(published.weekday().num_days_from_monday()) + 7 - to.num_days()) % 7;
            published - Duration::days(back) - (to - from)
        }
    };
    let (start, end) = (
        PartialDate::from_naive(start)?,
        PartialDate::from_naive(start + (to - from))?,
    );
    Some(expr(toks, i, last, start, Some(end)))
}

/// A season without its year ("à l'automne", "au printemps", "cet été", "l'hiver dernier"):
/// the year it falls in, inferred from publication as for a month (the contract has no
/// season precision).
fn season_at(
    toks: &Tokens<'_>,
    i: usize,
    pub_date: Option<PartialDate>,
    future: bool,
) -> Option<DateExpr> {
    let norm = |j: usize| if j < toks.len() { toks.norm(j) } else { "" };
    if !matches!(norm(i), "l'" | "au" | "en" | "cet" | "ce") {
        return None;
    }
    let month = match norm(i + 1) {
        "printemps" => 4,
        "ete" => 7,
        "automne" => 10,
        "hiver" => 1,
        _ => return None,
    };
    let next = norm(i + 2);
    let after_a = i > 0 && toks.norm(i - 1) == "a";
    if year_number(next).is_some()
        || (norm(i) == "l'" && !after_a && !matches!(next, "dernier" | "prochain"))
    {
        return None;
    }
    let pub_date = pub_date?;
    let (pub_year, pub_month) = (pub_date.year?, pub_date.month.unwrap_or(6));
    let (last, year) = match next {
        "dernier" => (i + 2, pub_year - i32::from(month >= pub_month)),
        "prochain" => (i + 2, pub_year + i32::from(month <= pub_month)),
        _ => (i + 1, infer_year(pub_year, Some(pub_month), month, future)),
    };
    Some(expr(toks, i, last, PartialDate::year(year), None))
}

/// Relative dates, resolved against the publication date. A weekday alone is the last
/// such day, or the next one (or the day itself) when a verb in the future tells it
/// ("repartira samedi", "Ce vendredi, elle sera reçue"; in a `future` sentence only).
fn relative_at(
    toks: &Tokens<'_>,
    i: usize,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
    pub_date: Option<PartialDate>,
    future: bool,
) -> Option<DateExpr> {
    let pub_date = pub_date?;
    let n = toks.len();
    let norm = |j: usize| if j < n { toks.norm(j) } else { "" };
    let day = pub_date.to_naive();
    let day_expr = |last: usize, d: NaiveDate| {
        let date = PartialDate::from_naive(d)?;
        Some(expr(toks, i, last, date, Some(date)))
    };
    match norm(i) {
        "hier" => return day_expr(i, day? - Duration::days(1)),
        "avant-hier" => return day_expr(i, day? - Duration::days(2)),
        "aujourd'hui" => return day_expr(i, day?),
        "demain" => return day_expr(i, day? + Duration::days(1)),
        // "ce matin", "cet après-midi", "ce soir" (not "ce matin-là")
        "ce" | "cet" if matches!(norm(i + 1), "matin" | "apres-midi" | "soir") => {
            return day_expr(i + 1, day?);
        }
        _ => {}
    }
    // "jeudi dernier", "ce jeudi" (no day number follows: that case is absolute)
    if let Some(w) = weekday_of(i)
        && !toks.starts_with_digit(i + 1)
    {
        let d = day?;
        let target = u32::try_from(w).ok()?;
        let today = d.weekday().num_days_from_monday();
        if norm(i + 1) == "prochain" {
            let ahead = (target + 7 - today) % 7;
            let ahead = if ahead == 0 { 7 } else { ahead };
            return day_expr(i + 1, d + Duration::days(i64::from(ahead)));
        }
        // "poursuit jusqu'à vendredi": the next such day (or today)
        if follows_until(toks, i) || future && told_in_the_future(toks, i) {
            let ahead = (target + 7 - today) % 7;
            return day_expr(i, d + Duration::days(i64::from(ahead)));
        }
        let back = (today + 7 - target) % 7;
        let last = if norm(i + 1) == "dernier" { i + 1 } else { i };
        return day_expr(last, d - Duration::days(i64::from(back)));
    }
    let year = pub_date.year?;
    // "il y a cinq ans": that year
    if i >= 3
        && (norm(i - 3), norm(i - 2), norm(i - 1)) == ("il", "y", "a")
        && matches!(norm(i + 1), "an" | "ans")
        && let Some(count) = small_count(norm(i))
    {
        let back = i32::try_from(count).ok()?;
        return Some(expr(toks, i, i + 1, PartialDate::year(year - back), None));
    }
    // "au début du mois", "en fin de mois", "à la fin du mois dernier"
    let part_of_month = matches!(norm(i), "debut" | "fin" | "milieu")
        && matches!(norm(i + 1), "du" | "de")
        && norm(i + 2) == "mois";
    let (unit, shift, last) = match (norm(i), norm(i + 1), norm(i + 2)) {
        _ if part_of_month => match norm(i + 3) {
            "dernier" => ("month", -1, i + 3),
            "prochain" => ("month", 1, i + 3),
            _ => ("month", 0, i + 2),
        },
        ("le" | "au", "mois", "dernier") => ("month", -1, i + 2),
        ("le" | "au", "mois", "prochain") => ("month", 1, i + 2),
        ("ce", "mois-ci", _) => ("month", 0, i + 1),
        ("l'", "an" | "annee", "dernier" | "derniere") => ("year", -1, i + 2),
        ("l'", "an" | "annee", "prochain" | "prochaine") => ("year", 1, i + 2),
        ("cette", "annee", _) => ("year", 0, i + 1),
        // the month of the day a week before or after publication
        ("la", "semaine", "derniere" | "passee") => ("week", -7, i + 2),
        ("la", "semaine", "prochaine") => ("week", 7, i + 2),
        ("cette", "semaine", _) => ("week", 0, i + 1),
        _ => return None,
    };
    let date = if unit == "year" {
        PartialDate::year(year + shift)
    } else if unit == "week" {
        let day = pub_date.to_naive()? + chrono::Duration::days(i64::from(shift));
        let month = PartialDate::from_naive(day)?;
        PartialDate::year_month(month.year?, month.month?)?
    } else {
        let month = i32::from(pub_date.month?) + shift;
        let (y, m) = match month {
            0 => (year - 1, 12),
            13 => (year + 1, 1),
            m => (year, m),
        };
        PartialDate::year_month(y, u8::try_from(m).ok()?)?
    };
    Some(expr(toks, i, last, date, None))
}

/// True when a verb in the future stands just before the weekday at `i` ("repartira
/// samedi") or a few words after it ("Ce vendredi, elle sera reçue"), and no participle
/// tells it in the past ("arrivées mardi, repartira …").
fn told_in_the_future(toks: &Tokens<'_>, i: usize) -> bool {
    let sentence = toks.sentence_tokens(toks.toks[i].sentence as usize);
    let before = if i > 0 && matches!(toks.norm(i - 1), "ce" | "cet") {
        i - 1
    } else {
        i
    };
    let word = |k: usize| toks.kind(k) == Some(TokKind::Word);
    let past = before > sentence.start
        && word(before - 1)
        && ["é", "ée", "és", "ées"]
            .iter()
            .any(|end| toks.text(before - 1).ends_with(end));
    let near = before.saturating_sub(2).max(sentence.start)..(i + 6).min(sentence.end);
    let future_at = |k: usize| word(k) && (is_future_verb(toks.norm(k)) || tells_a_plan(toks, k));
    if past {
        return false;
    }
    if near.clone().any(future_at) {
        return true;
    }
    // "Vendredi, la vice-présidente …, et le ministre doivent signer": a weekday opening the
    // sentence takes the tense of the first verb after it
    before == sentence.start
        && toks.is_punct(i + 1, ',')
        && (i + 2..sentence.end)
            .find(|&k| future_at(k) || (word(k) && is_auxiliary_verb(toks.text(k))))
            .is_some_and(|k| future_at(k) || future_at(k + 1))
}

/// A form of "avoir" or "être" as written ("a", not "à"), that opens a compound tense or
/// is in the imperfect: what follows is told in the past, or expected ("est attendue").
fn is_auxiliary_verb(written: &str) -> bool {
    matches!(
        written,
        "a" | "ont" | "avait" | "avaient" | "est" | "sont" | "était" | "étaient"
    )
}

/// True when the word at `k` tells what is planned or expected, in the present: "doivent
/// signer", "est attendue", "sont par ailleurs attendus".
fn tells_a_plan(toks: &Tokens<'_>, k: usize) -> bool {
    let w = toks.norm(k);
    let word = |j: usize| j < toks.len() && toks.kind(j) == Some(TokKind::Word);
    if matches!(w, "doit" | "doivent") {
        let next = k + 1;
        return word(next)
            && ["er", "ir", "re"]
                .iter()
                .any(|end| toks.norm(next).ends_with(end));
    }
    matches!(w, "attendu" | "attendue" | "attendus" | "attendues")
        && (1..=3)
            .filter_map(|back| k.checked_sub(back))
            .take_while(|&j| word(j) && !toks.is_cap(j))
            .any(|j| matches!(toks.norm(j), "est" | "sont"))
}

/// True for a verb in the simple future ("sera", "repartira", "signeront").
fn is_future_verb(w: &str) -> bool {
    (w.ends_with("ra") || w.ends_with("ront"))
        && w.chars().count() >= 4
        && !matches!(
            w,
            "opera"
                | "camera"
                | "sahara"
                | "extra"
                | "ultra"
                | "cobra"
                | "tiara"
                | "aura-t-il"
                | "para"
        )
}

/// "la veille", "le lendemain", "le surlendemain": a day counted from the last date the
/// text gives before it (from the last day of a span), which must name its day; the year
/// stays as known as that date's.
fn next_or_previous_day(
    toks: &Tokens<'_>,
    i: usize,
    before: Option<&DateExpr>,
    story: Option<&DateExpr>,
) -> Option<DateExpr> {
    let n = toks.len();
    if i + 1 >= n || !matches!(toks.norm(i), "la" | "le" | "ce") {
        return None;
    }
    let before = before?;
    let word = |k: usize| if k < n { toks.norm(k) } else { "" };
    // "le lendemain de l'ouverture" counts from the first day of the span told
    let from_opening = match (word(i + 2), word(i + 3), word(i + 4)) {
        ("de", "l'", "ouverture" | "inauguration" | "arrivee") => Some(i + 4),
        ("du", "debut" | "lancement", _) => Some(i + 3),
        _ => None,
    };
    // (the opening is that of the span the story is in, when the last day told is inside it)
    let opening = story.unwrap_or(before).start;
    let (anchor, shift, last) = match (word(i + 1), word(i + 2)) {
        ("veille", _) => match from_opening {
            Some(last) => (opening, -1, last),
            None => (before.start, -1, i + 1),
        },
        ("lendemain", _) => match from_opening {
            Some(last) => (opening, 1, last),
            None => (before.end.unwrap_or(before.start), 1, i + 1),
        },
        ("surlendemain", _) => (before.end.unwrap_or(before.start), 2, i + 1),
        // "le même jour", "le jour même": the day just told, if it was one day
        ("meme", "jour") | ("jour", "meme") if before.end.is_none_or(|e| e == before.start) => {
            (before.start, 0, i + 2)
        }
        _ => return None,
    };
    let date = days_after(anchor, shift)?;
    Some(expr(toks, i, last, date, Some(date)))
}

/// The day `days` after `from` (before it when negative), which must name its day; the
/// year stays as known as `from`'s.
fn days_after(from: PartialDate, days: i64) -> Option<PartialDate> {
    let (month, day) = (from.month?, from.day?);
    // a year-less date counts in a leap year, so that 29 February exists
    let year = from.year.unwrap_or(2000);
    let d = NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))? + Duration::days(days);
    PartialDate::new(
        from.year.map(|_| d.year()),
        u8::try_from(d.month()).ok(),
        u8::try_from(d.day()).ok(),
    )
}

/// True when `d` is told from "depuis" ("depuis lundi", "Depuis le 3 mai"): when a stay or
/// a state began.
pub fn is_told_since(toks: &Tokens<'_>, d: &DateExpr) -> bool {
    toks.norm(d.first_tok) == "depuis"
        || (d.first_tok > 0 && toks.norm(d.first_tok - 1) == "depuis")
}

/// True when the token at `i` comes right after "jusqu'à" or "jusqu'au": an end.
pub fn follows_until(toks: &Tokens<'_>, i: usize) -> bool {
    i >= 2 && toks.norm(i - 2) == "jusqu'" && matches!(toks.norm(i - 1), "a" | "au")
}

/// True when `d` is "la veille": a step back in the story, not a day it goes on from.
pub fn is_the_day_before(toks: &Tokens<'_>, d: &DateExpr) -> bool {
    toks.norm(d.first_tok + 1) == "veille"
}

/// "Deux jours plus tard", "une semaine plus tard": days counted on from the last day the
/// text gave (the last day of a span), which must name its day.
fn days_later(toks: &Tokens<'_>, i: usize, before: Option<&DateExpr>) -> Option<DateExpr> {
    let n = toks.len();
    let word = |k: usize| if k < n { toks.norm(k) } else { "" };
    if (word(i + 2), word(i + 3)) != ("plus", "tard") {
        return None;
    }
    let count = small_count(word(i))?;
    let days = match word(i + 1) {
        "jour" | "jours" => count,
        "semaine" | "semaines" => 7 * count,
        _ => return None,
    };
    let from = before?;
    let date = days_after(from.end.unwrap_or(from.start), days)?;
    Some(expr(toks, i, i + 3, date, Some(date)))
}

/// A count of days, months or years, in words or digits (1–60): "cinq", "15".
fn small_count(word: &str) -> Option<i64> {
    Some(match word {
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "dix" => 10,
        "quinze" => 15,
        w => w.parse().ok().filter(|d| (1..=60).contains(d))?,
    })
}

/// The end of a range that names its own month, from token `k` on: "au [vendredi] 2 mars
/// [2018]". Returns the day, the month, the year if written and the last token.
fn range_end(
    toks: &Tokens<'_>,
    k: usize,
    month_of: &dyn Fn(usize) -> Option<u8>,
    weekday_of: &dyn Fn(usize) -> Option<usize>,
) -> Option<(u8, u8, Option<i32>, usize)> {
    let n = toks.len();
    if k >= n || !matches!(toks.norm(k), "au" | "-" | "–") {
        return None;
    }
    let mut j = k + 1;
    if j < n && weekday_of(j).is_some() {
        j += 1;
    }
    let day = day_number(toks.text(j.min(n - 1)))?;
    let month = month_of(j + 1).filter(|_| j + 1 < n)?;
    let year = (j + 2 < n).then(|| year_number(toks.text(j + 2))).flatten();
    Some((day, month, year, if year.is_some() { j + 2 } else { j + 1 }))
}

fn expr(
    toks: &Tokens<'_>,
    a: usize,
    b: usize,
    start: PartialDate,
    end: Option<PartialDate>,
) -> DateExpr {
    DateExpr {
        span: toks.span(a, b),
        first_tok: a,
        last_tok: b,
        start,
        end,
    }
}

/// Builds the date, inferring a missing year from the publication date and checking a
/// named weekday against the candidates.
fn finish(
    year: Option<i32>,
    month: u8,
    day: Option<u8>,
    weekday: Option<usize>,
    pub_date: Option<PartialDate>,
    future: bool,
) -> Option<PartialDate> {
    if let Some(y) = year {
        return PartialDate::new(Some(y), Some(month), day).or(PartialDate::year_month(y, month));
    }
    let Some(pub_year) = pub_date.and_then(|p| p.year) else {
        return PartialDate::new(None, Some(month), day);
    };
    let guess = infer_year(pub_year, pub_date.and_then(|p| p.month), month, future);
    if let (Some(w), Some(d)) = (weekday, day) {
        // the weekday named beside the date decides between neighbouring years
        for y in [guess, guess - 1, guess + 1] {
            if let Some(date) = NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(d))
                && date.weekday().num_days_from_monday() as usize == w
            {
                return PartialDate::ymd(y, month, d);
            }
        }
    }
    PartialDate::new(Some(guess), Some(month), day).or(PartialDate::year_month(guess, month))
}

/// The year of a month named without one. Told in the future ("se tiendra", "prochain"),
/// the first such month from publication on; otherwise the publication year, unless that
/// would put the date more than four months after publication (then it is last year's).
pub fn infer_year(pub_year: i32, pub_month: Option<u8>, month: u8, future: bool) -> i32 {
    match pub_month {
        Some(pm) if future && month < pm => pub_year + 1,
        Some(pm) if !future && i32::from(month) - i32::from(pm) > 4 => pub_year - 1,
        _ => pub_year,
    }
}

/// Per sentence: told in the future (a verb in -ra/-ront, a plan, "prochain"). Not "à venir": "les
/// mois à venir" is said of anything, past events included.
pub fn future_sentences(toks: &Tokens<'_>) -> Vec<bool> {
    let mut out = vec![false; toks.sentences.len()];
    for (i, t) in toks.toks.iter().enumerate() {
        if t.kind != TokKind::Word || out[t.sentence as usize] || toks.is_cap(i) {
            continue;
        }
        let w = toks.norm(i);
        // "sont attendus à Tioumen": expected to come
        out[t.sentence as usize] = is_future_verb(w)
            || tells_a_plan(toks, i)
            || matches!(
                w,
                "prochain" | "prochaine" | "prochains" | "prochaines" | "prochainement"
            );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, pub_date: Option<&str>) -> Vec<(String, Option<String>, String)> {
        let lex = Lexicons::load().unwrap();
        let toks = Tokens::new(text);
        let pd = pub_date.and_then(PartialDate::parse_iso);
        find_dates(
            &toks,
            &lex.token_cues(&toks),
            &future_sentences(&toks),
            &lex,
            pd,
        )
        .into_iter()
        .map(|d| {
            (
                d.start.to_iso(),
                d.end.map(|e| e.to_iso()),
                d.span.text(text).to_owned(),
            )
        })
        .collect()
    }

    #[test]
    fn day_month_without_year_stays_yearless() {
        let d = dates("Le séminaire a eu lieu le 4 juin à Paris.", None);
        assert_eq!(d[0].0, "--06-04");
        assert_eq!(d[0].2, "4 juin");
    }

    #[test]
    fn without_publication_date_the_text_gives_the_year() {
        let d = dates(
            "Il était à Kazan les 8 et 9 juillet 2019. Le 10 juillet, il a visité Perm.",
            None,
        );
        assert_eq!(d[0].0, "2019-07-08");
        assert_eq!(d[1].0, "2019-07-10");
        // a bare year is no anchor: it may be history ("depuis 2007")
        let d = dates(
            "Partenaires depuis 2007, ils se sont revus le 4 juin.",
            None,
        );
        assert_eq!(d[1].0, "--06-04");
        // nor a date told after this one
        let d = dates(
            "Signé le 17 octobre, l'accord vaut du 4 au 6 juin 2018.",
            None,
        );
        assert_eq!(d[0].0, "--10-17");
    }

    #[test]
    fn a_weekday_alone_falls_in_the_story_told() {
        // the article came out on 20 July; the trip ran from Monday 1 to Thursday 4 July
        let text = "Du lundi 1er au jeudi 4 juillet, une délégation a séjourné à Oufa. Mercredi, elle a visité une usine. Vendredi, elle est rentrée.";
        let d = dates(text, Some("2019-07-20"));
        assert_eq!(d[1].0, "2019-07-03", "{d:?}");
        assert_eq!(d[2].0, "2019-07-05", "{d:?}");
        // a day told after the span and before the weekday does not take it out of the span
        let text = "Les mardi 17 et mercredi 18 novembre, un colloque à Lille. Le lendemain, un bilan. Mercredi après-midi, une table ronde.";
        let d = dates(text, Some("2020-11-26"));
        assert_eq!(d[2].0, "2020-11-18", "{d:?}");
        // a day given outside the span ends it
        let text = "Les 17 et 18 novembre, un colloque. Le lundi 23 novembre, rien. Mercredi, une table ronde.";
        let d = dates(text, Some("2020-11-30"));
        assert_eq!(d[2].0, "2020-11-25", "{d:?}");
        // "ce mercredi" counts from publication
        let d = dates(
            "Le 1er juillet, rien. Ce mercredi, une visite.",
            Some("2019-07-20"),
        );
        assert_eq!(d[1].0, "2019-07-17", "{d:?}");
    }

    #[test]
    fn weekdays_of_a_named_week_or_a_span_of_weekdays() {
        // 15 October 2013 was a Tuesday
        let d = dates(
            "La semaine dernière, de lundi à vendredi, une mission à Kazan.",
            Some("2013-10-15"),
        );
        assert_eq!(d[0].0, "2013-10-07", "{d:?}");
        assert_eq!(d[0].1.as_deref(), Some("2013-10-11"), "{d:?}");
        let d = dates("La semaine prochaine, mardi, un forum.", Some("2013-10-15"));
        assert_eq!(d[0].0, "2013-10-22", "{d:?}");
        // a span alone: the last one up to publication, or the next one when announced
        let d = dates("Du lundi au mercredi, des rencontres.", Some("2013-10-15"));
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_deref()),
            ("2013-10-07", Some("2013-10-09"))
        );
        let d = dates(
            "Du lundi au mercredi, la délégation visitera Lyon.",
            Some("2013-10-15"),
        );
        assert_eq!(d[0].0, "2013-10-21", "{d:?}");
        // two days running are a span too
        let d = dates("Lundi et mardi, un colloque à Reims.", Some("2013-10-17"));
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_deref()),
            ("2013-10-14", Some("2013-10-15"))
        );
        // a week named alone gives no day, only its month
        let d = dates("La semaine dernière, une visite.", Some("2013-10-15"));
        assert_eq!(d[0].0, "2013-10", "{d:?}");
    }

    #[test]
    fn a_month_of_the_year_before_or_after_and_until_a_weekday() {
        // 20 October 2011 was a Thursday
        let d = dates(
            "En septembre de l'an dernier, une mission ; en mars de l'année prochaine, une autre. Elle reste jusqu'à vendredi.",
            Some("2011-10-20"),
        );
        let days: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(days, ["2010-09", "2012-03", "2011-10-21"], "{d:?}");
    }

    #[test]
    fn last_and_next_months_count_from_publication() {
        let d = dates("Les contacts remontent à juin dernier.", Some("2019-11-15"));
        assert_eq!(d[0].0, "2019-06");
        let d = dates("En novembre dernier, une délégation.", Some("2012-01-24"));
        assert_eq!(d[0].0, "2011-11");
        let d = dates("Rendez-vous en juillet prochain.", Some("2016-07-13"));
        assert_eq!(d[0].0, "2017-07");
        let d = dates("Rendez-vous en septembre prochain.", Some("2016-07-13"));
        assert_eq!(d[0].0, "2016-09");
    }

    #[test]
    fn a_range_may_end_in_another_month_or_year() {
        let d = dates(
            "Du mercredi 28 février au vendredi 2 mars, le salon a eu lieu.",
            Some("2018-03-05"),
        );
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_deref()),
            ("2018-02-28", Some("2018-03-02"))
        );
        let d = dates("du 28 décembre au 3 janvier 2018", None);
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_deref()),
            ("2017-12-28", Some("2018-01-03"))
        );
        let d = dates("du 3 juillet au 5 juillet 2019", None);
        assert_eq!(
            (d[0].0.as_str(), d[0].1.as_deref()),
            ("2019-07-03", Some("2019-07-05"))
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn a_weekday_and_a_day_take_the_month_around_them() {
        // 19 November 2015 was a Thursday, after the 16th the text gave
        let d = dates(
            "La mission arrive le lundi 16 novembre. Elle sera reçue le jeudi 19 à Krasnodar.",
            Some("2015-11-09"),
        );
        assert_eq!(d[1].0, "2015-11-19");
        // 2 July 2019 was a Tuesday: the month after the 30 June given before
        let d = dates(
            "Arrivés le 30 juin, ils signent mardi 2.",
            Some("2019-07-06"),
        );
        assert_eq!(d[1].0, "2019-07-02");
        // from the publication date: the same month, else the one before
        let d = dates("Lundi 12, la délégation est arrivée.", Some("2018-03-20"));
        assert_eq!(d[0].0, "2018-03-12");
        let d = dates(
            "Mercredi 28, la délégation est arrivée.",
            Some("2018-03-05"),
        );
        assert_eq!(d[0].0, "2018-02-28");
        // an hour is no day, and a weekday that matches no month nearby is no date
        assert!(dates("Jeudi 19 h, la délégation est arrivée.", Some("2018-03-05")).is_empty());
        assert!(dates("Lundi 31, la délégation est arrivée.", Some("2018-03-05")).is_empty());
    }

    #[test]
    fn weekday_checks_the_inferred_year() {
        // 28 February 2013 was a Thursday; the article is from March 2013
        let d = dates(
            "Il partira ce jeudi 28 février pour Moscou.",
            Some("2013-03-02"),
        );
        assert_eq!(d[0].0, "2013-02-28");
        // a Friday 1 March: 2019 (not the guessed 2020)
        let d = dates("vendredi 1er mars", Some("2020-03-10"));
        assert_eq!(d[0].0, "2019-03-01");
    }

    #[test]
    fn day_ranges_and_month_before_publication() {
        let d = dates(
            "Les 16 et 17 mai, une conférence a eu lieu.",
            Some("2017-08"),
        );
        assert_eq!(d[0].0, "2017-05-16");
        assert_eq!(d[0].1.as_deref(), Some("2017-05-17"));
        let d = dates("du 3 au 5 octobre", Some("2021-02"));
        assert_eq!(d[0].0, "2020-10-03");
        assert_eq!(d[0].1.as_deref(), Some("2020-10-05"));
    }

    #[test]
    fn future_tense_puts_the_date_after_publication() {
        let d = dates(
            "La réunion se tiendra à Paris le 15 novembre.",
            Some("2021-06-22"),
        );
        assert_eq!(d[0].0, "2021-11-15");
        let d = dates(
            "Le forum aura lieu le 10 février prochain.",
            Some("2021-06-22"),
        );
        assert_eq!(d[0].0, "2022-02-10");
        // told in the past, a later month is last year's
        let d = dates("La réunion a eu lieu le 15 novembre.", Some("2021-02-10"));
        assert_eq!(d[0].0, "2020-11-15");
    }

    #[test]
    fn day_ranges_with_articles() {
        let d = dates("Entre le 3 et le 5 avril, à Lyon.", Some("2019-04-03"));
        assert_eq!(d[0].0, "2019-04-03");
        assert_eq!(d[0].1.as_deref(), Some("2019-04-05"));
        let d = dates(
            "La mission a séjourné du lundi 7 au mercredi 9 mars à Lyon.",
            Some("2022-03-10"),
        );
        assert_eq!(d[0].0, "2022-03-07");
        assert_eq!(d[0].1.as_deref(), Some("2022-03-09"));
    }

    #[test]
    fn the_months_to_come_do_not_make_a_past_date_future() {
        let d = dates(
            "Le salon, tenu les 12 et 13 mai, a fixé les priorités des mois à venir.",
            Some("2023-06-01"),
        );
        assert_eq!(d[0].0, "2023-05-12");
    }

    #[test]
    fn month_precision_forms() {
        assert_eq!(dates("fin novembre en France", None)[0].0, "--11");
        assert_eq!(dates("en mai 2017, à Lyon", None)[0].0, "2017-05");
        assert_eq!(dates("à la mi-juin", Some("2018-07-01"))[0].0, "2018-06");
        assert!(dates("Mai est un mois.", None).is_empty());
    }

    #[test]
    fn years_need_a_cue() {
        assert_eq!(
            dates("La Région a engagé en 2011 un plan.", None)[0].0,
            "2011"
        );
        assert!(dates("plus de 2000 entreprises", None).is_empty());
    }

    #[test]
    fn numeric_and_iso_dates() {
        assert_eq!(dates("le 02/03/2013 au soir", None)[0].0, "2013-03-02");
        assert_eq!(dates("(2017-05-16)", None)[0].0, "2017-05-16");
        assert!(dates("le 31/02/2013", None).is_empty());
    }

    #[test]
    fn relative_dates_use_the_publication_date() {
        assert_eq!(
            dates("hier, à Kazan", Some("2019-04-05"))[0].0,
            "2019-04-04"
        );
        assert_eq!(dates("le mois dernier", Some("2019-01-15"))[0].0, "2018-12");
        assert_eq!(dates("l'an dernier", Some("2019-01-15"))[0].0, "2018");
        // a week is told at the month of its days
        assert_eq!(
            dates("la semaine dernière", Some("2019-11-14"))[0].0,
            "2019-11"
        );
        assert_eq!(
            dates("la semaine dernière", Some("2019-12-03"))[0].0,
            "2019-11"
        );
        assert_eq!(
            dates("la semaine prochaine", Some("2019-12-28"))[0].0,
            "2020-01"
        );
        // 5 April 2019 was a Friday: "mardi dernier" is 2 April
        assert_eq!(
            dates("mardi dernier", Some("2019-04-05"))[0].0,
            "2019-04-02"
        );
        assert!(dates("hier", None).is_empty());
    }

    #[test]
    fn the_day_before_and_after_count_from_the_last_date() {
        let found = dates(
            "Le forum s'est tenu du 3 au 5 octobre 2019. La veille, un dîner ; le lendemain, une visite.",
            None,
        );
        let days: Vec<&str> = found.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(days, ["2019-10-03", "2019-10-02", "2019-10-06"]);
        // year-less: the year stays unknown; 1 March less a day is 29 February
        let found = dates("Le 1er mars, signature. La veille, rencontre.", None);
        assert_eq!(found[1].0, "--02-29");
        // no day-precise date before: nothing
        assert_eq!(dates("En mars 2019. Le lendemain, rien.", None).len(), 1);
        let found = dates(
            "Le 5 juin 2012, rencontres ; une mission y était venue en 2010. Le lendemain, accord.",
            None,
        );
        assert_eq!(found[2].0, "2012-06-06");
    }

    #[test]
    fn the_day_after_the_opening_counts_from_the_first_day() {
        let d = dates(
            "Le salon s'est tenu du 8 au 10 octobre 2013. Le lendemain de l'ouverture, des rendez-vous.",
            None,
        );
        assert_eq!(d[1].0, "2013-10-09", "{d:?}");
        assert_eq!(d[1].2, "Le lendemain de l'ouverture", "{d:?}");
        let d = dates(
            "Le salon s'est tenu du 8 au 10 octobre 2013. La veille de l'ouverture, un accord.",
            None,
        );
        assert_eq!(
            (d[1].0.as_str(), d[1].2.as_str()),
            ("2013-10-07", "La veille de l'ouverture")
        );
        // the opening of the span the story is in, not of the last day told in it
        let d = dates(
            "Le salon s'est tenu du 8 au 10 octobre 2013. Mercredi, un débat. La veille de l'ouverture, un accord.",
            Some("2013-10-20"),
        );
        assert_eq!(
            (d[1].0.as_str(), d[2].0.as_str()),
            ("2013-10-09", "2013-10-07"),
            "{d:?}"
        );
    }

    #[test]
    fn days_later_count_from_the_last_day_told() {
        let d = dates(
            "Le 19 mars, un workshop à Moscou. Deux jours plus tard, Saint-Pétersbourg ; une semaine plus tard, Kazan.",
            Some("2019-03-25"),
        );
        let days: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(days, ["2019-03-19", "2019-03-21", "2019-03-28"], "{d:?}");
        assert!(dates("Deux jours plus tard, rien.", Some("2019-03-25")).is_empty());
    }

    #[test]
    fn a_review_of_the_year_before_dates_what_it_tells_in_that_year() {
        let text = |title: &str| {
            format!(
                "{title}\n\n• 15 mars : un séminaire à Moscou.\n• Du mardi 16 au vendredi 19 mai, une mission."
            )
        };
        let d = dates(
            &text("Rétrospective 2016 : une année d'échanges"),
            Some("2017-01-12"),
        );
        let days: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        // the weekdays still decide: 16 May 2017 was a Tuesday
        assert_eq!(days, ["2016-03-15", "2017-05-16"], "{d:?}");
        let d = dates(
            &text("Kazan et Lyon, une année d'échanges"),
            Some("2017-01-12"),
        );
        assert_eq!(d[0].0, "2017-03-15", "{d:?}");
    }

    #[test]
    fn a_season_gives_its_year() {
        let year = |text: &str, published: &str| {
            dates(text, Some(published))
                .first()
                .map(|d| (d.0.clone(), d.2.clone()))
        };
        assert_eq!(
            year("À l'automne, un accord.", "2017-01-12"),
            Some(("2016".into(), "l'automne".into()))
        );
        assert_eq!(
            year("L'été dernier, une visite.", "2019-03-02").unwrap().0,
            "2018"
        );
        assert_eq!(
            year("Au printemps prochain, un forum.", "2019-06-02")
                .unwrap()
                .0,
            "2020"
        );
        assert_eq!(
            year("Il se rendra à Kazan cet été.", "2019-03-02")
                .unwrap()
                .0,
            "2019"
        );
        // "l'automne 2016" is the absolute form; "a été" is no summer
        assert_eq!(
            year("À l'automne 2014, une visite.", "2017-01-12")
                .unwrap()
                .0,
            "2014"
        );
        assert!(dates("L'accord a été signé.", Some("2019-03-02")).is_empty());
    }

    #[test]
    fn the_same_day_and_the_next_day_count_on() {
        let found = dates(
            "Le 16 mars 2016, réception. Le lendemain, une visite. Le même jour, un contrat. \
             Le lendemain, le retour.",
            None,
        );
        let days: Vec<&str> = found.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            days,
            ["2016-03-16", "2016-03-17", "2016-03-17", "2016-03-18"]
        );
        // after a span of days, "le même jour" names no day
        assert_eq!(
            dates("Du 3 au 5 mai 2019. Le même jour, rien.", None).len(),
            1
        );
    }

    #[test]
    fn this_morning_and_years_ago_count_from_publication() {
        let d = dates("Ce matin, les élus visiteront le port.", Some("2015-03-12"));
        assert_eq!(d[0].0, "2015-03-12", "{d:?}");
        assert!(dates("Ce matin-là, il pleuvait.", Some("2015-03-12")).is_empty());
        let d = dates(
            "La charte a été signée il y a cinq ans.",
            Some("2015-03-12"),
        );
        assert_eq!(d[0].0, "2010", "{d:?}");
        let d = dates("Le jumelage est né il y a 12 ans.", Some("2015-03-12"));
        assert_eq!(d[0].0, "2003", "{d:?}");
    }

    #[test]
    fn a_passage_told_in_a_past_year_dates_its_months() {
        let d = dates(
            "Tout a commencé l'an dernier, à Perm. En juin, trois entreprises y exposaient. En octobre, elles signaient.",
            Some("2012-09-21"),
        );
        let starts: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(starts, ["2011", "2011-06", "2011-10"], "{d:?}");
        let d = dates(
            "En 2010, le forum a réuni 300 personnes. Le 4 juin, un accord a été signé.",
            Some("2012-09-21"),
        );
        assert_eq!(d[1].0, "2010-06-04", "{d:?}");
        // "mars dernier" counts from publication; another paragraph, a bare "depuis 2009"
        // or a founding year tells no passage
        for (text, month) in [
            (
                "L'an dernier, une délégation est venue ; en mars dernier, une autre.",
                "2012-03",
            ),
            (
                "L'an dernier, une délégation est venue.\nEn juin, une autre.",
                "2012-06",
            ),
            (
                "Depuis 2009, le club exporte. En juin, il a exposé.",
                "2012-06",
            ),
            ("Fondée en 1995, la société a exposé en juin.", "2012-06"),
        ] {
            let d = dates(text, Some("2012-09-21"));
            assert_eq!(d.last().map(|x| x.0.as_str()), Some(month), "{text}: {d:?}");
        }
    }

    #[test]
    fn a_part_of_the_month_is_the_month_of_publication() {
        let d = dates(
            "Au début du mois, il visitait le salon.",
            Some("2014-10-24"),
        );
        assert_eq!(d[0].0, "2014-10", "{d:?}");
        let d = dates(
            "À la fin du mois dernier, il visitait le salon.",
            Some("2014-10-24"),
        );
        assert_eq!(d[0].0, "2014-09", "{d:?}");
    }

    #[test]
    fn a_plan_or_an_expected_visit_is_told_in_the_future() {
        // 20 November 2018 was a Tuesday
        let d = dates(
            "Une délégation est par ailleurs attendue fin janvier à Lille.",
            Some("2018-11-20"),
        );
        assert_eq!(d[0].0, "2019-01", "{d:?}");
        let d = dates(
            "Vendredi, ils doivent signer une convention.",
            Some("2018-11-20"),
        );
        assert_eq!(d[0].0, "2018-11-23", "{d:?}");
        // a weekday opening the sentence takes the tense of its first verb, however far
        // ("à" is no "a")
        for (verb, day) in [
            ("doivent signer", "2013-11-22"),
            (
                "ont signé un protocole qui sera appliqué en mai",
                "2013-11-15",
            ),
        ] {
            let text = format!(
                "Vendredi, la vice-présidente du conseil régional déléguée à l'agriculture et le ministre {verb}."
            );
            let d = dates(&text, Some("2013-11-21"));
            assert_eq!(d[0].0, day, "{d:?}");
        }
        // "devaient" tells the past
        let d = dates(
            "Vendredi, ils devaient signer une convention.",
            Some("2018-11-20"),
        );
        assert_eq!(d[0].0, "2018-11-16", "{d:?}");
    }

    #[test]
    fn a_month_an_event_is_moved_to_comes_after_publication() {
        let d = dates("Le séminaire est repoussé à avril.", Some("2013-11-21"));
        assert_eq!((d[0].0.as_str(), d[0].2.as_str()), ("2014-04", "à avril"));
        let d = dates(
            "La mission a été reportée au mois d'août.",
            Some("2015-03-20"),
        );
        assert_eq!(
            (d[0].0.as_str(), d[0].2.as_str()),
            ("2015-08", "au mois d'août")
        );
        // "à" before a month is no cue otherwise
        assert!(dates("De retour à avril, rien.", Some("2013-11-21")).is_empty());
    }

    #[test]
    fn a_weekday_told_in_the_future_is_the_next_one() {
        let d = dates(
            "La délégation, arrivée mardi, repartira samedi. Ce vendredi, elle sera reçue à la mairie.",
            Some("2018-03-15"),
        );
        let starts: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(starts, ["2018-03-13", "2018-03-17", "2018-03-16"], "{d:?}");
        // in the past, the last one
        let d = dates(
            "Ce vendredi, elle a été reçue à la mairie.",
            Some("2018-03-15"),
        );
        assert_eq!(d[0].0, "2018-03-09", "{d:?}");
    }

    #[test]
    fn a_flashback_does_not_move_the_story() {
        let text = "Le salon s'est tenu du lundi 7 au jeudi 10 octobre. Les 3 et 4 juin, des \
                    acheteurs avaient visité les usines. La veille de l'ouverture, un séminaire \
                    a réuni les exposants. Le mercredi 9, place aux rendez-vous. Le lendemain, \
                    un contrat a été signé.";
        let d = dates(text, Some("2019-10-15"));
        let days: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        // the eve of the fair's opening, not of the flashback; "Le mercredi 9" is in October
        // (no 9 June near it is a Wednesday)
        assert_eq!(
            days,
            [
                "2019-10-07",
                "2019-06-03",
                "2019-10-06",
                "2019-10-09",
                "2019-10-10"
            ],
            "{d:?}"
        );
    }
}
