//! `sharecite.mount(element, options)`: placements driven from script, for
//! frameworks and client-side routers. Options are the `data-*` attributes
//! in camelCase (`originalSource`, `citeStyle`...): the loader writes them
//! as those attributes on an element of their own (`config`, never in the
//! page), which is read as a script tag's attributes are, with the same
//! checks and warnings. The loader holds each placement's host, so there
//! is no table of placements here.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::{console, dom, page, widget};

/// Every attribute a placement reads, `|` between them: the options the
/// loader looks for are these in camelCase (`data-copy-min` is `copyMin`).
///
/// A JS string, not a `String`: no copy out of the wasm's memory for the
/// loader to free.
#[wasm_bindgen]
pub fn attribute_names() -> JsValue {
    JsValue::from_str(sharecite_core::config::ATTRIBUTE_NAMES)
}

/// Builds, ahead of [`mount`] and in a task of its own, the tree the
/// placement `config` asks for will clone, so that mounting it is a
/// shorter task. The loader calls it for every `sharecite.mount()`.
#[wasm_bindgen]
pub fn prepare_mount(config: Element) {
    widget::prepare_placement(&page::attributes(&config));
}

/// Mounts the placement `config` asks for at the end of `container`, or in
/// place of `previous` (an update). Its host; when it cannot be mounted
/// (the reason is on the console), `previous`, left as it was: an update
/// that fails does not take the placement off the page.
#[wasm_bindgen]
pub fn mount(
    container: Element,
    config: Element,
    previous: Option<HtmlElement>,
) -> Option<HtmlElement> {
    let document = dom::document();
    let metadata = widget::page_metadata(&document);
    let mounted =
        widget::mount_placement(&document, &metadata, &page::attributes(&config), &|host| {
            match &previous {
                Some(previous) => previous.before_with_node_1(host),
                None => container.append_child(host).map(|_| ()),
            }
        });
    match mounted {
        Ok(host) => {
            if let Some(previous) = previous {
                widget::unmount(&previous);
            }
            Some(host)
        }
        Err(error) => {
            console::error("could not mount", &error);
            previous
        }
    }
}

/// Removes the placement whose host is `host`: its listeners, timers and
/// elements.
#[wasm_bindgen]
pub fn placement_destroy(host: HtmlElement) {
    widget::unmount(&host);
}
