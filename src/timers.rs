//! gloo-timers' `Timeout`, reached through one function.
//!
//! `Timeout::new` is generic over its callback, and each instantiation
//! brings its own copy of wasm-bindgen's run-once wrapper (with its "called
//! more than once" path) and drop glue. Boxed here, as `events::Listener`
//! boxes its handlers, every timer the widget sets shares one.

use gloo_timers::callback::Timeout;

/// Runs `callback` once, `millis` from now, unless the handle is dropped
/// first (or `forget`ten, to let it run come what may).
pub fn after(millis: u32, callback: impl FnOnce() + 'static) -> Timeout {
    boxed(millis, Box::new(callback))
}

// Not generic: every caller shares one copy.
fn boxed(millis: u32, callback: Box<dyn FnOnce()>) -> Timeout {
    Timeout::new(millis, callback)
}
