//! A citable item in the shape of CSL-JSON, the interchange format of the
//! Citation Style Language: what every formatter reads.

use crate::date::Date;
use crate::json::Json;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// The CSL item types sharecite cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemType {
    Webpage,
    ArticleNewspaper,
    PostWeblog,
    ArticleJournal,
}

impl ItemType {
    /// The CSL type name.
    pub fn csl(self) -> &'static str {
        match self {
            ItemType::Webpage => "webpage",
            ItemType::ArticleNewspaper => "article-newspaper",
            ItemType::PostWeblog => "post-weblog",
            ItemType::ArticleJournal => "article-journal",
        }
    }

    fn from_csl(name: &str) -> Option<ItemType> {
        Some(match name {
            "webpage" => ItemType::Webpage,
            "article-newspaper" => ItemType::ArticleNewspaper,
            "post-weblog" => ItemType::PostWeblog,
            "article-journal" => ItemType::ArticleJournal,
            _ => return None,
        })
    }
}

/// A person's name in its CSL parts, or an organisation's as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    Person {
        family: String,
        given: String,
        /// Printed before the family name even when inverted ("van" in "van Beethoven").
        non_dropping_particle: String,
        /// Printed after the given name when inverted ("de" in "La Fontaine, Jean de").
        dropping_particle: String,
        suffix: String,
    },
    Literal(String),
}

impl Name {
    /// A person from the parts CSL-JSON names.
    pub fn person(family: &str, given: &str) -> Name {
        Name::Person {
            family: family.to_string(),
            given: given.to_string(),
            non_dropping_particle: String::new(),
            dropping_particle: String::new(),
            suffix: String::new(),
        }
    }
}

/// One item to cite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub kind: ItemType,
    pub title: String,
    pub authors: Vec<Name>,
    /// The website, newspaper, blog or journal.
    pub container: String,
    pub publisher: String,
    pub issued: Option<Date>,
    pub accessed: Option<Date>,
    pub url: String,
    pub doi: String,
    pub volume: String,
    pub issue: String,
    pub page: String,
}

impl Item {
    /// The link a citation prints: the DOI resolver's when there is a DOI.
    pub fn link(&self) -> String {
        if self.doi.is_empty() {
            self.url.clone()
        } else {
            let mut link = String::from("https://doi.org/");
            link.push_str(&self.doi);
            link
        }
    }

    /// Reads one CSL-JSON item; `None` for types sharecite does not cite.
    pub fn from_csl_json(value: &Json) -> Option<Item> {
        let text = |key: &str| {
            value
                .get(key)
                .and_then(Json::as_text)
                .unwrap_or("")
                .to_string()
        };
        let date = |key: &str| {
            let parts = value
                .get(key)?
                .get("date-parts")?
                .items()
                .first()?
                .items()
                .to_vec();
            let number = |index: usize| {
                parts
                    .get(index)
                    .and_then(Json::as_text)
                    .and_then(|n| crate::encode::parse_u32(n, 10))
                    .and_then(|n| u16::try_from(n).ok())
            };
            Some(Date {
                year: number(0)?,
                month: number(1).map(|m| m as u8),
                day: number(2).map(|d| d as u8),
            })
        };
        let authors = value
            .get("author")
            .map(|list| {
                list.items()
                    .iter()
                    .filter_map(|name| {
                        let part = |key: &str| {
                            name.get(key)
                                .and_then(Json::as_str)
                                .unwrap_or("")
                                .to_string()
                        };
                        if let Some(literal) = name.get("literal").and_then(Json::as_str) {
                            return Some(Name::Literal(literal.to_string()));
                        }
                        let family = part("family");
                        (!family.is_empty()).then(|| Name::Person {
                            family,
                            given: part("given"),
                            non_dropping_particle: part("non-dropping-particle"),
                            dropping_particle: part("dropping-particle"),
                            suffix: part("suffix"),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Item {
            id: text("id"),
            kind: ItemType::from_csl(value.get("type")?.as_str()?)?,
            title: text("title"),
            authors,
            container: text("container-title"),
            publisher: text("publisher"),
            issued: date("issued"),
            accessed: date("accessed"),
            url: text("URL"),
            doi: text("DOI"),
            volume: text("volume"),
            issue: text("issue"),
            page: text("page"),
        })
    }
}

impl Item {
    /// The item a page's article is cited as, accessed on `accessed`.
    pub fn from_article(article: &crate::metadata::Article, accessed: Option<Date>) -> Item {
        use crate::metadata::{ArticleKind, CreatorKind};
        let kind = match article.kind {
            ArticleKind::WebPage => ItemType::Webpage,
            ArticleKind::News => ItemType::ArticleNewspaper,
            ArticleKind::Blog => ItemType::PostWeblog,
            ArticleKind::Journal => ItemType::ArticleJournal,
        };
        let container = if kind == ItemType::ArticleJournal && !article.journal.is_empty() {
            article.journal.clone()
        } else {
            article.site.clone()
        };
        // A publisher that only repeats the site's name would print twice.
        let publisher = if article.publisher == container {
            String::new()
        } else {
            article.publisher.clone()
        };
        let mut authors = Vec::new();
        for creator in &article.authors {
            authors.push(match creator.kind {
                CreatorKind::Organization => Name::Literal(creator.name.clone()),
                CreatorKind::Person => super::names::parse_person(&creator.name),
            });
        }
        let mut item = Item {
            id: String::new(),
            kind,
            title: article.title.clone(),
            authors,
            container,
            publisher,
            issued: article.published,
            accessed,
            url: article.url.clone(),
            doi: article.doi.clone(),
            volume: article.volume.clone(),
            issue: article.issue.clone(),
            page: article.pages.clone(),
        };
        item.id = super::export::citation_key(&item);
        item
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::{Article, ArticleKind, Creator};

    #[test]
    fn seed_article_is_a_web_page_without_a_repeated_publisher() {
        let article = Article {
            url: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            authors: vec![
                Creator::person("Andrew Korybko".into()),
                Creator::organization("CGTN".into()),
            ],
            publisher: "Global Research".into(),
            site: "Global Research".into(),
            published: Date::parse("2019-05-19"),
            ..Article::default()
        };
        let item = Item::from_article(&article, Date::parse("2026-11-24"));
        assert_eq!(item.kind, ItemType::Webpage);
        assert_eq!(item.container, "Global Research");
        assert_eq!(item.publisher, "");
        assert_eq!(
            item.authors,
            vec![
                Name::person("Korybko", "Andrew"),
                Name::Literal("CGTN".into())
            ]
        );
        assert_eq!(item.accessed, Date::parse("2026-11-24"));
        assert_eq!(item.id, "korybko2019ultimatum");
    }

    #[test]
    fn journal_article_uses_the_journal_and_its_doi() {
        let article = Article {
            url: "https://journal.example.org/a".into(),
            title: "Measuring Widgets".into(),
            site: "Example Journals".into(),
            publisher: "Example Press".into(),
            kind: ArticleKind::Journal,
            journal: "Journal of Web Engineering".into(),
            volume: "23".into(),
            issue: "4".into(),
            pages: "512-538".into(),
            doi: "10.1234/jwe.2024.0412".into(),
            ..Article::default()
        };
        let item = Item::from_article(&article, None);
        assert_eq!(item.kind, ItemType::ArticleJournal);
        assert_eq!(item.container, "Journal of Web Engineering");
        assert_eq!(item.publisher, "Example Press");
        assert_eq!(item.link(), "https://doi.org/10.1234/jwe.2024.0412");
    }
}
