// Citations, the formats menu, crossposting, copy attribution and quote
// sharing (issue 3).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dictionaryIn, inflateStored, storedParts, storeModule } from '../../scripts/stored-module.mjs';
import { useBrowser, recordEvents, events, control, status, readClipboard, shareciteMessages } from './helpers.mjs';

const browser = useBrowser();
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const DOI = 'https://doi.org/10.1234/jwe.2024.0412';

/** The element focused inside the first placement's shadow root. */
const focused = (page) =>
  page.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement;
    return inner ? inner.dataset.style || inner.dataset.action || inner.dataset.network || inner.textContent : null;
  });

async function selectParagraph(page, selector, index = 0, { from = 0, length } = {}) {
  // Once ready: a page that turns a selection feature on is ready once
  // the module that serves it is in (until then selections go unserved).
  await page.evaluate(() => window.sharecite.ready);
  await page.evaluate(
    ({ selector, index, from, length }) => {
      const node = document.querySelectorAll(selector)[index].firstChild;
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, length === undefined ? node.textContent.length : from + length);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { selector, index, from, length },
  );
}

/** Presses Ctrl+C and returns what the clipboard then holds. */
async function copySelection(page) {
  await page.evaluate(() => navigator.clipboard.writeText('(before)'));
  await page.keyboard.press('Control+C');
  await page.waitForTimeout(100);
  return readClipboard(page);
}

test('cite copies the style data-cite-style names (APA here), with italics in HTML', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  const clip = await readClipboard(page);
  assert.equal(
    clip['text/plain'],
    `Nakamura, A., Okafor, C., & Silva, M. (2024). Measuring the Weight of Third-Party Widgets on News Sites. Journal of Web Engineering, 23(4), 512–538. ${DOI}`,
  );
  assert.match(clip['text/html'], /<i>Journal of Web Engineering<\/i>, <i>23<\/i>\(4\)/);
  await close();
});

test('the formats menu works by keyboard alone and names itself to screen readers', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  const host = page.locator('[data-sharecite-host]');
  const toggle = host.getByRole('button', { name: 'Citation formats' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await host.getByRole('group', { name: 'Copy the citation as' }).count(), 0, 'closed menu is hidden');
  assert.equal(await host.locator('[data-action=cite-as]').count(), 0, 'and empty: its formats are built when it first opens');

  await control(page, 'cite').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'formats');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const group = host.getByRole('group', { name: 'Copy the citation as' });
  const formats = ['Attribution', 'APA', 'MLA', 'Chicago', 'Chicago (author-date)', 'Harvard', 'BibTeX', 'BibLaTeX', 'RIS', 'CSL-JSON'];
  assert.deepEqual(await group.getByRole('button').allTextContents(), formats);
  assert.equal(await focused(page), 'attribution', 'focus moves into the menu');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'apa');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'csl-json', 'arrows wrap');
  await page.keyboard.press('Home');
  assert.equal(await focused(page), 'attribution');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  const json = JSON.parse((await readClipboard(page))['text/plain']);
  assert.equal(json[0].type, 'article-journal');
  assert.equal(json[0].DOI, '10.1234/jwe.2024.0412');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'choosing closes the menu');
  assert.equal(await focused(page), 'formats', 'and returns focus to its button');

  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await group.getByRole('button').allTextContents(), formats, 'reopened, each format once');
  assert.equal(await group.locator('.formats-label').count(), 1);
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(page), 'formats', 'Escape returns focus too');
  await close();
});

test('the formats menu closes on a click outside it', async () => {
  const { page, close } = await browser.open('/citations.html');
  const toggle = page.locator('[data-sharecite-host] [data-action=formats]');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.locator('h1').click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await close();
});

