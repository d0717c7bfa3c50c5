import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionReply } from '../schema/api.js';
import { api, ApiRequestError } from './api.js';

export type SessionState = 'checking' | 'signed-out' | 'signed-in' | 'unavailable';

/**
 * Who is signed in, for a review page: asks the server once when the page connects, then follows
 * sign-in, sign-out and an expired session. The page renders from `state` and `session`.
 */
export class SessionController implements ReactiveController {
  state: SessionState = 'checking';
  session: SessionReply | null = null;
  /** Why the page shows the sign-in form again: signed out, or the session ended. */
  reason: 'signed-out' | 'expired' | null = null;
  error: ApiRequestError | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.state === 'checking') void this.check();
  }

  async check(): Promise<void> {
    this.state = 'checking';
    this.host.requestUpdate();
    try {
      this.session = await api.session();
      this.state = this.session ? 'signed-in' : 'signed-out';
      this.error = null;
    } catch (error) {
      this.error = error as ApiRequestError;
      this.state = 'unavailable';
    }
    this.host.requestUpdate();
  }

  signedIn(session: SessionReply): void {
    this.session = session;
    this.state = 'signed-in';
    this.reason = null;
    this.host.requestUpdate();
  }

  /** The server said 401 to a request: the session has ended, so ask for a sign-in again. */
  expired(): void {
    this.session = null;
    this.state = 'signed-out';
    this.reason = 'expired';
    this.host.requestUpdate();
  }

  async signOut(): Promise<void> {
    try {
      await api.signOut();
    } catch {
      // Signed out here either way: the server's session ends with its cookie's lifetime.
    }
    this.session = null;
    this.state = 'signed-out';
    this.reason = 'signed-out';
    this.host.requestUpdate();
  }
}
