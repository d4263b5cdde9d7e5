// The wasm features binaryen.js may use on our modules: the ones the
// Makefile's wasm-opt runs with (WASM_FEATURES), no more. With all of them
// binaryen would write types browsers do not know.

import binaryen from 'binaryen';

export function wasmFeatures() {
  const F = binaryen.Features;
  return F.MutableGlobals | F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.SignExt | F.ReferenceTypes | F.CallIndirectOverlong | F.Multivalue;
}
