//! What one placement shows, decided without a DOM: which controls, their
//! labels, accessible names and hrefs, the credit line and the discussion
//! link. The DOM layer turns a [`View`] into elements and nothing else.

use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

use crate::citation::Attribution;
use crate::cite::CiteStyle;
use crate::config::{Config, Theme};
use crate::i18n::{Key, Strings};
use crate::metadata::Article;
use crate::network::{ControlKind, Network, ShareText};
use crate::url::Url;

/// What the browser can do, as far as the view depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// `navigator.share` exists.
    pub native_share: bool,
}

/// One button or link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    pub network: Network,
    /// Visible text.
    pub label: &'static str,
    /// Accessible name; starts with or contains `label`.
    pub name: String,
    /// For links: an `http(s):` or `mailto:` URL.
    pub href: Option<String>,
    pub new_tab: bool,
}

impl Control {
    /// The control for `network`, labelled and named in `strings`.
    pub fn new(network: Network, strings: Strings, href: Option<String>) -> Control {
        let label = strings.get(network.label_key());
        let mut name = match network.name_key() {
            Some(key) => strings.get(key).to_string(),
            None => strings.fill(Key::ShareOn, "network", label),
        };
        if network.opens_new_tab() {
            name.push(' ');
            name.push_str(strings.get(Key::ShareNewTab));
        }
        Control {
            network,
            label,
            name,
            href,
            new_tab: network.opens_new_tab(),
        }
    }
}

/// "This article was originally published on [CGTN]."
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    pub before: &'static str,
    pub source: String,
    pub href: Option<String>,
    pub after: &'static str,
}

/// The discussion link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscussionLink {
    pub href: String,
    pub label: String,
    pub name: String,
}

/// Everything a placement renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub lang: &'static str,
    pub rtl: bool,
    pub theme: Theme,
    pub group_label: &'static str,
    pub controls: Vec<Control>,
    pub credit: Option<Credit>,
    pub discussion: Option<DiscussionLink>,
}

/// The `detail` of a `sharecite:share` event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareDetail {
    pub network: &'static str,
    pub url: String,
}

impl ShareDetail {
    /// The event's `detail` object, property by property.
    pub fn fields(&self) -> [(&'static str, &str); 2] {
        [("network", self.network), ("url", &self.url)]
    }
}

impl View {
    /// The view of `article` under `config`.
    pub fn build(
        config: &Config,
        article: &Article,
        strings: Strings,
        capabilities: Capabilities,
        mastodon_instance: &str,
    ) -> View {
        let hrefs = share_hrefs(config, article, strings, mastodon_instance);
        let mut controls = Vec::new();
        for &network in &config.networks {
            if network != Network::Native || capabilities.native_share {
                let href = hrefs
                    .iter()
                    .find(|(n, _)| *n == network)
                    .map(|(_, href)| href.clone());
                controls.push(Control::new(network, strings, href));
            }
        }

        let credit = config.original.as_ref().map(|original| {
            let (before, after) = strings.around(Key::OriginalPublished, "{source}");
            Credit {
                before,
                source: original.name.clone(),
                href: original.url.as_ref().map(Url::as_string),
                after,
            }
        });

        let discussion = config.discussion.as_ref().map(|discussion| {
            let label = discussion
                .label
                .clone()
                .unwrap_or_else(|| strings.get(Key::DiscussDefault).to_string());
            let mut name = label.clone();
            if discussion.url.is_web() {
                name.push(' ');
                name.push_str(strings.get(Key::ShareNewTab));
            }
            DiscussionLink {
                href: discussion.url.as_string(),
                label,
                name,
            }
        });

        View {
            lang: strings.tag(),
            rtl: strings.is_rtl(),
            theme: config.theme,
            group_label: strings.get(Key::ShareGroup),
            controls,
            credit,
            discussion,
        }
    }
}

/// A citation format's label in the menu beside the `cite` control, which
/// offers every [`CiteStyle`]: the site's attribution is named in
/// `strings`' language, the styles by their own names. (The menu follows
/// from the control and the language, so a view need not list it.)
pub fn cite_format_label(style: CiteStyle, strings: Strings) -> &'static str {
    if style == CiteStyle::Attribution {
        strings.get(Key::CiteAttribution)
    } else {
        style.label()
    }
}

/// The networks the quote popover offers.
pub const QUOTE_NETWORKS: [Network; 4] = [
    Network::X,
    Network::Bluesky,
    Network::Mastodon,
    Network::Email,
];

