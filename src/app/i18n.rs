//! Every string the app shows, in French and English. Panes ask [`Lang::t`] for a [`Msg`];
//! kind names, month names and dates are formatted here too, so a language switch is one
//! field in the app state.

use serde::{Deserialize, Serialize};

use crate::model::{DatePrecision, EntityKind, EventKind, PartialDate};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Français (the default: the corpus is French).
    #[default]
    Fr,
    /// English.
    En,
}

/// A UI string.
#[allow(missing_docs)] // each variant is its own documentation
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Search,
    SearchHint,
    Open,
    OpenTip,
    Export,
    ExportTip,
    Settings,
    Language,
    Theme,
    Light,
    Dark,
    Timeline,
    FitAll,
    Documents,
    Date,
    Title,
    Source,
    EntitiesShort,
    EventsShort,
    NoDocument,
    NoDocumentHint,
    Entities,
    EntitySearch,
    SortByCount,
    SortByName,
    People,
    Organisations,
    Places,
    Sectors,
    Concordance,
    Previous,
    Next,
    Mentions,
    DocsCount,
    Aliases,
    File,
    Encoding,
    Publisher,
    PublishedDate,
    Undated,
    YearUnknown,
    UndatedEvents,
    NoEvents,
    Participants,
    EventPlaces,
    Evidence,
    Loading,
    Files,
    Warnings,
    Warning,
    Cancel,
    ClearFilters,
    CorpusPath,
    OpenCorpusTitle,
    OpenButton,
    ExportPath,
    ExportTitle,
    Close,
    Exported,
    Rows,
    DropHint,
    Legend,
    Here,
    Selected,
    BrushHint,
    Range,
    Matching,
    Precision,
    DayPrecision,
    MonthPrecision,
    YearPrecision,
    Event,
    Document,
    What,
    Format,
}

