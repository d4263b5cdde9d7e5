//! The citation styles (APA, MLA, Chicago, Harvard) and reference-manager
//! formats (BibTeX, BibLaTeX, RIS, CSL-JSON) as a module of their own.
//!
//! Most readers never cite, so this formatting code stays out of the
//! widget's download. It is built into the widget's wasm all the same, as
//! its `cite` export, and split off after optimizing
//! (scripts/split-module.mjs): everything only that export reaches becomes
//! `sharecite_cite_bg.wasm`, which the loader fetches the first time a
//! reader points at a placement that can cite. The two share one memory,
//! and one copy of the allocator, strings, dates and searches that both
//! use: the widget hands over its [`Request`] itself, not a copy of the
//! article in a string. Both halves come from one build, so they agree on
//! its layout: a citation module from another build is refused before it
//! runs (the widget's bytes it was deflated against fail zlib's checksum).
//!
//! Built apart, with a string handed each way through JavaScript, the
//! module carried its own copies of all of those: 10.6 KB against 7.2 KB.

#![no_std]
#![deny(missing_debug_implementations)]

extern crate alloc;

use alloc::string::String;
use sharecite_core::cite::{bibliography_entry, CiteStyle, Item};
use sharecite_core::date::Date;
use sharecite_core::metadata::Article;

/// What the widget asks the citation module for, and its answer.
#[derive(Debug)]
pub struct Request<'a> {
    pub article: &'a Article,
    /// The day the reader accessed the article, which citations print.
    pub accessed: Option<Date>,
    pub style: CiteStyle,
    /// The citation's text and HTML; `None` for a style the module does
    /// not format (the attribution is the widget's own).
    pub answer: Option<(String, String)>,
}

/// Formats `request`'s article in its style, into its answer.
pub fn cite(request: &mut Request<'_>) {
    let item = Item::from_article(request.article, request.accessed);
    request.answer = bibliography_entry(&item, request.style);
}

/// The export the loader calls once the module is in (js/loader.js,
/// `shareciteCite`), with a request the widget made in the memory both
/// share. Only in the wasm, where it is the split's one root.
///
/// # Safety
/// `request` points at a live, exclusively borrowed [`Request`].
#[cfg(target_family = "wasm")]
#[export_name = "cite"]
unsafe extern "C" fn cite_export(request: *mut Request<'_>) {
    cite(&mut *request);
}

#[cfg(test)]
mod tests {
    use super::*;
    use sharecite_core::metadata::Creator;

    #[test]
    fn formats_the_widgets_article() {
        let article = Article {
            url: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            authors: alloc::vec![Creator::person("Andrew Korybko".into())],
            publisher: "Global Research".into(),
            site: "Global Research".into(),
            published: Date::parse("2019-05-19"),
            ..Article::default()
        };
        let accessed = Date::parse("2026-11-24");
        let request = |style| {
            let mut request = Request {
                article: &article,
                accessed,
                style,
                answer: None,
            };
            cite(&mut request);
            request.answer
        };
        assert_eq!(
            request(CiteStyle::Apa),
            bibliography_entry(&Item::from_article(&article, accessed), CiteStyle::Apa),
        );
        assert!(request(CiteStyle::Bibtex)
            .unwrap()
            .0
            .starts_with("@misc{korybko2019ultimatum,"));
        assert_eq!(
            request(CiteStyle::Attribution),
            None,
            "the attribution is the widget's"
        );
    }
}
