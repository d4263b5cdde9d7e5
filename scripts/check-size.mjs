// Fails when what a reader downloads (dist/, gzip) outgrows the budget in
// size-budget.json, a shipped wasm carries a custom section, the decoder
// outgrows what browsers compile synchronously on the main thread, the widget
// could compile in a browser older than the glue assumes, or a
// precompressed copy (.gz, .br) is missing or is not its file. Sizes are
// deterministic for a given toolchain, so this is a test; times are not,
// and live in `make bench`.

import { readFileSync } from 'node:fs';
import { staleCopies } from './precompressed.mjs';
import { customSectionNames } from './wasm-binary.mjs';
import { needsBulkMemory } from './glue-fallbacks.mjs';
import { readStoredModule, storedParts } from './stored-module.mjs';

const root = new URL('..', import.meta.url);
const budget = JSON.parse(readFileSync(new URL('size-budget.json', root), 'utf8'));
const sizes = JSON.parse(readFileSync(new URL('build/sizes.json', root), 'utf8'));

let failed = false;
for (const [name, limit] of Object.entries(budget.gzip)) {
  const actual = name === 'total' || name === 'dist' ? sizes[name].gzip : sizes.files[name]?.gzip;
  const verdict = actual <= limit ? 'ok' : 'OVER BUDGET';
  if (actual > limit) failed = true;
  console.log(`${name.padEnd(18)} gzip ${String(actual).padStart(6)} B  budget ${String(limit).padStart(6)} B  ${verdict}`);
}
if (failed) {
  console.error('dist/ is over its size budget (size-budget.json); measure with `twiggy top build/sharecite_bg.wasm`.');
  process.exit(1);
}

// The modules as the loader inflates them (dist/ stores them deflated).
const shipped = (name) => readStoredModule(new URL(`dist/${name}`, root));

// Browsers ignore custom sections (names, producers, target features):
// in a shipped module they are bytes every reader downloads for nothing.
const modules = {
  'sharecite_bg.wasm': shipped('sharecite_bg.wasm'),
  'sharecite_cite_bg.wasm': shipped('sharecite_cite_bg.wasm'),
  'sharecite_republish_bg.wasm': shipped('sharecite_republish_bg.wasm'),
  "sharecite_bg.wasm's decoder": storedParts(new URL('dist/sharecite_bg.wasm', root)).decoder,
};
for (const [name, module] of Object.entries(modules)) {
  const custom = customSectionNames(module);
  if (custom.length > 0) {
    console.error(`dist/${name} ships custom sections (${custom.join(', ')}): strip them (wasm-opt --strip-*).`);
    process.exit(1);
  }
}

// The loader compiles the decoder synchronously, which Chromium long
// refused on the main thread for a module over 4 KB ("WebAssembly.Compile
// is disallowed on the main thread, if the buffer size is larger than
// 4KB"), as browsers built on older Chromium still do.
const SYNC_COMPILE_LIMIT = 4096;
const decoderBytes = modules["sharecite_bg.wasm's decoder"].length;
if (decoderBytes > SYNC_COMPILE_LIMIT) {
  console.error(`dist/sharecite_bg.wasm's decoder is ${decoderBytes} B: over ${SYNC_COMPILE_LIMIT} B, browsers on older Chromium will not compile it synchronously (js/loader.js).`);
  process.exit(1);
}

// The glue ships without a fallback for browsers too old to compile the
// widget (scripts/glue-fallbacks.mjs); that holds while the widget needs
// bulk memory.
if (!needsBulkMemory(modules['sharecite_bg.wasm'])) {
  console.error('dist/sharecite_bg.wasm no longer needs bulk memory, so older browsers compile it: restore the glue fallback scripts/glue-fallbacks.mjs removes.');
  process.exit(1);
}

// A host serving dist/'s precompressed copies sends them in place of the
// files: a stale or missing copy would ship another build, or nothing.
const stale = staleCopies(new URL('dist/', root));
if (stale.length > 0) {
  console.error(`dist/ has missing or stale precompressed copies (${stale.join(', ')}): rebuild with \`make dist\`.`);
  process.exit(1);
}
