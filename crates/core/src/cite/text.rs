//! Building one bibliography entry as plain text and HTML at once, with the
//! typographic rules CSL processors apply: American punctuation inside
//! closing quotes, no doubled punctuation, title case, typographic
//! apostrophes, en dashes in page ranges.

use alloc::string::String;
use alloc::string::ToString;

/// An entry under construction, in both flavours.
#[derive(Debug, Default)]
pub struct Entry {
    text: String,
    html: String,
}

const CLOSE_QUOTE: &str = "”";

impl Entry {
    pub fn new() -> Entry {
        Entry::default()
    }

    /// Whether nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Plain text.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        push_escaped(&mut self.html, text);
    }

    /// Italic text (`<i>` in HTML).
    pub fn italic(&mut self, text: &str) {
        self.text.push_str(text);
        self.html.push_str("<i>");
        push_escaped(&mut self.html, text);
        self.html.push_str("</i>");
    }

    /// Text in typographic double quotes.
    pub fn quoted(&mut self, text: &str) {
        self.push("“");
        self.push(text);
        self.push("”");
    }

    /// Punctuation (and the space after it) joining what came before to what
    /// comes next: a period after a sentence-ending mark is dropped, and a
    /// period or comma after a closing quote moves inside it.
    pub fn punct(&mut self, punctuation: &str) {
        let Some(mark) = punctuation
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | ','))
        else {
            self.push(punctuation);
            return;
        };
        let rest = &punctuation[mark.len_utf8()..];
        let quoted = self.text.ends_with(CLOSE_QUOTE);
        let before = if quoted {
            self.text.chars().rev().nth(1)
        } else {
            self.last_char()
        };
        let swallowed = mark == '.' && matches!(before, Some('.' | '?' | '!'));
        if quoted {
            if !swallowed {
                insert_before_quote(&mut self.text, mark);
                insert_before_quote(&mut self.html, mark);
            }
        } else if !swallowed {
            self.push_raw(mark);
        }
        self.push(rest);
    }

    fn push_raw(&mut self, mark: char) {
        self.text.push(mark);
        self.html.push(mark);
    }

    fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// The finished entry: (text, html).
    pub fn finish(self) -> (String, String) {
        (self.text, self.html)
    }
}

fn insert_before_quote(out: &mut String, mark: char) {
    if let Some(at) = crate::search::rfind_str(out, CLOSE_QUOTE) {
        out.insert(at, mark);
    }
}

/// Escapes text for HTML as citeproc-js does (numeric references).
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            _ => out.push(ch),
        }
    }
}

/// Typographic apostrophes: `EU's` → `EU’s`.
pub fn typographic(text: &str) -> String {
    crate::search::replace(text, "'", "’")
}

/// Words that title case leaves lowercase, unless they open the title,
/// close it, or follow a colon (the CSL specification's list;
/// [`crate::search::entries`]).
const STOP_WORDS: &str = "a|an|and|as|at|but|by|down|for|from|in|into|nor|of|on|onto|or|over|so|the|till|to|up|via|with|yet";

/// Title case as CSL defines it: lowercase words are capitalized except
/// stop words in the middle; words with capitals (`U.S.`, `EU’s`, `5G`,
/// `iPhone`) are left as written.
pub fn title_case(title: &str) -> String {
    let words = crate::search::split_all(title, " ");
    let last = words.len().saturating_sub(1);
    let mut out = String::new();
    let mut after_colon = true;
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let is_lowercase = !word.chars().any(is_capital);
        let bare = crate::search::trim_where(word, |c| !is_word_char(c));
        let stop = crate::search::listed(STOP_WORDS, bare);
        if is_lowercase && (!stop || after_colon || index == last) {
            capitalize_parts(&mut out, word);
        } else {
            out.push_str(word);
        }
        after_colon = word.ends_with(":") || word.ends_with("?") || word.ends_with("!");
    }
    out
}

/// Capitalizes the first letter of a word and of each hyphenated part.
fn capitalize_parts(out: &mut String, word: &str) {
    let mut capitalize = true;
    for ch in word.chars() {
        if capitalize && (is_small(ch) || is_capital(ch)) {
            out.push(capital(ch));
            capitalize = false;
        } else {
            out.push(ch);
            if ch == '-' || ch == '/' {
                capitalize = true;
            }
        }
    }
}

