// Forced colors (Windows high contrast), reduced motion, decorative icons,
// announcements made once (issue 5, accessibility).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, control, status } from './helpers.mjs';

const browser = useBrowser();

const style = (page, network, property, pseudo = null) =>
  page.evaluate(
    ([network, property, pseudo]) => {
      const element = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector(`[data-network=${network}]`);
      return getComputedStyle(element, pseudo)[property];
    },
    [network, property, pseudo],
  );

test('forced colors: system colours, visible borders, icons follow the text colour', async () => {
  const { page, close } = await browser.open('/');
  await page.emulateMedia({ forcedColors: 'active' });
  const info = await page.evaluate(() => {
    const root = document.querySelector('[data-sharecite-host]').shadowRoot;
    const facebook = root.querySelector('[data-network=facebook]');
    const icon = facebook.querySelector('svg');
    const s = getComputedStyle(facebook);
    return {
      forced: matchMedia('(forced-colors: active)').matches,
      borderStyle: s.borderTopStyle,
      borderWidth: s.borderTopWidth,
      iconFill: getComputedStyle(icon).fill,
      color: s.color,
    };
  });
  assert.equal(info.forced, true);
  assert.equal(info.borderStyle, 'solid');
  assert.notEqual(info.borderWidth, '0px');
  assert.equal(info.iconFill, info.color, 'icons take the forced text colour, not the brand colour');
  await close();
});

test('reduced motion: no transitions', async () => {
  const { page, close } = await browser.open('/');
  assert.notEqual(await style(page, 'x', 'transitionDuration'), '0s', 'a transition by default');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await style(page, 'x', 'transitionDuration'), '0s');
  await close();
});

test('icons are decorative and every control is named by its text', async () => {
  const { page, close } = await browser.open('/');
  const icons = await page.evaluate(() =>
    [...document.querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('svg')].map((svg) => [
      svg.getAttribute('aria-hidden'),
      svg.getAttribute('focusable'),
    ]),
  );
  assert.ok(icons.length > 10);
  assert.ok(icons.every(([hidden, focusable]) => hidden === 'true' && focusable === 'false'));
  await close();
});

test('a copy is announced once, and a repeated copy is announced again', async () => {
  const { page, close } = await browser.open('/', { clipboard: true });
  await page.evaluate(() => {
    window.__announced = [];
    const region = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[role=status]');
    new MutationObserver(() => {
      if (region.textContent) window.__announced.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  await control(page, 'copy').click();
  await page.waitForFunction(() => window.__announced.length === 2);
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__announced), ['Link copied', 'Link copied']);
  await close();
});

test('a focus ring is drawn whole, even on a control at the edge of the placement', async () => {
  // Placements are contained (content-visibility), which clips what is
  // drawn outside them: the ring (2px, 2px off the control) must fit.
  const { page, close } = await browser.open('/');
  await control(page, 'facebook').focus();
  const box = await control(page, 'facebook').boundingBox();
  const root = await page.evaluate(() => {
    const r = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('.root');
    const b = r.getBoundingClientRect();
    return { left: b.left + parseFloat(getComputedStyle(r).paddingLeft) };
  });
  assert.ok(Math.abs(box.x - root.left) < 1, 'the first control is at the edge of the placement');
  const png = await page.screenshot({ clip: { x: box.x - 5, y: box.y + box.height / 2 - 2, width: 5, height: 4 } });
  const ring = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let blue = 0;
    // The focus colour, #0969da.
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 60 && pixels[i + 1] > 80 && pixels[i + 1] < 130 && pixels[i + 2] > 190) blue += 1;
    return blue;
  }, png.toString('base64'));
  assert.ok(ring >= 4, `focus ring pixels left of the control: ${ring}`);
  await close();
});

test('a placement far below the viewport is drawn only as the reader nears it, and keeps its height after', async () => {
  const { page, close } = await browser.open('/list.html', { waitForHosts: 100 });
  const last = (scroll) =>
    page.evaluate((scroll) => {
      const hosts = document.querySelectorAll('[data-sharecite-host]');
      const host = hosts[hosts.length - 1];
      if (scroll === 'to it') host.scrollIntoView();
      if (scroll === 'away') window.scrollTo(0, 0);
      const control = host.shadowRoot.querySelector('[data-network]');
      return { drawn: control.checkVisibility({ contentVisibilityAuto: true }), height: host.getBoundingClientRect().height };
    }, scroll);
  // Runs in the page.
  const lastDrawn = (wanted) => {
    const hosts = document.querySelectorAll('[data-sharecite-host]');
    return hosts[hosts.length - 1].shadowRoot.querySelector('[data-network]').checkVisibility({ contentVisibilityAuto: true }) === wanted;
  };
  // Whether an element is skipped is decided at the first rendering after
  // it is inserted (until then Chromium draws it): wait for that decision.
  await page.waitForFunction(lastDrawn, false);
  assert.equal((await last()).drawn, false, 'not drawn while far away');
  await last('to it');
  await page.waitForFunction(lastDrawn, true);
  const near = await last();
  await control(page, 'x', 99).click({ trial: true });
  await last('away');
  await page.waitForFunction(lastDrawn, false);
  const away = await last();
  assert.equal(away.drawn, false, 'skipped again once far away');
  assert.ok(Math.abs(away.height - near.height) < 1, `it keeps the height it was drawn at: ${near.height} → ${away.height}`);
  await close();
});
