/**
 * Each device's chain as the server holds it: ok, a gap (events missing, perhaps still to come),
 * or broken (a fork or a link that does not match). Faults are found at ingest and kept; nothing
 * here repairs them.
 */
import type { DeviceIntegrity, IntegrityReply } from '../schema/api.js';
import type { Db } from './db/index.js';
import type { Device } from './db/schema.js';

/** A device clock further than this from the server's is shown as skewed. */
export const CLOCK_SKEW_MS = 5 * 60_000;

async function firstMissing(db: Db, device: Device): Promise<number> {
  const start = device.base_seq + 1;
  if (device.first_seq !== start) return start;
  // The first event whose successor is missing: its seq + 1 is the gap.
  const row = await db
    .selectFrom('events as e')
    .select((eb) => eb.fn.min('e.seq').as('seq'))
    .where('e.device', '=', device.id)
    .where('e.seq', '<', device.last_seq ?? 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('events as n')
            .select('n.seq')
            .whereRef('n.device', '=', 'e.device')
            .whereRef('n.seq', '=', (eb) => eb('e.seq', '+', 1)),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(row?.seq ?? start) + 1;
}

export async function deviceIntegrity(db: Db, device: Device): Promise<DeviceIntegrity> {
  const fault = await db
    .selectFrom('chain_faults')
    .select(['seq', 'kind', 'detail'])
    .where('device', '=', device.id)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const expected = device.last_seq === null ? 0 : device.last_seq - device.base_seq;
  let status: DeviceIntegrity['status'] = 'ok';
  let at: number | null = null;
  let detail: string | null = null;
  if (fault) {
    status = 'broken';
    at = fault.seq;
    detail = fault.detail;
  } else if (device.event_count !== expected) {
    status = 'gap';
    at = await firstMissing(db, device);
    detail = `${expected - device.event_count} event(s) missing`;
  }
  return {
    deviceId: device.id,
    area: device.area,
    status,
    at,
    detail,
    events: device.event_count,
    firstSeq: device.first_seq,
    lastSeq: device.last_seq,
    lastSyncAt: device.last_sync_at,
    clockOffsetMs: device.clock_offset_ms === null ? null : Number(device.clock_offset_ms),
    revoked: device.revoked_at !== null,
  };
}

export async function integrity(db: Db, now = new Date()): Promise<IntegrityReply> {
  const devices = await db.selectFrom('devices').selectAll().orderBy('id').execute();
  return {
    checkedAt: now.toISOString(),
    devices: await Promise.all(devices.map((d) => deviceIntegrity(db, d))),
  };
}
