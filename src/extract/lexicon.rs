//! The lexicons the rules read, embedded from `assets/lexicon/*.ron` and parsed once.
//!
//! Every word list is stored folded (see [`crate::text::fold`]) so lookups match whatever
//! the case, accents or apostrophes of the article.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

use super::LexiconError;
use crate::model::EventKind;
use crate::text::fold;

/// What sort of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum PlaceKind {
    /// A sovereign state (or former one: URSS).
    Country,
    /// A region: French region, Russian federal subject, historic province.
    Region,
    /// A French department.
    Department,
    /// A city or town.
    City,
    /// A site, district, technopole or landmark.
    Site,
    /// A continent or large area.
    Continent,
    /// A river, lake or sea.
    Water,
}

/// One gazetteer entry.
#[derive(Clone, Debug, Deserialize)]
pub struct Place {
    /// The usual French name: the canonical form.
    pub name: String,
    /// What it is.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of its country (empty for continents).
    pub country: String,
    /// Other names: English, Cyrillic, variants.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

#[derive(Deserialize)]
struct PlacesFile {
    places: Vec<Place>,
}

#[derive(Deserialize)]
struct FirstNamesFile {
    first_names: Vec<String>,
}

/// A well-known organisation with its other names.
#[derive(Clone, Debug, Deserialize)]
pub struct KnownOrg {
    /// Canonical name.
    pub name: String,
    /// Acronyms and variants.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A well-known person, so that the surname alone is recognised.
#[derive(Clone, Debug, Deserialize)]
pub struct KnownPerson {
    /// Full canonical name.
    pub name: String,
    /// Forms that denote the person alone (surname, other transliterations).
    pub forms: Vec<String>,
}

#[derive(Deserialize)]
struct OrgsFile {
    organisations: Vec<KnownOrg>,
    people: Vec<KnownPerson>,
}

/// An event trigger: a word or phrase and the kind of event it announces.
#[derive(Clone, Debug, Deserialize)]
pub struct Trigger {
    /// The phrase (matched folded, on word boundaries).
    pub phrase: String,
    /// The event kind.
    pub kind: EventKind,
    /// What must follow the phrase for it to tell an event, if anything.
    #[serde(default)]
    pub needs: Option<Needs>,
}

/// What must follow a trigger phrase that is an event only in some uses.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Needs {
    /// Who goes or where: "une mission de cinq chercheurs", "une mission d'Aerospace
    /// Valley", "une mission à Perm" (not "sa mission est de …", "mission de conseil").
    Party,
    /// A length of time, then a place: "ont passé trois jours à Tomsk" (not "a passé
    /// commande").
    Stay,
    /// A place after "à", "au", "en" or "chez": "première étape à Artenay" (not "la
    /// douzième étape Brest-Caen").
    Place,
    /// A place named at once: "direction Outarville" (not "la direction de l'entreprise").
    Destination,
    /// A place of work or a site, with a definite article: "ont arpenté les ateliers de …",
    /// "a parcouru le domaine de …" (not "ont découvert que …").
    Site,
}

/// An event trigger as matched: its folded words, its words as written (lower case), its
/// kind and what must follow it.
#[derive(Clone, Debug)]
pub struct TriggerForm {
    /// The folded words.
    pub words: Vec<String>,
    /// The words as written, in lower case (accents decide between "a signé" and "signe").
    pub written: Vec<String>,
    /// The event kind.
    pub kind: EventKind,
    /// What must follow.
    pub needs: Option<Needs>,
}

/// An organisation head word and how it behaves.
#[derive(Clone, Debug, Deserialize)]
pub struct OrgHead {
    /// The head phrase ("ministère", "chambre de commerce et d'industrie").
    pub phrase: String,
    /// Lower-case uses still name an organisation when a complement follows
    /// ("ministère des Transports", "commission des affaires étrangères").
    #[serde(default)]
    pub lowercase_ok: bool,
    /// An organisation named by this head splits off an outer one
    /// ("Département … du gouvernement de Moscou").
    #[serde(default)]
    pub splits: bool,
    /// The head names a building, not a body: its names are places, and a name right
    /// after it is part of them ("palais des congrès Acropolis", "cathédrale Saint-Nicolas").
    #[serde(default)]
    pub building: bool,
    /// The head names a newspaper when a capitalised article opens it, which is part of
    /// the name ("Le Courrier de l'Ouest", "La Gazette du Val").
    #[serde(default)]
    pub press: bool,
    /// Written in lower case, the head describes the body named right after it: the name
    /// alone is the organisation ("pôle de compétitivité Valorial" → "Valorial").
    #[serde(default)]
    pub descriptive: bool,
}

#[derive(Deserialize)]
struct CuesFile {
    person_titles: Vec<String>,
    particle_titles: Vec<String>,
    name_particles: Vec<String>,
    russian_surname_endings: Vec<String>,
    org_heads: Vec<OrgHead>,
    org_suffixes: Vec<String>,
    org_tails: Vec<String>,
    company_cues: Vec<String>,
    org_after_role: Vec<String>,
    adjectives: Vec<String>,
    adjective_endings: Vec<String>,
    generic_nouns: Vec<String>,
    place_cues: Vec<String>,
    place_cues_kept: Vec<String>,
    not_names: Vec<String>,
    not_acronyms: Vec<String>,
    months: Vec<String>,
    weekdays: Vec<String>,
    triggers: Vec<Trigger>,
    anaphoric_determiners: Vec<String>,
    anaphoric_events: Vec<String>,
    intent_cues: Vec<String>,
    verb_adverbs: Vec<String>,
    seat_words: Vec<String>,
    origin_words: Vec<String>,
    purpose_words: Vec<String>,
    topic_words: Vec<String>,
    workshop_topics: Vec<String>,
    stay_lengths: Vec<String>,
    visited_sites: Vec<String>,
    count_words: Vec<String>,
    cancel_words: Vec<String>,
    postpone_words: Vec<String>,
    times_of_day: Vec<String>,
    excluded_trigger_contexts: Vec<String>,
}

/// All lexicons, folded and indexed.
#[derive(Debug)]
pub struct Lexicons {
    /// Gazetteer entries.
    pub places: Vec<Place>,
    /// Known organisations.
    pub orgs: Vec<KnownOrg>,
    /// Known people.
    pub people: Vec<KnownPerson>,
    /// Folded first names.
    pub first_names: HashSet<String>,
    /// Folded role words that precede a person's name.
    pub person_titles: HashSet<String>,
    /// Folded titles after which a lower-case "de" opens a name (M. de Villepin), without
    /// their dot.
    pub particle_titles: HashSet<String>,
    /// Folded name particles (de, le, van …).
    pub name_particles: HashSet<String>,
    /// Folded endings typical of Russian surnames.
    pub russian_surname_endings: Vec<String>,
    /// Organisation heads by folded first word, longest phrase first.
    pub org_heads: HashMap<String, Vec<(Vec<String>, OrgHead)>>,
    /// Legal-form suffixes (LLC, SA …), as written (case matters: "SE", not "se").
    pub org_suffixes: HashSet<String>,
    /// Capitalised words that make the name before them a body's ("Sakhalin Energy",
    /// "Rennes Métropole"), folded.
    pub org_tails: HashSet<String>,
    /// Nouns after which a capitalised name is a company ("la société X").
    pub company_cues: HashSet<String>,
    /// Role nouns after which "de X" names the employer ("président de X").
    pub org_after_role: HashSet<String>,
    /// Known adjectives that may continue an organisation name.
    pub adjectives: HashSet<String>,
    /// Adjective endings that may continue an organisation name.
    pub adjective_endings: Vec<String>,
    /// Generic nouns trimmed off the end of a name ("de la ville").
    pub generic_nouns: HashSet<String>,
    /// Nouns that introduce a place name ("région de X").
    pub place_cues: HashSet<String>,
    /// Capitalised place cues kept in the place name ("Région Bretagne").
    pub place_cues_kept: HashSet<String>,
    /// Capitalised words that are never names on their own.
    pub not_names: HashSet<String>,
    /// Upper-case words that are not organisation acronyms.
    pub not_acronyms: HashSet<String>,
    /// Folded month names, January first.
    pub months: Vec<String>,
    /// Folded weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// Event triggers.
    pub triggers: Vec<TriggerForm>,
    /// Determiners that make a trigger refer back to a known event.
    pub anaphoric_determiners: HashSet<String>,
    /// Nouns that only ever refer back to an event ("cet événement").
    pub anaphoric_events: HashSet<String>,
    /// Words that make an agreement only planned.
    pub intent_cues: HashSet<String>,
    /// Adverbs that may stand inside a verb trigger ("s'est ensuite rendue", "s'était à
    /// son tour rendu"), as the tokenizer's words.
    pub verb_adverbs: Vec<Vec<String>>,
    /// Participles after which a place is where someone is based ("installée à X").
    pub seat_words: HashSet<String>,
    /// Nouns and participles after which "de X" tells where visitors come from ("une
    /// délégation de Kazan", "venue de Kazan").
    pub origin_words: HashSet<String>,
    /// Words after which an agreement's places are its subject ("pour produire à X").
    pub purpose_words: HashSet<String>,
    /// Words after which a gathering's places are its topic ("consacré à la France").
    pub topic_words: HashSet<String>,
    /// Complements that make "atelier de X" a gathering ("atelier de travail").
    pub workshop_topics: HashSet<String>,
    /// Lengths of time a stay is told in ("ont passé trois jours à Tomsk").
    pub stay_lengths: HashSet<String>,
    /// Places of work and sites a visit walks through ("les ateliers", "l'usine").
    pub visited_sites: HashSet<String>,
    /// Numbers in words and words of quantity that open a party ("une mission de cinq
    /// chercheurs", "d'une dizaine d'entreprises").
    pub count_words: HashSet<String>,
    /// Words that tell an event did not take place ("annulée").
    pub cancel_words: HashSet<String>,
    /// Words that tell an event was moved to another date ("reportée").
    pub postpone_words: HashSet<String>,
    /// Times of the day that open a paragraph going on with the day told before
    /// ("L'après-midi, …").
    pub times_of_day: HashSet<String>,
    /// Folded phrases in which a trigger is not an event ("chargé de mission"), by each of
    /// their words: the phrase and the word's place in it.
    pub excluded_trigger_contexts: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// Known organisations' names and aliases by comparison key → official name.
    pub org_keys: HashMap<String, String>,
    /// Folded one-word names and aliases of known organisations (acronyms).
    pub org_words: HashSet<String>,
    /// Indexes into `triggers` by first folded word, longest phrase first.
    pub trigger_index: HashMap<String, Vec<usize>>,
    /// The [`super::names::cue`] bits of every cue word (one lookup per token).
    pub cue_map: HashMap<String, super::names::cue::Bits>,
    /// Folded words that can be part of a date.
    pub date_words: HashSet<String>,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, LexiconError> {
    ron::from_str(text).map_err(|e| LexiconError::Parse {
        name: name.to_owned(),
        reason: e.to_string(),
    })
}

fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// Folded titles without their dot ("M." is the token "m" and its dot).
fn folded_titles(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .map(|w| fold(w).trim_end_matches('.').to_owned())
        .collect()
}

/// Splits a folded phrase into the words the tokenizer would produce ("d'industrie" →
/// "d'", "industrie").
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in fold(phrase).split_whitespace() {
        match word.split_once('\'') {
            Some((head, tail)) if !head.is_empty() && head.len() <= 6 => {
                out.push(format!("{head}'"));
                if !tail.is_empty() {
                    out.push(tail.to_owned());
                }
            }
            _ => out.push(word.to_owned()),
        }
    }
    out
}

impl Lexicons {
    /// Parses the embedded lexicons.
    pub fn load() -> Result<Self, LexiconError> {
        let places: PlacesFile = parse(
            "places.ron",
            include_str!("../../assets/lexicon/places.ron"),
        )?;
        let names: FirstNamesFile = parse(
            "first_names.ron",
            include_str!("../../assets/lexicon/first_names.ron"),
        )?;
        let orgs: OrgsFile = parse(
            "organisations.ron",
            include_str!("../../assets/lexicon/organisations.ron"),
        )?;
        let cues: CuesFile = parse("cues.ron", include_str!("../../assets/lexicon/cues.ron"))?;

        let mut org_heads: HashMap<String, Vec<(Vec<String>, OrgHead)>> = HashMap::default();
        for head in cues.org_heads {
            let words = phrase_words(&head.phrase);
            if let Some(first) = words.first() {
                org_heads
                    .entry(first.clone())
                    .or_default()
                    .push((words, head));
            }
        }
        for list in org_heads.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let mut first_names = folded_set(&names.first_names);
        // hyphenated first names are also recognised part by part
        for name in &names.first_names {
            for part in name.split('-') {
                if part.chars().count() > 2 {
                    first_names.insert(fold(part));
                }
            }
        }
        let org_keys = orgs
            .organisations
            .iter()
            .flat_map(|o| {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .map(move |a| (super::aliases::name_key(a), o.name.clone()))
            })
            .collect();
        let org_words = orgs
            .organisations
            .iter()
            .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
            .filter(|a| !a.contains(' '))
            .map(|a| fold(a))
            .collect();
        let mut lex = Self {
            trigger_index: HashMap::default(),
            cue_map: HashMap::default(),
            date_words: HashSet::default(),
            org_keys,
            org_words,
            places: places.places,
            orgs: orgs.organisations,
            people: orgs.people,
            first_names,
            person_titles: folded_titles(&cues.person_titles),
            particle_titles: folded_titles(&cues.particle_titles),
            name_particles: folded_set(&cues.name_particles),
            russian_surname_endings: cues
                .russian_surname_endings
                .iter()
                .map(|s| fold(s))
                .collect(),
            org_heads,
            org_suffixes: cues.org_suffixes.iter().cloned().collect(),
            org_tails: folded_set(&cues.org_tails),
            company_cues: folded_set(&cues.company_cues),
            org_after_role: folded_set(&cues.org_after_role),
            adjectives: folded_set(&cues.adjectives),
            adjective_endings: cues.adjective_endings.iter().map(|s| fold(s)).collect(),
            generic_nouns: folded_set(&cues.generic_nouns),
            place_cues: folded_set(&cues.place_cues),
            place_cues_kept: folded_set(&cues.place_cues_kept),
            not_names: folded_set(&cues.not_names),
            not_acronyms: folded_set(&cues.not_acronyms),
            months: cues.months.iter().map(|s| fold(s)).collect(),
            weekdays: cues.weekdays.iter().map(|s| fold(s)).collect(),
            triggers: cues
                .triggers
                .iter()
                .map(|t| {
                    let written = t
                        .phrase
                        .to_lowercase()
                        .replace('’', "'")
                        .split_whitespace()
                        .flat_map(|w| match w.split_once('\'') {
                            Some((h, tail)) if !h.is_empty() && h.len() <= 6 => {
                                vec![format!("{h}'"), tail.to_owned()]
                            }
                            _ => vec![w.to_owned()],
                        })
                        .filter(|w| !w.is_empty())
                        .collect();
                    TriggerForm {
                        words: phrase_words(&t.phrase),
                        written,
                        kind: t.kind,
                        needs: t.needs,
                    }
                })
                .collect(),
            anaphoric_determiners: folded_set(&cues.anaphoric_determiners),
            anaphoric_events: folded_set(&cues.anaphoric_events),
            intent_cues: folded_set(&cues.intent_cues),
            verb_adverbs: cues.verb_adverbs.iter().map(|a| phrase_words(a)).collect(),
            seat_words: folded_set(&cues.seat_words),
            origin_words: folded_set(&cues.origin_words),
            purpose_words: folded_set(&cues.purpose_words),
            topic_words: folded_set(&cues.topic_words),
            workshop_topics: folded_set(&cues.workshop_topics),
            stay_lengths: folded_set(&cues.stay_lengths),
            visited_sites: folded_set(&cues.visited_sites),
            count_words: folded_set(&cues.count_words),
            cancel_words: folded_set(&cues.cancel_words),
            postpone_words: folded_set(&cues.postpone_words),
            times_of_day: folded_set(&cues.times_of_day),
            excluded_trigger_contexts: HashMap::default(),
        };
        for phrase in cues
            .excluded_trigger_contexts
            .iter()
            .map(|p| phrase_words(p))
        {
            for (offset, word) in phrase.iter().enumerate() {
                lex.excluded_trigger_contexts
                    .entry(word.clone())
                    .or_default()
                    .push((phrase.clone(), offset));
            }
        }
        for (k, t) in lex.triggers.iter().enumerate() {
            if let Some(first) = t.words.first() {
                lex.trigger_index.entry(first.clone()).or_default().push(k);
            }
        }
        for list in lex.trigger_index.values_mut() {
            list.sort_by_key(|&k| std::cmp::Reverse(lex.triggers[k].words.len()));
        }
        lex.date_words = lex
            .months
            .iter()
            .flat_map(|m| [m.clone(), format!("mi-{m}")])
            .chain(lex.weekdays.iter().cloned())
            .chain(
                [
                    "mois",
                    // "au début du mois"
                    "debut",
                    "fin",
                    "milieu",
                    "semaine",
                    "semaines",
                    "printemps",
                    "ete",
                    "automne",
                    "hiver",
                    "jour",
                    "jours",
                    "an",
                    "ans",
                    "annee",
                    "mois-ci",
                    "hier",
                    "avant-hier",
                    "aujourd'hui",
                    "demain",
                    "veille",
                    "lendemain",
                    "surlendemain",
                    "meme",
                    "jour",
                    "matin",
                    "apres-midi",
                    "soir",
                ]
                .map(str::to_owned),
            )
            .collect();
        lex.cue_map = lex.build_cue_map();
        Ok(lex)
    }

