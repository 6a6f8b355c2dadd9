/**
 * DIMACS reader and writer: what real files contain is accepted (comments anywhere, clauses
 * spanning lines, the SATLIB `%` trailer, a last clause without 0, CRLF), every malformed
 * input is an InputError naming the right `file:line`, and write-then-parse is the identity
 * on clauses (property test).
 */
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clausesToArrays,
  countClauses,
  flattenClauses,
  iterateClauses,
  parseDimacs,
  readDimacsHeader,
  writeDimacs,
  writeDimacsFile,
  writeDimacsToStream,
} from '../../src/cnf/dimacs.js';
import { InputError } from '../../src/model/errors.js';

const clausesOf = (text: string) => clausesToArrays(parseDimacs(text).clauses);

/** Parses `text` expecting an InputError; returns its message. */
function errorOf(text: string, source = 'f.cnf'): string {
  try {
    parseDimacs(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`expected an InputError for:\n${text}`);
}

describe('parseDimacs accepts real-world files', () => {
  it('reads a plain file', () => {
    const p = parseDimacs('p cnf 3 2\n1 -2 0\n2 3 0\n');
    expect(p.numVars).toBe(3);
    expect(p.numClauses).toBe(2);
    expect(Array.from(p.clauses)).toEqual([1, -2, 0, 2, 3, 0]);
    expect(p.headerLine).toBe(1);
  });

  it('accepts comments anywhere, blank lines, CRLF and tabs', () => {
    const text = 'c first\r\n\r\nc second\r\np cnf 3 2\r\nc between\r\n1\t-2 0\r\n\r\n  c indented\r\n2 3 0 c trailing\r\n';
    expect(clausesOf(text)).toEqual([[1, -2], [2, 3]]);
  });

  it('accepts clauses spanning lines and several clauses on one line', () => {
    expect(clausesOf('p cnf 4 3\n1\n-2\n3 0 4 0\n-1 -4 0')).toEqual([[1, -2, 3], [4], [-1, -4]]);
  });

  it('skips a byte-order mark', () => {
    expect(clausesOf('\uFEFFp cnf 1 1\n1 0\n')).toEqual([[1]]);
    expect(clausesOf('\xEF\xBB\xBFc latin1-read BOM\np cnf 1 1\n-1 0\n')).toEqual([[-1]]);
  });

  it('accepts a last clause without its 0', () => {
    expect(clausesOf('p cnf 2 2\n1 0\n-1 2\n')).toEqual([[1], [-1, 2]]);
  });

  it('accepts the empty clause and zero clauses', () => {
    expect(clausesOf('p cnf 1 2\n0\n1 0\n')).toEqual([[], [1]]);
    expect(parseDimacs('p cnf 5 0\n').numClauses).toBe(0);
  });

  it('stops at the SATLIB % trailer (the 0 after it is not an empty clause)', () => {
    const text = 'c SATLIB\np cnf 3 2\n 1 -2 3 0\n-1 2 0\n%\n0\n\n';
    const p = parseDimacs(text);
    expect(p.numClauses).toBe(2);
    expect(clausesOf(text)).toEqual([[1, -2, 3], [-1, 2]]);
    // anything after % is ignored, even garbage
    expect(parseDimacs('p cnf 1 1\n1 0\n%\nnot dimacs at all\n').numClauses).toBe(1);
  });

  it('reads every SATLIB benchmark file with its trailer', () => {
    const dir = join(process.cwd(), '..', 'shared', 'benchmarks', 'satlib');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.cnf'));
    } catch {
      console.warn(`SKIPPED: SATLIB benchmarks not found at ${dir}`);
      return;
    }
    for (const f of files) {
      const p = parseDimacs(readFileSync(join(dir, f), 'latin1'), f);
      expect(p.numClauses).toBeGreaterThan(0);
    }
  });
});

