//! Reads the page into core types; the only place that looks at the host
//! document's content.

use sharecite_core::json::Json;
use sharecite_core::{Attributes, PageMetadata, PageSnapshot, Warning};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{Document, Element};

use crate::dom;

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader: `text` read by the browser's `JSON.parse`,
    /// in the flat form `Json::from_flat` reads, or `!` and the parser's
    /// reason. It catches whatever is thrown inside it.
    #[wasm_bindgen(js_name = shareciteJson)]
    fn json_parse(text: &str) -> String;

    /// Provided by the loader: every `meta[content]` of the document as
    /// its name (`property`, else `name`) and its content, a NUL after
    /// each; a tag with neither name is left out, and the page's own NULs
    /// are U+FFFD. One call, where asking each tag for its attributes took
    /// three or four.
    #[wasm_bindgen(js_name = shareciteMetas)]
    fn meta_tags() -> String;
}

/// The parts of the document that describe its article.
pub fn snapshot(document: &Document) -> PageSnapshot {
    let mut metas = Vec::new();
    let tags = meta_tags();
    let mut fields = sharecite_core::search::split(&tags, "\0");
    while let (Some(key), Some(content)) = (fields.next(), fields.next()) {
        let key = sharecite_core::search::trim(key).to_ascii_lowercase();
        if !key.is_empty() {
            metas.push((key, content.to_string()));
        }
    }
    let mut json_ld = Vec::new();
    for script in dom::query_elements(document, "script[type=\"application/ld+json\" i]") {
        if let Some(text) = dom::text(&script, "textContent") {
            json_ld.push(text);
        }
    }
    let canonical = dom::query(document, "link[rel~=\"canonical\" i][href]")
        .and_then(|link| link.get_attribute("href"));
    PageSnapshot {
        location: address(document),
        base: dom::text(document, "baseURI").unwrap_or_default(),
        title: title(document),
        lang: lang(document),
        canonical,
        metas,
        json_ld,
    }
}

/// The page's address (`document.URL`, which `location.href` is, and
/// which a same-document navigation changes).
pub fn address(document: &Document) -> String {
    dom::text(document, "URL").unwrap_or_default()
}

/// The page's title.
pub fn title(document: &Document) -> String {
    dom::text(document, "title").unwrap_or_default()
}

/// The document's language, `<html lang>`.
pub fn lang(document: &Document) -> String {
    dom::element_at(document, "documentElement")
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default()
}

/// What the page's metadata says, with its JSON-LD read by the browser.
pub fn metadata(page: &PageSnapshot) -> (PageMetadata, Vec<Warning>) {
    PageMetadata::read_with(page, &parse_json)
}

/// One JSON text, read by the browser's `JSON.parse`.
pub fn parse_json(json: &str) -> Result<Json, String> {
    Json::from_flat(&json_parse(json))
}

/// The `data-*` attributes sharecite reads, from one element.
pub fn attributes(element: &Element) -> Attributes {
    Attributes::read(|name| element.get_attribute(name))
}
