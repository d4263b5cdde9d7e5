//! The generated icon table (`make icons`) as the widget reads it.

// Tests may use std's string searches (clippy.toml keeps them out of shipped code).
#![allow(clippy::disallowed_methods)]

use sharecite_core::icons::icon;
use sharecite_core::Network;

#[test]
fn every_control_has_its_icon_and_nothing_else_has_one() {
    let ids = Network::ALL
        .iter()
        .map(|network| network.id())
        .chain(["discuss", "formats"]);
    for id in ids {
        let icon = icon(id).unwrap_or_else(|| panic!("{id} has no icon"));
        let view_box: Vec<&str> = icon.view_box.split(' ').collect();
        assert_eq!(view_box.len(), 4, "{id}: {}", icon.view_box);
        assert_eq!((view_box[0], view_box[1]), ("0", "0"), "{id}");
        assert_eq!(view_box[2], view_box[3], "{id}: square");
        assert!(
            icon.d.starts_with('M') && !icon.d.contains(['|', ':']),
            "{id}"
        );
        assert_eq!(
            icon.even_odd,
            id == "formats",
            "{id}: only the chevron fills even-odd"
        );
    }
    for id in ["", "face", "facebookx", "Facebook", "0 0 120 120"] {
        assert_eq!(icon(id), None, "{id:?}");
    }
}
