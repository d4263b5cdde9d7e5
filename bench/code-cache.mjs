// Whether a reader who comes back after the browser restarts gets the
// widget's compiled code from Chromium's code cache. A persistent profile
// loads the seed article (www/index.html, served with max-age as a site
// would) in three launches of the browser and traces the third; it prints
// the wasm compilation and caching events of that load. A cache hit shows
// as no `wasm.NewNativeModule` and no `wasm.CompileLazy`.
//
// Usage (after `make dist`): node bench/code-cache.mjs
// README (Performance, returning readers) and bench/HISTORY.md have what
// it found.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';

const server = await startServer({ cacheControl: 'public, max-age=3600' });
const url = `http://127.0.0.1:${server.address().port}/index.html`;
const profile = mkdtempSync(join(tmpdir(), 'sharecite-code-cache-'));
const READY = `!!document.querySelector('[data-sharecite-host]')?.shadowRoot?.querySelector('a[data-network=facebook][href^="https:"]')`;
// Long enough for anything the browser writes to its caches after a load.
const SETTLE_MS = 6000;

try {
  for (let launch = 1; launch <= 3; launch++) {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = context.pages()[0] || (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const traced = launch === 3;
    if (traced) {
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'] },
        transferMode: 'ReturnAsStream',
      });
    }
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(READY, null, { polling: 50 });
    await page.waitForTimeout(SETTLE_MS);
    if (traced) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      let text = '';
      for (let eof = false; !eof; ) {
        const chunk = await cdp.send('IO.read', { handle: stream });
        text += chunk.data;
        eof = chunk.eof;
      }
      const counts = {};
      for (const { name } of JSON.parse(text).traceEvents) {
        if (/wasm|cache/i.test(name)) counts[name] = (counts[name] || 0) + 1;
      }
      const compiled = counts['wasm.CompileLazy'] || 0;
      console.log(JSON.stringify(counts, null, 1));
      console.log(
        counts['wasm.NewNativeModule']
          ? `after a restart the widget was compiled afresh (${compiled} functions compiled lazily): no code cache hit`
          : `after a restart the widget's code came from a cache (${compiled} functions compiled lazily)`,
      );
    }
    await context.close();
  }
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
