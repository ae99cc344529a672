//! Exports of what the user filtered, for papers, spreadsheets and calendars: CSV, JSON, RON,
//! Markdown, iCalendar and a self-contained HTML page.
//!
//! Rows are built once from `(store, query result)` by [`Rows::build`]; each format module
//! renders those rows to bytes; [`atomic`] writes the bytes so that a failed export never
//! leaves a half file nor clobbers the existing one. The CLI (`passerelle export`) and the
//! GUI ("Export…") both call [`export_to_file`].

pub mod atomic;
mod csv;
mod html;
mod ics;
mod json;
mod markdown;
mod ron;
pub mod rows;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::query::QueryResult;
use crate::store::Store;

pub use rows::{DocumentRow, EntityRow, EventRow, Evidence, Rows};

/// An export file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Comma- (or semicolon-) separated values, one row per item, formula injection guarded.
    #[value(name = "csv")]
    Csv,
    /// JSON, in the `extract` contract's shapes where they overlap.
    #[value(name = "json")]
    Json,
    /// RON (Rusty Object Notation): reads back into [`Rows`].
    #[value(name = "ron")]
    Ron,
    /// A GitHub-flavoured Markdown table.
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// iCalendar (RFC 5545): one all-day VEVENT per dated event.
    #[value(name = "ics", alias = "ical")]
    Ics,
    /// One self-contained HTML page: timeline and table.
    #[value(name = "html", alias = "htm")]
    Html,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Json,
        Format::Ron,
        Format::Markdown,
        Format::Ics,
        Format::Html,
    ];

    /// The command-line name (`csv`, `json`, `ron`, `md`, `ics`, `html`).
    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ron => "ron",
            Format::Markdown => "md",
            Format::Ics => "ics",
            Format::Html => "html",
        }
    }

    /// The usual file extension (the same as [`Format::code`]).
    pub fn extension(self) -> &'static str {
        self.code()
    }

    /// A human label for menus and file dialogs.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Ron => "RON",
            Format::Markdown => "Markdown",
            Format::Ics => "iCalendar",
            Format::Html => "HTML",
        }
    }

    /// The format a file name asks for, by extension (case-insensitive): `csv`, `json`,
    /// `ron`, `md`/`markdown`, `ics`, `html`/`htm`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "ron" => Some(Format::Ron),
            "md" | "markdown" => Some(Format::Markdown),
            "ics" => Some(Format::Ics),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a format or item name was not understood.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?}; expected one of: {expected}")]
pub struct ParseNameError {
    /// What was being parsed ("export format", "export item").
    pub what: &'static str,
    /// The text given.
    pub given: String,
    /// The accepted names.
    pub expected: &'static str,
}

impl FromStr for Format {
    type Err = ParseNameError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let code = text.trim().trim_start_matches('.').to_ascii_lowercase();
        match code.as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "ron" => Ok(Format::Ron),
            "md" | "markdown" => Ok(Format::Markdown),
            "ics" | "ical" => Ok(Format::Ics),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(ParseNameError {
                what: "export format",
                given: text.to_owned(),
                expected: "csv, json, ron, md, ics, html",
            }),
        }
    }
}

/// What an export lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum What {
    /// The matching documents.
    Documents,
    /// The entities mentioned in the matching documents.
    Entities,
    /// The matching events (the default).
    #[default]
    Events,
}

impl What {
    /// Every choice, in menu order.
    pub const ALL: [What; 3] = [What::Events, What::Documents, What::Entities];

    /// The command-line name (`documents`, `entities`, `events`).
    pub fn code(self) -> &'static str {
        match self {
            What::Documents => "documents",
            What::Entities => "entities",
            What::Events => "events",
        }
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for What {
    type Err = ParseNameError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "documents" | "docs" => Ok(What::Documents),
            "entities" => Ok(What::Entities),
            "events" => Ok(What::Events),
            _ => Err(ParseNameError {
                what: "export item",
                given: text.to_owned(),
                expected: "documents, entities, events",
            }),
        }
    }
}

/// How to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// The file format.
    pub format: Format,
    /// What to list.
    pub what: What,
    /// CSV only: start with a UTF-8 byte order mark (Excel then reads accents right).
    pub csv_bom: bool,
    /// CSV only: separate cells with `;` (French-locale spreadsheets) instead of `,`.
    pub csv_semicolon: bool,
}

impl ExportOptions {
    /// Options for `format` with the defaults: events, no BOM, comma-separated.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            what: What::default(),
            csv_bom: false,
            csv_semicolon: false,
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    /// Items written (rows, records, VEVENTs).
    pub rows: usize,
    /// Events left out of an ICS export for lack of a dated year (undated or year-less);
    /// always 0 for the other formats.
    pub skipped: usize,
    /// The file written.
    pub path: PathBuf,
}