test('citations carry the day the reader cites in their own time zone, as their clock has it', async () => {
  // Half past eleven at night on a leap day, in the page's time zone.
  const { page, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) => page.clock.setFixedTime(new Date(2024, 1, 29, 23, 30)),
  });
  await page.locator('[data-sharecite-host] [data-action=formats]').click();
  await page.locator('[data-sharecite-host] [data-style=csl-json]').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  const [item] = JSON.parse((await readClipboard(page))['text/plain']);
  assert.deepEqual(item.accessed, { 'date-parts': [[2024, 2, 29]] });
  await close();
});

test('every format from the menu, as text and HTML', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  const expected = {
    attribution: /^“Measuring the Weight of Third-Party Widgets on News Sites” by Akiko Nakamura, Chidi Okafor and Marta Silva, Example University Press, 2024\. http/,
    mla: /^Nakamura, Akiko, et al\. “Measuring the Weight of Third-Party Widgets on News Sites\.” Journal of Web Engineering, vol\. 23, no\. 4, June 2024, pp\. 512–38, https:\/\/doi\.org/,
    chicago: /^Nakamura, Akiko, Chidi Okafor, and Marta Silva\. “Measuring the Weight of Third-Party Widgets on News Sites\.” Journal of Web Engineering 23, no\. 4 \(2024\): 512–38\. https:\/\/doi/,
    'chicago-author-date': /^Nakamura, Akiko, Chidi Okafor, and Marta Silva\. 2024\. “Measuring/,
    harvard: /^Nakamura, A\., Okafor, C\. and Silva, M\. \(2024\) “Measuring the Weight of Third-Party Widgets on News Sites,” Journal of Web Engineering, 23\(4\), pp\. 512–538\. Available at: https:\/\/doi\.org\/10\.1234\/jwe\.2024\.0412\.$/,
    bibtex: /^@article\{nakamura2024measuring,\n  author = \{Nakamura, Akiko and Okafor, Chidi and Silva, Marta\},/,
    biblatex: /^@article\{nakamura2024measuring,[\s\S]*journaltitle = \{Journal of Web Engineering\}[\s\S]*date = \{2024-06-15\}/,
    ris: /^TY {2}- JOUR\r\nAU {2}- Nakamura, Akiko\r\n/,
  };
  for (const [style, pattern] of Object.entries(expected)) {
    await page.locator('[data-sharecite-host] [data-action=formats]').click();
    await page.locator(`[data-sharecite-host] [data-style="${style}"]`).click();
    await page.waitForFunction(
      () => document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[role=status]').textContent,
    );
    const clip = await readClipboard(page);
    assert.match(clip['text/plain'], pattern, style);
    assert.ok(clip['text/html'].length > 0, style);
    await page.evaluate(() => (document.querySelector('[data-sharecite-host]').shadowRoot.querySelector('[role=status]').textContent = ''));
  }
  await close();
});

test('crosspost copies the linked title, the description, the attribution with its link, and the credit', async () => {
  const { page, close } = await browser.open('/', { clipboard: true });
  await recordEvents(page);
  await control(page, 'crosspost').click();
  await status(page).filter({ hasText: 'paste it into your blog or forum' }).waitFor();
  const url = `${browser.origin}/`;
  const clip = await readClipboard(page);
  assert.equal(
    clip['text/plain'],
    `The U.S. Ultimatum on Huawei Is Backfiring\n${url}\n\n` +
      'Washington presses its partners to shut Huawei out of their 5G networks; most of them are choosing otherwise.\n\n' +
      'The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019\n' +
      `${url}\nThis article was originally published on CGTN (https://news.cgtn.com/).`,
  );
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return [...doc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
  }, clip['text/html']);
  assert.deepEqual(parsed, [
    ['The U.S. Ultimatum on Huawei Is Backfiring', url],
    [url, url],
    ['CGTN', 'https://news.cgtn.com/'],
  ]);
  const copy = (await events(page)).find((e) => e.type === 'sharecite:copy');
  assert.equal(copy.detail.kind, 'crosspost');
  await close();
});

