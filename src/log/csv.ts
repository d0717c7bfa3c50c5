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

/** The header row: the fields in snake_case. */
export const CSV_HEADER = CSV_FIELDS.map(snakeCase).join(',');

export function csvRow(event: NoticeEvent): string {
  return CSV_FIELDS.map((field) => csvCell(event[field])).join(',');
}

/** The byte-order mark that starts every file, so spreadsheets read UTF-8. */
export const CSV_BOM = '\uFEFF';

export function toCsv(events: readonly NoticeEvent[]): string {
  return `${CSV_BOM}${[CSV_HEADER, ...events.map(csvRow)].join('\r\n')}\r\n`;
}
