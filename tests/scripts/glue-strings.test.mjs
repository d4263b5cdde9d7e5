// scripts/glue-strings.mjs: the glue hands every string to the wasm one
// way, encoded then copied in, and byte for byte as before; a glue of
// another shape fails the build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withOneStringPath, withOneStringReturn, withPlainStringHandoffs } from '../../scripts/glue-strings.mjs';

// The parts of wasm-bindgen's glue concerned, as it writes them, around a
// memory whose malloc hands out room from its start: handing the wasm a
// string, and imports that return one (optional or not) into the two
// words at `arg0`, an export that takes two strings, and reading a string
// back out.
const glue = `let wasm_bindgen = (function(exports) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    let next = 8;
    const wasm = {
        memory,
        __wbindgen_malloc: (size) => { const at = next; next += size; return at; },
        __wbindgen_realloc: (ptr, old, size) => { next = ptr + size; return ptr; },
        __wbindgen_free: () => {},
    };
    let cachedUint8ArrayMemory0 = null;
    function getUint8ArrayMemory0() {
        if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
            cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
        }
        return cachedUint8ArrayMemory0;
    }

    function passStringToWasm0(arg, malloc, realloc) {
        if (realloc === undefined) {
            const buf = cachedTextEncoder.encode(arg);
            const ptr = malloc(buf.length, 1) >>> 0;
            getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
            WASM_VECTOR_LEN = buf.length;
            return ptr;
        }

        let len = arg.length;
        let ptr = malloc(len, 1) >>> 0;

        const mem = getUint8ArrayMemory0();

        let offset = 0;

        for (; offset < len; offset++) {
            const code = arg.charCodeAt(offset);
            if (code > 0x7F) break;
            mem[ptr + offset] = code;
        }
        if (offset !== len) {
            if (offset !== 0) {
                arg = arg.slice(offset);
            }
            ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
            const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
            const ret = cachedTextEncoder.encodeInto(arg, view);

            offset += ret.written;
            ptr = realloc(ptr, len, offset, 1) >>> 0;
        }

        WASM_VECTOR_LEN = offset;
        return ptr;
    }

    const cachedTextEncoder = new TextEncoder();
    let WASM_VECTOR_LEN = 0;

    function pass(text) {
        const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        return new TextDecoder().decode(getUint8ArrayMemory0().subarray(ptr0, ptr0 + len0));
    }

    function isLikeNone(x) {
        return x === undefined || x === null;
    }

    let cachedDataViewMemory0 = null;
    function getDataViewMemory0() {
        if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
            cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
        }
        return cachedDataViewMemory0;
    }

    const imports = {
        maybe: function(arg0, arg1) {
            const ret = arg1 ? 'Korybko, Andrew — 世界' : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        always: function(arg0) {
            const ret = 'data-networks';
            const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
    };

    function add(tag, text) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(tag, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        return getStringFromWasm0(ptr0, len0) + '|' + getStringFromWasm0(ptr1, len1);
    }

    function getStringFromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
    }

    let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
    cachedTextDecoder.decode();
    function decodeText(bytes) {
        return cachedTextDecoder.decode(bytes);
    }

    function __wbg_finalize_init() {
        cachedDataViewMemory0 = null;
        cachedUint8ArrayMemory0 = null;
    }
    __wbg_finalize_init();

    // What the wasm reads back: the string at the pointer the import wrote
    // at \`at\`, of the length it wrote after it; null for a null pointer.
    function returned(name, ...args) {
        const at = next;
        next += 8;
        imports[name](at, ...args);
        const words = new DataView(wasm.memory.buffer);
        const [ptr, len] = [words.getInt32(at, true), words.getInt32(at + 4, true)];
        return ptr === 0 ? null : new TextDecoder().decode(getUint8ArrayMemory0().subarray(ptr, ptr + len));
    }
    return { pass, returned, add };
})({ __proto__: null });
`;

test('every string reaches the wasm encoded, then copied in, with no call naming realloc', () => {
  const out = withOneStringPath(glue);
  assert.doesNotMatch(out, /realloc\)|encodeInto|charCodeAt/);
  assert.match(out, /passStringToWasm0\(text, wasm\.__wbindgen_malloc\)/);
  const { pass } = new Function(`${out}\nreturn wasm_bindgen;`)();
  for (const text of ['', 'data-networks', 'Korybko, Andrew', 'Ünïcödé “quotes” — 世界 🙂', 'a'.repeat(5000)]) {
    assert.equal(pass(text), text);
  }
});

test('a glue of another shape fails the build', () => {
  assert.throws(() => withOneStringPath(glue.replace('malloc, realloc)', 'malloc)')), /passStringToWasm0/);
  assert.throws(
    () => withOneStringPath(glue.replace('passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc)', 'passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc, 1)')),
    /kept its realloc/,
  );
});

test('every string an import returns is written by one helper, as before', () => {
  const out = withOneStringReturn(withOneStringPath(glue));
  assert.equal(out.match(/__shareciteReturnString\(arg0, ret\)/g).length, 2);
  assert.doesNotMatch(out, /getDataViewMemory0|cachedDataViewMemory0/);
  for (const source of [glue, out]) {
    const { returned } = new Function(`${source}\nreturn wasm_bindgen;`)();
    assert.equal(returned('maybe', 1), 'Korybko, Andrew — 世界');
    assert.equal(returned('maybe', 0), null);
    assert.equal(returned('always'), 'data-networks');
  }
});

test('a glue whose DataView does more than return strings fails the build', () => {
  const more = withOneStringPath(glue).replace('return { pass, returned, add };', 'getDataViewMemory0().getInt32(0, true);\n    return { pass, returned, add };');
  assert.throws(() => withOneStringReturn(more), /DataView for more/);
  assert.throws(() => withOneStringReturn(withOneStringPath(glue).replace('let cachedDataViewMemory0 = null;', '')), /no longer caches a DataView/);
});

test("an export's strings are handed over without a catch, and read back by the TextDecoder itself", () => {
  const plain = withOneStringReturn(withOneStringPath(glue));
  const out = withPlainStringHandoffs(plain);
  assert.doesNotMatch(out, /catch \(e\)|__wbindgen_free\(|decodeText/);
  for (const source of [plain, out]) {
    const { add } = new Function(`${source}\nreturn wasm_bindgen;`)();
    assert.equal(add('pt-BR', 'Compartilhar “este” artigo 🙂'), 'pt-BR|Compartilhar “este” artigo 🙂');
  }
  assert.throws(() => withPlainStringHandoffs(plain.replace('throw e;', 'throw new Error(e);')), /frees an export's strings/);
  assert.throws(() => withPlainStringHandoffs(plain.replace('return cachedTextDecoder.decode(bytes);', 'return cachedTextDecoder.decode(bytes.slice());')), /decodeText/);
});
