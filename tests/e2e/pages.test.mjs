// The demo pages as readers see them: a list of a hundred cards, a page
// described only by JSON-LD, a single-page site, and axe-core on all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, control, shareciteMessages, readClipboard, status } from './helpers.mjs';

const browser = useBrowser();
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

test('list page: one script tag, 100 placements, each with its card\'s own URL and title', async () => {
  const { page, log, close } = await browser.open('/list.html', { waitForHosts: 100 });
  const cards = await page.evaluate(() =>
    [...document.querySelectorAll('.card')].map((card) => {
      const host = card.lastElementChild;
      const x = host?.shadowRoot?.querySelector('[data-network=x]');
      return {
        isHost: host?.hasAttribute('data-sharecite-host') ?? false,
        url: card.dataset.url,
        title: card.dataset.title,
        x: x && new URL(x.getAttribute('href')),
      };
    }).map((c) => ({ ...c, xUrl: c.x?.searchParams.get('url'), xText: c.x?.searchParams.get('text') })),
  );
  assert.equal(cards.length, 100);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 100);
  for (const card of cards) {
    assert.ok(card.isHost, 'a placement at the end of each card');
    assert.equal(card.xUrl, card.url);
    assert.equal(card.xText, card.title);
  }
  assert.deepEqual(shareciteMessages(log, 'warning'), []);
  assert.deepEqual(log.errors, []);
  // One stylesheet object shared by every placement.
  assert.equal(
    await page.evaluate(() => {
      const sheets = new Set([...document.querySelectorAll('[data-sharecite-host]')].map((h) => h.shadowRoot.adoptedStyleSheets[0]));
      return sheets.size;
    }),
    1,
  );
  await close();
});

test('list page: a card\'s citation names its own author and the script\'s publisher', async () => {
  const { page, close } = await browser.open('/list.html', { waitForHosts: 100, clipboard: true });
  await control(page, 'cite', 41).click();
  await status(page, 41).filter({ hasText: 'Citation copied' }).waitFor();
  const { 'text/plain': text } = await readClipboard(page);
  assert.equal(
    text,
    'Energy briefing no. 42: what changed this week\nhttps://www.globalresearch.ca/briefing-42/5678042\n' +
      'The original source of this article is Global Research. Copyright © Staff 42, Global Research, 2019',
  );
  await close();
});

test('JSON-LD only: the @graph gives URL, title, author, publisher and image', async () => {
  const { page, close } = await browser.open('/jsonld.html', { clipboard: true });
  const article = 'https://www.globalresearch.ca/us-ultimatum-huawei-backfiring/5678141';
  const x = new URL(await control(page, 'x').getAttribute('href'));
  assert.equal(x.searchParams.get('url'), article);
  assert.equal(x.searchParams.get('text'), 'The U.S. Ultimatum on Huawei Is Backfiring');
  const pin = new URL(await control(page, 'pinterest').getAttribute('href'));
  assert.equal(pin.searchParams.get('media'), 'https://www.globalresearch.ca/wp-content/uploads/2019/05/huawei.jpg');
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /Copyright © Andrew Korybko, Global Research, 2019$/);
  await close();
});

async function spaScenario(options = {}) {
  const { page, log, close } = await browser.open('/spa.html', { waitForHosts: 2, ...options });
  const xOf = async (index) => {
    const href = new URL(await control(page, 'x', index).getAttribute('href'));
    return { url: href.searchParams.get('url'), text: href.searchParams.get('text') };
  };
  assert.deepEqual(await xOf(0), { url: `${browser.origin}/spa.html`, text: 'First story' });

  await page.getByRole('link', { name: 'Second story' }).click();
  await page.waitForFunction(() => document.title.startsWith('Second'));
  await page.waitForFunction(
    (origin) => {
      const href = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[data-network=x]').getAttribute('href');
      return new URL(href).searchParams.get('url') === `${origin}/spa/second`;
    },
    browser.origin,
  );
  assert.deepEqual(await xOf(0), { url: `${browser.origin}/spa/second`, text: 'Second story' });
  assert.deepEqual(await xOf(1), { url: 'https://www.globalresearch.ca/pinned/1', text: 'Pinned story' }, 'data-url stays put');

  await page.getByRole('link', { name: 'Third story' }).click();
  await page.waitForFunction(() => document.title.startsWith('Third'));
  await page.waitForTimeout(400);
  assert.deepEqual(await xOf(0), { url: `${browser.origin}/spa/third`, text: 'Third story' }, 'tracking removed');

  await page.goBack();
  await page.waitForFunction(() => document.title.startsWith('Second'));
  await page.waitForTimeout(400);
  assert.deepEqual(await xOf(0), { url: `${browser.origin}/spa/second`, text: 'Second story' });
  assert.deepEqual(log.errors, []);
  return { page, close };
}

