// How dist/ stores a wasm module, in one place. Its code section is split
// into streams of like bytes (scripts/split-code.mjs), and the widget's
// file carries, in front, the small wasm module that rebuilds both
// (crates/unsplit); then it is deflated in zlib's format, searched by
// Zopfli (crates/deflate, built by `make dist`):
//
//   widget:            deflate(u32 LE decoder length | decoder | split form)
//   citation module:   u32 LE start | u32 LE length | deflate(dictionary | u32 LE 0 | split form)
//
// The citation module's code, split off the widget's module
// (scripts/split-module.mjs), calls the widget's functions and looks much
// like them, and every reader who cites has the widget already: its stream
// is deflated with a stretch of the widget's inflated file as dictionary,
// the `length` bytes at `start`, which its file leaves out (crates/deflate
// says how a zlib stream can carry them all the same). That stretch is the
// last 32 KiB of the widget's opcodes: the citation module 7.6 -> 7.2 KB;
// with the opcodes' pairs (split-code.mjs) just before them, which the
// two modules share, so the citation module's copy of the pairs costs
// next to nothing. (Stretches of the widget's other streams too, one after
// another in the one dictionary, left it as it was.)
// (Measured on the module built apart, before the split, 11.9 -> 10.7 KB:
// the first 32 KiB of them, 11.0 KB; the widget's locals too, in the one
// dictionary, 10.8-10.9 KB; before each of the citation module's 30
// streams a dictionary of the widget's same stream, 0.5 KB less again
// before the cost of 30 splices, which the loader would have to make.)
//
// js/loader.js inflates each with the browser's DecompressionStream
// ('deflate'), splicing the dictionary back into the citation module's,
// and rebuilds them with js/unsplit.mjs; scripts/build-dist.mjs writes
// them, and the size check, the benchmark and the tests read them back
// through this.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { STREAMS, splitCode, streamRange } from './split-code.mjs';
import { shareciteUnsplit } from '../js/unsplit.mjs';

const root = new URL('..', import.meta.url);

// The split form's streams differ from each other far more than a plain
// module's stretches do, so Zopfli gains from splitting it into more
// deflate blocks than its default 15, and from searching longer: widget
// -187 B, citation module -7 B against 15 iterations and blocks. With the
// streams in blocks of their own (blockEnds), 200 iterations instead of 50
// took 31 B more off the widget and 11 B off the citation module, for 6 s
// more of `make dist` (100: -30 B in all, 150: -33 B); 500 instead of 200,
// 33 B more off the widget, for 8 s more (1,000: -52 B, for 22 s more).
const ZOPFLI = ['--iterations', '500', '--blocks', '40'];

// Where the dictionary goes back into the citation module's zlib stream
// (crates/deflate's DICTIONARY_AT: after zlib's header and the stored
// block's), and how long it may be (deflate's window).
const DICTIONARY_AT = 7;
const DICTIONARY_MAX = 32 * 1024;
// The citation module's file starts with the dictionary's place in the
// widget's file: its start and its length, each a u32 LE.
const PREFIX = 8;

/**
 * The files dist/ stores modules in: the widget's, and those split off it
 * (each deflated against the widget's file).
 */
export const WIDGET_FILE = 'sharecite_bg.wasm';
export const CITE_FILE = 'sharecite_cite_bg.wasm';
export const REPUBLISH_FILE = 'sharecite_republish_bg.wasm';

/** An instance of the decoder module `decoder` (bytes), as the loader makes one. */
export const decoderInstance = (decoder) => new WebAssembly.Instance(new WebAssembly.Module(decoder));

/** `decoder` (maybe empty) and `split` framed as a stored file holds them, before deflating. */
export function framed(decoder, split) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(decoder.length);
  return Buffer.concat([length, decoder, split]);
}

/**
 * `module` (a wasm binary) split and framed as its stored file inflates:
 * `decoder` is the module that rebuilds it, `carried` whether this file
 * carries it.
 */
export function framedModule(module, decoder, { carried, pairs }) {
  return framed(carried ? decoder : new Uint8Array(0), splitCode(module, decoderInstance(decoder), pairs));
}

/**
 * `module` as dist/ stores it (see framedModule and storeFramed).
 */
