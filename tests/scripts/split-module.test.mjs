// scripts/split-module.mjs: one module split in two that share its memory.
// The second links against the first's exports and runs as the whole
// module did; the first runs without it; data moves only when nothing the
// first keeps can reach it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { functionsMovedBy, mapObjects, splitModule } from '../../scripts/split-module.mjs';

const assemble = (text, features = 0) => {
  const module = binaryen.parseText(text);
  module.setFeatures(binaryen.Features.MVP | binaryen.Features.MutableGlobals | binaryen.Features.BulkMemory | features);
  assert.ok(module.validate(), 'the test module is valid');
  const bytes = module.emitBinary();
  module.dispose();
  return Buffer.from(bytes);
};

// `$shared` is called from both sides, `$helper` and `$late` only from
// `cite`'s, `$tabled` is in the table (so it stays) and `$after` comes
// after the moved functions (so its index moves). Constants: "shared" at
// 100 (both sides read it), "widget" at 200 (the first), "citation" at
// 300 (read by `cite` only, through a load's offset), and at 400 a word
// naming 300 that `$pointer` reads when `pointer` is true. With `skewed`,
// `$pointer` reads "citation" as a table indexed from 1 may be read: from
// an address 8 bytes before it. No code reads "unread" at 500, nor the
// table at 600.
const module = ({ pointer = false, skewed = false } = {}) =>
  assemble(`(module
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const 4096))
  (table 1 funcref)
  (elem (i32.const 0) $tabled)
  (type $unary (func (result i32)))
  (data (i32.const 100) "shared")
  (data (i32.const 200) "widget")
  (data (i32.const 300) "citation")
  (data (i32.const 400) "\\2c\\01\\00\\00")
  (data (i32.const 500) "unread")
  (data (i32.const 600) "\\01\\02\\03\\04")
  (func $shared (param i32) (result i32) (i32.add (local.get 0) (i32.load8_u (i32.const 100))))
  (func $tabled (result i32) (i32.const 7))
  (func $helper (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (i32.add (call $late) (i32.load8_u offset=300 (i32.const 0))))
  (func $late (result i32) (global.get $sp))
  (func $after (result i32) (i32.load8_u (i32.const 201)))
  (func $pointer (result i32)
    ${pointer ? '(i32.load8_u (i32.load (i32.const 400)))' : skewed ? '(i32.load8_u offset=292 (i32.const 8))' : '(i32.const 0)'})
  (func (export "widget") (result i32)
    (i32.add (call $after) (call $shared (i32.load8_u (i32.const 200)))))
  (func (export "pointer") (result i32) (call $pointer))
  (func (export "cite") (param i32) (result i32)
    (i32.add (call_indirect (type $unary) (i32.const 0))
      (i32.add (call $helper) (call $shared (local.get 0))))))`);

const OBJECTS = [
  { start: 100, end: 106 },
  { start: 200, end: 206 },
  { start: 300, end: 308 },
  { start: 400, end: 404 },
  { start: 500, end: 506 },
  { start: 600, end: 604 },
];
// The same, "citation" being one of LLVM's switch tables.
const WITH_SWITCH_TABLE = OBJECTS.map((object) => ({ ...object, switchTable: object.start === 300 }));

const text = (memory, at, length) => Buffer.from(memory.buffer, at, length).toString();

