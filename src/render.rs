//! Turns a core [`View`] into a placement: a `<div data-sharecite-host>`
//! with an open shadow root.
//!
//! Everything is built while the host is detached and inserted with one
//! write, so the page lays out once per placement. Page-derived text only
//! ever reaches the DOM through `textContent` and attribute setters.

use std::cell::RefCell;
use std::thread::LocalKey;

use sharecite_core::i18n::Key;
use sharecite_core::icons::{self, Icon};
use sharecite_core::view::{Control, View};
use sharecite_core::{Network, Strings};
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use crate::dom::{self, element, Result, SVG_NS};
use crate::style;

/// A rendered placement and the elements later updates touch.
#[derive(Debug)]
pub struct Rendered {
    pub host: HtmlElement,
    pub root: ShadowRoot,
    /// Every share link, to refresh hrefs after a navigation.
    pub links: Vec<(Network, Element)>,
    pub status: Element,
    pub mastodon: Option<MastodonForm>,
    pub formats: Option<FormatsMenu>,
}

/// The disclosure button next to `cite` and the formats it shows.
#[derive(Debug)]
pub struct FormatsMenu {
    pub toggle: Element,
    pub menu: Element,
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

/// A deep clone of `cache`'s element for `key`, which `build` makes the
/// first time.
fn cloned(
    cache: &'static LocalKey<RefCell<Prototypes>>,
    key: &str,
    build: impl FnOnce() -> Result<Element>,
) -> Result<Element> {
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
            let built = build()?;
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
    Ok(prototype.clone_node_with_deep(true)?.unchecked_into())
}

/// Builds the placement's host and shadow tree, not yet in the document.
pub fn render(document: &Document, view: &View, strings: Strings) -> Result<Rendered> {
    let host: HtmlElement = document.create_element("div")?.unchecked_into();
    host.set_attribute("data-sharecite-host", "")?;
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init)?;
    style::adopt(document, &root, None)?;

    let container = cloned(&SHAPES, &view.shape_key(), || {
        build(document, view, strings)
    })?;
    root.append_child(&container)?;
    locate(host, root, &container, view)
}

/// Finds the parts later updates touch, and points the links at this
/// placement's article.
fn locate(
    host: HtmlElement,
    root: ShadowRoot,
    container: &Element,
    view: &View,
) -> Result<Rendered> {
    let find = |selector: &str| container.query_selector(selector).ok().flatten();
    let mut links = Vec::new();
    let anchors = container.query_selector_all("a[data-network]")?;
    for anchor in dom::elements::<Element>(anchors) {
        let id = anchor.get_attribute("data-network").unwrap_or_default();
        let Some(control) = view.controls.iter().find(|c| c.network.id() == id) else {
            continue;
        };
        if let Some(href) = &control.href {
            anchor.set_attribute("href", href)?;
            links.push((control.network, anchor));
        }
    }
    let missing = || wasm_bindgen::JsValue::from_str("a rendered part is missing");
    let status = find(".status").ok_or_else(missing)?;
    let mastodon = match find("form.mastodon") {
        Some(form) => Some(MastodonForm {
            input: form
                .query_selector("input")?
                .ok_or_else(missing)?
                .unchecked_into(),
            hint: form.query_selector(".hint")?.ok_or_else(missing)?,
            form,
        }),
        None => None,
    };
    let formats = match (find("[data-action=formats]"), find(".formats")) {
        (Some(toggle), Some(menu)) => Some(FormatsMenu { toggle, menu }),
        _ => None,
    };
    Ok(Rendered {
        host,
        root,
        links,
        status,
        mastodon,
        formats,
    })
}

