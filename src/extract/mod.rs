//! Extraction: people, organisations, places, dates and cooperation events from French text,
//! with rules, gazetteers (`assets/lexicon/*.ron`) and a date grammar. No model, no network.
//!
//! The steps, each in its module: [`tokens`] (words, elisions, sentences), [`gazetteer`]
//! (places and known names over the folded text), [`names`] (candidate mentions from the
//! rules), [`resolve`] (the best non-overlapping set, places nested inside organisations,
//! propagation of names found once), [`aliases`] (one canonical name per referent),
//! [`dates`] (the date grammar) and [`events`] (cooperation events).

pub mod aliases;
pub mod dates;
pub mod events;
pub mod gazetteer;
pub mod lexicon;
pub mod names;
pub mod resolve;
pub mod tokens;

use crate::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Mention, Name, NameInterner, RegionKind,
};

/// Bumped whenever extraction output may change (keys on-disk caches).
pub const EXTRACTOR_VERSION: u32 = 44;

/// Errors building the extractor (a lexicon that does not parse).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A lexicon file is not valid RON for its schema.
    #[error("lexicon {name}: {reason}")]
    Parse {
        /// The lexicon file name.
        name: String,
        /// What the parser said.
        reason: String,
    },
}

/// The extractor: lexicons and automata built once, then shared (it is `Send + Sync`).
#[derive(Debug)]
pub struct Extractor {
    lex: lexicon::Lexicons,
    gazetteer: gazetteer::Gazetteer,
}

impl Extractor {
    /// Builds the extractor from the lexicons embedded in the binary.
    pub fn new() -> Result<Self, LexiconError> {
        let mut lex = lexicon::Lexicons::load()?;
        let gazetteer = gazetteer::Gazetteer::new(&mut lex);
        Ok(Self { lex, gazetteer })
    }

    /// The lexicons (for the map: places with coordinates).
    pub fn lexicons(&self) -> &lexicon::Lexicons {
        &self.lex
    }

    /// Analyses one document: mentions (sorted by start; a place may sit inside an
    /// organisation's name) outside boilerplate, and events.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.analyse_sharing(doc, &mut NameInterner::default())
    }

    /// [`Extractor::analyse`] with the mentions' names taken from `names`, so that the
    /// documents analysed with one interner share their names.
    pub fn analyse_sharing(&self, doc: &Document, names: &mut NameInterner) -> Analysis {
        let toks = tokens::Tokens::new(&doc.body);
        let n = toks.len();
        let mut masked = vec![false; n];
        let mut credit = vec![false; n];
        for (i, t) in toks.toks.iter().enumerate() {
            match doc.region_at(t.span.start()) {
                Some(RegionKind::Boilerplate | RegionKind::Metadata) => masked[i] = true,
                Some(RegionKind::Credit) => credit[i] = true,
                None => {}
            }
        }
        let quoted = quoted_tokens(&toks);
        let mut ctx = names::Ctx::new(&toks, &self.lex, &self.gazetteer, masked, credit, quoted);
        let hits = self.gazetteer.scan(&toks, &ctx.cues);
        ctx.mark_places(&hits);
        let cands = names::candidates(&ctx, &hits);
        let mut found = resolve::resolve(&ctx, cands);
        resolve::propagate(&ctx, &mut found);
        aliases::canonicalise(&ctx, &mut found, &self.lex);

        let shared: Vec<Name> = found.iter().map(|f| names.intern(&f.canonical)).collect();
        let mut mentions: Vec<Mention> = found
            .iter()
            .zip(&shared)
            .map(|(f, name)| Mention {
                span: toks.span(f.first, f.last),
                kind: f.kind,
                canonical: name.clone(),
            })
            .collect();
        // "la coopération France-Russie": places joined by a hyphen inside one word
        // (also inside an organisation's name, where places may nest)
        let mut blocked = vec![false; n];
        for f in &found {
            if f.kind != EntityKind::Organisation || ctx.quoted[f.first] {
                blocked[f.first..=f.last].iter_mut().for_each(|b| *b = true);
            }
        }
        for (i, t) in toks.toks.iter().enumerate() {
            if !t.shape.hyphen || blocked[i] || ctx.masked[i] {
                continue;
            }
            let word = toks.text(i);
            let parts: Vec<(usize, &str)> = word
                .split('-')
                .scan(0, |at, part| {
                    let start = *at;
                    *at += part.len() + 1;
                    Some((start, part))
                })
                .collect();
            let named: Vec<Option<&str>> =
                parts.iter().map(|(_, p)| self.gazetteer.place(p)).collect();
            if parts.len() >= 2 && named.iter().all(Option::is_some) {
                for ((at, part), canonical) in parts.iter().zip(named) {
                    let start = t.span.start() + at;
                    mentions.push(Mention {
                        span: crate::model::Span::new(start, start + part.len()),
                        kind: EntityKind::Place,
                        canonical: names.intern(canonical.unwrap_or(part)),
                    });
                }
            }
        }
        // the publisher named by a reuse notice is an organisation of the document
        if let Some(span) = doc.source_span
            && doc.body.is_char_boundary(span.start())
            && doc.body.is_char_boundary(span.end())
            && !span.is_empty()
            && span.end() <= doc.body.len()
        {
            mentions.push(Mention {
                span,
                kind: EntityKind::Organisation,
                canonical: names.intern(span.text(&doc.body)),
            });
        }
        mentions.sort_by(|a, b| {
            a.span
                .start()
                .cmp(&b.span.start())
                .then(b.span.end().cmp(&a.span.end()))
        });
        let dates = dates::find_dates(&toks, &ctx.cues, &ctx.future, &self.lex, doc.pub_date);
        let events = events::find_events(&ctx, &found, &shared, &dates);
        Analysis { mentions, events }
    }
}

