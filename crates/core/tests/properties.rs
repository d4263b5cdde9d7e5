//! Properties every parser and renderer keeps, whatever a hostile page or a
//! careless configuration feeds it: no panic; every href produced is
//! `http(s):` or `mailto:`; every HTML string produced parses (with a real
//! HTML5 parser) into only the elements we write, and back to its text.
//!
//! `make test` runs the default number of cases; `make fuzz` runs many more
//! (`PROPTEST_CASES`).

// Tests compare with std's string methods, which clippy.toml keeps out of
// the shipped code.
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use scraper::{Html, Node};
use sharecite_core::cite::{bibliography_entry, CiteStyle, Item, ItemType, Name};
use sharecite_core::config::{Attribute, Attributes};
use sharecite_core::date::Date;
use sharecite_core::encode::{self, squash_whitespace};
use sharecite_core::json::Json;
use sharecite_core::metadata::{PageMetadata, PageSnapshot};
use sharecite_core::network::{parse_mastodon_instance, ShareText};
use sharecite_core::template::{Template, Values};
use sharecite_core::url::{safe_link, Url};
use sharecite_core::view::{quote_hrefs, share_hrefs, Capabilities, View};
use sharecite_core::{Attribution, Config, Network, Strings};

/// Strings built from the pieces that break parsers: scheme prefixes,
/// markup, entities, braces, percent signs, quotes, controls, non-ASCII.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("javascript:".to_string()),
        Just("JaVaScRiPt:".to_string()),
        Just("data:text/html,".to_string()),
        Just("https://".to_string()),
        Just("http://a.example".to_string()),
        Just("mailto:".to_string()),
        Just("//".to_string()),
        Just("<script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("</a>".to_string()),
        Just("&amp;".to_string()),
        Just("&#x3C;".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("{title}".to_string()),
        Just("{url}".to_string()),
        Just("{{".to_string()),
        Just("}".to_string()),
        Just("%".to_string()),
        Just("%2F".to_string()),
        Just("?utm_source=x&".to_string()),
        Just("#:~:text=".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string()),
        Just(", ".to_string()),
        Just("é".to_string()),
        Just("😀".to_string()),
        Just("\u{202e}".to_string()),
        "[a-zA-Z0-9./:@-]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Text as an HTML parser reads it, and the names of every element and
/// attribute it builds.
fn parse(html: &str) -> (String, Vec<String>, Vec<(String, String)>) {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    let mut elements = Vec::new();
    let mut attributes = Vec::new();
    for node in fragment.tree.root().descendants() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                elements.push(e.name().to_string());
                for (name, value) in e.attrs() {
                    attributes.push((name.to_string(), value.to_string()));
                }
            }
            _ => {}
        }
    }
    (text, elements, attributes)
}

/// What the HTML parser does to text before we compare: CR LF and CR
/// become LF, NUL is dropped (in body text), a leading BOM goes.
fn as_parsed(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "");
    // A byte order mark opening the input is not content to a parser.
    text.strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text)
}

fn without_leading_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

const ALLOWED: &[&str] = &["html", "a", "p", "br", "i", "strong", "blockquote", "pre"];

/// The invariants every HTML string sharecite writes keeps.
fn assert_safe_html(html: &str) {
    let (_, elements, attributes) = parse(html);
    for element in &elements {
        assert!(
            ALLOWED.contains(&element.as_str()),
            "unexpected <{element}> in {html}"
        );
    }
    for (name, value) in &attributes {
        assert_eq!(name, "href", "unexpected attribute {name} in {html}");
        assert!(is_safe_href(value), "unsafe href {value:?} in {html}");
    }
}

fn is_safe_href(href: &str) -> bool {
    Url::parse(href).is_some_and(|url| url.is_safe_link())
        && ["https:", "http:", "mailto:"]
            .iter()
            .any(|scheme| href.starts_with(scheme))
}

fn attributes_from(values: &[(Attribute, String)]) -> Attributes {
    Attributes::read(|name| {
        values
            .iter()
            .find(|(a, _)| a.name() == name)
            .map(|(_, v)| v.clone())
    })
}

fn attribute() -> impl Strategy<Value = Attribute> {
    prop::sample::select(Attribute::ALL.to_vec())
}

fn meta_key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "og:url",
        "og:title",
        "og:image",
        "og:site_name",
        "og:description",
        "article:author",
        "article:publisher",
        "article:published_time",
        "citation_title",
        "citation_author",
        "citation_doi",
        "citation_journal_title",
        "citation_firstpage",
        "citation_lastpage",
        "citation_publication_date",
        "dc.creator",
        "dc.identifier",
        "dc.date",
        "author",
        "description",
        "twitter:image",
    ])
    .prop_map(str::to_string)
}

