//! The "Export…" menu's back end: the filtered selection (documents, entities or events)
//! goes through `crate::export` — the same code as `passerelle export` — to a file whose
//! extension picks the format; the result becomes a toast (row count and path).

use std::path::Path;

use crate::export::{self, ExportOptions, Format, What};
use crate::query::QueryResult;
use crate::store::Store;

use super::i18n::{Lang, Msg};

/// The file name suggested by the save dialog for `what`.
pub fn default_name(what: What) -> String {
    format!("passerelle-{}.csv", what.code())
}

/// The menu label of an export choice.
pub fn what_label(what: What, lang: Lang) -> &'static str {
    match (what, lang) {
        (What::Events, Lang::Fr) => "Événements…",
        (What::Events, Lang::En) => "Events…",
        (What::Documents, Lang::Fr) => "Articles…",
        (What::Documents, Lang::En) => "Articles…",
        (What::Entities, Lang::Fr) => "Entités…",
        (What::Entities, Lang::En) => "Entities…",
    }
}

/// Exports `what` of the filtered selection to `path`; returns the toast's message.
/// CSV gets a byte-order mark (spreadsheets then read accents right), and `;` separators
/// when the interface is in French (French-locale spreadsheets expect them).
pub fn export(
    store: &Store,
    result: &QueryResult,
    what: What,
    path: &Path,
    lang: Lang,
) -> Result<String, String> {
    let Some(format) = Format::from_path(path) else {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
        return Err(match lang {
            Lang::Fr => format!("Extension inconnue : utilisez .{}", names.join(", .")),
            Lang::En => format!("Unknown extension: use .{}", names.join(", .")),
        });
    };
    let options = ExportOptions {
        format,
        what,
        csv_bom: format == Format::Csv,
        csv_semicolon: format == Format::Csv && lang == Lang::Fr,
    };
    match export::export_to_file(store, result, &options, path) {
        Ok(summary) => {
            let mut text = format!(
                "{} : {} {} → {}",
                lang.t(Msg::Exported),
                lang.count(summary.rows),
                lang.t(Msg::Rows),
                summary.path.display()
            );
            if summary.skipped > 0 {
                text.push_str(&match lang {
                    Lang::Fr => format!(" ({} sans date omis)", lang.count(summary.skipped)),
                    Lang::En => format!(" ({} undated left out)", lang.count(summary.skipped)),
                });
            }
            Ok(text)
        }
        Err(e) => Err(e.to_string()),
    }
}
