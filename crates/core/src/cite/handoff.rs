//! How the widget hands its article to the citation module (a wasm of its
//! own, `crates/cite-wasm`), and how the citation comes back: the fields
//! [`Item::from_article`] reads, in a fixed order, in one string; the
//! citation's text and HTML, the same way. One string each way crosses from
//! one wasm to the other through JavaScript as it is, so neither side needs
//! a serializer, a parser or wasm-bindgen's conversion of string arrays,
//! and the widget, which every reader downloads, does without the item
//! building, citation keys and CSL-JSON writing that only citations use
//! (1.3 KB gzip of its wasm, measured).

use alloc::string::String;
use alloc::vec::Vec;

use super::Item;
use crate::date::Date;
use crate::metadata::{Article, ArticleKind, Creator, CreatorKind};
use crate::search;

/// Ends every field. The HTML parser never leaves a NUL in text or
/// attributes (it reads one as U+FFFD); a script could set one, and
/// [`push_field`] reads it the same way, so a field never splits in two.
const END: &str = "\0";

/// How many fields come before the authors.
const FIXED_FIELDS: usize = 12;

fn push_field(fields: &mut String, field: &str) {
    fields.push_str(&search::replace(field, END, "\u{fffd}"));
    fields.push_str(END);
}

/// The fields of a handoff string; `None` if the last one has no end
/// (an empty string included: every handoff has fields).
fn split_fields(fields: &str) -> Option<Vec<&str>> {
    Some(search::split_all(fields.strip_suffix(END)?, END))
}

/// The article, and the day the reader accessed it, as handoff fields.
pub fn article_fields(article: &Article, accessed: Option<Date>) -> String {
    let date = |date: Option<Date>| date.map(|d| d.iso()).unwrap_or_default();
    let kind = match article.kind {
        ArticleKind::WebPage => "webpage",
        ArticleKind::News => "news",
        ArticleKind::Blog => "blog",
        ArticleKind::Journal => "journal",
    };
    let published = date(article.published);
    let accessed = date(accessed);
    let fixed: [&str; FIXED_FIELDS] = [
        &article.url,
        &article.title,
        &article.publisher,
        &article.site,
        &published,
        kind,
        &article.journal,
        &article.volume,
        &article.issue,
        &article.pages,
        &article.doi,
        &accessed,
    ];
    let mut fields = String::new();
    for field in &fixed {
        push_field(&mut fields, field);
    }
    // Then each author: its kind, its name.
    for author in &article.authors {
        let kind = match author.kind {
            CreatorKind::Person => "person",
            CreatorKind::Organization => "organization",
        };
        push_field(&mut fields, kind);
        push_field(&mut fields, &author.name);
    }
    fields
}

/// The item to cite from handoff fields; `None` when they are not
/// [`article_fields`]' shape.
pub fn item_from_fields(fields: &str) -> Option<Item> {
    let fields = split_fields(fields)?;
    let (fixed, author_fields) = fields.split_at_checked(FIXED_FIELDS)?;
    let [url, title, publisher, site, published, kind, journal, volume, issue, pages, doi, accessed] =
        fixed
    else {
        return None;
    };
    let kind = match *kind {
        "webpage" => ArticleKind::WebPage,
        "news" => ArticleKind::News,
        "blog" => ArticleKind::Blog,
        "journal" => ArticleKind::Journal,
        _ => return None,
    };
    if author_fields.len() % 2 != 0 {
        return None;
    }
    let mut authors = Vec::with_capacity(author_fields.len() / 2);
    for pair in author_fields.chunks_exact(2) {
        let [kind, name] = pair else {
            return None;
        };
        let kind = match *kind {
            "person" => CreatorKind::Person,
            "organization" => CreatorKind::Organization,
            _ => return None,
        };
        authors.push(Creator {
            name: (*name).into(),
            kind,
        });
    }
    let article = Article {
        url: (*url).into(),
        title: (*title).into(),
        authors,
        publisher: (*publisher).into(),
        site: (*site).into(),
        published: Date::parse(published),
        kind,
        journal: (*journal).into(),
        volume: (*volume).into(),
        issue: (*issue).into(),
        pages: (*pages).into(),
        doi: (*doi).into(),
        ..Article::default()
    };
    Some(Item::from_article(&article, Date::parse(accessed)))
}

