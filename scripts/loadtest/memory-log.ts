/**
 * A device's evidence log in memory, for the load test: what the real SyncClient needs of a log
 * (SyncLog), holding events that test/server/harness.ts signed, so that simulated devices sync
 * through the kiosk's own client code without a browser or IndexedDB.
 */
import type { EnrolReply, Rejection } from '../../src/schema/api.js';
import type { NoticeEvent } from '../../src/schema/notice-event.js';
import type { Enrolment, Identity, SyncMeta } from '../../src/log/store.js';
import type { SyncLog } from '../../src/log/sync.js';
import { signValue } from '../../src/log/chain.js';
import type { TestDevice } from '../../test/server/harness.js';

interface Entry {
  event: NoticeEvent;
  sentAt?: string;
  refusal?: Rejection;
}

export class MemoryLog implements SyncLog {
  readonly name: string;
  /** In seq order, as the device's chain is. */
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private meta: SyncMeta = { lastSyncAt: null, stopped: null };
  private enrolled: Enrolment;
  private waiters: (() => void)[] = [];

  constructor(private readonly device: TestDevice) {
    this.name = `loadtest-${device.deviceId}`;
    this.enrolled = {
      deviceId: device.deviceId,
      token: device.token,
      area: device.area,
      enrolledAt: new Date().toISOString(),
    };
  }

  /** Adds events the device has logged (already signed, continuing its chain). */
  append(events: readonly NoticeEvent[]): void {
    for (const event of events) {
      const entry = { event };
      this.entries.push(entry);
      this.byId.set(event.id, entry);
    }
  }

  /** Resolves once every event is acknowledged by the server or refused by it. */
  settled(): Promise<void> {
    if (this.entries.every((e) => e.sentAt || e.refusal)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    if (!this.entries.every((e) => e.sentAt || e.refusal)) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  async identity(): Promise<Identity> {
    return {
      deviceId: this.enrolled.deviceId,
      localId: this.device.localId,
      enrolledId: this.enrolled.deviceId,
      area: this.enrolled.area,
      enrolledAt: this.enrolled.enrolledAt,
      publicKey: this.device.publicJwk,
    };
  }

  proveKey(challenge: unknown): Promise<string> {
    return signValue(challenge, this.device.keys.privateKey);
  }

  async enrolment(): Promise<Enrolment | null> {
    return this.enrolled;
  }

  async enrol(reply: EnrolReply, now = new Date()): Promise<Enrolment> {
    this.enrolled = { ...reply, enrolledAt: now.toISOString() };
    return this.enrolled;
  }

  async unsent(limit: number, afterSeq = 0): Promise<NoticeEvent[]> {
    const found: NoticeEvent[] = [];
    for (const entry of this.entries) {
      if (found.length >= limit) break;
      if (entry.event.seq > afterSeq && !entry.sentAt && !entry.refusal) found.push(entry.event);
    }
    return found;
  }

  async markSent(ids: readonly string[], at: Date | string): Promise<number> {
    let changed = 0;
    for (const id of ids) {
      const entry = this.byId.get(id);
      if (!entry || entry.sentAt) continue;
      entry.sentAt = typeof at === 'string' ? at : at.toISOString();
      delete entry.refusal;
      changed++;
    }
    this.wake();
    return changed;
  }

  async markRefused(rejections: readonly Rejection[], _at: Date | string): Promise<number> {
    let changed = 0;
    for (const rejection of rejections) {
      const entry = rejection.id
        ? this.byId.get(rejection.id)
        : this.entries.find((e) => e.event.seq === rejection.seq);
      if (!entry || entry.sentAt) continue;
      entry.refusal = rejection;
      changed++;
    }
    this.wake();
    return changed;
  }

  async retryRefused(): Promise<number> {
    let changed = 0;
    for (const entry of this.entries) {
      if (entry.refusal) {
        delete entry.refusal;
        changed++;
      }
    }
    return changed;
  }

  async syncCounts(): Promise<{ waiting: number; refused: number }> {
    let waiting = 0;
    let refused = 0;
    for (const entry of this.entries) {
      if (entry.sentAt) continue;
      if (entry.refusal) refused++;
      else waiting++;
    }
    return { waiting, refused };
  }

  async syncMeta(): Promise<SyncMeta> {
    return { ...this.meta };
  }

  async setSyncMeta(change: Partial<SyncMeta>): Promise<SyncMeta> {
    this.meta = { ...this.meta, ...change };
    return { ...this.meta };
  }
}
