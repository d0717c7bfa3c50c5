/**
 * The two append-only logs: the disclosure log cannot be pushed out of view (it is paged by id
 * and filtered), and the security audit log records who signed in, issued codes, enrolled and
 * revoked devices and imported logs, without ever holding a secret. Both refuse changes in the
 * database itself. `npm run admin` reads both a page at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Disclosure } from '../schema/api.js';
import { TEST_ACCOUNTS } from '../../test/server/accounts.js';
import {
  issueCode,
  newKeys,
  postEnrolment,
  runAdmin,
  signIn,
  startTestServer,
  testStoreUrl,
  type Caller,
  type Harness,
} from '../../test/server/harness.js';
import { audit, checkDetail, type AuditDetail } from './audit.js';
import { disclose } from './disclosure.js';
import { findSession } from './accounts.js';

let h: Harness;
let admin: Caller;
let reviewer: Caller;

beforeAll(async () => {
  h = await startTestServer();
  admin = await signIn(h.app, 'admin');
  reviewer = await signIn(h.app, 'reviewer');
});
afterAll(() => h.close());

async function get<T>(url: string, caller = admin) {
  const response = await h.app.inject({ method: 'GET', url, headers: caller.headers });
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.json<T>(), link: response.headers.link as string | undefined };
}

/** Every entry, by following the Link header from the first page. */
async function everyPage<T>(url: string): Promise<T[]> {
  const all: T[] = [];
  let next: string | undefined = url;
  while (next) {
    const page: { body: T[]; link?: string } = await get<T[]>(next);
    all.push(...page.body);
    next = /^<([^>]+)>; rel="next"$/.exec(page.link ?? '')?.[1];
  }
  return all;
}

