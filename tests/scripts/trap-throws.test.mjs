// scripts/trap-throws.mjs: wasm-bindgen's throwing import becomes a trap of
// the module's own, which the loader's boundary catches; other imports stay.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { trapThrows } from '../../scripts/trap-throws.mjs';

const THROW = '__wbg___wbindgen_throw_0123456789abcdef';

/** A module that imports `log` and, with `throws`, wasm-bindgen's throw, and exports `run`, calling both. */
function module({ throws = true } = {}) {
  const m = new binaryen.Module();
  const pair = binaryen.createType([binaryen.i32, binaryen.i32]);
  m.addFunctionImport('log', './sharecite_bg.js', '__wbg_log_0123456789abcdef', binaryen.i32, binaryen.none);
  const calls = [m.call('log', [m.i32.const(1)], binaryen.none)];
  if (throws) {
    m.addFunctionImport('wasm_bindgen::__wbindgen_throw', './sharecite_bg.js', THROW, pair, binaryen.none);
    calls.push(m.call('wasm_bindgen::__wbindgen_throw', [m.i32.const(8), m.i32.const(4)], binaryen.none));
  }
  m.addFunction('run', binaryen.none, binaryen.none, [], m.block(null, calls));
  m.addFunctionExport('run', 'run');
  return m;
}

test('the throwing import becomes a function that traps; the others stay imports', () => {
  const m = module();
  assert.equal(trapThrows(m), 1);
  assert.ok(m.validate());
  const compiled = new WebAssembly.Module(m.emitBinary());
  assert.deepEqual(WebAssembly.Module.imports(compiled).map((i) => i.name), ['__wbg_log_0123456789abcdef']);
  const logged = [];
  const { exports } = new WebAssembly.Instance(compiled, { './sharecite_bg.js': { __wbg_log_0123456789abcdef: (n) => logged.push(n) } });
  assert.throws(() => exports.run(), WebAssembly.RuntimeError);
  assert.deepEqual(logged, [1], 'what came before the throw ran');
});

test('a module without it is left alone', () => {
  const m = module({ throws: false });
  const before = m.emitBinary();
  assert.equal(trapThrows(m), 0);
  assert.deepEqual(m.emitBinary(), before);
});
