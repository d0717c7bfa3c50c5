/**
 * `npm start` runs this: open the store (migrating it), make the first admin if there is none and
 * print its one-time password once, then serve the kiosk, /review and /api. With WORKERS=n, n
 * processes serve one port (Node's cluster, round-robin); the primary migrates first and replaces a
 * worker that dies.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFirstAdmin } from './accounts.js';
import { buildApp } from './app.js';
import { DEFAULT_SQLITE_FILE, isPostgresUrl, openStore, type Store } from './db/index.js';

type FirstAdmin = NonNullable<Awaited<ReturnType<typeof ensureFirstAdmin>>>;

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** The accessibility statement's contact, from ACCESSIBILITY_EMAIL, _PHONE and _REPLY_DAYS. */
export function accessibilityContact(env: NodeJS.ProcessEnv) {
  const { ACCESSIBILITY_EMAIL: email, ACCESSIBILITY_PHONE: phone } = env;
  const replyDays = Number(env.ACCESSIBILITY_REPLY_DAYS);
  if (!email && !phone) return undefined;
  return {
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(Number.isInteger(replyDays) && replyDays > 0 ? { replyDays } : {}),
  };
}

/** A setting that stops the server starting; main prints its message alone, without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * What production cannot start without. The accessibility statement must tell the public how to
 * report a problem (the Public Sector Bodies Accessibility Regulations 2018); without a contact it
 * says only that the force has not set one, acceptable on a first try but never in service.
 */
export function checkProductionSettings(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== 'production') return;
  if (!accessibilityContact(env)) {
    throw new ConfigError(
      [
        'Forewarn will not start in production without an accessibility contact.',
        'Set ACCESSIBILITY_EMAIL (or ACCESSIBILITY_PHONE) to how the public reports an accessibility',
        'problem, for example ACCESSIBILITY_EMAIL=accessibility@force.police.uk; the accessibility',
        'statement at /accessibility shows it. See "npm start takes these settings" in README.md.',
      ].join('\n'),
    );
  }
}

export async function start(): Promise<void> {
  checkProductionSettings(process.env);
  const workers = Number(process.env.WORKERS ?? 1);
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(
      `WORKERS must be a whole number of processes, 1 or more (it is "${process.env.WORKERS}").`,
    );
  if (workers > 1 && !isPostgresUrl(process.env.DATABASE_URL ?? ''))
    throw new Error('WORKERS above 1 needs PostgreSQL: set DATABASE_URL=postgres://…');
  if (cluster.isPrimary) {
    const store = await openStore();
    const first = await ensureFirstAdmin(store.db, process.env.ADMIN_USERNAME || undefined);
    if (workers === 1) return serve(store, first);
    await store.close();
    // The workers hash addresses for the shared rate limits with one key, held only in memory.
    process.env.RATE_LIMIT_SECRET ||= randomBytes(32).toString('hex');
    let listening = 0;
    let stopping = false;
    cluster.on('listening', () => {
      if (++listening === workers) announce(store.describe, first, `${workers} processes`);
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
        return;
      }
      console.error(
        `Worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another.`,
      );
      cluster.fork();
    });
    for (let i = 0; i < workers; i++) cluster.fork();
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  await serve(await openStore(undefined, { migrate: false }), null);
}

function address() {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8080);
  return { host, port, base: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

async function serve(store: Store, first: FirstAdmin | null): Promise<void> {
  const app = await buildApp({
    db: store.db,
    dist: process.env.DIST ?? DIST,
    vrsUrl: process.env.VRS_URL,
    accessibilityContact: accessibilityContact(process.env),
    logger: process.env.LOG === '1',
  });
  const { host, port } = address();
  await app.listen({ host, port });
  if (cluster.isPrimary) announce(store.describe, first, 'one process');
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function announce(describe: string, first: FirstAdmin | null, processes: string): void {
  const { base } = address();
  console.log(
    `Forewarn is serving at ${base}/ (kiosk) and ${base}/review, with ${describe}, in ${processes}.`,
  );
  if (first) console.log(firstAdminNotice(first, base, process.env, process.stdout.isTTY === true));
}

/**
 * The first admin's one-time sign-in. A password goes only to a person at a terminal: when stdout
 * is a pipe or a file (a service's log), it is written to a file only the server's user can read,
 * in the data directory, and the log says where.
 */
export function firstAdminNotice(
  first: FirstAdmin,
  base: string,
  env: NodeJS.ProcessEnv,
  tty: boolean,
): string {
  const change = [
    '│ It is a one-time password: you will be asked to choose your own when you sign in. Then make',
    '│ accounts for others with `npm run admin -- user add NAME ROLE`.',
    '└',
  ];
  if (tty) {
    return [
      '',
      '┌ First start: an administrator account was made. This password is shown once, now.',
      `│ Sign in at ${base}/review as "${first.username}" with: ${first.password}`,
      ...change,
    ].join('\n');
  }
  const url = env.DATABASE_URL ?? DEFAULT_SQLITE_FILE;
  const dir = isPostgresUrl(url)
    ? resolve('data')
    : dirname(resolve(url.replace(/^sqlite:(\/\/)?/, '')));
  const file = resolve(dir, 'first-admin.txt');
  mkdirSync(dir, { recursive: true });
  // A stale file from an earlier store is replaced, never reused: its mode may be wider.
  rmSync(file, { force: true });
  writeFileSync(
    file,
    `Sign in at ${base}/review as "${first.username}" with this one-time password:\n${first.password}\nDelete this file once you have signed in.\n`,
    { mode: 0o600, flag: 'wx' },
  );
  return [
    '',
    '┌ First start: an administrator account was made. Its one-time password is not printed here,',
    `│ as this output is not a terminal: it is in ${file} (readable only by this user).`,
    `│ Sign in at ${base}/review as "${first.username}", then delete that file.`,
    ...change,
  ].join('\n');
}

/**
 * Starts the server as a command does; a setting it cannot start without is said in a line (it
 * says what to set, so no stack), and the process exits 1.
 */
export async function run(): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
