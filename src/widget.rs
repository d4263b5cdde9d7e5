//! Placements: mounting them where the script says, and what their
//! controls do when a reader uses them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::events::Listener;
use gloo_timers::callback::Timeout;
use sharecite_core::cite::CiteStyle;
use sharecite_core::i18n::Key;
use sharecite_core::network::{parse_mastodon_instance, ShareText};
use sharecite_core::view::{share_hrefs, Capabilities, ShareDetail, View};
use sharecite_core::warning::WarningKind;
use sharecite_core::{
    link_clip, Article, Attribute, Attributes, Clip, ClipKind, Config, Network, PageMetadata,
    PageSnapshot, Strings, Warning,
};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlElement};

use crate::dom::{self, Result};
use crate::navigation::{self, NavigationWatch};
use crate::render::{self, Rendered};
use crate::{clipboard, console, page, timers};

#[wasm_bindgen]
extern "C" {
    /// Provided by the loader (js/loader.js): `navigator.share` of the
    /// title and URL, fulfilled once shared, rejected with null when the
    /// reader closed the sheet and with the reason on any other failure;
    /// never throws.
    #[wasm_bindgen(js_name = shareciteShare)]
    fn share_natively(title: &str, url: &str) -> js_sys::Promise;

    /// Provided by the loader: whether `navigator.share` is there to call.
    #[wasm_bindgen(js_name = shareciteCanShare)]
    fn can_share_natively() -> bool;

    /// Provided by the loader: the reader's Mastodon server as remembered
    /// on their device (`localStorage`), if it is; storage that throws
    /// (sandboxed frames, blocked cookies) remembers nothing.
    #[wasm_bindgen(js_name = shareciteRemember)]
    fn remembered_instance() -> Option<String>;

    /// The same function of the loader's, given a server: remembers it,
    /// where storage allows.
    #[wasm_bindgen(js_name = shareciteRemember)]
    fn remember_mastodon_instance(instance: &str);

    /// Provided by the loader: the button of a mouse event (0 the main
    /// one, 1 the middle one; 0 for an event of another kind), with
    /// [`MODIFIED`] set when Ctrl, Meta, Shift or Alt was held. One import
    /// where web-sys's `MouseEvent` took six.
    #[wasm_bindgen(js_name = shareciteButton)]
    fn click_button(event: &Event) -> u32;

    /// Provided by the loader: claims `element`, a `data-target` match, for
    /// a placement; false when a script tag already has. The loader's own
    /// `WeakSet`, where one of the wasm's cost a lazily built thread-local
    /// and three imports.
    #[wasm_bindgen(js_name = shareciteClaim)]
    fn claim(element: &Element) -> bool;
}

/// The bit [`click_button`] sets when a modifier key was held.
const MODIFIED: u32 = 8;

/// How long a status message stays on screen.
const STATUS_MILLIS: u32 = 6000;

/// One mounted placement.
#[derive(Debug)]
pub struct Widget {
    state: Rc<State>,
    _listeners: Vec<Listener>,
}

#[derive(Debug)]
pub(crate) struct State {
    pub(crate) rendered: Rendered,
    pub(crate) config: Config,
    pub(crate) strings: Strings,
    pub(crate) article: RefCell<Article>,
    status_timer: RefCell<Option<Timeout>>,
    /// Closes the citation menu on a click elsewhere, while it is open.
    pub(crate) outside_click: RefCell<Option<Listener>>,
    /// The quote-sharing popover, once a reader has selected text.
    pub(crate) quote: RefCell<Option<crate::selection::QuotePopover>>,
}

/// The page's metadata, and every placement on it.
#[derive(Debug)]
struct Page {
    /// As first read: after a navigation, sources still saying the same are stale.
    initial: Option<Rc<PageMetadata>>,
    /// As last read, with the snapshot it was read from.
    current: Option<(PageSnapshot, Rc<PageMetadata>)>,
    widgets: Vec<Widget>,
    navigation: Option<NavigationWatch>,
    refresh_timers: Vec<Timeout>,
}

/// How long one slice of a list page's mounting may run before yielding
/// to the browser, in milliseconds: well under the 50 ms of a long task.
const SLICE_MILLIS: f64 = 12.0;

