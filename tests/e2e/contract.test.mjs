// The DOM contract site owners rely on, and how the one script tag behaves
// wherever and however it is embedded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, recordEvents, events, control, waitForWidgets, shareciteMessages, RECORD_START } from './helpers.mjs';

const browser = useBrowser();

const SEED_NETWORKS = [
  'facebook', 'x', 'linkedin', 'reddit', 'bluesky', 'mastodon', 'threads', 'whatsapp', 'telegram',
  'email', 'copy', 'cite', 'crosspost', 'print', 'discuss',
];

test('one placement right after its script, in an open shadow root, with the contract attributes', async () => {
  const { page, log, close } = await browser.open('/');
  const info = await page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-sharecite-host]');
    const host = hosts[0];
    const controls = [...host.shadowRoot.querySelectorAll('[data-network]')];
    return {
      count: hosts.length,
      tag: host.tagName,
      previous: host.previousElementSibling.tagName,
      previousSrc: host.previousElementSibling.getAttribute('src'),
      mode: host.shadowRoot.mode,
      lightChildren: host.childNodes.length,
      controls: controls.map((c) => ({
        network: c.dataset.network,
        tag: c.tagName,
        type: c.getAttribute('type'),
        part: c.getAttribute('part'),
        target: c.getAttribute('target'),
        rel: c.getAttribute('rel'),
        href: c.getAttribute('href'),
      })),
    };
  });
  assert.equal(info.count, 1);
  assert.equal(info.tag, 'DIV');
  assert.equal(info.previous, 'SCRIPT');
  assert.equal(info.previousSrc, 'dist/sharecite.js?v=1');
  assert.equal(info.mode, 'open');
  assert.equal(info.lightChildren, 0, 'the host has nothing in the light DOM');
  assert.deepEqual(info.controls.map((c) => c.network), SEED_NETWORKS);
  for (const c of info.controls) {
    assert.match(c.part, new RegExp(`(^| )${c.network}( |$)`), `part of ${c.network}`);
    if (['copy', 'cite', 'crosspost', 'print', 'native'].includes(c.network)) {
      assert.equal(c.tag, 'BUTTON', c.network);
      assert.equal(c.type, 'button', c.network);
    } else {
      assert.equal(c.tag, 'A', c.network);
      assert.match(c.href, /^(https:|mailto:)/, c.network);
      if (c.network !== 'email') {
        assert.equal(c.target, '_blank', c.network);
        assert.equal(c.rel, 'noopener noreferrer', c.network);
      }
    }
  }
  assert.deepEqual(log.errors, []);
  assert.deepEqual(shareciteMessages(log, 'warning'), []);
  // Nothing on the console at all: an icon's path data that the browser
  // cannot parse would show up here.
  assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  await close();
});

test('every control has an accessible name that contains its visible text', async () => {
  const { page, close } = await browser.open('/');
  const host = page.locator('[data-sharecite-host]');
  const snapshot = await host.ariaSnapshot();
  assert.match(snapshot, /list "Share this article"/);
  const rows = await page.evaluate(() =>
    [...document.querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('[data-network]')].map((c) => ({
      network: c.dataset.network,
      visible: c.innerText.trim(),
    })),
  );
  for (const { network, visible } of rows) {
    assert.ok(visible.length > 0, `${network} has visible text`);
    // Playwright computes the accessible name itself; match the control by
    // a name that must contain the visible label.
    const role = ['copy', 'cite', 'crosspost', 'print'].includes(network) ? 'button' : 'link';
    const found = host.getByRole(role, { name: visible });
    assert.ok((await found.count()) >= 1, `${network}: a ${role} named with "${visible}"`);
  }
  assert.match(snapshot, /link "Share on Facebook \(opens in a new tab\)"/);
  assert.match(snapshot, /button "Cite this article": Cite/);
  await close();
});

