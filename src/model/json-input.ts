/**
 * Shared machinery for reading user JSON (instances, parameters, certificates, reduction
 * sources) exactly and with errors that say where the problem is: JSON syntax errors as
 * `source:line:column`, everything else as a JSON path such as `examples[3].x` or
 * `network.units[2].inputs[1]`. Numbers are never rounded: see JsonNumber and toRational.
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
 * A JSON number as it was written: `text` is its source text (JSON grammar, e.g.
 * "0.10000000000000001", "1e-400", "2.5E+3"), so its exact decimal value is never lost to
 * floating point. The reader gives integer literals of at most 15 digits (no fraction, no
 * exponent) as plain JS numbers, which hold them exactly, and every other number as a
 * JsonNumber; `toRational` and `jsonInteger` read both exactly.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Deepest nesting of arrays and objects the reader accepts (an instance needs 5). */
export const MAX_JSON_DEPTH = 512;

type ReadResult = { ok: true; value: unknown } | { ok: false; offset: number; message: string; syntax: boolean };

/**
 * Reads JSON text (RFC 8259) into plain values, numbers as described at JsonNumber. Objects
 * are ordinary objects whose keys are all own data properties (a key "__proto__" included,
 * as with JSON.parse). With `rejectDuplicates` a key repeated in one object is an error
 * (JSON.parse would silently keep the last value). Errors carry the offset of the first
 * offending character; `syntax` is false for the errors that JSON.parse would not raise
 * (duplicate keys, nesting beyond MAX_JSON_DEPTH).
 */
function readJson(text: string, rejectDuplicates: boolean): ReadResult {
  let i = 0;
  const n = text.length;
  class Fail {
    constructor(readonly offset: number, readonly message: string, readonly syntax = true) {}
  }
  const show = (at: number): string => JSON.stringify(text[at]);
  const fail = (what: string, at = i): never => {
    throw new Fail(at, at >= n ? `unexpected end of input, expected ${what}` : `unexpected ${show(at)}, expected ${what}`);
  };
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const literal = (word: string, value: unknown): unknown => {
    for (let j = 0; j < word.length; j++) {
      if (text[i + j] !== word[j]) fail(`"${word}"`, i + j);
    }
    i += word.length;
    return value;
  };
  const digits = (what: string) => {
    if (!isDigit(text.charCodeAt(i))) fail(what);
    while (isDigit(text.charCodeAt(i))) i++;
  };
  const number = (): number | JsonNumber => {
    const start = i;
    const neg = text.charCodeAt(i) === 45; // '-'
    if (neg) i++;
    // The integer part's value, accumulated while it has at most 15 digits (exact as a double).
    let int = 0;
    const intStart = i;
    if (text.charCodeAt(i) === 48) i++; // a lone leading '0'
    else {
      if (!isDigit(text.charCodeAt(i))) fail('a digit');
      for (let c = text.charCodeAt(i); isDigit(c); c = text.charCodeAt(++i)) int = int * 10 + (c - 48);
    }
    let plain = i - intStart <= 15;
    if (text.charCodeAt(i) === 46) {
      plain = false;
      i++;
      digits('a digit after the decimal point');
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      plain = false;
      i++;
      const s = text.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      digits('a digit in the exponent');
    }
    // "-0" is read as 0.
    if (plain) return neg && int !== 0 ? -int : int;
    return new JsonNumber(text.slice(start, i));
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    let runStart = i;
    for (;;) {
      if (i >= n) fail('a closing \'"\'');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) throw new Fail(i, 'control character inside a string (escape it)');
      if (c !== 92) {
        i++;
        continue;
      }
      out += text.slice(runStart, i);
      const esc = text[i + 1];
      if (esc === 'u') {
        for (let j = 2; j < 6; j++) {
          if (!/[0-9a-fA-F]/.test(text[i + j] ?? '')) fail('a hex digit in \\u escape', i + j);
        }
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        const k = esc === undefined ? -1 : '"\\/bfnrt'.indexOf(esc);
        if (k < 0) throw new Fail(i, 'invalid escape in string');
        out += '"\\/\b\f\n\r\t'[k];
        i += 2;
      }
      runStart = i;
    }
  };
  const value = (depth: number): unknown => {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (depth >= MAX_JSON_DEPTH) throw new Fail(i, `nested deeper than ${MAX_JSON_DEPTH} arrays and objects`, false);
    }
    if (c === 123) {
      // '{'
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) fail('a property name in double quotes');
        const keyAt = i;
        const key = string();
        ws();
        if (text.charCodeAt(i) !== 58) fail("':' after the property name");
        i++;
        const v = value(depth + 1);
        if (Object.hasOwn(obj, key)) {
          if (rejectDuplicates) throw new Fail(keyAt, `duplicate key ${JSON.stringify(key)} (a key may appear once in an object)`, false);
        }
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
        else obj[key] = v;
        ws();
        const d = text.charCodeAt(i);
        if (d === 44) {
          i++;
          continue;
        }
        if (d === 125) {
          i++;
          return obj;
        }
        fail("',' or '}'");
      }
    }
    if (c === 91) {
      // '['
      i++;
      const arr: unknown[] = [];
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        const d = text.charCodeAt(i);
        if (d === 44) {
          i++;
          continue;
        }
        if (d === 93) {
          i++;
          return arr;
        }
        fail("',' or ']'");
      }
    }
    if (c === 34) return string();
    if (c === 45 || isDigit(c)) return number();
    if (c === 116) return literal('true', true);
    if (c === 102) return literal('false', false);
    if (c === 110) return literal('null', null);
    return fail('a value');
  };
  try {
    const v = value(0);
    ws();
    if (i < n) fail('end of input');
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, offset: e.offset, message: e.message, syntax: e.syntax };
    throw e;
  }
}

