//! Ordinal's browser interface: a Yew app that makes the StatefulSet controller's behaviour
//! visible step by step.
//!
//! `engine`, `view`, `scenarios`, `share` and `commands` are plain Rust (tested natively);
//! `components` render the view; `driver` is the one place that owns the animation clock.

pub mod app;
pub mod browser;
pub mod commands;
pub mod components;
mod debug_trap;
pub mod driver;
pub mod embed_bridge;
pub mod embed_params;
pub mod embed_protocol;
pub mod engine;
pub mod hotkeys;
pub mod panic;
#[cfg(not(target_arch = "wasm32"))]
pub mod poster;
pub mod scenarios;
pub mod share;
pub mod state;
pub mod view;

pub use app::App;

/// Installs the panic hook (and, under automation, the tests' trap hook) and mounts the app on
/// `<body>`.
pub fn start() {
    panic::install();
    debug_trap::install();
    browser::mark("ordinal-wasm-start");
    yew::Renderer::<App>::new().render();
}
