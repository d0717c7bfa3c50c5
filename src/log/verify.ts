/**
 * Verifies a device's chain: every event well formed, in sequence with no gaps, linked to the one
 * before, hashed as recorded, and signed by the device's key. Runs the same in the browser (the
 * officer's integrity check, the review's import) and in Node (`npm run verify`).
 */
import * as v from 'valibot';
import { GENESIS_HASH } from '../schema/notice-event.js';
import { checkNoticeEvent, type NoticeEvent } from '../schema/validator.js';
import { BundleSchema, headBody, type Bundle, type Checkpoint } from './bundle.js';
import {
  canonicalBytes,
  fromHex,
  importPublicKey,
  localDeviceId,
  sha256Hex,
  unsignedPart,
  verifyValue,
} from './chain.js';

export type Problem =
  'schema' | 'device' | 'seq' | 'prevHash' | 'hash' | 'sig' | 'checkpoint' | 'head';

export type VerifyFailure = {
  ok: false;
  /** The first event at fault. */
  badSeq: number;
  problem: Problem;
  message: string;
  /** How many events before it verified. */
  verified: number;
};

export type VerifyResult =
  { ok: true; count: number; firstSeq: number; lastSeq: number } | VerifyFailure;

/** A file that is not a readable bundle at all (exit code 2), as opposed to a tampered one (1). */
export class UnreadableBundleError extends Error {
  override name = 'UnreadableBundleError';
}

/** Parses and frames a bundle; throws UnreadableBundleError with what is wrong. */
export function readBundle(text: string): Bundle {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UnreadableBundleError(`not JSON: ${(error as Error).message}`);
  }
  const result = v.safeParse(BundleSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') || 'the file';
    const what = issue.received === 'undefined' ? 'is missing' : `is wrong (${issue.message})`;
    throw new UnreadableBundleError(`not a Forewarn device log: ${where} ${what}`);
  }
  return result.output as unknown as Bundle;
}

/** The checkpoint's signed part: everything but its signature. */
function checkpointBody({ sig: _sig, ...body }: Checkpoint) {
  return body;
}

/**
 * Verifies events in order against a public key. `checkpoint` is where the chain starts when
 * older events were purged; without one it starts at seq 1 from the genesis hash.
 *
 * `deviceId` is the device's current id. A device logs under its local id (`localId`, derived
 * from its key) until it is enrolled, then under its enrolled id, in the same chain. So the chain
 * may start with `localId` and switch once, for good, to `deviceId`; a switch back, or any other
 * id, is tampering. The checkpoint carries the id of the last event it stands for, so one with
 * the enrolled id means the switch has already happened.
 */
