// Puts a module's functions in the order that deflates smallest, near enough.
//
// Split (scripts/split-code.mjs), every stream holds the functions' parts
// in the order the functions come in, and deflate copies a repeat from at
// most 32 KB back, in fewer bits the nearer it is. wasm-opt leaves them in
// its own order, in which look-alike functions (the drop of one type after
// another's, closures' shims, a getter and its neighbour) lie far apart.
// So: the functions called most come first, where a call's target takes
// one byte rather than two (wasm numbers the imports first, and only
// indices under 128 take one); then each next function is the one whose
// bytes share the most three-byte strings with the last one placed, for
// its size. The widget's file is 0.37 KB smaller so, and the citation
// module's 0.02 KB (its dictionary is the widget's last 32 KiB of opcodes).
//
// Measured against the order otherwise (Zopfli, as dist/ stores it): the
// 20 most-called functions first, rather than none (+0.08 KB) or every
// one a one-byte index can name (50 in the widget: +0.16 KB); strings of
// three bytes rather than four (+0.09 KB) or of the opcodes alone (+0.05
// KB); likeness to the last function placed rather than to the last two
// (+0.06 KB) or four. Ordering the citation module's own functions made
// its file 5 B larger: it keeps its order. This is the widget's one
// order: split-module.mjs had put its exported functions first and the
// rest by type (the export and function sections in runs), which left both
// files 65 B larger under this one, and now keeps the order it is given.
// (A first try, before the split's deflate blocks per stream and ordered
// by likeness alone, left the widget 17 B larger, and cost 40 s of build;
// this takes 0.3 s.)

import { codeBodies, instructions, leb128, localsEnd, sections, writeLeb128 } from './wasm-binary.mjs';

const FUNCTION_SECTION = 3;
const EXPORT_SECTION = 7;
const START_SECTION = 8;
const ELEMENT_SECTION = 9;
const CODE_SECTION = 10;
const CALL = 0x10;
const REF_FUNC = 0xd2;
/** How many of the most-called functions go first (see above). */
const MOST_CALLED = 20;
/** The length of the strings two functions' likeness counts. */
const GRAM = 3;

/** `module` (wasm bytes) with its functions in the order above. */
export function orderFunctions(module) {
  return permuteFunctions(module, functionOrder(module));
}

/**
 * The order for `module`'s defined functions: their indices among the
 * defined functions (imports not counted), in their new order, the
 * `mostCalled` most-called first.
 */
export function functionOrder(module, mostCalled = MOST_CALLED) {
  const { imports, bodies } = functionsOf(module);
  const calls = new Array(bodies.length).fill(0);
  for (const body of bodies) {
    for (const target of callTargets(body)) if (target >= imports) calls[target - imports] += 1;
  }
  const byCalls = [...bodies.keys()].sort((a, b) => calls[b] - calls[a] || a - b);
  const order = byCalls.slice(0, mostCalled);
  const left = new Set(byCalls.slice(mostCalled));
  const grams = bodies.map(gramsOf);
  let last = byCalls[mostCalled];
  while (last !== undefined) {
    order.push(last);
    left.delete(last);
    let next;
    let nextScore = -1;
    for (const candidate of left) {
      let shared = 0;
      for (const gram of grams[candidate]) if (grams[last].has(gram)) shared += 1;
      const score = shared / Math.sqrt(grams[candidate].size + 1);
      if (score > nextScore) [next, nextScore] = [candidate, score];
    }
    last = next;
  }
  return order;
}

/** The distinct three-byte strings of `body`, each as a number. */
function gramsOf(body) {
  const grams = new Set();
  for (let at = 0; at + GRAM <= body.length; at += 1) grams.add(body[at] | (body[at + 1] << 8) | (body[at + 2] << 16));
  return grams;
}

/** How many functions `module` imports (numbered before its own), and its function bodies. */
function functionsOf(module) {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(module)).filter(({ kind }) => kind === 'function').length;
  return { imports, bodies: codeBodies(module) };
}

