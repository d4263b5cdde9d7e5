//! Copy attribution, quote sharing and crossposting: what hands a reader
//! a passage of the article with its attribution, to paste elsewhere. All
//! three are opt-in (`data-copy-attribution`, `data-quote-share`, the
//! `crosspost` network) and most pages turn none on, so their code is a
//! module of its own, `sharecite_republish_bg.wasm`, split off the
//! widget's (as the citation styles are: scripts/split-module.mjs) and
//! fetched when the first placement that turns one on mounts. The widget
//! keeps the page's listeners and its controls, which hand each event to
//! that module's one export ([`Republish`]) once it is in: on a page
//! without them, a kilobyte less for every reader.

use std::cell::Cell;
use std::rc::Rc;

use sharecite_core::i18n::Key;
use sharecite_core::{Config, Network};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Event;

use crate::widget::State;
use crate::{console, dom, selection};

/// What the widget hands the module, in the memory both share (the
/// citation module's `Request` travels so too).
pub(crate) enum Republish<'a> {
    /// A reader copied: the copy carries the attribution, if from an
    /// article of a placement that asks for it.
    Copied(&'a Event),
    /// A selection settled: the quote popover is offered, or hidden.
    Settled,
    /// A click in a placement's quote popover.
    QuoteClick(&'a Rc<State>, &'a Event),
    /// A placement's crosspost control was clicked.
    Crosspost(&'a Rc<State>),
}

fn republish(request: &Republish<'_>) {
    match *request {
        Republish::Copied(event) => selection::copied(event),
        Republish::Settled => selection::settled(),
        Republish::QuoteClick(state, event) => state.quote_click(event),
        Republish::Crosspost(state) => state.copy(Network::Crosspost, state.crosspost()),
    }
}

/// The export the loader calls (js/loader.js, `shareciteRepublish`), once
/// the module is in: the split's root. (Built for every target, so that
/// all it reaches counts as used in native builds too.)
///
/// # Safety
/// `request` points at a live [`Republish`].
#[export_name = "republish"]
unsafe extern "C" fn republish_export(request: *const Republish<'_>) {
    republish(&*request);
}

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader: starts loading the module, once; the
    /// promise settles when it is in, or could not be (with the browser's
    /// reason). It never throws.
    #[wasm_bindgen(js_name = shareciteRepublishModule)]
    fn load_module() -> js_sys::Promise;

    /// Provided by the loader: hands `request` to the module's
    /// `republish`, once it is in; until then the request goes unserved.
    #[wasm_bindgen(js_name = shareciteRepublish)]
    pub(crate) fn send(request: *const Republish<'_>);
}

thread_local! {
    /// Whether a load was asked for and has not failed: a list of a
    /// hundred cards asks once, and a failure is said once.
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// Starts loading the module if a placement configured so turns one of
/// its features on, so that it is in before a reader copies or clicks:
/// `sharecite.ready` waits for it.
pub(crate) fn load_for(config: &Config) {
    let wanted = config.copy_attribution
        || config.quote_share
        || config.networks.contains(&Network::Crosspost);
    if !wanted || REQUESTED.replace(true) {
        return;
    }
    dom::settle(
        &load_module(),
        Box::new(|loaded| {
            if let Err(cause) = loaded {
                REQUESTED.set(false);
                console::error(
                    "could not load copy attribution, quote sharing and crossposting",
                    &cause,
                );
            }
        }),
    );
}

/// Copies `state`'s crosspost snippet: at once when the module is in (as
/// `sharecite.ready` waits for), else once it is, while the reader's click
/// still lets the page write the clipboard.
pub(crate) fn crosspost(state: &Rc<State>) {
    let state = state.clone();
    dom::settle(
        &load_module(),
        Box::new(move |loaded| match loaded {
            Ok(()) => send(&Republish::Crosspost(&state)),
            Err(cause) => {
                state.announce(state.strings.get(Key::StatusCopyFailed));
                console::error("could not load crossposting", &cause);
            }
        }),
    );
}
