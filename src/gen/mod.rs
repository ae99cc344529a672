//! A deterministic generator of realistic French press articles on Franco-Russian
//! cooperation, for scale tests and benchmarks (issue 8). The same seed always gives the
//! same bytes; every article is drawn from its own stream (seed, index), so generation runs
//! on all cores and any article can be rebuilt alone.
//!
//! Articles mix event sentences (delegations, visits, forums, seminars, agreements …) with
//! dates written the French way, filler sentences, a `Publié le …` header in most, photo
//! credits, and in about one in ten site furniture (cookies, newsletter, "Lire aussi").
//! About 1 % are written in Windows-1252, a few in UTF-16 with a BOM, some with CRLF line
//! endings. Files go into one subfolder per publication year.
//!
//! The generator also knows what it wrote: [`article`] returns the mentions and events it
//! placed, so benches can build a store at scale without depending on the extractor.

pub mod bench;
mod lexicon;

use std::path::{Path, PathBuf};

use chrono::Datelike;
use rayon::prelude::*;

use crate::model::{
    AnalysedDoc, Analysis, Document, EntityKind, Event, EventKind, Mention, PartialDate, Span,
};
use lexicon as lx;

/// Smallest article body, in bytes of UTF-8.
pub const MIN_BYTES: usize = 500;
/// Largest article body, in bytes of UTF-8.
pub const MAX_BYTES: usize = 20_000;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenOptions {
    /// Number of articles.
    pub docs: usize,
    /// Folder to write into (created if missing).
    pub out: PathBuf,
    /// Seed: the same seed gives the same files.
    pub seed: u64,
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenReport {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// How an article's file is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenEncoding {
    /// UTF-8, `\n` line endings.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8 with `\r\n` line endings.
    Utf8Crlf,
    /// Windows-1252 (legacy).
    Windows1252,
    /// UTF-16 little-endian with a byte-order mark.
    Utf16LeBom,
}

/// One generated article with what the generator put in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenArticle {
    /// Path relative to the output folder (`2019/000123_….txt`).
    pub rel_path: PathBuf,
    /// The text (UTF-8, `\n` line endings): what a reader decodes from the file.
    pub text: String,
    /// How the file is encoded.
    pub encoding: GenEncoding,
    /// The publication date written in the header, if any.
    pub pub_date: Option<PartialDate>,
    /// Entity mentions placed, in text order, with their canonical names.
    pub mentions: Vec<Mention>,
    /// Events written, in text order.
    pub events: Vec<Event>,
}

impl GenArticle {
    /// The file's bytes in its encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self.encoding {
            GenEncoding::Utf8 => self.text.as_bytes().to_vec(),
            GenEncoding::Utf8Bom => {
                let mut bytes = Vec::with_capacity(self.text.len() + 3);
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
                bytes.extend_from_slice(self.text.as_bytes());
                bytes
            }
            GenEncoding::Utf8Crlf => self.text.replace('\n', "\r\n").into_bytes(),
            GenEncoding::Windows1252 => {
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&self.text);
                bytes.into_owned()
            }
            GenEncoding::Utf16LeBom => {
                let mut bytes = Vec::with_capacity(self.text.len() * 2 + 2);
                bytes.extend_from_slice(&[0xFF, 0xFE]);
                for unit in self.text.encode_utf16() {
                    bytes.extend_from_slice(&unit.to_le_bytes());
                }
                bytes
            }
        }
    }

    /// The article as an analysed document whose analysis is what the generator placed
    /// (no extraction involved): for store and query benchmarks at scale.
    pub fn to_analysed(&self) -> AnalysedDoc {
        let doc_id = self
            .rel_path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let mut doc = Document::from_text(&doc_id, &self.text);
        doc.path.clone_from(&self.rel_path);
        doc.pub_date = self.pub_date;
        AnalysedDoc {
            doc,
            analysis: Analysis {
                mentions: self.mentions.clone(),
                events: self.events.clone(),
            },
        }
    }
}

