//! The `data-*` attributes a site owner writes, read into a [`Config`].
//!
//! Reading never fails: each value that cannot be used yields a [`Warning`]
//! and its default, so one typo never costs a reader the whole widget.

use crate::cite::CiteStyle;
use crate::date::Date;
use crate::metadata::{Creator, Partial, Text};
use crate::network::Network;
use crate::template::Template;
use crate::url::{safe_link, Url};
use crate::warning::{Warning, WarningKind};
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// Every attribute sharecite reads, without its `data-` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    Networks,
    Url,
    Title,
    Author,
    Publisher,
    Published,
    Description,
    Attribution,
    OriginalSource,
    OriginalUrl,
    DiscussionUrl,
    DiscussionLabel,
    Target,
    Lang,
    Theme,
    CiteStyle,
    CopyAttribution,
    CopyMin,
    Article,
    QuoteShare,
}

impl Attribute {
    /// Every attribute, in README order.
    pub const ALL: [Attribute; 20] = [
        Attribute::Networks,
        Attribute::Url,
        Attribute::Title,
        Attribute::Author,
        Attribute::Publisher,
        Attribute::Published,
        Attribute::Description,
        Attribute::Attribution,
        Attribute::OriginalSource,
        Attribute::OriginalUrl,
        Attribute::DiscussionUrl,
        Attribute::DiscussionLabel,
        Attribute::Target,
        Attribute::Lang,
        Attribute::Theme,
        Attribute::CiteStyle,
        Attribute::CopyAttribution,
        Attribute::CopyMin,
        Attribute::Article,
        Attribute::QuoteShare,
    ];

    /// The HTML attribute name, `data-networks`.
    pub fn name(self) -> &'static str {
        crate::search::entry(ATTRIBUTE_NAMES, self as usize)
    }

    /// Whether an attribute on a `data-target` element may override the
    /// script's. `data-target` itself only means something on the script.
    pub fn applies_per_placement(self) -> bool {
        self != Attribute::Target
    }
}

/// Every attribute's name, in the order of [`Attribute`]'s variants
/// ([`crate::search::entry`]). A static rather than an associated const:
/// a const is a copy of its text in each function that names it (the
/// widget's data held two of this one).
pub static ATTRIBUTE_NAMES: &str = "data-networks|data-url|data-title|data-author|data-publisher|data-published|data-description|data-attribution|data-original-source|data-original-url|data-discussion-url|data-discussion-label|data-target|data-lang|data-theme|data-cite-style|data-copy-attribution|data-copy-min|data-article|data-quote-share";

/// Raw attribute values, as written; `None` when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    values: [Option<String>; Attribute::ALL.len()],
}

impl Attributes {
    /// Reads each attribute through `get`, given the attribute's full name.
    pub fn read(mut get: impl FnMut(&'static str) -> Option<String>) -> Attributes {
        let mut attributes = Attributes::default();
        // The names in one pass: each `name()` searches the list from its start.
        let names = crate::search::entries(ATTRIBUTE_NAMES);
        for (value, name) in attributes.values.iter_mut().zip(names) {
            *value = get(name);
        }
        attributes
    }

    /// The value of `attribute`, if present.
    pub fn get(&self, attribute: Attribute) -> Option<&str> {
        self.values[attribute as usize].as_deref()
    }

    /// Sets one value.
    pub fn set(&mut self, attribute: Attribute, value: Option<String>) {
        self.values[attribute as usize] = value;
    }

    /// These attributes with those `placement` has on top.
    pub fn overlay(&self, placement: &Attributes) -> Attributes {
        let mut merged = self.clone();
        for &attribute in &Attribute::ALL {
            if attribute.applies_per_placement() {
                if let Some(value) = placement.get(attribute) {
                    merged.values[attribute as usize] = Some(value.to_string());
                }
            }
        }
        merged
    }
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// `light`, `dark` or `auto`.
    pub fn id(self) -> &'static str {
        crate::search::entry("light|dark|auto", self as usize)
    }
}

/// A credit to the publication that ran the article first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginalSource {
    pub name: String,
    pub url: Option<Url>,
}

/// Where readers discuss the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discussion {
    pub url: Url,
    /// `None` for the localized default.
    pub label: Option<String>,
}

