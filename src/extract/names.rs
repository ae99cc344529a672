//! Candidate mentions from the French rules: people (first names, titles, Russian surname
//! shapes, appositions, photo credits), organisations (head words with their complements,
//! acronyms, brands, company cues, employers after a role) and places (gazetteer, cues).
//!
//! Candidates may overlap; [`super::resolve`] keeps the best of them.

use super::gazetteer::Hit;
use super::lexicon::{Lexicons, OrgHead, PlaceKind};
use super::tokens::{TokKind, Tokens};
use crate::model::EntityKind;

/// How sure a rule is; higher wins a tie between overlapping candidates of equal length.
pub type Priority = u8;

/// A candidate mention on tokens `first..=last`.
#[derive(Clone, Debug)]
pub struct Cand {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Entity type.
    pub kind: EntityKind,
    /// Canonical name when the rule knows it (gazetteer).
    pub canonical: Option<String>,
    /// Rule confidence.
    pub priority: Priority,
}

/// The token context the rules share.
pub struct Ctx<'t, 'a> {
    /// The tokens.
    pub toks: &'t Tokens<'a>,
    /// The lexicons.
    pub lex: &'t Lexicons,
    /// Per token: inside a region that is not mined (boilerplate, metadata).
    pub masked: Vec<bool>,
    /// Per token: inside a photo credit.
    pub credit: Vec<bool>,
    /// Per token: first token of a place gazetteer hit, with its last token.
    pub place_at: Vec<Option<usize>>,
    /// Per token: inside « » or " quotes.
    pub quoted: Vec<bool>,
    /// The gazetteer, for place names inside words.
    pub gazetteer: &'t super::gazetteer::Gazetteer,
    /// Per token: a word in capitals that also occurs in lower case in the document (an
    /// ordinary word set in capitals, not an acronym).
    pub caps_word_in_lower: Vec<bool>,
    /// Per token: [`Ctx::name_word`] before masking (cached: the rules ask it often).
    pub name_like: Vec<bool>,
    /// Per token: a known first name (or hyphenated first names).
    pub first_name: Vec<bool>,
    /// Per token: which cue lists hold the word ([`cue`] bits).
    pub cues: Vec<cue::Bits>,
    /// Per sentence: written (almost) all in capitals, like a headline.
    pub upper_sentence: Vec<bool>,
    /// Per sentence: told in the future ([`super::dates::future_sentences`]).
    pub future: Vec<bool>,
}

/// Bits of [`Ctx::cues`]: the word lists a word belongs to, from one lookup per token.
pub mod cue {
    /// The bits of one word.
    pub type Bits = u16;
    /// A person's title or role.
    pub const TITLE: Bits = 1;
    /// A noun before company names.
    pub const COMPANY: Bits = 1 << 1;
    /// A role before an employer.
    pub const ROLE: Bits = 1 << 2;
    /// A noun before a place name.
    pub const PLACE: Bits = 1 << 3;
    /// The first word of an organisation head.
    pub const ORG_HEAD: Bits = 1 << 4;
    /// The first word of an event trigger.
    pub const TRIGGER: Bits = 1 << 5;
    /// A noun that only refers back to an event ("événement").
    pub const EVENT_REFERENCE: Bits = 1 << 6;
    /// A word of the date grammar: month, weekday, relative word.
    pub const DATE: Bits = 1 << 7;
    /// A word telling a plan, not a fact ("prévoit", "souhaite").
    pub const INTENT: Bits = 1 << 8;
    /// A known first name.
    pub const FIRST_NAME: Bits = 1 << 9;
    /// A capitalised word that is no name ("Le", "Selon").
    pub const NOT_NAME: Bits = 1 << 10;
    /// The lower-case first word of a place phrase ("région de Leningrad").
    pub const LEADS_PLACE: Bits = 1 << 11;
    /// The lower-case first word of a known organisation's or person's name.
    pub const LEADS_NAME: Bits = 1 << 12;
}

impl<'t, 'a> Ctx<'t, 'a> {
    /// Builds the context and its per-token caches; places are marked afterwards, from the
    /// gazetteer's hits ([`Ctx::mark_places`]).
    pub fn new(
        toks: &'t Tokens<'a>,
        lex: &'t Lexicons,
        gazetteer: &'t super::gazetteer::Gazetteer,
        masked: Vec<bool>,
        credit: Vec<bool>,
        quoted: Vec<bool>,
    ) -> Self {
        let n = toks.len();
        let cues = lex.token_cues(toks);
        let mut name_like = vec![false; n];
        let mut first_name = vec![false; n];
        let mut caps: Vec<(usize, &str)> = Vec::new();
        for i in 0..n {
            if toks.toks[i].kind != TokKind::Word || !toks.is_cap(i) {
                continue;
            }
            let norm = toks.norm(i);
            name_like[i] = cues[i] & cue::NOT_NAME == 0;
            first_name[i] = !toks.is_all_caps(i)
                && (cues[i] & cue::FIRST_NAME != 0
                    || (norm.contains('-')
                        && norm.split('-').all(|p| lex.first_names.contains(p))));
            if toks.is_all_caps(i) {
                caps.push((i, norm));
            }
        }
        let upper_sentence = toks
            .sentences
            .iter()
            .map(|(span, _)| {
                let text = span.text(toks.text);
                let (mut letters, mut lower) = (0, 0);
                for c in text.chars() {
                    letters += usize::from(c.is_alphabetic());
                    lower += usize::from(c.is_lowercase());
                    if lower * 10 >= text.len() {
                        return false; // there are fewer letters than bytes: not a headline
                    }
                }
                letters > 12 && lower * 10 < letters
            })
            .collect();
        let mut caps_word_in_lower = vec![false; n];
        if !caps.is_empty() {
            let wanted: rustc_hash::FxHashSet<&str> = caps.iter().map(|&(_, w)| w).collect();
            let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
            for i in 0..n {
                if toks.toks[i].kind == TokKind::Word
                    && !toks.toks[i].shape.any_upper
                    && wanted.contains(toks.norm(i))
                {
                    seen.insert(toks.norm(i));
                }
            }
            for (i, w) in caps {
                caps_word_in_lower[i] = seen.contains(w);
            }
        }
        Self {
            toks,
            lex,
            masked,
            credit,
            place_at: vec![None; n],
            quoted,
            gazetteer,
            caps_word_in_lower,
            name_like,
            first_name,
            cues,
            upper_sentence,
            future: super::dates::future_sentences(toks),
        }
    }
}

