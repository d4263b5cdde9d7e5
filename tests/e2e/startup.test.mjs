// What starting sharecite costs the page's main thread, as Chromium's own
// trace records it. Times vary from run to run and live in `make bench`;
// what is asserted here is where work happens, which does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './helpers.mjs';

const browser = useBrowser();

const READY = 'sharecite-test:ready';

test('the loader compiles on a background thread, not on the page\'s main thread', async () => {
  // No Playwright evaluation until the widget is ready: its own scripts
  // would be compiled on the main thread too.
  const { page, close } = await browser.open(null, {
    init: `document.addEventListener('sharecite:ready', () => console.debug(${JSON.stringify(READY)}));`,
  });
  const ready = new Promise((resolve) => page.on('console', (message) => message.text() === READY && resolve()));
  const chromium = page.context().browser();
  await chromium.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-v8.compile'] });
  await page.goto(browser.url('/'), { waitUntil: 'commit' });
  await ready;
  const events = JSON.parse(await chromium.stopTracing()).traceEvents;
  await close();

  const evaluation = events.find((e) => e.name === 'EvaluateScript' && /\/sharecite\.js\b/.test(e.args?.data?.url || ''));
  assert.ok(evaluation, 'the trace shows sharecite.js being evaluated');
  const onMainThread = (e) => e.pid === evaluation.pid && e.tid === evaluation.tid;
  const compiled = events.filter((e) => e.name === 'V8.CompileIgnition' && e.ph === 'X' && e.pid === evaluation.pid);
  // Each function compiled on its first call is a V8.CompileCode on the
  // main thread; without the hint on dist/sharecite.js's first line there
  // are about a hundred of them after the script starts.
  const lazyOnMain = events.filter((e) => e.name === 'V8.CompileCode' && onMainThread(e) && e.ts >= evaluation.ts);
  const inBackground = compiled.filter((e) => !onMainThread(e));
  assert.ok(inBackground.length >= 50, `functions compiled off the main thread: ${inBackground.length}`);
  assert.ok(lazyOnMain.length <= 10, `functions compiled lazily on the main thread: ${lazyOnMain.length}`);
});

test('the widget starts from dist/\'s precompressed copies and its stored deflated wasm, as a host serving them sends them', async () => {
  const encodings = {};
  const { page, log, close } = await browser.open('/', {
    before: (page) =>
      page.on('response', async (response) => {
        const name = new URL(response.url()).pathname.split('/').pop();
        if (/^sharecite(_bg\.wasm|\.js)$/.test(name)) encodings[name] = (await response.allHeaders())['content-encoding'];
      }),
  });
  const controls = await page.evaluate(() => document.querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('[data-network]').length);
  await close();
  // Chromium accepts brotli, so the script comes as its .br copy; the wasm,
  // stored deflated, has no copies and comes as it is.
  assert.deepEqual(encodings, { 'sharecite.js': 'br', 'sharecite_bg.wasm': undefined });
  assert.ok(controls > 0, 'the placement has its controls');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
});

test('the decoder is compiled and run in the task that has the stored bytes; only the widget compiles as a stream', async () => {
  // Each asynchronous compile or instantiate would wait for the page's own
  // rendering (js/loader.js, shareciteInstantiate).
  const { page, log, close } = await browser.open('/', {
    init: () => {
      window.__wasmCalls = [];
      for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
        const original = WebAssembly[name];
        WebAssembly[name] = function (...args) {
          window.__wasmCalls.push(name);
          return original.apply(this, args);
        };
      }
      const Module = WebAssembly.Module;
      WebAssembly.Module = function (bytes) {
        window.__wasmCalls.push(`new Module(${bytes.length} B)`);
        return new Module(bytes);
      };
    },
  });
  const calls = await page.evaluate(() => window.__wasmCalls);
  await close();
  assert.equal(calls.length, 2, calls.join(', '));
  assert.match(calls[0], /^new Module\(\d+ B\)$/);
  assert.ok(Number(/\d+/.exec(calls[0])[0]) <= 4096, `${calls[0]}: over the 4 KB browsers compile synchronously`);
  assert.equal(calls[1], 'instantiateStreaming');
  assert.deepEqual(log.errors, []);
});
