// `make bench`: sharecite side by side with the share widgets people use
// today (shareon and Shariff, from npm), on the seed article, in headless
// Chromium with 4× CPU throttling, interleaved run by run with a fresh
// browser context each time. A benchmark, not a test: it reports, it does
// not assert.
//
// Writes bench/results/latest.json and bench/results/latest.md.
//
// Environment: BENCH_RUNS (default 15), BENCH_THROTTLE (default 4).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readStoredModule } from '../scripts/stored-module.mjs';
import { precompressible } from '../scripts/precompressed.mjs';
import { SPLITS, breakdownMarkdown, functionCosts, streamCosts } from '../scripts/size-breakdown.mjs';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { codeBodies } from '../scripts/wasm-binary.mjs';
import { ROAD_DONE, readRoad, roadLines, roadMedians, roadScript } from './road.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 15);
const THROTTLE = Number(process.env.BENCH_THROTTLE || 4);
const root = new URL('..', import.meta.url);
const pages = new URL('build/bench/', root);
mkdirSync(pages, { recursive: true });
mkdirSync(new URL('bench/results/', root), { recursive: true });

// ---- Pages ---------------------------------------------------------------

// The seed article (www/index.html) with its sharecite tag cut out; each
// variant puts its own widget where the tag was, embedded as its README says.
const seed = readFileSync(new URL('www/index.html', root), 'utf8')
  .replace('href="site.css"', 'href="/site.css"')
  .replace(/<nav class="pages"[\s\S]*?<\/nav>/, '');
const SLOT = /<script async src="dist\/sharecite\.js\?v=1"[\s\S]*?<\/script>/;
if (!SLOT.test(seed)) throw new Error('www/index.html no longer has the sharecite tag the benchmark replaces');

const NETWORKS = {
  sharecite: 'facebook x linkedin reddit whatsapp telegram email copy print',
  shareon: ['facebook', 'twitter', 'linkedin', 'reddit', 'whatsapp', 'telegram', 'email', 'copy-url', 'print'],
  shariff: ['facebook', 'twitter', 'linkedin', 'reddit', 'whatsapp', 'telegram', 'mail', 'print'],
};

// The README's placeholder: the slot keeps the widget's height and owns
// the spacing, so nothing around it moves when the widget arrives.
const PLACEHOLDER_CSS = '.share-slot{min-height:5.5rem;--sharecite-margin:0;margin:1em 0}';

// sharecite as the README embeds it; `slot` mounts it into a reserved
// placeholder, `top` puts it after the byline (above the fold, where many
// sites put share buttons) instead of the seed's footer.
function sharecite({ head = '', slot = false, top = false } = {}) {
  const target = slot ? ' data-target=".share-slot"' : '';
  return {
    files: '/dist/',
    top,
    head: slot ? `${head}<style>${PLACEHOLDER_CSS}</style>` : head,
    slot: `${slot ? '<div class="share-slot"></div>' : ''}<script async src="/dist/sharecite.js"${target} data-networks="${NETWORKS.sharecite}" data-publisher="Global Research"></script>`,
    ready: `!!document.querySelector('[data-sharecite-host]')?.shadowRoot?.querySelector('a[data-network=facebook][href^="https:"]')`,
  };
}

const VARIANTS = {
  baseline: { head: '', slot: '', ready: 'document.readyState === "complete"' },
  sharecite: sharecite(),
  // The README's advice to site owners: start both downloads from <head>.
  'sharecite-preload': sharecite({
    head: '<link rel="preload" href="/dist/sharecite_bg.wasm" as="fetch" type="application/wasm" crossorigin><link rel="preload" href="/dist/sharecite.js" as="script">',
  }),
  'sharecite-placeholder': sharecite({ slot: true }),
  'sharecite-top': sharecite({ top: true }),
  'sharecite-top-placeholder': sharecite({ slot: true, top: true }),
  shareon: {
    files: '/vendor/shareon/',
    head: '<link href="/vendor/shareon/shareon.min.css" rel="stylesheet"><script src="/vendor/shareon/shareon.iife.js" defer init></script>',
    slot: `<div class="shareon">${NETWORKS.shareon.map((n) => `<a class="${n}"></a>`).join('')}</div>`,
    ready: `!!document.querySelector('.shareon a.facebook[href^="https:"]')`,
  },
  shariff: {
    files: '/vendor/shariff/',
    head: '<link href="/vendor/shariff/shariff.complete.css" rel="stylesheet">',
    slot: `<div class="shariff" data-services="${JSON.stringify(NETWORKS.shariff).replaceAll('"', '&quot;')}"></div>`,
    tail: '<script src="/vendor/shariff/shariff.complete.js"></script>',
    ready: `!!document.querySelector('.shariff a[href*="facebook.com"]')`,
  },
};