/// How long one task may insert built placements, in milliseconds. Longer
/// than a slice, because the browser may lay the page out after each task
/// that inserts, and on a long list that layout costs more than the
/// inserting; still under the 50 ms of a long task.
const INSERT_MILLIS: f64 = 30.0;

/// Placements for `data-target` matches, built a slice at a time so a list
/// of a thousand cards never blocks the page in one long task.
///
/// The first slice goes into the page at once (the cards a reader sees
/// first); the rest are built detached, then inserted in document order a
/// few hundred per task, so the page lays out a handful of times rather
/// than once per slice. (Inserting them all in one task made that task
/// 120-150 ms and its frame 0.6-1 s for a thousand cards at 4x throttling;
/// in tasks of 30 ms the frame halves, for all of them in the page some
/// 8-25% later: bench/HISTORY.md.)
struct MountJob {
    document: Document,
    metadata: Rc<PageMetadata>,
    attributes: Attributes,
    targets: Vec<Element>,
    /// The first target's plan, when [`plan_script`] made it (and
    /// [`build_script`] built its tree): the first slice mounts it without
    /// planning it again.
    first: Cell<Option<Plan>>,
    next: Cell<usize>,
    detached: RefCell<Vec<(Element, HtmlElement)>>,
    /// How many of `detached` are in the page.
    inserted: Cell<usize>,
}

impl MountJob {
    /// One task's share of the job: building placements until all are
    /// built, then inserting them (starting in a task of its own, so the
    /// last building slice and the first inserting one never add up).
    fn run_slice(self: Rc<Self>) {
        let more = if self.next.get() < self.targets.len() {
            self.build_some();
            true
        } else {
            self.insert_some()
        };
        if more {
            timers::after(0, move || self.run_slice()).forget();
        }
    }

    /// Builds placements for up to [`SLICE_MILLIS`]; the first slice's go
    /// straight into the page.
    fn build_some(&self) {
        let started = js_sys::Date::now();
        let first_slice = self.next.get() == 0;
        while let Some(target) = self.targets.get(self.next.get()) {
            self.next.set(self.next.get() + 1);
            let insert = |host: &HtmlElement| {
                if first_slice {
                    dom::append(target, host);
                } else {
                    self.detached
                        .borrow_mut()
                        .push((target.clone(), host.clone()));
                }
                Ok(())
            };
            let mounted = match self.first.take() {
                Some(plan) => place(&self.document, plan, &insert),
                None => {
                    let attributes = self.attributes.overlay(&page::attributes(target));
                    mount_placement(&self.document, &self.metadata, &attributes, &insert)
                }
            };
            if let Err(error) = mounted {
                console::error("could not mount a placement", &error);
            }
            if js_sys::Date::now() - started > SLICE_MILLIS {
                break;
            }
        }
    }

    /// Inserts built placements in order for up to [`INSERT_MILLIS`];
    /// whether some are left for another task.
    fn insert_some(&self) -> bool {
        let started = js_sys::Date::now();
        let detached = self.detached.borrow();
        while let Some((target, host)) = detached.get(self.inserted.get()) {
            self.inserted.set(self.inserted.get() + 1);
            dom::append(target, host);
            if js_sys::Date::now() - started > INSERT_MILLIS {
                return true;
            }
        }
        false
    }
}

/// The locale `lang` (else the page) asks for when it is neither built in
/// nor loaded.
pub fn locale_wanted(lang: &str) -> Option<&'static str> {
    let document = dom::document();
    let tag = Strings::wanted(&[lang, &page::lang(&document)]);
    let loaded = LOADED_LOCALES.with(|loaded| loaded.borrow().iter().any(|s| s.tag() == tag));
    (!Strings::is_built_in(tag) && !loaded).then_some(tag)
}

/// Registers a fetched locale file.
pub fn add_locale(tag: &str, text: &str) -> bool {
    match Strings::parse(tag, text) {
        Some(strings) => {
            LOADED_LOCALES.with(|loaded| loaded.borrow_mut().push(strings));
            true
        }
        None => {
            console::warn(&Warning::new(
                sharecite_core::join::concat(&["locales/", tag, ".txt"]),
                tag,
                WarningKind::UnknownValue("a complete locale file; using English"),
            ));
            false
        }
    }
}