/// Writes `options.docs` articles under `options.out` (one subfolder per year), on all cores.
pub fn generate(options: &GenOptions) -> std::io::Result<GenReport> {
    std::fs::create_dir_all(&options.out)?;
    for year in FIRST_YEAR..=LAST_YEAR {
        std::fs::create_dir_all(options.out.join(year.to_string()))?;
    }
    std::fs::create_dir_all(options.out.join(UNDATED_DIR))?;
    (0..options.docs)
        .into_par_iter()
        .map(|index| {
            let art = article(options.seed, index);
            let bytes = art.to_bytes();
            write_file(&options.out.join(&art.rel_path), &bytes)?;
            Ok(GenReport {
                files: 1,
                bytes: bytes.len() as u64,
            })
        })
        .try_reduce(GenReport::default, |a, b| {
            Ok(GenReport {
                files: a.files + b.files,
                bytes: a.bytes + b.bytes,
            })
        })
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| std::io::Error::new(e.kind(), format!("writing {}: {e}", path.display())))
}

/// `docs` articles as analysed documents carrying the generator's own annotations
/// (see [`GenArticle::to_analysed`]), built on all cores.
pub fn analysed_corpus(docs: usize, seed: u64) -> Vec<AnalysedDoc> {
    (0..docs)
        .into_par_iter()
        .map(|index| article(seed, index).to_analysed())
        .collect()
}

const FIRST_YEAR: i32 = 2008;
const LAST_YEAR: i32 = 2023;
const UNDATED_DIR: &str = "sans-date";

/// A small, fast, well-mixed PRNG (SplitMix64): enough for text generation and stable
/// across platforms and crate versions.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; 0 when `n == 0`).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // multiply-shift: unbiased enough for text, no division
        let wide = u128::from(self.next()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Uniform float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// A person of the article's cast.
#[derive(Clone, Debug)]
struct Person {
    full: String,
    last: String,
    title: String,
    mentioned: bool,
}

/// Text under construction, with the mentions placed so far.
#[derive(Debug, Default)]
struct Writer {
    text: String,
    mentions: Vec<Mention>,
}

impl Writer {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn entity(&mut self, surface: &str, kind: EntityKind, canonical: &str) {
        let start = self.text.len();
        self.text.push_str(surface);
        self.mentions.push(Mention {
            span: Span::new(start, self.text.len()),
            kind,
            canonical: canonical.into(),
        });
    }

    /// Writes `template`, replacing `{P}` (person), `{O}` (organisation), `{C}` (city),
    /// `{S}` (sector) and `{T}` (topic) with entities of the cast.
    fn fill(&mut self, template: &str, cast: &mut Cast, rng: &mut Rng) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.push(&rest[..open]);
            let slot = rest.get(open + 1..open + 2).unwrap_or("");
            rest = rest.get(open + 3..).unwrap_or("");
            match slot {
                "P" => cast.person(self, rng),
                "O" => {
                    let org = cast.org(rng);
                    self.entity(&org, EntityKind::Organisation, &org);
                }
                "C" => {
                    let city = cast.city(rng);
                    self.entity(city, EntityKind::Place, city);
                }
                "S" => self.push(rng.pick(lx::SECTORS)),
                _ => self.push(rng.pick(lx::TOPICS)),
            }
        }
        self.push(rest);
    }
}

/// The people, places and organisations an article talks about.
#[derive(Debug)]
struct Cast {
    people: Vec<Person>,
    orgs: Vec<String>,
    fr_city: &'static str,
    ru_city: &'static str,
    fr_region: &'static str,
    ru_region: &'static str,
}

