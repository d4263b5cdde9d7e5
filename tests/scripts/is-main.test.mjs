// scripts/is-main.mjs: a build script that is also a module runs as a
// command however it is reached, and not when another module imports it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const helper = fileURLToPath(new URL('../../scripts/is-main.mjs', import.meta.url));

test('a script runs as a command through a symlink and from a folder whose name a URL escapes, not when imported', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'is main '));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  t.after(() => rmSync(`${folder}-link`, { force: true }));
  const script = join(folder, 'script.mjs');
  writeFileSync(script, `import { isMain } from ${JSON.stringify(helper)};\nconsole.log(isMain(import.meta.url) ? 'main' : 'imported');\n`);
  symlinkSync(folder, `${folder}-link`);
  const run = (path) => execFileSync(process.execPath, [path], { encoding: 'utf8' }).trim();
  assert.equal(run(script), 'main');
  assert.equal(run(join(`${folder}-link`, 'script.mjs')), 'main', 'through the symlink');
  const importer = join(folder, 'importer.mjs');
  writeFileSync(importer, "import './script.mjs';\n");
  assert.equal(run(importer), 'imported');
});
