//! The desktop app (eframe/egui): one module per pane reading the shared store through a
//! borrowed [`view::View`] and answering with [`view::Action`]s, one persisted
//! [`state::AppState`], a background loader, `--screenshot` mode. The same
//! [`PasserelleApp::ui`] is driven by eframe here and by `egui_kittest` in `tests/ui_*.rs`.

pub mod concordance;
pub mod correct_ui;
pub mod dialogs;
pub mod doc_list;
pub mod editor;
pub mod edits;
pub mod export_ui;
pub mod i18n;
pub mod loader;
pub mod map;
pub mod map_data;
pub mod present;
pub mod present_article;
pub mod reader;
pub mod screenshot;
pub mod shell;
pub mod sidebar;
pub mod state;
pub mod theme;
pub mod timeline;
pub mod timeline_data;
pub mod top_bar;
pub mod view;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::corpus::CorpusSource;
use crate::extract::Extractor;

pub use shell::PasserelleApp;

/// How the app is started from the command line.
#[derive(Debug)]
pub struct Launch {
    /// What to load.
    pub source: CorpusSource,
    /// Render to this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Document id to open at start.
    pub select: Option<String>,
    /// Window size in points.
    pub size: [f32; 2],
    /// The extractor, built once.
    pub extractor: Extractor,
    /// Presentation mode and the map (issue 9).
    pub demo: DemoLaunch,
}

/// How presentation mode and the map are started from the command line.
#[derive(Debug, Default)]
pub struct DemoLaunch {
    /// `--present`: enter presentation mode once the corpus is loaded.
    pub present: bool,
    /// `--tour FILE`: the tour to play.
    pub tour: Option<crate::tour::Tour>,
    /// `--map`: show the map tab.
    pub map: bool,
}

/// The eframe shell: persistence and the window; everything else is [`PasserelleApp`].
struct EframeApp {
    app: PasserelleApp,
    persist: bool,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist
            && let Ok(text) = ron::to_string(&self.app.state)
        {
            storage.set_string(state::STORAGE_KEY, text);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.persist
    }
}

/// `PASSERELLE_SYNTHETIC=N` shows N generated articles instead of loading files.
fn synthetic_docs() -> Option<usize> {
    std::env::var("PASSERELLE_SYNTHETIC")
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Opens the window and runs until it is closed (or, with `--screenshot`, until the PNG is
/// written: then the screenshot taken).
pub fn run(launch: Launch) -> anyhow::Result<Option<screenshot::Shot>> {
    let Launch {
        source,
        screenshot,
        select,
        size,
        extractor,
        demo,
    } = launch;
    let persist = screenshot.is_none();
    let outcome: screenshot::Outcome = Arc::new(Mutex::new(None));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Passerelle")
        .with_inner_size(size)
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if !persist {
        viewport = viewport.with_resizable(false);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: persist,
        // screenshots and smoke runs never read or write the user's settings
        persistence_path: (!persist).then(|| {
            std::env::temp_dir().join(format!("passerelle-screenshot-{}", std::process::id()))
        }),
        ..eframe::NativeOptions::default()
    };
    let extractor = Arc::new(extractor);
    let job_outcome = Arc::clone(&outcome);
    eframe::run_native(
        "passerelle",
        options,
        Box::new(move |cc| {
            let stored = persist
                .then(|| cc.storage.and_then(|s| s.get_string(state::STORAGE_KEY)))
                .flatten()
                .map(|text| state::AppState::parse(&text));
            let settings_warning = match &stored {
                Some(Err(e)) => Some(format!(
                    "Réglages illisibles, valeurs par défaut utilisées / unreadable settings, defaults used: {e}"
                )),
                _ => None,
            };
            let mut state = stored.and_then(Result::ok).unwrap_or_default();
            // screenshots of the dark theme: PASSERELLE_THEME=dark passerelle --screenshot …
            if std::env::var("PASSERELLE_THEME").is_ok_and(|t| t.eq_ignore_ascii_case("dark")) {
                state.theme = theme::ThemeChoice::Dark;
            }
            // a plain `passerelle` reopens the last corpus if it is still there
            let source = match (&source, &state.last_corpus) {
                (CorpusSource::Bundled, Some(paths))
                    if persist && !paths.is_empty() && paths.iter().all(|p| p.exists()) =>
                {
                    CorpusSource::Paths(paths.clone())
                }
                _ => source,
            };
            let mut app = match synthetic_docs() {
                // a development aid: a generated corpus with known annotations (look, speed)
                Some(n) => {
                    let store =
                        crate::store::Store::build(crate::r#gen::analysed_corpus(n, 1), Vec::new());
                    let mut app = PasserelleApp::with_store(Arc::new(store));
                    app.state = state;
                    app
                }
                None => PasserelleApp::loading(state, source, extractor, &cc.egui_ctx),
            };
            app.set_dialogs(Box::new(dialogs::RfdDialogs::default()));
            if let Some(warning) = settings_warning {
                app.show_toast(warning);
            }
            if select.is_some() {
                app.select_when_loaded(select);
            }
            app.demo.pending_present = demo.present;
            app.demo.tour = demo.tour;
            app.demo.is_instant = screenshot.is_some();
            if demo.map {
                app.demo.tab = present::BottomTab::Map;
            }
            if let Some(path) = screenshot {
                app.screenshot = Some(screenshot::ScreenshotJob::new(path, job_outcome));
            }
            Ok(Box::new(EframeApp { app, persist }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    let result = outcome.lock().map(|o| o.clone()).unwrap_or(None);
    match (persist, result) {
        (true, _) => Ok(None),
        (false, Some(Ok(shot))) => Ok(Some(shot)),
        (false, Some(Err(e))) => anyhow::bail!("screenshot: {e}"),
        (false, None) => {
            anyhow::bail!("screenshot: the window closed before the picture was taken")
        }
    }
}
