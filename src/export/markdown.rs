//! Markdown export: one GitHub-flavoured table (header, delimiter row, one row per item) to
//! paste into notes and papers. Cell text is escaped so that it cannot break the table:
//! pipes become `\|`, line breaks `<br>`, `<`/`>` entities so no markup slips through, and
//! `&` an entity where it would otherwise start one.

use super::rows::Rows;

/// One cell's text, safe inside a GFM table row.
pub(crate) fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Only where it would start an entity (`&amp;`, `&#39;`): plain `&` stays readable.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;");
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn push_row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(&escape_cell(cell));
        out.push_str(" |");
    }
    out.push('\n');
}

/// Renders the rows as a Markdown table (just the header rows when there is no item).
pub(crate) fn render(rows: &Rows) -> String {
    let mut out = String::new();
    let columns = rows.columns();
    push_row(&mut out, columns.iter().copied());
    out.push('|');
    for _ in columns {
        out.push_str(" --- |");
    }
    out.push('\n');
    for record in rows.cells() {
        push_row(&mut out, record.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::What;
    use crate::export::rows::fixtures;

    /// Splits a table row on unescaped pipes and unescapes the cells.
    fn parse_row(line: &str) -> Vec<String> {
        let inner = line
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
            .unwrap();
        let mut cells = vec![String::new()];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => cells.last_mut().unwrap().push(chars.next().unwrap()),
                '|' => cells.push(String::new()),
                c => cells.last_mut().unwrap().push(c),
            }
        }
        cells.iter().map(|c| c.trim().to_owned()).collect()
    }

    #[test]
    fn every_row_has_the_header_s_column_count_and_cells_read_back() {
        let rows = fixtures::rows(What::Events);
        let text = render(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), rows.len() + 2);
        let columns = rows.columns().len();
        for line in &lines {
            assert_eq!(parse_row(line).len(), columns, "{line}");
        }
        assert!(parse_row(lines[1]).iter().all(|c| c == "---"));
        let forum = parse_row(lines[2]);
        assert!(forum[8].contains("Forum | à Moscou"), "{:?}", forum[8]);
        assert!(
            forum[8].contains("2017.<br>&lt;script&gt;"),
            "{:?}",
            forum[8]
        );
        assert!(!text.contains("<script>"));
    }

    #[test]
    fn escaping_covers_pipes_backslashes_and_line_breaks() {
        assert_eq!(escape_cell("a|b"), "a\\|b");
        assert_eq!(escape_cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(escape_cell("a\r\nb\nc"), "a<br>b<br>c");
        assert_eq!(escape_cell("  Moscou  "), "Moscou");
        assert_eq!(escape_cell("R&D & co &lt;"), "R&amp;D & co &amp;lt;");
    }

    #[test]
    fn an_empty_result_is_a_header_only_table() {
        let text = render(&Rows::Documents(Vec::new()));
        assert_eq!(text.lines().count(), 2);
        assert_eq!(parse_row(text.lines().next().unwrap())[0], "doc_id");
    }
}
