//! The look: light and dark visuals tuned for reading, and one palette that gives every
//! entity kind and event kind its colour (the reader's highlights, the legend, the sidebar
//! dots and the timeline lanes all read from it, so they agree).

use egui::{Color32, CornerRadius, Stroke, Visuals};
use serde::{Deserialize, Serialize};

use crate::model::{EntityKind, EventKind};

/// Light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light (the default: best for reading and for screenshots).
    #[default]
    Light,
    /// Dark.
    Dark,
}

/// Colours the panes share, for one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    /// True for the dark theme.
    pub dark: bool,
    /// Accent (brand, selection, brush).
    pub accent: Color32,
    /// Text on the accent colour.
    pub on_accent: Color32,
    /// Ordinary text.
    pub text: Color32,
    /// Secondary text.
    pub weak: Color32,
    /// Boilerplate text in the reader.
    pub dimmed: Color32,
    /// Background of the reading area.
    pub paper: Color32,
    /// Background of panels.
    pub panel: Color32,
    /// Hairlines.
    pub line: Color32,
    /// Evidence passage background.
    pub evidence: Color32,
    /// Warnings.
    pub warn: Color32,
}

impl Palette {
    /// The palette for a theme.
    pub fn new(theme: ThemeChoice) -> Self {
        match theme {
            ThemeChoice::Light => Self {
                dark: false,
                accent: Color32::from_rgb(0x2f, 0x5d, 0xa8),
                on_accent: Color32::WHITE,
                text: Color32::from_rgb(0x1f, 0x23, 0x2b),
                weak: Color32::from_rgb(0x6a, 0x70, 0x7c),
                dimmed: Color32::from_rgb(0xa4, 0xa9, 0xb2),
                paper: Color32::from_rgb(0xff, 0xff, 0xff),
                panel: Color32::from_rgb(0xf4, 0xf5, 0xf7),
                line: Color32::from_rgb(0xdd, 0xe0, 0xe6),
                evidence: Color32::from_rgb(0xff, 0xf1, 0xc2),
                warn: Color32::from_rgb(0xb5, 0x6a, 0x00),
            },
            ThemeChoice::Dark => Self {
                dark: true,
                accent: Color32::from_rgb(0x6c, 0x9c, 0xf0),
                on_accent: Color32::from_rgb(0x10, 0x14, 0x1c),
                text: Color32::from_rgb(0xe3, 0xe6, 0xec),
                weak: Color32::from_rgb(0x9a, 0xa1, 0xad),
                dimmed: Color32::from_rgb(0x5f, 0x66, 0x72),
                paper: Color32::from_rgb(0x1b, 0x1e, 0x24),
                panel: Color32::from_rgb(0x23, 0x27, 0x2e),
                line: Color32::from_rgb(0x38, 0x3d, 0x47),
                evidence: Color32::from_rgb(0x4a, 0x40, 0x1c),
                warn: Color32::from_rgb(0xf0, 0xb4, 0x4c),
            },
        }
    }

    /// The strong colour of an entity kind (dots, underline, emphasised mention).
    pub fn entity(&self, kind: EntityKind) -> Color32 {
        match kind {
            EntityKind::Person => Color32::from_rgb(0xc2, 0x41, 0x6b),
            EntityKind::Organisation => Color32::from_rgb(0x2c, 0x7f, 0xb8),
            EntityKind::Place => Color32::from_rgb(0x2e, 0x9a, 0x5b),
            EntityKind::Date => Color32::from_rgb(0x8a, 0x6d, 0x3b),
            EntityKind::Sector => Color32::from_rgb(0x8e, 0x5a, 0xc8),
        }
    }

    /// The soft background of a mention of this kind.
    pub fn entity_bg(&self, kind: EntityKind) -> Color32 {
        let strong = self.entity(kind);
        if self.dark {
            mix(self.paper, strong, 0.38)
        } else {
            mix(self.paper, strong, 0.16)
        }
    }

    /// The background of a mention of the selected entity.
    pub fn entity_bg_selected(&self, kind: EntityKind) -> Color32 {
        let strong = self.entity(kind);
        if self.dark {
            mix(self.paper, strong, 0.75)
        } else {
            mix(self.paper, strong, 0.45)
        }
    }

