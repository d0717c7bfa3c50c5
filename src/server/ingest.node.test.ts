/**
 * Ingest and the bad input the server must survive: every refusal is per event (or per request
 * when the request itself is malformed), says what and where, and leaves nothing half-stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestReply, SummaryReply } from '../schema/api.js';
import type { NoticeEvent } from '../schema/notice-event.js';
import { seal, unsignedPart } from '../log/chain.js';
import {
  enrolDevice,
  integrityOf as integrityAs,
  newKeys,
  nextEvents,
  postEnrolment,
  sendBatch,
  signIn,
  startTestServer,
  uuid7,
  type Caller,
  type Harness,
  type TestDevice,
} from '../../test/server/harness.js';

let h: Harness;
let admin: Caller;
let reviewer: Caller;
let device: TestDevice;

beforeAll(async () => {
  h = await startTestServer();
  admin = await signIn(h.app, 'admin');
  reviewer = await signIn(h.app, 'reviewer');
});
afterAll(() => h.close());
beforeEach(async () => {
  device = await enrolDevice(h.app, admin);
});

async function stored(): Promise<number> {
  const row = await h.store.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function integrityOf(deviceId: string) {
  return (await integrityAs(h.app, reviewer, deviceId))!;
}

/** Re-signs an event after a change, so only the change itself is wrong. */
async function resign(event: NoticeEvent, change: Record<string, unknown>): Promise<NoticeEvent> {
  return seal({ ...unsignedPart(event), ...change } as never, device.keys.privateKey);
}

describe('a good batch', () => {
  it('is stored once; sent again, every event is a duplicate and nothing changes', async () => {
    const events = await nextEvents(device, 5);
    const first = (await sendBatch(h.app, device, events)).json<IngestReply>();
    expect(first).toEqual({ accepted: events.map((e) => e.id), duplicate: [], rejected: [] });
    const count = await stored();
    const again = (await sendBatch(h.app, device, events)).json<IngestReply>();
    expect(again).toEqual({ accepted: [], duplicate: events.map((e) => e.id), rejected: [] });
    expect(await stored()).toBe(count);
    expect(await integrityOf(device.deviceId)).toMatchObject({
      status: 'ok',
      events: 5,
      firstSeq: 1,
      lastSeq: 5,
    });
  });

  it('accepts the events a device logged under its local id before it enrolled', async () => {
    const before = await nextEvents(device, 2, () => ({ deviceId: device.localId }));
    const after = await nextEvents(device, 2);
    const reply = (await sendBatch(h.app, device, [...before, ...after])).json<IngestReply>();
    expect(reply.accepted).toHaveLength(4);
    expect((await integrityOf(device.deviceId)).status).toBe('ok');
  });

  it("records the received time and the device's clock offset", async () => {
    const sentAt = new Date(Date.now() - 90_000).toISOString();
    await sendBatch(
      h.app,
      device,
      await nextEvents(device, 1, () => ({
        shownAt: new Date(Date.now() - 120_000).toISOString(),
      })),
      sentAt,
    );
    const row = await h.store.db
      .selectFrom('events')
      .select(['received_at', 'clock_offset_ms'])
      .where('device', '=', device.deviceId)
      .executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(row.received_at)).toBeLessThan(10_000);
    expect(Number(row.clock_offset_ms)).toBeGreaterThanOrEqual(90_000);
    expect(Number(row.clock_offset_ms)).toBeLessThan(100_000);
  });
});

