import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LitElement } from 'lit';
import { unmountAll, mount } from '../../components/shared/test-utils.js';
import type {
  FeedbackReply,
  Role,
  SessionReply,
  SummaryGroup,
  SummaryReply,
  TranslationAudit,
  TranslationStatus,
} from '../schema/api.js';
import { LOCALES } from '../i18n/locales.js';
import type { BreakdownRow } from './breakdown.js';
import './define.js';

/** Every element matching a selector, through every shadow root under a node. */
function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  const hosts = [...(root instanceof Element ? [root] : []), ...root.querySelectorAll('*')];
  for (const el of hosts) {
    if (el.shadowRoot) found.push(...deepAll<T>(el.shadowRoot, selector));
  }
  return found;
}

function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = deepAll<T>(root, selector)[0];
  if (!el) throw new Error(`Nothing matches ${selector}`);
  return el;
}

function byText<T extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
  text: string,
): T {
  const el = deepAll<T>(root, selector).find((e) => e.textContent?.trim() === text);
  if (!el) throw new Error(`No ${selector} says "${text}"`);
  return el;
}

/** Waits until an assertion passes, letting every element under `root` render. */
async function until(check: () => void, timeout = 3000): Promise<void> {
  await vi.waitFor(check, { timeout, interval: 20 });
}

/** All the text under a node, including inside shadow roots. */
function text(root: ParentNode): string {
  const parts = [root.textContent ?? ''];
  const hosts = [...(root instanceof Element ? [root] : []), ...root.querySelectorAll('*')];
  for (const el of hosts) if (el.shadowRoot) parts.push(text(el.shadowRoot));
  return parts.join(' ').replace(/\s+/g, ' ');
}

const counts = (
  count: number | null,
  acknowledged = count,
  shown: number | null = 0,
  notPossible: number | null = 0,
) => ({
  count,
  acknowledged,
  shown,
  notPossible,
});

/** A summary as the server gives it; for the ipag role, a published quarter's (see published.ts). */
function summaryReply(url: URL, ipag = false): SummaryReply {
  const groupBy = url.searchParams.get('groupBy');
  const groups: Record<string, SummaryGroup[]> = {
    format: [
      { key: 'visual', ...counts(40, 30, 8, 2) },
      { key: 'bsl', ...counts(3, 2, 1, 0) },
    ],
    lang: [{ key: 'pl', ...counts(12, 10, 2, 0) }],
    week: [{ key: '2026-03-02', ...counts(20, 15, 5, 0) }],
  };
  const shown = (groups[groupBy ?? ''] ?? []).filter((g) => !ipag || g.count! >= 10);
  return {
    query: Object.fromEntries(url.searchParams),
    total: ipag ? counts(43, 32, null, null) : counts(43, 32, 9, 2),
    groups: ipag ? shown.map((g) => ({ ...counts(g.count, null, null, null), key: g.key })) : shown,
    suppressed: ipag,
    range: ipag
      ? { first: '2026-07-01', last: '2026-09-30' }
      : { first: '2026-02-01', last: '2026-03-10' },
  };
}

