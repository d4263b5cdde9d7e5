// sharecite's road to ready, step by step: when its script runs, when the
// wasm is requested, downloaded, inflated, rebuilt and compiled, and how
// long each of the wasm calls that start a placement takes. Timed from the
// outside, so what ships stays as it is: an init script wraps the browser
// functions the loader calls at each step (`Symbol.for` for the script's
// first line, `fetch`, the decoder's `WebAssembly.Module`,
// `WebAssembly.instantiateStreaming`) and the wasm's exports, and leaves a
// performance mark at each. `make bench` runs it on its seed page
// (bench/run.mjs imports what follows); on its own it loads www/index.html.
//
// Usage (after `make dist`): node bench/road.mjs [loads]
//   JS_FLAGS=--no-wasm-lazy-compilation node bench/road.mjs
// prints the median of each mark, in milliseconds from navigation start.
// README (Performance, where the time goes) has what it found.

import { readFileSync } from 'node:fs';
import { isMain } from '../scripts/is-main.mjs';

/** The console message the instrumented page sends once sharecite is ready. */
export const ROAD_DONE = '__road:done';

// The wasm calls that start a placement from a script tag, in the order
// the loader makes them (js/loader.js).
const STEPS = ['locale_wanted', 'read_page', 'plan_script', 'build_script', 'mount_script'];

/**
 * The init script that marks each step in a page: pass it to
 * `addInitScript`. The build renames the wasm's exports, so the script is
 * given their short names from the map it writes.
 */
export function roadScript() {
  const names = JSON.parse(readFileSync(new URL('../build/sharecite_bg.names.json', import.meta.url), 'utf8'));
  const steps = Object.fromEntries(names.exports.filter(([name]) => STEPS.includes(name)).map(([name, short]) => [short, name]));
  return `(${instrument})(${JSON.stringify(steps)}, ${JSON.stringify(ROAD_DONE)});`;
}

function instrument(steps, done) {
  const mark = (name) => performance.getEntriesByName(name).length || performance.mark(name);
  const symbolFor = Symbol.for;
  Symbol.for = (key) => {
    if (key === 'sharecite.internal') mark('its script runs');
    return symbolFor(key);
  };
  const fetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input).includes('sharecite_bg.wasm')) mark('the wasm requested');
    return fetch(input, init);
  };
  // The loader compiles the decoder the widget's file carries as soon as
  // that file is inflated (a module of 4 KB at most), and the widget once
  // the decoder has rebuilt it.
  const Module = WebAssembly.Module;
  WebAssembly.Module = function (bytes) {
    mark(bytes.length > 4096 ? 'the wasm rebuilt' : 'the wasm inflated');
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) {
    const instance = new Instance(module, imports);
    // The decoder imports nothing; the citation module exports `cite`.
    if (!imports || instance.exports.cite) return instance;
    mark('the wasm compiled and instantiated');
    const exports = {};
    for (const [key, value] of Object.entries(instance.exports)) {
      const step = steps[key];
      exports[key] = !step
        ? value
        : (...args) => {
            const started = performance.now();
            try {
              return value(...args);
            } finally {
              if (!performance.getEntriesByName(step).length) performance.measure(step, { start: started, end: performance.now() });
            }
          };
    }
    return { exports };
  };
  WebAssembly.Instance.prototype = Instance.prototype;
  const poll = () => {
    const link = document.querySelector('[data-sharecite-host]')?.shadowRoot?.querySelector('a[data-network=facebook][href^="https:"]');
    if (!link) return requestAnimationFrame(poll);
    mark('ready');
    console.debug(done);
  };
  requestAnimationFrame(poll);
}

/** What the page's marks say, once it sent ROAD_DONE: each step's time, and each wasm call's start and length. */
export function readRoad(page) {
  return page.evaluate(() => {
    const at = {};
    const resource = (part) => performance.getEntriesByType('resource').find((entry) => entry.name.includes(part));
    at['sharecite.js downloaded'] = resource('sharecite.js').responseEnd;
    at['DOMContentLoaded'] = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
    at["the page's first contentful paint"] = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    at['the wasm downloaded'] = resource('sharecite_bg.wasm').responseEnd;
    for (const entry of performance.getEntriesByType('mark')) at[entry.name] = entry.startTime;
    for (const entry of performance.getEntriesByType('measure')) {
      at[`${entry.name} starts`] = entry.startTime;
      at[`${entry.name} takes`] = entry.duration;
    }
    return at;
  });
}

/** The median of each step over `loads` (readRoad's results), and the steps in the order they came. */
export function roadMedians(loads) {
  const median = (values) => {
    const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  };
  const medians = Object.fromEntries(Object.keys(loads[0]).map((key) => [key, median(loads.map((load) => load[key]))]));
  const order = Object.keys(medians)
    .filter((key) => !key.endsWith(' takes') && medians[key] !== undefined)
    .sort((a, b) => medians[a] - medians[b]);
  return { medians, order };
}

/** One line per step: `at` ms, what (a wasm call with how long it took). */
export function roadLines({ medians, order }) {
  return order.map((key) => {
    const call = key.endsWith(' starts') ? key.slice(0, -' starts'.length) : null;
    const what = call ? `${call} (takes ${medians[`${call} takes`].toFixed(1)} ms)` : key;
    return [medians[key], what];
  });
}

if (isMain(import.meta.url)) {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('../scripts/serve.mjs');
  const { CHROMIUM, CHROMIUM_ARGS } = await import('../tests/e2e/helpers.mjs');
  const LOADS = Number(process.argv[2] || 12);
  const server = await startServer({ cacheControl: 'no-store' });
  const args = [...CHROMIUM_ARGS, ...(process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : [])];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const script = roadScript();
  const loads = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(script);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let timer;
      const ready = new Promise((resolve, reject) => {
        page.on('console', (message) => message.text() === ROAD_DONE && resolve());
        timer = setTimeout(() => reject(new Error('sharecite not ready after 30 s')), 30000);
      });
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      await ready.finally(() => clearTimeout(timer));
      loads.push(await readRoad(page));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${LOADS} loads of www/index.html at 4x${process.env.JS_FLAGS ? `, ${process.env.JS_FLAGS}` : ''}: medians, ms`);
  for (const [at, what] of roadLines(roadMedians(loads))) console.log(`${at.toFixed(1).padStart(8)}  ${what}`);
}
