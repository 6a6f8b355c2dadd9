/**
 * DIMACS CNF reading and writing.
 *
 * `parseDimacs` is on the hot path of `trainsat sat`, so it is a single char-code scanner
 * over the text (no regex, no split per token) that writes literals straight into a flat,
 * 0-terminated Int32Array: the compact form every backend can be fed from and every model
 * can be checked against in one pass. It is liberal where real files are sloppy (comments
 * anywhere, clauses spanning lines, several clauses per line, blank lines, CRLF, a last
 * clause without its 0, the SATLIB `%` trailer) and strict where a mistake would change the
 * formula (header missing/duplicated/malformed, non-integer tokens, literals beyond the
 * declared variables, a clause count that differs from the header). Every error is an
 * InputError naming `file:line`.
 *
 * The writers encode integers into byte chunks, so a CNF of millions of clauses can be
 * streamed to a file without building one giant string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { InputError } from '../model/errors.js';

/** A CNF as the parser returns it: flat literals, each clause terminated by 0. */
export interface ParsedDimacs {
  numVars: number;
  numClauses: number;
  /** Flat clause literals, every clause followed by a 0. */
  clauses: Int32Array;
  /** 1-based line number of the `p cnf` header. */
  headerLine: number;
}

/** Clauses either as arrays of literals or flat and 0-terminated. */
export type ClauseList = readonly (readonly number[])[] | Int32Array;

/** Anything with variables and clauses: the builder's `Cnf`, or a `ParsedDimacs`. */
export interface CnfLike {
  numVars: number;
  clauses: ClauseList;
}

const MAX_VAR = 2 ** 31 - 2;

// Character codes used by the scanner.
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const VT = 11;
const FF = 12;
const MINUS = 45;
const D0 = 48;
const D9 = 57;
const LOWER_C = 99;
const LOWER_P = 112;
const PERCENT = 37;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF;
}

/**
 * Text from the user's file as it may appear in a message: printable ASCII stays, a
 * backslash becomes `\\`, and every other character (control characters such as ESC or
 * CR, bytes of invalid or non-ASCII UTF-8, which the latin1 reader turns into U+0080 to
 * U+00FF) becomes `\xNN` or `\u{N}`. So a message never carries terminal escape
 * sequences or raw bytes, and shows what is really in the file.
 */
export function escapeForMessage(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `\\u{${c.toString(16).toUpperCase()}}`;
  }
  return out;
}

/** At most `max` characters of `s`, escaped for a message (`...` when cut). */
function shown(s: string, max: number): string {
  return s.length > max ? `${escapeForMessage(s.slice(0, max))}...` : escapeForMessage(s);
}

/** The whitespace-delimited token starting at `i`, escaped (for error messages). */
function tokenAt(text: string, i: number): string {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === NL || isBlank(c)) break;
    j++;
  }
  return shown(text.slice(i, j), 40);
}

/**
 * Parses DIMACS CNF text. `source` names the input in error messages (`source:line`).
 * Reading stops at a line whose first token is `%` (the SATLIB trailer).
 */
