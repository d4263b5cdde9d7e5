//! What the page says about its article, and which source wins.
//!
//! The DOM layer copies the page into a [`PageSnapshot`]; everything after
//! that is here. Each source becomes a [`Partial`] description, and the
//! [`Article`] takes each field from the first source that has it:
//! `data-*` attributes, then JSON-LD, then Highwire `citation_*`, then Open
//! Graph (`og:*`, `article:*`, Twitter cards), then Dublin Core, then the
//! page's own fallbacks (`meta[name=author]`, `meta[name=description]`,
//! `<link rel=canonical>`, `document.title`, `location`).

use crate::date::Date;
use crate::json::Json;
use crate::url::Url;
use crate::warning::{Warning, WarningKind};
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// Whether a creator is a person or an organisation; citation styles write
/// the two differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreatorKind {
    Person,
    Organization,
}

/// An author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Creator {
    pub name: String,
    pub kind: CreatorKind,
}

impl Creator {
    pub fn person(name: String) -> Creator {
        Creator {
            name,
            kind: CreatorKind::Person,
        }
    }

    pub fn organization(name: String) -> Creator {
        Creator {
            name,
            kind: CreatorKind::Organization,
        }
    }
}

/// What one source says; every field optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Partial {
    /// The text fields, by [`Text`]: as an array, one loop compares,
    /// copies and drops them all, where a field each was a step each (and
    /// [`PageMetadata::article`] picks them by index, not by a closure
    /// per field).
    pub(crate) texts: [Option<String>; Text::COUNT],
    pub authors: Vec<Creator>,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub kind: Option<ArticleKind>,
}

/// A text field of a [`Partial`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Url,
    Title,
    Publisher,
    Site,
    Description,
    Image,
    /// The journal's name, for scholarly articles.
    Journal,
    Volume,
    Issue,
    /// "512-538" or "17".
    Pages,
    /// A bare DOI: `10.1234/abc`.
    Doi,
}

impl Text {
    /// How many there are: the last one's index, plus one.
    const COUNT: usize = Text::Doi as usize + 1;
}

impl Partial {
    /// What the source says for `field`, if anything.
    pub fn text(&self, field: Text) -> Option<&str> {
        self.texts[field as usize].as_deref()
    }

    /// Says `value` for `field`.
    pub fn set(&mut self, field: Text, value: Option<String>) {
        self.texts[field as usize] = value;
    }

    /// `field`'s value, leaving nothing in its place.
    fn take(&mut self, field: Text) -> Option<String> {
        self.texts[field as usize].take()
    }
}

/// What sort of article a page holds, as far as citations care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleKind {
    #[default]
    WebPage,
    News,
    Blog,
    Journal,
}

/// The article being shared, every field settled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Absolute, `http(s):`, tracking parameters removed.
    pub url: String,
    pub title: String,
    pub authors: Vec<Creator>,
    /// The publisher's name; the site's name when none is given.
    pub publisher: String,
    /// The site's name; its host name when none is given.
    pub site: String,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub description: String,
    /// Absolute `http(s):` image URL.
    pub image: Option<String>,
    pub kind: ArticleKind,
    pub journal: String,
    pub volume: String,
    pub issue: String,
    pub pages: String,
    pub doi: String,
}

/// The parts of a page that describe its article, as the DOM layer read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSnapshot {
    /// `location.href`.
    pub location: String,
    /// `document.baseURI`, against which relative URLs resolve.
    pub base: String,
    /// `document.title`.
    pub title: String,
    /// `<html lang>`.
    pub lang: String,
    /// `<link rel=canonical href>`, as written.
    pub canonical: Option<String>,
    /// `<meta>` elements as (`name` or `property`, lowercased; `content`),
    /// in document order.
    pub metas: Vec<(String, String)>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
}

/// Where JSON-LD problems are reported from.
pub const JSON_LD_SOURCE: &str = "script[type=\"application/ld+json\"]";

/// A page's metadata, read once and shared by every placement on it.
#[derive(Clone, Debug, PartialEq)]
pub struct PageMetadata {
    /// JSON-LD, citation, Open Graph, Dublin Core, fallbacks: in precedence order.
    tiers: [Partial; 5],
    base: Option<Url>,
    /// What the page was read from, to tell which sources went stale.
    location: String,
    canonical: Option<String>,
    lang: String,
}

