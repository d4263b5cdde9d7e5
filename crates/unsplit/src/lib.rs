//! Rebuilds a wasm module from the split form dist/ stores it in.
//!
//! `scripts/split-code.mjs` splits each module's code section into streams
//! of like bytes before it is deflated: opcodes with opcodes, local indices
//! with local indices, then labels, other indices, call targets,
//! alignments, offsets, constants and addresses in the data; and its data
//! into text and tables. Interleaved, each kind breaks up the others'
//! repeats; apart, deflate finds far more of them (16-18% fewer bytes). The reader's browser puts them back together
//! with this crate, compiled to a wasm module of its own that travels in
//! front of the widget's stored bytes: rebuilding in JavaScript cost
//! 26-76 ms of a cold main thread at 4x throttling; this, 11-19 ms (medians
//! of interleaved loads; see `Rebuild` for where the time goes).
//!
//! # The split form
//!
//! A little-endian `u32`, the base address of the module's data; 35 `u32`
//! lengths; then as many parts: the module's sections before its code
//! section, then the streams ([`Stream`], in its order): the sections after
//! the code without their data's contents, the opcodes' pairs, the code's,
//! and the data's (text, other bytes by their address, the lengths of their
//! alternate runs). The opcodes come as bytes that may each stand for two
//! (see [`Stream::Pairs`]), expanded before anything else is read. Each
//! instruction's immediates are read from their stream in the order it
//! needs them; for `local.*`, loads and stores and `i32.const`,
//! which stream depends on the instruction (for `local.get` and
//! `i32.const`, on the opcode after it too), and some streams keep their
//! LEB128s' later bytes in another ([`Stream::more`]). An `i32.const` whose
//! value is the data's base plus a 16-bit offset is opcode [`ADDRESS`], its
//! offset's low byte in one address stream and its high byte in another.
//! Sizes come out as five-byte LEB128s, which wasm accepts; the split form
//! has none.
//!
//! ```
//! // A module with one function, `(func (result i32) i32.const 7)`.
//! let split = [
//!     &[0, 0, 0, 0, 0, 0, 0, 0][..], // before the code: nothing, here
//!     &[],                           // after it (no data)
//!     &[2, 0, 0, 0],                 // two opcodes, written with no pairs
//!     &[0x41, 0x0b],                 // opcodes: i32.const, end
//!     &[],                           // blocks' types
//!     &[], &[], &[], &[], &[],       // locals got (before anything else, a load, a
//!     &[], &[],                      //   constant, a local.get) and set; labels, indices
//!     &[], &[], &[],                 // calls (first bytes, the rest), aligns
//!     &[], &[], &[], &[],            // offsets: stores', loads' (each: first bytes, the rest)
//!     &[7], &[], &[], &[], &[], &[], // i32 constants: others, before i32.add, before i32.const,
//!                                    //   before i32.sub
//!     &[], &[], &[],                 // other constants, addresses (low, high bytes)
//!     &[1, 0],                       // one function, no locals
//!     &[], &[], &[], &[], &[], &[],  // the data's text, other bytes, runs
//! ];
//! let mut form = 0u32.to_le_bytes().to_vec(); // no data
//! for part in split {
//!     form.extend((part.len() as u32).to_le_bytes());
//! }
//! form.extend(split.concat());
//!
//! let mut module = vec![0; sharecite_unsplit::rebuilt_len_bound(&form).unwrap()];
//! let len = sharecite_unsplit::unsplit(&form, &mut module).unwrap();
//! assert_eq!(
//!     &module[8..len],
//!     [10, 0x8a, 0x80, 0x80, 0x80, 0, 1, 0x84, 0x80, 0x80, 0x80, 0, 0, 0x41, 7, 0x0b]
//! );
//! ```
//!
//! # The module's contract
//!
//! Nothing imported; `memory` and two functions exported, which the loader
//! (`js/loader.js`, `shareciteInstantiate`) calls:
//!
//! - `room(len) -> at`: `len` bytes of fresh memory, which the loader fills
//!   with the split form (a trap when memory cannot grow);
//! - `unsplit(at, len) -> module_len`: the module rebuilt right after the
//!   split form, or 0 when those bytes are not a split form.

// No std in the wasm (nothing here needs it, and its panic machinery would
// outweigh the rest); the native builds (the tests) keep it.
#![cfg_attr(target_family = "wasm", no_std)]
#![deny(missing_debug_implementations)]

/// The data's base address, then a length per part.
const HEADER: usize = 4 + PARTS * 4;
/// The sections before the code, then the streams.
const PARTS: usize = 1 + STREAMS;
/// One per [`Stream`], the last being [`Stream::Runs`].
const STREAMS: usize = Stream::Runs as usize + 1;
const CODE_SECTION: u8 = 10;
/// Every size is written in five bytes, whatever its value.
const SIZE_LEN: usize = 5;
/// The opcode that stands for an `i32.const` of an address in the data
/// (one no module uses: scripts/split-code.mjs fails the build on it).
pub const ADDRESS: u8 = 0xc5;
/// The first byte that stands for a pair of opcodes ([`Stream::Pairs`]),
/// the next for the second pair, and so on: opcodes wasm has for features
/// the modules do not use (garbage collection, references). A byte past
/// the pairs there are is an opcode as it is; scripts/split-code.mjs
/// writes no more pairs than leave the modules' own opcodes so.
pub const FIRST_PAIR: u8 = 0xc6;
/// How deep a pair may hold pairs: as many as there can be (up to the
/// 0xfc prefix, which is in use), so a damaged list whose pairs hold each
/// other stops there.
const PAIR_DEPTH: u32 = 0xfc - FIRST_PAIR as u32;
const I32_CONST: u8 = 0x41;
const I32_ADD: u8 = 0x6a;
const I32_SUB: u8 = 0x6b;