test('copy attribution: long copies from the article carry the attribution and link', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  await recordEvents(page);
  await selectParagraph(page, 'article p', 3);
  const clip = await copySelection(page);
  assert.match(clip['text/plain'], /^News pages carry many third-party scripts[\s\S]*anything\.\n\n“Measuring the Weight/);
  assert.ok(clip['text/plain'].endsWith(`${browser.origin}/citations.html`));
  assert.match(clip['text/html'], /^<p>News pages carry[\s\S]*<a href="http:\/\/127\.0\.0\.1:\d+\/citations\.html">/);
  const copy = (await events(page)).find((e) => e.type === 'sharecite:copy');
  assert.equal(copy.detail.kind, 'quote');
  await close();
});

/** citations.html with `data-article="${selector}"` on its script. */
function openWithArticle(selector) {
  return browser.open('/citations.html', {
    clipboard: true,
    before: (_, context) =>
      context.route('**/citations.html', async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace('data-copy-attribution="on"', `data-copy-attribution="on" data-article="${selector}"`);
        return route.fulfill({ response, body: html });
      }),
  });
}

test('data-article names the element copies are attributed from', async () => {
  // The article's fourth paragraph alone ("News pages carry..."), not the fifth.
  const { page, log, close } = await openWithArticle('article > p:nth-of-type(4)');
  await selectParagraph(page, 'article p', 3);
  assert.match((await copySelection(page))['text/plain'], /^News pages carry many third-party scripts[\s\S]*\n\n“Measuring the Weight/, 'inside: attributed');
  await selectParagraph(page, 'article p', 4);
  assert.match((await copySelection(page))['text/plain'], /^Select a sentence in this article[^\n]*with it\.$/, 'outside: left alone');
  assert.deepEqual(shareciteMessages(log, 'warning'), []);
  await close();
});

test('an invalid data-article is reported once and the placement\'s own article used instead', async () => {
  const { page, log, close } = await openWithArticle('[[[');
  await selectParagraph(page, 'article p', 3);
  const clip = await copySelection(page);
  assert.match(clip['text/plain'], /^News pages carry many third-party scripts[\s\S]*anything\.\n\n“Measuring the Weight/, 'still attributed');
  const warnings = shareciteMessages(log, 'warning');
  assert.deepEqual(warnings, ['sharecite: data-article="[[[" is not a valid CSS selector; the placement\'s <article> or <main> is used instead']);
  await close();
});

test('copy attribution leaves short copies, copies outside the article and copies in inputs alone', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  await selectParagraph(page, 'article p', 3, { length: 79 });
  assert.equal((await copySelection(page))['text/plain'], 'News pages carry many third-party scripts, and share buttons are among the most', 'under data-copy-min');
  await selectParagraph(page, '.masthead a', 0);
  assert.equal((await copySelection(page))['text/plain'], 'Journal of Web Engineering', 'outside the article');
  await page.locator('input[name=q]').focus();
  await page.keyboard.press('Control+A');
  assert.equal((await copySelection(page))['text/plain'], 'share widgets and their weight on every reader of every page', 'in an input');
  // A comment box the site put in its article is the reader's own writing.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.className = 'reply';
    box.textContent = 'A reply of my own, in the article and well over the eighty characters after which a copy from the article is attributed.';
    document.querySelector('article').append(box);
  });
  await selectParagraph(page, 'article .reply', 0);
  assert.equal((await copySelection(page))['text/plain'], 'A reply of my own, in the article and well over the eighty characters after which a copy from the article is attributed.', 'in an editable region');
  await close();
});

test('copy attribution is off unless the site turns it on', async () => {
  const { page, close } = await browser.open('/', { clipboard: true });
  await selectParagraph(page, 'article p', 4);
  const clip = await copySelection(page);
  assert.ok(clip['text/plain'].startsWith('Telecommunications equipment'));
  assert.ok(!clip['text/plain'].includes('original source'), clip['text/plain']);
  await close();
});