/// A placement's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub networks: Vec<Network>,
    /// Article fields given by attributes; they outrank the page.
    pub article: Partial,
    pub attribution: Template,
    pub original: Option<OriginalSource>,
    pub discussion: Option<Discussion>,
    /// `data-target`, a CSS selector.
    pub target: Option<String>,
    pub lang: Option<String>,
    pub theme: Theme,
    /// What the `cite` button copies.
    pub cite_style: CiteStyle,
    /// Whether copies from the article carry the attribution.
    pub copy_attribution: bool,
    /// The shortest copy, in characters, that gets the attribution.
    pub copy_min: usize,
    /// `data-article`: where the article's text is, a CSS selector.
    pub article_selector: Option<String>,
    /// Whether selecting text in the article offers to share it.
    pub quote_share: bool,
    /// Whether `data-url` was given: links then stay put when a single-page
    /// site navigates.
    pub fixed_url: bool,
}

/// The shortest copy that gets the attribution when `data-copy-min` is absent.
pub const DEFAULT_COPY_MIN: usize = 80;

/// The networks shown when `data-networks` is absent.
pub const DEFAULT_NETWORKS: [Network; 9] = [
    Network::Native,
    Network::Facebook,
    Network::X,
    Network::Linkedin,
    Network::Bluesky,
    Network::Reddit,
    Network::Email,
    Network::Copy,
    Network::Cite,
];

impl Config {
    /// Reads `attributes`; relative URLs resolve against `base`.
    pub fn parse(attributes: &Attributes, base: Option<&Url>) -> (Config, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut warn = |attribute: Attribute, value: &str, kind: WarningKind| {
            warnings.push(Warning::new(attribute.name(), value, kind));
        };
        let text = |attribute: Attribute| {
            attributes
                .get(attribute)
                .map(crate::encode::squash_whitespace)
                .filter(|v| !v.is_empty())
        };

        let networks = match attributes.get(Attribute::Networks) {
            Some(list) => {
                let mut networks = Vec::new();
                // Commas or any whitespace: a set of characters no
                // search:: function splits on.
                #[allow(clippy::disallowed_methods)]
                let ids = list.split(|c: char| c == ',' || crate::search::is_white_space(c));
                for id in ids.filter(|id| !id.is_empty()) {
                    match Network::from_id(id) {
                        Some(network) if networks.contains(&network) => warn(
                            Attribute::Networks,
                            list,
                            WarningKind::DuplicateNetwork(id.to_string()),
                        ),
                        Some(network) => networks.push(network),
                        None => warn(
                            Attribute::Networks,
                            list,
                            WarningKind::UnknownNetwork(id.to_string()),
                        ),
                    }
                }
                networks
            }
            None => DEFAULT_NETWORKS.to_vec(),
        };

        let mut url_of = |attribute: Attribute, web_only: bool| -> Option<Url> {
            let raw = attributes.get(attribute)?;
            if crate::search::trim(raw).is_empty() {
                return None;
            }
            let parsed = match base {
                Some(base) => Url::parse_with_base(raw, base),
                None => Url::parse(raw),
            };
            match parsed {
                None => {
                    warn(attribute, raw, WarningKind::InvalidUrl);
                    None
                }
                Some(url) if !url.is_safe_link() || (web_only && !url.is_web()) => {
                    warn(attribute, raw, WarningKind::UnsafeUrl);
                    None
                }
                Some(url) => Some(url),
            }
        };
        let url = url_of(Attribute::Url, true);
        let original_url = url_of(Attribute::OriginalUrl, true);
        let discussion_url = url_of(Attribute::DiscussionUrl, false);

        let published = attributes
            .get(Attribute::Published)
            .filter(|v| !crate::search::trim(v).is_empty())
            .and_then(|raw| {
                let date = Date::parse(raw);
                if date.is_none() {
                    warn(Attribute::Published, raw, WarningKind::InvalidDate);
                }
                date
            });

        let attribution = match attributes
            .get(Attribute::Attribution)
            .filter(|v| !crate::search::trim(v).is_empty())
        {
            Some(raw) => {
                let (template, unknown) = Template::parse(raw);
                for name in unknown {
                    warn(
                        Attribute::Attribution,
                        raw,
                        WarningKind::UnknownPlaceholder(name),
                    );
                }
                template
            }
            None => Template::default_attribution(),
        };

        let cite_style = match text(Attribute::CiteStyle) {
            None => CiteStyle::Attribution,
            Some(id) => CiteStyle::from_id(&id).unwrap_or_else(|| {
                warn(
                    Attribute::CiteStyle,
                    &id,
                    WarningKind::UnknownValue(
                        "attribution, apa, mla, chicago, chicago-author-date, harvard, bibtex, biblatex, ris, csl-json; using attribution",
                    ),
                );
                CiteStyle::Attribution
            }),
        };
        // A keyword attribute's value: its index among `choices`
        // (search::entries; case and surrounding space do not matter), or
        // none when it is absent, or is no choice (with a warning saying
        // what `expected`). One function for every keyword attribute.
        let mut choose = |attribute: Attribute, choices: &'static str, expected: &'static str| {
            let raw = attributes.get(attribute)?;
            let value = crate::search::trim(raw).to_ascii_lowercase();
            let index = crate::search::position(choices, &value);
            if index.is_none() {
                warn(attribute, raw, WarningKind::UnknownValue(expected));
            }
            index
        };

        let theme = match choose(
            Attribute::Theme,
            "|light|dark|auto",
            "light, dark, auto; using light",
        ) {
            Some(2) => Theme::Dark,
            Some(3) => Theme::Auto,
            _ => Theme::Light,
        };

        let mut switch = |attribute: Attribute| {
            choose(attribute, "|on|true|yes|off|false|no", "on, off; using off")
                .is_some_and(|index| index < 4)
        };
        let copy_attribution = switch(Attribute::CopyAttribution);
        let quote_share = switch(Attribute::QuoteShare);
        let copy_min = match text(Attribute::CopyMin) {
            None => DEFAULT_COPY_MIN,
            Some(raw) => match crate::encode::parse_u32(&raw, 10) {
                Some(min) => min as usize,
                None => {
                    warn(
                        Attribute::CopyMin,
                        &raw,
                        WarningKind::UnknownValue("a whole number of characters; using 80"),
                    );
                    DEFAULT_COPY_MIN
                }
            },
        };

        let original_name = text(Attribute::OriginalSource);
        let original = match (original_name, original_url) {
            (Some(name), url) => Some(OriginalSource { name, url }),
            (None, Some(url)) => Some(OriginalSource {
                name: url.site_name().to_string(),
                url: Some(url),
            }),
            (None, None) => None,
        };

        let discussion_label = text(Attribute::DiscussionLabel);
        if discussion_url.is_none() && attributes.get(Attribute::DiscussionUrl).is_none() {
            if let Some(label) = &discussion_label {
                warn(
                    Attribute::DiscussionLabel,
                    label,
                    WarningKind::NeedsAttribute("data-discussion-url"),
                );
            }
        }
        let discussion = discussion_url.map(|url| Discussion {
            url,
            label: discussion_label,
        });

        let authors = text(Attribute::Author)
            .map(|list| {
                let mut authors = Vec::new();
                for name in crate::search::split(&list, ";") {
                    let name = crate::search::trim(name);
                    if !name.is_empty() {
                        authors.push(Creator::person(name.to_string()));
                    }
                }
                authors
            })
            .unwrap_or_default();

        let fixed_url = url.is_some();
        let mut article = Partial {
            authors,
            published,
            ..Partial::default()
        };
        article.set(Text::Url, url.map(|u| u.as_string()));
        for &(field, attribute) in &[
            (Text::Title, Attribute::Title),
            (Text::Publisher, Attribute::Publisher),
            (Text::Description, Attribute::Description),
        ] {
            article.set(field, text(attribute));
        }
        let config = Config {
            networks,
            fixed_url,
            article,
            attribution,
            original,
            discussion,
            target: text(Attribute::Target),
            lang: text(Attribute::Lang),
            theme,
            cite_style,
            copy_attribution,
            copy_min,
            article_selector: text(Attribute::Article),
            quote_share,
        };
        (config, warnings)
    }
}

