// Splits one wasm module in two that share its memory: the functions only
// some exports reach go to a second module, with the data only they read,
// and it imports from the first the memory, the globals and the table, in
// which the first puts the functions the second calls. The widget and the
// citation styles are built as one module (crates/cite-wasm's `cite`
// export) and split so after wasm-opt:
// compiled together, they share one copy of the allocator, the strings,
// dates and searches that two modules built apart each had, and each
// reader still downloads only the first, and the second when about to
// cite (widget +0.34 KB, citation module 10.6 -> 7.2 KB).
//
// Nothing in the first may call into the second (by construction: the
// second holds only what the split exports alone reach, and a function in
// the table stays in the first), so the first works without it. Both are
// renumbered: the first without the moved functions, the rest in their
// order (scripts/order-functions.mjs orders the widget's for deflate
// later), the second in index spaces of its own: its thunks (one per
// function of the first's that it calls) first.

import { readFileSync, writeFileSync } from 'node:fs';
import { isMain } from './is-main.mjs';
import { codeBodies, dataSegments, instructions, leb128, localsEnd, sleb128, sections, writeLeb128, writeSleb128 } from './wasm-binary.mjs';

const TYPE = 1;
const IMPORT = 2;
const FUNCTION = 3;
const TABLE = 4;
const MEMORY = 5;
const GLOBAL = 6;
const EXPORT = 7;
const START = 8;
const ELEMENT = 9;
const CODE = 10;
const DATA = 11;
const DATA_COUNT = 12;

// How far before a constant an address may name it (see splitData): a
// table indexed from 1 to 8 by a pointer and a length reads from 64 bytes
// before it, a string indexed from a few bytes in, from a few bytes before.
const SKEW = 64;
const TEXT_SKEW = 8;

const FUNCREF = 0x70;
const FUNC_KIND = 0;
const TABLE_KIND = 1;
const MEMORY_KIND = 2;
const GLOBAL_KIND = 3;

const fail = (why) => {
  throw new Error(`split-module: ${why}`);
};

/**
 * `module` split: the function exports `renamed` names (its keys; its
 * values are their names in `second`) and what only they reach go to
 * `second`, which imports the memory, globals and table it needs from
 * `first` under `importModule`, by names `first` exports (new ones for
 * what it did not export), and reaches the functions of `first`'s it
 * calls in that table. `objects` are the data's constants (see splitData;
 * none, and the data stays whole). `readers` are modules split off
 * `module` before (wasm binaries), which read its data too: what they
 * read stays in the first, as what the first's own code reads does.
 * Returns `{ first, second }`, both wasm binaries, and how much moved:
 * `moved` functions, `shared`, how many of the first's the second calls,
 * `movedData` bytes; and `unreadData`, the bytes of text no code of
 * either reads, which neither holds.
 */
