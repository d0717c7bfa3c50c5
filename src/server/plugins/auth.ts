/**
 * Who is calling, and whether they may: a person by their session cookie, or a device by its
 * bearer token. Every /api route declares its `config.auth`, and this plugin alone turns that
 * into a guard that runs before the body is parsed or validated, so a caller who may not use a
 * route learns nothing about its schema. A route that declares nothing refuses to register.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { can, type Permission } from '../../schema/api.js';
import { findSession, sessionFor, type Session } from '../accounts.js';
import type { Db } from '../db/index.js';
import type { Device } from '../db/schema.js';
import { deviceByToken } from '../devices.js';
import { HttpError } from '../errors.js';
import { noStore } from '../no-store.js';
import { auditDenials } from '../audit.js';

/**
 * What a route needs: nobody (`public`), an enrolled device, any signed-in person, an enrolled
 * device or a signed-in person (`device-or-person`), or a person with a permission.
 */
export type Auth = 'public' | 'device' | 'person' | 'device-or-person' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: Auth;
  }
  interface FastifyRequest {
    session?: Session;
    device?: Device;
  }
}

export const SESSION_COOKIE = 'fw_session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const signedOut = () => new HttpError(401, 'signed-out', 'Sign in to continue.');

function checkDevice(request: FastifyRequest): void {
  if (!request.device)
    throw new HttpError(
      401,
      'bad-token',
      'This device is not enrolled, or its token is wrong. Enrol it again.',
    );
  if (request.device.revoked_at)
    throw new HttpError(403, 'revoked', 'This device has been revoked. Ask your administrator.');
}

function checkPermission(request: FastifyRequest, permission: Permission): void {
  if (!request.session) throw signedOut();
  if (!can(request.session.user.role, permission))
    throw new HttpError(
      403,
      'forbidden',
      `Your role (${request.session.user.role}) cannot do this.`,
    );
}

const GUARDS: Record<Exclude<Auth, Permission>, (request: FastifyRequest) => void> = {
  public: () => {},
  device: checkDevice,
  person: (request) => {
    if (!request.session) throw signedOut();
  },
  'device-or-person': (request) => {
    if (!request.session) checkDevice(request);
  },
};

function guardFor(auth: Auth): onRequestHookHandler {
  const check =
    auth in GUARDS
      ? GUARDS[auth as keyof typeof GUARDS]
      : (request: FastifyRequest) => checkPermission(request, auth as Permission);
  return async (request) => check(request);
}

/** Every route's method, path and declared auth, in registration order: the role matrix test reads it. */
export interface DeclaredRoute {
  method: string;
  url: string;
  auth: Auth;
}

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}

export const auth = fp<{ db: Db }>(
  async (app: FastifyInstance, { db }) => {
    await app.register(cookie);
    app.decorate('declaredRoutes', [] as DeclaredRoute[]);

    app.addHook('onRoute', (route) => {
      const declared = route.config?.auth;
      if (!declared) {
        // Files served by @fastify/static carry no config; every API route must say who may call it.
        if (route.url.startsWith('/api/'))
          throw new Error(`${String(route.method)} ${route.url} does not declare config.auth.`);
        return;
      }
      for (const method of [route.method].flat())
        if (method !== 'HEAD') app.declaredRoutes.push({ method, url: route.url, auth: declared });
      const guard = guardFor(declared);
      route.onRequest = [...[route.onRequest ?? []].flat(), guard];
    });

    app.addHook('onSend', noStore);
    // A signed-in person refused by a guard or the CSRF check goes in the security audit log.
    app.addHook('onError', auditDenials(db));

    // Identify the caller on every route that declares an auth (signing out is public, but ends
    // the caller's session); files and the history fallback need none.
    app.addHook('onRequest', async (request) => {
      if (!request.routeOptions.config.auth) return;
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (bearer) {
        request.device = await deviceByToken(db, bearer);
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.session = await findSession(db, token);
      // CSRF: a change made with a session cookie must carry that session's token in a header,
      // which another site's form or script cannot read or set.
      if (
        request.session &&
        UNSAFE.has(request.method) &&
        request.headers['x-csrf-token'] !== request.session.csrfToken
      )
        throw new HttpError(
          403,
          'csrf',
          'This request is missing its CSRF token. Reload the page and try again.',
        );
      // A one-time password opens only the routes that change it, and a sign-in that still owes a
      // passkey only those that confirm it.
      if (request.session)
        request.session = sessionFor(
          request.session,
          request.method,
          request.routeOptions.url ?? '',
        );
    });
  },
  { name: 'auth' },
);