thread_local! {
    /// Locales fetched for this page (English is built in).
    static LOADED_LOCALES: RefCell<Vec<Strings>> = const { RefCell::new(Vec::new()) };
    // Built at compile time (see selection's WATCH).
    static PAGE: RefCell<Page> = const {
        RefCell::new(Page {
            initial: None,
            current: None,
            widgets: Vec::new(),
            navigation: None,
            refresh_timers: Vec::new(),
        })
    };
    /// `location.href` and `document.title` when links were last refreshed.
    static LAST_SEEN: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
    static REFRESHING: Cell<bool> = const { Cell::new(false) };
    /// Placements [`plan_script`] worked out, for [`build_script`] to build
    /// and [`mount_script`] to mount.
    static PLANNED: RefCell<Vec<Planned>> = const { RefCell::new(Vec::new()) };
}

/// Works out, ahead of [`mount_script`] and in a task of its own, the
/// placement a script asks for: its configuration, article and view. For a
/// `data-target` list, whose placements [`mount_script`] plans and builds
/// in slices, that is the first card's, which the first slice then mounts
/// as planned: V8 compiles the code that plans a placement (each wasm
/// function on its first call) here rather than in that slice.
pub fn plan_script(script: &Element) {
    let document = dom::document();
    let attributes = page::attributes(script);
    let (attributes, card) = match target_selector(&attributes) {
        Some(selector) => match dom::query(&document, selector) {
            Some(card) => (attributes.overlay(&page::attributes(&card)), Some(card)),
            None => return,
        },
        None => (attributes, None),
    };
    let plan = plan(&page_metadata(&document), &attributes);
    PLANNED.with(|planned| {
        planned.borrow_mut().push(Planned {
            script: script.clone(),
            card,
            plan,
        })
    });
}

/// Builds, in the task between [`plan_script`] and [`mount_script`], the
/// tree of the placement planned for `script`, so that mounting only clones
/// it (for a list, its first slice does). Planning, building and mounting
/// are each a shorter task than any two of them together.
pub fn build_script(script: &Element) {
    let document = dom::document();
    PLANNED.with(|planned| {
        if let Some(Planned { plan, .. }) = planned.borrow().iter().find(|p| p.script == *script) {
            render::prepare(&document, &plan.view, plan.strings);
        }
    });
}

/// Builds the tree of the placement `attributes` ask for, for a later
/// [`mount_placement`] to clone: planning and building (and V8 compiling
/// the code that does both, on its first call) happen in the caller's task.
pub(crate) fn prepare_placement(attributes: &Attributes) {
    let document = dom::document();
    let plan = plan(&page_metadata(&document), attributes);
    render::prepare(&document, &plan.view, plan.strings);
}

/// The selector of the elements a script's placements go into, if it
/// names one.
fn target_selector(attributes: &Attributes) -> Option<&str> {
    attributes
        .get(Attribute::Target)
        .map(sharecite_core::search::trim)
        .filter(|t| !t.is_empty())
}

/// Mounts the placements `script` asks for. The document must be parsed:
/// the loader waits for that, because reading the page (see
/// [`page_metadata`]) must not happen earlier either.
pub fn mount_script(script: &Element) {
    if let Err(error) = try_mount(script) {
        console::error("could not mount", &error);
    }
}

