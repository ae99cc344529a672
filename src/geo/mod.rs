//! Geography for the map pane, with no egui: country outlines (Natural Earth, converted once
//! to `assets/geo/countries.json`), the gazetteer's coordinates by canonical name, the
//! map projection, point-in-polygon, and the rule that turns a travel event into an arc.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::extract::lexicon::{Place, PlaceKind};
use crate::model::{Event, EventKind};

/// The standard parallel of the equirectangular projection: east–west distances are
/// exact at 50° N (between Paris and Moscow), so neither country looks stretched.
pub const STANDARD_PARALLEL_DEG: f64 = 50.0;

/// One country: its outline rings as (lon, lat) degrees. Rings of one country combine
/// with the even–odd rule (holes, islands).
#[derive(Clone, Debug)]
pub struct Country {
    /// The Natural Earth short name (English): `France`, `Russia`.
    pub name: String,
    /// ISO 3166-1 numeric code as text (`250` for France), as world-atlas gives it.
    pub iso_n3: String,
    /// Closed rings of `[lon, lat]`; the last point joins the first.
    pub rings: Vec<Vec<[f32; 2]>>,
    /// `[lon_min, lat_min, lon_max, lat_max]`.
    pub bbox: [f32; 4],
}

impl Country {
    /// True when (lon, lat) lies inside the outline (even–odd over every ring).
    pub fn contains(&self, lon: f32, lat: f32) -> bool {
        let [x0, y0, x1, y1] = self.bbox;
        if lon < x0 || lon > x1 || lat < y0 || lat > y1 {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            let n = ring.len();
            for i in 0..n {
                let [xa, ya] = ring[i];
                let [xb, yb] = ring[(i + 1) % n];
                if (ya > lat) != (yb > lat) && lon < xa + (lat - ya) / (yb - ya) * (xb - xa) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// The country outlines of the bundled asset.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    /// Provenance and licence, as written in the asset.
    pub source: String,
    /// Countries by name.
    pub countries: Vec<Country>,
}

#[derive(Deserialize)]
struct AtlasFile {
    source: String,
    countries: Vec<CountryFile>,
}

#[derive(Deserialize)]
struct CountryFile {
    name: String,
    #[serde(default)]
    iso_n3: String,
    /// Flat `lon, lat, lon, lat …` in hundredths of a degree.
    rings: Vec<Vec<i32>>,
}

impl Atlas {
    /// The bundled outlines, parsed once (an unreadable asset gives an empty atlas).
    pub fn bundled() -> &'static Atlas {
        static ATLAS: OnceLock<Atlas> = OnceLock::new();
        ATLAS.get_or_init(|| {
            Self::parse(include_str!("../../assets/geo/countries.json")).unwrap_or_default()
        })
    }

    /// Parses the asset format (see `assets/geo/convert.py`).
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let file: AtlasFile = serde_json::from_str(text)?;
        let countries = file
            .countries
            .into_iter()
            .map(|c| {
                #[allow(clippy::cast_precision_loss)] // hundredths of a degree fit f32
                let rings: Vec<Vec<[f32; 2]>> = c
                    .rings
                    .iter()
                    .map(|flat| {
                        flat.chunks_exact(2)
                            .map(|p| [p[0] as f32 / 100.0, p[1] as f32 / 100.0])
                            .collect()
                    })
                    .collect();
                let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
                for &[x, y] in rings.iter().flatten() {
                    bbox = [
                        bbox[0].min(x),
                        bbox[1].min(y),
                        bbox[2].max(x),
                        bbox[3].max(y),
                    ];
                }
                Country {
                    name: c.name,
                    iso_n3: c.iso_n3,
                    rings,
                    bbox,
                }
            })
            .collect();
        Ok(Self {
            source: file.source,
            countries,
        })
    }

    /// The country of this name.
    pub fn country(&self, name: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.name == name)
    }

    /// The country whose outline holds (lon, lat).
    pub fn country_at(&self, lon: f32, lat: f32) -> Option<&Country> {
        self.countries.iter().find(|c| c.contains(lon, lat))
    }
}