impl<'t> Ctx<'t, '_> {
    /// Marks the first token of each place hit with its last token (the first hit wins).
    pub fn mark_places(&mut self, hits: &[Hit<'_>]) {
        for h in hits {
            if h.entry.kind == EntityKind::Place && self.place_at[h.first].is_none() {
                self.place_at[h.first] = Some(h.last);
            }
        }
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn norm(&self, i: usize) -> &str {
        if i < self.n() { self.toks.norm(i) } else { "" }
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.n() && self.toks.toks[a].sentence == self.toks.toks[b].sentence
    }

    fn usable(&self, i: usize) -> bool {
        i < self.n() && !self.masked[i]
    }

    /// A capitalised word that may be part of a name.
    pub fn name_word(&self, i: usize) -> bool {
        self.usable(i) && self.name_like[i]
    }

    fn is_first_name(&self, i: usize) -> bool {
        i < self.n() && self.first_name[i]
    }

    /// Token `i` belongs to the cue list `bit`.
    pub fn has_cue(&self, i: usize, bit: cue::Bits) -> bool {
        self.cues.get(i).is_some_and(|c| c & bit != 0)
    }

    fn is_title(&self, i: usize) -> bool {
        self.usable(i) && self.has_cue(i, cue::TITLE)
    }

    /// The org head phrase starting at token `i`: its last token and how it behaves.
    pub fn org_head_at(&self, i: usize) -> Option<(usize, &'t OrgHead)> {
        if !self.has_cue(i, cue::ORG_HEAD) {
            return None;
        }
        let heads = self.lex.org_heads.get(self.norm(i))?;
        for (words, head) in heads {
            if words
                .iter()
                .enumerate()
                .all(|(k, w)| self.norm(i + k) == w && self.same_sentence(i, i + k))
            {
                return Some((i + words.len() - 1, head));
            }
        }
        None
    }

    fn is_connector(&self, i: usize) -> bool {
        matches!(self.norm(i), "de" | "du" | "des" | "d'")
    }

    fn is_place(&self, i: usize) -> bool {
        i < self.n() && self.place_at[i].is_some()
    }
}

/// Runs every rule and returns the candidates (gazetteer hits included).
pub fn candidates(ctx: &Ctx<'_, '_>, hits: &[Hit<'_>]) -> Vec<Cand> {
    let mut out = Vec::new();
    for h in hits {
        if ctx.masked[h.first] || (ctx.credit[h.first] && h.entry.kind == EntityKind::Place) {
            continue;
        }
        // a known person's surname after another name word is part of a longer name
        // ("Vladimir Vladimirovitch Poutine", "Sergey Sobyanin"): not sure
        let inside_name = h.entry.kind == EntityKind::Person
            && h.first > 0
            && ctx.same_sentence(h.first - 1, h.first)
            && ctx.name_word(h.first - 1);
        let priority = match h.entry.kind {
            EntityKind::Place => 6,
            _ if inside_name => 6,
            _ => 7,
        };
        // a known name continued by more capitalised words is a longer name
        // ("French Tech" → "French Tech Moscow"), found by the rules below
        let mut last = h.last;
        // "le Groupe PSA", "la Fondation Renault": the word is part of the name
        let first = if h.entry.kind == EntityKind::Organisation
            && h.first > 0
            && ctx.same_sentence(h.first - 1, h.first)
            && matches!(ctx.toks.text(h.first - 1), "Groupe" | "Fondation")
        {
            h.first - 1
        } else {
            h.first
        };
        if h.entry.kind == EntityKind::Organisation {
            while ctx.same_sentence(h.first, last + 1)
                && continues_name(ctx, last + 1)
                && last < h.last + 3
            {
                last += 1;
            }
            // a known body named by its head word, with more said of it ("la Douma
            // régionale de Sverdlovsk"), is a longer name
            if last == h.last && ctx.org_head_at(h.first).is_some() {
                last = complement(ctx, h.first, h.last).0.max(last);
            }
        }
        let exact = last == h.last && first == h.first;
        out.push(Cand {
            first,
            last,
            kind: h.entry.kind,
            canonical: exact.then(|| h.entry.canonical.clone()),
            priority: if exact { priority } else { 6 },
        });
    }
    people(ctx, &mut out);
    credits(ctx, &mut out);
    organisations(ctx, &mut out);
    acronyms_and_brands(ctx, &mut out);
    company_lists(ctx, &mut out);
    quoted_company_names(ctx, &mut out);
    places(ctx, &mut out);
    masthead(ctx, &mut out);
    // "le premier Forum franco-russe": a one-word name that is an event's word is no person
    out.retain(|c| {
        c.kind != EntityKind::Person || c.first != c.last || !ctx.has_cue(c.first, cue::TRIGGER)
    });
    out
}

/// "TERRES & TROUPEAUX", "L'ESTUAIRE – Le quotidien des Pays de la Loire": a first line in
/// capitals, up to a dash or a bar, is the name of the paper or site (not a page label such
/// as "COMMUNIQUÉ DE PRESSE", not a dateline such as "STRASBOURG").
fn masthead(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let toks = ctx.toks;
    let line_end = (1..ctx.n())
        .find(|&k| toks.toks[k].after_newline)
        .unwrap_or(ctx.n());
    let end = (0..line_end)
        .find(|&k| ['–', '—', '|'].iter().any(|&c| toks.is_punct(k, c)))
        .unwrap_or(line_end);
    if end == 0 || end > MASTHEAD_TOKENS {
        return;
    }
    let last = end - 1;
    let capitals = (0..end).all(|k| match toks.kind(k) {
        Some(TokKind::Punct) => toks.is_punct(k, '&'),
        // "L'ESTUAIRE"
        Some(TokKind::Elision) => k == 0 && toks.text(k).starts_with(char::is_uppercase),
        Some(_) => toks.is_all_caps(k) && toks.text(k).chars().count() > 1,
        None => false,
    });
    let a_place = (0..end).all(|k| ctx.is_place(k));
    let a_label = (0..end).any(|k| PAGE_LABELS.contains(&ctx.norm(k)));
    if capitals && !a_place && !a_label && (0..end).any(|k| toks.kind(k) == Some(TokKind::Word)) {
        out.push(Cand {
            first: 0,
            last,
            kind: EntityKind::Organisation,
            canonical: None,
            priority: 7,
        });
    }
}

/// How many tokens a [`masthead`] may have.
const MASTHEAD_TOKENS: usize = 6;

/// Words of a page's label, which names no paper ("COMMUNIQUÉ DE PRESSE").
const PAGE_LABELS: &[&str] = &["communique", "presse", "actualites", "actualite", "dossier"];

/// "Pierre Vernon", "Marc Beaumont": a one-word town right after a known first name is a
/// surname (many French surnames are towns); a country or a region is not.
fn town_as_surname(ctx: &Ctx<'_, '_>, first: usize, j: usize) -> bool {
    j == first + 1
        && ctx.is_first_name(first)
        && ctx.place_at[j] == Some(j)
        && !ctx.toks.is_all_caps(j)
        && ctx.gazetteer.kind(ctx.norm(j)) == Some(PlaceKind::City)
}

/// Extends a name from `first` over capitalised words and inner particles (at most `max`).
fn extend_name(ctx: &Ctx<'_, '_>, first: usize, max: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    let mut words = 0;
    while words < max && ctx.same_sentence(first, j) {
        if ctx.name_word(j)
            && (!ctx.is_place(j) || town_as_surname(ctx, first, j))
            && ctx.org_head_at(j).is_none()
        {
            last = j;
            words += 1;
            j += 1;
        } else if ctx.lex.name_particles.contains(ctx.norm(j))
            && ctx.name_word(j + 1)
            && ctx.same_sentence(first, j + 1)
            && !ctx.is_place(j + 1)
            && ctx.org_head_at(j + 1).is_none()
            && !ctx.toks.is_cap(j)
            && ctx.toks.toks[j].kind != TokKind::Punct
            && matches!(
                ctx.norm(j),
                "de" | "d'" | "van" | "von" | "le" | "la" | "der" | "da" | "di" | "del" | "ben"
            )
        {
            last = j + 1;
            words += 1;
            j += 2;
        } else if matches!(ctx.norm(j), "le" | "la" | "du" | "van" | "von")
            && ctx.toks.is_cap(j)
            && j > first
            && ctx.same_sentence(first, j + 1)
            && ctx.name_word(j + 1)
            && ctx.toks.is_cap(j + 1)
            && !ctx.is_place(j + 1)
            && ctx.org_head_at(j + 1).is_none()
        {
            // a surname opening with a capitalised particle: "Yannick Le Bihan"
            last = j + 1;
            words += 1;
            j += 2;
        } else if ctx.norm(j) == "de"
            && matches!(ctx.norm(j + 1), "la" | "le")
            && ctx.toks.is_cap(j + 1)
            && ctx.same_sentence(first, j + 2)
            && ctx.name_word(j + 2)
            && !ctx.is_place(j + 2)
            && ctx.org_head_at(j + 2).is_none()
        {
            // "Jean-Marc de La Roche"
            last = j + 2;
            words += 1;
            j += 3;
        } else {
            break;
        }
    }
    last
}

/// "V. Tchernikov", "J.-P. Durand, maire": an initial and a surname, which must look
/// Russian or stand beside a title.
fn initial_and_surname(ctx: &Ctx<'_, '_>, i: usize, out: &mut Vec<Cand>) {
    let toks = ctx.toks;
    // "M." is a title, not an initial
    let initial =
        |k: usize| toks.is_cap(k) && toks.text(k).chars().nth(1).is_none() && !ctx.is_title(k);
    if !initial(i) {
        return;
    }
    // "J.-P.": the initials before
    let adjacent = |a: usize| toks.toks[a].span.end() == toks.toks[a + 1].span.start();
    let mut first = i;
    while first >= 3
        && toks.is_punct(first - 1, '-')
        && toks.is_punct(first - 2, '.')
        && initial(first - 3)
        && (first - 3..first).all(adjacent)
    {
        first -= 3;
    }
    let s = i + 2;
    if !(toks.is_punct(i + 1, '.')
        && toks.toks[i + 1].span.start() == toks.toks[i].span.end()
        && ctx.same_sentence(i, s)
        && ctx.name_word(s)
        && !toks.is_all_caps(s)
        && !ctx.is_place(s)
        && !ctx.is_first_name(s)
        && ctx.org_head_at(s).is_none())
    {
        return;
    }
    let titled = (first > 0 && ctx.is_title(first - 1))
        || (toks.is_punct(s + 1, ',') && ctx.is_title(s + 2));
    if titled || ctx.lex.has_russian_surname_ending(ctx.norm(s)) {
        out.push(person(first, s, 5));
    }
}

fn people(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    for i in 0..n {
        if !ctx.usable(i) || ctx.credit[i] {
            continue;
        }
        // every rule below opens on a first name, a title or a capitalised word
        if !ctx.toks.is_cap(i) && !ctx.is_first_name(i) && !ctx.is_title(i) {
            continue;
        }
        // first name + surname(s): Sergueï Tcheriomine, Jean-Bernard Gramunt
        if ctx.is_first_name(i) {
            let last = extend_name(ctx, i, 3);
            if last > i {
                out.push(person(i, last, 6));
                continue;
            }
        }
        // title + name(s): le président Poutine, M. Dupont, MM. Durand et Petit
        if ctx.is_title(i) {
            titled_names(ctx, i, out);
        }
        initial_and_surname(ctx, i, out);
        // unknown first name + Russian-looking surname: Magomed Kolgaev
        if ctx.name_word(i)
            && !ctx.toks.is_all_caps(i)
            && ctx.name_word(i + 1)
            && ctx.same_sentence(i, i + 1)
            && ctx.lex.has_russian_surname_ending(ctx.norm(i + 1))
            && !ctx.is_place(i)
            && !ctx.is_place(i + 1)
            && ctx.org_head_at(i).is_none()
            && !ctx.has_cue(i.wrapping_sub(1), cue::COMPANY)
        {
            // a patronymic is followed by the surname: "Zoulfia Marsovna Galeeva"
            let last = if is_patronymic(ctx.norm(i + 1))
                && ctx.name_word(i + 2)
                && ctx.same_sentence(i, i + 2)
                && !ctx.is_place(i + 2)
                && ctx.org_head_at(i + 2).is_none()
            {
                i + 2
            } else {
                i + 1
            };
            out.push(person(i, last, 5));
        }
        // apposition after a role: "Le président du conseil régional, Loïg Chesnais-Girard, a …"
        if i > 0
            && ctx.toks.is_punct(i - 1, ',')
            && ctx.name_word(i)
            && !ctx.toks.is_all_caps(i)
            && ctx.name_word(i + 1)
            && ctx.same_sentence(i, i + 1)
            && ctx.toks.is_punct(i + 2, ',')
            && !ctx.is_place(i)
            && ctx.org_head_at(i).is_none()
            && ctx.org_head_at(i + 1).is_none()
            && (i.saturating_sub(14)..i).any(|k| ctx.same_sentence(k, i) && ctx.is_title(k))
        {
            out.push(person(i, i + 1, 5));
        }
        // apposition: Prénom Nom, directeur de …
        if ctx.name_word(i)
            && !ctx.toks.is_all_caps(i)
            && ctx.name_word(i + 1)
            && ctx.same_sentence(i, i + 1)
            && ctx.toks.is_punct(i + 2, ',')
            && (ctx.is_title(i + 3)
                || (matches!(ctx.norm(i + 3), "le" | "la" | "l'") && ctx.is_title(i + 4)))
            && !ctx.is_place(i)
            && !ctx.is_place(i + 1)
            && ctx.org_head_at(i).is_none()
        {
            out.push(person(i, i + 1, 5));
        }
    }
}

/// A Russian patronymic ("Ramilevna", "Petrovitch", "Ilitch"), folded.
fn is_patronymic(norm: &str) -> bool {
    [
        "ovna", "evna", "itchna", "ovitch", "evitch", "ovich", "evich", "itch",
    ]
    .iter()
    .any(|end| norm.len() > end.len() + 2 && norm.ends_with(end))
}

/// The names after a title at `i`: "M. Dupont", "M. le chanoine Durand", "M. de Villepin",
/// "les généraux Chomel et de Courcy", "MM. Fallières, Passy et Descamps".
fn titled_names(ctx: &Ctx<'_, '_>, i: usize, out: &mut Vec<Cand>) {
    let mut j = i + 1;
    if ctx.toks.is_punct(j, '.') && ctx.toks.toks[j].span.start() == ctx.toks.toks[i].span.end() {
        j += 1; // the dot of "M."
    }
    // "M. le chanoine X": a second title after an article
    if matches!(ctx.norm(j), "le" | "la") && ctx.is_title(j + 1) {
        j += 2;
    }
    let plural = ctx.norm(i).ends_with('s') || ctx.norm(i).ends_with('x') || ctx.norm(i) == "mm";
    loop {
        if !ctx.same_sentence(i, j) {
            return;
        }
        let mut first = j;
        if matches!(ctx.norm(j), "de" | "d'") && ctx.name_word(j + 1) && !ctx.toks.is_cap(j) {
            // "M. de Villepin", "le général de Gaulle"; but "le président de Mécanov", "le
            // directeur général de X" name a body
            let role_before = i > 0 && ctx.is_title(i - 1);
            if !ctx.lex.particle_titles.contains(ctx.norm(i)) || role_before {
                return;
            }
            first = j + 1;
        }
        if !ctx.name_word(first)
            || ctx.is_place(first)
            || ctx.org_head_at(first).is_some()
            || ctx.has_cue(first, cue::TITLE)
        {
            return;
        }
        let last = extend_name(ctx, first, 2);
        out.push(person(if first > j { j } else { first }, last, 5));
        if !plural {
            return;
        }
        if ctx.toks.is_punct(last + 1, ',') || ctx.norm(last + 1) == "et" {
            j = last + 2;
        } else {
            return;
        }
    }
}

fn person(first: usize, last: usize, priority: Priority) -> Cand {
    Cand {
        first,
        last,
        kind: EntityKind::Person,
        canonical: None,
        priority,
    }
}

fn org(first: usize, last: usize, priority: Priority) -> Cand {
    Cand {
        first,
        last,
        kind: EntityKind::Organisation,
        canonical: None,
        priority,
    }
}

/// Photo credits: "Crédit : Prénom Nom", "Prénom Nom/Agence".
fn credits(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    let mut i = 0;
    while i < n {
        if !ctx.credit[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && ctx.credit[i] {
            i += 1;
        }
        // tokens start..i are one credit; names are runs of capitalised words split by '/'
        let mut j = start;
        let mut first_run = true;
        while j < i {
            if ctx.toks.is_cap(j)
                && !matches!(ctx.norm(j), "credit" | "photo" | "source" | "illustration")
            {
                let mut k = j;
                // "© Le Journal du Centre", "© Université de Bordeaux": a name opening with
                // an article or an organisation's head takes its connectors
                let title = matches!(ctx.norm(j), "le" | "la" | "les" | "l'")
                    || ctx.org_head_at(j).is_some();
                loop {
                    if k + 1 < i
                        && ctx.toks.toks[k + 1].kind == TokKind::Word
                        && ctx.toks.is_cap(k + 1)
                    {
                        k += 1;
                    } else if title
                        && k + 2 < i
                        && ctx.is_connector(k + 1)
                        && ctx.toks.is_cap(k + 2)
                        && ctx.toks.toks[k + 2].kind == TokKind::Word
                    {
                        k += 2;
                    } else {
                        break;
                    }
                }
                if title && k > j {
                    out.push(org(j, k, 9));
                    first_run = false;
                    j = k + 1;
                    continue;
                }
                // the photographer comes first ("Ivan Sokolov/TASS"), or after the agency
                // when a first name opens the run ("Photo TASS/Ivan Sokolov", "© Business
                // France / Ksenia Malakhova")
                let after_slash = j > start && ctx.toks.is_punct(j - 1, '/');
                let agency_first = !ctx.is_first_name(j)
                    && (k + 1..i)
                        .find(|&m| ctx.toks.is_punct(m, '/'))
                        .is_some_and(|m| ctx.is_first_name(m + 1));
                if k > j && ((first_run && !after_slash && !agency_first) || ctx.is_first_name(j)) {
                    out.push(person(j, k, 9));
                } else {
                    out.push(org(j, k, 9));
                }
                first_run = false;
                j = k + 1;
            } else {
                j += 1;
            }
        }
    }
}

/// Organisation heads with their complements.
fn organisations(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    for i in 0..n {
        if !ctx.usable(i) || ctx.credit[i] {
            continue;
        }
        let Some((head_last, head)) = ctx.org_head_at(i) else {
            continue;
        };
        let (lowercase_ok, building) = (head.lowercase_ok, head.building);
        let kind = if building {
            EntityKind::Place
        } else {
            EntityKind::Organisation
        };
        let capital = ctx.toks.is_cap(i) && !ctx.toks.starts_sentence(i);
        if head.press {
            // "Le Courrier de l'Ouest", "L'Écho des Alpes"
            if ctx.toks.is_cap(i)
                && i > 0
                && ctx.toks.text(i - 1).starts_with(char::is_uppercase)
                && matches!(ctx.norm(i - 1), "le" | "la" | "l'" | "les")
                && ctx.same_sentence(i - 1, i)
            {
                out.push(org(i - 1, complement(ctx, i, head_last).0, 6));
            }
            continue;
        }
        // "l'institut Boreskov", "le théâtre Bolchoï": in lower case, a body named after
        // someone still names it
        let eponym_follows = head_last == i
            && EPONYM_HEADS.contains(&ctx.norm(i))
            && ctx.same_sentence(i, i + 1)
            && ctx.toks.is_cap(i + 1)
            && ctx.name_word(i + 1)
            && !ctx.toks.is_all_caps(i + 1)
            && !ctx.is_place(i + 1);
        if !capital && !lowercase_ok && !ctx.toks.starts_sentence(i) && !eponym_follows {
            continue;
        }
        // plural heads are generic ("les universités")
        if head_last == i
            && ctx.norm(i).ends_with('s')
            && !matches!(ctx.norm(i), "fonds" | "corps" | "congres" | "pays")
        {
            continue;
        }
        let (last, proper) = complement(ctx, i, head_last);
        let last = numbered(ctx, i, last);
        if head.descriptive
            && !ctx.toks.is_cap(i)
            && last > head_last
            && ctx.name_word(head_last + 1)
        {
            out.push(org(head_last + 1, last, 6));
            continue;
        }
        // "lycée Les Eucalyptus": a school's name may open with a capitalised article
        let name_at = if EPONYM_HEADS.contains(&ctx.norm(i))
            && matches!(ctx.norm(last + 1), "le" | "la" | "les")
            && ctx.toks.is_cap(last + 1)
            && ctx.name_word(last + 2)
            && ctx.same_sentence(i, last + 2)
        {
            last + 2
        } else {
            last + 1
        };
        // "Pôle de compétitivité mécanique ViaMéca": the name after the description is
        // the organisation, the description is not
        if ctx.same_sentence(i, name_at)
            && ctx.name_word(name_at)
            && (building || !ctx.is_place(name_at))
            && ctx.org_head_at(name_at).is_none()
        {
            let mut end = name_at;
            while ctx.same_sentence(i, end + 1) && continues_name(ctx, end + 1) && end < last + 4 {
                end += 1;
            }
            // an eponym completes a scholarly body's name ("Institut de catalyse Boreskov");
            // a brand names the body alone
            let eponym = (building || EPONYM_HEADS.contains(&ctx.norm(i)))
                && (last + 1..=end).all(|k| !ctx.toks.is_camel(k) && !ctx.toks.is_all_caps(k));
            let first = if eponym { i } else { last + 1 };
            out.push(Cand {
                kind,
                ..org(first, end, 5)
            });
            continue;
        }
        if last == head_last && !capital {
            continue;
        }
        if last == head_last && head_last == i {
            continue; // a bare head word ("le Centre") is no name
        }
        // without a capital or a proper noun only a few heads name a body, and "le
        // ministère public" (the prosecution) lacks the "de …" a ministry has
        if !capital && !proper {
            let body = lowercase_ok
                && match ctx.norm(i) {
                    "commission" | "comite" => true,
                    "ministere" => (head_last + 1..=last).any(|k| ctx.is_connector(k)),
                    _ => false,
                };
            if !body {
                continue;
            }
        }
        // "l'Église catholique" is a body, "l'église Saint-Pierre" a building
        if building && !proper {
            continue;
        }
        out.push(Cand {
            kind,
            ..org(i, last, 6)
        });
    }
}

/// Extends an organisation from its head over adjectives, `de …` complements, a
/// capitalised name and a quoted name. Returns the last token and whether a proper noun
/// was met.
fn complement(ctx: &Ctx<'_, '_>, first: usize, head_last: usize) -> (usize, bool) {
    let lex = ctx.lex;
    let mut last = head_last;
    let mut proper = false;
    let mut j = head_last + 1;
    let mut after_noun = true; // an adjective may follow
    let mut purpose = false; // a "pour le …" complement was taken
    let same = |j: usize| ctx.same_sentence(first, j) && ctx.usable(j);
    // "le tourisme", "l'environnement" at `j`: an article and a lower-case plain word
    let article_and_word = |j: usize| {
        matches!(ctx.norm(j), "le" | "la" | "les" | "l'")
            && same(j + 1)
            && is_plain_word(ctx, j + 1)
            && !ctx.toks.is_cap(j + 1)
    };
    // a name right after the head: fondation Skolkovo, CCI France Russie
    while same(j)
        && ctx.toks.is_cap(j)
        && !ctx.has_cue(j, cue::NOT_NAME)
        && ctx.org_head_at(j).is_none()
    {
        last = j;
        proper = true;
        j += 1;
    }
    loop {
        if !same(j) {
            break;
        }
        let w = ctx.norm(j);
        if after_noun
            && ctx.toks.toks[j].kind == TokKind::Word
            && !ctx.toks.is_cap(j)
            && lex.is_adjective(w)
        {
            last = j;
            j += 1;
            // a name after the adjectives: "Université fédérale balte Emmanuel-Kant" (a
            // brand there names the body alone: "pôle de compétitivité mécanique ViaMéca")
            // ("Université polytechnique Hauts-de-France": a university's may be a place)
            let mut m = j;
            while m < j + 3
                && same(m)
                && ctx.toks.is_cap(m)
                && !ctx.toks.is_camel(m)
                && !ctx.toks.is_all_caps(m)
                && ctx.name_word(m)
                && !ctx.has_cue(m, cue::NOT_NAME)
                && (!ctx.is_place(m) || ctx.norm(first) == "universite")
                && ctx.org_head_at(m).is_none()
            {
                m += 1;
            }
            if m > j {
                (last, j, proper) = (m - 1, m, true);
            }
            continue;
        }
        // "… pour l'environnement et les matériaux"
        if purpose && w == "et" && article_and_word(j + 1) {
            last = j + 2;
            j += 3;
            continue;
        }
        // a school's fields: "École … des technologies et industries du bois", "École
        // européenne d'ingénieurs en génie des matériaux"
        if matches!(w, "et" | "en")
            && SCHOOL_HEADS.contains(&ctx.norm(first))
            && same(j + 2)
            && !ctx.toks.is_cap(j + 1)
            && is_plain_word(ctx, j + 1)
            && !lex.is_adjective(ctx.norm(j + 1))
            && (w == "en" || ctx.is_connector(j + 2))
        {
            last = j + 1;
            j += 2;
            after_noun = true;
            continue;
        }
        // et + adjective / et + de …
        if w == "et" && same(j + 1) {
            if ctx.is_connector(j + 1) {
                // "… de Moscou et du Fonds …": a second organisation begins
                let mut k = j + 2;
                if matches!(ctx.norm(k), "la" | "l'") {
                    k += 1;
                }
                if ctx.org_head_at(k).is_some() {
                    break;
                }
                j += 1;
                continue;
            }
            if after_noun && !ctx.toks.is_cap(j + 1) && lex.is_adjective(ctx.norm(j + 1)) {
                last = j + 1;
                j += 2;
                continue;
            }
            if ctx.toks.is_cap(j + 1)
                && ctx.org_head_at(j + 1).is_none()
                && ctx.name_word(j + 1)
                && ctx.is_connector(j.wrapping_sub(2))
            {
                last = j + 1;
                j += 2;
                continue;
            }
            break;
        }
        // enumeration inside a name: "de la compétitivité, de l'industrie et des services"
        if ctx.toks.is_punct(j, ',')
            && ctx.is_connector(j + 1)
            && ctx.norm(j + 2) != "la"
            && !ctx.toks.is_cap(j + 2)
            && j > 0
            && !ctx.toks.is_cap(j - 1)
            && has_later_et(ctx, j + 1, first)
        {
            j += 1;
            continue;
        }
        // a mission abroad names its host: "ambassade de France en Russie", "consulat
        // général de Russie à Strasbourg"
        if matches!(w, "en" | "au" | "aux" | "a")
            && (w != "a" || ctx.norm(first) == "consulat")
            && MISSION_HEADS.contains(&ctx.norm(first))
            && ctx.toks.is_cap(j + 1)
            && same(j + 1)
            && let Some(place_last) = ctx.place_at[j + 1]
        {
            last = place_last;
            break;
        }
        if ctx.is_connector(j) {
            let mut k = j + 1;
            if matches!(ctx.norm(k), "la" | "l'") && ctx.norm(j) == "de" {
                k += 1;
            }
            if !same(k) || ctx.toks.toks[k].kind != TokKind::Word {
                break;
            }
            // an inner organisation that stands alone: "… du gouvernement de Moscou"
            // (a head that names a body only in capitals, "la Ville de Nice", splits only so)
            if let Some((_, head)) = ctx.org_head_at(k)
                && head.splits
                && (head.lowercase_ok || ctx.toks.is_cap(k) || ctx.norm(k) != "ville")
                && (!ctx.toks.is_cap(first)
                    || matches!(
                        ctx.norm(k),
                        "gouvernement" | "mairie" | "ministere" | "prefecture"
                    ))
            {
                break;
            }
            let word = ctx.norm(k);
            if ctx.has_cue(k, cue::NOT_NAME) && !ctx.toks.is_cap(k) && !matches!(word, "l'") {
                // "de ce", "de leur" …: not a name complement
                if matches!(
                    word,
                    "ce" | "cette"
                        | "ces"
                        | "son"
                        | "sa"
                        | "ses"
                        | "leur"
                        | "leurs"
                        | "notre"
                        | "nos"
                        | "tout"
                        | "tous"
                        | "plus"
                        | "moins"
                        | "tres"
                ) {
                    break;
                }
            }
            if ctx.toks.is_cap(k) {
                // a capitalised complement: a name (possibly several words)
                let mut m = k;
                while same(m + 1)
                    && ctx.toks.is_cap(m + 1)
                    && ctx.name_word(m + 1)
                    && ctx.org_head_at(m + 1).is_none()
                {
                    m += 1;
                }
                if !ctx.has_cue(k, cue::NOT_NAME) || ctx.is_place(k) {
                    proper = true;
                }
                last = m;
                j = m + 1;
                after_noun = true;
                continue;
            }
            if is_plain_word(ctx, k) {
                last = k;
                j = k + 1;
                after_noun = true;
                continue;
            }
            break;
        }
        // "Agence fédérale pour le tourisme", "Institut … pour l'environnement": a purpose
        // completes a capitalised body's description (not a name already complete)
        if w == "pour" && ctx.toks.is_cap(first) && !proper && article_and_word(j + 1) {
            last = j + 2;
            j += 3;
            after_noun = true;
            purpose = true;
            continue;
        }
        // "Agence de développement pour la Normandie": a place the body serves
        if w == "pour"
            && ctx.toks.is_cap(first)
            && !proper
            && matches!(ctx.norm(j + 1), "le" | "la" | "l'")
            && same(j + 2)
            && let Some(place_last) = ctx.place_at[j + 2]
        {
            last = place_last;
            proper = true;
            break;
        }
        // "Centre de soutien à l'exportation", "Agence d'aide aux entreprises"
        if (ctx.toks.text(j) == "à" || matches!(w, "au" | "aux"))
            && ctx.toks.is_cap(first)
            && !proper
            && last > head_last
        {
            let k = if matches!(ctx.norm(j + 1), "l'" | "la") && w == "a" {
                j + 2
            } else {
                j + 1
            };
            if same(k) && is_plain_word(ctx, k) && !ctx.toks.is_cap(k) {
                last = k;
                j = k + 1;
                after_noun = true;
                continue;
            }
        }
        // "Centre de lutte contre le cancer"
        if w == "contre"
            && matches!(ctx.norm(j + 1), "le" | "la" | "les" | "l'")
            && is_plain_word(ctx, j + 2)
        {
            last = j + 2;
            j += 3;
            continue;
        }
        // a quoted name right after: Association … « Provence – Russie »
        if ctx.toks.is_punct(j, '«') || ctx.toks.is_punct(j, '"') || ctx.toks.is_punct(j, '“') {
            let mut m = j + 1;
            while same(m)
                && m < j + 10
                && ctx.quoted[m]
                && !ctx.toks.is_punct(m, '»')
                && !ctx.toks.is_punct(m, '"')
                && !ctx.toks.is_punct(m, '”')
            {
                m += 1;
            }
            if same(m) && m > j + 1 && ctx.toks.is_cap(j + 1) {
                last = m;
                proper = true;
            }
            break;
        }
        // a capitalised name after a complement: cluster de biomédecine Lyonbiopôle is handled
        // by the company cue rule; here the name ends
        break;
    }
    // trim trailing descriptive parts: "de la ville", "de la France"
    let last = trim_generic_tail(ctx, first, last);
    (last, proper)
}

/// "Université Lyon 2", "Université Toulouse III – Paul Sabatier": a number after a
/// university's (or a school's) name, and the name after a dash that follows the number,
/// belong to it. Returns the new last token.
fn numbered(ctx: &Ctx<'_, '_>, first: usize, last: usize) -> usize {
    if !EPONYM_HEADS.contains(&ctx.norm(first)) || last == first {
        return last;
    }
    let toks = ctx.toks;
    let roman = |k: usize| {
        k < ctx.n() && toks.text(k).len() <= 4 && toks.text(k).chars().all(|c| "IVX".contains(c))
    };
    let mut end = last;
    if !(roman(end) && toks.is_cap(end - 1)) {
        let k = end + 1;
        let short_number = k < ctx.n()
            && toks.toks[k].kind == TokKind::Number
            && toks.text(k).len() <= 2
            && !(k + 1 < ctx.n() && toks.toks[k + 1].kind == TokKind::Number);
        if !(ctx.same_sentence(first, k) && (short_number || roman(k))) {
            return last;
        }
        end = k;
    }
    // a dash and the name after it: "– Paul Sabatier", "- Panthéon-Sorbonne"
    let dash = end + 1;
    if (toks.is_punct(dash, '–') || toks.is_punct(dash, '-'))
        && ctx.same_sentence(first, dash + 1)
        && ctx.name_word(dash + 1)
    {
        end = dash + 1;
        while end < dash + 3 && ctx.same_sentence(first, end + 1) && continues_name(ctx, end + 1) {
            end += 1;
        }
    }
    end
}

/// Heads of schools, whose names list fields with "et" and "en" ("École nationale
/// supérieure des technologies et industries du bois").
const SCHOOL_HEADS: &[&str] = &["ecole", "institut", "universite", "faculte"];

/// Heads of bodies whose description a name closes, a person's or a place's, that belongs
/// to them ("Institut de physique nucléaire Budker", "Université d'État Lomonossov",
/// "comité de jumelage Brest-Kaliningrad").
const EPONYM_HEADS: &[&str] = &[
    "institut",
    "universite",
    "academie",
    "ecole",
    "lycee",
    "college",
    "comite",
    "musee",
    "conservatoire",
    "bibliotheque",
    "mediatheque",
    "laboratoire",
    "hopital",
    "theatre",
];

/// Heads of a country's missions abroad, whose name may end with the host place.
const MISSION_HEADS: &[&str] = &["ambassade", "consulat", "representation"];

/// Street and site words that stay part of the place's name, even in lower case ("rue des
/// Forges", "lac du Bourget", "parc des Sources", "golfe de Finlande", "église
/// Saint-Nicolas").
const STREET_CUES: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "quai",
    "quais",
    "impasse",
    "allee",
    "square",
    "esplanade",
    "route",
    "chemin",
    "gare",
    "lac",
    "parc",
    "jardin",
    "ile",
    "presqu'ile",
    "golfe",
    "baie",
    "mer",
    "pont",
    "glacier",
    "halle",
    "cathedrale",
    "eglise",
    "basilique",
    "abbaye",
    "monastere",
    "chapelle",
];

/// Cues of a site whose lower-case name is a place, kept whole like a street's ("le château
/// de Chenonceau", "le domaine de la Palissade", "l'étang de Vaccarès"); capitalised, they
/// open an estate's or a company's name ("Château Pey-Lacoste", "Domaine des Trois
/// Lauriers"), not a place's.
const SITE_CUES: &[&str] = &[
    "chateau", "domaine", "mas", "etang", "delta", "marais", "estuaire",
];

/// True when a number ends right before token `i`, a comma between them or not ("12,
/// route de …", "4 chemin des …").
fn after_a_number(ctx: &Ctx<'_, '_>, i: usize) -> bool {
    let k = if ctx.toks.is_punct(i.wrapping_sub(1), ',') {
        i.wrapping_sub(2)
    } else {
        i.wrapping_sub(1)
    };
    k < ctx.n() && ctx.toks.toks[k].kind == TokKind::Number
}

/// A capitalised word that may continue a name already begun ("Dedienne Santé").
fn continues_name(ctx: &Ctx<'_, '_>, j: usize) -> bool {
    ctx.usable(j)
        && ctx.toks.is_cap(j)
        && ctx.toks.toks[j].kind == TokKind::Word
        && ctx.norm(j).chars().count() > 2
        && !matches!(
            ctx.norm(j),
            "les" | "une" | "des" | "aux" | "dans" | "pour" | "avec" | "selon"
        )
}

/// True when a later "et" in the same sentence closes an enumeration started at `from`.
fn has_later_et(ctx: &Ctx<'_, '_>, from: usize, first: usize) -> bool {
    (from..from + 12).any(|k| ctx.same_sentence(first, k) && ctx.norm(k) == "et")
}

/// French function words: never the noun of a name's complement.
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "a", "en", "et",
    "ou", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
    "votre", "vos", "qui", "que", "qu'", "dont", "ou", "il", "elle", "ils", "elles", "on", "nous",
    "vous", "se", "s'", "sur", "sous", "dans", "par", "pour", "avec", "sans", "chez", "vers",
    "entre", "plus", "moins", "tres", "tout", "tous", "toute", "toutes", "ne", "pas", "est",
    "sont", "a", "ont", "etait", "fut", "sera", "etre", "avoir", "comme", "ainsi",
];

/// A lower-case content word: not a function word, not a number.
fn is_plain_word(ctx: &Ctx<'_, '_>, k: usize) -> bool {
    k < ctx.n()
        && ctx.toks.toks[k].kind == TokKind::Word
        && !FUNCTION_WORDS.contains(&ctx.norm(k))
        && ctx.norm(k).chars().count() > 2
}

/// Drops a final "de la ville", "de la région", "de la France" from a name.
fn trim_generic_tail(ctx: &Ctx<'_, '_>, first: usize, mut last: usize) -> usize {
    loop {
        if last < first + 3 {
            return last;
        }
        let w = ctx.norm(last);
        let generic = ctx.lex.generic_nouns.contains(w) && !ctx.toks.is_cap(last);
        let country_with_article = ctx.gazetteer.is_country(ctx.norm(last))
            && matches!(ctx.norm(last - 1), "la" | "l'")
            && ctx.norm(last - 2) == "de";
        if generic || country_with_article {
            let mut k = last - 1;
            if matches!(ctx.norm(k), "la" | "l'" | "le" | "les") {
                k -= 1;
            }
            if ctx.is_connector(k) && k > first {
                last = k - 1;
                continue;
            }
        }
        return last;
    }
}

/// Acronyms (AIRR, CCI de Moscou, ATF Implants), legal suffixes (Insitilab LLC) and brand
/// shapes (ViaMéca, Cargo.Tech, izi.travel, AIR-ZETTA, VR-Expo).
fn acronyms_and_brands(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    for i in 0..n {
        if !ctx.usable(i) || ctx.credit[i] || ctx.toks.toks[i].kind != TokKind::Word {
            continue;
        }
        let text = ctx.toks.text(i);
        let shape = ctx.toks.toks[i].shape;
        // lower-case words can only be dotted brands (izi.travel)
        if !shape.cap && !shape.dotted {
            continue;
        }
        let norm = ctx.norm(i);
        // counted only for the shapes that need it (most capitalised words have none)
        let letters = if shape.all_caps || shape.dotted || shape.camel {
            text.chars().filter(|c| c.is_alphabetic()).count()
        } else {
            0
        };
        let acronym = shape.all_caps
            && (3..=16).contains(&letters)
            && (letters <= 5 || shape.hyphen)
            && !ctx.lex.not_acronyms.contains(norm)
            && !ctx.is_place(i)
            && !line_is_upper(ctx, i)
            && !in_caps_run(ctx, i)
            && !ctx.caps_word_in_lower[i];
        let suffix_follows = shape.cap
            && !(shape.all_caps && in_caps_run(ctx, i))
            && ctx.same_sentence(i, i + 1)
            && ctx.toks.toks[i + 1].span.start() > ctx.toks.toks[i].span.end()
            && ctx.lex.org_suffixes.contains(ctx.toks.text(i + 1));
        let dotted = shape.dotted && letters >= 4 && !text.ends_with('.');
        let camel = shape.camel && letters >= 4;
        let hyphen_caps = shape.hyphen
            && text
                .split('-')
                .filter(|p| p.chars().next().is_some_and(char::is_uppercase))
                .count()
                >= 2
            && !ctx.is_place(i)
            && !ctx.is_first_name(i)
            && text.split('-').all(|p| {
                !ctx.lex.first_names.contains(&crate::text::fold(p))
                    && ctx.gazetteer.place(p).is_none()
            });
        if suffix_follows {
            out.push(org(named_before_suffix(ctx, i), i + 1, 6));
            continue;
        }
        // a family firm: "la scierie Gaudel et Fils", "les Tissages Decock & Fils"
        if shape.cap
            && !shape.all_caps
            && ctx.same_sentence(i, i + 2)
            && (ctx.norm(i + 1) == "et" || ctx.toks.text(i + 1) == "&")
            && matches!(ctx.toks.text(i + 2), "Fils" | "Frères" | "Cie")
        {
            let last = if ctx.same_sentence(i, i + 3)
                && ctx.lex.org_suffixes.contains(ctx.toks.text(i + 3))
            {
                i + 3
            } else {
                i + 2
            };
            out.push(org(named_before_suffix(ctx, i), last, 6));
            continue;
        }
        // a legal form with a quoted name, before or after it: OOO « Neva-Trans »,
        // « Neva-Trans » OOO; a Russian form before a plain name: AO Ouralmach
        if shape.all_caps && ctx.lex.org_suffixes.contains(text) {
            if let Some(close) = quotation_at(ctx, i + 1) {
                out.push(org(i, close, 6));
                continue;
            }
            if let Some(open) = quotation_ending_at(ctx, i.wrapping_sub(1)) {
                out.push(org(open, i, 6));
                continue;
            }
            if RUSSIAN_FORMS.contains(&text)
                && ctx.same_sentence(i, i + 1)
                && ctx.toks.is_cap(i + 1)
                && ctx.name_word(i + 1)
                && !ctx.toks.is_all_caps(i + 1)
            {
                let mut last = i + 1;
                while last < i + 3
                    && ctx.same_sentence(i, last + 1)
                    && continues_name(ctx, last + 1)
                {
                    last += 1;
                }
                out.push(org(i, last, 6));
                continue;
            }
        }
        // "Sakhalin Energy", "Nijni Novgorod Expo": a name (a place's too) and a tail word
        let end = ctx.place_at[i].unwrap_or(i);
        if shape.cap
            && ctx.same_sentence(i, end + 1)
            && ctx.toks.is_cap(end + 1)
            && ctx.lex.org_tails.contains(ctx.norm(end + 1))
        {
            out.push(org(i, end + 1, 6));
            continue;
        }
        // "Bretagne Commerce International", "Cotentin Conseil Élevage": a place and more
        // capitalised words (not a place, a first name or a title) name a body
        if shape.cap
            && ctx.is_place(i)
            && !matches!(ctx.norm(i.wrapping_sub(1)), "a" | "en" | "au" | "aux")
            && !ctx.upper_sentence[ctx.toks.toks[i].sentence as usize]
        {
            let named = |k: usize| {
                ctx.same_sentence(i, k)
                    && ctx.toks.is_cap(k)
                    && ctx.toks.toks[k].kind == TokKind::Word
                    && ctx.name_word(k)
                    && ctx.norm(k).chars().count() > 2
                    && ctx.toks.text(k).chars().any(char::is_lowercase)
                    && !ctx.is_place(k)
                    && !ctx.is_first_name(k)
                    && !ctx.has_cue(k, cue::NOT_NAME | cue::TITLE)
            };
            let mut last = end;
            while last < end + 3 && named(last + 1) {
                last += 1;
            }
            if last > end {
                out.push(org(i, last, 5));
                continue;
            }
        }
        let after_name =
            i > 0 && ctx.name_word(i - 1) && !ctx.is_place(i - 1) && ctx.same_sentence(i - 1, i);
        if hyphen_caps
            && !acronym
            && (is_toponym(norm) || (reads_as_place(ctx, text) && !after_name))
        {
            out.push(Cand {
                first: i,
                last: i,
                kind: EntityKind::Place,
                canonical: None,
                priority: 4,
            });
            continue;
        }
        if !(acronym || dotted || camel || hyphen_caps) {
            continue;
        }
        let mut last = i;
        if acronym {
            // CCI France Russie, ATF Implants, CCI de Moscou
            let mut j = i + 1;
            while ctx.same_sentence(i, j)
                && ctx.name_word(j)
                && ctx.org_head_at(j).is_none()
                && j < i + 5
            {
                last = j;
                j += 1;
            }
            // a department's number: "UMIH 06", "CCI 13"
            if last == i
                && ctx
                    .toks
                    .toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokKind::Number)
                && ctx.toks.text(i + 1).len() == 2
                && ctx.same_sentence(i, i + 1)
                && !(ctx.same_sentence(i, i + 2)
                    && ctx.toks.toks[i + 2].kind == TokKind::Word
                    && !ctx.toks.is_cap(i + 2))
            {
                last = i + 1;
            }
            // a place begun ends the name whole: "CCI International Grand Est"
            if let Some(end) = (i + 1..=last).find_map(|k| ctx.place_at[k].filter(|&e| e > last))
                && ctx.same_sentence(i, end)
            {
                last = end;
            }
        }
        // CCI de Moscou, CCI du Var, CCI de l'Ain, Aéro-Club de France
        if last == i && matches!(ctx.norm(i + 1), "de" | "du" | "des") {
            let article = ctx.norm(i + 1) == "de" && matches!(ctx.norm(i + 2), "l'" | "la");
            let at = if article { i + 3 } else { i + 2 };
            if ctx.is_place(at) && ctx.same_sentence(i, at) {
                last = ctx.place_at[at].unwrap_or(at);
            }
        }
        // a school's acronym after its town: "Grenoble INP", "Toulouse INP"
        let first = if acronym && last == i && i > 0 && ctx.same_sentence(i - 1, i) {
            (i.saturating_sub(4)..i)
                .find(|&k| ctx.place_at[k] == Some(i - 1) && ctx.toks.is_cap(k))
                .unwrap_or(i)
        } else {
            i
        };
        out.push(org(first, last, if acronym { 4 } else { 5 }));
    }
}