fn try_mount(script: &Element) -> Result<()> {
    let document = dom::document();
    let metadata = page_metadata(&document);
    let script_attributes = page::attributes(script);
    let planned = PLANNED.with(|planned| {
        let mut planned = planned.borrow_mut();
        let index = planned.iter().position(|p| p.script == *script)?;
        Some(planned.swap_remove(index))
    });

    match target_selector(&script_attributes) {
        Some(selector) => {
            let targets = match dom::query_all(&document, selector) {
                Ok(list) => list,
                Err(_) => {
                    console::warn(&Warning::new(
                        Attribute::Target.name(),
                        selector,
                        WarningKind::InvalidSelector("nothing is mounted for it"),
                    ));
                    return Ok(());
                }
            };
            if targets.length() == 0 {
                console::warn(&Warning::new(
                    Attribute::Target.name(),
                    selector,
                    WarningKind::NoTargets,
                ));
            }
            // Another script tag may already be mounting into some.
            let mut claimed = Vec::new();
            for target in dom::elements(&targets) {
                if claim(&target) {
                    claimed.push(target);
                }
            }
            // The card planned ahead, if this script claimed it first.
            let first = planned
                .filter(|p| p.card.is_some() && p.card.as_ref() == claimed.first())
                .map(|p| p.plan);
            let job = Rc::new(MountJob {
                document,
                metadata,
                attributes: script_attributes,
                targets: claimed,
                first: Cell::new(first),
                next: Cell::new(0),
                detached: RefCell::new(Vec::new()),
                inserted: Cell::new(0),
            });
            job.run_slice();
        }
        None => {
            let plan = match planned {
                Some(planned) => planned.plan,
                None => plan(&metadata, &script_attributes),
            };
            let parent = dom::element_at(script, "parentElement");
            let in_body = parent
                .as_ref()
                .is_some_and(|p| dom::closest(p, "body").is_some());
            if in_body {
                place(&document, plan, &|host| {
                    dom::after(script, host);
                    Ok(())
                })?;
            } else {
                // A script in <head> has no "after" on the page: the
                // widget goes at the end of the article.
                let container = ["article", "main", "body"]
                    .iter()
                    .find_map(|selector| dom::query(&document, selector))
                    .ok_or_else(|| JsValue::from_str("no <body> to mount into"))?;
                place(&document, plan, &|host| {
                    dom::append(&container, host);
                    Ok(())
                })?;
            }
        }
    }
    Ok(())
}

impl Page {
    /// The page's current metadata, read on first use; its warnings are
    /// reported once.
    fn metadata(&mut self, document: &Document) -> &Rc<PageMetadata> {
        let initial = &mut self.initial;
        let (_, metadata) = self.current.get_or_insert_with(|| {
            let snapshot = page::snapshot(document);
            let (metadata, warnings) = page::metadata(&snapshot);
            warnings.iter().for_each(console::warn);
            let metadata = Rc::new(metadata);
            *initial = Some(metadata.clone());
            (snapshot, metadata)
        });
        metadata
    }
}

/// The page's current metadata (see [`Page::metadata`]).
pub(crate) fn page_metadata(document: &Document) -> Rc<PageMetadata> {
    PAGE.with(|page| page.borrow_mut().metadata(document).clone())
}

/// A script's plan, and for a `data-target` list the card it is for.
struct Planned {
    script: Element,
    card: Option<Element>,
    plan: Plan,
}

/// What a placement will show, worked out from the page's metadata and its
/// attributes: everything but the DOM.
struct Plan {
    config: Config,
    article: Article,
    strings: Strings,
    view: View,
}

fn plan(metadata: &PageMetadata, attributes: &Attributes) -> Plan {
    let (mut config, warnings) = Config::parse(attributes, metadata.base());
    warnings.iter().for_each(console::warn);
    // Only the browser can tell a valid selector; an invalid one would
    // silently turn off copy attribution, quote sharing and the crosspost
    // excerpt, so it is reported and set aside.
    if let Some(selector) = config.article_selector.take() {
        if dom::is_selector(&selector) {
            config.article_selector = Some(selector);
        } else {
            console::warn(&Warning::new(
                Attribute::Article.name(),
                selector,
                WarningKind::InvalidSelector("the placement's <article> or <main> is used instead"),
            ));
        }
    }
    let article = metadata.article(&config.article);
    let strings = LOADED_LOCALES.with(|loaded| {
        Strings::negotiate_among(
            &[config.lang.as_deref().unwrap_or(""), metadata.lang()],
            &loaded.borrow(),
        )
    });
    let capabilities = Capabilities {
        native_share: can_share_natively(),
    };
    let view = View::build(
        &config,
        &article,
        strings,
        capabilities,
        &mastodon_instance_for(&config),
    );
    Plan {
        config,
        article,
        strings,
        view,
    }
}

pub(crate) fn mount_placement(
    document: &Document,
    metadata: &PageMetadata,
    attributes: &Attributes,
    insert: &dyn Fn(&HtmlElement) -> Result<()>,
) -> Result<HtmlElement> {
    place(document, plan(metadata, attributes), insert)
}

