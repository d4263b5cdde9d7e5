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

/** Starts a server and a browser for the calling test file; returns accessors. */
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
    get origin() { return state.base; },
    /** A fresh context and page that records console messages and page errors. */
    async open(path, { contextOptions = {}, init, waitForHosts = 1 } = {}) {
      const context = await state.browser.newContext(contextOptions);
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      const log = { console: [], errors: [], requests: [] };
      page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
      page.on('pageerror', (error) => log.errors.push(String(error)));
      page.on('request', (request) => log.requests.push(request.url()));
      if (path !== null) {
        await page.goto(state.base + path);
        if (waitForHosts > 0) await waitForWidgets(page, waitForHosts);
      }
      return { context, page, log, close: () => context.close() };
    },
  };
}

/** Waits until `count` placements have rendered their controls. */
export async function waitForWidgets(page, count = 1) {
  await page.waitForFunction(
    (n) => {
      const hosts = document.querySelectorAll('[data-sharecite-host]');
      return hosts.length >= n && [...hosts].every((h) => h.shadowRoot && h.shadowRoot.querySelector('.list'));
    },
    count,
    { timeout: 15000 },
  );
}

/** Console messages of `type` from sharecite. */
export function shareciteMessages(log, type) {
  return log.console.filter((m) => m.type === type && m.text.startsWith('sharecite:')).map((m) => m.text);
}