/// The streams, in the split form's order.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    /// The sections after the code: a data section (or nothing), its
    /// segments' contents taken out into [`Stream::Text`],
    /// [`Stream::Binary0`] to [`Stream::Binary3`] and [`Stream::Runs`].
    After,
    /// How many bytes the opcodes' stream stands for (a `u32` LE), then
    /// the pairs it is written with, two bytes each: byte [`FIRST_PAIR`]
    /// stands for the first pair, the next for the second, and so on, and
    /// a pair may hold bytes that stand for pairs. Deflate codes each byte
    /// on its own, and copies only repeats of three or more; common pairs
    /// of opcodes as one byte each (`local.get` before `i32.const`, before
    /// another `local.get`, before a load...) let it see which opcodes
    /// follow which.
    Pairs,
    /// Opcodes, and the one-byte immediates among them: memory and table
    /// indices, reference types, 0xfc's subcodes.
    Ops,
    /// Blocks' types: a value type (or none) or a type index.
    BlockType,
    /// `local.get`'s indices, but for those of the next three.
    Local,
    /// `local.get`'s indices before a load: pointers.
    LocalLoad,
    /// `local.get`'s indices before an `i32.const` (an address too).
    LocalConst,
    /// `local.get`'s indices before another `local.get`.
    LocalGet,
    /// `local.set`'s and `local.tee`'s indices.
    LocalSet,
    /// Branch labels, br_table's counts too.
    Label,
    /// Global and segment indices.
    Index,
    /// Call targets, call_indirect's type and table.
    Call,
    /// [`Stream::Call`]'s LEB128s' bytes after the first (see [`Stream::more`]).
    CallMore,
    /// The alignment of loads and stores.
    Align,
    /// The offset of stores.
    Offset,
    /// [`Stream::Offset`]'s bytes after the first.
    OffsetMore,
    /// The offset of loads.
    LoadOffset,
    /// [`Stream::LoadOffset`]'s bytes after the first.
    LoadOffsetMore,
    /// `i32.const` values that are not addresses in the data, and not
    /// followed by `i32.add` or another `i32.const`.
    I32,
    /// [`Stream::I32`]'s bytes after the first.
    I32More,
    /// `i32.const` values followed by `i32.add`: offsets into structs.
    I32Add,
    /// [`Stream::I32Add`]'s bytes after the first.
    I32AddMore,
    /// `i32.const` values followed by another `i32.const`.
    I32Pair,
    /// `i32.const` values followed by `i32.sub`: mostly the size of a
    /// function's frame on the stack.
    I32Sub,
    /// `i64`, `f32` and `f64` constants.
    Constant,
    /// Addresses in the data: the low byte of each one's offset past
    /// the data's base.
    Address,
    /// Their offsets' high bytes.
    AddressHigh,
    /// The function count, local declarations and typed `select`'s types.
    Rest,
    /// The data's runs of text (six or more printable ASCII bytes).
    Text,
    /// The data's other bytes whose address is a multiple of four: the
    /// first bytes of its words (pointers, lengths, vtables' entries).
    Binary0,
    /// The other bytes at an address of 1 modulo 4.
    Binary1,
    /// At 2 modulo 4.
    Binary2,
    /// At 3 modulo 4.
    Binary3,
    /// The lengths (LEB128s) of the data's alternate runs of other bytes
    /// and of text, other bytes first.
    Runs,
}

impl Stream {
    /// Where the bytes after the first of a LEB128 in `self` are. Apart,
    /// the first bytes (the low bits, of small numbers all of it) and the
    /// others (the high bits of large ones) each repeat more: call
    /// targets, offsets and i32s -0.6 KB over both modules.
    pub const fn more(self) -> Stream {
        match self {
            Stream::Call => Stream::CallMore,
            Stream::Offset => Stream::OffsetMore,
            Stream::LoadOffset => Stream::LoadOffsetMore,
            Stream::I32 => Stream::I32More,
            Stream::I32Add => Stream::I32AddMore,
            other => other,
        }
    }
}

/// The streams of the data's bytes that are not text, by address modulo 4.
const BINARY: [Stream; 4] = [
    Stream::Binary0,
    Stream::Binary1,
    Stream::Binary2,
    Stream::Binary3,
];

/// The data's base address and the split form's parts.
fn parts(split: &[u8]) -> Option<(u32, [&[u8]; PARTS])> {
    let (header, mut body) = split.split_at_checked(HEADER)?;
    let mut words = header
        .chunks_exact(4)
        .map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]]));
    let base = words.next()?;
    let mut parts: [&[u8]; PARTS] = [&[]; PARTS];
    for (part, length) in parts.iter_mut().zip(words) {
        (*part, body) = body.split_at_checked(usize::try_from(length).ok()?)?;
    }
    body.is_empty().then_some((base, parts))
}

/// How many bytes the module rebuilt from `split` takes at most: the
/// room [`unsplit`] needs. `None` when `split` is not a split form.
pub fn rebuilt_len_bound(split: &[u8]) -> Option<usize> {
    let (_, [_, streams @ ..]) = parts(split)?;
    let rest = streams[Stream::Rest as usize].len();
    let addresses = streams[Stream::Address as usize].len();
    let (ops, _) = opcode_pairs(&streams)?;
    // Every function has a size and at least one byte in the rest's
    // stream (its count of local declarations); the section has a size
    // and an id; an address's opcode and two bytes become an i32.const
    // of six at most; the opcodes, expanded, go in the module and, before
    // that, at the end of its room.
    // (The runs' bytes never reach the module; reading them borrows that
    // much room for a moment: Rebuild::run.)
    (split.len() - HEADER + 1 + SIZE_LEN)
        .checked_add(rest.checked_mul(SIZE_LEN)?)?
        .checked_add(addresses.checked_mul(3)?)?
        .checked_add(ops.checked_mul(2)?)
}

