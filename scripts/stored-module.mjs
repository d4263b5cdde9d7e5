// How dist/ stores a wasm module, in one place. Its code section is split
// into streams of like bytes (scripts/split-code.mjs), and the widget's
// file carries, in front, the small wasm module that rebuilds both
// (crates/unsplit); then it is deflated in zlib's format, searched by
// Zopfli:
//
//   deflate(u32 LE decoder length | decoder (empty for the citation
//   module: the widget's serves) | split form)
//
// js/loader.js inflates it with the browser's DecompressionStream('deflate')
// and rebuilds it with js/unsplit.mjs; scripts/build-dist.mjs writes it, and
// the size check, the benchmark and the tests read it back through this.

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { zlibAsync } from '@gfx/zopfli';
import { splitCode } from './split-code.mjs';
import { shareciteUnsplit } from '../js/unsplit.mjs';

// The split form's streams differ from each other far more than a plain
// module's stretches do, so Zopfli gains from splitting it into more
// deflate blocks than its default 15, and from searching longer: widget
// -187 B, citation module -7 B against 15 iterations and blocks (300
// iterations: 4 B more off the widget, for three times the build time).
const ZOPFLI = { numiterations: 50, blocksplittingmax: 40 };

/** An instance of the decoder module `decoder` (bytes), as the loader makes one. */
export const decoderInstance = (decoder) => new WebAssembly.Instance(new WebAssembly.Module(decoder));

/**
 * `module` (a wasm binary) as dist/ stores it; `decoder` is the module
 * that rebuilds it, `carried` whether this file carries it.
 */
export function storeModule(module, decoder, { carried }) {
  const split = splitCode(module, decoderInstance(decoder));
  return zlibAsync(framed(carried ? decoder : new Uint8Array(0), split), ZOPFLI).then((stored) => Buffer.from(stored));
}

/** `decoder` (maybe empty) and `split` framed as a stored file holds them, before deflating. */
export function framed(decoder, split) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(decoder.length);
  return Buffer.concat([length, decoder, split]);
}

/** A stored file's parts: the decoder it carries (maybe empty) and the split form. */
export function storedParts(url) {
  const stored = inflateSync(readFileSync(url));
  const end = 4 + stored.readUInt32LE(0);
  return { decoder: stored.subarray(4, end), split: stored.subarray(end) };
}

/**
 * The wasm binary stored at `url` (a file URL into dist/), rebuilt by the
 * decoder the widget's file beside it carries.
 */
export function readStoredModule(url) {
  const { decoder } = storedParts(new URL('sharecite_bg.wasm', url));
  return Buffer.from(shareciteUnsplit(decoderInstance(decoder), storedParts(url).split));
}
