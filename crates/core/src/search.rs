//! Finding a string in a string, without std's two-way searcher.
//!
//! `str::find`, `split`, `split_once` and `replace` with a string pattern
//! (and, in today's std, `str::contains` with a `char`) bring that searcher
//! into the wasm: 1 KB gzipped, measured, for the few short separators and
//! placeholders the core looks for in short texts, where a plain scan is
//! as quick. Searching backwards (`rfind`, `rsplit_once` with a `char` or
//! a string) brings a reverse searcher and `memrchr`, where a byte scan
//! does the same for ASCII delimiters; together these took 1.6 KB off the
//! widget and 1.0 KB off the citation module. Searching for one `char`
//! brings `CharSearcher` and `memchr`, and `str::lines`, `replace` and
//! `split` with several characters bring searchers of their own: the
//! byte scans here replace those too, as the trims replace std's (which
//! go through the same searchers) and `all_bytes`/`any_byte` the folds
//! that `bytes().all(…)` compiles to for each closure. Each function
//! answers exactly as the `str` method it names does; the tests hold them
//! to it.

/// Where `needle` first occurs in `haystack` (`str::find`).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// `text` before and after the first `separator` (`str::split_once`).
pub fn split_once<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    // A match starts and ends on character boundaries: `separator` is
    // whole characters, and so is `text` around it.
    let at = find(text, separator)?;
    Some((&text[..at], &text[at + separator.len()..]))
}

/// `text` cut at every `separator` (`str::split`), which is not empty
/// (std's `split` on nothing cuts between characters; this would not end).
pub fn split<'a>(text: &'a str, separator: &'a str) -> impl Iterator<Item = &'a str> {
    debug_assert!(!separator.is_empty());
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        let (piece, after) = match split_once(text, separator) {
            Some((piece, after)) => (piece, Some(after)),
            None => (text, None),
        };
        rest = after;
        Some(piece)
    })
}

/// The entries of a fixed list written as one string, separated by `|`
/// (`"utm_|fbclid|gclid"`). Such lists (tracking parameters, schema.org
/// types, meta tag names, particles) are kept as one string rather than a
/// slice of them: a slice ships a pointer and a length per entry, and
/// those deflate poorly (0.5 KB of the widget's gzip, measured).
pub fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    split(list, "|")
}

/// `list`'s [`entries`] number `index` (from 0), or `""` past its end: an
/// enum's names as one string, where a `match` returning each name made
/// LLVM build tables of their addresses and lengths, which deflate poorly
/// and were copied into each function the `match` was inlined into.
pub fn entry(list: &'static str, index: usize) -> &'static str {
    entries(list).nth(index).unwrap_or("")
}

/// Whether `c` is white space (Unicode's White_Space, as
/// `char::is_whitespace`): a match on its 25 code points, where std looks
/// them up in a 256-byte table through a function of its own.
pub fn is_white_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Where `word` is among `list`'s [`entries`] (from 0): an enum's variant
/// by its name ([`entry`] the other way).
pub fn position(list: &'static str, word: &str) -> Option<usize> {
    entries(list).position(|entry| entry == word)
}

/// Whether `word` is one of `list`'s [`entries`].
pub fn listed(list: &'static str, word: &str) -> bool {
    position(list, word).is_some()
}

/// The first `count` characters of `text`, or all of it: a slice, where
/// `chars().take(count).collect()` copies (and brings a collector of its
/// own into the wasm).
pub fn char_prefix(text: &str, count: usize) -> &str {
    // Counted on bytes: each character starts at a byte that does not
    // continue one (`char_indices().nth()` decoded them all, in 0.5 KB).
    let mut started = 0;
    for (index, byte) in text.bytes().enumerate() {
        if byte & 0xc0 != 0x80 {
            if started == count {
                return text.get(..index).unwrap_or(text);
            }
            started += 1;
        }
    }
    text
}

/// `split(text, separator)` collected: one loop, where collecting each
/// caller's iterator was a copy of its own (and collecting `split` here,
/// measured, is 0.2 KB larger in each module than this loop). `separator`
/// is not empty, as for [`split`].
pub fn split_all<'a>(text: &'a str, separator: &str) -> alloc::vec::Vec<&'a str> {
    debug_assert!(!separator.is_empty());
    let mut pieces = alloc::vec::Vec::new();
    let mut rest = text;
    while let Some((piece, after)) = split_once(rest, separator) {
        pieces.push(piece);
        rest = after;
    }
    pieces.push(rest);
    pieces
}