/// How far the opcodes' stream may grow expanded: a damaged count of
/// them is refused before it has memory grow by gigabytes
/// (scripts/split-code.mjs's MOST_EXPANDED: the modules' grows 2.3 times).
const MOST_EXPANDED: usize = 16;

/// How many bytes the opcodes' stream stands for, and its pairs.
fn opcode_pairs<'a>(streams: &[&'a [u8]; STREAMS]) -> Option<(usize, &'a [u8])> {
    let (len, pairs) = streams[Stream::Pairs as usize].split_first_chunk()?;
    let len = u32::from_le_bytes(*len) as usize;
    (len <= streams[Stream::Ops as usize].len() * MOST_EXPANDED).then_some((len, pairs))
}

/// The opcodes `ops` stands for, written with `pairs`, put in `out`; false
/// when they are more, or their pairs hold each other. (When they are
/// fewer, the rest of `out` is left over in the opcodes' stream, which
/// fails the rebuild.)
fn expand(ops: &[u8], pairs: &[u8], out: &mut [u8]) -> bool {
    let mut expansion = Expansion { pairs, out, len: 0 };
    ops.iter().all(|&op| expansion.put(op, 0))
}

struct Expansion<'p, 'o> {
    pairs: &'p [u8],
    out: &'o mut [u8],
    len: usize,
}

impl Expansion<'_, '_> {
    /// Puts out what `byte` stands for, `depth` pairs down; false when that
    /// is too deep, or more than there is room for.
    fn put(&mut self, byte: u8, depth: u32) -> bool {
        let at = usize::from(byte.wrapping_sub(FIRST_PAIR)) * 2;
        match self.pairs.get(at..at + 2) {
            Some(&[first, second]) => {
                depth < PAIR_DEPTH && self.put(first, depth + 1) && self.put(second, depth + 1)
            }
            _ => match self.out.get_mut(self.len) {
                Some(slot) => {
                    *slot = byte;
                    self.len += 1;
                    true
                }
                None => false,
            },
        }
    }
}

/// Rebuilds into `module` the wasm module `split` holds, and says how many
/// bytes it took; `None` when `split` is not a split form (a stream that
/// ends early or has bytes left over), or `module` is shorter than
/// [`rebuilt_len_bound`]. Never loops on damaged input: every step reads
/// a byte, and once a stream has run out every loop stops.
pub fn unsplit(split: &[u8], module: &mut [u8]) -> Option<usize> {
    let (base, [before, streams @ ..]) = parts(split)?;
    // The opcodes, expanded, at the end of the room, past the module
    // being rebuilt.
    let (ops, pairs) = opcode_pairs(&streams)?;
    let (module, expanded) = module.split_at_mut(module.len().checked_sub(ops)?);
    if !expand(streams[Stream::Ops as usize], pairs, expanded) {
        return None;
    }
    let mut rebuild = Rebuild {
        streams,
        base,
        out: module,
        len: 0,
        run_left: 0,
        in_text: true,
        failed: false,
    };
    rebuild.streams[Stream::Ops as usize] = expanded;
    rebuild.streams[Stream::Pairs as usize] = &[];
    rebuild.put_all(before);
    rebuild.put(CODE_SECTION);
    let section = rebuild.size_room();
    for _ in 0..rebuild.leb(Stream::Rest) {
        if rebuild.failed {
            break;
        }
        let body = rebuild.size_room();
        rebuild.function_body();
        rebuild.size(body);
    }
    rebuild.size(section);
    rebuild.data();
    let whole = !rebuild.failed && rebuild.streams.iter().all(|stream| stream.is_empty());
    whole.then_some(rebuild.len)
}

/// What a stream gives once it has run out: `end`, which as an opcode
/// closes the function body and as a LEB128 is a small count, so whatever
/// was reading stops within a few steps.
const END: u8 = 0x0b;

/// Rebuilds a module, carrying on past a stream that runs out or a module
/// out of room, as if nothing had happened, and remembering that it did
/// (`failed`): one check at the end and in each loop, where an `Option`
/// at every read was a branch after each of some hundred calls (the
/// decoder 0.6 KB larger, and 1.4x as slow).
struct Rebuild<'a, 'm> {
    /// What is left of each stream.
    streams: [&'a [u8]; STREAMS],
    base: u32,
    out: &'m mut [u8],
    len: usize,
    /// What is left of the data's current run, and whether it is text.
    run_left: u32,
    in_text: bool,
    /// Whether a stream ran out or the module's room did.
    failed: bool,
}

// Where the time goes: the rebuild is one call, and V8 runs a wasm call to
// its end as the code it started in, its baseline compiler's (it optimizes
// a function in the background once it has run enough, for the calls that
// follow). In baseline code a call is costly, and a call per byte was the
// rebuild's costliest step: so in the loop over the instructions, and in
// `leb`, which reads every immediate (and, called that often, soon runs
// optimized), a byte is taken and put inline. Elsewhere (the sections
// around the code, the data, addresses) `take` and `put` are calls: the
// decoder travels in every reader's download. Measured in Chromium at 4x,
// in fresh contexts: the widget rebuilt in 0.50-0.56x the time in four runs
// of 16-24 interleaved pairs (medians 22-31 -> 11-19 ms; even in two other
// runs), for 19 B more of the widget's file (inlined everywhere: 0.74x,
// for 0.25 KB).
impl Rebuild<'_, '_> {
    #[inline(never)]
    fn put(&mut self, byte: u8) {
        self.put_inline(byte)
    }

    #[inline(always)]
    fn put_inline(&mut self, byte: u8) {
        match self.out.get_mut(self.len) {
            Some(slot) => {
                *slot = byte;
                self.len += 1;
            }
            None => self.failed = true,
        }
    }

    fn put_all(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.put(byte);
        }
    }

    /// The next byte of `stream`, copied out.
    fn byte(&mut self, stream: Stream) -> u8 {
        let byte = self.take(stream);
        self.put(byte);
        byte
    }

