/**
 * The sync client: sends the log's unsent events to the force's server and marks sent only what
 * the server acknowledged. No UI: the kiosk's log panel listens for `change` and reads `state`.
 *
 * - Sends when online: on start, after each saved notice (`nudge`), on the window's `online`
 *   event, on an interval, and when the officer asks (`sendNow`).
 * - Batches of SYNC_BATCH, oldest first, until nothing is waiting; progress is reported so a
 *   device that was offline for a week says how far it has got.
 * - On failure, exponential backoff with full jitter (a random wait between 0 and the ceiling,
 *   which doubles each time up to a cap), so a fleet of tablets coming back online together does
 *   not hammer the server in step. A Retry-After from the server is honoured as given.
 * - One run at a time, also across tabs (a Web Lock named after the log).
 * - A 401 or 403 (token refused, device revoked) stops syncing until the device is enrolled again
 *   or the officer asks: trying again would not help, and the officer must be told.
 */
import {
  enrolmentProof,
  SYNC_BATCH,
  type EnrolReply,
  type EnrolRequest,
  type IngestReply,
  type NonceReply,
  type Rejection,
} from '../schema/api.js';
import type { NoticeEvent } from '../schema/notice-event.js';
import type { ContentSync } from '../content/delivery.js';
import type { DeviceLog, Enrolment, Identity, SyncMeta } from './store.js';

/** What the client needs of the log: DeviceLog, or a stand-in in tests. */
export type SyncLog = Pick<
  DeviceLog,
  | 'name'
  | 'identity'
  | 'proveKey'
  | 'enrolment'
  | 'enrol'
  | 'unsent'
  | 'markSent'
  | 'markRefused'
  | 'retryRefused'
  | 'syncCounts'
  | 'syncMeta'
  | 'setSyncMeta'
>;

export type SyncErrorKind =
  | 'offline'
  | 'network'
  | 'server'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-token'
  | 'revoked'
  | 'storage';

export interface SyncError {
  kind: SyncErrorKind;
  /** The HTTP status, where the server answered. */
  status?: number;
  /** The server's error code, where it gave one. */
  code?: string;
  message: string;
}

export interface SyncState {
  enrolled: boolean;
  deviceId: string | null;
  area: string | null;
  /** Events the server has not acknowledged and has not refused (counted once enrolled). */
  waiting: number;
  /** Events the server refused: kept, not marked sent, and not sent again automatically. */
  refused: number;
  /** When the server last acknowledged a batch (ISO), persisted in the log. */
  lastSyncAt: string | null;
  lastError: SyncError | null;
  running: boolean;
  /** While a run sends: how many of how many it has dealt with. */
  progress: { sent: number; total: number } | null;
  /** When the next automatic attempt is due (epoch ms), if one is scheduled. */
  nextAttemptAt: number | null;
  /** Set when the server refused the token or revoked the device: automatic syncing stops. */
  stopped: 'bad-token' | 'revoked' | null;
}

export type EnrolResult =
  | { ok: true; enrolment: Enrolment }
  | {
      ok: false;
      /** The server's code (`invalid`, `bad-code`, `already-enrolled`), or what went wrong here. */
      code:
        | 'empty'
        | 'invalid'
        | 'bad-code'
        | 'already-enrolled'
        | 'rate-limited'
        | 'offline'
        | 'network'
        | 'conflict'
        | 'server';
      message: string;
    };

/** Timers and the time, injectable so tests need not wait. */
export interface SyncClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncOptions {
  log: SyncLog;
  fetch?: typeof fetch;
  clock?: SyncClock;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
  /** Where `online` and `offline` are heard; none in tests that do not need it. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  isOnline?: () => boolean;
  /** Null for no cross-tab lock (tests); the browser's by default. */
  locks?: LockManager | null;
  eventsUrl?: string;
  devicesUrl?: string;
  batchSize?: number;
  intervalMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Brings the force's content up to date after each run that has sent everything. */
  content?: ContentSync;
}