/// Russian legal forms, written before the company's name.
const RUSSIAN_FORMS: &[&str] = &["OOO", "ZAO", "OAO", "PAO", "AO"];

/// The first token of a company name whose last word before the legal suffix is `i`:
/// the whole quotation (« Brasseries de l'Est SA »), else the capitalised words and
/// inner "de" before it ("Technoplast Doubs SAS", "Forges de Bretagne SA").
fn named_before_suffix(ctx: &Ctx<'_, '_>, i: usize) -> usize {
    let toks = ctx.toks;
    if ctx.quoted[i] {
        let mut k = i;
        while k > 0 && ctx.quoted[k - 1] && ctx.same_sentence(k - 1, i) && k + 8 > i {
            k -= 1;
        }
        return if (k > 0 && ctx.quoted[k - 1]) || !toks.is_cap(k) {
            i
        } else {
            k
        };
    }
    let word = |k: usize| {
        ctx.same_sentence(k, i)
            && toks.is_cap(k)
            && !(toks.is_all_caps(k) && in_caps_run(ctx, k))
            && ctx.name_word(k)
            && !ctx.has_cue(k, cue::COMPANY | cue::TITLE)
            && !ctx.is_first_name(k)
    };
    let mut first = i;
    let mut k = i;
    while k > 0 && k + 5 > i {
        if word(k - 1) {
            k -= 1;
            first = k;
        } else if k > 1
            && (ctx.is_connector(k - 1) || ctx.norm(k - 1) == "l'")
            && (word(k - 2)
                || (k > 2 && ctx.norm(k - 1) == "l'" && ctx.norm(k - 2) == "de" && word(k - 3)))
        {
            k -= if word(k - 2) { 2 } else { 3 };
            first = k;
        } else {
            break;
        }
    }
    // a capitalised company word opens the name: "Fromagerie du Val de Saire SARL"
    let opener = |k: usize| {
        ctx.same_sentence(k, i)
            && toks.is_cap(k)
            && !toks.is_all_caps(k)
            && ctx.has_cue(k, cue::COMPANY)
            && !ctx.quoted[k]
    };
    if first > 0 && opener(first - 1) {
        return first - 1;
    }
    if first > 1 && ctx.is_connector(first - 1) && opener(first - 2) {
        return first - 2;
    }
    first
}

