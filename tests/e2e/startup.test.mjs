// What starting sharecite costs the page's main thread, as Chromium's own
// trace records it. Times vary from run to run and live in `make bench`;
// what is asserted here is where work happens, which does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, RECORD_START } from './helpers.mjs';

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

/** Records every compile and instantiate of wasm the page makes, in `window.__wasmCalls`. */
const RECORD_WASM_CALLS = () => {
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
  WebAssembly.Module.prototype = Module.prototype;
};

// Chrome before 115: no synchronous compile over 4 KB on the main thread.
const REFUSE_OVER_4KB = () => {
  const Module = WebAssembly.Module;
  WebAssembly.Module = function (bytes) {
    if (bytes.length > 4096) {
      window.__refused = (window.__refused || 0) + 1;
      throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.');
    }
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;
};

test('the decoder and the widget it rebuilds are compiled synchronously, the decoder in the task that has the stored bytes', async () => {
  // Each asynchronous compile or instantiate would wait for the page's own
  // rendering, and compiling as a stream cost more main-thread time
  // (js/loader.js, shareciteInstantiate). On a page that turns no
  // republishing feature on (the seed's demo turns crossposting on, whose
  // module would be a third compile).
  const { page, log, close } = await browser.open('/jsonld.html', { init: [RECORD_START, RECORD_WASM_CALLS] });
  const calls = await page.evaluate(() => window.__wasmCalls);
  const after = await page.evaluate(() => [window.__wasmFetchedAfter, window.__decoderCompiledAfter, window.__wasmCompiledAfter]);
  await close();
  assert.equal(calls.length, 2, calls.join(', '));
  const sizes = calls.map((call) => Number(/^new Module\((\d+) B\)$/.exec(call)?.[1]));
  assert.ok(sizes[0] <= 4096, `${calls[0]}: over the 4 KB every browser compiles synchronously`);
  assert.ok(sizes[1] > 4096, `${calls[1]}: the widget`);
  // No yield between the fetch and the decoder (it runs as the inflated
  // bytes arrive); one between the decoder and the widget's compile.
  const [fetched, decoder, widget] = after;
  assert.equal(decoder, fetched, 'the decoder compiled in the tasks that fetched and inflated the wasm');
  assert.equal(widget, decoder + 1, 'the widget compiled in a task of its own');
  assert.deepEqual(log.errors, []);
});

test('where a browser refuses to compile over 4 KB synchronously (Chrome before 115), the widget compiles asynchronously', async () => {
  const { page, log, close } = await browser.open('/jsonld.html', { init: [RECORD_WASM_CALLS, REFUSE_OVER_4KB] });
  const controls = await page.evaluate(() => document.querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('[data-network]').length);
  assert.equal(await page.evaluate(() => window.__refused), 1);
  // The decoder compiled synchronously; the widget, refused, asynchronously.
  const calls = await page.evaluate(() => window.__wasmCalls);
  assert.match(calls[0], /^new Module\(\d+ B\)$/);
  assert.deepEqual(calls.slice(1), ['instantiate']);
  await close();
  assert.ok(controls > 0, 'the placement has its controls');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
});
