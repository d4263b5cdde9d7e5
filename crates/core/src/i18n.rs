//! Every string a reader sees or hears, looked up by key in the locale the
//! page asks for. The strings themselves live in `locales/<tag>.txt`.

use crate::date::Date;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::string::ToString;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The strings of one locale: one pointer to its [`Locale`], which lives
/// as long as the page. Plans, views and placements copy it about; as the
/// tag and the table themselves (twelve bytes, not four), each copy took
/// more code (the widget's gzip 0.11 KB more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strings {
    locale: &'static Locale,
}

/// A locale's tag and its strings in key order. (As one text and where
/// each string ends, two bytes a string rather than eight, the table
/// deflated smaller, but slicing the text took more code than that saved:
/// 0.22 KB more over both modules.)
#[derive(Debug, PartialEq, Eq)]
pub struct Locale {
    tag: &'static str,
    values: [&'static str; KEY_COUNT],
}

const FALLBACK: &str = "en";

impl Strings {
    /// The locale `preferences` ask for among every one sharecite has
    /// (built in or loadable), trying each tag and then its shorter prefixes
    /// (`pt-BR` → `pt`): the tag of `locales/<tag>.txt`, else `en`.
    pub fn wanted(preferences: &[&str]) -> &'static str {
        for preference in preferences {
            let normalized = canonical_tag(&crate::search::replace(
                crate::search::trim(preference),
                "_",
                "-",
            ));
            let mut candidate = normalized.as_str();
            while !candidate.is_empty() {
                if let Some(tag) = crate::search::entries(AVAILABLE)
                    .find(|tag| tag.eq_ignore_ascii_case(candidate))
                {
                    return tag;
                }
                candidate = match crate::search::rfind(candidate, b"-") {
                    Some(dash) => &candidate[..dash],
                    None => "",
                };
            }
        }
        FALLBACK
    }

    /// The strings `preferences` ask for, from the built-in locales and
    /// `loaded`; English when the wanted locale is not loaded.
    pub fn negotiate_among(preferences: &[&str], loaded: &[Strings]) -> Strings {
        let tag = Strings::wanted(preferences);
        for &strings in loaded {
            if strings.tag() == tag {
                return strings;
            }
        }
        Strings::exact(tag).unwrap_or_else(Strings::english)
    }

    /// The strings `preferences` ask for among the built-in locales.
    pub fn negotiate(preferences: &[&str]) -> Strings {
        Strings::negotiate_among(preferences, &[])
    }

    /// English, always built in.
    pub fn english() -> Strings {
        Strings::exact(FALLBACK).expect("locales/en.txt is compiled in")
    }

    /// Whether `tag`'s strings are compiled into the crate.
    pub fn is_built_in(tag: &str) -> bool {
        Strings::exact(tag).is_some()
    }

    /// Reads a locale file as `dist/locales/<tag>.txt` holds it; `None`
    /// unless `tag` is one sharecite knows and the file was compiled for
    /// this build's keys ([`LOCALE_HEADER`]) with a value for each.
    ///
    /// `make dist` compiles the files (`build.rs`: [`LOCALE_FILES`]), so
    /// the widget carries neither the keys' names nor a parser for the
    /// `key = value` lines translators edit: after the header, each value
    /// is a line of its own, in key order (-0.27 KB of the widget's gzip
    /// against recognising keys by a hash of their names).
    ///
    /// The strings live as long as the page: each locale is loaded at most
    /// once, and they are leaked on purpose so `Strings` stays `Copy`.
    pub fn parse(tag: &str, text: &str) -> Option<Strings> {
        let tag = crate::search::entries(AVAILABLE).find(|known| *known == tag)?;
        let (header, text) = crate::search::split_once(text, "\n")?;
        if header != LOCALE_HEADER {
            return None;
        }
        let text: &'static str = text.to_string().leak();
        let mut lines = crate::search::split(text, "\n");
        let mut values: [&'static str; KEY_COUNT] = [""; KEY_COUNT];
        for slot in values.iter_mut() {
            *slot = lines.next().filter(|value| !value.is_empty())?;
        }
        Some(Strings {
            locale: Box::leak(Box::new(Locale { tag, values })),
        })
    }

    fn exact(tag: &str) -> Option<Strings> {
        LOCALES
            .iter()
            .find(|locale| locale.tag.eq_ignore_ascii_case(tag))
            .map(|locale| Strings { locale })
    }

    /// The locale's BCP 47 tag, for the `lang` attribute.
    pub fn tag(&self) -> &'static str {
        self.locale.tag
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.get(Key::Dir) == "rtl"
    }

