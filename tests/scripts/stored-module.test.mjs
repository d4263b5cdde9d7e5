// scripts/stored-module.mjs: how dist/ stores the modules, the citation
// module deflated against the widget's file. It inflates to what was
// stored, with the widget's file only, and smaller for the code the two
// share. `make test-scripts` builds the decoder and crates/deflate's tool
// these use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { STREAMS, pairsFor, streamRange } from '../../scripts/split-code.mjs';
import { blockEnds, dictionaryIn, framedModule, inflateStored, storeModule } from '../../scripts/stored-module.mjs';

const decoder = readFileSync(new URL('../../build/sharecite_unsplit.wasm', import.meta.url));

// A module of `count` functions, each a chain of operations of its own
// (picked by a hash of its number) on its locals, numbered from `first`:
// two built from overlapping ranges share code, as the widget and the
// citation module do.
const OPERATIONS = ['add', 'sub', 'mul', 'xor', 'and', 'or', 'shl', 'shr_u', 'rotl', 'div_u'];
const functions = (first, count) =>
  Array.from({ length: count }, (_, k) => {
    const n = first + k;
    let hash = Math.imul(n + 1, 0x9e3779b1) >>> 0;
    const next = (below) => ((hash = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0) + 1) % below);
    let body = '(local.get 0)';
    for (let step = 0; step < 12; step++) {
      const operand = next(3) ? `(i32.const ${next(100000)})` : `(local.get ${next(2)})`;
      body = `(i32.${OPERATIONS[next(OPERATIONS.length)]} ${body} ${operand})`;
    }
    return `(func (export "f${n}") (param i32 i32) (result i32) ${body})`;
  }).join('\n');

const assemble = (text) => {
  const module = binaryen.parseText(text);
  assert.ok(module.validate(), 'the test module is valid');
  const bytes = module.emitBinary();
  module.dispose();
  return Buffer.from(bytes);
};

const WIDGET = assemble(`(module ${functions(0, 600)})`);
const CITE = assemble(`(module ${functions(450, 200)})`);
// As the build does: one list of pairs for both modules' opcodes.
const pairs = pairsFor([WIDGET, CITE]);
const widgetFile = framedModule(WIDGET, decoder, { carried: true, pairs });

test('the citation module inflates, with the widget file, to its split form', () => {
  const stored = storeModule(CITE, decoder, { carried: false, against: widgetFile, pairs });
  assert.deepEqual(inflateStored(stored, widgetFile), framedModule(CITE, decoder, { carried: false, pairs }));
  // The widget's own file needs nothing else.
  assert.deepEqual(inflateStored(storeModule(WIDGET, decoder, { carried: true, pairs })), widgetFile);
});

test('deflate blocks end after the decoder and around each stream of 1000 bytes or more, in order', () => {
  const split = 4 + widgetFile.readUInt32LE(0);
  const ends = blockEnds(widgetFile);
  const large = ['before', ...STREAMS]
    .map((name) => streamRange(widgetFile.subarray(split), name))
    .filter(([start, end]) => end - start >= 1000);
  assert.ok(large.length >= 2, 'the test module has large streams');
  assert.equal(ends[0], split);
  for (const [start, end] of large) {
    assert.ok(ends.includes(split + start) || split + start === ends[0], `a block ends before the stream at ${start}`);
    if (split + end < widgetFile.length) assert.ok(ends.includes(split + end), `a block ends after the stream at ${start}`);
  }
  ends.forEach((end, k) => assert.ok(end > (ends[k - 1] ?? 0) && end < widgetFile.length, `${end} in order, inside the file`));
  // The citation module's file carries no decoder: its first end is a stream's.
  assert.notEqual(blockEnds(framedModule(CITE, decoder, { carried: false, pairs }))[0], 4);
});

test('the dictionary is the end of the widget opcodes and their pairs, deflate\'s window at most, and shared code shrinks', () => {
  const [start, end] = dictionaryIn(widgetFile);
  const split = 4 + widgetFile.readUInt32LE(0);
  const [pairsStart, pairsEnd] = streamRange(widgetFile.subarray(split), 'pairs');
  const [opsStart, opsEnd] = streamRange(widgetFile.subarray(split), 'ops');
  assert.equal(pairsEnd, opsStart, 'the pairs come just before the opcodes');
  assert.equal(end, split + opsEnd);
  assert.equal(end - start, Math.min(32 * 1024, opsEnd - pairsStart));
  const against = storeModule(CITE, decoder, { carried: false, against: widgetFile, pairs });
  const alone = storeModule(CITE, decoder, { carried: false, pairs });
  assert.ok(against.length < alone.length * 0.9, `${against.length} B against the widget, ${alone.length} B alone`);
});

test('against a widget file one bit different, the citation module fails its checksum', () => {
  const stored = storeModule(CITE, decoder, { carried: false, against: widgetFile, pairs });
  const [start, end] = dictionaryIn(widgetFile);
  for (const at of [start, (start + end) >> 1, end - 1]) {
    const other = Buffer.from(widgetFile);
    other[at] ^= 1;
    assert.throws(() => inflateStored(stored, other), /incorrect data check|invalid/, `a bit flipped at ${at}`);
  }
});
