//! Turns a core [`View`] into a placement: a `<div data-sharecite-host>`
//! with an open shadow root.
//!
//! Everything is built while the host is detached and inserted with one
//! write, so the page lays out once per placement. Page-derived text only
//! ever reaches the DOM through `textContent` and attribute setters.

use std::cell::{Cell, RefCell};
use std::thread::LocalKey;

use sharecite_core::cite::CiteStyle;
use sharecite_core::i18n::Key;
use sharecite_core::icons::{self, Icon};
use sharecite_core::view::{cite_format_label, Control, View};
use sharecite_core::{Network, Strings};
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, HtmlInputElement, ShadowRoot};

use crate::dom::{self, element};
use crate::style;

/// A rendered placement and the elements later updates touch. Each part
/// is one the tree was built with; were one not found in its clone (a page
/// whose `querySelector` lies), the part's feature goes quiet rather than
/// the placement failing.
#[derive(Debug)]
pub struct Rendered {
    pub host: HtmlElement,
    pub root: ShadowRoot,
    /// Every share link, to refresh hrefs after a navigation.
    pub links: Vec<(Network, Element)>,
    pub status: Option<Element>,
    pub mastodon: Option<MastodonForm>,
    pub formats: Option<FormatsMenu>,
}

/// The disclosure button next to `cite` and the formats it shows.
#[derive(Debug)]
pub struct FormatsMenu {
    pub toggle: Element,
    /// Empty until first opened (see [`fill_formats_menu`]).
    pub menu: Element,
    pub filled: Cell<bool>,
}

/// The form in which a reader names their Mastodon server.
#[derive(Debug)]
pub struct MastodonForm {
    pub form: Element,
    pub input: HtmlInputElement,
    pub hint: Element,
}

/// Elements built once and deep-cloned for every use, by key: one native
/// clone replaces the dozens of calls that built them.
#[derive(Debug)]
struct Prototypes {
    entries: Vec<(String, Element)>,
    /// How many to keep; the oldest goes first.
    limit: usize,
}

thread_local! {
    /// One SVG element per icon: a thousand placements parse each path once.
    static ICONS: RefCell<Prototypes> = const { RefCell::new(Prototypes::new(usize::MAX)) };
    /// Shapes rendered so far (`View::shape_key`): a list page's hundred
    /// cards differ only in their links.
    static SHAPES: RefCell<Prototypes> = const { RefCell::new(Prototypes::new(8)) };
}

impl Prototypes {
    const fn new(limit: usize) -> Self {
        Self {
            entries: Vec::new(),
            limit,
        }
    }
}

/// `cache`'s element for `key`, which `build` makes the first time. It
/// never goes into the page itself: every use is a deep clone.
fn prototype(
    cache: &'static LocalKey<RefCell<Prototypes>>,
    key: &str,
    build: impl FnOnce() -> Element,
) -> Element {
    let cached = cache.with(|cache| {
        let cache = cache.borrow();
        cache
            .entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e.clone())
    });
    let prototype = match cached {
        Some(prototype) => prototype,
        None => {
            let built = build();
            cache.with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.entries.len() == cache.limit {
                    cache.entries.remove(0);
                }
                cache.entries.push((key.to_string(), built.clone()));
            });
            built
        }
    };
    prototype
}

/// The tree of `view`'s shape, built if no placement has needed it yet.
/// [`render`] clones it; the loader's planning task calls this first, so
/// that the first placement's DOM is built there rather than in the task
/// that renders.
pub fn prepare(document: &Document, view: &View, strings: Strings) -> Element {
    prototype(&SHAPES, &view.shape_key(), || {
        build(document, view, strings)
    })
}

/// A `<div>` marked with attribute `marker`, and its open shadow root
/// styled with the shared sheet, then `own` (see [`style::shadow_root`]): what
/// every placement and the quote popover sit in.
pub fn shadow_host(
    document: &Document,
    marker: &'static str,
    own: Option<&CssStyleSheet>,
) -> (HtmlElement, ShadowRoot) {
    let host: HtmlElement = element(document, "div", "", None).unchecked_into();
    dom::set_attribute(&host, marker, "");
    let root = style::shadow_root(&host, own);
    (host, root)
}

