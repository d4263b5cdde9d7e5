// The JS API for frameworks and single-page sites: sharecite.mount(),
// update(), destroy(), the sharecite:ready event, and no leaks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, control, shareciteMessages, RECORD_START } from './helpers.mjs';

const browser = useBrowser();

/**
 * Keeps the memory of every instance with imports that has one of its own
 * (the widget: the citation module shares it) in `window.__wasmMemories`;
 * not the decoder's that rebuilt them (it imports nothing), an instance
 * the loader lets go.
 */
const CAPTURE_WASM_MEMORY = () => {
  window.__wasmMemories = [];
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) {
    const instance = new Instance(module, imports);
    if (imports) for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) window.__wasmMemories.push(value);
    return instance;
  };
  WebAssembly.Instance.prototype = Instance.prototype;
};

test('mount from script (queued before load), update, destroy; sharecite:ready fires once', async () => {
  const { page, log, close } = await browser.open('/app.html', {
    init: () => {
      window.__ready = [];
      document.addEventListener('sharecite:ready', (event) => window.__ready.push(event.detail.version));
    },
  });
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 1, 'data-mount="manual" mounts nothing by itself');
  assert.equal(await page.evaluate(() => document.querySelector('[data-sharecite-host]').parentElement.id), 'slot');
  assert.deepEqual(await page.evaluate(() => window.__ready), [await page.evaluate(() => window.sharecite.version)]);
  const title = async () => new URL(await control(page, 'x').getAttribute('href')).searchParams.get('text');
  assert.equal(await title(), 'The U.S. Ultimatum on Huawei Is Backfiring');

  await page.click('#rename');
  assert.equal(await title(), 'The Ultimatum, Renamed');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 1, 'update replaces, not adds');
  assert.equal(await page.evaluate(() => document.querySelector('[data-sharecite-host]').parentElement.id), 'slot');

  await page.click('#remove');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 0);
  assert.deepEqual(log.errors, []);
  await close();
});

test('mount() called while the page is still parsing waits for it: metadata later in the document counts', async () => {
  // A script in the page mounts at once; a slow script further down holds
  // the parser while the wasm loads, and the article's JSON-LD comes after it.
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Early title</title>
    <script src="/dist/sharecite.js" data-mount="manual"></script></head>
    <body><div id="slot"></div>
    <script>sharecite.mount(document.getElementById('slot'), { networks: 'x' });</script>
    <script src="/slow-parser.js"></script>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"The headline parsed last"}</script>
    </body></html>`;
  const { page, log, close } = await browser.open('/early-mount.html', {
    before: async (p) => {
      await p.route('**/early-mount.html', (route) => route.fulfill({ contentType: 'text/html', body }));
      await p.route('**/slow-parser.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.fulfill({ contentType: 'text/javascript', body: 'window.__parsedLate = true;' });
      });
    },
  });
  const text = new URL(await control(page, 'x').getAttribute('href')).searchParams.get('text');
  assert.equal(text, 'The headline parsed last');
  assert.deepEqual(log.errors, []);
  await close();
});

test('mount() gives the main thread back as a script placement does: the page read, the tree built, then the placement', async () => {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mounted from script</title>
    <script src="/dist/sharecite.js" data-mount="manual"></script></head>
    <body><div id="slot"></div></body></html>`;
  const { page, log, close } = await browser.open('/api-tasks.html', {
    init: RECORD_START,
    waitForHosts: 0,
    before: (p) => p.route('**/api-tasks.html', (route) => route.fulfill({ contentType: 'text/html', body })),
  });
  await page.evaluate(() => sharecite.mount(document.getElementById('slot'), { networks: 'x email copy' }).mounted);
  const yields = await page.evaluate(() => window.__yields);
  const created = await page.evaluate(() => window.__created);
  assert.equal(await page.evaluate(() => window.__wasmFetchedAfter), 1, 'the wasm is fetched in a task of its own');
  assert.equal(await page.evaluate(() => window.__wasmCompiledAfter), 2, 'and compiled in another');
  // Before fetching the wasm, before compiling it, after instantiating it,
  // before and after reading the page, after building the tree.
  assert.equal(yields.length, 6, JSON.stringify(yields));
  assert.deepEqual(yields.map(([hosts]) => hosts), [0, 0, 0, 0, 0, 0]);
  const [, , , , [, afterReading], [, afterBuilding]] = yields;
  assert.ok(afterBuilding - afterReading > 10, `the tree is built in its own task (${afterBuilding - afterReading} elements)`);
  assert.equal(created - afterBuilding, 1, 'mounting creates only the host');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#slot > [data-sharecite-host]').length), 1);
  assert.deepEqual(shareciteMessages(log, 'error'), []);
  await close();
});

