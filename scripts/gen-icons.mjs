// Generates crates/core/src/icon_set.rs (which crates/core/src/icons.rs
// reads) from maintained icon sets
// (scripts/icon-sources.mjs says which, and why).
//
// Run `make icons` after upgrading either package; the output is committed
// so that building the crate needs no Node.js. It renders every icon in
// headless Chromium to choose its precision.

import { writeFileSync } from 'node:fs';
import { isMain } from './is-main.mjs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { EXTRA_COLOURS, ICONS, INK_SIZES, INK_TOLERANCE, inkDifferences, sourceIcon, versions } from './icon-sources.mjs';

const root = new URL('..', import.meta.url);

// The sets draw with three decimals; every byte of path data ships to every
// reader, so each icon is redrawn on the coarsest grid whose rendering
// stays within INK_TOLERANCE of the source's, written in whole grid units
// (its viewBox scaled to match), so that no number needs a decimal point:
// "M12.3 4.5a.5.5 0 0 1 1 0" in a 24-unit box is "M123 45a5 5 0 0 1 10 0"
// at ten units to one. Broad marks keep their look on grids of four to
// ten; thin strokes and small circles need finer ones (ten moved the
// chevron's edges by 18% of its ink at 36 px). Every grid between the
// coarsest and a hundred is tried, not only ten and a hundred (one and two
// decimals): the coarser the grid, the fewer digits (a 24-unit box is 960
// units wide at forty, 2400 at a hundred), and the widget's gzip is 0.2 KB
// smaller. Relative coordinates are rounded against where the rounded path
// has got to, not against the original, so errors never add up along a
// path: every point of the output is within half a grid unit of the
// original's, which `onGrid` checks. (Rounding each relative number on its
// own let the link icon drift by 5.6% of its ink.)
const GRIDS = [4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 1000];
const COMMAND = /[MmZzLlHhVvCcSsQqTtAa]/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
const ARITY = { m: 2, l: 2, t: 2, h: 1, v: 1, c: 6, s: 4, q: 4, a: 7, z: 0 };

// [[command, [numbers…]], …], one entry per segment (implicit repeats
// split out; a moveto's extra pairs become linetos). The path is tokenized
// by its grammar: arc flags are single digits that may touch their
// neighbours ("a12 12 0 00-12 12").
function parse(d) {
  const segments = [];
  let command = '';
  let args = [];
  const flush = () => {
    if (!command) return;
    const arity = ARITY[command.toLowerCase()];
    if (arity === 0) {
      segments.push([command, []]);
      return;
    }
    if (args.length === 0 || args.length % arity !== 0) throw new Error(`path data: ${command} with ${args.length} numbers`);
    for (let k = 0; k < args.length; k += arity) {
      const repeated = k > 0 && command.toLowerCase() === 'm' ? (command === 'm' ? 'l' : 'L') : command;
      segments.push([repeated, args.slice(k, k + arity)]);
    }
  };
  for (let i = 0; i < d.length; ) {
    const c = d[i];
    if (COMMAND.test(c)) {
      flush();
      command = c;
      args = [];
      i += 1;
    } else if (c === ' ' || c === ',' || c === '\n' || c === '\t') {
      i += 1;
    } else if (command.toLowerCase() === 'a' && (args.length % 7 === 3 || args.length % 7 === 4)) {
      args.push(Number(c));
      i += 1;
    } else {
      const match = NUMBER.exec(d.slice(i));
      if (!match) throw new Error(`unreadable path data at ${i}: ${d.slice(i, i + 20)}`);
      args.push(Number(match[0]));
      i += match[0].length;
    }
  }
  flush();
  return segments;
}

// Which arguments are coordinates (x or y), per command; the rest (arc
// radii, rotation, flags) are kept or rounded as plain numbers.
function roles(command) {
  switch (command.toLowerCase()) {
    case 'h': return ['x'];
    case 'v': return ['y'];
    case 'a': return ['n', 'n', 'n', 'flag', 'flag', 'x', 'y'];
    default: return Array.from({ length: ARITY[command.toLowerCase()] }, (_, k) => (k % 2 ? 'y' : 'x'));
  }
}

