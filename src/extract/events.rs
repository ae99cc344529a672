//! Cooperation events: a trigger word (délégation, forum, accord …) in a sentence, its
//! date from the date grammar, its places and participants from the mentions around it.
//!
//! An article usually tells one trip in several sentences, so visit-like triggers merge into
//! the trip already told; a definite trigger ("la téléconférence", "cette visite") refers back
//! to the event of that kind; an event whose sentence gives no date takes the date of the
//! event its sentence refers to, else of the last dated event told before it. Sentences that
//! open with "À Lyon, …" set the place frame that later events inherit.

use rustc_hash::FxHashMap as HashMap;

use super::dates::DateExpr;
use super::lexicon::{Needs, PlaceKind};
use super::names::Ctx;
use super::resolve::Found;
use crate::model::{EntityKind, Event, EventKind, Name, PartialDate, Span};

/// The groups of kinds that tell the same sort of happening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Trip,
    Meeting,
    Agreement,
    Other,
}

fn group(kind: EventKind) -> Group {
    match kind {
        EventKind::Delegation | EventKind::Visit | EventKind::TradeMission => Group::Trip,
        EventKind::Agreement => Group::Agreement,
        EventKind::Other => Group::Other,
        _ => Group::Meeting,
    }
}

/// Kinds a definite mention may refer back to ("la conférence" for a téléconférence).
fn same_family(a: EventKind, b: EventKind) -> bool {
    use EventKind::{Conference, Teleconference};
    a == b
        || matches!(
            (a, b),
            (Conference, Teleconference) | (Teleconference, Conference)
        )
}

/// How specific a kind is inside its group (a delegation says more than a visit).
fn specificity(kind: EventKind) -> u8 {
    match kind {
        EventKind::Delegation | EventKind::TradeMission => 2,
        EventKind::Visit => 1,
        _ => 0,
    }
}

/// A trigger found in the text.
#[derive(Clone, Debug)]
struct Trigger {
    first: usize,
    last: usize,
    kind: EventKind,
    /// Preceded by a definite, demonstrative or possessive determiner.
    anaphoric: bool,
    /// Preceded by "de" alone ("une série de rencontres").
    after_de: bool,
    plural: bool,
    verb: bool,
    /// A verb in the compound past ("ont signé", "a été reçue").
    past_verb: bool,
    /// Written with a capital inside a sentence: the name of an event ("les Rencontres …").
    named: bool,
    /// Inside a quoted speech (« … » of several words): an agreement there is commented on
    /// or wished for, not told.
    in_speech: bool,
    /// Followed by no complement ("Temps fort du forum, …", "Le forum s'est conclu").
    bare: bool,
    /// A verb whose subject is a pronoun opening the sentence ("Elle a visité …", "Ils y
    /// ont rencontré …", "Il a été signé"): it tells more of what was just told.
    after_pronoun: bool,
    /// A stop of a tour told without a verb ("première étape à Artenay", "direction Lyon").
    stop: bool,
}

fn find_triggers(ctx: &Ctx<'_, '_>, found: &[Found]) -> Vec<Trigger> {
    let toks = ctx.toks;
    let lex = ctx.lex;
    let n = toks.len();
    let mut inside_name = vec![false; n];
    for f in found {
        if matches!(f.kind, EntityKind::Organisation | EntityKind::Person)
            && let Some(range) = inside_name.get_mut(f.first..=f.last)
        {
            range.iter_mut().for_each(|b| *b = true);
        }
    }
    let inside_name = |i: usize| inside_name[i];
    let speech = speech_tokens(&ctx.quoted);
    // a text written without any accent (ASCII, OCR) is matched on its folded forms
    let unaccented = toks.text.is_ascii();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !ctx.has_cue(i, super::names::cue::TRIGGER) || ctx.masked[i] || ctx.credit[i] {
            i += 1;
            continue;
        }
        let Some(list) = lex.trigger_index.get(toks.norm(i)) else {
            i += 1;
            continue;
        };
        let matched = list.iter().find_map(|&t| {
            let form = &lex.triggers[t];
            trigger_end(ctx, i, &form.words, &form.written, unaccented)
                .filter(|&last| {
                    form.needs
                        .is_none_or(|needs| followed_by(ctx, found, last, needs))
                })
                .map(|last| (&form.words, form.kind, last, form.needs))
        });
        let Some((words, kind, last, needs)) = matched else {
            i += 1;
            continue;
        };
        if excluded(ctx, i, last)
            || inside_name(i)
            || is_a_workshop_room(ctx, i, last)
            || names_a_treaty(ctx, i, last)
        {
            i = last + 1;
            continue;
        }
        let prev = if i > 0 { toks.norm(i - 1) } else { "" };
        let prev2 = if i > 1 { toks.norm(i - 2) } else { "" };
        let anaphoric = lex.anaphoric_determiners.contains(prev)
            || (prev == "la" && prev2 == "de")
            || (lex.is_adjective(prev) && lex.anaphoric_determiners.contains(prev2));
        let verb = words.len() > 1 && (is_auxiliary(&words[0]) || words[0] == "cap")
            || toks.norm(i).ends_with("er") && kind == EventKind::Visit;
        let pronoun = |k: usize| {
            matches!(toks.norm(k), "il" | "elle" | "ils" | "elles") && toks.starts_sentence(k)
        };
        // (over "y" and auxiliaries: "Ils y ont rencontré", "Il a été signé")
        let mut subject_end = i;
        while subject_end > 0 && i - subject_end < 3 && {
            let w = toks.norm(subject_end - 1);
            matches!(w, "y" | "ete") || is_auxiliary(w)
        } {
            subject_end -= 1;
        }
        let after_pronoun =
            (verb || subject_end < i) && subject_end > 0 && pronoun(subject_end - 1);
        out.push(Trigger {
            first: i,
            last,
            kind,
            anaphoric,
            after_de: matches!(prev, "de" | "d'"),
            plural: words.len() == 1
                && toks.norm(i).ends_with('s')
                && !toks.norm(i).ends_with("ès"),
            // "a visité", "s'est rendue", "ont signé", "visiter"
            past_verb: words.len() > 1 && matches!(words[0].as_str(), "a" | "ont"),
            verb,
            named: toks.is_cap(i) && !toks.starts_sentence(i),
            in_speech: speech[i],
            bare: last + 1 >= n
                || toks.is_punct(last + 1, ',')
                || toks.is_punct(last + 1, '.')
                || toks.kind(last + 1) != Some(super::tokens::TokKind::Punct)
                    && !toks.is_cap(last + 1)
                    && !lex.is_adjective(toks.norm(last + 1))
                    && !matches!(toks.norm(last + 1), "de" | "d'" | "des" | "du"),
            after_pronoun,
            stop: matches!(needs, Some(Needs::Place | Needs::Destination)),
        });
        i = last + 1;
    }
    // "direction Valenciennes. Une table ronde y a réuni …": the way to a gathering
    let sentence = |t: &Trigger| toks.toks[t.first].sentence as usize;
    let to_a_gathering: Vec<bool> = out
        .iter()
        .map(|t| {
            let next = sentence(t) + 1;
            t.stop
                && toks
                    .sentences
                    .get(next)
                    .is_some_and(|&(_, first)| !toks.toks[first].after_newline)
                && out
                    .iter()
                    .any(|o| sentence(o) == next && group(o.kind) == Group::Meeting)
        })
        .collect();
    let mut to_a_gathering = to_a_gathering.into_iter();
    out.retain(|_| !to_a_gathering.next().unwrap_or(false));
    out
}

/// True when what follows the trigger ending at `last` is what it `needs` to tell an event.
fn followed_by(ctx: &Ctx<'_, '_>, found: &[Found], last: usize, needs: Needs) -> bool {
    let toks = ctx.toks;
    let lex = ctx.lex;
    let n = toks.len();
    let word = |k: usize| if k < n { toks.norm(k) } else { "" };
    let place_at = |k: usize| {
        found
            .iter()
            .any(|f| f.kind == EntityKind::Place && f.first == k)
    };
    let person_at = |k: usize| {
        found
            .iter()
            .any(|f| f.kind == EntityKind::Person && f.first == k)
    };
    match needs {
        // "une mission à Perm", "une mission de cinq chercheurs", "d'une dizaine",
        // "d'Aerospace Valley"
        Needs::Party => match word(last + 1) {
            "a" | "au" | "aux" | "en" => true,
            "de" | "d'" | "du" | "des" => {
                let k = last + 2;
                k < n
                    && (lex.count_words.contains(word(k))
                        || toks.starts_with_digit(k)
                        || toks.is_cap(k))
            }
            _ => false,
        },
        // "ont passé trois jours à Tomsk", "a passé la semaine entre Metz et Strasbourg"
        Needs::Stay => (last + 1..(last + 4).min(n))
            .find(|&k| lex.stay_lengths.contains(word(k)))
            .is_some_and(|k| (k + 1..(k + 5).min(n)).any(place_at)),
        // "première étape à Artenay"
        Needs::Place => {
            matches!(word(last + 1), "a" | "au" | "aux" | "en" | "chez")
                && last + 2 < n
                && (place_at(last + 2) || toks.is_cap(last + 2))
        }
        // "ont arpenté les ateliers de …", "a ouvert ses serres", "a découvert à Lorient le
        // port de pêche" (not "ont découvert que le sol …")
        Needs::Site => (last + 1..(last + 5).min(n))
            .take_while(|&k| {
                toks.kind(k) != Some(super::tokens::TokKind::Punct) && word(k) != "que"
            })
            .any(|k| {
                matches!(
                    word(k),
                    "les" | "l'" | "le" | "la" | "ses" | "son" | "sa" | "leurs" | "leur"
                ) && lex.visited_sites.contains(word(k + 1))
            }),
        // "direction Outarville"
        Needs::Destination => {
            place_at(last + 1) || (last + 1 < n && toks.is_cap(last + 1) && !person_at(last + 1))
        }
    }
}

/// How many tokens after a trip's verb a gathering it goes to may stand ("se sont rendus à
/// Nijni Novgorod pour le salon").
const GOING_TO: usize = 8;

/// True when the agreement word at `i` (to `last`) names a treaty by its place or its
/// author ("la convention de Ramsar", "les accords de Minsk", "le traité de Lisbonne"): a
/// text in force, not a signing told here.
fn names_a_treaty(ctx: &Ctx<'_, '_>, i: usize, last: usize) -> bool {
    let toks = ctx.toks;
    let treaty_word = matches!(
        toks.norm(i),
        "convention" | "conventions" | "accord" | "accords" | "traite" | "traites"
    );
    treaty_word
        && last == i
        && i > 0
        && matches!(toks.norm(i - 1), "la" | "le" | "l'" | "les" | "du" | "des")
        && matches!(toks.norm(i + 1), "de" | "d'")
        && i + 2 < toks.len()
        && toks.toks[i].sentence == toks.toks[i + 2].sentence
        && toks.is_cap(i + 2)
}

/// True when "atelier" at `i` (to `last`) names a room of a plant ("l'atelier de presses",
/// "la visite des ateliers") rather than a gathering ("un atelier de travail", "un atelier
/// sur l'export").
fn is_a_workshop_room(ctx: &Ctx<'_, '_>, i: usize, last: usize) -> bool {
    let toks = ctx.toks;
    if !matches!(toks.norm(i), "atelier" | "ateliers") || last != i {
        return false;
    }
    // what is visited is a room: "la visite des ateliers", "a visité les ateliers"
    let visited = |k: usize| toks.norm(k).starts_with("visit");
    if i >= 2
        && matches!(
            toks.norm(i - 1),
            "de" | "des" | "du" | "les" | "l'" | "ses" | "leurs"
        )
        && (visited(i - 2) || (i >= 3 && toks.norm(i - 2) == "l'" && visited(i - 3)))
    {
        return true;
    }
    let mut k = i + 1;
    if !matches!(toks.norm(k), "de" | "d'" | "du" | "des") {
        return false;
    }
    k += 1;
    if matches!(toks.norm(k), "la" | "l'") {
        k += 1;
    }
    !ctx.lex.workshop_topics.contains(toks.norm(k))
}

/// The last token of the trigger `words` read from token `i`, or `None` when the text
/// differs. A verb phrase may have one adverb between two of its words ("s'est ensuite
/// rendue", "ont également signé").
fn trigger_end(
    ctx: &Ctx<'_, '_>,
    i: usize,
    words: &[String],
    written: &[String],
    unaccented: bool,
) -> Option<usize> {
    let toks = ctx.toks;
    let verb = is_auxiliary(&words[0]);
    let mut at = i;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            at += 1;
            if verb && at < toks.len() && toks.norm(at) != w {
                at += adverb_len(ctx, at);
            }
        }
        let same = at < toks.len()
            && toks.norm(at) == w
            && written
                .get(k)
                .is_none_or(|form| unaccented || same_accents(toks.text(at), form));
        if !same {
            return None;
        }
    }
    Some(at)
}

/// The number of tokens of the adverb of [`super::lexicon::Lexicon::verb_adverbs`] at token `at`, 0 when
/// none stands there.
fn adverb_len(ctx: &Ctx<'_, '_>, at: usize) -> usize {
    let toks = ctx.toks;
    ctx.lex
        .verb_adverbs
        .iter()
        .filter(|words| {
            at + words.len() <= toks.len()
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks.norm(at + k) == w)
        })
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// True for the first word of a verb trigger ("a visité", "s'est rendue", "sera reçu").
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "a" | "ont" | "avait" | "avaient" | "s'" | "se" | "est" | "sont" | "sera" | "seront"
    )
}

/// Tokens inside a quotation of more than [`SPEECH_TOKENS`] tokens (runs of
/// [`Ctx::quoted`]): reported speech, not a name in quotes.
fn speech_tokens(quoted: &[bool]) -> Vec<bool> {
    let mut out = quoted.to_vec();
    for run in out.chunk_by_mut(|a, b| a == b) {
        if run.len() <= SPEECH_TOKENS {
            run.fill(false);
        }
    }
    out
}

/// See [`speech_tokens`].
const SPEECH_TOKENS: usize = 8;