test('the second module runs as the whole did, on the first one\'s memory', () => {
  const whole = new WebAssembly.Instance(new WebAssembly.Module(module())).exports;
  const { first, second, moved, movedData } = splitModule(module(), { cite: 'c' }, 'p', OBJECTS);
  assert.equal(moved, 3, '$helper, $late and the export');
  assert.equal(movedData, 8, '"citation"');
  const widget = new WebAssembly.Instance(new WebAssembly.Module(first)).exports;
  assert.equal(widget.cite, undefined);
  assert.equal(widget.widget(), whole.widget(), 'the first runs on its own');
  assert.equal(text(widget.memory, 300, 8), '\0'.repeat(8), 'without the constant only the second reads');
  assert.equal(text(widget.memory, 100, 6), 'shared');
  const citeModule = new WebAssembly.Module(second);
  assert.deepEqual(WebAssembly.Module.exports(citeModule), [{ name: 'c', kind: 'function' }]);
  // $shared is reached through the table, where the first put it: no
  // function of the first's is exported for the second.
  assert.deepEqual(
    WebAssembly.Module.imports(citeModule).map(({ module, kind }) => `${module} ${kind}`).sort(),
    ['p global', 'p memory', 'p table'],
  );
  assert.deepEqual(
    WebAssembly.Module.exports(new WebAssembly.Module(first)).filter(({ kind }) => kind === 'function').map(({ name }) => name),
    ['widget', 'pointer'],
  );
  const cite = new WebAssembly.Instance(citeModule, { p: widget }).exports;
  assert.equal(text(widget.memory, 300, 8), 'citation', 'the second writes it when instantiated');
  assert.equal(cite.c(5), whole.cite(5));
  assert.equal(cite.c(5), whole.cite(5));
  const stackPointer = Object.values(widget).find((value) => value instanceof WebAssembly.Global);
  assert.equal(stackPointer.value, 4096 - 2 * 16, "the second moves the first's stack pointer");
});

test('the functions a split would move are named without splitting', () => {
  // Functions numbered in the order they are defined (no imports):
  // $shared 0, $tabled 1, $helper 2, $late 3, $after 4, $pointer 5, the exports 6 to 8.
  assert.deepEqual(functionsMovedBy(module(), ['cite']), [2, 3, 8], '$helper, $late and the export');
  assert.deepEqual(functionsMovedBy(module(), ['pointer']), [5, 7], '$pointer and its export');
  assert.throws(() => functionsMovedBy(module(), ['nothing']), /no function export nothing/);
});

test('a constant stays in the first when something it keeps points at it, or just before it', () => {
  for (const options of [{ pointer: true }, { skewed: true }]) {
    const { first, movedData } = splitModule(module(options), { cite: 'c' }, 'p', OBJECTS);
    assert.equal(movedData, 0, JSON.stringify(options));
    const widget = new WebAssembly.Instance(new WebAssembly.Module(first)).exports;
    assert.equal(widget.pointer(), 'c'.charCodeAt(0));
  }
  assert.equal(splitModule(module(), { cite: 'c' }, 'p', WITH_SWITCH_TABLE).movedData, 0, 'a switch table stays');
});

test('text no code of either module reads is left out; other data that none reads stays', () => {
  const { first, second, unreadData } = splitModule(module(), { cite: 'c' }, 'p', OBJECTS);
  assert.equal(unreadData, 6, '"unread"');
  const widget = new WebAssembly.Instance(new WebAssembly.Module(first)).exports;
  new WebAssembly.Instance(new WebAssembly.Module(second), { p: widget });
  assert.equal(text(widget.memory, 500, 6), '\0'.repeat(6));
  assert.deepEqual([...new Uint8Array(widget.memory.buffer, 600, 4)], [1, 2, 3, 4]);
  assert.equal(text(widget.memory, 100, 6), 'shared');
});

test('the linker map gives the data constants, with their sizes', () => {
  const map = [
    '       -    7075a     5f2f DATA',
    '  100000    7075b     5e07 .rodata',
    '  100000    70765        4         /w/sharecite.rcgu.o:(.rodata._RNvNtCs2n5kmtHexT0_9sharecite3dom6WINDOW)',
    '  100000    70765        4                 _RNvNtCs2n5kmtHexT0_9sharecite3dom6WINDOW',
    '  1000e0    70845        b         <internal>:(.rodata)',
    '  100100    70845       10         /w/sharecite.rcgu.o:(.rodata..Lswitch.table._RNvNtCs5_14sharecite_core3cite)',
    '  105f18    7075a       a4         /w/libsharecite_heap.rlib(sharecite_heap.o):(.bss.HEAP)',
    '       -    76689    63e93 CUSTOM(__wasm_bindgen_unstable)',
  ].join('\n');
  assert.deepEqual(mapObjects(map), [
    { start: 0x100000, end: 0x100004, switchTable: false },
    { start: 0x1000e0, end: 0x1000eb, switchTable: false },
    { start: 0x100100, end: 0x100110, switchTable: true },
    { start: 0x105f18, end: 0x105fbc, switchTable: false },
  ]);
});

