// scripts/prune-closure-table.mjs: wasm-bindgen's invoke shims leave the
// function table, every other entry keeps its index, and a table that
// JavaScript can reach is refused; js-sys's JSPI waker leaves it only when
// no live code could build one. The end-to-end tests run the real
// module.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { pruneClosureTable, pruneDeadWaker } from '../../scripts/prune-closure-table.mjs';

const SHIM = 'wasm_bindgen[0123456789abcdef]::convert::closures::_::invoke::<(), true>';
const EVENT_SHIM = 'wasm_bindgen[0123456789abcdef]::convert::closures::_::_::invoke::<web_sys::Event, (), true>';
const HANDLER = 'sharecite[0123456789abcdef]::widget::on_navigate';
const WAKER = 'js_sys[0123456789abcdef]::futures::jspi::task_waker::raw_wake';
const POLL = 'js_sys[0123456789abcdef]::futures::jspi::SpawnedTask::poll';

/**
 * A table of [HANDLER, SHIM, EVENT_SHIM] from index 1, and `call(i)` through
 * it; with `jspi`, js-sys's WAKER in EVENT_SHIM's place, and with `jspi:
 * 'live'` an export that uses JSPI (as a module with JSPI exports would).
 */
function module({ exportTable = false, jspi = null } = {}) {
  const m = new binaryen.Module();
  const pair = binaryen.createType([binaryen.i32, binaryen.i32]);
  m.addGlobal('calls', binaryen.i32, true, m.i32.const(0));
  // Each adds its own amount, so that no two are merged as duplicates.
  const add = (n) => m.global.set('calls', m.i32.add(m.global.get('calls', binaryen.i32), m.i32.const(n)));
  m.addFunction(HANDLER, pair, binaryen.none, [], add(1));
  m.addFunction(SHIM, pair, binaryen.none, [], add(10));
  const third = jspi ? WAKER : EVENT_SHIM;
  m.addFunction(third, pair, binaryen.none, [], add(100));
  m.addTable('table', 4, 4);
  m.addActiveElementSegment('table', 'entries', [HANDLER, SHIM, third], m.i32.const(1));
  const call = m.call_indirect('table', m.local.get(0, binaryen.i32), [m.i32.const(0), m.i32.const(0)], pair, binaryen.none);
  m.addFunction('call', binaryen.i32, binaryen.i32, [], m.block(null, [call, m.global.get('calls', binaryen.i32)], binaryen.i32));
  m.addFunctionExport('call', 'call');
  // wasm-bindgen exports the shims JavaScript calls.
  if (!jspi) m.addFunctionExport(EVENT_SHIM, 'event_shim');
  if (jspi === 'live') {
    m.addFunction(POLL, binaryen.none, binaryen.none, [], add(1000));
    m.addFunctionExport(POLL, 'poll');
  }
  if (exportTable) m.addTableExport('table', 'table');
  return m;
}

test('invoke shims leave the table; the rest keep their index; the unexported shim goes', async () => {
  const m = module();
  assert.equal(pruneClosureTable(m), 2);
  assert.ok(m.validate());
  const entries = binaryen.getElementSegmentInfo(m.getElementSegmentByIndex(0)).data;
  assert.equal(entries[0], HANDLER);
  assert.notEqual(entries[1], SHIM);
  assert.notEqual(entries[2], EVENT_SHIM);
  m.optimize();
  assert.equal(m.getFunction(SHIM), 0, 'nothing keeps it now');
  assert.notEqual(m.getFunction(EVENT_SHIM), 0, 'its export keeps it');
  const { instance } = await WebAssembly.instantiate(m.emitBinary());
  assert.equal(instance.exports.call(1), 1, 'the handler is where it was');
  assert.throws(() => instance.exports.call(2), WebAssembly.RuntimeError, 'a pruned entry traps');
  assert.throws(() => instance.exports.call(3), WebAssembly.RuntimeError);
  m.dispose();
});

test('a table JavaScript can reach is refused', () => {
  const m = module({ exportTable: true });
  assert.throws(() => pruneClosureTable(m), /table is exported/);
  m.dispose();
});

test('the JSPI waker leaves the table when no JSPI code is live', async () => {
  const m = module({ jspi: 'dead' });
  assert.equal(pruneClosureTable(m), 1);
  assert.equal(pruneDeadWaker(m), 1);
  assert.ok(m.validate());
  const entries = binaryen.getElementSegmentInfo(m.getElementSegmentByIndex(0)).data;
  assert.deepEqual([entries[0], entries[1] === SHIM, entries[2] === WAKER], [HANDLER, false, false]);
  const { instance } = await WebAssembly.instantiate(m.emitBinary());
  assert.equal(instance.exports.call(1), 1);
  assert.throws(() => instance.exports.call(3), WebAssembly.RuntimeError);
  m.dispose();
});

test('the JSPI waker stays while live code could build one', () => {
  const m = module({ jspi: 'live' });
  pruneClosureTable(m);
  assert.equal(pruneDeadWaker(m), 0);
  assert.equal(binaryen.getElementSegmentInfo(m.getElementSegmentByIndex(0)).data[2], WAKER);
  m.dispose();
});

test('every element segment is pruned, however many there are', () => {
  const m = new binaryen.Module();
  const shims = [SHIM, SHIM.replace('<(), true>', '<u32, true>'), SHIM.replace('<(), true>', '<bool, true>')];
  shims.forEach((name, k) => m.addFunction(name, binaryen.none, binaryen.none, [], m.drop(m.i32.const(k))));
  m.addTable('table', 3, 3);
  shims.forEach((name, k) => m.addActiveElementSegment('table', `segment${k}`, [name], m.i32.const(k)));
  assert.equal(pruneClosureTable(m), 3);
  const entries = Array.from({ length: m.getNumElementSegments() }, (_, s) => binaryen.getElementSegmentInfo(m.getElementSegmentByIndex(s)).data).flat();
  assert.deepEqual(entries.filter((name) => shims.includes(name)), []);
  m.dispose();
});
