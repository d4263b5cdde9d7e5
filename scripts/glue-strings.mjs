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

// An import that returns a string (an attribute's value, a property's
// text, JSON.parse's flat form) writes where it put it, and its length,
// into the two words the wasm gave it, each such import in four lines of
// its own and through a DataView the glue caches. One helper does it for
// all of them, with a view made for the call (the memory may have grown
// since the last): the script 0.09 KB smaller.
const RETURN = /\n( *)(?:var|const) ptr1 = (?:isLikeNone\(ret\) \? 0 : )?passStringToWasm0\(ret, wasm\.([\w$]+)\);\n *(?:var|const) len1 = WASM_VECTOR_LEN;\n *getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 1, len1, true\);\n *getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 0, ptr1, true\);/g;
const DATA_VIEW = /\n( *)let cachedDataViewMemory0 = null;\n *function getDataViewMemory0\(\) \{\n[\s\S]*?new DataView\((wasm\.[\w$]+)\.buffer\);\n[\s\S]*?\n\1\}\n/;
const VIEW_RESET = /\n *cachedDataViewMemory0 = null;/;

/**
 * `glue` (after {@link withOneStringPath}) with every string an import
 * returns written by one helper, `__shareciteReturnString`.
 */
export function withOneStringReturn(glue) {
  const view = DATA_VIEW.exec(glue);
  if (!view || !VIEW_RESET.test(glue) || !/\bfunction isLikeNone\(/.test(glue)) {
    throw new Error("wasm-bindgen's glue no longer caches a DataView of the memory as expected: update scripts/glue-strings.mjs");
  }
  const memory = view[2];
  const mallocs = new Set();
  const returned = glue.replace(RETURN, (_, indent, malloc) => {
    mallocs.add(malloc);
    return `\n${indent}__shareciteReturnString(arg0, ret);`;
  });
  if (mallocs.size !== 1) {
    throw new Error(`expected the glue's string returns to share one malloc, found ${mallocs.size}: update scripts/glue-strings.mjs`);
  }
  const [malloc] = mallocs;
  const out = returned
    .replace(
      DATA_VIEW,
      (_, indent) => `
${indent}function __shareciteReturnString(at, text) {
${indent}    const ptr = isLikeNone(text) ? 0 : passStringToWasm0(text, wasm.${malloc});
${indent}    const view = new DataView(${memory}.buffer);
${indent}    view.setInt32((at >>> 0) + 4, WASM_VECTOR_LEN, true);
${indent}    view.setInt32(at >>> 0, ptr, true);
${indent}}
`,
    )
    .replace(VIEW_RESET, '');
  if (/getDataViewMemory0|cachedDataViewMemory0/.test(out)) {
    throw new Error('the glue uses its DataView for more than returning strings: update scripts/glue-strings.mjs');
  }
  return out;
}

// An export that takes several strings (add_locale) hands them over inside
// a try whose catch frees those already in the wasm's memory before it
// rethrows. Handing over a string throws only when the wasm's malloc
// traps, and a module that trapped is broken: freeing into it helps
// nothing. So they are handed over as any other string (-0.03 KB).
const FREED_ON_THROW = /\n( *)let ((?:ptr\d+, len\d+)(?:, ptr\d+, len\d+)+);\n\1try \{\n([\s\S]*?)\n\1\} catch \(e\) \{\n(?:\1 {4}if \(ptr\d+\) \{ wasm\.[\w$]+\(ptr\d+, len\d+ \* 1, 1\); \}\n)+\1 {4}throw e;\n\1\}/g;
// The glue's decodeText only forwards to its TextDecoder.
const DECODE_TEXT = /\n( *)function decodeText\(bytes\) \{\n\1 {4}return cachedTextDecoder\.decode\(bytes\);\n\1\}\n/;

/**
 * `glue` with no catch around handing an export's strings over, and its
 * TextDecoder called where the glue called decodeText.
 */
export function withPlainStringHandoffs(glue) {
  let freed = 0;
  const handed = glue.replace(FREED_ON_THROW, (_, indent, names, body) => {
    freed++;
    return `\n${indent}let ${names};\n${body.replace(new RegExp(`^${indent} {4}`, 'gm'), indent)}`;
  });
  if (freed === 0 || /\} catch \(e\) \{\n *if \(ptr\d+\)/.test(handed)) {
    throw new Error("wasm-bindgen's glue no longer frees an export's strings as expected: update scripts/glue-strings.mjs");
  }
  if (!DECODE_TEXT.test(handed)) {
    throw new Error("wasm-bindgen's glue no longer has decodeText as a plain call of its TextDecoder: update scripts/glue-strings.mjs");
  }
  return handed.replace(DECODE_TEXT, '\n').replaceAll('decodeText(', 'cachedTextDecoder.decode(');
}
