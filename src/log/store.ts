/**
 * The evidence log on the device: an append-only, hash-chained, signed store in IndexedDB.
 *
 * - Every event is validated before it is written, and written with strict durability, so that
 *   "saved" means on disk, not in a cache the browser may drop on a crash.
 * - One writer at a time across tabs (a Web Lock); and `seq` is the store's key, so even without
 *   the lock two writers cannot both add the same seq and fork the chain.
 * - The device's signing key is generated here, cannot be exported, and never leaves IndexedDB.
 * - Nothing here knows of the UI: the kiosk's log writer calls it.
 * - Enrolment with a server changes the id new events carry (the chain and key stay the same), and
 *   the sync client (sync.ts) reads what is unsent here and marks only what the server acknowledged.
 */
import {
  openDB,
  type DBSchema,
  type IDBPCursorWithValue,
  type IDBPDatabase,
  type StoreNames,
} from 'idb';
import { v7 as uuidv7 } from 'uuid';
import { GENESIS_HASH, SCHEMA_VERSION } from '../schema/notice-event.js';
import type { EnrolReply, Rejection } from '../schema/api.js';
import {
  AREA_CODE,
  BUILTIN_CONTENT_VERSION,
  checkUnsignedEvent,
  type NoticeEvent,
  type NoticeRecord,
  type UnsignedEvent,
} from '../schema/validator.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, headBody, type Bundle, type Checkpoint } from './bundle.js';
import { generateDeviceKey, importPublicKey, localDeviceId, seal, signValue } from './chain.js';
import { toCsv } from './csv.js';
import { verifyEvents, type VerifyResult } from './verify.js';

export interface LogEntry {
  event: NoticeEvent;
  /** When the server acknowledged it (accepted, or already had it). */
  sentAt?: string;
  /** When it was last exported in a verifiable JSON bundle. */
  exportedAt?: string;
  /** Why the server refused it, as the server said, kept so it can be exported and looked into. */
  syncError?: SyncRefusal;
}

export interface SyncRefusal {
  code: string;
  message: string;
  field?: string;
  /** When the server refused it. */
  at: string;
}

/** This device's enrolment with the force's server. The token is the device's credential. */
export interface Enrolment {
  deviceId: string;
  token: string;
  area: string | null;
  enrolledAt: string;
  /**
   * The server's content-signing key, pinned at enrolment: a content manifest this key does not
   * verify is refused. Absent from an enrolment made before the content library.
   */
  contentKey?: JsonWebKey;
}

/** What the sync client keeps between runs. */
export interface SyncMeta {
  /** When the server last acknowledged a batch. */
  lastSyncAt: string | null;
  /** Set when the server refused the token (401) or the device was revoked (403): syncing stops. */
  stopped?: { code: 'bad-token' | 'revoked'; message: string; at: string } | null;
}

export interface Identity {
  /** The id new events carry: the enrolled id once enrolled, else the local id. */
  deviceId: string;
  /** The id derived from the key, which events logged before enrolment carry. */
  localId: string;
  /** The id the server gave at enrolment, if enrolled. */
  enrolledId: string | null;
  area: string | null;
  enrolledAt: string | null;
  publicKey: JsonWebKey;
}

interface Device {
  deviceId: string;
  privateKey: CryptoKey;
  publicKey: JsonWebKey;
  createdAt: string;
}

export interface LogSettings {
  /** Days an event stays on the device once it has been sent or exported. */
  retentionDays: number;
  /** The coarse area code this device records, if the force sets one. */
  area?: string;
}

export const DEFAULT_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 3650;

interface LogDB extends DBSchema {
  events: { key: number; value: LogEntry; indexes: { id: string; shownAt: string } };
  meta: {
    key: 'device' | 'settings' | 'checkpoint' | 'enrolment' | 'sync';
    value: Device | LogSettings | Checkpoint | Enrolment | SyncMeta;
  };
}

/** A record the schema refuses: it is never written. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

/** An enrolment that would give this chain a second enrolled id, which verification refuses. */
export class EnrolmentConflictError extends Error {
  override name = 'EnrolmentConflictError';
}

const LOCK = 'forewarn-log';

/** One writer at a time across every tab of this origin; where Web Locks are missing, the seq key still prevents a fork. */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request(LOCK, work) : work();
}

export class DeviceLog {
  private deviceCache?: Promise<Device>;

