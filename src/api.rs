//! `sharecite.mount(element, options)`: placements driven from script, for
//! frameworks and client-side routers. Options are the `data-*` attributes
//! in camelCase (`originalSource`, `citeStyle`...).

use js_sys::{Array, Number, Reflect};
use sharecite_core::warning::WarningKind;
use sharecite_core::{Attribute, Attributes, Warning};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::{console, dom, widget};

/// A placement mounted from script. `update` re-renders it with changed
/// options; `destroy` removes it with every listener it added.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Placement {
    container: Element,
    host: Option<HtmlElement>,
    attributes: Attributes,
}

/// Mounts a placement at the end of `element`.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Option<Placement> {
    let attributes = read_options(&Attributes::default(), &options);
    let mut placement = Placement {
        container: element,
        host: None,
        attributes,
    };
    placement.render(None);
    placement.host.is_some().then_some(placement)
}

/// Builds, ahead of [`mount`] and in a task of its own, the tree the
/// placement `options` ask for will clone, so that mounting it is a
/// shorter task. The loader calls it for every `sharecite.mount()`.
#[wasm_bindgen]
pub fn prepare_mount(options: JsValue) {
    widget::prepare_placement(&read_options(&Attributes::default(), &options));
}

#[wasm_bindgen]
impl Placement {
    /// Applies `options` on top of the current ones and re-renders.
    pub fn update(&mut self, options: JsValue) {
        self.attributes = read_options(&self.attributes, &options);
        let previous = self.host.take();
        self.render(previous.as_ref());
        if let Some(previous) = previous {
            widget::unmount(&previous);
        }
    }

    /// Removes the placement, its listeners, timers and elements.
    pub fn destroy(mut self) {
        if let Some(host) = self.host.take() {
            widget::unmount(&host);
        }
    }
}

impl Placement {
    /// Mounts anew, in place of `previous` when there is one.
    fn render(&mut self, previous: Option<&HtmlElement>) {
        let Ok(document) = dom::document() else {
            return;
        };
        let metadata = widget::page_metadata(&document);
        let container = self.container.clone();
        let mounted =
            widget::mount_placement(
                &document,
                &metadata,
                &self.attributes,
                |host| match previous {
                    Some(previous) => previous.before_with_node_1(host),
                    None => container.append_child(host).map(|_| ()),
                },
            );
        match mounted {
            Ok(host) => self.host = Some(host),
            Err(error) => console::error("could not mount", &error),
        }
    }
}

/// `options` over `base`: strings as they are, numbers and booleans as
/// text (`true`/`false` as `on`/`off`), arrays joined (`networks` by spaces,
/// `author` by `;`); `null` removes a setting. The text is then checked as
/// the attribute's would be, with the same warnings.
fn read_options(base: &Attributes, options: &JsValue) -> Attributes {
    let mut attributes = base.clone();
    if !options.is_object() {
        return attributes;
    }
    for attribute in Attribute::ALL {
        let Ok(value) = Reflect::get(options, &JsValue::from_str(attribute.option_name())) else {
            continue;
        };
        if value.is_undefined() {
            continue;
        }
        let text = if value.is_null() {
            None
        } else if let Some(text) = value.as_string() {
            Some(text)
        } else if let Some(flag) = value.as_bool() {
            Some(if flag { "on" } else { "off" }.to_string())
        } else if let Some(number) = value.dyn_ref::<Number>() {
            number.to_string_with_radix(10).ok().map(String::from)
        } else if let Some(list) = value.dyn_ref::<Array>() {
            let separator = if attribute == Attribute::Author {
                ";"
            } else {
                " "
            };
            Some(list.join(separator).into())
        } else {
            console::warn(&Warning::new(
                attribute.option_name(),
                value.js_typeof().as_string().unwrap_or_default(),
                WarningKind::UnknownValue("a string, number, boolean or array; it is ignored"),
            ));
            continue;
        };
        attributes.set(attribute, text);
    }
    attributes
}
