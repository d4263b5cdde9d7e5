//! `sharecite.mount(element, options)`: placements driven from script, for
//! frameworks and client-side routers. Options are the `data-*` attributes
//! in camelCase (`originalSource`, `citeStyle`...).

use js_sys::Array;
use sharecite_core::warning::WarningKind;
use sharecite_core::{Attribute, Attributes, Warning};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::{console, dom, widget};

/// A placement mounted from script.
#[derive(Debug)]
struct Placement {
    container: Element,
    host: Option<HtmlElement>,
    attributes: Attributes,
}

/// A slot of the placements table. Free slots are reused, so the table is
/// only as long as the most placements mounted at once: boxing the large
/// variant would save nothing worth an allocation per mount.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
enum Slot {
    Free,
    /// Out of the table while it re-renders (see [`placement_update`]).
    Busy,
    Mounted(Placement),
}

thread_local! {
    /// Placements mounted from script, by handle (index + 1). A handle is a
    /// number, not an exported class: the loader keeps it, and
    /// wasm-bindgen's class machinery (borrow flags, ownership checks and a
    /// finalizer in the glue) cost more than these few functions. Slots
    /// are reused: a page that mounts and destroys forever holds only what
    /// is mounted.
    static PLACEMENTS: core::cell::RefCell<Vec<Slot>> =
        const { core::cell::RefCell::new(Vec::new()) };
}

/// Mounts a placement at the end of `element`; its handle for
/// [`placement_update`] and [`placement_destroy`], or 0 when nothing was
/// mounted (the reason is on the console).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> u32 {
    let attributes = read_options(&Attributes::default(), &options);
    let mut placement = Placement {
        container: element,
        host: None,
        attributes,
    };
    placement.render(None);
    if placement.host.is_none() {
        return 0;
    }
    let mounted = Slot::Mounted(placement);
    PLACEMENTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        if let Some((index, free)) = slots
            .iter_mut()
            .enumerate()
            .find(|(_, slot)| matches!(slot, Slot::Free))
        {
            *free = mounted;
            return index as u32 + 1;
        }
        slots.push(mounted);
        slots.len() as u32
    })
}

/// Builds, ahead of [`mount`] and in a task of its own, the tree the
/// placement `options` ask for will clone, so that mounting it is a
/// shorter task. The loader calls it for every `sharecite.mount()`.
#[wasm_bindgen]
pub fn prepare_mount(options: JsValue) {
    widget::prepare_placement(&read_options(&Attributes::default(), &options));
}

/// Applies `options` on top of placement `handle`'s and re-renders it.
#[wasm_bindgen]
pub fn placement_update(handle: u32, options: JsValue) {
    // Out of the table while the page's code may run (the getters of
    // `options`, a console it has patched): an update of it from there
    // finds nothing to do, and a destroy from there is honoured below.
    let Some(mut placement) = replace(handle, Slot::Busy) else {
        return;
    };
    placement.attributes = read_options(&placement.attributes, &options);
    let previous = placement.host.take();
    placement.render(previous.as_ref());
    if let Some(previous) = previous {
        widget::unmount(&previous);
    }
    let destroyed = PLACEMENTS.with(
        |slots| match slots.borrow_mut().get_mut(slot_index(handle)) {
            Some(slot @ Slot::Busy) => {
                *slot = Slot::Mounted(placement);
                None
            }
            _ => Some(placement),
        },
    );
    if let Some(host) = destroyed.and_then(|placement| placement.host) {
        widget::unmount(&host);
    }
}

/// Removes placement `handle`, its listeners, timers and elements.
#[wasm_bindgen]
pub fn placement_destroy(handle: u32) {
    if let Some(host) = replace(handle, Slot::Free).and_then(|placement| placement.host) {
        widget::unmount(&host);
    }
}

fn slot_index(handle: u32) -> usize {
    (handle as usize).wrapping_sub(1)
}

/// Puts `with` in slot `handle` and returns the placement mounted there,
/// if any. A busy slot (its placement re-rendering) changes only to free.
fn replace(handle: u32, with: Slot) -> Option<Placement> {
    PLACEMENTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let slot = slots.get_mut(slot_index(handle))?;
        match slot {
            Slot::Mounted(_) => match core::mem::replace(slot, with) {
                Slot::Mounted(placement) => Some(placement),
                _ => None,
            },
            // A destroy while it re-renders: freed now, unmounted when the
            // render is over.
            Slot::Busy if matches!(with, Slot::Free) => {
                *slot = Slot::Free;
                None
            }
            _ => None,
        }
    })
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
                &|host| match previous {
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
    for &attribute in &Attribute::ALL {
        let Ok(value) = dom::get(options, attribute.option_name()) else {
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
        } else if value.as_f64().is_some() {
            Some(dom::text(&value))
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
