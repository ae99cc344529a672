//! Choosing among overlapping candidates, and spreading what was found once.
//!
//! Longer candidates win, then surer rules; a place may stay inside an organisation's name
//! ("gouvernement de Moscou" keeps "Moscou"). Afterwards a name found by a rule is also
//! recognised where it recurs without its cue: the surname alone after the full name,
//! "X (ACR)" and "X (la …)" appositions.

use rustc_hash::FxHashMap as HashMap;

use super::names::{Cand, Ctx};
use crate::model::EntityKind;

/// A kept mention on tokens `first..=last`.
#[derive(Clone, Debug)]
pub struct Found {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Entity type.
    pub kind: EntityKind,
    /// Canonical name (filled by [`super::aliases`]; the gazetteer's when known).
    pub canonical: String,
    /// True when the canonical name came from a lexicon.
    pub known: bool,
    /// True when this mention sits inside another (a place inside an organisation).
    pub nested: bool,
}

fn byte_len(ctx: &Ctx<'_, '_>, c: &Cand) -> usize {
    ctx.toks.span(c.first, c.last).len()
}

/// Keeps the best candidates: sure rules (credits, known names) first, then longest.
pub fn resolve(ctx: &Ctx<'_, '_>, mut cands: Vec<Cand>) -> Vec<Found> {
    cands.sort_by(|a, b| {
        let sure = |c: &Cand| c.priority >= 7;
        sure(b)
            .cmp(&sure(a))
            .then(byte_len(ctx, b).cmp(&byte_len(ctx, a)))
            .then(b.priority.cmp(&a.priority))
            .then(a.first.cmp(&b.first))
    });
    // per token: the index in `taken` of the top-level mention covering it, and whether a
    // nested mention already sits there
    let n = ctx.toks.len();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut nested_at = vec![false; n];
    let mut taken: Vec<Found> = Vec::new();
    for c in cands {
        let Some(range) = owner.get(c.first..=c.last) else {
            continue;
        };
        let mut owners: Vec<usize> = range.iter().flatten().copied().collect();
        owners.dedup();
        let nested_ok = c.kind == EntityKind::Place
            && !ctx.quoted[c.first]
            && owners.len() == 1
            && range.iter().all(Option::is_some)
            && !nested_at[c.first..=c.last].iter().any(|&b| b)
            && {
                let f = &taken[owners[0]];
                f.kind == EntityKind::Organisation && (f.first, f.last) != (c.first, c.last)
            };
        if !owners.is_empty() && !nested_ok {
            continue;
        }
        let text = ctx
            .toks
            .span(c.first, c.last)
            .text(ctx.toks.text)
            .to_owned();
        if nested_ok {
            nested_at[c.first..=c.last]
                .iter_mut()
                .for_each(|b| *b = true);
        } else {
            owner[c.first..=c.last]
                .iter_mut()
                .for_each(|o| *o = Some(taken.len()));
        }
        taken.push(Found {
            first: c.first,
            last: c.last,
            kind: c.kind,
            known: c.canonical.is_some(),
            canonical: c.canonical.unwrap_or(text),
            nested: nested_ok,
        });
    }
    taken.sort_by_key(|f| (f.first, std::cmp::Reverse(f.last)));
    taken
}

/// Per token: covered by a mention.
fn coverage(n: usize, found: &[Found]) -> Vec<bool> {
    let mut out = vec![false; n];
    for f in found {
        if let Some(range) = out.get_mut(f.first..=f.last) {
            range.iter_mut().for_each(|b| *b = true);
        }
    }
    out
}

/// "l'Université de Strasbourg (Unistra)": a capitalised word in parentheses right after an
/// organisation, which it may abbreviate, is its short form (a name of its own, looked for
/// again like the others; [`super::aliases`] links it to the long form).
fn short_forms_in_parentheses(ctx: &Ctx<'_, '_>, found: &mut Vec<Found>, covered: &mut [bool]) {
    let toks = ctx.toks;
    let mut added = Vec::new();
    for f in found
        .iter()
        .filter(|f| f.kind == EntityKind::Organisation && !f.nested)
    {
        let w = f.last + 2;
        if !toks.is_punct(f.last + 1, '(') || covered.get(w).is_none_or(|&c| c) {
            continue;
        }
        // "(AD Normandie)": an acronym and a place
        let acronym_and_place = ctx.place_at.get(w + 1).copied().flatten().filter(|&end| {
            toks.is_all_caps(w)
                && toks.is_punct(end + 1, ')')
                && toks.toks[w].sentence == toks.toks[end].sentence
        });
        let one_word = (toks.is_punct(w + 1, ')')
            && toks.is_cap(w)
            && !ctx.masked[w]
            && ctx.name_word(w)
            && super::aliases::defines(toks.span(f.first, f.last).text(toks.text), toks.text(w)))
        .then_some(w);
        let Some(end) = acronym_and_place.or(one_word) else {
            continue;
        };
        covered[w..=end].iter_mut().for_each(|c| *c = true);
        added.push(Found {
            first: w,
            last: end,
            kind: EntityKind::Organisation,
            canonical: toks.span(w, end).text(toks.text).to_owned(),
            known: false,
            nested: false,
        });
    }
    found.extend(added);
    found.sort_by_key(|f| (f.first, std::cmp::Reverse(f.last)));
}