test('quote sharing: selecting text offers a popover that never takes focus and leaves on Escape', async () => {
  const { page, close } = await browser.open('/citations.html', { clipboard: true });
  await page.locator('h1').click();
  const before = await page.evaluate(() => document.activeElement.tagName);
  await selectParagraph(page, 'article p', 3, { from: 0, length: 41 });
  await page.dispatchEvent('article', 'mouseup');
  const popover = page.locator('[data-sharecite-quote]');
  const toolbar = popover.getByRole('toolbar', { name: 'Share this quote' });
  await toolbar.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), before, 'focus stays put');
  const x = new URL(await popover.locator('[data-network=x]').getAttribute('href'));
  assert.equal(x.searchParams.get('text'), '“News pages carry many third-party scripts”');
  assert.equal(x.searchParams.get('url'), `${browser.origin}/citations.html`);
  assert.deepEqual(await popover.locator('[data-network]').evaluateAll((els) => els.map((e) => e.dataset.network)), ['x', 'bluesky', 'mastodon', 'email', 'copy']);
  const box = await toolbar.boundingBox();
  assert.ok(box.y > 0 && box.height > 20, 'placed on the page');
  const selected = await page.evaluate(() => {
    const { bottom, left } = getSelection().getRangeAt(0).getBoundingClientRect();
    return { bottom, left };
  });
  assert.ok(Math.abs(box.y - (selected.bottom + 8)) <= 1, `8 px under the selection (${box.y}, ${selected.bottom})`);
  assert.ok(Math.abs(box.x - selected.left) <= 1, `at its left (${box.x}, ${selected.left})`);

  await popover.locator('[data-network=copy]').click();
  await status(page).filter({ hasText: 'Quote copied' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /^“News pages carry many third-party scripts”\n\n“Measuring/);
  assert.equal(await toolbar.isVisible(), false, 'an action closes it');

  await selectParagraph(page, 'article p', 3, { from: 0, length: 41 });
  await page.dispatchEvent('article', 'mouseup');
  await toolbar.waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await toolbar.isVisible(), false, 'Escape closes it');
  await close();
});

test('quote sharing is off unless the site turns it on', async () => {
  const { page, close } = await browser.open('/');
  await selectParagraph(page, 'article p', 4);
  await page.dispatchEvent('article', 'mouseup');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('[data-sharecite-quote]').count(), 0);
  await close();
});

test('axe-core: no violation with the formats menu open and the quote popover shown', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, close } = await browser.open('/citations.html', { contextOptions: { colorScheme, reducedMotion: 'reduce' } });
    await page.locator('[data-sharecite-host] [data-action=formats]').click();
    await selectParagraph(page, 'article p', 3, { from: 0, length: 41 });
    await page.dispatchEvent('article', 'mouseup');
    await page.locator('[data-sharecite-quote] [role=toolbar]').waitFor();
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const { violations } = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    assert.deepEqual(violations, [], colorScheme);
    await close();
  }
});

test('the citation styles are fetched only when a reader is about to cite, once', async () => {
  const { page, log, close } = await browser.open('/citations.html', { clipboard: true });
  const fetched = () => log.requests.filter((u) => u.includes('sharecite_cite_bg.wasm')).length;
  await page.waitForTimeout(300);
  assert.equal(fetched(), 0, 'not on page load');
  await control(page, 'cite').hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('sharecite_cite_bg.wasm')));
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  await page.locator('[data-sharecite-host] [data-action=formats]').click();
  await page.locator('[data-sharecite-host] [data-style=mla]').click();
  await page.waitForTimeout(200);
  assert.match((await readClipboard(page))['text/plain'], /^Nakamura, Akiko, et al\./);
  assert.equal(fetched(), 1, 'once');
  await close();
});

