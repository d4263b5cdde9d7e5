//! The DOM layer in a real headless Chromium (`wasm-bindgen-test`):
//! reading the page into core types and rendering core output.
//!
//! Run with `make test-wasm` (or `cargo test --target wasm32-unknown-unknown`).

// Tests compare with std's string methods, which clippy.toml keeps out of
// the shipped code.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise, Reflect};
use serde::Deserialize;
use sharecite_core::json::Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Appends `html` to `parent` and returns the new elements, for removal.
fn add(parent: &Element, html: &str) -> Vec<Element> {
    let template = document().create_element("template").unwrap();
    template.set_inner_html(html);
    let content = Reflect::get(&template, &"content".into())
        .unwrap()
        .unchecked_into::<web_sys::DocumentFragment>();
    let children = content.children();
    let elements: Vec<Element> = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    for element in &elements {
        parent.append_child(element).unwrap();
    }
    elements
}

fn remove(elements: Vec<Element>) {
    elements.iter().for_each(Element::remove);
}

/// Makes the loader's function `name` (js/loader.js, where the widget's
/// wasm finds it in the loader's scope) a global, as these tests mount
/// without the loader: the loader's own code, not a copy, with the
/// loader's `global`, `warned` (the messages already given), `claimed` and
/// its helper `nulEnded` in its scope. Once per page, as the loader defines
/// it once.
fn install_loader_function(name: &str) {
    let loader = include_str!("../js/loader.js");
    let head = format!("  function {name}(");
    let start = loader.find(&head).expect("the loader defines it");
    let length = loader[start..].find("\n  }\n").expect("a closing brace") + "\n  }".len();
    let helper = loader
        .find("  const nulEnded = ")
        .expect("the loader's NUL-ended fields");
    let helper_length = loader[helper..].find('\n').expect("a line");
    let body = format!(
        "globalThis.{name} ||= (() => {{ const global = globalThis; const doc = global.document; const warned = new Set(); const claimed = new WeakSet(); {} return {}; }})();",
        loader[helper..helper + helper_length].trim(),
        loader[start..start + length].trim()
    );
    Function::new_no_args(&body).call0(&JsValue::NULL).unwrap();
}

/// A `<script>` element carrying sharecite's attributes, as a site would
/// write it (created by the DOM, so it never runs).
fn script(attributes: &[(&str, &str)]) -> Element {
    // A placement without data-url follows the page's navigations, which
    // the loader watches; the loader hands the widget the window, the
    // document and its meta tags, says each warning once, reports
    // failures, keeps the reader's Mastodon server, tells whether the
    // browser can share and which `data-target` elements a script tag has
    // claimed, attaches and styles each shadow root and finds the element
    // an event is at.
    for name in [
        "shareciteWindow",
        "shareciteDocument",
        "shareciteMetas",
        "shareciteWatchNavigation",
        "shareciteWarn",
        "shareciteError",
        "shareciteRemember",
        "shareciteCanShare",
        "shareciteClaim",
        "shareciteShadow",
        "shareciteTarget",
    ] {
        install_loader_function(name);
    }
    let script = document().create_element("script").unwrap();
    for (name, value) in attributes {
        script.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&script).unwrap();
    script
}

fn shadow_after(script: &Element) -> ShadowRoot {
    let host = script
        .next_element_sibling()
        .expect("a placement after the script");
    assert!(host.has_attribute("data-sharecite-host"));
    host.shadow_root().expect("an open shadow root")
}

fn networks(root: &ShadowRoot) -> Vec<String> {
    let list = root.query_selector_all("[data-network]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| {
            node.unchecked_into::<Element>()
                .get_attribute("data-network")
                .unwrap()
        })
        .collect()
}

fn href(root: &ShadowRoot, network: &str) -> String {
    let selector = ["[data-network=", network, "]"].concat();
    root.query_selector(&selector)
        .unwrap()
        .unwrap()
        .get_attribute("href")
        .unwrap()
}

