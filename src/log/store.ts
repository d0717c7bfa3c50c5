/**
 * The evidence log on the device: an append-only, hash-chained, signed store in IndexedDB.
 *
 * - Every event is validated before it is written, and written with strict durability, so that
 *   "saved" means on disk, not in a cache the browser may drop on a crash.
 * - One writer at a time across tabs (a Web Lock); and `seq` is the store's key, so even without
 *   the lock two writers cannot both add the same seq and fork the chain.
 * - The device's signing key is generated here, cannot be exported, and never leaves IndexedDB.
 * - Nothing here knows of the UI: the kiosk's log writer calls it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { v7 as uuidv7 } from 'uuid';
import { GENESIS_HASH, SCHEMA_VERSION } from '../schema/notice-event.js';
import {
  checkUnsignedEvent,
  type NoticeEvent,
  type NoticeRecord,
  type UnsignedEvent,
} from '../schema/validator.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, headBody, type Bundle, type Checkpoint } from './bundle.js';
import {
  canonicalBytes,
  generateDeviceKey,
  importPublicKey,
  seal,
  sha256Hex,
  signValue,
} from './chain.js';
import { toCsv } from './csv.js';
import { verifyEvents, type VerifyResult } from './verify.js';

export interface LogEntry {
  event: NoticeEvent;
  /** When a server acknowledged it (sync, later). */
  sentAt?: string;
  /** When it was last exported in a verifiable JSON bundle. */
  exportedAt?: string;
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
  meta: { key: 'device' | 'settings' | 'checkpoint'; value: Device | LogSettings | Checkpoint };
}

/** A record the schema refuses: it is never written. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

const LOCK = 'forewarn-log';

/** One writer at a time across every tab of this origin; where Web Locks are missing, the seq key still prevents a fork. */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request(LOCK, work) : work();
}

export class DeviceLog {
  private deviceCache?: Promise<Device>;

  private constructor(private readonly db: IDBPDatabase<LogDB>) {}

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
    return new DeviceLog(db);
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
      const fingerprint = await sha256Hex(
        canonicalBytes({ crv: publicKey.crv, kty: publicKey.kty, x: publicKey.x, y: publicKey.y }),
      );
      const device: Device = {
        // A local id until the device is enrolled with a server.
        deviceId: `local-${fingerprint.slice(0, 24)}`,
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

  async identity(): Promise<{ deviceId: string; publicKey: JsonWebKey }> {
    const { deviceId, publicKey } = await this.device();
    return { deviceId, publicKey };
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
    const { area } = await this.settings();
    return exclusive(async () => {
      const head = await this.head();
      const unsigned: UnsignedEvent = {
        id: uuidv7(),
        v: SCHEMA_VERSION,
        deviceId: device.deviceId,
        seq: head.seq + 1,
        ...record,
        ...(area ? { area } : {}),
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
  async summary(
    now = new Date(),
  ): Promise<{ today: number; todayNotPossible: number; pending: number; total: number }> {
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
    };
  }

  /** Verifies the stored chain against this device's own key. */
  async verify(): Promise<VerifyResult> {
    const device = await this.device();
    const events = (await this.entries()).map((e) => e.event);
    return verifyEvents(
      events,
      await importPublicKey(device.publicKey),
      device.deviceId,
      await this.checkpoint(),
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
      const entries = await this.entries();
      const checkpoint = await this.checkpoint();
      const last = entries.at(-1)?.event;
      const exportedAt = now.toISOString();
      const head = last
        ? { seq: last.seq, hash: last.hash }
        : (checkpoint ?? { seq: 0, hash: GENESIS_HASH });
      const frame = {
        deviceId: device.deviceId,
        exportedAt,
        head: { seq: head.seq, hash: head.hash, sig: '' },
      };
      const bundle: Bundle = {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exportedAt,
        deviceId: device.deviceId,
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
        deviceId: device.deviceId,
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
