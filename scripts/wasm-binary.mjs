// Just enough of the wasm binary format for the build scripts that read
// modules without binaryen: sections, LEB128 numbers (signed too, and
// both written), the code section's function bodies, the data
// section's segments and the custom sections' names.

/**
 * The LEB128 number at `at` in `bytes`, and where it ends: unsigned, or
 * signed with `signed` (exact within 2^53: any i32, most i64s).
 */
export function leb128(bytes, at, signed = false) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [signed && byte & 0x40 ? value - 2 ** shift : value, at];
}

/** The signed LEB128 number at `at` in `bytes`, and where it ends. */
export const sleb128 = (bytes, at) => leb128(bytes, at, true);

/** `value` (a non-negative integer) as the bytes of an unsigned LEB128. */
export function writeLeb128(value) {
  const bytes = [];
  do {
    bytes.push((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
    value = Math.floor(value / 0x80);
  } while (value);
  return bytes;
}

/** `value` (an i32) as the bytes of a signed LEB128. */
export function writeSleb128(value) {
  const bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

/**
 * The segments of a data section's `body`, each `{ start, contentStart,
 * end, address }`: where its header starts, where its contents start and
 * end, and the address it is placed at (0 for a passive one). Only the
 * two kinds Rust writes are read: active in memory 0 at an `i32.const`
 * (flags 0), and passive (flags 1); any other throws. `countEnd` is where
 * the segment count ends.
 */
export function dataSegments(body) {
  let [count, at] = leb128(body, 0);
  const countEnd = at;
  const segments = [];
  for (; count > 0; count -= 1) {
    const start = at;
    let flags;
    let address = 0;
    [flags, at] = leb128(body, at);
    if (flags === 0) {
      if (body[at] !== 0x41) throw new Error('a data segment placed by an expression other than i32.const');
      [address, at] = sleb128(body, at + 1);
      if (body[at++] !== 0x0b) throw new Error('a data segment placed by an expression other than i32.const');
    } else if (flags !== 1) throw new Error(`a data segment with flags ${flags}`);
    let length;
    [length, at] = leb128(body, at);
    segments.push({ start, contentStart: at, end: at + length, address });
    at += length;
  }
  if (at !== body.length) throw new Error('the data section has bytes after its segments');
  return { countEnd, segments };
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

/** The bodies of the code section, in order (one per defined function). */
export function codeBodies(bytes) {
  const bodies = [];
  for (const { id, body } of sections(bytes)) {
    if (id !== 10) continue;
    let [count, at] = leb128(body, 0);
    for (; count > 0; count -= 1) {
      let length;
      [length, at] = leb128(body, at);
      bodies.push(body.subarray(at, at + length));
      at += length;
    }
  }
  return bodies;
}

/** The names of the module's custom sections, in order. */
export function customSectionNames(bytes) {
  return sections(bytes)
    .filter(({ id }) => id === 0)
    .map(({ body }) => {
      const [length, at] = leb128(body, 0);
      return new TextDecoder().decode(body.subarray(at, at + length));
    });
}