/// True when a neighbouring word is also in capitals: a heading, not an acronym.
fn in_caps_run(ctx: &Ctx<'_, '_>, i: usize) -> bool {
    let caps_word = |j: usize| {
        ctx.same_sentence(i, j)
            && ctx.toks.is_all_caps(j)
            && ctx.toks.text(j).chars().count() >= 3
            && ctx.lex.gazetteer_free(ctx.norm(j))
    };
    (i > 0 && caps_word(i - 1)) || caps_word(i + 1)
}

/// French toponyms built on these words are places, whatever the gazetteer knows
/// ("Saint-Georges-de-Reintembault", "Château-Thébaud", "Basse-Goulaine").
const TOPONYM_PREFIXES: &[&str] = &[
    "saint",
    "sainte",
    "st",
    "ste",
    "chateau",
    "pont",
    "mont",
    "port",
    "bourg",
    "basse",
    "haute",
    "haut",
    "bas",
    "grand",
    "grande",
    "petit",
    "petite",
    "villeneuve",
    "neuf",
    "fort",
    "val",
    "vieux",
    "notre",
    "la",
    "le",
    "les",
    "ile",
    "lac",
    "cap",
    "mer",
    "bois",
];

/// True when a hyphenated word reads as a French place name.
pub fn is_toponym(folded: &str) -> bool {
    let mut parts = folded.split('-');
    parts.next().is_some_and(|p| TOPONYM_PREFIXES.contains(&p)) && parts.next().is_some()
}

