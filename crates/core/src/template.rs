//! Attribution templates: `data-attribution="… {publisher} … {year}"`.
//!
//! A placeholder whose value is missing disappears together with the
//! separator that joined it to its neighbour, so "Copyright © {author},
//! {publisher}, {year}" reads "Copyright © Global Research, 2019" on an
//! article without a byline rather than "Copyright © , Global Research, 2019".

use crate::encode::push_html;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// The attribution used when `data-attribution` is not given; the shape of
/// the footer sharecite was born from.
pub const DEFAULT_ATTRIBUTION: &str =
    "The original source of this article is {publisher}. Copyright © {author}, {publisher}, {year}";

/// A value a template can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Url,
    Author,
    Publisher,
    Site,
    Year,
    Date,
}

impl Field {
    fn from_name(name: &str) -> Option<Field> {
        Some(match crate::search::trim(name) {
            "title" => Field::Title,
            "url" => Field::Url,
            "author" => Field::Author,
            "publisher" => Field::Publisher,
            "site" => Field::Site,
            "year" => Field::Year,
            "date" => Field::Date,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Text(String),
    Field(Field),
    /// An unknown placeholder; renders as nothing.
    Unknown,
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    tokens: Vec<Token>,
}

/// The values a template is rendered with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub author: &'a str,
    pub publisher: &'a str,
    pub site: &'a str,
    pub year: &'a str,
    pub date: &'a str,
}

impl<'a> Values<'a> {
    fn get(&self, field: Field) -> &'a str {
        match field {
            Field::Title => self.title,
            Field::Url => self.url,
            Field::Author => self.author,
            Field::Publisher => self.publisher,
            Field::Site => self.site,
            Field::Year => self.year,
            Field::Date => self.date,
        }
    }
}

/// Separators that go away with an empty neighbour.
const SEPARATORS: &[&str] = &[", ", "; ", " · ", " | ", " — ", " – ", " - ", ","];

struct Piece<'a> {
    text: &'a str,
    field: Option<Field>,
}

impl Template {
    /// Parses `text`; `{{` and `}}` are literal braces. Returns the names of
    /// unknown placeholders alongside, for a warning.
    pub fn parse(text: &str) -> (Template, Vec<String>) {
        let mut tokens = Vec::new();
        let mut unknown = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = crate::search::find_any(rest, b"{}") {
            literal.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            if let Some(after) = tail.strip_prefix("}") {
                literal.push('}');
                rest = after;
                continue;
            }
            let Some(close) = crate::search::find(tail, "}") else {
                literal.push_str(tail);
                rest = "";
                break;
            };
            let name = &tail[1..close];
            if !literal.is_empty() {
                tokens.push(Token::Text(core::mem::take(&mut literal)));
            }
            match Field::from_name(name) {
                Some(field) => tokens.push(Token::Field(field)),
                None => {
                    unknown.push(name.to_string());
                    tokens.push(Token::Unknown);
                }
            }
            rest = &tail[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            tokens.push(Token::Text(literal));
        }
        (Template { tokens }, unknown)
    }

    /// The default attribution.
    pub fn default_attribution() -> Template {
        Template::parse(DEFAULT_ATTRIBUTION).0
    }

    /// Whether the template mentions `field`.
    pub fn uses(&self, field: Field) -> bool {
        self.tokens.contains(&Token::Field(field))
    }

    /// The template as plain text.
    pub fn render(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        for piece in self.pieces(values) {
            out.push_str(piece.text);
        }
        tidy(&out)
    }

    /// The template as HTML: text escaped, `{title}` and `{url}` linked to
    /// `values.url`.
    pub fn render_html(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        let pieces = self.pieces(values);
        let last = pieces.len().saturating_sub(1);
        for (index, piece) in pieces.iter().enumerate() {
            let mut text = piece.text;
            if index == 0 {
                text = crate::search::trim_start(text);
            }
            if index == last {
                text = crate::search::trim_end(text);
            }
            match piece.field {
                Some(Field::Title | Field::Url) if !values.url.is_empty() => {
                    out.push_str("<a href=\"");
                    push_html(&mut out, values.url);
                    out.push_str("\">");
                    push_html(&mut out, text);
                    out.push_str("</a>");
                }
                _ => push_html(&mut out, text),
            }
        }
        out
    }

    /// Tokens with values filled in and the separators of empty ones removed.
    fn pieces<'v>(&'v self, values: &Values<'v>) -> Vec<Piece<'v>> {
        let mut pieces: Vec<Piece<'v>> = Vec::new();
        let mut drop_leading_separator = false;
        for token in &self.tokens {
            match token {
                Token::Text(text) => {
                    let mut text = text.as_str();
                    if drop_leading_separator {
                        if let Some(separator) = SEPARATORS.iter().find(|s| text.starts_with(**s)) {
                            text = &text[separator.len()..];
                        }
                        drop_leading_separator = false;
                    }
                    pieces.push(Piece { text, field: None });
                }
                Token::Field(field) => {
                    let value = crate::search::trim(values.get(*field));
                    if value.is_empty() {
                        drop_leading_separator = !strip_trailing_separator(&mut pieces);
                    } else {
                        pieces.push(Piece {
                            text: value,
                            field: Some(*field),
                        });
                    }
                }
                Token::Unknown => drop_leading_separator = !strip_trailing_separator(&mut pieces),
            }
        }
        pieces
    }
}

/// Removes a separator that ends the text before an empty value; false when
/// there was none to remove (so the one after it goes instead).
fn strip_trailing_separator(pieces: &mut [Piece<'_>]) -> bool {
    let Some(previous) = pieces.last_mut() else {
        return false;
    };
    if previous.field.is_some() {
        return false;
    }
    match SEPARATORS.iter().find(|s| previous.text.ends_with(**s)) {
        Some(separator) => {
            previous.text = &previous.text[..previous.text.len() - separator.len()];
            true
        }
        None => false,
    }
}

/// Collapses the doubled spaces and trims the ends that removals leave.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut previous_space = true;
    for ch in text.chars() {
        if ch == ' ' {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
        } else {
            out.push(ch);
            previous_space = false;
        }
    }
    out.truncate(crate::search::trim_end(&out).len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            title: "The U.S. Ultimatum on Huawei Is Backfiring",
            url: "https://www.globalresearch.ca/us-ultimatum/5678141",
            author: "Andrew Korybko",
            publisher: "Global Research",
            site: "Global Research",
            year: "2019",
            date: "May 19, 2019",
        }
    }

