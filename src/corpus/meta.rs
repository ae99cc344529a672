//! What a page around the article adds: publication date lines, date headers, photo credits,
//! cookie banners, newsletter prompts, "Lire aussi" links and reuse notices. They are marked
//! as regions (so they are neither highlighted nor mined) and give the title, the publication
//! date and the publisher.

use crate::model::{PartialDate, Region, RegionKind, Span};
use crate::text::fold;

/// What the page furniture tells about one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The first meaningful line, shortened.
    pub title: String,
    /// Publication date, when stated.
    pub pub_date: Option<PartialDate>,
    /// Marked regions, sorted and disjoint.
    pub regions: Vec<Region>,
    /// Publisher named by a reuse notice.
    pub source: Option<String>,
    /// Where that name stands.
    pub source_span: Option<Span>,
}

/// Line starts (folded) that mark site furniture.
const BOILERPLATE_STARTS: &[&str] = &[
    "lire aussi",
    "a lire aussi",
    "lire la suite",
    "a ne pas manquer",
    "abonnez-vous",
    "inscrivez-vous",
    "recevez le meilleur",
    "recevez notre newsletter",
    "gratuitement a notre newsletter",
    "ce site utilise des cookies",
    "accepter les cookies",
    "accepter et fermer",
    "nous utilisons des cookies",
    "en poursuivant votre navigation",
    "dans le cadre d'une utilisation des contenus",
    "tous droits reserves",
    "suivez-nous",
    "partager sur",
    "partager cet article",
    "dans cet autre article",
    "voir aussi",
    "sur le meme sujet",
    "publicite",
    "mots-cles",
    "mots cles",
    "tags :",
    "etiquettes :",
    "laisser un commentaire",
    "reproduction interdite",
    "reproduction et rediffusion",
];

/// Words that make a short line furniture wherever they stand.
const BOILERPLATE_WORDS: &[&str] = &[
    "cookie",
    "newsletter",
    "cliquez ici",
    "javascript",
    "tous droits reserves",
    "all rights reserved",
    "envoyer par mail",
    "envoyer par e-mail",
];

/// Finds the furniture of `body` (already decoded and normalised).
pub fn analyse_page(body: &str) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut published: Option<PartialDate> = None;
    let mut updated: Option<PartialDate> = None;
    let mut title = TitlePick::default();
    // a short head line dated in full ("Par Anne Durand, le 5 juin 2021"): the publication
    // date when no line says so
    let mut byline: Option<PartialDate> = None;
    let mut dateline: Option<PartialDate> = None;
    let mut lines_seen = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches('\n');
        let trimmed_start = content.len() - content.trim_start().len();
        let text = content.trim();
        if text.is_empty() {
            continue;
        }
        let span = Span::new(
            line_start + trimmed_start,
            line_start + trimmed_start + text.len(),
        );
        // only the head of a line decides what it is; fold the rest only when needed
        let (folded, is_whole) = fold_head(text, FOLD_HEAD_BYTES);
        lines_seen += 1;
        let signed = folded.starts_with("par ") && lines_seen <= SIGNED_BYLINE_LINES;
        if byline.is_none() && (lines_seen <= BYLINE_LINES || signed) && text.len() <= BYLINE_BYTES
        {
            byline = first_french_date(&folded);
        }
        if dateline.is_none() && lines_seen <= BYLINE_LINES + 2 {
            dateline = dateline_date(&folded);
        }

        if let Some((date, head_len)) = date_header(text) {
            // ` date 2017-08 Les 16 et 17 mai …`: only the header is metadata
            meta.regions.push(Region {
                span: Span::new(span.start(), span.start() + head_len),
                kind: RegionKind::Metadata,
            });
            published = published.or(Some(date));
            let rest = text[head_len..].trim();
            if !rest.is_empty() {
                title.offer(rest, &fold(rest), false);
            }
            continue;
        }
        if DATE_LABELS
            .iter()
            .any(|(label, _)| folded.starts_with(label))
        {
            meta.regions.push(Region {
                span,
                kind: RegionKind::Metadata,
            });
            let folded = if is_whole { folded } else { fold(text) };
            for (part, first) in labelled_dates(&folded) {
                let Some(date) = first_french_date(part) else {
                    continue;
                };
                let slot = if first { &mut published } else { &mut updated };
                *slot = slot.or(Some(date));
            }
            continue;
        }
        if is_boilerplate(&folded) {
            meta.regions.push(Region {
                span,
                kind: RegionKind::Boilerplate,
            });
            if let Some(name_span) = publisher_in_notice(text, &folded) {
                let abs = Span::new(
                    span.start() + name_span.start(),
                    span.start() + name_span.end(),
                );
                meta.source = Some(abs.text(body).to_owned());
                meta.source_span = Some(abs);
            }
            continue;
        }
        if is_credit_line(text) {
            meta.regions.push(Region {
                span,
                kind: RegionKind::Credit,
            });
            continue;
        }
        let mut title_text = text;
        let credit = credit_suffix(text);
        if let Some(at) = credit {
            meta.regions.push(Region {
                span: Span::new(span.start() + at, span.end()),
                kind: RegionKind::Credit,
            });
            title_text = text[..at].trim_end();
        }
        title.offer(title_text, &folded, credit.is_some());
    }
    meta.regions.sort_by_key(|r| r.span.start());
    meta.pub_date = published.or(updated).or(byline).or(dateline);
    meta.title = title.pick();
    meta
}

