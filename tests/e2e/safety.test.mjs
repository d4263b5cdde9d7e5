// Privacy, hostile pages, bad configuration, a strict CSP, and a widget
// that cannot load: in every case the page keeps working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { framed, readStoredModule, storedParts, storeModule } from '../../scripts/stored-module.mjs';
import { SPLIT_HEADER } from '../../scripts/split-code.mjs';
import { useBrowser, shareciteMessages, control } from './helpers.mjs';

const browser = useBrowser();

test('privacy: no third-party request, no cookie, nothing stored before a click', async () => {
  for (const path of ['/', '/list.html', '/jsonld.html', '/dark.html']) {
    const { page, context, log, close } = await browser.open(path);
    await page.waitForTimeout(300);
    assert.deepEqual(log.thirdParty, [], `${path}: ${log.thirdParty.join(' ')}`);
    assert.ok(log.requests.every((u) => u.startsWith(browser.origin)), log.requests.join(' '));
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
    await close();
  }
});

test('hostile metadata renders as text, unsafe links are refused, and each problem is one clear warning', async () => {
  const { page, log, close } = await browser.open('/hostile.html');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(log.errors, []);

  const shadow = await page.evaluate(() => {
    const root = document.querySelector('[data-sharecite-host]').shadowRoot;
    return {
      elements: [...root.querySelectorAll('*')].map((e) => e.localName),
      hrefs: [...root.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
      handlers: [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      networks: [...root.querySelectorAll('[data-network]')].map((e) => e.dataset.network),
      credit: root.querySelector('.credit')?.textContent,
      theme: root.querySelector('.root').dataset.theme,
    };
  });
  const allowed = new Set(['div', 'ul', 'li', 'a', 'button', 'span', 'svg', 'path', 'p']);
  assert.deepEqual(shadow.elements.filter((e) => !allowed.has(e)), [], 'no element from page text');
  assert.deepEqual(shadow.handlers, []);
  for (const href of shadow.hrefs) assert.match(href, /^(https:|http:|mailto:)/, href);
  assert.deepEqual(shadow.networks, ['facebook', 'x', 'email', 'copy', 'cite'], 'unknown network left out, no discussion link');
  assert.equal(shadow.credit, 'This article was originally published on <b>Bold</b> source.', 'markup shown as text, unsafe URL not linked');
  assert.equal(shadow.theme, 'light');

  const x = new URL(await control(page, 'x').getAttribute('href'));
  assert.equal(x.searchParams.get('text'), '<img src=x onerror="window.__pwned=\'og\'">Hostile & proud');
  assert.equal(x.searchParams.get('url'), `${browser.origin}/hostile.html`, 'javascript: og:url ignored');

  const warnings = shareciteMessages(log, 'warning');
  const expected = [
    'sharecite: script[type="application/ld+json"]="{"@type": "NewsArticle", "headline": "broken, oops}" is not valid JSON',
    'sharecite: data-networks="facebook myspace x email copy cite" names an unknown network "myspace"',
    'sharecite: data-original-url="data:text/html,<script>alert(1)</script>" is refused',
    'sharecite: data-discussion-url="javascript:window.__pwned=\'discussion\'" is refused',
    'sharecite: data-attribution="{title} by {autor} for {publisher}" has an unknown placeholder {autor}',
    'sharecite: data-theme="neon" is not valid: expected light, dark, auto',
    'sharecite: data-article="[[[" is not a valid CSS selector; the placement\'s <article> or <main> is used instead',
    'sharecite: data-target="[[[" is not a valid CSS selector',
  ];
  for (const start of expected) {
    assert.equal(warnings.filter((w) => w.startsWith(start)).length, 1, `one warning starting ${start}\n${warnings.join('\n')}`);
  }
  assert.equal(warnings.length, expected.length, warnings.join('\n'));
  await close();
});

test('hostile text in the clipboard HTML is escaped', async () => {
  const { page, close } = await browser.open('/hostile.html', { clipboard: true });
  await control(page, 'cite').click();
  await page.locator('[data-sharecite-host] [role=status]').filter({ hasText: 'Citation copied' }).waitFor();
  // The browser re-serializes clipboard HTML, so parse it: hostile markup
  // must come back as text, never as elements or attributes.
  const parsed = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const html = await (await item.getType('text/html')).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return {
      tags: [...doc.body.querySelectorAll('*')].map((e) => e.localName),
      handlers: [...doc.body.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      hrefs: [...doc.body.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
      text: doc.body.textContent,
    };
  });
  assert.deepEqual([...new Set(parsed.tags)].sort(), ['a', 'br', 'p']);
  assert.deepEqual(parsed.handlers, []);
  for (const href of parsed.hrefs) assert.match(href, /^http:\/\/127\.0\.0\.1/);
  assert.ok(parsed.text.includes('<img src=x onerror="window.__pwned=\'og\'">Hostile & proud'), parsed.text);
  assert.ok(parsed.text.includes('<b>Bold</b> source'), parsed.text);
  await close();
});

test('a strict Content-Security-Policy reports no violation and the widget is fully styled', async () => {
  const { page, log, close } = await browser.open('/strict/', {
    init: () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    },
  });
  const response = await page.request.get(browser.url('/strict/'));
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(log.console.filter((m) => /Content.Security.Policy|Refused/i.test(m.text)), []);
  const styled = await page.evaluate(() => {
    const root = document.querySelector('[data-sharecite-host]').shadowRoot;
    return {
      inlineStyles: root.querySelectorAll('[style], style').length + document.querySelectorAll('[style]').length,
      adopted: root.adoptedStyleSheets.length,
      radius: getComputedStyle(root.querySelector('.control')).borderTopLeftRadius,
    };
  });
  assert.deepEqual(styled, { inlineStyles: 0, adopted: 1, radius: '999px' });
  await close();
});

test('when the wasm cannot load: one console error, page untouched, nothing thrown', async () => {
  const { page, log, close } = await browser.open('/', {
    waitForHosts: 0,
    before: (page) => page.route('**/*.wasm*', (route) => route.abort()),
  });
  const before = await page.evaluate(() => document.body.innerHTML);
  await page.waitForFunction(() => window.sharecite !== undefined);
  await page.waitForTimeout(500);
  const errors = shareciteMessages(log, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^sharecite: could not load http:\/\/127\.0\.0\.1:\d+\/dist\/sharecite_bg\.wasm\?v=1/);
  assert.deepEqual(log.errors, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 0);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  await close();
});

test('a browser that cannot inflate the wasm (no DecompressionStream: Firefox before 113, Safari before 16.4) mounts nothing and says why', async () => {
  const { page, log, close } = await browser.open('/', {
    waitForHosts: 0,
    init: () => {
      delete window.DecompressionStream;
    },
  });
  const before = await page.evaluate(() => document.body.innerHTML);
  await page.waitForFunction(() => window.sharecite !== undefined);
  await page.waitForTimeout(500);
  const errors = shareciteMessages(log, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^sharecite: could not load http:\/\/127\.0\.0\.1:\d+\/dist\/sharecite_bg\.wasm\?v=1; no share buttons on this page\. ReferenceError: DecompressionStream is not defined/);
  assert.deepEqual(log.errors, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 0);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  await close();
});

test('a wasm that is missing or does not compile is reported as what it is', async () => {
  const widget = new URL('../../dist/sharecite_bg.wasm', import.meta.url);
  const { decoder, split } = storedParts(widget);
  // Stored as dist/ stores the widget, with its decoder in front.
  const stored = (module) => storeModule(module, decoder, { carried: true });
  // The widget as dist/ stores it, but with a wasm version no browser
  // knows: the fifth byte of the module's sections before its code, the
  // first part after the split form's header.
  const unknownVersion = Buffer.from(split);
  unknownVersion[SPLIT_HEADER + 4] = 2;
  for (const [fulfil, reason] of [
    [{ status: 404, body: 'Not Found' }, /404 fetching http:\/\/127\.0\.0\.1:\d+\/dist\/sharecite_bg\.wasm/],
    [{ status: 200, contentType: 'application/wasm', body: deflateSync(framed(decoder, unknownVersion)) }, /CompileError/],
    // What deflates but is not stored as dist/ stores it: text (its first
    // bytes read as a decoder's length), and a decoder followed by text.
    [{ status: 200, contentType: 'application/wasm', body: deflateSync('not a wasm module') }, /CompileError/],
    [{ status: 200, contentType: 'application/wasm', body: deflateSync(framed(decoder, Buffer.from('not a split form'))) }, /not a split wasm module/],
    // A module that fails as it starts keeps its own error, not the hint
    // for a stream that does not inflate: (module (func unreachable) (start 0)).
    [{ status: 200, contentType: 'application/wasm', body: await stored(Buffer.from('0061736d01000000010401600000030201000801000a05010300000b', 'hex')) }, /RuntimeError: unreachable/],
    // A plain module where dist/ ships a deflated one (a host or a build
    // step that unpacked it), and text that is neither.
    [{ status: 200, contentType: 'application/wasm', body: readStoredModule(widget) }, /not the deflated module dist\/ ships/],
    [{ status: 200, contentType: 'application/wasm', body: 'not a wasm module' }, /not the deflated module dist\/ ships/],
  ]) {
    const { page, log, close } = await browser.open('/', {
      waitForHosts: 0,
      before: (page) => page.route('**/sharecite_bg.wasm*', (route) => route.fulfill(fulfil)),
    });
    await page.waitForFunction(() => window.sharecite !== undefined);
    for (let waited = 0; waited < 5000 && shareciteMessages(log, 'error').length === 0; waited += 100) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    const errors = shareciteMessages(log, 'error');
    assert.equal(errors.length, 1, `${reason}: ${errors.join('\n')}`);
    assert.match(errors[0], /^sharecite: could not load /);
    assert.match(errors[0], reason);
    assert.deepEqual(log.errors, []);
    await close();
  }
});

test('a page that breaks the APIs sharecite uses still gets its other placements', async () => {
  // attachShadow fails on the first placement only.
  const { page, log, close } = await browser.open('/dark.html', {
    waitForHosts: 1,
    init: () => {
      const attach = Element.prototype.attachShadow;
      let calls = 0;
      Element.prototype.attachShadow = function (init) {
        calls += 1;
        if (calls === 1) throw new DOMException('nope', 'NotSupportedError');
        return attach.call(this, init);
      };
    },
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sharecite-host]').length), 1);
  assert.deepEqual(log.errors, []);
  assert.equal(shareciteMessages(log, 'error').length, 1);
  await close();
});

test('a trap inside a control stops at the boundary: one error, the page and other placements go on', async () => {
  const { page, log, close } = await browser.open('/dark.html', {
    waitForHosts: 2,
    clipboard: true,
    init: () => {
      window.__pageErrors = [];
      window.addEventListener('error', (event) => window.__pageErrors.push(String(event.message)));
      // What a trap looks like from outside: a WebAssembly.RuntimeError
      // unwinding out of the wasm. We raise it from inside the click
      // handler's call into the DOM.
      const getAttribute = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        if (window.__trap && name === 'data-network') {
          window.__trap = false;
          throw new WebAssembly.RuntimeError('unreachable');
        }
        return getAttribute.call(this, name);
      };
    },
  });
  await page.evaluate(() => (window.__trap = true));
  await page.locator('[data-sharecite-host]').first().locator('[data-network=copy]').click();
  await page.waitForTimeout(200);
  const errors = log.console.filter((m) => m.type === 'error' && m.text.startsWith('sharecite: internal error'));
  assert.equal(errors.length, 1, log.console.map((m) => m.text).join('\n'));
  assert.deepEqual(log.errors, [], 'nothing reached the page');
  assert.deepEqual(await page.evaluate(() => window.__pageErrors), []);
  // The other placement still works.
  const second = page.locator('[data-sharecite-host]').nth(1);
  await second.locator('[data-network=copy]').click();
  await second.locator('[role=status]').filter({ hasText: 'Link copied' }).waitFor();
  await close();
});
