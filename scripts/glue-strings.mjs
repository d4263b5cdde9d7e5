// Gives wasm-bindgen's glue one way to hand a string to the wasm. Its
// passStringToWasm0 copies an ASCII string a character at a time, then
// for the rest reallocates and encodes into the wasm's memory (to spare a
// temporary array), or, called without `realloc`, encodes the string and
// copies it in. The second way alone does for every string the widget is
// given (attribute values, meta tags, a reader's selection: none long),
// and every call site then stops naming the wasm's realloc: the script
// 0.13 KB smaller. Throws when the glue no longer has the shape this
// expects, so a wasm-bindgen upgrade fails the build, not the page.

const PASS = /\n( *)function passStringToWasm0\(arg, malloc, realloc\) \{\n[\s\S]*?\n\1\}\n/;
const CALL = /passStringToWasm0\(([^,()]+), wasm\.([\w$]+), wasm\.[\w$]+\)/g;

/** `glue` with one way to pass a string: encoded, then copied in. */
export function withOneStringPath(glue) {
  if (!PASS.test(glue)) {
    throw new Error("wasm-bindgen's glue no longer has passStringToWasm0(arg, malloc, realloc): update scripts/glue-strings.mjs");
  }
  const passed = glue.replace(
    PASS,
    (_, indent) => `
${indent}function passStringToWasm0(arg, malloc) {
${indent}    const buf = cachedTextEncoder.encode(arg);
${indent}    const ptr = malloc(buf.length, 1) >>> 0;
${indent}    getUint8ArrayMemory0().set(buf, ptr);
${indent}    WASM_VECTOR_LEN = buf.length;
${indent}    return ptr;
${indent}}
`,
  );
  const out = passed.replace(CALL, 'passStringToWasm0($1, wasm.$2)');
  if (/passStringToWasm0\([^)]*,[^)]*,/.test(out)) {
    throw new Error('a call of passStringToWasm0 kept its realloc: update scripts/glue-strings.mjs');
  }
  return out;
}
