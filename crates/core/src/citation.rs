//! What the copy, cite and email actions put in front of a reader: the
//! article's link, and its attribution with a hyperlink to the original, as
//! the seed's republishing terms ask ("the source and copyright acknowledged
//! together with a hyperlink to the original").

use serde::Serialize;

use crate::config::OriginalSource;
use crate::encode::push_html;
use crate::i18n::{Key, Strings};
use crate::metadata::Article;
use crate::template::{Field, Template, Values};

/// What was copied; the `kind` of a `sharecite:copy` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClipKind {
    Link,
    Citation,
}

/// Clipboard contents in both flavours. Serialized as the `detail` of the
/// `sharecite:copy` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clip {
    pub kind: ClipKind,
    pub text: String,
    pub html: String,
}

/// An article's attribution, rendered from its template.
#[derive(Clone, Copy, Debug)]
pub struct Attribution<'a> {
    pub article: &'a Article,
    pub template: &'a Template,
    pub original: Option<&'a OriginalSource>,
    pub strings: Strings,
}

impl Attribution<'_> {
    fn with_values<R>(&self, render: impl FnOnce(&Values<'_>) -> R) -> R {
        let names: Vec<String> = self
            .article
            .authors
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let author = self.strings.join(&names);
        let year = self
            .article
            .published
            .map(|d| d.year_text())
            .unwrap_or_default();
        let date = self
            .article
            .published
            .map(|d| self.strings.date(&d))
            .unwrap_or_default();
        render(&Values {
            title: &self.article.title,
            url: &self.article.url,
            author: &author,
            publisher: &self.article.publisher,
            site: &self.article.site,
            year: &year,
            date: &date,
        })
    }

    /// The attribution line as plain text.
    pub fn text(&self) -> String {
        self.with_values(|values| self.template.render(values))
    }

    /// The attribution line as HTML.
    pub fn html(&self) -> String {
        self.with_values(|values| self.template.render_html(values))
    }

    /// "This article was originally published on CGTN (https://…)."
    fn original_text(&self) -> Option<String> {
        let original = self.original?;
        let source = match &original.url {
            Some(url) => {
                let url = url.as_string();
                [original.name.as_str(), " (", url.as_str(), ")"].concat()
            }
            None => original.name.clone(),
        };
        Some(self.strings.fill(Key::OriginalPublished, "source", &source))
    }

    fn original_html(&self) -> Option<String> {
        let original = self.original?;
        let mut source = String::new();
        match &original.url {
            Some(url) => {
                source.push_str("<a href=\"");
                push_html(&mut source, &url.as_string());
                source.push_str("\">");
                push_html(&mut source, &original.name);
                source.push_str("</a>");
            }
            None => push_html(&mut source, &original.name),
        }
        // The sentence is escaped around the already-escaped source.
        let sentence = self.strings.get(Key::OriginalPublished);
        let (before, after) = sentence.split_once("{source}").unwrap_or((sentence, ""));
        let mut out = String::new();
        push_html(&mut out, before);
        out.push_str(&source);
        push_html(&mut out, after);
        Some(out)
    }

    /// The citation the `cite` button copies: title and link (unless the
    /// template already has them), the attribution, and the original
    /// publication's credit.
    pub fn citation(&self) -> Clip {
        let article = self.article;
        let mut text = String::new();
        let mut html = String::from("<p>");
        let has_title = self.template.uses(Field::Title);
        let has_url = self.template.uses(Field::Url);
        if !has_title && !article.title.is_empty() {
            text.push_str(&article.title);
            text.push('\n');
            push_link(&mut html, &article.url, &article.title);
            html.push_str("<br>");
        }
        if !has_url && !article.url.is_empty() {
            text.push_str(&article.url);
            text.push('\n');
            if has_title || article.title.is_empty() {
                push_link(&mut html, &article.url, &article.url);
                html.push_str("<br>");
            }
        }
        text.push_str(&self.text());
        html.push_str(&self.html());
        html.push_str("</p>");
        if let (Some(original_text), Some(original_html)) =
            (self.original_text(), self.original_html())
        {
            text.push('\n');
            text.push_str(&original_text);
            html.push_str("<p>");
            html.push_str(&original_html);
            html.push_str("</p>");
        }
        Clip {
            kind: ClipKind::Citation,
            text,
            html,
        }
    }

    /// The body of a forwarded email: title, link, attribution, credit.
    pub fn email_body(&self) -> String {
        let mut body = String::new();
        for line in [&self.article.title, &self.article.url] {
            if !line.is_empty() {
                body.push_str(line);
                body.push('\n');
            }
        }
        body.push('\n');
        body.push_str(&self.text());
        if let Some(original) = self.original_text() {
            body.push('\n');
            body.push_str(&original);
        }
        body
    }
}

