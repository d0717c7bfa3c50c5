/**
 * Devices: one-time enrolment codes (with the area the device will record), enrolment of a
 * device's public key in exchange for a deviceId and a bearer token, and revocation.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  enrolmentProof,
  type DeviceRow,
  type EnrolReply,
  type EnrolmentCodeReply,
  type NonceReply,
} from '../schema/api.js';
import { AREA_CODE, DEVICE_ID } from '../schema/validator.js';
import { canonicalBytes, localDeviceId } from '../log/chain.js';
import { codeHash, enrolmentCode, randomToken, sha256 } from './crypto.js';
import { verifySignature } from './ingest.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';
import type { Device } from './db/schema.js';

export const DEFAULT_CODE_DAYS = 7;
export const MAX_CODE_DAYS = 90;
/** How long a device has to sign a nonce and send its enrolment. */
export const NONCE_MS = 5 * 60_000;

const CODE_KEY = 'enrolment_code_key';
const codeKeys = new WeakMap<Db, Promise<Buffer>>();

/**
 * The secret that codes are hashed under (HMAC-SHA-256), made on first use and kept in the store,
 * so that every app server on one PostgreSQL hashes a code alike. A copy of the codes table alone
 * cannot be tried against all 2^60 codes.
 */
function codeKey(db: Db): Promise<Buffer> {
  let key = codeKeys.get(db);
  if (!key) {
    key = (async () => {
      // Two servers making one at once: the first insert wins, and both read it back.
      await db
        .insertInto('settings')
        .values({ key: CODE_KEY, value: randomBytes(32).toString('base64') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', CODE_KEY)
        .executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64');
    })();
    key.catch(() => codeKeys.delete(db));
    codeKeys.set(db, key);
  }
  return key;
}

export async function issueEnrolmentCode(
  db: Db,
  createdBy: string,
  { area, days = DEFAULT_CODE_DAYS }: { area?: string | null; days?: number },
  now = new Date(),
): Promise<EnrolmentCodeReply> {
  if (area && !AREA_CODE.test(area)) {
    throw new HttpError(
      400,
      'invalid',
      'An area is a short code in capitals, digits and dashes, such as KENT-N.',
      'area',
    );
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_CODE_DAYS) {
    throw new HttpError(400, 'invalid', `A code lasts from 1 to ${MAX_CODE_DAYS} days.`, 'days');
  }
  const code = enrolmentCode();
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: codeHash(await codeKey(db), code),
      area: area || null,
      created_by: createdBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, area: area || null, expiresAt };
}

/** A P-256 public key as a JWK, checked by Node's own parser; returns the minimal JWK. */
export function readPublicKey(jwk: unknown): JsonWebKey {
  const key = jwk as JsonWebKey | null;
  if (
    !key ||
    typeof key !== 'object' ||
    key.kty !== 'EC' ||
    key.crv !== 'P-256' ||
    typeof key.x !== 'string' ||
    typeof key.y !== 'string' ||
    'd' in key
  ) {
    throw new HttpError(
      400,
      'invalid',
      'publicKey must be a P-256 public key as a JWK (kty EC, crv P-256, x, y).',
      'publicKey',
    );
  }
  const minimal = { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
  try {
    createPublicKey({ key: minimal as Record<string, string>, format: 'jwk' });
  } catch {
    throw new HttpError(
      400,
      'invalid',
      'publicKey is not a point on the P-256 curve.',
      'publicKey',
    );
  }
  return minimal;
}

/** A new device row: enrolled with a token, or imported from its export without one. */
export async function addDevice(
  db: Db,
  d: {
    id: string;
    localId: string;
    publicKey: JsonWebKey;
    tokenHash: string | null;
    area: string | null;
    source: 'enrolled' | 'imported';
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id: d.id,
      local_id: d.localId,
      public_key: JSON.stringify(d.publicKey),
      token_hash: d.tokenHash,
      area: d.area,
      source: d.source,
      enrolled_at: d.at,
      revoked_at: null,
      last_sync_at: null,
      clock_offset_ms: null,
      base_hash: null,
      first_seq: null,
      last_seq: null,
    })
    .execute();
}

const badCode = () =>
  new HttpError(
    403,
    'bad-code',
    'This enrolment code is not valid: it may be mistyped, used already, or expired. Ask an administrator for a new one.',
    'code',
  );

/**
 * A single-use challenge for one enrolment. Only its hash is kept, in the store, so any app
 * server can accept it; expired ones are cleared as new ones are made.
 */
export async function issueNonce(db: Db, now = new Date()): Promise<NonceReply> {
  const nonce = randomToken();
  const expiresAt = new Date(now.getTime() + NONCE_MS).toISOString();
  await db.deleteFrom('device_nonces').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('device_nonces')
    .values({ nonce_hash: sha256(nonce), expires_at: expiresAt })
    .execute();
  return { nonce, expiresAt };
}

/**
 * Proof of possession: the nonce is used up (whatever follows), then the signature must be the
 * key's over the code and the nonce. A code and a public key, both of which others may have
 * seen, are not enough.
 */
async function checkProof(
  db: Db,
  jwk: JsonWebKey,
  proof: { code: string; nonce: string; signature: string },
  now: Date,
): Promise<void> {
  const used = await db
    .deleteFrom('device_nonces')
    .where('nonce_hash', '=', sha256(String(proof.nonce)))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (Number(used.numDeletedRows) !== 1) {
    throw new HttpError(
      403,
      'bad-nonce',
      'The enrolment challenge is unknown, used already or expired. Ask for a new one (POST /api/devices/nonce) and sign it.',
      'nonce',
    );
  }
  const key = createPublicKey({ key: jwk as Record<string, string>, format: 'jwk' });
  const signed =
    /^[0-9a-f]{128}$/.test(proof.signature) &&
    (await verifySignature(
      canonicalBytes(enrolmentProof(proof.code, proof.nonce)),
      key,
      proof.signature,
    ));
  if (!signed) {
    throw new HttpError(
      403,
      'bad-signature',
      "The signature over the code and the challenge does not match this device's key.",
      'signature',
    );
  }
}

/**
 * Enrols a device: the device proves it holds the key (a signature over the code and a fresh
 * nonce), and the code is used once, in the same transaction as the device is made. Until the
 * code expires, the same key may repeat the same code to recover a reply it never received.
 */
export async function enrol(
  db: Db,
  request: { code: string; publicKey: unknown; nonce: string; signature: string },
  now = new Date(),
): Promise<EnrolReply> {
  const { code } = request;
  const jwk = readPublicKey(request.publicKey);
  await checkProof(db, jwk, request, now);
  const localId = await localDeviceId(jwk);
  const token = randomToken();
  const hash = codeHash(await codeKey(db), code);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('code_hash', '=', hash)
      .executeTakeFirst();
    const existing = await trx
      .selectFrom('devices')
      .select(['id', 'source', 'revoked_at'])
      .where('local_id', '=', localId)
      .executeTakeFirst();
    if (!row || row.expires_at <= now.toISOString()) throw badCode();
    if (row.used_at) {
      // The same key with the same code again: the device never got the reply (a dropped
      // connection). It gets a new token for the same id; the lost one stops working.
      if (existing && row.device_id === existing.id && !existing.revoked_at) {
        await trx
          .updateTable('devices')
          .set({ token_hash: sha256(token) })
          .where('id', '=', existing.id)
          .execute();
        return { deviceId: existing.id, token, area: row.area };
      }
      throw badCode();
    }
    if (existing?.source === 'enrolled' && !existing.revoked_at) {
      throw new HttpError(
        409,
        'already-enrolled',
        `This device is enrolled already, as ${existing.id}.`,
      );
    }
    const deviceId = existing?.id ?? `dev-${uuidv7()}`;
    const values = {
      token_hash: sha256(token),
      area: row.area,
      source: 'enrolled' as const,
      enrolled_at: now.toISOString(),
      revoked_at: null,
    };
    if (existing) {
      // A device whose export was imported before it enrolled, or one revoked and now enrolled
      // again with a new code, keeps its chain and its id.
      await trx.updateTable('devices').set(values).where('id', '=', deviceId).execute();
    } else {
      await addDevice(trx, {
        id: deviceId,
        localId,
        publicKey: jwk,
        tokenHash: values.token_hash,
        area: row.area,
        source: 'enrolled',
        at: values.enrolled_at,
      });
    }
    const used = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: now.toISOString(), device_id: deviceId })
      .where('code_hash', '=', row.code_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new HttpError(403, 'bad-code', 'This enrolment code has just been used.', 'code');
    return { deviceId, token, area: row.area };
  });
}