// A segment's arguments with its coordinates made absolute, from where
// the path is (`x`, `y`); their roles; and where the segment ends.
function toAbsolute(command, args, x, y) {
  const relative = command === command.toLowerCase();
  const kinds = roles(command);
  const end = [x, y];
  const values = args.map((value, k) => {
    const axis = kinds[k] === 'x' ? 0 : kinds[k] === 'y' ? 1 : -1;
    if (axis < 0) return value;
    end[axis] = relative ? [x, y][axis] + value : value;
    return end[axis];
  });
  return { values, kinds, end };
}

// Absolute points (every control and end point) of a parsed path; with
// `reflected`, a smooth cubic's first control point too (the mirror of the
// last cubic's second, or where it starts), as a `c` would have it.
function points(segments, reflected = false) {
  const out = [];
  let x = 0, y = 0, startX = 0, startY = 0;
  let control = null;
  for (const [command, args] of segments) {
    const lower = command.toLowerCase();
    if (lower === 'z') {
      [x, y] = [startX, startY];
      control = null;
      continue;
    }
    if (reflected && lower === 's') out.push(control ? [2 * x - control[0], 2 * y - control[1]] : [x, y]);
    const { values, kinds, end } = toAbsolute(command, args, x, y);
    const segment = [];
    values.forEach((value, k) => {
      if (kinds[k] === 'x' && kinds[k + 1] !== 'y') segment.push([value, y]);
      else if (kinds[k] === 'y') segment.push([kinds[k - 1] === 'x' ? values[k - 1] : x, value]);
    });
    out.push(...segment);
    control = lower === 'c' || lower === 's' ? segment.at(-2) : null;
    [x, y] = end;
    if (lower === 'm') [startX, startY] = [x, y];
  }
  return out;
}

// `d` on a grid of `grid` units to one of its own, in whole units: every
// length times `grid`, each point rounded to the nearest. An arc's
// rotation is an angle: it stays, to a tenth of a degree.
function onGrid(d, grid) {
  const segments = parse(d);
  const rounded = [];
  // Where the original path is (its units), and where the rounded one is (the grid's).
  let exact = [0, 0], drawn = [0, 0], exactStart = [0, 0], drawnStart = [0, 0];
  for (const [command, args] of segments) {
    if (command.toLowerCase() === 'z') {
      rounded.push([command, []]);
      [exact, drawn] = [exactStart, drawnStart];
      continue;
    }
    const relative = command === command.toLowerCase();
    const kinds = roles(command);
    const nextExact = [...exact], nextDrawn = [...drawn];
    const out = args.map((value, k) => {
      const axis = kinds[k] === 'x' ? 0 : kinds[k] === 'y' ? 1 : -1;
      if (kinds[k] === 'flag') return value;
      if (command.toLowerCase() === 'a' && k === 2) return Number(value.toFixed(1)) || 0;
      if (axis < 0) return Math.round(value * grid) || 0; // no "-0"
      const target = relative ? exact[axis] + value : value;
      const emitted = (relative ? Math.round(target * grid - drawn[axis]) : Math.round(target * grid)) || 0;
      nextExact[axis] = target;
      nextDrawn[axis] = relative ? drawn[axis] + emitted : emitted;
      return emitted;
    });
    rounded.push([command, out]);
    [exact, drawn] = [nextExact, nextDrawn];
    if (command.toLowerCase() === 'm') [exactStart, drawnStart] = [exact, drawn];
  }
  const text = write(rounded);
  readsBack(text, segments, grid, 0.5 + 1e-6);
  return text;
}

// A brand colour (`0866FF`, as the icon sets give it) as CSS writes it
// shortest: `#0866ff`, and `#000` for `000000`. Every reader downloads the
// stylesheet these go into.
export function cssColour(hex) {
  return `#${hex.toLowerCase().replace(/^(.)\1(.)\2(.)\3$/, '$1$2$3')}`;
}