describe('parseDimacs rejects malformed input with file:line', () => {
  const cases: [string, string, RegExp][] = [
    ['missing header', 'c only a comment\n\n', /^f\.cnf:3: missing 'p cnf/],
    ['empty input', '', /^f\.cnf:1: missing 'p cnf/],
    ['clauses before the header', 'c x\n1 2 0\np cnf 2 1\n', /^f\.cnf:2: clause data before the 'p cnf' header/],
    ['glued header word', 'pcnf 2 1\n1 0\n', /^f\.cnf:1: unexpected 'pcnf' before the 'p cnf' header/],
    ['junk before the header', 'hello\np cnf 2 1\n1 0\n', /^f\.cnf:1: unexpected 'hello' before the 'p cnf' header/],
    ['duplicate header', 'p cnf 2 1\n1 0\np cnf 2 1\n', /^f\.cnf:3: duplicate 'p' header \(the first one is on line 1\)/],
    ['wrong format word', 'p dnf 2 1\n1 0\n', /^f\.cnf:1: malformed header/],
    ['missing count', 'c\np cnf 2\n1 0\n', /^f\.cnf:2: malformed header/],
    ['extra header field', 'p cnf 2 1 7\n1 0\n', /^f\.cnf:1: malformed header/],
    ['non-integer count', 'p cnf two 1\n1 0\n', /^f\.cnf:1: malformed header.*non-negative integers/],
    ['negative count', 'p cnf -2 1\n1 0\n', /^f\.cnf:1: malformed header/],
    ['non-integer literal', 'p cnf 3 2\n1 2 0\n1 x 0\n', /^f\.cnf:3: 'x' is not an integer/],
    ['decimal literal', 'p cnf 3 1\n\n1.5 0\n', /^f\.cnf:3: '1\.5' is not an integer/],
    ['lone minus', 'p cnf 3 1\n1 - 2 0\n', /^f\.cnf:2: '-' is not an integer/],
    ['glued tokens', 'p cnf 3 1\n1 -2-3 0\n', /^f\.cnf:2: '-2-3' is not an integer/],
    ['literal beyond the declared variables', 'p cnf 3 2\n1 2 0\n\n-4 0\n', /^f\.cnf:4: literal -4 exceeds the 3 variables declared/],
    ['-0', 'p cnf 3 1\n1 -0\n', /^f\.cnf:2: '-0' is not a valid literal/],
    ['fewer clauses than declared', 'p cnf 3 3\n1 0\n2 0\n', /^f\.cnf:1: header declares 3 clauses, but the file has 2/],
    ['more clauses than declared', 'c c\np cnf 3 1\n1 0\n2 0\n', /^f\.cnf:2: header declares 1 clauses, but the file has 2/],
    ['% not at the start of a line', 'p cnf 3 1\n1 % 0\n', /^f\.cnf:2: '%' is not an integer/],
    ['huge literal', 'p cnf 3 1\n99999999999999999999 0\n', /^f\.cnf:2: literal 99999999999999999999 exceeds/],
  ];
  for (const [what, text, re] of cases) {
    it(what, () => {
      expect(errorOf(text)).toMatch(re);
    });
  }

  it('the error carries the location separately', () => {
    try {
      parseDimacs('p cnf 1 1\n2 0\n', 'in.cnf');
    } catch (e) {
      expect((e as InputError).where).toBe('in.cnf:2');
      return;
    }
    throw new Error('expected an error');
  });

  it('names <input> by default', () => {
    expect(() => parseDimacs('p cnf 1 1\nx 0\n')).toThrow(/^<input>:2:/);
  });
});

describe('parseDimacs error messages never echo raw bytes', () => {
  const ESC = '\x1b';
  const cases: [string, string, RegExp][] = [
    ['an ANSI escape sequence in a token', `p cnf 2 1\n1 ${ESC}[31mred 0\n`, /'\\x1B\[31mred' is not an integer/],
    ['a NUL inside a token', 'p cnf 2 1\n1 2\x00x 0\n', /'2\\x00x' is not an integer/],
    ['invalid UTF-8 read as latin1', 'p cnf 2 1\n1 \xff\xfe 0\n', /'\\xFF\\xFE' is not an integer/],
    ['a backslash', 'p cnf 2 1\n1 a\\b 0\n', /'a\\\\b' is not an integer/],
    ['non-ASCII text before the header', '\u00e9t\u00e9\u2028\np cnf 1 0\n', /unexpected '\\xE9t\\xE9\\u\{2028\}' before/],
    ['control characters in a malformed header', `p cnf 2 ${ESC}]0;title\x07\n`, /got 'p cnf 2 \\x1B\]0;title\\x07'/],
  ];
  for (const [what, text, re] of cases) {
    it(what, () => {
      const msg = errorOf(text);
      expect(msg).toMatch(re);
      expect(msg).toMatch(/^[\x20-\x7e]*$/);
    });
  }

  it('random bytes anywhere in a file give a message of printable ASCII only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('before', 'clause', 'header'),
        (bytes, where) => {
          const junk = String.fromCharCode(...bytes);
          const text =
            where === 'before' ? `${junk}\np cnf 1 1\n1 0\n` : where === 'clause' ? `p cnf 1 1\n1 ${junk}x 0\n` : `p cnf 1 ${junk}x\n1 0\n`;
          let msg = '';
          try {
            parseDimacs(text, 'f.cnf');
            return; // the junk was whitespace, digits or a comment: nothing to report
          } catch (e) {
            msg = (e as Error).message;
          }
          expect(msg).toMatch(/^[\x20-\x7e]*$/);
        },
      ),
      { numRuns: 500, seed: 12 },
    );
  });
});