async fn sleep(millis: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Replaces `console.<level>` with a recorder; returns the recorded list.
fn record_console(level: &str) -> js_sys::Array {
    let recorded = js_sys::Array::new();
    let console = Reflect::get(&js_sys::global(), &"console".into()).unwrap();
    let recorder = Function::new_with_args(
        "list",
        "return (...args) => { list.push(args.map(String).join(' ')); }",
    );
    let function = recorder.call1(&JsValue::NULL, &recorded).unwrap();
    Reflect::set(&console, &level.into(), &function).unwrap();
    recorded
}

#[wasm_bindgen_test]
fn snapshot_reads_meta_json_ld_canonical_title_and_lang() {
    install_loader_function("shareciteMetas");
    let document = document();
    let head = document.head().unwrap();
    let added = add(
        &head,
        r#"<meta property="OG:Title" content="OG title">
           <meta name="citation_author" content="Korybko, Andrew">
           <meta name="citation_author" content="Doe, Jane">
           <meta name="empty">
           <link rel="Canonical" href="/canonical-path">
           <script type="application/LD+json">{"@type":"NewsArticle","headline":"JSON-LD headline"}</script>"#,
    );
    // A NUL only a script can put there, which the loader's list of tags
    // cannot carry as it is.
    let scripted = document.create_element("meta").unwrap();
    scripted.set_attribute("name", "dc.title").unwrap();
    scripted.set_attribute("content", "a\u{0}b").unwrap();
    head.append_child(&scripted).unwrap();
    let previous_title = document.title();
    document.set_title("Document title");
    document
        .document_element()
        .unwrap()
        .set_attribute("lang", "en-GB")
        .unwrap();

    let snapshot = sharecite::testing::snapshot(&document);
    assert_eq!(snapshot.title, "Document title");
    assert_eq!(snapshot.lang, "en-GB");
    assert_eq!(snapshot.canonical.as_deref(), Some("/canonical-path"));
    let has_meta = |key: &str, content: &str| {
        snapshot
            .metas
            .contains(&(key.to_string(), content.to_string()))
    };
    assert!(has_meta("og:title", "OG title"), "{:?}", snapshot.metas);
    let authors: Vec<&str> = snapshot
        .metas
        .iter()
        .filter(|(k, _)| k == "citation_author")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(authors, ["Korybko, Andrew", "Doe, Jane"]);
    assert!(has_meta("dc.title", "a\u{fffd}b"), "{:?}", snapshot.metas);
    assert!(snapshot
        .json_ld
        .iter()
        .any(|block| block.contains("JSON-LD headline")));
    assert!(
        snapshot.location.starts_with("http://127.0.0.1"),
        "{}",
        snapshot.location
    );
    assert!(!snapshot.base.is_empty());

    remove(added);
    scripted.remove();
    document.set_title(&previous_title);
}

/// The widget's listeners (src/events.rs): each hears its events until its
/// handle is dropped, a capturing one before the target's own, and a
/// handler may cancel the event (no listener is passive).
#[wasm_bindgen_test]
fn listeners_hear_until_dropped_and_capture_first() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let parent = document().create_element("div").unwrap();
    let child = document().create_element("button").unwrap();
    parent.append_child(&child).unwrap();
    document().body().unwrap().append_child(&parent).unwrap();
    let heard = Rc::new(RefCell::new(Vec::new()));
    let click = || {
        let event = web_sys::Event::new_with_event_init_dict("click", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init.set_cancelable(true);
            init
        })
        .unwrap();
        child.dispatch_event(&event).unwrap();
        event.default_prevented()
    };

    let log = heard.clone();
    let on_child = sharecite::testing::Listener::new(&child, "click", move |event| {
        log.borrow_mut().push("child");
        event.prevent_default();
    });
    let log = heard.clone();
    let bubbling = sharecite::testing::Listener::new(&parent, "click", move |_| {
        log.borrow_mut().push("parent, bubbling")
    });
    let log = heard.clone();
    let capturing = sharecite::testing::Listener::capturing(&parent, "click", move |_| {
        log.borrow_mut().push("parent, capturing")
    });
    assert!(click(), "a handler can cancel the event");
    assert_eq!(
        *heard.borrow(),
        ["parent, capturing", "child", "parent, bubbling"]
    );

    // A dropped listener's function is freed with it: one left behind
    // would throw on the next click, and the page would hear of it.
    let errors = page_errors_during(|| {
        heard.borrow_mut().clear();
        drop(capturing);
        drop(on_child);
        assert!(!click());
        assert_eq!(*heard.borrow(), ["parent, bubbling"]);

        heard.borrow_mut().clear();
        drop(bubbling);
        click();
        assert!(heard.borrow().is_empty());
    });
    assert_eq!(errors.length(), 0, "{:?}", errors.to_vec());
    parent.remove();
}

