//! The pure core of [sharecite]: everything that decides what a share
//! widget shows, links to and copies, with no browser in sight.
//!
//! The wasm adapter (the `sharecite` crate) copies the page into a
//! [`PageSnapshot`] and the script's `data-*` attributes into
//! [`Attributes`]; this crate turns them into an [`Article`], a [`Config`]
//! and a [`View`], and renders citations and share intents. Nothing here
//! imports `web-sys` or `js-sys`, so all of it is tested natively with
//! `cargo test`, and a JS call that leaks in fails those tests.
//!
//! # Example
//!
//! ```
//! use sharecite_core::{Attributes, Capabilities, Config, PageMetadata, PageSnapshot, Strings, View};
//!
//! let page = PageSnapshot {
//!     location: "https://www.globalresearch.ca/us-ultimatum/5678141?utm_source=mail".into(),
//!     base: "https://www.globalresearch.ca/us-ultimatum/5678141".into(),
//!     title: "The U.S. Ultimatum on Huawei Is Backfiring".into(),
//!     metas: vec![("author".into(), "Andrew Korybko".into())],
//!     ..PageSnapshot::default()
//! };
//! let (metadata, page_warnings) = PageMetadata::read(&page);
//! let attributes = Attributes::read(|name| match name {
//!     "data-networks" => Some("x email cite".into()),
//!     "data-publisher" => Some("Global Research".into()),
//!     _ => None,
//! });
//! let (config, config_warnings) = Config::parse(&attributes, metadata.base());
//! assert!(page_warnings.is_empty() && config_warnings.is_empty());
//!
//! let article = metadata.article(&config.article);
//! assert_eq!(article.url, "https://www.globalresearch.ca/us-ultimatum/5678141");
//!
//! let view = View::build(&config, &article, Strings::negotiate(&["en"]), Capabilities::default(), "");
//! assert_eq!(
//!     view.controls[0].href.as_deref(),
//!     Some("https://x.com/intent/post?text=The%20U.S.%20Ultimatum%20on%20Huawei%20Is%20Backfiring\
//!           &url=https%3A%2F%2Fwww.globalresearch.ca%2Fus-ultimatum%2F5678141")
//! );
//! ```
//!
//! [sharecite]: https://github.com/sharecite/sharecite

#![no_std]
#![deny(missing_debug_implementations)]
#![forbid(unsafe_code)]
// clippy.toml forbids std's string searches in what ships (crate::search
// has their replacements); the tests hold those replacements to std's.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

// `alloc` only: the core decides and formats, it never does I/O, so it
// needs no operating system.
extern crate alloc;
#[cfg(test)]
#[macro_use]
extern crate std;

pub mod citation;
pub mod cite;
pub mod config;
#[cfg(test)]
mod css;
pub mod date;
pub mod encode;
pub mod i18n;
mod icon_set;
pub mod icons;
pub mod join;
pub mod json;
pub mod jsonld;
pub mod metadata;
pub mod network;
pub mod search;
pub mod template;
pub mod url;
pub mod view;
pub mod warning;

pub use citation::{excerpt, link_clip, Attribution, Clip, ClipKind};
pub use config::{Attribute, Attributes, Config, Theme};
pub use i18n::{Key, Strings};
pub use metadata::{Article, PageMetadata, PageSnapshot};
pub use network::{ControlKind, Network};
pub use view::{Capabilities, ShareDetail, View};
pub use warning::{Warning, WarningKind};

/// The widget's stylesheet (`src/widget.css`, minified by the build
/// script), for a constructable `CSSStyleSheet`.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));
