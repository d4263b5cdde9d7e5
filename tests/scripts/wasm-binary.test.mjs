// scripts/wasm-binary.mjs: the little of the wasm format the build scripts
// read by hand, checked against modules binaryen writes. `make check-size`
// relies on customSectionNames to refuse a dist/ module that ships one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { codeBodies, customSectionNames, dataSegments, instructions, leb128, localsEnd, sections, sleb128, writeLeb128, writeSleb128 } from '../../scripts/wasm-binary.mjs';

/** A module with `count` functions, the last one long enough that its body's size takes two LEB128 bytes. */
function module(count, custom = []) {
  const m = new binaryen.Module();
  for (let i = 0; i < count; i += 1) {
    const drops = Array.from({ length: i === count - 1 ? 40 : 1 }, (_, k) => m.drop(m.i32.const(0x12345678 + k)));
    m.addFunction(`f${i}`, binaryen.none, binaryen.none, [], m.block(null, drops));
    m.addFunctionExport(`f${i}`, `f${i}`);
  }
  for (const name of custom) m.addCustomSection(name, new Uint8Array([1, 2, 3]));
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

test('LEB128 numbers of one to five bytes', () => {
  for (const [bytes, value] of [[[0x05], 5], [[0xe5, 0x8e, 0x26], 624485], [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff]]) {
    assert.deepEqual(leb128(Uint8Array.from([0xaa, ...bytes]), 1), [value, 1 + bytes.length]);
  }
});

test('signed LEB128 numbers: positive, negative, and an i32 at either end, read and written', () => {
  for (const [bytes, value] of [
    [[0x02], 2],
    [[0x7e], -2],
    [[0xff, 0x00], 127],
    [[0x80, 0x7f], -128],
    [[0x80, 0x80, 0xc0, 0x00], 1048576],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -0x80000000],
  ]) {
    assert.deepEqual(sleb128(Uint8Array.from([0xaa, ...bytes]), 1), [value, 1 + bytes.length]);
    assert.deepEqual(writeSleb128(value), bytes, 'and written so');
  }
});

test('LEB128 numbers written read back the same, in as few bytes as they take', () => {
  for (const [value, length] of [[0, 1], [127, 1], [128, 2], [624485, 3], [0xffffffff, 5], [2 ** 40, 6]]) {
    const bytes = writeLeb128(value);
    assert.equal(bytes.length, length, `${value}`);
    assert.deepEqual(leb128(Uint8Array.from(bytes), 0), [value, length]);
  }
});

test('data segments: where each header and its contents are, and where active ones are placed', () => {
  const m = new binaryen.Module();
  m.setFeatures(binaryen.Features.BulkMemory);
  m.setMemory(1, 1, null, [
    { offset: m.i32.const(1048576), data: new TextEncoder().encode('sharecite'), passive: false },
    { data: new Uint8Array([1, 2, 3]), passive: true },
    { offset: m.i32.const(7), data: new Uint8Array(200), passive: false },
  ]);
  const bytes = m.emitBinary();
  m.dispose();
  const body = sections(bytes).find(({ id }) => id === 11).body;
  const { countEnd, segments } = dataSegments(body);
  assert.equal(countEnd, 1);
  assert.deepEqual(segments.map(({ address }) => address), [1048576, 0, 7]);
  assert.deepEqual(segments.map(({ contentStart, end }) => end - contentStart), [9, 3, 200]);
  assert.equal(new TextDecoder().decode(body.subarray(segments[0].contentStart, segments[0].end)), 'sharecite');
  // Each header runs from its start to its contents: flags, the placing expression, the length.
  assert.deepEqual([...body.subarray(segments[1].start, segments[1].contentStart)], [1, 3]);
  assert.deepEqual([...body.subarray(segments[2].start, segments[2].contentStart)], [0, 0x41, 7, 0x0b, 0xc8, 1]);
  assert.equal(segments[2].end, body.length);
  // A segment of another kind (flags 2: an explicit memory index) is refused.
  const other = Uint8Array.from([1, 2, 0, 0x41, 0, 0x0b, 0]);
  assert.throws(() => dataSegments(other), /flags 2/);
  assert.throws(() => dataSegments(Uint8Array.from([1, 0, 0x23, 0, 0x0b, 0])), /other than i32.const/);
  assert.throws(() => dataSegments(Uint8Array.from([0, 0])), /bytes after its segments/);
});

test('sections and function bodies as the module holds them', () => {
  const bytes = module(3);
  const ids = sections(bytes).map(({ id }) => id);
  assert.ok(ids.includes(10), `a code section among ${ids}`);
  const bodies = codeBodies(bytes);
  assert.equal(bodies.length, 3);
  assert.ok(bodies[2].length > 127, `the last body (${bodies[2].length} B) needs a two-byte size`);
  // Each body is a whole function: it ends with `end`.
  for (const body of bodies) assert.equal(body[body.length - 1], 0x0b);
  assert.deepEqual(codeBodies(module(0)), []);
});

test('custom sections are found by name, and a module without any has none', () => {
  assert.deepEqual(customSectionNames(module(1)), []);
  assert.deepEqual(customSectionNames(module(1, ['target_features', 'producers'])), ['target_features', 'producers']);
});

test('instructions: each opcode with its immediates, by kind, after the locals', () => {
  const m = binaryen.parseText(`(module
    (memory 1) (table 1 funcref) (global $g (mut i32) (i32.const 0)) (type $t (func (result i32)))
    (func $f (param i32) (result i32) (local i64 f64)
      (block $out (br_table $out $out (local.get 0)))
      (global.set $g (i32.load offset=300 (i32.const 8)))
      (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
      (drop (i64.const -1)) (drop (f64.const 1.5))
      (local.tee 0 (call_indirect (type $t) (i32.const 0)))))`);
  m.setFeatures(binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.MutableGlobals);
  const bytes = m.emitBinary();
  m.dispose();
  const [body] = codeBodies(bytes);
  const seen = [];
  instructions(body, localsEnd(body, 0), body.length, (op, operands) => {
    seen.push([op, ...operands.map(([kind, start, end]) => (kind === 'byte' ? kind : `${kind} ${leb128(body, start, kind === 'i32' || kind === 'i64')[0]}:${end - start}`))]);
  });
  const kinds = seen.filter(([, ...operands]) => operands.length).map(([op, ...operands]) => [op, ...operands.map((o) => o.split(' ')[0])]);
  assert.deepEqual(kinds, [
    [0x02, 'blockType'],
    [0x20, 'local'],
    [0x0e, 'label', 'label', 'label'],
    [0x41, 'i32'],
    [0x28, 'align', 'offset'],
    [0x24, 'global'],
    [0x41, 'i32'], [0x41, 'i32'], [0x41, 'i32'],
    [0xfc, 'sub', 'byte'],
    [0x42, 'i64'],
    [0x44, 'f64'],
    [0x41, 'i32'],
    [0x11, 'type', 'table'],
    [0x22, 'local'],
  ]);
  assert.ok(seen.some(([op, ...o]) => op === 0x28 && o[1] === 'offset 300:2'), 'the offset, read back');
  assert.ok(seen.some(([op, ...o]) => op === 0x42 && o[0] === 'i64 -1:1'), 'an i64, signed');
  const unknown = Uint8Array.from([0xfd, 0x00, 0x0b]);
  assert.throws(() => instructions(unknown, 0, unknown.length, () => {}, 'here'), /here: unknown instruction 0xfd at byte 0/);
});
