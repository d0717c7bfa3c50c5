/**
 * The built app: hashed assets cached for a year, everything else revalidated, and the history
 * fallback (a path with no file extension is a view of the single-page app). Anything else that
 * matches nothing gets the error shape.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors.js';

/**
 * The build manifest and source maps describe the code; nobody outside needs them. Judged on the
 * decoded path, as the file system reads it (`/%2Evite/…` is `/.vite/…`).
 */
function isPublicFile(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).toLowerCase();
  } catch {
    return false;
  }
  return !/(^|\/)\.vite(\/|$)/.test(decoded) && !decoded.endsWith('.map');
}

export const staticFiles = fp<{ dist?: string }>(
  async (app: FastifyInstance, options) => {
    const dist = options.dist ? resolve(options.dist) : undefined;
    const serving = dist !== undefined && existsSync(dist);
    if (serving) {
      await app.register(fastifyStatic, {
        root: dist,
        cacheControl: false,
        index: ['index.html'],
        allowedPath: isPublicFile,
        setHeaders(res, path) {
          res.setHeader(
            'Cache-Control',
            path.startsWith(`${dist}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler(async (request, reply) => {
      // Decoded, as the router and the file system read it: `/x.js.%6Dap` is a file, not a view.
      let path = request.url.split('?')[0]!;
      try {
        path = decodeURIComponent(path);
      } catch {
        // Left as sent; it has a % that is not an escape, so it is no view of the app.
      }
      if (
        serving &&
        request.method === 'GET' &&
        !path.startsWith('/api/') &&
        !/\.[a-z0-9]+$/i.test(path)
      ) {
        reply.header('Cache-Control', 'no-cache');
        return reply.sendFile('index.html');
      }
      return sendError(reply, 404, 'not-found', `Nothing is at ${request.method} ${path}.`);
    });
  },
  { name: 'static' },
);
