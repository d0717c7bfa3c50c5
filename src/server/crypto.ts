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

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
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

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));

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
