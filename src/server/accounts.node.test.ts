/** Accounts and sessions: hashes, the cookie, lock-out, the first admin, rate limits, and the CLI. */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ensureFirstAdmin, signIn as openSession } from './accounts.js';
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
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
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

  // Six scrypt hashes: slow on a busy machine. It asserts what happens, never how fast.
  it('locks an account after 5 wrong passwords, even against the right one', async () => {
    const username = 'lock-test';
    const password = 'lock-test-password';
    await createUser(h.store.db, username, 'ipag', password);
    for (let i = 0; i < 5; i++)
      expect((await attempt(username, `wrong-${i}-password`)).statusCode).toBe(401);
    const locked = await attempt(username, password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'locked' });
    expect(locked.json().error.message).toMatch(/15 minute/);
    // Fifteen minutes on, it opens again.
    await expect(
      openSession(h.store.db, username, password, new Date(Date.now() + 16 * 60_000)),
    ).resolves.toMatchObject({ user: { username } });
  }, 30_000);

  it('counts wrong passwords sent in parallel, each one', async () => {
    const username = 'parallel-lock-test';
    const password = 'parallel-lock-password';
    await createUser(h.store.db, username, 'ipag', password);
    // Ten guesses at once: each counts, so the account locks, as after five in a row.
    const guesses = Array.from({ length: 10 }, (_, i) => `wrong-${i}-password`);
    const statuses = await Promise.all(guesses.map((g) => attempt(username, g)));
    expect(
      statuses.map((r) => r.statusCode).filter((s) => s === 401).length,
    ).toBeGreaterThanOrEqual(5);
    expect((await attempt(username, password)).statusCode).toBe(423);
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
  it('makes an admin with a one-time password only when there are no users', async () => {
    const store = await openStore(await testStoreUrl());
    try {
      const first = await ensureFirstAdmin(store.db);
      expect(first?.username).toBe('admin');
      expect(first!.password.length).toBeGreaterThanOrEqual(20);
      await expect(openSession(store.db, 'admin', first!.password)).resolves.toMatchObject({
        user: { role: 'admin' },
      });
      expect(await ensureFirstAdmin(store.db)).toBeNull();
    } finally {
      await store.close();
    }
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
      // Unlocking clears a lock-out; it does not let a disabled account back in.
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
