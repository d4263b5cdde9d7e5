// scripts/gen-icons.mjs: the path data it ships draws what the icon sets
// draw, in fewer characters (its ink check in Chromium, `make icons`, holds
// each icon to its source; these hold the rewriting rules).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compact, cssColour } from '../../scripts/gen-icons.mjs';

test('segments that go nowhere are dropped, and lines along an axis are written as h and v', () => {
  assert.equal(compact('M0 0l5 0l0 0v0l0 5c0 0 0 0 0 0h0z'), 'M0 0h5v5z');
});

test('an arc whose radius is zero is written as the line it draws', () => {
  assert.equal(compact('M0 0h1a0 5 0 0 1 3 4a5 0 0 0 1 3 0'), 'M0 0h1l3 4h3');
});

test('an arc back to where it starts (drawn as nothing) is dropped', () => {
  assert.equal(compact('M0 0h5a5 5 0 0 1 0 0v5'), 'M0 0h5v5');
});

test('a segment that goes nowhere stays before a smooth curve, whose first control point it sets', () => {
  assert.equal(compact('M10 10c1 1 2 2 3 3l0 0s1 1 2 2'), 'M10 10c1 1 2 2 3 3l0 0s1 1 2 2');
});

test('each segment is written absolute or relative, whichever is shorter', () => {
  assert.equal(compact('M100 100L101 101'), 'M100 100l1 1');
  assert.equal(compact('M0 0h100l-95 5'), 'M0 0h100L5 5');
  // After a moveto, an absolute lineto needs no letter.
  assert.equal(compact('M0 0l100 100'), 'M0 0 100 100');
});

test('a cubic whose first control point mirrors the last one\'s second is written as its smooth continuation', () => {
  assert.equal(compact('M0 0C1 1 2 2 3 3C4 4 5 5 6 6'), 'M0 0c1 1 2 2 3 3s2 2 3 3');
  // Not mirrored, or after a line: kept as it is.
  assert.equal(compact('M0 0c1 1 2 2 3 3c2 2 5 5 6 6'), 'M0 0c1 1 2 2 3 3 2 2 5 5 6 6');
  assert.equal(compact('M0 0h3c0 0 2 2 3 3'), 'M0 0h3c0 0 2 2 3 3');
});

test('a path opens with an absolute moveto, so that paths run together as one', () => {
  assert.equal(compact('m0 0h5'), 'M0 0h5');
});

test('brand colours are written as CSS writes them shortest, and the shipped ones are so written', () => {
  assert.equal(cssColour('0866FF'), '#0866ff');
  assert.equal(cssColour('000000'), '#000');
  assert.equal(cssColour('AABBCC'), '#abc');
  // Pairs, not any repeat: #0A66C2 is not #a6c.
  assert.equal(cssColour('0A66C2'), '#0a66c2');
  const rust = readFileSync(new URL('../../crates/core/src/icon_set.rs', import.meta.url), 'utf8');
  const shipped = [...rust.matchAll(/--_brand:#([0-9a-fA-F]+)/g)].map(([, hex]) => hex);
  assert.ok(shipped.length >= 10, 'every brand network has its colour');
  // Already shortest: what make icons writes, not an older spelling.
  for (const hex of shipped) assert.equal(`#${hex}`, cssColour(hex));
});
