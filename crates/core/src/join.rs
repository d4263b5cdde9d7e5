//! Joining strings without std's `concat` and `join` for slices.
//!
//! Their generic copy (`join_generic_copy`) is 0.9 KB in each of the two
//! wasm modules, for what a loop of `push_str` does; these give the same
//! strings, as the tests check.

use alloc::string::String;

/// `parts` one after another (`[&str]::concat`).
pub fn concat(parts: &[&str]) -> String {
    join(parts, "")
}

/// `parts` with `separator` between them (`[S]::join`).
pub fn join<S: AsRef<str>>(parts: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn the_same_strings_as_std() {
        let cases: [&[&str]; 5] = [
            &[],
            &[""],
            &["a"],
            &["Jean", "de", "La Fontaine"],
            &["é", "", "ü"],
        ];
        for parts in cases {
            assert_eq!(concat(parts), parts.concat(), "{parts:?}");
            for separator in ["", " ", ", ", "–"] {
                assert_eq!(
                    join(parts, separator),
                    parts.join(separator),
                    "{parts:?} {separator:?}"
                );
                let owned: vec::Vec<String> = parts.iter().map(|p| p.to_string()).collect();
                assert_eq!(join(&owned, separator), owned.join(separator));
            }
        }
    }
}