    macro_rules! renders {
        ($($name:ident: $template:expr, $values:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let (template, unknown) = Template::parse($template);
                assert!(unknown.is_empty(), "{unknown:?}");
                assert_eq!(template.render(&$values), $want);
            }
        )*};
    }

    renders! {
        seed_footer: DEFAULT_ATTRIBUTION, values()
            => "The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019";
        no_author: DEFAULT_ATTRIBUTION, Values { author: "", ..values() }
            => "The original source of this article is Global Research. Copyright © Global Research, 2019";
        no_year: DEFAULT_ATTRIBUTION, Values { year: "", ..values() }
            => "The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research";
        no_author_no_year: DEFAULT_ATTRIBUTION, Values { author: "", year: "", ..values() }
            => "The original source of this article is Global Research. Copyright © Global Research";
        every_field: "{title}|{url}|{author}|{publisher}|{site}|{year}|{date}", values()
            => "The U.S. Ultimatum on Huawei Is Backfiring|https://www.globalresearch.ca/us-ultimatum/5678141|Andrew Korybko|Global Research|Global Research|2019|May 19, 2019";
        escaped_braces: "{{title}} is {title}", values() => "{title} is The U.S. Ultimatum on Huawei Is Backfiring";
        unclosed_brace_is_text: "50% {off", values() => "50% {off";
        stray_close_is_text: "a } b", values() => "a } b";
        spaces_inside_name: "{ title }", values() => "The U.S. Ultimatum on Huawei Is Backfiring";
        empty_first_field: "{author}, {publisher}", Values { author: "", ..values() } => "Global Research";
        dash_separator: "{title} — {author}", Values { author: "", ..values() } => "The U.S. Ultimatum on Huawei Is Backfiring";
    }

    #[test]
    fn unknown_placeholders_are_reported_and_dropped() {
        let (template, unknown) = Template::parse("By {autor}, {publisher}");
        assert_eq!(unknown, vec!["autor".to_string()]);
        assert_eq!(template.render(&values()), "By Global Research");
    }

    #[test]
    fn html_escapes_and_links() {
        let (template, _) = Template::parse("<b>{title}</b> & {publisher} at {url}");
        let hostile = Values {
            title: "<script>alert(1)</script>",
            publisher: "A \"B\" & C",
            ..values()
        };
        assert_eq!(
            template.render_html(&hostile),
            "&lt;b&gt;<a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">&lt;script&gt;alert(1)&lt;/script&gt;</a>&lt;/b&gt; \
             &amp; A &quot;B&quot; &amp; C at <a href=\"https://www.globalresearch.ca/us-ultimatum/5678141\">https://www.globalresearch.ca/us-ultimatum/5678141</a>"
        );
    }

    #[test]
    fn uses_reports_fields() {
        let template = Template::default_attribution();
        assert!(template.uses(Field::Publisher));
        assert!(!template.uses(Field::Url));
        assert!(!template.uses(Field::Title));
    }
}
