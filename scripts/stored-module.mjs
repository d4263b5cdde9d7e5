// How dist/ stores a wasm module, in one place: deflated, in zlib's
// format, searched by Zopfli. js/loader.js inflates it with the browser's
// DecompressionStream('deflate'); scripts/build-dist.mjs writes it, and
// the size check, the benchmark and the tests read it back through this.

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { zlibAsync } from '@gfx/zopfli';

/** `module` (a wasm binary) as dist/ stores it. */
export const storeModule = (module) => zlibAsync(module, { numiterations: 15 });

/** The wasm binary stored at `url` (a file URL into dist/). */
export const readStoredModule = (url) => inflateSync(readFileSync(url));