/// The messages of the errors the page heard of (its `error` events)
/// while `run` ran.
fn page_errors_during(run: impl FnOnce()) -> js_sys::Array {
    let errors = js_sys::Array::new();
    let record = Function::new_with_args("list", "return (event) => list.push(event.message);")
        .call1(&JsValue::NULL, &errors)
        .unwrap()
        .unchecked_into::<Function>();
    let window = web_sys::window().unwrap();
    window
        .add_event_listener_with_callback("error", &record)
        .unwrap();
    run();
    window
        .remove_event_listener_with_callback("error", &record)
        .unwrap();
    errors
}

/// One listener for several event types (`click|keyup`): one closure hears
/// each, and dropping the handle removes it for every one of them.
#[wasm_bindgen_test]
fn a_listener_of_several_kinds_hears_each_until_dropped() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let target = document().create_element("button").unwrap();
    document().body().unwrap().append_child(&target).unwrap();
    let fire = |kind: &str| {
        target
            .dispatch_event(&web_sys::Event::new(kind).unwrap())
            .unwrap();
    };
    let heard = Rc::new(RefCell::new(Vec::new()));
    let log = heard.clone();
    let listener = sharecite::testing::Listener::new(&target, "click|keyup", move |event| {
        log.borrow_mut().push(event.type_())
    });
    for kind in ["click", "keyup", "keydown"] {
        fire(kind);
    }
    assert_eq!(*heard.borrow(), ["click", "keyup"]);

    // A kind left behind would call the freed closure, which throws: the
    // page would hear of it.
    let errors = page_errors_during(|| {
        drop(listener);
        for kind in ["click", "keyup"] {
            fire(kind);
        }
    });
    assert_eq!(
        *heard.borrow(),
        ["click", "keyup"],
        "none heard once dropped"
    );
    assert_eq!(errors.length(), 0, "{:?}", errors.to_vec());
    target.remove();
}

/// The widget has JSON-LD read by the browser's `JSON.parse` (through
/// the loader's `shareciteJson`), the native tests by the core's reader:
/// the two must agree on every block. Duplicate keys, numbers written
/// other than as JavaScript prints them and integer-like keys (which
/// JavaScript puts first) are where they part, by design; see
/// `Json::from_flat`.
#[wasm_bindgen_test]
fn the_browsers_json_reads_as_the_cores_reader_does() {
    install_loader_function("shareciteJson");
    let texts = [
        r#"{"@type":"NewsArticle","headline":"Ω “5G” \u00e9\ud83d\ude00 \"q\" \\","n":[0,-1.5,42,true,false,null,{},[]],"author":{"name":"A"}}"#,
        r#"["\u0000 NUL", "lone \ud800", "}]\u0000{", "", "s\u0000"]"#,
        r#"{"__proto__":{"x":1},"constructor":"c","":"empty key"}"#,
        " \t\n[1] \n",
        "{oops",
        "[1,]",
        "{'a':1}",
        "\"raw\nnewline\"",
        "undefined",
        "{} x",
        "",
        &("[".repeat(64) + &"]".repeat(64)),
        &("[".repeat(65) + &"]".repeat(65)),
        &("[".repeat(100_000) + &"]".repeat(100_000)),
    ];
    // Keys the page adds to every object are not the JSON's.
    Function::new_no_args("Object.prototype.polluted = 'yes'")
        .call0(&JsValue::NULL)
        .unwrap();
    for text in texts {
        let browser = sharecite::testing::parse_json(text);
        match (&browser, Json::parse(text)) {
            (Ok(browser), Ok(core)) => assert_eq!(browser, &core, "{text}"),
            (Err(reason), Err(_)) => assert!(!reason.is_empty(), "{text}"),
            (browser, core) => panic!("{text}: the browser read {browser:?}, the core {core:?}"),
        }
    }
    Function::new_no_args("delete Object.prototype.polluted")
        .call0(&JsValue::NULL)
        .unwrap();
    // The browser's reason, as a site's developer sees it in the warning.
    let reason = sharecite::testing::parse_json("{oops").unwrap_err();
    assert!(reason.contains("JSON"), "{reason}");
}

