// The widget in two more engines than the end-to-end suite's Chromium:
// Firefox ESR (Debian's, headless) and WebKit (WebKitGTK's MiniBrowser, in a
// virtual X display), each loading an article page that embeds sharecite as
// a site would and reporting back what it found (report.js). playwright-core
// cannot drive a stock Firefox or WebKitGTK, so no driver is involved: the
// page posts its findings to the test's server, on its own origin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// A fresh Firefox profile that asks nothing and calls no one: no first-run
// pages, no update, telemetry or safe-browsing traffic (the machine has no
// network but the test's own 127.0.0.1).
const FIREFOX_PREFERENCES = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'extensions.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/** Each engine: how to open `url` in it (`scratch`, a fresh folder of its own), and how it names itself. */
const ENGINES = {
  Firefox: {
    userAgent: /Firefox\//,
    launch(url, scratch) {
      writeFileSync(join(scratch, 'user.js'), Object.entries(FIREFOX_PREFERENCES).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`).join(''));
      return [FIREFOX, ['--headless', '--no-remote', '--profile', scratch, url]];
    },
  },
  WebKit: {
    userAgent: /AppleWebKit\/[\d.]+ \(KHTML, like Gecko\) Version\/[\d.]+ Safari\//,
    launch: (url) => ['xvfb-run', ['--auto-servernum', MINIBROWSER, '--private', url]],
  },
};

/**
 * Loads `path` (with a tracking parameter) in `engine` and resolves with
 * what the page posts to /__report. The repository's server
 * (scripts/serve.mjs: www/, dist/, the strict policy under /strict/)
 * answers everything else, so the report comes from the page's own origin.
 */
async function reportFrom(engine, path, { timeout = 90_000 } = {}) {
  const site = await startServer({ mounts: { '/engines/': 'tests/engines', '/strict/engines/': 'tests/engines' } });
  let deliver;
  const reported = new Promise((resolve) => (deliver = resolve));
  const server = createServer((request, response) => {
    if (request.url !== '/__report') return site.emit('request', request, response);
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.end();
      deliver(JSON.parse(body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scratch = mkdtempSync(join(tmpdir(), 'sharecite-engine-'));
  const [command, args] = ENGINES[engine].launch(`http://127.0.0.1:${server.address().port}${path}?utm_source=newsletter`, scratch);
  const browser = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...process.env, TMPDIR: scratch } });
  // A browser that could not start (missing, say) reports an error and no exit.
  const exited = new Promise((resolve) => {
    browser.once('exit', resolve);
    browser.once('error', resolve);
  });
  let timer;
  try {
    return await Promise.race([
      reported,
      new Promise((_, reject) => browser.once('error', reject)),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${engine}, ${path}: no report within ${timeout / 1000} s`)), timeout))),
    ]);
  } finally {
    clearTimeout(timer);
    // The browser's processes share its process group. SIGTERM first, so
    // that xvfb-run takes its X server down with it.
    const signal = (name) => {
      try {
        process.kill(-browser.pid, name);
      } catch {}
    };
    signal('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(resolve, 3000, false))]);
    if (!stopped) signal('SIGKILL');
    await exited;
    rmSync(scratch, { recursive: true, force: true });
    server.close();
    site.close();
  }
}

/** What an article page embedding sharecite reports in `engine`, checked. */
function assertWorked(engine, report) {
  assert.equal(report.failure, undefined, `${report.failure}; logged: ${JSON.stringify(report.log)}`);
  assert.match(report.userAgent, ENGINES[engine].userAgent);
  assert.equal(report.hosts, 1);
  assert.deepEqual(report.networks, ['facebook', 'x', 'email', 'copy', 'cite']);
  assert.match(report.facebook, /^https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=/);
  const page = new URL(report.facebook).searchParams.get('u');
  assert.match(page, /^http:\/\/127\.0\.0\.1:\d+\/(strict\/)?engines\/article\.html$/, 'the page, its tracking parameter cleaned off');
  assert.equal(report.citations, true, 'the citation module fetched when the cite control has focus');
  assert.deepEqual(report.mounted, ['x', 'email']);
  assert.equal(report.destroyed, true);
  // A reader's copy of the first paragraph carries the attribution, as text and as HTML.
  assert.equal(report.copied.prevented, true);
  assert.match(report.copied.text, /^Text of the article, long enough to be one[\s\S]*Global Research/);
  assert.match(report.copied.html, /Global Research/);
  // Selecting the paragraph's first words offers them to share, quoted.
  assert.equal(report.quoted, '“Text of the article, long enough to be one”');
  // After history.pushState, the links follow the page.
  assert.equal(new URL(report.navigated).searchParams.get('u'), new URL(page).origin + '/engines/second-story');
  // The rebuilt modules compile synchronously here too, as in Chromium
  // (js/loader.js): the decoder, the widget, the republishing module (the
  // page turns copy attribution on), then the citation module.
  const [decoder, widget, republishing, citations, ...more] = report.modules;
  assert.deepEqual(more, [], report.modules.join(', '));
  assert.ok(decoder <= 4096 && widget > 4096 && republishing > 1024 && citations > 4096, report.modules.join(', '));
  assert.equal(report.asynchronous, 0);
  assert.deepEqual(report.log, []);
}

for (const engine of Object.keys(ENGINES)) {
  test(`in ${engine} the widget mounts, shares the page, loads its citations on focus, mounts from script, attributes a copy, offers a quote and follows a navigation, saying nothing`, async () => {
    assertWorked(engine, await reportFrom(engine, '/engines/article.html'));
  });

  test(`in ${engine} the same, under the strictest policy sharecite supports (README, Content-Security-Policy), with no violation`, async () => {
    assertWorked(engine, await reportFrom(engine, '/strict/engines/article.html'));
  });
}
