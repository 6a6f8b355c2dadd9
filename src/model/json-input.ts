/**
 * Shared machinery for reading user JSON (instances and parameters) with errors that say
 * exactly where the problem is: JSON syntax errors as `source:line:column`, everything
 * else as a JSON path such as `examples[3].x` or `network.units[2].inputs[1]`.
 *
 * Validation collects every problem it finds (structural ones from zod, then semantic
 * ones) and throws one InputError listing them, so a user fixes a file in one pass.
 */
import type { z } from 'zod';
import { InputError } from './errors.js';
import { Rational } from './rational.js';

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

/** One problem found in the input, located by a JSON path. */
export interface Issue {
  path: JsonPath;
  message: string;
}

/** At most this many problems are listed in one error message. */
const MAX_LISTED = 20;

/** `examples[3].x`, `network.units[2].inputs[1]`, `["odd key"].weights`; the root is `(root)`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Throws one InputError naming every issue (the first one's path becomes `where`). */
export function throwIssues(issues: readonly Issue[]): never {
  if (issues.length === 0) throw new Error('throwIssues called without issues');
  const [first, ...rest] = issues;
  const lines = [first.message];
  for (const i of rest.slice(0, MAX_LISTED - 1)) lines.push(`${formatPath(i.path)}: ${i.message}`);
  if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more problems`);
  throw new InputError(lines.join('\n'), formatPath(first.path));
}

/** Re-throws an InputError from a validator with the file name in front. */
export function withSource<T>(source: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, source);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// JSON text

/**
 * JSON.parse with a located error: `source:line:column: invalid JSON: <what>`.
 * A leading byte-order mark is ignored.
 */
export function parseJsonText(text: string, source: string): unknown {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    let located: { offset: number; message: string } | null = null;
    try {
      located = locateJsonError(body);
    } catch {
      located = null; // pathological nesting: fall back to Node's own report
    }
    if (located === null) {
      const m = /at position (\d+)/.exec(e.message);
      const offset = m ? Number(m[1]) : /end of JSON input/.test(e.message) ? body.length : 0;
      const msg = e.message.replace(/ in JSON at position \d+.*$/s, '');
      located = { offset, message: msg };
    }
    const { line, column } = lineColumn(text, located.offset + bom);
    throw new InputError(`invalid JSON: ${located.message}`, `${source}:${line}:${column}`);
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * A small JSON recogniser (RFC 8259) that reports the offset of the first syntax error,
 * because Node's SyntaxError does not always carry a position. Returns null when the
 * text is valid JSON.
 */
export function locateJsonError(text: string): { offset: number; message: string } | null {
  let i = 0;
  class Fail {
    constructor(readonly offset: number, readonly message: string) {}
  }
  const show = (at: number): string => (at >= text.length ? 'end of input' : `${JSON.stringify(text[at])}`);
  const fail = (what: string, at = i): never => {
    throw new Fail(at, at >= text.length ? `unexpected end of input, expected ${what}` : `unexpected ${show(at)}, expected ${what}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (let j = 0; j < word.length; j++) {
      if (text[i + j] !== word[j]) fail(`"${word}"`, i + j);
    }
    i += word.length;
  };
  const digits = (what: string) => {
    if (!(text[i] >= '0' && text[i] <= '9')) fail(what);
    while (text[i] >= '0' && text[i] <= '9') i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits('a digit');
    if (text[i] === '.') {
      i++;
      digits('a digit after the decimal point');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('a digit in the exponent');
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a closing \'"\'');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw new Fail(i, 'control character inside a string (escape it)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          for (let j = 2; j < 6; j++) {
            if (!/[0-9a-fA-F]/.test(text[i + j] ?? '')) fail('a hex digit in \\u escape', i + j);
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new Fail(i, 'invalid escape in string');
        }
      } else {
        i++;
      }
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    } else if (c === '"') {
      string();
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      number();
    } else if (c === 't') {
      literal('true');
    } else if (c === 'f') {
      literal('false');
    } else if (c === 'n') {
      literal('null');
    } else {
      fail('a value');
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('end of input');
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// zod issues -> located, readable issues

/** The value found at a path (undefined when absent). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** A short description of a JSON value for "got ..." messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') {
    const s = JSON.stringify(v);
    return s.length > 40 ? `${s.slice(0, 37)}..."` : s;
  }
  return String(v);
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  array: 'an array',
  object: 'an object',
  boolean: 'true or false',
};

/**
 * Converts zod issues to located issues with plain-English messages. `parsed` is the value
 * the schema was applied to, found at `prefix` in the whole document; `allowedKeys(path)`
 * lists the keys allowed at an object path (for "unknown key" hints).
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  parsed: unknown,
  prefix: JsonPath,
  allowedKeys: (path: JsonPath) => readonly string[] | undefined,
): Issue[] {
  const out: Issue[] = [];
  for (const iss of issues) {
    const rel = iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const path: PathSegment[] = [...prefix, ...rel];
    const got = valueAt(parsed, rel);
    switch (iss.code) {
      case 'invalid_type': {
        const want = TYPE_NAMES[iss.expected] ?? iss.expected;
        out.push({ path, message: got === undefined ? `missing (expected ${want})` : `expected ${want}, got ${describeValue(got)}` });
        break;
      }
      case 'invalid_value':
        out.push({ path, message: `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(got)}` });
        break;
      case 'unrecognized_keys': {
        const allowed = allowedKeys(path);
        for (const key of iss.keys) {
          const hint = allowed ? ` (${suggest(key, allowed)}allowed: ${allowed.join(', ')})` : '';
          out.push({ path: [...path, key], message: `unknown key${hint}` });
        }
        break;
      }
      case 'too_small': {
        const min = String(iss.minimum);
        if (iss.origin === 'array') out.push({ path, message: `expected at least ${min} element${min === '1' ? '' : 's'}, got ${describeValue(got)}` });
        else if (iss.origin === 'string') out.push({ path, message: 'must not be empty' });
        else out.push({ path, message: `expected a value >= ${min}, got ${describeValue(got)}` });
        break;
      }
      case 'too_big': {
        const max = String(iss.maximum);
        out.push({ path, message: `expected a value <= ${max}, got ${describeValue(got)}` });
        break;
      }
      case 'invalid_union':
        // Our unions carry their own message (see `numeric` in parse.ts).
        if (!iss.message.startsWith('expected')) out.push({ path, message: `invalid value ${describeValue(got)}` });
        else if (got === undefined) out.push({ path, message: `missing (${iss.message})` });
        else out.push({ path, message: `${iss.message}, got ${describeValue(got)}` });
        break;
      default:
        out.push({ path, message: iss.message });
    }
  }
  return out;
}

/** `did you mean "network"? ` when a known key is within edit distance 2. */
function suggest(key: string, allowed: readonly string[]): string {
  let best: string | null = null;
  let bestD = 3;
  for (const a of allowed) {
    const d = editDistance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best === null ? '' : `did you mean "${best}"? `;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------------------
// numbers

/**
 * A JSON number or string as an exact rational. Strings are "p/q", integers or decimals
 * ("0.1" is 1/10). A non-integer JSON number is read as the decimal it was written as
 * (its shortest round-trip form: 0.1 is 1/10, not the double nearest to it), which is what
 * a person writing an instance means; integers beyond 2^53 cannot survive JSON.parse
 * exactly, so they must be written as strings. Returns an error message instead of throwing.
 */
export function toRational(v: number | string): Rational | string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `expected a finite number, got ${v}`;
    if (Number.isInteger(v)) {
      if (!Number.isSafeInteger(v)) return `integer ${v} is too large to be exact in JSON; write it as a string`;
      return Rational.of(BigInt(v));
    }
    return Rational.parse(String(v));
  }
  try {
    return Rational.parse(v);
  } catch {
    return `not a number: ${describeValue(v)} (write a number or a string such as "3/2" or "0.25")`;
  }
}