test('share intents carry the cleaned URL, correctly encoded', async () => {
  const { page, close } = await browser.open('/?utm_source=newsletter&utm_medium=email&fbclid=abc&keep=1#:~:text=ultimatum');
  const href = (network) => control(page, network).getAttribute('href');
  const article = `${browser.origin}/?keep=1`;
  const url = encodeURIComponent(article);
  const title = 'The%20U.S.%20Ultimatum%20on%20Huawei%20Is%20Backfiring';
  assert.equal(await href('facebook'), `https://www.facebook.com/sharer/sharer.php?u=${url}`);
  assert.equal(await href('x'), `https://x.com/intent/post?text=${title}&url=${url}`);
  assert.equal(await href('linkedin'), `https://www.linkedin.com/sharing/share-offsite/?url=${url}`);
  assert.equal(await href('reddit'), `https://www.reddit.com/submit?url=${url}&title=${title}`);
  assert.equal(await href('bluesky'), `https://bsky.app/intent/compose?text=${title}%20${url}`);
  assert.equal(await href('threads'), `https://www.threads.com/intent/post?text=${title}&url=${url}`);
  assert.equal(await href('whatsapp'), `https://wa.me/?text=${title}%20${url}`);
  assert.equal(await href('telegram'), `https://t.me/share/url?url=${url}&text=${title}`);
  const mail = new URL(await href('email'));
  assert.equal(mail.protocol, 'mailto:');
  assert.match(mail.search, /^\?subject=The%20U\.S\.%20Ultimatum/);
  const body = decodeURIComponent(mail.search.split('&body=')[1]);
  assert.equal(
    body,
    `The U.S. Ultimatum on Huawei Is Backfiring\r\n${article}\r\n\r\n` +
      'The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019\r\n' +
      'This article was originally published on CGTN (https://news.cgtn.com/).',
  );
  await close();
});

test('share links dispatch sharecite:share on the host, bubbling and composed, then open the intent', async () => {
  const { page, context, log, close } = await browser.open('/');
  await recordEvents(page);
  const popup = context.waitForEvent('page');
  await control(page, 'facebook').click();
  await popup;
  assert.deepEqual(await events(page), [
    {
      type: 'sharecite:share',
      detail: { network: 'facebook', url: `${browser.origin}/` },
      bubbles: true,
      composed: true,
      fromHost: true,
    },
  ]);
  assert.ok(log.thirdParty.some((u) => u.startsWith('https://www.facebook.com/sharer/sharer.php?u=')));
  await close();
});

test('a middle-click on a share link counts as a share too', async () => {
  const { page, close } = await browser.open('/');
  await recordEvents(page);
  await control(page, 'linkedin').click({ button: 'middle' });
  await page.waitForFunction(() => window.__shareciteEvents.length > 0);
  assert.deepEqual((await events(page)).map((e) => e.detail.network), ['linkedin']);
  await close();
});

test('a click with a modifier key is the reader opening the link their own way: a share, and no Mastodon form', async () => {
  const { page, close } = await browser.open('/');
  await recordEvents(page);
  // The page keeps the links from navigating; the widget has heard each click by then.
  await page.evaluate(() => document.addEventListener('click', (event) => event.preventDefault()));
  const click = (network, init) =>
    control(page, network).evaluate((link, init) => {
      link.dispatchEvent(new MouseEvent(init.type || 'click', { bubbles: true, composed: true, cancelable: true, ...init }));
    }, init);
  await click('mastodon', { ctrlKey: true });
  await click('mastodon', { shiftKey: true });
  await click('linkedin', { type: 'auxclick', button: 1, metaKey: true });
  await click('reddit', { type: 'auxclick', button: 2 });
  await page.waitForFunction(() => window.__shareciteEvents.length >= 3);
  assert.deepEqual((await events(page)).map((e) => e.detail.network), ['mastodon', 'mastodon', 'linkedin']);
  const form = page.locator('[data-sharecite-host]').getByRole('textbox', { name: 'Your Mastodon server' });
  assert.equal(await form.isVisible(), false);
  await click('mastodon', {});
  await form.waitFor();
  assert.equal((await events(page)).length, 3, 'a plain click opens the form, not yet a share');
  await close();
});

test('keyboard: Tab reaches every control in visual order; focus is visible; targets are at least 24px', async () => {
  const { page, close } = await browser.open('/');
  await page.locator('.note').click();
  const order = [];
  for (let i = 0; i < SEED_NETWORKS.length + 3; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const inner = document.activeElement?.shadowRoot?.activeElement;
      if (!inner) return null;
      const box = inner.getBoundingClientRect();
      const style = getComputedStyle(inner);
      return {
        network: inner.dataset.network || inner.textContent,
        x: box.x, y: box.y, width: box.width, height: box.height,
        outline: style.outlineStyle, outlineWidth: style.outlineWidth,
      };
    });
    if (!focused) break;
    order.push(focused);
  }
  assert.deepEqual(order.map((f) => f.network).filter((n) => SEED_NETWORKS.includes(n)), SEED_NETWORKS);
  for (let i = 1; i < order.length; i += 1) {
    const [a, b] = [order[i - 1], order[i]];
    assert.ok(b.y > a.y + 1 || (Math.abs(b.y - a.y) <= 1 && b.x > a.x), `${b.network} comes after ${a.network} visually`);
  }
  for (const f of order) {
    assert.equal(f.outline, 'solid', `${f.network} shows focus`);
    // WCAG 2.5.8 exempts links inside a sentence, like the credit's.
    if (SEED_NETWORKS.includes(f.network)) {
      assert.ok(f.height >= 24 && f.width >= 24, `${f.network} is ${f.width}x${f.height}`);
    }
  }
  await close();
});