  private constructor(
    private readonly db: IDBPDatabase<LogDB>,
    /** The database's name, which also names this log's sync lock. */
    readonly name: string,
  ) {}

  /** Opens (creating on first use) the log. Rejects where the browser offers no storage. */
  static async open(name = 'forewarn-log'): Promise<DeviceLog> {
    if (typeof indexedDB === 'undefined') {
      throw new DOMException('This browser offers no storage (IndexedDB).', 'NotSupportedError');
    }
    const db = await openDB<LogDB>(name, 1, {
      upgrade(database) {
        const events = database.createObjectStore('events', { keyPath: 'event.seq' });
        events.createIndex('id', 'event.id', { unique: true });
        events.createIndex('shownAt', 'event.shownAt');
        database.createObjectStore('meta');
      },
    });
    return new DeviceLog(db, name);
  }

  close(): void {
    this.db.close();
  }

  /** The device's identity and key, made on first use (under the lock, so tabs agree on one). */
  private device(): Promise<Device> {
    // Read once: a device's identity never changes, and every append needs it.
    this.deviceCache ??= this.readOrCreateDevice();
    this.deviceCache.catch(() => (this.deviceCache = undefined));
    return this.deviceCache;
  }

  private async readOrCreateDevice(): Promise<Device> {
    const existing = (await this.db.get('meta', 'device')) as Device | undefined;
    if (existing) return existing;
    return exclusive(async () => {
      const again = (await this.db.get('meta', 'device')) as Device | undefined;
      if (again) return again;
      const keys = await generateDeviceKey();
      const publicKey = await crypto.subtle.exportKey('jwk', keys.publicKey);
      const device: Device = {
        // A local id until the device is enrolled with a server.
        deviceId: await localDeviceId(publicKey),
        privateKey: keys.privateKey,
        publicKey: { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y },
        createdAt: new Date().toISOString(),
      };
      const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
      await tx.store.add(device, 'device');
      await tx.done;
      return device;
    });
  }

  /**
   * Signs a challenge with the device key, as proof that this device holds it (enrolment signs
   * the code and the server's nonce). The key itself never leaves the browser's keystore.
   */
  async proveKey(challenge: unknown): Promise<string> {
    return signValue(challenge, (await this.device()).privateKey);
  }

  async identity(): Promise<Identity> {
    const [{ deviceId: localId, publicKey }, enrolment] = await Promise.all([
      this.device(),
      this.enrolment(),
    ]);
    return {
      deviceId: enrolment?.deviceId ?? localId,
      localId,
      enrolledId: enrolment?.deviceId ?? null,
      area: enrolment ? enrolment.area : ((await this.settings()).area ?? null),
      enrolledAt: enrolment?.enrolledAt ?? null,
      publicKey,
    };
  }

  /** The enrolment, token included (for the sync client only), or null before enrolment. */
  async enrolment(): Promise<Enrolment | null> {
    return ((await this.db.get('meta', 'enrolment')) as Enrolment | undefined) ?? null;
  }

  /**
   * Records the server's enrolment reply. From here on, new events carry the enrolled id and the
   * enrolled area, continuing the same chain with the same key. Written under the log's lock, so
   * no append in another tab can still use the local id after it.
   *
   * A device is enrolled once: a reply with another id would give the chain a second enrolled
   * id, which verification refuses, so it throws. The same id again (a renewed token) is taken,
   * and events the server refused before are offered again under it.
   */
  async enrol(reply: EnrolReply, now = new Date()): Promise<Enrolment> {
    await this.device();
    return exclusive(async () => {
      const existing = await this.enrolment();
      if (existing && existing.deviceId !== reply.deviceId) {
        throw new EnrolmentConflictError(
          `This device is already enrolled as ${existing.deviceId}, not ${reply.deviceId}.`,
        );
      }
      // The area is written into every event, so it must be one the schema takes.
      const area = reply.area && AREA_CODE.test(reply.area) ? reply.area : null;
      const enrolment: Enrolment = {
        deviceId: reply.deviceId,
        token: reply.token,
        area,
        enrolledAt: existing?.enrolledAt ?? now.toISOString(),
        ...(reply.contentKey && { contentKey: reply.contentKey }),
      };
      const settings = await this.settings();
      const { area: _old, ...rest } = settings;
      const tx = this.db.transaction(['meta', 'events'], 'readwrite', { durability: 'strict' });
      const meta = tx.objectStore('meta');
      await meta.put(enrolment, 'enrolment');
      await meta.put(area ? { ...rest, area } : rest, 'settings');
      const sync = (await meta.get('sync')) as SyncMeta | undefined;
      await meta.put({ lastSyncAt: sync?.lastSyncAt ?? null, stopped: null }, 'sync');
      await this.clearRefusals(await tx.objectStore('events').openCursor());
      await tx.done;
      return enrolment;
    });
  }

