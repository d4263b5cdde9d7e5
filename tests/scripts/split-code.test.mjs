// scripts/split-code.mjs and the decoder readers run (crates/unsplit's
// wasm module, through js/unsplit.mjs): a module split into streams and
// rebuilt runs as the original does, for every kind of instruction the two
// know; an instruction they do not know fails the build, and a damaged
// split form fails loudly, never in a loop. `make decoder` builds the
// decoder these load.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { SPLIT_HEADER, STREAMS, pairsFor, splitCode, streamRange } from '../../scripts/split-code.mjs';
import { shareciteUnsplit } from '../../js/unsplit.mjs';
import { decoderInstance } from '../../scripts/stored-module.mjs';

const decoderBytes = readFileSync(new URL('../../build/sharecite_unsplit.wasm', import.meta.url));
// A fresh instance for each module, as the loader makes.
const decoder = () => decoderInstance(decoderBytes);
const unsplit = (split) => shareciteUnsplit(decoder(), split);
const split = (module) => splitCode(module, decoder());

const assemble = (text) => {
  const module = binaryen.parseText(text);
  // What the widget is built with (and SIMD, which split-code refuses);
  // not GC, whose encodings Node's V8 may not read.
  const { BulkMemory, BulkMemoryOpt, SignExt, NontrappingFPToInt, ReferenceTypes, Multivalue, SIMD128 } = binaryen.Features;
  module.setFeatures(BulkMemory | BulkMemoryOpt | SignExt | NontrappingFPToInt | ReferenceTypes | Multivalue | SIMD128);
  assert.ok(module.validate(), 'the test module is valid');
  const bytes = module.emitBinary();
  module.dispose();
  return Buffer.from(bytes);
};

// Every kind of immediate: block types (empty, a value type, a type
// index), labels, br_table, calls direct and indirect, locals (got before
// a load, a constant, another local.get and anything else; set and teed),
// globals,
// tables, memory arguments, memory.size and grow, constants of all four
// types (negative and wide ones too; i32s before an i32.add, before
// another i32.const and before anything else), typed select, references
// and the 0xfc family (saturating truncation, bulk memory, tables); call
// targets, offsets and i32s of more than one byte (a function past the
// 128th): every stream has some.
const EVERYTHING = `(module
  (type $pair (func (param i32) (result i32 i32)))
  (memory 1)
  (data (i32.const 1024) "an address")
  (data $text "sharecite")
  (data (i32.const 2048) "\\01\\02\\03\\04\\05 and text")
  (table $t 2 funcref)
  (elem $e func $twice)
  (global $g (mut i32) (i32.const 7))
  (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $split (type $pair) (local.get 0) (i32.const -1))
  (func (export "run") (param $n i32) (result i64)
    (local $sum i64) (local $f f64) (local $x f32)
    (local.set $f (f64.const 1.5e300))
    (local.set $x (f32.const -0.25))
    (memory.init $text (i32.const 16) (i32.const 0) (i32.const 9))
    (data.drop $text)
    (memory.copy (i32.const 64) (i32.const 16) (i32.const 9))
    (memory.fill (i32.const 128) (i32.const 255) (i32.const 4))
    (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 1))
    (elem.drop $e)
    (drop (table.grow $t (ref.null func) (i32.const 1)))
    (table.fill $t (i32.const 2) (ref.func $twice) (i32.const 1))
    (table.copy $t $t (i32.const 0) (i32.const 2) (i32.const 1))
    (drop (table.size $t))
    (drop (ref.is_null (table.get $t (i32.const 0))))
    (table.set $t (i32.const 2) (ref.null func))
    (drop (memory.grow (i32.const 1)))
    (global.set $g (i32.add (global.get $g) (memory.size)))
    (local.set $n (i32.sub (i32.add (local.tee $n (local.get $n)) (i32.const 300)) (i32.const 300)))
    (call $far)
    (block $out
      (loop $again
        (br_if $out (i32.eqz (local.get $n)))
        (block $c (block $b (block $a
          (br_table $a $b $c (i32.rem_u (local.get $n) (i32.const 3))))
          (local.set $sum (i64.add (local.get $sum) (i64.const 9223372036854775807)))
          (br $c))
          (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_s
            (call_indirect (param i32) (result i32) (local.get $n) (i32.const 1))))))
        (local.set $sum (i64.add (local.get $sum) (i64.load32_u offset=640 align=1 (i32.const 0))))
        (i64.store offset=200 (i32.const 0) (local.get $sum))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (if (result i32) (i32.gt_s (global.get $g) (i32.const 0))
      (then (call $split (i32.load8_s offset=16 (i32.const 0))) (drop))
      (else (i32.extend8_s (i32.const 200))))
    (drop)
    (drop (select (result f64) (local.get $f) (f64.const -2) (i32.const 1)))
    (drop (i32.trunc_sat_f32_s (local.get $x)))
    (drop (i32.add (local.get $n) (i32.load8_u offset=1024 (local.get $n))))
    (drop (i32.load8_u (i32.const 1027)))
    (drop (i32.const 66559))
    (drop (i32.const 66560))
    (i64.add (local.get $sum) (i64.load offset=200 (i32.const 0))))
  ${'(func) '.repeat(130)}(func $far))`;