/// Chooses the title among the lines before the body: the first, unless it names the paper
/// or the site ("LE DAUPHINÉ LIBÉRÉ", "Lycée Clemenceau – Nantes": in capitals, or with no
/// colon) and a line that reads as a headline follows.
#[derive(Default)]
struct TitlePick {
    first: Option<String>,
    first_may_be_a_name: bool,
    headline: Option<String>,
    in_body: bool,
}

impl TitlePick {
    /// Offers the next line that is not furniture (`folded` at least its head), with whether
    /// a credit ended it (a photo caption).
    fn offer(&mut self, text: &str, folded: &str, credited: bool) {
        if self.in_body || self.headline.is_some() {
            return;
        }
        self.in_body = text.len() >= BODY_LINE_BYTES;
        let Some(first) = &self.first else {
            self.first = Some(shorten(text.trim_end_matches('.')));
            self.first_may_be_a_name = !text.contains(':') || !text.chars().any(char::is_lowercase);
            return;
        };
        if self.first_may_be_a_name
            && !first.is_empty()
            && !credited
            && reads_as_headline(text, folded)
        {
            self.headline = Some(shorten(text));
        }
    }

    fn pick(self) -> String {
        self.headline.or(self.first).unwrap_or_default()
    }
}

/// A line this long is a paragraph of the body, not a head line.
const BODY_LINE_BYTES: usize = 200;

/// Nouns that open a paper's tagline ("Le magazine des entreprises tech de Bretagne").
const MEDIA_NOUNS: [&str; 10] = [
    "magazine",
    "hebdomadaire",
    "quotidien",
    "mensuel",
    "journal",
    "lettre",
    "blog",
    "revue",
    "bulletin",
    "actualite",
];

/// A head line that reads as a headline: four words or more, in lower and upper case, not a
/// sentence, a byline, a dated line, a section path ("Mulhouse | Économie") or a tagline.
fn reads_as_headline(text: &str, folded: &str) -> bool {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let tagline = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| MEDIA_NOUNS.contains(&w));
    words >= 4
        && !tagline
        && !text.contains(['|', '>', '›'])
        && text.len() < BODY_LINE_BYTES
        && text.chars().any(char::is_lowercase)
        && !text.ends_with(['.', '!'])
        && !folded.starts_with("par ")
        && first_french_date(folded).is_none()
}

/// A byline is among the first lines of the page, and short; a line signed "Par …" may
/// come later, after a headline and a summary ([`SIGNED_BYLINE_LINES`]).
const BYLINE_LINES: usize = 4;
/// See [`BYLINE_LINES`].
const SIGNED_BYLINE_LINES: usize = 8;
/// See [`BYLINE_LINES`].
const BYLINE_BYTES: usize = 120;

