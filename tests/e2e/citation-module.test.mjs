// The citation module as dist/ ships it, without a browser: split off the
// widget's module (scripts/split-module.mjs), it must link against the
// widget's exports alone, as js/loader.js instantiates it, and the data it
// brings must not overwrite the widget's. citations.test.mjs cites with it
// in Chromium, in every style.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStoredModule } from '../../scripts/stored-module.mjs';
import { dataSegments, sections } from '../../scripts/wasm-binary.mjs';

const dist = (file) => readStoredModule(new URL(`../../dist/${file}`, import.meta.url));
const widget = dist('sharecite_bg.wasm');
const citations = dist('sharecite_cite_bg.wasm');

// Where each active data segment writes: [start, end).
const writes = (module) => {
  const data = sections(module).find(({ id }) => id === 11);
  return data ? dataSegments(data.body).segments.map(({ address, contentStart, end }) => [address, address + end - contentStart]) : [];
};

test("the citation module links against the widget's exports, and only them", async () => {
  const widgetModule = new WebAssembly.Module(widget);
  // The widget's imports are the glue's; none is called while linking.
  const [glueModule, ...others] = new Set(WebAssembly.Module.imports(widgetModule).map((i) => i.module));
  assert.deepEqual(others, [], 'the widget imports from one module, the glue');
  const stub = new Proxy({}, { get: () => () => 0 });
  const widgetInstance = new WebAssembly.Instance(widgetModule, { [glueModule]: stub });
  const citeModule = new WebAssembly.Module(citations);
  assert.deepEqual(new Set(WebAssembly.Module.imports(citeModule).map((i) => i.module)), new Set(['p']));
  assert.deepEqual(WebAssembly.Module.exports(citeModule), [{ name: 'cite', kind: 'function' }]);
  const memory = WebAssembly.Module.imports(citeModule).find((i) => i.kind === 'memory');
  assert.ok(memory, 'the citation module shares the memory');
  assert.equal(widgetInstance.exports[memory.name], Object.values(widgetInstance.exports).find((e) => e instanceof WebAssembly.Memory));
  // Linking fails on a missing name or a wrong type.
  new WebAssembly.Instance(citeModule, { p: widgetInstance.exports });
});

test("the citation module's data lies where the widget's does not", () => {
  const own = writes(widget);
  const brought = writes(citations);
  assert.ok(brought.length > 0, 'the citation styles bring their own strings');
  for (const [start, end] of brought) {
    const overlapping = own.find(([from, to]) => start < to && from < end);
    assert.equal(overlapping, undefined, `the citation module writes [${start}, ${end}), over the widget's [${overlapping}]`);
  }
});
