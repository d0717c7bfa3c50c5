import type { ReactiveControllerHost } from 'lit';
import type { NoticeEvent, NoticeRecord } from '../schema/notice-event.js';
import type { DeviceLog, PersistenceState } from '../log/store.js';
import type { SyncClient } from '../log/sync.js';

export type SaveFailure = 'full' | 'blocked' | 'other';

/** Why storage failed, in the officer's terms: full, blocked (private mode, policy), or other. */
function classify(error: unknown): SaveFailure {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'full';
  if (
    [
      'InvalidStateError',
      'SecurityError',
      'NotSupportedError',
      'UnknownError',
      'NotAllowedError',
    ].includes(name ?? '')
  ) {
    return 'blocked';
  }
  return 'other';
}

/**
 * The kiosk's log writer: turns each ended notice and each "not possible" into a log append,
 * after the notice has been painted, and keeps the officer told. The log (and the crypto behind
 * it) loads on demand, never in the first paint. A record that cannot be saved is kept, in order,
 * until "Try again" saves it: nothing is dropped silently.
 */
export class LogWriter {
  /** Records not yet saved, oldest first. */
  unsaved: NoticeRecord[] = [];
  failure?: { kind: SaveFailure; reason: string };
  persistence?: PersistenceState;
  /** Counts each save, so views that show the log know to refresh. */
  revision = 0;

  private log?: Promise<DeviceLog>;
  private syncing?: Promise<SyncClient>;
  private queue: Promise<unknown> = Promise.resolve();

  /** `host` re-renders whenever what the officer should see changes. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** Opens the log (once), and asks the browser to keep it. */
  open(): Promise<DeviceLog> {
    // The log's strings come with it: a save confirmation or failure is the first to need them.
    this.log ??= Promise.all([import('../log/store.js'), import('./log-strings.js')]).then(
      async ([{ DeviceLog, requestPersistence }]) => {
        const log = await DeviceLog.open();
        void requestPersistence().then((state) => {
          this.persistence = state;
          this.host.requestUpdate();
        });
        // Sending starts with the log, so it never waits for the officer to open the panel.
        void this.sync().catch(() => undefined);
        return log;
      },
    );
    // A log that failed to open may open next time (storage freed, a normal window).
    this.log.catch(() => (this.log = undefined));
    return this.log;
  }

  /**
   * The sync client (loaded once, with the log, after the first paint), which sends the log to
   * the force's server once the device is enrolled, and brings the force's content up to date.
   */
  sync(): Promise<SyncClient> {
    this.syncing ??= Promise.all([
      this.open(),
      import('../log/sync.js'),
      import('../content/delivery.js'),
    ]).then(([log, { SyncClient }, { ContentSync }]) => {
      const client = new SyncClient({ log, content: new ContentSync() });
      void client.start();
      return client;
    });
    this.syncing.catch(() => (this.syncing = undefined));
    return this.syncing;
  }

  /**
   * Saves a record. Resolves with the stored event once it is on disk, or undefined when it could
   * not be saved (the record is kept and the officer told). Saves happen one at a time, in order;
   * while earlier records wait to be saved, a new one waits behind them, so the log keeps the
   * order in which things happened.
   */
  record(record: NoticeRecord): Promise<NoticeEvent | undefined> {
    return this.enqueue(async () => {
      if (this.unsaved.length) {
        this.unsaved.push(record);
        return undefined;
      }
      const event = await this.append(record);
      if (!event) this.unsaved.push(record);
      return event;
    });
  }

  /** Tries again to save what could not be saved, oldest first, stopping at the first failure. */
  retry(): Promise<void> {
    return this.enqueue(async () => {
      while (this.unsaved.length && (await this.append(this.unsaved[0]!))) this.unsaved.shift();
    });
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const done = this.queue.then(job).finally(() => this.host.requestUpdate());
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async append(record: NoticeRecord): Promise<NoticeEvent | undefined> {
    try {
      const log = await this.open();
      const started = performance.now();
      const event = await log.append(record);
      // The bench reads this: one append, validated, chained, signed and durably written.
      performance.measure('fw-log-append', { start: started });
      this.failure = undefined;
      this.revision++;
      // Send it soon; the client waits out a backoff or a stop on its own.
      void this.syncing?.then((client) => client.nudge());
      return event;
    } catch (error) {
      this.failure = { kind: classify(error), reason: (error as Error)?.message ?? String(error) };
      console.error('Forewarn could not save a notice to the log:', error);
      return undefined;
    }
  }
}
