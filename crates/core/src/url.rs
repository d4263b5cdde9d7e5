//! Just enough of URLs for a share widget: parse, resolve against the page,
//! refuse anything that is not `http(s):` or `mailto:`, and strip tracking.
//!
//! The browser's `URL` would do the parsing, but it cannot be called from the
//! pure core, and everything that decides what a reader's click opens must be
//! testable here. The parser follows RFC 3986 reference resolution, with the
//! WHATWG adjustments that matter for safety: surrounding C0 controls and
//! spaces are trimmed, tabs and newlines anywhere are dropped, and `\` counts
//! as `/` in `http(s):` URLs, so what we check is what the browser will open.

use crate::encode;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// An absolute URL, split into its RFC 3986 components.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    scheme: String,
    authority: Option<String>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

/// Query parameters that identify a campaign or a click rather than the
/// article ([`crate::search::entries`]). Names ending in `_` match as
/// prefixes.
const TRACKING_PARAMETERS: &str = "utm_|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|ysclid|igshid|igsh|twclid|ttclid|li_fat_id|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|vero_conv|_ga|_gl|srsltid|rb_clickid|wickedid|epik|s_cid|ref_src|sc_cid|trk_|pk_|mtm_|hsa_|spm";

impl Url {
    /// Parses an absolute URL; `None` for relative references and garbage.
    pub fn parse(input: &str) -> Option<Url> {
        let cleaned = clean_input(input);
        let (scheme, rest) = split_scheme(&cleaned)?;
        Url::from_parts(scheme.to_ascii_lowercase(), rest)
    }

    /// Parses `input` as a reference relative to `base`, as a link on the
    /// page whose address is `base` would.
    pub fn parse_with_base(input: &str, base: &Url) -> Option<Url> {
        let cleaned = clean_input(input);
        if split_scheme(&cleaned).is_some() {
            return Url::parse(&cleaned);
        }
        let reference = if base.is_special() {
            crate::search::replace(&cleaned, "\\", "/")
        } else {
            cleaned
        };
        base.resolve(&reference)
    }

    /// The scheme, lowercased, without its `:`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host, lowercased, without userinfo or port; empty when absent.
    pub fn host(&self) -> &str {
        let authority = self.authority.as_deref().unwrap_or("");
        let host_and_port = crate::search::after_last(authority, b"@");
        if host_and_port.starts_with("[") {
            return match crate::search::find(host_and_port, "]") {
                Some(end) => &host_and_port[..=end],
                None => host_and_port,
            };
        }
        match crate::search::rfind(host_and_port, b":") {
            Some(colon) => &host_and_port[..colon],
            None => host_and_port,
        }
    }

    /// The host without a leading `www.`: how people name a site.
    pub fn site_name(&self) -> &str {
        let host = self.host();
        host.strip_prefix("www.").unwrap_or(host)
    }

    /// The path; for `mailto:` the address list.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query without its `?`, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The fragment without its `#`, if there is one.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// Whether a link to this URL may be put in front of a reader:
    /// `http(s):` with a host, or `mailto:`. Everything else (`javascript:`,
    /// `data:`, `vbscript:`, `file:`, custom schemes) is refused.
    pub fn is_safe_link(&self) -> bool {
        match self.scheme.as_str() {
            "http" | "https" => !self.host().is_empty(),
            "mailto" => true,
            _ => false,
        }
    }

    /// Whether this is a web page address (`http(s):` with a host).
    pub fn is_web(&self) -> bool {
        self.is_special() && !self.host().is_empty()
    }

    /// This URL as it should be shared: tracking parameters, credentials and
    /// text-fragment directives (`#:~:text=`) removed; the rest untouched, so
    /// a hash route of a single-page site survives.
    pub fn without_tracking(mut self) -> Url {
        if let Some(authority) = &mut self.authority {
            if let Some(at) = crate::search::rfind(authority, b"@") {
                *authority = authority[at + 1..].to_string();
            }
        }
        if let Some(query) = &self.query {
            let mut kept = String::new();
            for pair in crate::search::split(query, "&") {
                if pair.is_empty() || is_tracking_parameter(pair) {
                    continue;
                }
                if !kept.is_empty() {
                    kept.push('&');
                }
                kept.push_str(pair);
            }
            self.query = if kept.is_empty() { None } else { Some(kept) };
        }
        if let Some(fragment) = &mut self.fragment {
            if let Some(directive) = crate::search::find(fragment, ":~:") {
                fragment.truncate(directive);
            }
        }
        if self.fragment.as_deref() == Some("") {
            self.fragment = None;
        }
        self
    }

