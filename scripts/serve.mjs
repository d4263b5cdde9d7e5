// A static server for the demo pages and the browser tests, on 127.0.0.1.
//
//   /            -> www/
//   /dist/...    -> dist/ (what a site would host)
//   (the benchmark adds its own mounts: generated pages, peer widgets)
//
// Pages under www/strict/ are served with the strictest policy sharecite
// supports, so the CSP test exercises a real header, not a <meta>. Files
// with a precompressed copy beside them (dist/'s .br and .gz) are served
// as that copy when the request accepts its encoding, as nginx's
// gzip_static and brotli_static do: the browser tests load what a
// well-configured host sends.
//
// Usage: node scripts/serve.mjs [--port 8080]   (port 0 picks a free one)

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';
import { COPIES } from './precompressed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The content codings an `Accept-Encoding` header allows (q=0 refuses one). */
export function acceptedEncodings(header = '') {
  const accepted = new Set();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.toLowerCase().split(';').map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (coding && !(q && Number(q.slice(2)) === 0)) accepted.add(coding);
  }
  return accepted;
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** URL prefix → folder (relative to the repository); the longest prefix wins. */
const DEFAULT_MOUNTS = { '/dist/': 'dist', '/': 'www' };

function resolvePath(pathname, mounts) {
  const decoded = decodeURIComponent(pathname);
  const prefix = Object.keys(mounts)
    .filter((p) => decoded.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  const [base, rest] = [join(root, mounts[prefix]), decoded.slice(prefix.length)];
  const full = normalize(join(base, rest));
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

/**
 * Serves the repository's pages on `host`:`port`. Responses are not cached
 * (`no-store`: every test and benchmark run sees a cold page) unless
 * `cacheControl` says otherwise, as it does for the benchmark's returning
 * readers.
 */
export function startServer({ port = 0, host = '127.0.0.1', log = false, mounts = {}, cacheControl = 'no-store' } = {}) {
  const allMounts = { ...DEFAULT_MOUNTS, ...mounts };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204);
      return response.end();
    }
    let path = resolvePath(url.pathname, allMounts);
    try {
      if (!path) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const headers = {
        'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'cache-control': cacheControl,
        'x-content-type-options': 'nosniff',
      };
      let served = path;
      const accepted = acceptedEncodings(request.headers['accept-encoding']);
      for (const { suffix, encoding } of COPIES) {
        if (await isFile(path + suffix)) {
          headers.vary = 'accept-encoding';
          if (accepted.has(encoding)) {
            headers['content-encoding'] = encoding;
            served = path + suffix;
            break;
          }
        }
      }
      const body = await readFile(served);
      if (url.pathname.startsWith('/strict/')) headers['content-security-policy'] = STRICT_CSP;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
      if (log) console.log(200, url.pathname);
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      response.end(error.code === 'ENOENT' ? 'not found' : 'error');
      if (log) console.log(error.code === 'ENOENT' ? 404 : 500, url.pathname);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (isMain(import.meta.url)) {
  const index = process.argv.indexOf('--port');
  const port = index > 0 ? Number(process.argv[index + 1]) : 8080;
  const server = await startServer({ port, log: true });
  const { port: actual } = server.address();
  console.log(`sharecite demo: http://127.0.0.1:${actual}/  (Ctrl+C to stop)`);
}
