//! Gazetteer lookup: places, known organisations and known people matched with
//! `aho-corasick` (leftmost-longest) over the folded text, on token boundaries.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::{Lexicons, PlaceKind};
use super::names::cue;
use super::tokens::Tokens;
use crate::model::EntityKind;
use crate::text::fold;

/// What a gazetteer phrase denotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Entity type.
    pub kind: EntityKind,
    /// Canonical name.
    pub canonical: String,
    /// For places, the place kind.
    pub place_kind: Option<PlaceKind>,
}

/// A gazetteer hit on whole tokens `first..=last`.
#[derive(Clone, Debug)]
pub struct Hit<'g> {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// What it denotes.
    pub entry: &'g Entry,
}

/// One automaton over a set of phrases.
#[derive(Debug)]
struct Automaton {
    ac: AhoCorasick,
    entries: Vec<Entry>,
    /// Names the lexicon itself writes in capitals.
    caps_forms: HashSet<String>,
    /// Per pattern: the lexicon opens it with a lower-case word ("région de Leningrad",
    /// "lac Baïkal").
    led: Vec<bool>,
    /// Per pattern: where (folded bytes from its start) a later word the lexicon writes
    /// with a capital begins ("Le Maire": 3); the text must write it so too.
    inner_caps: Vec<Vec<u32>>,
    /// The cue bit of the folded first words of those patterns, registered among the
    /// lexicons' cue words.
    leads: cue::Bits,
}

impl Automaton {
    /// The automaton over `phrases`; the lower-case words that open some of them get the cue
    /// `leads` in `lex`.
    fn new(phrases: Vec<(String, Entry)>, leads: cue::Bits, lex: &mut Lexicons) -> Self {
        let mut seen = HashSet::default();
        let caps_forms = phrases
            .iter()
            .filter(|(p, _)| {
                p.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && p.chars().all(|c| !c.is_lowercase())
            })
            .map(|(p, _)| p.clone())
            .collect();
        let mut led = Vec::new();
        let mut inner_caps = Vec::new();
        let (patterns, entries): (Vec<String>, Vec<Entry>) = phrases
            .into_iter()
            .map(|(p, e)| {
                (
                    inner_capitals(&p),
                    p.starts_with(char::is_lowercase),
                    fold(&p),
                    e,
                )
            })
            .filter(|(_, _, p, _)| !p.is_empty() && seen.insert(p.clone()))
            .map(|(caps, lower, p, e)| {
                if lower && let Some(word) = p.split([' ', '\'']).next() {
                    lex.add_cue(word, leads);
                }
                led.push(lower);
                inner_caps.push(caps);
                (p, e)
            })
            .unzip();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .unwrap_or_else(|_| {
                AhoCorasick::new(std::iter::empty::<&str>()).expect("empty automaton builds")
            });
        Self {
            ac,
            entries,
            caps_forms,
            led,
            inner_caps,
            leads,
        }
    }

    /// True when every later word the pattern of `m` writes with a capital also has one in
    /// the text ("Le Maire" the name, not "Le maire de Bordeaux").
    fn capitals_agree(&self, toks: &Tokens<'_>, m: &aho_corasick::Match, last: usize) -> bool {
        let caps = &self.inner_caps[m.pattern().as_usize()];
        caps.is_empty()
            || toks.toks[..=last]
                .iter()
                .rev()
                .take_while(|t| t.folded.start() > m.start())
                .all(|t| {
                    let at = u32::try_from(t.folded.start() - m.start()).unwrap_or(u32::MAX);
                    t.upper_initial || !caps.contains(&at)
                })
    }

    /// A phrase opened by a lower-case word just before the capitalised token `first` and
    /// reaching it ("région de Leningrad" names the oblast, "Leningrad" alone the city):
    /// the phrase's end and pattern. Never starts before `resume` (the previous phrase).
    fn led_phrase(
        &self,
        toks: &Tokens<'_>,
        cues: &[cue::Bits],
        first: usize,
        resume: usize,
    ) -> Option<aho_corasick::Match> {
        let tok = toks.toks.get(first)?;
        (first.saturating_sub(3)..first).find_map(|j| {
            let at = toks.toks[j];
            if at.sentence != tok.sentence
                || at.folded.start() < resume
                || cues.get(j).is_none_or(|c| c & self.leads == 0)
            {
                return None;
            }
            let input = Input::new(toks.folded.as_str())
                .range(at.folded.start()..)
                .anchored(Anchored::Yes);
            let m = self.ac.find(input)?;
            (self.led[m.pattern().as_usize()]
                && m.end() > tok.folded.start()
                && token_ending_at(toks, m.end()).is_some())
            .then_some(m)
        })
    }