/// A hyphenated name in title case without organisation words ("Martigné-Ferchaud",
/// "Boulogne-Billancourt", "Aix-en-Provence"): brands mix capitals ("VR-Expo").
fn reads_as_place(ctx: &Ctx<'_, '_>, text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let particle = |p: &str| {
        matches!(
            p,
            "sur"
                | "en"
                | "de"
                | "du"
                | "des"
                | "le"
                | "la"
                | "les"
                | "lès"
                | "lez"
                | "sous"
                | "aux"
                | "et"
        )
    };
    let title_case = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
    };
    parts.iter().all(|p| particle(p) || title_case(p))
        && parts
            .iter()
            .all(|p| !ctx.lex.org_heads.contains_key(&crate::text::fold(p)))
        && (parts.iter().any(|p| particle(p))
            || parts
                .iter()
                .filter(|p| title_case(p))
                .all(|p| p.chars().count() >= 4))
}

/// True when the sentence holding token `i` is written in capitals (a headline).
fn line_is_upper(ctx: &Ctx<'_, '_>, i: usize) -> bool {
    ctx.upper_sentence
        .get(ctx.toks.toks[i].sentence as usize)
        .copied()
        .unwrap_or(false)
}

/// Company cues followed by names or lists of names: "la société française Orpea",
/// "des entreprises françaises, dont Abiss Implants et Arbiom", "président de French Tech".
fn company_lists(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    for i in 0..n {
        if !ctx.usable(i) || ctx.credit[i] || !ctx.has_cue(i, cue::COMPANY | cue::ROLE) {
            continue;
        }
        let w = ctx.norm(i);
        // a cue in lower case, or an abbreviation ("la PME alsacienne X"), or "Groupe",
        // which is part of the name it opens ("le Groupe PSA")
        let group_word = ctx.toks.text(i) == "Groupe";
        let cue = ctx.has_cue(i, cue::COMPANY)
            && (!ctx.toks.is_cap(i) || ctx.toks.is_all_caps(i) || group_word);
        let role = ctx.has_cue(i, cue::ROLE);
        if !cue && !role {
            continue;
        }
        let mut j = i + 1;
        if role {
            // président de X, chez X
            if w != "chez" {
                if !ctx.is_connector(j) {
                    continue;
                }
                j += 1;
                if matches!(ctx.norm(j), "la" | "l'") {
                    continue; // "président de la Région": the head rule decides
                }
            }
        } else {
            // adjectives and one complement: "entreprises du secteur de la santé"
            while ctx.same_sentence(i, j)
                && !ctx.toks.is_cap(j)
                && ctx.lex.is_adjective(ctx.norm(j))
            {
                j += 1;
            }
            let mut hops = 0;
            while hops < 2 && ctx.is_connector(j) && ctx.same_sentence(i, j) {
                let mut k = j + 1;
                if matches!(ctx.norm(k), "la" | "l'") {
                    k += 1;
                }
                if is_plain_word(ctx, k) && !ctx.toks.is_cap(k) {
                    j = k + 1;
                    while ctx.same_sentence(i, j)
                        && !ctx.toks.is_cap(j)
                        && ctx.lex.is_adjective(ctx.norm(j))
                    {
                        j += 1;
                    }
                    hops += 1;
                } else {
                    break;
                }
            }
            if ctx.toks.is_punct(j, ',')
                && matches!(ctx.norm(j + 1), "dont" | "comme" | "notamment")
            {
                j += 2;
            } else if matches!(ctx.norm(j), "dont" | "comme" | "notamment" | ":") {
                j += 1;
            }
        }
        // the list: Name (, Name)* (et Name)?
        loop {
            // a quoted name: "la société « Zdorovié Plus »", "le technoparc « Ingria »"
            if let Some(close) = quotation_at(ctx, j)
                && ctx.same_sentence(i, close)
            {
                out.push(org(j + 1, close - 1, 5));
                if !role && (ctx.toks.is_punct(close + 1, ',') || ctx.norm(close + 1) == "et") {
                    j = close + 2;
                    continue;
                }
                break;
            }
            // "Le Gall Industries", "La Poste": a capitalised article may open a name
            if matches!(ctx.toks.text(j), "Le" | "La" | "Les")
                && ctx.name_word(j + 1)
                && ctx.same_sentence(i, j + 1)
                && !ctx.is_place(j + 1)
            {
                let mut last = j + 1;
                while ctx.same_sentence(i, last + 1)
                    && continues_name(ctx, last + 1)
                    && last < j + 4
                {
                    last += 1;
                }
                out.push(org(j, last, 5));
                if !role && (ctx.toks.is_punct(last + 1, ',') || ctx.norm(last + 1) == "et") {
                    j = last + 2;
                    continue;
                }
                break;
            }
            if !ctx.same_sentence(i, j)
                || !ctx.name_word(j)
                || ctx.is_first_name(j)
                || ctx.org_head_at(j).is_some()
            {
                break;
            }
            if ctx.is_place(j) && ctx.place_at[j].is_some_and(|e| !ctx.name_word(e + 1)) {
                break;
            }
            let mut last = j;
            while ctx.same_sentence(i, last + 1)
                && continues_name(ctx, last + 1)
                && last < j + 3
                && ctx.org_head_at(last + 1).is_none()
            {
                last += 1;
            }
            out.push(org(if group_word && j == i + 1 { i } else { j }, last, 5));
            if role {
                break;
            }
            if ctx.toks.is_punct(last + 1, ',') || ctx.norm(last + 1) == "et" {
                j = last + 2;
            } else {
                break;
            }
        }
    }
}

