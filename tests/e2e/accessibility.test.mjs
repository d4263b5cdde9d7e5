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
