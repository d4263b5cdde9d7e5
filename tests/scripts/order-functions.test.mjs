// scripts/order-functions.mjs: a module with its functions reordered runs
// as it did (calls, references, exports, the start function and table
// slots all renumbered); the most-called functions come first, and
// look-alike ones end up next to each other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { functionOrder, orderFunctions, permuteFunctions } from '../../scripts/order-functions.mjs';
import { codeBodies } from '../../scripts/wasm-binary.mjs';

const assemble = (text) => {
  const module = binaryen.parseText(text);
  module.setFeatures(binaryen.Features.BulkMemory | binaryen.Features.SignExt | binaryen.Features.ReferenceTypes);
  assert.ok(module.validate(), 'the test module is valid');
  const bytes = module.emitBinary();
  module.dispose();
  return Buffer.from(bytes);
};

// An import (numbered before every defined function), calls direct and
// through the table, a function reference, a start function, exports.
const PROGRAM = `(module
  (import "env" "log" (func $log (param i32)))
  (type $unary (func (param i32) (result i32)))
  (global $started (mut i32) (i32.const 0))
  (table $t 3 funcref)
  (elem (i32.const 1) $double $inc)
  (func $inc (type $unary) (i32.add (local.get 0) (i32.const 1)))
  (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
  (func $start (global.set $started (i32.const 7)))
  (func $run (param i32) (result i32)
    (call $log (local.get 0))
    (i32.add
      (call $inc (call $double (local.get 0)))
      (call_indirect (type $unary) (local.get 0) (i32.const 1))))
  (func $by_slot (param i32 i32) (result i32)
    (call_indirect (type $unary) (local.get 1) (local.get 0)))
  (func $is_inc (result i32)
    (ref.is_null (ref.func $inc)))
  (func $started (result i32) (global.get $started))
  (start $start)
  (export "run" (func $run))
  (export "by_slot" (func $by_slot))
  (export "is_inc" (func $is_inc))
  (export "started" (func $started))
  (export "table" (table $t)))`;

function behaviour(bytes) {
  const logged = [];
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { log: (n) => logged.push(n) } });
  return {
    run: [0, 3, 20].map((n) => exports.run(n)),
    slots: [exports.by_slot(1, 5), exports.by_slot(2, 5)],
    isInc: exports.is_inc(),
    started: exports.started(),
    logged,
  };
}

test('every order of the functions runs as the original did', () => {
  const module = assemble(PROGRAM);
  const expected = behaviour(module);
  assert.deepEqual(expected.run, [1, 13, 81]);
  assert.deepEqual(expected.slots, [10, 6]);
  assert.equal(expected.started, 7);
  const count = codeBodies(module).length;
  const orders = [[...Array(count).keys()].reverse(), [3, 6, 0, 5, 1, 4, 2], functionOrder(module)];
  for (const order of orders) {
    const permuted = permuteFunctions(module, order);
    assert.ok(WebAssembly.validate(permuted), `valid in order ${order}`);
    assert.deepEqual(behaviour(permuted), expected, `order ${order}`);
    // Each body is where the order says, its calls renumbered.
    assert.deepEqual(codeBodies(permuted).map((body) => body.length).sort(), codeBodies(module).map((body) => body.length).sort());
  }
  assert.notDeepEqual(permuteFunctions(module, orders[0]), module);
});

test('an order that leaves out or repeats a function is refused', () => {
  const module = assemble(PROGRAM);
  assert.throws(() => permuteFunctions(module, [0, 1, 2]), /not an order of every function/);
  assert.throws(() => permuteFunctions(module, [0, 0, 1, 2, 3, 4, 5]), /not an order of every function/);
});

// Functions that differ only in their constants look alike; 25 callers of
// $hot make it the most called.
const lookalike = (name, base) => `(func $${name} (param i32) (result i32)
  (i32.xor (i32.mul (i32.add (local.get 0) (i32.const ${base})) (i32.const ${base + 1000})) (i32.const ${base + 2000})))`;
const unlike = (name) => `(func $${name} (param f64) (result f64)
  (f64.sqrt (f64.div (f64.neg (local.get 0)) (f64.const 3.5))))`;
const callers = Array.from({ length: 25 }, (_, i) => `(func $caller${i} (result i32) (call $hot (i32.const ${i})))`);
const MIXED = `(module
  (func $hot (param i32) (result i32) (local.get 0))
  ${lookalike('a', 100000)}
  ${unlike('x')}
  ${unlike('y')}
  ${lookalike('b', 200000)}
  ${unlike('z')}
  ${lookalike('c', 300000)}
  ${callers.join('\n')}
  (export "a" (func $a)) (export "b" (func $b)) (export "c" (func $c)))`;

test('the most-called function comes first, and look-alikes come together', () => {
  const module = assemble(MIXED);
  // The widget's order puts its 20 most-called first; this small module's, one.
  const order = functionOrder(module, 1);
  assert.equal(order[0], 0, 'the called one first');
  const at = (index) => order.indexOf(index);
  const lookalikes = [1, 4, 6].map(at).sort((a, b) => a - b);
  assert.equal(lookalikes[2] - lookalikes[0], 2, `a, b and c side by side in ${order}`);
  const unlikes = [2, 3, 5].map(at).sort((a, b) => a - b);
  assert.equal(unlikes[2] - unlikes[0], 2, `x, y and z side by side in ${order}`);
  const ordered = orderFunctions(module);
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(ordered));
  const original = new WebAssembly.Instance(new WebAssembly.Module(module)).exports;
  for (const name of ['a', 'b', 'c']) assert.equal(exports[name](5), original[name](5));
});
