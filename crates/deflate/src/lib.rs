//! Zopfli's deflate in zlib's format, for a reader who already holds the
//! stream's first bytes (its *dictionary*): the file leaves them out, and
//! the reader splices them back in before inflating.
//!
//! sharecite's citation module, split off the widget's, has code much like
//! the widget's, which every reader who cites has already downloaded;
//! deflated with a stretch of the widget as history, it is 4% smaller
//! (`scripts/stored-module.mjs` says which stretch, and measures it). A
//! browser's `DecompressionStream` takes no dictionary, but a zlib stream
//! can carry one in plain sight, as a stored block at its start:
//!
//! ```text
//! 78 DA             zlib's header
//! 00 LEN NLEN       a stored block (not the last) of the dictionary's LEN bytes,
//!                   which the file leaves out: they go at DICTIONARY_AT
//! deflate blocks    the rest of the input, searched with the dictionary as history
//! adler-32          of the whole input, dictionary included
//! ```
//!
//! So the reader gets an ordinary zlib stream of the whole input, and a
//! dictionary that differs from the one the file was made with fails its
//! checksum. With no dictionary, this is Zopfli's zlib stream of the input.
//!
//! ```
//! use sharecite_deflate::{deflate, Options, DICTIONARY_AT};
//!
//! let input = b"the widget's bytes | the citation module's bytes";
//! let file = deflate(input, 18, &Options::default()).unwrap();
//! // What the reader inflates:
//! let stream = [&file[..DICTIONARY_AT], &input[..18], &file[DICTIONARY_AT..]].concat();
//! # assert_eq!(miniz_oxide::inflate::decompress_to_vec_zlib(&stream).unwrap(), input);
//! ```

use std::fmt;
use std::os::raw::{c_int, c_uchar, c_void};

// Only for the C library it builds and links: its bindings are not used
// (see ZopfliOptions).
use zopfli_sys as _;

/// Where the dictionary's bytes go back into [`deflate`]'s output.
pub const DICTIONARY_AT: usize = 7;

/// Deflate's window: a longer dictionary's first bytes would be out of
/// reach of every match.
pub const MAX_DICTIONARY: usize = 32 * 1024;

/// How hard Zopfli searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Rounds of its forward and backward passes.
    pub iterations: u32,
    /// The most deflate blocks it splits the input into.
    pub max_blocks: u32,
}

impl Default for Options {
    /// Zopfli's own defaults.
    fn default() -> Options {
        Options {
            iterations: 15,
            max_blocks: 15,
        }
    }
}