    /// The colour of an event kind (timeline marks and lane dots).
    pub fn event(&self, kind: EventKind) -> Color32 {
        match kind {
            EventKind::Delegation => Color32::from_rgb(0x2f, 0x5d, 0xa8),
            EventKind::Visit => Color32::from_rgb(0x1b, 0x9e, 0x77),
            EventKind::TradeMission => Color32::from_rgb(0x66, 0x8f, 0x1f),
            EventKind::Forum => Color32::from_rgb(0xd9, 0x5f, 0x02),
            EventKind::Seminar => Color32::from_rgb(0x75, 0x70, 0xb3),
            EventKind::Conference => Color32::from_rgb(0xe7, 0x29, 0x8a),
            EventKind::Teleconference => Color32::from_rgb(0x1f, 0x9a, 0xb4),
            EventKind::Meeting => Color32::from_rgb(0x8c, 0x56, 0x3a),
            EventKind::RoundTable => Color32::from_rgb(0xb8, 0x86, 0x0b),
            EventKind::Exhibition => Color32::from_rgb(0xa6, 0x3d, 0x40),
            EventKind::Agreement => Color32::from_rgb(0xc0, 0x39, 0x2b),
            EventKind::Other => Color32::from_rgb(0x7f, 0x8c, 0x8d),
        }
    }

    /// egui visuals matching the palette.
    pub fn visuals(&self) -> Visuals {
        let mut v = if self.dark {
            Visuals::dark()
        } else {
            Visuals::light()
        };
        v.panel_fill = self.panel;
        v.window_fill = self.paper;
        v.extreme_bg_color = self.paper;
        v.faint_bg_color = if self.dark {
            mix(self.paper, self.text, 0.04)
        } else {
            Color32::from_rgb(0xf7, 0xf8, 0xfa)
        };
        v.hyperlink_color = self.accent;
        v.selection.bg_fill = mix(self.paper, self.accent, if self.dark { 0.45 } else { 0.22 });
        v.selection.stroke = Stroke::new(
            1.0,
            if self.dark {
                self.text
            } else {
                mix(self.accent, self.text, 0.6)
            },
        );
        v.text_edit_bg_color = Some(if self.dark {
            mix(self.paper, Color32::BLACK, 0.25)
        } else {
            Color32::from_rgb(0xf3, 0xf4, 0xf7)
        });
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, self.line);
        v.window_corner_radius = CornerRadius::same(8);
        v.menu_corner_radius = CornerRadius::same(6);
        v.window_stroke = Stroke::new(1.0, self.line);
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, self.line);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, self.text);
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.corner_radius = CornerRadius::same(5);
        }
        v.widgets.inactive.weak_bg_fill = if self.dark {
            mix(self.panel, self.text, 0.08)
        } else {
            Color32::from_rgb(0xe8, 0xea, 0xef)
        };
        v.widgets.inactive.fg_stroke = Stroke::new(1.0, self.text);
        v.striped = true;
        v
    }

    /// Applies the palette and the spacing to a context (both themes get the same spacing).
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_visuals(self.visuals());
        ctx.all_styles_mut(|style| {
            style.spacing.item_spacing = egui::vec2(8.0, 5.0);
            style.spacing.button_padding = egui::vec2(8.0, 3.0);
            style.spacing.interact_size.y = 22.0;
            style.interaction.selectable_labels = false;
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (
                    TextStyle::Heading,
                    FontId::new(20.0, FontFamily::Proportional),
                ),
                (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
                (
                    TextStyle::Button,
                    FontId::new(14.0, FontFamily::Proportional),
                ),
                (
                    TextStyle::Small,
                    FontId::new(11.5, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(13.0, FontFamily::Monospace),
                ),
            ]
            .into();
        });
    }
}

/// A symbols font (arrows, triangles) added after egui's default fonts, which lack them.
const SYMBOLS_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-symbols.ttf");

/// egui's default fonts plus the bundled symbols font as a fallback in every family.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "symbols".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(SYMBOLS_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("symbols".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Linear mix of two colours: `t = 0` gives `a`, `t = 1` gives `b`.
pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let ch = |x: u8, y: u8| -> u8 {
        let v = f32::from(x) + (f32::from(y) - f32::from(x)) * t;
        // clamped to 0..=255 first, so the cast cannot truncate
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let out = v.round().clamp(0.0, 255.0) as u8;
        out
    };
    Color32::from_rgb(ch(a.r(), b.r()), ch(a.g(), b.g()), ch(a.b(), b.b()))
}
