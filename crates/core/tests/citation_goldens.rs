//! Every bibliography entry against citeproc-js, the reference CSL
//! processor: `tests/citations/golden/<style>.json` holds what citeproc-js
//! renders for each fixture in `tests/citations/fixtures.json` with the
//! official style files in `tests/citations/csl/`
//! (regenerate with `make citation-goldens`).

// Tests compare with std's string methods, which clippy.toml keeps out of
// the shipped code.
#![allow(clippy::disallowed_methods)]

use sharecite_core::cite::{bibliography_entry, CiteStyle, Item};
use sharecite_core::json::Json;

fn load(path: &str) -> Json {
    let full = [env!("CARGO_MANIFEST_DIR"), "/tests/citations/", path].concat();
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    Json::parse(&text).unwrap_or_else(|e| panic!("{full}: {e:?}"))
}

fn check(style: CiteStyle) {
    let fixtures = load("fixtures.json");
    let golden = load(&["golden/", style.id(), ".json"].concat());
    let entries = golden.get("entries").expect("entries");
    let mut failures = Vec::new();
    let mut count = 0;
    for fixture in fixtures.items() {
        let item = Item::from_csl_json(fixture).expect("every fixture is a supported item");
        let expected = entries
            .get(&item.id)
            .unwrap_or_else(|| panic!("no golden for {}", item.id));
        let (text, html) = bibliography_entry(&item, style).expect("a CSL style");
        for (flavour, got, want) in [
            (
                "text",
                &text,
                expected.get("text").and_then(Json::as_str).unwrap(),
            ),
            (
                "html",
                &html,
                expected.get("html").and_then(Json::as_str).unwrap(),
            ),
        ] {
            if got != want {
                failures.push(format!(
                    "{} [{flavour}]\n  want: {want}\n  got:  {got}",
                    item.id
                ));
            }
        }
        count += 1;
    }
    assert!(count >= 20, "at least 20 fixtures");
    assert!(
        failures.is_empty(),
        "{} of {count} {} entries differ from citeproc-js:\n{}",
        failures.len(),
        style.id(),
        failures.join("\n")
    );
}

#[test]
fn apa_matches_citeproc() {
    check(CiteStyle::Apa);
}

#[test]
fn mla_matches_citeproc() {
    check(CiteStyle::Mla);
}

#[test]
fn chicago_matches_citeproc() {
    check(CiteStyle::Chicago);
}

#[test]
fn chicago_author_date_matches_citeproc() {
    check(CiteStyle::ChicagoAuthorDate);
}

#[test]
fn harvard_matches_citeproc() {
    check(CiteStyle::Harvard);
}