/// What the `copy` button copies: the link, and in HTML the title linked.
pub fn link_clip(article: &Article) -> Clip {
    let mut html = String::new();
    let label = if article.title.is_empty() {
        &article.url
    } else {
        &article.title
    };
    push_link(&mut html, &article.url, label);
    Clip {
        kind: ClipKind::Link,
        text: article.url.clone(),
        html,
    }
}

fn push_link(html: &mut String, href: &str, label: &str) {
    html.push_str("<a href=\"");
    push_html(html, href);
    html.push_str("\">");
    push_html(html, label);
    html.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::metadata::Creator;
    use crate::url::Url;

    fn article() -> Article {
        Article {
            url: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            authors: vec![Creator::person("Andrew Korybko".into())],
            publisher: "Global Research".into(),
            site: "Global Research".into(),
            published: Date::parse("2019-05-19"),
            modified: None,
            ..Article::default()
        }
    }

    fn english<'a>(
        article: &'a Article,
        template: &'a Template,
        original: Option<&'a OriginalSource>,
    ) -> Attribution<'a> {
        Attribution {
            article,
            template,
            original,
            strings: Strings::negotiate(&["en"]),
        }
    }

    fn cgtn() -> OriginalSource {
        OriginalSource {
            name: "CGTN".into(),
            url: Url::parse("https://news.cgtn.com/x"),
        }
    }

    #[test]
    fn seed_citation_text_and_html() {
        let article = article();
        let template = Template::default_attribution();
        let original = cgtn();
        let attribution = english(&article, &template, Some(&original));
        let clip = attribution.citation();
        assert_eq!(clip.kind, ClipKind::Citation);
        assert_eq!(
            clip.text,
            "The U.S. Ultimatum on Huawei Is Backfiring\n\
             https://www.globalresearch.ca/us-ultimatum/5678141\n\
             The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019\n\
             This article was originally published on CGTN (https://news.cgtn.com/x)."
        );
        assert_eq!(
            clip.html,
            "<p><a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">The U.S. Ultimatum on Huawei Is Backfiring</a><br>\
             The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019</p>\
             <p>This article was originally published on <a href=\"https://news.cgtn.com/x\">CGTN</a>.</p>"
        );
    }

    #[test]
    fn template_with_title_and_url_is_not_repeated() {
        let article = article();
        let (template, _) = Template::parse("“{title}”, {publisher}, {url}");
        let attribution = english(&article, &template, None);
        let clip = attribution.citation();
        assert_eq!(clip.text, "“The U.S. Ultimatum on Huawei Is Backfiring”, Global Research, https://www.globalresearch.ca/us-ultimatum/5678141");
        assert_eq!(clip.html.matches("<a href=").count(), 2);
    }

    #[test]
    fn hostile_metadata_is_escaped_in_html() {
        let mut article = article();
        article.title = "<img src=x onerror=alert(1)>".into();
        article.publisher = "\"><script>alert(1)</script>".into();
        article.url = "https://a.org/?q=\"><script>".into();
        let template = Template::default_attribution();
        let original = OriginalSource {
            name: "<b>CGTN</b>".into(),
            url: None,
        };
        let attribution = english(&article, &template, Some(&original));
        let html = attribution.citation().html;
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        let link = link_clip(&article);
        assert!(!link.html.contains("<script"), "{}", link.html);
    }

    #[test]
    fn email_body_has_title_url_and_attribution() {
        let article = article();
        let template = Template::default_attribution();
        let attribution = english(&article, &template, None);
        assert_eq!(
            attribution.email_body(),
            "The U.S. Ultimatum on Huawei Is Backfiring\nhttps://www.globalresearch.ca/us-ultimatum/5678141\n\n\
             The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019"
        );
    }

    #[test]
    fn link_clip_links_the_title() {
        let clip = link_clip(&article());
        assert_eq!(clip.kind, ClipKind::Link);
        assert_eq!(
            clip.text,
            "https://www.globalresearch.ca/us-ultimatum/5678141"
        );
        assert_eq!(
            clip.html,
            "<a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">The U.S. Ultimatum on Huawei Is Backfiring</a>"
        );
    }

    #[test]
    fn several_authors_are_joined() {
        let mut article = article();
        article.authors.push(Creator::person("Jane Roe".into()));
        let template = Template::default_attribution();
        let attribution = english(&article, &template, None);
        assert!(attribution
            .text()
            .contains("Copyright © Andrew Korybko and Jane Roe, Global Research, 2019"));
    }
}
