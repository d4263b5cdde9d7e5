//! The networks and actions a widget can offer, and each network's share
//! intent URL.
//!
//! Every intent is the network's current documented endpoint; each value is
//! percent-encoded as one component (see [`crate::encode::push_component`]).

use crate::encode::push_component;
use crate::i18n::Key;
use alloc::string::String;
use alloc::string::ToString;

/// A share target or action, in the vocabulary of `data-networks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Network {
    Facebook,
    X,
    Linkedin,
    Reddit,
    Email,
    Whatsapp,
    Telegram,
    Bluesky,
    Mastodon,
    Threads,
    Hackernews,
    Pinterest,
    Copy,
    Cite,
    /// Copies a snippet to republish on a blog or forum.
    Crosspost,
    Native,
    Print,
}

/// Whether a control navigates somewhere or does something on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlKind {
    /// A real `<a href>`: works without script, with middle-click, and
    /// with the browser's "open in new tab".
    Link,
    /// A `<button type="button">` that acts in the page.
    Action,
}

/// What goes into a share intent.
#[derive(Clone, Copy, Debug, Default)]
pub struct ShareText<'a> {
    /// The article's cleaned, absolute URL.
    pub url: &'a str,
    pub title: &'a str,
    /// An absolute image URL (Pinterest pins need one).
    pub image: Option<&'a str>,
    /// The body of a forwarded email: title, URL and attribution.
    pub email_body: &'a str,
    /// The reader's Mastodon server, a bare host name.
    pub mastodon_instance: &'a str,
}

/// The Mastodon server used until a reader picks their own.
pub const DEFAULT_MASTODON_INSTANCE: &str = "mastodon.social";

/// Bluesky's post limit (graphemes; counting chars is never fewer).
const BLUESKY_LIMIT: usize = 300;
/// Mastodon's and Threads' default post limit.
const MASTODON_LIMIT: usize = 500;

impl Network {
    /// Every network, in the order the README lists them.
    pub const ALL: [Network; 17] = [
        Network::Facebook,
        Network::X,
        Network::Linkedin,
        Network::Reddit,
        Network::Email,
        Network::Whatsapp,
        Network::Telegram,
        Network::Bluesky,
        Network::Mastodon,
        Network::Threads,
        Network::Hackernews,
        Network::Pinterest,
        Network::Copy,
        Network::Cite,
        Network::Crosspost,
        Network::Native,
        Network::Print,
    ];

