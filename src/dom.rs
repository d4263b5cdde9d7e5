//! Small DOM helpers shared by the adapter's modules.

use js_sys::Object;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, Element, Event, Node, NodeList, Window};

pub type Result<T> = core::result::Result<T, JsValue>;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): the page's window and
    /// document. The loader runs the widget only where there is a document
    /// (it stops first where there is none), so neither is optional:
    /// `web_sys::window()` finds the global object by trying four names
    /// (`globalThis`, `self`, `window`, `global`) and checks that it is a
    /// `Window`, and its `document()` may be none, each a path every
    /// caller had to take. A call each time rather than a static: a
    /// static's lazy start and its clone for every caller took more code.
    #[wasm_bindgen(js_name = shareciteWindow)]
    pub fn window() -> Window;
    #[wasm_bindgen(js_name = shareciteDocument)]
    pub fn document() -> Document;
}

#[wasm_bindgen]
extern "C" {
    /// A node this crate builds, or the document it builds with. What we do
    /// to them cannot throw: the tag and attribute names are constants, all
    /// valid (`createElement` and `setAttribute` throw only for an invalid
    /// name), the children we append are new nodes, appended to elements
    /// (`appendChild` throws only when the parent cannot have children or a
    /// node would contain itself) and we clone elements, never a shadow
    /// root. web-sys's bindings catch the exceptions these calls
    /// can throw in general, and a hundred calls paid for that in code
    /// (1.6 KB of gzipped wasm). A page that patches these methods to throw
    /// gets its own exception back: while mounting, the loader's `try`
    /// reports it as `sharecite: could not mount`.
    type Built;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &Built, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = appendChild)]
    fn append_child(this: &Built, child: &Node);
    #[wasm_bindgen(method, js_name = append)]
    fn append_text(this: &Built, text: &str);
    #[wasm_bindgen(method, js_name = cloneNode)]
    fn clone_node(this: &Built, deep: bool) -> Element;
    // On the document: the tag names are constants, all valid.
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Built, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = createElementNS)]
    fn create_element_ns(this: &Built, namespace: &str, tag: &str) -> Element;
}

#[wasm_bindgen]
extern "C" {
    /// Calls that web-sys declares as throwing but that cannot throw as we
    /// make them: `focus`, `removeAttribute` of a constant name, `closest`
    /// with a valid selector, `print` and `open` of a URL that parses
    /// (which a sandboxed frame blocks without throwing), a new node of
    /// ours after a node whose parent is an element (not the document), new
    /// rules for a constructed stylesheet, and `Reflect.set` on a new plain
    /// object. A catching call checks for an exception after it returns, in
    /// code at every call site. As with [`Built`], a page that patches one
    /// of these to throw gets its own exception back.
    type NoThrow;
    #[wasm_bindgen(method)]
    fn focus(this: &NoThrow);
    #[wasm_bindgen(method, js_name = print)]
    fn print_page(this: &NoThrow);
    #[wasm_bindgen(method, js_name = open)]
    fn open_tab(this: &NoThrow, url: &str, target: &str, features: &str);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn remove_attribute(this: &NoThrow, name: &str);
    #[wasm_bindgen(method, js_name = closest)]
    fn closest_valid(this: &NoThrow, selector: &str) -> Option<Element>;
    #[wasm_bindgen(method)]
    fn after(this: &NoThrow, node: &Node);
    #[wasm_bindgen(method, js_name = replaceSync)]
    fn replace_sync(this: &NoThrow, css: &str);

    /// `Reflect.set` on a new plain object of ours: a string property.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_string(object: &Object, key: &str, value: &str);

    /// The string property `key` of `object` (`Reflect.get`): a document's
    /// `title`, `URL` or `baseURI`, a node's `textContent`,
    /// an input's `value`; `None` where it is null. One import and one glue
    /// function for all of them, where each of web-sys's getters is one of
    /// each. The getters are the platform's (a page that patches one to
    /// throw gets its own exception back, as with [`NoThrow`]).
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    pub fn text(object: &JsValue, key: &str) -> Option<String>;

    /// The element property `key` of `object` (`Reflect.get`): a
    /// document's `documentElement`, a node's `parentElement`, a shadow
    /// root's `activeElement`; `None` where it is null. Like [`text`], one
    /// import for all of them.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    pub fn element_at(object: &JsValue, key: &str) -> Option<Element>;
}

