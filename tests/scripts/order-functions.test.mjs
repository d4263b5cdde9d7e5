// scripts/order-functions.mjs: a module with its functions reordered for
// gzip behaves as before (direct calls, calls through the table, exports,
// the start function), is never larger, and comes out the same every time.
// The end-to-end tests run the real modules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import binaryen from 'binaryen';
import { orderFunctions, orderFunctionsBest } from '../../scripts/order-functions.mjs';
import { codeBodies } from '../../scripts/wasm-binary.mjs';

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Two families of look-alike functions, interleaved and padded apart by
 * incompressible noise functions, so that grouping each family helps
 * deflate; `run(i)` calls family member `i` directly, `through(i)` calls
 * it through the table, and the start function counts into `started`.
 */
function module() {
  const m = new binaryen.Module();
  m.addGlobal('started', binaryen.i32, true, m.i32.const(0));
  let noise = 0x2545f491;
  const random = () => {
    noise ^= noise << 13;
    noise ^= noise >>> 17;
    noise ^= noise << 5;
    return noise | 0;
  };
  const members = [];
  for (let i = 0; i < 24; i += 1) {
    const name = `member${i}`;
    const family = i % 2;
    // A long body peculiar to its family; the constant tells members apart.
    let body = m.i32.const(i);
    for (let k = 0; k < 40; k += 1) {
      body = family
        ? m.i32.xor(m.i32.mul(body, m.i32.const(0x01000193)), m.i32.const(0x7fed7fed + k))
        : m.i32.add(m.i32.rotl(body, m.i32.const(5)), m.i32.const(-0x61c88647 - k));
    }
    m.addFunction(name, binaryen.none, binaryen.i32, [], body);
    members.push(name);
    // Noise between every two members: 2 KB of constants nothing repeats.
    const constants = Array.from({ length: 300 }, () => m.drop(m.i32.const(random())));
    m.addFunction(`noise${i}`, binaryen.none, binaryen.none, [], m.block(null, constants));
    m.addFunctionExport(`noise${i}`, `noise${i}`);
  }
  m.addTable('table', members.length, members.length);
  m.addActiveElementSegment('table', 'members', members, m.i32.const(0));
  const index = m.local.get(0, binaryen.i32);
  let dispatch = m.unreachable();
  for (let i = members.length - 1; i >= 0; i -= 1) {
    dispatch = m.if(m.i32.eq(index, m.i32.const(i)), m.call(members[i], [], binaryen.i32), dispatch);
  }
  m.addFunction('run', binaryen.i32, binaryen.i32, [], dispatch);
  m.addFunction('through', binaryen.i32, binaryen.i32, [], m.call_indirect('table', index, [], binaryen.none, binaryen.i32));
  m.addFunction('start', binaryen.none, binaryen.none, [], m.global.set('started', m.i32.add(m.global.get('started', binaryen.i32), m.i32.const(1))));
  m.setStart(m.getFunction('start'));
  m.addFunction('started', binaryen.none, binaryen.i32, [], m.global.get('started', binaryen.i32));
  for (const name of ['run', 'through', 'started']) m.addFunctionExport(name, name);
  assert.ok(m.validate());
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

async function results(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes);
  const { run, through, started } = instance.exports;
  return {
    exports: Object.keys(instance.exports).sort(),
    started: started(),
    direct: Array.from({ length: 24 }, (_, i) => run(i)),
    table: Array.from({ length: 24 }, (_, i) => through(i)),
  };
}

test('reordered functions behave as before, and gzip smaller', async () => {
  const original = module();
  const ordered = orderFunctions(original, { iterations: 300 });
  assert.notDeepEqual(codeBodies(ordered), codeBodies(original), 'the functions moved');
  assert.equal(codeBodies(ordered).length, codeBodies(original).length);
  assert.ok(gzip(ordered) < gzip(original), `gzip ${gzip(original)} -> ${gzip(ordered)}`);
  assert.deepEqual(await results(ordered), await results(original));
});

test('the same module is ordered the same way every time', () => {
  const original = module();
  const once = orderFunctions(original, { iterations: 200 });
  const again = orderFunctions(original, { iterations: 200 });
  assert.deepEqual(once, again);
});

test('the build keeps the smallest of three seeds\' orders, whichever worker ends first', async () => {
  const original = module();
  const bySeed = [1, 2, 3].map((seed) => orderFunctions(original, { iterations: 200, seed }));
  const smallest = Math.min(...bySeed.map(gzip));
  const best = await orderFunctionsBest(original, 3, { iterations: 200 });
  assert.deepEqual(new Uint8Array(best), new Uint8Array(bySeed.find((bytes) => gzip(bytes) === smallest)));
  assert.deepEqual(await results(best), await results(original));
});

test('a module with nothing to reorder comes back as it was', () => {
  for (const count of [0, 1]) {
    const m = new binaryen.Module();
    m.addGlobal('g', binaryen.i32, false, m.i32.const(7));
    m.addGlobalExport('g', 'g');
    for (let i = 0; i < count; i += 1) {
      m.addFunction(`f${i}`, binaryen.none, binaryen.i32, [], m.i32.const(i));
      m.addFunctionExport(`f${i}`, `f${i}`);
    }
    const bytes = m.emitBinary();
    m.dispose();
    assert.deepEqual(orderFunctions(bytes), bytes, `${count} functions`);
  }
});
