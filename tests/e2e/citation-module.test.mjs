// The citation module on its own, without a browser: it imports nothing, so
// Node inflates dist/sharecite_cite_bg.wasm, instantiates it and calls its
// three exports as js/loader.js does (crates/cite-wasm/src/lib.rs has the
// contract).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStoredModule } from '../../scripts/stored-module.mjs';

const STYLES = ['apa', 'mla', 'chicago', 'chicago-author-date', 'harvard', 'bibtex', 'biblatex', 'ris', 'csl-json'];

async function citationModule() {
  const { instance } = await WebAssembly.instantiate(readStoredModule(new URL('../../dist/sharecite_cite_bg.wasm', import.meta.url)), {});
  const { alloc, cite, free, memory } = instance.exports;
  const pass = (text) => {
    const bytes = new TextEncoder().encode(text);
    const at = alloc(bytes.length) >>> 0;
    new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
    return [at, bytes.length];
  };
  return {
    memory,
    exports: Object.keys(instance.exports).sort(),
    cite(fields, style) {
      const answer = cite(...pass(fields), ...pass(style));
      const [at, length] = [Number(answer & 0xffffffffn), Number(answer >> 32n)];
      const text = new TextDecoder().decode(new Uint8Array(memory.buffer, at, length));
      free(at, length);
      return text;
    },
  };
}

/** Handoff fields (crates/core/src/cite/handoff.rs): each ends with a NUL. */
const fields = (title) =>
  [
    'https://www.globalresearch.ca/us-ultimatum/5678141',
    title,
    'Global Research',
    'Global Research',
    '2019-05-19',
    'news',
    '',
    '',
    '',
    '',
    '',
    '2026-11-25',
    'person',
    'Andrew Korybko',
  ]
    .map((field) => `${field}\0`)
    .join('');

test('the citation module gives back all its memory after every citation', async () => {
  const module = await citationModule();
  assert.deepEqual(module.exports, ['alloc', 'cite', 'free', 'memory'], 'no imports, and only these exports');
  const title = (n) => `The U.S. Ultimatum on Huawei Is Backfiring${' again'.repeat(n % 40)}`;
  const round = (n) => STYLES.map((style) => module.cite(fields(title(n)), style));
  const first = round(0);
  assert.match(first[0], /^Korybko, A\. \(2019, May 19\)\. The U\.S\. Ultimatum on Huawei Is Backfiring/);
  assert.match(first[5], /^@article\{korybko2019ultimatum,/);
  assert.equal(module.cite(fields('A title').slice(0, -1), 'apa'), '', 'a handoff without its last end is refused');
  assert.equal(module.cite('', ''), '', 'empty strings pass as no room at all');
  assert.match(module.cite(fields('Ünïcödé — “quoted” 引用'), 'mla'), /Ünïcödé — “Quoted” 引用/, "UTF-8 both ways");
  for (let n = 1; n < 40; n += 1) round(n);
  const grown = module.memory.buffer.byteLength;
  // 9 styles × 400 citations; a leak of 16 bytes a citation would need a page more.
  for (let n = 0; n < 400; n += 1) {
    const again = round(n);
    if (n === 0) assert.deepEqual(again, first, 'the same citation, byte for byte');
  }
  assert.equal(module.memory.buffer.byteLength, grown);
});