#[wasm_bindgen_test]
fn mounts_after_the_script_with_page_text_as_text_only() {
    let script = script(&[
        ("data-networks", "x email copy cite"),
        ("data-url", "https://news.example/a?utm_source=x&id=7"),
        ("data-title", "<img src=x onerror=alert(1)> & co"),
        ("data-original-source", "<b>CGTN</b>"),
        ("data-discussion-url", "https://forum.example/t/1"),
    ]);
    sharecite::mount_script(script.clone());
    let root = shadow_after(&script);
    assert_eq!(networks(&root), ["x", "email", "copy", "cite", "discuss"]);
    assert_eq!(
        href(&root, "x"),
        "https://x.com/intent/post?text=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20%26%20co\
         &url=https%3A%2F%2Fnews.example%2Fa%3Fid%3D7"
    );
    assert!(
        root.query_selector("img, b, script").unwrap().is_none(),
        "page text never becomes markup"
    );
    let credit = root
        .query_selector(".credit")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(
        credit,
        "This article was originally published on <b>CGTN</b>."
    );
    let x = root.query_selector("[data-network=x]").unwrap().unwrap();
    assert_eq!(x.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        x.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        x.get_attribute("aria-label").as_deref(),
        Some("Share on X (opens in a new tab)")
    );
    let copy = root.query_selector("[data-network=copy]").unwrap().unwrap();
    assert_eq!(copy.tag_name(), "BUTTON");
    assert_eq!(copy.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(
        root.query_selector("svg")
            .unwrap()
            .unwrap()
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
    script.next_element_sibling().unwrap().remove();
    script.remove();
}

#[wasm_bindgen_test]
fn a_planned_placement_renders_its_plan_in_a_later_call() {
    // The loader plans a placement in one task and renders it in the next;
    // the render must use that plan, not redo it (which would undo the
    // split). Attributes changed in between show which one it used.
    let planned = script(&[("data-networks", "x email")]);
    let unplanned = script(&[("data-networks", "x email")]);
    sharecite::plan_script(planned.clone());
    for script in [&planned, &unplanned] {
        script.set_attribute("data-networks", "reddit").unwrap();
        sharecite::mount_script(script.clone());
    }
    assert_eq!(networks(&shadow_after(&planned)), ["x", "email"]);
    assert_eq!(networks(&shadow_after(&unplanned)), ["reddit"]);
    for script in [planned, unplanned] {
        script.next_element_sibling().unwrap().remove();
        script.remove();
    }
}

/// How many elements the document creates during each of `steps`, counted
/// by wrapping its `createElement`.
fn elements_created_by(steps: &[&dyn Fn()]) -> Vec<u32> {
    let document = document();
    let create_element: Function = Reflect::get(&document, &"createElement".into())
        .unwrap()
        .unchecked_into();
    let created = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = created.clone();
    let target = document.clone();
    let counting = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |tag: JsValue| {
        counter.set(counter.get() + 1);
        create_element.call1(&target, &tag).unwrap()
    });
    Reflect::set(&document, &"createElement".into(), counting.as_ref()).unwrap();
    let counts = steps
        .iter()
        .map(|step| {
            let before = created.get();
            step();
            created.get() - before
        })
        .collect();
    Reflect::delete_property(&document, &"createElement".into()).unwrap();
    counts
}

/// Plans, builds and mounts `script`'s placement as the loader does, one
/// call per task, and checks that only building creates the tree (at least
/// `tree` elements) and mounting only its host.
fn start_in_steps(script: &Element, tree: u32) {
    let counts = elements_created_by(&[
        &|| sharecite::plan_script(script.clone()),
        &|| sharecite::build_script(script.clone()),
        &|| sharecite::mount_script(script.clone()),
    ]);
    assert_eq!(counts[0], 0, "planning creates no elements");
    assert!(
        counts[1] >= tree,
        "{} elements created while building",
        counts[1]
    );
    assert_eq!(counts[2], 1, "mounting creates only the host");
}

#[wasm_bindgen_test]
fn a_placement_is_planned_built_and_mounted_in_separate_calls() {
    // The loader calls these in three tasks, so that none of them is long:
    // planning creates no element, building creates the tree, and mounting
    // only clones it into a new host. (A shape no other test uses, so no
    // earlier test has built it.)
    let script = script(&[
        ("data-networks", "threads pinterest"),
        ("data-theme", "light"),
    ]);
    start_in_steps(&script, 5);
    assert_eq!(networks(&shadow_after(&script)), ["threads", "pinterest"]);
    script.next_element_sibling().unwrap().remove();
    script.remove();
}

#[wasm_bindgen_test]
fn a_list_s_first_card_is_built_before_mounting() {
    // For a `data-target` list, the loader plans the first card in one
    // task and builds its tree in the next, so that the first slice of
    // mounting, the longest task on a list page, only clones it.
    let cards = add(
        &document().body().unwrap(),
        r#"<div class="plan-first-card"></div>"#,
    );
    let script = script(&[
        ("data-target", ".plan-first-card"),
        ("data-networks", "pinterest hackernews threads"),
        ("data-theme", "dark"),
    ]);
    let plans = plans_during(|| start_in_steps(&script, 10));
    assert_eq!(plans, 1, "the first slice mounts the card as planned");
    let host = cards[0].last_element_child().expect("the card's placement");
    assert_eq!(
        networks(&host.shadow_root().unwrap()),
        ["pinterest", "hackernews", "threads"]
    );
    script.remove();
    remove(cards);
}

/// How many placements are planned during `run`: planning one asks once
/// whether the browser can share natively, which a getter counts here.
fn plans_during(run: impl FnOnce()) -> u32 {
    let navigator = web_sys::window().unwrap().navigator();
    let asked = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = asked.clone();
    let getter = Closure::<dyn FnMut() -> JsValue>::new(move || {
        counter.set(counter.get() + 1);
        JsValue::UNDEFINED
    });
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"get".into(), getter.as_ref()).unwrap();
    Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&navigator, &"share".into(), &descriptor);
    run();
    Reflect::delete_property(&navigator, &"share".into()).unwrap();
    asked.get()
}

