// What the controls do: copy, cite, email, Mastodon, native share, print.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, recordEvents, events, control, status, readClipboard, shareciteMessages } from './helpers.mjs';

const browser = useBrowser();

const TITLE = 'The U.S. Ultimatum on Huawei Is Backfiring';
const ATTRIBUTION =
  'The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019';

test('copy link writes text and html, announces it, and dispatches sharecite:copy', async () => {
  const { page, close } = await browser.open('/?utm_campaign=spring', { clipboard: true });
  await recordEvents(page);
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  const url = `${browser.origin}/`;
  assert.deepEqual(await readClipboard(page), {
    'text/plain': url,
    'text/html': `<a href="${url}">${TITLE}</a>`,
  });
  const recorded = await events(page);
  assert.deepEqual(recorded.map((e) => e.type), ['sharecite:share', 'sharecite:copy']);
  assert.deepEqual(recorded[0].detail, { network: 'copy', url });
  assert.deepEqual(recorded[1].detail, { kind: 'link', text: url, html: `<a href="${url}">${TITLE}</a>` });
  assert.ok(recorded[1].bubbles && recorded[1].composed && recorded[1].fromHost);
  await close();
});

test('cite copies the attribution with a hyperlink to the original and the original-publication credit', async () => {
  const { page, close } = await browser.open('/', { clipboard: true });
  await recordEvents(page);
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  const url = `${browser.origin}/`;
  const clip = await readClipboard(page);
  assert.equal(
    clip['text/plain'],
    `${TITLE}\n${url}\n${ATTRIBUTION}\nThis article was originally published on CGTN (https://news.cgtn.com/).`,
  );
  assert.equal(
    clip['text/html'],
    `<p><a href="${url}">${TITLE}</a><br>${ATTRIBUTION}</p>` +
      '<p>This article was originally published on <a href="https://news.cgtn.com/">CGTN</a>.</p>',
  );
  const copyEvent = (await events(page)).find((e) => e.type === 'sharecite:copy');
  assert.equal(copyEvent.detail.kind, 'citation');
  assert.equal(copyEvent.detail.text, clip['text/plain']);
  await close();
});

test('keyboard: Enter and Space operate the buttons', async () => {
  const { page, close } = await browser.open('/', { clipboard: true });
  await control(page, 'copy').focus();
  await page.keyboard.press('Enter');
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  await control(page, 'cite').focus();
  await page.keyboard.press('Space');
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /Copyright ©/);
  await close();
});

test('without ClipboardItem, copy falls back to writeText', async () => {
  const { page, close } = await browser.open('/', {
    clipboard: true,
    init: () => {
      delete window.ClipboardItem;
    },
  });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  const clip = await readClipboard(page);
  assert.deepEqual(Object.keys(clip), ['text/plain']);
  assert.match(clip['text/plain'], /originally published on CGTN/);
  await close();
});

test('without the async Clipboard API, copy falls back to execCommand with both flavours', async () => {
  const { page, close } = await browser.open('/', {
    clipboard: true,
    init: () => {
      window.__realClipboard = navigator.clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
    },
  });
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  const clip = await readClipboard(page, '__realClipboard');
  assert.equal(clip['text/plain'], `${browser.origin}/`);
  assert.match(clip['text/html'], new RegExp(`<a href="${browser.origin}/">${TITLE}</a>`));
  await close();
});

test('a page whose navigator.clipboard throws still copies, by execCommand', async () => {
  const { page, log, close } = await browser.open('/', {
    clipboard: true,
    init: () => {
      window.__realClipboard = navigator.clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        get: () => {
          throw new Error('a hostile getter');
        },
        configurable: true,
      });
    },
  });
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  assert.equal((await readClipboard(page, '__realClipboard'))['text/plain'], `${browser.origin}/`);
  assert.deepEqual(log.errors, []);
  await close();
});

