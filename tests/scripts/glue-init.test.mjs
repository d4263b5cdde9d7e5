// scripts/glue-init.mjs: the glue's own loading functions leave it for the
// loader's, and a glue of another shape fails the build. The end-to-end
// tests run the real glue.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLoaderInit } from '../../scripts/glue-init.mjs';

// The end of wasm-bindgen's --target no-modules output, cut down.
const glue = `let wasm_bindgen = (function(exports) {
    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }
    function __wbg_get_imports() {
        return { imports: true };
    }

    let wasmModule, wasmInstance, wasm;
    function __wbg_finalize_init(instance, module) {
        wasmInstance = instance;
        wasm = instance.exports;
        wasmModule = module;
        return wasm;
    }

    async function __wbg_load(module, imports) {
        if (typeof Response === 'function' && module instanceof Response) {
            return await WebAssembly.instantiateStreaming(module, imports);
        }
    }

    function initSync(module) {
        if (wasm !== undefined) return wasm;
        if (module !== undefined) {
            console.warn('using deprecated parameters for \`initSync()\`; pass a single object instead')
        }
        return __wbg_finalize_init(instance, module);
    }

    let __wbg_init_promise;
    async function __wbg_init(module_or_path) {
        if (wasm !== undefined) return wasm;
        return __wbg_init_promise;
    }

    async function __wbg_init_once(module_or_path) {
        const { instance, module } = await __wbg_load(await module_or_path, imports);
        return __wbg_finalize_init(instance, module);
    }

    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
`;

test("the glue's loading functions give way to the loader's, and the rest is kept", async () => {
  const out = withLoaderInit(glue);
  for (const gone of ['initSync', '__wbg_load', '__wbg_init_once', '__wbg_init_promise', 'module_or_path', 'script_src', 'currentScript', 'wasmModule', 'wasmInstance']) {
    assert.doesNotMatch(out, new RegExp(gone));
  }
  assert.match(out, /function __wbg_get_imports\(\) \{/);
  assert.match(out, /return Object\.assign\(__wbg_init, exports\);/);
  // Run it: `wasm_bindgen(url)` instantiates through the loader's function.
  const calls = [];
  const shareciteInstantiate = async (url, imports) => {
    calls.push([url, imports]);
    return { instance: { exports: { ready: true } }, module: {} };
  };
  const wasmBindgen = new Function('shareciteInstantiate', `${out}\nreturn wasm_bindgen;`)(shareciteInstantiate);
  assert.deepEqual(await wasmBindgen('https://example.org/sharecite_bg.wasm'), { ready: true });
  assert.deepEqual(calls, [['https://example.org/sharecite_bg.wasm', { imports: true }]]);
});

test('a glue that no longer loads itself as expected fails the build', () => {
  const expected = /update scripts\/glue-init\.mjs/;
  assert.throws(() => withLoaderInit(glue.replace('{ initSync }, ', '')), expected);
  assert.throws(() => withLoaderInit(glue.replace('function initSync(module)', 'function initSync(m)')), expected);
  assert.throws(() => withLoaderInit(glue.replace('async function __wbg_load(', 'async function __wbg_fetch(')), expected);
  assert.throws(() => withLoaderInit(glue.replace('    let __wbg_init_promise;\n', '')), expected);
  assert.throws(() => withLoaderInit(glue.replace('let script_src;', 'let script_url;')), expected);
  assert.throws(() => withLoaderInit(glue.replace('return { imports: true };', 'return { imports: script_src };')), /script_src/);
  assert.throws(() => withLoaderInit(glue.replace('async function __wbg_init(module_or_path)', 'async function __wbg_init(input)')), expected);
  assert.throws(() => withLoaderInit(glue.replace('let wasmModule, wasmInstance, wasm;', 'let wasmInstance, wasm;')), expected);
  assert.throws(() => withLoaderInit(glue.replace('return { imports: true };', 'return { imports: wasmInstance };')), /instance or module/);
});
