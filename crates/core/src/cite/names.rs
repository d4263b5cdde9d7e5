//! Writing author lists as each style wants them, and reading the names
//! pages publish ("Andrew Korybko", "Korybko, Andrew", "Ludwig van
//! Beethoven") into their CSL parts.

use super::item::Name;
use super::text::Entry;
use alloc::string::String;
use alloc::string::ToString;

/// How the family name and given name are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Every name "Family, Given".
    AllInverted,
    /// The first "Family, Given", the rest "Given Family".
    FirstInverted,
}

/// How particles are placed when a name is inverted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Particles {
    /// "van Beethoven, Ludwig"
    AsWritten,
    /// "Beethoven, Ludwig van"
    Demoted,
}

/// A style's rules for author lists.
#[derive(Clone, Copy, Debug)]
pub struct NameStyle {
    pub order: Order,
    /// `Some(". ")` or `Some(".")`: initials, with that after each.
    pub initialize_with: Option<&'static str>,
    pub particles: Particles,
    /// Between names.
    pub delimiter: &'static str,
    /// Before the last name: "&", "and", or "" for none.
    pub and: &'static str,
    /// Whether the delimiter also goes before "and": "A, B, and C".
    pub comma_before_and: bool,
    /// Whether the delimiter goes before "et al.": "A, et al." or "A et al.".
    pub comma_before_et_al: bool,
    /// Abbreviate from this many names...
    pub et_al_min: usize,
    /// ...to this many, then "et al."
    pub et_al_use_first: usize,
    /// APA: with `et_al_min` or more, the first few, an ellipsis, the last.
    pub ellipsis_last: bool,
    pub et_al_italic: bool,
}

/// Writes `names` into `entry` under `style`.
pub fn write_names(entry: &mut Entry, names: &[Name], style: &NameStyle) {
    let count = names.len();
    let abbreviated = count >= style.et_al_min;
    let shown = if abbreviated {
        style.et_al_use_first
    } else {
        count
    };
    for (index, name) in names.iter().take(shown).enumerate() {
        if index > 0 {
            let last = index + 1 == count && !abbreviated;
            if last && !style.and.is_empty() {
                entry.punct(if style.comma_before_and {
                    style.delimiter
                } else {
                    " "
                });
                entry.push(style.and);
                entry.push(" ");
            } else {
                entry.punct(style.delimiter);
            }
        }
        let inverted = match style.order {
            Order::AllInverted => true,
            Order::FirstInverted => index == 0,
        };
        write_name(entry, name, inverted, style);
    }
    if abbreviated {
        if style.ellipsis_last {
            entry.punct(style.delimiter);
            entry.push("… ");
            if let Some(last) = names.last() {
                write_name(entry, last, style.order == Order::AllInverted, style);
            }
        } else {
            entry.punct(if style.comma_before_et_al {
                style.delimiter
            } else {
                " "
            });
            if style.et_al_italic {
                entry.italic("et al.");
            } else {
                entry.push("et al.");
            }
        }
    }
}

fn write_name(entry: &mut Entry, name: &Name, inverted: bool, style: &NameStyle) {
    let Name::Person {
        family,
        given,
        non_dropping_particle,
        dropping_particle,
        suffix,
    } = name
    else {
        if let Name::Literal(literal) = name {
            entry.push(literal);
        }
        return;
    };
    let given = match style.initialize_with {
        Some(after) => initials(given, after),
        None => given.clone(),
    };
    let mut out = String::new();
    let join = |out: &mut String, part: &str| {
        if !part.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(part);
        }
    };
    if inverted {
        let mut family_part = String::new();
        if style.particles == Particles::AsWritten {
            join(&mut family_part, non_dropping_particle);
        }
        join(&mut family_part, family);
        let mut given_part = String::new();
        join(&mut given_part, &given);
        join(&mut given_part, dropping_particle);
        if style.particles == Particles::Demoted {
            join(&mut given_part, non_dropping_particle);
        }
        out.push_str(&family_part);
        if !given_part.is_empty() {
            out.push_str(", ");
            out.push_str(&given_part);
        }
        if !suffix.is_empty() {
            out.push_str(", ");
            out.push_str(suffix);
        }
    } else {
        out = name.in_reading_order(&given);
    }
    entry.push(&out);
}

impl Name {
    /// The name as a byline prints it: "Ludwig van Beethoven", "Martin
    /// Luther King, Jr.".
    pub fn reading_order(&self) -> String {
        match self {
            Name::Person { given, .. } => self.in_reading_order(given),
            Name::Literal(literal) => literal.clone(),
        }
    }

