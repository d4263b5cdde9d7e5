//! The article described by a page's JSON-LD.
//!
//! Publishers emit schema.org in many shapes: one `NewsArticle` object, an
//! array of nodes, or (Yoast, Rank Math, most WordPress sites) a `@graph` in
//! which the article points to its author, publisher and page by `@id`. This
//! module flattens all of them into nodes, indexes them by `@id`, picks the
//! article, and follows its references one level.

use crate::date::Date;
use crate::json::Json;
use crate::metadata::{ArticleKind, Creator, Partial, Text};
use crate::url::Url;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// Markers that CMSes wrap JSON-LD in, for pages that must also parse as
/// XHTML or survive old browsers. Longest first where one ends another.
const OPENERS: &[&str] = &["<!--", "//<![CDATA[", "<![CDATA["];
const CLOSERS: &[&str] = &["-->", "//]]>", "]]>"];

/// The JSON in a block's text: without surrounding whitespace and without
/// the comment or CDATA markers around it.
pub fn unwrap(text: &str) -> &str {
    let mut json = crate::search::trim(text);
    loop {
        let before = json.len();
        for opener in OPENERS {
            if let Some(rest) = json.strip_prefix(opener) {
                json = crate::search::trim(rest);
            }
        }
        for closer in CLOSERS {
            if let Some(rest) = json.strip_suffix(closer) {
                json = crate::search::trim(rest);
            }
        }
        if json.len() == before {
            return json;
        }
    }
}

/// schema.org types of news articles (local names), as each of these lists,
/// one string ([`crate::search::entries`]).
const NEWS_TYPES: &str = "NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle";
const BLOG_TYPES: &str = "BlogPosting|LiveBlogPosting";
const SCHOLARLY_TYPES: &str = "ScholarlyArticle|MedicalScholarlyArticle";
/// The other schema.org types that are an article.
const OTHER_ARTICLE_TYPES: &str = "Article|SatiricalArticle|SocialMediaPosting|DiscussionForumPosting|TechArticle|APIReference|Report|AdvertiserContentArticle";

fn is_article(node: &Json) -> bool {
    [NEWS_TYPES, BLOG_TYPES, SCHOLARLY_TYPES, OTHER_ARTICLE_TYPES]
        .iter()
        .any(|types| has_type(node, types))
}

/// Page types used when no article is described.
const PAGE_TYPES: &str = "WebPage|ItemPage";
/// Creators that are organizations rather than people.
const ORGANIZATION_TYPES: &str =
    "Organization|NewsMediaOrganization|Corporation|EducationalOrganization|GovernmentOrganization|NGO";

/// A hostile page could describe millions of nodes; real ones have dozens.
const MAX_NODES: usize = 4096;

/// The article in `documents` (each one JSON-LD block), as far as it is
/// described. `page_url` picks the page's own article when several are.
pub fn extract(documents: &[Json], base: Option<&Url>, page_url: Option<&Url>) -> Partial {
    let mut nodes: Vec<&Json> = Vec::new();
    for document in documents {
        collect(document, &mut nodes);
    }
    let graph = Graph { nodes };
    let Some(article) = graph.main_article(base, page_url) else {
        return Partial::default();
    };
    graph.describe(article, base)
}

struct Graph<'a> {
    nodes: Vec<&'a Json>,
}

fn collect<'a>(value: &'a Json, nodes: &mut Vec<&'a Json>) {
    if nodes.len() >= MAX_NODES {
        return;
    }
    match value {
        Json::Array(items) => items.iter().for_each(|item| collect(item, nodes)),
        Json::Object(members) => {
            nodes.push(value);
            for (key, member) in members {
                if key != "@context" {
                    collect(member, nodes);
                }
            }
        }
        _ => {}
    }
}

/// The local name of a type IRI: `http://schema.org/NewsArticle` and
/// `schema:NewsArticle` are `NewsArticle`.
fn local_name(type_name: &str) -> &str {
    crate::search::after_last(type_name, b"/:#")
}

