/**
 * `npm start` runs this: open the store (migrating it), make the first admin if there is none and
 * print its one-time password once, then serve the kiosk, /review and /api.
 */
import { fileURLToPath } from 'node:url';
import { ensureFirstAdmin } from './accounts.js';
import { buildApp } from './app.js';
import { openStore } from './db/index.js';

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

export async function start(): Promise<void> {
  const store = await openStore();
  const first = await ensureFirstAdmin(store.db);
  const app = await buildApp({
    db: store.db,
    dist: process.env.DIST ?? DIST,
    vrsUrl: process.env.VRS_URL,
    accessibilityContact: accessibilityContact(process.env),
    logger: process.env.LOG === '1',
  });
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8080);
  await app.listen({ host, port });
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  console.log(
    `Forewarn is serving at ${base}/ (kiosk) and ${base}/review, with ${store.describe}.`,
  );
  if (first) {
    console.log(
      [
        '',
        '┌ First start: an administrator account was made. This password is shown once, now.',
        `│ Sign in at ${base}/review as "${first.username}" with: ${first.password}`,
        '│ Then make your own accounts with `npm run admin -- user add NAME ROLE`, and change this',
        '│ password with `npm run admin -- user password admin`.',
        '└',
      ].join('\n'),
    );
  }
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await start();