/// Projects (lon, lat) to plane coordinates in degrees (x east, y north).
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    (lon * STANDARD_PARALLEL_DEG.to_radians().cos(), lat)
}

/// The inverse of [`project`].
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    (x / STANDARD_PARALLEL_DEG.to_radians().cos(), y)
}

#[derive(Deserialize)]
struct PlacesFile {
    places: Vec<Place>,
}

/// The gazetteer's places by canonical name (the lexicon the extractor uses), parsed once.
pub fn gazetteer() -> &'static BTreeMap<String, Place> {
    static PLACES: OnceLock<BTreeMap<String, Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        ron::from_str::<PlacesFile>(include_str!("../../assets/lexicon/places.ron"))
            .map(|f| f.places.into_iter().map(|p| (p.name.clone(), p)).collect())
            .unwrap_or_default()
    })
}

/// Folded name or alias → canonical gazetteer name.
fn folded_index() -> &'static BTreeMap<String, String> {
    static INDEX: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = BTreeMap::new();
        for place in gazetteer().values() {
            for name in std::iter::once(&place.name).chain(&place.aliases) {
                index
                    .entry(crate::text::fold(name))
                    .or_insert_with(|| place.name.clone());
            }
        }
        index
    })
}

/// Words of an administrative prefix the entity rules keep in a canonical name
/// (`Région Provence-Alpes-Côte d’Azur`, `ville de Lyon`, `oblast de Moscou`).
const PREFIX_WORDS: &[&str] = &[
    "region",
    "departement",
    "ville",
    "oblast",
    "republique",
    "krai",
    "territoire",
    "province",
    "de",
    "du",
    "d'",
    "la",
    "l'",
];

/// The gazetteer entry for a place's canonical name: exact, else by its folded form or an
/// alias, else without an administrative prefix (`Région Provence-Alpes-Côte d’Azur` →
/// `Provence-Alpes-Côte d'Azur`).
pub fn locate(name: &str) -> Option<&'static Place> {
    let gaz = gazetteer();
    if let Some(place) = gaz.get(name) {
        return Some(place);
    }
    let index = folded_index();
    let mut folded = crate::text::fold(name);
    loop {
        if let Some(place) = index.get(folded.trim()).and_then(|n| gaz.get(n)) {
            return Some(place);
        }
        let rest = folded.trim_start();
        let word_end = rest.find([' ', '\'']).map(|i| {
            if rest[i..].starts_with('\'') {
                i + 1
            } else {
                i
            }
        })?;
        let word = &rest[..word_end];
        if !PREFIX_WORDS.contains(&word) || word_end >= rest.len() {
            return None;
        }
        folded = rest[word_end..].to_owned();
    }
}

/// Places drawn as dots: towns, regions, departments and sites. Countries and continents
/// are left out (their coordinate is a capital or a centre: a dot there would say "Moscou"
/// for every mention of "Russie"); they still serve as arc ends. Waters are left out too:
/// a river is a line, not a point.
pub fn is_dot(place: &Place) -> bool {
    !matches!(
        place.kind,
        PlaceKind::Country | PlaceKind::Continent | PlaceKind::Water
    ) && !place.country.is_empty()
}

/// Event kinds that move people from one place to another (drawn as arcs).
pub fn is_travel(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Delegation | EventKind::Visit | EventKind::TradeMission
    )
}

