/**
 * Passkeys as a second factor: who must use one, what a sign-in owing one may do, recovery codes.
 * The WebAuthn ceremonies themselves run in Chromium with a virtual authenticator (e2e).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, findUser } from './accounts.js';
import { mfaRequiredFor, newRecoveryCodes } from './passkeys.js';
import { startTestServer, type Harness } from '../../test/server/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startTestServer();
});
afterAll(() => h.close());
afterEach(() => {
  delete process.env.REQUIRE_MFA;
});

async function withPasskey(username: string, password: string) {
  await createUser(h.store.db, username, 'reviewer', password);
  const user = (await findUser(h.store.db, username))!;
  await h.store.db
    .insertInto('passkeys')
    .values({
      id: `key-of-${username}`,
      user_id: user.id,
      public_key: 'AAAA',
      counter: 0,
      transports: '["internal"]',
      name: 'Laptop',
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  return newRecoveryCodes(h.store.db, user.id);
}

async function signIn(username: string, password: string) {
  const reply = await h.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
  });
  const cookie = reply.cookies.find((c) => c.name === 'fw_session')!;
  const { csrfToken } = reply.json() as { csrfToken: string };
  return {
    reply,
    headers: { cookie: `fw_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
}

describe('a person with a passkey', () => {
  it('is not signed in by the password alone: mfaRequired, and every route sees nobody', async () => {
    await withPasskey('pk-person', 'pk-person-password');
    const { reply, headers } = await signIn('pk-person', 'pk-person-password');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ mfaRequired: true, csrfToken: expect.any(String) });
    for (const url of ['/api/session', '/api/summary', '/api/passkeys']) {
      const refused = await h.app.inject({ method: 'GET', url, headers });
      expect(refused.statusCode, url).toBe(401);
    }
    // Public routes still answer.
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/translations', headers })).statusCode,
    ).toBe(200);
    const options = await h.app.inject({
      method: 'POST',
      url: '/api/session/mfa/options',
      headers,
    });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({
      challenge: expect.any(String),
      allowCredentials: [{ id: 'key-of-pk-person', type: 'public-key' }],
    });
  }, 30_000);

  it('signs in with a recovery code, which then never works again', async () => {
    const codes = await withPasskey('pk-recovery', 'pk-recovery-password');
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const first = await signIn('pk-recovery', 'pk-recovery-password');
    const used = await h.app.inject({
      method: 'POST',
      url: '/api/session/recovery',
      headers: first.headers,
      payload: { code: codes[0]!.toUpperCase() },
    });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ user: { username: 'pk-recovery' } });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/summary', headers: first.headers }))
        .statusCode,
    ).toBe(200);
    const listed = await h.app.inject({
      method: 'GET',
      url: '/api/passkeys',
      headers: first.headers,
    });
    expect(listed.json()).toMatchObject({ passkeys: [{ name: 'Laptop' }], recoveryCodesLeft: 9 });
    // Stored hashed: no code in clear anywhere.
    const rows = await h.store.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(rows.map((r) => r.code_hash)).not.toContain(codes[0]);

    const second = await signIn('pk-recovery', 'pk-recovery-password');
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/session/recovery',
      headers: second.headers,
      payload: { code: codes[0] },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('bad-recovery-code');

    // The security audit log has each step, and never a code.
    const log = await h.store.db
      .selectFrom('audit_log')
      .select(['kind', 'outcome', 'actor_name', 'detail'])
      .where('actor_name', '=', 'pk-recovery')
      .orderBy('id')
      .execute();
    expect(log.map((e) => [e.kind, e.outcome, JSON.parse(e.detail) as object])).toEqual([
      ['sign-in', 'success', { factor: 'password' }],
      ['sign-in', 'success', { factor: 'recovery-code' }],
      ['sign-in', 'success', { factor: 'password' }],
      ['sign-in', 'failure', { factor: 'recovery-code', reason: 'bad-recovery-code' }],
    ]);
    const stored = JSON.stringify(await h.store.db.selectFrom('audit_log').selectAll().execute());
    for (const code of codes) expect(stored).not.toContain(code);
  }, 30_000);

  it('records new recovery codes and a removed passkey in the audit log, never the codes', async () => {
    await withPasskey('pk-audit', 'pk-audit-password');
    const first = await signIn('pk-audit', 'pk-audit-password');
    const codes = await newRecoveryCodes(h.store.db, (await findUser(h.store.db, 'pk-audit'))!.id);
    await h.app.inject({
      method: 'POST',
      url: '/api/session/recovery',
      headers: first.headers,
      payload: { code: codes[0] },
    });
    const made = await h.app.inject({
      method: 'POST',
      url: '/api/recovery-codes',
      headers: first.headers,
    });
    expect(made.statusCode, made.body).toBe(200);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: '/api/passkeys/key-of-pk-audit',
      headers: first.headers,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const log = await h.store.db
      .selectFrom('audit_log')
      .select(['kind', 'outcome', 'detail'])
      .where('actor_name', '=', 'pk-audit')
      .where('kind', '=', 'account')
      .orderBy('id')
      .execute();
    expect(log.map((e) => JSON.parse(e.detail) as object)).toEqual([
      { action: 'recovery-codes' },
      { action: 'passkey-remove' },
    ]);
    const stored = JSON.stringify(await h.store.db.selectFrom('audit_log').selectAll().execute());
    for (const code of made.json<{ recoveryCodes: string[] }>().recoveryCodes)
      expect(stored).not.toContain(code);
  }, 30_000);
});

describe('where passkeys are required (REQUIRE_MFA=1 or production)', () => {
  it('asks admin, reviewer and editor for one, never ipag; optional otherwise', () => {
    expect(mfaRequiredFor('reviewer', {})).toBe(false);
    expect(mfaRequiredFor('reviewer', { REQUIRE_MFA: '1' })).toBe(true);
    expect(mfaRequiredFor('admin', { NODE_ENV: 'production' })).toBe(true);
    expect(mfaRequiredFor('editor', { NODE_ENV: 'production' })).toBe(true);
    expect(mfaRequiredFor('ipag', { NODE_ENV: 'production' })).toBe(false);
  });

  it('lets a new account with no passkey add its first, and do nothing else until then', async () => {
    process.env.REQUIRE_MFA = '1';
    await createUser(h.store.db, 'pk-new', 'editor', 'pk-new-password-here');
    const { reply, headers } = await signIn('pk-new', 'pk-new-password-here');
    expect(reply.json()).toMatchObject({
      mfaRequired: true,
      enrolPasskey: true,
      user: { username: 'pk-new' },
    });
    const refused = await h.app.inject({ method: 'GET', url: '/api/content', headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('passkey-required');
    const options = await h.app.inject({ method: 'POST', url: '/api/passkeys/options', headers });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({
      challenge: expect.any(String),
      user: { name: 'pk-new' },
      rp: { name: 'Forewarn' },
    });
    // An answer that is no passkey at all is refused, and the session stays as it was.
    const bogus = await h.app.inject({
      method: 'POST',
      url: '/api/passkeys',
      headers,
      payload: { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } },
    });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.code).toBe('passkey-refused');
    expect((await h.app.inject({ method: 'GET', url: '/api/content', headers })).statusCode).toBe(
      403,
    );
  }, 30_000);

  it('never removes the last passkey of a role that must use one', async () => {
    await withPasskey('pk-last', 'pk-last-password');
    const codes = await newRecoveryCodes(h.store.db, (await findUser(h.store.db, 'pk-last'))!.id);
    const { headers } = await signIn('pk-last', 'pk-last-password');
    await h.app.inject({
      method: 'POST',
      url: '/api/session/recovery',
      headers,
      payload: { code: codes[1] },
    });
    process.env.REQUIRE_MFA = '1';
    const refused = await h.app.inject({
      method: 'DELETE',
      url: '/api/passkeys/key-of-pk-last',
      headers,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('last-passkey');
    delete process.env.REQUIRE_MFA;
    const removed = await h.app.inject({
      method: 'DELETE',
      url: '/api/passkeys/key-of-pk-last',
      headers,
    });
    expect(removed.statusCode).toBe(204);
  }, 30_000);
});
