// Where the bytes a reader downloads go, in the bytes that ship: the
// widget's stored file part by part (the decoder it carries, then each
// stream of the split form), and its functions by what each costs once
// deflated. `twiggy top` names the raw bytes of a module before wasm-opt,
// four tenths of which are a name section no reader gets; this names the
// deflated ones. `make bench` writes both into bench/results/latest.md.
//
// A function's cost is what zlib saves on the module's code when that
// function's body is left out: a body like others costs little, one unlike
// any costs nearly its own deflated size. The costs do not add up to the
// whole (each is counted against all the others), but they rank the
// functions by what they weigh.

import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import binaryen from 'binaryen';
import { isMain } from './is-main.mjs';
import { STREAMS, streamRange } from './split-code.mjs';
import { storedParts } from './stored-module.mjs';
import { functionsMovedBy } from './split-module.mjs';
import { codeBodies } from './wasm-binary.mjs';

const deflated = (bytes) => (bytes.length ? deflateRawSync(bytes, { level: 9 }).length : 0);

/**
 * The stored file at `url` (a file URL into dist/), part by part: the
 * decoder it carries (if any) and each stream of its split form, as
 * `{ part, raw, deflated }` with each part deflated alone, largest first.
 * Streams that are empty are left out.
 */
export function streamCosts(url) {
  const { decoder, split } = storedParts(url);
  const parts = [{ part: 'decoder', raw: decoder.length, deflated: deflated(decoder) }];
  for (const name of ['before', ...STREAMS]) {
    const [start, end] = streamRange(split, name);
    parts.push({ part: name, raw: end - start, deflated: deflated(split.subarray(start, end)) });
  }
  return parts.filter((p) => p.raw > 0).sort((a, b) => b.deflated - a.deflated);
}

/** The modules make dist splits off the widget's, by the exports that root them. */
export const SPLITS = { citation: ['cite'], republishing: ['republish'] };

/**
 * Each function of `module` (a wasm binary) as `{ name, module, raw,
 * cost }`: its body's size, and what zlib saves on its module's code when
 * it is left out (see above), most costly first. `splits` names the
 * modules split off it, each by the exports that root it (`{ citation:
 * ['cite'] }`): the functions only those reach (scripts/split-module.mjs)
 * are that module's, costed against its code alone; the rest are the
 * widget's.
 */
export function functionCosts(module, splits = {}) {
  const bodies = codeBodies(module);
  const { names, imported } = functionNames(module);
  const owner = new Map();
  for (const [label, exports] of Object.entries(splits)) {
    for (const index of functionsMovedBy(module, exports)) owner.set(index, label);
  }
  const costs = [];
  for (const label of ['widget', ...Object.keys(splits)]) {
    const indices = bodies.map((_, i) => imported + i).filter((index) => (owner.get(index) ?? 'widget') === label);
    const code = indices.map((index) => bodies[index - imported]);
    const whole = deflated(Buffer.concat(code));
    indices.forEach((index, k) => {
      const without = Buffer.concat([...code.slice(0, k), ...code.slice(k + 1)]);
      costs.push({ name: names[index], module: label, raw: code[k].length, cost: whole - deflated(without) });
    });
  }
  return costs.sort((a, b) => b.cost - a.cost || b.raw - a.raw);
}

/**
 * `module`'s function names in its index space, imports first, read by
 * binaryen as the other build scripts read them (its own numbers where the
 * module has no name section), and how many of them are imported.
 */
function functionNames(module) {
  const parsed = binaryen.readBinary(module);
  try {
    const names = [];
    let imported = 0;
    for (let i = 0; i < parsed.getNumFunctions(); i += 1) {
      const info = binaryen.getFunctionInfo(parsed.getFunctionByIndex(i));
      if (info.module) imported += 1;
      names.push(info.name);
    }
    return { names, imported };
  } finally {
    parsed.dispose();
  }
}

/**
 * A name as a table shows it: without the crate hashes rustc puts in
 * brackets (`sharecite_core[89c5f28ad1bc17b0]::`) and cut to `width`.
 */
export function shortName(name, width = 110) {
  const plain = name.replace(/\[[0-9a-f]{16}\]/g, '');
  return plain.length > width ? `${plain.slice(0, width - 1)}…` : plain;
}

/**
 * Both tables as Markdown: `parts` (streamCosts) and the first `top` of
 * `functions` (functionCosts).
 */
export function breakdownMarkdown(parts, functions, top = 25) {
  const rows = (list, cells) => list.map((item) => `| ${cells(item).join(' | ')} |`).join('\n');
  const code = (name) => `\`${shortName(name).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
  return `| part of the widget's file | bytes | deflated alone |
|---|---|---|
${rows(parts, (p) => [p.part, p.raw, p.deflated])}

| function | module | bytes | what it costs deflated |
|---|---|---|---|
${rows(functions.slice(0, top), (f) => [code(f.name), f.module, f.raw, f.cost])}`;
}

// `node scripts/size-breakdown.mjs <named module> [top]`: the tables for
// dist/'s widget file, with the functions of `named`, a twin of the
// shipped module, optimized alike but with its names and its `cite`
// export kept (make bench builds one: build/sharecite_bg.named.wasm).
if (isMain(import.meta.url)) {
  const [named, top = '25'] = process.argv.slice(2);
  if (!named) throw new Error('usage: node scripts/size-breakdown.mjs <named module> [top]');
  const url = new URL('../dist/sharecite_bg.wasm', import.meta.url);
  console.log(breakdownMarkdown(streamCosts(url), functionCosts(readFileSync(named), SPLITS), Number(top)));
}
