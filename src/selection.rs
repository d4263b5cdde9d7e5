//! What happens when a reader selects text in the article, both opt-in:
//! copies that carry the attribution (`data-copy-attribution`), and a small
//! popover to share the quote (`data-quote-share`). The page's listeners
//! stay in the widget; what they do runs in the republishing module
//! (`crate::republish`).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::events::Listener;
use crate::timers;
use sharecite_core::i18n::Key;
use sharecite_core::view::quote_hrefs;
use sharecite_core::{Clip, Network};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{CssStyleSheet, Element, HtmlElement, Node};

use crate::dom::{self, element};
use crate::render;
use crate::republish::{self, Republish};
use crate::widget::{remembered_mastodon_instance, State};

/// Selections shorter than this are slips of the mouse, not quotes.
const MIN_QUOTE_CHARS: usize = 3;

/// The popover, its controls and the sheet that positions it.
#[derive(Debug)]
pub struct QuotePopover {
    host: HtmlElement,
    position: CssStyleSheet,
    links: Vec<(Network, Element)>,
    quote: String,
    _listeners: Vec<Listener>,
}

thread_local! {
    /// Placements with a selection feature, served by one set of page
    /// listeners however many placements there are.
    // Built at compile time: a lazily initialised thread-local costs an
    // initialiser and a state check at every use.
    static WATCH: RefCell<Watch> = const {
        RefCell::new(Watch {
            placements: Vec::new(),
            listeners: Vec::new(),
        })
    };
}

struct Watch {
    placements: Vec<Weak<State>>,
    listeners: Vec<Listener>,
}

/// Serves `state`'s selection features, if it has any, until [`release`].
pub fn watch(state: &Rc<State>) {
    if !state.config.copy_attribution && !state.config.quote_share {
        return;
    }
    WATCH.with(|watch| {
        let mut watch = watch.borrow_mut();
        watch.placements.push(Rc::downgrade(state));
        if watch.listeners.is_empty() {
            watch.listeners = listen();
        }
    });
}

/// Stops serving `state`; the page listeners go with the last placement.
pub fn release(state: &Rc<State>) {
    let idle = WATCH.with(|watch| {
        let mut watch = watch.borrow_mut();
        let gone = Rc::downgrade(state);
        // A loop of `remove`, in order, rather than `retain` (0.3 KB).
        let placements = &mut watch.placements;
        let mut index = 0;
        while let Some(placement) = placements.get(index) {
            if placement.strong_count() == 0 || placement.ptr_eq(&gone) {
                placements.remove(index);
            } else {
                index += 1;
            }
        }
        if watch.placements.is_empty() {
            std::mem::take(&mut watch.listeners)
        } else {
            Vec::new()
        }
    });
    // Removed once the registry is no longer borrowed.
    drop(idle);
}

/// The watched placements `wanted` picks, taken out of the registry so
/// that what they do may mount or release placements.
fn placements(wanted: fn(&State) -> bool) -> Vec<Rc<State>> {
    WATCH.with(|watch| {
        let mut states = Vec::new();
        for state in watch.borrow().placements.iter().filter_map(Weak::upgrade) {
            if wanted(&state) {
                states.push(state);
            }
        }
        states
    })
}

fn copies(state: &State) -> bool {
    state.config.copy_attribution
}

fn quotes(state: &State) -> bool {
    state.config.quote_share
}

fn hide_quotes() {
    placements(quotes)
        .iter()
        .for_each(|state| state.hide_quote());
}

fn listen() -> Vec<Listener> {
    let (window, document) = (dom::window(), dom::document());
    let mut listeners = Vec::new();
    listeners.push(Listener::new(&document, "copy", |event| {
        republish::send(&Republish::Copied(event));
    }));
    listeners.push(Listener::new(&document, "mouseup|keyup", |event| {
        if dom::key(event) == "Escape" {
            return hide_quotes();
        }
        // Using the popover (or a placement) is not a new selection: the
        // page sees such events at our host, shadow DOM retargets them
        // there.
        if dom::target_closest(event, "[data-sharecite-quote],[data-sharecite-host]").is_some() {
            return;
        }
        // Let the selection settle (a click inside it collapses it).
        timers::after(0, || republish::send(&Republish::Settled)).forget();
    }));
    listeners.push(Listener::new(&window, "scroll", |_| hide_quotes()));
    listeners.push(Listener::new(&document, "selectionchange", |_| {
        if reader_selection().is_none() {
            hide_quotes();
        }
    }));
    listeners
}

/// A reader copied: the copy carries the attribution, if from the article
/// of a placement that asks for it (in the republishing module).
pub(crate) fn copied(event: &web_sys::Event) {
    let Some(selected) = reader_selection() else {
        return;
    };
    for state in placements(copies) {
        if state.copy_with_attribution(event, &selected) {
            break;
        }
    }
}

/// A selection settled: the quote popover is offered, or hidden (in the
/// republishing module).
pub(crate) fn settled() {
    let selected = reader_selection();
    for state in placements(quotes) {
        state.offer_quote(selected.as_ref());
    }
}

#[wasm_bindgen]
extern "C" {
    /// The reader's selection as the loader reads it (js/loader.js): none
    /// when there is nothing selected, or it is their own typing, or it is
    /// in a placement of ours. Its `text`, and `at`, the declarations that
    /// place a popover under it (`top:…px;left:…px`), are read by
    /// [`dom::text`].
    type Selected;

    #[wasm_bindgen(js_name = shareciteSelection)]
    fn reader_selection() -> Option<Selected>;
    /// The node that holds all of the selection.
    #[wasm_bindgen(method, getter)]
    fn node(this: &Selected) -> Node;
}

