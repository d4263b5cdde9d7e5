//! Percent-encoding, HTML escaping and decimal numbers.
//!
//! Share intents put page-derived text into query strings and clipboard HTML;
//! both are places where an unescaped character changes meaning, so every
//! such write in the crate goes through here.

use alloc::string::String;
use alloc::vec::Vec;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `text` to `out` percent-encoded for use as one URI component.
///
/// Only RFC 3986 *unreserved* characters (`A-Z a-z 0-9 - . _ ~`) pass through;
/// everything else, including `' ( ) * !` that `encodeURIComponent` leaves
/// alone, is encoded as UTF-8 bytes. Spaces become `%20`, never `+`, because
/// `mailto:` (RFC 6068) reads `+` literally.
pub fn push_component(out: &mut String, text: &str) {
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0x0f)] as char);
        }
    }
}

/// `text` percent-encoded as one URI component; see [`push_component`].
pub fn component(text: &str) -> String {
    let mut out = String::new();
    push_component(&mut out, text);
    out
}

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`), replacing
/// invalid UTF-8 with U+FFFD. Malformed escapes are kept literally.
pub fn decode_component(text: &str, plus_is_space: bool) -> String {
    String::from_utf8_lossy(&decode_bytes(text, plus_is_space)).into_owned()
}

/// The bytes [`decode_component`] decodes, before they are read as UTF-8:
/// what comparing with ASCII names needs, without std's lossy UTF-8
/// decoder in the widget.
pub fn decode_bytes(text: &str, plus_is_space: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        decoded.push(high << 4 | low);
                        i += 3;
                        continue;
                    }
                    _ => decoded.push(b'%'),
                }
            }
            b'+' if plus_is_space => decoded.push(b' '),
            byte => decoded.push(byte),
        }
        i += 1;
    }
    decoded
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// Appends `text` to `out` escaped for HTML text and for attribute values
/// in either quote style.
pub fn push_html(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
}

/// `text` escaped for HTML; see [`push_html`].
pub fn html(text: &str) -> String {
    let mut out = String::new();
    push_html(&mut out, text);
    out
}

/// Collapses runs of whitespace (including newlines and NBSP) to one space and
/// trims the ends: page metadata often carries the indentation of its source.
pub fn squash_whitespace(text: &str) -> String {
    // Not `search::words`: the widget does not otherwise link it, and
    // with it this was 0.2 KB larger there (measured).
    let mut out = String::new();
    #[allow(clippy::disallowed_methods)]
    let words = text.split(crate::search::is_white_space);
    for word in words {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends `value` in decimal, zero-padded to `min_digits` digits; the
/// formatting machinery of `format!` costs kilobytes of wasm.
pub fn push_decimal(out: &mut String, value: u32, min_digits: usize) {
    let mut buffer = [b'0'; 10];
    let mut n = value;
    let mut len = 0;
    loop {
        buffer[9 - len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in len..min_digits {
        out.push('0');
    }
    for &digit in &buffer[10 - len..] {
        out.push(char::from(digit));
    }
}

/// The number `text` writes in base `radix` (10 or 16), as
/// `u32::from_str_radix` reads it: an optional `+`, then digits only, and
/// `None` on overflow. A scan of ASCII digits in place of std's generic
/// integer parser.
pub fn parse_u32(text: &str, radix: u32) -> Option<u32> {
    debug_assert!(radix == 10 || radix == 16);
    let digits = text.strip_prefix("+").unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for byte in digits.bytes() {
        let digit = u32::from(hex_value(byte)?);
        if digit >= radix {
            return None;
        }
        value = value.checked_mul(radix)?.checked_add(digit)?;
    }
    Some(value)
}

/// `value` in decimal.
pub fn decimal(value: u32) -> String {
    let mut out = String::new();
    push_decimal(&mut out, value, 1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_from_str_radix_reads_them() {
        let texts = [
            "",
            "+",
            "-",
            "0",
            "7",
            "+42",
            "-1",
            "00017",
            "4294967295",
            "4294967296",
            "99999999999",
            "1f",
            "1F",
            "ff_",
            " 1",
            "1 ",
            "x41",
            "٣",
            "FFFFFFFF",
            "100000000",
        ];
        for text in texts {
            for radix in [10, 16] {
                assert_eq!(
                    parse_u32(text, radix),
                    u32::from_str_radix(text, radix).ok(),
                    "{text:?} in base {radix}"
                );
            }
        }
    }

    #[test]
    fn decimals_are_zero_padded_to_the_minimum_width() {
        let cases: [(u32, usize, &str); 7] = [
            (0, 1, "0"),
            (7, 2, "07"),
            (19, 2, "19"),
            (2019, 4, "2019"),
            (812, 4, "0812"),
            (123_456, 2, "123456"),
            (u32::MAX, 1, "4294967295"),
        ];
        for (value, min_digits, want) in cases {
            let mut out = String::from(">");
            push_decimal(&mut out, value, min_digits);
            assert_eq!(out, [">", want].concat(), "{value} to {min_digits}");
        }
        assert_eq!(decimal(42), "42");
    }

    macro_rules! cases {
        ($($name:ident: $f:expr, $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($f($input), $want);
            }
        )*};
    }

    cases! {
        component_keeps_unreserved: component, "AZaz09-._~" => "AZaz09-._~";
        component_space_is_percent20: component, "a b" => "a%20b";
        component_reserved: component, "?&=#/:+@,;" => "%3F%26%3D%23%2F%3A%2B%40%2C%3B";
        component_sub_delims_escaped: component, "'()*!" => "%27%28%29%2A%21";
        component_utf8: component, "é—😀" => "%C3%A9%E2%80%94%F0%9F%98%80";
        component_newline: component, "a\r\nb" => "a%0D%0Ab";
        component_percent: component, "100%" => "100%25";
        html_all_specials: html, "<a href=\"x\">'&'</a>" => "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;";
        html_plain: html, "Copyright © 2019" => "Copyright © 2019";
        squash_inner: squash_whitespace, "  The\n\t U.S.\u{a0} Ultimatum  " => "The U.S. Ultimatum";
        squash_empty: squash_whitespace, " \n " => "";
    }

    #[test]
    fn decode_round_trips_component() {
        for text in ["", "a b", "é—😀", "%zz", "?&=#", "100%"] {
            assert_eq!(decode_component(&component(text), false), text);
        }
    }

    #[test]
    fn decode_keeps_malformed_escapes() {
        assert_eq!(decode_component("%", false), "%");
        assert_eq!(decode_component("%4", false), "%4");
        assert_eq!(decode_component("%4g", false), "%4g");
        assert_eq!(decode_component("a+b", true), "a b");
        assert_eq!(decode_component("a+b", false), "a+b");
        assert_eq!(decode_component("%ff", false), "\u{fffd}");
    }
}
