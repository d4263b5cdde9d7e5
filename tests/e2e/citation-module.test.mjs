// The modules split off the widget's as dist/ ships them, without a
// browser: the citation module and the republishing module (copy attribution,
// quote sharing and crossposting), each split off by scripts/split-module.mjs, must link
// against the widget's exports alone, as js/loader.js instantiates them,
// and the data each brings must overwrite neither the widget's nor the
// other's. citations.test.mjs runs both in Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStoredModule } from '../../scripts/stored-module.mjs';
import { dataSegments, sections } from '../../scripts/wasm-binary.mjs';

const dist = (file) => readStoredModule(new URL(`../../dist/${file}`, import.meta.url));
const widget = dist('sharecite_bg.wasm');
// Each split module's file, and the one function it exports.
const SPLIT = { 'sharecite_cite_bg.wasm': 'cite', 'sharecite_republish_bg.wasm': 'republish' };

// Where each active data segment writes: [start, end).
const writes = (module) => {
  const data = sections(module).find(({ id }) => id === 11);
  return data ? dataSegments(data.body).segments.map(({ address, contentStart, end }) => [address, address + end - contentStart]) : [];
};

for (const [file, root] of Object.entries(SPLIT)) {
  test(`${file} links against the widget's exports, and only them`, async () => {
    const widgetModule = new WebAssembly.Module(widget);
    // The widget's imports are the glue's; none is called while linking.
    const [glueModule, ...others] = new Set(WebAssembly.Module.imports(widgetModule).map((i) => i.module));
    assert.deepEqual(others, [], 'the widget imports from one module, the glue');
    const stub = new Proxy({}, { get: () => () => 0 });
    const widgetInstance = new WebAssembly.Instance(widgetModule, { [glueModule]: stub });
    const module = new WebAssembly.Module(dist(file));
    assert.deepEqual(new Set(WebAssembly.Module.imports(module).map((i) => i.module)), new Set(['p']));
    assert.deepEqual(WebAssembly.Module.exports(module), [{ name: root, kind: 'function' }]);
    const memory = WebAssembly.Module.imports(module).find((i) => i.kind === 'memory');
    assert.ok(memory, 'it shares the memory');
    assert.equal(widgetInstance.exports[memory.name], Object.values(widgetInstance.exports).find((e) => e instanceof WebAssembly.Memory));
    // Linking fails on a missing name or a wrong type.
    new WebAssembly.Instance(module, { p: widgetInstance.exports });
  });
}

test("each split module's data lies where neither the widget's nor the other's does", () => {
  const own = writes(widget);
  const brought = Object.keys(SPLIT).map((file) => [file, writes(dist(file))]);
  for (const [file, writing] of brought) {
    assert.ok(writing.length > 0, `${file} brings strings of its own`);
    const others = [...own, ...brought.filter(([other]) => other !== file).flatMap(([, w]) => w)];
    for (const [start, end] of writing) {
      const overlapping = others.find(([from, to]) => start < to && from < end);
      assert.equal(overlapping, undefined, `${file} writes [${start}, ${end}), over [${overlapping}]`);
    }
  }
});
