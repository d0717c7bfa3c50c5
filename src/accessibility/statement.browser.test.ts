import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, unmountAll } from '../../components/shared/test-utils.js';
import { useLocale } from '../i18n/i18n.js';
import type { AuditRun } from './audit.js';
import { CHECK_PROBLEMS, RULE_PROBLEMS } from './problems.js';
import './define.js';

/**
 * A run that failed as the audit found it did: a check whose output is an assertion's text, and
 * axe violations with CSS selectors, one of them by a rule problems.ts does not describe.
 */
const RAW = 'Error: expect(received).toEqual(expected) // deep equality  - Expected  - 1';
const FAILING: AuditRun & { checks: Array<AuditRun['checks'][number]> } = {
  ranAt: '2026-12-01T10:00:00.000Z',
  commit: '0123456789abcdef0123',
  sweep: {
    pages: ['/', '/review'],
    locales: ['en-GB'],
    themes: ['light', 'dark'],
    cells: 4,
    full: true,
  },
  axe: {
    cells: 4,
    passed: 2,
    failed: 2,
    violations: [
      {
        rule: 'color-contrast',
        impact: 'serious',
        help: 'Elements must meet minimum color contrast ratio thresholds',
        page: '/review',
        locale: 'en-GB',
        theme: 'dark',
        state: 'signed in',
        target: 'fw-review >>> a.button:nth-child(2)',
      },
      {
        rule: 'color-contrast',
        impact: 'serious',
        help: 'Elements must meet minimum color contrast ratio thresholds',
        page: '/lab',
        locale: 'en-GB',
        theme: 'high contrast',
        state: 'gallery',
        target: '#filter-text',
      },
      {
        rule: 'some-future-rule',
        impact: 'moderate',
        help: 'Something raw from axe',
        page: '/',
        locale: 'en-GB',
        theme: 'light',
        state: 'home',
        target: 'fw-kiosk >>> .mystery',
      },
    ],
  },
  checks: [
    // A run recorded before checks had ids: known by its name.
    {
      name: 'The previous audit report itself passes axe',
      passed: false,
      tests: 2,
      failed: 1,
      failures: [`the audit report passes axe (dark): ${RAW}`],
    },
    {
      id: 'layout',
      name: 'Reflow at 320 CSS px, target sizes, and text spacing (WCAG 1.4.10, 2.5.8, 1.4.12)',
      passed: false,
      tests: 20,
      failed: 1,
      failures: ['reflow and targets: /lab, ar: Error: expect(received).toEqual(expected)'],
    },
    {
      id: 'unheard-of',
      name: 'A check added later',
      passed: false,
      tests: 1,
      failed: 1,
      failures: [RAW],
    },
    { id: 'keyboard', name: 'Keyboard', passed: true, tests: 4, failed: 0, failures: [] },
  ],
};

function serve(
  run: unknown,
  config: unknown = { accessibilityContact: { email: 'a11y@force.example' } },
) {
  const real = window.fetch.bind(window);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), location.origin).pathname;
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      if (path === '/audit/latest.json') return json(run);
      if (path === '/config.json') return json(config);
      return real(input, init);
    }),
  );
}

async function statement() {
  const el = await mount('<fw-accessibility-statement></fw-accessibility-statement>');
  await vi.waitFor(() => expect(el.shadowRoot!.querySelector('.problems')).not.toBeNull(), {
    timeout: 3000,
  });
  return el;
}

afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

describe('the non-compliance the statement lists', () => {
  it('describes each problem in plain English, never with a test’s raw output', async () => {
    serve(FAILING);
    const el = await statement();
    const text = el.shadowRoot!.querySelector('.problems')!.textContent!.replace(/\s+/g, ' ');
    for (const raw of [
      'Error',
      'expect(',
      'toEqual',
      '>>>',
      'a.button',
      '#filter-text',
      'Something raw',
      'some-future-rule',
      'unheard-of',
      'serious',
    ])
      expect(text).not.toContain(raw);
    expect(text).toContain(CHECK_PROBLEMS['audit-report']!.text);
    expect(text).toContain(CHECK_PROBLEMS.layout!.text);
    expect(text).toContain(RULE_PROBLEMS['color-contrast']!.text);
    // One entry per problem, not per place it was found.
    const items = [...el.shadowRoot!.querySelectorAll('.problems > li')];
    expect(items).toHaveLength(5);
  });

  it('gives each problem its WCAG criterion and when it will be fixed', async () => {
    serve(FAILING);
    const el = await statement();
    const items = [...el.shadowRoot!.querySelectorAll('.problems > li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' '),
    );
    for (const item of items) {
      expect(item).toMatch(/WCAG 2\.2 success criterion: \S/);
      expect(item).toMatch(/When it will be fixed: not yet planned\.|We plan to fix this by \d/);
    }
    const contrast = items.find((i) => i.includes(RULE_PROBLEMS['color-contrast']!.text))!;
    expect(contrast).toContain('WCAG 2.2 success criterion: 1.4.3 Contrast (Minimum).');
    expect(contrast).toContain('Found on /review and /lab, in the dark and high contrast themes.');
    // A problem not yet described says so, without quoting it.
    expect(items.filter((i) => i.includes('not yet described here in plain English'))).toHaveLength(
      2,
    );
  });

  it('counts problems, not test results, in its compliance status', async () => {
    serve(FAILING);
    const el = await statement();
    expect(el.shadowRoot!.textContent).toContain('The latest automated run found 5 problems');
  });

  it('marks the English descriptions as English on a page in another language', async () => {
    serve(FAILING);
    await useLocale('cy');
    try {
      const el = await statement();
      const list = el.shadowRoot!.querySelector('.problems')!;
      expect(list.closest('[lang]')!.getAttribute('lang')).toBe('en-GB');
    } finally {
      await useLocale('en-GB');
    }
  });
});
