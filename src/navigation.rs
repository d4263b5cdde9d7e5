//! Notices single-page navigations, so that links without `data-url`
//! follow the article the reader is on.
//!
//! The loader does the watching (`shareciteWatchNavigation` in
//! js/loader.js): the Navigation API where the browser has it, else
//! `popstate`, `hashchange` and a wrapper around `history.pushState` and
//! `replaceState`. Wrapping a page's function takes a few lines of
//! JavaScript; from Rust it took a closure type of its own, its glue, and
//! property juggling through `Reflect` (0.3 KB more of every reader's
//! download).

use wasm_bindgen::prelude::*;
use web_sys::Event;

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader: calls `navigated` after each same-document
    /// navigation, until the function it returns is called; it never
    /// throws (what it cannot watch, it leaves). `navigated` is of the event
    /// listeners' closure type (src/events.rs), though it is given no
    /// event: one closure type, and one set of its glue, for both.
    #[wasm_bindgen(js_name = shareciteWatchNavigation)]
    fn watch_navigations(navigated: &Closure<dyn FnMut(&Event)>) -> Stop;

    /// The loader's function that stops a watch.
    #[derive(Debug)]
    type Stop;
    /// Calls it. It cannot throw: js-sys's `Function::call0` would check
    /// for an exception after it.
    #[wasm_bindgen(method, js_name = call)]
    fn call(this: &Stop, context: &JsValue);
}

/// Watches navigations until dropped.
#[must_use = "the watch stops when dropped"]
#[derive(Debug)]
pub struct NavigationWatch {
    stop: Stop,
    // Called by the loader until `stop` runs, so it lives as long.
    _navigated: Closure<dyn FnMut(&Event)>,
}

impl Drop for NavigationWatch {
    fn drop(&mut self) {
        self.stop.call(&JsValue::UNDEFINED);
    }
}

/// Calls `on_navigate` after each same-document navigation.
pub fn watch(on_navigate: fn()) -> NavigationWatch {
    // The argument is never read: there is none.
    let navigated = Closure::<dyn FnMut(&Event)>::new(move |_: &Event| on_navigate());
    let stop = watch_navigations(&navigated);
    NavigationWatch {
        stop,
        _navigated: navigated,
    }
}
