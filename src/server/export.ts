/** The server's CSV export: the same columns and cell rules as the device's, streamed a page at a time. */
import type { SummaryQuery } from '../schema/api.js';
import { CSV_BOM, CSV_HEADER, csvRow } from '../log/csv.js';
import type { Db } from './db/index.js';
import { rowEvent } from './ingest.js';
import { matchesFilters } from './summary.js';

const PAGE = 5000;

export async function* exportCsv(db: Db, q: SummaryQuery): AsyncGenerator<string> {
  yield `${CSV_BOM}${CSV_HEADER}\r\n`;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', after)
      .where(matchesFilters(q))
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (!rows.length) return;
    yield rows.map((row) => `${csvRow(rowEvent(row))}\r\n`).join('');
    after = rows.at(-1)!.id;
  }
}
