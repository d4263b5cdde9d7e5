// Takes wasm-bindgen's closure invoke shims out of the function table.
//
// For every closure type it could pass to JavaScript, wasm-bindgen's
// runtime describes an invoke shim by its table index (`describe_invoke`
// in wasm-bindgen's convert/closures.rs); the CLI reads the descriptors,
// exports the shims that are used and deletes the descriptors. The table
// entries stay behind, so wasm-opt must keep every shim they name: 44 for
// js-sys's typed-array and promise callbacks alone, none of which the
// widget uses. Nothing calls a shim through the table (JavaScript calls the
// exported ones, and the table is not exported), so each entry is pointed
// at one stub instead, which traps if ever called; indices do not move.
// After this, wasm-opt drops the shims no export keeps. Throws where that
// reasoning would not hold: a table JavaScript can reach.
//
// js-sys's JSPI task waker goes the same way when nothing live can make
// one: its four functions are in the table because a waker vtable in the
// data names them, and only the JSPI task poll builds such a waker, which
// only a `__wbg_jspi_task_poll` export reaches; the CLI deletes that export
// from a module without JSPI exports. The entries are stubbed only if,
// with them stubbed, no JSPI code survives dead-code removal (-0.45 KB raw).
//
//   node scripts/prune-closure-table.mjs <in.wasm> <out.wasm>

import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { wasmFeatures } from './binaryen-features.mjs';
import { isMain } from './is-main.mjs';

/** The demangled name wasm-bindgen gives its invoke shims. */
const INVOKE_SHIM = /^wasm_bindgen\[[0-9a-f]+\]::convert::closures::(?:_::)+invoke::</;
const STUB = 'sharecite_pruned_closure_shim';

/** `module` (binaryen) with its invoke-shim table entries pointed at a trapping stub; how many. */
export function pruneClosureTable(module) {
  for (let i = 0; i < module.getNumExports(); i += 1) {
    const { kind, name } = binaryen.getExportInfo(module.getExportByIndex(i));
    if (kind === binaryen.ExternalTable) throw new Error(`the table is exported as "${name}": JavaScript could call any entry`);
  }
  for (let i = 0; i < module.getNumTables(); i += 1) {
    const table = binaryen.getTableInfo(module.getTableByIndex(i));
    if (table.module) throw new Error(`the table is imported from "${table.module}": JavaScript could call any entry`);
  }
  return replaceEntries(module, (name) => (INVOKE_SHIM.test(name) ? stub(module) : name));
}

const JSPI_WAKER = /^js_sys\[[0-9a-f]+\]::futures::jspi::task_waker::raw_/;
const JSPI_CODE = /::futures::jspi::|^__wbg_jspi_task_poll$/;

/**
 * `module` (binaryen, after pruneClosureTable) with js-sys's JSPI waker
 * functions pointed at the stub, when no live code could build that
 * waker; how many entries. A module whose live code uses JSPI keeps them.
 */
export function pruneDeadWaker(module) {
  const debugInfo = binaryen.getDebugInfo();
  binaryen.setDebugInfo(true); // the copy keeps its function names
  const copy = binaryen.readBinary(module.emitBinary());
  binaryen.setDebugInfo(debugInfo);
  copy.setFeatures(module.getFeatures());
  try {
    if (replaceEntries(copy, wakersToStub(copy)) === 0) return 0;
    copy.runPasses(['remove-unused-module-elements']);
    for (let i = 0; i < copy.getNumFunctions(); i += 1) {
      if (JSPI_CODE.test(binaryen.getFunctionInfo(copy.getFunctionByIndex(i)).name)) return 0;
    }
  } finally {
    copy.dispose();
  }
  return replaceEntries(module, wakersToStub(module));
}

/** For replaceEntries: js-sys's JSPI waker functions to `module`'s stub. */
const wakersToStub = (module) => (name) => (JSPI_WAKER.test(name) ? stub(module) : name);

/** The trapping stub of `module`, added on first use. */
function stub(module) {
  // A type no call_indirect in the module can use, so a call of the stub
  // traps as a call of a missing function would.
  if (!module.getFunction(STUB)) {
    module.addFunction(STUB, binaryen.createType(Array(9).fill(binaryen.f64)), binaryen.f64, [], module.unreachable());
  }
  return STUB;
}

/** Every element segment of `module` with each entry `name` replaced by `replace(name)`; how many changed. */
function replaceEntries(module, replace) {
  // Read them all first: a replaced segment goes to the end of the list.
  const segments = [];
  for (let s = 0; s < module.getNumElementSegments(); s += 1) {
    segments.push(binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(s)));
  }
  let replaced = 0;
  for (const info of segments) {
    const entries = info.data.map(replace);
    const count = entries.filter((name, k) => name !== info.data[k]).length;
    if (count === 0) continue;
    module.removeElementSegment(info.name);
    module.addActiveElementSegment(info.table, info.name, entries, info.offset);
    replaced += count;
  }
  return replaced;
}

if (isMain(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  const module = binaryen.readBinary(readFileSync(input));
  module.setFeatures(wasmFeatures());
  const pruned = pruneClosureTable(module);
  if (pruned === 0) throw new Error(`${input}: no closure invoke shim in the table (were its names stripped?)`);
  const wakers = pruneDeadWaker(module);
  if (!module.validate()) throw new Error(`${input}: invalid after pruning`);
  writeFileSync(output, module.emitBinary());
  console.log(`${input}: ${pruned} closure invoke shims and ${wakers} dead JSPI waker functions out of the table`);
}
