// scripts/short-names.mjs: the glue rewrite that follows wasm-opt's renaming
// of imports and exports. Every end-to-end test runs the real rewrite; these
// check that it refuses a glue it cannot fully map.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortenNames } from '../../scripts/short-names.mjs';

// The shape of wasm-bindgen's --target no-modules output, cut down.
const glue = `
    function __wbg_get_imports() {
        const import0 = {
            __proto__: null,
            __wbg_append_0123456789abcdef: function(arg0, arg1) {
                arg0.append(getStringFromWasm0(arg1));
            },
            __wbindgen_init_externref_table: function() {
                const table = wasm.__wbindgen_externrefs;
            },
        };
        return {
            __proto__: null,
            "./sharecite_bg.js": import0,
        };
    }
    function mount(x) { wasm.mount(x); wasm.__wbindgen_free(x); }
`;
const names = {
  imports: [
    ['./sharecite_bg.js', '__wbg_append_0123456789abcdef', 'a'],
    ['./sharecite_bg.js', '__wbindgen_init_externref_table', 'b'],
  ],
  exports: [['__wbindgen_externrefs', 'c'], ['mount', 'd'], ['__wbindgen_free', 'e'], ['memory', 'f']],
};

test('imports, the import module and the exports the glue uses are renamed by the map', () => {
  const out = shortenNames(glue, names, 'a');
  assert.match(out, /^ {12}a: function\(arg0, arg1\) \{$/m);
  assert.match(out, /^ {12}b: function\(\) \{$/m);
  assert.match(out, /"a": import0/);
  assert.match(out, /wasm\.d\(x\); wasm\.e\(x\);/);
  assert.match(out, /const table = wasm\.c;/);
  for (const old of ['__wbg_append', '__wbindgen_init_externref_table', 'sharecite_bg.js', 'wasm.mount', '__wbindgen_free']) {
    assert.ok(!out.includes(old), `${old} is gone`);
  }
});

test('an import function of the glue that the module no longer imports goes', () => {
  const withThrow = glue.replace(
    '            __wbindgen_init_externref_table',
    `            __wbg___wbindgen_throw_0123456789abcdef: function(arg0, arg1) {
                throw new Error(getStringFromWasm0(arg0, arg1));
            },
            __wbindgen_init_externref_table`,
  );
  assert.notEqual(withThrow, glue);
  assert.equal(shortenNames(withThrow, names, 'a'), shortenNames(glue, names, 'a'));
});

test('a glue it cannot fully map fails the build', () => {
  const unmappedImport = { ...names, imports: [...names.imports, ['./sharecite_bg.js', '__wbg_gone_fedcba9876543210', 'z']] };
  assert.throws(() => shortenNames(glue, unmappedImport, 'a'), /imports not found in the glue: __wbg_gone/);
  const unmappedExport = { ...names, exports: names.exports.filter(([from]) => from !== 'mount') };
  assert.throws(() => shortenNames(glue, unmappedExport, 'a'), /wasm\.mount/);
  assert.throws(() => shortenNames(glue.replace('"./sharecite_bg.js": import0', 'x: import0'), names, 'a'), /import module/);
  assert.throws(() => shortenNames(`${glue} wasm["mount"]();`, names, 'a'), /computed name/);
  const twoModules = { ...names, imports: [...names.imports, ['env', 'x', 'y']] };
  assert.throws(() => shortenNames(glue, twoModules, 'a'), /one import module/);
});