// `d` (on its grid) in fewer characters, drawing the same fill: each
// segment absolute or relative, whichever writes shorter; a lineto along
// an axis as `h` or `v`; an arc whose radius rounded to zero as the line
// it is (SVG draws it so); and segments that go nowhere (a lineto, curve
// or arc back to where it starts, which rounding leaves behind) dropped,
// unless the next is a smooth curve whose first control point they set.
// Every remaining point is where it was (`samePoints` checks).
export function compact(d) {
  const segments = parse(d);
  const out = [];
  let [x, y] = [0, 0];
  let start = [0, 0];
  let last = '';
  // The last curve's second control point, while the last segment drawn
  // is a cubic curve.
  let control = null;
  segments.forEach(([command, args], index) => {
    const lower = command.toLowerCase();
    if (lower === 'z') {
      out.push([command, []]);
      [x, y] = start;
      last = command;
      control = null;
      return;
    }
    const {
      values: absolute,
      kinds,
      end: [endX, endY],
    } = toAbsolute(command, args, x, y);
    const stays = absolute.every((value, k) => (kinds[k] === 'x' ? value === x : kinds[k] === 'y' ? value === y : true));
    const nextSmooth = /[sStT]/.test(segments[index + 1]?.[0] ?? '');
    let shape = lower;
    let drawn = absolute;
    if (lower === 'a' && (args[0] === 0 || args[1] === 0)) {
      shape = 'l';
      drawn = [endX, endY];
    }
    if (lower !== 'm' && stays && !nextSmooth) {
      control = null;
      return;
    }
    if (shape === 'l' && !nextSmooth) {
      if (endY === y) [shape, drawn] = ['h', [endX]];
      else if (endX === x) [shape, drawn] = ['v', [endY]];
    }
    // A curve whose first control point mirrors the last curve's second
    // about where it starts is that curve's smooth continuation.
    if (shape === 'c' && control && drawn[0] === 2 * x - control[0] && drawn[1] === 2 * y - control[1]) {
      [shape, drawn] = ['s', drawn.slice(2)];
    }
    control = lower === 'c' || lower === 's' ? [absolute.at(-4), absolute.at(-3)] : null;
    const shapeKinds = roles(shape);
    const asRelative = drawn.map((value, k) => (shapeKinds[k] === 'x' ? value - x : shapeKinds[k] === 'y' ? value - y : value));
    const cost = (letter, values) => (letter === last ? 0 : 1) + write([[letter, values]]).length - 1;
    const upper = shape.toUpperCase();
    // A path opens with an absolute moveto: paths run together as one.
    const [letter, values] =
      index > 0 && cost(shape, asRelative) <= cost(upper, drawn) ? [shape, asRelative] : [upper, drawn];
    out.push([letter, values]);
    last = { M: 'L', m: 'l' }[letter] ?? letter;
    [x, y] = [endX, endY];
    if (lower === 'm') start = [x, y];
  });
  const text = write(out);
  if (!samePoints(d, text)) throw new Error(`compacting moved a point of "${d.slice(0, 40)}…"`);
  return text;
}

// Whether two paths pass through the same points in the same order, leaving
// out each point that repeats the one before (where a segment that goes
// nowhere puts all of its own).
function samePoints(a, b) {
  const distinct = (d) => points(parse(d), true).filter((p, k, all) => k === 0 || p[0] !== all[k - 1][0] || p[1] !== all[k - 1][1]);
  return JSON.stringify(distinct(a)) === JSON.stringify(distinct(b));
}

// Path data for parsed `segments`: a command letter only where the last
// one would not be implied, and a space between numbers only where the
// next would otherwise run into the last.
function write(segments) {
  let text = '';
  // The command an omitted letter would mean: the last one, except that a
  // moveto's repeats are linetos (and nothing repeats a closepath).
  let implied = '';
  for (const [command, args] of segments) {
    if (command !== implied) text += command;
    args.forEach((value, k) => {
      const token = String(value);
      if (/[\d.]$/.test(text) && !token.startsWith('-') && !(token.startsWith('.') && lastNumber(text).includes('.'))) text += ' ';
      text += token;
    });
    implied = { M: 'L', m: 'l', Z: '', z: '' }[command] ?? command;
  }
  return text;
}

// Reads `text` back: every point of `segments`, times `scale`, within
// `tolerance` of where `text` puts it.
function readsBack(text, segments, scale, tolerance) {
  const before = points(segments), after = points(parse(text));
  if (after.length !== before.length) throw new Error(`rewriting changed the shape of "${text.slice(0, 40)}…"`);
  before.forEach(([x, y], k) => {
    const [rx, ry] = after[k];
    if (Math.abs(rx - x * scale) > tolerance || Math.abs(ry - y * scale) > tolerance) {
      throw new Error(`rewriting moved point ${k} of "${text.slice(0, 40)}…" from ${x * scale},${y * scale} to ${rx},${ry}`);
    }
  });
}