export function splitModule(module, renamed, importModule, objects = [], readers = []) {
  const exports = Object.keys(renamed);
  const parsed = parse(module);
  const { funcTypes, bodies, exportList, elements, start } = parsed;
  const importedFuncs = importedFunctions(parsed);
  const split = new Set(exports);
  const moved = movedBy(parsed, split);
  const movedSet = new Set(moved);
  // What the second module's code uses of the first's.
  const shared = new Set();
  const globalsUsed = new Set();
  let usesTable = false;
  for (const index of moved) {
    walk(bodies[index - importedFuncs], {
      call: (callee) => (movedSet.has(callee) || shared.add(callee), callee),
      global: (g) => (globalsUsed.add(g), g),
      table: () => ((usesTable = true), 0),
    });
  }

  const kept = bodies.filter((_, i) => !movedSet.has(i + importedFuncs));
  const data = splitData(parsed, objects, [...kept, ...readers.flatMap(codeBodies)], moved.map((f) => bodies[f - importedFuncs]));

  // The first module: without the moved functions, renumbered; the split
  // exports out, and what the second imports exported under new names.
  const taken = new Set(exportList.map((e) => e.name));
  const namer = freshNames(taken);
  const added = [];
  const nameFor = (kind, index) => {
    const same = (e) => e.kind === kind && e.index === index;
    const known = exportList.find(same) ?? added.find(same);
    if (known) return known.name;
    const name = namer();
    added.push({ name, kind, index });
    return name;
  };
  const memoryName = nameFor(MEMORY_KIND, 0);
  // The first's functions the second calls are not exported to it: they
  // are put in the table, after what is there, and the second calls each
  // through a thunk of its own (a call_indirect of its slot). An export
  // is a name, a kind and an index, an element an index alone: in the
  // widget, whose file every reader downloads, 0.21 KB less than the
  // exports for both split modules' 120 functions (the two split modules
  // 0.1 KB more each, their thunks against their imports).
  const sharedList = [...shared].sort((a, b) => a - b);
  const table = parsed.tables[0] ?? { type: FUNCREF, min: 0, max: null };
  const tableName = usesTable || sharedList.length ? nameFor(TABLE_KIND, 0) : null;
  const globalNames = new Map([...globalsUsed].sort((a, b) => a - b).map((g) => [g, nameFor(GLOBAL_KIND, g)]));
  const firstExportList = [...exportList.filter((e) => !(e.kind === FUNC_KIND && split.has(e.name))), ...added];
  const defined = bodies.map((_, k) => importedFuncs + k).filter((index) => !movedSet.has(index));
  const firstIndex = new Map([...Array.from({ length: importedFuncs }, (_, index) => index), ...defined].map((index, k) => [index, k]));
  const firstExports = firstExportList.map((e) => ({
    ...e,
    index: e.kind === FUNC_KIND ? firstIndex.get(e.index) : e.index,
  }));
  const grown = { ...table, min: table.min + sharedList.length, max: table.max === null ? null : table.max + sharedList.length };
  const sharedSegment = { header: [0, 0x41, ...writeSleb128(table.min), 0x0b], functions: sharedList };
  const tables = [grown, ...parsed.tables.slice(1)];
  const firstElements = sharedList.length ? [...elements, sharedSegment] : elements;
  const first = rebuild(parsed, {
    [FUNCTION]: () => vector(defined.map((f) => writeLeb128(funcTypes[f - importedFuncs]))),
    [TABLE]: () => vector(tables.map(tableEntry)),
    [EXPORT]: () => vector(firstExports.map(exportEntry)),
    [START]: () => writeLeb128(firstIndex.get(start)),
    [ELEMENT]: () => vector(firstElements.map((e) => [...e.header, ...vector(e.functions.map((f) => writeLeb128(firstIndex.get(f))))])),
    [CODE]: () => vector(defined.map((f) => sized(walk(bodies[f - importedFuncs], { call: (g) => firstIndex.get(g) })))),
    [DATA]: () => vector(data.first.map(segmentEntry)),
    [DATA_COUNT]: () => writeLeb128(data.first.length),
  }, sharedList.length ? [TABLE, ELEMENT] : []);

  // The second module: its imports, then a thunk for each function of the
  // first's it calls, then the moved functions.
  const types = [];
  const typeIndex = (type) => {
    const key = parsed.types[type].join();
    let at = types.findIndex((t) => t.join() === key);
    if (at < 0) at = types.push(parsed.types[type]) - 1;
    return at;
  };
  const secondImports = [];
  const importEntry = (name, kind, desc) => secondImports.push([...string(importModule), ...string(name), kind, ...desc]);
  const memory = parsed.memories[0] ?? fail('no memory to share');
  importEntry(memoryName, MEMORY_KIND, [0, ...writeLeb128(memory.min)]);
  if (tableName) importEntry(tableName, TABLE_KIND, [grown.type, 0, ...writeLeb128(grown.min)]);
  const secondGlobal = new Map();
  for (const [g, name] of globalNames) {
    const global = parsed.globals[g - parsed.importedGlobals] ?? fail(`global ${g} is imported; share it yourself`);
    importEntry(name, GLOBAL_KIND, global.type);
    secondGlobal.set(g, secondGlobal.size);
  }
  const secondIndex = new Map();
  for (const f of [...sharedList, ...moved]) secondIndex.set(f, secondIndex.size);
  // Its parameters passed on, and a call_indirect of its slot.
  const thunk = (f, k) => {
    const type = funcTypeOf(parsed, f);
    const params = leb128(Uint8Array.from(parsed.types[type]), 1)[0];
    const passed = Array.from({ length: params }, (_, i) => [0x20, ...writeLeb128(i)]).flat();
    return sized([0, ...passed, 0x41, ...writeSleb128(table.min + k), 0x11, ...writeLeb128(typeIndex(type)), 0, 0x0b]);
  };
  const remap = {
    call: (f) => secondIndex.get(f),
    global: (g) => secondGlobal.get(g),
    type: (t) => typeIndex(t),
  };
  const secondBodies = [...sharedList.map(thunk), ...moved.map((f) => sized(walk(bodies[f - importedFuncs], remap)))];
  const secondFuncs = [...sharedList, ...moved].map((f) => writeLeb128(typeIndex(funcTypeOf(parsed, f))));
  const secondExports = exportList
    .filter((e) => e.kind === FUNC_KIND && split.has(e.name))
    .map((e) => exportEntry({ name: renamed[e.name], kind: FUNC_KIND, index: secondIndex.get(e.index) }));
  const second = moduleOf([
    [TYPE, vector(types)],
    [IMPORT, vector(secondImports)],
    [FUNCTION, vector(secondFuncs)],
    [EXPORT, vector(secondExports)],
    [CODE, vector(secondBodies)],
    ...(data.second.length ? [[DATA, vector(data.second.map(segmentEntry))]] : []),
  ]);
  return { first, second, moved: moved.length, shared: shared.size, movedData: data.moved, unreadData: data.unread };
}