/**
 * Reads user JSON exactly: numbers keep their written decimal value (see JsonNumber), a
 * repeated key in one object is an error, and errors are located as
 * `source:line:column: invalid JSON: <what>`. A leading byte-order mark is ignored.
 */
export function parseJsonText(text: string, source: string): unknown {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const r = readJson(bom ? text.slice(1) : text, true);
  if (r.ok) return r.value;
  const { line, column } = lineColumn(text, r.offset + bom);
  throw new InputError(r.syntax ? `invalid JSON: ${r.message}` : r.message, `${source}:${line}:${column}`);
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
 * The offset and description of the first syntax error in `text` (RFC 8259), or null when
 * it is valid JSON (duplicate keys allowed, as JSON.parse allows them).
 */
export function locateJsonError(text: string): { offset: number; message: string } | null {
  const r = readJson(text, false);
  return r.ok ? null : { offset: r.offset, message: r.message };
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
  if (v instanceof JsonNumber) return shortText(v.text);
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

/** Largest |exponent| written in a number, and most digits, that are read exactly. */
export const MAX_NUMBER_EXPONENT = 10000;
export const MAX_NUMBER_DIGITS = 10000;

/** Small integers share one Rational each (instances are mostly 0/1 values). */
const SMALL = Array.from({ length: 513 }, (_, k) => Rational.of(BigInt(k - 256)));

function shortText(t: string): string {
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/**
 * The exact value of a JSON number's text (JSON grammar), or an error message when it is
 * beyond the limits above (so "1e999999999" is an error, not a gigantic BigInt).
 */
function decimalValue(text: string): Rational | string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/.exec(text);
  if (m === null) return `not a number: ${shortText(text)}`;
  const [, sign, int, frac = '', expSign, expDigits = '0'] = m;
  const expTrim = expDigits.replace(/^0+(?=\d)/, '');
  if (expTrim.length > 6 || Number(expTrim) > MAX_NUMBER_EXPONENT) {
    return `number ${shortText(text)} is out of range: exponents from -${MAX_NUMBER_EXPONENT} to ${MAX_NUMBER_EXPONENT} are read`;
  }
  if (int.length + frac.length > MAX_NUMBER_DIGITS) {
    return `number ${shortText(text)} has more than ${MAX_NUMBER_DIGITS} digits`;
  }
  const mant = BigInt(int + frac) * (sign === '-' ? -1n : 1n);
  const e = (expSign === '-' ? -1 : 1) * Number(expTrim) - frac.length;
  return e >= 0 ? Rational.of(mant * 10n ** BigInt(e)) : Rational.of(mant, 10n ** BigInt(-e));
}

/**
 * A JSON number or string as an exact rational. A number read from JSON text is the exact
 * decimal it was written as ("0.10000000000000001" is 10000000000000001/10^17, "1e-400" is
 * 1/10^400), within MAX_NUMBER_EXPONENT and MAX_NUMBER_DIGITS. Strings are "p/q", integers
 * or decimals ("0.1" is 1/10). A JS number given directly (not read from text) is an integer
 * or the decimal of its shortest round-trip form (0.1 is 1/10, not the double nearest to
 * it); a JS integer beyond 2^53 is refused, its digits being already lost. Returns an error
 * message instead of throwing.
 */
export function toRational(v: number | string | JsonNumber): Rational | string {
  if (v instanceof JsonNumber) return decimalValue(v.text);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `expected a finite number, got ${v}`;
    if (Number.isInteger(v)) {
      if (v >= -256 && v <= 256) return SMALL[v + 256];
      if (!Number.isSafeInteger(v)) return `integer ${v} is too large to be exact in JSON; write it as a string`;
      return Rational.of(BigInt(v));
    }
    return Rational.parse(String(v));
  }
  if (v.length > 2 * MAX_NUMBER_DIGITS + 10) return `not a number: ${describeValue(v)} (more than ${MAX_NUMBER_DIGITS} digits)`;
  try {
    return Rational.parse(v);
  } catch {
    return `not a number: ${describeValue(v)} (write a number or a string such as "3/2" or "0.25")`;
  }
}

/**
 * An exact integer from a JSON number (a JS number or a JsonNumber), or an error message:
 * "1.0" and "1e2" are the integers 1 and 100, "1.0000000000000001" is not an integer, and
 * integers beyond 2^53 - 1 in absolute value are refused. Callers check their own range.
 */
export function jsonInteger(v: number | JsonNumber): number | string {
  let q: Rational;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return `expected an integer, got ${v}`;
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    q = Rational.of(BigInt(v));
  } else {
    const r = decimalValue(v.text);
    if (typeof r === 'string') return r;
    if (!r.isInteger()) return `expected an integer, got ${shortText(v.text)}`;
    q = r;
  }
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (q.num > limit || q.num < -limit) return `integer ${shortText(String(v))} is too large (at most 2^53 - 1 = ${Number.MAX_SAFE_INTEGER} in absolute value)`;
  return Number(q.num);
}

/** A JSON number whose exact value is an integer within 2^53 - 1, as a JS number; any other value as it is. */
export function integerOrSelf(v: unknown): unknown {
  if (!(v instanceof JsonNumber)) return v;
  const k = jsonInteger(v);
  return typeof k === 'number' ? k : v;
}

/** True for a value `jsonInteger` or `toRational` reads as a number. */
export function isJsonNumber(v: unknown): v is number | JsonNumber {
  return typeof v === 'number' || v instanceof JsonNumber;
}
