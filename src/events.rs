//! Event listeners that go when their handle is dropped: gloo-events'
//! shape, bound without what a widget never needs.
//!
//! gloo-events passes every listener an options dictionary (made through
//! three property setters) to a binding that checks for an exception after
//! each call. None of ours needs `passive` or `once`: the events we listen
//! for are not the ones browsers treat as passive by default, and a
//! listener is removed by dropping it. `addEventListener` and
//! `removeEventListener`, given a function of ours and a boolean, cannot
//! throw.

use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

#[wasm_bindgen]
extern "C" {
    type Target;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add(this: &Target, kind: &str, listener: &Closure<dyn FnMut(&Event)>, capture: bool);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove(this: &Target, kind: &str, listener: &Closure<dyn FnMut(&Event)>, capture: bool);
}

/// A listener for `kind` events on a target, removed when dropped.
#[derive(Debug)]
#[must_use = "the listener is removed as soon as this is dropped"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(&Event)>,
}

impl Listener {
    /// Calls `handler` with each `kind` event that reaches `target` as it
    /// bubbles (or at it).
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(&Event) + 'static,
    ) -> Listener {
        Listener::add(target, kind, false, Box::new(handler))
    }

    /// Calls `handler` with each `kind` event on its way down to its
    /// target, before the target's own listeners.
    pub fn capturing(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(&Event) + 'static,
    ) -> Listener {
        Listener::add(target, kind, true, Box::new(handler))
    }

    // Not generic: every caller shares one copy.
    fn add(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        handler: Box<dyn FnMut(&Event)>,
    ) -> Listener {
        let callback = Closure::wrap(handler);
        target
            .unchecked_ref::<Target>()
            .add(kind, &callback, capture);
        Listener {
            target: target.clone(),
            kind,
            capture,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.target
            .unchecked_ref::<Target>()
            .remove(self.kind, &self.callback, self.capture);
    }
}