/**
 * The functions of `module` (a wasm binary) that a split by the function
 * exports `names` would move to the second module: those only they reach
 * (see splitModule), by index in `module`'s function index space, in order.
 */
export function functionsMovedBy(module, names) {
  return movedBy(parse(module), new Set(names));
}

// How many functions a parsed module imports: they come first in its
// function index space.
const importedFunctions = ({ imports }) => imports.filter((i) => i.kind === FUNC_KIND).length;

// The moved functions of `parsed`, split by the export names in `split`.
function movedBy(parsed, split) {
  const { bodies, exportList, elements, start } = parsed;
  const importedFuncs = importedFunctions(parsed);
  const callees = bodies.map((body) => {
    const found = new Set();
    walk(body, { call: (index) => (found.add(index), index) });
    return found;
  });
  const reach = (roots) => {
    const seen = new Set();
    const stack = [...roots];
    while (stack.length) {
      const index = stack.pop();
      if (seen.has(index)) continue;
      seen.add(index);
      if (index >= importedFuncs) stack.push(...callees[index - importedFuncs]);
    }
    return seen;
  };
  const exported = (wanted) => exportList.filter((e) => e.kind === FUNC_KIND && wanted(e)).map((e) => e.index);
  for (const name of split) {
    if (!exportList.some((e) => e.kind === FUNC_KIND && e.name === name)) fail(`no function export ${name}`);
  }
  const firstReach = reach([...exported((e) => !split.has(e.name)), ...elements.flatMap((e) => e.functions), ...(start === null ? [] : [start])]);
  const secondReach = reach(exported((e) => split.has(e.name)));
  return [...secondReach].filter((index) => index >= importedFuncs && !firstReach.has(index)).sort((a, b) => a - b);
}

