// A small static server for the built app, until the collection server (issue 4) takes over.
// Node built-ins only, so `npm start` needs nothing but a build. It serves dist/ with a history
// fallback, byte ranges for video seeking, long caching for hashed assets, and a strict CSP.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = new URL('../dist', import.meta.url).pathname;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export const SECURITY_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    // Tone.js runs its clock in a Worker made from a blob: URL (script this origin already ran).
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), screen-wake-lock=(self), fullscreen=(self)',
};

function resolveFile(root, pathname) {
  const decoded = decodeURIComponent(pathname);
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  // History fallback: a path with no file extension is a view of the single-page app.
  return extname(decoded) ? null : join(root, 'index.html');
}

function cacheControl(pathname) {
  if (pathname.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  });
  res.end(body);
}

/** A request handler serving the files below `root`. */
export function createHandler(root) {
  return (req, res) => handle(root, req, res);
}

function handle(root, req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  if (url.pathname === '/config.json') {
    // The force's settings. The video relay service link appears in the kiosk only when set.
    const config = { vrsUrl: process.env.VRS_URL || null };
    return send(res, 200, JSON.stringify(config), {
      'Content-Type': TYPES['.json'],
      'Cache-Control': 'no-cache',
    });
  }
  let file;
  try {
    file = resolveFile(root, url.pathname);
  } catch {
    return send(res, 400, 'Bad request\n');
  }
  if (!file) return send(res, 404, 'Not found\n');

  const stat = statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(url.pathname),
    'Accept-Ranges': 'bytes',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }

  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    let start = range[1] ? Number(range[1]) : stat.size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : stat.size - 1;
    start = Math.max(0, start);
    end = Math.min(end, stat.size - 1);
    if (start > end) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stat.size}` });
      return res.end();
    }
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${stat.size}`,
      'Content-Length': end - start + 1,
    });
    if (req.method === 'HEAD') return res.end();
    return createReadStream(file, { start, end }).pipe(res);
  }

  res.writeHead(200, { ...headers, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/** Serves the build in dist/ at HOST:PORT (127.0.0.1:8080 by default). */
export function startServer({
  root = DIST,
  host = process.env.HOST || '127.0.0.1',
  port = Number(process.env.PORT || 8080),
} = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    console.error(
      '✖ No build found in dist/. Run "npm start" (it builds first) or "npm run build".',
    );
    process.exit(1);
  }
  const server = createServer(createHandler(root));
  server.on('error', (error) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `✖ ${host}:${port} is already in use. Set PORT to another port, e.g. PORT=8081 npm start.`
        : `✖ ${error.message}`,
    );
    process.exit(1);
  });
  server.listen(port, host, () => {
    console.log(`Forewarn is running at http://${host}:${port}/`);
  });
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) startServer();