test('themes: light by default, dark on request, auto follows prefers-color-scheme live', async () => {
  const { page, close } = await browser.open('/dark.html', { waitForHosts: 2 });
  // Colours ease over 150 ms: wait for the final value.
  const background = (index, expected) =>
    page.waitForFunction(
      ([i, want]) => {
        const host = document.querySelectorAll('[data-sharecite-host]')[i];
        return getComputedStyle(host.shadowRoot.querySelector('.control')).backgroundColor === want;
      },
      [index, expected],
      { timeout: 3000 },
    );
  const DARK = 'rgb(34, 39, 46)';
  const LIGHT = 'rgb(255, 255, 255)';
  await page.emulateMedia({ colorScheme: 'light' });
  await background(0, DARK);
  await background(1, LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  await background(1, DARK);
  await background(0, DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await background(1, LIGHT);
  await close();
  const seed = await browser.open('/');
  assert.equal(
    await seed.page.evaluate(() => getComputedStyle(document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('.control')).backgroundColor),
    LIGHT,
  );
  await seed.close();
});

test('site owners style it with custom properties and ::part()', async () => {
  const { page, close } = await browser.open('/');
  await page.addStyleTag({
    content: '[data-sharecite-host]{--sharecite-gap:20px;--sharecite-radius:3px} [data-sharecite-host]::part(x){color:rgb(1, 2, 3)}',
  });
  const styles = await page.evaluate(() => {
    const root = document.querySelector('[data-sharecite-host]').shadowRoot;
    const x = root.querySelector('[data-network=x]');
    return {
      gap: getComputedStyle(root.querySelector('.list')).columnGap,
      radius: getComputedStyle(x).borderTopLeftRadius,
      color: getComputedStyle(x).color,
    };
  });
  assert.deepEqual(styles, { gap: '20px', radius: '3px', color: 'rgb(1, 2, 3)' });
  await close();
});

test('icons wear their brand colour on a light widget, the text colour on a dark one, and --sharecite-icon-color over both', async () => {
  const fills = (page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-sharecite-host]')].map((host) => {
        const control = host.shadowRoot.querySelector('[data-network=facebook]');
        return { fill: getComputedStyle(control.querySelector('.icon')).fill, color: getComputedStyle(control).color };
      }),
    );
  const seed = await browser.open('/');
  // Facebook's blue, #0866ff, from the brand colours make icons writes.
  assert.deepEqual((await fills(seed.page)).map((f) => f.fill), ['rgb(8, 102, 255)']);
  await seed.page.addStyleTag({ content: '[data-sharecite-host]{--sharecite-icon-color:rgb(9, 8, 7)}' });
  assert.deepEqual((await fills(seed.page)).map((f) => f.fill), ['rgb(9, 8, 7)']);
  await seed.close();

  const dark = await browser.open('/dark.html', { waitForHosts: 2 });
  await dark.page.emulateMedia({ colorScheme: 'light' });
  const [onDark, onAuto] = await fills(dark.page);
  assert.equal(onDark.fill, onDark.color, 'a dark widget draws its icons in its text colour');
  assert.equal(onAuto.fill, 'rgb(8, 102, 255)', 'an auto widget on a light page keeps the brand colour');
  await dark.close();
});

test('defines exactly one global', async () => {
  const init = () => {
    Object.defineProperty(window, Symbol.for('test.globals'), { value: Object.getOwnPropertyNames(window) });
  };
  for (const path of ['/', '/module.html']) {
    const { page, close } = await browser.open(path, { init });
    const added = await page.evaluate(() => {
      const before = new Set(window[Symbol.for('test.globals')]);
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    });
    assert.deepEqual(added, ['sharecite'], path);
    assert.equal(await page.evaluate(() => typeof window.sharecite.version), 'string');
    await close();
  }
});

test('as type="module" with a query string; from a subfolder; wasm next to the script with the same query', async () => {
  for (const [path, wasm] of [
    ['/module.html', '/dist/sharecite_bg.wasm?v=3'],
    ['/nested/deeper/page.html', '/dist/sharecite_bg.wasm?v=3&cache=1'],
  ]) {
    const { page, log, close } = await browser.open(path);
    assert.ok(log.requests.includes(browser.url(wasm)), `${path} fetched ${wasm}: ${log.requests.join(' ')}`);
    const previous = await page.evaluate(() => document.querySelector('[data-sharecite-host]').previousElementSibling.tagName);
    assert.equal(previous, 'SCRIPT');
    assert.deepEqual(log.errors, []);
    await close();
  }
});

