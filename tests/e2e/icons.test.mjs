// The icons that ship (crates/core/src/icon_set.rs, compacted by
// scripts/gen-icons.mjs and written in whole units of a grid) draw
// like the sets they come from.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ICONS, INK_SIZES, INK_TEST_LIMIT, inkDifferences, sourceIcon } from '../../scripts/icon-sources.mjs';
import { useBrowser } from './helpers.mjs';

const browser = useBrowser();

// id -> { viewBox, paths: [{ d, evenOdd }] }, as the generated Rust says
// (one path per icon: the set's paths run together).
function shipped() {
  const rust = readFileSync(new URL('../../crates/core/src/icon_set.rs', import.meta.url), 'utf8');
  const icons = new Map();
  for (const [, id, viewBox, fillRule, d] of rust.matchAll(/^ {4}"([a-z]+):([^:"]+):(evenodd)?:([^:|"]+)\|?",$/gm)) {
    icons.set(id, { viewBox, paths: [{ d, evenOdd: fillRule === 'evenodd' }] });
  }
  return icons;
}

test(`every shipped icon renders within ${INK_TEST_LIMIT}% of its source's ink, at ${INK_SIZES.join(' and ')} px`, async () => {
  const icons = shipped();
  assert.deepEqual([...icons.keys()].sort(), ICONS.map(([id]) => id).sort());
  const pairs = ICONS.map(([id, set, name]) => {
    const source = sourceIcon(set, name);
    const icon = icons.get(id);
    // Whole units of a grid: the source's box times one whole number, the
    // same along both axes.
    const grid = Number(icon.viewBox.split(' ')[2]) / Number(source.viewBox.split(' ')[2]);
    const scaled = source.viewBox.split(' ').map((n) => Number(n) * grid).join(' ');
    assert.ok(Number.isInteger(grid) && grid > 1 && icon.viewBox === scaled, `${id}: viewBox ${icon.viewBox} against the source's ${source.viewBox}`);
    assert.doesNotMatch(icon.paths[0].d, /\./, `${id}: a decimal point in whole units`);
    return { id, viewBox: source.viewBox, source: source.paths, compact: icon.paths, compactViewBox: icon.viewBox };
  });
  const { page, close } = await browser.open(null);
  const inks = await inkDifferences(page, pairs);
  // The measure tells a coarser rounding apart: the chevron with its
  // coordinates rounded to whole units of its source's box is far out (no
  // false passes).
  const chevron = pairs.find((pair) => pair.id === 'formats');
  const whole = chevron.source.map((path) => ({ ...path, d: path.d.replace(/\d*\.\d+/g, (n) => String(Math.round(Number(n)))) }));
  const [coarse] = await inkDifferences(page, [{ ...chevron, compact: whole, compactViewBox: chevron.viewBox }]);
  await close();
  assert.ok(coarse > INK_TEST_LIMIT, `whole-unit chevron: ${coarse.toFixed(1)}%`);
  const over = pairs.map((pair, k) => `${pair.id} ${inks[k].toFixed(2)}%`).filter((_, k) => !(inks[k] <= INK_TEST_LIMIT));
  assert.deepEqual(over, [], `over ${INK_TEST_LIMIT}%`);
});