const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const SYNC_INTERVAL_MS = 60_000;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The ceiling of the n-th backoff (n from 1): base × 2^(n−1), capped. */
export function backoffCeiling(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Retry-After in ms from now: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function isIngestReply(value: unknown): value is IngestReply {
  const reply = value as Partial<IngestReply> | null;
  return (
    !!reply &&
    Array.isArray(reply.accepted) &&
    Array.isArray(reply.duplicate) &&
    Array.isArray(reply.rejected) &&
    reply.accepted.every((id) => typeof id === 'string') &&
    reply.duplicate.every((id) => typeof id === 'string') &&
    reply.rejected.every(
      (r: Partial<Rejection> | null) =>
        !!r && typeof r.code === 'string' && typeof r.message === 'string',
    )
  );
}

async function readError(response: Response): Promise<{ code?: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return {
      code: body.error?.code,
      message: body.error?.message ?? `${response.status} ${response.statusText}`,
    };
  } catch {
    return { message: `${response.status} ${response.statusText}`.trim() };
  }
}

type EnrolFailure = Extract<EnrolResult, { ok: false }>['code'];

/** The officer is told by code: the server's own where it gave one, else by the status. */
function enrolFailure(status: number, code: string | undefined): EnrolFailure {
  if (code === 'invalid' || code === 'bad-code' || code === 'already-enrolled') return code;
  const byStatus: Record<number, EnrolFailure> = {
    400: 'invalid',
    403: 'bad-code',
    409: 'already-enrolled',
    429: 'rate-limited',
  };
  return byStatus[status] ?? 'server';
}

/** A run's outcome, for the scheduler. */
type Outcome =
  | { kind: 'done' }
  | { kind: 'skipped' }
  | { kind: 'stopped' }
  | { kind: 'failed'; retryAfterMs: number | null };

export class SyncClient extends EventTarget {
  state: SyncState = {
    enrolled: false,
    deviceId: null,
    area: null,
    waiting: 0,
    refused: 0,
    lastSyncAt: null,
    lastError: null,
    running: false,
    progress: null,
    nextAttemptAt: null,
    stopped: null,
  };

  private readonly log: SyncLog;
  private readonly fetch: typeof fetch;
  private readonly clock: SyncClock;
  private readonly random: () => number;
  private readonly win: SyncOptions['window'];
  private readonly isOnline: () => boolean;
  private readonly locks: LockManager | null;
  private readonly eventsUrl: string;
  private readonly devicesUrl: string;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly baseMs: number;
  private readonly capMs: number;
  readonly content?: ContentSync;

  /** Failures in a row, for the backoff. */
  private attempts = 0;
  /** Until when the server asked us to wait (Retry-After), epoch ms. */
  private notBefore = 0;
  private timer: unknown;
  private current?: Promise<void>;
  /** Asked to run while running: run once more after, for events saved meanwhile. */
  private again = false;
  private started = false;