/// How much of a line is folded to classify it: more than any start pattern and than the
/// "short line" limit of [`is_boilerplate`].
const FOLD_HEAD_BYTES: usize = 160;

/// The fold of `text` up to at least `min_bytes` folded bytes (whole characters), and
/// whether that is the whole text. Same bytes as the start of [`fold`]`(text)`.
fn fold_head(text: &str, min_bytes: usize) -> (String, bool) {
    let mut out = String::with_capacity(min_bytes.min(text.len()) + 8);
    for c in text.chars() {
        if out.len() >= min_bytes {
            return (out, false);
        }
        if c.is_ascii() && c != '`' {
            out.push(c.to_ascii_lowercase()); // what fold_char_into does, inlined
        } else {
            crate::text::fold_char_into(c, &mut out);
        }
    }
    (out, true)
}

/// `folded` is the whole folded line or at least its first [`FOLD_HEAD_BYTES`] bytes.
fn is_boilerplate(folded: &str) -> bool {
    if BOILERPLATE_STARTS.iter().any(|s| folded.starts_with(s)) {
        return true;
    }
    // a breadcrumb: "Accueil > Actualités > International"; a menu: "Actualités | Agenda |
    // Contact" (short items between bars)
    let breadcrumb = folded.matches(['>', '›']).count() >= 2;
    let menu = folded.matches('|').count() >= 2
        && folded
            .split('|')
            .all(|item| item.split_whitespace().count() <= 3);
    folded.len() < 160
        && (breadcrumb || menu || BOILERPLATE_WORDS.iter().any(|w| folded.contains(w)))
}

/// In "… contenus de Russia Beyond, la mention …": the publisher's byte range in `text`.
fn publisher_in_notice(text: &str, folded: &str) -> Option<Span> {
    if !folded.starts_with("dans le cadre d'une utilisation des contenus") {
        return None;
    }
    let at = text.find("contenus de ")? + "contenus de ".len();
    let rest = &text[at..];
    let len = rest.find([',', '.', ';']).unwrap_or(rest.len());
    let name = rest[..len].trim_end();
    (!name.is_empty() && name.chars().next().is_some_and(char::is_uppercase))
        .then(|| Span::new(at, at + name.len()))
}

/// A leading ` date 2017-08` / `date: 2017-08-16` header: the date and the header's length.
fn date_header(text: &str) -> Option<(PartialDate, usize)> {
    let lower = text.get(..5)?.to_ascii_lowercase();
    if lower != "date " && lower != "date:" {
        return None;
    }
    let rest = &text[5..];
    let skipped = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let token_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let date = PartialDate::parse_iso(&rest[..token_len])?;
    Some((date, 5 + skipped + token_len))
}

/// The labels of a publication line, folded, and whether each names the first publication
/// (else an update): "Publié le …", "Publication : …", "Modifié le … | Publié le …".
const DATE_LABELS: [(&str, bool); 14] = [
    ("publie le", true),
    ("publiee le", true),
    ("publie :", true),
    ("publie par", true),
    ("paru le", true),
    ("paru dans", true),
    ("publication :", true),
    ("date de publication", true),
    ("mis en ligne le", true),
    ("mis a jour le", false),
    ("mise a jour :", false),
    ("derniere mise a jour", false),
    ("modifie le", false),
    ("actualise le", false),
];

/// The parts of a folded publication line, each from a label of [`DATE_LABELS`] to the
/// next, with whether it names the first publication.
fn labelled_dates(folded: &str) -> Vec<(&str, bool)> {
    let mut starts: Vec<(usize, usize, bool)> = DATE_LABELS
        .iter()
        .flat_map(|&(label, first)| {
            folded
                .match_indices(label)
                .filter(|&(at, _)| at == 0 || !folded.as_bytes()[at - 1].is_ascii_alphanumeric())
                .map(move |(at, _)| (at, label.len(), first))
        })
        .collect();
    starts.sort_unstable();
    // a label inside another ("mise a jour :" in "derniere mise a jour :") starts no part
    starts.dedup_by(|inner, outer| inner.0 < outer.0 + outer.1);
    let ends = starts
        .iter()
        .skip(1)
        .map(|&(at, ..)| at)
        .chain([folded.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(at, _, first), end)| (&folded[at..end], first))
        .collect()
}