/// Whether `node` has one of the types `wanted` lists.
fn has_type(node: &Json, wanted: &'static str) -> bool {
    node.get("@type")
        .map(|types| {
            types
                .items()
                .iter()
                .filter_map(Json::as_str)
                .any(|t| crate::search::listed(wanted, local_name(t)))
        })
        .unwrap_or(false)
}

impl<'a> Graph<'a> {
    /// The node with `@id` equal to `id` that says more than its id.
    fn by_id(&self, id: &str) -> Option<&'a Json> {
        // Loops rather than `find`, here and below: each closure's `find`
        // was a function of its own.
        for &node in &self.nodes {
            if node.get("@id").and_then(Json::as_str) == Some(id)
                && matches!(node, Json::Object(m) if m.len() > 1)
            {
                return Some(node);
            }
        }
        None
    }

    /// `value` itself, or the node it references by `{"@id": ...}`.
    fn deref(&self, value: &'a Json) -> &'a Json {
        if let Json::Object(members) = value {
            if members.len() == 1 {
                if let Some(id) = value.get("@id").and_then(Json::as_str) {
                    return self.by_id(id).unwrap_or(value);
                }
            }
        }
        value
    }

    fn main_article(&self, base: Option<&Url>, page_url: Option<&Url>) -> Option<&'a Json> {
        let mut articles: Vec<&'a Json> = Vec::new();
        for &node in &self.nodes {
            if is_article(node) {
                articles.push(node);
            }
        }
        let Some(&first) = articles.first() else {
            for &node in &self.nodes {
                if has_type(node, PAGE_TYPES) {
                    return Some(node);
                }
            }
            return None;
        };
        let Some(page_url) = page_url.map(same_page_key) else {
            return Some(first);
        };
        for &node in &articles {
            if self.url_of(node, base).map(|url| same_page_key(&url)) == Some(page_url.clone()) {
                return Some(node);
            }
        }
        Some(first)
    }

    /// The node's page URL: `url`, else its `mainEntityOfPage`, else the
    /// `url` of the page it `isPartOf`.
    fn url_of(&self, node: &'a Json, base: Option<&Url>) -> Option<Url> {
        let direct = node.get("url").and_then(|v| self.link(v, base));
        direct
            .or_else(|| {
                node.get("mainEntityOfPage")
                    .and_then(|v| self.page_link(v, base))
            })
            .or_else(|| {
                node.get("isPartOf")
                    .map(|v| self.deref(v))
                    .filter(|page| has_type(page, PAGE_TYPES))
                    .and_then(|page| self.page_link(page, base))
            })
    }

    /// A page's URL: a string, or a node's `url`, else its `@id`.
    fn page_link(&self, value: &'a Json, base: Option<&Url>) -> Option<Url> {
        let value = self.deref(value);
        value
            .get("url")
            .and_then(|url| self.link(url, base))
            .or_else(|| self.link(value, base))
    }

    /// A URL-valued property: a string, `{"@id": ...}` or `{"url": ...}`.
    fn link(&self, value: &'a Json, base: Option<&Url>) -> Option<Url> {
        let value = value.items().first()?;
        let text = match value {
            Json::String(text) => text.as_str(),
            Json::Object(_) => value
                .get("url")
                .or_else(|| value.get("@id"))
                .and_then(Json::as_str)?,
            _ => return None,
        };
        let url = match base {
            Some(base) => Url::parse_with_base(text, base)?,
            None => Url::parse(text)?,
        };
        url.is_web().then_some(url)
    }

    fn describe(&self, article: &'a Json, base: Option<&Url>) -> Partial {
        let title = text_of(article.get("headline")).or_else(|| text_of(article.get("name")));
        let authors = article
            .get("author")
            .map(|v| self.creators(v))
            .unwrap_or_default();
        let publisher = article
            .get("publisher")
            .and_then(|value| value.items().first())
            .and_then(|value| self.creator(value))
            .map(|creator| creator.name);
        let site = article
            .get("isPartOf")
            .map(|value| self.deref(value))
            .and_then(|page| page.get("isPartOf").map(|site| self.deref(site)))
            .filter(|site| has_type(site, "WebSite"))
            .and_then(|site| text_of(site.get("name")));
        let image = article.get("image").and_then(|value| {
            let first = value.items().first()?;
            self.link(self.deref(first), base)
                .map(|url| url.as_string())
        });
        let mut partial = Partial {
            authors,
            published: text_of(article.get("datePublished")).and_then(|d| Date::parse(&d)),
            modified: text_of(article.get("dateModified")).and_then(|d| Date::parse(&d)),
            kind: kind_of(article),
            ..Partial::default()
        };
        partial.set(
            Text::Url,
            self.url_of(article, base).map(|url| url.as_string()),
        );
        partial.set(Text::Title, title);
        partial.set(Text::Publisher, publisher);
        partial.set(Text::Site, site);
        partial.set(Text::Description, text_of(article.get("description")));
        partial.set(Text::Image, image);
        partial
    }

    fn creators(&self, value: &'a Json) -> Vec<Creator> {
        let mut creators = Vec::new();
        for item in value.items() {
            if let Some(creator) = self.creator(item) {
                creators.push(creator);
            }
        }
        creators
    }

    fn creator(&self, value: &'a Json) -> Option<Creator> {
        let node = self.deref(value);
        match node {
            Json::String(name) => {
                let name = clean_text(name);
                // Some sites put the author's profile URL where a name goes.
                (!name.is_empty() && Url::parse(&name).is_none()).then(|| Creator::person(name))
            }
            Json::Object(_) => {
                let name = text_of(node.get("name")).or_else(|| {
                    let given = text_of(node.get("givenName"))?;
                    let family = text_of(node.get("familyName"))?;
                    Some(crate::join::concat(&[given.as_str(), " ", family.as_str()]))
                })?;
                if has_type(node, ORGANIZATION_TYPES) {
                    Some(Creator::organization(name))
                } else {
                    Some(Creator::person(name))
                }
            }
            _ => None,
        }
    }
}

