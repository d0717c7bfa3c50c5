/**
 * Security headers on every reply: a strict CSP with no inline script or style and nothing from
 * another origin, no framing, no referrer, and the browser features this app may use.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  // Tone.js runs its clock in a Worker made from a blob: URL (script this origin already ran).
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const security = fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
    // The camera and microphone are this origin's alone: the content library records clips and
    // voices with them. Every page is the one app (and the service worker answers every
    // navigation from the same cached shell), so the policy cannot differ by path; the browser
    // still asks the person before either is used, and no frame may ever use them.
    app.addHook('onSend', async (_request, reply) => {
      reply.header(
        'Permissions-Policy',
        'camera=(self), microphone=(self), geolocation=(), screen-wake-lock=(self), fullscreen=(self)',
      );
    });
  },
  { name: 'security' },
);