export function parseDimacs(text: string, source = '<input>'): ParsedDimacs {
  const n = text.length;
  const fail = (line: number, msg: string): never => {
    throw new InputError(msg, `${source}:${line}`);
  };

  // A byte-order mark (read as UTF-8 or as latin1) is not part of the formula.
  let i = text.startsWith('\uFEFF') ? 1 : text.startsWith('\xEF\xBB\xBF') ? 3 : 0;
  let line = 1;
  let firstOnLine = true;
  let header = false;
  let headerLine = 0;
  let numVars = 0;
  let declaredClauses = 0;

  // Literal buffer: grows by doubling up to an upper bound (every literal needs a digit and a
  // separator, plus one 0 for an unterminated last clause), so it never overflows.
  const bound = (n >> 1) + 2;
  let cap = Math.min(bound, Math.max(1024, n >> 2));
  let buf = new Int32Array(cap);
  let k = 0;
  let clauseStart = 0;
  let clauses = 0;

  scan: while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      i++;
      firstOnLine = true;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if ((c >= D0 && c <= D9) || c === MINUS) {
      // Integer token.
      const start = i;
      let neg = false;
      if (c === MINUS) {
        neg = true;
        i++;
      }
      const digitsStart = i;
      let v = 0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < D0 || d > D9) break;
        v = v * 10 + (d - D0);
        i++;
      }
      if (i === digitsStart || (i < n && !isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== NL)) {
        fail(line, `'${tokenAt(text, start)}' is not an integer`);
      }
      if (!header) fail(line, `clause data before the 'p cnf' header`);
      if (v > numVars) {
        fail(line, `literal ${neg ? '-' : ''}${v > 1e15 ? tokenAt(text, start) : v} exceeds the ${numVars} variables declared in the header`);
      }
      if (v === 0) {
        if (neg) fail(line, `'-0' is not a valid literal`);
        clauses++;
        if (k >= cap) {
          cap = Math.min(bound, cap * 2);
          const nb = new Int32Array(cap);
          nb.set(buf);
          buf = nb;
        }
        buf[k++] = 0;
        clauseStart = k;
      } else {
        if (k >= cap) {
          cap = Math.min(bound, cap * 2);
          const nb = new Int32Array(cap);
          nb.set(buf);
          buf = nb;
        }
        buf[k++] = neg ? -v : v;
      }
      firstOnLine = false;
      continue;
    }
    if (c === LOWER_C) {
      // Comment: to the end of the line.
      while (i < n && text.charCodeAt(i) !== NL) i++;
      continue;
    }
    if (c === PERCENT && firstOnLine) {
      // SATLIB trailer: "%" then "0"; nothing after it is part of the formula.
      break scan;
    }
    if (c === LOWER_P && (i + 1 >= n || isBlank(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === NL)) {
      if (header) fail(line, `duplicate 'p' header (the first one is on line ${headerLine})`);
      if (!firstOnLine) fail(line, `the 'p cnf' header must start its own line`);
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      const headerText = text.slice(i, end).trim();
      const fields = headerText.split(/\s+/);
      const usage = `expected 'p cnf <variables> <clauses>', got '${shown(headerText, 60)}'`;
      if (fields.length !== 4 || fields[1] !== 'cnf') fail(line, `malformed header: ${usage}`);
      if (!/^\d+$/.test(fields[2]) || !/^\d+$/.test(fields[3])) {
        fail(line, `malformed header: variable and clause counts must be non-negative integers (${usage})`);
      }
      numVars = Number(fields[2]);
      declaredClauses = Number(fields[3]);
      if (numVars > MAX_VAR) fail(line, `header declares ${shown(fields[2], 40)} variables; at most ${MAX_VAR} are supported`);
      if (!Number.isSafeInteger(declaredClauses)) fail(line, `header clause count ${shown(fields[3], 40)} is too large`);
      header = true;
      headerLine = line;
      i = end;
      firstOnLine = false;
      continue;
    }
    if (!header) fail(line, `unexpected '${tokenAt(text, i)}' before the 'p cnf' header`);
    fail(line, `'${tokenAt(text, i)}' is not an integer`);
  }

  if (!header) fail(line, `missing 'p cnf <variables> <clauses>' header`);
  if (k > clauseStart) {
    // Last clause without its terminating 0: accepted.
    if (k >= cap) {
      const nb = new Int32Array(cap + 1);
      nb.set(buf);
      buf = nb;
    }
    buf[k++] = 0;
    clauses++;
  }
  if (clauses !== declaredClauses) {
    fail(headerLine, `header declares ${declaredClauses} clauses, but the file has ${clauses}`);
  }
  return {
    numVars,
    numClauses: clauses,
    clauses: k === buf.length ? buf : buf.slice(0, k),
    headerLine,
  };
}

