//! The citation side of a placement: the `cite` button's format, the menu
//! of other formats beside it, and the crosspost snippet.

use std::rc::Rc;

use crate::events::Listener;
use js_sys::Promise;
use sharecite_cite::Request;
use sharecite_core::cite::CiteStyle;
use sharecite_core::date::Date;
use sharecite_core::i18n::Key;
use sharecite_core::{excerpt, Attribution, Clip};
use sharecite_core::{ClipKind, Network};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::widget::State;
use crate::{console, dom};

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): starts loading the citation
    /// module, once; the promise settles when it is in, or could not be
    /// (with the browser's reason). It never throws.
    #[wasm_bindgen(js_name = shareciteCitations)]
    fn load_citations() -> Promise;

    /// Provided by the loader: the citation module's `cite`
    /// (crates/cite-wasm), once [`load_citations`] has resolved. Answers
    /// `undefined`, or why the module trapped: the trap stops at the
    /// loader, not in the widget's own frames.
    #[wasm_bindgen(js_name = shareciteCite)]
    fn cite_in_module(request: *mut Request<'_>) -> JsValue;

    /// Provided by the loader: today in the reader's time zone as one
    /// number, 20190519 for 19 May 2019 (one call, where a `Date` and its
    /// three getters were four imports).
    #[wasm_bindgen(js_name = shareciteToday)]
    fn today_number() -> u32;
}

/// Paragraphs shorter than this are bylines and captions, not the text.
const MIN_PARAGRAPH_CHARS: usize = 80;

