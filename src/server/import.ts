/**
 * Import of a device's JSON export (to fill a gap, or for a device that never synced): the whole
 * bundle is verified first, and only a valid one is stored, through the same ingest as sync.
 *
 * A bundle proves only that its key signed it, not that the key belongs to a real device. So a
 * bundle is stored at once only for a device this server knows by that key, enrolled or approved
 * before, and not revoked. A bundle from a key the server has never seen is held, uncounted,
 * until an admin approves the key (or discards it), in /review's Devices or `npm run admin`.
 */
import { v7 as uuidv7 } from 'uuid';
import type { HeldImport, HeldImportReply, ImportReply } from '../schema/api.js';
import type { NoticeEvent } from '../schema/notice-event.js';
import type { Bundle } from '../log/bundle.js';
import { localDeviceId } from '../log/chain.js';
import { readBundle, UnreadableBundleError, verifyBundle } from '../log/verify.js';
import type { Db } from './db/index.js';
import type { Device } from './db/schema.js';
import { addDevice, deviceKey, readPublicKey } from './devices.js';
import { HttpError } from './errors.js';
import { ingest } from './ingest.js';

type Verified = ImportReply['verified'];

async function readVerified(text: string): Promise<{ bundle: Bundle; verified: Verified }> {
  let bundle;
  try {
    bundle = readBundle(text);
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
  return {
    bundle,
    verified: { count: result.count, firstSeq: result.firstSeq, lastSeq: result.lastSeq },
  };
}

const deviceConflict = (id: string) =>
  new HttpError(
    409,
    'device-conflict',
    `Device ${id} is known here with another key. Nothing was stored.`,
    'deviceId',
  );

/** The device this server knows by the bundle's key, checked to be usable for an import. */
async function knownDevice(db: Db, bundle: Bundle, localId: string): Promise<Device | undefined> {
  const device = await db
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
    if (taken) throw deviceConflict(bundle.deviceId);
    return undefined;
  }
  if (device.revoked_at) {
    throw new HttpError(
      403,
      'revoked',
      `Device ${device.id} is revoked: its exports are not accepted. Nothing was stored.`,
    );
  }
  if (bundle.deviceId !== device.id && bundle.deviceId !== device.local_id)
    throw deviceConflict(bundle.deviceId);
  return device;
}

/** Stores a verified bundle's events for a known device, through the same ingest as sync. */
async function store(
  db: Db,
  device: Device,
  bundle: Bundle,
  verified: Verified,
): Promise<ImportReply> {
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
  return { status: 'imported', ...reply, deviceId: device.id, verified };
}

/** A held import's columns but the bundle itself. */
const HELD_COLUMNS = [
  'id',
  'device_id',
  'local_id',
  'area',
  'events',
  'first_seq',
  'last_seq',
  'held_by',
  'held_at',
] as const;

function heldRow(row: {
  id: string;
  device_id: string;
  local_id: string;
  area: string | null;
  events: number;
  first_seq: number;
  last_seq: number;
  held_by: string;
  held_at: string;
}): HeldImport {
  return {
    id: row.id,
    deviceId: row.device_id,
    localId: row.local_id,
    area: row.area,
    events: Number(row.events),
    firstSeq: Number(row.first_seq),
    lastSeq: Number(row.last_seq),
    heldBy: row.held_by,
    heldAt: row.held_at,
  };
}

/** Imports an export: stored at once for a known device, else held for an admin's approval. */
export async function importBundle(
  db: Db,
  body: unknown,
  heldBy: string,
  now = new Date(),
): Promise<ImportReply | HeldImportReply> {
  const text = JSON.stringify(body);
  const { bundle, verified } = await readVerified(text);
  const jwk = readPublicKey(bundle.publicKey);
  const localId = await localDeviceId(jwk);
  const device = await knownDevice(db, bundle, localId);
  if (device) return store(db, device, bundle, verified);

  // A device an admin has not approved: the area it will record is the one its events carry.
  const areas = new Set((bundle.events as NoticeEvent[]).map((e) => e.area ?? null));
  areas.delete(null);
  if (areas.size > 1) {
    throw new HttpError(
      422,
      'wrong-area',
      `Not imported: the events carry more than one area (${[...areas].join(', ')}), and a device records one. Nothing was stored.`,
    );
  }
  // The same export imported again while it waits: the one held already answers.
  const same = await db
    .selectFrom('held_imports')
    .select(HELD_COLUMNS)
    .where('local_id', '=', localId)
    .where('first_seq', '=', verified.firstSeq)
    .where('last_seq', '=', verified.lastSeq)
    .executeTakeFirst();
  if (same) return { status: 'held', held: heldRow(same), verified };
  const row = {
    id: uuidv7(),
    device_id: bundle.deviceId,
    local_id: localId,
    public_key: JSON.stringify(jwk),
    area: [...areas][0] ?? null,
    events: verified.count,
    first_seq: verified.firstSeq,
    last_seq: verified.lastSeq,
    bundle: text,
    held_by: heldBy,
    held_at: now.toISOString(),
  };
  await db.insertInto('held_imports').values(row).execute();
  return { status: 'held', held: heldRow(row), verified };
}

/** Exports waiting for an admin to approve their device's key, oldest first (no bundle). */
export async function heldImports(db: Db): Promise<HeldImport[]> {
  const rows = await db
    .selectFrom('held_imports')
    .select(HELD_COLUMNS)
    .orderBy('held_at')
    .execute();
  return rows.map(heldRow);
}

async function heldImport(db: Db, id: string) {
  const row = await db
    .selectFrom('held_imports')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, 'not-found', `There is no held import ${id}.`);
  return row;
}

/**
 * An admin approves a held export's key: the device is added (as imported, with the area its
 * events carry) unless the key is known already, and the export is stored as any import is.
 */
export async function approveHeldImport(
  db: Db,
  id: string,
  now = new Date(),
): Promise<ImportReply> {
  const row = await heldImport(db, id);
  const bundle = readBundle(row.bundle);
  let device = await knownDevice(db, bundle, row.local_id);
  if (!device) {
    try {
      await addDevice(db, {
        id: row.device_id,
        localId: row.local_id,
        publicKey: JSON.parse(row.public_key) as JsonWebKey,
        tokenHash: null,
        area: row.area,
        source: 'imported',
        at: now.toISOString(),
      });
    } catch (error) {
      // Approved twice at once: the other approval added it (or another key took the id, which
      // knownDevice says). Anything else is a real failure.
      if (!(await knownDevice(db, bundle, row.local_id))) throw error;
    }
    device = (await knownDevice(db, bundle, row.local_id))!;
  }
  const reply = await store(db, device, bundle, {
    count: Number(row.events),
    firstSeq: Number(row.first_seq),
    lastSeq: Number(row.last_seq),
  });
  await db.deleteFrom('held_imports').where('id', '=', id).execute();
  return reply;
}

/** An admin refuses a held export: it is deleted, and nothing of it was ever stored. */
export async function discardHeldImport(db: Db, id: string): Promise<HeldImport> {
  const row = await heldImport(db, id);
  await db.deleteFrom('held_imports').where('id', '=', id).execute();
  return heldRow(row);
}
