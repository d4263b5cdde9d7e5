// scripts/precompressed.mjs: check-size fails on a precompressed copy
// that is missing, undecodable or of another file; the originals are
// every file that is not itself a copy, and the wasm modules (stored
// deflated) need none.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { originals, precompressible, staleCopies } from '../../scripts/precompressed.mjs';

test('a copy that is missing, broken or of another file is stale; good ones are not, and a wasm needs none', (t) => {
  const folder = new URL('../../build/test-precompressed/', import.meta.url);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(new URL('locales/', folder), { recursive: true });
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const text = Buffer.from('sharecite '.repeat(50));
  const other = Buffer.from('another build');
  const write = (name, bytes) => writeFileSync(new URL(name, folder), bytes);
  write('good.js', text);
  write('good.js.gz', gzipSync(text));
  write('good.js.br', brotliCompressSync(text));
  write('locales/de.txt', text);
  write('locales/de.txt.gz', gzipSync(other));
  write('locales/de.txt.br', brotliCompressSync(text));
  write('bare.wasm', text);
  write('broken.js', text);
  write('broken.js.gz', text);
  write('broken.js.br', brotliCompressSync(text));

  assert.deepEqual(originals(folder).sort(), ['bare.wasm', 'broken.js', 'good.js', 'locales/de.txt']);
  assert.deepEqual(staleCopies(folder).sort(), ['broken.js.gz', 'locales/de.txt.gz']);
  assert.deepEqual(originals(folder).filter(precompressible).sort(), ['broken.js', 'good.js', 'locales/de.txt']);
});