// The module's data, split: the constants (`objects`, each `{ start, end,
// switchTable }`: the linker's input sections, from its map) only the
// second module's code reaches go to it, so readers who never cite never
// download them. A constant stays in the first if its code names an
// address in it, just past its end (an end pointer) or a little before it
// (an index folded in: up to SKEW bytes, TEXT_SKEW for text), or a
// constant staying there holds one (a table of strings), or nothing names
// it at all; LLVM's switch tables, read from an address as far before them
// as their lowest case is from zero, always stay. (Measured: the widget
// 0.16 KB larger for these margins.) What moves is written by the second
// module when it is instantiated, before anything can read it: the first
// module only learns its addresses from the second.
function splitData(parsed, objects, firstBodies, secondBodies) {
  const image = new Map();
  for (const { address, bytes } of parsed.segments) bytes.forEach((byte, i) => image.set(address + i, byte));
  const byteAt = (address) => image.get(address) ?? 0;
  const isText = ({ start, end }) => {
    for (let at = start; at < end; at++) if (byteAt(at) < 0x20 && byteAt(at) !== 0x0a) return false;
    return end > start;
  };
  const sorted = [...objects].sort((a, b) => a.start - b.start).map((o) => ({ ...o, text: isText(o) }));
  // The last constant starting at or before `address`, or -1.
  const lastFrom = (address) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid].start <= address) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  };
  const holds = (i, address) => i >= 0 && address < sorted[i].end;
  // The constants an address names: the one holding it, the one it ends,
  // and those starting just after it, since an index into a table may be
  // folded into the address (`TABLE[i - 1]`, a load at TABLE - 8 plus
  // i * 8: an address before the table it reads).
  const named = (address) => {
    const at = lastFrom(address);
    const found = [];
    if (at >= 0 && address <= sorted[at].end) found.push(at);
    if (at >= 1 && sorted[at - 1].end === address) found.push(at - 1);
    for (let next = at + 1; next < sorted.length && sorted[next].start <= address + SKEW; next++) {
      if (!sorted[next].text || sorted[next].start <= address + TEXT_SKEW) found.push(next);
    }
    return found;
  };
  const reached = (bodies, extra) => {
    const seen = new Set();
    const stack = [];
    const name = (address) => named(address).forEach((i) => seen.has(i) || (seen.add(i), stack.push(i)));
    for (const body of bodies) walk(body, { address: name });
    extra.forEach(name);
    while (stack.length) {
      const { start, end } = sorted[stack.pop()];
      for (let at = (start + 3) & ~3; at + 4 <= end; at += 4) {
        name(byteAt(at) | (byteAt(at + 1) << 8) | (byteAt(at + 2) << 16) | (byteAt(at + 3) * 2 ** 24));
      }
    }
    return seen;
  };
  // A map of another build would name other constants: what this module
  // writes must all lie in them (between them is only alignment, zeros).
  if (sorted.length) {
    for (const [address, byte] of image) {
      if (byte && !holds(lastFrom(address), address)) fail(`data at ${address} lies in no constant of the map: is it this build's?`);
    }
  }
  const inFirst = reached(firstBodies, parsed.globals.map((g) => g.init).filter((v) => v !== null));
  const inSecond = reached(secondBodies, []);
  const moving = sorted.filter((object, i) => !object.switchTable && inSecond.has(i) && !inFirst.has(i));
  const movingAddresses = new Set(moving.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i)));
  // Text that no code of either module names any more (the messages of
  // wasm-bindgen's throws, once scripts/trap-throws.mjs made them traps)
  // goes. Only text: a string is named by its address, where a table or a
  // static might be reached in ways the walk does not see.
  const unread = sorted.filter((object, i) => object.text && !inFirst.has(i) && !inSecond.has(i));
  const unreadAddresses = new Set(unread.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i)));
  // Segments from runs of addresses, zeros at their ends left out (the
  // memory starts zeroed).
  const runs = (addresses) => {
    const segments = [];
    let run = null;
    for (const address of addresses) {
      if (run && address === run.address + run.bytes.length) run.bytes.push(byteAt(address));
      else segments.push((run = { address, bytes: [byteAt(address)] }));
    }
    return segments.flatMap(({ address, bytes }) => {
      let from = 0;
      let to = bytes.length;
      while (from < to && bytes[from] === 0) from++;
      while (to > from && bytes[to - 1] === 0) to--;
      return from < to ? [{ address: address + from, bytes: bytes.slice(from, to) }] : [];
    });
  };
  const addresses = [...image.keys()].sort((a, b) => a - b);
  const second = runs([...movingAddresses]);
  const first = moving.length || unread.length
    ? runs(addresses.filter((address) => !movingAddresses.has(address) && !unreadAddresses.has(address)))
    : parsed.segments.map(({ address, bytes }) => ({ address, bytes: [...bytes] }));
  return { first, second, moved: moving.reduce((sum, { start, end }) => sum + end - start, 0), unread: unreadAddresses.size };
}

const segmentEntry = ({ address, bytes }) => [0, 0x41, ...writeSleb128(address), 0x0b, ...writeLeb128(bytes.length), ...bytes];

/**
 * The data's constants from a wasm-ld map (`--Map`): `[{ start, end,
 * switchTable }]`, the last true for LLVM's lookup tables.
 */
export function mapObjects(map) {
  const objects = [];
  for (const line of map.split('\n')) {
    const match = /^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S.*:\((\.(?:rodata|data|bss|tdata)[^)]*)\)/.exec(line);
    if (match) {
      const start = parseInt(match[1], 16);
      objects.push({ start, end: start + parseInt(match[2], 16), switchTable: match[3].includes('.Lswitch.table.') });
    }
  }
  return objects;
}