export function storeModule(module, decoder, { carried, against, pairs }) {
  return storeFramed(framedModule(module, decoder, { carried, pairs }), against);
}

/**
 * A framed module (see framedModule) deflated as dist/ stores it. With
 * `against` (the widget's file, framed), with a stretch of that as
 * dictionary, as the citation module is.
 */
export function storeFramed(inflated, against) {
  if (!against) return zopfli(inflated, 0, blockEnds(inflated));
  const [start, end] = dictionaryIn(against);
  const prefix = Buffer.alloc(PREFIX);
  prefix.writeUInt32LE(start, 0);
  prefix.writeUInt32LE(end - start, 4);
  const dictionary = end - start;
  const ends = blockEnds(inflated).map((at) => dictionary + at);
  return Buffer.concat([prefix, zopfli(Buffer.concat([against.subarray(start, end), inflated]), dictionary, ends)]);
}

// A framed file's streams of BLOCK_STREAM bytes or more each get deflate
// blocks of their own, and the decoder it carries too: Zopfli's own search
// for where to end blocks does not find all of those bounds, where the
// bytes change kind (the widget's file -0.07 KB; with every stream's
// bounds, -0.01 KB: a block's own Huffman code costs more than a small
// stream gains from it). These are where, in `inflated`, blocks must end.
const BLOCK_STREAM = 1000;
export function blockEnds(inflated) {
  const at = splitAt(inflated);
  const split = inflated.subarray(at);
  const ends = at > 4 ? [at] : [];
  for (const name of ['before', ...STREAMS]) {
    const [start, end] = streamRange(split, name);
    if (end - start < BLOCK_STREAM) continue;
    for (const bound of [at + start, at + end]) if (bound > (ends.at(-1) ?? 0) && bound < inflated.length) ends.push(bound);
  }
  return ends;
}

/** Where a framed file's split form starts: after its decoder and that's length. */
const splitAt = (file) => 4 + file.readUInt32LE(0);

/** The citation module's dictionary in the widget's inflated file: `[start, end)`. */
export function dictionaryIn(widget) {
  const at = splitAt(widget);
  const [start] = streamRange(widget.subarray(at), 'pairs');
  const [, end] = streamRange(widget.subarray(at), 'ops');
  return [at + Math.max(start, end - DICTIONARY_MAX), at + end];
}

/**
 * `input` deflated by crates/deflate, its first `dictionary` bytes left
 * out, with blocks ending at `ends` too (see blockEnds).
 */
function zopfli(input, dictionary, ends) {
  const tool = fileURLToPath(new URL('target/release/sharecite-deflate', root));
  const blocks = ends.length ? ['--ends', ends.join(',')] : [];
  return execFileSync(tool, ['--dictionary', String(dictionary), ...ZOPFLI, ...blocks], { input, maxBuffer: 1 << 24 });
}

/**
 * A stored file inflated, as the loader inflates it; `against` is the
 * widget's file, inflated, for the citation module's.
 */
export function inflateStored(file, against) {
  if (!against) return inflateSync(file);
  const start = file.readUInt32LE(0);
  const length = file.readUInt32LE(4);
  const at = PREFIX + DICTIONARY_AT;
  return inflateSync(Buffer.concat([file.subarray(PREFIX, at), against.subarray(start, start + length), file.subarray(at)])).subarray(length);
}

/**
 * The stored file at `url` (a file URL into dist/) inflated; a split-off
 * module's with the widget's file beside it.
 */
function inflatedFile(url) {
  const file = readFileSync(url);
  if (url.pathname.endsWith(`/${WIDGET_FILE}`)) return inflateStored(file);
  return inflateStored(file, inflateStored(readFileSync(new URL(WIDGET_FILE, url))));
}

/** A stored file's parts: the decoder it carries (maybe empty) and the split form. */
export function storedParts(url) {
  const stored = inflatedFile(url);
  const end = splitAt(stored);
  return { decoder: stored.subarray(4, end), split: stored.subarray(end) };
}

/**
 * The wasm binary stored at `url` (a file URL into dist/), rebuilt by the
 * decoder the widget's file beside it carries.
 */
export function readStoredModule(url) {
  const { decoder } = storedParts(new URL(WIDGET_FILE, url));
  return Buffer.from(shareciteUnsplit(decoderInstance(decoder), storedParts(url).split));
}