test('copy attribution, quote sharing and crossposting come in a module of their own, fetched once by pages that turn one on, before ready', async () => {
  const fetched = (log) => log.requests.filter((u) => u.includes('sharecite_republish_bg.wasm')).length;
  const article = await browser.open('/jsonld.html');
  await article.page.evaluate(() => window.sharecite.ready);
  await article.page.waitForTimeout(300);
  assert.equal(fetched(article.log), 0, 'not on a page that turns none on');
  await article.close();
  const { page, log, close } = await browser.open('/citations.html');
  const loadedAtReady = await page.evaluate(() =>
    window.sharecite.ready.then(() => performance.getEntriesByType('resource').some((e) => e.name.includes('sharecite_republish_bg.wasm'))),
  );
  assert.ok(loadedAtReady, 'in by the time sharecite.ready resolves');
  assert.equal(fetched(log), 1, 'once');
  await close();
  // The seed's demo turns crossposting alone on.
  const seed = await browser.open('/');
  await seed.page.evaluate(() => window.sharecite.ready);
  assert.equal(fetched(seed.log), 1, 'for crossposting alone');
  await seed.close();
});

test('when the republishing module cannot load, the page is told, copies go as they are, crosspost says it could not copy and the other buttons work', async () => {
  const { page, log, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) => page.route('**/sharecite_republish_bg.wasm*', (route) => route.abort()),
  });
  await selectParagraph(page, 'article p', 3);
  const clip = await copySelection(page);
  assert.equal(clip['text/plain'], 'News pages carry many third-party scripts, and share buttons are among the most common of them. Each one is downloaded, parsed and run by every reader, whether or not anyone shares anything.');
  assert.deepEqual(log.errors, []);
  const errors = () => log.console.filter((m) => m.type === 'error' && m.text.startsWith('sharecite:')).map((m) => m.text);
  assert.equal(errors().length, 1, JSON.stringify(errors()));
  assert.match(errors()[0], /^sharecite: could not load copy attribution, quote sharing and crossposting \S/, 'once, with the reason');
  await control(page, 'crosspost').click();
  await status(page).filter({ hasText: 'Could not copy' }).waitFor();
  assert.equal(errors().length, 2, JSON.stringify(errors()));
  assert.match(errors()[1], /^sharecite: could not load crossposting \S/, 'the click tried again');
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  await close();
});

test('when the citation module cannot load, the failure is announced and nothing reaches the page', async () => {
  const { page, log, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) => page.route('**/sharecite_cite_bg.wasm*', (route) => route.abort()),
  });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Could not copy' }).waitFor();
  assert.deepEqual(log.errors, []);
  assert.ok(log.console.some((m) => m.type === 'error' && m.text.startsWith('sharecite: could not format the citation')));
  // The attribution needs no module and still works.
  await page.locator('[data-sharecite-host] [data-action=formats]').click();
  await page.locator('[data-sharecite-host] [data-style=attribution]').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  await close();
});