export interface AuthenticatedDevice {
  device: Device;
  key: KeyObject;
}

const keys = new Map<string, KeyObject>();

/** The device's public key, parsed once per process. */
export function deviceKey(device: Pick<Device, 'id' | 'public_key'>): KeyObject {
  let key = keys.get(device.id);
  if (!key) {
    key = createPublicKey({
      key: JSON.parse(device.public_key) as Record<string, string>,
      format: 'jwk',
    });
    keys.set(device.id, key);
  }
  return key;
}

export async function deviceByToken(db: Db, token: string): Promise<Device | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
}

export async function revokeDevice(db: Db, deviceId: string, now = new Date()): Promise<void> {
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const exists = await db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (exists) return;
    // A device stored before ids were checked may have any id, so it is looked for first.
    if (!DEVICE_ID.test(deviceId))
      throw new HttpError(
        400,
        'invalid',
        'That is not a device id: letters, digits, - and _, at most 64.',
        'deviceId',
      );
    throw new HttpError(404, 'not-found', `There is no device ${deviceId}.`);
  }
}

export async function listDevices(db: Db): Promise<DeviceRow[]> {
  const rows = await db.selectFrom('devices').selectAll().orderBy('enrolled_at').execute();
  return rows.map((d) => ({
    deviceId: d.id,
    localId: d.local_id,
    area: d.area,
    source: d.source,
    enrolledAt: d.enrolled_at,
    revokedAt: d.revoked_at,
    lastSyncAt: d.last_sync_at,
  }));
}
