//! What the copy, cite and email actions put in front of a reader: the
//! article's link, and its attribution with a hyperlink to the original, as
//! the seed's republishing terms ask ("the source and copyright acknowledged
//! together with a hyperlink to the original").

use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

use crate::config::{Config, OriginalSource};
use crate::encode::push_html;
use crate::i18n::{Key, Strings};
use crate::metadata::Article;
use crate::template::{Field, Template, Values};

/// What was copied; the `kind` of a `sharecite:copy` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipKind {
    Link,
    Citation,
    /// A snippet for a blog or forum.
    Crosspost,
    /// A passage with its source: a shared quote, or a copy from the article.
    Quote,
}

impl ClipKind {
    /// The name events give it.
    pub fn id(self) -> &'static str {
        match self {
            ClipKind::Link => "link",
            ClipKind::Citation => "citation",
            ClipKind::Crosspost => "crosspost",
            ClipKind::Quote => "quote",
        }
    }
}

/// Clipboard contents in both flavours; also the `detail` of the
/// `sharecite:copy` event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clip {
    pub kind: ClipKind,
    pub text: String,
    pub html: String,
}

impl Clip {
    /// The event's `detail` object, property by property.
    pub fn fields(&self) -> [(&'static str, &str); 3] {
        [
            ("kind", self.kind.id()),
            ("text", &self.text),
            ("html", &self.html),
        ]
    }
}

/// An article's attribution, rendered from its template.
#[derive(Clone, Copy, Debug)]
pub struct Attribution<'a> {
    pub article: &'a Article,
    pub template: &'a Template,
    pub original: Option<&'a OriginalSource>,
    pub strings: Strings,
}