    /// The [`super::names::cue`] bits of a folded word.
    pub fn cue_bits(&self, folded: &str) -> super::names::cue::Bits {
        self.cue_map.get(folded).copied().unwrap_or(0)
    }

    /// Adds the cue `bit` to the folded `word`.
    pub fn add_cue(&mut self, word: &str, bit: super::names::cue::Bits) {
        *self.cue_map.entry(word.to_owned()).or_default() |= bit;
    }

    /// Every cue word with its [`super::names::cue`] bits.
    fn build_cue_map(&self) -> HashMap<String, super::names::cue::Bits> {
        use super::names::cue;
        let mut map: HashMap<String, cue::Bits> = HashMap::default();
        let lists: [(&HashSet<String>, cue::Bits); 7] = [
            (&self.person_titles, cue::TITLE),
            (&self.company_cues, cue::COMPANY),
            (&self.org_after_role, cue::ROLE),
            (&self.place_cues, cue::PLACE),
            (&self.intent_cues, cue::INTENT),
            (&self.first_names, cue::FIRST_NAME),
            (&self.not_names, cue::NOT_NAME),
        ];
        for (list, bit) in lists {
            for word in list {
                *map.entry(word.clone()).or_default() |= bit;
            }
        }
        for head in self.org_heads.keys() {
            *map.entry(head.clone()).or_default() |= cue::ORG_HEAD;
        }
        for t in &self.triggers {
            if let Some(first) = t.words.first() {
                *map.entry(first.clone()).or_default() |= cue::TRIGGER;
            }
        }
        for word in &self.anaphoric_events {
            *map.entry(word.clone()).or_default() |= cue::EVENT_REFERENCE;
        }
        for word in &self.date_words {
            *map.entry(word.clone()).or_default() |= cue::DATE;
        }
        map
    }

