/**
 * Comma-separated values as a Table (table.ts), per RFC 4180: fields separated by commas,
 * records by CRLF or LF; a field in double quotes may hold commas, line breaks and doubled
 * double quotes (""), which stand for one. The first record is the header (required). A
 * leading byte-order mark and a final line break are ignored; blank lines are skipped.
 */
import { InputError } from '../model/errors.js';
import type { Table } from './table.js';

/** Reads CSV text; errors name `source:line`. */
export function readCsv(text: string, source: string): Table {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line: recordLine });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new InputError('a closing double quote must end the field (write "" for a quote inside a quoted field)', `${source}:${line}`);
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new InputError('a double quote inside an unquoted field (quote the whole field and write "" for the quote)', `${source}:${line}`);
      quoted = true;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
    i++;
  }
  if (quoted) throw new InputError('a quoted field is not closed', `${source}:${recordLine}`);
  if (field !== '' || cells.length > 0) endRecord();
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