interface Call {
  method: string;
  url: URL;
  body?: string;
  headers: Record<string, string>;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fake /api: the session as given, summaries and the other panels' replies. */
const XSS = '<img src=x onerror=alert(1)>';

/** Two testers' feedback on Easy Read in Polish, one with markup in its comment. */
const FEEDBACK: FeedbackReply = {
  feedback: [
    {
      id: 'f2',
      at: '2026-03-09T10:00:00.000Z',
      format: 'easy-read',
      lang: 'pl',
      understood: 'partly',
      rating: 2,
      assistiveTech: 'screen-reader',
      comment: `${XSS} the pictures were too small`,
      username: 'ipag-1',
    },
    {
      id: 'f1',
      at: '2026-03-08T10:00:00.000Z',
      format: 'easy-read',
      lang: 'pl',
      understood: 'yes',
      rating: 5,
      assistiveTech: 'none',
      username: 'ipag-2',
    },
  ],
  summary: [
    {
      format: 'easy-read',
      lang: 'pl',
      count: 2,
      understood: { yes: 1, partly: 1, no: 0 },
      meanRating: 3.5,
    },
  ],
};

function fakeApi(
  options: {
    role?: Role | null;
    signIn?: (u: string, p: string) => Response;
    feedback?: FeedbackReply;
  } = {},
) {
  const calls: Call[] = [];
  const statuses: TranslationStatus[] = LOCALES.map((l) => ({
    tag: l.tag,
    status: 'draft',
    changedBy: null,
    changedAt: null,
  }));
  const audit: TranslationAudit[] = [];
  let session: SessionReply | null = options.role
    ? { user: { username: 'sam', role: options.role }, csrfToken: 'csrf-1' }
    : null;
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.origin);
    const method = init.method ?? 'GET';
    calls.push({
      method,
      url,
      body: init.body as string,
      headers: init.headers as Record<string, string>,
    });
    if (url.pathname === '/api/session' && method === 'GET') {
      return session
        ? json(200, session)
        : json(401, { error: { code: 'unauthenticated', message: 'no' } });
    }
    if (url.pathname === '/api/session' && method === 'POST') {
      const { username, password } = JSON.parse(init.body as string);
      const reply =
        options.signIn?.(username, password) ??
        json(401, { error: { code: 'bad-credentials', message: 'no' } });
      if (reply.ok) session = (await reply.clone().json()) as SessionReply;
      return reply;
    }
    if (url.pathname === '/api/session/password' && method === 'PUT') {
      const { current, next } = JSON.parse(init.body as string);
      if (current !== 'one-time-password')
        return json(403, { error: { code: 'bad-credentials', message: 'no' } });
      if (next.length < 12) return json(400, { error: { code: 'weak-password', message: 'no' } });
      if (session) session = { ...session, mustChangePassword: false };
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/session' && method === 'DELETE') {
      session = null;
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/summary')
      return json(200, summaryReply(url, session?.user.role === 'ipag'));
    if (url.pathname === '/api/integrity')
      return json(200, { checkedAt: '2026-03-10T10:00:00Z', devices: [] });
    if (url.pathname === '/api/devices') return json(200, []);
    if (url.pathname === '/api/held-imports') return json(200, []);
    if (url.pathname === '/api/feedback')
      return json(200, options.feedback ?? { feedback: [], summary: [] });
    if (url.pathname === '/api/translations') return json(200, statuses);
    if (url.pathname === '/api/translations/audit') return json(200, audit);
    const tag = /^\/api\/translations\/([^/]+)$/.exec(url.pathname)?.[1];
    if (tag && method === 'POST') {
      const row = statuses.find((s) => s.tag === decodeURIComponent(tag));
      if (!row) return json(404, { error: { code: 'not-found', message: tag } });
      const { status } = JSON.parse(init.body as string) as { status: 'draft' | 'reviewed' };
      const at = new Date().toISOString();
      audit.unshift({
        id: String(audit.length),
        at,
        username: 'sam',
        tag: row.tag,
        from: row.status,
        to: status,
      });
      Object.assign(row, { status, changedBy: 'sam', changedAt: at });
      return json(200, row);
    }
    if (url.pathname === '/api/disclosures') {
      // 120 entries, newest first, paged by id as the server does (ids sort as they were made).
      const all = Array.from({ length: 120 }, (_, i) => ({
        id: String(5000 - i),
        at: '2026-03-10T10:00:00.000Z',
        username: i === 0 ? 'dana' : 'sam',
        role: 'reviewer',
        action: i === 0 || i === 119 ? 'export' : 'summary',
        detail: JSON.stringify(i === 0 ? { area: '<img src=x onerror=alert(1)>' } : {}),
      }));
      const before = url.searchParams.get('before');
      const action = url.searchParams.get('action');
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return json(
        200,
        all
          .filter((d) => (!before || d.id < before) && (!action || d.action === action))
          .slice(0, limit),
      );
    }
    if (url.pathname === '/api/audit') {
      return json(200, [
        {
          id: '2',
          at: '2026-03-10T10:00:00.000Z',
          kind: 'sign-in',
          outcome: 'failure',
          actor: { type: 'anonymous', id: null, name: null },
          detail: { reason: 'bad-credentials' },
        },
        {
          id: '1',
          at: '2026-03-09T10:00:00.000Z',
          kind: 'device-enrol',
          outcome: 'success',
          actor: { type: 'device', id: 'dev-1', name: null },
          detail: { area: 'KENT-N' },
        },
      ]);
    }
    return json(404, { error: { code: 'not-found', message: url.pathname } });
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, fetch };
}

const start = location.href;
beforeEach(() => history.replaceState(null, '', start));
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
  history.replaceState(null, '', start);
});

