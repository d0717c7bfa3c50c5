/**
 * Who a device is (issue 16, items 3, 5 and 8): enrolment needs the device's private key, not
 * only a code and a public key anyone may have seen; events carry the enrolled area; an import is
 * stored only for a device the server knows and has not revoked, or once an admin approves it;
 * event ids are one device's own; codes are 60 unbiased bits, kept as an HMAC.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldImport, ImportReply, IngestReply, SummaryReply } from '../schema/api.js';
import { buildApp } from './app.js';
import { codeHash, enrolmentCode, normaliseCode } from './crypto.js';
import { addDevice, enrol, issueEnrolmentCode, issueNonce, NONCE_MS } from './devices.js';
import { migrate, openStore } from './db/index.js';
import { eventRow, rowEvent } from './ingest.js';
import {
  enrolDevice,
  integrityOf as integrityAs,
  enrolmentRequest,
  exportOf,
  fetchNonce,
  importAs,
  issueCode,
  newKeys,
  nextEvents,
  postEnrolment,
  sendBatch,
  signIn,
  startTestServer,
  testDevice,
  testStoreUrl,
  unknownDevice,
  type Caller,
  type Harness,
} from '../../test/server/harness.js';

let h: Harness;
let admin: Caller;
let reviewer: Caller;

beforeAll(async () => {
  h = await startTestServer();
  admin = await signIn(h.app, 'admin');
  reviewer = await signIn(h.app, 'reviewer');
});
afterAll(() => h.close());

const integrityOf = (deviceId: string) => integrityAs(h.app, reviewer, deviceId);

async function countIn(area: string): Promise<number | null> {
  const reply = await h.app.inject({
    method: 'GET',
    url: `/api/summary?area=${area}`,
    headers: reviewer.headers,
  });
  return reply.json<SummaryReply>().total.count;
}

function held(): Promise<HeldImport[]> {
  return h.app
    .inject({ method: 'GET', url: '/api/held-imports', headers: admin.headers })
    .then((r) => r.json<HeldImport[]>());
}

function approve(id: string) {
  return h.app.inject({
    method: 'POST',
    url: `/api/held-imports/${id}/approve`,
    headers: admin.headers,
  });
}

function revoke(deviceId: string) {
  return h.app.inject({
    method: 'POST',
    url: `/api/devices/${encodeURIComponent(deviceId)}/revoke`,
    headers: admin.headers,
  });
}

describe('enrolment needs the private key (item 5)', () => {
  it('a used code and the public key from an export cannot enrol, nor take the device over', async () => {
    const code = await issueCode(h.app, admin, 'KENT-N');
    const keys = await newKeys();
    const real = await postEnrolment(h.app, code, keys);
    expect(real.statusCode).toBe(201);
    const device = testDevice(real.json(), keys);

    // The attacker has the code and the public key, which every export carries: not the key.
    const attacker = await newKeys();
    const forged = await postEnrolment(h.app, code, keys, {
      signature: (await enrolmentRequest(code, await fetchNonce(h.app), attacker)).signature,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('bad-signature');
    // Without any proof, as before, the request is refused outright.
    const bare = await h.app.inject({
      method: 'POST',
      url: '/api/devices',
      payload: { code, publicKey: keys.publicJwk },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toMatch(/nonce|signature/);

    // The real device keeps its token.
    const batch = await sendBatch(h.app, device, await nextEvents(device, 1));
    expect(batch.statusCode).toBe(200);
    expect(batch.json<IngestReply>().accepted).toHaveLength(1);
  });

  it('a nonce is used once, and not after 5 minutes', async () => {
    const code = await issueCode(h.app, admin);
    const keys = await newKeys();
    const nonce = await fetchNonce(h.app);
    const body = await enrolmentRequest(code, nonce, keys);
    const first = await h.app.inject({ method: 'POST', url: '/api/devices', payload: body });
    expect(first.statusCode).toBe(201);
    // The same signed request again (a replay) is refused: its nonce is spent.
    const replay = await h.app.inject({ method: 'POST', url: '/api/devices', payload: body });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().error.code).toBe('bad-nonce');

    const later = await issueEnrolmentCode(h.store.db, 'test', {});
    const old = await issueNonce(h.store.db, new Date(Date.now() - NONCE_MS - 1000));
    await expect(
      enrol(h.store.db, await enrolmentRequest(later.code, old.nonce, await newKeys())),
    ).rejects.toMatchObject({ status: 403, code: 'bad-nonce' });
  });

  it('a nonce from one app server is good at another on the same store', async () => {
    const second = await buildApp({ db: h.store.db, limits: { session: 10_000, enrol: 10_000 } });
    try {
      const code = await issueCode(h.app, admin);
      const keys = await newKeys();
      const body = await enrolmentRequest(code, await fetchNonce(h.app), keys);
      const response = await second.inject({ method: 'POST', url: '/api/devices', payload: body });
      expect(response.statusCode, response.body).toBe(201);
    } finally {
      await second.close();
    }
  });
});

describe('events carry the enrolled area (item 5)', () => {
  it('an event claiming another area is rejected with wrong-area; the rest of the batch lands', async () => {
    const device = await enrolDevice(h.app, admin, 'KENT-N');
    const events = await nextEvents(device, 3, (i) => (i === 1 ? { area: 'MET-W' } : {}));
    const reply = (await sendBatch(h.app, device, events)).json<IngestReply>();
    expect(reply.accepted).toEqual([events[0]!.id, events[2]!.id]);
    expect(reply.rejected).toEqual([
      expect.objectContaining({ id: events[1]!.id, code: 'wrong-area', field: 'area' }),
    ]);
    expect(await countIn('MET-W')).toBe(0);
  });

  it('an import of an enrolled device refuses, per event, an area it was not enrolled for', async () => {
    const device = await enrolDevice(h.app, admin, 'KENT-N');
    const events = await nextEvents(device, 2, (i) => (i === 1 ? { area: 'MET-E' } : {}));
    const reply = await importAs(h.app, reviewer, await exportOf(device, events));
    expect(reply.statusCode).toBe(200);
    expect(reply.json<ImportReply>().rejected).toEqual([
      expect.objectContaining({ id: events[1]!.id, code: 'wrong-area' }),
    ]);
    expect(await countIn('MET-E')).toBe(0);
  });
});

describe('import trusts only known keys (item 3)', () => {
  it('an invented device is held, shown nowhere, until an admin approves its key', async () => {
    const stranger = await unknownDevice('INVENTED');
    const bundle = await exportOf(stranger, await nextEvents(stranger, 4));
    const response = await importAs(h.app, reviewer, bundle);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({
      status: 'held',
      held: { deviceId: stranger.deviceId, area: 'INVENTED', events: 4, heldBy: 'test-reviewer' },
    });
    expect(await integrityOf(stranger.deviceId)).toBeUndefined();
    expect(await countIn('INVENTED')).toBe(0);
    // Imported again while it waits, it is the same held import, not a second copy.
    const again = await importAs(h.app, reviewer, bundle);
    expect(again.json().held.id).toBe(response.json().held.id);

    const waiting = (await held()).find((x) => x.deviceId === stranger.deviceId)!;
    expect(waiting).toBeDefined();
    const approved = await approve(waiting.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ImportReply>().accepted).toHaveLength(4);
    expect(await integrityOf(stranger.deviceId)).toMatchObject({ status: 'ok', events: 4 });
    expect(await countIn('INVENTED')).toBe(4);
    expect((await held()).some((x) => x.id === waiting.id)).toBe(false);
    // The device is known now: its next export is stored at once.
    const more = await importAs(
      h.app,
      reviewer,
      await exportOf(stranger, [...bundle.events, ...(await nextEvents(stranger, 1))] as never),
    );
    expect(more.statusCode).toBe(200);
    expect(more.json<ImportReply>()).toMatchObject({
      status: 'imported',
      duplicate: bundle.events.map((e) => (e as { id: string }).id),
    });
  });

  it('a held export can be discarded, and nothing of it is stored', async () => {
    const stranger = await unknownDevice();
    const response = await importAs(
      h.app,
      reviewer,
      await exportOf(stranger, await nextEvents(stranger, 1)),
    );
    const id = response.json().held.id as string;
    const discarded = await h.app.inject({
      method: 'POST',
      url: `/api/held-imports/${id}/discard`,
      headers: admin.headers,
    });
    expect(discarded.statusCode).toBe(200);
    expect((await approve(id)).statusCode).toBe(404);
    expect(await integrityOf(stranger.deviceId)).toBeUndefined();
  });

  it("an export reusing a real device's event ids cannot block the real events", async () => {
    const real = await enrolDevice(h.app, admin, 'KENT-N');
    const genuine = await nextEvents(real, 3);
    // A reviewer signs other events under the same ids with a key of their own, and even has
    // that device approved.
    const stranger = await unknownDevice('KENT-N');
    const copies = await nextEvents(stranger, 3, (i) => ({ id: genuine[i]!.id, durationMs: 1 }));
    const response = await importAs(h.app, reviewer, await exportOf(stranger, copies));
    expect(response.statusCode).toBe(202);
    expect((await approve(response.json().held.id)).json<ImportReply>().accepted).toHaveLength(3);

    const reply = (await sendBatch(h.app, real, genuine)).json<IngestReply>();
    expect(reply).toEqual({ accepted: genuine.map((e) => e.id), duplicate: [], rejected: [] });
    expect(await integrityOf(real.deviceId)).toMatchObject({ status: 'ok', events: 3 });
  });

  it('two devices may use the same event id; one device signing two events with one id is a fork', async () => {
    const a = await enrolDevice(h.app, admin);
    const b = await enrolDevice(h.app, admin);
    const [first] = await nextEvents(a, 1);
    const [same] = await nextEvents(b, 1, () => ({ id: first!.id }));
    expect((await sendBatch(h.app, a, [first!])).json<IngestReply>().accepted).toHaveLength(1);
    expect((await sendBatch(h.app, b, [same!])).json<IngestReply>().accepted).toHaveLength(1);
    // Device a signs a different event with the id (and seq) it used already.
    a.head = { seq: 0, hash: first!.prevHash };
    const [again] = await nextEvents(a, 1, () => ({ id: first!.id, durationMs: 2 }));
    const reply = (await sendBatch(h.app, a, [again!])).json<IngestReply>();
    expect(reply.rejected[0]).toMatchObject({ code: 'id-conflict' });
    expect(await integrityOf(a.deviceId)).toMatchObject({ status: 'broken', at: 1 });
  });

  it("a revoked device's export is refused, and nothing is stored", async () => {
    const device = await enrolDevice(h.app, admin);
    const events = await nextEvents(device, 2);
    expect((await revoke(device.deviceId)).statusCode).toBe(204);
    const response = await importAs(h.app, reviewer, await exportOf(device, events));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('revoked');
    expect(await integrityOf(device.deviceId)).toMatchObject({ events: 0 });
  });

  it('a deviceId that is not a device id is refused; revoking one is a clear 400, never 414', async () => {
    const stranger = await unknownDevice();
    const bad = `<img src=x onerror=alert(1)>${'x'.repeat(300)}`;
    const bundle = await exportOf({ ...stranger, deviceId: bad }, []);
    const response = await importAs(h.app, reviewer, bundle);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('unreadable');
    expect(response.json().error.message).toContain('deviceId');

    const revoked = await revoke(bad);
    expect(revoked.statusCode).toBe(400);
    expect(revoked.json().error).toMatchObject({ code: 'invalid', field: 'deviceId' });
    const unknown = await revoke('dev-no-such-device');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not-found');
  });
});

describe('enrolment codes (item 8)', () => {
  const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

  it('are 12 Crockford base32 characters, every one of the 32 equally likely in every place', () => {
    const counts = Array.from({ length: 12 }, () => new Map<string, number>());
    const n = 16_000;
    for (let i = 0; i < n; i++) {
      const code = enrolmentCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      [...code.replace(/-/g, '')].forEach((c, place) =>
        counts[place]!.set(c, (counts[place]!.get(c) ?? 0) + 1),
      );
    }
    // 500 expected per character and place: a chi-squared test at 31 degrees of freedom, whose
    // 99.99th percentile is about 70. A modulo bias, or a character never drawn, fails it.
    for (const place of counts) {
      expect(place.size).toBe(32);
      const expected = n / 32;
      const chi2 = [...CROCKFORD].reduce(
        (sum, c) => sum + ((place.get(c) ?? 0) - expected) ** 2 / expected,
        0,
      );
      expect(chi2).toBeLessThan(70);
    }
  });

  it('are read as Crockford reads them: any case, spaces or dashes, O for 0, I and L for 1', () => {
    expect(normaliseCode('k7qx m2pd-9trv')).toBe('K7QXM2PD9TRV');
    expect(normaliseCode('1O0L-IiOo')).toBe('10011100');
  });

  it("are kept as an HMAC under the store's own secret, not as a bare SHA-256", async () => {
    const code = await issueCode(h.app, admin);
    const rows = await h.store.db.selectFrom('enrolment_codes').select('code_hash').execute();
    const plain = createHash('sha256').update(normaliseCode(code)).digest('hex');
    expect(rows.map((r) => r.code_hash)).not.toContain(plain);
    const secret = await h.store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'enrolment_code_key')
      .executeTakeFirstOrThrow();
    const key = Buffer.from(secret.value, 'base64');
    expect(key.length).toBe(32);
    const mac = createHmac('sha256', key).update(normaliseCode(code)).digest('hex');
    expect(codeHash(key, code)).toBe(mac);
    expect(rows.map((r) => r.code_hash)).toContain(mac);
    // Typed loosely, it still enrols.
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect((await postEnrolment(h.app, typed, await newKeys())).statusCode).toBe(201);
  });
});

describe('migration 0008 (device proof)', () => {
  it('keeps the events a store had, and makes their ids unique per device', async () => {
    const store = await openStore(await testStoreUrl(), { migrate: false });
    try {
      await migrate(store.db, { to: '0005-events-v2' });
      const device = await unknownDevice();
      const [event] = await nextEvents(device, 1);
      const at = new Date().toISOString();
      for (const id of ['dev-a', 'dev-b'])
        await addDevice(store.db, {
          id,
          localId: `local-${id}`,
          publicKey: device.publicJwk,
          tokenHash: null,
          area: null,
          source: 'imported',
          at,
        });
      const insertAs = (id: string) =>
        store.db
          .insertInto('events')
          .values(eventRow(event!, id, at, null))
          .execute();
      await insertAs('dev-a');
      // Before: one id, one device, across the whole store.
      await expect(insertAs('dev-b')).rejects.toThrow();

      await migrate(store.db);
      const kept = await store.db.selectFrom('events').selectAll().execute();
      expect(kept).toHaveLength(1);
      expect(rowEvent(kept[0]!)).toEqual(event);
      // After: another device may hold the id, but no device twice.
      await insertAs('dev-b');
      await expect(insertAs('dev-b')).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});