/// `text`'s words, as `split_whitespace` finds them, gathered by one loop:
/// collecting std's iterator at each caller brought a copy of it each.
pub fn words(text: &str) -> alloc::vec::Vec<&str> {
    let mut words = alloc::vec::Vec::new();
    let mut word_start = None;
    for (index, c) in text.char_indices() {
        match (is_white_space(c), word_start) {
            (true, Some(start)) => {
                words.push(text.get(start..index).unwrap_or(""));
                word_start = None;
            }
            (false, None) => word_start = Some(index),
            _ => {}
        }
    }
    if let Some(start) = word_start {
        words.push(text.get(start..).unwrap_or(""));
    }
    words
}

/// `text` with every `from`, which is not empty, replaced by `to`
/// (`str::replace`).
pub fn replace(text: &str, from: &str, to: &str) -> alloc::string::String {
    let mut out = alloc::string::String::new();
    let mut pieces = split(text, from);
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        out.push_str(to);
        out.push_str(piece);
    }
    out
}

/// `text` before and after the first of several `separators`
/// (`str::split_once` with those characters).
pub fn split_once_any<'a>(text: &'a str, separators: &[&str]) -> Option<(&'a str, &'a str)> {
    let mut first: Option<(usize, usize)> = None;
    for separator in separators {
        if let Some(at) = find(text, separator) {
            if first.is_none_or(|(earliest, _)| at < earliest) {
                first = Some((at, separator.len()));
            }
        }
    }
    let (at, len) = first?;
    Some((&text[..at], &text[at + len..]))
}

/// Whether `byte` is one of `bytes`: a plain loop, where `<[u8]>::contains`
/// brings a word-at-a-time search built for long slices.
#[allow(clippy::manual_contains)] // the point: see above
fn is_one_of(byte: u8, bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == byte)
}

/// Whether every byte of `text` passes `test` (`bytes().all(…)`, whose
/// `try_fold` compiles to a function per closure; one loop here). The
/// predicates here and below are function pointers, which every caller's
/// closure (none captures anything) coerces to: a trait object's vtable
/// is data and two more shims in the function table for each closure.
pub fn all_bytes(text: &str, test: fn(u8) -> bool) -> bool {
    for &b in text.as_bytes() {
        if !test(b) {
            return false;
        }
    }
    true
}

/// Whether some byte of `text` passes `test` (`bytes().any(…)`).
pub fn any_byte(text: &str, test: fn(u8) -> bool) -> bool {
    for &b in text.as_bytes() {
        if test(b) {
            return true;
        }
    }
    false
}

/// `text` without the `prefixes` it starts with, however many times
/// (`str::trim_start_matches` with those characters).
pub fn trim_start_any<'a>(mut text: &'a str, prefixes: &[&str]) -> &'a str {
    debug_assert!(prefixes.iter().all(|prefix| !prefix.is_empty()));
    while let Some(rest) = prefixes.iter().find_map(|prefix| text.strip_prefix(prefix)) {
        text = rest;
    }
    text
}

/// Where the first of the ASCII `bytes` is in `text` (`str::find` with
/// those characters).
pub fn find_any(text: &str, bytes: &[u8]) -> Option<usize> {
    // Slicing at a match assumes a one-byte character.
    debug_assert!(bytes.is_ascii());
    // Plain loops over the bytes, here and below: `position` and
    // `rposition` compile to a function per closure.
    for (at, &b) in text.as_bytes().iter().enumerate() {
        if is_one_of(b, bytes) {
            return Some(at);
        }
    }
    None
}

/// `text` before the first of the ASCII `bytes`, or all of it
/// (`str::split(…).next()`).
pub fn before_first<'a>(text: &'a str, bytes: &[u8]) -> &'a str {
    find_any(text, bytes).map_or(text, |at| &text[..at])
}

/// Where the last of the ASCII `bytes` is in `text` (`str::rfind` with
/// those characters).
pub fn rfind(text: &str, bytes: &[u8]) -> Option<usize> {
    // Slicing after a match assumes a one-byte character.
    debug_assert!(bytes.is_ascii());
    let mut before = text.as_bytes();
    while let [rest @ .., last] = before {
        if is_one_of(*last, bytes) {
            return Some(rest.len());
        }
        before = rest;
    }
    None
}

/// `text` before and after the last of the ASCII `bytes`
/// (`str::rsplit_once` with those characters).
pub fn rsplit_once<'a>(text: &'a str, bytes: &[u8]) -> Option<(&'a str, &'a str)> {
    let at = rfind(text, bytes)?;
    Some((&text[..at], &text[at + 1..]))
}

