/**
 * Comma-separated values as a Table (table.ts), per RFC 4180, read by csv-parse: fields
 * separated by commas, records by CRLF, LF or CR; a field in double quotes may hold commas,
 * line breaks and doubled double quotes (""), which stand for one. The first record is the
 * header (required). A leading byte-order mark is ignored; blank lines are skipped.
 */
import { parse, CsvError } from 'csv-parse/sync';
import { InputError } from '../model/errors.js';
import type { Table } from './table.js';

const LINE_BREAK = /\r\n|\r|\n/g;

/** Reads CSV text; errors name `source:line`. */
export function readCsv(text: string, source: string): Table {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (the typings give plain rows).
    parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as typeof parsed;
  } catch (e) {
    if (e instanceof CsvError) throw new InputError(e.message.replace(/ at line \d+/, ''), `${source}:${(e as CsvError & { lines?: number }).lines ?? 1}`);
    throw e;
  }
  // info.lines is the line a record ends on; a quoted field may span several lines.
  const records = parsed.map(({ record, info }) => ({ cells: record, line: info.lines - record.reduce((n, c) => n + (c.match(LINE_BREAK)?.length ?? 0), 0) }));
  if (records.length === 0) throw new InputError('empty file (a header row naming the columns is required)', source);
  const [head, ...body] = records;
  const header = head.cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') throw new InputError('the header row has an empty column name', `${source}:${head.line}`);
    if (seen.has(h)) throw new InputError(`the header row names column '${h}' twice`, `${source}:${head.line}`);
    seen.add(h);
  }
  for (const r of body) {
    if (r.cells.length !== header.length) throw new InputError(`${r.cells.length} field(s), but the header has ${header.length}`, `${source}:${r.line}`);
  }
  if (body.length === 0) throw new InputError('no rows after the header', source);
  return { header, rows: body.map((r) => r.cells), rowPlace: (r) => `${source}:${body[r].line}` };
}