impl Cast {
    fn new(rng: &mut Rng) -> Self {
        let fr_city = rng.pick(lx::FR_CITIES);
        let ru_city = rng.pick(lx::RU_CITIES);
        let fr_region = rng.pick(lx::FR_REGIONS);
        let ru_region = rng.pick(lx::RU_REGIONS);
        let mut people = Vec::new();
        for i in 0..rng.range(2, 5) {
            let is_russian = i % 2 == 1 || rng.chance(30);
            let (first, last) = if is_russian {
                (rng.pick(lx::RU_FIRST), rng.pick(lx::RU_LAST))
            } else {
                (rng.pick(lx::FR_FIRST), rng.pick(lx::FR_LAST))
            };
            let title = if rng.chance(30) {
                rng.pick(lx::PLAIN_TITLES).to_owned()
            } else if is_russian {
                format!("{} {}", rng.pick(lx::RU_TITLES), ru_city)
            } else {
                format!("{} {}", rng.pick(lx::FR_TITLES), fr_city)
            };
            people.push(Person {
                full: format!("{first} {last}"),
                last: last.to_owned(),
                title,
                mentioned: false,
            });
        }
        let mut orgs = Vec::new();
        for _ in 0..rng.range(1, 3) {
            orgs.push(if rng.chance(50) {
                rng.pick(lx::ORG_NAMES).to_owned()
            } else {
                let city = if rng.chance(50) { fr_city } else { ru_city };
                rng.pick(lx::ORG_PATTERNS).replace("{C}", city)
            });
        }
        Cast {
            people,
            orgs,
            fr_city,
            ru_city,
            fr_region,
            ru_region,
        }
    }

    /// Writes a person: the full name the first time, often the surname alone later.
    fn person(&mut self, w: &mut Writer, rng: &mut Rng) {
        let ix = rng.below(self.people.len());
        let Some(person) = self.people.get_mut(ix) else {
            return;
        };
        if person.mentioned && rng.chance(60) {
            w.entity(&person.last, EntityKind::Person, &person.full);
        } else {
            person.mentioned = true;
            w.entity(&person.full, EntityKind::Person, &person.full);
        }
    }

    fn person_with_title(&mut self, w: &mut Writer, rng: &mut Rng) -> String {
        let ix = rng.below(self.people.len());
        let Some(person) = self.people.get_mut(ix) else {
            return String::new();
        };
        person.mentioned = true;
        w.push(&person.title);
        w.push(", ");
        w.entity(&person.full, EntityKind::Person, &person.full);
        person.full.clone()
    }

    fn org(&self, rng: &mut Rng) -> String {
        self.orgs
            .get(rng.below(self.orgs.len()))
            .cloned()
            .unwrap_or_default()
    }

    fn city(&self, rng: &mut Rng) -> &'static str {
        match rng.below(3) {
            0 => self.fr_city,
            1 => self.ru_city,
            _ => rng.pick(lx::RU_CITIES),
        }
    }
}