    /// The string for `key`.
    pub fn get(&self, key: Key) -> &'static str {
        self.locale.values[key as usize]
    }

    /// The string for `key` with its `{name}` placeholder replaced.
    pub fn fill(&self, key: Key, name: &str, value: &str) -> String {
        fill(self.get(key), &[(name, value)])
    }

    /// The string for `key` split around its `placeholder` (braces
    /// included), for callers that put a link or markup in between.
    pub fn around(&self, key: Key, placeholder: &str) -> (&'static str, &'static str) {
        let sentence = self.get(key);
        crate::search::split_once(sentence, placeholder).unwrap_or((sentence, ""))
    }

    /// A date written out as the language writes it, to its precision.
    pub fn date(&self, date: &Date) -> String {
        if date.month.is_none() {
            return date.year_text();
        }
        // Languages with case write "19 мая 2019" but "май 2019".
        let months = if date.day.is_some() {
            Key::DateMonths
        } else {
            Key::DateMonthsStandalone
        };
        let month_name = date.month_name(self.get(months)).unwrap_or("");
        let year = date.year_text();
        match date.day {
            Some(day) => {
                let day_text = crate::encode::decimal(u32::from(day));
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
        let Some((last, rest)) = names.split_last() else {
            return String::new();
        };
        if rest.is_empty() {
            return last.clone();
        }
        let head = crate::join::join(rest, self.get(Key::ListSeparator));
        fill(self.get(Key::ListLast), &[("a", &head), ("b", last)])
    }
}

/// Chinese tags name a script; the region tags people use map to it
/// (`zh-CN` → `zh-Hans`, `zh-TW` → `zh-Hant`). `iw` is Hebrew's old code.
fn canonical_tag(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let mapped = match lower.as_str() {
        "zh" | "zh-cn" | "zh-sg" | "zh-my" => "zh-Hans",
        "zh-tw" | "zh-hk" | "zh-mo" => "zh-Hant",
        "iw" => "he",
        _ if lower.starts_with("zh-hans") => "zh-Hans",
        _ if lower.starts_with("zh-hant") => "zh-Hant",
        _ => return tag.to_string(),
    };
    mapped.to_string()
}

/// Replaces each `{name}` in `pattern` with its value.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = crate::search::find(rest, "{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match crate::search::find(after, "}") {
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
    use std::vec::Vec;

    /// Every locale file, parsed as a page would load it.
    fn all() -> Vec<Strings> {
        LOCALE_FILES
            .iter()
            .map(|(tag, text)| {
                Strings::parse(tag, text).unwrap_or_else(|| panic!("locales/{tag}.txt parses"))
            })
            .collect()
    }

    fn locale(tag: &str) -> Strings {
        Strings::negotiate_among(&[tag], &all())
    }

    #[test]
    fn every_locale_has_every_key_and_no_empty_value() {
        assert_eq!(all().len(), crate::search::entries(AVAILABLE).count());
        for strings in all() {
            let tag = strings.tag();
            for (key_name, key) in KEYS {
                assert!(
                    !strings.get(key).trim().is_empty(),
                    "{tag}: {key_name} is empty"
                );
            }
            for key in [Key::DateMonths, Key::DateMonthsStandalone] {
                let months = strings.get(key).split('|').count();
                assert_eq!(months, 12, "{tag}: {key:?} needs twelve names");
            }
            let dir = strings.get(Key::Dir);
            assert!(dir == "ltr" || dir == "rtl", "{tag}: dir is {dir}");
        }
    }

    #[test]
    fn only_english_is_built_in_and_others_load() {
        assert_eq!(LOCALES.len(), 1);
        assert!(Strings::is_built_in("en") && !Strings::is_built_in("fr"));
        assert_eq!(
            Strings::negotiate(&["fr"]).tag(),
            "en",
            "not loaded: English"
        );
        assert_eq!(Strings::wanted(&["fr-CA"]), "fr");
        assert_eq!(locale("fr").get(Key::LabelCopy), "Copier le lien");
        assert_eq!(
            Strings::parse("xx", LOCALE_FILES[0].1),
            None,
            "unknown tags are refused"
        );
    }

    fn compiled(tag: &str) -> &'static str {
        LOCALE_FILES.iter().find(|(t, _)| *t == tag).unwrap().1
    }

    #[test]
    fn compiled_files_hold_every_value_in_key_order_after_their_header() {
        let french = compiled("fr");
        let lines: Vec<&str> = french.lines().collect();
        assert_eq!(lines.len(), 1 + KEY_COUNT);
        assert_eq!(lines[0], LOCALE_HEADER);
        assert!(LOCALE_HEADER.starts_with("sharecite ") && LOCALE_HEADER.len() == 18);
        for (key_name, key) in KEYS {
            assert_eq!(lines[1 + key as usize], locale("fr").get(key), "{key_name}");
        }
        assert_eq!(locale("fr").get(Key::LabelCopy), "Copier le lien");
        // A quoted value keeps the spaces around it.
        assert_eq!(locale("fr").get(Key::ListSeparator), ", ");
    }

    #[test]
    fn files_for_other_keys_short_or_with_a_blank_value_are_refused() {
        let french = compiled("fr");
        assert_eq!(Strings::parse("fr", french).map(|s| s.tag()), Some("fr"));
        let other_keys = french.replacen(LOCALE_HEADER, "sharecite 00000000", 1);
        assert_eq!(
            Strings::parse("fr", &other_keys),
            None,
            "another build's keys"
        );
        let source = "dir = ltr\nshare.group = Partager cet article\n";
        assert_eq!(
            Strings::parse("fr", source),
            None,
            "a file as translators write it"
        );
        let short: Vec<&str> = french.lines().take(KEY_COUNT).collect();
        assert_eq!(
            Strings::parse("fr", &short.join("\n")),
            None,
            "a value missing"
        );
        let blank = french.replacen("\nCopier le lien\n", "\n\n", 1);
        assert_eq!(Strings::parse("fr", &blank), None, "a value blank");
        assert_eq!(Strings::parse("fr", ""), None);
    }

    #[test]
    fn placeholders_survive_translation() {
        let english = Strings::english();
        for strings in all() {
            let tag = strings.tag();
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

    /// WCAG 2.5.3: a control's accessible name contains its visible label.
    #[test]
    fn every_name_contains_its_label_in_every_locale() {
        let pairs = [
            (Key::LabelEmail, Key::NameEmail),
            (Key::LabelCopy, Key::NameCopy),
            (Key::LabelCite, Key::NameCite),
            (Key::LabelCrosspost, Key::NameCrosspost),
            (Key::LabelNative, Key::NameNative),
            (Key::LabelPrint, Key::NamePrint),
            (Key::QuoteCopy, Key::NameQuoteCopy),
        ];
        for strings in all() {
            let tag = strings.tag();
            for (label, name) in pairs {
                let (label, name) = (
                    strings.get(label).to_lowercase(),
                    strings.get(name).to_lowercase(),
                );
                assert!(
                    name.contains(&label),
                    "{tag}: {name:?} does not contain {label:?}"
                );
            }
        }
    }

    #[test]
    fn the_twenty_languages_and_their_directions() {
        let tags: Vec<&str> = crate::search::entries(AVAILABLE).collect();
        for wanted in [
            "en", "fr", "de", "es", "it", "pt", "pt-BR", "nl", "pl", "ru", "uk", "tr", "ar", "he",
            "fa", "hi", "zh-Hans", "zh-Hant", "ja", "ko",
        ] {
            assert!(tags.contains(&wanted), "{wanted} is missing");
            let rtl = matches!(wanted, "ar" | "he" | "fa");
            assert_eq!(locale(wanted).is_rtl(), rtl, "{wanted}");
        }
    }

    #[test]
    fn regional_and_script_tags_find_their_locale() {
        for (asked, got) in [
            ("pt-BR", "pt-BR"),
            ("pt_br", "pt-BR"),
            ("pt-PT", "pt"),
            ("de-AT", "de"),
            ("zh-CN", "zh-Hans"),
            ("zh-TW", "zh-Hant"),
            ("zh-Hant-HK", "zh-Hant"),
            ("zh", "zh-Hans"),
            ("iw", "he"),
            ("sr", "en"),
        ] {
            assert_eq!(Strings::wanted(&[asked]), got, "{asked}");
        }
        assert_eq!(
            Strings::wanted(&["xx", "fr-CA"]),
            "fr",
            "the next preference is tried"
        );
    }

    #[test]
    fn dates_and_lists_in_other_languages() {
        let date = Date::parse("2019-05-19").unwrap();
        let month = Date::parse("2019-05").unwrap();
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for (tag, full, month_only, list) in [
            ("fr", "19 mai 2019", "mai 2019", "A, B et C"),
            ("de", "19. Mai 2019", "Mai 2019", "A, B und C"),
            ("ru", "19 мая 2019 г.", "май 2019 г.", "A, B и C"),
            ("pl", "19 maja 2019", "maj 2019", "A, B i C"),
            ("ja", "2019年5月19日", "2019年5月", "A、B、C"),
            ("ar", "19 مايو 2019", "مايو 2019", "A، B وC"),
        ] {
            let strings = locale(tag);
            assert_eq!(strings.date(&date), full, "{tag}");
            assert_eq!(strings.date(&month), month_only, "{tag}");
            assert_eq!(strings.join(&names(&["A", "B", "C"])), list, "{tag}");
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