    /// The id used in `data-networks`, `data-network` and events.
    pub fn id(self) -> &'static str {
        crate::search::entry(Self::IDS, self as usize)
    }

    /// Every id, in the order of the variants ([`crate::search::entry`]).
    const IDS: &'static str = "facebook|x|linkedin|reddit|email|whatsapp|telegram|bluesky|mastodon|threads|hackernews|pinterest|copy|cite|crosspost|native|print";

    /// The network named `id`, accepting the old and short names people
    /// type (`twitter`, `hn`, `mail`, `link`, `share`), in any case.
    pub fn from_id(id: &str) -> Option<Network> {
        let id = crate::search::trim(id).to_ascii_lowercase();
        let alias = match id.as_str() {
            "twitter" => Some(Network::X),
            "hn" | "ycombinator" => Some(Network::Hackernews),
            "mail" => Some(Network::Email),
            "link" | "copy-link" => Some(Network::Copy),
            "citation" => Some(Network::Cite),
            "republish" | "cross-post" => Some(Network::Crosspost),
            "share" | "web-share" => Some(Network::Native),
            _ => None,
        };
        alias.or_else(|| {
            let at = crate::search::position(Self::IDS, &id)?;
            Network::ALL.get(at).copied()
        })
    }

    /// Link or button.
    pub fn kind(self) -> ControlKind {
        match self {
            Network::Copy
            | Network::Cite
            | Network::Crosspost
            | Network::Native
            | Network::Print => ControlKind::Action,
            _ => ControlKind::Link,
        }
    }

    /// The visible label's string key.
    pub fn label_key(self) -> Key {
        match self {
            Network::Facebook => Key::NetworkFacebook,
            Network::X => Key::NetworkX,
            Network::Linkedin => Key::NetworkLinkedin,
            Network::Reddit => Key::NetworkReddit,
            Network::Email => Key::LabelEmail,
            Network::Whatsapp => Key::NetworkWhatsapp,
            Network::Telegram => Key::NetworkTelegram,
            Network::Bluesky => Key::NetworkBluesky,
            Network::Mastodon => Key::NetworkMastodon,
            Network::Threads => Key::NetworkThreads,
            Network::Hackernews => Key::NetworkHackernews,
            Network::Pinterest => Key::NetworkPinterest,
            Network::Copy => Key::LabelCopy,
            Network::Cite => Key::LabelCite,
            Network::Crosspost => Key::LabelCrosspost,
            Network::Native => Key::LabelNative,
            Network::Print => Key::LabelPrint,
        }
    }

    /// The accessible name's string key, for controls whose name is not
    /// "Share on {network}".
    pub fn name_key(self) -> Option<Key> {
        match self {
            Network::Email => Some(Key::NameEmail),
            Network::Copy => Some(Key::NameCopy),
            Network::Cite => Some(Key::NameCite),
            Network::Crosspost => Some(Key::NameCrosspost),
            Network::Native => Some(Key::NameNative),
            Network::Print => Some(Key::NamePrint),
            _ => None,
        }
    }

    /// Whether the link opens a new tab (`mailto:` opens the mail app in
    /// place; a blank tab left behind would be litter).
    pub fn opens_new_tab(self) -> bool {
        self.kind() == ControlKind::Link && self != Network::Email
    }

    /// The share intent URL, or `None` for actions.
    pub fn share_url(self, text: &ShareText<'_>) -> Option<String> {
        let intent = crate::search::entry(INTENTS, self as usize);
        let (base, params) = crate::search::split_once(intent, "?")?;
        let mut out = String::new();
        match crate::search::split_once(base, "@") {
            Some((before, after)) => {
                out.push_str(before);
                out.push_str(if text.mastodon_instance.is_empty() {
                    DEFAULT_MASTODON_INSTANCE
                } else {
                    text.mastodon_instance
                });
                out.push_str(after);
            }
            None => out.push_str(base),
        }
        let mut first = true;
        for param in crate::search::split(params, "&") {
            let (name, code) = crate::search::split_once(param, "=")?;
            let fitted;
            let value = match code {
                "u" => text.url,
                "t" => text.title,
                "i" => text.image.unwrap_or(""),
                _ => {
                    fitted = match code {
                        "b" => crlf(text.email_body),
                        "w" => title_then_url(text.title, text.url, usize::MAX),
                        "s" => title_then_url(text.title, text.url, BLUESKY_LIMIT),
                        "m" => title_then_url(text.title, text.url, MASTODON_LIMIT),
                        "h" => truncate(
                            text.title,
                            MASTODON_LIMIT.saturating_sub(text.url.chars().count() + 1),
                        ),
                        _ => continue,
                    };
                    &fitted
                }
            };
            if value.is_empty() {
                continue;
            }
            out.push(if first { '?' } else { '&' });
            first = false;
            out.push_str(name);
            out.push('=');
            push_component(&mut out, value);
        }
        Some(out)
    }
}