    /// The URL as text.
    pub fn as_string(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.scheme);
        out.push(':');
        if let Some(authority) = &self.authority {
            out.push_str("//");
            out.push_str(authority);
        }
        out.push_str(&self.path);
        if let Some(query) = &self.query {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = &self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }

    fn is_special(&self) -> bool {
        matches!(self.scheme.as_str(), "http" | "https")
    }

    fn from_parts(scheme: String, rest: &str) -> Option<Url> {
        let special = matches!(scheme.as_str(), "http" | "https");
        let owned;
        let rest = if special {
            owned = crate::search::replace(rest, "\\", "/");
            owned.as_str()
        } else {
            rest
        };
        let (rest, fragment) = split_off(rest, "#");
        let (rest, query) = split_off(rest, "?");
        let (authority, path) = match rest.strip_prefix("//") {
            Some(after) => {
                let end = crate::search::find(after, "/").unwrap_or(after.len());
                (Some(normalize_authority(&after[..end])?), &after[end..])
            }
            None => (None, rest),
        };
        if special && authority.as_deref().is_none_or(str::is_empty) {
            return None;
        }
        let path = if special && path.is_empty() {
            "/".to_string()
        } else if authority.is_some() || special {
            remove_dot_segments(&escape_unsafe(path))
        } else {
            escape_unsafe(path)
        };
        Some(Url {
            scheme,
            authority,
            path,
            query: query.map(escape_unsafe),
            fragment: fragment.map(escape_unsafe),
        })
    }

    /// RFC 3986 §5.2.2 for a reference without a scheme: the base's parts
    /// the reference leaves out, then the reference, parsed as one
    /// absolute URL (so escaping and dot segments are [`Url::parse`]'s).
    fn resolve(&self, reference: &str) -> Option<Url> {
        let mut text = String::new();
        text.push_str(&self.scheme);
        text.push(':');
        if !reference.starts_with("//") {
            if let Some(authority) = &self.authority {
                text.push_str("//");
                text.push_str(authority);
            }
            let path = crate::search::before_first(reference, b"?#");
            if path.is_empty() {
                text.push_str(&self.path);
                if let (false, Some(query)) = (reference.starts_with("?"), &self.query) {
                    text.push('?');
                    text.push_str(query);
                }
            } else if !path.starts_with("/") {
                // The base's directory: its path up to the last `/`.
                if self.authority.is_some() && self.path.is_empty() {
                    text.push('/');
                } else if let Some(slash) = crate::search::rfind(&self.path, b"/") {
                    text.push_str(&self.path[..=slash]);
                }
            }
        }
        text.push_str(reference);
        Url::parse(&text)
    }
}

/// Parses a URL a site owner or the page gave us and returns it as a link we
/// may render, or `None` when it is unparseable or of an unsafe scheme.
pub fn safe_link(input: &str, base: Option<&Url>) -> Option<Url> {
    let url = match base {
        Some(base) => Url::parse_with_base(input, base)?,
        None => Url::parse(input)?,
    };
    url.is_safe_link().then_some(url)
}

fn is_tracking_parameter(pair: &str) -> bool {
    let raw_name = crate::search::before_first(pair, b"=");
    let name = encode::decode_bytes(raw_name, true).to_ascii_lowercase();
    crate::search::entries(TRACKING_PARAMETERS).any(|tracked| {
        if tracked.ends_with("_") {
            name.starts_with(tracked.as_bytes())
        } else {
            name == tracked.as_bytes()
        }
    })
}

/// Trims what browsers trim around an href and drops tabs and newlines
/// inside it (`java\nscript:` is `javascript:` to a browser).
fn clean_input(input: &str) -> String {
    let trimmed = crate::search::trim_where(input, |c| c <= ' ');
    let mut cleaned = String::new();
    for c in trimmed.chars() {
        if !matches!(c, '\t' | '\n' | '\r') {
            cleaned.push(c);
        }
    }
    cleaned
}