/// A name to look for again: its tokens `first..=last` (compared folded), its type, and the
/// mention whose canonical name it gives.
struct Pattern {
    first: usize,
    last: usize,
    kind: EntityKind,
    source: usize,
}

/// Spreads names: a multi-word name recurring elsewhere, a person's surname alone, and the
/// word before or inside a parenthesis that restates an organisation.
pub fn propagate(ctx: &Ctx<'_, '_>, found: &mut Vec<Found>) {
    let toks = ctx.toks;
    let n = toks.len();
    let mut added: Vec<Found> = Vec::new();
    let mut covered = coverage(n, found);
    short_forms_in_parentheses(ctx, found, &mut covered);
    // exact recurrences of names found by a rule, and surnames alone
    let mut patterns: Vec<Pattern> = Vec::new();
    for (source, f) in found.iter().enumerate().filter(|(_, f)| !f.nested) {
        if matches!(f.kind, EntityKind::Person | EntityKind::Organisation) {
            patterns.push(Pattern {
                first: f.first,
                last: f.last,
                kind: f.kind,
                source,
            });
        }
        if f.kind == EntityKind::Person && f.last > f.first {
            let surname = toks.norm(f.last);
            if surname.chars().count() > 3 && !ctx.lex.first_names.contains(surname) {
                patterns.push(Pattern {
                    first: f.last,
                    last: f.last,
                    kind: EntityKind::Person,
                    source,
                });
            }
        }
    }
    // one pattern per name (a name repeated a thousand times is looked for once)
    let words = |p: &Pattern| (p.first..=p.last).map(|i| toks.norm(i));
    let mut unique = rustc_hash::FxHashSet::default();
    patterns.retain(|p| unique.insert((words(p).collect::<Vec<_>>(), p.kind)));
    patterns.sort_by_key(|p| std::cmp::Reverse(p.last - p.first));
    let mut by_first: HashMap<&str, Vec<&Pattern>> = HashMap::default();
    for p in &patterns {
        by_first.entry(toks.norm(p.first)).or_default().push(p);
    }
    let mut i = 0;
    while i < n {
        if ctx.masked[i] || covered[i] || !toks.is_cap(i) {
            i += 1;
            continue;
        }
        let candidates = by_first.get(toks.norm(i)).map(Vec::as_slice).unwrap_or(&[]);
        let hit = candidates.iter().find(|p| {
            words(p)
                .enumerate()
                .all(|(k, w)| i + k < n && toks.norm(i + k) == w && !covered[i + k])
        });
        if let Some(p) = hit {
            let len = p.last - p.first + 1;
            covered[i..i + len].iter_mut().for_each(|b| *b = true);
            added.push(Found {
                first: i,
                last: i + len - 1,
                kind: p.kind,
                canonical: found[p.source].canonical.clone(),
                known: false,
                nested: false,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    // "Torgpredstvo (la Représentation commerciale russe, ndlr)": the word before restates
    for f in found
        .iter()
        .filter(|f| f.kind == EntityKind::Organisation && !f.nested)
    {
        let mut open = f.first;
        while open > 0 && matches!(toks.norm(open - 1), "la" | "le" | "l'" | "les") {
            open -= 1;
        }
        if open >= 2 && toks.is_punct(open - 1, '(') {
            let w = open - 2;
            if toks.is_cap(w) && !covered[w] && ctx.name_word(w) && !ctx.masked[w] {
                covered[w] = true;
                added.push(Found {
                    first: w,
                    last: w,
                    kind: EntityKind::Organisation,
                    canonical: f.canonical.clone(),
                    known: false,
                    nested: false,
                });
            }
        }
    }
    // a surname read as a place by the hyphen rule ("Chesnais-Girard") is the person's
    let surnames: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == EntityKind::Place && !f.known && !f.nested && f.first == f.last)
        .filter_map(|(k, f)| {
            let word = toks.norm(f.first);
            patterns
                .iter()
                .find(|p| {
                    p.kind == EntityKind::Person && p.first == p.last && toks.norm(p.first) == word
                })
                .map(|p| (k, p.source))
        })
        .collect();
    for (k, source) in surnames {
        found[k].kind = EntityKind::Person;
        found[k].canonical = found[source].canonical.clone();
    }
    found.extend(added);
    found.sort_by_key(|f| (f.first, std::cmp::Reverse(f.last)));
}