describe('the disclosure log', () => {
  it('cannot be pushed out of view: an export stays reachable behind 510 later views, by filter and by page', async () => {
    await h.app.inject({
      method: 'GET',
      url: '/api/export.csv?area=KENT-S',
      headers: reviewer.headers,
    });
    const session = (await findSession(h.store.db, reviewer.headers.cookie!.split('=')[1]!))!;
    for (let i = 0; i < 510; i++)
      await disclose(h.store.db, session, 'summary', { groupBy: 'lang' });

    const exports = await get<Disclosure[]>('/api/disclosures?action=export');
    expect(exports.body).toHaveLength(1);
    expect(exports.body[0]).toMatchObject({ username: 'test-reviewer', action: 'export' });

    const all = await everyPage<Disclosure>('/api/disclosures?limit=200');
    expect(all.length).toBeGreaterThanOrEqual(511);
    expect(all.filter((d) => d.action === 'export')).toHaveLength(1);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
  });

  it('pages by id, so entries added between pages neither repeat nor hide one', async () => {
    const first = await get<Disclosure[]>('/api/disclosures?action=summary&limit=50');
    expect(first.body).toHaveLength(50);
    expect(first.link).toMatch(
      /^<\/api\/disclosures\?action=summary&limit=50&before=[0-9a-f-]{36}>; rel="next"$/,
    );
    const session = (await findSession(h.store.db, reviewer.headers.cookie!.split('=')[1]!))!;
    for (let i = 0; i < 20; i++) await disclose(h.store.db, session, 'summary', {});
    const cursor = first.body.at(-1)!.id;
    const second = await get<Disclosure[]>(
      `/api/disclosures?action=summary&limit=50&before=${cursor}`,
    );
    expect(second.body).toHaveLength(50);
    expect(second.body.every((d) => d.id < cursor)).toBe(true);
    expect(second.body.some((d) => first.body.some((f) => f.id === d.id))).toBe(false);
    const ids = [...first.body, ...second.body].map((d) => d.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('filters by day, and explains a bad filter', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await get<Disclosure[]>(`/api/disclosures?from=${today}&limit=5`)).body).toHaveLength(
      5,
    );
    expect((await get<Disclosure[]>('/api/disclosures?to=2000-01-01')).body).toEqual([]);
    for (const query of [
      'before=nope',
      'from=2026-02-30',
      'limit=0',
      'limit=501',
      'action=delete',
    ]) {
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/disclosures?${query}`,
        headers: admin.headers,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid');
    }
  });
});

describe('the security audit log', () => {
  it('records sign-ins, sign-outs, codes, enrolments, revocations and imports, with who, and never a secret', async () => {
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'test-ipag', password: 'not-the-password-123' },
    });
    expect(wrong.statusCode).toBe(401);
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'my-secret-passphrase', password: 'whatever-it-is-456' },
    });
    expect(unknown.statusCode).toBe(401);
    const ipag = await signIn(h.app, 'ipag');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: ipag.headers,
    });
    expect(out.statusCode).toBe(204);

    const code = await issueCode(h.app, admin, 'KENT-E');
    const keys = await newKeys();
    const enrolled = await postEnrolment(h.app, code, keys);
    expect(enrolled.statusCode).toBe(201);
    const { deviceId, token } = enrolled.json<{ deviceId: string; token: string }>();
    const badCode = await postEnrolment(h.app, 'AAAA-BBBB-CCCC', await newKeys());
    expect(badCode.statusCode).toBeGreaterThanOrEqual(400);
    const revoked = await h.app.inject({
      method: 'POST',
      url: `/api/devices/${deviceId}/revoke`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(204);

    const { makeBundle, makeChain, testKeys } = await import('../../test/log-fixtures.js');
    const bundleKeys = await testKeys();
    const imported = await h.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: reviewer.headers,
      payload: await makeBundle(await makeChain(2, bundleKeys), bundleKeys),
    });
    // A device the server does not know: held for an admin, and audited as held.
    expect(imported.statusCode, imported.body).toBe(202);

    const log = await everyPage<AuditEntry>('/api/audit');
    const find = (kind: string, outcome: string) =>
      log.filter((e) => e.kind === kind && e.outcome === outcome);
    expect(find('sign-in', 'failure')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: expect.objectContaining({ type: 'account', name: 'test-ipag' }),
          detail: { factor: 'password', reason: 'bad-credentials' },
        }),
        // A name no account has may be a password typed in the wrong box: not recorded.
        expect.objectContaining({
          actor: { type: 'anonymous', id: null, name: null },
          detail: { factor: 'password', reason: 'bad-credentials' },
        }),
      ]),
    );
    expect(find('sign-in', 'success').map((e) => e.actor.name)).toEqual(
      expect.arrayContaining(['test-admin', 'test-reviewer', 'test-ipag']),
    );
    expect(find('sign-out', 'success')[0]!.actor).toMatchObject({
      type: 'account',
      name: 'test-ipag',
    });
    expect(find('enrolment-code', 'success')[0]).toMatchObject({
      actor: { type: 'account', name: 'test-admin' },
      detail: { area: 'KENT-E', expiresAt: expect.any(String) },
    });
    expect(find('device-enrol', 'success')[0]).toMatchObject({
      actor: { type: 'device', id: deviceId },
      detail: { area: 'KENT-E' },
    });
    expect(find('device-enrol', 'failure')[0]).toMatchObject({
      actor: { type: 'anonymous' },
      detail: { reason: 'bad-code' },
    });
    expect(find('device-revoke', 'success')[0]).toMatchObject({
      actor: { name: 'test-admin' },
      detail: { deviceId },
    });
    expect(find('import', 'success')[0]).toMatchObject({
      actor: { name: 'test-reviewer' },
      detail: { events: 2, held: imported.json().held.id },
    });

    const stored = JSON.stringify(await h.store.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of [
      TEST_ACCOUNTS.admin.password,
      'not-the-password-123',
      'my-secret-passphrase',
      'whatever-it-is-456',
      code,
      'AAAA-BBBB-CCCC',
      token,
      admin.headers.cookie!.split('=')[1]!,
      admin.csrfToken,
      '127.0.0.1',
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('pages and filters like the disclosure log, for admins alone', async () => {
    for (let i = 0; i < 12; i++)
      await audit(h.store.db, { kind: 'retention', outcome: 'success', actor: { type: 'cli' } });
    const first = await get<AuditEntry[]>('/api/audit?kind=retention&limit=5');
    expect(first.body).toHaveLength(5);
    expect(first.body.every((e) => e.kind === 'retention')).toBe(true);
    expect(await everyPage<AuditEntry>('/api/audit?kind=retention&limit=5')).toHaveLength(12);
    expect(
      (await get<AuditEntry[]>('/api/audit?outcome=failure')).body.every(
        (e) => e.outcome === 'failure',
      ),
    ).toBe(true);
    expect((await get<AuditEntry[]>('/api/audit?to=2000-01-01')).body).toEqual([]);
    for (const caller of [reviewer, undefined]) {
      const response = await h.app.inject({
        method: 'GET',
        url: '/api/audit',
        headers: caller?.headers ?? {},
      });
      expect(response.statusCode).toBe(caller ? 403 : 401);
    }
  });

  it("records a signed-in person's refusals by role or CSRF token, with the route, and not anonymous ones", async () => {
    const before = (await get<AuditEntry[]>('/api/audit?kind=access-denied')).body.length;
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/devices', headers: reviewer.headers }))
        .statusCode,
    ).toBe(403);
    const { cookie } = admin.headers;
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/enrolment-codes',
          headers: { cookie: cookie! },
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/devices' })).statusCode).toBe(401);
    const denied = (await get<AuditEntry[]>('/api/audit?kind=access-denied')).body;
    expect(denied).toHaveLength(before + 2);
    expect(denied[0]).toMatchObject({
      outcome: 'failure',
      actor: { type: 'account', name: 'test-admin' },
      detail: { reason: 'csrf', route: '/api/enrolment-codes' },
    });
    expect(denied[1]).toMatchObject({
      actor: { type: 'account', name: 'test-reviewer' },
      detail: { reason: 'forbidden', route: '/api/devices' },
    });
  });

  it('refuses a detail that could carry a secret: an unknown key, a wrong shape, an address', () => {
    const refused: Record<string, unknown>[] = [
      { password: 'hunter2' },
      { token: 'abc' },
      { code: 'K7QX-M2PD-9TRV' },
      { cookie: 'fw_session=x' },
      { ip: '10.0.0.1' },
      { reason: 'Bearer abc.def' },
      { deviceId: '192.168.1.20' },
      { deviceId: '<img src=x onerror=alert(1)>' },
      { area: 'fe80::1' },
      { events: -1 },
    ];
    for (const detail of refused)
      expect(() => checkDetail(detail as AuditDetail)).toThrow(TypeError);
    expect(checkDetail({ reason: 'bad-credentials', area: 'KENT-N', events: 3 })).toBe(
      '{"reason":"bad-credentials","area":"KENT-N","events":3}',
    );
  });

  it('is append-only in the database: an update or delete of either log fails', async () => {
    const { db } = h.store;
    await expect(db.updateTable('audit_log').set({ outcome: 'success' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('disclosures').set({ username: 'nobody' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('disclosures').execute()).rejects.toThrow(/append-only/);
  });
});

describe('npm run admin', () => {
  let DATABASE_URL: string;
  const run = (...args: string[]) => runAdmin(DATABASE_URL, ...args);
  beforeAll(async () => {
    DATABASE_URL = await testStoreUrl({ file: true });
  });

  it(
    'audits what it changes, and reads both logs a page at a time with filters',
    { timeout: 60_000 },
    async () => {
      expect(run('retention', '400').status).toBe(0);
      expect(run('code', 'KENT-W').status).toBe(0);
      const retention = run('audit', '--kind', 'retention');
      expect(retention.status).toBe(0);
      expect(retention.out).toContain('retentionDays=400');
      expect(retention.out).toMatch(/'retention'.*'success'.*'cli/);
      expect(retention.out).not.toContain('enrolment-code');

      const all = run('audit', '--limit', '1');
      expect(all.out).toContain('enrolment-code');
      const next = /Older entries: npm run admin -- (audit --limit 1 --before [0-9a-f-]{36})/.exec(
        all.out,
      );
      expect(next, all.out).not.toBeNull();
      const older = run(...next![1]!.split(' '));
      expect(older.out).toContain('retentionDays=400');
      expect(older.out).not.toContain('Older entries');

      expect(run('audit', '--kind', 'nonsense')).toMatchObject({
        status: 1,
        out: expect.stringContaining('kind is one of'),
      });
      expect(run('disclosures', '--action', 'export', '--before', '2000-01-01')).toMatchObject({
        status: 0,
        out: expect.stringContaining('(none)'),
      });
    },
  );
});