// The citation module carries the constants only its code reads
// (scripts/split-module.mjs): none the widget reads may have gone with it.
test('without the citation module, the widget reads all it needs: links, attribution, crosspost, formats menu', async () => {
  const blocked = { clipboard: true, before: (page) => page.route('**/sharecite_cite_bg.wasm*', (route) => route.abort()) };
  const article = await browser.open('/', blocked);
  const { page } = article;
  const url = `${browser.origin}/`;
  const attribution = 'The original source of this article is Global Research. Copyright © Andrew Korybko, Global Research, 2019';
  await page.locator('[data-sharecite-host]').hover();
  assert.equal(
    await control(page, 'facebook').getAttribute('href'),
    `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
  );
  const body = decodeURIComponent((await control(page, 'email').getAttribute('href')).split('&body=')[1]);
  assert.ok(body.includes(attribution), body);
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  assert.equal(
    (await readClipboard(page))['text/plain'],
    `The U.S. Ultimatum on Huawei Is Backfiring\n${url}\n${attribution}\nThis article was originally published on CGTN (https://news.cgtn.com/).`,
  );
  await control(page, 'crosspost').click();
  await status(page).filter({ hasText: 'paste it into your blog or forum' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /Huawei out of their 5G networks; most of them are choosing otherwise\.\n\nThe original source/);
  assert.deepEqual(article.log.errors, []);
  await article.close();

  const citations = await browser.open('/citations.html', blocked);
  const host = citations.page.locator('[data-sharecite-host]');
  await host.getByRole('button', { name: 'Citation formats' }).click();
  assert.deepEqual(
    await host.getByRole('group', { name: 'Copy the citation as' }).getByRole('button').allTextContents(),
    ['Attribution', 'APA', 'MLA', 'Chicago', 'Chicago (author-date)', 'Harvard', 'BibTeX', 'BibLaTeX', 'RIS', 'CSL-JSON'],
  );
  assert.ok(citations.log.requests.some((u) => u.includes('sharecite_cite_bg.wasm')), 'it was asked for, and refused');
  await citations.close();
});

test('a citation module deflated against another build of the widget is refused, not run', async () => {
  // The same module, deflated against a widget file one bit different in
  // the stretch it takes as dictionary: spliced with this page's widget,
  // it inflates to other bytes, which the zlib checksum catches.
  const other = Buffer.from(inflateStored(readFileSync(WIDGET)));
  const [start, end] = dictionaryIn(other);
  other[(start + end) >> 1] ^= 1;
  const mismatched = storedAgainst(other);
  const { page, log, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) =>
      page.route('**/sharecite_cite_bg.wasm*', (route) => route.fulfill({ body: mismatched, contentType: 'application/wasm' })),
  });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Could not copy' }).waitFor();
  assert.ok(
    log.console.some((m) => m.type === 'error' && m.text.startsWith('sharecite: could not format the citation') && /not the deflated module dist\/ ships/.test(m.text)),
    log.console.map((m) => m.text).join('\n'),
  );
  assert.deepEqual(log.errors, []);
  await close();
});

// A module with the citation module's export, `cite`, which traps at once,
// stored as dist/ stores the citation module (split, deflated against the
// widget's file, rebuilt by the decoder that file carries):
// (module (func (export "cite") (param i32) unreachable))
const WIDGET = new URL('../../dist/sharecite_bg.wasm', import.meta.url);
const TRAPPING_MODULE = Buffer.from('0061736d0100000001050160017f0003020100070801046369746500000a05010300000b', 'hex');
const storedAgainst = (widgetFile) =>
  storeModule(TRAPPING_MODULE, storedParts(WIDGET).decoder, { carried: false, against: widgetFile });
const TRAPPING_CITE_MODULE = storedAgainst(inflateStored(readFileSync(WIDGET)));

test('after the citation module traps, the next citation starts from a fresh instance', async () => {
  let trapping = true;
  const { page, log, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) =>
      page.route('**/sharecite_cite_bg.wasm*', (route) =>
        trapping ? route.fulfill({ body: TRAPPING_CITE_MODULE, contentType: 'application/wasm' }) : route.continue(),
      ),
  });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Could not copy' }).waitFor();
  assert.ok(log.console.some((m) => m.type === 'error' && m.text.startsWith('sharecite: could not format the citation')));
  trapping = false;
  await page.waitForTimeout(1100);
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /^Nakamura, A\./);
  assert.deepEqual(log.errors, []);
  await close();
});

test('the citation module loads where the server does not send application/wasm', async () => {
  const { page, log, close } = await browser.open('/citations.html', {
    clipboard: true,
    before: (page) =>
      page.route('**/sharecite_cite_bg.wasm*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
      }),
  });
  await control(page, 'cite').click();
  await status(page).filter({ hasText: 'Citation copied' }).waitFor();
  assert.match((await readClipboard(page))['text/plain'], /^Nakamura, A\./);
  assert.deepEqual(log.errors, []);
  await close();
});
