//! Problems in a site's configuration or page metadata.
//!
//! None of them stops the widget: each is reported once, on the console, in
//! words that name the attribute and the value, and the rest renders.

use alloc::string::String;
use core::fmt;

/// Something sharecite could not use, where it came from, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    source: String,
    value: String,
    kind: WarningKind,
}

/// Why a value could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// A `data-networks` entry names no network sharecite knows.
    UnknownNetwork(String),
    /// A `data-networks` entry repeats an earlier one.
    DuplicateNetwork(String),
    /// Not a URL, or not one a reader's browser could open.
    InvalidUrl,
    /// A URL of a scheme that could run code or leave the web
    /// (`javascript:`, `data:`, ...), refused.
    UnsafeUrl,
    /// A `{placeholder}` the template language does not have.
    UnknownPlaceholder(String),
    /// A CSS selector the browser rejected, and what happens instead.
    InvalidSelector(&'static str),
    /// A selector that matched nothing.
    NoTargets,
    /// A JSON-LD block that is not JSON, and why, in its reader's words.
    MalformedJsonLd(String),
    /// Not an ISO 8601 date.
    InvalidDate,
    /// A value outside the attribute's list.
    UnknownValue(&'static str),
    /// An attribute that only means something next to another one.
    NeedsAttribute(&'static str),
}

/// Longest value quoted in a message; page metadata can be kilobytes.
const QUOTE_LIMIT: usize = 80;

impl Warning {
    /// A warning about `value`, read from `source` (an attribute name such
    /// as `data-networks`, or an element such as `script[type="application/ld+json"]`).
    pub fn new(source: impl Into<String>, value: impl Into<String>, kind: WarningKind) -> Warning {
        Warning {
            source: source.into(),
            value: value.into(),
            kind,
        }
    }

    /// Where the value came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The value that could not be used.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Why.
    pub fn kind(&self) -> &WarningKind {
        &self.kind
    }

    /// The console message: `sharecite: data-theme="blue" is not valid: expected light, dark, auto; using light`.
    ///
    /// Built by hand rather than through `fmt`, which would cost every
    /// reader's download several kilobytes for a message most never see.
    pub fn message(&self) -> String {
        let mut out = String::new();
        out.push_str("sharecite: ");
        out.push_str(&self.source);
        out.push_str("=\"");
        let quoted = crate::search::char_prefix(&self.value, QUOTE_LIMIT);
        out.push_str(quoted);
        if quoted.len() < self.value.len() {
            out.push('…');
        }
        out.push_str("\" ");
        match &self.kind {
            WarningKind::UnknownNetwork(name) => {
                out.push_str("names an unknown network \"");
                out.push_str(name);
                out.push_str("\"; it is left out. Known: ");
                for (index, network) in crate::Network::ALL.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(network.id());
                }
            }
            WarningKind::DuplicateNetwork(name) => {
                out.push_str("lists \"");
                out.push_str(name);
                out.push_str("\" more than once; it is shown once");
            }
            WarningKind::InvalidUrl => {
                out.push_str("is not a URL a browser can open; it is ignored")
            }
            WarningKind::UnsafeUrl => {
                out.push_str("is refused: only http(s): and mailto: links are allowed")
            }
            WarningKind::UnknownPlaceholder(name) => {
                out.push_str("has an unknown placeholder {");
                out.push_str(name);
                out.push_str("}; it is left out. Known: {title} {url} {author} {publisher} {site} {year} {date}");
            }
            WarningKind::InvalidSelector(instead) => {
                out.push_str("is not a valid CSS selector; ");
                out.push_str(instead);
            }
            WarningKind::NoTargets => out.push_str("matches no element; nothing is mounted for it"),
            WarningKind::MalformedJsonLd(reason) => {
                out.push_str("is not valid JSON (");
                out.push_str(reason);
                out.push_str("); its metadata is ignored");
            }
            WarningKind::InvalidDate => {
                out.push_str("is not an ISO 8601 date like 2019-05-19; it is ignored")
            }
            WarningKind::UnknownValue(expected) => {
                out.push_str("is not valid: expected ");
                out.push_str(expected);
            }
            WarningKind::NeedsAttribute(other) => {
                out.push_str("has no effect without ");
                out.push_str(other);
            }
        }
        out
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Warning {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    macro_rules! messages {
        ($($name:ident: $warning:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($warning.to_string(), $want);
            }
        )*};
    }

    messages! {
        unknown_network: Warning::new("data-networks", "facebok x", WarningKind::UnknownNetwork("facebok".into()))
            => "sharecite: data-networks=\"facebok x\" names an unknown network \"facebok\"; it is left out. Known: facebook, x, linkedin, reddit, email, whatsapp, telegram, bluesky, mastodon, threads, hackernews, pinterest, copy, cite, crosspost, native, print";
        unsafe_url: Warning::new("data-discussion-url", "javascript:alert(1)", WarningKind::UnsafeUrl)
            => "sharecite: data-discussion-url=\"javascript:alert(1)\" is refused: only http(s): and mailto: links are allowed";
        json_ld: Warning::new("script[type=\"application/ld+json\"]", "{oops", WarningKind::MalformedJsonLd("at byte 1".into()))
            => "sharecite: script[type=\"application/ld+json\"]=\"{oops\" is not valid JSON (at byte 1); its metadata is ignored";
        json_ld_in_the_browsers_words: Warning::new("script[type=\"application/ld+json\"]", "{oops", WarningKind::MalformedJsonLd("Unexpected token 'o', \"{oops\" is not valid JSON".into()))
            => "sharecite: script[type=\"application/ld+json\"]=\"{oops\" is not valid JSON (Unexpected token 'o', \"{oops\" is not valid JSON); its metadata is ignored";
        target_selector: Warning::new("data-target", "[[[", WarningKind::InvalidSelector("nothing is mounted for it"))
            => "sharecite: data-target=\"[[[\" is not a valid CSS selector; nothing is mounted for it";
        article_selector: Warning::new("data-article", "[[[", WarningKind::InvalidSelector("the placement's <article> or <main> is used instead"))
            => "sharecite: data-article=\"[[[\" is not a valid CSS selector; the placement's <article> or <main> is used instead";
        theme: Warning::new("data-theme", "blue", WarningKind::UnknownValue("light, dark, auto; using light"))
            => "sharecite: data-theme=\"blue\" is not valid: expected light, dark, auto; using light";
    }

    #[test]
    fn long_values_are_cut() {
        let warning = Warning::new("data-url", "x".repeat(500), WarningKind::InvalidUrl);
        let message = warning.message();
        assert!(
            message.contains(&format!("\"{}…\"", "x".repeat(80))),
            "{message}"
        );
        assert!(message.len() < 200);
        // Cut by characters, not bytes, and only when something is left out.
        for (value, cut) in [
            ("x".repeat(80), false),
            ("é".repeat(80), false),
            ("é".repeat(81), true),
        ] {
            let message =
                Warning::new("data-url", value.clone(), WarningKind::InvalidUrl).message();
            assert_eq!(message.contains('…'), cut, "{message}");
            assert!(message.contains(crate::search::char_prefix(&value, 80)));
        }
    }
}