/// French month names, folded, January first.
const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// The date of a dateline that opens a paragraph: "Moscou, le 9 novembre 2015 – …",
/// "Dijon, 15 avr. 2021 (AFP) – …" (a place, a comma, a full date, a dash).
fn dateline_date(folded: &str) -> Option<PartialDate> {
    let end = ["–", "—", " - "]
        .iter()
        .filter_map(|dash| folded.find(dash))
        .min()?;
    let (place, date) = folded[..end].split_once(',')?;
    let place_like = place.split_whitespace().count() <= 4 && !place.contains(char::is_numeric);
    (end <= 80 && place_like)
        .then(|| first_french_date(date))
        .flatten()
        .filter(|d| d.year.is_some())
}

/// The month a folded word names, in full or abbreviated ("avr.", "sept."), 1–12.
fn month_of(word: &str) -> Option<usize> {
    const SHORT: [&str; 12] = [
        "janv.", "fevr.", "mars", "avr.", "mai", "juin", "juil.", "aout", "sept.", "oct.", "nov.",
        "dec.",
    ];
    MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| SHORT.iter().position(|m| *m == word))
        .map(|m| m + 1)
}

/// The first "2 mars 2013", "1er mars 2013", "15 avr. 2021" or "02/03/2013" in a folded line.
fn first_french_date(folded: &str) -> Option<PartialDate> {
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(date) = numeric_date(word) {
            return Some(date);
        }
        let Some(month) = month_of(word) else {
            continue;
        };
        let month = u8::try_from(month).ok()?;
        let year = words
            .get(i + 1)
            .and_then(|w| w.parse::<i32>().ok())
            .filter(|y| (1000..=2999).contains(y));
        let day = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|w| w.trim_end_matches("er").parse::<u8>().ok());
        if let Some(year) = year {
            return PartialDate::new(Some(year), Some(month), day)
                .or(PartialDate::year_month(year, month));
        }
    }
    None
}

/// `02/03/2013` or `02.03.2013` (day first, as in French), `02/03/13` with two digits
/// each (a year of this century), or ISO `2013-03-02`.
fn numeric_date(word: &str) -> Option<PartialDate> {
    if word.len() == 10 && word.as_bytes()[4] == b'-' {
        // ISO: 2015-10-09
        return PartialDate::parse_iso(word).filter(|d| d.day.is_some());
    }
    let parts: Vec<&str> = word.split(['/', '.']).collect();
    let year = match parts.as_slice() {
        [_, _, y] if y.len() == 4 => y.parse().ok()?,
        [d, m, y] if d.len() == 2 && m.len() == 2 && y.len() == 2 => {
            2000 + y.parse::<i32>().ok()?
        }
        _ => return None,
    };
    let day = parts[0].parse().ok()?;
    let month = parts[1].parse().ok()?;
    PartialDate::ymd(year, month, day)
}

/// A line that is only a photo credit: `Crédit : Nom`, `Photo : …`, `© …`, or `Prénom Nom/Agence`.
fn is_credit_line(text: &str) -> bool {
    if credit_suffix(text) == Some(0) {
        return true;
    }
    // "Vladimir Smirnov/Sputnik", "Jean Dupont / AFP"
    let Some((left, right)) = text.split_once('/') else {
        return false;
    };
    let (left, right) = (left.trim(), right.trim());
    let words = left.split_whitespace().count() + right.split_whitespace().count();
    let capitalised = |s: &str| {
        !s.is_empty()
            && s.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
    };
    words <= 7
        && text.len() < 80
        && capitalised(left)
        && capitalised(right)
        && !text.contains(['.', ',', ';', ':', '?', '!'])
        && !right.contains('/')
}