/// The (origin, destination) of a travel event, by canonical place name.
///
/// Rule: among the event's places that the gazetteer locates in a country (continents and
/// areas are skipped), the origin is the first one, the destination the first later place
/// in *another* country, a town or region before a country (`[Moscou, Lyon]` → Moscou →
/// Lyon; `[Russie, Lyon, Marseille]` → Russie → Lyon; `[Moscou, France, Lyon]` → Moscou →
/// Lyon; `[Région PACA, Russie]` → Provence-Alpes-Côte d'Azur → Russie). An event whose places all lie in one country, or that is not a
/// delegation, visit or trade mission, has no arc: the text rarely says which way a
/// delegation went within one country.
pub fn arc_of(event: &Event) -> Option<(&str, &str)> {
    if !is_travel(event.kind) {
        return None;
    }
    let located: Vec<&Place> = event
        .places
        .iter()
        .filter_map(|name| locate(name))
        .filter(|p| !p.country.is_empty())
        .collect();
    let origin = located.first()?;
    let abroad = || located.iter().filter(|p| p.country != origin.country);
    // a town or region abroad says more than its country (`[Moscou, France, Lyon]`)
    let destination = abroad().find(|p| is_dot(p)).or_else(|| abroad().next())?;
    Some((origin.name.as_str(), destination.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn lyon_is_in_france_and_moscou_in_russia() {
        let atlas = Atlas::bundled();
        let gaz = gazetteer();
        let (france, russia) = (
            atlas.country("France").unwrap(),
            atlas.country("Russia").unwrap(),
        );
        #[allow(clippy::cast_possible_truncation)]
        let at = |name: &str| {
            let p = &gaz[name];
            (p.lon as f32, p.lat as f32)
        };
        for city in ["Lyon", "Paris", "Marseille", "Strasbourg"] {
            let (lon, lat) = at(city);
            assert!(france.contains(lon, lat), "{city}");
            assert!(!russia.contains(lon, lat), "{city}");
        }
        for city in [
            "Moscou",
            "Saint-Pétersbourg",
            "Novossibirsk",
            "Irkoutsk",
            "Kazan",
        ] {
            let (lon, lat) = at(city);
            assert!(russia.contains(lon, lat), "{city}");
            assert!(!france.contains(lon, lat), "{city}");
        }
        assert_eq!(
            atlas.country_at(2.35, 48.86).map(|c| c.name.as_str()),
            Some("France")
        );
        assert!(
            atlas.country_at(-5.0, 46.0).is_none(),
            "the Bay of Biscay is sea"
        );
    }

    #[test]
    fn arcs_follow_the_first_change_of_country() {
        let ev = |kind, places: &[&str]| Event {
            kind,
            date_start: None,
            date_end: None,
            places: places.iter().map(|p| (*p).into()).collect(),
            participants: Vec::new(),
            evidence: Span::new(0, 1),
            name: None,
        };
        let d = EventKind::Delegation;
        assert_eq!(
            arc_of(&ev(d, &["Moscou", "Lyon"])),
            Some(("Moscou", "Lyon"))
        );
        assert_eq!(
            arc_of(&ev(d, &["Russie", "Lyon", "Marseille"])),
            Some(("Russie", "Lyon"))
        );
        assert_eq!(arc_of(&ev(d, &["Lyon", "Marseille"])), None);
        assert_eq!(
            arc_of(&ev(d, &["Moscou", "France", "Lyon"])),
            Some(("Moscou", "Lyon"))
        );
        assert_eq!(arc_of(&ev(d, &["Europe", "Lyon"])), None);
        assert_eq!(arc_of(&ev(EventKind::Forum, &["Moscou", "Lyon"])), None);
        assert_eq!(
            arc_of(&ev(
                EventKind::Visit,
                &["Région Provence-Alpes-Côte d’Azur", "Russie"]
            )),
            Some(("Provence-Alpes-Côte d'Azur", "Russie"))
        );
        assert_eq!(
            locate("ville de Moscou").map(|p| p.name.as_str()),
            Some("Moscou")
        );
        assert_eq!(locate("Moscow").map(|p| p.name.as_str()), Some("Moscou"));
        assert!(locate("Région").is_none() && locate("Atlantide").is_none());
    }

    #[test]
    fn projection_round_trips() {
        let (x, y) = project(37.6, 55.75);
        let (lon, lat) = unproject(x, y);
        assert!((lon - 37.6).abs() < 1e-9 && (lat - 55.75).abs() < 1e-9);
    }
}
