// Shared set-up for the end-to-end tests: the demo server on 127.0.0.1 and
// Debian's Chromium driven by playwright-core.

import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Chromium's own calls home are refused on these machines; keep it quiet.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Anything not served by the test server: share intents, the credit link. */
export const THIRD_PARTY = /^(?!https?:\/\/127\.0\.0\.1[:/])[a-z]+:/;

/** Starts a server and a browser for the calling test file. */
export function useBrowser() {
  const state = {};
  before(async () => {
    state.server = await startServer();
    state.base = `http://127.0.0.1:${state.server.address().port}`;
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await state.browser?.close();
    await new Promise((resolve) => state.server?.close(resolve));
  });
  return {
    url: (path) => state.base + path,
    get origin() {
      return state.base;
    },
    /**
     * A fresh context and page that records console messages, page errors
     * and requests. Requests to third parties are recorded and aborted.
     */
    async open(path, { contextOptions = {}, init, waitForHosts = 1, clipboard = false, before: prepare } = {}) {
      const context = await state.browser.newContext(contextOptions);
      if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: state.base });
      for (const script of [].concat(init || [])) await context.addInitScript(script);
      const log = { console: [], errors: [], requests: [], thirdParty: [] };
      await context.route(THIRD_PARTY, (route) => {
        log.thirdParty.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
      page.on('pageerror', (error) => log.errors.push(String(error)));
      context.on('request', (request) => log.requests.push(request.url()));
      if (prepare) await prepare(page, context);
      if (path !== null) {
        await page.goto(state.base + path);
        if (waitForHosts > 0) await waitForWidgets(page, waitForHosts);
      }
      return { context, page, log, close: () => context.close() };
    },
  };
}

/**
 * An init script that records how sharecite starts: at each
 * `scheduler.yield()`, the placements in the page and the elements the
 * document has created so far (`window.__yields`, `window.__created`), and
 * after how many yields the wasm was requested (`window.__wasmFetchedAfter`),
 * its decoder compiled (`window.__decoderCompiledAfter`) and its rebuilt
 * module compiled (`window.__wasmCompiledAfter`).
 */
export const RECORD_START = `
  window.__yields = [];
  window.__created = 0;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (...args) {
    window.__created += 1;
    return createElement.apply(this, args);
  };
  const original = scheduler.yield.bind(scheduler);
  scheduler.yield = () => {
    window.__yields.push([document.querySelectorAll('[data-sharecite-host]').length, window.__created]);
    return original();
  };
  const fetch = window.fetch;
  window.fetch = function (...args) {
    if (String(args[0]).includes('sharecite_bg.wasm')) window.__wasmFetchedAfter = window.__yields.length;
    return fetch.apply(this, args);
  };
  // The decoder (4 KB at most) compiles first; the widget is the next module.
  const Module = WebAssembly.Module;
  WebAssembly.Module = function (bytes) {
    const which = bytes.length > 4096 ? '__wasmCompiledAfter' : '__decoderCompiledAfter';
    if (window[which] === undefined) window[which] = window.__yields.length;
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;`;

/** Waits until `count` placements have rendered their controls. */
export async function waitForWidgets(page, count = 1) {
  await page.waitForFunction(
    (n) => {
      const hosts = document.querySelectorAll('[data-sharecite-host]');
      return hosts.length >= n && [...hosts].every((h) => h.shadowRoot && h.shadowRoot.querySelector('.list'));
    },
    count,
    { timeout: 20000 },
  );
}

/** Console messages of `type` that sharecite wrote. */
export function shareciteMessages(log, type) {
  return log.console.filter((m) => m.type === type && m.text.startsWith('sharecite:')).map((m) => m.text);
}

/** Starts recording sharecite's events on `document`, in page order. */
export async function recordEvents(page) {
  await page.evaluate(() => {
    window.__shareciteEvents = [];
    for (const type of ['sharecite:share', 'sharecite:copy']) {
      document.addEventListener(type, (event) => {
        window.__shareciteEvents.push({
          type,
          detail: event.detail,
          bubbles: event.bubbles,
          composed: event.composed,
          fromHost: event.target.hasAttribute('data-sharecite-host'),
        });
      });
    }
  });
}

export const events = (page) => page.evaluate(() => window.__shareciteEvents);

/** What the clipboard holds, by type; `source` names another clipboard object. */
export async function readClipboard(page, source = 'navigator.clipboard') {
  return page.evaluate(async (source) => {
    const clipboard = source === 'navigator.clipboard' ? navigator.clipboard : window[source];
    const items = await clipboard.read();
    const out = {};
    for (const type of items[0].types) out[type] = await (await items[0].getType(type)).text();
    return out;
  }, source);
}

/** The placement controls of the `index`th host. */
export function control(page, network, index = 0) {
  return page.locator('[data-sharecite-host]').nth(index).locator(`[data-network="${network}"]`);
}

/** The status line of the `index`th host. */
export function status(page, index = 0) {
  return page.locator('[data-sharecite-host]').nth(index).locator('[role=status]');
}
