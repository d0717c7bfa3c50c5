/**
 * The Fastify application: the built app (history fallback, long-lived hashed assets) and /api,
 * with security headers, a strict CSP, body limits, rate limits, sessions and role checks. Built
 * by a function so the tests can make one per case against a throwaway database.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { can, type Permission } from '../schema/api.js';
import { findSession, sessionFor, type Session } from './accounts.js';
import { isPostgres, type Db } from './db/index.js';
import type { Device } from './db/schema.js';
import { deviceByToken } from './devices.js';
import { HttpError } from './errors.js';
import { addressKey, sharedRateStore } from './rate-limit.js';
import { apiRoutes } from './routes.js';
import { mediaRoute } from './routes/content.js';

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
    device?: Device;
    /** Who the rate limit counts against: a device, an account, or (never stored) the address. */
    limitKey: string;
  }
}

export interface AppOptions {
  db: Db;
  /** The built app to serve; omitted in API-only tests. */
  dist?: string;
  /** A live BSL interpreter service's address, offered by the kiosk when online. */
  vrsUrl?: string;
  /** How the public reports an accessibility problem, for /accessibility (from the environment). */
  accessibilityContact?: { email?: string; phone?: string; replyDays?: number };
  /** Rate limits per minute; tests lower them to see the 429. */
  limits?: Partial<typeof DEFAULT_LIMITS>;
  logger?: boolean;
}

export const DEFAULT_LIMITS = {
  /** Sync batches per device: a week offline is 20 batches of 100. */
  events: 120,
  /** Sign-in attempts per address; the account locks after 5 wrong passwords anyway. */
  session: 20,
  /** Enrolment attempts per address: codes are 60 bits, but there is no reason to allow guessing. */
  enrol: 10,
  /** Everything else per account. */
  other: 600,
};

export const SESSION_COOKIE = 'fw_session';

/** The content security policy: no inline script or style, nothing from another origin. */
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

/**
 * Whether a request is for the API, as the router reads its path: the matched route, or for an
 * unmatched one the decoded path. Never the raw URL, which `/%61pi/session` would slip past.
 */
function isApi(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route) return route.startsWith('/api/');
  try {
    return decodeURIComponent(request.url.split('?')[0]!).startsWith('/api/');
  } catch {
    return true;
  }
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  field?: string,
) {
  return reply.code(status).send({ error: { code, message, ...(field ? { field } : {}) } });
}