/// Each share link's intent, in the order of [`Network`]'s variants (the
/// actions after them have none): its base (`@` stands for the reader's
/// Mastodon server), then its parameters as `name=value`, each value a
/// code: `u` the URL, `t` the title, `i` the image, `b` the email body
/// (CRLF), `w` the title then the URL, `s` that fitted to Bluesky's
/// limit, `m` to Mastodon's, `h` the title fitted beside the URL (Threads
/// takes it apart). A parameter whose value is empty is left out. One
/// string rather than a `match` building each network's list of pairs in
/// code ([`crate::search::entries`]).
const INTENTS: &str = concat!(
    "https://www.facebook.com/sharer/sharer.php?u=u|",
    "https://x.com/intent/post?text=t&url=u|",
    "https://www.linkedin.com/sharing/share-offsite/?url=u|",
    "https://www.reddit.com/submit?url=u&title=t|",
    "mailto:?subject=t&body=b|",
    "https://wa.me/?text=w|",
    "https://t.me/share/url?url=u&text=t|",
    "https://bsky.app/intent/compose?text=s|",
    "https://@/share?text=m|",
    "https://www.threads.com/intent/post?text=h&url=u|",
    "https://news.ycombinator.com/submitlink?u=u&t=t|",
    "https://www.pinterest.com/pin/create/button/?url=u&media=i&description=t",
);

/// The host of a Mastodon server typed by a reader: accepts `mastodon.social`,
/// `https://mastodon.social/`, `@me@mastodon.social` or `me@mastodon.social`.
/// `None` unless it looks like a public host name.
pub fn parse_mastodon_instance(input: &str) -> Option<String> {
    let mut host = crate::search::trim(input);
    for &prefix in &["https://", "http://"] {
        if host
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
        {
            host = &host[prefix.len()..];
        }
    }
    host = crate::search::after_last(crate::search::before_first(host, b"/?#"), b"@");
    let host = crate::search::trim_end_bytes(host, b".");
    let host = host.to_ascii_lowercase();
    let labels_ok = crate::search::split(&host, ".").all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with("-")
            && !label.ends_with("-")
            && crate::search::all_bytes(label, |b| b.is_ascii_alphanumeric() || b == b'-')
    });
    let has_dot = crate::search::find(&host, ".").is_some();
    let top_level_alphabetic =
        crate::search::any_byte(crate::search::after_last(&host, b"."), |b| {
            b.is_ascii_alphabetic()
        });
    (labels_ok && has_dot && top_level_alphabetic && host.len() <= 253).then_some(host)
}

/// `title url`, with the title shortened (with "…") so the whole fits
/// `limit` characters; the URL is never cut.
fn title_then_url(title: &str, url: &str, limit: usize) -> String {
    let url_len = url.chars().count();
    let room = limit.saturating_sub(url_len + 1);
    let title = truncate(title, room);
    let mut out = String::new();
    out.push_str(&title);
    if !title.is_empty() && !url.is_empty() {
        out.push(' ');
    }
    out.push_str(url);
    out
}

fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    if limit == 0 {
        return String::new();
    }
    let mut out = crate::search::trim_end(crate::search::char_prefix(text, limit - 1)).to_string();
    out.push('…');
    out
}