/// True when `text` as written is the trigger's written form: accents tell the participle
/// "rencontré" from the noun "rencontre", the noun "signe" from "signé".
fn same_accents(text: &str, written: &str) -> bool {
    if text.is_ascii() {
        return text.len() == written.len()
            && text
                .bytes()
                .zip(written.bytes())
                .all(|(t, w)| t.to_ascii_lowercase() == w);
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .eq(written.chars())
}

/// True when the trigger stands inside a phrase that is no event ("chargé de mission"),
/// or tells any occurrence rather than one ("chaque dégustation", "chaque visite").
fn excluded(ctx: &Ctx<'_, '_>, first: usize, last: usize) -> bool {
    let toks = ctx.toks;
    if first > 0 && toks.norm(first - 1) == "chaque" {
        return true;
    }
    let word = toks.norm(first);
    let Some(phrases) = ctx.lex.excluded_trigger_contexts.get(word) else {
        return false;
    };
    phrases.iter().any(|(phrase, offset)| {
        first >= *offset
            && phrase.iter().enumerate().all(|(k, w)| {
                let at = first - offset + k;
                at < toks.len() && toks.norm(at) == w
            })
            && first - offset + phrase.len() > last
    })
}

/// An event being built, with the tokens of its sentences.
struct Draft {
    event: Event,
    sentence: usize,
    /// Dated by "la veille": a step back in the story, whose day does not carry on.
    aside: bool,
    /// An agreement named last in its sentence ("… a servi de cadre à une signature."),
    /// which the next sentence may tell.
    announced: bool,
}

/// Finds the events of a document; `names` holds the shared canonical name of each of
/// `found`.
pub fn find_events(
    ctx: &Ctx<'_, '_>,
    found: &[Found],
    names: &[Name],
    dates: &[DateExpr],
) -> Vec<Event> {
    let toks = ctx.toks;
    let triggers = find_triggers(ctx, found);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut frame: Option<Name> = None;
    let mut by_sentence: HashMap<usize, Vec<&Trigger>> = HashMap::default();
    for t in &triggers {
        by_sentence
            .entry(toks.toks[t.first].sentence as usize)
            .or_default()
            .push(t);
    }
    // round tables are parts of a gathering the same sentence names ("trois tables rondes :
    // la deuxième édition du Forum …"): the gathering is told first; a trip newly named
    // before a verb ("une délégation de Toula se rendra à Nantes"); and a trip's verb before
    // the trip mentioned again ("une partie de la délégation a visité X le 28": the outing,
    // not the trip again)
    for trigs in by_sentence.values_mut() {
        trigs.sort_by_key(|t| {
            let new_trip = !t.verb
                && !t.anaphoric
                && matches!(t.kind, EventKind::Delegation | EventKind::TradeMission);
            (t.kind == EventKind::RoundTable, !new_trip, !t.verb)
        });
    }
    let generic_refs = anaphoric_generic_sentences(ctx);
    let fact_box = fact_box_sentences(toks);
    // the title lines: those before the first that ends with a full stop (a site's name,
    // a date line, the headline); what they tell is told again by the text, never continued
    let titles = (0..toks.sentences.len().min(4))
        .take_while(|&s| is_title_line(toks, s))
        .count();
    // a heading (the title lines or a subheading) sums up what the text under it tells: what
    // it names is never continued
    let heading = |s: usize| s < titles || is_subheading(toks, s);
    for (s, &(span, first_tok)) in toks.sentences.iter().enumerate() {
        if let Some(p) = opening_frame(ctx, found, names, first_tok) {
            frame = Some(p);
        }
        if !by_sentence.contains_key(&s)
            && let Some(next) = next_session(ctx, dates, &drafts, s)
        {
            drafts.push(next);
            continue;
        }
        let Some(trigs) = by_sentence.get(&s).filter(|_| !fact_box[s]) else {
            continue;
        };
        let mut participants = sentence_entities(
            ctx,
            found,
            names,
            span,
            &[EntityKind::Person, EntityKind::Organisation],
            false,
        );
        // nobody named here: the actors are those of the sentence before ("Le gouverneur X a
        // reçu les entreprises. La délégation a ensuite visité …")
        if participants.is_empty()
            && let Some(&(prev, _)) = s.checked_sub(1).and_then(|p| toks.sentences.get(p))
        {
            participants = sentence_entities(
                ctx,
                found,
                names,
                prev,
                &[EntityKind::Person, EntityKind::Organisation],
                false,
            );
        }
        let from = dates.partition_point(|d| d.span.start() < span.start());
        // "calés depuis juin", "jumelées depuis 1992": when a state began, not an event's day
        let since = |d: &DateExpr| d.start.day.is_none() && super::dates::is_told_since(toks, d);
        let sentence_dates: Vec<&DateExpr> =
            dates_within(dates, span).filter(|d| !since(d)).collect();
        let intent = toks
            .sentence_tokens(s)
            .any(|i| ctx.has_cue(i, super::names::cue::INTENT));
        // the event this sentence refers back to ("à cette occasion", "la délégation")
        let generic_ref = generic_refs.contains(&s);
        let mut referred: Option<usize> =
            generic_ref.then(|| drafts.len().checked_sub(1)).flatten();
        let mut groups_done: Vec<Group> = Vec::new();
        // a sentence opening on a list of gatherings up to a colon
        let programme_end = trigs
            .iter()
            .min_by_key(|t| t.first)
            .filter(|t| t.first == first_tok && toks.is_punct(t.last + 1, ','))
            .and_then(|_| toks.sentence_tokens(s).find(|&k| toks.is_punct(k, ':')));
        let mut created_here: Vec<usize> = Vec::new();
        let recent = recent_day(ctx, &dates[..from], s);
        // the last day told by sentence `p`; the sentences beside this one in its paragraph
        // that tell no event of their own may give the day of what this one tells
        let day_of = |p: usize| {
            dates_within(dates, toks.sentences[p].0)
                .filter(|d| d.start.day.is_some())
                .last()
        };
        // (a sentence that only moves the trip sets the scene: "Mardi 8, cap sur Lyon."; "dans
        // les salons de l'hôtel" is generic)
        let tells_no_event = |p: &usize| {
            by_sentence.get(p).is_none_or(|ts| {
                ts.iter().all(|t| {
                    (t.verb && group(t.kind) == Group::Trip)
                        || (t.anaphoric && t.plural && !t.named)
                })
            })
        };
        let day_before = s
            .checked_sub(1)
            .filter(|p| tells_no_event(p) && !toks.toks[first_tok].after_newline)
            .and_then(day_of);
        let day_after = Some(s + 1)
            .filter(|&next| {
                next < toks.sentences.len()
                    && tells_no_event(&next)
                    && !toks.toks[toks.sentences[next].1].after_newline
            })
            .and_then(day_of);
        for t in trigs {
            let g = group(t.kind);
            let mut places = trigger_places(ctx, found, names, span, t, g);
            // "Ils y ont visité l'usine", "Une table ronde … y a réuni": where the sentence
            // before went ("il y a" is no place)
            let y_at = |k: usize| toks.norm(k) == "y" && !(k > 0 && toks.norm(k - 1) == "il");
            // (after a noun, before any punctuation: the trigger is the subject)
            let y_after = || {
                (t.last + 1..toks.sentence_tokens(s).end)
                    .take_while(|&k| toks.kind(k) != Some(super::tokens::TokKind::Punct))
                    .any(y_at)
            };
            if places.is_empty()
                && ((t.verb && (t.first.saturating_sub(3)..t.first).any(y_at))
                    || (!t.verb && y_after()))
                && let Some(&(prev, _)) = s.checked_sub(1).and_then(|p| toks.sentences.get(p))
            {
                places = sentence_entities(ctx, found, names, prev, &[EntityKind::Place], true);
            }
            let places = places.as_slice();
            // a trip's verb with no date of its own happens on the day just told ("Jeudi, …
            // Le groupe a ensuite visité X")
            let date = nearest_date(toks, &sentence_dates, t.first)
                .or(recent.filter(|_| {
                    t.verb && g == Group::Trip && drafts.iter().any(|d| group(d.event.kind) == g)
                }))
                .or(day_before.filter(|_| t.after_de && g != Group::Agreement));
            // a moved event happens at its new date
            let moved = postponed_to(ctx, dates, t, date, &tells_no_event);
            let date = moved.as_ref().or(date);
            // a second trigger of a group whose new event this sentence already told tells
            // the same event ("une conférence … ainsi que des tables rondes")
            if groups_done.contains(&g) {
                continue;
            }
            // "la visite prévue à Lorient a été annulée", "n'a pu avoir lieu": nothing happened,
            // and the rest of the sentence tells the same of its group ("Rien n'a encore été
            // signé …, mais il parle d'une convention")
            if is_cancelled(ctx, t) {
                groups_done.push(g);
                continue;
            }
            // "s'étaient rendus à Oufa pour le salon AgroComplex": the trip is the way to the
            // gathering, which is the event
            if t.verb
                && g == Group::Trip
                && trigs.iter().any(|o| {
                    group(o.kind) == Group::Meeting
                        && !o.verb
                        && o.first > t.last
                        && o.first <= t.last + GOING_TO
                        && (t.last + 1..o.first).any(|k| matches!(toks.norm(k), "pour" | "au"))
                        && !(t.last + 1..o.first).any(|k| toks.is_punct(k, '.'))
                })
            {
                continue;
            }
            // "le forum s'est déplacé sur le campus": the gathering moves, nobody travels
            if t.verb
                && g == Group::Trip
                && trigs.iter().any(|o| {
                    group(o.kind) != Group::Trip && o.last < t.first && t.first <= o.last + 2
                })
            {
                continue;
            }
            let antecedent = match g {
                // a heading introduces what the text tells next
                _ if heading(s) => None,
                // "… a servi de cadre à une signature. Le président et … ont conclu un accord"
                Group::Agreement
                    if drafts
                        .last()
                        .is_some_and(|d| d.announced && d.sentence + 1 == s && !t.in_speech) =>
                {
                    let d = drafts.len() - 1;
                    if let Some(x) = nearest_date(toks, &sentence_dates, t.first) {
                        drafts[d].event.date_start = Some(x.start);
                        drafts[d].event.date_end = x.end.filter(|&end| end != x.start);
                    }
                    Some(d)
                }
                // "une mission commerciale" after a delegation is another trip; a visit,
                // a verb or a definite mention continues the trip told
                // what a past story announces ("se rendront à Lipetsk en février") is
                // another trip than the one it told
                // ("la délégation" names the delegation rather than one of its outings)
                Group::Trip => {
                    // (a photo caption shows a moment of the trip the text tells next)
                    let continues = |d: &Draft| {
                        !heading(d.sentence)
                            && !is_caption(ctx, d.sentence)
                            && group(d.event.kind) == Group::Trip
                            && dates_compatible(&d.event, date.map(|x| x.start))
                            && (t.anaphoric
                                || t.after_pronoun
                                || ctx.future[s] == ctx.future[d.sentence])
                            && (t.anaphoric
                                || !is_an_outing_of(
                                    &d.event,
                                    t.kind,
                                    date,
                                    !sentence_dates.is_empty(),
                                    places,
                                ))
                            && (t.anaphoric
                                || t.verb
                                || t.kind == EventKind::Visit
                                || d.event.kind == t.kind
                                // told in the past with no date and no new place of its own:
                                // the same trip ("Il était accompagné d'une délégation d'élus")
                                || (date.is_none()
                                    && !ctx.future[s]
                                    && t.kind != EventKind::TradeMission
                                    && places.iter().all(|p| d.event.places.contains(p))))
                    };
                    t.anaphoric
                        .then(|| {
                            drafts
                                .iter()
                                .rposition(|d| d.event.kind == t.kind && continues(d))
                        })
                        .flatten()
                        .or_else(|| drafts.iter().rposition(continues))
                }
                // "… ont paraphé un accord. Il a été signé par …": the same signing
                Group::Agreement if t.after_pronoun => drafts.len().checked_sub(1).filter(|&d| {
                    drafts[d].event.kind == EventKind::Agreement && drafts[d].sentence + 2 >= s
                }),
                // a gathering dated only by its end ("Exposition « … » : jusqu'au 5 janvier")
                // is the one of its kind told before that began by then
                _ if g != Group::Trip && date.is_some_and(|x| is_an_end(toks, x)) => {
                    let end = date.and_then(|x| x.start.to_naive());
                    drafts.iter().rposition(|d| {
                        d.event.kind == t.kind
                            && d.event
                                .date_start
                                .and_then(|start| start.to_naive())
                                .is_some_and(|start| end.is_some_and(|end| start <= end))
                    })
                }
                // a bare definite mention may name the gathering told before by another
                // word ("les Rencontres …" then "le forum s'est conclu")
                // ("le salon de Farnborough, en juillet" after another fair is another one)
                _ if t.anaphoric => drafts
                    .iter()
                    .rposition(|d| {
                        !heading(d.sentence)
                            && same_family(d.event.kind, t.kind)
                            && dates_compatible(&d.event, date.map(|x| x.start))
                            && !is_another_leg(&d.event, date, places)
                    })
                    .or_else(|| {
                        (g == Group::Meeting
                            && t.kind != EventKind::Exhibition
                            && t.bare
                            && !t.plural)
                            .then(|| {
                                drafts.iter().rposition(|d| {
                                    group(d.event.kind) == g
                                        && dates_compatible(&d.event, date.map(|x| x.start))
                                        && !is_another_leg(&d.event, date, places)
                                })
                            })
                            .flatten()
                    }),
                _ => None,
            };
            if let Some(a) = antecedent {
                let d = &mut drafts[a];
                if d.event.date_start.is_none()
                    && let Some(x) = date
                {
                    d.event.date_start = Some(x.start);
                    d.event.date_end = x.end;
                } else if let Some(x) = date.filter(|x| is_an_end(toks, x))
                    && let Some(start) = d.event.date_start
                    && d.event.date_end.is_none_or(|end| end == start)
                    && start < x.start
                {
                    // "… : jusqu'au 5 janvier" closes the gathering told before
                    d.event.date_end = Some(x.start);
                }
                if specificity(t.kind) > specificity(d.event.kind)
                    || d.event.kind == EventKind::Meeting && g == Group::Meeting
                {
                    d.event.kind = t.kind;
                }
                add_all(&mut d.event.places, places);
                add_all(&mut d.event.participants, &participants);
                referred = Some(a);
                continue;
            }
            // "la délégation", undated and with no trip told, is the party coming to the
            // gathering just told ("une conférence à Paris en avril. La délégation russe sera
            // conduite par …")
            if g == Group::Trip
                && t.anaphoric
                && date.is_none()
                && let Some(a) = drafts.len().checked_sub(1).filter(|&a| {
                    group(drafts[a].event.kind) == Group::Meeting && drafts[a].sentence + 1 >= s
                })
            {
                add_all(&mut drafts[a].event.participants, &participants);
                referred = Some(a);
                continue;
            }
            // triggers that tell no new event: an agreement only planned (not one "signed"
            // in the past that "prévoit" something)
            if g == Group::Agreement && intent && !t.past_verb {
                continue;
            }
            if t.anaphoric && t.plural && !t.named {
                continue; // "aux expositions": generic
            }
            // "Concerts, projections et ateliers : …" lists a programme told elsewhere
            if programme_end.is_some_and(|end| t.last < end) {
                continue;
            }
            // "Le festival s'est ouvert par un concert": a part of the event just named
            if g == Group::Other && referred.is_some_and(|r| group(drafts[r].event.kind) == g) {
                continue;
            }
            if t.plural
                && t.kind == EventKind::RoundTable
                && referred.is_some_and(|r| group(drafts[r].event.kind) == g)
            {
                continue; // "trois tables rondes : la deuxième édition du forum"
            }
            // "une délégation de Kazan a été reçue …": the reception is the trip's arrival;
            // "la délégation a été reçue par le ministre" is a meeting of the trip told
            if g == Group::Meeting
                && t.verb
                && trigs.iter().any(|o| {
                    matches!(o.kind, EventKind::Delegation | EventKind::TradeMission)
                        && !o.anaphoric
                })
            {
                continue;
            }
            // « Un mémorandum n'engage que ceux qui le font vivre », « plus de contacts qu'en
            // deux salons »
            if t.in_speech && ((t.plural && !t.named) || (g == Group::Agreement && date.is_none()))
            {
                continue;
            }
            // "une série de rencontres", unless the sentence before tells the day ("Mardi 8,
            // cap sur Lyon. La CCI avait organisé une quarantaine de rendez-vous")
            if g != Group::Agreement && t.after_de && date.is_none() {
                continue;
            }
            let mut event = Event {
                kind: t.kind,
                date_start: date.map(|x| x.start),
                // a span keeps its end; one day may be continued by "jusqu'au …"
                date_end: date.and_then(|x| match x.end {
                    Some(end) if end != x.start => Some(end),
                    one_day => until(ctx, &sentence_dates, x).or(one_day),
                }),
                places: places.to_vec(),
                participants: participants.clone(),
                evidence: span,
                name: event_name(ctx, t),
            };
            // "Arrivé mardi 24 mai à Caen, le gouverneur a bouclé hier soir une visite": the
            // trip runs from the arrival to the last day told with it (here, or in the next
            // or the last sentence when this one gives no date: "Arrivés dimanche soir, six
            // scientifiques séjournent jusqu'à samedi. La délégation est conduite par …")
            if g == Group::Trip && !(t.verb && t.kind == EventKind::Visit) {
                let quiet =
                    |p: usize| Some(p).filter(|q| *q < toks.sentences.len() && tells_no_event(q));
                let last = s
                    .checked_sub(1)
                    .filter(|p| sentence_dates.is_empty() && tells_no_event(p));
                // where the arrival may be told, and the sentences whose days may end the stay
                let tries = [
                    Some((s, [quiet(s + 1), None])),
                    quiet(s + 1).map(|next| (next, [Some(s), quiet(s + 2)])),
                    last.map(|last| (last, [Some(s), None])),
                ];
                if let Some((from, to)) = tries
                    .into_iter()
                    .flatten()
                    .find_map(|(p, ends)| arrival_span(ctx, dates, p, ends))
                {
                    event.date_start = Some(from);
                    event.date_end = to;
                }
            }
            if let Some(f) = &frame {
                add_all(&mut event.places, std::slice::from_ref(f));
            }
            groups_done.push(g);
            created_here.push(drafts.len());
            let aside = date.is_some_and(|x| super::dates::is_the_day_before(toks, x));
            let announced = g == Group::Agreement
                && !t.verb
                && (t.last + 1..(t.last + 3).min(toks.len()))
                    .find(|&k| toks.kind(k) == Some(super::tokens::TokKind::Punct))
                    .is_some_and(|k| toks.is_punct(k, '.'));
            drafts.push(Draft {
                event,
                sentence: s,
                aside,
                announced,
            });
        }
        // undated new events take the day a sentence without an event gave just before ("Le
        // temps fort est venu mardi. Le président … ont signé l'accord"), else the date (and
        // places) of the event referred to, else of the last dated event told before (or just
        // after: "Une table ronde a réuni les exportateurs. Elle s'est tenue le 5 mars"); a
        // day told earlier in the paragraph beats the date of an earlier event
        for &c in &created_here {
            // (a heading is dated by the text under it, below)
            if drafts[c].event.date_start.is_some() || heading(s) {
                continue;
            }
            if referred.is_none_or(|r| r == c)
                && let Some(day) = day_before.or(day_after)
            {
                drafts[c].event.date_start = Some(day.start);
                drafts[c].event.date_end = day.end;
                continue;
            }
            let source = referred
                .filter(|&r| r != c)
                .or_else(|| {
                    created_here
                        .iter()
                        .copied()
                        .find(|&o| o != c && drafts[o].event.date_start.is_some())
                })
                .or_else(|| {
                    // what is announced ("se rendra … à l'automne") is not the event told before
                    (!ctx.future[s]).then(|| {
                        (0..c).rev().find(|&o| {
                            drafts[o].event.date_start.is_some()
                                && drafts[o].sentence < s
                                && drafts[o].sentence >= titles
                                && !drafts[o].aside
                        })
                    })?
                });
            if let Some(src) = source {
                // a day the paragraph told is the day of this part of what was told before
                // ("Jeudi, le forum s'est déplacé sur le campus. Une conférence y …")
                let (start, src_places) = (
                    day_before
                        .or(recent)
                        .map(|day| day.start)
                        .or(drafts[src].event.date_start)
                        .or(day_after.map(|day| day.start)),
                    drafts[src].event.places.clone(),
                );
                drafts[c].event.date_start = start;
                drafts[c].event.date_end = None;
                // "à cette occasion" tells the same scene; another trigger only a moment of it
                if referred == Some(src) && (generic_ref || drafts[c].event.places.is_empty()) {
                    add_all(&mut drafts[c].event.places, &src_places);
                }
            }
        }
    }
    // a photo caption shows a moment the text tells ("Légende : la signature de l'accord,
    // jeudi")
    let in_caption: Vec<bool> = drafts.iter().map(|d| is_caption(ctx, d.sentence)).collect();
    let shown_again: Vec<bool> = drafts
        .iter()
        .zip(&in_caption)
        .map(|(d, &caption)| {
            caption
                && drafts.iter().zip(&in_caption).any(|(o, &o_caption)| {
                    o.sentence > d.sentence
                        && same_family(o.event.kind, d.event.kind)
                        && dates_compatible(&o.event, d.event.date_start)
                        && !o_caption
                })
        })
        .collect();
    let mut shown_again = shown_again.into_iter();
    drafts.retain(|_| !shown_again.next().unwrap_or(false));
    // a headline tells again, undated, an event the article tells ("Strasbourg signe un
    // accord avec Novossibirsk")
    if titles > 0 {
        let later: Vec<Group> = drafts
            .iter()
            .filter(|d| d.sentence >= titles)
            .map(|d| group(d.event.kind))
            .collect();
        drafts.retain(|d| {
            d.sentence >= titles
                || d.event.date_start.is_some()
                || !later.contains(&group(d.event.kind))
        });
    }
    // the lead paragraph announces the agreement the text (or a caption) tells on its day
    // ("avec à la clé un protocole d'accord" … "Mercredi, … ont paraphé un mémorandum")
    // (the lead is the first paragraph after the title lines, a photo caption and a byline)
    let lead_start = (titles..toks.sentences.len())
        .find(|&p| {
            let line_of_its_own =
                toks.toks[toks.sentences[p].1].after_newline && is_title_line(toks, p);
            !is_caption(ctx, p) && !line_of_its_own
        })
        .unwrap_or(titles);
    let lead_end = (lead_start + 1..toks.sentences.len())
        .find(|&p| toks.toks[toks.sentences[p].1].after_newline)
        .unwrap_or(toks.sentences.len());
    let signed_on_a_day = drafts.iter().any(|d| {
        !(lead_start..lead_end).contains(&d.sentence)
            && d.sentence >= titles
            && d.event.kind == EventKind::Agreement
            && d.event.date_start.is_some_and(|x| x.day.is_some())
    });
    drafts.retain(|d| {
        !(lead_start..lead_end).contains(&d.sentence)
            || d.event.kind != EventKind::Agreement
            || !signed_on_a_day
    });
    // a subheading's event is told again by the text under it, up to the next heading
    let told_under = |d: &Draft| {
        drafts.iter().any(|o| {
            o.sentence > d.sentence
                && group(o.event.kind) == group(d.event.kind)
                && dates_compatible(&o.event, d.event.date_start)
                && !(d.sentence + 1..=o.sentence).any(heading)
        })
    };
    let retold: Vec<bool> = drafts
        .iter()
        .map(|d| d.sentence >= titles && heading(d.sentence) && told_under(d))
        .collect();
    // what the text does not tell again happens when and where the paragraph under the
    // subheading first tells ("Un séminaire au technopôle" / "Le temps fort s'est déroulé
    // mardi à Plouzané")
    for (d, _) in drafts
        .iter_mut()
        .zip(&retold)
        .filter(|&(ref d, &retold)| !retold && d.sentence >= titles && heading(d.sentence))
    {
        let under = (d.sentence + 1..toks.sentences.len())
            .take_while(|&p| p == d.sentence + 1 || !toks.toks[toks.sentences[p].1].after_newline);
        for p in under {
            let (span, _) = toks.sentences[p];
            if let Some(x) = dates_within(dates, span).next() {
                d.event.date_start = Some(x.start);
                d.event.date_end = x.end.filter(|&end| end != x.start);
                let places = sentence_entities(ctx, found, names, span, &[EntityKind::Place], true);
                add_all(&mut d.event.places, &places);
                break;
            }
        }
    }
    drafts
        .into_iter()
        .zip(retold)
        .filter(|&(_, retold)| !retold)
        .map(|(d, _)| d.event)
        .collect()
}

/// "La prochaine séance est fixée au jeudi 18 novembre": sentence `s`, which names no event,
/// tells the next session of the gathering told before (in its paragraph or the one
/// before), at the date it gives, in the same places.
fn next_session(
    ctx: &Ctx<'_, '_>,
    dates: &[DateExpr],
    drafts: &[Draft],
    s: usize,
) -> Option<Draft> {
    let toks = ctx.toks;
    let range = toks.sentence_tokens(s);
    let named = range.clone().any(|k| {
        matches!(toks.norm(k), "prochaine" | "nouvelle")
            && matches!(toks.norm(k + 1), "seance" | "session" | "edition")
            && range.contains(&(k + 1))
    });
    if !named {
        return None;
    }
    let date = dates_within(dates, toks.sentences[s].0).next()?;
    let last = drafts.last().filter(|d| {
        group(d.event.kind) == Group::Meeting
            && d.sentence + NEXT_SESSION_SENTENCES >= s
            && d.event.date_start.is_some_and(|start| start < date.start)
    })?;
    let mut event = last.event.clone();
    event.date_start = Some(date.start);
    event.date_end = date.end.filter(|&end| end != date.start);
    event.evidence = toks.sentences[s].0;
    Some(Draft {
        event,
        sentence: s,
        aside: false,
        announced: false,
    })
}

/// How many sentences after a gathering [`next_session`] may tell its next session.
const NEXT_SESSION_SENTENCES: usize = 3;

/// The arrival day that sentence `p` gives ("Arrivés lundi soir à Metz", "arrivée le 3
/// juin", "Depuis lundi, une délégation sillonne …"), with the last later day it or the
/// sentences `ends` tell within a month ("… ont repris l'avion ce vendredi", "Elle quittera
/// Orléans vendredi soir"), if any.
fn arrival_span(
    ctx: &Ctx<'_, '_>,
    dates: &[DateExpr],
    p: usize,
    ends: [Option<usize>; 2],
) -> Option<(PartialDate, Option<PartialDate>)> {
    let toks = ctx.toks;
    let told =
        |p: usize| dates_within(dates, toks.sentences[p].0).filter(|d| d.start.day.is_some());
    let arrival = told(p).find(|d| {
        (d.first_tok.saturating_sub(4)..d.first_tok)
            .any(|k| matches!(toks.norm(k), "arrive" | "arrivee" | "arrives" | "arrivees"))
            || super::dates::is_told_since(toks, d)
    })?;
    let from = arrival.start.to_naive()?;
    let end = told(p)
        .chain(ends.into_iter().flatten().flat_map(told))
        .filter_map(|d| d.end.unwrap_or(d.start).to_naive())
        .filter(|&end| end > from && (end - from).num_days() <= 31)
        .max()
        .and_then(PartialDate::from_naive);
    Some((arrival.start, end))
}

/// True when a visit told with its own day and a new place is an outing within `trip`
/// ("Le 17 mars, une partie du groupe s'est rendue à Gatchina"; on the first day of a
/// longer trip when its sentence tells the day, `own_day`), or after another outing of a
/// single day, not the trip again.
fn is_an_outing_of(
    trip: &Event,
    kind: EventKind,
    date: Option<&DateExpr>,
    own_day: bool,
    places: &[Name],
) -> bool {
    let one_day = trip.date_end.is_none_or(|end| Some(end) == trip.date_start);
    kind == EventKind::Visit
        && (trip.kind != EventKind::Visit || one_day)
        && date.is_some_and(|x| {
            x.start.day.is_some() && (trip.date_start != Some(x.start) || (own_day && !one_day))
        })
        && places.iter().any(|p| !trip.places.contains(p))
}

/// True when the sentence of trigger `t` tells it did not take place: a cancel word after
/// it ("la visite prévue … a été annulée") or just before it ("l'annulation de la visite"),
/// or "n'a (pas) pu avoir lieu / se faire / se tenir" or "n'a toujours pas eu lieu" after it.
fn is_cancelled(ctx: &Ctx<'_, '_>, t: &Trigger) -> bool {
    let toks = ctx.toks;
    let sentence = toks.toks[t.first].sentence;
    let in_sentence = |k: &usize| toks.toks[*k].sentence == sentence;
    let before = (t.first.saturating_sub(3)..t.first).filter(in_sentence);
    let after = (t.last + 1..toks.len()).take_while(in_sentence);
    // "Rien n'a encore été signé", "n'a pas été signé" (not "ne sera signé qu'en juin")
    let negated = (t.first.saturating_sub(5)..t.first)
        .filter(in_sentence)
        .any(|k| toks.norm(k) == "n'" || toks.text(k).eq_ignore_ascii_case("ne"))
        && !after
            .clone()
            .take(2)
            .any(|k| matches!(toks.norm(k), "qu'" | "que"));
    negated
        || before
            .chain(after.clone())
            .any(|k| ctx.lex.cancel_words.contains(toks.norm(k)))
        || after.into_iter().any(|k| {
            let not_before =
                |most: usize| (k.saturating_sub(most)..k).any(|j| toks.norm(j) == "n'");
            (toks.norm(k) == "pu"
                && not_before(3)
                && matches!(toks.norm(k + 1), "avoir" | "se" | "etre"))
                // "n'a toujours pas eu lieu", "n'ont jamais eu lieu"
                || (toks.norm(k) == "eu" && toks.norm(k + 1) == "lieu" && not_before(4))
        })
}

/// True when a gathering mentioned again on a day of its own outside `event`'s days, in
/// places `event` does not have, is another leg of it ("Le 19 mars, le workshop à Moscou …
/// Deux jours plus tard, le workshop a fait étape à Saint-Pétersbourg").
fn is_another_leg(event: &Event, date: Option<&DateExpr>, places: &[Name]) -> bool {
    let day = |d: Option<PartialDate>| d.filter(|d| d.day.is_some()).and_then(|d| d.to_naive());
    let (Some(at), Some(start)) = (day(date.map(|x| x.start)), day(event.date_start)) else {
        return false;
    };
    let end = day(event.date_end).unwrap_or(start);
    !(start..=end).contains(&at)
        && !places.is_empty()
        && places.iter().all(|p| !event.places.contains(p))
}

/// The last day-precise date of the [`RECENT_SENTENCES`] sentences before sentence `s`
/// in its paragraph (told in the past when `s` is), or of the paragraph before when this one opens on a time of the day
/// ("L'après-midi, …"); `before` holds the dates that start before `s`.
fn recent_day<'d>(ctx: &Ctx<'_, '_>, before: &'d [DateExpr], s: usize) -> Option<&'d DateExpr> {
    let toks = ctx.toks;
    let opens_paragraph = |p: usize| toks.toks[toks.sentences[p].1].after_newline;
    let walk_back = |mut first: usize, most: usize| {
        let from = first;
        while first > 0 && from - first < most && !opens_paragraph(first) {
            first -= 1;
        }
        first
    };
    let mut first = walk_back(s, RECENT_SENTENCES);
    if first > 0 && opens_paragraph(first) && opens_on_a_time_of_day(ctx, first) {
        first = walk_back(first - 1, usize::MAX);
    }
    let from = toks.sentences[first].0.start();
    before
        .iter()
        .rev()
        .take_while(|d| d.span.start() >= from)
        // (a day announced, "repartira samedi", is not the day of what is told as done)
        .filter(|d| ctx.future[s] || !ctx.future[toks.toks[d.first_tok].sentence as usize])
        .find(|d| d.start.day.is_some())
}

