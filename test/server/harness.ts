/**
 * A server per test file on a throwaway store, with one account per role, and devices
 * that hold real P-256 keys and sign real chains, so every test goes through the same checks a
 * tablet's batch does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import {
  GENESIS_HASH,
  SCHEMA_VERSION,
  type NoticeEvent,
  type UnsignedEvent,
} from '../../src/schema/notice-event.js';
import { BUILTIN_CONTENT_VERSION } from '../../src/schema/validator.js';
import {
  enrolmentProof,
  type DeviceIntegrity,
  type EnrolReply,
  type IntegrityReply,
  type EnrolRequest,
  type NonceReply,
  type Role,
  type SessionReply,
} from '../../src/schema/api.js';
import { generateDeviceKey, localDeviceId, seal, signValue } from '../../src/log/chain.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, headBody, type Bundle } from '../../src/log/bundle.js';
import { createUser } from '../../src/server/accounts.js';
import { enrol, issueNonce } from '../../src/server/devices.js';
import type { Db } from '../../src/server/db/index.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/server/db/index.js';
import { TEST_ACCOUNTS, TEST_HASHES } from './accounts.js';

export interface Harness {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** The PostgreSQL the storage and API tests run against a second time (`npm test` starts one). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/**
 * A new, empty store's URL: on PostgreSQL (when TEST_DATABASE_URL is set) a schema of its own in
 * that database; else SQLite, in memory, or in a file when another process must open it too.
 */
export async function testStoreUrl({ file = false } = {}): Promise<string> {
  if (!TEST_DATABASE_URL)
    return file ? join(mkdtempSync(join(tmpdir(), 'fw-test-')), 'forewarn.sqlite') : ':memory:';
  const schema = `test_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client(TEST_DATABASE_URL);
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function startTestServer(
  options: Partial<AppOptions> = {},
  url?: string,
): Promise<Harness> {
  const store = await openStore(url ?? (await testStoreUrl()));
  for (const [role, { username, password }] of Object.entries(TEST_ACCOUNTS)) {
    if (
      !(await store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst())
    ) {
      await createUser(store.db, username, role as Role, password, {
        passwordHash: TEST_HASHES[role as Role],
      });
    }
  }
  const app = await buildApp({
    db: store.db,
    limits: { session: 10_000, enrol: 10_000 },
    ...options,
  });
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface Caller {
  headers: Record<string, string>;
  role: Role;
  csrfToken: string;
}

export async function signIn(app: FastifyInstance, role: Role): Promise<Caller> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: TEST_ACCOUNTS[role],
  });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'fw_session')!;
  const { csrfToken } = response.json<SessionReply>();
  return {
    role,
    csrfToken,
    headers: { cookie: `fw_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
}

export interface TestDevice extends EnrolReply {
  localId: string;
  keys: CryptoKeyPair;
  publicJwk: JsonWebKey;
  /** The chain so far: the next event continues from here. */
  head: { seq: number; hash: string };
  auth: Record<string, string>;
}

export async function newKeys(): Promise<{
  keys: CryptoKeyPair;
  publicJwk: JsonWebKey;
  localId: string;
}> {
  const keys = await generateDeviceKey();
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const publicJwk = { kty, crv, x, y };
  return { keys, publicJwk, localId: await localDeviceId(publicJwk) };
}

export async function issueCode(
  app: FastifyInstance,
  admin: Caller,
  area?: string,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/enrolment-codes',
    headers: admin.headers,
    payload: area ? { area } : {},
  });
  if (response.statusCode !== 201) throw new Error(`code failed: ${response.body}`);
  return response.json<{ code: string }>().code;
}

/** A device the tests and the bench drive: an enrolment and the keys behind it, at the chain's start. */
export function testDevice(
  enrolled: EnrolReply,
  { keys, publicJwk, localId }: Awaited<ReturnType<typeof newKeys>>,
): TestDevice {
  return {
    ...enrolled,
    keys,
    publicJwk,
    localId,
    head: { seq: 0, hash: GENESIS_HASH },
    auth: { authorization: `Bearer ${enrolled.token}` },
  };
}