impl State {
    pub(crate) fn attribution<R>(&self, use_it: impl FnOnce(&Attribution<'_>) -> R) -> R {
        let article = self.article.borrow();
        use_it(&Attribution::new(&self.config, &article, self.strings))
    }

    /// Copies the article's citation in `style`, accessed today. The site's
    /// attribution is built here; the other styles live in a module of
    /// their own (`crates/cite-wasm`), fetched on first use.
    pub(crate) fn cite(self: &Rc<Self>, style: CiteStyle) {
        if style == CiteStyle::Attribution {
            let clip = self.attribution(|attribution| attribution.citation());
            self.copy(Network::Cite, clip);
            return;
        }
        let state = self.clone();
        let copy_formatted: Box<dyn FnOnce(dom::Result<()>)> = Box::new(move |loaded| {
            // The article as it is now: a navigation may have changed it
            // while the module loaded.
            let formatted = loaded.and_then(|_| {
                let article = state.article.borrow();
                let mut request = Request {
                    article: &article,
                    accessed: Some(today()),
                    style,
                    answer: None,
                };
                let trapped = cite_in_module(&mut request);
                if trapped.is_undefined() {
                    Ok(request.answer)
                } else {
                    Err(trapped)
                }
            });
            match formatted {
                Ok(Some((text, html))) => {
                    state.copy(
                        Network::Cite,
                        Clip {
                            kind: ClipKind::Citation,
                            text,
                            html,
                        },
                    );
                }
                failed => {
                    state.announce(state.strings.get(Key::StatusCopyFailed));
                    // Why, as the browser says it (the module did not
                    // load, or it trapped), else which style failed.
                    let cause = failed
                        .err()
                        .unwrap_or_else(|| JsValue::from_str(style.id()));
                    console::error("could not format the citation", &cause);
                }
            }
        });
        dom::settle(&load_citations(), copy_formatted);
    }

    /// Starts fetching the citation module before a reader clicks, so the
    /// click still counts as theirs when the clipboard is written.
    pub(crate) fn prefetch_citations(&self) {
        // Whoever cites waits on the same promise (the loader keeps it).
        let _ = load_citations();
    }

    /// The crosspost snippet, quoting the description or the first paragraph.
    pub(crate) fn crosspost(&self) -> Clip {
        let description = self.article.borrow().description.clone();
        let excerpt = excerpt(&description, || self.first_paragraph());
        self.attribution(|attribution| attribution.crosspost(&excerpt))
    }

    /// The element holding the article's text: `data-article`, else the
    /// placement's own `<article>` or `<main>`, else the page's.
    pub(crate) fn article_container(&self) -> Option<Element> {
        let document = dom::document();
        let host = &self.rendered.host;
        let selectors: &[&str] = match &self.config.article_selector {
            Some(selector) => &[selector.as_str()],
            None => &["article", "main"],
        };
        selectors.iter().find_map(|selector| {
            dom::closest(host, selector).or_else(|| dom::query(&document, selector))
        })
    }

    fn first_paragraph(&self) -> String {
        let Some(container) = self.article_container() else {
            return String::new();
        };
        for paragraph in dom::query_elements(&container, "p") {
            if let Some(text) = dom::text(&paragraph, "textContent") {
                if sharecite_core::search::trim(&text).chars().count() >= MIN_PARAGRAPH_CHARS {
                    return text;
                }
            }
        }
        String::new()
    }

    pub(crate) fn toggle_formats(self: &Rc<Self>) {
        let Some(formats) = &self.rendered.formats else {
            return;
        };
        if formats.menu.has_attribute("hidden") {
            self.open_formats();
        } else {
            self.close_formats(true);
        }
    }

    fn open_formats(self: &Rc<Self>) {
        let Some(formats) = &self.rendered.formats else {
            return;
        };
        let document = dom::document();
        crate::render::fill_formats_menu(&document, formats, self.strings);
        dom::remove_attribute(&formats.menu, "hidden");
        dom::set_attribute(&formats.toggle, "aria-expanded", "true");
        if let Some(first) = format_buttons(&formats.menu).first() {
            dom::focus(first);
        }
        // A click anywhere else closes the menu, without moving focus. Seen
        // from the document, a pointer inside the placement's shadow root
        // is at its host, which holds nothing else.
        let state = self.clone();
        let listener = Listener::capturing(&document, "pointerdown", move |event| {
            let inside = dom::target(event).is_some_and(|target| target == *state.rendered.host);
            if !inside {
                state.close_formats(false);
            }
        });
        self.outside_click.replace(Some(listener));
    }

    /// Closes the menu; `return_focus` puts focus back on its button.
    pub(crate) fn close_formats(&self, return_focus: bool) {
        let Some(formats) = &self.rendered.formats else {
            return;
        };
        dom::set_attribute(&formats.menu, "hidden", "");
        dom::set_attribute(&formats.toggle, "aria-expanded", "false");
        self.outside_click.replace(None);
        if return_focus {
            dom::focus(&formats.toggle);
        }
    }

    /// Escape closes the menu; arrow keys, Home and End move through it.
    pub(crate) fn formats_key(&self, event: &web_sys::Event, key: &str) {
        let Some(formats) = &self.rendered.formats else {
            return;
        };
        if formats.menu.has_attribute("hidden") {
            return;
        }
        let buttons = format_buttons(&formats.menu);
        let active = dom::element_at(&self.rendered.root, "activeElement");
        let position = buttons.iter().position(|b| active.as_ref() == Some(b));
        let target = match key {
            "Escape" => {
                self.close_formats(true);
                return;
            }
            "ArrowDown" | "ArrowRight" => position.map_or(0, |p| (p + 1) % buttons.len()),
            "ArrowUp" | "ArrowLeft" => position.map_or(buttons.len().saturating_sub(1), |p| {
                (p + buttons.len() - 1) % buttons.len()
            }),
            "Home" => 0,
            "End" => buttons.len().saturating_sub(1),
            _ => return,
        };
        if position.is_none()
            && !formats
                .toggle
                .contains(active.as_ref().map(|a| a.unchecked_ref()))
        {
            return;
        }
        event.prevent_default();
        if let Some(button) = buttons.get(target) {
            dom::focus(button);
        }
    }
}

fn format_buttons(menu: &Element) -> Vec<Element> {
    dom::query_elements(menu, "button")
}

/// Today in the reader's time zone: the access date citations print.
fn today() -> Date {
    let today = today_number();
    Date {
        year: u16::try_from(today / 10_000).unwrap_or(1970),
        month: u8::try_from(today / 100 % 100).ok(),
        day: u8::try_from(today % 100).ok(),
    }
}
