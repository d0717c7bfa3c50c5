/**
 * Every route, called by every kind of caller: nobody, each role, and an enrolled device. What is
 * allowed succeeds; what is not is refused with 401 or 403 and the error shape, and changes
 * nothing. A change made with a session but without its CSRF token is refused too.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../schema/api.js';
import { TEST_ACCOUNTS } from '../../test/server/accounts.js';
import {
  enrolDevice,
  enrolmentRequest,
  exportOf,
  fetchNonce,
  importAs,
  issueCode,
  newKeys,
  unknownDevice,
  nextEvents,
  signClip,
  signIn,
  startTestServer,
  uploadContent,
  type Caller,
  type Harness,
  type TestDevice,
} from '../../test/server/harness.js';

type Who = 'nobody' | Role | 'device';
const EVERYONE: Who[] = ['nobody', ...ROLES, 'device'];

let h: Harness;
const callers = {} as Record<Role, Caller>;
let device: TestDevice;
let flip = false;

beforeAll(async () => {
  h = await startTestServer();
  for (const role of ROLES) callers[role] = await signIn(h.app, role);
  device = await enrolDevice(h.app, callers.admin);
});
afterAll(() => h.close());

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string | (() => Promise<string>);
  /** The route as registered, where it differs from the URL. */
  route?: string;
  /** Called with a session of its own, because the call ends it. */
  fresh?: boolean;
  body?: (who: Who) => Promise<unknown>;
  allowed: Who[];
  /**
   * For an allowed caller, the refusal that means "permitted, but not in this state" (no passkey
   * yet, no sign-in waiting for one): the guard let it through, the route said why not.
   */
  precondition?: { status: number; code: string };
  /** Undoes what an allowed call changed, so later tests find things as they were. */
  after?: (who: Role) => Promise<void>;
}

/** A role's own password, then the same with a suffix: what PUT /api/session/password swaps. */
const ownPassword = (who: Who) =>
  who in TEST_ACCOUNTS ? TEST_ACCOUNTS[who as Role].password : '-';
const changePassword = (who: Who, current: string, next: string) =>
  h.app.inject({
    method: 'PUT',
    url: '/api/session/password',
    headers: headersFor(who),
    payload: { current, next },
  });

const ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/health', allowed: EVERYONE },
  { method: 'GET', url: '/api/openapi.json', allowed: EVERYONE },
  { method: 'GET', url: '/api/session', allowed: [...ROLES] },
  { method: 'POST', url: '/api/session', body: async () => TEST_ACCOUNTS.ipag, allowed: EVERYONE },
  // Signing out is open to anyone, and ends only the caller's own session.
  { method: 'DELETE', url: '/api/session', fresh: true, allowed: EVERYONE },
  {
    method: 'GET',
    url: '/api/summary?groupBy=format&period=2026-Q1',
    allowed: ['admin', 'reviewer', 'ipag'],
  },
  {
    method: 'PUT',
    url: '/api/session/password',
    body: async (who) => ({ current: ownPassword(who), next: `${ownPassword(who)}-changed` }),
    allowed: [...ROLES],
    after: async (who) => {
      await changePassword(who, `${ownPassword(who)}-changed`, ownPassword(who));
    },
  },
  ...(
    [
      ['/api/session/mfa/options', undefined],
      ['/api/session/mfa', { response: {} }],
      ['/api/session/recovery', { code: 'abcd-efgh' }],
    ] as const
  ).map(([url, body]): RouteCase => ({
    method: 'POST',
    url,
    ...(body ? { body: async () => body } : {}),
    allowed: [...ROLES],
    // A full session is not waiting for a passkey (the waiting kind is tested in passkeys).
    precondition: { status: 409, code: 'not-pending' },
  })),
  { method: 'GET', url: '/api/passkeys', allowed: [...ROLES] },
  { method: 'POST', url: '/api/passkeys/options', allowed: [...ROLES] },
  {
    method: 'POST',
    url: '/api/passkeys',
    body: async () => ({ response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } }),
    allowed: [...ROLES],
    precondition: { status: 400, code: 'passkey-refused' },
  },
  {
    method: 'DELETE',
    url: '/api/passkeys/no-such-key',
    route: '/api/passkeys/:id',
    allowed: [...ROLES],
    precondition: { status: 404, code: 'not-found' },
  },
  {
    method: 'POST',
    url: '/api/recovery-codes',
    allowed: [...ROLES],
    precondition: { status: 409, code: 'no-passkey' },
  },
  { method: 'GET', url: '/api/export.csv', allowed: ['admin', 'reviewer'] },
  { method: 'GET', url: '/api/integrity', allowed: ['admin', 'reviewer'] },
  { method: 'GET', url: '/api/devices', allowed: ['admin'] },
  { method: 'GET', url: '/api/disclosures', allowed: ['admin'] },
  { method: 'GET', url: '/api/audit', allowed: ['admin'] },
  {
    method: 'POST',
    url: '/api/enrolment-codes',
    body: async () => ({ area: 'KENT-E' }),
    allowed: ['admin'],
  },
  {
    method: 'POST',
    url: async () => `/api/devices/${(await enrolDevice(h.app, callers.admin)).deviceId}/revoke`,
    route: '/api/devices/:deviceId/revoke',
    allowed: ['admin'],
  },
  {
    method: 'POST',
    url: '/api/events',
    body: async () => ({ sentAt: new Date().toISOString(), events: await nextEvents(device, 1) }),
    allowed: ['device'],
  },
  {
    method: 'POST',
    url: '/api/import',
    body: async () => {
      const { makeBundle, makeChain, testKeys } = await import('../../test/log-fixtures.js');
      const keys = await testKeys();
      return makeBundle(await makeChain(3, keys), keys);
    },
    allowed: ['admin', 'reviewer'],
  },
  {
    method: 'POST',
    url: '/api/feedback',
    body: async () => ({
      format: 'visual',
      lang: 'pl',
      understood: 'yes',
      rating: 4,
      assistiveTech: 'none',
    }),
    allowed: ['admin', 'reviewer', 'ipag'],
  },
  { method: 'GET', url: '/api/feedback?format=visual', allowed: ['admin', 'reviewer', 'ipag'] },
  { method: 'GET', url: '/api/translations', allowed: EVERYONE },
  { method: 'GET', url: '/api/translations/audit', allowed: ['admin', 'reviewer'] },
  {
    method: 'POST',
    url: '/api/translations/cy',
    route: '/api/translations/:lang',
    // Alternates, so each allowed call is a real change (and each is audited).
    body: async () => {
      flip = !flip;
      return { status: flip ? 'reviewed' : 'draft' };
    },
    allowed: ['admin', 'reviewer'],
  },
  {
    method: 'POST',
    url: '/api/content',
    body: async () => {
      const { fields, file } = signClip();
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
      return form;
    },
    allowed: ['admin', 'editor'],
  },
  { method: 'GET', url: '/api/content', allowed: ['admin', 'reviewer', 'ipag', 'editor'] },
  {
    method: 'POST',
    // A new draft by the editor each time, so every allowed call is a real first review.
    url: async () => {
      const { fields, file } = signClip();
      const added = await uploadContent(h.app, callers.editor, fields, file);
      return `/api/content/${added.json().id}/review`;
    },
    route: '/api/content/:id/review',
    body: async () => ({ decision: 'approve' }),
    allowed: ['admin', 'reviewer', 'ipag'],
  },
  { method: 'GET', url: '/api/content/manifest', allowed: [...ROLES, 'device'] },
  {
    method: 'GET',
    url: '/api/content/text/pl',
    route: '/api/content/text/:lang',
    allowed: ['admin', 'reviewer', 'ipag', 'editor'],
  },
  {
    method: 'PUT',
    url: '/api/content/text/pl',
    route: '/api/content/text/:lang',
    // The text that ships: a valid translation, added as a new draft each time.
    body: async () =>
      JSON.parse(
        readFileSync(new URL('../../locales/pl/notice.json', import.meta.url), 'utf8'),
      ) as unknown,
    allowed: ['admin', 'editor'],
  },
  {
    method: 'GET',
    url: async () => {
      const { fields, file } = signClip();
      const added = await uploadContent(h.app, callers.editor, fields, file);
      return `/api/content/${added.json().id}/media`;
    },
    route: '/api/content/:id/media',
    allowed: ['admin', 'reviewer', 'ipag', 'editor'],
  },
  {
    method: 'POST',
    url: '/api/devices',
    // Enrolment needs no account: the one-time code is the credential.
    body: async () =>
      enrolmentRequest(
        await issueCode(h.app, callers.admin),
        await fetchNonce(h.app),
        await newKeys(),
      ),
    allowed: EVERYONE,
  },
  { method: 'POST', url: '/api/devices/nonce', allowed: EVERYONE },
  { method: 'GET', url: '/api/held-imports', allowed: ['admin'] },
  {
    method: 'POST',
    url: async () => `/api/held-imports/${await heldImport()}/approve`,
    route: '/api/held-imports/:id/approve',
    allowed: ['admin'],
  },
  {
    method: 'POST',
    url: async () => `/api/held-imports/${await heldImport()}/discard`,
    route: '/api/held-imports/:id/discard',
    allowed: ['admin'],
  },
];