/** An enrolment's body: the code and key, with the key's signature over the code and a nonce. */
export async function enrolmentRequest(
  code: string,
  nonce: string,
  { keys, publicJwk }: Pick<Awaited<ReturnType<typeof newKeys>>, 'keys' | 'publicJwk'>,
): Promise<EnrolRequest> {
  const signature = await signValue(enrolmentProof(code, nonce), keys.privateKey);
  return { code, publicKey: publicJwk, nonce, signature };
}

/** A nonce from the server, for one enrolment. */
export async function fetchNonce(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/devices/nonce' });
  if (response.statusCode !== 201) throw new Error(`nonce failed: ${response.body}`);
  return response.json<NonceReply>().nonce;
}

/** `POST /api/devices` with a fresh nonce, signed by the keys (unless `payload` overrides). */
export async function postEnrolment(
  app: FastifyInstance,
  code: string,
  keys: Awaited<ReturnType<typeof newKeys>>,
  payload: Partial<EnrolRequest> = {},
) {
  const body = await enrolmentRequest(code, await fetchNonce(app), keys);
  return app.inject({ method: 'POST', url: '/api/devices', payload: { ...body, ...payload } });
}

/** Enrols straight into a store, as the bench and the load test do (over HTTP it is rate-limited). */
export async function enrolDirect(
  db: Db,
  code: string,
  keys: Awaited<ReturnType<typeof newKeys>>,
): Promise<TestDevice> {
  const { nonce } = await issueNonce(db);
  return testDevice(await enrol(db, await enrolmentRequest(code, nonce, keys)), keys);
}

export async function enrolDevice(
  app: FastifyInstance,
  admin: Caller,
  area = 'KENT-N',
): Promise<TestDevice> {
  const code = await issueCode(app, admin, area);
  const keys = await newKeys();
  const response = await postEnrolment(app, code, keys);
  if (response.statusCode !== 201) throw new Error(`enrol failed: ${response.body}`);
  return testDevice(response.json<EnrolReply>(), keys);
}

/** A device this server has never seen: its keys and a chain under its local id, no token. */
export async function unknownDevice(area: string | null = 'KENT-N'): Promise<TestDevice> {
  const keys = await newKeys();
  return testDevice({ deviceId: keys.localId, token: '', area }, keys);
}

/** A device's export of `events` (the whole chain from seq 1), as the kiosk makes it. */
export async function exportOf(
  device: Pick<TestDevice, 'deviceId' | 'keys' | 'publicJwk'>,
  events: NoticeEvent[],
): Promise<Bundle> {
  const last = events.at(-1);
  const frame = {
    deviceId: device.deviceId,
    exportedAt: new Date().toISOString(),
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, sig: '' },
  };
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: frame.exportedAt,
    deviceId: device.deviceId,
    publicKey: device.publicJwk,
    checkpoint: null,
    head: { ...frame.head, sig: await signValue(headBody(frame), device.keys.privateKey) },
    events,
  };
}

/** One device's row of `GET /api/integrity`, as the caller sees it (undefined if not listed). */
export async function integrityOf(
  app: FastifyInstance,
  caller: Caller,
  deviceId: string,
): Promise<DeviceIntegrity | undefined> {
  const reply = (
    await app.inject({ method: 'GET', url: '/api/integrity', headers: caller.headers })
  ).json<IntegrityReply>();
  return reply.devices.find((d) => d.deviceId === deviceId);
}

/** `POST /api/import` of a bundle by a signed-in caller. */
export function importAs(app: FastifyInstance, caller: Caller, bundle: unknown) {
  return app.inject({
    method: 'POST',
    url: '/api/import',
    headers: caller.headers,
    payload: bundle as object,
  });
}