/// Why [`deflate`] refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The dictionary is longer than deflate's window.
    DictionaryTooLong(usize),
    /// The dictionary is longer than the input it is the start of.
    DictionaryPastInput { dictionary: usize, input: usize },
    /// A block end that is not after the dictionary and the end before it,
    /// or not before the input's end.
    BlockEndOutOfPlace(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::DictionaryTooLong(length) => write!(
                f,
                "a {length}-byte dictionary: deflate reaches back {MAX_DICTIONARY} bytes at most"
            ),
            Error::DictionaryPastInput { dictionary, input } => write!(
                f,
                "a {dictionary}-byte dictionary for a {input}-byte input: it is the input's start"
            ),
            Error::BlockEndOutOfPlace(end) => write!(
                f,
                "a block end at {end}: block ends go in order, after the dictionary and before the input's end"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// `input` as a zlib stream whose first `dictionary` bytes the reader
/// already holds, and which therefore are not in the result (see the
/// crate docs for where they go).
pub fn deflate(input: &[u8], dictionary: usize, options: &Options) -> Result<Vec<u8>, Error> {
    deflate_in_parts(input, dictionary, &[], options)
}

/// [`deflate`], with a deflate block ending at each of `block_ends` (in
/// order, after the dictionary, before the input's end) besides wherever
/// Zopfli ends them. Where the input is stretches of unlike bytes, as the
/// split form's streams are, a block of their own lets each have a Huffman
/// code of its own; Zopfli's search for where to split finds some of
/// those ends, not all (the widget's file: 0.07 KB smaller, ended at its
/// large streams' bounds).
pub fn deflate_in_parts(
    input: &[u8],
    dictionary: usize,
    block_ends: &[usize],
    options: &Options,
) -> Result<Vec<u8>, Error> {
    if dictionary > MAX_DICTIONARY {
        return Err(Error::DictionaryTooLong(dictionary));
    }
    if dictionary > input.len() {
        return Err(Error::DictionaryPastInput {
            dictionary,
            input: input.len(),
        });
    }
    let mut part_start = dictionary;
    for &end in block_ends {
        if end <= part_start || end >= input.len() {
            return Err(Error::BlockEndOutOfPlace(end));
        }
        part_start = end;
    }
    // zlib's header: deflate with a 32 KiB window, "maximum compression".
    let mut out = vec![0x78, 0xda];
    if dictionary > 0 {
        // BFINAL 0 and BTYPE 00 (stored) are three zero bits; the padding
        // to the byte's end is zero too. Then LEN and its complement.
        let length = dictionary as u16;
        out.push(0);
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        debug_assert_eq!(out.len(), DICTIONARY_AT);
    }
    out.extend_from_slice(&zopfli_parts(input, dictionary, block_ends, options));
    out.extend_from_slice(&adler32(input).to_be_bytes());
    Ok(out)
}

/// Zopfli's deflate blocks for `input[start..]`, the last marked final,
/// with `input[..start]` as history; they start on a byte boundary, and
/// one ends at each of `ends` (checked by [`deflate_in_parts`]): Zopfli
/// deflates the parts between them in turn, each with all before it as
/// history, into one stream.
fn zopfli_parts(input: &[u8], start: usize, ends: &[usize], options: &Options) -> Vec<u8> {
    let mut zopfli = ZopfliOptions::default();
    let mut bit: c_uchar = 0;
    let mut out: *mut c_uchar = std::ptr::null_mut();
    let mut length: usize = 0;
    // SAFETY: `zopfli` has the C struct's layout and ZopfliInitOptions
    // fills it before it is read; `input` is valid for `input.len()` bytes
    // and every part lies in it, `start <= from <= end <= input.len()`;
    // Zopfli allocates `out` with malloc and grows it with realloc as each
    // part appends its blocks (and `bit`, where the last one ended), writes
    // its length to `length`, and it is copied out and freed once, here.
    unsafe {
        ZopfliInitOptions(&mut zopfli);
        zopfli.numiterations = clamp(options.iterations);
        zopfli.blocksplittingmax = clamp(options.max_blocks);
        let mut from = start;
        for end in ends.iter().copied().chain([input.len()]) {
            ZopfliDeflatePart(
                &zopfli,
                DYNAMIC_HUFFMAN,
                c_int::from(end == input.len()),
                input.as_ptr(),
                from,
                end,
                &mut bit,
                &mut out,
                &mut length,
            );
            from = end;
        }
        let blocks = if out.is_null() {
            Vec::new()
        } else {
            std::slice::from_raw_parts(out, length).to_vec()
        };
        free(out.cast());
        blocks
    }
}

fn clamp(value: u32) -> c_int {
    c_int::try_from(value).unwrap_or(c_int::MAX)
}

/// Zopfli's block type 2: it picks stored, fixed or dynamic per block.
const DYNAMIC_HUFFMAN: c_int = 2;

/// zopfli.h's `ZopfliOptions`, as the sources zopfli-sys 0.1 compiles
/// declare it. (zopfli-sys's own binding has an `iterationlimitseconds`
/// those sources lack, which moves every field after it: through it,
/// Zopfli never saw the block limit asked for.)
#[repr(C)]
#[derive(Default)]
struct ZopfliOptions {
    verbose: c_int,
    verbose_more: c_int,
    numiterations: c_int,
    blocksplitting: c_int,
    blocksplittinglast: c_int,
    blocksplittingmax: c_int,
}

// The Zopfli library zopfli-sys compiles and links; declared here from
// zopfli.h and deflate.h (see ZopfliOptions).
extern "C" {
    fn ZopfliInitOptions(options: *mut ZopfliOptions);
    #[allow(clippy::too_many_arguments)]
    fn ZopfliDeflatePart(
        options: *const ZopfliOptions,
        btype: c_int,
        final_block: c_int,
        input: *const c_uchar,
        instart: usize,
        inend: usize,
        bit_pointer: *mut c_uchar,
        out: *mut *mut c_uchar,
        outsize: *mut usize,
    );
    fn free(pointer: *mut c_void);
}

/// zlib's checksum (RFC 1950).
fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % MOD;
        b = (b + a) % MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::inflate::decompress_to_vec_zlib;

    /// What a reader inflates: `file` with the dictionary spliced back.
    fn spliced(file: &[u8], dictionary: &[u8]) -> Vec<u8> {
        if dictionary.is_empty() {
            return file.to_vec();
        }
        [&file[..DICTIONARY_AT], dictionary, &file[DICTIONARY_AT..]].concat()
    }

    fn sample(seed: u32, length: usize) -> Vec<u8> {
        let mut state = seed;
        (0..length)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                b"abcdefgh"[(state >> 16) as usize % 8]
            })
            .collect()
    }

    #[test]
    fn the_reader_inflates_the_whole_input() {
        let text = sample(1, 5000);
        let cases: &[(&[u8], usize)] = &[
            (b"", 0),
            (b"a", 0),
            (b"a", 1),
            (b"hello, hello, hello", 7),
            (&text, 0),
            (&text, 1000),
            (&text, 5000),
        ];
        for &(input, dictionary) in cases {
            let file = deflate(input, dictionary, &Options::default()).unwrap();
            let stream = spliced(&file, &input[..dictionary]);
            assert_eq!(
                decompress_to_vec_zlib(&stream).unwrap(),
                input,
                "{} bytes, {dictionary} of dictionary",
                input.len()
            );
            assert_eq!(file.len(), stream.len() - dictionary);
        }
    }

    #[test]
    fn a_dictionary_the_input_repeats_shrinks_it() {
        let shared = sample(2, 4000);
        let input = [shared.as_slice(), &shared[..3000]].concat();
        let alone = deflate(&input[4000..], 0, &Options::default()).unwrap();
        let with = deflate(&input, 4000, &Options::default()).unwrap();
        assert!(
            with.len() < alone.len() / 10,
            "{} vs {}",
            with.len(),
            alone.len()
        );
    }

    #[test]
    fn another_dictionary_fails_the_checksum() {
        let input = sample(3, 3000);
        let file = deflate(&input, 1000, &Options::default()).unwrap();
        let mut wrong = input[..1000].to_vec();
        wrong[500] ^= 1;
        assert!(decompress_to_vec_zlib(&spliced(&file, &wrong)).is_err());
    }

    /// Through a binding with the wrong layout (zopfli-sys's own), the
    /// block limit never reached Zopfli: each option must change the result.
    #[test]
    fn options_reach_zopfli() {
        // Stretches unlike each other: one deflate block fits them badly.
        let input = [sample(4, 6000), vec![b'x'; 3000], sample(5, 6000).repeat(2)].concat();
        let size = |iterations, max_blocks| {
            let options = Options {
                iterations,
                max_blocks,
            };
            deflate(&input, 0, &options).unwrap().len()
        };
        assert_ne!(size(15, 1), size(15, 15), "max_blocks");
        assert_ne!(size(1, 15), size(30, 15), "iterations");
    }

    #[test]
    fn blocks_end_where_asked_and_the_reader_inflates_it_all() {
        // Stretches unlike each other, as the split form's streams are.
        let input = [sample(6, 4000), vec![b'x'; 2000], sample(7, 3000)].concat();
        let whole = deflate(&input, 0, &Options::default()).unwrap();
        for (dictionary, ends) in [(0, vec![4000, 6000]), (1000, vec![4000]), (0, vec![1])] {
            let file = deflate_in_parts(&input, dictionary, &ends, &Options::default()).unwrap();
            let stream = spliced(&file, &input[..dictionary]);
            assert_eq!(decompress_to_vec_zlib(&stream).unwrap(), input, "{ends:?}");
            if dictionary == 0 {
                assert_ne!(file, whole, "the ends {ends:?} reached Zopfli");
            }
        }
        assert_eq!(
            deflate_in_parts(&input, 0, &[], &Options::default()).unwrap(),
            whole
        );
    }

    #[test]
    fn block_ends_out_of_place_are_refused() {
        let input = sample(8, 100);
        let cases: &[(usize, &[usize], usize)] = &[
            (0, &[0], 0),
            (10, &[10], 10),
            (0, &[50, 40], 40),
            (0, &[50, 50], 50),
            (0, &[100], 100),
        ];
        for &(dictionary, ends, wrong) in cases {
            assert_eq!(
                deflate_in_parts(&input, dictionary, ends, &Options::default()),
                Err(Error::BlockEndOutOfPlace(wrong)),
                "{dictionary} {ends:?}"
            );
        }
    }

    #[test]
    fn refused_dictionaries() {
        let long = vec![0; MAX_DICTIONARY + 2];
        let cases: &[(&[u8], usize, Error)] = &[
            (
                &long,
                MAX_DICTIONARY + 1,
                Error::DictionaryTooLong(MAX_DICTIONARY + 1),
            ),
            (
                b"abc",
                4,
                Error::DictionaryPastInput {
                    dictionary: 4,
                    input: 3,
                },
            ),
        ];
        for (input, dictionary, error) in cases {
            assert_eq!(
                deflate(input, *dictionary, &Options::default()).as_ref(),
                Err(error)
            );
        }
        assert!(deflate(&long, MAX_DICTIONARY, &Options::default()).is_ok());
        assert_eq!(
            Error::DictionaryTooLong(40000).to_string(),
            "a 40000-byte dictionary: deflate reaches back 32768 bytes at most"
        );
    }

    #[test]
    fn adler32_of_known_texts() {
        let cases: &[(&[u8], u32)] = &[(b"", 1), (b"a", 0x0062_0062), (b"Wikipedia", 0x11e6_0398)];
        for &(text, sum) in cases {
            assert_eq!(adler32(text), sum);
        }
    }
}