/// Builds a placement's tree from scratch.
fn build(document: &Document, view: &View, strings: Strings) -> Result<Element> {
    let container = element(document, "div", "root", Some("root"))?;
    container.set_attribute("lang", view.lang)?;
    container.set_attribute("dir", if view.rtl { "rtl" } else { "ltr" })?;
    container.set_attribute("data-theme", view.theme.id())?;

    let list = element(document, "ul", "list", Some("list"))?;
    // Safari drops list semantics from lists styled `list-style: none`.
    list.set_attribute("role", "list")?;
    list.set_attribute("aria-label", view.group_label)?;
    for control in &view.controls {
        let item = element(document, "li", "item", Some("item"))?;
        let rendered = render_control(document, control)?;
        item.append_child(&rendered)?;
        if control.network == Network::Cite && !view.cite_formats.is_empty() {
            let toggle = render_formats_toggle(document, strings)?;
            item.append_child(&toggle)?;
        }
        list.append_child(&item)?;
    }
    container.append_child(&list)?;

    if !view.cite_formats.is_empty() && view.controls.iter().any(|c| c.network == Network::Cite) {
        let menu = render_formats_menu(document, view, strings)?;
        container.append_child(&menu)?;
    }
    if view.controls.iter().any(|c| c.network == Network::Mastodon) {
        let form = render_mastodon_form(document, strings)?;
        container.append_child(&form)?;
    }

    let status = element(document, "p", "status", Some("status"))?;
    status.set_attribute("role", "status")?;
    container.append_child(&status)?;

    if let Some(credit) = &view.credit {
        let paragraph = element(document, "p", "credit", Some("credit"))?;
        paragraph.append_with_str_1(credit.before)?;
        match &credit.href {
            Some(href) => {
                let link = element(document, "a", "link", Some("credit-link"))?;
                set_link(&link, href, true)?;
                link.set_text_content(Some(&credit.source));
                paragraph.append_child(&link)?;
            }
            None => paragraph.append_with_str_1(&credit.source)?,
        }
        paragraph.append_with_str_1(credit.after)?;
        container.append_child(&paragraph)?;
    }

    if let Some(discussion) = &view.discussion {
        let paragraph = element(document, "p", "discussion", Some("discussion"))?;
        let link = element(document, "a", "link", Some("control discuss"))?;
        link.set_attribute("data-network", "discuss")?;
        let web = discussion.href.starts_with("http");
        set_link(&link, &discussion.href, web)?;
        if discussion.name != discussion.label {
            link.set_attribute("aria-label", &discussion.name)?;
        }
        append_icon(document, &link, "discuss")?;
        let label = element(document, "span", "label", Some("label"))?;
        label.set_text_content(Some(&discussion.label));
        link.append_child(&label)?;
        paragraph.append_child(&link)?;
        container.append_child(&paragraph)?;
    }

    Ok(container)
}

const FORMATS_ID: &str = "sharecite-formats";

fn render_formats_toggle(document: &Document, strings: Strings) -> Result<Element> {
    let toggle = element(
        document,
        "button",
        "control toggle",
        Some("control formats-toggle"),
    )?;
    toggle.set_attribute("type", "button")?;
    toggle.set_attribute("data-action", "formats")?;
    toggle.set_attribute("aria-expanded", "false")?;
    toggle.set_attribute("aria-controls", FORMATS_ID)?;
    toggle.set_attribute("aria-label", strings.get(Key::CiteFormats))?;
    append_icon(document, &toggle, "formats")?;
    Ok(toggle)
}

fn render_formats_menu(document: &Document, view: &View, strings: Strings) -> Result<Element> {
    let menu = element(document, "div", "formats", Some("formats"))?;
    menu.set_id(FORMATS_ID);
    menu.set_attribute("role", "group")?;
    menu.set_attribute("aria-labelledby", "sharecite-formats-label")?;
    menu.set_attribute("hidden", "")?;
    let label = element(document, "p", "formats-label", None)?;
    label.set_id("sharecite-formats-label");
    label.set_text_content(Some(strings.get(Key::CiteCopyAs)));
    menu.append_child(&label)?;
    for (style, name) in &view.cite_formats {
        let button = element(document, "button", "control", Some("control format"))?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-action", "cite-as")?;
        button.set_attribute("data-style", style.id())?;
        button.set_text_content(Some(name));
        menu.append_child(&button)?;
    }
    Ok(menu)
}

/// A share link for the quote popover; its href is set when shown.
pub fn quote_link(document: &Document, network: Network, strings: Strings) -> Result<Element> {
    render_control(
        document,
        &Control::new(network, strings, Some("https://invalid.example/".into())),
    )
}