/** A guard for routes that need a signed-in person with a permission. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest) => {
    if (!request.session) throw new HttpError(401, 'signed-out', 'Sign in to continue.');
    if (!can(request.session.user.role, permission)) {
      throw new HttpError(
        403,
        'forbidden',
        `Your role (${request.session.user.role}) cannot do this.`,
      );
    }
  };
}

/** A guard for routes a device calls with its bearer token. */
export async function requireDevice(request: FastifyRequest) {
  if (!request.device)
    throw new HttpError(
      401,
      'bad-token',
      'This device is not enrolled, or its token is wrong. Enrol it again.',
    );
  if (request.device.revoked_at)
    throw new HttpError(403, 'revoked', 'This device has been revoked. Ask your administrator.');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    // Requests are logged by method and path only: never an address (privacy rules), a token
    // or a cookie.
    logger: options.logger
      ? { level: 'info', serializers: { req: (req) => ({ method: req.method, url: req.url }) } }
      : false,
    bodyLimit: 1024 * 1024,
    // A slow client (slow-loris) holds a connection for at most this long, headers and body both.
    requestTimeout: 30_000,
    // No address is ever stored; the rate limiter alone sees it, as a keyed hash.
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  // Headers trickled a byte at a time (slow-loris) hold a connection for 10 s at most.
  app.server.headersTimeout = 10_000;

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // The camera and microphone are this origin's alone: the content library records clips and
  // voices with them. Every page is the one app (and the service worker answers every navigation
  // from the same cached shell), so the policy cannot differ by path; the browser still asks the
  // person before either is used, and no frame may ever use them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header(
      'Permissions-Policy',
      'camera=(self), microphone=(self), geolocation=(), screen-wake-lock=(self), fullscreen=(self)',
    );
  });
  await app.register(cookie);

  // Who is calling: a person by their session cookie, or a device by its bearer token.
  app.decorateRequest('limitKey', '');
  app.addHook('onRequest', async (request) => {
    request.limitKey = addressKey(request.ip);
    if (!isApi(request)) return;
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.device = await deviceByToken(db, bearer);
      // Only a real device gets a bucket of its own: an invented token counts against its address.
      if (request.device) request.limitKey = `device:${request.device.id}`;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await findSession(db, token);
      if (request.session) request.limitKey = `account:${request.session.userId}`;
    }
    // CSRF: a change made with a session cookie must carry that session's token in a header,
    // which another site's form or script cannot read or set.
    if (
      request.session &&
      UNSAFE.has(request.method) &&
      request.headers['x-csrf-token'] !== request.session.csrfToken
    ) {
      throw new HttpError(
        403,
        'csrf',
        'This request is missing its CSRF token. Reload the page and try again.',
      );
    }
    if (request.session)
      request.session = sessionFor(request.session, request.method, request.routeOptions.url ?? '');
  });

  await app.register(rateLimit, {
    global: true,
    // Several app servers on one PostgreSQL share their counts; one SQLite server keeps them in memory.
    ...(isPostgres(db) ? { store: sharedRateStore(db) } : {}),
    hook: 'preHandler',
    allowList: (request) => !isApi(request),
    keyGenerator: (request) => {
      const kind =
        request.routeOptions.url === '/api/events'
          ? 'events'
          : request.routeOptions.url === '/api/session' && request.method === 'POST'
            ? 'session'
            : request.routeOptions.url === '/api/devices' && request.method === 'POST'
              ? 'enrol'
              : 'other';
      return `${kind}|${request.limitKey}`;
    },
    max: (_request, key) => limits[key.split('|')[0] as keyof typeof limits],
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'rate-limited',
        message: `Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`,
      },
    }),
  });

  app.setErrorHandler(
    (
      error: Error & {
        statusCode?: number;
        code?: string;
        validation?: { instancePath?: string; params?: Record<string, unknown> }[];
        validationContext?: string;
      },
      request,
      reply,
    ) => {
      if (error instanceof HttpError)
        return sendError(reply, error.status, error.code, error.message, error.field);
      if (error.validation) {
        const first = error.validation[0];
        const field =
          (first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ||
            (first?.params?.missingProperty as string | undefined) ||
            (first?.params?.additionalProperty as string | undefined)) ??
          undefined;
        return sendError(
          reply,
          400,
          'invalid',
          `${error.validationContext ?? 'request'}${field ? `.${field}` : ''} ${error.message.replace(/^[^ ]+ /, '')}`,
          field,
        );
      }
      if (error.statusCode === 429) return reply.code(429).send(error);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendError(reply, 413, 'too-large', `The body is larger than this route accepts.`);
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return sendError(
          reply,
          415,
          'unsupported-media-type',
          'Send JSON (Content-Type: application/json).',
        );
      if (
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        (error instanceof SyntaxError && error.statusCode === 400)
      ) {
        return sendError(
          reply,
          400,
          'invalid-json',
          `The body is not valid JSON: ${error.message}`,
        );
      }
      if (error.statusCode && error.statusCode < 500)
        return sendError(reply, error.statusCode, 'bad-request', error.message);
      request.log.error(error);
      // Anything else is ours, not the caller's: say so without internals, and ask for a retry.
      return reply
        .code(503)
        .header('Retry-After', '5')
        .send({
          error: {
            code: 'unavailable',
            message:
              'The server could not complete this request. Nothing was half-stored; try again shortly.',
          },
        });
    },
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Forewarn API',
        version: '1.0.0',
        description: 'Devices send signed notice events; people read aggregates. See DESIGN.md.',
      },
      components: {
        securitySchemes: {
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token a device receives at enrolment.',
          },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });

  // Uploads to the content library; each route reads its parts as a stream, with its own limits.
  await app.register(multipart);
  await app.register(apiRoutes, { db, prefix: '/api' });
  await app.register(mediaRoute, { db });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/config.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return {
      ...(options.vrsUrl ? { vrsUrl: options.vrsUrl } : {}),
      ...(options.accessibilityContact
        ? { accessibilityContact: options.accessibilityContact }
        : {}),
    };
  });

  const dist = options.dist ? resolve(options.dist) : undefined;
  if (dist && existsSync(dist)) {
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
    // History fallback: a path with no file extension is a view of the single-page app.
    if (
      dist &&
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendError(reply, 404, 'not-found', `Nothing is at ${request.method} ${path}.`);
  });
  return app;
}
