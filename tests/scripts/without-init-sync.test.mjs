// scripts/without-init-sync.mjs: initSync leaves the glue, and a glue of
// another shape fails the build. The end-to-end tests run the real glue.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutInitSync } from '../../scripts/without-init-sync.mjs';

// The end of wasm-bindgen's --target no-modules output, cut down.
const glue = `let wasm_bindgen = (function(exports) {
    function initSync(module) {
        if (wasm !== undefined) return wasm;
        if (module !== undefined) {
            console.warn('using deprecated parameters for \`initSync()\`; pass a single object instead')
        }
        return __wbg_finalize_init(instance, module);
    }

    async function __wbg_init(module_or_path) {
        return __wbg_init_promise;
    }

    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
`;

test('initSync is neither defined nor exported, and the rest is kept', () => {
  const out = withoutInitSync(glue);
  assert.doesNotMatch(out, /initSync/);
  assert.match(out, /async function __wbg_init\(module_or_path\) \{\n        return __wbg_init_promise;\n    \}/);
  assert.match(out, /return Object\.assign\(__wbg_init, exports\);/);
  assert.doesNotThrow(() => new Function(out));
});

test('a glue that no longer defines or exports initSync as expected fails the build', () => {
  assert.throws(() => withoutInitSync(glue.replace('{ initSync }, ', '')), /update scripts\/without-init-sync\.mjs/);
  assert.throws(() => withoutInitSync(glue.replace('function initSync(module)', 'function initSync(m)')), /initSync/);
});
