// Splits a wasm module's code section into streams of like bytes before it
// is deflated: opcodes with opcodes, local and label indices each with
// their kind, call targets, alignments, offsets, constants, addresses in
// the data. Interleaved, each kind breaks up the others' repeats; apart,
// deflate finds far more of them (Zopfli: widget 54.5 -> 44.6 KB, citation
// module 14.2 -> 11.9 KB; with six streams, 47.4 and 12.3, with eleven,
// 46.2 and 12.0). Some kinds go by the instruction: local.get's indices
// apart from local.set's and local.tee's, loads' offsets apart from
// stores', and an i32.const by the opcode after it (widget -0.47 KB), and
// so a local.get (before a load, a constant, another local.get or anything
// else: widget -0.15 KB, citation module -0.06 KB); some
// numbers' first bytes apart from the rest (MORE, -0.6 KB); the data's
// text apart from its tables (splitData, -0.2 KB).
// The loader rebuilds the module with crates/unsplit, which describes the
// form, before compiling it. An opcode this does not know fails the build
// rather than the page (the decoder would not know it either).

import { deflateRawSync } from 'node:zlib';
import { shareciteUnsplit } from '../js/unsplit.mjs';
import { dataSegments, instructions, leb128, localsEnd, sleb128, sections, writeLeb128 } from './wasm-binary.mjs';

const CODE_SECTION = 10;
const DATA_SECTION = 11;

/**
 * `module` in the split form crates/unsplit reads; `decoder` is an
 * instance of that crate's wasm module, which must rebuild it. Its opcodes
 * are written with `pairs` (see pairsFor), by default its own.
 */
export function splitCode(module, decoder, pairs = pairsFor([module])) {
  const split = splitOnly(module, pairs);
  // The reader's decoder must give back a module that splits the same way
  // (it differs only in writing every size in five bytes).
  const rebuilt = shareciteUnsplit(decoder, split);
  if (!WebAssembly.validate(rebuilt) || !splitOnly(rebuilt, pairs).equals(split)) {
    throw new Error('split-code: crates/unsplit does not rebuild the module');
  }
  return split;
}

// The streams, in the order the split form holds them (crates/unsplit's
// `Stream`); `address` holds the i32.const values that point into the
// module's data (see ADDRESS); `after` the sections after the code, their
// data segments' contents taken out into the last six (see splitData).
// (Other orders were measured; none is better by more than Zopfli's own
// noise, about 0.1 KB: one bit changed in the decoder's bytes moves the
// widget's file by as much.)
export const STREAMS = [
  'after', 'pairs', 'ops', 'blockType', 'local', 'localLoad', 'localConst', 'localGet', 'localSet', 'label', 'index', 'call', 'callMore', 'align',
  'offset', 'offsetMore', 'loadOffset', 'loadOffsetMore', 'i32', 'i32More', 'i32Add', 'i32AddMore',
  'i32Pair', 'i32Sub', 'constant', 'address', 'addressHigh', 'rest',
  'text', 'binary0', 'binary1', 'binary2', 'binary3', 'runs',
];
// An opcode no module uses (the build fails on it, below) standing for an
// i32.const whose value is the data's base address plus a 16-bit offset,
// which the address streams hold, its low byte in one and its high byte in
// the other: so they compress better than as LEB128s among the other
// constants (and the two bytes apart, 0.1 KB better than together).
const ADDRESS = 0xc5;

// The opcodes' common pairs, each written as one byte of its own
// (crates/unsplit's Stream::Pairs): deflate codes each byte by itself and
// finds repeats only of three bytes or more, so which opcode follows which
// is mostly lost on it. Written as pairs (and pairs of pairs), `local.get`
// then `i32.const`, two `local.get`s, a `local.get` then a load, it is
// not: the opcodes 6% smaller once deflated (widget and citation module
// -0.68 KB, the decoder +0.2 KB of it; the decoder rebuilds the widget in
// 4.8 ms rather than 3.6 at 4x, in Chromium). The bytes from FIRST_PAIR
// on, up to the 0xfc prefix, are opcodes of wasm's garbage collection and
// references, which the modules do not use (Rust's code is built without
// reference types): a pair is written as one of those that no module
// uses, the first pair as FIRST_PAIR, the second as the next, and so on.
// One list for all the modules (pairsFor), so the split-off modules'
// opcodes still find their like in the widget's, their dictionary.
const FIRST_PAIR = 0xc6;
// How far the opcodes' stream may grow expanded: the decoder refuses more
// (a damaged count would have it ask for gigabytes). The modules' grows 2.3
// times; a stream of nothing but one opcode would be written with fewer
// pairs than it could.
const MOST_EXPANDED = 16;

