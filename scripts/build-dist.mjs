// Assembles dist/ from wasm-bindgen's output in build/:
//   dist/sharecite.js       the loader and wasm-bindgen's glue, in one
//                           function scope, minified
//   dist/sharecite_bg.wasm  the optimized module, its imports and exports
//                           renamed short (scripts/short-names.mjs), its
//                           functions reordered (scripts/order-functions.mjs),
//                           stored split and deflated (below), with the
//                           decoder that rebuilds it (crates/unsplit)
//   dist/sharecite_cite_bg.wasm  the citation styles, fetched on first use:
//                           split off the widget's module
//                           (scripts/split-module.mjs), stored split and
//                           deflated too, against the widget's file
//   dist/sharecite_republish_bg.wasm  copy attribution, quote sharing and
//                           crossposting, fetched by pages that turn one
//                           on: split off and stored alike
//   dist/locales/*.txt      the strings of every language but English,
//                           compiled (crates/core/build.rs)
//   dist/**/*.gz, *.br      the JS and the locales precompressed, for hosts
//                           that serve files as stored (README, Hosting)
// and prints what each reader downloads.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { CITE_FILE, REPUBLISH_FILE, WIDGET_FILE, framedModule, storeFramed, storeModule } from './stored-module.mjs';
import { pairsFor } from './split-code.mjs';
import { originals, precompressible } from './precompressed.mjs';
import { minify } from 'terser';
import { shortenNames } from './short-names.mjs';
import { orderFunctions } from './order-functions.mjs';
import { withLoaderInit } from './glue-init.mjs';
import { withoutDeadFallback } from './glue-fallbacks.mjs';
import { withOneStringPath, withOneStringReturn, withPlainStringHandoffs } from './glue-strings.mjs';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');

const version = /^version\s*=\s*"([^"]+)"/m.exec(read('Cargo.toml'))[1];
// The renamed module's one import module, and the map from the old names.
const short = (glue, name) => {
  const wasm = new WebAssembly.Module(readFileSync(new URL(`build/${name}.min.wasm`, root)));
  const modules = new Set(WebAssembly.Module.imports(wasm).map((i) => i.module));
  if (modules.size !== 1) throw new Error(`build/${name}.min.wasm: expected one import module`);
  return shortenNames(glue, JSON.parse(read(`build/${name}.names.json`)), [...modules][0]);
};
const glue = withPlainStringHandoffs(withOneStringReturn(withOneStringPath(withoutDeadFallback(withLoaderInit(short(read('build/sharecite.js'), 'sharecite_bg'))))));
if (!glue.startsWith('let wasm_bindgen = ')) {
  throw new Error('build/sharecite.js is not wasm-bindgen --target no-modules output');
}
const loader = read('js/loader.js');
const marker = '  // @wasm-bindgen-glue\n';
if (!loader.includes(marker)) throw new Error('js/loader.js lost its @wasm-bindgen-glue marker');
// The function that hands a split form to the decoder (below), as the
// build's check and the tests import it.
const unsplitMarker = '  // @unsplit\n';
const unsplit = read('js/unsplit.mjs').replace('export function shareciteUnsplit', 'function shareciteUnsplit');
if (!loader.includes(unsplitMarker) || !unsplit.includes('\nfunction shareciteUnsplit')) {
  throw new Error('js/loader.js lost its @unsplit marker, or js/unsplit.mjs its shareciteUnsplit');
}

// Route every closure invocation through the loader's trap guard: one in
// each of the glue's closure makers (makeMutClosure; makeClosure too, were
// an `Fn` closure handed to JavaScript).
const invocations = /return (f\((?:state\.a|a), state\.b, \.\.\.args\));/g;
const found = glue.match(invocations) || [];
const makers = (glue.match(/\bfunction make(?:Mut)?Closure\(/g) || []).length;
if (makers === 0 || found.length !== makers) {
  throw new Error(`expected a closure invocation in each of wasm-bindgen's ${makers} closure makers, found ${found.length}: update scripts/build-dist.mjs`);
}
const guarded = glue.replace(invocations, 'return __shareciteGuard(() => $1);');

const source = loader
  .replace(unsplitMarker, unsplit)
  .replace(marker, guarded + '\n')
  .replaceAll('__VERSION__', version);
// Terser, three compression passes: 4.8% less gzip than esbuild's minifier
// gave the same source (5,012 against 5,267 B). Function expressions that
// use neither `this` nor `arguments` become arrows and object properties'
// functions methods (none of them is called with `new`: wasm-bindgen's
// imports are called as plain functions), and only functions called once
// are inlined (as many lines, but gzip finds more repeats): -0.1 KB. The
// license comment stays.
const { code } = await minify(source, {
  ecma: 2020,
  compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, inline: 1 },
  mangle: true,
  format: { comments: 'some' },
});

// Nearly every function of the loader and glue runs while a placement
// starts, and V8 compiles each JS function on the main thread on its first
// call (about a hundred of them) unless told otherwise. This comment, on
// the first line, is V8's explicit compile hint (Chrome 136): every
// function is compiled up front, on a background thread while the script
// streams in. Other engines read it as a comment. Side by side (16 pairs
// at 4x throttling) the page's main-thread script time went from a median
// 73 to 55 ms and its longest task from 95 to 76 ms; 29 bytes.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

