//! The one stylesheet every placement shares.
//!
//! A constructable `CSSStyleSheet` is parsed once and adopted by each shadow
//! root: no `<style>` element and no `style` attribute, so the widget works
//! under `style-src 'self'` and a thousand placements cost one parse.

use js_sys::{Array, Reflect};
use sharecite_core::{icons::BRAND_CSS, STYLESHEET};
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Document, ShadowRoot};

thread_local! {
    static SHEET: Option<CssStyleSheet> = build();
}

fn build() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    let mut css = String::with_capacity(STYLESHEET.len() + BRAND_CSS.len());
    css.push_str(STYLESHEET);
    css.push_str(BRAND_CSS);
    sheet.replace_sync(&css).ok()?;
    Some(sheet)
}

/// Styles `root`. Browsers without constructable stylesheets (before 2023)
/// get a `<style>` element instead, which a strict CSP would block.
pub fn adopt(document: &Document, root: &ShadowRoot) -> Result<(), JsValue> {
    let adopted = SHEET.with(|sheet| -> Result<bool, JsValue> {
        let Some(sheet) = sheet else { return Ok(false) };
        let sheets = Array::of1(sheet);
        Reflect::set(root, &JsValue::from_str("adoptedStyleSheets"), &sheets)
    })?;
    if !adopted {
        let style = document.create_element("style")?;
        let mut css = String::from(STYLESHEET);
        css.push_str(BRAND_CSS);
        style.set_text_content(Some(&css));
        root.append_child(&style)?;
    }
    Ok(())
}
