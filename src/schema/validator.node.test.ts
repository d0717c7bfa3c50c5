import { describe, expect, it } from 'vitest';
import { checkNoticeEvent, checkUnsignedEvent } from './validator.js';
import { makeChain, testKeys, testUnsigned } from '../../test/log-fixtures.js';

const good = testUnsigned(1, '0'.repeat(64));
const fields = (problems: { field?: string }[]) => problems.map((p) => p.field);

describe('NoticeEvent schema (v2, and what v1 and v2 share)', () => {
  it('accepts a well-formed event, signed and unsigned', async () => {
    expect(checkUnsignedEvent(good)).toEqual([]);
    expect(checkNoticeEvent((await makeChain(1, await testKeys()))[0])).toEqual([]);
  });

  it('refuses any field it does not name, so nothing about the person can be stored', () => {
    expect(checkUnsignedEvent({ ...good, note: 'tall, wearing a hat' }).length).toBeGreaterThan(0);
    expect(checkUnsignedEvent({ ...good, gps: '51.2,1.1' }).length).toBeGreaterThan(0);
  });

  it.each([
    ['formats', { formats: [] }],
    ['formats', { formats: ['visual', 'visual'] }],
    ['formats.0', { formats: ['hologram'] }],
    ['lang', { lang: 'xx' }],
    ['circumstance', { circumstance: 'parking' }],
    ['outcome', { outcome: 'ignored' }],
    ['shownAt', { shownAt: '2026-02-30T09:00:00.000Z' }],
    ['shownAt', { shownAt: '2026-01-01 09:00' }],
    ['seq', { seq: 0 }],
    ['seq', { seq: 1.5 }],
    ['durationMs', { durationMs: -1 }],
    ['id', { id: 'not-a-uuid' }],
    ['prevHash', { prevHash: 'abc' }],
    ['area', { area: 'Flat 2, 10 High Street' }],
  ])('names the field at fault (%s)', (field, change) => {
    expect(fields(checkUnsignedEvent({ ...good, ...change }))).toContain(field);
  });

  it('requires a reason with "not possible", and only then', () => {
    expect(checkUnsignedEvent({ ...good, outcome: 'not-possible' })).toHaveLength(1);
    expect(
      checkUnsignedEvent({ ...good, outcome: 'not-possible', reason: 'immediate-risk' }),
    ).toEqual([]);
    expect(checkUnsignedEvent({ ...good, reason: 'immediate-risk' })).toHaveLength(1);
  });

  it('accepts bfi, the record of a notice in British Sign Language alone', () => {
    expect(checkUnsignedEvent({ ...good, lang: 'bfi', formats: ['bsl'] })).toEqual([]);
  });
});

describe('NoticeEvent v1 and v2', () => {
  const v1 = testUnsigned(1, '0'.repeat(64), 1);

  it('accepts a v1 event as it was signed, with no content and no check', () => {
    expect(v1.v).toBe(1);
    expect(checkUnsignedEvent(v1)).toEqual([]);
  });

  it('requires content and check in v2, and allows neither in v1', () => {
    const { content: _c, ...noContent } = good as Extract<typeof good, { v: 2 }>;
    expect(fields(checkUnsignedEvent(noContent))).toContain('content');
    const { check: _k, ...noCheck } = good as Extract<typeof good, { v: 2 }>;
    expect(fields(checkUnsignedEvent(noCheck))).toContain('check');
    expect(
      checkUnsignedEvent({ ...v1, content: { version: 'builtin', items: [] } }).length,
    ).toBeGreaterThan(0);
  });

  it.each([
    ['content.version', { content: { version: 'v 1; drop', items: [] } }],
    ['content.items.0', { content: { version: '3-abc', items: ['not-a-hash'] } }],
    ['content.items', { content: { version: '3-abc', items: ['a'.repeat(64), 'a'.repeat(64)] } }],
    ['check', { check: 'maybe' }],
  ])('names the v2 field at fault (%s)', (field, change) => {
    expect(fields(checkUnsignedEvent({ ...good, ...change }))).toContain(field);
  });

  it('refuses a version it does not know', () => {
    expect(checkUnsignedEvent({ ...good, v: 3 }).length).toBeGreaterThan(0);
  });
});