test('a script in <head> mounts at the end of the article', async () => {
  const { page, close } = await browser.open('/head.html');
  const parent = await page.evaluate(() => {
    const host = document.querySelector('[data-sharecite-host]');
    return { parent: host.parentElement.tagName, last: host.parentElement.lastElementChild === host };
  });
  assert.deepEqual(parent, { parent: 'ARTICLE', last: true });
  await close();
});

test('two script tags: two placements, one download of the wasm', async () => {
  const { page, log, close } = await browser.open('/dark.html', { waitForHosts: 2 });
  await waitForWidgets(page, 2);
  const wasm = log.requests.filter((u) => u.includes('.wasm'));
  assert.equal(wasm.length, 1, wasm.join(' '));
  const placements = await page.evaluate(() =>
    [...document.querySelectorAll('[data-sharecite-host]')].map((h) => h.previousElementSibling.getAttribute('data-theme')),
  );
  assert.deepEqual(placements, ['dark', 'auto']);
  await close();
});

test('sharecite.ready resolves after the placements are mounted', async () => {
  const { page, close } = await browser.open('/', { waitForHosts: 0 });
  const hosts = await page.evaluate(async () => {
    await new Promise((resolve) => {
      const wait = () => (window.sharecite ? resolve() : setTimeout(wait, 5));
      wait();
    });
    await window.sharecite.ready;
    return document.querySelectorAll('[data-sharecite-host]').length;
  });
  assert.equal(hosts, 1);
  await close();
});

test('starting gives the main thread back: fetching, compiling, instantiating, the page read, the plan, the tree and the placement are separate tasks', async () => {
  // A page that turns no republishing feature on: the seed's demo turns
  // crossposting on, whose module comes in tasks of its own.
  const { page, log, close } = await browser.open('/jsonld.html', { init: RECORD_START });
  const [yields, created, fetchedAfter, compiledAfter] = await page.evaluate(() => [
    window.__yields,
    window.__created,
    window.__wasmFetchedAfter,
    window.__wasmCompiledAfter,
  ]);
  assert.equal(fetchedAfter, 1, 'the wasm is fetched in a task of its own, after the script\'s');
  assert.equal(compiledAfter, 2, 'compiled in a task of its own, after the one that rebuilt it');
  // Before fetching the wasm, before compiling it, after instantiating it,
  // before and after reading the page, after planning the placement, after
  // building its tree.
  assert.equal(yields.length, 7, JSON.stringify(yields));
  assert.deepEqual(yields.map(([hosts]) => hosts), [0, 0, 0, 0, 0, 0, 0]);
  const [, , , , [, afterReading], [, afterPlanning], [, afterBuilding]] = yields;
  assert.equal(afterPlanning - afterReading, 0, 'planning creates no elements');
  assert.ok(afterBuilding - afterPlanning > 10, `the tree is built in its own task (${afterBuilding - afterPlanning} elements)`);
  assert.equal(created - afterBuilding, 1, 'mounting creates only the host');
  assert.deepEqual(shareciteMessages(log, 'error'), []);
  await close();

  // Without scheduler.yield (older browsers), a zero timeout does the same.
  const withoutYield = await browser.open('/', { init: 'delete Scheduler.prototype.yield;' });
  assert.equal(await withoutYield.page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 1);
  assert.deepEqual(withoutYield.log.errors, []);
  await withoutYield.close();
});

test('a slot reserved as the README says keeps the page still when the widget arrives above the fold', async () => {
  const recordShifts = `
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });`;
  const page = (slotCss) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slot</title>
    <style>body { font: 16px/1.5 sans-serif; max-width: 40rem; margin: 2rem auto } ${slotCss}</style></head>
    <body><h1>An article</h1><p>By a reporter</p><div class="share-slot"></div>
    <p>${'Words of the article. '.repeat(150)}</p>
    <script async src="/dist/sharecite.js" data-target=".share-slot"
      data-networks="facebook x linkedin reddit whatsapp telegram email copy print"></script></body></html>`;
  const shiftWith = async (slotCss) => {
    const { page: tab, log, close } = await browser.open('/slot-test.html', {
      init: recordShifts,
      before: (p) => p.route('**/slot-test.html', (route) => route.fulfill({ contentType: 'text/html', body: page(slotCss) })),
    });
    await tab.waitForTimeout(300);
    const shift = await tab.evaluate(() => window.__shift);
    assert.deepEqual(shareciteMessages(log, 'error'), []);
    await close();
    return shift;
  };
  assert.equal(await shiftWith('.share-slot { min-height: 5.5rem; --sharecite-margin: 0; margin: 1em 0 }'), 0);
  // Without the reservation the text below moves: the measurement can fail.
  assert.ok((await shiftWith('')) > 0.01);
});
