// The widget in a second engine: Firefox ESR (Debian's), headless, loads an
// article page that embeds sharecite as a site would and reports back what
// it found (report.js). The end-to-end suite (tests/e2e/) drives Chromium
// through playwright-core, which cannot drive a stock Firefox; this needs no
// driver: the page posts its findings to a port of the test's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

// A fresh profile that asks nothing and calls no one: no first-run pages,
// no update, telemetry or safe-browsing traffic (the machine has no
// network but the test's own 127.0.0.1).
const PREFERENCES = {
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

/**
 * Loads `path` (with a tracking parameter) in a headless Firefox and
 * resolves with what the page posts to /__report. The repository's server
 * (scripts/serve.mjs: www/, dist/, the strict policy under /strict/)
 * answers everything else, so the report comes from the page's own origin.
 */
async function reportFrom(path, { timeout = 90_000 } = {}) {
  const site = await startServer({ mounts: { '/firefox/': 'tests/firefox', '/strict/firefox/': 'tests/firefox' } });
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
  const profile = mkdtempSync(join(tmpdir(), 'sharecite-firefox-'));
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFERENCES).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`).join(''));
  const url = `http://127.0.0.1:${server.address().port}${path}?utm_source=newsletter`;
  const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, url], { detached: true, stdio: 'ignore' });
  let timer;
  try {
    return await Promise.race([
      reported,
      new Promise((_, reject) => firefox.once('error', reject)),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${path}: no report from Firefox within ${timeout / 1000} s`)), timeout))),
    ]);
  } finally {
    clearTimeout(timer);
    // Firefox's content processes share its process group.
    try {
      process.kill(-firefox.pid, 'SIGKILL');
    } catch {}
    await new Promise((resolve) => (firefox.exitCode !== null || firefox.signalCode !== null ? resolve() : firefox.once('exit', resolve)));
    rmSync(profile, { recursive: true, force: true });
    server.close();
    site.close();
  }
}

/** What an article page embedding sharecite reports in Firefox, checked. */
function assertWorked(report) {
  assert.equal(report.failure, undefined, `${report.failure}; logged: ${JSON.stringify(report.log)}`);
  assert.match(report.userAgent, /Firefox\//);
  assert.equal(report.hosts, 1);
  assert.deepEqual(report.networks, ['facebook', 'x', 'email', 'copy', 'cite']);
  assert.match(report.facebook, /^https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=/);
  const page = new URL(report.facebook).searchParams.get('u');
  assert.match(page, /^http:\/\/127\.0\.0\.1:\d+\/(strict\/)?firefox\/article\.html$/, 'the page, its tracking parameter cleaned off');
  assert.equal(report.citations, true, 'the citation module fetched when the cite control has focus');
  assert.deepEqual(report.mounted, ['x', 'email']);
  assert.equal(report.destroyed, true);
  // A reader's copy of the first paragraph carries the attribution, as text and as HTML.
  assert.equal(report.copied.prevented, true);
  assert.match(report.copied.text, /^Text of the article, long enough to be one[\s\S]*Global Research/);
  assert.match(report.copied.html, /Global Research/);
  // After history.pushState, the links follow the page.
  assert.equal(new URL(report.navigated).searchParams.get('u'), new URL(page).origin + '/firefox/second-story');
  // Firefox compiles the rebuilt modules synchronously, as Chromium does
  // (js/loader.js): the decoder, the widget, then the citation module.
  assert.equal(report.modules.length, 3, report.modules.join(', '));
  assert.ok(report.modules[0] <= 4096 && report.modules[1] > 4096 && report.modules[2] > 4096, report.modules.join(', '));
  assert.equal(report.asynchronous, 0);
  assert.deepEqual(report.log, []);
}

test('in Firefox the widget mounts, shares the page, loads its citations on focus, mounts from script, attributes a copy and follows a navigation, saying nothing', async () => {
  assertWorked(await reportFrom('/firefox/article.html'));
});

test('in Firefox the same, under the strictest policy sharecite supports (README, Content-Security-Policy), with no violation', async () => {
  assertWorked(await reportFrom('/strict/firefox/article.html'));
});