/// Whether `href` may be rendered as a link; see [`Url::is_safe_link`].
pub fn is_safe_href(href: &str) -> bool {
    safe_link(href, None).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (Config, Vec<Warning>) {
        let attributes = Attributes::read(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        });
        let base = Url::parse("https://www.globalresearch.ca/articles/5678141").unwrap();
        Config::parse(&attributes, Some(&base))
    }

    fn ids(config: &Config) -> Vec<&'static str> {
        config.networks.iter().map(|n| n.id()).collect()
    }

    #[test]
    fn defaults() {
        let (config, warnings) = parse(&[]);
        assert!(warnings.is_empty());
        assert_eq!(
            ids(&config),
            vec![
                "native", "facebook", "x", "linkedin", "bluesky", "reddit", "email", "copy", "cite"
            ]
        );
        assert_eq!(config.theme, Theme::Light);
        assert_eq!(config.attribution, Template::default_attribution());
        assert_eq!(config.original, None);
        assert_eq!(config.discussion, None);
        assert!(!config.fixed_url);
    }

    #[test]
    fn seed_configuration() {
        let (config, warnings) = parse(&[
            (
                "data-networks",
                "facebook x linkedin reddit email whatsapp telegram copy cite",
            ),
            ("data-publisher", "Global Research"),
            ("data-author", "Andrew Korybko"),
            ("data-published", "2019-05-19"),
            ("data-original-source", "CGTN"),
            (
                "data-original-url",
                "https://news.cgtn.com/news/2019-05-18/huawei",
            ),
            (
                "data-discussion-url",
                "https://www.facebook.com/GlobalResearchCRG",
            ),
            (
                "data-discussion-label",
                "Comment on Global Research Articles on our Facebook page",
            ),
            ("data-theme", "dark"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            ids(&config),
            vec![
                "facebook", "x", "linkedin", "reddit", "email", "whatsapp", "telegram", "copy",
                "cite"
            ]
        );
        assert_eq!(
            config.article.text(Text::Publisher),
            Some("Global Research")
        );
        assert_eq!(
            config.article.authors,
            vec![Creator::person("Andrew Korybko".into())]
        );
        assert_eq!(config.article.published, Date::parse("2019-05-19"));
        let original = config.original.unwrap();
        assert_eq!(original.name, "CGTN");
        assert_eq!(original.url.unwrap().host(), "news.cgtn.com");
        let discussion = config.discussion.unwrap();
        assert_eq!(
            discussion.url.as_string(),
            "https://www.facebook.com/GlobalResearchCRG"
        );
        assert_eq!(
            discussion.label.as_deref(),
            Some("Comment on Global Research Articles on our Facebook page")
        );
        assert_eq!(config.theme, Theme::Dark);
    }

    #[test]
    fn networks_comma_or_space_separated_with_aliases() {
        let (config, warnings) = parse(&[("data-networks", " twitter,  email,copy\tcite ")]);
        assert!(warnings.is_empty());
        assert_eq!(ids(&config), vec!["x", "email", "copy", "cite"]);
    }

    #[test]
    fn empty_networks_means_none() {
        let (config, warnings) = parse(&[("data-networks", "")]);
        assert!(warnings.is_empty());
        assert!(config.networks.is_empty());
    }

    macro_rules! warns {
        ($($name:ident: $pairs:expr => $source:expr, $value:expr, $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                let (_, warnings) = parse(&$pairs);
                assert_eq!(warnings, vec![Warning::new($source, $value, $kind)]);
            }
        )*};
    }

    warns! {
        unknown_network: [("data-networks", "facebook myspace x")]
            => "data-networks", "facebook myspace x", WarningKind::UnknownNetwork("myspace".into());
        duplicate_network: [("data-networks", "x twitter")]
            => "data-networks", "x twitter", WarningKind::DuplicateNetwork("twitter".into());
        javascript_discussion_url: [("data-discussion-url", "javascript:alert(document.cookie)")]
            => "data-discussion-url", "javascript:alert(document.cookie)", WarningKind::UnsafeUrl;
        mailto_share_url_refused: [("data-url", "mailto:a@b.c")]
            => "data-url", "mailto:a@b.c", WarningKind::UnsafeUrl;
        bad_url: [("data-original-url", "https://exa mple.org")]
            => "data-original-url", "https://exa mple.org", WarningKind::InvalidUrl;
        bad_date: [("data-published", "19 May 2019")]
            => "data-published", "19 May 2019", WarningKind::InvalidDate;
        unknown_placeholder: [("data-attribution", "By {autor}")]
            => "data-attribution", "By {autor}", WarningKind::UnknownPlaceholder("autor".into());
        unknown_theme: [("data-theme", "Blue")]
            => "data-theme", "Blue", WarningKind::UnknownValue("light, dark, auto; using light");
        label_without_url: [("data-discussion-label", "Comment")]
            => "data-discussion-label", "Comment", WarningKind::NeedsAttribute("data-discussion-url");
    }

    #[test]
    fn citation_and_copy_options() {
        let (config, warnings) = parse(&[
            ("data-cite-style", " APA "),
            ("data-copy-attribution", "on"),
            ("data-copy-min", "120"),
            ("data-article", ".post-body"),
            ("data-quote-share", ""),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.cite_style, CiteStyle::Apa);
        assert!(config.copy_attribution && config.quote_share);
        assert_eq!(config.copy_min, 120);
        assert_eq!(config.article_selector.as_deref(), Some(".post-body"));

        let (config, _) = parse(&[]);
        assert_eq!(config.cite_style, CiteStyle::Attribution);
        assert!(
            !config.copy_attribution && !config.quote_share,
            "both are opt-in"
        );
        assert_eq!(config.copy_min, 80);
    }

    /// Every word the keyword attributes take, whatever its case and the
    /// space around it; an unknown word is the default (and a warning,
    /// below).
    #[test]
    fn keyword_values() {
        let themes: &[(&str, Theme)] = &[
            ("", Theme::Light),
            ("light", Theme::Light),
            (" Dark ", Theme::Dark),
            ("AUTO", Theme::Auto),
            ("blue", Theme::Light),
        ];
        for &(value, theme) in themes {
            assert_eq!(parse(&[("data-theme", value)]).0.theme, theme, "{value:?}");
        }
        let switches: &[(&str, bool)] = &[
            ("", true),
            ("on", true),
            ("True", true),
            (" yes", true),
            ("off", false),
            ("FALSE", false),
            ("no ", false),
            ("sometimes", false),
        ];
        for &(value, on) in switches {
            let (config, _) = parse(&[
                ("data-copy-attribution", value),
                ("data-quote-share", value),
            ]);
            assert_eq!(
                (config.copy_attribution, config.quote_share),
                (on, on),
                "{value:?}"
            );
        }
    }

    warns! {
        unknown_cite_style: [("data-cite-style", "vancouver")]
            => "data-cite-style", "vancouver", WarningKind::UnknownValue(
                "attribution, apa, mla, chicago, chicago-author-date, harvard, bibtex, biblatex, ris, csl-json; using attribution");
        bad_switch: [("data-copy-attribution", "sometimes")]
            => "data-copy-attribution", "sometimes", WarningKind::UnknownValue("on, off; using off");
        bad_copy_min: [("data-copy-min", "lots")]
            => "data-copy-min", "lots", WarningKind::UnknownValue("a whole number of characters; using 80");
    }

    #[test]
    fn one_bad_value_keeps_the_rest() {
        let (config, warnings) = parse(&[
            ("data-networks", "facebook nope email"),
            ("data-discussion-url", "javascript:void(0)"),
            ("data-title", "Still here"),
        ]);
        assert_eq!(warnings.len(), 2);
        assert_eq!(ids(&config), vec!["facebook", "email"]);
        assert_eq!(config.discussion, None);
        assert_eq!(config.article.text(Text::Title), Some("Still here"));
    }

    #[test]
    fn relative_urls_resolve_and_authors_split_on_semicolons() {
        let (config, _) = parse(&[
            ("data-url", "/articles/1?utm_source=x"),
            ("data-author", " Ada Lovelace ;; Charles Babbage "),
        ]);
        assert_eq!(
            config.article.text(Text::Url),
            Some("https://www.globalresearch.ca/articles/1?utm_source=x")
        );
        assert!(config.fixed_url);
        let names: Vec<&str> = config
            .article
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, vec!["Ada Lovelace", "Charles Babbage"]);
    }

    #[test]
    fn original_url_alone_credits_its_host() {
        let (config, _) = parse(&[("data-original-url", "https://www.cgtn.com/x")]);
        assert_eq!(config.original.unwrap().name, "cgtn.com");
    }

    #[test]
    fn placement_attributes_override_the_scripts_except_target() {
        let script = Attributes::read(|name| match name {
            "data-title" => Some("Script title".into()),
            "data-target" => Some(".card".into()),
            "data-theme" => Some("dark".into()),
            _ => None,
        });
        let card = Attributes::read(|name| match name {
            "data-title" => Some("Card title".into()),
            "data-target" => Some(".other".into()),
            _ => None,
        });
        let merged = script.overlay(&card);
        assert_eq!(merged.get(Attribute::Title), Some("Card title"));
        assert_eq!(merged.get(Attribute::Theme), Some("dark"));
        assert_eq!(merged.get(Attribute::Target), Some(".card"));
    }

    /// The loader names `sharecite.mount()`'s options after these in
    /// camelCase (`data-copy-min` is `copyMin`), which takes names of
    /// lowercase words joined by single hyphens.
    #[test]
    fn attribute_names_are_lowercase_words_after_data() {
        assert_eq!(
            crate::search::entries(ATTRIBUTE_NAMES).count(),
            Attribute::ALL.len()
        );
        assert_eq!(Attribute::Networks.name(), "data-networks");
        assert_eq!(Attribute::QuoteShare.name(), "data-quote-share");
        for attribute in Attribute::ALL {
            let name = attribute.name();
            let words = name
                .strip_prefix("data-")
                .unwrap_or_else(|| panic!("{name}"));
            assert!(
                words
                    .split('-')
                    .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())),
                "{name}"
            );
        }
    }

    #[test]
    fn safe_hrefs() {
        assert!(is_safe_href("https://a.org/"));
        assert!(is_safe_href("mailto:x@y.z"));
        assert!(!is_safe_href("javascript:alert(1)"));
        assert!(!is_safe_href("/relative"));
    }
}