/// Renders `plan`, inserts it and makes its controls work, in one task: a
/// button on screen is never a dead one. `insert` is a trait object, not a
/// generic: each of its four callers would get a copy of all this.
fn place(
    document: &Document,
    plan: Plan,
    insert: &dyn Fn(&HtmlElement) -> Result<()>,
) -> Result<HtmlElement> {
    let Plan {
        config,
        article,
        strings,
        view,
    } = plan;
    let rendered = render::render(document, &view, strings);
    insert(&rendered.host)?;

    let follows_page = !config.fixed_url;
    let host = rendered.host.clone();
    let state = Rc::new(State {
        rendered,
        config,
        strings,
        article: RefCell::new(article),
        status_timer: RefCell::new(None),
        outside_click: RefCell::new(None),
        quote: RefCell::new(None),
    });
    let listeners = listen(&state, follows_page);
    crate::republish::load_for(&state.config);
    crate::selection::watch(&state);
    PAGE.with(|page| {
        page.borrow_mut().widgets.push(Widget {
            state,
            _listeners: listeners,
        })
    });
    if follows_page {
        watch_navigation();
    }
    Ok(host)
}

/// Removes the placement whose host is `host`: its listeners, timers,
/// popover and elements. The page stops being watched for navigations when
/// no placement follows it any more.
pub(crate) fn unmount(host: &HtmlElement) {
    let removed = PAGE.with(|page| {
        let mut page = page.borrow_mut();
        let index = page
            .widgets
            .iter()
            .position(|w| w.state.rendered.host == *host)?;
        let widget = page.widgets.remove(index);
        if page.widgets.iter().all(|w| w.state.config.fixed_url) {
            page.navigation = None;
            page.refresh_timers.clear();
        }
        Some(widget)
    });
    if let Some(widget) = removed {
        // Timers and document listeners hold the state; let them go first.
        crate::selection::release(&widget.state);
        widget.state.status_timer.replace(None);
        widget.state.outside_click.replace(None);
        widget.state.quote.replace(None);
        drop(widget);
    }
    host.remove();
}

fn listen(state: &Rc<State>, follows_page: bool) -> Vec<Listener> {
    let root = &state.rendered.root;
    let mut listeners = Vec::new();

    // One closure for the placement's clicks and keys.
    let placement = state.clone();
    listeners.push(Listener::new(
        root,
        "click|auxclick|keydown",
        move |event| match dom::text(event, "type").as_deref() {
            Some("click") => placement.click(event),
            // Middle-clicks open share links in a new tab without a `click`.
            Some("auxclick") => {
                let is_middle = click_button(event) & !MODIFIED == 1;
                if let (true, Some(network)) = (is_middle, clicked_network(event)) {
                    placement.dispatch_share(network);
                }
            }
            // Escape in the Mastodon form closes it; the citation menu's
            // keys are the menu's.
            _ => {
                let key = dom::key(event);
                if key == "Escape" && dom::target_closest(event, "form").is_some() {
                    placement.close_mastodon();
                } else {
                    placement.formats_key(event, &key);
                }
            }
        },
    ));
    if let Some(form) = &state.rendered.mastodon {
        let on_submit = state.clone();
        listeners.push(Listener::new(&form.form, "submit", move |event| {
            event.prevent_default();
            on_submit.submit_mastodon();
        }));
    }
    // The moment before a reader uses a control: catch navigations a site
    // made without the History API, and start fetching the citation styles.
    let cites = state.config.networks.contains(&Network::Cite);
    if follows_page || cites {
        let on_intent = state.clone();
        listeners.push(Listener::new(
            &state.rendered.host,
            "focusin|pointerover",
            move |_| {
                if follows_page {
                    refresh_if_moved();
                }
                if cites {
                    on_intent.prefetch_citations();
                }
            },
        ));
    }
    listeners
}

impl State {
    pub(crate) fn article_url(&self) -> String {
        self.article.borrow().url.clone()
    }