/// The closing quote of a short quoted name opening at token `j` (« Zdorovié Plus »): at
/// most six words, the first capitalised.
fn quotation_at(ctx: &Ctx<'_, '_>, j: usize) -> Option<usize> {
    let toks = ctx.toks;
    if !(toks.is_punct(j, '«') || toks.is_punct(j, '"') || toks.is_punct(j, '“')) {
        return None;
    }
    if !(ctx.usable(j + 1) && toks.is_cap(j + 1) && ctx.quoted[j + 1]) {
        return None;
    }
    let close = (j + 2..(j + 8).min(ctx.n())).find(|&k| !ctx.quoted[k])?;
    (ctx.same_sentence(j, close)
        && (toks.is_punct(close, '»') || toks.is_punct(close, '"') || toks.is_punct(close, '”')))
    .then_some(close)
}

/// « Domaine des Trois Lauriers », « Tonnellerie Dupré »: a quotation that opens with a
/// capitalised company word or organisation head is that body's name.
fn quoted_company_names(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    for j in 0..ctx.n() {
        let first = j + 1;
        if let Some(close) = quotation_at(ctx, j)
            && close > first + 1
            && ctx.usable(first)
            && !ctx.toks.is_all_caps(first)
            && (ctx.has_cue(first, cue::COMPANY) || ctx.org_head_at(first).is_some())
        {
            out.push(org(first, close - 1, 5));
        }
    }
}

