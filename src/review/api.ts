/**
 * The review's client for /api: one place that knows the paths, sends the CSRF token on every
 * change, and turns every failure into an ApiRequestError with the server's code. The session
 * cookie is HttpOnly, so it travels by itself (same-origin credentials); the CSRF token is kept in
 * memory only, never in storage.
 */
import type {
  ApiError,
  AuditEntry,
  AuditKind,
  DeviceRow,
  Disclosure,
  DisclosureAction,
  EnrolmentCodeReply,
  EnrolmentCodeRequest,
  Feedback,
  FeedbackReply,
  FeedbackRequest,
  HeldImport,
  HeldImportReply,
  ImportReply,
  IntegrityReply,
  LogQuery,
  MfaPendingReply,
  PasskeyList,
  SessionReply,
  SummaryQuery,
  SummaryReply,
  TranslationAudit,
  TranslationStatus,
} from '../schema/api.js';
import type { ContentItem, ContentReviewRequest } from '../schema/content.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code (`bad-credentials`, `locked`, `tampered`…), or `network`. */
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds from a Retry-After header, when the server gave one. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrfToken = '';

/** Remembers the token from a session reply; every later change sends it. */
export function rememberSession(reply: SessionReply | null): void {
  csrfToken = reply?.csrfToken ?? '';
}

