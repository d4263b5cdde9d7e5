//! The one stylesheet every placement shares.
//!
//! A constructable `CSSStyleSheet` is parsed once and adopted by each shadow
//! root: no `<style>` element and no `style` attribute, so the widget works
//! under `style-src 'self'` and a thousand placements cost one parse.

use js_sys::Array;
use sharecite_core::{icons::BRAND_CSS, STYLESHEET};
use web_sys::{CssStyleSheet, Document, ShadowRoot};

use crate::dom;

thread_local! {
    static SHEET: Option<CssStyleSheet> = build();
}

fn css() -> String {
    sharecite_core::join::concat(&[STYLESHEET, BRAND_CSS])
}

fn build() -> Option<CssStyleSheet> {
    // Throws in browsers without constructable stylesheets.
    let sheet = CssStyleSheet::new().ok()?;
    dom::replace_sheet(&sheet, &css());
    Some(sheet)
}

/// Parses the shared stylesheet now, if it has not been, so that the task
/// that renders the first placement does not (about 15 ms at 4x throttling).
pub fn prepare() {
    SHEET.with(|_| ());
}

/// Styles `root`, with `own` (a sheet of its own, such as a position)
/// after the shared one. Browsers without constructable stylesheets
/// (before 2023) get a `<style>` element instead, which a strict CSP would
/// block; they have no `own` sheets either.
pub fn adopt(document: &Document, root: &ShadowRoot, own: Option<&CssStyleSheet>) {
    let adopted = SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return false };
        let sheets = Array::of1(sheet);
        if let Some(own) = own {
            sheets.push(own);
        }
        dom::set(root, "adoptedStyleSheets", &sheets)
    });
    if !adopted {
        let style = dom::element(document, "style", "", None);
        style.set_text_content(Some(&css()));
        dom::append(root, &style);
    }
}