impl PageMetadata {
    /// Reads every source of `page`, JSON-LD with the core's own reader;
    /// malformed JSON-LD blocks are skipped with a warning each.
    pub fn read(page: &PageSnapshot) -> (PageMetadata, Vec<Warning>) {
        PageMetadata::read_with(page, &|json| {
            Json::parse(json).map_err(|error| error.reason())
        })
    }

    /// [`PageMetadata::read`], with `parse` reading each JSON-LD block
    /// (once unwrapped, and not empty) or saying why it is not JSON. The
    /// widget passes the browser's `JSON.parse`, so the core's reader is
    /// not in its download.
    pub fn read_with(
        page: &PageSnapshot,
        parse: &dyn Fn(&str) -> Result<Json, String>,
    ) -> (PageMetadata, Vec<Warning>) {
        let base = Url::parse(&page.base).or_else(|| Url::parse(&page.location));
        let location = Url::parse(&page.location);
        let mut warnings = Vec::new();
        let mut documents = Vec::new();
        for block in &page.json_ld {
            let json = crate::jsonld::unwrap(block);
            if json.is_empty() {
                continue;
            }
            match parse(json) {
                Ok(document) => documents.push(document),
                Err(reason) => warnings.push(Warning::new(
                    JSON_LD_SOURCE,
                    crate::search::trim(block),
                    WarningKind::MalformedJsonLd(reason),
                )),
            }
        }
        let canonical = page
            .canonical
            .as_deref()
            .and_then(|href| resolve_web(href, base.as_ref()));
        let page_url = canonical.as_ref().or(location.as_ref());
        let json_ld = crate::jsonld::extract(&documents, base.as_ref(), page_url);
        let metas = Metas {
            metas: &page.metas,
            base: base.as_ref(),
        };
        let tiers = [
            json_ld,
            metas.partial(CITATION),
            metas.partial(OPEN_GRAPH),
            metas.partial(DUBLIN_CORE),
            metas.fallbacks(page, canonical),
        ];
        let metadata = PageMetadata {
            tiers,
            base,
            location: page.location.clone(),
            canonical: page.canonical.clone(),
            lang: page.lang.clone(),
        };
        (metadata, warnings)
    }

    /// The document's language, `<html lang>`.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The page's base URL, if it has a usable one.
    pub fn base(&self) -> Option<&Url> {
        self.base.as_ref()
    }

    /// The article, with `overrides` (from `data-*` attributes) on top of
    /// what the page says.
    pub fn article(&self, overrides: &Partial) -> Article {
        let layers: [&Partial; 6] = [
            overrides,
            &self.tiers[0],
            &self.tiers[1],
            &self.tiers[2],
            &self.tiers[3],
            &self.tiers[4],
        ];
        let first = |field: Text| first_text(&layers, field);
        // The field's text, empty when no source has it.
        let text = |field: Text| first(field).unwrap_or_default();
        let url = first(Text::Url)
            .and_then(|url| Url::parse(&url))
            .map(Url::without_tracking);
        let host_name = url
            .as_ref()
            .map(|u| u.site_name().to_string())
            .unwrap_or_default();
        let url = url.map(|u| u.as_string()).unwrap_or_default();
        let site = first(Text::Site).unwrap_or(host_name);
        let publisher = first(Text::Publisher).unwrap_or_else(|| site.clone());
        // Metadata titles are the article's (every layer but the last, the
        // fallbacks); only the document title carries the site's name after it.
        let title = first_text(&layers[..5], Text::Title).unwrap_or_else(|| {
            let document_title = self.tiers[4].text(Text::Title).unwrap_or("");
            strip_site_suffix(document_title, &[&site, &publisher])
        });
        let authors = layers
            .iter()
            .map(|l| &l.authors)
            .find(|a| !a.is_empty())
            .cloned()
            .unwrap_or_default();
        Article {
            url,
            title,
            authors,
            publisher,
            site,
            published: layers.iter().find_map(|l| l.published),
            modified: layers.iter().find_map(|l| l.modified),
            description: text(Text::Description),
            image: first(Text::Image),
            kind: layers.iter().find_map(|l| l.kind).unwrap_or_default(),
            journal: text(Text::Journal),
            volume: text(Text::Volume),
            issue: text(Text::Issue),
            pages: text(Text::Pages),
            doi: text(Text::Doi),
        }
    }

