//! One canonical name per referent: within a document (surname alone → full name,
//! acronym ↔ its definition, spelling variants of a longer name, known organisations'
//! official names) and across the corpus ([`link_corpus`]).

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::Lexicons;
use super::names::Ctx;
use super::resolve::Found;
use crate::model::{AnalysedDoc, EntityKind, Name};
use crate::text::fold;

/// A folded key for comparing organisation names: hyphens and apostrophes as spaces.
pub fn name_key(name: &str) -> String {
    fold(name)
        .chars()
        .map(|c| if c == '-' || c == '\'' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Levenshtein distance on chars, stopping early above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > max) {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The initials of a name's content words ("Association des Régions innovantes de Russie"
/// → "ARIR").
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '\'' || c == '’' || c == '-')
        .filter(|w| {
            !matches!(
                fold(w).as_str(),
                "de" | "des"
                    | "du"
                    | "la"
                    | "le"
                    | "les"
                    | "l"
                    | "d"
                    | "et"
                    | "pour"
                    | "en"
                    | "a"
                    | "au"
                    | "aux"
                    | ""
            )
        })
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// True when `short` can abbreviate `long`: the same initials in any order (word order
/// differs between languages: AIRR for "Association des Régions innovantes de Russie"), or
/// the same first letter.
pub(super) fn defines(long: &str, short: &str) -> bool {
    let mut a: Vec<char> = initials(long).chars().collect();
    let mut b: Vec<char> = short.chars().filter(|c| c.is_alphabetic()).collect();
    if a.first() == b.first() {
        return true;
    }
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// Sets the canonical name of every mention of one document.
pub fn canonicalise(ctx: &Ctx<'_, '_>, found: &mut [Found], lex: &Lexicons) {
    let toks = ctx.toks;
    let known_orgs = &lex.org_keys;
    // acronym definitions: "Long Form (ACR)"
    let mut acronyms: HashMap<String, String> = HashMap::default();
    for (k, f) in found.iter().enumerate() {
        if f.kind != EntityKind::Organisation || f.nested {
            continue;
        }
        if toks.is_punct(f.last + 1, '(')
            && let Some(next) = found
                .get(k + 1..)
                .and_then(|rest| rest.iter().find(|g| g.first == f.last + 2))
            && toks.is_punct(next.last + 1, ')')
        {
            let short = toks.span(next.first, next.last).text(toks.text);
            // "(CCIFR)", or one capitalised word ("(Unistra)")
            let one_word = next.first == next.last && toks.is_cap(next.first);
            if (one_word || short.chars().all(|c| !c.is_lowercase()))
                && defines(&f.canonical, short)
            {
                acronyms.insert(short.to_owned(), f.canonical.clone());
            }
        }
    }
    // people: the longest full name first, so variants and surnames attach to it
    let mut people: Vec<(String, String)> = Vec::new(); // (canonical, surname key)
    // full names already resolved: each distinct name is compared once
    let mut seen_people: HashMap<String, String> = HashMap::default();
    for f in found.iter_mut() {
        match f.kind {
            EntityKind::Organisation if !f.known => {
                let text = toks.span(f.first, f.last).text(toks.text);
                if let Some(long) = acronyms.get(text) {
                    f.canonical = long.clone();
                } else if let Some(official) = known_orgs.get(&name_key(text)) {
                    f.canonical = official.clone();
                } else {
                    f.canonical = tidy(text);
                }
            }
            EntityKind::Person if f.last > f.first && !f.known => {
                let name = tidy(toks.span(f.first, f.last).text(toks.text));
                if let Some(canon) = seen_people.get(&name) {
                    f.canonical = canon.clone();
                    continue;
                }
                let first_word = name_key(toks.text(f.first));
                let surname = name_key(toks.text(f.last));
                let variant_of = people.iter().find(|(canon, sur)| {
                    let canon_first = canon
                        .split_whitespace()
                        .next()
                        .map(name_key)
                        .unwrap_or_default();
                    canon_first == first_word
                        && surname.chars().count() >= 5
                        && *sur != surname
                        && edit_distance(sur, &surname, 2) <= 2
                });
                f.canonical = match variant_of {
                    Some((canon, _)) => canon.clone(),
                    None => {
                        people.push((name.clone(), surname));
                        name.clone()
                    }
                };
                seen_people.insert(name, f.canonical.clone());
            }
            _ => {}
        }
    }
    // a surname alone found by a rule (title + name) joins the full name given elsewhere
    for f in found.iter_mut() {
        if f.kind == EntityKind::Person && f.first == f.last && !f.known {
            let key = name_key(toks.text(f.first));
            if let Some((canon, _)) = people.iter().find(|(_, sur)| *sur == key) {
                f.canonical = canon.clone();
            }
        }
    }
}

/// Collapses white space inside a name.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cross-document merging: a surname alone that one full name of the corpus ends with takes
/// that name; organisation spellings that differ only in case, accents or hyphens share the
/// most frequent spelling.
pub fn link_corpus(docs: &mut [AnalysedDoc]) {
    // a corpus has few distinct names and millions of mentions: each name is keyed once
    let mut keys: HashMap<String, String> = HashMap::default();
    let mut key_of = |name: &str| -> String {
        if let Some(key) = keys.get(name) {
            return key.clone();
        }
        let key = name_key(name);
        keys.insert(name.to_owned(), key.clone());
        key
    };
    let mut full_names: HashMap<String, Vec<Name>> = HashMap::default();
    let mut org_spellings: HashMap<String, HashMap<Name, usize>> = HashMap::default();
    for d in docs.iter() {
        for m in &d.analysis.mentions {
            match m.kind {
                EntityKind::Person if m.canonical.contains(' ') => {
                    if let Some(last) = m.canonical.split_whitespace().next_back() {
                        let list = full_names.entry(key_of(last)).or_default();
                        if !list.contains(&m.canonical) {
                            list.push(m.canonical.clone());
                        }
                    }
                }
                EntityKind::Organisation => {
                    *org_spellings
                        .entry(key_of(&m.canonical))
                        .or_default()
                        .entry(m.canonical.clone())
                        .or_default() += 1;
                }
                _ => {}
            }
        }
    }
    let best_org: HashMap<String, Name> = org_spellings
        .into_iter()
        .filter_map(|(key, spellings)| {
            let best = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((key, best.0))
        })
        .collect();
    // the new name of each person's or organisation's name, decided once
    let mut renamed: [HashMap<Name, Option<Name>>; 2] = Default::default();
    for d in docs.iter_mut() {
        for m in &mut d.analysis.mentions {
            let person = match m.kind {
                EntityKind::Person if !m.canonical.contains(' ') => true,
                EntityKind::Organisation => false,
                _ => continue,
            };
            let decided = &mut renamed[usize::from(person)];
            let new = match decided.get(&m.canonical) {
                Some(new) => new.clone(),
                None => {
                    let key = key_of(&m.canonical);
                    let new = if person {
                        match full_names.get(&key).map(Vec::as_slice) {
                            Some([only]) => Some(only.clone()),
                            _ => None,
                        }
                    } else {
                        best_org.get(&key).cloned()
                    };
                    decided.insert(m.canonical.clone(), new.clone());
                    new
                }
            };
            if let Some(new) = new {
                m.canonical = new;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Analysis, Document, Mention, Span};

    #[test]
    fn distance_and_initials() {
        assert_eq!(edit_distance("gramunt", "gramut", 2), 1);
        assert!(edit_distance("petrov", "ivanov", 2) > 2);
        assert_eq!(
            initials("Association des Régions innovantes de Russie"),
            "ARIR"
        );
    }

    #[test]
    fn corpus_links_surnames_and_org_spellings() {
        let doc = |id: &str, body: &str, ms: Vec<(EntityKind, &str)>| AnalysedDoc {
            doc: Document::from_text(id, body),
            analysis: Analysis {
                mentions: ms
                    .into_iter()
                    .map(|(kind, c)| Mention {
                        span: Span::new(0, 1),
                        kind,
                        canonical: c.into(),
                    })
                    .collect(),
                events: vec![],
            },
        };
        let mut docs = vec![
            doc(
                "a",
                "x",
                vec![
                    (EntityKind::Person, "Anna Volkova"),
                    (EntityKind::Organisation, "Agence Alpha"),
                ],
            ),
            doc(
                "b",
                "x",
                vec![
                    (EntityKind::Person, "Volkova"),
                    (EntityKind::Organisation, "agence alpha"),
                ],
            ),
            doc("c", "x", vec![(EntityKind::Organisation, "Agence Alpha")]),
        ];
        link_corpus(&mut docs);
        assert_eq!(&*docs[1].analysis.mentions[0].canonical, "Anna Volkova");
        assert_eq!(&*docs[1].analysis.mentions[1].canonical, "Agence Alpha");
    }
}
