// scripts/glue-fallbacks.mjs: the glue loses the stand-in no browser that
// compiles the widget needs, a glue of another shape fails the build, and
// the check that keeps the reasoning true tells the modules apart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { needsBulkMemory, withoutDeadFallback } from '../../scripts/glue-fallbacks.mjs';

// The parts of wasm-bindgen's glue concerned, as it writes them.
const glue = `let wasm_bindgen = (function(exports) {
    const CLOSURE_DTORS = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(state => wasm.__wbindgen_destroy_closure(state.a, state.b));

    const cachedTextEncoder = new TextEncoder();

    if (!('encodeInto' in cachedTextEncoder)) {
        cachedTextEncoder.encodeInto = function (arg, view) {
            const buf = cachedTextEncoder.encode(arg);
            view.set(buf);
            return {
                read: arg.length,
                written: buf.length
            };
        };
    }

    let WASM_VECTOR_LEN = 0;
    return { CLOSURE_DTORS, cachedTextEncoder, WASM_VECTOR_LEN };
})({ __proto__: null });
`;

test('the encodeInto stand-in leaves; the FinalizationRegistry one, which runs as the script does, stays', () => {
  const out = withoutDeadFallback(glue);
  assert.doesNotMatch(out, /'encodeInto' in|\.encode\(arg\)/);
  assert.match(out, /typeof FinalizationRegistry === 'undefined'/);
  const parts = new Function(`${out}\nreturn wasm_bindgen;`)();
  assert.ok(parts.CLOSURE_DTORS instanceof FinalizationRegistry);
  assert.equal(typeof parts.cachedTextEncoder.encodeInto, 'function');
  assert.equal(parts.WASM_VECTOR_LEN, 0);
});

test('a glue without it as expected fails the build', () => {
  const expected = /update scripts\/glue-fallbacks\.mjs/;
  assert.throws(() => withoutDeadFallback(glue.replace("if (!('encodeInto' in", "if (!('encodeInto' of")), expected);
  assert.throws(() => withoutDeadFallback(withoutDeadFallback(glue)), expected);
});

const module = (wat) => {
  const parsed = binaryen.parseText(wat);
  parsed.setFeatures(binaryen.Features.All);
  const bytes = parsed.emitBinary();
  parsed.dispose();
  return bytes;
};
const COPY = '(func $copy (memory.copy (i32.const 0) (i32.const 8) (i32.const 8)))';
const PAIR = '(func $pair (result i32 i32) (i32.const 1) (i32.const 2))';

test('only a module that needs bulk memory passes the check', () => {
  assert.equal(needsBulkMemory(module(`(module (memory 1) ${COPY} ${PAIR})`)), true);
  assert.equal(needsBulkMemory(module(`(module (memory 1) ${COPY})`)), true);
  assert.equal(needsBulkMemory(module(`(module (memory 1) ${PAIR})`)), false, 'multi-value alone came in Safari 13.1');
  assert.equal(needsBulkMemory(module('(module (memory 1))')), false);
});