it('covers every route the server registers, each with its declared auth', () => {
  const cases = ROUTES.map(
    (r) => `${r.method} ${r.route ?? (r.url as string).split('?')[0]!}`,
  ).sort();
  const declared = h.app.declaredRoutes.map((r) => `${r.method} ${r.url}`).sort();
  // The public media at /content/{sha256} and /config.json are checked in static.node.test.ts.
  expect(cases).toEqual(
    declared.filter((r) => !['GET /content/:sha256', 'GET /config.json'].includes(r)),
  );
});

it('refuses a caller who may not use a route before reading its body: 401, not a schema error', async () => {
  for (const [url, payload] of [
    ['/api/events', []],
    ['/api/import', 'not json'],
    ['/api/enrolment-codes', { area: '<b>' }],
  ] as const) {
    const response = await h.app.inject({ method: 'POST', url, payload });
    expect(response.statusCode, url).toBe(401);
    expect(response.body).not.toMatch(/schema|must|property/i);
  }
});

it('will not register a route that does not say who may call it', async () => {
  const { default: Fastify } = await import('fastify');
  const { auth } = await import('./plugins/auth.js');
  const app = Fastify();
  await app.register(auth, { db: h.store.db });
  await app.after();
  expect(() => app.get('/api/forgotten', async () => 'open')).toThrow(
    /does not declare config.auth/,
  );
});
/** A reviewer's import of an unknown device's export, held for an admin: its id. */
async function heldImport(): Promise<string> {
  const stranger = await unknownDevice();
  const bundle = await exportOf(stranger, await nextEvents(stranger, 2));
  return (await importAs(h.app, callers.reviewer, bundle)).json().held.id as string;
}

function headersFor(who: Who): Record<string, string> {
  if (who === 'nobody') return {};
  if (who === 'device') return device.auth;
  return callers[who].headers;
}