/// Why rows could not be rendered (independent of where they go).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The format cannot hold this kind of item (ICS holds events only).
    #[error("{format} exports hold events only, not {what} (use --what events)")]
    Unsupported {
        /// The format asked for.
        format: Format,
        /// What was asked for.
        what: What,
    },
    /// The encoder failed.
    #[error("cannot encode {format}: {reason}")]
    Encode {
        /// The format.
        format: Format,
        /// The encoder's message.
        reason: String,
    },
}

/// Why an export failed. Every message names the target file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder to write into does not exist.
    #[error("cannot export to {}: the folder {} does not exist", path.display(), folder.display())]
    MissingFolder {
        /// The target file.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The target is a folder, not a file.
    #[error("cannot export to {}: it is a folder", path.display())]
    IsFolder {
        /// The target.
        path: PathBuf,
    },
    /// Writing failed (permissions, disk full …); the existing file, if any, is untouched.
    #[error("cannot write {}: {reason}", path.display())]
    Write {
        /// The target file.
        path: PathBuf,
        /// The system's message.
        reason: String,
    },
    /// The rows could not be rendered in the format asked for.
    #[error("cannot export to {}: {reason}", path.display())]
    Render {
        /// The target file.
        path: PathBuf,
        /// What went wrong.
        reason: RenderError,
    },
}

/// Rows rendered to bytes, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The file content.
    pub bytes: Vec<u8>,
    /// Items written.
    pub rows: usize,
    /// Events left out (ICS only).
    pub skipped: usize,
}

/// Renders rows in the format of `options` (the CSV flags apply to CSV only).
pub fn render(rows: &Rows, options: &ExportOptions) -> Result<Rendered, RenderError> {
    let encode = |format: Format| move |reason: String| RenderError::Encode { format, reason };
    let whole = |bytes: Vec<u8>| Rendered {
        bytes,
        rows: rows.len(),
        skipped: 0,
    };
    match options.format {
        Format::Csv => csv::render(rows, options.csv_bom, options.csv_semicolon)
            .map(whole)
            .map_err(encode(Format::Csv)),
        Format::Json => json::render(rows).map(whole).map_err(encode(Format::Json)),
        Format::Ron => ron::render(rows).map(whole).map_err(encode(Format::Ron)),
        Format::Markdown => Ok(whole(markdown::render(rows).into_bytes())),
        Format::Html => Ok(whole(html::render(rows).into_bytes())),
        Format::Ics => {
            let Rows::Events(events) = rows else {
                return Err(RenderError::Unsupported {
                    format: Format::Ics,
                    what: rows.what(),
                });
            };
            let calendar = ics::render(events, chrono::Utc::now());
            Ok(Rendered {
                bytes: calendar.text.into_bytes(),
                rows: calendar.written,
                skipped: calendar.skipped,
            })
        }
    }
}

/// Builds the rows of `result`, renders them and writes them atomically to `path`.
pub fn export_to_file(
    store: &Store,
    result: &QueryResult,
    options: &ExportOptions,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    let rows = Rows::build(store, result, options.what);
    let rendered = render(&rows, options).map_err(|reason| ExportError::Render {
        path: path.to_owned(),
        reason,
    })?;
    atomic::write(path, &rendered.bytes)?;
    Ok(ExportSummary {
        rows: rendered.rows,
        skipped: rendered.skipped,
        path: path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_paths() {
        for format in Format::ALL {
            assert_eq!(format.code().parse::<Format>(), Ok(format));
            let path = PathBuf::from(format!("out.{}", format.extension()));
            assert_eq!(Format::from_path(&path), Some(format));
        }
        assert_eq!(
            Format::from_path(Path::new("a/b.MARKDOWN")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("x.htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("x.txt")), None);
        assert_eq!(Format::from_path(Path::new("noext")), None);
        assert!("xlsx".parse::<Format>().is_err());
        assert_eq!("events".parse::<What>(), Ok(What::Events));
        assert_eq!(What::default(), What::Events);
    }

    #[test]
    fn clap_names_match_the_contract() {
        use clap::ValueEnum;
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()))
            .collect();
        assert_eq!(names, ["csv", "json", "ron", "md", "ics", "html"]);
        assert_eq!(
            <Format as ValueEnum>::from_str("markdown", true),
            Ok(Format::Markdown)
        );
        assert_eq!(
            <What as ValueEnum>::from_str("documents", true),
            Ok(What::Documents)
        );
    }

    #[test]
    fn ics_refuses_documents() {
        let rows = Rows::Documents(Vec::new());
        let options = ExportOptions {
            what: What::Documents,
            ..ExportOptions::new(Format::Ics)
        };
        assert!(matches!(
            render(&rows, &options),
            Err(RenderError::Unsupported { .. })
        ));
    }
}
