//! sharecite's browser side: reads the page, mounts placements and wires
//! their controls. Every decision is made by [`sharecite_core`]; this crate
//! only moves data between it and the DOM.
//!
//! The JavaScript loader (`js/loader.js`) calls [`mount_script`] for each
//! `<script>` that loaded sharecite. Nothing here throws into the page:
//! failures become one `console.error` starting `sharecite:`.

#![deny(missing_debug_implementations)]

mod citations;
mod clipboard;
mod console;
mod dom;
mod navigation;
mod page;
mod render;
mod selection;
mod style;
mod widget;

use wasm_bindgen::prelude::*;

/// Mounts the placements that `script`'s `data-*` attributes ask for.
#[wasm_bindgen]
pub fn mount_script(script: web_sys::Element) {
    widget::mount_script(script);
}

/// The crate version, for `sharecite.version`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[doc(hidden)]
pub mod testing {
    //! Entry points for the browser tests in `tests/`; not part of the API.
    pub use crate::page::snapshot;
}