/// The capital of a letter in the Latin, Greek and Cyrillic alphabets;
/// other characters unchanged.
///
/// `char::to_uppercase` would link the whole Unicode case table (about
/// 15 KB) into every reader's download for the names and titles citations
/// capitalize, which are written in these alphabets.
pub fn capital(ch: char) -> char {
    let code = ch as u32;
    let upper = match code {
        0x61..=0x7a | 0xe0..=0xf6 | 0xf8..=0xfe | 0x3b1..=0x3c1 | 0x3c3..=0x3cb | 0x430..=0x44f => {
            code - 0x20
        }
        0xff => 0x178,
        0x131 => 0x49,
        0x17f => 0x53,
        // Latin Extended-A pairs capital/small, except where they run odd/even.
        0x100..=0x137 | 0x14a..=0x177 if code % 2 == 1 => code - 1,
        0x139..=0x148 | 0x179..=0x17e if code % 2 == 0 => code - 1,
        0x3c2 => 0x3a3,
        0x450..=0x45f => code - 0x50,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x4ff if code % 2 == 1 => code - 1,
        0x4c1..=0x4ce if code % 2 == 0 => code - 1,
        0x4cf => 0x4c0,
        _ => code,
    };
    char::from_u32(upper).unwrap_or(ch)
}

/// The small letter of a capital in the alphabets [`capital`] knows.
pub fn small(ch: char) -> char {
    let code = ch as u32;
    let lower = match code {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => {
            code + 0x20
        }
        0x178 => 0xff,
        0x130 => 0x69,
        0x100..=0x137 | 0x14a..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17e if code % 2 == 1 => code + 1,
        0x400..=0x40f => code + 0x50,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x4ff if code % 2 == 0 => code + 1,
        0x4c1..=0x4ce if code % 2 == 1 => code + 1,
        0x4c0 => 0x4cf,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(ch)
}

/// Whether `ch` is a capital letter (of those alphabets).
pub fn is_capital(ch: char) -> bool {
    small(ch) != ch
}

/// Whether `ch` is a small letter (of those alphabets).
pub fn is_small(ch: char) -> bool {
    capital(ch) != ch
}

/// Whether `ch` is part of a word: a digit, a letter with case, or a
/// letter of a script without case (CJK, Arabic, Hebrew, Devanagari...).
pub fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric()
        || is_capital(ch)
        || is_small(ch)
        || (ch as u32 >= 0x590
            && !matches!(ch, '\u{2000}'..='\u{2bff}' | '\u{3000}'..='\u{303f}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff0f}'))
}

/// How a style writes page ranges (CSL `page-range-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageRange {
    /// 512–538
    Expanded,
    /// 512–38, 101–15, 5–7
    MinimalTwo,
    /// Chicago's rules: 101–15, 1021–99, 1–29, 321–28
    Chicago,
}

/// A page range with an en dash, in the style's form.
pub fn page_range(pages: &str, format: PageRange) -> String {
    let pages = crate::search::trim(pages);
    let Some((first, last)) = crate::search::split_once_any(pages, &["-", "–", "—"]) else {
        return pages.to_string();
    };
    let (first, last) = (
        crate::search::trim(first),
        crate::search::trim(crate::search::trim_start_any(last, &["-", "–"])),
    );
    let numeric = |s: &str| !s.is_empty() && crate::search::all_bytes(s, |b| b.is_ascii_digit());
    if !numeric(first) || !numeric(last) || last.len() != first.len() || first >= last {
        return crate::join::concat(&[first, "–", last]);
    }
    let shortened = match format {
        PageRange::Expanded => last,
        PageRange::MinimalTwo => minimal(first, last, 2),
        PageRange::Chicago => chicago(first, last),
    };
    crate::join::concat(&[first, "–", shortened])
}

/// The last number without the leading digits it shares with the first,
/// keeping at least `keep` digits.
fn minimal<'a>(first: &str, last: &'a str, keep: usize) -> &'a str {
    let shared = first
        .bytes()
        .zip(last.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let start = shared.min(last.len().saturating_sub(keep));
    &last[start..]
}

