/**
 * The HTTP API's shapes, shared by the server, the kiosk's sync client and /review. The
 * enumerations come from notice-event.ts; nothing here is repeated there.
 *
 * Every error reply is `{ error: { code, message, field? } }` with a 4xx (or 503) status.
 */
import {
  CIRCUMSTANCES,
  FORMATS,
  OUTCOMES,
  REASONS,
  type Circumstance,
  type Format,
  type Outcome,
} from './notice-event.js';

export const ROLES = ['admin', 'reviewer', 'ipag', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** Who may see what. One table, read by the server's guards and by the pages that hide links. */
export const PERMISSIONS = {
  /** Aggregates; the ipag role gets them with small counts suppressed. */
  summary: ['admin', 'reviewer', 'ipag'],
  /** Row-level data, the integrity panel, the EIA report and imports. */
  evidence: ['admin', 'reviewer'],
  /** Users, devices, enrolment codes, retention, the disclosure log. */
  administer: ['admin'],
  /** IPAG feedback: the testers leave it; reviewers and admins read all of it. */
  feedback: ['admin', 'reviewer', 'ipag'],
  /** The content library: its items, their provenance and status (never event data). */
  library: ['admin', 'reviewer', 'ipag', 'editor'],
  /** Adding content: sign clips, recordings, translations. */
  addContent: ['admin', 'editor'],
  /** Approving or rejecting content someone else added (four eyes; IPAG members include Deaf people). */
  approveContent: ['admin', 'reviewer', 'ipag'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Counts under this are shown to the ipag role as suppressed (null). */
export const SMALL_CELL = 10;

/** The most events one sync batch may carry; the kiosk sends 100 at a time. */
export const MAX_BATCH = 500;
export const SYNC_BATCH = 100;

export interface ApiError {
  error: { code: string; message: string; field?: string };
}

export interface SessionUser {
  username: string;
  role: Role;
}

/** `POST /api/session` and `GET /api/session`. Send csrfToken as `X-CSRF-Token` on every change. */
export interface SessionReply {
  user: SessionUser;
  csrfToken: string;
  /**
   * When the sign-in ends (ISO 8601, UTC): sessions last a fixed 8 hours, so a page can warn
   * before then (WCAG 2.2.1). Absent from a reply that cannot say.
   */
  expiresAt?: string;
  /**
   * The password is a one-time one (made by the CLI or an admin): until `PUT /api/session/password`
   * succeeds, every other route answers 403 `password-change-required`.
   */
  mustChangePassword?: boolean;
  /**
   * With `enrolPasskey`: passkeys are required for this role and there is none yet; every route
   * but adding a first one answers 403 `passkey-required`.
   */
  mfaRequired?: boolean;
  enrolPasskey?: boolean;
}

/** `POST /api/session` for someone with a passkey: not signed in until it confirms. */
export interface MfaPendingReply {
  mfaRequired: true;
  csrfToken: string;
  user?: undefined;
}

/** `GET /api/passkeys`. */
export interface PasskeyList {
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  recoveryCodesLeft: number;
}

/** `POST /api/devices`: enrol this device's key with a one-time code. */
export interface EnrolRequest {
  code: string;
  publicKey: JsonWebKey;
}
export interface EnrolReply {
  deviceId: string;
  /** Sent as `Authorization: Bearer <token>` with every batch. Shown once; only its hash is kept. */
  token: string;
  area: string | null;
  /**
   * The server's content-signing public key: the kiosk pins it and checks every content manifest
   * with it. Always sent; absent only from an enrolment stored before the content library.
   */
  contentKey?: JsonWebKey;
}

/** `POST /api/enrolment-codes` (admin). */
export interface EnrolmentCodeRequest {
  area?: string;
  /** Days until the code expires; default 7. */
  days?: number;
}
export interface EnrolmentCodeReply {
  code: string;
  area: string | null;
  expiresAt: string;
}

/** `POST /api/events` with the device token: `sentAt` is the device clock at sending. */
export interface EventBatch {
  sentAt: string;
  events: unknown[];
}

export const REJECT_CODES = [
  'invalid',
  'wrong-device',
  'out-of-range',
  'bad-hash',
  'bad-signature',
  'id-conflict',
  'seq-conflict',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface Rejection {
  id: string | null;
  seq?: number;
  code: RejectCode;
  message: string;
  field?: string;
}

export interface IngestReply {
  accepted: string[];
  duplicate: string[];
  rejected: Rejection[];
}

/** `POST /api/import`: a device's JSON export, verified before any of it is stored. */
export interface ImportReply extends IngestReply {
  deviceId: string;
  verified: { count: number; firstSeq: number; lastSeq: number };
}

export const GROUP_BY = [
  'format',
  'lang',
  'circumstance',
  'area',
  'week',
  'outcome',
  'reason',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Filters for `/api/summary` and `/api/export.csv`. Dates are inclusive UTC days, YYYY-MM-DD. */
export interface SummaryQuery {
  from?: string;
  to?: string;
  area?: string;
  circumstance?: Circumstance;
  format?: Format;
  lang?: string;
  outcome?: Outcome;
  groupBy?: GroupBy;
  /** What the caller is showing, for the disclosure log: the review page or the EIA report. */
  view?: 'review' | 'report';
}

/** One count. For the ipag role a count under SMALL_CELL is null (suppressed). */
export type Count = number | null;

export interface SummaryCounts {
  count: Count;
  acknowledged: Count;
  shown: Count;
  notPossible: Count;
}

export interface SummaryGroup extends SummaryCounts {
  /** The value grouped by: a format, a language tag, a week's Monday (YYYY-MM-DD), … ('' = none). */
  key: string;
}

export interface SummaryReply {
  query: SummaryQuery;
  total: SummaryCounts;
  groups: SummaryGroup[];
  /** True when any count in this reply was suppressed. */
  suppressed: boolean;
  /** The first and last day with events in the whole store, for the default period. */
  range: { first: string | null; last: string | null };
}

export type ChainStatus = 'ok' | 'gap' | 'broken';

/** `GET /api/integrity`: one row per device. */
export interface DeviceIntegrity {
  deviceId: string;
  area: string | null;
  status: ChainStatus;
  /** The first missing seq (gap) or the first seq where the chain breaks (broken). */
  at: number | null;
  detail: string | null;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastSyncAt: string | null;
  /** Server clock minus device clock at the last sync, in ms. */
  clockOffsetMs: number | null;
  revoked: boolean;
}

export interface IntegrityReply {
  checkedAt: string;
  devices: DeviceIntegrity[];
}

/** `GET /api/devices` (admin). */
export interface DeviceRow {
  deviceId: string;
  localId: string;
  area: string | null;
  source: 'enrolled' | 'imported';
  enrolledAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
}

/** `GET /api/disclosures` (admin): the append-only record of who saw what. */
export interface Disclosure {
  id: string;
  at: string;
  username: string;
  role: Role;
  action: 'summary' | 'report' | 'export' | 'integrity' | 'import' | 'feedback';
  detail: string;
}

// ── IPAG feedback and translation review (issue 5) ───────────────────────────────────────────

export const UNDERSTOOD = ['yes', 'partly', 'no'] as const;
export type Understood = (typeof UNDERSTOOD)[number];

/**
 * Assistive technology a tester used, as a closed list: the only free text in feedback is the
 * comment, so nothing else can carry something personal by accident.
 */
export const ASSISTIVE_TECH = [
  'none',
  'screen-reader',
  'screen-magnifier',
  'braille-display',
  'switch-access',
  'voice-control',
  'hearing-aid-or-loop',
  'captions',
  'high-contrast-or-colours',
  'other',
] as const;
export type AssistiveTech = (typeof ASSISTIVE_TECH)[number];

export const MAX_COMMENT = 1000;

/** `POST /api/feedback` (any signed-in role; CSRF): one tester's view of one notice. */
export interface FeedbackRequest {
  format: Format;
  /** A locale tag from locales/index.json, or `bfi` for BSL alone. */
  lang: string;
  understood: Understood;
  /** 1 (poor) to 5 (good). */
  rating: number;
  assistiveTech: AssistiveTech;
  /** At most MAX_COMMENT characters; shown only ever as text. */
  comment?: string;
}

export interface Feedback extends FeedbackRequest {
  id: string;
  at: string;
  /** The tester's username is shown to reviewers and admins only, never to other ipag members. */
  username?: string;
}

/** `GET /api/feedback?format&lang` (reviewer, admin: every entry; ipag: their own). */
export interface FeedbackReply {
  feedback: Feedback[];
  /** Per format and language: counts and the mean rating. */
  summary: FeedbackSummary[];
}

export interface FeedbackSummary {
  format: Format;
  lang: string;
  count: number;
  understood: Record<Understood, number>;
  meanRating: number;
}

/** `GET /api/translations` (anyone): each locale's review status, with who changed it last. */
export interface TranslationStatus {
  tag: string;
  status: 'draft' | 'reviewed';
  changedBy: string | null;
  changedAt: string | null;
}

/** `POST /api/translations/:tag` (reviewer, admin; CSRF) `{ status }`: audited, never silent. */
export interface TranslationStatusRequest {
  status: 'draft' | 'reviewed';
}

/** `GET /api/translations/audit` (reviewer, admin): one change of a status, newest first. */
export interface TranslationAudit {
  id: string;
  at: string;
  username: string;
  tag: string;
  from: 'draft' | 'reviewed';
  to: 'draft' | 'reviewed';
}

export { CIRCUMSTANCES, FORMATS, OUTCOMES, REASONS };
