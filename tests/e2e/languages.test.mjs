// Languages: the locale from data-lang, else <html lang>, through a fallback
// chain; right-to-left layout; strings fetched only for the language used.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, shareciteMessages } from './helpers.mjs';

const browser = useBrowser();

const describe = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-sharecite-host]')].map((host) => {
      const root = host.shadowRoot.querySelector('.root');
      const controls = [...root.querySelectorAll('[data-network]')];
      return {
        lang: root.getAttribute('lang'),
        dir: root.getAttribute('dir'),
        labels: controls.map((c) => c.innerText.trim()),
        group: root.querySelector('.list').getAttribute('aria-label'),
        x: controls.map((c) => Math.round(c.getBoundingClientRect().x)),
      };
    }),
  );

test('each placement speaks the language asked for, with a fallback chain', async () => {
  const { page, log, close } = await browser.open('/languages.html', { waitForHosts: 5 });
  const placements = await describe(page);
  assert.deepEqual(
    placements.map((p) => [p.lang, p.dir, p.group]),
    [
      ['de', 'ltr', 'Diesen Artikel teilen'],
      ['ar', 'rtl', 'شارك هذا المقال'],
      ['pt-BR', 'ltr', 'Compartilhar este artigo'],
      ['zh-Hant', 'ltr', '分享這篇文章'],
      ['de', 'ltr', 'Diesen Artikel teilen'],
    ],
  );
  assert.deepEqual(placements[0].labels, ['X', 'E-Mail', 'Link kopieren', 'Zitieren']);
  assert.deepEqual(placements[3].labels, ['X', '電子郵件', '複製連結', '引用']);
  // Right to left: the first control is the rightmost.
  const rtl = placements[1].x;
  assert.ok(rtl[0] > rtl[1] && rtl[1] > rtl[2], `rtl order ${rtl}`);
  const ltr = placements[0].x;
  assert.ok(ltr[0] < ltr[1] && ltr[1] < ltr[2], `ltr order ${ltr}`);
  // One fetch per language, none for English.
  const fetched = log.requests.filter((u) => u.includes('/locales/')).map((u) => u.replace(/^.*\/locales\//, '').replace(/\?.*/, ''));
  assert.deepEqual(fetched.sort(), ['ar.txt', 'de.txt', 'pt-BR.txt', 'zh-Hant.txt']);
  assert.deepEqual(shareciteMessages(log, 'warning'), []);
  await close();
});

test('accessible names and announcements are translated', async () => {
  const { page, close } = await browser.open('/languages.html', { waitForHosts: 5, clipboard: true });
  const german = page.locator('[data-sharecite-host]').first();
  const snapshot = await german.ariaSnapshot();
  assert.match(snapshot, /link "Auf X teilen \(öffnet in einem neuen Tab\)"/);
  assert.match(snapshot, /button "Diesen Artikel zitieren": Zitieren/);
  await german.locator('[data-network=copy]').click();
  await german.locator('[role=status]').filter({ hasText: 'Link kopiert' }).waitFor();
  await close();
});

test('English pages fetch no strings; a missing locale file falls back to English with a warning', async () => {
  const english = await browser.open('/');
  assert.deepEqual(english.log.requests.filter((u) => u.includes('/locales/')), []);
  await english.close();

  const { page, log, close } = await browser.open('/languages.html', {
    waitForHosts: 5,
    before: (page) => page.route('**/locales/**', (route) => route.fulfill({ status: 404, body: 'nope' })),
  });
  const placements = await describe(page);
  assert.deepEqual(placements.map((p) => p.lang), ['en', 'en', 'en', 'en', 'en']);
  const warnings = shareciteMessages(log, 'warning');
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.ok(warnings.every((w) => /^sharecite: could not load http:\/\/127\.0\.0\.1:\d+\/dist\/locales\/.+\.txt; using English\./.test(w)));
  assert.deepEqual(log.errors, []);
  await close();
});

test('an incomplete locale file (a stale cache, a bad deploy) is refused with one warning each, in English', async () => {
  const { page, log, close } = await browser.open('/languages.html', {
    waitForHosts: 5,
    before: (page) => page.route('**/locales/**', (route) => route.fulfill({ status: 200, body: 'dir = ltr\nshare-group = Partager' })),
  });
  const placements = await describe(page);
  assert.deepEqual(placements.map((p) => p.lang), ['en', 'en', 'en', 'en', 'en']);
  assert.deepEqual(placements[0].labels, placements[4].labels);
  const warnings = shareciteMessages(log, 'warning');
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.ok(
    warnings.every((w) => /^sharecite: locales\/[A-Za-z-]+\.txt="[A-Za-z-]+" is not valid: expected a complete locale file; using English$/.test(w)),
    warnings.join('\n'),
  );
  assert.deepEqual(log.errors, []);
  await close();
});