describe.each(ROUTES)('$method $url', (route) => {
  it.each(EVERYONE)(
    'as %s',
    async (who) => {
      const url = typeof route.url === 'string' ? route.url : await route.url();
      const headers =
        route.fresh && who !== 'nobody' && who !== 'device'
          ? (await signIn(h.app, who)).headers
          : headersFor(who);
      const response = await h.app.inject({
        method: route.method,
        url,
        headers,
        ...(route.body ? { payload: (await route.body(who)) as object } : {}),
      });
      if (route.allowed.includes(who) && route.precondition) {
        expect(response.statusCode, response.body).toBe(route.precondition.status);
        expect(response.json().error.code).toBe(route.precondition.code);
      } else if (route.allowed.includes(who)) {
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, response.body).toBeLessThan(300);
        await route.after?.(who as Role);
      } else {
        expect([401, 403], response.body).toContain(response.statusCode);
        expect(response.json().error.code).toMatch(/^(signed-out|forbidden|bad-token|revoked)$/);
      }
      // Changing a password hashes four times (check and make, and back): slow on a busy machine.
    },
    30_000,
  );
});

describe('CSRF', () => {
  it('refuses a change made with a session cookie but without its token, and changes nothing', async () => {
    const before = (
      await h.app.inject({ method: 'GET', url: '/api/devices', headers: callers.admin.headers })
    ).json().length;
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/enrolment-codes',
      headers: { cookie: callers.admin.headers.cookie! },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
    const wrong = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: {
        cookie: callers.reviewer.headers.cookie!,
        'x-csrf-token': callers.admin.csrfToken,
      },
    });
    expect(wrong.statusCode).toBe(403);
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/session',
          headers: callers.reviewer.headers,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await h.app.inject({ method: 'GET', url: '/api/devices', headers: callers.admin.headers })
      ).json().length,
    ).toBe(before);
  });

  it('signs out with the token, after which the cookie opens nothing', async () => {
    const ipag = await signIn(h.app, 'ipag');
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/api/session', headers: ipag.headers }))
        .statusCode,
    ).toBe(204);
    const after = await h.app.inject({ method: 'GET', url: '/api/summary', headers: ipag.headers });
    expect(after.statusCode).toBe(401);
  });
});

describe('session', () => {
  it('says when the sign-in ends, 8 hours after it began, on signing in and when asked', async () => {
    const before = Date.now();
    const reply = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: TEST_ACCOUNTS.ipag,
    });
    expect(reply.statusCode).toBe(200);
    const ends = Date.parse(reply.json().expiresAt);
    expect(ends).toBeGreaterThanOrEqual(before + 8 * 3_600_000 - 1000);
    expect(ends).toBeLessThanOrEqual(Date.now() + 8 * 3_600_000 + 1000);
    const cookie = `fw_session=${reply.cookies.find((c) => c.name === 'fw_session')!.value}`;
    const asked = await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(asked.json().expiresAt).toBe(reply.json().expiresAt);
  });
});

describe('disclosure log', () => {
  it('records every report view and export with who and what, and only admins can read it', async () => {
    await h.app.inject({
      method: 'GET',
      url: '/api/summary?groupBy=lang&view=report&from=2026-01-01',
      headers: callers.reviewer.headers,
    });
    await h.app.inject({
      method: 'GET',
      url: '/api/export.csv?area=KENT-N',
      headers: callers.reviewer.headers,
    });
    const log = (
      await h.app.inject({ method: 'GET', url: '/api/disclosures', headers: callers.admin.headers })
    ).json<{ username: string; action: string; detail: string }[]>();
    expect(log[0]).toMatchObject({ username: 'test-reviewer', action: 'export' });
    expect(JSON.parse(log[0]!.detail)).toEqual({ area: 'KENT-N' });
    expect(log[1]).toMatchObject({ username: 'test-reviewer', action: 'report' });
    expect(JSON.parse(log[1]!.detail)).toMatchObject({ groupBy: 'lang', from: '2026-01-01' });
    // There is no route that edits or deletes it.
    for (const method of ['DELETE', 'PUT', 'PATCH'] as const) {
      const response = await h.app.inject({
        method,
        url: '/api/disclosures',
        headers: callers.admin.headers,
      });
      expect(response.statusCode).toBe(404);
    }
  });
});
