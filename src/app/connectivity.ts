import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { whenIdle } from '../../components/shared/after-paint.js';

/** How long a probe may take before the server counts as not answering. */
const TIMEOUT_MS = 5000;
/** How often to ask again: briskly while offline, so the officer soon sees the server is back. */
const OFFLINE_EVERY_MS = 20_000;
const ONLINE_EVERY_MS = 120_000;

/**
 * Whether the Forewarn server answers: the one rule for "online" (the kiosk's status line, and the
 * page shown when a view that needs the server cannot load). `navigator.onLine === false` is
 * believed at once; otherwise `GET /api/health` must answer as only this server does.
 */
export async function serverAnswers(
  fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const response = await fetch('/api/health', {
      cache: 'no-store',
      credentials: 'omit',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Only our server says this: a captive portal's login page, a proxy's error page or an
    // HTML 200 from anywhere else is not an answer. A 503 `unavailable` is the server saying its
    // store is down: the network to it works, and the log sends again when the store is back,
    // so the officer is not told "Offline".
    if (!response.headers.get('content-type')?.includes('application/json')) return false;
    const body = (await response.json()) as {
      status?: unknown;
      error?: { code?: unknown };
    } | null;
    return (
      (response.ok && body?.status === 'ok') ||
      (response.status === 503 && body?.error?.code === 'unavailable')
    );
  } catch {
    return false;
  }
}

/**
 * Whether the Forewarn server answers, for the officer's Online/Offline line.
 *
 * `navigator.onLine` only says a network interface is up: it stays true behind a captive portal,
 * on a dead link, and (Debian's Chromium) after reloading a page that went offline. So it is a
 * hint here: `false` and the `offline` event mean offline at once; `online`, the page becoming
 * visible, and a timer (brisk while offline, slow while online) ask `GET /api/health` again.
 * Only one probe runs at a time, and the first waits until the home screen has painted.
 */
export class Connectivity implements ReactiveController {
  /** Before the first answer, what the browser believes: an online load never flashes "Offline". */
  online = navigator.onLine;

  private pending?: Promise<boolean>;
  /** Bumped by an `offline` event, so a probe already under way cannot overrule it. */
  private epoch = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private connected = false;

  /** `fetch` is injected by tests; the page's own otherwise. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetch?: typeof globalThis.fetch,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    addEventListener('online', this.probe);
    addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibility);
    whenIdle(() => {
      if (this.connected) void this.probe();
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    removeEventListener('online', this.probe);
    removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.timer);
  }

  /** Asks the server now, unless a probe is already under way; resolves to the new status. */
  readonly probe = (): Promise<boolean> => {
    if (this.pending) return this.pending;
    const epoch = this.epoch;
    clearTimeout(this.timer);
    const pending = serverAnswers(this.fetch).then((online) => {
      if (this.pending === pending) this.pending = undefined;
      if (epoch === this.epoch) this.set(online);
      this.schedule();
      return this.online;
    });
    this.pending = pending;
    return pending;
  };

  private set(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.host.requestUpdate();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const every = this.online ? ONLINE_EVERY_MS : OFFLINE_EVERY_MS;
    // A hidden page is not asked on a timer: becoming visible asks at once.
    if (this.connected)
      this.timer = setTimeout(() => {
        if (document.visibilityState === 'visible') void this.probe();
      }, every);
  }

  private readonly onOffline = () => {
    this.epoch++;
    this.pending = undefined;
    this.set(false);
    this.schedule();
  };

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') void this.probe();
  };
}
