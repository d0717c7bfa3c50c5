/**
 * The NoticeEvent record, schemas v1 and v2 (DESIGN.md): the validator (valibot) and the types
 * derived from it. v2 is v1 with `v: 2`, `content` and `check`, both required; which schema an
 * event is in is its `v`.
 */
import * as v from 'valibot';
import {
  CIRCUMSTANCES,
  FORMATS,
  NOTICE_LANGS,
  OUTCOMES,
  REASONS,
  type Outcome,
  type Reason,
} from './notice-event.js';

// v2's own values live here, not in notice-event.ts, whose enumerations the kiosk's first paint
// carries: nothing on the home screen needs them.
/** The teach-back answer (schema v2): whether the notice worked, not only whether it was shown. */
export const CHECKS = ['understood', 'not-understood', 'skipped', 'not-asked'] as const;
export type Check = (typeof CHECKS)[number];

/**
 * The content version of what ships inside the app (the sample clip, no recordings): a kiosk that
 * has no approved content manifest records this, with no items.
 */
export const BUILTIN_CONTENT_VERSION = 'builtin';

const HEX_SHA256 = /^[0-9a-f]{64}$/;
/** ECDSA P-256 in IEEE P1363 form (r ‖ s, 32 bytes each), as WebCrypto makes it. */
const HEX_P1363_SIGNATURE = /^[0-9a-f]{128}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Enrolled ids and the local ids made before enrolment: letters, digits, `-` and `_`. */
export const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const DeviceIdSchema = v.pipe(v.string(), v.regex(DEVICE_ID, 'must be a device id'));
/** A coarse area code set per device, such as a policing district: never a place or a person. */
export const AREA_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;
/** A notice on screen for longer than a day is a device left on, not a notice. */
const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

const isoTimestamp = v.pipe(
  v.string(),
  v.regex(ISO_UTC_MS, 'must be ISO 8601 UTC with milliseconds, e.g. 2026-01-31T09:15:00.000Z'),
  v.check((s) => new Date(s).toISOString() === s, 'must be a real date and time'),
);

const formats = v.pipe(
  v.array(v.picklist(FORMATS, `must be one of ${FORMATS.join(', ')}`)),
  v.minLength(1, 'must name at least one format'),
  v.check((list) => new Set(list).size === list.length, 'must not repeat a format'),
);

/** A reason goes with "notice not possible", and only with it. */
function reasonMatchesOutcome(e: { outcome: Outcome; reason?: Reason }): boolean {
  return (e.outcome === 'not-possible') === (e.reason !== undefined);
}
const REASON_RULE = 'reason is given with outcome not-possible, and only then';

/** The fields every schema version shares, but `v`. */
const COMMON = {
  id: v.pipe(v.string(), v.regex(UUID_V7, 'must be a UUIDv7')),
  deviceId: DeviceIdSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  shownAt: isoTimestamp,
  durationMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_DURATION_MS)),
  formats,
  lang: v.picklist(NOTICE_LANGS, 'must be a language from locales/index.json, or bfi'),
  circumstance: v.picklist(CIRCUMSTANCES, `must be one of ${CIRCUMSTANCES.join(', ')}`),
  outcome: v.picklist(OUTCOMES, `must be one of ${OUTCOMES.join(', ')}`),
  reason: v.optional(v.picklist(REASONS, `must be one of ${REASONS.join(', ')}`)),
  area: v.optional(v.pipe(v.string(), v.regex(AREA_CODE, 'must be a coarse area code'))),
  prevHash: v.pipe(v.string(), v.regex(HEX_SHA256, 'must be a hex SHA-256')),
};

/** Schema v2's additions: the content in use and each media item presented, and the teach-back. */
const V2 = {
  content: v.strictObject({
    version: v.pipe(
      v.string(),
      v.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a content manifest version'),
    ),
    items: v.pipe(
      v.array(v.pipe(v.string(), v.regex(HEX_SHA256, 'must be a hex SHA-256'))),
      v.maxLength(16, 'must name at most 16 media items'),
      v.check((list) => new Set(list).size === list.length, 'must not repeat an item'),
    ),
  }),
  check: v.picklist(CHECKS, `must be one of ${CHECKS.join(', ')}`),
};

const SIGNATURE = {
  hash: v.pipe(v.string(), v.regex(HEX_SHA256, 'must be a hex SHA-256')),
  sig: v.pipe(v.string(), v.regex(HEX_P1363_SIGNATURE, 'must be a hex P-256 signature')),
};

const VERSION = v.picklist([1, 2], 'must be 1 or 2');

/**
 * The event without its hash and signature: what the kiosk and the log assemble, and the bytes
 * (as RFC 8785 canonical JSON) that are hashed and signed. A strict object: a field the schema
 * does not name, such as anything about the person, is an error, never stored.
 */
export const UnsignedEventSchema = v.pipe(
  v.variant(
    'v',
    [
      v.strictObject({ ...COMMON, v: v.literal(1) }),
      v.strictObject({ ...COMMON, v: v.literal(2), ...V2 }),
    ],
    'v must be 1 or 2',
  ),
  v.check((e) => reasonMatchesOutcome(e), REASON_RULE),
);

export const NoticeEventSchema = v.pipe(
  v.variant(
    'v',
    [
      v.strictObject({ ...COMMON, v: v.literal(1), ...SIGNATURE }),
      v.strictObject({ ...COMMON, v: v.literal(2), ...V2, ...SIGNATURE }),
    ],
    'v must be 1 or 2',
  ),
  v.check((e) => reasonMatchesOutcome(e), REASON_RULE),
);

/** Every field a signed event may have, in schema order: the CSV's columns come from here. */
const { id, ...AFTER_ID } = COMMON;
export const EVENT_FIELDS = Object.keys({
  id,
  v: VERSION,
  ...AFTER_ID,
  ...V2,
  ...SIGNATURE,
}) as Array<keyof typeof COMMON | 'v' | keyof typeof V2 | keyof typeof SIGNATURE>;

export type UnsignedEvent = v.InferOutput<typeof UnsignedEventSchema>;
export type NoticeEvent = v.InferOutput<typeof NoticeEventSchema>;

export type NoticeEventV2 = Extract<NoticeEvent, { v: 2 }>;

/**
 * What the kiosk knows of a notice; the log adds the id, device, sequence, chain and signature,
 * and, where the kiosk does not say, the built-in content and "not asked".
 */
export type NoticeRecord = Pick<
  UnsignedEvent,
  'shownAt' | 'durationMs' | 'formats' | 'lang' | 'circumstance' | 'outcome' | 'reason'
> &
  Partial<Pick<NoticeEventV2, 'content' | 'check'>>;

export interface SchemaProblem {
  /** The field at fault, as a dotted path, or undefined for the record as a whole. */
  field?: string;
  message: string;
}

function problems(issues: readonly v.BaseIssue<unknown>[]): SchemaProblem[] {
  return issues.map((issue) => {
    const field = issue.path?.map((p) => String(p.key)).join('.');
    return {
      field: field || undefined,
      message: field ? `${field} ${issue.message}` : issue.message,
    };
  });
}

/** Checks a signed event; returns what is wrong, or nothing. */
export function checkNoticeEvent(value: unknown): SchemaProblem[] {
  const result = v.safeParse(NoticeEventSchema, value);
  return result.success ? [] : problems(result.issues);
}

/** Checks an event before it is hashed and signed; returns what is wrong, or nothing. */
export function checkUnsignedEvent(value: unknown): SchemaProblem[] {
  const result = v.safeParse(UnsignedEventSchema, value);
  return result.success ? [] : problems(result.issues);
}
