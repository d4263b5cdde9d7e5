//! Citations in the styles readers are asked for: APA, MLA, Chicago,
//! Harvard, and the reference-manager formats BibTeX, BibLaTeX, RIS and
//! CSL-JSON.

use alloc::string::String;

pub mod export;
pub mod item;
pub mod names;
pub mod styles;
pub mod text;

pub use item::{Item, ItemType, Name};

/// A `data-cite-style` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CiteStyle {
    /// The site's attribution template.
    Attribution,
    Apa,
    Mla,
    Chicago,
    ChicagoAuthorDate,
    Harvard,
    Bibtex,
    Biblatex,
    Ris,
    CslJson,
}

impl CiteStyle {
    /// Every style, in menu order.
    pub const ALL: [CiteStyle; 10] = [
        CiteStyle::Attribution,
        CiteStyle::Apa,
        CiteStyle::Mla,
        CiteStyle::Chicago,
        CiteStyle::ChicagoAuthorDate,
        CiteStyle::Harvard,
        CiteStyle::Bibtex,
        CiteStyle::Biblatex,
        CiteStyle::Ris,
        CiteStyle::CslJson,
    ];

    /// The attribute value.
    pub fn id(self) -> &'static str {
        crate::search::entry(Self::IDS, self as usize)
    }

    /// Every id, then every label, in the order of the variants
    /// ([`crate::search::entry`]).
    const IDS: &'static str =
        "attribution|apa|mla|chicago|chicago-author-date|harvard|bibtex|biblatex|ris|csl-json";
    const LABELS: &'static str =
        "|APA|MLA|Chicago|Chicago (author-date)|Harvard|BibTeX|BibLaTeX|RIS|CSL-JSON";

    /// The name readers know the style by (not translated: these are names).
    pub fn label(self) -> &'static str {
        crate::search::entry(Self::LABELS, self as usize)
    }

    pub fn from_id(id: &str) -> Option<CiteStyle> {
        let id = crate::search::trim(id).to_ascii_lowercase();
        let at = crate::search::position(Self::IDS, &id)?;
        CiteStyle::ALL.get(at).copied()
    }
}

/// `item` in `style`, as (text, html); `None` for
/// [`CiteStyle::Attribution`], which the site's template renders.
/// Reference-manager formats come as HTML `<pre>` blocks.
pub fn bibliography_entry(item: &Item, style: CiteStyle) -> Option<(String, String)> {
    let export = match style {
        CiteStyle::Bibtex => Some(export::bibtex(item)),
        CiteStyle::Biblatex => Some(export::biblatex(item)),
        CiteStyle::Ris => Some(export::ris(item)),
        CiteStyle::CslJson => Some(export::csl_json(item)),
        _ => None,
    };
    if let Some(text) = export {
        let mut html = String::from("<pre>");
        crate::encode::push_html(&mut html, &text);
        html.push_str("</pre>");
        return Some((text, html));
    }
    let entry = match style {
        CiteStyle::Attribution
        | CiteStyle::Bibtex
        | CiteStyle::Biblatex
        | CiteStyle::Ris
        | CiteStyle::CslJson => return None,
        CiteStyle::Apa => styles::apa(item),
        CiteStyle::Mla => styles::mla(item),
        CiteStyle::Chicago => styles::chicago(item),
        CiteStyle::ChicagoAuthorDate => styles::chicago_author_date(item),
        CiteStyle::Harvard => styles::harvard(item),
    };
    Some(entry.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_has_one_id_and_one_label() {
        let count = |list| crate::search::entries(list).count();
        assert_eq!(count(CiteStyle::IDS), CiteStyle::ALL.len());
        assert_eq!(count(CiteStyle::LABELS), CiteStyle::ALL.len());
        assert_eq!(CiteStyle::ChicagoAuthorDate.id(), "chicago-author-date");
        assert_eq!(CiteStyle::from_id(" CSL-JSON "), Some(CiteStyle::CslJson));
        for style in CiteStyle::ALL {
            assert_eq!(CiteStyle::from_id(style.id()), Some(style));
        }
    }
}