// Names for new exports, none already taken: one character, then two. Any
// string may name an export; these are printable ASCII, which every tool
// prints as it is.
function freshNames(taken) {
  const alphabet = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i));
  const all = [...alphabet, ...alphabet.flatMap((a) => alphabet.map((b) => a + b))];
  let at = 0;
  return () => {
    while (taken.has(all[at])) at++;
    taken.add(all[at]);
    return all[at++];
  };
}

const funcTypeOf = (parsed, f) => {
  const imported = parsed.imports.filter((i) => i.kind === FUNC_KIND);
  return f < imported.length ? imported[f].type : parsed.funcTypes[f - imported.length];
};

const string = (text) => {
  const bytes = new TextEncoder().encode(text);
  return [...writeLeb128(bytes.length), ...bytes];
};
const vector = (items) => [...writeLeb128(items.length), ...items.flat()];
const sized = (bytes) => [...writeLeb128(bytes.length), ...bytes];
const exportEntry = ({ name, kind, index }) => [...string(name), kind, ...writeLeb128(index)];
// A module of `[id, body]` sections.
const moduleOf = (list) =>
  Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...list.flatMap(([id, body]) => [id, ...sized(body)])]);

// `parsed`'s module with some sections' bodies replaced (by id), and
// those of `added` it lacks added, in their place.
function rebuild(parsed, replaced, added = []) {
  const list = parsed.sections.map(({ id, body }) => [id, replaced[id] ? replaced[id]() : [...body]]);
  for (const id of added.filter((wanted) => !list.some(([present]) => present === wanted))) {
    const after = list.findIndex(([other]) => other !== 0 && ORDER.indexOf(other) > ORDER.indexOf(id));
    list.splice(after < 0 ? list.length : after, 0, [id, replaced[id]()]);
  }
  return moduleOf(list);
}
// The order sections come in (the data count's id is out of it).
const ORDER = [TYPE, IMPORT, FUNCTION, TABLE, MEMORY, GLOBAL, EXPORT, START, ELEMENT, DATA_COUNT, CODE, DATA];
const tableEntry = ({ type, min, max }) => [type, ...(max === null ? [0, ...writeLeb128(min)] : [1, ...writeLeb128(min), ...writeLeb128(max)])];

// The parts of the module the split needs.
function parse(module) {
  const parsed = {
    sections: sections(module),
    types: [],
    imports: [],
    importedGlobals: 0,
    funcTypes: [],
    tables: [],
    memories: [],
    globals: [],
    exportList: [],
    elements: [],
    start: null,
    bodies: codeBodies(module),
    segments: [],
  };
  for (const { id, body } of parsed.sections) {
    let at = 0;
    const leb = () => {
      const [value, end] = leb128(body, at);
      at = end;
      return value;
    };
    const name = () => {
      const length = leb();
      at += length;
      return new TextDecoder().decode(body.subarray(at - length, at));
    };
    const limits = () => {
      const flags = leb();
      const min = leb();
      return { min, max: flags & 1 ? leb() : null };
    };
    const constExpr = () => {
      const from = at;
      while (body[at] !== 0x0b) at++;
      return body.subarray(from, ++at);
    };
    if (id === 0 || id === CODE) continue;
    const count = id === START ? 1 : leb();
    for (let i = 0; i < count; i++) {
      if (id === TYPE) {
        const from = at;
        if (body[at++] !== 0x60) fail('a type that is not a function type');
        for (let lists = 2; lists > 0; lists--) {
          const length = leb();
          at += length;
        }
        parsed.types.push([...body.subarray(from, at)]);
      } else if (id === IMPORT) {
        const entry = { module: name(), name: name(), kind: body[at++] };
        if (entry.kind === FUNC_KIND) entry.type = leb();
        else if (entry.kind === GLOBAL_KIND) (at += 2), parsed.importedGlobals++;
        else fail('a module that imports a table or memory');
        parsed.imports.push(entry);
      } else if (id === FUNCTION) parsed.funcTypes.push(leb());
      else if (id === TABLE) {
        const type = body[at++];
        parsed.tables.push({ type, ...limits() });
      } else if (id === MEMORY) parsed.memories.push(limits());
      else if (id === GLOBAL) {
        const type = [body[at], body[at + 1]];
        at += 2;
        const init = constExpr();
        parsed.globals.push({ type, init: init[0] === 0x41 ? sleb128(init, 1)[0] : null });
      } else if (id === EXPORT) parsed.exportList.push({ name: name(), kind: body[at++], index: leb() });
      else if (id === START) parsed.start = leb();
      else if (id === ELEMENT) {
        const from = at;
        if (leb() !== 0) fail('an element segment other than an active one of function indices');
        constExpr();
        const header = [...body.subarray(from, at)];
        const functions = [];
        for (let n = leb(); n > 0; n--) functions.push(leb());
        parsed.elements.push({ header, functions });
      } else if (id === DATA) {
        parsed.segments = dataSegments(body).segments.map(({ contentStart, end, address }) => ({
          address,
          bytes: body.subarray(contentStart, end),
        }));
        break;
      } else break;
    }
  }
  return parsed;
}

