/**
 * The CSV export: the NoticeEvent fields in snake_case, one row per event, UTF-8 with a byte-order
 * mark (so spreadsheet software reads it as UTF-8), CRLF line ends, `formats` joined with `;`.
 * A cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe.
 */
import { NoticeEventSchema, type NoticeEvent } from '../schema/validator.js';

/** The columns, in schema order: one place decides them. */
export const CSV_FIELDS = Object.keys(NoticeEventSchema.pipe[0].entries) as Array<
  keyof NoticeEvent
>;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text =
    value === undefined || value === null
      ? ''
      : Array.isArray(value)
        ? value.join(';')
        : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(events: readonly NoticeEvent[]): string {
  const rows = [CSV_FIELDS.map(snakeCase).join(',')];
  for (const event of events) rows.push(CSV_FIELDS.map((field) => csvCell(event[field])).join(','));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
