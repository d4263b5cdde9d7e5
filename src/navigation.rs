//! Notices single-page navigations, so that links without `data-url`
//! follow the article the reader is on.
//!
//! The Navigation API reports every same-document navigation, `pushState`
//! included, without touching the page's objects. Browsers without it get
//! `popstate`/`hashchange` listeners and a wrapper around
//! `history.pushState`/`replaceState` that calls the original with the same
//! `this`, arguments, result and exceptions, and is removed on drop.

use crate::events::Listener;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::History;

use crate::dom::{self, Result};

/// Watches navigations until dropped.
#[must_use = "the watch stops when dropped"]
#[derive(Debug)]
pub struct NavigationWatch {
    _listeners: Vec<Listener>,
    patches: Vec<HistoryPatch>,
}

#[derive(Debug)]
struct HistoryPatch {
    history: History,
    method: &'static str,
    original: Function,
    wrapper: Closure<dyn Fn(JsValue, JsValue, JsValue) -> core::result::Result<JsValue, JsValue>>,
}

impl Drop for NavigationWatch {
    fn drop(&mut self) {
        for patch in &self.patches {
            // Only undo our own wrapper: another script may have wrapped ours.
            let current = dom::get(&patch.history, patch.method).unwrap_or(JsValue::UNDEFINED);
            if current == *patch.wrapper.as_ref() {
                let _ = dom::set(&patch.history, patch.method, &patch.original);
            }
        }
    }
}

/// Calls `on_navigate` after each same-document navigation.
pub fn watch(on_navigate: fn()) -> Result<NavigationWatch> {
    let window = dom::window()?;
    let navigation: Option<web_sys::EventTarget> = dom::property(&window, "navigation");
    if let Some(navigation) = navigation {
        let listener = Listener::new(&navigation, "currententrychange", move |_| on_navigate());
        return Ok(NavigationWatch {
            _listeners: vec![listener],
            patches: Vec::new(),
        });
    }

    let mut listeners = Vec::new();
    for &event in &["popstate", "hashchange"] {
        listeners.push(Listener::new(&window, event, move |_| on_navigate()));
    }
    let history = dom::history(&window);
    let mut patches = Vec::new();
    for &method in &["pushState", "replaceState"] {
        let original: Function = dom::get(&history, method)?.dyn_into()?;
        let target = history.clone();
        let call = original.clone();
        let wrapper = Closure::<
            dyn Fn(JsValue, JsValue, JsValue) -> core::result::Result<JsValue, JsValue>,
        >::new(move |state: JsValue, unused: JsValue, url: JsValue| {
            let result = call.call3(&target, &state, &unused, &url);
            if result.is_ok() {
                on_navigate();
            }
            result
        });
        dom::set(&history, method, wrapper.as_ref())?;
        patches.push(HistoryPatch {
            history: history.clone(),
            method,
            original,
            wrapper,
        });
    }
    Ok(NavigationWatch {
        _listeners: listeners,
        patches,
    })
}
