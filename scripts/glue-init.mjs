// Gives wasm-bindgen's `--target no-modules` glue the loader's way of
// instantiating. The glue can start from a URL, a Request, a Response, a
// module or bytes, synchronously (`initSync`) or not, and warns about
// deprecated arguments; the loader only ever hands it the wasm's URL, and
// its `shareciteInstantiate` already does what is left (inflating the
// stored module, compiling it) for the citation module too. So
// this swaps the glue's four loading functions (and its look for its own
// script) for one line, bytes no reader needs. Throws when the glue no
// longer has the shape this expects, so a wasm-bindgen upgrade fails the
// build, not the page.

const EXPORTED = 'return Object.assign(__wbg_init, { initSync }, exports);';
/** A function of the glue's, from its first line to the closing brace at its indent. */
const definition = (head) => new RegExp(`\\n( *)${head.replace(/[()]/g, '\\$&')} \\{\\n[\\s\\S]*?\\n\\1\\}\\n`);
const REPLACED = [
  'async function __wbg_load(module, imports)',
  'function initSync(module)',
  'async function __wbg_init_once(module_or_path)',
];
const INIT = definition('async function __wbg_init(module_or_path)');
const INIT_PROMISE = '\n    let __wbg_init_promise;\n';
// Where the glue would look for the wasm when given no URL.
const SCRIPT_SRC = `
    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }
`;
// The glue keeps the instance and module it was given, which only its own
// loading functions read back.
const KEPT = 'let wasmModule, wasmInstance, wasm;';
const KEEPING = /\n *(?:wasmInstance = instance|wasmModule = module);/g;
const LOADER_INIT = `
    function __wbg_init(url) {
        return shareciteInstantiate(url, __wbg_get_imports()).then(({ instance }) => __wbg_finalize_init(instance));
    }
`;

/** `glue` instantiated by the loader's `shareciteInstantiate(url, imports)`. */
export function withLoaderInit(glue) {
  const shapes = [EXPORTED, INIT_PROMISE, SCRIPT_SRC, KEPT].map((text) => glue.split(text).length === 2);
  const functions = [...REPLACED.map(definition), INIT].map((pattern) => pattern.test(glue));
  if (![...shapes, ...functions].every(Boolean)) {
    throw new Error("wasm-bindgen's glue no longer loads itself as expected: update scripts/glue-init.mjs");
  }
  let out = glue.replace(EXPORTED, 'return Object.assign(__wbg_init, exports);').replace(INIT_PROMISE, '\n').replace(SCRIPT_SRC, '\n');
  for (const head of REPLACED) out = out.replace(definition(head), '\n');
  out = out.replace(INIT, LOADER_INIT).replace(KEPT, 'let wasm;').replace(KEEPING, '');
  if (out.includes('script_src')) throw new Error('the glue uses script_src beyond its loading: update scripts/glue-init.mjs');
  if (/wasmModule|wasmInstance/.test(out)) throw new Error('the glue reads its instance or module beyond its loading: update scripts/glue-init.mjs');
  return out;
}