    /// The [`super::names::cue`] bits of every token (0 for numbers and punctuation).
    pub fn token_cues(&self, toks: &super::tokens::Tokens<'_>) -> Vec<super::names::cue::Bits> {
        use super::tokens::TokKind;
        (0..toks.len())
            .map(|i| match toks.toks[i].kind {
                TokKind::Word | TokKind::Elision => self.cue_bits(toks.norm(i)),
                TokKind::Number | TokKind::Punct => 0,
            })
            .collect()
    }

    /// True when a folded lower-case word can continue an organisation name as an adjective.
    pub fn is_adjective(&self, folded: &str) -> bool {
        if self.adjectives.contains(folded) {
            return true;
        }
        if folded.contains('-') {
            // franco-russe, russo-français, sino-russe
            return folded
                .split('-')
                .next_back()
                .is_some_and(|last| self.adjectives.contains(last));
        }
        folded.chars().count() > 4
            && self
                .adjective_endings
                .iter()
                .any(|e| folded.ends_with(e.as_str()))
    }

    /// True when a folded word is not a known organisation acronym (known ones stay
    /// acronyms even beside other capitals: "CCI MEDEF").
    pub fn gazetteer_free(&self, folded: &str) -> bool {
        !self.org_words.contains(folded)
    }

    /// True when a folded word looks like a Russian surname (Safronov, Levtchenko …).
    pub fn has_russian_surname_ending(&self, folded: &str) -> bool {
        folded.chars().count() > 4
            && self
                .russian_surname_endings
                .iter()
                .any(|e| folded.ends_with(e.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_parse() {
        let lex = Lexicons::load().unwrap();
        assert!(lex.places.len() > 500, "{}", lex.places.len());
        assert!(lex.first_names.contains("serguei"));
        assert!(lex.org_heads.contains_key("ministere"));
        assert_eq!(lex.months.len(), 12);
        assert_eq!(lex.weekdays.len(), 7);
    }

    #[test]
    fn phrases_split_like_the_tokenizer() {
        assert_eq!(
            phrase_words("Chambre de commerce et d’industrie"),
            ["chambre", "de", "commerce", "et", "d'", "industrie"]
        );
    }

    #[test]
    fn adjectives_by_list_and_ending() {
        let lex = Lexicons::load().unwrap();
        assert!(lex.is_adjective("internationales"));
        assert!(lex.is_adjective("interprofessionnel") && lex.is_adjective("officielle"));
        assert!(lex.is_adjective("franco-russe"));
        assert!(!lex.is_adjective("de"));
        assert!(lex.has_russian_surname_ending("levtchenko"));
        assert!(!lex.has_russian_surname_ending("paris"));
    }
}