impl Lang {
    /// The string for `msg` in this language.
    #[allow(clippy::too_many_lines)] // one flat table reads best
    pub fn t(self, msg: Msg) -> &'static str {
        let (fr, en) = match msg {
            Msg::Search => ("Recherche", "Search"),
            Msg::SearchHint => ("Rechercher dans les articles…", "Search the articles…"),
            Msg::Open => ("Ouvrir…", "Open…"),
            Msg::OpenTip => (
                "Ouvrir un dossier d’articles (Ctrl+O) ; on peut aussi déposer des fichiers",
                "Open a folder of articles (Ctrl+O); you can also drop files",
            ),
            Msg::Export => ("Exporter…", "Export…"),
            Msg::ExportTip => (
                "Exporter la sélection filtrée (Ctrl+E)",
                "Export the filtered selection (Ctrl+E)",
            ),
            Msg::Settings => ("Réglages", "Settings"),
            Msg::Language => ("Langue", "Language"),
            Msg::Theme => ("Thème", "Theme"),
            Msg::Light => ("Clair", "Light"),
            Msg::Dark => ("Sombre", "Dark"),
            Msg::Timeline => ("Chronologie", "Timeline"),
            Msg::FitAll => ("Tout afficher", "Fit all"),
            Msg::Documents => ("Articles", "Articles"),
            Msg::Date => ("Date", "Date"),
            Msg::Title => ("Titre", "Title"),
            Msg::Source => ("Source", "Source"),
            Msg::EntitiesShort => ("Entités", "Entities"),
            Msg::EventsShort => ("Évén.", "Events"),
            Msg::NoDocument => ("Aucun article ouvert", "No article open"),
            Msg::NoDocumentHint => (
                "Choisissez un article dans la liste (↑/↓ puis Entrée), une entité ou un événement.",
                "Pick an article in the list (↑/↓ then Enter), an entity or an event.",
            ),
            Msg::Entities => ("Entités", "Entities"),
            Msg::EntitySearch => ("Filtrer les entités", "Filter entities"),
            Msg::SortByCount => ("par fréquence", "by count"),
            Msg::SortByName => ("par nom", "by name"),
            Msg::People => ("Personnes", "People"),
            Msg::Organisations => ("Organisations", "Organisations"),
            Msg::Places => ("Lieux", "Places"),
            Msg::Sectors => ("Secteurs", "Sectors"),
            Msg::Concordance => ("Concordance", "Concordance"),
            Msg::Previous => ("‹ Précédente", "‹ Previous"),
            Msg::Next => ("Suivante ›", "Next ›"),
            Msg::Mentions => ("mentions", "mentions"),
            Msg::DocsCount => ("articles", "articles"),
            Msg::Aliases => ("Variantes", "Aliases"),
            Msg::File => ("Fichier", "File"),
            Msg::Encoding => ("Encodage", "Encoding"),
            Msg::Publisher => ("Éditeur", "Publisher"),
            Msg::PublishedDate => ("Publié", "Published"),
            Msg::Undated => ("sans date", "undated"),
            Msg::YearUnknown => ("Année inconnue", "Year unknown"),
            Msg::UndatedEvents => ("sans date", "undated"),
            Msg::NoEvents => (
                "Aucun événement daté dans cette sélection",
                "No dated event in this selection",
            ),
            Msg::Participants => ("Participants", "Participants"),
            Msg::EventPlaces => ("Lieux", "Places"),
            Msg::Evidence => ("Passage source", "Source passage"),
            Msg::Loading => ("Chargement", "Loading"),
            Msg::Files => ("fichiers", "files"),
            Msg::Warnings => ("avertissements", "warnings"),
            Msg::Warning => ("avertissement", "warning"),
            Msg::Cancel => ("Annuler", "Cancel"),
            Msg::ClearFilters => ("Tout effacer", "Clear all"),
            Msg::CorpusPath => ("Chemin du corpus", "Corpus path"),
            Msg::OpenCorpusTitle => ("Ouvrir un corpus", "Open a corpus"),
            Msg::OpenButton => ("Ouvrir", "Open"),
            Msg::ExportPath => ("Fichier d’export", "Export file"),
            Msg::ExportTitle => ("Exporter", "Export"),
            Msg::Close => ("Fermer", "Close"),
            Msg::Exported => ("Exporté", "Exported"),
            Msg::Rows => ("lignes", "rows"),
            Msg::DropHint => (
                "Déposez des fichiers .txt ou un dossier pour les ouvrir",
                "Drop .txt files or a folder to open them",
            ),
            Msg::Legend => ("Surlignage", "Highlight"),
            Msg::Here => ("ici", "here"),
            Msg::Selected => ("Sélection", "Selection"),
            Msg::BrushHint => (
                "Glisser : déplacer · Maj+glisser : filtrer une période · Ctrl+molette : zoom",
                "Drag: pan · Shift+drag: filter a period · Ctrl+wheel: zoom",
            ),
            Msg::Range => ("Période", "Period"),
            Msg::Matching => ("sur", "of"),
            Msg::Precision => ("précision", "precision"),
            Msg::DayPrecision => ("jour", "day"),
            Msg::MonthPrecision => ("mois", "month"),
            Msg::YearPrecision => ("année", "year"),
            Msg::Event => ("Événement", "Event"),
            Msg::Document => ("Article", "Article"),
            Msg::What => ("Contenu", "Content"),
            Msg::Format => ("Format", "Format"),
        };
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// Plural name of an entity kind (sidebar sections, legend).
    pub fn entity_kind(self, kind: EntityKind) -> &'static str {
        match kind {
            EntityKind::Person => self.t(Msg::People),
            EntityKind::Organisation => self.t(Msg::Organisations),
            EntityKind::Place => self.t(Msg::Places),
            EntityKind::Sector => self.t(Msg::Sectors),
            EntityKind::Date => match self {
                Lang::Fr => "Dates",
                Lang::En => "Dates",
            },
        }
    }

    /// Singular name of an entity kind (tooltips).
    pub fn entity_kind_one(self, kind: EntityKind) -> &'static str {
        let (fr, en) = match kind {
            EntityKind::Person => ("personne", "person"),
            EntityKind::Organisation => ("organisation", "organisation"),
            EntityKind::Place => ("lieu", "place"),
            EntityKind::Date => ("date", "date"),
            EntityKind::Sector => ("secteur", "sector"),
        };
        self.pick(fr, en)
    }

    /// Name of an event kind (timeline lanes).
    pub fn event_kind(self, kind: EventKind) -> &'static str {
        let (fr, en) = match kind {
            EventKind::Delegation => ("Délégation", "Delegation"),
            EventKind::Visit => ("Visite", "Visit"),
            EventKind::TradeMission => ("Mission d’affaires", "Trade mission"),
            EventKind::Forum => ("Forum", "Forum"),
            EventKind::Seminar => ("Séminaire", "Seminar"),
            EventKind::Conference => ("Conférence", "Conference"),
            EventKind::Teleconference => ("Visioconférence", "Teleconference"),
            EventKind::Meeting => ("Réunion", "Meeting"),
            EventKind::RoundTable => ("Table ronde", "Round table"),
            EventKind::Exhibition => ("Salon", "Exhibition"),
            EventKind::Agreement => ("Accord", "Agreement"),
            EventKind::Other => ("Autre", "Other"),
        };
        self.pick(fr, en)
    }

    /// The French or the English string, by language.
    pub fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// Month name, 1–12 (full when `long`).
    pub fn month(self, month: u8, long: bool) -> &'static str {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const FR_SHORT: [&str; 12] = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const EN_SHORT: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let table = match (self, long) {
            (Lang::Fr, true) => &FR,
            (Lang::Fr, false) => &FR_SHORT,
            (Lang::En, true) => &EN,
            (Lang::En, false) => &EN_SHORT,
        };
        table
            .get(usize::from(month.saturating_sub(1)))
            .copied()
            .unwrap_or("")
    }

    /// A partial date in words at its own precision: `16 mai 2017`, `mai 2017`, `2017`,
    /// `16 mai` (year unknown).
    pub fn date(self, date: &PartialDate) -> String {
        let month = date.month.map(|m| self.month(m, true));
        let parts: Vec<String> = match self {
            Lang::Fr => [
                date.day.map(|d| {
                    if d == 1 {
                        "1er".to_owned()
                    } else {
                        d.to_string()
                    }
                }),
                month.map(str::to_owned),
                date.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Lang::En => {
                let md = match (month, date.day) {
                    (Some(m), Some(d)) => Some(format!("{d} {m}")),
                    (Some(m), None) => Some(m.to_owned()),
                    _ => None,
                };
                [md, date.year.map(|y| y.to_string())]
                    .into_iter()
                    .flatten()
                    .collect()
            }
        };
        parts.join(" ")
    }

    /// The name of a date precision.
    pub fn precision(self, precision: DatePrecision) -> &'static str {
        self.t(match precision {
            DatePrecision::Day => Msg::DayPrecision,
            DatePrecision::Month => Msg::MonthPrecision,
            DatePrecision::Year => Msg::YearPrecision,
        })
    }

    /// A date range in words: `16–17 mai 2017`, or `mai 2017 – juin 2017`.
    pub fn date_range(self, start: Option<&PartialDate>, end: Option<&PartialDate>) -> String {
        match (start, end) {
            (Some(s), Some(e)) if s != e => {
                if s.year == e.year && s.month == e.month && s.day.is_some() && e.day.is_some() {
                    let (sd, rest) = (s.day.unwrap_or(1), self.date(e));
                    format!("{sd}–{rest}")
                } else {
                    format!("{} – {}", self.date(s), self.date(e))
                }
            }
            (Some(s), _) => self.date(s),
            (None, Some(e)) => self.date(e),
            (None, None) => self.t(Msg::Undated).to_owned(),
        }
    }

    /// Thousands-separated count (`12 345` in French, `12,345` in English).
    pub fn count(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = match self {
            Lang::Fr => '\u{202f}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + 4);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A size with one decimal in MB (kB below a megabyte), comma in French.
    pub fn megabytes(self, bytes: u64) -> String {
        #[allow(clippy::cast_precision_loss)] // display only
        let (value, unit_fr, unit_en) = if bytes < 1_000_000 {
            (format!("{:.0}", bytes as f64 / 1e3), "ko", "kB")
        } else {
            (format!("{:.1}", bytes as f64 / 1e6), "Mo", "MB")
        };
        match self {
            Lang::Fr => format!("{} {unit_fr}", value.replace('.', ",")),
            Lang::En => format!("{value} {unit_en}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = PartialDate::ymd(2017, 5, 16).unwrap();
        assert_eq!(Lang::Fr.date(&d), "16 mai 2017");
        assert_eq!(Lang::En.date(&d), "16 May 2017");
        let first = PartialDate::ymd(2013, 3, 1).unwrap();
        assert_eq!(Lang::Fr.date(&first), "1er mars 2013");
        let e = PartialDate::ymd(2017, 5, 17).unwrap();
        assert_eq!(Lang::Fr.date_range(Some(&d), Some(&e)), "16–17 mai 2017");
        assert_eq!(Lang::Fr.count(12345), "12\u{202f}345");
        assert_eq!(Lang::En.count(1234567), "1,234,567");
        assert_eq!(Lang::Fr.megabytes(3_400_000), "3,4 Mo");
    }
}
