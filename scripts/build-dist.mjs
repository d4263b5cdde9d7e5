// Assembles dist/ from wasm-bindgen's output in build/:
//   dist/sharecite.js       the loader and wasm-bindgen's glue, in one
//                           function scope, minified
//   dist/sharecite_bg.wasm  the optimized module, its imports and exports
//                           renamed short (scripts/short-names.mjs), its
//                           functions ordered for gzip (order-functions.mjs)
//   dist/sharecite_cite_bg.wasm  the citation styles, fetched on first use
//   dist/locales/*.txt      the strings of every language but English
// and prints what each reader downloads.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { transformSync } from 'esbuild';
import { shortenNames } from './short-names.mjs';
import { withLoaderInit } from './glue-init.mjs';

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
const glue = withLoaderInit(short(read('build/sharecite.js'), 'sharecite_bg'));
if (!glue.startsWith('let wasm_bindgen = ')) {
  throw new Error('build/sharecite.js is not wasm-bindgen --target no-modules output');
}
const loader = read('js/loader.js');
const marker = '  // @wasm-bindgen-glue\n';
if (!loader.includes(marker)) throw new Error('js/loader.js lost its @wasm-bindgen-glue marker');

// Route every closure invocation (makeClosure and makeMutClosure) through
// the loader's trap guard.
const invocations = /return (f\((?:state\.a|a), state\.b, \.\.\.args\));/g;
const found = glue.match(invocations) || [];
if (found.length !== 2) {
  throw new Error(`expected 2 closure invocations in wasm-bindgen's glue, found ${found.length}: update scripts/build-dist.mjs`);
}
const guarded = glue.replace(invocations, 'return __shareciteGuard(() => $1);');

const source = loader
  .replace(marker, guarded + '\n')
  .replaceAll('__VERSION__', version);
const { code } = transformSync(source, {
  minify: true,
  target: 'es2020',
  legalComments: 'inline',
  charset: 'utf8',
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
copyFileSync(new URL('build/sharecite_bg.ordered.wasm', root), new URL('dist/sharecite_bg.wasm', root));
copyFileSync(new URL('build/sharecite_cite_bg.ordered.wasm', root), new URL('dist/sharecite_cite_bg.wasm', root));

// English is built in; every other locale is fetched by pages that need it.
mkdirSync(new URL('dist/locales/', root), { recursive: true });
for (const file of readdirSync(new URL('crates/core/locales/', root))) {
  if (file.endsWith('.txt') && file !== 'en.txt') {
    copyFileSync(new URL(`crates/core/locales/${file}`, root), new URL(`dist/locales/${file}`, root));
  }
}

const sizes = {};
for (const name of ['sharecite.js', 'sharecite_bg.wasm', 'sharecite_cite_bg.wasm']) {
  const bytes = readFileSync(new URL(`dist/${name}`, root));
  sizes[name] = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
// What every reader downloads; the citation module comes only when used.
const total = [sizes['sharecite.js'], sizes['sharecite_bg.wasm']].reduce((sum, s) => ({
  raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli,
}), { raw: 0, gzip: 0, brotli: 0 });
// Everything a site hosts: every file of dist/, each compressed as served.
const dist = { raw: 0, gzip: 0, brotli: 0 };
for (const file of readdirSync(new URL('dist/', root), { recursive: true })) {
  const url = new URL(`dist/${file}`, root);
  if (!statSync(url).isFile()) continue;
  const bytes = readFileSync(url);
  dist.raw += bytes.length;
  dist.gzip += gzipSync(bytes, { level: 9 }).length;
  dist.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
writeFileSync(new URL('build/sizes.json', root), JSON.stringify({ version, files: sizes, total, dist }, null, 2) + '\n');
for (const [name, s] of Object.entries({ ...sizes, total, 'dist/ (all files)': dist })) {
  console.log(`${name.padEnd(18)} ${String(s.raw).padStart(7)} B  gzip ${String(s.gzip).padStart(6)} B  brotli ${String(s.brotli).padStart(6)} B`);
}
