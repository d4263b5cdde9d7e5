// scripts/size-breakdown.mjs: where the shipped bytes go. A stored file's
// parts are its decoder and every stream of its split form, nothing left
// out; a function costs what its module's code deflates without it, so a
// body unlike any other costs more than a copy of one, and the functions
// only the split exports reach are costed as the citation module's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import binaryen from 'binaryen';
import { SPLIT_HEADER, pairsFor } from '../../scripts/split-code.mjs';
import { storeModule, storedParts } from '../../scripts/stored-module.mjs';
import { breakdownMarkdown, functionCosts, shortName, streamCosts } from '../../scripts/size-breakdown.mjs';

const decoder = readFileSync(new URL('../../build/sharecite_unsplit.wasm', import.meta.url));

// `named`: with its function names, as the bench's twin of the widget has
// them; without, as dist/ ships modules.
const assemble = (text, { named = true } = {}) => {
  const module = binaryen.parseText(text);
  assert.ok(module.validate(), 'the test module is valid');
  binaryen.setDebugInfo(named);
  const bytes = module.emitBinary();
  binaryen.setDebugInfo(false);
  module.dispose();
  return Buffer.from(bytes);
};

// A chain of `steps` arithmetic operations on constants picked from `seed`,
// unlike any other seed's.
const chain = (seed, steps) => {
  let body = '(local.get 0)';
  let hash = seed;
  for (let step = 0; step < steps; step++) {
    hash = (Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) + step + 1) >>> 0;
    body = `(i32.${['add', 'xor', 'mul', 'sub'][hash % 4]} ${body} (i32.const ${hash % 1000003}))`;
  }
  return body;
};

// `$unique` and `$original` have bodies of the same length, `$copy` is
// `$original` again; `cite` reaches `$styles`, which nothing else does, and
// `select` `$quote`.
const MODULE = `(module
  (import "env" "log" (func $log (param i32)))
  (func $unique (export "unique") (param i32) (result i32) ${chain(1, 40)})
  (func $original (export "original") (param i32) (result i32) ${chain(2, 40)})
  (func $copy (export "copy") (param i32) (result i32) ${chain(2, 40)})
  (func $styles (param i32) (result i32) ${chain(3, 40)})
  (func $cite (export "cite") (param i32) (call $log (call $styles (local.get 0))))
  (func $quote (param i32) (result i32) ${chain(4, 20)})
  (func $select (export "select") (param i32) (call $log (call $quote (local.get 0))))
)`;

test('a function unlike the others costs more deflated than a copy of one', () => {
  const costs = functionCosts(assemble(MODULE));
  const byName = Object.fromEntries(costs.map((c) => [c.name, c]));
  assert.deepEqual(Object.keys(byName).sort(), ['cite', 'copy', 'original', 'quote', 'select', 'styles', 'unique'], 'named from the name section, imports left out');
  assert.equal(byName.unique.raw, byName.copy.raw, 'bodies of one length');
  assert.ok(byName.unique.cost > 2 * byName.copy.cost, `unique ${byName.unique.cost}, copy ${byName.copy.cost}`);
  assert.ok(costs.every((c) => c.module === 'widget'), 'no split asked for');
  assert.deepEqual(costs.map((c) => c.cost), costs.map((c) => c.cost).sort((a, b) => b - a), 'most costly first');
});

test('what only a split module\'s exports reach is costed as that module', () => {
  const costs = functionCosts(assemble(MODULE), { citation: ['cite'], selection: ['select'] });
  const modules = Object.fromEntries(costs.map((c) => [c.name, c.module]));
  assert.deepEqual(modules, { unique: 'widget', original: 'widget', copy: 'widget', styles: 'citation', cite: 'citation', quote: 'selection', select: 'selection' });
  // Against the citation module's code alone, its largest function is most of it.
  const styles = costs.find((c) => c.name === 'styles');
  assert.ok(styles.cost > 0.6 * costs.find((c) => c.name === 'unique').cost, `styles ${styles.cost}`);
});

test('a stored file is broken down into its decoder and every stream of its split form', () => {
  const module = assemble(MODULE, { named: false });
  const dir = mkdtempSync(join(tmpdir(), 'size-breakdown-'));
  try {
    const file = join(dir, 'sharecite_bg.wasm');
    writeFileSync(file, storeModule(module, decoder, { carried: true, pairs: pairsFor([module]) }));
    const url = pathToFileURL(file);
    const parts = streamCosts(url);
    const { split } = storedParts(url);
    const decoderPart = parts.find((p) => p.part === 'decoder');
    assert.equal(decoderPart.raw, decoder.length);
    const streams = parts.filter((p) => p.part !== 'decoder');
    assert.equal(SPLIT_HEADER + streams.reduce((sum, p) => sum + p.raw, 0), split.length, 'every byte of the split form is in a part');
    assert.ok(streams.some((p) => p.part === 'ops') && streams.every((p) => p.raw > 0 && p.deflated > 0));
    assert.deepEqual(parts.map((p) => p.deflated), parts.map((p) => p.deflated).sort((a, b) => b - a), 'largest first');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('names lose rustc\'s crate hashes and are cut to a width', () => {
  assert.equal(shortName('<sharecite_core[89c5f28ad1bc17b0]::config::Config>::parse'), '<sharecite_core::config::Config>::parse');
  assert.equal(shortName('abcdefghij', 5), 'abcd…');
});

test('the tables keep a name\'s pipes and backticks from breaking their cells, and show the first `top` functions', () => {
  const parts = [{ part: 'ops', raw: 10, deflated: 7 }];
  const functions = [
    { name: '<a as core::ops::BitOr>::bitor`|`', module: 'widget', raw: 20, cost: 9 },
    { name: 'second', module: 'citation', raw: 5, cost: 2 },
  ];
  const markdown = breakdownMarkdown(parts, functions, 1);
  assert.ok(markdown.includes('| ops | 10 | 7 |'), markdown);
  assert.ok(markdown.includes("| `<a as core::ops::BitOr>::bitor'\\|'` | widget | 20 | 9 |"), markdown);
  assert.ok(!markdown.includes('second'), 'only the first');
});
