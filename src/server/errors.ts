/**
 * The one error the server's modules throw for the caller's mistakes: it becomes
 * `{ error: { code, message, field? } }` with its status, and the admin CLI prints its message.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds before trying again is worth it: sent as `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