/** The function indices `body` calls or takes a reference to, each `[index, start, end]` of its LEB128. */
function functionOperands(body) {
  const found = [];
  instructions(body, localsEnd(body, 0), body.length, (op, operands) => {
    if (op === CALL || op === REF_FUNC) {
      const [, start, end] = operands[0];
      found.push([leb128(body, start)[0], start, end]);
    }
  }, 'order-functions');
  return found;
}

const callTargets = (body) => functionOperands(body).map(([index]) => index);

const leb = (value) => Buffer.from(writeLeb128(value));
const vector = (items) => Buffer.concat([leb(items.length), ...items]);
const section = (id, body) => Buffer.concat([Buffer.from([id]), leb(body.length), body]);

/**
 * `module` with its defined functions in `order` (see functionOrder), and
 * every call, function reference, export, start and table element
 * renumbered to match. A table keeps its slots: only the functions in
 * them are renumbered. An element segment of a form wasm-bindgen does not
 * write fails the build.
 */
export function permuteFunctions(module, order) {
  const { imports, bodies } = functionsOf(module);
  if (order.length !== bodies.length || new Set(order).size !== bodies.length) {
    throw new Error('order-functions: not an order of every function');
  }
  const renumbered = new Map();
  order.forEach((old, index) => renumbered.set(imports + old, imports + index));
  const renumber = (index) => renumbered.get(index) ?? index;

  const out = [module.subarray(0, 8)];
  for (const { id, body } of sections(module)) {
    let rewritten = body;
    if (id === FUNCTION_SECTION) {
      let [count, at] = leb128(body, 0);
      const types = [];
      for (; count > 0; count -= 1) {
        const start = at;
        at = leb128(body, at)[1];
        types.push(body.subarray(start, at));
      }
      rewritten = vector(order.map((old) => types[old]));
    } else if (id === CODE_SECTION) {
      rewritten = vector(order.map((old) => {
        const code = renumberedBody(bodies[old], renumber);
        return Buffer.concat([leb(code.length), code]);
      }));
    } else if (id === EXPORT_SECTION) {
      let [count, at] = leb128(body, 0);
      const exports = [];
      for (; count > 0; count -= 1) {
        const start = at;
        const [length, name] = leb128(body, at);
        const kind = body[name + length];
        const [index, end] = leb128(body, name + length + 1);
        exports.push(Buffer.concat([body.subarray(start, name + length + 1), leb(kind === 0 ? renumber(index) : index)]));
        at = end;
      }
      rewritten = vector(exports);
    } else if (id === START_SECTION) {
      rewritten = leb(renumber(leb128(body, 0)[0]));
    } else if (id === ELEMENT_SECTION) {
      rewritten = renumberedElements(body, renumber);
    }
    out.push(section(id, rewritten));
  }
  return Buffer.concat(out);
}

function renumberedBody(body, renumber) {
  const parts = [];
  let copied = 0;
  for (const [index, start, end] of functionOperands(body)) {
    parts.push(body.subarray(copied, start), leb(renumber(index)));
    copied = end;
  }
  parts.push(body.subarray(copied));
  return Buffer.concat(parts);
}

/** The element section's segments with their functions renumbered: active ones in table 0 at an i32.const (flags 0), as wasm-bindgen writes. */
function renumberedElements(body, renumber) {
  let [count, at] = leb128(body, 0);
  const segments = [];
  for (; count > 0; count -= 1) {
    const start = at;
    const [flags, offset] = leb128(body, at);
    if (flags !== 0 || body[offset] !== 0x41) throw new Error(`order-functions: an element segment of flags ${flags}`);
    at = leb128(body, offset + 1, true)[1];
    if (body[at++] !== 0x0b) throw new Error('order-functions: an element segment placed by more than an i32.const');
    const head = body.subarray(start, at);
    let functions;
    [functions, at] = leb128(body, at);
    const renumbered = [];
    for (; functions > 0; functions -= 1) {
      const [index, end] = leb128(body, at);
      renumbered.push(leb(renumber(index)));
      at = end;
    }
    segments.push(Buffer.concat([head, vector(renumbered)]));
  }
  return vector(segments);
}
