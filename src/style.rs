//! The one stylesheet every placement shares.
//!
//! A constructable `CSSStyleSheet` is parsed once and adopted by each shadow
//! root: no `<style>` element and no `style` attribute, so the widget works
//! under `style-src 'self'` and a thousand placements cost one parse.

use sharecite_core::{icons::BRAND_CSS, STYLESHEET};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{CssStyleSheet, Element, ShadowRoot};

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
    /// Provided by the loader (js/loader.js): attaches an open shadow root
    /// to `host` and gives it the shared sheet and, after it, `own`. One
    /// import where building the array took three (`Array.of`, `push` and
    /// `Reflect.set`), and the root's init object two more.
    #[wasm_bindgen(js_name = shareciteShadow)]
    fn attach_styled(
        host: &Element,
        shared: &CssStyleSheet,
        own: Option<&CssStyleSheet>,
    ) -> ShadowRoot;
}

/// An open shadow root on `host`, a new element of ours, styled by the
/// shared sheet, then by `own` (a sheet of its own, such as a position).
pub fn shadow_root(host: &Element, own: Option<&CssStyleSheet>) -> ShadowRoot {
    SHEET.with(|shared| attach_styled(host, shared, own))
}