/// Builds the placement's host and shadow tree, not yet in the document.
pub fn render(document: &Document, view: &View, strings: Strings) -> Rendered {
    let (host, root) = shadow_host(document, "data-sharecite-host", None);
    let container = dom::deep_clone(&prepare(document, view, strings));
    dom::append(&root, &container);
    locate(host, root, &container, view)
}

/// Finds the parts later updates touch, and points the links at this
/// placement's article.
fn locate(host: HtmlElement, root: ShadowRoot, container: &Element, view: &View) -> Rendered {
    let find = |selector: &str| dom::query(container, selector);
    let mut links = Vec::new();
    for anchor in dom::query_elements(container, "a[data-network]") {
        let id = anchor.get_attribute("data-network").unwrap_or_default();
        let Some(control) = view.controls.iter().find(|c| c.network.id() == id) else {
            continue;
        };
        if let Some(href) = &control.href {
            dom::set_attribute(&anchor, "href", href);
            links.push((control.network, anchor));
        }
    }
    let status = find(".status");
    let mastodon = find("form.mastodon").and_then(|form| {
        Some(MastodonForm {
            input: dom::query(&form, "input")?.unchecked_into(),
            hint: dom::query(&form, ".hint")?,
            form,
        })
    });
    let formats = match (find("[data-action=formats]"), find(".formats")) {
        (Some(toggle), Some(menu)) => Some(FormatsMenu {
            toggle,
            menu,
            filled: Cell::new(false),
        }),
        _ => None,
    };
    Rendered {
        host,
        root,
        links,
        status,
        mastodon,
        formats,
    }
}

/// Builds a placement's tree from scratch.
fn build(document: &Document, view: &View, strings: Strings) -> Element {
    let container = element(document, "div", "root", Some("root"));
    dom::set_attribute(&container, "lang", view.lang);
    dom::set_attribute(&container, "dir", if view.rtl { "rtl" } else { "ltr" });
    dom::set_attribute(&container, "data-theme", view.theme.id());

    let list = element(document, "ul", "list", Some("list"));
    // Safari drops list semantics from lists styled `list-style: none`.
    dom::set_attribute(&list, "role", "list");
    dom::set_attribute(&list, "aria-label", view.group_label);
    // The `cite` control comes with its menu of every format.
    let mut cites = false;
    for control in &view.controls {
        let item = element(document, "li", "item", Some("item"));
        let rendered = render_control(document, control);
        dom::append(&item, &rendered);
        if control.network == Network::Cite {
            cites = true;
            let toggle = render_formats_toggle(document, strings);
            dom::append(&item, &toggle);
        }
        dom::append(&list, &item);
    }
    dom::append(&container, &list);

    if cites {
        let menu = render_formats_menu(document);
        dom::append(&container, &menu);
    }
    if view.controls.iter().any(|c| c.network == Network::Mastodon) {
        let form = render_mastodon_form(document, strings);
        dom::append(&container, &form);
    }

    let status = element(document, "p", "status", Some("status"));
    dom::set_attribute(&status, "role", "status");
    dom::append(&container, &status);

    if let Some(credit) = &view.credit {
        let paragraph = element(document, "p", "credit", Some("credit"));
        dom::append_text(&paragraph, credit.before);
        match &credit.href {
            Some(href) => {
                let link = element(document, "a", "link", Some("credit-link"));
                set_link(&link, href, true);
                link.set_text_content(Some(&credit.source));
                dom::append(&paragraph, &link);
            }
            None => dom::append_text(&paragraph, &credit.source),
        }
        dom::append_text(&paragraph, credit.after);
        dom::append(&container, &paragraph);
    }

    if let Some(discussion) = &view.discussion {
        let paragraph = element(document, "p", "discussion", Some("discussion"));
        let link = element(document, "a", "link", Some("control discuss"));
        dom::set_attribute(&link, "data-network", "discuss");
        let web = discussion.href.starts_with("http");
        set_link(&link, &discussion.href, web);
        if discussion.name != discussion.label {
            dom::set_attribute(&link, "aria-label", &discussion.name);
        }
        append_icon(document, &link, "discuss");
        let label = element(document, "span", "label", Some("label"));
        label.set_text_content(Some(&discussion.label));
        dom::append(&link, &label);
        dom::append(&paragraph, &link);
        dom::append(&container, &paragraph);
    }

    container
}