/// A `sharecite:share` event as a page's listener sees it. Decoding it
/// with serde rejects a detail with a missing, extra or mistyped property.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordedEvent {
    r#type: String,
    bubbles: bool,
    composed: bool,
    detail: ShareDetail,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareDetail {
    network: String,
    url: String,
}

#[wasm_bindgen_test]
async fn clicking_a_link_dispatches_a_composed_share_event() {
    install_loader_function("shareciteDispatch");
    let script = script(&[
        ("data-networks", "facebook"),
        ("data-url", "https://news.example/b"),
    ]);
    sharecite::mount_script(script.clone());
    let root = shadow_after(&script);

    let events = js_sys::Array::new();
    let recorder = Function::new_with_args(
        "list",
        "return (event) => { list.push({ type: event.type, bubbles: event.bubbles, composed: event.composed, detail: event.detail }); }",
    )
    .call1(&JsValue::NULL, &events)
    .unwrap()
    .unchecked_into::<Function>();
    document()
        .add_event_listener_with_callback("sharecite:share", &recorder)
        .unwrap();
    // Keep the test page where it is: cancel the navigation, not the event.
    let cancel = Function::new_with_args("event", "event.preventDefault()");
    let window = web_sys::window().unwrap();
    window
        .add_event_listener_with_callback_and_bool("click", &cancel, true)
        .unwrap();

    root.query_selector("[data-network=facebook]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    sleep(0).await;

    assert_eq!(events.length(), 1);
    let event: RecordedEvent = serde_wasm_bindgen::from_value(events.get(0)).unwrap();
    assert_eq!(
        event,
        RecordedEvent {
            r#type: "sharecite:share".into(),
            bubbles: true,
            composed: true,
            detail: ShareDetail {
                network: "facebook".into(),
                url: "https://news.example/b".into(),
            },
        }
    );
    document()
        .remove_event_listener_with_callback("sharecite:share", &recorder)
        .unwrap();
    window
        .remove_event_listener_with_callback_and_bool("click", &cancel, true)
        .unwrap();
    script.next_element_sibling().unwrap().remove();
    script.remove();
}

#[wasm_bindgen_test]
fn bad_configuration_warns_once_and_renders_the_rest() {
    let warnings = record_console("warn");
    let first = script(&[
        ("data-networks", "x myspace"),
        ("data-url", "https://news.example/c"),
    ]);
    let second = script(&[
        ("data-networks", "x myspace"),
        ("data-url", "https://news.example/c"),
    ]);
    sharecite::mount_script(first.clone());
    sharecite::mount_script(second.clone());
    assert_eq!(networks(&shadow_after(&first)), ["x"]);
    assert_eq!(networks(&shadow_after(&second)), ["x"]);
    let messages: Vec<String> = warnings.iter().filter_map(|v| v.as_string()).collect();
    let about_myspace: Vec<&String> = messages.iter().filter(|m| m.contains("myspace")).collect();
    assert_eq!(about_myspace.len(), 1, "{messages:?}");
    assert!(
        about_myspace[0].starts_with("sharecite: data-networks=\"x myspace\""),
        "{}",
        about_myspace[0]
    );

    let bad_target = script(&[("data-target", "[[[")]);
    sharecite::mount_script(bad_target.clone());
    assert!(
        bad_target.next_element_sibling().is_none(),
        "nothing mounted for an invalid selector"
    );
    let messages: Vec<String> = warnings.iter().filter_map(|v| v.as_string()).collect();
    assert!(messages
        .iter()
        .any(|m| m.starts_with("sharecite: data-target=\"[[[\" is not a valid CSS selector")));
    for element in [first, second, bad_target] {
        if let Some(host) = element.next_element_sibling() {
            host.remove();
        }
        element.remove();
    }
}

#[wasm_bindgen_test]
async fn data_target_mounts_at_the_end_of_each_match_with_per_target_overrides() {
    let body = document().body().unwrap();
    let cards = add(
        &body,
        r#"<div class="dom-test-card" data-url="https://news.example/1" data-title="One"><p>one</p></div>
           <div class="dom-test-card" data-url="https://news.example/2" data-title="Two"><p>two</p></div>"#,
    );
    let script = script(&[("data-target", ".dom-test-card"), ("data-networks", "x")]);
    sharecite::mount_script(script.clone());
    // Mounting again (a second script tag) must not double up.
    sharecite::mount_script(script.clone());
    // Lists mount in slices between tasks.
    sleep(50).await;
    for (card, (url, title)) in cards.iter().zip([
        ("https%3A%2F%2Fnews.example%2F1", "One"),
        ("https%3A%2F%2Fnews.example%2F2", "Two"),
    ]) {
        assert_eq!(
            card.query_selector_all("[data-sharecite-host]")
                .unwrap()
                .length(),
            1
        );
        let host = card.last_element_child().unwrap();
        let link = href(&host.shadow_root().unwrap(), "x");
        assert_eq!(
            link,
            ["https://x.com/intent/post?text=", title, "&url=", url].concat()
        );
    }
    remove(cards);
    script.remove();
}

#[wasm_bindgen_test]
async fn a_long_list_is_inserted_in_order_over_several_tasks() {
    // Long enough that after the first slice the placements are built
    // detached, then inserted over more than one task. How many cards a
    // task holds is a matter of time (30 ms each), so the clock the widget
    // reads moves a quarter of a millisecond a look while it works: on any
    // machine, then, the list takes the same tasks.
    const CARDS: usize = 4000;
    Function::new_no_args(
        "const now = Date.now; let fake = now();
         Date.now = () => (fake += 0.25);
         window.__realNow = now;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let body = document().body().unwrap();
    let html: String = (0..CARDS)
        .map(|i| {
            let i = i.to_string();
            [
                r#"<div class="dom-test-long" data-url="https://news.example/"#,
                &i,
                r#"" data-title=""#,
                &i,
                r#""></div>"#,
            ]
            .concat()
        })
        .collect();
    let cards = add(&body, &html);
    // The order hosts reach the page in, as card numbers, and how many
    // tasks inserted them (a MutationObserver hears once per task).
    let watch = Function::new_no_args(
        "const log = window.__longList = { order: [], batches: 0 };
         log.observer = new MutationObserver((records) => {
           const before = log.order.length;
           for (const r of records) for (const n of r.addedNodes)
             if (n.hasAttribute && n.hasAttribute('data-sharecite-host'))
               log.order.push(Number(r.target.dataset.title));
           if (log.order.length > before) log.batches++;
         });
         log.observer.observe(document.body, { subtree: true, childList: true });",
    );
    watch.call0(&JsValue::NULL).unwrap();
    let script = script(&[
        ("data-target", ".dom-test-long"),
        ("data-networks", "x bluesky email copy cite print"),
    ]);
    sharecite::mount_script(script.clone());
    let log = Reflect::get(&web_sys::window().unwrap(), &"__longList".into()).unwrap();
    let order = Reflect::get(&log, &"order".into()).unwrap();
    for _ in 0..600 {
        if Reflect::get(&order, &"length".into()).unwrap().as_f64() == Some(CARDS as f64) {
            break;
        }
        sleep(50).await;
    }
    Function::new_no_args("Date.now = window.__realNow;")
        .call0(&JsValue::NULL)
        .unwrap();
    let order: Vec<usize> = js_sys::Array::from(&order)
        .iter()
        .map(|n| n.as_f64().unwrap() as usize)
        .collect();
    assert_eq!(
        order,
        (0..CARDS).collect::<Vec<_>>(),
        "each card once, in order"
    );
    for (i, card) in cards.iter().enumerate().step_by(499) {
        let hosts = card.query_selector_all("[data-sharecite-host]").unwrap();
        assert_eq!(hosts.length(), 1);
        let link = href(
            &card.last_element_child().unwrap().shadow_root().unwrap(),
            "x",
        );
        assert!(
            link.ends_with(&["news.example%2F", &i.to_string()].concat()),
            "{link}"
        );
    }
    // The first slice's task, then the rest in tasks of at most 30 ms (34
    // in all by the clock above; all in one task, as before, makes two).
    let batches = Reflect::get(&log, &"batches".into()).unwrap().as_f64();
    assert!(batches >= Some(3.0), "inserted in {batches:?} tasks");
    // The observer would otherwise watch every later test's page changes.
    let observer = Reflect::get(&log, &"observer".into()).unwrap();
    let disconnect = Reflect::get(&observer, &"disconnect".into()).unwrap();
    disconnect
        .unchecked_into::<Function>()
        .call0(&observer)
        .unwrap();
    remove(cards);
    script.remove();
}

#[wasm_bindgen_test]
async fn links_follow_push_state_navigations() {
    let script = script(&[("data-networks", "x")]);
    sharecite::mount_script(script.clone());
    let root = shadow_after(&script);
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let start = window.location().href().unwrap();

    history
        .push_state_with_url(
            &JsValue::NULL,
            "",
            Some("/moved-by-test?utm_medium=x&page=2"),
        )
        .unwrap();
    document().set_title("Moved by test");
    sleep(50).await;

    let url = [
        "http://",
        &window.location().host().unwrap(),
        "/moved-by-test?page=2",
    ]
    .concat();
    assert_eq!(
        href(&root, "x"),
        [
            "https://x.com/intent/post?text=Moved%20by%20test&url=",
            &js_sys::encode_uri_component(&url).as_string().unwrap()
        ]
        .concat()
    );
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&start))
        .unwrap();
    script.next_element_sibling().unwrap().remove();
    script.remove();
}
