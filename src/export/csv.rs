//! CSV export (RFC 4180 quoting via the `csv` crate): a header row, then one row per item.
//! Options for spreadsheets: a UTF-8 byte order mark (Excel then reads accents right) and `;`
//! as separator (French locales). Cells a spreadsheet would read as a formula are neutralised.

use super::rows::Rows;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet evaluate a cell (`=`, `+`, `-`, `@`) or that
/// hide such a start (tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell safe to open in a spreadsheet: one starting like a formula gets a leading `'`, which
/// spreadsheets show as text (OWASP "CSV injection" advice).
pub(crate) fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Renders the rows as CSV with CRLF line ends.
pub(crate) fn render(rows: &Rows, bom: bool, semicolon: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut out);
    writer
        .write_record(rows.columns())
        .map_err(|e| e.to_string())?;
    for record in rows.cells() {
        writer
            .write_record(record.iter().map(|cell| neutralise(cell).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    drop(writer);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::What;
    use crate::export::rows::fixtures;

    fn read_back(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn cells_starting_like_formulas_are_neutralised() {
        for risky in ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx", "--05-16"] {
            assert!(neutralise(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(neutralise("Moscou"), "Moscou");
        assert_eq!(neutralise("2017-05"), "2017-05");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn events_read_back_with_quotes_commas_newlines_and_no_formula() {
        let rows = fixtures::rows(What::Events);
        let bytes = render(&rows, false, false).unwrap();
        assert!(!bytes.starts_with(BOM));
        let records = read_back(&bytes, b',');
        assert_eq!(records.len(), rows.len() + 1);
        assert_eq!(records[0], rows.columns());
        let forum = &records[1];
        assert_eq!(forum.len(), rows.columns().len());
        assert!(
            forum[8].starts_with("'=HYPERLINK(\"http://x\")"),
            "{forum:?}"
        );
        assert!(
            forum[8].contains('\n'),
            "newline kept inside the quoted cell"
        );
        assert!(forum[7].starts_with("'@Forum, \"franco-russe\""));
        let year_less = &records[3];
        assert_eq!(year_less[2], "'--10");
        for record in &records {
            for cell in record {
                assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?}");
            }
        }
    }

    #[test]
    fn bom_and_semicolon_options_for_french_excel() {
        let rows = fixtures::rows(What::Documents);
        let bytes = render(&rows, true, true).unwrap();
        assert!(bytes.starts_with(BOM));
        let records = read_back(&bytes, b';');
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].len(), 7);
        assert_eq!(records[1][2], "'-Titre | avec pipe");
        assert_eq!(records[1][3], "2017-05");
    }

    #[test]
    fn an_empty_result_has_just_the_header() {
        let bytes = render(&Rows::Entities(Vec::new()), false, false).unwrap();
        let records = read_back(&bytes, b',');
        assert_eq!(records, vec![rows_header(What::Entities)]);
    }

    fn rows_header(what: What) -> Vec<String> {
        fixtures::rows(what)
            .columns()
            .iter()
            .map(|c| (*c).to_owned())
            .collect()
    }
}
