/** Accounts and sessions: hashes, the cookie, lock-out, the first admin, rate limits, and the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  ensureFirstAdmin,
  oneTimePassword,
  passwordProblem,
  signIn as openSession,
} from './accounts.js';
import { hashPassword } from './crypto.js';
import { firstAdminNotice } from './main.js';
import { afterSuccess, beforeAttempt, delayAfter, PAIR } from './sign-in-delay.js';
import { openStore } from './db/index.js';
import { TEST_ACCOUNTS } from '../../test/server/accounts.js';
import {
  enrolDevice,
  nextEvents,
  sendBatch,
  signIn,
  startTestServer,
  testStoreUrl,
  type Harness,
} from '../../test/server/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startTestServer();
});
afterAll(() => h.close());

const attempt = (username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });

describe('signing in', () => {
  it('sets a secure, HttpOnly, SameSite=Strict cookie and never stores the password', async () => {
    const response = await attempt(
      TEST_ACCOUNTS.reviewer.username,
      TEST_ACCOUNTS.reviewer.password,
    );
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'fw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({
      user: { username: 'test-reviewer', role: 'reviewer' },
    });
    const row = await h.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'test-reviewer')
      .executeTakeFirstOrThrow();
    // OWASP's minimum for scrypt: N=2^17, r=8, p=1.
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_ACCOUNTS.reviewer.password);
    const session = await h.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(session.map((s) => s.token_hash)).not.toContain(cookie.value);
  });

  it('says the same for an unknown user as for a wrong password', async () => {
    const unknown = await attempt('nobody-here', 'whatever-password');
    const wrong = await attempt(TEST_ACCOUNTS.ipag.username, 'wrong-password!');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('treats SQL in the username as a username', async () => {
    const response = await attempt("admin' OR '1'='1", "' OR ''='");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('bad-credentials');
  });
});

describe('sign-in cannot be turned against people, nor tell who has an account', () => {
  const from = (remoteAddress: string, username: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress,
      payload: { username, password },
    });

  it('answers a known and an unknown username alike, after any number of wrong passwords', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await from('10.1.0.1', TEST_ACCOUNTS.editor.username, `wrong-${i}-password`);
      const b = await from('10.1.0.1', 'nobody-at-all', `wrong-${i}-password`);
      known.push(`${a.statusCode} ${a.json().error.code}`);
      unknown.push(`${b.statusCode} ${b.json().error.code}`);
    }
    expect(known).toEqual(unknown);
    // Five tries, then a wait, for anyone: never 423, which only an existing account got.
    expect(known.slice(0, 5)).toEqual(Array(5).fill('401 bad-credentials'));
    expect(known[5]).toBe('429 slow-down');
  }, 60_000);

  it('takes as long for an unknown username as for a known one (both hash)', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      await openSession(h.store.db, username, 'not-the-password', `timing-${username}`).catch(
        () => undefined,
      );
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(TEST_ACCOUNTS.ipag.username));
      unknown.push(await time('no-such-user'));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
  }, 60_000);

  it('slows the guessing address, never the real person at theirs', async () => {
    const username = 'delay-test';
    const password = 'delay-test-password';
    await createUser(h.store.db, username, 'ipag', password);
    for (let i = 0; i < 5; i++)
      expect((await from('10.2.0.1', username, `wrong-${i}-password`)).statusCode).toBe(401);
    const slowed = await from('10.2.0.1', username, password);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.code).toBe('slow-down');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    // The person, at their own desk, is let straight in.
    expect((await from('10.2.0.2', username, password)).statusCode).toBe(200);
    // The security audit log has the wait as a failed sign-in, and never the address.
    const log = await h.store.db
      .selectFrom('audit_log')
      .select(['outcome', 'detail'])
      .where('actor_name', '=', username)
      .where('kind', '=', 'sign-in')
      .orderBy('id')
      .execute();
    expect(log.map((e) => [e.outcome, JSON.parse(e.detail) as object]).slice(-2)).toEqual([
      ['failure', { factor: 'password', reason: 'slow-down' }],
      ['success', { factor: 'password' }],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/10\.2\.0\./);
  }, 60_000);

  it('counts parallel guesses before hashing them, so the right one among 21 still works', async () => {
    const username = 'parallel-test';
    const password = 'parallel-test-password';
    await createUser(h.store.db, username, 'ipag', password);
    const guesses = [password, ...Array.from({ length: 20 }, (_, i) => `wrong-${i}-password`)];
    const replies = await Promise.all(guesses.map((g) => from('10.3.0.1', username, g)));
    const statuses = replies.map((r) => r.statusCode);
    // At most five of the 21 were hashed at all; the rest waited, unchecked (429). The right
    // password, if it was checked, was let in: never refused after a right answer, as with 423.
    expect(statuses.filter((s) => s === 401 || s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(16);
    expect([200, 429]).toContain(statuses[0]);
    expect(statuses.slice(1).every((s) => [401, 429].includes(s))).toBe(true);
    // And the person, from their own address, is let straight in.
    expect((await from('10.3.0.2', username, password)).statusCode).toBe(200);
  }, 60_000);

  it('slows a guesser spread over many addresses only a little, and never at a known address', async () => {
    const db = h.store.db;
    const now = Date.now();
    await afterSuccess(db, 'spread-test', 'home', now);
    // A botnet: 5 guesses from each of 7 addresses, over the account-wide allowance of 30.
    for (let a = 0; a < 7; a++)
      for (let i = 0; i < 5; i++)
        await beforeAttempt(db, 'spread-test', `bot-${a}`, now).catch(() => undefined);
    const elsewhere = await beforeAttempt(db, 'spread-test', 'new-laptop', now).catch((e) => e);
    expect(elsewhere).toMatchObject({ status: 429, code: 'slow-down' });
    expect((elsewhere as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
    await expect(beforeAttempt(db, 'spread-test', 'home', now)).resolves.toBeUndefined();
    // A minute on, the new laptop may try again.
    await expect(
      beforeAttempt(db, 'spread-test', 'new-laptop', now + 61_000),
    ).resolves.toBeUndefined();
  });

  it('doubles the wait per wrong password up to 15 minutes, and forgets after a quiet day', () => {
    expect([4, 5, 6, 7, 30].map((n) => delayAfter(n, PAIR))).toEqual([
      0, 5_000, 10_000, 20_000, 900_000,
    ]);
  });

  it('shows the public no staff usernames: GET /api/translations has changedBy only for staff', async () => {
    const reviewer = await signIn(h.app, 'reviewer');
    await h.app.inject({
      method: 'POST',
      url: '/api/translations/pl',
      headers: reviewer.headers,
      payload: { status: 'reviewed' },
    });
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/translations' });
    expect(anonymous.body).not.toContain('test-reviewer');
    expect(anonymous.json().find((s: { tag: string }) => s.tag === 'pl')).toMatchObject({
      status: 'reviewed',
      changedBy: null,
    });
    const staff = await h.app.inject({
      method: 'GET',
      url: '/api/translations',
      headers: reviewer.headers,
    });
    expect(staff.json().find((s: { tag: string }) => s.tag === 'pl').changedBy).toBe(
      'test-reviewer',
    );
  });
});

describe('password hashes', () => {
  it('makes an older, cheaper hash again at N=2^17 when its owner signs in', async () => {
    const old = await hashPassword('rehash-test-password', { N: 2 ** 15, r: 8, p: 1 });
    await createUser(h.store.db, 'rehash-test', 'ipag', 'rehash-test-password', {
      passwordHash: old,
    });
    expect((await attempt('rehash-test', 'rehash-test-password')).statusCode).toBe(200);
    const row = await h.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'rehash-test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    // And the new hash still opens the account.
    expect((await attempt('rehash-test', 'rehash-test-password')).statusCode).toBe(200);
  }, 30_000);

  it('queues sign-ins, so a device batch is answered while 50 sign-ins are still waiting', async () => {
    const admin = await signIn(h.app, 'admin');
    const device = await enrolDevice(h.app, admin);
    const events = await nextEvents(device, 5);
    const finished: string[] = [];
    // Fifty guesses at once, each from its own address and at its own name, so all are hashed.
    const signIns = Array.from({ length: 50 }, (_, i) =>
      h.app
        .inject({
          method: 'POST',
          url: '/api/session',
          remoteAddress: `10.50.0.${i + 1}`,
          payload: { username: `flood-${i}`, password: 'not-the-password' },
        })
        .then((r) => finished.push(`sign-in ${r.statusCode}`)),
    );
    // The batch is sent once the flood is already queued.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const batch = await sendBatch(h.app, device, events);
    finished.push(`batch ${batch.statusCode}`);
    await Promise.all(signIns);
    expect(batch.json().accepted).toHaveLength(5);
    // The batch came back before most of the sign-ins: it never waited behind their hashes.
    const at = finished.indexOf('batch 200');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(10);
    expect(finished.filter((f) => f === 'sign-in 401')).toHaveLength(50);
  }, 120_000);
});

describe('changing a password', () => {
  const put = (headers: Record<string, string>, current: string, next: string) =>
    h.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers,
      payload: { current, next },
    });
  const session = (response: { cookies: { name: string; value: string }[]; json(): unknown }) => {
    const cookie = response.cookies.find((c) => c.name === 'fw_session')!;
    const { csrfToken } = response.json() as { csrfToken: string };
    return { cookie: `fw_session=${cookie.value}`, 'x-csrf-token': csrfToken };
  };

  it('makes a one-time password be changed first: every other route answers 403 until it is', async () => {
    const oneTime = oneTimePassword();
    await createUser(h.store.db, 'first-timer', 'reviewer', oneTime, { oneTime: true });
    const first = await attempt('first-timer', oneTime);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true });
    const headers = session(first);
    for (const [method, url] of [
      ['GET', '/api/summary'],
      ['GET', '/api/devices'],
      ['GET', '/api/feedback'],
      ['POST', '/api/enrolment-codes'],
    ] as const) {
      const refused = await h.app.inject({ method, url, headers, payload: {} });
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().error.code).toBe('password-change-required');
    }
    // It can still see who it is, and sign out.
    const me = await h.app.inject({ method: 'GET', url: '/api/session', headers });
    expect(me.json()).toMatchObject({
      mustChangePassword: true,
      user: { username: 'first-timer' },
    });

    expect((await put(headers, 'not-it-at-all', 'a-new-password-of-mine')).json().error.code).toBe(
      'bad-credentials',
    );
    const weak = await put(headers, oneTime, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'weak-password', field: 'next' });
    expect((await put(headers, oneTime, 'a-new-password-of-mine')).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/summary', headers })).statusCode).toBe(
      200,
    );
    // The one-time password no longer works; the new one does, with nothing left to change.
    expect((await attempt('first-timer', oneTime)).statusCode).toBe(401);
    const again = await attempt('first-timer', 'a-new-password-of-mine');
    expect(again.statusCode).toBe(200);
    expect(again.json().mustChangePassword).toBeUndefined();
  }, 60_000);

  it('lets every role change its own password, ending its other sessions', async () => {
    await createUser(h.store.db, 'changer', 'ipag', 'first-of-mine-pw');
    const a = session(await attempt('changer', 'first-of-mine-pw'));
    const b = session(await attempt('changer', 'first-of-mine-pw'));
    expect((await put(a, 'first-of-mine-pw', 'second-of-mine-pw')).statusCode).toBe(204);
    const me = (headers: Record<string, string>) =>
      h.app.inject({ method: 'GET', url: '/api/session', headers }).then((r) => r.statusCode);
    expect(await me(a)).toBe(200);
    expect(await me(b)).toBe(401);
    // Without its CSRF token, no change.
    const { 'x-csrf-token': _, ...noCsrf } = a;
    expect((await put(noCsrf, 'second-of-mine-pw', 'third-of-mine-pw')).statusCode).toBe(403);
    // A wrong current password and the change are both in the audit log; no password is.
    expect((await put(a, 'not-my-password', 'third-of-mine-pw')).statusCode).toBe(403);
    const log = await h.store.db
      .selectFrom('audit_log')
      .select(['kind', 'outcome', 'detail'])
      .where('actor_name', '=', 'changer')
      .where('kind', '=', 'account')
      .orderBy('id')
      .execute();
    expect(log.map((e) => [e.outcome, JSON.parse(e.detail) as object])).toEqual([
      ['success', { action: 'own-password' }],
      ['failure', { action: 'own-password', reason: 'bad-credentials' }],
    ]);
    const stored = JSON.stringify(log);
    for (const password of ['first-of-mine-pw', 'second-of-mine-pw', 'third-of-mine-pw'])
      expect(stored).not.toContain(password);
  }, 60_000);

  it('follows ASVS 5.0 V6.2: 12 characters at least, long ones allowed, no composition rules, no common ones', () => {
    expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
    expect(passwordProblem('x'.repeat(63) + 'y' + 'z'.repeat(100))).toBeNull();
    expect(passwordProblem('ünïcødé passwørd 🔒')).toBeNull();
    expect(passwordProblem('Password1234')).toMatch(/common/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/common/);
    expect(passwordProblem('dana-is-my-password', 'dana')).toMatch(/username/);
    expect(passwordProblem('a'.repeat(257))).toMatch(/at most 256/);
  });
});

describe('rate limits', () => {
  it('answer 429 for one flooding device while another device is still served', async () => {
    const limited = await startTestServer({ limits: { events: 3 } });
    try {
      const admin = await signIn(limited.app, 'admin');
      const flood = await enrolDevice(limited.app, admin);
      const calm = await enrolDevice(limited.app, admin);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await sendBatch(limited.app, flood, await nextEvents(flood, 1))).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await sendBatch(limited.app, flood, []);
      expect(refused.json().error.code).toBe('rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await sendBatch(limited.app, calm, await nextEvents(calm, 1))).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('rate limits cannot be side-stepped', () => {
  it('counts sign-ins to an encoded path (/%61pi/session) and with an invented bearer token against the caller', async () => {
    const limited = await startTestServer({ limits: { session: 2 } });
    try {
      const wrong = { username: 'nobody-here', password: 'not-the-password' };
      const statuses: number[] = [];
      for (const [url, headers] of [
        ['/api/session', {}],
        ['/%61pi/session', {}],
        ['/api/session', { authorization: 'Bearer invented-token-1' }],
        ['/%61pi/session', { authorization: 'Bearer invented-token-2' }],
      ] as const) {
        const response = await limited.app.inject({ method: 'POST', url, headers, payload: wrong });
        statuses.push(response.statusCode);
      }
      // Two a minute from this address, however the path is spelled or what token is claimed.
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('first start', () => {
  it('makes an admin with a one-time password only when there are no users, never called just "admin"', async () => {
    const store = await openStore(await testStoreUrl());
    try {
      const first = await ensureFirstAdmin(store.db);
      expect(first?.username).toMatch(/^admin-[a-z0-9_-]{6}$/);
      expect(first!.password.length).toBeGreaterThanOrEqual(20);
      await expect(openSession(store.db, first!.username, first!.password)).resolves.toMatchObject({
        user: { role: 'admin' },
      });
      expect(await ensureFirstAdmin(store.db)).toBeNull();
      const named = await openStore(await testStoreUrl());
      expect((await ensureFirstAdmin(named.db, 'chief-admin'))?.username).toBe('chief-admin');
      await named.close();
    } finally {
      await store.close();
    }
  }, 30_000);

  it('prints the password only to a terminal; otherwise writes it to a file only its owner can read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-first-'));
    const first = { username: 'admin-abc123', password: 'one-time-password-xyz' };
    const env = { DATABASE_URL: join(dir, 'forewarn.sqlite') };
    const tty = firstAdminNotice(first, 'http://127.0.0.1:8080', env, true);
    expect(tty).toContain('one-time-password-xyz');
    const logged = firstAdminNotice(first, 'http://127.0.0.1:8080', env, false);
    expect(logged).not.toContain('one-time-password-xyz');
    const file = join(dir, 'first-admin.txt');
    expect(logged).toContain(file);
    expect(logged).toContain('admin-abc123');
    expect(readFileSync(file, 'utf8')).toContain('one-time-password-xyz');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('npm run admin', () => {
  let DATABASE_URL = '';
  beforeAll(async () => {
    DATABASE_URL = await testStoreUrl({ file: true });
  });
  const admin = (...args: string[]) => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin-cli.ts', ...args],
      { env: { ...process.env, DATABASE_URL }, encoding: 'utf8' },
    );
    return { status: result.status, out: result.stdout + result.stderr };
  };

  it(
    'adds users with a one-time password, issues codes, sets retention, and explains bad input',
    { timeout: 60_000 },
    () => {
      const added = admin('user', 'add', 'dana', 'reviewer');
      expect(added.status).toBe(0);
      expect(added.out).toMatch(
        /Made reviewer account "dana"\. One-time password \(shown once\): \S{20}/,
      );
      expect(admin('user', 'add', 'dana', 'reviewer')).toMatchObject({
        status: 1,
        out: expect.stringContaining('already a user called dana'),
      });
      expect(admin('user', 'add', 'eve', 'superuser')).toMatchObject({
        status: 1,
        out: expect.stringContaining('Give a role: admin, reviewer, ipag, editor.'),
      });
      expect(admin('user', 'list').out).toContain('dana');
      // Unlocking lifts the sign-in delay; it does not let a disabled account back in.
      expect(admin('user', 'disable', 'dana').status).toBe(0);
      expect(admin('user', 'unlock', 'dana').out).toContain('"dana" is unlocked.');
      // Still disabled: the row has its creation time and its disabled time.
      expect(admin('user', 'list').out).toMatch(/'dana'.*'reviewer'.*'20\d\d-[^']*'.*'20\d\d-/);
      expect(admin('code', 'KENT-N', '--days', '3').out).toMatch(
        /Enrolment code: [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\nArea: KENT-N/,
      );
      expect(admin('retention', '400').out).toContain('400 days');
      expect(admin('retention', '5')).toMatchObject({
        status: 1,
        out: expect.stringContaining('from 30 to'),
      });
      expect(admin('nonsense').status).toBe(2);
    },
  );
});
