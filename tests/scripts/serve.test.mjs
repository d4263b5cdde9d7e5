// scripts/serve.mjs: precompressed copies are served as a host with
// gzip_static and brotli_static serves them, and only to requests that
// accept their encoding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { acceptedEncodings, startServer } from '../../scripts/serve.mjs';

test('Accept-Encoding: each coding the header allows, q=0 refusing it', () => {
  const cases = [
    ['gzip, deflate, br, zstd', ['gzip', 'deflate', 'br', 'zstd']],
    ['br;q=0, gzip;q=0.5', ['gzip']],
    [' GZIP ; q=1 ', ['gzip']],
    ['br;q=0.0', []],
    ['', []],
    [undefined, []],
  ];
  for (const [header, expected] of cases) assert.deepEqual([...acceptedEncodings(header)], expected, String(header));
});

// The raw response, undecoded.
const fetchRaw = (url, acceptEncoding) =>
  new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

test('a file with precompressed copies is served as the copy its request accepts', async (t) => {
  const folder = new URL('../../build/test-serve/', import.meta.url);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const text = Buffer.from('sharecite '.repeat(100));
  writeFileSync(new URL('a.txt', folder), text);
  writeFileSync(new URL('a.txt.gz', folder), gzipSync(text));
  writeFileSync(new URL('a.txt.br', folder), brotliCompressSync(text));
  writeFileSync(new URL('plain.txt', folder), text);

  const server = await startServer({ mounts: { '/t/': 'build/test-serve' } });
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}/t/`;
  const cases = [
    ['a.txt', 'gzip, deflate, br', 'br', brotliCompressSync(text)],
    ['a.txt', 'gzip, deflate', 'gzip', gzipSync(text)],
    ['a.txt', 'br;q=0, gzip', 'gzip', gzipSync(text)],
    ['a.txt', 'identity', undefined, text],
    ['a.txt', undefined, undefined, text],
    ['plain.txt', 'gzip, br', undefined, text],
  ];
  for (const [file, accept, encoding, body] of cases) {
    const response = await fetchRaw(base + file, accept);
    const label = `${file} for ${accept}`;
    assert.equal(response.headers['content-encoding'], encoding, label);
    assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8', label);
    assert.equal(response.headers.vary, file === 'plain.txt' ? undefined : 'accept-encoding', label);
    assert.ok(response.body.equals(body), label);
  }
});