for (const [name, variant] of Object.entries(VARIANTS)) {
  let html = seed.replace(SLOT, variant.top ? '' : variant.slot).replace('</head>', `${variant.head}\n</head>`);
  if (variant.top) {
    const byline = /<p class="byline">[\s\S]*?<\/p>/;
    if (!byline.test(html)) throw new Error('www/index.html no longer has the byline the benchmark mounts after');
    html = html.replace(byline, (match) => `${match}\n${variant.slot}`);
  }
  if (variant.tail) html = html.replace('</body>', `${variant.tail}\n</body>`);
  writeFileSync(new URL(`${name}.html`, pages), html);
}

function listPage(count, withWidget) {
  const cards = Array.from(
    { length: count },
    (_, i) => `<li><article class="card" data-url="https://www.globalresearch.ca/briefing-${i}/${5678000 + i}" data-title="Briefing no. ${i}"><h2>Briefing no. ${i}</h2></article></li>`,
  ).join('\n');
  const script = withWidget ? '<script async src="/dist/sharecite.js" data-target=".card" data-networks="x bluesky email copy cite"></script>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Briefings</title><link rel="stylesheet" href="/site.css"></head>
<body><main><ul class="cards compact">${cards}</ul></main>${script}</body></html>`;
}
const SCALES = [10, 100, 1000];
for (const count of SCALES) {
  writeFileSync(new URL(`list-${count}.html`, pages), listPage(count, true));
  writeFileSync(new URL(`list-${count}-baseline.html`, pages), listPage(count, false));
}

// ---- Measurement -----------------------------------------------------------

const MOUNTS = {
  '/bench/': 'build/bench',
  '/vendor/shareon/': 'node_modules/shareon/dist',
  '/vendor/shariff/': 'node_modules/shariff/dist',
};
const server = await startServer({ mounts: MOUNTS });
// For returning readers: the same files, cacheable as a site would serve them.
const cachingServer = await startServer({ mounts: MOUNTS, cacheControl: 'public, max-age=3600' });
const origin = `http://127.0.0.1:${server.address().port}`;
const cachedOrigin = `http://127.0.0.1:${cachingServer.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

// The probe tells the benchmark it is done by a console message, which
// reaches Playwright as a DevTools event. Polling with waitForFunction
// would compile Playwright's injected script on the page's main thread
// (about 110 ms at 4x): landing between the controls' arrival and the next
// frame, it put sharecite's and shareon's time on screen 11-15% later
// (10 interleaved pairs each).
const DONE = '__bench:done';
const PROBE = (ready, watchScreen = false) => `
  window.__bench = { ready: null, onScreen: null, cls: 0, shifts: 0, longTasks: [], frames: [], scripts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) { __bench.cls += e.value; __bench.shifts += 1; }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) __bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  // A long task leaves out the rendering that follows it (style, layout,
  // paint of what a script built); a long animation frame counts it. Its
  // scripts name the file each of the frame's entry points (a script's
  // evaluation, a callback, a promise's reaction) ran from, and how long
  // it ran, wasm it called and work it forced included: the widget's long
  // entry points, untraced (a script over 50 ms makes its frame a long one).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      __bench.frames.push(e.duration);
      for (const s of e.scripts) __bench.scripts.push({ url: s.sourceURL, duration: s.duration, invoker: s.invoker });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  // Controls in the DOM are not yet on screen: the frame that paints them
  // comes after whatever task holds the thread (the widget's own, or the
  // style and layout it caused). A task posted from the next frame's
  // animation callback runs once that frame is rendered: then a reader can
  // see the controls and the thread is free to answer a click. Only in runs
  // of their own: with an animation callback in it, Chromium reports that
  // frame's rendering as a long task, which it otherwise leaves out.
  const onScreen = () => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { __bench.onScreen = performance.now(); console.debug('${DONE}'); };
    channel.port2.postMessage(0);
  });
  const check = () => {
    if (__bench.ready === null) {
      try { if (${ready}) { __bench.ready = performance.now(); ${watchScreen ? 'onScreen();' : `console.debug('${DONE}');`} } } catch (_) {}
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('readystatechange', check);
  addEventListener('load', check);
`;

/** A fresh context (third parties refused) with `init` run in its pages, and a CPU-throttled page in it. */
async function throttledPage({ viewport = { width: 1280, height: 800 }, init = null, refuseThirdParties = true } = {}) {
  const context = await browser.newContext({ viewport });
  if (refuseThirdParties) await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { context, page, cdp };
}

// `returning`: a returning reader. The page is loaded once (its files land
// in the HTTP cache, served cacheable by the second server, and V8 keeps
// what it compiled), then another page, and the article again in the same
// context is what is measured. Third parties are not refused then:
// Playwright's request routing turns the HTTP cache off.
async function load(path, ready, { viewport = { width: 1280, height: 800 }, files = null, trace = false, returning = false, onScreen = false } = {}) {
  const { context, page, cdp } = await throttledPage({ viewport, init: PROBE(ready, onScreen), refuseThirdParties: !returning });
  await cdp.send('Performance.enable');
  const view = async () => {
    let heard;
    let timer;
    const done = new Promise((resolve, reject) => {
      heard = (message) => message.text() === DONE && resolve();
      page.on('console', heard);
      timer = setTimeout(() => reject(new Error(`${path}: not ready after 60 s`)), 60000);
    });
    await page.goto((returning ? cachedOrigin : origin) + path, { waitUntil: 'load' });
    await done.finally(() => {
      page.off('console', heard);
      clearTimeout(timer);
    });
  };
  if (returning) {
    await view();
    await page.goto('about:blank');
    await page.waitForTimeout(1000);
  }
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await view();
  // Let late shifts and tasks land.
  await page.waitForTimeout(500);
  const probe = await page.evaluate(() => ({
    ...window.__bench,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  const attributed = trace ? attributeTrace(JSON.parse(await browser.stopTracing()), files) : null;
  // Where a widget's time goes before it is ready: its files' resource timing.
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime, end: e.responseEnd })),
  );
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const bodies = [];
  for (const response of responses) {
    const url = response.url();
    if (url.includes('/dist/') || url.includes('/vendor/')) {
      try {
        bodies.push({ url, body: await response.body() });
      } catch (_) {
        // A response without a body (a redirect) ships nothing.
      }
    }
  }
  await context.close();
  return {
    ready: probe.ready,
    onScreen: probe.onScreen,
    firstContentfulPaint: probe.firstContentfulPaint,
    cls: probe.cls,
    longTasks: probe.longTasks,
    frames: probe.frames,
    scripts: probe.scripts,
    resources,
    trace: attributed,
    scriptMs: metric('ScriptDuration') * 1000,
    taskMs: metric('TaskDuration') * 1000,
    nodes: metric('Nodes'),
    heap: heap.usedSize,
    bodies,
  };
}

// The main thread's tasks and a CPU profile of it, in one trace.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'disabled-by-default-v8.cpu_profiler'];

// What the trace says the widget cost the main thread:
// - scriptMs: profile samples with one of the widget's files (its JS or its
//   wasm) anywhere on the stack;
// - the tasks in which such a sample falls: the longest, and how many ran
//   over 50 ms. A task is the unit the page waits on (input, paint), so
//   this is "long tasks caused by the widget"; the browser's own work in
//   such a task (compiling the wasm, style and layout of what it built)
//   counts too.
// Long animation frames would name scripts, but they leave out work that
// runs when a promise settles (wasm instantiation, and so our mount); and a
// profile alone cannot tell tasks apart under CPU throttling, which pauses
// the thread mid-task.
function attributeTrace(trace, files) {
  const events = trace.traceEvents;
  const profile = events.find((e) => e.name === 'Profile');
  if (!profile) return { scriptMs: 0, longestTaskMs: 0, tasksOver50: 0 };
  const nodes = new Map();
  const samples = [];
  let time = profile.args.data.startTime;
  for (const event of events) {
    if (event.name !== 'ProfileChunk' || event.pid !== profile.pid) continue;
    const { cpuProfile = {}, timeDeltas = [] } = event.args.data;
    for (const node of cpuProfile.nodes || []) nodes.set(node.id, node);
    (cpuProfile.samples || []).forEach((id, k) => {
      time += timeDeltas[k] || 0;
      samples.push({ time, delta: timeDeltas[k] || 0, id });
    });
  }
  const ours = new Map();
  const isOurs = (id) => {
    if (!ours.has(id)) {
      const node = nodes.get(id);
      ours.set(id, !!node && ((node.callFrame.url || '').includes(files) || (node.parent !== undefined && isOurs(node.parent))));
    }
    return ours.get(id);
  };
  const mine = samples.filter((sample) => isOurs(sample.id));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === profile.pid && e.tid === profile.tid);
  const theirs = tasks.filter((task) => mine.some((sample) => sample.time >= task.ts && sample.time <= task.ts + task.dur));
  return {
    scriptMs: mine.reduce((sum, sample) => sum + sample.delta, 0) / 1000,
    longestTaskMs: Math.max(0, ...theirs.map((task) => task.dur / 1000)),
    tasksOver50: theirs.filter((task) => task.dur > 50000).length,
  };
}

// A run's script entry points in long animation frames that ran from one
// of a widget's files.
const widgetEntries = (scripts, files) => scripts.filter((s) => s.url.includes(files));
// The longest of them (0 when none was in a long frame).
const longestEntry = (scripts, files) => Math.max(0, ...widgetEntries(scripts, files).map((s) => s.duration));
// What invoked those that ran over 50 ms in `runs` (`Response.arrayBuffer.then`,
// `Scheduler.yield.then`, the script itself…): which of its steps a long one was.
const entriesOver50 = (runs, files) =>
  runs.flatMap((r) => widgetEntries(r.scripts, files).filter((s) => s.duration > 50)).map((s) => `${s.duration.toFixed(0)} ms, ${s.invoker}`);

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
};

const order = Object.keys(VARIANTS);
const runs = Object.fromEntries(order.map((name) => [name, []]));
for (let run = 0; run < RUNS; run += 1) {
  // Rotate who goes first, so no widget always gets the warm (or cold) slot.
  const rotated = order.map((_, i) => order[(i + run) % order.length]);
  for (const name of rotated) {
    runs[name].push(await load(`/bench/${name}.html`, VARIANTS[name].ready));
  }
  process.stdout.write(`run ${run + 1}/${RUNS}\r`);
}
process.stdout.write('\n');

// Separate runs with a trace (it slows the page a little,
// so its runs are not the ready-time runs above).
const TRACED = Math.min(RUNS, 5);
const traced = { sharecite: [], shareon: [], shariff: [] };
for (let run = 0; run < TRACED; run += 1) {
  for (const name of Object.keys(traced)) {
    const { ready, files } = VARIANTS[name];
    traced[name].push(await load(`/bench/${name}.html`, ready, { files, trace: true }));
  }
  process.stdout.write(`traced run ${run + 1}/${TRACED}\r`);
}
process.stdout.write('\n');

// Separate interleaved runs for the time until the controls are on screen
// (see PROBE: watching for the frame changes what the Long Tasks API
// reports, so these are not the runs the long-task columns come from).
const SCREEN_RUNS = Math.min(RUNS, 10);
const screen = { sharecite: [], 'sharecite-preload': [], shareon: [], shariff: [] };
const screenOrder = Object.keys(screen);
for (let run = 0; run < SCREEN_RUNS; run += 1) {
  for (const name of screenOrder.map((_, i) => screenOrder[(i + run) % screenOrder.length])) {
    screen[name].push(await load(`/bench/${name}.html`, VARIANTS[name].ready, { onScreen: true }));
  }
  process.stdout.write(`on-screen run ${run + 1}/${SCREEN_RUNS}\r`);
}
process.stdout.write('\n');

// What V8 compiles on first call before sharecite is ready: it compiles
// each wasm function lazily, on the main thread, when it is first called,
// so the code a start runs is start time as well as bytes. Traced with
// only the wasm category, and stopped as soon as the controls are usable.
// dist/ stores the module deflated; the loader inflates it.
const wasmBytes = readStoredModule(new URL('dist/sharecite_bg.wasm', root));
const wasmBodies = codeBodies(wasmBytes);
const wasmImports = WebAssembly.Module.imports(new WebAssembly.Module(wasmBytes)).filter((i) => i.kind === 'function').length;
const LAZY_RUNS = Math.min(RUNS, 3);
const lazyRuns = [];
for (let run = 0; run < LAZY_RUNS; run += 1) {
  const { context, page } = await throttledPage();
  await browser.startTracing(page, { categories: ['v8.wasm'] });
  await page.goto(`${origin}/bench/sharecite.html`);
  await page.waitForFunction(VARIANTS.sharecite.ready, null, { timeout: 60000, polling: 50 });
  const events = JSON.parse(await browser.stopTracing()).traceEvents;
  await context.close();
  const compiled = new Set(events.filter((e) => e.name === 'wasm.CompileLazy').map((e) => e.args.func_index));
  const bytes = [...compiled].reduce((sum, index) => sum + (wasmBodies[index - wasmImports]?.length ?? 0), 0);
  lazyRuns.push({ functions: compiled.size, bytes });
}
const lazyCompiled = {
  functions: stats(lazyRuns.map((r) => r.functions)).median,
  bytes: stats(lazyRuns.map((r) => r.bytes)).median,
  of: { functions: wasmBodies.length, bytes: wasmBodies.reduce((sum, body) => sum + body.length, 0) },
};

// sharecite's road to ready step by step (bench/road.mjs), in loads of
// its own: the marks its init script leaves are in none of the other runs.
const ROAD_RUNS = Math.min(RUNS, 10);
const roadInit = roadScript();
const roadLoads = [];
for (let run = 0; run < ROAD_RUNS; run += 1) {
  const { context, page } = await throttledPage({ init: roadInit });
  let timer;
  const ready = new Promise((resolve, reject) => {
    page.on('console', (message) => message.text() === ROAD_DONE && resolve());
    timer = setTimeout(() => reject(new Error('road: not ready after 60 s')), 60000);
  });
  await page.goto(`${origin}/bench/sharecite.html`);
  await ready.finally(() => clearTimeout(timer));
  roadLoads.push(await readRoad(page));
  await context.close();
}
const road = roadMedians(roadLoads);

// Returning readers, interleaved the same way, fewer runs (each is two loads).
const REPEAT_RUNS = Math.min(RUNS, 8);
const PEERS = ['sharecite', 'shareon', 'shariff'];
const returning = Object.fromEntries(PEERS.map((name) => [name, []]));
for (let run = 0; run < REPEAT_RUNS; run += 1) {
  for (const name of PEERS.map((_, i) => PEERS[(i + run) % PEERS.length])) {
    returning[name].push(await load(`/bench/${name}.html`, VARIANTS[name].ready, { returning: true }));
  }
  process.stdout.write(`second-view run ${run + 1}/${REPEAT_RUNS}\r`);
}
process.stdout.write('\n');

const compressed = (bodies) => {
  const unique = new Map(bodies.map((b) => [b.url.replace(/\?.*/, ''), b.body]));
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const body of unique.values()) {
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: [...unique.keys()].map((u) => u.replace(origin, '')), raw, gzip, brotli };
};

const baselineScript = stats(runs.baseline.map((r) => r.scriptMs)).median;
// The bare page's first contentful paint: what a widget may delay.
const baselinePaint = stats(runs.baseline.map((r) => r.firstContentfulPaint));
const baselineTask = stats(runs.baseline.map((r) => r.taskMs)).median;
const summary = {};
for (const name of order.filter((n) => n !== 'baseline')) {
  const list = runs[name];
  const entries = list.map((r) => longestEntry(r.scripts, VARIANTS[name].files));
  summary[name] = {
    ready: stats(list.map((r) => r.ready)),
    onScreen: screen[name] ? stats(screen[name].map((r) => r.onScreen)) : null,
    firstContentfulPaint: stats(list.map((r) => r.firstContentfulPaint)),
    cls: stats(list.map((r) => r.cls)),
    longestTask: stats(list.map((r) => Math.max(0, ...r.longTasks))),
    longTasksOver50: stats(list.map((r) => r.longTasks.filter((d) => d > 50).length)),
    longestFrame: stats(list.map((r) => Math.max(0, ...r.frames))),
    widgetScriptMs: traced[name] ? stats(traced[name].map((r) => r.trace.scriptMs)) : null,
    widgetLongestTask: traced[name] ? stats(traced[name].map((r) => r.trace.longestTaskMs)) : null,
    widgetTasksOver50: traced[name] ? stats(traced[name].map((r) => r.trace.tasksOver50)) : null,
    widgetLongestEntry: stats(entries),
    runsWithWidgetEntryOver50: entries.filter((ms) => ms > 50).length,
    widgetEntriesOver50: entriesOver50(list, VARIANTS[name].files),
    scriptMs: stats(list.map((r) => r.scriptMs - baselineScript)),
    taskMs: stats(list.map((r) => r.taskMs - baselineTask)),
    // Every run's files together: Chromium does not always keep a body
    // that was read as a stream (the wasm, as the loader inflates it) for
    // the bench to read back, and a run missing one would ship less.
    bytes: compressed(list.flatMap((run) => run.bodies)),
  };
}
// sharecite's road to ready, run by run: script fetched, wasm requested,
// wasm fetched, controls usable.
const at = (run, file, key) => run.resources.find((r) => r.url.includes(`/dist/${file}`))?.[key] ?? NaN;
const phases = {
  scriptFetched: stats(runs.sharecite.map((r) => at(r, 'sharecite.js', 'end'))),
  wasmRequested: stats(runs.sharecite.map((r) => at(r, 'sharecite_bg.wasm', 'start'))),
  wasmFetched: stats(runs.sharecite.map((r) => at(r, 'sharecite_bg.wasm', 'end'))),
  ready: summary.sharecite.ready,
};

// Run by run: the runs of `ours` and `peer` were interleaved.
const ratios = (peer, ours = 'sharecite', from = runs, key = 'ready') =>
  stats(from[ours].map((r, i) => r[key] / from[peer][i][key]));
const comparison = { shareon: ratios('shareon'), shariff: ratios('shariff') };
const onScreenComparison = {
  shareon: ratios('shareon', 'sharecite', screen, 'onScreen'),
  shariff: ratios('shariff', 'sharecite', screen, 'onScreen'),
};
const returningReaders = {
  ready: Object.fromEntries(PEERS.map((name) => [name, stats(returning[name].map((r) => r.ready))])),
  ratio: { shareon: ratios('shareon', 'sharecite', returning), shariff: ratios('shariff', 'sharecite', returning) },
};
const preloaded = {
  shareon: ratios('shareon', 'sharecite-preload'),
  shariff: ratios('shariff', 'sharecite-preload'),
  onScreen: {
    shareon: ratios('shareon', 'sharecite-preload', screen, 'onScreen'),
    shariff: ratios('shariff', 'sharecite-preload', screen, 'onScreen'),
  },
};

const scaling = {};
for (const count of SCALES) {
  const ready = `document.querySelectorAll('[data-sharecite-host]').length === ${count} && [...document.querySelectorAll('[data-sharecite-host]')].every((h) => h.shadowRoot?.querySelector('.list'))`;
  const samples = [];
  const base = [];
  for (let i = 0; i < 3; i += 1) {
    samples.push(await load(`/bench/list-${count}.html`, ready));
    base.push(await load(`/bench/list-${count}-baseline.html`, 'document.readyState === "complete"'));
  }
  const heap = stats(samples.map((s) => s.heap)).median - stats(base.map((s) => s.heap)).median;
  const nodes = stats(samples.map((s) => s.nodes)).median - stats(base.map((s) => s.nodes)).median;
  scaling[count] = {
    ready: stats(samples.map((s) => s.ready)),
    longestTask: stats(samples.map((s) => Math.max(0, ...s.longTasks))),
    longestFrame: stats(samples.map((s) => Math.max(0, ...s.frames))),
    longestEntry: stats(samples.map((s) => longestEntry(s.scripts, VARIANTS.sharecite.files))),
    heapBytes: heap,
    heapPerPlacement: heap / count,
    nodes,
  };
}

await browser.close();
server.close();
cachingServer.close();

let twiggy = '';
try {
  twiggy = execFileSync('twiggy', ['top', '-n', '25', 'build/sharecite_bg.wasm'], { cwd: root, encoding: 'utf8' });
} catch (error) {
  twiggy = `(twiggy unavailable: ${error.message})`;
}

// The same in the bytes that ship: the widget's stored file part by part,
// and each function by what it costs deflated, from a twin of the shipped
// module that kept its names (the Makefile's bench target builds it).
const widgetFile = new URL('dist/sharecite_bg.wasm', root);
const namedTwin = readFileSync(new URL('build/sharecite_bg.named.wasm', root));
const shippedParts = { parts: streamCosts(widgetFile), functions: functionCosts(namedTwin, SPLITS).slice(0, 100) };
const sizeBreakdown = breakdownMarkdown(shippedParts.parts, shippedParts.functions);

// What a host serving dist/'s precompressed copies as stored sends instead
// of sharecite's files (the shipped columns compress every widget's files
// alike, with zlib at level 9 and brotli at quality 11). The wasm, stored
// deflated, has no copies: it goes as it is.
const precompressed = { gz: 0, br: 0 };
for (const file of summary.sharecite.bytes.files) {
  const stored = (suffix) => readFileSync(new URL(`.${file}${precompressible(file) ? suffix : ''}`, root)).length;
  precompressed.gz += stored('.gz');
  precompressed.br += stored('.br');
}

const results = {
  date: new Date().toISOString(),
  chromium: browser.version?.() ?? '',
  runs: RUNS,
  cpuThrottling: THROTTLE,
  viewport: '1280×800',
  summary,
  precompressed,
  readyRatio: comparison,
  onScreenRatio: onScreenComparison,
  baselineFirstContentfulPaint: baselinePaint,
  readyRatioWithPreload: preloaded,
  returningReaders,
  phases,
  lazyCompiled,
  road: road.medians,
  scaling,
  twiggy,
  shippedParts,
};
writeFileSync(new URL('bench/results/latest.json', root), JSON.stringify(results, null, 2) + '\n');

// ---- Report ----------------------------------------------------------------

const ms = (s) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = ['sharecite', 'shareon', 'shariff'].map((name) => {
  const s = summary[name];
  return `| ${name} | ${ms(s.ready)} | ${ms(s.onScreen)} | ${s.firstContentfulPaint.median.toFixed(0)} ms | ${kb(s.bytes.gzip)} | ${kb(s.bytes.brotli)} | ${s.widgetScriptMs.median.toFixed(0)} ms | ${s.scriptMs.median.toFixed(0)} ms | ${s.widgetLongestTask.median.toFixed(0)} ms (${s.widgetTasksOver50.median.toFixed(0)}) | ${s.longestTask.median.toFixed(0)} ms | ${s.cls.median.toFixed(3)} |`;
});
const md = `# sharecite benchmark

${new Date().toISOString().slice(0, 10)} · headless Chromium · ${THROTTLE}× CPU throttling · ${RUNS} interleaved runs per widget, fresh context each · the seed article, 1280×800 · \`make bench\`

## Side by side

| widget | ready (median, min–max) | on screen (median, min–max) | page's first contentful paint | shipped gzip | shipped brotli | widget script (trace) | script over the bare page | longest task with widget script (tasks > 50 ms) | longest task, whole page | CLS |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Ready: from navigation start until the Facebook control has its share link. On screen: until the
first frame after that is rendered (a task posted from its animation callback has run), so the controls can be
seen and the thread is free for a click; a widget that builds its controls early but holds the thread (or makes
the browser restyle the page) is on screen late. Measured in ${SCREEN_RUNS} interleaved runs of their own: asking for
that frame makes Chromium report its rendering as a long task, so they are not the runs the other columns come from. Page's first contentful paint: the article's own first paint with
the widget embedded (the bare page: ${baselinePaint.median.toFixed(0)} ms, ${baselinePaint.min.toFixed(0)}–${baselinePaint.max.toFixed(0)}). Shipped: every JS, wasm, CSS,
font and icon file the widget fetched (${Object.entries(summary).filter(([n]) => !n.startsWith('sharecite-')).map(([n, s]) => `${n}: ${s.bytes.files.join(', ')}`).join('; ')}),
each compressed alike: zlib at level 9, brotli at quality 11 (sharecite's wasm is stored deflated, so either adds a few bytes
to it). sharecite's \`dist/\` also holds its script precompressed (Zopfli's gzip, brotli): a host serving that as stored
sends ${kb(precompressed.gz)} (\`.gz\`) or ${kb(precompressed.br)} (\`.br\`) in all.

Widget script: CPU-profile samples in a trace (${TRACED} separate traced runs; tracing slows the page, so these
are not the ready-time runs) with one of the widget's files on the stack, wasm included. Script over the bare page:
\`ScriptDuration\` minus the bare page's, in the ready-time runs. Longest task with widget script: the longest
main-thread task (trace \`RunTask\`) in which a sample of the widget's script falls, browser work in it included
(wasm compilation, style and layout); in brackets, how many such tasks ran over 50 ms. The whole-page longest task
(Long Tasks API, ready-time runs) includes the page's own parsing and layout. Longest frame, whole page (Long
Animation Frames API, which counts the rendering after a task too): ${order.filter((n) => n !== 'baseline' && summary[n] && !n.includes('-')).map((n) => `${n} ${summary[n].longestFrame.median.toFixed(0)} ms`).join(', ')}.
Untraced, in the ${RUNS} ready-time runs: the widget's longest script entry point (the same API's script attribution: a
script's evaluation, a callback or a promise's reaction that ran from one of the widget's files, the wasm it called
and the layout it forced included; 0 when none ran in a frame over 50 ms), median and maximum, and in how many runs
one ran over 50 ms: ${PEERS.map((n) => `${n} ${summary[n].widgetLongestEntry.median.toFixed(0)} ms (max ${summary[n].widgetLongestEntry.max.toFixed(0)}; over 50 ms in ${summary[n].runsWithWidgetEntryOver50} of ${RUNS})`).join(', ')}.
sharecite's entry points over 50 ms, by what invoked them: ${summary.sharecite.widgetEntriesOver50.join('; ') || 'none'}.

sharecite's road to ready (medians): script fetched ${phases.scriptFetched.median.toFixed(0)} ms → wasm requested ${phases.wasmRequested.median.toFixed(0)} ms
→ wasm fetched ${phases.wasmFetched.median.toFixed(0)} ms → controls in the DOM ${phases.ready.median.toFixed(0)} ms → on screen ${summary.sharecite.onScreen.median.toFixed(0)} ms.
On the way, V8 compiles ${lazyCompiled.functions} of the widget's ${lazyCompiled.of.functions} wasm functions on their first call, on the main
thread: ${kb(lazyCompiled.bytes)} of its ${kb(lazyCompiled.of.bytes)} of code (median of ${LAZY_RUNS} runs traced for \`wasm.CompileLazy\` alone). Less code on the
start path is start time as well as bytes.

Step by step (\`bench/road.mjs\`: marks left by wrapping the browser functions the loader calls and the wasm's
exports; medians of ${ROAD_RUNS} loads of their own):

| at | step |
|---|---|
${roadLines(road).map(([at, what]) => `| ${at.toFixed(0)} ms | ${what} |`).join('\n')}

Ready-time ratio sharecite / peer, per run: shareon ${comparison.shareon.median.toFixed(2)} (${comparison.shareon.min.toFixed(2)}–${comparison.shareon.max.toFixed(2)}), Shariff ${comparison.shariff.median.toFixed(2)} (${comparison.shariff.min.toFixed(2)}–${comparison.shariff.max.toFixed(2)}).
On-screen ratio, per run: shareon ${onScreenComparison.shareon.median.toFixed(2)} (${onScreenComparison.shareon.min.toFixed(2)}–${onScreenComparison.shareon.max.toFixed(2)}), Shariff ${onScreenComparison.shariff.median.toFixed(2)} (${onScreenComparison.shariff.min.toFixed(2)}–${onScreenComparison.shariff.max.toFixed(2)}).

With the README's preload hints in \`<head>\` (same tag otherwise): ready ${ms(summary['sharecite-preload'].ready)};
ratio to shareon ${preloaded.shareon.median.toFixed(2)} (${preloaded.shareon.min.toFixed(2)}–${preloaded.shareon.max.toFixed(2)}), to Shariff ${preloaded.shariff.median.toFixed(2)} (${preloaded.shariff.min.toFixed(2)}–${preloaded.shariff.max.toFixed(2)});
on screen ${ms(summary['sharecite-preload'].onScreen)}, ratio to shareon ${preloaded.onScreen.shareon.median.toFixed(2)}, to Shariff ${preloaded.onScreen.shariff.median.toFixed(2)}.

## Returning readers

The same article a second time in the same browser context (${REPEAT_RUNS} interleaved runs each): its files from
the HTTP cache (served \`max-age\`, as a site would), and whatever the browser keeps of compiled code.

| widget | ready, second view (median, min–max) |
|---|---|
${PEERS.map((name) => `| ${name} | ${ms(returningReaders.ready[name])} |`).join('\n')}

Ratio sharecite / peer, per run: shareon ${returningReaders.ratio.shareon.median.toFixed(2)} (${returningReaders.ratio.shareon.min.toFixed(2)}–${returningReaders.ratio.shareon.max.toFixed(2)}), Shariff ${returningReaders.ratio.shariff.median.toFixed(2)} (${returningReaders.ratio.shariff.min.toFixed(2)}–${returningReaders.ratio.shariff.max.toFixed(2)}).

## Layout shift

| sharecite | below the fold (the seed's footer) | above the fold (after the byline) |
|---|---|---|
| without a placeholder | ${summary.sharecite.cls.median.toFixed(3)} | ${summary['sharecite-top'].cls.median.toFixed(3)} (max ${summary['sharecite-top'].cls.max.toFixed(3)}) |
| mounted into a slot with a reserved \`min-height\` | ${summary['sharecite-placeholder'].cls.median.toFixed(3)} | ${summary['sharecite-top-placeholder'].cls.median.toFixed(3)} (max ${summary['sharecite-top-placeholder'].cls.max.toFixed(3)}) |

## Scaling (\`data-target\`, one script)

| placements | all rendered (median of 3) | longest task | sharecite's longest entry point | longest frame (rendering included) | JS heap over the bare list | per placement | DOM nodes added |
|---|---|---|---|---|---|---|---|
${SCALES.map((n) => `| ${n} | ${ms(scaling[n].ready)} | ${scaling[n].longestTask.median.toFixed(0)} ms | ${scaling[n].longestEntry.median.toFixed(0)} ms (max ${scaling[n].longestEntry.max.toFixed(0)}) | ${scaling[n].longestFrame.median.toFixed(0)} ms | ${kb(scaling[n].heapBytes)} | ${(scaling[n].heapPerPlacement / 1024).toFixed(2)} KB | ${scaling[n].nodes.toFixed(0)} |`).join('\n')}

Longest task: the Long Tasks API, whole page, which leaves out the rendering after each task; sharecite's
longest entry point: the longest script entry point that ran from its files in a long animation frame (as in
Side by side; 0 when none did); longest frame: the Long Animation Frames API, which counts the rendering (the
style, layout and paint of the placements inserted).

## Where the bytes that ship go

Each part of the widget's stored file deflated alone (\`scripts/size-breakdown.mjs\`; together, in the
file, they take less), then the functions by what each costs: what zlib saves on its module's code when
that function's body is left out. Names from a twin of the shipped module, optimized alike with its
names kept (built from the same input, before the closure table is pruned and wasm-bindgen's throws
become traps); \`citation\` and \`republishing\` mark the functions the citation and republishing modules take.

${sizeBreakdown}

## Where the wasm's bytes go (\`twiggy top\`, before \`wasm-opt\`)

The widget and the citation styles, built as one module before the citation module is split off.

\`\`\`
${twiggy.trim()}
\`\`\`
`;
writeFileSync(new URL('bench/results/latest.md', root), md);
console.log(md);