/// Where a credit (`Crédit : …`, `Photo : …`, `© …`) starts in `text`, if it runs to the end.
fn credit_suffix(text: &str) -> Option<usize> {
    const MARKERS: &[&str] = &[
        "Crédit", "crédit", "CRÉDIT", "Credit", "Photo", "photo", "©",
    ];
    // every marker needs a ':' within 16 chars or a '/' after it, is '©' or opens the
    // brackets that end the line: most lines have none of them
    if !text.as_bytes().contains(&b':')
        && !text.contains('©')
        && !text.ends_with(')')
        && !text.contains('/')
    {
        return None;
    }
    MARKERS
        .iter()
        .flat_map(|m| text.match_indices(m).map(|(at, _)| at))
        .filter(|&at| credit_marker_ok(text, at))
        .min()
}

/// A credit marker must start the line or follow a sentence end, and be followed by ':' or a
/// name; or open the brackets that end the line ("… muscadet. (Photo Thomas Gicquel)").
fn credit_marker_ok(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let starts_line = before.is_empty() || before.ends_with(['.', '|', '-', '–']);
    let after = &text[at..];
    let has_colon = after.chars().take(16).any(|c| c == ':') || after.starts_with('©');
    // "Photo CM/Nicolas Scheidt": an agency and a photographer after the marker
    let agency_and_name = after.contains('/')
        && after.split_whitespace().count() <= 6
        && after
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '/'));
    let bracketed = before.ends_with('(')
        && text.ends_with(')')
        && !after.contains('(')
        && after
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    (starts_line && (has_colon || agency_and_name)) || bracketed
}