impl<'a> Attribution<'a> {
    /// `article`'s attribution under the site's `config`.
    pub fn new(config: &'a Config, article: &'a Article, strings: Strings) -> Attribution<'a> {
        Attribution {
            article,
            template: &config.attribution,
            original: config.original.as_ref(),
            strings,
        }
    }

    /// `render` given the template's values. A function pointer, not a
    /// generic: both callers would get a copy of this.
    fn with_values(&self, render: fn(&Template, &Values<'_>) -> String) -> String {
        let mut names = Vec::new();
        for author in &self.article.authors {
            names.push(author.name.clone());
        }
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
        render(
            self.template,
            &Values {
                title: &self.article.title,
                url: &self.article.url,
                author: &author,
                publisher: &self.article.publisher,
                site: &self.article.site,
                year: &year,
                date: &date,
            },
        )
    }

    /// The attribution line as plain text.
    pub fn text(&self) -> String {
        self.with_values(Template::render)
    }

    /// The attribution line as HTML.
    pub fn html(&self) -> String {
        self.with_values(Template::render_html)
    }

    /// "This article was originally published on CGTN (https://…)."
    fn original_text(&self) -> Option<String> {
        let original = self.original?;
        let source = match &original.url {
            Some(url) => {
                let url = url.as_string();
                crate::join::concat(&[original.name.as_str(), " (", url.as_str(), ")"])
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
        let (before, after) = self.strings.around(Key::OriginalPublished, "{source}");
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
        self.push_original(&mut text, &mut html);
        Clip {
            kind: ClipKind::Citation,
            text,
            html,
        }
    }

    /// The attribution line, and the article's link when the template
    /// does not already carry it, as (text, html).
    fn source_line(&self) -> (String, String) {
        let mut text = self.text();
        let mut html = self.html();
        if !self.template.uses(Field::Url) && !self.article.url.is_empty() {
            text.push('\n');
            text.push_str(&self.article.url);
            html.push_str("<br>");
            push_link(&mut html, &self.article.url, &self.article.url);
        }
        (text, html)
    }

    /// Appends the attribution with its link, and the credit to the
    /// original publication when there is one.
    fn push_source(&self, text: &mut String, html: &mut String) {
        let (source_text, source_html) = self.source_line();
        text.push_str(&source_text);
        html.push_str("<p>");
        html.push_str(&source_html);
        html.push_str("</p>");
        self.push_original(text, html);
    }

    /// Appends the "originally published on" credit, when there is one.
    fn push_original(&self, text: &mut String, html: &mut String) {
        if let (Some(original_text), Some(original_html)) =
            (self.original_text(), self.original_html())
        {
            text.push('\n');
            text.push_str(&original_text);
            html.push_str("<p>");
            html.push_str(&original_html);
            html.push_str("</p>");
        }
    }

    /// A snippet to republish on a blog or forum, as the seed's terms ask:
    /// the title linked to the article, `excerpt` (its description or first
    /// paragraph), the attribution with its hyperlink, and the credit to the
    /// original publication.
    pub fn crosspost(&self, excerpt: &str) -> Clip {
        let article = self.article;
        let mut text = String::new();
        let mut html = String::from("<p><strong>");
        push_link(
            &mut html,
            &article.url,
            if article.title.is_empty() {
                &article.url
            } else {
                &article.title
            },
        );
        html.push_str("</strong></p>");
        if !article.title.is_empty() {
            text.push_str(&article.title);
            text.push('\n');
        }
        text.push_str(&article.url);
        text.push_str("\n\n");
        if !excerpt.is_empty() {
            text.push_str(excerpt);
            text.push_str("\n\n");
            push_paragraphs(&mut html, excerpt);
        }
        self.push_source(&mut text, &mut html);
        Clip {
            kind: ClipKind::Crosspost,
            text,
            html,
        }
    }

    /// `passage` from the article followed by its source: the attribution
    /// and the link. In quotation marks (and a `<blockquote>`) when `quoted`.
    pub fn passage(&self, passage: &str, quoted: bool) -> Clip {
        let passage = crate::search::trim(passage);
        let mut text = String::new();
        let mut html = String::new();
        if quoted {
            text.push('“');
            text.push_str(passage);
            text.push('”');
            html.push_str("<blockquote>");
            push_paragraphs(&mut html, passage);
            html.push_str("</blockquote>");
        } else {
            text.push_str(passage);
            push_paragraphs(&mut html, passage);
        }
        text.push_str("\n\n");
        self.push_source(&mut text, &mut html);
        Clip {
            kind: ClipKind::Quote,
            text,
            html,
        }
    }

    /// The body of a forwarded email: title, link, attribution, credit.
    pub fn email_body(&self) -> String {
        let mut body = String::new();
        for &line in &[&self.article.title, &self.article.url] {
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

/// Longest excerpt a crosspost carries, in characters.
const EXCERPT_LIMIT: usize = 320;

/// What a crosspost quotes: the article's description, else its first
/// paragraph (read from the page only when needed), cut at a word
/// boundary with "…" when long.
pub fn excerpt(description: &str, first_paragraph: impl FnOnce() -> String) -> String {
    let source = if crate::search::trim(description).is_empty() {
        crate::encode::squash_whitespace(&first_paragraph())
    } else {
        crate::encode::squash_whitespace(description)
    };
    if source.chars().count() <= EXCERPT_LIMIT {
        return source;
    }
    let cut = crate::search::char_prefix(&source, EXCERPT_LIMIT);
    let end = crate::search::rfind(cut, b" ").unwrap_or(cut.len());
    let mut out = crate::search::trim_end_bytes(&cut[..end], b",;:. ").to_string();
    out.push('…');
    out
}

/// Text as HTML paragraphs: blank lines separate them, single line breaks
/// become `<br>`.
fn push_paragraphs(html: &mut String, text: &str) {
    for paragraph in crate::search::split(text, "\n\n") {
        let paragraph = crate::search::trim(paragraph);
        if paragraph.is_empty() {
            continue;
        }
        html.push_str("<p>");
        let mut lines = crate::search::split(paragraph, "\n");
        if let Some(first) = lines.next() {
            push_html(html, crate::search::trim(first));
        }
        for line in lines {
            html.push_str("<br>");
            push_html(html, crate::search::trim(line));
        }
        html.push_str("</p>");
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
    use crate::cite::{bibliography_entry, CiteStyle, Item};
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
    fn cite_in_a_csl_style_or_the_attribution() {
        let article = article();
        let item = Item::from_article(&article, Date::parse("2026-11-24"));
        let cite = |style| {
            let (text, html) = bibliography_entry(&item, style)?;
            Some(Clip {
                kind: ClipKind::Citation,
                text,
                html,
            })
        };
        let apa = cite(CiteStyle::Apa).unwrap();
        assert_eq!(
            apa.text,
            "Korybko, A. (2019, May 19). The U.S. Ultimatum on Huawei Is Backfiring. Global Research. \
             https://www.globalresearch.ca/us-ultimatum/5678141"
        );
        assert_eq!(apa.kind, ClipKind::Citation);
        assert!(apa
            .html
            .contains("<i>The U.S. Ultimatum on Huawei Is Backfiring</i>"));
        // The site's own attribution is `Attribution::citation`, not a CSL style.
        assert_eq!(cite(CiteStyle::Attribution), None);
        let bibtex = cite(CiteStyle::Bibtex).unwrap();
        assert!(
            bibtex.text.starts_with("@misc{korybko2019ultimatum,"),
            "{}",
            bibtex.text
        );
        assert!(bibtex.html.starts_with("<pre>@misc{"));
    }

    #[test]
    fn crosspost_has_linked_title_excerpt_attribution_and_credit() {
        let article = article();
        let template = Template::default_attribution();
        let original = cgtn();
        let clip = english(&article, &template, Some(&original))
            .crosspost("First <paragraph>.\n\nSecond.");
        assert_eq!(clip.kind, ClipKind::Crosspost);
        assert_eq!(
            clip.text,
            "The U.S. Ultimatum on Huawei Is Backfiring\nhttps://www.globalresearch.ca/us-ultimatum/5678141\n\n\
             First <paragraph>.\n\nSecond.\n\n\
             The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019\n\
             https://www.globalresearch.ca/us-ultimatum/5678141\n\
             This article was originally published on CGTN (https://news.cgtn.com/x)."
        );
        assert_eq!(
            clip.html,
            "<p><strong><a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">The U.S. Ultimatum on Huawei Is Backfiring</a></strong></p>\
             <p>First &lt;paragraph&gt;.</p><p>Second.</p>\
             <p>The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019<br>\
             <a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">https://www.globalresearch.ca/us-ultimatum/5678141</a></p>\
             <p>This article was originally published on <a href=\"https://news.cgtn.com/x\">CGTN</a>.</p>"
        );
    }

    #[test]
    fn excerpts_prefer_the_description_and_stay_short() {
        assert_eq!(
            excerpt(" A  description. ", || unreachable!(
                "the description is enough"
            )),
            "A description."
        );
        assert_eq!(
            excerpt("", || "First\n paragraph.".into()),
            "First paragraph."
        );
        let long = "word, ".repeat(100);
        let cut = excerpt("", || long.clone());
        assert!(cut.chars().count() <= 321, "{}", cut.chars().count());
        assert!(cut.ends_with("word…"), "{cut}");
    }

    #[test]
    fn passages_carry_their_source() {
        let article = article();
        let template = Template::default_attribution();
        let attribution = english(&article, &template, None);
        let quote = attribution.passage(
            "  push hard in one direction\nand expect <push> back ",
            true,
        );
        assert_eq!(quote.kind, ClipKind::Quote);
        assert!(quote.text.starts_with(
            "“push hard in one direction\nand expect <push> back”\n\nThe original source"
        ));
        assert!(quote.html.starts_with("<blockquote><p>push hard in one direction<br>and expect &lt;push&gt; back</p></blockquote><p>"));
        let copy = attribution.passage("plain passage", false);
        assert!(copy
            .text
            .starts_with("plain passage\n\nThe original source"));
        assert!(copy
            .text
            .ends_with("\nhttps://www.globalresearch.ca/us-ultimatum/5678141"));
        assert!(copy
            .html
            .starts_with("<p>plain passage</p><p>The original source"));
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
    fn a_clip_is_the_copy_event_detail_its_kind_named_as_documented() {
        let cases = [
            (ClipKind::Link, "link"),
            (ClipKind::Citation, "citation"),
            (ClipKind::Crosspost, "crosspost"),
            (ClipKind::Quote, "quote"),
        ];
        for (kind, id) in cases {
            let clip = Clip {
                kind,
                text: "plain".into(),
                html: "<b>rich</b>".into(),
            };
            assert_eq!(
                clip.fields(),
                [("kind", id), ("text", "plain"), ("html", "<b>rich</b>")]
            );
        }
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