/// Share links for a quote from the article: the quote in quotation marks
/// stands where the title would, the link is the article's, and an email
/// carries the quote with its attribution.
pub fn quote_hrefs(
    config: &Config,
    article: &Article,
    strings: Strings,
    quote: &str,
    mastodon_instance: &str,
) -> Vec<(Network, String)> {
    let mut quoted = String::new();
    quoted.push('“');
    quoted.push_str(crate::search::trim(quote));
    quoted.push('”');
    let body = Attribution::new(config, article, strings)
        .passage(quote, true)
        .text;
    let text = ShareText {
        url: &article.url,
        title: &quoted,
        image: None,
        email_body: &body,
        mastodon_instance,
    };
    let mut hrefs = Vec::new();
    for &network in &QUOTE_NETWORKS {
        let href = if network == Network::Email {
            // The subject stays the article's title.
            Network::Email.share_url(&ShareText {
                title: &article.title,
                ..text
            })
        } else {
            network.share_url(&text)
        };
        if let Some(href) = href {
            hrefs.push((network, href));
        }
    }
    hrefs
}

impl View {
    /// Everything the view renders except its links' hrefs: placements
    /// with equal keys have identical trees apart from those, so the DOM
    /// layer builds one and clones it.
    pub fn shape_key(&self) -> String {
        let mut key = String::new();
        let mut add = |part: &str| {
            key.push_str(part);
            key.push('\u{1f}');
        };
        add(self.lang);
        add(if self.rtl { "rtl" } else { "ltr" });
        add(self.theme.id());
        add(self.group_label);
        for control in &self.controls {
            add(control.network.id());
            add(control.label);
            add(&control.name);
            add(if control.new_tab { "new" } else { "same" });
        }
        if let Some(credit) = &self.credit {
            add("credit");
            add(credit.before);
            add(&credit.source);
            add(credit.href.as_deref().unwrap_or(""));
            add(credit.after);
        }
        if let Some(discussion) = &self.discussion {
            add("discussion");
            add(&discussion.href);
            add(&discussion.label);
            add(&discussion.name);
        }
        key
    }
}