    fn bytes(&mut self, stream: Stream, count: usize) {
        for _ in 0..count {
            self.byte(stream);
        }
    }

    /// The next LEB128 of `stream`, copied out, and its value's low 32
    /// bits: counts are read for their value, and a count that does not
    /// fit runs out of bytes long before it runs out.
    #[inline(never)]
    fn leb(&mut self, stream: Stream) -> u32 {
        let mut value = 0u32;
        let mut shift = 0u32;
        let mut from = stream;
        loop {
            let byte = self.take_inline(from);
            self.put_inline(byte);
            value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return value;
            }
            shift = shift.saturating_add(7);
            from = stream.more();
        }
    }

    /// Room for a size, written by [`Rebuild::size`] once what it
    /// measures is out.
    fn size_room(&mut self) -> usize {
        let at = self.len;
        self.len = at.saturating_add(SIZE_LEN);
        at
    }

    fn size(&mut self, at: usize) {
        let end = at + SIZE_LEN;
        let mut size = self.len.wrapping_sub(end);
        match self.out.get_mut(at..end) {
            Some(room) if self.len >= end => {
                for (i, byte) in room.iter_mut().enumerate() {
                    let more = if i + 1 < SIZE_LEN { 0x80 } else { 0 };
                    *byte = (size & 0x7f) as u8 | more;
                    size >>= 7;
                }
            }
            _ => self.failed = true,
        }
    }

    /// An i32.const of the address `offset` bytes past the data's base.
    fn address(&mut self) {
        let low = self.take(Stream::Address);
        let high = self.take(Stream::AddressHigh);
        let mut value = self
            .base
            .wrapping_add(u32::from(low) | u32::from(high) << 8);
        self.put(I32_CONST);
        // A signed LEB128 of a value below 2^31: seven bits a byte until
        // what is left fits six, the seventh being the sign.
        while value >= 0x40 {
            self.put(value as u8 | 0x80);
            value >>= 7;
        }
        self.put(value as u8);
    }

    /// The opcode after the instruction being rebuilt: the next byte of the
    /// opcodes, since no immediate comes between. It tells a `local.get`'s
    /// and an `i32.const`'s stream.
    fn next_op(&self) -> Option<&u8> {
        self.streams[Stream::Ops as usize].first()
    }

    /// The stream of a `local.get`'s index, by the opcode after it.
    fn local_stream(&self) -> Stream {
        match self.next_op() {
            Some(0x28..=0x35) => Stream::LocalLoad,
            Some(&I32_CONST | &ADDRESS) => Stream::LocalConst,
            Some(0x20) => Stream::LocalGet,
            _ => Stream::Local,
        }
    }

    /// The next byte of `stream`, not copied out ([`END`] once it has run out).
    #[inline(never)]
    fn take(&mut self, stream: Stream) -> u8 {
        self.take_inline(stream)
    }

    #[inline(always)]
    fn take_inline(&mut self, stream: Stream) -> u8 {
        let left = &mut self.streams[stream as usize];
        match left.split_first() {
            Some((&byte, rest)) => {
                *left = rest;
                byte
            }
            None => {
                self.failed = true;
                END
            }
        }
    }

    /// The sections after the code: a data section whose segments'
    /// contents are put back together from their streams, or nothing.
    /// Its bytes are copied, not checked: the split writes nothing but an
    /// id, a size and segments active at an `i32.const` (flags 0) or
    /// passive (1), and the browser validates the rebuilt module.
    fn data(&mut self) {
        use Stream::*;
        if self.streams[After as usize].is_empty() {
            return;
        }
        self.byte(After);
        self.leb(After);
        for _ in 0..self.leb(After) {
            // The address's low bits are all the lanes need, so it is
            // read as unsigned.
            let mut address = 0;
            if self.leb(After) == 0 {
                self.byte(After);
                address = self.leb(After);
                self.byte(After);
            }
            for at in 0..self.leb(After) {
                if self.failed {
                    return;
                }
                while self.run_left == 0 {
                    self.run_left = self.run();
                    self.in_text = !self.in_text;
                }
                self.run_left -= 1;
                let stream = if self.in_text {
                    Text
                } else {
                    BINARY[(address.wrapping_add(at) & 3) as usize]
                };
                let byte = self.take(stream);
                self.put(byte);
            }
        }
    }

    /// The next run's length. Read as any LEB128, copied out and then
    /// taken back: the module's room has the runs' bytes to spare (see
    /// [`rebuilt_len_bound`]).
    fn run(&mut self) -> u32 {
        let at = self.len;
        let run = self.leb(Stream::Runs);
        self.len = at;
        run
    }

    /// One function's locals and code. Left to binaryen to inline into its
    /// one caller, which leaves the widget's file 44 B smaller than LLVM's
    /// inlining did; kept out of line there too (so that later bodies would
    /// be rebuilt by its optimized code), it was no faster and 37 B larger.
    #[inline(never)]
    fn function_body(&mut self) {
        use Stream::*;
        for _ in 0..self.leb(Rest) {
            if self.failed {
                return;
            }
            self.leb(Rest);
            self.byte(Rest);
        }
        let mut depth = 0u32;
        loop {
            let op = self.take_inline(Ops);
            // Not an opcode of the module: it stands for an i32.const.
            if op == ADDRESS {
                self.address();
                continue;
            }
            self.put_inline(op);
            match op {
                END if depth == 0 => return,
                END => depth -= 1,
                // block, loop, if
                0x02..=0x04 => {
                    depth = depth.wrapping_add(1);
                    self.leb(BlockType);
                }
                0x0c | 0x0d => drop(self.leb(Label)),
                0x20 => {
                    let stream = self.local_stream();
                    self.leb(stream);
                }
                0x21 | 0x22 => drop(self.leb(LocalSet)),
                0x23..=0x26 => drop(self.leb(Index)),
                // br_table: its count of targets, then one more (the default).
                0x0e => {
                    for _ in 0..=self.leb(Label) {
                        if self.failed {
                            return;
                        }
                        self.leb(Label);
                    }
                }
                0x10 | 0xd2 => drop(self.leb(Call)),
                0x11 => {
                    self.leb(Call);
                    self.leb(Call);
                }
                0x1c => {
                    for _ in 0..self.leb(Rest) {
                        if self.failed {
                            return;
                        }
                        self.byte(Rest);
                    }
                }
                0x28..=0x3e => {
                    self.leb(Align);
                    self.leb(if op <= 0x35 { LoadOffset } else { Offset });
                }
                0x3f | 0x40 | 0xd0 => drop(self.byte(Ops)),
                // Its stream is told by the opcode after it.
                I32_CONST => {
                    let stream = match self.next_op() {
                        Some(&I32_ADD) => I32Add,
                        Some(&I32_CONST) => I32Pair,
                        Some(&I32_SUB) => I32Sub,
                        _ => I32,
                    };
                    self.leb(stream);
                }
                0x42 => drop(self.leb(Constant)),
                0x43 => self.bytes(Constant, 4),
                0x44 => self.bytes(Constant, 8),
                0xfc => match self.leb(Ops) {
                    8 => {
                        self.leb(Index);
                        self.byte(Ops);
                    }
                    10 => {
                        self.byte(Ops);
                        self.byte(Ops);
                    }
                    11 => drop(self.byte(Ops)),
                    12 | 14 => {
                        self.leb(Index);
                        self.leb(Index);
                    }
                    9.. => drop(self.leb(Index)),
                    _ => {}
                },
                _ => {}
            }
        }
    }
}

