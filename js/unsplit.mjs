// The loader's half of rebuilding a module from its split form
// (crates/unsplit says what the form is; scripts/split-code.mjs writes it).
// `decoder` is an instance of crates/unsplit's wasm module: the rebuilding
// runs in wasm, because in JavaScript it took 26-76 ms of a cold main
// thread at 4x throttling. scripts/build-dist.mjs puts this function in the
// loader (without `export`); the build's own check and the tests import it
// from here, so they run the code readers run.
export function shareciteUnsplit({ exports: { memory, room, unsplit } }, split) {
  const at = room(split.length);
  new Uint8Array(memory.buffer, at, split.length).set(split);
  const length = unsplit(at, split.length);
  if (!length) throw new Error('not a split wasm module');
  return new Uint8Array(memory.buffer, at + split.length, length);
}