    fn click(self: &Rc<Self>, event: &Event) {
        if let Some(action) = dom::target_closest(event, "[data-action]") {
            match action.get_attribute("data-action").as_deref() {
                Some("cancel") => self.close_mastodon(),
                Some("formats") => self.toggle_formats(),
                Some("cite-as") => {
                    let id = action.get_attribute("data-style").unwrap_or_default();
                    let style = CiteStyle::from_id(&id).unwrap_or(self.config.cite_style);
                    self.close_formats(true);
                    self.cite(style);
                }
                _ => {}
            }
            return;
        }
        let Some(network) = clicked_network(event) else {
            return;
        };
        match network {
            Network::Mastodon if is_plain_click(event) => {
                event.prevent_default();
                self.open_mastodon();
            }
            Network::Copy => {
                let clip = link_clip(&self.article.borrow());
                self.copy(network, clip);
            }
            Network::Cite => self.cite(self.config.cite_style),
            Network::Crosspost => crate::republish::crosspost(self),
            Network::Native => self.native_share(),
            Network::Print => {
                self.dispatch_share(network);
                dom::print();
            }
            // A share link was followed.
            _ => self.dispatch_share(network),
        }
    }

    pub(crate) fn dispatch_share(&self, network: Network) {
        let detail = ShareDetail {
            network: network.id(),
            url: self.article_url(),
        };
        self.dispatch("sharecite:share", &detail.fields());
    }

