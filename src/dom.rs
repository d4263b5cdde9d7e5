//! Small DOM helpers shared by the adapter's modules.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, NodeList, Window};

pub type Result<T> = core::result::Result<T, JsValue>;

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub fn window() -> Result<Window> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

pub fn document() -> Result<Document> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// An HTML element with a class and, when given, a `part`.
pub fn element(document: &Document, tag: &str, class: &str, part: Option<&str>) -> Result<Element> {
    let element = document.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if let Some(part) = part {
        element.set_attribute("part", part)?;
    }
    Ok(element)
}

/// Whether `object[name]` is a function: feature detection that a page
/// cannot break by throwing from a getter.
pub fn has_method(object: &JsValue, name: &str) -> bool {
    Reflect::get(object, &JsValue::from_str(name))
        .map(|value| value.is_function())
        .unwrap_or(false)
}

/// `object[name]`, when it is an object.
pub fn property<T: JsCast>(object: &JsValue, name: &str) -> Option<T> {
    let value = Reflect::get(object, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(value.unchecked_into())
}

/// The elements of a `querySelectorAll` result, as type `T`.
pub fn elements<T: JsCast>(list: NodeList) -> impl Iterator<Item = T> {
    (0..list.length())
        .filter_map(move |index| list.item(index))
        .filter_map(|node| node.dyn_into::<T>().ok())
}

/// The element an event started at, or its nearest ancestor matching
/// `selector`.
pub fn closest(event: &web_sys::Event, selector: &str) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target.closest(selector).ok().flatten()
}