/// See [`recent_day`].
const RECENT_SENTENCES: usize = 3;

/// True when sentence `s` opens on a time of the day ("L'après-midi, …", "En fin de
/// journée, …"): it goes on with the day told before.
fn opens_on_a_time_of_day(ctx: &Ctx<'_, '_>, s: usize) -> bool {
    let first = ctx.toks.sentences[s].1;
    (first..ctx.toks.len())
        .take(TIME_OF_DAY_TOKENS)
        .take_while(|&k| ctx.toks.toks[k].sentence as usize == s)
        .any(|k| ctx.lex.times_of_day.contains(ctx.toks.norm(k)))
}

/// See [`opens_on_a_time_of_day`].
const TIME_OF_DAY_TOKENS: usize = 4;

/// True when sentence `s` is a short line of its own in the body, with no final stop: a
/// subheading ("Un protocole signé à Concarneau").
fn is_subheading(toks: &super::tokens::Tokens<'_>, s: usize) -> bool {
    let Some(&(_, first)) = toks.sentences.get(s) else {
        return false;
    };
    let end = toks
        .sentences
        .get(s + 1)
        .map_or(toks.len(), |&(_, next)| next);
    s > 0
        && toks.toks[first].after_newline
        && is_headline(toks, s)
        && end - first <= SUBHEADING_TOKENS
        && !['.', '!', '?', ':', ';', ',']
            .iter()
            .any(|&c| toks.is_punct(end - 1, c))
}