/// Line breaks as `mailto:` wants them (RFC 6068 §5: CRLF). A scan rather
/// than two `replace`s, which would bring std's searcher (`crate::search`).
fn crlf(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c == '\n' && !out.ends_with("\r") {
            out.push('\r');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_crlf_once() {
        let cases = [
            ("", ""),
            ("one line", "one line"),
            ("a\nb", "a\r\nb"),
            ("a\r\nb", "a\r\nb"),
            ("a\n\nb\r\n", "a\r\n\r\nb\r\n"),
            ("lone\rcarriage", "lone\rcarriage"),
            ("\r\r\n\n", "\r\r\n\r\n"),
            ("«é»\n", "«é»\r\n"),
        ];
        for (text, want) in cases {
            assert_eq!(crlf(text), want, "{text:?}");
            assert_eq!(crlf(text), text.replace("\r\n", "\n").replace('\n', "\r\n"));
        }
    }

    const TITLE: &str = "The U.S. Ultimatum on Huawei Is Backfiring";
    const URL: &str =
        "https://www.globalresearch.ca/us-ultimatum-huawei-backfiring/5678141?a=1&b=2";

    fn text() -> ShareText<'static> {
        ShareText {
            url: URL,
            title: TITLE,
            image: Some("https://www.globalresearch.ca/img/huawei.jpg"),
            email_body: "The U.S. Ultimatum\nhttps://x.org/\n\nSource: Global Research",
            mastodon_instance: "",
        }
    }

    const ENC_URL: &str = "https%3A%2F%2Fwww.globalresearch.ca%2Fus-ultimatum-huawei-backfiring%2F5678141%3Fa%3D1%26b%3D2";
    const ENC_TITLE: &str = "The%20U.S.%20Ultimatum%20on%20Huawei%20Is%20Backfiring";

    macro_rules! intents {
        ($($name:ident: $network:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($network.share_url(&text()).as_deref(), $want.as_deref());
            }
        )*};
    }

    fn url(parts: &[&str]) -> Option<String> {
        Some(parts.concat())
    }

    intents! {
        facebook: Network::Facebook => url(&["https://www.facebook.com/sharer/sharer.php?u=", ENC_URL]);
        x: Network::X => url(&["https://x.com/intent/post?text=", ENC_TITLE, "&url=", ENC_URL]);
        linkedin: Network::Linkedin => url(&["https://www.linkedin.com/sharing/share-offsite/?url=", ENC_URL]);
        reddit: Network::Reddit => url(&["https://www.reddit.com/submit?url=", ENC_URL, "&title=", ENC_TITLE]);
        email: Network::Email => url(&["mailto:?subject=", ENC_TITLE,
            "&body=The%20U.S.%20Ultimatum%0D%0Ahttps%3A%2F%2Fx.org%2F%0D%0A%0D%0ASource%3A%20Global%20Research"]);
        whatsapp: Network::Whatsapp => url(&["https://wa.me/?text=", ENC_TITLE, "%20", ENC_URL]);
        telegram: Network::Telegram => url(&["https://t.me/share/url?url=", ENC_URL, "&text=", ENC_TITLE]);
        bluesky: Network::Bluesky => url(&["https://bsky.app/intent/compose?text=", ENC_TITLE, "%20", ENC_URL]);
        mastodon_default_instance: Network::Mastodon => url(&["https://mastodon.social/share?text=", ENC_TITLE, "%20", ENC_URL]);
        threads: Network::Threads => url(&["https://www.threads.com/intent/post?text=", ENC_TITLE, "&url=", ENC_URL]);
        hackernews: Network::Hackernews => url(&["https://news.ycombinator.com/submitlink?u=", ENC_URL, "&t=", ENC_TITLE]);
        pinterest: Network::Pinterest => url(&["https://www.pinterest.com/pin/create/button/?url=", ENC_URL,
            "&media=https%3A%2F%2Fwww.globalresearch.ca%2Fimg%2Fhuawei.jpg&description=", ENC_TITLE]);
        copy_is_an_action: Network::Copy => None::<String>;
        cite_is_an_action: Network::Cite => None::<String>;
        crosspost_is_an_action: Network::Crosspost => None::<String>;
        native_is_an_action: Network::Native => None::<String>;
        print_is_an_action: Network::Print => None::<String>;
    }

    #[test]
    fn mastodon_uses_the_readers_instance() {
        let share = ShareText {
            mastodon_instance: "fosstodon.org",
            ..text()
        };
        assert!(Network::Mastodon
            .share_url(&share)
            .unwrap()
            .starts_with("https://fosstodon.org/share?text="));
    }

    #[test]
    fn empty_values_are_left_out() {
        let share = ShareText {
            title: "",
            image: None,
            ..text()
        };
        assert_eq!(
            Network::Pinterest.share_url(&share).unwrap(),
            ["https://www.pinterest.com/pin/create/button/?url=", ENC_URL].concat()
        );
        assert_eq!(
            Network::X.share_url(&share).unwrap(),
            ["https://x.com/intent/post?url=", ENC_URL].concat()
        );
    }

    /// `network`'s intent for a title of `words` words, its `text`
    /// parameter decoded.
    fn long_text(network: Network, words: usize) -> String {
        let long_title = "word ".repeat(words);
        let share = ShareText {
            title: &long_title,
            ..text()
        };
        let intent = network.share_url(&share).unwrap();
        let (_, query) = intent.split_once('?').unwrap();
        let value = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("text="))
            .unwrap();
        crate::encode::decode_component(value, false)
    }

    #[test]
    fn bluesky_fits_its_limit_and_never_cuts_the_url() {
        let decoded = long_text(Network::Bluesky, 100);
        assert!(
            decoded.chars().count() <= 300,
            "{}",
            decoded.chars().count()
        );
        assert!(decoded.ends_with(&format!("… {URL}")), "{decoded}");
    }

    #[test]
    fn mastodon_and_threads_fit_their_limit() {
        let toot = long_text(Network::Mastodon, 120);
        assert!(toot.chars().count() <= 500, "{toot}");
        assert!(toot.ends_with(&format!("… {URL}")), "{toot}");
        let thread = long_text(Network::Threads, 120);
        assert!(
            thread.chars().count() < 500 - URL.chars().count(),
            "{thread}"
        );
        assert!(thread.ends_with('…'), "{thread}");
    }

    #[test]
    fn ids_round_trip_and_aliases() {
        assert_eq!(
            crate::search::entries(Network::IDS).count(),
            Network::ALL.len()
        );
        assert_eq!(Network::Facebook.id(), "facebook");
        assert_eq!(Network::Print.id(), "print");
        for network in Network::ALL {
            assert_eq!(Network::from_id(network.id()), Some(network));
        }
        for (alias, network) in [
            ("Twitter", Network::X),
            (" HN ", Network::Hackernews),
            ("ycombinator", Network::Hackernews),
            ("mail", Network::Email),
            ("link", Network::Copy),
            ("copy-link", Network::Copy),
            ("citation", Network::Cite),
            ("republish", Network::Crosspost),
            ("cross-post", Network::Crosspost),
            ("share", Network::Native),
            ("WEB-SHARE", Network::Native),
        ] {
            assert_eq!(Network::from_id(alias), Some(network), "{alias}");
        }
        for unknown in ["myspace", "", "=", "twitter=x", "x=twitter", "tw", "copy-"] {
            assert_eq!(Network::from_id(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn every_intent_is_https_or_mailto() {
        for network in Network::ALL {
            if let Some(intent) = network.share_url(&text()) {
                let parsed = crate::url::Url::parse(&intent).unwrap();
                assert!(parsed.is_safe_link(), "{intent}");
                assert_eq!(network.kind(), ControlKind::Link);
            } else {
                assert_eq!(network.kind(), ControlKind::Action);
            }
        }
    }

    macro_rules! instances {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(parse_mastodon_instance($input).as_deref(), $want);
            }
        )*};
    }

    instances! {
        bare_host: "mastodon.social" => Some("mastodon.social");
        with_scheme_and_slash: " https://Fosstodon.org/ " => Some("fosstodon.org");
        handle: "@me@hachyderm.io" => Some("hachyderm.io");
        user_at_host: "me@infosec.exchange" => Some("infosec.exchange");
        path_dropped: "mastodon.social/@me" => Some("mastodon.social");
        no_dot: "localhost" => None;
        ip_refused: "127.0.0.1" => None;
        script_refused: "javascript:alert(1)" => None;
        spaces_refused: "masto don.social" => None;
        empty: "" => None;
        underscore_refused: "a_b.social" => None;
        multibyte_after_seven_bytes: "{url}😀JaVaScRiPt:%" => None;
    }
}