// From empty, so that dist/ (and its measured size) holds only this build.
rmSync(new URL('dist/', root), { recursive: true, force: true });
mkdirSync(new URL('dist/', root), { recursive: true });
writeFileSync(new URL('dist/sharecite.js', root), COMPILE_HINT + code);
// The modules are stored split (scripts/split-code.mjs: their code's
// opcodes, indices, call targets, memory arguments, constants and
// addresses, and their data's text and tables, in 34 streams, which
// deflate compresses 16-18% smaller; the opcodes written with the pairs
// the modules' opcodes have most in common) and deflated (zlib's format,
// searched by Zopfli); the widget's file carries the decoder, 3.1 KB of wasm, in
// front (scripts/stored-module.mjs). The loader inflates them with the
// browser's DecompressionStream and rebuilds each with the decoder before
// compiling it, so a reader gets the widget in that size from any host:
// README, Hosting, compares it with what a host compressing the plain
// module itself would send (the figures live there only, so that they
// move with each build in one place).
// The widget's functions are reordered first, look-alikes together, so
// that each stream's repeats lie nearer (scripts/order-functions.mjs:
// -0.37 KB, and the citation module's dictionary changes with it: -0.02 KB).
// The citation and republishing modules are deflated with a stretch of the
// widget's file as their dictionary (their code looks alike; the reader
// who fetches them has the widget): 0.3 KB less for the citation module.
const decoder = readFileSync(new URL('build/sharecite_unsplit.wasm', root));
// The Makefile split the citation styles, and then copy attribution, quote
// sharing and crossposting, off the widget's module
// (scripts/split-module.mjs) and optimized each again.
const widgetModule = orderFunctions(readFileSync(new URL('build/sharecite_bg.final.wasm', root)));
const citeModule = readFileSync(new URL('build/sharecite_cite_bg.final.wasm', root));
const republishModule = readFileSync(new URL('build/sharecite_republish_bg.final.wasm', root));
const pairs = pairsFor([widgetModule, citeModule, republishModule]);
const widgetFile = framedModule(widgetModule, decoder, { carried: true, pairs });
writeFileSync(new URL(`dist/${WIDGET_FILE}`, root), storeFramed(widgetFile));
writeFileSync(new URL(`dist/${CITE_FILE}`, root), storeModule(citeModule, decoder, { carried: false, against: widgetFile, pairs }));
writeFileSync(new URL(`dist/${REPUBLISH_FILE}`, root), storeModule(republishModule, decoder, { carried: false, against: widgetFile, pairs }));

// English is built in; every other locale is fetched by pages that need
// it, compiled to the form the wasm reads (crates/core/build.rs: a header
// naming the keys, then the values in key order) by the core's `locales`
// example, which `make dist` builds.
const locales = new URL('dist/locales/', root);
mkdirSync(locales, { recursive: true });
execFileSync(fileURLToPath(new URL('target/release/examples/locales', root)), [fileURLToPath(locales)], { stdio: 'inherit' });

// Precompressed copies beside each file that is not stored deflated
// already, for a host to serve as they are (nginx's gzip_static and
// brotli_static, Caddy's `precompressed`): a server compressing on the fly
// spends little effort per response (nginx's gzip defaults to level 1,
// ngx_brotli's to quality 6), and the readers of every page pay for it.
// Zopfli's gzip is any gzip decoder's, searched far harder than zlib's
// level 9 (6% smaller on the widget); brotli at quality 11. serve.mjs serves the copies as such a host does,
// and check-size.mjs holds each to the file it stands for.
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const files = originals(new URL('dist/', root));
const precompressed = {};
await Promise.all(files.filter(precompressible).map(async (file) => {
  const bytes = readFileSync(new URL(`dist/${file}`, root));
  const gz = await gzipAsync(bytes, { numiterations: 15 });
  const br = brotli(bytes);
  writeFileSync(new URL(`dist/${file}.gz`, root), gz);
  writeFileSync(new URL(`dist/${file}.br`, root), br);
  precompressed[file] = { gz: gz.length, br: br.length };
}));

// A file of dist/ as measured: raw, gzip -9 (our yardstick), brotli 11,
// and as a host serving its .gz copy (or the file itself, if stored
// compressed) sends it.
const measure = (file) => {
  const bytes = readFileSync(new URL(`dist/${file}`, root));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotli(bytes).length,
    precompressed_gz: precompressed[file]?.gz ?? bytes.length,
  };
};
const sizes = Object.fromEntries(['sharecite.js', 'sharecite_bg.wasm', CITE_FILE, REPUBLISH_FILE].map((name) => [name, measure(name)]));
const sum = (list) => list.reduce((total, s) => ({
  raw: total.raw + s.raw, gzip: total.gzip + s.gzip, brotli: total.brotli + s.brotli, precompressed_gz: total.precompressed_gz + s.precompressed_gz,
}), { raw: 0, gzip: 0, brotli: 0, precompressed_gz: 0 });
// What every reader downloads; the citation module comes only when used,
// the republishing module only on pages that turn its features on.
const total = sum([sizes['sharecite.js'], sizes['sharecite_bg.wasm']]);
// Everything a site hosts: every file of dist/ (not counting its
// precompressed copies twice), each compressed as served.
const dist = sum(files.map(measure));
writeFileSync(new URL('build/sizes.json', root), JSON.stringify({ version, files: sizes, total, dist }, null, 2) + '\n');
const column = (label, bytes) => `${label} ${String(bytes).padStart(6)} B`;
for (const [name, s] of Object.entries({ ...sizes, total, 'dist/ (all files)': dist })) {
  console.log(`${name.padEnd(18)} ${String(s.raw).padStart(7)} B  ${column('gzip -9', s.gzip)}  ${column('brotli', s.brotli)}  ${column('.gz (zopfli)', s.precompressed_gz)}`);
}