fn split_scheme(input: &str) -> Option<(&str, &str)> {
    let colon = crate::search::find(input, ":")?;
    let scheme = &input[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some((scheme, &input[colon + 1..]))
}

fn split_off<'a>(text: &'a str, separator: &str) -> (&'a str, Option<&'a str>) {
    crate::search::split_once(text, separator)
        .map_or((text, None), |(before, after)| (before, Some(after)))
}

/// Lowercases the host and refuses characters no host may hold.
fn normalize_authority(authority: &str) -> Option<String> {
    let (userinfo, host_and_port) = match crate::search::rfind(authority, b"@") {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    if host_and_port.chars().any(|c| {
        c <= ' '
            || matches!(
                c,
                '<' | '>' | '"' | '`' | '{' | '}' | '|' | '^' | '%' | '\u{7f}'
            )
    }) {
        return None;
    }
    let mut out = String::new();
    if let Some(userinfo) = userinfo {
        out.push_str(&escape_unsafe(userinfo));
        out.push('@');
    }
    out.push_str(&host_and_port.to_ascii_lowercase());
    Some(out)
}

/// Percent-encodes what may not appear raw in a URL (spaces, quotes, angle
/// brackets, controls, non-ASCII), as a browser does when it serializes.
fn escape_unsafe(text: &str) -> String {
    let mut out = String::new();
    let mut buffer = [0u8; 4];
    for ch in text.chars() {
        if ch.is_ascii() && ch > ' ' && !matches!(ch, '"' | '<' | '>' | '`' | '{' | '}' | '\u{7f}')
        {
            out.push(ch);
        } else {
            encode::push_component(&mut out, ch.encode_utf8(&mut buffer));
        }
    }
    out
}

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let segments = crate::search::split_all(path, "/");
    let last = segments.len().saturating_sub(1);
    for (index, segment) in segments.iter().enumerate() {
        // A dot may be written `%2e`, in either case, as browsers read it.
        let dots = crate::search::replace(&segment.to_ascii_lowercase(), "%2e", ".");
        match dots.as_str() {
            "." => {
                if index == last {
                    output.push("");
                }
            }
            ".." => {
                if output.len() > 1 {
                    output.pop();
                }
                if index == last {
                    output.push("");
                }
            }
            _ => output.push(segment),
        }
    }
    let joined = crate::join::join(&output, "/");
    if path.starts_with("/") && !joined.starts_with("/") {
        let mut rooted = String::new();
        rooted.push('/');
        rooted.push_str(&joined);
        rooted
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://www.example.org/news/2019/article.html?page=2#top").unwrap()
    }

    macro_rules! resolves {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let got = Url::parse_with_base($input, &base()).map(|url| url.as_string());
                assert_eq!(got.as_deref(), $want);
            }
        )*};
    }

    resolves! {
        absolute_is_kept: "http://other.net/a" => Some("http://other.net/a");
        scheme_and_host_lowercased: "HTTPS://WWW.Example.ORG/Path" => Some("https://www.example.org/Path");
        relative_file: "other.html" => Some("https://www.example.org/news/2019/other.html");
        parent_dir: "../x" => Some("https://www.example.org/news/x");
        too_many_parents: "../../../../x" => Some("https://www.example.org/x");
        root_relative: "/about" => Some("https://www.example.org/about");
        scheme_relative: "//cdn.example.net/a" => Some("https://cdn.example.net/a");
        query_only: "?page=3" => Some("https://www.example.org/news/2019/article.html?page=3");
        fragment_only: "#comments" => Some("https://www.example.org/news/2019/article.html?page=2#comments");
        empty_is_base_without_fragment: "" => Some("https://www.example.org/news/2019/article.html?page=2");
        query_and_fragment: "?q=1#f" => Some("https://www.example.org/news/2019/article.html?q=1#f");
        relative_with_query_and_fragment: "x.html?y=1#z" => Some("https://www.example.org/news/2019/x.html?y=1#z");
        current_directory: "." => Some("https://www.example.org/news/2019/");
        parent_directory: ".." => Some("https://www.example.org/news/");
        encoded_dot_segments: "%2e%2E/y" => Some("https://www.example.org/news/y");
        scheme_relative_with_query: "//cdn.example.net?x#y" => Some("https://cdn.example.net/?x#y");
        dot_segments_in_absolute: "https://a.org/b/./c/../d" => Some("https://a.org/b/d");
        backslashes_are_slashes: "https:\\\\evil.example\\x" => Some("https://evil.example/x");
        spaces_are_encoded: "/a b\"c" => Some("https://www.example.org/a%20b%22c");
        unicode_path_is_encoded: "/é" => Some("https://www.example.org/%C3%A9");
        surrounding_space_trimmed: "  /x \n" => Some("https://www.example.org/x");
        tabs_and_newlines_inside_dropped: "/a\tb\né\r/\nc" => Some("https://www.example.org/ab%C3%A9/c");
        http_without_host_refused: "https:///x" => None;
        bad_host_refused: "https://exa mple.org/" => None;
        root_path_added: "https://example.org" => Some("https://example.org/");
        port_kept: "https://example.org:8443/x" => Some("https://example.org:8443/x");
    }

    macro_rules! safety {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let got = safe_link($input, Some(&base())).map(|url| url.as_string());
                assert_eq!(got.as_deref(), $want);
            }
        )*};
    }

    safety! {
        https_ok: "https://x.org/" => Some("https://x.org/");
        mailto_ok: "mailto:editor@example.org?subject=Hi" => Some("mailto:editor@example.org?subject=Hi");
        javascript_refused: "javascript:alert(1)" => None;
        javascript_mixed_case_refused: "JaVaScRiPt:alert(1)" => None;
        javascript_with_newline_refused: "java\nscript:alert(1)" => None;
        javascript_with_leading_control_refused: "\u{1}javascript:alert(1)" => None;
        data_refused: "data:text/html,<script>alert(1)</script>" => None;
        vbscript_refused: "vbscript:msgbox" => None;
        file_refused: "file:///etc/passwd" => None;
        relative_resolves_to_https: "/discuss" => Some("https://www.example.org/discuss");
    }

    macro_rules! cleans {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let url = Url::parse($input).unwrap();
                assert_eq!(url.without_tracking().as_string(), $want);
            }
        )*};
    }

    cleans! {
        utm_all_removed: "https://a.org/p?utm_source=x&utm_medium=y&utm_campaign=z" => "https://a.org/p";
        utm_keeps_others: "https://a.org/p?id=5&utm_source=x&page=2" => "https://a.org/p?id=5&page=2";
        click_ids_removed: "https://a.org/p?fbclid=1&gclid=2&msclkid=3&mc_cid=4&mc_eid=5&dclid=6" => "https://a.org/p";
        case_insensitive_names: "https://a.org/p?UTM_Source=x&FBCLID=y&q=1" => "https://a.org/p?q=1";
        encoded_names: "https://a.org/p?utm%5Fsource=x&q=1" => "https://a.org/p?q=1";
        similar_names_kept: "https://a.org/p?utmost=1&gclidx=2" => "https://a.org/p?utmost=1&gclidx=2";
        empty_pairs_dropped: "https://a.org/p?&&q=1&" => "https://a.org/p?q=1";
        text_fragment_removed: "https://a.org/p#:~:text=quote" => "https://a.org/p";
        fragment_then_directive: "https://a.org/p#section:~:text=quote" => "https://a.org/p#section";
        hash_route_kept: "https://a.org/#/articles/5?utm_source=x" => "https://a.org/#/articles/5?utm_source=x";
        credentials_removed: "https://user:secret@a.org/p" => "https://a.org/p";
    }

    #[test]
    fn host_and_site_name() {
        let url = Url::parse("https://user@WWW.GlobalResearch.ca:8080/x").unwrap();
        assert_eq!(url.host(), "www.globalresearch.ca");
        assert_eq!(url.site_name(), "globalresearch.ca");
        assert_eq!(Url::parse("https://[::1]:80/").unwrap().host(), "[::1]");
    }

    #[test]
    fn relative_is_not_absolute() {
        assert_eq!(Url::parse("/x"), None);
        assert_eq!(Url::parse("1http://x"), None);
        assert_eq!(Url::parse(""), None);
    }
}