    /// Looks up the longest phrase at each token that starts with a capital (a name starts
    /// with one in the article: Moscou, not "moscou" as a word); phrases do not overlap.
    fn scan<'g>(&'g self, toks: &Tokens<'_>, cues: &[cue::Bits], out: &mut Vec<Hit<'g>>) {
        let folded = toks.folded.as_str();
        let mut resume = 0; // folded offset where the previous phrase ended
        for (first, tok) in toks.toks.iter().enumerate() {
            if tok.folded.start() < resume || !tok.upper_initial {
                continue;
            }
            let input = Input::new(folded)
                .range(tok.folded.start()..)
                .anchored(Anchored::Yes);
            let Some(m) = self
                .led_phrase(toks, cues, first, resume)
                .or_else(|| self.ac.find(input))
            else {
                continue;
            };
            let Some(last) = token_ending_at(toks, m.end()) else {
                resume = m.end();
                continue;
            };
            if !self.capitals_agree(toks, &m, last) {
                continue;
            }
            resume = m.end();
            // one short word in capitals is an acronym ("ADEN"), unless the lexicon writes it
            // so ("PACA", "URSS"); a long or hyphenated one is a name set in capitals, as in
            // a dateline ("SAINT-PÉTERSBOURG (AFP)", "IEKATERINBOURG, 3 mars")
            if first == last
                && toks.is_all_caps(first)
                && !self.caps_forms.contains(toks.text(first))
                && !written_out(toks.text(first))
            {
                continue;
            }
            let entry = &self.entries[m.pattern().as_usize()];
            // a lead word that is part of the name itself ("mer Noire", not "région de
            // Leningrad") belongs to the mention
            let first = if m.start() < tok.folded.start()
                && fold(&entry.canonical) == folded[m.start()..m.end()]
            {
                toks.toks[..first].partition_point(|t| t.folded.start() < m.start())
            } else {
                first
            };
            out.push(Hit { first, last, entry });
        }
    }
}

/// Where, in the folded `phrase`, each word after the first that opens with a capital
/// begins (folded bytes).
fn inner_capitals(phrase: &str) -> Vec<u32> {
    let mut folded = String::new();
    let mut out = Vec::new();
    let mut word_start = true;
    for c in phrase.chars() {
        if word_start && c.is_uppercase() && !folded.is_empty() {
            out.push(u32::try_from(folded.len()).unwrap_or(u32::MAX));
        }
        word_start = matches!(c, ' ' | '\'' | '’');
        crate::text::fold_char_into(c, &mut folded);
    }
    out
}

/// A word in capitals too long (or hyphenated) to be an acronym.
fn written_out(word: &str) -> bool {
    word.contains('-') || word.chars().filter(|c| c.is_alphabetic()).count() >= 6
}

fn token_ending_at(toks: &Tokens<'_>, folded_pos: usize) -> Option<usize> {
    let i = toks.toks.partition_point(|t| t.folded.end() < folded_pos);
    (toks.toks.get(i)?.folded.end() == folded_pos).then_some(i)
}

/// The place automaton and the names automaton (organisations and people).
#[derive(Debug)]
pub struct Gazetteer {
    places: Automaton,
    names: Automaton,
    place_names: HashMap<String, String>,
    kinds: HashMap<String, PlaceKind>,
}

