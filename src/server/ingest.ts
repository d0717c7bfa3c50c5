/**
 * Ingest: every event is checked on its own (schema, device, dates, hash, signature), and the good
 * ones are stored in one transaction, idempotently, with the day's counts beside them. A bad
 * event is rejected with a code and a message; the rest of its batch still lands. Links between
 * neighbouring events are checked against what is stored, and a break is recorded as a chain
 * fault for /api/integrity, never repaired.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import { FORMATS, GENESIS_HASH } from '../schema/notice-event.js';
import type { IngestReply, RejectCode, Rejection } from '../schema/api.js';
import { checkNoticeEvent, type Check, type NoticeEvent } from '../schema/validator.js';
import { canonicalBytes, unsignedPart } from '../log/chain.js';
import { lockDevice, type Db } from './db/index.js';
import type { Insertable } from 'kysely';
import type { Device, EventCountsTable, NewEvent } from './db/schema.js';

/** Forewarn began in 2024: an event before then is a device clock that was never set. */
export const EARLIEST_SHOWN_AT = '2024-01-01T00:00:00.000Z';
/** How far ahead of the server's clock an event may be: a skewed device clock, not a wrong one. */
export const MAX_AHEAD_MS = 7 * 86_400_000;
/** How far after its own batch's sentAt an event may claim to be (both from the device clock). */
const SENT_GRACE_MS = 5 * 60_000;

export function formatsMask(formats: readonly string[]): number {
  return formats.reduce(
    (mask, f) => mask | (1 << FORMATS.indexOf(f as (typeof FORMATS)[number])),
    0,
  );
}

