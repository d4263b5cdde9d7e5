//! How a locale file's keys are recognised without the widget carrying
//! their names: each key is known by a 16-bit FNV-1a hash of its name.
//! `build.rs` computes the table from `locales/en.txt` and fails the build
//! if two keys ever share a hash; a file's unknown key almost surely hashes
//! to nothing known and gets the file refused, as a misspelt name did.

/// The key `name`'s hash (FNV-1a, 32 bits, folded to 16).
pub const fn hash(name: &str) -> u16 {
    let bytes = name.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut at = 0;
    while at < bytes.len() {
        hash ^= bytes[at] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        at += 1;
    }
    (hash ^ (hash >> 16)) as u16
}