// Ids that tie labels and controls together; unique within a shadow root.
const FORMATS_ID: &str = "sharecite-formats";
const FORMATS_LABEL_ID: &str = "sharecite-formats-label";
const MASTODON_HINT_ID: &str = "sharecite-mastodon-hint";

fn render_formats_toggle(document: &Document, strings: Strings) -> Element {
    let toggle = element(
        document,
        "button",
        "control toggle",
        Some("control formats-toggle"),
    );
    dom::set_attribute(&toggle, "type", "button");
    dom::set_attribute(&toggle, "data-action", "formats");
    dom::set_attribute(&toggle, "aria-expanded", "false");
    dom::set_attribute(&toggle, "aria-controls", FORMATS_ID);
    dom::set_attribute(&toggle, "aria-label", strings.get(Key::CiteFormats));
    append_icon(document, &toggle, "formats");
    toggle
}

/// The formats menu, hidden and empty: most readers never open it, and
/// its label and ten buttons were a third of a placement's elements (a
/// list of a thousand cards took 10% longer to render with them).
fn render_formats_menu(document: &Document) -> Element {
    let menu = element(document, "div", "formats", Some("formats"));
    dom::set_attribute(&menu, "id", FORMATS_ID);
    dom::set_attribute(&menu, "role", "group");
    dom::set_attribute(&menu, "aria-labelledby", FORMATS_LABEL_ID);
    dom::set_attribute(&menu, "hidden", "");
    menu
}

/// Puts the formats menu's label and buttons in, the first time it opens.
pub fn fill_formats_menu(document: &Document, formats: &FormatsMenu, strings: Strings) {
    if formats.filled.replace(true) {
        return;
    }
    let menu = &formats.menu;
    let label = element(document, "p", "formats-label", None);
    dom::set_attribute(&label, "id", FORMATS_LABEL_ID);
    label.set_text_content(Some(strings.get(Key::CiteCopyAs)));
    dom::append(menu, &label);
    for &style in &CiteStyle::ALL {
        let button = element(document, "button", "control", Some("control format"));
        dom::set_attribute(&button, "type", "button");
        dom::set_attribute(&button, "data-action", "cite-as");
        dom::set_attribute(&button, "data-style", style.id());
        button.set_text_content(Some(cite_format_label(style, strings)));
        dom::append(menu, &button);
    }
}

/// A share link for the quote popover; its href is set when shown.
pub fn quote_link(document: &Document, network: Network, strings: Strings) -> Element {
    render_control(
        document,
        &Control::new(network, strings, Some("https://invalid.example/".into())),
    )
}

fn render_control(document: &Document, control: &Control) -> Element {
    let id = control.network.id();
    let mut part = String::new();
    part.push_str("control ");
    part.push_str(id);
    let node = match &control.href {
        Some(href) => {
            let link = element(document, "a", "control", Some(&part));
            set_link(&link, href, control.new_tab);
            link
        }
        None => {
            let button = element(document, "button", "control", Some(&part));
            dom::set_attribute(&button, "type", "button");
            button
        }
    };
    dom::set_attribute(&node, "data-network", id);
    if control.name != control.label {
        dom::set_attribute(&node, "aria-label", &control.name);
    }
    append_icon(document, &node, id);
    let label = element(document, "span", "label", Some("label"));
    label.set_text_content(Some(control.label));
    dom::append(&node, &label);
    node
}

