//! How the widget hands its article to the citation module (a wasm of its
//! own, `crates/cite-wasm`): the fields [`Item::from_article`] reads, as
//! strings in a fixed order. Strings cross from one wasm to the other
//! through JavaScript as they are, so neither side needs a serializer or a
//! parser, and the widget, which every reader downloads, does without the
//! item building, citation keys and CSL-JSON writing that only citations
//! use (1.3 KB gzip of its wasm, measured).

use alloc::string::String;
use alloc::vec::Vec;

use super::Item;
use crate::date::Date;
use crate::metadata::{Article, ArticleKind, Creator, CreatorKind};

/// How many fields come before the authors.
const FIXED_FIELDS: usize = 12;

/// The article, and the day the reader accessed it, as handoff fields.
pub fn article_fields(article: &Article, accessed: Option<Date>) -> Vec<String> {
    let date = |date: Option<Date>| date.map(|d| d.iso()).unwrap_or_default();
    let kind = match article.kind {
        ArticleKind::WebPage => "webpage",
        ArticleKind::News => "news",
        ArticleKind::Blog => "blog",
        ArticleKind::Journal => "journal",
    };
    let mut fields = Vec::with_capacity(FIXED_FIELDS + 2 * article.authors.len());
    let fixed: [String; FIXED_FIELDS] = [
        article.url.clone(),
        article.title.clone(),
        article.publisher.clone(),
        article.site.clone(),
        date(article.published),
        kind.into(),
        article.journal.clone(),
        article.volume.clone(),
        article.issue.clone(),
        article.pages.clone(),
        article.doi.clone(),
        date(accessed),
    ];
    fields.extend(fixed);
    // Then each author: its kind, its name.
    for author in &article.authors {
        fields.push(
            match author.kind {
                CreatorKind::Person => "person",
                CreatorKind::Organization => "organization",
            }
            .into(),
        );
        fields.push(author.name.clone());
    }
    fields
}

/// The item to cite from handoff fields; `None` when they are not
/// [`article_fields`]' shape.
pub fn item_from_fields(fields: &[String]) -> Option<Item> {
    let (fixed, authors) = fields.split_at_checked(FIXED_FIELDS)?;
    let [url, title, publisher, site, published, kind, journal, volume, issue, pages, doi, accessed] =
        fixed
    else {
        return None;
    };
    let kind = match kind.as_str() {
        "webpage" => ArticleKind::WebPage,
        "news" => ArticleKind::News,
        "blog" => ArticleKind::Blog,
        "journal" => ArticleKind::Journal,
        _ => return None,
    };
    if authors.len() % 2 != 0 {
        return None;
    }
    let authors = authors
        .chunks_exact(2)
        .map(|pair| {
            let kind = match pair[0].as_str() {
                "person" => CreatorKind::Person,
                "organization" => CreatorKind::Organization,
                _ => return None,
            };
            Some(Creator {
                name: pair[1].clone(),
                kind,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let article = Article {
        url: url.clone(),
        title: title.clone(),
        authors,
        publisher: publisher.clone(),
        site: site.clone(),
        published: Date::parse(published),
        kind,
        journal: journal.clone(),
        volume: volume.clone(),
        issue: issue.clone(),
        pages: pages.clone(),
        doi: doi.clone(),
        ..Article::default()
    };
    Some(Item::from_article(&article, Date::parse(accessed)))
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

    #[test]
    fn fields_of_another_shape_are_refused() {
        let good = article_fields(&journal_article(), None);
        let cases: [(&str, Vec<String>); 4] = [
            ("too few", good[..11].to_vec()),
            ("an author without a name", {
                let mut f = good.clone();
                f.pop();
                f
            }),
            ("an unknown kind of article", {
                let mut f = good.clone();
                f[5] = "novel".to_string();
                f
            }),
            ("an unknown kind of author", {
                let mut f = good.clone();
                f[12] = "robot".to_string();
                f
            }),
        ];
        for (what, fields) in cases {
            assert_eq!(item_from_fields(&fields), None, "{what}");
        }
    }
}