    /// This page's metadata with every source that still says exactly what
    /// `initial` said dropped, when the address has changed since: after a
    /// single-page navigation, a canonical link or JSON-LD block the site
    /// forgot to update describes the previous article, and the new
    /// location and title are the truth.
    pub fn without_stale(mut self, initial: &PageMetadata) -> PageMetadata {
        if self.location == initial.location {
            return self;
        }
        for (tier, old) in self.tiers.iter_mut().zip(initial.tiers.iter()).take(4) {
            if tier == old {
                // The site's and publisher's names are not the article's: keep them.
                let mut kept = Partial::default();
                for field in [Text::Publisher, Text::Site] {
                    kept.set(field, tier.take(field));
                }
                *tier = kept;
            }
        }
        if self.canonical.is_some() && self.canonical == initial.canonical {
            let location = Url::parse(&self.location).filter(Url::is_web);
            self.tiers[4].set(Text::Url, location.map(|u| u.as_string()));
        }
        self
    }
}

/// The first text that `layers`, in order, give for `field` and that is
/// not empty.
fn first_text(layers: &[&Partial], field: Text) -> Option<String> {
    layers.iter().find_map(|layer| {
        layer
            .text(field)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    })
}

/// "Article title | Site" → "Article title", when "Site" is the site's or
/// publisher's name.
fn strip_site_suffix(title: &str, names: &[&str]) -> String {
    for name in names.iter().filter(|n| !n.is_empty()) {
        for &separator in &[" | ", " - ", " – ", " — ", " · ", " :: "] {
            let mut suffix = String::new();
            suffix.push_str(separator);
            suffix.push_str(name);
            if let Some(stripped) = title.strip_suffix(suffix.as_str()) {
                let stripped = crate::search::trim(stripped);
                if !stripped.is_empty() {
                    return stripped.to_string();
                }
            }
        }
    }
    title.to_string()
}

fn resolve_web(href: &str, base: Option<&Url>) -> Option<Url> {
    let url = match base {
        Some(base) => Url::parse_with_base(href, base)?,
        None => Url::parse(href)?,
    };
    url.is_web().then_some(url)
}

struct Metas<'a> {
    metas: &'a [(String, String)],
    base: Option<&'a Url>,
}

