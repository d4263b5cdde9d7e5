//! The only way sharecite speaks to a site owner: the console, each
//! distinct message once per page, always prefixed `sharecite:`.

use sharecite_core::Warning;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): `console.warn(message)`,
    /// once per distinct message and page, for the wasm's warnings and
    /// the loader's own alike.
    #[wasm_bindgen(js_name = shareciteWarn)]
    fn warn_once(message: &str);

    /// Provided by the loader: `console.error` of `sharecite: ` and
    /// `context`, with `cause`.
    #[wasm_bindgen(js_name = shareciteError)]
    fn error_with(context: &str, cause: &JsValue);
}

/// Warns about a configuration or metadata problem, once per distinct
/// message: a list page with a hundred identical cards warns once.
pub fn warn(warning: &Warning) {
    warn_once(&warning.message());
}

/// Reports a failure the widget recovered from, with the browser's error.
pub fn error(context: &str, cause: &JsValue) {
    error_with(context, cause);
}
