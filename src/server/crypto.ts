/**
 * The server's secrets: scrypt password hashes, random tokens, and token hashes. Node's own
 * crypto: no library does these better.
 */
import {
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/**
 * OWASP's minimum for scrypt: N=2^17, r=8, p=1. That needs 128 × N × r = 128 MiB, above Node's
 * 32 MiB default for maxmem, so maxmem is raised to fit it with a little room.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 160 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

/**
 * How many scrypt hashes run at once. Each one holds a libuv thread (4 by default) and a core for
 * about half a second; ingest verifies signatures on the same pool, so sign-ins queue here and can
 * never take more than this many threads, whatever arrives at once. SCRYPT_CONCURRENCY overrides.
 */
export const SCRYPT_CONCURRENCY = Math.max(1, Number(process.env.SCRYPT_CONCURRENCY) || 1);

// A semaphore in a few lines: p-limit would do it too, but is not worth a dependency for this.
let running = 0;
const waiting: (() => void)[] = [];
async function queued<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SCRYPT_CONCURRENCY) await new Promise<void>((go) => waiting.push(go));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` never dips and lets one jump in.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many hashes are waiting for a slot: for tests and the bench. */
export function scryptQueueLength(): number {
  return waiting.length;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return queued(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { ...cost, maxmem: SCRYPT.maxmem });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** Whether a stored hash was made at a lower cost than today's, so should be made again. */
export function needsRehash(stored: string): boolean {
  const [scheme, N, r, p] = stored.split('$');
  return (
    scheme !== 'scrypt' || Number(N) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p
  );
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash to compare against when the user does not exist, so timing does not reveal usernames. It
 * need not be the hash of anything: random salt and key at today's cost take as long to check as a
 * real hash, and match no password. (Made this way, no process pays for a hash at start-up.)
 */
export const DUMMY_HASH = [
  'scrypt',
  SCRYPT.N,
  SCRYPT.r,
  SCRYPT.p,
  randomBytes(16).toString('base64'),
  randomBytes(KEY_LENGTH).toString('base64'),
].join('$');

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Crockford's base32: digits and capitals without I, L, O and U, so no two read alike. Each
 * character carries exactly 5 bits.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A one-time enrolment code such as `K7QX-M2PD-9TRV`: 12 Crockford base32 characters, which are
 * 60 random bits, each character 5 of them, so every code is as likely as every other.
 */
export function enrolmentCode(): string {
  let bits = randomBytes(8).readBigUInt64BE() >> 4n;
  const chars: string[] = [];
  for (let i = 0; i < 12; i++, bits >>= 5n) chars.unshift(CROCKFORD[Number(bits & 31n)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Codes are compared ignoring case, spaces and dashes; as Crockford's base32 reads them, O is a
 * zero and I and L are ones, so a code read aloud or typed by eye still matches.
 */
export function normaliseCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** HMAC-SHA-256 of a code, normalised, under the server's secret key: hex. */
export function codeHash(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(normaliseCode(code)).digest('hex');
}