impl Metas<'_> {
    /// Hands `visit` each non-empty content under `key`, whitespace
    /// squashed, until it returns `true`. One loop behind a trait object:
    /// chains of iterator adapters were a copy per caller in the wasm.
    fn each(&self, key: &str, visit: &mut dyn FnMut(String) -> bool) {
        for (name, content) in self.metas {
            if name == key {
                let content = crate::encode::squash_whitespace(content);
                if !content.is_empty() && visit(content) {
                    return;
                }
            }
        }
    }

    /// The first content under `keys` (a list of
    /// [`crate::search::entries`]), tried in order, that `read` accepts, as
    /// `read` returns it. Text only: one copy of this for every reader
    /// (dates are found as text, then parsed). `read` is a function
    /// pointer, handed these metas, rather than a trait object: no vtable
    /// and shims for each reader.
    fn find(
        &self,
        keys: &'static str,
        read: fn(&Metas, String) -> Option<String>,
    ) -> Option<String> {
        let mut found = None;
        for key in crate::search::entries(keys) {
            self.each(key, &mut |content| {
                found = read(self, content);
                found.is_some()
            });
            if found.is_some() {
                break;
            }
        }
        found
    }

    fn first(&self, keys: &'static str) -> Option<String> {
        self.find(keys, |_, text| Some(text))
    }

    fn url(&self, keys: &'static str) -> Option<String> {
        self.find(keys, |metas, href| {
            resolve_web(&href, metas.base).map(|u| u.as_string())
        })
    }

    fn date(&self, keys: &'static str) -> Option<Date> {
        let text = self.find(keys, |_, text| Date::parse(&text).map(|_| text))?;
        Date::parse(&text)
    }

    /// Names only: `article:author` is often a profile URL, which is not one.
    /// Library-style "Family, Given" (as `citation_author` has it) is
    /// turned round to the way a byline reads.
    fn names(&self, key: &str) -> Vec<Creator> {
        let mut names = Vec::new();
        self.each(key, &mut |name| {
            if !looks_like_url(&name) {
                names.push(Creator::person(byline_order(name)));
            }
            false
        });
        names
    }

    /// What the tags of one source say, read by its list ([`CITATION`]…).
    fn partial(&self, tags: &'static str) -> Partial {
        let mut partial = Partial::default();
        let mut last_page = None;
        for (keys, slot) in crate::search::split(tags, ";").zip(Slot::ALL) {
            if keys.is_empty() {
                continue;
            }
            // Slots read alike share one call, into the field the slot
            // names: a call per kind of reading, not per field (0.4 KB
            // less wasm).
            match slot {
                Slot::Authors => {
                    for key in crate::search::entries(keys) {
                        partial.authors = self.names(key);
                        if !partial.authors.is_empty() {
                            break;
                        }
                    }
                }
                // `article:publisher` is often the publisher's Facebook
                // page; a URL is no one's name.
                Slot::Publisher => partial.set(
                    Text::Publisher,
                    self.find(keys, |_, name| (!looks_like_url(&name)).then_some(name)),
                ),
                Slot::Published | Slot::Modified => {
                    let field = match slot {
                        Slot::Published => &mut partial.published,
                        _ => &mut partial.modified,
                    };
                    *field = self.date(keys);
                }
                Slot::Url | Slot::Image => {
                    let field = match slot {
                        Slot::Url => Text::Url,
                        _ => Text::Image,
                    };
                    partial.set(field, self.url(keys));
                }
                Slot::Doi => {
                    partial.set(Text::Doi, self.first(keys).and_then(|doi| bare_doi(&doi)))
                }
                Slot::LastPage => last_page = self.first(keys),
                // The first page goes where the range will.
                Slot::Title
                | Slot::Site
                | Slot::Description
                | Slot::Journal
                | Slot::Volume
                | Slot::Issue
                | Slot::FirstPage => {
                    let field = match slot {
                        Slot::Title => Text::Title,
                        Slot::Site => Text::Site,
                        Slot::Description => Text::Description,
                        Slot::Journal => Text::Journal,
                        Slot::Volume => Text::Volume,
                        Slot::Issue => Text::Issue,
                        _ => Text::Pages,
                    };
                    partial.set(field, self.first(keys));
                }
            }
        }
        if let (Some(first), Some(last)) = (partial.text(Text::Pages), &last_page) {
            if first != last {
                let range = crate::join::concat(&[first, "-", last]);
                partial.set(Text::Pages, Some(range));
            }
        }
        partial.kind = partial.text(Text::Journal).map(|_| ArticleKind::Journal);
        partial
    }

    /// The page's own fallbacks: its meta author and description, then
    /// its canonical link or location and its title.
    fn fallbacks(&self, page: &PageSnapshot, canonical: Option<Url>) -> Partial {
        let location = Url::parse(&page.location).filter(Url::is_web);
        let mut partial = self.partial(FALLBACKS);
        partial.set(Text::Url, canonical.or(location).map(|u| u.as_string()));
        let title = crate::encode::squash_whitespace(&page.title);
        partial.set(Text::Title, Some(title).filter(|t| !t.is_empty()));
        partial
    }
}

/// A field of [`Partial`] that meta tags fill, in the order of each
/// source's tags ([`CITATION`]…).
#[derive(Clone, Copy)]
enum Slot {
    Url,
    Title,
    /// Names only (see [`Metas::names`]); the first key with any wins.
    Authors,
    Publisher,
    Site,
    Published,
    Modified,
    Description,
    Image,
    Journal,
    Volume,
    Issue,
    FirstPage,
    LastPage,
    /// Read as a bare DOI, when it is one.
    Doi,
}

impl Slot {
    const ALL: [Slot; 15] = [
        Slot::Url,
        Slot::Title,
        Slot::Authors,
        Slot::Publisher,
        Slot::Site,
        Slot::Published,
        Slot::Modified,
        Slot::Description,
        Slot::Image,
        Slot::Journal,
        Slot::Volume,
        Slot::Issue,
        Slot::FirstPage,
        Slot::LastPage,
        Slot::Doi,
    ];
}

// Each source's tags, as one string per source: for each [`Slot`] in its
// order, the tags that may fill it ([`crate::search::entries`], the first
// the page has wins), then `;`. An empty slot is not read from that
// source. (As a table of slots and names, each entry was a tag and the
// address and length of its names, 0.35 KB of data that deflate barely
// shrank.)

/// Highwire Press tags, as Google Scholar reads them.
const CITATION: &str = concat!(
    "citation_public_url|citation_abstract_html_url|citation_fulltext_html_url;", // url
    "citation_title;",                                                            // title
    "citation_author;",                                                           // authors
    "citation_publisher|citation_technical_report_institution;",                  // publisher
    ";",                                                                          // site
    "citation_publication_date|citation_date|citation_online_date|citation_cover_date;", // published
    ";",                                                                                 // modified
    "citation_abstract;",                                // description
    ";",                                                 // image
    "citation_journal_title|citation_conference_title;", // journal
    "citation_volume;",                                  // volume
    "citation_issue;",                                   // issue
    "citation_firstpage;",                               // first page
    "citation_lastpage;",                                // last page
    "citation_doi",                                      // DOI
);

