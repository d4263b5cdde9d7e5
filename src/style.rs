//! The one stylesheet every placement shares.
//!
//! A constructable `CSSStyleSheet` is parsed once and adopted by each shadow
//! root: no `<style>` element and no `style` attribute, so the widget works
//! under `style-src 'self'` and a thousand placements cost one parse.

use sharecite_core::{icons::BRAND_CSS, STYLESHEET};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{CssStyleSheet, ShadowRoot};

use crate::dom;

thread_local! {
    static SHEET: CssStyleSheet = {
        let sheet = dom::sheet();
        dom::replace_sheet(&sheet, &sharecite_core::join::concat(&[STYLESHEET, BRAND_CSS]));
        sheet
    };
}

/// Parses the shared stylesheet now, if it has not been, so that the task
/// that renders the first placement does not (about 15 ms at 4x throttling).
pub fn prepare() {
    SHEET.with(|_| ());
}

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): gives `root` the shared sheet
    /// and, after it, `own`. One import where building the array took
    /// three (`Array.of`, `push` and `Reflect.set`).
    #[wasm_bindgen(js_name = shareciteAdopt)]
    fn adopt_sheets(root: &ShadowRoot, shared: &CssStyleSheet, own: Option<&CssStyleSheet>);
}

/// Styles `root`, with `own` (a sheet of its own, such as a position)
/// after the shared one.
pub fn adopt(root: &ShadowRoot, own: Option<&CssStyleSheet>) {
    SHEET.with(|shared| adopt_sheets(root, shared, own));
}
