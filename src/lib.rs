//! Passerelle: load French news articles on Franco-Russian cooperation, extract people,
//! organisations, places, dates and events, and explore them (CLI, exports, desktop app).
//!
//! Data flows one way: files → [`corpus`] → [`extract`] → [`store`] → [`query`] →
//! `app` panes / [`export`]. Only `app` (feature `gui`) knows about egui.

pub mod cache;
pub mod cli;
pub mod contract;
pub mod corpus;
pub mod corrections;
pub mod export;
pub mod extract;
pub mod r#gen;
pub mod geo;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod store;
pub mod text;
pub mod tour;

#[cfg(feature = "gui")]
pub mod app;
