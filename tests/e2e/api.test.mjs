// The JS API for frameworks and single-page sites: sharecite.mount(),
// update(), destroy(), the sharecite:ready event, and no leaks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, control } from './helpers.mjs';

const browser = useBrowser();

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

test('mounting and destroying 1000 placements leaves no listeners or nodes behind', async () => {
  const { page, context, close } = await browser.open('/app.html');
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
