// Produces the citation goldens the Rust formatters are tested against:
// citeproc-js (the reference CSL processor, npm `citeproc`) renders every
// fixture in crates/core/tests/citations/fixtures.json with each official
// style in crates/core/tests/citations/csl/ (see scripts/fetch-csl.sh), as
// text and as HTML, one bibliography entry per item.
//
// Run `make citation-goldens` after changing fixtures or styles; the output
// is committed so the Rust tests need no JavaScript.

import { readFileSync, writeFileSync } from 'node:fs';
import CSL from 'citeproc';

const dir = new URL('../crates/core/tests/citations/', import.meta.url);
const read = (path) => readFileSync(new URL(path, dir), 'utf8');

export const STYLES = {
  apa: 'apa.csl',
  mla: 'modern-language-association.csl',
  chicago: 'chicago-notes-bibliography.csl',
  'chicago-author-date': 'chicago-author-date.csl',
  harvard: 'harvard-cite-them-right.csl',
};

const fixtures = JSON.parse(read('fixtures.json'));
const locale = read('csl/locales-en-US.xml');

function render(styleXml, item, format) {
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => (id === item.id ? item : undefined),
  };
  const engine = new CSL.Engine(sys, styleXml, 'en-US', true);
  engine.setOutputFormat(format);
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  return entries[0];
}

// citeproc wraps HTML entries in <div class="csl-entry">…</div>\n; the
// golden keeps what is inside, which is what a clipboard needs.
const unwrapHtml = (html) => html.trim().replace(/^<div class="csl-entry">/, '').replace(/<\/div>$/, '');

for (const [name, file] of Object.entries(STYLES)) {
  const styleXml = read(`csl/${file}`);
  const golden = {};
  for (const item of fixtures) {
    golden[item.id] = {
      text: render(styleXml, item, 'text').trim(),
      html: unwrapHtml(render(styleXml, item, 'html')),
    };
  }
  const header = { style: file, processor: `citeproc-js ${CSL.PROCESSOR_VERSION}` };
  writeFileSync(new URL(`golden/${name}.json`, dir), JSON.stringify({ ...header, entries: golden }, null, 2) + '\n');
  console.log(`golden/${name}.json: ${fixtures.length} entries`);
}
