// Takes `initSync` out of wasm-bindgen's `--target no-modules` glue. The
// loader always instantiates asynchronously (streaming compilation), so
// the synchronous path and its deprecation warning are bytes every reader
// downloads for nothing. Throws when the glue no longer has the shape this
// expects, so a wasm-bindgen upgrade fails the build, not the page.

const EXPORTED = 'return Object.assign(__wbg_init, { initSync }, exports);';
// The function, from its first line to the closing brace at its indent.
const DEFINITION = /\n( *)function initSync\(module\) \{\n[\s\S]*?\n\1\}\n/;

/** `glue` without `initSync`, defined or exported. */
export function withoutInitSync(glue) {
  if (!glue.includes(EXPORTED) || !DEFINITION.test(glue)) {
    throw new Error("wasm-bindgen's glue no longer defines and exports initSync as expected: update scripts/without-init-sync.mjs");
  }
  return glue.replace(EXPORTED, 'return Object.assign(__wbg_init, exports);').replace(DEFINITION, '\n');
}
