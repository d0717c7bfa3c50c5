/**
 * The CSV export: the NoticeEvent fields in snake_case, one row per event, UTF-8 with a byte-order
 * mark (so spreadsheet software reads it as UTF-8), CRLF line ends, `formats` joined with `;`.
 * A cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe.
 */
import { EVENT_FIELDS, type NoticeEvent } from '../schema/validator.js';

/**
 * The columns, in schema order, one place deciding them: every field of schema v2 (a v1 event
 * leaves its columns empty), with `content` as two, `content_version` and `content_items`.
 */
export const CSV_FIELDS = EVENT_FIELDS.flatMap((field) =>
  field === 'content' ? ['contentVersion', 'contentItems'] : [field],
);

function fieldValue(event: NoticeEvent, field: string): unknown {
  if (field === 'contentVersion') return 'content' in event ? event.content.version : undefined;
  if (field === 'contentItems') return 'content' in event ? event.content.items : undefined;
  return event[field as keyof NoticeEvent];
}

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
  return CSV_FIELDS.map((field) => csvCell(fieldValue(event, field))).join(',');
}

/** The byte-order mark that starts every file, so spreadsheets read UTF-8. */
export const CSV_BOM = '\uFEFF';

export function toCsv(events: readonly NoticeEvent[]): string {
  return `${CSV_BOM}${[CSV_HEADER, ...events.map(csvRow)].join('\r\n')}\r\n`;
}
