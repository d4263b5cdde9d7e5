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
        match self {
            CiteStyle::Attribution => "attribution",
            CiteStyle::Apa => "apa",
            CiteStyle::Mla => "mla",
            CiteStyle::Chicago => "chicago",
            CiteStyle::ChicagoAuthorDate => "chicago-author-date",
            CiteStyle::Harvard => "harvard",
            CiteStyle::Bibtex => "bibtex",
            CiteStyle::Biblatex => "biblatex",
            CiteStyle::Ris => "ris",
            CiteStyle::CslJson => "csl-json",
        }
    }

    /// The name readers know the style by (not translated: these are names).
    pub fn label(self) -> &'static str {
        match self {
            CiteStyle::Attribution => "",
            CiteStyle::Apa => "APA",
            CiteStyle::Mla => "MLA",
            CiteStyle::Chicago => "Chicago",
            CiteStyle::ChicagoAuthorDate => "Chicago (author-date)",
            CiteStyle::Harvard => "Harvard",
            CiteStyle::Bibtex => "BibTeX",
            CiteStyle::Biblatex => "BibLaTeX",
            CiteStyle::Ris => "RIS",
            CiteStyle::CslJson => "CSL-JSON",
        }
    }

    pub fn from_id(id: &str) -> Option<CiteStyle> {
        let id = crate::search::trim(id).to_ascii_lowercase();
        CiteStyle::ALL
            .iter()
            .find(|style| style.id() == id)
            .copied()
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
