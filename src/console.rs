//! The only way sharecite speaks to a site owner: the console, each
//! distinct message once per page, always prefixed `sharecite:`.

use std::cell::RefCell;

use sharecite_core::Warning;
use wasm_bindgen::JsValue;

thread_local! {
    static SAID: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Warns about a configuration or metadata problem, once per distinct
/// message: a list page with a hundred identical cards warns once.
pub fn warn(warning: &Warning) {
    let message = warning.message();
    let fresh = SAID.with(|said| {
        let mut said = said.borrow_mut();
        if said.contains(&message) {
            false
        } else {
            said.push(message.clone());
            true
        }
    });
    if fresh {
        web_sys::console::warn_1(&JsValue::from_str(&message));
    }
}

/// Reports a failure the widget recovered from, with the browser's error.
pub fn error(context: &str, cause: &JsValue) {
    let mut message = String::with_capacity(context.len() + 11);
    message.push_str("sharecite: ");
    message.push_str(context);
    web_sys::console::error_2(&JsValue::from_str(&message), cause);
}