    /// Dispatches event `name` from the host, with a `detail` object of
    /// string properties (see [`dom::object`]).
    pub(crate) fn dispatch(&self, name: &str, fields: &[(&'static str, &str)]) {
        dom::dispatch(&self.rendered.host, name, &dom::object(fields));
    }

    pub(crate) fn copy(self: &Rc<Self>, network: Network, clip: Clip) {
        let state = self.clone();
        dom::settle(
            &clipboard::write_clip(&clip),
            Box::new(move |written| match written {
                Ok(()) => {
                    let key = match clip.kind {
                        ClipKind::Link => Key::StatusCopiedLink,
                        ClipKind::Citation => Key::StatusCopiedCitation,
                        ClipKind::Crosspost => Key::StatusCopiedCrosspost,
                        ClipKind::Quote => Key::StatusCopiedQuote,
                    };
                    state.announce(state.strings.get(key));
                    state.dispatch_share(network);
                    state.dispatch("sharecite:copy", &clip.fields());
                }
                Err(error) => {
                    state.announce(state.strings.get(Key::StatusCopyFailed));
                    console::error("copying failed", &error);
                }
            }),
        );
    }

    fn native_share(self: &Rc<Self>) {
        let shared = {
            let article = self.article.borrow();
            share_natively(&article.title, &article.url)
        };
        let state = self.clone();
        dom::settle(
            &shared,
            Box::new(move |shared| match shared {
                Ok(()) => state.dispatch_share(Network::Native),
                // Null when the reader closed the share sheet: nothing to say.
                Err(error) if error.is_null() => {}
                Err(error) => console::error("sharing failed", &error),
            }),
        );
    }

    /// Shows `message` and has screen readers read it, once.
    pub(crate) fn announce(self: &Rc<Self>, message: &'static str) {
        let Some(status) = self.rendered.status.clone() else {
            return;
        };
        // Emptying first makes a repeated message a change that is read again.
        status.set_text_content(None);
        let state = self.clone();
        let show = timers::after(50, move || {
            status.set_text_content(Some(message));
            let clear_status = status.clone();
            let clear = timers::after(STATUS_MILLIS, move || clear_status.set_text_content(None));
            state.status_timer.replace(Some(clear));
        });
        self.status_timer.replace(Some(show));
    }

    fn open_mastodon(&self) {
        let Some(form) = &self.rendered.mastodon else {
            return;
        };
        form.input.set_value(&remembered_mastodon_instance());
        dom::remove_attribute(&form.input, "aria-invalid");
        form.hint
            .set_text_content(Some(self.strings.get(Key::MastodonHint)));
        dom::remove_attribute(&form.form, "hidden");
        dom::focus(&form.input);
    }

    fn close_mastodon(&self) {
        let Some(form) = &self.rendered.mastodon else {
            return;
        };
        dom::set_attribute(&form.form, "hidden", "");
        self.focus_control(Network::Mastodon);
    }

    fn focus_control(&self, network: Network) {
        if let Some((_, link)) = self.rendered.links.iter().find(|(n, _)| *n == network) {
            dom::focus(link);
        }
    }

    fn submit_mastodon(&self) {
        let Some(form) = &self.rendered.mastodon else {
            return;
        };
        let Some(instance) =
            parse_mastodon_instance(&dom::text(&form.input, "value").unwrap_or_default())
        else {
            dom::set_attribute(&form.input, "aria-invalid", "true");
            form.hint
                .set_text_content(Some(self.strings.get(Key::MastodonInvalid)));
            dom::focus(&form.input);
            return;
        };
        remember_mastodon_instance(&instance);
        let href = {
            let article = self.article.borrow();
            Network::Mastodon.share_url(&ShareText {
                url: &article.url,
                title: &article.title,
                mastodon_instance: &instance,
                ..ShareText::default()
            })
        };
        let Some(href) = href else { return };
        render::update_links(&self.rendered, &[(Network::Mastodon, href.clone())]);
        self.dispatch_share(Network::Mastodon);
        dom::open_tab(&href);
        self.close_mastodon();
    }

    /// Points the links at the page's current article.
    fn follow(&self, metadata: &PageMetadata) {
        let article = metadata.article(&self.config.article);
        let hrefs = share_hrefs(
            &self.config,
            &article,
            self.strings,
            &mastodon_instance_for(&self.config),
        );
        render::update_links(&self.rendered, &hrefs);
        self.article.replace(article);
    }
}

/// The network of the control an event happened in.
fn clicked_network(event: &Event) -> Option<Network> {
    let control = dom::target_closest(event, "[data-network]")?;
    Network::from_id(&control.get_attribute("data-network")?)
}

/// A click of the main button with no modifier key: not a reader opening
/// the link their own way.
fn is_plain_click(event: &Event) -> bool {
    click_button(event) == 0
}

pub(crate) fn remembered_mastodon_instance() -> String {
    remembered_instance()
        .and_then(|stored| parse_mastodon_instance(&stored))
        .unwrap_or_default()
}

/// The remembered Mastodon server, read only when `config` shows Mastodon.
fn mastodon_instance_for(config: &Config) -> String {
    if config.networks.contains(&Network::Mastodon) {
        remembered_mastodon_instance()
    } else {
        String::new()
    }
}

fn watch_navigation() {
    // The loader's watch calls back only on a navigation, never while it
    // is being set up, so the page may stay borrowed meanwhile.
    PAGE.with(|page| {
        page.borrow_mut()
            .navigation
            .get_or_insert_with(|| navigation::watch(on_navigate));
    });
}

/// After a navigation, sites update the title and metadata in their own
/// time: look now, after the current task, and once more a little later.
fn on_navigate() {
    refresh();
    let again = vec![timers::after(0, refresh), timers::after(300, refresh)];
    PAGE.with(|page| page.borrow_mut().refresh_timers = again);
}

fn refresh_if_moved() {
    let document = dom::document();
    let seen = (page::address(&document), page::title(&document));
    let moved = LAST_SEEN.with(|last| *last.borrow() != seen);
    if moved {
        refresh();
    }
}

/// Re-reads the page and points following placements at its article.
fn refresh() {
    if REFRESHING.with(|r| r.replace(true)) {
        return;
    }
    let _ = try_refresh();
    REFRESHING.with(|r| r.set(false));
}

fn try_refresh() -> Option<()> {
    let document = dom::document();
    let snapshot = page::snapshot(&document);
    LAST_SEEN.with(|last| last.replace((snapshot.location.clone(), snapshot.title.clone())));
    // Placements are followed outside the borrow: `follow` renders.
    let (metadata, states) = PAGE.with(|page| {
        let mut page = page.borrow_mut();
        if page
            .current
            .as_ref()
            .is_some_and(|(current, _)| *current == snapshot)
        {
            return None;
        }
        let (metadata, _) = page::metadata(&snapshot);
        let metadata = Rc::new(metadata.without_stale(page.initial.as_ref()?));
        page.current = Some((snapshot, metadata.clone()));
        let mut states = Vec::new();
        for widget in &page.widgets {
            if !widget.state.config.fixed_url {
                states.push(widget.state.clone());
            }
        }
        Some((metadata, states))
    })?;
    for state in states {
        state.follow(&metadata);
    }
    Some(())
}