/** The opcodes' stream of `module` as bytes, before any pair is written as one. */
function opcodes(module) {
  const split = splitOnly(module, []);
  return split.subarray(...streamRange(split, 'ops'));
}

// Each pair is chosen among this many of the commonest, as the one after
// which zlib deflates the opcodes smallest: the commonest pair is not
// always the one deflate gains most from, since some of its repeats
// were copies already (Zopfli's size of both modules 0.22 KB smaller than
// with the commonest each time; among 15, 20, 45, 60 or 80, up to 0.05
// KB less so).
const CANDIDATES = 30;

/**
 * The pairs to write the opcodes of `modules` with (each chosen once the
 * ones before it are written; see CANDIDATES), as `[first, second]` bytes,
 * either one maybe a pair before it: as many as there are bytes from
 * FIRST_PAIR on before an opcode of theirs, or 0xfc, and no more than
 * leave each stream MOST_EXPANDED times shorter at most.
 */
export function pairsFor(modules) {
  const originals = modules.map((module) => Array.from(opcodes(module)));
  let streams = originals;
  const room = Math.min(0xfc, ...streams.flat().filter((op) => op >= FIRST_PAIR)) - FIRST_PAIR;
  const deflated = (written) => written.reduce((size, ops) => size + deflateRawSync(Uint8Array.from(ops), { level: 9 }).length, 0);
  const pairs = [];
  while (pairs.length < room) {
    const counts = new Map();
    for (const ops of streams) {
      for (let i = 0; i + 1 < ops.length; i++) {
        const key = (ops[i] << 8) | ops[i + 1];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const commonest = [...counts].filter(([, count]) => count > 1).sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES);
    let best = null;
    for (const [key] of commonest) {
      const pair = [key >> 8, key & 0xff];
      const written = streams.map((ops) => writePair(ops, pair, FIRST_PAIR + pairs.length));
      if (written.some((ops, i) => MOST_EXPANDED * ops.length < originals[i].length)) continue;
      const size = deflated(written);
      if (!best || size < best.size) best = { pair, written, size };
    }
    if (!best) break;
    streams = best.written;
    pairs.push(best.pair);
  }
  return pairs;
}

/** `ops` with each `pair` in it, left to right, written as `byte`. */
function writePair(ops, [first, second], byte) {
  const written = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i] === first && ops[i + 1] === second) {
      written.push(byte);
      i++;
    } else written.push(ops[i]);
  }
  return written;
}

// The streams whose LEB128s' bytes after the first go to a stream of their
// own (crates/unsplit's `Stream::more`): the first bytes (the low bits, of
// small numbers all of it) and the others (the high bits of large ones)
// each repeat more apart (call targets, offsets and i32s: -0.6 KB over
// both modules; locals, labels, indices and other constants gain nothing).
const MORE = new Set(['call', 'offset', 'loadOffset', 'i32', 'i32Add']);
/**
 * The split form's header: the data's base address and the length of each
 * part (the sections before the code, then the streams).
 */
export const SPLIT_HEADER = 4 + 4 * (1 + STREAMS.length);

/**
 * Where stream `name` (one of STREAMS, or `before`: the sections before the
 * code) lies in `split`, a split form: `[start, end)`.
 */
export function streamRange(split, name) {
  const index = name === 'before' ? 0 : STREAMS.indexOf(name) + 1;
  if (index === 0 && name !== 'before') throw new Error(`split-code: no stream ${name}`);
  let start = SPLIT_HEADER;
  for (let i = 0; i < index; i++) start += split.readUInt32LE(4 + 4 * i);
  return [start, start + split.readUInt32LE(4 + 4 * index)];
}

