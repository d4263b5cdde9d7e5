// sharecite's road to ready, step by step: when its script runs, when the
// wasm is requested, downloaded, inflated, rebuilt and compiled, and how
// long each of the wasm calls that start a placement takes. It loads the
// seed article (www/index.html) at 4x CPU throttling, as `make bench`
// does, and times the steps from the outside, so what ships stays as it
// is: an init script wraps the browser functions the loader calls at each
// step (`Symbol.for` for the script's first line, `fetch`, the decoder's
// `WebAssembly.Module`, `WebAssembly.instantiateStreaming`) and the wasm's
// exports, and leaves a performance mark at each.
//
// Usage (after `make dist`): node bench/road.mjs [loads]
//   JS_FLAGS=--no-wasm-lazy-compilation node bench/road.mjs
// prints the median of each mark, in milliseconds from navigation start.
// README (Performance, where the time goes) has what it found.

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';

const LOADS = Number(process.argv[2] || 12);
// The wasm calls that start a placement from a script tag, in the order
// the loader makes them (js/loader.js), by the short names the build gave
// them (scripts/build-dist.mjs renames exports; the map is its output).
const STEPS = ['locale_wanted', 'read_page', 'plan_script', 'build_script', 'mount_script'];
const names = JSON.parse(readFileSync(new URL('../build/sharecite_bg.names.json', import.meta.url), 'utf8'));
const exported = Object.fromEntries(names.exports.filter(([name]) => STEPS.includes(name)).map(([name, short]) => [short, name]));

function instrument(exported) {
  const mark = (name) => performance.getEntriesByName(name).length || performance.mark(name);
  const symbolFor = Symbol.for;
  Symbol.for = (key) => {
    if (key === 'sharecite.internal') mark('script runs');
    return symbolFor(key);
  };
  const fetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input).includes('sharecite_bg.wasm')) mark('wasm requested');
    return fetch(input, init);
  };
  // The loader compiles the decoder the widget's file carries as soon as
  // that file is inflated.
  const Module = WebAssembly.Module;
  WebAssembly.Module = function (bytes) {
    mark('wasm inflated');
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (source, imports) => {
    mark('wasm rebuilt');
    return instantiateStreaming(source, imports).then(({ module, instance }) => {
      if (!Module.imports(module).length) return { module, instance }; // the citation module
      mark('wasm compiled and instantiated');
      const exports = {};
      for (const [key, value] of Object.entries(instance.exports)) {
        const step = exported[key];
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
      return { module, instance: { exports } };
    });
  };
  const poll = () => {
    const link = document.querySelector('[data-sharecite-host]')?.shadowRoot?.querySelector('a[data-network=facebook][href^="https:"]');
    if (link) mark('ready');
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const server = await startServer({ cacheControl: 'no-store' });
const args = [...CHROMIUM_ARGS, ...(process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : [])];
const browser = await chromium.launch({ executablePath: CHROMIUM, args });
const loads = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(instrument, exported);
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => performance.getEntriesByName('ready').length, null, { timeout: 30000, polling: 100 });
    loads.push(
      await page.evaluate(() => {
        const at = {};
        const resource = (part) => performance.getEntriesByType('resource').find((entry) => entry.name.includes(part));
        const navigation = performance.getEntriesByType('navigation')[0];
        at['sharecite.js downloaded'] = resource('sharecite.js').responseEnd;
        at['DOMContentLoaded'] = navigation.domContentLoadedEventStart;
        at['wasm downloaded'] = resource('sharecite_bg.wasm').responseEnd;
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        if (paint) at["the page's first contentful paint"] = paint.startTime;
        for (const entry of performance.getEntriesByType('mark')) at[entry.name] = entry.startTime;
        for (const entry of performance.getEntriesByType('measure')) {
          at[`${entry.name} starts`] = entry.startTime;
          at[`${entry.name} takes`] = entry.duration;
        }
        return at;
      }),
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const keys = Object.keys(loads[0]);
const medians = Object.fromEntries(keys.map((key) => [key, median(loads.map((load) => load[key]))]));
console.log(`${LOADS} loads of www/index.html at 4x${process.env.JS_FLAGS ? `, ${process.env.JS_FLAGS}` : ''}: medians, ms`);
for (const key of keys.filter((k) => !k.endsWith(' takes')).sort((a, b) => medians[a] - medians[b])) {
  const takes = medians[key.replace(/ starts$/, ' takes')];
  const label = key.endsWith(' starts') ? `${key.replace(/ starts$/, '')} (takes ${takes.toFixed(1)})` : key;
  console.log(`${medians[key].toFixed(1).padStart(8)}  ${label}`);
}