function scaledViewBox(viewBox, grid) {
  return viewBox
    .split(/[\s,]+/)
    .map((n) => String(Number(n) * grid))
    .join(' ');
}

// The number the text ends with: ".5" may follow "1.2" unspaced (it reads
// as 1.2 and .5), but not "12".
function lastNumber(text) {
  return /[-+]?(?:\d+\.?\d*|\.\d+)$/.exec(text)?.[0] ?? '';
}

// A set's paths (compacted) as one path, its subpaths: one \`<path>\` per
// icon, and no table of paths in the wasm. Each path opens with an
// absolute moveto, so the next starts where it says, whatever the last
// ended at; a fill rule shared by all is kept. The ink check below holds
// the merged path to the set's (where subpaths wound against each other
// overlap, merging would cut a hole).
function merged(icon, ds) {
  const rules = new Set(icon.paths.map((path) => path.evenOdd));
  if (rules.size !== 1) throw new Error(`${icon.id}: its paths' fill rules differ; draw them apart`);
  const relative = ds.findIndex((d, k) => k > 0 && !d.startsWith('M'));
  if (relative > 0) throw new Error(`${icon.id}: path ${relative} does not open with an absolute moveto`);
  return { d: ds.join(''), evenOdd: icon.paths[0].evenOdd };
}

if (isMain(import.meta.url)) {
  const rust = (s) => JSON.stringify(s);
  let out = `// @generated by scripts/gen-icons.mjs from simple-icons ${versions.simple} (CC0-1.0)
// and bootstrap-icons ${versions.bootstrap} (MIT). Do not edit; run \`make icons\`.

//! The icons' path data and brand colours, which \`crate::icons\` reads.

/// Every icon as \`id:viewBox:fill-rule:d\` (\`fill-rule\` empty for the
/// default), \`|\` between them ([\`crate::search::entries\`]).
pub(crate) const ICONS: &str = concat!(
`;
  // Each icon on the coarsest grid that draws it within INK_TOLERANCE,
  // measured as it ships: in its own viewBox.
  const icons = ICONS.map(([id, set, name]) => ({ id, ...sourceIcon(set, name) }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    for (const icon of icons) {
      for (const grid of GRIDS) {
        const shipped = {
          viewBox: scaledViewBox(icon.viewBox, grid),
          paths: [merged(icon, icon.paths.map((path) => compact(onGrid(path.d, grid))))],
        };
        const [ink] = await inkDifferences(page, [{ viewBox: icon.viewBox, source: icon.paths, compact: shipped.paths, compactViewBox: shipped.viewBox }]);
        if (ink <= INK_TOLERANCE || grid === GRIDS.at(-1)) {
          Object.assign(icon, { shipped, grid, ink });
          break;
        }
      }
    }
  } finally {
    await browser.close();
  }

  const colours = [];
  for (const icon of icons) {
    const hex = icon.hex ?? EXTRA_COLOURS[icon.id] ?? null;
    if (hex) colours.push([icon.id, hex]);
    const sizes = INK_SIZES.join(' and ');
    out += `    // ${icon.source}: on a grid of ${icon.grid} to its unit, ink within ${icon.ink.toFixed(1)}% at ${sizes} px\n`;
    const [path] = icon.shipped.paths;
    const last = icon === icons.at(-1);
    if (/[:|]/.test(icon.id + icon.shipped.viewBox + path.d)) throw new Error(`${icon.id}: a ':' or '|' in its id, viewBox or path`);
    out += `    ${rust(`${icon.id}:${icon.shipped.viewBox}:${path.evenOdd ? 'evenodd' : ''}:${path.d}${last ? '' : '|'}`)},\n`;
  }
  out += `);

/// Brand colours, as CSS: each control's \`--_brand\`.
pub const BRAND_CSS: &str = ${rust(colours.map(([id, hex]) => `[data-network=${id}]{--_brand:${cssColour(hex)}}`).join(''))};
`;

  writeFileSync(new URL('crates/core/src/icon_set.rs', root), out);
  console.log(`wrote crates/core/src/icon_set.rs (${icons.length} icons, on grids of ${icons.map((icon) => icon.grid).join(' ')})`);
}
