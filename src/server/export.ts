/** The server's CSV export: the same columns and cell rules as the device's, streamed a page at a time. */
import { sql } from 'kysely';
import { FORMATS } from '../schema/notice-event.js';
import type { SummaryQuery } from '../schema/api.js';
import { CSV_FIELDS, csvCell } from '../log/csv.js';
import type { Db } from './db/index.js';
import { rowEvent } from './ingest.js';

const PAGE = 5000;
const header = CSV_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(',');

export async function* exportCsv(db: Db, q: SummaryQuery): AsyncGenerator<string> {
  yield `\uFEFF${header}\r\n`;
  let after = '';
  for (;;) {
    let query = db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE);
    if (q.from) query = query.where('day', '>=', q.from);
    if (q.to) query = query.where('day', '<=', q.to);
    if (q.area) query = query.where('area', '=', q.area);
    if (q.circumstance) query = query.where('circumstance', '=', q.circumstance);
    if (q.lang) query = query.where('lang', '=', q.lang);
    if (q.outcome) query = query.where('outcome', '=', q.outcome);
    if (q.format)
      query = query.where(sql<number>`formats_mask & ${1 << FORMATS.indexOf(q.format)}`, '<>', 0);
    const rows = await query.execute();
    if (!rows.length) return;
    let chunk = '';
    for (const row of rows) {
      const event = rowEvent(row);
      chunk += CSV_FIELDS.map((field) => csvCell(event[field])).join(',') + '\r\n';
    }
    yield chunk;
    after = rows.at(-1)!.id;
  }
}