let idCounter = 0;
/** A fresh UUIDv7 whose time part is now, and unique within the run. */
export function uuid7(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const n = (idCounter++).toString(16).padStart(15, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${n.slice(0, 3)}-8${n.slice(3, 6)}-${n.slice(6).padStart(12, '0')}`;
}

/** The next `count` events of a device's chain, signed; advances its head. */
export async function nextEvents(
  device: TestDevice,
  count: number,
  content: (i: number) => Partial<UnsignedEvent> = () => ({}),
): Promise<NoticeEvent[]> {
  const events: NoticeEvent[] = [];
  for (let i = 0; i < count; i++) {
    const unsigned: UnsignedEvent = {
      id: uuid7(),
      v: SCHEMA_VERSION,
      deviceId: device.deviceId,
      seq: device.head.seq + 1,
      shownAt: new Date(Date.now() - (count - i) * 1000).toISOString(),
      durationMs: 12_000,
      formats: ['visual', 'large-text'],
      lang: 'en-GB',
      circumstance: 'stop-search',
      outcome: 'acknowledged',
      area: device.area ?? undefined,
      content: { version: BUILTIN_CONTENT_VERSION, items: [] },
      check: 'not-asked',
      prevHash: device.head.hash,
      ...content(i),
    } as UnsignedEvent;
    if (unsigned.area === undefined) delete unsigned.area;
    // A v1 event, as a device not yet updated writes it: no content, no check.
    if (unsigned.v === 1) {
      const v1 = unsigned as { content?: unknown; check?: unknown };
      delete v1.content;
      delete v1.check;
    }
    const event = await seal(unsigned, device.keys.privateKey);
    events.push(event);
    device.head = { seq: event.seq, hash: event.hash };
  }
  return events;
}

export function sendBatch(
  app: FastifyInstance,
  device: TestDevice,
  events: unknown[],
  sentAt = new Date().toISOString(),
  extra: Partial<InjectOptions> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/events',
    headers: device.auth,
    payload: { sentAt, events },
    ...extra,
  });
}

/** Runs a server script in its own process (through tsx) and resolves once it prints `ready`. */
export async function spawnServer(
  script: string,
  env: Record<string, string>,
  ready: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes(ready) && resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

/** Runs `npm run admin -- …` on a store, as a person would; its output is stdout and stderr. */
export function runAdmin(
  databaseUrl: string,
  ...args: string[]
): { status: number | null; out: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/server/admin-cli.ts', ...args],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    },
  );
  return { status: result.status, out: result.stdout + result.stderr };
}

// Over HTTP, for servers in other processes (the crash and cluster tests).

/** Signs in at a server's address; the headers carry the session cookie and the CSRF token. */
export async function signInAt(base: string, role: Role): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ACCOUNTS[role]),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${role} failed: ${response.status}`);
  const { csrfToken } = (await response.json()) as SessionReply;
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, 'x-csrf-token': csrfToken };
}

/** Enrols a new device with a code the admin issues at `base`, enrolling at `enrolAt`. */
export async function enrolAt(
  base: string,
  admin: Record<string, string>,
  enrolAt = base,
): Promise<TestDevice> {
  const codeReply = await fetch(`${base}/api/enrolment-codes`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: '{}',
  });
  const { code } = (await codeReply.json()) as { code: string };
  const keys = await newKeys();
  const nonceReply = await fetch(`${enrolAt}/api/devices/nonce`, { method: 'POST' });
  const { nonce } = (await nonceReply.json()) as NonceReply;
  const response = await fetch(`${enrolAt}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await enrolmentRequest(code, nonce, keys)),
  });
  if (response.status !== 201) throw new Error(`enrol failed: ${await response.text()}`);
  return testDevice((await response.json()) as EnrolReply, keys);
}

export function postBatch(base: string, device: TestDevice, events: unknown[]): Promise<Response> {
  return fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
  });
}

export async function getJson<T>(base: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, { headers });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The content library's test media (test/fixtures/media/content/make.sh made them). */
export function contentFixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/media/content/${name}`, import.meta.url));
}

/** The sample clip's captions: four cues inside 5 seconds, for a 5-second clip. */
export const FIVE_SECOND_CAPTIONS = `WEBVTT

00:00:00.500 --> 00:00:02.000
This is a police body-worn camera.

00:00:02.000 --> 00:00:04.900
It is recording video and sound.
`;

/** `POST /api/content` as a browser's FormData sends it. */
export function uploadContent(
  app: FastifyInstance,
  caller: Caller | { headers: Record<string, string> },
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return app.inject({
    method: 'POST',
    url: '/api/content',
    headers: caller.headers,
    payload: form,
  });
}

/** A sign clip upload that passes every check. */
export function signClip(bytes = contentFixture('clip-5s.mp4')) {
  return {
    fields: { kind: 'sign', lang: 'bfi', madeBy: 'human-signer', captions: FIVE_SECOND_CAPTIONS },
    file: { bytes, name: 'clip.mp4', type: 'video/mp4' },
  };
}