/// `text` after the last of the ASCII `bytes`, or all of it
/// (`str::rsplit(…).next()`).
pub fn after_last<'a>(text: &'a str, bytes: &[u8]) -> &'a str {
    rsplit_once(text, bytes).map_or(text, |(_, after)| after)
}

/// `text` without the ASCII `bytes` it ends with (`str::trim_end_matches`
/// with those characters).
pub fn trim_end_bytes<'a>(text: &'a str, bytes: &[u8]) -> &'a str {
    debug_assert!(bytes.is_ascii());
    let mut kept = text.as_bytes();
    while let [rest @ .., last] = kept {
        if !is_one_of(*last, bytes) {
            break;
        }
        kept = rest;
    }
    // Only ASCII bytes were cut, so this is a character boundary.
    text.get(..kept.len()).unwrap_or(text)
}

/// `text` without the whitespace it starts with (`str::trim_start`). The
/// trims step over characters with `Chars`, which the core decodes
/// anyway; std's go through its pattern searchers, four functions of their
/// own and more for each predicate (0.3 KB of the widget's wasm, 0.2 KB of
/// the citation module's).
pub fn trim_start(text: &str) -> &str {
    trim_side(text, is_white_space, Side::Start)
}

/// `text` without the whitespace it ends with (`str::trim_end`).
pub fn trim_end(text: &str) -> &str {
    trim_side(text, is_white_space, Side::End)
}

/// `text` without leading and trailing whitespace (`str::trim`).
pub fn trim(text: &str) -> &str {
    trim_end(trim_start(text))
}

/// `text` without the characters at either end that `strip` picks
/// (`str::trim_matches` with a predicate). A function pointer, so that every
/// predicate shares one copy of the loop.
pub fn trim_where(text: &str, strip: fn(char) -> bool) -> &str {
    trim_side(trim_side(text, strip, Side::Start), strip, Side::End)
}

enum Side {
    Start,
    End,
}

fn trim_side(text: &str, strip: fn(char) -> bool, side: Side) -> &str {
    let mut chars = text.chars();
    loop {
        let rest = chars.as_str();
        let next = match side {
            Side::Start => chars.next(),
            Side::End => chars.next_back(),
        };
        match next {
            Some(c) if strip(c) => {}
            _ => return rest,
        }
    }
}

