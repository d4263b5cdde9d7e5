//! Citations in the styles readers are asked for: APA, MLA, Chicago,
//! Harvard, and the reference-manager formats BibTeX, BibLaTeX, RIS and
//! CSL-JSON.

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
}

impl CiteStyle {
    /// Every style, in menu order.
    pub const ALL: [CiteStyle; 6] = [
        CiteStyle::Attribution,
        CiteStyle::Apa,
        CiteStyle::Mla,
        CiteStyle::Chicago,
        CiteStyle::ChicagoAuthorDate,
        CiteStyle::Harvard,
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
        }
    }

    pub fn from_id(id: &str) -> Option<CiteStyle> {
        let id = id.trim().to_ascii_lowercase();
        CiteStyle::ALL.into_iter().find(|style| style.id() == id)
    }
}

/// A bibliography entry for `item` in a CSL style, as (text, html);
/// `None` for [`CiteStyle::Attribution`], which is not a CSL style.
pub fn bibliography_entry(item: &Item, style: CiteStyle) -> Option<(String, String)> {
    let entry = match style {
        CiteStyle::Attribution => return None,
        CiteStyle::Apa => styles::apa(item),
        CiteStyle::Mla => styles::mla(item),
        CiteStyle::Chicago => styles::chicago(item),
        CiteStyle::ChicagoAuthorDate => styles::chicago_author_date(item),
        CiteStyle::Harvard => styles::harvard(item),
    };
    Some(entry.finish())
}