/// Open Graph and its `article:` namespace, then Twitter cards.
const OPEN_GRAPH: &str = concat!(
    "og:url;",                                                                   // url
    "og:title|twitter:title;",                                                   // title
    "article:author;",                                                           // authors
    "article:publisher;",                                                        // publisher
    "og:site_name;",                                                             // site
    "article:published_time|og:published_time;",                                 // published
    "article:modified_time|og:updated_time;",                                    // modified
    "og:description|twitter:description;",                                       // description
    "og:image:secure_url|og:image:url|og:image|twitter:image|twitter:image:src", // image
);

const DUBLIN_CORE: &str = concat!(
    "dc.identifier|dcterms.identifier;", // url
    "dc.title|dcterms.title;",           // title
    "dc.creator|dcterms.creator;",       // authors
    "dc.publisher|dcterms.publisher;",   // publisher
    ";",                                 // site
    "dcterms.issued|dc.date.issued|dc.date|dcterms.date|dcterms.created;", // published
    "dcterms.modified|dc.date.modified;", // modified
    "dc.description|dcterms.description|dcterms.abstract;", // description
    ";;;;;;",                            // image, journal, volume, issue, first and last page
    "dc.identifier|dcterms.identifier",  // DOI
);

/// The page's own: its meta author, application name and description.
const FALLBACKS: &str = ";;author;;application-name;;;description";

/// A DOI from `10.1234/x`, `doi:10.1234/x` or `https://doi.org/10.1234/x`.
pub fn bare_doi(text: &str) -> Option<String> {
    let start = crate::search::find(text, "10.")?;
    let doi = crate::search::trim(&text[start..]);
    let (prefix, suffix) = crate::search::split_once(doi, "/")?;
    let registrant = &prefix[3..];
    (registrant.len() >= 4
        && crate::search::all_bytes(registrant, |b| b.is_ascii_digit() || b == b'.')
        && !suffix.is_empty())
    .then(|| doi.to_string())
}

/// "Korybko, Andrew" → "Andrew Korybko"; "King, Martin Luther, Jr." →
/// "Martin Luther King, Jr."; names in reading order are kept as written.
/// Only the comma moves, so the widget needs none of the citation name
/// parser (particles, initials), which lives in the citation module.
fn byline_order(name: String) -> String {
    use crate::cite::names::{byline, split_inverted};
    match split_inverted(crate::search::trim(&name)) {
        Some((family, given, suffix)) => byline(&[given, family], suffix),
        None => name,
    }
}