test('when the clipboard refuses a way, copy tries the next, in order, still counting as the click', async () => {
  const { page, log, close } = await browser.open('/', {
    clipboard: true,
    init: () => {
      window.__tried = [];
      Clipboard.prototype.write = function () {
        window.__tried.push('write');
        return Promise.reject(new DOMException('refused', 'NotAllowedError'));
      };
      Clipboard.prototype.writeText = function () {
        window.__tried.push('writeText');
        return Promise.reject(new DOMException('refused', 'NotAllowedError'));
      };
      const execCommand = document.execCommand.bind(document);
      document.execCommand = (command) => {
        window.__tried.push(command);
        return execCommand(command);
      };
    },
  });
  await recordEvents(page);
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Link copied' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__tried), ['write', 'writeText', 'copy']);
  const clip = await readClipboard(page);
  assert.equal(clip['text/plain'], `${browser.origin}/`);
  assert.match(clip['text/html'], new RegExp(`<a href="${browser.origin}/">${TITLE}</a>`));
  assert.deepEqual((await events(page)).map((e) => e.type), ['sharecite:share', 'sharecite:copy']);
  assert.deepEqual(log.errors, []);
  await close();
});

test('when every way to copy fails, the failure is announced and nothing throws', async () => {
  const { page, log, close } = await browser.open('/', {
    init: () => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
      document.execCommand = () => false;
    },
  });
  await recordEvents(page);
  await control(page, 'copy').click();
  await status(page).filter({ hasText: 'Could not copy' }).waitFor();
  assert.deepEqual(await events(page), []);
  assert.deepEqual(log.errors, []);
  assert.ok(log.console.some((m) => m.type === 'error' && m.text.startsWith('sharecite: copying failed')));
  await close();
});

test('the status line is a live region whose message clears itself', async () => {
  const { page, close } = await browser.open('/', {
    clipboard: true,
    init: () => {
      // Six seconds is long for a test: let time run faster.
      const setTimeoutOriginal = window.setTimeout;
      window.setTimeout = (fn, ms, ...args) => setTimeoutOriginal(fn, ms > 1000 ? 50 : ms, ...args);
    },
  });
  const line = status(page);
  assert.equal(await line.getAttribute('role'), 'status');
  // The message lives 50 ms here: record it rather than race to see it.
  await page.evaluate(() => {
    window.__statuses = [];
    const region = document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[role=status]');
    new MutationObserver(() => window.__statuses.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await control(page, 'copy').click();
  await page.waitForFunction(() => window.__statuses.includes('Link copied') && window.__statuses.at(-1) === '');
  await close();
});

test('mastodon: the reader names a server, it is remembered on the device, and the share opens there', async () => {
  const { page, context, log, close } = await browser.open('/');
  await recordEvents(page);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored before a choice');
  const link = control(page, 'mastodon');
  await link.click();
  const input = page.locator('[data-sharecite-host]').getByRole('textbox', { name: 'Your Mastodon server' });
  await input.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.name), 'instance');

  await input.fill('not a server');
  await input.press('Enter');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(log.thirdParty.length, 0);

  await input.fill('https://Fosstodon.org/@someone');
  const opened = context.waitForEvent('request', (r) => r.url().startsWith('https://fosstodon.org/share?text='));
  await input.press('Enter');
  const request = await opened;
  assert.equal(
    request.url(),
    `https://fosstodon.org/share?text=${encodeURIComponent(TITLE)}%20${encodeURIComponent(`${browser.origin}/`)}`,
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('sharecite:mastodon-instance')), 'fosstodon.org');
  assert.match(await link.getAttribute('href'), /^https:\/\/fosstodon\.org\/share\?text=/);
  assert.deepEqual((await events(page)).map((e) => e.detail.network), ['mastodon']);
  assert.equal(await input.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.dataset.network), 'mastodon');

  // Next time the form is pre-filled; Escape closes it and returns focus.
  await link.click();
  assert.equal(await input.inputValue(), 'fosstodon.org');
  await input.press('Escape');
  assert.equal(await input.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.dataset.network), 'mastodon');

  // A reload keeps the choice in the link itself.
  await page.reload();
  await page.waitForSelector('[data-sharecite-host]');
  assert.match(await control(page, 'mastodon').getAttribute('href'), /^https:\/\/fosstodon\.org\/share/);
  await close();
});