/// The href of every link control, for a first render or for refreshing
/// links after a single-page navigation.
pub fn share_hrefs(
    config: &Config,
    article: &Article,
    strings: Strings,
    mastodon_instance: &str,
) -> Vec<(Network, String)> {
    let needs_email = config.networks.contains(&Network::Email);
    let email_body = if needs_email {
        Attribution::new(config, article, strings).email_body()
    } else {
        String::new()
    };
    let text = ShareText {
        url: &article.url,
        title: &article.title,
        image: article.image.as_deref(),
        email_body: &email_body,
        mastodon_instance,
    };
    let mut hrefs = Vec::new();
    for &network in &config.networks {
        if network.kind() == ControlKind::Link {
            if let Some(href) = network.share_url(&text) {
                hrefs.push((network, href));
            }
        }
    }
    hrefs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Attributes;
    use crate::metadata::{PageMetadata, PageSnapshot};

    #[test]
    fn a_share_detail_is_the_share_event_detail() {
        let detail = ShareDetail {
            network: "bluesky",
            url: "https://news.example/a".into(),
        };
        assert_eq!(
            detail.fields(),
            [("network", "bluesky"), ("url", "https://news.example/a")]
        );
    }

    fn setup(pairs: &[(&str, &str)]) -> (Config, Article) {
        let attributes = Attributes::read(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        });
        let page = PageSnapshot {
            location: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            base: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
            ..PageSnapshot::default()
        };
        let (metadata, _) = PageMetadata::read(&page);
        let (config, warnings) = Config::parse(&attributes, metadata.base());
        assert!(warnings.is_empty(), "{warnings:?}");
        let article = metadata.article(&config.article);
        (config, article)
    }

    fn en() -> Strings {
        Strings::negotiate(&["en"])
    }

    #[test]
    fn controls_follow_the_configured_order_with_names_containing_labels() {
        let (config, article) =
            setup(&[("data-networks", "x email copy cite native print mastodon")]);
        let view = View::build(
            &config,
            &article,
            en(),
            Capabilities { native_share: true },
            "",
        );
        let ids: Vec<&str> = view.controls.iter().map(|c| c.network.id()).collect();
        assert_eq!(
            ids,
            vec!["x", "email", "copy", "cite", "native", "print", "mastodon"]
        );
        for control in &view.controls {
            assert!(
                control.name.contains(control.label),
                "{} / {}",
                control.name,
                control.label
            );
            assert_eq!(
                control.href.is_some(),
                control.network.kind() == ControlKind::Link
            );
        }
        let x = &view.controls[0];
        assert_eq!(x.name, "Share on X (opens in a new tab)");
        assert!(x.new_tab);
        let email = &view.controls[1];
        assert_eq!(email.name, "Email this article");
        assert!(!email.new_tab);
        assert!(email
            .href
            .as_deref()
            .unwrap()
            .starts_with("mailto:?subject=The%20U.S."));
    }

    #[test]
    fn native_share_only_where_the_browser_has_it() {
        let (config, article) = setup(&[("data-networks", "native copy")]);
        let without = View::build(
            &config,
            &article,
            en(),
            Capabilities {
                native_share: false,
            },
            "",
        );
        assert_eq!(without.controls.len(), 1);
        assert_eq!(without.controls[0].network, Network::Copy);
    }

    #[test]
    fn credit_and_discussion() {
        let (config, article) = setup(&[
            ("data-original-source", "CGTN"),
            ("data-original-url", "https://news.cgtn.com/x"),
            (
                "data-discussion-url",
                "https://www.facebook.com/GlobalResearchCRG",
            ),
            (
                "data-discussion-label",
                "Comment on Global Research Articles on our Facebook page",
            ),
        ]);
        let view = View::build(&config, &article, en(), Capabilities::default(), "");
        let credit = view.credit.unwrap();
        assert_eq!(
            (
                credit.before,
                credit.source.as_str(),
                credit.href.as_deref(),
                credit.after
            ),
            (
                "This article was originally published on ",
                "CGTN",
                Some("https://news.cgtn.com/x"),
                "."
            )
        );
        let discussion = view.discussion.unwrap();
        assert_eq!(
            discussion.href,
            "https://www.facebook.com/GlobalResearchCRG"
        );
        assert_eq!(
            discussion.label,
            "Comment on Global Research Articles on our Facebook page"
        );
        assert!(discussion.name.starts_with(&discussion.label));
    }

    #[test]
    fn default_discussion_label() {
        let (config, article) = setup(&[("data-discussion-url", "/comments")]);
        let view = View::build(&config, &article, en(), Capabilities::default(), "");
        let discussion = view.discussion.unwrap();
        assert_eq!(discussion.label, "Discuss this article");
        assert_eq!(discussion.href, "https://www.globalresearch.ca/comments");
    }

    #[test]
    fn citation_menu_lists_every_format_only_with_cite() {
        let has_cite = |networks: &str| {
            let (config, article) = setup(&[("data-networks", networks)]);
            View::build(&config, &article, en(), Capabilities::default(), "")
                .controls
                .iter()
                .any(|control| control.network == Network::Cite)
        };
        assert!(has_cite("x cite"));
        let labels = CiteStyle::ALL.map(|style| cite_format_label(style, en()));
        assert_eq!(
            labels,
            [
                "Attribution",
                "APA",
                "MLA",
                "Chicago",
                "Chicago (author-date)",
                "Harvard",
                "BibTeX",
                "BibLaTeX",
                "RIS",
                "CSL-JSON"
            ]
        );
        assert!(!has_cite("x copy"));
    }

    #[test]
    fn quote_links_share_the_quote_and_the_article() {
        let (config, article) = setup(&[]);
        let hrefs = quote_hrefs(&config, &article, en(), " push back ", "");
        let ids: Vec<&str> = hrefs.iter().map(|(n, _)| n.id()).collect();
        assert_eq!(ids, ["x", "bluesky", "mastodon", "email"]);
        assert_eq!(
            hrefs[0].1,
            "https://x.com/intent/post?text=%E2%80%9Cpush%20back%E2%80%9D&url=https%3A%2F%2Fwww.globalresearch.ca%2Fus-ultimatum%2F5678141"
        );
        assert!(hrefs[3]
            .1
            .starts_with("mailto:?subject=The%20U.S.%20Ultimatum"));
        assert!(hrefs[3]
            .1
            .contains("body=%E2%80%9Cpush%20back%E2%80%9D%0D%0A%0D%0AThe%20original%20source"));
    }

    #[test]
    fn shape_keys_ignore_hrefs_and_nothing_else() {
        let (config, article) = setup(&[("data-networks", "x email cite")]);
        let view = View::build(&config, &article, en(), Capabilities::default(), "");
        let mut other_article = article.clone();
        other_article.url = "https://www.globalresearch.ca/other".into();
        other_article.title = "Another".into();
        let other = View::build(&config, &other_article, en(), Capabilities::default(), "");
        assert_ne!(view.controls[0].href, other.controls[0].href);
        assert_eq!(view.shape_key(), other.shape_key());

        let (dark, _) = setup(&[("data-networks", "x email cite"), ("data-theme", "dark")]);
        assert_ne!(
            View::build(&dark, &article, en(), Capabilities::default(), "").shape_key(),
            view.shape_key()
        );
        let (fewer, _) = setup(&[("data-networks", "x email")]);
        assert_ne!(
            View::build(&fewer, &article, en(), Capabilities::default(), "").shape_key(),
            view.shape_key()
        );
        let (credited, _) = setup(&[
            ("data-networks", "x email cite"),
            ("data-original-source", "CGTN"),
        ]);
        assert_ne!(
            View::build(&credited, &article, en(), Capabilities::default(), "").shape_key(),
            view.shape_key()
        );
    }

    #[test]
    fn mastodon_href_uses_the_remembered_instance() {
        let (config, article) = setup(&[("data-networks", "mastodon")]);
        let hrefs = share_hrefs(&config, &article, en(), "fosstodon.org");
        assert!(hrefs[0].1.starts_with("https://fosstodon.org/share?text="));
    }
}
