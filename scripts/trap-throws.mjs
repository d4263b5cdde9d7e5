// Makes wasm-bindgen's throwing import a trap of the module's own.
//
// wasm-bindgen's runtime reports misuse of itself (a closure called after
// it was dropped or while it runs, an object borrowed twice, an
// `unwrap_throw` that failed, as gloo-timers makes) by calling an import
// that throws a JavaScript `Error` with a message from the wasm's data. In
// a build that aborts on a panic, each is a bug like a panic, and is better
// reported as one: a trap is what the loader's boundary stops and reports
// as sharecite's internal error, where an `Error` thrown from a listener
// would reach the page as an uncaught exception. So the import becomes a
// function of the module that traps; wasm-opt then makes each call an
// `unreachable`, the messages are read by no code and split-module.mjs
// leaves them out of the data, and the glue loses the import's function
// (short-names.mjs drops what the module no longer imports).
//
//   node scripts/trap-throws.mjs <in.wasm> <out.wasm>

import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { wasmFeatures } from './binaryen-features.mjs';
import { isMain } from './is-main.mjs';

/** The import wasm-bindgen throws its runtime's errors through, by its base name. */
const THROW = /^__wbg___wbindgen_throw_[0-9a-f]+$/;

/** `module` (binaryen) with its throwing import made a trapping function; how many imports that was. */
export function trapThrows(module) {
  const throwing = [];
  for (let i = 0; i < module.getNumFunctions(); i += 1) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.module && THROW.test(info.base)) throwing.push(info);
  }
  for (const { name, params, results } of throwing) {
    // Calls name functions, not indices: the same name, now defined here.
    module.removeFunction(name);
    module.addFunction(name, params, results, [], module.unreachable());
  }
  return throwing.length;
}

if (isMain(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  const module = binaryen.readBinary(readFileSync(input));
  module.setFeatures(wasmFeatures());
  if (trapThrows(module) !== 1) throw new Error(`${input}: expected one __wbindgen_throw import (did wasm-bindgen rename it?)`);
  if (!module.validate()) throw new Error(`${input}: invalid after trapping its throws`);
  writeFileSync(output, module.emitBinary());
  console.log(`${input}: wasm-bindgen's throws made traps`);
}