/**
 * The counts of a well-formed `p cnf V C` header that comes after nothing but comments
 * and blank lines, without reading the clauses (null otherwise: parseDimacs then says
 * what is wrong). Lets a caller refuse a formula too large for a backend before loading it.
 */
export function readDimacsHeader(text: string): { numVars: number; numClauses: number } | null {
  let i = text.startsWith('\uFEFF') ? 1 : text.startsWith('\xEF\xBB\xBF') ? 3 : 0;
  while (i < text.length) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    const line = text.slice(i, Math.min(end, i + 200)).trim();
    if (line.startsWith('p')) {
      const m = /^p\s+cnf\s+(\d{1,15})\s+(\d{1,15})$/.exec(line);
      return m ? { numVars: Number(m[1]), numClauses: Number(m[2]) } : null;
    }
    if (line !== '' && !line.startsWith('c')) return null;
    i = end + 1;
  }
  return null;
}

/** Calls `fn` with each clause of a flat, 0-terminated literal array (a view, not a copy). */
export function forEachClause(flat: Int32Array, fn: (clause: Int32Array, index: number) => void): void {
  let start = 0;
  let idx = 0;
  for (let j = 0; j < flat.length; j++) {
    if (flat[j] === 0) {
      fn(flat.subarray(start, j), idx++);
      start = j + 1;
    }
  }
  if (start < flat.length) fn(flat.subarray(start), idx);
}

/** Iterates over the clauses of a flat, 0-terminated literal array (views, not copies). */
export function* iterateClauses(flat: Int32Array): Generator<Int32Array> {
  let start = 0;
  for (let j = 0; j < flat.length; j++) {
    if (flat[j] === 0) {
      yield flat.subarray(start, j);
      start = j + 1;
    }
  }
  if (start < flat.length) yield flat.subarray(start);
}

/** Flat clauses as arrays of literals. */
export function clausesToArrays(flat: Int32Array): number[][] {
  const out: number[][] = [];
  forEachClause(flat, (c) => out.push(Array.from(c)));
  return out;
}

/** Arrays of literals as one flat, 0-terminated Int32Array. */
export function flattenClauses(clauses: Iterable<readonly number[]>): Int32Array {
  const arr = Array.isArray(clauses) ? (clauses as readonly (readonly number[])[]) : [...clauses];
  let total = 0;
  for (const c of arr) total += c.length + 1;
  const flat = new Int32Array(total);
  let k = 0;
  for (const c of arr) {
    for (const l of c) flat[k++] = l;
    flat[k++] = 0;
  }
  return flat;
}

/** Number of clauses in a clause list (counting an unterminated flat tail as one). */
export function countClauses(clauses: ClauseList): number {
  if (!(clauses instanceof Int32Array)) return clauses.length;
  let m = 0;
  for (let j = 0; j < clauses.length; j++) if (clauses[j] === 0) m++;
  if (clauses.length > 0 && clauses[clauses.length - 1] !== 0) m++;
  return m;
}

// ---------------------------------------------------------------------------------------
// Writing

const CHUNK = 1 << 16;

/** Appends ASCII bytes to fixed-size chunks; full chunks go to `emit`. */
class ByteSink {
  private buf = new Uint8Array(CHUNK);
  private pos = 0;
  private readonly digits = new Uint8Array(12);
  constructor(private readonly emit: (chunk: Uint8Array) => void) {}

  private room(m: number): void {
    if (this.pos + m > CHUNK) this.flush();
  }

  flush(): void {
    if (this.pos > 0) {
      this.emit(this.buf.subarray(0, this.pos));
      this.buf = new Uint8Array(CHUNK);
      this.pos = 0;
    }
  }

