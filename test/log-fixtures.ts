/**
 * Chains and bundles made with a fixed test key, for the unit tests, the verifier's tests and the
 * bench. Everything but the signatures is deterministic, so hashes are known answers.
 */
import keyFile from './fixtures/log/test-device-key.json' with { type: 'json' };
import {
  CIRCUMSTANCES,
  FORMATS,
  GENESIS_HASH,
  SCHEMA_VERSION,
  type NoticeEvent,
  type UnsignedEvent,
} from '../src/schema/notice-event.js';
import { BUILTIN_CONTENT_VERSION } from '../src/schema/validator.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  headBody,
  type Bundle,
  type Checkpoint,
} from '../src/log/bundle.js';
import { seal, signValue } from '../src/log/chain.js';

export const TEST_DEVICE_ID = 'local-test00000000000000000';

export interface TestKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JsonWebKey;
}

export async function testKeys(): Promise<TestKeys> {
  const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = keyFile.privateKey;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  return {
    privateKey: await crypto.subtle.importKey('jwk', keyFile.privateKey, algorithm, false, [
      'sign',
    ]),
    publicKey: await crypto.subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']),
    publicJwk,
  };
}

/**
 * The i-th test event's content, before chaining (i from 1), in schema v2 unless `version` says
 * 1: a v2 event names the content in use, and every fifth one a media item presented.
 */
export function testUnsigned(
  seq: number,
  prevHash: string,
  version: 1 | 2 = SCHEMA_VERSION,
): UnsignedEvent {
  const notPossible = seq % 7 === 0;
  const common: Omit<Extract<UnsignedEvent, { v: 1 }>, 'v'> = {
    id: `0190f2a0-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`,
    deviceId: TEST_DEVICE_ID,
    seq,
    shownAt: new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + seq * 60_000).toISOString(),
    durationMs: notPossible ? 0 : 1000 * (seq % 50),
    formats: [FORMATS[seq % FORMATS.length]!, ...(seq % 2 ? (['large-text'] as const) : [])].filter(
      (f, i, all) => all.indexOf(f) === i,
    ),
    lang: seq % 3 ? 'en-GB' : 'ar',
    circumstance: CIRCUMSTANCES[seq % CIRCUMSTANCES.length]!,
    outcome: notPossible ? 'not-possible' : seq % 2 ? 'acknowledged' : 'shown',
    ...(notPossible ? { reason: 'person-left' as const } : {}),
    prevHash,
  };
  if (version === 1) return { ...common, v: 1 };
  return {
    ...common,
    v: 2,
    content: {
      version: seq % 5 ? BUILTIN_CONTENT_VERSION : '3-0a1b2c3d4e5f',
      items: seq % 5 ? [] : ['5'.repeat(64)],
    },
    check: 'not-asked',
  };
}

/**
 * A signed chain of `count` events, starting after `from` (the genesis by default). Events up to
 * seq `v1Through` are schema v1, the rest v2: a device updated mid-way writes such a chain.
 */
export async function makeChain(
  count: number,
  keys: TestKeys,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  { v1Through = 0 } = {},
): Promise<NoticeEvent[]> {
  const events: NoticeEvent[] = [];
  let prev = from;
  for (let i = 1; i <= count; i++) {
    const seq = prev.seq + 1;
    const event = await seal(
      testUnsigned(seq, prev.hash, seq <= v1Through ? 1 : 2),
      keys.privateKey,
    );
    events.push(event);
    prev = { seq: event.seq, hash: event.hash };
  }
  return events;
}

export async function makeCheckpoint(
  keys: TestKeys,
  seq: number,
  hash: string,
): Promise<Checkpoint> {
  const body = { deviceId: TEST_DEVICE_ID, seq, hash, at: '2026-06-01T00:00:00.000Z' };
  return { ...body, sig: await signValue(body, keys.privateKey) };
}

/** A bundle as the kiosk exports it, with a signed head. */
export async function makeBundle(
  events: NoticeEvent[],
  keys: TestKeys,
  checkpoint: Checkpoint | null = null,
): Promise<Bundle> {
  const last = events.at(-1);
  const head = last
    ? { seq: last.seq, hash: last.hash }
    : (checkpoint ?? { seq: 0, hash: GENESIS_HASH });
  const frame = {
    deviceId: TEST_DEVICE_ID,
    exportedAt: '2026-06-02T12:00:00.000Z',
    head: { seq: head.seq, hash: head.hash, sig: '' },
  };
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: frame.exportedAt,
    deviceId: TEST_DEVICE_ID,
    publicKey: keys.publicJwk,
    checkpoint,
    head: { ...frame.head, sig: await signValue(headBody(frame), keys.privateKey) },
    events,
  };
}