test('a function export that is not there, or the map of another build, fails the split', () => {
  assert.throws(() => splitModule(module(), { gone: 'c' }, 'p', OBJECTS), /no function export gone/);
  const elsewhere = OBJECTS.map(({ start, end }) => ({ start: start + 50, end: end + 50 }));
  assert.throws(() => splitModule(module(), { cite: 'c' }, 'p', elsewhere), /data at 100 lies in no constant of the map/);
});

// A block's type is a signed LEB128: written unsigned, an index of 64 or
// more reads back as a value type (64 itself as "no result"). The second
// module numbers its types anew, its imports' first: eighty shared
// functions of eighty signatures put the `if`'s (two results) past them.
test('a block type index of 64 or more is renumbered as a signed LEB128', () => {
  const kinds = ['i32', 'i64', 'f32', 'f64'];
  const signatures = kinds.flatMap((a) => kinds.flatMap((b) => [[a, b], ...kinds.map((c) => [a, b, c])])).slice(0, 80);
  const shared = signatures.map((params, k) => `(func $s${k} (param ${params.join(' ')}) (result i32) (i32.const ${k}))`);
  const calls = signatures.map((params, k) => `(drop (call $s${k} ${params.map((t) => `(${t}.const 1)`).join(' ')}))`).join(' ');
  const bytes = assemble(`(module
  (memory (export "memory") 1)
  ${shared.join('\n  ')}
  (func (export "widget") (result i32) ${calls} (i32.const 5))
  (func (export "cite") (param i32) (result i32) ${calls}
    (if (result i32 i32) (local.get 0) (then (i32.const 40) (local.get 0)) (else (i32.const 1) (i32.const 1)))
    i32.add))`, binaryen.Features.Multivalue);
  const { first, second, shared: imported } = splitModule(bytes, { cite: 'c' }, 'p');
  assert.equal(imported, 80);
  const widget = new WebAssembly.Instance(new WebAssembly.Module(first)).exports;
  const cite = new WebAssembly.Instance(new WebAssembly.Module(second), { p: widget }).exports;
  assert.equal(cite.c(2), 42);
  assert.equal(cite.c(0), 2);
});

// Two modules split off one, in turn (make dist: the citation module, then
// the republishing module): "both" is read by `cite` and by `select` only, so
// the first split keeps it (`select` is still the widget's then), and the
// second must keep it too, for the citation module, which it is told of
// as a reader. Unread text is judged with the readers' code counted too.
test('a module split off after another keeps the data the other reads', () => {
  const bytes = assemble(`(module
  (memory (export "memory") 1)
  (data (i32.const 100) "both")
  (data (i32.const 200) "mine")
  (func (export "widget") (result i32) (i32.const 1))
  (func (export "cite") (result i32) (i32.load8_u (i32.const 100)))
  (func (export "select") (result i32) (i32.add (i32.load8_u offset=1 (i32.const 100)) (i32.load8_u (i32.const 200)))))`);
  const objects = [{ start: 100, end: 104 }, { start: 200, end: 204 }];
  const once = splitModule(bytes, { cite: 'c' }, 'p', objects);
  assert.equal(once.movedData, 0, '"both" stays: select reads it');
  const blind = splitModule(once.first, { select: 's' }, 'p', objects);
  assert.equal(blind.movedData, 8, 'told of no reader, "both" would go with select');
  const twice = splitModule(once.first, { select: 's' }, 'p', objects, [once.second]);
  assert.equal(twice.movedData, 4, 'only "mine" goes');
  assert.equal(twice.unreadData, 0);
  const widget = new WebAssembly.Instance(new WebAssembly.Module(twice.first)).exports;
  const cite = new WebAssembly.Instance(new WebAssembly.Module(once.second), { p: widget }).exports;
  assert.equal(cite.c(), 'b'.charCodeAt(0), 'the citation module reads "both" without the republishing module');
  const select = new WebAssembly.Instance(new WebAssembly.Module(twice.second), { p: widget }).exports;
  assert.equal(select.s(), 'o'.charCodeAt(0) + 'm'.charCodeAt(0));
});
