/**
 * Devices: one-time enrolment codes (with the area the device will record), enrolment of a
 * device's public key in exchange for a deviceId and a bearer token, and revocation.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DeviceRow, EnrolReply, EnrolmentCodeReply } from '../schema/api.js';
import { AREA_CODE } from '../schema/validator.js';
import { localDeviceId } from '../log/chain.js';
import { enrolmentCode, normaliseCode, randomToken, sha256 } from './crypto.js';
import type { Db } from './db/index.js';
import { HttpError } from './errors.js';
import type { Device } from './db/schema.js';

export const DEFAULT_CODE_DAYS = 7;
export const MAX_CODE_DAYS = 90;

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
      code_hash: sha256(normaliseCode(code)),
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
 * Enrols a device: the code is used once, in the same transaction as the device is made. Until
 * the code expires, the same key may repeat the same code to recover a reply it never received.
 */
export async function enrol(
  db: Db,
  code: string,
  publicKey: unknown,
  now = new Date(),
): Promise<EnrolReply> {
  const jwk = readPublicKey(publicKey);
  const localId = await localDeviceId(jwk);
  const token = randomToken();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('code_hash', '=', sha256(normaliseCode(code)))
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
    if (!exists) throw new HttpError(404, 'not-found', `There is no device ${deviceId}.`);
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
