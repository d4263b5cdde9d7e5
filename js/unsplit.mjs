// The loader's half of scripts/split-code.mjs: rebuilds a wasm module from
// the streams its code section was split into. scripts/build-dist.mjs puts
// this function in the loader (without `export`); the tests and
// check-size import it from here, so they run the code readers run.
//
// The input is the split form: eight little-endian u32 lengths, then the
// module's sections before its code section, those after it, and the
// code's streams: opcodes, indices (locals, globals, labels, block types,
// segments), call targets, memory arguments, constants, and the rest
// (function count, local declarations, typed select's types). Each
// instruction's immediates are read from their stream in the order it
// needs them. Sizes come out as five-byte LEB128s, which wasm accepts.
export function shareciteUnsplit(bytes) {
  // Whatever is wrong with it (another file, a cut or garbled one), the
  // same words: the file is not what dist/ ships.
  const NOT_SPLIT = 'not a split wasm module';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 32;
  const parts = [];
  for (let i = 0; i < 8 && at <= bytes.length; i++) {
    const length = view.getUint32(i * 4, true);
    parts.push(bytes.subarray(at, (at += length)));
  }
  if (at !== bytes.length) throw new Error(NOT_SPLIT);
  const [before, after, ...streams] = parts;
  const [OPS, INDEX, CALL, MEMORY, CONSTANT, REST] = [0, 1, 2, 3, 4, 5];
  const read = new Uint32Array(6);
  // Each function adds a five-byte size, and has at least a byte in the
  // rest's stream (its count of local declarations).
  const out = new Uint8Array(bytes.length + 5 * streams[REST].length + 6);
  out.set(before);
  let o = before.length;
  const byte = (stream) => {
    const b = streams[stream][read[stream]++];
    if (b === undefined) throw new Error(NOT_SPLIT);
    return (out[o++] = b);
  };
  // Counts are small: a u32's LEB128 fits 35 bits, and bits past 31 are
  // never set in the ones read for their value.
  const leb = (stream) => {
    let value = 0;
    for (let shift = 0, b = 128; b & 128; shift += 7) value |= ((b = byte(stream)) & 127) << shift;
    return value >>> 0;
  };
  const size = (from) => {
    let n = o - from - 5;
    for (let i = 0; i < 4; i++, n >>>= 7) out[from + i] = (n & 127) | 128;
    out[from + 4] = n;
  };
  out[o++] = 10;
  const section = o;
  o += 5;
  for (let functions = leb(REST); functions--; ) {
    const body = o;
    o += 5;
    for (let locals = leb(REST); locals--; byte(REST)) leb(REST);
    for (let depth = 0; ; ) {
      const op = byte(OPS);
      if (op === 0x0b) {
        if (!depth--) break;
      } else if (op > 1 && op < 5) {
        depth++;
        const type = streams[OPS][read[OPS]];
        if (type === 0x40 || (type > 0x6e && type < 0x80)) byte(OPS);
        else leb(INDEX);
      } else if (op === 0x0c || op === 0x0d || (op > 0x1f && op < 0x27)) leb(INDEX);
      else if (op === 0x0e) for (let targets = leb(INDEX); targets-- >= 0; ) leb(INDEX);
      else if (op === 0x10 || op === 0xd2) leb(CALL);
      else if (op === 0x11) leb(CALL), leb(CALL);
      else if (op === 0x1c) for (let types = leb(REST); types--; ) byte(REST);
      else if (op > 0x27 && op < 0x3f) leb(MEMORY), leb(MEMORY);
      else if (op === 0x3f || op === 0x40 || op === 0xd0) byte(OPS);
      else if (op === 0x41 || op === 0x42) leb(CONSTANT);
      else if (op === 0x43 || op === 0x44) for (let n = op === 0x43 ? 4 : 8; n--; ) byte(CONSTANT);
      else if (op === 0xfc) {
        const sub = leb(OPS);
        if (sub === 8) leb(INDEX), byte(OPS);
        else if (sub === 10) byte(OPS), byte(OPS);
        else if (sub === 11) byte(OPS);
        else if (sub === 12 || sub === 14) leb(INDEX), leb(INDEX);
        else if (sub > 8) leb(INDEX);
      }
    }
    size(body);
  }
  size(section);
  if (read.some((n, stream) => n !== streams[stream].length)) throw new Error(NOT_SPLIT);
  out.set(after, o);
  return out.subarray(0, o + after.length);
}