fn no_throw(value: &JsValue) -> &NoThrow {
    value.unchecked_ref()
}

/// Moves focus to `element`.
pub fn focus(element: &Element) {
    no_throw(element).focus();
}

/// Removes attribute `name`, a constant, from `element`.
pub fn remove_attribute(element: &Element, name: &'static str) {
    no_throw(element).remove_attribute(name);
}

/// Puts `node`, a new one of ours, right after `sibling`, whose parent is
/// an element: one of our hosts, or a script tag in the body.
pub fn after(sibling: &Element, node: &Node) {
    no_throw(sibling).after(node);
}

#[wasm_bindgen]
extern "C" {
    /// A constructable stylesheet. Every browser that runs the widget has
    /// them: the loader inflates the wasm with `DecompressionStream`
    /// (Chrome 80, Firefox 113, Safari 16.4), and constructable sheets came
    /// before it (Chrome 73, Firefox 101, Safari 16.4), so the constructor
    /// cannot throw where this runs and is bound without web-sys's check.
    #[wasm_bindgen(js_name = CSSStyleSheet)]
    type NewSheet;
    #[wasm_bindgen(constructor, js_class = CSSStyleSheet)]
    fn new() -> NewSheet;
}

/// A new constructed stylesheet, empty until [`replace_sheet`] fills it.
pub fn sheet() -> CssStyleSheet {
    NewSheet::new().unchecked_into()
}

/// Replaces the rules of `sheet`, a constructed one, with `css`, ours.
pub fn replace_sheet(sheet: &CssStyleSheet, css: &str) {
    no_throw(sheet).replace_sync(css);
}

/// Sets attribute `name`, a constant, on `element` (see [`Built`]).
pub fn set_attribute(element: &Element, name: &'static str, value: &str) {
    element.unchecked_ref::<Built>().set_attribute(name, value);
}

/// Appends `child`, a node this crate made, to `parent`, an element or a
/// shadow root (see [`Built`]).
pub fn append(parent: &Node, child: &Node) {
    parent.unchecked_ref::<Built>().append_child(child);
}

/// Appends `text` as a text node.
pub fn append_text(parent: &Element, text: &str) {
    parent.unchecked_ref::<Built>().append_text(text);
}

/// A deep copy of `element`.
pub fn deep_clone(element: &Element) -> Element {
    element.unchecked_ref::<Built>().clone_node(true)
}

/// A new SVG element `<tag>`.
pub fn svg_element(document: &Document, tag: &'static str) -> Element {
    document
        .unchecked_ref::<Built>()
        .create_element_ns(SVG_NS, tag)
}

/// An HTML element with a class and, when given, a `part`.
pub fn element(document: &Document, tag: &'static str, class: &str, part: Option<&str>) -> Element {
    let element = document.unchecked_ref::<Built>().create_element(tag);
    if !class.is_empty() {
        set_attribute(&element, "class", class);
    }
    if let Some(part) = part {
        set_attribute(&element, "part", part);
    }
    element
}

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): calls `done` once, when
    /// `promise` settles: with undefined when it fulfilled, else with the
    /// reason it was rejected for.
    #[wasm_bindgen(js_name = shareciteSettle)]
    fn settle_with(promise: &JsValue, done: JsValue);

    /// Provided by the loader: dispatches a `CustomEvent` of `type` that
    /// bubbles out of the shadow root, with `detail`. One import where
    /// web-sys's event init dictionary took five. A listener that throws
    /// is reported by the browser and does not reach the widget.
    #[wasm_bindgen(js_name = shareciteDispatch)]
    pub fn dispatch(target: &web_sys::EventTarget, kind: &str, detail: &JsValue);
}

/// Calls `then` once `promise` (or any value, as `Promise.resolve` takes
/// it) settles: `Ok` when it fulfilled, else `Err` with the reason. One
/// boxed callback type for every caller, and the closure of the event
/// listeners' type, so the wasm and the glue hold no closure shim of its
/// own; the glue frees it once the browser lets it go.
pub fn settle(promise: &JsValue, then: Box<dyn FnOnce(Result<()>)>) {
    let mut then = Some(then);
    let done: Box<dyn FnMut(&Event)> = Box::new(move |reason| {
        let reason: &JsValue = reason;
        if let Some(then) = then.take() {
            then(if reason.is_undefined() {
                Ok(())
            } else {
                Err(reason.clone())
            });
        }
    });
    settle_with(promise, Closure::wrap(done).into_js_value());
}

