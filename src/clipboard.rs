//! Writes a [`Clip`] to the clipboard as both `text/plain` and `text/html`,
//! with whatever the browser allows: the async Clipboard API with a
//! `ClipboardItem`, then `writeText` (plain text only), then the legacy
//! `execCommand('copy')` with a `copy` event that sets both flavours.

use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Object, Promise, Reflect};
use sharecite_core::Clip;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, ClipboardEvent, HtmlDocument};

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
}

/// Which way the clip reached the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    ClipboardItem,
    WriteText,
    ExecCommand,
}

/// Copies `clip`; `Err` only when every way failed.
pub async fn write_clip(clip: &Clip) -> Result<Method> {
    let window = dom::window()?;
    let navigator = window.navigator();
    let clipboard: Option<Clipboard> = dom::property(&navigator, "clipboard");
    let mut last_error = JsValue::from_str("no clipboard API");
    if let Some(clipboard) = &clipboard {
        if dom::has_method(clipboard, "write") && dom::has_method(&window, "ClipboardItem") {
            match write_item(clipboard, clip).await {
                Ok(()) => return Ok(Method::ClipboardItem),
                Err(error) => last_error = error,
            }
        }
        if dom::has_method(clipboard, "writeText") {
            match clipboard.write_text(&clip.text) {
                Ok(promise) => match JsFuture::from(promise).await {
                    Ok(_) => return Ok(Method::WriteText),
                    Err(error) => last_error = error,
                },
                Err(error) => last_error = error,
            }
        }
    }
    if exec_command_copy(clip)? {
        return Ok(Method::ExecCommand);
    }
    Err(last_error)
}

async fn write_item(clipboard: &Clipboard, clip: &Clip) -> Result<()> {
    let items = Object::new();
    for (mime, content) in [("text/plain", &clip.text), ("text/html", &clip.html)] {
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let parts = Array::of1(&JsValue::from_str(content));
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
        Reflect::set(&items, &JsValue::from_str(mime), &blob)?;
    }
    let item = ClipboardItem::new(&items)?;
    JsFuture::from(clipboard.write(&Array::of1(&item))?).await?;
    Ok(())
}

/// The pre-2018 path: `execCommand('copy')` fires a `copy` event, whose
/// data we replace with both flavours. Needs no selection and no element.
fn exec_command_copy(clip: &Clip) -> Result<bool> {
    let document = dom::document()?;
    let clip = clip.clone();
    let listener = EventListener::new_with_options(
        &document,
        "copy",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            put_in_copy_event(event, &clip);
        },
    );
    let copied = document
        .unchecked_ref::<HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    drop(listener);
    Ok(copied)
}

/// Makes a `copy` event put `clip` on the clipboard, in both flavours,
/// instead of the selection; false when the browser would not let it.
pub fn put_in_copy_event(event: &web_sys::Event, clip: &Clip) -> bool {
    let Some(data) = event
        .dyn_ref::<ClipboardEvent>()
        .and_then(ClipboardEvent::clipboard_data)
    else {
        return false;
    };
    let written = data.set_data("text/plain", &clip.text).is_ok()
        && data.set_data("text/html", &clip.html).is_ok();
    if written {
        event.prevent_default();
    }
    written
}
