import { describe, expect, it } from 'vitest';
import { CSV_FIELDS, csvCell, toCsv } from './csv.js';
import { makeChain, testKeys } from '../../test/log-fixtures.js';

describe('CSV export', () => {
  it('starts with a byte-order mark and a snake_case header of every schema field', async () => {
    const csv = toCsv(await makeChain(2, await testKeys()));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe(
      'id,v,device_id,seq,shown_at,duration_ms,formats,lang,circumstance,outcome,reason,area,prev_hash,content_version,content_items,check,hash,sig',
    );
    expect(CSV_FIELDS).toHaveLength(18);
    expect(rows).toHaveLength(2);
  });

  it("gives a v2 event's content in two columns, and leaves them and check empty for v1", async () => {
    // Seq 1 to 4 in v1, then v2: the fifth names a media item.
    const chain = await makeChain(5, await testKeys(), undefined, { v1Through: 4 });
    const [, ...rows] = toCsv(chain).slice(1).trimEnd().split('\r\n');
    const cell = (row: string, field: string) => row.split(',')[CSV_FIELDS.indexOf(field)];
    expect(cell(rows[0]!, 'v')).toBe('1');
    expect([cell(rows[0]!, 'contentVersion'), cell(rows[0]!, 'check')]).toEqual(['', '']);
    expect(cell(rows[4]!, 'v')).toBe('2');
    expect(cell(rows[4]!, 'contentVersion')).toBe('3-0a1b2c3d4e5f');
    expect(cell(rows[4]!, 'contentItems')).toBe('5'.repeat(64));
    expect(cell(rows[4]!, 'check')).toBe('not-asked');
  });

  it('joins formats with ";" and leaves absent optional fields empty', async () => {
    const [, second] = await makeChain(2, await testKeys());
    const row = toCsv([{ ...second!, formats: ['visual', 'large-text', 'bsl'] }]).split('\r\n')[1]!;
    const cells = row.split(',');
    expect(cells[CSV_FIELDS.indexOf('formats')]).toBe('visual;large-text;bsl');
    expect(cells[CSV_FIELDS.indexOf('reason')]).toBe('');
    expect(cells[CSV_FIELDS.indexOf('area')]).toBe('');
  });

  it.each([
    ['=', '=HYPERLINK("http://x")'],
    ['+', '+1+2'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['tab', '\tcmd'],
    ['carriage return', '\r=1'],
  ])('neutralises a cell starting with %s so no spreadsheet runs it', (_name, value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted.startsWith("'")).toBe(true);
    expect(unquoted.slice(1)).toBe(value);
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });
});