#[wasm_bindgen]
extern "C" {
    /// A document, element or shadow root, as `querySelector` and
    /// `querySelectorAll` see them: one binding for the three, where
    /// web-sys has one per type, each an import of the wasm and a function
    /// of the glue.
    type ParentNode;
    #[wasm_bindgen(method, catch, js_name = querySelector)]
    fn query_selector(this: &ParentNode, selector: &str) -> Result<Option<Element>>;
    #[wasm_bindgen(method, catch, js_name = querySelectorAll)]
    fn query_selector_all(this: &ParentNode, selector: &str) -> Result<NodeList>;
}

/// The first element in `parent` matching `selector`; `None` when none
/// does or the selector is not valid CSS.
pub fn query(parent: &Node, selector: &str) -> Option<Element> {
    parent
        .unchecked_ref::<ParentNode>()
        .query_selector(selector)
        .ok()
        .flatten()
}

/// Whether `selector` is valid CSS: asked of a new element's
/// `querySelectorAll`, which has nothing to search.
pub fn is_selector(selector: &str) -> bool {
    query_all(&element(&document(), "i", "", None), selector).is_ok()
}

/// Every element in `parent` matching `selector`; `Err` when the selector
/// is not valid CSS.
pub fn query_all(parent: &Node, selector: &str) -> Result<NodeList> {
    parent
        .unchecked_ref::<ParentNode>()
        .query_selector_all(selector)
}

/// The elements in `parent` matching `selector`, a constant.
pub fn query_elements(parent: &Node, selector: &'static str) -> Vec<Element> {
    query_all(parent, selector)
        .map(|list| elements(&list))
        .unwrap_or_default()
}

/// A plain object of string properties: for the few small objects we hand
/// the page (event details, share data), a loop of `Reflect.set` does what
/// serde-wasm-bindgen did in 3 KB of gzipped wasm.
pub fn object(fields: &[(&'static str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        set_string(&object, key, value);
    }
    object
}

/// The elements of a `querySelectorAll` result, which holds nothing else
/// (so no `instanceof` each). A list, not an iterator: each caller's chain
/// of iterator adapters over a generic one was a copy of its own in the
/// wasm.
pub fn elements(list: &NodeList) -> Vec<Element> {
    let mut elements = Vec::new();
    for index in 0..list.length() {
        if let Some(node) = list.item(index) {
            elements.push(node.unchecked_into());
        }
    }
    elements
}

/// Opens the browser's print dialog for the page.
pub fn print() {
    no_throw(&window()).print_page();
}

/// Opens `url`, one of ours (so one that parses), in a new tab that
/// cannot reach back to the page; a browser that blocks it opens nothing.
pub fn open_tab(url: &str) {
    no_throw(&window()).open_tab(url, "_blank", "noopener,noreferrer");
}

/// `element` or its nearest ancestor matching `selector`, which is a
/// constant or one [`is_selector`] has accepted: only an invalid selector
/// makes `closest` throw.
pub fn closest(element: &Element, selector: &str) -> Option<Element> {
    no_throw(element).closest_valid(selector)
}

/// A keyboard event's `key` ("Escape", "ArrowDown"); empty for an event
/// of another kind. Read as a property (see [`text`]): web-sys's
/// `KeyboardEvent` would cost an `instanceof` and a getter of their own.
pub fn key(event: &web_sys::Event) -> String {
    text(event, "key").unwrap_or_default()
}

/// The element an event started at, or its nearest ancestor matching
/// `selector` (as [`closest`] takes it).
pub fn target_closest(event: &web_sys::Event, selector: &str) -> Option<Element> {
    closest(&target(event)?, selector)
}

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): the element an event is at,
    /// as a listener on the document or a shadow root sees it; none when it
    /// is at no element (the document itself, the window). One import
    /// where the target's getter and an `instanceof` were two.
    #[wasm_bindgen(js_name = shareciteTarget)]
    pub fn target(event: &web_sys::Event) -> Option<Element>;
}