/// The opening quote of the quotation whose closing quote is token `j` (the mirror of
/// [`quotation_at`]).
fn quotation_ending_at(ctx: &Ctx<'_, '_>, j: usize) -> Option<usize> {
    let toks = ctx.toks;
    if !(toks.is_punct(j, '»') || toks.is_punct(j, '"') || toks.is_punct(j, '”')) {
        return None;
    }
    let open = (j.saturating_sub(7)..j).rev().find(|&k| !ctx.quoted[k])?;
    (open + 1 < j && quotation_at(ctx, open) == Some(j)).then_some(open)
}

/// Places from cues: "la région d'Irkoutsk", "Région Bretagne", "rue Galilée", "à Gerland".
fn places(ctx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let n = ctx.n();
    for i in 0..n {
        if !ctx.usable(i) || ctx.credit[i] {
            continue;
        }
        let w = ctx.norm(i);
        if ctx.has_cue(i, cue::PLACE) {
            let site = SITE_CUES.contains(&w);
            if site && ctx.toks.is_cap(i) {
                continue;
            }
            let street_or_site = site || STREET_CUES.contains(&w);
            // a street keeps its cue ("rue du Vicaire"); a region only when capitalised
            // ("Région Bretagne")
            // "route de Rennes" is a road to Rennes unless it is an address ("12, route de …")
            let mut j = i + 1;
            while ctx.same_sentence(i, j)
                && !ctx.toks.is_cap(j)
                && ctx.lex.is_adjective(ctx.norm(j))
            {
                j += 1;
            }
            // ("le parc technologique de Skolkovo": the name alone)
            let described = j > i + 1;
            let direct = j == i + 1 && ctx.name_word(j);
            if !direct {
                if !ctx.is_connector(j) {
                    continue;
                }
                j += 1;
                // "le glacier de la Grande Motte", "les quais de la Fosse"
                if matches!(ctx.norm(j), "la" | "l'") && street_or_site {
                    j += 1;
                }
            }
            if !ctx.same_sentence(i, j)
                || !ctx.name_word(j)
                || ctx.org_head_at(j).is_some()
                || ctx.is_first_name(j)
            {
                continue;
            }
            let mut last = ctx.place_at[j].unwrap_or(j);
            while ctx.same_sentence(i, last + 1)
                && ctx.name_word(last + 1)
                && last < j + 3
                && !ctx.is_place(last + 1)
            {
                last += 1;
            }
            // "le jardin des Prébendes d'Oé" (not "la rue Pasteur d'Angers": a known place
            // is the town)
            if street_or_site
                && ctx.norm(last + 1) == "d'"
                && ctx.same_sentence(i, last + 2)
                && ctx.name_word(last + 2)
                && !ctx.is_place(last + 2)
                && !ctx.toks.is_cap(last + 3)
            {
                last += 2;
            }
            // "place Saint-Isaac", "perspective Nevski" (not "la place de la France"); "la
            // gare de Finlande", but "la gare de Vincennes" is in the town
            let street = (street_or_site
                && !described
                && (!matches!(w, "route" | "chemin") || after_a_number(ctx, i))
                && (w != "gare" || ctx.gazetteer.kind(ctx.norm(j)) != Some(PlaceKind::City)))
                || (direct && matches!(w, "place" | "perspective"));
            let kept = street || (ctx.lex.place_cues_kept.contains(w) && ctx.toks.is_cap(i));
            if kept && (direct || ctx.toks.is_cap(i) || street) && !ctx.toks.is_all_caps(j) {
                out.push(Cand {
                    first: i,
                    last,
                    kind: EntityKind::Place,
                    canonical: None,
                    priority: 6,
                });
            } else if !ctx.is_place(j) {
                out.push(Cand {
                    first: j,
                    last,
                    kind: EntityKind::Place,
                    canonical: None,
                    priority: 4,
                });
            }
        } else {
            // "à Woustviller" ("À Woustviller, …" opening a sentence, not "A"), "près de Tara"
            let at = if w == "a"
                && ctx.toks.toks[i].kind == TokKind::Word
                && (!ctx.toks.is_cap(i) || (ctx.toks.text(i) == "À" && ctx.toks.starts_sentence(i)))
            {
                Some(i + 1)
            } else if w == "pres" && !ctx.toks.is_cap(i) && matches!(ctx.norm(i + 1), "de" | "d'") {
                Some(i + 2)
            } else {
                None
            };
            if let Some(k) = at.filter(|&k| lone_unknown_place(ctx, i, k)) {
                out.push(Cand {
                    first: k,
                    last: k,
                    kind: EntityKind::Place,
                    canonical: None,
                    priority: 2,
                });
            }
        }
    }
}

/// True when token `k`, after the preposition at `i`, is a single capitalised word that
/// nothing else names (no place, first name, acronym, brand or body) and no capitalised word
/// follows: a place the gazetteer does not know.
fn lone_unknown_place(ctx: &Ctx<'_, '_>, i: usize, k: usize) -> bool {
    ctx.name_word(k)
        && ctx.same_sentence(i, k)
        && !ctx.is_place(k)
        && !ctx.is_first_name(k)
        && !ctx.toks.is_all_caps(k)
        && !ctx.toks.is_camel(k)
        && ctx.org_head_at(k).is_none()
        && !ctx.toks.text(k).contains('.')
        && !(k + 1 < ctx.n() && ctx.toks.is_cap(k + 1))
}
