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

export const staticFiles = fp<{ dist?: string }>(
  async (app: FastifyInstance, options) => {
    const dist = options.dist ? resolve(options.dist) : undefined;
    const serving = dist !== undefined && existsSync(dist);
    if (serving) {
      await app.register(fastifyStatic, {
        root: dist,
        cacheControl: false,
        index: ['index.html'],
        setHeaders(res, path) {
          res.setHeader(
            'Cache-Control',
            path.startsWith(`${dist}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0]!;
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