// The stream of an instruction's immediate, by its kind (wasm-binary.mjs's
// `instructions`) and the opcode; i32 constants are chosen apart (below).
function streamOf(op, kind) {
  switch (kind) {
    case 'func':
    case 'type':
      return 'call';
    case 'table':
      return op === 0x11 ? 'call' : 'index';
    case 'global':
    case 'data':
    case 'elem':
      return 'index';
    case 'local':
      return 'localSet'; // local.get's are chosen apart (below)
    case 'offset':
      return op <= 0x35 ? 'loadOffset' : 'offset';
    case 'types':
      return 'rest';
    case 'byte':
    case 'sub':
      return 'ops';
    case 'i64':
    case 'f32':
    case 'f64':
      return 'constant';
    default:
      return kind; // blockType, label, align
  }
}

/** The stream of a local.get's index, by the opcode after it (crates/unsplit's `Rebuild::local_stream`). */
function localStream(next) {
  if (next >= 0x28 && next <= 0x35) return 'localLoad';
  if (next === 0x41 || next === ADDRESS) return 'localConst';
  return next === 0x20 ? 'localGet' : 'local';
}

function splitOnly(module, pairs) {
  const streams = Object.fromEntries(STREAMS.map((name) => [name, []]));
  const base = dataBase(module);
  let p = 8;
  // A number's bytes (or a constant's), its later bytes apart if MORE says so.
  const push = (stream, bytes) => {
    const later = MORE.has(stream) ? `${stream}More` : stream;
    bytes.forEach((byte, i) => streams[i ? later : stream].push(byte));
  };
  const copy = (stream, from, to) => push(stream, module.subarray(from, to));
  const leb = () => {
    const [value, end] = leb128(module, p);
    p = end;
    return value;
  };
  const lebTo = (stream) => {
    const start = p;
    const value = leb();
    copy(stream, start, p);
    return value;
  };
  // i32 constants that are not addresses, and local.get's indices, and
  // where the opcode after each will be in the opcode stream (see below).
  const constants = [];
  const gets = [];
  let before = null;
  let after = null;
  while (p < module.length) {
    const start = p;
    const id = module[p++];
    const end = leb() + p;
    if (id !== CODE_SECTION) {
      p = end;
      continue;
    }
    before = module.subarray(0, start);
    after = module.subarray(end);
    for (let functions = lebTo('rest'); functions--; ) {
      const bodyEnd = leb() + p;
      const code = localsEnd(module, p);
      copy('rest', p, code);
      instructions(module, code, bodyEnd, (op, operands) => {
        streams.ops.push(op);
        for (const [kind, start, end] of operands) {
          if (op === 0x20) {
            gets.push({ next: streams.ops.length, bytes: module.subarray(start, end) });
            continue;
          }
          if (kind !== 'i32') {
            copy(streamOf(op, kind), start, end);
            continue;
          }
          const offset = sleb128(module, start)[0] - base;
          if (base && offset >= 0 && offset < 0x10000) {
            streams.ops[streams.ops.length - 1] = ADDRESS;
            streams.address.push(offset & 0xff);
            streams.addressHigh.push(offset >> 8);
          } else constants.push({ next: streams.ops.length, bytes: module.subarray(start, end) });
        }
      }, 'split-code');
      p = bodyEnd;
    }
    if (p !== end) throw new Error('split-code: the code section has bytes after its functions');
  }
  if (!before) throw new Error('split-code: the module has no code section');
  // Each i32.const's stream is chosen by the opcode after it, which the
  // decoder sees first in the opcode stream: an i32.add after it makes it
  // an offset into a struct, another i32.const half of a pair (often a
  // length beside an address), an i32.sub the size of a stack frame; these
  // differ from other constants, and from each other (widget -0.3 KB; the
  // frames' sizes apart, -0.06 KB over both modules).
  for (const { next, bytes } of constants) {
    push({ 0x6a: 'i32Add', 0x41: 'i32Pair', 0x6b: 'i32Sub' }[streams.ops[next]] ?? 'i32', bytes);
  }
  // A local.get's stream is chosen the same way: before a load it is a
  // pointer, before a constant (an address too) often the base of some
  // arithmetic, before another local.get the first of two operands; each
  // kind names its own few locals (widget -0.15 KB, citation module -0.06
  // KB; apart from stores' or calls' too, or local.set's by what follows,
  // no better).
  for (const { next, bytes } of gets) push(localStream(streams.ops[next]), bytes);
  const last = FIRST_PAIR + pairs.length;
  if (last > 0xfc || streams.ops.some((op) => op >= FIRST_PAIR && op < last)) {
    throw new Error(`split-code: an opcode from 0x${FIRST_PAIR.toString(16)} to 0x${last.toString(16)}, which a pair stands for`);
  }
  // How many opcodes there are (a u32 LE: the decoder's room for them),
  // then the pairs they are written with.
  const count = streams.ops.length;
  pairs.forEach((pair, i) => (streams.ops = writePair(streams.ops, pair, FIRST_PAIR + i)));
  if (count > MOST_EXPANDED * streams.ops.length) throw new Error(`split-code: the opcodes grow more than ${MOST_EXPANDED} times expanded`);
  streams.pairs = [count, count >> 8, count >> 16, count >>> 24].map((byte) => byte & 0xff).concat(pairs.flat());
  splitData(after, push);
  const parts = [before, ...STREAMS.map((name) => Uint8Array.from(streams[name]))];
  const header = new DataView(new ArrayBuffer(SPLIT_HEADER));
  header.setUint32(0, base, true);
  parts.forEach((part, i) => header.setUint32(4 + i * 4, part.length, true));
  return Buffer.concat([new Uint8Array(header.buffer), ...parts]);
}

