// Reorders a wasm module's functions so that gzip compresses it better.
//
// deflate finds repeats only within the last 32 KiB, and the code section
// is four times that: in the order the compiler left them, many functions
// sit too far from their look-alikes (the same drop glue, the same string
// building, the same calls with other indices) for their shared bytes to
// be found. Putting similar bodies near each other costs nothing at run
// time (calls are by index, the table and exports by name, and binaryen
// re-encodes every index) and takes about 1.4% off the widget's gzip.
//
// The order is found in two steps, both deterministic (the same input
// always gives the same output, so sizes can be asserted):
// 1. greedy: start from the largest body, then repeatedly take the body
//    whose 5-byte shingles are most often already in the last 32 KB placed;
// 2. local search: move a random run of bodies elsewhere, and keep the
//    move when the deflated code bodies get smaller. A few rounds, each on
//    the bodies as written with the indices of the round before.
// A result that is not smaller than the input is not used. The build
// keeps the best of three seeds (orderFunctionsBest).
//
//   node scripts/order-functions.mjs <in.wasm> <out.wasm>

import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { deflateRawSync, gzipSync } from 'node:zlib';
import binaryen from 'binaryen';
import { wasmFeatures } from './binaryen-features.mjs';
import { codeBodies } from './wasm-binary.mjs';

const SHINGLE = 5;
const WINDOW = 32000;

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

function read(bytes) {
  const module = binaryen.readBinary(bytes);
  module.setFeatures(wasmFeatures());
  return module;
}

/** The module's defined (not imported) functions, in order, as binaryen describes them. */
function definedFunctions(module) {
  const infos = [];
  for (let i = 0; i < module.getNumFunctions(); i += 1) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (!info.module) infos.push(info);
  }
  return infos;
}

/** `bytes` re-emitted with its defined functions in `order` (indices into them). */
function emitInOrder(bytes, order) {
  const module = read(bytes);
  const infos = definedFunctions(module);
  for (const index of order) {
    const { name, params, results, vars, body } = infos[index];
    // binaryen writes functions in the order they were added.
    module.removeFunction(name);
    module.addFunction(name, params, results, vars, body);
  }
  if (!module.validate()) throw new Error('invalid after reordering functions');
  const out = module.emitBinary();
  module.dispose();
  return out;
}

function shingles(body) {
  const set = new Set();
  for (let i = 0; i + SHINGLE <= body.length; i += 1) {
    let hash = 0;
    for (let k = 0; k < SHINGLE; k += 1) hash = (Math.imul(hash, 257) + body[i + k]) >>> 0;
    set.add(hash);
  }
  return set;
}

function greedyOrder(bodies) {
  const sets = bodies.map(shingles);
  const inWindow = new Map();
  const recent = [];
  let windowBytes = 0;
  const place = (index) => {
    for (const hash of sets[index]) inWindow.set(hash, (inWindow.get(hash) || 0) + 1);
    recent.push(index);
    windowBytes += bodies[index].length;
    while (windowBytes > WINDOW) {
      const old = recent.shift();
      windowBytes -= bodies[old].length;
      for (const hash of sets[old]) {
        const left = inWindow.get(hash) - 1;
        if (left) inWindow.set(hash, left);
        else inWindow.delete(hash);
      }
    }
  };
  const unplaced = new Set(bodies.keys());
  let next = 0;
  for (const index of unplaced) if (bodies[index].length > bodies[next].length) next = index;
  const order = [];
  while (next >= 0) {
    unplaced.delete(next);
    order.push(next);
    place(next);
    let best = -1;
    let bestScore = -1;
    for (const index of unplaced) {
      const set = sets[index];
      let seen = 0;
      for (const hash of set) if (inWindow.has(hash)) seen += 1;
      const score = set.size ? seen / set.size : 0;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    }
    next = best;
  }
  return order;
}

function localSearch(bodies, order, iterations, seed) {
  const cost = (candidate) => deflateRawSync(Buffer.concat(candidate.map((i) => bodies[i])), { level: 9 }).length;
  let state = seed >>> 0;
  const random = (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  let best = cost(order);
  for (let step = 0; step < iterations; step += 1) {
    const length = 1 + random(Math.min(30, order.length));
    const from = random(order.length - length + 1);
    const run = order.slice(from, from + length);
    const rest = order.slice(0, from).concat(order.slice(from + length));
    const to = random(rest.length + 1);
    const candidate = rest.slice(0, to).concat(run, rest.slice(to));
    const size = cost(candidate);
    if (size < best) {
      best = size;
      order = candidate;
    }
  }
  return order;
}

const identity = (n) => Array.from({ length: n }, (_, i) => i);

/**
 * `bytes` (a wasm module) with its functions in an order gzip compresses
 * better; `bytes` itself when no order found is smaller.
 */
export function orderFunctions(bytes, { rounds = 2, iterations = 2500, seed = 1 } = {}) {
  let current = bytes;
  for (let round = 0; round < rounds; round += 1) {
    const bodies = codeBodies(current);
    // Nothing to reorder (and the greedy step needs a body to start from).
    if (bodies.length < 2) return bytes;
    const start = round === 0 ? greedyOrder(bodies) : identity(bodies.length);
    const order = localSearch(bodies, start, iterations, seed + round);
    current = emitInOrder(current, order);
  }
  return gzipSize(current) < gzipSize(bytes) ? current : bytes;
}

/**
 * The smallest of orderFunctions' results (with `options`) for seeds 1 to `seeds`, each
 * searched in a worker thread (as many at once as there are cores): the
 * local search's outcome varies by about 0.2 KB from seed to seed, so the
 * best of three is both smaller and steadier from build to build. Ties go
 * to the lower seed, so the result does not depend on which worker ends
 * first.
 */
export async function orderFunctionsBest(bytes, seeds, options = {}) {
  const results = new Array(seeds);
  let next = 0;
  const work = async () => {
    while (next < seeds) {
      const seed = next + 1;
      next += 1;
      const worker = new Worker(new URL(import.meta.url), { workerData: { bytes, options: { ...options, seed } } });
      results[seed - 1] = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(seeds, availableParallelism()) }, work));
  let best = bytes;
  for (const result of results) if (gzipSize(result) < gzipSize(best)) best = Buffer.from(result);
  return best;
}

if (!isMainThread) {
  parentPort.postMessage(orderFunctions(workerData.bytes, workerData.options));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  const bytes = readFileSync(input);
  const ordered = await orderFunctionsBest(bytes, 3);
  writeFileSync(output, ordered);
  console.log(`${input}: functions reordered for compression, gzip ${gzipSize(bytes)} -> ${gzipSize(ordered)} B`);
}
