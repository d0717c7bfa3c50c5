/**
 * IPAG feedback and translation review status against the real app: what is stored is exactly
 * what was sent (a comment with markup or SQL in it is data, byte for byte), bad input is refused
 * with the field named and stores nothing, the ipag role sees only its own entries, reviewer reads
 * are disclosed, and every status change is audited with who and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_COMMENT,
  ROLES,
  type Disclosure,
  type Feedback,
  type FeedbackReply,
  type Role,
  type TranslationAudit,
  type TranslationStatus,
} from '../schema/api.js';
import { LOCALES } from '../i18n/locales.js';
import { signIn, startTestServer, type Caller, type Harness } from '../../test/server/harness.js';

let h: Harness;
const callers = {} as Record<Role, Caller>;

beforeAll(async () => {
  h = await startTestServer();
  for (const role of ROLES) callers[role] = await signIn(h.app, role);
});
afterAll(() => h.close());

const GOOD = {
  format: 'easy-read',
  lang: 'pl',
  understood: 'partly',
  rating: 3,
  assistiveTech: 'screen-reader',
};

function post(who: Caller, payload: unknown, headers = who.headers) {
  return h.app.inject({
    method: 'POST',
    url: '/api/feedback',
    headers,
    payload: payload as object,
  });
}

function read(who: Caller, query = '') {
  return h.app.inject({ method: 'GET', url: `/api/feedback${query}`, headers: who.headers });
}

async function count(): Promise<number> {
  const row = await h.store.db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/feedback', () => {
  it('stores feedback and replies 201 with what was stored', async () => {
    const response = await post(callers.ipag, {
      ...GOOD,
      comment: '  Clear, but the pictures were small.  ',
    });
    expect(response.statusCode, response.body).toBe(201);
    const stored = response.json<Feedback>();
    expect(stored).toMatchObject({ ...GOOD, comment: 'Clear, but the pictures were small.' });
    expect(stored.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(new Date(stored.at).toISOString()).toBe(stored.at);
  });

  it('stores no comment when none, or only spaces, is given', async () => {
    const response = await post(callers.ipag, { ...GOOD, comment: '   ' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).not.toHaveProperty('comment');
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['rating 0', { rating: 0 }, 'rating'],
    ['rating 6', { rating: 6 }, 'rating'],
    ['rating "5"', { rating: '5' }, 'rating'],
    ['rating 2.5', { rating: 2.5 }, 'rating'],
    ['understood "maybe"', { understood: 'maybe' }, 'understood'],
    ['an unknown format', { format: 'smoke-signal' }, 'format'],
    ['an unknown lang', { lang: 'xx-YY' }, 'lang'],
    ['lang with different case', { lang: 'PL' }, 'lang'],
    ['bfi with a format other than bsl', { lang: 'bfi', format: 'visual' }, 'lang'],
    ['an unknown assistiveTech', { assistiveTech: 'telepathy' }, 'assistiveTech'],
    ['a comment of 1,001 characters', { comment: 'x'.repeat(MAX_COMMENT + 1) }, 'comment'],
    ['a comment that is not a string', { comment: 42 }, 'comment'],
    ['an extra field', { username: 'someone-else' }, 'username'],
    ['an extra field with a name', { name: 'A. Person' }, 'name'],
  ];
  it.each(BAD)('refuses %s with the field named, and stores nothing', async (_, change, field) => {
    const before = await count();
    const response = await post(callers.ipag, { ...GOOD, ...change });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid', field });
    expect(await count()).toBe(before);
  });

  it.each(['format', 'lang', 'understood', 'rating', 'assistiveTech'])(
    'refuses feedback without %s',
    async (field) => {
      const body: Record<string, unknown> = { ...GOOD };
      delete body[field];
      const response = await post(callers.ipag, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe(field);
    },
  );

  it('accepts a comment of exactly 1,000 characters, counted as characters not bytes', async () => {
    const comment = 'ł'.repeat(MAX_COMMENT);
    const response = await post(callers.ipag, { ...GOOD, comment });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Feedback>().comment).toBe(comment);
  });

  it('accepts bfi with bsl', async () => {
    const response = await post(callers.ipag, { ...GOOD, format: 'bsl', lang: 'bfi' });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('stores markup and SQL-like text byte for byte, as data', async () => {
    const comments = [
      '<img src=x onerror=alert(1)><script>alert("x")</script>',
      "Robert'); DROP TABLE feedback;--",
      "' OR '1'='1",
      '{{constructor.constructor("alert(1)")()}} ${1+1} %s \\u0000 \u202Eevil',
      'Emoji 👍🏽 and Arabic نص and a\nnew line',
    ];
    const ids: string[] = [];
    for (const comment of comments) {
      const response = await post(callers.ipag, { ...GOOD, format: 'audio', comment });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json<Feedback>().comment).toBe(comment);
      ids.push(response.json<Feedback>().id);
    }
    const reply = (await read(callers.reviewer, '?format=audio')).json<FeedbackReply>();
    for (const [i, id] of ids.entries()) {
      expect(reply.feedback.find((f) => f.id === id)?.comment).toBe(comments[i]);
    }
    // The table is still there, and so is everything else in it.
    expect(await count()).toBeGreaterThan(comments.length);
    expect(reply.feedback.length).toBe(comments.length);
  });

  it('refuses a change made without the CSRF token, and stores nothing', async () => {
    const before = await count();
    const response = await post(callers.ipag, GOOD, { cookie: callers.ipag.headers.cookie! });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
    const wrong = await post(callers.ipag, GOOD, {
      cookie: callers.ipag.headers.cookie!,
      'x-csrf-token': callers.reviewer.csrfToken,
    });
    expect(wrong.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('refuses anyone not signed in', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/feedback', payload: GOOD });
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/feedback', () => {
  let other: Caller;
  beforeAll(async () => {
    // A second IPAG tester, whose entries the first must never see.
    const { createUser } = await import('./accounts.js');
    await createUser(h.store.db, 'test-ipag-two', 'ipag', 'another-long-password');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'test-ipag-two', password: 'another-long-password' },
    });
    const cookie = response.cookies.find((c) => c.name === 'fw_session')!;
    const { csrfToken } = response.json<{ csrfToken: string }>();
    other = {
      role: 'ipag',
      csrfToken,
      headers: { cookie: `fw_session=${cookie.value}`, 'x-csrf-token': csrfToken },
    };
    for (const [rating, understood] of [
      [5, 'yes'],
      [4, 'yes'],
      [1, 'no'],
    ] as const) {
      const r = await post(other, {
        format: 'vibration',
        lang: 'cy',
        understood,
        rating,
        assistiveTech: 'none',
        comment: `secret from two ${rating}`,
      });
      expect(r.statusCode).toBe(201);
    }
  });

  it('gives reviewers and admins every entry, with usernames, and a summary', async () => {
    for (const role of ['reviewer', 'admin'] as const) {
      const reply = (await read(callers[role], '?format=vibration&lang=cy')).json<FeedbackReply>();
      expect(reply.feedback).toHaveLength(3);
      expect(new Set(reply.feedback.map((f) => f.username))).toEqual(new Set(['test-ipag-two']));
      // One tester: their latest entry (rated 1, not understood) is the one that counts.
      expect(reply.summary).toEqual([
        {
          format: 'vibration',
          lang: 'cy',
          count: 1,
          understood: { yes: 0, partly: 0, no: 1 },
          meanRating: 1,
        },
      ]);
      // Newest first.
      expect(reply.feedback.map((f) => f.rating)).toEqual([1, 4, 5]);
    }
  });

  it('gives the ipag role its own entries only, without usernames, and a summary of them', async () => {
    const mine = (await read(callers.ipag)).json<FeedbackReply>();
    expect(mine.feedback.length).toBeGreaterThan(0);
    expect(mine.feedback.some((f) => f.comment?.startsWith('secret from two'))).toBe(false);
    expect(mine.feedback.every((f) => f.username === undefined)).toBe(true);
    expect(mine.summary.some((s) => s.format === 'vibration')).toBe(false);
    const notices = new Set(mine.feedback.map((f) => `${f.format} ${f.lang}`));
    expect(mine.summary.reduce((n, s) => n + s.count, 0)).toBe(notices.size);
    expect(JSON.stringify(mine)).not.toContain('test-ipag-two');

    const theirs = (await read(other, '?format=vibration')).json<FeedbackReply>();
    expect(theirs.feedback).toHaveLength(3);
    expect(theirs.summary).toHaveLength(1);
    // Asking for another's format and language gives nothing of anyone else's.
    const none = (await read(other, '?format=easy-read&lang=pl')).json<FeedbackReply>();
    expect(none).toEqual({ feedback: [], summary: [] });
  });

  it('counts one entry per tester per notice, the latest, so one tester cannot decide the results', async () => {
    const third = { format: 'audio', lang: 'so', assistiveTech: 'none' } as const;
    for (let i = 0; i < 30; i++)
      expect((await post(other, { ...third, understood: 'no', rating: 1 })).statusCode).toBe(201);
    await post(callers.ipag, { ...third, understood: 'yes', rating: 5 });
    await post(callers.ipag, { ...third, understood: 'partly', rating: 4 });
    const reply = (await read(callers.reviewer, '?format=audio&lang=so')).json<FeedbackReply>();
    expect(reply.feedback).toHaveLength(32);
    expect(reply.summary).toEqual([
      {
        format: 'audio',
        lang: 'so',
        count: 2,
        understood: { yes: 0, partly: 1, no: 1 },
        meanRating: 2.5,
      },
    ]);
  });

  it('refuses unknown filters', async () => {
    for (const query of ['?format=smoke', '?lang=xx', '?user=test-ipag-two']) {
      const response = await read(callers.reviewer, query);
      expect(response.statusCode, query).toBe(400);
    }
  });

  it("records reviewer and admin reads in the disclosure log, not an ipag member's own", async () => {
    const log = () =>
      h.app
        .inject({ method: 'GET', url: '/api/disclosures', headers: callers.admin.headers })
        .then((r) => r.json<Disclosure[]>().filter((d) => d.action === 'feedback'));
    const before = (await log()).length;
    await read(callers.reviewer, '?lang=cy');
    await read(callers.ipag);
    const after = await log();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ username: 'test-reviewer', role: 'reviewer' });
    expect(JSON.parse(after[0]!.detail)).toEqual({ lang: 'cy' });
  });
});

describe('translation review status', () => {
  const statuses = () =>
    h.app
      .inject({ method: 'GET', url: '/api/translations', headers: callers.reviewer.headers })
      .then((r) => r.json<TranslationStatus[]>());
  const set = (who: Caller, tag: string, payload: unknown, headers = who.headers) =>
    h.app.inject({
      method: 'POST',
      url: `/api/translations/${tag}`,
      headers,
      payload: payload as object,
    });
  const audit = () =>
    h.app
      .inject({ method: 'GET', url: '/api/translations/audit', headers: callers.reviewer.headers })
      .then((r) => r.json<TranslationAudit[]>());

  it("lists every locale with index.json's status until a reviewer changes it", async () => {
    const list = await statuses();
    expect(list.map((s) => s.tag)).toEqual(LOCALES.map((l) => l.tag));
    const pl = list.find((s) => s.tag === 'pl')!;
    expect(pl).toEqual({
      tag: 'pl',
      status: LOCALES.find((l) => l.tag === 'pl')!.status,
      changedBy: null,
      changedAt: null,
    });
  });

  it('marks a translation reviewed and back, auditing who and when for each change', async () => {
    const start = new Date().toISOString();
    const first = await set(callers.reviewer, 'pl', { status: 'reviewed' });
    expect(first.statusCode, first.body).toBe(200);
    const reviewed = first.json<TranslationStatus>();
    expect(reviewed).toMatchObject({ tag: 'pl', status: 'reviewed', changedBy: 'test-reviewer' });
    expect(reviewed.changedAt! >= start).toBe(true);
    expect((await statuses()).find((s) => s.tag === 'pl')).toEqual(reviewed);

    const trail = await audit();
    expect(trail[0]).toMatchObject({
      username: 'test-reviewer',
      tag: 'pl',
      from: 'draft',
      to: 'reviewed',
      at: reviewed.changedAt,
    });

    // The same status again changes nothing, and records nothing.
    const again = await set(callers.admin, 'pl', { status: 'reviewed' });
    expect(again.json()).toEqual(reviewed);
    expect((await audit()).length).toBe(trail.length);

    const undo = await set(callers.admin, 'pl', { status: 'draft' });
    expect(undo.json()).toMatchObject({ status: 'draft', changedBy: 'test-admin' });
    const after = await audit();
    expect(after.length).toBe(trail.length + 1);
    expect(after[0]).toMatchObject({
      username: 'test-admin',
      tag: 'pl',
      from: 'reviewed',
      to: 'draft',
    });
    const rows = await h.store.db
      .selectFrom('translation_audit')
      .selectAll()
      .where('tag', '=', 'pl')
      .execute();
    expect(rows.every((r) => r.user_id && r.at)).toBe(true);
  });

  it('refuses an unknown tag with 404, and changes nothing', async () => {
    const before = (await audit()).length;
    for (const tag of ['xx', 'PL', 'bfi', 'en-gb']) {
      const response = await set(callers.reviewer, tag, { status: 'reviewed' });
      expect(response.statusCode, tag).toBe(404);
      expect(response.json().error.code).toBe('not-found');
    }
    expect((await audit()).length).toBe(before);
  });

  it('refuses a bad status, an extra field, a missing CSRF token and the ipag role', async () => {
    const before = (await audit()).length;
    expect((await set(callers.reviewer, 'ro', { status: 'certified' })).statusCode).toBe(400);
    expect((await set(callers.reviewer, 'ro', { status: 'reviewed', by: 'x' })).statusCode).toBe(
      400,
    );
    expect((await set(callers.reviewer, 'ro', {})).statusCode).toBe(400);
    const noCsrf = await set(
      callers.reviewer,
      'ro',
      { status: 'reviewed' },
      {
        cookie: callers.reviewer.headers.cookie!,
      },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    expect((await set(callers.ipag, 'ro', { status: 'reviewed' })).statusCode).toBe(403);
    expect((await audit()).length).toBe(before);
    expect((await statuses()).find((s) => s.tag === 'ro')?.changedBy).toBeNull();
  });

  it('has no route that edits or deletes the audit trail', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH'] as const) {
      const response = await h.app.inject({
        method,
        url: '/api/translations/audit',
        headers: callers.admin.headers,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/feedback',
        '/api/translations',
        '/api/translations/audit',
        '/api/translations/{lang}',
      ]),
    );
    const body = doc.paths['/api/feedback'].post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.comment.maxLength).toBe(MAX_COMMENT);
    expect(body.properties.rating).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
  });
});