impl State {
    /// The selection, if it is in this placement's article and long enough.
    fn article_selection(&self, selected: &Selected, min_chars: usize) -> Option<String> {
        let text = dom::text(selected, "text").unwrap_or_default();
        let text = sharecite_core::search::trim(&text);
        if text.chars().count() < min_chars.max(1) {
            return None;
        }
        let container = self.article_container()?;
        container
            .contains(Some(&selected.node()))
            .then(|| text.to_string())
    }

    /// A control of the quote popover was clicked (or none was).
    pub(crate) fn quote_click(self: &Rc<Self>, event: &web_sys::Event) {
        let Some(control) = dom::target_closest(event, "[data-network]") else {
            return;
        };
        let id = control.get_attribute("data-network").unwrap_or_default();
        match Network::from_id(&id) {
            Some(Network::Copy) => {
                let quote = self
                    .quote
                    .borrow()
                    .as_ref()
                    .map(|p| p.quote.clone())
                    .unwrap_or_default();
                self.copy(Network::Copy, self.passage(&quote, true));
            }
            Some(network) => self.dispatch_share(network),
            None => {}
        }
        self.hide_quote();
    }

    fn passage(&self, text: &str, quoted: bool) -> Clip {
        self.attribution(|attribution| attribution.passage(text, quoted))
    }

    /// A reader copied from the article: add the attribution and the
    /// link. True when this placement's article was the one copied from.
    fn copy_with_attribution(&self, event: &web_sys::Event, selected: &Selected) -> bool {
        if event.default_prevented() {
            return true;
        }
        let Some(text) = self.article_selection(selected, self.config.copy_min) else {
            return false;
        };
        let clip = self.passage(&text, false);
        if crate::clipboard::put_in_copy_event(event, &clip) {
            self.dispatch("sharecite:copy", &clip.fields());
        }
        true
    }

    /// Shows the popover under the selection, or hides it.
    fn offer_quote(self: &Rc<Self>, selected: Option<&Selected>) {
        let quote = selected.and_then(|s| Some((s, self.article_selection(s, MIN_QUOTE_CHARS)?)));
        match quote {
            Some((selected, quote)) => self.show_quote(quote, selected),
            None => self.hide_quote(),
        }
    }

    pub(crate) fn hide_quote(&self) {
        if let Some(popover) = self.quote.borrow().as_ref() {
            dom::set_attribute(&popover.host, "hidden", "");
        }
    }

    fn show_quote(self: &Rc<Self>, quote: String, selected: &Selected) {
        let hrefs = {
            let article = self.article.borrow();
            quote_hrefs(
                &self.config,
                &article,
                self.strings,
                &quote,
                &remembered_mastodon_instance(),
            )
        };
        let mut borrow = self.quote.borrow_mut();
        let popover = match &mut *borrow {
            Some(popover) => popover,
            none => none.insert(self.build_quote_popover()),
        };
        for (network, link) in &popover.links {
            if let Some((_, href)) = hrefs.iter().find(|(n, _)| n == network) {
                dom::set_attribute(link, "href", href);
            }
        }
        popover.quote = quote;
        // Fixed to the viewport (it hides on scroll), so no ancestor's
        // positioning can throw it off; positioned by a constructable sheet,
        // not a style attribute, so a strict CSP has nothing to refuse.
        let at = dom::text(selected, "at").unwrap_or_default();
        let css =
            sharecite_core::join::concat(&[":host{position:fixed;z-index:2147483647;", &at, "}"]);
        dom::replace_sheet(&popover.position, &css);
        dom::remove_attribute(&popover.host, "hidden");
    }

    fn build_quote_popover(self: &Rc<Self>) -> QuotePopover {
        let document = dom::document();
        let position = dom::sheet();
        let (host, root) = render::shadow_host(&document, "data-sharecite-quote", Some(&position));
        dom::set_attribute(&host, "hidden", "");

        let container = element(&document, "div", "root quote", Some("quote"));
        dom::set_attribute(&container, "role", "toolbar");
        dom::set_attribute(
            &container,
            "aria-label",
            self.strings.get(Key::QuoteToolbar),
        );
        dom::set_attribute(&container, "lang", self.strings.tag());
        dom::set_attribute(&container, "data-theme", self.config.theme.id());
        let mut links = Vec::new();
        for network in sharecite_core::view::QUOTE_NETWORKS {
            let link = render::quote_link(&document, network, self.strings);
            dom::append(&container, &link);
            links.push((network, link));
        }
        let copy = element(&document, "button", "control", Some("control copy"));
        dom::set_attribute(&copy, "type", "button");
        dom::set_attribute(&copy, "data-network", "copy");
        dom::set_attribute(&copy, "aria-label", self.strings.get(Key::NameQuoteCopy));
        copy.set_text_content(Some(self.strings.get(Key::QuoteCopy)));
        dom::append(&container, &copy);
        dom::append(&root, &container);
        // Next to the placement, so it sits in the page's landmarks.
        dom::after(&self.rendered.host, &host);

        let state = self.clone();
        let click = Listener::new(&root, "click", move |event| {
            republish::send(&Republish::QuoteClick(&state, event));
        });
        QuotePopover {
            host,
            position,
            links,
            quote: String::new(),
            _listeners: vec![click],
        }
    }
}

impl Drop for QuotePopover {
    fn drop(&mut self) {
        self.host.remove();
    }
}