  ascii(s: string): void {
    for (let j = 0; j < s.length; j += 1024) {
      const part = s.slice(j, j + 1024);
      this.room(part.length);
      for (let q = 0; q < part.length; q++) {
        const ch = part.charCodeAt(q);
        this.buf[this.pos++] = ch < 128 ? ch : 63; // '?' for non-ASCII
      }
    }
  }

  int(v: number): void {
    this.room(12);
    const b = this.buf;
    if (v < 0) {
      b[this.pos++] = MINUS;
      v = -v;
    }
    if (v < 10) {
      b[this.pos++] = D0 + v;
      return;
    }
    let m = 0;
    while (v > 0) {
      const q = Math.floor(v / 10);
      this.digits[m++] = D0 + (v - q * 10);
      v = q;
    }
    while (m > 0) b[this.pos++] = this.digits[--m];
  }

  byte(ch: number): void {
    this.room(1);
    this.buf[this.pos++] = ch;
  }
}

function checkLit(l: number, numVars: number, clauseIdx: number): void {
  if (!Number.isInteger(l) || l === 0 || l > numVars || l < -numVars) {
    throw new RangeError(
      `clause ${clauseIdx}: literal ${l} is not a non-zero integer within the ${numVars} declared variables`,
    );
  }
}

/**
 * DIMACS bytes of a CNF in chunks of at most 64 KiB (a generator, so a consumer can pause
 * between chunks and memory stays bounded whatever the size of the CNF).
 */
export function* dimacsChunks(cnf: CnfLike, comments: readonly string[] = []): Generator<Uint8Array> {
  const { numVars, clauses } = cnf;
  if (!Number.isInteger(numVars) || numVars < 0) throw new RangeError(`numVars must be a non-negative integer, got ${numVars}`);
  const ready: Uint8Array[] = [];
  const sink = new ByteSink((chunk) => ready.push(chunk));
  for (const comment of comments) {
    for (const l of comment.split(/\r?\n/)) sink.ascii(l.length ? `c ${l}\n` : 'c\n');
  }
  sink.ascii(`p cnf ${numVars} ${countClauses(clauses)}\n`);
  if (clauses instanceof Int32Array) {
    let idx = 0;
    let open = false;
    for (let j = 0; j < clauses.length; j++) {
      const l = clauses[j];
      if (l === 0) {
        sink.byte(D0);
        sink.byte(NL);
        idx++;
        open = false;
        if (ready.length) yield* ready.splice(0);
      } else {
        checkLit(l, numVars, idx);
        sink.int(l);
        sink.byte(SPACE);
        open = true;
      }
    }
    if (open) {
      sink.byte(D0);
      sink.byte(NL);
    }
  } else {
    for (let idx = 0; idx < clauses.length; idx++) {
      const c = clauses[idx];
      for (let j = 0; j < c.length; j++) {
        const l = c[j];
        checkLit(l, numVars, idx);
        sink.int(l);
        sink.byte(SPACE);
      }
      sink.byte(D0);
      sink.byte(NL);
      if (ready.length) yield* ready.splice(0);
    }
  }
  sink.flush();
  yield* ready.splice(0);
}

/** DIMACS text of a CNF, with optional comment lines (`c ...`) before the header. */
export function writeDimacs(cnf: CnfLike, comments?: readonly string[]): string {
  const parts: string[] = [];
  const dec = new TextDecoder('latin1');
  for (const chunk of dimacsChunks(cnf, comments)) parts.push(dec.decode(chunk));
  return parts.join('');
}

/** Writes a CNF to a file in 64 KiB chunks (synchronous; no giant intermediate string). */
export function writeDimacsFile(path: string, cnf: CnfLike, comments?: readonly string[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of dimacsChunks(cnf, comments)) {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a CNF to a stream in 64 KiB chunks, respecting back-pressure. */
export async function writeDimacsToStream(
  stream: NodeJS.WritableStream,
  cnf: CnfLike,
  comments?: readonly string[],
): Promise<void> {
  for (const chunk of dimacsChunks(cnf, comments)) {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
}