/// The exports the loader calls (see the crate's documentation).
#[cfg(target_family = "wasm")]
mod exports {
    use core::arch::wasm32::{memory_grow, memory_size, unreachable};

    const PAGE: usize = 65536;

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        unreachable()
    }

    /// Makes memory reach `end`; false when it cannot.
    fn grow_to(end: usize) -> bool {
        let have = memory_size(0) * PAGE;
        end <= have || memory_grow(0, (end - have).div_ceil(PAGE)) != usize::MAX
    }

    /// Memory past the end of what the module uses itself (its stack and
    /// data; it has no heap), so nothing else ever writes there.
    #[export_name = "room"]
    extern "C" fn room(len: usize) -> usize {
        let at = memory_size(0) * PAGE;
        match at.checked_add(len) {
            Some(end) if grow_to(end) => at,
            _ => unreachable(),
        }
    }

    #[export_name = "unsplit"]
    extern "C" fn unsplit(at: usize, len: usize) -> usize {
        // SAFETY: the loader gave these `len` bytes from `room(len)`, and
        // filled them.
        let split = unsafe { core::slice::from_raw_parts(at as *const u8, len) };
        let out_at = at + len;
        let Some(bound) = super::rebuilt_len_bound(split) else {
            return 0;
        };
        if !out_at.checked_add(bound).is_some_and(grow_to) {
            return 0;
        }
        // SAFETY: memory reaches `out_at + bound` now, and nothing else
        // uses the memory past the split form.
        let module = unsafe { core::slice::from_raw_parts_mut(out_at as *mut u8, bound) };
        super::unsplit(split, module).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::Stream::*;
    use super::*;
    extern crate std;
    use std::vec::Vec;

    /// The data's base address in these tests.
    const BASE: u32 = 0x10_0000;

    /// A split form of nothing but a code section, from the bytes of some
    /// of its streams (the others empty).
    fn split_form(streams: &[(Stream, &[u8])]) -> Vec<u8> {
        form(&[], &[], streams)
    }

    /// Without pairs given, the opcodes' stream is written with none: its
    /// pairs' stream says how many bytes it is.
    fn form(before: &[u8], after: &[u8], streams: &[(Stream, &[u8])]) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = std::vec![before];
        parts.extend([&[][..]; STREAMS]);
        parts[1 + After as usize] = after;
        for &(stream, bytes) in streams {
            parts[1 + stream as usize] = bytes;
        }
        let no_pairs = (parts[1 + Ops as usize].len() as u32).to_le_bytes();
        if parts[1 + Pairs as usize].is_empty() {
            parts[1 + Pairs as usize] = &no_pairs;
        }
        let mut form = BASE.to_le_bytes().to_vec();
        for part in &parts {
            form.extend((part.len() as u32).to_le_bytes());
        }
        form.extend(parts.concat());
        form
    }

    fn rebuilt(split: &[u8]) -> Option<Vec<u8>> {
        let mut module = std::vec![0; rebuilt_len_bound(split)?];
        let len = unsplit(split, &mut module)?;
        module.truncate(len);
        Some(module)
    }

    /// `size` as the five bytes the rebuilt module writes it in.
    fn size(size: usize) -> [u8; 5] {
        core::array::from_fn(|i| (size >> (7 * i)) as u8 & 0x7f | if i < 4 { 0x80 } else { 0 })
    }

    /// A code section of one function per body (locals included), as
    /// the rebuilt module writes it.
    fn code_section(bodies: &[&[u8]]) -> Vec<u8> {
        let mut content = std::vec![bodies.len() as u8];
        for body in bodies {
            content.extend(size(body.len()));
            content.extend(*body);
        }
        let mut section = std::vec![CODE_SECTION];
        section.extend(size(content.len()));
        section.extend(content);
        section
    }

    /// A case's name, its streams and the function body they make.
    type Case<'a> = (&'a str, &'a [(Stream, &'a [u8])], &'a [u8]);

    /// Each kind of immediate comes back from its own stream, in place.
    #[test]
    fn every_immediate_comes_back_in_place() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("no locals, nothing but end", &[(Ops, &[0x0b]), (Rest, &[1, 0])], &[0, 0x0b]),
            ("local declarations", &[(Ops, &[0x0b]), (Rest, &[1, 2, 3, 0x7f, 1, 0x7e])], &[2, 3, 0x7f, 1, 0x7e, 0x0b]),
            ("locals and globals", &[(Ops, &[0x20, 0x21, 0x22, 0x23, 0x24, 0x0b]), (Local, &[0]), (LocalSet, &[0x81, 1, 2]), (Index, &[3, 4]), (Rest, &[1, 0])],
                &[0, 0x20, 0, 0x21, 0x81, 1, 0x22, 2, 0x23, 3, 0x24, 4, 0x0b]),
            ("local.get's, by the opcode after each: a load, constants, another local.get, anything else",
                &[(Ops, &[0x20, 0x28, 0x20, 0x41, 0x20, ADDRESS, 0x20, 0x20, 0x0b]), (LocalLoad, &[1]), (Align, &[2]), (LoadOffset, &[0]),
                (LocalConst, &[2, 3]), (I32, &[7]), (Address, &[0]), (AddressHigh, &[0]), (LocalGet, &[4]), (Local, &[5]), (Rest, &[1, 0])],
                &[0, 0x20, 1, 0x28, 2, 0, 0x20, 2, 0x41, 7, 0x20, 3, 0x41, 0x80, 0x80, 0xc0, 0, 0x20, 4, 0x20, 5, 0x0b]),
            ("blocks: empty, value type, type index", &[(Ops, &[0x02, 0x03, 0x04, 0x05, 0x0b, 0x0b, 0x0b, 0x0b]), (BlockType, &[0x40, 0x7f, 5]), (Rest, &[1, 0])],
                &[0, 0x02, 0x40, 0x03, 0x7f, 0x04, 5, 0x05, 0x0b, 0x0b, 0x0b, 0x0b]),
            ("branches", &[(Ops, &[0x02, 0x0c, 0x0d, 0x0e, 0x0b, 0x0b]), (BlockType, &[0x40]), (Label, &[0, 1, 2, 0, 0, 0]), (Rest, &[1, 0])],
                &[0, 0x02, 0x40, 0x0c, 0, 0x0d, 1, 0x0e, 2, 0, 0, 0, 0x0b, 0x0b]),
            ("calls", &[(Ops, &[0x10, 0x11, 0xd2, 0x0b]), (Call, &[0x90, 4, 0, 9]), (CallMore, &[3]), (Rest, &[1, 0])],
                &[0, 0x10, 0x90, 3, 0x11, 4, 0, 0xd2, 9, 0x0b]),
            ("typed select", &[(Ops, &[0x1c, 0x0b]), (Rest, &[1, 0, 1, 0x7f])], &[0, 0x1c, 1, 0x7f, 0x0b]),
            ("loads and stores", &[(Ops, &[0x28, 0x35, 0x36, 0x3e, 0x0b]), (Align, &[2, 3, 0, 1]), (LoadOffset, &[0x80, 5]), (LoadOffsetMore, &[1]), (Offset, &[0x86, 4]), (OffsetMore, &[0x80, 2]), (Rest, &[1, 0])],
                &[0, 0x28, 2, 0x80, 1, 0x35, 3, 5, 0x36, 0, 0x86, 0x80, 2, 0x3e, 1, 4, 0x0b]),
            ("i32 constants, by the opcode after each", &[(Ops, &[0x41, 0x6a, 0x41, 0x41, ADDRESS, 0x41, 0x1a, 0x41, 0x6b, 0x0b]), (I32, &[3, 0xc4]), (I32More, &[0x7f]), (I32Add, &[0x81]), (I32AddMore, &[1]),
                (I32Pair, &[2]), (I32Sub, &[0x30]), (Address, &[0]), (AddressHigh, &[0]), (Rest, &[1, 0])],
                &[0, 0x41, 0x81, 1, 0x6a, 0x41, 2, 0x41, 3, 0x41, 0x80, 0x80, 0xc0, 0, 0x41, 0xc4, 0x7f, 0x1a, 0x41, 0x30, 0x6b, 0x0b]),
            ("memory.size and grow, ref.null", &[(Ops, &[0x3f, 0, 0x40, 0, 0xd0, 0x70, 0x0b]), (Rest, &[1, 0])],
                &[0, 0x3f, 0, 0x40, 0, 0xd0, 0x70, 0x0b]),
            ("constants, a ten-byte i64 among them", &[(Ops, &[0x41, 0x42, 0x43, 0x44, 0x0b]), (I32, &[0x7f]),
                (Constant, &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]), (Rest, &[1, 0])],
                &[0, 0x41, 0x7f, 0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
                  0x43, 1, 2, 3, 4, 0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x0b]),
            // BASE + 0x0203, BASE + 0xffff, and BASE itself, as signed LEB128s.
            ("addresses in the data", &[(Ops, &[ADDRESS, ADDRESS, ADDRESS, 0x0b]), (Address, &[3, 0xff, 0]), (AddressHigh, &[2, 0xff, 0]), (Rest, &[1, 0])],
                &[0, 0x41, 0x83, 0x84, 0xc0, 0, 0x41, 0xff, 0xff, 0xc3, 0, 0x41, 0x80, 0x80, 0xc0, 0, 0x0b]),
            ("0xfc: saturating truncation, memory.init, copy, fill, data.drop, table.init",
                &[(Ops, &[0xfc, 0, 0xfc, 8, 0, 0xfc, 10, 0, 0, 0xfc, 11, 0, 0xfc, 9, 0xfc, 12, 0x0b]), (Index, &[3, 4, 1, 2]), (Rest, &[1, 0])],
                &[0, 0xfc, 0, 0xfc, 8, 3, 0, 0xfc, 10, 0, 0, 0xfc, 11, 0, 0xfc, 9, 4, 0xfc, 12, 1, 2, 0x0b]),
        ];
        for (name, streams, body) in cases {
            assert_eq!(
                rebuilt(&split_form(streams)).as_deref(),
                Some(&code_section(&[body])[..]),
                "{name}"
            );
        }
    }

    /// Bytes from FIRST_PAIR on stand for their pairs, which may hold
    /// pairs; the immediates' streams are read as the expanded opcodes
    /// say, the opcode after a `local.get` or an `i32.const` included.
    #[test]
    fn opcodes_written_as_pairs_come_back_expanded() {
        const A: u8 = FIRST_PAIR;
        const B: u8 = FIRST_PAIR + 1;
        const C: u8 = FIRST_PAIR + 2;
        // A: local.get, local.get. B: A, i32.const (so the two local.gets'
        // indices come from LocalGet then LocalConst). C: i32.add, end.
        // Five opcodes in all.
        let pairs = [5, 0, 0, 0, 0x20, 0x20, A, 0x41, 0x6a, 0x0b];
        let split = split_form(&[
            (Pairs, &pairs),
            (Ops, &[B, C]),
            (LocalGet, &[1]),
            (LocalConst, &[2]),
            (I32Add, &[3]),
            (Rest, &[1, 0]),
        ]);
        assert_eq!(
            rebuilt(&split),
            Some(code_section(&[&[0, 0x20, 1, 0x20, 2, 0x41, 3, 0x6a, 0x0b]]))
        );
        // Bytes past the pairs there are are opcodes as they are.
        let plain = split_form(&[
            (Pairs, &[3, 0, 0, 0, 0x20, 0x20, A, 0x41]),
            (Ops, &[0x41, C, 0x0b]),
            (I32, &[3]),
            (Rest, &[1, 0]),
        ]);
        assert_eq!(
            rebuilt(&plain),
            Some(code_section(&[&[0, 0x41, 3, C, 0x0b]]))
        );
    }

    /// A count of opcodes more than MOST_EXPANDED times their stream is
    /// refused before any room is asked for, even when the pairs do come
    /// to that many: a damaged count cannot have memory grow without end.
    #[test]
    fn opcodes_expanded_past_their_bound_are_refused() {
        const P: u8 = FIRST_PAIR;
        // P+3 is sixteen nops; P+4 is those and an end: 17 opcodes.
        let pairs = |count: u8| {
            [
                count,
                0,
                0,
                0,
                0x01,
                0x01,
                P,
                P,
                P + 1,
                P + 1,
                P + 2,
                P + 2,
                P + 3,
                0x0b,
            ]
        };
        let mut body = std::vec![0];
        body.extend([0x01; 16]);
        body.push(0x0b);
        // From two bytes, 17 opcodes are within 16 times: rebuilt.
        let within = split_form(&[(Pairs, &pairs(17)), (Ops, &[P + 3, 0x0b]), (Rest, &[1, 0])]);
        assert_eq!(rebuilt(&within), Some(code_section(&[&body])));
        // From one, they are not: refused, though they are the same function.
        let past = split_form(&[(Pairs, &pairs(17)), (Ops, &[P + 4]), (Rest, &[1, 0])]);
        assert_eq!(rebuilt_len_bound(&past), None);
        assert_eq!(rebuilt(&past), None);
    }

    #[test]
    fn sections_around_the_code_and_many_functions() {
        let header = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
        let data = [11, 1, 0];
        let ops = [0x0b; 200];
        let rest: Vec<u8> = [0xc8, 1].into_iter().chain([0; 200]).collect();
        let split = form(&header, &data, &[(Ops, &ops), (Rest, &rest)]);
        let mut expected = header.to_vec();
        let bodies = std::vec![&[0, 0x0b][..]; 200];
        let mut code = code_section(&bodies);
        // code_section writes the count in one byte; 200 takes two.
        code.splice(6..7, [0xc8, 1]);
        let content = code.len() - 6;
        code[1..6].copy_from_slice(&size(content));
        expected.extend(code);
        expected.extend(data);
        // The bound is what the worst case (a byte of rest per function) needs.
        assert!(rebuilt_len_bound(&split).unwrap() >= expected.len());
        assert_eq!(rebuilt(&split), Some(expected));
    }

    /// A data section's segments (active and passive) come back from the
    /// text, the other bytes by their address's lane, and the runs.
    #[test]
    fn the_data_comes_back_from_its_streams() {
        // One segment at BASE + 1: two other bytes, "sharecite", one more;
        // one passive: "text!!".
        let after = [11, 29, 2, 0, 0x41, 0x81, 0x80, 0xc0, 0, 0x0b, 12, 1, 6];
        let streams: &[(Stream, &[u8])] = &[
            (Ops, &[0x0b]),
            (Rest, &[1, 0]),
            (Text, b"sharecitetext!!"),
            (Binary1, &[1]),
            (Binary2, &[2]),
            (Binary0, &[3]),
            (Runs, &[2, 9, 1, 6]),
        ];
        let mut data = std::vec![11, 29, 2, 0, 0x41, 0x81, 0x80, 0xc0, 0, 0x0b, 12, 1, 2];
        data.extend(b"sharecite");
        data.extend([3, 1, 6]);
        data.extend(b"text!!");
        let mut expected = code_section(&[&[0, 0x0b]]);
        expected.extend(data);
        let split = form(&[], &after, streams);
        assert!(rebuilt_len_bound(&split).unwrap() >= expected.len());
        assert_eq!(rebuilt(&split), Some(expected));

        // Runs that do not match the contents are refused.
        let with_runs = |runs: &[u8]| {
            let mut streams = streams.to_vec();
            streams[6] = (Runs, runs);
            rebuilt(&form(&[], &after, &streams))
        };
        #[rustfmt::skip]
        let refused: &[(&str, &[u8])] = &[
            ("runs that end early", &[2, 9, 1]),
            ("runs left over", &[2, 9, 1, 6, 1]),
            ("runs of nothing but empty ones", &[0, 0, 0, 0]),
            ("a run of more text than there is", &[2, 10, 0, 6]),
        ];
        for (name, runs) in refused {
            assert_eq!(with_runs(runs), None, "{name}");
        }
    }

    /// An address's two bytes come back as five (i32.const and a
    /// four-byte LEB128, past this base): the bound allows for them.
    #[test]
    fn addresses_fit_the_bound() {
        let ops = [ADDRESS; 100];
        let addresses = [0xff; 100];
        let split = form(
            &[],
            &[],
            &[
                (Ops, &[&ops[..], &[0x0b]].concat()),
                (Address, &addresses),
                (AddressHigh, &addresses),
                (Rest, &[1, 0]),
            ],
        );
        let module = rebuilt(&split).unwrap();
        assert_eq!(module.len(), 6 + 1 + 5 + 1 + 100 * 5 + 1);
        assert!(rebuilt_len_bound(&split).unwrap() >= module.len());
    }

    /// Damaged or foreign bytes are refused, never read past or looped on.
    #[test]
    fn what_is_not_a_split_form_is_refused() {
        let good = split_form(&[(Ops, &[0x41, 0x0b]), (I32, &[7]), (Rest, &[1, 0])]);
        assert!(rebuilt(&good).is_some());
        let mut cut = good.clone();
        cut.pop();
        let mut longer = good.clone();
        longer.push(0);
        let doubling: Vec<u8> = [16, 0, 0, 0]
            .into_iter()
            .chain((0..PAIR_DEPTH as u8).flat_map(|i| {
                if i == 0 {
                    [0x01, 0x01]
                } else {
                    [FIRST_PAIR + i - 1; 2]
                }
            }))
            .collect();
        let mut lengths_too_long = good.clone();
        lengths_too_long[4] = 0xff;
        #[rustfmt::skip]
        let refused: &[(&str, Vec<u8>)] = &[
            ("empty", Vec::new()),
            ("shorter than its lengths", std::vec![0; HEADER - 1]),
            ("cut short", cut),
            ("bytes past its parts", longer),
            ("a part longer than the input", lengths_too_long),
            ("a plain wasm module", std::vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
            ("an opcode stream that ends before its end", split_form(&[(Ops, &[0x02, 0x0b]), (BlockType, &[0x40]), (Rest, &[1, 0])])),
            ("an immediate missing from its stream", split_form(&[(Ops, &[0x41, 0x0b]), (Rest, &[1, 0])])),
            ("half an address", split_form(&[(Ops, &[ADDRESS, 0x0b]), (Address, &[1]), (Rest, &[1, 0])])),
            ("a stream with bytes left over", split_form(&[(Ops, &[0x41, 0x0b]), (I32, &[7, 8]), (Rest, &[1, 0])])),
            ("more functions than bodies", split_form(&[(Ops, &[0x0b]), (Rest, &[2, 0])])),
            ("a count that never ends", split_form(&[(Ops, &[0x0e, 0x0b]), (Label, &[0xff, 0xff, 0xff, 0xff, 0x0f]), (Rest, &[1, 0])])),
            // Each of these runs out of bytes long before its count: it stops there.
            ("four billion functions", split_form(&[(Ops, &[0x0b]), (Rest, &[0xff, 0xff, 0xff, 0xff, 0x0f, 0])])),
            ("four billion locals", split_form(&[(Ops, &[0x0b]), (Rest, &[1, 0xff, 0xff, 0xff, 0xff, 0x0f])])),
            ("four billion select types", split_form(&[(Ops, &[0x1c, 0x0b]), (Rest, &[1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f])])),
            ("a block never closed", split_form(&[(Ops, &[0x02, 0x02, 0x02]), (BlockType, &[0x40, 0x40, 0x40]), (Rest, &[1, 0])])),
            ("four billion data segments", form(&[], &[11, 6, 0xff, 0xff, 0xff, 0xff, 0x0f], &[(Ops, &[0x0b]), (Rest, &[1, 0])])),
            ("no count of the opcodes", split_form(&[(Pairs, &[1, 0, 0]), (Ops, &[0x0b]), (Rest, &[1, 0])])),
            ("fewer opcodes than their count", split_form(&[(Pairs, &[2, 0, 0, 0]), (Ops, &[0x0b]), (Rest, &[1, 0])])),
            ("more opcodes than their count", split_form(&[(Pairs, &[1, 0, 0, 0, 0x01, 0x0b]), (Ops, &[FIRST_PAIR]), (Rest, &[1, 0])])),
            ("a pair that holds itself", split_form(&[(Pairs, &[1, 0, 0, 0, FIRST_PAIR, 0x0b]), (Ops, &[FIRST_PAIR]), (Rest, &[1, 0])])),
            // Each pair twice the one before: 2^54 opcodes, which stop at
            // the room their count gives.
            ("pairs that double 54 times", split_form(&[(Pairs, &doubling), (Ops, &[FIRST_PAIR + PAIR_DEPTH as u8 - 1]), (Rest, &[1, 0])])),
            ("a data segment of four billion bytes", form(&[], &[11, 9, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f], &[(Ops, &[0x0b]), (Rest, &[1, 0]), (Runs, &[1]), (Binary0, &[7])])),
        ];
        for (name, split) in refused {
            assert_eq!(rebuilt(split), None, "{name}");
        }
    }

    #[test]
    fn a_module_shorter_than_the_bound_is_refused_not_overrun() {
        let split = split_form(&[
            (Ops, &[ADDRESS, 0x41, 0x0b]),
            (I32, &[7]),
            (Address, &[1]),
            (AddressHigh, &[2]),
            (Rest, &[1, 0]),
        ]);
        let whole = rebuilt(&split).unwrap();
        for len in 0..whole.len() {
            assert_eq!(
                unsplit(&split, &mut std::vec![0; len]),
                None,
                "room for {len}"
            );
        }
    }
}