test('mounting and destroying 1000 placements leaves no listeners, nodes or wasm memory behind', async () => {
  const { page, context, close } = await browser.open('/app.html', { init: CAPTURE_WASM_MEMORY });
  const cdp = await context.newCDPSession(page);
  const counters = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Memory.getDOMCounters');
  };
  // Warm up once (first-use caches: icon prototypes, shapes), then measure.
  await page.evaluate(() => window.mountAndDestroy(20));
  const before = await counters();
  const result = await page.evaluate(() => window.mountAndDestroy(1000));
  assert.deepEqual(result, { mounted: 1000, left: 0 });
  const after = await counters();
  assert.ok(after.jsEventListeners - before.jsEventListeners <= 2, `listeners ${before.jsEventListeners} → ${after.jsEventListeners}`);
  assert.ok(after.nodes - before.nodes <= 100, `nodes ${before.nodes} → ${after.nodes}`);
  // The allocator's free lists take back what a placement used: three more
  // rounds need no more memory (a page is 64 KiB, so a leak of 22 bytes
  // per placement would show).
  const memory = () => page.evaluate(() => window.__wasmMemories.map((m) => m.buffer.byteLength));
  const grown = await memory();
  assert.equal(grown.length, 1, "the widget module's");
  for (let round = 0; round < 3; round += 1) await page.evaluate(() => window.mountAndDestroy(1000));
  assert.deepEqual(await memory(), grown);
  await close();
});

test('a destroy from inside a placement\'s own update is honoured, and the next mount updates as usual', async () => {
  // The page's code can run while an update reads its options (here, a
  // getter of the options object updates, destroys and mounts): the
  // destroy must not be lost (the outer update then has nothing to
  // re-render), and the placement mounted from there updates as usual.
  const { page, log, close } = await browser.open('/app.html');
  const result = await page.evaluate(async () => {
    const hosts = (id) => document.querySelectorAll(`#${id} > [data-sharecite-host]`).length;
    const slot = (id) => document.body.appendChild(Object.assign(document.createElement('div'), { id }));
    const [a, b] = [slot('reentrant-a'), slot('reentrant-b')];
    const first = sharecite.mount(a, { networks: 'x' });
    await first.mounted;
    let second;
    first.update({
      get title() {
        first.update({ networks: 'email' });
        first.destroy();
        second = sharecite.mount(b, { networks: 'bluesky' });
        return 'Renamed';
      },
    });
    await second.mounted;
    const afterMount = [hosts('reentrant-a'), hosts('reentrant-b')];
    second.update({ networks: 'reddit' });
    const network = document.querySelector('#reentrant-b > [data-sharecite-host]').shadowRoot.querySelector('[data-network]').dataset.network;
    return { afterMount, network };
  });
  assert.deepEqual(result, { afterMount: [0, 1], network: 'reddit' });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(shareciteMessages(log, 'error'), []);
  await close();
});

test('updates made before the placement is mounted are applied, in order, once it is', async () => {
  const { page, log, close } = await browser.open('/app.html');
  const result = await page.evaluate(async () => {
    const box = document.getElementById('stress');
    const handle = sharecite.mount(box, { networks: 'x', url: 'https://example.org/a' });
    // Before the mount's tasks have run: held for it.
    handle.update({ networks: 'email reddit' });
    handle.update({ networks: 'bluesky' });
    await handle.mounted;
    const hosts = box.querySelectorAll('[data-sharecite-host]');
    const ids = [...hosts[0].shadowRoot.querySelectorAll('[data-network]')].map((c) => c.dataset.network);
    handle.destroy();
    return { hosts: hosts.length, ids };
  });
  assert.deepEqual(result, { hosts: 1, ids: ['bluesky'] });
  assert.deepEqual(log.errors, []);
  await close();
});

test('an update that cannot be mounted leaves the placement as it was, and says why', async () => {
  const { page, log, close } = await browser.open('/app.html');
  const result = await page.evaluate(async () => {
    const box = document.getElementById('stress');
    const handle = sharecite.mount(box, { networks: 'x email', url: 'https://example.org/a' });
    await handle.mounted;
    const shown = () =>
      [...box.querySelectorAll('[data-sharecite-host]')].map((host) =>
        [...host.shadowRoot.querySelectorAll('[data-network]')].map((control) => control.dataset.network).join(' '),
      );
    // The page refuses the new placement its place beside the old one.
    const before = Element.prototype.before;
    Element.prototype.before = () => {
      throw new Error('not here');
    };
    handle.update({ networks: 'reddit' });
    const failed = shown();
    Element.prototype.before = before;
    handle.update({ networks: 'bluesky' });
    const updated = shown();
    handle.destroy();
    return { failed, updated, left: box.querySelectorAll('[data-sharecite-host]').length };
  });
  assert.deepEqual(result, { failed: ['x email'], updated: ['bluesky'], left: 0 });
  const errors = shareciteMessages(log, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^sharecite: could not mount Error: not here/);
  await close();
});

