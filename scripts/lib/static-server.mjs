// A small static file server for the bench's side-by-side pages, so every page compared is served
// the same way: text gzip-encoded (as any real deployment behind a proxy would), media with byte
// ranges, and nothing cached between runs. Node built-ins only.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.vtt',
  '.txt',
]);

/**
 * @param {Record<string, string>} mounts URL prefix ('/' or '/x/') → directory; the longest prefix wins
 * @param {{ fallback?: string }} [options] a file (under the '/' mount) for paths with no file, as an SPA serves index.html
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(mounts, options = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const gzipped = new Map();

  function resolve(pathname) {
    for (const prefix of prefixes) {
      if (!pathname.startsWith(prefix)) continue;
      const file = normalize(join(mounts[prefix], pathname.slice(prefix.length)));
      if (!file.startsWith(normalize(mounts[prefix]))) return undefined;
      try {
        const stat = statSync(file);
        if (stat.isFile()) return { file, size: stat.size };
        if (stat.isDirectory()) return resolve(join(pathname, 'index.html'));
      } catch {
        // Not under this mount; try the next.
      }
    }
    return undefined;
  }

  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const found =
      resolve(pathname) ??
      (options.fallback && !extname(pathname) ? resolve(options.fallback) : undefined);
    if (!found) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = extname(found.file);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      let body = gzipped.get(found.file);
      if (!body) gzipped.set(found.file, (body = gzipSync(readFileSync(found.file), { level: 9 })));
      response
        .writeHead(200, {
          ...headers,
          'content-encoding': 'gzip',
          'content-length': body.length,
          vary: 'accept-encoding',
        })
        .end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? ''));
    const body = readFileSync(found.file);
    if (range) {
      const start = range[1] ? Number(range[1]) : Math.max(0, found.size - Number(range[2]));
      const end =
        range[1] && range[2] ? Math.min(Number(range[2]), found.size - 1) : found.size - 1;
      response
        .writeHead(206, {
          ...headers,
          'accept-ranges': 'bytes',
          'content-range': `bytes ${start}-${end}/${found.size}`,
          'content-length': end - start + 1,
        })
        .end(request.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
      return;
    }
    response
      .writeHead(200, { ...headers, 'accept-ranges': 'bytes', 'content-length': found.size })
      .end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
