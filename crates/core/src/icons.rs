//! Icons for every control, as SVG path data: `make icons` generates the
//! data (`icon_set.rs`, from Simple Icons and Bootstrap Icons); this reads it.

pub use crate::icon_set::BRAND_CSS;

/// An icon: an SVG `viewBox` and one `<path>`, filled with `currentColor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Icon {
    pub view_box: &'static str,
    /// Path data: a set's paths run together as subpaths of one.
    pub d: &'static str,
    /// `fill-rule="evenodd"`.
    pub even_odd: bool,
}

/// The icon of a control, by its `data-network` id (`discuss` included).
///
/// The icons are one string, searched by id: a `match` on the ids compared
/// each in turn in code and built its icon from addresses (0.2 KB more of
/// the widget's gzip).
pub fn icon(id: &str) -> Option<Icon> {
    for entry in crate::search::entries(crate::icon_set::ICONS) {
        let (name, rest) = crate::search::split_once(entry, ":")?;
        if name == id {
            let (view_box, rest) = crate::search::split_once(rest, ":")?;
            let (fill_rule, d) = crate::search::split_once(rest, ":")?;
            return Some(Icon {
                view_box,
                d,
                even_odd: fill_rule == "evenodd",
            });
        }
    }
    None
}