/// A date written in French with the partial dates it denotes.
struct WrittenDate {
    text: String,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

fn written_date(rng: &mut Rng, year: i32) -> WrittenDate {
    let month = u8::try_from(rng.range(1, 12)).unwrap_or(1);
    let max_day = usize::from(crate::model::days_in_month(year, month));
    let day = u8::try_from(rng.range(1, max_day.saturating_sub(3).max(1))).unwrap_or(1);
    let month_name = lx::MONTHS
        .get(usize::from(month) - 1)
        .copied()
        .unwrap_or("");
    let ymd = |d: u8| PartialDate::ymd(year, month, d);
    let day_text = |d: u8| {
        if d == 1 {
            "1er".to_owned()
        } else {
            d.to_string()
        }
    };
    match rng.below(8) {
        0 | 1 => WrittenDate {
            text: format!("le {} {month_name} {year}", day_text(day)),
            start: ymd(day),
            end: None,
        },
        2 | 3 => {
            let last = day + u8::try_from(rng.range(1, 3)).unwrap_or(1);
            WrittenDate {
                text: format!("du {} au {last} {month_name} {year}", day_text(day)),
                start: ymd(day),
                end: ymd(last),
            }
        }
        4 => WrittenDate {
            text: format!("les {} et {} {month_name}", day_text(day), day + 1),
            start: ymd(day),
            end: ymd(day + 1),
        },
        5 => WrittenDate {
            text: format!("en {month_name} {year}"),
            start: PartialDate::year_month(year, month),
            end: None,
        },
        6 => {
            let weekday = chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
                .map_or(0, |d| d.weekday().num_days_from_monday() as usize);
            let name = lx::WEEKDAYS.get(weekday).copied().unwrap_or("lundi");
            WrittenDate {
                text: format!("ce {name} {} {month_name}", day_text(day)),
                start: ymd(day),
                end: None,
            }
        }
        _ => WrittenDate {
            text: format!("en {year}"),
            start: Some(PartialDate::year(year)),
            end: None,
        },
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Writes one event sentence and returns the event.
fn event_sentence(w: &mut Writer, cast: &mut Cast, rng: &mut Rng, year: i32) -> Event {
    let start = w.text.len();
    let date = written_date(rng, year);
    let mut places = Vec::new();
    let mut participants = Vec::new();
    let mut name = None;
    let kind = match rng.below(7) {
        0 => {
            w.push("Une délégation de la région ");
            let from = cast.fr_region;
            w.entity(from, EntityKind::Place, from);
            w.push(", conduite par ");
            participants.push(cast.person_with_title(w, rng));
            w.push(", s'est rendue à ");
            w.entity(cast.ru_city, EntityKind::Place, cast.ru_city);
            places.push(cast.ru_city.to_owned());
            w.push(" ");
            w.push(&date.text);
            w.push(".");
            EventKind::Delegation
        }
        1 => {
            let who = cast.person_with_title(w, rng);
            participants.push(who);
            w.push(", a effectué une visite officielle à ");
            w.entity(cast.fr_city, EntityKind::Place, cast.fr_city);
            places.push(cast.fr_city.to_owned());
            w.push(" ");
            w.push(&date.text);
            w.push(".");
            EventKind::Visit
        }
        2 => {
            let forum = rng.pick(lx::FORUM_NAMES);
            w.push("Le ");
            w.entity(forum, EntityKind::Organisation, forum);
            name = Some(forum.to_owned());
            w.push(" s'est tenu à ");
            w.entity(cast.ru_city, EntityKind::Place, cast.ru_city);
            places.push(cast.ru_city.to_owned());
            w.push(" ");
            w.push(&date.text);
            w.push(", en présence de ");
            cast.person(w, rng);
            w.push(".");
            EventKind::Forum
        }
        3 => {
            let (noun, code) = lx::EVENT_NOUNS
                .get(rng.below(lx::EVENT_NOUNS.len()))
                .copied()
                .unwrap_or(("une conférence", "conference"));
            w.push(&capitalise(noun));
            w.push(" sur ");
            w.push(rng.pick(lx::TOPICS));
            w.push(" a réuni une cinquantaine de participants à ");
            let city = cast.city(rng);
            w.entity(city, EntityKind::Place, city);
            places.push(city.to_owned());
            w.push(" ");
            w.push(&date.text);
            w.push(", à l'initiative de ");
            let org = cast.org(rng);
            w.entity(&org, EntityKind::Organisation, &org);
            participants.push(org);
            w.push(".");
            EventKind::from_code(code).unwrap_or(EventKind::Other)
        }
        4 => {
            let org = cast.org(rng);
            w.entity(&org, EntityKind::Organisation, &org);
            participants.push(org);
            w.push(" et la ");
            w.entity(cast.ru_region, EntityKind::Place, cast.ru_region);
            places.push(cast.ru_region.to_owned());
            w.push(" ont signé ");
            w.push(rng.pick(lx::AGREEMENTS));
            w.push(" dans le domaine de ");
            w.push(rng.pick(lx::SECTORS));
            w.push(" ");
            w.push(&date.text);
            w.push(".");
            EventKind::Agreement
        }
        5 => {
            w.push("Une mission économique de ");
            let org = cast.org(rng);
            w.entity(&org, EntityKind::Organisation, &org);
            participants.push(org);
            w.push(" se rendra à ");
            w.entity(cast.ru_city, EntityKind::Place, cast.ru_city);
            places.push(cast.ru_city.to_owned());
            w.push(" ");
            w.push(&date.text);
            w.push(" pour rencontrer des partenaires du secteur de ");
            w.push(rng.pick(lx::SECTORS));
            w.push(".");
            EventKind::TradeMission
        }
        _ => {
            w.push(&capitalise(&date.text));
            w.push(", ");
            cast.person(w, rng);
            w.push(" a reçu à ");
            w.entity(cast.fr_city, EntityKind::Place, cast.fr_city);
            places.push(cast.fr_city.to_owned());
            w.push(" une délégation de la ");
            w.entity(cast.ru_region, EntityKind::Place, cast.ru_region);
            w.push(" conduite par ");
            participants.push(cast.person_with_title(w, rng));
            w.push(".");
            EventKind::Delegation
        }
    };
    Event {
        kind,
        date_start: date.start,
        date_end: date.end,
        places: places.into_iter().map(Into::into).collect(),
        participants: participants.into_iter().map(Into::into).collect(),
        evidence: Span::new(start, w.text.len()),
        name,
    }
}

/// The target body length: most articles are short, a few long (mean ≈ 3 KB).
fn target_len(rng: &mut Rng) -> usize {
    let (lo, hi) = if rng.chance(85) {
        (MIN_BYTES as f64 + 40.0, 4_000.0)
    } else {
        (4_000.0, MAX_BYTES as f64 - 600.0)
    };
    // log-uniform between lo and hi
    let len = lo * (hi / lo).powf(rng.unit());
    len as usize
}

/// Builds article number `index` of the corpus seeded with `seed`.
pub fn article(seed: u64, index: usize) -> GenArticle {
    let mut rng = Rng::new(seed, index as u64);
    let year = i32::try_from(rng.range(FIRST_YEAR as usize, LAST_YEAR as usize)).unwrap_or(2015);
    let encoding = match rng.below(1000) {
        0..=9 => GenEncoding::Windows1252,
        10..=11 => GenEncoding::Utf16LeBom,
        12..=31 => GenEncoding::Utf8Bom,
        32..=81 => GenEncoding::Utf8Crlf,
        _ => GenEncoding::Utf8,
    };
    let mut target = target_len(&mut rng);
    if encoding == GenEncoding::Utf16LeBom {
        target = target.min(MAX_BYTES / 2 - 600);
    }
    let mut cast = Cast::new(&mut rng);
    let mut w = Writer::default();
    let month = u8::try_from(rng.range(1, 12)).unwrap_or(1);
    let day = u8::try_from(rng.range(1, 28)).unwrap_or(1);
    let month_name = lx::MONTHS
        .get(usize::from(month) - 1)
        .copied()
        .unwrap_or("");
    let pub_date = match rng.below(10) {
        0..=6 => {
            w.push(&format!(
                "Publié le {day} {month_name} {year} à {}h{:02}",
                rng.range(6, 22),
                rng.below(60)
            ));
            if rng.chance(40) {
                w.push(&format!(
                    " - Mis à jour le {} {month_name} {year}",
                    (day + 1).min(28)
                ));
            }
            w.push("\n");
            PartialDate::ymd(year, month, day)
        }
        7 => {
            w.push(&format!(" date {year}-{month:02} "));
            PartialDate::year_month(year, month)
        }
        _ => None,
    };
    // title
    match rng.below(4) {
        0 => w.fill(
            "{C} et la Russie renforcent leur coopération dans le secteur de {S}",
            &mut cast,
            &mut rng,
        ),
        1 => w.fill("{P} en visite officielle à {C}", &mut cast, &mut rng),
        2 => w.fill(
            "Coopération franco-russe : {O} mise sur {T}",
            &mut cast,
            &mut rng,
        ),
        _ => w.fill(
            "{C} : une délégation russe attendue pour parler de {S}",
            &mut cast,
            &mut rng,
        ),
    }
    w.push("\n");
    if rng.chance(20) {
        w.push("Crédit : ");
        let first = rng.pick(lx::FR_FIRST);
        let last = rng.pick(lx::FR_LAST);
        w.push(&format!("{first} {last}/{}\n", rng.pick(lx::AGENCIES)));
    }
    let has_boilerplate = rng.chance(10);
    let mut events = Vec::new();
    let mut paragraphs = 0;
    while w.text.len() < target {
        if has_boilerplate && rng.chance(25) {
            boilerplate_line(&mut w, &mut rng);
        }
        for s in 0..rng.range(2, 6) {
            if w.text.len() >= target {
                break;
            }
            if s > 0 {
                w.push(" ");
            }
            if rng.chance(35) {
                let event_year = year - i32::from(rng.chance(20));
                events.push(event_sentence(&mut w, &mut cast, &mut rng, event_year));
            } else {
                let template = rng.pick(lx::FILLERS);
                w.fill(template, &mut cast, &mut rng);
            }
        }
        w.push("\n");
        paragraphs += 1;
    }
    if has_boilerplate || paragraphs > 8 && rng.chance(10) {
        boilerplate_line(&mut w, &mut rng);
    }
    if rng.chance(3) {
        w.push("Dans le cadre d'une utilisation des contenus de ");
        w.push(rng.pick(lx::PUBLISHERS));
        w.push(", veuillez mentionner la source.\n");
    }
    let hash = Rng::new(seed ^ 0x5EED, index as u64).next();
    let folder = pub_date
        .and_then(|d| d.year)
        .map_or_else(|| UNDATED_DIR.to_owned(), |y| y.to_string());
    GenArticle {
        rel_path: Path::new(&folder).join(format!("{index:06}_{hash:016x}.txt")),
        text: w.text,
        encoding,
        pub_date,
        mentions: w.mentions,
        events,
    }
}

fn boilerplate_line(w: &mut Writer, rng: &mut Rng) {
    if rng.chance(40) {
        w.push("Lire aussi : ");
        w.push(rng.pick(lx::RU_CITIES));
        w.push(" accueille un nouveau forum sur ");
        w.push(rng.pick(lx::TOPICS));
    } else {
        w.push(rng.pick(lx::BOILERPLATE));
    }
    w.push("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        for index in [0, 1, 17, 999] {
            let a = article(7, index);
            let b = article(7, index);
            assert_eq!(a, b);
            assert_eq!(a.to_bytes(), b.to_bytes());
            assert_ne!(a.text, article(8, index).text);
        }
    }

    #[test]
    fn lengths_are_within_bounds_and_varied() {
        let lens: Vec<usize> = (0..2000).map(|i| article(1, i).text.len()).collect();
        assert!(
            lens.iter().all(|&l| (MIN_BYTES..=MAX_BYTES).contains(&l)),
            "{lens:?}"
        );
        let long = lens.iter().filter(|&&l| l > 8_000).count();
        let short = lens.iter().filter(|&&l| l < 1_500).count();
        assert!(long > 20 && short > 200, "long {long}, short {short}");
    }

    #[test]
    fn mentions_and_events_point_into_the_text() {
        for index in 0..300 {
            let art = article(3, index);
            for m in &art.mentions {
                let surface = m.span.text(&art.text);
                assert!(!surface.is_empty());
                assert!(
                    m.canonical.ends_with(surface) || &*m.canonical == surface,
                    "{m:?}"
                );
            }
            for e in &art.events {
                assert!(!e.evidence.text(&art.text).is_empty());
            }
        }
    }

    #[test]
    fn encodings_round_trip_through_the_decoder() {
        let mut seen = std::collections::HashSet::new();
        for index in 0..3000 {
            let art = article(2, index);
            if seen.insert(format!("{:?}", art.encoding)) {
                let decoded = crate::corpus::decode::decode(&art.to_bytes()).unwrap();
                assert_eq!(decoded.text, art.text, "{:?}", art.encoding);
            }
        }
        assert!(seen.len() >= 4, "{seen:?}");
    }

    #[test]
    fn writes_a_folder_tree_deterministically() {
        let dir = tempfile::tempdir().unwrap();
        let options = GenOptions {
            docs: 50,
            out: dir.path().join("a"),
            seed: 5,
        };
        let report = generate(&options).unwrap();
        assert_eq!(report.files, 50);
        let again = GenOptions {
            out: dir.path().join("b"),
            ..options.clone()
        };
        generate(&again).unwrap();
        let art = article(5, 10);
        let a = std::fs::read(options.out.join(&art.rel_path)).unwrap();
        let b = std::fs::read(again.out.join(&art.rel_path)).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, art.to_bytes());
    }
}