test('update({ theme }) switches the theme without a reload', async () => {
  const { page, close } = await browser.open('/app.html', { contextOptions: { reducedMotion: 'reduce' } });
  const background = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('.control')).backgroundColor);
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await page.evaluate(() => window.shareHandle.update({ theme: 'dark' }));
  assert.equal(await background(), 'rgb(34, 39, 46)');
  await page.evaluate(() => window.shareHandle.update({ theme: 'light' }));
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await close();
});

test('options take arrays, numbers and booleans; null restores the default; other types warn and are ignored', async () => {
  const { page, log, close } = await browser.open('/app.html');
  await page.evaluate(() => window.sharecite.ready);
  const networks = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('#stress [data-sharecite-host]')].flatMap((host) =>
        [...host.shadowRoot.querySelectorAll('[data-network]')].map((c) => c.dataset.network),
      ),
    );
  await page.evaluate(() => {
    document.getElementById('stress').hidden = false;
    window.typed = window.sharecite.mount(document.getElementById('stress'), {
      networks: ['bluesky', 'copy'],
      copyMin: 40,
      copyAttribution: true,
      theme: { dark: true },
      // Not an option (a framework's props, say): no warning for it.
      children: { nested: true },
    });
    // The same mistake again: the page is told once.
    const again = window.sharecite.mount(document.createElement('div'), { theme: { dark: false } });
    return Promise.all([window.typed.mounted, again.mounted.then(() => again.destroy())]);
  });
  assert.deepEqual(await networks(), ['bluesky', 'copy']);
  assert.deepEqual(shareciteMessages(log, 'warning'), [
    'sharecite: theme="object" is not valid: expected a string, number, boolean or array; it is ignored',
  ]);
  // 40 characters of the article's first paragraph: attributed with copyMin 40...
  const copyForty = async () => {
    await page.evaluate(() => {
      const node = document.querySelector('article p').firstChild;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 40);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    return page.evaluate(() => {
      const clipboardData = new DataTransfer();
      const event = new ClipboardEvent('copy', { bubbles: true, cancelable: true, clipboardData });
      document.querySelector('article p').dispatchEvent(event);
      return { prevented: event.defaultPrevented, copied: clipboardData.getData('text/plain') };
    });
  };
  const attributed = await copyForty();
  assert.equal(attributed.prevented, true);
  assert.match(attributed.copied, /^This page plays a framework component[\s\S]*Global Research/);
  // ...and not under the default of 120 once copyMin is set to null.
  await page.evaluate(() => window.typed.update({ copyMin: null, networks: null }));
  assert.equal((await copyForty()).prevented, false);
  assert.deepEqual(await networks(), ['facebook', 'x', 'linkedin', 'bluesky', 'reddit', 'email', 'copy', 'cite'], 'the default networks');
  await page.evaluate(() => window.typed.destroy());
  assert.deepEqual(log.errors, []);
  await close();
});

test('selection features listen once for the page, however many placements, and stop with the last', async () => {
  const { page, context, close } = await browser.open('/app.html');
  await page.evaluate(() => window.sharecite.ready);
  const cdp = await context.newCDPSession(page);
  const documentListeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    const count = {};
    for (const { type } of listeners) if (['copy', 'mouseup', 'keyup', 'selectionchange'].includes(type)) count[type] = (count[type] || 0) + 1;
    return count;
  };
  const before = await documentListeners();
  await page.evaluate(() => {
    const box = document.getElementById('stress');
    window.many = Array.from({ length: 200 }, (_, i) =>
      window.sharecite.mount(box, { networks: 'x', url: `https://example.org/${i}`, copyAttribution: true, quoteShare: true }),
    );
    return Promise.all(window.many.map((h) => h.mounted));
  });
  const during = await documentListeners();
  for (const type of ['copy', 'mouseup', 'keyup', 'selectionchange']) {
    assert.equal((during[type] || 0) - (before[type] || 0), 1, `${type}: ${JSON.stringify(during)}`);
  }
  await page.evaluate(() => window.many.slice(1).forEach((h) => h.destroy()));
  assert.deepEqual(await documentListeners(), during, 'one placement left still listens');
  await page.evaluate(() => window.many[0].destroy());
  assert.deepEqual(await documentListeners(), before);
  await close();
});