/// The citation type a schema.org type implies, when it implies one.
fn kind_of(node: &Json) -> Option<ArticleKind> {
    if has_type(node, SCHOLARLY_TYPES) {
        Some(ArticleKind::Journal)
    } else if has_type(node, BLOG_TYPES) {
        Some(ArticleKind::Blog)
    } else if has_type(node, NEWS_TYPES) {
        Some(ArticleKind::News)
    } else {
        None
    }
}

/// Text of a string-valued property (first of a list, `@value` objects).
fn text_of(value: Option<&Json>) -> Option<String> {
    let value = value?.items().first()?;
    let text = match value {
        Json::Object(_) => value.get("@value").and_then(Json::as_text)?,
        other => other.as_text()?,
    };
    let text = clean_text(text);
    (!text.is_empty()).then_some(text)
}

/// Whitespace squashed and the HTML entities CMSes leave in JSON-LD decoded.
fn clean_text(text: &str) -> String {
    crate::encode::squash_whitespace(&decode_entities(text))
}

fn decode_entities(text: &str) -> String {
    if crate::search::find(text, "&").is_none() {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = crate::search::find(rest, "&") {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = crate::search::find(after, ";")
            .filter(|&semi| semi <= 10)
            .and_then(|semi| {
                let entity = &after[..semi];
                let ch = match entity {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ => {
                        let number = entity.strip_prefix("#")?;
                        let code = match number.strip_prefix("x").or(number.strip_prefix("X")) {
                            Some(hex) => crate::encode::parse_u32(hex, 16)?,
                            None => crate::encode::parse_u32(number, 10)?,
                        };
                        char::from_u32(code).filter(|&c| c != '\0')
                    }
                }?;
                Some((ch, semi))
            });
        match decoded {
            Some((ch, semi)) => {
                out.push(ch);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What makes two addresses the same page for picking an article: no
/// fragment, no tracking, no trailing slash.
fn same_page_key(url: &Url) -> String {
    let mut key = url.clone().without_tracking().as_string();
    if let Some(hash) = crate::search::find(&key, "#") {
        key.truncate(hash);
    }
    while key.ends_with("/") {
        key.pop();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::CreatorKind;

    fn run(blocks: &[&str]) -> Partial {
        let base = Url::parse("https://site.example/news/item").unwrap();
        let docs: Vec<Json> = blocks.iter().map(|b| Json::parse(b).unwrap()).collect();
        extract(&docs, Some(&base), Some(&base))
    }

    macro_rules! unwraps {
        ($($name:ident: $text:expr => $json:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(unwrap($text), $json);
            }
        )*};
    }

    unwraps! {
        bare: " {\"a\":1}\n" => "{\"a\":1}";
        html_comment: "<!-- {\"a\":null} -->" => "{\"a\":null}";
        cdata_in_script_comments: "//<![CDATA[\n[]\n//]]>" => "[]";
        cdata: "<![CDATA[[1]]]>" => "[1]";
        comment_around_cdata: "<!--\n//<![CDATA[\n{}\n//]]>\n-->" => "{}";
        only_markers: " <!-- --> " => "";
        markers_inside_are_kept: "[\"<!--\"]" => "[\"<!--\"]";
    }

    #[test]
    fn single_news_article() {
        let got = run(&[r#"{
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "The U.S. Ultimatum on Huawei Is Backfiring",
            "url": "https://www.globalresearch.ca/us-ultimatum/5678141",
            "author": {"@type": "Person", "name": "Andrew Korybko"},
            "publisher": {"@type": "Organization", "name": "Global Research"},
            "datePublished": "2019-05-19T10:00:00-04:00",
            "dateModified": "2019-05-20",
            "description": "  The U.S. is putting\n pressure on its partners. ",
            "image": ["https://www.globalresearch.ca/a.jpg"]
        }"#]);
        assert_eq!(
            got.text(Text::Title),
            Some("The U.S. Ultimatum on Huawei Is Backfiring")
        );
        assert_eq!(
            got.text(Text::Url),
            Some("https://www.globalresearch.ca/us-ultimatum/5678141")
        );
        assert_eq!(got.authors, vec![Creator::person("Andrew Korybko".into())]);
        assert_eq!(got.text(Text::Publisher), Some("Global Research"));
        assert_eq!(got.published, Date::parse("2019-05-19"));
        assert_eq!(got.modified, Date::parse("2019-05-20"));
        assert_eq!(
            got.text(Text::Description),
            Some("The U.S. is putting pressure on its partners.")
        );
        assert_eq!(
            got.text(Text::Image),
            Some("https://www.globalresearch.ca/a.jpg")
        );
    }

    #[test]
    fn yoast_graph_with_id_references() {
        let got = run(&[r#"{"@context":"https://schema.org","@graph":[
            {"@type":"Article","@id":"https://site.example/news/item#article",
             "isPartOf":{"@id":"https://site.example/news/item"},
             "author":{"name":"Jane Doe","@id":"https://site.example/#/schema/person/1"},
             "headline":"Graph headline","datePublished":"2023-01-02T03:04:05+00:00",
             "mainEntityOfPage":{"@id":"https://site.example/news/item"},
             "publisher":{"@id":"https://site.example/#organization"},
             "image":{"@id":"https://site.example/news/item#primaryimage"}},
            {"@type":"WebPage","@id":"https://site.example/news/item","url":"https://site.example/news/item",
             "name":"Graph headline - Site","isPartOf":{"@id":"https://site.example/#website"}},
            {"@type":"ImageObject","@id":"https://site.example/news/item#primaryimage","url":"https://site.example/i.png"},
            {"@type":"WebSite","@id":"https://site.example/#website","name":"The Site"},
            {"@type":"Organization","@id":"https://site.example/#organization","name":"Site Media Ltd"},
            {"@type":["Person"],"@id":"https://site.example/#/schema/person/1","name":"Jane Doe"}
        ]}"#]);
        assert_eq!(got.text(Text::Title), Some("Graph headline"));
        assert_eq!(got.text(Text::Url), Some("https://site.example/news/item"));
        assert_eq!(got.authors, vec![Creator::person("Jane Doe".into())]);
        assert_eq!(got.text(Text::Publisher), Some("Site Media Ltd"));
        assert_eq!(got.text(Text::Site), Some("The Site"));
        assert_eq!(got.text(Text::Image), Some("https://site.example/i.png"));
        assert_eq!(got.published, Date::parse("2023-01-02"));
    }

    #[test]
    fn organization_author_and_several_authors() {
        let got = run(&[r#"{"@type":"BlogPosting","headline":"H","author":[
            {"@type":"Person","givenName":"Ada","familyName":"Lovelace"},
            "Charles Babbage",
            {"@type":"NewsMediaOrganization","name":"Reuters"},
            "https://site.example/authors/ghost"
        ]}"#]);
        let kinds: Vec<(&str, CreatorKind)> = got
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("Ada Lovelace", CreatorKind::Person),
                ("Charles Babbage", CreatorKind::Person),
                ("Reuters", CreatorKind::Organization)
            ]
        );
    }

    #[test]
    fn full_iri_types_and_entities() {
        let got = run(&[
            r#"[{"@type":"http://schema.org/ScholarlyArticle","name":"Caf&eacute; &amp; Cr&#232;me &#x2014; 5G"}]"#,
        ]);
        assert_eq!(got.text(Text::Title), Some("Caf&eacute; & Crème — 5G"));
    }

    #[test]
    fn picks_the_article_of_this_page_over_related_ones() {
        let got = run(&[
            r#"{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Related","url":"https://site.example/other"}]}"#,
            r#"{"@type":"NewsArticle","headline":"This one","url":"https://site.example/news/item/?utm_source=x"}"#,
        ]);
        assert_eq!(got.text(Text::Title), Some("This one"));
    }

    #[test]
    fn web_page_when_no_article() {
        let got = run(&[r#"{"@type":"WebPage","name":"Only a page","url":"/news/item"}"#]);
        assert_eq!(got.text(Text::Title), Some("Only a page"));
        assert_eq!(got.text(Text::Url), Some("https://site.example/news/item"));
    }

    #[test]
    fn unrelated_types_describe_nothing() {
        let got = run(&[r#"{"@type":"Organization","name":"Org","url":"https://o.example/"}"#]);
        assert_eq!(got, Partial::default());
    }

    #[test]
    fn hostile_values_are_ignored() {
        let got = run(&[
            r#"{"@type":"Article","headline":{"nested":true},"url":"javascript:alert(1)",
            "author":[null, 5, {"@id":"missing"}],"image":"data:image/png;base64,xx","datePublished":"yesterday"}"#,
        ]);
        assert_eq!(got.text(Text::Title), None);
        assert_eq!(got.text(Text::Url), None);
        assert!(got.authors.is_empty());
        assert_eq!(got.text(Text::Image), None);
        assert_eq!(got.published, None);
    }

    #[test]
    fn self_reference_does_not_loop() {
        let got = run(&[
            r##"{"@graph":[{"@type":"Article","@id":"#a","headline":"Loop","isPartOf":{"@id":"#a"},"author":{"@id":"#a"}}]}"##,
        ]);
        assert_eq!(got.text(Text::Title), Some("Loop"));
    }
}
