//! Checks every `locales/*.txt` against `en.txt`, so a missing or misspelt
//! key is a build error rather than a blank button in some reader's
//! language, and compiles English (the fallback) into the crate. The other
//! locales ship beside the wasm (`dist/locales/`), compiled to the form
//! `Strings::parse` reads (`LOCALE_FILES`, which `make dist` writes out),
//! and are loaded only by pages in their language.

// Runs on the build machine, never in the wasm: std's string searches are
// fine here (clippy.toml keeps them out of shipped code).
#![allow(clippy::disallowed_methods)]

extern crate alloc;

#[path = "src/css.rs"]
mod css;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const REFERENCE: &str = "en";

fn main() {
    minify_stylesheet();
    let dir = Path::new("locales");
    println!("cargo:rerun-if-changed=locales");
    let mut locales: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("locales/ is readable") {
        let path = entry.expect("locale entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).expect("locale file is UTF-8");
        locales.insert(tag.clone(), parse(&tag, &text));
    }
    let reference = locales
        .get(REFERENCE)
        .expect("locales/en.txt exists")
        .clone();
    let keys: Vec<&str> = reference.iter().map(|(k, _)| k.as_str()).collect();
    for (tag, entries) in &locales {
        let theirs: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        for key in &keys {
            assert!(
                theirs.contains(key),
                "locales/{tag}.txt lacks the key `{key}`"
            );
        }
        for key in &theirs {
            assert!(
                keys.contains(key),
                "locales/{tag}.txt has the unknown key `{key}`"
            );
        }
    }

    let mut out = String::new();
    out.push_str("/// A translatable string; one per key of `locales/en.txt`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n#[repr(u8)]\npub enum Key {\n");
    for key in &keys {
        writeln!(out, "    /// `{key}`\n    {},", variant(key)).unwrap();
    }
    out.push_str("}\n\n");
    writeln!(
        out,
        "/// How many keys there are.\npub const KEY_COUNT: usize = {};\n",
        keys.len()
    )
    .unwrap();
    writeln!(
        out,
        "/// Every key, in file order.\n#[cfg(test)]\npub const KEYS: [(&str, Key); KEY_COUNT] = ["
    )
    .unwrap();
    for key in &keys {
        writeln!(out, "    ({key:?}, Key::{}),", variant(key)).unwrap();
    }
    out.push_str("];\n\n");
    // A compiled file names the keys it was compiled for by their FNV-1a
    // hash, so one from a build with other keys is refused, not misread.
    let mut fingerprint: u32 = 0x811c_9dc5;
    for byte in keys.iter().flat_map(|key| key.bytes().chain([b'\n'])) {
        fingerprint = (fingerprint ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    let header = format!("sharecite {fingerprint:08x}");
    writeln!(
        out,
        "/// The first line of a compiled locale file: the keys it holds.\npub const LOCALE_HEADER: &str = {header:?};\n"
    )
    .unwrap();
    out.push_str("/// Every locale's BCP 47 tag, built in or not ([`crate::search::entries`]).\n");
    let tags: Vec<&str> = locales.keys().map(String::as_str).collect();
    writeln!(out, "pub const AVAILABLE: &str = {:?};\n", tags.join("|")).unwrap();
    out.push_str("/// Every locale file as `dist/locales/` has it: [`LOCALE_HEADER`], then\n/// each value on a line of its own, in key order.\n#[doc(hidden)]\npub static LOCALE_FILES: &[(&str, &str)] = &[\n");
    for (tag, entries) in &locales {
        let map: BTreeMap<&str, &str> = entries
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut compiled = header.clone();
        for key in &keys {
            compiled.push('\n');
            compiled.push_str(map[key]);
        }
        compiled.push('\n');
        writeln!(out, "    ({tag:?}, {compiled:?}),").unwrap();
    }
    out.push_str("];\n\n");
    out.push_str("/// The built-in locales' tags and strings, in key order.\n");
    out.push_str("pub static LOCALES: &[Locale] = &[\n");
    for (tag, entries) in locales.iter().filter(|(tag, _)| tag.as_str() == REFERENCE) {
        let map: BTreeMap<&str, &str> = entries
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        writeln!(out, "    Locale {{ tag: {tag:?}, values: [").unwrap();
        for key in &keys {
            writeln!(out, "        {:?},", map[key]).unwrap();
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("locales.rs");
    fs::write(dest, out).unwrap();
}

/// The widget's stylesheet as the wasm carries it (see `src/css.rs`).
fn minify_stylesheet() {
    println!("cargo:rerun-if-changed=src/widget.css");
    println!("cargo:rerun-if-changed=src/css.rs");
    let source = fs::read_to_string("src/widget.css").expect("src/widget.css is readable");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("widget.min.css");
    fs::write(dest, css::minify(&source)).unwrap();
}

fn parse(tag: &str, text: &str) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("locales/{tag}.txt:{}: expected `key = value`", number + 1));
        let key = key.trim().to_string();
        // "Quoted" values keep their surrounding spaces (list separators).
        let value = value.trim();
        let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            Some(quoted) => quoted.to_string(),
            None => value.to_string(),
        };
        assert!(
            !value.is_empty(),
            "locales/{tag}.txt:{}: `{key}` is empty",
            number + 1
        );
        assert!(
            entries.iter().all(|(k, _)| *k != key),
            "locales/{tag}.txt:{}: `{key}` is given twice",
            number + 1
        );
        entries.push((key, value));
    }
    entries
}

fn variant(key: &str) -> String {
    key.split(['.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
