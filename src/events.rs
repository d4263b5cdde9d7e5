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

use sharecite_core::search::entries;
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

/// A listener for events of some kinds on a target, removed when dropped.
#[derive(Debug)]
#[must_use = "the listener is removed as soon as this is dropped"]
pub struct Listener {
    target: EventTarget,
    /// The event types, `|` between them ([`entries`]).
    kinds: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(&Event)>,
}

impl Listener {
    /// Calls `handler` with each event of the `kinds` (one type, or several
    /// with `|` between them: one closure for all) that reaches `target`
    /// as it bubbles (or at it).
    pub fn new(
        target: &EventTarget,
        kinds: &'static str,
        handler: impl FnMut(&Event) + 'static,
    ) -> Listener {
        Listener::add(target, kinds, false, Box::new(handler))
    }

    /// Calls `handler` with each event of the `kinds` on its way down to
    /// its target, before the target's own listeners.
    pub fn capturing(
        target: &EventTarget,
        kinds: &'static str,
        handler: impl FnMut(&Event) + 'static,
    ) -> Listener {
        Listener::add(target, kinds, true, Box::new(handler))
    }

    // Not generic: every caller shares one copy.
    fn add(
        target: &EventTarget,
        kinds: &'static str,
        capture: bool,
        handler: Box<dyn FnMut(&Event)>,
    ) -> Listener {
        let callback = Closure::wrap(handler);
        for kind in entries(kinds) {
            target
                .unchecked_ref::<Target>()
                .add(kind, &callback, capture);
        }
        Listener {
            target: target.clone(),
            kinds,
            capture,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        for kind in entries(self.kinds) {
            self.target
                .unchecked_ref::<Target>()
                .remove(kind, &self.callback, self.capture);
        }
    }
}
