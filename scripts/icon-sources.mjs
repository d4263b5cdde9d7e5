// The icons sharecite ships, where each comes from, and how closely a
// compacted path renders like its source: shared by scripts/gen-icons.mjs,
// which picks each path's precision, and tests/e2e/icons.test.mjs, which
// checks what was generated.
//
// Brand marks come from Simple Icons (CC0-1.0), which follows each brand's
// guidelines and removes marks whose owners object; LinkedIn is one of
// those, so its mark and the non-brand glyphs (mail, link, quote, share,
// printer, chat) come from Bootstrap Icons (MIT). Where a glyph comes both
// outlined and solid, the solid one: it sits beside the brands' solid
// marks as one of them, and draws with fewer points (the envelope, share,
// printer and chat: 0.6 KB less path data).

import { readFileSync } from 'node:fs';
import * as simpleIcons from 'simple-icons';

// network id -> [set, name]
export const ICONS = [
  ['facebook', 'simple', 'siFacebook'],
  ['x', 'simple', 'siX'],
  ['linkedin', 'bootstrap', 'linkedin'],
  ['reddit', 'simple', 'siReddit'],
  ['email', 'bootstrap', 'envelope-fill'],
  ['whatsapp', 'simple', 'siWhatsapp'],
  ['telegram', 'simple', 'siTelegram'],
  ['bluesky', 'simple', 'siBluesky'],
  ['mastodon', 'simple', 'siMastodon'],
  ['threads', 'simple', 'siThreads'],
  ['hackernews', 'simple', 'siYcombinator'],
  ['pinterest', 'simple', 'siPinterest'],
  ['copy', 'bootstrap', 'link-45deg'],
  ['cite', 'bootstrap', 'quote'],
  ['crosspost', 'bootstrap', 'code-square'],
  ['formats', 'bootstrap', 'chevron-down'],
  ['native', 'bootstrap', 'share-fill'],
  ['print', 'bootstrap', 'printer-fill'],
  ['discuss', 'bootstrap', 'chat-left-text-fill'],
];

// LinkedIn's brand blue, from its brand guidelines (Simple Icons no longer
// carries LinkedIn, so it has no colour there).
export const EXTRA_COLOURS = { linkedin: '0A66C2' };

// Read from node_modules directly: simple-icons does not export its package.json.
const modules = new URL('../node_modules/', import.meta.url);
const packageVersion = (name) => JSON.parse(readFileSync(new URL(`${name}/package.json`, modules))).version;
const bootstrapDir = new URL('bootstrap-icons/icons/', modules);
export const versions = { simple: packageVersion('simple-icons'), bootstrap: packageVersion('bootstrap-icons') };

function bootstrapIcon(name) {
  const svg = readFileSync(new URL(`${name}.svg`, bootstrapDir), 'utf8');
  const viewBox = /viewBox="([^"]+)"/.exec(svg)[1];
  const paths = [...svg.matchAll(/<path([^>]*)\/>/g)].map(([, attrs]) => ({
    d: /\sd="([^"]+)"/.exec(attrs)[1],
    evenOdd: /fill-rule="evenodd"/.test(attrs),
  }));
  if (paths.length === 0 || /<(circle|rect|ellipse|polygon|line)\b/.test(svg)) {
    throw new Error(`bootstrap-icons/${name}: only <path> icons are supported`);
  }
  return { viewBox, paths, hex: null, source: `Bootstrap Icons ${versions.bootstrap} "${name}" (MIT)` };
}

function simpleIcon(name) {
  const icon = simpleIcons[name];
  if (!icon) throw new Error(`simple-icons has no ${name}`);
  return {
    viewBox: '0 0 24 24',
    paths: [{ d: icon.path, evenOdd: false }],
    hex: icon.hex,
    source: `Simple Icons ${versions.simple} "${icon.title}" (CC0-1.0)`,
  };
}

/** The source icon: its viewBox, paths ({ d, evenOdd }), brand colour and credit. */
export const sourceIcon = (set, name) => (set === 'simple' ? simpleIcon(name) : bootstrapIcon(name));

// An icon is drawn at 1.15em: about 18 px, and 36 device pixels on a
// double-density screen.
export const INK_SIZES = [18, 36];
// How far a compacted icon's ink may stray from its source's, in percent
// of the source's ink: the sum over pixels of the difference in coverage,
// antialiased, at each of INK_SIZES. Edges moving by a twentieth of a
// pixel are invisible; 2% is about what two decimals already cost the
// small round glyphs (the share icon's circles: 1.8% at 18 px). At 3%,
// drawn beside their sources at 18, 36 and 144 px, no icon differs to the
// eye (WhatsApp's, Reddit's and Threads' among them, the finest), and the
// path data deflates 0.25 KB smaller than at 2% (widget -0.23 KB).
export const INK_TOLERANCE = 3;
// What tests/e2e/icons.test.mjs allows: antialiasing differs a little
// from one Chromium to the next, and the closest icons are at 2.9%.
export const INK_TEST_LIMIT = 4;

/**
 * For each of `pairs` ({ viewBox, source: [{ d, evenOdd }], compact: […],
 * compactViewBox }), the largest ink difference over INK_SIZES, in percent:
 * each is filled on a canvas in `page` (a Playwright page of headless
 * Chromium). `compactViewBox`, when the compact paths have a box of their
 * own (whole units: see scripts/gen-icons.mjs), else `viewBox`.
 */
export function inkDifferences(page, pairs) {
  return page.evaluate(
    ({ pairs, sizes }) => {
      const coverage = (paths, viewBox, size) => {
        const [, , width, height] = viewBox.split(/[\s,]+/).map(Number);
        const canvas = new OffscreenCanvas(size, size);
        const context = canvas.getContext('2d');
        context.scale(size / width, size / height);
        for (const path of paths) context.fill(new Path2D(path.d), path.evenOdd ? 'evenodd' : 'nonzero');
        return context.getImageData(0, 0, size, size).data.filter((_, i) => i % 4 === 3);
      };
      return pairs.map(({ viewBox, source, compact, compactViewBox = viewBox }) =>
        Math.max(
          ...sizes.map((size) => {
            const a = coverage(source, viewBox, size);
            const b = coverage(compact, compactViewBox, size);
            let difference = 0;
            let ink = 0;
            a.forEach((alpha, i) => {
              difference += Math.abs(alpha - b[i]);
              ink += alpha;
            });
            return (100 * difference) / ink;
          }),
        ),
      );
    },
    { pairs, sizes: INK_SIZES },
  );
}