fn render_control(document: &Document, control: &Control) -> Result<Element> {
    let id = control.network.id();
    let mut part = String::with_capacity(8 + id.len());
    part.push_str("control ");
    part.push_str(id);
    let node = match &control.href {
        Some(href) => {
            let link = element(document, "a", "control", Some(&part))?;
            set_link(&link, href, control.new_tab)?;
            link
        }
        None => {
            let button = element(document, "button", "control", Some(&part))?;
            button.set_attribute("type", "button")?;
            button
        }
    };
    node.set_attribute("data-network", id)?;
    if control.name != control.label {
        node.set_attribute("aria-label", &control.name)?;
    }
    append_icon(document, &node, id)?;
    let label = element(document, "span", "label", Some("label"))?;
    label.set_text_content(Some(control.label));
    node.append_child(&label)?;
    Ok(node)
}

/// Sets `href`, and for new tabs `target` and a `rel` that keeps the
/// opened page from reaching back into this one or learning where the
/// reader came from.
fn set_link(link: &Element, href: &str, new_tab: bool) -> Result<()> {
    link.set_attribute("href", href)?;
    if new_tab {
        link.set_attribute("target", "_blank")?;
        link.set_attribute("rel", "noopener noreferrer")?;
    }
    Ok(())
}

fn append_icon(document: &Document, parent: &Element, id: &'static str) -> Result<()> {
    let Some(icon) = icons::icon(id) else {
        return Ok(());
    };
    let svg = cloned(&ICONS, id, || build_icon(document, &icon))?;
    parent.append_child(&svg)?;
    Ok(())
}

fn build_icon(document: &Document, icon: &Icon) -> Result<Element> {
    let svg = document.create_element_ns(Some(SVG_NS), "svg")?;
    svg.set_attribute("class", "icon")?;
    svg.set_attribute("part", "icon")?;
    svg.set_attribute("viewBox", icon.view_box)?;
    // Decorative: the control's name says what it does.
    svg.set_attribute("aria-hidden", "true")?;
    svg.set_attribute("focusable", "false")?;
    for path in icon.paths {
        let node = document.create_element_ns(Some(SVG_NS), "path")?;
        node.set_attribute("d", path.d)?;
        if path.even_odd {
            node.set_attribute("fill-rule", "evenodd")?;
        }
        svg.append_child(&node)?;
    }
    Ok(svg)
}

fn render_mastodon_form(document: &Document, strings: Strings) -> Result<Element> {
    let form = element(document, "form", "mastodon", Some("mastodon-form"))?;
    form.set_attribute("hidden", "")?;
    let label = element(document, "label", "", None)?;
    label.append_with_str_1(strings.get(Key::MastodonPrompt))?;
    let input: HtmlInputElement =
        element(document, "input", "field", Some("field"))?.unchecked_into();
    input.set_type("text");
    input.set_name("instance");
    input.set_attribute("inputmode", "url")?;
    input.set_attribute("autocomplete", "off")?;
    input.set_attribute("autocapitalize", "none")?;
    input.set_attribute("spellcheck", "false")?;
    input.set_placeholder(sharecite_core::network::DEFAULT_MASTODON_INSTANCE);
    input.set_required(true);
    label.append_child(&input)?;
    form.append_child(&label)?;

    let submit = element(
        document,
        "button",
        "control",
        Some("control mastodon-submit"),
    )?;
    submit.set_attribute("type", "submit")?;
    submit.set_text_content(Some(strings.get(Key::MastodonSubmit)));
    form.append_child(&submit)?;
    let cancel = element(
        document,
        "button",
        "control",
        Some("control mastodon-cancel"),
    )?;
    cancel.set_attribute("type", "button")?;
    cancel.set_attribute("data-action", "cancel")?;
    cancel.set_text_content(Some(strings.get(Key::MastodonCancel)));
    form.append_child(&cancel)?;

    let hint = element(document, "p", "hint", Some("hint"))?;
    hint.set_id("sharecite-mastodon-hint");
    hint.set_text_content(Some(strings.get(Key::MastodonHint)));
    input.set_attribute("aria-describedby", "sharecite-mastodon-hint")?;
    form.append_child(&hint)?;
    Ok(form)
}

/// Points each share link at `hrefs`, after the article changed.
pub fn update_links(rendered: &Rendered, hrefs: &[(Network, String)]) -> Result<()> {
    for (network, link) in &rendered.links {
        if let Some((_, href)) = hrefs.iter().find(|(n, _)| n == network) {
            if link.get_attribute("href").as_deref() != Some(href.as_str()) {
                link.set_attribute("href", href)?;
            }
        }
    }
    Ok(())
}
