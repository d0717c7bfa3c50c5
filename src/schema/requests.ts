/**
 * Each request's shape, written once as a valibot schema: the server turns it into the JSON
 * Schema that validates the request and documents it in /api/openapi.json, and the type beside
 * each one is what the server, the kiosk and /review compile against (api.ts and content.ts
 * re-export the types). Only the server imports this module's values, so no page carries them.
 */
import * as v from 'valibot';
import { REVIEW_STATUSES } from '../i18n/locales.js';
import {
  ASSISTIVE_TECH,
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  DISCLOSURE_ACTIONS,
  GROUP_BY,
  MAX_BATCH,
  MAX_COMMENT,
  MAX_PASSWORD_LENGTH,
  UNDERSTOOD,
} from './api.js';
import { QUARTER_PATTERN } from './period.js';
import { CIRCUMSTANCES, FORMATS, NOTICE_LANGS, OUTCOMES } from './notice-event.js';
import { AREA_CODE, DEVICE_ID } from './validator.js';

const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const area = v.pipe(v.string(), v.regex(AREA_CODE));

/** `POST /api/session`. */
export const SignInRequest = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH)),
});
export type SignInRequest = v.InferOutput<typeof SignInRequest>;

/**
 * `PUT /api/session/password`. A new password longer than the limit is refused by the password
 * rules, with a sentence, not here.
 */
export const PasswordChange = v.strictObject({
  current: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH)),
  next: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH * 4)),
});
export type PasswordChange = v.InferOutput<typeof PasswordChange>;

/**
 * `POST /api/session/mfa` and `POST /api/passkeys`: the browser's answer to
 * navigator.credentials, checked by @simplewebauthn/server, not here; a new passkey's name.
 */
export const CredentialRequest = v.strictObject({
  response: v.looseObject({}),
  name: v.optional(v.pipe(v.string(), v.maxLength(60))),
});

/** `POST /api/session/recovery`: one of the person's recovery codes. */
export const RecoveryRequest = v.strictObject({
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
});
export type RecoveryRequest = v.InferOutput<typeof RecoveryRequest>;

/** A passkey as routes name it: its credential id. */
export const PasskeyParams = v.strictObject({ id: v.pipe(v.string(), v.maxLength(1024)) });
export type PasskeyParams = v.InferOutput<typeof PasskeyParams>;

/**
 * `POST /api/devices`: enrol this device's key with a one-time code. `signature` proves the
 * device holds the private key: ECDSA P-256 (SHA-256, IEEE P1363, hex) over the RFC 8785 JSON of
 * `enrolmentProof(code, nonce)`, with the code exactly as sent.
 */
export const EnrolRequest = v.strictObject({
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  publicKey: v.looseObject({}),
  nonce: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  signature: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
});
/** The key as WebCrypto gives it (an interface, so not assignable to valibot's open object). */
export type EnrolRequest = Omit<v.InferOutput<typeof EnrolRequest>, 'publicKey'> & {
  publicKey: JsonWebKey;
};

/** A device as routes name it (`/api/devices/{deviceId}/…`). */
export const DeviceParams = v.strictObject({
  deviceId: v.pipe(v.string(), v.regex(DEVICE_ID)),
});
export type DeviceParams = v.InferOutput<typeof DeviceParams>;

/** An import held for an admin's approval, as routes name it. */
export const HeldParams = v.strictObject({ id: v.pipe(v.string(), v.maxLength(64)) });
export type HeldParams = v.InferOutput<typeof HeldParams>;

/** `POST /api/enrolment-codes` (admin): `days` until the code expires, default 7. */
export const EnrolmentCodeRequest = v.strictObject({
  area: v.optional(area),
  days: v.optional(v.pipe(v.number(), v.integer())),
});
export type EnrolmentCodeRequest = v.InferOutput<typeof EnrolmentCodeRequest>;

/**
 * `POST /api/events` with the device token: `sentAt` is the device clock at sending. Each event
 * is checked on its own, by the NoticeEvent schema, so one bad event does not sink the batch.
 */
export const EventBatch = v.strictObject({
  sentAt: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)),
  events: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH)),
});
export type EventBatch = v.InferOutput<typeof EventBatch>;