/// See [`is_subheading`].
const SUBHEADING_TOKENS: usize = 14;

/// The sentences of fact boxes: runs of two or more lines of the form "Label : value"
/// ("Dates : 23-27/09/2019", "Participants : 10 start-up, 62 rendez-vous"), with the
/// subheading just above them ("La mission en bref"). They sum up what the text told.
fn fact_box_sentences(toks: &super::tokens::Tokens<'_>) -> Vec<bool> {
    let count = toks.sentences.len();
    let labelled = |s: usize| {
        let (_, first) = toks.sentences[s];
        let range = toks.sentence_tokens(s);
        toks.toks[first].after_newline
            && toks.is_cap(first)
            && (first + 1..(first + 4).min(range.end)).any(|k| toks.is_punct(k, ':'))
            && (first..range.end).all(|k| !toks.is_punct(k, '.') || k + 1 == range.end)
    };
    let mut out = vec![false; count];
    let mut s = 0;
    while s < count {
        let at = s;
        while s < count && labelled(s) {
            s += 1;
        }
        if s - at >= 2 {
            out[at..s].fill(true);
            if at > 0 && is_subheading(toks, at - 1) {
                out[at - 1] = true;
            }
        }
        s = s.max(at + 1);
    }
    out
}

/// The dates inside `span` (`dates` is sorted by start).
fn dates_within(dates: &[DateExpr], span: Span) -> impl Iterator<Item = &DateExpr> {
    let from = dates.partition_point(|d| d.span.start() < span.start());
    dates[from..]
        .iter()
        .take_while(move |d| d.span.start() < span.end())
        .filter(move |d| d.span.end() <= span.end())
}

/// True when sentence `s` is in a photo caption: its line holds a photo credit or opens on
/// "Légende".
fn is_caption(ctx: &Ctx<'_, '_>, s: usize) -> bool {
    let toks = ctx.toks;
    let Some(&(_, first)) = toks.sentences.get(s) else {
        return false;
    };
    let line_start = (0..=first)
        .rev()
        .find(|&i| toks.toks[i].after_newline)
        .unwrap_or(0);
    let line_end = (first + 1..toks.len())
        .find(|&i| toks.toks[i].after_newline)
        .unwrap_or(toks.len());
    toks.norm(line_start) == "legende" || (line_start..line_end).any(|i| ctx.credit[i])
}

/// True when sentence `s` is a line of its own with more text after it and no full stop: a
/// title, a date line, a byline.
fn is_title_line(toks: &super::tokens::Tokens<'_>, s: usize) -> bool {
    is_headline(toks, s) && !toks.is_punct(toks.sentences[s + 1].1 - 1, '.')
}

/// True when sentence `s` is a line of its own (a title), with more text after it.
fn is_headline(toks: &super::tokens::Tokens<'_>, s: usize) -> bool {
    toks.sentences
        .get(s + 1)
        .is_some_and(|&(_, next)| toks.toks[next].after_newline)
}

/// The end that "jusqu'au 5 janvier 2020" gives, later in the sentence, to an event that
/// starts on `start` ("inaugurée le 21 septembre et visible jusqu'au 5 janvier 2020").
fn until(ctx: &Ctx<'_, '_>, dates: &[&DateExpr], start: &DateExpr) -> Option<PartialDate> {
    let toks = ctx.toks;
    let key = |d: PartialDate| (d.year.or(start.start.year), d.month, d.day);
    dates
        .iter()
        .filter(|d| d.first_tok > start.last_tok + 1 && is_an_end(toks, d))
        .map(|d| d.start)
        .find(|&end| end.day.is_some())
        .map(|end| {
            // "inaugurée le 21 septembre … jusqu'au 5 janvier": the January after
            if key(end) <= key(start.start) && end.year.is_some() && end.year == start.start.year {
                PartialDate {
                    year: end.year.map(|y| y + 1),
                    ..end
                }
            } else {
                end
            }
        })
}

/// True when a mention dated `b` may tell `event` again: no date on either side, the same
/// month, or a month inside the event's span ("du 28 février au 2 mars" … "le 1er mars").
fn dates_compatible(event: &Event, b: Option<PartialDate>) -> bool {
    let (Some(a), Some(b)) = (event.date_start, b) else {
        return true;
    };
    let same_month = a.month == b.month && (a.year == b.year || a.year.is_none());
    let key = |d: PartialDate| Some((d.year?, d.month?));
    let within = match (key(a), event.date_end.and_then(key), key(b)) {
        (Some(start), Some(end), Some(at)) => start <= at && at <= end,
        _ => false,
    };
    same_month || within
}

/// The new date of an event told as moved: the first date after the postponement word in
/// the trigger's sentence, when the trigger comes before that word ("prévue le 15 novembre,
/// a été reportée à la mi-février"), else in the next sentence when it tells no event ("a dû
/// être reporté : … Il aura lieu l'été prochain"). The word may also open the next sentence's
/// clause on a pronoun ("… l'école d'été. Elle est reportée d'un an, du 5 au 16 juillet").
/// A new date read before the first one `planned` (its year inferred from publication) is
/// in the year after ("prévue le 15 novembre, reportée à la mi-février").
fn postponed_to(
    ctx: &Ctx<'_, '_>,
    dates: &[DateExpr],
    t: &Trigger,
    planned: Option<&DateExpr>,
    tells_no_event: &dyn Fn(&usize) -> bool,
) -> Option<DateExpr> {
    let toks = ctx.toks;
    let s = toks.toks[t.first].sentence as usize;
    let moved_at = |p: usize, from: usize| {
        toks.sentence_tokens(p)
            .find(|&k| k > from && ctx.lex.postpone_words.contains(toks.norm(k)))
    };
    let opens_on_a_pronoun = |p: usize| {
        toks.sentence_tokens(p)
            .next()
            .is_some_and(|k| matches!(toks.norm(k), "il" | "elle" | "celle-ci" | "celui-ci"))
    };
    let (p, word) = moved_at(s, t.last).map(|k| (s, k)).or_else(|| {
        let next = Some(s + 1).filter(|p| tells_no_event(p) && opens_on_a_pronoun(*p))?;
        Some((next, moved_at(next, 0)?))
    })?;
    let first_date_of = |q: usize, after: usize| {
        let &(span, _) = toks.sentences.get(q)?;
        dates_within(dates, span).find(|d| d.first_tok > after)
    };
    let mut moved = *first_date_of(p, word).or_else(|| {
        Some(p + 1)
            .filter(|q| tells_no_event(q))
            .and_then(|q| first_date_of(q, 0))
    })?;
    if let Some(planned) = planned
        && moved.start < planned.start
        && moved.start.year.is_some()
        && planned.start.year.is_some()
    {
        moved.start.year = moved.start.year.map(|y| y + 1);
        moved.end = moved.end.map(|mut end| {
            end.year = end.year.map(|y| y + 1);
            end
        });
    }
    Some(moved)
}

/// The date of the trigger's sentence: the most precise one ("créé en 2017" is background
/// beside "les 24 et 25 novembre"), then the nearest, preferring one after the trigger.
fn nearest_date<'d>(
    toks: &super::tokens::Tokens<'_>,
    dates: &[&'d DateExpr],
    at: usize,
) -> Option<&'d DateExpr> {
    dates
        .iter()
        .min_by_key(|d| {
            let distance = if d.first_tok >= at {
                (d.first_tok - at) * 2
            } else {
                (at - d.last_tok) * 2 + 1
            };
            (
                is_an_end(toks, d),
                std::cmp::Reverse(d.start.precision()),
                distance,
            )
        })
        .copied()
}

/// True for a date told as an end ("jusqu'au 10 novembre"): [`until`] reads it.
fn is_an_end(toks: &super::tokens::Tokens<'_>, d: &DateExpr) -> bool {
    super::dates::follows_until(toks, d.first_tok)
}

/// Sentences that refer back to the last event told ("À cette occasion", "lors de
/// cet événement").
fn anaphoric_generic_sentences(ctx: &Ctx<'_, '_>) -> rustc_hash::FxHashSet<usize> {
    let toks = ctx.toks;
    (1..toks.len())
        .filter(|&i| {
            ctx.has_cue(i, super::names::cue::EVENT_REFERENCE)
                && matches!(
                    toks.norm(i - 1),
                    "cette" | "cet" | "ce" | "l'" | "la" | "le"
                )
        })
        .map(|i| toks.toks[i].sentence as usize)
        .collect()
}

/// "À Lyon, …" at the start of a sentence: the place that frames what follows (not in a
/// quotation: « En France, il nous faut six mois »).
fn opening_frame(
    ctx: &Ctx<'_, '_>,
    found: &[Found],
    names: &[Name],
    first_tok: usize,
) -> Option<Name> {
    let toks = ctx.toks;
    if !matches!(toks.norm(first_tok), "a" | "en") || ctx.quoted.get(first_tok) == Some(&true) {
        return None;
    }
    let from = found.partition_point(|f| f.first < first_tok + 1);
    let (place, name) = found[from..]
        .iter()
        .zip(&names[from..])
        .take_while(|(f, _)| f.first == first_tok + 1)
        .find(|(f, _)| f.kind == EntityKind::Place)?;
    let after = place.last + 1;
    let comma_soon = (after..after + 3).any(|k| toks.is_punct(k, ','));
    comma_soon.then(|| name.clone())
}