    /// Reading order with `given` (perhaps initials) for the given names.
    fn in_reading_order(&self, given: &str) -> String {
        let Name::Person {
            family,
            non_dropping_particle,
            dropping_particle,
            suffix,
            ..
        } = self
        else {
            return self.reading_order();
        };
        byline(
            &[given, dropping_particle, non_dropping_particle, family],
            suffix,
        )
    }
}

/// The non-empty `parts` in order, then ", `suffix`": "Martin Luther King,
/// Jr.".
pub fn byline(parts: &[&str], suffix: &str) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|part| !part.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    if !suffix.is_empty() {
        out.push_str(", ");
        out.push_str(suffix);
    }
    out
}

/// "Martin Luther" → "M. L." (with ". ") or "M.L." (with "."); a
/// hyphenated part in lowercase ("Min-jun") is not an initial of its own.
fn initials(given: &str, after: &str) -> String {
    let mut out = String::new();
    for &word in &crate::search::words(given) {
        for (index, part) in crate::search::split(word, "-").enumerate() {
            let Some(first) = part.chars().next() else {
                continue;
            };
            if index > 0 && !super::text::is_capital(first) {
                continue;
            }
            if index > 0 {
                // Trim the space of the previous initial: "J.-P."
                let trimmed = crate::search::trim_end(&out).len();
                out.truncate(trimmed);
                out.push('-');
            }
            out.push(super::text::capital(first));
            out.push_str(after);
        }
    }
    crate::search::trim_end(&out).to_string()
}

/// Particles that stay with the family name when it is inverted (these
/// lists: [`crate::search::entries`]).
const NON_DROPPING: &str = "van|van der|van den|van de|ter|ten|de la|della|del|di|da|le|la|du";
/// Particles that follow the given name when inverted.
const DROPPING: &str = "von|de|d’|d'|des|zu|von der|von und zu";
const SUFFIXES: &str = "Jr.|Jr|Sr.|Sr|II|III|IV|V";

/// An inverted name's family, given names and suffix: "Korybko, Andrew",
/// "King, Martin Luther, Jr."; `None` for a name in reading order ("Martin
/// Luther King, Jr." included).
pub fn split_inverted(display: &str) -> Option<(&str, &str, &str)> {
    let (family, rest) = crate::search::split_once(display, ",")?;
    let rest = crate::search::trim(rest);
    if crate::search::listed(SUFFIXES, rest) {
        return None;
    }
    let (given, suffix) = match crate::search::rsplit_once(rest, b",") {
        Some((given, suffix)) if crate::search::listed(SUFFIXES, crate::search::trim(suffix)) => {
            (crate::search::trim(given), crate::search::trim(suffix))
        }
        _ => (rest, ""),
    };
    Some((crate::search::trim(family), given, suffix))
}

/// Reads a name as pages write it into its CSL parts.
pub fn parse_person(display: &str) -> Name {
    let display = crate::search::trim(display);
    if let Some((family, given, suffix)) = split_inverted(display) {
        let (given, particle) = split_trailing_particle(given);
        let mut name = split_family_particle(family);
        if let Name::Person {
            given: g,
            suffix: s,
            dropping_particle,
            ..
        } = &mut name
        {
            *g = given.to_string();
            *s = suffix.to_string();
            if !particle.is_empty() {
                *dropping_particle = particle.to_string();
            }
        }
        return name;
    }
    let (body, suffix) = match crate::search::rsplit_once(display, b" ,") {
        Some((body, last)) if crate::search::listed(SUFFIXES, crate::search::trim(last)) => (
            crate::search::trim_end_bytes(body, b", "),
            crate::search::trim(last),
        ),
        _ => (display, ""),
    };
    let words = crate::search::words(body);
    if words.len() < 2 {
        return Name::Person {
            family: body.to_string(),
            given: String::new(),
            non_dropping_particle: String::new(),
            dropping_particle: String::new(),
            suffix: suffix.to_string(),
        };
    }
    // The given names run up to the first lowercase word after the first
    // word (the particle), the particle up to the next capitalised word
    // (the family name). Without both, the family name is the last word.
    let last = words.len() - 1;
    let (mut given_end, mut family_start) = (last, last);
    let mut particle_start = None;
    let mut index = 1;
    while let Some(&word) = words.get(index) {
        match (particle_start, starts_small(word)) {
            (None, true) => particle_start = Some(index),
            (Some(start), false) => {
                (given_end, family_start) = (start, index);
                break;
            }
            _ => {}
        }
        index += 1;
    }
    let piece = |range: core::ops::Range<usize>| {
        words
            .get(range)
            .map_or_else(String::new, |words| crate::join::join(words, " "))
    };
    let given = piece(0..given_end);
    let particle = piece(given_end..family_start);
    let family = piece(family_start..words.len());
    let (non_dropping, dropping) = if particle.is_empty() {
        (String::new(), String::new())
    } else if crate::search::listed(DROPPING, &particle)
        || !crate::search::listed(NON_DROPPING, &particle) && particle.starts_with("von")
    {
        (String::new(), particle)
    } else {
        (particle, String::new())
    };
    Name::Person {
        family,
        given,
        non_dropping_particle: non_dropping,
        dropping_particle: dropping,
        suffix: suffix.to_string(),
    }
}

