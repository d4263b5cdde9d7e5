// Just enough of the wasm binary format for the build scripts that read
// modules without binaryen: sections and LEB128 numbers.

/** The unsigned LEB128 number at `at` in `bytes`, and where it ends. */
export function leb128(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

/** The sections of a wasm module, in order: `{ id, body }`. */
export function sections(bytes) {
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb128(bytes, at);
    found.push({ id, body: bytes.subarray(at, at + size) });
    at += size;
  }
  return found;
}
