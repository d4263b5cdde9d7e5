//! Writes a [`Clip`] to the clipboard as both `text/plain` and `text/html`,
//! with whatever the browser allows: the async Clipboard API with a
//! `ClipboardItem`, then `writeText` (plain text only), then the legacy
//! `execCommand('copy')` with a `copy` event that sets both flavours.

use std::rc::Rc;

use crate::events::Listener;
use js_sys::{Array, Object, Promise};
use sharecite_core::Clip;
use wasm_bindgen::prelude::*;
use web_sys::{ClipboardEvent, HtmlDocument};

use crate::dom::{self, Result};

#[wasm_bindgen]
extern "C" {
    /// The async Clipboard API, bound by hand so that a browser without
    /// it, or a page that replaced it, is an `Err` rather than a trap.
    type Clipboard;

    #[wasm_bindgen(method, catch)]
    fn write(this: &Clipboard, items: &Array) -> core::result::Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch, js_name = writeText)]
    fn write_text(this: &Clipboard, text: &str) -> core::result::Result<Promise, JsValue>;

    type ClipboardItem;

    #[wasm_bindgen(constructor, catch, js_class = "ClipboardItem")]
    fn new(items: &Object) -> core::result::Result<ClipboardItem, JsValue>;

    /// `new Blob([text], { type })`, which cannot throw: a `Blob` of one
    /// string and a type, without web-sys's exception check and its
    /// options dictionary's setters.
    type Blob;
    #[wasm_bindgen(constructor, js_class = "Blob")]
    fn new(parts: &Array, options: &Object) -> Blob;
}

/// Which way the clip reached the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    ClipboardItem,
    WriteText,
    ExecCommand,
}

/// Copies `clip` and calls `done` with the way that worked, or the last
/// error when every way failed.
///
/// The first write starts in the caller's task, while the reader's click
/// still counts as theirs; a later way is tried only when an earlier one's
/// promise rejects.
pub fn write_clip(clip: Rc<Clip>, done: Box<dyn FnOnce(Result<Method>)>) {
    let window = dom::window().ok();
    let clipboard: Option<Clipboard> = window
        .as_ref()
        .and_then(|window| dom::property(&window.navigator(), "clipboard"));
    let no_api = JsValue::from_str("no clipboard API");
    let Some(clipboard) = clipboard else {
        return done(exec_command_copy(&clip, no_api));
    };
    let has_item = window.is_some_and(|window| dom::has_method(&window, "ClipboardItem"));
    if !dom::has_method(&clipboard, "write") || !has_item {
        return write_text(clipboard, clip, no_api, done);
    }
    match write_item(&clipboard, &clip) {
        Ok(promise) => dom::settle(
            &promise,
            Box::new(move |written| match written {
                Ok(_) => done(Ok(Method::ClipboardItem)),
                Err(error) => write_text(clipboard, clip, error, done),
            }),
        ),
        Err(error) => write_text(clipboard, clip, error, done),
    }
}

/// Plain text only, where the browser has no `ClipboardItem` or refused it.
fn write_text(
    clipboard: Clipboard,
    clip: Rc<Clip>,
    last_error: JsValue,
    done: Box<dyn FnOnce(Result<Method>)>,
) {
    if !dom::has_method(&clipboard, "writeText") {
        return done(exec_command_copy(&clip, last_error));
    }
    match clipboard.write_text(&clip.text) {
        Ok(promise) => dom::settle(
            &promise,
            Box::new(move |written| match written {
                Ok(_) => done(Ok(Method::WriteText)),
                Err(error) => done(exec_command_copy(&clip, error)),
            }),
        ),
        Err(error) => done(exec_command_copy(&clip, error)),
    }
}

fn write_item(clipboard: &Clipboard, clip: &Clip) -> Result<Promise> {
    let items = Object::new();
    for &(mime, content) in &[("text/plain", &clip.text), ("text/html", &clip.html)] {
        let parts = Array::of1(&JsValue::from_str(content));
        let blob = Blob::new(&parts, &dom::object(&[("type", mime)]));
        dom::set(&items, mime, &blob)?;
    }
    let item = ClipboardItem::new(&items)?;
    clipboard.write(&Array::of1(&item))
}

/// The pre-2018 path: `execCommand('copy')` fires a `copy` event, whose
/// data we replace with both flavours. Needs no selection and no element.
/// `Err(last_error)`, the reason the better ways failed, when this fails too.
fn exec_command_copy(clip: &Rc<Clip>, last_error: JsValue) -> Result<Method> {
    let document = dom::document()?;
    let clip = Rc::clone(clip);
    let listener = Listener::new(&document, "copy", move |event| {
        put_in_copy_event(event, &clip);
    });
    let copied = document
        .unchecked_ref::<HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    drop(listener);
    if copied {
        Ok(Method::ExecCommand)
    } else {
        Err(last_error)
    }
}

/// Makes a `copy` event put `clip` on the clipboard, in both flavours,
/// instead of the selection; false when the event carries no clipboard.
pub fn put_in_copy_event(event: &web_sys::Event, clip: &Clip) -> bool {
    let Some(data) = event
        .dyn_ref::<ClipboardEvent>()
        .and_then(ClipboardEvent::clipboard_data)
    else {
        return false;
    };
    dom::set_clipboard_data(&data, "text/plain", &clip.text);
    dom::set_clipboard_data(&data, "text/html", &clip.html);
    event.prevent_default();
    true
}