/// Sets `href`, and for new tabs `target` and a `rel` that keeps the
/// opened page from reaching back into this one or learning where the
/// reader came from.
fn set_link(link: &Element, href: &str, new_tab: bool) {
    dom::set_attribute(link, "href", href);
    if new_tab {
        dom::set_attribute(link, "target", "_blank");
        dom::set_attribute(link, "rel", "noopener noreferrer");
    }
}

fn append_icon(document: &Document, parent: &Element, id: &'static str) {
    // The icons are one string, searched by id: only the first placement
    // to draw an icon looks it up (every control has one; the core's tests
    // hold that, and an id without one would draw an empty svg).
    let svg = prototype(&ICONS, id, || match icons::icon(id) {
        Some(icon) => build_icon(document, &icon),
        None => dom::svg_element(document, "svg"),
    });
    dom::append(parent, &dom::deep_clone(&svg));
}

fn build_icon(document: &Document, icon: &Icon) -> Element {
    let svg = dom::svg_element(document, "svg");
    dom::set_attribute(&svg, "class", "icon");
    dom::set_attribute(&svg, "part", "icon");
    dom::set_attribute(&svg, "viewBox", icon.view_box);
    // Decorative: the control's name says what it does.
    dom::set_attribute(&svg, "aria-hidden", "true");
    dom::set_attribute(&svg, "focusable", "false");
    let path = dom::svg_element(document, "path");
    dom::set_attribute(&path, "d", icon.d);
    if icon.even_odd {
        dom::set_attribute(&path, "fill-rule", "evenodd");
    }
    dom::append(&svg, &path);
    svg
}

fn render_mastodon_form(document: &Document, strings: Strings) -> Element {
    let form = element(document, "form", "mastodon", Some("mastodon-form"));
    dom::set_attribute(&form, "hidden", "");
    let label = element(document, "label", "", None);
    dom::append_text(&label, strings.get(Key::MastodonPrompt));
    let input = element(document, "input", "field", Some("field"));
    dom::set_attribute(&input, "type", "text");
    dom::set_attribute(&input, "name", "instance");
    dom::set_attribute(&input, "inputmode", "url");
    dom::set_attribute(&input, "autocomplete", "off");
    dom::set_attribute(&input, "autocapitalize", "none");
    dom::set_attribute(&input, "spellcheck", "false");
    dom::set_attribute(
        &input,
        "placeholder",
        sharecite_core::network::DEFAULT_MASTODON_INSTANCE,
    );
    dom::set_attribute(&input, "required", "");
    dom::append(&label, &input);
    dom::append(&form, &label);

    let submit = element(
        document,
        "button",
        "control",
        Some("control mastodon-submit"),
    );
    dom::set_attribute(&submit, "type", "submit");
    submit.set_text_content(Some(strings.get(Key::MastodonSubmit)));
    dom::append(&form, &submit);
    let cancel = element(
        document,
        "button",
        "control",
        Some("control mastodon-cancel"),
    );
    dom::set_attribute(&cancel, "type", "button");
    dom::set_attribute(&cancel, "data-action", "cancel");
    cancel.set_text_content(Some(strings.get(Key::MastodonCancel)));
    dom::append(&form, &cancel);

    let hint = element(document, "p", "hint", Some("hint"));
    dom::set_attribute(&hint, "id", MASTODON_HINT_ID);
    hint.set_text_content(Some(strings.get(Key::MastodonHint)));
    dom::set_attribute(&input, "aria-describedby", MASTODON_HINT_ID);
    dom::append(&form, &hint);
    form
}

/// Points each share link at `hrefs`, after the article changed.
pub fn update_links(rendered: &Rendered, hrefs: &[(Network, String)]) {
    for (network, link) in &rendered.links {
        if let Some((_, href)) = hrefs.iter().find(|(n, _)| n == network) {
            if link.get_attribute("href").as_deref() != Some(href.as_str()) {
                dom::set_attribute(link, "href", href);
            }
        }
    }
}