describe('readDimacsHeader', () => {
  it('reads the counts of a header after comments and blank lines, without the clauses', () => {
    expect(readDimacsHeader('c hello\n\nc more\np cnf 20000000 1\n1 0\n')).toEqual({ numVars: 20000000, numClauses: 1 });
    expect(readDimacsHeader('\uFEFFp  cnf\t3 2\r\nnot even read')).toEqual({ numVars: 3, numClauses: 2 });
  });
  it('is null where parseDimacs has something to say', () => {
    for (const text of ['', 'c only\n', '1 2 0\np cnf 2 1\n', 'p dnf 2 1\n', 'p cnf 2\n', 'p cnf -2 1\n', `p cnf ${'9'.repeat(16)} 1\n`]) {
      expect(readDimacsHeader(text)).toBeNull();
    }
  });
});

describe('writeDimacs', () => {
  it('writes comments, the header and one clause per line', () => {
    const text = writeDimacs({ numVars: 3, clauses: [[1, -2], [], [3]] }, ['made by a test', 'two\nlines']);
    expect(text).toBe('c made by a test\nc two\nc lines\np cnf 3 3\n1 -2 0\n0\n3 0\n');
  });

  it('writes flat clauses and counts an unterminated tail', () => {
    expect(writeDimacs({ numVars: 2, clauses: Int32Array.from([1, 0, -2, 1]) })).toBe('p cnf 2 2\n1 0\n-2 1 0\n');
  });

  it('rejects literals that would corrupt the file', () => {
    expect(() => writeDimacs({ numVars: 2, clauses: [[1, 0]] })).toThrow(RangeError);
    expect(() => writeDimacs({ numVars: 2, clauses: [[3]] })).toThrow(RangeError);
    expect(() => writeDimacs({ numVars: 2, clauses: [[1.5]] })).toThrow(RangeError);
  });

  it('streams a large CNF in chunks to a file and to a stream, identical to the string form', async () => {
    const clauses: number[][] = [];
    for (let i = 0; i < 30000; i++) clauses.push([(i % 1000) + 1, -(((i * 7) % 1000) + 1), 123456]);
    const cnf = { numVars: 123456, clauses };
    const text = writeDimacs(cnf, ['big']);
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-dimacs-'));
    try {
      const file = join(dir, 'big.cnf');
      writeDimacsFile(file, cnf, ['big']);
      expect(readFileSync(file, 'latin1')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const chunks: Buffer[] = [];
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        setImmediate(cb);
      },
    });
    await writeDimacsToStream(sink, cnf, ['big']);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(text);
    expect(parseDimacs(text).numClauses).toBe(30000);
  });
});

describe('round trip', () => {
  const cnfArb = fc.integer({ min: 0, max: 40 }).chain((numVars) =>
    fc.record({
      numVars: fc.constant(numVars),
      clauses: fc.array(
        numVars === 0
          ? fc.constant([] as number[])
          : fc.array(
              fc.integer({ min: 1, max: numVars }).chain((v) => fc.constantFrom(v, -v)),
              { maxLength: 8 },
            ),
        { maxLength: 30 },
      ),
    }),
  );

  it('parse(write(cnf)) has the same variables and clauses', () => {
    fc.assert(
      fc.property(cnfArb, fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), (cnf, comments) => {
        const p = parseDimacs(writeDimacs(cnf, comments));
        expect(p.numVars).toBe(cnf.numVars);
        expect(p.numClauses).toBe(cnf.clauses.length);
        expect(clausesToArrays(p.clauses)).toEqual(cnf.clauses);
      }),
      { numRuns: 500 },
    );
  });

  it('write(parse(text)) is a fixpoint after one normalisation, flat and nested agree', () => {
    fc.assert(
      fc.property(cnfArb, (cnf) => {
        const once = writeDimacs(cnf);
        const flat = parseDimacs(once).clauses;
        expect(writeDimacs({ numVars: cnf.numVars, clauses: flat })).toBe(once);
        expect(Array.from(flattenClauses(cnf.clauses))).toEqual(Array.from(flat));
        expect(countClauses(flat)).toBe(cnf.clauses.length);
        expect([...iterateClauses(flat)].map((c) => Array.from(c))).toEqual(cnf.clauses);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts arbitrary whitespace and comment layouts of the same clauses', () => {
    const sep = fc.constantFrom(' ', '\t', '\n', '  \n', '\r\n', '\nc a comment\n', '\n\n');
    fc.assert(
      fc.property(cnfArb, fc.array(sep, { minLength: 1, maxLength: 400 }), (cnf, seps) => {
        const tokens: string[] = [];
        for (const c of cnf.clauses) tokens.push(...c.map(String), '0');
        let k = 0;
        const body = tokens.map((t) => t + seps[k++ % seps.length]).join('');
        const text = `c header follows\np cnf ${cnf.numVars} ${cnf.clauses.length}\n${body}`;
        expect(clausesOf(text)).toEqual(cnf.clauses);
      }),
      { numRuns: 300 },
    );
  });
});
