//! The citation styles (APA, MLA, Chicago, Harvard) and reference-manager
//! formats (BibTeX, BibLaTeX, RIS, CSL-JSON) as a module of their own.
//!
//! Most readers never cite, so this formatting code stays out of the
//! widget's download: the loader fetches this module the first time a
//! reader points at a placement, and the widget hands it the article's
//! fields as one string ([`sharecite_core::cite::handoff`]).
//!
//! One string in, one string out, nothing imported: the module needs no
//! wasm-bindgen glue. The loader (`js/loader.js`, `citeModule`) calls
//! three exports:
//!
//! - `alloc(len) -> at`: room for `len` bytes, which the loader fills with
//!   UTF-8 (what `TextEncoder` writes);
//! - `cite(fields_at, fields_len, style_at, style_len) -> u64`: takes back
//!   both strings' room and answers with the room of the citation, its
//!   address in the low 32 bits and its length in the high 32;
//! - `free(at, len)`: gives back that room once the loader has read it.
//!
//! Zero bytes are never allocated: `alloc(0)` gives a dangling address and
//! `free(_, 0)` does nothing. Owning this small contract instead of
//! wasm-bindgen's took 0.45 KB of gzipped glue out of sharecite.js.

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
pub fn cite(fields: &str, style: &str) -> String {
    format(fields, style)
        .map(|(text, html)| citation(&text, &html))
        .unwrap_or_default()
}

fn format(fields: &str, style: &str) -> Option<(String, String)> {
    let style = CiteStyle::from_id(style)?;
    bibliography_entry(&item_from_fields(fields)?, style)
}

/// The exports the loader calls (see the crate's documentation). Only in
/// the wasm: the packed answer assumes 32-bit addresses.
#[cfg(target_family = "wasm")]
mod exports {
    use alloc::alloc::{alloc as allocate, dealloc, handle_alloc_error, Layout};
    use alloc::boxed::Box;
    use core::ptr::NonNull;

    /// The layout of `len` bytes of room; none for zero bytes.
    fn room(len: usize) -> Option<Layout> {
        Layout::array::<u8>(len).ok().filter(|_| len > 0)
    }

    #[export_name = "alloc"]
    extern "C" fn alloc(len: usize) -> *mut u8 {
        let Some(layout) = room(len) else {
            return NonNull::dangling().as_ptr();
        };
        // SAFETY: the layout is not zero-sized.
        let at = unsafe { allocate(layout) };
        if at.is_null() {
            handle_alloc_error(layout);
        }
        at
    }

    /// # Safety
    /// `at` and `len` are an answer of `alloc` or `cite`, freed once.
    #[export_name = "free"]
    unsafe extern "C" fn free(at: *mut u8, len: usize) {
        if let Some(layout) = room(len) {
            dealloc(at, layout);
        }
    }

    /// # Safety
    /// Both strings are rooms from `alloc`, filled with UTF-8; `cite`
    /// frees them.
    #[export_name = "cite"]
    unsafe extern "C" fn cite(
        fields_at: *mut u8,
        fields_len: usize,
        style_at: *mut u8,
        style_len: usize,
    ) -> u64 {
        let text =
            |at: *mut u8, len| core::str::from_utf8_unchecked(core::slice::from_raw_parts(at, len));
        let answer = super::cite(text(fields_at, fields_len), text(style_at, style_len));
        free(fields_at, fields_len);
        free(style_at, style_len);
        // A boxed slice's allocation is exactly its length, as `free` expects.
        let answer = answer.into_bytes().into_boxed_slice();
        let len = answer.len();
        let at = Box::into_raw(answer) as *mut u8;
        (at as usize as u64) | ((len as u64) << 32)
    }
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