fn looks_like_url(text: &str) -> bool {
    text.starts_with("//")
        || Url::parse(text).is_some_and(|u| u.is_web())
        || text.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each source's tags for `slot`, as [`Metas::partial`] reads them.
    fn tags_for(list: &'static str, slot: Slot) -> &'static str {
        crate::search::split(list, ";")
            .nth(slot as usize)
            .unwrap_or("")
    }

    #[test]
    fn each_sources_tags_fill_the_slots_they_name() {
        for list in [CITATION, OPEN_GRAPH, DUBLIN_CORE, FALLBACKS] {
            assert!(crate::search::split(list, ";").count() <= Slot::ALL.len());
        }
        assert_eq!(
            tags_for(CITATION, Slot::Url),
            "citation_public_url|citation_abstract_html_url|citation_fulltext_html_url"
        );
        assert_eq!(tags_for(CITATION, Slot::Site), "");
        assert_eq!(
            tags_for(CITATION, Slot::Journal),
            "citation_journal_title|citation_conference_title"
        );
        assert_eq!(tags_for(CITATION, Slot::LastPage), "citation_lastpage");
        assert_eq!(tags_for(CITATION, Slot::Doi), "citation_doi");
        assert_eq!(tags_for(OPEN_GRAPH, Slot::Site), "og:site_name");
        assert!(tags_for(OPEN_GRAPH, Slot::Image).starts_with("og:image:secure_url|"));
        assert_eq!(tags_for(OPEN_GRAPH, Slot::Doi), "");
        assert_eq!(
            tags_for(DUBLIN_CORE, Slot::Modified),
            "dcterms.modified|dc.date.modified"
        );
        assert_eq!(tags_for(DUBLIN_CORE, Slot::Image), "");
        assert_eq!(
            tags_for(DUBLIN_CORE, Slot::Doi),
            "dc.identifier|dcterms.identifier"
        );
        assert_eq!(tags_for(FALLBACKS, Slot::Authors), "author");
        assert_eq!(tags_for(FALLBACKS, Slot::Site), "application-name");
        assert_eq!(tags_for(FALLBACKS, Slot::Description), "description");
    }

    fn page() -> PageSnapshot {
        PageSnapshot {
            location:
                "https://www.globalresearch.ca/us-ultimatum/5678141?utm_source=newsletter&fbclid=1"
                    .into(),
            base: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
            title: "The U.S. Ultimatum on Huawei Is Backfiring | Global Research".into(),
            lang: "en".into(),
            canonical: None,
            metas: vec![],
            json_ld: vec![],
        }
    }

    fn meta(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn article(page: &PageSnapshot) -> Article {
        PageMetadata::read(page).0.article(&Partial::default())
    }

    #[test]
    fn bare_page_falls_back_to_location_and_title() {
        let got = article(&page());
        assert_eq!(
            got.url,
            "https://www.globalresearch.ca/us-ultimatum/5678141"
        );
        assert_eq!(
            got.title,
            "The U.S. Ultimatum on Huawei Is Backfiring | Global Research"
        );
        assert_eq!(got.site, "globalresearch.ca");
        assert_eq!(got.publisher, "globalresearch.ca");
        assert!(got.authors.is_empty());
    }

    #[test]
    fn document_title_loses_the_site_suffix_when_the_site_is_known() {
        let mut p = page();
        p.metas = meta(&[("og:site_name", "Global Research")]);
        assert_eq!(
            article(&p).title,
            "The U.S. Ultimatum on Huawei Is Backfiring"
        );
    }

    /// One row per field: which source wins when every source has it.
    #[test]
    fn precedence_is_attributes_jsonld_citation_og_dc_fallback() {
        let mut p = page();
        p.canonical = Some("/canonical".into());
        p.metas = meta(&[
            ("citation_title", "citation title"),
            ("citation_author", "Citation, Author"),
            ("citation_publication_date", "2003/03/03"),
            ("citation_public_url", "https://c.example/citation"),
            ("og:title", "og title"),
            ("og:url", "https://c.example/og"),
            ("article:author", "OG Author"),
            ("article:published_time", "2004-04-04"),
            ("og:description", "og description"),
            ("og:site_name", "OG Site"),
            ("dc.title", "dc title"),
            ("dc.creator", "DC Author"),
            ("dc.date", "2005-05-05"),
            ("dc.publisher", "DC Publisher"),
            ("author", "Meta Author"),
            ("description", "meta description"),
        ]);
        p.json_ld = vec![r#"{"@type":"Article","headline":"json title","author":"JSON Author","datePublished":"2002-02-02","url":"https://c.example/json"}"#.into()];
        let (metadata, warnings) = PageMetadata::read(&p);
        assert!(warnings.is_empty());

        let mut overrides = Partial {
            authors: vec![Creator::person("Attr Author".into())],
            published: Date::parse("2001-01-01"),
            ..Partial::default()
        };
        overrides.set(Text::Title, Some("attribute title".into()));
        overrides.set(Text::Url, Some("https://c.example/attr".into()));
        let got = metadata.article(&overrides);
        assert_eq!(got.title, "attribute title");
        assert_eq!(got.authors[0].name, "Attr Author");
        assert_eq!(got.published, Date::parse("2001-01-01"));
        assert_eq!(got.url, "https://c.example/attr");

        let got = metadata.article(&Partial::default());
        assert_eq!(
            (
                got.title.as_str(),
                got.authors[0].name.as_str(),
                got.published,
                got.url.as_str()
            ),
            (
                "json title",
                "JSON Author",
                Date::parse("2002-02-02"),
                "https://c.example/json"
            )
        );
        assert_eq!(got.description, "og description");
        assert_eq!(got.publisher, "DC Publisher");
        assert_eq!(got.site, "OG Site");

        p.json_ld.clear();
        let got = article(&p);
        assert_eq!(
            (
                got.title.as_str(),
                got.authors[0].name.as_str(),
                got.published,
                got.url.as_str()
            ),
            (
                "citation title",
                "Author Citation",
                Date::parse("2003-03-03"),
                "https://c.example/citation"
            )
        );

        p.metas.retain(|(k, _)| !k.starts_with("citation_"));
        let got = article(&p);
        assert_eq!(
            (
                got.title.as_str(),
                got.authors[0].name.as_str(),
                got.published,
                got.url.as_str()
            ),
            (
                "og title",
                "OG Author",
                Date::parse("2004-04-04"),
                "https://c.example/og"
            )
        );

        p.metas
            .retain(|(k, _)| !k.starts_with("og:") && !k.starts_with("article:"));
        let got = article(&p);
        assert_eq!(
            (
                got.title.as_str(),
                got.authors[0].name.as_str(),
                got.published
            ),
            ("dc title", "DC Author", Date::parse("2005-05-05"))
        );
        assert_eq!(
            got.url, "https://www.globalresearch.ca/canonical",
            "canonical outranks location"
        );

        p.metas.retain(|(k, _)| !k.starts_with("dc."));
        let got = article(&p);
        assert_eq!(got.authors[0].name, "Meta Author");
        assert_eq!(got.description, "meta description");
        assert_eq!(got.published, None);
    }

    #[test]
    fn bylines_agree_with_the_citation_name_parser() {
        for name in [
            "Korybko, Andrew",
            "van Beethoven, Ludwig",
            "Beethoven, Ludwig van",
            "de La Fontaine, Jean",
            "King, Martin Luther, Jr.",
            "King, Martin Luther, III",
            "Martin Luther King, Jr.",
            "  Korybko ,  Andrew  ",
            "Plato",
            "Andrew Korybko",
        ] {
            assert_eq!(
                byline_order(name.into()),
                crate::cite::names::parse_person(name).reading_order(),
                "{name}"
            );
        }
    }

    #[test]
    fn inverted_names_read_as_bylines() {
        assert_eq!(byline_order("Korybko, Andrew".into()), "Andrew Korybko");
        assert_eq!(
            byline_order("van Beethoven, Ludwig".into()),
            "Ludwig van Beethoven"
        );
        assert_eq!(
            byline_order("King, Martin Luther, Jr.".into()),
            "Martin Luther King, Jr."
        );
        assert_eq!(
            byline_order("Martin Luther King, Jr.".into()),
            "Martin Luther King, Jr."
        );
        assert_eq!(byline_order("Andrew Korybko".into()), "Andrew Korybko");
    }

    #[test]
    fn journal_metadata_from_highwire_tags() {
        let mut p = page();
        p.metas = meta(&[
            ("citation_journal_title", "Journal of Web Engineering"),
            ("citation_volume", "23"),
            ("citation_issue", "4"),
            ("citation_firstpage", "512"),
            ("citation_lastpage", "538"),
            ("citation_doi", "https://doi.org/10.1234/jwe.2024.0412"),
        ]);
        let got = article(&p);
        assert_eq!(got.kind, ArticleKind::Journal);
        assert_eq!(
            (
                got.journal.as_str(),
                got.volume.as_str(),
                got.issue.as_str(),
                got.pages.as_str(),
                got.doi.as_str()
            ),
            (
                "Journal of Web Engineering",
                "23",
                "4",
                "512-538",
                "10.1234/jwe.2024.0412"
            )
        );
        p.json_ld = vec![r#"{"@type":"BlogPosting","headline":"A post"}"#.into()];
        assert_eq!(
            article(&p).kind,
            ArticleKind::Blog,
            "JSON-LD outranks citation_*"
        );
    }

    #[test]
    fn dois_are_recognised_in_their_usual_forms() {
        for text in [
            "10.1234/abc",
            "doi:10.1234/abc",
            "https://doi.org/10.1234/abc",
            " DOI: 10.1234/abc ",
        ] {
            assert_eq!(bare_doi(text).as_deref(), Some("10.1234/abc"), "{text}");
        }
        assert_eq!(bare_doi("10.12/abc"), None);
        assert_eq!(bare_doi("https://example.org/"), None);
    }

    #[test]
    fn url_valued_article_author_is_not_a_name() {
        let mut p = page();
        p.metas = meta(&[
            ("article:author", "https://www.facebook.com/someone"),
            (
                "article:publisher",
                "https://www.facebook.com/GlobalResearchCRG",
            ),
            ("author", "Andrew Korybko"),
        ]);
        let got = article(&p);
        assert_eq!(got.authors, vec![Creator::person("Andrew Korybko".into())]);
        assert_eq!(got.publisher, "globalresearch.ca");
    }

    #[test]
    fn a_url_is_no_source_s_publisher() {
        for key in ["citation_publisher", "article:publisher", "dc.publisher"] {
            let mut p = page();
            p.metas = meta(&[
                (key, "https://www.globalresearch.ca/"),
                ("dcterms.publisher", "Global Research"),
            ]);
            assert_eq!(article(&p).publisher, "Global Research", "{key}");
        }
    }

    #[test]
    fn malformed_json_ld_warns_and_the_rest_is_used() {
        let mut p = page();
        p.json_ld = vec![
            "{\"@type\": \"Article\", oops}".into(),
            r#"{"@type":"Article","headline":"Good"}"#.into(),
        ];
        let (metadata, warnings) = PageMetadata::read(&p);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].source(), JSON_LD_SOURCE);
        assert_eq!(
            warnings[0].kind(),
            &WarningKind::MalformedJsonLd("at byte 21".into())
        );
        assert_eq!(metadata.article(&Partial::default()).title, "Good");
    }

    #[test]
    fn json_ld_goes_to_the_given_reader_unwrapped_and_its_reason_is_reported() {
        let mut p = page();
        p.json_ld = vec![
            "<!-- {\"x\":1} -->".into(),
            " \n ".into(),
            " broken ".into(),
        ];
        let seen = core::cell::RefCell::new(Vec::new());
        let (metadata, warnings) = PageMetadata::read_with(&p, &|json| {
            seen.borrow_mut().push(json.to_string());
            if json == "broken" {
                return Err("the reader's reason".into());
            }
            Json::parse(r#"{"@type":"Article","headline":"Read"}"#).map_err(|e| e.reason())
        });
        assert_eq!(*seen.borrow(), ["{\"x\":1}", "broken"]);
        assert_eq!(
            warnings,
            [Warning::new(
                JSON_LD_SOURCE,
                "broken",
                WarningKind::MalformedJsonLd("the reader's reason".into())
            )]
        );
        assert_eq!(metadata.article(&Partial::default()).title, "Read");
    }

    #[test]
    fn shared_url_loses_tracking_and_unsafe_urls_are_skipped() {
        let mut p = page();
        p.metas = meta(&[("og:url", "javascript:alert(1)"), ("og:image", "data:x")]);
        let got = article(&p);
        assert_eq!(
            got.url,
            "https://www.globalresearch.ca/us-ultimatum/5678141"
        );
        assert_eq!(got.image, None);
    }

    #[test]
    fn relative_metadata_urls_resolve_against_base() {
        let mut p = page();
        p.metas = meta(&[("og:url", "/short"), ("og:image", "../img/a.png")]);
        let got = article(&p);
        assert_eq!(got.url, "https://www.globalresearch.ca/short");
        assert_eq!(
            got.image.as_deref(),
            Some("https://www.globalresearch.ca/img/a.png")
        );
    }

    #[test]
    fn stale_sources_are_dropped_after_navigation() {
        let mut first = page();
        first.canonical = Some("https://www.globalresearch.ca/first".into());
        first.metas = meta(&[
            ("og:title", "First article"),
            ("og:url", "https://www.globalresearch.ca/first"),
        ]);
        first.title = "First article".into();
        let (initial, _) = PageMetadata::read(&first);

        let mut second = first.clone();
        second.location = "https://www.globalresearch.ca/second".into();
        second.title = "Second article".into();
        let (now, _) = PageMetadata::read(&second);
        let got = now.without_stale(&initial).article(&Partial::default());
        assert_eq!(got.url, "https://www.globalresearch.ca/second");
        assert_eq!(got.title, "Second article");

        // The site's name survives, and still trims the document title.
        let mut named = first.clone();
        named
            .metas
            .push(("og:site_name".into(), "Global Research".into()));
        let (initial_named, _) = PageMetadata::read(&named);
        let mut next = named.clone();
        next.location = "https://www.globalresearch.ca/next".into();
        next.title = "Next article | Global Research".into();
        let (now, _) = PageMetadata::read(&next);
        let got = now
            .without_stale(&initial_named)
            .article(&Partial::default());
        assert_eq!(
            (got.title.as_str(), got.site.as_str()),
            ("Next article", "Global Research")
        );

        let mut updated = second.clone();
        updated.metas = meta(&[
            ("og:title", "Second, from og"),
            ("og:url", "https://www.globalresearch.ca/second-og"),
        ]);
        let (now, _) = PageMetadata::read(&updated);
        let got = now.without_stale(&initial).article(&Partial::default());
        assert_eq!(got.title, "Second, from og");
        assert_eq!(got.url, "https://www.globalresearch.ca/second-og");
    }
}