  constructor(options: SyncOptions) {
    super();
    this.log = options.log;
    // Bound: a bare `fetch` called as a method of this object throws "Illegal invocation".
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.win = options.window === undefined ? globalThis.window : options.window;
    this.isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine !== false);
    this.locks =
      options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
    this.eventsUrl = options.eventsUrl ?? '/api/events';
    this.devicesUrl = options.devicesUrl ?? '/api/devices';
    this.batchSize = options.batchSize ?? SYNC_BATCH;
    this.intervalMs = options.intervalMs ?? SYNC_INTERVAL_MS;
    this.baseMs = options.backoffBaseMs ?? BACKOFF_BASE_MS;
    this.capMs = options.backoffCapMs ?? BACKOFF_CAP_MS;
    this.content = options.content;
  }

  /** Reads the state, listens for connectivity, and starts syncing. Resolves after the first run. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.win?.addEventListener('online', this.onOnline);
    this.win?.addEventListener('offline', this.onOffline);
    await this.refresh();
    await this.sync();
  }

  /** Stops listening and cancels the next attempt; a run in progress finishes its batch. */
  stop(): void {
    this.started = false;
    this.win?.removeEventListener('online', this.onOnline);
    this.win?.removeEventListener('offline', this.onOffline);
    this.cancelTimer();
    this.set({ nextAttemptAt: null });
  }

  /** Something was saved: send it soon, unless waiting out a failure. */
  nudge(): Promise<void> {
    return this.sync();
  }

  /**
   * The officer's "Send now": tries at once, past any backoff and past a stop (the administrator
   * may have put things right), and offers refused events again. Only the server's own
   * Retry-After still holds.
   */
  async sendNow(): Promise<void> {
    this.attempts = 0;
    if (this.state.stopped) {
      await this.log.setSyncMeta({ stopped: null });
      this.set({ stopped: null });
    }
    await this.log.retryRefused().catch(() => 0);
    await this.sync({ manual: true });
  }

  /** Re-reads the counts and the persisted sync state from the log. */
  async refresh(): Promise<void> {
    try {
      const [identity, meta] = await Promise.all([this.log.identity(), this.log.syncMeta()]);
      this.applyIdentity(identity, meta);
      // Counting reads every event: only worth it once there is somewhere to send them.
      if (this.state.enrolled) this.set(await this.log.syncCounts());
    } catch (error) {
      this.set({ lastError: { kind: 'storage', message: (error as Error).message } });
    }
  }

  /**
   * Enrols this device with a one-time code: asks for a nonce, sends the code and the device's
   * public key with its signature over both, and keeps the reply. Syncing starts at once after.
   */
  async enrol(code: string): Promise<EnrolResult> {
    const trimmed = code.trim();
    if (!trimmed) return { ok: false, code: 'empty', message: 'No code was entered.' };
    if (!this.isOnline()) return { ok: false, code: 'offline', message: 'This device is offline.' };
    const { publicKey } = await this.log.identity();
    let response: Response;
    try {
      // A fresh challenge from the server, signed with the device key with the code: proof that
      // this device holds the key, which a copied code and public key are not.
      const challenge = await this.fetch(`${this.devicesUrl}/nonce`, {
        method: 'POST',
        credentials: 'omit',
      });
      if (challenge.status !== 201 && challenge.status !== 200) {
        const { code: serverCode, message } = await readError(challenge);
        return { ok: false, code: enrolFailure(challenge.status, serverCode), message };
      }
      const { nonce } = (await challenge.json()) as NonceReply;
      const signature = await this.log.proveKey(enrolmentProof(trimmed, nonce));
      const body: EnrolRequest = { code: trimmed, publicKey, nonce, signature };
      response = await this.fetch(this.devicesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (error) {
      return { ok: false, code: 'network', message: (error as Error).message };
    }
    if (response.status !== 201 && response.status !== 200) {
      const { code: serverCode, message } = await readError(response);
      return { ok: false, code: enrolFailure(response.status, serverCode), message };
    }
    let reply: EnrolReply;
    try {
      reply = (await response.json()) as EnrolReply;
      if (typeof reply.deviceId !== 'string' || typeof reply.token !== 'string') throw new Error();
    } catch {
      return {
        ok: false,
        code: 'server',
        message: 'The server sent an enrolment reply this app cannot read.',
      };
    }
    let enrolment: Enrolment;
    try {
      enrolment = await this.log.enrol(reply, new Date(this.clock.now()));
    } catch (error) {
      return { ok: false, code: 'conflict', message: (error as Error).message };
    }
    this.attempts = 0;
    this.set({ lastError: null, stopped: null });
    await this.refresh();
    void this.sync();
    return { ok: true, enrolment };
  }

  /**
   * Runs once, unless a run is going (then once more after it). Automatic runs respect the
   * backoff and a stop; a manual one only the server's Retry-After.
   */
  sync({ manual = false } = {}): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = this.runScheduled(manual).finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async runScheduled(manual: boolean): Promise<void> {
    let outcome: Outcome;
    do {
      this.again = false;
      outcome = await this.runOnce(manual);
      manual = false;
    } while (this.again && outcome.kind === 'done');
    this.schedule(outcome);
  }

  private async runOnce(manual: boolean): Promise<Outcome> {
    await this.refresh();
    if (!this.state.enrolled) return { kind: 'skipped' };
    if (this.state.stopped && !manual) return { kind: 'stopped' };
    if (!this.isOnline()) {
      this.set({ lastError: { kind: 'offline', message: 'This device is offline.' } });
      return { kind: 'skipped' };
    }
    const now = this.clock.now();
    if (now < this.notBefore) return { kind: 'failed', retryAfterMs: this.notBefore - now };
    if (
      !manual &&
      this.state.nextAttemptAt !== null &&
      now < this.state.nextAttemptAt &&
      this.attempts > 0
    ) {
      return { kind: 'skipped' };
    }
    const outcome = this.state.waiting ? await this.sendLocked(manual) : { kind: 'done' as const };
    // The log first: content is fetched only once everything waiting has been sent.
    if (outcome.kind === 'done' && this.content) {
      const enrolment = await this.log.enrolment();
      if (enrolment) await this.content.update(enrolment);
    }
    return outcome;
  }

  private async sendLocked(manual: boolean): Promise<Outcome> {
    const work = () => this.send();
    if (!this.locks) return work();
    // Another tab may be sending: an automatic run leaves it to that tab; the officer's waits.
    const lockName = `forewarn-sync:${this.log.name}`;
    return manual
      ? this.locks.request(lockName, work)
      : this.locks.request(lockName, { ifAvailable: true }, (lock) =>
          lock ? work() : ({ kind: 'skipped' } as const),
        );
  }

  /** Sends every waiting event, a batch at a time. */
  private async send(): Promise<Outcome> {
    const enrolment = await this.log.enrolment();
    if (!enrolment) return { kind: 'skipped' };
    // Counted again under the lock: another tab may have just sent some.
    const counts = await this.log.syncCounts();
    let total = counts.waiting;
    let sent = 0;
    let afterSeq = 0;
    let size = this.batchSize;
    this.set({ ...counts, running: true, progress: { sent, total } });
    try {
      for (;;) {
        const batch = await this.log.unsent(size, afterSeq);
        if (!batch.length) break;
        total = Math.max(total, sent + batch.length);
        const result = await this.post(batch, enrolment);
        if (result.kind === 'too-large' && size > 1) {
          // The server's body limit is smaller than this batch: halve it and go on.
          size = Math.max(1, Math.floor(size / 2));
          continue;
        }
        if (result.kind === 'too-large') {
          // One event alone is too large: it will never fit, so it is refused like any other.
          await this.log.markRefused(
            [{ id: batch[0]!.id, seq: batch[0]!.seq, code: 'invalid', message: result.message }],
            new Date(this.clock.now()),
          );
          afterSeq = batch[0]!.seq;
          sent += 1;
          continue;
        }
        if (result.kind !== 'ok') return this.fail(result);
        const { acknowledged, refused } = await this.record(batch, result.reply);
        afterSeq = batch.at(-1)!.seq;
        sent += batch.length;
        const lastSyncAt = new Date(this.clock.now()).toISOString();
        await this.log.setSyncMeta({ lastSyncAt });
        this.attempts = 0;
        this.set({
          lastSyncAt,
          lastError: null,
          waiting: Math.max(0, this.state.waiting - acknowledged - refused),
          refused: this.state.refused + refused,
          progress: { sent, total },
        });
      }
      return { kind: 'done' };
    } catch (error) {
      // The log itself failed (storage): nothing was marked that the server did not acknowledge.
      this.attempts++;
      this.set({ lastError: { kind: 'storage', message: (error as Error).message } });
      return { kind: 'failed', retryAfterMs: null };
    } finally {
      this.set({ running: false, progress: null });
      await this.refresh();
    }
  }

  private async post(
    batch: NoticeEvent[],
    enrolment: Enrolment,
  ): Promise<
    | { kind: 'ok'; reply: IngestReply }
    | { kind: 'too-large'; message: string }
    | {
        kind: 'error';
        error: SyncError;
        retryAfterMs: number | null;
        stop?: 'bad-token' | 'revoked';
      }
  > {
    let response: Response;
    try {
      response = await this.fetch(this.eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${enrolment.token}`,
        },
        body: JSON.stringify({ sentAt: new Date(this.clock.now()).toISOString(), events: batch }),
        credentials: 'omit',
      });
    } catch (error) {
      const offline = !this.isOnline();
      return {
        kind: 'error',
        error: { kind: offline ? 'offline' : 'network', message: (error as Error).message },
        retryAfterMs: null,
      };
    }
    if (response.status === 200) {
      const reply: unknown = await response.json().catch(() => null);
      if (isIngestReply(reply)) return { kind: 'ok', reply };
      return {
        kind: 'error',
        error: {
          kind: 'server',
          status: 200,
          message: 'The server sent a reply this app cannot read.',
        },
        retryAfterMs: null,
      };
    }
    const { code, message } = await readError(response);
    const status = response.status;
    if (status === 413) return { kind: 'too-large', message };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
    if (status === 401) {
      return {
        kind: 'error',
        error: { kind: 'bad-token', status, code, message },
        retryAfterMs,
        stop: 'bad-token',
      };
    }
    if (status === 403) {
      return {
        kind: 'error',
        error: { kind: 'revoked', status, code, message },
        retryAfterMs,
        stop: 'revoked',
      };
    }
    const kind: SyncErrorKind =
      status === 429 ? 'rate-limited' : status === 503 ? 'unavailable' : 'server';
    return { kind: 'error', error: { kind, status, code, message }, retryAfterMs };
  }

  /** Marks what the server acknowledged, and keeps what it refused; nothing else changes. */
  private async record(
    batch: NoticeEvent[],
    reply: IngestReply,
  ): Promise<{ acknowledged: number; refused: number }> {
    // Only ids that were in this batch: a reply naming others is not taken as their receipt.
    const inBatch = new Set(batch.map((e) => e.id));
    const acknowledged = [...reply.accepted, ...reply.duplicate].filter((id) => inBatch.has(id));
    const bySeq = new Map(batch.map((e) => [e.seq, e.id]));
    const refused = reply.rejected.filter(
      (r) =>
        (r.id && inBatch.has(r.id)) || (!r.id && typeof r.seq === 'number' && bySeq.has(r.seq)),
    );
    const at = new Date(this.clock.now());
    const marked = await this.log.markSent(acknowledged, at);
    const kept = await this.log.markRefused(refused, at);
    return { acknowledged: marked, refused: kept };
  }

  private async fail(result: {
    error: SyncError;
    retryAfterMs: number | null;
    stop?: 'bad-token' | 'revoked';
  }): Promise<Outcome> {
    if (result.stop) {
      const at = new Date(this.clock.now()).toISOString();
      await this.log.setSyncMeta({
        stopped: { code: result.stop, message: result.error.message, at },
      });
      this.set({ stopped: result.stop, lastError: result.error });
      return { kind: 'stopped' };
    }
    this.attempts++;
    if (result.retryAfterMs !== null) this.notBefore = this.clock.now() + result.retryAfterMs;
    this.set({ lastError: result.error });
    return { kind: 'failed', retryAfterMs: result.retryAfterMs };
  }

  /** Sets the next attempt: the interval after success, a jittered backoff after failure. */
  private schedule(outcome: Outcome): void {
    if (!this.started) return;
    this.cancelTimer();
    if (outcome.kind === 'stopped') {
      this.set({ nextAttemptAt: null });
      return;
    }
    let delay = this.intervalMs;
    if (outcome.kind === 'failed' && outcome.retryAfterMs !== null) {
      // The server said when: then, never sooner, spread by up to one base interval so that
      // devices told the same thing do not all come back in the same second.
      delay = outcome.retryAfterMs + Math.floor(this.random() * this.baseMs);
    } else if (outcome.kind === 'failed') {
      // Full jitter: anywhere from 0 to the ceiling, which doubles with each failure.
      delay = Math.floor(this.random() * backoffCeiling(this.attempts, this.baseMs, this.capMs));
    } else if (
      outcome.kind === 'skipped' &&
      this.state.nextAttemptAt !== null &&
      this.attempts > 0
    ) {
      // Waiting out a backoff: keep the time already set.
      delay = Math.max(0, this.state.nextAttemptAt - this.clock.now());
    }
    const at = this.clock.now() + delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.sync();
    }, delay);
    this.set({ nextAttemptAt: at });
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly onOnline = () => {
    // The network is back: what failed for want of it may work now. The server's own
    // Retry-After still holds.
    this.attempts = 0;
    this.set({ nextAttemptAt: null });
    void this.sync();
  };

  private readonly onOffline = () => {
    this.set({ lastError: { kind: 'offline', message: 'This device is offline.' } });
  };

  private applyIdentity(identity: Identity, meta: SyncMeta): void {
    this.set({
      enrolled: identity.enrolledId !== null,
      deviceId: identity.enrolledId,
      area: identity.area,
      lastSyncAt: meta.lastSyncAt,
      stopped: meta.stopped?.code ?? null,
    });
  }

  private set(change: Partial<SyncState>): void {
    this.state = { ...this.state, ...change };
    this.dispatchEvent(new Event('change'));
  }
}
