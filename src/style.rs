//! The one stylesheet every placement shares.
//!
//! A constructable `CSSStyleSheet` is parsed once and adopted by each shadow
//! root: no `<style>` element and no `style` attribute, so the widget works
//! under `style-src 'self'` and a thousand placements cost one parse.

use js_sys::Array;
use sharecite_core::{icons::BRAND_CSS, STYLESHEET};
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

/// Styles `root`, with `own` (a sheet of its own, such as a position)
/// after the shared one.
pub fn adopt(root: &ShadowRoot, own: Option<&CssStyleSheet>) {
    let sheets = SHEET.with(|sheet| Array::of1(sheet));
    if let Some(own) = own {
        sheets.push(own);
    }
    dom::set(root, "adoptedStyleSheets", &sheets);
}