/// The title: the line itself when short, else its first sentence or its first ~100 chars.
fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    if let Some(at) = text.find(". ")
        && text[..at].chars().count() <= MAX
        && at > 20
    {
        return text[..at].to_owned();
    }
    let cut: String = text.chars().take(100).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_line_gives_date_and_is_metadata() {
        let body = "Publié le 5 avril 2019 à 10h00 - Mis à jour le 6 avril 2019\nUne délégation bretonne à Kazan.\n";
        let meta = analyse_page(body);
        assert_eq!(meta.pub_date.unwrap().to_iso(), "2019-04-05");
        assert_eq!(meta.title, "Une délégation bretonne à Kazan");
        assert_eq!(meta.regions[0].kind, RegionKind::Metadata);
    }

    #[test]
    fn the_first_publication_wins_over_an_update_whatever_the_order() {
        let date = |body: &str| analyse_page(body).pub_date.map(|d| d.to_iso());
        let body =
            "Modifié le 03/05/2016 à 08:00 | Publié le 02/05/2016 à 18:00\nUn titre de page\n";
        assert_eq!(date(body), Some("2016-05-02".into()));
        let body =
            "Publication : 2014-06-09 · Mise à jour : 2014-06-11 · Rubrique : Mer\nUn titre\n";
        assert_eq!(date(body), Some("2014-06-09".into()));
        assert_eq!(analyse_page(body).regions[0].kind, RegionKind::Metadata);
        // "Publication" opening a headline is no label
        let body = "Publication du guide de l'export vers la Russie\nLe 4 mai 2015, …\n";
        assert_eq!(
            analyse_page(body).title,
            "Publication du guide de l'export vers la Russie"
        );
    }

    #[test]
    fn the_title_is_the_headline_not_the_paper_section_or_tagline() {
        let title = |body: &str| analyse_page(body).title;
        let body = "LE JOURNAL DU LAC\nLe quotidien des rives du lac\nAnnecy | Économie\n\
                    Tourisme : les Savoyards séduisent Kazan\nPar Anne Roux\n";
        assert_eq!(title(body), "Tourisme : les Savoyards séduisent Kazan");
        let body = "Lycée Jean-Moulin – Albi\nSortie à Toulouse pour la classe de russe\n";
        assert_eq!(title(body), "Sortie à Toulouse pour la classe de russe");
        // a first line with a colon is the headline; a caption after it is not
        let body = "Albi – Jumelage : Albi et Tver signent un accord\n\
                    Le maire devant la mairie, lundi. Photo : Jean Roux\n";
        assert_eq!(
            title(body),
            "Albi – Jumelage : Albi et Tver signent un accord"
        );
        // no headline follows: the first line stays
        let body = "Un forum franco-russe à Lyon\nPar Anne Roux\nLe forum s'est tenu lundi.\n";
        assert_eq!(title(body), "Un forum franco-russe à Lyon");
    }

    #[test]
    fn a_dateline_opening_the_first_paragraph_gives_the_date() {
        let long = "mot ".repeat(40);
        let body = format!(
            "COMMUNIQUÉ\nLes vins français à Moscou\nMoscou, le 9 novembre 2015 – Une mission {long}.\n"
        );
        assert_eq!(
            analyse_page(&body).pub_date.map(|d| d.to_iso()),
            Some("2015-11-09".into())
        );
        let body = format!("Report\n\nDijon, 15 avr. 2021 (APR) – La Ville {long}.\n");
        assert_eq!(
            analyse_page(&body).pub_date.map(|d| d.to_iso()),
            Some("2021-04-15".into())
        );
        // a dash later in a sentence that merely holds a date is no dateline
        let body = format!("Titre\nLe 9 novembre 2015, à Moscou, une mission – {long}.\n");
        assert_eq!(analyse_page(&body).pub_date, None);
    }

    #[test]
    fn a_dated_byline_gives_the_date_when_no_line_says_published() {
        let body =
            "Le forum en 2021\nPar Anne Martin, le 5 juin 2021\nLe 3 juin, une délégation …\n";
        let meta = analyse_page(body);
        assert_eq!(meta.pub_date.map(|d| d.to_iso()), Some("2021-06-05".into()));
        let body = "Le forum\nPublié le 2 mars 2013\nPar Anne Martin, le 5 juin 2021\n";
        assert_eq!(
            analyse_page(body).pub_date.map(|d| d.to_iso()),
            Some("2013-03-02".into())
        );
        // a wire's head line with a two-digit year
        let body = "Économie | Dépêche | 20/10/11 – 17:45\nLe forum de Lille\n";
        assert_eq!(
            analyse_page(body).pub_date.map(|d| d.to_iso()),
            Some("2011-10-20".into())
        );
        // a signed byline after a masthead, a section, a headline and a summary
        let body = "LE JOURNAL\nRégion | Nature\nLe forum de Kazan\nUn résumé.\nPar Anne Roux | Jeudi 15/11/2018 à 06H52\nTexte.\n";
        assert_eq!(
            analyse_page(body).pub_date.map(|d| d.to_iso()),
            Some("2018-11-15".into())
        );
        let late = "Titre\nUn.\nDeux.\nTrois.\nQuatre.\nCinq.\nSix.\nSept.\nPar Anne Roux, le 5 juin 2021\n";
        assert_eq!(analyse_page(late).pub_date, None);
        let long = format!("Texte. {} Le 5 juin 2021, rien.\n", "mot ".repeat(40));
        assert_eq!(analyse_page(&long).pub_date, None);
    }

    #[test]
    fn menus_and_tag_lines_are_furniture_a_dated_byline_is_not() {
        let body = "Titre\nActualités | Entretiens | Agenda\nPublié le 2 mai 2019 par Anne Roux | 3 commentaires\nMots-clés : forum, Kazan\nLe forum de Kazan, la mission, le salon | tout a eu lieu en mai.\n";
        let meta = analyse_page(body);
        let furniture: Vec<&str> = meta
            .regions
            .iter()
            .filter(|r| r.kind == RegionKind::Boilerplate)
            .map(|r| r.span.text(body))
            .collect();
        assert_eq!(
            furniture,
            [
                "Actualités | Entretiens | Agenda",
                "Mots-clés : forum, Kazan"
            ]
        );
        assert_eq!(meta.pub_date.unwrap().to_iso(), "2019-05-02");
    }

    #[test]
    fn date_header_only_covers_the_header() {
        let body = " date 2019-11 Le 3 octobre, un forum a eu lieu.";
        let meta = analyse_page(body);
        assert_eq!(meta.pub_date.unwrap().to_iso(), "2019-11");
        let region = meta.regions[0];
        assert_eq!(region.span.text(body), "date 2019-11");
        assert_eq!(meta.title, "Le 3 octobre, un forum a eu lieu");
    }

    #[test]
    fn credits_and_furniture_are_marked() {
        let body = "Titre du jour. Crédit : Anne Martin\n\nPaul Durand/Reuters\n\nTexte.\nLire aussi : autre chose\nAbonnez-vous\nDans le cadre d'une utilisation des contenus de Le Courrier, la mention des sources est obligatoire.\n";
        let meta = analyse_page(body);
        assert_eq!(meta.title, "Titre du jour");
        let kinds: Vec<(RegionKind, &str)> = meta
            .regions
            .iter()
            .map(|r| (r.kind, r.span.text(body)))
            .collect();
        assert_eq!(kinds[0], (RegionKind::Credit, "Crédit : Anne Martin"));
        assert_eq!(kinds[1], (RegionKind::Credit, "Paul Durand/Reuters"));
        assert_eq!(kinds[2].0, RegionKind::Boilerplate);
        assert_eq!(kinds.len(), 5);
        assert_eq!(meta.source.as_deref(), Some("Le Courrier"));
        assert_eq!(meta.source_span.unwrap().text(body), "Le Courrier");
    }

    #[test]
    fn breadcrumbs_and_copyright_lines_are_furniture() {
        let body = "Accueil > Actualités > International\nTomsk accueille des étudiants\n© Le Journal 2019 – Tous droits réservés\n";
        let meta = analyse_page(body);
        assert_eq!(meta.title, "Tomsk accueille des étudiants");
        let kinds: Vec<_> = meta.regions.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RegionKind::Boilerplate, RegionKind::Boilerplate]);
    }

    #[test]
    fn a_credit_in_brackets_or_with_a_slash_ends_a_caption() {
        let body = "Titre.\n\nSur le stand, des dégustations. (Photo Thomas Gicquel)\n\nLe salon a fermé (photo ci-dessous)\n";
        let meta = analyse_page(body);
        let credits: Vec<&str> = meta
            .regions
            .iter()
            .filter(|r| r.kind == RegionKind::Credit)
            .map(|r| r.span.text(body))
            .collect();
        assert_eq!(credits, ["Photo Thomas Gicquel)"]);
        let body = "Titre.\n\nLa salle, mercredi. Photo CM/Nicolas Scheidt\n\nTexte.\n";
        let credit = analyse_page(body)
            .regions
            .into_iter()
            .find(|r| r.kind == RegionKind::Credit);
        assert_eq!(
            credit.map(|r| r.span.text(body)),
            Some("Photo CM/Nicolas Scheidt")
        );
    }

    #[test]
    fn ordinary_sentences_with_slash_are_not_credits() {
        assert!(!is_credit_line(
            "Le chiffre d'affaires a progressé de 5 %/an, selon la CCI."
        ));
        assert!(!is_credit_line(
            "entre Lyon et Kazan/Tatarstan, la coopération se développe"
        ));
    }

    #[test]
    fn folding_the_head_agrees_with_folding_the_line() {
        for text in [
            "",
            "Publié le 2 mars",
            &"é".repeat(200),
            &"\u{301}".repeat(300),
            &"a’".repeat(100),
        ] {
            let (head, is_whole) = fold_head(text, FOLD_HEAD_BYTES);
            let full = fold(text);
            assert!(full.starts_with(&head));
            assert_eq!(is_whole, head == full);
            assert!(is_whole || head.len() >= FOLD_HEAD_BYTES);
        }
    }

    #[test]
    fn long_first_line_is_shortened() {
        let line = "Michel Dupont, président de la Région, a été invité à participer à une visite officielle en Russie la semaine prochaine avec des entreprises.";
        let meta = analyse_page(line);
        assert!(meta.title.chars().count() <= 101, "{}", meta.title);
        assert!(meta.title.ends_with('…'));
    }
}
