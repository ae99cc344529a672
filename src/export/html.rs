//! HTML export: one self-contained page (inline CSS, no script, no remote resource) to open in
//! a browser or attach to a report. Events are shown as a timeline grouped by year (undated
//! and year-less events apart) and as a table whose evidence cells mark the places,
//! participants and names they mention; documents and entities are shown as a table. All text
//! is escaped.

use std::fmt::Write as _;

use super::rows::{EventRow, Rows, precision_code};

const STYLE: &str = "
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 75rem; padding: 0 1rem; color: #1d232b; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #5b6573; }
ol.timeline { list-style: none; padding-left: 0; border-left: 3px solid #c8d0da; }
ol.timeline li { margin: 0 0 .8rem 0; padding-left: 1rem; position: relative; }
ol.timeline li:not(.year)::before { content: ''; position: absolute; left: -.55rem; top: .45rem; width: .7rem; height: .7rem; border-radius: 50%; background: #3b6fb6; }
.year { font-weight: 700; margin: 1rem 0 .4rem -.2rem; color: #3b6fb6; }
.date { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: .5rem; }
.kind { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: .6rem; background: #e4ebf5; margin-right: .4rem; }
.doc { color: #5b6573; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d5dbe3; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f1f4f8; position: sticky; top: 0; }
td.evidence { background: #fffbe6; max-width: 32rem; white-space: pre-line; }
mark { background: #ffe28a; padding: 0 .1rem; }
";

/// Escapes text for element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The evidence text, escaped, with every literal occurrence of the event's places,
/// participants and name wrapped in `<mark>` (leftmost, longest first, never nested).
pub(crate) fn highlighted_evidence(row: &EventRow) -> String {
    let text = row.evidence.text.as_str();
    let mut needles: Vec<&str> = row
        .places
        .iter()
        .chain(&row.participants)
        .chain(&row.name)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = String::with_capacity(text.len() + 32);
    let mut pos = 0;
    while pos < text.len() {
        let next = needles
            .iter()
            .filter_map(|n| text[pos..].find(n).map(|at| (pos + at, n.len())))
            .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
        let Some((at, len)) = next else {
            break;
        };
        out.push_str(&escape(&text[pos..at]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[at..at + len]));
        out.push_str("</mark>");
        pos = at + len;
    }
    out.push_str(&escape(text.get(pos..).unwrap_or("")));
    out
}

fn date_label(row: &EventRow) -> String {
    match (row.date_start, row.date_end) {
        (Some(start), Some(end)) if end != start => format!("{start} → {end}"),
        (Some(start), _) => start.to_iso(),
        (None, _) => "sans date".to_owned(),
    }
}

fn timeline(out: &mut String, events: &[EventRow]) {
    out.push_str("<h2>Chronologie</h2>\n");
    if events.is_empty() {
        out.push_str("<p class=\"meta\">Aucun événement.</p>\n");
        return;
    }
    let mut dated: Vec<&EventRow> = events
        .iter()
        .filter(|e| e.date_start.is_some_and(|d| d.year.is_some()))
        .collect();
    dated.sort_by_key(|e| e.date_start);
    let apart: Vec<&EventRow> = events
        .iter()
        .filter(|e| e.date_start.is_none_or(|d| d.year.is_none()))
        .collect();
    let mut groups: Vec<(String, Vec<&EventRow>)> = Vec::new();
    for event in dated {
        let year = event
            .date_start
            .and_then(|d| d.year)
            .map(|y| y.to_string())
            .unwrap_or_default();
        match groups.last_mut() {
            Some((last, items)) if *last == year => items.push(event),
            _ => groups.push((year, vec![event])),
        }
    }
    if !apart.is_empty() {
        groups.push(("Sans date ou sans année".to_owned(), apart));
    }
    out.push_str("<ol class=\"timeline\">\n");
    for (label, items) in groups {
        let _ = writeln!(out, "<li class=\"year\">{}</li>", escape(&label));
        for event in items {
            out.push_str("<li>");
            let precision = event.precision.map_or("aucune", precision_code);
            let _ = write!(
                out,
                "<span class=\"date\" title=\"précision : {}\">{}</span><span class=\"kind\">{}</span>",
                escape(precision),
                escape(&date_label(event)),
                escape(event.kind.code())
            );
            if let Some(name) = &event.name {
                let _ = write!(out, "<strong>{}</strong> ", escape(name));
            }
            if !event.places.is_empty() {
                let _ = write!(out, "{} ", escape(&event.places.join(", ")));
            }
            if !event.participants.is_empty() {
                let _ = write!(out, "— {} ", escape(&event.participants.join(", ")));
            }
            let _ = write!(
                out,
                "<span class=\"doc\">[{}]</span>",
                escape(&event.doc_id)
            );
            out.push_str("</li>\n");
        }
    }
    out.push_str("</ol>\n");
}

fn table(out: &mut String, rows: &Rows) {
    out.push_str("<table>\n<thead><tr>");
    for column in rows.columns() {
        let _ = write!(out, "<th>{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let events = match rows {
        Rows::Events(events) => events.as_slice(),
        _ => &[],
    };
    for (ix, record) in rows.cells().iter().enumerate() {
        out.push_str("<tr>");
        let last = record.len().saturating_sub(1);
        for (col, cell) in record.iter().enumerate() {
            match events.get(ix) {
                Some(event) if col == last => {
                    let _ = write!(
                        out,
                        "<td class=\"evidence\">{}</td>",
                        highlighted_evidence(event)
                    );
                }
                _ => {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Renders the rows as one HTML page.
pub(crate) fn render(rows: &Rows) -> String {
    let what = match rows.what() {
        super::What::Documents => "documents",
        super::What::Entities => "entités",
        super::What::Events => "événements",
    };
    let title = format!("Passerelle — {} {what}", rows.len());
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<style>{STYLE}</style>");
    out.push_str("</head>\n<body>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    if let Rows::Events(events) = rows {
        let dated = events
            .iter()
            .filter(|e| e.date_start.is_some_and(|d| d.year.is_some()))
            .count();
        let _ = writeln!(
            out,
            "<p class=\"meta\">{} événements, dont {} datés avec l’année.</p>",
            events.len(),
            dated,
        );
        timeline(&mut out, events);
        out.push_str("<h2>Tableau</h2>\n");
    }
    table(&mut out, rows);
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::What;
    use crate::export::rows::fixtures;

    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];

    /// Checks that tags balance (void elements aside) and returns the text outside tags.
    pub(crate) fn check_balanced(html: &str) -> String {
        let mut stack: Vec<String> = Vec::new();
        let mut text = String::new();
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            let close = rest[open..].find('>').expect("unclosed <") + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if tag.starts_with('!') {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "misnested </{name}>");
            } else {
                let name = tag.split_whitespace().next().unwrap().to_ascii_lowercase();
                if name == "style" {
                    let end = rest.find("</style>").unwrap();
                    rest = &rest[end + "</style>".len()..];
                    continue;
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
        }
        text.push_str(rest);
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        text
    }

    #[test]
    fn the_page_is_balanced_self_contained_and_escaped() {
        let rows = fixtures::rows(What::Events);
        let html = render(&rows);
        let text = check_balanced(&html);
        assert!(!html.contains("<script"), "no script at all");
        assert!(
            !html.contains("http://x\""),
            "attribute-like text is escaped"
        );
        assert!(!html.contains("src="));
        assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<mark>Jean Dupont</mark>"));
        assert!(html.contains("<mark>Moscou</mark>"));
        assert!(html.contains("<li class=\"year\">2017</li>"));
        assert!(html.contains("Sans date ou sans année"));
        assert_eq!(html.matches("<tr>").count(), rows.len() + 1);
        assert!(html.contains("title=\"précision : day\""));
    }

    fn fixtures_first() -> EventRow {
        let Rows::Events(events) = fixtures::rows(What::Events) else {
            panic!("not events");
        };
        events[0].clone()
    }

    #[test]
    fn highlights_prefer_the_longest_name_and_never_nest() {
        let mut row = fixtures_first();
        row.evidence.text = "Jean Dupont et Dupont à <Moscou>".to_owned();
        row.places = vec!["Moscou".into()];
        row.participants = vec!["Dupont".into(), "Jean Dupont".into()];
        row.name = None;
        assert_eq!(
            highlighted_evidence(&row),
            "<mark>Jean Dupont</mark> et <mark>Dupont</mark> à &lt;<mark>Moscou</mark>&gt;"
        );
    }

    #[test]
    fn documents_and_empty_results_render_a_table() {
        let html = render(&fixtures::rows(What::Documents));
        check_balanced(&html);
        assert!(html.contains("-Titre | avec pipe"));
        let empty = render(&Rows::Events(Vec::new()));
        check_balanced(&empty);
        assert!(empty.contains("Aucun événement."));
    }
}
