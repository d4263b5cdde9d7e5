import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './helpers.mjs';

const browser = useBrowser();

test('the seed page renders one widget after its script', async () => {
  const { page, log, close } = await browser.open('/');
  const info = await page.evaluate(() => {
    const host = document.querySelector('[data-sharecite-host]');
    return {
      previous: host.previousElementSibling.tagName,
      networks: [...host.shadowRoot.querySelectorAll('[data-network]')].map((e) => e.dataset.network),
    };
  });
  console.log(info, log.console);
  assert.equal(info.previous, 'SCRIPT');
  await close();
});
