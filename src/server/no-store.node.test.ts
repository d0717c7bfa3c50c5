/**
 * Nothing a signed-in person or an enrolled device receives may be kept by a browser's or a
 * proxy's cache: every such reply says `Cache-Control: no-store`, whatever the route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../schema/api.js';
import { TEST_ACCOUNTS } from '../../test/server/accounts.js';
import {
  enrolDevice,
  issueCode,
  newKeys,
  postEnrolment,
  nextEvents,
  signIn,
  startTestServer,
  type Caller,
  type Harness,
  type TestDevice,
} from '../../test/server/harness.js';

let h: Harness;
const callers = {} as Record<Role, Caller>;
let device: TestDevice;

beforeAll(async () => {
  h = await startTestServer();
  for (const role of ROLES) callers[role] = await signIn(h.app, role);
  device = await enrolDevice(h.app, callers.admin);
});
afterAll(() => h.close());

const SIGNED_IN: [string, Role][] = [
  ['/api/session', 'ipag'],
  ['/api/summary?groupBy=format', 'reviewer'],
  ['/api/export.csv', 'reviewer'],
  ['/api/integrity', 'reviewer'],
  ['/api/devices', 'admin'],
  ['/api/disclosures', 'admin'],
  ['/api/audit', 'admin'],
  ['/api/feedback', 'ipag'],
  ['/api/translations', 'editor'],
  ['/api/translations/audit', 'reviewer'],
  ['/api/content', 'editor'],
  ['/api/content/manifest', 'reviewer'],
  ['/api/content/text/pl', 'editor'],
  ['/api/health', 'admin'],
  // Refused, but still a reply to a signed-in person.
  ['/api/audit', 'ipag'],
];

describe('Cache-Control: no-store', () => {
  it.each(SIGNED_IN)('on GET %s for a signed-in %s', async (url, role) => {
    const response = await h.app.inject({ method: 'GET', url, headers: callers[role].headers });
    expect(response.headers['cache-control'], `${url}: ${response.statusCode}`).toBe('no-store');
  });

  it('on the sign-in reply, which carries the CSRF token, and on sign-out', async () => {
    const reply = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: TEST_ACCOUNTS.editor,
    });
    expect(reply.json().csrfToken).toBeTruthy();
    expect(reply.headers['cache-control']).toBe('no-store');
    const editor = await signIn(h.app, 'editor');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: editor.headers,
    });
    expect(out.headers['cache-control']).toBe('no-store');
  });

  it('on changes made by a person: an enrolment code', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/enrolment-codes',
      headers: callers.admin.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it("on a device's replies: its enrolment (with its token), its batches and its content manifest", async () => {
    const code = await issueCode(h.app, callers.admin);
    const enrolled = await postEnrolment(h.app, code, await newKeys());
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.headers['cache-control']).toBe('no-store');
    const batch = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: device.auth,
      payload: { sentAt: new Date().toISOString(), events: await nextEvents(device, 1) },
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.headers['cache-control']).toBe('no-store');
    const manifest = await h.app.inject({
      method: 'GET',
      url: '/api/content/manifest',
      headers: device.auth,
    });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['cache-control']).toBe('no-store');
  });
});