impl Gazetteer {
    /// Builds both automata from the lexicons, and registers among their cue words the
    /// lower-case words that open a phrase ([`cue::LEADS_PLACE`], [`cue::LEADS_NAME`]).
    pub fn new(lex: &mut Lexicons) -> Self {
        let mut places = Vec::new();
        let mut place_names = HashMap::default();
        let mut kinds = HashMap::default();
        for p in &lex.places {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                let folded = fold(name);
                kinds.entry(folded.clone()).or_insert(p.kind);
                place_names.entry(folded).or_insert_with(|| p.name.clone());
            }
            let entry = Entry {
                kind: EntityKind::Place,
                canonical: p.name.clone(),
                place_kind: Some(p.kind),
            };
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                places.push((name.clone(), entry.clone()));
            }
            // "au Havre", "du Mans": the city's article merges with the preposition
            if p.kind == PlaceKind::City
                && let Some(bare) = ["Le ", "Les "].iter().find_map(|a| p.name.strip_prefix(a))
                && bare.chars().count() >= 4
            {
                places.push((bare.to_owned(), entry.clone()));
            }
        }
        let mut names = Vec::new();
        for o in &lex.orgs {
            let entry = Entry {
                kind: EntityKind::Organisation,
                canonical: o.name.clone(),
                place_kind: None,
            };
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                names.push((name.clone(), entry.clone()));
            }
        }
        for p in &lex.people {
            let entry = Entry {
                kind: EntityKind::Person,
                canonical: p.name.clone(),
                place_kind: None,
            };
            for name in std::iter::once(&p.name).chain(&p.forms) {
                names.push((name.clone(), entry.clone()));
            }
        }
        Self {
            places: Automaton::new(places, cue::LEADS_PLACE, lex),
            names: Automaton::new(names, cue::LEADS_NAME, lex),
            place_names,
            kinds,
        }
    }

    /// What sort of place the folded name is ("france" → Country), if it is one.
    pub fn kind(&self, folded: &str) -> Option<PlaceKind> {
        self.kinds.get(folded).copied()
    }

    /// True when the folded word names a country ("france", "russie").
    pub fn is_country(&self, folded: &str) -> bool {
        self.kind(folded) == Some(PlaceKind::Country)
    }

    /// The canonical name of the place called exactly `name` (any case or accents).
    pub fn place(&self, name: &str) -> Option<&str> {
        self.place_names.get(&fold(name)).map(String::as_str)
    }

    /// Every place hit and every known-name hit, in text order per automaton (`cues`: the
    /// tokens' cue bits, [`Lexicons::token_cues`]).
    pub fn scan(&self, toks: &Tokens<'_>, cues: &[cue::Bits]) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        self.places.scan(toks, cues, &mut out);
        self.names.scan(toks, cues, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_place_wins_and_aliases_map_to_canonical() {
        let mut lex = Lexicons::load().unwrap();
        let gaz = Gazetteer::new(&mut lex);
        let text = "Les acteurs de Provence-Alpes-Côte d’Azur et de Moscow, pas de moscou.";
        let toks = Tokens::new(text);
        let hits = gaz.scan(&toks, &lex.token_cues(&toks));
        let found: Vec<(String, String)> = hits
            .iter()
            .map(|h| {
                (
                    toks.span(h.first, h.last).text(text).to_owned(),
                    h.entry.canonical.clone(),
                )
            })
            .collect();
        assert!(
            found.contains(&("Moscow".to_owned(), "Moscou".to_owned())),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(t, _)| t == "Provence-Alpes-Côte d’Azur"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(t, _)| t == "moscou"));
    }

    #[test]
    fn matches_stop_at_token_boundaries() {
        let mut lex = Lexicons::load().unwrap();
        let gaz = Gazetteer::new(&mut lex);
        let toks = Tokens::new("Parisiens et Lyonnais");
        assert!(gaz.scan(&toks, &lex.token_cues(&toks)).is_empty());
    }

    /// The canonical names of every gazetteer hit in `text`.
    fn found(text: &str) -> Vec<String> {
        let mut lex = Lexicons::load().unwrap();
        let gaz = Gazetteer::new(&mut lex);
        let toks = Tokens::new(text);
        gaz.scan(&toks, &lex.token_cues(&toks))
            .iter()
            .map(|h| h.entry.canonical.clone())
            .collect()
    }

    #[test]
    fn places_in_capitals_are_found_unless_they_read_as_acronyms() {
        assert_eq!(
            found("SAINT-PÉTERSBOURG, 2 juin - Le forum"),
            ["Saint-Pétersbourg"]
        );
        assert_eq!(found("MOSCOU, 3 mars"), ["Moscou"]);
        assert!(found("Le TOMSK a signé").is_empty());
    }

    #[test]
    fn a_lead_word_of_the_name_itself_belongs_to_the_mention() {
        let mut lex = Lexicons::load().unwrap();
        let gaz = Gazetteer::new(&mut lex);
        let toks = Tokens::new("Une croisière en mer Noire et la région de Leningrad.");
        let texts: Vec<&str> = gaz
            .scan(&toks, &lex.token_cues(&toks))
            .iter()
            .map(|h| toks.span(h.first, h.last).text(toks.text))
            .collect();
        assert_eq!(texts, ["mer Noire", "Leningrad"]);
    }

    #[test]
    fn a_known_name_needs_its_inner_capitals() {
        assert_eq!(found("Le maire de Bordeaux a parlé."), ["Bordeaux"]);
        assert_eq!(found("Selon Le Maire, tout va bien."), ["Bruno Le Maire"]);
        assert_eq!(inner_capitals("Le Maire"), [3]);
        assert_eq!(inner_capitals("Chambre de commerce d'Île"), [22]);
    }
}
