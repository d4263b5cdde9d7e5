//! Every string a reader sees or hears, looked up by key in the locale the
//! page asks for. The strings themselves live in `locales/<tag>.txt`.

use crate::date::Date;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The strings of one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strings {
    tag: &'static str,
    values: &'static [&'static str; KEY_COUNT],
}

const FALLBACK: &str = "en";

impl Strings {
    /// The first locale in `preferences` that sharecite has, trying each
    /// tag and then its shorter prefixes (`pt-BR` → `pt`), else English.
    pub fn negotiate(preferences: &[&str]) -> Strings {
        for preference in preferences {
            let normalized = preference.trim().replace('_', "-");
            let mut candidate = normalized.as_str();
            while !candidate.is_empty() {
                if let Some(found) = Strings::exact(candidate) {
                    return found;
                }
                candidate = match candidate.rfind('-') {
                    Some(dash) => &candidate[..dash],
                    None => "",
                };
            }
        }
        Strings::exact(FALLBACK).expect("locales/en.txt is compiled in")
    }

    fn exact(tag: &str) -> Option<Strings> {
        LOCALES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(tag))
            .map(|(tag, values)| Strings { tag, values })
    }

    /// The locale's BCP 47 tag, for the `lang` attribute.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.get(Key::Dir) == "rtl"
    }

    /// The string for `key`.
    pub fn get(&self, key: Key) -> &'static str {
        self.values[key as usize]
    }

    /// The string for `key` with its `{name}` placeholder replaced.
    pub fn fill(&self, key: Key, name: &str, value: &str) -> String {
        fill(self.get(key), &[(name, value)])
    }

    /// A date written out as the language writes it, to its precision.
    pub fn date(&self, date: &Date) -> String {
        let Some(month) = date.month else {
            return date.year_text();
        };
        let month_name = self
            .get(Key::DateMonths)
            .split('|')
            .nth(usize::from(month) - 1)
            .unwrap_or("");
        let year = date.year_text();
        match date.day {
            Some(day) => {
                let mut day_text = String::with_capacity(2);
                crate::date::push_padded(&mut day_text, u32::from(day), 1);
                fill(
                    self.get(Key::DateFull),
                    &[("month", month_name), ("day", &day_text), ("year", &year)],
                )
            }
            None => fill(
                self.get(Key::DateMonth),
                &[("month", month_name), ("year", &year)],
            ),
        }
    }

    /// Names joined as a list: "A", "A and B", "A, B and C".
    pub fn join(&self, names: &[String]) -> String {
        let mut out = String::new();
        for (index, name) in names.iter().enumerate() {
            if index > 0 {
                if index + 1 == names.len() {
                    out.push(' ');
                    out.push_str(self.get(Key::ListAnd));
                    out.push(' ');
                } else {
                    out.push_str(", ");
                }
            }
            out.push_str(name);
        }
        out
    }
}

/// Replaces each `{name}` in `pattern` with its value.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_every_key_and_no_empty_value() {
        for (tag, values) in LOCALES {
            for (key, _) in KEYS {
                let index = KEYS.iter().position(|(k, _)| *k == key).unwrap();
                assert!(!values[index].trim().is_empty(), "{tag}: {key} is empty");
            }
            let months = values[Key::DateMonths as usize].split('|').count();
            assert_eq!(months, 12, "{tag}: date.months needs twelve names");
            let dir = values[Key::Dir as usize];
            assert!(dir == "ltr" || dir == "rtl", "{tag}: dir is {dir}");
        }
    }

    #[test]
    fn placeholders_survive_translation() {
        let english = Strings::negotiate(&["en"]);
        for (tag, _) in LOCALES {
            let strings = Strings::negotiate(&[tag]);
            for (key_name, key) in KEYS {
                for placeholder in ["{network}", "{source}", "{month}", "{day}", "{year}"] {
                    assert_eq!(
                        english.get(key).contains(placeholder),
                        strings.get(key).contains(placeholder),
                        "{tag}: {key_name} must keep {placeholder}"
                    );
                }
            }
        }
    }

    #[test]
    fn negotiation_falls_back_through_prefixes_to_english() {
        assert_eq!(Strings::negotiate(&["en-GB"]).tag(), "en");
        assert_eq!(Strings::negotiate(&["EN_us"]).tag(), "en");
        assert_eq!(Strings::negotiate(&["xx-YY", ""]).tag(), "en");
        assert_eq!(Strings::negotiate(&[]).tag(), "en");
    }

    #[test]
    fn dates_in_english() {
        let en = Strings::negotiate(&["en"]);
        assert_eq!(en.date(&Date::parse("2019-05-19").unwrap()), "May 19, 2019");
        assert_eq!(en.date(&Date::parse("2019-05-01").unwrap()), "May 1, 2019");
        assert_eq!(en.date(&Date::parse("2019-12").unwrap()), "December 2019");
        assert_eq!(en.date(&Date::parse("2019").unwrap()), "2019");
    }

    #[test]
    fn joins_names() {
        let en = Strings::negotiate(&["en"]);
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(en.join(&names(&[])), "");
        assert_eq!(en.join(&names(&["A"])), "A");
        assert_eq!(en.join(&names(&["A", "B"])), "A and B");
        assert_eq!(en.join(&names(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn fill_leaves_unknown_and_unclosed_braces() {
        assert_eq!(
            fill("Share on {network}", &[("network", "X")]),
            "Share on X"
        );
        assert_eq!(fill("{a}{b}", &[("a", "1")]), "1{b}");
        assert_eq!(fill("x {open", &[]), "x {open");
    }
}
