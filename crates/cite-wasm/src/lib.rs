//! The citation styles (APA, MLA, Chicago, Harvard) and reference-manager
//! formats (BibTeX, BibLaTeX, RIS, CSL-JSON) as a module of their own.
//!
//! Most readers never cite, so this formatting code stays out of the
//! widget's download: the loader fetches this module the first time a
//! reader points at a placement, and the widget hands it the article's
//! fields as one string ([`sharecite_core::cite::handoff`]).

#![cfg_attr(target_family = "wasm", no_std)]
#![deny(missing_debug_implementations)]

// No std in the wasm: nothing here does I/O, and without std its panic
// machinery (message formatting, Unicode tables for `Debug`) stays out of
// the module. A panic is a trap, which the loader reports. Native builds
// (the tests) keep std for its allocator and panic handler.
extern crate alloc;

use alloc::string::String;
use sharecite_core::cite::handoff::{citation, item_from_fields};
use sharecite_core::cite::{bibliography_entry, CiteStyle};
use wasm_bindgen::prelude::*;

// Same allocator as the widget, for the same reason: size.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static HEAP: sharecite_heap::Heap<sharecite_heap::LinearMemory> =
    sharecite_heap::Heap::new(sharecite_heap::LinearMemory);

#[cfg(target_family = "wasm")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The article the widget handed over (its handoff fields) in `style` (an
/// id of `data-cite-style`), as a handoff citation (text and HTML); empty
/// when the fields or the style are not ones we know.
#[wasm_bindgen]
pub fn cite(fields: &str, style: &str) -> String {
    format(fields, style)
        .map(|(text, html)| citation(&text, &html))
        .unwrap_or_default()
}

fn format(fields: &str, style: &str) -> Option<(String, String)> {
    let style = CiteStyle::from_id(style)?;
    bibliography_entry(&item_from_fields(fields)?, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sharecite_core::cite::handoff::article_fields;
    use sharecite_core::cite::Item;
    use sharecite_core::date::Date;
    use sharecite_core::metadata::{Article, Creator};

    #[test]
    fn formats_what_the_widget_sends() {
        let article = Article {
            url: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            authors: vec![Creator::person("Andrew Korybko".into())],
            publisher: "Global Research".into(),
            site: "Global Research".into(),
            published: Date::parse("2019-05-19"),
            ..Article::default()
        };
        let accessed = Date::parse("2026-11-24");
        let sent = article_fields(&article, accessed);
        assert_eq!(
            format(&sent, "apa"),
            bibliography_entry(&Item::from_article(&article, accessed), CiteStyle::Apa),
        );
        assert_eq!(
            format(&sent, "attribution"),
            None,
            "the attribution is the widget's"
        );
        assert_eq!(format(&sent, "vancouver"), None);
        assert_eq!(format(&sent[..20], "apa"), None);
        assert!(cite(&sent, "bibtex").starts_with("@misc{korybko2019ultimatum,"));
        assert_eq!(cite(&sent, "vancouver"), "");
    }
}
