//! sharecite's browser side: reads the page, mounts placements and wires
//! their controls. Every decision is made by [`sharecite_core`]; this crate
//! only moves data between it and the DOM.
//!
//! The JavaScript loader (`js/loader.js`) calls [`mount_script`] for each
//! `<script>` that loaded sharecite. Nothing here throws into the page:
//! failures become one `console.error` starting `sharecite:`.

#![deny(missing_debug_implementations)]

mod api;
mod citations;
mod clipboard;
mod console;
mod dom;
mod events;
mod navigation;
mod page;
mod render;
mod republish;
mod selection;
mod style;
mod timers;
mod widget;

pub use api::{attribute_names, mount, placement_destroy, prepare_mount};

// Our own small allocator in place of the default dlmalloc (and of talc,
// which took its place before): see `sharecite_heap` for why it suits us.
// Not wee_alloc: unmaintained, leaks.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static HEAP: sharecite_heap::Heap<sharecite_heap::LinearMemory> =
    sharecite_heap::Heap::new(sharecite_heap::LinearMemory);

use wasm_bindgen::prelude::*;

/// Mounts the placements that `script`'s `data-*` attributes ask for, in a
/// parsed document (the loader waits for DOMContentLoaded).
#[wasm_bindgen]
pub fn mount_script(script: web_sys::Element) {
    widget::mount_script(&script);
}

/// Works out the placement `script` asks for (its configuration, article
/// and view), for [`build_script`] and [`mount_script`].
#[wasm_bindgen]
pub fn plan_script(script: web_sys::Element) {
    widget::plan_script(&script);
}

/// Builds the tree of the placement planned for `script`, for
/// [`mount_script`] to clone in the next task.
#[wasm_bindgen]
pub fn build_script(script: web_sys::Element) {
    widget::build_script(&script);
}

/// Reads the page's metadata (meta tags, JSON-LD, canonical link) and parses
/// the shared stylesheet, ahead of mounting.
///
/// The loader starts a placement in four tasks, yielding between them:
/// this, [`plan_script`], [`build_script`] and [`mount_script`]. Much of
/// each is V8 compiling wasm functions on their first call and Blink
/// creating elements, which only spreading the work can shorten (the
/// measurements are in bench/HISTORY.md).
#[wasm_bindgen]
pub fn read_page() {
    widget::page_metadata(&dom::document());
    style::prepare();
}

/// The locale a placement asking for `lang` (its `data-lang`, else the
/// page's) needs that is not loaded yet, if any: the loader fetches
/// `locales/<tag>.txt` and hands it to [`add_locale`].
///
/// A JS string or `undefined`, not an `Option<String>`: no copy out of the
/// wasm's memory for the loader to free, and no multi-value shim.
#[wasm_bindgen]
pub fn locale_wanted(lang: &str) -> JsValue {
    widget::locale_wanted(lang).map_or(JsValue::UNDEFINED, JsValue::from_str)
}

/// Registers the text of `locales/<tag>.txt`; false (with a warning) when
/// it is not a complete locale file.
#[wasm_bindgen]
pub fn add_locale(tag: &str, text: &str) -> bool {
    widget::add_locale(tag, text)
}

#[doc(hidden)]
pub mod testing {
    //! Entry points for the browser tests in `tests/`; not part of the API.
    pub use crate::events::Listener;
    pub use crate::page::{parse_json, snapshot};
}