/// Where `needle` last occurs in `haystack` (`str::rfind`).
pub fn rfind_str(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(haystack.len());
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    const CASES: [(&str, &str); 12] = [
        ("x:~:text=y", ":~:"),
        ("doi:10.1234/x", "10."),
        ("Originally published on {source}.", "{source}"),
        ("héllo wörld", "wö"),
        ("one\n\ntwo\n\n\nthree", "\n\n"),
        ("aaa", "aaaa"),
        ("ababc", "abc"),
        ("“a” and “b”", "”"),
        ("{source}", "{source}"),
        ("abc", ""),
        ("", "x"),
        ("", ""),
    ];

    #[test]
    fn trims_whitespace_as_std_does() {
        for text in [
            "",
            " ",
            "word",
            "  two words \t\n",
            "\u{a0}non-breaking\u{a0}",
            "\u{3000}ideographic\u{2003}",
            "\u{200b}zero width is not whitespace\u{200b}",
            "é ",
            " ü",
            "\r\n\u{85}\u{2028}",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
            assert_eq!(trim_start(text), text.trim_start(), "{text:?}");
            assert_eq!(trim_end(text), text.trim_end(), "{text:?}");
        }
        let not_letter = |c: char| !c.is_alphabetic();
        for text in ["", "“Quoted,”", "(1999)", "--", "é-", "plain"] {
            assert_eq!(
                trim_where(text, not_letter),
                text.trim_matches(not_letter),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tests_every_byte_or_any() {
        let digit = |b: u8| b.is_ascii_digit();
        for text in ["", "2019", "20l9", "x", "é1"] {
            assert_eq!(all_bytes(text, digit), text.bytes().all(digit), "{text:?}");
            assert_eq!(any_byte(text, digit), text.bytes().any(digit), "{text:?}");
        }
    }

    #[test]
    fn a_list_s_entries_are_whole_entries() {
        const LIST: &str = "Jr.|van der|d’|V";
        assert_eq!(
            entries(LIST).collect::<Vec<_>>(),
            ["Jr.", "van der", "d’", "V"]
        );
        assert_eq!(entries("one").collect::<Vec<_>>(), ["one"]);
        for (word, expected) in [
            ("Jr.", true),
            ("van der", true),
            ("d’", true),
            ("V", true),
            ("Jr", false),
            ("van", false),
            ("der", false),
            ("", false),
            ("Jr.|van der", false),
        ] {
            assert_eq!(listed(LIST, word), expected, "{word}");
        }
        assert_eq!(position(LIST, "van der"), Some(1));
        assert_eq!(position(LIST, "V"), Some(3));
        assert_eq!(position(LIST, "van"), None);
        assert_eq!((entry(LIST, 2), entry(LIST, 4)), ("d’", ""));
    }

    #[test]
    fn white_space_is_what_std_says() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_white_space(c), c.is_whitespace(), "{:#x}", c as u32);
        }
    }

    #[test]
    fn words_are_what_split_whitespace_finds() {
        let texts = [
            "",
            " ",
            "a",
            " a  b ",
            "Martin\u{a0}Luther\tKing\n Jr.",
            "\u{3000}中文 词",
            "van  Beethoven",
        ];
        for text in texts.into_iter().chain(CASES.map(|(text, _)| text)) {
            assert_eq!(
                words(text),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_all_is_what_split_collects() {
        for (text, separator) in CASES {
            if !separator.is_empty() {
                assert_eq!(
                    split_all(text, separator),
                    text.split(separator).collect::<Vec<_>>(),
                    "{text:?} {separator:?}"
                );
            }
        }
    }

    #[test]
    fn a_char_prefix_is_what_taking_chars_collects() {
        for (text, _) in CASES {
            for count in 0..=text.chars().count() + 1 {
                let taken: alloc::string::String = text.chars().take(count).collect();
                assert_eq!(char_prefix(text, count), taken, "{text:?} {count}");
            }
        }
    }

    #[test]
    fn reverse_searches_answer_as_the_str_methods_do() {
        let texts = [
            "",
            "a",
            "user@host@example.org",
            "http://schema.org/NewsArticle",
            "schema:Thing",
            "a.b.c",
            "x#y/z",
            "é@ü",
            "King, Martin Luther, Jr.",
            "Jean de",
            "512-538",
            "512–538",
            "12—14-16",
            "-–-7",
            "1-",
        ];
        for text in texts {
            assert_eq!(rfind(text, b"@"), text.rfind('@'), "{text:?}");
            assert_eq!(
                rsplit_once(text, b" ,"),
                text.rsplit_once([' ', ',']),
                "{text:?}"
            );
            assert_eq!(rsplit_once(text, b"@"), text.rsplit_once('@'), "{text:?}");
            assert_eq!(rfind(text, b"/:#"), text.rfind(['/', ':', '#']), "{text:?}");
            assert_eq!(
                after_last(text, b"."),
                text.rsplit('.').next().unwrap(),
                "{text:?}"
            );
            assert_eq!(
                after_last(text, b"/:#"),
                text.rsplit(['/', ':', '#']).next().unwrap(),
                "{text:?}"
            );
            assert_eq!(find_any(text, b"@"), text.find('@'), "{text:?}");
            assert_eq!(
                split_once_any(text, &["-", "–", "—"]),
                text.split_once(['-', '–', '—']),
                "{text:?}"
            );
            assert_eq!(
                trim_start_any(text, &["-", "–"]),
                text.trim_start_matches(['-', '–']),
                "{text:?}"
            );
            assert_eq!(
                trim_end_bytes(text, b"., "),
                text.trim_end_matches(['.', ',', ' ']),
                "{text:?}"
            );
            assert_eq!(
                find_any(text, b"/:#"),
                text.find(['/', ':', '#']),
                "{text:?}"
            );
            assert_eq!(
                before_first(text, b"/:#"),
                text.split(['/', ':', '#']).next().unwrap(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn each_answers_as_the_str_method_does() {
        for (text, needle) in CASES {
            assert_eq!(
                find(text, needle),
                text.find(needle),
                "find {text:?} {needle:?}"
            );
            assert_eq!(
                rfind_str(text, needle),
                text.rfind(needle),
                "rfind {text:?} {needle:?}"
            );
            assert_eq!(
                split_once(text, needle),
                text.split_once(needle),
                "split_once {text:?} {needle:?}"
            );
            if !needle.is_empty() {
                for to in ["", "--", "’"] {
                    assert_eq!(
                        replace(text, needle, to),
                        text.replace(needle, to),
                        "replace {text:?} {needle:?} {to:?}"
                    );
                }
                // (std's `split` with an empty pattern also splits between
                // characters; we never split on nothing.)
                assert_eq!(
                    split(text, needle).collect::<Vec<_>>(),
                    text.split(needle).collect::<Vec<_>>(),
                    "split {text:?} {needle:?}"
                );
            }
        }
    }
}
