/**
 * Rate limits count against the client's address, whatever the request claims. A device's token
 * widens the limit only once it is verified, and only for its batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrolDevice,
  nextEvents,
  sendBatch,
  signIn,
  startTestServer,
  type Caller,
  type Harness,
  type TestDevice,
} from '../../test/server/harness.js';

let h: Harness;
let admin: Caller;
let devices: TestDevice[];

beforeAll(async () => {
  h = await startTestServer({ limits: { events: 2, other: 8 } });
  admin = await signIn(h.app, 'admin');
  devices = [await enrolDevice(h.app, admin), await enrolDevice(h.app, admin)];
});
afterAll(() => h.close());

describe('rate limits', () => {
  it('gives each verified device its own allowance of batches, and no more', async () => {
    const statuses = [];
    for (const device of [...devices, ...devices])
      statuses.push((await sendBatch(h.app, device, await nextEvents(device, 1))).statusCode);
    statuses.push(
      (await sendBatch(h.app, devices[0]!, await nextEvents(devices[0]!, 1))).statusCode,
    );
    // Two batches a minute each, counted per device: the third from the first device is refused.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('counts every other request against the address, even with a real device token or a session', async () => {
    const who = [devices[0]!.auth, devices[1]!.auth, admin.headers, {}];
    const manifest = (headers: Record<string, string>) =>
      h.app.inject({ method: 'GET', url: '/api/content/manifest', headers });
    let sent = 0;
    while ((await manifest(who[sent % who.length]!)).statusCode !== 429) {
      sent++;
      expect(sent, 'the limit of 8 a minute was never reached').toBeLessThan(8);
    }
    // Once the address has used its allowance, no identity it claims gets a fresh one.
    for (const headers of who) expect((await manifest(headers)).statusCode).toBe(429);
  });
});