export async function verifyEvents(
  events: readonly unknown[],
  publicKey: CryptoKey,
  deviceId: string,
  checkpoint: Checkpoint | null = null,
  localId?: string,
): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  const local = localId !== undefined && localId !== deviceId ? localId : undefined;
  let switched = false;
  if (checkpoint) {
    const fail = (message: string): VerifyResult => ({
      ok: false,
      badSeq: checkpoint.seq,
      problem: 'checkpoint',
      message,
      verified: 0,
    });
    if (checkpoint.deviceId !== deviceId && checkpoint.deviceId !== local) {
      return fail('the checkpoint is for another device');
    }
    switched = checkpoint.deviceId === deviceId;
    if (!(await verifyValue(checkpointBody(checkpoint), checkpoint.sig, publicKey))) {
      return fail("the checkpoint's signature does not match the device key");
    }
    expectedSeq = checkpoint.seq + 1;
    prevHash = checkpoint.hash;
  }
  const firstSeq = expectedSeq;
  const fail = (index: number, problem: Problem, message: string, seq?: number): VerifyFailure => ({
    ok: false,
    badSeq: seq ?? (events[index] as Partial<NoticeEvent> | null)?.seq ?? firstSeq + index,
    problem,
    message,
    verified: index,
  });

  // First, in order and cheaply: the shape, the device, the sequence and the links. This finds
  // the first structural fault; nothing after it needs checking.
  let structural: VerifyFailure | undefined;
  for (let i = 0; i < events.length && !structural; i++) {
    const raw = events[i];
    const schema = checkNoticeEvent(raw);
    const event = raw as NoticeEvent;
    if (schema.length) structural = fail(i, 'schema', schema.map((p) => p.message).join('; '));
    else if (event.deviceId === local && switched) {
      structural = fail(
        i,
        'device',
        `deviceId goes back to the local id ${local} after the enrolled id ${deviceId}`,
      );
    } else if (event.deviceId !== deviceId && event.deviceId !== local) {
      const expected = local && !switched ? `${local} or ${deviceId}` : deviceId;
      structural = fail(i, 'device', `deviceId is ${event.deviceId}, not ${expected}`);
    } else if (event.seq !== expectedSeq) {
      structural = fail(
        i,
        'seq',
        `expected seq ${expectedSeq} but found ${event.seq} (missing, inserted or reordered)`,
        expectedSeq,
      );
    } else if (event.prevHash !== prevHash) {
      structural = fail(i, 'prevHash', 'does not link to the event before it');
    } else {
      if (event.deviceId === deviceId) switched = true;
      prevHash = event.hash;
      expectedSeq++;
    }
  }

  // Then the cryptography for every event before that fault: each event's hash and signature
  // stand alone, so they are checked many at a time (WebCrypto works off the main thread).
  const checked = structural ? structural.verified : events.length;
  const BATCH = 256;
  for (let from = 0; from < checked; from += BATCH) {
    const batch = (events.slice(from, Math.min(from + BATCH, checked)) as NoticeEvent[]).map(
      async (event) => {
        const bytes = canonicalBytes(unsignedPart(event));
        const [hash, signed] = await Promise.all([
          sha256Hex(bytes),
          crypto.subtle.verify(
            { name: 'ECDSA', hash: 'SHA-256' },
            publicKey,
            fromHex(event.sig),
            bytes,
          ),
        ]);
        return hash !== event.hash ? 'hash' : signed ? null : 'sig';
      },
    );
    const results = await Promise.all(batch);
    const bad = results.findIndex((r) => r !== null);
    if (bad >= 0) {
      return results[bad] === 'hash'
        ? fail(from + bad, 'hash', 'its content does not match its hash (edited)')
        : fail(from + bad, 'sig', 'its signature does not match the device key');
    }
  }
  return structural ?? { ok: true, count: events.length, firstSeq, lastSeq: expectedSeq - 1 };
}

/**
 * Verifies a whole export bundle, including that its stated head is the last event. The bundle's
 * deviceId is the current id; events before enrolment carry the local id derived from its key.
 */
export async function verifyBundle(bundle: Bundle): Promise<VerifyResult> {
  let publicKey: CryptoKey;
  try {
    publicKey = await importPublicKey(bundle.publicKey);
  } catch (error) {
    throw new UnreadableBundleError(`the public key cannot be read: ${(error as Error).message}`);
  }
  const result = await verifyEvents(
    bundle.events,
    publicKey,
    bundle.deviceId,
    bundle.checkpoint,
    await localDeviceId(bundle.publicKey),
  );
  if (!result.ok) return result;
  if (!(await verifyValue(headBody(bundle), bundle.head.sig, publicKey))) {
    return {
      ok: false,
      badSeq: bundle.head.seq,
      problem: 'head',
      message: "the head's signature does not match the device key",
      verified: result.count,
    };
  }
  const last = bundle.events.at(-1) as NoticeEvent | undefined;
  const head = last
    ? { seq: last.seq, hash: last.hash }
    : (bundle.checkpoint ?? { seq: 0, hash: GENESIS_HASH });
  if (bundle.head.seq !== head.seq || bundle.head.hash !== head.hash) {
    return {
      ok: false,
      badSeq: bundle.head.seq,
      problem: 'head',
      message: `the bundle says its head is seq ${bundle.head.seq}, but the chain ends at seq ${head.seq} (events removed from the end)`,
      verified: result.count,
    };
  }
  return result;
}
