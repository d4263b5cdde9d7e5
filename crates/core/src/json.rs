//! JSON values, as JSON-LD blocks are read into them.
//!
//! In the browser the widget has the page's JSON read by `JSON.parse`,
//! which is there already, and the loader hands the value over in a flat
//! form ([`Json::from_flat`]) that takes a few lines to read: a JSON reader
//! of our own was 1.5 KB of every reader's download. [`Json::parse`], a
//! small strict reader, serves native callers and the tests. Page JSON is
//! hostile input, so nesting depth is bounded and every failure is a value,
//! never a panic. Numbers are kept as text: metadata only ever prints them
//! (a volume, an issue number).

use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

/// A parsed JSON value. Objects keep their member order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a JSON text could not be read, and at which byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the first character that could not be read.
    pub offset: usize,
}

impl JsonError {
    /// Where the text stopped being JSON, in words: `at byte 12`.
    pub fn reason(&self) -> String {
        let mut reason = String::from("at byte ");
        crate::encode::push_decimal(
            &mut reason,
            u32::try_from(self.offset).unwrap_or(u32::MAX),
            1,
        );
        reason
    }
}

/// Deeper nesting than this is refused, so a hostile page cannot exhaust the
/// stack; real JSON-LD rarely goes past 6.
const MAX_DEPTH: usize = 64;

impl Json {
    /// Reads one JSON text, surrounded by optional whitespace.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        let value = reader.value(0)?;
        reader.skip_whitespace();
        if reader.pos != reader.bytes.len() {
            return Err(reader.error());
        }
        Ok(value)
    }

    /// Reads the flat form in which the loader (`shareciteJson` in
    /// js/loader.js) hands over what `JSON.parse` made of a text, or the
    /// reason it gives for refusing it.
    ///
    /// Each value is a tag byte: `n`, `t` and `f` for null, true and
    /// false; `d` and `s` for a number and a string, each followed by its
    /// text and a NUL; `[` and the items, then `]`; `{`, then each member
    /// as an `s` string (its key) and a value, then `}`. Page text has its
    /// NULs replaced (U+FFFD), so a NUL always ends a text, and nothing in
    /// a text needs unescaping. A refused text is `!` and the browser's
    /// reason. Numbers come as JavaScript prints them (`1e2` is `100`), a
    /// repeated key only once (its last value), and members whose keys are
    /// array indices (`"2"`) first, in JavaScript's order.
    ///
    /// `Err` holds the reason: the browser's, or [`UNREAD`]. One reason
    /// for the two ways this side can refuse a value, which a page meets
    /// only when its JSON nests more than 64 deep: the loader writes
    /// nothing else it cannot read, unless the page broke what it calls.
    pub fn from_flat(flat: &str) -> Result<Json, String> {
        let mut reader = Flat { flat, at: 0 };
        if reader.take(b'!') {
            return Err(flat.get(1..).unwrap_or_default().into());
        }
        match reader.value(0) {
            Some(value) if reader.at == flat.len() => Ok(value),
            _ => Err(UNREAD.into()),
        }
    }

    /// The member `key` of an object. The last one, if the key is
    /// repeated, as `JSON.parse` keeps it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        let mut found = None;
        if let Json::Object(members) = self {
            for (name, value) in members {
                if name == key {
                    found = Some(value);
                }
            }
        }
        found
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// Text for a string or a number; how JSON-LD values are printed.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Json::String(text) | Json::Number(text) => Some(text),
            _ => None,
        }
    }

    /// This value as a list: arrays as themselves, anything else as a list
    /// of one, `null` as empty. JSON-LD lets any property be either.
    pub fn items(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            Json::Null => &[],
            single => core::slice::from_ref(single),
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn error(&self) -> JsonError {
        JsonError { offset: self.pos }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, literal: &[u8]) -> Result<(), JsonError> {
        if self.bytes[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect(b"true").map(|()| Json::Bool(true)),
            Some(b'f') => self.expect(b"false").map(|()| Json::Bool(false)),
            Some(b'n') => self.expect(b"null").map(|()| Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error());
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b":")?;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error()),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error()),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error());
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error());
            }
            self.digits();
        }
        Ok(Json::Number(self.slice(start)?.to_string()))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// The text from `start` to here. Every caller stops at an ASCII byte,
    /// so both ends are character boundaries (and the text needs no second
    /// UTF-8 check).
    fn slice(&self, start: usize) -> Result<&str, JsonError> {
        self.text.get(start..self.pos).ok_or_else(|| self.error())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        // Where the text not yet copied to `out` starts.
        let mut run = self.pos;
        loop {
            let byte = self.peek().ok_or_else(|| self.error())?;
            match byte {
                b'"' => {
                    out.push_str(self.slice(run)?);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.slice(run)?);
                    self.pos += 1;
                    let escape = self.peek().ok_or_else(|| self.error())?;
                    self.pos += 1;
                    let decoded = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => {
                            return Err(JsonError {
                                offset: self.pos - 1,
                            })
                        }
                    };
                    out.push(decoded);
                    run = self.pos;
                }
                0x00..=0x1f => {
                    // Raw control characters are invalid JSON, but CMSes emit
                    // raw newlines in descriptions; browsers' JSON.parse
                    // refuses them, and so do we, for one behaviour.
                    return Err(self.error());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error())?;
        let mut value = 0u32;
        for &digit in digits {
            let nibble = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(self.error()),
            };
            value = value << 4 | u32::from(nibble);
        }
        self.pos += 4;
        Ok(value)
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if (0xd800..0xdc00).contains(&first) && self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xdc00..0xe000).contains(&second) {
                let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.pos = save;
        }
        // U+0000 as the loader makes it for JSON.parse's reading, so that
        // the two readers agree.
        Ok(char::from_u32(first)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}'))
    }
}

