/**
 * Import of a device's JSON export (for a device that was never enrolled, or to fill a gap): the
 * whole bundle is verified first, and only a valid one is stored, through the same ingest as sync.
 */
import type { ImportReply } from '../schema/api.js';
import { localDeviceId } from '../log/chain.js';
import { readBundle, UnreadableBundleError, verifyBundle } from '../log/verify.js';
import type { Db } from './db/index.js';
import { addDevice, deviceKey, readPublicKey } from './devices.js';
import { HttpError } from './errors.js';
import { ingest } from './ingest.js';

export async function importBundle(db: Db, body: unknown): Promise<ImportReply> {
  let bundle;
  try {
    bundle = readBundle(JSON.stringify(body));
  } catch (error) {
    throw new HttpError(400, 'unreadable', `This file is ${(error as Error).message}.`);
  }
  let result;
  try {
    result = await verifyBundle(bundle);
  } catch (error) {
    if (error instanceof UnreadableBundleError)
      throw new HttpError(400, 'unreadable', error.message);
    throw error;
  }
  if (!result.ok) {
    throw new HttpError(
      422,
      'tampered',
      `Not imported: the first bad event is seq ${result.badSeq} (${result.problem}): ${result.message}. Nothing was stored.`,
    );
  }
  const jwk = readPublicKey(bundle.publicKey);
  const localId = await localDeviceId(jwk);
  let device = await db
    .selectFrom('devices')
    .selectAll()
    .where('local_id', '=', localId)
    .executeTakeFirst();
  if (!device) {
    const taken = await db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', bundle.deviceId)
      .executeTakeFirst();
    if (taken)
      throw new HttpError(
        409,
        'device-conflict',
        `Device ${bundle.deviceId} is enrolled here with another key. Nothing was stored.`,
      );
    await addDevice(db, {
      id: bundle.deviceId,
      localId,
      publicKey: jwk,
      tokenHash: null,
      area: bundle.events.find((e) => e.area)?.area ?? null,
      source: 'imported',
      at: new Date().toISOString(),
    });
    device = await db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', bundle.deviceId)
      .executeTakeFirstOrThrow();
  }
  // A signed checkpoint says where the device's own log starts; before it, nothing is missing.
  const checkpoint = bundle.checkpoint;
  if (
    checkpoint &&
    device.base_seq === 0 &&
    (device.first_seq === null || device.first_seq > checkpoint.seq)
  ) {
    await db
      .updateTable('devices')
      .set({ base_seq: checkpoint.seq, base_hash: checkpoint.hash })
      .where('id', '=', device.id)
      .execute();
    device = { ...device, base_seq: checkpoint.seq, base_hash: checkpoint.hash };
  }
  const reply = await ingest(db, device, deviceKey(device), bundle.events, { sentAt: null });
  return {
    ...reply,
    deviceId: device.id,
    verified: { count: result.count, firstSeq: result.firstSeq, lastSeq: result.lastSeq },
  };
}