/// Marks the tokens between « » (or straight / curly double quotes) of one sentence.
fn quoted_tokens(toks: &tokens::Tokens<'_>) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut open: Option<usize> = None;
    for (i, tok) in toks.toks.iter().enumerate() {
        if tok.kind != tokens::TokKind::Punct {
            // an unclosed quote ends with its paragraph
            if open.is_some_and(|o| toks.toks[o].sentence != tok.sentence && tok.after_newline) {
                open = None;
            }
            out.push(open.is_some());
            continue;
        }
        match (toks.text(i), open) {
            ("«" | "“", _) | ("\"", None) => open = Some(i),
            ("»" | "”" | "\"", Some(_)) => open = None,
            _ => {}
        }
        out.push(open.is_some() && !matches!(toks.text(i), "«" | "“" | "\""));
    }
    out
}

/// Cross-document alias merging: gives every mention of one referent the same canonical name
/// across the corpus (e.g. "Poutine" alone in one article, "Vladimir Poutine" in another).
pub fn link_corpus(docs: &mut [AnalysedDoc]) {
    aliases::link_corpus(docs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str, String)> {
        let ex = Extractor::new().unwrap();
        let doc = Document::from_text("t", text);
        ex.analyse(&doc)
            .mentions
            .iter()
            .map(|m| {
                (
                    m.span.text(text).to_owned(),
                    m.kind.code(),
                    m.canonical.to_string(),
                )
            })
            .collect()
    }

    fn has(found: &[(String, &'static str, String)], text: &str, kind: &str) -> bool {
        found.iter().any(|(t, k, _)| t == text && *k == kind)
    }

    #[test]
    fn people_by_first_name_title_and_shape() {
        let f = found(
            "Le gouverneur Anatoli Petrov a reçu M. Durand et le président Poutine. Rouslan Khaziev, directeur de l'usine, était là.",
        );
        assert!(has(&f, "Anatoli Petrov", "PER"), "{f:?}");
        assert!(has(&f, "Durand", "PER"), "{f:?}");
        assert!(has(&f, "Poutine", "PER"), "{f:?}");
        assert!(has(&f, "Rouslan Khaziev", "PER"), "{f:?}");
        assert!(!f.iter().any(|(t, _, _)| t.contains("gouverneur")));
    }

    #[test]
    fn a_particle_after_a_title_opens_a_name_only_after_an_honorific() {
        let f = found(
            "M. de Villepin a salué le général de Castelnau. Paul Roux, président de Mécanov, \
             et Anne Morel, directrice générale de Perrin Précision, ont signé.",
        );
        assert!(has(&f, "de Villepin", "PER"), "{f:?}");
        assert!(has(&f, "de Castelnau", "PER"), "{f:?}");
        assert!(
            !f.iter()
                .any(|(t, k, _)| *k == "PER" && t.starts_with("de M")),
            "{f:?}"
        );
        assert!(
            !f.iter()
                .any(|(t, k, _)| *k == "PER" && t.contains("Perrin")),
            "{f:?}"
        );
    }

    #[test]
    fn initials_and_compound_particles() {
        let f = found(
            "Étaient là Jean-Marc de La Roche, V. Tchernikov et J.-P. Durand, maire adjoint. M. Martin aussi.",
        );
        assert!(has(&f, "Jean-Marc de La Roche", "PER"), "{f:?}");
        assert!(has(&f, "V. Tchernikov", "PER"), "{f:?}");
        assert!(has(&f, "J.-P. Durand", "PER"), "{f:?}");
        assert!(
            has(&f, "Martin", "PER") && !has(&f, "M. Martin", "PER"),
            "{f:?}"
        );
        let f =
            found("Yannick Le Bihan a salué Vladimir Vladimirovitch Poutine et Sergey Sobyanin.");
        assert!(has(&f, "Yannick Le Bihan", "PER"), "{f:?}");
        assert!(has(&f, "Vladimir Vladimirovitch Poutine", "PER"), "{f:?}");
        assert!(has(&f, "Sergey Sobyanin", "PER"), "{f:?}");
    }

    #[test]
    fn hyphenated_first_names_and_surname_alone() {
        let f = found("Marie-Hélène Dubreuil a signé. Plus tard, Dubreuil a confirmé.");
        assert!(has(&f, "Marie-Hélène Dubreuil", "PER"), "{f:?}");
        let alone = f.iter().find(|(t, _, _)| t == "Dubreuil").unwrap();
        assert_eq!(alone.2, "Marie-Hélène Dubreuil");
    }

    #[test]
    fn organisations_by_head_with_complement_and_inner_place() {
        let f = found(
            "Il a rencontré le ministère de l'Agriculture de la région et la mairie de Kazan, puis l'Université fédérale de Kazan.",
        );
        assert!(has(&f, "ministère de l'Agriculture", "ORG"), "{f:?}");
        assert!(has(&f, "mairie de Kazan", "ORG"), "{f:?}");
        assert!(has(&f, "Kazan", "LOC"), "{f:?}");
        assert!(has(&f, "Université fédérale de Kazan", "ORG"), "{f:?}");
        let f = found(
            "L'ambassade de France en Russie, le consulat général de Russie à Strasbourg et l'Ambassade de Russie au Maroc.",
        );
        for name in [
            "ambassade de France en Russie",
            "consulat général de Russie à Strasbourg",
            "Ambassade de Russie au Maroc",
        ] {
            assert!(has(&f, name, "ORG"), "{name}: {f:?}");
        }
        assert!(has(&f, "Strasbourg", "LOC"), "{f:?}");
    }

    #[test]
    fn a_purpose_and_a_town_hall_complete_a_body() {
        let f = found(
            "Elle dirige l'Agence fédérale pour la jeunesse et l'Institut de chimie pour \
             l'énergie et les matériaux. La Ville de Tours a signé, puis la ville de Tver.",
        );
        assert!(has(&f, "Agence fédérale pour la jeunesse", "ORG"), "{f:?}");
        assert!(
            has(
                &f,
                "Institut de chimie pour l'énergie et les matériaux",
                "ORG"
            ),
            "{f:?}"
        );
        assert!(has(&f, "Ville de Tours", "ORG"), "{f:?}");
        assert!(!f.iter().any(|(t, _, _)| t == "ville de Tver"), "{f:?}");
        // a purpose does not continue a name already complete
        let f = found("L'Université de Perm pour la création d'un master a voté.");
        assert!(has(&f, "Université de Perm", "ORG"), "{f:?}");
    }

    #[test]
    fn company_names_before_a_legal_suffix_and_in_quotes() {
        let f = found(
            "Parmi les exposants : « Forges de l'Ouest SA », la PME Plastiques Morvan SAS, \
             la société moscovite « Zolotoï Kolos », le technoparc « Ingria » et le Groupe \
             Lagardère. La CCI International Grand Est et l'UMIH 06, partenaires, étaient là. \
             La CCI Amiens Picardie Somme Littoral a reçu les exposants.",
        );
        for name in [
            "Forges de l'Ouest SA",
            "Plastiques Morvan SAS",
            "Zolotoï Kolos",
            "Ingria",
            "Groupe Lagardère",
            "CCI International Grand Est",
            "UMIH 06",
            "CCI Amiens Picardie Somme Littoral",
        ] {
            assert!(has(&f, name, "ORG"), "{name}: {f:?}");
        }
        // a quotation of speech is no company
        let f = found("La société a répondu : « Nous signerons en mai », a dit Ivan Petrov.");
        assert!(!f.iter().any(|(_, k, _)| *k == "ORG"), "{f:?}");
    }

    #[test]
    fn a_name_and_a_tail_word_are_a_company() {
        let f = found("Il a visité Sakhalin Energy et rencontré Nantes Métropole à Nantes.");
        assert!(has(&f, "Sakhalin Energy", "ORG"), "{f:?}");
        assert!(has(&f, "Nantes Métropole", "ORG"), "{f:?}");
        assert!(has(&f, "Nantes", "LOC"), "{f:?}");
    }

    #[test]
    fn a_known_body_with_more_said_of_it_is_a_longer_name() {
        let f = found("La Douma régionale de Sverdlovsk prépare un accord avec le Sénat.");
        assert!(has(&f, "Douma régionale de Sverdlovsk", "ORG"), "{f:?}");
        assert!(has(&f, "Sverdlovsk", "LOC"), "{f:?}");
        assert!(has(&f, "Sénat", "ORG"), "{f:?}");
    }

    #[test]
    fn organisation_splits_at_an_inner_government() {
        let f = found(
            "Le Service des affaires extérieures du gouvernement de Tomsk a organisé un forum.",
        );
        assert!(has(&f, "Service des affaires extérieures", "ORG"), "{f:?}");
        assert!(has(&f, "gouvernement de Tomsk", "ORG"), "{f:?}");
    }

    #[test]
    fn acronyms_brands_and_company_lists() {
        let f = found(
            "Les entreprises bretonnes, dont Alkéa Bio et Nautilor, ont rencontré la société Pharmex LLC, la plateforme BioStart.io et l'AFTR.",
        );
        assert!(has(&f, "Alkéa Bio", "ORG"), "{f:?}");
        assert!(has(&f, "Nautilor", "ORG"), "{f:?}");
        assert!(has(&f, "Pharmex LLC", "ORG"), "{f:?}");
        assert!(has(&f, "BioStart.io", "ORG"), "{f:?}");
        assert!(has(&f, "AFTR", "ORG"), "{f:?}");
    }

    #[test]
    fn acronym_definition_links_long_and_short_forms() {
        let f = found(
            "L'Agence de développement économique de Normandie (ADEN) a reçu des élus. Selon l'ADEN, tout va bien.",
        );
        let short: Vec<_> = f.iter().filter(|(t, _, _)| t == "ADEN").collect();
        assert_eq!(short.len(), 2, "{f:?}");
        assert!(
            short
                .iter()
                .all(|(_, k, c)| *k == "ORG"
                    && c == "Agence de développement économique de Normandie"),
            "{f:?}"
        );
    }

    #[test]
    fn a_name_after_the_adjectives_belongs_to_the_body() {
        let f = found(
            "Il a visité l'Institut polytechnique ouralien Boris-Eltsine et la coopérative Laitalba.",
        );
        assert!(
            has(&f, "Institut polytechnique ouralien Boris-Eltsine", "ORG"),
            "{f:?}"
        );
        assert!(has(&f, "Laitalba", "ORG"), "{f:?}");
        let f = found("Étaient là des représentants de Vilmorel et la PME alsacienne Sorbatex.");
        assert!(has(&f, "Vilmorel", "ORG"), "{f:?}");
        assert!(has(&f, "Sorbatex", "ORG"), "{f:?}");
        let f = found(
            "Il dirige l'Institut de catalyse Boreskov et le pôle de compétitivité mécanique VialTek.",
        );
        assert!(has(&f, "Institut de catalyse Boreskov", "ORG"), "{f:?}");
        assert!(!has(&f, "Boreskov", "ORG"), "{f:?}");
        assert!(has(&f, "VialTek", "ORG"), "{f:?}");
    }

    #[test]
    fn a_short_name_in_parentheses_joins_its_organisation() {
        let f = found(
            "L'Université de Bordeaux (Ubordo) accueille des étudiants. Selon l'Ubordo, tout va bien. Il vit à Kazan (Tatarstan).",
        );
        let short: Vec<_> = f.iter().filter(|(t, _, _)| t == "Ubordo").collect();
        assert_eq!(short.len(), 2, "{f:?}");
        assert!(
            short
                .iter()
                .all(|(_, k, c)| *k == "ORG" && c == "Université de Bordeaux"),
            "{f:?}"
        );
        assert!(has(&f, "Tatarstan", "LOC"), "{f:?}");
    }

    #[test]
    fn places_from_gazetteer_cues_and_variants() {
        let f = found(
            "La région de Tver et la ville de Moscow ont signé avec la Région Bretagne, rue Pasteur.",
        );
        assert!(has(&f, "Tver", "LOC"), "{f:?}");
        let moscow = f.iter().find(|(t, _, _)| t == "Moscow").unwrap();
        assert_eq!(moscow.2, "Moscou");
        assert!(has(&f, "Région Bretagne", "LOC"), "{f:?}");
        assert!(has(&f, "rue Pasteur", "LOC"), "{f:?}");
        let f = found("Il habite rue des Forges, près du Havre.");
        assert!(has(&f, "rue des Forges", "LOC"), "{f:?}");
        let havre = f.iter().find(|(t, _, _)| t == "Havre").unwrap();
        assert_eq!(havre.2, "Le Havre");
    }

    #[test]
    fn a_lower_case_lead_in_of_the_lexicon_picks_the_place() {
        // the gazetteer has "région de Leningrad" (the oblast) and "Leningrad" (the city)
        let f = found("La région de Leningrad a signé avec la Bretagne.");
        let oblast = f.iter().find(|(t, _, _)| t == "Leningrad").unwrap();
        assert_eq!(
            (oblast.1, oblast.2.as_str()),
            ("LOC", "Oblast de Leningrad")
        );
        let f = found("Le maire de Leningrad a signé avec la Bretagne.");
        let city = f.iter().find(|(t, _, _)| t == "Leningrad").unwrap();
        assert_eq!(city.2, "Saint-Pétersbourg");
    }

    #[test]
    fn spelling_variants_merge_within_a_document() {
        let f = found(
            "Jean-Claude Berthelier a ouvert la séance. « Merci », a conclu Jean-Claude Bertelier.",
        );
        let variant = f
            .iter()
            .find(|(t, _, _)| t == "Jean-Claude Bertelier")
            .unwrap();
        assert_eq!(variant.2, "Jean-Claude Berthelier");
    }

    /// The mentions of a whole page (its credits and furniture found as the corpus does).
    fn page_mentions(body: &str) -> Vec<(String, &'static str)> {
        let doc =
            crate::corpus::document_from_bytes(std::path::Path::new("c.txt"), body.as_bytes(), 0)
                .unwrap()
                .0;
        Extractor::new()
            .unwrap()
            .analyse(&doc)
            .mentions
            .iter()
            .map(|m| (m.span.text(&doc.body).to_owned(), m.kind.code()))
            .collect()
    }

    #[test]
    fn credits_give_a_person_and_an_agency() {
        // the photographer first, or the agency first
        for credit in ["Ivan Sokolov/TASS", "Photo TASS/Ivan Sokolov"] {
            let got = page_mentions(&format!(
                "Titre de l'article\n{credit}\nTexte de l'article."
            ));
            assert!(
                got.contains(&("Ivan Sokolov".into(), "PER")),
                "{credit}: {got:?}"
            );
            assert!(got.contains(&("TASS".into(), "ORG")), "{credit}: {got:?}");
        }
        // a newspaper's copyright line names the paper, not a person
        let got = page_mentions("Titre\n\nTexte.\n\n© Le Journal du Centre – 2018\n");
        assert_eq!(got, [("Le Journal du Centre".into(), "ORG")]);
        // an agency of two words, or an organisation with its complement, then the photographer
        for (agency, credit) in [
            ("Business France", "© Business France / Ksenia Malakhova"),
            (
                "Université de Bordeaux",
                "© Université de Bordeaux / Ksenia Malakhova",
            ),
        ] {
            let got = page_mentions(&format!("Titre\n\nLa salle. {credit}\n\nTexte.\n"));
            assert_eq!(
                got,
                [(agency.into(), "ORG"), ("Ksenia Malakhova".into(), "PER")],
                "{credit}"
            );
        }
    }

    #[test]
    fn apposition_after_a_role_and_hyphenated_surnames() {
        let f = found(
            "Le président du conseil départemental, Hervé Martin-Lalande, a reçu les invités. « Bienvenue », a dit Martin-Lalande.",
        );
        assert!(has(&f, "Hervé Martin-Lalande", "PER"), "{f:?}");
        assert!(has(&f, "Martin-Lalande", "PER"), "{f:?}");
    }

    #[test]
    fn company_names_may_open_with_an_article_and_regions_are_kept() {
        let f = found(
            "Des sociétés normandes, dont Le Roux Marine et Novalis, ont signé avec l'Université fédérale de Sibérie et le ministère de l'Économie de la Russie.",
        );
        assert!(has(&f, "Le Roux Marine", "ORG"), "{f:?}");
        assert!(has(&f, "Novalis", "ORG"), "{f:?}");
        assert!(has(&f, "Université fédérale de Sibérie", "ORG"), "{f:?}");
        assert!(has(&f, "ministère de l'Économie", "ORG"), "{f:?}");
    }

    #[test]
    fn participles_are_not_event_nouns() {
        let ex = Extractor::new().unwrap();
        let doc = Document::from_text(
            "p",
            "Le maire a rencontré les élus le 3 mai. Une rencontre aura lieu le 9 mai à Sotchi.",
        );
        let events = ex.analyse(&doc).events;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].date_start.unwrap().to_iso(), "--05-09");
    }

    #[test]
    fn small_towns_rivers_and_towns_as_surnames() {
        let f = found("Pierre Vernon, maire de Pithiviers, a remonté la Garonne jusqu'à Vernon.");
        assert!(has(&f, "Pierre Vernon", "PER"), "{f:?}");
        assert!(has(&f, "Pithiviers", "LOC"), "{f:?}");
        assert!(has(&f, "Garonne", "LOC"), "{f:?}");
        assert!(has(&f, "Vernon", "LOC"), "{f:?}");
        // a region after a first name is no surname
        let f = found("Elle est venue avec Anne en Bretagne, puis avec Anne Bretagne.");
        assert!(
            has(&f, "Bretagne", "LOC") && !has(&f, "Anne Bretagne", "PER"),
            "{f:?}"
        );
    }

    #[test]
    fn buildings_streets_and_lakes_are_places() {
        let f = found(
            "Ils ont visité la cathédrale orthodoxe Saint-Basile et le palais des congrès Atlantia, au 4, route de Nantes, près du lac du Bourget.",
        );
        assert!(has(&f, "cathédrale orthodoxe Saint-Basile", "LOC"), "{f:?}");
        assert!(has(&f, "palais des congrès Atlantia", "LOC"), "{f:?}");
        assert!(has(&f, "route de Nantes", "LOC"), "{f:?}");
        assert!(has(&f, "lac du Bourget", "LOC"), "{f:?}");
        let f = found(
            "Le stand, près de la place Saint-Isaac et de la gare de Finlande, donne sur la perspective Nevski.",
        );
        for street in [
            "place Saint-Isaac",
            "gare de Finlande",
            "perspective Nevski",
        ] {
            assert!(has(&f, street, "LOC"), "{street}: {f:?}");
        }
        assert!(!has(&f, "Finlande", "LOC"), "{f:?}");
        let f = found("Ils ont flâné au jardin des Prébendes d'Oé, rue Pasteur d'Angers.");
        assert!(has(&f, "jardin des Prébendes d'Oé", "LOC"), "{f:?}");
        assert!(
            has(&f, "Angers", "LOC") && !has(&f, "rue Pasteur d'Angers", "LOC"),
            "{f:?}"
        );
        // the traditional areas of France and their vineyards
        let f = found("Ils ont sillonné le Beaujolais, la Tarentaise et la Côte de Nuits.");
        for area in ["Beaujolais", "Tarentaise", "Côte de Nuits"] {
            assert!(has(&f, area, "LOC"), "{area}: {f:?}");
        }
        // a sentence opening on "À" and a place nobody lists
        let f = found("Le groupe est reparti. À Woustviller, il a vu une presse.");
        assert!(has(&f, "Woustviller", "LOC"), "{f:?}");
        // near a place nobody lists, not near a person
        let f = found("La ferme est près de Tchoulym. Il s'est assis près de Ksenia Orlova.");
        assert!(has(&f, "Tchoulym", "LOC"), "{f:?}");
        assert!(
            !f.iter()
                .any(|(t, k, _)| t.starts_with("Ksenia") && *k == "LOC"),
            "{f:?}"
        );
        let f = found("Ils sont arrivés en gare de Lyon.");
        assert!(
            has(&f, "Lyon", "LOC") && !has(&f, "gare de Lyon", "LOC"),
            "{f:?}"
        );
        // a square needs its name right after it
        let f = found("La place de la France en Europe, dans la perspective de Moscou.");
        assert!(
            !f.iter()
                .any(|(t, _, _)| t.starts_with("place") || t.starts_with("persp")),
            "{f:?}"
        );
        // an institution is no building, and a road to a town is the town
        let f = found("L'Église catholique a salué la route de Nantes, prise vers Nantes.");
        assert!(!f.iter().any(|(t, _, _)| t.contains("Église")), "{f:?}");
        assert!(
            has(&f, "Nantes", "LOC") && !has(&f, "route de Nantes", "LOC"),
            "{f:?}"
        );
    }

    #[test]
    fn lower_case_sites_are_places_and_capitalised_estates_are_not() {
        let f = found(
            "Le groupe a longé l'étang de Berre, visité le château de Pierrefonds et le domaine de la Motte, puis le delta du Danube.",
        );
        for site in [
            "étang de Berre",
            "château de Pierrefonds",
            "domaine de la Motte",
            "delta du Danube",
        ] {
            assert!(has(&f, site, "LOC"), "{site}: {f:?}");
        }
        let f = found("Les vins du Château Lamothe-Bergeron sont exportés.");
        assert!(
            !f.iter()
                .any(|(t, k, _)| t.starts_with("Château") && *k == "LOC"),
            "{f:?}"
        );
    }

    #[test]
    fn farm_chambers_parks_and_public_bodies_are_organisations() {
        let f = found(
            "La chambre d'agriculture du Gers, le Parc naturel régional du Vercors, le Conservatoire botanique de Brest et l'Établissement public foncier de Normandie ont signé.",
        );
        for body in [
            "chambre d'agriculture du Gers",
            "Parc naturel régional du Vercors",
            "Conservatoire botanique de Brest",
            "Établissement public foncier de Normandie",
        ] {
            assert!(has(&f, body, "ORG"), "{body}: {f:?}");
        }
    }

    #[test]
    fn school_fields_family_firms_libraries_and_rectorates_are_whole_organisations() {
        let f = found(
            "L'École nationale supérieure des arts et métiers du textile, l'École d'ingénieurs en chimie des polymères, la médiathèque Louis-Aragon et le rectorat de Rennes ont reçu la scierie Martin et Fils et les Tissages Leroux & Fils.",
        );
        for body in [
            "École nationale supérieure des arts et métiers du textile",
            "École d'ingénieurs en chimie des polymères",
            "médiathèque Louis-Aragon",
            "rectorat de Rennes",
            "Martin et Fils",
            "Tissages Leroux & Fils",
        ] {
            assert!(has(&f, body, "ORG"), "{body}: {f:?}");
        }
        // a school's name stops before another body or an article
        let f = found("L'Université de Lille et la mairie de Lyon ont signé.");
        assert!(has(&f, "Université de Lille", "ORG"), "{f:?}");
    }

    #[test]
    fn russian_legal_forms_before_or_after_the_name() {
        let f = found(
            "Ont signé OOO « Neva-Trans », « Sibirski Sad » OOO et AO Permavia, avec la CCI du Var et la CCI de l'Isère.",
        );
        assert!(has(&f, "OOO « Neva-Trans »", "ORG"), "{f:?}");
        assert!(has(&f, "« Sibirski Sad » OOO", "ORG"), "{f:?}");
        assert!(has(&f, "AO Permavia", "ORG"), "{f:?}");
        assert!(has(&f, "CCI du Var", "ORG"), "{f:?}");
        assert!(has(&f, "CCI de l'Isère", "ORG"), "{f:?}");
        assert!(!has(&f, "OOO", "ORG") && !has(&f, "CCI", "ORG"), "{f:?}");
    }

    #[test]
    fn schools_numbered_universities_and_named_committees() {
        let f = found(
            "Le lycée Jean-Moulin, le lycée Les Eucalyptus, l'Université Lyon 2, l'Université Paris I – Panthéon-Sorbonne, Grenoble INP et le comité de jumelage Brest-Kaliningrad ont signé.",
        );
        for name in [
            "lycée Jean-Moulin",
            "lycée Les Eucalyptus",
            "Université Lyon 2",
            "Université Paris I – Panthéon-Sorbonne",
            "Grenoble INP",
            "comité de jumelage Brest-Kaliningrad",
        ] {
            assert!(has(&f, name, "ORG"), "{name}: {f:?}");
        }
        // a generic school is no name, nor is a number of students
        let f = found("Le lycée agricole et l'Université de Tomsk, 25 000 étudiants.");
        assert!(!f.iter().any(|(t, _, _)| t.contains("lycée")), "{f:?}");
        assert!(has(&f, "Université de Tomsk", "ORG"), "{f:?}");
    }

    #[test]
    fn newspapers_and_bodies_named_after_their_description() {
        let f = found(
            "Selon Le Courrier de l'Ouest et L'Écho des Vallées, le pôle de compétitivité Vitagora et le cluster Lyonbiopôle ont signé. Le journal le dit.",
        );
        assert!(has(&f, "Le Courrier de l'Ouest", "ORG"), "{f:?}");
        assert!(has(&f, "L'Écho des Vallées", "ORG"), "{f:?}");
        assert!(
            has(&f, "Vitagora", "ORG") && has(&f, "Lyonbiopôle", "ORG"),
            "{f:?}"
        );
        assert!(!f.iter().any(|(t, _, _)| t.contains("pôle de")), "{f:?}");
        assert!(!f.iter().any(|(t, _, _)| t.contains("journal")), "{f:?}");
    }

    #[test]
    fn bodies_named_by_a_place_and_more_words() {
        let f = found(
            "L'Agence de développement pour la Normandie (AD Normandie) a réuni Bretagne Commerce International, la Fromagerie du Val de Saire SARL, l'association Alsace-Iakoutie et l'Ensemble vocal Lamartine.",
        );
        for name in [
            "Agence de développement pour la Normandie",
            "AD Normandie",
            "Bretagne Commerce International",
            "Fromagerie du Val de Saire SARL",
            "Alsace-Iakoutie",
            "Ensemble vocal Lamartine",
        ] {
            assert!(has(&f, name, "ORG"), "{name}: {f:?}");
        }
        // a town before a person, a first name or another place is no body
        let f = found(
            "À Moscou Vladimir Poutine a reçu la France, Dijon, Lyon et l'ensemble des élus.",
        );
        assert!(!f.iter().any(|(_, k, _)| *k == "ORG"), "{f:?}");
    }

    #[test]
    fn works_ports_leagues_and_purposes_head_bodies() {
        let f = found(
            "Le Centre de soutien à l'exportation de Tver, la Ligue contre le cancer, le Grand port maritime du Havre, la Verrerie de l'Audomarois et l'Université polytechnique Hauts-de-France ont signé.",
        );
        for name in [
            "Centre de soutien à l'exportation de Tver",
            "Ligue contre le cancer",
            "Grand port maritime du Havre",
            "Verrerie de l'Audomarois",
            "Université polytechnique Hauts-de-France",
        ] {
            assert!(has(&f, name, "ORG"), "{name}: {f:?}");
        }
    }

    #[test]
    fn a_first_line_in_capitals_is_the_paper() {
        for (text, name) in [
            (
                "CHAMPS & CULTURES\nL'hebdo agricole\n\nUne délégation arrive.",
                "CHAMPS & CULTURES",
            ),
            (
                "L'ESTRAN DU NORD – Le quotidien\n\nUne délégation arrive.",
                "L'ESTRAN DU NORD",
            ),
        ] {
            assert!(has(&found(text), name, "ORG"), "{text}: {:?}", found(text));
        }
        let f = found("COMMUNIQUÉ DE PRESSE\n\nUne délégation arrive.");
        assert!(f.is_empty(), "{f:?}");
        let f = found("STRASBOURG\n\nUne délégation arrive.");
        assert!(has(&f, "STRASBOURG", "LOC"), "{f:?}");
    }

    #[test]
    fn an_event_word_is_no_person() {
        let f = found(
            "Point d'orgue de la semaine, le premier Forum franco-russe de la filière bois a réuni 180 participants.",
        );
        assert!(f.iter().all(|(_, kind, _)| *kind != "PER"), "{f:?}");
    }

    #[test]
    fn a_site_word_stays_part_of_the_place_name() {
        let f = found(
            "Ils ont vu le parc des Thermes, le golfe de Botnie, les quais de la Loire et l'église Saint-Jean, puis le parc technologique de Skolkovo.",
        );
        for name in [
            "parc des Thermes",
            "golfe de Botnie",
            "quais de la Loire",
            "église Saint-Jean",
            "Skolkovo",
        ] {
            assert!(has(&f, name, "LOC"), "{name}: {f:?}");
        }
        assert!(!has(&f, "Botnie", "LOC"), "{f:?}");
    }

    #[test]
    fn lower_case_eponyms_and_quoted_estates() {
        let f = found(
            "Elle dirige une équipe de l'institut Boreskov. Le « Domaine des Trois Chênes » exporte.",
        );
        assert!(has(&f, "institut Boreskov", "ORG"), "{f:?}");
        assert!(has(&f, "Domaine des Trois Chênes", "ORG"), "{f:?}");
        // a field of work and a quoted sentence are no names
        let f = found("Dans le domaine de la santé, « Nous avons signé », dit l'institut.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn patronymics_and_elided_particles_keep_the_surname() {
        let f = found("Zoulfia Marsovna Galeeva, vice-rectrice, a reçu Hélène d'Ormesson.");
        assert!(has(&f, "Zoulfia Marsovna Galeeva", "PER"), "{f:?}");
        assert!(has(&f, "Hélène d'Ormesson", "PER"), "{f:?}");
    }

    #[test]
    fn offsets_are_exact_and_sorted() {
        let ex = Extractor::new().unwrap();
        for (_, text) in crate::corpus::BUNDLED {
            let doc = Document::from_text("x", text);
            let a = ex.analyse(&doc);
            for w in a.mentions.windows(2) {
                assert!(w[0].span.start() <= w[1].span.start());
            }
            for m in &a.mentions {
                assert!(
                    doc.body.is_char_boundary(m.span.start())
                        && doc.body.is_char_boundary(m.span.end())
                );
                assert!(m.span.start() < m.span.end());
            }
        }
    }
}
