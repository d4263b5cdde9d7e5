// The citation module on its own, without a browser: it imports nothing, so
// Node instantiates dist/sharecite_cite_bg.wasm as it ships and calls it the
// way its glue does, through the export names the build recorded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url));
const STYLES = ['apa', 'mla', 'chicago', 'chicago-author-date', 'harvard', 'bibtex', 'biblatex', 'ris', 'csl-json'];

async function citationModule() {
  const names = Object.fromEntries(JSON.parse(read('build/sharecite_cite_bg.names.json')).exports);
  const { instance } = await WebAssembly.instantiate(read('dist/sharecite_cite_bg.wasm'), {});
  const exported = (name) => instance.exports[names[name]];
  const memory = exported('memory');
  const pass = (text) => {
    const bytes = new TextEncoder().encode(text);
    const at = exported('__wbindgen_malloc')(bytes.length, 1) >>> 0;
    new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
    return [at, bytes.length];
  };
  return {
    memory,
    cite(fields, style) {
      const [at, length] = exported('cite')(...pass(fields), ...pass(style));
      const text = new TextDecoder().decode(new Uint8Array(memory.buffer, at >>> 0, length));
      exported('__wbindgen_free')(at, length, 1);
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
  const title = (n) => `The U.S. Ultimatum on Huawei Is Backfiring${' again'.repeat(n % 40)}`;
  const round = (n) => STYLES.map((style) => module.cite(fields(title(n)), style));
  const first = round(0);
  assert.match(first[0], /^Korybko, A\. \(2019, May 19\)\. The U\.S\. Ultimatum on Huawei Is Backfiring/);
  assert.match(first[5], /^@article\{korybko2019ultimatum,/);
  assert.equal(module.cite(fields('A title').slice(0, -1), 'apa'), '', 'a handoff without its last end is refused');
  for (let n = 1; n < 40; n += 1) round(n);
  const grown = module.memory.buffer.byteLength;
  // 9 styles × 400 citations; a leak of 16 bytes a citation would need a page more.
  for (let n = 0; n < 400; n += 1) {
    const again = round(n);
    if (n === 0) assert.deepEqual(again, first, 'the same citation, byte for byte');
  }
  assert.equal(module.memory.buffer.byteLength, grown);
});