/// Where the event of trigger `t` (of group `g`) in the sentence on `span` takes place: the
/// sentence's places, but what an agreement is for is not where it was signed ("ont signé
/// un accord pour produire à Perm"), and a place quoted with other words outside a quoted
/// trigger is a title's topic ("un séminaire « Le Havre, Rouen : un axe vers la Russie »").
fn trigger_places(
    ctx: &Ctx<'_, '_>,
    found: &[Found],
    names: &[Name],
    span: Span,
    t: &Trigger,
    g: Group,
) -> Vec<Name> {
    let toks = ctx.toks;
    let quoted_titles = !ctx.quoted[t.first];
    let places = |span: Span| {
        sentence_entities(ctx, found, names, span, &[EntityKind::Place], quoted_titles)
    };
    let Some(cut) = purpose_start(ctx, t, g) else {
        return places(span);
    };
    let mut out = places(Span::new(span.start(), toks.toks[cut].span.start()));
    // what an agreement is for runs to the end of the sentence; a gathering's topic to the
    // next comma ("une école d'été consacrée à l'hydroélectricité, organisée à Grenoble")
    if g == Group::Meeting
        && let Some(comma) = (cut..toks.len())
            .take_while(|&k| toks.toks[k].span.end() <= span.end())
            .find(|&k| toks.is_punct(k, ','))
    {
        add_all(
            &mut out,
            &places(Span::new(toks.toks[comma].span.end(), span.end())),
        );
    }
    out
}

/// The first word after trigger `t` in its sentence that opens what an agreement is for
/// ("pour", "en vue de", "qui") or what a gathering is about ("consacré à"); `None` for
/// trips or when there is none.
fn purpose_start(ctx: &Ctx<'_, '_>, t: &Trigger, g: Group) -> Option<usize> {
    let toks = ctx.toks;
    let words = match g {
        Group::Agreement => &ctx.lex.purpose_words,
        Group::Meeting => &ctx.lex.topic_words,
        _ => return None,
    };
    let sentence = toks.toks[t.first].sentence as usize;
    (t.last + 1..toks.sentence_tokens(sentence).end).find(|&k| words.contains(toks.norm(k)))
}

/// Token `first`, or the definite article just before it ("la" of "la région de X").
fn with_article(toks: &super::tokens::Tokens<'_>, first: usize) -> usize {
    match first.checked_sub(1) {
        Some(k) if matches!(toks.norm(k), "la" | "l'" | "le" | "les") => k,
        _ => first,
    }
}

/// True when the organisation named from token `first` is where people meet: it follows
/// "à", "au", "chez" or "au siège de" ("reçus à la CCI de Toulouse").
fn is_a_venue(ctx: &Ctx<'_, '_>, first: usize) -> bool {
    let toks = ctx.toks;
    let mut k = with_article(toks, first);
    if k > 2
        && matches!(toks.norm(k - 1), "de" | "du" | "d'" | "des")
        && toks.norm(k - 2) == "siege"
    {
        k -= 2;
    }
    k > 0 && matches!(toks.norm(k - 1), "a" | "au" | "aux" | "chez")
}

/// True when the place at token `first` tells where someone is based ("installée à
/// Condom", "originaire de Kazan", "basée près de Lyon"), not where the event is.
fn is_a_seat(ctx: &Ctx<'_, '_>, first: usize) -> bool {
    let toks = ctx.toks;
    let mut k = with_article(toks, first);
    if k < 2
        || !matches!(
            toks.norm(k - 1),
            "a" | "au" | "aux" | "en" | "de" | "d'" | "du"
        )
    {
        return false;
    }
    k -= 2;
    if k > 0 && matches!(toks.norm(k), "pres" | "est") {
        k -= 1;
    }
    ctx.lex.seat_words.contains(toks.norm(k))
}

/// True when the place `place` ends a short description set after a name ("Étienne
/// Vautier, éleveur à Formigny,", "OOO Kaskad, une laiterie de Sokol", "Techni-Scie SARL,
/// à Remiremont, et …", "Université du Nord (Arctique)"): it tells where that person or
/// body is from, not where the event is.
fn describes_a_name(ctx: &Ctx<'_, '_>, found: &[Found], place: &Found) -> bool {
    let toks = ctx.toks;
    let k = with_article(toks, place.first);
    // "l'Université fédérale du Nord (Arctique)": a body's name closed by its place
    if k > 1
        && toks.is_punct(k - 1, '(')
        && toks.is_punct(place.last + 1, ')')
        && found
            .iter()
            .any(|g| g.last + 2 == k && g.kind == EntityKind::Organisation)
    {
        return true;
    }
    if k < 3 || !matches!(toks.norm(k - 1), "a" | "au" | "de" | "d'" | "du") {
        return false;
    }
    // a company's seat set between commas after its legal form, with no word before it
    // (a body's name followed by ", à X," may be the venue: "à Metz Expo, à la Grange")
    if toks.norm(k - 1) == "a"
        && toks.is_punct(k - 2, ',')
        && toks.is_punct(place.last + 1, ',')
        && ctx.lex.org_suffixes.contains(toks.text(k - 3))
    {
        return true;
    }
    // one to three lower-case words that tell no event ("en visite à Moscou" does)
    let words = (1..=3)
        .take_while(|&w| {
            k > w + 1
                && toks.kind(k - 1 - w) == Some(super::tokens::TokKind::Word)
                && !toks.is_cap(k - 1 - w)
                && toks.norm(k - 1 - w) != "en"
                && !ctx.has_cue(k - 1 - w, super::names::cue::TRIGGER)
        })
        .last();
    let Some(w) = words else {
        return false;
    };
    let comma = k - 2 - w;
    toks.is_punct(comma, ',')
        && comma > 0
        && found.iter().any(|g| {
            g.last + 1 == comma && matches!(g.kind, EntityKind::Person | EntityKind::Organisation)
        })
}

/// True when the place `f` is part of a longer quotation: a title or speech names a topic
/// ("un séminaire « Le Havre, Rouen : un axe vers la Russie »"), not where the event is.
fn in_a_quoted_title(ctx: &Ctx<'_, '_>, f: &Found) -> bool {
    let quoted = |k: usize| ctx.quoted.get(k).copied().unwrap_or(false);
    quoted(f.first) && ((f.first > 0 && quoted(f.first - 1)) || quoted(f.last + 1))
}

/// Canonical names of the mentions of `kinds` inside `span`, in order, without repeats
/// (`found` is sorted by first token).
fn sentence_entities(
    ctx: &Ctx<'_, '_>,
    found: &[Found],
    names: &[Name],
    span: Span,
    kinds: &[EntityKind],
    skip_quoted_titles: bool,
) -> Vec<Name> {
    let toks = ctx.toks;
    let from = found.partition_point(|f| toks.toks[f.first].span.start() < span.start());
    let to = from + found[from..].partition_point(|f| toks.toks[f.first].span.start() < span.end());
    let in_sentence = &found[from..to];
    // "la Chambre de commerce de la région de Kalouga a signé": a place inside a name tells
    // where the body is from, not where the event is; a town hall is where it stands, and
    // so is a body where people meet ("à la CCI de Toulouse", "chez Lyon Métropole").
    // A river or a sea ("sur la Volga") tells where a town is, not where people meet.
    let inside_an_organisation = |p: &Found| {
        in_sentence.iter().any(|g| {
            g.kind == EntityKind::Organisation
                && g.first <= p.first
                && p.last <= g.last
                && (g.first, g.last) != (p.first, p.last)
                && !matches!(
                    toks.norm(g.first),
                    "mairie" | "ville" | "hotel" | "municipalite"
                )
                && !is_a_venue(ctx, g.first)
        })
    };
    let mut out: Vec<Name> = Vec::new();
    for (f, name) in in_sentence.iter().zip(&names[from..to]) {
        if kinds.contains(&f.kind)
            && toks.toks[f.last].span.end() <= span.end()
            && !ctx.credit[f.first]
            && !out.contains(name)
            && !(f.kind == EntityKind::Place
                && (inside_an_organisation(f)
                    || completes_a_role(ctx, found, f.first)
                    || tells_an_origin(ctx, found, f.first)
                    || is_a_seat(ctx, f.first)
                    || describes_a_name(ctx, found, f)
                    || (skip_quoted_titles && in_a_quoted_title(ctx, f))
                    || ctx.gazetteer.kind(&crate::text::fold(name)) == Some(PlaceKind::Water)))
        {
            out.push(name.clone());
        }
    }
    out
}

/// True when the place at token `first` completes a person's role ("l'ambassadeur de Russie
/// en France", "le consul général de Russie à Marseille", "le gouverneur de la région de
/// Samara"): it tells who the person is, not where the event is.
fn completes_a_role(ctx: &Ctx<'_, '_>, found: &[Found], first: usize) -> bool {
    let role = |k: usize| ctx.has_cue(k, super::names::cue::TITLE) && !ctx.toks.is_cap(k);
    let prep = |w: &str| matches!(w, "de" | "du" | "d'" | "des" | "en" | "a" | "au");
    completes(ctx, found, first, prep, role)
}

/// True when the place at token `first` tells where visitors come from ("une délégation
/// de la région de Vologda", "des entreprises de Lipetsk"), not where the event is.
fn tells_an_origin(ctx: &Ctx<'_, '_>, found: &[Found], first: usize) -> bool {
    let origin = |k: usize| ctx.lex.origin_words.contains(ctx.toks.norm(k));
    let prep = |w: &str| matches!(w, "de" | "du" | "d'" | "des");
    completes(ctx, found, first, prep, origin)
}

/// True when the place at token `first` is the complement, after a preposition `prep`
/// accepts, of a word `head` accepts (possibly with an adjective after it), directly or
/// along a chain of places and place nouns ("de Russie à Marseille", "de la région de X")
/// or a list of them ("venus de Moscou, de Kazan et de Sibérie").
fn completes(
    ctx: &Ctx<'_, '_>,
    found: &[Found],
    first: usize,
    prep: impl Fn(&str) -> bool,
    head: impl Fn(usize) -> bool,
) -> bool {
    let toks = ctx.toks;
    let mut k = first;
    for _ in 0..6 {
        k = with_article(toks, k);
        if k < 2 || !prep(toks.norm(k - 1)) {
            return false;
        }
        let before = k - 2;
        if head(before)
            || (before > 0 && head(before - 1) && ctx.lex.is_adjective(toks.norm(before)))
        {
            return true;
        }
        // further back along the chain: "de Russie à Marseille", "de la région de Samara",
        // "de Moscou, de Kazan"
        let place_ending_at = |last: usize| {
            found
                .iter()
                .find(|g| g.kind == EntityKind::Place && g.last == last)
        };
        let listed = toks.is_punct(before, ',') || matches!(toks.norm(before), "et" | "ou");
        k = if ctx.lex.place_cues.contains(toks.norm(before)) {
            before
        } else if let Some(place) = place_ending_at(before) {
            place.first
        } else if let Some(place) = before
            .checked_sub(1)
            .filter(|_| listed)
            .and_then(place_ending_at)
        {
            place.first
        } else {
            return false;
        };
    }
    false
}

fn add_all(into: &mut Vec<Name>, from: &[Name]) {
    for x in from {
        if !into.contains(x) {
            into.push(x.clone());
        }
    }
}