async function request<T>(method: string, path: string, body?: unknown, raw = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiRequestError(0, 'network', (error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as Partial<ApiError> | undefined)?.error;
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiRequestError(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      error?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  return data as T;
}

/** The query string for a summary, an export or a log page, without empty values. */
export function queryString(query: SummaryQuery | LogQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const api = {
  /** The signed-in session, or null when nobody is signed in. */
  async session(): Promise<SessionReply | null> {
    try {
      const reply = await request<SessionReply>('GET', '/api/session');
      rememberSession(reply);
      return reply;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) {
        rememberSession(null);
        return null;
      }
      throw error;
    }
  },
  async signIn(username: string, password: string): Promise<SessionReply | MfaPendingReply> {
    const reply = await request<SessionReply | MfaPendingReply>('POST', '/api/session', {
      username,
      password,
    });
    csrfToken = reply.csrfToken;
    return reply;
  },
  /** The second step: the options for navigator.credentials.get, then its answer. */
  mfaOptions: () =>
    request<PublicKeyCredentialRequestOptionsJSON>('POST', '/api/session/mfa/options'),
  async confirmPasskey(response: unknown): Promise<SessionReply> {
    const reply = await request<SessionReply>('POST', '/api/session/mfa', { response });
    rememberSession(reply);
    return reply;
  },
  async confirmRecoveryCode(code: string): Promise<SessionReply> {
    const reply = await request<SessionReply>('POST', '/api/session/recovery', { code });
    rememberSession(reply);
    return reply;
  },
  passkeys: () => request<PasskeyList>('GET', '/api/passkeys'),
  passkeyOptions: () =>
    request<PublicKeyCredentialCreationOptionsJSON>('POST', '/api/passkeys/options'),
  addPasskey: (response: unknown, name: string) =>
    request<{ id: string; recoveryCodes?: string[] }>('POST', '/api/passkeys', { response, name }),
  removePasskey: (id: string) => request<void>('DELETE', `/api/passkeys/${encodeURIComponent(id)}`),
  newRecoveryCodes: () => request<{ recoveryCodes: string[] }>('POST', '/api/recovery-codes'),
  /** Changes the signed-in person's own password (204). */
  changePassword: (current: string, next: string) =>
    request<void>('PUT', '/api/session/password', { current, next }),
  async signOut(): Promise<void> {
    try {
      await request<void>('DELETE', '/api/session');
    } finally {
      rememberSession(null);
    }
  },
  summary: (query: SummaryQuery) =>
    request<SummaryReply>('GET', `/api/summary${queryString(query)}`),
  integrity: () => request<IntegrityReply>('GET', '/api/integrity'),
  /** Sends the file's own text, so the server verifies exactly the bytes the browser verified. */
  importBundle: (text: string) =>
    request<ImportReply | HeldImportReply>('POST', '/api/import', text, true),
  heldImports: () => request<HeldImport[]>('GET', '/api/held-imports'),
  approveHeld: (id: string) =>
    request<ImportReply>('POST', `/api/held-imports/${encodeURIComponent(id)}/approve`),
  discardHeld: (id: string) =>
    request<HeldImport>('POST', `/api/held-imports/${encodeURIComponent(id)}/discard`),
  enrolmentCode: (body: EnrolmentCodeRequest) =>
    request<EnrolmentCodeReply>('POST', '/api/enrolment-codes', body),
  devices: () => request<DeviceRow[]>('GET', '/api/devices'),
  revokeDevice: (deviceId: string) =>
    request<void>('POST', `/api/devices/${encodeURIComponent(deviceId)}/revoke`),
  /** A page of the disclosure log, newest first (see LogQuery). */
  disclosures: (query: LogQuery & { action?: DisclosureAction } = {}) =>
    request<Disclosure[]>('GET', `/api/disclosures${queryString(query)}`),
  /** A page of the security audit log, newest first (see LogQuery). */
  audit: (query: LogQuery & { kind?: AuditKind } = {}) =>
    request<AuditEntry[]>('GET', `/api/audit${queryString(query)}`),
  exportUrl: (query: SummaryQuery) => `/api/export.csv${queryString(query)}`,
  // The lab's: review status for anyone, and IPAG feedback for whoever is signed in.
  translations: () => request<TranslationStatus[]>('GET', '/api/translations'),
  feedback: (body: FeedbackRequest) => request<Feedback>('POST', '/api/feedback', body),
  feedbackOn: (format: string, lang: string) =>
    request<FeedbackReply>('GET', `/api/feedback?${new URLSearchParams({ format, lang })}`),
  // The review's: every entry and the summary (reviewer, admin), and review status changes.
  feedbackAll: () => request<FeedbackReply>('GET', '/api/feedback'),
  setTranslationStatus: (tag: string, status: TranslationStatus['status']) =>
    request<TranslationStatus>('POST', `/api/translations/${encodeURIComponent(tag)}`, {
      status,
    }),
  translationAudit: () => request<TranslationAudit[]>('GET', '/api/translations/audit'),
  // The content library's.
  content: () => request<ContentItem[]>('GET', '/api/content'),
  reviewContent: (id: string, body: ContentReviewRequest) =>
    request<ContentItem>('POST', `/api/content/${encodeURIComponent(id)}/review`, body),
  contentMediaUrl: (id: string) => `/api/content/${encodeURIComponent(id)}/media`,
  /** A language's text in use, as i18next JSON; the same address downloads it as a file. */
  contentTextUrl: (lang: string) => `/api/content/text/${encodeURIComponent(lang)}`,
  contentText: (lang: string) =>
    request<Record<string, unknown>>('GET', `/api/content/text/${encodeURIComponent(lang)}`),
  /** Sends the file's own text, so the server checks exactly what the page checked. */
  addText: (lang: string, text: string, madeBy: string) =>
    request<{ id: string; sha256: string; status: 'draft' }>(
      'PUT',
      `/api/content/text/${encodeURIComponent(lang)}?${new URLSearchParams({ madeBy })}`,
      text,
      true,
    ),
  /**
   * Uploads an item as multipart form data, telling `onProgress` the share sent (0 to 1): XHR,
   * because fetch cannot report an upload's progress, and a 100 MB clip takes a while.
   */
  addContent(
    form: FormData,
    onProgress: (sent: number) => void,
  ): Promise<{ id: string; sha256: string; status: 'draft' }> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/content');
      xhr.setRequestHeader('Accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onerror = () =>
        reject(new ApiRequestError(0, 'network', 'The upload did not reach the server.'));
      xhr.onload = () => {
        let data: unknown;
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) return resolve(data as never);
        const error = (data as Partial<ApiError> | undefined)?.error;
        reject(
          new ApiRequestError(
            xhr.status,
            error?.code ?? `http-${xhr.status}`,
            error?.message ?? (xhr.statusText || `HTTP ${xhr.status}`),
            error?.field,
          ),
        );
      };
      xhr.send(form);
    });
  },
};