/**
 * A function body's bytes with the indices it names passed through `map`
 * (`call` for function indices, `global`, `type` for type indices and
 * `table` for table indices, each given the old index and answering the
 * new; absent ones are kept). `address`, if given, hears every number
 * that may be an address: i32 constants, both halves of i64 ones, and
 * loads' and stores' offsets.
 */
function walk(body, map) {
  const code = localsEnd(body, 0);
  const out = [...body.subarray(0, code)];
  let copied = code;
  const replace = (start, end, bytes) => {
    for (; copied < start; copied++) out.push(body[copied]);
    out.push(...bytes);
    copied = end;
  };
  const changes = { func: map.call, global: map.global, type: map.type, table: map.table };
  instructions(body, code, body.length, (_, operands) => {
    for (const [kind, start, end] of operands) {
      if (kind === 'i32' || kind === 'offset') map.address?.(leb128(body, start, kind === 'i32')[0]);
      else if (kind === 'i64' && map.address) {
        // LLVM may merge two stores into one of an i64 constant: a
        // pointer and a length, say. Either half may be an address.
        let value = 0n;
        for (let i = end - 1; i >= start; i--) value = (value << 7n) | BigInt(body[i] & 0x7f);
        map.address(Number(value & 0xffffffffn));
        map.address(Number((value >> 32n) & 0xffffffffn));
      } else if (kind === 'blockType') {
        // A type index, or (negative) a value type or none.
        const type = sleb128(body, start)[0];
        if (type >= 0 && map.type) replace(start, end, writeSleb128(map.type(type)));
      } else {
        const change = changes[kind];
        if (change) replace(start, end, writeLeb128(change(leb128(body, start)[0])));
      }
    }
  }, 'split-module');
  for (; copied < body.length; copied++) out.push(body[copied]);
  return out;
}

// `node scripts/split-module.mjs <module> <names.json> <linker map> <widget> <export>=<file>…`:
// `make dist`'s splits of the widget's module (its imports and exports
// renamed short, as names.json records) into the widget and, for each
// export named, a module of what only it reaches, written to its file
// (the citation styles' `cite`; copy attribution's, quote sharing's and
// crossposting's `republish`); each imports what it shares under `p`
// (js/loader.js passes the widget's exports so) and exports its root
// under its own name.
if (isMain(import.meta.url)) {
  const [module, names, map, widget, ...splits] = process.argv.slice(2);
  if (!splits.length) throw new Error('usage: node scripts/split-module.mjs <module> <names.json> <linker map> <widget> <export>=<file>…');
  const shortName = new Map(JSON.parse(readFileSync(names, 'utf8')).exports);
  const objects = mapObjects(readFileSync(map, 'utf8'));
  let rest = readFileSync(module);
  const readers = [];
  for (const [name, file] of splits.map((pair) => pair.split('='))) {
    const { first, second, moved, shared, movedData, unreadData } = splitModule(rest, { [shortName.get(name)]: name }, 'p', objects, readers);
    writeFileSync(file, second);
    readers.push(second);
    rest = first;
    console.log(`split-module: ${moved} functions and ${movedData} B of data to ${file}, which calls ${shared} of the widget's through the table; ${unreadData} B of text no code reads left out`);
  }
  writeFileSync(widget, rest);
}