/// A citation's text and HTML, as the citation module hands them back.
pub fn citation(text: &str, html: &str) -> String {
    let mut handed = String::new();
    push_field(&mut handed, text);
    push_field(&mut handed, html);
    handed
}

/// The text and HTML of a [`citation`]; `None` for anything else, such as
/// the empty string the module answers when it cannot cite.
pub fn citation_parts(handed: &str) -> Option<(&str, &str)> {
    match split_fields(handed)?.as_slice() {
        [text, html] => Some((text, html)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    fn journal_article() -> Article {
        Article {
            url: "https://journal.example/articles/42".into(),
            title: "Sharing \"quotes\", commas, and\ttabs".into(),
            authors: vec![
                Creator::person("Ludwig van Beethoven".into()),
                Creator {
                    name: "World Health Organization".into(),
                    kind: CreatorKind::Organization,
                },
            ],
            publisher: "Example Press".into(),
            site: "Journal Example".into(),
            published: Date::parse("2019-05"),
            description: "Not needed to cite.".into(),
            kind: ArticleKind::Journal,
            journal: "Journal of Examples".into(),
            volume: "12".into(),
            issue: "3".into(),
            pages: "45-67".into(),
            doi: "10.1234/example.42".into(),
            ..Article::default()
        }
    }

    #[test]
    fn the_item_is_the_one_the_widget_would_cite() {
        let accessed = Date::parse("2026-11-24");
        for article in [journal_article(), Article::default()] {
            let fields = article_fields(&article, accessed);
            assert_eq!(
                item_from_fields(&fields),
                Some(Item::from_article(&article, accessed)),
                "{fields:?}"
            );
        }
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        for date in ["2019", "2019-05", "2019-05-19"] {
            let article = Article {
                published: Date::parse(date),
                ..Article::default()
            };
            let item = item_from_fields(&article_fields(&article, None)).unwrap();
            assert_eq!(item.issued.map(|d| d.iso()).as_deref(), Some(date));
            assert_eq!(item.accessed, None);
        }
    }

    /// Fields as a handoff string, each with its end.
    fn handoff(fields: &[&str]) -> String {
        fields
            .iter()
            .map(|field| std::format!("{field}\0"))
            .collect()
    }

    #[test]
    fn fields_of_another_shape_are_refused() {
        let good = article_fields(&journal_article(), None);
        let fields = split_fields(&good).unwrap();
        let with = |at: usize, value: &'static str| {
            let mut changed = fields.clone();
            changed[at] = value;
            handoff(&changed)
        };
        let cases: [(&str, String); 6] = [
            ("nothing", String::new()),
            ("too few", handoff(&fields[..11])),
            (
                "an author without a name",
                handoff(&fields[..fields.len() - 1]),
            ),
            (
                "a last field without its end",
                good[..good.len() - 1].to_string(),
            ),
            ("an unknown kind of article", with(5, "novel")),
            ("an unknown kind of author", with(12, "robot")),
        ];
        assert!(item_from_fields(&good).is_some());
        for (what, fields) in cases {
            assert_eq!(item_from_fields(&fields), None, "{what}");
        }
    }

    #[test]
    fn a_nul_in_a_field_does_not_split_it() {
        let article = Article {
            title: "Before\0after".into(),
            authors: vec![Creator::person("Ada\0Lovelace".into())],
            ..journal_article()
        };
        let item = item_from_fields(&article_fields(&article, None)).unwrap();
        let read_as = Article {
            title: "Before\u{fffd}after".into(),
            authors: vec![Creator::person("Ada\u{fffd}Lovelace".into())],
            ..journal_article()
        };
        assert_eq!(item, Item::from_article(&read_as, None));
    }

    #[test]
    fn a_citation_comes_back_as_its_text_and_html() {
        let cases: [(&str, &str); 3] = [
            ("Korybko, A. (2019).", "Korybko, A. (2019). <i>Title</i>."),
            ("", ""),
            ("text", ""),
        ];
        for (text, html) in cases {
            assert_eq!(citation_parts(&citation(text, html)), Some((text, html)));
        }
        for refused in ["", "text only\0", "one\0two\0three\0", "no end"] {
            assert_eq!(citation_parts(refused), None, "{refused:?}");
        }
    }
}