describe('bad events are rejected one by one, and the good ones in the batch land', () => {
  it.each([
    ['a wrong type', { durationMs: '12000' }, 'invalid', 'durationMs'],
    ['an unknown format', { formats: ['telepathy'] }, 'invalid', 'formats.0'],
    ['an unknown circumstance', { circumstance: 'kettling' }, 'invalid', 'circumstance'],
    ['an unknown language', { lang: 'xx-YY' }, 'invalid', 'lang'],
    ['a field about the person', { age: 34 }, 'invalid', 'age'],
    ['a reason without not-possible', { reason: 'other' }, 'invalid', undefined],
    ['a date far in the past', { shownAt: '1999-12-31T23:59:59.000Z' }, 'out-of-range', 'shownAt'],
    [
      'a date far in the future',
      { shownAt: '2099-01-01T00:00:00.000Z' },
      'out-of-range',
      'shownAt',
    ],
    ['an impossible date', { shownAt: '2026-02-30T10:00:00.000Z' }, 'invalid', 'shownAt'],
    ['an SQL-like id', { id: "'; DROP TABLE events; --" }, 'invalid', 'id'],
    ['an SQL-like area', { area: "KENT' OR '1'='1" }, 'invalid', 'area'],
    ['another device', { deviceId: 'dev-someone-else' }, 'wrong-device', 'deviceId'],
  ])('%s', async (_name, change, code, field) => {
    const [good1, victim, good2] = await nextEvents(device, 3);
    const bad = await resign(victim!, change);
    const reply = (await sendBatch(h.app, device, [good1, bad, good2])).json<IngestReply>();
    expect(reply.accepted).toEqual([good1!.id, good2!.id]);
    expect(reply.rejected).toHaveLength(1);
    expect(reply.rejected[0]).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(reply.rejected[0]!.message.length).toBeGreaterThan(10);
    // The rejected seq is now missing: the chain says so rather than closing over it.
    expect(await integrityOf(device.deviceId)).toMatchObject({ status: 'gap', at: 2 });
  });

  it('a bad signature, and content edited after signing', async () => {
    const [a, b, c] = await nextEvents(device, 3);
    const forged = { ...b!, sig: b!.sig.replace(/^./, (ch) => (ch === '0' ? '1' : '0')) };
    const edited = { ...c!, outcome: 'shown' };
    const reply = (await sendBatch(h.app, device, [a, forged, edited])).json<IngestReply>();
    expect(reply.accepted).toEqual([a!.id]);
    expect(reply.rejected.map((r) => [r.seq, r.code])).toEqual([
      [2, 'bad-signature'],
      [3, 'bad-hash'],
    ]);
  });

  it('not an object at all', async () => {
    const [good] = await nextEvents(device, 1);
    const reply = (
      await sendBatch(h.app, device, [null, 42, 'event', [], good])
    ).json<IngestReply>();
    expect(reply.accepted).toEqual([good!.id]);
    expect(reply.rejected.map((r) => r.code)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });
});

describe('malformed requests are refused whole, with nothing stored', () => {
  it.each([
    ['no sentAt', { events: [] }, 400, 'invalid'],
    [
      'events not a list',
      { sentAt: new Date().toISOString(), events: 'all of them' },
      400,
      'invalid',
    ],
    [
      'an unknown field',
      { sentAt: new Date().toISOString(), events: [], extra: 1 },
      400,
      'invalid',
    ],
    ['a sentAt that is not a time', { sentAt: 'yesterday', events: [] }, 400, 'invalid'],
    [
      'more than 500 events',
      { sentAt: new Date().toISOString(), events: Array.from({ length: 501 }, () => ({})) },
      400,
      'invalid',
    ],
  ])('%s', async (_name, payload, status, code) => {
    const before = await stored();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: device.auth,
      payload,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await stored()).toBe(before);
  });

  it('a 10,000-event batch', async () => {
    const [one] = await nextEvents(device, 1);
    const before = await stored();
    const response = await sendBatch(
      h.app,
      device,
      Array.from({ length: 10_000 }, () => one),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'too-large' });
    expect(await stored()).toBe(before);
  });

  it('an oversized body, and a body that is not JSON', async () => {
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...device.auth, 'content-type': 'application/json' },
      payload: `{"sentAt":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    });
    expect(big.statusCode).toBe(413);
    const broken = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...device.auth, 'content-type': 'application/json' },
      payload: '{"sentAt": "2026',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid-json');
  });
});

describe('clocks', () => {
  it.each([
    ['24 hours fast', 86_400_000],
    ['24 hours slow', -86_400_000],
  ])('a device clock %s: events are kept, and the offset is shown', async (_name, skew) => {
    const events = await nextEvents(device, 3, (i) => ({
      shownAt: new Date(Date.now() + skew - (3 - i) * 60_000).toISOString(),
    }));
    const reply = (
      await sendBatch(h.app, device, events, new Date(Date.now() + skew).toISOString())
    ).json<IngestReply>();
    expect(reply.accepted).toHaveLength(3);
    const row = await integrityOf(device.deviceId);
    expect(Math.abs(row.clockOffsetMs! + skew)).toBeLessThan(10_000);
  });
});

describe('chain faults are flagged and never repaired', () => {
  it('a gap closes when the missing events arrive', async () => {
    const [e1, e2, e3, e4] = await nextEvents(device, 4);
    await sendBatch(h.app, device, [e1, e2, e4]);
    expect(await integrityOf(device.deviceId)).toMatchObject({ status: 'gap', at: 3 });
    await sendBatch(h.app, device, [e3]);
    expect(await integrityOf(device.deviceId)).toMatchObject({ status: 'ok', events: 4 });
  });

  it('a fork: a second signed event with a seq already stored', async () => {
    const [e1, e2] = await nextEvents(device, 2);
    await sendBatch(h.app, device, [e1, e2]);
    const twin = await resign(e2!, { id: uuid7(), outcome: 'shown' });
    const reply = (await sendBatch(h.app, device, [twin])).json<IngestReply>();
    expect(reply.rejected[0]).toMatchObject({ code: 'seq-conflict', seq: 2 });
    expect(await integrityOf(device.deviceId)).toMatchObject({ status: 'broken', at: 2 });
  });

  it('a link that does not match the event before it', async () => {
    const [e1, e2] = await nextEvents(device, 2);
    const relinked = await resign(e2!, { prevHash: 'f'.repeat(64) });
    const reply = (await sendBatch(h.app, device, [e1, relinked])).json<IngestReply>();
    // Signed by the device, so stored as evidence; the break is what integrity reports.
    expect(reply.accepted).toHaveLength(2);
    expect(await integrityOf(device.deviceId)).toMatchObject({ status: 'broken', at: 2 });
  });

  it('the same id with other content is refused', async () => {
    const [e1] = await nextEvents(device, 1);
    await sendBatch(h.app, device, [e1]);
    const changed = await resign(e1!, { durationMs: 1 });
    const reply = (await sendBatch(h.app, device, [changed])).json<IngestReply>();
    expect(reply.rejected[0]).toMatchObject({ code: 'id-conflict' });
  });
});

describe('devices', () => {
  it('a revoked device is refused, and its events are not stored', async () => {
    await h.app.inject({
      method: 'POST',
      url: `/api/devices/${device.deviceId}/revoke`,
      headers: admin.headers,
    });
    const response = await sendBatch(h.app, device, await nextEvents(device, 1));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('revoked');
    expect((await integrityOf(device.deviceId)).revoked).toBe(true);
  });

  it('a revoked device enrolled again with a new code keeps its id and chain', async () => {
    await sendBatch(h.app, device, await nextEvents(device, 2));
    await h.app.inject({
      method: 'POST',
      url: `/api/devices/${device.deviceId}/revoke`,
      headers: admin.headers,
    });
    const code = (
      await h.app.inject({
        method: 'POST',
        url: '/api/enrolment-codes',
        headers: admin.headers,
        payload: {},
      })
    ).json().code as string;
    const again = await postEnrolment(h.app, code, device);
    expect(again.statusCode).toBe(201);
    expect(again.json().deviceId).toBe(device.deviceId);
    device.auth = { authorization: `Bearer ${again.json().token}` };
    // The new code gave no area: from now on the device records none.
    device.area = again.json().area;
    expect(
      (await sendBatch(h.app, device, await nextEvents(device, 1))).json().accepted,
    ).toHaveLength(1);
    expect(await integrityOf(device.deviceId)).toMatchObject({
      status: 'ok',
      events: 3,
      revoked: false,
    });
  });

  it('a wrong token is refused', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { authorization: 'Bearer not-a-token' },
      payload: { sentAt: new Date().toISOString(), events: [] },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('bad-token');
  });

  it('a code works once, and a bad key or a used code says why', async () => {
    const code = (
      await h.app.inject({
        method: 'POST',
        url: '/api/enrolment-codes',
        headers: admin.headers,
        payload: { area: 'KENT-W' },
      })
    ).json().code as string;
    const badKey = await postEnrolment(h.app, code, await newKeys(), {
      publicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' },
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.field).toBe('publicKey');
    const first = await postEnrolment(h.app, code.toLowerCase(), await newKeys());
    expect(first.statusCode).toBe(201);
    expect(first.json().area).toBe('KENT-W');
    const second = await postEnrolment(h.app, code, await newKeys());
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe('bad-code');
  });

  it('the same key may repeat its code to recover a lost reply; the lost token stops working', async () => {
    const code = (
      await h.app.inject({
        method: 'POST',
        url: '/api/enrolment-codes',
        headers: admin.headers,
        payload: {},
      })
    ).json().code as string;
    const keys = await newKeys();
    const lost = (await postEnrolment(h.app, code, keys)).json();
    const again = await postEnrolment(h.app, code, keys);
    expect(again.statusCode).toBe(201);
    expect(again.json().deviceId).toBe(lost.deviceId);
    expect(again.json().token).not.toBe(lost.token);
    const old = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { authorization: `Bearer ${lost.token}` },
      payload: { sentAt: new Date().toISOString(), events: [] },
    });
    expect(old.statusCode).toBe(401);
    // Another key cannot use the code.
    const other = await postEnrolment(h.app, code, await newKeys());
    expect(other.statusCode).toBe(403);
  });

  it('an area code with SQL in it is refused', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/enrolment-codes',
      headers: admin.headers,
      payload: { area: "X'; DROP TABLE devices;--" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('area');
  });
});

describe('summary and export', () => {
  it('counts what was stored, by format, with the filters, and gives ipag no free dates', async () => {
    const fresh = await startTestServer();
    try {
      const a = await signIn(fresh.app, 'admin');
      const d = await enrolDevice(fresh.app, a, 'KENT-S');
      await sendBatch(
        fresh.app,
        d,
        await nextEvents(d, 12, (i) =>
          i < 3 ? { formats: ['bsl'], lang: 'bfi', outcome: 'shown' } : {},
        ),
      );
      const get = async (caller: Caller, query: string) =>
        (
          await fresh.app.inject({
            method: 'GET',
            url: `/api/summary?${query}`,
            headers: caller.headers,
          })
        ).json<SummaryReply>();
      const byFormat = await get(a, 'groupBy=format');
      expect(byFormat.total).toEqual({ count: 12, acknowledged: 9, shown: 3, notPossible: 0 });
      expect(byFormat.groups.map((g) => [g.key, g.count])).toEqual([
        ['visual', 9],
        ['large-text', 9],
        ['bsl', 3],
      ]);
      expect((await get(a, 'format=bsl')).total.count).toBe(3);
      expect((await get(a, 'area=KENT-N')).total.count).toBe(0);
      // The ipag role reads published quarters only (suppression.node.test.ts).
      const ipag = await fresh.app.inject({
        method: 'GET',
        url: '/api/summary?groupBy=format',
        headers: (await signIn(fresh.app, 'ipag')).headers,
      });
      expect(ipag.statusCode).toBe(400);
      expect(ipag.json().error.field).toBe('period');
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['an unknown enum', 'format=telepathy', 'format'],
    ['an impossible date', 'from=2026-02-30', 'from'],
    ['a period backwards', 'from=2026-03-01&to=2026-01-01', 'from'],
    ['SQL in the area', "area=' OR 1=1 --", 'area'],
    ['SQL in the language', "lang=en-GB'; DROP TABLE events;--", 'lang'],
  ])('refuses %s with the field named', async (_name, query, field) => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/summary?${query}`,
      headers: reviewer.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid', field });
  });

  it('takes a chain that changes from v1 to v2 mid-way, and exports each event as it was signed', async () => {
    const mixed = await nextEvents(device, 4, (i) =>
      i < 2 ? { v: 1 } : { content: { version: '7-0a1b2c3d4e5f', items: ['c'.repeat(64)] } },
    );
    expect(mixed.map((e) => e.v)).toEqual([1, 1, 2, 2]);
    expect((await sendBatch(h.app, device, mixed)).json<IngestReply>().accepted).toHaveLength(4);
    const csv = (
      await h.app.inject({ method: 'GET', url: '/api/export.csv', headers: reviewer.headers })
    ).body;
    const [header, ...rows] = csv.slice(1).trim().split('\r\n');
    const columns = header!.split(',');
    const byId = new Map(rows.map((r) => [r.split(',')[0], r.split(',')]));
    const cell = (id: string, column: string) => byId.get(id)![columns.indexOf(column)];
    expect(cell(mixed[0]!.id, 'v')).toBe('1');
    expect(cell(mixed[0]!.id, 'content_version')).toBe('');
    expect(cell(mixed[3]!.id, 'v')).toBe('2');
    expect(cell(mixed[3]!.id, 'content_version')).toBe('7-0a1b2c3d4e5f');
    expect(cell(mixed[3]!.id, 'content_items')).toBe('c'.repeat(64));
    expect(cell(mixed[3]!.id, 'check')).toBe('not-asked');
    // Stored and read back, each event hashes to what the device signed.
    for (const event of mixed) expect(cell(event.id, 'hash')).toBe(event.hash);
    const again = await sendBatch(h.app, device, mixed);
    expect(again.json<IngestReply>().duplicate).toHaveLength(4);
  });

  it('exports CSV with a BOM and snake_case headers, in which no cell can run as a formula', async () => {
    await sendBatch(
      h.app,
      device,
      await nextEvents(device, 3, (i) =>
        i === 1 ? { outcome: 'not-possible', reason: 'immediate-risk', durationMs: 0 } : {},
      ),
    );
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/export.csv',
      headers: reviewer.headers,
    });
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    const text = response.body;
    expect(
      text.startsWith(
        '\uFEFFid,v,device_id,seq,shown_at,duration_ms,formats,lang,circumstance,outcome,reason,area,prev_hash,content_version,content_items,check,hash,sig\r\n',
      ),
    ).toBe(true);
    const cells = text
      .slice(1)
      .trim()
      .split(/\r\n/)
      .flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).toContain(`${device.deviceId},`);
  });
});
