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

/** Where a function body's locals (groups of a count and a type), from `at`, end: its code starts there. */
export function localsEnd(body, at) {
  let [groups, end] = leb128(body, at);
  for (; groups > 0; groups -= 1) end = leb128(body, end)[1] + 1;
  return end;
}

// Each opcode's immediates, by kind (see `instructions`); those of the
// 0xfc prefix by their sub-opcode.
const IMMEDIATES = new Map([
  ...[0x02, 0x03, 0x04].map((op) => [op, ['blockType']]),
  [0x0c, ['label']],
  [0x0d, ['label']],
  [0x10, ['func']],
  [0x11, ['type', 'table']],
  ...[0x20, 0x21, 0x22].map((op) => [op, ['local']]),
  [0x23, ['global']],
  [0x24, ['global']],
  [0x25, ['table']],
  [0x26, ['table']],
  ...Array.from({ length: 0x3e - 0x28 + 1 }, (_, i) => [0x28 + i, ['align', 'offset']]),
  [0x3f, ['byte']],
  [0x40, ['byte']],
  [0x41, ['i32']],
  [0x42, ['i64']],
  [0x43, ['f32']],
  [0x44, ['f64']],
  [0xd0, ['byte']],
  [0xd2, ['func']],
]);
const PREFIXED = [[], [], [], [], [], [], [], [], ['data', 'byte'], ['data'], ['byte', 'byte'], ['byte'], ['elem', 'table'], ['elem'], ['table', 'table'], ['table'], ['table'], ['table']];
const SIZE = { byte: 1, f32: 4, f64: 8 };
// The opcodes without immediates this reads: control, parametric and
// numeric ones, ref.is_null.
const BARE = (op) => op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1 || (op >= 0x45 && op <= 0xc4);

/**
 * The instructions of `bytes` from `at` to `end` (a function body's code,
 * after its locals), each as `visit(op, operands)`: its opcode, and its
 * immediates, each `[kind, start, end]`. Kinds: `blockType` (an s33),
 * `label` (br_table's count too), `func`, `type`, `table`, `types`
 * (select's count and value types, together), `local`, `global`, `align`,
 * `offset`, `i32`, `i64`, `f32`, `f64`, `sub` (the 0xfc prefix's
 * sub-opcode), `data`, `elem` and `byte` (a memory index or a reference
 * type). Throws on an opcode it does not know, so that a build script
 * fails rather than misreads, naming the script (`who`).
 */
export function instructions(bytes, at, end, visit, who = 'wasm-binary') {
  while (at < end) {
    const start = at;
    const op = bytes[at++];
    const operands = [];
    const take = (kind) => {
      const to = SIZE[kind] ? at + SIZE[kind] : leb128(bytes, at)[1];
      operands.push([kind, at, to]);
      at = to;
    };
    let kinds;
    if (op === 0x0e) kinds = Array(leb128(bytes, at)[0] + 2).fill('label');
    else if (op === 0x1c) {
      const [types, typesAt] = leb128(bytes, at);
      operands.push(['types', at, typesAt + types]);
      at = typesAt + types;
      kinds = [];
    } else if (op === 0xfc) {
      const sub = leb128(bytes, at)[0];
      take('sub');
      kinds = PREFIXED[sub];
    } else kinds = IMMEDIATES.get(op) ?? (BARE(op) ? [] : undefined);
    if (!kinds) throw new Error(`${who}: unknown instruction 0x${op.toString(16)}${op === 0xfc ? ' ' + leb128(bytes, start + 1)[0] : ''} at byte ${start}`);
    kinds.forEach(take);
    visit(op, operands);
  }
  if (at !== end) throw new Error(`${who}: a function body ends mid-instruction at byte ${at}`);
}