/// "van Beethoven" → family "Beethoven" with particle "van".
fn split_family_particle(family: &str) -> Name {
    let words = crate::search::words(family);
    let lowercase = words.iter().take_while(|word| starts_small(word)).count();
    if lowercase > 0 && lowercase < words.len() {
        let mut name = Name::person(&crate::join::join(&words[lowercase..], " "), "");
        if let Name::Person {
            non_dropping_particle,
            ..
        } = &mut name
        {
            *non_dropping_particle = crate::join::join(&words[..lowercase], " ");
        }
        name
    } else {
        Name::person(family, "")
    }
}

/// Whether `word` begins in lowercase, as name particles do ("van", "de").
fn starts_small(word: &str) -> bool {
    word.chars().next().is_some_and(super::text::is_small)
}

/// "Jean de" → ("Jean", "de").
fn split_trailing_particle(given: &str) -> (&str, &str) {
    match crate::search::rsplit_once(given, b" ") {
        Some((first, last)) if starts_small(last) => (first, last),
        _ => (given, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(family: &str, given: &str, non_dropping: &str, dropping: &str, suffix: &str) -> Name {
        Name::Person {
            family: family.into(),
            given: given.into(),
            non_dropping_particle: non_dropping.into(),
            dropping_particle: dropping.into(),
            suffix: suffix.into(),
        }
    }

    macro_rules! parses {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(parse_person($input), $want);
            }
        )*};
    }

    parses! {
        given_family: "Andrew Korybko" => person("Korybko", "Andrew", "", "", "");
        inverted: "Korybko, Andrew" => person("Korybko", "Andrew", "", "", "");
        middle_names: "Martin Luther King Jr." => person("King", "Martin Luther", "", "", "Jr.");
        suffix_after_comma: "Martin Luther King, Jr." => person("King", "Martin Luther", "", "", "Jr.");
        inverted_with_suffix: "King, Martin Luther, Jr." => person("King", "Martin Luther", "", "", "Jr.");
        van: "Ludwig van Beethoven" => person("Beethoven", "Ludwig", "van", "", "");
        van_inverted: "van Beethoven, Ludwig" => person("Beethoven", "Ludwig", "van", "", "");
        de_la: "Jean de La Fontaine" => person("La Fontaine", "Jean", "", "de", "");
        de_inverted: "La Fontaine, Jean de" => person("La Fontaine", "Jean", "", "de", "");
        von: "Ursula von der Leyen" => person("Leyen", "Ursula", "", "von der", "");
        single_word: "Plato" => person("Plato", "", "", "", "");
        hyphenated_given: "Min-jun Lee" => person("Lee", "Min-jun", "", "", "");
        accents: "Øyvind Østerud" => person("Østerud", "Øyvind", "", "", "");
        all_lowercase: "bell hooks" => person("hooks", "bell", "", "", "");
        particle_without_family: "Vincent van gogh" => person("gogh", "Vincent van", "", "", "");
    }

    #[test]
    fn reading_order_is_how_a_byline_prints_the_name() {
        for (name, want) in [
            (person("Korybko", "Andrew", "", "", ""), "Andrew Korybko"),
            (
                person("Beethoven", "Ludwig", "van", "", ""),
                "Ludwig van Beethoven",
            ),
            (
                person("La Fontaine", "Jean", "", "de", ""),
                "Jean de La Fontaine",
            ),
            (
                person("King", "Martin Luther", "", "", "Jr."),
                "Martin Luther King, Jr.",
            ),
            (person("Plato", "", "", "", ""), "Plato"),
            (Name::Literal("Global Research".into()), "Global Research"),
        ] {
            assert_eq!(name.reading_order(), want);
        }
    }

    #[test]
    fn initials_follow_the_styles() {
        assert_eq!(initials("Martin Luther", ". "), "M. L.");
        assert_eq!(initials("Martin Luther", "."), "M.L.");
        assert_eq!(initials("Min-jun", ". "), "M.");
        assert_eq!(initials("Jean-Paul", ". "), "J.-P.");
        assert_eq!(initials("øyvind", "."), "Ø.");
    }
}
