// dist/'s precompressed copies: beside each file but the (deflated) wasm
// modules, a `.br` and a `.gz` that a host serves as stored (README,
// Hosting). scripts/build-dist.mjs writes them, scripts/serve.mjs serves
// them, scripts/check-size.mjs holds each to its file.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** Each copy's suffix, its Content-Encoding and its decoder; preferred first. */
export const COPIES = [
  { suffix: '.br', encoding: 'br', decode: brotliDecompressSync },
  { suffix: '.gz', encoding: 'gzip', decode: gunzipSync },
];

/** Whether `file` is itself a precompressed copy. */
export const isCopy = (file) => COPIES.some(({ suffix }) => file.endsWith(suffix));

/**
 * Whether `file` gets precompressed copies: not the wasm modules, which
 * are stored deflated (scripts/build-dist.mjs) and would not shrink.
 */
export const precompressible = (file) => !file.endsWith('.wasm');

/** The files below `folder` (a file URL ending in `/`) that are not copies, relative to it. */
export function originals(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((file) => !isCopy(file) && statSync(new URL(file, folder)).isFile());
}

/** Each copy below `folder` that is missing or does not decode to its file, as `file.suffix`. */
export function staleCopies(folder) {
  const stale = [];
  for (const file of originals(folder).filter(precompressible)) {
    const bytes = readFileSync(new URL(file, folder));
    for (const { suffix, decode } of COPIES) {
      let copy = null;
      try {
        copy = decode(readFileSync(new URL(file + suffix, folder)));
      } catch {
        // Missing or not in its encoding: stale either way.
      }
      if (!copy || !copy.equals(bytes)) stale.push(file + suffix);
    }
  }
  return stale;
}