test('mastodon: where storage throws (blocked cookies, a sandboxed frame), the share still opens and nothing is remembered', async () => {
  const { page, context, log, close } = await browser.open('/', {
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        get: () => {
          throw new DOMException('storage is blocked', 'SecurityError');
        },
        configurable: true,
      });
    },
  });
  const link = control(page, 'mastodon');
  await link.click();
  const input = page.locator('[data-sharecite-host]').getByRole('textbox', { name: 'Your Mastodon server' });
  await input.waitFor();
  assert.equal(await input.inputValue(), '');
  await input.fill('fosstodon.org');
  const opened = context.waitForEvent('request', (r) => r.url().startsWith('https://fosstodon.org/share?text='));
  await input.press('Enter');
  await opened;
  await link.click();
  await input.waitFor();
  assert.equal(await input.inputValue(), '', 'nothing remembered');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(shareciteMessages(log, 'error'), []);
  await close();
});

test('native share appears only where navigator.share exists, and shares title and URL', async () => {
  const plain = await browser.open('/strict/');
  assert.equal(await plain.page.evaluate(() => typeof navigator.share), 'undefined');
  await plain.close();

  const { page, close } = await browser.open('/', {
    init: () => {
      window.__shared = [];
      Navigator.prototype.share = function share(data) {
        window.__shared.push(data);
        return Promise.resolve();
      };
    },
  });
  // The seed page lists `native` first.
  const first = await page.evaluate(() => document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[data-network]').dataset.network);
  assert.equal(first, 'native');
  await recordEvents(page);
  await control(page, 'native').click();
  await page.waitForFunction(() => window.__shareciteEvents.length === 1);
  assert.deepEqual(await page.evaluate(() => window.__shared), [{ title: TITLE, url: `${browser.origin}/` }]);
  assert.deepEqual((await events(page))[0].detail, { network: 'native', url: `${browser.origin}/` });
  await close();

  // A page whose navigator.share getter throws cannot share: no native
  // control, and nothing thrown at the page.
  const hostile = await browser.open('/', {
    init: () => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        get() {
          throw new Error('no sharing here');
        },
      });
    },
  });
  const ids = await hostile.page.evaluate(() =>
    [...document.querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('[data-network]')].map((c) => c.dataset.network),
  );
  assert.ok(ids.includes('facebook') && !ids.includes('native'), ids.join(' '));
  assert.deepEqual(hostile.log.errors, []);
  await hostile.close();
});

// A share sheet the reader closed is no share and no error; one that
// fails says why, once. Neither claims a share.
for (const [name, reason, reported] of [
  ['AbortError', 'cancelled', false],
  ['NotAllowedError', 'not now', true],
]) {
  test(`native share rejected with ${name}: ${reported ? 'reported once' : 'silent'}`, async () => {
    const rejection = `new DOMException(${JSON.stringify(reason)}, ${JSON.stringify(name)})`;
    const { page, log, close } = await browser.open('/', {
      init: `Navigator.prototype.share = () => Promise.reject(${rejection});`,
    });
    await recordEvents(page);
    await control(page, 'native').click();
    await page.waitForTimeout(200);
    assert.deepEqual(await events(page), []);
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text);
    assert.equal(errors.length, reported ? 1 : 0, errors.join('\n'));
    if (reported) assert.ok(errors[0].startsWith('sharecite: sharing failed') && errors[0].includes(reason), errors[0]);
    await close();
  });
}

test('print prints', async () => {
  const { page, close } = await browser.open('/', {
    init: () => {
      window.__printed = 0;
      window.print = () => {
        window.__printed += 1;
      };
    },
  });
  await recordEvents(page);
  await control(page, 'print').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.deepEqual((await events(page))[0].detail.network, 'print');
  await close();
});

test('email forwards title, link and attribution, and opens no new tab', async () => {
  const { page, close } = await browser.open('/');
  const email = control(page, 'email');
  assert.equal(await email.getAttribute('target'), null);
  const body = decodeURIComponent((await email.getAttribute('href')).split('&body=')[1]);
  assert.ok(body.includes(ATTRIBUTION), body);
  assert.ok(body.startsWith(`${TITLE}\r\n${browser.origin}/`), body);
  await close();
});
