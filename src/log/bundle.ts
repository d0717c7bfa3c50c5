/**
 * The device export bundle (JSON) and its checkpoint: the format `npm run verify` and the review's
 * import read. Validated with the same valibot schemas as the events themselves.
 */
import * as v from 'valibot';
import { DeviceIdSchema, NoticeEventSchema, type NoticeEvent } from '../schema/validator.js';

export const BUNDLE_FORMAT = 'forewarn-device-log';
export const BUNDLE_VERSION = 1;

const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

/**
 * What remains of events purged under the retention setting: the last purged event's seq and
 * hash, signed by the device, so that a log starting part-way is not mistaken for tampering.
 */
export const CheckpointSchema = v.strictObject({
  deviceId: DeviceIdSchema,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  hash: hex64,
  at: v.string(),
  sig: v.pipe(v.string(), v.regex(/^[0-9a-f]{128}$/)),
});
export type Checkpoint = v.InferOutput<typeof CheckpointSchema>;

const PublicKeySchema = v.looseObject({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.string(),
  y: v.string(),
});

/**
 * The bundle's frame. Events are checked one by one by the verifier (not here), so that a
 * tampered event is reported by its seq rather than making the whole file unreadable.
 */
export const BundleSchema = v.strictObject({
  format: v.literal(BUNDLE_FORMAT),
  version: v.literal(BUNDLE_VERSION),
  exportedAt: v.string(),
  deviceId: DeviceIdSchema,
  publicKey: PublicKeySchema,
  checkpoint: v.nullable(CheckpointSchema),
  /** The last event at export, signed with the export time so that a cut-short file is detected. */
  head: v.strictObject({
    seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
    hash: hex64,
    sig: v.pipe(v.string(), v.regex(/^[0-9a-f]{128}$/)),
  }),
  events: v.array(v.unknown()),
});

export interface Bundle extends Omit<v.InferOutput<typeof BundleSchema>, 'events' | 'publicKey'> {
  publicKey: JsonWebKey;
  events: NoticeEvent[];
}

export { NoticeEventSchema };

/** The signed part of a bundle's head. */
export function headBody(bundle: Pick<Bundle, 'deviceId' | 'exportedAt' | 'head'>) {
  return {
    deviceId: bundle.deviceId,
    exportedAt: bundle.exportedAt,
    seq: bundle.head.seq,
    hash: bundle.head.hash,
  };
}