  async settings(): Promise<LogSettings> {
    const stored = (await this.db.get('meta', 'settings')) as LogSettings | undefined;
    return { retentionDays: DEFAULT_RETENTION_DAYS, ...stored };
  }

  async setRetentionDays(days: number): Promise<void> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      throw new RangeError(
        `Retention must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}.`,
      );
    }
    const settings = await this.settings();
    await this.db.put('meta', { ...settings, retentionDays: days }, 'settings');
  }

  private async checkpoint(): Promise<Checkpoint | null> {
    return ((await this.db.get('meta', 'checkpoint')) as Checkpoint | undefined) ?? null;
  }

  /** The last event's seq and hash: the chain's head. */
  async head(): Promise<{ seq: number; hash: string }> {
    const last = await this.db.transaction('events').store.openCursor(null, 'prev');
    if (last) return { seq: last.value.event.seq, hash: last.value.event.hash };
    const checkpoint = await this.checkpoint();
    return checkpoint
      ? { seq: checkpoint.seq, hash: checkpoint.hash }
      : { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Appends one notice: validates it, chains it to the head, signs it and writes it durably.
   * Resolves with the stored event only once it is on disk.
   */
  async append(record: NoticeRecord): Promise<NoticeEvent> {
    const device = await this.device();
    return exclusive(async () => {
      // Read under the lock: another tab may have enrolled the device a moment ago, and an event
      // with the local id after the enrolled one would break the chain.
      const [head, enrolment, { area }] = await Promise.all([
        this.head(),
        this.enrolment(),
        this.settings(),
      ]);
      const { content, check, ...rest } = record;
      const unsigned: UnsignedEvent = {
        id: uuidv7(),
        v: SCHEMA_VERSION,
        deviceId: enrolment?.deviceId ?? device.deviceId,
        seq: head.seq + 1,
        ...rest,
        ...(area ? { area } : {}),
        // What was presented: the built-in content, with no library media, until the kiosk
        // has an approved content set; the teach-back is not asked yet.
        content: content ?? { version: BUILTIN_CONTENT_VERSION, items: [] },
        check: check ?? 'not-asked',
        prevHash: head.hash,
      };
      if (unsigned.reason === undefined) delete unsigned.reason;
      const problems = checkUnsignedEvent(unsigned);
      if (problems.length) throw new InvalidEventError(problems.map((p) => p.message).join('; '));
      const event = await seal(unsigned, device.privateKey);
      const tx = this.db.transaction('events', 'readwrite', { durability: 'strict' });
      // add(), not put(): a second writer with the same seq fails here instead of forking.
      await tx.store.add({ event });
      await tx.done;
      return event;
    });
  }

  async entries(): Promise<LogEntry[]> {
    return this.db.getAll('events');
  }

  /** Counts for the officer: today's notices, and what has been neither sent nor exported. */
  async summary(now = new Date()): Promise<{
    today: number;
    todayNotPossible: number;
    pending: number;
    total: number;
    /** Not yet acknowledged by the server, and not refused by it. */
    waiting: number;
    /** Refused by the server, and not acknowledged since. */
    refused: number;
  }> {
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
    const today = await this.db.getAllFromIndex(
      'events',
      'shownAt',
      IDBKeyRange.lowerBound(midnight),
    );
    let pending = 0;
    let total = 0;
    let cursor = await this.db.transaction('events').store.openCursor();
    while (cursor) {
      total++;
      if (!cursor.value.sentAt && !cursor.value.exportedAt) pending++;
      cursor = await cursor.continue();
    }
    return {
      today: today.length,
      todayNotPossible: today.filter((e) => e.event.outcome === 'not-possible').length,
      pending,
      total,
      ...(await this.syncCounts()),
    };
  }

  // ── Sync ─────────────────────────────────────────────────────────────────────

  /**
   * Reads entries in seq order a chunk at a time: one getAll per chunk is far quicker than a
   * cursor step per entry, and a week offline can leave thousands.
   */
  private async *scan(afterSeq = 0): AsyncGenerator<LogEntry> {
    const CHUNK = 500;
    let from = afterSeq;
    for (;;) {
      const chunk = await this.db.getAll('events', IDBKeyRange.lowerBound(from, true), CHUNK);
      yield* chunk;
      if (chunk.length < CHUNK) return;
      from = chunk.at(-1)!.event.seq;
    }
  }

  /** How many events wait to be sent, and how many the server refused. */
  async syncCounts(): Promise<{ waiting: number; refused: number }> {
    let waiting = 0;
    let refused = 0;
    for await (const entry of this.scan()) {
      if (entry.sentAt) continue;
      if (entry.syncError) refused++;
      else waiting++;
    }
    return { waiting, refused };
  }

  /**
   * The oldest events the server has not acknowledged, in seq order, at most `limit`, after
   * `afterSeq` (so one sync run need not read what it has just sent again). Events the server
   * refused are left out: sending them again would be refused again, and would hold the count
   * of waiting events above zero for ever. They are offered again by `retryRefused`, and after
   * a renewed enrolment.
   */
  async unsent(limit: number, afterSeq = 0): Promise<NoticeEvent[]> {
    const found: NoticeEvent[] = [];
    if (limit <= 0) return found;
    for await (const entry of this.scan(afterSeq)) {
      if (entry.sentAt || entry.syncError) continue;
      found.push(entry.event);
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * Marks the server's acknowledgements, durably, and only for these ids. Returns how many
   * entries changed. Under the log's lock, so an export writing its mark at the same moment
   * cannot overwrite this one.
   */
  async markSent(ids: readonly string[], at: Date | string): Promise<number> {
    const sentAt = typeof at === 'string' ? at : at.toISOString();
    return exclusive(async () => {
      const tx = this.db.transaction('events', 'readwrite', { durability: 'strict' });
      const byId = tx.store.index('id');
      let changed = 0;
      await Promise.all(
        ids.map(async (id) => {
          const entry = await byId.get(id);
          if (!entry || entry.sentAt) return;
          const { syncError: _cleared, ...rest } = entry;
          await tx.store.put({ ...rest, sentAt });
          changed++;
        }),
      );
      await tx.done;
      return changed;
    });
  }

  /**
   * Keeps the server's reasons on the events it refused (by id, or by seq where the server could
   * not read the id). They stay unsent: only an acknowledgement marks an event sent. Returns how
   * many entries changed.
   */
  async markRefused(rejections: readonly Rejection[], at: Date | string): Promise<number> {
    const when = typeof at === 'string' ? at : at.toISOString();
    return exclusive(async () => {
      const tx = this.db.transaction('events', 'readwrite', { durability: 'strict' });
      const byId = tx.store.index('id');
      let changed = 0;
      await Promise.all(
        rejections.map(async ({ id, seq, code, message, field }) => {
          const entry = id
            ? await byId.get(id)
            : typeof seq === 'number'
              ? await tx.store.get(seq)
              : undefined;
          if (!entry || entry.sentAt) return;
          const syncError: SyncRefusal = { code, message, at: when, ...(field ? { field } : {}) };
          await tx.store.put({ ...entry, syncError });
          changed++;
        }),
      );
      await tx.done;
      return changed;
    });
  }

  /** Offers the refused events to the server again (the officer asked to send now). */
  async retryRefused(): Promise<number> {
    return exclusive(async () => {
      const tx = this.db.transaction('events', 'readwrite', { durability: 'strict' });
      const changed = await this.clearRefusals(await tx.store.openCursor());
      await tx.done;
      return changed;
    });
  }

  /** Clears every refusal, from an open cursor over the events; returns how many it cleared. */
  private async clearRefusals(
    start: IDBPCursorWithValue<
      LogDB,
      ArrayLike<StoreNames<LogDB>>,
      'events',
      unknown,
      'readwrite'
    > | null,
  ): Promise<number> {
    let changed = 0;
    for (let cursor = start; cursor; cursor = await cursor.continue()) {
      if (!cursor.value.syncError) continue;
      const { syncError: _cleared, ...rest } = cursor.value;
      await cursor.update(rest);
      changed++;
    }
    return changed;
  }

  async syncMeta(): Promise<SyncMeta> {
    const stored = (await this.db.get('meta', 'sync')) as SyncMeta | undefined;
    return { lastSyncAt: null, stopped: null, ...stored };
  }

  async setSyncMeta(change: Partial<SyncMeta>): Promise<SyncMeta> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    const stored = (await tx.store.get('sync')) as SyncMeta | undefined;
    const next: SyncMeta = { lastSyncAt: null, stopped: null, ...stored, ...change };
    await tx.store.put(next, 'sync');
    await tx.done;
    return next;
  }

  /** Verifies the stored chain against this device's own key. */
  async verify(): Promise<VerifyResult> {
    const device = await this.device();
    const enrolment = await this.enrolment();
    const events = (await this.entries()).map((e) => e.event);
    return verifyEvents(
      events,
      await importPublicKey(device.publicKey),
      enrolment?.deviceId ?? device.deviceId,
      await this.checkpoint(),
      device.deviceId,
    );
  }

  async exportCsv(): Promise<string> {
    return toCsv((await this.entries()).map((e) => e.event));
  }

  /**
   * Exports every stored event as a verifiable bundle, with the device's public key and a signed
   * head, and marks the events exported (which lets retention purge them later).
   */
  async exportBundle(now = new Date()): Promise<Bundle> {
    const device = await this.device();
    return exclusive(async () => {
      // The current id: verification derives the local id from the key.
      const deviceId = (await this.enrolment())?.deviceId ?? device.deviceId;
      const entries = await this.entries();
      const checkpoint = await this.checkpoint();
      const last = entries.at(-1)?.event;
      const exportedAt = now.toISOString();
      const head = last
        ? { seq: last.seq, hash: last.hash }
        : (checkpoint ?? { seq: 0, hash: GENESIS_HASH });
      const frame = {
        deviceId,
        exportedAt,
        head: { seq: head.seq, hash: head.hash, sig: '' },
      };
      const bundle: Bundle = {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exportedAt,
        deviceId,
        publicKey: device.publicKey,
        checkpoint,
        head: { ...frame.head, sig: await signValue(headBody(frame), device.privateKey) },
        events: entries.map((e) => e.event),
      };
      const tx = this.db.transaction('events', 'readwrite', { durability: 'strict' });
      await Promise.all(entries.map((entry) => tx.store.put({ ...entry, exportedAt })));
      await tx.done;
      return bundle;
    });
  }

  /**
   * Removes events older than the retention period, but only those already sent or exported, and
   * only from the start of the chain, so what remains is one unbroken run. The last removed event
   * becomes a signed checkpoint, from which verification of the rest starts.
   */
  async purge(now = new Date()): Promise<number> {
    const device = await this.device();
    const { retentionDays } = await this.settings();
    const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
    return exclusive(async () => {
      const removable: LogEntry[] = [];
      let cursor = await this.db.transaction('events').store.openCursor();
      while (cursor) {
        const entry = cursor.value;
        if (entry.event.shownAt >= cutoff || !(entry.sentAt || entry.exportedAt)) break;
        removable.push(entry);
        cursor = await cursor.continue();
      }
      const last = removable.at(-1)?.event;
      if (!last) return 0;
      const body = {
        // The id of the last event it stands for, so verification knows whether the chain had
        // already switched to the enrolled id.
        deviceId: last.deviceId,
        seq: last.seq,
        hash: last.hash,
        at: now.toISOString(),
      };
      const checkpoint: Checkpoint = { ...body, sig: await signValue(body, device.privateKey) };
      const tx = this.db.transaction(['events', 'meta'], 'readwrite', { durability: 'strict' });
      await tx.objectStore('events').delete(IDBKeyRange.upperBound(last.seq));
      await tx.objectStore('meta').put(checkpoint, 'checkpoint');
      await tx.done;
      return removable.length;
    });
  }
}

export type PersistenceState = 'persistent' | 'best-effort' | 'unsupported';

/** Asks the browser not to clear this origin's storage under pressure; returns the answer. */
export async function requestPersistence(): Promise<PersistenceState> {
  if (!navigator.storage?.persist) return 'unsupported';
  try {
    if (await navigator.storage.persisted()) return 'persistent';
    return (await navigator.storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}
