//! The article as presentation mode shows it: title, date and the passage around the
//! event's evidence in large type, the evidence marked and mentions coloured by type. No
//! header toggles, no correction controls (the reader's event card has them), no scrolling
//! to do: the passage is cut to the evidence's paragraphs.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, RichText};

use crate::model::Span;
use crate::store::EventRef;

use super::view::View;

/// Bytes of context: after the evidence's paragraphs at most, and before the evidence in
/// its own paragraph (twice less) before cutting at a sentence.
const CONTEXT_CHARS: usize = 420;

/// Draws the article of `event_ref` with its evidence marked.
pub fn article_ui(event_ref: Option<EventRef>, view: &View<'_>, ui: &mut egui::Ui) {
    let Some(event_ref) = event_ref else {
        return;
    };
    let (Some(analysed), Some(event)) =
        (view.store.doc(event_ref.doc()), view.store.event(event_ref))
    else {
        return;
    };
    let palette = view.palette;
    if view.meta(event_ref.doc()).is_some() {
        ui.label(
            RichText::new(view.title(event_ref.doc()))
                .strong()
                .size(19.0),
        );
        let date = analysed
            .doc
            .pub_date
            .map(|d| view.lang.date(&d))
            .unwrap_or_default();
        let source = super::view::source_name(&analysed.doc);
        ui.label(RichText::new(format!("{date}  ·  {source}")).color(palette.weak));
    }
    ui.add_space(6.0);
    let body = analysed.doc.body.as_str();
    let passage = passage_of(body, event.evidence);
    let size = 17.0;
    let mut job = LayoutJob::default();
    let plain = |colour, background| TextFormat {
        font_id: FontId::proportional(size),
        color: colour,
        background,
        line_height: Some(size * 1.45),
        ..TextFormat::default()
    };
    if passage.start() > 0 {
        job.append("… ", 0.0, plain(palette.weak, egui::Color32::TRANSPARENT));
    }
    // cut points: passage ends, evidence ends, mention ends
    let mentions = &analysed.analysis.mentions;
    let mut cuts = vec![
        passage.start(),
        passage.end(),
        event.evidence.start(),
        event.evidence.end(),
    ];
    for m in mentions {
        cuts.push(m.span.start());
        cuts.push(m.span.end());
    }
    cuts.retain(|&c| c >= passage.start() && c <= passage.end() && body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(text) = body.get(a..b) else {
            continue;
        };
        let in_evidence = a >= event.evidence.start() && b <= event.evidence.end();
        let mention = mentions
            .iter()
            .find(|m| m.span.start() <= a && b <= m.span.end());
        let colour = match (mention, in_evidence) {
            (Some(m), _) => palette.entity(m.kind),
            (None, true) => palette.text,
            (None, false) => palette.weak,
        };
        let background = if in_evidence {
            palette.evidence
        } else {
            egui::Color32::TRANSPARENT
        };
        job.append(text, 0.0, plain(colour, background));
    }
    if passage.end() < body.len() {
        job.append(" …", 0.0, plain(palette.weak, egui::Color32::TRANSPARENT));
    }
    job.wrap.max_width = ui.available_width();
    egui::ScrollArea::vertical()
        .id_salt("present_article")
        .auto_shrink([false, false])
        .show(ui, |ui| ui.label(job));
}

/// The paragraphs holding the evidence (from the evidence itself when it starts deep
/// in a long paragraph after a sentence end, so it shows near the top), then up to [`CONTEXT_CHARS`] of the
/// paragraphs after, on character boundaries.
pub fn passage_of(body: &str, evidence: Span) -> Span {
    let start = evidence.start().min(body.len());
    let end = evidence.end().clamp(start, body.len());
    let para_start = body
        .get(..start)
        .and_then(|s| s.rfind("\n\n"))
        .map_or(0, |i| i + 2);
    let para_end = body
        .get(end..)
        .and_then(|s| s.find("\n\n"))
        .map_or(body.len(), |i| end + i);
    let mut from = para_start;
    if start - para_start > CONTEXT_CHARS / 2
        && let Some(i) = body.get(para_start..start).and_then(|s| s.rfind(". "))
    {
        from = para_start + i + 2;
    }
    let mut to = (para_end + CONTEXT_CHARS).min(body.len());
    while !body.is_char_boundary(to) {
        to += 1;
    }
    if to < body.len() {
        // whole paragraphs, else whole sentences, else nothing after
        let after = body.get(para_end..to).unwrap_or("");
        let skip = after.len() - after.trim_start_matches('\n').len();
        let next = after.get(skip..).unwrap_or("");
        to = para_end
            + next
                .rfind("\n\n")
                .or_else(|| next.rfind(". ").map(|i| i + 1))
                .map_or(0, |i| skip + i);
    }
    Span::new(from, to.max(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passage_holds_the_evidence_and_its_neighbours() {
        let body =
            "Titre\n\nAvant.\n\nLa délégation est venue. Elle est repartie.\n\nAprès.\n\nFin.";
        let start = body.find("La délégation").unwrap();
        let end = start + "La délégation est venue.".len();
        let p = passage_of(body, Span::new(start, end));
        let text = &body[p.start()..p.end()];
        assert!(
            text.contains("La délégation est venue. Elle est repartie."),
            "{text}"
        );
        assert!(
            text.starts_with("La délégation") && text.contains("Après."),
            "{text}"
        );
        // deep in a long paragraph: from the sentence before the evidence
        let long = format!(
            "{}Phrase avant. La délégation est venue.",
            "Mot. ".repeat(100)
        );
        let start = long.find("La délégation").unwrap();
        let p = passage_of(&long, Span::new(start, long.len()));
        assert!(
            long[p.start()..].starts_with("La délégation"),
            "{}",
            &long[p.start()..]
        );
    }
}