/** The Monday (UTC) of the ISO week holding a UTC day, as YYYY-MM-DD. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

export function eventRow(
  event: NoticeEvent,
  device: string,
  receivedAt: string,
  clockOffsetMs: number | null,
): NewEvent {
  const day = event.shownAt.slice(0, 10);
  return {
    id: event.id,
    device,
    device_id: event.deviceId,
    seq: event.seq,
    shown_at: event.shownAt,
    day,
    week: weekOf(day),
    duration_ms: event.durationMs,
    formats: event.formats.join(';'),
    formats_mask: formatsMask(event.formats),
    lang: event.lang,
    circumstance: event.circumstance,
    outcome: event.outcome,
    reason: event.reason ?? null,
    area: event.area ?? null,
    prev_hash: event.prevHash,
    hash: event.hash,
    sig: event.sig,
    received_at: receivedAt,
    clock_offset_ms: clockOffsetMs,
    // Schema v2's fields; null for a v1 event, which is how a stored row says which it was.
    content_version: event.v === 2 ? event.content.version : null,
    content_items: event.v === 2 ? event.content.items.join(';') : null,
    check_answer: event.v === 2 ? event.check : null,
  };
}

/** An event as the device signed it, from its stored row. */
export function rowEvent(row: NewEvent): NoticeEvent {
  const common = {
    id: row.id,
    deviceId: row.device_id,
    seq: row.seq,
    shownAt: row.shown_at,
    durationMs: row.duration_ms,
    formats: row.formats.split(';') as NoticeEvent['formats'],
    lang: row.lang,
    circumstance: row.circumstance as NoticeEvent['circumstance'],
    outcome: row.outcome as NoticeEvent['outcome'],
    ...(row.reason ? { reason: row.reason as NoticeEvent['reason'] } : {}),
    ...(row.area ? { area: row.area } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
    sig: row.sig,
  };
  if (row.content_version === null || row.content_version === undefined) return { ...common, v: 1 };
  return {
    ...common,
    v: 2,
    content: {
      version: row.content_version,
      items: row.content_items ? row.content_items.split(';') : [],
    },
    check: row.check_answer as Check,
  };
}

export interface IngestOptions {
  receivedAt?: Date;
  /** The device clock when it sent the batch; null for an import, whose clock offset is unknown. */
  sentAt: string | null;
}

type Checked = { ok: true; event: NoticeEvent } | { ok: false; rejection: Rejection };

function rejection(raw: unknown, code: RejectCode, message: string, field?: string): Rejection {
  const r = raw as { id?: unknown; seq?: unknown } | null;
  return {
    id: typeof r?.id === 'string' ? r.id.slice(0, 64) : null,
    ...(Number.isInteger(r?.seq) ? { seq: r!.seq as number } : {}),
    code,
    message,
    ...(field ? { field } : {}),
  };
}

function reject(raw: unknown, code: RejectCode, message: string, field?: string): Checked {
  return { ok: false, rejection: rejection(raw, code, message, field) };
}

/** ECDSA verification in libuv's thread pool, so a batch's signatures are checked in parallel. */
export function verifySignature(
  bytes: Uint8Array,
  key: KeyObject,
  sigHex: string,
): Promise<boolean> {
  return new Promise((resolve) =>
    verify(
      'sha256',
      bytes,
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(sigHex, 'hex'),
      (error, ok) => resolve(!error && ok),
    ),
  );
}

/** Everything that can be checked of one event without the database. */
export async function checkEvent(
  raw: unknown,
  device: Device,
  key: KeyObject,
  receivedAt: Date,
  sentAt: string | null,
): Promise<Checked> {
  const problems = checkNoticeEvent(raw);
  if (problems.length)
    return reject(raw, 'invalid', problems.map((p) => p.message).join('; '), problems[0]!.field);
  const event = raw as NoticeEvent;
  if (event.deviceId !== device.id && event.deviceId !== device.local_id) {
    return reject(
      raw,
      'wrong-device',
      `deviceId ${event.deviceId} is not this device's (${device.id}).`,
      'deviceId',
    );
  }
  // A device records the area it was enrolled for (an imported one, the area an admin approved);
  // an event with no area claims none, and is counted as such.
  if (event.area !== undefined && event.area !== device.area) {
    return reject(
      raw,
      'wrong-area',
      device.area
        ? `area ${event.area} is not this device's area (${device.area}).`
        : `area ${event.area} is not this device's: it was enrolled with no area.`,
      'area',
    );
  }
  if (event.shownAt < EARLIEST_SHOWN_AT) {
    return reject(
      raw,
      'out-of-range',
      `shownAt ${event.shownAt} is before ${EARLIEST_SHOWN_AT.slice(0, 10)}: the device clock is wrong.`,
      'shownAt',
    );
  }
  if (Date.parse(event.shownAt) > receivedAt.getTime() + MAX_AHEAD_MS) {
    return reject(
      raw,
      'out-of-range',
      `shownAt ${event.shownAt} is more than 7 days ahead of the server's clock.`,
      'shownAt',
    );
  }
  if (sentAt && Date.parse(event.shownAt) > Date.parse(sentAt) + SENT_GRACE_MS) {
    return reject(
      raw,
      'out-of-range',
      `shownAt ${event.shownAt} is after the batch was sent (${sentAt}).`,
      'shownAt',
    );
  }
  const bytes = canonicalBytes(unsignedPart(event));
  if (createHash('sha256').update(bytes).digest('hex') !== event.hash) {
    return reject(
      raw,
      'bad-hash',
      'The content does not match its hash: it was changed after it was logged.',
      'hash',
    );
  }
  if (!(await verifySignature(bytes, key, event.sig))) {
    return reject(raw, 'bad-signature', "The signature does not match this device's key.", 'sig');
  }
  return { ok: true, event };
}

interface Link {
  hash: string;
  prevHash: string;
}

/** Stores a batch for one device. Safe to repeat: a second run reports every event as duplicate. */
export async function ingest(
  db: Db,
  device: Device,
  key: KeyObject,
  raws: readonly unknown[],
  options: IngestOptions,
): Promise<IngestReply> {
  const receivedAt = options.receivedAt ?? new Date();
  const received = receivedAt.toISOString();
  const clockOffsetMs = options.sentAt ? receivedAt.getTime() - Date.parse(options.sentAt) : null;
  const reply: IngestReply = { accepted: [], duplicate: [], rejected: [] };

  const candidates: NoticeEvent[] = [];
  const seenInBatch = new Map<string, string>();
  const results = await Promise.all(
    raws.map((raw) => checkEvent(raw, device, key, receivedAt, options.sentAt)),
  );
  for (const checked of results) {
    if (!checked.ok) {
      reply.rejected.push(checked.rejection);
      continue;
    }
    const { event } = checked;
    const earlier = seenInBatch.get(event.id);
    if (earlier !== undefined) {
      if (earlier === event.hash) reply.duplicate.push(event.id);
      else
        reply.rejected.push(
          rejection(
            event,
            'id-conflict',
            `id ${event.id} appears twice in this batch with different content.`,
            'id',
          ),
        );
      continue;
    }
    seenInBatch.set(event.id, event.hash);
    candidates.push(event);
  }
  if (!candidates.length) {
    if (options.sentAt) await touchDevice(db, device.id, received, clockOffsetMs);
    return reply;
  }

  await db.transaction().execute(async (trx) => {
    // Another process may be storing this device's next batch: wait for it, so that the chain
    // checks below see everything it stored.
    await lockDevice(trx, device.id);
    const ids = candidates.map((e) => e.id);
    const known = new Map(
      (
        await trx
          .selectFrom('events')
          .select(['id', 'hash'])
          .where('device', '=', device.id)
          .where('id', 'in', ids)
          .execute()
      ).map((r) => [r.id, r]),
    );
    const seqs = new Set<number>();
    for (const e of candidates)
      for (const s of [e.seq - 1, e.seq, e.seq + 1]) if (s >= 1) seqs.add(s);
    const stored = new Map<number, Link & { id: string }>(
      (
        await trx
          .selectFrom('events')
          .select(['seq', 'id', 'hash', 'prev_hash'])
          .where('device', '=', device.id)
          .where('seq', 'in', [...seqs])
          .execute()
      ).map((r) => [r.seq, { id: r.id, hash: r.hash, prevHash: r.prev_hash }]),
    );
    const found = new Date().toISOString();
    const faults: { seq: number; kind: 'link' | 'fork'; detail: string }[] = [];
    const fresh: NoticeEvent[] = [];
    for (const event of candidates) {
      const already = known.get(event.id);
      if (already) {
        if (already.hash === event.hash) {
          reply.duplicate.push(event.id);
          continue;
        }
        // The device signed two different events with one id: its chain forked. Keep the first.
        faults.push({
          seq: event.seq,
          kind: 'fork',
          detail: `a second event was signed with id ${event.id}`,
        });
        reply.rejected.push(
          rejection(
            event,
            'id-conflict',
            `id ${event.id} is stored already with different content.`,
            'id',
          ),
        );
        continue;
      }
      const occupant = stored.get(event.seq);
      if (occupant) {
        // Two signed events with one seq: the device's chain forked. Keep the first; say so.
        faults.push({
          seq: event.seq,
          kind: 'fork',
          detail: `a second event (${event.id}) was signed with seq ${event.seq}`,
        });
        reply.rejected.push(
          rejection(
            event,
            'seq-conflict',
            `seq ${event.seq} is stored already as another event (${occupant.id}).`,
            'seq',
          ),
        );
        continue;
      }
      stored.set(event.seq, { id: event.id, hash: event.hash, prevHash: event.prevHash });
      fresh.push(event);
    }
    const recordFaults = async () => {
      if (!faults.length) return;
      await trx
        .insertInto('chain_faults')
        .values(faults.map((f) => ({ device: device.id, ...f, found_at: found })))
        .onConflict((oc) => oc.columns(['device', 'seq', 'kind']).doNothing())
        .execute();
    };
    if (!fresh.length) return recordFaults();

    // Links: each pair of neighbours that includes a new event, once.
    const pairs = new Set<number>();
    for (const e of fresh) pairs.add(e.seq).add(e.seq + 1);
    for (const seq of pairs) {
      const here = stored.get(seq);
      if (!here) continue;
      const before =
        seq - 1 === device.base_seq
          ? (device.base_hash ?? (seq === 1 ? GENESIS_HASH : undefined))
          : stored.get(seq - 1)?.hash;
      if (before !== undefined && before !== here.prevHash) {
        faults.push({ seq, kind: 'link', detail: `seq ${seq} does not link to seq ${seq - 1}` });
      }
    }

    await recordFaults();
    const rows = fresh.map((e) => eventRow(e, device.id, received, clockOffsetMs));
    // Chunks keep well under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('events')
        .values(rows.slice(i, i + 200))
        .execute();

    const counts = new Map<string, Insertable<EventCountsTable>>();
    for (const r of rows) {
      const k = [
        r.day,
        r.area ?? '',
        r.circumstance,
        r.lang,
        r.outcome,
        r.reason ?? '',
        r.formats_mask,
      ].join('|');
      const c = counts.get(k);
      if (c) c.n++;
      else
        counts.set(k, {
          day: r.day,
          week: r.week,
          area: r.area ?? '',
          circumstance: r.circumstance,
          lang: r.lang,
          outcome: r.outcome,
          reason: r.reason ?? '',
          formats_mask: r.formats_mask,
          n: 1,
        });
    }
    // In key order, so that two batches updating the same counts lock them in the same order.
    const countRows = [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
    for (let i = 0; i < countRows.length; i += 200) {
      await trx
        .insertInto('event_counts')
        .values(countRows.slice(i, i + 200))
        .onConflict((oc) =>
          oc
            .columns(['day', 'area', 'circumstance', 'lang', 'outcome', 'reason', 'formats_mask'])
            .doUpdateSet((eb) => ({ n: eb('event_counts.n', '+', eb.ref('excluded.n')) })),
        )
        .execute();
    }

    const low = Math.min(...fresh.map((e) => e.seq));
    const high = Math.max(...fresh.map((e) => e.seq));
    await trx
      .updateTable('devices')
      .set((eb) => ({
        event_count: eb('event_count', '+', fresh.length),
        first_seq: eb.fn.coalesce(
          eb.case().when('first_seq', '<', low).then(eb.ref('first_seq')).else(low).end(),
          eb.val(low),
        ),
        last_seq: eb.fn.coalesce(
          eb.case().when('last_seq', '>', high).then(eb.ref('last_seq')).else(high).end(),
          eb.val(high),
        ),
        ...(options.sentAt ? { last_sync_at: received, clock_offset_ms: clockOffsetMs } : {}),
      }))
      .where('id', '=', device.id)
      .execute();
    reply.accepted.push(...fresh.map((e) => e.id));
  });
  if (!reply.accepted.length && options.sentAt)
    await touchDevice(db, device.id, received, clockOffsetMs);
  return reply;
}

async function touchDevice(
  db: Db,
  id: string,
  at: string,
  clockOffsetMs: number | null,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({ last_sync_at: at, clock_offset_ms: clockOffsetMs })
    .where('id', '=', id)
    .execute();
}