/// A proper name around a capitalised trigger: "Open Innovations Forum".
fn event_name(ctx: &Ctx<'_, '_>, t: &Trigger) -> Option<String> {
    let toks = ctx.toks;
    if !toks.is_cap(t.first) || toks.starts_sentence(t.first) {
        return None;
    }
    let mut a = t.first;
    while a > 0
        && toks.is_cap(a - 1)
        && toks.toks[a - 1].sentence == toks.toks[t.first].sentence
        && !toks.starts_sentence(a - 1)
    {
        a -= 1;
    }
    let mut b = t.last;
    while b + 1 < toks.len()
        && toks.is_cap(b + 1)
        && toks.toks[b + 1].sentence == toks.toks[t.first].sentence
    {
        b += 1;
    }
    (b > a).then(|| toks.span(a, b).text(toks.text).to_owned())
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::{Document, EventKind, Name, PartialDate};

    fn analysed_events(body: &str, pub_date: Option<&str>) -> Vec<crate::model::Event> {
        let ex = Extractor::new().unwrap();
        // as a file reads: its credits and furniture marked
        let mut doc =
            crate::corpus::document_from_bytes(std::path::Path::new("e.txt"), body.as_bytes(), 0)
                .unwrap()
                .0;
        doc.pub_date = pub_date.and_then(PartialDate::parse_iso);
        ex.analyse(&doc).events
    }

    fn events(body: &str, pub_date: Option<&str>) -> Vec<(EventKind, String, Vec<String>)> {
        analysed_events(body, pub_date)
            .into_iter()
            .map(|e| {
                (
                    e.kind,
                    e.date_start.map(|d| d.to_iso()).unwrap_or_default(),
                    e.places.iter().map(|p| p.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn visited_workshops_are_rooms_and_programme_lists_are_no_events() {
        let ev = events(
            "Mardi, la délégation était à Lyon. Après la visite des ateliers, une démonstration a eu lieu.",
            Some("2013-11-21"),
        );
        assert!(ev.iter().all(|e| e.0 != EventKind::Seminar), "{ev:?}");
        let ev = events(
            "Conférences, ateliers et concerts : le programme était chargé à Lyon.",
            Some("2013-11-21"),
        );
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_concert_that_opens_a_festival_is_part_of_it() {
        let body = "Du vendredi 20 au dimanche 29 mai, Aix-les-Bains a accueilli le festival de Carélie. \
                    Le festival s'est ouvert vendredi par un concert au casino.";
        let ev = events(body, Some("2016-06-01"));
        assert_eq!(ev.len(), 1, "{ev:?}");
        let ev = events(
            "Dimanche soir, la salle du conservatoire de Kazan affichait complet pour le concert du quatuor.",
            Some("2018-11-21"),
        );
        assert_eq!(ev.first().map(|e| e.0), Some(EventKind::Other), "{ev:?}");
    }

    #[test]
    fn a_stay_told_since_a_day_ends_on_the_departure_and_its_stops_are_visits() {
        // 21 November 2013 was a Thursday
        let body = "Depuis lundi, une délégation de la région de Rostov sillonne le Loiret. \
                    Elle quittera Orléans vendredi soir.\n\
                    Mardi, première étape à Pithiviers, chez un semencier. \
                    Mercredi matin, direction Chartres. La délégation a visité la cathédrale.";
        let ev = analysed_events(body, Some("2013-11-21"));
        assert_eq!(
            spans(&ev),
            [
                (
                    EventKind::Delegation,
                    Some("2013-11-18".into()),
                    Some("2013-11-22".into())
                ),
                (
                    EventKind::Visit,
                    Some("2013-11-19".into()),
                    Some("2013-11-19".into())
                ),
                (
                    EventKind::Visit,
                    Some("2013-11-20".into()),
                    Some("2013-11-20".into())
                ),
            ],
            "{ev:?}"
        );
        // expected somewhere: a visit to come
        let ev = events(
            "Jeudi, la délégation est attendue à Pithiviers, chez un semencier.",
            Some("2013-11-19"),
        );
        assert_eq!(
            ev,
            [(
                EventKind::Visit,
                "2013-11-21".into(),
                vec!["Pithiviers".into()]
            )]
        );
        // "la direction de" and a race's stage are no stops
        for text in [
            "Mardi, la direction de l'entreprise a présenté ses comptes à Lyon.",
            "Mardi, les coureurs sont partis pour la douzième étape Brest-Caen.",
        ] {
            let ev = events(text, Some("2013-11-21"));
            assert!(ev.is_empty(), "{text}: {ev:?}");
        }
    }

    /// The kind and the first and last days (ISO) of each of `ev`.
    fn spans(ev: &[crate::model::Event]) -> Vec<(EventKind, Option<String>, Option<String>)> {
        ev.iter()
            .map(|e| {
                (
                    e.kind,
                    e.date_start.map(|d| d.to_iso()),
                    e.date_end.map(|d| d.to_iso()),
                )
            })
            .collect()
    }

    #[test]
    fn a_date_told_as_an_end_does_not_start_the_event() {
        let ev = analysed_events(
            "Depuis lundi, la médiathèque de Reims présente une exposition de photographies, à voir jusqu'au 10 novembre.",
            Some("2017-10-12"),
        );
        assert_eq!(
            spans(&ev),
            [(
                EventKind::Exhibition,
                Some("2017-10-09".into()),
                Some("2017-11-10".into())
            )],
            "{ev:?}"
        );
    }

    #[test]
    fn a_gathering_dated_by_its_end_again_is_the_one_told_and_ends_then() {
        let body = "Mardi soir, le musée de Brest a ouvert une exposition de gravures russes. \
                    Dans le hall, les visiteurs découvrent les ports de la mer Blanche.\n\n\
                    Exposition « Ports du Nord » : jusqu'au dimanche 5 janvier, musée de Brest.";
        let ev = analysed_events(body, Some("2019-11-14"));
        assert_eq!(
            spans(&ev),
            [(
                EventKind::Exhibition,
                Some("2019-11-12".into()),
                Some("2020-01-05".into())
            )],
            "{ev:?}"
        );
    }

    #[test]
    fn a_stay_told_the_sentence_before_the_delegation_dates_it() {
        let body = "Arrivés dimanche soir à Lyon, huit ingénieurs de Kazan séjournent jusqu'à samedi dans le Rhône. \
                    La délégation est conduite par Pierre Martin, directeur de l'institut.";
        let ev = analysed_events(body, Some("2018-11-15"));
        assert_eq!(
            spans(&ev),
            [(
                EventKind::Delegation,
                Some("2018-11-11".into()),
                Some("2018-11-17".into())
            )],
            "{ev:?}"
        );
    }

    #[test]
    fn walking_through_a_place_of_work_is_a_visit_and_a_site_that_can_be_visited_is_not() {
        let ev = events(
            "Mardi, les visiteurs ont arpenté les ateliers de Tôlerie Dubois, à Thionville.",
            Some("2018-06-15"),
        );
        assert_eq!(
            ev,
            [(
                EventKind::Visit,
                "2018-06-12".to_owned(),
                vec!["Thionville".to_owned()]
            )],
            "{ev:?}"
        );
        for text in [
            "Mardi, les chercheurs ont découvert que le sol était gelé, à Thionville.",
            "Le haut-fourneau, qui se visite aujourd'hui, domine Thionville.",
        ] {
            assert!(events(text, Some("2018-06-15")).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_arrival_told_in_the_next_sentence_starts_the_stay() {
        let body = "La délégation de Samara a quitté la Moselle hier soir. \
                    Arrivée lundi matin à Metz, elle comptait quatorze dirigeants.";
        let ev = analysed_events(body, Some("2012-10-11"));
        assert_eq!(
            spans(&ev),
            [(
                EventKind::Delegation,
                Some("2012-10-08".into()),
                Some("2012-10-10".into())
            )],
            "{ev:?}"
        );
    }

    /// The kinds of the events of `body`, published on `pub_date`.
    fn kinds(body: &str, pub_date: &str) -> Vec<EventKind> {
        events(body, Some(pub_date))
            .into_iter()
            .map(|e| e.0)
            .collect()
    }

    #[test]
    fn tastings_masterclasses_hackathons_and_work_sessions_are_events_but_each_one_is_not() {
        let kinds = |text: &str| kinds(text, "2018-12-05");
        assert_eq!(
            kinds(
                "Le 3 décembre, une dégustation professionnelle a réuni vingt importateurs à Kazan."
            ),
            [EventKind::Meeting]
        );
        assert_eq!(
            kinds("Le 4 décembre, un œnologue a animé une masterclass à Kazan."),
            [EventKind::Seminar]
        );
        assert_eq!(
            kinds("Le 1er décembre, le hackathon a réuni quarante étudiants à Lyon."),
            [EventKind::Other]
        );
        assert_eq!(
            kinds("Le 2 décembre, une séance de travail a eu lieu à la mairie de Lyon."),
            [EventKind::Meeting]
        );
        assert!(kinds("Des vins de Bourgogne accompagnaient chaque dégustation.").is_empty());
    }

    #[test]
    fn a_treaty_named_after_a_place_is_no_signing() {
        let body = "Les deux équipes s'étaient retrouvées le mois dernier à Genève, lors de la conférence des parties à la convention de Berne.";
        assert_eq!(kinds(body, "2018-11-15"), [EventKind::Conference]);
        let ev = events(
            "Mardi, ils ont signé une convention de coopération à Arles.",
            Some("2018-11-15"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
    }

    #[test]
    fn a_gathering_at_another_date_is_not_the_one_just_told() {
        let body = "Hier, la CCI accueillait à Orléans une table ronde sur la logistique. \
                    Le séminaire sur la conservation des grains, prévu début décembre, est repoussé à avril.";
        let ev = events(body, Some("2013-11-21"));
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!((ev[1].0, ev[1].1.as_str()), (EventKind::Seminar, "2014-04"));
    }

    #[test]
    fn initialling_is_signing_and_going_to_meet_is_no_meeting() {
        let ev = events(
            "Mardi soir, à Reims, le président et le recteur ont paraphé un accord-cadre.",
            Some("2017-10-12"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].0, ev[0].1.as_str()),
            (EventKind::Agreement, "2017-10-10")
        );
        let ev = events(
            "Depuis lundi, une délégation sillonne le Loiret à la rencontre des coopératives.",
            Some("2013-11-21"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Delegation);
    }

    #[test]
    fn an_undated_delegation_with_no_new_place_continues_the_trip() {
        let ev = events(
            "Le maire a effectué une visite à Kazan le 8 juillet 2019. Il était accompagné d'une délégation d'élus.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        // a dated one elsewhere is another trip
        let ev = events(
            "Le maire a effectué une visite à Kazan le 8 juillet 2019. Une délégation d'élus ira à Perm le 3 mai 2020.",
            None,
        );
        assert_eq!(ev.len(), 2, "{ev:?}");
    }

    #[test]
    fn where_a_signatory_is_based_and_what_an_agreement_is_for_are_not_where_it_was_signed() {
        let ev = events(
            "Le 4 mars 2021, la société Vosges Bois SAS, installée à Épinal, a signé avec la société Taïga Les un contrat pour livrer des scieries à Arkhangelsk.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Agreement);
        assert!(ev[0].2.is_empty(), "{ev:?}");
        // where it was signed, before what it is for, stays
        let ev = events(
            "Le 4 mars 2021, à Tver, les deux sociétés ont signé un accord en vue de produire à Arkhangelsk.",
            None,
        );
        assert_eq!(ev[0].2, ["Tver"], "{ev:?}");
    }

    #[test]
    fn places_in_a_quoted_title_are_its_topic_but_speech_tells_where() {
        let ev = events(
            "Le 9 avril 2015, au musée, l'exposition « Sibérie, terre des fleuves » a ouvert ses portes.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert!(ev[0].2.is_empty(), "{ev:?}");
        let ev = events(
            "Le maire raconte : « En mai 2015, j'ai accompagné à Tver une délégation de chefs d'entreprise. »",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].2, ["Tver"], "{ev:?}");
    }

    #[test]
    fn where_visitors_come_from_is_not_where_they_meet_but_a_body_hosting_them_is() {
        let ev = events(
            "Le 5 mai 2022, une délégation de la région de Vologda a été reçue à la CCI de Rouen.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].2, ["Rouen"], "{ev:?}");
        // a body that is not where people meet keeps its place to itself
        let ev = events(
            "Le 5 mai 2022, la CCI de Rouen a reçu des entreprises de Lipetsk pour des rendez-vous d'affaires.",
            None,
        );
        assert!(ev.iter().all(|e| e.2.is_empty()), "{ev:?}");
    }

    #[test]
    fn places_of_a_role_are_not_the_events() {
        let ev = events(
            "Le consul général de Russie à Marseille participera au forum le 26 mars à Toulouse.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].2, ["Toulouse"]);
        let ev = events(
            "Le gouverneur de la région de Samara a conduit une délégation à Lyon le 3 mai.",
            None,
        );
        assert_eq!(ev[0].2, ["Lyon"]); // nor are the places inside a body's name, but a town hall is where it stands
        let ev = events(
            "Le 3 mai, la Chambre de commerce et d'industrie de la région de Tver a signé un accord.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert!(ev[0].2.is_empty(), "{ev:?}");
        let ev = events(
            "Le 3 mai, la délégation a eu des rencontres avec la Mairie de Lyon.",
            None,
        );
        assert_eq!(ev[0].2, ["Lyon"]);
        // a river tells where a town is, not where people meet (nor does the town the
        // visitors come from)
        let ev = events(
            "Une délégation de Samara, sur la Volga, a été reçue à Lyon le 3 mai.",
            None,
        );
        assert_eq!(ev[0].2, ["Lyon"]);
    }

    #[test]
    fn visits_told_day_by_day_take_the_day_just_told() {
        let ev = events(
            "Du 7 au 10 octobre 2019, une délégation de Kazan a fait étape à Lyon et Toulouse.\n\
             Mardi 8, cap sur Lyon. Des rendez-vous ont eu lieu au siège de la CCI. \
             L'après-midi, les visiteurs se sont rendus à Vénissieux.\n\
             Jeudi, le groupe a longuement discuté. Il s'est ensuite rendu à Blagnac.",
            Some("2019-10-12"),
        );
        let kinds: Vec<_> = ev
            .iter()
            .map(|e| (e.0, e.1.as_str(), e.2.clone()))
            .collect();
        assert_eq!(kinds[0].0, EventKind::Delegation, "{kinds:?}");
        assert!(
            kinds.contains(&(
                EventKind::Visit,
                "2019-10-08",
                vec!["Vénissieux".to_owned()]
            )),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(EventKind::Visit, "2019-10-10", vec!["Blagnac".to_owned()])),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_subheading_sums_up_the_event_told_under_it() {
        let ev = events(
            "Du 7 au 10 octobre 2019, une délégation de Kazan a fait étape à Lyon et Toulouse.\n\
             Un accord signé à Lyon\n\
             Mercredi, cap sur Lyon. Après des rencontres, les présidents des deux chambres ont signé un accord.",
            Some("2019-10-12"),
        );
        let agreements: Vec<_> = ev.iter().filter(|e| e.0 == EventKind::Agreement).collect();
        assert_eq!(agreements.len(), 1, "{ev:?}");
        assert_eq!(agreements[0].1, "2019-10-09", "{ev:?}");
        // a subheading whose text tells nothing of the kind still tells its event
        let ev = events(
            "Du 7 au 10 octobre 2019, une délégation de Kazan a fait étape à Lyon.\n\
             Un accord signé à Lyon\n\
             Les présidents des deux chambres se sont félicités des échanges.",
            Some("2019-10-12"),
        );
        assert!(ev.iter().any(|e| e.0 == EventKind::Agreement), "{ev:?}");
        // nor does a subheading's trip continue the trip told before it
        let ev = events(
            "Du 7 au 10 octobre 2019, une délégation de Kazan a fait étape à Lyon.\n\
             Une délégation lyonnaise attendue à Kazan\n\
             Des chefs d'entreprise se rendront à Kazan en mai 2020.",
            Some("2019-10-12"),
        );
        assert_eq!(ev[0].2, ["Lyon"], "{ev:?}");
    }

    #[test]
    fn a_day_the_paragraph_told_dates_a_part_of_an_earlier_event() {
        let ev = events(
            "Le forum, organisé du 20 au 22 novembre à Strasbourg, a réuni 300 participants.\n\
             Jeudi matin, le forum s'est déplacé sur le campus. L'université y accueillait une \
             conférence sur l'énergie. L'après-midi, une téléconférence a relié l'amphithéâtre à Kazan.",
            Some("2019-11-26"),
        );
        let dates: Vec<_> = ev.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert_eq!(
            dates,
            [
                (EventKind::Forum, "2019-11-20"),
                (EventKind::Conference, "2019-11-21"),
                (EventKind::Teleconference, "2019-11-21"),
            ]
        );
    }

    #[test]
    fn a_paragraph_opening_on_a_time_of_the_day_goes_on_with_the_day_told() {
        let text = |opening: &str| {
            format!(
                "Du 20 au 22 novembre 2019, une délégation de Kazan a séjourné à Strasbourg.\n\
                 Vendredi, la journée a commencé par des rencontres. Les élus ont parlé. \
                 Les chefs d'entreprise aussi. Puis tous ont déjeuné.\n\
                 {opening}, une partie de la délégation a visité une usine à Illkirch-Graffenstaden."
            )
        };
        let ev = events(&text("L'après-midi"), Some("2019-11-26"));
        assert!(
            ev.contains(&(
                EventKind::Visit,
                "2019-11-22".to_owned(),
                vec!["Illkirch-Graffenstaden".to_owned()]
            )),
            "{ev:?}"
        );
        // another opening does not go on with the day of the paragraph before
        let ev = events(&text("Plus tard"), Some("2019-11-26"));
        assert!(
            !ev.iter()
                .any(|e| e.0 == EventKind::Visit && e.1 == "2019-11-22"),
            "{ev:?}"
        );
    }

    #[test]
    fn where_a_group_came_from_is_not_where_it_went() {
        let ev = events(
            "Le 5 mai 2022, une délégation de trente personnes venue de Kazan a été reçue à Rouen.",
            None,
        );
        assert_eq!(ev[0].2, ["Rouen"], "{ev:?}");
    }

    #[test]
    fn a_subheading_told_nowhere_else_takes_the_day_and_place_under_it() {
        let ev = events(
            "Du 13 au 16 octobre 2014, une délégation de Kazan a parcouru la Bretagne.\n\
             Un séminaire au technopôle\n\
             Le premier temps fort s'est déroulé mardi à Plouzané. Soixante chercheurs y étaient.",
            Some("2014-10-17"),
        );
        let seminar = ev.iter().find(|e| e.0 == EventKind::Seminar);
        assert_eq!(
            seminar,
            Some(&(
                EventKind::Seminar,
                "2014-10-14".to_owned(),
                vec!["Plouzané".to_owned()]
            )),
            "{ev:?}"
        );
    }

    #[test]
    fn a_caption_shows_what_the_text_tells() {
        let caption = |line: &str| {
            let body = format!(
                "Tomsk et Bordeaux signent\n\n{line}\n\nLe jeudi 6 avril 2017, les deux \
                 présidents ont signé un accord-cadre à Bordeaux."
            );
            events(&body, Some("2017-04-11"))
        };
        for line in [
            "Légende : la signature de l'accord, jeudi.",
            "La signature de l'accord, jeudi. (Photo Anne Martin)",
        ] {
            let ev = caption(line);
            assert_eq!(ev.len(), 1, "{line}: {ev:?}");
            assert_eq!(ev[0].2, ["Bordeaux"], "{line}: {ev:?}");
        }
        // the photographer took no part
        let ev = analysed_events(
            "Titre\n\nLa signature, jeudi. (Photo Anne Martin)\n\nLe 6 avril 2017, un accord \
             a été signé à Bordeaux.",
            None,
        );
        assert!(ev[0].participants.is_empty(), "{ev:?}");
        // what only the caption shows stays
        let ev = caption("Le salon de Kazan, le 3 avril. (Photo Anne Martin)");
        assert!(ev.iter().any(|e| e.0 == EventKind::Exhibition), "{ev:?}");
    }

    #[test]
    fn a_move_told_without_a_verb_is_an_outing_and_sets_the_scene() {
        let ev = events(
            "Du mardi 12 au jeudi 14 novembre 2019, une délégation de Lipetsk a séjourné à Lille. \
             Mercredi, cap sur Dunkerque. Le port avait organisé une série de rendez-vous \
             d'affaires. Jeudi, les visiteurs se sont déplacés à Arras.",
            Some("2019-11-16"),
        );
        let day_of = |kind: EventKind, place: &str| {
            ev.iter()
                .find(|e| e.0 == kind && e.2.iter().any(|p| p == place))
                .map(|e| e.1.as_str())
        };
        assert_eq!(
            day_of(EventKind::Visit, "Dunkerque"),
            Some("2019-11-13"),
            "{ev:?}"
        );
        assert_eq!(
            day_of(EventKind::Visit, "Arras"),
            Some("2019-11-14"),
            "{ev:?}"
        );
        let meeting = ev.iter().find(|e| e.0 == EventKind::Meeting);
        assert_eq!(meeting.map(|e| e.1.as_str()), Some("2019-11-13"), "{ev:?}");
    }

    #[test]
    fn a_gathering_told_again_on_another_day_elsewhere_is_another_leg() {
        let ev = events(
            "Le 19 mars, le workshop a réuni 200 agents à Moscou. Le soir, tous ont été reçus \
             à la résidence.\n\nDeux jours plus tard, le workshop posait ses valises à \
             Saint-Pétersbourg.",
            Some("2019-03-25"),
        );
        let legs: Vec<_> = ev.iter().filter(|e| !e.2.is_empty()).collect();
        assert_eq!(
            legs,
            [
                &(
                    EventKind::Meeting,
                    "2019-03-19".into(),
                    vec!["Moscou".into()]
                ),
                &(
                    EventKind::Meeting,
                    "2019-03-21".into(),
                    vec!["Saint-Pétersbourg".into()]
                ),
            ],
            "{ev:?}"
        );
    }

    #[test]
    fn what_was_called_off_is_no_event() {
        for text in [
            "Le 5 mai 2019, la visite prévue du port de Lorient a été annulée.",
            "Le 5 mai 2019, la visite du port de Lorient n'a pu avoir lieu.",
            "Le 5 mai 2019, l'annulation de la visite du port de Lorient a déçu.",
        ] {
            assert!(events(text, None).is_empty(), "{text}");
        }
        let ev = events(
            "Le 5 mai 2019, la délégation a visité le port de Lorient.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
    }

    #[test]
    fn fairs_and_agreements_in_plural_in_speech_are_talk() {
        let ev = events(
            "Le 3 mai 2019, Jean Dupont dit : « J'ai eu plus de contacts qu'en deux salons à l'étranger. »",
            None,
        );
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn the_delegation_named_after_a_gathering_is_the_party_coming_to_it() {
        let ev = events(
            "Les deux régions organiseront à Paris, les 23 et 24 avril 2020, une conférence sur la santé. \
             La délégation russe sera conduite par le vice-ministre Dmitri Vassiline.",
            Some("2020-02-14"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Conference, "{ev:?}");
    }

    #[test]
    fn the_lead_announces_the_agreement_signed_on_a_later_day() {
        let text = |day: &str| {
            format!(
                "Une délégation de Kazan a sillonné la Bretagne depuis lundi, avec à la clé un protocole d'accord.\n\
                 {day}, cap sur Brest. Les présidents des deux chambres ont signé un mémorandum."
            )
        };
        let ev = events(&text("Mercredi"), Some("2014-10-17"));
        let agreements: Vec<_> = ev.iter().filter(|e| e.0 == EventKind::Agreement).collect();
        assert_eq!(agreements.len(), 1, "{ev:?}");
        assert_eq!(agreements[0].1, "2014-10-15", "{ev:?}");
    }

    #[test]
    fn a_signed_agreement_that_plans_something_is_told() {
        let signed = events(
            "Le 9 mars 2019, les deux agences ont signé une feuille de route qui prévoit des échanges.",
            None,
        );
        assert_eq!(signed.len(), 1, "{signed:?}");
        assert_eq!(signed[0].0, EventKind::Agreement);
        let planned = events(
            "Le 9 mars 2019, le président a promis de revenir avec des contrats signés.",
            None,
        );
        assert!(planned.is_empty(), "{planned:?}");
    }

    #[test]
    fn a_month_after_expected_visitors_is_the_next_one() {
        let ev = events(
            "En février, une dizaine d'entreprises sont attendues à Tioumen pour une mission de prospection.",
            Some("2019-10-11"),
        );
        assert_eq!(ev[0].1, "2020-02", "{ev:?}");
    }

    #[test]
    fn a_series_of_meetings_takes_the_day_the_sentence_before_told() {
        let text = "Du 2 au 4 juin 2021, des entrepreneurs de Perm ont séjourné à Nantes.\n\
                    Vendredi 4, direction Angers. La chambre avait préparé une vingtaine de \
                    rencontres d'affaires avec des industriels.";
        let ev = events(text, Some("2021-06-07"));
        assert!(
            ev.iter()
                .any(|e| e.0 == EventKind::Meeting && e.1 == "2021-06-04"),
            "{ev:?}"
        );
        // with no day told, "une série de rencontres" is no event of its own
        let ev = events(&text.replace("Vendredi 4, direction", "Cap sur"), None);
        assert!(!ev.iter().any(|e| e.0 == EventKind::Meeting), "{ev:?}");
    }

    #[test]
    fn a_delegation_named_before_its_verb_is_a_delegation() {
        let ev = events(
            "Le forum a réuni 300 participants à Nice le 23 septembre 2019. Les invités ont \
             visité le port. Fin novembre, une délégation niçoise se rendra à Perm.",
            Some("2019-10-08"),
        );
        assert!(
            ev.contains(&(EventKind::Delegation, "2019-11".into(), vec!["Perm".into()])),
            "{ev:?}"
        );
    }

    #[test]
    fn a_dated_visit_to_a_new_place_is_an_outing_of_the_trip() {
        let ev = events(
            "Du 4 au 7 mai 2021, une mission collective de douze entreprises a séjourné à Kazan. \
             Le 6 mai, une partie du groupe s'est rendue à Ielabouga. \
             La dernière journée, la visite du technopôle a conclu le séjour.",
            None,
        );
        let kinds: Vec<_> = ev.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EventKind::TradeMission, "2021-05-04"),
                (EventKind::Visit, "2021-05-06")
            ]
        );
        // "faire le déplacement" only says the visitors came
        let ev = events(
            "Le 4 mai 2021, le forum a réuni 300 élus venus de Kazan, qui avaient fait le déplacement.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
    }

    #[test]
    fn a_bare_definite_mention_names_the_gathering_and_round_tables_are_its_parts() {
        let ev = events(
            "Les Rencontres économiques de Tver ont eu lieu les 3 et 4 mai à Lille. Temps fort \
             du forum, la table ronde du 4 mai a réuni les élus.",
            Some("2021-06-01"),
        );
        let kinds: Vec<(EventKind, &str)> = ev.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EventKind::Forum, "2021-05-03"),
                (EventKind::RoundTable, "2021-05-04")
            ]
        );
        let ev = events(
            "Trois tables rondes : la deuxième édition du Forum de Lille a eu lieu les 3 et 4 mai.",
            Some("2021-06-01"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Forum);
    }

    #[test]
    fn dates_from_the_sentence_before_and_until() {
        let ev = events(
            "Du 3 au 5 mai, une délégation de Kazan a séjourné à Lille. Le temps fort est venu \
             le 4 mai. Les deux présidents ont signé l'accord.",
            Some("2021-06-01"),
        );
        assert_eq!(ev[1].0, EventKind::Agreement, "{ev:?}");
        assert_eq!(ev[1].1, "2021-05-04");
        let ev = analysed_events(
            "L'exposition a été inaugurée le 21 septembre à Lille et reste visible jusqu'au 5 janvier.",
            Some("2021-10-01"),
        );
        assert_eq!(
            ev[0].date_end.map(|d| d.to_iso()).as_deref(),
            Some("2022-01-05")
        );
    }

    #[test]
    fn lookalikes_and_speech_tell_no_event() {
        for text in [
            "Une centaine de visiteurs sont venus, signe de l'intérêt pour la région.",
            "« Un accord ne vaut que par ceux qui le font vivre et le défendent », a dit le maire.",
            "Les étudiants russes ont besoin d'un titre de séjour.",
        ] {
            let ev = events(text, None);
            assert!(ev.is_empty(), "{text}: {ev:?}");
        }
        // the palais des congrès is a building, not a congress
        let ev = events(
            "Une délégation de Kazan a été reçue le 4 mai au palais des congrès de Lille.",
            None,
        );
        let kinds: Vec<EventKind> = ev.iter().map(|e| e.0).collect();
        assert_eq!(kinds, [EventKind::Delegation]);
        // a dated agreement announced in an interview is told
        let ev = events(
            "« Les deux universités signeront en avril 2012, à Tomsk, un accord-cadre », dit-il.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Agreement);
        let ev = events("Une journée d'études a eu lieu le 6 février à Pau.", None);
        assert_eq!(ev[0].0, EventKind::Seminar, "{ev:?}");
    }

    #[test]
    fn a_reception_during_a_trip_is_a_meeting_of_its_own() {
        let ev = events(
            "Du 3 au 6 mai 2019, une délégation bretonne a séjourné au Tatarstan. Le 3 mai, à Kazan, la délégation a été reçue par le ministre de l'Industrie.",
            None,
        );
        let kinds: Vec<EventKind> = ev.iter().map(|e| e.0).collect();
        assert_eq!(kinds, [EventKind::Delegation, EventKind::Meeting], "{ev:?}");
        let ev = events(
            "Le 4 mai 2019, l'ambassade a organisé des rendez-vous d'affaires à Moscou. Une école d'été a suivi en juillet 2019 à Tomsk.",
            None,
        );
        let kinds: Vec<EventKind> = ev.iter().map(|e| e.0).collect();
        assert_eq!(kinds, [EventKind::Meeting, EventKind::Seminar], "{ev:?}");
    }

    #[test]
    fn a_trip_announced_by_a_past_story_is_another_trip() {
        let ev = events(
            "Une délégation de Lipetsk a visité Lille le 12 novembre 2019. Des entreprises lilloises se rendront à Lipetsk.",
            None,
        );
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!(ev[1].2, ["Lipetsk"], "{ev:?}");
    }

    #[test]
    fn a_fair_told_in_another_month_is_another_fair() {
        let ev = events(
            "Du 28 février au 2 mars 2018, trois PME ont exposé au salon Aerotech à Moscou. Le 1er mars, une PME a signé un contrat au salon. Elles iront en juillet 2018 au salon de Farnborough.",
            None,
        );
        let kinds: Vec<EventKind> = ev.iter().map(|e| e.0).collect();
        assert_eq!(
            kinds,
            [
                EventKind::Exhibition,
                EventKind::Agreement,
                EventKind::Exhibition
            ],
            "{ev:?}"
        );
        // business cards are no visit
        assert!(
            events(
                "Ils sont rentrés avec des cartes de visite le 3 mai 2018.",
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn a_headline_retelling_an_event_is_not_another() {
        let ev = events(
            "Tomsk et Nantes signent un accord\nLes deux villes ont signé un accord le 4 mai.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].1, "--05-04");
        // under a site's name and a date line too
        let ev = events(
            "Actualités de l'université\nPublié le 9 mai 2022\nTomsk et Nantes signent un accord\n\
             Les deux villes ont signé un accord le 4 mai.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        // a headline alone still tells its event
        let ev = events(
            "Tomsk et Nantes signent un accord\nLes deux villes sont amies.",
            None,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
    }

    #[test]
    fn a_trip_told_in_several_sentences_is_one_event() {
        let e = events(
            "Du 3 au 5 octobre, une délégation de la région de Tomsk s'est rendue à Toulouse. Durant son séjour, la délégation a visité une usine. À Bordeaux, les visiteurs se sont rendus au port.",
            Some("2019-11-02"),
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, EventKind::Delegation);
        assert_eq!(e[0].1, "2019-10-03");
        assert!(
            e[0].2.contains(&"Toulouse".to_owned()) && e[0].2.contains(&"Bordeaux".to_owned()),
            "{e:?}"
        );
    }

    #[test]
    fn a_mission_is_a_trip_when_a_party_or_a_place_follows() {
        let e = events(
            "En 2015, une mission de trois ingénieurs avait séjourné à Omsk. Une mission d'Alsace Export se rendra à Kazan en mai.",
            Some("2019-02-10"),
        );
        let days: Vec<&str> = e.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(days, ["2015", "2019-05"], "{e:?}");
        let e = events(
            "La mission de l'agence est d'aider les PME. Sa mission de conseil dure un an.",
            Some("2019-02-10"),
        );
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn a_stay_of_some_length_in_a_place_is_a_trip() {
        let e = events(
            "En mars 2018, deux doctorants avaient passé trois mois à Tomsk. Il a passé commande de deux machines.",
            Some("2019-02-10"),
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].1.as_str(), e[0].2.as_slice()),
            ("2018-03", &["Tomsk".to_owned()][..])
        );
        // no place after the length of time: no trip
        assert!(events("Le comité a passé deux heures à débattre.", None).is_empty());
    }

    #[test]
    fn a_trip_runs_from_the_arrival_to_the_last_day_told_with_it() {
        // 12 April 2017 was a Wednesday
        let e = analysed_events(
            "Arrivée lundi à Lyon, la délégation de Samara a achevé sa visite ce jeudi.",
            Some("2017-04-15"),
        );
        assert_eq!(e.len(), 1, "{e:?}");
        let span = (
            e[0].date_start.map(|d| d.to_iso()),
            e[0].date_end.map(|d| d.to_iso()),
        );
        assert_eq!(
            span,
            (Some("2017-04-10".into()), Some("2017-04-13".into())),
            "{e:?}"
        );
    }

    #[test]
    fn a_signing_named_last_in_its_sentence_is_told_by_the_next() {
        let e = events(
            "Le 4 juin 2019, le salon de Toulouse a servi de cadre à une signature. Le président et son homologue de Perm ont conclu un accord de coopération.",
            None,
        );
        let agreements: Vec<_> = e.iter().filter(|x| x.0 == EventKind::Agreement).collect();
        assert_eq!(agreements.len(), 1, "{e:?}");
        assert_eq!(agreements[0].1, "2019-06-04");
        // a signing with its complement is not announced: two sentences, two agreements
        let e = events(
            "Le 4 juin 2019, signature d'un accord sur l'eau. Le 5 juin 2019, les maires ont signé une convention culturelle.",
            None,
        );
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn a_denied_signing_is_no_agreement() {
        let e = events(
            "Le 4 juin 2019, rien n'a encore été signé, mais le recteur parle d'une convention. Le traité ne sera signé qu'en 2020.",
            None,
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].1, "2020", "{e:?}");
    }

    #[test]
    fn a_gathering_there_is_where_the_sentence_before_went() {
        let e = events(
            "Le 19 octobre 2011, direction Valenciennes. Une table ronde sur les corridors reliant l'Europe à l'Oural y a réuni les chargeurs.",
            None,
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].0, e[0].1.as_str(), e[0].2.as_slice()),
            (
                EventKind::RoundTable,
                "2011-10-19",
                &["Valenciennes".to_owned()][..]
            )
        );
    }

    #[test]
    fn a_place_describing_a_person_is_not_where_the_visit_is() {
        let e = events(
            "Le 4 juin 2019, à Caen, Jean Morvan, éleveur à Formigny, a fait visiter sa ferme aux élus de Tver.",
            None,
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].2, ["Caen"], "{e:?}");
    }

    #[test]
    fn definite_mentions_refer_back_and_new_meetings_inherit_dates() {
        let e = events(
            "Un forum d'affaires se tiendra le 12 septembre à Kazan. Le forum accueillera la réunion du conseil d'affaires franco-russe.",
            None,
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].0, EventKind::Forum);
        assert_eq!(e[1].0, EventKind::Meeting);
        assert_eq!(e[1].1, "--09-12");
        assert!(e[1].2.contains(&"Kazan".to_owned()));
    }

    #[test]
    fn planned_agreements_and_generic_mentions_are_no_events() {
        let e = events(
            "Les deux parties prévoient la signature d'un accord. Une série de rencontres a eu lieu.",
            None,
        );
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn agreements_take_the_date_of_the_visit_they_close() {
        let e = events(
            "La région de Samara a présenté fin mars ses atouts à Lille, l'un des buts du déplacement. Lors de cette visite, un accord de coopération a été conclu.",
            None,
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[1].0, EventKind::Agreement);
        assert_eq!(e[1].1, "--03");
    }

    #[test]
    fn another_kind_of_trip_is_another_event() {
        let e = events(
            "Une délégation de Perm s'est rendue à Nantes le 3 mars. Une mission commerciale de la CCI de Nantes partira pour Perm.",
            None,
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[1].0, EventKind::TradeMission);
    }

    #[test]
    fn the_most_precise_date_of_the_sentence_wins_and_announcements_keep_theirs() {
        let e = events(
            "Les 24 et 25 novembre, Nantes a accueilli le forum franco-russe créé en 2012. Une délégation nantaise se rendra à Kazan.",
            Some("2016-11-28"),
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].1, "2016-11-24");
        assert_eq!(e[1].1, "", "{e:?}");
    }

    #[test]
    fn participants_come_from_the_sentence_before_when_none_is_named() {
        let ex = Extractor::new().unwrap();
        let doc = Document::from_text(
            "p",
            "Le gouverneur Oleg Ivanov a reçu les industriels de Lille. Une délégation est partie le 3 mai pour Tomsk.",
        );
        let events = ex.analyse(&doc).events;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].participants, [Name::from("Oleg Ivanov")]);
    }

    #[test]
    fn place_frame_applies_to_later_events() {
        let e = events(
            "À Nantes, les entreprises ont signé des contrats avec la délégation.",
            Some("2018-06"),
        );
        assert!(
            e.iter()
                .any(|x| x.0 == EventKind::Agreement && x.2.contains(&"Nantes".to_owned())),
            "{e:?}"
        );
    }

    #[test]
    fn a_trip_in_the_pluperfect_with_an_adverb_between() {
        let ev = events(
            "En mars dernier, le directeur s'était à son tour rendu à Tomsk et à Seversk.",
            Some("2015-09-10"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Visit);
        assert_eq!(ev[0].1, "2015-03");
        assert_eq!(ev[0].2, vec!["Tomsk", "Seversk"]);
    }

    #[test]
    fn the_stops_of_a_tour_are_visits() {
        let ev = events(
            "Du 6 au 10 mai, une délégation de Tomsk parcourt la Bretagne. Mardi, le groupe a commencé par le port de Lorient. Jeudi, les visiteurs ont été accueillis dans deux fermes autour de Pontivy.",
            Some("2019-05-11"),
        );
        let got: Vec<(EventKind, &str)> = ev.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert_eq!(
            got,
            [
                (EventKind::Delegation, "2019-05-06"),
                (EventKind::Visit, "2019-05-07"),
                (EventKind::Visit, "2019-05-09")
            ],
            "{ev:?}"
        );
    }

    #[test]
    fn a_trip_made_for_a_fair_is_the_fair() {
        let ev = events(
            "En mai, trois éleveurs se sont rendus à Kazan pour le salon agricole de la république.",
            Some("2015-09-10"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Exhibition);
        // a trip with a purpose of its own stays a trip
        let ev = events(
            "En mai, trois éleveurs se sont rendus à Kazan pour rencontrer des acheteurs.",
            Some("2015-09-10"),
        );
        assert_eq!(ev[0].0, EventKind::Visit, "{ev:?}");
    }

    #[test]
    fn a_pronoun_tells_more_of_the_trip_told_before() {
        let body = "La délégation de Kazan, arrivée mardi, repartira samedi. Elle a visité le port de Brest.";
        let ev = events(body, Some("2018-03-15"));
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Delegation);
        assert_eq!(ev[0].1, "2018-03-13");
        // an outing on a day of its own is still one
        let ev = events(
            "La délégation de Kazan, arrivée mardi, repartira samedi. Elle a visité Brest mercredi.",
            Some("2018-03-15"),
        );
        assert_eq!(ev.len(), 2, "{ev:?}");
    }

    #[test]
    fn a_signing_told_again_on_a_pronoun_is_one_agreement() {
        let ev = events(
            "Le 12 mai, à Tomsk, l'université et le pôle ont paraphé un accord. Le texte prévoit des échanges. Il a été signé par la rectrice et le président du pôle.",
            Some("2019-05-20"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].2, vec!["Tomsk"]);
    }

    #[test]
    fn a_seat_after_a_legal_form_or_in_brackets_is_no_venue() {
        let ev = events(
            "Le 12 mai, Paul Martin, gérant de Scie-Tech SARL, à Remiremont, et Olga Petrova, de l'Université du Nord (Arctique), ont signé une lettre d'intention.",
            Some("2019-05-20"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert!(ev[0].2.is_empty(), "{ev:?}");
        // a body's name then ", à X," may be the venue
        let ev = events(
            "Le 12 mai, un séminaire sur les douanes s'est tenu avec la Chambre de commerce, à Moscou, devant 80 personnes.",
            Some("2019-05-20"),
        );
        assert_eq!(ev[0].2, vec!["Moscou"], "{ev:?}");
    }

    #[test]
    fn a_frame_in_a_quotation_frames_nothing() {
        let ev = events(
            "« On a signé en un après-midi. En France, il faut six mois », dit-elle. Le 15 octobre, une conférence aura lieu à Rennes.",
            Some("2019-10-02"),
        );
        assert_eq!(
            ev.last().map(|e| e.2.clone()),
            Some(vec!["Rennes".to_owned()]),
            "{ev:?}"
        );
    }

    #[test]
    fn a_fact_box_and_what_did_not_happen_tell_no_event() {
        let ev = events(
            "Du 23 au 27 septembre, dix start-up ont participé à une mission start-up à Kazan.\n\
             La mission en bref\n\
             Dates : 23-27/09/2019\n\
             Participants : 10 start-up, 62 rendez-vous d'affaires\n\
             Le voyage à Perm n'a toujours pas eu lieu.",
            Some("2019-10-02"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::TradeMission);
    }

    #[test]
    fn the_next_session_of_a_gathering_is_another_one() {
        let ev = events(
            "Jeudi 23 septembre, une visioconférence a réuni les lycéens de Nantes et les étudiants de Iaroslavl. La prochaine séance est fixée au jeudi 18 novembre.",
            Some("2021-10-08"),
        );
        let got: Vec<(EventKind, &str)> = ev.iter().map(|e| (e.0, e.1.as_str())).collect();
        assert_eq!(
            got,
            [
                (EventKind::Teleconference, "2021-09-23"),
                (EventKind::Teleconference, "2021-11-18")
            ],
            "{ev:?}"
        );
    }

    #[test]
    fn a_moved_event_is_dated_at_its_new_date() {
        let pub_date = Some("2021-11-20");
        // the new date after the word, in the year after the planned one
        let ev = events(
            "Le forum prévu le mardi 14 décembre à Kazan a été reporté à la mi-février.",
            pub_date,
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].1, "2022-02", "{ev:?}");
        // the new date in the next sentence, which tells no event
        let ev = events(
            "Le séminaire de Perm, qui devait avoir lieu en octobre, a dû être repoussé. Il se \
             tiendra en avril, selon les organisateurs.",
            pub_date,
        );
        assert_eq!(ev[0].1, "2022-04", "{ev:?}");
        // a sentence on a pronoun moves the event told before
        let ev = events(
            "Une conférence devait réunir les chercheurs à Tomsk le 3 décembre. Elle est \
             reportée au 10 mars.",
            pub_date,
        );
        assert_eq!(ev[0].1, "2022-03-10", "{ev:?}");
        // an event named after the word is not the one moved
        let ev = events(
            "Le vote a été reporté, mais le forum s'est tenu le 12 novembre à Kazan.",
            pub_date,
        );
        assert_eq!(ev[0].1, "2021-11-12", "{ev:?}");
    }

    #[test]
    fn a_list_of_places_after_an_origin_word_tells_origins() {
        let ev = events(
            "Le 5 juin, à Lyon, une journée d'affaires a réuni des acheteurs venus de Moscou, \
             de Kazan et de Samara.",
            Some("2019-06-10"),
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].0, EventKind::Meeting, "{ev:?}");
        assert_eq!(ev[0].2, ["Lyon"], "{ev:?}");
    }

    #[test]
    fn a_caption_is_not_the_trip_the_text_tells() {
        let text = "Mardi, la délégation de Perm au musée. Photo Le Courrier/Jean Martin\n\
                    Depuis lundi, une délégation de la région de Perm séjourne à Nantes.";
        let ev = events(text, Some("2019-06-13"));
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].1, "2019-06-10", "{ev:?}");
    }
}
