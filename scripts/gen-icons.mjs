// Generates crates/core/src/icons.rs from maintained icon sets.
//
// Brand marks come from Simple Icons (CC0-1.0), which follows each brand's
// guidelines and removes marks whose owners object; LinkedIn is one of
// those, so its mark and the non-brand glyphs (mail, link, quote, share,
// printer, chat) come from Bootstrap Icons (MIT), whose glyphs are filled
// like Simple Icons' and so sit well beside them.
//
// Run `make icons` after upgrading either package; the output is committed
// so that building the crate needs no Node.js.

import { readFileSync, writeFileSync } from 'node:fs';
import * as simpleIcons from 'simple-icons';

const root = new URL('..', import.meta.url);

// network id -> [set, name]
const ICONS = [
  ['facebook', 'simple', 'siFacebook'],
  ['x', 'simple', 'siX'],
  ['linkedin', 'bootstrap', 'linkedin'],
  ['reddit', 'simple', 'siReddit'],
  ['email', 'bootstrap', 'envelope'],
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
  ['native', 'bootstrap', 'share'],
  ['print', 'bootstrap', 'printer'],
  ['discuss', 'bootstrap', 'chat-left-text'],
];

// LinkedIn's brand blue, from its brand guidelines (Simple Icons no longer
// carries LinkedIn, so it has no colour there).
const EXTRA_COLOURS = { linkedin: '0A66C2' };

// Read from node_modules directly: simple-icons does not export its package.json.
const modules = new URL('node_modules/', root);
const packageVersion = (name) => JSON.parse(readFileSync(new URL(`${name}/package.json`, modules))).version;
const bootstrapDir = new URL('bootstrap-icons/icons/', modules);
const versions = { simple: packageVersion('simple-icons'), bootstrap: packageVersion('bootstrap-icons') };

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

// Two decimals are a hundredth of the 16- or 24-unit viewBox: invisible at
// button size, and they save every reader about 0.7 KB (gzip) over the
// sets' three. Relative coordinates are rounded against where the rounded
// path has got to, not against the original, so errors never add up along
// a path: every point of the output is within 0.005 units of the
// original's, which `compact` checks. (Rounding each relative number on its
// own let the link icon drift by 5.6% of its ink at 18 px; now no icon
// differs by more than 0.9%. One decimal would save 1 KB more but moves thin
// glyphs' edges by up to 20% of their ink.)
const DECIMALS = 2;
const TOLERANCE = 0.5 / 10 ** DECIMALS + 1e-9;
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

// Absolute points (every control and end point) of a parsed path.
function points(segments) {
  const out = [];
  let x = 0, y = 0, startX = 0, startY = 0;
  for (const [command, args] of segments) {
    const relative = command === command.toLowerCase();
    if (command.toLowerCase() === 'z') {
      [x, y] = [startX, startY];
      continue;
    }
    const kinds = roles(command);
    let endX = x, endY = y;
    args.forEach((value, k) => {
      if (kinds[k] === 'x') {
        endX = relative ? x + value : value;
        if (kinds[k + 1] !== 'y') out.push([endX, y]);
      } else if (kinds[k] === 'y') {
        endY = relative ? y + value : value;
        out.push([kinds[k - 1] === 'x' ? endX : x, endY]);
      }
    });
    [x, y] = [endX, endY];
    if (command.toLowerCase() === 'm') [startX, startY] = [x, y];
  }
  return out;
}

const round = (value) => Number(value.toFixed(DECIMALS)) || 0; // no "-0"
const number = (value) => String(round(value)).replace(/^(-?)0\./, '$1.');

function compact(d) {
  const segments = parse(d);
  const rounded = [];
  // Where the original path is, and where the rounded one is.
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
      if (axis < 0) return kinds[k] === 'flag' ? value : round(value);
      const target = relative ? exact[axis] + value : value;
      const emitted = relative ? round(target - drawn[axis]) : round(target);
      nextExact[axis] = target;
      nextDrawn[axis] = relative ? drawn[axis] + emitted : emitted;
      return emitted;
    });
    rounded.push([command, out]);
    [exact, drawn] = [nextExact, nextDrawn];
    if (command.toLowerCase() === 'm') [exactStart, drawnStart] = [exact, drawn];
  }

  let text = '';
  // The command an omitted letter would mean: the last one, except that a
  // moveto's repeats are linetos (and nothing repeats a closepath).
  let implied = '';
  for (const [command, args] of rounded) {
    if (command !== implied) text += command;
    args.forEach((value, k) => {
      const token = roles(command)[k] === 'flag' ? String(value) : number(value);
      if (/[\d.]$/.test(text) && !token.startsWith('-') && !(token.startsWith('.') && lastNumber(text).includes('.'))) text += ' ';
      text += token;
    });
    implied = { M: 'L', m: 'l', Z: '', z: '' }[command] ?? command;
  }

  // Read back what was written: every point within the tolerance.
  const before = points(segments), after = points(parse(text));
  if (after.length !== before.length) throw new Error(`rounding changed the shape of "${d.slice(0, 40)}…"`);
  before.forEach(([x, y], k) => {
    const [rx, ry] = after[k];
    if (Math.abs(rx - x) > TOLERANCE || Math.abs(ry - y) > TOLERANCE) {
      throw new Error(`rounding moved point ${k} of "${d.slice(0, 40)}…" from ${x},${y} to ${rx},${ry}`);
    }
  });
  return text;
}

// The number the text ends with: ".5" may follow "1.2" unspaced (it reads
// as 1.2 and .5), but not "12".
function lastNumber(text) {
  return /[-+]?(?:\d+\.?\d*|\.\d+)$/.exec(text)?.[0] ?? '';
}

const rust = (s) => JSON.stringify(s);
let out = `// @generated by scripts/gen-icons.mjs from simple-icons ${versions.simple} (CC0-1.0)
// and bootstrap-icons ${versions.bootstrap} (MIT). Do not edit; run \`make icons\`.

//! Icons for every control, as SVG path data.

/// One \`<path>\` of an icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IconPath {
    pub d: &'static str,
    /// \`fill-rule="evenodd"\`.
    pub even_odd: bool,
}

/// An icon: an SVG \`viewBox\` and its paths, filled with \`currentColor\`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Icon {
    pub view_box: &'static str,
    pub paths: &'static [IconPath],
}

/// The icon of a control, by its \`data-network\` id (\`discuss\` included).
pub fn icon(id: &str) -> Option<Icon> {
    Some(match id {
`;
const colours = [];
for (const [id, set, name] of ICONS) {
  const icon = set === 'simple' ? simpleIcon(name) : bootstrapIcon(name);
  const hex = icon.hex ?? EXTRA_COLOURS[id] ?? null;
  if (hex) colours.push([id, hex]);
  out += `        // ${icon.source}\n`;
  out += `        ${rust(id)} => Icon {\n            view_box: ${rust(icon.viewBox)},\n            paths: &[\n`;
  for (const path of icon.paths) {
    out += `                IconPath { d: ${rust(compact(path.d))}, even_odd: ${path.evenOdd} },\n`;
  }
  out += `            ],\n        },\n`;
}
out += `        _ => return None,
    })
}

/// Brand colours, as CSS: each control's \`--sharecite-brand\`.
pub const BRAND_CSS: &str = ${rust(colours.map(([id, hex]) => `[data-network=${id}]{--sharecite-brand:#${hex}}`).join(''))};
`;

writeFileSync(new URL('crates/core/src/icons.rs', root), out);
console.log(`wrote crates/core/src/icons.rs (${ICONS.length} icons)`);