test('single-page site: links follow pushState and popstate (Navigation API)', async () => {
  const { close } = await spaScenario();
  await close();
});

test('single-page site without the Navigation API: history is wrapped transparently', async () => {
  const { page, close } = await spaScenario({
    init: () => {
      Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
    },
  });
  // The wrapper keeps pushState's behaviour: same return value, same errors.
  const behaviour = await page.evaluate(() => {
    const result = history.pushState({ x: 1 }, '');
    let error = null;
    try {
      history.pushState(null, '', 'https://elsewhere.example/');
    } catch (e) {
      error = e.name;
    }
    return { result: result === undefined, state: history.state.x, error };
  });
  assert.deepEqual(behaviour, { result: true, state: 1, error: 'SecurityError' });
  await close();
});

test('without the Navigation API and with history\'s methods frozen, placements mount and follow hashchange', async () => {
  const { page, log, close } = await browser.open('/spa.html', {
    waitForHosts: 2,
    init: () => {
      Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
      for (const method of ['pushState', 'replaceState']) {
        Object.defineProperty(history, method, { value: history[method], writable: false });
      }
    },
  });
  await page.evaluate(() => {
    location.hash = 'later';
  });
  await page.waitForFunction(
    (origin) => {
      const href = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[data-network=x]').getAttribute('href');
      return new URL(href).searchParams.get('url') === `${origin}/spa.html#later`;
    },
    browser.origin,
  );
  assert.deepEqual(log.errors, []);
  assert.deepEqual(shareciteMessages(log, 'error'), []);
  await close();
});

test('without the Navigation API, history is unwrapped when the last placement that follows the page goes, unless another script wrapped it since', async () => {
  const { page, log, close } = await browser.open('/app.html', {
    init: () => {
      Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
      window.__originals = [history.pushState, history.replaceState];
    },
  });
  const result = await page.evaluate(async () => {
    const box = document.getElementById('stress');
    const same = () => [history.pushState, history.replaceState].map((f, i) => f === window.__originals[i]);
    // No url: these follow the page, so sharecite watches navigations.
    const first = sharecite.mount(box, { networks: 'x' });
    const second = sharecite.mount(box, { networks: 'email' });
    await Promise.all([first.mounted, second.mounted]);
    const watching = same();
    first.destroy();
    const oneLeft = same();
    // Another script wraps replaceState over ours: it is left in place.
    const theirs = function (...args) { return window.__ours.apply(this, args); };
    window.__ours = history.replaceState;
    history.replaceState = theirs;
    second.destroy();
    return { watching, oneLeft, none: same(), theirsKept: history.replaceState === theirs };
  });
  assert.deepEqual(result, { watching: [false, false], oneLeft: [false, false], none: [true, false], theirsKept: true });
  assert.deepEqual(log.errors, []);
  await close();
});

const AXE_PAGES = ['/', '/list.html', '/jsonld.html', '/strict/', '/dark.html', '/spa.html', '/module.html', '/head.html', '/nested/deeper/page.html', '/citations.html', '/languages.html', '/app.html'];

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no violation on any demo page (${colorScheme} preference)`, async () => {
    for (const path of AXE_PAGES) {
      const hosts = { '/list.html': 100, '/dark.html': 2, '/spa.html': 2, '/languages.html': 5 }[path] ?? 1;
      const { page, close } = await browser.open(path, {
        waitForHosts: hosts,
        contextOptions: { bypassCSP: true, colorScheme, reducedMotion: 'reduce' },
      });
      // Open the Mastodon form too, where there is one, so it is checked.
      const mastodon = page.locator('[data-sharecite-host] [data-network=mastodon]').first();
      if (await mastodon.count()) await mastodon.click();
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(async () => {
        const { violations } = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        });
        return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      assert.deepEqual(result, [], `${path}\n${result.join('\n')}`);
      await close();
    }
  });
}