async function signInPage() {
  const page = await mount('<fw-review></fw-review>');
  await until(() => byText(page, 'button', 'Sign in'));
  return page;
}

function fill(root: ParentNode, selector: string, value: string) {
  const input = deep<HTMLInputElement | HTMLSelectElement>(root, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('signing in to /review', () => {
  it('asks for a sign-in, with a button named "Sign in" and autocomplete hints', async () => {
    fakeApi({ role: null });
    const page = await signInPage();
    expect(deep(page, 'h1').textContent).toContain('Sign in to the review');
    expect(deep(page, '#username').getAttribute('autocomplete')).toBe('username');
    expect(deep(page, '#password').getAttribute('autocomplete')).toBe('current-password');
  });

  it('shows an error summary, focused, that links to each empty field', async () => {
    fakeApi({ role: null });
    const page = await signInPage();
    byText(page, 'button', 'Sign in').click();
    await until(() => expect(deepAll(page, '.error-summary a')).toHaveLength(2));
    const summary = deep(page, '.error-summary');
    expect(summary.textContent).toContain('Enter your username');
    expect(summary.textContent).toContain('Enter your password');
    expect(summary.getAttribute('role')).toBe('alert');
    expect(summary.getRootNode()).toHaveProperty('activeElement', summary);
    expect(deep(page, '#username').getAttribute('aria-invalid')).toBe('true');
    // The summary's link takes focus to its field.
    deep<HTMLAnchorElement>(page, '.error-summary a').click();
    const input = deep(page, '#username');
    expect((input.getRootNode() as ShadowRoot).activeElement).toBe(input);
  });

  it('says plainly when the password is wrong, and when too many wrong ones mean a wait', async () => {
    fakeApi({
      role: null,
      signIn: (_u, p) =>
        p === 'too-many'
          ? json(
              429,
              { error: { code: 'slow-down', message: 'slow down' } },
              { 'Retry-After': '300' },
            )
          : json(401, { error: { code: 'bad-credentials', message: 'no' } }),
    });
    const page = await signInPage();
    fill(page, '#username', 'sam');
    fill(page, '#password', 'wrong');
    byText(page, 'button', 'Sign in').click();
    await until(() => expect(text(page)).toContain('The username or password is not right'));
    expect(deep<HTMLInputElement>(page, '#password').value).toBe('');
    fill(page, '#password', 'too-many');
    byText(page, 'button', 'Sign in').click();
    await until(() =>
      expect(text(page)).toContain(
        'Too many wrong passwords have been tried for this account from here. Try again in 5 minutes',
      ),
    );
  });

  it('signs in, shows the figures, and sends the CSRF token when signing out', async () => {
    const { calls } = fakeApi({
      role: null,
      signIn: (username) =>
        json(200, { user: { username, role: 'reviewer' }, csrfToken: 'csrf-9' }),
    });
    const page = await signInPage();
    fill(page, '#username', 'sam');
    fill(page, '#password', 'right');
    byText(page, 'button', 'Sign in').click();
    await until(() => expect(deep(page, 'h1').textContent).toContain('Notice use review'));
    await until(() => expect(text(page)).toContain('Headline figures'));
    // Focus moves to the new view's heading.
    const h1 = deep(page, 'h1');
    await until(() => expect((h1.getRootNode() as ShadowRoot).activeElement).toBe(h1));
    byText(page, 'button', 'Sign out').click();
    await until(() => byText(page, 'button', 'Sign in'));
    const signOut = calls.find((c) => c.method === 'DELETE');
    expect(signOut?.headers['X-CSRF-Token']).toBe('csrf-9');
    expect(text(page)).toContain('You have signed out.');
  });
});

describe('changing a password', () => {
  it('walks a person with a one-time password through choosing their own, before anything else', async () => {
    const { calls } = fakeApi({
      role: null,
      signIn: (username) =>
        json(200, {
          user: { username, role: 'reviewer' },
          csrfToken: 'csrf-7',
          mustChangePassword: true,
        }),
    });
    const page = await signInPage();
    fill(page, '#username', 'sam');
    fill(page, '#password', 'one-time-password');
    byText(page, 'button', 'Sign in').click();
    await until(() => expect(deep(page, 'h1').textContent).toContain('Choose your own password'));
    expect(text(page)).toContain('works only once');
    // No way round it: no Cancel, no other request.
    expect(text(page)).not.toContain('Cancel');
    expect(calls.some((c) => c.url.pathname === '/api/summary')).toBe(false);
    fill(page, '#current', 'wrong-one');
    fill(page, '#next', 'my own long password');
    byText(page, 'button', 'Save password').click();
    await until(() => expect(text(page)).toContain('The current password is not right.'));
    fill(page, '#current', 'one-time-password');
    fill(page, '#next', 'my own long password');
    byText(page, 'button', 'Save password').click();
    await until(() => expect(text(page)).toContain('Your password has been changed.'));
    await until(() => expect(text(page)).toContain('Headline figures'));
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.headers['X-CSRF-Token']).toBe('csrf-7');
    expect(JSON.parse(put.body as string)).toEqual({
      current: 'one-time-password',
      next: 'my own long password',
    });
  });

  it('lets any role, an IPAG member too, change their password from the bar, or cancel', async () => {
    fakeApi({ role: 'ipag' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => byText(page, 'button', 'Change your password'));
    byText(page, 'button', 'Change your password').click();
    await until(() => expect(deep(page, 'h1').textContent).toContain('Change your password'));
    byText(page, 'button', 'Cancel').click();
    // Back to the quarterly review an IPAG member reads.
    await until(() => expect(deep(page, 'h1').textContent).toContain('Notice use review'));
  });
});

describe('the review for each role', () => {
  it('gives an IPAG member whole quarters only, says why numbers are missing, and asks for nothing else', async () => {
    const { calls } = fakeApi({ role: 'ipag' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Headline figures'));
    expect(deep(page, 'h1').textContent).toContain('Notice use review');
    expect(text(page)).toContain('numbers under 10 are not shown');
    const picker = deep(page, 'select#f-period') as HTMLSelectElement;
    expect(picker.options.length).toBe(8);
    // No dates, no other filters, no export or report, and no panel that needs more than ipag.
    for (const field of ['#f-from', '#f-to', '#f-area', '#f-format'])
      expect(deepAll(page, field)).toHaveLength(0);
    expect(deepAll(page, 'fw-review-integrity')).toHaveLength(0);
    expect(text(page)).not.toContain('Export');
    const summaries = calls.filter((c) => c.url.pathname === '/api/summary');
    expect(summaries.length).toBeGreaterThan(0);
    for (const c of summaries) {
      expect([...c.url.searchParams.keys()].sort()).toEqual(
        c.url.searchParams.has('groupBy') ? ['groupBy', 'period', 'view'] : ['period', 'view'],
      );
      expect(c.url.searchParams.get('period')).toBe(picker.value);
    }
    // A withheld figure reads "withheld", as it may be 10 or more; a missing group is not a 0.
    const headline = deepAll(page, '.headline .number').map((n) => n.textContent?.trim());
    expect(headline).toEqual(['43', '32', 'withheld', 'withheld']);
    expect(text(page)).toContain(
      'No group to show: each had fewer than 10 notices, or was held back.',
    );
    expect(text(page)).not.toContain('No notices to show');
    expect(byText(page, 'button', 'Sign out')).toBeTruthy();
  });

  it('shows a reviewer no administration, and an administrator the devices', async () => {
    fakeApi({ role: 'reviewer' });
    let page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Device integrity'));
    expect(deepAll(page, 'fw-review-admin')).toHaveLength(0);
    unmountAll();
    fakeApi({ role: 'admin' });
    page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Issue an enrolment code'));
    // The disclosure log: who did what, with the stored filters shown as text, never as markup.
    await until(() => expect(text(page)).toContain('dana (reviewer)'));
    expect(text(page)).toContain('Exported CSV');
    expect(text(page)).toContain('area: <img src=x onerror=alert(1)>');
    expect(deepAll(page, 'img')).toHaveLength(0);
  });

  it('pages through the disclosure log by id and filters it, so no entry is out of reach', async () => {
    const { calls } = fakeApi({ role: 'admin' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('dana (reviewer)'));
    const log = deep(page, 'fw-review-log');
    const rows = () => deepAll(log, 'tbody tr');
    expect(rows()).toHaveLength(50);
    expect(() => byText(log, 'button', 'Newer entries')).toThrow();
    byText(log, 'button', 'Older entries').click();
    await until(() => expect(text(log)).toContain('Entries 51 to 100, newest first.'));
    const older = calls.filter((c) => c.url.pathname === '/api/disclosures').at(-1)!;
    expect(older.url.searchParams.get('before')).toBe('4951');
    expect(older.url.searchParams.get('limit')).toBe('51');
    expect(log.shadowRoot!.activeElement).toBe(deep(log, '.table-scroll'));
    byText(log, 'button', 'Older entries').click();
    await until(() => expect(rows()).toHaveLength(20));
    expect(() => byText(log, 'button', 'Older entries')).toThrow();
    byText(log, 'button', 'Newer entries').click();
    await until(() => expect(text(log)).toContain('Entries 51 to 100, newest first.'));

    // The oldest export, 119 entries back, is one filter away.
    fill(log, '#log-what', 'export');
    byText(log, 'button', 'Show entries').click();
    await until(() => expect(rows()).toHaveLength(2));
    const filtered = calls.filter((c) => c.url.pathname === '/api/disclosures').at(-1)!;
    expect(filtered.url.searchParams.get('action')).toBe('export');
    expect(filtered.url.searchParams.has('before')).toBe(false);

    fill(log, '#log-from', '2026-03-10');
    fill(log, '#log-to', '2026-03-01');
    byText(log, 'button', 'Show entries').click();
    await until(() =>
      expect(text(log)).toContain('The start date must be the same as or before the end date'),
    );
  });

  it('shows an administrator the security audit log at /review/audit, and no one else', async () => {
    fakeApi({ role: 'admin' });
    let page = await mount('<fw-review-audit></fw-review-audit>');
    await until(() => expect(text(page)).toContain('Sign-in: failed'));
    expect(deep(page, 'h1').textContent).toBe('Security audit log');
    expect(text(page)).toContain('Not signed in');
    expect(text(page)).toContain('reason: bad-credentials');
    expect(text(page)).toContain('Device enrolment: succeeded');
    expect(text(page)).toContain('Device dev-1');
    unmountAll();
    fakeApi({ role: 'reviewer' });
    page = await mount('<fw-review-audit></fw-review-audit>');
    await until(() => expect(deepAll(page, 'h1')[0]?.textContent).toBeTruthy());
    expect(deepAll(page, 'fw-review-log')).toHaveLength(0);
  });
});

describe('filters', () => {
  it('put the filters in the address and the API query, and clear them again', async () => {
    const { calls } = fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Headline figures'));
    // With no dates chosen, the period is the data's latest 12 weeks.
    const first = calls.filter((c) => c.url.pathname === '/api/summary').at(-1)!;
    expect(first.url.searchParams.get('to')).toBe('2026-03-10');
    expect(first.url.searchParams.get('from')).toBe('2026-02-01');
    expect(first.url.searchParams.get('view')).toBe('review');

    calls.length = 0;
    fill(page, '#f-area', 'KT1');
    fill(page, '#f-format', 'bsl');
    fill(page, '#f-language', 'ar');
    fill(page, '#f-from', '2026-02-10');
    byText(page, 'button', 'Apply filters').click();
    await until(() =>
      expect(calls.filter((c) => c.url.pathname === '/api/summary').length).toBeGreaterThan(7),
    );
    const params = new URLSearchParams(location.search);
    expect(params.get('area')).toBe('KT1');
    expect(params.get('format')).toBe('bsl');
    // The notice language is `language`: `lang` chooses the page's own locale.
    expect(params.get('language')).toBe('ar');
    expect(params.has('lang')).toBe(false);
    const sent = calls.find((c) => c.url.searchParams.get('groupBy') === 'format')!.url
      .searchParams;
    expect(sent.get('area')).toBe('KT1');
    expect(sent.get('format')).toBe('bsl');
    expect(sent.get('lang')).toBe('ar');
    expect(sent.get('from')).toBe('2026-02-10');
    // The CSV link and the report carry the same filters.
    const csv = deepAll<HTMLAnchorElement>(page, 'a[download]')[0]!;
    expect(new URL(csv.href).searchParams.get('area')).toBe('KT1');
    const report = byText<HTMLAnchorElement>(page, 'a', 'Open the EIA evidence report');
    expect(new URL(report.href).pathname).toBe('/review/report');
    expect(new URL(report.href).searchParams.get('format')).toBe('bsl');

    byText(page, 'button', 'Clear filters').click();
    await until(() => expect(location.search).not.toContain('area='));
    expect(location.search).not.toContain('format=');
  });

  it('refuses a start date after the end date, with an error summary', async () => {
    fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Headline figures'));
    fill(page, '#f-from', '2026-03-09');
    fill(page, '#f-to', '2026-03-01');
    byText(page, 'button', 'Apply filters').click();
    await until(() =>
      expect(deep(page, '.error-summary').textContent).toContain(
        'The start date must be the same as or before',
      ),
    );
    expect(location.search).not.toContain('from=');
  });
});

describe('endonyms', () => {
  it("marks each language's endonym with its own lang and dir, in the filter and the tables", async () => {
    fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review></fw-review>');
    await until(() => deep(page, '#f-language'));
    const options = deepAll<HTMLOptionElement>(page, '#f-language option');
    const arabic = options.find((o) => o.value === 'ar')!;
    expect(arabic.textContent!.trim()).toBe('العربية (Arabic)');
    expect([arabic.lang, arabic.dir]).toEqual(['ar', 'rtl']);
    for (const option of options.filter((o) => o.value && o.value !== 'bfi')) {
      const locale = LOCALES.find((l) => l.tag === option.value)!;
      expect(option.textContent!.trim().startsWith(locale.endonym), option.value).toBe(true);
      expect(option.closest('[lang]')!.getAttribute('lang'), option.value).toBe(locale.tag);
    }
    await until(() => {
      const polski = deepAll(page, 'th[scope="row"] span').find((s) => s.textContent === 'Polski');
      expect(polski?.getAttribute('lang')).toBe('pl');
      expect(polski?.closest('th')!.textContent!.trim()).toBe('Polski (Polish)');
    });
  });
});

describe('breakdowns', () => {
  const rows: BreakdownRow[] = [
    { key: 'visual', label: 'Visual', ...counts(40, 30, 8, 2) },
    { key: 'bsl', label: 'British Sign Language', ...counts(null, null, null, null) },
    { key: 'audio', label: 'Audio', ...counts(12, 6, 6, 0) },
  ];

  async function breakdown(kind = 'count') {
    const detail = kind === 'count' ? 'detail' : '';
    const el = await mount<LitElement & { rows: BreakdownRow[] }>(
      `<fw-review-breakdown heading="Notices by format" group-heading="Format" kind="${kind}" ${detail}></fw-review-breakdown>`,
    );
    el.rows = rows;
    await until(() => expect(el.shadowRoot!.querySelector('svg')).not.toBeNull());
    return el;
  }

  it('is an SVG image with a title and a description, beside a table of the same numbers', async () => {
    const el = await breakdown();
    const root = el.shadowRoot!;
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const title = root.getElementById(svg.getAttribute('aria-labelledby')!)!;
    const desc = root.getElementById(svg.getAttribute('aria-describedby')!)!;
    expect(title.textContent).toBe('Notices by format');
    expect(desc.textContent).toContain('Visual: 40');
    expect(desc.textContent).toContain('Audio: 12');
    expect(desc.textContent).toContain('British Sign Language: fewer than 10');

    const table = root.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent!.trim()).toBe('Notices by format');
    expect(
      [...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col'),
    ).toBe(true);
    const body = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()),
    );
    expect(body[0]).toEqual(['Visual', '40', '30', '8', '2']);
    expect(table.querySelector('tbody th')!.getAttribute('scope')).toBe('row');
    // The numbers written on the bars are the table's.
    const barLabels = [...svg.querySelectorAll('[data-mark="text"] text')].map(
      (t) => t.textContent,
    );
    expect(barLabels).toEqual(['40', '12']);
    expect(body.map((r) => r[1])).toEqual(['40', 'fewer than 10', '12']);
  });

  it('leaves nothing in the chart that a strict style-src would refuse', async () => {
    const el = await breakdown();
    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.querySelectorAll('style')).toHaveLength(0);
    expect(svg.querySelectorAll('[style]')).toHaveLength(0);
    expect(svg.hasAttribute('style')).toBe(false);
    expect(svg.ownerDocument).toBe(document);
  });

  it('shows a suppressed count as "fewer than 10", never as 0, and does not draw it', async () => {
    const el = await breakdown();
    const root = el.shadowRoot!;
    const bsl = [...root.querySelectorAll('tbody tr')].find((tr) =>
      tr.textContent!.includes('British'),
    )!;
    const cells = [...bsl.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells).toEqual(['fewer than 10', 'fewer than 10', 'fewer than 10', 'fewer than 10']);
    expect(root.querySelectorAll('[data-mark="bar"] rect')).toHaveLength(2);
    expect(root.getElementById('chart-desc')!.textContent).toContain(
      'fewer than 10 notices are not drawn',
    );
  });

  it('gives the acknowledged rate per format', async () => {
    const el = await breakdown('rate');
    const row = [...el.shadowRoot!.querySelectorAll('tbody tr')][2]!;
    expect([...row.children].map((c) => c.textContent!.trim())).toEqual([
      'Audio',
      '12',
      '6',
      '50%',
    ]);
  });

  it("draws a reviewer's small groups, and its description says what the chart draws", async () => {
    // A reviewer sees every count: the audit found "Groups with fewer than 10 notices are not
    // drawn" under a chart that drew Easy Read (6), BSL (2) and Audio (2).
    const el = await mount<LitElement & { rows: BreakdownRow[] }>(
      '<fw-review-breakdown heading="Acknowledgement rate by format" group-heading="Format" kind="rate"></fw-review-breakdown>',
    );
    el.rows = [
      { key: 'visual', label: 'Visual', ...counts(40, 30, 10, 0) },
      { key: 'easy-read', label: 'Easy Read', ...counts(6, 3, 3, 0) },
      { key: 'bsl', label: 'British Sign Language', ...counts(2, 2, 0, 0) },
      { key: 'audio', label: 'Audio', ...counts(2, 1, 1, 0) },
      { key: 'vibration', label: 'Vibration', ...counts(0, 0, 0, 0) },
    ];
    await until(() => expect(el.shadowRoot!.querySelector('svg')).not.toBeNull());
    const root = el.shadowRoot!;
    const drawn = [...root.querySelectorAll('[data-mark="text"] text')].map((t) => t.textContent);
    expect(drawn).toEqual(['75%', '50%', '100%', '50%']);
    expect(root.querySelectorAll('[data-mark="bar"] rect')).toHaveLength(4);
    const description = root.getElementById('chart-desc')!.textContent!;
    expect(description).not.toContain('not drawn');
    expect(description).not.toContain('fewer than 10');
    for (const item of ['Easy Read: 50%', 'British Sign Language: 100%', 'Audio: 50%'])
      expect(description).toContain(item);
    expect(description).toContain('Vibration: not available');
  });

  it('tells an IPAG member which groups are not drawn because their counts are suppressed', async () => {
    const el = await breakdown('rate');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('[data-mark="bar"] rect')).toHaveLength(2);
    const description = root.getElementById('chart-desc')!.textContent!;
    expect(description).toContain('British Sign Language: fewer than 10');
    expect(description).toContain('fewer than 10 notices are not drawn');
  });

  it('shows an IPAG member suppressed headline figures as "fewer than 10"', async () => {
    // An ipag user cannot open /review, so the headline is checked on its own.
    const { renderHeadline } = await import('./review.js');
    const { render } = await import('lit');
    const host = document.createElement('div');
    document.body.append(host);
    render(
      renderHeadline(
        (k) => (k === 'review:counts.suppressed' ? 'fewer than 10' : k),
        'en-GB',
        counts(43, 32, null, null),
      ),
      host,
    );
    const values = [...host.querySelectorAll('.number')].map((n) => n.textContent);
    expect(values).toEqual(['43', '32', 'fewer than 10', 'fewer than 10']);
    host.remove();
  });
});

describe('the report', () => {
  it('asks for report views, and states integrity, method and the suppression note', async () => {
    const { calls } = fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review-report></fw-review-report>');
    await until(() => expect(text(page)).toContain('Method and limitations'));
    const summaries = calls.filter((c) => c.url.pathname === '/api/summary');
    expect(summaries.every((c) => c.url.searchParams.get('view') === 'report')).toBe(true);
    const words = text(page);
    expect(words).toContain('This report covers notices shown from');
    expect(words).toContain('0 devices have sent or imported events.');
    expect(words).toContain('any count under 10 is not shown');
    expect(byText(page, 'button', 'Print')).toBeTruthy();
  });
});

describe('feedback from the advisory group', () => {
  it('shows a table per format and language, and the latest comments as text only', async () => {
    const { calls } = fakeApi({ role: 'reviewer', feedback: FEEDBACK });
    const page = await mount('<fw-review></fw-review>');
    await until(() => expect(text(page)).toContain('Latest comments'));
    const section = deep(page, 'fw-review-feedback');
    const table = deep<HTMLTableElement>(section, 'table');
    expect(table.caption?.textContent?.trim()).toBe('Feedback by format and language');
    const cells = [...table.tBodies[0]!.rows[0]!.cells].map((c) => c.textContent?.trim());
    expect(cells).toEqual(['Easy Read', 'Polski (Polish)', '2', '1', '1', '0', '3.5']);
    // The comment is the text as typed: no element is made from it.
    const comment = deep(section, '.comment');
    expect(comment.textContent).toBe(`${XSS} the pictures were too small`);
    expect(deepAll(page, 'img')).toHaveLength(0);
    expect(comment.children).toHaveLength(0);
    const about = text(deep(section, 'ol.comments li'));
    for (const part of ['rated 2 out of 5', 'understood: partly', 'screen reader', 'Polski']) {
      expect(about).toContain(part);
    }
    // Only entries with a comment are listed.
    expect(deepAll(section, 'ol.comments li')).toHaveLength(1);
    expect(calls.some((c) => c.url.pathname === '/api/feedback')).toBe(true);
  });

  it('says so when there is no feedback yet', async () => {
    fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review></fw-review>');
    await until(() =>
      expect(text(page)).toContain('No feedback yet. IPAG members leave feedback in the lab.'),
    );
    expect(deepAll(deep(page, 'fw-review-feedback'), 'table')).toHaveLength(0);
  });

  it('gives the report the summary and the method, but no comments', async () => {
    fakeApi({ role: 'reviewer', feedback: FEEDBACK });
    const page = await mount('<fw-review-report></fw-review-report>');
    await until(() => expect(text(page)).toContain('Feedback by format and language'));
    const words = text(deep(page, 'fw-review-feedback'));
    expect(words).toContain('structured form');
    expect(words).toContain('comments are not reproduced');
    expect(words).not.toContain('the pictures were too small');
    expect(deepAll(page, 'ol.comments')).toHaveLength(0);
  });
});

describe('translations', () => {
  it('marks a language reviewed, says so, and undoes it with the CSRF token each time', async () => {
    const { calls } = fakeApi({ role: 'reviewer' });
    const page = await mount('<fw-review></fw-review>');
    const section = () => deep(page, 'fw-review-translations');
    const button = (name: string) =>
      deepAll<HTMLButtonElement>(section(), 'button').find(
        (b) => b.getAttribute('aria-label') === name,
      );
    await until(() => expect(button('Mark as reviewed: Polski (Polish)')).toBeTruthy());
    expect(deepAll(section(), 'tbody tr').length).toBeGreaterThanOrEqual(LOCALES.length);
    expect(text(section())).toContain('No changes yet.');

    button('Mark as reviewed: Polski (Polish)')!.click();
    await until(() =>
      expect(deep(section(), '[role="status"]').textContent).toContain(
        'Polski (Polish) is now marked reviewed.',
      ),
    );
    const post = calls.find(
      (c) => c.method === 'POST' && c.url.pathname === '/api/translations/pl',
    );
    expect(JSON.parse(post!.body!)).toEqual({ status: 'reviewed' });
    expect(post!.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(button('Mark as draft: Polski (Polish)')).toBeTruthy();
    await until(() => expect(text(section())).toContain('Draft to Reviewed'));

    const undo = button('Undo: mark Polski (Polish) as draft again')!;
    expect(undo.textContent?.trim()).toBe('Undo');
    undo.click();
    await until(() =>
      expect(deep(section(), '[role="status"]').textContent).toContain(
        'Change undone: Polski (Polish) is draft again.',
      ),
    );
    const posts = calls.filter((c) => c.method === 'POST');
    expect(JSON.parse(posts.at(-1)!.body!)).toEqual({ status: 'draft' });
    await until(() => expect(text(section())).toContain('Reviewed to Draft'));
    expect(button('Mark as reviewed: Polski (Polish)')).toBeTruthy();
    expect(button('Undo: mark Polski (Polish) as draft again')).toBeUndefined();
    // Focus returns to the language's own button once the undo button has gone.
    const pl = button('Mark as reviewed: Polski (Polish)')!;
    await until(() => expect((pl.getRootNode() as ShadowRoot).activeElement).toBe(pl));
  });
});
