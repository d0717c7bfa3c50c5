/**
 * The database's tables, as Kysely sees them. Every id is text (UUIDv7 or a random token), every
 * time is ISO 8601 UTC text, and nothing uses a type or a feature that SQLite and PostgreSQL do not
 * share, so one query layer serves both.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  ActorType,
  AssistiveTech,
  AuditKind,
  AuditOutcome,
  Role,
  Understood,
} from '../../schema/api.js';
import type { ReviewStatus } from '../../i18n/locales.js';
import type { ContentKind, ContentStatus, MadeBy } from '../../schema/content.js';

export interface UsersTable {
  id: string;
  username: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** 1 while the password is a one-time one (made by the CLI or an admin): it must be changed. */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database yields no live sessions. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** null once signed in; 'mfa' while the password is right but a passkey is still owed. */
  stage: string | null;
  /** The WebAuthn challenge this session was last given, used once. */
  challenge: string | null;
}

/**
 * Wrong-password counters for the sign-in delay, keyed by hashes (of the typed username, and the
 * address as rate-limit.ts keys it): never a username or an address in clear.
 */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  /** Epoch ms: no attempt with this key is checked before then. */
  next_at: number;
  updated_at: number;
}

/** A person's passkeys (WebAuthn credentials), a second factor after the password. */
export interface PasskeysTable {
  /** The credential id, base64url. */
  id: string;
  user_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of the authenticator's transports, for the browser's hint. */
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** Single-use recovery codes, kept only as scrypt hashes. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface EnrolmentCodesTable {
  /** HMAC-SHA-256 of the normalised code, keyed by a secret kept in settings. */
  code_hash: string;
  area: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

export interface DevicesTable {
  id: string;
  /** The id the device used before enrolment, derived from its key. */
  local_id: string;
  /** The public key as JWK JSON. */
  public_key: string;
  token_hash: string | null;
  area: string | null;
  source: 'enrolled' | 'imported';
  enrolled_at: string;
  revoked_at: string | null;
  last_sync_at: string | null;
  clock_offset_ms: number | null;
  /** Where this server's copy of the chain starts: a signed checkpoint from an import, else 0. */
  base_seq: Generated<number>;
  base_hash: string | null;
  event_count: Generated<number>;
  first_seq: number | null;
  last_seq: number | null;
}

export interface EventsTable {
  id: string;
  /** The device row the event belongs to (whatever id the event itself carries). */
  device: string;
  device_id: string;
  seq: number;
  shown_at: string;
  /** UTC day and the Monday of its ISO week, both YYYY-MM-DD, for filters and the trend. */
  day: string;
  week: string;
  duration_ms: number;
  /** The formats as signed, joined with ';'. */
  formats: string;
  formats_mask: number;
  lang: string;
  circumstance: string;
  outcome: string;
  reason: string | null;
  area: string | null;
  prev_hash: string;
  hash: string;
  sig: string;
  received_at: string;
  clock_offset_ms: number | null;
  /** Schema v2: the content manifest's version, and its media items presented joined with ';'. */
  content_version: string | null;
  content_items: string | null;
  /** Schema v2's `check` (a column cannot be called check: it is an SQL keyword). */
  check_answer: string | null;
}

/**
 * Counts per day and per combination of every filterable field, kept in the same transaction as
 * the events themselves: /api/summary reads these rather than scanning every event. `area` and
 * `reason` use '' for none, because a primary key cannot hold NULL.
 */
export interface EventCountsTable {
  day: string;
  week: string;
  area: string;
  circumstance: string;
  lang: string;
  outcome: string;
  reason: string;
  formats_mask: number;
  n: number;
}

export interface ChainFaultsTable {
  device: string;
  seq: number;
  kind: 'link' | 'fork';
  detail: string;
  found_at: string;
}

export interface DisclosuresTable {
  id: string;
  at: string;
  user_id: string;
  username: string;
  role: Role;
  action: string;
  detail: string;
}

/**
 * The security audit log. Append-only: audit.ts alone writes it, and triggers refuse an UPDATE or
 * DELETE. `detail` is JSON of a few named short values, never a secret or an address.
 */
export interface AuditLogTable {
  id: string;
  at: string;
  kind: AuditKind;
  outcome: AuditOutcome;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  detail: string;
}

/** A challenge a device signs to enrol: single use, short-lived; only its hash is kept. */
export interface DeviceNoncesTable {
  nonce_hash: string;
  expires_at: string;
}

/**
 * A device's export that an evidence role imported while the server did not know the device: held,
 * nothing of it counted, until an admin approves the key (its events are then stored) or discards it.
 */
export interface HeldImportsTable {
  id: string;
  /** The id the bundle claims, checked against the device-id pattern. */
  device_id: string;
  local_id: string;
  /** The bundle's public key as JWK JSON. */
  public_key: string;
  /** The one area its events carry, if any. */
  area: string | null;
  events: number;
  first_seq: number;
  last_seq: number;
  /** The bundle as uploaded (verified), stored once approved. */
  bundle: string;
  held_by: string;
  held_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** One IPAG tester's feedback on one notice (format × language). */
export interface FeedbackTable {
  id: string;
  at: string;
  user_id: string;
  format: string;
  lang: string;
  understood: Understood;
  /** 1 (poor) to 5 (good). */
  rating: number;
  assistive_tech: AssistiveTech;
  /** Trimmed; null when none was given. Only ever shown as text. */
  comment: string | null;
}

/** A translation's review status as last set by a reviewer: overrides locales/index.json. */
export interface TranslationStatusTable {
  tag: string;
  status: ReviewStatus;
  changed_by: string;
  changed_at: string;
}

/** Every change of a translation's status. Append-only: only translations.ts touches it. */
export interface TranslationAuditTable {
  id: string;
  at: string;
  user_id: string;
  username: string;
  tag: string;
  from_status: ReviewStatus;
  to_status: ReviewStatus;
}

/**
 * Rate-limit counters that several app servers share (PostgreSQL only; one SQLite server counts
 * in memory). A key is a device id, a user id, or a keyed hash of an address whose key is never
 * stored; a row outlives its window by a minute at most.
 */
export interface RateLimitsTable {
  key: string;
  /** The start of the current window, in milliseconds since 1970. */
  window_start: number;
  hits: number;
}

/** Media bytes, once per SHA-256, whichever items share them. */
export interface ContentBlobsTable {
  sha256: string;
  bytes: Uint8Array;
  size: number;
}

/** One item of the content library, with its provenance and review. */
export interface ContentItemsTable {
  id: string;
  kind: ContentKind;
  lang: string;
  made_by: MadeBy;
  sha256: string;
  mime: string;
  duration_ms: number;
  captions: string | null;
  transcript: string | null;
  added_by: string;
  added_by_name: string;
  added_at: string;
  status: ContentStatus;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewer_role: string | null;
  reviewed_at: string | null;
  note: string | null;
}

/** The ipag role's figures for one quarter, frozen when first read (src/server/published.ts). */
export interface PublishedPeriodsTable {
  period: string;
  /** JSON: the total and every one-way table, suppressed. */
  body: string;
  published_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  enrolment_codes: EnrolmentCodesTable;
  devices: DevicesTable;
  events: EventsTable;
  event_counts: EventCountsTable;
  chain_faults: ChainFaultsTable;
  disclosures: DisclosuresTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  device_nonces: DeviceNoncesTable;
  held_imports: HeldImportsTable;
  feedback: FeedbackTable;
  translation_status: TranslationStatusTable;
  translation_audit: TranslationAuditTable;
  rate_limits: RateLimitsTable;
  content_blobs: ContentBlobsTable;
  content_items: ContentItemsTable;
  published_periods: PublishedPeriodsTable;
  sign_in_throttle: SignInThrottleTable;
  passkeys: PasskeysTable;
  recovery_codes: RecoveryCodesTable;
}

export type User = Selectable<UsersTable>;
export type Device = Selectable<DevicesTable>;
export type NewEvent = Insertable<EventsTable>;
