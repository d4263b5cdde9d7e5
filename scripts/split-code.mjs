// Splits a wasm module's code section into streams of like bytes before it
// is deflated: opcodes with opcodes, local and label indices with their
// kind, call targets, memory arguments, constants. Interleaved, each kind
// breaks up the others' repeats; apart, deflate finds far more of them
// (Zopfli: widget 54.0 -> 47.4 KB, citation module 14.0 -> 12.3 KB). The
// loader rebuilds the module with crates/unsplit, which describes the
// form, before compiling it. An opcode this does not know fails the build
// rather than the page (the decoder would not know it either).

import { shareciteUnsplit } from '../js/unsplit.mjs';

const CODE_SECTION = 10;

/**
 * `module` in the split form crates/unsplit reads; `decoder` is an
 * instance of that crate's wasm module, which must rebuild it.
 */
export function splitCode(module, decoder) {
  const split = splitOnly(module);
  // The reader's decoder must give back a module that splits the same way
  // (it differs only in writing every size in five bytes).
  const rebuilt = shareciteUnsplit(decoder, split);
  if (!WebAssembly.validate(rebuilt) || !splitOnly(rebuilt).equals(split)) {
    throw new Error('split-code: crates/unsplit does not rebuild the module');
  }
  return split;
}

function splitOnly(module) {
  const streams = { ops: [], index: [], call: [], memory: [], constant: [], rest: [] };
  let p = 8;
  const copy = (stream, from, to) => {
    for (let i = from; i < to; i++) streams[stream].push(module[i]);
  };
  const leb = () => {
    let value = 0;
    for (let shift = 0, b = 128; b & 128; shift += 7) value += ((b = module[p++]) & 127) * 2 ** shift;
    return value;
  };
  const lebTo = (stream) => {
    const start = p;
    const value = leb();
    copy(stream, start, p);
    return value;
  };
  const byteTo = (stream) => streams[stream].push(module[p++]);
  let before = null;
  let after = null;
  while (p < module.length) {
    const start = p;
    const id = module[p++];
    const end = leb() + p;
    if (id !== CODE_SECTION) {
      p = end;
      continue;
    }
    before = module.subarray(0, start);
    after = module.subarray(end);
    for (let functions = lebTo('rest'); functions--; ) {
      const bodyEnd = leb() + p;
      for (let locals = lebTo('rest'); locals--; byteTo('rest')) lebTo('rest');
      while (p < bodyEnd) {
        const at = p;
        const op = module[p];
        byteTo('ops');
        if (op === 0x02 || op === 0x03 || op === 0x04) {
          const type = module[p];
          if (type === 0x40 || (type >= 0x6f && type <= 0x7f)) byteTo('ops');
          else lebTo('index');
        } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26)) lebTo('index');
        else if (op === 0x0e) for (let targets = lebTo('index'); targets-- >= 0; ) lebTo('index');
        else if (op === 0x10 || op === 0xd2) lebTo('call');
        else if (op === 0x11) lebTo('call'), lebTo('call');
        else if (op === 0x1c) for (let types = lebTo('rest'); types--; ) byteTo('rest');
        else if (op >= 0x28 && op <= 0x3e) lebTo('memory'), lebTo('memory');
        else if (op === 0x3f || op === 0x40 || op === 0xd0) byteTo('ops');
        else if (op === 0x41 || op === 0x42) lebTo('constant');
        else if (op === 0x43 || op === 0x44) copy('constant', p, (p += op === 0x43 ? 4 : 8));
        else if (op === 0xfc) {
          const sub = lebTo('ops');
          if (sub === 8) lebTo('index'), byteTo('ops');
          else if (sub === 10) byteTo('ops'), byteTo('ops');
          else if (sub === 11) byteTo('ops');
          else if (sub === 12 || sub === 14) lebTo('index'), lebTo('index');
          else if (sub > 8 && sub <= 17) lebTo('index');
          else if (sub > 7) throw new Error(`split-code: unknown instruction 0xfc ${sub} at byte ${at}`);
        } else if (!(op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1 || (op >= 0x45 && op <= 0xc4))) {
          throw new Error(`split-code: unknown instruction 0x${op.toString(16)} at byte ${at}`);
        }
      }
      if (p !== bodyEnd) throw new Error(`split-code: a function body ends mid-instruction at byte ${p}`);
    }
    if (p !== end) throw new Error('split-code: the code section has bytes after its functions');
  }
  if (!before) throw new Error('split-code: the module has no code section');
  const parts = [before, after, ...Object.values(streams).map((stream) => Uint8Array.from(stream))];
  const header = new DataView(new ArrayBuffer(32));
  parts.forEach((part, i) => header.setUint32(i * 4, part.length, true));
  return Buffer.concat([new Uint8Array(header.buffer), ...parts]);
}
