// Takes out of wasm-bindgen's glue a fallback for browsers that cannot run
// the widget anyway: its stand-in for TextEncoder.encodeInto (Chrome 74,
// Firefox 66, Safari 14.1), which the glue only calls on a string it hands
// to the wasm, so after the module has compiled; and the module needs bulk
// memory (memory.copy: Chrome 75, Firefox 79, Safari 15) to compile.
// `make check-size` fails if it stops needing it (needsBulkMemory), which
// this rests on. The FinalizationRegistry stand-in stays: the glue makes
// its registry as the script runs, before any module compiles, and without
// the stand-in an older browser would throw into the page there.
// Throws when the glue no longer has the shape this expects, so a
// wasm-bindgen upgrade fails the build, not the page.

import binaryen from 'binaryen';
import { wasmFeatures } from './binaryen-features.mjs';

const ENCODE_INTO = /\n( *)if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n\1\}\n/;

/** `glue` without the fallback no browser that runs the widget needs. */
export function withoutDeadFallback(glue) {
  if (!ENCODE_INTO.test(glue)) {
    throw new Error("wasm-bindgen's glue no longer has the TextEncoder.encodeInto stand-in: update scripts/glue-fallbacks.mjs");
  }
  return glue.replace(ENCODE_INTO, '\n');
}

/**
 * Whether the module in `bytes` needs bulk memory, so that no browser
 * older than Chrome 75, Firefox 79 or Safari 15 compiles it: it does not
 * validate without.
 */
export function needsBulkMemory(bytes) {
  const F = binaryen.Features;
  const module = binaryen.readBinary(bytes);
  module.setFeatures(wasmFeatures() & ~(F.BulkMemory | F.BulkMemoryOpt));
  // binaryen prints each validation error; here they are the answer.
  const { write: err } = process.stderr;
  const { write: out } = process.stdout;
  process.stderr.write = process.stdout.write = () => true;
  try {
    return module.validate() === 0;
  } finally {
    process.stderr.write = err;
    process.stdout.write = out;
    module.dispose();
  }
}
