import { describe, expect, it } from 'vitest';
import { checkNoticeEvent, checkUnsignedEvent } from './validator.js';
import { makeChain, testKeys, testUnsigned } from '../../test/log-fixtures.js';

const good = testUnsigned(1, '0'.repeat(64));
const fields = (problems: { field?: string }[]) => problems.map((p) => p.field);

describe('NoticeEvent v1 schema', () => {
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
