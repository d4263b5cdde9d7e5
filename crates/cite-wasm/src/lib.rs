//! The citation styles (APA, MLA, Chicago, Harvard) and reference-manager
//! formats (BibTeX, BibLaTeX, RIS, CSL-JSON) as a module of their own.
//!
//! Most readers never cite, so these 17 KB of formatting code stay out of
//! the widget's download: the loader fetches this module the first time a
//! reader points at a placement, and the widget hands it the article as
//! CSL-JSON, the Citation Style Language's interchange format.

#![no_std]
#![deny(missing_debug_implementations)]

// No std: nothing here does I/O, and without std its panic machinery
// (message formatting, Unicode tables for `Debug`) stays out of the
// module. A panic is a trap, which the loader reports.
extern crate alloc;
#[cfg(test)]
extern crate std;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use sharecite_core::cite::{bibliography_entry, CiteStyle, Item};
use sharecite_core::json::Json;
use wasm_bindgen::prelude::*;

// Same allocator as the widget, for the same reason: size.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(all(target_family = "wasm", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The first item of `csl_json` in `style` (an id of `data-cite-style`), as
/// `[text, html]`; empty when the input or the style is not one we know.
#[wasm_bindgen]
pub fn cite(csl_json: &str, style: &str) -> Vec<String> {
    format(csl_json, style)
        .map(|(text, html)| vec![text, html])
        .unwrap_or_default()
}

fn format(csl_json: &str, style: &str) -> Option<(String, String)> {
    let style = CiteStyle::from_id(style)?;
    let json = Json::parse(csl_json).ok()?;
    let item = Item::from_csl_json(json.items().first()?)?;
    bibliography_entry(&item, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sharecite_core::cite::export::csl_json;
    use sharecite_core::cite::ItemType;
    use sharecite_core::date::Date;

    #[test]
    fn formats_what_the_widget_sends() {
        let item = Item {
            id: "korybko2019ultimatum".into(),
            kind: ItemType::Webpage,
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            authors: vec![sharecite_core::cite::Name::person("Korybko", "Andrew")],
            container: "Global Research".into(),
            publisher: String::new(),
            issued: Date::parse("2019-05-19"),
            accessed: Date::parse("2026-11-24"),
            url: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            doi: String::new(),
            volume: String::new(),
            issue: String::new(),
            page: String::new(),
        };
        let sent = csl_json(&item);
        assert_eq!(
            format(&sent, "apa"),
            bibliography_entry(&item, CiteStyle::Apa),
            "the round trip through CSL-JSON changes nothing"
        );
        assert_eq!(
            format(&sent, "attribution"),
            None,
            "the attribution is the widget's"
        );
        assert_eq!(format(&sent, "vancouver"), None);
        assert_eq!(format("{not json", "apa"), None);
        assert!(cite(&sent, "bibtex")[0].starts_with("@misc{korybko2019ultimatum,"));
    }
}