fn json_ld() -> impl Strategy<Value = String> {
    (hostile(), hostile(), hostile(), hostile()).prop_map(|(title, url, author, image)| {
        let quote = |s: &str| {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if c < ' ' => out.push(' '),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        [
            r#"{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"#,
            &quote(&title),
            r#","url":"#,
            &quote(&url),
            r##","author":[{"@id":"#a"},"##,
            &quote(&author),
            r##"],"image":{"@id":"#i"}},{"@id":"#a","@type":"Person","name":"##,
            &quote(&author),
            r##"},{"@id":"#i","url":"##,
            &quote(&image),
            "}]}",
        ]
        .concat()
    })
}

fn page() -> impl Strategy<Value = PageSnapshot> {
    (
        hostile(),
        hostile(),
        prop::option::of(hostile()),
        prop::collection::vec((meta_key(), hostile()), 0..8),
        prop::collection::vec(prop_oneof![json_ld(), hostile()], 0..3),
    )
        .prop_map(|(path, title, canonical, metas, json_ld)| {
            let location = ["https://news.example/", &encode::component(&path)].concat();
            PageSnapshot {
                base: location.clone(),
                location,
                title,
                lang: "en".into(),
                canonical,
                metas,
                json_ld,
            }
        })
}

fn item() -> impl Strategy<Value = Item> {
    (
        prop::sample::select(vec![
            ItemType::Webpage,
            ItemType::ArticleNewspaper,
            ItemType::PostWeblog,
            ItemType::ArticleJournal,
        ]),
        hostile(),
        prop::collection::vec((hostile(), hostile(), any::<bool>()), 0..25),
        (hostile(), hostile(), hostile(), hostile(), hostile()),
        prop::option::of((
            1u16..3000,
            prop::option::of(1u8..=12),
            prop::option::of(1u8..=28),
        )),
    )
        .prop_map(
            |(kind, title, names, (container, publisher, volume, issue, page), issued)| Item {
                id: "item".into(),
                kind,
                title,
                authors: names
                    .into_iter()
                    .map(|(family, given, literal)| {
                        if literal {
                            Name::Literal(family)
                        } else {
                            Name::person(&family, &given)
                        }
                    })
                    .collect(),
                container,
                publisher,
                issued: issued.map(|(year, month, day)| Date {
                    year,
                    month,
                    day: month.and(day),
                }),
                accessed: Date::parse("2026-11-24"),
                url: "https://news.example/a?b=1&c=<2>".into(),
                doi: String::new(),
                volume,
                issue,
                page,
            },
        )
}

proptest! {
    #[test]
    fn json_never_panics(text in hostile(), raw in any::<String>()) {
        let _ = Json::parse(&text);
        let _ = Json::parse(&raw);
        let _ = Json::from_flat(&text);
        let _ = Json::from_flat(&raw);
    }

    #[test]
    fn safe_links_are_safe_and_stable(href in hostile(), base in hostile()) {
        let base = Url::parse(&["https://news.example/", &encode::component(&base)].concat()).unwrap();
        if let Some(url) = safe_link(&href, Some(&base)) {
            let text = url.as_string();
            prop_assert!(is_safe_href(&text), "{text}");
            prop_assert_eq!(Url::parse(&text), Some(url.clone()), "serialization is stable");
            let clean = url.without_tracking();
            prop_assert_eq!(clean.clone().without_tracking(), clean.clone(), "cleaning is idempotent");
            prop_assert!(clean.is_safe_link());
        }
    }

    #[test]
    fn escaping_parses_back_to_the_input(text in hostile(), raw in any::<String>()) {
        for input in [text, raw] {
            let (parsed, elements, _) = parse(&encode::html(&input));
            prop_assert_eq!(elements, vec!["html".to_string()]);
            prop_assert_eq!(parsed, as_parsed(&input));
            prop_assert_eq!(encode::decode_component(&encode::component(&input), false), input);
        }
    }

    #[test]
    fn templates_render_the_same_text_in_html(template in hostile(), values in prop::collection::vec(hostile(), 7)) {
        let (template, _) = Template::parse(&template);
        let url = ["https://news.example/", &encode::component(&values[1])].concat();
        let values = Values {
            title: &values[0], url: &url, author: &values[2], publisher: &values[3],
            site: &values[4], year: &values[5], date: &values[6],
        };
        let html = template.render_html(&values);
        assert_safe_html(&html);
        let (parsed, _, _) = parse(&html);
        // The HTML leaves out the text's leading whitespace, so a byte order
        // mark after it can open the HTML, where a parser drops it: compare
        // the two without one.
        let text = squash_whitespace(&as_parsed(&template.render(&values)));
        let parsed = squash_whitespace(&parsed);
        prop_assert_eq!(without_leading_bom(&parsed), without_leading_bom(&text));
    }

    #[test]
    fn hostile_pages_and_attributes_yield_only_safe_links_and_html(
        snapshot in page(),
        values in prop::collection::vec((attribute(), hostile()), 0..12),
        quote in hostile(),
        instance in hostile(),
    ) {
        let (metadata, _) = PageMetadata::read(&snapshot);
        let (config, _) = Config::parse(&attributes_from(&values), metadata.base());
        let article = metadata.article(&config.article);
        if !article.url.is_empty() {
            prop_assert!(is_safe_href(&article.url), "{}", article.url);
        }
        let strings = Strings::negotiate(&[config.lang.as_deref().unwrap_or("")]);
        let instance = parse_mastodon_instance(&instance).unwrap_or_default();
        let view = View::build(&config, &article, strings, Capabilities { native_share: true }, &instance);
        let mut hrefs: Vec<String> = view.controls.iter().filter_map(|c| c.href.clone()).collect();
        hrefs.extend(view.credit.iter().filter_map(|c| c.href.clone()));
        hrefs.extend(view.discussion.iter().map(|d| d.href.clone()));
        hrefs.extend(share_hrefs(&config, &article, strings, &instance).into_iter().map(|(_, h)| h));
        hrefs.extend(quote_hrefs(&config, &article, strings, &quote, &instance).into_iter().map(|(_, h)| h));
        for href in hrefs {
            prop_assert!(is_safe_href(&href), "{href}");
        }
        let attribution = Attribution::new(&config, &article, strings);
        for clip in [attribution.citation(), attribution.crosspost(&quote), attribution.passage(&quote, true), attribution.passage(&quote, false)] {
            assert_safe_html(&clip.html);
        }
        let item = Item::from_article(&article, Date::parse("2026-11-24"));
        for style in CiteStyle::ALL {
            if let Some((_, html)) = bibliography_entry(&item, style) {
                assert_safe_html(&html);
            }
        }
    }

    #[test]
    fn citations_say_the_same_in_text_and_html(item in item()) {
        for style in CiteStyle::ALL {
            let Some((text, html)) = bibliography_entry(&item, style) else { continue };
            assert_safe_html(&html);
            let (parsed, _, _) = parse(&html);
            prop_assert_eq!(squash_whitespace(&parsed), squash_whitespace(&as_parsed(&text)), "{:?}", style);
        }
    }

    #[test]
    fn share_intents_carry_their_inputs_exactly(title in hostile(), path in hostile(), body in hostile()) {
        let url = ["https://news.example/", &encode::component(&path)].concat();
        let text = ShareText { url: &url, title: &title, image: None, email_body: &body, mastodon_instance: "" };
        for network in Network::ALL {
            let Some(href) = network.share_url(&text) else { continue };
            prop_assert!(is_safe_href(&href), "{href}");
            let query = href.split_once('?').map(|(_, q)| q).unwrap_or("");
            let pairs: Vec<(&str, String)> = query
                .split('&')
                .filter_map(|pair| pair.split_once('=').map(|(k, v)| (k, encode::decode_component(v, false))))
                .collect();
            let values: Vec<&String> = pairs.iter().map(|(_, v)| v).collect();
            if network == Network::Email {
                // The caller puts the link in the body; the subject is the title.
                let subject = pairs.iter().find(|(k, _)| *k == "subject").map(|(_, v)| v.as_str()).unwrap_or("");
                prop_assert_eq!(subject, title.as_str());
            } else {
                prop_assert!(values.iter().any(|v| v.contains(&url)), "{network:?} carries the URL: {href}");
            }
        }
    }

    #[test]
    fn small_parsers_never_panic(text in hostile(), raw in any::<String>()) {
        for input in [&text, &raw] {
            let _ = Date::parse(input);
            let _ = parse_mastodon_instance(input);
            let _ = sharecite_core::cite::names::parse_person(input);
            let _ = sharecite_core::cite::text::title_case(input);
            let _ = sharecite_core::cite::text::page_range(input, sharecite_core::cite::text::PageRange::Chicago);
            let _ = sharecite_core::metadata::bare_doi(input);
            let _ = sharecite_core::excerpt(input, || input.to_string());
        }
    }
}