/// Chicago Manual of Style 9.64 (CSL "chicago-16").
fn chicago<'a>(first: &str, last: &'a str) -> &'a str {
    let value = crate::encode::parse_u32(first, 10).unwrap_or(0);
    if value < 100 || value % 100 == 0 {
        last
    } else if value % 100 < 10 {
        minimal(first, last, 1)
    } else {
        minimal(first, last, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! cases {
        ($($name:ident: $f:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($f, $want);
            }
        )*};
    }

    cases! {
        title_case_lowercase: title_case("hybrid wars: the indirect adaptive approach to regime change")
            => "Hybrid Wars: The Indirect Adaptive Approach to Regime Change";
        title_case_keeps_capitals: title_case("the U.S. ultimatum on Huawei and the EU’s 5G plans")
            => "The U.S. Ultimatum on Huawei and the EU’s 5G Plans";
        title_case_last_stop_word: title_case("what it is made of") => "What It Is Made Of";
        title_case_hyphen: title_case("large-scale cross-posting") => "Large-Scale Cross-Posting";
        title_case_unicode: title_case("über das öffentliche") => "Über Das Öffentliche";
        expanded: page_range("512-538", PageRange::Expanded) => "512–538";
        minimal_two: page_range("512-538", PageRange::MinimalTwo) => "512–38";
        minimal_two_short: page_range("5-7", PageRange::MinimalTwo) => "5–7";
        minimal_two_thousands: page_range("1021-1099", PageRange::MinimalTwo) => "1021–99";
        minimal_two_same_hundred_kept: page_range("101-115", PageRange::MinimalTwo) => "101–15";
        chicago_under_100: page_range("33-47", PageRange::Chicago) => "33–47";
        chicago_hundreds: page_range("100-104", PageRange::Chicago) => "100–104";
        chicago_101_to_109: page_range("101-108", PageRange::Chicago) => "101–8";
        chicago_two_digits: page_range("321-328", PageRange::Chicago) => "321–28";
        chicago_change_of_hundreds: page_range("498-532", PageRange::Chicago) => "498–532";
        chicago_thousands: page_range("1021-1099", PageRange::Chicago) => "1021–99";
        single_page: page_range("17", PageRange::Chicago) => "17";
        roman: page_range("xi-xv", PageRange::Expanded) => "xi–xv";
        typographic_apostrophe: typographic("the EU's plan") => "the EU’s plan";
        smalls_agree_with_unicode: [0x41..=0x5a, 0xc0..=0x17f, 0x391..=0x3ab, 0x400..=0x4ff]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|c| c.is_uppercase() && c.to_lowercase().count() == 1 && small(*c) != c.to_lowercase().next().unwrap())
            .collect::<String>() => "";
        // Ordinal indicators, micro, kra and dotted İ have no simple pair.
        case_tests_agree_with_unicode: [0x20..=0x17f, 0x391..=0x3ab, 0x3b1..=0x3c9, 0x400..=0x4ff]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|c| (c.is_uppercase() && c.to_lowercase().count() == 1) != is_capital(*c) || (c.is_lowercase() && c.to_uppercase().count() == 1) != is_small(*c))
            .collect::<String>() => "ªµºİĸ";
        word_chars: "a1É-–’“,.:;!?()中ع".chars().filter(|c| is_word_char(*c)).collect::<String>() => "a1É中ع";
        capitals_agree_with_unicode: [0x61..=0x7a, 0xe0..=0x17f, 0x3b1..=0x3cb, 0x430..=0x4ff]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|c| c.to_uppercase().count() == 1 && capital(*c) != c.to_uppercase().next().unwrap())
            .collect::<String>() => "";
    }

    #[test]
    fn punctuation_moves_inside_quotes_and_is_not_doubled() {
        let mut entry = Entry::new();
        entry.quoted("Is 5G Safe?");
        entry.punct(". ");
        entry.quoted("Title");
        entry.punct(", ");
        entry.italic("Done.");
        entry.punct(".");
        entry.quoted("Why?");
        entry.punct(",");
        entry.push(" A & B");
        let (text, html) = entry.finish();
        assert_eq!(text, "“Is 5G Safe?” “Title,” Done.“Why?,” A & B");
        assert_eq!(html, "“Is 5G Safe?” “Title,” <i>Done.</i>“Why?,” A &#38; B");
    }
}