/**
 * Filters for `/api/summary` and `/api/export.csv`. Dates are inclusive UTC days, YYYY-MM-DD;
 * `view` says what the caller is showing, for the disclosure log: the review page or the report.
 */
export const SummaryQuery = v.strictObject({
  /** A whole calendar quarter, `2026-Q3`, instead of from and to: the only period ipag may ask for. */
  period: v.optional(v.pipe(v.string(), v.regex(new RegExp(QUARTER_PATTERN)))),
  from: v.optional(day),
  to: v.optional(day),
  area: v.optional(area),
  circumstance: v.optional(v.picklist(CIRCUMSTANCES)),
  format: v.optional(v.picklist(FORMATS)),
  lang: v.optional(v.picklist(NOTICE_LANGS)),
  outcome: v.optional(v.picklist(OUTCOMES)),
  groupBy: v.optional(v.picklist(GROUP_BY)),
  view: v.optional(v.picklist(['review', 'report'])),
});
export type SummaryQuery = v.InferOutput<typeof SummaryQuery>;

/**
 * `POST /api/feedback` (any signed-in role; CSRF): one tester's view of one notice. `lang` is a
 * locale tag, or `bfi` for BSL alone; `rating` runs from 1 (poor) to 5 (good); the comment is
 * stored trimmed and only ever shown as text.
 */
export const FeedbackRequest = v.strictObject({
  format: v.picklist(FORMATS),
  lang: v.picklist(NOTICE_LANGS),
  understood: v.picklist(UNDERSTOOD),
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  assistiveTech: v.picklist(ASSISTIVE_TECH),
  comment: v.optional(v.pipe(v.string(), v.maxLength(MAX_COMMENT))),
});
export type FeedbackRequest = v.InferOutput<typeof FeedbackRequest>;

/** `GET /api/feedback?format&lang`. */
export const FeedbackQuery = v.strictObject({
  format: v.optional(v.picklist(FORMATS)),
  lang: v.optional(v.picklist(NOTICE_LANGS)),
});
export type FeedbackQuery = v.InferOutput<typeof FeedbackQuery>;

/** `POST /api/translations/:tag` (reviewer, admin; CSRF) `{ status }`: audited, never silent. */
export const TranslationStatusRequest = v.strictObject({
  status: v.picklist(REVIEW_STATUSES),
});
export type TranslationStatusRequest = v.InferOutput<typeof TranslationStatusRequest>;

/** `POST /api/content/{id}/review`. */
export const ContentReviewRequest = v.strictObject({
  decision: v.picklist(['approve', 'reject']),
  note: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});
export type ContentReviewRequest = v.InferOutput<typeof ContentReviewRequest>;

/** A content item as routes name it. */
export const ContentParams = v.strictObject({ id: v.pipe(v.string(), v.maxLength(64)) });
/** Approved bytes, named by their SHA-256. */
export const MediaParams = v.strictObject({
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});
/** A language as routes name it (`/api/content/text/{lang}`, `/api/translations/{lang}`). */
export const LangParams = v.strictObject({ lang: v.pipe(v.string(), v.maxLength(35)) });
export type LangParams = v.InferOutput<typeof LangParams>;

/** `PUT /api/content/text/{lang}?madeBy`: who made the translation. */
export const TextQuery = v.strictObject({ madeBy: v.optional(v.string(), 'human-translator') });

/**
 * The paging and date filters both append-only logs take: `before` is the id of the last entry
 * already shown (the page holds older ones), `limit` is entries per page (default 100, at most
 * MAX_LOG_PAGE), and from and to are inclusive UTC days.
 */
const logPage = {
  before: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
  ),
  from: v.optional(day),
  to: v.optional(day),
  limit: v.optional(v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,2}$/))),
};

/** `GET /api/disclosures`. */
export const DisclosureQuery = v.strictObject({
  ...logPage,
  action: v.optional(v.picklist(DISCLOSURE_ACTIONS)),
});
export type DisclosureQuery = v.InferOutput<typeof DisclosureQuery>;

/** `GET /api/audit`. */
export const AuditQuery = v.strictObject({
  ...logPage,
  kind: v.optional(v.picklist(AUDIT_KINDS)),
  outcome: v.optional(v.picklist(AUDIT_OUTCOMES)),
});
export type AuditQuery = v.InferOutput<typeof AuditQuery>;
