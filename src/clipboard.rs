//! Writes a [`Clip`] to the clipboard as both `text/plain` and `text/html`,
//! with whatever the browser allows (the loader's `shareciteCopy`: the
//! async Clipboard API with a `ClipboardItem`, then `writeText`, then the
//! legacy `execCommand('copy')`), and puts one into a reader's own copy.
//!
//! The chain of fallbacks is the loader's because it is the browser's
//! plumbing: in JavaScript it is a few lines; from Rust it took bindings
//! of its own for the Clipboard API, `ClipboardItem` and `Blob`, a promise
//! settled at each step and a `copy` listener (0.5 KB more of every
//! reader's download).

use js_sys::Promise;
use sharecite_core::Clip;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): writes `text` and `html`,
    /// starting in the caller's task, while a reader's click still counts.
    /// Fulfils when a way worked, rejects with the last reason when none
    /// did; never throws.
    #[wasm_bindgen(js_name = shareciteCopy)]
    fn copy_to_clipboard(text: &str, html: &str) -> Promise;

    /// Provided by the loader: puts `text` and `html` on a copy event's
    /// clipboard in place of the selection; false when the event carries
    /// none. The same lines serve the loader's own last way of copying.
    #[wasm_bindgen(js_name = shareciteCopyInto)]
    fn copy_into(event: &web_sys::Event, text: &str, html: &str) -> bool;
}

/// Copies `clip`: a promise of whether that worked (rejected with the
/// last reason when every way failed).
pub fn write_clip(clip: &Clip) -> Promise {
    copy_to_clipboard(&clip.text, &clip.html)
}

/// Makes a `copy` event put `clip` on the clipboard, in both flavours,
/// instead of the selection; false when the event carries no clipboard.
pub fn put_in_copy_event(event: &web_sys::Event, clip: &Clip) -> bool {
    copy_into(event, &clip.text, &clip.html)
}