// The module's data is text (strings, the stylesheet, icon paths) with
// tables between (string slices, vtables: mostly 32-bit words whose high
// bytes repeat). Apart they compress better: the text's runs in one
// stream, the other bytes in four by their address's last two bits (a
// word's first bytes in one, its second bytes in another...), and the
// lengths of the alternate runs, other bytes first (the first may be
// empty, and so may one between two texts), as LEB128s in a sixth
// (widget -0.2 KB). The sections after the code must be one data section
// (Rust puts nothing else there once custom sections are stripped).
const TEXT_RUN = 6;
const isText = (byte) => byte >= 0x20 && byte < 0x7f;

function splitData(after, push) {
  if (!after.length) return;
  const fail = (why) => { throw new Error(`split-code: ${why}`); };
  if (after[0] !== DATA_SECTION) fail(`section ${after[0]} after the code, not data`);
  const [size, bodyAt] = leb128(after, 1);
  if (bodyAt + size !== after.length) fail('a section after the data');
  const body = after.subarray(bodyAt);
  const { countEnd, segments } = dataSegments(body);
  push('after', after.subarray(0, bodyAt + countEnd));
  const runs = [];
  let otherRun = 0;
  for (const { start, contentStart, end, address } of segments) {
    push('after', body.subarray(start, contentStart));
    const content = body.subarray(contentStart, end);
    for (let at = 0; at < content.length; ) {
      let textEnd = at;
      while (textEnd < content.length && isText(content[textEnd])) textEnd++;
      if (textEnd - at >= TEXT_RUN) {
        runs.push(otherRun, textEnd - at);
        otherRun = 0;
        push('text', content.subarray(at, textEnd));
        at = textEnd;
      } else {
        push(`binary${(address + at) & 3}`, [content[at++]]);
        otherRun++;
      }
    }
  }
  // The decoder reads a run when it needs a byte, so none ends the list.
  if (otherRun) runs.push(otherRun);
  push('runs', runs.flatMap(writeLeb128));
}

// The address of the data section's first segment (where Rust puts the
// data), or 0 when it has none or is passive, which only leaves the
// address streams empty.
function dataBase(module) {
  const data = sections(module).find(({ id }) => id === DATA_SECTION)?.body;
  const first = data && dataSegments(data).segments[0];
  return first && first.address > 0 ? first.address : 0;
}