/// Why [`Json::from_flat`] did not read a value the browser did.
pub const UNREAD: &str = "nested too deeply, or garbled";

/// Reads [`Json::from_flat`]'s form. Every text ends at an ASCII byte, so
/// each slice is on a character boundary; a form that does not read is
/// `None`, never a panic.
struct Flat<'a> {
    flat: &'a str,
    at: usize,
}

impl Flat<'_> {
    fn next(&mut self) -> Option<u8> {
        let byte = *self.flat.as_bytes().get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    /// Whether the next byte is `tag`, consumed if it is.
    fn take(&mut self, tag: u8) -> bool {
        let next = self.flat.as_bytes().get(self.at) == Some(&tag);
        if next {
            self.at += 1;
        }
        next
    }

    /// The text up to the next NUL, which is consumed.
    fn text(&mut self) -> Option<String> {
        let start = self.at;
        while self.next()? != 0 {}
        self.flat.get(start..self.at - 1).map(String::from)
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        // The same bound as `Reader`'s, so the two read the same texts.
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.next()? {
            b'n' => Json::Null,
            b't' => Json::Bool(true),
            b'f' => Json::Bool(false),
            b'd' => Json::Number(self.text()?),
            b's' => Json::String(self.text()?),
            b'[' => {
                let mut items = Vec::new();
                while !self.take(b']') {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            b'{' => {
                let mut members = Vec::new();
                while !self.take(b'}') {
                    if !self.take(b's') {
                        return None;
                    }
                    let key = self.text()?;
                    members.push((key, self.value(depth + 1)?));
                }
                Json::Object(members)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Json {
        Json::String(text.to_string())
    }

    macro_rules! parses {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(Json::parse($input), Ok($want));
            }
        )*};
    }

    parses! {
        null: "null" => Json::Null;
        booleans: "[true,false]" => Json::Array(vec![Json::Bool(true), Json::Bool(false)]);
        numbers_keep_text: "[0,-1.5e+3,42]" => Json::Array(vec![
            Json::Number("0".into()), Json::Number("-1.5e+3".into()), Json::Number("42".into())]);
        escapes: r#""a\"b\\c\/d\n\u00e9\ud83d\ude00""# => s("a\"b\\c/d\né😀");
        lone_surrogate_replaced: r#""\ud800x""# => s("\u{fffd}x");
        nul_replaced_as_the_loader_does: r#""a\u0000b""# => s("a\u{fffd}b");
        object_order_kept: r#"{"b":1,"a":"x"}"# => Json::Object(vec![
            ("b".into(), Json::Number("1".into())), ("a".into(), s("x"))]);
        whitespace_around: " \n {} \t" => Json::Object(vec![]);
        utf8_passthrough: "\"Korybko — “5G”\"" => s("Korybko — “5G”");
        escapes_between_multibyte_runs: r#""Ω\u03a9Ω\t“end”""# => s("ΩΩΩ\t“end”");
    }

    macro_rules! rejects {
        ($($name:ident: $input:expr => $offset:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(Json::parse($input), Err(JsonError { offset: $offset }));
            }
        )*};
    }

    rejects! {
        empty: "" => 0;
        trailing_comma: "[1,]" => 3;
        single_quotes: "{'a':1}" => 1;
        unterminated_string: "\"abc" => 4;
        raw_newline_in_string: "\"a\nb\"" => 2;
        bad_escape: r#""\x""# => 2;
        leading_zero_then_digit: "01" => 1;
        trailing_garbage: "{} x" => 3;
        missing_colon: r#"{"a" 1}"# => 5;
        bare_word: "undefined" => 0;
        fraction_without_digits: "1." => 2;
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(Json::parse(&deep).is_err());
        let ok = "[".repeat(60) + &"]".repeat(60);
        assert!(Json::parse(&ok).is_ok());
    }

    macro_rules! reads_flat {
        ($($name:ident: $flat:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(Json::from_flat($flat), $want);
            }
        )*};
    }

    reads_flat! {
        flat_scalars: "[ntfd-1500\0sa\0]" => Ok(Json::Array(vec![
            Json::Null, Json::Bool(true), Json::Bool(false), Json::Number("-1500".into()), s("a")]));
        flat_object_in_order: "{sb\0d1\0sa\0sx\0}" => Ok(Json::Object(vec![
            ("b".into(), Json::Number("1".into())), ("a".into(), s("x"))]));
        flat_texts_hold_any_other_character: "{s}\0s]\"\\\n“\0}" => Ok(Json::Object(vec![
            ("}".into(), s("]\"\\\n“"))]));
        flat_empty_containers: "[[]{}s\0]" => Ok(Json::Array(vec![
            Json::Array(vec![]), Json::Object(vec![]), s("")]));
        flat_refused_with_the_browsers_reason: "!Unexpected token 'o', \"{oops\" is not valid JSON"
            => Err("Unexpected token 'o', \"{oops\" is not valid JSON".into());
        flat_too_deep: &("[".repeat(66) + &"]".repeat(66)) => Err(UNREAD.into());
        flat_unclosed: "[n" => Err(UNREAD.into());
        flat_key_without_its_tag: "{a\0n}" => Err(UNREAD.into());
        flat_text_without_its_end: "sabc" => Err(UNREAD.into());
        flat_trailing: "nn" => Err(UNREAD.into());
        flat_empty: "" => Err(UNREAD.into());
    }

    #[test]
    fn both_readers_bound_nesting_alike() {
        for depth in [1, 60, 64, 65, 66, 100, 100_000] {
            let text = "[".repeat(depth) + &"]".repeat(depth);
            // Nested empty arrays are their own flat form.
            let flat = text.clone();
            assert_eq!(
                Json::parse(&text).is_ok(),
                Json::from_flat(&flat).is_ok(),
                "{depth}"
            );
        }
        assert!(Json::from_flat(&("[".repeat(60) + &"]".repeat(60))).is_ok());
        assert!(Json::from_flat(&("[".repeat(100) + &"]".repeat(100))).is_err());
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value_as_in_json_parse() {
        let value = Json::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(value.get("a").and_then(Json::as_text), Some("3"));
        let flat = Json::from_flat("{sa\0d1\0sa\0d3\0}").unwrap();
        assert_eq!(flat.get("a").and_then(Json::as_text), Some("3"));
    }

    #[test]
    fn accessors() {
        let value = Json::parse(r#"{"name":"A","n":3,"list":["x"],"nothing":null}"#).unwrap();
        assert_eq!(value.get("name").and_then(Json::as_str), Some("A"));
        assert_eq!(value.get("n").and_then(Json::as_text), Some("3"));
        assert_eq!(value.get("n").and_then(Json::as_str), None);
        assert_eq!(value.get("list").map(|v| v.items().len()), Some(1));
        assert_eq!(value.get("name").map(|v| v.items().len()), Some(1));
        assert_eq!(value.get("nothing").map(|v| v.items().len()), Some(0));
        assert_eq!(value.get("missing"), None);
    }
}
