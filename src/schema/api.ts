/**
 * The HTTP API's shapes, shared by the server, the kiosk's sync client and /review. The
 * enumerations come from notice-event.ts; nothing here is repeated there.
 *
 * Every error reply is `{ error: { code, message, field? } }` with a 4xx (or 503) status.
 */
import { CIRCUMSTANCES, FORMATS, OUTCOMES, REASONS, type Format } from './notice-event.js';
import type { FeedbackRequest, SummaryQuery } from './requests.js';

/** Each request's shape is in requests.ts, written once; the types are here for every caller. */
export type {
  DeviceParams,
  EnrolmentCodeRequest,
  EnrolRequest,
  EventBatch,
  FeedbackQuery,
  FeedbackRequest,
  SignInRequest,
  SummaryQuery,
  TranslationStatusRequest,
} from './requests.js';

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

/** The longest password anyone may choose (ASVS 5.0 V6.2: at least 64 allowed). */
export const MAX_PASSWORD_LENGTH = 256;

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

/** `POST /api/devices/nonce`: a single-use challenge for one enrolment, valid for 5 minutes. */
export interface NonceReply {
  nonce: string;
  expiresAt: string;
}

/** What a device signs to enrol: the code and the server's nonce, for this purpose only. */
export function enrolmentProof(code: string, nonce: string) {
  return { purpose: 'forewarn-enrol', code, nonce } as const;
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

export interface EnrolmentCodeReply {
  code: string;
  area: string | null;
  expiresAt: string;
}

export const REJECT_CODES = [
  'invalid',
  'wrong-device',
  'out-of-range',
  'bad-hash',
  'bad-signature',
  'id-conflict',
  'seq-conflict',
  'wrong-area',
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

/**
 * `POST /api/import`: a device's JSON export, verified before any of it is stored. Only an
 * enrolled or approved device's key, not revoked, is taken at once (200, `status: 'imported'`);
 * an unknown device's export is held until an admin approves its key (202, `status: 'held'`).
 */
export interface ImportReply extends IngestReply {
  status: 'imported';
  deviceId: string;
  verified: { count: number; firstSeq: number; lastSeq: number };
}

/** A held import: nothing of it is stored or counted until an admin approves the device. */
export interface HeldImport {
  /** The held import's own id, for approving or discarding it. */
  id: string;
  /** The device id the bundle claims. */
  deviceId: string;
  localId: string;
  /** The area its events carry, which the device is approved for. */
  area: string | null;
  events: number;
  firstSeq: number;
  lastSeq: number;
  heldBy: string;
  heldAt: string;
}

export interface HeldImportReply {
  status: 'held';
  held: HeldImport;
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

/**
 * One count. For the ipag role a count under SMALL_CELL is null (suppressed), and so is a count
 * hidden so that it cannot be worked out from the others (secondary suppression).
 */
export type Count = number | null;

export interface SummaryCounts {
  count: Count;
  acknowledged: Count;
  shown: Count;
  notPossible: Count;
}

/**
 * For the ipag role a group carries only its count (its outcome breakdown is null: a group by
 * outcome would be a two-way table), and a withheld group is left out altogether.
 */
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
  /**
   * The first and last day with events in the whole store, for the default period. For the ipag
   * role, the first and last day of the quarter asked for, whatever the events.
   */
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

export const DISCLOSURE_ACTIONS = [
  'summary',
  'report',
  'export',
  'integrity',
  'import',
  'feedback',
] as const;
export type DisclosureAction = (typeof DISCLOSURE_ACTIONS)[number];

/** `GET /api/disclosures` (admin): the append-only record of who saw what. */
export interface Disclosure {
  id: string;
  at: string;
  username: string;
  role: Role;
  action: DisclosureAction;
  detail: string;
}

/**
 * A page of an append-only log (`GET /api/disclosures`, `GET /api/audit`), newest first. `before`
 * is the id of the last entry already shown: ids are UUIDv7, so a page never shifts when entries
 * are added, however many. `from` and `to` are inclusive UTC days.
 */
export interface LogQuery {
  before?: string;
  from?: string;
  to?: string;
  /** 1 to MAX_LOG_PAGE; default LOG_PAGE. */
  limit?: number;
}
export const LOG_PAGE = 100;
export const MAX_LOG_PAGE = 500;

/** What the security audit log records. */
export const AUDIT_KINDS = [
  'sign-in',
  'sign-out',
  'account',
  'enrolment-code',
  'device-enrol',
  'device-revoke',
  'import',
  'retention',
  'content-review',
  'access-denied',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who did it: an account, a device, the admin command line, or someone not signed in. */
export const ACTOR_TYPES = ['account', 'device', 'cli', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * `GET /api/audit` (admin): one security event. Never a password, token, code, cookie or
 * address: `detail` holds only a few named, short values (see src/server/audit.ts).
 */
export interface AuditEntry {
  id: string;
  at: string;
  kind: AuditKind;
  outcome: AuditOutcome;
  actor: { type: ActorType; id: string | null; name: string | null };
  detail: Record<string, string | number | boolean | null>;
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
  /** Testers: each one's latest entry on this notice counts, however many they left. */
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