test('a split module rebuilt by the loader is valid, runs as the original and splits the same again', async () => {
  const original = assemble(EVERYTHING);
  const form = split(original);
  // Its data is at 1024: of its constants, 1027 and 1024 + 65535 are
  // addresses (a byte each in the two address streams), 1024 + 65536 is not.
  assert.equal(SPLIT_HEADER, 4 + (1 + STREAMS.length) * 4);
  assert.equal(form.readUInt32LE(0), 1024);
  const length = (stream) => form.readUInt32LE(4 + 4 * (1 + STREAMS.indexOf(stream)));
  assert.equal(length('address'), 2);
  assert.equal(length('addressHigh'), 2);
  STREAMS.forEach((stream, i) => i > 0 && assert.ok(length(stream) > 0, `stream ${stream} has bytes`));
  const rebuilt = unsplit(form);
  assert.ok(WebAssembly.validate(rebuilt));
  assert.deepEqual(split(rebuilt), form);
  const run = async (bytes) => (await WebAssembly.instantiate(bytes)).instance.exports.run(25);
  assert.equal(await run(rebuilt), await run(original));
});

test('common pairs of opcodes are written as one byte each, and come back', async () => {
  // Locals added, loaded and stored in a loop: local.get before i32.const,
  // before another local.get, before a load.
  const body = '(local.set 1 (i32.add (i32.load (local.get 0)) (i32.add (local.get 1) (i32.const 3))))';
  const module = assemble(`(module (memory 1) (func (export "run") (param i32) (result i32) (local i32)
    ${body.repeat(40)} (local.get 1)))`);
  const pairs = pairsFor([module]);
  assert.ok(pairs.length >= 4, `${pairs.length} pairs`);
  const form = split(module);
  const [start, end] = streamRange(form, 'ops');
  const [pairsStart, pairsEnd] = streamRange(form, 'pairs');
  assert.equal(pairsEnd - pairsStart, 4 + 2 * pairs.length, 'a count, then two bytes a pair');
  const count = form.readUInt32LE(pairsStart);
  assert.ok(end - start < count / 4, `${count} opcodes written in ${end - start} bytes`);
  const rebuilt = unsplit(form);
  assert.ok(WebAssembly.validate(rebuilt));
  const run = async (bytes) => (await WebAssembly.instantiate(bytes)).instance.exports.run(0);
  assert.equal(await run(rebuilt), await run(module));
  // One module's pairs serve another's opcodes, as the citation module is
  // written with the pairs found for both.
  assert.deepEqual(unsplit(splitCode(module, decoder(), pairsFor([module, assemble(EVERYTHING)]))), rebuilt);
});

test('no pair is written as an opcode a module uses: fewer pairs, or the build fails', () => {
  // EVERYTHING uses ref.null (0xd0), ten bytes past the first a pair is
  // written as: at most ten pairs.
  const everything = assemble(EVERYTHING);
  const pairs = pairsFor([everything]);
  assert.ok(pairs.length > 0 && pairs.length <= 10, `${pairs.length} pairs`);
  const eleven = Array.from({ length: 11 }, () => [0x20, 0x20]);
  assert.throws(() => splitCode(everything, decoder(), eleven), /split-code: an opcode from 0xc6 to 0xd1, which a pair stands for/);
});

test('a module of many tiny functions, which grow most when rebuilt, comes back whole', () => {
  const tiny = assemble(`(module ${'(func) '.repeat(200)}(func (export "f") (result i32) (i32.const 1)))`);
  const rebuilt = unsplit(split(tiny));
  assert.ok(WebAssembly.validate(rebuilt));
  assert.ok(rebuilt.length > 2 * split(tiny).length, 'each of its sizes is written in five bytes');
});

test('an instruction split-code does not know fails the build', () => {
  const simd = assemble('(module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))');
  assert.throws(() => split(simd), /split-code: unknown instruction 0xfd/);
});

test('a damaged split form is refused, never read in a loop', () => {
  const form = split(assemble(EVERYTHING));
  const view = new DataView(form.buffer, form.byteOffset, form.byteLength);
  // The data's base, then the lengths of the 35 parts: the sections
  // before the code, then its 34 streams (the opcodes' pairs second, the
  // opcodes third).
  const length = (part) => 4 + part * 4;
  const withLengths = (changes) => {
    const changed = Buffer.from(form);
    const header = new DataView(changed.buffer, changed.byteOffset, SPLIT_HEADER);
    for (const [part, by] of changes) header.setUint32(length(part), view.getUint32(length(part), true) + by, true);
    return changed;
  };
  // The opcodes' stream four bytes short (the last part four bytes longer,
  // so the lengths still add up).
  assert.throws(() => unsplit(withLengths([[3, -4], [31, 4]])), /not a split wasm module/);
  // Each stream one byte shorter in turn, the byte given to the next.
  for (let part = 1; part < 31; part++) {
    assert.throws(() => unsplit(withLengths([[part, -1], [part + 1, 1]])), /not a split wasm module/, `part ${part}`);
  }
  assert.throws(() => unsplit(form.subarray(0, form.length - 1)), /not a split wasm module/);
  assert.throws(() => unsplit(new TextEncoder().encode('not a wasm module')), /not a split wasm module/);
  assert.throws(() => unsplit(new Uint8Array(0)), /not a split wasm module/);
});
